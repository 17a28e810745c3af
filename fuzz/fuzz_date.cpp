// Dates (src/model/when.h) and offsets of relative dates: any text. Properties: a parsed
// date prints in canonical form, which parses to the same date; its span is in order; it
// formats in both languages; relative dates resolve or say why.
#include "fuzz.h"
#include "i18n/format.h"
#include "model/when.h"

using namespace timeline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::input(data, size);
    std::string error;
    const auto when = parse_when(text, error);
    if (!when) {
        FUZZ_CHECK(!error.empty());
    } else {
        const std::string iso = when->iso();
        std::string again_error;
        const auto again = parse_when(iso, again_error);
        FUZZ_CHECK(again.has_value());
        FUZZ_CHECK(again->iso() == iso);
        FUZZ_CHECK(compare(*when, *again) == 0);
        if (when->first_day() && when->last_day()) FUZZ_CHECK(*when->first_day() <= *when->last_day());
        FUZZ_CHECK(!i18n::format_when(*when, Lang::zh).empty());
        FUZZ_CHECK(!i18n::format_when(*when, Lang::en).empty());
        (void)when->precision();
        // As the anchor of relative dates.
        for (const char* offset : {"-P6Y", "P2Y6M", "P10D", "-P400Q"}) {
            std::string offset_error;
            const auto o = parse_offset(offset, offset_error);
            if (!o) continue;
            for (const Precision p : {Precision::day, Precision::month, Precision::year, Precision::decade}) {
                std::string resolve_error;
                const auto r = resolve_relative(*when, *o, p, false, resolve_error);
                if (r) FUZZ_CHECK(!r->iso().empty());
                else FUZZ_CHECK(!resolve_error.empty());
            }
        }
    }
    // The same text as an offset ("-P6Y").
    std::string offset_error;
    if (const auto o = parse_offset(text, offset_error)) {
        std::string e2;
        const auto again = parse_offset(o->iso(), e2);
        FUZZ_CHECK(again.has_value());
        FUZZ_CHECK(again->iso() == o->iso());
    } else {
        FUZZ_CHECK(!offset_error.empty());
    }
    return 0;
}
