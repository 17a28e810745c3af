#!/usr/bin/env bash
# Writes the seed corpus of one fuzz harness into DIR, from the repository's test cases, data,
# schemas and templates (and the JSON-Schema-Test-Suite for the schema harness).
# Usage: fuzz/seeds.sh NAME DIR [BUILD_DIR]   (BUILD_DIR holds fuzz/fuzz_schema_seeds)
set -euo pipefail
name=$1
dir=$2
build=${3:-build-sanitize}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir"
n=0
# One seed file per line of a list.
from_lines() {
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    n=$((n + 1))
    printf '%s' "$line" > "$dir/line-$n"
  done
}
copy() {
  for f in "$@"; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    cp "$f" "$dir/file-$n-$(basename "$f")"
  done
}
# Values of a JSON member ("date": "…") in files, one per line.
member_values() {
  local key=$1; shift
  grep -rhoE "\"$key\": *\"[^\"]*\"" "$@" 2>/dev/null | sed -E "s/^\"$key\": *\"//; s/\"$//" | sort -u
}
cd "$root"
case "$name" in
  json)
    copy tests/cases/*/data/*.json tests/cases/*/*.json data/*.json schemas/*.json report-templates/*.json schedules.json
    copy /usr/share/json-schema-test-suite/tests/draft7/*.json
    ;;
  date)
    from_lines < fuzz/seeds/date.txt
    member_values date tests/cases data | from_lines
    member_values published tests/cases data | from_lines
    ;;
  csv)
    copy tests/cases/*/data/*.csv data/*.csv
    ;;
  cron)
    from_lines < fuzz/seeds/cron.txt
    member_values cron tests/cases schedules.json | from_lines
    ;;
  placeholders)
    from_lines < fuzz/seeds/placeholders.txt
    grep -rhoE '"[^"]*\{\{[^"]*"' report-templates tests/cases 2>/dev/null | sed -E 's/^"//; s/"$//' | from_lines
    ;;
  theme)
    copy report-templates/theme.json tests/cases/*/theme.json
    ;;
  regex)
    # Each pattern of the schemas, with a value the schema was written for.
    while IFS= read -r pattern; do
      for text in "" "2019-05-24" "lane-1" "P1Y2M" "#a0b1c2" "上海 x"; do
        n=$((n + 1))
        printf '%s\0%s' "$pattern" "$text" > "$dir/pattern-$n"
      done
    done < <(grep -rhoE '"pattern": *"([^"\\]|\\.)*"' schemas | sed -E 's/^"pattern": *"//; s/"$//; s/\\\\/\\/g' | sort -u)
    ;;
  schema)
    "$build/fuzz/fuzz_schema_seeds" "$dir" /usr/share/json-schema-test-suite/tests/draft7/*.json \
      /usr/share/json-schema-test-suite/tests/draft7/optional/*.json >/dev/null
    n=$(ls "$dir" | wc -l)
    ;;
  *)
    echo "fuzz/seeds.sh: unknown harness $name" >&2
    exit 2
    ;;
esac
echo "$name: $(ls "$dir" | wc -l) seeds"
