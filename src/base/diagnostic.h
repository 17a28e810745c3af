// Diagnostics are values: every module returns them in bulk, only the CLI prints them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace timeline {

enum class Severity { error, warning, note };

const char* severity_name(Severity s);

// A position in a source file; line and column are 1-based, 0 means unknown.
// Columns count Unicode code points, so they match what an editor shows.
struct SourcePos {
    int line = 0;
    int column = 0;
    bool known() const { return line > 0; }
};

struct Diagnostic {
    Severity severity = Severity::error;
    std::string code;     // stable machine-readable code, e.g. "date-invalid"
    std::string file;     // as given on the command line, e.g. "data/ai.json"
    SourcePos pos;
    std::string pointer;  // JSON pointer (RFC 6901) into the file, "" if none
    std::string record;   // id of the record concerned, "" if none
    std::string message;  // one sentence, no trailing period
};

// Collects diagnostics of one run so that every problem is reported, not only the first.
class Diagnostics {
public:
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    void error(std::string code, std::string message, std::string file = {}, SourcePos pos = {},
               std::string pointer = {}, std::string record = {});
    void warning(std::string code, std::string message, std::string file = {}, SourcePos pos = {},
                 std::string pointer = {}, std::string record = {});
    void append(const Diagnostics& other);

    const std::vector<Diagnostic>& items() const { return items_; }
    std::vector<Diagnostic>& items() { return items_; }
    bool empty() const { return items_.empty(); }
    std::size_t size() const { return items_.size(); }
    std::size_t count(Severity s) const;
    bool has_errors() const { return count(Severity::error) > 0; }

    // Stable order: by file, then line, column, pointer, code. Keeps the order of
    // diagnostics that compare equal.
    void sort();

private:
    std::vector<Diagnostic> items_;
};

// "data/ai.json:41:17 /figures/3/date [sh-x]: error: \"2018-13\" is not a valid date (month 13) [date-invalid]"
std::string format_text(const Diagnostic& d);
// One JSON object per diagnostic (keys: severity, code, file, line, column, pointer, record, message).
std::string format_json(const Diagnostic& d);

}  // namespace timeline
