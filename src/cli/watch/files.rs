//! The files one watched briefing depends on, and the folders watched to
//! see them change. Folders are watched, not files, so that editors that
//! save by renaming a new file over the old one are followed; an event
//! counts when its file name is one of the files.
//!
//! A content file whose folder does not exist yet (`watch later --wait`
//! before `briefing init later`) is followed from its nearest existing
//! ancestor: the creation of the next folder down is an event, and the
//! files are watched again from there.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use notify::event::{ModifyKind, RenameMode};
use notify::{EventKind, RecursiveMode, Watcher};

/// What an event means for one briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Touch {
    Nothing,
    /// A file it is built from changed (or a missing folder appeared).
    Source,
    /// The PDF it wrote was deleted or moved away.
    Output,
}

/// The files whose changes trigger a build, by folder and name.
#[derive(Default)]
pub struct Watched {
    files: HashSet<(PathBuf, OsString)>,
    /// The PDF last written, by folder and name.
    output: Option<(PathBuf, OsString)>,
}

/// Every folder the one watcher watches (shared by all briefings).
pub type Dirs = HashSet<PathBuf>;

fn watch_dir(watcher: &mut impl Watcher, dirs: &mut Dirs, dir: &Path) -> Result<(), String> {
    if dirs.insert(dir.to_path_buf()) {
        watcher
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    }
    Ok(())
}

/// A path's folder (`.` for a bare name) and name.
fn split(path: &Path) -> Option<(PathBuf, OsString)> {
    let name = path.file_name()?.to_os_string();
    let dir = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => PathBuf::from("."),
    };
    Some((dir, name))
}

impl Watched {
    /// Watches the content file and the fonts and section figure images
    /// its text names (when the text could be read). A content file's folder that does not exist
    /// is followed from the nearest folder that does.
    pub fn update(
        &mut self,
        watcher: &mut impl Watcher,
        dirs: &mut Dirs,
        input: &Path,
        text: Option<&str>,
    ) -> Result<(), String> {
        let mut wanted = vec![input.to_path_buf()];
        if let Some(text) = text {
            let dir = input.parent().unwrap_or(Path::new(""));
            wanted.extend(font_paths(text).into_iter().map(|p| dir.join(p)));
            wanted.extend(figure_image_paths(text).into_iter().map(|p| dir.join(p)));
        }
        for (i, path) in wanted.iter().enumerate() {
            let Some((dir, name)) = split(path) else {
                continue;
            };
            match dir.canonicalize() {
                Ok(dir) => {
                    watch_dir(watcher, dirs, &dir)?;
                    self.files.insert((dir, name));
                }
                // A font folder that does not exist yet is reported by
                // the build; the content file's is followed from above.
                Err(_) if i == 0 => self.follow_missing(watcher, dirs, &dir)?,
                Err(_) => {}
            }
        }
        Ok(())
    }

    /// Watches the nearest existing ancestor of a missing folder for the
    /// next folder down.
    fn follow_missing(
        &mut self,
        watcher: &mut impl Watcher,
        dirs: &mut Dirs,
        missing: &Path,
    ) -> Result<(), String> {
        let absolute = std::env::current_dir()
            .map(|cwd| cwd.join(missing))
            .unwrap_or_else(|_| missing.to_path_buf());
        let mut below: Vec<OsString> = Vec::new();
        let mut at = absolute.as_path();
        loop {
            if let Ok(real) = at.canonicalize() {
                if let Some(next) = below.last() {
                    watch_dir(watcher, dirs, &real)?;
                    self.files.insert((real, next.clone()));
                }
                return Ok(());
            }
            match at.components().next_back() {
                Some(Component::Normal(n)) => below.push(n.to_os_string()),
                _ => return Ok(()),
            }
            match at.parent() {
                Some(p) => at = p,
                None => return Ok(()),
            }
        }
    }

    /// Follows the PDF just written, so that its deletion is noticed.
    pub fn set_output(
        &mut self,
        watcher: &mut impl Watcher,
        dirs: &mut Dirs,
        pdf: &Path,
    ) -> Result<(), String> {
        let Some((dir, name)) = split(pdf) else {
            return Ok(());
        };
        let dir = dir
            .canonicalize()
            .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
        watch_dir(watcher, dirs, &dir)?;
        self.output = Some((dir, name));
        Ok(())
    }

    /// What an event means: a write, a creation or a rename onto one of
    /// the files is a change; the deletion (or renaming away) of the PDF
    /// is a loss. Reads (our own build opens the file) and removals of
    /// the content file (the first half of some editors' saves) count for
    /// nothing.
    pub fn touch(&self, ev: &notify::Event) -> Touch {
        let key = |p: &Path| Some((p.parent()?.to_path_buf(), p.file_name()?.to_os_string()));
        if let Some(out) = &self.output {
            let gone = match ev.kind {
                EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(RenameMode::From)) => {
                    ev.paths.iter().any(|p| key(p).as_ref() == Some(out))
                }
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => {
                    ev.paths.first().and_then(|p| key(p)).as_ref() == Some(out)
                }
                _ => false,
            };
            if gone {
                return Touch::Output;
            }
        }
        if matches!(ev.kind, EventKind::Access(_) | EventKind::Remove(_)) {
            return Touch::Nothing;
        }
        let hit = ev
            .paths
            .iter()
            .any(|p| key(p).is_some_and(|k| self.files.contains(&k)));
        if hit {
            Touch::Source
        } else {
            Touch::Nothing
        }
    }

    /// Each watched file with a hash of its bytes (`None`: missing), sorted.
    pub fn fingerprint(&self) -> Fingerprint {
        use std::hash::{Hash, Hasher};
        let mut out: Fingerprint = self
            .files
            .iter()
            .map(|(d, n)| {
                let p = d.join(n);
                // Never blocks on a FIFO nor reads a device: such a file
                // counts as missing.
                let limit = crate::model::MAX_FONT_BYTES;
                let h = crate::safe_read::read_bounded(&p, limit).ok().map(|b| {
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    b.hash(&mut h);
                    h.finish()
                });
                (p, h)
            })
            .collect();
        out.sort();
        out
    }

    /// What a build was made from: the files as they were when it
    /// started, and, for files it newly named (a font), as they are now.
    pub fn built_from(&self, before: &Fingerprint) -> Fingerprint {
        self.fingerprint()
            .into_iter()
            .map(|(p, now)| match before.iter().find(|(q, _)| *q == p) {
                Some((_, then)) => (p, *then),
                None => (p, now),
            })
            .collect()
    }
}

/// Each watched file with a hash of its bytes (`None`: missing), sorted.
pub type Fingerprint = Vec<(PathBuf, Option<u64>)>;

/// The font files a content file names under `[style.fonts]`, as written.
fn font_paths(text: &str) -> Vec<PathBuf> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let Some(fonts) = table
        .get("style")
        .and_then(|s| s.get("fonts"))
        .and_then(|f| f.as_table())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for spec in fonts.values() {
        match spec {
            toml::Value::String(p) => out.push(PathBuf::from(p)),
            toml::Value::Table(faces) => {
                out.extend(faces.values().filter_map(|v| v.as_str()).map(PathBuf::from))
            }
            _ => {}
        }
    }
    out
}

/// The images a content file's section figures name, as written.
fn figure_image_paths(text: &str) -> Vec<PathBuf> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let sections = table.get("sections").and_then(|s| s.as_array());
    sections
        .into_iter()
        .flatten()
        .filter_map(|s| s.get("figures").and_then(|f| f.as_array()))
        .flatten()
        .filter_map(|f| f.get("image").and_then(|i| i.as_str()))
        .map(PathBuf::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_figure_images() {
        let text = "[[sections]]\nheading = \"h\"\ntext = \"t\"\n[[sections.figures]]\ntitle = \"f\"\nimage = \"map.png\"\nalt = \"a\"\n";
        assert_eq!(figure_image_paths(text), vec![PathBuf::from("map.png")]);
    }

    #[test]
    fn finds_font_paths() {
        let text = "[style.fonts]\nbody = \"a.ttf\"\nheading = { regular = \"b.otf\", bold = \"c.otf\" }\n";
        let mut got = font_paths(text);
        got.sort();
        assert_eq!(
            got,
            vec![
                PathBuf::from("a.ttf"),
                PathBuf::from("b.otf"),
                PathBuf::from("c.otf")
            ]
        );
    }
}
