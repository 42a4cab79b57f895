//! What every part's XML needs: escaping, the namespaces, and the
//! relationships a part keeps (styles, notes, pictures, links).

/// The XML declaration every part opens with.
pub const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

pub const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub const NS_WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
pub const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
pub const NS_PIC: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";

/// The relationship types the package uses.
pub const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub const REL_PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Escapes text for XML content and attribute values, dropping the
/// characters XML 1.0 cannot hold at all (controls other than tab and
/// line ends).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The relationships of one part, numbered in the order they are added.
#[derive(Default)]
pub struct Rels {
    list: Vec<(String, String, String, bool)>,
}

impl Rels {
    /// Adds a relationship of `kind` (the last segment of its type URI)
    /// to `target`; returns its id.
    pub fn add(&mut self, kind: &str, target: &str, external: bool) -> String {
        let id = format!("rId{}", self.list.len() + 1);
        self.list
            .push((id.clone(), kind.to_string(), target.to_string(), external));
        id
    }

    /// The id of a link to `url`, one relationship per address.
    pub fn link(&mut self, url: &str) -> String {
        if let Some((id, ..)) = self
            .list
            .iter()
            .find(|(_, k, t, ext)| k == "hyperlink" && t == url && *ext)
        {
            return id.clone();
        }
        self.add("hyperlink", url, true)
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The `.rels` part.
    pub fn xml(&self, base: &str) -> String {
        let mut s = format!("{DECL}<Relationships xmlns=\"{REL_PKG}\">");
        for (id, kind, target, external) in &self.list {
            s.push_str(&format!(
                "<Relationship Id=\"{id}\" Type=\"{base}/{kind}\" Target=\"{}\"{}/>",
                esc(target),
                if *external {
                    " TargetMode=\"External\""
                } else {
                    ""
                }
            ));
        }
        s.push_str("</Relationships>");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_controls() {
        assert_eq!(esc("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        let mut r = Rels::default();
        assert_eq!(r.link("https://a.org"), "rId1");
        assert_eq!(r.add("styles", "styles.xml", false), "rId2");
        assert_eq!(r.link("https://a.org"), "rId1");
    }
}
