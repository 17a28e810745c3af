// Small helpers for writing JSON text by hand (stable key order, exact escaping).
#pragma once

#include <string>
#include <string_view>

namespace timeline {

// A JSON string literal for UTF-8 text: quotes, backslash and control characters escaped,
// everything else (including non-ASCII) kept as is.
std::string json_quote(std::string_view s);

// Appends one RFC 6901 reference token ("~" -> "~0", "/" -> "~1") to a pointer.
std::string pointer_append(const std::string& pointer, std::string_view token);
std::string pointer_append(const std::string& pointer, std::size_t index);

}  // namespace timeline
