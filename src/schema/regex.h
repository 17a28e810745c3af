// JSON Schema regular expressions (ECMA-262 syntax) on UTF-8 text, run by ICU's RegexPattern.
//
// The pattern is parsed as ECMA-262 (so that what ECMA-262 forbids is refused even where ICU
// would accept it) and written out in ICU's syntax with ECMA-262's meaning: \d \w \b are
// ASCII, \s is ECMA-262 white space, "." excludes only \n \r U+2028 U+2029, "$" is the end of
// the text only, and every literal and class is spelt with \x{...} escapes. Supported:
// alternation, groups (capturing and (?:...)), lookahead (?=...) (?!...), greedy and lazy
// quantifiers, classes with ranges, \d \w \s \b \B and their negations, backreferences
// \1-\99, \t \n \v \f \r \0 \cX \xHH \uHHHH (surrogate pairs combine), escaped punctuation.
// Rejected as unsupported: lookbehind, named groups and \k<name>, \p{...} / \P{...}, and
// \u{...}; rejected as invalid: unknown letter escapes such as \Z or \A, unbalanced
// parentheses or brackets, quantifiers with nothing to repeat, out-of-order ranges.
//
// ICU matches code points (quantifiers repeat whole characters), on its own heap stack (no
// deep recursion, no thread with a large stack), and every match has a time limit: a
// pattern that backtracks without end on a text gives Match::too_slow, never a hang.
// Internal to the schema module.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace timeline::schema::detail {

// Checks `pattern` and writes it in ICU's syntax (see above). Returns false and sets `error`
// (one sentence) when the pattern is invalid or unsupported.
bool translate_pattern(std::string_view pattern, std::string& out, std::string& error);

// What a search found.
enum class Match {
    no,
    yes,
    too_slow,  // the time limit of one match ran out (catastrophic backtracking)
    too_deep,  // the matcher's backtracking stack limit was reached
    error      // ICU refused the translated pattern (a bug: translate_pattern is tested against it)
};

// A checked pattern. Its ICU pattern is built when it is compiled, with its schema (which is
// compiled when first used): the theme's thread and the data's search with patterns their
// schemas share, each with a matcher of its own. A pattern of one character class ("\\S"),
// and one of plain pieces (classes, literals, groups, alternatives and quantifiers between
// "^" and "$"), needs no ICU pattern.
class Pattern {
public:
    // Checks and translates; nullopt and `error` set when invalid.
    static std::optional<Pattern> compile(std::string_view source, std::string& error);

    // Whether the pattern matches somewhere in `text` (ECMAScript "test" semantics), within
    // `time_limit` (ICU's unit, a number of steps of its engine: the default, 1000, is about
    // 0.2 s on the 2-core build machine) and a backtracking stack of 8 MiB plus 32 bytes per
    // byte of text.
    Match search(std::string_view text, std::int32_t time_limit = kTimeLimit) const;

    // The same with ICU's engine, whatever the pattern (for tests: the patterns of plain
    // pieces are matched without it).
    Match search_icu(std::string_view text, std::int32_t time_limit = kTimeLimit) const;

    const std::string& source() const { return source_; }
    // Builds the ICU pattern if it is not built yet; false and `error` when ICU refuses it
    // (for tests and the fuzzer: it never should).
    bool prepare(std::string& error) const;

    static constexpr std::int32_t kTimeLimit = 1000;

    struct Compiled;  // regex.cpp

private:
    std::string source_;
    std::shared_ptr<Compiled> compiled_;
};

}  // namespace timeline::schema::detail
