// Unit tests of the JSON Schema draft-07 validator (src/schema/validator.h): messages, error
// order, $ref across documents, compile-time schema problems. The official test suite runs
// separately (tests/schema-suite).
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "json/parse.h"
#include "schema/validator.h"

namespace {

using timeline::schema::Error;
using timeline::schema::kUncheckedPattern;
using timeline::schema::SchemaRegistry;
using timeline::schema::Validator;

// A JSON value for a schema (the tree) or an instance (its root).
struct Json {
    std::shared_ptr<const timeline::json::Tree> tree;
    operator std::shared_ptr<const timeline::json::Tree>() const { return tree; }
    operator timeline::json::Value() const { return tree->root(); }
};

Json json(const std::string& text) {
    timeline::Diagnostics diags;
    timeline::json::ParseLimits limits;
    limits.big_integers = timeline::json::BigIntegers::as_double;
    auto doc = timeline::json::parse(text, "test.json", diags, limits);
    REQUIRE(doc);
    REQUIRE_FALSE(diags.has_errors());
    return {doc->tree()};
}

// A string instance, written as it is (no JSON escapes to spell).
Json str(const std::string& text) { return {timeline::json::string_tree(text)}; }

// One number made as a program makes it (json::Make), not parsed.
template <typename F>
Json made(F&& f) {
    timeline::json::Make m;
    f(m);
    return {m.finish()};
}

Validator compile(const std::string& schema, SchemaRegistry& registry,
                  const std::string& uri = "file:///schemas/test.schema.json") {
    std::vector<std::string> problems;
    auto v = Validator::compile(json(schema), uri, registry, problems);
    INFO((problems.empty() ? std::string() : problems.front()));
    REQUIRE(v);
    return *v;
}

Validator compile(const std::string& schema) {
    SchemaRegistry registry;
    return compile(schema, registry);
}

std::vector<std::string> compile_problems(const std::string& schema) {
    SchemaRegistry registry;
    std::vector<std::string> problems;
    auto v = Validator::compile(json(schema), "file:///schemas/bad.schema.json", registry, problems);
    CHECK_FALSE(v);
    return problems;
}

std::string messages(const std::vector<Error>& errors) {
    std::string out;
    for (const Error& e : errors) out += e.instance_pointer + " [" + e.keyword + "] " + e.message + "\n";
    return out;
}

}  // namespace

TEST_CASE("additionalProperties false names the unknown field and the allowed ones", "[schema]") {
    const Validator v = compile(R"({
        "type": "object",
        "properties": {"id": {}, "date": {}, "lane": {}, "title": {}},
        "additionalProperties": false
    })");
    const auto errors = v.validate(json(R"({"id": "a", "titel": "x"})"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == R"(unknown field "titel" (allowed: id, date, lane, title); did you mean "title"?)");
    CHECK(errors[0].instance_pointer == "/titel");
    CHECK(errors[0].schema_pointer == "/additionalProperties");
    CHECK(errors[0].keyword == "additionalProperties");
}

TEST_CASE("additionalProperties lists at most twelve names and mentions patterns", "[schema]") {
    const Validator v = compile(R"({
        "properties": {"a": {}, "b": {}, "c": {}, "d": {}, "e": {}, "f": {}, "g": {},
                       "h": {}, "i": {}, "j": {}, "k": {}, "l": {}, "m": {}},
        "patternProperties": {"^x-": {}},
        "additionalProperties": false
    })");
    const auto errors = v.validate(json(R"({"zz": 1})"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message ==
          R"(unknown field "zz" (allowed: a, b, c, d, e, f, g, h, i, j, k, l, ..., or names matching ^x-))");
}

TEST_CASE("required reports every missing field at the object", "[schema]") {
    const Validator v = compile(R"({"required": ["id", "lane", "title"]})");
    const auto errors = v.validate(json(R"({"id": "x"})"));
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].message == R"(missing required field "lane")");
    CHECK(errors[0].instance_pointer == "");
    CHECK(errors[0].keyword == "required");
    CHECK(errors[0].schema_pointer == "/required");
    CHECK(errors[1].message == R"(missing required field "title")");
}

TEST_CASE("type messages name the expected and the found type with the value", "[schema]") {
    const Validator v = compile(R"({"properties": {
        "s": {"type": "string"},
        "n": {"type": ["string", "null"]},
        "i": {"type": "integer"},
        "o": {"type": "array"}
    }})");
    const auto errors = v.validate(json(R"({"s": 42, "n": true, "i": 1.5, "o": {"a": 1}})"));
    REQUIRE(errors.size() == 4);
    CHECK(errors[0].message == "expected string, found number 42");
    CHECK(errors[0].instance_pointer == "/s");
    CHECK(errors[0].schema_pointer == "/properties/s/type");
    CHECK(errors[1].message == "expected string or null, found boolean true");
    CHECK(errors[2].message == "expected integer, found number 1.5");
    CHECK(errors[3].message == "expected array, found object");
}

TEST_CASE("integer accepts integral doubles and every kind of integer", "[schema]") {
    using timeline::json::Make;
    const Validator v = compile(R"({"type": "integer", "minimum": 1, "maximum": 2e19})");
    CHECK(v.is_valid(made([](Make& m) { m.number(1.0); })));
    CHECK(v.is_valid(made([](Make& m) { m.integer(7); })));
    CHECK(v.is_valid(made([](Make& m) { m.unsigned_integer(7); })));
    CHECK(v.is_valid(made([](Make& m) { m.unsigned_integer(18000000000000000000ULL); })));
    CHECK(v.is_valid(json("18000000000000000000")));
    CHECK_FALSE(v.is_valid(made([](Make& m) { m.integer(0); })));
    CHECK_FALSE(v.is_valid(made([](Make& m) { m.number(2.5); })));
}

TEST_CASE("enum lists the allowed values", "[schema]") {
    const Validator v = compile(R"({"enum": ["exact", "about", "over"]})");
    const auto errors = v.validate(json(R"("foo")"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == R"("foo" is not one of: exact, about, over)");
    CHECK(errors[0].keyword == "enum");
    CHECK(v.validate(json(R"("about")")).empty());
    CHECK(v.validate(json(R"("abuot")"))[0].message == R"("abuot" is not one of: exact, about, over; did you mean "about"?)");
}

TEST_CASE("enum and const compare numbers by value", "[schema]") {
    CHECK(compile(R"({"enum": [1, "a"]})").is_valid(json("1.0")));
    CHECK(compile(R"({"const": {"a": [1, 2.0]}})").is_valid(json(R"({"a": [1.0, 2]})")));
    const auto errors = compile(R"({"const": "v1"})").validate(json(R"("v2")"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == R"(expected "v1", found string "v2")");
}

TEST_CASE("pattern messages quote the value and the pattern", "[schema]") {
    const Validator v = compile(R"({"pattern": "^[a-z0-9]+$"})");
    const auto errors = v.validate(json(R"("Ab")"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == R"("Ab" does not match pattern ^[a-z0-9]+$)");
    CHECK(errors[0].keyword == "pattern");
    CHECK(v.validate(json(R"(42)")).empty());
}

TEST_CASE("patterns and lengths work on code points, not bytes", "[schema]") {
    CHECK(compile(R"({"pattern": "^.$"})").is_valid(json(R"("中")")));
    CHECK(compile(R"({"pattern": "^[一-龥]{2}$"})").is_valid(json(R"("上海")")));
    CHECK_FALSE(compile(R"({"pattern": "^[一-龥]{2}$"})").is_valid(json(R"("上海市")")));
    CHECK(compile(R"({"pattern": "^é+$"})").is_valid(json(R"("ééé")")));
    CHECK(compile(R"({"pattern": "^[^a]$"})").is_valid(json(R"("😀")")));
    CHECK(compile(R"({"pattern": "^\\uD83D\\uDE00$"})").is_valid(json(R"("😀")")));
    CHECK(compile(R"({"pattern": "\\S"})").is_valid(json("\"\\u3000x\"")));
    CHECK_FALSE(compile(R"({"pattern": "\\S"})").is_valid(json("\"\\u3000 \\t\"")));
    CHECK(compile(R"({"maxLength": 2})").is_valid(json(R"("上海")")));
    const auto errors = compile(R"({"maxLength": 2})").validate(json(R"("上海市")"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == R"("上海市" is 3 characters long, more than the maximum of 2)");
}

TEST_CASE("long strings and nested repetitions are matched safely", "[schema]") {
    const Validator v = compile(R"({"pattern": "^(?:a|b)*$"})");
    CHECK(v.is_valid(str(std::string(1000000, 'a'))));
    CHECK_FALSE(v.is_valid(str(std::string(1000000, 'a') + "c")));
    // Exponential for a plain backtracking matcher.
    const Validator nested = compile(R"({"pattern": "^(a+)+$"})");
    CHECK_FALSE(nested.is_valid(str(std::string(40, 'a') + "!")));
    CHECK(nested.is_valid(str(std::string(40, 'a'))));
    // Backreferences, on long texts too (ICU keeps its backtracking on the heap).
    const Validator backref = compile(R"({"pattern": "^(a)\\1*$"})");
    CHECK(backref.is_valid(str(std::string(100000, 'a'))));
    CHECK(backref.is_valid(str(std::string(1000000, 'a'))));
    CHECK_FALSE(backref.is_valid(str(std::string(1000000, 'a') + "b")));
}

TEST_CASE("a pattern that backtracks without end gives an error within the time limit", "[schema]") {
    // Fibonacci-many ways to split the a's, each tried before failing at "c".
    const Validator v = compile(R"({"pattern": "^(a|aa)*(b)\\2$"})");
    const auto t0 = std::chrono::steady_clock::now();
    const auto errors = v.validate(str(std::string(60, 'a') + "c"));
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds{5});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].keyword == kUncheckedPattern);
    CHECK(errors[0].message == "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\" could not be checked against pattern "
                               "^(a|aa)*(b)\\2$ within the time limit of the matcher: the pattern backtracks too much on it");
    // In patternProperties: the member's schema cannot be chosen, so it is an error too.
    const Validator names = compile(R"({"patternProperties": {"^(a|aa)*(b)\\2$": {"type": "string"}}})");
    const auto name_errors = names.validate(json("{\"" + std::string(60, 'a') + "c\": 1}"));
    REQUIRE(name_errors.size() == 1);
    CHECK(name_errors[0].keyword == kUncheckedPattern);
    CHECK(name_errors[0].message.rfind("field name \"aaaa", 0) == 0);
    // The same pattern on a text it can decide quickly.
    CHECK(v.is_valid(str(std::string("aaabb"))));
}

TEST_CASE("ECMA-262 meanings are kept where ICU's differ", "[schema]") {
    // $ is the very end (ICU's $ also matches before a final line break).
    CHECK_FALSE(compile(R"({"pattern": "^a$"})").is_valid(json(R"("a\n")")));
    // \d and \w are ASCII; \b looks at ASCII word characters.
    CHECK_FALSE(compile(R"({"pattern": "^\\d$"})").is_valid(json(R"("٣")")));
    CHECK_FALSE(compile(R"({"pattern": "^\\w$"})").is_valid(json(R"("é")")));
    // é is no word character: none of these is a boundary for ICU's Unicode \b, each is for
    // ECMA-262's and the other way round.
    CHECK_FALSE(compile(R"({"pattern": "\\bé"})").is_valid(json(R"("a é")")));
    CHECK(compile(R"({"pattern": "a\\b"})").is_valid(json(R"("aé")")));
    CHECK(compile(R"({"pattern": "a\\Bé"})").is_valid(json(R"("a é")")) == false);
    CHECK(compile(R"({"pattern": " \\Bé"})").is_valid(json(R"("a é")")));
    // . matches U+0085 (not a line terminator in ECMA-262) but not U+2028.
    CHECK(compile(R"({"pattern": "^.$"})").is_valid(json(R"("\u0085")")));
    CHECK_FALSE(compile(R"({"pattern": "^.$"})").is_valid(json(R"("\u2028")")));
    // Characters ICU would read as syntax are literals.
    CHECK(compile(R"({"pattern": "^[$#&~]{2}$"})").is_valid(json(R"("#~")")));
    CHECK(compile(R"({"pattern": "^a{2,}$"})").is_valid(json(R"("aaa")")));
    CHECK(compile(R"({"pattern": "^a{99999999999}"})").validate(json(R"("a")")).size() == 1);
    // Fuzzing finding (fuzz/regressions/schema/quantifier-count-over-icu-limit): counts above
    // ICU's 2^24 - 1 made ICU refuse the translated pattern ("the regular expression engine
    // refused the pattern"). They are capped, which keeps the meaning on any string a data set
    // can hold.
    const auto big = compile(R"({"pattern": "^[0-9]{20000000}"})").validate(json(R"("123")"));
    REQUIRE(big.size() == 1);
    CHECK(big[0].message == R"("123" does not match pattern ^[0-9]{20000000})");
    // Millions of empty iterations are beyond ICU's limits: said so, not guessed.
    const auto empty = compile(R"({"pattern": "^(?:a?){20000000}$"})").validate(json(R"("aaa")"));
    REQUIRE(empty.size() == 1);
    CHECK(empty[0].keyword == kUncheckedPattern);
    CHECK(empty[0].message.find("engine refused") == std::string::npos);
}

TEST_CASE("errors come in instance document order, then schema order", "[schema]") {
    const Validator v = compile(R"({
        "properties": {"a": {"type": "string"}, "b": {"type": "string", "minLength": 5}},
        "required": ["c"]
    })");
    // Members in the order written, not sorted by name.
    const auto errors = v.validate(json(R"({"b": 1, "a": 2})"));
    REQUIRE(errors.size() == 3);
    CHECK(messages(errors) ==
          " [required] missing required field \"c\"\n"
          "/b [type] expected string, found number 1\n"
          "/a [type] expected string, found number 2\n");
}

TEST_CASE("anyOf and oneOf report the most useful alternative", "[schema]") {
    const Validator v = compile(R"({
        "definitions": {
            "text": {"type": "object", "properties": {"en": {"type": "string"}}, "required": ["en"]}
        },
        "properties": {
            "when": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
            "title": {"oneOf": [{"type": "string"}, {"$ref": "#/definitions/text"}]}
        }
    })");
    const auto errors = v.validate(json(R"({"when": true, "title": {"en": 5}})"));
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].message == "expected string or integer, found boolean true");
    CHECK(errors[0].instance_pointer == "/when");
    CHECK(errors[0].keyword == "anyOf");
    CHECK(errors[1].message == "expected string, found number 5");
    CHECK(errors[1].instance_pointer == "/title/en");

    const auto both = compile(R"({"oneOf": [{"type": "number"}, {"minimum": 0}]})").validate(json("3"));
    REQUIRE(both.size() == 1);
    CHECK(both[0].message == R"(value matches more than one of the "oneOf" alternatives (0 and 1))");
}

TEST_CASE("$ref across two registered schema files", "[schema]") {
    SchemaRegistry registry;
    registry.add("file:///data/schemas/event.schema.json", json(R"({
        "$id": "event.schema.json",
        "definitions": {
            "lane": {"type": "string", "enum": ["industry", "policy"]},
            "event": {
                "type": "object",
                "properties": {"lane": {"$ref": "#/definitions/lane"}},
                "required": ["lane"],
                "additionalProperties": false
            }
        }
    })"));
    const Validator v = compile(R"({
        "type": "object",
        "properties": {"events": {"type": "array", "items": {"$ref": "event.schema.json#/definitions/event"}}}
    })", registry, "file:///data/schemas/dataset.schema.json");

    CHECK(v.validate(json(R"({"events": [{"lane": "policy"}]})")).empty());
    const auto errors = v.validate(json(R"({"events": [{"lane": "politics"}, {"lan": "policy"}]})"));
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].instance_pointer == "/events/0/lane");
    CHECK(errors[0].message == R"("politics" is not one of: industry, policy)");
    CHECK(errors[0].schema_pointer == "file:///data/schemas/event.schema.json#/definitions/lane/enum");
    CHECK(errors[1].instance_pointer == "/events/1");
    CHECK(errors[1].message == R"(missing required field "lane")");
    CHECK(errors[2].instance_pointer == "/events/1/lan");
    CHECK(errors[2].message == R"(unknown field "lan" (allowed: lane); did you mean "lane"?)");
}

TEST_CASE("map_directory serves schema files by URI prefix", "[schema]") {
    const auto dir = std::filesystem::temp_directory_path() / "tl-schema-test-remotes";
    std::filesystem::create_directories(dir / "sub");
    std::ofstream(dir / "sub" / "int.json") << R"({"type": "integer"})";
    SchemaRegistry registry;
    registry.map_directory("http://example.test/", dir.string());
    const Validator v = compile(R"({"items": {"$ref": "http://example.test/sub/int.json"}})", registry);
    CHECK(v.is_valid(json("[1, 2]")));
    CHECK_FALSE(v.is_valid(json(R"([1, "2"])")));

    std::vector<std::string> problems;
    CHECK_FALSE(Validator::compile(json(R"({"$ref": "http://example.test/../etc/passwd"})"), "", registry, problems));
    CHECK_FALSE(Validator::compile(json(R"({"$ref": "http://example.test/missing.json"})"), "", registry, problems));
    std::filesystem::remove_all(dir);
}

TEST_CASE("location-independent identifiers and base URI changes", "[schema]") {
    const Validator v = compile(R"({
        "$id": "http://example.test/root.json",
        "items": {"$ref": "#item"},
        "definitions": {
            "a": {"$id": "#item", "type": "integer"},
            "b": {"$id": "other/", "definitions": {"c": {"$id": "leaf.json", "type": "string"}}}
        },
        "properties": {"x": {"$ref": "other/leaf.json"}}
    })");
    CHECK(v.is_valid(json("[1, 2]")));
    CHECK_FALSE(v.is_valid(json(R"(["a"])")));
    CHECK(v.is_valid(json(R"({"x": "s"})")));
    CHECK_FALSE(v.is_valid(json(R"({"x": 1})")));
}

TEST_CASE("the draft-07 meta-schema is built in", "[schema]") {
    const Validator meta = compile(R"({"$ref": "http://json-schema.org/draft-07/schema#"})");
    CHECK(meta.is_valid(json(R"({"type": "object", "properties": {"a": {"minLength": 1}}})")));
    const auto errors = meta.validate(json(R"({"properties": {"a": {"minLength": -1}}})"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].instance_pointer == "/properties/a/minLength");
    CHECK(errors[0].message == "-1 is less than the minimum of 0");
}

TEST_CASE("objects and arrays made by a program are accepted", "[schema]") {
    using timeline::json::Make;
    const Validator v = compile(R"({"type": "object", "required": ["a"], "properties": {"a": {"type": "array"}}})");
    CHECK(v.is_valid(made([](Make& m) {
        m.begin_object();
        m.key("a");
        m.begin_array();
        m.end();
        m.end();
    })));
    const auto errors = v.validate(made([](Make& m) {
        m.begin_object();
        m.end();
    }));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == R"(missing required field "a")");
}

TEST_CASE("uniqueItems, items and numbers have clear messages", "[schema]") {
    CHECK(messages(compile(R"({"uniqueItems": true})").validate(json(R"([1, "a", 1.0, "a"])"))) ==
          "/2 [uniqueItems] item 2 is a duplicate of item 0 (items must be unique)\n"
          "/3 [uniqueItems] item 3 is a duplicate of item 1 (items must be unique)\n");
    CHECK(messages(compile(R"({"items": [{}], "additionalItems": false})").validate(json("[1, 2, 3]"))) ==
          "/1 [additionalItems] unexpected item 1 (at most 1 item is allowed)\n");
    CHECK(messages(compile(R"({"multipleOf": 0.01, "exclusiveMaximum": 10})").validate(json("10.005"))) ==
          " [multipleOf] 10.005 is not a multiple of 0.01\n"
          " [exclusiveMaximum] 10.005 is not less than the exclusive maximum of 10\n");
    CHECK(compile(R"({"multipleOf": 0.01})").is_valid(json("19.99")));
    CHECK(messages(compile(R"({"dependencies": {"end": ["start"]}})").validate(json(R"({"end": 1})"))) ==
          " [dependencies] field \"start\" is required when \"end\" is present\n");
    CHECK(messages(compile(R"({"propertyNames": {"pattern": "^[a-z]+$"}})").validate(json(R"({"Ab": 1})"))) ==
          "/Ab [propertyNames] invalid field name: \"Ab\" does not match pattern ^[a-z]+$\n");
}

TEST_CASE("problems in the schema are reported at compile time", "[schema]") {
    auto one = [](const std::string& schema) {
        const auto problems = compile_problems(schema);
        REQUIRE(problems.size() == 1);
        return problems[0];
    };
    CHECK(one(R"({"type": "strin"})") ==
          "file:///schemas/bad.schema.json#/type: \"strin\" is not a type (expected one of: array, boolean, integer, "
          "null, number, object, string)");
    CHECK(one(R"({"minLength": -1})") ==
          "file:///schemas/bad.schema.json#/minLength: minLength must be a non-negative integer, found number -1");
    CHECK(one(R"({"properties": {"a": {"$ref": "#/definitions/missing"}}})") ==
          "file:///schemas/bad.schema.json#/properties/a/$ref: cannot resolve $ref "
          "\"file:///schemas/bad.schema.json#/definitions/missing\": the document has no value at that pointer");
    CHECK(one(R"({"pattern": "(?<=a)b"})") ==
          "file:///schemas/bad.schema.json#/pattern: invalid pattern \"(?<=a)b\": lookbehind assertions are not supported");
    CHECK(one(R"({"pattern": "\\p{L}"})").find("are not supported") != std::string::npos);
    CHECK(one(R"({"pattern": "a\\Z"})").find("unknown escape \\Z") != std::string::npos);
    CHECK(one(R"({"properties": {"a": 3}})") ==
          "file:///schemas/bad.schema.json#/properties/a: a schema must be an object or a boolean, found number 3");
}

TEST_CASE("$ref cycles that never advance in the instance are rejected", "[schema]") {
    CHECK(compile_problems(R"({"$ref": "#"})").size() == 1);
    CHECK(compile_problems(R"({"definitions": {"a": {"anyOf": [{"type": "string"}, {"$ref": "#/definitions/a"}]}}})")
              .size() == 1);
    // Recursion through properties or items consumes the instance and is fine.
    const Validator tree = compile(R"({"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#"}}}})");
    CHECK(tree.is_valid(json(R"({"children": [{"children": []}, {}]})")));
    CHECK_FALSE(tree.is_valid(json(R"({"children": [{"children": [1]}]})")));
}

TEST_CASE("a validator validates many instances and copies share the program", "[schema]") {
    const Validator v = compile(R"({"type": "object", "properties": {"n": {"type": "integer", "maximum": 10}}})");
    const Validator copy = v;
    for (int i = 0; i < 20; ++i) {
        const Json o = json(R"({"n": )" + std::to_string(i) + "}");
        CHECK(copy.is_valid(o) == (i <= 10));
        CHECK(v.validate(o).empty() == (i <= 10));
    }
}

TEST_CASE("format assertions", "[schema]") {
    auto ok = [](const std::string& format, const std::string& value) {
        return compile(R"({"format": ")" + format + R"("})").is_valid(str(value));
    };
    CHECK(ok("date", "2020-02-29"));
    CHECK_FALSE(ok("date", "2019-02-29"));
    CHECK_FALSE(ok("date", "2019-13-01"));
    CHECK(ok("date-time", "2016-12-31T23:59:60Z"));
    CHECK_FALSE(ok("date-time", "2016-12-31T22:59:60Z"));
    CHECK(ok("time", "08:30:06.5+05:30"));
    CHECK(ok("email", "a.b+c@example.org"));
    CHECK_FALSE(ok("email", "a..b@example.org"));
    CHECK(ok("hostname", "xn--4gbwdl.example"));
    CHECK_FALSE(ok("hostname", "-bad.example"));
    CHECK(ok("ipv4", "10.0.0.255"));
    CHECK_FALSE(ok("ipv4", "10.0.0.01"));
    CHECK(ok("ipv6", "fe80::1:2"));
    CHECK(ok("ipv6", "::ffff:192.0.2.1"));
    CHECK_FALSE(ok("ipv6", "1::2::3"));
    CHECK(ok("uri", "https://example.org/a?b=c#d"));
    CHECK_FALSE(ok("uri", "/relative"));
    CHECK(ok("uri-reference", "../a/b"));
    CHECK(ok("json-pointer", "/a~1b/0"));
    CHECK_FALSE(ok("json-pointer", "/a~2"));
    CHECK(ok("relative-json-pointer", "1/a"));
    CHECK(ok("regex", "^[a-z]+(?:-[a-z]+)*$"));
    CHECK_FALSE(ok("regex", "(?<=x)y"));
    CHECK(ok("not-a-known-format", "anything"));
    CHECK(compile(R"({"format": "date"})").is_valid(json("20200101")));

    const auto errors = compile(R"({"format": "date"})").validate(str(std::string("2019-13-01")));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == R"("2019-13-01" is not a valid date (YYYY-MM-DD))");
}

TEST_CASE("registry loaders and lookups", "[schema]") {
    SchemaRegistry registry;
    int calls = 0;
    registry.add_loader([&calls](const std::string& uri, std::string& error) -> std::shared_ptr<const timeline::json::Tree> {
        ++calls;
        if (uri == "urn:test:positive") return json(R"({"$id": "urn:test:alias", "exclusiveMinimum": 0})");
        error = "unknown test schema " + uri;
        return nullptr;
    });
    const Validator v = compile(R"({"allOf": [{"$ref": "urn:test:positive"}, {"$ref": "urn:test:alias"}]})", registry);
    CHECK(calls == 1);
    CHECK(registry.contains("urn:test:positive"));
    CHECK(registry.contains("urn:test:alias#"));
    CHECK(registry.contains("file:///schemas/test.schema.json"));
    CHECK_FALSE(registry.contains("urn:test:other"));
    CHECK(v.is_valid(json("1")));
    CHECK_FALSE(v.is_valid(json("0")));

    std::vector<std::string> problems;
    CHECK_FALSE(Validator::compile(json(R"({"$ref": "urn:test:missing"})"), "", registry, problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("unknown test schema urn:test:missing") != std::string::npos);
}

TEST_CASE("not, if and contains do not report inner errors", "[schema]") {
    CHECK(messages(compile(R"({"not": {"type": "string"}})").validate(json(R"("x")"))) ==
          " [not] \"x\" must not match the \"not\" schema\n");
    CHECK(messages(compile(R"({"if": {"required": ["end"]}, "then": {"required": ["start"]}})")
                       .validate(json(R"({"end": 2})"))) == " [required] missing required field \"start\"\n");
    CHECK(messages(compile(R"({"contains": {"type": "string"}})").validate(json("[1, 2]"))) ==
          " [contains] array has no item matching the \"contains\" schema\n");
}
