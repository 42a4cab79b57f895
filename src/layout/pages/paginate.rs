//! Page and column breaking: vertical items into columns and pages. Boxes
//! bound by `keep_with_next` move as one unit; the last region of a
//! multi-column flow is balanced so its columns end level.

use std::rc::Rc;

use crate::layout::blocks::table::{HEAD_ROWS, SHORT_TABLE};
use crate::layout::geometry::Geometry;
use crate::layout::vbox::{flatten_spans, shift, Flow, VBox, VItem};
use crate::layout::{Bookmark, Page};

/// A group of boxes that must stand in one column.
#[derive(Debug, Clone)]
struct Unit {
    boxes: Vec<(f32, VBox)>,
    height: f32,
    /// Its last box must stay with what follows the flow.
    keep_tail: bool,
    /// A table's rows: set under this box (the header again) when the
    /// unit starts a column.
    repeat: Option<Rc<VBox>>,
}

impl Unit {
    /// A figure or box standing alone: it may wait for the next column.
    fn floats(&self) -> bool {
        self.boxes.len() == 1 && self.boxes[0].1.floats
    }

    /// Whether it opens with a heading or a label (an outline entry): a
    /// float never moves past one.
    fn heads(&self) -> bool {
        self.boxes.first().is_some_and(|b| b.1.bookmark.is_some())
    }

    /// Height of what is set over it at `cy` in its column.
    fn lead(&self, cy: f32) -> f32 {
        match &self.repeat {
            Some(h) if cy <= 0.0 => h.height,
            _ => 0.0,
        }
    }
}

#[derive(Debug, Clone)]
enum Piece {
    Unit(Unit),
    Glue(f32),
}

/// Whether a box is a line of the grid's pitch.
fn on_grid(b: &VBox, grid: Option<f32>) -> Option<f32> {
    grid.filter(|p| (b.height - p).abs() < 0.01)
}

/// `y` moved down to the next multiple of `pitch`.
fn snap(y: f32, pitch: f32) -> f32 {
    (y / pitch - 0.001).ceil().max(0.0) * pitch
}

fn units(items: Vec<VItem>, grid: Option<f32>) -> Vec<Piece> {
    let mut flat = Vec::with_capacity(items.len());
    // Spans inside a flow of one column are read in line.
    flatten_spans(items, &mut flat);
    let mut out = Vec::new();
    let mut open: Option<Unit> = None;
    let mut pending = 0.0;
    let mut repeat: Option<Rc<VBox>> = None;
    for it in flat {
        match it {
            VItem::Repeat(h) => repeat = Some(Rc::new(h)),
            VItem::RepeatEnd => repeat = None,
            VItem::Span(_) => {}
            VItem::Glue(g) => {
                if open.is_some() {
                    pending += g;
                } else {
                    out.push(Piece::Glue(g));
                }
            }
            VItem::Box(b) => {
                let keep = b.keep_with_next;
                let u = open.get_or_insert_with(|| Unit {
                    // Most units are one box.
                    boxes: Vec::with_capacity(1),
                    height: 0.0,
                    keep_tail: false,
                    repeat: repeat.clone(),
                });
                let mut off = if u.boxes.is_empty() {
                    0.0
                } else {
                    u.height + pending
                };
                // A line keeps to the grid from the unit's start (which
                // `fill` sets on it). What stands before it since the last
                // line (a heading) moves down with it, so the space the
                // grid adds goes above the heading, not between the heading
                // and its text.
                if let Some(p) = on_grid(&b, grid) {
                    let snapped = snap(off, p);
                    let delta = snapped - off;
                    if delta > 0.0 {
                        for (o, prev) in u.boxes.iter_mut().rev() {
                            if on_grid(prev, grid).is_some() {
                                break;
                            }
                            *o += delta;
                        }
                    }
                    off = snapped;
                }
                pending = 0.0;
                u.height = off + b.height;
                u.boxes.push((off, b));
                if !keep {
                    out.push(Piece::Unit(open.take().expect("open")));
                }
            }
        }
    }
    if let Some(mut u) = open {
        u.keep_tail = true;
        out.push(Piece::Unit(u));
    }
    out
}

/// Splits units taller than `max` into single boxes (a keep that cannot
/// be honoured on any page).
fn split_tall(pieces: Vec<Piece>, max: f32, conceded: &mut Vec<String>) -> Vec<Piece> {
    let mut out = Vec::new();
    for p in pieces {
        match p {
            Piece::Unit(u) if u.height > max && u.boxes.len() > 1 => {
                conceded.push(format!(
                    "a block of {:.0} pt kept together is taller than a column ({:.0} pt): it breaks",
                    u.height, max
                ));
                let mut prev_end = 0.0;
                for (off, b) in u.boxes {
                    if off > prev_end {
                        out.push(Piece::Glue(off - prev_end));
                    }
                    prev_end = off + b.height;
                    let height = b.height;
                    out.push(Piece::Unit(Unit {
                        boxes: vec![(0.0, b)],
                        height,
                        keep_tail: false,
                        repeat: u.repeat.clone(),
                    }));
                }
            }
            p => out.push(p),
        }
    }
    out
}

struct Pager<'g> {
    g: &'g Geometry,
    pages: Vec<Page>,
    bookmarks: Vec<Bookmark>,
    y: f32,
    /// The foot of the lowest block placed on the current page.
    low: f32,
}

impl Pager<'_> {
    fn new_page(&mut self) {
        self.pages.push(Page {
            width: self.g.width,
            height: self.g.height,
            items: Vec::new(),
        });
        self.y = self.g.top;
        self.low = self.g.top;
    }

    /// Says why the current page ends short, when it leaves more than
    /// [`MAX_HOLE`] of its type area empty: the rule that moved `next` on.
    fn note_hole(&self, next: Option<&Piece>, conceded: &mut Vec<String>) {
        let full = self.g.bottom - self.g.top;
        let left = self.g.bottom - self.low;
        if left <= full * MAX_HOLE {
            return;
        }
        if let Some(Piece::Unit(u)) = next {
            conceded.push(format!(
                "page {} ends {:.0}% short: \u{201c}{}\u{201d} moved the next {:.0} pt on",
                self.pages.len(),
                left / full * 100.0,
                moved_rule(u),
                u.height
            ));
        }
    }

    fn place(&mut self, mut u: Unit, x: f32, y: f32, col_top: bool) {
        // A table's rows at the top of a column: the header first.
        if let (true, Some(h)) = (col_top, u.repeat.take()) {
            let head = h.height;
            self.place(
                Unit {
                    boxes: vec![(0.0, (*h).clone())],
                    height: head,
                    keep_tail: false,
                    repeat: None,
                },
                x,
                y,
                false,
            );
            self.place(u, x, y + head, false);
            return;
        }
        let page = self.pages.len() - 1;
        self.low = self.low.max(y + u.height);
        for (off, b) in u.boxes {
            if let Some((title, level)) = b.bookmark {
                self.bookmarks.push(Bookmark {
                    title,
                    level,
                    page,
                    y: y + off,
                });
            }
            self.pages[page]
                .items
                .extend(b.items.into_iter().map(|i| shift(i, x, y + off)));
        }
    }
}

/// Fills `cols` columns of height `h`: returns, per placed unit, its
/// piece index, column and offset, and how many pieces were consumed.
/// A unit that does not fit goes to the next column; only on a full page
/// (`full`) may a unit taller than the column stand alone and overrun.
/// `tail` is room the flow's last unit needs below it when it must stay
/// with what follows.
fn fill(
    pieces: &[Piece],
    cols: usize,
    h: f32,
    full: bool,
    tail: f32,
    grid: Option<f32>,
) -> (Vec<(usize, usize, f32)>, usize, f32) {
    let mut placed = Vec::new();
    let (mut col, mut cy) = (0usize, 0.0f32);
    let last_unit = pieces.iter().rposition(|p| matches!(p, Piece::Unit(_)));
    // Whether space stands before the next unit: a new block.
    let mut spaced = true;
    for (i, p) in pieces.iter().enumerate() {
        match p {
            Piece::Glue(g) => {
                if cy > 0.0 {
                    cy += g;
                }
                spaced = true;
            }
            Piece::Unit(u) => {
                // On a grid a block starts on it, and so does a line, so
                // the lines of columns side by side stand level; what
                // follows a unit with no space between (a box's next
                // tinted piece, a table's next row) stays against it.
                if let Some(p) = grid {
                    if spaced
                        || u.boxes
                            .first()
                            .is_some_and(|b| on_grid(&b.1, grid).is_some())
                    {
                        cy = snap(cy, p);
                    }
                }
                spaced = false;
                // A heading low in a column that is not the last moves to
                // the next column: a column should not end on a heading
                // and two lines.
                let heading = u.boxes.first().and_then(|b| b.1.keep_reason)
                    == Some("a heading with its text");
                if heading && cols > 1 && col + 1 < cols && cy > h * HEADING_LOW && !full {
                    col += 1;
                    cy = 0.0;
                }
                let base = if Some(i) == last_unit && u.keep_tail {
                    u.height + tail
                } else {
                    u.height
                };
                let need = base + u.lead(cy);
                let need_top = base + u.lead(0.0);
                if cy + need > h + 0.01 && !(full && cy == 0.0 && u.height > h) {
                    if col + 1 == cols || (need_top > h + 0.01 && !full) {
                        return (placed, i, cy);
                    }
                    col += 1;
                    cy = 0.0;
                }
                placed.push((i, col, cy));
                cy += u.height + u.lead(cy);
            }
        }
    }
    (placed, pieces.len(), cy)
}

/// Share of a column's height below which a heading does not start
/// (in columns other than the last).
const HEADING_LOW: f32 = 0.75;

/// What it costs to break inside a unit, by the rule that binds the two
/// boxes (graded, as LaTeX's widow and club penalties): the cheapest
/// rule gives way first.
fn rule_cost(reason: Option<&str>) -> Option<u32> {
    match reason {
        None => Some(0),
        Some("no widow line") => Some(150),
        Some("no orphan line") => Some(150),
        Some(LIST_PAIR) => Some(300),
        Some("a recommendation's title with its first lines") => Some(3000),
        Some("a heading with its text")
        | Some("a label with its first lines")
        | Some(HEAD_ROWS)
        | Some(SHORT_TABLE) => Some(10_000),
        Some(_) => Some(5000),
    }
}

/// Splits a unit so its head fits `room`, at the boundary whose rule
/// costs least; never leaves a heading or label last in the head.
fn split_unit(u: &Unit, room: f32, max_cost: u32) -> Option<(Unit, Unit, &'static str)> {
    let mut best: Option<(u32, usize)> = None;
    for k in 1..u.boxes.len() {
        let (off, b) = &u.boxes[k - 1];
        if off + b.height > room + 0.01 {
            break;
        }
        let cost = rule_cost(b.keep_reason)?;
        if cost >= 10_000 || cost > max_cost || (max_cost < 10_000 && cost < max_cost) {
            continue;
        }
        if best.is_none_or(|(c, _)| cost <= c) {
            best = Some((cost, k));
        }
    }
    let (_, k) = best?;
    let reason = u.boxes[k - 1].1.keep_reason.unwrap_or("keep together");
    let head_boxes: Vec<(f32, VBox)> = u.boxes[..k].to_vec();
    let base = u.boxes[k].0;
    let rest_boxes: Vec<(f32, VBox)> = u.boxes[k..]
        .iter()
        .map(|(o, b)| (o - base, b.clone()))
        .collect();
    let head_h = head_boxes.last().map_or(0.0, |(o, b)| o + b.height);
    Some((
        Unit {
            boxes: head_boxes,
            height: head_h,
            keep_tail: false,
            repeat: u.repeat.clone(),
        },
        Unit {
            height: u.height - base,
            boxes: rest_boxes,
            keep_tail: u.keep_tail,
            repeat: u.repeat.clone(),
        },
        reason,
    ))
}

/// Smallest column height that holds every piece in `cols` columns.
fn balance(pieces: &[Piece], cols: usize, avail: f32, grid: Option<f32>) -> Option<f32> {
    if fill(pieces, cols, avail, false, 0.0, grid).1 < pieces.len() {
        return None;
    }
    let (mut lo, mut hi) = (0.0f32, avail);
    while hi - lo > 0.5 {
        let mid = (lo + hi) / 2.0;
        if fill(pieces, cols, mid, false, 0.0, grid).1 == pieces.len() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi)
}

/// Lays flows out on pages. Returns the pages, the outline and the rules
/// that had to give way.
pub fn paginate(
    flows: Vec<Flow>,
    g: &Geometry,
    gutter: f32,
) -> (Vec<Page>, Vec<Bookmark>, Vec<String>) {
    let mut pager = Pager {
        g,
        pages: Vec::new(),
        bookmarks: Vec::new(),
        y: g.top,
        low: g.top,
    };
    pager.new_page();
    let mut conceded = Vec::new();
    let full = g.bottom - g.top;
    // Room the first unit of each flow needs, so a flow's closing label
    // or heading is never left at a page foot without it.
    let mut flows: Vec<(usize, Option<f32>, Vec<Piece>)> = flows
        .into_iter()
        .map(|f| {
            let cols = usize::from(f.columns.max(1));
            let grid = f.grid.filter(|p| *p > 0.5 && cols > 1);
            (
                cols,
                grid,
                split_tall(units(f.items, grid), full, &mut conceded),
            )
        })
        .collect();
    let needs: Vec<f32> = flows
        .iter()
        .map(|(_, _, p)| {
            p.iter()
                .find_map(|x| match x {
                    Piece::Unit(u) => Some(u.height),
                    _ => None,
                })
                .unwrap_or(0.0)
        })
        .collect();
    for (fi, flow) in flows.iter_mut().enumerate() {
        let (cols, grid, mut all) = std::mem::take(flow);
        // The pieces not placed yet are `all[start..]`: placed units are
        // moved out, and the front of the list is never shifted down.
        let mut start = 0;
        let tail = needs.get(fi + 1).copied().unwrap_or(0.0);
        let col_w = (g.text_width() - gutter * (cols as f32 - 1.0)) / cols as f32;
        while start < all.len() {
            // Space at the top of a page is dropped; elsewhere it moves
            // the cursor before the region starts.
            while let Some(Piece::Glue(gl)) = all.get(start) {
                if pager.y > g.top + 0.01 {
                    pager.y += gl;
                }
                start += 1;
            }
            if start == all.len() {
                break;
            }
            let pieces = &mut all[start..];
            let at_top = pager.y <= g.top + 0.01;
            let avail = g.bottom - pager.y;
            let region_top = pager.y;
            if cols > 1 {
                if let Some(h) = balance(pieces, cols, avail, grid) {
                    let (placed, _, _) = fill(pieces, cols, h, false, 0.0, grid);
                    place_all(&mut pager, pieces, &placed, region_top, col_w, gutter);
                    pager.y = region_top + h;
                    break;
                }
            }
            let (mut placed, mut used, stop_cy) = fill(pieces, cols, avail, at_top, tail, grid);
            // A keep rule that would leave the column more than a third
            // empty gives way: the unit splits at its cheapest boundary.
            // Below that, only a list's first two items part, so that a
            // first item (a recommendation's first action) that fits stays
            // on the page rather than leave more than a tenth of it empty.
            let max_cost = if avail - stop_cy > full / 3.0 {
                Some(u32::MAX)
            } else if avail - stop_cy > full * MAX_HOLE {
                rule_cost(Some(LIST_PAIR))
            } else {
                None
            };
            if let (true, Some(max_cost)) = (used < pieces.len(), max_cost) {
                if let Piece::Unit(u) = &pieces[used] {
                    if let Some((head, rest, reason)) = split_unit(u, avail - stop_cy, max_cost) {
                        conceded.push(format!(
                            "page {}: \u{201c}{reason}\u{201d} gave way rather than leave {:.0}% of the page empty",
                            pager.pages.len(),
                            (avail - stop_cy) / full * 100.0
                        ));
                        all.splice(
                            start + used..=start + used,
                            [Piece::Unit(head), Piece::Unit(rest)],
                        );
                        (placed, used, _) = fill(&all[start..], cols, avail, at_top, tail, grid);
                    }
                }
            }
            // A figure or box that does not fit lets the running text
            // after it (to the next heading) fill the room, and waits for
            // the next column or page.
            if used < all.len() - start && avail - stop_cy > full * MAX_HOLE {
                if let Some(now) = float_past(&mut all, start, used, |p| {
                    fill(p, cols, avail, at_top, tail, grid)
                }) {
                    (placed, used) = now;
                }
            }
            if placed.is_empty() && !at_top {
                pager.note_hole(all.get(start), &mut conceded);
                pager.new_page();
                continue;
            }
            let pieces = &mut all[start..];
            let end = placed_end(pieces, &placed);
            place_all(&mut pager, pieces, &placed, region_top, col_w, gutter);
            start += used;
            if start == all.len() {
                pager.y = region_top + end;
            } else {
                pager.note_hole(all.get(start), &mut conceded);
                pager.new_page();
            }
        }
    }
    (pager.pages, pager.bookmarks, conceded)
}

/// Moves the float at `all[start + used]`, with the space around it, past
/// the units after it, one at a time, while they fit where it did not:
/// it ends up after the last of them that fits, never past a heading or
/// another float. Returns the new fill when the float moved.
#[allow(clippy::type_complexity)]
fn float_past(
    all: &mut Vec<Piece>,
    start: usize,
    used: usize,
    fill: impl Fn(&[Piece]) -> (Vec<(usize, usize, f32)>, usize, f32),
) -> Option<(Vec<(usize, usize, f32)>, usize)> {
    let mut at = start + used;
    match &all[at] {
        Piece::Unit(u) if u.floats() => {}
        _ => return None,
    }
    let mut best = None;
    loop {
        // The float with the space just before and after it.
        let from = if at > start && matches!(all[at - 1], Piece::Glue(_)) {
            at - 1
        } else {
            at
        };
        let to = if matches!(all.get(at + 1), Some(Piece::Glue(_))) {
            at + 1
        } else {
            at
        };
        let next = (to + 1..all.len()).find(|&k| matches!(all[k], Piece::Unit(_)))?;
        let Piece::Unit(n) = &all[next] else {
            return best;
        };
        if n.floats() || n.heads() {
            return best;
        }
        let block: Vec<Piece> = all.drain(from..=to).collect();
        let len = block.len();
        let unit = next - len;
        // Right after the unit it passes.
        let put = unit + 1;
        let float_at = put + (at - from);
        all.splice(put..put, block);
        let (placed, filled, _) = fill(&all[start..]);
        if start + filled <= unit {
            // The unit it passed does not fit either: the float goes
            // first on the next page, before it.
            let block: Vec<Piece> = all.drain(put..put + len).collect();
            all.splice(from..from, block);
            return best;
        }
        best = Some((placed, filled));
        at = float_at;
        if start + filled > at {
            // The float fits now, after the text that moved up.
            return best;
        }
    }
}

/// The rule that keeps a list's first two items together.
const LIST_PAIR: &str = "a list's first two items together";

/// Share of a page's type area it may leave empty without saying why.
const MAX_HOLE: f32 = 0.10;

/// The rule that made a unit move on whole: the first keep that binds
/// its boxes, or that it is one block that does not break.
fn moved_rule(u: &Unit) -> &'static str {
    u.boxes
        .iter()
        .take(u.boxes.len().saturating_sub(1))
        .find_map(|(_, b)| b.keep_reason)
        .unwrap_or(if u.keep_tail {
            "a block kept with what follows it"
        } else {
            "a block that does not break (a row of cards, a box, a chart, a line)"
        })
}

fn placed_end(pieces: &[Piece], placed: &[(usize, usize, f32)]) -> f32 {
    let mut end = 0.0f32;
    for &(i, _, y) in placed {
        if let Piece::Unit(u) = &pieces[i] {
            end = end.max(y + u.height + u.lead(y));
        }
    }
    end
}

/// Places the units `fill` chose, moving them out of `pieces` (which the
/// caller then passes over).
fn place_all(
    pager: &mut Pager,
    pieces: &mut [Piece],
    placed: &[(usize, usize, f32)],
    top: f32,
    col_w: f32,
    gutter: f32,
) {
    for &(i, col, y) in placed {
        if let Piece::Unit(u) = std::mem::replace(&mut pieces[i], Piece::Glue(0.0)) {
            let x = pager.g.left + col as f32 * (col_w + gutter);
            pager.place(u, x, top + y, y <= 0.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::structure::Tag;
    use crate::layout::Item;
    use crate::model::{Paper, Rgb};

    fn block(h: f32, keep: Option<&'static str>, mark: f32) -> VItem {
        VItem::Box(VBox {
            height: h,
            items: vec![Item::Rect {
                x: mark,
                y: 0.0,
                w: 1.0,
                h,
                fill: Rgb(0, 0, 0),
                tag: Tag::LAYOUT,
            }],
            keep_with_next: keep.is_some(),
            bookmark: None,
            keep_reason: keep,
            floats: false,
        })
    }

    /// A list's first item that fits stays on the page when moving the
    /// pair would leave a quarter of it empty.
    #[test]
    fn a_first_item_that_fits_stays() {
        let g = Geometry::for_paper(Paper::Letter);
        let full = g.bottom - g.top;
        let flow = Flow {
            columns: 1,
            items: vec![
                block(full * 0.75, None, 0.0),
                block(full * 0.15, Some(LIST_PAIR), 1.0),
                block(full * 0.2, None, 2.0),
            ],
            grid: None,
        };
        let (pages, _, conceded) = paginate(vec![flow], &g, 15.0);
        let on = |page: &Page, mark: f32| {
            page.items
                .iter()
                .any(|i| matches!(i, Item::Rect { x, .. } if (*x - g.left - mark).abs() < 0.01))
        };
        assert_eq!(pages.len(), 2);
        assert!(on(&pages[0], 1.0), "the first item moved on");
        assert!(on(&pages[1], 2.0));
        assert!(conceded.iter().any(|c| c.contains(LIST_PAIR)));
    }

    /// On a grid, lines start on multiples of the pitch from the column
    /// top, and a heading moves down with its first line: the space the
    /// grid adds stands above the heading, not under it.
    #[test]
    fn lines_keep_to_the_grid_and_headings_to_their_lines() {
        let g = Geometry::for_paper(Paper::Letter);
        let pitch = 13.0;
        // Each block known by its fill.
        let tagged = |h: f32, keep: Option<&'static str>, id: u8| {
            let mut b = block(h, keep, 0.0);
            if let VItem::Box(v) = &mut b {
                if let Some(Item::Rect { fill, .. }) = v.items.first_mut() {
                    *fill = Rgb(id, 0, 0);
                }
            }
            b
        };
        let line = |id: f32, keep: Option<&'static str>| tagged(pitch, keep, id as u8);
        let flow = Flow {
            columns: 2,
            items: vec![
                line(0.0, None),
                VItem::Glue(pitch * 0.5),
                tagged(17.0, Some("a heading with its text"), 1),
                line(2.0, None),
                line(3.0, None),
            ],
            grid: Some(pitch),
        };
        let (pages, _, _) = paginate(vec![flow], &g, 15.0);
        let top_of = |mark: f32| {
            pages[0]
                .items
                .iter()
                .find_map(|i| match i {
                    Item::Rect { y, fill, .. } if fill.0 == mark as u8 => Some(*y),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("block {mark} not placed"))
        };
        let first = top_of(0.0);
        for mark in [2.0, 3.0] {
            let steps = (top_of(mark) - first) / pitch;
            assert!(
                (steps - steps.round()).abs() < 0.001,
                "line {mark} off the grid"
            );
        }
        // The heading sits right on its line, as without a grid.
        assert!((top_of(2.0) - (top_of(1.0) + 17.0)).abs() < 0.01);
    }

    /// A figure that does not fit lets the paragraph after it fill the
    /// page, and opens the next one; it never passes a heading.
    #[test]
    fn a_figure_waits_while_the_text_after_it_fills_the_page() {
        let g = Geometry::for_paper(Paper::Letter);
        let full = g.bottom - g.top;
        let float = |h: f32, mark: f32| {
            let mut b = block(h, None, mark);
            if let VItem::Box(v) = &mut b {
                v.floats = true;
            }
            b
        };
        let heading = |mark: f32| {
            let mut b = block(20.0, Some("a heading with its text"), mark);
            if let VItem::Box(v) = &mut b {
                v.bookmark = Some(("Heading".into(), 0));
            }
            b
        };
        let flow = Flow {
            columns: 1,
            items: vec![
                block(full * 0.6, None, 0.0),
                VItem::Glue(10.0),
                float(full * 0.5, 1.0),
                VItem::Glue(10.0),
                block(full * 0.2, None, 2.0),
                heading(3.0),
                block(full * 0.1, None, 4.0),
            ],
            grid: None,
        };
        let (pages, _, _) = paginate(vec![flow], &g, 15.0);
        let on = |page: &Page, mark: f32| {
            page.items
                .iter()
                .any(|i| matches!(i, Item::Rect { x, .. } if (*x - g.left - mark).abs() < 0.01))
        };
        assert!(
            on(&pages[0], 2.0),
            "the paragraph after the figure moved up"
        );
        assert!(on(&pages[1], 1.0), "the figure opens page 2");
        assert!(!on(&pages[0], 3.0), "nothing passes the heading");
    }
}
