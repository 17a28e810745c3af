#include "typeset/typeset.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>

#include "base/utf8.h"
#include "graphics/graphics.h"
#include "i18n/messages.h"
#include "typeset/flow.h"

namespace timeline::typeset {
namespace {

using draw::Box;
using draw::HAlign;
using draw::TextStyle;
using report::BiText;
using layout::Color;

// Palette: near-black text, a navy accent, greys for secondary text and rules; all of it
// reads in greyscale.
constexpr Color kInk{0.11, 0.11, 0.12};
constexpr Color kSecond{0.27, 0.28, 0.30};  // English under Chinese in bilingual mode
constexpr Color kMuted{0.42, 0.43, 0.45};
constexpr Color kAccent{0.13, 0.25, 0.40};
constexpr Color kRule{0.62, 0.64, 0.67};
constexpr Color kHairline{0.84, 0.85, 0.87};
constexpr Color kTint{0.945, 0.952, 0.962};
constexpr Color kMarking{0.62, 0.12, 0.12};

// Space, points.
constexpr double kSectionGap = 22;
constexpr double kParagraphGap = 8;
constexpr double kPairGap = 3;  // between a zh paragraph and its en counterpart
constexpr double kCellPadX = 4;
constexpr double kCellPadY = 3.5;

std::vector<Lang> langs_of(LangMode mode) {
    if (mode == LangMode::zh) return {Lang::zh};
    if (mode == LangMode::en) return {Lang::en};
    return {Lang::zh, Lang::en};
}

text::Lang text_lang(Lang l) { return l == Lang::zh ? text::Lang::zh : text::Lang::en; }

// The texts of a BiText to print in a mode, each with the language it is written in. A
// fallback (the other language standing in) is printed once, not twice.
struct Shown {
    std::string text;
    Lang lang;  // language of the text itself
    bool secondary = false;  // the second of two languages
};

std::vector<Shown> shown(const BiText& t, LangMode mode) {
    std::vector<Shown> out;
    if (mode == LangMode::zh) {
        if (!t.zh.empty()) out.push_back({t.zh, t.zh_fallback ? Lang::en : Lang::zh});
        return out;
    }
    if (mode == LangMode::en) {
        if (!t.en.empty()) out.push_back({t.en, t.en_fallback ? Lang::zh : Lang::en});
        return out;
    }
    const bool same = t.zh == t.en || t.zh_fallback || t.en_fallback;
    if (same) {
        if (!t.zh.empty() && !t.zh_fallback) out.push_back({t.zh, Lang::zh});
        else if (!t.en.empty()) out.push_back({t.en, t.en_fallback ? Lang::zh : Lang::en});
        return out;
    }
    if (!t.zh.empty()) out.push_back({t.zh, Lang::zh});
    if (!t.en.empty()) out.push_back({t.en, Lang::en, !out.empty()});
    return out;
}

std::string joined(const BiText& t, LangMode mode, const char* separator) {
    std::string out;
    for (const auto& s : shown(t, mode)) {
        if (!out.empty()) out += separator;
        out += s.text;
    }
    return out;
}

// Offset of the baseline from the top of a line box: half the leading, then the ascent of
// an ideographic em box (0.88 em keeps Han characters and Latin capitals optically centred).
double baseline_in(const TextStyle& ts) { return (ts.line_height() - ts.size) / 2 + 0.88 * ts.size; }

class Engine {
public:
    Engine(const report::Document& doc, draw::Setter& setter)
        : doc_(doc),
          s_(setter),
          body_(setter.text_style("body", kInk)),
          geometry_(page_geometry(doc.page, body_.size)),
          flow_(geometry_),
          langs_(langs_of(doc.mode)) {}

    layout::DisplayList run(const TypesetOptions& options) {
        bool first = true;
        for (const auto& section : doc_.sections) {
            if (section.type == SectionType::cover) {
                cover(first);
            } else {
                section_body(section, first);
            }
            first = false;
        }
        auto list = flow_.take();
        furniture(list);
        info(list, options);
        return list;
    }

private:
    double width() const { return geometry_.body_width(); }

    TextStyle style(const std::string& name, double size, Color color, double leading = 0) const {
        TextStyle ts = s_.text_style(name, color);
        ts.size = size;
        if (leading > 0) ts.leading = leading;
        return ts;
    }

    // Sets a paragraph into a box of `w`, returns the height used; lines `ts.line_height()`
    // apart starting at `top`.
    double text_block(std::vector<layout::Item>& out, const std::string& text, Lang lang, const TextStyle& ts, double x,
                      double top, double w, HAlign align = HAlign::left) {
        const int n = s_.set_paragraph(out, text, ts, x, top + baseline_in(ts), w, text_lang(lang),
                                       text::Justify::ragged, align);
        return n * ts.line_height();
    }

    // ---- cover -------------------------------------------------------------------------
    void cover(bool first_section) {
        (void)first_section;
        Box box;
        box.width = width();
        double y = 0;
        // Marking tag, top right.
        const std::string marking = joined(doc_.marking, doc_.mode, " · ");
        if (!marking.empty()) {
            const auto ts = style("label", 8.5, kMarking);
            const double w = s_.measure(marking, ts) + 12;
            box.items.push_back(layout::Rect{width() - w, 0, w, 16, std::nullopt, kMarking, 0.8});
            s_.set_text(box.items, marking, ts, width() - 6, 11.3, HAlign::right);
            y = 16 + 18;
        }
        for (const auto& t : shown(doc_.title, doc_.mode)) {
            const auto ts = t.secondary ? style("title", 15, kAccent, 1.3) : style("title", 22, kAccent, 1.25);
            y += text_block(box.items, t.text, t.lang, ts, 0, y, width());
            y += t.secondary ? 2 : 3;
        }
        y += 6;
        for (const auto& t : shown(doc_.subtitle, doc_.mode)) {
            const auto ts = style("body", 10.5, kSecond, 1.45);
            y += text_block(box.items, t.text, t.lang, ts, 0, y, width());
        }
        y += 8;
        box.items.push_back(layout::Line{0, y, width(), y, 1.6, kAccent, {}});
        y += 6;
        const std::string prepared = joined(doc_.prepared, doc_.mode, "  ·  ");
        if (!prepared.empty()) y += text_block(box.items, prepared, langs_.front(), style("label", 8.5, kMuted), 0, y, width());
        box.height = y;
        Unit u;
        u.box = std::move(box);
        u.bookmark = joined(doc_.title, doc_.mode, " / ");
        flow_.push(std::move(u));
    }

    // ---- headings ----------------------------------------------------------------------
    Unit heading(const BiText& title, int level) {
        Box box;
        box.width = width();
        const auto parts = shown(title, doc_.mode);
        const auto main = style("heading", level == 0 ? 14 : 11.5, kAccent, 1.3);
        const auto second = style("heading", level == 0 ? 10.5 : 9, kMuted, 1.3);
        double y = 0;
        if (!parts.empty()) {
            const double w0 = s_.measure(parts[0].text, main);
            const double base = baseline_in(main);
            if (parts.size() > 1 && w0 + 10 + s_.measure(parts[1].text, second) <= width()) {
                s_.set_text(box.items, parts[0].text, main, 0, base);
                s_.set_text(box.items, parts[1].text, second, w0 + 10, base);
                y = main.line_height();
            } else {
                y += text_block(box.items, parts[0].text, parts[0].lang, main, 0, 0, width());
                if (parts.size() > 1) y += text_block(box.items, parts[1].text, parts[1].lang, second, 0, y, width());
            }
        }
        if (level == 0) {
            y += 2;
            box.items.push_back(layout::Line{0, y, width(), y, 0.6, kRule, {}});
            y += 7;
        } else {
            y += 3;
        }
        box.height = y;
        Unit u;
        u.box = std::move(box);
        u.space_before = level == 0 ? kSectionGap : 10;
        u.tie = Tie::strong;
        if (level == 0) u.bookmark = joined(title, doc_.mode, " / ");
        return u;
    }

    // ---- paragraphs --------------------------------------------------------------------
    // The units of one paragraph: one per line, first two and last two lines tied.
    std::vector<Unit> paragraph_units(const std::string& text, Lang lang, const TextStyle& ts, double indent = 0,
                                      const std::string& hang = "", bool justify_zh = true) {
        std::vector<Unit> out;
        const double w = width() - indent;
        const auto justify = lang == Lang::zh && justify_zh ? text::Justify::justify : text::Justify::ragged;
        const auto lines = s_.break_lines(text, ts, w, text_lang(lang), justify);
        for (std::size_t k = 0; k < lines.size(); ++k) {
            Unit u;
            u.box.width = width();
            u.box.height = ts.line_height();
            if (k == 0 && !hang.empty()) s_.set_text(u.box.items, hang, ts, 0, baseline_in(ts));
            s_.set_line(u.box.items, lines[k], ts, indent, baseline_in(ts));
            const bool tie = k == 0 || k + 2 >= lines.size();
            u.tie = tie && k + 1 < lines.size() ? Tie::strong : Tie::none;
            out.push_back(std::move(u));
        }
        return out;
    }

    void paragraph(const BiText& text) {
        const auto parts = shown(text, doc_.mode);
        std::vector<Unit> units;
        for (std::size_t p = 0; p < parts.size(); ++p) {
            TextStyle ts = body_;
            if (parts[p].secondary) ts.color = kSecond;
            auto lines = paragraph_units(parts[p].text, parts[p].lang, ts);
            if (lines.empty()) continue;
            lines.front().space_before = p == 0 ? kParagraphGap : kPairGap;
            units.insert(units.end(), std::make_move_iterator(lines.begin()), std::make_move_iterator(lines.end()));
            if (p + 1 < parts.size()) units.back().tie = Tie::weak;
        }
        // A bilingual pair stays together when it is short enough not to leave a large hole.
        double h = 0;
        for (const auto& u : units) h += u.box.height + u.space_before;
        if (parts.size() > 1 && h <= 0.4 * geometry_.body_height()) {
            for (std::size_t k = 0; k + 1 < units.size(); ++k)
                if (units[k].tie == Tie::none) units[k].tie = Tie::weak;
        } else {
            for (auto& u : units)
                if (u.tie == Tie::weak) u.tie = Tie::none;
        }
        for (auto& u : units) flow_.push(std::move(u));
    }

    // ---- key figures -------------------------------------------------------------------
    void key_figures(const std::vector<report::KeyFigure>& figures) {
        constexpr int kColumns = 3;
        constexpr double kGap = 10;
        constexpr double kPad = 8;
        const double cw = (width() - kGap * (kColumns - 1)) / kColumns;
        const double inner = cw - 2 * kPad - 3;
        for (std::size_t row = 0; row < figures.size(); row += kColumns) {
            std::vector<std::vector<layout::Item>> cards;
            double height = 0;
            for (std::size_t c = row; c < std::min(figures.size(), row + kColumns); ++c) {
                const auto& f = figures[c];
                std::vector<layout::Item> items;
                double y = kPad;
                for (const auto& t : shown(f.value, doc_.mode)) {
                    const auto ts = t.secondary          ? style("heading", 9.5, kAccent, 1.3)
                                    : t.lang == Lang::en ? style("heading", 12.5, kAccent, 1.25)
                                                         : style("heading", 15, kAccent, 1.25);
                    y += text_block(items, t.text, t.lang, ts, kPad + 3, y, inner);
                }
                y += 3;
                for (const auto& t : shown(f.label, doc_.mode)) {
                    const auto ts = style("label", 8, t.secondary ? kSecond : kInk, 1.3);
                    y += text_block(items, t.text, t.lang, ts, kPad + 3, y, inner);
                }
                y += 3;
                std::string when = joined(f.when, doc_.mode, " / ");
                const std::string status = joined(f.status, doc_.mode, " / ");
                if (!status.empty()) when += (when.empty() ? "" : " · ") + status;
                if (f.citation > 0) when += (when.empty() ? "" : "  ") + ("[" + std::to_string(f.citation) + "]");
                if (!when.empty()) y += text_block(items, when, langs_.front(), style("label", 7.5, kMuted, 1.3), kPad + 3, y, inner);
                y += kPad;
                height = std::max(height, y);
                cards.push_back(std::move(items));
            }
            Unit u;
            u.box.width = width();
            u.box.height = height;
            for (std::size_t k = 0; k < cards.size(); ++k) {
                const double x = static_cast<double>(k) * (cw + kGap);
                u.box.items.push_back(layout::Rect{x, 0, cw, height, kTint, std::nullopt, 0});
                u.box.items.push_back(layout::Rect{x, 0, 2.5, height, kAccent, std::nullopt, 0});
                for (auto item : cards[k]) {
                    draw::translate(item, x, 0);
                    u.box.items.push_back(std::move(item));
                }
            }
            u.space_before = row == 0 ? 4 : kGap;
            flow_.push(std::move(u));
        }
    }

    // ---- tables ------------------------------------------------------------------------
    struct CellLines {
        std::vector<std::pair<text::LayoutLine, bool>> lines;  // line, secondary language
        std::vector<double> gaps_before;
        double height = 0;
    };

    static double longest_word(const draw::Setter& s, const std::string& text, const TextStyle& ts) {
        double best = 0;
        std::size_t i = 0;
        while (i < text.size()) {
            std::size_t j = text.find(' ', i);
            if (j == std::string::npos) j = text.size();
            const std::string_view word(text.data() + i, j - i);
            // Han text breaks between characters: its narrowest unit is about two of them.
            const bool wide = utf8::display_width(word) > utf8::length(word);
            best = std::max(best, wide ? 2.2 * ts.size : s.measure(word, ts));
            i = j + 1;
        }
        return best;
    }

    std::vector<double> column_widths(const report::Table& t, const TextStyle& head, const TextStyle& cell) const {
        const std::size_t n = t.header.size();
        std::vector<double> natural(n, 0), minimum(n, 0);
        auto consider = [&](std::size_t c, const BiText& text, const TextStyle& ts) {
            for (const auto& part : shown(text, doc_.mode)) {
                natural[c] = std::max(natural[c], s_.line_width(part.text, ts) + 2 * kCellPadX + 0.01);
                minimum[c] = std::max(minimum[c], longest_word(s_, part.text, ts) + 2 * kCellPadX);
            }
        };
        for (std::size_t c = 0; c < n; ++c) consider(c, t.header[c], head);
        for (const auto& row : t.rows)
            for (std::size_t c = 0; c < n && c < row.size(); ++c) consider(c, row[c], cell);
        const double w = width();
        std::vector<double> out(n);
        double sum_natural = 0;
        for (std::size_t c = 0; c < n; ++c) {
            minimum[c] = std::min(minimum[c], natural[c]);
            sum_natural += natural[c];
        }
        if (sum_natural <= w) {
            // Everything fits on one line. A table with little in it stays narrow (at least
            // half the text block); otherwise the text columns share the spare width.
            const double tw = sum_natural < 0.5 * w ? std::max(sum_natural, 0.5 * w) : w;
            double text_natural = 0;
            for (std::size_t c = 0; c < n; ++c)
                if (t.align[c] == report::Align::left) text_natural += natural[c];
            for (std::size_t c = 0; c < n; ++c) {
                out[c] = natural[c];
                if (t.align[c] == report::Align::left && text_natural > 0)
                    out[c] += (tw - sum_natural) * natural[c] / text_natural;
            }
            if (text_natural == 0) out.back() += tw - sum_natural;
            return out;
        }
        // Too wide: columns that want no more than an equal share of what is left get what
        // they want, narrowest first (short dates and numbers stay on one line); the others
        // share the rest in proportion to what they want, never below their longest word.
        std::vector<std::size_t> order(n);
        for (std::size_t c = 0; c < n; ++c) order[c] = c;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return natural[a] < natural[b]; });
        double left = w;
        std::size_t k = 0;
        for (; k < n; ++k) {
            const std::size_t c = order[k];
            if (natural[c] > left / static_cast<double>(n - k)) break;
            out[c] = natural[c];
            left -= natural[c];
        }
        double want = 0, floor_sum = 0;
        for (std::size_t j = k; j < n; ++j) {
            want += natural[order[j]];
            floor_sum += minimum[order[j]];
        }
        for (std::size_t j = k; j < n; ++j) {
            const std::size_t c = order[j];
            out[c] = want > 0 ? left * natural[c] / want : 0;
        }
        // Lift columns below their longest word, taking the room from the widest.
        for (std::size_t j = k; j < n && floor_sum <= left; ++j) {
            const std::size_t c = order[j];
            if (out[c] >= minimum[c]) continue;
            double need = minimum[c] - out[c];
            out[c] = minimum[c];
            for (std::size_t i = n; i-- > k && need > 0;) {
                const std::size_t d = order[i];
                if (d == c) continue;
                const double give = std::min(need, out[d] - minimum[d]);
                if (give > 0) {
                    out[d] -= give;
                    need -= give;
                }
            }
        }
        return out;
    }

    CellLines cell_lines(const BiText& text, double w, const TextStyle& ts) const {
        CellLines out;
        double gap = 0;
        for (const auto& part : shown(text, doc_.mode)) {
            const auto lines = s_.break_lines(part.text, ts, std::max(w, 1.0), text_lang(part.lang));
            bool first = true;
            for (const auto& l : lines) {
                out.lines.push_back({l, part.secondary});
                out.gaps_before.push_back(first ? gap : 0);
                out.height += ts.line_height() + (first ? gap : 0);
                first = false;
            }
            gap = 1.5;
        }
        return out;
    }

    Box table_row(const std::vector<BiText>& cells, const report::Table& t, const std::vector<double>& widths,
                  const TextStyle& ts, bool header) {
        Box box;
        box.width = width();
        std::vector<CellLines> laid;
        double h = 0;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            laid.push_back(cell_lines(c < cells.size() ? cells[c] : BiText{}, widths[c] - 2 * kCellPadX, ts));
            h = std::max(h, laid.back().height);
        }
        h += 2 * kCellPadY;
        double tw = 0;
        for (double cw : widths) tw += cw;
        if (header) box.items.push_back(layout::Rect{0, 0, tw, h, kTint, std::nullopt, 0});
        double x = 0;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            double y = kCellPadY;
            for (std::size_t k = 0; k < laid[c].lines.size(); ++k) {
                const auto& [line, secondary] = laid[c].lines[k];
                y += laid[c].gaps_before[k];
                TextStyle lts = ts;
                if (secondary) lts.color = header ? kMuted : kSecond;
                const double left = t.align[c] == report::Align::right ? x + widths[c] - kCellPadX - line.width
                                                                        : x + kCellPadX;
                s_.set_line(box.items, line, lts, left, y + baseline_in(lts));
                y += lts.line_height();
            }
            x += widths[c];
        }
        box.items.push_back(layout::Line{0, h, tw, h, header ? 0.8 : 0.4, header ? kRule : kHairline, {}});
        box.height = h;
        return box;
    }

    void table(const report::Table& t) {
        if (t.header.empty()) return;
        const auto cell = style("table", 8.5, kInk);
        const auto head = style("heading", 8, kInk, 1.35);
        const auto widths = column_widths(t, head, cell);
        auto header = std::make_shared<Box>(table_row(t.header, t, widths, head, true));
        Unit hu;
        hu.box = *header;
        hu.space_before = 6;
        hu.tie = Tie::strong;
        flow_.push(std::move(hu));
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            Unit u;
            u.box = table_row(t.rows[r], t, widths, cell, false);
            u.repeat_header = header;
            if (r + 1 == t.rows.size() && !t.source_line.empty()) u.tie = Tie::strong;
            flow_.push(std::move(u));
        }
        source_line(t.source_line);
    }

    void source_line(const BiText& line) {
        if (line.empty()) return;
        const auto ts = style("label", 7.5, kMuted, 1.35);
        const auto parts = shown(line, doc_.mode);
        Unit u;
        u.box.width = width();
        double y = 0;
        double one = 0;
        for (const auto& p : parts) one += s_.measure(p.text, ts) + 12;
        if (one <= width()) {
            // Both languages on one line, 12 pt apart.
            double x = 0;
            for (const auto& p : parts) x += s_.set_text(u.box.items, p.text, ts, x, baseline_in(ts)) + 12;
            y = ts.line_height();
        } else {
            for (const auto& p : parts) y += text_block(u.box.items, p.text, p.lang, ts, 0, y, width());
        }
        u.box.height = y;
        u.space_before = 4;
        flow_.push(std::move(u));
    }

    // ---- lists (sources, notes) --------------------------------------------------------
    void list(const report::List& l) {
        const auto ts = style("body", 9, kInk, 1.45);
        for (const auto& item : l.items) {
            const std::string mark = item.number > 0 ? "[" + std::to_string(item.number) + "]" : "•";
            const double indent = item.number > 0 ? 22 : 12;
            const auto parts = shown(item.text, doc_.mode);
            std::vector<Unit> units;
            for (std::size_t p = 0; p < parts.size(); ++p) {
                TextStyle pts = ts;
                if (parts[p].secondary) pts.color = kSecond;
                // Reference matter (titles, URLs, mostly Latin) is set ragged in both languages.
                auto lines = paragraph_units(parts[p].text, parts[p].lang, pts, indent, p == 0 ? mark : "", false);
                if (lines.empty()) continue;
                if (p > 0) lines.front().space_before = 1.5;
                units.insert(units.end(), std::make_move_iterator(lines.begin()), std::make_move_iterator(lines.end()));
            }
            if (units.empty()) continue;
            units.front().space_before = 4;
            // An item stays together (it is a few lines at most).
            for (std::size_t k = 0; k + 1 < units.size(); ++k) units[k].tie = Tie::strong;
            for (auto& u : units) flow_.push(std::move(u));
        }
    }

    // ---- graphics ----------------------------------------------------------------------
    // Where a graphic goes: the text block's width, the room left here, a page less `reserve`.
    graphics::Frame frame(double reserve) const {
        graphics::Frame f;
        f.width = width();
        f.mode = doc_.mode;
        f.page_height = geometry_.body_height() - reserve;
        f.first_height = flow_.room();
        return f;
    }

    void timeline(const report::TimelineData& data) {
        graphics::Frame frame = this->frame(40);
        auto boxes = graphics::timeline_boxes(data, frame, s_);
        if (!boxes.empty() && boxes.front().items.empty() && boxes.front().height <= 0 && !flow_.page_empty()) {
            flow_.new_page();
            frame.first_height = flow_.room();
            boxes = graphics::timeline_boxes(data, frame, s_);
        }
        bool first = true;
        for (auto& b : boxes) {
            if (b.items.empty() && b.height <= 0) continue;
            Unit u;
            u.box = std::move(b);
            u.space_before = first ? 6 : 0;
            first = false;
            flow_.push(std::move(u));
        }
        flow_.flush();
    }

    void chart(const report::ChartData& data) {
        const graphics::Frame frame = this->frame(60);
        Unit u;
        u.box = graphics::chart_box(data, frame, s_);
        u.space_before = 6;
        flow_.push(std::move(u));
        flow_.flush();
    }

    // ---- sections ----------------------------------------------------------------------
    void section_body(const report::Section& section, bool first_section) {
        if (!section.title.empty()) {
            Unit h = heading(section.title, 0);
            if (first_section) h.space_before = 0;
            flow_.push(std::move(h));
        }
        for (const auto& block : section.blocks) {
            std::visit(
                [&](const auto& b) {
                    using T = std::decay_t<decltype(b)>;
                    if constexpr (std::is_same_v<T, report::Paragraph>) paragraph(b.text);
                    else if constexpr (std::is_same_v<T, std::vector<report::KeyFigure>>) key_figures(b);
                    else if constexpr (std::is_same_v<T, report::Table>) table(b);
                    else if constexpr (std::is_same_v<T, report::TimelineData>) timeline(b);
                    else if constexpr (std::is_same_v<T, report::ChartData>) chart(b);
                    else list(b);
                },
                block);
        }
        flow_.flush();
    }

    // ---- running header, footer --------------------------------------------------------
    void furniture(layout::DisplayList& list) {
        const int pages = static_cast<int>(list.pages.size());
        const auto ts = style("label", 7.5, kMuted, 1.2);
        const double left = geometry_.left;
        const double right = geometry_.width - geometry_.right;
        for (int p = 0; p < pages; ++p) {
            auto& items = list.pages[p].items;
            if (p > 0) {
                const double base = geometry_.top - 22;
                const std::string marking = joined(doc_.marking, doc_.mode, " · ");
                const double mw = marking.empty() ? 0 : s_.measure(marking, ts);
                std::string title = joined(doc_.title, doc_.mode, "  ");
                if (s_.measure(title, ts) + mw + 24 > right - left) title = shown(doc_.title, doc_.mode).front().text;
                s_.set_text(items, title, ts, left, base);
                if (!marking.empty()) s_.set_text(items, marking, style("label", 7.5, kMarking, 1.2), right, base, HAlign::right);
                items.push_back(layout::Line{left, base + 5, right, base + 5, 0.4, kRule, {}});
            }
            std::string footer;
            for (const auto l : langs_) {
                if (!footer.empty()) footer += "   ";
                footer += i18n::page_of(p + 1, pages, l);
            }
            s_.set_text(items, footer, ts, geometry_.width / 2, geometry_.height - geometry_.bottom + 34, HAlign::center);
        }
    }

    void info(layout::DisplayList& list, const TypesetOptions& options) const {
        auto both = [](const BiText& t) {
            if (t.zh.empty() || t.zh == t.en) return t.en;
            if (t.en.empty()) return t.zh;
            return t.zh + " / " + t.en;
        };
        list.info.title = both(doc_.title);
        list.info.subject = both(doc_.subtitle);
        list.info.author = both(doc_.marking);
        std::string keywords;
        for (const auto& s : doc_.sections) {
            if (s.title.empty()) continue;
            if (!keywords.empty()) keywords += "; ";
            keywords += both(s.title);
        }
        list.info.keywords = keywords;
        list.info.creator = "timeline";
        list.info.creation_date = doc_.as_of;
        list.info.document_id = options.document_id;
    }

    const report::Document& doc_;
    draw::Setter& s_;
    TextStyle body_;
    PageGeometry geometry_;
    Flow flow_;
    std::vector<Lang> langs_;
};

}  // namespace

PageGeometry page_geometry(const std::string& page, double em) {
    PageGeometry g;
    std::string p;
    for (char c : page) p += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (p == "letter") {
        g.width = 612;
        g.height = 792;
    }
    // Side margins of about 21 mm, then the text block rounded down to whole ems.
    const double target = g.width - 2 * 60;
    const double block = em > 0 ? std::floor(target / em) * em : target;
    g.left = g.right = (g.width - block) / 2;
    return g;
}

layout::DisplayList typeset_document(const report::Document& doc, draw::Setter& setter, const TypesetOptions& options) {
    Engine engine(doc, setter);
    return engine.run(options);
}

}  // namespace timeline::typeset
