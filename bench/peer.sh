#!/usr/bin/env bash
# timeline against the ReportLab peer on the same workload, and the two figures the peer
# cannot give: the default brief's median time and a 100,000-event brief.
#   SIDE_BY_SIDE=/path/to/side_by_side.sh bench/peer.sh
# SIDE_BY_SIDE is the peer harness (side_by_side.sh with gen_workload.py, to_timeline.py and
# the ReportLab brief beside it; needs python3-reportlab). Environment: NS (the peer's sizes,
# default "40 1000 10000"), RUNS (runs per size, default 3), BIG (the size run without the
# peer, default 100000; empty to skip), TIMELINE (default build/timeline), OUT (work folder).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
timeline=${TIMELINE:-build/timeline}
harness=${SIDE_BY_SIDE:?"set SIDE_BY_SIDE to the peer harness side_by_side.sh"}
here=$(cd "$(dirname "$harness")" && pwd)
out=${OUT:-${TMPDIR:-/tmp}/timeline-peer}
mkdir -p "$out"
export NS=${NS:-40 1000 10000} RUNS=${RUNS:-3} OUT=$out

# 1. Side by side, runs alternating; the harness prints its table.
"$harness" "$root" "$timeline"

# 2. The default brief (data/, report-templates/brief.json): median of 5 wall times.
"$timeline" report --quiet -o "$out/seed.pdf"  # warm the page cache
for r in 1 2 3 4 5; do
  /usr/bin/time -f "%e %M" -o "$out/seed-$r.txt" "$timeline" report --quiet -o "$out/seed.pdf"
done
cat "$out"/seed-?.txt | sort -n | awk 'NR == 3 { printf "\ndefault brief: median of 5 wall %.3f s, peak %.0f MiB\n", $1, $2 / 1024 }'

# 3. The big workload, timeline alone (the peer would take minutes).
if [ -n "${BIG-100000}" ]; then
  big=${BIG:-100000}
  python3 "$here/gen_workload.py" "$big" 1 >"$out/workload_$big.json"
  python3 "$here/to_timeline.py" "$out/workload_$big.json" "$out/data_$big" --full-timeline >/dev/null
  /usr/bin/time -v -o "$out/time_big.txt" "$timeline" report --quiet --format pdf --lang bi --as-of 2026-01-01 \
    --data "$out/data_$big" --template "$out/data_$big/template/brief.json" -o "$out/timeline_$big.pdf"
  wall=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$out/time_big.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time_big.txt")
  pages=$(pdfinfo "$out/timeline_$big.pdf" | sed -n 's/^Pages: *//p')
  printf 'N = %s, timeline alone: wall %s, peak %.0f MiB, %s pages, %.1f MB\n' "$big" "$wall" "$((rss / 1024))" \
    "$pages" "$(stat -c %s "$out/timeline_$big.pdf" | awk '{ print $1 / 1e6 }')"
fi
