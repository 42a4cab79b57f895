//! Styled runs to measured words: each word is one or more shaped
//! segments (a style change inside a word starts a new segment), with the
//! places it may break (hyphenation points, after a compound's hyphen,
//! after a URL's `/`).

use std::sync::Arc;

use crate::layout::structure::{NodeId, Role as StructRole, Tag, Tree};
use crate::layout::LinkTarget;
use crate::markup::{Inline, InlineStyle};
use crate::model::{Language, Rgb};
use crate::text::fonts::MONO;
use crate::text::hyphenate::{self, Patterns};
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
    /// A note marker: never broken, hyphenated or hung in the margin.
    pub sup: bool,
    pub color: Rgb,
    pub link: Option<LinkTarget>,
    /// A named place at the start of this segment (a note's first reference).
    pub anchor: Option<String>,
    /// The element it belongs to: the paragraph's, or an inline one's
    /// in it (a link, a passage in another language, emphasis).
    pub tag: Tag,
    /// The Link element its link belongs to (its annotation's parent).
    pub link_node: Option<NodeId>,
    /// The patterns it is hyphenated with (`None`: never hyphenated, a
    /// passage in a language the program has no patterns for).
    pub patterns: Option<Patterns>,
}

impl Segment {
    /// Running text on the baseline: not a note marker, no anchor.
    fn text(
        shaped: Arc<Shaped>,
        size: f32,
        color: Rgb,
        link: Option<(LinkTarget, NodeId)>,
        tag: Tag,
        patterns: Option<Patterns>,
    ) -> Segment {
        let (link, link_node) = match link {
            Some((t, n)) => (Some(t), Some(n)),
            None => (None, None),
        };
        Segment {
            shaped,
            size,
            rise: 0.0,
            sup: false,
            color,
            link,
            anchor: None,
            tag,
            link_node,
            patterns,
        }
    }
}

/// A place a word may break.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    pub segment: usize,
    /// Byte offset in the segment's text.
    pub at: usize,
    pub kind: BreakKind,
}

/// What a break inside a word is, which sets its cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakKind {
    /// A hyphenation point: the line ends with an added hyphen.
    Hyphen,
    /// After an explicit hyphen or dash, or after a URL's `/ . - ? &`.
    After,
    /// Between two characters of a long run inside a URL (a hash, an ID),
    /// dearer than any other break but cheaper than a loose line.
    InUrl,
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

    /// Its hyphenation points, found when a paragraph needs them: most
    /// paragraphs are set without (see [`crate::layout::paragraph`]).
    pub fn hyphen_breaks(&self) -> Vec<Break> {
        let mut out = Vec::new();
        for (i, seg) in self.segments.iter().enumerate() {
            // Code is never hyphenated: an added hyphen would read as code.
            if seg.sup || seg.shaped.face == MONO {
                continue;
            }
            let Some(patterns) = seg.patterns else {
                continue;
            };
            for at in hyphen_points_with(&seg.shaped.text, patterns) {
                if seg.shaped.is_cluster_boundary(at) {
                    out.push(Break {
                        segment: i,
                        at,
                        kind: BreakKind::Hyphen,
                    });
                }
            }
        }
        out
    }
}

/// Context for turning inlines into words.
pub struct WordBuilder<'a, 'f> {
    pub shaper: &'a Shaper<'f>,
    pub lang: Language,
    /// Note numbers already referenced once (their first reference gets
    /// the back-link anchor).
    pub seen_notes: &'a mut std::collections::HashSet<u32>,
    /// The structure: links and note references become Link elements
    /// under `node`, the element the text belongs to.
    pub tree: &'a mut Tree,
    pub node: NodeId,
}

impl WordBuilder<'_, '_> {
    pub fn face(&self, style: &TextStyle, s: InlineStyle) -> FaceId {
        if s.code {
            return MONO;
        }
        self.shaper
            .fonts
            .face(style.role, style.bold || s.bold, style.italic ^ s.italic)
    }

    /// Splits inlines into words.
    pub fn words(&mut self, inlines: &[Inline], style: &TextStyle) -> Vec<Word> {
        let mut words: Vec<Word> = Vec::new();
        let mut current: Vec<Segment> = Vec::new();
        let mut last_was_ref = false;
        // The inline elements of the text being set, outermost first: a
        // run of text keeps those it shares with the run before (a link
        // whose text changes style is one element all the same).
        let mut open: Vec<(Wrap, NodeId)> = Vec::new();
        let para = Tag::Node(self.node);
        let own_patterns = Some(self.lang.hyphenation());
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
                        crate::layout::marks::text_color(s.change, style.color)
                    };
                    let want = wraps(s, link.as_deref());
                    let keep = open
                        .iter()
                        .zip(&want)
                        .take_while(|((o, _), w)| o == *w)
                        .count();
                    open.truncate(keep);
                    for w in &want[keep..] {
                        let parent = open.last().map_or(self.node, |o| o.1);
                        let n = self.tree.add(w.role(), parent);
                        match w {
                            Wrap::Lang(t) => self.tree.get_mut(n).lang = Some(*t),
                            Wrap::Change(c) => self.tree.get_mut(n).change = Some(*c),
                            _ => {}
                        }
                        open.push((w.clone(), n));
                    }
                    // A redline's marked words are also said aloud as such.
                    if let Some((_, n)) = open.iter().find(|o| matches!(o.0, Wrap::Change(_))) {
                        crate::layout::marks::speak(self.tree, *n, self.lang, text);
                    }
                    let tag = open.last().map_or(para, |o| Tag::Node(o.1));
                    let link_node = open
                        .iter()
                        .find(|o| matches!(o.0, Wrap::Link(_)))
                        .map(|o| o.1);
                    let patterns = match s.lang {
                        Some(t) => hyphenate::patterns(&t),
                        None => own_patterns,
                    };
                    // `#name` links to a named place of the document (the
                    // redline's summary to each change).
                    let link = link
                        .clone()
                        .map(|l| match l.strip_prefix('#') {
                            Some(name) => LinkTarget::Internal(name.to_string()),
                            None => LinkTarget::Uri(l),
                        })
                        .zip(link_node);
                    let size = if s.code {
                        style.size * CODE_SCALE
                    } else {
                        style.size
                    };
                    let mut first = true;
                    let pieces: Vec<&str> = text.split([' ', '\n', '\t']).collect();
                    for (pi, piece) in pieces.iter().enumerate() {
                        if !first {
                            // A tie keeps the two words together: the
                            // space becomes part of the word. Code never
                            // breaks at its inner spaces.
                            let prev_tok = if pi >= 1 { pieces[pi - 1] } else { "" };
                            let tied = s.code || super::ties::tied(prev_tok, piece);
                            if tied && !current.is_empty() {
                                current.push(Segment::text(
                                    self.shaper.shape(face, Features::Text, "\u{A0}"),
                                    size,
                                    color,
                                    link.clone(),
                                    tag,
                                    patterns,
                                ));
                            } else {
                                finish(&mut current, &mut words, self);
                            }
                        }
                        first = false;
                        if piece.is_empty() {
                            continue;
                        }
                        let features = if s.code {
                            Features::Plain
                        } else {
                            style.features
                        };
                        current.push(Segment::text(
                            self.shaper.shape(face, features, piece),
                            size,
                            color,
                            link.clone(),
                            tag,
                            patterns,
                        ));
                    }
                }
                Inline::NoteRef { number, .. } => {
                    if *number == 0 {
                        continue;
                    }
                    // The reference is the paragraph's own, its number read
                    // in the document's language, in no link or passage.
                    open.clear();
                    let ref_parent = self.node;
                    // A reference hangs on the word before it, never alone.
                    if current.is_empty() {
                        if let Some(w) = words.pop() {
                            current = w.segments;
                        }
                    }
                    let face = self.face(style, InlineStyle::default());
                    let f = self.shaper.fonts.get(face);
                    // The font's own superior figures where it has them
                    // (`sups`), drawn raised at the text's size; else
                    // figures scaled and raised by its superscript metrics.
                    let scaled = (
                        Features::Tabular,
                        style.size * f.sup_scale,
                        style.size * f.sup_rise,
                    );
                    let superior = (Features::Superior, style.size, 0.0);
                    let figures = if self.shaper.has_superiors(face, "0123456789") {
                        superior
                    } else {
                        scaled
                    };
                    if last_was_ref {
                        let (features, size, rise) =
                            if figures == superior && self.shaper.has_superiors(face, ",") {
                                superior
                            } else {
                                scaled
                            };
                        current.push(Segment {
                            shaped: self.shaper.shape(face, features, ","),
                            size,
                            rise,
                            sup: true,
                            color: style.color,
                            link: None,
                            anchor: None,
                            tag: para,
                            link_node: None,
                            patterns: None,
                        });
                    }
                    let (features, size, rise) = figures;
                    let anchor = self
                        .seen_notes
                        .insert(*number)
                        .then(|| format!("ref-{number}"));
                    let link = self.tree.add(StructRole::Link, ref_parent);
                    self.tree.get_mut(link).contents =
                        Some(format!("{} {number}", self.lang.labels().note));
                    current.push(Segment {
                        shaped: self.shaper.shape(face, features, &number.to_string()),
                        size,
                        rise,
                        sup: true,
                        color: style.link_color,
                        link: Some(LinkTarget::Internal(format!("note-{number}"))),
                        anchor,
                        tag: Tag::Node(link),
                        link_node: Some(link),
                        patterns: None,
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
            if seg.sup {
                continue;
            }
            for (at, kind) in explicit_breaks(&seg.shaped.text) {
                if seg.shaped.is_cluster_boundary(at) {
                    breaks.push(Break {
                        segment: i,
                        at,
                        kind,
                    });
                }
            }
        }
        let hyphen = segments.iter().rev().find(|s| !s.sup).map(|s| {
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

/// An inline element a run of text may belong to.
#[derive(Debug, Clone, PartialEq)]
enum Wrap {
    /// A redline's inserted, deleted or moved words.
    Change(crate::markup::Change),
    Lang(crate::model::LangTag),
    Link(String),
    Strong,
    Em,
}

impl Wrap {
    fn role(&self) -> StructRole {
        match self {
            Wrap::Change(_) | Wrap::Lang(_) => StructRole::Span,
            Wrap::Link(_) => StructRole::Link,
            Wrap::Strong => StructRole::Strong,
            Wrap::Em => StructRole::Em,
        }
    }
}

/// The inline elements of a run, outermost first: a redline's change,
/// its language, its link, then strong and emphasis (code is neither).
fn wraps(s: &InlineStyle, link: Option<&str>) -> Vec<Wrap> {
    let mut out = Vec::new();
    if let Some(c) = s.change {
        out.push(Wrap::Change(c));
    }
    if let Some(t) = s.lang {
        out.push(Wrap::Lang(t));
    }
    if let Some(u) = link {
        out.push(Wrap::Link(u.to_string()));
    }
    if s.bold {
        out.push(Wrap::Strong);
    }
    if s.italic {
        out.push(Wrap::Em);
    }
    out
}

/// Whether a word is a URL or an e-mail address.
pub fn is_url_like(s: &str) -> bool {
    s.contains("://")
        || s.starts_with("www.")
        || (s.contains('@') && s.contains('.'))
        // A path such as "/static/reports/a.pdf".
        || (s.starts_with('/') && s.matches('/').count() >= 2)
}

/// Characters of a URL run (between `/ . - ? &` …) that stay whole.
const URL_RUN_KEEP: usize = 10;

/// Code spans are set in Noto Sans Mono at this share of the text size:
/// its x-height (0.54 em) is larger than Vollkorn's, and at 0.88 the two
/// look the same size on a line.
const CODE_SCALE: f32 = 0.88;

/// Breaks inside one run of a URL, given the byte offset after each of
/// its characters: none in a short run, else after any character at
/// least 3 from either end.
fn url_run_breaks(ends: &[usize], out: &mut Vec<(usize, BreakKind)>) {
    if ends.len() > URL_RUN_KEEP {
        for &at in &ends[2..ends.len() - 3] {
            out.push((at, BreakKind::InUrl));
        }
    }
}

/// Break points inside one segment's text: byte offset and kind, the
/// explicit ones and the hyphenation points.
pub fn break_points(text: &str, lang: Language) -> Vec<(usize, BreakKind)> {
    let mut out = explicit_breaks(text);
    out.extend(
        hyphen_points(text, lang)
            .into_iter()
            .map(|at| (at, BreakKind::Hyphen)),
    );
    out.sort_by_key(|b| b.0);
    out.dedup_by_key(|b| b.0);
    out
}

/// The breaks a text allows without hyphenating it: after a URL's
/// separators and inside its long runs, after a compound's hyphen or dash.
pub fn explicit_breaks(text: &str) -> Vec<(usize, BreakKind)> {
    let mut out = Vec::new();
    if is_url_like(text) {
        // After / . - ? & (never inside the scheme), without a hyphen;
        // inside a long run between those, after any character.
        let start = text.find("://").map_or(0, |i| i + 3);
        let mut run: Vec<usize> = Vec::new();
        for (i, c) in text.char_indices().skip_while(|(i, _)| *i < start) {
            let next = i + c.len_utf8();
            if matches!(c, '/' | '.' | '-' | '?' | '&' | '_' | '=') {
                url_run_breaks(&run, &mut out);
                run.clear();
                if next < text.len() && next >= 2 {
                    out.push((next, BreakKind::After));
                }
            } else {
                run.push(next);
            }
        }
        url_run_breaks(&run, &mut out);
        out.sort_by_key(|b| b.0);
        out.dedup_by_key(|b| b.0);
        return out;
    }
    // After an explicit hyphen or dash inside a compound.
    for (i, c) in text.char_indices() {
        let next = i + c.len_utf8();
        if matches!(c, '-' | '–' | '—' | '/') && i >= 2 && next + 2 <= text.len() {
            out.push((next, BreakKind::After));
        }
    }
    out
}

/// Byte offsets where a text may break with a hyphen: the pattern
/// hyphenation of each run of letters (none in a URL, none in a run that
/// touches a digit).
pub fn hyphen_points(text: &str, lang: Language) -> Vec<usize> {
    hyphen_points_with(text, lang.hyphenation())
}

/// [`hyphen_points`] by a set of patterns.
pub fn hyphen_points_with(text: &str, lang: Patterns) -> Vec<usize> {
    let mut out = Vec::new();
    if is_url_like(text) {
        return out;
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
            out.extend(
                hyphenate::breaks_with(&text[start..end], lang)
                    .into_iter()
                    .map(|b| start + b),
            );
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{break_points, is_url_like, BreakKind};
    use crate::model::Language;

    #[test]
    fn a_url_breaks_after_its_separators_and_inside_long_runs() {
        let path = "/static/reportimages/779C96492C9112FA3A67D54660959BB3.pdf";
        assert!(is_url_like(path));
        let b = break_points(path, Language::EnUs);
        assert!(
            b.iter().all(|(_, k)| *k != BreakKind::Hyphen),
            "a URL got a hyphen"
        );
        let after: Vec<&str> = b
            .iter()
            .filter(|(_, k)| *k == BreakKind::After)
            .map(|(at, _)| &path[..*at])
            .collect();
        assert!(after.contains(&"/static/"));
        assert!(after.contains(&"/static/reportimages/"));
        let inside: Vec<usize> = b
            .iter()
            .filter(|(_, k)| *k == BreakKind::InUrl)
            .map(|(at, _)| *at)
            .collect();
        // Only in the 32-character hash, keeping 3 characters at each end;
        // "reportimages" (12) is long too.
        let hash = path.find("779C").expect("hash");
        let in_hash = inside.iter().filter(|&&at| at > hash).count();
        assert_eq!(in_hash, 32 - 5);
        assert!(inside.iter().all(|&at| at > "/static/re".len()));
        // Short runs stay whole.
        let short = break_points("https://example.org/a/report.pdf", Language::EnUs);
        assert!(short.iter().all(|(_, k)| *k == BreakKind::After));
    }
}
