#include "draw/box.h"

#include <iterator>

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
    const std::size_t from = out.size();
    out.insert(out.end(), box.items.begin(), box.items.end());
    for (std::size_t k = from; k < out.size(); ++k) translate(out[k], x, y);
}

void place(Box&& box, double x, double y, std::vector<layout::Item>& out) {
    const std::size_t from = out.size();
    out.insert(out.end(), std::make_move_iterator(box.items.begin()), std::make_move_iterator(box.items.end()));
    for (std::size_t k = from; k < out.size(); ++k) translate(out[k], x, y);
    box.items.clear();
}

}  // namespace timeline::draw
