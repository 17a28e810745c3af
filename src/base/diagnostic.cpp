#include "base/diagnostic.h"

#include <algorithm>
#include <tuple>

#include "base/json_text.h"

namespace timeline {

const char* severity_name(Severity s) {
    switch (s) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::note: return "note";
    }
    return "error";
}

void Diagnostics::error(std::string code, std::string message, std::string file, SourcePos pos,
                        std::string pointer, std::string record) {
    add({Severity::error, std::move(code), std::move(file), pos, std::move(pointer), std::move(record),
         std::move(message)});
}

void Diagnostics::warning(std::string code, std::string message, std::string file, SourcePos pos,
                          std::string pointer, std::string record) {
    add({Severity::warning, std::move(code), std::move(file), pos, std::move(pointer), std::move(record),
         std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::size_t Diagnostics::count(Severity s) const {
    return static_cast<std::size_t>(
        std::count_if(items_.begin(), items_.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

void Diagnostics::sort() {
    std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.pos.line, a.pos.column, a.pointer, a.code) <
               std::tie(b.file, b.pos.line, b.pos.column, b.pointer, b.code);
    });
}

std::string format_text(const Diagnostic& d) {
    std::string out;
    if (!d.file.empty()) {
        out += d.file;
        if (d.pos.known()) {
            out += ':' + std::to_string(d.pos.line);
            if (d.pos.column > 0) out += ':' + std::to_string(d.pos.column);
        }
    }
    if (!d.pointer.empty()) {
        if (!out.empty()) out += ' ';
        out += d.pointer;
    }
    if (!d.record.empty()) {
        if (!out.empty()) out += ' ';
        out += '[' + d.record + ']';
    }
    if (!out.empty()) out += ": ";
    out += severity_name(d.severity);
    out += ": ";
    out += d.message;
    if (!d.code.empty()) out += " (" + d.code + ")";
    return out;
}

std::string format_json(const Diagnostic& d) {
    std::string out = "{\"severity\":";
    out += json_quote(severity_name(d.severity));
    out += ",\"code\":" + json_quote(d.code);
    out += ",\"file\":" + json_quote(d.file);
    out += ",\"line\":" + std::to_string(d.pos.line);
    out += ",\"column\":" + std::to_string(d.pos.column);
    out += ",\"pointer\":" + json_quote(d.pointer);
    out += ",\"record\":" + json_quote(d.record);
    out += ",\"message\":" + json_quote(d.message);
    out += '}';
    return out;
}

}  // namespace timeline
