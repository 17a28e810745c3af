// The fixed texts of a brief in both languages: section titles, table headers, labels,
// markers and notes, plus the few phrases built around a number or a name (page n of N,
// source lines, counts, lists). Every text a brief prints that does not come from the data
// comes from here, so a brief never mixes a language into the other by accident.
//
// The catalogue is checked at compile time (messages.cpp): one entry per id, in id order,
// with non-empty en and zh.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "model/records.h"
#include "model/template.h"

namespace timeline::i18n {

enum class Msg {
    // Section titles
    section_cover,        // Cover / 封面
    section_contents,     // Contents / 目录
    section_key_figures,  // Key figures / 关键数据
    section_summary,      // Summary / 摘要
    section_timeline,     // Timeline / 时间线
    section_chart,        // Chart / 图表
    section_table,        // Table / 表格
    section_events,       // Events / 大事记
    section_statistics,   // Statistics / 统计
    section_sources,      // Sources / 资料来源
    section_data_notes,   // Data notes / 数据说明
    // Table headers
    header_date,      // Date / 日期
    header_event,     // Event / 事件
    header_lane,      // Lane / 类别
    header_figure,    // Figure / 数据
    header_value,     // Value / 数值
    header_unit,      // Unit / 单位
    header_metric,    // Metric / 指标
    header_subject,   // Subject / 主体
    header_source,    // Source / 来源
    header_status,    // Status / 状态
    header_note,      // Note / 说明
    header_first,     // First / 起点
    header_latest,    // Latest / 最新
    header_change,    // Change / 变化
    header_multiple,  // Multiple / 倍数
    header_cagr,      // CAGR / 年均增长率
    header_count,     // Count / 数量
    header_year,      // Year / 年份
    header_share,     // Share / 占比
    header_period,    // Period / 时期
    header_publisher, // Publisher / 发布机构
    header_title,     // Title / 标题
    header_author,    // Author / 作者
    header_published, // Published / 发表日期
    header_link,      // Link / 链接
    header_number,    // No. / 序号
    // Labels and markers
    caption_chart,             // Chart / 图   (numbered: "Chart 1" / "图1")
    caption_table,             // Table / 表
    label_source,              // Source / 来源   (see source_line)
    label_sources,             // Sources / 来源
    label_page,                // Page / 页
    marking_internal,          // Internal / 内部资料
    label_prepared,            // Prepared / 编制日期
    label_as_of,               // as of / 截至
    label_continued,           // continued / 续
    no_data,                   // no data / 无数据
    undated,                   // undated / 日期不详
    // Data notes: each kind of caveat once (the sentences built around the brief's own
    // examples are in notes.h)
    derived_dates_note,           // "Date derived from the publication date of its source." (after mark_derived)
    derived_dates_unmarked_note,  // the same, where no printed date carries the mark
    planned_apart_note,           // targets and plans are listed apart from actual figures
    missing_translation_note,     // zh/en brief: "No English text in the data; shown in Chinese." (in the brief's language)
    one_language_note,            // bi brief: texts in one language only are printed once, in that language
    // Statuses as column values (format_status gives "" for actual)
    status_actual,    // actual / 实际
    status_target,    // target / 目标
    status_plan,      // planned / 计划
    status_estimate,  // estimate / 估计
    // Texts that `timeline import timelinejs` writes into a data set
    lane_events,          // Events / 事件   (the lane of a timeline without groups)
    lane_other_events,    // Other events / 其他事件   (events without a group beside groups)
    timelinejs_timeline,  // TimelineJS timeline / TimelineJS时间线   (publisher of an imported file)
    timelinejs_display_date,  // label of a slide's display date kept in the event's note
    // Timeline graphic: lane of events whose lane the data does not define, legend entries
    lane_other,          // Other / 其他
    legend_day,          // A day / 某一日
    legend_period,       // A whole month, quarter, half, year or decade / 月、季、半年、年或年代的整个时段
    legend_interval,     // From … to / 起止区间
    legend_open,         // Open start or end / 起点或终点未定
    legend_approximate,  // Approximate date (dashed) / 约略日期（虚线）
    legend_uncertain,    // Uncertain date (whiskers) / 存疑日期（误差线）
    legend_era,          // Era (shaded) / 时期（底纹）
    legend_axis_break,   // Axis break: years without events left out / 时间轴省略无事件的年份
    legend_count,        // Events of the period not labelled, counted / 该时段未标注的事件数
    // Chart key
    key_planned,      // target, plan or estimate / 目标、计划或估计
    key_lower_bound,  // lower bound: the value is higher / 下限，实际数值更高
    key_range,        // range the value lies in / 数值所在范围
    key_open_start,   // start not known / 起始时间不详
    // Time axis labels of months, quarters and halves
    axis_month_1,  // Jan / 1月
    axis_month_2,
    axis_month_3,
    axis_month_4,
    axis_month_5,
    axis_month_6,
    axis_month_7,
    axis_month_8,
    axis_month_9,
    axis_month_10,
    axis_month_11,
    axis_month_12,
    axis_quarter_1,  // Q1 / 一季度
    axis_quarter_2,
    axis_quarter_3,
    axis_quarter_4,
    axis_half_1,  // H1 / 上半年
    axis_half_2,  // H2 / 下半年
    // E-mail of a scheduled brief (mail/): the word before the subject, and the body's
    // sentences, whose {placeholders} mail_text() fills
    mail_brief,     // Brief / 简报   (subject: "Brief: NAME, SLOT" / "简报：NAME，SLOT")
    mail_attached,  // the brief is attached: {name} {slot} {file} {size}
    mail_linked,    // the brief is over the attachment limit, not attached; where it is: {name} {slot} {size} {limit}
    mail_sent_by,   // which job sent the message: {job}
    // Marks between texts, the same in both languages
    mark_separator,       // " · " between the parts of a line
    mark_separator_wide,  // "  ·  " between longer parts (the prepared line)
    mark_bullet,          // "•" before an item of a list of notes
    mark_languages,       // " / " between the two languages of one text set on one line
    mark_derived,         // "†" after a date derived from its source's publication date (see derived_dates_note)
    count_  // number of ids; not a message
};

inline constexpr std::size_t msg_count = static_cast<std::size_t>(Msg::count_);

// The text of `id` in `lang` (never empty).
std::string_view message(Msg id, Lang lang);
// The id's name in the source ("section_key_figures"), for tests and diagnostics.
std::string_view message_name(Msg id);

// Footer: "Page 3 of 12" / "第3页 共12页".
std::string page_of(int page, int pages, Lang lang);
// Source line under a chart or table: "Source: PLA Daily" / "来源：解放军报"; several
// sources are "Sources: A; B" / "来源：A；B".
std::string source_line(std::string_view source, Lang lang);
std::string source_line(const std::vector<std::string>& sources, Lang lang);
// "Label: value" / "标签：value", e.g. labelled(Msg::label_prepared, "1 July 2019", en).
std::string labelled(Msg label, std::string_view value, Lang lang);
// "as of 1 July 2019" / "截至2019年7月1日".
std::string as_of(std::string_view date_text, Lang lang);
// A title continued on the next page: "Timeline (continued)" / "时间线（续）".
std::string continued(std::string_view title, Lang lang);
// The mark of a continued graphic in a mode: "(continued)", "（续）", bi "（续）continued".
std::string continued_mark(LangMode mode);
// A citation mark: "[3]".
std::string citation_mark(int number);
// A status after a date or a value: "2018, target" / "2018年，目标".
std::string with_status(std::string_view text, std::string_view status, Lang lang);
// A remark in parentheses after a text: "60 billion yuan (target)" / "600亿元（目标）".
std::string parenthetical(std::string_view text, std::string_view remark, Lang lang);

// Every fixed text a brief may print in `lang`: the catalogue (named by id) and the words and
// punctuation of the phrases above (named by function), for `timeline fonts check`.
struct FixedText {
    std::string name;  // "section_key_figures", "page_of" …
    std::string text;
};
std::vector<FixedText> fixed_texts(Lang lang);
// An overview timeline's pointer to the events table: "12 more events: see Events, p. 7" /
// "另有12项事件见第7页大事记"; without a table (`page` 0): "12 more events without a label" /
// "另有12项事件未加标注".
std::string more_events(std::size_t n, int page, std::string_view table_title, Lang lang);
// Numbered captions: caption(Msg::caption_chart, 2, en) -> "Chart 2" / "图2".
std::string caption(Msg kind, int number, Lang lang);

// An e-mail's subject for a scheduled brief NAME of SLOT (mail/): "Brief: NAME, SLOT" /
// "简报：NAME，SLOT"; both languages: "简报 / Brief: NAME, SLOT".
std::string mail_subject(std::string_view name, std::string_view slot, LangMode mode);
// A catalogue text with each "{key}" replaced by its value (keys not listed stay as they are).
struct Fill {
    std::string_view key;  // without braces
    std::string_view value;
};
std::string mail_text(Msg id, Lang lang, std::initializer_list<Fill> fills);

// Things counted in a brief.
enum class Noun { event, figure, source, entity, record, page, year, warning, note, metric, lane, derived_date, era, count_ };
// "1 event", "3 events" / "3项事件"; "1 source" / "1个来源"; "2 pages" / "2页".
std::string count_phrase(long n, Noun noun, Lang lang);
// A list: "A", "A and B", "A, B and C" / "A和B", "A、B和C". Empty for no items.
std::string join_list(const std::vector<std::string>& items, Lang lang);

}  // namespace timeline::i18n
