#include "json/parse.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

#include "base/heap.h"
#include "base/json_text.h"
#include "base/utf8.h"

namespace timeline::json {

namespace {


struct Fatal {};  // thrown after the diagnostic of an error that ends parsing

// Line and column of a byte offset, counted forward from the last one asked for (or from the
// start when the offset lies before it). Columns count code points: every byte that does not
// continue a UTF-8 sequence.
class Lines {
public:
    // A byte order mark stands before column 1.
    explicit Lines(std::string_view text) : s_(text), offset_(bom(text)) {}
    // Counting on from a known position (one after the mark).
    Lines(std::string_view text, std::size_t offset, SourcePos pos) : s_(text), offset_(offset), pos_(pos) {}
    static std::size_t bom(std::string_view text) { return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; }
    SourcePos at(std::size_t offset) {
        if (offset < offset_) *this = Lines(s_);
        for (; offset_ < offset && offset_ < s_.size(); ++offset_) {
            const auto b = static_cast<unsigned char>(s_[offset_]);
            if (b == '\n') {
                ++pos_.line;
                pos_.column = 1;
            } else if ((b & 0xC0) != 0x80) {
                ++pos_.column;
            }
        }
        return pos_;
    }

private:
    std::string_view s_;
    std::size_t offset_;
    SourcePos pos_{1, 1};
};

// One step of the path from the root to the value being read, for the pointers of
// diagnostics (made only when one is reported).
struct Step {
    std::uint32_t key = 0, key_size = 0;  // a member name in the builder's characters
    std::size_t index = 0;                // or an array index
    bool member = false;
};

class Parser {
public:
    Parser(std::string_view text, const std::string& file, Diagnostics* diags, const ParseLimits& limits)
        : s_(text), file_(file), diags_(diags), limits_(limits), lines_(text) {}

    std::shared_ptr<const Tree> run() {
        skip_bom();
        skip_ws();
        if (at_end()) fatal(here(), "empty-document", "the file holds no JSON value");
        value(0);
        skip_ws();
        if (!at_end()) fatal(here(), "json-syntax", "unexpected " + describe_here() + " after the end of the JSON value");
        return b_.finish();
    }

private:
    std::string_view s_;
    const std::string& file_;
    Diagnostics* diags_;
    const ParseLimits& limits_;
    Lines lines_;
    Builder b_;
    std::vector<Step> path_;
    std::size_t i_ = 0;
    std::size_t objects_ = 0;  // objects read so far

    bool at_end() const { return i_ >= s_.size(); }
    char peek() const { return s_[i_]; }
    SourcePos here() { return lines_.at(i_); }
    void advance() { ++i_; }

    std::string pointer() {
        std::string out;
        for (const Step& st : path_)
            out = st.member ? pointer_append(out, b_.chars().substr(st.key, st.key_size)) : pointer_append(out, st.index);
        return out;
    }

    void error(SourcePos pos, std::string code, std::string message, bool with_pointer = true) {
        if (diags_) diags_->error(std::move(code), std::move(message), file_, pos, with_pointer ? pointer() : std::string());
    }

    [[noreturn]] void fatal(SourcePos pos, std::string code, std::string message) {
        error(pos, std::move(code), std::move(message), false);
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

    static std::uint32_t offset32(std::size_t i) { return static_cast<std::uint32_t>(i); }

    // Reads one value and pushes its node.
    void value(std::size_t depth) {
        if (at_end()) fatal(here(), "json-truncated", "unexpected end of file: a value is missing");
        Node n;
        n.at = offset32(i_);
        switch (peek()) {
            case '{': object(depth + 1, n); return;
            case '[': array(depth + 1, n); return;
            case '"': {
                n.type = Type::string;
                const auto [at, size] = string_literal();
                n.span.first = at;
                n.span.size = size;
                break;
            }
            case 't': keyword("true"), n.type = Type::boolean, n.flag = true; break;
            case 'f': keyword("false"), n.type = Type::boolean; break;
            case 'n': keyword("null"); break;
            default:
                if (peek() == '-' || (peek() >= '0' && peek() <= '9')) {
                    number(n);
                    break;
                }
                fatal(here(), "json-syntax", "expected a JSON value, found " + describe_here());
        }
        b_.push(n);
    }

    void keyword(std::string_view word) {
        if (s_.substr(i_, word.size()) != word) {
            fatal(here(), "json-syntax", "expected a JSON value, found " + describe_here());
        }
        i_ += word.size();
    }

    void check_depth(std::size_t depth, std::size_t open) {
        if (depth > limits_.max_depth) {
            fatal(lines_.at(open), "nesting-too-deep",
                  "arrays and objects are nested more than " + std::to_string(limits_.max_depth) + " deep");
        }
    }

    // Whether an earlier member of the object being read (its nodes from `base` on) has the
    // name `key`; reports it as a duplicate when so.
    bool duplicate(std::size_t base, std::string_view key, std::size_t key_at,
                   std::unordered_map<std::string, std::uint32_t>& names) {
        constexpr std::size_t kScanned = 16;  // members compared one by one; more go in `names`
        const std::size_t members = b_.depth() - base;
        std::uint32_t first_at = 0;
        bool found = false;
        if (members < kScanned) {
            for (std::size_t k = base; k < b_.depth() && !found; ++k) {
                const Node& m = b_.at_depth(k);
                if (m.key_size == key.size() && b_.chars().compare(m.key, m.key_size, key) == 0) {
                    found = true;
                    first_at = m.key_at;
                }
            }
        } else {
            if (members == kScanned) {
                for (std::size_t k = base; k < b_.depth(); ++k) {
                    const Node& m = b_.at_depth(k);
                    names.emplace(b_.chars().substr(m.key, m.key_size), m.key_at);
                }
            }
            const auto [it, inserted] = names.emplace(std::string(key), offset32(key_at));
            found = !inserted;
            first_at = it->second;
        }
        if (!found) return false;
        Lines from_start(s_);
        const SourcePos first = from_start.at(first_at);
        error(lines_.at(key_at), "duplicate-key",
              "duplicate member \"" + std::string(key) + "\" (first defined at line " + std::to_string(first.line) +
                  ", column " + std::to_string(first.column) + ")");
        return true;
    }

    void object(std::size_t depth, Node n) {
        const std::size_t open = i_;
        check_depth(depth, open);
        advance();  // '{'
        // A big file grows the heap as it is parsed: let what it grew by be advised now and
        // then (base/heap.h), before most of it is touched.
        if ((++objects_ & 1023) == 0) advise_heap();
        n.type = Type::object;
        const std::size_t base = b_.depth();
        std::unordered_map<std::string, std::uint32_t> names;  // of a big object, for duplicates
        skip_ws();
        if (!at_end() && peek() == '}') {
            advance();
            b_.close(base, n);
            return;
        }
        for (;;) {
            skip_ws();
            if (at_end()) fatal(lines_.at(open), "json-truncated", "unexpected end of file: object opened here is not closed");
            if (peek() != '"') fatal(here(), "json-syntax", "expected a member name in double quotes, found " + describe_here());
            const std::size_t key_at = i_;
            const auto [key, key_size] = string_literal();
            skip_ws();
            if (at_end()) fatal(lines_.at(open), "json-truncated", "unexpected end of file: object opened here is not closed");
            if (peek() != ':') {
                fatal(here(), "json-syntax",
                      "expected ':' after member name \"" + b_.chars().substr(key, key_size) + "\", found " + describe_here());
            }
            advance();
            skip_ws();
            path_.push_back(Step{key, key_size, 0, true});
            const bool dup = duplicate(base, std::string_view(b_.chars()).substr(key, key_size), key_at, names);
            value(depth);
            path_.pop_back();
            if (dup) {
                b_.pop();
            } else {
                Node& member = b_.top();
                member.key = key;
                member.key_size = key_size;
                member.key_at = offset32(key_at);
            }
            skip_ws();
            if (at_end()) fatal(lines_.at(open), "json-truncated", "unexpected end of file: object opened here is not closed");
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
        b_.close(base, n);
    }

    void array(std::size_t depth, Node n) {
        const std::size_t open = i_;
        check_depth(depth, open);
        advance();  // '['
        n.type = Type::array;
        const std::size_t base = b_.depth();
        skip_ws();
        if (!at_end() && peek() == ']') {
            advance();
            b_.close(base, n);
            return;
        }
        for (std::size_t index = 0;; ++index) {
            skip_ws();
            path_.push_back(Step{0, 0, index, false});
            value(depth);
            path_.pop_back();
            skip_ws();
            if (at_end()) fatal(lines_.at(open), "json-truncated", "unexpected end of file: array opened here is not closed");
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
        b_.close(base, n);
    }

    unsigned hex4(std::size_t escape_at) {
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            if (at_end()) fatal(lines_.at(escape_at), "json-truncated", "unexpected end of file in a \\u escape");
            const char c = peek();
            unsigned d;
            if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
            else fatal(lines_.at(escape_at), "json-syntax", "\\u must be followed by four hexadecimal digits");
            v = v * 16 + d;
            advance();
        }
        return v;
    }

    // Reads a string literal at a '"' into the builder's characters; returns where it is
    // there. Invalid UTF-8 and lone surrogates are errors that do not stop parsing (U+FFFD is
    // stored), so every bad string of a file is reported.
    std::pair<std::uint32_t, std::uint32_t> string_literal() {
        const std::size_t open = i_;
        advance();  // '"'
        std::string& out = b_.chars();
        const std::size_t start = out.size();
        bool too_long = false;
        auto check_length = [&] {
            if (!too_long && out.size() - start > limits_.max_string_bytes) {
                too_long = true;
                error(lines_.at(open), "string-too-long",
                      "string is longer than " + std::to_string(limits_.max_string_bytes) + " bytes");
            }
            if (too_long) out.resize(start);  // keep memory bounded; the document is rejected anyway
        };
        for (;;) {
            // A run of plain characters (valid UTF-8, no quote, backslash or control
            // character) in one step.
            std::size_t run = i_;
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
            }
            if (run > i_) {
                out.append(s_.substr(i_, run - i_));
                i_ = run;
                check_length();
            }
            if (at_end()) fatal(lines_.at(open), "json-truncated", "unexpected end of file: string opened here is not closed");
            const auto c = static_cast<unsigned char>(peek());
            if (c == '"') {
                advance();
                break;
            }
            if (c == '\\') {
                const std::size_t esc = i_;
                advance();
                if (at_end()) fatal(lines_.at(open), "json-truncated", "unexpected end of file: string opened here is not closed");
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
                                    error(lines_.at(esc), "invalid-unicode", "lone surrogate \\u" + hex_of(cp) + " in string");
                                    cp = 0xFFFD;
                                }
                            } else {
                                error(lines_.at(esc), "invalid-unicode", "lone surrogate \\u" + hex_of(cp) + " in string");
                                cp = 0xFFFD;
                            }
                        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                            error(lines_.at(esc), "invalid-unicode", "lone surrogate \\u" + hex_of(cp) + " in string");
                            cp = 0xFFFD;
                        }
                        utf8::append(out, cp);
                        break;
                    }
                    default:
                        fatal(lines_.at(esc), "json-syntax",
                              std::string("invalid escape \\") + (e >= 0x20 && e < 0x7F ? std::string(1, e) : std::string("?")) +
                                  " in string");
                }
            } else if (c < 0x20) {
                if (c == '\n') fatal(lines_.at(open), "json-syntax", "string is not closed before the end of the line");
                fatal(here(), "json-syntax", "control character " + utf8::codepoint_name(c) + " in string (escape it)");
            } else {
                // Not the start of a valid sequence (the run above takes every valid one).
                error(here(), "invalid-utf8", "invalid UTF-8 byte 0x" + hex_byte(c) + " in string");
                utf8::append(out, 0xFFFD);
                advance();
                // Skip the continuation bytes of the broken sequence.
                while (!at_end() && (static_cast<unsigned char>(peek()) & 0xC0) == 0x80) advance();
                continue;
            }
            check_length();
        }
        if (too_long) out.resize(start);
        return {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(out.size() - start)};
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

    // Reads a number into `n`; a number out of range is reported and left null.
    void number(Node& n) {
        const std::size_t start = i_;
        bool integer = true;
        auto digit = [this] { return !at_end() && peek() >= '0' && peek() <= '9'; };
        if (peek() == '-') advance();
        if (!digit()) fatal(lines_.at(start), "json-syntax", "invalid number: a digit must follow '-'");
        if (peek() == '0') {
            advance();
            if (digit()) fatal(lines_.at(start), "json-syntax", "invalid number: leading zeros are not allowed");
        } else {
            while (digit()) advance();
        }
        if (!at_end() && peek() == '.') {
            integer = false;
            advance();
            if (!digit()) fatal(lines_.at(start), "json-syntax", "invalid number: a digit must follow '.'");
            while (digit()) advance();
        }
        if (!at_end() && (peek() == 'e' || peek() == 'E')) {
            integer = false;
            advance();
            if (!at_end() && (peek() == '+' || peek() == '-')) advance();
            if (!digit()) fatal(lines_.at(start), "json-syntax", "invalid number: the exponent has no digits");
            while (digit()) advance();
        }
        const std::string_view lit = s_.substr(start, i_ - start);
        if (integer) {
            std::int64_t v = 0;
            const auto r = std::from_chars(lit.data(), lit.data() + lit.size(), v);
            if (r.ec == std::errc() && r.ptr == lit.data() + lit.size()) {
                n.type = Type::integer;
                n.i = v;
                return;
            }
            if (limits_.big_integers == BigIntegers::reject) {
                error(lines_.at(start), "number-out-of-range",
                      "integer " + std::string(lit.substr(0, 40)) + (lit.size() > 40 ? "…" : "") +
                          " is outside the range of 64-bit integers");
                return;
            }
        }
        // strtod, unlike from_chars, tells overflow (HUGE_VAL) from underflow (0).
        const std::string literal(lit);
        const double d = std::strtod(literal.c_str(), nullptr);
        if (!std::isfinite(d)) {
            error(lines_.at(start), "number-out-of-range", "number " + literal.substr(0, 40) + " is too large");
            return;
        }
        n.type = Type::number;
        n.d = d;
    }
};

}  // namespace

// Line and column at every kCheckpoint-th byte of a text, so that the position of any
// offset is found by counting at most that many bytes (a data file may be one line).
struct Document::Checkpoints {
    static constexpr std::size_t kCheckpoint = 4096;
    std::vector<SourcePos> at;

    explicit Checkpoints(std::string_view text) {
        Lines lines(text);
        at.reserve(text.size() / kCheckpoint + 1);
        for (std::size_t k = 0; k <= text.size(); k += kCheckpoint) at.push_back(lines.at(k));
    }
};

Document::Document(std::shared_ptr<const Tree> tree, std::string text)
    : text_(std::make_shared<const std::string>(std::move(text))), tree_(std::move(tree)) {}

std::shared_ptr<const Tree> Document::tree() const {
    if (!tree_) {
        // The text parsed once already: parse it again, without limits or diagnostics.
        const std::string file;
        const ParseLimits limits{std::numeric_limits<std::size_t>::max(), std::numeric_limits<std::size_t>::max(),
                                 BigIntegers::as_double};
        try {
            tree_ = Parser(*text_, file, nullptr, limits).run();
        } catch (const Fatal&) {
            tree_ = Builder().finish();
        }
    }
    return tree_;
}

Value Document::value() const { return tree()->root(); }

void Document::drop_values() {
    tree_.reset();
}

SourcePos Document::position_at(std::size_t offset) const {
    if (!checkpoints_) checkpoints_ = std::make_shared<const Checkpoints>(*text_);
    const std::size_t k = std::min(offset / Checkpoints::kCheckpoint, checkpoints_->at.size() - 1);
    const std::string& t = *text_;
    return Lines(t, std::max(k * Checkpoints::kCheckpoint, Lines::bom(t)), checkpoints_->at[k]).at(offset);
}

namespace {

// The value at `pointer`, or its nearest ancestor that exists.
Value nearest(Value root, std::string_view pointer) {
    Value cur = root;
    std::size_t end = 0;
    while (cur && end < pointer.size()) {
        const std::size_t next = pointer.find('/', end + 1);
        const Value step = resolve(cur, pointer.substr(end, next == std::string_view::npos ? std::string_view::npos : next - end));
        if (!step) break;
        cur = step;
        end = next == std::string_view::npos ? pointer.size() : next;
    }
    return cur;
}

}  // namespace

SourcePos Document::position(const std::string& pointer) const {
    const Value v = nearest(value(), pointer);
    return v ? position_at(v.offset()) : SourcePos{};
}

SourcePos Document::key_position(const std::string& pointer) const {
    const std::size_t slash = pointer.rfind('/');
    if (slash != std::string::npos) {
        const Value parent = resolve(value(), std::string_view(pointer).substr(0, slash));
        if (parent.is_object()) {
            const Value member = resolve(parent, std::string_view(pointer).substr(slash));
            if (member) return position_at(member.tree()->node(member.index()).key_at);
        }
    }
    return position(pointer);
}

SourcePos Document::position_in_string(const std::string& pointer, std::size_t offset) const {
    const Value v = resolve(value(), pointer);
    if (!v.is_string()) return position(pointer);
    const std::string& t = *text_;
    // Byte index of the value's opening quote.
    std::size_t i = v.offset();
    const SourcePos start = position_at(i);
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
    if (text.size() > kMaxText) {
        diags.error("file-too-large",
                    "the file is " + std::to_string(text.size()) + " bytes long, more than the " +
                        std::to_string(kMaxText) + " bytes a JSON file may have",
                    file);
        return std::nullopt;
    }
    try {
        auto tree = Parser(text, file, &diags, limits).run();
        return Document(std::move(tree), std::string(text));
    } catch (const Fatal&) {
        return std::nullopt;
    }
}


}  // namespace timeline::json
