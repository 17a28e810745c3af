// Every human-readable formatting of dates, numbers, quantities and growth in Chinese and
// English (PRODUCT §1.2, §1.3). No other module formats these. The fixed texts of a brief
// (titles, headers, notes) are in i18n/messages.h.
//
// The exact output of every rule below is pinned by tests/unit/i18n_format_test.cpp.
// Typography: en ranges use an en dash "–" (U+2013), zh ranges of dates an em dash "—"
// (U+2014) and zh ranges of numbers "至"; negative numbers an ASCII "-"; zh never uses
// thousands separators or spaces between numbers and units.
#pragma once

#include <string>
#include <string_view>

#include "model/quantity.h"
#include "model/records.h"
#include "model/when.h"

namespace timeline::i18n {

// --- Dates (PRODUCT §1.2 table) ---------------------------------------------------------
// Single periods:
//   2018 -> "2018" / "2018年"; 2002-04 -> "April 2002" / "2002年4月";
//   2019-05-24 -> "24 May 2019" / "2019年5月24日"; 2019-H1 -> "H1 2019" / "2019年上半年";
//   2019-Q3 -> "Q3 2019" / "2019年第三季度"; 1980s -> "the 1980s" / "20世纪80年代";
//   2000s -> "the 2000s" / "21世纪00年代"; 1900s -> "the 1900s" / "20世纪00年代".
// Qualifiers: approximate "c. 2013" / "约2013年"; uncertain "2013?" / "2013年（存疑）";
//   both (EDTF "%") "c. 2013" / "约2013年": uncertainty is said once, "c." already says the
//   date is not certain (DateMarks::lossless writes "c. 2013?" / "约2013年（存疑）", for an
//   interchange file whose display dates are read back). A derived (relative) date is shown
//   as its resolved value with its qualifiers, nothing more.
// Intervals whose two ends carry the same qualifiers are merged, with the qualifiers
// written once: "2019–2021" / "2019—2021年"; "April–June 2002" / "2002年4月—6月";
//   "April 2002 – December 2007" / "2002年4月—2007年12月"; "3–5 May 2019" /
//   "2019年5月3日—5日"; "Q1–Q3 2019" / "2019年第一季度—第三季度"; "the 1980s–1990s" /
//   "20世纪80年代—90年代"; "c. 2019–2021" / "约2019—2021年". The en dash is spaced when
//   either side contains a space. Ends with different qualifiers are written separately:
//   "c. 2019 – 2021" / "约2019年—2021年".
// Open ends: "from May 2019" / "2019年5月起"; "until H1 2019" / "2019年上半年以前"
//   (../X: some time up to the end of X); qualifiers: "from c. May 2019" /
//   "约2019年5月起", "until 2025?" / "2025年以前（存疑）".
// A When with neither end (an unresolved date) is "undated" / "日期不详".
enum class DateMarks {
    reader,    // what a brief prints: uncertainty said once
    lossless,  // every qualifier of the date written, so that it reads back the same
};
std::string format_when(const When& w, Lang lang, DateMarks marks = DateMarks::reader);
// How a date reads in running text (template placeholders, docs/report-templates.md):
// - listed: as format_when above, as tables and timelines show it ("from May 2019" /
//   "2019年5月起").
// - bare: the date alone, for the author's own preposition ("since {{date:X}}",
//   "{{date:X}}起"): an open interval gives its known end with its qualifiers and no
//   "from" / "until" / "起" / "以前" ("May 2019" / "2019年5月"); anything else as listed.
// - phrase: a phrase of time that stands on its own. en: "on" before a day (also a range
//   of days), "in" before anything else with both ends ("in 2018", "on 1 August 2008",
//   "in H1 2019", "in the 1980s", "in c. 2013", "in 2019–2021", "on 3–5 May 2019"); open
//   ends as listed ("from May 2019", "until H1 2019"). zh as listed (a Chinese date
//   needs no preposition: "2008年8月1日", "2019年5月起").
enum class DateForm { listed, bare, phrase };
std::string format_when(const When& w, Lang lang, DateForm form);
// One period with its qualifiers, as in format_when.
std::string format_period(const Period& p, Lang lang, DateMarks marks = DateMarks::reader);
// A calendar year on its own (table cells, axes): "2019" / "2019年".
std::string format_year(int year, Lang lang);

// --- Numbers ------------------------------------------------------------------------------
// How a number is rounded to the digits shown. Bounds use down (a lower bound) and up (an
// upper bound) so that "more than X" and "under X" stay true after rounding.
enum class Rounding { nearest, down, up };

// A number stated as it is (Rounding::nearest) takes a scale word only when the scaled
// number shows it exactly with few decimals (GB/T 15835 §5.1.2: a large number may be
// written with 万 or 亿 — 11028公里 or 1.1万公里, never 1.1028万公里):
// en: plain digits with thousands separators and at most 2 decimals ("9,999", "10,000",
//   "999,999", "1,234,567", "35.71"); from a million, million / billion / trillion when
//   the result needs at most 3 decimals ("1.2 million", "60 billion", "388 million",
//   "1.235 million" for 1,235,000), promoted when rounding reaches the next scale
//   ("999,999.999" -> "1 million").
// zh: plain digits with at most 2 decimals ("9999", "11028", "123456"); from 10,000, 万,
//   亿 and 万亿 when the result needs at most 2 decimals ("1万", "1.2万", "4.8万",
//   "9999.5万", "1亿", "3.88亿", "600亿", "1.2万亿").
// Bounds (Rounding::down / up) are shown short: scale words from a million / 10,000 with at
// most 3 (en) / 4 (zh) decimals, rounded the safe way ("59.999 billion", "599.9999亿").
// Numbers of 10^15 and more always take a scale word.
// Both: trailing zeros dropped; numbers between -1 and 1 get 3 significant digits
// ("0.333", "0.00123"); a negative number keeps its "-" ("-1.2万"); 0 is "0";
// not-a-number is "no data" / "无数据", infinities "infinity" / "无穷大".
std::string format_number(double v, Lang lang, Rounding rounding = Rounding::nearest);

// Plain digits with `decimals` decimals at most (trailing zeros dropped), en thousands
// separators, no scale words: format_decimal(12345.678, 1, en) -> "12,345.7".
std::string format_decimal(double v, int decimals, Lang lang, Rounding rounding = Rounding::nearest);

// Chinese numerals for 0 <= n < 100,000,000 ("零", "十", "十二", "一百零一", "三千零五",
// "一万零一"); other n are written in digits.
std::string chinese_numeral(long n);

// A fraction in words. en: denominators 2, 3, 4, 5 and 10 with a numerator below the
// denominator in words ("one-half", "one-third", "two-thirds", "one-quarter",
// "three-quarters", "two-fifths", "three-tenths"), any other "n/d" ("3/7", "5/3").
// zh: "d分之n" in Chinese numerals ("三分之一", "七分之三", "四分之三"; 100 and 1000 as
// "百分之三", "千分之五").
std::string format_fraction(long numerator, long denominator, Lang lang);

// --- Units --------------------------------------------------------------------------------
// The unit catalogue's forms (docs/data-format.md, unit): a unit written with its symbol
// (`"write": "symbol"`) shows the symbol of the language, never inflected ("48,000 km",
// "4.8万km" only when the zh symbol is given; otherwise the zh label "4.8万公里").
// en: the unit's label (falling back to its symbol, then its id) in the plural, and for
// the singular the catalogue's `singular` when given, else the head word (the word before
// " per " or " of ", else the last word) made singular: "people" / "person",
// "enterprises" / "enterprise", "operations per second" / "operation per second"; "yuan"
// is invariable, and so is a word without a vowel (an abbreviation: "km", "kg").
// zh: a count's measure word (else its label); any other kind its label ("元", "个月",
// "次/秒").
std::string unit_label(const Unit& unit, Lang lang, bool plural = true);
// The unit as a heading (chart axes): the symbol of a unit written with it, else the label
// as the catalogue writes it (en: the plural): "km", "people", "公里", "人".
std::string unit_heading(const Unit& unit, Lang lang);

// --- Quantities (PRODUCT §1.3) --------------------------------------------------------------
// A value with its qualifier and unit:
//   over 6e10 yuan      -> "over 60 billion yuan"        / "超过600亿元"
//   over 500 person     -> "over 500 people"             / "500余人"
//   over 1000 enterprise, wording "more_than" -> "more than 1,000 enterprises" / "1000多家"
//   nearly 350 person   -> "nearly 350 people"           / "近350人"
//   at_least 6e9 yuan   -> "no less than 6 billion yuan" / "不少于60亿元"
//   about -> "about X" / "约X"; under -> "under X" / "不到X"; up_to -> "up to X" / "最多X"
// zh "X余"/"X多" + measure word is used for an over-count that is a whole multiple of 10
// below 10,000 ("500余人", "1000多家"); every other over is "超过X" (amounts, scaled
// numbers "超过100万人", durations, shares, "超过5人").
// Units: en "N label" with the label singular only when N is shown as "1"; zh "N"+unit
// ("8个", "3家", "6年", "2分钟", "50亿次/秒").
// Ratios (UnitKind::ratio) are percentages as format_percent ("35%", "33.3%", "150%"),
// fractions in words ("one-third" / "三分之一"), without a unit label.
// Fractions of other units: "two-thirds of a month" / "三分之二个月".
// Ranges: neighbouring whole numbers 1..9 in words, "two or three months" / "两三个月"
// (en one or two … eight or nine; zh 一两, 两三, 三四 … 八九); any other range
// "3–5 months" / "3至5个月", "1–2 billion yuan" / "10亿至20亿元", with " to " in en when
// an end is negative.
// `with_unit` false leaves out the unit (for table cells under a unit header): "500余".
// `wording` is Figure::wording ("" or "more_than").
std::string format_quantity(const Value& value, Qualifier qualifier, const Unit& unit, Lang lang,
                            bool with_unit = true, std::string_view wording = {});
// The figure's value, qualifier and wording (not its status, see format_status).
std::string format_figure(const Figure& f, const Unit& unit, Lang lang, bool with_unit = true);

// Status of a figure or event: actual -> ""; target -> "target" / "目标";
// plan -> "planned" / "计划"; estimate -> "estimate" / "估计".
std::string format_status(Status s, Lang lang);

// --- Derived numbers (statistics) ------------------------------------------------------------
// Each function takes either a Qualified number (model/quantity.h), stated as its reading
// says, or a bare Interval, stated as an interval (what a template asks for with the
// `interval` option of a placeholder, see docs/report-templates.md).
//
// A Qualified number by its reading:
//   exact     -> the number: "35.7 times" / "35.7倍"
//   about     -> "about N" / "约N", N the nominal value to two significant digits in the
//                unit shown (5.743 -> "about 5.7 times", 0.6857 -> "about 69%", 39,642 km
//                -> "about 40,000 km" / "约4万公里")
//   nearly    -> "nearly N" / "近N", N the open upper end rounded up
//   above     -> "more than N" / "at least N" (N the lower end rounded down; "at least"
//                only when it is closed and shown exactly)
//   below     -> "under N" / "up to N" (N the upper end rounded up; "up to" likewise)
//   interval  -> as an Interval below
// An Interval (a bounded result is never printed as exact):
//   exact [x, x]             -> x
//   (x, inf) / [x, inf)      -> "more than x" / "at least x" (x rounded down; "at least"
//                               only when the closed bound is shown exactly)
//   [0, y) / [0, y] / (-inf, y) -> "under y" / "up to y" (y rounded up; "up to" only when
//                               the closed bound is shown exactly)
//   [x, y] otherwise         -> a range with x rounded down and y rounded up ("about x"
//                               when both ends are shown alike)
//   (-inf, inf), empty, NaN  -> "no data" / "无数据"
// Quantities of a unit (e.g. a change of (486, inf) people): "more than 486 people" /
// "超过486人", "at least" / "至少", "under" / "不到", "up to" / "最多", "14–20 people" /
// "14至20人", "about 40,000 km" / "约4万公里", "nearly 350 people" / "近350人".
std::string format_bounded(const Qualified& v, const Unit& unit, Lang lang, bool with_unit = true);
std::string format_bounded(const Interval& v, const Unit& unit, Lang lang, bool with_unit = true);

// Multiples ("grew to N times": zh 是原来的N倍 / 增至N倍, never 增长了N倍, which means N+1
// times). Exact: 1 decimal below 100 ("35.7 times" / "35.7倍"); bounds: 1 decimal below 10,
// whole numbers from 10: (35.71, inf) -> "more than 35 times" / "35倍以上"; at least
// "at least 3 times" / "至少3倍"; "under 3 times" / "不到3倍"; "up to 3 times" / "最多3倍";
// "30–40 times" / "30至40倍"; about "about 5.7 times" / "约5.7倍"; nearly "nearly 5.8
// times" / "近5.8倍". Shown as "1": exactly 1 "no change" / "持平", else "little change" /
// "基本持平" (also a percentage change or CAGR shown as "0%", "little change on average" /
// "年均基本持平").
std::string format_multiple(const Qualified& times, Lang lang);
std::string format_multiple(const Interval& times, Lang lang);

// Percentages of a fraction (0.25 -> "25%"), 1 decimal at most below 100%, whole numbers
// from 100% ("150%", "3,471%" / "3471%"): exact 0.3333 -> "33.3%";
// [0, 0.7) -> "under 70%" / "不到70%"; (0.357, inf) -> "more than 35.7%" / "超过35.7%";
// at least "at least 5%" / "至少5%"; up to "up to 70%" / "最多70%"; [0.3, 0.4] ->
// "30%–40%" / "30%至40%"; an end below 0: "-20% to 30%" / "-20%至30%"; about "about 69%" /
// "约69%"; nearly "nearly 70%" / "近70%".
std::string format_percent(const Qualified& share, Lang lang);
std::string format_percent(const Interval& share, Lang lang);

// A percentage change given as a fraction (stats::Comparison::percent_change):
// 0.25 -> "a rise of 25%" / "增长25%"; -0.05 -> "a fall of 5%" / "下降5%"; 0 -> "no change" /
// "持平"; (34.714, inf) -> "a rise of more than 3,471%" / "增长超过3471%"; (-inf, -0.2) ->
// "a fall of more than 20%" / "下降超过20%"; both signs possible: "a change of -5% to 10%" /
// "变化幅度为-5%至10%"; about 4.743 -> "a rise of about 470%" / "增长约470%". Rise or fall
// is decided by the number stated (nominal value, bound) of a Qualified number, by the
// whole interval otherwise. (增长 is only ever followed by a percentage, never by 倍.)
std::string format_percent_change(const Qualified& change, Lang lang);
std::string format_percent_change(const Interval& change, Lang lang);

// A compound annual growth rate given as a fraction: 0.123 -> "an average of 12.3% a year"
// / "年均增长12.3%"; -0.05 -> "an average fall of 5% a year" / "年均下降5%"; bounds:
// "an average of more than 12.3% a year" / "年均增长超过12.3%"; 0 -> "no change on
// average" / "年均持平"; both signs: "an average change of -5% to 10% a year" /
// "年均变化-5%至10%"; ranges "an average of 10%–12% a year" / "年均增长10%至12%"; about
// "an average of about 13% a year" / "年均增长约13%".
std::string format_cagr(const Qualified& rate, Lang lang);
std::string format_cagr(const Interval& rate, Lang lang);

// A whole growth sentence for a series, from already formatted values (format_figure):
//   growth: en "SenseTime headcount grew from 14 to over 500 people, more than 35 times its
//           earlier level"; zh "商汤科技员工人数由14人增至500余人，是原来的35倍以上"
//           (at least: "至少是原来的3倍"; under: "不到原来的3倍"; up to: "最多是原来的3倍";
//           about: "约为原来的5.7倍"; nearly: "接近原来的5.8倍").
//   decline (multiple below 1): en "X fell from A to B, 50% of its earlier level";
//           zh "X由A降至B，相当于原来的50%" (about: "约为原来的50%").
//   multiple exactly 1: en "X stayed at B" / zh "X保持在B".
//   multiple on both sides of 1, or approximately 1: en "X changed from A to B" / zh "X由A变为B".
// An empty subject leaves the subject out (en then starts with the verb, lower case).
std::string format_growth(const std::string& subject_label, const std::string& from, const std::string& to,
                          const Qualified& multiple, Lang lang);
std::string format_growth(const std::string& subject_label, const std::string& from, const std::string& to,
                          const Interval& multiple, Lang lang);

}  // namespace timeline::i18n
