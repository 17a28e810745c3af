#include "base/suggest.h"

#include <algorithm>

#include "base/utf8.h"

namespace timeline {
namespace {

std::u32string code_points(std::string_view s) {
    std::u32string out;
    if (!utf8::valid(s)) {
        for (char c : s) out.push_back(static_cast<unsigned char>(c));
        return out;
    }
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = utf8::decode(s, i);
        if (c >= U'A' && c <= U'Z') c += U'a' - U'A';
        out.push_back(c);
    }
    return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a8, std::string_view b8, std::size_t limit) {
    const std::u32string a = code_points(a8);
    const std::u32string b = code_points(b8);
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    if ((n > m ? n - m : m - n) > limit) return limit + 1;
    // Three rows of the dynamic programme: before last, last and current.
    std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        std::size_t row_min = cur[0];
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            std::size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = std::min(d, prev2[j - 2] + 1);
            cur[j] = d;
            row_min = std::min(row_min, d);
        }
        if (row_min > limit) return limit + 1;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return std::min(prev[m], limit + 1);
}

std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates) {
    const std::size_t length = code_points(word).size();
    const std::size_t limit = length <= 4 ? 1 : length <= 8 ? 2 : 3;
    std::optional<std::string> best;
    std::size_t best_distance = limit + 1;
    for (const auto& c : candidates) {
        if (c == word) continue;
        const std::size_t d = edit_distance(word, c, limit);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    const auto c = closest(word, candidates);
    return c ? "; did you mean \"" + *c + "\"?" : std::string();
}

}  // namespace timeline
