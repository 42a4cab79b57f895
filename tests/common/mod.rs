//! Shared helpers for the integration tests: running the binary, compiling
//! through the library, scratch folders, and a small PDF reader (built on
//! lopdf) that gets text back out the way a viewer's copy-paste would:
//! through each font's ToUnicode CMap, with glyph widths to tell where
//! words and lines end. Nothing here needs poppler or any other tool.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use briefing::diag::{Diagnostic, Diagnostics, Source};
use briefing::pipeline::{self, Options, Output};
use lopdf::{Dictionary, Document, Object, ObjectId};

pub mod a11y;
pub mod png;

/// The creation time every test build uses: 2001-08-13 00:00:00 UTC.
pub const EPOCH: i64 = 997_660_800;
/// `EPOCH` as the PDF date the Info dictionary must carry.
pub const EPOCH_PDF_DATE: &str = "D:20010813000000";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample_path() -> PathBuf {
    repo().join("briefing.toml")
}

pub fn sample_text() -> String {
    std::fs::read_to_string(sample_path()).expect("the sample briefing.toml is readable")
}

/// A fresh, empty folder for one test (named after it, so parallel tests
/// never share one).
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("briefing-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Names of the entries of a folder, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("readable folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The result of running the binary.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `briefing` with `args` in `cwd`, with a fixed SOURCE_DATE_EPOCH and
/// no colour.
pub fn run_in(cwd: &Path, args: &[&str]) -> Run {
    run_with_epoch(cwd, args, Some(&EPOCH.to_string()))
}

/// Runs `briefing` with SOURCE_DATE_EPOCH set to `epoch`, or unset.
pub fn run_with_epoch(cwd: &Path, args: &[&str], epoch: Option<&str>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefing"));
    cmd.args(args).current_dir(cwd).env("NO_COLOR", "1");
    match epoch {
        Some(e) => cmd.env("SOURCE_DATE_EPOCH", e),
        None => cmd.env_remove("SOURCE_DATE_EPOCH"),
    };
    let out = cmd.output().expect("the briefing binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Options for a reproducible library build.
pub fn opts() -> Options {
    Options {
        created: Some(EPOCH),
        ..Options::default()
    }
}

/// Compiles content text through the library, as if it were a file at
/// `path`.
/// Every PDF built this way is checked as a tagged PDF
/// ([`Pdf::assert_accessible`]).
/// With `BRIEFING_TEST_PDFS` set to a folder, each distinct PDF is also
/// kept there, for `scripts/a11y.sh` to run the independent validators on
/// every PDF the tests build.
pub fn compile_as(path: &Path, text: &str, opts: &Options) -> Result<Output, Diagnostics> {
    let out = pipeline::compile(&Source::new(path, text), opts)?;
    Pdf::load(&out.pdf).assert_accessible();
    keep(&out.pdf);
    Ok(out)
}

/// Keeps a built PDF under `BRIEFING_TEST_PDFS`, named by its content.
pub fn keep(pdf: &[u8]) {
    use std::hash::{Hash, Hasher};
    let Some(dir) = std::env::var_os("BRIEFING_TEST_PDFS") else {
        return;
    };
    let mut h = std::collections::hash_map::DefaultHasher::new();
    pdf.hash(&mut h);
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("BRIEFING_TEST_PDFS folder");
    let file = dir.join(format!("{:016x}.pdf", h.finish()));
    if !file.exists() {
        std::fs::write(file, pdf).expect("keep a test PDF");
    }
}

/// The sample, built once per test binary through the library.
pub fn sample() -> &'static (Output, Pdf) {
    static SAMPLE: OnceLock<(Output, Pdf)> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let out = match compile_as(&sample_path(), &sample_text(), &opts()) {
            Ok(o) => o,
            Err(d) => panic!("the sample does not build: {:#?}", d.items),
        };
        let pdf = Pdf::load(&out.pdf);
        (out, pdf)
    })
}

/// The sample's extracted text, once per test binary.
pub fn sample_extracted() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| sample().1.text())
}

/// A small valid briefing, quick to build, with `extra` appended (a
/// `[style]` table, say).
pub fn tiny(extra: &str) -> String {
    format!(
        "title = \"A small test briefing\"\n\
         [summary]\n\
         text = \"One short paragraph of summary text.\"\n{extra}"
    )
}

/// A diagnostic's code, message and where it starts (1-based line, column).
pub fn located(source: &Source, d: &Diagnostic) -> (String, String, Option<(usize, usize)>) {
    let at = d.span.as_ref().map(|s| {
        let lc = source.line_col(s.start);
        (lc.line, lc.col)
    });
    (d.code.to_string(), d.message.clone(), at)
}

// ---------------------------------------------------------------------------
// Reading PDFs back.

/// One run of text as drawn: where it starts (page space), its size, and
/// what it says.
#[derive(Debug, Clone)]
pub struct Frag {
    pub x: f64,
    pub y: f64,
    pub end_x: f64,
    pub size: f64,
    /// The font's BaseFont (`ABCDEF+Lato-Regular`).
    pub font: String,
    pub text: String,
    /// The marked content it is drawn in.
    pub mark: Mark,
}

/// What marked content a run is drawn in: the innermost marked-content
/// ID, whether an artifact encloses it (and of which kind), and the
/// innermost ActualText.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mark {
    pub mcid: Option<i64>,
    /// `Some("")` for an artifact without a subtype; "Header", "Footer".
    pub artifact: Option<String>,
    pub actual_text: Option<String>,
    /// Marked-content sequences open around it.
    pub depth: usize,
}

/// One open marked-content sequence.
#[derive(Debug, Clone, Default)]
struct Open {
    tag: String,
    mcid: Option<i64>,
    subtype: Option<String>,
    actual_text: Option<String>,
}

fn mark_of(stack: &[Open]) -> Mark {
    Mark {
        mcid: stack.iter().rev().find_map(|o| o.mcid),
        artifact: stack
            .iter()
            .find(|o| o.tag == "Artifact")
            .map(|o| o.subtype.clone().unwrap_or_default()),
        actual_text: stack.iter().rev().find_map(|o| o.actual_text.clone()),
        depth: stack.len(),
    }
}

/// A link annotation.
#[derive(Debug, Clone)]
pub struct Link {
    pub rect: [f64; 4],
    pub uri: Option<String>,
    /// Internal destination: (0-based page index, top y when given).
    pub dest: Option<(usize, Option<f64>)>,
}

/// An embedded font.
#[derive(Debug, Clone)]
pub struct FontInfo {
    pub base_font: String,
    pub subtype: String,
    pub descendant_base_font: Option<String>,
    pub font_file2: bool,
    pub to_unicode: bool,
}

pub struct Pdf {
    pub doc: Document,
    pub pages: Vec<ObjectId>,
}

/// What a font needs for text extraction.
struct FontMap {
    name: String,
    to_unicode: HashMap<u32, String>,
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Bytes per code (2 for Identity-H, 1 for simple fonts).
    code_len: usize,
}

fn num(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => 0.0,
    }
}

/// Decodes a PDF text string: UTF-16BE with BOM, else PDFDocEncoding
/// (taken as Latin-1, which it equals for the printable ASCII we use).
pub fn text_string(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

fn hex_bytes(s: &str) -> Vec<u8> {
    let digits: Vec<u8> = s
        .bytes()
        .filter(u8::is_ascii_hexdigit)
        .map(|b| (b as char).to_digit(16).unwrap_or(0) as u8)
        .collect();
    digits
        .chunks(2)
        .map(|c| c[0] * 16 + c.get(1).copied().unwrap_or(0))
        .collect()
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0, |acc, b| (acc << 8) | u32::from(*b))
}

fn utf16_hex(s: &str) -> String {
    let b = hex_bytes(s);
    let units: Vec<u16> = b
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// Parses the bfchar and bfrange sections of a ToUnicode CMap.
pub fn parse_cmap(text: &str) -> HashMap<u32, String> {
    // Tokens: <hex>, [, ], and words.
    let mut tokens: Vec<String> = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => {
                let mut t = String::from("<");
                for d in chars.by_ref() {
                    if d == '>' {
                        break;
                    }
                    t.push(d);
                }
                tokens.push(t);
            }
            '[' | ']' => tokens.push(c.to_string()),
            '%' => {
                for d in chars.by_ref() {
                    if d == '\n' || d == '\r' {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => {}
            _ => {
                let mut t = c.to_string();
                while let Some(&d) = chars.peek() {
                    if d.is_whitespace() || "<[]%".contains(d) {
                        break;
                    }
                    t.push(d);
                    chars.next();
                }
                tokens.push(t);
            }
        }
    }
    let mut map = HashMap::new();
    let mut i = 0;
    let hex = |t: &str| t.strip_prefix('<').map(str::to_string);
    while i < tokens.len() {
        match tokens[i].as_str() {
            "beginbfchar" => {
                i += 1;
                while i + 1 < tokens.len() && tokens[i] != "endbfchar" {
                    if let (Some(src), Some(dst)) = (hex(&tokens[i]), hex(&tokens[i + 1])) {
                        map.insert(code_of(&hex_bytes(&src)), utf16_hex(&dst));
                    }
                    i += 2;
                }
            }
            "beginbfrange" => {
                i += 1;
                while i + 2 < tokens.len() && tokens[i] != "endbfrange" {
                    let lo = code_of(&hex_bytes(&hex(&tokens[i]).unwrap_or_default()));
                    let hi = code_of(&hex_bytes(&hex(&tokens[i + 1]).unwrap_or_default()));
                    if tokens[i + 2] == "[" {
                        let mut j = i + 3;
                        let mut code = lo;
                        while j < tokens.len() && tokens[j] != "]" {
                            if let Some(d) = hex(&tokens[j]) {
                                map.insert(code, utf16_hex(&d));
                            }
                            code += 1;
                            j += 1;
                        }
                        i = j + 1;
                    } else {
                        let mut dst = hex_bytes(&hex(&tokens[i + 2]).unwrap_or_default());
                        for code in lo..=hi {
                            let units: Vec<u16> = dst
                                .chunks(2)
                                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                                .collect();
                            map.insert(code, String::from_utf16_lossy(&units));
                            // Increment the last byte of the destination.
                            if let Some(last) = dst.last_mut() {
                                *last = last.wrapping_add(1);
                            }
                        }
                        i += 3;
                    }
                }
            }
            _ => i += 1,
        }
    }
    map
}

/// A 2D affine matrix [a b c d e f].
#[derive(Debug, Clone, Copy)]
struct Mat([f64; 6]);

impl Mat {
    const ID: Mat = Mat([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    /// self × other (apply self first, then other).
    fn then(self, o: Mat) -> Mat {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        Mat([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }
    fn translate(tx: f64, ty: f64) -> Mat {
        Mat([1.0, 0.0, 0.0, 1.0, tx, ty])
    }
    fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }
}

#[derive(Clone)]
struct GState {
    ctm: Mat,
    font: Option<String>,
    size: f64,
    tz: f64,
    tc: f64,
    tw: f64,
    tl: f64,
    rise: f64,
}

/// A TJ adjustment (thousandths of an em) larger than this, either way,
/// moves the pen to a new run (a word gap, a tab, a jump back).
const KERN_BREAK: f64 = 250.0;
/// A jump right, within a line, of more than this many ems is a word gap.
const GAP_SPACE_EM: f64 = 0.2;

impl Pdf {
    pub fn load(bytes: &[u8]) -> Pdf {
        let doc = Document::load_mem(bytes).expect("lopdf parses the PDF");
        let pages = doc.get_pages().values().copied().collect();
        Pdf { doc, pages }
    }

    pub fn load_file(path: &Path) -> Pdf {
        Pdf::load(&std::fs::read(path).expect("the PDF exists"))
    }

    fn deref<'a>(&'a self, o: &'a Object) -> &'a Object {
        self.doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
    }

    fn dict<'a>(&'a self, o: &'a Object) -> Option<&'a Dictionary> {
        self.deref(o).as_dict().ok()
    }

    /// A page attribute, looked up through the page tree (MediaBox and
    /// Resources are inheritable).
    fn page_attr(&self, page: ObjectId, key: &[u8]) -> Option<&Object> {
        let mut d = self.doc.get_dictionary(page).ok()?;
        loop {
            if let Ok(v) = d.get(key) {
                return Some(self.deref(v));
            }
            let parent = d.get(b"Parent").ok()?.as_reference().ok()?;
            d = self.doc.get_dictionary(parent).ok()?;
        }
    }

    pub fn media_box(&self, page: usize) -> [f64; 4] {
        let arr = self
            .page_attr(self.pages[page], b"MediaBox")
            .and_then(|o| o.as_array().ok())
            .expect("every page has a MediaBox");
        let v: Vec<f64> = arr.iter().map(|o| num(self.deref(o))).collect();
        [v[0], v[1], v[2], v[3]]
    }

    /// Width and height of a page.
    pub fn page_size(&self, page: usize) -> (f64, f64) {
        let b = self.media_box(page);
        (b[2] - b[0], b[3] - b[1])
    }

    /// An entry of the Info dictionary, decoded.
    pub fn info(&self, key: &str) -> Option<String> {
        let info = self.doc.trailer.get(b"Info").ok()?;
        let info = self.dict(info)?;
        let v = self.deref(info.get(key.as_bytes()).ok()?);
        v.as_str().ok().map(text_string)
    }

    pub fn catalog(&self) -> &Dictionary {
        let root = self.doc.trailer.get(b"Root").expect("trailer has Root");
        self.dict(root).expect("Root is a dictionary")
    }

    fn page_index(&self, id: ObjectId) -> Option<usize> {
        self.pages.iter().position(|p| *p == id)
    }

    /// Fonts named in every page's resources (each once).
    pub fn fonts(&self) -> Vec<FontInfo> {
        let mut seen = std::collections::BTreeMap::new();
        for &p in &self.pages {
            for (_, font) in self.page_fonts(p) {
                let base = name_of(font.get(b"BaseFont").ok()).unwrap_or_default();
                let subtype = name_of(font.get(b"Subtype").ok()).unwrap_or_default();
                let descendant = font
                    .get(b"DescendantFonts")
                    .ok()
                    .and_then(|o| self.deref(o).as_array().ok())
                    .and_then(|a| a.first())
                    .and_then(|o| self.dict(o));
                let descriptor = descendant
                    .unwrap_or(font)
                    .get(b"FontDescriptor")
                    .ok()
                    .and_then(|o| self.dict(o));
                seen.insert(
                    base.clone(),
                    FontInfo {
                        base_font: base,
                        subtype,
                        descendant_base_font: descendant
                            .and_then(|d| name_of(d.get(b"BaseFont").ok())),
                        font_file2: descriptor.is_some_and(|d| {
                            d.get(b"FontFile2")
                                .ok()
                                .map(|o| self.deref(o))
                                .is_some_and(|o| o.as_stream().is_ok())
                        }),
                        to_unicode: font
                            .get(b"ToUnicode")
                            .ok()
                            .map(|o| self.deref(o))
                            .is_some_and(|o| o.as_stream().is_ok()),
                    },
                );
            }
        }
        seen.into_values().collect()
    }

    fn page_fonts(&self, page: ObjectId) -> Vec<(String, &Dictionary)> {
        let Some(res) = self
            .page_attr(page, b"Resources")
            .and_then(|o| o.as_dict().ok())
        else {
            return vec![];
        };
        let Some(fonts) = res.get(b"Font").ok().and_then(|o| self.dict(o)) else {
            return vec![];
        };
        fonts
            .iter()
            .filter_map(|(k, v)| Some((String::from_utf8_lossy(k).into_owned(), self.dict(v)?)))
            .collect()
    }

    fn font_map(&self, name: &str, font: &Dictionary) -> FontMap {
        let to_unicode = font
            .get(b"ToUnicode")
            .ok()
            .map(|o| self.deref(o))
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| s.get_plain_content().ok())
            .map(|b| parse_cmap(&String::from_utf8_lossy(&b)))
            .unwrap_or_default();
        let mut widths = HashMap::new();
        let mut default_width = 1000.0;
        let type0 = name_of(font.get(b"Subtype").ok()).as_deref() == Some("Type0");
        if type0 {
            let desc = font
                .get(b"DescendantFonts")
                .ok()
                .and_then(|o| self.deref(o).as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| self.dict(o));
            if let Some(d) = desc {
                if let Ok(dw) = d.get(b"DW") {
                    default_width = num(self.deref(dw));
                }
                if let Some(w) = d.get(b"W").ok().and_then(|o| self.deref(o).as_array().ok()) {
                    let mut i = 0;
                    while i < w.len() {
                        let first = num(self.deref(&w[i])) as u32;
                        match w.get(i + 1).map(|o| self.deref(o)) {
                            Some(Object::Array(list)) => {
                                for (k, o) in list.iter().enumerate() {
                                    widths.insert(first + k as u32, num(self.deref(o)));
                                }
                                i += 2;
                            }
                            Some(last) => {
                                let last = num(last) as u32;
                                let width = w.get(i + 2).map(|o| num(self.deref(o))).unwrap_or(0.0);
                                for c in first..=last {
                                    widths.insert(c, width);
                                }
                                i += 3;
                            }
                            None => break,
                        }
                    }
                }
            }
        } else {
            let first = font.get(b"FirstChar").map(num).unwrap_or(0.0) as u32;
            if let Some(w) = font
                .get(b"Widths")
                .ok()
                .and_then(|o| self.deref(o).as_array().ok())
            {
                for (k, o) in w.iter().enumerate() {
                    widths.insert(first + k as u32, num(self.deref(o)));
                }
            }
            default_width = 500.0;
        }
        FontMap {
            name: name_of(font.get(b"BaseFont").ok()).unwrap_or_else(|| name.to_string()),
            to_unicode,
            widths,
            default_width,
            code_len: if type0 { 2 } else { 1 },
        }
    }

    /// Every run of text on a page, in the order drawn.
    pub fn frags(&self, page: usize) -> Vec<Frag> {
        let id = self.pages[page];
        let fonts: HashMap<String, FontMap> = self
            .page_fonts(id)
            .into_iter()
            .map(|(n, d)| {
                let m = self.font_map(&n, d);
                (n, m)
            })
            .collect();
        let content = self.doc.get_page_content(id);
        let ops = lopdf::content::Content::decode(&content)
            .expect("content stream parses")
            .operations;
        let mut out = Vec::new();
        let mut gs = GState {
            ctm: Mat::ID,
            font: None,
            size: 0.0,
            tz: 100.0,
            tc: 0.0,
            tw: 0.0,
            tl: 0.0,
            rise: 0.0,
        };
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = Mat::ID;
        let mut tlm = Mat::ID;
        let mut marked: Vec<Open> = Vec::new();
        for op in ops {
            let o = &op.operands;
            let f = |i: usize| o.get(i).map(num).unwrap_or(0.0);
            match op.operator.as_str() {
                "BMC" | "BDC" => marked.push(self.open_mark(&op.operands)),
                "EMC" => {
                    marked.pop();
                }
                "q" => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => gs.ctm = Mat([f(0), f(1), f(2), f(3), f(4), f(5)]).then(gs.ctm),
                "BT" => {
                    tm = Mat::ID;
                    tlm = Mat::ID;
                }
                "Tf" => {
                    gs.font = o
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .map(|n| String::from_utf8_lossy(n).into_owned());
                    gs.size = f(1);
                }
                "Tz" => gs.tz = f(0),
                "Tc" => gs.tc = f(0),
                "Tw" => gs.tw = f(0),
                "TL" => gs.tl = f(0),
                "Ts" => gs.rise = f(0),
                "Tm" => {
                    tm = Mat([f(0), f(1), f(2), f(3), f(4), f(5)]);
                    tlm = tm;
                }
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        gs.tl = -f(1);
                    }
                    tlm = Mat::translate(f(0), f(1)).then(tlm);
                    tm = tlm;
                }
                "T*" => {
                    tlm = Mat::translate(0.0, -gs.tl).then(tlm);
                    tm = tlm;
                }
                "Tj" | "TJ" | "'" | "\"" => {
                    if op.operator == "'" || op.operator == "\"" {
                        if op.operator == "\"" {
                            gs.tw = f(0);
                            gs.tc = f(1);
                        }
                        tlm = Mat::translate(0.0, -gs.tl).then(tlm);
                        tm = tlm;
                    }
                    let items: Vec<&Object> = match op.operator.as_str() {
                        "TJ" => o
                            .first()
                            .and_then(|a| a.as_array().ok())
                            .map(|a| a.iter().collect())
                            .unwrap_or_default(),
                        _ => o.last().into_iter().collect(),
                    };
                    let Some(font) = gs.font.as_ref().and_then(|n| fonts.get(n)) else {
                        continue;
                    };
                    // Text space → page space for the current pen position.
                    let trm = |tm: Mat| {
                        Mat([gs.size * gs.tz / 100.0, 0.0, 0.0, gs.size, 0.0, gs.rise])
                            .then(tm)
                            .then(gs.ctm)
                    };
                    let start = trm(tm);
                    let size = (start.0[2].powi(2) + start.0[3].powi(2)).sqrt();
                    let mut frag = Frag {
                        x: start.apply(0.0, 0.0).0,
                        y: start.apply(0.0, 0.0).1,
                        end_x: 0.0,
                        size,
                        font: font.name.clone(),
                        text: String::new(),
                        mark: mark_of(&marked),
                    };
                    for item in items {
                        match item {
                            Object::String(bytes, _) => {
                                for chunk in bytes.chunks(font.code_len) {
                                    let code = code_of(chunk);
                                    match font.to_unicode.get(&code) {
                                        Some(s) => frag.text.push_str(s),
                                        None => frag.text.push('\u{FFFD}'),
                                    }
                                    let w = font
                                        .widths
                                        .get(&code)
                                        .copied()
                                        .unwrap_or(font.default_width);
                                    let space = if font.code_len == 1 && code == 32 {
                                        gs.tw
                                    } else {
                                        0.0
                                    };
                                    let tx = (w / 1000.0 * gs.size + gs.tc + space) * gs.tz / 100.0;
                                    tm = Mat::translate(tx, 0.0).then(tm);
                                }
                            }
                            other => {
                                let k = num(other);
                                let tx = -k / 1000.0 * gs.size * gs.tz / 100.0;
                                let big = k.abs() > KERN_BREAK;
                                if big {
                                    // A jump: what follows is a run of its own.
                                    frag.end_x = trm(tm).apply(0.0, 0.0).0;
                                    let next = trm(Mat::translate(tx, 0.0).then(tm));
                                    let (x, y) = next.apply(0.0, 0.0);
                                    let done = std::mem::replace(
                                        &mut frag,
                                        Frag {
                                            x,
                                            y,
                                            end_x: 0.0,
                                            size,
                                            font: font.name.clone(),
                                            text: String::new(),
                                            mark: mark_of(&marked),
                                        },
                                    );
                                    out.push(done);
                                }
                                tm = Mat::translate(tx, 0.0).then(tm);
                            }
                        }
                    }
                    frag.end_x = trm(tm).apply(0.0, 0.0).0;
                    out.push(frag);
                }
                _ => {}
            }
        }
        out
    }

    /// A marked-content sequence's tag and properties, from the operands
    /// of BMC or BDC (inline properties only: the writer uses no named
    /// ones).
    fn open_mark(&self, operands: &[Object]) -> Open {
        let tag = name_of(operands.first()).unwrap_or_default();
        let props = operands.get(1).and_then(|o| self.dict(o));
        let get = |k: &[u8]| props.and_then(|d| d.get(k).ok()).map(|o| self.deref(o));
        Open {
            tag,
            mcid: get(b"MCID").and_then(|o| o.as_i64().ok()),
            subtype: name_of(get(b"Subtype")),
            actual_text: get(b"ActualText")
                .and_then(|o| o.as_str().ok())
                .map(text_string),
        }
    }

    /// A page's text: runs on one baseline joined (with a space where
    /// there is a gap), lines separated by newlines.
    pub fn page_text(&self, page: usize) -> String {
        lines_of(&self.frags(page)).join("\n")
    }

    /// The whole document's text, pages separated by form feeds.
    pub fn text(&self) -> String {
        (0..self.pages.len())
            .map(|p| self.page_text(p))
            .collect::<Vec<_>>()
            .join("\n\u{c}\n")
    }

    /// Link annotations of a page.
    pub fn links(&self, page: usize) -> Vec<Link> {
        let Ok(annots) = self
            .doc
            .get_dictionary(self.pages[page])
            .and_then(|d| d.get(b"Annots"))
        else {
            return vec![];
        };
        let Ok(annots) = self.deref(annots).as_array() else {
            return vec![];
        };
        annots
            .iter()
            .filter_map(|a| self.dict(a))
            .filter(|a| name_of(a.get(b"Subtype").ok()).as_deref() == Some("Link"))
            .map(|a| {
                let r: Vec<f64> = a
                    .get(b"Rect")
                    .ok()
                    .and_then(|o| self.deref(o).as_array().ok())
                    .map(|v| v.iter().map(|o| num(self.deref(o))).collect())
                    .unwrap_or_else(|| vec![0.0; 4]);
                let uri = a
                    .get(b"A")
                    .ok()
                    .and_then(|o| self.dict(o))
                    .filter(|d| name_of(d.get(b"S").ok()).as_deref() == Some("URI"))
                    .and_then(|d| d.get(b"URI").ok())
                    .and_then(|o| self.deref(o).as_str().ok())
                    .map(|b| String::from_utf8_lossy(b).into_owned());
                let dest = a
                    .get(b"Dest")
                    .ok()
                    .or_else(|| {
                        a.get(b"A")
                            .ok()
                            .and_then(|o| self.dict(o))
                            .filter(|d| name_of(d.get(b"S").ok()).as_deref() == Some("GoTo"))
                            .and_then(|d| d.get(b"D").ok())
                    })
                    .and_then(|d| self.explicit_dest(d));
                Link {
                    rect: [r[0], r[1], r[2], r[3]],
                    uri,
                    dest,
                }
            })
            .collect()
    }

    /// An explicit destination `[page /XYZ left top zoom]` (or `/Fit…`).
    fn explicit_dest(&self, d: &Object) -> Option<(usize, Option<f64>)> {
        let arr = self.deref(d).as_array().ok()?;
        let page = self.page_index(arr.first()?.as_reference().ok()?)?;
        let kind = arr.get(1).and_then(|o| o.as_name().ok());
        let top = match kind {
            Some(b"XYZ") => arr.get(3).filter(|o| !o.is_null()).map(num),
            Some(b"FitH") | Some(b"FitBH") => arr.get(2).filter(|o| !o.is_null()).map(num),
            _ => None,
        };
        Some((page, top))
    }

    /// The outline, flattened: (depth, title, destination page).
    pub fn outline(&self) -> Vec<(usize, String, Option<usize>)> {
        let mut out = Vec::new();
        let Some(outlines) = self
            .catalog()
            .get(b"Outlines")
            .ok()
            .and_then(|o| self.dict(o))
        else {
            return out;
        };
        let mut todo: Vec<(usize, Option<&Object>)> = vec![(0, outlines.get(b"First").ok())];
        // Depth-first, in order: a stack of "next item at this depth".
        let mut guard = 0;
        while let Some((depth, item)) = todo.pop() {
            let Some(item) = item.and_then(|o| self.dict(o)) else {
                continue;
            };
            guard += 1;
            assert!(guard < 10_000, "the outline has a cycle");
            let title = item
                .get(b"Title")
                .ok()
                .and_then(|o| self.deref(o).as_str().ok())
                .map(text_string)
                .unwrap_or_default();
            let dest = item
                .get(b"Dest")
                .ok()
                .and_then(|d| self.explicit_dest(d))
                .map(|(p, _)| p);
            out.push((depth, title, dest));
            todo.push((depth, item.get(b"Next").ok()));
            todo.push((depth + 1, item.get(b"First").ok()));
        }
        out
    }
}

fn name_of(o: Option<&Object>) -> Option<String> {
    o?.as_name()
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// Groups runs into lines. Consecutive runs (in drawing order) on one
/// baseline form a line (a superscript, raised less than half the size,
/// stays on its line); within a line, runs are read left to right (a list
/// bullet drawn after its text still comes first), with a space where the
/// gap is wider than a fifth of an em.
pub fn lines_of(frags: &[Frag]) -> Vec<String> {
    placed_lines(frags).into_iter().map(|(_, l)| l).collect()
}

/// [`lines_of`], with the x where each line starts.
pub fn placed_lines(frags: &[Frag]) -> Vec<(f64, String)> {
    let mut groups: Vec<Vec<&Frag>> = Vec::new();
    let mut base_y = f64::NAN;
    let mut base_size = 0.0f64;
    for f in frags.iter().filter(|f| !f.text.is_empty()) {
        let size = base_size.max(f.size);
        if (f.y - base_y).abs() <= 0.5 * size {
            groups.last_mut().expect("a line is open").push(f);
            if f.size > base_size {
                base_y = f.y;
                base_size = f.size;
            }
        } else {
            groups.push(vec![f]);
            base_y = f.y;
            base_size = f.size;
        }
    }
    groups
        .into_iter()
        .map(|mut g| {
            g.sort_by(|a, b| a.x.total_cmp(&b.x));
            let x = g[0].x;
            let mut line = String::new();
            let mut last_end = f64::NEG_INFINITY;
            for f in g {
                if f.x - last_end > GAP_SPACE_EM * f.size.max(1.0)
                    && !line.is_empty()
                    && !line.ends_with(char::is_whitespace)
                    && !f.text.starts_with(char::is_whitespace)
                {
                    line.push(' ');
                }
                line.push_str(&f.text);
                last_end = last_end.max(f.end_x);
            }
            (x, line.trim().to_string())
        })
        .filter(|(_, l)| !l.is_empty())
        .collect()
}

/// Collapses runs of whitespace to one space.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether extracted text holds `phrase`, allowing the phrase to wrap over
/// lines (a line break reads as a space, or as nothing after a hyphen
/// added by hyphenation).
pub fn has_phrase(text: &str, phrase: &str) -> bool {
    let want = squash(phrase);
    let plain = squash(text);
    if plain.contains(&want) {
        return true;
    }
    let mut dehyphenated = text.to_string();
    for h in ["-\n", "\u{2010}\n", "\u{AD}\n"] {
        dehyphenated = dehyphenated.replace(h, "");
    }
    squash(&dehyphenated).contains(&want)
}

/// Layout invariants every briefing must hold: each glyph run inside the
/// page's 10 mm margin box, and no two runs overlapping.
pub fn assert_layout_sound(what: &str, laid: &briefing::layout::Laidout) {
    use briefing::layout::Item;
    const MARGIN_BOX: f32 = 28.35;
    for (pi, page) in laid.pages.iter().enumerate() {
        let mut boxes = Vec::new();
        for it in &page.items {
            if let Item::Text(r) = it {
                let (x0, x1) = (r.x + r.glyphs[0].x, r.x + r.width);
                let (y0, y1) = (r.y - r.size * 0.75, r.y + r.size * 0.2);
                assert!(
                    x0 >= MARGIN_BOX
                        && x1 <= page.width - MARGIN_BOX
                        && y0 >= MARGIN_BOX
                        && y1 <= page.height - MARGIN_BOX,
                    "{what}: run outside the margin box on page {}: {:?}",
                    pi + 1,
                    (x0, y0, x1, y1)
                );
                // Ink ends where the last glyph that is not a space ends
                // (where the next glyph starts, or the run's width).
                let ink = r
                    .glyphs
                    .iter()
                    .rposition(|g| g.text != " ")
                    .map_or(0.0, |k| r.glyphs.get(k + 1).map_or(r.width, |n| n.x));
                boxes.push((x0, y0, (r.x + ink).max(x0 + 0.1), y1));
            }
        }
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let across = a.2.min(b.2) - a.0.max(b.0);
                let down = a.3.min(b.3) - a.1.max(b.1);
                assert!(
                    across <= 0.5 || down <= 0.5,
                    "{what}: runs overlap on page {}: {a:?} {b:?}",
                    pi + 1
                );
            }
        }
    }
}
