#include <catch2/catch.hpp>

#include <sstream>
#include <string>


#include "load/csv.h"

using namespace timeline;

namespace {

const std::string kFile = "data/ai.events.csv";

struct Parsed {
    CsvTable table;
    Diagnostics diags;
};

Parsed parse(std::string_view text) {
    Parsed p;
    p.table = parse_csv(text, kFile, p.diags);
    return p;
}

bool same(SourcePos a, int line, int column) { return a.line == line && a.column == column; }

std::string text_of(json::Value v) { return json::to_text(v); }

struct Converted {
    Diagnostics diags;
    std::shared_ptr<const json::Tree> tree;
    json::Value records;
    std::vector<CsvRecordOrigin> origins;
};

Converted convert(std::string_view text, CsvKind kind) {
    Converted c;
    const CsvTable table = parse_csv(text, kFile, c.diags);
    c.tree = csv_to_records(table, kind, kFile, c.diags, c.origins);
    c.records = c.tree->root();
    return c;
}

}  // namespace

TEST_CASE("csv: plain rows with cell positions", "[load][csv]") {
    auto p = parse("id,date,lane\ne1,2019,ai\ne2,2020-05,chips\n");
    CHECK(p.diags.empty());
    REQUIRE(p.table.header == std::vector<std::string>{"id", "date", "lane"});
    CHECK(same(p.table.header_positions[2], 1, 9));
    REQUIRE(p.table.rows.size() == 2);
    const CsvRow& r = p.table.rows[1];
    CHECK(r.cells == std::vector<std::string>{"e2", "2020-05", "chips"});
    CHECK(same(r.pos, 3, 1));
    CHECK(same(r.positions[1], 3, 4));
    CHECK(same(r.positions[2], 3, 12));
    CHECK_FALSE(r.malformed);
}

TEST_CASE("csv: byte order mark is skipped without shifting columns", "[load][csv]") {
    auto p = parse("\xEF\xBB\xBFid,date\ne1,2019\n");
    CHECK(p.diags.empty());
    REQUIRE(p.table.header.size() == 2);
    CHECK(p.table.header[0] == "id");
    CHECK(same(p.table.header_positions[0], 1, 1));
    CHECK(same(p.table.header_positions[1], 1, 4));
    REQUIRE(p.table.rows.size() == 1);
    CHECK(same(p.table.rows[0].positions[1], 2, 4));
}

TEST_CASE("csv: CRLF and LF line ends, last line without line end", "[load][csv]") {
    auto crlf = parse("id,date\r\ne1,2019\r\ne2,2020");
    auto lf = parse("id,date\ne1,2019\ne2,2020");
    CHECK(crlf.diags.empty());
    REQUIRE(crlf.table.rows.size() == 2);
    REQUIRE(lf.table.rows.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(crlf.table.rows[i].cells == lf.table.rows[i].cells);
        CHECK(same(crlf.table.rows[i].positions[1], static_cast<int>(i) + 2, 4));
    }
    CHECK(crlf.table.header[1] == "date");
    CHECK(crlf.table.rows[1].cells[1] == "2020");
}

TEST_CASE("csv: quoted fields with commas, doubled quotes and line breaks", "[load][csv]") {
    auto p = parse("id,title,note\n"
                   "e1,\"Hello, world\",\"say \"\"hi\"\"\"\n"
                   "e2,\"two\nlines\",\"a\r\nb\"\n"
                   "e3,\"\",x\n");
    CHECK(p.diags.empty());
    REQUIRE(p.table.rows.size() == 3);
    CHECK(p.table.rows[0].cells == std::vector<std::string>{"e1", "Hello, world", "say \"hi\""});
    CHECK(same(p.table.rows[0].positions[2], 2, 19));
    // Line breaks inside quotes are kept as "\n" and keep the line count right.
    CHECK(p.table.rows[1].cells == std::vector<std::string>{"e2", "two\nlines", "a\nb"});
    CHECK(same(p.table.rows[1].positions[1], 3, 4));
    CHECK(same(p.table.rows[1].positions[2], 4, 8));
    CHECK(p.table.rows[2].cells == std::vector<std::string>{"e3", "", "x"});
    CHECK(same(p.table.rows[2].pos, 6, 1));
    CHECK(same(p.table.rows[2].positions[2], 6, 7));
}

TEST_CASE("csv: columns count code points", "[load][csv]") {
    auto p = parse("title_zh,id\n人工智能,e1\n\"引号\",e2\n");
    CHECK(p.diags.empty());
    REQUIRE(p.table.rows.size() == 2);
    CHECK(same(p.table.header_positions[1], 1, 10));
    CHECK(same(p.table.rows[0].positions[1], 2, 6));
    CHECK(same(p.table.rows[1].positions[1], 3, 6));
}

TEST_CASE("csv: blank lines and empty rows are skipped", "[load][csv]") {
    auto p = parse("\nid,date\n\ne1,2019\n,\n\r\ne2,2020\n\n");
    CHECK(p.diags.empty());
    CHECK(same(p.table.header_positions[0], 2, 1));
    REQUIRE(p.table.rows.size() == 2);
    CHECK(same(p.table.rows[0].pos, 4, 1));
    CHECK(same(p.table.rows[1].pos, 7, 1));
}

TEST_CASE("csv: rows with more or fewer fields than the header", "[load][csv]") {
    auto p = parse("id,date,lane,title_en,source,note_en\n"
                   "e1,2019,ai,Title,src,note,extra\n"
                   "e2,2019,ai,Title,src\n"
                   "e3,2019,ai,Title,src,ok\n"
                   "e4\n");
    REQUIRE(p.diags.size() == 3);
    const auto& d = p.diags.items();
    CHECK(d[0].code == "csv-too-many-fields");
    CHECK(d[0].message == "row has 7 fields, the header has 6");
    CHECK(d[0].file == kFile);
    CHECK(same(d[0].pos, 2, 27));
    CHECK(d[1].code == "csv-too-few-fields");
    CHECK(d[1].message == "row has 5 fields, the header has 6");
    CHECK(same(d[1].pos, 3, 21));
    CHECK(d[2].message == "row has 1 field, the header has 6");
    CHECK(same(d[2].pos, 5, 3));
    REQUIRE(p.table.rows.size() == 4);
    CHECK(p.table.rows[0].malformed);
    CHECK(p.table.rows[1].malformed);
    CHECK_FALSE(p.table.rows[2].malformed);
    CHECK(p.table.rows[3].malformed);
}

TEST_CASE("csv: unterminated quoted field is reported where it opened", "[load][csv]") {
    auto p = parse("id,title\ne1,\"abc\ne2,def\ne3,x\n");
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags.items()[0].code == "csv-unterminated-quote");
    CHECK(same(p.diags.items()[0].pos, 2, 4));
    // Reading goes on after the line of the opening quote.
    REQUIRE(p.table.rows.size() == 3);
    CHECK(p.table.rows[0].malformed);
    CHECK(p.table.rows[0].cells[1] == "\"abc");
    CHECK(p.table.rows[1].cells == std::vector<std::string>{"e2", "def"});
    CHECK(same(p.table.rows[1].pos, 3, 1));
    CHECK_FALSE(p.table.rows[1].malformed);
    CHECK(p.table.rows[2].cells[1] == "x");
}

TEST_CASE("csv: stray quotes", "[load][csv]") {
    auto p = parse("id,title\ne1,ab\"c\ne2,\"ab\"c\ne3,ok\n");
    REQUIRE(p.diags.size() == 2);
    CHECK(p.diags.items()[0].code == "csv-quote-in-field");
    CHECK(same(p.diags.items()[0].pos, 2, 6));
    CHECK(p.diags.items()[1].code == "csv-text-after-quote");
    CHECK(same(p.diags.items()[1].pos, 3, 8));
    REQUIRE(p.table.rows.size() == 3);
    CHECK(p.table.rows[0].cells[1] == "ab\"c");
    CHECK(p.table.rows[1].cells[1] == "abc");
    CHECK(p.table.rows[0].malformed);
    CHECK(p.table.rows[1].malformed);
    CHECK_FALSE(p.table.rows[2].malformed);
}

TEST_CASE("csv: invalid UTF-8 is reported at the first bad byte, once per file", "[load][csv]") {
    auto p = parse("id,title\ne1,caf\xE9 \xE9\ne2,\"\xC3\x28\"\ne3,ok\n");
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags.items()[0].code == "csv-invalid-utf8");
    CHECK(same(p.diags.items()[0].pos, 2, 7));
    CHECK(p.diags.items()[0].message ==
          "invalid UTF-8 byte 0xE9: the file is not UTF-8 (a spreadsheet saved it in another encoding, such as GBK); "
          "save it again as \"CSV UTF-8 (comma delimited)\" (2 lines have such bytes)");
    REQUIRE(p.table.rows.size() == 3);
    CHECK(p.table.rows[0].cells[1] == "caf\xEF\xBF\xBD \xEF\xBF\xBD");
    CHECK(p.table.rows[0].malformed);
    CHECK(p.table.rows[1].malformed);
    CHECK_FALSE(p.table.rows[2].malformed);
}

TEST_CASE("csv: a UTF-16 file is one error", "[load][csv]") {
    auto p = parse(std::string("\xFF\xFEi\0d\0", 6));
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags.items()[0].code == "csv-invalid-utf8");
    CHECK(same(p.diags.items()[0].pos, 1, 1));
    CHECK(p.diags.items()[0].message ==
          "the file is UTF-16 (a spreadsheet's \"Unicode Text\"); save it again as \"CSV UTF-8 (comma delimited)\"");
    CHECK(p.table.rows.empty());
}

TEST_CASE("csv: header names must be present and distinct", "[load][csv]") {
    auto p = parse("id,,title_en,title_en\ne1,x,y,z\n");
    REQUIRE(p.diags.size() == 2);
    CHECK(p.diags.items()[0].code == "csv-header-empty");
    CHECK(p.diags.items()[0].message == "header field 2 has no name");
    CHECK(same(p.diags.items()[0].pos, 1, 4));
    CHECK(p.diags.items()[1].code == "csv-header-duplicate");
    CHECK(p.diags.items()[1].message == "\"title_en\" appears twice in the header (fields 3 and 4)");
    CHECK(same(p.diags.items()[1].pos, 1, 14));

    auto empty = parse("\n\n");
    REQUIRE(empty.diags.size() == 1);
    CHECK(empty.diags.items()[0].code == "csv-no-header");
}

TEST_CASE("csv: file kind from the file name", "[load][csv]") {
    CHECK(csv_kind_from_filename("data/ai.events.csv") == CsvKind::events);
    CHECK(csv_kind_from_filename("ai.figures.csv") == CsvKind::figures);
    CHECK_FALSE(csv_kind_from_filename("data/ai.csv").has_value());
    CHECK_FALSE(csv_kind_from_filename("data/events.csv.bak").has_value());
    CHECK_FALSE(csv_kind_from_filename("data.events.csv/x.csv").has_value());
    CHECK(std::string(csv_kind_name(CsvKind::figures)) == "figures");
}

TEST_CASE("csv: event rows become records shaped like JSON records", "[load][csv]") {
    auto c = convert("id,date,lane,title_en,title_zh,entities,tags,importance,source,note_zh,extra\n"
                     "e1,2019-05,ai,Launch,发布,openai; microsoft ;,a;b,1,src,,\n"
                     "e2,\"{\"\"relative_to\"\":\"\"source\"\"}\",ai,,标题,,,x,src,注,keep\n",
                     CsvKind::events);
    CHECK(c.diags.empty());
    REQUIRE(c.records.size() == 2);
    CHECK(text_of(c.records.item(0)) ==
          R"({"id":"e1","date":"2019-05","lane":"ai","title":{"zh":"发布","en":"Launch"},)"
          R"("entities":["openai","microsoft"],"tags":["a","b"],"importance":1,"source":"src"})");
    auto r0 = c.records.item(0);
    CHECK(r0.find("importance").type() == json::Type::integer);
    // Not convertible: kept as a string for the schema to reject; date is never parsed.
    auto r1 = c.records.item(1);
    CHECK(r1.find("importance").type() == json::Type::string);
    CHECK(r1.find("importance").str() == "x");
    CHECK(r1.find("date").str() == "{\"relative_to\":\"source\"}");
    CHECK(text_of(r1.find("title")) == R"({"zh":"标题"})");
    CHECK(text_of(r1.find("note")) == R"({"zh":"注"})");
    CHECK(r1.find("extra").str() == "keep");
    CHECK_FALSE(r1.has("entities"));
    CHECK_FALSE(r0.has("note"));
    CHECK_FALSE(r0.has("extra"));
}

TEST_CASE("csv: figure values", "[load][csv]") {
    auto c = convert("id,value,note_en\n"
                     "f1,42,\n"
                     "f2,2.5,\n"
                     "f3,6e10,\n"
                     "f4,2..3,\n"
                     "f5,1/3,\n"
                     "f6,abc,\n"
                     "f7, -7 ,\n"
                     "f8,0.5..1.5,\n"
                     "f9,1..x,\n"
                     "f10,,n\n"
                     "f11,99999999999999999999,\n",
                     CsvKind::figures);
    CHECK(c.diags.empty());
    REQUIRE(c.records.size() == 11);
    auto value = [&](unsigned i) { return c.records.item(i).find("value"); };
    CHECK(value(0).type() == json::Type::integer);
    CHECK(value(0).integer() == 42);
    CHECK(value(1).type() == json::Type::number);
    CHECK(value(1).number() == 2.5);
    CHECK(value(2).type() == json::Type::number);
    CHECK(value(2).number() == 6e10);
    CHECK(text_of(value(3)) == R"({"min":2,"max":3})");
    CHECK(text_of(value(4)) == R"({"numerator":1,"denominator":3})");
    CHECK(value(5).type() == json::Type::string);
    CHECK(value(6).integer() == -7);
    CHECK(text_of(value(7)) == R"({"min":0.5,"max":1.5})");
    CHECK(value(8).str() == "1..x");
    CHECK_FALSE(c.records.item(9).has("value"));
    CHECK(value(10).type() == json::Type::number);
    // value is converted for figures only.
    auto ev = convert("id,value\ne1,3\n", CsvKind::events);
    CHECK(ev.records.item(0).find("value").type() == json::Type::string);
}

TEST_CASE("csv: malformed rows are not converted", "[load][csv]") {
    auto c = convert("id,title_en\ne1,A\ne2,B,extra\ne3,C\n", CsvKind::events);
    CHECK(c.diags.size() == 1);
    REQUIRE(c.records.size() == 2);
    REQUIRE(c.origins.size() == 2);
    CHECK(c.records.item(1).find("id").str() == "e3");
    CHECK(same(c.origins[1].row, 4, 1));
}

TEST_CASE("csv: a plain column and a bilingual column of the same field conflict", "[load][csv]") {
    auto c = convert("id,title,title_en\ne1,A,B\n", CsvKind::events);
    REQUIRE(c.diags.size() == 1);
    CHECK(c.diags.items()[0].code == "csv-column-conflict");
    CHECK(same(c.diags.items()[0].pos, 1, 10));
    CHECK(text_of(c.records.item(0)) == R"({"id":"e1","title":"A"})");
}

TEST_CASE("csv: origins map record pointers back to cells", "[load][csv]") {
    auto c = convert("id,title_zh,title_en,tags,value,a/b\n"
                     "e1,标题,Title,x;y,1..2,q\n"
                     "e2,,\"multi\nline\",,,\n",
                     CsvKind::figures);
    REQUIRE(c.origins.size() == 2);
    const CsvRecordOrigin& o0 = c.origins[0];
    CHECK(same(o0.position("/title/en"), 2, 7));
    CHECK(same(o0.position("/title/zh"), 2, 4));
    CHECK(same(o0.position("/title"), 2, 4));
    CHECK(same(o0.position("/tags/1"), 2, 13));
    CHECK(same(o0.position("/value/min"), 2, 17));
    CHECK(same(o0.position("/a~1b"), 2, 22));
    CHECK(same(o0.position(""), 2, 1));
    CHECK(same(o0.position("/source"), 2, 1));
    const CsvRecordOrigin& o1 = c.origins[1];
    CHECK(same(o1.position("/title"), 3, 5));  // zh is empty: the English cell
    CHECK(same(o1.position("/title/zh"), 3, 5));
    CHECK(same(o1.position("/tags"), 3, 1));   // absent: the row
    CHECK(same(csv_position(c.origins, "/1/title/en"), 3, 5));
    CHECK(same(csv_position(c.origins, "/0"), 2, 1));
    CHECK_FALSE(csv_position(c.origins, "/2/title").known());
    CHECK_FALSE(csv_position(c.origins, "/x/title").known());
    CHECK_FALSE(csv_position(c.origins, "").known());
}

TEST_CASE("csv: positions stay exact over many rows", "[load][csv]") {
    // Speed is measured by bench/, not here; this checks that line counting does not drift.
    std::string text = "id,date,lane,title_zh,title_en,tags,importance,source,note_en\n";
    for (int i = 0; i < 20000; ++i) {
        const std::string n = std::to_string(i);
        text += "e" + n + ",2019-05-24,ai,标题 " + n + ",\"Title, " + n + "\",a;b;c,2,src,\"note \"\"" + n +
                "\"\"\"\r\n";
    }
    Converted c = convert(text, CsvKind::events);
    CHECK(c.diags.empty());
    REQUIRE(c.records.size() == 20000);
    CHECK(same(c.origins[19999].position("/title/en"), 20001, 31));
    CHECK(c.records.item(19999).find("note").find("en").str() == "note \"19999\"");
}
