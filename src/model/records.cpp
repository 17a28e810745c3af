#include "model/records.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace timeline {
namespace {

template <typename E, std::size_t N>
std::optional<E> from_name(const std::array<const char*, N>& names, std::string_view s) {
    for (std::size_t k = 0; k < N; ++k)
        if (s == names[k]) return static_cast<E>(k);
    return std::nullopt;
}

constexpr std::array<const char*, 7> kQualifiers = {"exact", "about", "over", "at_least", "nearly", "under", "up_to"};
constexpr std::array<const char*, 4> kStatuses = {"actual", "target", "plan", "estimate"};
constexpr std::array<const char*, 6> kUnitKinds = {"currency", "count", "ratio", "duration", "rate", "other"};
constexpr std::array<const char*, 8> kEntityKinds = {"person", "organisation", "place", "work",
                                                     "event",  "programme",    "product", "other"};

template <typename T>
const T* find_by_id(const std::vector<T>& records, std::string_view id) {
    const auto it = std::find_if(records.begin(), records.end(), [&](const T& r) { return r.id == id; });
    return it == records.end() ? nullptr : &*it;
}

// Integral values print as integers ("60000000000", not "6e+10"); others in the shortest
// form that reads back exactly.
std::string number_text(double d) {
    if (std::fabs(d) < 1e15 && d == std::floor(d)) return std::to_string(static_cast<long long>(d));
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, d);
    return std::string(buf, r.ptr);
}

}  // namespace

const char* qualifier_name(Qualifier q) { return kQualifiers[static_cast<std::size_t>(q)]; }
const char* status_name(Status s) { return kStatuses[static_cast<std::size_t>(s)]; }
const char* unit_kind_name(UnitKind k) { return kUnitKinds[static_cast<std::size_t>(k)]; }
const char* entity_kind_name(EntityKind k) { return kEntityKinds[static_cast<std::size_t>(k)]; }
std::optional<Qualifier> qualifier_from_name(std::string_view s) { return from_name<Qualifier>(kQualifiers, s); }
std::optional<Status> status_from_name(std::string_view s) { return from_name<Status>(kStatuses, s); }
std::optional<UnitKind> unit_kind_from_name(std::string_view s) { return from_name<UnitKind>(kUnitKinds, s); }
std::optional<EntityKind> entity_kind_from_name(std::string_view s) { return from_name<EntityKind>(kEntityKinds, s); }

double Value::approx() const {
    switch (kind) {
        case Kind::number: return number;
        case Kind::range: return (min + max) / 2;
        case Kind::fraction: return static_cast<double>(numerator) / static_cast<double>(denominator);
    }
    return number;
}

bool Value::operator==(const Value& o) const {
    if (kind != o.kind) return false;
    switch (kind) {
        case Kind::number: return number == o.number;
        case Kind::range: return min == o.min && max == o.max;
        case Kind::fraction:
            // 1/3 == 2/6
            return numerator * o.denominator == o.numerator * denominator;
    }
    return false;
}

std::string Value::canonical() const {
    switch (kind) {
        case Kind::number: return number_text(number);
        case Kind::range: return number_text(min) + ".." + number_text(max);
        case Kind::fraction: return std::to_string(numerator) + "/" + std::to_string(denominator);
    }
    return {};
}

bool within(const DateField& f, const std::optional<When>& from, const std::optional<When>& to) {
    if (!f.resolved) return false;
    if (from) {
        const auto last = f.when.last_day();
        const auto begin = from->first_day();
        if (last && begin && *last < *begin) return false;
    }
    if (to) {
        const auto first = f.when.first_day();
        const auto end = to->last_day();
        if (first && end && *first > *end) return false;
    }
    return true;
}

const Unit* Dataset::unit(std::string_view id) const { return find_by_id(units, id); }
const Lane* Dataset::lane(std::string_view id) const { return find_by_id(lanes, id); }
const Metric* Dataset::metric(std::string_view id) const { return find_by_id(metrics, id); }
const Source* Dataset::source(std::string_view id) const { return find_by_id(sources, id); }
const Entity* Dataset::entity(std::string_view id) const { return find_by_id(entities, id); }
const Event* Dataset::event(std::string_view id) const { return find_by_id(events, id); }

std::size_t Dataset::record_count() const {
    return units.size() + lanes.size() + metrics.size() + sources.size() + entities.size() + eras.size() +
           events.size() + figures.size();
}

}  // namespace timeline

#include "model/template.h"

namespace timeline {

const char* lang_mode_name(LangMode m) {
    switch (m) {
        case LangMode::bi: return "bi";
        case LangMode::zh: return "zh";
        case LangMode::en: return "en";
    }
    return "bi";
}

const char* page_size_name(PageSize p) { return p == PageSize::letter ? "Letter" : "A4"; }

const char* section_type_name(SectionType t) {
    static constexpr const char* names[] = {"cover", "key-figures", "narrative", "timeline", "chart",
                                            "table", "statistics",  "sources",   "data-notes"};
    return names[static_cast<int>(t)];
}

}  // namespace timeline
