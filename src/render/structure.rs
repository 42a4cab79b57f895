//! The structure tree of the tagged PDF, from layout's tree and what the
//! pages marked: each element's kids in reading order (its child
//! elements in the order layout made them, its own marked content and
//! inline links where they were drawn, a link's annotation), the parent
//! tree from every page's marked-content IDs and every annotation back to
//! its element, and the ID tree of the notes.
//!
//! An element none of whose content was drawn (an empty paragraph) is
//! left out, and so is an element whose pieces fall on several pages or
//! columns kept whole: its kids simply name each page.

use lopdf::{dictionary, Object, ObjectId, StringFormat};

use super::annotations::Annot;
use super::compact::{Co, Objects};
use super::page::PageOut;
use crate::layout::{NodeId, Numbering, Scope, StructRole, Tree};

/// Where a piece of content stands in the document's drawing order:
/// page, then marked-content ID; an annotation just after its content.
type Pos = (usize, usize, u8);

/// One kid of an element.
#[derive(Debug, Clone, Copy)]
enum Kid {
    Elem(NodeId),
    Mcid { page: usize, mcid: usize },
    Annot { page: usize, id: ObjectId },
}

/// Writes the tree; returns the StructTreeRoot. Pages get their
/// `/StructParents` key (the page's index); annotations already carry
/// theirs.
pub fn write(
    doc: &mut lopdf::Document,
    small: &mut Objects,
    tree: &Tree,
    page_ids: &[ObjectId],
    pages: &[PageOut],
    annots: &[Annot],
    first_annot_key: usize,
) -> ObjectId {
    let n = tree.nodes.len();
    // Each element's own content and inline children, by position.
    let mut content: Vec<Vec<(Pos, Kid)>> = vec![Vec::new(); n];
    let mut first: Vec<Option<Pos>> = vec![None; n];
    for (page, p) in pages.iter().enumerate() {
        for (mcid, node) in p.mcids.iter().enumerate() {
            let pos = (page, mcid, 0);
            content[node.0 as usize].push((pos, Kid::Mcid { page, mcid }));
            first[node.0 as usize].get_or_insert(pos);
        }
    }
    for a in annots {
        let Some(node) = a.node else { continue };
        let at = content[node.0 as usize]
            .last()
            .map_or((a.page, 0, 1), |(p, _)| (p.0, p.1, 1));
        content[node.0 as usize].push((
            at,
            Kid::Annot {
                page: a.page,
                id: a.id,
            },
        ));
    }
    // Where each element's subtree is first drawn (children are made after
    // their parents, so walking back from the last sees children first).
    let mut reach = first.clone();
    for i in (0..n).rev() {
        if let (Some(pos), Some(parent)) = (reach[i], tree.nodes[i].parent) {
            let r = &mut reach[parent.0 as usize];
            *r = Some(r.map_or(pos, |q| q.min(pos)));
        }
    }
    // A table's empty cells (and rows) are elements all the same: a
    // table whose rows have fewer cells than its header is irregular.
    for (id, _) in tree.walk() {
        let i = id.0 as usize;
        let role = tree.nodes[i].role;
        if reach[i].is_none() && matches!(role, StructRole::TR | StructRole::TH | StructRole::TD) {
            reach[i] = tree.nodes[i].parent.and_then(|p| reach[p.0 as usize]);
        }
    }
    // Inline elements take their place in their parent's content, where
    // their first glyph is drawn (a passage may hold only emphasis).
    for (i, node) in tree.nodes.iter().enumerate() {
        if let (true, Some(parent), Some(pos)) = (node.role.is_inline(), node.parent, reach[i]) {
            content[parent.0 as usize].push((pos, Kid::Elem(NodeId(i as u32))));
        }
    }
    for c in &mut content {
        c.sort_by_key(|(p, _)| *p);
    }
    // Kids in reading order: block children in layout's order, with the
    // element's own content merged in where it was drawn.
    let kids_of = |i: usize| -> Vec<Kid> {
        let blocks: Vec<(Pos, NodeId)> = tree.nodes[i]
            .kids
            .iter()
            .filter_map(|k| reach[k.0 as usize].map(|p| (p, *k)))
            .collect();
        let own = &content[i];
        let mut out = Vec::with_capacity(blocks.len() + own.len());
        let (mut a, mut b) = (0, 0);
        while a < blocks.len() || b < own.len() {
            let take_own = b < own.len() && (a == blocks.len() || own[b].0 < blocks[a].0);
            if take_own {
                out.push(own[b].1);
                b += 1;
            } else {
                out.push(Kid::Elem(blocks[a].1));
                a += 1;
            }
        }
        out
    };

    let root_id = doc.new_object_id();
    let mut ids: Vec<Option<ObjectId>> = vec![None; n];
    // Object numbers in reading order.
    let order: Vec<usize> = tree
        .walk()
        .into_iter()
        .map(|(id, _)| id.0 as usize)
        .filter(|&i| i == 0 || reach[i].is_some())
        .collect();
    let mut inline_order = Vec::new();
    for &i in &order {
        ids[i] = Some(doc.new_object_id());
        // Inline kids, and theirs in turn (a link in a passage).
        let start = inline_order.len();
        let mut j = usize::MAX;
        loop {
            let of = if j == usize::MAX { i } else { inline_order[j] };
            for k in kids_of(of) {
                if let Kid::Elem(e) = k {
                    if tree.get(e).role.is_inline() && ids[e.0 as usize].is_none() {
                        ids[e.0 as usize] = Some(doc.new_object_id());
                        inline_order.push(e.0 as usize);
                    }
                }
            }
            j = if j == usize::MAX { start } else { j + 1 };
            if j >= inline_order.len() {
                break;
            }
        }
    }
    // Inline elements inside inline ones (a link in a redline's Span).
    let mut next = 0;
    while next < inline_order.len() {
        for k in kids_of(inline_order[next]) {
            if let Kid::Elem(e) = k {
                if tree.get(e).role.is_inline() && ids[e.0 as usize].is_none() {
                    ids[e.0 as usize] = Some(doc.new_object_id());
                    inline_order.push(e.0 as usize);
                }
            }
        }
        next += 1;
    }
    let mut notes: Vec<(String, ObjectId)> = Vec::new();
    for &i in order.iter().chain(&inline_order) {
        let Some(id) = ids[i] else { continue };
        let node = &tree.nodes[i];
        let kids = kids_of(i);
        let pg = kids.iter().find_map(|k| match k {
            Kid::Mcid { page, .. } | Kid::Annot { page, .. } => Some(*page),
            Kid::Elem(_) => None,
        });
        let k: Vec<Co> = kids
            .iter()
            .filter_map(|k| match *k {
                Kid::Elem(e) => ids[e.0 as usize].map(Co::Ref),
                Kid::Mcid { page, mcid } if Some(page) == pg => Some(Co::Int(mcid as i64)),
                Kid::Mcid { page, mcid } => Some(Co::dict(vec![
                    ("Type", Co::Name("MCR")),
                    ("Pg", Co::Ref(page_ids[page])),
                    ("MCID", Co::Int(mcid as i64)),
                ])),
                Kid::Annot { page, id } => Some(Co::dict(vec![
                    ("Type", Co::Name("OBJR")),
                    ("Pg", Co::Ref(page_ids[page])),
                    ("Obj", Co::Ref(id)),
                ])),
            })
            .collect::<Vec<_>>();
        let parent = node
            .parent
            .and_then(|p| ids[p.0 as usize])
            .unwrap_or(root_id);
        // `/Type /StructElem` is optional, and there is one per element:
        // a compact object (see `compact`).
        let mut d: Vec<(&'static str, Co)> = vec![
            ("S", Co::Name(node.role.name())),
            ("P", Co::Ref(parent)),
            ("K", Co::arr(k)),
        ];
        if let Some(page) = pg {
            d.push(("Pg", Co::Ref(page_ids[page])));
        }
        if let Some(lang) = &node.lang {
            d.push(("Lang", Co::text(lang.as_str())));
        }
        if let Some(alt) = &node.alt {
            // A redline's Span says what became of its words in place of
            // them ("deleted: …"): its replacement text.
            let key = if node.role == StructRole::Span {
                "ActualText"
            } else {
                "Alt"
            };
            d.push((key, Co::text(alt)));
        }
        if let Some(note_id) = &node.id {
            d.push(("ID", Co::Str(note_id.as_bytes().into())));
            notes.push((note_id.clone(), id));
        }
        // One attribute dictionary: a later kind of attributes replaces
        // an earlier one, as setting `/A` again would.
        let mut attrs: Option<Co> = None;
        if node.role == StructRole::Figure {
            let bbox = pg.and_then(|p| pages[p].extents.get(&NodeId(i as u32)));
            let mut a = vec![("O", Co::Name("Layout")), ("Placement", Co::Name("Block"))];
            if let Some(b) = bbox {
                a.push(("BBox", Co::arr(b.iter().map(|v| Co::Real(*v)).collect())));
            }
            attrs = Some(Co::dict(a));
        }
        if let Some(numbering) = node.numbering {
            let n = match numbering {
                Numbering::Decimal => "Decimal",
                Numbering::Disc => "Disc",
            };
            attrs = Some(Co::dict(vec![
                ("O", Co::Name("List")),
                ("ListNumbering", Co::Name(n)),
            ]));
        }
        if node.scope.is_some() || !node.headers.is_empty() {
            let mut a = vec![("O", Co::Name("Table"))];
            if let Some(scope) = node.scope {
                let s = match scope {
                    Scope::Column => "Column",
                    Scope::Row => "Row",
                };
                a.push(("Scope", Co::Name(s)));
            }
            if !node.headers.is_empty() {
                let ids: Vec<Co> = node
                    .headers
                    .iter()
                    .map(|h| Co::Str(h.as_bytes().into()))
                    .collect();
                a.push(("Headers", Co::arr(ids)));
            }
            attrs = Some(Co::dict(a));
        }
        if let Some(a) = attrs {
            d.push(("A", a));
        }
        small.insert(id, Co::dict(d));
    }

    // The parent tree: each page's MCIDs, then each annotation (compact:
    // an entry per marked sequence and per link).
    let mut nums: Vec<Co> = Vec::new();
    for (page, p) in pages.iter().enumerate() {
        let refs: Vec<Co> = p
            .mcids
            .iter()
            .map(|n| ids[n.0 as usize].map_or(Co::Null, Co::Ref))
            .collect();
        nums.push(Co::Int(page as i64));
        nums.push(Co::arr(refs));
        if let Ok(d) = doc
            .get_object_mut(page_ids[page])
            .and_then(Object::as_dict_mut)
        {
            d.set("StructParents", page as i64);
            // Readers move through annotations in structure order.
            d.set("Tabs", "S");
        }
    }
    let mut next_key = pages.len();
    for (k, a) in annots.iter().enumerate() {
        let key = first_annot_key + k;
        next_key = next_key.max(key + 1);
        if let Some(elem) = a.node.and_then(|n| ids[n.0 as usize]) {
            nums.push(Co::Int(key as i64));
            nums.push(Co::Ref(elem));
        }
    }
    let parent_tree = doc.new_object_id();
    small.insert(parent_tree, Co::dict(vec![("Nums", Co::arr(nums))]));
    let mut root = dictionary! {
        "Type" => "StructTreeRoot",
        "K" => ids[0].map_or(Object::Null, Object::Reference),
        "ParentTree" => parent_tree,
        "ParentTreeNextKey" => next_key as i64,
    };
    // Em and Strong are PDF 2.0's: a PDF 1.7 reader is told they are Spans.
    let mut role_map = lopdf::Dictionary::new();
    for node in &tree.nodes {
        if let Some(to) = node.role.mapped_to() {
            role_map.set(node.role.name(), Object::Name(to.name().into()));
        }
    }
    if !role_map.is_empty() {
        root.set("RoleMap", role_map);
    }
    if !notes.is_empty() {
        notes.sort();
        let names: Vec<Object> = notes
            .into_iter()
            .flat_map(|(name, id)| {
                [
                    Object::String(name.into_bytes(), StringFormat::Literal),
                    Object::Reference(id),
                ]
            })
            .collect();
        let id_tree = doc.add_object(dictionary! { "Names" => names });
        root.set("IDTree", id_tree);
    }
    doc.objects.insert(root_id, Object::Dictionary(root));
    root_id
}
