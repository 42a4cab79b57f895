//! The briefing's logical structure, as layout builds it: a tree of
//! elements (headings, paragraphs, lists, figures, notes, links) in
//! reading order, and the tag every placed item carries, which says the
//! element it belongs to or that it is an artifact (running heads, rules,
//! tints). The renderer writes the tree and marks the content with it
//! (tagged PDF); where pages and columns put an element's pieces does not
//! change the tree.

/// An element of the tree, by its place in [`Tree::nodes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// Standard structure types (ISO 32000-1, 14.8.4) the briefing uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Document,
    Sect,
    Div,
    H1,
    H2,
    H3,
    /// A recommendation's title under its group's heading.
    H4,
    P,
    L,
    LI,
    Lbl,
    LBody,
    Figure,
    Caption,
    Note,
    Link,
    /// A passage in another language (`/Lang`), inline.
    Span,
    /// Emphasis and strong, inline: PDF 2.0's types, role-mapped to
    /// `Span` for PDF 1.7 (as Typst writes them).
    Em,
    Strong,
    /// A sidebar (a box): PDF 2.0's type, role-mapped to `Div` for PDF 1.7.
    Aside,
    Table,
    THead,
    TBody,
    TR,
    TH,
    TD,
}

impl Role {
    /// The name in the PDF.
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Sect => "Sect",
            Role::Div => "Div",
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::H3 => "H3",
            Role::H4 => "H4",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Figure => "Figure",
            Role::Caption => "Caption",
            Role::Note => "Note",
            Role::Link => "Link",
            Role::Span => "Span",
            Role::Em => "Em",
            Role::Strong => "Strong",
            Role::Aside => "Aside",
            Role::Table => "Table",
            Role::THead => "THead",
            Role::TBody => "TBody",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
        }
    }

    /// An inline element (a link in a paragraph) takes its place among
    /// its parent's content where its first glyph is drawn; a block
    /// element takes it when layout makes it.
    pub fn is_inline(self) -> bool {
        matches!(self, Role::Link | Role::Span | Role::Em | Role::Strong)
    }

    /// The standard type a PDF 1.7 reader takes a non-standard one for
    /// (the structure tree's `/RoleMap`).
    pub fn mapped_to(self) -> Option<Role> {
        match self {
            Role::Em | Role::Strong => Some(Role::Span),
            Role::Aside => Some(Role::Div),
            _ => None,
        }
    }
}

/// What a header cell heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Column,
    Row,
}

/// How a list numbers its items, as a reader announces them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// 1, 2, 3.
    Decimal,
    /// Bullets.
    Disc,
}

/// One element. What most elements have (a role, a parent, kids) is
/// kept in it; what few have (Alt text, an ID, a language, headers…) is
/// in [`Extra`], boxed and made only when set: a briefing has an element
/// per paragraph, item and link, 184 bytes each before, 48 now. The
/// rare fields read and write as the element's own (`node.alt`), through
/// `Deref` to [`Extra`]; writing one makes the box.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub role: Role,
    pub parent: Option<NodeId>,
    /// Block children in reading order (inline ones join at render time,
    /// in the order their content is drawn).
    pub kids: Vec<NodeId>,
    /// A figure set as a block of its own (`Placement Block`).
    pub block: bool,
    pub scope: Option<Scope>,
    /// A list's numbering (`/ListNumbering`).
    pub numbering: Option<Numbering>,
    extra: Option<Box<Extra>>,
}

/// The fields of an element that few elements have.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extra {
    /// Alternative text (figures, charts): what a reader hears instead of
    /// the element's content.
    pub alt: Option<String>,
    /// A unique ID (notes).
    pub id: Option<String>,
    /// A link's description for its annotation's `/Contents` ("Note 3");
    /// `None` means the link's own text.
    pub contents: Option<String>,
    /// A data cell's header cells, by their IDs (`/Headers`).
    pub headers: Vec<String>,
    /// The language of its content, when not the document's (`/Lang`).
    pub lang: Option<crate::model::LangTag>,
    /// A redline's mark on the text of this Span.
    pub change: Option<crate::markup::Change>,
}

/// What an element without extras reads.
static NO_EXTRA: Extra = Extra {
    alt: None,
    id: None,
    contents: None,
    headers: Vec::new(),
    lang: None,
    change: None,
};

impl Node {
    fn new(role: Role, parent: Option<NodeId>) -> Node {
        Node {
            role,
            parent,
            kids: Vec::new(),
            block: false,
            scope: None,
            numbering: None,
            extra: None,
        }
    }
}

impl std::ops::Deref for Node {
    type Target = Extra;
    fn deref(&self) -> &Extra {
        self.extra.as_deref().unwrap_or(&NO_EXTRA)
    }
}

impl std::ops::DerefMut for Node {
    fn deref_mut(&mut self) -> &mut Extra {
        self.extra.get_or_insert_with(Box::default)
    }
}

/// Why an item is not content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    /// The running header (and the marking banner at the top).
    Header,
    /// The footer (and the marking banner at the bottom).
    Footer,
    /// Rules, tints, card backgrounds: layout, not content.
    Layout,
}

/// Where a placed item belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tag {
    /// Not decided yet: every item on a finished page has a tag (a test
    /// holds layout to it), and the renderer treats a stray one as layout.
    #[default]
    Unset,
    Artifact(Artifact),
    Node(NodeId),
}

impl Tag {
    pub const LAYOUT: Tag = Tag::Artifact(Artifact::Layout);
}

/// The tree: element 0 is the Document.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    pub nodes: Vec<Node>,
}

impl Default for Tree {
    fn default() -> Self {
        Tree::new()
    }
}

impl Tree {
    pub const ROOT: NodeId = NodeId(0);

    pub fn new() -> Tree {
        Tree {
            nodes: vec![Node::new(Role::Document, None)],
        }
    }

    /// A new element under `parent`: a block one at the end of its kids.
    pub fn add(&mut self, role: Role, parent: NodeId) -> NodeId {
        let id = NodeId(self.nodes.len() as u32);
        self.nodes.push(Node::new(role, Some(parent)));
        if !role.is_inline() {
            self.nodes[parent.0 as usize].kids.push(id);
        }
        id
    }

    pub fn get(&self, id: NodeId) -> &Node {
        &self.nodes[id.0 as usize]
    }

    pub fn get_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id.0 as usize]
    }

    /// Elements in reading order (depth first, block children only), with
    /// their depth: what a reader walks through, less the inline links.
    pub fn walk(&self) -> Vec<(NodeId, usize)> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut todo = vec![(Tree::ROOT, 0)];
        while let Some((n, depth)) = todo.pop() {
            out.push((n, depth));
            for &k in self.get(n).kids.iter().rev() {
                todo.push((k, depth + 1));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_in_order_inlines_apart() {
        let mut t = Tree::new();
        let s = t.add(Role::Sect, Tree::ROOT);
        let h = t.add(Role::H2, s);
        let p = t.add(Role::P, s);
        let link = t.add(Role::Link, p);
        assert_eq!(t.get(s).kids, vec![h, p]);
        assert!(t.get(p).kids.is_empty(), "a link joins at render time");
        assert_eq!(t.get(link).parent, Some(p));
        let order: Vec<_> = t.walk().into_iter().map(|(n, _)| n).collect();
        assert_eq!(order, vec![Tree::ROOT, s, h, p]);
    }
}
