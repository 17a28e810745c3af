#!/bin/bash
# `timeline report --format pdf` from the command line: the default output path, all three
# language modes, qpdf --check, byte-identical reruns, and a failed run leaving out/ as it was.
# Usage: cli-pdf.sh TIMELINE SOURCE_DIR
set -u
timeline=$1
src=$2
. "$(dirname "${BASH_SOURCE[0]}")/../lib/checks.sh"

mkdir -p "$work/project"
cp -r "$src/data" "$src/report-templates" "$work/project/"
cd "$work/project"

# Defaults: from the project root, no flags but the date.
"$timeline" report --as-of 2026-11-23 2>"$work/err" || { cat "$work/err"; echo "FAIL: default pdf run"; exit 1; }
check "default output path" '[ -f out/brief-2026-11-23.pdf ]'
check "stderr names the file" 'grep -q "wrote out/brief-2026-11-23.pdf" "$work/err"'
size=$(stat -c %s out/brief-2026-11-23.pdf)
check "seed brief under 300 KB ($size bytes)" '[ "$size" -lt 307200 ]'
if command -v qpdf >/dev/null; then
  check "qpdf --check" 'qpdf --check out/brief-2026-11-23.pdf >/dev/null 2>&1'
fi

for lang in bi zh en; do
  "$timeline" report --as-of 2026-11-23 --lang $lang -o out/$lang.pdf 2>/dev/null
  check "$lang written" '[ -s out/$lang.pdf ]'
  "$timeline" report --as-of 2026-11-23 --lang $lang -o out/$lang-again.pdf 2>/dev/null
  check "$lang byte-identical on rerun" 'cmp -s out/$lang.pdf out/$lang-again.pdf'
  if command -v pdftotext >/dev/null; then
    pdftotext -enc UTF-8 out/$lang.pdf "$work/$lang.txt" 2>"$work/$lang.poppler"
    # The fonts' ToUnicode CMaps are read without a warning, and give the printed sentences.
    check "$lang: pdftotext prints no warning" '[ ! -s "$work/$lang.poppler" ]'
    zh_line="本简报收录 24 项事件和 22 项数据，来自 3 个来源，时间跨度为 1991—2025 年。"
    zh_film="为电影《集结号》，于 2007 年 12 月上映。"
    en_line="This brief covers 24 events and 22 figures from 3 sources, spanning 1991–2025."
    case $lang in
      bi) check "bi text" 'grep -q "关键数据" "$work/bi.txt" && grep -q "Key figures" "$work/bi.txt" && grep -q "第 1 页 共" "$work/bi.txt" && grep -q "Page 1 of" "$work/bi.txt"'
          check "bi sentences" 'grep -qxF "$zh_line" "$work/bi.txt" && grep -qxF "$zh_film" "$work/bi.txt" && grep -qxF "$en_line" "$work/bi.txt"' ;;
      zh) check "zh text" 'grep -q "关键数据" "$work/zh.txt" && ! grep -q "Key figures" "$work/zh.txt"'
          check "zh sentences" 'grep -qxF "$zh_line" "$work/zh.txt" && grep -qxF "$zh_film" "$work/zh.txt"' ;;
      en) check "en text" 'grep -q "Key figures" "$work/en.txt" && ! grep -q "关键数据" "$work/en.txt"'
          check "en sentences" 'grep -qxF "$en_line" "$work/en.txt"' ;;
    esac
  fi
  if command -v pdftoppm >/dev/null; then
    check "$lang: pdftoppm renders without a warning" '[ -z "$(pdftoppm -r 20 -png out/$lang.pdf "$work/$lang-page" 2>&1)" ]'
  fi
  if command -v pdffonts >/dev/null; then
    # Every font embedded, subset, with a ToUnicode map.
    check "$lang: fonts embedded, subset, with ToUnicode" 'pdffonts out/$lang.pdf | tail -n +3 | awk "!/CID TrueType +Identity-H +yes yes yes/ { bad = 1 } END { exit bad }"'
  fi
done
sed 's/"page": "A4"/"page": "Letter"/' report-templates/brief.json >letter.json
"$timeline" report --as-of 2026-11-23 --template letter.json -o out/letter.pdf 2>/dev/null
if command -v pdfinfo >/dev/null; then
  check "Letter pages" 'pdfinfo out/letter.pdf 2>/dev/null | grep -q "Page size: *612 x 792 pts (letter)"'
  check "A4 pages" 'pdfinfo out/bi.pdf 2>/dev/null | grep -q "Page size: *595.276 x 841.89 pts (A4)"'
fi
check "a different date gives a different file" '"$timeline" report --as-of 2026-11-24 -o out/other.pdf 2>/dev/null && ! cmp -s out/bi.pdf out/other.pdf'

# A failed run leaves out/ untouched: bad data, and an unusable font theme.
listing() { (cd out && ls -l --time-style=+%s.%N | sort; md5sum *) ; }
before=$(listing)
mkdir bad && cp -r data/* bad/ && sed -i 's/"2018-09"/"2018-13"/' bad/shanghai-ai.json
"$timeline" report --data bad --as-of 2026-11-23 -o out/bi.pdf 2>"$work/err"
status=$?
check "bad data exits 1 (got $status)" '[ $status -eq 1 ]'
check "bad data: nothing written" 'grep -q "nothing written" "$work/err"'
sed 's#"family": "Noto Serif",#"family": "Noto Serif Nowhere",#' report-templates/theme.json >bad-theme.json
"$timeline" report --as-of 2026-11-23 --theme bad-theme.json -o out/bi.pdf 2>"$work/err"
status=$?
check "missing font exits non-zero (got $status)" '[ $status -ne 0 ]'
check "missing font names the package" 'grep -q "fonts-noto-core" "$work/err"'
check "out/ untouched" '[ "$before" = "$(listing)" ]'
check "no temporary files left" '[ -z "$(ls -A out | grep -v "\.pdf$")" ]'

# A character no font covers: a warning naming it, the rest of the text printed.
case_dir="$src/tests/cases/report-pdf-missing-glyph"
"$timeline" report --data "$case_dir/data" --template "$case_dir/template.json" --as-of 2026-11-23 -o out/glyphs.pdf 2>"$work/err"
status=$?
check "uncovered character without --strict: exit 0 (got $status)" '[ $status -eq 0 ] && [ -s out/glyphs.pdf ]'
check "uncovered character is a warning" 'grep -q "warning: U+20BB7 𠮷 is not covered" "$work/err"'
if command -v pdftotext >/dev/null; then
  check "the rest of the title is printed" 'pdftotext -enc UTF-8 out/glyphs.pdf - 2>/dev/null | grep -q "吉野家野家"'
fi

# A PDF goes to standard output when that is a file or a pipe: the same bytes as the file.
"$timeline" report --as-of 2026-11-23 -o - >"$work/stdout.pdf" 2>"$work/err"
status=$?
check "-o - into a file: exit 0 (got $status)" '[ $status -eq 0 ]'
check "-o - gives the same PDF as -o FILE" 'cmp -s "$work/stdout.pdf" out/bi.pdf'
check "-o - writes nothing on stderr" '[ ! -s "$work/err" ]'
"$timeline" report --as-of 2026-11-23 -o - 2>/dev/null | cat >"$work/piped.pdf"
check "-o - into a pipe" 'cmp -s "$work/piped.pdf" out/bi.pdf'
# ... but not to a terminal (script(1) gives the command one).
if command -v script >/dev/null; then
  script -qec "$timeline report --as-of 2026-11-23 -o -" /dev/null >"$work/tty" 2>&1
  status=$?
  check "-o - on a terminal is a usage error (got $status)" '[ $status -eq 2 ] && grep -q "standard output is a terminal" "$work/tty"'
fi
# Standard output that cannot be written: exit 3 with a message, nothing else written.
if [ -w /dev/full ]; then
  "$timeline" report --as-of 2026-11-23 -o - >/dev/full 2>"$work/err"
  status=$?
  check "-o - > /dev/full exits 3 (got $status)" '[ $status -eq 3 ]'
  check "-o - > /dev/full says why" 'grep -q "cannot write to standard output: No space left on device" "$work/err"'
fi

exit $fail
