// SchemaRegistry::map_directory: schema documents served from files. Kept apart so that
// programs which never load schema files do not link the JSON parser.

#include "base/files.h"
#include "json/parse.h"
#include "schema/uri.h"
#include "schema/validator.h"

namespace timeline::schema {

void SchemaRegistry::map_directory(const std::string& uri_prefix, const std::string& directory) {
    add_loader([uri_prefix, directory](const std::string& uri, std::string& error) -> std::shared_ptr<const json::Tree> {
        if (uri.compare(0, uri_prefix.size(), uri_prefix) != 0) return nullptr;
        std::string relative;
        if (!detail::percent_decode(uri.substr(uri_prefix.size()), relative)) {
            error = "malformed percent escape in " + uri;
            return nullptr;
        }
        const std::size_t query = relative.find('?');
        if (query != std::string::npos) relative.resize(query);
        if (relative.empty() || relative[0] == '/' || ("/" + relative + "/").find("/../") != std::string::npos) {
            error = "refusing to load " + uri + " outside " + directory;
            return nullptr;
        }
        const std::string path = directory + (directory.empty() || directory.back() == '/' ? "" : "/") + relative;
        Diagnostics diags;
        const std::optional<std::string> text = read_file(path, diags);
        if (!text) {
            error = "cannot read " + path;
            return nullptr;
        }
        json::ParseLimits limits;
        limits.big_integers = json::BigIntegers::as_double;
        std::optional<json::Document> doc = json::parse(*text, path, diags, limits);
        if (!doc || diags.has_errors()) {
            error = path + " is not valid JSON" + (diags.empty() ? std::string() : ": " + diags.items().front().message);
            return nullptr;
        }
        return doc->tree();
    });
}

}  // namespace timeline::schema
