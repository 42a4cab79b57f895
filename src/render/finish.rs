//! The lopdf side: clean metadata, the outline, link annotations with
//! exact destinations, a content-derived ID, compression.

use std::collections::BTreeMap;
use std::rc::Rc;

use lopdf::{dictionary, Dictionary, Object, ObjectId, StringFormat};
use printpdf::{PdfDocument, PdfSaveOptions};

use super::document::Marks;
use super::Metadata;
use crate::layout::{Laidout, LinkTarget};

fn text_string(s: &str) -> Object {
    // ASCII as it is; anything else UTF-16BE with a BOM, which every PDF
    // reader shows, accents included. Literal strings: half the bytes of
    // hex ones.
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Literal)
}

/// printpdf's document as lopdf objects. The fonts are subset already:
/// printpdf embeds them whole.
fn to_lopdf(pdf: PdfDocument) -> lopdf::Document {
    let opts = PdfSaveOptions {
        subset_fonts: false,
        optimize: false,
        ..Default::default()
    };
    let mut warnings = Vec::new();
    pdf.to_lopdf_document(&opts, &mut warnings)
    // printpdf's operations are all in the lopdf document now: freed
    // here, before the compression and writing buffers come.
}

/// The finished content streams of a document of pages alone
/// (`document::build_pages`), in page order: tidied and deflated as
/// [`finish`] does its own, so they can take the place of its sketches.
pub fn page_streams(pdf: PdfDocument) -> Vec<lopdf::Stream> {
    let mut doc = to_lopdf(pdf);
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let ids = content_ids(&doc, &pages);
    let mut streams: Vec<lopdf::Stream> = ids
        .iter()
        .filter_map(|id| match doc.objects.remove(id) {
            Some(Object::Stream(s)) => Some(s),
            _ => None,
        })
        .collect();
    let mut z = compressor();
    for s in &mut streams {
        if !s.dict.has(b"Filter") {
            let tidy = tidy_content(&s.content);
            s.set_content(tidy);
        }
        deflate(&mut z, s);
    }
    streams
}

/// printpdf's document as lopdf objects, the content streams of its first
/// `drawn` pages tidied (the others are sketches, see `document::build`).
pub fn first_pages(pdf: PdfDocument, drawn: usize) -> lopdf::Document {
    let mut doc = to_lopdf(pdf);
    let page_ids: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    join_glyph_strings(&mut doc, &page_ids[..drawn.min(page_ids.len())]);
    doc
}

/// Finishes the document from [`first_pages`] and writes it: `names`
/// gives each font resource its subset name (`ABCDEF+Vollkorn-Regular`),
/// since printpdf embeds the programs we cut as they are. The pages from
/// `drawn` on are sketches whose content streams are `rest`, in order;
/// `ahead` holds streams deflated already.
#[allow(clippy::too_many_arguments)]
pub fn finish(
    mut doc: lopdf::Document,
    drawn: usize,
    rest: Vec<lopdf::Stream>,
    ahead: &Packed,
    laid: &Laidout,
    marks: &Marks,
    meta: &Metadata,
    names: &[(String, String)],
    unicode: &super::cmap::FontMaps,
) -> Result<Vec<u8>, String> {
    doc.version = "1.7".into();
    let page_ids: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    name_fonts(&mut doc, page_ids.first().copied(), names);
    let sketched = content_ids(&doc, &page_ids[drawn.min(page_ids.len())..]);
    if sketched.len() != rest.len() {
        return Err("the pages drawn on another core do not match".into());
    }
    for (id, stream) in sketched.into_iter().zip(rest) {
        doc.objects.insert(id, Object::Stream(stream));
    }

    // Links.
    for (pi, links) in marks.links.iter().enumerate() {
        let Some(&page_id) = page_ids.get(pi) else {
            continue;
        };
        let mut annots = Vec::new();
        for (x0, y0, x1, y1, target) in links {
            let mut a = dictionary! {
                "Type" => "Annot",
                "Subtype" => "Link",
                "Rect" => vec![(*x0).into(), (*y0).into(), (*x1).into(), (*y1).into()],
                "Border" => vec![0.into(), 0.into(), 0.into()],
            };
            match target {
                LinkTarget::Uri(uri) => {
                    a.set(
                        "A",
                        dictionary! {
                            "S" => "URI",
                            "URI" => Object::string_literal(uri.as_bytes().to_vec()),
                        },
                    );
                }
                LinkTarget::Internal(name) => {
                    let Some(&(p, x, y)) = marks.anchors.get(name) else {
                        continue;
                    };
                    let dest: Vec<Object> = vec![
                        page_ids[p].into(),
                        "XYZ".into(),
                        (x - 20.0).max(0.0).into(),
                        (y + 24.0).into(),
                        Object::Null,
                    ];
                    a.set("Dest", dest);
                }
            }
            annots.push(doc.add_object(a).into());
        }
        if let Ok(page) = doc.get_object_mut(page_id).and_then(Object::as_dict_mut) {
            if annots.is_empty() {
                page.remove(b"Annots");
            } else {
                page.set("Annots", annots);
            }
        }
    }

    let catalog_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| e.to_string())?;

    // Outline: level-1 entries nest under the level-0 entry before them.
    if !laid.bookmarks.is_empty() {
        let outlines_id = doc.new_object_id();
        let mut tops: Vec<(ObjectId, Vec<ObjectId>)> = Vec::new();
        let mut dicts: Vec<(ObjectId, Dictionary)> = Vec::new();
        for bm in &laid.bookmarks {
            let id = doc.new_object_id();
            let page = page_ids[bm.page.min(page_ids.len() - 1)];
            let top = laid.pages[bm.page].height - bm.y + 6.0;
            let d = dictionary! {
                "Title" => text_string(&bm.title),
                "Dest" => vec![page.into(), "XYZ".into(), Object::Null, top.into(), Object::Null],
            };
            dicts.push((id, d));
            if bm.level > 0 && !tops.is_empty() {
                tops.last_mut().expect("non-empty").1.push(id);
            } else {
                tops.push((id, Vec::new()));
            }
        }
        let mut dmap: std::collections::HashMap<ObjectId, Dictionary> = dicts.into_iter().collect();
        let link = |ids: &[ObjectId],
                    parent: ObjectId,
                    dmap: &mut std::collections::HashMap<ObjectId, Dictionary>| {
            for (i, id) in ids.iter().enumerate() {
                let d = dmap.get_mut(id).expect("made above");
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
        link(&top_ids, outlines_id, &mut dmap);
        for (id, kids) in &tops {
            if !kids.is_empty() {
                link(kids, *id, &mut dmap);
                let d = dmap.get_mut(id).expect("made above");
                d.set("First", kids[0]);
                d.set("Last", kids[kids.len() - 1]);
                d.set("Count", kids.len() as i64);
            }
        }
        for (id, d) in dmap {
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
        let cat = doc
            .get_object_mut(catalog_id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| e.to_string())?;
        cat.set("Outlines", outlines_id);
        cat.set("PageMode", "UseOutlines");
    }
    {
        let cat = doc
            .get_object_mut(catalog_id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| e.to_string())?;
        cat.set(
            "Lang",
            Object::string_literal(meta.lang.as_bytes().to_vec()),
        );
        cat.set(
            "ViewerPreferences",
            dictionary! { "DisplayDocTitle" => true },
        );
        if laid.bookmarks.is_empty() {
            cat.set("PageMode", "UseNone");
        }
    }

    // Metadata: a clean Info dictionary.
    let date = super::pdf_date(meta.created);
    let info = dictionary! {
        "Title" => text_string(&meta.title),
        "Author" => text_string(&meta.author),
        "Subject" => text_string(&meta.subject),
        "Keywords" => text_string(&meta.keywords.join(", ")),
        "Creator" => text_string(&meta.creator),
        "Producer" => text_string(&format!("{} (printpdf, lopdf)", meta.creator)),
        "CreationDate" => Object::string_literal(date.clone()),
        "ModDate" => Object::string_literal(date),
    };
    let info_id = doc.add_object(info);
    if let Ok(old) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        doc.objects.remove(&old);
    }
    doc.trailer.set("Info", info_id);
    let id = Object::String(meta.content_id.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);

    set_to_unicode(&mut doc, &page_ids, unicode);
    prune(&mut doc);
    renumber(&mut doc);
    compress(&mut doc, ahead);
    let mut out = Vec::new();
    // Dictionaries (fonts, pages, links, outline, metadata) go into
    // compressed object streams and the cross-reference table becomes a
    // stream (PDF 1.5): a sixth of the sample's size.
    let save = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .max_objects_per_stream(OBJECTS_PER_STREAM)
        .compression_level(u32::from(DEFLATE_LEVEL))
        .build();
    doc.save_with_options(&mut out, save)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Objects per object stream: a reader inflates a whole stream to reach
/// one object, so a 1,000-page file gets several.
const OBJECTS_PER_STREAM: usize = 500;

/// Deflate level. lopdf's own `compress` uses 9, at twice the time of 6;
/// on the sample's streams 6 is 2% larger than 9, 5 is 6% larger. The
/// streams go through libdeflate, a quarter of miniz_oxide's time at the
/// same level and slightly smaller; lopdf still packs the object streams.
const DEFLATE_LEVEL: u8 = 6;

/// Deflate level of the font programs, packed ahead on the second core
/// while the first writes pages: on the sample's fonts 10 is 2% smaller
/// than 6 (720 bytes) for about 1 ms; 12 saves no more and costs 2.6 ms.
const FONT_DEFLATE_LEVEL: u8 = 10;

/// Gives each font the ToUnicode CMap its plan says (by resource name):
/// one stream per distinct map, so the TrueType faces, which share one
/// code table, share one CMap (see [`super::cmap`]). printpdf's own CMaps
/// would need the text of every glyph handed to it.
fn set_to_unicode(doc: &mut lopdf::Document, pages: &[ObjectId], unicode: &super::cmap::FontMaps) {
    let mut fonts: BTreeMap<Vec<u8>, ObjectId> = BTreeMap::new();
    for page in pages {
        let found: Option<Vec<(Vec<u8>, ObjectId)>> = (|| {
            let page = doc.get_object(*page).ok()?.as_dict().ok()?;
            let res = match page.get(b"Resources").ok()? {
                Object::Reference(r) => doc.get_object(*r).ok()?.as_dict().ok()?,
                Object::Dictionary(d) => d,
                _ => return None,
            };
            let dict = match res.get(b"Font").ok()? {
                Object::Reference(r) => doc.get_object(*r).ok()?.as_dict().ok()?,
                Object::Dictionary(d) => d,
                _ => return None,
            };
            Some(
                dict.iter()
                    .filter_map(|(k, v)| v.as_reference().ok().map(|r| (k.clone(), r)))
                    .collect(),
            )
        })();
        fonts.extend(found.unwrap_or_default());
    }
    let mut written: Vec<(*const super::cmap::UnicodeMap, ObjectId)> = Vec::new();
    for (resource, map) in unicode {
        let Some(&font) = fonts.get(resource.as_bytes()) else {
            continue;
        };
        let key = Rc::as_ptr(map);
        let stream = match written.iter().find(|(k, _)| *k == key) {
            Some(&(_, id)) => id,
            None => {
                let id = doc.add_object(lopdf::Stream::new(
                    Dictionary::new(),
                    super::cmap::write(map),
                ));
                written.push((key, id));
                id
            }
        };
        if let Ok(d) = doc.get_object_mut(font).and_then(Object::as_dict_mut) {
            d.set("ToUnicode", stream);
        }
    }
}

/// Two passes over each page's content stream, as printpdf wrote it:
/// adjacent glyph strings join (printpdf writes every glyph of a `TJ` as a
/// string of its own, `<0012><0034>`, which becomes `<00120034>`), and
/// numbers keep at most three decimals (printpdf writes f32s in full:
/// `0.101960786` for a colour, `104.231445` for a position; a thousandth
/// of a point is far below what print resolves). The page contents hold no
/// inline images or dictionaries, where `><` could mean something else.
fn join_glyph_strings(doc: &mut lopdf::Document, pages: &[ObjectId]) {
    for id in content_ids(doc, pages) {
        let Ok(s) = doc.get_object_mut(id).and_then(Object::as_stream_mut) else {
            continue;
        };
        if s.dict.has(b"Filter") {
            continue;
        }
        let tidy = tidy_content(&s.content);
        s.set_content(tidy);
    }
}

/// The content streams of `pages`, in order.
fn content_ids(doc: &lopdf::Document, pages: &[ObjectId]) -> Vec<ObjectId> {
    let mut contents = Vec::new();
    for page in pages {
        match doc
            .get_object(*page)
            .and_then(Object::as_dict)
            .and_then(|d| d.get(b"Contents"))
        {
            Ok(Object::Reference(r)) => contents.push(*r),
            Ok(Object::Array(a)) => contents.extend(a.iter().filter_map(|o| o.as_reference().ok())),
            _ => {}
        }
    }
    contents
}

/// Decimals kept in content-stream numbers.
const DECIMALS: u32 = 3;

/// One lexical element of a content stream.
#[derive(Clone, Copy)]
enum Token<'a> {
    Num(f64),
    /// A hex string's bytes, decoded into the scratch buffer at this range.
    Hex(usize, usize),
    Literal(&'a [u8]),
    Open,
    Close,
    /// A name, an operator, anything else: copied as it is.
    Word(&'a [u8]),
}

fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b)
}

fn hex_digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The next token at `*i` (whitespace skipped), hex strings decoded into
/// `scratch`; `None` at the end, `Some(None)` for what this rewriter does
/// not handle.
fn next_token<'a>(c: &'a [u8], i: &mut usize, scratch: &mut Vec<u8>) -> Option<Option<Token<'a>>> {
    while *i < c.len() && c[*i].is_ascii_whitespace() {
        *i += 1;
    }
    let b = *c.get(*i)?;
    let tok = match b {
        b'<' => {
            let start = scratch.len();
            let mut high: Option<u8> = None;
            *i += 1;
            loop {
                let Some(&d) = c.get(*i) else {
                    return Some(None);
                };
                *i += 1;
                if d == b'>' {
                    break;
                }
                if d.is_ascii_whitespace() {
                    continue;
                }
                let Some(v) = hex_digit(d) else {
                    return Some(None);
                };
                match high.take() {
                    Some(h) => scratch.push(h << 4 | v),
                    None => high = Some(v),
                }
            }
            if high.is_some() {
                return Some(None);
            }
            Token::Hex(start, scratch.len())
        }
        b'(' => {
            let start = *i + 1;
            let mut depth = 1usize;
            *i += 1;
            while depth > 0 {
                match c.get(*i) {
                    None => return Some(None),
                    Some(b'\\') => *i += 1,
                    Some(b'(') => depth += 1,
                    Some(b')') => depth -= 1,
                    _ => {}
                }
                *i += 1;
            }
            Token::Literal(&c[start..*i - 1])
        }
        b'[' => {
            *i += 1;
            Token::Open
        }
        b']' => {
            *i += 1;
            Token::Close
        }
        b'{' | b'}' | b'%' => return Some(None),
        _ => {
            let start = *i;
            *i += 1;
            while *i < c.len() && !is_delimiter(c[*i]) {
                *i += 1;
            }
            let word = &c[start..*i];
            let number = word
                .iter()
                .all(|b| b.is_ascii_digit() || b"+-.".contains(b))
                .then(|| std::str::from_utf8(word).ok()?.parse::<f64>().ok())
                .flatten();
            match number {
                Some(v) => Token::Num(v),
                None => Token::Word(word),
            }
        }
    };
    Some(Some(tok))
}

/// A number with at most [`DECIMALS`] decimals, no trailing zeros.
fn push_num(out: &mut Vec<u8>, v: f64) {
    let scale = 10u64.pow(DECIMALS);
    let scaled = (v.clamp(-1e12, 1e12) * scale as f64).round() as i64;
    if scaled < 0 {
        out.push(b'-');
    }
    let a = scaled.unsigned_abs();
    let (int, mut frac) = (a / scale, a % scale);
    push_digits(out, int, 1);
    if frac != 0 {
        out.push(b'.');
        let mut width = DECIMALS as usize;
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        push_digits(out, frac, width);
    }
}

fn push_digits(out: &mut Vec<u8>, mut n: u64, width: usize) {
    let mut tmp = [b'0'; 20];
    let mut i = tmp.len();
    while n > 0 || tmp.len() - i < width {
        i -= 1;
        tmp[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend_from_slice(&tmp[i..]);
}

fn push_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\n' => out.extend_from_slice(b"\\n"),
            _ => out.push(b),
        }
    }
    out.push(b')');
}

/// Rewrites a content stream as printpdf wrote it, drawing the same:
/// - adjacent strings in a `TJ` array join into one (printpdf writes
///   every glyph as a string of its own), and strings are written as
///   literals (two bytes a glyph, not four);
/// - numbers keep at most three decimals (printpdf writes f32s in full,
///   `0.101960786`; a thousandth of a point is far below what print
///   resolves);
/// - `1 0 0 1 x y Tm` becomes `dx dy Td` from the previous line's start.
///
/// Anything it does not expect (inline images, dictionaries, comments,
/// other line-moving operators) leaves the stream as it was.
fn tidy_content(c: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(c.len() / 2);
    let mut operands: Vec<Token> = Vec::with_capacity(64);
    let mut scratch: Vec<u8> = Vec::with_capacity(256);
    // The text line matrix's origin, in thousandths of a point.
    let mut line = (0i64, 0i64);
    let milli = |v: f64| (v * 1000.0).round() as i64;
    let mut i = 0;
    while let Some(t) = next_token(c, &mut i, &mut scratch) {
        let Some(t) = t else {
            return c.to_vec();
        };
        let op = match t {
            Token::Word(w) if w.first() != Some(&b'/') => w,
            t => {
                operands.push(t);
                continue;
            }
        };
        match op {
            b"BT" => line = (0, 0),
            b"Td" | b"TD" | b"T*" | b"'" | b"\"" | b"BI" | b"ID" | b"EI" => return c.to_vec(),
            _ => {}
        }
        if op == b"Tm" {
            match operands.as_slice() {
                [Token::Num(a), Token::Num(b), Token::Num(cc), Token::Num(d), Token::Num(x), Token::Num(y)]
                    if (*a, *b, *cc, *d) == (1.0, 0.0, 0.0, 1.0) =>
                {
                    let (x, y) = (milli(*x), milli(*y));
                    push_num(&mut out, (x - line.0) as f64 / 1000.0);
                    out.push(b' ');
                    push_num(&mut out, (y - line.1) as f64 / 1000.0);
                    out.extend_from_slice(b" Td\n");
                    line = (x, y);
                    operands.clear();
                    scratch.clear();
                    continue;
                }
                _ => return c.to_vec(),
            }
        }
        // Operands, then the operator. Adjacent strings in an array are
        // contiguous in `scratch`, so joining them is widening a range.
        let mut joined: Option<(usize, usize)> = None;
        let mut in_array = false;
        for o in operands.drain(..) {
            if let Token::Hex(a, b) = o {
                joined = match joined {
                    Some((s, e)) if in_array && e == a => Some((s, b)),
                    Some((s, e)) => {
                        push_string(&mut out, &scratch[s..e]);
                        Some((a, b))
                    }
                    None => Some((a, b)),
                };
                continue;
            }
            if let Some((s, e)) = joined.take() {
                push_string(&mut out, &scratch[s..e]);
            }
            match o {
                Token::Num(v) => {
                    // A number right after `[` or `)` needs no separator.
                    if !matches!(out.last(), None | Some(b'\n') | Some(b'[') | Some(b')')) {
                        out.push(b' ');
                    }
                    push_num(&mut out, v);
                }
                Token::Literal(raw) => {
                    out.push(b'(');
                    out.extend_from_slice(raw);
                    out.push(b')');
                }
                Token::Open => {
                    if !matches!(out.last(), None | Some(b'\n')) {
                        out.push(b' ');
                    }
                    out.push(b'[');
                    in_array = true;
                }
                Token::Close => {
                    out.push(b']');
                    in_array = false;
                }
                Token::Word(w) => {
                    if !matches!(out.last(), None | Some(b'\n')) {
                        out.push(b' ');
                    }
                    out.extend_from_slice(w);
                }
                Token::Hex(..) => {}
            }
        }
        if let Some((s, e)) = joined.take() {
            push_string(&mut out, &scratch[s..e]);
        }
        scratch.clear();
        if !matches!(out.last(), None | Some(b'\n') | Some(b']') | Some(b')')) {
            out.push(b' ');
        }
        out.extend_from_slice(op);
        out.push(b'\n');
    }
    if !operands.is_empty() {
        return c.to_vec();
    }
    out
}

fn name_fonts(doc: &mut lopdf::Document, page: Option<ObjectId>, names: &[(String, String)]) {
    let Some(page) = page else { return };
    let fonts: Vec<(Vec<u8>, ObjectId)> = (|| {
        let page = doc.get_object(page).ok()?.as_dict().ok()?;
        let res = match page.get(b"Resources").ok()? {
            Object::Reference(r) => doc.get_object(*r).ok()?.as_dict().ok()?,
            Object::Dictionary(d) => d,
            _ => return None,
        };
        let fonts = match res.get(b"Font").ok()? {
            Object::Reference(r) => doc.get_object(*r).ok()?.as_dict().ok()?,
            Object::Dictionary(d) => d,
            _ => return None,
        };
        Some(
            fonts
                .iter()
                .filter_map(|(k, v)| v.as_reference().ok().map(|r| (k.clone(), r)))
                .collect(),
        )
    })()
    .unwrap_or_default();
    for (key, type0) in fonts {
        let Some((_, base)) = names
            .iter()
            .find(|(res, _)| res.as_bytes() == key.as_slice())
        else {
            continue;
        };
        let base = Object::Name(base.as_bytes().to_vec());
        // The CID font may be inline in DescendantFonts or an object.
        let mut cid_ref = None;
        let mut descriptor = None;
        if let Ok(d) = doc.get_object_mut(type0).and_then(Object::as_dict_mut) {
            d.set("BaseFont", base.clone());
            if let Ok(Object::Array(kids)) = d.get_mut(b"DescendantFonts") {
                match kids.first_mut() {
                    Some(Object::Dictionary(cid)) => {
                        cid.set("BaseFont", base.clone());
                        descriptor = cid
                            .get(b"FontDescriptor")
                            .ok()
                            .and_then(|o| o.as_reference().ok());
                    }
                    Some(Object::Reference(r)) => cid_ref = Some(*r),
                    _ => {}
                }
            }
        }
        if let Some(r) = cid_ref {
            if let Ok(cid) = doc.get_object_mut(r).and_then(Object::as_dict_mut) {
                cid.set("BaseFont", base.clone());
                descriptor = cid
                    .get(b"FontDescriptor")
                    .ok()
                    .and_then(|o| o.as_reference().ok());
            }
        }
        if let Some(fd) = descriptor {
            if let Ok(d) = doc.get_object_mut(fd).and_then(Object::as_dict_mut) {
                d.set("FontName", base);
            }
        }
    }
}

/// Every object reference inside `o` (not following them).
fn references(o: &Object, out: &mut Vec<ObjectId>) {
    match o {
        Object::Reference(id) => out.push(*id),
        Object::Array(a) => a.iter().for_each(|x| references(x, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, v)| references(v, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, v)| references(v, out)),
        _ => {}
    }
}

/// Removes the objects nothing refers to (printpdf's Info dictionary, the
/// per-font CMaps the shared one replaced). lopdf's `prune_objects` looks
/// each reference up in a list, quadratic in the objects: 3.8 G of 11 G
/// instructions for a summary with 20,000 note references (one link each).
fn prune(doc: &mut lopdf::Document) {
    let mut seen = std::collections::HashSet::new();
    let mut todo = Vec::new();
    doc.trailer
        .iter()
        .for_each(|(_, v)| references(v, &mut todo));
    while let Some(id) = todo.pop() {
        if seen.insert(id) {
            if let Some(o) = doc.objects.get(&id) {
                references(o, &mut todo);
            }
        }
    }
    doc.objects.retain(|id, _| seen.contains(id));
}

fn renumber_in(o: &mut Object, map: &std::collections::HashMap<ObjectId, ObjectId>) {
    match o {
        Object::Reference(id) => {
            if let Some(new) = map.get(id) {
                *id = *new;
            }
        }
        Object::Array(a) => a.iter_mut().for_each(|x| renumber_in(x, map)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, v)| renumber_in(v, map)),
        Object::Stream(s) => s.dict.iter_mut().for_each(|(_, v)| renumber_in(v, map)),
        _ => {}
    }
}

/// Numbers the objects 1, 2, 3… in their present order (lopdf's
/// `renumber_objects` is quadratic like its pruning: 2 G instructions in
/// the case above).
fn renumber(doc: &mut lopdf::Document) {
    let map: std::collections::HashMap<ObjectId, ObjectId> = doc
        .objects
        .keys()
        .enumerate()
        .map(|(i, id)| (*id, (i as u32 + 1, 0)))
        .collect();
    let old = std::mem::take(&mut doc.objects);
    for (id, mut o) in old {
        renumber_in(&mut o, &map);
        doc.objects.insert(map[&id], o);
    }
    doc.trailer
        .iter_mut()
        .for_each(|(_, v)| renumber_in(v, &map));
    doc.max_id = map.len() as u32;
}

/// Deflates every stream not compressed yet (with libdeflate), on all
/// cores: a large cost of writing (fonts and page contents), and each
/// stream is independent. Streams are dealt out largest first to the least
/// loaded worker.
fn compress(doc: &mut lopdf::Document, ahead: &Packed) {
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .filter_map(|s| {
            let Some((_, packed)) = ahead.iter().find(|(plain, _)| *plain == s.content) else {
                return Some(s);
            };
            if let Some(packed) = packed {
                s.dict.set("Filter", "FlateDecode");
                s.set_content(packed.clone());
            }
            None
        })
        .collect();
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(streams.len())
        .max(1);
    let mut shares: Vec<(usize, Vec<&mut lopdf::Stream>)> =
        (0..workers).map(|_| (0, Vec::new())).collect();
    for s in streams {
        let least = shares
            .iter_mut()
            .min_by_key(|(load, _)| *load)
            .expect("at least one worker");
        least.0 += s.content.len();
        least.1.push(s);
    }
    let deflate = |share: Vec<&mut lopdf::Stream>| {
        let mut z = compressor();
        for s in share {
            deflate(&mut z, s);
        }
    };
    let mut shares = shares.into_iter().map(|(_, s)| s);
    let first = shares.next().unwrap_or_default();
    std::thread::scope(|scope| {
        for share in shares {
            scope.spawn(move || deflate(share));
        }
        deflate(first);
    });
}

fn compressor() -> libdeflater::Compressor {
    compressor_at(DEFLATE_LEVEL)
}

fn compressor_at(level: u8) -> libdeflater::Compressor {
    libdeflater::Compressor::new(
        libdeflater::CompressionLvl::new(i32::from(level)).unwrap_or_default(),
    )
}

/// Deflates a stream not compressed yet, when that makes it smaller.
fn deflate(z: &mut libdeflater::Compressor, s: &mut lopdf::Stream) {
    if s.dict.has(b"Filter") || !s.allows_compression {
        return;
    }
    if let Some(packed) = pack(z, &s.content) {
        s.dict.set("Filter", "FlateDecode");
        s.set_content(packed);
    }
}

/// `plain` deflated, when that makes the stream smaller (the filter entry
/// costs 19 bytes).
fn pack(z: &mut libdeflater::Compressor, plain: &[u8]) -> Option<Vec<u8>> {
    let mut packed = vec![0; z.zlib_compress_bound(plain.len())];
    let n = z.zlib_compress(plain, &mut packed).ok()?;
    packed.truncate(n);
    (packed.len() + 19 < plain.len()).then_some(packed)
}

/// Streams deflated ahead of [`finish`]: the bytes printpdf writes (a font
/// program) and what [`deflate`] makes of them.
pub type Packed<'a> = Vec<(&'a [u8], Option<Vec<u8>>)>;

/// Deflates the given streams' bytes now, on this thread.
pub fn pack_ahead<'a>(plain: impl Iterator<Item = &'a [u8]>) -> Packed<'a> {
    let mut z = compressor_at(FONT_DEFLATE_LEVEL);
    plain.map(|p| (p, pack(&mut z, p))).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn content_is_tidied() {
        let c = b"0.101960786 0.5 rg\n54 10.5 m\nBT\n/F0 10 Tf\n1 0 0 1 95 722.4 Tm\n\
[<0012> 10<0034><0028>] TJ\n1 0 0 1 95 709.2 Tm\n[<005C>] TJ\nET\n-0.00001 w";
        let t = String::from_utf8(super::tidy_content(c)).unwrap();
        assert_eq!(
            t,
            "0.102 0.5 rg\n54 10.5 m\nBT\n/F0 10 Tf\n95 722.4 Td\n\
[(\0\x12)10(\0\x34\0\\()]TJ\n0 -13.2 Td\n[(\0\\\\)]TJ\nET\n0 w\n"
        );
        // Unexpected operators leave the stream as it was.
        let odd = b"BT 1 0 0 1 5 5 Tm 2 0 Td ET";
        assert_eq!(super::tidy_content(odd), odd.to_vec());
    }
}
