//! Small objects kept small: the link annotations and structure elements
//! a briefing has one of per note reference, link, paragraph and item. In
//! lopdf's model each value is an `Object` of 112 bytes and each
//! dictionary a hashed map; a link annotation took about 2 KB, and the
//! annotations and elements of 20,000 note references 128 MB. Here a value
//! is 24 bytes, a dictionary a boxed slice of static keys, and the
//! objects stand beside lopdf's document until they are written
//! (`file::compact`, the bytes lopdf's model would give).

use std::collections::BTreeMap;

use lopdf::{Object, ObjectId};

/// A PDF value.
#[derive(Debug, Clone, PartialEq)]
pub enum Co {
    Null,
    Int(i64),
    Real(f32),
    Name(&'static str),
    Ref(ObjectId),
    /// A literal string's bytes.
    Str(Box<[u8]>),
    Arr(Box<[Co]>),
    Dict(Box<[(&'static str, Co)]>),
}

/// The compact objects of a document, by object number.
pub type Objects = BTreeMap<ObjectId, Co>;

impl Co {
    /// A dictionary of these entries, in this order.
    pub fn dict(entries: Vec<(&'static str, Co)>) -> Co {
        Co::Dict(entries.into_boxed_slice())
    }

    pub fn arr(items: Vec<Co>) -> Co {
        Co::Arr(items.into_boxed_slice())
    }

    /// A text string, as [`super::text_string`] writes one.
    pub fn text(s: &str) -> Co {
        match super::text_string(s) {
            Object::String(b, _) => Co::Str(b.into_boxed_slice()),
            _ => Co::Null,
        }
    }

    /// Every object reference inside it.
    pub fn refs(&self, out: &mut Vec<ObjectId>) {
        match self {
            Co::Ref(id) => out.push(*id),
            Co::Arr(a) => a.iter().for_each(|x| x.refs(out)),
            Co::Dict(d) => d.iter().for_each(|(_, v)| v.refs(out)),
            _ => {}
        }
    }

    /// Its references renumbered by `map`.
    pub fn renumber(&mut self, map: &std::collections::HashMap<ObjectId, ObjectId>) {
        match self {
            Co::Ref(id) => {
                if let Some(new) = map.get(id) {
                    *id = *new;
                }
            }
            Co::Arr(a) => a.iter_mut().for_each(|x| x.renumber(map)),
            Co::Dict(d) => d.iter_mut().for_each(|(_, v)| v.renumber(map)),
            _ => {}
        }
    }

    /// The value in lopdf's model.
    #[cfg(test)]
    pub fn to_object(&self) -> Object {
        match self {
            Co::Null => Object::Null,
            Co::Int(i) => Object::Integer(*i),
            Co::Real(r) => Object::Real(*r),
            Co::Name(n) => Object::Name(n.as_bytes().to_vec()),
            Co::Ref(id) => Object::Reference(*id),
            Co::Str(s) => Object::String(s.to_vec(), lopdf::StringFormat::Literal),
            Co::Arr(a) => Object::Array(a.iter().map(Co::to_object).collect()),
            Co::Dict(d) => {
                let mut out = lopdf::Dictionary::new();
                for (k, v) in d.iter() {
                    out.set(*k, v.to_object());
                }
                Object::Dictionary(out)
            }
        }
    }
}

impl From<ObjectId> for Co {
    fn from(id: ObjectId) -> Co {
        Co::Ref(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_as_its_lopdf_value_is() {
        let d = Co::dict(vec![
            ("S", Co::Name("Link")),
            (
                "K",
                Co::arr(vec![Co::Int(3), Co::Ref((4, 0)), Co::Null, Co::Real(-0.0)]),
            ),
            ("Alt", Co::text("a (b) \\ é")),
            (
                "A",
                Co::dict(vec![
                    ("O", Co::Name("Layout")),
                    ("BBox", Co::arr(vec![Co::Real(1.25)])),
                ]),
            ),
        ]);
        let (mut mine, mut theirs) = (Vec::new(), Vec::new());
        crate::render::file::compact(&mut mine, &d);
        crate::render::file::object(&mut theirs, &d.to_object());
        assert_eq!(
            String::from_utf8_lossy(&mine),
            String::from_utf8_lossy(&theirs)
        );
    }

    #[test]
    fn small_and_written_as_lopdf_would() {
        assert!(std::mem::size_of::<Co>() <= 24);
        let mut d = Co::dict(vec![
            ("Type", Co::Name("Annot")),
            ("Rect", Co::arr(vec![Co::Real(1.5), Co::Int(2)])),
            ("P", Co::Ref((7, 0))),
            ("Contents", Co::text("Note 3")),
        ]);
        let mut refs = Vec::new();
        d.refs(&mut refs);
        assert_eq!(refs, [(7, 0)]);
        d.renumber(&[((7, 0), (2, 0))].into_iter().collect());
        let o = d.to_object();
        let o = o.as_dict().unwrap();
        assert_eq!(o.get(b"P").unwrap().as_reference().unwrap(), (2, 0));
        assert_eq!(o.get(b"Type").unwrap().as_name().unwrap(), b"Annot");
        assert_eq!(o.get(b"Contents").unwrap().as_str().unwrap(), b"Note 3");
    }
}
