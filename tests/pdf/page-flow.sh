#!/bin/bash
# Page flow of printed briefs on generated data (a river-works topic, not the seed): for a
# range of event counts and lead paragraph lengths, in bi, zh and en,
#   - no page ends with a section heading (a heading moves with its first block),
#   - an events table of at most 8 rows is on one page,
#   - a longer table starts with its heading, its header and at least two rows on one page.
# Usage: page-flow.sh TIMELINE SOURCE_DIR
set -u
timeline=$1
theme=$2/report-templates/theme.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
mkdir -p "$work/data"
cd "$work"

cat >data/glossary.json <<'EOF'
{
  "lanes": [
    { "id": "works", "label": { "zh": "水利工程", "en": "Waterworks" } },
    { "id": "floods", "label": { "zh": "汛情", "en": "Floods" } },
    { "id": "policy", "label": { "zh": "政策", "en": "Policy" } }
  ],
  "sources": [
    { "id": "yearbook", "publisher": { "zh": "流域年鉴", "en": "River Basin Yearbook" },
      "title": { "zh": "流域水利大事", "en": "Major events of the river basin" }, "published": "2024-03", "language": "zh" }
  ]
}
EOF

# events N: N events over 1998-2023 in three lanes.
events() {
  local n=$1 k lanes=(works floods policy)
  {
    printf '{ "events": [\n'
    for ((k = 0; k < n; k++)); do
      local year=$((1998 + (k * 25) / (n > 1 ? n - 1 : 1))) month=$((1 + (k * 7) % 12))
      [ $k -gt 0 ] && printf ',\n'
      printf '  { "id": "ev-%d", "date": "%d-%02d", "lane": "%s", "source": "yearbook",\n' $k $year $month "${lanes[k % 3]}"
      printf '    "title": { "zh": "第%d号堤防加固工程完工，沿岸防洪标准提高", "en": "Embankment works no. %d completed, raising the flood defence standard" } }' $k $k
    done
    printf '\n] }\n'
  } >data/events.json
}

# template L: a lead narrative of L sentences, the timeline, then the events table.
template() {
  local l=$1 zh="" en="" k
  for ((k = 0; k < l; k++)); do
    zh+="流域管理机构逐年加固堤防、疏浚河道，并在汛期前完成各项检查。"
    en+="The basin authority strengthens embankments and dredges channels year by year, and completes its checks before the flood season. "
  done
  cat >template.json <<EOF
{
  "id": "river", "title": { "zh": "流域水利简报", "en": "River Basin Works" },
  "lang": "bi", "page": "A4",
  "sections": [
    { "type": "cover" },
    { "type": "narrative", "id": "lead", "title": { "zh": "概述", "en": "Overview" },
      "text": { "zh": "本简报收录{{count:events}}项事件。$zh", "en": "This brief covers {{count:events}} events. $en" } },
    { "type": "timeline", "id": "timeline", "title": { "zh": "时间线", "en": "Timeline" }, "max_pages": 1 },
    { "type": "table", "id": "events", "table": "events", "title": { "zh": "大事记", "en": "Events" } }
  ]
}
EOF
}

headings_zh="概述|时间线|大事记"
headings_en="Overview|Timeline|Events"
row="(第 ?[0-9]+ ?号堤防|Embankment works no\\.)"
runs=0
for n in 3 8 12 20; do
  events $n
  for l in 0 8 16 24; do
    template $l
    for lang in bi zh en; do
      out="$work/b.pdf"
      if ! "$timeline" report --data data --template template.json --theme "$theme" --lang $lang --as-of 2026-11-23 -o "$out" 2>"$work/err"; then
        echo "FAIL: n=$n l=$l $lang: report failed"; cat "$work/err"; fail=1; continue
      fi
      runs=$((runs + 1))
      pdftotext -layout -enc UTF-8 "$out" "$work/all.txt" 2>/dev/null
      # One file per page (pdftotext ends each page with a form feed), body lines only: the
      # running head (first line) and the folio (last) left out.
      rm -f "$work"/page-*.txt
      awk -v dir="$work" 'BEGIN { p = 1 } { n = split($0, parts, "\f"); for (i = 1; i <= n; i++) { if (i > 1) p++; line = parts[i]; gsub(/^ +| +$/, "", line); if (line != "") print line > (dir "/page-" p ".txt") } }' "$work/all.txt"
      pages=$(ls "$work"/page-*.txt | wc -l)
      header_pages=0
      for ((p = 1; p <= pages; p++)); do
        sed -i '1d;$d' "$work/page-$p.txt"
        last=$(tail -n 1 "$work/page-$p.txt")
        if [ $p -lt "$pages" ] && echo "$last" | grep -Eq "^($headings_zh|$headings_en)( +($headings_en))?$"; then
          echo "FAIL: n=$n l=$l $lang: page $p of $pages ends with the heading '$last'"; fail=1
        fi
        # A page holding the events heading holds at least two rows (or all of them).
        if grep -Eq "^(大事记|Events)( +Events)?$" "$work/page-$p.txt"; then
          after=$(sed -n '/^\(大事记\|Events\)\( \+Events\)\?$/,$p' "$work/page-$p.txt" | grep -Ec "$row")
          if [ "$after" -lt 2 ] && [ "$after" -lt "$n" ]; then
            echo "FAIL: n=$n l=$l $lang: the events heading on page $p has $after rows under it"; fail=1
          fi
        fi
        grep -Eq '(日期|Date) +(类别|Lane)' "$work/page-$p.txt" && header_pages=$((header_pages + 1))
      done
      # A table of at most 8 rows is never split: its header is on one page only (the
      # timeline labels the same titles, so rows are not counted).
      if [ $n -le 8 ] && [ $header_pages -ne 1 ]; then
        echo "FAIL: n=$n l=$l $lang: a table of $n rows has its header on $header_pages pages"; fail=1
      fi
    done
  done
done
echo "$runs briefs checked"
exit $fail
