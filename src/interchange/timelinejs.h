// TimelineJS3 timelines (https://timeline.knightlab.com/docs/json-format.html, and the
// Google-Sheets template exported as CSV) to and from data set files.
//
// Import maps slides to records (docs/timelinejs.md has the table of what survives each
// direction): events → events, eras → eras, groups → lanes, the title slide → the data
// set's title ("dataset"), and one source for the file. What has no place in a data set
// (time of day, media, backgrounds, date formats, slide types, unknown keys) is dropped
// with one warning per kind naming the count; what cannot be imported (impossible dates,
// years outside 0001–9999, slides without a date or any text) is an error at the slide's
// JSON pointer or the CSV cell's line:column.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "interchange/language.h"
#include "model/records.h"
#include "model/template.h"

namespace timeline::interchange {

struct ImportOptions {
    LangChoice lang = LangChoice::detect;
    std::string source;            // an existing source's id; empty: a source is created
    std::string source_title;      // the created source's title (default: the title slide's)
    std::string source_publisher;  // its publisher (default: "TimelineJS timeline")
    // The data set the file joins: new ids avoid its ids, and a group named like one of its
    // lanes (in either language) joins that lane.
    std::set<std::string> taken_ids;
    std::vector<Lane> lanes;
    // The file of that data set that gives its title ("dataset"), if one does: the import
    // then gives none (a data set has one title).
    std::string titled_by;
};

struct ImportSummary {
    std::size_t slides = 0;   // slides and eras read, the title slide included
    std::size_t events = 0;   // imported
    std::size_t eras = 0;     // imported
    std::size_t lanes = 0;    // created (not counting lanes of the data set reused)
    std::size_t skipped = 0;  // slides not imported because of an error
    bool title = false;       // the title slide became the data set's title
    bool source_created = false;
    bool rows = false;        // a sheet (slides are rows)
};

struct ImportResult {
    std::string json;  // the data set file: every slide that could be imported
    ImportSummary summary;
};

enum class TimelineFormat { json, sheet };

// JSON when the text's first character (after a byte order mark and white space) is '{',
// else the sheet's CSV.
TimelineFormat sniff_format(const std::string& text);

// Imports a TimelineJS file (`file` names it in diagnostics). nullopt when the file is not a
// timeline at all (not JSON or CSV of that shape); otherwise the data set file, with the
// slides that have errors left out (diags then has errors).
std::optional<ImportResult> import_timelinejs(const std::string& text, const std::string& file,
                                              const ImportOptions& options, Diagnostics& diags);

struct ExportSummary {
    std::size_t events = 0;
    std::size_t eras = 0;
};

// The data set as TimelineJS3 JSON, its texts in `lang` (bi: both, each marked with its
// lang attribute so that an import splits them again). What a TimelineJS timeline cannot
// show is reported with one warning per kind ("export-*").
std::string export_timelinejs(const Dataset& ds, LangMode lang, Diagnostics& diags, ExportSummary* summary = nullptr);

}  // namespace timeline::interchange
