# Sourced by the end-to-end test scripts: $work, a scratch folder removed at exit, and
#   check NAME CONDITION
# which evaluates CONDITION and, when it is false, prints "FAIL: NAME" and sets $fail to 1
# (the script ends with `exit $fail`).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; fi; }
