//! What makes the PDF navigable: link annotations (web links and jumps to
//! named places) and the outline (bookmarks).

use std::collections::HashMap;
use std::io::Write as _;

use super::content::PageMarks;
use super::write::{literal, num, num_sp, text_string, PdfWriter, Ref};
use crate::layout::{Laidout, LinkTarget};

/// An internal link shows its target this far left of and above the
/// anchor, so the reader sees the line it lands on in context.
const DEST_MARGIN_X: f32 = 20.0;
const DEST_MARGIN_Y: f32 = 24.0;
/// A bookmark lands this far above its heading's baseline.
const BOOKMARK_RISE: f32 = 6.0;

/// Writes each page's link annotations; returns their references, by page.
pub fn links(w: &mut PdfWriter, marks: &[PageMarks], pages: &[Ref]) -> Vec<Vec<Ref>> {
    // The first anchor of a name wins.
    let mut anchors: HashMap<&str, (usize, f32, f32)> = HashMap::new();
    for (p, m) in marks.iter().enumerate() {
        for (name, x, y) in &m.anchors {
            anchors.entry(name.as_str()).or_insert((p, *x, *y));
        }
    }
    let mut out = Vec::with_capacity(marks.len());
    for m in marks {
        let mut annots = Vec::new();
        for (x0, y0, x1, y1, target) in &m.links {
            let dest = match target {
                LinkTarget::Internal(name) => match anchors.get(name.as_str()) {
                    Some(&(p, x, y)) => Some((pages[p], x, y)),
                    None => continue,
                },
                LinkTarget::Uri(_) => None,
            };
            let id = w.alloc();
            w.object(id, |b| {
                b.extend_from_slice(b"<</Type/Annot/Subtype/Link/Rect[");
                for v in [x0, y0, x1] {
                    num_sp(b, f64::from(*v), 2);
                }
                num(b, f64::from(*y1), 2);
                b.extend_from_slice(b"]/Border[0 0 0]");
                match (target, dest) {
                    (LinkTarget::Uri(uri), _) => {
                        b.extend_from_slice(b"/A<</S/URI/URI");
                        literal(b, uri.as_bytes());
                        b.extend_from_slice(b">>");
                    }
                    (_, Some((page, x, y))) => {
                        let _ = write!(b, "/Dest[{page}/XYZ ");
                        num_sp(b, f64::from((x - DEST_MARGIN_X).max(0.0)), 2);
                        num_sp(b, f64::from(y + DEST_MARGIN_Y), 2);
                        b.extend_from_slice(b"null]");
                    }
                    _ => {}
                }
                b.extend_from_slice(b">>");
            });
            annots.push(id);
        }
        out.push(annots);
    }
    out
}

/// Writes the outline: level-1 entries nest under the level-0 entry
/// before them. Returns the outline's root, if there are bookmarks.
pub fn outline(w: &mut PdfWriter, laid: &Laidout, pages: &[Ref]) -> Option<Ref> {
    if laid.bookmarks.is_empty() || pages.is_empty() {
        return None;
    }
    let root = w.alloc();
    // (id, title, page, top, children)
    struct Entry<'a> {
        id: Ref,
        title: &'a str,
        page: Ref,
        top: f32,
        kids: Vec<Entry<'a>>,
    }
    let mut tops: Vec<Entry> = Vec::new();
    for bm in &laid.bookmarks {
        let p = bm.page.min(pages.len() - 1);
        let height = laid.pages.get(p).map_or(0.0, |pg| pg.height);
        let e = Entry {
            id: w.alloc(),
            title: &bm.title,
            page: pages[p],
            top: height - bm.y + BOOKMARK_RISE,
            kids: Vec::new(),
        };
        match tops.last_mut() {
            Some(last) if bm.level > 0 => last.kids.push(e),
            _ => tops.push(e),
        }
    }
    fn write_level(w: &mut PdfWriter, level: &[Entry], parent: Ref) {
        for (i, e) in level.iter().enumerate() {
            w.object(e.id, |b| {
                b.extend_from_slice(b"<</Title");
                text_string(b, e.title);
                let _ = write!(b, "/Parent {parent}/Dest[{}/XYZ null ", e.page);
                num_sp(b, f64::from(e.top), 2);
                b.extend_from_slice(b"null]");
                if i > 0 {
                    let _ = write!(b, "/Prev {}", level[i - 1].id);
                }
                if let Some(next) = level.get(i + 1) {
                    let _ = write!(b, "/Next {}", next.id);
                }
                if let (Some(first), Some(last)) = (e.kids.first(), e.kids.last()) {
                    let _ = write!(
                        b,
                        "/First {}/Last {}/Count {}",
                        first.id,
                        last.id,
                        e.kids.len()
                    );
                }
                b.extend_from_slice(b">>");
            });
            write_level(w, &e.kids, e.id);
        }
    }
    write_level(w, &tops, root);
    let (first, last) = (tops[0].id, tops[tops.len() - 1].id);
    w.object(root, |b| {
        let _ = write!(
            b,
            "<</Type/Outlines/First {first}/Last {last}/Count {}>>",
            tops.len()
        );
    });
    Some(root)
}
