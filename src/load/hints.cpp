#include "load/hints.h"

#include "base/utf8.h"
#include "model/when.h"

namespace timeline {
namespace {

// The last token of a JSON pointer ("/figures/3/value" -> "value").
std::string_view last_token(std::string_view pointer) {
    const auto slash = pointer.rfind('/');
    return slash == std::string_view::npos ? pointer : pointer.substr(slash + 1);
}

bool is_value_field(std::string_view pointer) {
    const auto t = last_token(pointer);
    return t == "value" || t == "min" || t == "max" || t == "numerator" || t == "denominator";
}

// "4.8" times 10^shift as a plain decimal ("48000"), without floating point.
std::string shifted(const std::string& digits, int shift) {
    std::string whole = digits;
    std::string frac;
    if (const auto dot = digits.find('.'); dot != std::string::npos) {
        whole = digits.substr(0, dot);
        frac = digits.substr(dot + 1);
    }
    while (shift > 0) {
        whole += frac.empty() ? '0' : frac.front();
        if (!frac.empty()) frac.erase(0, 1);
        --shift;
    }
    const auto nz = whole.find_first_not_of('0');
    whole = nz == std::string::npos ? "0" : whole.substr(nz);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    return frac.empty() ? whole : whole + "." + frac;
}

}  // namespace

std::optional<NumberHint> plain_number(std::string_view text) {
    if (!utf8::valid(text)) return std::nullopt;
    std::string digits;  // ASCII digits, at most one '.', a leading '-'
    bool separators = false, fullwidth = false;
    std::string rest;    // what follows the number
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t at = i;
        const char32_t c = utf8::decode(text, i);
        if (!rest.empty() || (c > 0x7F && !(c >= U'０' && c <= U'９') && c != U'，' && c != U'．' && c != U'\u00A0' &&
                              c != U'\u2009' && c != U'\u202F' && c != U'\u3000' && c != U'－')) {
            rest += std::string(text.substr(at, i - at));
            continue;
        }
        if (c >= U'0' && c <= U'9') digits += static_cast<char>(c);
        else if (c >= U'０' && c <= U'９') digits += static_cast<char>('0' + (c - U'０')), fullwidth = true;
        else if (c == U'.' || c == U'．') digits += '.', fullwidth = fullwidth || c != U'.';
        else if ((c == U'-' || c == U'－') && digits.empty()) digits += '-';
        else if (c == U'+' && digits.empty()) continue;
        else if (c == U',' || c == U'，' || c == U'\'' || c == U' ' || c == U'\u00A0' || c == U'\u2009' || c == U'\u202F' ||
                 c == U'\u3000')
            separators = !digits.empty() || separators;
        else return std::nullopt;
    }
    const bool negative = !digits.empty() && digits.front() == '-';
    const std::string body = negative ? digits.substr(1) : digits;
    if (body.empty() || body.front() == '.' || body.back() == '.' || body.find('.') != body.rfind('.')) return std::nullopt;
    struct Multiplier {
        std::string_view suffix;
        int power;
        const char* name;
    };
    static constexpr Multiplier kMultipliers[] = {
        {"", 0, ""}, {"千", 3, "千 is 1,000"}, {"万", 4, "万 is 10,000"}, {"亿", 8, "亿 is 100,000,000"}, {"万亿", 12, "万亿 is 10^12"}};
    for (const auto& m : kMultipliers) {
        if (rest != m.suffix) continue;
        NumberHint h;
        h.number = (negative ? "-" : "") + shifted(body, m.power);
        if (m.power > 0) h.why = std::string(m.name) + "; a value is written in full, in its unit";
        else if (separators) h.why = "without separators";
        else if (fullwidth) h.why = "in ASCII digits";
        else h.why = "a number, not text: without quotes";
        return h;
    }
    return std::nullopt;
}

void explain(SchemaProblem& p, json::Value root) {
    const json::Value value = json::resolve(root, p.pointer);
    if (!value.is_string()) return;
    const std::string text(value.str());
    if (p.schema_pointer.ends_with("/definitions/date-string/pattern")) {
        std::string error;
        if (!parse_when(text, error)) {
            p.code = "date-invalid";
            p.message = error;
        }
        return;
    }
    if (!is_value_field(p.pointer)) return;
    if (const auto h = plain_number(text)) {
        p.code = "number-invalid";
        p.message = "\"" + text + "\" is not a number: write " + h->number + " (" + h->why + ")";
        return;
    }
    // A range in a CSV cell, "1,000..2,000": each end.
    const auto dots = text.find("..");
    if (dots == std::string::npos) return;
    const auto low = plain_number(text.substr(0, dots));
    const auto high = plain_number(text.substr(dots + 2));
    if (low && high) {
        p.code = "number-invalid";
        p.message = "\"" + text + "\" is not a range of numbers: write " + low->number + ".." + high->number + " (" +
                    (low->why == high->why ? low->why : low->why + "; " + high->why) + ")";
    }
}

}  // namespace timeline
