//! `briefing man`: one page holding every command, and every name it
//! cites exists: each command it describes answers `--help`, each option
//! it lists is one that command takes, each example runs only commands and
//! options that exist, and it cites no other man page.

mod common;

use common::run_in;

fn man() -> String {
    // Nothing here writes a file: the repository is a fine folder to run in.
    let r = run_in(&common::repo(), &["man"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    r.stdout
}

/// roff text as it reads: `\-` is `-`, `\e` a backslash, fonts dropped.
fn plain(roff: &str) -> String {
    roff.replace("\\fB", "")
        .replace("\\fI", "")
        .replace("\\fR", "")
        .replace("\\-", "-")
        .replace("\\e", "\\")
        .replace("\\&", "")
}

fn help(args: &[&str]) -> String {
    let r = run_in(&common::repo(), args);
    assert_eq!(r.code, Some(0), "{args:?} --help: {}", r.stderr);
    r.stdout
}

/// The commands `briefing --help` lists.
fn commands() -> Vec<String> {
    let top = help(&["--help"]);
    let list = top
        .split("Commands:")
        .nth(1)
        .and_then(|s| s.split("Options:").next())
        .expect("a command list");
    // A command's line starts two spaces in; its wrapped help, further.
    list.lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

/// Each `.SS "briefing NAME"` section: the name and its lines.
fn sections(page: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut in_commands = false;
    for line in page.lines() {
        if line.starts_with(".SH ") {
            in_commands = line == ".SH COMMANDS";
            continue;
        }
        if !in_commands {
            continue;
        }
        if let Some(name) = line.strip_prefix(".SS \"briefing ") {
            out.push((plain(name.trim_end_matches('"')), Vec::new()));
        } else if let Some((_, lines)) = out.last_mut() {
            lines.push(plain(line));
        }
    }
    out
}

#[test]
fn the_page_holds_every_command_with_its_options() {
    let page = man();
    assert!(page.starts_with(".TH BRIEFING 1 "));
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH COMMANDS",
        ".SH EXIT STATUS",
        ".SH ENVIRONMENT",
        ".SH EXAMPLES",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    let secs = sections(&page);
    let named: Vec<String> = secs.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(named, commands(), "one section per command, in order");
    for (cmd, lines) in &secs {
        let cmd_help = help(&[cmd.as_str(), "--help"]);
        // Each option the page lists under the command, on its `.TP` line.
        let mut listed = 0;
        for (i, l) in lines.iter().enumerate() {
            if i == 0 || lines[i - 1] != ".TP" {
                continue;
            }
            for word in l.split([' ', ',']).filter(|w| w.starts_with('-')) {
                assert!(
                    cmd_help.contains(word),
                    "the page lists {word} for `briefing {cmd}`, which does not take it"
                );
                listed += 1;
            }
        }
        // And each option the command takes is on the page.
        for word in cmd_help.split_whitespace().filter(|w| w.starts_with("--")) {
            let word = word.trim_end_matches([',', '.']);
            let word = word.split(['=', '[', '<']).next().unwrap();
            if matches!(word, "--help" | "--version" | "--color") {
                continue;
            }
            assert!(
                lines.iter().any(|l| l.contains(word)),
                "`briefing {cmd}` takes {word}, which the page does not list"
            );
        }
        if ["build", "check", "watch", "export"].contains(&cmd.as_str()) {
            assert!(listed >= 2, "{cmd}: {listed} options");
        }
    }
    // Exit status and environment, with the names the program reads.
    let plain_page = plain(&page);
    for name in ["NO_COLOR", "SOURCE_DATE_EPOCH"] {
        let env = plain_page.split("ENVIRONMENT").nth(1).unwrap();
        assert!(env.contains(name), "ENVIRONMENT lacks {name}");
    }
    let exit = plain_page.split(".SH EXIT STATUS").nth(1).unwrap();
    for code in [".B 0", ".B 1", ".B 2"] {
        assert!(exit.contains(code), "EXIT STATUS lacks {code}");
    }
}

#[test]
fn the_page_cites_no_page_that_does_not_exist() {
    let page = plain(&man());
    // `name(1)` anywhere but the title line would be another page.
    for (i, line) in page.lines().enumerate().skip(1) {
        let bytes = line.as_bytes();
        for (j, w) in bytes.windows(3).enumerate() {
            if w[0] == b'('
                && w[1].is_ascii_digit()
                && w[2] == b')'
                && j > 0
                && bytes[j - 1].is_ascii_alphanumeric()
            {
                panic!("line {}: {line:?} cites a man page", i + 1);
            }
        }
    }
    assert!(
        !page.contains("briefing-"),
        "no per-command pages are installed"
    );
}

#[test]
fn every_example_uses_commands_and_options_that_exist() {
    let page = man();
    let examples: Vec<String> = page
        .split(".SH EXAMPLES")
        .nth(1)
        .expect("EXAMPLES")
        .lines()
        .filter_map(|l| l.strip_prefix(".B "))
        .map(plain)
        .collect();
    assert!(examples.len() >= 5, "{examples:?}");
    let known = commands();
    for ex in &examples {
        let words: Vec<&str> = ex.split_whitespace().collect();
        let at = words
            .iter()
            .position(|w| *w == "briefing")
            .unwrap_or_else(|| panic!("{ex:?} does not run briefing"));
        for env in &words[..at] {
            assert!(
                ["SOURCE_DATE_EPOCH=", "NO_COLOR="]
                    .iter()
                    .any(|e| env.starts_with(e)),
                "{ex:?} sets {env}, which the program does not read"
            );
        }
        let cmd = words[at + 1];
        assert!(known.iter().any(|k| k == cmd), "{ex:?}: no command {cmd}");
        let cmd_help = help(&[cmd, "--help"]);
        let mut redirect = false;
        for w in &words[at + 2..] {
            if redirect {
                redirect = false;
                continue;
            }
            if *w == "<" || *w == ">" {
                redirect = true;
                continue;
            }
            if w.starts_with('-') && *w != "-" {
                assert!(
                    cmd_help.contains(w),
                    "{ex:?}: `briefing {cmd}` does not take {w}"
                );
            }
        }
    }
}
