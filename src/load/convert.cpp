#include "load/convert.h"

#include "base/json_text.h"
#include "json/parse.h"
#include "load/json_fields.h"

namespace timeline::convert {
namespace {

using json_fields::str;
using json_fields::strings;
using json_fields::text;

double number(json::Value v, double fallback = 0) { return v.is_number() ? v.number() : fallback; }

// An integer field (the schema has checked it is one): exact for every int64, where going
// through a double would round 2^63 - 1 up to 2^63, which no long holds.
long integer(json::Value v, long fallback) {
    if (v.type() == json::Type::integer) return static_cast<long>(v.integer());
    if (v.type() != json::Type::number) return fallback;
    const double d = v.number();
    // 2^63 itself is not a long; a double below it converts exactly.
    if (!(d > -9.2233720368547758e18 && d < 9.2233720368547758e18)) return fallback;
    return static_cast<long>(d);
}

template <typename E>
E enum_field(json::Value o, std::string_view key, E fallback, std::optional<E> (*from)(std::string_view)) {
    const auto parsed = from(str(o, key));
    return parsed ? *parsed : fallback;
}

// Parses the `date`-like member `key`: a date string or a relative date object.
DateField date_field(json::Value o, std::string_view key, const Where& w, Diagnostics& diags) {
    DateField f;
    const std::string pointer = pointer_append(w.pointer, key);
    const json::Value v = o.find(key);
    if (v.is_string()) {
        f.written = std::string(v.str());
        std::string error;
        if (auto when = parse_when(f.written, error)) {
            f.when = *when;
            f.resolved = true;
        } else {
            diags.error("date-invalid", error, w.file, {}, pointer, w.id);
        }
        return f;
    }
    const json::Value rel = v;
    if (!rel.is_object()) return f;
    f.written = json::to_text(v);
    RelativeDate r;
    r.offset = str(rel, "offset");
    if (auto p = precision_from_name(str(rel, "precision"))) r.precision = *p;
    if (const json::Value a = rel.find("approximate"); a.is_boolean()) r.approximate = a.boolean();
    std::string error;
    if (!parse_offset(r.offset, error)) {
        diags.error("offset-invalid", error, w.file, {}, pointer_append(pointer, "offset"), w.id);
    }
    f.relative = r;
    return f;
}

}  // namespace

std::string record_id(json::Value o) { return str(o, "id"); }

Unit unit(json::Value o) {
    Unit u;
    u.id = str(o, "id");
    u.label = text(o, "label");
    u.symbol = text(o, "symbol");
    u.singular = str(o, "singular");
    u.write = str(o, "write") == "symbol" ? UnitWriting::symbol : UnitWriting::label;
    u.measure_word = str(o, "measure_word");
    u.kind = enum_field(o, "kind", UnitKind::other, unit_kind_from_name);
    u.internal_note = str(o, "internal_note");
    return u;
}

Lane lane(json::Value o) {
    Lane l;
    l.id = str(o, "id");
    l.label = text(o, "label");
    l.description = text(o, "description");
    l.internal_note = str(o, "internal_note");
    return l;
}

Metric metric(json::Value o) {
    Metric m;
    m.id = str(o, "id");
    m.label = text(o, "label");
    m.unit = str(o, "unit");
    m.subject = str(o, "subject");
    m.description = text(o, "description");
    m.internal_note = str(o, "internal_note");
    return m;
}

Entity entity(json::Value o) {
    Entity e;
    e.id = str(o, "id");
    e.name = text(o, "name");
    e.aliases = strings(o, "aliases");
    e.kind = enum_field(o, "kind", EntityKind::other, entity_kind_from_name);
    e.description = text(o, "description");
    e.internal_note = str(o, "internal_note");
    return e;
}

Source source(json::Value o, const Where& w, Diagnostics& diags) {
    Source s;
    s.id = str(o, "id");
    s.publisher = text(o, "publisher");
    s.title = text(o, "title");
    if (o.has("published")) s.published = date_field(o, "published", w, diags);
    s.url = str(o, "url");
    s.author = text(o, "author");
    s.language = str(o, "language");
    s.note = text(o, "note");
    s.internal_note = str(o, "internal_note");
    return s;
}

Era era(json::Value o, const Where& w, Diagnostics& diags) {
    Era e;
    e.id = str(o, "id");
    e.label = text(o, "label");
    e.date = date_field(o, "date", w, diags);
    e.lane = str(o, "lane");
    e.source = str(o, "source");
    e.note = text(o, "note");
    e.internal_note = str(o, "internal_note");
    return e;
}

Event event(json::Value o, const Where& w, Diagnostics& diags) {
    Event e;
    e.id = str(o, "id");
    e.date = date_field(o, "date", w, diags);
    e.lane = str(o, "lane");
    e.title = text(o, "title");
    e.text = text(o, "text");
    e.entities = strings(o, "entities");
    e.source = str(o, "source");
    e.tags = strings(o, "tags");
    if (o.has("importance")) e.importance = static_cast<int>(integer(o.find("importance"), 2));
    e.status = enum_field(o, "status", Status::actual, status_from_name);
    e.note = text(o, "note");
    e.internal_note = str(o, "internal_note");
    return e;
}

Figure figure(json::Value o, const Where& w, Diagnostics& diags) {
    Figure f;
    f.id = str(o, "id");
    f.metric = str(o, "metric");
    const json::Value v = o.find("value");
    if (const json::Value vo = v; vo.is_object()) {
        if (vo.has("numerator"))
            f.value = Value::fraction_of(integer(vo.find("numerator"), 0), integer(vo.find("denominator"), 1));
        else
            f.value = Value::range_of(number(vo.find("min")), number(vo.find("max")));
    } else {
        f.value = Value::of(number(v));
    }
    f.unit = str(o, "unit");
    f.qualifier = enum_field(o, "qualifier", Qualifier::exact, qualifier_from_name);
    f.date = date_field(o, "date", w, diags);
    f.status = enum_field(o, "status", Status::actual, status_from_name);
    f.subject = str(o, "subject");
    f.source = str(o, "source");
    f.note = text(o, "note");
    f.event = str(o, "event");
    f.wording = str(o, "wording");
    f.internal_note = str(o, "internal_note");
    return f;
}

}  // namespace timeline::convert
