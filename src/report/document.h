// The report model: one document built from a template over the data (PRODUCT §2). Every
// renderer (Markdown, text, JSON, and later PDF) reads this model; none derives content.
// All text is already formatted per language; a renderer only chooses which language(s)
// to show and how to lay them out.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <date/date.h>

#include "model/template.h"
#include "model/when.h"

namespace timeline::report {

// Text in both languages, already formatted. When a language was missing in the data,
// the other language stands in and `fallback` names the language that is missing.
struct BiText {
    std::string zh;
    std::string en;
    bool zh_fallback = false;  // zh holds English text
    bool en_fallback = false;  // en holds Chinese text

    const std::string& in(Lang lang) const { return lang == Lang::zh ? zh : en; }
    bool fallback(Lang lang) const { return lang == Lang::zh ? zh_fallback : en_fallback; }
    bool empty() const { return zh.empty() && en.empty(); }
};

struct Paragraph {
    BiText text;
};

struct KeyFigure {
    std::string figure;  // figure id
    BiText value;        // "over 60 billion yuan" / "超过600亿元"
    BiText label;        // the metric
    BiText when;         // "2018" / "2018年"
    BiText status;       // "" for actual figures
    int citation = 0;    // number in the document's citation list
};

enum class Align { left, right };

struct Table {
    std::vector<BiText> header;
    std::vector<Align> align;
    std::vector<std::vector<BiText>> rows;
    BiText source_line;  // "Sources: [1], [2]" / "来源：[1]、[2]"
};

struct TimelineLane {
    std::string id;
    BiText label;
};

struct TimelineItem {
    std::string id;  // event id
    std::string lane;
    When date;       // the span, precision, qualifiers, open ends and whether it was derived
    Status status = Status::actual;
    int importance = 2;
    BiText when;   // formatted date
    BiText label;  // event title
    int citation = 0;
};

struct TimelineEra {
    std::string id;
    When date;
    BiText label;
    BiText when;
};

struct TimelineData {
    std::vector<TimelineLane> lanes;
    std::vector<TimelineItem> items;  // in date order
    std::vector<TimelineEra> eras;
    BiText source_line;
};

struct ChartPoint {
    std::string figure;
    When date;
    double value = 0;           // for drawing: the stated number (a range's midpoint)
    double low = 0;             // bounds the value is known within (may equal value)
    double high = 0;            // +inf is written as a very large number: see `open_high`
    bool open_high = false;     // "over 500": no upper bound
    BiText label;               // value label with qualifier: "over 500" / "500余人"
    BiText category;            // bar charts: what the bar is ("Financing, 2018")
    BiText when;
    Status status = Status::actual;
    int citation = 0;
};

struct ChartSeries {
    std::string metric;
    BiText label;
    std::vector<ChartPoint> points;
};

struct ChartData {
    ChartKind kind = ChartKind::bar;
    std::vector<ChartSeries> series;
    BiText unit;  // axis unit, localized: "yuan" / "元"
    BiText source_line;
};

struct ListItem {
    BiText text;
    int number = 0;  // citations: the citation number; notes: 0
};

struct List {
    std::vector<ListItem> items;
};

using Block = std::variant<Paragraph, std::vector<KeyFigure>, Table, TimelineData, ChartData, List>;

struct Section {
    SectionType type = SectionType::cover;
    std::string id;
    BiText title;
    std::vector<Block> blocks;
};

struct Citation {
    int number = 0;
    std::string source;  // source id
    BiText text;         // "Yicai (China Business Network, CBN), "…", July 2019?, https://…"
};

struct Document {
    std::string template_id;
    LangMode mode = LangMode::bi;
    PageSize page = PageSize::a4;
    date::sys_days as_of{};
    BiText title;
    BiText subtitle;
    BiText marking;
    BiText prepared;  // "Prepared 23 November 2026" / "编制日期：2026年11月23日"
    std::vector<Section> sections;
    std::vector<Citation> citations;
};

}  // namespace timeline::report
