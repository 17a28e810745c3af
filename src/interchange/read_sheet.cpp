// The TimelineJS Google-Sheets template exported as CSV: one row per slide, the columns
// Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display Date, Headline,
// Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group, Background (newer
// sheets add Alt Text; older ones say Tag for Group, and the oldest give "Start Date" and
// "End Date" as text). Type "title" marks the title slide, "era" an era.
#include <array>

#include "interchange/slides.h"
#include "load/csv.h"

namespace timeline::interchange {
namespace {

enum class Col {
    year, month, day, time, end_year, end_month, end_day, end_time, display_date, headline, text, media,
    media_credit, media_caption, media_thumbnail, alt_text, type, group, tag, background, start_date, end_date,
    count_
};

constexpr std::array<std::string_view, static_cast<std::size_t>(Col::count_)> kColumns = {
    "year", "month", "day", "time", "end year", "end month", "end day", "end time", "display date", "headline",
    "text", "media", "media credit", "media caption", "media thumbnail", "alt text", "type", "group", "tag",
    "background", "start date", "end date"};

// Header names compare case-insensitively, with spaces trimmed and collapsed.
std::string normalised(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

std::string trimmed(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

// TimelineJS removes white space and thousands separators from the date columns ("1,900").
std::string clean_integer(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\t' && c != ',') out += c;
    return out;
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

class SheetReader {
public:
    SheetReader(const CsvTable& table, const std::string& file, Losses& losses, Diagnostics& diags)
        : table_(table), file_(file), losses_(losses), diags_(diags) {}

    std::optional<Timeline> run() {
        column_.fill(-1);
        std::vector<std::size_t> unknown;
        for (std::size_t c = 0; c < table_.header.size(); ++c) {
            const std::string name = normalised(table_.header[c]);
            if (name.empty()) continue;
            bool known = false;
            for (std::size_t k = 0; k < kColumns.size(); ++k) {
                if (kColumns[k] != name) continue;
                if (column_[k] < 0) column_[k] = static_cast<int>(c);
                known = true;
            }
            if (!known) unknown.push_back(c);
        }
        if (has(Col::tag) && !has(Col::group)) column_[static_cast<std::size_t>(Col::group)] = col(Col::tag);
        if (!has(Col::year) && !has(Col::start_date)) {
            std::string header;
            for (const auto& h : table_.header) header += (header.empty() ? "" : ", ") + h;
            diags_.error("import-not-timelinejs",
                         "not a TimelineJS sheet: it has no \"Year\" column (the TimelineJS template's columns are "
                         "Year, Month, Day, Time, End Year, …, Headline, Text, …, Type, Group); this header has: " +
                             header,
                         file_, table_.header_positions.empty() ? SourcePos{1, 1} : table_.header_positions.front());
            return std::nullopt;
        }

        Timeline t;
        for (const CsvRow& row : table_.rows) {
            if (row.malformed) {  // its problem is reported by the CSV reader; counted as left out
                Slide s;
                s.loc = {row.pos, {}};
                s.bad = true;
                t.events.push_back(std::move(s));
                continue;
            }
            row_ = &row;
            Slide s = slide();
            for (std::size_t c : unknown)
                if (c < row.cells.size() && !trimmed(row.cells[c]).empty())
                    losses_.add(Loss::unknown, s.loc, cell_loc(static_cast<int>(c)), table_.header[c]);
            const std::string type = normalised(cell(Col::type).value);
            if (type == "title") {
                if (!t.title) {
                    s.kind = SlideKind::title;
                    t.title = std::move(s);
                    continue;
                }
                if (s.start.empty()) {  // perhaps the title in the other language
                    s.kind = SlideKind::title;
                    t.more_titles.push_back(std::move(s));
                    continue;
                }
                diags_.warning("import-title-repeated",
                               "a second title row with a date: imported as an event, as TimelineJS shows it (the "
                               "title is the first title row's)",
                               file_, cell(Col::type).loc.pos);
            } else if (type == "era") {
                s.kind = SlideKind::era;
                t.eras.push_back(std::move(s));
                continue;
            } else if (!type.empty()) {
                losses_.add(Loss::type, s.loc, cell(Col::type).loc);
            }
            t.events.push_back(std::move(s));
        }
        return t;
    }

private:
    const CsvTable& table_;
    const std::string& file_;
    Losses& losses_;
    Diagnostics& diags_;
    std::array<int, static_cast<std::size_t>(Col::count_)> column_{};
    const CsvRow* row_ = nullptr;

    int col(Col c) const { return column_[static_cast<std::size_t>(c)]; }
    bool has(Col c) const { return col(c) >= 0; }

    Loc cell_loc(int c) const {
        if (c >= 0 && static_cast<std::size_t>(c) < row_->positions.size())
            return {row_->positions[static_cast<std::size_t>(c)], {}};
        return {row_->pos, {}};
    }

    // The cell of a column, trimmed (TimelineJS trims every cell).
    Field cell(Col c) const {
        const int k = col(c);
        Field f{{}, cell_loc(k)};
        if (k >= 0 && static_cast<std::size_t>(k) < row_->cells.size())
            f.value = trimmed(row_->cells[static_cast<std::size_t>(k)]);
        return f;
    }

    Field number_cell(Col c) const {
        Field f = cell(c);
        f.value = clean_integer(f.value);
        return f;
    }

    DateFields date(Col year, Col month, Col day, Col time, Col text) {
        DateFields d;
        d.loc = {row_->pos, {}};
        if (has(text) && !has(year)) return text_date(cell(text), d);
        d.year = number_cell(year);
        d.month = number_cell(month);
        d.day = number_cell(day);
        d.time = cell(time);
        d.given = !d.empty();
        return d;
    }

    // "Start Date"/"End Date" of the oldest sheets: 2019, 2019-05, 2019-05-24, 5/24/2019 or
    // 5/2019, optionally followed by a time.
    DateFields text_date(const Field& f, DateFields d) {
        d.given = f.present();
        if (!f.present()) return d;
        std::string date = f.value;
        const auto space = date.find(' ');
        if (space != std::string::npos) {
            d.time = {trimmed(date.substr(space)), f.loc};
            date = date.substr(0, space);
        }
        const char sep = date.find('/') != std::string::npos ? '/' : '-';
        const bool negative = sep == '-' && !date.empty() && date[0] == '-';  // a year before the common era
        const std::string body = negative ? date.substr(1) : date;
        std::vector<std::string> parts;
        for (std::size_t from = 0;;) {
            const auto at = body.find(sep, from);
            parts.push_back(body.substr(from, at == std::string::npos ? std::string::npos : at - from));
            if (at == std::string::npos) break;
            from = at + 1;
        }
        bool ok = parts.size() <= 3;
        for (const auto& p : parts) ok = ok && all_digits(p);
        if (negative) parts[0] = "-" + parts[0];
        auto part = [&](const std::string& v) { return Field{v, f.loc}; };
        if (!ok) {
            diags_.error("import-date-invalid",
                         "\"" + f.value + "\" is not a date TimelineJS reads (write 2019, 2019-05, 2019-05-24 or 5/24/2019)",
                         file_, f.loc.pos);
            d.given = false;
            bad_ = true;
            return d;
        }
        if (sep == '-') {
            d.year = part(parts[0]);
            if (parts.size() > 1) d.month = part(parts[1]);
            if (parts.size() > 2) d.day = part(parts[2]);
        } else if (parts.size() == 3) {  // month/day/year
            d.month = part(parts[0]);
            d.day = part(parts[1]);
            d.year = part(parts[2]);
        } else if (parts.size() == 2) {  // month/year
            d.month = part(parts[0]);
            d.year = part(parts[1]);
        } else {
            d.year = part(parts[0]);
        }
        return d;
    }

    bool bad_ = false;

    Slide slide() {
        Slide s;
        s.loc = {row_->pos, {}};
        bad_ = false;
        s.start = date(Col::year, Col::month, Col::day, Col::time, Col::start_date);
        s.end = date(Col::end_year, Col::end_month, Col::end_day, Col::end_time, Col::end_date);
        s.headline = cell(Col::headline);
        s.text = cell(Col::text);
        s.caption = cell(Col::media_caption);
        s.group = cell(Col::group);
        s.display_date = cell(Col::display_date);
        for (Col c : {Col::media, Col::media_credit, Col::media_caption, Col::media_thumbnail, Col::alt_text}) {
            const Field f = cell(c);
            if (f.present()) {
                losses_.add(Loss::media, s.loc, f.loc);
                break;
            }
        }
        if (const Field f = cell(Col::background); f.present()) losses_.add(Loss::background, s.loc, f.loc);
        s.bad = bad_;
        return s;
    }
};

}  // namespace

std::optional<Timeline> read_timeline_sheet(const std::string& text, const std::string& file, Losses& losses,
                                            Diagnostics& diags) {
    const CsvTable table = parse_csv(text, file, diags);
    if (table.header.empty()) return std::nullopt;  // reported (csv-no-header)
    return SheetReader(table, file, losses, diags).run();
}

}  // namespace timeline::interchange
