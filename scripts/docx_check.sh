#!/usr/bin/env bash
# The Word export opened by other programs than ours: each briefing
# (the sample and every one under tests/data/briefings) exported as DOCX,
# opened by python-docx (which reads the package and every paragraph),
# and converted to PDF by LibreOffice (`soffice --headless --convert-to
# pdf`, from Debian's libreoffice-writer-nogui), whose text must hold
# every heading and paragraph of the document. The bundled faces are
# handed to LibreOffice through a private fontconfig file, so the pages
# look as they would where Vollkorn and Lato are installed. The pages are
# kept as PNGs (pdftoppm) for an eye to check. Not part of CI: it needs
# LibreOffice.
#
# Usage: scripts/docx_check.sh [BINARY] [OUT]
#   (default: target/debug/briefing, and a temporary folder, printed)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
bin=${1:-target/debug/briefing}
out=${2:-$(mktemp -d)}
mkdir -p "$out"
command -v soffice >/dev/null || { echo "docx_check: soffice not found (apt-get install libreoffice-writer-nogui)"; exit 1; }
[ -x "$bin" ] || cargo build --quiet
export SOURCE_DATE_EPOCH=997660800

# python-docx, in a venv of its own under target/ (made once).
venv=target/docx-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet python-docx
fi

# The bundled faces, for LibreOffice only.
cat > "$out/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>$repo/fonts</dir>
  <cachedir>$out/fontcache</cachedir>
</fontconfig>
CONF
export FONTCONFIG_FILE="$out/fonts.conf"

failed=0
for f in briefing.toml tests/data/briefings/*.toml; do
  name=$(basename "${f%.toml}")
  [ "$name" = briefing ] && name=sample
  docx="$out/$name.docx"
  "$bin" export "$f" --format docx -o "$docx" 2>/dev/null
  # python-docx: the package opens; the paragraphs to look for.
  "$venv/bin/python" - "$docx" > "$out/$name.paras" <<'PY'
import sys, docx
d = docx.Document(sys.argv[1])
assert d.core_properties.title, "no title"
for p in d.paragraphs:
    if p.text.strip():
        print(p.style.name + "\t" + p.text)
for t in d.tables:
    for row in t.rows:
        for c in row.cells:
            for p in c.paragraphs:
                if p.text.strip():
                    print(p.style.name + "\t" + p.text)
PY
  soffice --headless --convert-to pdf --outdir "$out" "$docx" >/dev/null 2>&1
  pdftotext "$out/$name.pdf" "$out/$name.txt"
  # Every paragraph's words are in the PDF's text (spaces, line ends and
  # hyphenation aside).
  python3 - "$out/$name.paras" "$out/$name.txt" <<'PY' || failed=1
import re, sys
# Spaces, line ends, hyphens (a hyphenated break and a hyphen broken
# at look alike), case (capitals styles) and digits (a note's number is
# text in the PDF, a field or an automatic number in the DOCX) aside.
def squash(s):
    return re.sub(r"[\s\u00ad\-\u2011\d]+", "", s).casefold()
raw = open(sys.argv[2]).read()
text = squash(raw)
missing = []
loose = 0
for line in open(sys.argv[1]):
    style, para = line.rstrip("\n").split("\t", 1)
    if squash(para) in text:
        continue
    # pdftotext may read a table cell's lines between its neighbours',
    # or the words of a loosely justified line out of order: its words,
    # then.
    if all(squash(w) in text for w in para.split()):
        loose += 1
        continue
    missing.append(f"{style}: {para[:70]}")
name = sys.argv[1].rsplit("/", 1)[-1]
if missing:
    print(f"{name}: {len(missing)} paragraphs not in the converted PDF:")
    for m in missing[:10]:
        print("   ", m)
    sys.exit(1)
total = sum(1 for _ in open(sys.argv[1]))
print(f"{name.removesuffix('.paras')}: all {total} paragraphs in the converted PDF ({loose} by their words)")
PY
  pdftoppm -png -r 60 "$out/$name.pdf" "$out/$name-page"
done
echo "pages: $out/*-page-*.png"
exit $failed
