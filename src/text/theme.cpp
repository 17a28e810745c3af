#include "text/theme.h"

#include <filesystem>
#include <set>

#include <unistd.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "base/files.h"
#include "json/parse.h"

namespace timeline::text {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

// JSON pointer escaping of one key (RFC 6901).
std::string escape_key(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

class Reader {
public:
    Reader(const json::Document& doc, const std::string& file, Diagnostics& diags)
        : doc_(doc), file_(file), diags_(diags) {}

    void error(const std::string& code, const std::string& pointer, const std::string& message) {
        diags_.error(code, message, file_, doc_.position(pointer), pointer);
        ++errors_;
    }
    int errors() const { return errors_; }

    Object::Ptr object(const Var& v, const std::string& pointer, const std::string& what) {
        if (v.type() == typeid(Object::Ptr)) return v.extract<Object::Ptr>();
        error("theme-invalid", pointer, what + " must be an object");
        return nullptr;
    }

    std::optional<std::string> string(const Object::Ptr& o, const std::string& key, const std::string& pointer,
                                      bool required) {
        if (!o->has(key)) {
            if (required) error("theme-invalid", pointer, "missing member \"" + key + "\"");
            return std::nullopt;
        }
        Var v = o->get(key);
        if (v.type() != typeid(std::string)) {
            error("theme-invalid", pointer + "/" + escape_key(key), "\"" + key + "\" must be a string");
            return std::nullopt;
        }
        return v.extract<std::string>();
    }

    std::optional<double> number(const Object::Ptr& o, const std::string& key, const std::string& pointer) {
        if (!o->has(key)) {
            error("theme-invalid", pointer, "missing member \"" + key + "\"");
            return std::nullopt;
        }
        Var v = o->get(key);
        if (v.type() == typeid(Poco::Int64)) return static_cast<double>(v.extract<Poco::Int64>());
        if (v.type() == typeid(double)) return v.extract<double>();
        error("theme-invalid", pointer + "/" + escape_key(key), "\"" + key + "\" must be a number");
        return std::nullopt;
    }

    void unknown_members(const Object::Ptr& o, const std::set<std::string>& known, const std::string& pointer) {
        for (const auto& name : o->getNames())
            if (!known.count(name))
                diags_.warning("theme-unknown-member", "unknown member \"" + name + "\" is ignored", file_,
                               doc_.key_position(pointer + "/" + escape_key(name)), pointer + "/" + escape_key(name));
    }

private:
    const json::Document& doc_;
    const std::string& file_;
    Diagnostics& diags_;
    int errors_ = 0;
};

std::string resolve_path(const std::string& font_file, const std::string& theme_file) {
    std::filesystem::path p(font_file);
    if (p.is_absolute() || theme_file.empty()) return font_file;
    return (std::filesystem::path(theme_file).parent_path() / p).lexically_normal().string();
}

}  // namespace

std::optional<Theme> parse_theme(std::string_view text, const std::string& file, Diagnostics& diags,
                                 const ThemeOptions& options) {
    Diagnostics local;
    auto doc = json::parse(text, file, local);
    diags.append(local);
    if (!doc || local.has_errors()) return std::nullopt;

    Reader r(*doc, file, diags);
    Theme theme;
    Object::Ptr root = r.object(doc->root, "", "the theme");
    if (!root) return std::nullopt;
    r.unknown_members(root, {"id", "fonts", "styles", "$schema", "description"}, "");
    if (auto id = r.string(root, "id", "", false)) theme.id = *id;

    if (!root->has("fonts")) {
        r.error("theme-invalid", "", "missing member \"fonts\"");
    } else if (Object::Ptr fonts = r.object(root->get("fonts"), "/fonts", "\"fonts\"")) {
        if (fonts->size() == 0) r.error("theme-invalid", "/fonts", "\"fonts\" is empty: the theme needs at least one font");
        for (const auto& name : fonts->getNames()) {
            const std::string ptr = "/fonts/" + escape_key(name);
            Object::Ptr f = r.object(fonts->get(name), ptr, "font \"" + name + "\"");
            if (!f) continue;
            r.unknown_members(f, {"file", "index", "package", "role"}, ptr);
            FontFile ff;
            auto path = r.string(f, "file", ptr, true);
            if (f->has("index")) {
                Var v = f->get("index");
                if (v.type() != typeid(Poco::Int64) || v.extract<Poco::Int64>() < 0 ||
                    v.extract<Poco::Int64>() > 65535) {
                    r.error("theme-invalid", ptr + "/index",
                            "\"index\" of font \"" + name + "\" must be a face number 0..65535");
                    continue;
                }
                ff.index = static_cast<int>(v.extract<Poco::Int64>());
            }
            if (auto pkg = r.string(f, "package", ptr, false)) ff.package = *pkg;
            if (auto role = r.string(f, "role", ptr, false)) ff.role = *role;
            if (!path) continue;
            if (path->empty()) {
                r.error("theme-invalid", ptr + "/file", "\"file\" of font \"" + name + "\" is empty");
                continue;
            }
            ff.file = resolve_path(*path, file);
            if (options.check_files && ::access(ff.file.c_str(), R_OK) != 0) {
                std::string msg = "font file " + ff.file + " of font \"" + name + "\" is missing or unreadable";
                msg += ff.package.empty() ? std::string(": install the font or change the theme")
                                          : ": install the Debian package " + ff.package;
                r.error("font-missing", ptr + "/file", msg);
                continue;
            }
            theme.fonts.emplace(name, std::move(ff));
        }
    }

    if (!root->has("styles")) {
        r.error("theme-invalid", "", "missing member \"styles\"");
    } else if (Object::Ptr styles = r.object(root->get("styles"), "/styles", "\"styles\"")) {
        for (const auto& name : styles->getNames()) {
            const std::string ptr = "/styles/" + escape_key(name);
            Object::Ptr s = r.object(styles->get(name), ptr, "style \"" + name + "\"");
            if (!s) continue;
            r.unknown_members(s, {"chain", "size", "leading"}, ptr);
            Style style;
            bool ok = true;
            if (!s->has("chain")) {
                r.error("theme-invalid", ptr, "missing member \"chain\"");
                ok = false;
            } else if (s->get("chain").type() != typeid(Array::Ptr)) {
                r.error("theme-invalid", ptr + "/chain", "\"chain\" of style \"" + name + "\" must be an array of font names");
                ok = false;
            } else {
                Array::Ptr chain = s->get("chain").extract<Array::Ptr>();
                if (chain->size() == 0) {
                    r.error("theme-invalid", ptr + "/chain", "\"chain\" of style \"" + name + "\" is empty");
                    ok = false;
                }
                for (std::size_t i = 0; i < chain->size(); ++i) {
                    const std::string iptr = ptr + "/chain/" + std::to_string(i);
                    Var v = chain->get(static_cast<unsigned>(i));
                    if (v.type() != typeid(std::string)) {
                        r.error("theme-invalid", iptr, "font names in \"chain\" must be strings");
                        ok = false;
                        continue;
                    }
                    std::string font = v.extract<std::string>();
                    if (root->has("fonts") && root->get("fonts").type() == typeid(Object::Ptr) &&
                        !root->getObject("fonts")->has(font)) {
                        r.error("theme-invalid", iptr,
                                "style \"" + name + "\" uses font \"" + font + "\", which \"fonts\" does not define");
                        ok = false;
                        continue;
                    }
                    style.chain.push_back(std::move(font));
                }
            }
            double size = 0, leading = 0;
            if (auto v = r.number(s, "size", ptr)) {
                size = *v;
                if (!(size >= 1 && size <= 200)) {
                    r.error("theme-invalid", ptr + "/size", "\"size\" of style \"" + name + "\" must be 1..200 points");
                    ok = false;
                }
            } else {
                ok = false;
            }
            if (auto v = r.number(s, "leading", ptr)) {
                leading = *v;
                if (!(leading >= 0.5 && leading <= 5)) {
                    r.error("theme-invalid", ptr + "/leading",
                            "\"leading\" of style \"" + name + "\" must be 0.5..5 (times the size)");
                    ok = false;
                }
            } else {
                ok = false;
            }
            if (!ok) continue;
            style.size = size;
            style.leading = leading;
            theme.styles.emplace(name, std::move(style));
        }
    }

    if (r.errors() > 0) return std::nullopt;
    return theme;
}

std::optional<Theme> load_theme(const std::string& path, Diagnostics& diags, const ThemeOptions& options) {
    auto text = read_file(path, diags);
    if (!text) return std::nullopt;
    return parse_theme(*text, path, diags, options);
}

}  // namespace timeline::text
