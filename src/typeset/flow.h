// Pagination of units (see typeset.h, "Flow"). Internal to the page engine.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "draw/box.h"
#include "layout/display_list.h"
#include "typeset/typeset.h"

namespace timeline::typeset {

enum class Tie { none, weak, strong };

struct Unit {
    draw::Box box;
    double space_before = 0;
    Tie tie = Tie::none;  // tie to the next unit
    // Placed first when this unit starts a page (a table's header row).
    std::shared_ptr<const draw::Box> repeat_header;
    // A bookmark pointing at this unit.
    std::optional<std::string> bookmark;
    int bookmark_level = 0;
    // Where this unit lands is recorded under this id (see Flow::anchor), for what is drawn
    // once all pages are known (a reference to the page of another unit).
    std::optional<int> anchor;
};

// Where an anchored unit landed: its page and the top of its box.
struct Anchor {
    std::size_t page = 0;
    double x = 0;
    double y = 0;
};

class Flow {
public:
    // `done` (when set) receives each page once the flow has moved past it, and the pages
    // left at take(); its items are final then (what is drawn once every page is known
    // comes as an overlay, see PageSink).
    using PageDone = std::function<void(std::size_t index, layout::Page&& page)>;
    explicit Flow(const PageGeometry& geometry, PageDone done = {});

    // Adds a unit; units tied to the next are held until their chain ends.
    void push(Unit unit);
    // Places the units held back.
    void flush();
    // Room left on the current page below what is placed and what is held back.
    double room() const;
    double page_room() const { return geometry_.body_height(); }
    bool page_empty() const { return placed_on_page_ == 0; }
    void new_page();
    // Moves down by `space` (dropped at the top of a page).
    void skip(double space);

    // The bookmarks, and the pages not handed to `done` (all of them without it).
    layout::DisplayList take();
    // Pages begun so far.
    std::size_t pages() const { return first_ + list_.pages.size(); }
    const PageGeometry& geometry() const { return geometry_; }
    // Where the unit with anchor `id` landed, once it is placed.
    std::optional<Anchor> anchor(int id) const;

private:
    double chain_height(const std::vector<Unit>& chain, bool fresh) const;
    void place_chain(std::vector<Unit>& chain, bool split_weak);
    void put(Unit& unit);  // its box is moved onto the page

    std::size_t current() const { return pages() - 1; }

    PageGeometry geometry_;
    PageDone done_;
    std::size_t first_ = 0;  // index of list_.pages[0]: the pages before it went to done_
    layout::DisplayList list_;
    double y_ = 0;  // current position, from the page top
    int placed_on_page_ = 0;
    std::vector<Unit> held_;
    std::map<int, Anchor> anchors_;
};

}  // namespace timeline::typeset
