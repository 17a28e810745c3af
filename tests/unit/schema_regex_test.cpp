// Schema patterns: those of plain pieces run on the validator's own automaton, the rest on
// ICU. Both must say the same of every text.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "schema/regex.h"

using timeline::schema::detail::Match;
using timeline::schema::detail::Pattern;

TEST_CASE("the automaton and ICU agree on every pattern and text", "[schema][regex]") {
    const std::vector<std::string> patterns = {
        // The schemas' own.
        "^[a-z0-9]+(?:-[a-z0-9]+)*$", "^[a-z0-9][a-z0-9_-]*$", "^[0-9X./?~%sHQ-]+$", "^[+-]?P(?:[0-9]+[YMD]){1,3}$",
        "^#[0-9a-fA-F]{6}$", "^\\S+$",
        // Unanchored, one end anchored, alternatives, groups, counts, lazy quantifiers.
        "ab", "b+c", "^ab", "bc$", "a|b", "(?:a|bc)d", "(a|b)*c", "^(?:a|b)*$", "^(a+)+$", "x{2,3}", "^x{2}$",
        "^x{0,2}y?$", "^(?:ab){2,}$", "a+?b", "^a*?$", "(?:)", "a|", "^$",
        // Classes and escapes.
        "^[^a-c]+$", "^[\\d.]+$", "^\\w+\\s\\w+$", "^\\D\\W$", "[\\s\\S]", "^.+$", "^[-a]$", "^[a-]$", "^\\$\\.$",
        "^[一-龥]{2}$", "^é+$", "\\d{4}-\\d{2}", "^\\t\\n$",
    };
    const std::vector<std::string> texts = {
        "", "a", "ab", "abc", "bc", "abcd", "bcd", "aab", "xx", "xxx", "xxxx", "y", "xy", "abab", "ababab", "aaaa",
        "aaaa!", "lane-1", "lane--1", "-lane", "lane_2", "Lane", "2015-07-14", "1994-08-02/1994-08-31", "201X", "c. 2019",
        "P1Y", "-P3D", "P1Y2M3D4D", "#a0B1c2", "#a0B1c", "a b", "a\tb", "a\u3000b", "\xe4\xb8\x8a\xe6\xb5\xb7",
        "\xe4\xb8\x8a\xe6\xb5\xb7\xe5\xb8\x82", "\xc3\xa9\xc3\xa9", "$.", "-", "a-", "\t\n", "line\n", "\n", ".5", "1.5",
        "\xf0\x9f\x98\x80", "d", "ad", "bcd", "ccc", "abcc",
    };
    for (const auto& source : patterns) {
        std::string error;
        const auto p = Pattern::compile(source, error);
        REQUIRE(p);
        for (const auto& text : texts) {
            CAPTURE(source, text);
            const Match icu = p->search_icu(text);
            REQUIRE((icu == Match::yes || icu == Match::no));
            CHECK(p->search(text) == icu);
        }
    }
}
