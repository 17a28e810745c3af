// Every human-readable formatting of dates, numbers, quantities and growth in Chinese and
// English (PRODUCT §1.2, §1.3). No other module formats these.
#pragma once

#include <optional>
#include <string>

#include "model/quantity.h"
#include "model/records.h"
#include "model/when.h"

namespace timeline::i18n {

// --- Dates (PRODUCT §1.2 table) ---------------------------------------------------------
// 2018 -> "2018" / "2018年"; 2002-04 -> "April 2002" / "2002年4月";
// 2019-05-24 -> "24 May 2019" / "2019年5月24日"; 2019-H1 -> "H1 2019" / "2019年上半年";
// 2019-Q3 -> "Q3 2019" / "2019年第三季度"; 1980s -> "the 1980s" / "20世纪80年代";
// approximate -> "c. 2013" / "约2013年"; uncertain -> "2013?" / "2013年（存疑）"; both -> "c. 2013?" / "约2013年（存疑）";
// intervals "2019–2021" / "2019—2021年" (shared suffix merged: "2019年4月—6月"? see tests);
// open ends: "from May 2019" / "2019年5月起", "until H1 2019" / "2019年上半年以前".
std::string format_when(const When& w, Lang lang);

// --- Numbers ------------------------------------------------------------------------------
// en: thousands separators below one million ("9,999", "10,000", "350,000"), scale words
// from a million up ("1.2 million", "60 billion", "99.999999 million"? no: at most 3
// significant decimals, trailing zeros dropped); zh: 万 and 亿 ("9999", "1万", "1.2万",
// "9999.9999万"? no: "约1亿"? -- see the tests for the exact rules), never "60,000,000,000".
// Negative numbers keep their sign; 0 is "0".
std::string format_number(double v, Lang lang);

// A figure's value with its qualifier, unit and measure word, e.g.
//   over 6e10 yuan      -> "over 60 billion yuan"     / "超过600亿元"
//   over 500 person     -> "over 500 people"          / "500余人"
//   over 1000 enterprise, wording more_than -> "more than 1,000 enterprises" / "1000多家"
//   nearly 350 person   -> "nearly 350 people"        / "近350人"
//   at_least 6e9 yuan   -> "no less than 6 billion yuan" / "不少于60亿元"
//   about X             -> "about X" / "约X"; under -> "under X" / "不到X"; up_to -> "up to X" / "最多X"
//   fraction 1/3 share  -> "one-third" / "三分之一"
//   range 2..3 month    -> "two or three months" / "两三个月"; 3..5 -> "3–5 months" / "3至5个月"
// `with_unit` false leaves out the unit (for table cells under a unit header).
std::string format_quantity(const Value& value, Qualifier qualifier, const Unit& unit, Lang lang,
                            bool with_unit = true);
std::string format_figure(const Figure& f, const Unit& unit, Lang lang);  // uses f.value, f.qualifier

// Status of a figure: actual -> "" ; target -> "target" / "目标"; plan -> "planned" / "计划";
// estimate -> "estimate" / "估计".
std::string format_status(Status s, Lang lang);

// --- Derived numbers (statistics) ------------------------------------------------------------
// A bounded number, phrased honestly: exact -> "35.7"; (35.7, inf) -> "more than 35.7" /
// "35.7以上"? -- the exact forms are fixed by the tests.
// Multiples ("grew to N times": 增至N倍 / 是原来的N倍, NOT 增长了N倍 which means N+1 times):
//   format_multiple([36,36]) -> "36 times" / "36倍"; (35.7, inf) -> "more than 35 times" / "35倍以上"
std::string format_multiple(const Interval& times, Lang lang);
// Percentages and shares: 0.7 -> "70%"; [0, 0.7) -> "under 70%" / "不到70%".
std::string format_percent(const Interval& share, Lang lang);
// A whole growth sentence for a series, e.g. en "SenseTime headcount grew from 14 to over
// 500 people, more than 35 times its earlier level", zh "商汤科技员工人数由14人增至500余人，
// 增至原来的35倍以上".
std::string format_growth(const std::string& subject_label, const std::string& from, const std::string& to,
                          const Interval& multiple, Lang lang);

}  // namespace timeline::i18n
