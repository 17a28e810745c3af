// Boxes: display-list items laid out relative to a top-left corner, placed on a page later.
#pragma once

#include <vector>

#include "layout/display_list.h"

namespace timeline::draw {

struct Box {
    double width = 0;
    double height = 0;
    std::vector<layout::Item> items;  // coordinates relative to the box's top-left corner
};

// Moves an item by (dx, dy).
void translate(layout::Item& item, double dx, double dy);

// Appends the items of `box` to `out`, moved so that the box's corner is at (x, y).
void place(const Box& box, double x, double y, std::vector<layout::Item>& out);
// The same, the items moved out of `box` (left empty).
void place(Box&& box, double x, double y, std::vector<layout::Item>& out);

}  // namespace timeline::draw
