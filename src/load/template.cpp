#include "load/template.h"

#include "base/files.h"
#include "base/json_text.h"
#include "base/md5.h"
#include "load/json_fields.h"
#include "builtin/schemas.h"

namespace timeline {
namespace {

using json_fields::str;
using json_fields::strings;
using json_fields::text;

SectionType section_type(const std::string& s) {
    for (int k = 0; k <= static_cast<int>(SectionType::data_notes); ++k)
        if (s == section_type_name(static_cast<SectionType>(k))) return static_cast<SectionType>(k);
    return SectionType::cover;
}

}  // namespace

std::optional<LoadedTemplate> load_template(const std::string& file, Diagnostics& diags) {
    const auto content = read_file(file, diags);
    if (!content) return std::nullopt;
    const std::size_t before = diags.count(Severity::error);
    auto doc = json::parse(*content, file, diags);
    if (!doc || diags.count(Severity::error) != before) return std::nullopt;
    if (check_document("template.schema.json", *doc, file, diags) > 0) return std::nullopt;

    const json::Value o = doc->value();
    ReportTemplate t;
    t.file = file;
    t.id = str(o, "id");
    t.title = text(o, "title");
    t.subtitle = text(o, "subtitle");
    const std::string lang = str(o, "lang");
    t.lang = lang == "zh" ? LangMode::zh : lang == "en" ? LangMode::en : LangMode::bi;
    if (o.has("page")) t.page = str(o, "page") == "Letter" ? PageSize::letter : PageSize::a4;  // the schema allows these two
    t.marking = text(o, "marking");
    const json::Value sections = o.find("sections");
    for (std::size_t k = 0; k < sections.size(); ++k) {
        const json::Value s = sections.item(k);
        SectionSpec spec;
        spec.type = section_type(str(s, "type"));
        spec.id = str(s, "id");
        spec.title = text(s, "title");
        spec.text = text(s, "text");
        spec.figures = strings(s, "figures");
        spec.metrics = strings(s, "metrics");
        spec.lanes = strings(s, "lanes");
        const std::string chart = str(s, "chart");
        spec.chart = chart == "line" ? ChartKind::line : chart == "slope" ? ChartKind::slope : ChartKind::bar;
        spec.table = str(s, "table") == "figures" ? TableKind::figures : TableKind::events;
        spec.lane_counts = s.find("lane_counts").boolean();
        if (const json::Value v = s.find("max_pages"); v.is_null()) spec.max_pages = std::nullopt;
        else if (v.is_number()) spec.max_pages = static_cast<int>(v.number());  // schema: an integer of 1 to 1000
        spec.origin = {file, pointer_append("/sections", k), {}};
        t.sections.push_back(std::move(spec));
    }
    Md5 md5;
    md5.update(*content);
    return LoadedTemplate{std::move(t), std::move(*doc), md5.hex()};
}

}  // namespace timeline
