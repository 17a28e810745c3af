#!/bin/bash
# The command line's manners: every write to standard output checked (exit 3 with a message,
# quiet on a closed pipe), a PDF to -o - unless standard output is a terminal, "-" reading
# standard input, --as-of in the local time zone, progress on a terminal only, --quiet.
# Usage: manners.sh TIMELINE SOURCE_DIR
set -u
timeline=$1
src=$2
. "$(dirname "${BASH_SOURCE[0]}")/../lib/checks.sh"
mkdir -p "$work/project"
cp -r "$src/data" "$src/report-templates" "$work/project/"
cd "$work/project"

# Standard output that cannot be written.
if [ -w /dev/full ]; then
  for cmd in "list events" "list figures --format json" "report --format md -o -" "stats" "export timelinejs" \
             "validate --diagnostics json --data $src/tests/cases/dangling-lane/data" "--help" "--version"; do
    $timeline $cmd >/dev/full 2>"$work/err"
    status=$?
    check "$cmd > /dev/full exits 3 (got $status)" '[ $status -eq 3 ]'
    check "$cmd > /dev/full says why" 'grep -q "^timeline: cannot write to standard output: No space left on device$" "$work/err"'
  done
fi
# A reader that has gone: no message, exit 3, nothing half-done reported as success.
"$timeline" list events | { exec <&-; sleep 0.5; }
status=${PIPESTATUS[0]}
check "closed pipe exits 3 (got $status)" '[ $status -eq 3 ]'
"$timeline" report --format md -o - 2>"$work/err" | { exec <&-; sleep 0.5; }
check "closed pipe: nothing on stderr" '[ ! -s "$work/err" ]'
# Output that fits is written in full.
check "list events is complete" '[ "$("$timeline" list events | wc -l)" -eq "$("$timeline" list events --format json | grep -c "\"id\"")" ]'

# "-" reads standard input where one input file is expected.
"$timeline" report --template - --format md -o - --as-of 2026-11-23 <report-templates/brief.json >"$work/stdin.md" 2>"$work/err"
"$timeline" report --template brief --format md -o - --as-of 2026-11-23 >"$work/file.md" 2>/dev/null
check "--template - reads standard input" '[ -s "$work/stdin.md" ] && cmp -s "$work/stdin.md" "$work/file.md"'
printf '{"id": "x", "date": "2019-13", "lane": "l", "title": {"en": "t"}, "source": "s"}' >"$work/event.json"
"$timeline" validate --schema "$src/schemas/event.schema.json" - <"$work/event.json" 2>"$work/err"
status=$?
check "validate --schema S - reads standard input (exit $status)" '[ $status -eq 0 ]'
printf '{"id": "x"}' | "$timeline" validate --schema "$src/schemas/event.schema.json" - 2>"$work/err"
check "errors in standard input are named -" 'grep -q "^-:1:1: error: missing required field \"date\"" "$work/err"'
"$timeline" import timelinejs - <"$src/tests/cases/tljs-import-json/data/space.json" >"$work/imported.json" 2>"$work/err"
status=$?
check "import timelinejs - (exit $status)" '[ $status -eq 0 ] && grep -q "\"events\"" "$work/imported.json"'
"$timeline" report --template - --theme - --as-of 2026-11-23 -o "$work/x.pdf" <report-templates/brief.json 2>"$work/err"
status=$?
check "standard input read twice: exit 3 (got $status)" '[ $status -eq 3 ] && grep -q "standard input is already read by another argument" "$work/err"'

# --as-of defaults to today in the local time zone (TZ): UTC+14 and UTC-12 never share a date.
for tz in '<+14>-14' '<-12>+12'; do
  expected=$(TZ=$tz date +%F)
  got=$(TZ=$tz "$timeline" report --format json -o - 2>/dev/null | sed -n 's/^  "as_of": "\(.*\)",$/\1/p')
  again=$(TZ=$tz date +%F)
  [ "$expected" = "$again" ] || got=$expected  # midnight passed during the run
  check "TZ=$tz: as-of $got is the local date $expected" '[ "$got" = "$expected" ]'
done
TZ='<+14>-14' "$timeline" report --format md 2>"$work/err"
check "default output named by the local date" '[ -s "out/brief-$(TZ="<+14>-14" date +%F).md" ]'

# Progress: on a terminal, through the long phases; never into a file or pipe; not with --quiet.
"$timeline" report --as-of 2026-11-23 -o out/a.pdf 2>"$work/err"
check "no progress when stderr is a file" '! grep -q $'"'"'\r'"'"' "$work/err" && [ "$(cat "$work/err")" = "timeline report: wrote out/a.pdf" ]'
# The default brief's sections, counted from its template.
sections=$(grep -c '"type":' "$src/report-templates/brief.json")
if command -v script >/dev/null; then
  script -qec "$timeline report --as-of 2026-11-23 -o out/b.pdf" /dev/null >"$work/tty" 2>&1
  for phase in "reading data/" "checking records" "building the report" "loading fonts" "typesetting sections ($sections/$sections)" \
               "pages written to out/b.pdf" "subsetting fonts"; do
    check "progress on a terminal: $phase" 'grep -q "$phase" "$work/tty"'
  done
  check "the progress line is cleared before the last line" 'grep -q $'"'"'\r\033\[Ktimeline report: wrote out/b.pdf'"'"' "$work/tty"'
  script -qec "$timeline report --quiet --as-of 2026-11-23 -o out/c.pdf" /dev/null >"$work/tty" 2>&1
  check "--quiet on a terminal: nothing" '[ ! -s "$work/tty" ] && [ -s out/c.pdf ]'
fi
"$timeline" -q report --as-of 2026-11-23 -o out/d.pdf 2>"$work/err"
check "-q before the command: nothing on stderr" '[ ! -s "$work/err" ] && [ -s out/d.pdf ]'
"$timeline" validate --quiet 2>"$work/err"
check "validate --quiet: nothing on stderr" '[ ! -s "$work/err" ]'
"$timeline" --version >"$work/out"
check "--version" 'grep -qx "timeline [0-9]*\.[0-9]*\.[0-9]*" "$work/out"'
exit $fail
