// Sentences of a brief's data notes, in both languages (built around names, dates and
// values that are already formatted).
#pragma once

#include <string>

#include "model/records.h"

namespace timeline::i18n {

// "Date of “X” derived from the source's publication date (-P6Y): c. 2002" /
// "“X”的日期由来源发表日期推算（-P6Y）：约2002年"
std::string derived_date_note(const std::string& name, const std::string& when, const std::string& offset, Lang lang);
// "SenseTime's planned investment: no less than 6 billion yuan (planned, c. 2024), listed
// apart from actual figures" / "商汤科技在沪计划投资：不少于60亿元（计划，约2024年），不计入实际数据"
std::string planned_note(const std::string& label, const std::string& value, const std::string& status,
                         const std::string& when, Lang lang);
// "SenseTime headcount: the date of the first value is not stated, so no average annual
// growth is computed" / "商汤科技员工人数：起点数值的日期不详，未计算年均增长率"
std::string open_start_note(const std::string& label, Lang lang);
// "Shown in one language only (no translation in the data): a, b" /
// "以下记录仅有一种语言的文字（数据中无译文）：a, b"
std::string fallback_note(const std::string& ids, Lang lang);

}  // namespace timeline::i18n
