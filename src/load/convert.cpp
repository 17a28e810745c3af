#include "load/convert.h"

#include <Poco/JSON/Array.h>

#include "base/json_text.h"
#include "json/parse.h"
#include "load/json_fields.h"

namespace timeline::convert {
namespace {

using json_fields::str;
using json_fields::strings;
using json_fields::text;

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr as_object(const Var& v) {
    if (v.type() == typeid(Object::Ptr)) return v.extract<Object::Ptr>();
    return {};
}

bool is_number(const Var& v) { return v.isNumeric() && v.type() != typeid(bool) && v.type() != typeid(char); }

double number(const Var& v, double fallback = 0) {
    if (!is_number(v)) return fallback;
    try {
        return v.convert<double>();
    } catch (const Poco::Exception&) {
        return fallback;
    }
}

// An integer field (the schema has checked it is one): exact for every int64, where going
// through a double would round 2^63 - 1 up to 2^63, which no long holds.
long integer(const Var& v, long fallback) {
    if (!is_number(v)) return fallback;
    try {
        if (v.isInteger()) return static_cast<long>(v.convert<Poco::Int64>());
        const double d = v.convert<double>();
        // 2^63 itself is not a long; a double below it converts exactly.
        if (!(d > -9.2233720368547758e18 && d < 9.2233720368547758e18)) return fallback;
        return static_cast<long>(d);
    } catch (const Poco::Exception&) {
        return fallback;
    }
}

template <typename E>
E enum_field(const Object::Ptr& o, const std::string& key, E fallback, std::optional<E> (*from)(std::string_view)) {
    const auto parsed = from(str(o, key));
    return parsed ? *parsed : fallback;
}

// Parses the `date`-like member `key`: a date string or a relative date object.
DateField date_field(const Object::Ptr& o, const std::string& key, const Where& w, Diagnostics& diags) {
    DateField f;
    const std::string pointer = pointer_append(w.pointer, key);
    const Var v = o->get(key);
    if (v.isString()) {
        f.written = v.extract<std::string>();
        std::string error;
        if (auto when = parse_when(f.written, error)) {
            f.when = *when;
            f.resolved = true;
        } else {
            diags.error("date-invalid", error, w.file, {}, pointer, w.id);
        }
        return f;
    }
    const Object::Ptr rel = as_object(v);
    if (!rel) return f;
    f.written = json::to_string(v);
    RelativeDate r;
    r.offset = str(rel, "offset");
    if (auto p = precision_from_name(str(rel, "precision"))) r.precision = *p;
    if (rel->has("approximate") && rel->get("approximate").type() == typeid(bool))
        r.approximate = rel->get("approximate").extract<bool>();
    std::string error;
    if (!parse_offset(r.offset, error)) {
        diags.error("offset-invalid", error, w.file, {}, pointer_append(pointer, "offset"), w.id);
    }
    f.relative = r;
    return f;
}

}  // namespace

std::string record_id(const Object::Ptr& o) { return str(o, "id"); }

Unit unit(const Object::Ptr& o) {
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

Lane lane(const Object::Ptr& o) {
    Lane l;
    l.id = str(o, "id");
    l.label = text(o, "label");
    l.description = text(o, "description");
    l.internal_note = str(o, "internal_note");
    return l;
}

Metric metric(const Object::Ptr& o) {
    Metric m;
    m.id = str(o, "id");
    m.label = text(o, "label");
    m.unit = str(o, "unit");
    m.subject = str(o, "subject");
    m.description = text(o, "description");
    m.internal_note = str(o, "internal_note");
    return m;
}

Entity entity(const Object::Ptr& o) {
    Entity e;
    e.id = str(o, "id");
    e.name = text(o, "name");
    e.aliases = strings(o, "aliases");
    e.kind = enum_field(o, "kind", EntityKind::other, entity_kind_from_name);
    e.description = text(o, "description");
    e.internal_note = str(o, "internal_note");
    return e;
}

Source source(const Object::Ptr& o, const Where& w, Diagnostics& diags) {
    Source s;
    s.id = str(o, "id");
    s.publisher = text(o, "publisher");
    s.title = text(o, "title");
    if (o->has("published")) s.published = date_field(o, "published", w, diags);
    s.url = str(o, "url");
    s.author = text(o, "author");
    s.language = str(o, "language");
    s.note = text(o, "note");
    s.internal_note = str(o, "internal_note");
    return s;
}

Era era(const Object::Ptr& o, const Where& w, Diagnostics& diags) {
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

Event event(const Object::Ptr& o, const Where& w, Diagnostics& diags) {
    Event e;
    e.id = str(o, "id");
    e.date = date_field(o, "date", w, diags);
    e.lane = str(o, "lane");
    e.title = text(o, "title");
    e.text = text(o, "text");
    e.entities = strings(o, "entities");
    e.source = str(o, "source");
    e.tags = strings(o, "tags");
    if (o->has("importance")) e.importance = static_cast<int>(integer(o->get("importance"), 2));
    e.status = enum_field(o, "status", Status::actual, status_from_name);
    e.note = text(o, "note");
    e.internal_note = str(o, "internal_note");
    return e;
}

Figure figure(const Object::Ptr& o, const Where& w, Diagnostics& diags) {
    Figure f;
    f.id = str(o, "id");
    f.metric = str(o, "metric");
    const Var v = o->get("value");
    if (const Object::Ptr vo = as_object(v)) {
        if (vo->has("numerator"))
            f.value = Value::fraction_of(integer(vo->get("numerator"), 0), integer(vo->get("denominator"), 1));
        else
            f.value = Value::range_of(number(vo->get("min")), number(vo->get("max")));
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
