// The page engine: layout goldens (display-list dumps), line rules, pagination facts, and
// the PDF itself (fonts, text, ink under every character, reproducibility).
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "base/utf8.h"
#include "fixtures.h"
#include "draw/setter.h"
#include "i18n/messages.h"
#include "load/dataset.h"
#include "load/template.h"
#include "report/build.h"
#include "text/fonts.h"
#include "text/linebreak.h"
#include "theme/theme.h"
#include "pdf/writer.h"
#include "typeset/typeset.h"

using namespace timeline;
namespace fs = std::filesystem;

namespace {

using testing::seed_document;
using testing::tool_available;

const text::FontSet& fonts() { return testing::theme_fonts(); }

// A document of one narrative section holding the given paragraphs.
report::Document paragraphs_document(LangMode mode, const std::vector<report::BiText>& paragraphs) {
    report::Document doc;
    doc.mode = mode;
    doc.page = PageSize::a4;
    doc.as_of = date::sys_days{date::year{2026} / 11 / 23};
    doc.title = {"测试", "Test"};
    report::Section s;
    s.type = SectionType::narrative;
    s.id = "text";
    s.title = {"正文", "Text"};
    for (const auto& p : paragraphs) s.blocks.emplace_back(report::Paragraph{p});
    doc.sections.push_back(s);
    return doc;
}

layout::DisplayList set_pages(const report::Document& doc, Diagnostics* diagnostics = nullptr) {
    typeset::TypesetOptions options;
    options.document_id = "0123456789abcdef0123456789abcdef";
    auto set = typeset::typeset_document(doc, fonts(), testing::theme(), options);
    if (diagnostics) *diagnostics = set.diagnostics;
    return std::move(set.pages);
}

void check_golden(const std::string& name, const std::string& actual) { testing::check_golden("typeset", name, actual); }

// Where a glyph run ends on the page, with its spacing.
double run_end(const layout::GlyphRun& r) {
    const auto chars = static_cast<double>(utf8::length(r.text));
    const auto spaces = static_cast<double>(std::count(r.text.begin(), r.text.end(), ' '));
    return r.x + r.width + chars * r.char_spacing + spaces * r.word_spacing;
}

// The printed lines of a page: runs on one baseline, split where a gap of more than 6 pt
// separates them (table cells, labels side by side).
std::vector<std::string> printed_lines(const layout::Page& page) {
    std::map<long, std::vector<const layout::GlyphRun*>> rows;
    for (const auto& item : page.items)
        if (const auto* r = std::get_if<layout::GlyphRun>(&item)) rows[std::lround(r->y * 100)].push_back(r);
    std::vector<std::string> out;
    for (auto& [y, runs] : rows) {
        std::sort(runs.begin(), runs.end(), [](auto* a, auto* b) { return a->x < b->x; });
        std::string line;
        double end = -1e9;
        for (const auto* r : runs) {
            if (!line.empty() && r->x - end > 6) {
                out.push_back(line);
                line.clear();
            }
            line += r->text;
            end = run_end(*r);
        }
        if (!line.empty()) out.push_back(line);
    }
    return out;
}

std::vector<std::string> all_lines(const layout::DisplayList& list) {
    std::vector<std::string> out;
    for (const auto& p : list.pages) {
        auto l = printed_lines(p);
        out.insert(out.end(), l.begin(), l.end());
    }
    return out;
}

char32_t first_cp(const std::string& s) {
    std::size_t i = 0;
    return s.empty() ? 0 : utf8::decode(s, i);
}

char32_t last_cp(const std::string& s) {
    char32_t last = 0;
    for (std::size_t i = 0; i < s.size();) last = utf8::decode(s, i);
    return last;
}

std::pair<int, std::string> run(const std::string& command) { return testing::shell(command); }

const std::u32string kNoStart = U"，。、；：！？）》」』”’";
const std::u32string kNoEnd = U"（《「『“‘";

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int k = 0; k < n; ++k) out += s;
    return out;
}

std::string cp_utf8(char32_t c) {
    std::string s;
    utf8::append(s, c);
    return s;
}

}  // namespace

TEST_CASE("page geometry: A4 and Letter, text block in whole ems", "[typeset]") {
    const auto a4 = typeset::page_geometry(PageSize::a4, 10.5, testing::theme().page);
    CHECK(a4.width == Approx(595.276));
    CHECK(a4.height == Approx(841.890));
    CHECK(a4.body_width() == Approx(45 * 10.5));
    CHECK(a4.left == Approx(a4.right));
    const auto letter = typeset::page_geometry(PageSize::letter, 10.5, testing::theme().page);
    CHECK(letter.width == 612);
    CHECK(letter.height == 792);
    CHECK(std::fmod(letter.body_width(), 10.5) == Approx(0).margin(1e-9));
}

TEST_CASE("layout golden: Chinese paragraph with every no-start and no-end character", "[typeset]") {
    // 45 Han characters fill a line of the A4 text block exactly; the punctuation after
    // them would start line 2, so the last Han character of line 1 moves down with it.
    std::vector<report::BiText> paras;
    for (char32_t c : kNoStart) paras.push_back({repeat("中", 45) + cp_utf8(c) + "文字", "", false, false});
    // An opening bracket as the 45th character would end line 1: it moves to line 2.
    for (char32_t c : kNoEnd) paras.push_back({repeat("中", 44) + cp_utf8(c) + "文字", "", false, false});
    const auto list = set_pages(paragraphs_document(LangMode::zh, paras));
    check_golden("zh-punctuation", layout::dump(list));

    const auto lines = all_lines(list);
    int checked = 0;
    for (const auto& line : lines) {
        CHECK_FALSE(text::no_line_start(first_cp(line)));
        CHECK_FALSE(text::no_line_end(last_cp(line)));
        ++checked;
    }
    CHECK(checked > 2 * static_cast<int>(paras.size()));
    for (char32_t c : kNoStart)
        CHECK(std::find(lines.begin(), lines.end(), "中" + cp_utf8(c) + "文字") != lines.end());
    // An opening mark moves to the next line, alone or with the character before it (UAX #14
    // keeps ‘ with its neighbours).
    for (char32_t c : kNoEnd)
        CHECK((std::find(lines.begin(), lines.end(), cp_utf8(c) + "文字") != lines.end() ||
               std::find(lines.begin(), lines.end(), "中" + cp_utf8(c) + "文字") != lines.end()));
}

TEST_CASE("layout golden: English, mixed text and a long Latin word inside Chinese", "[typeset]") {
    const std::vector<report::BiText> paras = {
        {"", "In 2018 financing of Shanghai's AI-related industries reached over 60 billion yuan, a record high. "
             "The scale of those industries is over 70 billion yuan, and the city holds one-third of China's AI "
             "talent and more than 1,000 core AI enterprises.",
         false, false},
        {"2018年，上海人工智能相关产业融资额超过600亿元，创历史新高；商汤科技SenseTime员工人数由14人增至500余人，"
         "其中研发人员近350人。G60脑智科创基地与AWS上海人工智能研究院签约落户。",
         "", false, false},
        {"资料见https://www.yicai.com/news/100000000000000000000000000000000000000000000000000000.html"
         "所载报道，另见Pneumonoultramicroscopicsilicovolcanoconiosis一词。",
         "", false, false},
    };
    const auto list = set_pages(paragraphs_document(LangMode::bi, paras));
    check_golden("mixed", layout::dump(list));
    const auto margins = typeset::page_geometry(PageSize::a4, 10.5, testing::theme().page);
    for (const auto& page : list.pages)
        for (const auto& item : page.items)
            if (const auto* r = std::get_if<layout::GlyphRun>(&item)) {
                CHECK(r->x >= margins.left - 0.01);
                // The spacing after a line's last character is not ink.
                CHECK(run_end(*r) - r->char_spacing <= margins.width - margins.right + 0.01);
            }
    // The URL is broken between characters, nothing is lost.
    std::string all;
    for (const auto& l : all_lines(list)) all += l;
    CHECK(all.find("Pneumonoultramicroscopicsilicovolcanoconiosis") != std::string::npos);
}

TEST_CASE("justified Chinese lines end exactly at the right margin", "[typeset]") {
    const auto doc = paragraphs_document(LangMode::zh, {{repeat("上海人工智能产业，", 30), "", false, false}});
    const auto list = set_pages(doc);
    const auto g = typeset::page_geometry(PageSize::a4, 10.5, testing::theme().page);
    std::map<long, double> ends;
    for (const auto& item : list.pages[0].items)
        if (const auto* r = std::get_if<layout::GlyphRun>(&item); r && r->font == "zh-serif" && r->size == 10.5)
            ends[std::lround(r->y * 100)] = std::max(ends[std::lround(r->y * 100)], run_end(*r) - r->char_spacing);
    REQUIRE(ends.size() >= 5);
    std::size_t k = 0;
    for (const auto& [y, end] : ends) {
        if (++k == ends.size()) break;  // the last line is not stretched
        CHECK(end == Approx(g.width - g.right).margin(0.01));
    }
}

TEST_CASE("glyph runs of a justified Chinese line never overprint (quotes before digits)", "[typeset]") {
    // An opening quote before digits in Han text is set full width in the Han font; the line
    // breaker must measure it so, or the runs after it are pushed onto each other.
    const auto doc = paragraphs_document(LangMode::zh, {{repeat("统计结果也以范围表述（如“35倍以上”），", 12), "", false, false}});
    const auto list = set_pages(doc);
    std::map<long, std::vector<const layout::GlyphRun*>> lines;
    for (const auto& item : list.pages[0].items)
        if (const auto* r = std::get_if<layout::GlyphRun>(&item); r && r->size == 10.5) lines[std::lround(r->y * 100)].push_back(r);
    REQUIRE(lines.size() >= 5);
    for (auto& [y, runs] : lines) {
        std::sort(runs.begin(), runs.end(), [](const auto* a, const auto* b) { return a->x < b->x; });
        for (std::size_t k = 1; k < runs.size(); ++k) {
            INFO(runs[k - 1]->text << " | " << runs[k]->text);
            CHECK(run_end(*runs[k - 1]) <= runs[k]->x + 0.01);
        }
    }
}

TEST_CASE("the Han–Latin gap after compressed quotes is a quarter em", "[typeset]") {
    // "”“近350": the closing quote gives up half its em; the digits still follow 近 at a
    // quarter em (the chunk before them was measured as it is set, in the Han font).
    const auto doc = paragraphs_document(LangMode::zh, {{"数据“超过600亿元”“近350人”等为范围。", "", false, false}});
    const auto list = set_pages(doc);
    const layout::GlyphRun* near = nullptr;
    const layout::GlyphRun* digits = nullptr;
    for (const auto& item : list.pages[0].items)
        if (const auto* r = std::get_if<layout::GlyphRun>(&item); r && r->size == 10.5) {
            if (r->text.size() >= 3 && r->text.compare(r->text.size() - 3, 3, "近") == 0) near = r;
            if (r->text == "350") digits = r;
        }
    REQUIRE(near != nullptr);
    REQUIRE(digits != nullptr);
    CHECK(digits->x - run_end(*near) == Approx(0.25 * 10.5).margin(0.01));
}

TEST_CASE("tables flow across pages with the header row repeated", "[typeset]") {
    report::Document doc = paragraphs_document(LangMode::bi, {});
    report::Table t;
    t.header = {{"日期", "Date"}, {"事件", "Event"}, {"数值", "Value"}};
    t.align = {report::Align::left, report::Align::left, report::Align::right};
    for (int r = 0; r < 120; ++r)
        t.rows.push_back({{std::to_string(2000 + r / 12) + "年", std::to_string(2000 + r / 12)},
                          {"事件" + std::to_string(r), "Event number " + std::to_string(r)},
                          {std::to_string(r * 10) + "亿元", std::to_string(r) + " billion yuan"}});
    t.source_line = {"来源：[1]", "Source: [1]"};
    doc.sections[0].blocks.emplace_back(t);
    const auto list = set_pages(doc);
    REQUIRE(list.pages.size() >= 3);
    int rows_seen = 0;
    for (std::size_t p = 0; p < list.pages.size(); ++p) {
        const auto lines = printed_lines(list.pages[p]);
        const bool has_rows = std::any_of(lines.begin(), lines.end(), [](const auto& l) { return l.rfind("事件", 0) == 0 && l != "事件"; });
        if (!has_rows) continue;
        // The header row comes before the first row on every page.
        const auto header = std::find(lines.begin(), lines.end(), "事件");
        const auto first_row = std::find_if(lines.begin(), lines.end(), [](const auto& l) { return l.rfind("事件", 0) == 0 && l != "事件"; });
        CHECK(header < first_row);
        for (const auto& l : lines)
            if (l.rfind("Event number ", 0) == 0) ++rows_seen;
    }
    CHECK(rows_seen == 120);  // every row once, none split or lost
    const auto last = printed_lines(list.pages.back());
    CHECK(std::find(last.begin(), last.end(), "来源：[1]") != last.end());
    CHECK(std::find(last.begin(), last.end(), "Source: [1]") != last.end());
    // Numbers are right-aligned: every value cell ends at the same x.
    std::set<long> value_ends;
    for (const auto& page : list.pages)
        for (const auto& item : page.items)
            if (const auto* r = std::get_if<layout::GlyphRun>(&item); r && r->text.find("亿元") != std::string::npos)
                value_ends.insert(std::lround(run_end(*r) * 10));
    CHECK(value_ends.size() == 1);
}

// A long table is set ahead on a thread in chunks of rows, and the page flow sets chunks itself
// while it waits: whoever sets a row, the pages are the same, every row comes once and in
// order, and characters no font covers are reported in the order of the rows.
TEST_CASE("a long table set by two threads: the same pages, rows in order, warnings in row order", "[typeset]") {
    report::Document doc = paragraphs_document(LangMode::bi, {{"表格之前。", "Before the table."}});
    report::Table t;
    t.header = {{"日期", "Date"}, {"事件", "Event"}};
    t.align = {report::Align::left, report::Align::left};
    constexpr int kRows = 3000;
    for (int r = 0; r < kRows; ++r) {
        std::string zh = "事件" + std::to_string(r);
        if (r == 2000) zh += "☃";
        if (r == 2900) zh += "𠮷";
        if (r == 2950) zh += "☃";
        t.rows.push_back({{std::to_string(1990 + r % 30) + "年", std::to_string(1990 + r % 30)},
                          {zh, "Event number " + std::to_string(r)}});
    }
    doc.sections[0].blocks.emplace_back(t);
    Diagnostics first_diags, second_diags;
    const auto first = set_pages(doc, &first_diags);
    const auto second = set_pages(doc, &second_diags);
    CHECK(layout::dump(first) == layout::dump(second));
    int next = 0;
    bool in_order = true;
    for (const auto& page : first.pages)
        for (const auto& l : printed_lines(page))
            if (l.rfind("Event number ", 0) == 0) in_order = in_order && l == "Event number " + std::to_string(next++);
    CHECK(in_order);
    CHECK(next == kRows);
    auto missing = [](const Diagnostics& d) {
        std::vector<std::string> out;
        for (const auto& item : d.items())
            if (item.code == "glyph-missing") out.push_back(format_text(item));
        return out;
    };
    const auto reported = missing(first_diags);
    REQUIRE(reported.size() == 2);
    CHECK(reported[0].rfind("warning: U+2603 ☃ is not covered", 0) == 0);
    CHECK(reported[1].rfind("warning: U+20BB7 𠮷 is not covered", 0) == 0);
    CHECK(missing(second_diags) == reported);
}

TEST_CASE("paragraphs leave no widows or orphans, headings stay with what follows", "[typeset]") {
    std::vector<report::BiText> paras;
    for (int k = 0; k < 40; ++k)
        paras.push_back({"", repeat("A paragraph of ordinary English text that wraps over several lines. ", 4 + k % 5), false, false});
    const auto doc = paragraphs_document(LangMode::en, paras);
    const auto list = set_pages(doc);
    REQUIRE(list.pages.size() >= 3);
    const auto g = typeset::page_geometry(PageSize::a4, 10.5, testing::theme().page);
    // On each page the first body line continues a paragraph with at least one more line on
    // this page, and the last one has a partner above it.
    for (const auto& page : list.pages) {
        std::vector<double> ys;
        for (const auto& item : page.items)
            if (const auto* r = std::get_if<layout::GlyphRun>(&item); r && r->size == 10.5 && r->y > g.top && r->y < g.height - g.bottom)
                ys.push_back(r->y);
        std::sort(ys.begin(), ys.end());
        ys.erase(std::unique(ys.begin(), ys.end()), ys.end());
        REQUIRE(ys.size() >= 4);
        // Lines of one paragraph are one leading apart; a lone line at the top or bottom
        // would be more than a leading away from its neighbour.
        const double leading = 10.5 * 1.6;
        CHECK(ys[1] - ys[0] == Approx(leading).margin(0.01));
        CHECK(ys[ys.size() - 1] - ys[ys.size() - 2] == Approx(leading).margin(0.01));
    }
}

TEST_CASE("seed brief: pages, furniture, bookmarks, margins and sizes", "[typeset]") {
    for (const auto mode : {LangMode::bi, LangMode::zh, LangMode::en}) {
        const auto doc = seed_document(mode);
        Diagnostics diagnostics;
        const auto list = set_pages(doc, &diagnostics);
        CHECK(diagnostics.empty());
        const int n = static_cast<int>(list.pages.size());
        REQUIRE(n >= 3);
        // Footer on every page, numbered with the final count.
        for (int p = 0; p < n; ++p) {
            const auto lines = printed_lines(list.pages[p]);
            // The footer's languages side by side on one line.
            std::string footer;
            if (mode != LangMode::en) footer = i18n::page_of(p + 1, n, Lang::zh);
            if (mode != LangMode::zh) footer += i18n::page_of(p + 1, n, Lang::en);
            CHECK(std::find(lines.begin(), lines.end(), footer) != lines.end());
        }
        // A bookmark for the cover and every titled section, in order of pages.
        std::size_t titled = 0;
        for (const auto& s : doc.sections) titled += s.title.empty() ? 0 : 1;
        CHECK(list.bookmarks.size() == titled + 1);
        for (std::size_t k = 1; k < list.bookmarks.size(); ++k) CHECK(list.bookmarks[k].page >= list.bookmarks[k - 1].page);
        if (mode == LangMode::bi) CHECK(list.bookmarks[1].title == "关键数据 / Key figures");
        // Everything inside the page; nothing smaller than 7 pt; info in both languages.
        for (const auto& page : list.pages)
            for (const auto& item : page.items)
                if (const auto* r = std::get_if<layout::GlyphRun>(&item)) {
                    CHECK(r->size >= 7);
                    CHECK(r->x >= 36);
                    CHECK(run_end(*r) <= page.width - 36);
                    CHECK(r->y <= page.height - 24);
                }
        CHECK(list.info.title == "上海人工智能产业与影视文学动态简报 / Shanghai’s AI Industry, with Notes on Film and Literature");
        CHECK(list.info.creation_date == date::sys_days{date::year{2026} / 11 / 23});
        // No printed line starts or ends with a forbidden character.
        for (const auto& l : all_lines(list)) {
            INFO(l);
            if (utf8::length(l) == 1) continue;  // a cell of just "—" is not a broken line
            CHECK_FALSE(text::no_line_start(first_cp(l)));
            CHECK_FALSE(text::no_line_end(last_cp(l)));
        }
        // The same document sets identically.
        CHECK(layout::dump(set_pages(doc)) == layout::dump(list));
    }
}

TEST_CASE("layout golden: the seed brief in bi, zh and en", "[typeset][golden]") {
    for (LangMode mode : {LangMode::bi, LangMode::zh, LangMode::en}) {
        INFO(lang_mode_name(mode));
        check_golden(std::string("seed-") + lang_mode_name(mode), layout::dump(set_pages(seed_document(mode))));
    }
}

TEST_CASE("pages are handed over as the flow moves past them, overlays once every page is known", "[typeset]") {
    struct Record : typeset::PageSink {
        std::vector<std::size_t> order;  // page indices as they come
        std::vector<std::size_t> overlays;
        std::vector<layout::Page> pages;
        std::size_t pages_at_last_section = 0;
        void page(std::size_t index, layout::Page&& page) override {
            CHECK(overlays.empty());
            order.push_back(index);
            pages.push_back(std::move(page));
        }
        void overlay(std::size_t index, std::vector<layout::Item>&& items) override {
            overlays.push_back(index);
            CHECK_FALSE(items.empty());  // every page has its footer
            auto& to = pages.at(index).items;
            to.insert(to.end(), items.begin(), items.end());
        }
    } record;
    const auto doc = seed_document(LangMode::bi);
    typeset::TypesetOptions options;
    options.document_id = "0123456789abcdef0123456789abcdef";
    options.progress = [&](std::size_t done, std::size_t all) {
        if (done + 1 == all) record.pages_at_last_section = record.order.size();
    };
    const auto set = typeset::typeset_document(doc, fonts(), testing::theme(), options, record);
    CHECK(set.pages.pages.empty());
    const std::size_t n = record.order.size();
    REQUIRE(n >= 3);
    for (std::size_t k = 0; k < n; ++k) {
        CHECK(record.order[k] == k);
        CHECK(record.overlays.at(k) == k);
    }
    CHECK(record.overlays.size() == n);
    // Before the last section is set, the pages before it are gone from the typesetter.
    CHECK(record.pages_at_last_section >= n - 2);
    // Gathered, they are the pages of the whole-list call.
    layout::DisplayList gathered;
    gathered.pages = std::move(record.pages);
    gathered.bookmarks = set.pages.bookmarks;
    gathered.info = set.pages.info;
    CHECK(layout::dump(gathered) == layout::dump(set_pages(doc)));
}

TEST_CASE("seed brief PDF: fonts subset and embedded, text in both languages, ink under every character",
          "[typeset][pdf]") {
    if (!tool_available("pdftoppm") || !tool_available("pdffonts") || !tool_available("pdftotext")) {
        WARN("poppler-utils not installed");
        return;
    }
    const auto doc = seed_document(LangMode::bi);
    const auto list = set_pages(doc);
    const fs::path dir = fs::temp_directory_path() / ("typeset-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string pdf = (dir / "brief.pdf").string();
    Diagnostics diags;
    REQUIRE(pdf::write_document(list, fonts(), pdf, diags));
    CHECK(fs::file_size(pdf) < 300 * 1024);

    // pdffonts: every font embedded and subset.
    const auto [fs_status, fonts_out] = run("pdffonts " + pdf + " 2>/dev/null");
    REQUIRE(fs_status == 0);
    std::istringstream fl(fonts_out);
    std::string line;
    int font_rows = 0;
    while (std::getline(fl, line)) {
        if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) continue;
        ++font_rows;
        INFO(line);
        // Columns: name type encoding emb sub uni object ID
        std::istringstream cols(line);
        std::vector<std::string> c;
        for (std::string w; cols >> w;) c.push_back(w);
        REQUIRE(c.size() >= 7);
        CHECK(c[c.size() - 5] == "yes");  // emb
        CHECK(c[c.size() - 4] == "yes");  // sub
    }
    CHECK(font_rows >= 4);

    const auto [tt_status, text] = run("pdftotext -enc UTF-8 " + pdf + " - 2>/dev/null");
    REQUIRE(tt_status == 0);
    for (const char* s : {"关键数据", "Key figures", "亿元", "over 60 billion yuan", "第 1 页 共", "Page 1 of",
                          "资料来源", "Sources", "大事记",
                          // the timeline: labels and legend in both languages
                          "G60 脑智科创基地在 2018 世界人工智能大会上签约落户", "Amazon AWS Shanghai AI Research Institute signed at",
                          "约略日期（虚线）", "Approximate date (dashed)"}) {
        INFO(s);
        CHECK(text.find(s) != std::string::npos);
    }

    // Ink: render every page in grey at 100 dpi; each printed character's box must hold dark
    // pixels (a blank glyph passes text extraction but not this).
    REQUIRE(run("pdftoppm -r 100 -gray " + pdf + " " + (dir / "page").string() + " 2>/dev/null").first == 0);
    const double scale = 100.0 / 72.0;
    int checked = 0, blank = 0;
    for (std::size_t p = 0; p < list.pages.size(); ++p) {
        char name[32];
        std::snprintf(name, sizeof name, list.pages.size() >= 10 ? "page-%02zu.pgm" : "page-%zu.pgm", p + 1);
        std::ifstream in(dir / name, std::ios::binary);
        REQUIRE(in);
        std::string magic;
        int w = 0, h = 0, maxval = 0;
        in >> magic >> w >> h >> maxval;
        in.get();
        std::vector<unsigned char> px(static_cast<std::size_t>(w) * h);
        in.read(reinterpret_cast<char*>(px.data()), static_cast<std::streamsize>(px.size()));
        for (const auto& item : list.pages[p].items) {
            const auto* r = std::get_if<layout::GlyphRun>(&item);
            if (!r) continue;
            double x = r->x;
            for (std::size_t i = 0; i < r->text.size();) {
                const std::size_t b = i;
                const char32_t cp = utf8::decode(r->text, i);
                const double adv = fonts().advance(r->font, r->text.substr(b, i - b), r->size);
                if (cp != U' ' && cp != U'\u3000') {
                    const int x0 = static_cast<int>(x * scale), x1 = static_cast<int>((x + adv) * scale) + 1;
                    const int y0 = static_cast<int>((r->y - 0.9 * r->size) * scale);
                    const int y1 = static_cast<int>((r->y + 0.25 * r->size) * scale) + 1;
                    int dark = 0;
                    for (int yy = std::max(0, y0); yy < std::min(h, y1); ++yy)
                        for (int xx = std::max(0, x0); xx < std::min(w, x1); ++xx)
                            if (px[static_cast<std::size_t>(yy) * w + xx] < 200) ++dark;
                    ++checked;
                    if (dark == 0) {
                        ++blank;
                        UNSCOPED_INFO("no ink for " << utf8::codepoint_name(cp) << " in \"" << r->text << "\" on page " << p + 1);
                    }
                }
                x += adv + r->char_spacing + (cp == U' ' ? r->word_spacing : 0);
            }
        }
    }
    CHECK(checked > 3000);
    CHECK(blank == 0);
    fs::remove_all(dir);
}
