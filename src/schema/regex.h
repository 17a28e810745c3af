// JSON Schema regular expressions (ECMA-262 syntax) on UTF-8 text, run by std::regex.
//
// The pattern is parsed as ECMA-262 and rewritten into a std::regex ECMAScript pattern over
// UTF-8 bytes: every non-ASCII character, character class, "." and \s, \S, \D, \W becomes an
// alternation of byte sequences, so that a class or "." matches one whole code point and
// quantifiers apply to whole characters. Supported: alternation, groups (capturing and
// (?:...)), lookahead (?=...) (?!...), greedy and lazy quantifiers, classes with ranges,
// \d \w \s (ECMAScript meaning: \s includes Unicode spaces), \b \B, backreferences \1-\99,
// \t \n \v \f \r \0 \cX \xHH \uHHHH (surrogate pairs combine), escaped punctuation.
// Rejected as unsupported: lookbehind, named groups and \k<name>, \p{...} / \P{...}, and
// \u{...}; rejected as invalid: unknown letter escapes such as \Z or \A, unbalanced
// parentheses or brackets, quantifiers with nothing to repeat, out-of-order ranges.
// Internal to the schema module.
#pragma once

#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace timeline::schema::detail {

// Rewrites `pattern` for std::regex (see above). Returns false and sets `error` (one
// sentence) when the pattern is invalid or unsupported.
bool translate_pattern(std::string_view pattern, std::string& out, std::string& error);

// A compiled pattern. Patterns without backreferences run on libstdc++'s automaton
// (polynomial) mode when the backtracking matcher could take exponential time (a repeated
// group containing a repeated part, like (a+)+, unless each iteration starts with a literal
// that nothing else in the group matches, like (?:-[a-z]+)*) or recurse too deeply (texts
// over 2 KiB); short texts and other patterns use the faster backtracking matcher. Patterns
// with backreferences always backtrack: long texts are then matched on a thread with a
// large stack, up to max_text_bytes.
class Pattern {
public:
    // Translates and compiles; nullopt and `error` set on failure.
    static std::optional<Pattern> compile(std::string_view source, std::string& error);

    // Whether the pattern matches somewhere in `text` (ECMAScript "test" semantics).
    // nullopt when the text could not be checked (a pattern with backreferences and a text
    // longer than max_text_bytes, or the regular expression engine gave up).
    std::optional<bool> search(const std::string& text) const;

    const std::string& source() const { return source_; }

    static constexpr std::size_t max_text_bytes = 256u * 1024u;

private:
    std::string source_;
    std::shared_ptr<const std::regex> backtracking_;  // absent for nested repeats without backreferences
    std::shared_ptr<const std::regex> automaton_;     // absent with backreferences
    bool prefer_nfa_ = false;
    // Fast path for a pattern that is one character class ("\\S", "[a-z]", "."): the sorted
    // code point ranges of the class, searched without std::regex.
    std::shared_ptr<const std::vector<std::pair<char32_t, char32_t>>> single_class_;
};

}  // namespace timeline::schema::detail
