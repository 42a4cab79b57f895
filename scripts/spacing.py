#!/usr/bin/env python3
"""Word-space figures of a PDF's justified body lines, as the typography
targets state them: the share of spaces within 0.2-0.5 em, the share of
loose spaces (over 0.6 em), the median and the 95th percentile.

    python3 scripts/spacing.py OUT.pdf [MORE.pdf ...]

The gaps are the ones ../shared/tools/pdfcheck.py measures (set PDFCHECK
to its path if it lives elsewhere): this script runs its layout check and
keeps the list of gaps it computes its percentiles from.
"""
import contextlib
import importlib.util
import io
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PDFCHECK = os.environ.get("PDFCHECK", os.path.join(HERE, "..", "..", "shared", "tools", "pdfcheck.py"))


def load():
    spec = importlib.util.spec_from_file_location("pdfcheck", PDFCHECK)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def gaps_of(mod, pdf):
    seen = []
    real = statistics.quantiles

    def keep(data, n=4, **kw):
        seen.append(list(data))
        return real(data, n=n, **kw)

    mod.statistics.quantiles = keep
    try:
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                mod.main([pdf, "--json", os.devnull])
        except SystemExit:
            pass
    finally:
        mod.statistics.quantiles = real
    # The first list handed to quantiles is the word gaps (check 5).
    return seen[0] if seen else []


def main():
    mod = load()
    print("| file | spaces | within 0.2-0.5 em | loose > 0.6 em | median | p95 |")
    print("|---|---:|---:|---:|---:|---:|")
    for pdf in sys.argv[1:]:
        g = gaps_of(mod, pdf)
        if len(g) < 2:
            print(f"| {os.path.basename(pdf)} | {len(g)} | - | - | - | - |")
            continue
        within = sum(0.2 <= x <= 0.5 for x in g) / len(g)
        loose = sum(x > 0.6 for x in g) / len(g)
        p95 = statistics.quantiles(g, n=20)[18]
        print(f"| {os.path.basename(pdf)} | {len(g)} | {within:.1%} | {loose:.1%} | "
              f"{statistics.median(g):.3f} | {p95:.3f} |")


if __name__ == "__main__":
    main()
