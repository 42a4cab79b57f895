#!/usr/bin/env python3
"""Draw examples/gao-peak-oil-logo.png, the plain logo of the GAO sample briefing.

An abstract monogram (a rounded square holding three rising bars) beside the
letters "GAO", in dark blue on a transparent background. It is a stand-in for
the sample, not GAO's seal. Run it from anywhere: `python3 examples/draw-logo.py`.
Needs Pillow and the bundled Lato Bold (fonts/sans/Lato-Bold.ttf).
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parent / "fonts" / "sans" / "Lato-Bold.ttf"
OUT = HERE / "gao-peak-oil-logo.png"

WIDTH, HEIGHT = 650, 240  # the finished image, in pixels
SCALE = 4  # drawn this many times larger, then reduced, for smooth edges
BLUE = (0x1F, 0x3A, 0x5F, 255)


def main() -> None:
    w, h, s = WIDTH * SCALE, HEIGHT * SCALE, SCALE
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)

    # The monogram: a rounded square, 200 px, with a margin of 20 px.
    left, top, side = 20 * s, 20 * s, 200 * s
    draw.rounded_rectangle(
        (left, top, left + side, top + side),
        radius=36 * s,
        outline=BLUE,
        width=14 * s,
    )
    # Three bars rising left to right, standing on one baseline.
    base = top + side - 44 * s
    bar, gap = 30 * s, 18 * s
    x = left + 44 * s
    for height in (50, 86, 122):
        draw.rectangle((x, base - height * s, x + bar, base), fill=BLUE)
        x += bar + gap

    # The letters, centred on the monogram's height.
    font = ImageFont.truetype(str(FONT), 170 * s)
    text = "GAO"
    x0, y0, x1, y1 = draw.textbbox((0, 0), text, font=font)
    tx = left + side + 40 * s - x0
    ty = top + (side - (y1 - y0)) // 2 - y0
    draw.text((tx, ty), text, font=font, fill=BLUE)

    img = img.resize((WIDTH, HEIGHT), Image.LANCZOS)
    img.save(OUT, optimize=True)
    print(f"wrote {OUT} ({WIDTH} x {HEIGHT} px)")


if __name__ == "__main__":
    main()
