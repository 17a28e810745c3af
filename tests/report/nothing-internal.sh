#!/bin/bash
# Nothing internal on paper: in every language mode (bi, zh, en) and every printed format (the
# PDF's extracted text, Markdown, text), on the seed data and on a generated data set of
# another topic (a city's metro), no brief prints
#   - an ISO 8601 duration ("(P0Y)", "(−P6Y)", "P5Y"),
#   - a record id of the data set (ids with a hyphen: one-word ids such as "yuan" are words),
#   - a file name of the data set or template, or a data file's remark to maintainers
#     (internal_note),
# and the generated brief's data notes say each caveat once, in exact words.
# Usage: nothing-internal.sh TIMELINE SOURCE_DIR
set -u
timeline=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
mkdir -p "$work/metro"

cat >"$work/metro/metro.json" <<'EOF'
{
  "units": [
    { "id": "station", "label": { "zh": "座", "en": "stations" }, "measure_word": "座", "kind": "count" },
    { "id": "line-count", "label": { "zh": "条", "en": "lines" }, "measure_word": "条", "kind": "count" }
  ],
  "lanes": [
    { "id": "network", "label": { "zh": "线网", "en": "Network" } },
    { "id": "planning", "label": { "zh": "规划", "en": "Planning" }, "internal_note": "INTERNAL-MARKER lane remark" }
  ],
  "metrics": [
    { "id": "metro-stations", "label": { "zh": "地铁车站数", "en": "Metro stations" }, "unit": "station" },
    { "id": "metro-lines", "label": { "zh": "地铁线路数", "en": "Metro lines" }, "unit": "line-count" },
    { "id": "metro-lines-planned", "label": { "zh": "规划地铁线路数", "en": "Planned metro lines" }, "unit": "line-count" }
  ],
  "sources": [
    { "id": "metro-yearbook-2020", "publisher": { "zh": "城市交通年鉴", "en": "Urban Transport Yearbook" },
      "title": { "zh": "地铁建设回顾", "en": "A review of metro construction" }, "published": "2020-06",
      "internal_note": "INTERNAL-MARKER publication date read from the colophon" },
    { "id": "metro-gazette-2021", "publisher": { "en": "Metro Gazette" },
      "title": { "en": "Ten years of the metro" }, "published": "2021-03?", "author": { "en": "Staff reporter" },
      "internal_note": "INTERNAL-MARKER the gazette exists in English only" }
  ],
  "events": [
    { "id": "metro-line-1-opens", "date": "2010-09-28", "lane": "network", "source": "metro-yearbook-2020",
      "title": { "zh": "地铁1号线开通运营", "en": "Metro Line 1 opens" }, "internal_note": "INTERNAL-MARKER check the day" },
    { "id": "metro-line-2-opens", "date": { "relative_to": "source", "offset": "-P4Y", "precision": "year" },
      "lane": "network", "source": "metro-yearbook-2020", "title": { "zh": "地铁2号线开通", "en": "Metro Line 2 opens" } },
    { "id": "metro-plan-approved", "date": { "relative_to": "source", "offset": "P0Y", "precision": "year" },
      "lane": "planning", "source": "metro-gazette-2021", "title": { "zh": "第三期建设规划获批", "en": "Third construction plan approved" } },
    { "id": "metro-ring-line-study", "date": "2015", "lane": "planning", "source": "metro-gazette-2021",
      "title": { "en": "Ring line feasibility study" } },
    { "id": "metro-line-4-trial", "date": "2019-12~", "lane": "network", "source": "metro-yearbook-2020",
      "title": { "zh": "地铁4号线试运行" } }
  ],
  "figures": [
    { "id": "metro-stations-2010", "metric": "metro-stations", "value": 12, "unit": "station", "date": "../2010",
      "source": "metro-yearbook-2020" },
    { "id": "metro-stations-2020", "metric": "metro-stations", "value": 120, "unit": "station", "qualifier": "over",
      "date": "2020", "source": "metro-yearbook-2020", "internal_note": "INTERNAL-MARKER 'more than 120' in the text" },
    { "id": "metro-lines-2012", "metric": "metro-lines", "value": 2, "unit": "line-count", "date": "2012",
      "source": "metro-yearbook-2020" },
    { "id": "metro-lines-2021", "metric": "metro-lines", "value": 8, "unit": "line-count", "qualifier": "nearly",
      "date": { "relative_to": "source", "offset": "P0Y", "precision": "year" }, "source": "metro-gazette-2021" },
    { "id": "metro-lines-plan-2030", "metric": "metro-lines-planned", "value": 15, "unit": "line-count", "status": "plan",
      "date": { "relative_to": "source", "offset": "P9Y", "precision": "year" }, "source": "metro-gazette-2021" }
  ]
}
EOF
cat >"$work/metro-template.json" <<'EOF'
{
  "id": "metro", "title": { "zh": "城市地铁建设简报", "en": "The City's Metro" }, "lang": "bi", "page": "A4",
  "sections": [
    { "type": "cover" },
    { "type": "key-figures", "id": "key", "figures": ["metro-stations-2020", "metro-lines-2021"] },
    { "type": "timeline", "id": "timeline", "max_pages": 1 },
    { "type": "statistics", "id": "stats", "metrics": ["metro-stations", "metro-lines"] },
    { "type": "table", "id": "events", "table": "events" },
    { "type": "table", "id": "figures", "table": "figures" },
    { "type": "sources", "id": "sources" },
    { "type": "data-notes", "id": "notes" }
  ]
}
EOF

# The record ids of a data directory: every "id" of its JSON files and the first column of
# its CSV files, those with a hyphen.
ids() {
  { grep -ho '"id": *"[^"]*"' "$1"/*.json | sed 's/.*"\([^"]*\)"$/\1/'
    for f in "$1"/*.csv; do [ -f "$f" ] && tail -n +2 "$f" | cut -d, -f1; done
  } | grep -- - | sort -u
}

# check NAME FILE DATA_DIR: FILE (a brief's text) holds nothing internal.
check() {
  local name=$1 file=$2 dir=$3 hits
  hits=$(grep -noE '(^|[^A-Za-z0-9])[−-]?P[0-9]+[YMWD]([^A-Za-z0-9]|$)' "$file" | head -3)
  [ -n "$hits" ] && { echo "FAIL: $name: ISO duration: $hits"; fail=1; }
  hits=$(grep -nowF -f <(ids "$dir") "$file" | head -3)
  [ -n "$hits" ] && { echo "FAIL: $name: record id: $hits"; fail=1; }
  hits=$(grep -noE '[A-Za-z0-9_-]+\.(json|csv)\b|INTERNAL-MARKER|machine-translated|[Bb]ylines' "$file" | head -3)
  [ -n "$hits" ] && { echo "FAIL: $name: file name or internal note: $hits"; fail=1; }
  return 0
}

briefs=0
for set in seed metro; do
  if [ $set = seed ]; then
    data=$src/data
    tmpl=$src/report-templates/brief.json
  else
    data=$work/metro
    tmpl=$work/metro-template.json
  fi
  for lang in bi zh en; do
    for format in pdf md txt; do
      out=$work/$set-$lang.$format
      if ! "$timeline" report --data "$data" --template "$tmpl" --theme "$src/report-templates/theme.json" \
          --lang $lang --format $format --as-of 2026-11-23 -o "$out" 2>"$work/err"; then
        echo "FAIL: $set $lang $format: report failed"; cat "$work/err"; fail=1; continue
      fi
      if [ $format = pdf ]; then
        pdftotext -enc UTF-8 "$out" "$out.txt" 2>/dev/null
        out=$out.txt
      fi
      check "$set $lang $format" "$out" "$data"
      briefs=$((briefs + 1))
    done
  done
done

# The generated brief's data notes, exactly, once each (Markdown: one item a line).
expect() {
  local lang=$1 line=$2 n
  n=$(grep -cxF -- "- $line" "$work/metro-$lang.md")
  [ "$n" = 1 ] || { echo "FAIL: metro $lang: data note found $n times, expected once: $line"; fail=1; }
}
notes() { sed -n '/^## \(Data notes\|数据说明\)/,$p' "$work/metro-$1.md" | grep -c '^- '; }
q_en='Figures given with a qualifier, such as “over 120 stations” and “nearly 8 lines”, are bounds, not exact values; so are statistics computed from them, such as '
q_zh='“120余座”“近8条”等带限定词的数据为范围而非确数，据此计算的统计结果亦然（如'
grep -qF -- "- $q_en" "$work/metro-en.md" || { echo "FAIL: metro en: qualified-figures note"; grep -A8 '^## Data notes' "$work/metro-en.md"; fail=1; }
grep -qF -- "- $q_zh" "$work/metro-zh.md" || { echo "FAIL: metro zh: qualified-figures note"; grep -A8 '^## 数据说明' "$work/metro-zh.md"; fail=1; }
expect en '† Date derived from the publication date of its source.'
expect zh '† 日期据资料来源的发表日期推算。'
expect en 'Targets, plans and estimates are listed apart from actual figures and are not part of any series.'
expect zh '目标、计划和估计数据与实际数据分列，不计入数据序列。'
expect en 'No average annual growth is computed for Metro stations: the date of its first value is not stated.'
expect zh '地铁车站数起点数值的日期不详，未计算年均增长率。'
expect en 'Texts with no English in the data are shown in Chinese.'
expect zh '数据中没有中文的文字以英文列出。'
[ "$(notes en)" = 5 ] || { echo "FAIL: metro en: $(notes en) data notes, expected 5"; fail=1; }
[ "$(notes zh)" = 5 ] || { echo "FAIL: metro zh: $(notes zh) data notes, expected 5"; fail=1; }
# The seed's English brief has no text without English: no note about translations; its
# bi brief says it once, without naming records.
grep -qF 'no English in the data' "$work/seed-en.md" && { echo "FAIL: seed en: a translation note in an English brief"; fail=1; }
grep -qF 'one language only' "$work/seed-en.md" && { echo "FAIL: seed en: 'one language only' in an English brief"; fail=1; }
[ "$(grep -cF 'Texts the data gives in one language only are printed once, in that language.' "$work/seed-bi.md")" = 1 ] ||
  { echo "FAIL: seed bi: one-language note not printed once"; fail=1; }
# Marks: derived dates in the tables carry †, the note explains it once.
grep -qF '| c. 2016† | Network | Metro Line 2 opens |' "$work/metro-en.md" || { echo "FAIL: metro en: derived date not marked in the events table"; fail=1; }
grep -qF '| 约2016年† | 线网 | 地铁2号线开通 |' "$work/metro-zh.md" || { echo "FAIL: metro zh: derived date not marked in the events table"; fail=1; }
# Uncertainty once: a date derived from an uncertain publication date reads "c. 2021" / "约2021年".
grep -qF '| c. 2021† | Planning | Third construction plan approved |' "$work/metro-en.md" || { echo "FAIL: metro en: c. 2021†"; fail=1; }
grep -qE 'c\. 2021\?|约2021年（存疑）' "$work/metro-en.md" "$work/metro-zh.md" && { echo "FAIL: metro: uncertainty said twice"; fail=1; }
echo "$briefs briefs checked"
exit $fail
