#!/usr/bin/env bash
# The shipped systemd units (dist/systemd/): each runs unprivileged (a User= that is not root,
# no new privileges, a read-only system), and the README shows each file exactly as shipped.
# With systemd-analyze on the machine, the units are also checked by it.
# Usage: units.sh SOURCE_DIR
set -uo pipefail
src=$1
fail() { echo "FAIL: $*"; exit 1; }
readme=$(cat "$src/README.md")
n=0
for unit in "$src"/dist/systemd/*; do
  name=dist/systemd/$(basename "$unit")
  n=$((n + 1))
  block=$(printf '`%s`:\n\n```ini\n%s\n```' "$name" "$(cat "$unit")")
  [[ "$readme" == *"$block"* ]] || fail "README.md does not show $name as shipped"
  case "$unit" in
    *.service)
      user=$(sed -n 's/^User=//p' "$unit")
      [ -n "$user" ] || fail "$name has no User=: it would run as root"
      [ "$user" != root ] && [ "$user" != 0 ] || fail "$name runs as root"
      grep -qx 'NoNewPrivileges=yes' "$unit" || fail "$name lacks NoNewPrivileges=yes"
      grep -qx 'ProtectSystem=strict' "$unit" || fail "$name lacks ProtectSystem=strict"
      grep -q '^ReadWritePaths=' "$unit" || fail "$name names no writable output directory"
      ;;
  esac
  if command -v systemd-analyze >/dev/null && [ -d /run/systemd/system ]; then
    systemd-analyze verify "$unit" 2>&1 | grep -v "Command .* is not executable\|/srv/timeline" | grep . \
      && fail "systemd-analyze verify $name"
  fi
done
[ "$n" -ge 3 ] || fail "expected the service, the timer and its service in dist/systemd, found $n"
echo ok
