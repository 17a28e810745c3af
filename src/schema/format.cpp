#include "schema/format.h"

#include <array>
#include <cstdint>

#include "schema/regex.h"

namespace timeline::schema::detail {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool hexdig(char c) { return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool non_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }

// Parses exactly `n` digits at s[i]; advances i.
bool digits(std::string_view s, std::size_t& i, std::size_t n, int& value) {
    if (i + n > s.size()) return false;
    value = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (!digit(s[i + k])) return false;
        value = value * 10 + (s[i + k] - '0');
    }
    i += n;
    return true;
}

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap(year) ? 29 : days[static_cast<std::size_t>(month - 1)];
}

// full-date (RFC 3339)
bool parse_date(std::string_view s, std::size_t& i) {
    int y = 0, m = 0, d = 0;
    if (!digits(s, i, 4, y) || i >= s.size() || s[i++] != '-') return false;
    if (!digits(s, i, 2, m) || i >= s.size() || s[i++] != '-') return false;
    if (!digits(s, i, 2, d)) return false;
    return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

// full-time (RFC 3339); a leap second must fall on 23:59 UTC.
bool parse_time(std::string_view s, std::size_t& i) {
    int h = 0, m = 0, sec = 0;
    if (!digits(s, i, 2, h) || i >= s.size() || s[i++] != ':') return false;
    if (!digits(s, i, 2, m) || i >= s.size() || s[i++] != ':') return false;
    if (!digits(s, i, 2, sec)) return false;
    if (h > 23 || m > 59 || sec > 60) return false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        const std::size_t start = i;
        while (i < s.size() && digit(s[i])) ++i;
        if (i == start) return false;
    }
    if (i >= s.size()) return false;
    int offset = 0;
    if (s[i] == 'Z' || s[i] == 'z') {
        ++i;
    } else if (s[i] == '+' || s[i] == '-') {
        const int sign = s[i] == '+' ? 1 : -1;
        ++i;
        int oh = 0, om = 0;
        if (!digits(s, i, 2, oh) || i >= s.size() || s[i++] != ':' || !digits(s, i, 2, om)) return false;
        if (oh > 23 || om > 59) return false;
        offset = sign * (oh * 60 + om);
    } else {
        return false;
    }
    if (sec == 60) {
        const int utc = ((h * 60 + m - offset) % 1440 + 1440) % 1440;
        if (utc != 23 * 60 + 59) return false;
    }
    return true;
}

bool is_date(std::string_view s) {
    std::size_t i = 0;
    return parse_date(s, i) && i == s.size();
}

bool is_time(std::string_view s) {
    std::size_t i = 0;
    return parse_time(s, i) && i == s.size();
}

bool is_date_time(std::string_view s) {
    std::size_t i = 0;
    if (!parse_date(s, i) || i >= s.size() || (s[i] != 'T' && s[i] != 't')) return false;
    ++i;
    return parse_time(s, i) && i == s.size();
}

bool is_ipv4(std::string_view s) {
    int parts = 0;
    std::size_t i = 0;
    for (;;) {
        const std::size_t start = i;
        int value = 0;
        while (i < s.size() && digit(s[i]) && i - start < 4) value = value * 10 + (s[i++] - '0');
        const std::size_t len = i - start;
        if (len == 0 || len > 3 || value > 255 || (len > 1 && s[start] == '0')) return false;
        ++parts;
        if (i == s.size()) break;
        if (s[i] != '.' || parts == 4) return false;
        ++i;
    }
    return parts == 4;
}

// Colon-separated 16-bit groups; the last may be an IPv4 address when `allow_v4`.
bool ipv6_groups(std::string_view s, bool allow_v4, int& count) {
    count = 0;
    if (s.empty()) return true;
    std::size_t i = 0;
    for (;;) {
        const std::size_t end = std::min(s.find(':', i), s.size());
        const std::string_view group = s.substr(i, end - i);
        if (end == s.size() && allow_v4 && group.find('.') != std::string_view::npos) {
            if (!is_ipv4(group)) return false;
            count += 2;
            return true;
        }
        if (group.empty() || group.size() > 4) return false;
        for (char c : group)
            if (!hexdig(c)) return false;
        ++count;
        if (end == s.size()) return true;
        i = end + 1;
    }
}

bool is_ipv6(std::string_view s) {
    const std::size_t gap = s.find("::");
    int n1 = 0;
    int n2 = 0;
    if (gap == std::string_view::npos) return ipv6_groups(s, true, n1) && n1 == 8;
    const std::string_view left = s.substr(0, gap);
    const std::string_view right = s.substr(gap + 2);
    if (right.find("::") != std::string_view::npos) return false;
    if (!ipv6_groups(left, false, n1) || !ipv6_groups(right, true, n2)) return false;
    return n1 + n2 <= 7;
}

bool is_hostname_impl(std::string_view s, bool allow_unicode) {
    if (s.empty() || s.size() > 253) return false;
    std::size_t i = 0;
    for (;;) {
        const std::size_t end = std::min(s.find('.', i), s.size());
        const std::string_view label = s.substr(i, end - i);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
        for (char c : label)
            if (!alpha(c) && !digit(c) && c != '-' && !(allow_unicode && non_ascii(c))) return false;
        if (end == s.size()) return true;
        i = end + 1;
    }
}

bool atext(char c) {
    if (alpha(c) || digit(c)) return true;
    switch (c) {
        case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-': case '/':
        case '=': case '?': case '^': case '_': case '`': case '{': case '|': case '}': case '~':
            return true;
        default: return false;
    }
}

bool is_email_impl(std::string_view s, bool allow_unicode) {
    const std::size_t at = s.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= s.size()) return false;
    const std::string_view local = s.substr(0, at);
    const std::string_view domain = s.substr(at + 1);
    if (local.size() > 64 && !allow_unicode) return false;
    if (local.front() == '"') {
        if (local.size() < 2 || local.back() != '"') return false;
        for (std::size_t k = 1; k + 1 < local.size(); ++k) {
            const char c = local[k];
            if (c == '\\') {
                if (k + 2 >= local.size()) return false;
                ++k;
                continue;
            }
            if (c == '"' || static_cast<unsigned char>(c) < 0x20) return false;
        }
    } else {
        if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
        for (char c : local)
            if (c != '.' && !atext(c) && !(allow_unicode && non_ascii(c))) return false;
    }
    if (domain.front() == '[') {
        if (domain.back() != ']') return false;
        const std::string_view literal = domain.substr(1, domain.size() - 2);
        if (literal.rfind("IPv6:", 0) == 0) return is_ipv6(literal.substr(5));
        return is_ipv4(literal);
    }
    return is_hostname_impl(domain, allow_unicode);
}

// --- URIs (RFC 3986) and IRIs (RFC 3987) ---

bool unreserved(char c, bool iri) {
    return alpha(c) || digit(c) || c == '-' || c == '.' || c == '_' || c == '~' || (iri && non_ascii(c));
}
bool sub_delim(char c) {
    switch (c) {
        case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+': case ',': case ';': case '=':
            return true;
        default: return false;
    }
}

// Checks that s consists of pct-encoded triplets and characters accepted by `ok`.
template <typename Pred>
bool chars_ok(std::string_view s, Pred ok) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            if (i + 2 >= s.size() || !hexdig(s[i + 1]) || !hexdig(s[i + 2])) return false;
            i += 2;
        } else if (!ok(s[i])) {
            return false;
        }
    }
    return true;
}

bool is_ip_literal(std::string_view s) {
    if (is_ipv6(s)) return true;
    // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
    if (s.size() < 4 || (s[0] != 'v' && s[0] != 'V')) return false;
    std::size_t i = 1;
    while (i < s.size() && hexdig(s[i])) ++i;
    if (i == 1 || i >= s.size() || s[i] != '.' || i + 1 >= s.size()) return false;
    for (++i; i < s.size(); ++i)
        if (!unreserved(s[i], false) && !sub_delim(s[i]) && s[i] != ':') return false;
    return true;
}

bool authority_ok(std::string_view a, bool iri) {
    const std::size_t at = a.rfind('@');
    if (at != std::string_view::npos) {
        if (!chars_ok(a.substr(0, at), [iri](char c) { return unreserved(c, iri) || sub_delim(c) || c == ':'; })) return false;
        a = a.substr(at + 1);
    }
    std::string_view port;
    if (!a.empty() && a.front() == '[') {
        const std::size_t close = a.find(']');
        if (close == std::string_view::npos || !is_ip_literal(a.substr(1, close - 1))) return false;
        const std::string_view rest = a.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return false;
            port = rest.substr(1);
        }
    } else {
        const std::size_t colon = a.find(':');
        if (colon != std::string_view::npos) {
            port = a.substr(colon + 1);
            a = a.substr(0, colon);
        }
        if (!chars_ok(a, [iri](char c) { return unreserved(c, iri) || sub_delim(c); })) return false;
    }
    for (char c : port)
        if (!digit(c)) return false;
    return true;
}

bool pchar(char c, bool iri) { return unreserved(c, iri) || sub_delim(c) || c == ':' || c == '@'; }

// URI (absolute, with scheme) or relative reference.
bool uri_ok(std::string_view s, bool iri, bool require_scheme) {
    std::size_t i = 0;
    const std::size_t delim = s.find_first_of(":/?#");
    bool has_scheme = false;
    if (delim != std::string_view::npos && s[delim] == ':' && delim > 0 && alpha(s[0])) {
        has_scheme = true;
        for (std::size_t k = 1; k < delim; ++k)
            if (!alpha(s[k]) && !digit(s[k]) && s[k] != '+' && s[k] != '-' && s[k] != '.') has_scheme = false;
        if (has_scheme) i = delim + 1;
    }
    if (require_scheme && !has_scheme) return false;
    const std::size_t hash = s.find('#', i);
    const std::string_view fragment = hash == std::string_view::npos ? std::string_view() : s.substr(hash + 1);
    const std::string_view before = s.substr(i, hash == std::string_view::npos ? std::string_view::npos : hash - i);
    const std::size_t q = before.find('?');
    const std::string_view query = q == std::string_view::npos ? std::string_view() : before.substr(q + 1);
    std::string_view hier = before.substr(0, q);
    auto qf = [iri](char c) { return pchar(c, iri) || c == '/' || c == '?'; };
    if (!chars_ok(fragment, qf) || !chars_ok(query, qf)) return false;
    if (hier.substr(0, 2) == "//") {
        const std::size_t slash = hier.find('/', 2);
        if (!authority_ok(hier.substr(2, slash == std::string_view::npos ? std::string_view::npos : slash - 2), iri)) return false;
        hier = slash == std::string_view::npos ? std::string_view() : hier.substr(slash);
    } else if (!has_scheme) {
        // path-noscheme: no colon in the first segment
        const std::size_t slash = hier.find('/');
        if (hier.substr(0, slash).find(':') != std::string_view::npos) return false;
    }
    return chars_ok(hier, [iri](char c) { return pchar(c, iri) || c == '/'; });
}

bool is_uri_template(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '{') {
            const std::size_t close = s.find('}', i);
            if (close == std::string_view::npos) return false;
            std::string_view expr = s.substr(i + 1, close - i - 1);
            if (!expr.empty() && std::string_view("+#./;?&=,!@|").find(expr.front()) != std::string_view::npos)
                expr.remove_prefix(1);
            // variable-list = varspec *( "," varspec ), varspec = varname [ ":" max-length / "*" ]
            std::size_t k = 0;
            for (;;) {
                const std::size_t start = k;
                bool need_char = true;
                while (k < expr.size()) {
                    const char v = expr[k];
                    if (alpha(v) || digit(v) || v == '_') {
                        need_char = false;
                        ++k;
                    } else if (v == '%' && k + 2 < expr.size() && hexdig(expr[k + 1]) && hexdig(expr[k + 2])) {
                        need_char = false;
                        k += 3;
                    } else if (v == '.' && !need_char) {
                        need_char = true;
                        ++k;
                    } else {
                        break;
                    }
                }
                if (k == start || need_char) return false;
                if (k < expr.size() && expr[k] == '*') {
                    ++k;
                } else if (k < expr.size() && expr[k] == ':') {
                    ++k;
                    const std::size_t d = k;
                    while (k < expr.size() && digit(expr[k]) && k - d < 4) ++k;
                    if (k == d || expr[d] == '0') return false;
                }
                if (k == expr.size()) break;
                if (expr[k] != ',') return false;
                ++k;
            }
            i = close;
            continue;
        }
        if (c == '%') {
            if (i + 2 >= s.size() || !hexdig(s[i + 1]) || !hexdig(s[i + 2])) return false;
            i += 2;
            continue;
        }
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '^' ||
            c == '`' || c == '|' || c == '}')
            return false;
    }
    return true;
}

bool is_relative_json_pointer(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && digit(s[i])) ++i;
    if (i == 0 || (i > 1 && s[0] == '0')) return false;
    const std::string_view rest = s.substr(i);
    return rest == "#" || is_json_pointer(rest);
}

}  // namespace

bool is_json_pointer(std::string_view s) {
    if (s.empty()) return true;
    if (s[0] != '/') return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '~') {
            if (i + 1 >= s.size() || (s[i + 1] != '0' && s[i + 1] != '1')) return false;
            ++i;
        }
    }
    return true;
}

std::optional<Format> format_from_name(std::string_view name) {
    static constexpr std::array<std::pair<std::string_view, Format>, 16> names{{
        {"date-time", Format::date_time}, {"date", Format::date}, {"time", Format::time},
        {"email", Format::email}, {"idn-email", Format::idn_email}, {"hostname", Format::hostname},
        {"ipv4", Format::ipv4}, {"ipv6", Format::ipv6}, {"uri", Format::uri},
        {"uri-reference", Format::uri_reference}, {"iri", Format::iri}, {"iri-reference", Format::iri_reference},
        {"uri-template", Format::uri_template}, {"json-pointer", Format::json_pointer},
        {"relative-json-pointer", Format::relative_json_pointer}, {"regex", Format::regex},
    }};
    for (const auto& [n, f] : names)
        if (n == name) return f;
    return std::nullopt;
}

const char* format_description(Format f) {
    switch (f) {
        case Format::date_time: return "date-time (RFC 3339)";
        case Format::date: return "date (YYYY-MM-DD)";
        case Format::time: return "time (RFC 3339)";
        case Format::email: return "email address";
        case Format::idn_email: return "internationalized email address";
        case Format::hostname: return "hostname";
        case Format::ipv4: return "IPv4 address";
        case Format::ipv6: return "IPv6 address";
        case Format::uri: return "absolute URI";
        case Format::uri_reference: return "URI reference";
        case Format::iri: return "absolute IRI";
        case Format::iri_reference: return "IRI reference";
        case Format::uri_template: return "URI template";
        case Format::json_pointer: return "JSON pointer";
        case Format::relative_json_pointer: return "relative JSON pointer";
        case Format::regex: return "regular expression";
    }
    return "value";
}

bool check_format(Format f, std::string_view s) {
    switch (f) {
        case Format::date_time: return is_date_time(s);
        case Format::date: return is_date(s);
        case Format::time: return is_time(s);
        case Format::email: return is_email_impl(s, false);
        case Format::idn_email: return is_email_impl(s, true);
        case Format::hostname: return is_hostname_impl(s, false);
        case Format::ipv4: return is_ipv4(s);
        case Format::ipv6: return is_ipv6(s);
        case Format::uri: return uri_ok(s, false, true);
        case Format::uri_reference: return uri_ok(s, false, false);
        case Format::iri: return uri_ok(s, true, true);
        case Format::iri_reference: return uri_ok(s, true, false);
        case Format::uri_template: return is_uri_template(s);
        case Format::json_pointer: return is_json_pointer(s);
        case Format::relative_json_pointer: return is_relative_json_pointer(s);
        case Format::regex: {
            std::string out;
            std::string error;
            return translate_pattern(s, out, error);
        }
    }
    return true;
}

}  // namespace timeline::schema::detail
