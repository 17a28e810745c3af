// `timeline list events|figures|sources|entities`: records in date order, as text or JSON.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "model/records.h"

namespace timeline::cli {

enum class ListFormat { text, json };

struct ListFilter {
    std::optional<When> from;  // keep records whose span reaches this date or later
    std::optional<When> to;    // keep records whose span starts by the end of this date
    std::string lane;          // events only; empty: all lanes
};

// JSON of a date field with its resolved span: written, canonical, start, end (days),
// precision, approximate, uncertain, interval, open_start, open_end, derived.
std::string date_json(const DateField& f);

void list_events(std::ostream& out, const Dataset& ds, const ListFilter& filter, ListFormat format);
void list_figures(std::ostream& out, const Dataset& ds, const ListFilter& filter, ListFormat format);
void list_sources(std::ostream& out, const Dataset& ds, ListFormat format);
void list_entities(std::ostream& out, const Dataset& ds, ListFormat format);

}  // namespace timeline::cli
