//! Which files the commands read and write: content files named on the
//! command line (a folder means its `briefing.toml`, named after the
//! folder; `-` the standard input), and the file each output goes to. No two inputs ever write one
//! file: names that would meet are made distinct by the inputs' folders,
//! and where that cannot part them the command stops, naming both, before
//! anything is built.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::model::{self, Briefing};

/// The content file used when none is named.
pub const DEFAULT_INPUT: &str = "briefing.toml";

/// Where content comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
    /// A folder named on the command line: the `briefing.toml` in it,
    /// named after the folder (`east/` → `east.pdf`, `{stem}` = `east`).
    Folder(PathBuf),
}

impl Input {
    /// How messages name it.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".into(),
            _ => self.path().display().to_string(),
        }
    }

    /// The path a [`crate::diag::Source`] carries: relative paths in the
    /// content (fonts) are taken from its folder, the current one for the
    /// standard input.
    pub fn path(&self) -> PathBuf {
        match self {
            Input::Stdin => PathBuf::from("<stdin>"),
            Input::File(p) => p.clone(),
            Input::Folder(d) => d.join(DEFAULT_INPUT),
        }
    }

    /// The file name without `.toml`, or a folder's name (`briefing` for
    /// the standard input).
    pub fn stem(&self) -> String {
        let stem = match self {
            Input::Stdin => None,
            Input::File(p) => p.file_stem().map(|s| s.to_string_lossy().into_owned()),
            // As the file system has it: `.` and `east/..` have names too.
            Input::Folder(d) => d
                .canonicalize()
                .ok()
                .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned())),
        };
        stem.unwrap_or_else(|| "briefing".into())
    }

    /// The folder the file is in (the current folder for the standard
    /// input or a bare name).
    fn dir(&self) -> PathBuf {
        match self {
            Input::Folder(d) => d.clone(),
            Input::File(p) => match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            },
            Input::Stdin => PathBuf::from("."),
        }
    }

    /// The name of the folder the file is in, as the file system has it
    /// (`east` for `east/briefing.toml`, the current folder's name for
    /// `briefing.toml`).
    fn folder_name(&self) -> Option<String> {
        let dir = self.dir();
        let full = dir.canonicalize().unwrap_or(dir);
        full.file_name().map(|n| n.to_string_lossy().into_owned())
    }
}

/// The content files the arguments name, in order: none means
/// `briefing.toml`; a folder means the `briefing.toml` in it (named after
/// the folder); `-` means the standard input (at most once). A file named
/// twice is read once.
pub fn inputs(args: &[PathBuf]) -> Result<Vec<Input>, String> {
    if args.is_empty() {
        return Ok(vec![Input::File(PathBuf::from(DEFAULT_INPUT))]);
    }
    let mut out: Vec<Input> = Vec::new();
    // A set: a list of 100,000 inputs is checked in linear time.
    let mut seen: std::collections::HashSet<PathBuf> = Default::default();
    for a in args {
        if a.as_os_str() == "-" {
            if out.contains(&Input::Stdin) {
                return Err("`-` (the standard input) can be named only once".into());
            }
            out.push(Input::Stdin);
            continue;
        }
        let input = if a.is_dir() {
            Input::Folder(a.clone())
        } else {
            Input::File(a.clone())
        };
        let path = input.path();
        let key = path.canonicalize().unwrap_or_else(|_| path.clone());
        if !seen.insert(key) {
            eprintln!(
                "warning: {} is named more than once; it is read once",
                path.display()
            );
            continue;
        }
        out.push(input);
    }
    Ok(out)
}

/// Where an output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

impl Target {
    pub fn display(&self) -> String {
        match self {
            Target::Stdout => "<stdout>".into(),
            Target::File(p) => p.display().to_string(),
        }
    }
}

/// What `-o` says.
#[derive(Debug, Clone, PartialEq, Eq)]
enum OutArg<'a> {
    /// Beside each input.
    Beside,
    Stdout,
    Folder(&'a Path),
    File(&'a Path),
}

fn out_arg(o: Option<&Path>) -> OutArg<'_> {
    match o {
        None => OutArg::Beside,
        Some(p) if p.as_os_str() == "-" => OutArg::Stdout,
        Some(p) if p.is_dir() || p.as_os_str().to_string_lossy().ends_with('/') => {
            OutArg::Folder(p)
        }
        Some(p) => OutArg::File(p),
    }
}

/// One input's output, before names are made distinct.
struct Planned {
    dir: PathBuf,
    name: String,
    /// Named by `--name` or the `output` key (never renamed).
    chosen: bool,
}

/// The file name for an input: `--name`, else its `output` key, else its
/// stem, with `ext` (`pdf`, `html`, `md`, `txt`) as the extension.
fn name_for(input: &Input, b: Option<&Briefing>, name: Option<&str>, ext: &str) -> (String, bool) {
    let template = name.or_else(|| b.and_then(|b| b.output.as_ref()).map(|f| f.text.as_str()));
    match (template, b) {
        (Some(t), Some(b)) => (
            with_ext(&model::output::file_name(t, b, &input.stem()), ext),
            true,
        ),
        _ => (format!("{}.{ext}", input.stem()), false),
    }
}

/// `x.pdf` → `x.html` for the exports; `.pdf` is what the template gives.
fn with_ext(pdf_name: &str, ext: &str) -> String {
    if ext == "pdf" {
        return pdf_name.to_string();
    }
    let stem = pdf_name
        .strip_suffix(".pdf")
        .or_else(|| pdf_name.strip_suffix(".PDF"))
        .unwrap_or(pdf_name);
    format!("{stem}.{ext}")
}

/// Checks a `--name` template before anything is read: its placeholders
/// known, a file name and not a path. (`{date}` is checked per briefing.)
pub fn check_name(name: &str) -> Result<(), String> {
    model::output::check_template(name, true)
        .map_err(|(why, _)| format!("--name {name:?} cannot be used: {why}"))
}

/// The output of every input, or why they cannot all be written. `briefings`
/// holds each input's briefing where it could be read (an input that
/// cannot be read fails later and writes nothing; it is named by its stem).
///
/// - With no `-o`, each output goes beside its input; with `-o FOLDER`
///   into that folder; `-o FILE` and `-o -` take one input only.
/// - A name comes from `--name`, else the `output` key, else the stem;
///   a folder's stem is its name (`east/` → `east.pdf`, in one build or
///   many).
/// - Stem names that would meet are made distinct by the inputs' folders:
///   `east/briefing.toml` → `east.pdf` (the stem `briefing` left out),
///   `a/notes.toml` → `a-notes.pdf`.
/// - Names that still meet, or that `--name` or `output` chose, are an
///   error naming both inputs and the file.
pub fn targets(
    inputs: &[Input],
    briefings: &[Option<&Briefing>],
    output: Option<&Path>,
    name: Option<&str>,
    ext: &str,
) -> Result<Vec<Target>, String> {
    let out = out_arg(output);
    let many = inputs.len() > 1;
    match (&out, many) {
        (OutArg::Stdout, true) => {
            return Err("-o - (the standard output) takes one content file".into())
        }
        (OutArg::File(p), true) => {
            return Err(if p.exists() {
                format!(
                    "with several content files, -o names a folder, and {} is not one",
                    p.display()
                )
            } else {
                format!(
                    "with several content files, -o names a folder, and {} does not exist (end the name with / to have it made: -o {}/)",
                    p.display(),
                    p.display()
                )
            })
        }
        (OutArg::Stdout, false) => return Ok(vec![Target::Stdout]),
        (OutArg::File(p), false) => {
            if name.is_some() {
                return Err("--name and -o FILE both name the output; give one".into());
            }
            return Ok(vec![Target::File(p.to_path_buf())]);
        }
        _ => {}
    }
    let mut plans: Vec<Planned> = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let b = briefings.get(i).copied().flatten();
        let (n, chosen) = name_for(input, b, name, ext);
        let dir = match &out {
            OutArg::Folder(f) => f.to_path_buf(),
            _ => {
                if *input == Input::Stdin && !chosen {
                    return Err("the content comes from the standard input: name the output with -o FILE, -o - or --name (or set `output` in the file)".into());
                }
                input.dir()
            }
        };
        plans.push(Planned {
            dir,
            name: n,
            chosen,
        });
    }
    // Stem names that meet take their folders' names.
    for group in collisions(&plans) {
        for i in group {
            // A folder's input is already named after it.
            if plans[i].chosen || matches!(inputs[i], Input::Folder(_)) {
                continue;
            }
            if let Some(folder) = inputs[i].folder_name() {
                let stem = inputs[i].stem();
                plans[i].name = if stem == "briefing" {
                    format!("{folder}.{ext}")
                } else {
                    format!("{folder}-{stem}.{ext}")
                };
            }
        }
    }
    if let Some(group) = collisions(&plans).into_iter().next() {
        let names: Vec<String> = group.iter().map(|i| inputs[*i].display()).collect();
        let p = &plans[group[0]];
        return Err(format!(
            "{} would {} write {}; nothing was built (give each its own `output` name, or build them into separate folders)",
            join_and(&names),
            if names.len() == 2 { "both" } else { "all" },
            p.dir.join(&p.name).display()
        ));
    }
    Ok(plans
        .into_iter()
        .map(|p| Target::File(clean(&p.dir).join(p.name)))
        .collect())
}

/// Makes the folder `-o` names when the name ends with `/` and the folder
/// does not exist yet (`-o out/`), as the message about a missing folder
/// promises. Called once the outputs are named, before anything is built.
pub fn make_out_folder(output: Option<&Path>) -> Result<(), String> {
    let Some(p) = output else { return Ok(()) };
    if !p.as_os_str().to_string_lossy().ends_with('/') || p.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(p).map_err(|e| format!("cannot make the folder {}: {e}", p.display()))
}

/// `./x` → `x`, so messages show the path as it would be typed.
fn clean(dir: &Path) -> PathBuf {
    if dir == Path::new(".") {
        PathBuf::new()
    } else {
        dir.to_path_buf()
    }
}

/// Groups (of two or more plan indices) that would write one file.
fn collisions(plans: &[Planned]) -> Vec<Vec<usize>> {
    let mut by: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    for (i, p) in plans.iter().enumerate() {
        let dir = p.dir.canonicalize().unwrap_or_else(|_| p.dir.clone());
        by.entry(dir.join(&p.name)).or_default().push(i);
    }
    by.into_values().filter(|g| g.len() > 1).collect()
}

/// "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_take_the_pdfs_name() {
        assert_eq!(
            with_ext("us-peru-2001-08-13.pdf", "html"),
            "us-peru-2001-08-13.html"
        );
        assert_eq!(with_ext("x.pdf", "pdf"), "x.pdf");
        assert_eq!(
            join_and(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
    }
}
