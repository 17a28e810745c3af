// The records of a data set (PRODUCT §1, docs/data-format.md), after schema validation.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "model/when.h"

namespace timeline {

// Bilingual text (PRODUCT §1.1): either language may be missing.
struct Text {
    std::string zh;
    std::string en;
    bool empty() const { return zh.empty() && en.empty(); }
};

enum class Lang { zh, en };

// Where a record was read: file, JSON pointer (into the file, or into the converted rows
// of a CSV file) and position.
struct Origin {
    std::string file;
    std::string pointer;
    SourcePos pos;
};

enum class Qualifier { exact, about, over, at_least, nearly, under, up_to };
enum class Status { actual, target, plan, estimate };
enum class UnitKind { currency, count, ratio, duration, rate, other };
// How a number of a unit is written: with its label ("48,000 kilometres") or its symbol ("48,000 km").
enum class UnitWriting { label, symbol };
enum class EntityKind { person, organisation, place, work, event, programme, product, other };

const char* qualifier_name(Qualifier q);
const char* status_name(Status s);
const char* unit_kind_name(UnitKind k);
const char* entity_kind_name(EntityKind k);
std::optional<Qualifier> qualifier_from_name(std::string_view s);
std::optional<Status> status_from_name(std::string_view s);
std::optional<UnitKind> unit_kind_from_name(std::string_view s);
std::optional<EntityKind> entity_kind_from_name(std::string_view s);

// A relative date as written: {"relative_to": "source", "offset", "precision", "approximate"}.
struct RelativeDate {
    std::string offset;  // as written, e.g. "-P6Y"
    Precision precision = Precision::year;
    bool approximate = true;
};

// A `date` field: what was written and what it means once resolved.
struct DateField {
    std::string written;                   // the date string, or the relative date as JSON text
    std::optional<RelativeDate> relative;  // set for relative dates
    When when;                             // resolved; relative dates only after resolution
    bool resolved = false;
};

// Whether a resolved date's span reaches `from` (or later) and starts by the end of `to`
// (either may be absent); open ends reach infinitely far. Unresolved dates are never within.
bool within(const DateField& f, const std::optional<When>& from, const std::optional<When>& to);

struct Unit {
    std::string id;
    Text label;
    Text symbol;
    std::string singular;      // English singular of the label, may be empty (then by rule)
    UnitWriting write = UnitWriting::label;
    std::string measure_word;  // Chinese measure word (人, 家, 个 …), may be empty
    UnitKind kind = UnitKind::other;
    std::string internal_note;  // for maintainers only: never printed
    Origin origin;
};

struct Lane {
    std::string id;
    Text label;
    Text description;
    std::string internal_note;  // for maintainers only: never printed
    Origin origin;
};

struct Metric {
    std::string id;
    Text label;
    std::string unit;
    std::string subject;  // entity id, may be empty
    Text description;
    std::string internal_note;  // for maintainers only: never printed
    Origin origin;
};

struct Source {
    std::string id;
    Text publisher;
    Text title;
    std::optional<DateField> published;
    std::string url;
    Text author;
    std::string language;
    Text note;
    std::string internal_note;  // for maintainers only: never printed
    Origin origin;
};

struct Entity {
    std::string id;
    Text name;
    std::vector<std::string> aliases;
    EntityKind kind = EntityKind::other;
    Text description;
    std::string internal_note;  // for maintainers only: never printed
    Origin origin;
};

struct Era {
    std::string id;
    Text label;
    DateField date;
    std::string lane;    // may be empty
    std::string source;  // may be empty
    Text note;
    std::string internal_note;  // for maintainers only: never printed
    Origin origin;
};

struct Event {
    std::string id;
    DateField date;
    std::string lane;
    Text title;
    Text text;
    std::vector<std::string> entities;
    std::string source;
    std::vector<std::string> tags;
    int importance = 2;  // 1 highest
    Status status = Status::actual;
    Text note;
    std::string internal_note;  // for maintainers only: never printed
    Origin origin;
};

// A figure's value: a number, a range ("two or three months") or a fraction ("one-third").
// The numbers a brief prints exactly and draws (docs/data-format.md, "Checks after the
// schema"): a number or range end is 0 or between kMinFigureMagnitude and
// kMaxFigureMagnitude in size (a thousand trillion: every currency amount of a country in
// units; statistics over such values stay far from the limits of a double); a fraction's
// numerator and denominator are at most kMaxFigureMagnitude. The checks refuse others.
inline constexpr double kMaxFigureMagnitude = 1e15;
inline constexpr double kMinFigureMagnitude = 1e-9;

struct Value {
    enum class Kind { number, range, fraction };
    Kind kind = Kind::number;
    double number = 0;    // Kind::number
    double min = 0;       // Kind::range
    double max = 0;
    long numerator = 0;   // Kind::fraction
    long denominator = 1;

    static Value of(double x) { return Value{Kind::number, x}; }
    static Value range_of(double lo, double hi) { return Value{Kind::range, 0, lo, hi}; }
    // A zero denominator becomes 1 (the schema rejects it; this keeps the arithmetic safe).
    static Value fraction_of(long n, long d) { return Value{Kind::fraction, 0, 0, 0, n, d == 0 ? 1 : d}; }

    // The value as a number (a range's midpoint, a fraction's quotient), for sorting and charts.
    double approx() const;
    bool operator==(const Value& o) const;
    std::string canonical() const;  // "60000000000", "2..3", "1/3"
};

struct Figure {
    std::string id;
    std::string metric;
    Value value;
    std::string unit;
    Qualifier qualifier = Qualifier::exact;
    DateField date;
    Status status = Status::actual;
    std::string subject;  // entity id, may be empty
    std::string source;
    Text note;
    std::string event;  // event id, may be empty
    // Phrasing of Qualifier::over: "" ("over 500" / "500余人"), "more_than" ("more than
    // 1,000" / "1000多家").
    std::string wording;
    std::string internal_note;  // for maintainers only: never printed
    Origin origin;
};

// The data set's own title ("dataset" in a data file): a brief whose template has no title
// takes it.
struct DatasetInfo {
    Text title;
    Text subtitle;
    Origin origin;
};

struct Dataset {
    std::optional<DatasetInfo> info;  // from the one file that gives it
    std::vector<Unit> units;
    std::vector<Lane> lanes;
    std::vector<Metric> metrics;
    std::vector<Source> sources;
    std::vector<Entity> entities;
    std::vector<Era> eras;
    std::vector<Event> events;
    std::vector<Figure> figures;

    const Unit* unit(std::string_view id) const;
    const Lane* lane(std::string_view id) const;
    const Metric* metric(std::string_view id) const;
    const Source* source(std::string_view id) const;
    const Entity* entity(std::string_view id) const;
    const Event* event(std::string_view id) const;
    std::size_t record_count() const;
    // The ids of the records of one kind ("unit", "lane", "metric", "source", "entity", "era",
    // "event", "figure"), in file order: the candidates of a "did you mean".
    std::vector<std::string> ids_of(std::string_view kind) const;
};

}  // namespace timeline
