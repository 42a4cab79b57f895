#!/usr/bin/env bash
# Whole-process timings and peak memory of release builds: the sample and
# generated briefings of about 10, 100 and 1,000 pages (examples/
# gen_briefing.rs), each a fresh process, as an author runs it.
#
#   scripts/bench.sh            # prints a Markdown table for README.md
#   RUNS=5 scripts/bench.sh     # fewer runs (default: 40 for the sample)
#
# Needs hyperfine (installed with apt-get when missing, if allowed) and GNU
# time (/usr/bin/time) for peak memory. If `typst` is on the PATH (or
# TYPST=/path/to/typst), the sample is also set with Typst
# (scripts/briefing_to_typst.py) for comparison. Per-stage timings are `cargo bench`'s (benches/pipeline.rs).
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet --bin briefing --example gen_briefing
BIN="$CARGO_TARGET_DIR/release/briefing"
GEN="$CARGO_TARGET_DIR/release/examples/gen_briefing"

if ! command -v hyperfine >/dev/null; then
    echo "hyperfine is missing; installing it with apt-get" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get install -y hyperfine >/dev/null 2>&1 ||
        { $SUDO apt-get update >/dev/null 2>&1 && $SUDO apt-get install -y hyperfine >/dev/null 2>&1; } ||
        { echo "could not install hyperfine" >&2; exit 1; }
fi
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is missing: apt-get install time" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp briefing.toml "$WORK/sample.toml"
for n in 10 100 1000; do "$GEN" "$n" > "$WORK/p$n.toml"; done

RUNS="${RUNS:-}"
runs_for() {
    if [ -n "$RUNS" ]; then echo "$RUNS"; return; fi
    case "$1" in sample) echo 40 ;; p10) echo 30 ;; p100) echo 10 ;; *) echo 3 ;; esac
}

# Median and min wall time (ms) of `briefing build`, from hyperfine's JSON.
time_build() {
    local name="$1"
    hyperfine --style none --warmup 2 --runs "$(runs_for "$name")" \
        --export-json "$WORK/$name.json" \
        "$BIN build $WORK/$name.toml -o $WORK/$name.pdf" >/dev/null 2>&1
    python3 - "$WORK/$name.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f'{r["median"] * 1000:.1f} {r["min"] * 1000:.1f}')
EOF
}

# Peak resident memory (MB), the largest of three runs.
peak_memory() {
    local name="$1" max=0 kb
    for _ in 1 2 3; do
        /usr/bin/time -v -o "$WORK/time.txt" "$BIN" build "$WORK/$name.toml" -o "$WORK/$name.pdf" >/dev/null 2>&1
        kb=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$WORK/time.txt")
        kb=${kb:-0}
        [ "$kb" -gt "$max" ] && max=$kb
    done
    awk -v kb="$max" 'BEGIN { printf "%.1f", kb / 1024 }'
}

declare -A MEDIAN MEM
echo "| input | pages | PDF | median | min | peak memory |"
echo "|---|---:|---:|---:|---:|---:|"
for name in sample p10 p100 p1000; do
    read -r median min < <(time_build "$name")
    mem=$(peak_memory "$name")
    MEDIAN[$name]=$median
    MEM[$name]=$mem
    pages=$(python3 - "$WORK/$name.pdf" <<'EOF'
import re, sys, zlib
d = open(sys.argv[1], "rb").read()
# /Count of the page tree, wherever lopdf put it (object streams included).
counts = re.findall(rb"/Type\s*/Pages.*?/Count\s+(\d+)", d, re.S)
if not counts:
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", d, re.S):
        try:
            counts += re.findall(rb"/Type\s*/Pages.*?/Count\s+(\d+)", zlib.decompress(m.group(1)), re.S)
        except zlib.error:
            pass
print(max((int(c) for c in counts), default=0))
EOF
)
    size=$(awk -v b="$(stat -c %s "$WORK/$name.pdf")" 'BEGIN { printf "%.1f KB", b / 1024 }')
    label=$([ "$name" = sample ] && echo "sample (briefing.toml)" || echo "generated, ${name#p} pages asked")
    echo "| $label | $pages | $size | ${median} ms | ${min} ms | ${mem} MB |"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
echo
echo "Growth: 100 vs 10 pages ×$(ratio "${MEDIAN[p100]}" "${MEDIAN[p10]}") time, ×$(ratio "${MEM[p100]}" "${MEM[p10]}") memory;" \
    "1,000 vs 100 pages ×$(ratio "${MEDIAN[p1000]}" "${MEDIAN[p100]}") time, ×$(ratio "${MEM[p1000]}" "${MEM[p100]}") memory."

TYPST="${TYPST:-$(command -v typst || true)}"
if [ -n "$TYPST" ] && [ -f scripts/briefing_to_typst.py ]; then
    python3 scripts/briefing_to_typst.py briefing.toml "$WORK/sample.typ" >/dev/null
    hyperfine --style none --warmup 2 --runs "$(runs_for sample)" --export-json "$WORK/typst.json" \
        "$TYPST compile --font-path fonts $WORK/sample.typ $WORK/typst.pdf" >/dev/null 2>&1
    typst_ms=$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["results"][0]; print("%.1f" % (r["median"] * 1000))' "$WORK/typst.json")
    /usr/bin/time -v -o "$WORK/time.txt" "$TYPST" compile --font-path fonts "$WORK/sample.typ" "$WORK/typst.pdf" >/dev/null 2>&1
    typst_mb=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); printf "%.1f", $2 / 1024 }' "$WORK/time.txt")
    echo
    echo "Typst $("$TYPST" --version | awk '{print $2}') on the same content: ${typst_ms} ms," \
        "$(awk -v b="$(stat -c %s "$WORK/typst.pdf")" 'BEGIN { printf "%.1f KB", b / 1024 }'), ${typst_mb} MB;" \
        "briefing is ×$(ratio "$typst_ms" "${MEDIAN[sample]}") faster."
else
    echo
    echo "Typst not found on the PATH: no comparison."
fi

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(date -u +%Y-%m-%d)."
