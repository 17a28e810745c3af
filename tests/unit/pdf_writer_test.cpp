#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>

#include "base/diagnostic.h"
#include "base/utf8.h"
#include "fixtures.h"
#include "layout/display_list.h"
#include "pdf/writer.h"
#include "text/fonts.h"
#include "theme/theme.h"

using namespace timeline;
namespace fs = std::filesystem;

namespace {

const char* const kLatinFont = "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf";

using testing::tool_available;
std::pair<int, std::string> run(const std::string& command) { return testing::shell(command); }

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "tl-pdf-test-XXXXXX").string();
        path = ::mkdtemp(tmpl.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

layout::DisplayList sample() {
    layout::DisplayList list;
    list.info.title = "上海人工智能简报 AI brief";
    list.info.subject = "Policy brief";
    list.info.author = "timeline";
    list.info.keywords = "AI, Shanghai";
    list.info.creation_date = date::sys_days{date::year{2024} / 5 / 6};
    list.info.document_id = "00112233445566778899aabbccddeeff";

    layout::Page p1;
    layout::GlyphRun title;
    title.font = "latin";
    title.size = 18;
    title.x = 72;
    title.y = 90;
    title.text = "Shanghai artificial intelligence";
    title.color = {0.1, 0.2, 0.4};
    p1.items.push_back(title);
    layout::GlyphRun body;
    body.font = "latin";
    body.size = 10.5;
    body.x = 72;
    body.y = 120;
    body.text = "Financing grew \"fast\" in 2018.";
    body.char_spacing = 0.2;
    body.word_spacing = 3;
    p1.items.push_back(body);
    p1.items.push_back(layout::Line{72, 100, 523.28, 100, 0.5, {}, {}});
    p1.items.push_back(layout::Line{72, 130, 523.28, 130, 1, {0.5, 0.5, 0.5}, {3, 2}});
    p1.items.push_back(layout::Rect{72, 150, 200, 50, layout::Color{0.9, 0.9, 0.9}, layout::Color{0, 0, 0}, 0.75});
    p1.items.push_back(layout::Polygon{{{300, 150}, {340, 150}, {320, 190}}, layout::Color{1, 0, 0}, std::nullopt, 0.5});
    list.pages.push_back(p1);

    layout::Page p2;
    layout::GlyphRun second;
    second.font = "latin";
    second.size = 12;
    second.x = 72;
    second.y = 80;
    second.text = "Second page: sources and notes";
    p2.items.push_back(second);
    p2.items.push_back(layout::Rect{72, 100, 100, 20, std::nullopt, layout::Color{0, 0, 1}, 0.5});
    list.pages.push_back(p2);

    list.bookmarks = {{"概览 Overview", 0, 0, 72},
                      {"关键数字", 1, 0, 140},
                      {"时间线", 1, 0, 200},
                      {"来源与说明", 0, 1, 60}};
    return list;
}

// The theme's fonts and "latin", the font of the sample pages.
const text::FontSet& fonts() {
    static const std::unique_ptr<text::FontSet> set = [] {
        text::FontFiles files = testing::theme().fonts;
        files["latin"] = theme::FontFile{kLatinFont, 0, "fonts-noto-core", "test", {}, {}};
        Diagnostics d;
        return text::FontSet::open(files, d);
    }();
    REQUIRE(set);
    return *set;
}

std::string messages(const Diagnostics& diags) {
    std::string s;
    for (const auto& d : diags.items()) s += format_text(d) + "\n";
    return s;
}

}  // namespace

TEST_CASE("display list dump", "[pdf]") {
    layout::DisplayList list;
    list.info.title = "Brief \"AI\"";
    list.info.creator = "";
    layout::Page page;
    layout::GlyphRun run;
    run.font = "zh-serif";
    run.size = 10.5;
    run.x = 72;
    run.y = 96.5;
    run.width = 120;
    run.text = "上海人工智能";
    page.items.push_back(run);
    run.font = "latin";
    run.size = 9;
    run.text = "a\\b\n";
    run.color = {1, 0, 0.5};
    run.char_spacing = 0.25;
    run.word_spacing = -0.001;
    page.items.push_back(run);
    page.items.push_back(layout::Line{72, 100, 523.28, 100, 0.5, {}, {}});
    page.items.push_back(layout::Line{72, 110, 80, 110, 1, {0.5, 0.5, 0.5}, {3, 1.5}});
    page.items.push_back(layout::Rect{10, 20, 30, 40, layout::Color{1, 1, 1}, std::nullopt, 0.5});
    page.items.push_back(layout::Rect{10, 20, 30, 40, std::nullopt, std::nullopt, 0.5});
    page.items.push_back(layout::Polygon{{{1, 2}, {3, 4}, {5, 6}}, std::nullopt, layout::Color{0, 1, 0}, 0.25});
    list.pages.push_back(page);
    list.bookmarks.push_back({"概览", 1, 0, 72});
    CHECK(layout::dump(list) ==
          "info title \"Brief \\\"AI\\\"\"\n"
          "bookmark 1 \"概览\" -> page 1 @72.00\n"
          "page 1 595.28x841.89\n"
          "  text zh-serif 10.5 @72.00,96.50 w=120.00 \"上海人工智能\"\n"
          "  text latin 9 @72.00,96.50 w=120.00 \"a\\\\b\\n\" #ff0080 cs=0.25 ws=0.00\n"
          "  line 72.00,100.00 -> 523.28,100.00 w=0.50 #000000\n"
          "  line 72.00,110.00 -> 80.00,110.00 w=1.00 #808080 dash=3.00,1.50\n"
          "  rect 10.00,20.00 30.00x40.00 fill=#ffffff\n"
          "  rect 10.00,20.00 30.00x40.00 none\n"
          "  polygon 1.00,2.00 3.00,4.00 5.00,6.00 stroke=#00ff00 w=0.25\n");
}

TEST_CASE("PDF of a two-page display list: valid, informative, extractable, reproducible", "[pdf]") {
    REQUIRE(fs::exists(kLatinFont));
    TempDir dir;
    const layout::DisplayList list = sample();
    const std::string a = (dir.path / "a.pdf").string();
    const std::string b = (dir.path / "b.pdf").string();
    Diagnostics diags;
    const bool written = pdf::write_document(list, fonts(), a, diags);
    INFO(messages(diags));
    REQUIRE(written);
    CHECK(diags.empty());
    REQUIRE(pdf::write_document(list, fonts(), b, diags));
    CHECK(diags.empty());

    const std::string bytes = slurp(a);
    REQUIRE(bytes.rfind("%PDF-", 0) == 0);
    CHECK(bytes == slurp(b));  // byte-identical
    // Only the two files: no temporary left over.
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 2);
    // The trailer /ID comes from the document id, not from the clock.
    CHECK(bytes.find("/ID [ <00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF> ]") != std::string::npos);

    if (tool_available("qpdf")) {
        auto [status, out] = run("qpdf --check '" + a + "' 2>&1");
        INFO(out);
        CHECK(status == 0);
        CHECK(out.find("No syntax or stream encoding errors") != std::string::npos);
    } else {
        WARN("qpdf not installed: structure not checked");
    }
    if (tool_available("qpdf")) {
        // Page 1: its two glyph runs share one text object; word spacing is written as TJ
        // adjustments, never as Tw (which two-byte codes ignore).
        const std::string qdf = (dir.path / "qdf.pdf").string();
        auto [status, out] = run("qpdf --qdf --object-streams=disable '" + a + "' '" + qdf + "' 2>&1");
        INFO(out);
        REQUIRE(status == 0);
        const std::string plain = slurp(qdf);
        fs::remove(qdf);
        std::size_t bt = 0;
        for (std::size_t at = plain.find("BT\n"); at != std::string::npos; at = plain.find("BT\n", at + 1)) ++bt;
        CHECK(bt == 2);  // one per page
        CHECK(plain.find(" TJ") != std::string::npos);
        CHECK(plain.find(" Tw") == std::string::npos);
        CHECK(plain.find("0.2 Tc") != std::string::npos);
        CHECK(plain.find("[3 2] 0 d") != std::string::npos);
    }
    if (tool_available("pdfinfo")) {
        auto [status, out] = run("pdfinfo '" + a + "' 2>/dev/null");
        INFO(out);
        CHECK(status == 0);
        CHECK(out.find("上海人工智能简报 AI brief") != std::string::npos);
        CHECK(out.find("Producer:        timeline") != std::string::npos);
        CHECK(out.find("Pages:           2") != std::string::npos);
        CHECK(out.find("CreationDate:") != std::string::npos);
        CHECK(out.find("2024") != std::string::npos);
        auto [st2, raw] = run("pdfinfo -isodates '" + a + "' 2>/dev/null");
        CHECK(raw.find("2024-05-06T00:00:00") != std::string::npos);
    } else {
        WARN("pdfinfo not installed: document info not checked");
    }
    if (tool_available("pdftotext")) {
        auto [status, out] = run("pdftotext '" + a + "' - 2>&1");
        INFO(out);
        CHECK(status == 0);
        CHECK(out.rfind("Shanghai artificial intelligence", 0) == 0);  // no warning before the text
        CHECK(out.find("Error") == std::string::npos);
        CHECK(out.find("Financing grew \"fast\" in 2018.") != std::string::npos);
        CHECK(out.find("Second page: sources and notes") != std::string::npos);
    } else {
        WARN("pdftotext not installed: text not checked");
    }
    if (tool_available("qpdf")) {
        // Bookmarks: four entries with the Chinese titles, nested.
        auto [status, out] = run("qpdf --json --json-key=outlines '" + a + "' 2>/dev/null");
        INFO(out);
        CHECK(status == 0);
        CHECK(out.find("概览 Overview") != std::string::npos);
        CHECK(out.find("关键数字") != std::string::npos);
        CHECK(out.find("来源与说明") != std::string::npos);
    }
}

TEST_CASE("PDF writer into a missing directory fails without leaving a file", "[pdf]") {
    TempDir dir;
    const fs::path target = dir.path / "missing" / "out.pdf";
    Diagnostics diags;
    {
        pdf::Writer writer(fonts(), target.string(), diags);
        const layout::DisplayList list = sample();
        CHECK_FALSE(writer.add_page(list.pages[0]));
        CHECK_FALSE(writer.finish(list.bookmarks, list.info));
    }
    REQUIRE(diags.has_errors());
    CHECK(diags.items()[0].code == "io-write");
    CHECK_FALSE(fs::exists(target));
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 0);
}

TEST_CASE("PDF writer rejects what it cannot draw and keeps an existing file", "[pdf]") {
    TempDir dir;
    const fs::path target = dir.path / "out.pdf";
    { std::ofstream(target) << "old"; }
    layout::DisplayList list = sample();
    auto& run0 = std::get<layout::GlyphRun>(list.pages[0].items[0]);
    run0.text = "emoji \xF0\x9F\x98\x80";
    list.bookmarks.push_back({"beyond", 0, 7, 0});
    layout::GlyphRun other;
    other.font = "nope";
    other.text = "x";
    list.pages[1].items.push_back(other);
    Diagnostics diags;
    CHECK_FALSE(pdf::write_document(list, fonts(), target.string(), diags));
    INFO(messages(diags));
    REQUIRE(diags.size() == 3);
    CHECK(diags.count(Severity::error) == 3);
    CHECK(diags.items()[0].code == "pdf-font");
    CHECK(diags.items()[0].message == "page 1 item 1: U+1F600 is not in font \"latin\"");
    CHECK(diags.items()[1].code == "pdf-font");
    CHECK(diags.items()[1].message == "page 2 item 3: no font with key \"nope\"");
    CHECK(diags.items()[2].code == "pdf-input");
    CHECK(diags.items()[2].message == "bookmark 5: points to page 8 of 2");
    CHECK(slurp(target) == "old");
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("PDF writer streams pages into its temporary file and removes it when not finished", "[pdf]") {
    TempDir dir;
    const fs::path target = dir.path / "out.pdf";
    const layout::DisplayList list = sample();
    Diagnostics diags;
    {
        pdf::Writer writer(fonts(), target.string(), diags);
        // Many pages: the temporary file grows while they are added (nothing is held back).
        std::uintmax_t size = 0;
        for (int i = 0; i < 2000; ++i) REQUIRE(writer.add_page(list.pages[static_cast<std::size_t>(i % 2)]));
        for (const auto& e : fs::directory_iterator(dir.path)) size += fs::file_size(e.path());
        CHECK(size > 250000);
        CHECK_FALSE(fs::exists(target));
        CHECK(writer.page_count() == 2000);
    }
    CHECK(diags.empty());
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 0);
}

TEST_CASE("PDF with Chinese text in subset fonts", "[pdf]") {
    const std::string serif_text = "上海人工智能简报：过去五年（2019—2024）";
    const std::string sans_text = "关键数字与时间线";
    layout::DisplayList list;
    list.info.title = "上海人工智能简报";
    list.info.creation_date = date::sys_days{date::year{2024} / 12 / 31};
    layout::Page page;
    layout::GlyphRun heading;
    heading.font = "zh-sans";
    heading.size = 14;
    heading.x = 72;
    heading.y = 80;
    heading.text = sans_text;
    page.items.push_back(heading);
    layout::GlyphRun body = heading;
    body.font = "zh-serif";
    body.size = 10.5;
    body.y = 110;
    body.text = serif_text;
    body.char_spacing = 0.5;
    page.items.push_back(body);
    layout::GlyphRun latin = body;
    latin.font = "latin";
    latin.y = 130;
    latin.text = "Shanghai AI brief";
    page.items.push_back(latin);
    layout::GlyphRun astral = body;  // a character beyond the BMP: a surrogate pair in the ToUnicode CMap
    astral.y = 150;
    astral.char_spacing = 0;
    astral.text = "\U00020021字";
    page.items.push_back(astral);
    list.pages.push_back(page);
    list.bookmarks.push_back({"关键数字", 0, 0, 80});

    TempDir dir;
    const std::string a = (dir.path / "zh.pdf").string();
    const std::string b = (dir.path / "zh2.pdf").string();
    Diagnostics diags;
    REQUIRE(pdf::write_document(list, fonts(), a, diags));
    REQUIRE(pdf::write_document(list, fonts(), b, diags));
    CHECK(diags.empty());
    CHECK(slurp(a) == slurp(b));
    if (tool_available("qpdf")) {
        auto [status, out] = run("qpdf --check '" + a + "' 2>&1");
        INFO(out);
        CHECK(status == 0);
    }
    if (tool_available("pdftotext")) {
        auto [status, out] = run("pdftotext -q '" + a + "' - 2>/dev/null");
        INFO(out);
        CHECK(out.find(sans_text) != std::string::npos);
        CHECK(out.find("上海人工智能简报") != std::string::npos);
        CHECK(out.find("Shanghai AI brief") != std::string::npos);
        CHECK(out.find("\U00020021字") != std::string::npos);
        CHECK(out.find(serif_text) != std::string::npos);  // the full-width punctuation too
    } else {
        WARN("pdftotext not installed: text not checked");
    }
    if (tool_available("pdftoppm")) {
        // Ink where the Chinese heading is: subset fonts draw (a blank page would pass pdftotext).
        auto [status, out] = run("pdftoppm -r 72 -gray -x 72 -y 62 -W 120 -H 22 '" + a + "' 2>/dev/null");
        REQUIRE(status == 0);
        const std::size_t header = out.find("255\n");
        REQUIRE(header != std::string::npos);
        std::size_t dark = 0;
        for (std::size_t i = header + 4; i < out.size(); ++i)
            if (static_cast<unsigned char>(out[i]) < 128) ++dark;
        CHECK(dark > 100);
    }
}
