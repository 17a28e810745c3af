#!/usr/bin/env bash
# Temporary files of `timeline report` under faults, from the outside (docs/robustness.md):
#   1. the file size limit (ulimit -f): exit 3 with a diagnostic, nothing left in the directory;
#   2. SIGTERM and SIGINT while the brief is written: the temporary file is removed and the
#      process ends by the signal; no brief;
#   3. SIGKILL while the brief is written: the temporary file stays (nothing can catch
#      SIGKILL) and the next run removes it.
# The write is held open by strace delaying the fsync of the temporary file by 3 s.
# Usage: write-hygiene.sh TIMELINE SOURCE_DIR
set -uo pipefail
set -m   # background jobs keep SIGINT (a non-interactive shell would ignore it for them)
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
fail() { echo "FAIL: $*"; exit 1; }
report=(report --data "$src/data" --template "$src/report-templates/brief.json" --theme "$src/report-templates/theme.json"
        --as-of 2026-01-01)

# 1. ulimit -f (in 1024-byte blocks): the Markdown brief is ~27 KB, the PDF's subset fonts more than 1 KB.
mkdir fsize
( ulimit -f 8; "$timeline" "${report[@]}" --format md -o fsize/b.md 2> fsize.err ); status=$?
[ "$status" = 3 ] || fail "ulimit -f, md: status $status, expected 3: $(cat fsize.err)"
grep -qF "fsize/b.md: error: write failed: File too large (the file size limit, ulimit -f, is 8 KiB) (io-write)" fsize.err \
  || fail "ulimit -f, md: unexpected message: $(cat fsize.err)"
( ulimit -f 1; "$timeline" "${report[@]}" -o fsize/b.pdf 2> fsize-pdf.err ); status=$?
[ "$status" = 3 ] || fail "ulimit -f, pdf: status $status, expected 3: $(cat fsize-pdf.err)"
grep -q "timeline report: nothing written" fsize-pdf.err || fail "ulimit -f, pdf: $(cat fsize-pdf.err)"
[ -z "$(ls -A fsize)" ] || fail "ulimit -f left files: $(ls -A fsize)"

# 2 and 3 need ptrace (strace); a container without it cannot run them.
if ! strace -o /dev/null true 2>/dev/null; then
  echo "SKIP: strace cannot trace here (ptrace not permitted); 1 passed"
  exit 77
fi

# Starts a report whose fsync strace holds for 3 s; sets $tracer and $writer (the report's pid)
# once the temporary file exists.
start_held_write() {  # DIR
  strace -f -o /dev/null -e trace=fsync -e inject=fsync:delay_enter=3000000 \
    "$timeline" "${report[@]}" --format md -o "$1/b.md" 2> "$1.err" &
  tracer=$!
  pids+=("$tracer")
  for _ in $(seq 1 200); do
    ls -A "$1" | grep -q '^\.b\.md\.tmp-' && break
    sleep 0.05
  done
  ls -A "$1" | grep -q '^\.b\.md\.tmp-' || fail "$1: the report did not start writing: $(cat "$1.err")"
  writer=$(pgrep -P "$tracer" | head -1)
  [ -n "$writer" ] || fail "$1: no report process"
}

for sig in TERM INT; do
  mkdir "sig$sig"
  start_held_write "sig$sig"
  kill -"$sig" "$writer"
  wait "$tracer"; status=$?
  expected=$((128 + $(kill -l "$sig")))
  [ "$status" = "$expected" ] || fail "SIG$sig: status $status, expected $expected: $(cat "sig$sig.err")"
  [ -z "$(ls -A "sig$sig")" ] || fail "SIG$sig left files: $(ls -A "sig$sig")"
done

mkdir kill9
start_held_write kill9
kill -KILL "$writer"
wait "$tracer"
ls -A kill9 | grep -q '^\.b\.md\.tmp-' || fail "SIGKILL: expected the temporary file to stay"
"$timeline" "${report[@]}" --format md -o kill9/b.md 2> kill9-again.err || fail "rerun: $(cat kill9-again.err)"
[ "$(ls -A kill9)" = "b.md" ] || fail "the rerun did not sweep the killed run's temporary file: $(ls -A kill9)"
echo "ok"
