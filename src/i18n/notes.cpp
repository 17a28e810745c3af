#include "i18n/notes.h"

namespace timeline::i18n {

std::string derived_date_note(const std::string& name, const std::string& when, const std::string& offset, Lang lang) {
    if (lang == Lang::zh) return "“" + name + "”的日期由来源发表日期推算（" + offset + "）：" + when;
    return "Date of \u201c" + name + "\u201d derived from the source's publication date (" + offset + "): " + when;
}

std::string planned_note(const std::string& label, const std::string& value, const std::string& status,
                         const std::string& when, Lang lang) {
    if (lang == Lang::zh) return label + "：" + value + "（" + status + "，" + when + "），不计入实际数据";
    return label + ": " + value + " (" + status + ", " + when + "), listed apart from actual figures";
}

std::string open_start_note(const std::string& label, Lang lang) {
    if (lang == Lang::zh) return label + "：起点数值的日期不详，未计算年均增长率";
    return label + ": the date of the first value is not stated, so no average annual growth is computed";
}

std::string fallback_note(const std::string& ids, Lang lang) {
    if (lang == Lang::zh) return "以下记录仅有一种语言的文字（数据中无译文）：" + ids;
    return "Shown in one language only (no translation in the data): " + ids;
}

}  // namespace timeline::i18n
