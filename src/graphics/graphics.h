// Timelines and charts of the report model (report/document.h), drawn as boxes of
// display-list items (draw/box.h) that the page engine (typeset/) places on pages.
// Every text goes through the Setter, so fonts, coverage and measuring are the document's.
#pragma once

#include <functional>
#include <optional>
#include <variant>
#include <vector>

#include "draw/box.h"
#include "draw/setter.h"
#include "model/template.h"
#include "report/document.h"

namespace timeline::graphics {

// Where a graphic goes: its width, the room left on the current page and the room on a
// fresh page (both in points), and the language mode of the report.
struct Frame {
    double width = 451;
    double first_height = 700;  // room below the current position on this page
    double page_height = 700;   // room on a following page
    LangMode mode = LangMode::bi;
    std::optional<int> max_pages;  // timeline: the most boxes it may take; nullopt: as many as it needs
};

// A layout that did not fit the room it was given: the height its first part needs.
struct NeedsRoom {
    double height = 0;
};
// What a timeline box shows: its window of days and the events drawn in it (for checks).
struct TimelineBoxContent {
    int first_day = 0, end_day = 0;  // the window [first, end), days since 1970-01-01
    struct Shown {
        std::size_t item = 0;  // index into TimelineData::items
        bool labelled = false;
        double x = 0, y = 0, w = 0;  // the label's top-left corner and width (labelled)
    };
    std::vector<Shown> events;
};

// A timeline laid out: one box per page, and how many events carry no label (an overview).
struct TimelineBoxes {
    std::vector<draw::Box> boxes;
    std::vector<TimelineBoxContent> contents;  // one per box
    std::size_t unlabelled = 0;
};
// Either the placed content or the room it needs.
using Fitted = std::variant<TimelineBoxes, NeedsRoom>;

// The timeline (timeline.cpp): one box per window of time, the first fitting
// `frame.first_height`, every later one `frame.page_height`, at most `frame.max_pages` of
// them; each shows its window's axis and the lanes with events in it, the first the legend,
// later ones a "continued" mark. When every event cannot be labelled within the budget, the
// boxes are an overview and `unlabelled` counts the events drawn without a label. When its
// first box does not fit `frame.first_height` (and that is less than a page), returns
// NeedsRoom instead, so the caller starts a fresh page.
//
// With a `sink`, each box is handed to it as soon as it is drawn, in order, with what it
// shows (a long timeline is then never held whole); `boxes` and `contents` stay empty.
using TimelineBoxSink = std::function<void(draw::Box&& box, TimelineBoxContent&& content)>;
Fitted timeline_boxes(const report::TimelineData& data, const Frame& frame, draw::Setter& setter,
                      const TimelineBoxSink& sink = {});

// A chart (bar, line or slope) with axes, value labels, legend and source line; at most
// `frame.page_height` high.
draw::Box chart_box(const report::ChartData& data, const Frame& frame, draw::Setter& setter);

}  // namespace timeline::graphics
