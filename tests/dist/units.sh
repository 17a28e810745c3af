#!/usr/bin/env bash
# The shipped systemd units (packaging/systemd/, installed by the Debian package): each
# service runs unprivileged (a dynamic user, or a User= that is not root), with no new
# privileges and a read-only system, writing only its state directory. With systemd running
# on the machine, systemd-analyze also verifies them.
# Usage: units.sh SOURCE_DIR
set -uo pipefail
src=$1
fail() { echo "FAIL: $*"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
for unit in "$src"/packaging/systemd/*.in; do
  name=packaging/systemd/$(basename "$unit")
  n=$((n + 1))
  case "$unit" in
    *.service.in)
      user=$(sed -n 's/^User=//p' "$unit")
      if ! grep -qx 'DynamicUser=yes' "$unit"; then
        [ -n "$user" ] || fail "$name has neither DynamicUser=yes nor User=: it would run as root"
        [ "$user" != root ] && [ "$user" != 0 ] || fail "$name runs as root"
      fi
      grep -qx 'NoNewPrivileges=yes' "$unit" || fail "$name lacks NoNewPrivileges=yes"
      grep -qx 'ProtectSystem=strict' "$unit" || fail "$name lacks ProtectSystem=strict"
      grep -q '^StateDirectory=' "$unit" || grep -q '^ReadWritePaths=' "$unit" || fail "$name names no writable directory"
      ;;
  esac
  if command -v systemd-analyze >/dev/null && [ -d /run/systemd/system ]; then
    out="$work/$(basename "${unit%.in}")"
    sed 's#@TL_BINARY@#/usr/bin/timeline#' "$unit" >"$out"
    systemd-analyze verify "$out" 2>&1 | grep -v "Command .* is not executable" | grep . && fail "systemd-analyze verify $name"
  fi
done
[ "$n" -ge 3 ] || fail "expected at least 3 units, found $n"
echo "$n units checked"
