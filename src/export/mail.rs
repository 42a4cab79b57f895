//! The mail draft (`briefing mail`): one RFC 5322 message, MIME (RFC
//! 2045–2049), that desktop clients open as an unsent draft (`X-Unsent:
//! 1`): a multipart/mixed holding a multipart/alternative of the plain
//! text and the HTML export, then the PDF as an attachment.
//!
//! Everything is deterministic, so the same briefing gives the same
//! bytes: the date is handed in, and the boundaries are made from a hash
//! of the parts. Lines end in CRLF and stay under 78 characters: the text
//! parts are quoted-printable (the HTML export's lines are long), the PDF
//! base64; a boundary starts with `=_`, which neither encoding can
//! produce, so it can never occur inside a part.

use std::fmt::Write;

use super::GENERATOR;

/// What a draft is made of.
pub struct Draft<'a> {
    /// The plain-text subject (the briefing's title).
    pub subject: &'a str,
    /// The message's date, Unix seconds (UTC).
    pub date: i64,
    pub from: Option<&'a str>,
    pub to: &'a [String],
    pub cc: &'a [String],
    /// The plain-text export, the alternative for text-only clients.
    pub text: &'a [u8],
    /// The HTML export, the body clients show.
    pub html: &'a [u8],
    pub pdf: &'a [u8],
    /// The attachment's file name, as the build names the PDF.
    pub pdf_name: &'a str,
}

/// The header field that marks a draft as ours: `briefing mail -o`
/// replaces only a file that carries it.
const MAILER: &str = "X-Mailer: ";

/// Whether a file's first bytes are the headers of a draft we wrote.
pub fn is_ours(head: &[u8]) -> bool {
    let needle = format!("\r\n{MAILER}briefing ");
    let at_start = format!("{MAILER}briefing ");
    head.starts_with(at_start.as_bytes())
        || head.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Why an address cannot go in a header.
pub fn check_address(a: &str) -> Result<(), String> {
    if a.trim().is_empty() {
        return Err("an address is empty".into());
    }
    if a.chars().any(|c| c.is_control()) {
        return Err(format!("{a:?} holds a control character (a line break?)"));
    }
    if !a.contains('@') {
        return Err(format!("{a:?} is not a mail address (no @)"));
    }
    Ok(())
}

/// The whole message.
pub fn message(d: &Draft) -> Vec<u8> {
    let tag = boundary_tag(d);
    let mixed = format!("=_mixed_{tag}");
    let alt = format!("=_alt_{tag}");
    let mut h = String::new();
    let _ = write!(h, "Date: {}\r\n", rfc5322_date(d.date));
    if let Some(from) = d.from {
        header(&mut h, "From", &address_list(&[from.to_string()]));
    }
    if !d.to.is_empty() {
        header(&mut h, "To", &address_list(d.to));
    }
    if !d.cc.is_empty() {
        header(&mut h, "Cc", &address_list(d.cc));
    }
    header(&mut h, "Subject", &encode_words(d.subject));
    h.push_str("MIME-Version: 1.0\r\n");
    let _ = write!(
        h,
        "Content-Type: multipart/mixed;\r\n boundary=\"{mixed}\"\r\n"
    );
    h.push_str("X-Unsent: 1\r\n");
    let _ = write!(h, "{MAILER}{GENERATOR}\r\n");
    h.push_str("\r\nThis is a message in MIME format.\r\n");

    let _ = write!(h, "\r\n--{mixed}\r\n");
    let _ = write!(
        h,
        "Content-Type: multipart/alternative;\r\n boundary=\"{alt}\"\r\n"
    );
    for (kind, body) in [("plain", d.text), ("html", d.html)] {
        let _ = write!(h, "\r\n--{alt}\r\n");
        let _ = write!(h, "Content-Type: text/{kind}; charset=utf-8\r\n");
        h.push_str("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
        h.push_str(&quoted_printable(body));
    }
    let _ = write!(h, "\r\n--{alt}--\r\n");

    let _ = write!(h, "\r\n--{mixed}\r\n");
    let (name, filename) = file_name_params(d.pdf_name);
    let _ = write!(h, "Content-Type: application/pdf;\r\n {name}\r\n");
    let _ = write!(h, "Content-Disposition: attachment;\r\n {filename}\r\n");
    h.push_str("Content-Transfer-Encoding: base64\r\n\r\n");
    h.push_str(&base64_lines(d.pdf));
    let _ = write!(h, "\r\n--{mixed}--\r\n");
    h.into_bytes()
}

/// A header field, folded at spaces to keep lines under 78 characters.
fn header(out: &mut String, name: &str, value: &str) {
    let mut line = format!("{name}:");
    for word in value.split(' ') {
        if line.len() + 1 + word.len() > 76 && line.len() > name.len() + 1 {
            out.push_str(&line);
            out.push_str("\r\n");
            line = String::new();
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push_str("\r\n");
}

/// Addresses as a header's list: `Name <a@b>` keeps its name (encoded
/// when it is not ASCII), a bare address stays bare.
fn address_list(list: &[String]) -> String {
    list.iter()
        .map(|a| {
            let a = a.trim();
            match a.rsplit_once('<') {
                Some((name, addr)) if !name.trim().is_empty() => {
                    let name = name.trim().trim_matches('"');
                    let shown = if name.is_ascii() {
                        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
                    } else {
                        encode_words(name)
                    };
                    format!("{shown} <{}", addr.trim())
                }
                _ => a.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Text for a header: as it is when it is printable ASCII, else RFC 2047
/// encoded-words (`=?UTF-8?B?…?=`), each at most 75 characters and
/// holding whole characters, separated by spaces (where the header folds).
fn encode_words(text: &str) -> String {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) && !text.contains("=?") {
        return text.to_string();
    }
    // 75 - len("=?UTF-8?B??=") = 63 base64 characters: 45 bytes of text.
    const BYTES_PER_WORD: usize = 45;
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > BYTES_PER_WORD {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(chunk);
    }
    words
        .iter()
        .map(|w| format!("=?UTF-8?B?{}?=", base64(w.as_bytes())))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `name` and `filename` parameters: quoted when plain ASCII, else
/// RFC 2231 (`filename*=UTF-8''…`) with an encoded-word `name` for older
/// clients.
fn file_name_params(name: &str) -> (String, String) {
    let plain = name
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\');
    if plain {
        return (format!("name=\"{name}\""), format!("filename=\"{name}\""));
    }
    let mut pct = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            pct.push(b as char);
        } else {
            let _ = write!(pct, "%{b:02X}");
        }
    }
    (
        format!("name=\"{}\"", encode_words(name)),
        format!("filename*=UTF-8''{pct}"),
    )
}

/// Quoted-printable (RFC 2045 §6.7): line breaks become CRLF, lines
/// longer than 76 characters break softly (`=` at the end), and `=`,
/// bytes outside printable ASCII and spaces before a break are escaped.
fn quoted_printable(body: &[u8]) -> String {
    let mut out = String::with_capacity(body.len() * 11 / 10);
    let text = body.strip_suffix(b"\n").unwrap_or(body);
    for line in text.split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let mut col = 0;
        for (i, &b) in line.iter().enumerate() {
            let last = i + 1 == line.len();
            let literal = matches!(b, b'!'..=b'<' | b'>'..=b'~') || (b == b' ' && !last);
            let piece = if literal {
                (b as char).to_string()
            } else {
                format!("={b:02X}")
            };
            // Room for the soft break's `=` within 76.
            if col + piece.len() > 75 {
                out.push_str("=\r\n");
                col = 0;
            }
            out.push_str(&piece);
            col += piece.len();
        }
        out.push_str("\r\n");
    }
    out
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub(crate) fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(BASE64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Base64 in lines of 76 characters (RFC 2045 §6.8), each ending in CRLF.
fn base64_lines(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(57) {
        out.push_str(&base64(chunk));
        out.push_str("\r\n");
    }
    out
}

/// A tag for the boundaries from the parts' bytes (FNV-1a, 64 bits):
/// the same draft gives the same message.
fn boundary_tag(d: &Draft) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [d.subject.as_bytes(), d.text, d.html, d.pdf] {
        for &b in part {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// `Mon, 13 Aug 2001 00:00:00 +0000` (RFC 5322 §3.3), in UTC.
pub fn rfc5322_date(unix: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{}, {d:02} {} {y:04} {:02}:{:02}:{:02} +0000",
        DAYS[days.rem_euclid(7) as usize],
        MONTHS[(m - 1) as usize],
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Unix seconds at midnight UTC of a calendar date.
pub fn unix_of_date(year: i32, month: u8, day: u8) -> i64 {
    // Days-from-civil (Howard Hinnant's algorithm).
    let (m, d) = (month as i64, day as i64);
    let y = year as i64 - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400
}

/// Year, month, day of a day count from 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_rfc5322() {
        assert_eq!(rfc5322_date(997_660_800), "Mon, 13 Aug 2001 00:00:00 +0000");
        assert_eq!(rfc5322_date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
        assert_eq!(unix_of_date(2001, 8, 13), 997_660_800);
        assert_eq!(unix_of_date(1970, 1, 1), 0);
        assert_eq!(unix_of_date(2024, 2, 29), 1_709_164_800);
    }

    #[test]
    fn base64_matches_the_rfc_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
    }

    #[test]
    fn quoted_printable_keeps_lines_short_and_escapes() {
        let long = "a".repeat(200) + " =é \n";
        let qp = quoted_printable(long.as_bytes());
        assert!(qp.lines().all(|l| l.len() <= 76), "{qp}");
        assert!(qp.contains("=3D=C3=A9=20\r\n"), "{qp}");
    }

    #[test]
    fn non_ascii_subjects_are_encoded_words() {
        let s = encode_words("Relaciones entre Perú y los Estados Unidos: volver al buen camino");
        assert!(s.starts_with("=?UTF-8?B?"), "{s}");
        assert!(s.split(' ').all(|w| w.len() <= 75), "{s}");
        assert_eq!(encode_words("Plain title"), "Plain title");
    }
}
