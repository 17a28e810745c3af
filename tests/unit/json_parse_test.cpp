#include <catch2/catch.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "json/parse.h"
#include "pocojson/values.h"

using namespace timeline;

namespace {

std::string first_message(const Diagnostics& d) {
    return d.empty() ? std::string() : format_text(d.items().front());
}

}  // namespace

TEST_CASE("values, member order and positions", "[json]") {
    Diagnostics d;
    const std::string text = "{\n  \"b\": 1,\n  \"a\": [true, null, \"商汤\", -2.5e3],\n  \"c\": {\"x\": \"y\"}\n}\n";
    auto doc = json::parse(text, "f.json", d);
    REQUIRE(doc);
    REQUIRE(d.empty());
    auto obj = json::to_var(doc->value()).extract<Poco::JSON::Object::Ptr>();
    CHECK(obj->getNames() == std::vector<std::string>{"b", "a", "c"});
    CHECK(obj->get("b").extract<Poco::Int64>() == 1);
    CHECK(json::to_string(json::to_var(doc->value())) == R"({"b":1,"a":[true,null,"商汤",-2500],"c":{"x":"y"}})");
    CHECK(doc->position("/a/2").line == 3);
    CHECK(doc->position("/a/2").column == 21);
    CHECK(doc->key_position("/a").column == 3);
    CHECK(doc->position("/c/x").line == 4);
    CHECK(doc->position("/c/x").column == 14);
    // Unknown pointers fall back to the nearest ancestor.
    CHECK(doc->position("/c/nope").column == 8);
    REQUIRE(json::resolve(doc->value(), "/a/2"));
    CHECK(json::resolve(doc->value(), "/a/2").str() == "商汤");
    CHECK_FALSE(json::resolve(doc->value(), "/a/9"));
}

TEST_CASE("columns count code points", "[json]") {
    Diagnostics d;
    auto doc = json::parse("{\"标题\": \"上海\", \"x\": 1}", "f.json", d);
    REQUIRE(doc);
    CHECK(doc->position("/x").column == 19);
    // As the parser counts them for its own messages: after Han, a Latin-1 letter and an
    // astral character in one string, the missing comma is at column 13.
    Diagnostics e;
    json::parse("{\"a\": \"上é𠮷\" \"b\": 1}", "f.json", e);
    REQUIRE(e.size() >= 1);
    CHECK(format_text(e.items()[0]).rfind("f.json:1:13: ", 0) == 0);
}

TEST_CASE("duplicate keys are errors and keep the first value", "[json]") {
    Diagnostics d;
    auto doc = json::parse("{\"id\": \"a\",\n \"id\": \"b\"}", "f.json", d);
    REQUIRE(doc);
    REQUIRE(d.size() == 1);
    CHECK(first_message(d) ==
          "f.json:2:2 /id: error: duplicate member \"id\" (first defined at line 1, column 2) (duplicate-key)");
    CHECK(json::to_var(doc->value()).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("id") == "a");
}

TEST_CASE("syntax errors name the position", "[json]") {
    struct Case {
        std::string text;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"", "f.json:1:1: error: the file holds no JSON value (empty-document)"},
        {"{\"a\": 1", "f.json:1:1: error: unexpected end of file: object opened here is not closed (json-truncated)"},
        {"[1, 2", "f.json:1:1: error: unexpected end of file: array opened here is not closed (json-truncated)"},
        {"{\"a\": 1,}", "f.json:1:9: error: trailing comma before '}' (json-syntax)"},
        {"{\"a\" 1}", "f.json:1:6: error: expected ':' after member name \"a\", found character '1' (json-syntax)"},
        {"[01]", "f.json:1:2: error: invalid number: leading zeros are not allowed (json-syntax)"},
        {"[1.]", "f.json:1:2: error: invalid number: a digit must follow '.' (json-syntax)"},
        {"[tru]", "f.json:1:2: error: expected a JSON value, found character 't' (json-syntax)"},
        {"{} x", "f.json:1:4: error: unexpected character 'x' after the end of the JSON value (json-syntax)"},
        {"[\"a\\q\"]", "f.json:1:4: error: invalid escape \\q in string (json-syntax)"},
        {"{a: 1}", "f.json:1:2: error: expected a member name in double quotes, found character 'a' (json-syntax)"},
        {"[\"abc", "f.json:1:2: error: unexpected end of file: string opened here is not closed (json-truncated)"},
    };
    for (const auto& c : cases) {
        Diagnostics d;
        CAPTURE(c.text);
        CHECK_FALSE(json::parse(c.text, "f.json", d));
        CHECK(first_message(d) == c.message);
    }
}

TEST_CASE("invalid UTF-8 and lone surrogates are reported, all of them", "[json]") {
    Diagnostics d;
    auto doc = json::parse("[\"a\xFF\", \"\\uD800\", \"ok\", \"\xC3\x28\"]", "f.json", d);
    REQUIRE(doc);
    REQUIRE(d.size() == 3);
    CHECK(format_text(d.items()[0]) == "f.json:1:4 /0: error: invalid UTF-8 byte 0xFF in string (invalid-utf8)");
    CHECK(format_text(d.items()[1]) == "f.json:1:9 /1: error: lone surrogate \\uD800 in string (invalid-unicode)");
    CHECK(format_text(d.items()[2]) == "f.json:1:25 /3: error: invalid UTF-8 byte 0xC3 in string (invalid-utf8)");
}

TEST_CASE("surrogate pairs decode", "[json]") {
    Diagnostics d;
    auto doc = json::parse("[\"\\uD842\\uDFB7\"]", "f.json", d);
    REQUIRE(doc);
    CHECK(d.empty());
    CHECK(json::to_var(doc->value()).extract<Poco::JSON::Array::Ptr>()->getElement<std::string>(0) == "\xF0\xA0\xAE\xB7");
}

TEST_CASE("limits: nesting, string size, integer range", "[json]") {
    {
        Diagnostics d;
        std::string deep(10000, '[');
        CHECK_FALSE(json::parse(deep, "f.json", d));
        CHECK(first_message(d) == "f.json:1:257: error: arrays and objects are nested more than 256 deep (nesting-too-deep)");
    }
    {
        Diagnostics d;
        std::string big = "{\"t\": \"" + std::string(10 * 1024 * 1024, 'x') + "\"}";
        auto doc = json::parse(big, "f.json", d);
        CHECK(first_message(d) == "f.json:1:7 /t: error: string is longer than 1048576 bytes (string-too-long)");
    }
    {
        Diagnostics d;
        auto doc = json::parse("[99999999999999999999, 1e999, 1e-999]", "f.json", d);
        REQUIRE(d.size() == 2);
        CHECK(format_text(d.items()[0]) ==
              "f.json:1:2 /0: error: integer 99999999999999999999 is outside the range of 64-bit integers (number-out-of-range)");
        CHECK(format_text(d.items()[1]) == "f.json:1:24 /1: error: number 1e999 is too large (number-out-of-range)");
    }
    {
        Diagnostics d;
        json::ParseLimits lim;
        lim.big_integers = json::BigIntegers::as_double;
        auto doc = json::parse("[99999999999999999999]", "f.json", d, lim);
        REQUIRE(doc);
        CHECK(d.empty());
        CHECK(json::to_var(doc->value()).extract<Poco::JSON::Array::Ptr>()->get(0).type() == typeid(double));
    }
}

TEST_CASE("a byte order mark is skipped", "[json]") {
    Diagnostics d;
    auto doc = json::parse("\xEF\xBB\xBF{\"a\": 1}", "f.json", d);
    REQUIRE(doc);
    CHECK(d.empty());
    CHECK(doc->position("/a").column == 7);
}

TEST_CASE("positions inside strings account for escapes", "[json]") {
    Diagnostics d;
    auto doc = json::parse("{\"t\": \"a\\n\\u00e9商{{x}}\"}", "f.json", d);
    REQUIRE(doc);
    const std::string& t = json::to_var(doc->value()).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("t");
    const auto offset = t.find("{{");
    // {"t": "a\n\u00e9商{{x}}"}: the string opens at column 7; '{' is at column 7+1+1+2+6+1.
    CHECK(doc->position_in_string("/t", offset).column == 18);
    CHECK(doc->position_in_string("/t", 0).column == 8);
}

// Fuzzing finding (fuzz/regressions/json/negative-zero.json): -0.0 was printed as "-0", which
// reads back as the integer 0, so a document did not print as itself.
TEST_CASE("a negative zero prints as a number that reads back as itself", "[json]") {
    timeline::Diagnostics d;
    const auto doc = timeline::json::parse("[-0.0, -0e5, 0.0, -0]", "z.json", d);
    REQUIRE(doc);
    const std::string once = timeline::json::to_string(json::to_var(doc->value()));
    CHECK(once == "[-0.0,-0.0,0,0]");
    const auto again = timeline::json::parse(once, "z.json", d);
    REQUIRE(again);
    CHECK(timeline::json::to_string(json::to_var(again->value())) == once);
    CHECK(d.empty());
}

// Fuzzing finding (fuzz/regressions/json/whole-double-beyond-int64.json): a double with a
// whole value beyond int64 printed as digits only, which reads back as an integer out of range.
TEST_CASE("a whole double beyond int64 prints as a number that reads back as itself", "[json]") {
    timeline::Diagnostics d;
    const auto doc = timeline::json::parse("[677570000069657591456.81847757516, -1e19, 1e300, 9.2e18]", "w.json", d);
    REQUIRE(doc);
    const std::string once = timeline::json::to_string(json::to_var(doc->value()));
    CHECK(once == "[6.775700000696576e+20,-1e+19,1e+300,9.2e+18]");
    const auto again = timeline::json::parse(once, "w.json", d);
    REQUIRE(again);
    CHECK(timeline::json::to_string(json::to_var(again->value())) == once);
    CHECK(d.empty());
}

TEST_CASE("the tree: members in order, items, lookups and Poco values alike", "[json]") {
    Diagnostics d;
    auto doc = json::parse(R"({"b": [1, 2.5, "x", null, true], "a": {"k": -3}, "big": 18446744073709551615})", "t.json", d,
                           json::ParseLimits{256, 1u << 20, json::BigIntegers::as_double});
    REQUIRE(doc);
    const json::Value root = doc->value();
    REQUIRE(root.is_object());
    REQUIRE(root.size() == 3);
    CHECK(root.key(0) == "b");
    CHECK(root.key(1) == "a");
    const json::Value b = root.find("b");
    REQUIRE(b.size() == 5);
    CHECK(b.item(0).integer() == 1);
    CHECK(b.item(1).number() == 2.5);
    CHECK(b.item(2).str() == "x");
    CHECK(b.item(3).is_null());
    CHECK(b.item(4).boolean());
    CHECK(root.find("a").find("k").integer() == -3);
    CHECK(root.find("big").type() == json::Type::number);
    CHECK_FALSE(root.find("nope"));
    CHECK_FALSE(root.find("nope").is_null());  // absent is not null
    CHECK(json::resolve(root, "/b/2").str() == "x");
    CHECK_FALSE(json::resolve(root, "/b/9"));
    // Through Poco and back, and as text.
    const auto again = json::from_var(json::to_var(doc->value()));
    CHECK(json::to_text(again->root()) == json::to_text(root));
    CHECK(json::to_text(root) == R"({"b":[1,2.5,"x",null,true],"a":{"k":-3},"big":1.8446744073709552e+19})");
}

TEST_CASE("duplicate keys are found in objects of many members", "[json]") {
    std::string text = "{";
    for (int k = 0; k < 40; ++k) text += "\"m" + std::to_string(k) + "\": " + std::to_string(k) + ",\n";
    text += "\"m17\": 99, \"m39\": 98, \"m40\": 1}";
    Diagnostics d;
    auto doc = json::parse(text, "f.json", d);
    REQUIRE(doc);
    REQUIRE(d.size() == 2);
    CHECK(format_text(d.items()[0]) ==
          "f.json:41:1 /m17: error: duplicate member \"m17\" (first defined at line 18, column 1) (duplicate-key)");
    CHECK(format_text(d.items()[1]) ==
          "f.json:41:12 /m39: error: duplicate member \"m39\" (first defined at line 40, column 1) (duplicate-key)");
    const json::Value root = doc->value();
    CHECK(root.size() == 41);
    CHECK(root.find("m17").integer() == 17);
}

TEST_CASE("positions on one long line, after values are dropped", "[json]") {
    // A data file written by a program is often one line: positions past the 4 KB
    // checkpoints, and in Han text, count code points.
    std::string text = "[";
    for (int k = 0; k < 400; ++k) text += "{\"id\":\"e" + std::to_string(k) + "\",\"t\":\"商汤科技\"},";
    text += "{\"id\":\"last\"}]";
    Diagnostics d;
    auto doc = json::parse(text, "f.json", d);
    REQUIRE(doc);
    const std::size_t byte = text.find("\"last\"");
    // Columns before it: one per ASCII byte, one per Han character (3 bytes).
    const std::size_t han = 400 * 4;
    const int column = static_cast<int>(byte - 2 * han + 1);
    CHECK(doc->position("/400/id").line == 1);
    CHECK(doc->position("/400/id").column == column);
    doc->drop_values();
    CHECK(doc->position("/400/id").column == column);
    CHECK(doc->key_position("/400/id").column == column - 5);
    CHECK(doc->value().item(400).find("id").str() == "last");
}
