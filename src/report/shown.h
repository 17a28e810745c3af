// Which language(s) of a bilingual text a brief prints: the one rule every renderer (the page
// engine, the timeline, the charts, the Markdown, text and JSON exporters) follows.
#pragma once

#include <string>
#include <vector>

#include "report/document.h"

namespace timeline::report {

// One printed text of a BiText.
struct Shown {
    std::string text;
    Lang lang = Lang::zh;    // the language the text is written in (a fallback is in the other one)
    bool secondary = false;  // the second of two languages (bi: the English under the Chinese)
    bool fallback = false;   // zh or en mode: it stands in for the missing language of the mode
};

// The texts of `t` in `mode`, in reading order:
// - zh / en: that language's text (the other language standing in when the data lacks it,
//   marked `fallback`);
// - bi: Chinese, then English as the secondary text; a text the two languages share (a
//   number, "[1]") or that one language lacks is printed once, in the language it has.
// Empty texts are left out.
std::vector<Shown> shown(const BiText& t, LangMode mode);

// The shown texts joined by `separator` ("zh / en").
std::string joined(const BiText& t, LangMode mode, const std::string& separator);

// The languages a mode prints, in order: bi -> zh, en.
std::vector<Lang> languages(LangMode mode);

}  // namespace timeline::report
