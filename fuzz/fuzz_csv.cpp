// The CSV reader and its conversion to records (src/load/csv.h): any bytes, as events and
// as figures. Properties: every converted record has an origin, every position lookup of
// the records' pointers stays within the file.
#include "fuzz.h"
#include "json/parse.h"
#include "load/csv.h"

using namespace timeline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::input(data, size);
    int lines = 1;
    for (char c : text) lines += c == '\n' || c == '\r';
    Diagnostics diags;
    const CsvTable table = parse_csv(text, "fuzz.csv", diags);
    for (const auto& row : table.rows) FUZZ_CHECK(row.cells.size() == row.positions.size());
    for (const CsvKind kind : {CsvKind::events, CsvKind::figures}) {
        std::vector<CsvRecordOrigin> origins;
        const auto tree = csv_to_records(table, kind, "fuzz.csv", diags, origins);
        const json::Value records = tree->root();
        FUZZ_CHECK(origins.size() == records.size());
        for (std::size_t k = 0; k < records.size() && k < 50; ++k) {
            const std::string at = "/" + std::to_string(k);
            for (const char* field : {"", "/title", "/title/en", "/value", "/value/min", "/tags/1", "/nonexistent"}) {
                const SourcePos pos = csv_position(origins, at + field);
                FUZZ_CHECK(pos.line <= lines);
            }
            (void)json::to_text(records.item(k));
        }
    }
    for (const auto& d : diags.items()) FUZZ_CHECK(d.pos.line <= lines);
    return 0;
}
