#include "interchange/html.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "base/utf8.h"

namespace timeline::interchange {
namespace {

// Named character references (HTML 5.2 §8.5): the Latin-1 set from U+00A0 in code point
// order, then the typographic ones texts use.
constexpr std::string_view kLatin1Names =
    "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 "
    "acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml "
    "Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde "
    "Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig "
    "ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide "
    "oslash ugrave uacute ucirc uuml yacute thorn yuml";

struct Named {
    std::string_view name;
    char32_t cp;
};
constexpr Named kOtherNames[] = {
    {"amp", U'&'},       {"lt", U'<'},         {"gt", U'>'},         {"quot", U'"'},      {"apos", U'\''},
    {"OElig", 0x152},    {"oelig", 0x153},     {"Scaron", 0x160},    {"scaron", 0x161},   {"Yuml", 0x178},
    {"fnof", 0x192},     {"circ", 0x2C6},      {"tilde", 0x2DC},     {"ensp", 0x2002},    {"emsp", 0x2003},
    {"thinsp", 0x2009},  {"zwnj", 0x200C},     {"zwj", 0x200D},      {"lrm", 0x200E},     {"rlm", 0x200F},
    {"ndash", 0x2013},   {"mdash", 0x2014},    {"lsquo", 0x2018},    {"rsquo", 0x2019},   {"sbquo", 0x201A},
    {"ldquo", 0x201C},   {"rdquo", 0x201D},    {"bdquo", 0x201E},    {"dagger", 0x2020},  {"Dagger", 0x2021},
    {"bull", 0x2022},    {"hellip", 0x2026},   {"permil", 0x2030},   {"prime", 0x2032},   {"Prime", 0x2033},
    {"lsaquo", 0x2039},  {"rsaquo", 0x203A},   {"oline", 0x203E},    {"euro", 0x20AC},    {"trade", 0x2122},
    {"larr", 0x2190},    {"uarr", 0x2191},     {"rarr", 0x2192},     {"darr", 0x2193},    {"harr", 0x2194},
    {"minus", 0x2212},
};

std::optional<char32_t> named_reference(std::string_view name) {
    for (const Named& n : kOtherNames)
        if (n.name == name) return n.cp;
    std::size_t start = 0;
    char32_t cp = 0xA0;
    while (start < kLatin1Names.size()) {
        std::size_t end = kLatin1Names.find(' ', start);
        if (end == std::string_view::npos) end = kLatin1Names.size();
        if (kLatin1Names.substr(start, end - start) == name) return cp;
        start = end + 1;
        ++cp;
    }
    return std::nullopt;
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}

// Decodes the character reference at s[i] == '&' into `out` and advances i; a reference
// that is not one stays as written.
void decode_reference(std::string_view s, std::size_t& i, std::string& out) {
    const std::size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12) {
        out += '&';
        ++i;
        return;
    }
    const std::string_view body = s.substr(i + 1, semi - i - 1);
    std::optional<char32_t> cp;
    if (body.size() >= 2 && body[0] == '#') {
        const bool hex = body[1] == 'x' || body[1] == 'X';
        const std::string_view digits = body.substr(hex ? 2 : 1);
        char32_t v = 0;
        bool ok = !digits.empty();
        for (char c : digits) {
            int d = -1;
            if (is_digit(c)) d = c - '0';
            else if (hex && lower(c) >= 'a' && lower(c) <= 'f') d = lower(c) - 'a' + 10;
            if (d < 0 || v > 0x10FFFF) {
                ok = false;
                break;
            }
            v = v * (hex ? 16 : 10) + static_cast<char32_t>(d);
        }
        if (ok && v > 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF)) cp = v;
    } else {
        cp = named_reference(body);
    }
    if (!cp) {
        out += '&';
        ++i;
        return;
    }
    utf8::append(out, *cp);
    i = semi + 1;
}

constexpr std::string_view kBlock[] = {"address", "article", "aside", "blockquote", "caption", "dd", "details",
                                       "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3",
                                       "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
                                       "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "br"};
constexpr std::string_view kVoid[] = {"area", "base", "br", "col", "embed", "hr", "img", "input",
                                      "link", "meta", "param", "source", "track", "wbr"};
constexpr std::string_view kMedia[] = {"img", "iframe", "video", "audio", "embed", "object", "svg"};
constexpr std::string_view kSkipped[] = {"script", "style", "noscript", "template", "svg"};

template <std::size_t N>
bool one_of(const std::string_view (&set)[N], std::string_view name) {
    return std::find(std::begin(set), std::end(set), name) != std::end(set);
}

enum Buffer : int { unmarked = 0, zh = 1, en = 2 };

class Stripper {
public:
    explicit Stripper(std::string_view s) : s_(s) {}

    PlainText run() {
        markup_ = has_markup();
        while (i_ < s_.size()) {
            const char c = s_[i_];
            if (c == '<' && markup_ && tag()) continue;
            if (c == '&') {
                decode_reference(s_, i_, buf_[lang()]);
                continue;
            }
            if (c == '\r' || (markup_ && is_space(c))) {
                buf_[lang()] += (c == '\r' && !markup_) ? '\n' : ' ';
                if (c == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') ++i_;
                ++i_;
                continue;
            }
            buf_[lang()] += c;
            ++i_;
        }
        out_.unmarked = tidy(buf_[unmarked]);
        out_.zh = tidy(buf_[zh]);
        out_.en = tidy(buf_[en]);
        return out_;
    }

private:
    struct Open {
        std::string name;
        Buffer lang;
    };
    std::string_view s_;
    std::size_t i_ = 0;
    bool markup_ = false;
    std::vector<Open> open_;
    std::array<std::string, 3> buf_;
    PlainText out_;

    Buffer lang() const { return open_.empty() ? unmarked : open_.back().lang; }

    bool has_markup() const {
        for (std::size_t k = 0; k + 1 < s_.size(); ++k) {
            if (s_[k] != '<') continue;
            const char n = s_[k + 1];
            if (is_alpha(n) || n == '!' || (n == '/' && k + 2 < s_.size() && is_alpha(s_[k + 2]))) return true;
        }
        return false;
    }

    void line_break() {
        for (auto& b : buf_) b += '\n';
    }

    // At '<': consumes a tag, comment or declaration and returns true; returns false when
    // the '<' starts none (it is then text).
    bool tag() {
        const std::size_t start = i_;
        if (s_.compare(i_, 4, "<!--") == 0) {
            const std::size_t end = s_.find("-->", i_ + 4);
            i_ = end == std::string_view::npos ? s_.size() : end + 3;
            return true;
        }
        if (i_ + 1 >= s_.size()) return false;
        const char n = s_[i_ + 1];
        if (n == '!' || n == '?') {
            const std::size_t end = s_.find('>', i_);
            i_ = end == std::string_view::npos ? s_.size() : end + 1;
            return true;
        }
        const bool closing = n == '/';
        std::size_t k = i_ + (closing ? 2 : 1);
        if (k >= s_.size() || !is_alpha(s_[k])) return false;
        const std::size_t name_start = k;
        while (k < s_.size() && !is_space(s_[k]) && s_[k] != '>' && s_[k] != '/') ++k;
        const std::string name = lowered(s_.substr(name_start, k - name_start));
        std::string lang_attr;
        bool href = false;
        bool self_closing = false;
        // Attributes: name, name=value, name="value", name='value'.
        for (;;) {
            while (k < s_.size() && is_space(s_[k])) ++k;
            if (k >= s_.size()) {
                i_ = start;
                return false;  // never closed: the '<' is text
            }
            if (s_[k] == '>') {
                ++k;
                break;
            }
            if (s_[k] == '/') {
                self_closing = true;
                ++k;
                continue;
            }
            const std::size_t attr_start = k;
            while (k < s_.size() && !is_space(s_[k]) && s_[k] != '=' && s_[k] != '>' && s_[k] != '/') ++k;
            const std::string attr = lowered(s_.substr(attr_start, k - attr_start));
            std::string value;
            while (k < s_.size() && is_space(s_[k])) ++k;
            if (k < s_.size() && s_[k] == '=') {
                ++k;
                while (k < s_.size() && is_space(s_[k])) ++k;
                if (k < s_.size() && (s_[k] == '"' || s_[k] == '\'')) {
                    const char q = s_[k];
                    const std::size_t end = s_.find(q, k + 1);
                    if (end == std::string_view::npos) {
                        i_ = start;
                        return false;
                    }
                    value = s_.substr(k + 1, end - k - 1);
                    k = end + 1;
                } else {
                    const std::size_t v = k;
                    while (k < s_.size() && !is_space(s_[k]) && s_[k] != '>') ++k;
                    value = s_.substr(v, k - v);
                }
            }
            if (attr == "lang" || attr == "xml:lang") lang_attr = lowered(value);
            if (attr == "href" && !value.empty()) href = true;
            if (attr_start == k) ++k;  // a stray character: step over it
        }
        i_ = k;
        if (closing) {
            close(name);
            return true;
        }
        open(name, lang_attr, href, self_closing);
        return true;
    }

    void open(const std::string& name, const std::string& lang_attr, bool href, bool self_closing) {
        if (one_of(kMedia, name)) ++out_.media;
        if (name == "a" && href) ++out_.links;
        if (one_of(kBlock, name)) line_break();
        if (name == "td" || name == "th") buf_[lang()] += ' ';
        if (one_of(kSkipped, name) && !self_closing) {
            skip_contents(name);
            return;
        }
        if (self_closing || one_of(kVoid, name)) return;
        Buffer b = lang();
        if (lang_attr.rfind("zh", 0) == 0) b = zh;
        else if (lang_attr.rfind("en", 0) == 0) b = en;
        else if (!lang_attr.empty()) b = unmarked;
        open_.push_back({name, b});
    }

    void close(const std::string& name) {
        if (one_of(kBlock, name)) line_break();
        for (std::size_t k = open_.size(); k > 0; --k) {
            if (open_[k - 1].name == name) {
                open_.resize(k - 1);
                return;
            }
        }
    }

    // After <script> and the like: up to and past the matching end tag.
    void skip_contents(const std::string& name) {
        const std::string end = "</" + name;
        std::size_t k = i_;
        while (k < s_.size()) {
            const std::size_t lt = s_.find("</", k);
            if (lt == std::string_view::npos) break;
            if (lowered(s_.substr(lt, end.size())) == end) {
                const std::size_t gt = s_.find('>', lt);
                i_ = gt == std::string_view::npos ? s_.size() : gt + 1;
                return;
            }
            k = lt + 2;
        }
        i_ = s_.size();
    }

    // Spaces (and no-break spaces) collapsed, lines trimmed, empty lines dropped.
    static std::string tidy(const std::string& text) {
        std::string out;
        std::string line;
        bool space = false;
        auto flush = [&] {
            if (!line.empty()) out += (out.empty() ? "" : "\n") + line;
            line.clear();
            space = false;
        };
        for (std::size_t k = 0; k < text.size(); ++k) {
            const char c = text[k];
            if (c == '\n') {
                flush();
                continue;
            }
            const bool nbsp = c == '\xC2' && k + 1 < text.size() && text[k + 1] == '\xA0';
            if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || nbsp) {
                if (nbsp) ++k;
                space = !line.empty();
                continue;
            }
            if (space) line += ' ';
            space = false;
            line += c;
        }
        flush();
        return out;
    }
};

}  // namespace

PlainText strip_html(std::string_view html) { return Stripper(html).run(); }

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

}  // namespace timeline::interchange
