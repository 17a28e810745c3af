#include "i18n/notes.h"

#include "i18n/messages.h"

namespace timeline::i18n {

namespace {

std::string quoted(const std::string& s, Lang lang) {
    (void)lang;  // “…” in both languages (GB/T 15834 and English curly quotes)
    return "\u201c" + s + "\u201d";
}

}  // namespace

std::string qualified_note(const std::vector<std::string>& examples, QualifiedKind kind, const std::string& statistic,
                           Lang lang) {
    if (lang == Lang::zh) {
        std::string quotes;
        for (const auto& e : examples) quotes += quoted(e, lang);
        const char* what = kind == QualifiedKind::bounds        ? "为范围而非确数"
                           : kind == QualifiedKind::approximate ? "为约数而非确数"
                                                                : "为范围或约数而非确数";
        std::string out = quotes + (quotes.empty() ? "带限定词的数据" : "等带限定词的数据") + what;
        if (!statistic.empty()) out += "，据此计算的统计结果亦然（如" + quoted(statistic, lang) + "）";
        return out + "。";
    }
    std::vector<std::string> quotes;
    for (const auto& e : examples) quotes.push_back(quoted(e, lang));
    const char* what = kind == QualifiedKind::bounds        ? "bounds"
                       : kind == QualifiedKind::approximate ? "approximate"
                                                            : "bounds or approximate";
    std::string out = "Figures given with a qualifier";
    if (!quotes.empty()) out += ", such as " + join_list(quotes, lang) + ",";
    out += std::string(" are ") + what + ", not exact values";
    if (!statistic.empty()) out += "; so are statistics computed from them, such as " + quoted(statistic, lang);
    return out + ".";
}

std::string open_start_note(const std::vector<std::string>& labels, Lang lang) {
    if (lang == Lang::zh) return join_list(labels, lang) + "起点数值的日期不详，未计算年均增长率。";
    return "No average annual growth is computed for " + join_list(labels, lang) +
           (labels.size() == 1 ? ": the date of its first value is not stated." : ": the dates of their first values are not stated.");
}

}  // namespace timeline::i18n
