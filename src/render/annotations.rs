//! Link annotations and the outline. Each link area becomes a Link
//! annotation with its exact destination (a URI, or the page and place of
//! a note or reference), a description for readers (`/Contents`), the
//! Print flag (PDF/A) and the key of its structure parent; each bookmark
//! an outline entry, the second level nested under the first.

use std::collections::{BTreeMap, HashMap};

use lopdf::{dictionary, Dictionary, Object, ObjectId};

use super::compact::{Co, Objects};
use super::page::PageOut;
use super::text_string;
use crate::layout::{Laidout, LinkTarget, NodeId};

/// Annotation flag: print it (PDF/A requires it; no Hidden/NoView).
const PRINT: i64 = 4;

/// A written link annotation: its page, object and Link element.
pub struct Annot {
    pub page: usize,
    pub id: ObjectId,
    pub node: Option<NodeId>,
}

/// Writes every page's link annotations; `first_key` is the first
/// structure-parent key they take (the pages take those before).
pub fn links(
    doc: &mut lopdf::Document,
    small: &mut Objects,
    page_ids: &[ObjectId],
    pages: &[PageOut],
    laid: &Laidout,
    first_key: usize,
) -> Vec<Annot> {
    let mut anchors: HashMap<&str, (usize, f32, f32)> = HashMap::new();
    for (pi, p) in pages.iter().enumerate() {
        for (name, x, y) in &p.anchors {
            anchors.entry(name.as_str()).or_insert((pi, *x, *y));
        }
    }
    // What each link shows, over all its pages.
    let mut shown: BTreeMap<NodeId, String> = BTreeMap::new();
    for p in pages {
        for (n, t) in &p.link_text {
            shown.entry(*n).or_default().push_str(t);
        }
    }
    let mut out = Vec::new();
    for (pi, p) in pages.iter().enumerate() {
        let Some(&page_id) = page_ids.get(pi) else {
            continue;
        };
        let mut annots = Vec::new();
        for link in &p.links {
            let [x0, y0, x1, y1] = link.rect;
            let contents = link
                .node
                .and_then(|n| laid.structure.get(n).contents.clone())
                .or_else(|| {
                    link.node
                        .and_then(|n| shown.get(&n))
                        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                        .filter(|t| !t.is_empty())
                })
                .unwrap_or_else(|| match &link.target {
                    LinkTarget::Uri(u) => u.clone(),
                    LinkTarget::Internal(n) => n.clone(),
                });
            // One per link: a compact object (see `compact`).
            let mut a = vec![
                ("Type", Co::Name("Annot")),
                ("Subtype", Co::Name("Link")),
                (
                    "Rect",
                    Co::arr(vec![Co::Real(x0), Co::Real(y0), Co::Real(x1), Co::Real(y1)]),
                ),
                ("Border", Co::arr(vec![Co::Int(0), Co::Int(0), Co::Int(0)])),
                ("F", Co::Int(PRINT)),
                ("Contents", Co::text(&contents)),
            ];
            match &link.target {
                LinkTarget::Uri(uri) => {
                    a.push((
                        "A",
                        Co::dict(vec![
                            ("S", Co::Name("URI")),
                            ("URI", Co::Str(uri.as_bytes().into())),
                        ]),
                    ));
                }
                LinkTarget::Internal(name) => {
                    let Some(&(p, x, y)) = anchors.get(name.as_str()) else {
                        continue;
                    };
                    let dest = vec![
                        Co::Ref(page_ids[p]),
                        Co::Name("XYZ"),
                        Co::Real((x - 20.0).max(0.0)),
                        Co::Real(y + 24.0),
                        Co::Null,
                    ];
                    a.push(("Dest", Co::arr(dest)));
                }
            }
            if link.node.is_some() {
                a.push(("StructParent", Co::Int((first_key + out.len()) as i64)));
            }
            a.push(("P", Co::Ref(page_id)));
            let id = doc.new_object_id();
            small.insert(id, Co::dict(a));
            annots.push(Object::Reference(id));
            out.push(Annot {
                page: pi,
                id,
                node: link.node,
            });
        }
        if let Ok(page) = doc.get_object_mut(page_id).and_then(Object::as_dict_mut) {
            if annots.is_empty() {
                page.remove(b"Annots");
            } else {
                page.set("Annots", annots);
            }
        }
    }
    out
}

/// The outline, when there are bookmarks: returns its object.
pub fn outline(
    doc: &mut lopdf::Document,
    page_ids: &[ObjectId],
    laid: &Laidout,
) -> Option<ObjectId> {
    if laid.bookmarks.is_empty() || page_ids.is_empty() {
        return None;
    }
    let outlines_id = doc.new_object_id();
    let mut tops: Vec<(ObjectId, Vec<ObjectId>)> = Vec::new();
    let mut dicts: HashMap<ObjectId, Dictionary> = HashMap::new();
    for bm in &laid.bookmarks {
        let id = doc.new_object_id();
        let page = page_ids[bm.page.min(page_ids.len() - 1)];
        let top = laid.pages[bm.page].height - bm.y + 6.0;
        let d = dictionary! {
            "Title" => text_string(&bm.title),
            "Dest" => vec![page.into(), "XYZ".into(), Object::Null, top.into(), Object::Null],
        };
        dicts.insert(id, d);
        if bm.level > 0 && !tops.is_empty() {
            tops.last_mut().expect("non-empty").1.push(id);
        } else {
            tops.push((id, Vec::new()));
        }
    }
    let link = |ids: &[ObjectId], parent: ObjectId, dicts: &mut HashMap<ObjectId, Dictionary>| {
        for (i, id) in ids.iter().enumerate() {
            let d = dicts.get_mut(id).expect("made above");
            d.set("Parent", parent);
            if i > 0 {
                d.set("Prev", ids[i - 1]);
            }
            if i + 1 < ids.len() {
                d.set("Next", ids[i + 1]);
            }
        }
    };
    let top_ids: Vec<ObjectId> = tops.iter().map(|t| t.0).collect();
    link(&top_ids, outlines_id, &mut dicts);
    for (id, kids) in &tops {
        if !kids.is_empty() {
            link(kids, *id, &mut dicts);
            let d = dicts.get_mut(id).expect("made above");
            d.set("First", kids[0]);
            d.set("Last", kids[kids.len() - 1]);
            d.set("Count", kids.len() as i64);
        }
    }
    // Object order: the outline's entries as they were made.
    let mut entries: Vec<(ObjectId, Dictionary)> = dicts.into_iter().collect();
    entries.sort_by_key(|e| e.0);
    for (id, d) in entries {
        doc.objects.insert(id, Object::Dictionary(d));
    }
    doc.objects.insert(
        outlines_id,
        Object::Dictionary(dictionary! {
            "Type" => "Outlines",
            "First" => top_ids[0],
            "Last" => top_ids[top_ids.len() - 1],
            "Count" => top_ids.len() as i64,
        }),
    );
    Some(outlines_id)
}
