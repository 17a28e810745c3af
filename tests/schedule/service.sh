#!/usr/bin/env bash
# CLI-level tests of `timeline schedule run` as a process (docs/scheduling.md):
#   1. a second scheduler on the same state directory refuses to start (status 3);
#   2. kill -9 during a report leaves no brief (partial or whole) and the interrupted slot
#      runs again after a restart, even with catch_up "none"; nothing runs twice;
#   3. SIGTERM lets a running report finish for --grace seconds, then abandons it; the
#      scheduler exits 0 and the slot stays pending.
# The report is held up by a template that is a named pipe: opening it blocks until the
# test decides, so the timing is deterministic.
# Usage: service.sh TIMELINE SOURCE_DIR
set -uo pipefail
timeline=$1
src=$2
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work" || exit 2
# The run history and the jobs' status, as JSON lines.
history() { "$timeline" schedule history --state state --format json; }
status() { "$timeline" schedule status --state state --format json; }
fail() {
  echo "FAIL: $*"; echo "--- history"; history; echo "--- status"; status
  for f in run*.err second.err; do [ -s "$f" ] && { echo "--- $f"; cat "$f"; }; done
  exit 1
}

mkdir tmpl
mkfifo tmpl/brief.json
cat > schedules.json <<JSON
{"jobs": [{"id": "k", "cron": "0 8 * * *", "template": "tmpl/brief.json", "format": "md", "lang": "en",
           "data": ["$src/data"], "output": "out/{job}/{slot:%Y-%m-%d}.md", "catch_up": "none", "retries": 0}]}
JSON

# Waits until the status says TEXT (at most ~10 s).
wait_for() {
  for _ in $(seq 1 200); do status 2>/dev/null | grep -q "$1" && return 0; sleep 0.05; done
  return 1
}

# 1 and 2: the slot of 5 March starts and blocks on the template.
"$timeline" schedule run --state state --clock 2026-03-05T07:59:59+08:00 --until 2026-03-05T09:00+08:00 \
  2> run1.err &
first=$!
pids+=("$first")
wait_for '"claim":{"slot":"2026-03-05T00:00:00Z","state":"running"' || fail "the slot did not start"
sleep 0.2   # let the child open the pipe

"$timeline" schedule run --state state --clock 2026-03-05T08:00+08:00 --until 2026-03-05T09:00+08:00 2> second.err
status=$?
[ "$status" = 3 ] || fail "second scheduler: status $status, expected 3"
grep -q "another scheduler (pid $first) is using state directory state (lock state/lock); not starting a second one" \
  second.err || fail "second scheduler: unexpected message: $(cat second.err)"

kill -9 "$first"
wait "$first" 2>/dev/null
for _ in $(seq 1 100); do pgrep -f "tmpl/brief.json" >/dev/null || break; sleep 0.05; done
pgrep -f "tmpl/brief.json" >/dev/null && fail "the report process outlived its scheduler"
[ -e out/k/2026-03-05.md ] && fail "a brief exists after kill -9"
status | grep -q '"claim":{"slot":"2026-03-05T00:00:00Z","state":"running"' || fail "the slot is not recorded as in progress"

# Restart with the template in place (and a temporary file as a killed writer leaves one).
rm tmpl/brief.json
cp "$src/report-templates/brief.json" tmpl/brief.json
echo "# half a brief" > out/k/.2026-03-05.md.tmp-AbCdEf
"$timeline" schedule run --state state --clock 2026-03-05T12:00+08:00 --until 2026-03-05T12:00:01+08:00 2> run2.err
status=$?
[ "$status" = 0 ] || fail "restart: status $status: $(cat run2.err)"
[ -s out/k/2026-03-05.md ] || fail "the interrupted slot did not run again"
head -1 out/k/2026-03-05.md | grep -q '^# ' || fail "the brief does not look like Markdown"
[ "$(ls -A out/k)" = "2026-03-05.md" ] || fail "unexpected files: $(ls -A out/k)"
[ "$(history | grep -c '"status":"ok"')" = 1 ] || fail "expected one ok run"
history | grep '"status":"ok"' | grep -q '"attempt":2,' || fail "the rerun is not attempt 2"
[ "$(history | grep -c '"status":"lost"')" = 1 ] || fail "the killed attempt is not in the history as lost"
status | grep -q '"claim":null' || fail "still in progress after the rerun"

# Once more: nothing runs twice.
"$timeline" schedule run --state state --clock 2026-03-05T12:00:05+08:00 --until 2026-03-05T12:00:06+08:00 2> run3.err \
  || fail "third run failed: $(cat run3.err)"
[ "$(history | grep -c '"status":"ok"')" = 1 ] || fail "a slot ran twice"

# 3: SIGTERM with a report that does not finish within --grace.
rm tmpl/brief.json
mkfifo tmpl/brief.json
"$timeline" schedule run --state state --grace 1 --clock 2026-03-06T07:59:59+08:00 --until 2026-03-06T09:00+08:00 \
  2> run4.err &
fourth=$!
pids+=("$fourth")
wait_for '"claim":{"slot":"2026-03-06T00:00:00Z","state":"running"' || fail "the slot of 6 March did not start"
sleep 0.2
kill -TERM "$fourth"
wait "$fourth"
status=$?
[ "$status" = 0 ] || fail "SIGTERM: status $status: $(cat run4.err)"
grep -q "stop signal: finishing running reports" run4.err || fail "no stop message: $(cat run4.err)"
history | grep -q '"slot":"2026-03-06T00:00:00Z".*"status":"abandoned"' || fail "no abandoned record"
status | grep -q '"claim":{"slot":"2026-03-06T00:00:00Z","state":"released"' || fail "the abandoned slot is not pending"
[ -e out/k/2026-03-06.md ] && fail "a brief exists for the abandoned slot"
echo "ok"
