// The "format" assertions of draft-07 that the validator checks. Internal to the schema module.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace timeline::schema::detail {

enum class Format {
    date_time, date, time, email, idn_email, hostname, ipv4, ipv6, uri, uri_reference, iri,
    iri_reference, uri_template, json_pointer, relative_json_pointer, regex
};

// The format of a "format" keyword value, or nullopt for formats that are not checked.
std::optional<Format> format_from_name(std::string_view name);
// How messages name a format, e.g. "date-time", "email address", "IPv4 address".
const char* format_description(Format f);
// Whether a string is valid for the format.
bool check_format(Format f, std::string_view s);

// Pieces reused elsewhere.
bool is_json_pointer(std::string_view s);

}  // namespace timeline::schema::detail
