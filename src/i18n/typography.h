// How quotation marks, apostrophes and dashes are printed, per language (GB/T 15834 for
// Chinese, the usual English book style): applied to every printed text (report::shown).
#pragma once

#include <string>
#include <string_view>

#include "model/records.h"

namespace timeline::i18n {

// Chinese: straight double quotes become “…”, and quotes nested inside “…” become ‘…’;
// a single em dash joining two Han characters (a joint name, "微软—仪电") becomes the short
// connector "-". English: straight quotes become “…” and ‘…’, an apostrophe ’.
// Anything else is unchanged.
std::string typographic(std::string_view text, Lang lang);

}  // namespace timeline::i18n
