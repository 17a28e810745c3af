#!/usr/bin/env bash
# Every figure value `timeline validate` accepts can be drawn: values at the limits of
# docs/data-format.md (10^15 and 10^-9 in size, ranges across zero, fractions with the largest
# terms) in key figures, bar, line and slope charts, statistics and tables, as a PDF.
# Usage: extreme-values.sh TIMELINE SOURCE_DIR
set -uo pipefail
timeline=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
fail() { echo "FAIL: $*"; exit 1; }
mkdir data
cat > data/limits.json <<'JSON'
{
  "units": [{"id": "yuan", "label": {"zh": "元", "en": "yuan"}, "kind": "currency"},
            {"id": "share", "label": {"zh": "比例", "en": "share"}, "kind": "ratio"}],
  "lanes": [{"id": "l", "label": {"zh": "产业", "en": "Industry"}}],
  "metrics": [{"id": "big", "label": {"zh": "极大值", "en": "Largest"}, "unit": "yuan"},
              {"id": "small", "label": {"zh": "极小值", "en": "Smallest"}, "unit": "yuan"},
              {"id": "wide", "label": {"zh": "跨零区间", "en": "Across zero"}, "unit": "yuan"},
              {"id": "part", "label": {"zh": "比例", "en": "Share"}, "unit": "share"}],
  "sources": [{"id": "s", "publisher": {"zh": "来源", "en": "Source"}, "title": {"zh": "标题", "en": "Title"}, "published": "2025"}],
  "events": [{"id": "e", "date": "2015", "lane": "l", "title": {"zh": "事件", "en": "Event"}, "source": "s"}],
  "figures": [
    {"id": "big-2015", "metric": "big", "value": 1e-9, "unit": "yuan", "date": "2015", "source": "s"},
    {"id": "big-2018", "metric": "big", "value": 999999999999999.9, "unit": "yuan", "qualifier": "about", "date": "2018", "source": "s"},
    {"id": "big-2020", "metric": "big", "value": 1e15, "unit": "yuan", "qualifier": "over", "date": "2020", "source": "s"},
    {"id": "small-2015", "metric": "small", "value": -1e-9, "unit": "yuan", "date": "2015", "source": "s"},
    {"id": "small-2016", "metric": "small", "value": 1e-9, "unit": "yuan", "qualifier": "nearly", "date": "2016", "source": "s"},
    {"id": "small-2017", "metric": "small", "value": 0, "unit": "yuan", "date": "2017", "source": "s"},
    {"id": "wide-2015", "metric": "wide", "value": {"min": -1e15, "max": 1e15}, "unit": "yuan", "date": "2015", "source": "s"},
    {"id": "wide-2019", "metric": "wide", "value": -1e15, "unit": "yuan", "qualifier": "under", "date": "2019", "source": "s"},
    {"id": "part-2015", "metric": "part", "value": {"numerator": 1, "denominator": 1000000000000000}, "unit": "share", "date": "2015", "source": "s"},
    {"id": "part-2019", "metric": "part", "value": {"numerator": 999999999999999, "denominator": 1000000000000000}, "unit": "share", "date": "2019", "source": "s"}
  ]
}
JSON
cat > limits.template.json <<'JSON'
{
  "id": "limits",
  "title": {"zh": "极值", "en": "Limits"},
  "lang": "bi",
  "sections": [
    {"type": "cover"},
    {"type": "key-figures", "id": "keys", "title": {"zh": "关键数据", "en": "Key figures"},
     "figures": ["big-2020", "small-2016", "wide-2015", "part-2015"]},
    {"type": "chart", "id": "bars", "chart": "bar", "title": {"zh": "条形图", "en": "Bars"},
     "figures": ["big-2015", "big-2020", "small-2015", "wide-2015", "wide-2019"]},
    {"type": "chart", "id": "lines", "chart": "line", "title": {"zh": "折线图", "en": "Lines"}, "metrics": ["big", "small", "wide"]},
    {"type": "chart", "id": "slopes", "chart": "slope", "title": {"zh": "斜率图", "en": "Slopes"}, "metrics": ["big", "wide", "part"]},
    {"type": "statistics", "id": "stats", "title": {"zh": "统计", "en": "Statistics"}, "metrics": ["big", "small", "wide", "part"]},
    {"type": "table", "id": "figures", "table": "figures", "title": {"zh": "数据一览", "en": "Figures"}},
    {"type": "data-notes", "id": "notes", "title": {"zh": "数据说明", "en": "Data notes"}}
  ]
}
JSON
"$timeline" validate --data data 2> validate.err || fail "validate: $(cat validate.err)"
"$timeline" report --data data --template limits.template.json --theme "$src/report-templates/theme.json" \
  --as-of 2026-01-01 -o limits.pdf 2> report.err || fail "report: $(cat report.err)"
pdftotext limits.pdf limits.txt || fail "pdftotext"
for text in "over 1,000 trillion yuan" "under -1,000 trillion yuan" "0.000000001 yuan" "nearly 0.000000001 yuan"; do
  grep -qF "$text" limits.txt || fail "the PDF does not show \"$text\""
done
echo ok
