// Sentences of a brief's data notes built around the brief's own names and values (already
// formatted). Each kind of caveat is said once; the fixed ones are in the message catalogue.
#pragma once

#include <string>
#include <vector>

#include "model/records.h"

namespace timeline::i18n {

// What the qualified figures of a brief are.
enum class QualifiedKind {
    bounds,       // over, at least, nearly, under, up to
    approximate,  // about
    both,
};

// How qualified figures and the statistics computed from them are to be read, with the
// brief's own figures as examples and, when the brief computes one, a statistic:
// "Figures given with a qualifier, such as “over 500 people” and “nearly 350 people”, are
// bounds, not exact values; so are statistics computed from them, such as “more than 35
// times”." / "“500余人”“近350人”等带限定词的数据为范围而非确数，据此计算的统计结果亦然
// （如“35倍以上”）。" `statistic` may be empty.
std::string qualified_note(const std::vector<std::string>& examples, QualifiedKind kind, const std::string& statistic,
                           Lang lang);
// "No average annual growth is computed for SenseTime headcount: the date of its first value
// is not stated." / "商汤科技员工人数起点数值的日期不详，未计算年均增长率。"
std::string open_start_note(const std::vector<std::string>& labels, Lang lang);

}  // namespace timeline::i18n
