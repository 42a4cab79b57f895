#!/usr/bin/env python3
"""Sets a briefing's content with Typst, for side-by-side comparison.

Usage: briefing_to_typst.py BRIEFING.toml OUT.typ [--paper letter|a4] [--columns 1|2]

The Typst document uses the same fonts (fonts/, pass --font-path), size,
margins, justification and hyphenation as briefing's default design, so
that `pdfcheck.py` spacing figures of the two PDFs can be compared.
Markdown is carried over for paragraphs, emphasis, strong and lists.
"""
import re
import sys
import tomllib


def md(text):
    """CommonMark subset -> Typst markup."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.strip().splitlines()
        if all(re.match(r"\s*[-*] ", l) or not l.strip() for l in lines):
            for l in lines:
                out.append("- " + inline(re.sub(r"^\s*[-*] ", "", l)))
        else:
            out.append(inline(" ".join(l.strip() for l in lines)))
        out.append("")
    return "\n".join(out)


def inline(s):
    s = re.sub(r"\[\^[\w-]+\]", "", s)
    s = s.replace("\\", "\\\\").replace("#", "\\#").replace("$", "\\$").replace("@", "\\@").replace("<", "\\<")
    s = re.sub(r"\*\*(.+?)\*\*", "\x00\\1\x01", s)
    s = re.sub(r"(?<![*\w])\*(.+?)\*", r"_\1_", s)
    s = s.replace("\x00", "*").replace("\x01", "*")
    return s.replace("--", "–")


def main():
    src, dst = sys.argv[1], sys.argv[2]
    paper = sys.argv[sys.argv.index("--paper") + 1] if "--paper" in sys.argv else "letter"
    cols = int(sys.argv[sys.argv.index("--columns") + 1]) if "--columns" in sys.argv else 1
    b = tomllib.load(open(src, "rb"))
    size = b.get("style", {}).get("base_size", 10.5)
    margin = "54pt" if paper != "a4" else "(x: 56.7pt, top: 66pt, bottom: 62pt)"
    paper_name = {"letter": "us-letter", "a4": "a4", "legal": "us-legal"}[paper]
    t = [
        f'#set page(paper: "{paper_name}", margin: {margin})',
        f'#set text(font: "Vollkorn", size: {size}pt, lang: "en", region: "us", hyphenate: true)',
        "#set par(justify: true, leading: 0.55em)",
        '#show heading: set text(font: "Lato", weight: "bold")',
        f"= {inline(b['title'])}",
        "",
    ]
    if b["summary"].get("bottom_line"):
        t += ['#block(fill: luma(235), inset: 9pt, width: 100%)[#text(font: "Lato")[' + inline(b["summary"]["bottom_line"]) + "]]", ""]
    t += ["== Summary", md(b["summary"]["text"])]
    if cols == 2:
        t.append("#columns(2)[")
    for s in b.get("sections", []):
        t += [f"== {inline(s['heading'])}", md(s["text"])]
    if cols == 2:
        t.append("]")
    t.append("== Recommendations")
    for i, r in enumerate(b.get("recommendations", []), 1):
        t += [f"=== {i}. {inline(r['title'])}", md(r.get("text", ""))]
        for a in r.get("actions", []):
            t.append("- " + inline(a))
        t.append("")
    open(dst, "w").write("\n".join(t) + "\n")


if __name__ == "__main__":
    main()
