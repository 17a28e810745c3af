// Reading members of schema-checked JSON objects defensively: a member of an unexpected
// type reads as empty, so a gap in validation can never crash the program.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "json/tree.h"
#include "model/records.h"

namespace timeline::json_fields {

std::string str(json::Value o, std::string_view key);
Text text(json::Value o, std::string_view key);
std::vector<std::string> strings(json::Value o, std::string_view key);

}  // namespace timeline::json_fields
