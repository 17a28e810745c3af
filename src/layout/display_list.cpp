#include "layout/display_list.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "base/json_text.h"

namespace timeline::layout {
namespace {

// Fixed notation with `decimals` digits, locale-independent, never "-0.00".
std::string fixed(double v, int decimals = 2) {
    if (!std::isfinite(v)) return v != v ? "nan" : (v > 0 ? "inf" : "-inf");
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    std::string s(buf, res.ptr);
    if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
    return s;
}

// Font size: up to two decimals without trailing zeros ("10.5", "9", "7.25").
std::string size_text(double v) {
    std::string s = fixed(v);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

std::string hex(const Color& c) {
    static const char digits[] = "0123456789abcdef";
    std::string out = "#";
    for (double v : {c.r, c.g, c.b}) {
        const double clamped = std::isfinite(v) ? std::clamp(v, 0.0, 1.0) : 0.0;
        const int byte = static_cast<int>(std::lround(clamped * 255.0));
        out += digits[byte >> 4];
        out += digits[byte & 15];
    }
    return out;
}

std::string point(double x, double y) { return fixed(x) + "," + fixed(y); }

std::string paint(const std::optional<Color>& fill, const std::optional<Color>& stroke, double stroke_width) {
    std::string out;
    if (fill) out += " fill=" + hex(*fill);
    if (stroke) out += " stroke=" + hex(*stroke) + " w=" + fixed(stroke_width);
    if (!fill && !stroke) out += " none";
    return out;
}

struct ItemDump {
    std::string& out;

    void operator()(const GlyphRun& r) const {
        out += "  text " + r.font + " " + size_text(r.size) + " @" + point(r.x, r.y) + " w=" + fixed(r.width) + " " +
               json_quote(r.text);
        if (r.color != Color{}) out += " " + hex(r.color);
        if (r.char_spacing != 0) out += " cs=" + fixed(r.char_spacing);
        if (r.word_spacing != 0) out += " ws=" + fixed(r.word_spacing);
        out += '\n';
    }
    void operator()(const Line& l) const {
        out += "  line " + point(l.x1, l.y1) + " -> " + point(l.x2, l.y2) + " w=" + fixed(l.width) + " " + hex(l.color);
        if (!l.dash.empty()) {
            out += " dash=";
            for (std::size_t i = 0; i < l.dash.size(); ++i) out += (i ? "," : "") + fixed(l.dash[i]);
        }
        out += '\n';
    }
    void operator()(const Rect& r) const {
        out += "  rect " + point(r.x, r.y) + " " + fixed(r.w) + "x" + fixed(r.h) + paint(r.fill, r.stroke, r.stroke_width) +
               '\n';
    }
    void operator()(const Polygon& p) const {
        out += "  polygon";
        for (const auto& [x, y] : p.points) out += " " + point(x, y);
        out += paint(p.fill, p.stroke, p.stroke_width) + '\n';
    }
};

}  // namespace

std::string dump(const DisplayList& list) {
    std::string out;
    const DocumentInfo& info = list.info;
    const std::pair<const char*, const std::string*> fields[] = {
        {"title", &info.title},       {"subject", &info.subject},
        {"author", &info.author},     {"keywords", &info.keywords},
        {"creator", &info.creator},
    };
    for (const auto& [name, value] : fields) {
        if (!value->empty()) out += std::string("info ") + name + " " + json_quote(*value) + '\n';
    }
    if (info.creation_date) out += "info creation-date " + json_quote(date::format("%F", *info.creation_date)) + '\n';
    if (!info.document_id.empty()) out += "info document-id " + json_quote(info.document_id) + '\n';
    for (const Bookmark& b : list.bookmarks) {
        out += "bookmark " + std::to_string(b.level) + " " + json_quote(b.title) +
               " -> page " + std::to_string(b.page + 1) + " @" + fixed(b.y) + '\n';
    }
    for (std::size_t i = 0; i < list.pages.size(); ++i) {
        const Page& page = list.pages[i];
        out += "page " + std::to_string(i + 1) + " " + fixed(page.width) + "x" + fixed(page.height) + '\n';
        for (const Item& item : page.items) std::visit(ItemDump{out}, item);
    }
    return out;
}

}  // namespace timeline::layout
