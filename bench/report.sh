#!/usr/bin/env bash
# The PDF brief over synthetic data sets: per N, wall time, CPU time (user + system; the
# figure to compare on a busy machine), peak memory, page count and file size of
# `timeline report --format pdf` (default template, bilingual).
#   bench/report.sh [N...]          (default: 100 1000 10000 100000)
# Environment: TIMELINE (the program, default build/timeline), KEEP=DIR (keep the data
# sets, PDFs and /usr/bin/time -v logs in DIR instead of a temporary directory),
# LIMIT (seconds one run may take, default 900; a run over it is stopped and reported).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
timeline=${TIMELINE:-$root/build/timeline}
limit=${LIMIT:-900}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000 100000)
for tool in /usr/bin/time pdfinfo; do
  command -v "$tool" >/dev/null || { echo "report.sh: $tool is missing (packages time, poppler-utils)" >&2; exit 3; }
done
if [ -n "${KEEP:-}" ]; then
  work=$KEEP; mkdir -p "$work"
else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fi

# "Maximum resident set size (kbytes): 123" -> 123
field() { sed -n "s/^[[:space:]]*$1: //p" "$2"; }

printf '%8s %10s %10s %10s %8s %10s\n' N "wall s" "cpu s" "peak MB" pages "size MB"
for n in "${sizes[@]}"; do
  data=$work/data-$n pdf=$work/report-$n.pdf log=$work/time-$n.txt
  rm -rf "$data" "$pdf"
  "$root/bench/gen-dataset.sh" "$n" "$data"
  status=0
  # (cd "$root": the default template and theme are found relative to the project root.)
  (cd "$root" && timeout "$limit" /usr/bin/time -v -o "$log" \
     "$timeline" report --format pdf --data "$data" --as-of 2026-11-23 -o "$pdf" \
     >"$work/out-$n.txt" 2>&1) || status=$?
  if [ "$status" -ne 0 ]; then
    what="exit $status"; [ "$status" -eq 124 ] && what="stopped after ${limit}s"
    printf '%8s %10s   (%s, see %s)\n' "$n" "-" "$what" "$work/out-$n.txt"
    continue
  fi
  wall=$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$log")
  secs=$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$wall")
  cpu=$(awk -v u="$(field 'User time (seconds)' "$log")" -v s="$(field 'System time (seconds)' "$log")" \
    'BEGIN { printf "%.2f", u + s }')
  kb=$(field 'Maximum resident set size (kbytes)' "$log")
  pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  bytes=$(stat -c %s "$pdf")
  printf '%8s %10s %10s %10s %8s %10s\n' "$n" "$secs" "$cpu" "$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')" \
    "$pages" "$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1048576 }')"
  [ -n "${KEEP:-}" ] || rm -rf "$data" "$pdf"
done
