#include "check/checks.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>

#include "base/json_text.h"
#include "base/suggest.h"

namespace timeline {
namespace {

struct Known {
    const char* kind;  // "lane", "event", …
    const Origin* origin;
};

class Checker {
public:
    Checker(const Dataset& ds, Diagnostics& diags, const CheckOptions& options)
        : ds_(ds), diags_(diags), options_(options) {}

    void run() {
        index_ids();
        references();
        units();
        values();
        figure_facts();
        future_facts();
        if (options_.strictness == Strictness::strict) translations();
    }

private:
    const Dataset& ds_;
    Diagnostics& diags_;
    const CheckOptions& options_;
    std::unordered_map<std::string, Known> ids_;

    std::string where(const Origin& o) const {
        std::string s = o.file;
        const SourcePos pos = options_.locate ? options_.locate(o) : o.pos;
        if (pos.known()) s += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
        else if (!o.pointer.empty()) s += " " + o.pointer;
        return s;
    }

    // `field` is a member name, or a member name and an index ("entities/2").
    static std::string field_pointer(const Origin& o, const std::string& field) {
        if (field.empty()) return o.pointer;
        const auto slash = field.find('/');
        if (slash == std::string::npos) return pointer_append(o.pointer, field);
        return pointer_append(pointer_append(o.pointer, field.substr(0, slash)), field.substr(slash + 1));
    }

    void error(const char* code, const Origin& o, const std::string& field, const std::string& id, std::string msg) {
        diags_.error(code, std::move(msg), o.file, {}, field_pointer(o, field), id);
    }
    void warning(const char* code, const Origin& o, const std::string& field, const std::string& id, std::string msg) {
        diags_.warning(code, std::move(msg), o.file, {}, field_pointer(o, field), id);
    }

    template <typename T>
    void index_kind(const std::vector<T>& records, const char* kind) {
        for (const auto& r : records) {
            const auto [it, inserted] = ids_.emplace(r.id, Known{kind, &r.origin});
            if (!inserted) {
                error("duplicate-id", r.origin, "id", r.id,
                      "id \"" + r.id + "\" is already used by the " + it->second.kind + " defined at " +
                          where(*it->second.origin));
            }
        }
    }

    void index_ids() {
        index_kind(ds_.units, "unit");
        index_kind(ds_.lanes, "lane");
        index_kind(ds_.metrics, "metric");
        index_kind(ds_.sources, "source");
        index_kind(ds_.entities, "entity");
        index_kind(ds_.eras, "era");
        index_kind(ds_.events, "event");
        index_kind(ds_.figures, "figure");
    }

    // `field` may name a list member ("entities/2").
    void ref(const Origin& o, const std::string& id, const std::string& field, const std::string& target,
             const char* kind) {
        if (target.empty()) return;
        const auto it = ids_.find(target);
        if (it == ids_.end()) {
            if (options_.unread_ids && options_.unread_ids->count(target)) return;
            error("dangling-reference", o, field, id,
                  std::string(kind) + " \"" + target + "\" is not defined" + did_you_mean(target, ds_.ids_of(kind)));
        } else if (std::string(it->second.kind) != kind) {
            error("dangling-reference", o, field, id,
                  "\"" + target + "\" is " + (it->second.kind[0] == 'e' ? "an " : "a ") + it->second.kind + ", not " +
                      (kind[0] == 'e' ? "an " : "a ") + kind);
        }
    }

    void ref_list(const Origin& o, const std::string& id, const char* field, const std::vector<std::string>& targets,
                  const char* kind) {
        for (std::size_t k = 0; k < targets.size(); ++k)
            ref(o, id, std::string(field) + "/" + std::to_string(k), targets[k], kind);
    }

    void references() {
        for (const auto& m : ds_.metrics) {
            ref(m.origin, m.id, "unit", m.unit, "unit");
            ref(m.origin, m.id, "subject", m.subject, "entity");
        }
        for (const auto& e : ds_.eras) {
            ref(e.origin, e.id, "lane", e.lane, "lane");
            ref(e.origin, e.id, "source", e.source, "source");
        }
        for (const auto& e : ds_.events) {
            ref(e.origin, e.id, "lane", e.lane, "lane");
            ref(e.origin, e.id, "source", e.source, "source");
            ref_list(e.origin, e.id, "entities", e.entities, "entity");
        }
        for (const auto& f : ds_.figures) {
            ref(f.origin, f.id, "metric", f.metric, "metric");
            ref(f.origin, f.id, "unit", f.unit, "unit");
            ref(f.origin, f.id, "source", f.source, "source");
            ref(f.origin, f.id, "subject", f.subject, "entity");
            ref(f.origin, f.id, "event", f.event, "event");
        }
    }

    // A number a brief cannot print exactly or draw (records.h, kMaxFigureMagnitude).
    void magnitude(const Figure& f, const std::string& field, double x) { magnitude(f, field, x, number_text(x)); }
    void magnitude(const Figure& f, const std::string& field, long n) {
        magnitude(f, field, static_cast<double>(n), std::to_string(n));
    }
    void magnitude(const Figure& f, const std::string& field, double x, const std::string& shown) {
        const double a = std::fabs(x);
        if (a > kMaxFigureMagnitude)
            error("value-out-of-range", f.origin, field, f.id,
                  shown + " is too large for a brief: figures are at most 10^15 (a thousand trillion) in size; "
                                   "use a larger unit");
        else if (a != 0 && a < kMinFigureMagnitude)
            error("value-out-of-range", f.origin, field, f.id,
                  shown + " is too small for a brief to print: figures other than 0 are at least 10^-9 in "
                                   "size; use a smaller unit");
    }

    static std::string number_text(double x) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", x);
        // The shortest form that reads back as x ("1e+308", not "1.0000000000000001e+308").
        for (int digits = 1; digits <= 17; ++digits) {
            char shorter[32];
            std::snprintf(shorter, sizeof shorter, "%.*g", digits, x);
            if (std::strtod(shorter, nullptr) == x) return shorter;
        }
        return buf;
    }

    void values() {
        for (const auto& f : ds_.figures) {
            switch (f.value.kind) {
                case Value::Kind::number: magnitude(f, "value", f.value.number); break;
                case Value::Kind::range:
                    magnitude(f, "value/min", f.value.min);
                    magnitude(f, "value/max", f.value.max);
                    break;
                case Value::Kind::fraction:
                    magnitude(f, "value/numerator", f.value.numerator);
                    magnitude(f, "value/denominator", f.value.denominator);
                    break;
            }
            if (f.value.kind == Value::Kind::range && !(f.value.min < f.value.max)) {
                error("range-invalid", f.origin, "value", f.id,
                      "range " + f.value.canonical() + " is not a range: \"min\" must be less than \"max\"");
            }
        }
    }

    void units() {
        for (const auto& f : ds_.figures) {
            const auto m = ids_.find(f.metric);
            if (m == ids_.end() || std::string(m->second.kind) != "metric") continue;
            const Metric* metric = ds_.metric(f.metric);
            const auto unit = ids_.find(f.unit);
            if (unit == ids_.end() || std::string(unit->second.kind) != "unit") continue;  // a dangling reference
            if (metric && !metric->unit.empty() && metric->unit != f.unit) {
                error("unit-mismatch", f.origin, "unit", f.id,
                      "unit \"" + f.unit + "\" differs from the unit \"" + metric->unit + "\" of metric \"" + f.metric +
                          "\"");
            }
        }
    }

    // Same metric, subject, date and status: equal values are duplicates, different ones conflict.
    void figure_facts() {
        std::map<std::tuple<std::string, std::string, std::string, int>, const Figure*> seen;
        for (const auto& f : ds_.figures) {
            if (!f.date.resolved) continue;
            const auto key = std::make_tuple(f.metric, f.subject, f.date.when.iso(), static_cast<int>(f.status));
            const auto [it, inserted] = seen.emplace(key, &f);
            if (inserted) continue;
            const Figure& first = *it->second;
            const std::string fact = "metric \"" + f.metric + "\" at " + f.date.when.iso();
            if (first.value == f.value && first.qualifier == f.qualifier) {
                warning("duplicate-figure", f.origin, "", f.id,
                        "repeats figure \"" + first.id + "\" (" + fact + ", value " + f.value.canonical() +
                            ") defined at " + where(first.origin));
            } else {
                error("conflicting-figures", f.origin, "value", f.id,
                      "conflicts with figure \"" + first.id + "\" defined at " + where(first.origin) + ": " + fact +
                          " is " + describe(first) + " there and " + describe(f) + " here");
            }
        }
    }

    static std::string describe(const Figure& f) {
        std::string s = f.value.canonical();
        if (f.qualifier != Qualifier::exact) s = std::string(qualifier_name(f.qualifier)) + " " + s;
        return s;
    }

    // A fact dated after its source was published is in the future unless it is a plan,
    // target or estimate.
    template <typename T>
    void future(const T& r) {
        if (r.status != Status::actual || !r.date.resolved || r.source.empty()) return;
        const Source* src = ds_.source(r.source);
        if (!src || !src->published || !src->published->resolved) return;
        const auto first = r.date.when.first_day();
        const auto published_end = src->published->when.last_day();
        if (!first || !published_end || *first <= *published_end) return;
        error("future-fact", r.origin, "date", r.id,
              "date " + r.date.when.iso() + " is after the publication of source \"" + src->id + "\" (" +
                  src->published->when.iso() + "); mark it \"status\": \"plan\", \"target\" or \"estimate\" if it is not a fact yet");
    }

    void future_facts() {
        for (const auto& e : ds_.events) future(e);
        for (const auto& f : ds_.figures) future(f);
    }

    void text(const Origin& o, const std::string& id, const char* field, const Text& t) {
        if (t.empty()) return;
        if (t.zh.empty())
            error("missing-translation", o, field, id, std::string("\"") + field + "\" has no Chinese (zh) text");
        if (t.en.empty())
            error("missing-translation", o, field, id, std::string("\"") + field + "\" has no English (en) text");
    }

    void translations() {
        for (const auto& r : ds_.units) text(r.origin, r.id, "label", r.label);
        for (const auto& r : ds_.lanes) text(r.origin, r.id, "label", r.label);
        for (const auto& r : ds_.metrics) text(r.origin, r.id, "label", r.label);
        for (const auto& r : ds_.sources) {
            text(r.origin, r.id, "publisher", r.publisher);
            text(r.origin, r.id, "title", r.title);
        }
        for (const auto& r : ds_.entities) text(r.origin, r.id, "name", r.name);
        for (const auto& r : ds_.eras) text(r.origin, r.id, "label", r.label);
        for (const auto& r : ds_.events) {
            text(r.origin, r.id, "title", r.title);
            text(r.origin, r.id, "text", r.text);
        }
        for (const auto& r : ds_.figures) text(r.origin, r.id, "note", r.note);
    }
};

}  // namespace

void check_dataset(const Dataset& ds, Diagnostics& diags, const CheckOptions& options) {
    Checker(ds, diags, options).run();
}

}  // namespace timeline
