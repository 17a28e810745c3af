#include "schema/regex.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include "base/utf8.h"

namespace timeline::schema::detail {

namespace {

using Range = std::pair<char32_t, char32_t>;
using RangeSet = std::vector<Range>;
constexpr char32_t kMaxCodePoint = 0x10FFFF;

void normalize(RangeSet& set) {
    std::sort(set.begin(), set.end());
    RangeSet merged;
    for (const Range& r : set) {
        if (!merged.empty() && r.first <= merged.back().second + 1) merged.back().second = std::max(merged.back().second, r.second);
        else merged.push_back(r);
    }
    set = std::move(merged);
}

RangeSet complement(RangeSet set) {
    normalize(set);
    RangeSet out;
    char32_t next = 0;
    for (const Range& r : set) {
        if (r.first > next) out.emplace_back(next, r.first - 1);
        next = r.second + 1;
    }
    if (next <= kMaxCodePoint) out.emplace_back(next, kMaxCodePoint);
    return out;
}

RangeSet digit_set() { return {{'0', '9'}}; }
RangeSet word_set() { return {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}; }
RangeSet space_set() {
    return {{0x09, 0x0D}, {0x20, 0x20}, {0xA0, 0xA0}, {0x1680, 0x1680}, {0x2000, 0x200A},
            {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF}};
}
RangeSet dot_set() { return complement({{'\n', '\n'}, {'\r', '\r'}, {0x2028, 0x2029}}); }

// ICU syntax. Every character but ASCII letters, digits, '_' and ' ' is written \x{...},
// so that nothing in a class or literal has a meaning of its own to ICU.
void append_code_point(std::string& out, char32_t cp) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_' || cp == ' ') {
        out += static_cast<char>(cp);
        return;
    }
    static const char* const kHex = "0123456789ABCDEF";
    std::string digits;
    for (char32_t v = cp; digits.empty() || v != 0; v >>= 4) digits.insert(digits.begin(), kHex[v & 0xF]);
    out += "\\x{" + digits + "}";
}

// An ICU class matching one code point of the set (an empty set matches nothing).
std::string emit_set(RangeSet set) {
    normalize(set);
    if (set.empty()) return "[^\\x{0}-\\x{10FFFF}]";
    std::string out = "[";
    for (const Range& r : set) {
        append_code_point(out, r.first);
        if (r.second != r.first) {
            out += '-';
            append_code_point(out, r.second);
        }
    }
    return out + "]";
}

std::string emit_literal(char32_t cp) {
    std::string out;
    append_code_point(out, cp);
    return out;
}

// ECMA-262 \b and \B look at ASCII word characters only (ICU's \b at Unicode ones).
constexpr const char* kWordBoundary = "(?:(?<=[0-9A-Z_a-z])(?![0-9A-Z_a-z])|(?<![0-9A-Z_a-z])(?=[0-9A-Z_a-z]))";
constexpr const char* kNotWordBoundary = "(?:(?<=[0-9A-Z_a-z])(?=[0-9A-Z_a-z])|(?<![0-9A-Z_a-z])(?![0-9A-Z_a-z]))";

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

unsigned hex_value(char c) {
    if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
    return static_cast<unsigned>(c - 'A' + 10);
}

bool is_syntax_punct(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') &&
           u >= 0x20 && u != 0x7F;
}

class Translator {
public:
    explicit Translator(std::string_view p) : p_(p) {}

    bool run(std::string& out, std::string& error) {
        if (!disjunction()) {
            error = error_;
            return false;
        }
        if (i_ < p_.size()) {
            error = "unmatched \")\" at position " + std::to_string(i_ + 1);
            return false;
        }
        if (max_backref_ > groups_) {
            error = "backreference \\" + std::to_string(max_backref_) + " refers to a group that does not exist";
            return false;
        }
        out = std::move(out_);
        return true;
    }

    // The class ("[...]") or escape ("\\d", "\\.") at byte `at` of the pattern as a set of code
    // points, and `at` moved past it; false when there is none there.
    bool set_at(std::size_t& at, RangeSet& out) {
        i_ = at;
        if (peek() == '[') {
            if (!character_class(out)) return false;
        } else if (peek() == '\\') {
            ++i_;
            char32_t cp = 0;
            bool is_set = false;
            if (at_end() || !escape(false, cp, out, is_set)) return false;
            if (!is_set) out = {{cp, cp}};
        } else {
            return false;
        }
        at = i_;
        return true;
    }

    // Whether the whole pattern is one unquantified character class; its code points if so.
    bool single_class(RangeSet& out) {
        if (p_ == ".") {
            out = dot_set();
            return true;
        }
        if (p_.size() >= 2 && p_[0] == '[') return character_class(out) && i_ == p_.size();
        if (p_.size() == 2 && p_[0] == '\\') {
            ++i_;
            char32_t cp = 0;
            bool is_set = false;
            return escape(false, cp, out, is_set) && is_set && i_ == p_.size();
        }
        return false;
    }

private:
    std::string_view p_;
    std::size_t i_ = 0;
    std::string out_;
    std::string error_;
    int groups_ = 0;
    int max_backref_ = 0;
    int depth_ = 0;

    bool fail(std::string message) {
        if (error_.empty()) error_ = std::move(message);
        return false;
    }
    bool at_end() const { return i_ >= p_.size(); }
    char peek(std::size_t ahead = 0) const { return i_ + ahead < p_.size() ? p_[i_ + ahead] : '\0'; }
    bool starts(std::string_view s) const { return p_.substr(i_, s.size()) == s; }

    char32_t next_code_point() {
        const auto c = static_cast<unsigned char>(p_[i_]);
        if (c < 0x80) { ++i_; return c; }
        const std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        char32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : len == 4 ? (c & 0x07) : c;
        for (std::size_t k = 1; k < len && i_ + k < p_.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(p_[i_ + k]) & 0x3F);
        i_ = std::min(i_ + len, p_.size());
        // A pattern is a JSON string, valid UTF-8; anything else stands for U+FFFD.
        return cp > kMaxCodePoint || (cp >= 0xD800 && cp <= 0xDFFF) ? char32_t{0xFFFD} : cp;
    }

    // Length of a {n}, {n,}, {n,m} quantifier at i_, or 0 when there is none.
    std::size_t quantifier_braces(unsigned long& lo, unsigned long& hi, bool& bounded) const {
        std::size_t k = i_;
        if (k >= p_.size() || p_[k] != '{') return 0;
        ++k;
        auto number = [&](unsigned long& v) {
            const std::size_t start = k;
            v = 0;
            while (k < p_.size() && p_[k] >= '0' && p_[k] <= '9') {
                v = std::min<unsigned long>(v * 10 + static_cast<unsigned long>(p_[k] - '0'), 1000000000UL);
                ++k;
            }
            return k > start;
        };
        if (!number(lo)) return 0;
        hi = lo;
        bounded = true;
        if (k < p_.size() && p_[k] == ',') {
            ++k;
            bounded = number(hi);
        }
        if (k >= p_.size() || p_[k] != '}') return 0;
        return k + 1 - i_;
    }

    bool quantifier_follows() const {
        const char c = peek();
        if (c == '*' || c == '+' || c == '?') return true;
        unsigned long lo = 0;
        unsigned long hi = 0;
        bool bounded = false;
        return quantifier_braces(lo, hi, bounded) > 0;
    }

    // Parses an optional quantifier after an atom. ECMA-262 takes any count, ICU at most
    // 2^24 - 1 (U_REGEX_NUMBER_TOO_BIG above it): a larger count is written as that. The
    // meaning is the same on any text shorter than 2^24 - 1 characters (a JSON string is at
    // most 1 MiB): more iterations than characters can only be empty ones, which a minimum
    // accepts and a maximum never needs.
    bool quantifier() {
        const char c = peek();
        bool quantified = true;
        if (c == '*' || c == '+' || c == '?') {
            out_ += c;
            ++i_;
        } else {
            unsigned long lo = 0;
            unsigned long hi = 0;
            bool bounded = false;
            const std::size_t len = quantifier_braces(lo, hi, bounded);
            if (len == 0) {
                quantified = false;
            } else {
                if (bounded && hi < lo)
                    return fail("numbers out of order in quantifier " + std::string(p_.substr(i_, len)));
                constexpr unsigned long kIcuMaxCount = (1UL << 24) - 1;
                lo = std::min(lo, kIcuMaxCount);
                hi = std::min(hi, kIcuMaxCount);
                out_ += "{" + std::to_string(lo) + (bounded ? (lo == hi ? "" : "," + std::to_string(hi)) : ",") + "}";
                i_ += len;
            }
        }
        if (quantified) {
            if (peek() == '?') {
                out_ += '?';
                ++i_;
            }
            if (quantifier_follows()) return fail("nothing to repeat at position " + std::to_string(i_ + 1));
        }
        return true;
    }

    bool disjunction() {
        if (++depth_ > 200) return fail("pattern is nested too deeply");
        for (;;) {
            while (!at_end() && peek() != '|' && peek() != ')')
                if (!term()) return false;
            if (peek() != '|') break;
            out_ += '|';
            ++i_;
        }
        --depth_;
        return true;
    }

    bool group_end() {
        if (peek() != ')') return fail("missing \")\"");
        out_ += ')';
        ++i_;
        return true;
    }

    bool term() {
        const char c = peek();
        switch (c) {
            case '^':
            case '$':
                // Without the multiline flag: the start and the very end of the text.
                out_ += c == '^' ? "^" : "\\z";
                ++i_;
                if (quantifier_follows()) return fail("nothing to repeat at position " + std::to_string(i_ + 1));
                return true;
            case '(': {
                if (starts("(?<=") || starts("(?<!")) return fail("lookbehind assertions are not supported");
                if (starts("(?<")) return fail("named groups are not supported");
                if (starts("(?=") || starts("(?!")) {
                    out_ += p_.substr(i_, 3);
                    i_ += 3;
                    if (!disjunction() || !group_end()) return false;
                    if (quantifier_follows()) return fail("a lookahead cannot be repeated");
                    return true;
                }
                if (starts("(?:")) {
                    out_ += "(?:";
                    i_ += 3;
                } else if (starts("(?")) {
                    return fail("invalid group \"(?" + std::string(1, peek(2)) + "\"");
                } else {
                    ++groups_;
                    out_ += '(';
                    ++i_;
                }
                if (!disjunction() || !group_end()) return false;
                return quantifier();
            }
            case '[': {
                RangeSet set;
                if (!character_class(set)) return false;
                out_ += emit_set(set);
                return quantifier();
            }
            case '.':
                ++i_;
                out_ += emit_set(dot_set());
                return quantifier();
            case '*':
            case '+':
            case '?':
                return fail("nothing to repeat at position " + std::to_string(i_ + 1));
            case '{':
                if (quantifier_follows()) return fail("nothing to repeat at position " + std::to_string(i_ + 1));
                ++i_;
                out_ += emit_literal('{');
                return quantifier();
            case '\\':
                return atom_escape();
            default: {
                const char32_t cp = next_code_point();
                out_ += emit_literal(cp);
                return quantifier();
            }
        }
    }

    bool atom_escape() {
        ++i_;  // backslash
        if (at_end()) return fail("pattern ends with a lone backslash");
        const char c = peek();
        if (c == 'b' || c == 'B') {
            out_ += c == 'b' ? kWordBoundary : kNotWordBoundary;
            ++i_;
            if (quantifier_follows()) return fail("nothing to repeat at position " + std::to_string(i_ + 1));
            return true;
        }
        if (c >= '1' && c <= '9') {
            int n = 0;
            while (peek() >= '0' && peek() <= '9' && n < 1000) {
                n = n * 10 + (peek() - '0');
                ++i_;
            }
            max_backref_ = std::max(max_backref_, n);
            out_ += "(?:\\" + std::to_string(n) + ")";
            return quantifier();
        }
        RangeSet set;
        bool is_set = false;
        char32_t cp = 0;
        if (!escape(false, cp, set, is_set)) return false;
        out_ += is_set ? emit_set(set) : emit_literal(cp);
        return quantifier();
    }

    // After the backslash: a character or a class escape. `in_class`: inside [...].
    bool escape(bool in_class, char32_t& cp, RangeSet& set, bool& is_set) {
        const char c = peek();
        is_set = false;
        switch (c) {
            case 'd': ++i_; set = digit_set(); is_set = true; return true;
            case 'D': ++i_; set = complement(digit_set()); is_set = true; return true;
            case 'w': ++i_; set = word_set(); is_set = true; return true;
            case 'W': ++i_; set = complement(word_set()); is_set = true; return true;
            case 's': ++i_; set = space_set(); is_set = true; return true;
            case 'S': ++i_; set = complement(space_set()); is_set = true; return true;
            case 't': ++i_; cp = '\t'; return true;
            case 'n': ++i_; cp = '\n'; return true;
            case 'v': ++i_; cp = '\v'; return true;
            case 'f': ++i_; cp = '\f'; return true;
            case 'r': ++i_; cp = '\r'; return true;
            case 'b':
                if (!in_class) break;
                ++i_;
                cp = 0x08;
                return true;
            case '0':
                if (peek(1) >= '0' && peek(1) <= '9') return fail("octal escapes are not supported");
                ++i_;
                cp = 0;
                return true;
            case 'c': {
                const char l = peek(1);
                if (!((l >= 'a' && l <= 'z') || (l >= 'A' && l <= 'Z'))) return fail("\\c must be followed by a letter");
                i_ += 2;
                cp = static_cast<char32_t>(l) % 32;
                return true;
            }
            case 'x':
                if (!is_hex(peek(1)) || !is_hex(peek(2))) return fail("\\x must be followed by two hexadecimal digits");
                cp = hex_value(peek(1)) * 16 + hex_value(peek(2));
                i_ += 3;
                return true;
            case 'u': {
                if (peek(1) == '{') return fail("\\u{...} escapes are not supported");
                if (!u_escape(cp)) return fail("\\u must be followed by four hexadecimal digits");
                if (cp >= 0xD800 && cp <= 0xDBFF && starts("\\u")) {
                    const std::size_t save = i_;
                    ++i_;
                    char32_t low = 0;
                    if (u_escape(low) && low >= 0xDC00 && low <= 0xDFFF) cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    else i_ = save;
                }
                return true;
            }
            case 'p':
            case 'P':
                return fail("Unicode property escapes (\\p{...}) are not supported");
            case 'k':
                return fail("named backreferences (\\k<...>) are not supported");
            default: break;
        }
        if (c == '-' && in_class) {
            ++i_;
            cp = '-';
            return true;
        }
        if (is_syntax_punct(c)) {
            ++i_;
            cp = static_cast<unsigned char>(c);
            return true;
        }
        if (static_cast<unsigned char>(c) >= 0x80) {
            cp = next_code_point();
            return true;
        }
        return fail("unknown escape \\" + std::string(1, c));
    }

    // At 'u' of \uHHHH; advances past the digits on success.
    bool u_escape(char32_t& cp) {
        if (peek() != 'u') return false;
        for (std::size_t k = 1; k <= 4; ++k)
            if (!is_hex(peek(k))) return false;
        cp = 0;
        for (std::size_t k = 1; k <= 4; ++k) cp = cp * 16 + hex_value(peek(k));
        i_ += 5;
        return true;
    }

    bool class_atom(char32_t& cp, RangeSet& set, bool& is_set) {
        is_set = false;
        if (peek() == '\\') {
            ++i_;
            if (at_end()) return fail("pattern ends with a lone backslash");
            if (peek() >= '1' && peek() <= '9') return fail("backreferences are not allowed in a character class");
            return escape(true, cp, set, is_set);
        }
        cp = next_code_point();
        return true;
    }

    bool character_class(RangeSet& result) {
        ++i_;  // '['
        bool negate = false;
        if (peek() == '^') {
            negate = true;
            ++i_;
        }
        RangeSet set;
        for (;;) {
            if (at_end()) return fail("missing \"]\"");
            if (peek() == ']') {
                ++i_;
                break;
            }
            char32_t a = 0;
            RangeSet a_set;
            bool a_is_set = false;
            if (!class_atom(a, a_set, a_is_set)) return false;
            if (peek() == '-' && peek(1) != ']' && i_ + 1 < p_.size()) {
                ++i_;
                char32_t b = 0;
                RangeSet b_set;
                bool b_is_set = false;
                if (!class_atom(b, b_set, b_is_set)) return false;
                if (a_is_set || b_is_set) return fail("a class escape cannot be a range bound");
                if (b < a) return fail("range out of order in character class");
                set.emplace_back(a, b);
                continue;
            }
            if (a_is_set) set.insert(set.end(), a_set.begin(), a_set.end());
            else set.emplace_back(a, a);
        }
        result = negate ? complement(std::move(set)) : std::move(set);
        return true;
    }
};

// Patterns made of plain pieces — characters, classes, ".", \d \w \s and their negations,
// groups, alternatives, quantifiers, "^" first and "$" last — run on a small automaton of
// their own (Thompson's construction, simulated state set by state set): no ICU pattern to
// compile, and linear time in the text, so no time limit. The schemas' patterns are all of
// this kind; anything else (assertions, backreferences, escapes of other kinds) goes to ICU.
class Automaton {
public:
    // The automaton of a pattern that translate_pattern() accepted, or nullopt when it has
    // pieces of another kind.
    static std::optional<Automaton> of(std::string_view pattern) {
        Automaton a;
        Parser parser(pattern, a);
        if (!parser.run()) return std::nullopt;
        return a;
    }

    bool search(std::string_view text) const {
        // Scratch space of this thread: the state lists and, per instruction, the last step
        // that added it (a generation that only grows, so nothing needs clearing).
        thread_local std::vector<std::uint32_t> current, next;
        thread_local std::vector<std::uint64_t> mark;
        thread_local std::uint64_t generation = 0;
        if (mark.size() < code_.size()) mark.resize(code_.size(), 0);
        current.clear();
        ++generation;
        bool matched = false;
        auto add = [&](auto&& self, std::vector<std::uint32_t>& list, std::uint32_t pc) -> void {
            if (mark[pc] == generation) return;
            mark[pc] = generation;
            const Inst& in = code_[pc];
            switch (in.op) {
                case Op::jump: self(self, list, in.x); return;
                case Op::split: self(self, list, in.x); self(self, list, in.y); return;
                case Op::match: matched = true; return;
                case Op::set: list.push_back(pc); return;
            }
        };
        add(add, current, 0);
        for (std::size_t i = 0;;) {
            if (matched && (!anchored_end_ || i == text.size())) return true;
            if (i == text.size()) return false;
            const auto b = static_cast<unsigned char>(text[i]);
            char32_t cp = b;
            if (b < 0x80) ++i;
            else cp = utf8::decode(text, i);
            ++generation;
            matched = false;
            next.clear();
            for (const std::uint32_t pc : current)
                if (sets_[code_[pc].x].has(cp)) add(add, next, pc + 1);
            if (!anchored_start_) add(add, next, 0);  // a match may begin after this character
            current.swap(next);
            if (current.empty() && !matched) return false;
        }
    }

private:
    static constexpr unsigned kUnbounded = ~0u;
    static constexpr std::size_t kMaxCode = 4096;  // instructions: counted repeats are unrolled

    struct Set {
        RangeSet ranges;
        std::uint64_t ascii[2] = {0, 0};
        explicit Set(RangeSet r) : ranges(std::move(r)) {
            normalize(ranges);
            for (const Range& x : ranges)
                for (char32_t c = x.first; c <= x.second && c < 128; ++c) ascii[c / 64] |= std::uint64_t{1} << (c % 64);
        }
        bool has(char32_t c) const {
            if (c < 128) return (ascii[c / 64] >> (c % 64)) & 1;
            const auto it = std::upper_bound(ranges.begin(), ranges.end(), c,
                                             [](char32_t v, const Range& r) { return v < r.first; });
            return it != ranges.begin() && c <= std::prev(it)->second;
        }
    };
    enum class Op : std::uint8_t { set, split, jump, match };
    struct Inst {
        Op op;
        std::uint32_t x = 0, y = 0;  // set: index in sets_; split: both ways; jump: where
    };
    // The pattern as a tree, before it is written as instructions.
    struct Node {
        enum class Kind : std::uint8_t { set, seq, alt, repeat } kind = Kind::seq;
        std::uint32_t set = 0;
        std::vector<Node> kids;
        unsigned min = 1, max = 1;
    };

    std::vector<Inst> code_;
    std::vector<Set> sets_;
    bool anchored_start_ = false, anchored_end_ = false;

    std::uint32_t here() const { return static_cast<std::uint32_t>(code_.size()); }

    bool emit(const Node& n) {
        if (code_.size() > kMaxCode) return false;
        switch (n.kind) {
            case Node::Kind::set: code_.push_back({Op::set, n.set, 0}); return true;
            case Node::Kind::seq:
                for (const Node& k : n.kids)
                    if (!emit(k)) return false;
                return true;
            case Node::Kind::alt: {
                // split L1, next; L1: first; jump end; next: split L2, … ; last
                std::vector<std::uint32_t> jumps;
                for (std::size_t k = 0; k < n.kids.size(); ++k) {
                    if (k + 1 < n.kids.size()) {
                        const std::uint32_t split = here();
                        code_.push_back({Op::split, split + 1, 0});
                        if (!emit(n.kids[k])) return false;
                        jumps.push_back(here());
                        code_.push_back({Op::jump, 0, 0});
                        code_[split].y = here();
                    } else if (!emit(n.kids[k])) {
                        return false;
                    }
                }
                for (const std::uint32_t j : jumps) code_[j].x = here();
                return true;
            }
            case Node::Kind::repeat: {
                const Node& body = n.kids.front();
                for (unsigned k = 0; k < n.min; ++k)
                    if (!emit(body)) return false;
                if (n.max == kUnbounded) {
                    const std::uint32_t loop = here();
                    code_.push_back({Op::split, loop + 1, 0});
                    if (!emit(body)) return false;
                    code_.push_back({Op::jump, loop, 0});
                    code_[loop].y = here();
                    return true;
                }
                std::vector<std::uint32_t> exits;
                for (unsigned k = n.min; k < n.max; ++k) {
                    exits.push_back(here());
                    code_.push_back({Op::split, here() + 1, 0});
                    if (!emit(body)) return false;
                }
                for (const std::uint32_t e : exits) code_[e].y = here();
                return true;
            }
        }
        return false;
    }

    class Parser {
    public:
        Parser(std::string_view p, Automaton& a) : p_(p), a_(a) {}

        bool run() {
            std::size_t end = p_.size();
            if (!p_.empty() && p_.front() == '^') {
                a_.anchored_start_ = true;
                i_ = 1;
            }
            // A final "$" not escaped (an odd number of backslashes before it escapes it).
            if (end > i_ && p_[end - 1] == '$') {
                std::size_t slashes = 0;
                while (end - 1 - slashes > i_ && p_[end - 2 - slashes] == '\\') ++slashes;
                if (slashes % 2 == 0) {
                    a_.anchored_end_ = true;
                    --end;
                }
            }
            p_ = p_.substr(0, end);
            Node root;
            if (!disjunction(root, 0) || i_ != p_.size()) return false;
            // "^a|b" anchors only its first alternative: not this automaton's kind.
            if ((a_.anchored_start_ || a_.anchored_end_) && root.kind == Node::Kind::alt) return false;
            if (!a_.emit(root)) return false;
            a_.code_.push_back({Op::match, 0, 0});
            return true;
        }

    private:
        std::string_view p_;
        Automaton& a_;
        std::size_t i_ = 0;

        char peek() const { return i_ < p_.size() ? p_[i_] : '\0'; }

        std::uint32_t add_set(RangeSet r) {
            a_.sets_.emplace_back(std::move(r));
            return static_cast<std::uint32_t>(a_.sets_.size() - 1);
        }

        bool disjunction(Node& out, int depth) {
            if (depth > 50) return false;
            Node alt;
            alt.kind = Node::Kind::alt;
            for (;;) {
                Node seq;
                seq.kind = Node::Kind::seq;
                while (i_ < p_.size() && peek() != '|' && peek() != ')') {
                    Node t;
                    if (!term(t, depth)) return false;
                    seq.kids.push_back(std::move(t));
                }
                alt.kids.push_back(std::move(seq));
                if (peek() != '|') break;
                ++i_;
            }
            out = alt.kids.size() == 1 ? std::move(alt.kids.front()) : std::move(alt);
            return true;
        }

        bool term(Node& out, int depth) {
            Node atom;
            const char c = peek();
            if (c == '(') {
                i_ += p_.substr(i_, 3) == "(?:" ? 3 : 1;
                if (p_.substr(i_ - 1, 2) == "(?") return false;  // an assertion or another group
                if (!disjunction(atom, depth + 1) || peek() != ')') return false;
                ++i_;
            } else {
                RangeSet set;
                if (!single(set)) return false;
                atom.kind = Node::Kind::set;
                atom.set = add_set(std::move(set));
            }
            unsigned lo = 1, hi = 1;
            const char q = peek();
            if (q == '*' || q == '+' || q == '?') {
                lo = q == '+' ? 1 : 0;
                hi = q == '?' ? 1 : kUnbounded;
                ++i_;
            } else if (q == '{') {
                if (!braces(lo, hi)) return false;
            }
            if ((q == '*' || q == '+' || q == '?' || q == '{') && peek() == '?') ++i_;  // lazy: the same for "test"
            if (lo == 1 && hi == 1) {
                out = std::move(atom);
                return true;
            }
            out.kind = Node::Kind::repeat;
            out.min = lo;
            out.max = hi;
            out.kids.push_back(std::move(atom));
            return true;
        }

        // {n}, {n,} or {n,m}, small enough to unroll.
        bool braces(unsigned& lo, unsigned& hi) {
            ++i_;
            auto number = [&](unsigned& v) {
                const std::size_t start = i_;
                v = 0;
                while (i_ < p_.size() && peek() >= '0' && peek() <= '9' && i_ - start < 4) v = v * 10 + static_cast<unsigned>(p_[i_++] - '0');
                return i_ > start && !(peek() >= '0' && peek() <= '9');
            };
            if (!number(lo)) return false;
            hi = lo;
            if (peek() == ',') {
                ++i_;
                if (peek() == '}') hi = kUnbounded;
                else if (!number(hi)) return false;
            }
            if (peek() != '}') return false;
            ++i_;
            return hi >= lo;
        }

        // One character's worth: a literal, ".", or a class or escape as the translation reads
        // it.
        bool single(RangeSet& out) {
            const char c = peek();
            if (c == '.') {
                ++i_;
                out = dot_set();
                return true;
            }
            if (c == '[' || c == '\\') return Translator(p_).set_at(i_, out);
            if (std::string_view("^$*+?{}[]()|").find(c) != std::string_view::npos) return false;
            const char32_t cp = utf8::decode(p_, i_);
            out = {{cp, cp}};
            return true;
        }
    };
};

}  // namespace

struct Pattern::Compiled {
    std::string icu_source;      // the pattern in ICU's syntax
    RangeSet single_class;       // when `is_single_class`: the class's code points, sorted
    bool is_single_class = false;
    std::optional<Automaton> automaton;  // for a pattern of plain pieces
    std::once_flag once;
    std::unique_ptr<icu::RegexPattern> icu;
    std::string icu_error;       // why ICU refused it
    // Matchers not in use, kept for the next search: creating an ICU matcher (and its stack)
    // for every string was most of the cost of validating a large data set. They belong to
    // the pattern, so none outlives it.
    std::mutex pool_mutex;
    std::vector<std::unique_ptr<icu::RegexMatcher>> pool;

    std::unique_ptr<icu::RegexMatcher> take_matcher() {
        {
            std::lock_guard<std::mutex> lock(pool_mutex);
            if (!pool.empty()) {
                auto m = std::move(pool.back());
                pool.pop_back();
                return m;
            }
        }
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::RegexMatcher> m(icu->matcher(status));
        return U_SUCCESS(status) ? std::move(m) : nullptr;
    }
    void give_back(std::unique_ptr<icu::RegexMatcher> m) {
        std::lock_guard<std::mutex> lock(pool_mutex);
        pool.push_back(std::move(m));
    }

    void build() {
        std::call_once(once, [this] {
            UErrorCode status = U_ZERO_ERROR;
            UParseError where{};
            icu.reset(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(icu_source), 0, where, status));
            if (U_FAILURE(status)) {
                icu.reset();
                icu_error = std::string(u_errorName(status)) + " at offset " + std::to_string(where.offset) + " of " +
                            icu_source;
            }
        });
    }
};

bool translate_pattern(std::string_view pattern, std::string& out, std::string& error) {
    Translator t(pattern);
    return t.run(out, error);
}

std::optional<Pattern> Pattern::compile(std::string_view source, std::string& error) {
    auto compiled = std::make_shared<Compiled>();
    if (!translate_pattern(source, compiled->icu_source, error)) return std::nullopt;
    if (Translator(source).single_class(compiled->single_class)) {
        normalize(compiled->single_class);
        compiled->is_single_class = true;
    } else {
        compiled->automaton = Automaton::of(source);
    }
    // Built now rather than at a first search that two threads may make at once
    // (ThreadSanitizer reported the lazy build, seen from the other thread, as a race).
    if (!compiled->is_single_class && !compiled->automaton) compiled->build();
    Pattern p;
    p.source_ = std::string(source);
    p.compiled_ = std::move(compiled);
    return p;
}

bool Pattern::prepare(std::string& error) const {
    compiled_->build();
    error = compiled_->icu_error;
    return compiled_->icu != nullptr;
}

Match Pattern::search(std::string_view text, std::int32_t time_limit) const {
    Compiled& c = *compiled_;
    if (c.is_single_class) {
        // One class ("\\S", "[a-z]"): a scan of the code points, no engine.
        const RangeSet& set = c.single_class;
        for (std::size_t i = 0; i < text.size();) {
            const char32_t cp = utf8::decode(text, i);
            const auto it = std::upper_bound(set.begin(), set.end(), cp,
                                             [](char32_t x, const Range& r) { return x < r.first; });
            if (it != set.begin() && cp <= std::prev(it)->second) return Match::yes;
        }
        return Match::no;
    }
    if (c.automaton) return c.automaton->search(text) ? Match::yes : Match::no;
    return search_icu(text, time_limit);
}

Match Pattern::search_icu(std::string_view text, std::int32_t time_limit) const {
    Compiled& c = *compiled_;
    c.build();
    if (!c.icu) return Match::error;  // ICU refused it
    std::unique_ptr<icu::RegexMatcher> matcher = c.take_matcher();
    if (!matcher) return Match::error;
    UErrorCode status = U_ZERO_ERROR;
    UText input = UTEXT_INITIALIZER;
    utext_openUTF8(&input, text.data(), static_cast<int64_t>(text.size()), &status);
    matcher->reset(&input);
    matcher->setTimeLimit(time_limit, status);
    // ICU keeps its backtracking states on the heap, within this limit: 8 MiB, plus 32 bytes
    // per byte of text so that a repetition over a long text ("^(?:a|b)*$" over 1 MiB needs
    // about 16 MB) is not refused for its length alone.
    const auto stack = static_cast<std::int32_t>((8u << 20) + 32u * std::min<std::size_t>(text.size(), 1u << 26));
    if (matcher->getStackLimit() != stack) matcher->setStackLimit(stack, status);
    const bool found = U_SUCCESS(status) && matcher->find(status);
    // The matcher keeps a shallow clone of `input` that points into `text`; it is not read
    // again before the next search resets it.
    utext_close(&input);
    c.give_back(std::move(matcher));
    if (status == U_REGEX_TIME_OUT) return Match::too_slow;
    if (status == U_REGEX_STACK_OVERFLOW) return Match::too_deep;
    if (U_FAILURE(status)) return Match::error;
    return found ? Match::yes : Match::no;
}

}  // namespace timeline::schema::detail
