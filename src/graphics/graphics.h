// Timelines and charts of the report model (report/document.h), drawn as boxes of
// display-list items (draw/box.h) that the page engine (typeset/) places on pages.
// Every text goes through the Setter, so fonts, coverage and measuring are the document's.
#pragma once

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
};

// A layout that did not fit the room it was given: the height its first part needs.
struct NeedsRoom {
    double height = 0;
};
// Either the placed content, one box per page slice, or the room it needs.
using Fitted = std::variant<std::vector<draw::Box>, NeedsRoom>;

// The timeline of all lanes. Returns one box per page slice: the first fits
// `frame.first_height`, every later one fits `frame.page_height`; each repeats the axis and
// lane labels, later ones carry a "continued" marker. Labels that cannot be placed become
// numbered callouts listed under the timeline (part of the boxes). When not even the axis and
// one row fit `frame.first_height` (and it is less than a page), returns NeedsRoom instead, so
// the caller starts a fresh page.
Fitted timeline_boxes(const report::TimelineData& data, const Frame& frame, draw::Setter& setter);

// A chart (bar, line or slope) with axes, value labels, legend and source line; at most
// `frame.page_height` high.
draw::Box chart_box(const report::ChartData& data, const Frame& frame, draw::Setter& setter);

}  // namespace timeline::graphics
