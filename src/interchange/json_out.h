// JSON text of Poco values laid out like the hand-written data files: one member per line,
// objects of plain values ({"zh": …, "en": …}) and arrays of plain values on one line.
#pragma once

#include <string>

#include <Poco/Dynamic/Var.h>

namespace timeline::interchange {

std::string pretty_json(const Poco::Dynamic::Var& value);

}  // namespace timeline::interchange
