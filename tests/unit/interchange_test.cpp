// Unit tests of the TimelineJS interchange (src/interchange): HTML to text, languages, ids,
// the mapping of slides, and export -> import round trips of every date form.
#include <catch2/catch.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "check/checks.h"
#include "interchange/html.h"
#include "interchange/ids.h"
#include "interchange/language.h"
#include "interchange/timelinejs.h"
#include "json/parse.h"
#include "pocojson/values.h"
#include "load/dataset.h"

using namespace timeline;
using namespace timeline::interchange;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

// Imports `text` as `file`; the data set file's JSON (nullptr when nothing came out).
Object::Ptr import(const std::string& text, Diagnostics& diags, const std::string& file = "t.json",
                   const ImportOptions& options = {}) {
    const auto result = import_timelinejs(text, file, options, diags);
    if (!result) return nullptr;
    Diagnostics parse;
    const auto doc = json::parse(result->json, "out.json", parse);
    REQUIRE(doc);
    return json::to_var(doc->value()).extract<Object::Ptr>();
}

Object::Ptr event(const Object::Ptr& ds, unsigned k) { return ds->getArray("events")->getObject(k); }

std::string text_of(const Object::Ptr& o, const std::string& key, const std::string& lang) {
    if (!o->has(key)) return {};
    const Object::Ptr t = o->getObject(key);
    return t->has(lang) ? t->getValue<std::string>(lang) : std::string();
}

bool has_code(const Diagnostics& diags, const std::string& code) {
    for (const auto& d : diags.items())
        if (d.code == code) return true;
    return false;
}

const Diagnostic* find_code(const Diagnostics& diags, const std::string& code) {
    for (const auto& d : diags.items())
        if (d.code == code) return &d;
    return nullptr;
}

// A data set loaded from text as `timeline validate` loads it, checks included.
LoadedData load(const std::string& name, const std::string& text, Diagnostics& diags) {
    LoadedData loaded = load_files({}, diags, nullptr, {{name, text}});
    check_dataset(loaded.dataset, diags);
    return loaded;
}

}  // namespace

TEST_CASE("HTML becomes text: tags removed, references decoded, blocks on lines", "[interchange]") {
    CHECK(strip_html("&amp; &lt; &gt; &quot; &#39; &#x4E2D; &mdash; &eacute;&nbsp;x &bogus; & alone &#0;").unmarked ==
          "& < > \" ' 中 — é x &bogus; & alone &#0;");
    CHECK(strip_html("<p>a</p><p>b<br>c</p>").unmarked == "a\nb\nc");
    CHECK(strip_html("a < b and <b>bold</b>").unmarked == "a < b and bold");
    CHECK(strip_html("<p class=\"x").unmarked == "<p class=\"x");  // never closed: text
    CHECK(strip_html("<script>var x = '<p>';</script>kept<!-- gone --><style>p{}</style>").unmarked == "kept");
    CHECK(strip_html("<ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table>").unmarked ==
          "one\ntwo\na b");
    // Without markup, line breaks are the author's.
    CHECK(strip_html("line 1\r\nline  2 \n\n  3").unmarked == "line 1\nline 2\n3");
    // In HTML, source line breaks are spaces.
    CHECK(strip_html("<p>one\ntwo</p>").unmarked == "one two");
}

TEST_CASE("HTML lang attributes keep the two languages apart; links and media are counted", "[interchange]") {
    const PlainText both = strip_html("<span lang=\"zh-Hans\">中文</span> / <span lang=\"en\">English</span>");
    CHECK(both.zh == "中文");
    CHECK(both.en == "English");
    CHECK(both.unmarked == "/");
    const PlainText p = strip_html("<p lang=zh>一</p><p lang='EN-gb'>two <i>three</i></p><div lang=\"fr\">quatre</div>");
    CHECK(p.zh == "一");
    CHECK(p.en == "two three");
    CHECK(p.unmarked == "quatre");
    const PlainText l = strip_html("<a href=\"x\">link</a> <a name=\"n\">anchor</a> <img src=x> <iframe src=y></iframe>");
    CHECK(l.unmarked == "link anchor");
    CHECK(l.links == 1);
    CHECK(l.media == 2);
    CHECK(escape_html("a < b & c > d") == "a &lt; b &amp; c &gt; d");
}

TEST_CASE("Language of a string: Han characters make it Chinese unless Latin letters outnumber them 4:1",
          "[interchange]") {
    CHECK(detect_language("商汤科技成立") == Lang::zh);
    CHECK(detect_language("商汤科技(SenseTime)成立") == Lang::zh);
    CHECK(detect_language("SenseTime (商汤科技) was founded in Hong Kong by Tang Xiao'ou") == Lang::en);
    CHECK(detect_language("1984") == Lang::en);
    CHECK_FALSE(has_letters(" / — 1984"));
}

TEST_CASE("Bilingual strings split at a separator or by lines", "[interchange]") {
    auto split = [](const char* s) { return split_bilingual(s); };
    REQUIRE(split("产业 / Industry"));
    CHECK(split("产业 / Industry")->zh == "产业");
    CHECK(split("Industry | 产业")->en == "Industry");
    CHECK(split("科研／Research")->zh == "科研");
    CHECK_FALSE(split("发布 GPT-4"));       // no separator
    CHECK_FALSE(split("Q1 / Q2"));          // both English
    CHECK_FALSE(split("甲 / 乙 / Alpha"));  // more than one separator
    const auto lines = split("第一段\nFirst\n1984\n第二段\nSecond");
    REQUIRE(lines);
    CHECK(lines->zh == "第一段\n第二段");
    CHECK(lines->en == "First\n1984\nSecond");
    CHECK(to_text("产业 / Industry", LangChoice::zh).zh == "产业 / Industry");
    CHECK(to_text("产业 / Industry", LangChoice::en).en == "产业 / Industry");
    CHECK(to_text("Industry", LangChoice::detect).en == "Industry");
}

TEST_CASE("Ids: slugs of the id pattern, unique", "[interchange]") {
    CHECK(slugify("Ada Lovelace's Notes (1843)") == "ada-lovelaces-notes-1843");
    CHECK(slugify("Rózsa Péter writes recursion") == "rozsa-peter-writes-recursion");
    CHECK(slugify("Łódź — Straße") == "lodz-strasse");
    CHECK(slugify("商汤科技") == "");
    CHECK(slugify("one two three four five", 12) == "one-two");
    CHECK(valid_id("waic-2018"));
    CHECK_FALSE(valid_id("WAIC 2018"));
    CHECK_FALSE(valid_id("a--b"));
    IdAllocator ids({"event"});
    CHECK(ids.allocate("event") == "event-2");
    CHECK(ids.allocate("event") == "event-3");
    CHECK(ids.allocate("lane") == "lane");
}

TEST_CASE("Precision comes from the date fields given; years have four digits", "[interchange]") {
    Diagnostics diags;
    const auto ds = import(R"({"events": [
        {"start_date": {"year": 2019}, "text": {"headline": "Year"}},
        {"start_date": {"year": "2019", "month": "5"}, "text": {"headline": "Month"}},
        {"start_date": {"year": 2019, "month": 5, "day": 4}, "text": {"headline": "Day"}},
        {"start_date": {"year": "476"}, "text": {"headline": "Rome"}},
        {"start_date": {"year": 2019, "month": 5}, "end_date": {"year": "", "month": ""}, "text": {"headline": "No end"}},
        {"start_date": {"year": 2019, "month": 5}, "end_date": {"year": 2019, "month": 5}, "text": {"headline": "Same end"}},
        {"start_date": {"year": 2019, "month": 5}, "end_date": {"year": 2021}, "text": {"headline": "Interval"}}
      ]})",
                           diags);
    REQUIRE(ds);
    const char* dates[] = {"2019", "2019-05", "2019-05-04", "0476", "2019-05", "2019-05", "2019-05/2021"};
    for (unsigned k = 0; k < 7; ++k) CHECK(event(ds, k)->getValue<std::string>("date") == dates[k]);
    CHECK_FALSE(diags.has_errors());
}

TEST_CASE("A display date that says what a brief would print becomes that date", "[interchange]") {
    Diagnostics diags;
    const auto ds = import(R"({"events": [
        {"start_date": {"year": 2019, "month": 7}, "end_date": {"year": 2019, "month": 9}, "display_date": "Q3 2019", "text": {"headline": "Quarter"}},
        {"start_date": {"year": 2013}, "display_date": "约2013年", "text": {"headline": "About"}},
        {"start_date": {"year": 1980}, "end_date": {"year": 1989}, "display_date": "20世纪80年代 / the 1980s", "text": {"headline": "Decade"}},
        {"start_date": {"year": 2019, "month": 5}, "display_date": "from May 2019", "text": {"headline": "Open"}},
        {"start_date": {"year": 1968}, "display_date": "Spring 1968", "text": {"headline": "Kept in the note"}}
      ]})",
                           diags);
    REQUIRE(ds);
    CHECK(event(ds, 0)->getValue<std::string>("date") == "2019-Q3");
    CHECK(event(ds, 1)->getValue<std::string>("date") == "2013~");
    CHECK(event(ds, 2)->getValue<std::string>("date") == "1980s");
    CHECK(event(ds, 3)->getValue<std::string>("date") == "2019-05/..");
    CHECK(event(ds, 4)->getValue<std::string>("date") == "1968");
    CHECK(text_of(event(ds, 4), "note", "en") == "Date as shown in the TimelineJS timeline: Spring 1968");
    const Diagnostic* d = find_code(diags, "import-display-date");
    REQUIRE(d);
    CHECK(d->message == "display dates of 1 slide kept in the notes (first: \"Spring 1968\"): a brief shows the dates "
                        "of the date fields");
    CHECK(d->pointer == "/events/4/display_date");
}

TEST_CASE("Impossible dates are errors at their field, never rolled over", "[interchange]") {
    Diagnostics diags;
    const auto ds = import(R"({"events": [
        {"start_date": {"year": 2019, "month": 2, "day": 30}, "text": {"headline": "a"}},
        {"start_date": {"year": -44}, "text": {"headline": "b"}},
        {"start_date": {"year": 2020, "month": 2, "day": 29}, "text": {"headline": "Leap day"}}
      ]})",
                           diags);
    REQUIRE(ds);
    REQUIRE(diags.count(Severity::error) == 2);
    const auto& first = diags.items()[0];
    CHECK(first.code == "import-date-invalid");
    CHECK(first.pointer == "/events/0/start_date/day");
    CHECK(first.pos.line == 2);
    CHECK(first.message == "start date: \"2019-02-30\" is not a valid date (February 2019 has 28 days)");
    CHECK(diags.items()[1].code == "import-year-out-of-range");
    // Only the slide that can be imported is in the result.
    REQUIRE(ds->getArray("events")->size() == 1);
    CHECK(event(ds, 0)->getValue<std::string>("date") == "2020-02-29");
}

TEST_CASE("Sheet rows: positions are line:column of the cell", "[interchange]") {
    Diagnostics diags;
    const auto ds = import("Year,Month,Day,Headline,Text,Group,Type\n"
                           ",,,Title,,,title\n"
                           "\"1,999\",12,31,\"Eve, \"\"quoted\"\"\",\"two\nlines\",G,\n"
                           "2019,13,,Bad month,,G,\n",
                           diags, "s.csv");
    REQUIRE(ds);
    CHECK(event(ds, 0)->getValue<std::string>("date") == "1999-12-31");
    CHECK(text_of(event(ds, 0), "title", "en") == "Eve, \"quoted\"");
    CHECK(text_of(event(ds, 0), "text", "en") == "two\nlines");
    const Diagnostic* d = find_code(diags, "import-date-invalid");
    REQUIRE(d);
    CHECK(d->file == "s.csv");
    CHECK(d->pos.line == 5);
    CHECK(d->pos.column == 6);
    CHECK(d->pointer.empty());
}

TEST_CASE("Groups become lanes; the title slide titles the data set", "[interchange]") {
    Diagnostics diags;
    const auto ds = import(R"({"title": {"text": {"headline": "产业 / Industry", "text": "Sub"}}, "events": [
        {"start_date": {"year": 2001}, "text": {"headline": "a"}, "group": "研究 / Research"},
        {"start_date": {"year": 2002}, "text": {"headline": "b"}, "group": "Research"},
        {"start_date": {"year": 2003}, "text": {"headline": "c"}, "group": "资本"},
        {"start_date": {"year": 2004}, "text": {"headline": "d"}, "group": "Capital"},
        {"start_date": {"year": 2005}, "text": {"headline": "e"}}
      ]})",
                           diags);
    REQUIRE(ds);
    const Array::Ptr lanes = ds->getArray("lanes");
    REQUIRE(lanes->size() == 4);
    CHECK(lanes->getObject(0)->getValue<std::string>("id") == "research");
    CHECK(lanes->getObject(1)->getValue<std::string>("id") == "lane-2");  // no Latin letters
    CHECK(lanes->getObject(2)->getValue<std::string>("id") == "capital");
    CHECK(lanes->getObject(3)->getValue<std::string>("id") == "other-events");
    CHECK(event(ds, 1)->getValue<std::string>("lane") == "research");  // "Research" joins "研究 / Research"
    CHECK(has_code(diags, "import-lane-languages"));                   // 资本 and Capital are not merged
    CHECK(text_of(ds, "dataset", "zh").empty());
    const Object::Ptr info = ds->getObject("dataset");
    CHECK(text_of(info, "title", "zh") == "产业");
    CHECK(text_of(info, "title", "en") == "Industry");
    CHECK(text_of(info, "subtitle", "en") == "Sub");
    CHECK(ds->getArray("events")->size() == 5);  // the title slide is not an event
}

TEST_CASE("What a data set cannot hold is dropped with one warning per kind naming the count", "[interchange]") {
    Diagnostics diags;
    import(R"({"events": [
        {"start_date": {"year": 2001, "hour": 9}, "text": {"headline": "a"}, "media": {"url": "u"}, "background": {"color": "#fff"}, "type": "x", "extra": 1},
        {"start_date": {"year": 2002, "format": "yyyy"}, "end_date": {"year": 2003, "minute": 5}, "text": {"headline": "b"}, "media": {"url": "u"}, "extra": 2, "other": 3}
      ]})",
           diags);
    std::map<std::string, std::string> by_code;
    for (const auto& d : diags.items()) by_code[d.code] = d.message;
    CHECK(by_code["import-time-dropped"] == "time of day dropped from 2 slides: a data set keeps dates to the day");
    CHECK(by_code["import-media-dropped"].rfind("media dropped from 2 slides", 0) == 0);
    CHECK(by_code["import-background-dropped"].rfind("backgrounds dropped from 1 slide:", 0) == 0);
    CHECK(by_code["import-format-dropped"].rfind("date formats (\"format\") dropped from 1 slide:", 0) == 0);
    CHECK(by_code["import-type-dropped"] == "slide types (\"type\") dropped from 1 slide");
    CHECK(by_code["import-unknown-key"] == "unknown keys dropped: \"extra\" (2 slides), \"other\" (1 slide)");
    CHECK_FALSE(diags.has_errors());
}

TEST_CASE("Export then import keeps every date form, both languages, ids and the title", "[interchange]") {
    const std::string data = R"({
      "dataset": {"title": {"zh": "标题", "en": "Title"}, "subtitle": {"zh": "副标题", "en": "Subtitle"}},
      "lanes": [{"id": "l", "label": {"zh": "类别", "en": "Lane"}}],
      "sources": [{"id": "s", "publisher": {"en": "P"}, "title": {"en": "T"}}],
      "eras": [{"id": "era-a", "label": {"zh": "时期", "en": "Period"}, "date": "1990s"},
               {"id": "era-b", "label": {"en": "Years"}, "date": "2001-03/2004"}],
      "events": [
        {"id": "d", "date": "2019-05-24", "lane": "l", "title": {"zh": "日", "en": "Day"}, "text": {"zh": "一\n二", "en": "One & <two>"}, "source": "s"},
        {"id": "m", "date": "2002-04", "lane": "l", "title": {"zh": "月"}, "source": "s"},
        {"id": "y", "date": "0618", "lane": "l", "title": {"en": "Year"}, "source": "s"},
        {"id": "h", "date": "2019-H2", "lane": "l", "title": {"en": "Half"}, "source": "s"},
        {"id": "q", "date": "2019-Q1", "lane": "l", "title": {"en": "Quarter"}, "source": "s"},
        {"id": "x", "date": "1980s", "lane": "l", "title": {"en": "Decade"}, "source": "s"},
        {"id": "a", "date": "2013~", "lane": "l", "title": {"en": "Approximate"}, "source": "s"},
        {"id": "u", "date": "2014?", "lane": "l", "title": {"en": "Uncertain"}, "source": "s"},
        {"id": "b", "date": "2015-06%", "lane": "l", "title": {"en": "Both"}, "source": "s"},
        {"id": "i", "date": "2019-05/2021", "lane": "l", "title": {"en": "Interval"}, "source": "s"},
        {"id": "iq", "date": "2019-Q1/2019-Q3", "lane": "l", "title": {"en": "Quarters"}, "source": "s"},
        {"id": "oe", "date": "2019-05/..", "lane": "l", "title": {"en": "Open end"}, "source": "s"},
        {"id": "os", "date": "../2019", "lane": "l", "title": {"en": "Open start"}, "source": "s"},
        {"id": "han", "date": "2020", "lane": "l", "title": {"en": "A visit to 上海"}, "text": {"zh": "只有中文 AI"}, "source": "s"}
      ]})";
    Diagnostics diags;
    const LoadedData before = load("before.json", data, diags);
    REQUIRE_FALSE(diags.has_errors());
    const std::string timeline = export_timelinejs(before.dataset, LangMode::bi, diags);

    Diagnostics again;
    const auto result = import_timelinejs(timeline, "export.json", {}, again);
    REQUIRE(result);
    REQUIRE_FALSE(again.has_errors());
    CHECK_FALSE(has_code(again, "import-display-date"));  // every display date was read back as a date
    Diagnostics check;
    const LoadedData after = load("after.json", result->json, check);
    REQUIRE_FALSE(check.has_errors());

    REQUIRE(after.dataset.events.size() == before.dataset.events.size());
    for (const Event& e : before.dataset.events) {
        INFO(e.id);
        const Event* r = after.dataset.event(e.id);
        REQUIRE(r);
        CHECK(r->date.when.iso() == e.date.when.iso());
        CHECK(r->title.zh == e.title.zh);
        CHECK(r->title.en == e.title.en);
        CHECK(r->text.zh == e.text.zh);
        CHECK(r->text.en == e.text.en);
    }
    REQUIRE(after.dataset.eras.size() == 2);
    CHECK(after.dataset.eras[0].date.when.iso() == "1990s");
    CHECK(after.dataset.eras[0].label.zh == "时期");
    CHECK(after.dataset.eras[1].date.when.iso() == "2001-03/2004");
    REQUIRE(after.dataset.info);
    CHECK(after.dataset.info->title.zh == "标题");
    CHECK(after.dataset.info->subtitle.en == "Subtitle");
    REQUIRE(after.dataset.lanes.size() == 1);
    CHECK(after.dataset.lanes[0].label.zh == "类别");
    CHECK(after.dataset.lanes[0].label.en == "Lane");
}

TEST_CASE("Export in one language fills a missing translation from the other and says so", "[interchange]") {
    Diagnostics diags;
    const LoadedData ds = load("d.json", R"({
      "lanes": [{"id": "l", "label": {"zh": "类别", "en": "Lane"}}],
      "sources": [{"id": "s", "publisher": {"en": "P"}, "title": {"en": "T"}}],
      "events": [{"id": "e", "date": "2019", "lane": "l", "title": {"en": "Only English"}, "source": "s"}]})",
                               diags);
    REQUIRE_FALSE(diags.has_errors());
    const std::string zh = export_timelinejs(ds.dataset, LangMode::zh, diags);
    CHECK(zh.find(R"("headline": "<span lang=\"en\">Only English</span>")") != std::string::npos);
    CHECK(zh.find("\"group\": \"类别\"") != std::string::npos);
    const Diagnostic* d = find_code(diags, "export-missing-translation");
    REQUIRE(d);
    CHECK(d->message == "1 record has no text in Chinese: written in English");
    CHECK(d->record == "e");
}
