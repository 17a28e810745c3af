#include "draw/setter.h"

#include <algorithm>
#include <cctype>

#include "base/utf8.h"

namespace timeline::draw {

void Setter::set_italic_titles(std::vector<std::string> titles) {
    // Longest first, so that a title containing another wins.
    std::sort(titles.begin(), titles.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    titles.erase(std::remove_if(titles.begin(), titles.end(), [](const auto& t) { return t.empty(); }), titles.end());
    italic_titles_ = std::move(titles);
    widths_.clear();
    paragraphs_.clear();
}

std::string_view Setter::with_italics(std::string_view utf8, std::string& buffer) const {
    if (italic_titles_.empty()) return utf8;
    // Letters and digits, Latin with diacritics included, continue a word; punctuation
    // (curly quotes too), spaces and Han characters do not.
    auto word_char = [](char32_t c) { return (c < 0x80 && std::isalnum(static_cast<int>(c))) || (c >= 0xC0 && c <= 0x24F); };
    auto before = [&](std::size_t at) { return utf8::decode_before(utf8, at); };
    std::vector<std::pair<std::size_t, std::size_t>> spans;  // byte ranges of found titles
    for (const auto& title : italic_titles_) {
        for (std::size_t at = utf8.find(title); at != std::string_view::npos; at = utf8.find(title, at + 1)) {
            const std::size_t end = at + title.size();
            std::size_t next = end;
            const bool whole = (at == 0 || !word_char(before(at))) && (end == utf8.size() || !word_char(utf8::decode(utf8, next)));
            const bool taken = std::any_of(spans.begin(), spans.end(), [&](const auto& s) { return at < s.second && end > s.first; });
            if (whole && !taken) spans.emplace_back(at, end);
        }
    }
    if (spans.empty()) return utf8;
    std::sort(spans.begin(), spans.end());
    std::string on, off;
    std::string& out = buffer;
    out.clear();
    utf8::append(on, text::kItalicOn);
    utf8::append(off, text::kItalicOff);
    std::size_t done = 0;
    for (const auto& [from, to] : spans) {
        out.append(utf8.substr(done, from - done));
        // Word by word: the spaces stay outside the marks.
        bool in_word = false;
        for (std::size_t i = from; i < to; ++i) {
            const bool space = utf8[i] == ' ';
            if (!space && !in_word) out += on;
            if (space && in_word) out += off;
            in_word = !space;
            out += utf8[i];
        }
        if (in_word) out += off;
        done = to;
    }
    out.append(utf8.substr(done));
    return out;
}

namespace {

// What a text measures or breaks the same under: the style's chain and size, the text, and
// (for line breaking) a language mark.
// Made in `key`, whose buffer is reused: a lookup that finds allocates nothing.
const std::string& cache_key(std::string& key, const TextStyle& ts, std::string_view utf8, char lang = '\0') {
    key.assign(ts.chain);
    key.push_back('\0');
    key.append(reinterpret_cast<const char*>(&ts.size), sizeof ts.size).push_back(lang);
    return key.append(utf8);
}

}  // namespace

double Setter::measure(std::string_view utf8, const TextStyle& ts) const {
    // Short texts come again and again (dates, lane names, units, tick labels): their widths
    // are kept, per chain and size.
    constexpr std::size_t kCachedBytes = 64, kCachedTexts = 1 << 16;
    const bool cached = utf8.size() <= kCachedBytes;
    if (cached)
        if (const auto it = widths_.find(std::string_view(cache_key(key_, ts, utf8))); it != widths_.end()) return it->second;
    std::string buffer;
    const std::string_view marked = with_italics(utf8, buffer);
    const double w = fonts_.measure(marked, chain(ts), ts.size) + text::han_latin_gaps(utf8) * text::kHanLatinGapEm * ts.size;
    if (cached) {
        if (widths_.size() >= kCachedTexts) widths_.clear();
        widths_.emplace(cache_key(key_, ts, utf8), w);
    }
    return w;
}

std::vector<text::LayoutLine> Setter::break_lines(std::string_view utf8, const TextStyle& ts, double width,
                                                  text::Lang lang, text::Justify justify) const {
    // A text is often broken at more than one width (a timeline label tried narrow and wide):
    // the prepared paragraphs are kept, per chain, size and language.
    constexpr std::size_t kCachedParagraphs = 4096;
    const std::string& key = cache_key(key_, ts, utf8, lang == text::Lang::zh ? 'z' : 'e');
    auto it = paragraphs_.find(std::string_view(key));
    if (it == paragraphs_.end()) {
        if (paragraphs_.size() >= kCachedParagraphs) paragraphs_.clear();
        const text::ChainMeasure m(fonts_, chain(ts), ts.size);
        std::string buffer;
        it = paragraphs_.emplace(key, text::Paragraph(with_italics(utf8, buffer), m, lang, ts.size)).first;
    }
    // A line of whole ems fills a block of whole ems despite rounding.
    return it->second.lines(width + 1e-6, justify);
}

void Setter::adopt_missing(const std::vector<MissingChar>& more) {
    for (const auto& m : more)
        if (seen_.emplace(std::pair{m.code_point, m.style}, true).second) missing_.push_back(m);
}

std::unique_ptr<Setter> Setter::sibling() const {
    auto s = std::make_unique<Setter>(fonts_, theme_);
    s->italic_titles_ = italic_titles_;
    return s;
}

void Setter::set_piece(std::vector<Item>& out, std::string_view utf8, const TextStyle& ts, double x, double baseline,
                       double char_spacing, double word_spacing) {
    std::vector<char32_t> missing;
    thread_local std::vector<text::FontRun> runs;  // scratch space of this thread
    fonts_.split_runs(utf8, chain(ts), missing, runs);
    for (char32_t cp : missing) {
        if (seen_.emplace(std::pair{cp, ts.name}, true).second)
            missing_.push_back({cp, ts.name, std::string(utf8)});
    }
    // Runs split around uncovered characters: position each run from the text before it.
    std::size_t done = 0;
    double pen = x;
    for (const auto& run : runs) {
        if (run.begin > done) {
            // Characters left out (uncovered): they take no room but keep their spacing.
            const std::string_view skipped = utf8.substr(done, run.begin - done);
            pen += static_cast<double>(utf8::length(skipped)) * char_spacing;
        }
        // A compressed punctuation mark ends a glyph run: the next run starts half an em
        // earlier than the mark's glyph advance would put it.
        const std::vector<std::size_t> marks = fonts_.compressed_marks(run.font, run.text);  // mostly none
        std::size_t from = 0;
        for (std::size_t m = 0; m <= marks.size(); ++m) {
            const std::size_t to = m < marks.size() ? marks[m] : run.text.size();
            const std::string_view part = std::string_view(run.text).substr(from, to - from);
            layout::GlyphRun g;
            g.font = run.font;
            g.size = ts.size;
            g.x = pen;
            g.y = baseline;
            g.text = std::string(part);
            g.color = ts.color;
            // The advance of the part as it is set, its last mark compressed when one follows.
            g.width = fonts_.advance(run.font, std::string_view(run.text).substr(from), ts.size) -
                      (to < run.text.size() ? fonts_.advance(run.font, std::string_view(run.text).substr(to), ts.size) : 0);
            g.char_spacing = char_spacing;
            g.word_spacing = word_spacing;
            const auto chars = static_cast<double>(utf8::length(part));
            const auto spaces = static_cast<double>(std::count(part.begin(), part.end(), ' '));
            pen += g.width + chars * char_spacing + spaces * word_spacing;
            out.emplace_back(std::move(g));
            from = to;
        }
        done = run.end;
    }
}

void Setter::set_line(std::vector<Item>& out, const text::LayoutLine& line, const TextStyle& ts, double x,
                      double baseline) {
    for (const auto& piece : line.pieces)
        set_piece(out, piece.text, ts, x + piece.x, baseline, line.char_spacing, line.word_spacing);
}

double Setter::set_text(std::vector<Item>& out, std::string_view utf8, const TextStyle& ts, double x, double baseline,
                        HAlign align) {
    const double w = measure(utf8, ts);
    std::string buffer;
    utf8 = with_italics(utf8, buffer);
    double left = x;
    if (align == HAlign::center) left = x - w / 2;
    else if (align == HAlign::right) left = x - w;
    // Pieces between the Han–Latin gaps, each after the gap.
    std::size_t from = 0;
    const double gap = text::kHanLatinGapEm * ts.size;
    for (const std::size_t at : text::han_latin_gap_offsets(utf8)) {
        const std::string_view piece = utf8.substr(from, at - from);
        set_piece(out, piece, ts, left, baseline, 0, 0);
        left += fonts_.measure(piece, chain(ts), ts.size) + gap;
        from = at;
    }
    set_piece(out, utf8.substr(from), ts, left, baseline, 0, 0);
    return w;
}

int Setter::set_paragraph(std::vector<Item>& out, std::string_view utf8, const TextStyle& ts, double x,
                          double first_baseline, double width, text::Lang lang, text::Justify justify, HAlign align) {
    const auto lines = break_lines(utf8, ts, width, lang, justify);
    double y = first_baseline;
    for (const auto& line : lines) {
        double left = x;
        if (align == HAlign::center) left = x + (width - line.width) / 2;
        else if (align == HAlign::right) left = x + width - line.width;
        set_line(out, line, ts, left, y);
        y += ts.line_height();
    }
    return static_cast<int>(lines.size());
}

}  // namespace timeline::draw
