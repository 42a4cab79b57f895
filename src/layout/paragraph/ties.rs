//! Ties: spaces a line must not break at, as a typesetter would set `~`
//! in TeX. A number stays with its unit ("49 percent", "$22 billion"),
//! an abbreviation with what it abbreviates ("p. A1", "No. 129",
//! "U.S. Department"), a month with its day ("June 3").

/// Abbreviations that bind to the word after them.
const BINDING_ABBREVIATIONS: &[&str] = &[
    "p.", "pp.", "No.", "no.", "Nos.", "Vol.", "vol.", "ch.", "Ch.", "fig.", "Fig.", "art.",
    "Art.", "sec.", "Sec.", "U.S.", "U.K.", "U.N.", "Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "St.",
    "Sr.", "Jr.", "Sra.", "Srta.", "Dra.", "núm.", "pág.", "págs.", "Nr.", "S.",
];

/// Words that are units when they follow a number.
const UNITS: &[&str] = &[
    "percent",
    "per",
    "million",
    "billion",
    "trillion",
    "thousand",
    "hundred",
    "%",
    "pt",
    "mm",
    "cm",
    "m",
    "km",
    "kg",
    "g",
    "t",
    "years",
    "year",
    "months",
    "month",
    "days",
    "day",
    "hours",
    "people",
    "por",
    "millones",
    "mil",
    "pour",
    "millions",
    "milliards",
    "Prozent",
    "Millionen",
    "Milliarden",
    "milhões",
    "bilhões",
    "a",
];

fn is_number(tok: &str) -> bool {
    let t = tok.trim_start_matches(['$', '€', '£', '(', '~']);
    let t = t.trim_end_matches([',', ';', ':']);
    !t.is_empty()
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%' | '–' | '-'))
}

/// Whether the space between `left` and `right` must not break.
pub fn tied(left: &str, right: &str) -> bool {
    if left.is_empty() || right.is_empty() {
        return false;
    }
    // Spanish doubles the letters of a plural abbreviation, and the
    // halves of "EE. UU." (Estados Unidos) never part.
    if left == "EE." && right.starts_with("UU.") {
        return true;
    }
    if BINDING_ABBREVIATIONS.contains(&left) {
        // "U.S." binds only to a capitalised word ("U.S. Department").
        return left != "U.S." && left != "U.K." && left != "U.N."
            || right.chars().next().is_some_and(char::is_uppercase);
    }
    if crate::model::language::month_names().any(|m| m == left) {
        // A day (one or two digits), not a year: "June 3", "April 2001".
        let digits = right.chars().take_while(char::is_ascii_digit).count();
        return (1..=2).contains(&digits);
    }
    if is_number(left) {
        let r = right.trim_end_matches([',', '.', ';', ':', ')']);
        return UNITS.contains(&r);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::tied;

    #[test]
    fn ties() {
        assert!(tied("49", "percent"));
        assert!(tied("$22", "billion"));
        assert!(tied("p.", "A1."));
        assert!(tied("No.", "129,"));
        assert!(tied("U.S.", "Department"));
        assert!(!tied("U.S.", "officials"));
        assert!(tied("June", "3,"));
        assert!(!tied("April", "2001."));
        assert!(!tied("the", "economy"));
        assert!(!tied("1990", "and"));
        assert!(tied("EE.", "UU."));
        assert!(tied("EE.", "UU.,"));
        assert!(tied("pág.", "12"));
        assert!(!tied("EE.", "otros"));
    }
}
