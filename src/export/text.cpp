#include <algorithm>
#include <sstream>

#include "base/utf8.h"
#include "export/render.h"
#include "i18n/messages.h"

namespace timeline::exporter {
namespace {

using namespace report;

BiText fixed(i18n::Msg id) { return {std::string(i18n::message(id, Lang::zh)), std::string(i18n::message(id, Lang::en))}; }

std::string pad(const std::string& s, std::size_t width, Align align) {
    const std::size_t w = utf8::display_width(s);
    const std::string fill(width > w ? width - w : 0, ' ');
    return align == Align::right ? fill + s : s + fill;
}

class PlainText {
public:
    explicit PlainText(const Document& doc) : doc_(doc), mode_(doc.mode) {}

    std::string run() {
        for (const auto& line : lines(doc_.title, mode_)) out_ << line << '\n';
        rule('=', doc_.title);
        for (const auto& line : lines(doc_.subtitle, mode_)) out_ << line << '\n';
        for (const auto& line : lines(doc_.marking, mode_)) out_ << line << '\n';
        for (const auto& line : lines(doc_.prepared, mode_)) out_ << line << '\n';
        out_ << '\n';
        for (const auto& s : doc_.sections) section(s);
        std::string text = out_.str();
        while (text.size() >= 2 && text[text.size() - 1] == '\n' && text[text.size() - 2] == '\n') text.pop_back();
        return text;
    }

private:
    const Document& doc_;
    LangMode mode_;
    std::ostringstream out_;

    void rule(char c, const BiText& over) {
        std::size_t width = 0;
        for (const auto& line : lines(over, mode_)) width = std::max(width, utf8::display_width(line));
        out_ << std::string(width, c) << '\n';
    }

    void section(const Section& s) {
        if (s.type == SectionType::cover) return;
        if (!s.title.empty()) {
            for (const auto& line : lines(s.title, mode_)) out_ << line << '\n';
            rule('-', s.title);
            out_ << '\n';
        }
        for (const auto& block : s.blocks) std::visit([this](const auto& b) { this->block(b); }, block);
    }

    void block(const Paragraph& p) {
        for (const auto& line : lines(p.text, mode_)) out_ << line << "\n\n";
    }

    void block(const std::vector<KeyFigure>& figures) { block(key_figures_table(figures)); }

    // A table of cells that may take one line per language; columns sized by display width.
    void block(const Table& t) {
        const std::size_t columns = t.header.size();
        std::vector<std::vector<std::vector<std::string>>> grid;  // row -> column -> lines
        auto add = [&](const std::vector<BiText>& cells) {
            std::vector<std::vector<std::string>> row;
            for (std::size_t c = 0; c < columns; ++c) row.push_back(c < cells.size() ? lines(cells[c], mode_) : std::vector<std::string>{});
            grid.push_back(std::move(row));
        };
        add(t.header);
        for (const auto& r : t.rows) add(r);
        std::vector<std::size_t> width(columns, 0);
        for (const auto& row : grid)
            for (std::size_t c = 0; c < columns; ++c)
                for (const auto& line : row[c]) width[c] = std::max(width[c], utf8::display_width(line));
        for (std::size_t r = 0; r < grid.size(); ++r) {
            std::size_t height = 1;
            for (const auto& cell : grid[r]) height = std::max(height, cell.size());
            for (std::size_t k = 0; k < height; ++k) {
                std::string line;
                for (std::size_t c = 0; c < columns; ++c) {
                    const Align align = r > 0 && c < t.align.size() ? t.align[c] : Align::left;
                    line += pad(k < grid[r][c].size() ? grid[r][c][k] : std::string(), width[c], align);
                    if (c + 1 < columns) line += "  ";
                }
                while (!line.empty() && line.back() == ' ') line.pop_back();
                out_ << line << '\n';
            }
            if (r == 0) {
                std::string line;
                for (std::size_t c = 0; c < columns; ++c) line += std::string(width[c], '-') + (c + 1 < columns ? "  " : "");
                out_ << line << '\n';
            }
        }
        if (!t.source_line.empty())
            for (const auto& line : lines(t.source_line, mode_)) out_ << line << '\n';
        out_ << '\n';
    }

    void block(const TimelineData& t) {
        Table table;
        table.header = {fixed(i18n::Msg::header_date), fixed(i18n::Msg::header_lane), fixed(i18n::Msg::header_event), fixed(i18n::Msg::header_source)};
        table.align = {Align::left, Align::left, Align::left, Align::right};
        for (const auto& item : t.items) {
            BiText lane{item.lane, item.lane};
            for (const auto& l : t.lanes)
                if (l.id == item.lane) lane = l.label;
            const std::string c = item.citation ? i18n::citation_mark(item.citation) : "";
            table.rows.push_back({item.when, lane, item.label, {c, c}});
        }
        table.source_line = t.source_line;
        block(table);
    }

    void block(const ChartData& chart) {
        Table t;
        t.header = {fixed(i18n::Msg::header_figure), fixed(i18n::Msg::header_date), fixed(i18n::Msg::header_value)};
        t.align = {Align::left, Align::left, Align::right};
        for (const auto& series : chart.series)
            for (const auto& p : series.points) t.rows.push_back({series.label.empty() ? p.category : series.label, p.when, p.label});
        t.source_line = chart.source_line;
        block(t);
    }

    void block(const List& l) {
        for (const auto& item : l.items) {
            const auto ls = lines(item.text, mode_);
            const std::string mark = item.number ? i18n::citation_mark(item.number) + " " : "- ";
            for (std::size_t k = 0; k < ls.size(); ++k)
                out_ << (k == 0 ? mark : std::string(utf8::display_width(mark), ' ')) << ls[k] << '\n';
        }
        out_ << '\n';
    }
};

}  // namespace

std::string render_text(const Document& doc) { return PlainText(doc).run() + "\n"; }

std::string render_text_table(const Table& t, LangMode mode) {
    Document doc;
    doc.mode = mode;
    Section s;
    s.type = SectionType::statistics;
    s.blocks.emplace_back(t);
    doc.sections.push_back(std::move(s));
    const std::string text = PlainText(doc).run();
    return text.substr(text.find_first_not_of('\n'));
}

}  // namespace timeline::exporter
