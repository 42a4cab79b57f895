//! A glyph run to text operators inside the page's text object: the
//! state that changed (colour, font, scaling, letter-spacing), a relative
//! move to the run's start, and its glyphs with the adjustments that put
//! each where layout placed it; a letter-spaced label wrapped in the text
//! it spells.

use super::page::{resource, Writer};
use crate::layout::{GlyphRun, Tag};

impl Writer<'_> {
    /// One (merged) run: state changes, its position, its glyphs.
    pub(super) fn text(&mut self, run: &GlyphRun) {
        let Some(face_plan) = self.plan.faces.get(&run.face) else {
            return;
        };
        self.mark(run.tag);
        let top = self.height - run.y;
        self.extent(
            run.tag,
            [
                run.x,
                top - run.size * 0.25,
                run.x + run.width,
                top + run.size * 0.8,
            ],
        );
        // Each inline element's text, the elements it stands in too (a
        // link whose text is emphasised is described by that text).
        let mut at = match run.tag {
            Tag::Node(n) => Some(n),
            _ => None,
        };
        while let Some(n) = at.filter(|&n| self.tree.get(n).role.is_inline()) {
            let t = self.out.link_text.entry(n).or_default();
            t.extend(run.glyphs.iter().map(|g| g.text.as_str()));
            at = self.tree.get(n).parent;
        }
        self.set_fill(run.color);
        if self.font != Some((run.face, run.size)) {
            self.c
                .raw("/")
                .raw(&resource(run.face))
                .raw(" ")
                .num(f64::from(run.size))
                .op("Tf");
            self.font = Some((run.face, run.size));
        }
        if self.scale != run.hscale {
            self.c.num(f64::from(run.hscale) * 100.0).op("Tz");
            self.scale = run.hscale;
        }
        if self.tracking != run.tracking {
            self.c.num(f64::from(run.tracking)).op("Tc");
            self.tracking = run.tracking;
        }
        let milli = |v: f32| (f64::from(v) * 1000.0).round() as i64;
        let (x, y) = (milli(run.x + run.glyphs[0].x), milli(top));
        self.c
            .num((x - self.line.0) as f64 / 1000.0)
            .num((y - self.line.1) as f64 / 1000.0)
            .op("Td");
        self.line = (x, y);
        let face = self.fonts.get(run.face);
        let glyphs = adjustments(run, face, &face_plan.codes);
        // Letters spaced apart read as letters to a text extractor (which
        // takes the spacing off each glyph's width): a spaced label says
        // what it spells, in its written case where layout kept that.
        let spaced = run.tracking >= SPACED_LABEL * run.size || run.spoken.is_some();
        if spaced {
            let text: String = match &run.spoken {
                Some(s) => s.clone(),
                None => run.glyphs.iter().map(|g| g.text.as_str()).collect(),
            };
            // Spoken words are as layout wrote them (a box's label keeps
            // the space before its heading); spelled ones lose the
            // trailing space glyph.
            let said = if run.spoken.is_some() {
                text.as_str()
            } else {
                text.trim_end()
            };
            self.c
                .raw("/Span <</ActualText ")
                .raw(&utf16_hex(said))
                .op(">> BDC");
        }
        self.c.show(&glyphs);
        if spaced {
            self.c.op("EMC");
        }
    }
}

/// Letter-spacing, in em, from which a run carries its text as
/// `ActualText`: poppler splits words at gaps over 0.1 em, and the
/// labels are spaced 0.08–0.1 em; a justified line's last-resort
/// spacing (at most 0.02 em) never splits a word.
const SPACED_LABEL: f32 = 0.05;

/// A text string as hex UTF-16BE with its byte-order mark: ASCII in the
/// stream, whatever the text.
fn utf16_hex(text: &str) -> String {
    let mut out = String::from("<FEFF");
    for u in text.encode_utf16() {
        out.push_str(&format!("{u:04X}"));
    }
    out.push('>');
    out
}

/// A glyph's advance in font units.
fn advance(face: &crate::text::fonts::Face, gid: u16) -> u16 {
    face.advance(gid).unwrap_or(0)
}

/// A run's glyphs, numbered as in the subset, with the TJ adjustments
/// that put each at its layout position. The viewer advances by the
/// font's /W width plus the character spacing, scaled by Tz; each glyph
/// carries the difference to the next glyph's place, in whole
/// thousandths of an em (0.01 pt at 10 pt) with the error carried on, so
/// nothing drifts and most glyphs need none.
fn adjustments(
    run: &GlyphRun,
    face: &crate::text::fonts::Face,
    codes: &super::embed::FaceCodes,
) -> Vec<(u16, i32)> {
    let upm = face.units_per_em;
    let n = run.glyphs.len();
    let mut drift = 0.0f32;
    run.glyphs
        .iter()
        .enumerate()
        .map(|(i, g)| {
            // The width printpdf writes in /W: whole thousandths.
            let w1000 = (f32::from(advance(face, g.id)) * 1000.0 / upm) as i64 as f32;
            let adjust = if i + 1 < n {
                let dx = run.glyphs[i + 1].x - g.x;
                let pen = (dx / run.hscale - run.tracking) * 1000.0 / run.size;
                drift += w1000 - pen;
                let whole = drift.round();
                drift -= whole;
                whole as i32
            } else {
                0
            };
            (codes.code(g.id, &g.text), adjust)
        })
        .collect()
}
