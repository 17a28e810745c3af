#include "draw/box.h"

namespace timeline::draw {

void translate(layout::Item& item, double dx, double dy) {
    std::visit(
        [&](auto& it) {
            using T = std::decay_t<decltype(it)>;
            if constexpr (std::is_same_v<T, layout::GlyphRun>) {
                it.x += dx;
                it.y += dy;
            } else if constexpr (std::is_same_v<T, layout::Line>) {
                it.x1 += dx;
                it.x2 += dx;
                it.y1 += dy;
                it.y2 += dy;
            } else if constexpr (std::is_same_v<T, layout::Rect>) {
                it.x += dx;
                it.y += dy;
            } else {
                for (auto& [px, py] : it.points) {
                    px += dx;
                    py += dy;
                }
            }
        },
        item);
}

void place(const Box& box, double x, double y, std::vector<layout::Item>& out) {
    for (auto item : box.items) {
        translate(item, x, y);
        out.push_back(std::move(item));
    }
}

}  // namespace timeline::draw
