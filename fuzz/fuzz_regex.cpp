// Schema patterns (src/schema/regex.h): input "PATTERN\0TEXT", both valid UTF-8 (as every
// JSON string is once parsed). Properties: a pattern the validator accepts is one ICU
// accepts; the validator's own automaton, where it takes the pattern, finds a match exactly
// when ICU does.
#include "base/utf8.h"
#include "fuzz.h"
#include "schema/regex.h"

using namespace timeline::schema::detail;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view in = timeline::fuzz::input(data, size);
    const std::size_t nul = in.find('\0');
    const std::string_view source = in.substr(0, nul);
    const std::string_view text = nul == std::string_view::npos ? std::string_view() : in.substr(nul + 1);
    // Both come from JSON strings, which the parser leaves valid UTF-8.
    if (!timeline::utf8::valid(source) || !timeline::utf8::valid(text)) return 0;
    std::string error;
    const auto pattern = Pattern::compile(source, error);
    if (!pattern) {
        FUZZ_CHECK(!error.empty());
        return 0;
    }
    FUZZ_CHECK(pattern->prepare(error));
    const Match icu = pattern->search_icu(text, 100);
    if (icu == Match::yes || icu == Match::no) FUZZ_CHECK(pattern->search(text, 100) == icu);
    return 0;
}
