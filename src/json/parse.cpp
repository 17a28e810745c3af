#include "json/parse.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <system_error>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "base/heap.h"
#include "base/json_text.h"
#include "base/utf8.h"

namespace timeline::json {
namespace {

using Poco::Dynamic::Var;

// What a pass over the text produces: Poco values (the first pass) or a position index
// (the lazy second pass, which only runs over text that already parsed once).
enum class Mode { build, index };

struct Fatal {};  // thrown after the diagnostic of an error that ends parsing

class Parser {
public:
    Parser(std::string_view text, const std::string& file, Diagnostics* diags, const ParseLimits& limits, Mode mode)
        : s_(text), file_(file), diags_(diags), limits_(limits), mode_(mode) {}

    std::size_t objects_ = 0;  // objects built so far
    std::unordered_map<std::string, SourcePos> value_pos;
    std::unordered_map<std::string, SourcePos> key_pos;

    Var run() {
        skip_bom();
        skip_ws();
        if (at_end()) fatal(here(), "empty-document", "the file holds no JSON value");
        std::string pointer;
        Var v = value(pointer, 0);
        skip_ws();
        if (!at_end()) fatal(here(), "json-syntax", "unexpected " + describe_here() + " after the end of the JSON value");
        return v;
    }

private:
    std::string_view s_;
    const std::string& file_;
    Diagnostics* diags_;
    const ParseLimits& limits_;
    Mode mode_;
    std::size_t i_ = 0;
    int line_ = 1;
    int col_ = 1;

    bool at_end() const { return i_ >= s_.size(); }
    char peek() const { return s_[i_]; }
    SourcePos here() const { return {line_, col_}; }

    // Advances one byte, keeping line and column (columns count code points).
    void advance() {
        const auto c = static_cast<unsigned char>(s_[i_]);
        ++i_;
        if (c == '\n') {
            ++line_;
            col_ = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++col_;
        }
    }

    void error(SourcePos pos, std::string code, std::string message, const std::string& pointer = {}) {
        if (diags_ && mode_ == Mode::build) diags_->error(std::move(code), std::move(message), file_, pos, pointer);
    }

    [[noreturn]] void fatal(SourcePos pos, std::string code, std::string message) {
        error(pos, std::move(code), std::move(message));
        throw Fatal{};
    }

    std::string describe_here() const {
        if (at_end()) return "end of file";
        const auto c = static_cast<unsigned char>(peek());
        if (c < 0x20) return "control character " + utf8::codepoint_name(c);
        if (c >= 0x80) {
            if (utf8::first_invalid(s_.substr(i_, 4)) == std::size_t{0}) return "invalid UTF-8 byte";
            std::size_t j = i_;
            utf8::decode(s_, j);
            return "character '" + std::string(s_.substr(i_, j - i_)) + "'";
        }
        return std::string("character '") + static_cast<char>(c) + "'";
    }

    void skip_bom() {
        if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
    }

    void skip_ws() {
        while (!at_end()) {
            const char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') advance();
            else break;
        }
    }

    void record_value(const std::string& pointer, SourcePos pos) {
        if (mode_ == Mode::index) value_pos.emplace(pointer, pos);
    }

    Var value(std::string& pointer, std::size_t depth) {
        if (at_end()) fatal(here(), "json-truncated", "unexpected end of file: a value is missing");
        const SourcePos pos = here();
        record_value(pointer, pos);
        switch (peek()) {
            case '{': return object(pointer, depth + 1, pos);
            case '[': return array(pointer, depth + 1, pos);
            case '"': {
                std::string str = string_literal(pointer, Keep::when_building);
                return mode_ == Mode::build ? Var(std::move(str)) : Var();
            }
            case 't': return keyword("true", Var(true));
            case 'f': return keyword("false", Var(false));
            case 'n': return keyword("null", Var());
            default:
                if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return number(pointer);
                fatal(pos, "json-syntax", "expected a JSON value, found " + describe_here());
        }
    }

    Var keyword(std::string_view word, Var v) {
        const SourcePos pos = here();
        if (s_.substr(i_, word.size()) != word) {
            fatal(pos, "json-syntax", "expected a JSON value, found " + describe_here());
        }
        for (std::size_t k = 0; k < word.size(); ++k) advance();
        return v;
    }

    void check_depth(std::size_t depth, SourcePos pos) {
        if (depth > limits_.max_depth) {
            fatal(pos, "nesting-too-deep",
                  "arrays and objects are nested more than " + std::to_string(limits_.max_depth) + " deep");
        }
    }

    Var object(std::string& pointer, std::size_t depth, SourcePos open) {
        check_depth(depth, open);
        advance();  // '{'
        Poco::JSON::Object::Ptr obj;
        if (mode_ == Mode::build) {
            // A big file grows the heap as it is parsed: let what it grew by be advised now
            // and then (base/heap.h), before most of it is touched.
            if ((++objects_ & 1023) == 0) advise_heap();
            obj = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        }
        std::vector<std::pair<std::string, SourcePos>> seen;  // this object's keys, for duplicate reports
        skip_ws();
        if (!at_end() && peek() == '}') {
            advance();
            return mode_ == Mode::build ? Var(obj) : Var();
        }
        const std::size_t base_len = pointer.size();
        for (;;) {
            skip_ws();
            if (at_end()) fatal(open, "json-truncated", "unexpected end of file: object opened here is not closed");
            if (peek() != '"') fatal(here(), "json-syntax", "expected a member name in double quotes, found " + describe_here());
            const SourcePos key_at = here();
            std::string key = string_literal(pointer, Keep::always);
            skip_ws();
            if (at_end()) fatal(open, "json-truncated", "unexpected end of file: object opened here is not closed");
            if (peek() != ':') fatal(here(), "json-syntax", "expected ':' after member name \"" + key + "\", found " + describe_here());
            advance();
            skip_ws();
            pointer = pointer_append(pointer, key);
            if (mode_ == Mode::index) key_pos.emplace(pointer, key_at);
            bool duplicate = false;
            if (mode_ == Mode::build) {
                if (obj->has(key)) {
                    duplicate = true;
                    SourcePos first{};
                    for (const auto& [k, p] : seen)
                        if (k == key) { first = p; break; }
                    error(key_at, "duplicate-key",
                          "duplicate member \"" + key + "\" (first defined at line " + std::to_string(first.line) +
                              ", column " + std::to_string(first.column) + ")",
                          pointer);
                }
                seen.emplace_back(key, key_at);
            }
            Var v = value(pointer, depth);
            if (mode_ == Mode::build && !duplicate) obj->set(key, std::move(v));
            pointer.resize(base_len);
            skip_ws();
            if (at_end()) fatal(open, "json-truncated", "unexpected end of file: object opened here is not closed");
            if (peek() == ',') {
                advance();
                skip_ws();
                if (!at_end() && peek() == '}') fatal(here(), "json-syntax", "trailing comma before '}'");
                continue;
            }
            if (peek() == '}') {
                advance();
                break;
            }
            fatal(here(), "json-syntax", "expected ',' or '}' in object, found " + describe_here());
        }
        return mode_ == Mode::build ? Var(obj) : Var();
    }

    Var array(std::string& pointer, std::size_t depth, SourcePos open) {
        check_depth(depth, open);
        advance();  // '['
        Poco::JSON::Array::Ptr arr;
        if (mode_ == Mode::build) arr = new Poco::JSON::Array();
        skip_ws();
        if (!at_end() && peek() == ']') {
            advance();
            return mode_ == Mode::build ? Var(arr) : Var();
        }
        const std::size_t base_len = pointer.size();
        for (std::size_t index = 0;; ++index) {
            skip_ws();
            pointer = pointer_append(pointer, index);
            Var v = value(pointer, depth);
            pointer.resize(base_len);
            if (mode_ == Mode::build) arr->add(std::move(v));
            skip_ws();
            if (at_end()) fatal(open, "json-truncated", "unexpected end of file: array opened here is not closed");
            if (peek() == ',') {
                advance();
                skip_ws();
                if (!at_end() && peek() == ']') fatal(here(), "json-syntax", "trailing comma before ']'");
                continue;
            }
            if (peek() == ']') {
                advance();
                break;
            }
            fatal(here(), "json-syntax", "expected ',' or ']' in array, found " + describe_here());
        }
        return mode_ == Mode::build ? Var(arr) : Var();
    }

    unsigned hex4(SourcePos escape_at) {
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            if (at_end()) fatal(escape_at, "json-truncated", "unexpected end of file in a \\u escape");
            const char c = peek();
            unsigned d;
            if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
            else fatal(escape_at, "json-syntax", "\\u must be followed by four hexadecimal digits");
            v = v * 16 + d;
            advance();
        }
        return v;
    }

    // Reads a string literal at a '"'. Invalid UTF-8 and lone surrogates are errors that do
    // not stop parsing (U+FFFD is stored), so every bad string of a file is reported.
    enum class Keep { always, when_building };  // member names are needed for pointers in both modes

    std::string string_literal(const std::string& pointer, Keep keep_mode) {
        const bool keep = keep_mode == Keep::always || mode_ == Mode::build;
        const SourcePos open = here();
        advance();  // '"'
        std::string out;
        bool too_long = false;
        auto check_length = [&] {
            if (!too_long && out.size() > limits_.max_string_bytes) {
                too_long = true;
                error(open, "string-too-long",
                      "string is longer than " + std::to_string(limits_.max_string_bytes) + " bytes", pointer);
                out.clear();  // keep memory bounded; the document is rejected anyway
            }
        };
        for (;;) {
            // A run of plain characters (valid UTF-8, no quote, backslash or control
            // character) in one step.
            std::size_t run = i_;
            int columns = 0;
            while (run < s_.size()) {
                const auto b = static_cast<unsigned char>(s_[run]);
                std::size_t len = 1;
                if (b >= 0x80) {
                    len = utf8::sequence_at(s_, run);
                    if (len == 0) break;
                } else if (b < 0x20 || b == '"' || b == '\\') {
                    break;
                }
                run += len;
                ++columns;
            }
            if (run > i_) {
                if (keep) out.append(s_.substr(i_, run - i_));
                col_ += columns;
                i_ = run;
                check_length();
            }
            if (at_end()) fatal(open, "json-truncated", "unexpected end of file: string opened here is not closed");
            const auto c = static_cast<unsigned char>(peek());
            if (c == '"') {
                advance();
                break;
            }
            if (c == '\\') {
                const SourcePos esc = here();
                advance();
                if (at_end()) fatal(open, "json-truncated", "unexpected end of file: string opened here is not closed");
                const char e = peek();
                advance();
                switch (e) {
                    case '"': out += '"'; break;
                    case '\\': out += '\\'; break;
                    case '/': out += '/'; break;
                    case 'b': out += '\b'; break;
                    case 'f': out += '\f'; break;
                    case 'n': out += '\n'; break;
                    case 'r': out += '\r'; break;
                    case 't': out += '\t'; break;
                    case 'u': {
                        char32_t cp = hex4(esc);
                        if (cp >= 0xD800 && cp <= 0xDBFF) {
                            if (s_.substr(i_, 2) == "\\u") {
                                advance();
                                advance();
                                const unsigned lo = hex4(esc);
                                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                                } else {
                                    error(esc, "invalid-unicode", "lone surrogate \\u" + hex_of(cp) + " in string", pointer);
                                    cp = 0xFFFD;
                                }
                            } else {
                                error(esc, "invalid-unicode", "lone surrogate \\u" + hex_of(cp) + " in string", pointer);
                                cp = 0xFFFD;
                            }
                        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                            error(esc, "invalid-unicode", "lone surrogate \\u" + hex_of(cp) + " in string", pointer);
                            cp = 0xFFFD;
                        }
                        if (mode_ == Mode::build) utf8::append(out, cp);
                        break;
                    }
                    default:
                        fatal(esc, "json-syntax", std::string("invalid escape \\") + (e >= 0x20 && e < 0x7F ? std::string(1, e) : std::string("?")) + " in string");
                }
            } else if (c < 0x20) {
                if (c == '\n') fatal(open, "json-syntax", "string is not closed before the end of the line");
                fatal(here(), "json-syntax", "control character " + utf8::codepoint_name(c) + " in string (escape it)");
            } else if (c < 0x80) {
                if (keep) out += static_cast<char>(c);
                advance();
            } else {
                const auto bad = utf8::first_invalid(s_.substr(i_, std::min<std::size_t>(4, s_.size() - i_)));
                std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
                if (bad == std::size_t{0} || (c & 0xC0) == 0x80 || c >= 0xF8) {
                    error(here(), "invalid-utf8", "invalid UTF-8 byte 0x" + hex_byte(c) + " in string", pointer);
                    if (mode_ == Mode::build) utf8::append(out, 0xFFFD);
                    advance();
                    // Skip the continuation bytes of the broken sequence.
                    while (!at_end() && (static_cast<unsigned char>(peek()) & 0xC0) == 0x80) advance();
                    continue;
                }
                if (keep) out.append(s_.substr(i_, len));
                for (std::size_t k = 0; k < len; ++k) advance();
            }
            check_length();
        }
        if (too_long) out.clear();
        return out;
    }

    static std::string hex_of(char32_t cp) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(cp));
        return buf;
    }
    static std::string hex_byte(unsigned c) {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%02X", c);
        return buf;
    }

    Var number(const std::string& pointer) {
        const SourcePos pos = here();
        const std::size_t start = i_;
        bool integer = true;
        if (peek() == '-') advance();
        if (at_end() || !(peek() >= '0' && peek() <= '9')) fatal(pos, "json-syntax", "invalid number: a digit must follow '-'");
        if (peek() == '0') {
            advance();
            if (!at_end() && peek() >= '0' && peek() <= '9') fatal(pos, "json-syntax", "invalid number: leading zeros are not allowed");
        } else {
            while (!at_end() && peek() >= '0' && peek() <= '9') advance();
        }
        if (!at_end() && peek() == '.') {
            integer = false;
            advance();
            if (at_end() || !(peek() >= '0' && peek() <= '9')) fatal(pos, "json-syntax", "invalid number: a digit must follow '.'");
            while (!at_end() && peek() >= '0' && peek() <= '9') advance();
        }
        if (!at_end() && (peek() == 'e' || peek() == 'E')) {
            integer = false;
            advance();
            if (!at_end() && (peek() == '+' || peek() == '-')) advance();
            if (at_end() || !(peek() >= '0' && peek() <= '9')) fatal(pos, "json-syntax", "invalid number: the exponent has no digits");
            while (!at_end() && peek() >= '0' && peek() <= '9') advance();
        }
        if (mode_ == Mode::index) return Var();
        const std::string_view lit = s_.substr(start, i_ - start);
        if (integer) {
            Poco::Int64 v = 0;
            const auto r = std::from_chars(lit.data(), lit.data() + lit.size(), v);
            if (r.ec == std::errc() && r.ptr == lit.data() + lit.size()) return Var(v);
            if (limits_.big_integers == BigIntegers::reject) {
                error(pos, "number-out-of-range",
                      "integer " + std::string(lit.substr(0, 40)) + (lit.size() > 40 ? "…" : "") +
                          " is outside the range of 64-bit integers",
                      pointer);
                return Var();
            }
        }
        // strtod, unlike from_chars, tells overflow (HUGE_VAL) from underflow (0).
        const std::string literal(lit);
        const double d = std::strtod(literal.c_str(), nullptr);
        if (!std::isfinite(d)) {
            error(pos, "number-out-of-range", "number " + literal.substr(0, 40) + " is too large", pointer);
            return Var();
        }
        return Var(d);
    }
};

}  // namespace

Document::Document(Poco::Dynamic::Var r, std::string text)
    : root(std::move(r)), text_(std::make_shared<const std::string>(std::move(text))) {}

void Document::index() const {
    if (value_pos_) return;
    const std::string file;
    const ParseLimits limits{std::numeric_limits<std::size_t>::max(), std::numeric_limits<std::size_t>::max(),
                             BigIntegers::as_double};
    Parser p(*text_, file, nullptr, limits, Mode::index);
    try {
        p.run();
    } catch (const Fatal&) {
        // The text parsed once already; a partial index is still useful.
    }
    value_pos_ = std::make_shared<std::unordered_map<std::string, SourcePos>>(std::move(p.value_pos));
    key_pos_ = std::make_shared<std::unordered_map<std::string, SourcePos>>(std::move(p.key_pos));
}

SourcePos Document::position(const std::string& pointer) const {
    index();
    std::string p = pointer;
    for (;;) {
        const auto it = value_pos_->find(p);
        if (it != value_pos_->end()) return it->second;
        if (p.empty()) return {};
        p.resize(p.rfind('/'));
    }
}

SourcePos Document::key_position(const std::string& pointer) const {
    index();
    const auto it = key_pos_->find(pointer);
    if (it != key_pos_->end()) return it->second;
    return position(pointer);
}

SourcePos Document::position_in_string(const std::string& pointer, std::size_t offset) const {
    const SourcePos start = position(pointer);
    const std::string& t = *text_;
    // Byte index of the value's opening quote.
    std::size_t i = 0;
    for (int line = 1; line < start.line && i < t.size(); ++i)
        if (t[i] == '\n') ++line;
    for (int col = 1; col < start.column && i < t.size(); ++i)
        if ((static_cast<unsigned char>(t[i]) & 0xC0) != 0x80) ++col;
    if (i >= t.size() || t[i] != '"') return start;
    SourcePos pos{start.line, start.column + 1};
    ++i;
    std::size_t decoded = 0;
    while (i < t.size() && t[i] != '"' && decoded < offset) {
        if (t[i] == '\\') {
            const bool unicode = i + 1 < t.size() && t[i + 1] == 'u';
            std::size_t len = unicode ? 6 : 2;
            std::size_t produced = 1;
            if (unicode) {
                // \uXXXX produces 1-3 UTF-8 bytes (a surrogate pair, 12 characters, 4 bytes).
                const unsigned cp = static_cast<unsigned>(std::strtoul(t.substr(i + 2, 4).c_str(), nullptr, 16));
                if (cp >= 0xD800 && cp <= 0xDBFF) { len = 12; produced = 4; }
                else produced = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
            }
            i += len;
            pos.column += static_cast<int>(len);
            decoded += produced;
            continue;
        }
        const auto c = static_cast<unsigned char>(t[i]);
        const std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        i += len;
        decoded += len;
        pos.column += 1;
    }
    return pos;
}

std::optional<Document> parse(std::string_view text, const std::string& file, Diagnostics& diags,
                              const ParseLimits& limits) {
    Parser p(text, file, &diags, limits, Mode::build);
    try {
        Var root = p.run();
        return Document(std::move(root), std::string(text));
    } catch (const Fatal&) {
        return std::nullopt;
    }
}

namespace {

std::string unescape_token(std::string_view token) {
    std::string out;
    for (std::size_t k = 0; k < token.size(); ++k) {
        if (token[k] == '~' && k + 1 < token.size() && token[k + 1] == '0') { out += '~'; ++k; }
        else if (token[k] == '~' && k + 1 < token.size() && token[k + 1] == '1') { out += '/'; ++k; }
        else out += token[k];
    }
    return out;
}

}  // namespace

std::optional<Poco::Dynamic::Var> resolve_pointer(const Poco::Dynamic::Var& root, std::string_view pointer) {
    Var cur = root;
    if (pointer.empty()) return cur;
    if (pointer.front() != '/') return std::nullopt;
    std::size_t pos = 1;
    for (;;) {
        const std::size_t next = pointer.find('/', pos);
        const std::string token = unescape_token(pointer.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
        if (cur.type() == typeid(Poco::JSON::Object::Ptr)) {
            const auto obj = cur.extract<Poco::JSON::Object::Ptr>();
            if (!obj->has(token)) return std::nullopt;
            cur = obj->get(token);
        } else if (cur.type() == typeid(Poco::JSON::Array::Ptr)) {
            const auto arr = cur.extract<Poco::JSON::Array::Ptr>();
            if (token.empty() || (token.size() > 1 && token[0] == '0')) return std::nullopt;
            std::size_t index = 0;
            const auto r = std::from_chars(token.data(), token.data() + token.size(), index);
            if (r.ec != std::errc() || r.ptr != token.data() + token.size() || index >= arr->size()) return std::nullopt;
            cur = arr->get(static_cast<unsigned>(index));
        } else {
            return std::nullopt;
        }
        if (next == std::string_view::npos) return cur;
        pos = next + 1;
    }
}

namespace {

void write(std::string& out, const Var& v) {
    if (v.isEmpty()) {
        out += "null";
    } else if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
        const auto obj = v.extract<Poco::JSON::Object::Ptr>();
        out += '{';
        bool first = true;
        for (const auto& name : obj->getNames()) {
            if (!first) out += ',';
            first = false;
            out += json_quote(name);
            out += ':';
            write(out, obj->get(name));
        }
        out += '}';
    } else if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
        const auto arr = v.extract<Poco::JSON::Array::Ptr>();
        out += '[';
        for (std::size_t k = 0; k < arr->size(); ++k) {
            if (k) out += ',';
            write(out, arr->get(static_cast<unsigned>(k)));
        }
        out += ']';
    } else if (v.type() == typeid(bool)) {
        out += v.extract<bool>() ? "true" : "false";
    } else if (v.isString()) {
        out += json_quote(v.extract<std::string>());
    } else if (v.type() == typeid(double) || v.type() == typeid(float)) {
        const double d = v.convert<double>();
        // -0.0 printed as "-0" would read back as the integer 0: keep it a number with a sign.
        if (d == 0 && std::signbit(d)) {
            out += "-0.0";
            return;
        }
        // A whole number beyond int64 printed with digits only ("677570000069657600000") would
        // read back as an integer out of range: such a number is printed with an exponent.
        char buf[32];
        const bool beyond_int64 = std::fabs(d) >= 0x1p63;
        const auto r = beyond_int64 ? std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific)
                                    : std::to_chars(buf, buf + sizeof buf, d);
        out.append(buf, r.ptr);
    } else if (v.isNumeric()) {
        out += v.convert<std::string>();
    } else {
        out += json_quote(v.convert<std::string>());
    }
}

}  // namespace

std::string to_string(const Poco::Dynamic::Var& v) {
    std::string out;
    write(out, v);
    return out;
}

}  // namespace timeline::json
