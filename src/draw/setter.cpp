#include "draw/setter.h"

#include <algorithm>

#include "base/utf8.h"

namespace timeline::draw {

double Setter::measure(std::string_view utf8, const TextStyle& ts) const {
    return fonts_.measure(utf8, chain(ts), ts.size);
}

double Setter::line_width(std::string_view utf8, const TextStyle& ts) const {
    return measure(utf8, ts) + text::han_latin_gaps(utf8) * text::LineOptions{}.han_latin_gap_em * ts.size;
}

std::vector<text::LayoutLine> Setter::break_lines(std::string_view utf8, const TextStyle& ts, double width,
                                                  text::Lang lang, text::Justify justify) const {
    text::ChainMeasure m(fonts_, chain(ts), ts.size);
    text::LineOptions opt;
    opt.width = width + 1e-6;  // a line of whole ems fills a block of whole ems despite rounding
    opt.lang = lang;
    opt.justify = justify;
    opt.em = ts.size;
    return text::break_paragraph(utf8, m, opt);
}

void Setter::set_piece(std::vector<Item>& out, std::string_view utf8, const TextStyle& ts, double x, double baseline,
                       double char_spacing, double word_spacing) {
    std::vector<char32_t> missing;
    const auto runs = fonts_.split_runs(utf8, chain(ts), missing);
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
        layout::GlyphRun g;
        g.font = run.font;
        g.size = ts.size;
        g.x = pen;
        g.y = baseline;
        g.text = run.text;
        g.color = ts.color;
        g.width = fonts_.advance(run.font, run.text, ts.size);
        g.char_spacing = char_spacing;
        g.word_spacing = word_spacing;
        const auto chars = static_cast<double>(utf8::length(run.text));
        const auto spaces = static_cast<double>(std::count(run.text.begin(), run.text.end(), ' '));
        pen += g.width + chars * char_spacing + spaces * word_spacing;
        done = run.end;
        out.emplace_back(std::move(g));
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
    double left = x;
    if (align == HAlign::center) left = x - w / 2;
    else if (align == HAlign::right) left = x - w;
    set_piece(out, utf8, ts, left, baseline, 0, 0);
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
