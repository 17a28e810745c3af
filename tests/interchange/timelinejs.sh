#!/bin/bash
# TimelineJS interchange end to end through the command line: imported files validate and
# render as a brief; export -> import keeps ids, dates and texts; a failed import writes
# nothing and leaves an existing file as it was.
# Usage: timelinejs.sh TIMELINE SOURCE_DIR
set -u
timeline=$1
src=$2
. "$(dirname "${BASH_SOURCE[0]}")/../lib/checks.sh"

mkdir -p "$work/project/data"
cp -r "$src/report-templates" "$work/project/"
cd "$work/project"
cases=$src/tests/cases

# Two imports into one data set: the second joins the first (ids, lanes, one title).
"$timeline" import timelinejs "$cases/tljs-import-csv/data/metro.csv" -o data/metro.json 2>"$work/err"
status=$?  # before the message's $(...) resets $?
check "csv import exits 0 ($(tail -1 "$work/err"))" '[ $status -eq 0 ]'
"$timeline" import timelinejs "$cases/tljs-import-json/data/space.json" --data data -o data/space.json 2>"$work/err"
check "json import into the data set exits 0" '[ $? -eq 0 ]'
check "the second title slide is not a second title" 'grep -q "import-title-kept" "$work/err"'
check "the second import reuses the lane of events without a group" \
  'grep -q "\"lane\": \"other-events\"" data/space.json && ! grep -q "other-events-2" data/space.json'
"$timeline" validate --data data 2>"$work/err"
status=$?
check "timeline validate accepts the imports ($(cat "$work/err"))" '[ $status -eq 0 ]'

# The imported data set as a brief: the data set's title on the cover, events in both languages.
"$timeline" report --data data --template timeline --as-of 2026-11-30 -o out/brief.pdf 2>"$work/err"
check "brief of the import written ($(tail -1 "$work/err"))" '[ -s out/brief.pdf ]'
if command -v pdftotext >/dev/null; then
  pdftotext -enc UTF-8 out/brief.pdf "$work/brief.txt" 2>/dev/null
  check "title in both languages" 'grep -q "上海地铁" "$work/brief.txt" && grep -q "Shanghai Metro" "$work/brief.txt"'
  check "a Chinese and an English event" 'grep -q "南段试运营" "$work/brief.txt" && grep -q "Line 1 opens" "$work/brief.txt"'
  check "the era of the JSON file" 'grep -q "The beginnings" "$work/brief.txt"'
fi

# Round trips: export (both languages) then import gives the same ids, dates and titles.
roundtrip() {
  local name=$1 data=$2
  rm -rf "$work/rt" && mkdir -p "$work/rt"
  "$timeline" export timelinejs --data "$data" -o "$work/$name.tljs.json" 2>/dev/null
  check "$name: export exits 0" '[ $? -eq 0 ]'
  "$timeline" import timelinejs "$work/$name.tljs.json" -o "$work/rt/$name.json" 2>"$work/err"
  status=$?
  check "$name: import of the export exits 0 ($(tail -1 "$work/err"))" '[ $status -eq 0 ]'
  # date, id and title (the columns after the lane): lane ids are made from the labels.
  "$timeline" list events --data "$data" | awk '{ $2 = ""; print }' >"$work/before"
  "$timeline" list events --data "$work/rt" | awk '{ $2 = ""; print }' >"$work/after"
  check "$name: same ids, dates and titles" 'diff "$work/before" "$work/after"'
}
roundtrip forms "$cases/tljs-export/data"
roundtrip seed "$src/data"

# A failed import writes nothing and keeps what was there.
"$timeline" import timelinejs "$cases/tljs-import-bad-json/data/bad.json" -o out/new.json 2>/dev/null
status=$?
check "bad input exits 1 (got $status)" '[ $status -eq 1 ]'
check "bad input: nothing written" '[ ! -e out/new.json ]'
cp data/metro.json out/kept.json
before=$(md5sum out/kept.json)
"$timeline" import timelinejs "$cases/tljs-import-bad-csv/data/bad.csv" -o out/kept.json 2>/dev/null
check "bad input: an existing file is kept" '[ "$(md5sum out/kept.json)" = "$before" ]'
check "no temporary file left" '[ -z "$(ls -A out | grep -v -e brief.pdf -e kept.json)" ]'

exit $fail
