//! Styled runs to measured words: each word is one or more shaped
//! segments (a style change inside a word starts a new segment), with the
//! places it may break (hyphenation points, after a compound's hyphen,
//! after a URL's `/`).

use std::sync::Arc;

use super::LinkTarget;
use crate::markup::{Inline, InlineStyle};
use crate::model::{Language, Rgb};
use crate::text::hyphenate;
use crate::text::{FaceId, Features, Role, Shaped, Shaper};

/// How a paragraph's text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub role: Role,
    pub size: f32,
    pub color: Rgb,
    pub bold: bool,
    pub italic: bool,
    pub features: Features,
    /// Colour of link text.
    pub link_color: Rgb,
}

/// A piece of a word in one face, size and colour.
#[derive(Debug, Clone)]
pub struct Segment {
    pub shaped: Arc<Shaped>,
    pub size: f32,
    /// Baseline shift upwards (superscripts), in points.
    pub rise: f32,
    pub color: Rgb,
    pub link: Option<LinkTarget>,
    /// A named place at the start of this segment (a note's first reference).
    pub anchor: Option<String>,
}

/// A place a word may break.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    pub segment: usize,
    /// Byte offset in the segment's text.
    pub at: usize,
    /// Whether a hyphen is added when the line breaks here.
    pub hyphen: bool,
}

/// A word: segments with no space between them.
#[derive(Debug, Clone)]
pub struct Word {
    pub segments: Vec<Segment>,
    pub breaks: Vec<Break>,
    /// Natural width of the space after it (zero for the last word).
    pub space: f32,
    /// The face and size of the hyphen if the word breaks with one.
    pub hyphen: Option<(Arc<Shaped>, f32)>,
    /// The space glyph of the word's last face, drawn after it.
    pub space_glyph: Option<u16>,
}

impl Word {
    pub fn width(&self) -> f32 {
        self.segments.iter().map(|s| s.shaped.width(s.size)).sum()
    }
}

/// Context for turning inlines into words.
pub struct WordBuilder<'a, 'f> {
    pub shaper: &'a Shaper<'f>,
    pub lang: Language,
    /// Note numbers already referenced once (their first reference gets
    /// the back-link anchor).
    pub seen_notes: &'a mut std::collections::HashSet<u32>,
}

impl WordBuilder<'_, '_> {
    pub fn face(&self, style: &TextStyle, s: InlineStyle) -> FaceId {
        let role = if s.code { Role::Heading } else { style.role };
        self.shaper
            .fonts
            .face(role, style.bold || s.bold, style.italic ^ s.italic)
    }

    /// Splits inlines into words.
    pub fn words(&mut self, inlines: &[Inline], style: &TextStyle) -> Vec<Word> {
        let mut words: Vec<Word> = Vec::new();
        let mut current: Vec<Segment> = Vec::new();
        let mut last_was_ref = false;
        let space_face = self.face(style, InlineStyle::default());
        let space_w = self
            .shaper
            .width(space_face, Features::Text, " ", style.size);
        let finish = |current: &mut Vec<Segment>, words: &mut Vec<Word>, this: &Self| {
            if current.is_empty() {
                return;
            }
            let segs = std::mem::take(current);
            words.push(this.word(segs, space_w));
        };
        for inline in inlines {
            match inline {
                Inline::Text {
                    text,
                    style: s,
                    link,
                } => {
                    last_was_ref = false;
                    let face = self.face(style, *s);
                    let color = if link.is_some() {
                        style.link_color
                    } else {
                        style.color
                    };
                    let link = link.clone().map(LinkTarget::Uri);
                    let mut first = true;
                    let pieces: Vec<&str> = text.split([' ', '\n', '\t']).collect();
                    for (pi, piece) in pieces.iter().enumerate() {
                        if !first {
                            // A tie keeps the two words together: the
                            // space becomes part of the word.
                            let prev_tok = if pi >= 1 { pieces[pi - 1] } else { "" };
                            if super::ties::tied(prev_tok, piece) && !current.is_empty() {
                                current.push(Segment {
                                    shaped: self.shaper.shape(face, Features::Text, "\u{A0}"),
                                    size: style.size,
                                    rise: 0.0,
                                    color,
                                    link: link.clone(),
                                    anchor: None,
                                });
                            } else {
                                finish(&mut current, &mut words, self);
                            }
                        }
                        first = false;
                        if piece.is_empty() {
                            continue;
                        }
                        let features = if s.code {
                            Features::Text
                        } else {
                            style.features
                        };
                        current.push(Segment {
                            shaped: self.shaper.shape(face, features, piece),
                            size: style.size,
                            rise: 0.0,
                            color,
                            link: link.clone(),
                            anchor: None,
                        });
                    }
                }
                Inline::NoteRef { number, .. } => {
                    if *number == 0 {
                        continue;
                    }
                    // A reference hangs on the word before it, never alone.
                    if current.is_empty() {
                        if let Some(w) = words.pop() {
                            current = w.segments;
                        }
                    }
                    let face = self.face(style, InlineStyle::default());
                    let f = self.shaper.fonts.get(face);
                    let size = style.size * f.sup_scale;
                    let rise = style.size * f.sup_rise;
                    if last_was_ref {
                        current.push(Segment {
                            shaped: self.shaper.shape(face, Features::Tabular, ","),
                            size,
                            rise,
                            color: style.color,
                            link: None,
                            anchor: None,
                        });
                    }
                    let anchor = self
                        .seen_notes
                        .insert(*number)
                        .then(|| format!("ref-{number}"));
                    current.push(Segment {
                        shaped: self
                            .shaper
                            .shape(face, Features::Tabular, &number.to_string()),
                        size,
                        rise,
                        color: style.link_color,
                        link: Some(LinkTarget::Internal(format!("note-{number}"))),
                        anchor,
                    });
                    last_was_ref = true;
                }
            }
        }
        finish(&mut current, &mut words, self);
        if let Some(w) = words.last_mut() {
            w.space = 0.0;
        }
        words
    }

    fn word(&self, segments: Vec<Segment>, space: f32) -> Word {
        let mut breaks = Vec::new();
        for (i, seg) in segments.iter().enumerate() {
            if seg.rise != 0.0 {
                continue;
            }
            for (at, hyphen) in break_points(&seg.shaped.text, self.lang) {
                if seg.shaped.is_cluster_boundary(at) {
                    breaks.push(Break {
                        segment: i,
                        at,
                        hyphen,
                    });
                }
            }
        }
        let hyphen = segments.iter().rev().find(|s| s.rise == 0.0).map(|s| {
            (
                self.shaper.shape(s.shaped.face, Features::Text, "-"),
                s.size,
            )
        });
        let space_glyph = segments.last().and_then(|s| {
            self.shaper
                .shape(s.shaped.face, Features::Text, " ")
                .glyphs
                .first()
                .map(|g| g.id)
        });
        Word {
            segments,
            breaks,
            space,
            hyphen,
            space_glyph,
        }
    }
}

/// Whether a word is a URL or an e-mail address.
pub fn is_url_like(s: &str) -> bool {
    s.contains("://") || s.starts_with("www.") || (s.contains('@') && s.contains('.'))
}

/// Break points inside one segment's text: (byte offset, needs hyphen).
pub fn break_points(text: &str, lang: Language) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    if is_url_like(text) {
        // After / . - ? & (never inside the scheme), without a hyphen.
        let start = text.find("://").map_or(0, |i| i + 3);
        for (i, c) in text.char_indices().skip_while(|(i, _)| *i < start) {
            let next = i + c.len_utf8();
            if matches!(c, '/' | '.' | '-' | '?' | '&' | '_' | '=')
                && next < text.len()
                && next >= 2
            {
                out.push((next, false));
            }
        }
        return out;
    }
    // After an explicit hyphen or dash inside a compound.
    for (i, c) in text.char_indices() {
        let next = i + c.len_utf8();
        if matches!(c, '-' | '–' | '—' | '/') && i >= 2 && next + 2 <= text.len() {
            out.push((next, false));
        }
    }
    // Pattern hyphenation of each run of letters.
    let mut i = 0;
    let bytes = text.char_indices().collect::<Vec<_>>();
    while i < bytes.len() {
        if !bytes[i].1.is_alphabetic() {
            i += 1;
            continue;
        }
        let start = bytes[i].0;
        let mut j = i;
        while j < bytes.len() && bytes[j].1.is_alphabetic() {
            j += 1;
        }
        let end = if j < bytes.len() {
            bytes[j].0
        } else {
            text.len()
        };
        // A run touching a digit (AK-47's "AK") is not a word.
        let touches_digit = (i > 0 && bytes[i - 1].1.is_ascii_digit())
            || (j < bytes.len() && bytes[j].1.is_ascii_digit());
        if !touches_digit {
            for b in hyphenate::breaks(&text[start..end], lang) {
                out.push((start + b, true));
            }
        }
        i = j;
    }
    out.sort_by_key(|b| b.0);
    out.dedup_by_key(|b| b.0);
    out
}
