// URI references (RFC 3986): splitting, resolution against a base, percent-decoding.
// Internal to the schema module.
#pragma once

#include <string>
#include <string_view>

namespace timeline::schema::detail {

struct UriParts {
    std::string scheme, authority, path, query, fragment;
    bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

// Splits a URI reference into its five components (RFC 3986 appendix B); never fails.
UriParts split_uri(std::string_view ref);
std::string join_uri(const UriParts& parts);

// Resolves `ref` against `base` (RFC 3986 section 5.2), removing dot segments.
std::string resolve_uri(std::string_view base, std::string_view ref);

// The URI without its fragment, and the fragment (without '#').
std::string without_fragment(std::string_view uri);
std::string fragment_of(std::string_view uri);
bool has_fragment(std::string_view uri);

// Decodes %XX escapes; returns false on a malformed escape.
bool percent_decode(std::string_view in, std::string& out);

// "file:///abs/path" for an absolute file system path (characters outside the unreserved
// set and "/" are percent-encoded).
std::string file_uri(std::string_view absolute_path);

}  // namespace timeline::schema::detail
