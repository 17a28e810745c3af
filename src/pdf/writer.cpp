#include "pdf/writer.h"

#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <new>
#include <system_error>
#include <thread>
#include <unordered_map>

#include <date/date.h>

#include "base/files.h"
#include "base/utf8.h"

namespace timeline::pdf {
namespace {

using layout::Color;

// Numbers are written with three decimals at most, trailing zeros dropped: a thousandth of
// a point is far below what a printer or screen resolves.
using Milli = long long;

Milli milli(double v) { return std::llround(v * 1000.0); }

void put_int(std::string& out, long long v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

// Written backwards into a buffer of its own, then appended at once.
void put_milli(std::string& out, Milli m) {
    char buf[32];
    char* const end = buf + sizeof buf;
    const bool negative = m < 0;
    auto v = static_cast<unsigned long long>(negative ? -m : m);
    char* p = end;
    if (int frac = static_cast<int>(v % 1000); frac != 0) {
        int n = 3;
        while (frac % 10 == 0) {
            frac /= 10;
            --n;
        }
        for (; n > 0; --n, frac /= 10) *--p = static_cast<char>('0' + frac % 10);
        *--p = '.';
    }
    v /= 1000;
    do *--p = static_cast<char>('0' + v % 10);
    while ((v /= 10) != 0);
    if (negative) *--p = '-';
    out.append(p, static_cast<std::size_t>(end - p));
}

void put_num(std::string& out, double v) { put_milli(out, milli(v)); }

void put_hex4(std::string& out, unsigned v) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    const char d[4] = {kHex[(v >> 12) & 15], kHex[(v >> 8) & 15], kHex[(v >> 4) & 15], kHex[v & 15]};
    out.append(d, 4);
}

void put_color(std::string& out, const Color& c, const char* op) {
    put_num(out, std::clamp(c.r, 0.0, 1.0));
    out += ' ';
    put_num(out, std::clamp(c.g, 0.0, 1.0));
    out += ' ';
    put_num(out, std::clamp(c.b, 0.0, 1.0));
    out += op;
}

// UTF-16BE code units of a code point as hex (a surrogate pair beyond the BMP).
void put_utf16_hex(std::string& out, char32_t cp) {
    if (cp < 0x10000) {
        put_hex4(out, static_cast<unsigned>(cp));
    } else {
        const char32_t v = cp - 0x10000;
        put_hex4(out, static_cast<unsigned>(0xD800 + (v >> 10)));
        put_hex4(out, static_cast<unsigned>(0xDC00 + (v & 0x3FF)));
    }
}

// A PDF text string (PDF 32000-1 §7.9.2.2): a literal string for printable ASCII, else
// UTF-16BE with a byte order mark, in hex.
std::string text_string(const std::string& utf8) {
    const bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return c >= ' ' && c <= '~'; });
    std::string out;
    if (ascii) {
        out += '(';
        for (char c : utf8) {
            if (c == '(' || c == ')' || c == '\\') out += '\\';
            out += c;
        }
        out += ')';
        return out;
    }
    out = "<FEFF";
    for (std::size_t i = 0; i < utf8.size();) put_utf16_hex(out, utf8::decode(utf8, i));
    out += '>';
    return out;
}

bool finite(double v) { return std::isfinite(v); }

std::optional<std::string> parse_hex(const std::string& s) {
    if (s.empty() || s.size() % 2 != 0) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    for (std::size_t i = 0; i < s.size(); i += 2) {
        const int hi = nibble(s[i]), lo = nibble(s[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

// A day as the PDF date of its midnight UTC.
std::string pdf_date(date::sys_days day) { return "(D:" + date::format("%Y%m%d", day) + "000000Z)"; }

// A font as the pages use it: glyph ids by code point (filled as text is set) and, per used
// glyph, the code point it stands for in the ToUnicode CMap (the lowest, when a glyph serves
// several).
struct FontUse {
    std::string key;
    int number = 0;  // /F<number>
    int object = 0;  // the Type0 font dictionary, reserved at first use
    std::array<std::uint16_t, 128> ascii{};  // glyph of each ASCII code point, 0: not looked up yet
    std::unordered_map<char32_t, std::uint16_t> others;
    std::unordered_map<std::uint16_t, char32_t> unicode;  // by glyph id
};

// A libdeflate compressor at one level, for one thread at a time (null when it could not be
// made: out of memory).
class Compressor {
public:
    explicit Compressor(int level) : c_(libdeflate_alloc_compressor(level)) {}
    ~Compressor() { libdeflate_free_compressor(c_); }
    Compressor(const Compressor&) = delete;
    Compressor& operator=(const Compressor&) = delete;

    bool ready() const { return c_ != nullptr; }
    // `data` deflated whole (zlib format, as /FlateDecode reads it) into `out`; false if the
    // compressor could not be made.
    bool deflate(std::string_view data, std::string& out) {
        if (!c_) return false;
        out.resize(libdeflate_zlib_compress_bound(c_, data.size()));
        out.resize(libdeflate_zlib_compress(c_, data.data(), data.size(), out.data(), out.size()));
        return true;  // the bound always suffices
    }

private:
    libdeflate_compressor* c_;
};

// Page content streams deflated on a thread of their own while the next page is set (about
// a tenth of a long brief's time): streams are handed over in order and come back in order.
// With one core, or when the thread cannot start, each is deflated as it is handed over.
class Deflater {
public:
    explicit Deflater(int level) : compressor_(level) {
        if (!compressor_.ready()) return;
        if (std::thread::hardware_concurrency() > 1) {
            try {
                thread_ = std::thread([this] { work(); });
            } catch (const std::system_error&) {
                // deflate as streams are handed over
            }
        }
    }
    ~Deflater() {
        if (thread_.joinable()) {
            {
                std::lock_guard lock(mutex_);
                stopping_ = true;
            }
            wake_.notify_all();
            thread_.join();
        }
    }
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    bool ready() const { return compressor_.ready(); }
    // Whether a stream could not be deflated for want of memory (on the thread; its stream
    // comes back empty).
    bool failed() const { return failed_; }

    // Hands `data` over as the stream of object `object`; waits while kInFlight are waiting
    // to be deflated (those deflated wait for collect(), which follows every submit()).
    void submit(int object, std::string&& data) {
        if (!thread_.joinable()) {
            Job j{object, std::move(data), {}};
            deflate_job(j);
            done_.push_back(std::move(j));
            return;
        }
        std::unique_lock lock(mutex_);
        room_.wait(lock, [&] { return todo_.size() < kInFlight; });
        todo_.push_back(Job{object, std::move(data), {}});
        wake_.notify_all();
    }

    // emit(object, deflated) for each stream deflated so far, in the order handed over; with
    // `all`, after waiting for every stream handed over.
    template <class Emit>
    void collect(Emit&& emit, bool all) {
        std::deque<Job> ready;
        {
            std::unique_lock lock(mutex_);
            if (all) room_.wait(lock, [&] { return todo_.empty() && !busy_; });
            ready.swap(done_);
        }
        room_.notify_all();
        for (Job& j : ready) emit(j.object, j.deflated);
    }

private:
    static constexpr std::size_t kInFlight = 4;
    struct Job {
        int object;
        std::string data, deflated;
    };

    void deflate_job(Job& j) {
        compressor_.deflate(j.data, j.deflated);
        std::string().swap(j.data);
    }

    void work() {
        std::unique_lock lock(mutex_);
        for (;;) {
            wake_.wait(lock, [&] { return stopping_ || !todo_.empty(); });
            if (todo_.empty()) return;
            Job j = std::move(todo_.front());
            todo_.pop_front();
            busy_ = true;
            lock.unlock();
            try {
                deflate_job(j);
            } catch (const std::bad_alloc&) {
                j.deflated.clear();
                failed_ = true;
            }
            lock.lock();
            busy_ = false;
            done_.push_back(std::move(j));
            room_.notify_all();
        }
    }

    Compressor compressor_;
    std::mutex mutex_;
    std::condition_variable wake_, room_;
    std::deque<Job> todo_, done_;
    bool busy_ = false, stopping_ = false;
    std::atomic<bool> failed_{false};
    std::thread thread_;
};

}  // namespace

struct Writer::Impl {
    const text::FontSet& fonts;
    std::string path;
    Diagnostics& diags;
    WriterOptions options;
    std::unique_ptr<AtomicFile> file;  // null for standard output
    std::string out;                   // bytes not yet written (for "-": the whole file)
    std::uint64_t flushed = 0;         // bytes written before out[0]
    bool ok = true;
    bool finished = false;

    std::vector<std::uint64_t> offsets = std::vector<std::uint64_t>(5);  // by object number; 0 is free
    std::vector<int> page_objects;
    std::vector<double> page_heights, page_widths;
    std::vector<std::vector<int>> page_contents;  // content stream objects per page: its items, then an overlay
    std::unordered_map<std::string, std::unique_ptr<FontUse>> font_uses;
    std::vector<FontUse*> font_order;
    // Object numbers reserved up front.
    static constexpr int kCatalog = 1, kPages = 2, kResources = 3, kInfo = 4;

    Deflater deflater;

    // The content stream being made and the graphics state it has set.
    std::string content;
    struct State {
        bool in_text = false;
        const FontUse* font = nullptr;
        Milli size = -1, char_spacing = 0, x = 0, y = 0;  // x, y: start of the text line
        std::optional<Color> fill, stroke;
        Milli line_width = 1000;
        std::string dash;  // "" solid
    } st;

    Impl(const text::FontSet& f, const std::string& p, Diagnostics& d, WriterOptions o)
        : fonts(f), path(p), diags(d), options(o), deflater(o.deflate_level) {
        if (path != "-") {
            file = AtomicFile::open(path, diags);
            if (!file) ok = false;
        }
        if (!deflater.ready()) {
            diags.error("pdf-error", "the compressor could not start (out of memory)", path);
            ok = false;
        }
        out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
    }

    // --- file ---------------------------------------------------------------------------

    int new_object() {
        offsets.push_back(0);
        return static_cast<int>(offsets.size() - 1);
    }
    void begin_object(int n) {
        offsets[static_cast<std::size_t>(n)] = flushed + out.size();
        put_int(out, n);
        out += " 0 obj\n";
    }
    void object(int n, const std::string& body) {
        begin_object(n);
        out += body;
        out += "\nendobj\n";
    }
    // A page's content stream: handed to the deflater, written when it comes back (streams
    // that came back meanwhile are written now; `all` waits for every one).
    void content_stream(int n, std::string&& data) {
        deflater.submit(n, std::move(data));
        write_deflated(false);
    }
    void write_deflated(bool all) {
        deflater.collect([&](int n, const std::string& z) { deflated_stream_object(n, z); }, all);
        if (deflater.failed() && ok) {
            diags.error("pdf-error", "could not compress a page (out of memory)", path);
            ok = false;
        }
    }
    void flush_if_big() {
        if (file && out.size() >= (1u << 18)) flush();
    }
    void flush() {
        if (!file || out.empty()) return;
        if (!file->write(out)) ok = false;
        flushed += out.size();
        out.clear();
    }

    // --- checks -------------------------------------------------------------------------

    void bad(const std::string& where, const std::string& what) {
        diags.error("pdf-input", where + ": " + what, path);
        ok = false;
    }
    void check_text(const std::string& where, const std::string& text) {
        if (auto at = utf8::first_invalid(text)) bad(where, "invalid UTF-8 at byte " + std::to_string(*at));
    }

    bool check_page(const layout::Page& page, std::size_t index) {
        const bool before = ok;
        ok = true;
        const std::string pname = "page " + std::to_string(index + 1);
        if (!finite(page.width) || !finite(page.height) || page.width < 3 || page.height < 3 || page.width > 14400 ||
            page.height > 14400)
            bad(pname, "page size must be between 3 and 14400 points");
        for (std::size_t i = 0; i < page.items.size(); ++i) {
            // Named only when something is wrong: most items are fine.
            const auto where = [&] { return pname + " item " + std::to_string(i + 1); };
            std::visit(
                [&](const auto& item) {
                    using T = std::decay_t<decltype(item)>;
                    if constexpr (std::is_same_v<T, layout::GlyphRun>) {
                        if (!fonts.has(item.font)) {
                            diags.error("pdf-font", where() + ": no font with key \"" + item.font + "\"", path);
                            ok = false;
                        }
                        if (!finite(item.x) || !finite(item.y) || !finite(item.size) || !finite(item.char_spacing) ||
                            !finite(item.word_spacing) || item.size <= 0 || item.size > 300)
                            bad(where(), "text position, size or spacing out of range");
                        if (utf8::first_invalid(item.text)) check_text(where(), item.text);  // named only then
                    } else if constexpr (std::is_same_v<T, layout::Line>) {
                        if (!finite(item.x1) || !finite(item.y1) || !finite(item.x2) || !finite(item.y2) ||
                            !finite(item.width) || item.width < 0)
                            bad(where(), "line coordinates or width out of range");
                        for (double d : item.dash)
                            if (!finite(d) || d <= 0) bad(where(), "dash lengths must be positive");
                    } else if constexpr (std::is_same_v<T, layout::Rect>) {
                        if (!finite(item.x) || !finite(item.y) || !finite(item.w) || !finite(item.h) ||
                            !finite(item.stroke_width) || item.stroke_width < 0)
                            bad(where(), "rectangle coordinates or stroke width out of range");
                    } else {
                        if (item.points.size() < 2) bad(where(), "a polygon needs at least 2 points");
                        for (const auto& [x, y] : item.points)
                            if (!finite(x) || !finite(y)) bad(where(), "polygon coordinates out of range");
                        if (!finite(item.stroke_width) || item.stroke_width < 0)
                            bad(where(), "polygon stroke width out of range");
                    }
                },
                page.items[i]);
        }
        const bool good = ok;
        ok = before && good;
        return good;
    }

    // --- fonts --------------------------------------------------------------------------

    FontUse& use(const std::string& key) {
        auto& slot = font_uses[key];
        if (!slot) {
            slot = std::make_unique<FontUse>();
            slot->key = key;
            slot->number = static_cast<int>(font_order.size() + 1);
            slot->object = new_object();
            font_order.push_back(slot.get());
        }
        return *slot;
    }

    // The glyph of a code point, 0 when the font does not cover it.
    std::uint16_t glyph(FontUse& f, char32_t cp) {
        std::uint16_t* slot;
        if (cp < 128) {
            slot = &f.ascii[cp];
            if (*slot != 0) return *slot;
        } else {
            const auto it = f.others.find(cp);
            if (it != f.others.end()) return it->second;
            slot = &f.others[cp];
        }
        const unsigned g = fonts.glyph(f.key, cp);
        if (g == 0 || g > 0xFFFF) return 0;
        *slot = static_cast<std::uint16_t>(g);
        auto [it, fresh] = f.unicode.try_emplace(*slot, cp);
        if (!fresh && cp < it->second) it->second = cp;
        return *slot;
    }

    // --- content streams ----------------------------------------------------------------

    void end_text() {
        if (!st.in_text) return;
        content += "ET\n";
        st.in_text = false;
    }
    void set_fill(const Color& c) {
        if (st.fill == c) return;
        put_color(content, c, " rg\n");
        st.fill = c;
    }
    void set_stroke(const Color& c, double width) {
        if (st.stroke != c) {
            put_color(content, c, " RG\n");
            st.stroke = c;
        }
        const Milli w = milli(width);
        if (st.line_width != w) {
            put_milli(content, w);
            content += " w\n";
            st.line_width = w;
        }
    }
    void set_dash(const std::vector<double>& dash) {
        std::string d;
        for (double v : dash) {
            if (!d.empty()) d += ' ';
            put_num(d, v);
        }
        if (d == st.dash) return;
        content += '[';
        content += d;
        content += "] 0 d\n";
        st.dash = std::move(d);
    }
    void point(double x, double y, double height) {
        put_num(content, x);
        content += ' ';
        put_num(content, height - y);
    }

    void draw(const layout::GlyphRun& run, double height, std::size_t where_page, std::size_t where_item) {
        if (run.text.empty()) return;
        FontUse& f = use(run.font);
        if (!st.in_text) {
            content += "BT\n";
            st.in_text = true;
            st.x = st.y = 0;
        }
        const Milli size = milli(run.size);
        if (st.font != &f || st.size != size) {
            content += "/F";
            put_int(content, f.number);
            content += ' ';
            put_milli(content, size);
            content += " Tf\n";
            st.font = &f;
            st.size = size;
        }
        set_fill(run.color);
        const Milli cs = milli(run.char_spacing);
        if (st.char_spacing != cs) {
            put_milli(content, cs);
            content += " Tc\n";
            st.char_spacing = cs;
        }
        // The line start moves by whole thousandths, so that positions do not drift.
        const Milli x = milli(run.x), y = milli(height - run.y);
        put_milli(content, x - st.x);
        content += ' ';
        put_milli(content, y - st.y);
        content += " Td\n";
        st.x = x;
        st.y = y;
        // Word spacing as a TJ adjustment after each space, in thousandths of the size.
        const Milli adjust = run.word_spacing == 0 ? 0 : milli(-run.word_spacing * 1000.0 / run.size);
        content += adjust == 0 ? "<" : "[<";
        for (std::size_t i = 0; i < run.text.size();) {
            const char32_t cp = utf8::decode(run.text, i);
            const std::uint16_t g = glyph(f, cp);
            if (g == 0) {
                diags.error("pdf-font",
                            "page " + std::to_string(where_page + 1) + " item " + std::to_string(where_item + 1) + ": " +
                                utf8::codepoint_name(cp) + " is not in font \"" + run.font + "\"",
                            path);
                ok = false;
            }
            put_hex4(content, g);
            if (adjust != 0 && cp == U' ' && i < run.text.size()) {
                content += "> ";
                put_milli(content, adjust);
                content += " <";
            }
        }
        content += adjust == 0 ? "> Tj\n" : "> ] TJ\n";
    }

    void draw(const layout::Line& line, double height) {
        end_text();
        set_stroke(line.color, line.width);
        set_dash(line.dash);
        point(line.x1, line.y1, height);
        content += " m ";
        point(line.x2, line.y2, height);
        content += " l S\n";
    }

    // Colours and width before a shape's path; shapes are drawn solid.
    void prepare(const std::optional<Color>& fill, const std::optional<Color>& stroke, double width) {
        end_text();
        if (!st.dash.empty()) set_dash({});
        if (fill) set_fill(*fill);
        if (stroke) set_stroke(*stroke, width);
    }

    void paint(const std::optional<Color>& fill, const std::optional<Color>& stroke, bool closed_path) {
        if (fill && stroke) content += closed_path ? "b\n" : "B\n";
        else if (fill) content += "f\n";
        else if (stroke) content += closed_path ? "s\n" : "S\n";
        else content += "n\n";
    }

    void draw(const layout::Rect& r, double height) {
        prepare(r.fill, r.stroke, r.stroke_width);
        const double x = std::min(r.x, r.x + r.w), top = std::min(r.y, r.y + r.h);
        point(x, top + std::abs(r.h), height);
        content += ' ';
        put_num(content, std::abs(r.w));
        content += ' ';
        put_num(content, std::abs(r.h));
        content += " re ";
        paint(r.fill, r.stroke, false);
    }

    void draw(const layout::Polygon& p, double height) {
        prepare(p.fill, p.stroke, p.stroke_width);
        point(p.points[0].first, p.points[0].second, height);
        content += " m";
        for (std::size_t i = 1; i < p.points.size(); ++i) {
            content += ' ';
            point(p.points[i].first, p.points[i].second, height);
            content += " l";
        }
        content += ' ';
        paint(p.fill, p.stroke, true);
    }

    // The content stream of `items` on page `index`, from the default graphics state.
    void draw_items(const std::vector<layout::Item>& items, double height, std::size_t index) {
        content.clear();
        st = State{};
        for (std::size_t i = 0; i < items.size(); ++i) {
            std::visit(
                [&](const auto& item) {
                    if constexpr (std::is_same_v<std::decay_t<decltype(item)>, layout::GlyphRun>)
                        draw(item, height, index, i);
                    else
                        draw(item, height);
                },
                items[i]);
        }
        end_text();
    }

    bool add_page(const layout::Page& page) {
        const std::size_t index = page_objects.size();
        page_objects.push_back(new_object());
        page_heights.push_back(page.height);
        page_widths.push_back(page.width);
        page_contents.emplace_back();
        if (!check_page(page, index)) return false;
        draw_items(page.items, page.height, index);
        if (!ok) return false;
        // Within q … Q, so that an overlay drawn after it starts from the default state.
        content.insert(0, "q\n");
        content += "Q\n";
        page_contents.back().push_back(new_object());
        content_stream(page_contents.back().back(), std::move(content));
        content.clear();
        return ok;
    }

    bool add_overlay(std::size_t index, const std::vector<layout::Item>& items) {
        if (index >= page_objects.size()) {
            bad("page " + std::to_string(index + 1), "an overlay for a page not written");
            return false;
        }
        layout::Page page;
        page.width = page_widths[index];
        page.height = page_heights[index];
        page.items = items;
        if (!check_page(page, index)) return false;
        draw_items(items, page.height, index);
        if (!ok) return false;
        page_contents[index].push_back(new_object());
        content_stream(page_contents[index].back(), std::move(content));
        content.clear();
        return ok;
    }

    // The page objects, once every page's content streams are written.
    void write_pages() {
        for (std::size_t p = 0; p < page_objects.size(); ++p) {
            begin_object(page_objects[p]);
            out += "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ";
            put_num(out, page_widths[p]);
            out += ' ';
            put_num(out, page_heights[p]);
            out += "] /Resources 3 0 R /Contents ";
            const auto& streams = page_contents[p];
            if (streams.size() != 1) out += '[';
            for (std::size_t k = 0; k < streams.size(); ++k) {
                if (k > 0) out += ' ';
                put_int(out, streams[k]);
                out += " 0 R";
            }
            if (streams.size() != 1) out += ']';
            out += " >>\nendobj\n";
            flush_if_big();
        }
    }

    // --- finishing ----------------------------------------------------------------------

    bool check_end(const std::vector<layout::Bookmark>& bookmarks, const layout::DocumentInfo& info) {
        if (page_objects.empty()) bad("document", "no pages");
        for (std::size_t b = 0; b < bookmarks.size(); ++b) {
            const layout::Bookmark& bm = bookmarks[b];
            const std::string where = "bookmark " + std::to_string(b + 1);
            if (bm.page >= page_objects.size())
                bad(where, "points to page " + std::to_string(bm.page + 1) + " of " +
                               std::to_string(page_objects.size()));
            if (!finite(bm.y)) bad(where, "position out of range");
            check_text(where, bm.title);
        }
        for (const std::string* s : {&info.title, &info.subject, &info.author, &info.keywords, &info.creator})
            check_text("document info", *s);
        if (info.creation_date) {
            // PDF dates have four-digit years (PDF 32000-1 §7.9.4).
            const date::year_month_day ymd{*info.creation_date};
            if (ymd.year() < date::year{1} || ymd.year() > date::year{9999})
                bad("document info", "creation date " + date::format("%F", *info.creation_date) +
                                         " is outside the years 1–9999");
        }
        return ok;
    }

    // Six capital letters from the glyph set and the font (PDF 32000-1 §9.6.4).
    static std::string subset_tag(const FontUse& f, const std::vector<unsigned>& gids) {
        std::uint64_t h = 14695981039346656037ull;  // FNV-1a
        const auto mix = [&h](std::uint64_t v) { h = (h ^ v) * 1099511628211ull; };
        for (char c : f.key) mix(static_cast<unsigned char>(c));
        for (unsigned g : gids) mix(g);
        std::string tag;
        for (int k = 0; k < 6; ++k) {
            tag += static_cast<char>('A' + h % 26);
            h /= 26;
        }
        return tag;
    }

    static std::string to_unicode_cmap(const FontUse& f, const std::vector<unsigned>& gids) {
        std::string s =
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
        std::vector<std::pair<unsigned, char32_t>> map;
        for (unsigned g : gids)
            if (const auto it = f.unicode.find(static_cast<std::uint16_t>(g)); it != f.unicode.end())
                map.emplace_back(g, it->second);
        // At most 100 entries per block (PDF 32000-1 §9.10.3, Adobe TN 5014).
        for (std::size_t i = 0; i < map.size(); i += 100) {
            const std::size_t n = std::min<std::size_t>(100, map.size() - i);
            put_int(s, static_cast<long long>(n));
            s += " beginbfchar\n";
            for (std::size_t k = i; k < i + n; ++k) {
                s += '<';
                put_hex4(s, map[k].first);
                s += "> <";
                put_utf16_hex(s, map[k].second);
                s += ">\n";
            }
            s += "endbfchar\n";
        }
        s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
        return s;
    }

    // /DW (the most common width) and the /W array of the others, grouped by runs of ids.
    std::pair<int, std::string> widths(const FontUse& f, const std::vector<unsigned>& gids) const {
        std::vector<int> w(gids.size());
        std::map<int, std::size_t> count;
        for (std::size_t i = 0; i < gids.size(); ++i) ++count[w[i] = fonts.glyph_units(f.key, gids[i])];
        int dw = 1000;
        std::size_t best = 0;
        for (const auto& [width, n] : count)
            if (n > best) best = n, dw = width;
        std::string s = "[";
        for (std::size_t i = 0; i < gids.size();) {
            if (w[i] == dw) {
                ++i;
                continue;
            }
            std::size_t j = i + 1;
            while (j < gids.size() && gids[j] == gids[j - 1] + 1 && w[j] != dw) ++j;
            if (s.size() > 1) s += ' ';
            put_int(s, gids[i]);
            s += " [";
            for (std::size_t k = i; k < j; ++k) {
                if (k > i) s += ' ';
                put_int(s, w[k]);
            }
            s += ']';
            i = j;
        }
        s += ']';
        return {dw, s};
    }

    // What a font's objects need, made apart from the file (so fonts are made in parallel):
    // the glyphs, the subset program and the deflated streams.
    struct PreparedFont {
        std::vector<unsigned> gids;
        text::FontSet::GlyphSubset sub;
        std::string program, cmap, cid_to_gid;  // deflated
        bool deflated = true;
    };


    // Touches only the font set's faces (read-only) and `f`: safe on any thread.
    PreparedFont prepare_font(const FontUse& f) const {
        PreparedFont p;
        p.gids.push_back(0);
        for (const auto& [g, cp] : f.unicode) p.gids.push_back(g);
        std::sort(p.gids.begin(), p.gids.end());
        p.gids.erase(std::unique(p.gids.begin(), p.gids.end()), p.gids.end());
        p.sub = fonts.subset_glyphs(f.key, p.gids, options.retain_gids);
        if (p.sub.bytes.empty()) return p;
        Compressor compressor(options.deflate_level);
        p.deflated = compressor.deflate(p.sub.bytes, p.program) && compressor.deflate(to_unicode_cmap(f, p.gids), p.cmap);
        if (!options.retain_gids) {
            std::string map(2 * (p.gids.back() + 1), '\0');
            for (std::size_t i = 0; i < p.gids.size(); ++i) {
                map[2 * p.gids[i]] = static_cast<char>(p.sub.new_gid[i] >> 8);
                map[2 * p.gids[i] + 1] = static_cast<char>(p.sub.new_gid[i] & 0xFF);
            }
            p.deflated = p.deflated && compressor.deflate(map, p.cid_to_gid);
        }
        return p;
    }

    // Every font prepared, the biggest first, on up to as many threads as there are cores
    // (a CJK font's subset program is most of a small brief's deflating).
    std::vector<PreparedFont> prepare_fonts() const {
        std::vector<PreparedFont> prepared(font_order.size());
        std::vector<std::size_t> order(font_order.size());
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return font_order[a]->unicode.size() > font_order[b]->unicode.size();
        });
        std::atomic<std::size_t> next{0};
        std::exception_ptr failure;
        std::mutex failure_mutex;
        auto work = [&] {
            for (std::size_t k; (k = next.fetch_add(1)) < order.size();) {
                try {
                    prepared[order[k]] = prepare_font(*font_order[order[k]]);
                } catch (...) {
                    std::lock_guard lock(failure_mutex);
                    if (!failure) failure = std::current_exception();
                }
            }
        };
        const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
        std::vector<std::thread> helpers;
        for (unsigned t = 1; t < std::min<std::size_t>(cores, order.size()); ++t) helpers.emplace_back(work);
        work();
        for (auto& t : helpers) t.join();
        if (failure) std::rethrow_exception(failure);
        return prepared;
    }

    // A stream object whose data is deflated already.
    void deflated_stream_object(int n, const std::string& deflated_data, const std::string& dict = {}) {
        begin_object(n);
        out += "<< /Length ";
        put_int(out, static_cast<long long>(deflated_data.size()));
        out += " /Filter /FlateDecode";
        out += dict;
        out += " >>\nstream\n";
        out += deflated_data;
        out += "\nendstream\nendobj\n";
        flush_if_big();
    }

    bool write_font(const FontUse& f, const PreparedFont& p, std::string& resources) {
        const std::vector<unsigned>& gids = p.gids;
        if (p.sub.bytes.empty()) {
            const auto it = fonts.files().find(f.key);
            const std::string font_file = it == fonts.files().end() ? f.key : it->second.file;
            diags.error("font-subset", "cannot embed font \"" + f.key + "\": " + p.sub.error +
                                           " (the file is damaged or cut short); reinstall its package or name "
                                           "another font file in the theme",
                        font_file);
            ok = false;
            return false;
        }
        if (!p.deflated) {
            diags.error("pdf-error", "could not compress the font " + f.key + " (out of memory)", path);
            ok = false;
            return false;
        }
        const text::FontSet::Description d = fonts.describe(f.key);
        const std::string name = subset_tag(f, gids) + "+" + d.postscript_name;
        const int cid = new_object(), descriptor = new_object(), program = new_object(), cmap = new_object();
        const int cid_to_gid = options.retain_gids ? 0 : new_object();

        resources += " /F" + std::to_string(f.number) + " " + std::to_string(f.object) + " 0 R";
        object(f.object, "<< /Type /Font /Subtype /Type0 /BaseFont /" + name +
                             " /Encoding /Identity-H /DescendantFonts [" + std::to_string(cid) +
                             " 0 R] /ToUnicode " + std::to_string(cmap) + " 0 R >>");
        const auto [dw, w] = widths(f, gids);
        object(cid, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /" + name +
                        " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor " +
                        std::to_string(descriptor) + " 0 R /DW " + std::to_string(dw) + " /W " + w +
                        " /CIDToGIDMap " + (cid_to_gid ? std::to_string(cid_to_gid) + " 0 R" : "/Identity") + " >>");
        // Flags: symbolic (4), fixed pitch (1), italic (64) (PDF 32000-1 §9.8.2). StemV is
        // estimated from the weight class, as PDF producers commonly do.
        const int flags = 4 | (d.fixed_pitch ? 1 : 0) | (d.italic_angle != 0 ? 64 : 0);
        const int stem_v = 10 + 220 * std::max(0, d.weight - 50) * std::max(0, d.weight - 50) / (900 * 900);
        std::string desc = "<< /Type /FontDescriptor /FontName /" + name + " /Flags " + std::to_string(flags) +
                           " /FontBBox [" + std::to_string(d.bbox[0]) + " " + std::to_string(d.bbox[1]) + " " +
                           std::to_string(d.bbox[2]) + " " + std::to_string(d.bbox[3]) + "] /ItalicAngle ";
        put_num(desc, d.italic_angle);
        desc += " /Ascent " + std::to_string(d.ascent) + " /Descent " + std::to_string(d.descent) + " /CapHeight " +
                std::to_string(d.cap_height) + " /StemV " + std::to_string(stem_v) + " /FontFile2 " +
                std::to_string(program) + " 0 R >>";
        object(descriptor, desc);
        deflated_stream_object(program, p.program, " /Length1 " + std::to_string(p.sub.bytes.size()));
        deflated_stream_object(cmap, p.cmap);
        if (cid_to_gid) deflated_stream_object(cid_to_gid, p.cid_to_gid);
        return true;
    }

    void write_outlines(const std::vector<layout::Bookmark>& bookmarks, int root) {
        struct Entry {
            int object = 0, parent = -1, first = -1, last = -1, prev = -1, next = -1, count = 0;
        };
        std::vector<Entry> e(bookmarks.size());
        int root_first = -1, root_last = -1;
        std::vector<int> open;  // open[i]: the latest entry at level i
        for (std::size_t b = 0; b < bookmarks.size(); ++b) {
            const int i = static_cast<int>(b);
            e[b].object = new_object();
            const std::size_t level = std::min(static_cast<std::size_t>(std::max(bookmarks[b].level, 0)), open.size());
            const int parent = level == 0 ? -1 : open[level - 1];
            e[b].parent = parent;
            int& first = parent < 0 ? root_first : e[static_cast<std::size_t>(parent)].first;
            int& last = parent < 0 ? root_last : e[static_cast<std::size_t>(parent)].last;
            if (first < 0) first = i;
            if (last >= 0) {
                e[static_cast<std::size_t>(last)].next = i;
                e[b].prev = last;
            }
            last = i;
            for (int p = parent; p >= 0; p = e[static_cast<std::size_t>(p)].parent) ++e[static_cast<std::size_t>(p)].count;
            open.resize(level);
            open.push_back(i);
        }
        const auto obj = [&](int i) { return std::to_string(i < 0 ? root : e[static_cast<std::size_t>(i)].object) + " 0 R"; };
        const auto ref = [&](const char* key, int i) { return i < 0 ? std::string() : std::string(" /") + key + " " + obj(i); };
        object(root, "<< /Type /Outlines" + ref("First", root_first) + ref("Last", root_last) + " /Count " +
                         std::to_string(bookmarks.size()) + " >>");
        for (std::size_t b = 0; b < bookmarks.size(); ++b) {
            const layout::Bookmark& bm = bookmarks[b];
            const double height = page_heights[bm.page];
            std::string s = "<< /Title " + text_string(bm.title) + " /Parent " + obj(e[b].parent) +
                            ref("Prev", e[b].prev) + ref("Next", e[b].next) + ref("First", e[b].first) +
                            ref("Last", e[b].last);
            if (e[b].count > 0) s += " /Count " + std::to_string(e[b].count);
            s += " /Dest [" + std::to_string(page_objects[bm.page]) + " 0 R /XYZ 0 ";
            put_num(s, std::clamp(height - bm.y, 0.0, height));
            s += " 1] >>";
            object(e[b].object, s);
        }
    }

    bool finish(const std::vector<layout::Bookmark>& bookmarks, const layout::DocumentInfo& info) {
        if (finished) return false;
        finished = true;
        write_deflated(true);
        if (!check_end(bookmarks, info)) {
            file.reset();
            return false;
        }
        std::string resources = "<< /Font <<";
        const std::vector<PreparedFont> prepared = prepare_fonts();
        for (std::size_t k = 0; k < font_order.size(); ++k)
            if (!write_font(*font_order[k], prepared[k], resources)) {
                file.reset();
                return false;
            }
        object(kResources, resources + " >> >>");
        write_pages();
        std::string kids;
        for (int p : page_objects) kids += (kids.empty() ? "" : " ") + std::to_string(p) + " 0 R";
        object(kPages, "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(page_objects.size()) + " >>");
        std::string catalog = "<< /Type /Catalog /Pages 2 0 R";
        if (!bookmarks.empty()) {
            const int root = new_object();
            write_outlines(bookmarks, root);
            catalog += " /Outlines " + std::to_string(root) + " 0 R /PageMode /UseOutlines";
        }
        object(kCatalog, catalog + " >>");
        std::string in = "<<";
        const std::pair<const char*, const std::string*> fields[] = {
            {"Title", &info.title},       {"Subject", &info.subject}, {"Author", &info.author},
            {"Keywords", &info.keywords}, {"Creator", &info.creator},
        };
        for (const auto& [key, value] : fields)
            if (!value->empty()) in += std::string(" /") + key + " " + text_string(*value);
        in += " /Producer (timeline)";
        if (info.creation_date) {
            const std::string day = pdf_date(*info.creation_date);
            in += " /CreationDate " + day + " /ModDate " + day;
        }
        object(kInfo, in + " >>");

        const std::uint64_t xref = flushed + out.size();
        out += "xref\n0 " + std::to_string(offsets.size()) + "\n0000000000 65535 f \n";
        char line[24];
        for (std::size_t n = 1; n < offsets.size(); ++n) {
            std::snprintf(line, sizeof line, "%010llu 00000 n \n", static_cast<unsigned long long>(offsets[n]));
            out += line;
        }
        out += "trailer\n<< /Size " + std::to_string(offsets.size()) + " /Root 1 0 R /Info 4 0 R";
        if (!info.document_id.empty()) {
            // The trailer /ID from the document id (hex digest of the inputs; other text is
            // used byte for byte), so that it is reproducible.
            const std::string bytes = parse_hex(info.document_id).value_or(info.document_id);
            std::string hex;
            for (unsigned char c : bytes) {
                static constexpr char kHex[] = "0123456789ABCDEF";
                hex += kHex[c >> 4];
                hex += kHex[c & 15];
            }
            out += " /ID [ <" + hex + "> <" + hex + "> ]";
        }
        out += " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
        if (!ok) {
            file.reset();
            return false;
        }
        flush();
        if (!ok || (file && !file->commit())) {
            ok = false;
            file.reset();
            return false;
        }
        return true;
    }
};

Writer::Writer(const text::FontSet& fonts, const std::string& path, Diagnostics& diags, WriterOptions options)
    : impl_(std::make_unique<Impl>(fonts, path, diags, options)) {}

Writer::~Writer() = default;

bool Writer::add_page(const layout::Page& page) {
    if (impl_->finished) return false;
    const bool good = impl_->add_page(page);
    return good && impl_->ok;
}

bool Writer::add_overlay(std::size_t index, const std::vector<layout::Item>& items) {
    if (impl_->finished) return false;
    const bool good = impl_->add_overlay(index, items);
    return good && impl_->ok;
}

bool Writer::finish(const std::vector<layout::Bookmark>& bookmarks, const layout::DocumentInfo& info) {
    return impl_->finish(bookmarks, info);
}

std::string Writer::take_bytes() { return std::move(impl_->out); }

std::size_t Writer::page_count() const { return impl_->page_objects.size(); }

namespace {

bool write_list(Writer& writer, const layout::DisplayList& list, const PageProgress& progress) {
    for (std::size_t i = 0; i < list.pages.size(); ++i) {
        writer.add_page(list.pages[i]);
        if (progress) progress(i + 1, list.pages.size());
    }
    return writer.finish(list.bookmarks, list.info);
}

}  // namespace

bool make_parent_directory(const std::string& path, Diagnostics& diags) {
    const auto parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::create_directories(parent, ec) && ec) {
        diags.error("io-write", "cannot create directory " + parent.string() + ": " + ec.message());
        return false;
    }
    return true;
}

bool write_document(const layout::DisplayList& list, const text::FontSet& fonts, const std::string& path,
                    Diagnostics& diags, const PageProgress& progress, WriterOptions options) {
    if (!make_parent_directory(path, diags)) return false;
    Writer writer(fonts, path, diags, options);
    return write_list(writer, list, progress);
}

std::optional<std::string> render_document(const layout::DisplayList& list, const text::FontSet& fonts,
                                           const std::string& name, Diagnostics& diags,
                                           const PageProgress& progress, WriterOptions options) {
    (void)name;  // standard output is named "-" in diagnostics, as the command line names it
    Writer writer(fonts, "-", diags, options);
    if (!write_list(writer, list, progress)) return std::nullopt;
    return writer.take_bytes();
}

}  // namespace timeline::pdf
