#!/usr/bin/env bash
# The scheduler under faults, from the outside with a simulated clock (docs/scheduling.md, "Faults"):
#   1. a forward clock jump, then the clock put right: reported (state-future), reset, runs again;
#   2. a year of downtime of an every-minute job: one "missed" record, quickly;
#   3. catch_up all after a month: only catch_up_max reports run, the rest is one missed record;
#   4. a run log of an older version with a torn last line: imported once, the torn line skipped
#      with a warning;
#   5. --until before --clock: a usage error;
#   6. an output directory that is a symbolic link out of the output root: the slot fails, nothing
#      is written there (patterns with ".." or absolute paths: tests/cases/schedule-output-outside-root).
# Usage: faults.sh TIMELINE SOURCE_DIR
set -uo pipefail
timeline=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
fail() { echo "FAIL: $*"; exit 1; }
# The run history of a state directory, one JSON object per line.
history() { "$timeline" schedule history --config "$1" --state "$2" --format json; }
common='"template": "'"$src"'/report-templates/brief.json", "format": "md", "lang": "en", "data": ["'"$src"'/data"]'

# 1. Clock jump.
cat > jump.json <<JSON
{"jobs": [{"id": "daily", "cron": "0 8 * * *", "catch_up": "none", $common}]}
JSON
"$timeline" schedule run --config jump.json --state s1 --clock 2026-03-01T07:00+08:00 --until 2026-03-01T09:00+08:00 2> j1.err \
  || fail "jump 1: $(cat j1.err)"
"$timeline" schedule run --config jump.json --state s1 --clock 2036-03-01T07:00+08:00 --until 2036-03-01T07:01+08:00 2> j2.err \
  || fail "jump 2: $(cat j2.err)"
grep -qF "timeline schedule: daily 2026-03-02 08:00 CST: missed (3652 slots from 2026-03-02 08:00 CST to 2036-02-29 08:00 CST): the scheduler was not running (catch_up: none)" j2.err \
  || fail "jump 2: no missed range: $(cat j2.err)"
"$timeline" schedule run --config jump.json --state s1 --clock 2026-03-03T07:00+08:00 --until 2026-03-03T09:00+08:00 2> j3.err \
  || fail "jump 3: $(cat j3.err)"
grep -qF "s1/state.db /jobs/daily: warning: job daily: the state says done through 2036-02-29T00:00:00Z, 3650 days ahead of the clock (2026-03-02T23:00:00Z): it was written while the clock was wrong; reset, the job runs again from now on (slots before now are not caught up) (state-future)" j3.err \
  || fail "jump 3: no state-future warning: $(cat j3.err)"
[ -s out/daily/2026-03-03.md ] || fail "jump 3: the slot after the correction did not run: $(cat j3.err)"
[ "$(history jump.json s1 | wc -l)" = 3 ] || fail "jump: expected 3 history records: $(history jump.json s1)"

# 2. A year of every-minute slots missed.
cat > minute.json <<JSON
{"jobs": [{"id": "m", "cron": "* * * * *", "catch_up": "none", "output": "out/{job}/{slot:%Y-%m-%d-%H%M}.md", $common}]}
JSON
"$timeline" schedule run --config minute.json --state s2 --clock 2025-03-01T07:00:30Z --until 2025-03-01T07:00:40Z 2> m1.err \
  || fail "minute 1: $(cat m1.err)"
start=$(date +%s%N)
"$timeline" schedule run --config minute.json --state s2 --clock 2026-03-01T07:00:30Z --until 2026-03-01T07:00:40Z 2> m2.err \
  || fail "minute 2: $(cat m2.err)"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
history minute.json s2 > s2.jsonl
[ "$(wc -l < s2.jsonl)" = 1 ] || fail "minute: expected one history record, got $(wc -l < s2.jsonl)"
grep -qF '"status":"missed","output":null,"error":"the scheduler was not running (catch_up: none)","through":"2026-03-01T07:00:00Z","count":525600,"node":' s2.jsonl \
  || fail "minute: $(head -c 600 s2.jsonl)"
[ "$ms" -lt 10000 ] || fail "a year of missed slots took $ms ms"
echo "a year of every-minute slots missed: $ms ms"

# 3. catch_up all, capped.
cat > all.json <<JSON
{"jobs": [{"id": "all", "cron": "0 8 * * *", "catch_up": "all", "catch_up_max": 2, $common}]}
JSON
"$timeline" schedule run --config all.json --state s3 --clock 2026-03-01T07:00+08:00 --until 2026-03-01T07:01+08:00 2> a1.err \
  || fail "all 1: $(cat a1.err)"
"$timeline" schedule run --config all.json --state s3 --clock 2026-04-01T07:00+08:00 --until 2026-04-01T07:01+08:00 2> a2.err \
  || fail "all 2: $(cat a2.err)"
[ "$(ls out/all)" = "$(printf '2026-03-30.md\n2026-03-31.md')" ] || fail "catch_up all ran: $(ls out/all)"
grep -qF "timeline schedule: all 2026-03-01 08:00 CST: missed (29 slots from 2026-03-01 08:00 CST to 2026-03-29 08:00 CST): the scheduler was not running (catch_up: all, at most 2 run)" a2.err \
  || fail "all 2: $(cat a2.err)"

# 4. The state files of an older version, the run log torn: imported once, then left alone.
mkdir s7
cat > s7/state.json <<JSON
{"version": 1, "jobs": {"all": {"done_through": "2026-03-31T00:00:00Z", "last_completed": "2026-03-31T00:00:00Z", "last_status": "ok"}}}
JSON
echo '{"job":"all","slot":"2026-03-31T00:00:00Z","slot_local":"2026-03-31T08:00:00+08:00","attempt":1,"start":"2026-03-31T00:00:00Z","end":"2026-03-31T00:00:02Z","status":"ok","output":"out/all/2026-03-31.md","error":null}' > s7/runs.jsonl
printf '{"job":"all","slot":"2026-04-0' >> s7/runs.jsonl
"$timeline" schedule run --config all.json --state s7 --clock 2026-04-01T07:59+08:00 --until 2026-04-01T08:01+08:00 2> t.err \
  || fail "torn: $(cat t.err)"
grep -qF "s7/runs.jsonl:2:1: warning: the last line of the run log (30 bytes) was cut short, probably by a crash: not imported (run-log-torn)" t.err \
  || fail "torn: $(cat t.err)"
history all.json s7 > s7.jsonl
[ "$(wc -l < s7.jsonl)" = 2 ] || fail "import: $(cat s7.jsonl)"
head -1 s7.jsonl | grep -q '^{"job":"all","slot":"2026-03-31T00:00:00Z".*"status":"ok".*"node":null' || fail "import: first $(head -1 s7.jsonl)"
tail -1 s7.jsonl | grep -q '^{"job":"all","slot":"2026-04-01T00:00:00Z".*"status":"ok"' || fail "import: last $(tail -1 s7.jsonl)"
"$timeline" schedule run --config all.json --state s7 --clock 2026-04-01T08:02+08:00 --until 2026-04-01T08:03+08:00 2> t2.err \
  || fail "torn 2: $(cat t2.err)"
[ -s t2.err ] && grep -q warning t2.err && fail "imported twice: $(cat t2.err)"
[ "$(history all.json s7 | wc -l)" = 2 ] || fail "imported twice: $(history all.json s7)"

# 5. --until before --clock.
"$timeline" schedule run --config all.json --state s4 --clock 2026-03-05T07:00Z --until 2026-03-01T07:00Z 2> u.err
status=$?
[ "$status" = 2 ] || fail "--until before --clock: status $status"
grep -qxF "timeline schedule run: --until 2026-03-01T07:00:00Z is before the start (--clock 2026-03-05T07:00:00Z); nothing would run" u.err \
  || fail "--until: $(cat u.err)"
[ -e s4 ] && fail "--until before --clock ran something (or made its state)"

# 6. A symbolic link out of the output root.
mkdir -p linked/elsewhere linked/root
ln -s ../elsewhere linked/root/out
cat > linked/root/schedules.json <<JSON
{"jobs": [{"id": "d", "cron": "0 8 * * *", "retries": 2, $common}]}
JSON
"$timeline" schedule run --config linked/root/schedules.json --state s6 --clock 2026-03-01T07:59+08:00 \
  --until 2026-03-01T08:01+08:00 2> l.err || fail "symlink run: $(cat l.err)"
grep -qF "timeline schedule: d 2026-03-01 08:00 CST: failed: output linked/root/out/d/2026-03-01.md is $(pwd -P)/linked/elsewhere/d/2026-03-01.md once symbolic links are followed, outside the output root $(pwd -P)/linked/root; nothing written" l.err \
  || fail "symlink: $(cat l.err)"
[ -z "$(ls -A linked/elsewhere)" ] || fail "symlink: written outside the root: $(ls -R linked/elsewhere)"
"$timeline" schedule once --config linked/root/schedules.json --state s6 --job d --slot 2026-03-01T08:00 2> l2.err
status=$?
[ "$status" = 1 ] || fail "symlink once: status $status: $(cat l2.err)"
echo ok
