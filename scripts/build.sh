#!/usr/bin/env bash
# The quick-start jobs of the README, and the extra stages of CI (.ci/run).
#   scripts/build.sh run        install what is missing, build, validate data/, list its events, write the PDF brief to out/
#   scripts/build.sh test       install what is missing, build, run the whole test suite
#   scripts/build.sh sanitize   build with clang, ASan and UBSan (float-cast-overflow included) in build-sanitize,
#                               run the unit, case and fuzz-regression tests there; any report fails it
#   scripts/build.sh fuzz [SECONDS [NAME...]]
#                               run each libFuzzer harness of the sanitize build for SECONDS (default 60),
#                               two at a time; prints executions and coverage (fuzz/run.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
job=${1:-run}
bash scripts/install-deps.sh
jobs=$(nproc)
# TIMELINE_WERROR=ON (set by .ci/run) makes warnings errors; off for everyone else.
werror=-DTIMELINE_WERROR="${TIMELINE_WERROR:-OFF}"
case "$job" in
  run|test)
    build=${BUILD_DIR:-build}
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$werror" >/dev/null
    cmake --build "$build" -j"$jobs"
    ;;
  sanitize|fuzz)
    build=${SANITIZE_BUILD_DIR:-build-sanitize}
    CXX=${SANITIZE_CXX:-clang++} cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$werror" \
      -DTIMELINE_SANITIZE=ON -DTIMELINE_FUZZ=ON >/dev/null
    cmake --build "$build" -j"$jobs"
    ;;
esac
# Sanitizer reports name source lines; any report ends the process with an error.
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-/usr/lib/llvm-14/bin/llvm-symbolizer}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
case "$job" in
  run)
    "$build/timeline" validate
    "$build/timeline" list events
    "$build/timeline" report --format pdf
    ;;
  test)
    # The official JSON-Schema-Test-Suite, pass counts per file, then every test.
    "$build/tests/schema-suite/schema_suite"
    ctest --test-dir "$build" --output-on-failure -j"$jobs"
    ;;
  sanitize)
    ctest --test-dir "$build" --output-on-failure -j"$jobs" -L 'unit|case|sanitize'
    ;;
  fuzz)
    shift || true
    seconds=${1:-60}
    shift || true
    BUILD_DIR="$root/$build" bash fuzz/run.sh -j "$jobs" "$seconds" "$@"
    ;;
  *)
    echo "usage: scripts/build.sh run|test|sanitize|fuzz [SECONDS [NAME...]]" >&2
    exit 2
    ;;
esac
