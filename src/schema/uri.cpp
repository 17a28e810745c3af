#include "schema/uri.h"

#include <algorithm>
#include <cctype>

namespace timeline::schema::detail {

UriParts split_uri(std::string_view ref) {
    UriParts p;
    std::size_t i = 0;
    // scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" before any of "/?#"
    const std::size_t colon = ref.find_first_of(":/?#");
    if (colon != std::string_view::npos && colon > 0 && ref[colon] == ':' &&
        std::isalpha(static_cast<unsigned char>(ref[0]))) {
        bool ok = true;
        for (std::size_t k = 1; k < colon; ++k) {
            const char c = ref[k];
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') ok = false;
        }
        if (ok) {
            p.has_scheme = true;
            p.scheme = std::string(ref.substr(0, colon));
            i = colon + 1;
        }
    }
    if (ref.substr(i, 2) == "//") {
        const std::size_t end = ref.find_first_of("/?#", i + 2);
        p.has_authority = true;
        p.authority = std::string(ref.substr(i + 2, end == std::string_view::npos ? std::string_view::npos : end - i - 2));
        i = end == std::string_view::npos ? ref.size() : end;
    }
    const std::size_t path_end = std::min(ref.find_first_of("?#", i), ref.size());
    p.path = std::string(ref.substr(i, path_end - i));
    i = path_end;
    if (i < ref.size() && ref[i] == '?') {
        const std::size_t end = std::min(ref.find('#', i), ref.size());
        p.has_query = true;
        p.query = std::string(ref.substr(i + 1, end - i - 1));
        i = end;
    }
    if (i < ref.size() && ref[i] == '#') {
        p.has_fragment = true;
        p.fragment = std::string(ref.substr(i + 1));
    }
    return p;
}

std::string join_uri(const UriParts& p) {
    std::string out;
    if (p.has_scheme) out += p.scheme + ":";
    if (p.has_authority) out += "//" + p.authority;
    out += p.path;
    if (p.has_query) out += "?" + p.query;
    if (p.has_fragment) out += "#" + p.fragment;
    return out;
}

namespace {

std::string remove_dot_segments(std::string_view in) {
    std::string input(in);
    std::string result;
    // RFC 3986 5.2.4, operating on the input buffer.
    while (!input.empty()) {
        if (input.rfind("../", 0) == 0) input.erase(0, 3);
        else if (input.rfind("./", 0) == 0) input.erase(0, 2);
        else if (input.rfind("/./", 0) == 0) input.erase(0, 2);
        else if (input == "/.") input = "/";
        else if (input.rfind("/../", 0) == 0 || input == "/..") {
            input = input.size() == 3 ? std::string("/") : input.substr(3);
            const std::size_t slash = result.rfind('/');
            result.erase(slash == std::string::npos ? 0 : slash);
        } else if (input == "." || input == "..") {
            input.clear();
        } else {
            const std::size_t next = input.find('/', input[0] == '/' ? 1 : 0);
            const std::size_t n = next == std::string::npos ? input.size() : next;
            result += input.substr(0, n);
            input.erase(0, n);
        }
    }
    return result;
}

std::string merge(const UriParts& base, const std::string& ref_path) {
    if (base.has_authority && base.path.empty()) return "/" + ref_path;
    const std::size_t slash = base.path.rfind('/');
    if (slash == std::string::npos) return ref_path;
    return base.path.substr(0, slash + 1) + ref_path;
}

}  // namespace

std::string resolve_uri(std::string_view base_text, std::string_view ref_text) {
    const UriParts r = split_uri(ref_text);
    const UriParts base = split_uri(base_text);
    UriParts t;
    if (r.has_scheme) {
        t = r;
        t.path = remove_dot_segments(r.path);
    } else {
        if (r.has_authority) {
            t.has_authority = true;
            t.authority = r.authority;
            t.path = remove_dot_segments(r.path);
            t.has_query = r.has_query;
            t.query = r.query;
        } else {
            if (r.path.empty()) {
                t.path = base.path;
                t.has_query = r.has_query ? true : base.has_query;
                t.query = r.has_query ? r.query : base.query;
            } else {
                if (r.path[0] == '/') t.path = remove_dot_segments(r.path);
                else t.path = remove_dot_segments(merge(base, r.path));
                t.has_query = r.has_query;
                t.query = r.query;
            }
            t.has_authority = base.has_authority;
            t.authority = base.authority;
        }
        t.has_scheme = base.has_scheme;
        t.scheme = base.scheme;
    }
    t.has_fragment = r.has_fragment;
    t.fragment = r.fragment;
    return join_uri(t);
}

std::string without_fragment(std::string_view uri) {
    const std::size_t hash = uri.find('#');
    return std::string(uri.substr(0, hash));
}

std::string fragment_of(std::string_view uri) {
    const std::size_t hash = uri.find('#');
    return hash == std::string_view::npos ? std::string() : std::string(uri.substr(hash + 1));
}

bool has_fragment(std::string_view uri) {
    return uri.find('#') != std::string_view::npos;
}

bool percent_decode(std::string_view in, std::string& out) {
    out.clear();
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out += in[i];
            continue;
        }
        if (i + 2 >= in.size()) return false;
        const char h = in[i + 1];
        const char l = in[i + 2];
        if (!std::isxdigit(static_cast<unsigned char>(h)) || !std::isxdigit(static_cast<unsigned char>(l))) return false;
        auto val = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(static_cast<unsigned char>(c)) - 'a' + 10); };
        out += static_cast<char>(val(h) * 16 + val(l));
        i += 2;
    }
    return true;
}

std::string file_uri(std::string_view path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out = "file://";
    for (char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    return out;
}

}  // namespace timeline::schema::detail
