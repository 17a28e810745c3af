// Read-only access to JSON values (json/tree.h) as the schema module sees them, schemas and
// instances alike: JSON kind, exact numbers, deep equality (1 == 1.0) and short renderings
// for messages. Internal to the schema module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "json/tree.h"

namespace timeline::schema::detail {

enum class Kind : std::uint8_t { null, boolean, integer, number, string, array, object, other };

// JSON kind of a value. An integer literal is `integer`; any other number is `number` (even
// when it has no fractional part: use Number::is_integral for the JSON Schema "integer" test).
Kind kind_of(json::Value v);

// A JSON number without loss: signed or unsigned 64-bit integer, or double.
struct Number {
    enum class Rep : std::uint8_t { i64, u64, f64 } rep = Rep::i64;
    std::int64_t i = 0;
    std::uint64_t u = 0;
    double d = 0;

    static Number of_int(std::int64_t v) { Number n; n.rep = Rep::i64; n.i = v; return n; }
    static Number of_uint(std::uint64_t v) { Number n; n.rep = Rep::u64; n.u = v; return n; }
    static Number of_double(double v) { Number n; n.rep = Rep::f64; n.d = v; return n; }

    // Exact value as long double (x86-64: 64-bit mantissa holds every int64, uint64 and double).
    long double exact() const;
    bool is_integral() const;  // an integer, or a finite double without fractional part
    std::string text() const;  // shortest text that reads back as the same number
};

// The number held by `v` if it is a JSON number (integer or double).
bool number_of(json::Value v, Number& out);

int compare(const Number& a, const Number& b);  // -1, 0, 1 (mathematical order)
bool is_multiple_of(const Number& value, const Number& divisor);

// JSON equality: numbers by value, objects by member set, arrays element-wise.
bool json_equal(json::Value a, json::Value b);
// A hash consistent with json_equal.
std::size_t json_hash(json::Value v);

// Compact JSON text of a value with keys in stored order.
std::string json_text(json::Value v);
// JSON text cut to about `max_chars` code points with "..." (strings keep their quotes).
std::string brief(json::Value v, std::size_t max_chars = 40);
// "string", "number", "object", ... as JSON names the kind of a value.
const char* kind_name(Kind k);
// "number 42", "string \"x\"", "object", "array", "null", "boolean true".
std::string describe(json::Value v);

// Number of Unicode code points (bytes that do not continue a UTF-8 sequence).
std::size_t code_points(std::string_view s);

}  // namespace timeline::schema::detail
