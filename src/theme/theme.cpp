#include "theme/theme.h"

#include <filesystem>

#include <unistd.h>

#include "base/files.h"
#include "base/json_text.h"
#include "base/md5.h"
#include "builtin/schemas.h"
#include "theme/fontconfig.h"
#include "json/parse.h"

namespace timeline::theme {

namespace {

#define TL_THEME_NAME(name) #name,
constexpr std::string_view kStyleNames[] = {TL_THEME_STYLES(TL_THEME_NAME)};
constexpr std::string_view kColorNames[] = {TL_THEME_COLORS(TL_THEME_NAME)};
constexpr std::string_view kRuleNames[] = {TL_THEME_RULES(TL_THEME_NAME)};
constexpr std::string_view kSpaceNames[] = {TL_THEME_SPACE(TL_THEME_NAME)};
constexpr std::string_view kMarkNames[] = {TL_THEME_MARKS(TL_THEME_NAME)};
#undef TL_THEME_NAME

constexpr std::string_view kMarkers[] = {"circle", "square", "triangle", "diamond", "triangle_down", "hexagon"};
constexpr std::string_view kPatterns[] = {"solid", "hatch_diagonal", "dots", "hatch_horizontal", "crosshatch", "hatch_back"};

using json::Value;

std::string resolve_path(const std::string& font_file, const std::string& theme_file) {
    std::filesystem::path p(font_file);
    if (p.is_absolute() || theme_file.empty()) return font_file;
    return (std::filesystem::path(theme_file).parent_path() / p).lexically_normal().string();
}

// "#rrggbb" (the schema checks the form).
Color hex_color(const std::string& s) {
    auto byte = [&](std::size_t at) { return std::stoi(s.substr(at, 2), nullptr, 16) / 255.0; };
    if (s.size() != 7) return {};
    return Color{byte(1), byte(3), byte(5)};
}

// The member `key` of an object (no value for anything else) as a number, a string or an
// object; 0, "" or no value when it is not one.
double number(Value o, std::string_view key) {
    const Value v = o.is_object() ? o.find(key) : Value();
    return v.is_number() ? v.number() : 0;
}

std::string string(Value o, std::string_view key) {
    const Value v = o.is_object() ? o.find(key) : Value();
    return v.is_string() ? std::string(v.str()) : std::string();
}

Value object(Value o, std::string_view key) {
    const Value v = o.is_object() ? o.find(key) : Value();
    return v.is_object() ? v : Value();
}

template <std::size_t N>
std::size_t find(const std::string_view (&names)[N], const std::string& name) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == name) return i;
    return 0;
}

}  // namespace

std::string_view name(Style s) { return kStyleNames[static_cast<std::size_t>(s)]; }
std::string_view name(Ink c) { return kColorNames[static_cast<std::size_t>(c)]; }
std::string_view name(Rule r) { return kRuleNames[static_cast<std::size_t>(r)]; }
std::string_view name(Space s) { return kSpaceNames[static_cast<std::size_t>(s)]; }
std::string_view name(Mark m) { return kMarkNames[static_cast<std::size_t>(m)]; }

const Chain& Theme::chain(const std::string& name) const {
    const auto it = chains.find(name);
    return it != chains.end() ? it->second : chains.begin()->second;
}

// Reads a schema-checked theme document into a Theme, checking what the schema cannot: that
// chains name defined fonts, styles defined chains, and that font files are readable.
class Reader {
public:
    Reader(const json::Document& doc, const std::string& file, Diagnostics& diags)
        : doc_(doc), file_(file), diags_(diags) {}

    std::optional<Theme> read(const LoadOptions& options) {
        const Value root = doc_.value();
        Theme t;
        t.id = string(root, "id");
        t.file = file_;
        fonts(t, object(root, "fonts"), options);
        chains(t, object(root, "chains"));
        t.ascent = number(object(root, "baseline"), "ascent");  // before the styles that carry it
        const Value colors = object(root, "colors");
        for (std::size_t i = 0; i < count_of<Ink>; ++i) t.colors_[i] = hex_color(string(colors, kColorNames[i]));
        styles(t, object(root, "styles"));
        numbers(t.rules_, kRuleNames, object(root, "rules"));
        numbers(t.space_, kSpaceNames, object(root, "space"));
        numbers(t.marks_, kMarkNames, object(root, "marks"));
        const Value page = object(root, "page");
        t.page = {number(page, "top"), number(page, "bottom"), number(page, "side")};
        const Value lanes = root.find("lanes");
        for (std::size_t i = 0; i < lanes.size(); ++i) t.lanes_.push_back(hex_color(std::string(lanes.item(i).str())));
        const Value series = root.find("series");
        for (std::size_t i = 0; i < series.size(); ++i) {
            const Value s = series.item(i);
            SeriesStyle st;
            st.fill = hex_color(string(s, "fill"));
            st.stroke = hex_color(string(s, "stroke"));
            st.marker = static_cast<Marker>(find(kMarkers, string(s, "marker")));
            st.pattern = static_cast<Pattern>(find(kPatterns, string(s, "pattern")));
            const Value dash = s.find("dash");
            for (std::size_t d = 0; d < dash.size(); ++d) st.dash.push_back(dash.item(d).number());
            t.series_.push_back(std::move(st));
        }
        if (errors_ > 0) return std::nullopt;
        return t;
    }

private:
    void error(const std::string& code, const std::string& pointer, const std::string& message) {
        diags_.error(code, message, file_, doc_.position(pointer), pointer);
        ++errors_;
    }

    void fonts(Theme& t, Value fonts, const LoadOptions& options) {
        for (std::size_t k = 0; k < fonts.size(); ++k) {
            const std::string key(fonts.key(k));
            const std::string ptr = pointer_append("/fonts", key);
            const Value f = fonts.item(k);
            FontFile ff;
            ff.index = static_cast<int>(number(f, "index"));
            ff.package = string(f, "package");
            ff.role = string(f, "role");
            ff.family = string(f, "family");
            ff.style = f.has("style") ? string(f, "style") : std::string("Regular");
            const std::string install = ff.package.empty() ? std::string(": install the font or change the theme")
                                                            : ": install the Debian package " + ff.package;
            if (f.has("file")) {  // a file overrides the family
                ff.file = resolve_path(string(f, "file"), file_);
                if (options.check_files && ::access(ff.file.c_str(), R_OK) != 0) {
                    error("font-missing", pointer_append(ptr, "file"),
                          "font file " + ff.file + " of font \"" + key + "\" is missing or unreadable" + install);
                    continue;
                }
            } else if (options.check_files) {
                const auto found = find_font(ff.family, ff.style);
                if (!found) {
                    error("font-missing", pointer_append(ptr, "family"),
                          "font \"" + key + "\" (" + ff.family + " " + ff.style + ") is not installed" + install);
                    continue;
                }
                ff.file = found->file;
                ff.index = found->index;
            }
            t.fonts.emplace(key, std::move(ff));
        }
    }

    void chains(Theme& t, Value chains) {
        const Value fonts = object(doc_.value(), "fonts");
        for (std::size_t k = 0; k < chains.size(); ++k) {
            const std::string key(chains.key(k));
            const Value list = chains.item(k);
            Chain chain;
            for (std::size_t i = 0; i < list.size(); ++i) {
                const std::string font(list.item(i).str());
                if (!fonts.has(font)) {
                    error("theme-invalid", pointer_append(pointer_append("/chains", key), i),
                          "chain \"" + key + "\" uses font \"" + font + "\", which \"fonts\" does not define");
                    continue;
                }
                chain.push_back(font);
            }
            t.chains.emplace(key, std::move(chain));
        }
    }

    void styles(Theme& t, Value styles) {
        for (std::size_t i = 0; i < count_of<Style>; ++i) {
            const std::string key(kStyleNames[i]);
            const Value s = object(styles, key);
            TextStyle& ts = t.styles_[i];
            ts.name = key;
            ts.chain = string(s, "chain");
            ts.size = number(s, "size");
            ts.leading = number(s, "leading");
            ts.color = t.colors_[find(kColorNames, string(s, "color"))];
            ts.ascent = t.ascent;
            if (!t.chains.count(ts.chain))
                error("theme-invalid", pointer_append(pointer_append("/styles", key), "chain"),
                      "style \"" + key + "\" uses chain \"" + ts.chain + "\", which \"chains\" does not define");
        }
    }

    template <std::size_t N, std::size_t M>
    static void numbers(std::array<double, N>& out, const std::string_view (&names)[M], Value o) {
        static_assert(N == M);
        for (std::size_t i = 0; i < N; ++i) out[i] = number(o, names[i]);
    }

    const json::Document& doc_;
    const std::string& file_;
    Diagnostics& diags_;
    int errors_ = 0;
};

std::optional<Theme> parse(std::string_view text, const std::string& file, Diagnostics& diags,
                           const LoadOptions& options) {
    const std::size_t before = diags.count(Severity::error);
    auto doc = json::parse(text, file, diags);
    if (!doc || diags.count(Severity::error) != before) return std::nullopt;
    if (check_document("theme.schema.json", *doc, file, diags) > 0) return std::nullopt;
    auto t = Reader(*doc, file, diags).read(options);
    if (!t) return std::nullopt;
    Md5 md5;
    md5.update(text);
    t->digest = md5.hex();
    return t;
}

std::optional<Theme> load(const std::string& path, Diagnostics& diags, const LoadOptions& options) {
    auto text = read_file(path, diags);
    if (!text) return std::nullopt;
    return parse(*text, path, diags, options);
}

}  // namespace timeline::theme
