// CSV data files (docs/data-format.md "CSV"): an RFC 4180 reader that remembers where every
// cell starts, and the conversion of its rows to JSON records of one kind (events or
// figures), shaped like the records of a JSON data set so that both are validated by the
// same schema.
//
// Reading:
// - a UTF-8 byte order mark is skipped (it does not count as a column);
// - records end with CRLF, LF or a lone CR; a line break inside a quoted field is kept as
//   "\n" whatever the file uses;
// - quoted fields may hold commas, doubled quotes ("") and line breaks;
// - the first record is the header; empty lines, and data rows whose cells are all empty
//   (",,,,"), are skipped;
// - cells are kept verbatim (no trimming).
// Problems are reported with the file, line and column (code points, 1-based) and a code
// starting with "csv-"; reading continues so that every problem is reported:
//   csv-invalid-utf8        a byte that is not valid UTF-8 (reported once per file, with the
//                           number of lines that have such bytes, and the advice to save the
//                           file as "CSV UTF-8"); it becomes U+FFFD in the cell and its row is
//                           malformed. A UTF-16 file (byte order mark FF FE or FE FF) is this
//                           one error at 1:1 and is not read further.
//   csv-quote-in-field      a quote inside an unquoted field (kept in the cell)
//   csv-unterminated-quote  a quoted field never closed, at its opening quote; the field is
//                           then read again as if unquoted, up to the next comma or line end
//   csv-text-after-quote    text between a closing quote and the next comma or line end
//   csv-too-many-fields     at the first extra field: "row has 7 fields, the header has 6"
//   csv-too-few-fields      where the missing field would start: "row has 5 fields, ..."
//   csv-header-empty        a header field with no name
//   csv-header-duplicate    a header name given twice (at the second one)
//   csv-no-header           a file without any record
// A data row with any of these problems is kept in CsvTable::rows with `malformed` set and
// is not converted to a record (its problems are already reported).
//
// Converting (csv_to_records), per column name:
// - `<field>_zh` / `<field>_en` for the bilingual fields title, text, note and label become
//   {"zh": …, "en": …} (zh first); a plain column of the same name as well ("title" and
//   "title_en") is a csv-column-conflict error, reported at the later column, which is ignored;
// - events: `entities` and `tags` are split on ';', items trimmed of spaces and tabs, empty
//   items dropped; `importance` becomes a number when it is one;
// - figures: `value` becomes a number (an integer is a JSON integer, anything else a double;
//   "6e10" is accepted), a range "2..3" becomes {"min": 2, "max": 3}, a fraction "1/3"
//   {"numerator": 1, "denominator": 3}; surrounding spaces are ignored;
// - every other column, including unknown ones, becomes a string field of the column's name
//   (the schema then rejects unknown names and shows the column name);
// - an empty cell is an absent field; a cell that cannot be converted (value "abc",
//   importance "x") stays a string, so that the schema reports the type error at that field;
// - `date` is always a string: relative dates ({"relative_to": …}) are not supported in CSV,
//   a date cell starting with '{' is not parsed and fails the schema as a string.
// Columns with an empty or repeated name are ignored (already reported by parse_csv).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "json/tree.h"

namespace timeline {

struct CsvRow {
    std::vector<std::string> cells;
    std::vector<SourcePos> positions;  // where each cell starts (its opening quote if quoted)
    SourcePos pos;                     // where the row starts (== positions.front())
    bool malformed = false;            // a problem of this row was reported
};

struct CsvTable {
    std::vector<std::string> header;
    std::vector<SourcePos> header_positions;
    std::vector<CsvRow> rows;  // data rows in file order, without skipped blank rows
};

// Parses CSV text (the whole file). Problems are added to `diags` with `file`.
CsvTable parse_csv(std::string_view text, const std::string& file, Diagnostics& diags);

enum class CsvKind { events, figures };

const char* csv_kind_name(CsvKind kind);  // "events", "figures"

// `*.events.csv` -> events, `*.figures.csv` -> figures (file name only, case-sensitive).
std::optional<CsvKind> csv_kind_from_filename(const std::filesystem::path& path);

// Which columns a field pointer of a converted record comes from; shared by the origins of
// one conversion.
struct CsvFieldColumns {
    struct Entry {
        std::string pointer;       // "/title", "/title/zh", "/tags", "/odd~1name"
        std::vector<int> columns;  // candidate columns, first one present wins
    };
    std::vector<Entry> entries;
};

// Where a converted record came from.
struct CsvRecordOrigin {
    SourcePos row;                        // start of the row
    std::vector<SourcePos> cells;         // start of each non-empty cell, unknown if empty
    std::shared_ptr<const CsvFieldColumns> fields;

    // Position of the cell holding the value at `field_pointer`, a JSON pointer relative to
    // the record ("/title/en", "/tags/2", "/value/min"). A pointer below a cell maps to the
    // cell, "/title" to its first non-empty column, "" or a pointer to an absent field to
    // the start of the row.
    SourcePos position(std::string_view field_pointer) const;
};

// Converts the well-formed rows of `table` to records. `origins` is replaced: origins[i]
// describes element i of the result. `file` is used for the diagnostics of the conversion
// (csv-column-conflict).
std::shared_ptr<const json::Tree> csv_to_records(const CsvTable& table, CsvKind kind, const std::string& file,
                                                 Diagnostics& diags, std::vector<CsvRecordOrigin>& origins);

// Position for a JSON pointer into the array returned by csv_to_records ("/3/title/en"):
// the origin of element 3 resolves "/title/en". Unknown position if the pointer does not
// start with a valid index.
SourcePos csv_position(const std::vector<CsvRecordOrigin>& origins, std::string_view array_pointer);

}  // namespace timeline
