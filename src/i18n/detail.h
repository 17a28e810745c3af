// Helpers shared by the i18n sources; not part of the module's interface.
#pragma once

#include <string>
#include <string_view>

#include "i18n/format.h"

namespace timeline::i18n::detail {

// x rounded to `decimals` decimals (0..12) in the given direction, as plain digits with a
// "." and trailing zeros dropped; en groups the integer part with ",". A value within
// 1e-12 (relative) of a rounding step is taken to be on it, so that 0.7 * 100 is 70,
// not 70.00000000000001 rounded up to 70.1.
std::string fixed(double x, int decimals, Rounding rounding, bool group);

// The rounded value that fixed() shows.
double rounded(double x, int decimals, Rounding rounding);

// A percentage of a fraction, 1 decimal at most below 100%, whole from 100%: 0.3333 ->
// "33.3%", 34.714 -> "3,471%" (en) / "3471%" (zh).
std::string percent_text(double fraction, Lang lang, Rounding rounding);

// Joins the two ends of a range of numbers: en "3–5" (a shared scale word is written
// once: "1–2 billion"; " to " when an end is negative), zh "3至5".
std::string join_range(const std::string& a, const std::string& b, Lang lang);

bool starts_with_minus(std::string_view s);

// A number of a unit as format_quantity shows it (a percentage for ratios), rounded in the
// given direction; and what follows it ("" for ratios, " people", "人").
std::string bounded_number(double v, const Unit& unit, Lang lang, Rounding rounding);
std::string unit_after(const Unit& unit, Lang lang, bool singular);

}  // namespace timeline::i18n::detail
