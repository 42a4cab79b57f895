//! The tagged PDF read back: the structure tree with each element's text
//! (through the marked-content IDs it claims), and the checks every
//! briefing the tests build must pass, the machine-checkable parts of
//! PDF/UA-1 and PDF/A-2 that the writer could get wrong: everything drawn
//! is tagged or an artifact, the parent tree and the elements agree,
//! links are in Link elements with descriptions, headings do not skip a
//! level, figures have alternative text, notes have unique IDs, and the
//! metadata says the same in the Info dictionary and the XMP packet.

use std::collections::{BTreeMap, HashMap, HashSet};

use lopdf::{Dictionary, Object, ObjectId};

use super::{name_of, text_string, Pdf};

/// One kid of an element.
#[derive(Debug, Clone, PartialEq)]
pub enum Kid {
    Elem(usize),
    Mcid { page: usize, mcid: i64 },
    Objr { obj: ObjectId },
}

/// A structure element.
#[derive(Debug, Clone)]
pub struct Elem {
    pub obj: ObjectId,
    pub role: String,
    pub kids: Vec<Kid>,
    pub alt: Option<String>,
    pub id: Option<String>,
    pub parent: Option<usize>,
    pub attrs: Option<Dictionary>,
}

/// The structure tree: element 0 is the root's kid (the Document).
pub struct Structure {
    pub elems: Vec<Elem>,
    /// The text each marked-content ID shows, by (page, MCID).
    pub mcid_text: HashMap<(usize, i64), String>,
}

impl Structure {
    /// An element's text in reading order: its content and its kids'.
    pub fn text(&self, e: usize) -> String {
        let mut out = String::new();
        self.text_into(e, &mut out);
        out
    }

    fn text_into(&self, e: usize, out: &mut String) {
        for k in &self.elems[e].kids {
            match k {
                Kid::Elem(c) => self.text_into(*c, out),
                Kid::Mcid { page, mcid } => {
                    if let Some(t) = self.mcid_text.get(&(*page, *mcid)) {
                        out.push_str(t);
                    }
                }
                Kid::Objr { .. } => {}
            }
        }
    }

    /// Elements in reading order (depth first).
    pub fn walk(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut todo = vec![0];
        while let Some(e) = todo.pop() {
            out.push(e);
            for k in self.elems[e].kids.iter().rev() {
                if let Kid::Elem(c) = k {
                    todo.push(*c);
                }
            }
        }
        out
    }

    /// (role, text) of every element of these roles, in reading order.
    pub fn of_roles(&self, roles: &[&str]) -> Vec<(String, String)> {
        self.walk()
            .into_iter()
            .filter(|&e| roles.contains(&self.elems[e].role.as_str()))
            .map(|e| (self.elems[e].role.clone(), self.text(e)))
            .collect()
    }
}

impl Pdf {
    fn root_dict(&self, key: &[u8]) -> Option<&Dictionary> {
        self.catalog().get(key).ok().and_then(|o| self.dict(o))
    }

    /// The structure tree, with the text of each marked-content ID.
    pub fn structure(&self) -> Structure {
        let root = self
            .root_dict(b"StructTreeRoot")
            .expect("the catalog has a StructTreeRoot");
        let mut elems: Vec<Elem> = Vec::new();
        let mut seen: HashMap<ObjectId, usize> = HashMap::new();
        let top = root
            .get(b"K")
            .ok()
            .and_then(|k| match k {
                Object::Reference(r) => Some(*r),
                Object::Array(a) => a.first().and_then(|o| o.as_reference().ok()),
                _ => None,
            })
            .expect("the StructTreeRoot has a kid");
        self.read_elem(top, None, &mut elems, &mut seen);
        let mut mcid_text: HashMap<(usize, i64), String> = HashMap::new();
        for page in 0..self.pages.len() {
            let mut last_actual: Option<String> = None;
            for f in self.frags(page) {
                let Some(mcid) = f.mark.mcid else { continue };
                if f.mark.artifact.is_some() {
                    continue;
                }
                let t = mcid_text.entry((page, mcid)).or_default();
                match &f.mark.actual_text {
                    Some(a) => {
                        if last_actual.as_ref() != Some(a) {
                            t.push_str(a);
                        }
                        last_actual = Some(a.clone());
                    }
                    None => {
                        t.push_str(&f.text);
                        last_actual = None;
                    }
                }
            }
        }
        Structure { elems, mcid_text }
    }

    fn read_elem(
        &self,
        id: ObjectId,
        parent: Option<usize>,
        elems: &mut Vec<Elem>,
        seen: &mut HashMap<ObjectId, usize>,
    ) -> usize {
        if let Some(&i) = seen.get(&id) {
            return i;
        }
        let d = self.doc.get_dictionary(id).expect("a structure element");
        let i = elems.len();
        seen.insert(id, i);
        let page = d
            .get(b"Pg")
            .ok()
            .and_then(|o| o.as_reference().ok())
            .and_then(|r| self.page_index(r));
        elems.push(Elem {
            obj: id,
            role: name_of(d.get(b"S").ok()).unwrap_or_default(),
            kids: Vec::new(),
            alt: d
                .get(b"Alt")
                .ok()
                .and_then(|o| o.as_str().ok())
                .map(text_string),
            id: d
                .get(b"ID")
                .ok()
                .and_then(|o| o.as_str().ok())
                .map(|b| String::from_utf8_lossy(b).into_owned()),
            parent,
            attrs: d.get(b"A").ok().and_then(|o| self.dict(o)).cloned(),
        });
        let kids: Vec<Object> = match d.get(b"K") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(o) => vec![o.clone()],
            Err(_) => Vec::new(),
        };
        let mut out = Vec::new();
        for k in kids {
            match k {
                Object::Integer(m) => out.push(Kid::Mcid {
                    page: page.expect("an element with MCIDs has /Pg"),
                    mcid: m,
                }),
                Object::Reference(r) => {
                    let c = self.read_elem(r, Some(i), elems, seen);
                    out.push(Kid::Elem(c));
                }
                Object::Dictionary(kd) => match name_of(kd.get(b"Type").ok()).as_deref() {
                    Some("MCR") => {
                        let pg = kd
                            .get(b"Pg")
                            .ok()
                            .and_then(|o| o.as_reference().ok())
                            .and_then(|r| self.page_index(r))
                            .or(page)
                            .expect("an MCR names its page");
                        let mcid = kd.get(b"MCID").and_then(|o| o.as_i64()).expect("MCID");
                        out.push(Kid::Mcid { page: pg, mcid });
                    }
                    Some("OBJR") => out.push(Kid::Objr {
                        obj: kd
                            .get(b"Obj")
                            .and_then(|o| o.as_reference())
                            .expect("OBJR /Obj"),
                    }),
                    other => panic!("unexpected kid dictionary {other:?}"),
                },
                other => panic!("unexpected kid {other:?}"),
            }
        }
        elems[i].kids = out;
        i
    }

    /// The parent tree's entries, by key.
    fn parent_tree(&self) -> BTreeMap<i64, Object> {
        let root = self.root_dict(b"StructTreeRoot").expect("StructTreeRoot");
        let tree = root
            .get(b"ParentTree")
            .ok()
            .and_then(|o| self.dict(o))
            .expect("a ParentTree");
        let mut out = BTreeMap::new();
        let mut todo = vec![tree.clone()];
        while let Some(node) = todo.pop() {
            if let Ok(Object::Array(nums)) = node.get(b"Nums").map(|o| self.deref(o)) {
                for pair in nums.chunks(2) {
                    if let [Object::Integer(k), v] = pair {
                        out.insert(*k, v.clone());
                    }
                }
            }
            if let Ok(Object::Array(kids)) = node.get(b"Kids").map(|o| self.deref(o)) {
                todo.extend(kids.iter().filter_map(|k| self.dict(k)).cloned());
            }
        }
        out
    }

    /// The marked-content IDs each page's content uses, checking as it
    /// goes that everything painted is inside tagged content or an
    /// artifact, and that the two never nest.
    fn marked_content(&self, page: usize) -> Vec<i64> {
        let content = self.doc.get_page_content(self.pages[page]);
        let ops = lopdf::content::Content::decode(&content)
            .expect("content stream parses")
            .operations;
        const PAINT: [&str; 15] = [
            "TJ", "Tj", "'", "\"", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "Do",
        ];
        let mut stack: Vec<(bool, Option<i64>)> = Vec::new();
        let mut mcids = Vec::new();
        for op in ops {
            match op.operator.as_str() {
                "BMC" | "BDC" => {
                    let tag = name_of(op.operands.first()).unwrap_or_default();
                    let mcid = op
                        .operands
                        .get(1)
                        .and_then(|o| self.dict(o))
                        .and_then(|d| d.get(b"MCID").ok())
                        .and_then(|o| o.as_i64().ok());
                    let artifact = tag == "Artifact";
                    let in_artifact = stack.iter().any(|s| s.0);
                    let in_tagged = stack.iter().any(|s| s.1.is_some());
                    assert!(
                        !(artifact && in_tagged || mcid.is_some() && in_artifact),
                        "page {}: tagged content and an artifact nest",
                        page + 1
                    );
                    if let Some(m) = mcid {
                        mcids.push(m);
                    }
                    stack.push((artifact, mcid));
                }
                "EMC" => {
                    stack.pop().expect("EMC closes a sequence");
                }
                op_name if PAINT.contains(&op_name) => {
                    let tagged = stack.iter().any(|s| s.0 || s.1.is_some());
                    assert!(
                        tagged,
                        "page {}: `{op_name}` is neither tagged nor an artifact",
                        page + 1
                    );
                }
                _ => {}
            }
        }
        assert!(stack.is_empty(), "page {}: an unclosed sequence", page + 1);
        mcids
    }

    /// Panics unless the PDF passes the tagged-PDF checks (see the module
    /// comment); returns the structure for further checks.
    pub fn assert_accessible(&self) -> Structure {
        let cat = self.catalog();
        let marked = cat
            .get(b"MarkInfo")
            .ok()
            .and_then(|o| self.dict(o))
            .and_then(|d| d.get(b"Marked").ok())
            .and_then(|o| o.as_bool().ok());
        assert_eq!(marked, Some(true), "MarkInfo /Marked true");
        let lang = cat
            .get(b"Lang")
            .ok()
            .and_then(|o| o.as_str().ok())
            .map(text_string);
        assert!(lang.is_some_and(|l| !l.is_empty()), "a /Lang");
        let display = self
            .root_dict(b"ViewerPreferences")
            .and_then(|d| d.get(b"DisplayDocTitle").ok())
            .and_then(|o| o.as_bool().ok());
        assert_eq!(display, Some(true), "DisplayDocTitle");

        // Metadata: plain XMP that agrees with the Info dictionary.
        let md = cat
            .get(b"Metadata")
            .ok()
            .map(|o| self.deref(o))
            .and_then(|o| o.as_stream().ok())
            .expect("an XMP metadata stream");
        assert!(!md.dict.has(b"Filter"), "the XMP stream is left plain");
        let xmp = String::from_utf8(md.content.clone()).expect("XMP is UTF-8");
        for must in [
            "<pdfuaid:part>1</pdfuaid:part>",
            "<pdfaid:part>2</pdfaid:part>",
            "<pdfaid:conformance>A</pdfaid:conformance>",
            "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>",
        ] {
            assert!(xmp.contains(must), "XMP lacks {must}");
        }
        let title = self.info("Title").expect("an Info title");
        let escaped = title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        assert!(
            xmp.contains(&format!(
                "<rdf:li xml:lang=\"x-default\">{escaped}</rdf:li>"
            )),
            "XMP dc:title is the Info title {title:?}"
        );
        let intents = cat
            .get(b"OutputIntents")
            .ok()
            .map(|o| self.deref(o))
            .and_then(|o| o.as_array().ok())
            .expect("OutputIntents");
        let intent = intents
            .first()
            .and_then(|o| self.dict(o))
            .expect("an intent");
        assert_eq!(name_of(intent.get(b"S").ok()).as_deref(), Some("GTS_PDFA1"));
        let profile = intent
            .get(b"DestOutputProfile")
            .ok()
            .map(|o| self.deref(o))
            .and_then(|o| o.as_stream().ok())
            .expect("an ICC profile");
        assert_eq!(
            profile.dict.get(b"N").and_then(|o| o.as_i64()).ok(),
            Some(3)
        );

        let s = self.structure();
        assert_eq!(s.elems[0].role, "Document");
        let parents = self.parent_tree();
        // Which element claims each (page, MCID), from the tree.
        let mut claimed: HashMap<(usize, i64), usize> = HashMap::new();
        let mut annots: HashMap<ObjectId, usize> = HashMap::new();
        for (i, e) in s.elems.iter().enumerate() {
            assert!(!e.kids.is_empty(), "an empty {} element", e.role);
            for k in &e.kids {
                match k {
                    Kid::Mcid { page, mcid } => {
                        let before = claimed.insert((*page, *mcid), i);
                        assert!(before.is_none(), "MCID {mcid} on page {page} claimed twice");
                    }
                    Kid::Objr { obj } => {
                        annots.insert(*obj, i);
                    }
                    Kid::Elem(_) => {}
                }
            }
        }
        for page in 0..self.pages.len() {
            let pd = self.doc.get_dictionary(self.pages[page]).expect("page");
            assert_eq!(
                name_of(pd.get(b"Tabs").ok()).as_deref(),
                Some("S"),
                "/Tabs /S"
            );
            let key = pd
                .get(b"StructParents")
                .and_then(|o| o.as_i64())
                .expect("a page's /StructParents");
            let mcids = self.marked_content(page);
            let refs = parents
                .get(&key)
                .and_then(|o| self.deref(o).as_array().ok())
                .expect("the page's parent-tree entry");
            for m in mcids {
                let owner = claimed
                    .get(&(page, m))
                    .unwrap_or_else(|| panic!("MCID {m} on page {} has no element", page + 1));
                let listed = refs
                    .get(m as usize)
                    .and_then(|o| o.as_reference().ok())
                    .expect("the parent tree lists every MCID");
                assert_eq!(listed, s.elems[*owner].obj, "parent tree and element agree");
            }
            // Links: described, printable, in a Link element.
            if let Ok(list) = pd.get(b"Annots").map(|o| self.deref(o)) {
                for a in list.as_array().expect("Annots array") {
                    let aid = a.as_reference().expect("annotations are objects");
                    let ad = self.doc.get_dictionary(aid).expect("annotation");
                    let contents = ad
                        .get(b"Contents")
                        .ok()
                        .and_then(|o| o.as_str().ok())
                        .map(text_string)
                        .unwrap_or_default();
                    assert!(!contents.trim().is_empty(), "a link without /Contents");
                    let f = ad.get(b"F").and_then(|o| o.as_i64()).unwrap_or(0);
                    // Print (4) set; Invisible (1), Hidden (2) and NoView (32) clear.
                    assert_eq!(f & 0b10_0111, 4, "annotation flags: {ad:?}");
                    let key = ad
                        .get(b"StructParent")
                        .and_then(|o| o.as_i64())
                        .expect("a link's /StructParent");
                    let elem = parents
                        .get(&key)
                        .and_then(|o| o.as_reference().ok())
                        .expect("the parent tree names the link's element");
                    let owner = annots.get(&aid).expect("an OBJR claims the annotation");
                    assert_eq!(s.elems[*owner].obj, elem);
                    assert_eq!(s.elems[*owner].role, "Link");
                }
            }
        }
        // Headings: the first is H1, none skips a level.
        let mut deepest = 0;
        for (role, text) in s.of_roles(&["H1", "H2", "H3", "H4", "H5", "H6"]) {
            let level: usize = role[1..].parse().unwrap();
            assert!(
                level <= deepest + 1,
                "{role} {text:?} skips a level after H{deepest}"
            );
            deepest = level;
        }
        let mut ids = HashSet::new();
        for e in &s.elems {
            if e.role == "Figure" {
                assert!(
                    e.alt.as_ref().is_some_and(|a| !a.trim().is_empty()),
                    "a Figure without Alt"
                );
            }
            if e.role == "Note" {
                let id = e.id.clone().expect("a Note with an /ID");
                assert!(ids.insert(id), "Note IDs are unique");
            }
        }
        s
    }
}
