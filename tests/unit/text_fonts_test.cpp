// Unit tests of the font set (src/text/fonts.h):
// parsing and its diagnostics, coverage, advances, font runs, subsetting, and that the PDF
// writer draws every glyph of a subset font (rendered with pdftoppm, ink counted per glyph).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "base/utf8.h"
#include "layout/display_list.h"
#include "pdf/writer.h"
#include "text/fonts.h"
#include "text/truetype.h"
#include "fixtures.h"
#include "theme/theme.h"

namespace {

using namespace timeline;
using namespace timeline::text;

const FontSet& fonts() { return testing::theme_fonts(); }

// The font chain of a text style of the theme.
const Chain& chain_of(theme::Style s) { return testing::theme().chain(testing::theme().text(s).chain); }

bool has_diag(const Diagnostics& d, const std::string& code, const std::string& needle) {
    for (const auto& x : d.items())
        if (x.code == code && x.message.find(needle) != std::string::npos) return true;
    return false;
}

std::string dump(const Diagnostics& d) {
    std::string s;
    for (const auto& x : d.items()) s += format_text(x) + "\n";
    return s;
}

std::string run_command(const std::string& cmd, int* status = nullptr) {
    std::string out;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    int st = ::pclose(p);
    if (status) *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return out;
}

bool have_program(const std::string& name) {
    int st = 0;
    run_command("command -v " + name + " >/dev/null 2>&1", &st);
    return st == 0;
}

}  // namespace

TEST_CASE("FontSet reports fonts it cannot use", "[text][fonts]") {
    FontFiles files;
    files["cjk-otf"] = theme::FontFile{std::string(TL_SOURCE_DIR) + "/report-templates/theme.json", 0, "", ""};  // not a font
    files["ttc"] = theme::FontFile{"/usr/share/fonts/truetype/arphic/uming.ttc", 7, "fonts-arphic-uming", ""};
    files["gone"] = theme::FontFile{"/nonexistent.ttf", 0, "fonts-noto-core", ""};
    Diagnostics d;
    CHECK_FALSE(FontSet::open(files, d));
    INFO(dump(d));
    CHECK(has_diag(d, "font-open", "index 7 does not exist"));
    CHECK(has_diag(d, "font-missing", "fonts-noto-core"));
    CHECK(d.size() == 3);
}

TEST_CASE("a font file cut short is reported as damaged, not as a font without outlines", "[text][fonts]") {
    const std::string source = fonts().files().at("latin-serif").file;
    std::ifstream in(source, std::ios::binary);
    std::string bytes(30 << 10, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(in.gcount() == static_cast<std::streamsize>(bytes.size()));
    char dir[] = "/tmp/tl-cut-font-XXXXXX";
    REQUIRE(::mkdtemp(dir));
    const std::string cut = std::string(dir) + "/cut.ttf";
    std::ofstream(cut, std::ios::binary) << bytes;
    FontFiles files;
    files["latin-serif"] = theme::FontFile{cut, 0, "fonts-noto-core", ""};
    Diagnostics d;
    CHECK_FALSE(FontSet::open(files, d));
    std::remove(cut.c_str());
    ::rmdir(dir);
    REQUIRE(d.size() == 1);
    CHECK(format_text(d.items()[0]) ==
          cut + ": error: font \"latin-serif\" is damaged or cut short: its outline tables (glyf, loca) run past the end of "
              "the file; reinstall its package or name another font file in the theme (font-open)");
}

TEST_CASE("coverage", "[text][fonts]") {
    const FontSet& fs = fonts();
    CHECK(fs.covers("zh-serif", U'上'));
    CHECK(fs.covers("zh-sans", U'上'));
    CHECK_FALSE(fs.covers("latin-serif", U'上'));
    CHECK(fs.covers("latin-serif", U'A'));
    CHECK(fs.covers("latin-sans-bold", U'é'));
    CHECK(fs.covers("zh-serif", U'，'));
    for (const auto& [name, ff] : fs.files()) CHECK_FALSE(fs.covers(name, U'\U00020BB7'));  // 𠮷
    CHECK_FALSE(fs.covers("no-such-font", U'A'));
    CHECK(fs.advance_units("zh-serif", U'\U00020BB7') == -1);
}

TEST_CASE("advances and metrics", "[text][fonts]") {
    const FontSet& fs = fonts();
    // CJK is set on a 1 em grid.
    CHECK(fs.advance("zh-serif", "上海", 10.5) == Approx(21.0));
    CHECK(fs.advance("zh-serif", "上海", 12) == Approx(24.0));
    CHECK(fs.advance("zh-sans", "人工智能", 10) == Approx(40.0));
    CHECK(fs.advance("zh-serif", "", 10) == 0);
    CHECK(fs.advance("no-such-font", "abc", 10) == 0);
    // Additive: layout may measure pieces separately.
    const std::string s = "Shanghai AI 2018";
    double sum = 0;
    for (char c : s) sum += fs.advance("latin-serif", std::string(1, c), 10);
    CHECK(fs.advance("latin-serif", s, 10) == Approx(sum));
    // Unkerned advance equals HarfBuzz shaping with kerning off (to the PDF's 1/1000 em).
    CHECK(fs.advance("latin-serif", s, 10) == Approx(fs.shaped_advance("latin-serif", s, 10, false)).margin(0.01 * s.size()));
    CHECK(fs.advance("zh-serif", "上海人工智能", 10) == Approx(fs.shaped_advance("zh-serif", "上海人工智能", 10)));
    CHECK(fs.advance("latin-sans", "AVAVAV", 10) > 0);

    VMetrics m = fs.metrics("latin-serif", 10);
    CHECK(m.ascender > 5);
    CHECK(m.ascender < 15);
    CHECK(m.descender < 0);
    CHECK(m.cap_height > 5);
    CHECK(m.cap_height < m.ascender);
    CHECK(fs.ascender("zh-serif", 10) > 5);
    CHECK(fs.descender("zh-serif", 10) < 0);
    CHECK(fs.cap_height("zh-sans", 10) > 0);
    CHECK(fs.units_per_em("latin-serif") == 1000);
}

TEST_CASE("split_runs: chain order decides, punctuation sticks to its run", "[text][fonts]") {
    const FontSet& fs = fonts();
    const Chain& body = chain_of(theme::Style::body);
    std::vector<char32_t> missing;

    auto texts = [](const std::vector<FontRun>& runs) {
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& r : runs) out.emplace_back(r.font, r.text);
        return out;
    };
    using P = std::vector<std::pair<std::string, std::string>>;

    const std::string s = "2018年上海AI融资超过600亿元";
    auto runs = fs.split_runs(s, body, missing);
    CHECK(missing.empty());
    CHECK(texts(runs) == P{{"latin-serif", "2018"}, {"zh-serif", "年上海"}, {"latin-serif", "AI"},
                           {"zh-serif", "融资超过"}, {"latin-serif", "600"}, {"zh-serif", "亿元"}});
    REQUIRE(runs.size() == 6);
    CHECK(runs[0].begin == 0);
    CHECK(runs[0].end == 4);
    CHECK(runs[1].begin == 4);
    CHECK(runs.back().end == s.size());

    // Spaces and Latin punctuation stay in the Latin run; CJK punctuation and quotes inside
    // Chinese go with the Chinese font.
    runs = fs.split_runs("Shanghai, 2018 (AI)：上海“人工智能”。", body, missing);
    CHECK(missing.empty());
    CHECK(texts(runs) == P{{"latin-serif", "Shanghai, 2018 (AI)"}, {"zh-serif", "：上海“人工智能”。"}});
    // A quote at the start takes the font of the following text.
    runs = fs.split_runs("“上海” said", body, missing);
    CHECK(texts(runs) == P{{"zh-serif", "“上海” "}, {"latin-serif", "said"}});
    // Combining marks follow their base.
    runs = fs.split_runs("Cafe\xCC\x81", body, missing);
    CHECK(texts(runs) == P{{"latin-serif", "Cafe\xCC\x81"}});

    // Characters no font covers are reported once each and split the runs, never dropped silently.
    runs = fs.split_runs("上𠮷海𠮷A", body, missing);
    CHECK(missing == std::vector<char32_t>{U'\U00020BB7'});
    CHECK(texts(runs) == P{{"zh-serif", "上"}, {"zh-serif", "海"}, {"latin-serif", "A"}});
    CHECK(utf8::codepoint_name(missing[0]) == "U+20BB7");

    missing.clear();
    runs = fs.split_runs("ab\xFF", body, missing);
    CHECK(runs.empty());
    CHECK(missing == std::vector<char32_t>{0xFFFD});

    missing.clear();
    CHECK(fs.split_runs("", body, missing).empty());
    CHECK(missing.empty());

    // Headings: bold Latin, Hei for Chinese.
    runs = fs.split_runs("AI产业", chain_of(theme::Style::heading), missing);
    CHECK(texts(runs) == P{{"latin-sans-bold", "AI"}, {"zh-sans", "产业"}});
}

TEST_CASE("measure: width of text in a style equals the sum of its runs", "[text][fonts]") {
    const FontSet& fs = fonts();
    const Chain& body = chain_of(theme::Style::body);
    for (std::string s : {"2018年上海AI融资超过600亿元", "Shanghai, 2018 (AI)", "上海人工智能“产业”。", " 上海 ",
                          "“上海” said", "上𠮷海", "", "  ", "Cafe\xCC\x81"}) {
        INFO(s);
        std::vector<char32_t> missing;
        double sum = 0;
        for (const auto& r : fs.split_runs(s, body, missing)) sum += fs.advance(r.font, r.text, 10.5);
        CHECK(fs.measure(s, body, 10.5) == Approx(sum));
        ChainMeasure m(fs, body, 10.5);
        CHECK(m.width(s) == Approx(sum));
    }
    CHECK(fs.measure("上海", body, 10) == Approx(20.0));
}

TEST_CASE("prefix widths: a paragraph measured once, every piece a difference", "[text][fonts]") {
    const FontSet& fs = fonts();
    for (const theme::Style style : {theme::Style::body, theme::Style::source}) {
        const Chain& chain = chain_of(style);
        for (std::string s : {"2018年上海AI融资超过600亿元（约合“近90亿美元”）。", "Shanghai, 2018 (AI) — “over 500”",
                              "称“Spider”系统；”“近350人", "上𠮷海", "", "Cafe\xCC\x81 au lait"}) {
            INFO(s);
            const auto p = fs.prefix_widths(s, chain, 10.5);
            REQUIRE(p.size() == s.size() + 1);
            CHECK(p.front() == 0);
            // The whole is what measure() gives; no piece is negative (a compressed mark still
            // keeps half its em).
            CHECK(p.back() == Approx(fs.measure(s, chain, 10.5)));
            for (std::size_t i = 1; i < p.size(); ++i) CHECK(p[i] >= p[i - 1] - 1e-9);
            // Text set in one font: every prefix (at a character boundary) is the measure of
            // that prefix.
            if (s.find("Shanghai") == 0)
                for (std::size_t i = 0; i <= s.size(); ++i)
                    if (i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80)
                        CHECK(p[i] == Approx(fs.measure(s.substr(0, i), chain, 10.5)));
        }
    }
}

TEST_CASE("a prepared paragraph breaks at any width as break_paragraph does", "[text][linebreak]") {
    const FontSet& fs = fonts();
    const Chain& body = chain_of(theme::Style::body);
    const ChainMeasure m(fs, body, 10.5);
    const std::string zh = "2018年，上海人工智能相关产业规模超过600亿元；2019年5月24日，“近350人”的研发团队在上海成立（据《解放日报》报道）。";
    const std::string en = "In 2018 the industry reached over 60 billion yuan, and a team of nearly 350 people was set up in Shanghai.";
    const auto same = [](const std::vector<LayoutLine>& a, const std::vector<LayoutLine>& b) {
        if (a.size() != b.size()) return false;
        for (std::size_t k = 0; k < a.size(); ++k)
            if (a[k].pieces != b[k].pieces || a[k].width != b[k].width || a[k].char_spacing != b[k].char_spacing ||
                a[k].word_spacing != b[k].word_spacing || a[k].last != b[k].last || a[k].trimmed != b[k].trimmed)
                return false;
        return true;
    };
    for (const auto& [text, lang] : {std::pair<std::string, text::Lang>{zh, text::Lang::zh}, {en, text::Lang::en}}) {
        const Paragraph prepared(text, m, lang, 10.5);
        for (double w = 40; w <= 400; w += 17.5)
            for (const Justify j : {Justify::ragged, Justify::justify}) {
                INFO(text << " at " << w);
                LineOptions o;
                o.width = w;
                o.lang = lang;
                o.justify = j;
                o.em = 10.5;
                const auto lines = prepared.lines(w, j);
                CHECK(!lines.empty());
                CHECK(same(lines, break_paragraph(text, m, o)));
            }
    }
}

TEST_CASE("a paragraph that fits is one line, set as the breaker sets that line in a longer one", "[text][linebreak]") {
    // A paragraph that fits its width whole is set without looking for break opportunities;
    // the same text as the first line of a paragraph that must break there (after it, one
    // more word or character that does not fit) is set by the breaker: the two agree.
    const FontSet& fs = fonts();
    const ChainMeasure m(fs, chain_of(theme::Style::body), 10.5);
    struct Case {
        std::string text, more;
        text::Lang lang;
    };
    const std::vector<Case> cases = {
        // Two more characters (one alone on the last line would take one from the line
        // before), neither a unit that stays with a number.
        {"2018年上海AI产业规模超过600亿元", "上海", text::Lang::zh},
        {"（据《解放日报》报道）上海成立研发团队", "上海", text::Lang::zh},  // an opening mark first
        {"In 2018 the industry reached over 60 billion yuan", "Shanghai", text::Lang::en},
        {"Spider 系统 in Shanghai", "Shanghai", text::Lang::en},
    };
    for (const auto& c : cases) {
        const auto alone = Paragraph(c.text, m, c.lang, 10.5).lines(1000, Justify::ragged);
        REQUIRE(alone.size() == 1);
        const double w = alone.front().width + 0.01;
        const auto fitting = Paragraph(c.text, m, c.lang, 10.5).lines(w, Justify::justify);
        const std::string longer = c.text + (c.lang == text::Lang::en ? " " : "") + c.more;
        const auto broken = Paragraph(longer, m, c.lang, 10.5).lines(w, Justify::ragged);
        INFO(c.text << " at " << w);
        REQUIRE(fitting.size() == 1);
        REQUIRE(broken.size() == 2);
        CHECK(fitting.front().last);
        CHECK(fitting.front().char_spacing == 0);  // a last line is never stretched
        CHECK(fitting.front().text() == broken.front().text());
        CHECK(fitting.front().width == Approx(broken.front().width).epsilon(1e-12));
        REQUIRE(fitting.front().pieces.size() == broken.front().pieces.size());
        for (std::size_t k = 0; k < fitting.front().pieces.size(); ++k) {
            CHECK(fitting.front().pieces[k].text == broken.front().pieces[k].text);
            CHECK(fitting.front().pieces[k].x == Approx(broken.front().pieces[k].x).margin(1e-9));
        }
        // A hair narrower, the paragraph breaks.
        CHECK(Paragraph(c.text, m, c.lang, 10.5).lines(alone.front().width - 0.5, Justify::ragged).size() == 2);
    }
}

TEST_CASE("UsedGlyphs collects code points per font", "[text][fonts]") {
    UsedGlyphs used;
    used.add("zh-serif", "上海上海");
    used.add(FontRun{"latin-serif", "AI", 0, 2});
    CHECK(used.of("zh-serif") == std::set<char32_t>{U'上', U'海'});
    CHECK(used.of("latin-serif") == std::set<char32_t>{U'A', U'I'});
    CHECK(used.of("other").empty());
    CHECK(used.fonts().size() == 2);
}

TEST_CASE("subset fonts are small", "[text][fonts]") {
    const FontSet& fs = fonts();
    const std::string twenty = "上海人工智能产业规模超过亿元融资年度发展报告";
    std::set<unsigned> gids;
    for (const char* font : {"zh-serif", "zh-sans"}) {
        gids.clear();
        for (std::size_t i = 0; i < twenty.size() && gids.size() < 20;) gids.insert(fs.glyph(font, utf8::decode(twenty, i)));
        REQUIRE(gids.size() == 20);
        auto t0 = std::chrono::steady_clock::now();
        const auto sub = fs.subset_glyphs(font, {gids.begin(), gids.end()}, false);
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        REQUIRE(!sub.bytes.empty());
        CHECK(sub.bytes.size() < 60 * 1024);
        WARN(font << " subset of 20 CJK characters: " << sub.bytes.size() << " bytes in " << ms << " ms");
    }
}

namespace {

// Bytes written to a file and opened as a font of their own ("sub").
std::unique_ptr<FontSet> open_bytes(const std::string& bytes, std::string& path) {
    char tmpl[] = "/tmp/tl-glyphs-XXXXXX";
    const int fd = ::mkstemp(tmpl);
    if (fd < 0) return nullptr;
    const bool written = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
    ::close(fd);
    path = tmpl;
    if (!written) return nullptr;
    FontFiles files;
    files["sub"] = theme::FontFile{path, 0, "", ""};
    Diagnostics d;
    return FontSet::open(files, d);
}

}  // namespace

TEST_CASE("a glyph subset keeps each glyph's advance, renumbered or with its id", "[text][fonts]") {
    const FontSet& fs = fonts();
    for (const char* font : {"zh-serif", "zh-sans", "latin-serif"}) {
        // 过 and ǖ are composites (kept with their components); 中 is simple.
        std::vector<unsigned> gids;
        for (char32_t cp : {U'过', U'中', U'A', U'ǖ', U'，', U'é', U'W'})
            if (const unsigned g = fs.glyph(font, cp)) gids.push_back(g);
        REQUIRE(gids.size() >= 3);
        for (const bool retain : {false, true}) {
            INFO(font << (retain ? " with its ids" : " renumbered"));
            const FontSet::GlyphSubset sub = fs.subset_glyphs(font, gids, retain);
            REQUIRE(!sub.bytes.empty());
            REQUIRE(sub.new_gid.size() == gids.size());
            if (retain) CHECK(sub.new_gid == gids);
            else
                for (unsigned g : sub.new_gid) CHECK(g < 3 * gids.size());  // compact
            std::string path;
            auto opened = open_bytes(sub.bytes, path);
            struct Remove {
                const std::string& p;
                ~Remove() { ::unlink(p.c_str()); }
            } remove{path};
            REQUIRE(opened);
            for (std::size_t k = 0; k < gids.size(); ++k)
                CHECK(opened->glyph_units("sub", sub.new_gid[k]) == fs.glyph_units(font, gids[k]));
            CHECK(opened->glyph_units("sub", 0) == fs.glyph_units(font, 0));
        }
        CHECK(fs.subset_glyphs(font, {}, false).bytes.size() > 0);  // .notdef alone
    }
    CHECK(fs.subset_glyphs("no-such-font", {1}, false).bytes.empty());
}

namespace {

// A font of six glyphs built by hand: 0 empty, 1, 3 and 4 simple, 2 a composite of 5 and of
// itself (a cycle), 5 a composite of 3.
struct TinyFont {
    std::map<std::string, std::string> tables;
    static void u16(std::string& s, unsigned v) {
        s += static_cast<char>(v >> 8);
        s += static_cast<char>(v & 0xFF);
    }
    TinyFont() {
        std::string head(54, '\0'), hhea(36, '\0'), maxp(6, '\0');
        maxp[5] = 6;   // numGlyphs
        hhea[35] = 4;  // numberOfHMetrics
        std::string simple;  // one contour: 12 bytes
        u16(simple, 1);
        simple += std::string(8, '\0');
        u16(simple, 0);  // endPtsOfContours
        auto composite = [](std::initializer_list<unsigned> parts) {
            std::string g;
            u16(g, 0xFFFF);  // numberOfContours -1
            g += std::string(8, '\0');
            std::size_t k = 0;
            for (unsigned p : parts) {
                u16(g, ++k < parts.size() ? 0x0020 : 0);  // MORE_COMPONENTS; byte arguments
                u16(g, p);
                u16(g, 0);
            }
            return g;
        };
        const std::vector<std::string> glyphs = {"", simple, composite({5, 2}), simple, simple, composite({3})};
        std::string glyf, loca;
        for (const auto& g : glyphs) {
            u16(loca, static_cast<unsigned>(glyf.size() / 2));
            glyf += g;
        }
        u16(loca, static_cast<unsigned>(glyf.size() / 2));
        std::string hmtx;
        for (unsigned k = 0; k < 4; ++k) {
            u16(hmtx, 100 * (k + 1));
            u16(hmtx, k);
        }
        u16(hmtx, 40);
        u16(hmtx, 50);
        tables = {{"head", head}, {"hhea", hhea}, {"maxp", maxp}, {"glyf", glyf}, {"loca", loca}, {"hmtx", hmtx}};
    }
    truetype::TableReader reader() const {
        return [this](std::uint32_t tag) {
            const std::string name = {static_cast<char>(tag >> 24), static_cast<char>((tag >> 16) & 0xFF),
                                      static_cast<char>((tag >> 8) & 0xFF), static_cast<char>(tag & 0xFF)};
            auto it = tables.find(name);
            return it == tables.end() ? std::string_view() : std::string_view(it->second);
        };
    }
};

unsigned be(const std::string& s, std::size_t at, int bytes) {
    unsigned v = 0;
    for (int k = 0; k < bytes; ++k) v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(k)]);
    return v;
}

// The table `name` of a font file.
std::string table_of(const std::string& font, const std::string& name) {
    const unsigned n = be(font, 4, 2);
    for (unsigned k = 0; k < n; ++k)
        if (font.compare(12 + 16 * k, 4, name) == 0) return font.substr(be(font, 12 + 16 * k + 8, 4), be(font, 12 + 16 * k + 12, 4));
    return {};
}

}  // namespace

TEST_CASE("a glyph subset follows composites, renumbers their parts and is a valid font file", "[text][fonts]") {
    TinyFont tiny;
    std::string error;
    auto sub = truetype::subset(tiny.reader(), {2, 99}, false, error);
    REQUIRE(sub);
    // Kept: 0, 2, 3 (through 5) and 5, numbered in the order of their old ids; 99 is not in
    // the font.
    CHECK(sub->new_gid == std::vector<unsigned>{1, 0});
    const std::string& f = sub->bytes;
    CHECK(be(table_of(f, "maxp"), 4, 2) == 4);
    CHECK(be(table_of(f, "hhea"), 34, 2) == 4);
    CHECK(be(table_of(f, "head"), 50, 2) == 1);  // long loca
    const std::string loca = table_of(f, "loca"), glyf = table_of(f, "glyf"), hmtx = table_of(f, "hmtx");
    REQUIRE(loca.size() == 4 * 5);
    // Old 2 (now 1) is the composite of old 5 (now 3) and of itself; old 5 of old 3 (now 2).
    const unsigned g1 = be(loca, 4, 4), g3 = be(loca, 12, 4);
    CHECK(be(glyf, g1 + 12, 2) == 3);
    CHECK(be(glyf, g1 + 18, 2) == 1);
    CHECK(be(glyf, g3 + 12, 2) == 2);
    // Advances of old 0, 2, 3 and 5 (beyond the four full metrics: the last advance, its own
    // left side bearing).
    CHECK(be(hmtx, 0, 2) == 100);
    CHECK(be(hmtx, 4, 2) == 300);
    CHECK(be(hmtx, 8, 2) == 400);
    CHECK(be(hmtx, 12, 2) == 400);
    CHECK(be(hmtx, 14, 2) == 50);
    // Tables are 4-byte aligned and the file sums to the magic number (checkSumAdjustment).
    REQUIRE(f.size() % 4 == 0);
    std::uint32_t sum = 0;
    for (std::size_t k = 0; k < f.size(); k += 4) sum += be(f, k, 4);
    CHECK(sum == 0xB1B0AFBAu);

    auto kept = truetype::subset(tiny.reader(), {3}, true, error);
    REQUIRE(kept);
    CHECK(kept->new_gid == std::vector<unsigned>{3});
    CHECK(be(table_of(kept->bytes, "maxp"), 4, 2) == 4);  // glyphs 0 to 3; 1 and 2 empty
    const std::string kloca = table_of(kept->bytes, "loca");
    CHECK(be(kloca, 4, 4) == be(kloca, 8, 4));
    CHECK(be(kloca, 8, 4) == be(kloca, 12, 4));
}

TEST_CASE("a glyph subset read through a copier is the same font, its outlines taken from the copies", "[text][fonts]") {
    TinyFont tiny;
    const std::string_view glyf = tiny.tables["glyf"], loca = tiny.tables["loca"];
    std::vector<std::pair<std::size_t, std::size_t>> parts;  // (table start, bytes) of each copy
    auto within = [](std::string_view part, std::string_view table) {
        return part.data() >= table.data() && part.data() + part.size() <= table.data() + table.size();
    };
    const truetype::Copier copy = [&](std::string_view part, char* out) {
        CHECK((within(part, glyf) || within(part, loca)));
        parts.emplace_back(within(part, glyf) ? 0 : 1, part.size());
        std::memcpy(out, part.data(), part.size());
    };
    std::string error;
    for (const bool retain : {false, true})
        for (const std::vector<unsigned>& gids : std::vector<std::vector<unsigned>>{{2, 99}, {3}, {5, 1}, {}}) {
            parts.clear();
            const auto direct = truetype::subset(tiny.reader(), gids, retain, error);
            const auto copied = truetype::subset(tiny.reader(), gids, retain, error, copy);
            REQUIRE(direct);
            REQUIRE(copied);
            CHECK(copied->bytes == direct->bytes);
            CHECK(copied->new_gid == direct->new_gid);
            // One run of offsets and one of outlines per wave: the glyphs asked for, then the
            // parts of their composites (2 -> 5 -> 3: three waves).
            CHECK(parts.size() <= 6);
            CHECK_FALSE(parts.empty());
        }
    // Outlines come from the copies: a copier that changes them changes the subset.
    const truetype::Copier altered = [&](std::string_view part, char* out) {
        std::memcpy(out, part.data(), part.size());
        if (within(part, glyf))
            for (std::size_t k = 0; k < part.size(); ++k)
                if (out[k] == 0) out[k] = 1;
    };
    const auto direct = truetype::subset(tiny.reader(), {1}, false, error);
    const auto changed = truetype::subset(tiny.reader(), {1}, false, error, altered);
    REQUIRE(direct);
    REQUIRE(changed);
    CHECK(table_of(changed->bytes, "glyf") != table_of(direct->bytes, "glyf"));
}

TEST_CASE("a glyph subset of a broken font is refused, not read past its tables", "[text][fonts]") {
    std::string error;
    {
        TinyFont t;
        t.tables["loca"].resize(10);  // six glyphs need 14 bytes
        CHECK_FALSE(truetype::subset(t.reader(), {1}, false, error));
        CHECK(error == "its loca or hmtx table is shorter than its 6 glyphs need");
    }
    {
        TinyFont t;
        t.tables["glyf"].resize(20);  // loca points beyond
        CHECK_FALSE(truetype::subset(t.reader(), {5}, false, error));
        CHECK(error == "the outline of glyph 5 lies beyond the end of its glyf table");
    }
    {
        TinyFont t;
        std::string& glyf = t.tables["glyf"];
        glyf[glyf.size() - 3] = 9;  // glyph 5's component is glyph 9 of 6
        CHECK_FALSE(truetype::subset(t.reader(), {5}, false, error));
        CHECK(error == "composite glyph 5 names a part that is not in the font");
    }
    {
        TinyFont t;
        t.tables.erase("hmtx");
        CHECK_FALSE(truetype::subset(t.reader(), {1}, false, error));
        CHECK(error == "its loca or hmtx table is shorter than its 6 glyphs need");
    }
    {
        TinyFont t;
        t.tables.erase("maxp");
        CHECK_FALSE(truetype::subset(t.reader(), {1}, false, error));
        CHECK(error == "its head, hhea, maxp or glyf table is missing or cut short");
    }
}

namespace {

// A binary PGM (P5) image as written by pdftoppm -gray.
struct Gray {
    int w = 0, h = 0;
    std::string px;
    bool read(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::string magic;
        int maxval = 0;
        in >> magic >> w >> h >> maxval;
        if (magic != "P5" || maxval != 255) return false;
        in.get();
        px.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
        in.read(px.data(), static_cast<std::streamsize>(px.size()));
        return static_cast<std::size_t>(in.gcount()) == px.size();
    }
    // Pixels darker than mid-grey in [x0, x1) × [y0, y1).
    int ink(double x0, double y0, double x1, double y1) const {
        int n = 0;
        for (int y = std::max(0, static_cast<int>(y0)); y < std::min(h, static_cast<int>(y1)); ++y)
            for (int x = std::max(0, static_cast<int>(x0)); x < std::min(w, static_cast<int>(x1)); ++x)
                if (static_cast<unsigned char>(px[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) +
                                                  static_cast<std::size_t>(x)]) < 128)
                    ++n;
        return n;
    }
};

// Box of one drawn character, in page pixels at 72 dpi.
struct Box {
    char32_t cp;
    double x0, x1;
    std::string font;
};

struct Rendered {
    std::vector<std::string> errors;  // the PDF writer's diagnostics
    std::string pdffonts;
    int pdffonts_status = -1;
    std::size_t pdf_bytes = 0;
    std::vector<Box> boxes;
    Gray img;
    bool ok = false;
};

constexpr double kSize = 40, kX0 = 20, kBaseline = 60;

// Draws the runs in one line with the PDF writer (fonts subset to what the line prints),
// renders the page with pdftoppm at 72 dpi and reads it back.
Rendered render(const FontSet& fs, const std::vector<FontRun>& runs) {
    Rendered out;
    double total = 0;
    for (const auto& r : runs) total += fs.advance(r.font, r.text, kSize);
    layout::DisplayList list;
    layout::Page page;
    page.width = total + 2 * kX0;
    page.height = 100;
    double x = kX0;
    for (const auto& r : runs) {
        layout::GlyphRun g;
        g.font = r.font;
        g.size = kSize;
        g.x = x;
        g.y = kBaseline;
        g.text = r.text;
        page.items.push_back(g);
        for (std::size_t i = 0; i < r.text.size();) {
            std::size_t b = i;
            char32_t cp = utf8::decode(r.text, i);
            double w = fs.advance(r.font, r.text.substr(b, i - b), kSize);
            out.boxes.push_back({cp, x, x + w, r.font});
            x += w;
        }
    }
    list.pages.push_back(page);

    char dir_tmpl[] = "/tmp/tl-fonts-test-XXXXXX";
    if (!::mkdtemp(dir_tmpl)) return out;
    const std::string dir = dir_tmpl;
    const std::string pdf_path = dir + "/ink.pdf";
    Diagnostics diags;
    pdf::write_document(list, fs, pdf_path, diags);
    for (const auto& d : diags.items()) out.errors.push_back(format_text(d));

    std::ifstream f(pdf_path, std::ios::binary | std::ios::ate);
    out.pdf_bytes = f ? static_cast<std::size_t>(f.tellg()) : 0;
    out.pdffonts = run_command("pdffonts " + pdf_path + " 2>/dev/null", &out.pdffonts_status);
    int st = 0;
    run_command("pdftoppm -r 72 -gray " + pdf_path + " " + dir + "/ink 2>/dev/null", &st);
    std::string pgm = run_command("ls " + dir + "/ink*.pgm 2>/dev/null | head -1");
    while (!pgm.empty() && (pgm.back() == '\n' || pgm.back() == '\r')) pgm.pop_back();
    out.ok = st == 0 && out.img.read(pgm) && out.img.w == static_cast<int>(total + 2 * kX0 + 0.5);
    run_command("rm -rf " + dir);
    return out;
}

int ink_of(const Rendered& r, char32_t cp) {
    for (const auto& b : r.boxes)
        if (b.cp == cp) return r.img.ink(b.x0, kBaseline - kSize, b.x1, kBaseline + kSize * 0.3);
    return -1;
}

}  // namespace

TEST_CASE("the PDF writer draws every glyph of subset fonts (ink per character)", "[text][fonts]") {
    if (!have_program("pdftoppm") || !have_program("pdffonts")) {
        WARN("pdftoppm/pdffonts (poppler-utils) not installed: ink test skipped");
        return;
    }
    const FontSet& fs = fonts();
    // 过 (U+8FC7) is a composite of 辶 (U+8FB6) and 寸; ǖ is a nested composite (ü + macron):
    // the subset must keep their components.
    const std::string text = "2018年上海AI融资超过600亿元，辶过 Wǖ";

    for (const theme::Style style_id : {theme::Style::heading, theme::Style::body}) {
        const std::string style_name(theme::name(style_id));
        std::vector<char32_t> missing;
        auto runs = fs.split_runs(text, chain_of(style_id), missing);
        INFO("style " << style_name);
        REQUIRE(missing.empty());

        Rendered r = render(fs, runs);
        INFO([&] {
            std::string s;
            for (const auto& e : r.errors) s += e + "\n";
            return s;
        }());
        REQUIRE(r.errors.empty());
        REQUIRE(r.ok);

        // Every font embedded and subset.
        INFO(r.pdffonts);
        REQUIRE(r.pdffonts_status == 0);
        std::istringstream lines(r.pdffonts);
        std::string line;
        int font_lines = 0;
        while (std::getline(lines, line)) {
            if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) continue;
            ++font_lines;
            CHECK(line.find("CID TrueType") != std::string::npos);
            CHECK(line.find(" yes yes ") != std::string::npos);  // emb sub
        }
        std::set<std::string> run_fonts;
        for (const auto& run : runs) run_fonts.insert(run.font);
        CHECK(font_lines == static_cast<int>(run_fonts.size()));

        for (const auto& b : r.boxes) {
            if (b.cp == U' ') continue;
            int ink = r.img.ink(b.x0, kBaseline - kSize, b.x1, kBaseline + kSize * 0.3);
            INFO(utf8::codepoint_name(b.cp) << " in " << b.font << ": " << ink << " px of ink");
            // A blank glyph has no ink. At 40 pt a Han character has hundreds of dark pixels;
            // UMing Light's "，" has only about a dozen.
            bool han = b.cp >= 0x3400 && b.cp <= 0x9FFF;
            CHECK(ink > (han ? 100 : 5));
        }
        // 过 = 辶 + 寸: clearly more ink than its component alone.
        int guo = ink_of(r, U'过'), chuo = ink_of(r, U'辶');
        INFO("过 " << guo << " px, 辶 " << chuo << " px");
        CHECK(guo > chuo * 13 / 10);
        WARN("style " << style_name << " (subset fonts): ink 过 " << guo << " px vs 辶 " << chuo << " px; PDF "
                      << r.pdf_bytes << " bytes");
    }
}

TEST_CASE("consecutive full-width punctuation is compressed (clreq 3.1.6)", "[text][fonts]") {
    const FontSet& fs = fonts();
    // "）：" "。”" "”“" take one and a half ems; a single mark keeps its em.
    CHECK(fs.advance("zh-serif", "）：", 10) == Approx(15));
    CHECK(fs.advance("zh-serif", "。”", 10) == Approx(15));
    CHECK(fs.advance("zh-serif", "”“", 10) == Approx(15));
    CHECK(fs.advance("zh-serif", "（《", 10) == Approx(15));
    CHECK(fs.advance("zh-serif", "））。", 10) == Approx(20));
    CHECK(fs.advance("zh-serif", "上海（", 10) == Approx(30));
    // An opening mark before a closing one is not compressed (both halves inked).
    CHECK(fs.advance("zh-serif", "“”", 10) == Approx(20));
    // Where: just after each compressed mark.
    CHECK(fs.compressed_marks("zh-serif", "约（2019年（存疑））") == std::vector<std::size_t>{std::string("约（2019年（存疑）").size()});
    // The measure of a style agrees with the runs.
    CHECK(fs.measure("上海（存疑）：", chain_of(theme::Style::body), 10) == Approx(65));
}

TEST_CASE("text between the italic marks is set in the italic of its font", "[text][fonts]") {
    const FontSet& fs = fonts();
    const Chain& body = chain_of(theme::Style::body);
    std::vector<char32_t> missing;
    std::string s = "novel ";
    utf8::append(s, kItalicOn);
    s += "Lawsuit";
    utf8::append(s, kItalicOff);
    s += " 官司";
    const auto runs = fs.split_runs(s, body, missing);
    CHECK(missing.empty());
    REQUIRE(runs.size() == 4);
    CHECK(runs[0].font == "latin-serif");
    CHECK(runs[1].font == "latin-serif-italic");
    CHECK(runs[1].text == "Lawsuit");  // the marks are never printed
    CHECK(runs[2].font == "latin-serif");
    CHECK(runs[3].font == "zh-serif");
    // Measured in the italic font: narrower than the upright word.
    CHECK(fs.measure(s, body, 10) == Approx(fs.advance("latin-serif", "novel ", 10) + fs.advance("latin-serif-italic", "Lawsuit", 10) +
                                            fs.advance("latin-serif", " ", 10) + fs.advance("zh-serif", "官司", 10)));
    CHECK(fs.advance("latin-serif-italic", "Lawsuit", 10) != Approx(fs.advance("latin-serif", "Lawsuit", 10)));
}

TEST_CASE("quotes in Chinese text are full width, quotes in English beside Chinese are not", "[text][fonts]") {
    const FontSet& fs = fonts();
    const Chain& body = chain_of(theme::Style::body);
    std::vector<char32_t> missing;
    auto font_of = [&](const std::string& s, const std::string& mark) {
        for (const auto& r : fs.split_runs(s, body, missing))
            if (r.text.find(mark) != std::string::npos) return r.font;
        return std::string();
    };
    CHECK(font_of("节目称“Spider”系统", "“") == "zh-serif");
    CHECK(font_of("节目称“Spider”系统", "”") == "zh-serif");
    CHECK(font_of("解放军报 A novel blew the ‘assembly number’", "‘") == "latin-serif");
    CHECK(font_of("解放军报 A novel blew the ‘assembly number’", "’") == "latin-serif");
}
