#include "schema/value.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>

#include "base/json_text.h"

namespace timeline::schema::detail {

namespace {

std::string double_text(double d) {
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    char buf[40];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, d);
        if (std::strtod(buf, nullptr) == d) break;
    }
    return buf;
}

std::size_t mix(std::size_t seed, std::size_t h) {
    return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

// Cuts UTF-8 text after `max_chars` code points; returns whether it was cut.
bool cut(std::string& s, std::size_t max_chars) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
        if (count == max_chars) {
            s.resize(i);
            return true;
        }
        ++count;
    }
    return false;
}

}  // namespace

Kind kind_of(json::Value v) {
    switch (v.type()) {
        case json::Type::null: return Kind::null;
        case json::Type::boolean: return Kind::boolean;
        case json::Type::integer:
        case json::Type::unsigned_integer: return Kind::integer;
        case json::Type::number: return Kind::number;
        case json::Type::string: return Kind::string;
        case json::Type::array: return Kind::array;
        case json::Type::object: return Kind::object;
    }
    return Kind::other;
}

long double Number::exact() const {
    switch (rep) {
        case Rep::i64: return static_cast<long double>(i);
        case Rep::u64: return static_cast<long double>(u);
        case Rep::f64: break;
    }
    return static_cast<long double>(d);
}

bool Number::is_integral() const {
    if (rep != Rep::f64) return true;
    return std::isfinite(d) && d == std::floor(d);
}

std::string Number::text() const {
    switch (rep) {
        case Rep::i64: return std::to_string(i);
        case Rep::u64: return std::to_string(u);
        case Rep::f64: break;
    }
    return double_text(d);
}

bool number_of(json::Value v, Number& out) {
    switch (v.type()) {
        case json::Type::integer: out = Number::of_int(v.integer()); return true;
        case json::Type::unsigned_integer: out = Number::of_uint(v.unsigned_integer()); return true;
        case json::Type::number: out = Number::of_double(v.number()); return true;
        default: return false;
    }
}

int compare(const Number& a, const Number& b) {
    if (a.rep == Number::Rep::i64 && b.rep == Number::Rep::i64) return (a.i > b.i) - (a.i < b.i);
    const long double x = a.exact();
    const long double y = b.exact();
    return (x > y) - (x < y);
}

bool is_multiple_of(const Number& value, const Number& divisor) {
    // Exact integer arithmetic when both are integers that fit in 64 bits.
    auto magnitude = [](const Number& n, std::uint64_t& out) {
        switch (n.rep) {
            case Number::Rep::i64:
                out = n.i < 0 ? 0 - static_cast<std::uint64_t>(n.i) : static_cast<std::uint64_t>(n.i);
                return true;
            case Number::Rep::u64: out = n.u; return true;
            case Number::Rep::f64:
                if (n.is_integral() && std::fabs(n.d) < 9.2e18) {
                    out = static_cast<std::uint64_t>(std::fabs(n.d));
                    return true;
                }
                return false;
        }
        return false;
    };
    std::uint64_t v = 0;
    std::uint64_t d = 0;
    if (magnitude(value, v) && magnitude(divisor, d) && d != 0) return v % d == 0;

    const long double dv = divisor.exact();
    if (dv == 0) return false;
    const long double q = value.exact() / dv;
    if (!std::isfinite(static_cast<double>(q))) return false;
    const long double r = std::nearbyint(q);
    const long double tolerance = std::max(1e-9L, std::fabs(q) * 1e-15L);
    return std::fabs(q - r) <= tolerance;
}

bool json_equal(json::Value a, json::Value b) {
    const Kind ka = kind_of(a);
    const Kind kb = kind_of(b);
    const bool na = ka == Kind::integer || ka == Kind::number;
    const bool nb = kb == Kind::integer || kb == Kind::number;
    if (na || nb) {
        if (!(na && nb)) return false;
        Number x;
        Number y;
        number_of(a, x);
        number_of(b, y);
        return compare(x, y) == 0;
    }
    if (ka != kb) return false;
    switch (ka) {
        case Kind::null: return true;
        case Kind::boolean: return a.boolean() == b.boolean();
        case Kind::string: return a.str() == b.str();
        case Kind::array: {
            if (a.size() != b.size()) return false;
            for (std::size_t i = 0; i < a.size(); ++i)
                if (!json_equal(a.item(i), b.item(i))) return false;
            return true;
        }
        case Kind::object: {
            if (a.size() != b.size()) return false;
            for (std::size_t i = 0; i < a.size(); ++i) {
                const json::Value other = b.find(a.key(i));
                if (!other || !json_equal(a.item(i), other)) return false;
            }
            return true;
        }
        default: return false;
    }
}

std::size_t json_hash(json::Value v) {
    switch (kind_of(v)) {
        case Kind::null: return 0x6e756c6cULL;
        case Kind::boolean: return v.boolean() ? 0x74727565ULL : 0x66616c73ULL;
        case Kind::integer:
        case Kind::number: {
            Number n;
            number_of(v, n);
            const long double x = n.exact();
            if (n.is_integral() && x >= -9.2e18L && x <= 9.2e18L)
                return std::hash<std::int64_t>{}(static_cast<std::int64_t>(x));
            return std::hash<long double>{}(x);
        }
        case Kind::string: return std::hash<std::string_view>{}(v.str());
        case Kind::array: {
            std::size_t h = 0x61727261ULL;
            for (std::size_t i = 0; i < v.size(); ++i) h = mix(h, json_hash(v.item(i)));
            return h;
        }
        case Kind::object: {
            // Members in any order: their hashes are summed.
            std::size_t sum = 0;
            for (std::size_t i = 0; i < v.size(); ++i)
                sum += mix(std::hash<std::string_view>{}(v.key(i)), json_hash(v.item(i)));
            return mix(0x6f626a65ULL, sum);
        }
        case Kind::other: break;
    }
    return 0;
}

std::string json_text(json::Value v) {
    switch (kind_of(v)) {
        case Kind::null: return "null";
        case Kind::boolean: return v.boolean() ? "true" : "false";
        case Kind::integer:
        case Kind::number: {
            Number n;
            number_of(v, n);
            return n.text();
        }
        case Kind::string: return json_quote(v.str());
        case Kind::array: {
            std::string out = "[";
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (i) out += ',';
                out += json_text(v.item(i));
            }
            return out + "]";
        }
        case Kind::object: {
            std::string out = "{";
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (i) out += ',';
                out += json_quote(v.key(i));
                out += ':';
                out += json_text(v.item(i));
            }
            return out + "}";
        }
        case Kind::other: break;
    }
    return std::string(v.str());
}

std::string brief(json::Value v, std::size_t max_chars) {
    if (kind_of(v) == Kind::string) {
        std::string s(v.str());
        if (cut(s, max_chars)) s += "...";
        return json_quote(s);
    }
    std::string text = json_text(v);
    if (cut(text, max_chars)) text += "...";
    return text;
}

const char* kind_name(Kind k) {
    switch (k) {
        case Kind::null: return "null";
        case Kind::boolean: return "boolean";
        case Kind::integer:
        case Kind::number: return "number";
        case Kind::string: return "string";
        case Kind::array: return "array";
        case Kind::object: return "object";
        case Kind::other: break;
    }
    return "unknown value";
}

std::string describe(json::Value v) {
    const Kind k = kind_of(v);
    switch (k) {
        case Kind::null: return "null";
        case Kind::array: return "array";
        case Kind::object: return "object";
        default: break;
    }
    return std::string(kind_name(k)) + " " + brief(v);
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace timeline::schema::detail
