#!/usr/bin/env bash
# Installs the Debian package on a clean Debian 12 and takes a new user's first steps there:
# `apt install ./timeline_*.deb`, then, in an empty folder, as an unprivileged user,
# `timeline init brief && cd brief && timeline validate && timeline report` must write a PDF;
# `man timeline`, completion of the commands, `timeline list events > /dev/full` (exit 3) and
# the systemd units are checked too. Needs root (chroot, apt); not part of ctest.
#
#   bash packaging/test-deb.sh DEB            a fresh copy of a debootstrap'ed bookworm (made once
#                                             in /var/tmp/timeline-bookworm-base, needs debootstrap)
#   bash packaging/test-deb.sh DEB --here     this machine instead (apt install ./DEB)
set -uo pipefail
deb=$(realpath "$1")
mode=${2:-chroot}
base=${TIMELINE_CHROOT_BASE:-/var/tmp/timeline-bookworm-base}
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
[ "$(id -u)" -eq 0 ] || { echo "test-deb.sh: run as root (chroot, apt)"; exit 2; }

if [ "$mode" = --here ]; then
  root=""
  in_root() { bash -c "$1"; }
else
  if [ ! -x "$base/bin/bash" ]; then
    command -v debootstrap >/dev/null || { echo "test-deb.sh: install debootstrap, or use --here"; exit 2; }
    debootstrap --variant=minbase bookworm "$base" http://deb.debian.org/debian >/dev/null || exit 3
  fi
  root=$(mktemp -d /var/tmp/timeline-deb-test.XXXXXX)
  cp -a "$base/." "$root/"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mount -t proc proc "$root/proc"
  trap 'umount "$root/proc"; rm -rf "$root"' EXIT
  in_root() { chroot "$root" /bin/bash -c "$1"; }
  check "the chroot is clean: no fonts, no Poco before the package" \
    '! in_root "dpkg -s fonts-noto-core libpoco-foundation80 >/dev/null 2>&1"'
fi

cp "$deb" "$root/tmp/"
name=$(basename "$deb")
in_root "apt-get update -qq >/dev/null && cd /tmp && DEBIAN_FRONTEND=noninteractive apt install -y -qq ./$name" >/tmp/test-deb-apt.log 2>&1
status=$?
check "apt install ./$name" '[ $status -eq 0 ]'
[ $status -eq 0 ] || tail -20 /tmp/test-deb-apt.log
in_root "dpkg -s timeline" | sed -n 's/^Depends: /Depends: /p'
check "installed: /usr/bin/timeline, its scheduler, share, man page, completions, units" \
  'in_root "test -x /usr/bin/timeline && test -x /usr/libexec/timeline/timeline-schedule && test -f /usr/share/timeline/report-templates/theme.json && test -f /usr/share/man/man1/timeline.1.gz && test -f /usr/share/bash-completion/completions/timeline && test -f /usr/share/zsh/vendor-completions/_timeline && test -f /usr/lib/systemd/system/timeline-schedule.service"'

# A user of their own, an empty folder, no source tree anywhere near.
in_root "id brief >/dev/null 2>&1 || useradd -m brief"
user() { in_root "cd /home/brief && su brief -s /bin/bash -c '$1'"; }
# Exactly the README's first steps; the brief is named by the local date.
user "rm -rf empty && mkdir empty && cd empty && timeline init brief && cd brief && timeline validate && timeline report" >/tmp/test-deb-run.log 2>&1
status=$?
check "init, validate, report in an empty folder (exit $status): $(tr '\n' ' ' </tmp/test-deb-run.log)" '[ $status -eq 0 ]'
today=$(in_root "date +%F")
check "out/brief-$today.pdf is there" '[ -s "$root/home/brief/empty/brief/out/brief-$today.pdf" ]'
# A PDF into a pipe (-o -), with a fixed date.
pdf="$root/home/brief/empty/brief/out/piped.pdf"
user "cd empty/brief && set -o pipefail && timeline report --as-of 2026-11-23 -o - | cat > out/piped.pdf"
status=$?
check "report -o - into a pipe (exit $status) gives a PDF" '[ $status -eq 0 ] && [ "$(head -c 5 "$pdf")" = "%PDF-" ]'
if command -v pdftotext >/dev/null && [ -s "$pdf" ]; then
  # Read whole before grep (pipefail: grep -q ending early would fail the pipe).
  text=$(pdftotext -enc UTF-8 "$pdf" - 2>/dev/null)
  check "the PDF has both languages" 'grep -q "示例简报" <<<"$text" && grep -q "Example brief" <<<"$text"'
  pdffonts "$pdf" 2>/dev/null | sed -n '3,$p' | awk '{print "  font:", $1}' | sort -u
fi
check "timeline list events > /dev/full exits 3" \
  'user "cd empty/brief && timeline list events > /dev/full 2>/dev/null; test \$? -eq 3"'
version=$(user "timeline --version")
check "timeline --version: $version" 'grep -q "^timeline [0-9]" <<<"$version"'
reprot=$(user "timeline reprot 2>&1"; echo "exit $?")
check "timeline reprot: did you mean, exit 2: $reprot" \
  '[ "$reprot" = "$(printf "timeline: unknown command '"'"'reprot'"'"' — did you mean '"'"'report'"'"'?\nexit 2")" ]'

in_root "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq man-db bash-completion >/dev/null 2>&1"
man=$(in_root "MANPAGER=cat man timeline 2>/dev/null")
check "man timeline" 'grep -q "timeline schedule once" <<<"$man"'
check "bash completes the commands" \
  '[ "$(user "source /usr/share/bash-completion/bash_completion; _completion_loader timeline; COMP_WORDS=(timeline sch); COMP_CWORD=1; COMP_LINE=\"timeline sch\"; COMP_POINT=12; _timeline; echo \${COMPREPLY[*]}")" = schedule ]'
if command -v systemd-analyze >/dev/null; then
  for u in timeline-schedule.service timeline-brief@.service timeline-brief@.timer; do
    unit="$root/usr/lib/systemd/system/$u"
    [ -n "$root" ] || unit=/usr/lib/systemd/system/$u
    # verify resolves ExecStart on this machine: check the unit's syntax and directives.
    systemd-analyze verify --man=no "$unit" >/tmp/test-deb-unit.log 2>&1
    check "systemd-analyze verify $u: $(grep -v "Command /usr/bin/timeline is not executable\|timeline.* is not executable" /tmp/test-deb-unit.log | tr '\n' ' ')" \
      '! grep -v "Command /usr/bin/timeline is not executable\|timeline.* is not executable" /tmp/test-deb-unit.log | grep -q .'
  done
fi
[ $fail -eq 0 ] && echo "test-deb.sh: all checks passed" || echo "test-deb.sh: some checks failed"
exit $fail
