// "Did you mean …?": the known name closest to a misspelt one (commands, fields, ids, lanes,
// metrics, units, choices of an option).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace timeline {

// Edit distance between two texts counted in code points (optimal string alignment: an
// insertion, a deletion, a substitution or a swap of two neighbours costs 1; ASCII letters
// compare case-insensitively), or `limit + 1` as soon as it exceeds `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// The candidate closest to `word` when it is close enough to be a likely typo: at most one
// edit for words of up to four characters, two up to eight, three beyond. The first of equally
// close candidates wins; `word` itself (exactly) is never suggested.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

// `; did you mean "industry"?` for the closest candidate, "" when none is close: the tail of a
// diagnostic about a misspelt field, id or name.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace timeline
