#!/usr/bin/env bash
# Runs the libFuzzer harnesses (fuzz/fuzz_*.cpp) for a given time each and prints, per
# harness, the executions, executions per second, coverage (libFuzzer's "cov": edges; "ft":
# features) and corpus size. The corpus of each harness starts from its seeds (fuzz/seeds.sh)
# and grows across runs in WORK/corpus/NAME; inputs that crash, hang or break a property
# are kept in WORK/findings/NAME/ and make the script fail.
#
# Usage: fuzz/run.sh [-j JOBS] [-n EXECUTIONS] SECONDS [NAME...]
#   -j  harnesses run at a time (default 1)
#   -n  stop a harness after this many executions (the long run: -n 10000000), else at SECONDS
#   BUILD_DIR  the TIMELINE_FUZZ build (default build-sanitize; `bash scripts/build.sh sanitize`)
#   WORK       corpora and findings (default BUILD_DIR/fuzz-work)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=1
runs=-1
while [ $# -gt 0 ]; do
  case $1 in
    -j) jobs=$2; shift 2 ;;
    -n) runs=$2; shift 2 ;;
    *) break ;;
  esac
done
seconds=${1:?usage: fuzz/run.sh [-j JOBS] [-n EXECUTIONS] SECONDS [NAME...]}
shift
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(json date csv cron placeholders theme schema regex)
build=${BUILD_DIR:-$root/build-sanitize}
work=${WORK:-$build/fuzz-work}
mkdir -p "$work/logs"

# Longest input per harness: long enough for the format, short enough to stay fast.
max_len() {
  case $1 in
    date) echo 64 ;;
    cron) echo 128 ;;
    json|csv|placeholders) echo 1024 ;;
    *) echo 2048 ;;
  esac
}

run_one() {
  local name=$1
  local bin=$build/fuzz/fuzz_$name
  [ -x "$bin" ] || { echo "$name: $bin is missing (build with TIMELINE_FUZZ=ON)" > "$work/logs/$name.log"; return 2; }
  rm -rf "$work/findings/$name"  # findings of an earlier run are in its log
  mkdir -p "$work/corpus/$name" "$work/findings/$name"
  bash "$root/fuzz/seeds.sh" "$name" "$work/seeds/$name" "$build" >/dev/null
  # ASan: no filling of new blocks and a smaller quarantine, which together make the harnesses
  # ~40 % faster (leaks are still found: libFuzzer checks each input that allocates more).
  ASAN_OPTIONS=${ASAN_OPTIONS:-max_malloc_fill_size=0:quarantine_size_mb=16} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$bin" -max_total_time="$seconds" -runs="$runs" -print_final_stats=1 -max_len="$(max_len "$name")" -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$work/findings/$name/" \
    "$work/corpus/$name" "$work/seeds/$name" > "$work/logs/$name.log" 2>&1
}

pids=()
names_running=()
status=0
for name in "${names[@]}"; do
  run_one "$name" &
  pids+=($!)
  names_running+=("$name")
  if [ ${#pids[@]} -ge "$jobs" ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done

printf '%-13s %14s %10s %8s %8s %8s  %s\n' harness executions exec/s cov ft corpus result
for name in "${names[@]}"; do
  log=$work/logs/$name.log
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  corpus=$(ls "$work/corpus/$name" 2>/dev/null | wc -l)
  found=$(ls "$work/findings/$name" 2>/dev/null | wc -l)
  result=ok
  if [ "$found" -gt 0 ] || grep -qE '^==[0-9]+==ERROR|runtime error|property failed|deadly signal' "$log"; then
    result="FINDING: $(ls "$work/findings/$name" | head -1) (log: $log)"
    status=1
  elif [ -z "$execs" ]; then
    result="did not run (log: $log)"
    status=1
  fi
  printf '%-13s %14s %10s %8s %8s %8s  %s\n' "$name" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$corpus" "$result"
done
exit $status
