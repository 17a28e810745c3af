#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "base/diagnostic.h"
#include "base/files.h"
#include "base/json_text.h"
#include "base/utf8.h"

using namespace timeline;

TEST_CASE("diagnostic text names file, position, pointer, record and code", "[base]") {
    Diagnostic d{Severity::error, "date-invalid", "data/ai.json", {41, 17}, "/figures/3/date", "sh-ai-financing-2018",
                 "\"2018-13\" is not a valid date (month 13)"};
    CHECK(format_text(d) ==
          "data/ai.json:41:17 /figures/3/date [sh-ai-financing-2018]: error: \"2018-13\" is not a valid date (month 13) "
          "(date-invalid)");
    CHECK(format_json(d) ==
          R"J({"severity":"error","code":"date-invalid","file":"data/ai.json","line":41,"column":17,)J"
          R"J("pointer":"/figures/3/date","record":"sh-ai-financing-2018","message":"\"2018-13\" is not a valid date (month 13)"})J");
    Diagnostic bare{Severity::warning, "", "", {}, "", "", "something"};
    CHECK(format_text(bare) == "warning: something");
}

TEST_CASE("diagnostics sort by file and position, stably", "[base]") {
    Diagnostics ds;
    ds.error("b", "second", "a.json", {5, 1});
    ds.error("a", "first", "a.json", {2, 9});
    ds.warning("c", "other file", "b.json", {1, 1});
    ds.error("d", "also line 5", "a.json", {5, 1});
    ds.sort();
    CHECK(ds.items()[0].message == "first");
    CHECK(ds.items()[1].message == "second");
    CHECK(ds.items()[2].message == "also line 5");
    CHECK(ds.items()[3].message == "other file");
    CHECK(ds.count(Severity::error) == 3);
    CHECK(ds.has_errors());
}

TEST_CASE("JSON quoting and pointer tokens", "[base]") {
    CHECK(json_quote("a\"b\\c\n\x01商") == "\"a\\\"b\\\\c\\n\\u0001商\"");
    CHECK(pointer_append("/a", "x/y~z") == "/a/x~1y~0z");
    CHECK(pointer_append("", std::size_t{3}) == "/3");
}

TEST_CASE("UTF-8 validation finds the first bad byte", "[base]") {
    CHECK(utf8::valid("上海 AI"));
    CHECK(utf8::first_invalid("ab\xC0\xAF") == std::size_t{2});     // overlong '/'
    CHECK(utf8::first_invalid("\xED\xA0\x80") == std::size_t{0});   // surrogate
    CHECK(utf8::first_invalid("x\xF4\x90\x80\x80") == std::size_t{1});  // above U+10FFFF
    CHECK(utf8::first_invalid("\xE4\xB8") == std::size_t{0});       // truncated
    CHECK(utf8::length("商汤AI") == 4);
    std::string s;
    utf8::append(s, 0x20BB7);
    std::size_t i = 0;
    CHECK(utf8::decode(s, i) == 0x20BB7);
    CHECK(i == 4);
    CHECK(utf8::codepoint_name(0x1F600) == "U+1F600");
}

TEST_CASE("decoding any text: valid sequences whole, else U+FFFD and one byte", "[base]") {
    // Every lead byte of a three-byte form with every two bytes after it, and cut short.
    for (unsigned lead = 0xE0; lead <= 0xEF; ++lead)
        for (unsigned b1 = 0; b1 < 256; ++b1)
            for (unsigned b2 = 0; b2 < 256; b2 += (b1 & 0xC0) == 0x80 ? 1 : 64) {
                const std::string s{static_cast<char>(lead), static_cast<char>(b1), static_cast<char>(b2)};
                char32_t expected = 0;
                const std::size_t len = utf8::sequence_at(s, 0, expected);
                std::size_t i = 0;
                const char32_t got = utf8::next(s, i);
                REQUIRE(i == (len == 0 ? 1 : len));
                REQUIRE(got == (len == 0 ? char32_t{0xFFFD} : expected));
                std::size_t j = 0;
                REQUIRE(utf8::next(std::string_view(s).substr(0, 2), j) == 0xFFFD);
                REQUIRE(j == 1);
            }
    std::size_t i = 0;
    CHECK(utf8::next("\xE4\xB8\x8A", i) == U'上');
    CHECK(i == 3);
    i = 0;
    CHECK(utf8::next("\xED\xA0\x80", i) == 0xFFFD);  // a surrogate
    CHECK(i == 1);
    i = 0;
    CHECK(utf8::next("\xE0\x80\xAF", i) == 0xFFFD);  // overlong
}

TEST_CASE("atomic write replaces the whole file or nothing", "[base]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "timeline-base-test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string target = (dir / "brief.txt").string();
    Diagnostics d;
    REQUIRE(write_file_atomic(target, "first", d));
    REQUIRE(write_file_atomic(target, "second version", d));
    CHECK(read_file(target, d) == std::optional<std::string>("second version"));
    CHECK(d.empty());
    // No temporary files are left behind.
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
    // A directory that does not exist: a diagnostic, and nothing written.
    CHECK_FALSE(write_file_atomic((dir / "missing" / "x.txt").string(), "x", d));
    REQUIRE(d.size() == 1);
    CHECK(d.items()[0].code == "io-write");
    fs::remove_all(dir);
}

TEST_CASE("reading enforces the size limit", "[base]") {
    namespace fs = std::filesystem;
    const fs::path file = fs::temp_directory_path() / "timeline-base-limit.txt";
    std::ofstream(file) << std::string(100, 'x');
    Diagnostics d;
    CHECK_FALSE(read_file(file.string(), d, 50));
    REQUIRE(d.size() == 1);
    CHECK(d.items()[0].message == "file is 100 bytes; the limit is 50");
    CHECK(read_file(file.string(), d, 100));
    fs::remove(file);
}

TEST_CASE("display width counts CJK as two columns", "[base]") {
    CHECK(utf8::display_width("SenseTime") == 9);
    CHECK(utf8::display_width("商汤科技") == 8);
    CHECK(utf8::display_width("500余人，近350人") == 16);
    CHECK(utf8::display_width("e\xCC\x81") == 1);  // e + combining acute
}
