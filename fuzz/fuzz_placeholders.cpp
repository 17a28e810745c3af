// Narrative placeholders of templates (src/report/placeholders.h) over the seed data set:
// any text of a template string, in both languages. Properties: an error names a position
// inside the string; expanding never throws.
#include "base/json_text.h"
#include "base/utf8.h"
#include "fuzz.h"
#include "load/dataset.h"
#include "report/placeholders.h"

using namespace timeline;

namespace {

const Dataset& seed() {
    static const Dataset data = [] {
        Diagnostics diags;
        return load_dataset({TL_SOURCE_DIR "/data"}, diags).dataset;
    }();
    return data;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(fuzz::input(data, size));
    if (!utf8::valid(text)) return 0;  // a template string is valid UTF-8 (the JSON parser sees to it)
    // The string as a template holds it, for positions in diagnostics.
    const std::string file_text = "{\"text\": " + json_quote(text) + "}";
    Diagnostics parse_diags;
    const auto doc = json::parse(file_text, "template.json", parse_diags);
    if (!doc) return 0;
    const std::string file = "template.json";
    int cited = 0;
    const report::PlaceholderContext ctx{seed(), seed(), file, *doc, [&cited](const std::string&) { return ++cited; }};
    int lines = 1;
    for (char c : file_text) lines += c == '\n';
    for (const Lang lang : {Lang::zh, Lang::en}) {
        Diagnostics diags;
        const auto paragraphs = report::expand_paragraphs(text, lang, "/text", ctx, diags);
        for (const auto& d : diags.items()) FUZZ_CHECK(d.pos.line <= lines);
        for (const auto& p : paragraphs) FUZZ_CHECK(utf8::valid(p));
    }
    return 0;
}
