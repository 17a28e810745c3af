#!/usr/bin/env bash
# Builds the Debian package: a Release build for /usr without the tests, packed by cpack.
#   bash packaging/build-deb.sh          -> build-deb/timeline_<version>_<arch>.deb
# Needs the packages of deps/debian-packages.txt (dpkg-dev and file for cpack's dpkg-shlibdeps).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-deb}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DCMAKE_INSTALL_PREFIX=/usr \
  -DTIMELINE_WERROR="${TIMELINE_WERROR:-OFF}" >/dev/null
cmake --build "$build" -j"$(nproc)"
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls -t "$build"/timeline_*.deb | head -1)
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
echo "$deb"
