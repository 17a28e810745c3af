// A report template (PRODUCT §2, docs/report-templates.md): what a brief shows, in which
// order. Read from report-templates/*.json by load/template.h.
#pragma once

#include <string>
#include <vector>

#include "model/records.h"

namespace timeline {

enum class LangMode { bi, zh, en };
const char* lang_mode_name(LangMode m);

enum class SectionType { cover, key_figures, narrative, timeline, chart, table, statistics, sources, data_notes };
const char* section_type_name(SectionType t);  // as written in templates: "key-figures" …

enum class ChartKind { bar, line, slope };
enum class PageSize { a4, letter };
const char* page_size_name(PageSize p);  // "A4", "Letter"
enum class TableKind { events, figures };

struct SectionSpec {
    SectionType type = SectionType::cover;
    std::string id;                    // may be empty
    Text title;                        // may be empty: the catalogue's title for the type
    Text text;                         // narrative: text with {{placeholders}}
    std::vector<std::string> figures;  // key-figures, chart
    std::vector<std::string> metrics;  // chart, statistics
    std::vector<std::string> lanes;    // timeline, table (events): empty means all
    ChartKind chart = ChartKind::bar;
    TableKind table = TableKind::events;
    Origin origin;                     // of the section object; text positions: origin.pointer + "/text/zh"
};

struct ReportTemplate {
    std::string id;
    Text title;
    Text subtitle;
    LangMode lang = LangMode::bi;
    PageSize page = PageSize::a4;
    Text marking;
    std::vector<SectionSpec> sections;
    std::string file;
};

}  // namespace timeline
