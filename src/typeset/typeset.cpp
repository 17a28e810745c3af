#include "typeset/typeset.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <thread>
#include <variant>

#include "base/heap.h"
#include "base/utf8.h"
#include "graphics/graphics.h"
#include "i18n/messages.h"
#include "report/shown.h"
#include "typeset/flow.h"

namespace timeline::typeset {
namespace {

using draw::Box;
using draw::HAlign;
using draw::TextStyle;
using report::BiText;
using layout::Color;
using theme::Ink;
using theme::Mark;
using theme::Rule;
using theme::Space;
using theme::Style;

// Layout decisions that are proportions, not sizes (sizes, colours and spacing are the theme's).
constexpr int kCardColumns = 3;              // key-figure cards per row
constexpr double kPairTieShare = 0.4;        // a zh/en pair up to this share of the block stays together
constexpr double kHanWordEms = 2.2;          // narrowest unit of Han text in a table cell: about two characters
constexpr double kTimelineReserve = 40;      // room a timeline leaves on a page for what follows it
constexpr double kChartReserve = 60;         // room a chart leaves on a page
constexpr double kChartMax = 300;            // the tallest a chart is drawn
constexpr double kChartMin = 200;            // a chart is drawn into the room left on a page down to this
constexpr std::size_t kWholeTable = 8;       // a table of at most this many rows is never split
constexpr std::size_t kSampledRows = 400;    // rows of a long table its column widths are fitted to
constexpr std::size_t kTableAhead = 64;      // a table of this many rows is set ahead on a thread of its own
constexpr std::size_t kAheadRows = 8192;     // … at most this many rows ahead of the pages
constexpr std::size_t kChunkRows = 64;       // … handed over this many at a time
constexpr std::size_t kAheadChunks = kAheadRows / kChunkRows;
constexpr double kWrapFill = 0.85;           // how full a wrapped table line is, on average, when estimating
constexpr int kEventsAnchor = 0;             // Flow anchor: the heading of the events table

// What is drawn once every page is known: the line under an overview timeline that points to
// the events table (its page is known only then).
struct LateNote {
    int anchor = 0;
    std::size_t unlabelled = 0;
    double width = 0;
};

text::Lang text_lang(Lang l) { return l == Lang::zh ? text::Lang::zh : text::Lang::en; }

using report::joined;
using report::shown;

// The theme's styles, colours and sizes by name, read through a setter.
class Themed {
protected:
    explicit Themed(const draw::Setter& setter) : themed_(setter) {}
    const TextStyle& style(Style s) const { return themed_.style(s); }
    Color color(Ink c) const { return themed_.theme().color(c); }
    double space(Space s) const { return themed_.theme().space(s); }
    double rule(Rule r) const { return themed_.theme().rule(r); }
    double size(Mark m) const { return themed_.theme().mark(m); }

private:
    const draw::Setter& themed_;
};

// ---- tables ------------------------------------------------------------------------------

// The boxes of a table: its header and its rows, set in column widths fitted to its cells.
class TableSetter : Themed {
public:
    TableSetter(draw::Setter& setter, LangMode mode, double width)
        : Themed(setter), s_(setter), mode_(mode), width_(width) {}

    // Gives header(Box&&) the header, then row(Box&&) each row in order.
    template <class Header, class Row>
    void set(const report::Table& full, Header&& header, Row&& row) {
        const auto w = widths(full);
        header(header_box(full, w));
        for (std::size_t r = 0; r < full.rows.size(); ++r) row(row_box(full, r, w));
    }

    // The same in steps: the column widths, then the header and the rows in any order.
    std::vector<double> widths(const report::Table& t) const {
        return column_widths(t, columns(t), style(Style::table_head), style(Style::table));
    }
    Box header_box(const report::Table& t, const std::vector<double>& widths) {
        return table_row(t.header, t, widths, true);
    }
    Box row_box(const report::Table& t, std::size_t r, const std::vector<double>& widths) {
        return table_row(t.rows[r], t, widths, false);
    }

private:
    struct CellLines {
        std::vector<std::pair<text::LayoutLine, bool>> lines;  // line, secondary language
        std::vector<double> gaps_before;
        double height = 0;
    };

    static double longest_word(const draw::Setter& s, const std::string& text, const TextStyle& ts) {
        double best = 0;
        std::size_t i = 0;
        while (i < text.size()) {
            std::size_t j = text.find(' ', i);
            if (j == std::string::npos) j = text.size();
            const std::string_view word(text.data() + i, j - i);
            // Han text breaks between characters: its narrowest unit is about two of them.
            const bool wide = utf8::display_width(word) > utf8::length(word);
            best = std::max(best, wide ? kHanWordEms * ts.size : s.measure(word, ts));
            i = j + 1;
        }
        return best;
    }

    // Column widths. A table whose cells all fit on one line keeps its natural widths, the
    // text columns sharing the spare room (one with little in it stays at least half the block
    // wide). Otherwise the widths that make it shortest: for each column a few candidates (the
    // widths that hold half … all of its cells on one line, never below its longest word); of
    // the combinations that fit, the one with the fewest lines in all (estimated from each
    // cell's measured width, on a sample of rows) wins.
    std::vector<double> column_widths(const report::Table& t, std::size_t n, const TextStyle& head,
                                      const TextStyle& cell) const {
        const double pad = 2 * space(Space::cell_x);
        std::vector<double> natural(n, 0), minimum(n, 0);
        // Measured text widths of the sampled rows, per column: the widths of the shown
        // languages of row r's cell are parts[c][part_at[c][r] … part_at[c][r + 1]).
        const std::size_t step = std::max<std::size_t>(1, t.rows.size() / kSampledRows);
        std::vector<std::vector<double>> parts(n);
        std::vector<std::vector<std::size_t>> part_at(n, std::vector<std::size_t>{0});
        auto measure = [&](std::size_t c, const BiText& text, const TextStyle& ts, bool sampled) {
            for (const auto& part : shown(text, mode_)) {
                const double x = s_.line_width(part.text, ts);
                if (sampled) parts[c].push_back(x);
                natural[c] = std::max(natural[c], x + pad + 0.01);
                minimum[c] = std::max(minimum[c], longest_word(s_, part.text, ts) + pad);
            }
        };
        for (std::size_t c = 0; c < n; ++c) measure(c, t.header[c], head, false);
        std::size_t sampled_rows = 0;
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const bool sampled = r % step == 0;
            for (std::size_t c = 0; c < n && c < t.rows[r].size(); ++c) measure(c, t.rows[r][c], cell, sampled);
            if (!sampled) continue;
            ++sampled_rows;
            for (std::size_t c = 0; c < n; ++c) part_at[c].push_back(parts[c].size());
        }
        auto cell_parts = [&](std::size_t c, std::size_t r) {
            return std::span<const double>(parts[c].data() + part_at[c][r], part_at[c][r + 1] - part_at[c][r]);
        };
        const double w = width_;
        std::vector<double> out(n);
        double sum_natural = 0;
        for (std::size_t c = 0; c < n; ++c) {
            minimum[c] = std::min(minimum[c], natural[c]);
            sum_natural += natural[c];
        }
        if (sum_natural <= w) {
            const double tw = sum_natural < 0.5 * w ? std::max(sum_natural, 0.5 * w) : w;
            double text_natural = 0;
            for (std::size_t c = 0; c < n; ++c)
                if (t.align[c] == report::Align::left) text_natural += natural[c];
            for (std::size_t c = 0; c < n; ++c) {
                out[c] = natural[c];
                if (t.align[c] == report::Align::left && text_natural > 0)
                    out[c] += (tw - sum_natural) * natural[c] / text_natural;
            }
            if (text_natural == 0) out.back() += tw - sum_natural;
            return out;
        }
        // Candidates per column: the widths holding a share of its cells on one line (fewer
        // shares when there are many columns, so the search stays small).
        const std::vector<double> shares = n <= 6 ? std::vector<double>{0.5, 0.65, 0.8, 0.9, 1.0}
                                                  : std::vector<double>{0.5, 0.9, 1.0};
        std::vector<std::vector<double>> candidates(n);
        for (std::size_t c = 0; c < n; ++c) {
            std::vector<double> cell_w;
            for (std::size_t r = 0; r < sampled_rows; ++r) {
                double m = 0;
                for (double x : cell_parts(c, r)) m = std::max(m, x + pad + 0.01);
                cell_w.push_back(m);
            }
            std::sort(cell_w.begin(), cell_w.end());
            auto add = [&](double x) {
                x = std::clamp(x, minimum[c], natural[c]);
                if (std::find(candidates[c].begin(), candidates[c].end(), x) == candidates[c].end()) candidates[c].push_back(x);
            };
            for (const double share : shares)
                add(cell_w.empty() ? natural[c] : cell_w[std::min(cell_w.size() - 1, static_cast<std::size_t>(share * static_cast<double>(cell_w.size())))]);
            // … and the widths that set its longest text on two or three lines.
            add((natural[c] - pad) / 2 + pad);
            add((natural[c] - pad) / 3 + pad);
        }
        // Lines of the sampled rows in columns of the given widths (a column at a time, each
        // row keeping its tallest cell so far: the search below asks for thousands of
        // combinations).
        std::vector<double> tallest(sampled_rows);
        auto lines = [&](const std::vector<double>& widths) {
            std::fill(tallest.begin(), tallest.end(), 0.0);
            for (std::size_t c = 0; c < n; ++c) {
                const double room = std::max(1.0, widths[c] - pad);
                const double filled = kWrapFill * room;  // a wrapped line is not filled to the end
                const double* x = parts[c].data();
                for (std::size_t r = 0; r < sampled_rows; ++r) {
                    double k = 0;
                    for (const double* end = parts[c].data() + part_at[c][r + 1]; x != end; ++x)
                        k += *x - 0.01 <= room ? 1.0 : std::ceil(*x / filled);
                    tallest[r] = std::max(tallest[r], k);
                }
            }
            double total = 0;
            for (double k : tallest) total += k;
            return total;
        };
        // Every combination that fits the block; what it leaves unused goes to the columns in
        // proportion to their widths.
        std::vector<double> best;
        double best_lines = 0;
        std::vector<double> widths(n, 0), spread(n, 0);
        auto search = [&](auto&& self, std::size_t c, double used) -> void {
            if (c == n) {
                for (std::size_t k = 0; k < n; ++k) spread[k] = widths[k] + (w - used) * widths[k] / used;
                const double l = lines(spread);
                if (best.empty() || l < best_lines - 1e-9) {
                    best = spread;
                    best_lines = l;
                }
                return;
            }
            for (const double x : candidates[c]) {
                if (used + x > w) continue;
                widths[c] = x;
                self(self, c + 1, used + x);
            }
        };
        search(search, 0, 0.0);
        if (!best.empty()) return best;
        // No combination fits (the longest words alone are too wide): share in proportion to the minimums.
        double sum_min = 0;
        for (double m : minimum) sum_min += m;
        for (std::size_t c = 0; c < n; ++c) out[c] = sum_min > 0 ? w * minimum[c] / sum_min : w / static_cast<double>(n);
        return out;
    }

    CellLines cell_lines(const BiText& text, double w, const TextStyle& ts) const {
        CellLines out;
        double gap = 0;
        const auto parts = shown(text, mode_);
        std::vector<std::vector<text::LayoutLine>> broken;
        broken.reserve(parts.size());
        std::size_t count = 0;
        for (const auto& part : parts) {
            broken.push_back(s_.break_lines(part.text, ts, std::max(w, 1.0), text_lang(part.lang)));
            count += broken.back().size();
        }
        out.lines.reserve(count);
        out.gaps_before.reserve(count);
        for (std::size_t p = 0; p < parts.size(); ++p) {
            const auto& part = parts[p];
            bool first = true;
            for (auto& l : broken[p]) {
                out.lines.emplace_back(std::move(l), part.secondary);
                out.gaps_before.push_back(first ? gap : 0);
                out.height += ts.line_height() + (first ? gap : 0);
                first = false;
            }
            gap = space(Space::cell_pair);
        }
        return out;
    }

    Box table_row(const std::vector<BiText>& cells, const report::Table& t, const std::vector<double>& widths,
                  bool header) {
        const auto& ts = style(header ? Style::table_head : Style::table);
        const auto& second = style(header ? Style::table_head_second : Style::table_second);
        const double pad_x = space(Space::cell_x), pad_y = space(Space::cell_y);
        Box box;
        box.width = width_;
        std::vector<CellLines> laid;
        laid.reserve(widths.size());
        double h = 0;
        std::size_t lines = 0;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            laid.push_back(cell_lines(c < cells.size() ? cells[c] : BiText{}, widths[c] - 2 * pad_x, ts));
            h = std::max(h, laid.back().height);
            lines += laid.back().lines.size();
        }
        box.items.reserve(lines + 2);  // a glyph run a line, mostly; the tint and the rule
        h += 2 * pad_y;
        double tw = 0;
        for (double cw : widths) tw += cw;
        if (header) box.items.push_back(layout::Rect{0, 0, tw, h, color(Ink::tint), std::nullopt, 0});
        double x = 0;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            double y = pad_y;
            for (std::size_t k = 0; k < laid[c].lines.size(); ++k) {
                const auto& [line, secondary] = laid[c].lines[k];
                y += laid[c].gaps_before[k];
                const auto& lts = secondary ? second : ts;
                const double left = t.align[c] == report::Align::right ? x + widths[c] - pad_x - line.width : x + pad_x;
                s_.set_line(box.items, line, lts, left, lts.baseline(y));
                y += lts.line_height();
            }
            x += widths[c];
        }
        box.items.push_back(layout::Line{0, h, tw, h, rule(header ? Rule::table_head : Rule::table_row),
                                         color(header ? Ink::rule : Ink::hairline), {}});
        box.height = h;
        return box;
    }

    // The columns set: a table whose every row cites the same source prints that citation
    // once, in its source line, not in a column of its own (the last).
    static std::size_t columns(const report::Table& t) {
        const std::size_t c = t.header.size();
        if (c < 2 || t.rows.empty() || t.source_line.empty() ||
            t.header.back().en != i18n::message(i18n::Msg::header_source, Lang::en))
            return c;
        for (const auto& row : t.rows)
            if (row.size() != c || row.back().en != t.rows.front().back().en) return c;
        return c - 1;
    }

    draw::Setter& s_;
    LangMode mode_;
    double width_;
};

// The long tables of a document, set ahead on a thread of their own (with a setter of its
// own) while the pages before them are made: in chunks of rows, at most kAheadRows ahead of
// the page flow, which takes them in order. When the flow reaches a table before its rows are
// ready, it sets the next chunks itself (with a setter of its own too) rather than wait: at
// 100,000 events the table takes longer than everything before it.
class TablesAhead {
public:
    TablesAhead(const report::Document& doc, const draw::Setter& like, double width) : mode_(doc.mode), width_(width) {
        for (const auto& section : doc.sections)
            for (const auto& block : section.blocks)
                if (const auto* t = std::get_if<report::Table>(&block); t && !t->header.empty() && t->rows.size() >= kTableAhead) {
                    tables_.push_back(t);
                    queues_.push_back(std::make_unique<Queue>());
                    queues_.back()->chunks = (t->rows.size() + kChunkRows - 1) / kChunkRows;
                }
        if (tables_.empty()) return;
        worker_ = std::thread([this, setter = like.sibling()] {
            advise_thread_heap();
            run(*setter);
        });
    }
    TablesAhead(const TablesAhead&) = delete;
    TablesAhead& operator=(const TablesAhead&) = delete;
    ~TablesAhead() {
        stop_ = true;
        for (auto& q : queues_) {
            const std::lock_guard lock(q->m);
            q->cv.notify_all();
        }
        if (worker_.joinable()) worker_.join();
    }

    // Hands table t's boxes to header and row as set() would, and what its setters left out to
    // `main` (in the order one setter would have met it); false when t is not set ahead.
    // Waiting for a chunk of rows, it sets the next chunk not yet begun itself.
    template <class Header, class Row>
    bool take(const report::Table& t, Header&& header, Row&& row, draw::Setter& main) {
        const auto at = std::find(tables_.begin(), tables_.end(), &t);
        if (at == tables_.end()) return false;
        Queue& q = *queues_[static_cast<std::size_t>(at - tables_.begin())];
        std::unique_lock lock(q.m);
        q.cv.wait(lock, [&] { return q.header || q.error; });
        if (q.error) std::rethrow_exception(q.error);
        Box head = std::move(*q.header);
        std::vector<draw::MissingChar> missing = std::move(q.header_missing);
        lock.unlock();
        header(std::move(head));
        for (std::size_t c = 0; c < q.chunks; ++c) {
            lock.lock();
            while (!((!q.ready.empty() && q.ready.front()) || q.error)) {
                if (q.next < q.chunks && q.next < q.taken + kAheadChunks) {
                    const std::size_t mine = q.next++;
                    lock.unlock();
                    if (!helper_) {
                        helper_setter_ = main.sibling();
                        helper_ = std::make_unique<Helper>(*helper_setter_, mode_, width_);
                    }
                    Chunk chunk = set_chunk(*helper_, t, *q.widths, mine);
                    lock.lock();
                    publish(q, mine, std::move(chunk));
                    continue;
                }
                q.cv.wait(lock);
            }
            if (q.error) std::rethrow_exception(q.error);
            Chunk chunk = std::move(*q.ready.front());
            q.ready.pop_front();
            ++q.taken;
            q.cv.notify_all();
            lock.unlock();
            for (Box& box : chunk.rows) row(std::move(box));
            missing.insert(missing.end(), chunk.missing.begin(), chunk.missing.end());
        }
        main.adopt_missing(missing);
        return true;
    }

private:
    // Rows set together by one setter, and what it left out setting them.
    struct Chunk {
        std::vector<Box> rows;
        std::vector<draw::MissingChar> missing;
    };
    struct Queue {
        std::mutex m;
        std::condition_variable cv;
        std::size_t chunks = 0;                         // of kChunkRows rows, the last maybe fewer
        std::optional<std::vector<double>> widths;      // the columns, for every setter
        std::optional<Box> header;
        std::vector<draw::MissingChar> header_missing;  // what setting the widths and header left out
        std::size_t next = 0;                           // the first chunk no setter has begun
        std::deque<std::optional<Chunk>> ready;         // chunks from the first not taken on
        std::size_t taken = 0;                          // chunks taken
        std::exception_ptr error;
    };
    // A table setter with a setter of its own, and what of its missing characters it has
    // handed on.
    struct Helper {
        Helper(draw::Setter& s, LangMode mode, double width) : setter(s), tables(s, mode, width) {}
        draw::Setter& setter;
        TableSetter tables;
        std::size_t seen = 0;
        std::vector<draw::MissingChar> left_out() {
            std::vector<draw::MissingChar> out(setter.missing().begin() + static_cast<std::ptrdiff_t>(seen),
                                               setter.missing().end());
            seen = setter.missing().size();
            return out;
        }
    };
    struct Stopped {};

    static Chunk set_chunk(Helper& h, const report::Table& t, const std::vector<double>& widths, std::size_t c) {
        Chunk chunk;
        const std::size_t end = std::min(t.rows.size(), (c + 1) * kChunkRows);
        for (std::size_t r = c * kChunkRows; r < end; ++r) chunk.rows.push_back(h.tables.row_box(t, r, widths));
        chunk.missing = h.left_out();
        return chunk;
    }

    // With q's lock held.
    static void publish(Queue& q, std::size_t c, Chunk chunk) {
        const std::size_t slot = c - q.taken;
        if (q.ready.size() <= slot) q.ready.resize(slot + 1);
        q.ready[slot] = std::move(chunk);
        q.cv.notify_all();
    }

    // Each table's widths and header, then the chunks of its rows the page flow has not
    // begun, at most kAheadChunks ahead of the pages.
    void run(draw::Setter& setter) {
        Helper h(setter, mode_, width_);
        for (std::size_t k = 0; k < tables_.size(); ++k) {
            Queue& q = *queues_[k];
            const report::Table& t = *tables_[k];
            try {
                const std::vector<double> widths = h.tables.widths(t);
                Box head = h.tables.header_box(t, widths);
                {
                    const std::lock_guard lock(q.m);
                    q.widths = widths;
                    q.header = std::move(head);
                    q.header_missing = h.left_out();
                    q.cv.notify_all();
                }
                for (;;) {
                    std::size_t c = 0;
                    {
                        std::unique_lock lock(q.m);
                        q.cv.wait(lock, [&] { return q.next >= q.chunks || q.next < q.taken + kAheadChunks || stop_; });
                        if (stop_) throw Stopped{};
                        if (q.next >= q.chunks) break;
                        c = q.next++;
                    }
                    Chunk chunk = set_chunk(h, t, widths, c);
                    const std::lock_guard lock(q.m);
                    publish(q, c, std::move(chunk));
                }
            } catch (const Stopped&) {
                return;
            } catch (...) {
                // This table and those after it fail where they are taken.
                for (std::size_t j = k; j < queues_.size(); ++j) {
                    const std::lock_guard lock(queues_[j]->m);
                    queues_[j]->error = std::current_exception();
                    queues_[j]->cv.notify_all();
                }
                return;
            }
        }
    }

    LangMode mode_;
    double width_;
    std::vector<const report::Table*> tables_;
    std::vector<std::unique_ptr<Queue>> queues_;
    std::unique_ptr<draw::Setter> helper_setter_;  // a sibling of the page flow's, for the rows it sets
    std::unique_ptr<Helper> helper_;
    std::atomic<bool> stop_{false};
    std::thread worker_;
};

class Engine : Themed {
public:
    Engine(const report::Document& doc, draw::Setter& setter, PageSink& sink)
        : Themed(setter),
          doc_(doc),
          s_(setter),
          sink_(sink),
          body_(setter.style(Style::body)),
          geometry_(page_geometry(doc.page, body_.size, setter.theme().page)),
          flow_(geometry_, [&sink](std::size_t index, layout::Page&& page) { sink.page(index, std::move(page)); }),
          langs_(report::languages(doc.mode)),
          ahead_(doc, setter, geometry_.body_width()) {}

    layout::DisplayList run(const TypesetOptions& options) {
        bool first = true;
        std::size_t done = 0;
        for (const auto& section : doc_.sections) {
            if (section.type == SectionType::cover) {
                cover();
            } else {
                section_body(section, first);
            }
            first = false;
            if (options.progress) options.progress(++done, doc_.sections.size());
        }
        auto list = flow_.take();
        const std::size_t pages = flow_.pages();
        std::vector<std::vector<layout::Item>> notes(pages);
        late_notes(notes);
        for (std::size_t p = 0; p < pages; ++p) {
            std::vector<layout::Item> items = std::move(notes[p]);
            furniture(items, p, pages);
            sink_.overlay(p, std::move(items));
        }
        info(list, options);
        return list;
    }

private:
    double width() const { return geometry_.body_width(); }
    // Marks between texts (the same in both languages).
    static std::string_view mark(i18n::Msg id) { return i18n::message(id, Lang::en); }
    static std::string separator() { return std::string(mark(i18n::Msg::mark_separator)); }
    static std::string between_languages() { return std::string(mark(i18n::Msg::mark_languages)); }


    // Sets a paragraph into a box of `w`, returns the height used; lines `ts.line_height()`
    // apart starting at `top`.
    double text_block(std::vector<layout::Item>& out, const std::string& text, Lang lang, const TextStyle& ts, double x,
                      double top, double w, HAlign align = HAlign::left) {
        const int n = s_.set_paragraph(out, text, ts, x, ts.baseline(top), w, text_lang(lang),
                                       text::Justify::ragged, align);
        return n * ts.line_height();
    }

    // ---- cover -------------------------------------------------------------------------
    void cover() {
        Box box;
        box.width = width();
        double y = 0;
        // Marking tag, top right.
        const std::string marking = joined(doc_.marking, doc_.mode, separator());
        if (!marking.empty()) {
            // A framed tag of one line box.
            const auto& ts = style(Style::marking);
            const double pad = space(Space::marking_pad);
            const double w = s_.measure(marking, ts) + 2 * pad;
            box.items.push_back(layout::Rect{width() - w, 0, w, ts.line_height(), std::nullopt, ts.color, rule(Rule::frame)});
            s_.set_text(box.items, marking, ts, width() - pad, ts.baseline(0), HAlign::right);
            y = ts.line_height() + space(Space::cover_marking);
        }
        for (const auto& t : shown(doc_.title, doc_.mode)) {
            const auto& ts = style(t.secondary ? Style::title_second : Style::title);
            y += text_block(box.items, t.text, t.lang, ts, 0, y, width());
            y += space(t.secondary ? Space::cover_title_second : Space::cover_title);
        }
        y += space(Space::cover_block);
        for (const auto& t : shown(doc_.subtitle, doc_.mode))
            y += text_block(box.items, t.text, t.lang, style(Style::subtitle), 0, y, width());
        y += space(Space::cover_rule_before);
        box.items.push_back(layout::Line{0, y, width(), y, rule(Rule::cover), color(Ink::accent), {}});
        y += space(Space::cover_rule_after);
        const std::string prepared = joined(doc_.prepared, doc_.mode, std::string(mark(i18n::Msg::mark_separator_wide)));
        if (!prepared.empty()) y += text_block(box.items, prepared, langs_.front(), style(Style::prepared), 0, y, width());
        box.height = y;
        Unit u;
        u.box = std::move(box);
        u.bookmark = joined(doc_.title, doc_.mode, between_languages());
        flow_.push(std::move(u));
    }

    // ---- headings ----------------------------------------------------------------------
    // A section heading: zh and en on one line when they fit, a rule under them.
    Unit heading(const BiText& title) {
        Box box;
        box.width = width();
        const auto parts = shown(title, doc_.mode);
        const auto& main = style(Style::heading);
        const auto& second = style(Style::heading_second);
        const double gap = space(Space::heading_pair);
        double y = 0;
        if (!parts.empty()) {
            const double w0 = s_.measure(parts[0].text, main);
            const double base = main.baseline(0);
            if (parts.size() > 1 && w0 + gap + s_.measure(parts[1].text, second) <= width()) {
                s_.set_text(box.items, parts[0].text, main, 0, base);
                s_.set_text(box.items, parts[1].text, second, w0 + gap, base);
                y = main.line_height();
            } else {
                y += text_block(box.items, parts[0].text, parts[0].lang, main, 0, 0, width());
                if (parts.size() > 1) y += text_block(box.items, parts[1].text, parts[1].lang, second, 0, y, width());
            }
        }
        y += space(Space::heading_rule);
        box.items.push_back(layout::Line{0, y, width(), y, rule(Rule::heading), color(Ink::rule), {}});
        y += space(Space::heading_after);
        box.height = y;
        Unit u;
        u.box = std::move(box);
        u.space_before = space(Space::section);
        u.tie = Tie::strong;
        u.bookmark = joined(title, doc_.mode, between_languages());
        return u;
    }

    // ---- paragraphs --------------------------------------------------------------------
    // The units of one paragraph: one per line, first two and last two lines tied.
    std::vector<Unit> paragraph_units(const std::string& text, Lang lang, const TextStyle& ts, double indent = 0,
                                      const std::string& hang = "", bool justify_zh = true) {
        std::vector<Unit> out;
        const double w = width() - indent;
        const auto justify = lang == Lang::zh && justify_zh ? text::Justify::justify : text::Justify::ragged;
        const auto lines = s_.break_lines(text, ts, w, text_lang(lang), justify);
        for (std::size_t k = 0; k < lines.size(); ++k) {
            Unit u;
            u.box.width = width();
            u.box.height = ts.line_height();
            if (k == 0 && !hang.empty()) s_.set_text(u.box.items, hang, ts, 0, ts.baseline(0));
            s_.set_line(u.box.items, lines[k], ts, indent, ts.baseline(0));
            const bool tie = k == 0 || k + 2 >= lines.size();
            u.tie = tie && k + 1 < lines.size() ? Tie::strong : Tie::none;
            out.push_back(std::move(u));
        }
        return out;
    }

    void paragraph(const BiText& text) {
        const auto parts = shown(text, doc_.mode);
        std::vector<Unit> units;
        for (std::size_t p = 0; p < parts.size(); ++p) {
            const auto& ts = style(parts[p].secondary ? Style::body_second : Style::body);
            auto lines = paragraph_units(parts[p].text, parts[p].lang, ts);
            if (lines.empty()) continue;
            lines.front().space_before = space(p == 0 ? Space::paragraph : Space::pair);
            units.insert(units.end(), std::make_move_iterator(lines.begin()), std::make_move_iterator(lines.end()));
            if (p + 1 < parts.size()) units.back().tie = Tie::weak;
        }
        // A bilingual pair stays together when it is short enough not to leave a large hole.
        double h = 0;
        for (const auto& u : units) h += u.box.height + u.space_before;
        if (parts.size() > 1 && h <= kPairTieShare * geometry_.body_height()) {
            for (std::size_t k = 0; k + 1 < units.size(); ++k)
                if (units[k].tie == Tie::none) units[k].tie = Tie::weak;
        } else {
            for (auto& u : units)
                if (u.tie == Tie::weak) u.tie = Tie::none;
        }
        for (auto& u : units) flow_.push(std::move(u));
    }

    // ---- key figures -------------------------------------------------------------------
    void key_figures(const std::vector<report::KeyFigure>& figures) {
        const double gap = space(Space::card_gap);
        const double pad = space(Space::card_pad);
        const double text_x = pad + space(Space::card_bar);
        const double cw = (width() - gap * (kCardColumns - 1)) / kCardColumns;
        const double inner = cw - pad - text_x;
        for (std::size_t row = 0; row < figures.size(); row += kCardColumns) {
            std::vector<std::vector<layout::Item>> cards;
            double height = 0;
            for (std::size_t c = row; c < std::min(figures.size(), row + kCardColumns); ++c) {
                const auto& f = figures[c];
                std::vector<layout::Item> items;
                double y = pad;
                for (const auto& t : shown(f.value, doc_.mode)) {
                    const auto& ts = style(t.secondary ? Style::card_value_second
                                           : t.lang == Lang::en ? Style::card_value_en
                                                                : Style::card_value);
                    y += text_block(items, t.text, t.lang, ts, text_x, y, inner);
                }
                y += space(Space::card_line);
                for (const auto& t : shown(f.label, doc_.mode))
                    y += text_block(items, t.text, t.lang, style(t.secondary ? Style::label_second : Style::label), text_x,
                                    y, inner);
                y += space(Space::card_line);
                std::string when = joined(f.when, doc_.mode, between_languages());
                const std::string status = joined(f.status, doc_.mode, between_languages());
                if (!status.empty()) when += (when.empty() ? "" : separator()) + status;
                if (f.citation > 0) when += (when.empty() ? "" : "  ") + i18n::citation_mark(f.citation);
                if (!when.empty()) y += text_block(items, when, langs_.front(), style(Style::note), text_x, y, inner);
                y += pad;
                height = std::max(height, y);
                cards.push_back(std::move(items));
            }
            Unit u;
            u.box.width = width();
            u.box.height = height;
            for (std::size_t k = 0; k < cards.size(); ++k) {
                const double x = static_cast<double>(k) * (cw + gap);
                u.box.items.push_back(layout::Rect{x, 0, cw, height, color(Ink::tint), std::nullopt, 0});
                u.box.items.push_back(layout::Rect{x, 0, size(Mark::card_accent), height, color(Ink::accent), std::nullopt, 0});
                for (auto item : cards[k]) {
                    draw::translate(item, x, 0);
                    u.box.items.push_back(std::move(item));
                }
            }
            u.space_before = row == 0 ? space(Space::card_first) : gap;
            flow_.push(std::move(u));
        }
    }

    // ---- tables ------------------------------------------------------------------------
    void table(const report::Table& full) {
        if (full.header.empty()) return;
        // A short table stays whole; a longer one keeps its header with two rows, and its
        // last two rows with the source line.
        const std::size_t n = full.rows.size();
        std::shared_ptr<Box> header;
        std::size_t r = 0;
        auto push_header = [&](Box&& box) {
            header = std::make_shared<Box>(std::move(box));
            Unit hu;
            hu.box = *header;
            hu.space_before = space(Space::table_before);
            hu.tie = Tie::strong;
            flow_.push(std::move(hu));
        };
        auto push_row = [&](Box&& box) {
            Unit u;
            u.box = std::move(box);
            u.repeat_header = header;
            const bool last = r + 1 == n;
            const bool tied = n <= kWholeTable || r == 0 || r + 2 >= n;
            if (tied && (!last || !full.source_line.empty())) u.tie = Tie::strong;
            ++r;
            flow_.push(std::move(u));
        };
        if (!ahead_.take(full, push_header, push_row, s_)) TableSetter(s_, doc_.mode, width()).set(full, push_header, push_row);
        source_line(full.source_line);
    }

    void source_line(const BiText& line) {
        if (line.empty()) return;
        const auto& ts = style(Style::source);
        const double gap = space(Space::source_pair);
        const auto parts = shown(line, doc_.mode);
        Unit u;
        u.box.width = width();
        double y = 0;
        double one = 0;
        for (const auto& p : parts) one += s_.measure(p.text, ts) + gap;
        if (one <= width()) {
            // Both languages on one line.
            double x = 0;
            for (const auto& p : parts) x += s_.set_text(u.box.items, p.text, ts, x, ts.baseline(0)) + gap;
            y = ts.line_height();
        } else {
            for (const auto& p : parts) y += text_block(u.box.items, p.text, p.lang, ts, 0, y, width());
        }
        u.box.height = y;
        u.space_before = space(Space::source_before);
        flow_.push(std::move(u));
    }

    // ---- lists (sources, notes) --------------------------------------------------------
    void list(const report::List& l) {
        for (const auto& item : l.items) {
            const std::string mark = item.number > 0 ? i18n::citation_mark(item.number) : std::string(this->mark(i18n::Msg::mark_bullet));
            const double indent = space(item.number > 0 ? Space::list_indent : Space::list_bullet);
            const auto parts = shown(item.text, doc_.mode);
            std::vector<Unit> units;
            for (std::size_t p = 0; p < parts.size(); ++p) {
                const auto& pts = style(parts[p].secondary ? Style::list_second : Style::list);
                // Reference matter (titles, URLs, mostly Latin) is set ragged in both languages.
                auto lines = paragraph_units(parts[p].text, parts[p].lang, pts, indent, p == 0 ? mark : "", false);
                if (lines.empty()) continue;
                if (p > 0) lines.front().space_before = space(Space::list_pair);
                units.insert(units.end(), std::make_move_iterator(lines.begin()), std::make_move_iterator(lines.end()));
            }
            if (units.empty()) continue;
            units.front().space_before = space(Space::list_item);
            // An item stays together (it is a few lines at most).
            for (std::size_t k = 0; k + 1 < units.size(); ++k) units[k].tie = Tie::strong;
            for (auto& u : units) flow_.push(std::move(u));
        }
    }

    // ---- graphics ----------------------------------------------------------------------
    // Where a graphic goes: the text block's width, the room left here, a page less `reserve`.
    graphics::Frame frame(double reserve) const {
        graphics::Frame f;
        f.width = width();
        f.mode = doc_.mode;
        f.page_height = geometry_.body_height() - reserve;
        f.first_height = flow_.room();
        return f;
    }

    // The timeline, its first box in the room left on the page (under its heading), within
    // the section's page budget; an overview gets a line that points to the events table.
    void timeline(const report::TimelineData& data) {
        graphics::Frame frame = this->frame(kTimelineReserve);
        frame.first_height = flow_.room() - space(Space::graphic_before);
        frame.max_pages = data.max_pages;
        // Each box goes into the flow as it is drawn (the pages before it may already be written).
        std::size_t boxes = 0;
        const auto place = [&](draw::Box&& box, graphics::TimelineBoxContent&&) {
            Unit u;
            u.box = std::move(box);
            u.space_before = boxes++ == 0 ? space(Space::graphic_before) : 0;
            flow_.push(std::move(u));
        };
        auto fitted = graphics::timeline_boxes(data, frame, s_, place);
        if (std::holds_alternative<graphics::NeedsRoom>(fitted)) {
            // Not even the axis and one lane fit here: the timeline (and its heading, held
            // with it) starts on a fresh page.
            flow_.new_page();
            frame.first_height = std::max(flow_.room() - space(Space::graphic_before), frame.page_height);
            fitted = graphics::timeline_boxes(data, frame, s_, place);
        }
        const auto& laid = std::get<graphics::TimelineBoxes>(fitted);
        if (laid.unlabelled > 0 && boxes > 0) {
            // The line's height now; its text once the events table's page is known.
            LateNote note{static_cast<int>(late_.size()) + 1, laid.unlabelled, width()};
            Unit u;
            u.box.width = width();
            u.box.height = note_lines(note, 999, nullptr, 0, 0) * style(Style::source).line_height();
            u.space_before = space(Space::source_before);
            u.anchor = note.anchor;
            late_.push_back(note);
            flow_.push(std::move(u));
        }
        flow_.flush();
    }

    // The events table's title in a language, for the line of an overview timeline.
    std::string events_title(Lang lang) const {
        for (const auto& s : doc_.sections)
            for (const auto& b : s.blocks)
                if (const auto* t = std::get_if<report::Table>(&b); t && t->content == report::TableContent::events)
                    return s.title.in(lang);
        return {};
    }

    // Sets (into `out` when given) the line of an overview timeline pointing to `page`; returns
    // its number of lines.
    int note_lines(const LateNote& note, int page, std::vector<layout::Item>* out, double x, double top) {
        const auto& ts = style(Style::source);
        int lines = 0;
        for (const Lang l : langs_) {
            const std::string title = events_title(l);
            const std::string text = i18n::more_events(note.unlabelled, title.empty() ? 0 : page, title, l);
            std::vector<layout::Item> scratch;
            const int n = s_.set_paragraph(out ? *out : scratch, text, ts, x, ts.baseline(top + lines * ts.line_height()),
                                           note.width, text_lang(l));
            lines += n;
        }
        return lines;
    }

    // The lines drawn once every page is known, per page.
    void late_notes(std::vector<std::vector<layout::Item>>& pages) {
        const auto events = flow_.anchor(kEventsAnchor);
        for (const auto& note : late_) {
            const auto at = flow_.anchor(note.anchor);
            if (!at) continue;
            note_lines(note, events ? static_cast<int>(events->page) + 1 : 0, &pages[at->page], at->x, at->y);
        }
    }

    void chart(const report::ChartData& data) {
        graphics::Frame frame = this->frame(kChartReserve);
        // Into the room left on this page (under its heading) when that is not too little.
        const double here = flow_.room() - space(Space::graphic_before);
        frame.page_height = std::min(here >= kChartMin ? here : frame.page_height, kChartMax);
        Unit u;
        u.box = graphics::chart_box(data, frame, s_);
        u.space_before = space(Space::graphic_before);
        flow_.push(std::move(u));
        flow_.flush();
    }

    // ---- sections ----------------------------------------------------------------------
    void section_body(const report::Section& section, bool first_section) {
        if (!section.title.empty()) {
            Unit h = heading(section.title);
            if (first_section) h.space_before = 0;
            for (const auto& b : section.blocks)
                if (const auto* t = std::get_if<report::Table>(&b); t && t->content == report::TableContent::events)
                    h.anchor = kEventsAnchor;
            flow_.push(std::move(h));
        }
        for (const auto& block : section.blocks) {
            std::visit(
                [&](const auto& b) {
                    using T = std::decay_t<decltype(b)>;
                    if constexpr (std::is_same_v<T, report::Paragraph>) paragraph(b.text);
                    else if constexpr (std::is_same_v<T, std::vector<report::KeyFigure>>) key_figures(b);
                    else if constexpr (std::is_same_v<T, report::Table>) table(b);
                    else if constexpr (std::is_same_v<T, report::TimelineData>) timeline(b);
                    else if constexpr (std::is_same_v<T, report::ChartData>) chart(b);
                    else list(b);
                },
                block);
        }
        flow_.flush();
    }

    // ---- running header, footer --------------------------------------------------------
    void furniture(std::vector<layout::Item>& items, std::size_t page, std::size_t pages) {
        const auto& ts = style(Style::running);
        const double left = geometry_.left;
        const double right = geometry_.width - geometry_.right;
        if (page > 0) running_header(items, ts, left, right);
        // The footer, centred: "第n页 共N页" and "Page n of N" side by side.
        std::vector<std::string> parts;
        for (const auto l : langs_) parts.push_back(i18n::page_of(static_cast<int>(page) + 1, static_cast<int>(pages), l));
        set_side_by_side(items, parts, ts, geometry_.width / 2, geometry_.height - geometry_.bottom + space(Space::footer_below),
                         space(Space::footer_pair), HAlign::center);
    }

    // The running header from page 2: the title (both languages when they fit beside the
    // marking) on the left, the marking on the right, a rule under them.
    void running_header(std::vector<layout::Item>& items, const TextStyle& ts, double left, double right) {
        const double base = geometry_.top - space(Space::running_above);
        const std::string marking = joined(doc_.marking, doc_.mode, separator());
        const double mw = marking.empty() ? 0 : s_.measure(marking, ts);
        const double gap = space(Space::running_pair);
        std::vector<std::string> title;
        double tw = 0;
        for (const auto& t : shown(doc_.title, doc_.mode)) {
            tw += (title.empty() ? 0 : gap) + s_.measure(t.text, ts);
            title.push_back(t.text);
        }
        if (tw + mw + space(Space::running_gap) > right - left && title.size() > 1) title.resize(1);
        set_side_by_side(items, title, ts, left, base, gap, HAlign::left);
        if (!marking.empty()) s_.set_text(items, marking, style(Style::running_marking), right, base, HAlign::right);
        const double y = base + space(Space::running_rule);
        items.push_back(layout::Line{left, y, right, y, rule(Rule::running), color(Ink::rule), {}});
    }

    // Texts on one baseline, `gap` apart, the whole aligned at x.
    void set_side_by_side(std::vector<layout::Item>& items, const std::vector<std::string>& texts, const TextStyle& ts,
                          double x, double baseline, double gap, HAlign align) {
        double total = 0;
        for (const auto& t : texts) total += (total > 0 ? gap : 0) + s_.measure(t, ts);
        double pen = align == HAlign::center ? x - total / 2 : align == HAlign::right ? x - total : x;
        for (const auto& t : texts) pen += s_.set_text(items, t, ts, pen, baseline) + gap;
    }

    void info(layout::DisplayList& list, const TypesetOptions& options) const {
        // Document information names the brief in both languages whatever its mode.
        auto both = [](const BiText& t) { return joined(t, LangMode::bi, between_languages()); };
        list.info.title = both(doc_.title);
        list.info.subject = both(doc_.subtitle);
        list.info.author = both(doc_.marking);
        std::string keywords;
        for (const auto& s : doc_.sections) {
            if (s.title.empty()) continue;
            if (!keywords.empty()) keywords += "; ";
            keywords += both(s.title);
        }
        list.info.keywords = keywords;
        list.info.creator = "timeline";
        list.info.creation_date = doc_.as_of;
        list.info.document_id = options.document_id;
    }

    const report::Document& doc_;
    draw::Setter& s_;
    PageSink& sink_;
    TextStyle body_;
    PageGeometry geometry_;
    Flow flow_;
    std::vector<Lang> langs_;
    std::vector<LateNote> late_;
    TablesAhead ahead_;  // last: joins its thread first
};

}  // namespace

PageGeometry page_geometry(PageSize page, double em, const theme::PageMargins& margins) {
    PageGeometry g;
    if (page == PageSize::letter) {
        g.width = 612;
        g.height = 792;
    }
    g.top = margins.top;
    g.bottom = margins.bottom;
    // The side margins, then the text block rounded down to whole ems.
    const double target = g.width - 2 * margins.side;
    const double block = em > 0 ? std::floor(target / em) * em : target;
    g.left = g.right = (g.width - block) / 2;
    return g;
}

Typeset typeset_document(const report::Document& doc, const text::FontSet& fonts, const theme::Theme& theme,
                         const TypesetOptions& options, PageSink& sink) {
    draw::Setter setter(fonts, theme);
    setter.set_italic_titles(doc.work_titles);
    Typeset out;
    out.pages = Engine(doc, setter, sink).run(options);
    for (const auto& m : setter.missing()) {
        std::string sample = m.text.size() > 60 ? m.text.substr(0, 60) : m.text;
        while (!sample.empty() && !utf8::valid(sample)) sample.pop_back();
        std::string ch;
        utf8::append(ch, m.code_point);
        const std::string message = utf8::codepoint_name(m.code_point) + " " + ch +
                                    " is not covered by any font of style " + m.style + " (in \"" + sample +
                                    "\"); it is left out of the PDF — `timeline fonts check` shows where it occurs";
        if (options.strict) out.diagnostics.error("glyph-missing", message);
        else out.diagnostics.warning("glyph-missing", message);
    }
    return out;
}

namespace {

class Gather : public PageSink {
public:
    explicit Gather(std::vector<layout::Page>& pages) : pages_(pages) {}
    void page(std::size_t, layout::Page&& page) override { pages_.push_back(std::move(page)); }
    void overlay(std::size_t index, std::vector<layout::Item>&& items) override {
        auto& to = pages_.at(index).items;
        to.insert(to.end(), std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
    }

private:
    std::vector<layout::Page>& pages_;
};

}  // namespace

Typeset typeset_document(const report::Document& doc, const text::FontSet& fonts, const theme::Theme& theme,
                         const TypesetOptions& options) {
    std::vector<layout::Page> pages;
    Gather gather(pages);
    Typeset out = typeset_document(doc, fonts, theme, options, gather);
    out.pages.pages = std::move(pages);
    return out;
}

}  // namespace timeline::typeset
