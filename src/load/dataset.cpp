#include "load/dataset.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <set>


#include "base/files.h"
#include "base/heap.h"
#include "base/json_text.h"
#include "base/md5.h"
#include "load/convert.h"
#include "load/hints.h"
#include "builtin/schemas.h"
#include "load/json_fields.h"

namespace timeline {
namespace {

namespace fs = std::filesystem;

// The record arrays of a data set file, in the order the file format lists them.
constexpr std::size_t kHashAside = 256 << 10;  // bytes: a file this long is hashed on a thread of its own
constexpr const char* kKinds[] = {"units", "lanes", "metrics", "sources", "entities", "eras", "events", "figures"};

// "/events/3/date" -> "/events/3"; "" when the pointer is not inside a record.
std::string record_pointer(const std::string& pointer, std::size_t levels) {
    std::size_t pos = 0;
    for (std::size_t k = 0; k < levels; ++k) {
        pos = pointer.find('/', pos + 1);
        if (pos == std::string::npos) return k + 1 == levels ? pointer : std::string();
    }
    return pointer.substr(0, pos);
}

std::string id_at(json::Value root, const std::string& rec_pointer) {
    if (rec_pointer.empty()) return {};
    const json::Value v = json::resolve(root, rec_pointer);
    if (!v.is_object()) return {};
    return convert::record_id(v);
}

// Reports schema errors of one instance. `base` is prepended to the error pointers (used
// for CSV records validated one by one), `levels` is the depth of a record pointer
// ("/events/3": 2, "/3": 1). Returns the pointers of records that have errors.
std::set<std::string> report_schema_errors(const std::vector<SchemaProblem>& problems, const std::string& file,
                                           json::Value root, std::size_t levels, const SourceMap& map,
                                           Diagnostics& diags) {
    std::set<std::string> bad;
    for (auto p : problems) {
        explain(p, root);
        const std::string rec = record_pointer(p.pointer, levels);
        if (!rec.empty()) bad.insert(rec);
        const bool at_key = p.at_member_name;
        diags.add({Severity::error, p.code, file, map.position(file, p.pointer, at_key), p.pointer,
                   id_at(root, rec), p.message});
    }
    return bad;
}

// The values of "id" members in JSON text that may not parse: a tolerant scan of its strings.
void scan_ids(std::string_view text, std::set<std::string>& out) {
    auto read_string = [&text](std::size_t& i) {  // at an opening quote; stops at a line end
        std::string s;
        for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i) {
            if (text[i] == '\\' && i + 1 < text.size()) ++i;
            s += text[i];
        }
        if (i < text.size() && text[i] == '"') ++i;
        return s;
    };
    auto skip_space = [&text](std::size_t& i) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    };
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] != '"') {
            ++i;
            continue;
        }
        if (read_string(i) != "id") continue;
        skip_space(i);
        if (i >= text.size() || text[i] != ':') continue;
        ++i;
        skip_space(i);
        if (i < text.size() && text[i] == '"') out.insert(read_string(i));
    }
}

class Loader {
public:
    Loader(Diagnostics& diags, LoadedData& out, const LoadLimits& limits) : diags_(diags), out_(out), limits_(limits) {}

    // Reads a file within the per-file limit and the limit of all files together; nullopt
    // (with a diagnostic) otherwise.
    std::optional<std::string> read(const std::string& file) {
        auto text = read_file(file, diags_, limits_.max_file_bytes);
        if (!text || !count(file, text->size())) return std::nullopt;
        return text;
    }

    // Adds a file's bytes to the total; false (with a diagnostic) when that passes the limit.
    bool count(const std::string& file, std::size_t bytes) {
        total_ += bytes;
        if (total_ <= limits_.max_total_bytes) return true;
        too_large(file, total_, limits_);
        return false;
    }

    void json_file(const std::string& file, const std::string& text) {
        const std::size_t errors_before = diags_.count(Severity::error);
        auto doc = json::parse(text, file, diags_);
        // Duplicate keys or broken strings: the values are not what the author wrote, so
        // the file is not validated or used further.
        if (!doc || diags_.count(Severity::error) != errors_before) {
            scan_ids(text, out_.unread_ids);
            return;
        }
        // The values stay while the records are converted; the source map keeps the text.
        const std::shared_ptr<const json::Tree> tree = doc->tree();
        const json::Value root = tree->root();
        out_.sources.add_json(file, std::move(*doc));
        const auto problems = schemas().validate("dataset.schema.json", root);
        const bool info_ok = std::none_of(problems.begin(), problems.end(), [](const SchemaProblem& p) {
            return p.pointer == "/dataset" || p.pointer.rfind("/dataset/", 0) == 0;
        });
        const auto bad = report_schema_errors(problems, file, root, 2, out_.sources, diags_);
        for (const auto& pointer : bad)
            if (auto id = id_at(root, pointer); !id.empty()) out_.unread_ids.insert(std::move(id));
        if (!root.is_object()) return;
        if (root.has("dataset") && info_ok) dataset_info(root.find("dataset"), file);
        for (const char* kind : kKinds) {
            const json::Value arr = root.find(kind);
            if (!arr.is_array()) continue;
            const std::string array_pointer = pointer_append("", kind);
            for (std::size_t k = 0; k < arr.size(); ++k) {
                const json::Value item = arr.item(k);
                if (!item.is_object()) continue;
                const std::string pointer = pointer_append(array_pointer, k);
                if (!bad.empty() && bad.count(pointer)) continue;
                add_record(kind, item, file, pointer);
            }
        }
    }

    // Reads a file of the data set (or takes its unsaved text) and loads it.
    void file(const std::string& file, const std::string* unsaved) {
        const bool csv = fs::path(file).extension() == ".csv";
        const auto kind = csv_kind_from_filename(file);
        if (csv && !kind) {
            diags_.error("csv-unknown-kind",
                         "cannot tell the record kind of a CSV file: name it *.events.csv or *.figures.csv", file);
            return;
        }
        std::optional<std::string> read_text;
        if (unsaved) {
            if (!count(file, unsaved->size())) return;
        } else {
            read_text = read(file);
            if (!read_text) return;
        }
        const std::string& text = unsaved ? *unsaved : *read_text;
        // A long file is hashed on a thread of its own while it is parsed (MD5 runs at about
        // 0.5 GB/s: 2 ms a megabyte on the loading path otherwise).
        std::future<void> hashed;
        if (text.size() >= kHashAside) hashed = std::async(std::launch::async, [this, &text] { digest_.update(text); });
        else digest_.update(text);
        if (csv) csv_file(file, text, *kind);
        else json_file(file, text);
        if (hashed.valid()) hashed.get();
    }

    void csv_file(const std::string& file, const std::string& text, CsvKind kind) {
        const CsvTable table = parse_csv(text, file, diags_);
        for (std::size_t c = 0; c < table.header.size(); ++c) {
            if (table.header[c] != "id") continue;
            for (const CsvRow& row : table.rows)
                if (row.malformed && c < row.cells.size() && !row.cells[c].empty()) out_.unread_ids.insert(row.cells[c]);
            break;
        }
        std::vector<CsvRecordOrigin> origins;
        const auto tree = csv_to_records(table, kind, file, diags_, origins);
        out_.sources.add_csv(file, std::move(origins));
        const json::Value root = tree->root();
        const char* kind_name = csv_kind_name(kind);
        for (std::size_t k = 0; k < root.size(); ++k) {
            const json::Value item = root.item(k);
            const std::string pointer = pointer_append("", k);
            auto problems = schemas().validate_record(kind_name, item);
            for (auto& p : problems) p.pointer = pointer + p.pointer;
            if (!report_schema_errors(problems, file, root, 1, out_.sources, diags_).empty()) {
                if (auto id = id_at(root, pointer); !id.empty()) out_.unread_ids.insert(std::move(id));
                continue;
            }
            add_record(kind_name, item, file, pointer);
        }
    }

    bool over_limit() const { return total_ > limits_.max_total_bytes; }

    static void too_large(const std::string& file, std::uintmax_t total, const LoadLimits& limits,
                          Diagnostics& diags) {
        diags.error("data-too-large",
                    "with this file the data files come to " + std::to_string(total) + " bytes, over the limit of " +
                        byte_size_text(limits.max_total_bytes) +
                        " for all data files of a run together; read fewer directories or a smaller data set",
                    file);
    }

    std::string digest() { return digest_.hex(); }

private:
    void too_large(const std::string& file, std::uintmax_t total, const LoadLimits& limits) {
        too_large(file, total, limits, diags_);
    }

    Diagnostics& diags_;
    LoadedData& out_;
    const LoadLimits& limits_;
    std::size_t total_ = 0;
    std::size_t records_ = 0;  // records added so far
    Md5 digest_;

    // The data set's title; one file of a data set may give it.
    void dataset_info(json::Value o, const std::string& file) {
        if (!o.is_object()) return;
        Dataset& ds = out_.dataset;
        if (ds.info) {
            diags_.add({Severity::error, "dataset-repeated", file, out_.sources.position(file, "/dataset", true), "/dataset", {},
                        "\"dataset\" is given again (first in " + ds.info->origin.file +
                            "); a data set has one title: keep it in one file"});
            return;
        }
        ds.info = DatasetInfo{json_fields::text(o, "title"), json_fields::text(o, "subtitle"), {file, "/dataset", {}}};
    }

    void add_record(std::string_view kind, json::Value o, const std::string& file, const std::string& pointer) {
        if ((++records_ & 1023) == 0) advise_heap();  // the records grow the heap (base/heap.h)
        const std::string id = convert::record_id(o);
        const convert::Where w{file, pointer, id};
        const Origin origin{file, pointer, {}};
        Dataset& ds = out_.dataset;
        if (kind == "units") ds.units.push_back(convert::unit(o)), ds.units.back().origin = origin;
        else if (kind == "lanes") ds.lanes.push_back(convert::lane(o)), ds.lanes.back().origin = origin;
        else if (kind == "metrics") ds.metrics.push_back(convert::metric(o)), ds.metrics.back().origin = origin;
        else if (kind == "sources") ds.sources.push_back(convert::source(o, w, diags_)), ds.sources.back().origin = origin;
        else if (kind == "entities") ds.entities.push_back(convert::entity(o)), ds.entities.back().origin = origin;
        else if (kind == "eras") ds.eras.push_back(convert::era(o, w, diags_)), ds.eras.back().origin = origin;
        else if (kind == "events") ds.events.push_back(convert::event(o, w, diags_)), ds.events.back().origin = origin;
        else if (kind == "figures") ds.figures.push_back(convert::figure(o, w, diags_)), ds.figures.back().origin = origin;
    }
};

// Resolves relative dates against the publication date of the record's source.
void resolve_relative_dates(Dataset& ds, Diagnostics& diags) {
    auto resolve = [&](DateField& f, const std::string& source_id, const Origin& origin, const std::string& id) {
        if (!f.relative || f.resolved) return;
        const std::string pointer = pointer_append(origin.pointer, "date");
        const Source* src = source_id.empty() ? nullptr : ds.source(source_id);
        if (!src) {
            if (source_id.empty())
                diags.error("relative-date-unresolved", "a relative date needs the record to name a source", origin.file,
                            {}, pointer, id);
            return;  // a dangling source is reported by the checks
        }
        if (!src->published || !src->published->resolved) {
            diags.error("relative-date-unresolved",
                        "relative date cannot be resolved: source \"" + source_id + "\" has no publication date",
                        origin.file, {}, pointer, id);
            return;
        }
        std::string error;
        const auto offset = parse_offset(f.relative->offset, error);
        if (!offset) return;  // reported when the record was read
        const auto when =
            resolve_relative(src->published->when, *offset, f.relative->precision, f.relative->approximate, error);
        if (!when) {
            diags.error("relative-date-unresolved", error, origin.file, {}, pointer, id);
            return;
        }
        f.when = *when;
        f.resolved = true;
    };
    for (auto& e : ds.events) resolve(e.date, e.source, e.origin, e.id);
    for (auto& f : ds.figures) resolve(f.date, f.source, f.origin, f.id);
    for (auto& e : ds.eras) resolve(e.date, e.source, e.origin, e.id);
}

}  // namespace

void SourceMap::add_json(const std::string& file, json::Document doc) {
    // Positions come from the text (indexed when a diagnostic first asks); the parsed values
    // are the loader's, and go with it.
    doc.drop_values();
    json_.insert_or_assign(file, std::move(doc));
}

void SourceMap::add_csv(const std::string& file, std::vector<CsvRecordOrigin> origins) {
    csv_.insert_or_assign(file, std::move(origins));
}

SourcePos SourceMap::position(const std::string& file, const std::string& pointer, bool key) const {
    if (const auto it = json_.find(file); it != json_.end())
        return key ? it->second.key_position(pointer) : it->second.position(pointer);
    if (const auto it = csv_.find(file); it != csv_.end()) return csv_position(it->second, pointer);
    return {};
}

void SourceMap::locate(Diagnostics& diags) const {
    for (auto& d : diags.items())
        if (!d.pos.known() && !d.file.empty() && !d.pointer.empty()) d.pos = position(d.file, d.pointer);
}

std::vector<std::string> data_files(const std::vector<std::string>& dirs, Diagnostics& diags) {
    std::vector<std::string> files;
    for (const auto& dir : dirs) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) {
            diags.error("io-read", "data directory does not exist", dir);
            continue;
        }
        std::vector<std::string> here;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            const auto ext = entry.path().extension();
            if (entry.is_regular_file() && (ext == ".json" || ext == ".csv")) here.push_back(entry.path().string());
        }
        if (ec) diags.error("io-read", "cannot list directory: " + ec.message(), dir);
        std::sort(here.begin(), here.end());
        files.insert(files.end(), here.begin(), here.end());
    }
    return files;
}

LoadedData load_files(const std::vector<std::string>& files, Diagnostics& diags, Progress* progress,
                      const std::vector<FileText>& unsaved, const LoadLimits& limits) {
    LoadedData out;
    // The sizes first, so that a data set over the limit is refused before anything is read.
    std::uintmax_t total = 0;
    for (const auto& u : unsaved) total += u.text.size();
    for (const auto& file : files) {
        std::error_code ec;
        const auto size = fs::file_size(file, ec);
        if (ec) continue;  // reported when it is read
        total += size;
        if (total > limits.max_total_bytes) {
            Loader::too_large(file, total, limits, diags);
            return out;
        }
    }
    Loader loader(diags, out, limits);
    const std::size_t count = files.size() + unsaved.size();
    for (const auto& file : files) {
        if (loader.over_limit()) break;
        if (progress) progress->update("reading " + file, out.files.size() + 1, count);
        out.files.push_back(file);
        loader.file(file, nullptr);
    }
    for (const auto& u : unsaved) {
        if (loader.over_limit()) break;
        if (progress) progress->update("reading " + u.name, out.files.size() + 1, count);
        out.files.push_back(u.name);
        loader.file(u.name, &u.text);
    }
    out.digest = loader.digest();
    resolve_relative_dates(out.dataset, diags);
    out.sources.locate(diags);
    return out;
}

}  // namespace timeline
