#include "pdf/writer.h"

#include <hpdf.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include <date/date.h>

#include "base/files.h"
#include "base/utf8.h"

namespace timeline::pdf {
namespace {

using layout::Color;
using layout::DisplayList;

// Errors libharu reports through its handler, collected until the writer looks at them.
struct ErrorSink {
    struct Entry {
        HPDF_STATUS code;
        HPDF_STATUS detail;
    };
    std::vector<Entry> entries;
    bool ignore_eof = false;  // reading the memory stream ends with HPDF_STREAM_EOF
};

extern "C" void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
    auto* sink = static_cast<ErrorSink*>(user_data);
    if (sink->ignore_eof && error_no == HPDF_STREAM_EOF) return;
    try {
        sink->entries.push_back({error_no, detail_no});
    } catch (...) {
        // Out of memory while recording: the failing call's status is still checked.
    }
}

std::string hex_code(unsigned long v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%04lX", v);
    return buf;
}

struct DocDeleter {
    void operator()(HPDF_Doc doc) const { HPDF_Free(doc); }
};

bool finite(double v) { return std::isfinite(v); }

HPDF_REAL real(double v) { return static_cast<HPDF_REAL>(v); }

HPDF_REAL channel(double v) { return real(std::clamp(v, 0.0, 1.0)); }

// A day as the PDF date of its midnight UTC.
HPDF_Date pdf_date(date::sys_days day) {
    const date::year_month_day ymd{day};
    HPDF_Date d{};
    d.year = static_cast<int>(ymd.year());
    d.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    d.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    d.ind = 'Z';
    return d;
}

std::optional<std::vector<HPDF_BYTE>> parse_hex(const std::string& s) {
    if (s.empty() || s.size() % 2 != 0) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::vector<HPDF_BYTE> out;
    for (std::size_t i = 0; i < s.size(); i += 2) {
        const int hi = nibble(s[i]), lo = nibble(s[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.push_back(static_cast<HPDF_BYTE>(hi * 16 + lo));
    }
    return out;
}

// Whole-point dash pattern for HPDF_Page_SetDash: an odd pattern is written out twice
// (PDF repeats it anyway), at most 8 entries.
std::vector<HPDF_UINT16> dash_pattern(const std::vector<double>& dash) {
    std::vector<HPDF_UINT16> p;
    for (double d : dash) p.push_back(static_cast<HPDF_UINT16>(std::clamp(std::lround(d), 1L, 65535L)));
    if (p.size() % 2 == 1) {
        const auto copy = p;
        p.insert(p.end(), copy.begin(), copy.end());
    }
    return p;
}

// Checks what libharu would reject or silently damage (PITFALLS, libharu 6-7) before it
// sees anything, and reports every problem.
bool check_input(const DisplayList& list, const std::map<std::string, std::string>& font_paths,
                 const std::string& path, Diagnostics& diags) {
    const std::size_t before = diags.count(Severity::error);
    // `where` is a string or an item's Where, turned into text only for a message.
    auto bad = [&](const auto& where, const std::string& what) {
        diags.error("pdf-input", static_cast<std::string>(where) + ": " + what, path);
    };
    auto check_text = [&](const auto& where, const std::string& text) {
        if (auto at = utf8::first_invalid(text)) {
            bad(where, "invalid UTF-8 at byte " + std::to_string(*at));
            return;
        }
        std::string outside;
        for (std::size_t i = 0; i < text.size();) {
            const char32_t cp = utf8::decode(text, i);
            if (cp > 0xFFFF && outside.find(utf8::codepoint_name(cp)) == std::string::npos)
                outside += (outside.empty() ? "" : ", ") + utf8::codepoint_name(cp);
        }
        if (!outside.empty()) bad(where, "characters outside the Basic Multilingual Plane cannot be embedded: " + outside);
    };
    if (list.pages.empty()) bad("document", "no pages");
    // Whether each font's file exists, asked of the file system once per font, not per run.
    std::map<std::string, bool> font_exists;
    for (const auto& [key, file] : font_paths) {
        std::error_code ec;
        font_exists[key] = std::filesystem::is_regular_file(file, ec);
    }
    for (std::size_t p = 0; p < list.pages.size(); ++p) {
        const layout::Page& page = list.pages[p];
        const std::string pname = "page " + std::to_string(p + 1);
        if (!finite(page.width) || !finite(page.height) || page.width < 3 || page.height < 3 || page.width > 14400 ||
            page.height > 14400)
            bad(pname, "page size must be between 3 and 14400 points");
        for (std::size_t i = 0; i < page.items.size(); ++i) {
            // Named only when something is wrong: most items are fine, and the name costs allocations.
            struct Where {
                const std::string& pname;
                std::size_t i;
                explicit operator std::string() const { return pname + " item " + std::to_string(i + 1); }
            } where{pname, i};
            std::visit(
                [&](const auto& item) {
                    using T = std::decay_t<decltype(item)>;
                    if constexpr (std::is_same_v<T, layout::GlyphRun>) {
                        const auto font = font_exists.find(item.font);
                        if (font == font_exists.end())
                            diags.error("pdf-font",
                                        static_cast<std::string>(where) + ": no font with key \"" + item.font + "\"",
                                        path);
                        else if (!font->second)
                            diags.error("pdf-font",
                                        static_cast<std::string>(where) + ": font file " + font_paths.at(item.font) +
                                            " of \"" + item.font + "\" does not exist",
                                        path);
                        if (!finite(item.x) || !finite(item.y) || !finite(item.size) || !finite(item.char_spacing) ||
                            !finite(item.word_spacing) || item.size <= 0 || item.size > 300)
                            bad(where, "text position, size or spacing out of range");
                        check_text(where, item.text);
                    } else if constexpr (std::is_same_v<T, layout::Line>) {
                        if (!finite(item.x1) || !finite(item.y1) || !finite(item.x2) || !finite(item.y2) ||
                            !finite(item.width) || item.width < 0)
                            bad(where, "line coordinates or width out of range");
                        for (double d : item.dash)
                            if (!finite(d) || d <= 0) bad(where, "dash lengths must be positive");
                        if (dash_pattern(item.dash).size() > 8) bad(where, "a dash pattern has at most 8 lengths");
                    } else if constexpr (std::is_same_v<T, layout::Rect>) {
                        if (!finite(item.x) || !finite(item.y) || !finite(item.w) || !finite(item.h) ||
                            !finite(item.stroke_width) || item.stroke_width < 0)
                            bad(where, "rectangle coordinates or stroke width out of range");
                    } else {
                        if (item.points.size() < 2) bad(where, "a polygon needs at least 2 points");
                        for (const auto& [x, y] : item.points)
                            if (!finite(x) || !finite(y)) bad(where, "polygon coordinates out of range");
                        if (!finite(item.stroke_width) || item.stroke_width < 0)
                            bad(where, "polygon stroke width out of range");
                    }
                },
                page.items[i]);
        }
    }
    for (std::size_t b = 0; b < list.bookmarks.size(); ++b) {
        const layout::Bookmark& bm = list.bookmarks[b];
        const std::string where = "bookmark " + std::to_string(b + 1);
        if (bm.page >= list.pages.size()) bad(where, "points to page " + std::to_string(bm.page + 1) + " of " +
                                                         std::to_string(list.pages.size()));
        if (!finite(bm.y)) bad(where, "position out of range");
        check_text(where, bm.title);
    }
    const layout::DocumentInfo& info = list.info;
    for (const std::string* s : {&info.title, &info.subject, &info.author, &info.keywords, &info.creator})
        check_text("document info", *s);
    if (info.creation_date) {
        // PDF dates have four-digit years (PDF 32000-1 §7.9.4).
        const date::year_month_day ymd{*info.creation_date};
        if (ymd.year() < date::year{1} || ymd.year() > date::year{9999})
            bad("document info", "creation date " + date::format("%F", *info.creation_date) + " is outside the years 1–9999");
    }
    return diags.count(Severity::error) == before;
}

class Writer {
public:
    Writer(const DisplayList& list, const std::map<std::string, std::string>& font_paths, const std::string& path,
           Diagnostics& diags)
        : list_(list), font_paths_(font_paths), path_(path), diags_(diags) {}

    std::optional<std::string> run() {
        doc_.reset(HPDF_New(on_hpdf_error, &sink_));
        if (!doc_) {
            diags_.error("pdf-error", "libharu could not create a document (out of memory)", path_);
            return std::nullopt;
        }
        pdf_ = doc_.get();
        // UTF-8 before anything else, or info strings and bookmarks come out garbled.
        if (!step("selecting the UTF-8 encoder", HPDF_UseUTFEncodings(pdf_)) ||
            !step("selecting the UTF-8 encoder", HPDF_SetCurrentEncoder(pdf_, "UTF-8")) ||
            !step("setting compression", HPDF_SetCompressionMode(pdf_, HPDF_COMP_ALL)))
            return std::nullopt;
        if (!write_info() || !load_fonts()) return std::nullopt;
        for (std::size_t i = 0; i < list_.pages.size(); ++i)
            if (!write_page(i)) return std::nullopt;
        if (!write_bookmarks() || !write_id()) return std::nullopt;
        return save();
    }

private:
    // Checks a libharu status and the error sink; turns errors into diagnostics and clears
    // libharu's sticky error state.
    bool step(const std::string& what, HPDF_STATUS status = HPDF_OK) {
        if (status == HPDF_OK && sink_.entries.empty()) return true;
        if (sink_.entries.empty()) sink_.entries.push_back({status, HPDF_GetErrorDetail(pdf_)});
        std::set<std::pair<HPDF_STATUS, HPDF_STATUS>> seen;
        for (const auto& e : sink_.entries)
            if (seen.insert({e.code, e.detail}).second)
                diags_.error("pdf-error",
                         "libharu error " + hex_code(e.code) + " (detail " + std::to_string(e.detail) + ") while " + what,
                         path_);
        sink_.entries.clear();
        HPDF_ResetError(pdf_);
        return false;
    }

    template <typename Handle>
    bool got(const std::string& what, Handle h) {
        if (h && sink_.entries.empty()) return true;
        if (!h && sink_.entries.empty()) sink_.entries.push_back({HPDF_GetError(pdf_), HPDF_GetErrorDetail(pdf_)});
        return step(what);
    }

    bool write_info() {
        const layout::DocumentInfo& info = list_.info;
        const std::pair<HPDF_InfoType, const std::string*> attrs[] = {
            {HPDF_INFO_TITLE, &info.title},       {HPDF_INFO_SUBJECT, &info.subject},
            {HPDF_INFO_AUTHOR, &info.author},     {HPDF_INFO_KEYWORDS, &info.keywords},
            {HPDF_INFO_CREATOR, &info.creator},
        };
        for (const auto& [type, value] : attrs)
            if (!value->empty() && !step("setting document info", HPDF_SetInfoAttr(pdf_, type, value->c_str())))
                return false;
        if (!step("setting document info", HPDF_SetInfoAttr(pdf_, HPDF_INFO_PRODUCER, "timeline"))) return false;
        if (info.creation_date) {
            const HPDF_Date day = pdf_date(*info.creation_date);
            if (!step("setting the creation date", HPDF_SetInfoDateAttr(pdf_, HPDF_INFO_CREATION_DATE, day)) ||
                !step("setting the modification date", HPDF_SetInfoDateAttr(pdf_, HPDF_INFO_MOD_DATE, day)))
                return false;
        }
        return true;
    }

    // Loads each font that a glyph run uses, once per file.
    bool load_fonts() {
        std::set<std::string> used;
        for (const auto& page : list_.pages)
            for (const auto& item : page.items)
                if (const auto* run = std::get_if<layout::GlyphRun>(&item)) used.insert(run->font);
        std::map<std::string, std::string> name_by_path;
        for (const std::string& key : used) {
            const std::string& file = font_paths_.at(key);
            auto it = name_by_path.find(file);
            if (it == name_by_path.end()) {
                const char* name = HPDF_LoadTTFontFromFile(pdf_, file.c_str(), HPDF_TRUE);
                if (!got("loading font \"" + key + "\" from " + file, name)) return false;
                it = name_by_path.emplace(file, name).first;
            }
            HPDF_Font font = HPDF_GetFont(pdf_, it->second.c_str(), "UTF-8");
            if (!got("preparing font \"" + key + "\"", font)) return false;
            fonts_[key] = font;
        }
        return true;
    }

    // Graphics state of the current page, so that unchanged settings are not written again.
    struct State {
        std::optional<Color> fill, stroke;
        double line_width = 1, char_space = 0;
        bool dashed = false;
    };

    void set_fill(HPDF_Page page, const Color& c) {
        if (state_.fill == c) return;
        HPDF_Page_SetRGBFill(page, channel(c.r), channel(c.g), channel(c.b));
        state_.fill = c;
    }
    void set_stroke(HPDF_Page page, const Color& c, double width) {
        if (state_.stroke != c) {
            HPDF_Page_SetRGBStroke(page, channel(c.r), channel(c.g), channel(c.b));
            state_.stroke = c;
        }
        if (state_.line_width != width) {
            HPDF_Page_SetLineWidth(page, real(width));
            state_.line_width = width;
        }
    }
    void set_char_space(HPDF_Page page, double cs) {
        if (state_.char_space == cs) return;
        HPDF_Page_SetCharSpace(page, real(cs));
        state_.char_space = cs;
    }

    // Colors and widths are set before the path: libharu refuses them inside a path.
    void prepare(HPDF_Page page, const std::optional<Color>& fill, const std::optional<Color>& stroke, double width) {
        if (state_.dashed) {
            HPDF_Page_SetDash(page, nullptr, 0, 0);
            state_.dashed = false;
        }
        if (fill) set_fill(page, *fill);
        if (stroke) set_stroke(page, *stroke, width);
    }

    void paint(HPDF_Page page, const std::optional<Color>& fill, const std::optional<Color>& stroke, bool close) {
        if (fill && stroke)
            close ? HPDF_Page_ClosePathFillStroke(page) : HPDF_Page_FillStroke(page);
        else if (fill)
            HPDF_Page_Fill(page);
        else if (stroke)
            close ? HPDF_Page_ClosePathStroke(page) : HPDF_Page_Stroke(page);
        else
            HPDF_Page_EndPath(page);
    }

    void draw(HPDF_Page page, double height, const layout::GlyphRun& run) {
        if (run.text.empty()) return;
        HPDF_Font font = fonts_.at(run.font);
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, font, real(run.size));
        set_fill(page, run.color);
        set_char_space(page, run.char_spacing);
        const double y = height - run.y;
        if (run.word_spacing == 0 || run.text.find(' ') == std::string::npos) {
            HPDF_Page_TextOut(page, real(run.x), real(y), run.text.c_str());
        } else {
            // Word by word: each piece ends with its space, the next starts after the space
            // plus the extra word spacing.
            double advance = 0;
            std::size_t start = 0;
            double start_x = 0;
            for (std::size_t i = 0; i < run.text.size();) {
                const char32_t cp = utf8::decode(run.text, i);
                advance += HPDF_Font_GetUnicodeWidth(font, static_cast<HPDF_UNICODE>(cp)) * run.size / 1000.0 +
                           run.char_spacing;
                if (cp == U' ') {
                    advance += run.word_spacing;
                    HPDF_Page_TextOut(page, real(run.x + start_x), real(y), run.text.substr(start, i - start).c_str());
                    start = i;
                    start_x = advance;
                }
            }
            if (start < run.text.size())
                HPDF_Page_TextOut(page, real(run.x + start_x), real(y), run.text.substr(start).c_str());
        }
        HPDF_Page_EndText(page);
    }

    void draw(HPDF_Page page, double height, const layout::Line& line) {
        set_stroke(page, line.color, line.width);
        if (!line.dash.empty()) {
            const auto pattern = dash_pattern(line.dash);
            HPDF_Page_SetDash(page, pattern.data(), static_cast<HPDF_UINT>(pattern.size()), 0);
            state_.dashed = true;
        } else if (state_.dashed) {
            HPDF_Page_SetDash(page, nullptr, 0, 0);
            state_.dashed = false;
        }
        HPDF_Page_MoveTo(page, real(line.x1), real(height - line.y1));
        HPDF_Page_LineTo(page, real(line.x2), real(height - line.y2));
        HPDF_Page_Stroke(page);
    }

    void draw(HPDF_Page page, double height, const layout::Rect& r) {
        prepare(page, r.fill, r.stroke, r.stroke_width);
        const double x = std::min(r.x, r.x + r.w), top = std::min(r.y, r.y + r.h);
        HPDF_Page_Rectangle(page, real(x), real(height - top - std::abs(r.h)), real(std::abs(r.w)), real(std::abs(r.h)));
        paint(page, r.fill, r.stroke, false);
    }

    void draw(HPDF_Page page, double height, const layout::Polygon& p) {
        prepare(page, p.fill, p.stroke, p.stroke_width);
        HPDF_Page_MoveTo(page, real(p.points[0].first), real(height - p.points[0].second));
        for (std::size_t i = 1; i < p.points.size(); ++i)
            HPDF_Page_LineTo(page, real(p.points[i].first), real(height - p.points[i].second));
        paint(page, p.fill, p.stroke, true);
    }

    bool write_page(std::size_t index) {
        const layout::Page& spec = list_.pages[index];
        const std::string what = "drawing page " + std::to_string(index + 1);
        HPDF_Page page = HPDF_AddPage(pdf_);
        if (!got(what, page)) return false;
        pages_.push_back(page);
        if (!step(what, HPDF_Page_SetWidth(page, real(spec.width))) ||
            !step(what, HPDF_Page_SetHeight(page, real(spec.height))))
            return false;
        state_ = State{};
        for (std::size_t i = 0; i < spec.items.size(); ++i) {
            std::visit([&](const auto& item) { draw(page, spec.height, item); }, spec.items[i]);
            // Drawing calls report through the handler; stop at the first failing item (the
            // message is only put together then).
            if (!sink_.entries.empty() && !step(what + " item " + std::to_string(i + 1))) return false;
        }
        return true;
    }

    bool write_bookmarks() {
        if (list_.bookmarks.empty()) return true;
        HPDF_Encoder encoder = HPDF_GetEncoder(pdf_, "UTF-8");
        if (!got("preparing bookmarks", encoder)) return false;
        std::vector<HPDF_Outline> open;  // open[i]: the latest outline at level i
        for (std::size_t b = 0; b < list_.bookmarks.size(); ++b) {
            const layout::Bookmark& bm = list_.bookmarks[b];
            const std::string what = "adding bookmark " + std::to_string(b + 1);
            const std::size_t level = std::min(static_cast<std::size_t>(std::max(bm.level, 0)), open.size());
            HPDF_Outline parent = level == 0 ? nullptr : open[level - 1];
            HPDF_Outline outline = HPDF_CreateOutline(pdf_, parent, bm.title.c_str(), encoder);
            if (!got(what, outline)) return false;
            open.resize(level);
            open.push_back(outline);
            HPDF_Page page = pages_[bm.page];
            HPDF_Destination dst = HPDF_Page_CreateDestination(page);
            if (!got(what, dst)) return false;
            const double top = std::clamp(list_.pages[bm.page].height - bm.y, 0.0, list_.pages[bm.page].height);
            if (!step(what, HPDF_Destination_SetXYZ(dst, 0, real(top), 1)) ||
                !step(what, HPDF_Outline_SetDestination(outline, dst)) ||
                !step(what, HPDF_Outline_SetOpened(outline, HPDF_TRUE)))
                return false;
        }
        return step("setting the page mode", HPDF_SetPageMode(pdf_, HPDF_PAGE_MODE_USE_OUTLINE));
    }

    // The trailer /ID from the document id (hex digest of the inputs; other text is used
    // byte for byte), so that it is reproducible. libharu writes none by itself.
    bool write_id() {
        const std::string& id = list_.info.document_id;
        if (id.empty()) return true;
        std::vector<HPDF_BYTE> bytes;
        if (auto hex = parse_hex(id))
            bytes = *hex;
        else
            bytes.assign(id.begin(), id.end());
        HPDF_Array array = HPDF_Array_New(pdf_->mmgr);
        if (!got("setting the document id", array)) return false;
        if (!step("setting the document id", HPDF_Dict_Add(pdf_->trailer, "ID", array))) return false;
        for (int i = 0; i < 2; ++i) {
            HPDF_Binary part = HPDF_Binary_New(pdf_->mmgr, bytes.data(), static_cast<HPDF_UINT>(bytes.size()));
            if (!got("setting the document id", part) || !step("setting the document id", HPDF_Array_Add(array, part)))
                return false;
        }
        return true;
    }

    std::optional<std::string> save() {
        if (!step("saving", HPDF_SaveToStream(pdf_))) return std::nullopt;
        const HPDF_UINT32 size = HPDF_GetStreamSize(pdf_);
        if (!step("saving", HPDF_ResetStream(pdf_))) return std::nullopt;
        std::string out;
        out.reserve(size);
        char buf[65536];
        sink_.ignore_eof = true;
        for (;;) {
            HPDF_UINT32 n = sizeof buf;
            const HPDF_STATUS status = HPDF_ReadFromStream(pdf_, reinterpret_cast<HPDF_BYTE*>(buf), &n);
            out.append(buf, n);
            if (status == HPDF_STREAM_EOF) break;
            if (status != HPDF_OK) {
                sink_.ignore_eof = false;
                step("reading the saved document", status);
                return std::nullopt;
            }
            if (n == 0) break;
        }
        sink_.ignore_eof = false;
        HPDF_ResetError(pdf_);
        if (!sink_.entries.empty() || out.size() != size) {
            if (sink_.entries.empty()) sink_.entries.push_back({HPDF_STREAM_EOF, 0});
            step("reading the saved document");
            return std::nullopt;
        }
        return out;
    }

    const DisplayList& list_;
    const std::map<std::string, std::string>& font_paths_;
    const std::string& path_;
    Diagnostics& diags_;
    ErrorSink sink_;
    std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocDeleter> doc_;
    HPDF_Doc pdf_ = nullptr;
    std::map<std::string, HPDF_Font> fonts_;
    std::vector<HPDF_Page> pages_;
    State state_;
};

}  // namespace

bool write_pdf(const layout::DisplayList& list, const std::vector<EmbeddedFont>& fonts, const std::string& path,
               Diagnostics& diags) {
    std::map<std::string, std::string> font_paths;
    bool fonts_ok = true;
    for (const EmbeddedFont& f : fonts) {
        if (!font_paths.emplace(f.key, f.path).second) {
            diags.error("pdf-font", "font key \"" + f.key + "\" is given twice", path);
            fonts_ok = false;
        }
    }
    if (!check_input(list, font_paths, path, diags) || !fonts_ok) return false;
    std::optional<std::string> bytes = Writer(list, font_paths, path, diags).run();
    if (!bytes) return false;
    return write_file_atomic(path, *bytes, diags);
}

}  // namespace timeline::pdf
