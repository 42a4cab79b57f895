//! A redline's marks on the page, as latexdiff's CFONT and CHANGEBAR
//! styles and Word draw them, never by colour alone: inserted text
//! underlined in the accent, deleted text struck through in a muted red
//! (and set in it), moved text underlined twice; a change bar in the
//! outer margin beside every line with a mark. Marks and bars are
//! artifacts; the marked text is a Span whose `/Alt` says what happened
//! to it ("inserted: …"), so a screen reader hears it. Each change's
//! first mark is the named place `chg-{id}` the summary links to.

use std::collections::HashSet;

use super::geometry::Geometry;
use super::page::{Item, Page};
use super::structure::{NodeId, Role, Tag, Tree};
use crate::markup::{Change, ChangeKind};
use crate::model::{Language, Rgb};

/// Deleted text and its strike: a muted red with 6.9:1 contrast on white.
pub const DELETED: Rgb = Rgb(0x9B, 0x23, 0x1C);
/// The change bar's width and its distance from the type area, in points.
pub const BAR_WIDTH: f32 = 1.6;
pub const BAR_GAP: f32 = 7.0;

/// The colour marked text is set in.
pub fn text_color(change: Option<Change>, normal: Rgb) -> Rgb {
    match change.map(|c| c.kind) {
        Some(ChangeKind::Deleted) => DELETED,
        _ => normal,
    }
}

/// How a screen reader announces marked text.
fn aloud(lang: Language, kind: ChangeKind) -> &'static str {
    use ChangeKind::*;
    match (lang, kind) {
        (Language::Es, Inserted) => "insertado",
        (Language::Es, Deleted) => "suprimido",
        (Language::Es, Moved) => "desplazado",
        (Language::Fr, Inserted) => "inséré",
        (Language::Fr, Deleted) => "supprimé",
        (Language::Fr, Moved) => "déplacé",
        (Language::De, Inserted) => "eingefügt",
        (Language::De, Deleted) => "gelöscht",
        (Language::De, Moved) => "verschoben",
        (Language::Pt, Inserted) => "inserido",
        (Language::Pt, Deleted) => "eliminado",
        (Language::Pt, Moved) => "deslocado",
        (_, Inserted) => "inserted",
        (_, Deleted) => "deleted",
        (_, Moved) => "moved",
    }
}

/// A Span for marked text under `parent`.
pub fn span(tree: &mut Tree, parent: NodeId, change: Change) -> NodeId {
    let n = tree.add(Role::Span, parent);
    tree.get_mut(n).change = Some(change);
    n
}

/// Adds `text` to what the Span says aloud.
pub fn speak(tree: &mut Tree, n: NodeId, lang: Language, text: &str) {
    let node = tree.get_mut(n);
    let Some(c) = node.change else { return };
    let alt = node
        .alt
        .get_or_insert_with(|| format!("{}: ", aloud(lang, c.kind)));
    alt.push_str(text);
}

/// The change a placed item's element stands for: its Span's, or the
/// Span's a link in it belongs to.
fn change_of(tree: &Tree, tag: Tag) -> Option<Change> {
    let Tag::Node(mut n) = tag else { return None };
    // Up through the inline elements (a link, emphasis, a language span)
    // that may stand between the text and its change's Span.
    loop {
        let node = tree.get(n);
        if node.change.is_some() {
            return node.change;
        }
        match node.parent {
            Some(p) if node.role.is_inline() => n = p,
            _ => return None,
        }
    }
}

/// One mark: its kind and where it lies on a baseline.
struct Mark {
    kind: ChangeKind,
    y: f32,
    x0: f32,
    x1: f32,
    size: f32,
}

/// The extent of the line at baseline `y` holding `x0..x1`: the runs on
/// that baseline that follow one another with no gap wider than two of
/// their ems.
fn line_extent(lines: &[(f32, f32, f32, f32)], y: f32, x0: f32, x1: f32) -> (f32, f32) {
    let on: Vec<(f32, f32, f32)> = lines
        .iter()
        .filter(|l| (l.0 - y).abs() < 0.5)
        .map(|l| (l.1, l.2, l.3))
        .collect();
    let (mut x0, mut x1) = (x0, x1);
    loop {
        let before = (x0, x1);
        for &(a, b, size) in &on {
            if a <= x1 + 2.0 * size && b >= x0 - 2.0 * size {
                x0 = x0.min(a);
                x1 = x1.max(b);
            }
        }
        if before == (x0, x1) {
            return (x0, x1);
        }
    }
}

/// Whether a line of a right-hand column stands within a few lines of
/// baseline `y`: then a line left of the middle is a left column's, not
/// a short line across the page.
fn right_column_near(lines: &[(f32, f32, f32, f32)], y: f32, mid: f32) -> bool {
    lines.iter().any(|&(ly, a, b, size)| {
        (ly - y).abs() < 4.0 * size && a >= mid - 1.0 && {
            let (x0, _) = line_extent(lines, ly, a, b);
            x0 >= mid - 1.0
        }
    })
}

/// Draws the marks and change bars on every page: a bar stands in the
/// outer margin (right on a recto, left on a verso) beside a line across
/// the type area, and beside its column's outer edge beside a line of a
/// column.
pub fn draw(pages: &mut [Page], tree: &Tree, g: &Geometry, accent: Rgb) {
    if !tree.nodes.iter().any(|n| n.change.is_some()) {
        return;
    }
    let mut anchored: HashSet<u32> = HashSet::new();
    for (pi, page) in pages.iter_mut().enumerate() {
        let mut marks: Vec<Mark> = Vec::new();
        let mut anchors = Vec::new();
        for it in &page.items {
            let Item::Text(r) = it else { continue };
            let Some(c) = change_of(tree, r.tag) else {
                continue;
            };
            if r.glyphs.iter().all(|g| g.text.trim().is_empty()) {
                continue;
            }
            if anchored.insert(c.id) {
                anchors.push(Item::Anchor {
                    name: format!("chg-{}", c.id),
                    x: r.x,
                    y: r.y - r.size * 1.2,
                });
            }
            marks.push(Mark {
                kind: c.kind,
                y: r.y,
                x0: r.x,
                x1: r.x + r.width,
                size: r.size,
            });
        }
        if marks.is_empty() {
            continue;
        }
        // Words of one change on one line are marked as one stretch,
        // the spaces between them too.
        marks.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
        let mut merged: Vec<Mark> = Vec::new();
        for m in marks {
            if let Some(p) = merged.last_mut() {
                let same_line = (p.y - m.y).abs() < 0.5;
                if same_line && p.kind == m.kind && m.x0 - p.x1 < m.size * 0.6 && m.x0 >= p.x0 {
                    p.x1 = p.x1.max(m.x1);
                    p.size = p.size.max(m.size);
                    continue;
                }
            }
            merged.push(m);
        }
        // Every text run's baseline and extent, for the lines marks are on.
        let lines: Vec<(f32, f32, f32, f32)> = page
            .items
            .iter()
            .filter_map(|it| match it {
                Item::Text(r)
                    if r.tag != Tag::Artifact(super::Artifact::Header)
                        && r.tag != Tag::Artifact(super::Artifact::Footer) =>
                {
                    Some((r.y, r.x, r.x + r.width, r.size))
                }
                _ => None,
            })
            .collect();
        let mut bars: Vec<(bool, f32, f32)> = Vec::new();
        let mid = (g.left + g.right) / 2.0;
        for m in &merged {
            let t = (m.size * 0.06).max(0.5);
            let line = |y: f32, color: Rgb, width: f32| Item::Line {
                x1: m.x0,
                y1: y,
                x2: m.x1,
                y2: y,
                width,
                color,
                tag: Tag::LAYOUT,
            };
            match m.kind {
                ChangeKind::Inserted => page.items.push(line(m.y + m.size * 0.14, accent, t)),
                ChangeKind::Deleted => page.items.push(line(m.y - m.size * 0.27, DELETED, t)),
                ChangeKind::Moved => {
                    let thin = t * 0.7;
                    page.items.push(line(m.y + m.size * 0.12, accent, thin));
                    page.items
                        .push(line(m.y + m.size * 0.12 + thin * 2.5, accent, thin));
                }
            }
            // A line of a column (the notes' two, or the sections' with
            // `columns = 2`) has its bar beside that column's outer edge;
            // a line across the type area, in the page's outer margin.
            let (x0, x1) = line_extent(&lines, m.y, m.x0, m.x1);
            let left = if x0 >= mid - 1.0 {
                false
            } else if x1 <= mid + 1.0 && right_column_near(&lines, m.y, mid) {
                true
            } else {
                pi % 2 == 1
            };
            bars.push((left, m.y - m.size * 0.8, m.y + m.size * 0.25));
        }
        // One bar beside lines that follow each other closely.
        bars.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut joined: Vec<(bool, f32, f32)> = Vec::new();
        for b in bars {
            if let Some(p) = joined.last_mut() {
                if p.0 == b.0 && b.1 <= p.2 + 3.0 {
                    p.2 = p.2.max(b.2);
                    continue;
                }
            }
            joined.push(b);
        }
        for (left, y0, y1) in joined {
            let x = if left {
                g.left - BAR_GAP - BAR_WIDTH
            } else {
                g.right + BAR_GAP
            };
            page.items.push(Item::Rect {
                x,
                y: y0,
                w: BAR_WIDTH,
                h: y1 - y0,
                fill: accent,
                tag: Tag::LAYOUT,
            });
        }
        page.items.extend(anchors);
    }
}
