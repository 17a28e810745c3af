#!/bin/bash
# The font cache (src/theme/fontconfig.h): a first run writes what fontconfig found; later
# runs take it from there while nothing fontconfig read has changed; a change, a damaged or
# foreign file, or a cache folder that cannot be written leaves the fonts found as
# fontconfig finds them, and the brief the same byte for byte.
# Usage: font-cache.sh TIMELINE SOURCE_DIR
set -u
timeline=$1
src=$2
. "$(dirname "${BASH_SOURCE[0]}")/../lib/checks.sh"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT  # a folder made read-only below

export XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/share"
cache="$XDG_CACHE_HOME/timeline/fonts"
cd "$src"
fonts() { "$timeline" fonts check --data data --template report-templates/brief.json --theme report-templates/theme.json 2>&1; }
brief() { "$timeline" report --as-of 2026-11-23 -o "$1" 2>/dev/null; }

expected=$(fonts)
check "fonts check runs" '[ -n "$expected" ] && grep -q "uming.ttc" <<<"$expected"'
check "the first run writes the cache" '[ -f "$cache" ]'
check "one entry per font of the theme" '[ "$(grep -c "^font " "$cache")" = 8 ]'
check "stamps of what fontconfig read" 'grep -q "^stamp /etc/fonts/" "$cache" && grep -q "^stamp $XDG_CONFIG_HOME/fontconfig	-$" "$cache"'
check "a second run reads the same fonts" '[ "$(fonts)" = "$expected" ]'
brief "$work/cached.pdf"

# The cache answers: an entry changed by hand is taken as it stands.
sed -i 's|^\(font AR PL UMing CN	Light	\)[^	]*|\1/usr/share/fonts/truetype/wqy/wqy-microhei.ttc|' "$cache"
check "an entry of an up-to-date cache is used" 'fonts | grep " zh-serif " | grep -q wqy-microhei.ttc'

# What fontconfig reads changes (the user's fontconfig folder appears): fontconfig is asked
# again and the cache written anew.
mkdir -p "$XDG_CONFIG_HOME/fontconfig"
check "a change sets the cache aside" '[ "$(fonts)" = "$expected" ]'
check "and the cache is written again" 'grep "^font AR PL UMing CN" "$cache" | grep -q uming.ttc && grep -q "^stamp $XDG_CONFIG_HOME/fontconfig	[0-9]" "$cache"'

# Another environment for fontconfig: the entries are not taken.
sed -i 's|^\(font AR PL UMing CN	Light	\)[^	]*|\1/usr/share/fonts/truetype/wqy/wqy-microhei.ttc|' "$cache"
check "another FONTCONFIG_PATH sets the cache aside" '[ "$(FONTCONFIG_PATH=/etc/fonts fonts)" = "$expected" ]'

# A damaged file, an entry naming a file that is gone, a cache that cannot be written.
printf 'timeline font cache 1\nnot a line\n' > "$cache"
check "a damaged cache is ignored" '[ "$(fonts)" = "$expected" ]'
sed -i 's|^\(font AR PL UMing CN	Light	\)[^	]*|\1/nonexistent/uming.ttc|' "$cache"
check "an entry whose file is gone is not used" '[ "$(fonts)" = "$expected" ]'
rm -rf "$XDG_CACHE_HOME" && mkdir -p "$XDG_CACHE_HOME" && chmod a-w "$XDG_CACHE_HOME"
if [ ! -w "$XDG_CACHE_HOME" ]; then
  check "a cache folder that cannot be written changes nothing" '[ "$(fonts)" = "$expected" ] && [ ! -e "$cache" ]'
fi
brief "$work/uncached.pdf"
check "the brief is the same with the cache and without" 'cmp -s "$work/cached.pdf" "$work/uncached.pdf"'
chmod u+w "$XDG_CACHE_HOME"

exit $fail
