// Poco::JSON values of json trees (json/tree.h) and back, for the code that works with
// Poco's JSON: the scheduler's configuration and store (timeline-schedule). The timeline
// program itself does not link Poco.
#pragma once

#include <memory>
#include <string>

#include <Poco/Dynamic/Var.h>

#include "json/tree.h"

namespace timeline::json {

// The value of a Poco value (Poco::JSON::Object and Array, by pointer or by value, strings,
// numbers, booleans, an empty Var for null), member order as getNames() gives it; any other
// value becomes a string of its text.
std::shared_ptr<const Tree> from_var(const Poco::Dynamic::Var& v);

// A Poco value of a tree's value: objects keep member order (iterate with getNames(), not
// begin()/end(), which are sorted); integers are Poco::Int64, other numbers double, null an
// empty Var.
Poco::Dynamic::Var to_var(Value v);

// Compact JSON text of a Poco value, members in order.
std::string to_string(const Poco::Dynamic::Var& v);

}  // namespace timeline::json
