// Display-list goldens of the graphics (tests/golden/graphics/): the seed timeline and one
// chart of each kind in bi, zh and en, as text dumps, so that a layout change shows up as a
// reviewable diff. TL_BLESS=1 rewrites them.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "draw/box.h"
#include "draw/setter.h"
#include "fixtures.h"
#include "graphics/graphics.h"
#include "layout/display_list.h"
#include "report/document.h"

namespace {

using namespace timeline;

// The boxes as pages of a display list, each box at the top-left corner of its page.
std::string dump_boxes(const std::vector<draw::Box>& boxes) {
    layout::DisplayList list;
    for (const auto& box : boxes) {
        layout::Page page;
        draw::place(box, 0, 0, page.items);
        list.pages.push_back(std::move(page));
    }
    return layout::dump(list);
}

template <typename Block>
Block seed_block(const report::Document& doc, const std::string& id) {
    for (const auto& s : doc.sections)
        if (s.id == id)
            for (const auto& b : s.blocks)
                if (const auto* c = std::get_if<Block>(&b)) return *c;
    FAIL("no block in section " << id);
    return {};
}

graphics::Frame frame_in(LangMode mode) {
    graphics::Frame f;
    f.width = 451;
    f.first_height = 640;
    f.page_height = 700;
    f.mode = mode;
    return f;
}

}  // namespace

TEST_CASE("golden: the seed timeline in bi, zh and en", "[graphics][golden]") {
    for (LangMode mode : {LangMode::bi, LangMode::zh, LangMode::en}) {
        INFO(lang_mode_name(mode));
        const auto doc = testing::seed_document(mode);
        draw::Setter setter(testing::theme_fonts(), testing::theme());
        const auto fitted = graphics::timeline_boxes(seed_block<report::TimelineData>(doc, "timeline"), frame_in(mode), setter);
        REQUIRE(std::holds_alternative<std::vector<draw::Box>>(fitted));
        testing::check_golden("graphics", std::string("timeline-") + lang_mode_name(mode),
                              dump_boxes(std::get<std::vector<draw::Box>>(fitted)));
    }
}

TEST_CASE("golden: a bar, a slope and a line chart in bi, zh and en", "[graphics][golden]") {
    for (LangMode mode : {LangMode::bi, LangMode::zh, LangMode::en}) {
        INFO(lang_mode_name(mode));
        const auto doc = testing::seed_document(mode);
        const auto bar = seed_block<report::ChartData>(doc, "funding-chart");
        const auto slope = seed_block<report::ChartData>(doc, "headcount-chart");
        // The line chart: the headcount series and the R&D staff series of the seed over time.
        auto line = slope;
        line.kind = ChartKind::line;
        const std::string m = lang_mode_name(mode);
        for (const auto& [name, chart] : {std::pair{"bar", bar}, std::pair{"slope", slope}, std::pair{"line", line}}) {
            draw::Setter setter(testing::theme_fonts(), testing::theme());
            const auto box = graphics::chart_box(chart, frame_in(mode), setter);
            testing::check_golden("graphics", std::string("chart-") + name + "-" + m, dump_boxes({box}));
        }
    }
}
