#include <sstream>

#include "export/render.h"
#include "i18n/messages.h"

namespace timeline::exporter {
namespace {

using namespace report;

// Text inside a table cell: pipes escaped, line breaks as <br>.
std::string cell_text(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += "<br>";
        else out += c;
    }
    return out;
}

std::string joined(const BiText& t, LangMode mode, const char* separator) {
    std::string out;
    for (const auto& line : lines(t, mode)) out += (out.empty() ? "" : separator) + line;
    return out;
}

class Markdown {
public:
    explicit Markdown(const Document& doc) : doc_(doc), mode_(doc.mode) {}

    std::string run() {
        title();
        for (const auto& s : doc_.sections) section(s);
        return out_.str();
    }

private:
    const Document& doc_;
    LangMode mode_;
    std::ostringstream out_;

    std::string both(const BiText& t) const { return joined(t, mode_, " / "); }

    void title() {
        const auto t = lines(doc_.title, mode_);
        for (std::size_t k = 0; k < t.size(); ++k) out_ << (k == 0 ? "# " : "**") << t[k] << (k == 0 ? "" : "**") << "\n\n";
        for (const auto& line : lines(doc_.subtitle, mode_)) out_ << line << "  \n";
        out_ << both(doc_.marking) << " · " << both(doc_.prepared) << "\n\n";
    }

    void section(const Section& s) {
        if (s.type == SectionType::cover) return;  // the title block is the cover
        if (!s.title.empty()) out_ << "## " << both(s.title) << "\n\n";
        for (const auto& block : s.blocks) std::visit([this](const auto& b) { this->block(b); }, block);
    }

    void block(const Paragraph& p) {
        for (const auto& line : lines(p.text, mode_)) out_ << line << "\n\n";
    }

    void block(const std::vector<KeyFigure>& figures) { block(key_figures_table(figures)); }

    static BiText fixed(i18n::Msg id) {
        return {std::string(i18n::message(id, Lang::zh)), std::string(i18n::message(id, Lang::en))};
    }

    void block(const Table& t) {
        out_ << "|";
        for (const auto& h : t.header) out_ << " " << cell_text(joined(h, mode_, "<br>")) << " |";
        out_ << "\n|";
        for (std::size_t c = 0; c < t.header.size(); ++c)
            out_ << (c < t.align.size() && t.align[c] == Align::right ? " ---: |" : " --- |");
        out_ << "\n";
        for (const auto& row : t.rows) {
            out_ << "|";
            for (const auto& cell : row) out_ << " " << cell_text(joined(cell, mode_, "<br>")) << " |";
            out_ << "\n";
        }
        out_ << "\n";
        if (!t.source_line.empty()) out_ << "*" << both(t.source_line) << "*\n\n";
    }

    void block(const TimelineData& t) {
        // Markdown has no drawing: the timeline is a dated list by lane.
        for (const auto& lane : t.lanes) {
            bool any = false;
            for (const auto& item : t.items) {
                if (item.lane != lane.id) continue;
                if (!any) out_ << "**" << both(lane.label) << "**\n\n";
                any = true;
                out_ << "- " << both(item.when) << " — " << both(item.label);
                if (item.citation) out_ << " [" << item.citation << "]";
                out_ << "\n";
            }
            if (any) out_ << "\n";
        }
        for (const auto& era : t.eras) out_ << "- " << both(era.when) << " — " << both(era.label) << "\n";
        if (!t.eras.empty()) out_ << "\n";
        if (!t.source_line.empty()) out_ << "*" << both(t.source_line) << "*\n\n";
    }

    void block(const ChartData& c) {
        // The chart's data as a table; the drawn chart is the PDF's.
        Table t;
        t.header = {fixed(i18n::Msg::header_figure), fixed(i18n::Msg::header_date), fixed(i18n::Msg::header_value)};
        t.align = {Align::left, Align::left, Align::right};
        for (const auto& series : c.series)
            for (const auto& p : series.points) {
                BiText what = series.label.empty() ? p.category : series.label;
                t.rows.push_back({what, p.when, p.label});
            }
        t.source_line = c.source_line;
        block(t);
    }

    void block(const List& l) {
        for (const auto& item : l.items) {
            const auto ls = lines(item.text, mode_);
            for (std::size_t k = 0; k < ls.size(); ++k) {
                if (k == 0) out_ << (item.number ? std::to_string(item.number) + ". " : "- ");
                else out_ << (item.number ? "   " : "  ");
                out_ << ls[k] << (k + 1 < ls.size() ? "  \n" : "\n");
            }
        }
        out_ << "\n";
    }
};

}  // namespace

std::string render_markdown(const Document& doc) { return Markdown(doc).run(); }

}  // namespace timeline::exporter
