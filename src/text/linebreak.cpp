#include "text/linebreak.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "base/utf8.h"

namespace timeline::text {
namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

// Decodes the code point ending at s[i) and moves i to its start.
char32_t prev_cp(std::string_view s, std::size_t& i) {
    auto idx = static_cast<int32_t>(i);
    UChar32 c = 0;
    U8_PREV(s.data(), 0, idx, c);
    i = static_cast<std::size_t>(idx);
    return c < 0 ? char32_t{0xFFFD} : static_cast<char32_t>(c);
}

std::size_t count_cps(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) {
        utf8::next(s, i);
        ++n;
    }
    return n;
}

bool is_source_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\f' || c == U'\v'; }

// East Asian Wide or Fullwidth (UAX #11): Han, kana, Hangul, fullwidth punctuation.
bool is_wide(char32_t c) {
    auto w = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
    return w == U_EA_WIDE || w == U_EA_FULLWIDTH;
}

UScriptCode script_of(char32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript(static_cast<UChar32>(c), &status);
    return U_FAILURE(status) ? USCRIPT_INVALID_CODE : s;
}

// Han characters (and kana, bopomofo) for the clreq §3.2.4 gap.
bool is_han(char32_t c) {
    if (c < 0x2E80) return false;  // below the CJK radicals: no Han, kana or bopomofo
    if (u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_IDEOGRAPHIC)) return true;
    auto s = script_of(c);
    return s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA || s == USCRIPT_BOPOMOFO;
}

// Western letters and digits (not fullwidth forms) for the clreq §3.2.4 gap.
bool is_western_alnum(char32_t c) {
    auto cp = static_cast<UChar32>(c);
    if (is_wide(c) || !(u_isalpha(cp) || u_isdigit(cp))) return false;
    auto s = script_of(c);
    return s == USCRIPT_LATIN || s == USCRIPT_GREEK || s == USCRIPT_CYRILLIC || s == USCRIPT_COMMON;
}

// What the Han–Latin gap asks of a character: Han (kana, bopomofo), a Western letter or
// digit, or neither. ICU answers through several property lookups; the answers for the BMP
// are kept in a table of this thread, filled as characters are met.
enum class GapClass : std::uint8_t { unknown, han, western, neither };

GapClass gap_class(char32_t c) {
    const auto of = [](char32_t x) {
        return is_han(x) ? GapClass::han : is_western_alnum(x) ? GapClass::western : GapClass::neither;
    };
    if (c >= 0x10000) return of(c);
    thread_local std::unique_ptr<GapClass[]> table(new GapClass[0x10000]());
    GapClass& k = table[c];
    if (k == GapClass::unknown) k = of(c);
    return k;
}

bool needs_gap(char32_t a, char32_t b) {
    if (a < 0x2E80 && b < 0x2E80) return false;  // neither is Han, kana or bopomofo
    const GapClass x = gap_class(a), y = gap_class(b);
    return (x == GapClass::han && y == GapClass::western) || (x == GapClass::western && y == GapClass::han);
}

bool contains(std::u32string_view set, char32_t c) { return set.find(c) != std::u32string_view::npos; }

// A set of BMP code points as a bit table, for the sets asked about at every character.
class BmpSet {
public:
    explicit BmpSet(std::u32string_view chars) {
        for (char32_t c : chars)
            if (c < 0x10000) bits_[c] = true;
    }
    bool has(char32_t c) const { return c < 0x10000 && bits_[c]; }

private:
    std::bitset<0x10000> bits_;
};

// clreq §3.1.7: closing brackets and quotes, pauses and stops, interpuncts, connectors,
// dashes and ellipses, unit signs, iteration marks; and the ASCII counterparts.
constexpr std::u32string_view kNoStart =
    U"，。、；：！？）》」』”’〕］｝〉】〗〙｠〞〟｝．｡､"
    U",.;:!?)]}"
    U"·・‧…‥—–‐～〜~"
    U"%％‰‱℃℉°′″"
    U"々〻ゝゞヽヾ";
// clreq §3.1.7: opening brackets and quotes.
constexpr std::u32string_view kNoEnd = U"（《「『“‘〔［｛〈【〖〘｟〝([{";

icu::BreakIterator& cached(std::unique_ptr<icu::BreakIterator>& slot, bool line, Lang lang) {
    if (!slot) {
        UErrorCode status = U_ZERO_ERROR;
        icu::Locale locale(lang == Lang::zh ? "zh" : "en");
        slot.reset(line ? icu::BreakIterator::createLineInstance(locale, status)
                        : icu::BreakIterator::createCharacterInstance(locale, status));
        if (U_FAILURE(status) || !slot) {
            slot.reset();
            throw std::runtime_error(std::string("ICU break iterator: ") + u_errorName(status));
        }
    }
    return *slot;
}

// One iterator per thread and language, created once (layout breaks many labels).
icu::BreakIterator& line_iterator(Lang lang) {
    thread_local std::unique_ptr<icu::BreakIterator> zh, en;
    return cached(lang == Lang::zh ? zh : en, true, lang);
}

icu::BreakIterator& char_iterator() {
    thread_local std::unique_ptr<icu::BreakIterator> it;
    return cached(it, false, Lang::en);
}

// Boundaries of `s` as UTF-8 byte offsets, including 0 and s.size().
std::vector<std::size_t> boundaries(icu::BreakIterator& it, std::string_view s) {
    std::vector<std::size_t> out;
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &status);
    if (U_SUCCESS(status)) it.setText(ut, status);
    if (U_FAILURE(status)) {
        utext_close(ut);
        throw std::runtime_error(std::string("ICU break iterator: ") + u_errorName(status));
    }
    for (int32_t p = it.first(); p != icu::BreakIterator::DONE; p = it.next()) out.push_back(static_cast<std::size_t>(p));
    // The iterator keeps a shallow clone of `ut` that points into `s`; it is not used again
    // before the next setText.
    utext_close(ut);
    return out;
}

// Whether a line may end at byte offset p of s (0 < p < size) under the clreq prohibitions.
bool allowed_break(std::string_view s, std::size_t p) {
    std::size_t i = p;
    if (no_line_start(utf8::next(s, i))) return false;
    std::size_t j = p;
    while (j > 0) {
        char32_t c = prev_cp(s, j);
        if (c == U' ') continue;
        return !no_line_end(c);
    }
    return true;
}

// Characters of Chinese units and measure words that stay with the number before them
// ("600亿元", "2019年", "35倍", "14人").
constexpr std::u32string_view kHanUnits = U"万亿千百十元角分人家个项件篇部集条台座次倍岁年月日号位名所种只张本期届公里米吨斤亩秒钟时周天平方立余多";
// Date terms and short phrases that are not broken inside.
constexpr std::u32string_view kHanTerms[] = {U"上半年", U"下半年", U"季度", U"年代", U"以前", U"以后", U"以来", U"前后", U"左右", U"世纪"};
static_assert([] {
    for (const auto term : kHanTerms)
        if (term.front() < 0x4E00) return false;
    return true;
}(), "keep_together looks for the date terms only at CJK Unified Ideographs");
constexpr std::size_t kShortTitle = 8;  // characters of a title in 《》 kept on one line

bool is_digit_char(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }

// Removes break opportunities inside what a reader takes as one unit: a number and the
// Chinese unit or measure word after it, a number and an English unit word ("48,000 km"),
// "H1 2019", "Q3 2020", "c. 2019", the date terms above, a short title in 《》.
void keep_together(std::string_view s, std::vector<char>& brk) {
    // Scratch space of this thread: the byte offset of each code point (then s.size()), and
    // the code points.
    thread_local std::vector<std::size_t> at;
    thread_local std::u32string cps;
    at.clear();
    cps.clear();
    for (std::size_t i = 0; i < s.size();) {
        at.push_back(i);
        cps.push_back(utf8::next(s, i));
    }
    at.push_back(s.size());
    const std::size_t n = cps.size();
    auto clear = [&](std::size_t k) {  // no break before code point k
        if (k > 0 && k < n) brk[at[k]] = 0;
    };
    for (std::size_t k = 0; k < n; ++k) {
        const char32_t c = cps[k];
        if (is_digit_char(c)) {
            // Number + Chinese unit: the unit characters right after the digits.
            std::size_t j = k + 1;
            while (j < n && j <= k + 3 && contains(kHanUnits, cps[j])) clear(j++);
            // Number + short English word: "48,000 km", "500 people", "2019 (H1)" not.
            if (k + 2 < n && cps[k + 1] == U' ' && u_islower(static_cast<UChar32>(cps[k + 2]))) {
                std::size_t e = k + 2;
                while (e < n && u_isalpha(static_cast<UChar32>(cps[e]))) ++e;
                if (e - (k + 2) <= 7) clear(k + 2);
            }
        }
        // "H1 2019", "Q3 2020", "c. 2019": the space before the year.
        if (k + 2 < n && cps[k + 1] == U' ' && is_digit_char(cps[k + 2])) {
            const bool half = k >= 1 && (cps[k - 1] == U'H' || cps[k - 1] == U'Q') && is_digit_char(c);
            const bool circa = k >= 1 && c == U'.' && cps[k - 1] == U'c' && (k < 2 || !u_isalpha(static_cast<UChar32>(cps[k - 2])));
            if (half || circa) clear(k + 2);
        }
        // Date terms.
        if (c >= 0x4E00)
            for (const auto term : kHanTerms)
                if (c == term.front() && std::u32string_view(cps).substr(k, term.size()) == term)
                    for (std::size_t j = k + 1; j < k + term.size(); ++j) clear(j);
        // A short title in 《》.
        if (c == U'《') {
            const std::size_t close = cps.find(U'》', k);
            if (close != std::u32string::npos && close - k - 1 <= kShortTitle)
                for (std::size_t j = k + 1; j <= close; ++j) clear(j);
        }
    }
}

// Opening brackets and quotes set full width, whose blank left half is dropped at a line start.
constexpr std::u32string_view kOpeningMarks = U"（《「『“‘【〔〖〈";

struct Chunk {
    std::size_t begin = 0, end = 0;  // bytes of the normalised text
    double width = 0;
    bool space = false;         // a run of U+0020
    bool gap_before = false;    // Han–Latin gap between the previous chunk and this one
    bool break_before = false;  // a line may start here
};

// A paragraph made ready for breaking at any width: normalised, cut into chunks between
// break opportunities, Han–Latin gaps and space runs, every chunk measured from the
// paragraph's prefix widths (one measurement of the whole text).
class Chunks {
public:
    Chunks(std::string_view text, const Measure& m, Lang lang, double em, double gap_em)
        : s_(text), lang_(lang), em_(em), gap_(gap_em * em) {
        prefix_ = m.prefix_widths(s_);
        make_chunks(whole_, false);
    }

    std::string_view text() const { return s_; }
    Lang lang() const { return lang_; }
    double em() const { return em_; }
    double gap() const { return gap_; }
    // Cut only where the set text changes (Han–Latin gaps, runs of spaces): enough to set the
    // paragraph on one line when it fits whole, without looking for break opportunities.
    const std::vector<Chunk>& whole() const { return whole_; }
    // Cut at every break opportunity too (ICU and the clreq rules), made the first time a
    // paragraph must be broken.
    const std::vector<Chunk>& chunks() const {
        if (!broken_) {
            broken_.emplace();
            make_chunks(*broken_, true);
        }
        return *broken_;
    }
    // Width of s[begin, end) as it is set inside the paragraph.
    double width(std::size_t begin, std::size_t end) const { return prefix_[end] - prefix_[begin]; }

private:
    void make_chunks(std::vector<Chunk>& out, bool breaks) const {
        // Made in scratch space of this thread, then copied at their size (a paragraph keeps
        // its chunks).
        thread_local std::vector<char> brk;
        thread_local std::vector<Chunk> chunks;
        chunks.clear();
        brk.assign(s_.size() + 1, 0);
        if (breaks) {
            std::vector<std::size_t> b = boundaries(line_iterator(lang_), s_);
            for (std::size_t p : b)
                if (p > 0 && p < s_.size() && allowed_break(s_, p)) brk[p] = 1;
            keep_together(s_, brk);
        }
        std::size_t start = 0;
        char32_t prev = 0;
        bool gap_pending = false;
        for (std::size_t i = 0; i < s_.size();) {
            std::size_t here = i;
            char32_t c = utf8::next(s_, i);
            if (here > 0) {
                bool gap = needs_gap(prev, c);
                if (brk[here] || gap || ((prev == U' ') != (c == U' '))) {
                    push_chunk(chunks, start, here, gap_pending, brk[start] != 0);
                    start = here;
                    gap_pending = gap;
                }
            }
            prev = c;
        }
        if (start < s_.size()) push_chunk(chunks, start, s_.size(), gap_pending, brk[start] != 0);
        out.assign(chunks.begin(), chunks.end());
    }

    void push_chunk(std::vector<Chunk>& chunks, std::size_t begin, std::size_t end, bool gap, bool brk) const {
        Chunk c;
        c.begin = begin;
        c.end = end;
        c.space = s_[begin] == ' ';
        c.gap_before = gap;
        c.break_before = brk;
        c.width = width(begin, end);
        chunks.push_back(c);
    }

    std::string s_;
    Lang lang_;
    double em_;
    double gap_;
    std::vector<double> prefix_;
    std::vector<Chunk> whole_;
    mutable std::optional<std::vector<Chunk>> broken_;
};

class Breaker {
public:
    Breaker(const Chunks& p, const std::vector<Chunk>& chunks, double width, Justify justify)
        : p_(p), s_(p.text()), chunks_(&chunks), width_(width), justify_(justify), lang_(p.lang()), em_(p.em()),
          gap_(p.gap()), eps_(1e-9 * std::max(1.0, width)) {}

    // The paragraph on one line when it fits whole (as run() would set it), else nullopt.
    std::optional<std::vector<LayoutLine>> whole() {
        std::size_t i = 0;
        while (i < chunks_->size() && (*chunks_)[i].space) ++i;
        if (i == chunks_->size()) return std::vector<LayoutLine>{};
        // fill()'s measure, without its break opportunities.
        const double w = width_ + lead_trim(i);
        double acc = 0;
        for (std::size_t j = i; j < chunks_->size(); ++j) {
            const Chunk& c = (*chunks_)[j];
            if (c.space) {
                acc += c.width;
                continue;
            }
            acc += (j > i && c.gap_before ? gap_ : 0) + c.width;
            if (acc > w + eps_) return std::nullopt;
        }
        std::vector<LayoutLine> lines;
        lines.push_back(make_line(i, chunks_->size()));
        return lines;
    }

    std::vector<LayoutLine> run() {
        std::vector<LayoutLine> lines;
        // About as many lines as the paragraph's width fills, and one for what breaking leaves.
        const double total = p_.width(0, s_.size());
        if (width_ > 0 && total < 1e6 * width_) lines.reserve(static_cast<std::size_t>(total / width_) + 2);
        thread_local std::vector<std::size_t> starts;  // first chunk of each line (scratch space of this thread)
        starts.clear();
        std::size_t i = 0;
        while (i < chunks_->size()) {
            while (i < chunks_->size() && (*chunks_)[i].space) {  // only after a forced break
                if (!lines.empty()) lines.back().trimmed += text((*chunks_)[i]);
                ++i;
            }
            if (i == chunks_->size()) break;
            std::size_t end = fill(i);
            starts.push_back(i);
            lines.push_back(make_line(i, end));
            i = end;
        }
        avoid_single_last(lines, starts);
        return lines;
    }

private:
    std::string_view text(const Chunk& c) const { return s_.substr(c.begin, c.end - c.begin); }

    // In Chinese text, a last line of a single character (and the punctuation after it)
    // takes one more from the line before, when that line can give one up.
    void avoid_single_last(std::vector<LayoutLine>& lines, const std::vector<std::size_t>& starts) {
        if (lang_ != Lang::zh || lines.size() < 2) return;
        std::size_t letters = 0;
        const std::string t = lines.back().text();
        for (std::size_t i = 0; i < t.size();) {
            const char32_t c = utf8::next(t, i);
            if (!is_wide(c)) return;
            if (!no_line_start(c)) ++letters;
        }
        if (letters != 1) return;
        const std::size_t p = starts[starts.size() - 2], e = starts.back();
        std::size_t k = e - 1;
        while (k > p && !(*chunks_)[k].break_before) --k;
        if (k <= p || !(*chunks_)[k].break_before || (*chunks_)[k].space) return;
        LayoutLine last = make_line(k, chunks_->size());
        if (last.width > width_ + lead_trim(k) + eps_) return;
        LayoutLine before = make_line(p, k);
        // A justified line must still fill the measure within its stretch limits.
        if (justify_ == Justify::justify && before.set_width() < width_ - 1e-6) return;
        lines[lines.size() - 2] = std::move(before);
        lines.back() = std::move(last);
    }

    // The blank half of a full-width opening mark that starts a Chinese line is dropped
    // (clreq §3.1.6): the line starts half an em to the left.
    double lead_trim(std::size_t i) const {
        if (lang_ != Lang::zh || i >= chunks_->size()) return 0;
        std::size_t k = (*chunks_)[i].begin;
        const std::size_t b = k;
        const char32_t c = utf8::next(s_, k);
        if (!contains(kOpeningMarks, c)) return 0;
        // The mark's width as it is set: with what follows it (a quote takes the font of the
        // text it opens).
        const double mark = p_.width(b, k);
        return mark >= 0.9 * em_ ? 0.5 * em_ : 0;
    }

    // Greedy first fit from chunk i; returns the end (exclusive) of the line, splitting a
    // chunk when no break opportunity fits.
    std::size_t fill(std::size_t i) {
        const double w = width_ + lead_trim(i);
        double acc = 0, acc_trim = 0;
        std::size_t best = npos;
        thread_local std::vector<double> trim_at;  // trimmed width of [i, k) for k = i+1 .. j (scratch)
        trim_at.clear();
        std::size_t j = i;
        for (; j < chunks_->size(); ++j) {
            const Chunk& c = (*chunks_)[j];
            if (j > i) {
                trim_at.push_back(acc_trim);
                if (c.break_before) best = j;
            }
            if (c.space) {
                acc += c.width;
                continue;
            }
            double add = (j > i && c.gap_before ? gap_ : 0) + c.width;
            if (acc + add > w + eps_) break;
            acc += add;
            acc_trim = acc;
        }
        if (j == chunks_->size()) return j;
        if (best != npos) return best;
        return emergency(i, j, acc, trim_at);
    }

    // No break opportunity fits before the overflowing chunk j: break at a chunk start in
    // (i, j] or between grapheme clusters of chunk j (a long word or URL, no hyphen).
    std::size_t emergency(std::size_t i, std::size_t j, double acc, const std::vector<double>& trim_at) {
        const double w = width_ + lead_trim(i);
        const Chunk c = (*chunks_)[j];
        std::string_view t = text(c);
        std::vector<std::size_t> g = boundaries(char_iterator(), t);  // 0 .. t.size()
        double lead = acc + (j > i && c.gap_before ? gap_ : 0);

        struct Candidate {
            std::size_t chunk;   // chunk index (split point inside it if offset > 0)
            std::size_t offset;  // bytes into chunk `chunk`, 0 for its start
            double prefix = 0;   // measured width of that prefix (offset > 0)
        };
        std::vector<Candidate> fitting;  // in text order
        for (std::size_t k = i + 1; k <= j; ++k)
            if (trim_at[k - i - 1] <= w + eps_) fitting.push_back({k, 0, 0});
        for (std::size_t gi = 1; gi + 1 < g.size(); ++gi) {
            double pw = p_.width(c.begin, c.begin + g[gi]);
            if (lead + pw > w + eps_) break;
            fitting.push_back({j, g[gi], pw});
        }
        const Candidate* pick = nullptr;
        for (auto it = fitting.rbegin(); it != fitting.rend() && !pick; ++it)
            if (allowed_break(s_, (*chunks_)[it->chunk].begin + it->offset)) pick = &*it;
        if (!pick && !fitting.empty()) pick = &fitting.back();
        Candidate one{j, g.size() > 2 ? g[1] : t.size(), 0};
        if (!pick) {  // not even one grapheme fits: take one anyway (j == i here)
            if (one.offset == t.size()) return j + 1;
            one.prefix = p_.width(c.begin, c.begin + one.offset);
            pick = &one;
        }
        if (pick->offset == 0) return pick->chunk;
        Chunk head = c, tail = c;
        head.end = tail.begin = c.begin + pick->offset;
        head.width = pick->prefix;
        tail.width = p_.width(tail.begin, tail.end);
        tail.gap_before = false;
        tail.break_before = true;
        if (chunks_ != &split_) {
            split_ = *chunks_;
            chunks_ = &split_;
        }
        split_[j] = head;
        split_.insert(split_.begin() + static_cast<std::ptrdiff_t>(j) + 1, tail);
        return j + 1;
    }

    LayoutLine make_line(std::size_t i, std::size_t end) {
        LayoutLine line;
        line.last = end == chunks_->size();
        std::size_t e = end;
        while (e > i && (*chunks_)[e - 1].space) --e;
        for (std::size_t k = e; k < end; ++k) line.trimmed += text((*chunks_)[k]);

        struct Counts {
            std::size_t chars = 0, spaces = 0;
        };
        thread_local std::vector<Counts> counts;  // per piece (scratch space of this thread)
        counts.clear();
        std::size_t pieces = 1;  // a piece starts at each Han-Latin gap
        for (std::size_t k = i + 1; k < e; ++k) pieces += (*chunks_)[k].gap_before ? 1 : 0;
        line.pieces.reserve(pieces);
        double natural = 0;
        // A piece's chunks follow one another in the text: its text is set when it ends.
        std::size_t from = 0;
        auto close = [&](std::size_t to) { line.pieces.back().text.assign(s_.data() + from, to - from); };
        for (std::size_t k = i; k < e; ++k) {
            const Chunk& c = (*chunks_)[k];
            if (k == i || c.gap_before) {
                if (k > i) {
                    natural += gap_;
                    close(c.begin);
                }
                line.pieces.push_back({});
                counts.push_back({});
                from = c.begin;
            }
            line.pieces.back().width += c.width;
            natural += c.width;
            counts.back().chars += count_cps(text(c));
            if (c.space) counts.back().spaces += c.end - c.begin;
        }
        if (e > i) close((*chunks_)[e - 1].end);
        const double lead = lead_trim(i);
        natural -= lead;
        line.width = natural;

        std::size_t chars = 0, spaces = 0;
        for (const auto& n : counts) {
            chars += n.chars;
            spaces += n.spaces;
        }
        double slack = width_ - natural;
        if (!line.last && justify_ == Justify::justify && slack > 0) {
            // Stretch limits: a line that would need more is left short rather than gappy
            // (a long URL or word moved to the next line leaves much slack).
            const double max_char = 0.25 * em_, max_word = 1.0 * em_;
            if (lang_ == Lang::zh && chars > 1 && slack / static_cast<double>(chars - 1) <= max_char)
                line.char_spacing = slack / static_cast<double>(chars - 1);
            else if (spaces > 0 && slack / static_cast<double>(spaces) <= max_word)
                line.word_spacing = slack / static_cast<double>(spaces);
        }
        double x = -lead;
        for (std::size_t p = 0; p < line.pieces.size(); ++p) {
            if (p > 0) x += gap_;
            line.pieces[p].x = x;
            x += line.pieces[p].width + static_cast<double>(counts[p].chars) * line.char_spacing +
                 static_cast<double>(counts[p].spaces) * line.word_spacing;
        }
        return line;
    }

    const Chunks& p_;
    std::string_view s_;
    const std::vector<Chunk>* chunks_;  // the paragraph's, or split_
    std::vector<Chunk> split_;          // a copy made when a word wider than the line is split
    double width_;
    Justify justify_;
    Lang lang_;
    double em_;
    double gap_;
    double eps_;
};

}  // namespace

std::string LayoutLine::text() const {
    std::string out;
    for (const auto& p : pieces) out += p.text;
    return out;
}

double LayoutLine::set_width() const {
    std::size_t chars = 0, spaces = 0;
    for (const auto& p : pieces) {
        chars += count_cps(p.text);
        spaces += static_cast<std::size_t>(std::count(p.text.begin(), p.text.end(), ' '));
    }
    double extra = static_cast<double>(spaces) * word_spacing;
    if (chars > 1) extra += static_cast<double>(chars - 1) * char_spacing;
    return width + extra;
}

int han_latin_gaps(std::string_view utf8) { return static_cast<int>(han_latin_gap_offsets(utf8).size()); }

std::vector<std::size_t> han_latin_gap_offsets(std::string_view utf8) {
    std::vector<std::size_t> out;
    char32_t prev = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const std::size_t at = i;
        const char32_t c = utf8::next(utf8, i);
        if (prev != 0 && needs_gap(prev, c)) out.push_back(at);
        prev = c;
    }
    return out;
}

bool no_line_start(char32_t c) {
    static const BmpSet set(kNoStart);
    return set.has(c);
}
bool no_line_end(char32_t c) {
    static const BmpSet set(kNoEnd);
    return set.has(c);
}

std::string normalize_paragraph(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    char32_t prev = 0;
    bool have_prev = false;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t j = i;
        char32_t c = utf8::next(s, j);
        if (!is_source_space(c)) {
            out.append(s.substr(i, j - i));
            prev = c;
            have_prev = true;
            i = j;
            continue;
        }
        std::size_t k = j;  // end of the whitespace run
        while (k < s.size()) {
            std::size_t t = k;
            if (!is_source_space(utf8::next(s, t))) break;
            k = t;
        }
        if (have_prev && k < s.size()) {
            std::size_t t = k;
            char32_t next = utf8::next(s, t);
            // A space between Chinese characters goes, and so does one between a Chinese and
            // a Latin character (next to a letter or digit the Han–Latin gap takes its place);
            // but one next to the marks between the languages of a line (" · ", " / ", " | ")
            // stays, and so does one before a citation mark ("2018年 [1]").
            const bool wide_prev = is_wide(prev), wide_next = is_wide(next);
            const char32_t latin = wide_prev ? next : prev;  // the other side, when one is wide
            const bool mark = latin == U'·' || latin == U'/' || latin == U'|' || (wide_prev && latin == U'[');
            if ((!wide_prev && !wide_next) || (wide_prev != wide_next && mark)) out += ' ';
        }
        i = k;
    }
    return out;
}

std::vector<double> Measure::prefix_widths(std::string_view utf8) const {
    std::vector<double> out(utf8.size() + 1, 0.0);
    for (std::size_t i = 0; i < utf8.size();) {
        const std::size_t b = i;
        utf8::next(utf8, i);
        const double w = out[b] + width(utf8.substr(b, i - b));
        for (std::size_t k = b + 1; k <= i; ++k) out[k] = w;
    }
    return out;
}

struct Paragraph::Impl {
    std::optional<Chunks> chunks;  // none for an empty or all-space paragraph
};

Paragraph::Paragraph(std::string_view utf8, const Measure& measure, Lang lang, double em, double han_latin_gap_em)
{
    auto impl = std::make_shared<Impl>();
    std::string norm = normalize_paragraph(utf8);
    if (!norm.empty()) impl->chunks.emplace(norm, measure, lang, em, han_latin_gap_em);
    impl_ = std::move(impl);
}

std::vector<LayoutLine> Paragraph::lines(double width, Justify justify) const {
    if (!impl_->chunks) return {};
    const Chunks& c = *impl_->chunks;
    if (auto one = Breaker(c, c.whole(), width, justify).whole()) return std::move(*one);
    return Breaker(c, c.chunks(), width, justify).run();
}

std::vector<LayoutLine> break_paragraph(std::string_view utf8, const Measure& measure, const LineOptions& options) {
    return Paragraph(utf8, measure, options.lang, options.em, options.han_latin_gap_em).lines(options.width, options.justify);
}

int lines_on_page(int total, int available, bool fresh_page) {
    if (total <= 0) return 0;
    if (available <= 0) return 0;
    if (total <= available) return total;
    int n = available;
    if (total - n == 1) --n;  // a single last line would be a widow: carry one more
    if (n < 2) n = 0;         // a single first line would be an orphan
    if (n == 0 && fresh_page) n = available;  // moving on cannot help: accept the widow/orphan
    return n;
}

}  // namespace timeline::text
