#!/usr/bin/env bash
# The offline PDF/UA-1 and PDF/A-2 checks (../shared/tools/a11y/check.sh,
# four parts: outloud's Matterhorn conditions, the parent-tree links, a
# PDF/A-2b lint, and the `page` validator's ua1 and 2a profiles) on what
# briefing builds: the sample, every briefing under tests/data, the sample
# at letter and a4 x 1 and 2 columns x 8 and 14 pt and in each of the other
# languages, and every distinct PDF the tests built through the library
# (kept in $BRIEFING_TEST_PDFS by tests/common; .ci/run sets it for its
# `cargo test`, and without it this script runs the tests to fill it). The
# tests check the same structure from Rust on every PDF they build
# (tests/common/a11y.rs); this adds the independent validators.
#
# Usage: scripts/a11y.sh [BINARY]   (default: target/debug/briefing)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/briefing}
check=${A11Y_CHECK:-../shared/tools/a11y/check.sh}
if [ ! -x "$check" ]; then
  echo "a11y: $check not found; skipped (the Rust checks in cargo test still ran)"
  exit 0
fi
[ -x "$bin" ] || cargo build --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export SOURCE_DATE_EPOCH=997660800
build() { # NAME FILE
  "$bin" build "$2" -o "$out/$1.pdf" >"$out/$1.log" 2>&1 || { cat "$out/$1.log"; exit 1; }
}
build sample briefing.toml
for f in tests/data/briefings/*.toml examples/*.toml; do
  [ -e "$f" ] || continue
  build "$(basename "${f%.toml}")" "$f"
done
for paper in letter a4; do
  for cols in 1 2; do
    for size in 8 14; do
      v="$out/variant-$paper-$cols-$size.toml"
      sed -e "s/^paper = .*/paper = \"$paper\"/" -e "s/^columns = .*/columns = $cols/" \
          -e "s/^base_size = .*/base_size = $size/" -e "/^max_pages = /d" briefing.toml > "$v"
      build "variant-$paper-$cols-$size" "$v"
    done
  done
done
for lang in en-GB es fr de pt; do
  v="$out/lang-$lang.toml"
  sed -e "s/^language = .*/language = \"$lang\"/" briefing.toml > "$v"
  build "lang-$lang" "$v"
done
tests=${BRIEFING_TEST_PDFS:-}
if [ -z "$tests" ] || [ ! -d "$tests" ]; then
  tests="$out/tests"
  echo "a11y: running the tests to collect the PDFs they build"
  BRIEFING_TEST_PDFS="$tests" cargo test --quiet >"$out/tests.log" 2>&1 || { tail -30 "$out/tests.log"; exit 1; }
fi
cp "$tests"/*.pdf "$out/" 2>/dev/null || true
n=$(ls "$out"/*.pdf | wc -l)
echo "a11y: checking $n PDFs ($(ls "$tests"/*.pdf 2>/dev/null | wc -l) from the tests)"
"$check" "$out"/*.pdf > "$out/report.txt" 2>&1 || { cat "$out/report.txt"; echo "a11y: FAILED"; exit 1; }
grep -c "^PASS" "$out/report.txt" | sed 's/^/a11y: outloud passed /'
echo "a11y: all $n pass"
