// The message catalogue (messages.h), checked at compile time.
#include "i18n/messages.h"

#include <array>
#include <string>

#include "i18n/notes.h"

namespace timeline::i18n {

namespace {

struct Entry {
    Msg id;
    std::string_view name;
    std::string_view en;
    std::string_view zh;
};

#define TL_MSG(id, en, zh) Entry{Msg::id, #id, en, zh}

constexpr Entry catalogue[] = {
    TL_MSG(section_cover, "Cover", "封面"),
    TL_MSG(section_contents, "Contents", "目录"),
    TL_MSG(section_key_figures, "Key figures", "关键数据"),
    TL_MSG(section_summary, "Summary", "摘要"),
    TL_MSG(section_timeline, "Timeline", "时间线"),
    TL_MSG(section_chart, "Chart", "图表"),
    TL_MSG(section_table, "Table", "表格"),
    TL_MSG(section_events, "Events", "大事记"),
    TL_MSG(section_statistics, "Statistics", "统计"),
    TL_MSG(section_sources, "Sources", "资料来源"),
    TL_MSG(section_data_notes, "Data notes", "数据说明"),

    TL_MSG(header_date, "Date", "日期"),
    TL_MSG(header_event, "Event", "事件"),
    TL_MSG(header_lane, "Lane", "类别"),
    TL_MSG(header_figure, "Figure", "数据"),
    TL_MSG(header_value, "Value", "数值"),
    TL_MSG(header_unit, "Unit", "单位"),
    TL_MSG(header_metric, "Metric", "指标"),
    TL_MSG(header_subject, "Subject", "主体"),
    TL_MSG(header_source, "Source", "来源"),
    TL_MSG(header_status, "Status", "状态"),
    TL_MSG(header_note, "Note", "说明"),
    TL_MSG(header_first, "First", "起点"),
    TL_MSG(header_latest, "Latest", "最新"),
    TL_MSG(header_change, "Change", "变化"),
    TL_MSG(header_multiple, "Multiple", "倍数"),
    TL_MSG(header_cagr, "CAGR", "年均增长率"),
    TL_MSG(header_count, "Count", "数量"),
    TL_MSG(header_year, "Year", "年份"),
    TL_MSG(header_share, "Share", "占比"),
    TL_MSG(header_period, "Period", "时期"),
    TL_MSG(header_publisher, "Publisher", "发布机构"),
    TL_MSG(header_title, "Title", "标题"),
    TL_MSG(header_author, "Author", "作者"),
    TL_MSG(header_published, "Published", "发表日期"),
    TL_MSG(header_link, "Link", "链接"),
    TL_MSG(header_number, "No.", "序号"),

    TL_MSG(caption_chart, "Chart", "图"),
    TL_MSG(caption_table, "Table", "表"),
    TL_MSG(label_source, "Source", "来源"),
    TL_MSG(label_sources, "Sources", "来源"),
    TL_MSG(label_page, "Page", "页"),
    TL_MSG(marking_internal, "Internal", "内部资料"),
    TL_MSG(label_prepared, "Prepared", "编制日期"),
    TL_MSG(label_as_of, "as of", "截至"),
    TL_MSG(label_continued, "continued", "续"),
    TL_MSG(no_data, "no data", "无数据"),
    TL_MSG(undated, "undated", "日期不详"),
    TL_MSG(derived_dates_note, "Date derived from the publication date of its source.",
           "日期据资料来源的发表日期推算。"),
    TL_MSG(derived_dates_unmarked_note, "Some dates are derived from the publication date of their source.",
           "部分日期据资料来源的发表日期推算。"),
    TL_MSG(planned_apart_note,
           "Targets, plans and estimates are listed apart from actual figures and are not part of "
           "any series.",
           "目标、计划和估计数据与实际数据分列，不计入数据序列。"),
    TL_MSG(missing_translation_note, "Texts with no English in the data are shown in Chinese.",
           "数据中没有中文的文字以英文列出。"),
    TL_MSG(one_language_note, "Texts the data gives in one language only are printed once, in that language.",
           "数据中只有一种语言的文字只以该语言列出。"),
    TL_MSG(status_actual, "actual", "实际"),
    TL_MSG(status_target, "target", "目标"),
    TL_MSG(status_plan, "planned", "计划"),
    TL_MSG(status_estimate, "estimate", "估计"),
    TL_MSG(lane_events, "Events", "事件"),
    TL_MSG(lane_other_events, "Other events", "其他事件"),
    TL_MSG(timelinejs_timeline, "TimelineJS timeline", "TimelineJS时间线"),
    TL_MSG(timelinejs_display_date, "Date as shown in the TimelineJS timeline", "原时间线显示的日期"),
    TL_MSG(lane_other, "Other", "其他"),
    TL_MSG(legend_day, "A day", "某一日"),
    TL_MSG(legend_period, "A whole month, quarter, half, year or decade", "月、季、半年、年或年代的整个时段"),
    TL_MSG(legend_interval, "From … to", "起止区间"),
    TL_MSG(legend_open, "Open start or end", "起点或终点未定"),
    TL_MSG(legend_approximate, "Approximate date (dashed)", "约略日期（虚线）"),
    TL_MSG(legend_uncertain, "Uncertain date (whiskers)", "存疑日期（误差线）"),
    TL_MSG(legend_era, "Era (shaded)", "时期（底纹）"),
    TL_MSG(legend_axis_break, "Axis break: years without events left out", "时间轴省略无事件的年份"),
    TL_MSG(legend_count, "Events of the period without a label, counted", "该时段未标注的事件数"),
    TL_MSG(key_planned, "target, plan or estimate", "目标、计划或估计"),
    TL_MSG(key_lower_bound, "lower bound: the value is higher", "下限，实际数值更高"),
    TL_MSG(key_range, "range the value lies in", "数值所在范围"),
    TL_MSG(key_open_start, "start not known", "起始时间不详"),
    TL_MSG(axis_month_1, "Jan", "1月"),
    TL_MSG(axis_month_2, "Feb", "2月"),
    TL_MSG(axis_month_3, "Mar", "3月"),
    TL_MSG(axis_month_4, "Apr", "4月"),
    TL_MSG(axis_month_5, "May", "5月"),
    TL_MSG(axis_month_6, "Jun", "6月"),
    TL_MSG(axis_month_7, "Jul", "7月"),
    TL_MSG(axis_month_8, "Aug", "8月"),
    TL_MSG(axis_month_9, "Sep", "9月"),
    TL_MSG(axis_month_10, "Oct", "10月"),
    TL_MSG(axis_month_11, "Nov", "11月"),
    TL_MSG(axis_month_12, "Dec", "12月"),
    TL_MSG(axis_quarter_1, "Q1", "一季度"),
    TL_MSG(axis_quarter_2, "Q2", "二季度"),
    TL_MSG(axis_quarter_3, "Q3", "三季度"),
    TL_MSG(axis_quarter_4, "Q4", "四季度"),
    TL_MSG(axis_half_1, "H1", "上半年"),
    TL_MSG(axis_half_2, "H2", "下半年"),
    TL_MSG(mail_brief, "Brief", "简报"),
    TL_MSG(mail_attached, "The brief \u201c{name}\u201d of {slot} is attached: {file}, {size}.",
           "{slot}的简报\u201c{name}\u201d见附件{file}（{size}）。"),
    TL_MSG(mail_linked,
           "The brief \u201c{name}\u201d of {slot} is {size}, more than the {limit} this job attaches, so it is "
           "not attached. It is here:",
           "{slot}的简报\u201c{name}\u201d大小为{size}，超过本任务的附件上限{limit}，未作为附件发送。文件位置："),
    TL_MSG(mail_sent_by, "Sent by timeline schedule for the job {job}.", "本邮件由timeline schedule为任务{job}发送。"),
    TL_MSG(mark_separator, " · ", " · "),
    TL_MSG(mark_separator_wide, "  ·  ", "  ·  "),
    TL_MSG(mark_bullet, "•", "•"),
    TL_MSG(mark_languages, " / ", " / "),
    TL_MSG(mark_derived, "\u2020", "\u2020"),
};

#undef TL_MSG

constexpr bool catalogue_complete() {
    if (std::size(catalogue) != msg_count) return false;
    for (std::size_t i = 0; i < std::size(catalogue); ++i) {
        const Entry& e = catalogue[i];
        if (static_cast<std::size_t>(e.id) != i) return false;
        if (e.en.empty() || e.zh.empty() || e.name.empty()) return false;
    }
    return true;
}
static_assert(catalogue_complete(), "the message catalogue needs one entry per Msg, in order, with en and zh");

const Entry& entry(Msg id) {
    const auto i = static_cast<std::size_t>(id);
    return i < std::size(catalogue) ? catalogue[i] : catalogue[static_cast<std::size_t>(Msg::no_data)];
}

struct NounText {
    std::string_view one;
    std::string_view many;
    std::string_view zh;  // measure word and noun: 项事件
};

constexpr std::array<NounText, static_cast<std::size_t>(Noun::count_)> nouns = {{
    {"event", "events", "项事件"},
    {"figure", "figures", "项数据"},
    {"source", "sources", "个来源"},
    {"entity", "entities", "个实体"},
    {"record", "records", "条记录"},
    {"page", "pages", "页"},
    {"year", "years", "年"},
    {"warning", "warnings", "条警告"},
    {"note", "notes", "条说明"},
    {"metric", "metrics", "个指标"},
    {"lane", "lanes", "个类别"},
    {"derived date", "derived dates", "个推算日期"},
    {"era", "eras", "个时期"},
}};

}  // namespace

std::string_view message(Msg id, Lang lang) {
    const Entry& e = entry(id);
    return lang == Lang::zh ? e.zh : e.en;
}

std::string_view message_name(Msg id) { return entry(id).name; }

std::string page_of(int page, int pages, Lang lang) {
    if (lang == Lang::zh) return "第" + std::to_string(page) + "页 共" + std::to_string(pages) + "页";
    return "Page " + std::to_string(page) + " of " + std::to_string(pages);
}

std::string labelled(Msg label, std::string_view value, Lang lang) {
    std::string out(message(label, lang));
    out += lang == Lang::zh ? "：" : ": ";
    out += value;
    return out;
}

std::string source_line(std::string_view source, Lang lang) { return labelled(Msg::label_source, source, lang); }

std::string source_line(const std::vector<std::string>& sources, Lang lang) {
    if (sources.size() == 1) return source_line(sources.front(), lang);
    std::string joined;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        if (i > 0) joined += lang == Lang::zh ? "；" : "; ";
        joined += sources[i];
    }
    return labelled(Msg::label_sources, joined, lang);
}

std::string as_of(std::string_view date_text, Lang lang) {
    std::string out(message(Msg::label_as_of, lang));
    if (lang == Lang::en) out += ' ';
    out += date_text;
    return out;
}

std::string continued(std::string_view title, Lang lang) {
    std::string out(title);
    if (lang == Lang::zh) {
        out += "（续）";
    } else {
        out += " (continued)";
    }
    return out;
}

std::string continued_mark(LangMode mode) {
    std::string out;
    if (mode != LangMode::en) out += "（" + std::string(message(Msg::label_continued, Lang::zh)) + "）";
    if (mode == LangMode::en) out += "(" + std::string(message(Msg::label_continued, Lang::en)) + ")";
    if (mode == LangMode::bi) out += message(Msg::label_continued, Lang::en);
    return out;
}

std::string citation_mark(int number) { return "[" + std::to_string(number) + "]"; }

std::string with_status(std::string_view text, std::string_view status, Lang lang) {
    if (text.empty()) return std::string(status);
    if (status.empty()) return std::string(text);
    return std::string(text) + (lang == Lang::zh ? "，" : ", ") + std::string(status);
}

std::string parenthetical(std::string_view text, std::string_view remark, Lang lang) {
    if (remark.empty()) return std::string(text);
    if (lang == Lang::zh) return std::string(text) + "（" + std::string(remark) + "）";
    return std::string(text) + " (" + std::string(remark) + ")";
}

std::string more_events(std::size_t n, int page, std::string_view table_title, Lang lang) {
    const std::string count = std::to_string(n);
    if (lang == Lang::zh) {
        if (page <= 0) return "另有" + count + "项事件未加标注";
        return "另有" + count + "项事件见第" + std::to_string(page) + "页" + std::string(table_title);
    }
    const std::string events = n == 1 ? " more event" : " more events";
    if (page <= 0) return count + events + " without a label";
    return count + events + ": see " + std::string(table_title) + ", p. " + std::to_string(page);
}

std::string caption(Msg kind, int number, Lang lang) {
    std::string out(message(kind, lang));
    if (lang == Lang::en) out += ' ';
    out += std::to_string(number);
    return out;
}

std::string count_phrase(long n, Noun noun, Lang lang) {
    const auto i = static_cast<std::size_t>(noun);
    const NounText& t = nouns[i < nouns.size() ? i : 0];
    const std::string number = std::to_string(n);
    if (lang == Lang::zh) return number + std::string(t.zh);
    return number + " " + std::string(n == 1 || n == -1 ? t.one : t.many);
}

std::string join_list(const std::vector<std::string>& items, Lang lang) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            const bool last = i + 1 == items.size();
            if (lang == Lang::zh)
                out += last ? "和" : "、";
            else
                out += last ? " and " : ", ";
        }
        out += items[i];
    }
    return out;
}

std::string mail_subject(std::string_view name, std::string_view slot, LangMode mode) {
    if (mode == LangMode::bi)
        return std::string(message(Msg::mail_brief, Lang::zh)) + std::string(message(Msg::mark_languages, Lang::en)) +
               labelled(Msg::mail_brief, with_status(name, slot, Lang::en), Lang::en);
    const Lang lang = mode == LangMode::zh ? Lang::zh : Lang::en;
    return labelled(Msg::mail_brief, with_status(name, slot, lang), lang);
}

std::string mail_text(Msg id, Lang lang, std::initializer_list<Fill> fills) {
    const std::string_view pattern = message(id, lang);
    std::string out;
    for (std::size_t i = 0; i < pattern.size();) {
        bool filled = false;
        if (pattern[i] == '{') {
            for (const Fill& f : fills) {
                if (pattern.compare(i + 1, f.key.size(), f.key) == 0 && i + 1 + f.key.size() < pattern.size() &&
                    pattern[i + 1 + f.key.size()] == '}') {
                    out += f.value;
                    i += f.key.size() + 2;
                    filled = true;
                    break;
                }
            }
        }
        if (!filled) out += pattern[i++];
    }
    return out;
}

std::vector<FixedText> fixed_texts(Lang lang) {
    std::vector<FixedText> out;
    for (std::size_t k = 0; k < msg_count; ++k) {
        const auto id = static_cast<Msg>(k);
        if (message_name(id).rfind("mail_", 0) == 0) continue;  // e-mail texts, never on paper
        out.push_back({std::string(message_name(id)), std::string(message(id, lang))});
    }
    // The phrases, each built once so that every word and mark they add is seen.
    out.push_back({"page_of", page_of(1, 2, lang)});
    out.push_back({"source_line", source_line(std::vector<std::string>{"A", "B"}, lang)});
    out.push_back({"as_of", as_of("", lang)});
    out.push_back({"continued", continued("", lang)});
    out.push_back({"continued_mark", continued_mark(LangMode::bi)});
    out.push_back({"citation_mark", citation_mark(1)});
    out.push_back({"with_status", with_status("A", "B", lang)});
    out.push_back({"parenthetical", parenthetical("A", "B", lang)});
    out.push_back({"join_list", join_list({"A", "B", "C"}, lang)});
    out.push_back({"more_events", more_events(2, 1, "", lang)});
    out.push_back({"more_events", more_events(1, 0, "", lang)});
    for (auto kind : {QualifiedKind::bounds, QualifiedKind::approximate, QualifiedKind::both})
        out.push_back({"qualified_note", qualified_note({"A", "B"}, kind, "C", lang)});
    out.push_back({"qualified_note", qualified_note({}, QualifiedKind::bounds, "", lang)});
    out.push_back({"open_start_note", open_start_note({"A"}, lang)});
    out.push_back({"open_start_note", open_start_note({"A", "B"}, lang)});
    for (std::size_t n = 0; n < static_cast<std::size_t>(Noun::count_); ++n)
        for (long count : {1L, 2L}) out.push_back({"count_phrase", count_phrase(count, static_cast<Noun>(n), lang)});
    return out;
}

}  // namespace timeline::i18n
