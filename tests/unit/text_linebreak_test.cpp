#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "text/linebreak.h"

using namespace timeline;
using namespace timeline::text;

namespace {

// Monospace: wide (Han, fullwidth punctuation) 1 em, everything else 1/2 em.
struct FakeMeasure : Measure {
    double em = 10;
    double width(std::string_view s) const override {
        return static_cast<double>(utf8::display_width(s)) * em / 2;
    }
};

LineOptions zh(double width_em, Justify j = Justify::ragged) {
    LineOptions o;
    o.width = width_em * 10;
    o.em = 10;
    o.lang = Lang::zh;
    o.justify = j;
    return o;
}

LineOptions en(double width_em, Justify j = Justify::ragged) {
    LineOptions o = zh(width_em, j);
    o.lang = Lang::en;
    return o;
}

std::vector<std::string> texts(const std::vector<LayoutLine>& lines) {
    std::vector<std::string> out;
    for (const auto& l : lines) out.push_back(l.text());
    return out;
}

std::string joined(const std::vector<LayoutLine>& lines) {
    std::string out;
    for (const auto& l : lines) out += l.text() + l.trimmed;
    return out;
}

std::vector<std::string> split_chars(std::string_view s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t j = i;
        utf8::decode(s, j);
        out.emplace_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

char32_t first_cp(std::string_view s) {
    std::size_t i = 0;
    return utf8::decode(s, i);
}

char32_t last_cp(std::string_view s) {
    char32_t c = 0;
    for (std::size_t i = 0; i < s.size();) c = utf8::decode(s, i);
    return c;
}

const FakeMeasure kMeasure;

// The characters PRODUCT.md §5 names, then further clreq ones.
const char* const kNoStartListed = "，。、；：！？）》」』”’";
const char* const kNoStartMore = "〕］｝〉】〗〙·・…—～%％‰℃°々";
const char* const kNoEndListed = "（《「『“‘";
const char* const kNoEndMore = "〔［｛〈【〖〘";

}  // namespace

TEST_CASE("no line starts with closing punctuation: the break moves earlier", "[text][linebreak]") {
    for (const auto* set : {kNoStartListed, kNoStartMore}) {
        for (const auto& c : split_chars(set)) {
            INFO("character " << c);
            CHECK(no_line_start(first_cp(c)));
            // 3 em fits 一二三 exactly; the next break would put c at a line start.
            auto lines = break_paragraph("一二三" + c + "四五六", kMeasure, zh(3));
            REQUIRE(lines.size() >= 2);
            CHECK(lines[0].text() == "一二");
            CHECK(lines[1].text().rfind("三" + c, 0) == 0);
            for (const auto& l : lines) CHECK_FALSE(no_line_start(first_cp(l.text())));
            CHECK(joined(lines) == "一二三" + c + "四五六");
        }
    }
}

TEST_CASE("no line ends with opening punctuation: it moves to the next line", "[text][linebreak]") {
    for (const auto* set : {kNoEndListed, kNoEndMore}) {
        for (const auto& c : split_chars(set)) {
            INFO("character " << c);
            CHECK(no_line_end(first_cp(c)));
            auto lines = break_paragraph("一二" + c + "三四五六", kMeasure, zh(3));
            REQUIRE(lines.size() >= 2);
            // Greedy would end line 1 with c; c moves down with what follows it (quotes
            // also bind to the character before them in ICU, so 二 may come along).
            CHECK((lines[0].text() == "一二" || lines[0].text() == "一"));
            CHECK(lines[1].text().find(c + "三") != std::string::npos);
            for (const auto& l : lines) CHECK_FALSE(no_line_end(last_cp(l.text())));
            CHECK(joined(lines) == "一二" + c + "三四五六");
        }
    }
}

TEST_CASE("dash and ellipsis pairs stay whole and off the line start", "[text][linebreak]") {
    for (const std::string pair : {"——", "……"}) {
        INFO(pair);
        auto lines = break_paragraph("一二三" + pair + "四五", kMeasure, zh(3));
        for (const auto& l : lines) CHECK_FALSE(no_line_start(first_cp(l.text())));
        CHECK(joined(lines) == "一二三" + pair + "四五");
    }
}

TEST_CASE("mixed Chinese, digits and punctuation: golden lines", "[text][linebreak]") {
    const std::string s = "2018年，上海人工智能相关产业融资额超过600亿元";
    CHECK(texts(break_paragraph(s, kMeasure, zh(5))) ==
          std::vector<std::string>{"2018年，", "上海人工智", "能相关产业", "融资额超过", "600亿元"});
    CHECK(texts(break_paragraph(s, kMeasure, zh(4))) ==
          std::vector<std::string>{"2018", "年，上海", "人工智能", "相关产业", "融资额超", "过", "600亿元"});
    CHECK(texts(break_paragraph(s, kMeasure, zh(8))) ==
          std::vector<std::string>{"2018年，上海人", "工智能相关产业融", "资额超过600亿元"});
    CHECK(texts(break_paragraph(s, kMeasure, zh(30))) == std::vector<std::string>{s});

    auto lines = break_paragraph(s, kMeasure, zh(5));
    REQUIRE(lines.size() == 5);
    // "600亿元": 1.5 em, gap 0.25 em, 2 em.
    REQUIRE(lines[4].pieces.size() == 2);
    CHECK(lines[4].pieces[0] == LinePiece{"600", 0, 15});
    CHECK(lines[4].pieces[1] == LinePiece{"亿元", 17.5, 20});
    CHECK(lines[4].width == Approx(37.5));
    CHECK(lines[4].last);
    CHECK_FALSE(lines[0].last);
}

TEST_CASE("Han-Latin gap is positioning, not a character", "[text][linebreak]") {
    auto lines = break_paragraph("上海AI实验室", kMeasure, zh(20));
    REQUIRE(lines.size() == 1);
    const auto& p = lines[0].pieces;
    REQUIRE(p.size() == 3);
    CHECK(p[0] == LinePiece{"上海", 0, 20});
    CHECK(p[1] == LinePiece{"AI", 22.5, 10});
    CHECK(p[2] == LinePiece{"实验室", 35, 30});
    CHECK(lines[0].width == Approx(65));

    // No gap next to punctuation, and a configurable size.
    auto o = zh(20);
    o.han_latin_gap_em = 0.5;
    auto l2 = break_paragraph("（AI）芯片3nm", kMeasure, o);
    REQUIRE(l2.size() == 1);
    REQUIRE(l2[0].pieces.size() == 2);
    // The line starts with a full-width opening mark: its blank half is dropped.
    CHECK(l2[0].pieces[0] == LinePiece{"（AI）芯片", -5, 50});
    CHECK(l2[0].pieces[1] == LinePiece{"3nm", 50, 15});

    // A space written between Han and Latin becomes the gap.
    CHECK(texts(break_paragraph("上海 AI 实验室", kMeasure, zh(20))) == std::vector<std::string>{"上海AI实验室"});
}

TEST_CASE("no gap at a line start or end", "[text][linebreak]") {
    // 上海 (2 em) | AI: the gap would fall on the break.
    auto lines = break_paragraph("上海AIxyz实验", kMeasure, zh(3));
    CHECK(texts(lines) == std::vector<std::string>{"上海", "AIxyz", "实验"});
    for (const auto& l : lines) {
        REQUIRE(l.pieces.size() == 1);
        CHECK(l.pieces[0].x == 0);
        CHECK(l.width == Approx(l.pieces[0].width));
    }
    // 上海AI (3.25 em with the gap) does not fit 3.2 em, fits 3.25 em.
    CHECK(texts(break_paragraph("上海AI实验", kMeasure, zh(3.2))) == std::vector<std::string>{"上海", "AI", "实验"});
    CHECK(texts(break_paragraph("上海AI实验", kMeasure, zh(3.25))) == std::vector<std::string>{"上海AI", "实验"});
}

TEST_CASE("source newlines and spaces inside Chinese are removed", "[text][linebreak]") {
    CHECK(normalize_paragraph("上海人工\n智能") == "上海人工智能");
    CHECK(normalize_paragraph("上海人工 \r\n  智能，\n产业") == "上海人工智能，产业");
    CHECK(normalize_paragraph("Shanghai\nAI  lab\t2018") == "Shanghai AI lab 2018");
    CHECK(normalize_paragraph("  \n上海\n") == "上海");
    CHECK(normalize_paragraph("他说：\nAI") == "他说：AI");
    auto lines = break_paragraph("上海人工\n智能", kMeasure, zh(10));
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].text() == "上海人工智能");
    CHECK(lines[0].pieces.size() == 1);
    CHECK(texts(break_paragraph("Shanghai\nAI", kMeasure, en(20))) == std::vector<std::string>{"Shanghai AI"});
    CHECK(break_paragraph(" \n ", kMeasure, zh(10)).empty());
    CHECK(break_paragraph("", kMeasure, zh(10)).empty());
}

TEST_CASE("a Latin word longer than the line is broken by character, without overflow", "[text][linebreak]") {
    const std::string url = "https://www.example.com/reports/2018/shanghai-ai.pdf";
    const std::string s = "详见" + url + "原文。";
    for (double w : {3.0, 4.0, 7.5, 10.0}) {
        INFO("width " << w << " em");
        auto lines = break_paragraph(s, kMeasure, zh(w));
        CHECK(joined(lines) == s);
        for (const auto& l : lines) {
            CHECK(l.width <= w * 10 + 1e-9);
            CHECK_FALSE(no_line_start(first_cp(l.text())));
        }
    }
    // English: the word is broken only where it must be.
    auto lines = break_paragraph("see " + url + " now", kMeasure, en(10));
    CHECK(joined(lines) == "see " + url + " now");
    for (const auto& l : lines) CHECK(l.width <= 100 + 1e-9);
    CHECK(lines.front().text().rfind("see ", 0) == 0);
    // At least one character per line even when narrower than a character.
    auto tiny = break_paragraph("上海AI", kMeasure, zh(0.3));
    CHECK(texts(tiny) == std::vector<std::string>{"上", "海", "A", "I"});
}

TEST_CASE("Chinese justification fills non-last lines exactly on the character grid", "[text][linebreak]") {
    const std::string s = "上海市人民政府印发关于加快推进人工智能高质量发展的实施办法，2018年融资额超过600亿元。";
    for (double w : {9.5, 7.3, 12.0, 5.55}) {
        INFO("width " << w << " em");
        const double W = w * 10;
        auto lines = break_paragraph(s, kMeasure, zh(w, Justify::justify));
        REQUIRE(lines.size() > 1);
        CHECK(joined(lines) == s);
        for (const auto& l : lines) {
            INFO(l.text());
            CHECK(l.word_spacing == 0);
            if (l.last) {
                CHECK(l.char_spacing == 0);
                CHECK(l.set_width() == Approx(l.width));
                continue;
            }
            CHECK(l.char_spacing >= 0);
            // A line before a unit kept whole ("600亿元") may be too short to stretch within
            // the limit (a quarter em between characters): then it is left unstretched.
            const auto chars = static_cast<double>(utf8::length(l.text()));
            if (W - l.width > 0.25 * 10 * (chars - 1)) {
                CHECK(l.char_spacing == 0);
                continue;
            }
            CHECK(std::abs(l.set_width() - W) < 1e-6);
            // The last glyph ends on the right edge: its piece's spacing after the final
            // character is not visible.
            const auto& p = l.pieces.back();
            double end = p.x + p.width + static_cast<double>(utf8::length(p.text) - 1) * l.char_spacing;
            CHECK(std::abs(end - W) < 1e-6);
        }
    }
    // Ragged Chinese: no spacing.
    for (const auto& l : break_paragraph(s, kMeasure, zh(9.5))) CHECK(l.char_spacing == 0);
}

TEST_CASE("English is ragged, or justified by word spacing", "[text][linebreak]") {
    const std::string s = "The quick brown fox jumps over the lazy dog";
    auto ragged = break_paragraph(s, kMeasure, en(10));
    CHECK(texts(ragged) == std::vector<std::string>{"The quick brown fox", "jumps over the lazy", "dog"});
    CHECK(ragged[0].trimmed == " ");
    CHECK(ragged[0].width == Approx(95));
    for (const auto& l : ragged) {
        CHECK(l.word_spacing == 0);
        CHECK(l.char_spacing == 0);
        REQUIRE(l.pieces.size() == 1);
    }
    auto just = break_paragraph(s, kMeasure, en(10, Justify::justify));
    REQUIRE(just.size() == 3);
    CHECK(just[0].word_spacing == Approx(5.0 / 3));
    CHECK(just[0].char_spacing == 0);
    CHECK(std::abs(just[0].set_width() - 100) < 1e-6);
    CHECK(std::abs(just[1].set_width() - 100) < 1e-6);
    CHECK(just[2].word_spacing == 0);
    CHECK(just[2].last);
}

TEST_CASE("widows and orphans", "[text][linebreak]") {
    CHECK(lines_on_page(5, 10) == 5);
    CHECK(lines_on_page(5, 5) == 5);
    CHECK(lines_on_page(5, 4) == 3);  // 4 would leave a widow
    CHECK(lines_on_page(5, 3) == 3);
    CHECK(lines_on_page(5, 2) == 2);
    CHECK(lines_on_page(5, 1) == 0);  // orphan
    CHECK(lines_on_page(2, 1) == 0);
    CHECK(lines_on_page(3, 2) == 0);  // 2 leaves a widow, 1 is an orphan
    CHECK(lines_on_page(4, 3) == 2);
    CHECK(lines_on_page(1, 1) == 1);
    CHECK(lines_on_page(0, 3) == 0);
    CHECK(lines_on_page(5, 0) == 0);
    CHECK(lines_on_page(3, 2, true) == 2);
    CHECK(lines_on_page(2, 1, true) == 1);
    CHECK(lines_on_page(5, 4, true) == 3);
}

TEST_CASE("round trip: no character lost or duplicated on random mixed text", "[text][linebreak]") {
    const std::vector<std::string> han = {"上海", "人工智能", "产业", "融资额", "超过", "亿元", "年", "的", "发展"};
    const std::vector<std::string> punct = {"，", "。", "、", "；", "：", "！", "？", "（", "）", "《", "》",
                                            "「", "」", "“", "”", "——", "……", "·", "%"};
    const std::vector<std::string> latin = {"AI", "Shanghai", "GPU", "2018", "600", "deep-learning",
                                            "https://example.com/a/b/c", "R&D", "x"};
    std::mt19937 rng(20181123);
    auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
    auto wide = [](const std::string& t) { return utf8::display_width(split_chars(t).front()) >= 2; };
    for (int round = 0; round < 400; ++round) {
        std::string input, expected, prev;
        int n = 1 + static_cast<int>(rng() % 25);
        for (int k = 0; k < n; ++k) {
            int kind = static_cast<int>(rng() % 3);
            std::string tok = kind == 0 ? pick(han) : kind == 1 ? pick(punct) : pick(latin);
            if (k > 0) {
                int sep = static_cast<int>(rng() % 4);  // none, space, newline, newline + indent
                std::string ws = sep == 0 ? "" : sep == 1 ? " " : sep == 2 ? "\n" : "\n  ";
                input += ws;
                // Whitespace survives (as one space) between two non-wide characters, and
                // between a wide character and a "·" separator.
                const std::string last = split_chars(prev).back(), first = split_chars(tok).front();
                bool prev_wide = utf8::display_width(last) >= 2;
                const bool separator = (prev_wide && first == "·") || (wide(tok) && last == "·");
                if (!ws.empty() && ((!prev_wide && !wide(tok)) || separator)) expected += " ";
            }
            input += tok;
            expected += tok;
            prev = tok;
        }
        INFO("input: " << input);
        REQUIRE(normalize_paragraph(input) == expected);
        double w = 1 + static_cast<double>(rng() % 200) / 10;  // 1 .. 21 em
        auto o = rng() % 2 ? zh(w, Justify::justify) : en(w, Justify::justify);
        INFO("width " << w << (o.lang == Lang::zh ? " zh" : " en"));
        auto lines = break_paragraph(input, kMeasure, o);
        CHECK(joined(lines) == expected);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const auto& l = lines[i];
            CHECK(l.last == (i + 1 == lines.size()));
            CHECK(!l.pieces.empty());
            CHECK(l.width <= o.width + 1e-9);
            if (!l.last && (l.char_spacing > 0 || l.word_spacing > 0)) CHECK(std::abs(l.set_width() - o.width) < 1e-6);
            for (const auto& p : l.pieces) CHECK(kMeasure.width(p.text) == Approx(p.width));
        }
    }
}

TEST_CASE("a number stays with its unit, date terms and short titles stay whole", "[text][linebreak]") {
    // "融资额超过600" would fit 7 em, but the number moves on with its unit.
    CHECK(texts(break_paragraph("融资额超过600亿元", kMeasure, zh(7))) == std::vector<std::string>{"融资额超过", "600亿元"});
    // 2019年上半年以前: "2019年" and "上半年" and "以前" are not split.
    for (double w : {4.0, 5.0, 6.0, 7.0}) {
        INFO("width " << w);
        for (const auto& line : texts(break_paragraph("截至2019年上半年以前的人数", kMeasure, zh(w)))) {
            CHECK((line.find("上半") == std::string::npos || line.find("上半年") != std::string::npos));
            CHECK((line.find("2019") == std::string::npos || line.find("2019年") != std::string::npos));
        }
    }
    // A title of up to eight characters in 《》 is not broken when the line can hold it.
    for (double w : {6.0, 7.0, 8.0, 9.0})
        for (const auto& line : texts(break_paragraph("小说《官司》首发于《福建文学》杂志", kMeasure, zh(w)))) {
            INFO(line);
            const bool open = line.find("《") != std::string::npos, close = line.find("》") != std::string::npos;
            CHECK(open == close);
        }
    // English: "48,000 km", "H1 2019", "c. 2019" keep their space.
    const auto en_lines = texts(break_paragraph("grew to about 48,000 km by H1 2019 and c. 2019 again", kMeasure, en(6)));
    for (const auto& line : en_lines) {
        INFO(line);
        CHECK(line.rfind("km", 0) != 0);
        CHECK(line.rfind("2019", 0) != 0);
    }
}

TEST_CASE("a Chinese paragraph does not end with a single character", "[text][linebreak]") {
    // Greedy: 五字一行 → "一二三四五" "六七八九十" "甲"; the line before gives one up.
    CHECK(texts(break_paragraph("一二三四五六七八九十甲", kMeasure, zh(5))) ==
          std::vector<std::string>{"一二三四五", "六七八九", "十甲"});
    // A closing mark after the character does not count as a second character.
    CHECK(texts(break_paragraph("一二三四五六七八九十甲。", kMeasure, zh(5))) ==
          std::vector<std::string>{"一二三四五", "六七八九", "十甲。"});
    // Justified: only when the line before can still be stretched to the measure.
    for (const auto& l : break_paragraph("一二三四五六七八九十甲", kMeasure, zh(5, Justify::justify)))
        if (!l.last) CHECK(l.set_width() == Approx(50));
    // English is left as it is.
    CHECK((texts(break_paragraph("aaaa bbbb c", kMeasure, en(4.5))).back() == "c"));
}

TEST_CASE("a full-width opening mark at a Chinese line start drops its blank half", "[text][linebreak]") {
    auto lines = break_paragraph("一二三四（五六）七八", kMeasure, zh(4));
    REQUIRE(lines.size() >= 2);
    CHECK(lines[1].text().rfind("（", 0) == 0);
    CHECK(lines[1].pieces[0].x == -5);
    CHECK(lines[0].pieces[0].x == 0);
}

TEST_CASE("a space between a Chinese character and a Latin mark stays", "[text][linebreak]") {
    // The separators between the languages of a line keep their spaces on both sides.
    CHECK(texts(break_paragraph("2018年 / 2018", kMeasure, zh(20))) == std::vector<std::string>{"2018年 / 2018"});
    CHECK(texts(break_paragraph("30日 · Prepared", kMeasure, zh(20))) == std::vector<std::string>{"30日 · Prepared"});
    CHECK(texts(break_paragraph("2018年  [1]", kMeasure, zh(20))) == std::vector<std::string>{"2018年 [1]"});
    // Next to a letter or digit the space becomes the Han–Latin gap; between Han it goes.
    CHECK(texts(break_paragraph("上海 AI 实验室", kMeasure, zh(20))) == std::vector<std::string>{"上海AI实验室"});
    CHECK(texts(break_paragraph("上海， AI", kMeasure, zh(20))) == std::vector<std::string>{"上海，AI"});
    CHECK(texts(break_paragraph("上海 实验室", kMeasure, zh(20))) == std::vector<std::string>{"上海实验室"});
}
