//! `watch --open`: the PDF in the system viewer. The opener (`xdg-open`,
//! or `open` on macOS) hands the file to a viewer and exits; its exit
//! status says whether that worked (xdg-open fails without a display or
//! a viewer for PDFs), so it is waited for, off the watch loop, and a
//! failure is reported with the command to open the file by hand.

use std::path::Path;
use std::process::{Command, Stdio};

use super::clock;

/// The system's opener.
pub fn opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

/// Opens `pdf`, reporting the outcome when the opener has exited.
pub fn open(pdf: &Path) {
    let opener = opener();
    let by_hand = format!("{opener} {}", shell_quoted(&pdf.display().to_string()));
    let shown = pdf.display().to_string();
    match Command::new(opener)
        .arg(pdf)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(mut child) => {
            // Waited for off the loop: an opener may stay until the
            // viewer closes.
            std::thread::spawn(move || {
                match child.wait() {
                Ok(s) if s.success() => {
                    eprintln!("[{}] opened {shown} with {opener}", clock())
                }
                Ok(s) => {
                    let how = match s.code() {
                        Some(c) => format!("exit status {c}"),
                        None => "stopped by a signal".into(),
                    };
                    eprintln!(
                        "[{}] warning: {opener} could not open {shown} ({how}); open it by hand: {by_hand}",
                        clock()
                    );
                }
                Err(e) => eprintln!(
                    "[{}] warning: {opener} could not open {shown} ({e}); open it by hand: {by_hand}",
                    clock()
                ),
            }
            });
        }
        Err(e) => eprintln!(
            "[{}] warning: cannot run {opener} to open {shown} ({e}); open it by hand: {by_hand}",
            clock()
        ),
    }
}

/// A path as a shell reads it: as it is when it is plain, else in single
/// quotes.
fn shell_quoted(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@%".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(shell_quoted("out/us-peru.pdf"), "out/us-peru.pdf");
        assert_eq!(shell_quoted("my briefs/a.pdf"), "'my briefs/a.pdf'");
        assert_eq!(shell_quoted("it's.pdf"), "'it'\\''s.pdf'");
    }
}
