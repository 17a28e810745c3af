#!/bin/bash
# The installed program, away from the source tree: `cmake --install` into a temporary prefix,
# then, in an empty folder with a clean environment, `timeline init brief && cd brief &&
# timeline validate && timeline report` gives a PDF; templates and the theme are found in the
# order of src/base/lookup.h; the man page renders; the completions complete.
# Usage: install.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
src=$2
. "$(dirname "${BASH_SOURCE[0]}")/../lib/checks.sh"

cmake --install "$build" --prefix "$work/prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; echo "FAIL: cmake --install"; exit 1; }
prefix=$work/prefix
timeline=$prefix/bin/timeline
for f in bin/timeline libexec/timeline/timeline-schedule share/timeline/report-templates/brief.json share/timeline/report-templates/timeline.json \
         share/timeline/report-templates/theme.json share/timeline/schemas/dataset.schema.json \
         share/man/man1/timeline.1.gz share/bash-completion/completions/timeline share/zsh/vendor-completions/_timeline \
         lib/systemd/system/timeline-schedule.service lib/systemd/system/timeline-brief@.service \
         lib/systemd/system/timeline-brief@.timer; do
  check "installed $f" '[ -f "$prefix/$f" ]'
done

# A clean environment: no TIMELINE_PATH, a home of its own, the source tree out of reach.
mkdir -p "$work/home" "$work/empty"
run() { (cd "$1" && shift && env -i PATH=/usr/bin:/bin HOME="$work/home" TZ=UTC "$@"); }

run "$work/empty" "$timeline" init brief >"$work/out" 2>"$work/err"
check "init exits 0" '[ $? -eq 0 ]'
check "init says what to do next" 'grep -q "next: cd brief && timeline validate && timeline report" "$work/err"'
check "init names the installed schemas for editors" \
  'grep -q "\"\$schema\": \"$prefix/share/timeline/schemas/dataset.schema.json\"" "$work/empty/brief/data/library.json"'
run "$work/empty/brief" "$timeline" validate 2>"$work/err"
check "validate the starter (exit 0)" '[ $? -eq 0 ] && grep -q ": valid" "$work/err"'
run "$work/empty/brief" "$timeline" report --as-of 2026-11-23 2>"$work/err"
status=$?  # before check's own $(...) resets $?
check "report the starter (exit $status): $(cat "$work/err")" '[ $status -eq 0 ] && [ -s "$work/empty/brief/out/brief-2026-11-23.pdf" ]'
check "no warning from the starter" '! grep -q "warning" "$work/err"'
if command -v pdftotext >/dev/null; then
  pdftotext -enc UTF-8 "$work/empty/brief/out/brief-2026-11-23.pdf" "$work/brief.txt" 2>/dev/null
  check "the starter brief in both languages" 'grep -q "示例简报" "$work/brief.txt" && grep -q "Example brief: Riverside public libraries" "$work/brief.txt"'
fi
run "$work/empty/brief" "$timeline" schedule next --count 1 >"$work/out" 2>&1
check "the starter's schedules.json" '[ $? -eq 0 ] && grep -q "daily-brief" "$work/out"'
run "$work/empty" "$timeline" init brief 2>"$work/err"
check "init refuses a folder that is not empty (exit 2)" '[ $? -eq 2 ] && grep -q "not an empty folder" "$work/err"'

# Lookup order: the installed share, then /etc (not touched here), the user's, TIMELINE_PATH,
# the project; --template FILE bypasses it.
mkdir -p "$work/p/data"
cp "$work/empty/brief/data/"* "$work/p/data/"
title() {  # the title of the brief `report --format json` builds in $work/p with extra env
  run "$work/p" env "$@" "$timeline" report --format json -o - --as-of 2026-11-23 2>/dev/null |
    sed -n 's/.*"marking": *{"zh": *"\([^"]*\)".*/\1/p' | head -1
}
template() {  # writes a template whose marking is $2 into $1/report-templates/brief.json
  mkdir -p "$1/report-templates"
  printf '{"id": "brief", "marking": {"zh": "%s", "en": "%s"}, "sections": [{"type": "cover"}]}\n' "$2" "$2" \
    >"$1/report-templates/brief.json"
}
check "installed generic brief" '[ "$(title)" = "内部资料" ]'
template "$work/home/.config/timeline" user
check "the user's ~/.config/timeline over the installed one" '[ "$(title)" = user ]'
template "$work/xdg/timeline" xdg
check "\$XDG_CONFIG_HOME/timeline" '[ "$(title XDG_CONFIG_HOME="$work/xdg")" = xdg ]'
template "$work/extra" extra
check "TIMELINE_PATH over the user's" '[ "$(title TIMELINE_PATH="$work/nowhere:$work/extra")" = extra ]'
template "$work/p" project
check "the project over all" '[ "$(title TIMELINE_PATH="$work/extra")" = project ]'
run "$work/p" "$timeline" report --template breif --format md -o - >/dev/null 2>"$work/err"
check "unknown template name: exit 2, where it looked, did you mean" \
  '[ $? -eq 2 ] && grep -q "no template .breif.: looked for report-templates/breif.json, $work/home/.config/timeline/report-templates/breif.json" "$work/err" && grep -q "did you mean .brief." "$work/err"'
# The theme comes from the same places: a project theme with a font not installed is used.
mkdir -p "$work/p/report-templates"
sed 's#"family": "Noto Serif",#"family": "Noto Serif Nowhere",#' "$prefix/share/timeline/report-templates/theme.json" \
  >"$work/p/report-templates/theme.json"
run "$work/p" "$timeline" report --as-of 2026-11-23 -o out.pdf 2>"$work/err"
check "the project's theme is used, and a missing font names its package (exit 1)" \
  '[ $? -eq 1 ] && grep -q "font \"latin-serif\" (Noto Serif Nowhere Regular) is not installed: install the Debian package fonts-noto-core (font-missing)" "$work/err"'
rm "$work/p/report-templates/theme.json"

# Relative paths in a schedules file are relative to it, wherever the scheduler runs.
run "$work/empty" "$timeline" schedule once --job daily-brief --config brief/schedules.json --state "$work/state" \
  --slot 2026-11-23T08:00 >"$work/out" 2>&1
status=$?
check "schedule once from another folder (exit $status): $(cat "$work/out")" '[ $status -eq 0 ] && [ -s "$work/empty/brief/out/daily-brief/2026-11-23.pdf" ]'

# timeline hands `schedule` to its scheduler program; copied alone, it says what is missing
# (unless a scheduler is installed where the build installs it).
mkdir -p "$work/lonely/bin"
cp "$timeline" "$work/lonely/bin/timeline"
if [ ! -x "$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")/libexec/timeline/timeline-schedule" ]; then
  run "$work/empty" "$work/lonely/bin/timeline" schedule next --config brief/schedules.json >"$work/out" 2>&1
  status=$?
  check "timeline without its scheduler: exit 3 and says so (exit $status): $(cat "$work/out")" \
    '[ $status -eq 3 ] && grep -q "cannot run the scheduler program timeline-schedule" "$work/out" && grep -q "reinstall timeline" "$work/out"'
fi

# The man page renders without warnings and lists every command.
if command -v groff >/dev/null; then
  zcat "$prefix/share/man/man1/timeline.1.gz" | groff -man -Tutf8 -ww -z 2>"$work/err"
  check "man page: no groff warnings" '[ ! -s "$work/err" ]'
  zcat "$prefix/share/man/man1/timeline.1.gz" | groff -man -Tutf8 2>/dev/null | col -bx >"$work/man.txt"
  for c in "timeline validate" "timeline report" "timeline schedule once" "timeline schedule history" "timeline import timelinejs" "timeline init" \
           "EXIT STATUS" "TIMELINE_PATH"; do
    check "man page names $c" 'grep -q "$c" "$work/man.txt"'
  done
fi

# bash completion (with and without the bash-completion package's helpers).
cat >"$work/complete.bash" <<'SH'
source "$1"
shift
[ "$1" = helpers ] && { source /usr/share/bash-completion/bash_completion 2>/dev/null || exit 0; }
shift
COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
_timeline
printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
SH
bashcomp=$prefix/share/bash-completion/completions/timeline
for mode in plain helpers; do
  c() { (cd "$work/empty/brief" && bash "$work/complete.bash" "$bashcomp" $mode "$@"); }
  check "bash ($mode): timeline re" '[ "$(c timeline re)" = "report " ]'
  check "bash ($mode): timeline schedule ''" '[ "$(c timeline schedule "")" = "history next once run status " ]'
  check "bash ($mode): timeline report --format ''" '[ "$(c timeline report --format "")" = "json md pdf txt " ]'
  check "bash ($mode): timeline list ''" '[ "$(c timeline list "")" = "entities events figures sources " ]'
  check "bash ($mode): timeline report --t" '[ "$(c timeline report --t)" = "--template --theme --to " ]'
  check "bash ($mode): timeline report --data d" '[ "$(c timeline report --data d)" = "data " ]'
done

# zsh completion, with zsh's completion builtins replaced by ones that print what is offered.
if command -v zsh >/dev/null; then
  cat >"$work/complete.zsh" <<'SH'
compadd() { while [[ $1 != -- ]]; do shift; done; shift; print -r -- "$@"; }
_describe() { local -a items=("${(@P)4}"); print -r -- ${items%%:*}; }
_files() { print -r -- "(files $*)"; }
_message() { print -r -- "(message)"; }
file=$1
shift
words=("$@"); CURRENT=$#
source "$file"  # its last line completes the words
SH
  z() { zsh -f -c "source $work/complete.zsh $prefix/share/zsh/vendor-completions/_timeline \"\$@\"" zsh "$@" 2>&1; }
  check "zsh: timeline ''" '[ "$(z timeline "")" = "validate list report stats fonts schedule import export init" ]'
  check "zsh: timeline schedule ''" '[ "$(z timeline schedule "")" = "run next once history status" ]'
  check "zsh: timeline report --format ''" '[ "$(z timeline report --format "")" = "pdf json md txt" ]'
  check "zsh: timeline report --data ''" '[ "$(z timeline report --data "")" = "(files -/)" ]'
  check "zsh: timeline list ''" '[ "$(z timeline list "")" = "events figures sources entities" ]'
fi

# systemd units name the installed program and run unprivileged with a state directory.
for u in timeline-schedule.service timeline-brief@.service; do
  f=$prefix/lib/systemd/system/$u
  check "$u: ExecStart is the installed program" 'grep -q "^ExecStart=.*/bin/timeline schedule" "$f"'
  check "$u: DynamicUser and StateDirectory" 'grep -q "^DynamicUser=yes" "$f" && grep -q "^StateDirectory=timeline" "$f"'
done
exit $fail
