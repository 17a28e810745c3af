#!/usr/bin/env bash
# Load + schema + checks on synthetic data sets: prints wall time and peak memory per N.
#   bench/validate.sh [N...]        (default: 1000 10000 100000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
timeline=${TIMELINE:-$root/build/timeline}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%8s %9s %10s %10s %12s\n' N records "file MB" "wall s" "peak MB"
for n in "${sizes[@]}"; do
  "$root/bench/gen-dataset.sh" "$n" "$work/$n"
  mb=$(du -m "$work/$n/records.json" | cut -f1)
  /usr/bin/time -f '%e %M' -o "$work/time" "$timeline" validate --data "$work/$n" 2>/dev/null >/dev/null
  read -r wall kb < "$work/time"
  printf '%8s %9s %10s %10s %12s\n' "$n" $((n + n / 2)) "$mb" "$wall" $((kb / 1024))
  rm -rf "${work:?}/$n"
done
