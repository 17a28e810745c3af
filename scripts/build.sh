#!/usr/bin/env bash
# The two quick-start jobs of the README.
#   scripts/build.sh run    install what is missing, build, validate data/, list its events, write the PDF brief to out/
#   scripts/build.sh test   install what is missing, build, run the whole test suite
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
job=${1:-run}
bash scripts/install-deps.sh
build=${BUILD_DIR:-build}
# TIMELINE_WERROR=ON (set by .ci/run) makes warnings errors; off for everyone else.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTIMELINE_WERROR="${TIMELINE_WERROR:-OFF}" >/dev/null
cmake --build "$build" -j"$(nproc)"
case "$job" in
  run)
    "$build/timeline" validate
    "$build/timeline" list events
    "$build/timeline" report --format pdf
    ;;
  test)
    # The official JSON-Schema-Test-Suite, pass counts per file, then every test.
    "$build/tests/schema-suite/schema_suite"
    ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
    ;;
  *)
    echo "usage: scripts/build.sh run|test" >&2
    exit 2
    ;;
esac
