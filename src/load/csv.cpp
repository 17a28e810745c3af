#include "load/csv.h"

#include <charconv>
#include <cstdio>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <utility>


#include "base/utf8.h"

namespace timeline {

namespace {

constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string count_fields(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " field" : " fields");
}

// ---------------------------------------------------------------------------------------
// Reading

class CsvParser {
public:
    CsvParser(std::string_view text, const std::string& file, Diagnostics& diags)
        : s_(text), file_(file), diags_(diags), first_diag_(diags.size()) {}

    CsvTable run();

private:
    std::string_view s_;
    const std::string& file_;
    Diagnostics& diags_;
    std::size_t i_ = 0;
    int line_ = 1;
    int col_ = 1;
    int last_utf8_error_line_ = 0;  // the last line with a byte that is not UTF-8
    int utf8_lines_ = 0;            // lines with such bytes; only the first is reported
    std::size_t first_diag_ = 0;    // diags_ before this file
    bool recovered_ = false;        // an unterminated quote has been read again as unquoted
    bool row_bad_ = false;          // a problem was reported in the current record

    SourcePos here() const { return {line_, col_}; }
    bool at_end() const { return i_ >= s_.size(); }
    bool at_field_end() const {
        return at_end() || s_[i_] == ',' || s_[i_] == '\n' || s_[i_] == '\r';
    }

    void error(const char* code, std::string message, SourcePos pos) {
        diags_.error(code, std::move(message), file_, pos);
        row_bad_ = true;
    }

    std::size_t sequence_length(std::size_t at) const;
    void step_non_ascii(std::string& out, std::size_t& run);
    std::string read_unquoted(bool quotes_reported);
    bool read_quoted(std::string& out);
    std::string read_field(SourcePos start);
    // Reads one record; `end` is where it ends (before its line break). Returns true when
    // the record is an empty line.
    bool read_record(CsvRow& row, SourcePos& end);
    CsvTable read_table();
};

// Length of the valid UTF-8 sequence starting at s_[at], 0 if it is not one.
std::size_t CsvParser::sequence_length(std::size_t at) const {
    const auto c = static_cast<unsigned char>(s_[at]);
    std::size_t len = 0;
    if ((c & 0xE0) == 0xC0) len = 2;
    else if ((c & 0xF0) == 0xE0) len = 3;
    else if ((c & 0xF8) == 0xF0) len = 4;
    else return 0;
    if (at + len > s_.size()) return 0;
    return utf8::first_invalid(s_.substr(at, len)) ? 0 : len;
}

// At a byte >= 0x80: steps over one code point, or over one invalid byte, which is reported
// and replaced by U+FFFD in `out` (the pending verbatim run starting at `run` is flushed).
void CsvParser::step_non_ascii(std::string& out, std::size_t& run) {
    if (const std::size_t len = sequence_length(i_)) {
        i_ += len;
        ++col_;
        return;
    }
    out.append(s_.substr(run, i_ - run));
    out.append(kReplacementChar);
    if (last_utf8_error_line_ != line_) {
        if (++utf8_lines_ == 1) {
            char byte[8];
            std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(s_[i_])));
            error("csv-invalid-utf8",
                  std::string("invalid UTF-8 byte ") + byte +
                      ": the file is not UTF-8 (a spreadsheet saved it in another encoding, such as GBK); save it "
                      "again as \"CSV UTF-8 (comma delimited)\"",
                  here());
        }
        last_utf8_error_line_ = line_;
    }
    row_bad_ = true;
    ++i_;
    ++col_;
    run = i_;
}

std::string CsvParser::read_unquoted(bool quotes_reported) {
    std::string out;
    std::size_t run = i_;
    while (!at_field_end()) {
        const auto c = static_cast<unsigned char>(s_[i_]);
        if (c < 0x80) {
            if (c == '"' && !quotes_reported) {
                error("csv-quote-in-field",
                      "a quote inside an unquoted field; quote the whole field and double the quote (\"\")",
                      here());
                quotes_reported = true;
            }
            ++i_;
            ++col_;
        } else {
            step_non_ascii(out, run);
        }
    }
    out.append(s_.substr(run, i_ - run));
    return out;
}

// At an opening quote. Appends the unescaped content to `out`; returns false if the end of
// the text comes before the closing quote.
bool CsvParser::read_quoted(std::string& out) {
    ++i_;
    ++col_;
    std::size_t run = i_;
    while (!at_end()) {
        const auto c = static_cast<unsigned char>(s_[i_]);
        if (c == '"') {
            out.append(s_.substr(run, i_ - run));
            if (i_ + 1 < s_.size() && s_[i_ + 1] == '"') {
                out += '"';
                i_ += 2;
                col_ += 2;
                run = i_;
                continue;
            }
            ++i_;
            ++col_;
            return true;
        }
        if (c == '\n' || c == '\r') {
            out.append(s_.substr(run, i_ - run));
            out += '\n';
            if (c == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') ++i_;
            ++i_;
            ++line_;
            col_ = 1;
            run = i_;
            continue;
        }
        if (c < 0x80) {
            ++i_;
            ++col_;
        } else {
            step_non_ascii(out, run);
        }
    }
    out.append(s_.substr(run, i_ - run));
    return false;
}

std::string CsvParser::read_field(SourcePos start) {
    if (at_end() || s_[i_] != '"') return read_unquoted(false);

    const std::size_t saved_i = i_;
    const std::size_t saved_diags = diags_.size();
    const int saved_utf8_line = last_utf8_error_line_;
    const int saved_utf8_lines = utf8_lines_;
    const bool saved_row_bad = row_bad_;

    std::string out;
    if (read_quoted(out)) {
        if (!at_field_end()) {
            error("csv-text-after-quote",
                  "text after the closing quote of a field; quote the whole field and double inner quotes (\"\")",
                  here());
            out += read_unquoted(true);
        }
        return out;
    }
    if (recovered_) {
        // Cannot happen for well-formed reasons (after one unterminated quote every later
        // quote is paired), kept so that reading stays linear whatever the input.
        error("csv-unterminated-quote", "quoted field is never closed", start);
        return out;
    }
    // Forget what was reported inside the would-be field, then read it again as an
    // unquoted field so that the following lines are read normally.
    recovered_ = true;
    diags_.items().resize(saved_diags);
    last_utf8_error_line_ = saved_utf8_line;
    utf8_lines_ = saved_utf8_lines;
    row_bad_ = saved_row_bad;
    i_ = saved_i;
    line_ = start.line;
    col_ = start.column;
    error("csv-unterminated-quote", "quoted field is never closed", start);
    return read_unquoted(true);
}

bool CsvParser::read_record(CsvRow& row, SourcePos& end) {
    row.pos = here();
    const bool empty_line = at_end() || s_[i_] == '\n' || s_[i_] == '\r';
    for (;;) {
        const SourcePos start = here();
        row.positions.push_back(start);
        row.cells.push_back(read_field(start));
        if (!at_end() && s_[i_] == ',') {
            ++i_;
            ++col_;
            continue;
        }
        break;
    }
    end = here();
    if (!at_end()) {  // a line break
        if (s_[i_] == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') ++i_;
        ++i_;
        ++line_;
        col_ = 1;
    }
    return empty_line;
}

CsvTable CsvParser::run() {
    CsvTable table;
    if (s_.substr(0, kBom.size()) == kBom) i_ = kBom.size();
    if (s_.starts_with("\xFF\xFE") || s_.starts_with("\xFE\xFF")) {
        diags_.error("csv-invalid-utf8",
                     "the file is UTF-16 (a spreadsheet's \"Unicode Text\"); save it again as \"CSV UTF-8 (comma "
                     "delimited)\"",
                     file_, SourcePos{1, 1});
        return table;
    }
    table = read_table();
    if (utf8_lines_ > 1) {
        for (std::size_t k = first_diag_; k < diags_.size(); ++k) {
            if (diags_.items()[k].code != "csv-invalid-utf8") continue;
            diags_.items()[k].message += " (" + std::to_string(utf8_lines_) + " lines have such bytes)";
            break;
        }
    }
    return table;
}

CsvTable CsvParser::read_table() {
    CsvTable table;

    bool have_header = false;
    while (!at_end() && !have_header) {
        CsvRow row;
        SourcePos end;
        row_bad_ = false;
        if (read_record(row, end)) continue;
        table.header = std::move(row.cells);
        table.header_positions = std::move(row.positions);
        have_header = true;
    }
    if (!have_header) {
        diags_.error("csv-no-header", "the file has no header row naming the fields", file_, SourcePos{1, 1});
        return table;
    }

    std::unordered_map<std::string_view, std::size_t> first_of;
    first_of.reserve(table.header.size());
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        const std::string& name = table.header[c];
        if (name.empty()) {
            diags_.error("csv-header-empty", "header field " + std::to_string(c + 1) + " has no name", file_,
                         table.header_positions[c]);
            continue;
        }
        const auto [it, inserted] = first_of.emplace(name, c);
        if (!inserted)
            diags_.error("csv-header-duplicate",
                         "\"" + name + "\" appears twice in the header (fields " + std::to_string(it->second + 1) +
                             " and " + std::to_string(c + 1) + ")",
                         file_, table.header_positions[c]);
    }

    const std::size_t width = table.header.size();
    while (!at_end()) {
        CsvRow row;
        SourcePos end;
        row_bad_ = false;
        row.cells.reserve(width);
        row.positions.reserve(width);
        read_record(row, end);
        if (!row_bad_) {
            bool all_empty = true;
            for (const std::string& cell : row.cells) {
                if (!cell.empty()) {
                    all_empty = false;
                    break;
                }
            }
            if (all_empty) continue;  // empty line, or ",,,," left by a spreadsheet
        }
        const std::size_t n = row.cells.size();
        if (n > width) {
            error("csv-too-many-fields",
                  "row has " + count_fields(n) + ", the header has " + std::to_string(width), row.positions[width]);
        } else if (n < width) {
            error("csv-too-few-fields", "row has " + count_fields(n) + ", the header has " + std::to_string(width),
                  end);
        }
        row.malformed = row_bad_;
        table.rows.push_back(std::move(row));
    }
    return table;
}

// ---------------------------------------------------------------------------------------
// Converting

constexpr std::string_view kBilingualFields[] = {"title", "text", "note", "label"};

bool is_bilingual(std::string_view field) {
    for (std::string_view f : kBilingualFields)
        if (f == field) return true;
    return false;
}

std::string_view trim(std::string_view s) {
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    return s.substr(b, e - b);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A number in JSON syntax ("-12", "0.5", "6e10"): an integer literal is an integer (a
// double if it does not fit in 64 bits), anything else a double.
struct CsvNumber {
    bool integral = false;
    std::int64_t i = 0;
    double d = 0;
    void put(json::Make& m) const { integral ? m.integer(i) : m.number(d); }
};

// nullopt if not a finite number in JSON syntax.
std::optional<CsvNumber> parse_number(std::string_view t) {
    std::size_t k = 0;
    if (k < t.size() && t[k] == '-') ++k;
    const std::size_t int_start = k;
    while (k < t.size() && is_digit(t[k])) ++k;
    if (k == int_start) return std::nullopt;
    bool integral = true;
    if (k < t.size() && t[k] == '.') {
        integral = false;
        const std::size_t frac_start = ++k;
        while (k < t.size() && is_digit(t[k])) ++k;
        if (k == frac_start) return std::nullopt;
    }
    if (k < t.size() && (t[k] == 'e' || t[k] == 'E')) {
        integral = false;
        ++k;
        if (k < t.size() && (t[k] == '+' || t[k] == '-')) ++k;
        const std::size_t exp_start = k;
        while (k < t.size() && is_digit(t[k])) ++k;
        if (k == exp_start) return std::nullopt;
    }
    if (k != t.size()) return std::nullopt;

    const char* first = t.data();
    const char* last = t.data() + t.size();
    CsvNumber n;
    if (integral) {
        const auto r = std::from_chars(first, last, n.i);
        if (r.ec == std::errc() && r.ptr == last) {
            n.integral = true;
            return n;
        }
    }
    const auto r = std::from_chars(first, last, n.d);
    if (r.ec != std::errc() || r.ptr != last) return std::nullopt;
    return n;
}

// A figure value: a number, a range "min..max" or a fraction "numerator/denominator", made
// into `m`; false (nothing made) when the cell is none of these.
bool put_value(json::Make& m, std::string_view cell) {
    const std::string_view t = trim(cell);
    if (auto n = parse_number(t)) {
        n->put(m);
        return true;
    }
    auto pair = [&](std::size_t at, std::size_t sep_len, const char* first_key, const char* second_key) {
        auto a = parse_number(trim(t.substr(0, at)));
        auto b = parse_number(trim(t.substr(at + sep_len)));
        if (!a || !b) return false;
        m.begin_object();
        m.key(first_key);
        a->put(m);
        m.key(second_key);
        b->put(m);
        m.end();
        return true;
    };
    if (const auto at = t.find(".."); at != std::string_view::npos) return pair(at, 2, "min", "max");
    if (const auto at = t.find('/'); at != std::string_view::npos) return pair(at, 1, "numerator", "denominator");
    return false;
}

// The items of a list cell ("a; b"), trimmed, empty ones left out.
void put_list(json::Make& m, std::string_view cell) {
    m.begin_array();
    std::size_t start = 0;
    for (;;) {
        const std::size_t semi = cell.find(';', start);
        const std::string_view item =
            trim(cell.substr(start, semi == std::string_view::npos ? std::string_view::npos : semi - start));
        if (!item.empty()) m.string(item);
        if (semi == std::string_view::npos) break;
        start = semi + 1;
    }
    m.end();
}

std::string escape_pointer_token(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

enum class Conversion { string, list, number, value, bilingual };

Conversion conversion_for(CsvKind kind, std::string_view column) {
    switch (kind) {
        case CsvKind::events:
            if (column == "entities" || column == "tags") return Conversion::list;
            if (column == "importance") return Conversion::number;
            break;
        case CsvKind::figures:
            if (column == "value") return Conversion::value;
            break;
    }
    return Conversion::string;
}

// One field of the produced records.
struct OutField {
    std::string key;
    Conversion conversion = Conversion::string;
    int column = -1;     // all but bilingual
    int zh_column = -1;  // bilingual
    int en_column = -1;
};

}  // namespace

CsvTable parse_csv(std::string_view text, const std::string& file, Diagnostics& diags) {
    return CsvParser(text, file, diags).run();
}

const char* csv_kind_name(CsvKind kind) {
    switch (kind) {
        case CsvKind::events: return "events";
        case CsvKind::figures: return "figures";
    }
    return "events";
}

std::optional<CsvKind> csv_kind_from_filename(const std::filesystem::path& path) {
    const std::string name = path.filename().string();
    if (name.ends_with(".events.csv")) return CsvKind::events;
    if (name.ends_with(".figures.csv")) return CsvKind::figures;
    return std::nullopt;
}

SourcePos CsvRecordOrigin::position(std::string_view field_pointer) const {
    std::string_view p = field_pointer;
    while (!p.empty()) {
        if (fields) {
            for (const CsvFieldColumns::Entry& e : fields->entries) {
                if (e.pointer != p) continue;
                for (int c : e.columns) {
                    if (c >= 0 && static_cast<std::size_t>(c) < cells.size() && cells[c].known()) return cells[c];
                }
            }
        }
        const std::size_t slash = p.rfind('/');
        if (slash == std::string_view::npos) break;
        p = p.substr(0, slash);
    }
    return row;
}

SourcePos csv_position(const std::vector<CsvRecordOrigin>& origins, std::string_view array_pointer) {
    if (array_pointer.size() < 2 || array_pointer[0] != '/') return {};
    std::size_t k = 1;
    std::size_t index = 0;
    while (k < array_pointer.size() && is_digit(array_pointer[k])) {
        index = index * 10 + static_cast<std::size_t>(array_pointer[k] - '0');
        if (index >= origins.size()) return {};
        ++k;
    }
    if (k == 1 || (k < array_pointer.size() && array_pointer[k] != '/')) return {};
    return origins[index].position(array_pointer.substr(k));
}

std::shared_ptr<const json::Tree> csv_to_records(const CsvTable& table, CsvKind kind, const std::string& file,
                                                 Diagnostics& diags, std::vector<CsvRecordOrigin>& origins) {
    // Fields in the order of their first column.
    std::vector<OutField> fields;
    std::unordered_map<std::string, std::size_t> field_of_key;
    std::unordered_map<std::string_view, std::size_t> column_of_name;
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        const std::string& name = table.header[c];
        if (name.empty() || !column_of_name.emplace(name, c).second) continue;  // reported by parse_csv
        const int column = static_cast<int>(c);

        std::string key = name;
        bool bilingual = false;
        bool zh = false;
        if (name.size() > 3 && (name.ends_with("_zh") || name.ends_with("_en")) &&
            is_bilingual(std::string_view(name).substr(0, name.size() - 3))) {
            key = name.substr(0, name.size() - 3);
            bilingual = true;
            zh = name.ends_with("_zh");
        }

        const auto found = field_of_key.find(key);
        if (found != field_of_key.end() && !(bilingual && fields[found->second].conversion == Conversion::bilingual)) {
            const OutField& other = fields[found->second];
            const int other_column = other.conversion != Conversion::bilingual ? other.column
                                     : other.zh_column >= 0                   ? other.zh_column
                                                                              : other.en_column;
            const SourcePos pos = c < table.header_positions.size() ? table.header_positions[c] : SourcePos{};
            diags.error("csv-column-conflict",
                        "column \"" + name + "\" and column \"" + table.header[static_cast<std::size_t>(other_column)] +
                            "\" both give the field \"" + key + "\"; column \"" + name + "\" is ignored",
                        file, pos);
            continue;
        }
        if (bilingual) {
            if (found == field_of_key.end()) {
                field_of_key.emplace(key, fields.size());
                fields.push_back({key, Conversion::bilingual});
            }
            OutField& f = fields[field_of_key[key]];
            (zh ? f.zh_column : f.en_column) = column;
        } else {
            field_of_key.emplace(key, fields.size());
            fields.push_back({key, conversion_for(kind, name), column});
        }
    }

    auto columns = std::make_shared<CsvFieldColumns>();
    for (const OutField& f : fields) {
        const std::string pointer = "/" + escape_pointer_token(f.key);
        if (f.conversion != Conversion::bilingual) {
            columns->entries.push_back({pointer, {f.column}});
            continue;
        }
        CsvFieldColumns::Entry both{pointer, {}};
        if (f.zh_column >= 0) {
            both.columns.push_back(f.zh_column);
            columns->entries.push_back({pointer + "/zh", {f.zh_column}});
        }
        if (f.en_column >= 0) {
            both.columns.push_back(f.en_column);
            columns->entries.push_back({pointer + "/en", {f.en_column}});
        }
        columns->entries.push_back(std::move(both));
    }
    std::shared_ptr<const CsvFieldColumns> shared_columns = std::move(columns);

    json::Make m;
    m.begin_array();
    origins.clear();
    origins.reserve(table.rows.size());
    static const std::string kEmpty;
    for (const CsvRow& row : table.rows) {
        if (row.malformed) continue;
        auto cell = [&](int c) -> const std::string& {
            return c >= 0 && static_cast<std::size_t>(c) < row.cells.size() ? row.cells[static_cast<std::size_t>(c)]
                                                                              : kEmpty;
        };

        m.begin_object();
        for (const OutField& f : fields) {
            if (f.conversion == Conversion::bilingual) {
                const std::string& zh = cell(f.zh_column);
                const std::string& en = cell(f.en_column);
                if (zh.empty() && en.empty()) continue;
                m.key(f.key);
                m.begin_object();
                if (!zh.empty()) m.key("zh"), m.string(zh);
                if (!en.empty()) m.key("en"), m.string(en);
                m.end();
                continue;
            }
            const std::string& value = cell(f.column);
            if (value.empty()) continue;
            m.key(f.key);
            switch (f.conversion) {
                case Conversion::list:
                    put_list(m, value);
                    break;
                case Conversion::number:
                    if (auto n = parse_number(trim(value))) n->put(m);
                    else m.string(value);
                    break;
                case Conversion::value:
                    if (!put_value(m, value)) m.string(value);
                    break;
                case Conversion::string:
                case Conversion::bilingual:
                    m.string(value);
                    break;
            }
        }
        m.end();

        CsvRecordOrigin origin;
        origin.row = row.pos;
        origin.cells.resize(row.cells.size());
        for (std::size_t c = 0; c < row.cells.size() && c < row.positions.size(); ++c)
            if (!row.cells[c].empty()) origin.cells[c] = row.positions[c];
        origin.fields = shared_columns;
        origins.push_back(std::move(origin));
    }
    m.end();
    return m.finish();
}

}  // namespace timeline
