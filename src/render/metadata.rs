//! What the PDF says about itself, the same in both places a reader looks:
//! the Info dictionary and the XMP packet (title, authors, subject,
//! keywords, creator tool, producer, dates), with the PDF/A-2a and
//! PDF/UA-1 identification and the extension schema PDF/A asks for the
//! latter; the sRGB output intent; the catalog's tagged-PDF entries; and
//! a document ID derived from the content (no random IDs: the same input
//! gives the same bytes).

use lopdf::{dictionary, Object, ObjectId, StringFormat};

use super::{pdf_date, text_string, Metadata};

/// The sRGB profile of the output intent (see `color/README.md`).
const SRGB: &[u8] = include_bytes!("../../color/sRGB.icc");

/// The catalog entries of a tagged, archival PDF, and the Info
/// dictionary, XMP packet, output intent and ID.
pub fn write(
    doc: &mut lopdf::Document,
    meta: &Metadata,
    struct_root: ObjectId,
    outline: Option<ObjectId>,
) -> Result<(), String> {
    let catalog_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| e.to_string())?;
    let date = pdf_date(meta.created);
    let producer = producer(meta);
    let info = dictionary! {
        "Title" => text_string(&meta.title),
        "Author" => text_string(&meta.authors.join(", ")),
        "Subject" => text_string(&meta.subject),
        "Keywords" => text_string(&meta.keywords.join(", ")),
        "Creator" => text_string(&meta.creator),
        "Producer" => text_string(&producer),
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

    let mut xmp = lopdf::Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp(meta).into_bytes(),
    );
    // Left as plain text, for tools that read it without a PDF parser.
    xmp.allows_compression = false;
    let xmp_id = doc.add_object(xmp);
    let profile = doc.add_object(lopdf::Stream::new(dictionary! { "N" => 3 }, SRGB.to_vec()));
    let intent = dictionary! {
        "Type" => "OutputIntent",
        "S" => "GTS_PDFA1",
        "OutputConditionIdentifier" => Object::string_literal("sRGB IEC61966-2.1"),
        "RegistryName" => Object::string_literal("http://www.color.org"),
        "Info" => Object::string_literal("sRGB IEC61966-2.1"),
        "DestOutputProfile" => profile,
    };

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
    cat.set("MarkInfo", dictionary! { "Marked" => true });
    cat.set("StructTreeRoot", struct_root);
    cat.set("Metadata", xmp_id);
    cat.set("OutputIntents", vec![Object::Dictionary(intent)]);
    match outline {
        Some(o) => {
            cat.set("Outlines", o);
            cat.set("PageMode", "UseOutlines");
        }
        None => {
            cat.remove(b"Outlines");
            cat.set("PageMode", "UseNone");
        }
    }
    Ok(())
}

fn producer(meta: &Metadata) -> String {
    format!("{} (printpdf, lopdf)", meta.creator)
}

/// `YYYY-MM-DDThh:mm:ssZ` for a Unix time (the Info date's XMP form).
fn xmp_date(unix: i64) -> String {
    let d = pdf_date(unix);
    // D:YYYYMMDDHHmmSSZ
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        &d[2..6],
        &d[6..8],
        &d[8..10],
        &d[10..12],
        &d[12..14],
        &d[14..16]
    )
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 has no place for most control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A UUID-shaped form of the content ID (the same input, the same ID).
fn uuid(id: &[u8; 16]) -> String {
    let hex: String = id.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The XMP packet, entry for entry what the Info dictionary says.
pub fn xmp(meta: &Metadata) -> String {
    let date = xmp_date(meta.created);
    let creators: String = meta
        .authors
        .iter()
        .map(|a| format!("<rdf:li>{}</rdf:li>", escape(a)))
        .collect();
    let id = uuid(&meta.content_id);
    let mut x = String::with_capacity(3000);
    x.push_str("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    x.push_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str(concat!(
        "<rdf:Description rdf:about=\"\"",
        " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
        " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"",
        " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"",
        " xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"",
        " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"",
        " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"",
        " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"",
        " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"",
        " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
    ));
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    x.push_str(&format!(
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n",
        escape(&meta.title)
    ));
    if !meta.authors.is_empty() {
        x.push_str(&format!(
            "<dc:creator><rdf:Seq>{creators}</rdf:Seq></dc:creator>\n"
        ));
    }
    if !meta.subject.is_empty() {
        x.push_str(&format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            escape(&meta.subject)
        ));
    }
    if let Some(r) = &meta.rights {
        x.push_str(&format!(
            "<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:rights>\n",
            escape(r)
        ));
    }
    x.push_str(&format!(
        "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
        escape(&meta.lang)
    ));
    if !meta.keywords.is_empty() {
        x.push_str(&format!(
            "<pdf:Keywords>{}</pdf:Keywords>\n",
            escape(&meta.keywords.join(", "))
        ));
    }
    x.push_str(&format!(
        "<pdf:Producer>{}</pdf:Producer>\n",
        escape(&producer(meta))
    ));
    x.push_str(&format!(
        "<xmp:CreatorTool>{}</xmp:CreatorTool>\n",
        escape(&meta.creator)
    ));
    x.push_str(&format!("<xmp:CreateDate>{date}</xmp:CreateDate>\n"));
    x.push_str(&format!("<xmp:ModifyDate>{date}</xmp:ModifyDate>\n"));
    x.push_str(&format!("<xmp:MetadataDate>{date}</xmp:MetadataDate>\n"));
    x.push_str(&format!("<xmpMM:DocumentID>{id}</xmpMM:DocumentID>\n"));
    x.push_str(&format!("<xmpMM:InstanceID>{id}</xmpMM:InstanceID>\n"));
    x.push_str("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>A</pdfaid:conformance>\n");
    x.push_str("<pdfuaid:part>1</pdfuaid:part>\n");
    // PDF/A admits only the schemas it knows, or those described here.
    x.push_str(concat!(
        "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n",
        "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n",
        "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n",
        "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n",
        "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n",
        "<pdfaProperty:name>part</pdfaProperty:name>\n",
        "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n",
        "<pdfaProperty:category>internal</pdfaProperty:category>\n",
        "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n",
        "</rdf:li></rdf:Seq></pdfaSchema:property>\n",
        "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
    ));
    x.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_ids() {
        assert_eq!(xmp_date(997_660_800), "2001-08-13T00:00:00Z");
        assert_eq!(
            uuid(&[0xab; 16]),
            "uuid:abababab-abab-abab-abab-abababababab"
        );
        assert_eq!(
            escape("A & B <c> \"d\""),
            "A &amp; B &lt;c&gt; &quot;d&quot;"
        );
    }
}
