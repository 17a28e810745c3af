// The slides of a TimelineJS timeline as read from either form (JSON or the sheet's CSV),
// with where each value stands, before they are mapped to records (import.cpp).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace timeline::interchange {

// Where a value was read: line:column and, in a JSON file, its pointer.
struct Loc {
    SourcePos pos;
    std::string pointer;
};

// A value as written (numbers as their decimal text); empty when absent.
struct Field {
    std::string value;
    Loc loc;
    bool present() const { return !value.empty(); }
};

// A TimelineJS date: start_date/end_date objects, or the Year/Month/Day/Time columns.
struct DateFields {
    Field year;
    Field month;
    Field day;
    Field time;          // any of hour, minute, second, millisecond; or the Time column
    Field display_date;  // the date's own display_date
    Loc loc;             // the date object, or the row
    bool given = false;  // the object (or a cell of it) is there
    bool empty() const { return !year.present() && !month.present() && !day.present() && !time.present(); }
};

enum class SlideKind { event, title, era };

struct Slide {
    SlideKind kind = SlideKind::event;
    Loc loc;              // the slide object, or the row
    bool bad = false;     // an error was reported: the slide is not imported
    DateFields start;
    DateFields end;
    Field headline;       // HTML
    Field text;           // HTML
    Field caption;        // media caption (HTML), a fallback for an empty headline
    Field group;
    Field display_date;   // the slide's display_date (overrides those of its dates)
    Field unique_id;
};

struct Timeline {
    std::optional<Slide> title;
    std::vector<Slide> more_titles;  // further title rows without a date (a sheet)
    std::vector<Slide> events;
    std::vector<Slide> eras;
};

// What an import leaves out, counted per kind so that each kind is reported once with its
// count and the place of its first occurrence.
enum class Loss {
    time,         // time of day
    media,        // media, media credit/caption/thumbnail/alt text; images and embeds in text
    background,   // background colour or image
    format,       // a date's "format"
    type,         // a slide's "type"
    links,        // link targets in text (the link text is kept)
    unknown,      // unknown keys or columns
    title_date,   // the title slide's date
    count_
};

class Losses {
public:
    // One occurrence at `where` on the slide at `slide` (a slide counts once per kind);
    // `detail` names an unknown key or column.
    void add(Loss kind, const Loc& slide, const Loc& where, const std::string& detail = {});
    // One warning per kind that occurred, naming the count ("slides" or "rows").
    void report(const std::string& file, const char* unit, Diagnostics& diags) const;

private:
    struct Tally {
        std::set<std::string> slides;                // where each slide counted starts
        std::optional<Loc> first;
        std::map<std::string, std::set<std::string>> details;  // unknown key -> its slides
    };
    Tally tally_[static_cast<std::size_t>(Loss::count_)];
};

// Readers: every problem is reported with the file and position; a slide with an error is
// kept with `bad` set, so that it is accounted for. nullopt when the file is not a timeline.
std::optional<Timeline> read_timeline_json(const std::string& text, const std::string& file, Losses& losses,
                                           Diagnostics& diags);
std::optional<Timeline> read_timeline_sheet(const std::string& text, const std::string& file, Losses& losses,
                                            Diagnostics& diags);

}  // namespace timeline::interchange
