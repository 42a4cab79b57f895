//! A content stream, written compactly once: numbers with at most three
//! decimals (a thousandth of a point is far below what print resolves),
//! glyph codes as one literal string per run, one operator a line. Only ASCII
//! is ever written, so the stream can travel as printpdf's verbatim
//! operator text.

/// Decimals kept in numbers.
const DECIMALS: u32 = 3;

/// Numbers beyond this magnitude are clamped: nothing on a page is this
/// far out, and a non-finite number never reaches the stream.
const LIMIT: f64 = 1e9;

/// The bytes of one page's content stream.
#[derive(Debug, Default, Clone)]
pub struct Content {
    pub bytes: Vec<u8>,
}

impl Content {
    pub fn with_capacity(n: usize) -> Content {
        Content {
            bytes: Vec::with_capacity(n),
        }
    }

    /// A number and a space.
    pub fn num(&mut self, v: f64) -> &mut Self {
        push_num(&mut self.bytes, v);
        self.bytes.push(b' ');
        self
    }

    /// Numbers, each followed by a space.
    pub fn nums(&mut self, vs: &[f64]) -> &mut Self {
        for &v in vs {
            self.num(v);
        }
        self
    }

    /// Raw operator text (an operator, a name), then a new line.
    pub fn op(&mut self, op: &str) -> &mut Self {
        self.bytes.extend_from_slice(op.as_bytes());
        self.bytes.push(b'\n');
        self
    }

    /// Raw text, no new line.
    pub fn raw(&mut self, s: &str) -> &mut Self {
        self.bytes.extend_from_slice(s.as_bytes());
        self
    }

    /// A colour as three components 0–1 (sRGB), then `op` (`rg` or `RG`).
    pub fn rgb(&mut self, c: (u8, u8, u8), op: &str) -> &mut Self {
        for v in [c.0, c.1, c.2] {
            self.num(f64::from(v) / 255.0);
        }
        self.op(op)
    }

    /// A `TJ` of 2-byte codes, each followed by its adjustment (in
    /// thousandths of an em; 0 for none): adjacent codes share a literal
    /// string. The glyph plan picks codes whose bytes stand for
    /// themselves; any other byte is escaped, so the stream stays ASCII.
    pub fn show(&mut self, glyphs: &[(u16, i32)]) -> &mut Self {
        let b = &mut self.bytes;
        b.push(b'[');
        let mut open = false;
        for &(code, adjust) in glyphs {
            if !open {
                b.push(b'(');
                open = true;
            }
            for byte in code.to_be_bytes() {
                match byte {
                    b'(' | b')' | b'\\' => b.extend_from_slice(&[b'\\', byte]),
                    b'\r' => b.extend_from_slice(b"\\r"),
                    0x80.. => {
                        b.push(b'\\');
                        for shift in [6, 3, 0] {
                            b.push(b'0' + (byte >> shift & 7));
                        }
                    }
                    _ => b.push(byte),
                }
            }
            if adjust != 0 {
                b.push(b')');
                open = false;
                push_num(b, f64::from(adjust));
            }
        }
        if open {
            b.push(b')');
        }
        b.extend_from_slice(b"]TJ\n");
        self
    }
}

/// A number with at most [`DECIMALS`] decimals, no trailing zeros, no
/// exponent; a non-finite one as 0.
pub fn push_num(out: &mut Vec<u8>, v: f64) {
    let v = if v.is_finite() {
        v.clamp(-LIMIT, LIMIT)
    } else {
        0.0
    };
    let scale = 10u64.pow(DECIMALS);
    let scaled = (v * scale as f64).round() as i64;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(c: &Content) -> String {
        String::from_utf8(c.bytes.clone()).unwrap()
    }

    #[test]
    fn numbers_are_short_and_finite() {
        let mut c = Content::default();
        c.nums(&[
            0.101960786,
            722.4,
            -0.00001,
            3.0,
            -12.3456,
            f64::NAN,
            f64::INFINITY,
            1e300,
        ]);
        assert_eq!(text(&c), "0.102 722.4 0 3 -12.346 0 0 1000000000 ");
    }

    #[test]
    fn glyphs_share_strings_between_adjustments() {
        let mut c = Content::default();
        c.show(&[(0x41, 0), (0x142, -15), (0x1ab, 0), (0x5c, 0), (0x0d28, 0)]);
        assert_eq!(text(&c), "[(\0A\u{1}B)-15(\u{1}\\253\0\\\\\\r\\()]TJ\n");
        let mut c = Content::default();
        c.show(&[(1, 20)]);
        assert_eq!(text(&c), "[(\0\u{1})20]TJ\n");
    }
}
