#!/usr/bin/env bash
# Clustered schedulers on a real PostgreSQL 15 (docs/scheduling.md, "Several schedulers"):
# a throw-away cluster in a temporary directory on a free loopback port; three
# `timeline schedule run` share it over one simulated month of an hourly job (720 slots);
# the one running a report is killed with SIGKILL and restarted. Then every slot has exactly
# one "ok" in the history (none lost, none twice), the killed one's slot was taken over once
# (a "lost" record, then an ok with the next attempt number), and every brief exists. The
# database server is restarted meanwhile: the schedulers reconnect.
# Skips (77) only when the PostgreSQL server programs are not installed.
# Usage: cluster-pg.sh TIMELINE SOURCE_DIR
set -uo pipefail
timeline=$1
src=$2
pgbin=/usr/lib/postgresql/15/bin
if [ ! -x "$pgbin/initdb" ] || [ ! -x "$pgbin/pg_ctl" ]; then
  echo "SKIP: $pgbin/initdb not found (Debian package postgresql-15, see deps/debian-packages.txt)"
  exit 77
fi

work=$(mktemp -d)
chmod 755 "$work"
pids=()
# initdb and the server refuse to run as root: as root (CI), they run as nobody.
as_pg() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; else "$@"; fi
}
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  [ -f "$work/pg/data/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  for f in "$work"/node*.err; do echo "--- $f (last lines)"; tail -5 "$f"; done
  [ -f "$work/pg/log" ] && { echo "--- server log (last lines)"; tail -20 "$work/pg/log"; }
  exit 1
}
cd "$work" || exit 2

# A free loopback port: the kernel picks one for a listening socket; the server gets it a
# moment later (another program taking it in between makes the start fail, visibly).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null)
[ -n "$port" ] || port=$((20000 + RANDOM % 20000))

mkdir -p pg/sock
[ "$(id -u)" = 0 ] && chown -R nobody:nogroup pg
as_pg "$pgbin/initdb" -D pg/data -U timeline --auth=trust -E UTF8 --no-locale >pg/initdb.log 2>&1 \
  || { cat pg/initdb.log; fail "initdb failed"; }
as_pg "$pgbin/pg_ctl" -D pg/data -l pg/log -w -t 30 \
  -o "-p $port -k $work/pg/sock -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
  || fail "the server did not start on port $port"
url="postgresql://timeline@127.0.0.1:$port/postgres"

# The report is cheap (txt of the seed data set); the schedule is an hourly job in UTC.
cat > schedules.json <<JSON
{"state": "$url",
 "jobs": [{"id": "hourly", "cron": "0 * * * *", "timezone": "UTC", "format": "txt", "lang": "en",
           "template": "$src/report-templates/brief.json",
           "data": ["$src/data"], "output": "out/{job}/{slot:%Y-%m-%dT%H}.txt", "retries": 1, "retry_delay_seconds": 60}]}
JSON
from=2026-03-01T00:00:30Z
until=2026-03-31T00:00:30Z
start_node() {  # start_node N: a scheduler over the month, its log in nodeN.err
  "$timeline" schedule run --config schedules.json --lease 3 --clock "$from" --until "$until" 2>"node$1.err" &
  pids+=($!)
  eval "node$1=$!"
}
start_node 1
start_node 2
start_node 3

# Once the month is under way, kill the node that is running a report, while it runs.
history() { "$timeline" schedule history --config schedules.json --format json 2>/dev/null; }
for _ in $(seq 1 600); do
  [ "$(ls out/hourly 2>/dev/null | wc -l)" -ge 100 ] && break
  kill -0 "$node1" 2>/dev/null || kill -0 "$node2" 2>/dev/null || kill -0 "$node3" 2>/dev/null \
    || fail "every scheduler ended before the month got under way"
  sleep 0.1
done
victim=
for _ in $(seq 1 2000); do
  for n in 1 2 3; do
    p=$(eval echo "\$node$n")
    if pgrep -P "$p" >/dev/null 2>&1; then victim=$n; kill -9 "$p"; break 2; fi
  done
  sleep 0.005
done
[ -n "$victim" ] || fail "no scheduler was seen running a report"
wait "$(eval echo "\$node$victim")" 2>/dev/null
echo "killed node $victim during a report; restarting it"
start_node "$victim"b

# The database restarts under them: the schedulers reconnect and go on.
sleep 2
as_pg "$pgbin/pg_ctl" -D pg/data -m fast -w -t 30 restart -o "-p $port -k $work/pg/sock -c listen_addresses=127.0.0.1 -c fsync=off" -l pg/log >/dev/null \
  || fail "the server did not restart"
echo "restarted the database server"

# Everyone runs to the end of the month (about a minute on an idle machine; 7 at most).
for p in "${pids[@]}"; do
  for _ in $(seq 1 4200); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$p" 2>/dev/null && fail "scheduler $p still running after seven minutes"
done
for n in 1 2 3 "${victim}b"; do
  [ "$n" = "$victim" ] && continue
  grep -q "^timeline schedule: stopped" "node$n.err" || fail "node $n did not stop: $(tail -3 "node$n.err")"
done

history > history.jsonl
oks=$(grep '"status":"ok"' history.jsonl | sed 's/.*"slot":"\([^"]*\)".*/\1/' | sort)
[ "$(echo "$oks" | wc -l)" = 720 ] || fail "expected 720 ok runs, got $(echo "$oks" | wc -l)"
[ "$(echo "$oks" | uniq | wc -l)" = 720 ] || fail "a slot ran twice: $(echo "$oks" | uniq -d | head -3)"
[ "$(echo "$oks" | head -1)" = 2026-03-01T01:00:00Z ] || fail "first slot $(echo "$oks" | head -1)"
[ "$(echo "$oks" | tail -1)" = 2026-03-31T00:00:00Z ] || fail "last slot $(echo "$oks" | tail -1)"
grep -v '"status":"ok"' history.jsonl | grep -v '"status":"lost"' && fail "unexpected records above"
[ "$(grep -c '"status":"lost"' history.jsonl)" = 1 ] || fail "expected one lost record (the killed report)"
lost_slot=$(grep '"status":"lost"' history.jsonl | sed 's/.*"slot":"\([^"]*\)".*/\1/')
grep '"status":"ok"' history.jsonl | grep "\"slot\":\"$lost_slot\",.*\"attempt\":2," >/dev/null \
  || fail "the slot of the killed report ($lost_slot) was not run again as attempt 2: $(grep "\"slot\":\"$lost_slot\"" history.jsonl)"
[ "$(ls out/hourly | wc -l)" = 720 ] || fail "expected 720 briefs, got $(ls out/hourly | wc -l)"
ls -A out/hourly | grep -q '^\.' && fail "temporary files left: $(ls -A out/hourly | grep '^\.')"
nodes=$(grep '"status":"ok"' history.jsonl | sed 's/.*"node":"\([^"]*\)".*/\1/' | sort -u | wc -l)
echo "ok: 720 slots once each, run by $nodes nodes; the killed node's slot $lost_slot taken over"
