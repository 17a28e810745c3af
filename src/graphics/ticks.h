// Axis ticks and number scales of charts.
//
// Value axes use "nice" steps: 1, 2 or 5 times a power of ten, the smallest such step that
// covers the data with at most `max_ticks` tick values, ticks on whole multiples of the step
// (Heckbert, "Nice numbers for graph labels", Graphics Gems I, 1990, with the 1-2-5 series).
//
// Large quantities are shown in a scale: the tick labels carry the scaled numbers and the
// axis unit names the scale, "亿元" (10^8 yuan) in Chinese, "billion yuan" (10^9) in English.
// The scale words are those of i18n::format_number (万, 亿, 万亿; million, billion,
// trillion), so an axis reads like the figures in the text.
#pragma once

#include <string>
#include <vector>

#include "model/template.h"
#include "report/document.h"

namespace timeline::graphics {

struct Ticks {
    double step = 1;
    std::vector<double> values;  // ascending, first <= lo, last >= hi
    int decimals = 0;            // decimals a label needs to show the step
    double lo() const { return values.front(); }
    double hi() const { return values.back(); }
};

// Nice ticks covering [lo, hi] (swapped if reversed; a zero-width range is widened to
// include 0 or one step around it) with at most `max_ticks` values (at least 2). Values are
// exact multiples k * m * 10^e computed without accumulating error (0.3, not
// 0.30000000000000004).
Ticks nice_ticks(double lo, double hi, int max_ticks = 6);

// Time axes: a nice step in whole years (1, 2, 5, 10, 20, 50 …) with at most `max_ticks`
// years from the year of `first` to the year after `last` (years are integers).
std::vector<int> year_ticks(int first, int last, int max_ticks = 8);

// The factor a language shows numbers of size `max_abs` in: zh 1, 10^4 (万), 10^8 (亿),
// 10^12 (万亿); en 1, 10^6 (million), 10^9 (billion), 10^12 (trillion).
double scale_for(double max_abs, Lang lang);

// The scale factor written as a word of the language, as format_number writes it:
// zh 10^8 -> "亿", en 10^9 -> "billion", en 10^8 -> "100 million", 1 -> "".
std::string scale_word(double factor, Lang lang);

// An axis unit: the scale word with the unit label, zh "亿元", "万人", "人";
// en "billion yuan", "100 million yuan", "people". Empty unit: just the word.
std::string axis_unit(double factor, const std::string& unit, Lang lang);

// A tick label: value / factor with `decimals` decimals at most (format_decimal; en thousands
// separators): (6e10, 1e9, 0, en) -> "60"; (1.5e3, 1, 0, en) -> "1,500", zh "1500".
std::string tick_label(double value, double factor, int decimals, Lang lang);

// Decimals needed for ticks `step` apart shown in `factor`.
int tick_decimals(double step, double factor);

}  // namespace timeline::graphics
