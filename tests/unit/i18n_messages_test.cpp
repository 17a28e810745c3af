// Unit tests of the message catalogue (src/i18n/messages.h).
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "i18n/messages.h"

using namespace timeline;
using namespace timeline::i18n;

TEST_CASE("Every message has a non-empty English and Chinese text", "[i18n]") {
    std::set<std::string> names;
    std::set<std::string> en_titles;
    for (std::size_t i = 0; i < msg_count; ++i) {
        const auto id = static_cast<Msg>(i);
        INFO(message_name(id));
        CHECK_FALSE(message(id, Lang::en).empty());
        CHECK_FALSE(message(id, Lang::zh).empty());
        // Only the marks between texts ("mark_…") read the same in both languages.
        if (message_name(id).rfind("mark_", 0) != 0) CHECK(message(id, Lang::en) != message(id, Lang::zh));
        CHECK(names.insert(std::string(message_name(id))).second);
    }
    CHECK(names.size() == msg_count);
}

TEST_CASE("Fixed texts of a brief", "[i18n]") {
    const std::pair<Msg, std::pair<const char*, const char*>> texts[] = {
        {Msg::section_key_figures, {"Key figures", "关键数据"}},
        {Msg::section_summary, {"Summary", "摘要"}},
        {Msg::section_timeline, {"Timeline", "时间线"}},
        {Msg::section_chart, {"Chart", "图表"}},
        {Msg::section_events, {"Events", "大事记"}},
        {Msg::section_statistics, {"Statistics", "统计"}},
        {Msg::section_sources, {"Sources", "资料来源"}},
        {Msg::section_data_notes, {"Data notes", "数据说明"}},
        {Msg::header_date, {"Date", "日期"}},
        {Msg::header_event, {"Event", "事件"}},
        {Msg::header_lane, {"Lane", "类别"}},
        {Msg::header_figure, {"Figure", "数据"}},
        {Msg::header_value, {"Value", "数值"}},
        {Msg::header_metric, {"Metric", "指标"}},
        {Msg::header_source, {"Source", "来源"}},
        {Msg::header_status, {"Status", "状态"}},
        {Msg::header_note, {"Note", "说明"}},
        {Msg::header_first, {"First", "起点"}},
        {Msg::header_latest, {"Latest", "最新"}},
        {Msg::header_change, {"Change", "变化"}},
        {Msg::header_multiple, {"Multiple", "倍数"}},
        {Msg::header_cagr, {"CAGR", "年均增长率"}},
        {Msg::header_count, {"Count", "数量"}},
        {Msg::header_year, {"Year", "年份"}},
        {Msg::header_share, {"Share", "占比"}},
        {Msg::derived_date, {"Derived date", "推算日期"}},
        {Msg::missing_translation, {"Missing translation", "缺少译文"}},
        {Msg::marking_internal, {"Internal", "内部资料"}},
        {Msg::label_prepared, {"Prepared", "编制日期"}},
        {Msg::label_as_of, {"as of", "截至"}},
        {Msg::label_continued, {"continued", "续"}},
        {Msg::no_data, {"no data", "无数据"}},
    };
    for (const auto& [id, t] : texts) {
        INFO(message_name(id));
        CHECK(message(id, Lang::en) == t.first);
        CHECK(message(id, Lang::zh) == t.second);
    }
    CHECK(message(Msg::derived_date_explanation, Lang::en).size() > 40);
    CHECK(message(Msg::derived_date_explanation, Lang::zh).find("推算") != std::string_view::npos);
}

TEST_CASE("Phrases built around numbers and names", "[i18n]") {
    CHECK(page_of(3, 12, Lang::en) == "Page 3 of 12");
    CHECK(page_of(3, 12, Lang::zh) == "第3页 共12页");
    CHECK(source_line("PLA Daily", Lang::en) == "Source: PLA Daily");
    CHECK(source_line("解放军报", Lang::zh) == "来源：解放军报");
    CHECK(source_line(std::vector<std::string>{"Yicai", "PLA Daily"}, Lang::en) == "Sources: Yicai; PLA Daily");
    CHECK(source_line(std::vector<std::string>{"第一财经", "解放军报"}, Lang::zh) == "来源：第一财经；解放军报");
    CHECK(source_line(std::vector<std::string>{"Yicai"}, Lang::en) == "Source: Yicai");
    CHECK(labelled(Msg::label_prepared, "1 July 2019", Lang::en) == "Prepared: 1 July 2019");
    CHECK(labelled(Msg::label_prepared, "2019年7月1日", Lang::zh) == "编制日期：2019年7月1日");
    CHECK(as_of("H1 2019", Lang::en) == "as of H1 2019");
    CHECK(as_of("2019年上半年", Lang::zh) == "截至2019年上半年");
    CHECK(continued("Timeline", Lang::en) == "Timeline (continued)");
    CHECK(continued("时间线", Lang::zh) == "时间线（续）");
    CHECK(caption(Msg::caption_chart, 2, Lang::en) == "Chart 2");
    CHECK(caption(Msg::caption_chart, 2, Lang::zh) == "图2");
    CHECK(caption(Msg::caption_table, 1, Lang::zh) == "表1");
}

TEST_CASE("Counts and lists", "[i18n]") {
    CHECK(count_phrase(3, Noun::event, Lang::en) == "3 events");
    CHECK(count_phrase(3, Noun::event, Lang::zh) == "3项事件");
    CHECK(count_phrase(1, Noun::event, Lang::en) == "1 event");
    CHECK(count_phrase(0, Noun::figure, Lang::en) == "0 figures");
    CHECK(count_phrase(1, Noun::source, Lang::zh) == "1个来源");
    CHECK(count_phrase(2, Noun::entity, Lang::en) == "2 entities");
    CHECK(count_phrase(5, Noun::record, Lang::zh) == "5条记录");
    CHECK(count_phrase(2, Noun::page, Lang::zh) == "2页");
    CHECK(count_phrase(4, Noun::derived_date, Lang::en) == "4 derived dates");
    CHECK(count_phrase(4, Noun::derived_date, Lang::zh) == "4个推算日期");
    for (int n = 0; n < static_cast<int>(Noun::count_); ++n) {
        CHECK_FALSE(count_phrase(2, static_cast<Noun>(n), Lang::en).empty());
        CHECK(count_phrase(2, static_cast<Noun>(n), Lang::zh).size() > 1);
    }
    CHECK(join_list({}, Lang::en).empty());
    CHECK(join_list({"Alibaba"}, Lang::en) == "Alibaba");
    CHECK(join_list({"Alibaba", "Baidu"}, Lang::en) == "Alibaba and Baidu");
    CHECK(join_list({"Alibaba", "Baidu", "Tencent"}, Lang::en) == "Alibaba, Baidu and Tencent");
    CHECK(join_list({"阿里巴巴", "百度", "腾讯"}, Lang::zh) == "阿里巴巴、百度和腾讯");
}
