// The JSON parser with positions (src/json/parse.h): any bytes. Properties: a document
// parsed without errors prints as JSON that parses to the same text; positions of every
// value can be looked up.
#include <vector>


#include "base/json_text.h"
#include "fuzz.h"
#include "json/parse.h"

namespace {

using namespace timeline;

// Pointers of the values of a document (at most `limit`).
void pointers(json::Value v, const std::string& at, std::vector<std::string>& out, std::size_t limit) {
    if (out.size() >= limit) return;
    out.push_back(at);
    for (std::size_t k = 0; k < v.size(); ++k)
        pointers(v.item(k), v.is_object() ? pointer_append(at, v.key(k)) : pointer_append(at, k), out, limit);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::input(data, size);
    // Big integers as errors, and (only when there were any) as doubles.
    bool big_seen = false;
    for (const auto big : {json::BigIntegers::reject, json::BigIntegers::as_double}) {
        if (big == json::BigIntegers::as_double && !big_seen) break;
        Diagnostics diags;
        json::ParseLimits limits;
        limits.big_integers = big;
        const auto doc = json::parse(text, "fuzz.json", diags, limits);
        for (const auto& d : diags.items()) {
            (void)format_text(d);
            big_seen = big_seen || d.code == "number-out-of-range";
        }
        if (!doc) {
            FUZZ_CHECK(diags.has_errors());
            continue;
        }
        std::vector<std::string> all;
        pointers(doc->value(), "", all, 64);
        for (const auto& p : all) {
            FUZZ_CHECK(static_cast<bool>(json::resolve(doc->value(), p)));
            (void)doc->position(p);
            (void)doc->key_position(p);
            (void)doc->position_in_string(p, 2);
        }
        (void)doc->position("/no/such/member");
        if (diags.has_errors()) continue;
        const std::string once = json::to_text(doc->value());
        Diagnostics again;
        const auto reparsed = json::parse(once, "again.json", again, limits);
        FUZZ_CHECK(reparsed.has_value() && !again.has_errors());
        FUZZ_CHECK(json::to_text(reparsed->value()) == once);
    }
    return 0;
}
