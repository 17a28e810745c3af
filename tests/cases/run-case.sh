#!/usr/bin/env bash
# Runs one data-driven case: tests/cases/<name>/ holds
#   cmd           arguments after `timeline` (default: validate --data data)
#   data/         the input files (or generate.sh, which writes them into data/ first)
#   expected.err  exact standard error
#   expected.out  exact standard output (optional)
#   exit          expected exit status
# Run from the case directory so that file names in diagnostics are relative.
# BLESS=1 rewrites the expectations from the actual output (review the diff!).
set -uo pipefail
timeline=$1
case_dir=$2
cd "$case_dir" || exit 2
if [ -x generate.sh ] || [ -f generate.sh ]; then
  rm -rf data && mkdir -p data && bash generate.sh || { echo "generate.sh failed"; exit 1; }
fi
args=(validate --data data)
if [ -f cmd ]; then read -r -a args < cmd; fi
actual_err=$(mktemp); actual_out=$(mktemp)
trap 'rm -f "$actual_err" "$actual_out"' EXIT
"$timeline" "${args[@]}" >"$actual_out" 2>"$actual_err"
status=$?
if [ "${BLESS:-0}" = 1 ]; then
  cp "$actual_err" expected.err
  if [ -s "$actual_out" ] || [ -f expected.out ]; then cp "$actual_out" expected.out; fi
  echo "$status" > exit
  exit 0
fi
fail=0
if ! diff -u expected.err "$actual_err"; then echo "stderr differs"; fail=1; fi
if [ -f expected.out ] && ! diff -u expected.out "$actual_out"; then echo "stdout differs"; fail=1; fi
expected_status=$(cat exit)
if [ "$status" != "$expected_status" ]; then echo "exit status $status, expected $expected_status"; fail=1; fi
if [ -f generate.sh ]; then rm -rf data; fi
exit $fail
