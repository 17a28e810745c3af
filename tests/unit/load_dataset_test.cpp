#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "check/checks.h"
#include "load/dataset.h"

using namespace timeline;

namespace {

struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const char* name) : path(std::filesystem::temp_directory_path() / name) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    void write(const char* name, const std::string& text) const { std::ofstream(path / name) << text; }
};

const char* kGlossary = R"({
  "units": [{"id": "yuan", "label": {"zh": "元", "en": "yuan"}, "kind": "currency"},
            {"id": "person", "label": {"zh": "人", "en": "people"}, "measure_word": "人", "kind": "count"}],
  "lanes": [{"id": "industry", "label": {"zh": "产业", "en": "Industry"}}],
  "metrics": [{"id": "headcount", "label": {"zh": "员工人数", "en": "Headcount"}, "unit": "person"}],
  "sources": [{"id": "lad", "publisher": {"zh": "解放军报", "en": "PLA Daily"}, "title": {"en": "Veteran"}, "published": "2008-01"}],
  "entities": [{"id": "sensetime", "name": {"zh": "商汤科技", "en": "SenseTime"}, "aliases": ["Shangtang Technology"], "kind": "organisation"}]
})";

}  // namespace

TEST_CASE("JSON and CSV files load into records with resolved dates", "[load]") {
    TempDir dir("timeline-load-test");
    dir.write("a.json", kGlossary);
    dir.write("b.json", R"({"events": [
      {"id": "idea", "date": {"relative_to": "source", "offset": "-P6Y", "precision": "year"}, "lane": "industry",
       "title": {"zh": "灵感", "en": "The idea"}, "source": "lad", "entities": ["sensetime"], "importance": 1}]})");
    dir.write("c.figures.csv",
              "\xEF\xBB\xBFid,metric,value,unit,qualifier,date,source,note_zh,note_en\n"
              "hc-1,headcount,500,person,over,2007-H1,lad,,\"500, or more\"\n"
              "hc-0,headcount,2..3,person,,../2006,lad,早期,\n");
    Diagnostics diags;
    const LoadedData data = load_dataset({dir.path.string()}, diags);
    check_dataset(data.dataset, diags);
    INFO((diags.empty() ? std::string() : format_text(diags.items()[0])));
    REQUIRE(diags.empty());
    const Dataset& ds = data.dataset;
    REQUIRE(ds.events.size() == 1);
    const Event& e = ds.events[0];
    CHECK(e.date.resolved);
    CHECK(e.date.when.derived);
    CHECK(e.date.when.iso() == "2002~");
    CHECK(e.importance == 1);
    CHECK(e.entities == std::vector<std::string>{"sensetime"});
    REQUIRE(ds.figures.size() == 2);
    CHECK(ds.figures[0].qualifier == Qualifier::over);
    CHECK(ds.figures[0].value.number == 500);
    CHECK(ds.figures[0].note.en == "500, or more");
    CHECK(ds.figures[0].date.when.iso() == "2007-H1");
    CHECK(ds.figures[1].value.kind == Value::Kind::range);
    CHECK(ds.figures[1].value.canonical() == "2..3");
    CHECK(ds.figures[1].note.zh == "早期");
    CHECK(ds.entities[0].aliases == std::vector<std::string>{"Shangtang Technology"});
    CHECK(data.sources.position(ds.figures[1].origin.file, ds.figures[1].origin.pointer + "/date").line == 3);
}

TEST_CASE("a record with schema errors is left out; the others load", "[load]") {
    TempDir dir("timeline-load-test-2");
    dir.write("a.json", kGlossary);
    dir.write("b.json", R"({"events": [
      {"id": "ok", "date": "2007", "lane": "industry", "title": {"en": "Fine"}, "source": "lad"},
      {"id": "bad", "date": "2007", "lane": "industry", "titel": {"en": "Misspelt"}, "source": "lad"}]})");
    Diagnostics diags;
    const LoadedData data = load_dataset({dir.path.string()}, diags);
    REQUIRE(data.dataset.events.size() == 1);
    CHECK(data.dataset.events[0].id == "ok");
    REQUIRE(diags.size() == 2);  // missing "title", unknown "titel"
    for (const auto& d : diags.items()) CHECK(d.record == "bad");
}
