#include "typeset/flow.h"

#include <algorithm>

namespace timeline::typeset {

Flow::Flow(const PageGeometry& geometry, PageDone done) : geometry_(geometry), done_(std::move(done)) { new_page(); }

void Flow::new_page() {
    if (done_ && !list_.pages.empty()) {
        done_(first_, std::move(list_.pages.back()));
        list_.pages.clear();
        ++first_;
    }
    layout::Page page;
    page.width = geometry_.width;
    page.height = geometry_.height;
    list_.pages.push_back(std::move(page));
    y_ = geometry_.top;
    placed_on_page_ = 0;
}

double Flow::chain_height(const std::vector<Unit>& chain, bool fresh) const {
    double h = 0;
    for (std::size_t k = 0; k < chain.size(); ++k) {
        if (!(fresh && k == 0)) h += chain[k].space_before;
        h += chain[k].box.height;
    }
    if (fresh && !chain.empty() && chain.front().repeat_header) h += chain.front().repeat_header->height;
    return h;
}

double Flow::room() const {
    const double bottom = geometry_.height - geometry_.bottom;
    return bottom - y_ - chain_height(held_, page_empty());
}

void Flow::skip(double space) {
    if (!page_empty()) y_ += space;
}

void Flow::put(Unit& unit) {
    const double bottom = geometry_.height - geometry_.bottom;
    const bool fresh = page_empty();
    double need = unit.box.height + (fresh ? 0 : unit.space_before);
    if (!fresh && y_ + need > bottom + 0.01) {
        new_page();
        need = unit.box.height;
    }
    if (page_empty() && unit.repeat_header) {
        // A unit starting a page brings its header (a table row: the header row).
        draw::place(*unit.repeat_header, geometry_.left, y_, list_.pages.back().items);
        y_ += unit.repeat_header->height;
        ++placed_on_page_;
    } else if (!page_empty()) {
        y_ += unit.space_before;
    }
    if (unit.bookmark) list_.bookmarks.push_back({*unit.bookmark, unit.bookmark_level, current(), y_});
    if (unit.anchor) anchors_[*unit.anchor] = {current(), geometry_.left, y_};
    draw::place(std::move(unit.box), geometry_.left, y_, list_.pages.back().items);
    y_ += unit.box.height;
    ++placed_on_page_;
}

void Flow::place_chain(std::vector<Unit>& chain, bool split_weak) {
    const double bottom = geometry_.height - geometry_.bottom;
    if (y_ + chain_height(chain, page_empty()) <= bottom + 0.01) {
        for (auto& u : chain) put(u);
        return;
    }
    if (!page_empty() && geometry_.top + chain_height(chain, true) <= bottom + 0.01) {
        new_page();
        for (auto& u : chain) put(u);
        return;
    }
    // Taller than a page: split at weak ties first, then unit by unit.
    if (split_weak) {
        std::vector<Unit> part;
        for (auto& u : chain) {
            const bool end = u.tie != Tie::strong;
            part.push_back(std::move(u));
            if (end) {
                place_chain(part, false);
                part.clear();
            }
        }
        if (!part.empty()) place_chain(part, false);
        return;
    }
    for (auto& u : chain) put(u);
}

void Flow::push(Unit unit) {
    const bool tied = unit.tie != Tie::none;
    held_.push_back(std::move(unit));
    if (!tied) flush();
}

void Flow::flush() {
    if (held_.empty()) return;
    std::vector<Unit> chain;
    chain.swap(held_);
    const bool has_weak = std::any_of(chain.begin(), chain.end(), [](const Unit& u) { return u.tie == Tie::weak; });
    place_chain(chain, has_weak);
}

std::optional<Anchor> Flow::anchor(int id) const {
    const auto it = anchors_.find(id);
    if (it == anchors_.end()) return std::nullopt;
    return it->second;
}

layout::DisplayList Flow::take() {
    flush();
    if (done_) {
        for (auto& page : list_.pages) done_(first_++, std::move(page));
        list_.pages.clear();
    }
    return std::move(list_);
}

}  // namespace timeline::typeset
