// Schema problems a spreadsheet user can act on: a number written as text ("40,000",
// "40，000", "4.8万", "1.2亿", full-width digits) gets the number to write instead, and a date
// string the schema's pattern rejects gets the date parser's own message (with its "did you
// mean").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "builtin/schemas.h"
#include "json/tree.h"

namespace timeline {

struct NumberHint {
    std::string number;  // "48000"
    std::string why;     // "万 is 10,000"
};

// The plain number a text means, when it is one written with thousands separators (, ， ' or
// spaces), full-width digits, or a Chinese multiplier (千, 万, 亿, 万亿), exactly (no rounding:
// "1.25亿" is 125000000); nullopt when the text is not such a number.
std::optional<NumberHint> plain_number(std::string_view text);

// Rewrites `problem` (a schema problem of the instance `root`) when its value is a number
// written as text (code "number-invalid") or a malformed date string (code "date-invalid").
void explain(SchemaProblem& problem, json::Value root);

}  // namespace timeline
