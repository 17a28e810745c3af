// Which language a string of a TimelineJS file is in, and bilingual strings split into
// their two languages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/records.h"

namespace timeline::interchange {

// Chinese when the text has Han characters (CJK Unified Ideographs and their extensions,
// compatibility ideographs, 〇) and at least one for every four Latin letters, so that an
// English sentence naming 商汤科技 stays English; otherwise English.
Lang detect_language(std::string_view text);
// Whether the text has a Han character or a Latin letter (separators such as " / " have none).
bool has_letters(std::string_view text);

// A string holding both languages: "产业 / Industry", "Industry | 产业", or lines in one
// language followed or interleaved by lines in the other. Returns the two parts when the
// string splits at " / ", " | ", "／" or "｜" into exactly one Chinese and one English part,
// or its lines are some Chinese and some English (each language keeps its lines in order);
// nullopt otherwise.
std::optional<Text> split_bilingual(std::string_view text);

// How the strings of an import get their language.
enum class LangChoice { detect, zh, en };

// The text as bilingual text: forced to one language, or split, or detected.
Text to_text(std::string_view text, LangChoice choice);

}  // namespace timeline::interchange
