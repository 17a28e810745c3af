#include <cmath>
#include <cstdio>
#include <sstream>

#include "base/json_text.h"
#include "export/render.h"

namespace timeline::exporter {
namespace {

using namespace report;

// Keys are written in a fixed order; numbers in the shortest exact form. See
// docs/report-model.md for the shape.
class Json {
public:
    std::string run(const Document& doc) {
        out_ << "{\n  \"format\": \"timeline-report\",\n  \"version\": 1,\n";
        out_ << "  \"template\": " << json_quote(doc.template_id) << ",\n";
        out_ << "  \"lang\": " << json_quote(lang_mode_name(doc.mode)) << ",\n";
        out_ << "  \"page\": " << json_quote(page_size_name(doc.page)) << ",\n";
        out_ << "  \"as_of\": " << day(doc.as_of) << ",\n";
        out_ << "  \"title\": " << text(doc.title) << ",\n";
        out_ << "  \"subtitle\": " << text(doc.subtitle) << ",\n";
        out_ << "  \"marking\": " << text(doc.marking) << ",\n";
        out_ << "  \"prepared\": " << text(doc.prepared) << ",\n";
        out_ << "  \"sections\": [";
        for (std::size_t k = 0; k < doc.sections.size(); ++k) {
            out_ << (k ? "," : "") << "\n    ";
            section(doc.sections[k]);
        }
        out_ << "\n  ],\n  \"citations\": [";
        for (std::size_t k = 0; k < doc.citations.size(); ++k) {
            const Citation& c = doc.citations[k];
            out_ << (k ? "," : "") << "\n    {\"number\": " << c.number << ", \"source\": " << json_quote(c.source)
                 << ", \"text\": " << text(c.text) << "}";
        }
        out_ << "\n  ]\n}\n";
        return out_.str();
    }

private:
    std::ostringstream out_;

    static std::string text(const BiText& t) {
        std::string s = "{\"zh\": " + json_quote(t.zh) + ", \"en\": " + json_quote(t.en);
        if (t.zh_fallback) s += ", \"zh_fallback\": true";
        if (t.en_fallback) s += ", \"en_fallback\": true";
        return s + "}";
    }

    // An ISO day ("2019-05-24") as a JSON string; null for an open end.
    static std::string day(const std::optional<date::sys_days>& d) { return d ? json_quote(date::format("%F", *d)) : "null"; }

    static std::string number(double d) {
        if (!std::isfinite(d)) return "null";
        if (std::fabs(d) < 1e15 && d == std::floor(d)) return std::to_string(static_cast<long long>(d));
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", d);
        return buf;
    }

    static const char* b(bool v) { return v ? "true" : "false"; }

    void section(const Section& s) {
        out_ << "{\"type\": " << json_quote(section_type_name(s.type)) << ", \"id\": " << json_quote(s.id)
             << ", \"title\": " << text(s.title) << ", \"blocks\": [";
        for (std::size_t k = 0; k < s.blocks.size(); ++k) {
            out_ << (k ? "," : "") << "\n      ";
            std::visit([this](const auto& blk) { this->block(blk); }, s.blocks[k]);
        }
        out_ << (s.blocks.empty() ? "]}" : "\n    ]}");
    }

    void block(const Paragraph& p) { out_ << "{\"kind\": \"paragraph\", \"text\": " << text(p.text) << "}"; }

    void block(const std::vector<KeyFigure>& figures) {
        out_ << "{\"kind\": \"key-figures\", \"figures\": [";
        for (std::size_t k = 0; k < figures.size(); ++k) {
            const KeyFigure& f = figures[k];
            out_ << (k ? "," : "") << "\n        {\"figure\": " << json_quote(f.figure) << ", \"value\": " << text(f.value)
                 << ", \"label\": " << text(f.label) << ", \"when\": " << text(f.when) << ", \"status\": " << text(f.status)
                 << ", \"citation\": " << f.citation << "}";
        }
        out_ << "]}";
    }

    void block(const Table& t) {
        out_ << "{\"kind\": \"table\", \"header\": [";
        for (std::size_t k = 0; k < t.header.size(); ++k) out_ << (k ? ", " : "") << text(t.header[k]);
        out_ << "], \"align\": [";
        for (std::size_t k = 0; k < t.align.size(); ++k) out_ << (k ? ", " : "") << (t.align[k] == Align::right ? "\"right\"" : "\"left\"");
        out_ << "], \"rows\": [";
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            out_ << (r ? "," : "") << "\n        [";
            for (std::size_t c = 0; c < t.rows[r].size(); ++c) out_ << (c ? ", " : "") << text(t.rows[r][c]);
            out_ << "]";
        }
        out_ << "], \"source_line\": " << text(t.source_line) << "}";
    }

    void block(const TimelineData& t) {
        out_ << "{\"kind\": \"timeline\", \"lanes\": [";
        for (std::size_t k = 0; k < t.lanes.size(); ++k)
            out_ << (k ? ", " : "") << "{\"id\": " << json_quote(t.lanes[k].id) << ", \"label\": " << text(t.lanes[k].label) << "}";
        out_ << "], \"items\": [";
        for (std::size_t k = 0; k < t.items.size(); ++k) {
            const TimelineItem& i = t.items[k];
            out_ << (k ? "," : "") << "\n        {\"id\": " << json_quote(i.id) << ", \"lane\": " << json_quote(i.lane)
                 << ", \"first_day\": " << day(i.date.first_day()) << ", \"last_day\": " << day(i.date.last_day())
                 << ", \"precision\": " << json_quote(precision_name(i.date.precision()))
                 << ", \"interval\": " << b(i.date.interval) << ", \"approximate\": " << b(i.date.approximate())
                 << ", \"uncertain\": " << b(i.date.uncertain()) << ", \"derived\": " << b(i.date.derived)
                 << ", \"status\": " << json_quote(status_name(i.status))
                 << ", \"importance\": " << i.importance << ", \"when\": " << text(i.when) << ", \"label\": " << text(i.label)
                 << ", \"citation\": " << i.citation << "}";
        }
        out_ << "], \"eras\": [";
        for (std::size_t k = 0; k < t.eras.size(); ++k) {
            const TimelineEra& e = t.eras[k];
            out_ << (k ? "," : "") << "\n        {\"id\": " << json_quote(e.id) << ", \"first_day\": " << day(e.date.first_day())
                 << ", \"last_day\": " << day(e.date.last_day()) << ", \"label\": " << text(e.label) << ", \"when\": " << text(e.when)
                 << "}";
        }
        out_ << "], \"source_line\": " << text(t.source_line) << "}";
    }

    void block(const ChartData& c) {
        static const char* kinds[] = {"bar", "line", "slope"};
        out_ << "{\"kind\": \"chart\", \"chart\": \"" << kinds[static_cast<int>(c.kind)] << "\", \"unit\": " << text(c.unit)
             << ", \"series\": [";
        for (std::size_t s = 0; s < c.series.size(); ++s) {
            const ChartSeries& series = c.series[s];
            out_ << (s ? "," : "") << "\n        {\"metric\": " << json_quote(series.metric) << ", \"label\": " << text(series.label)
                 << ", \"points\": [";
            for (std::size_t k = 0; k < series.points.size(); ++k) {
                const ChartPoint& p = series.points[k];
                out_ << (k ? "," : "") << "\n          {\"figure\": " << json_quote(p.figure) << ", \"first_day\": "
                     << day(p.date.first_day()) << ", \"last_day\": " << day(p.date.last_day())
                     << ", \"precision\": " << json_quote(precision_name(p.date.precision()))
                     << ", \"value\": " << number(p.value) << ", \"low\": " << number(p.low) << ", \"high\": "
                     << (p.open_high ? "null" : number(p.high)) << ", \"label\": " << text(p.label)
                     << ", \"category\": " << text(p.category) << ", \"when\": " << text(p.when)
                     << ", \"status\": " << json_quote(status_name(p.status)) << ", \"citation\": " << p.citation << "}";
            }
            out_ << "]}";
        }
        out_ << "], \"source_line\": " << text(c.source_line) << "}";
    }

    void block(const List& l) {
        out_ << "{\"kind\": \"list\", \"items\": [";
        for (std::size_t k = 0; k < l.items.size(); ++k)
            out_ << (k ? "," : "") << "\n        {\"number\": " << l.items[k].number << ", \"text\": " << text(l.items[k].text) << "}";
        out_ << "]}";
    }
};

}  // namespace

std::string render_json(const Document& doc) { return Json().run(doc); }

}  // namespace timeline::exporter
