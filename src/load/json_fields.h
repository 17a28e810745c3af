// Reading members of schema-checked JSON objects defensively: a member of an unexpected
// type reads as empty, so a gap in validation can never crash the program.
#pragma once

#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "model/records.h"

namespace timeline::json_fields {

std::string str(const Poco::JSON::Object::Ptr& o, const std::string& key);
Text text(const Poco::JSON::Object::Ptr& o, const std::string& key);
std::vector<std::string> strings(const Poco::JSON::Object::Ptr& o, const std::string& key);

}  // namespace timeline::json_fields
