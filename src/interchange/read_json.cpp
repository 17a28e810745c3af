// TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html):
// {"title": slide, "events": [slide…], "eras": [era…], "scale": "human"|"cosmological"}.
#include <cmath>

#include "base/json_text.h"
#include "interchange/slides.h"
#include "json/parse.h"

namespace timeline::interchange {
namespace {

using json::Value;

const char* type_name(Value v) {
    if (v.is_null()) return "null";
    if (v.is_object()) return "an object";
    if (v.is_array()) return "an array";
    if (v.is_string()) return "a string";
    if (v.is_boolean()) return "true or false";
    return "a number";
}

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

class Reader {
public:
    Reader(const json::Document& doc, const std::string& file, Losses& losses, Diagnostics& diags)
        : doc_(doc), file_(file), losses_(losses), diags_(diags) {}

    std::optional<Timeline> run() {
        const Value root = doc_.value();
        if (!root.is_object()) {
            error("import-not-timelinejs",
                  std::string("not a TimelineJS timeline: the file holds ") + type_name(root) +
                      ", not an object with \"events\"",
                  "");
            return std::nullopt;
        }
        const Value o = root;
        if (!o.find("events").is_array()) {
            if (o.has("timeline") && !o.has("events"))
                error("import-not-timelinejs",
                      "a TimelineJS 2 file (\"timeline\": {\"date\": […]}): only TimelineJS3 JSON ({\"events\": […]}) "
                      "and the TimelineJS3 sheet can be imported",
                      "/timeline");
            else
                error("import-not-timelinejs",
                      "not a TimelineJS timeline: it has no \"events\" array (a TimelineJS file lists its slides in "
                      "\"events\")",
                      o.has("events") ? "/events" : "");
            return std::nullopt;
        }
        Timeline t;
        const Loc root_loc = at("");
        for (std::size_t m = 0; m < o.size(); ++m) {
            const std::string key(o.key(m));
            const Value v = o.item(m);
            const std::string p = pointer_append("", key);
            if (key == "events") {
                list(v, p, SlideKind::event, t.events);
            } else if (key == "eras") {
                if (v.is_null()) continue;
                if (!v.is_array()) wrong_type(p, v, "an array of eras");
                else list(v, p, SlideKind::era, t.eras);
            } else if (key == "title") {
                if (v.is_null()) continue;
                if (!v.is_object()) wrong_type(p, v, "a slide object");
                else t.title = slide(v, p, SlideKind::title);
            } else if (key == "scale") {
                // "human" or "cosmological": the years themselves decide what can be imported.
            } else {
                losses_.add(Loss::unknown, root_loc, key_at(p), key);
            }
        }
        return t;
    }

private:
    const json::Document& doc_;
    const std::string& file_;
    Losses& losses_;
    Diagnostics& diags_;
    Slide* slide_ = nullptr;  // the slide being read

    Loc at(const std::string& pointer) const { return {doc_.position(pointer), pointer}; }
    Loc key_at(const std::string& pointer) const { return {doc_.key_position(pointer), pointer}; }

    void error(const char* code, const std::string& message, const std::string& pointer) {
        diags_.error(code, message, file_, doc_.position(pointer), pointer);
        if (slide_) slide_->bad = true;
    }

    void wrong_type(const std::string& pointer, Value v, const char* expected) {
        error("import-wrong-type", std::string("expected ") + expected + ", found " + type_name(v), pointer);
    }

    void list(Value items, const std::string& pointer, SlideKind kind, std::vector<Slide>& out) {
        for (std::size_t k = 0; k < items.size(); ++k) {
            const Value v = items.item(k);
            const std::string p = pointer_append(pointer, k);
            if (!v.is_object()) {
                Slide s;
                s.kind = kind;
                s.loc = at(p);
                slide_ = &s;
                wrong_type(p, v, kind == SlideKind::era ? "an era object" : "a slide object");
                slide_ = nullptr;
                out.push_back(std::move(s));
                continue;
            }
            out.push_back(slide(v, p, kind));
        }
    }

    // A string member: strings and numbers are taken, null is absent.
    Field string_field(Value v, const std::string& pointer) {
        Field f{{}, at(pointer)};
        if (v.is_null()) return f;
        if (v.is_string()) f.value = v.str();
        else if (v.is_number()) f.value = json::to_text(v);
        else wrong_type(pointer, v, "a string");
        return f;
    }

    // A date part: an integer, or a string (TimelineJS trims it); null and "" are absent.
    Field part_field(Value v, const std::string& pointer) {
        Field f{{}, at(pointer)};
        if (v.is_null()) return f;
        if (v.is_string()) {
            f.value = trimmed(std::string(v.str()));
        } else if (v.type() == json::Type::integer) {
            f.value = std::to_string(v.integer());
        } else if (v.type() == json::Type::number) {
            const double d = v.number();
            f.value = std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15
                          ? std::to_string(static_cast<long long>(d))
                          : json::to_text(v);
        } else {
            wrong_type(pointer, v, "a number or a string of digits");
        }
        return f;
    }

    DateFields date(Value v, const std::string& pointer) {
        DateFields d;
        d.loc = at(pointer);
        if (v.is_null()) return d;
        if (!v.is_object()) {
            wrong_type(pointer, v, "a date object such as {\"year\": 2019, \"month\": 5}");
            return d;
        }
        d.given = true;
        for (std::size_t k = 0; k < v.size(); ++k) {
            const std::string key(v.key(k));
            const Value m = v.item(k);
            const std::string p = pointer_append(pointer, key);
            if (key == "year") d.year = part_field(m, p);
            else if (key == "month") d.month = part_field(m, p);
            else if (key == "day") d.day = part_field(m, p);
            else if (key == "hour" || key == "minute" || key == "second" || key == "millisecond") {
                const Field f = part_field(m, p);
                if (f.present() && !d.time.present()) d.time = f;
            } else if (key == "display_date") {
                d.display_date = string_field(m, p);
            } else if (key == "format") {
                if (!string_field(m, p).value.empty()) losses_.add(Loss::format, slide_->loc, at(p));
            } else {
                losses_.add(Loss::unknown, slide_->loc, key_at(p), key);
            }
        }
        return d;
    }

    Slide slide(Value o, const std::string& pointer, SlideKind kind) {
        Slide s;
        s.kind = kind;
        s.loc = at(pointer);
        slide_ = &s;
        for (std::size_t k = 0; k < o.size(); ++k) {
            const std::string key(o.key(k));
            const Value v = o.item(k);
            const std::string p = pointer_append(pointer, key);
            if (key == "start_date") {
                s.start = date(v, p);
            } else if (key == "end_date") {
                s.end = date(v, p);
            } else if (key == "text") {
                if (v.is_null()) continue;
                if (!v.is_object()) {
                    wrong_type(p, v, "an object {\"headline\": …, \"text\": …}");
                    continue;
                }
                for (std::size_t i = 0; i < v.size(); ++i) {
                    const std::string tk(v.key(i));
                    const std::string tp = pointer_append(p, tk);
                    if (tk == "headline") s.headline = string_field(v.item(i), tp);
                    else if (tk == "text") s.text = string_field(v.item(i), tp);
                    else losses_.add(Loss::unknown, s.loc, key_at(tp), "text/" + tk);
                }
            } else if (key == "media") {
                media(v, p);
            } else if (key == "group") {
                s.group = string_field(v, p);
            } else if (key == "display_date") {
                s.display_date = string_field(v, p);
            } else if (key == "background") {
                if (!v.is_null()) losses_.add(Loss::background, s.loc, at(p));
            } else if (key == "unique_id") {
                s.unique_id = string_field(v, p);
            } else if (key == "type") {
                if (!string_field(v, p).value.empty()) losses_.add(Loss::type, s.loc, at(p));
            } else if (key == "autolink") {
                // Whether TimelineJS turns URLs in the text into links: a brief has no links.
            } else {
                losses_.add(Loss::unknown, s.loc, key_at(p), key);
            }
        }
        slide_ = nullptr;
        return s;
    }

    void media(Value v, const std::string& pointer) {
        if (v.is_null()) return;
        if (v.is_object()) {
            bool any = false;
            for (std::size_t k = 0; k < v.size(); ++k) {
                const std::string key(v.key(k));
                const Value x = v.item(k);
                if (key == "caption") slide_->caption = string_field(x, pointer_append(pointer, key));
                if (!x.is_null() && !(x.is_string() && x.str().empty())) any = true;
            }
            if (!any) return;  // {"url": "", "caption": ""}: nothing to lose
        }
        losses_.add(Loss::media, slide_->loc, at(pointer));
    }
};

}  // namespace

std::optional<Timeline> read_timeline_json(const std::string& text, const std::string& file, Losses& losses,
                                           Diagnostics& diags) {
    const std::size_t before = diags.count(Severity::error);
    auto doc = json::parse(text, file, diags);
    if (!doc || diags.count(Severity::error) != before) return std::nullopt;
    return Reader(*doc, file, losses, diags).run();
}

}  // namespace timeline::interchange
