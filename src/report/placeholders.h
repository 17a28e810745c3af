// Narrative placeholders (docs/report-templates.md): {{figure:ID}}, {{value:ID}},
// {{date:ID}} (options |bare, |phrase, |listed), {{growth:…}}, {{multiple:…}}, {{change:…}},
// {{cagr:…}} (METRIC, METRIC:FROM or METRIC:FROM/TO; option |interval),
// {{share:PART/WHOLE}} (option |interval), {{count:events|figures|sources|lanes}},
// {{entity:ID}}, {{span:events}}.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "json/parse.h"
#include "model/records.h"

namespace timeline::report {

struct PlaceholderContext {
    const Dataset& all;    // every record: placeholders name records explicitly
    const Dataset& shown;  // records within --from/--to: counts and spans
    const std::string& file;
    const json::Document& source;
    std::function<int(const std::string& source_id)> cite;
};

// Expands the placeholders of `text` in `lang` and splits it into paragraphs at blank
// lines ("\n\n"). An unknown placeholder kind or id is an error at its line:column in the
// template (`pointer` names the string in the template); it is left in the text as written.
// "in {{date:ID}}" before a day in English is a warning (placeholder-date-preposition).
std::vector<std::string> expand_paragraphs(const std::string& text, Lang lang, const std::string& pointer,
                                           const PlaceholderContext& ctx, Diagnostics& diags);

}  // namespace timeline::report
