#include "schema/regex.h"

#include "base/utf8.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <utility>
#include <vector>

#include <Poco/Runnable.h>
#include <Poco/Thread.h>

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

std::string hex_byte(unsigned b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02X", b & 0xFFu);
    return buf;
}

std::string encode(char32_t cp) {
    std::string out;
    utf8::append(out, cp);
    return out;
}

// Byte-sequence alternatives matching exactly the code points lo..hi (all >= 0x80).
void utf8_sequences(char32_t lo, char32_t hi, std::vector<std::string>& out) {
    if (lo > hi) return;
    // Surrogates never occur in valid UTF-8.
    if (lo <= 0xDFFF && hi >= 0xD800) {
        if (lo < 0xD800) utf8_sequences(lo, 0xD7FF, out);
        if (hi > 0xDFFF) utf8_sequences(0xE000, hi, out);
        return;
    }
    for (char32_t limit : {char32_t{0x7FF}, char32_t{0xFFFF}}) {
        if (lo <= limit && hi > limit) {
            utf8_sequences(lo, limit, out);
            utf8_sequences(limit + 1, hi, out);
            return;
        }
    }
    const int length = hi < 0x800 ? 2 : hi < 0x10000 ? 3 : 4;
    for (int k = 1; k < length; ++k) {
        const char32_t m = (char32_t{1} << (6 * k)) - 1;
        if ((lo & ~m) != (hi & ~m)) {
            if ((lo & m) != 0) {
                utf8_sequences(lo, lo | m, out);
                utf8_sequences((lo | m) + 1, hi, out);
                return;
            }
            if ((hi & m) != m) {
                utf8_sequences(lo, (hi & ~m) - 1, out);
                utf8_sequences(hi & ~m, hi, out);
                return;
            }
        }
    }
    const std::string a = encode(lo);
    const std::string b = encode(hi);
    std::string seq;
    for (std::size_t j = 0; j < a.size(); ++j) {
        const auto x = static_cast<unsigned char>(a[j]);
        const auto y = static_cast<unsigned char>(b[j]);
        if (x == y) seq += hex_byte(x);
        else seq += "[" + hex_byte(x) + "-" + hex_byte(y) + "]";
    }
    out.push_back(std::move(seq));
}

// A std::regex atom matching one code point of the set.
std::string emit_set(RangeSet set) {
    normalize(set);
    std::vector<std::string> alternatives;
    std::string ascii;
    for (const Range& r : set) {
        if (r.first >= 0x80) continue;
        const char32_t hi = std::min<char32_t>(r.second, 0x7F);
        ascii += hex_byte(static_cast<unsigned>(r.first));
        if (hi != r.first) ascii += "-" + hex_byte(static_cast<unsigned>(hi));
    }
    if (!ascii.empty()) alternatives.push_back("[" + ascii + "]");
    for (const Range& r : set) {
        if (r.second < 0x80) continue;
        utf8_sequences(std::max<char32_t>(r.first, 0x80), r.second, alternatives);
    }
    if (alternatives.empty()) return "[^\\x00-\\x7F\\x80-\\xFF]";  // matches nothing
    if (alternatives.size() == 1 && alternatives[0][0] == '[' && alternatives[0].back() == ']' &&
        alternatives[0].find('[', 1) == std::string::npos)
        return alternatives[0];
    std::string out = "(?:";
    for (std::size_t k = 0; k < alternatives.size(); ++k) {
        if (k) out += '|';
        out += alternatives[k];
    }
    return out + ")";
}

std::string emit_literal(char32_t cp) {
    if (cp < 0x80) {
        const auto c = static_cast<char>(cp);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ' ')
            return std::string(1, c);
        return hex_byte(static_cast<unsigned>(cp));
    }
    std::string out = "(?:";
    for (char b : encode(cp)) out += hex_byte(static_cast<unsigned char>(b));
    return out + ")";
}

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

    bool has_backreference() const { return max_backref_ > 0; }
    // A repeated group containing a repeated part, as in (a+)+: a backtracking matcher can
    // take exponential time on it.
    bool nested_repeat() const { return nested_repeat_; }

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
    // What the backtracking-safety check needs to know about an open group's body.
    struct GroupInfo {
        bool repeats = false;      // contains a part that may match more than once
        bool alternation = false;  // has "|" at its top level
        bool opaque = false;       // has a part whose characters are not known (group, backreference, assertion)
        int terms = 0;
        std::optional<char32_t> lead;  // the body starts with this literal, exactly once
        RangeSet others;               // characters the rest of the body can match
    };
    // A term just parsed, as the safety check sees it.
    struct Atom {
        enum class Kind { literal, set, opaque } kind = Kind::opaque;
        char32_t cp = 0;
        RangeSet set;
        bool unsafe_group = false;  // a group that must not be repeated by a backtracking matcher
    };
    std::vector<GroupInfo> groups_info_;
    bool nested_repeat_ = false;

    static Atom literal_atom(char32_t cp) {
        Atom a;
        a.kind = Atom::Kind::literal;
        a.cp = cp;
        return a;
    }
    static Atom set_atom(RangeSet set) {
        Atom a;
        a.kind = Atom::Kind::set;
        a.set = std::move(set);
        return a;
    }

    void note(const Atom& a, bool quantified) {
        if (groups_info_.empty()) return;
        GroupInfo& g = groups_info_.back();
        if (g.terms == 0 && a.kind == Atom::Kind::literal && !quantified) g.lead = a.cp;
        else if (a.kind == Atom::Kind::opaque) g.opaque = true;
        else if (a.kind == Atom::Kind::literal) g.others.emplace_back(a.cp, a.cp);
        else g.others.insert(g.others.end(), a.set.begin(), a.set.end());
        ++g.terms;
    }

    // A repeated body with a repeated part is safe for backtracking when every iteration
    // starts with a literal that nothing else in the body can match, as in (?:-[a-z0-9]+)*:
    // the input then splits into iterations in one way only.
    static bool delimited(const GroupInfo& g) {
        if (!g.lead || g.alternation || g.opaque) return false;
        for (const Range& r : g.others)
            if (*g.lead >= r.first && *g.lead <= r.second) return false;
        return true;
    }

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
        i_ += len;
        return cp;
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

    // Parses an optional quantifier after `atom`.
    bool quantifier(const Atom& atom) {
        const char c = peek();
        bool repeats = false;  // may match the atom more than once
        bool quantified = true;
        if (c == '*' || c == '+' || c == '?') {
            repeats = c != '?';
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
                repeats = !bounded || hi > 1;
                out_ += p_.substr(i_, len);
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
        if (repeats) {
            if (atom.unsafe_group) nested_repeat_ = true;
            for (GroupInfo& g : groups_info_) g.repeats = true;
        }
        note(atom, quantified);
        return true;
    }

    bool disjunction() {
        if (++depth_ > 200) return fail("pattern is nested too deeply");
        for (;;) {
            while (!at_end() && peek() != '|' && peek() != ')')
                if (!term()) return false;
            if (peek() != '|') break;
            if (!groups_info_.empty()) groups_info_.back().alternation = true;
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
                out_ += c;
                ++i_;
                if (quantifier_follows()) return fail("nothing to repeat at position " + std::to_string(i_ + 1));
                note(Atom{}, false);
                return true;
            case '(': {
                if (starts("(?<=") || starts("(?<!")) return fail("lookbehind assertions are not supported");
                if (starts("(?<")) return fail("named groups are not supported");
                if (starts("(?=") || starts("(?!")) {
                    out_ += p_.substr(i_, 3);
                    i_ += 3;
                    groups_info_.emplace_back();
                    if (!disjunction() || !group_end()) return false;
                    groups_info_.pop_back();
                    if (quantifier_follows()) return fail("a lookahead cannot be repeated");
                    note(Atom{}, false);
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
                groups_info_.emplace_back();
                if (!disjunction() || !group_end()) return false;
                const GroupInfo body = std::move(groups_info_.back());
                groups_info_.pop_back();
                Atom group;
                group.unsafe_group = body.repeats && !delimited(body);
                return quantifier(group);
            }
            case '[': {
                RangeSet set;
                if (!character_class(set)) return false;
                out_ += emit_set(set);
                return quantifier(set_atom(std::move(set)));
            }
            case '.':
                ++i_;
                out_ += emit_set(dot_set());
                return quantifier(set_atom(dot_set()));
            case '*':
            case '+':
            case '?':
                return fail("nothing to repeat at position " + std::to_string(i_ + 1));
            case '{':
                if (quantifier_follows()) return fail("nothing to repeat at position " + std::to_string(i_ + 1));
                ++i_;
                out_ += emit_literal('{');
                return quantifier(literal_atom('{'));
            case '\\':
                return atom_escape();
            default: {
                const char32_t cp = next_code_point();
                out_ += emit_literal(cp);
                return quantifier(literal_atom(cp));
            }
        }
    }

    bool atom_escape() {
        ++i_;  // backslash
        if (at_end()) return fail("pattern ends with a lone backslash");
        const char c = peek();
        if (c == 'b' || c == 'B') {
            out_ += '\\';
            out_ += c;
            ++i_;
            if (quantifier_follows()) return fail("nothing to repeat at position " + std::to_string(i_ + 1));
            note(Atom{}, false);
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
            return quantifier(Atom{});
        }
        RangeSet set;
        bool is_set = false;
        char32_t cp = 0;
        if (!escape(false, cp, set, is_set)) return false;
        out_ += is_set ? emit_set(set) : emit_literal(cp);
        return quantifier(is_set ? set_atom(std::move(set)) : literal_atom(cp));
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

// Runs a match on a thread with a stack large enough for long texts: libstdc++'s regex
// executor recurses once per character.
class SearchTask : public Poco::Runnable {
public:
    SearchTask(const std::regex& re, const std::string& text) : re_(re), text_(text) {}
    void run() override {
        try {
            result_ = std::regex_search(text_, re_);
        } catch (const std::exception&) {
            result_.reset();
        }
    }
    std::optional<bool> result_;

private:
    const std::regex& re_;
    const std::string& text_;
};

}  // namespace

bool translate_pattern(std::string_view pattern, std::string& out, std::string& error) {
    Translator t(pattern);
    return t.run(out, error);
}

std::optional<Pattern> Pattern::compile(std::string_view source, std::string& error) {
    Translator t(source);
    std::string translated;
    if (!t.run(translated, error)) return std::nullopt;
    Pattern p;
    p.source_ = std::string(source);
    p.prefer_nfa_ = t.nested_repeat();
    try {
        // The backtracking matcher is the fastest on short texts; the automaton
        // (libstdc++'s polynomial mode) takes time linear in the text and no deep stack,
        // but cannot do backreferences.
        if (!t.nested_repeat() || t.has_backreference())
            p.backtracking_ = std::make_shared<const std::regex>(translated, std::regex::ECMAScript);
        if (!t.has_backreference())
            p.automaton_ = std::make_shared<const std::regex>(
                translated, std::regex::ECMAScript | std::regex_constants::__polynomial);
    } catch (const std::regex_error& e) {
        error = std::string("the regular expression engine rejected it (") + e.what() + ")";
        return std::nullopt;
    }
    RangeSet set;
    if (Translator(source).single_class(set)) {
        normalize(set);
        p.single_class_ = std::make_shared<const RangeSet>(std::move(set));
    }
    return p;
}

std::optional<bool> Pattern::search(const std::string& text) const {
    if (single_class_) {
        const RangeSet& set = *single_class_;
        for (std::size_t i = 0; i < text.size();) {
            const auto c = static_cast<unsigned char>(text[i]);
            const std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
            char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
            for (std::size_t k = 1; k < len && i + k < text.size(); ++k)
                cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
            i += len;
            const auto it = std::upper_bound(set.begin(), set.end(), cp,
                                             [](char32_t x, const Range& r) { return x < r.first; });
            if (it != set.begin() && cp <= std::prev(it)->second) return true;
        }
        return false;
    }
    constexpr std::size_t inline_limit = 2048;
    try {
        if (automaton_ && (prefer_nfa_ || text.size() > inline_limit || !backtracking_))
            return std::regex_search(text, *automaton_);
        if (text.size() <= inline_limit) return std::regex_search(text, *backtracking_);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    // Only patterns with backreferences get here with a long text.
    if (text.size() > max_text_bytes) return std::nullopt;
    SearchTask task(*backtracking_, text);
    Poco::Thread thread;
    thread.setStackSize(static_cast<int>(text.size() * 4096 + (4u << 20)));
    thread.start(task);
    thread.join();
    return task.result_;
}

}  // namespace timeline::schema::detail
