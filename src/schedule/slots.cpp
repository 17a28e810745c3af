#include "schedule/slots.h"

#include <cctype>
#include <sstream>

namespace timeline::schedule {

using namespace date;
using std::chrono::minutes;
using std::chrono::seconds;

Slot resolve_local(const time_zone& zone, local_seconds local) {
    const local_info info = zone.get_info(local);
    switch (info.result) {
        case local_info::nonexistent:
            // info.second is the period that starts at the end of the gap.
            return {info.second.begin, local, SlotKind::shifted};
        case local_info::ambiguous:
            return {sys_seconds{local.time_since_epoch()} - info.first.offset, local, SlotKind::repeated};
        default:
            return {sys_seconds{local.time_since_epoch()} - info.first.offset, local, SlotKind::exact};
    }
}

std::optional<Slot> next_slot(const Cron& cron, const time_zone& zone, Instant after) {
    const local_seconds wall = zone.to_local(after);
    // Usually the wall clock of `after` occurs once: then every local time up to it maps to
    // an instant <= `after` and every later one to an instant > `after` (the mapping is
    // non-decreasing, and strictly increasing where local times are unique), so the answer
    // is the first match after it. (This keeps an every-minute job at one match per slot.)
    if (zone.get_info(wall).result == local_info::unique) {
        const auto cur = cron.next_match(wall + seconds{1});
        if (!cur) return std::nullopt;
        return resolve_local(zone, *cur);
    }
    // Near a change of offset: skip local times whose instant is <= `after`. Start a little
    // before the wall clock of `after`, at a local time whose instant is not later than
    // `after`: no earlier local time can be the answer.
    std::chrono::hours back{3};
    while (resolve_local(zone, wall - back).at > after) back *= 2;
    std::optional<local_seconds> cur = cron.next_match(wall - back);
    while (cur) {
        const Slot s = resolve_local(zone, *cur);
        if (s.at > after) return s;
        cur = cron.next_match(*cur + minutes{1});
    }
    return std::nullopt;
}

std::optional<Slot> slot_at_or_before(const Cron& cron, const time_zone& zone, Instant at) {
    // Walk forward through growing windows before `at` (slots come in order), so that an
    // every-minute job looks at an hour, not at a year of slots.
    for (const std::chrono::hours window : {std::chrono::hours{1}, std::chrono::hours{26}, std::chrono::hours{24 * 32},
                                            std::chrono::hours{24 * 367}}) {
        std::optional<Slot> last;
        for (auto s = next_slot(cron, zone, at - window); s && s->at <= at; s = next_slot(cron, zone, s->at)) last = s;
        if (last) return last;
    }
    return std::nullopt;
}

const time_zone* find_zone(const std::string& name) {
    try {
        return locate_zone(name);
    } catch (const std::exception&) {
        return nullptr;
    }
}

std::string format_utc(Instant t) { return date::format("%Y-%m-%dT%H:%M:%SZ", t); }

std::string format_local(const time_zone& zone, Instant t) {
    return date::format("%Y-%m-%dT%H:%M:%S%Ez", zoned_time<seconds>{&zone, t});
}

std::string format_local_short(const time_zone& zone, Instant t) {
    return date::format("%Y-%m-%d %H:%M %Z", zoned_time<seconds>{&zone, t});
}

std::string format_in_zone(const time_zone& zone, Instant t, const std::string& fmt) {
    return date::format(fmt, zoned_time<seconds>{&zone, t});
}

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t k = pos; k < pos + n; ++k) {
        if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
        out = out * 10 + (s[k] - '0');
    }
    return true;
}

}  // namespace

std::optional<Instant> parse_time(std::string_view text, const time_zone& zone) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    if (!digits(text, 0, 4, y) || text.size() < 10 || text[4] != '-' || !digits(text, 5, 2, mo) || text[7] != '-' ||
        !digits(text, 8, 2, d))
        return std::nullopt;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    std::size_t k = 10;
    if (k < text.size()) {
        if (text[k] != 'T' && text[k] != ' ') return std::nullopt;
        if (!digits(text, k + 1, 2, h) || k + 3 >= text.size() || text[k + 3] != ':' || !digits(text, k + 4, 2, mi))
            return std::nullopt;
        k += 6;
        if (k < text.size() && text[k] == ':') {
            if (!digits(text, k + 1, 2, se)) return std::nullopt;
            k += 3;
        }
        if (h > 23 || mi > 59 || se > 59) return std::nullopt;
    }
    const local_seconds local = local_days{ymd} + std::chrono::hours{h} + minutes{mi} + seconds{se};
    if (k == text.size()) return resolve_local(zone, local).at;
    const sys_seconds as_utc{local.time_since_epoch()};
    if (text.substr(k) == "Z") return as_utc;
    int oh = 0, om = 0;
    if ((text[k] == '+' || text[k] == '-') && digits(text, k + 1, 2, oh) && k + 6 == text.size() && text[k + 3] == ':' &&
        digits(text, k + 4, 2, om) && oh <= 23 && om <= 59) {
        const seconds offset = std::chrono::hours{oh} + minutes{om};
        return text[k] == '+' ? as_utc - offset : as_utc + offset;
    }
    return std::nullopt;
}

}  // namespace timeline::schedule
