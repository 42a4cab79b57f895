//! Structural checks over the whole file at once: every unknown key (with
//! "did you mean"), every value of the wrong type, every missing required
//! key. serde stops at the first of these; this pass walks the spanned TOML
//! tree against the JSON Schema derived from [`super::raw`] (so the key
//! lists never drift from the types), reports them all, and repairs the
//! tree the way the help lines suggest (a misspelt key is read under the
//! name it was probably meant to have; a wrong value is dropped or replaced
//! by an empty one) so that the later checks still run on the rest.
//!
//! serde stays the final authority: this pass is consulted only when serde
//! has refused the file, and the repaired tree goes through serde again.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Range;

use serde::Deserialize;
use serde_json::Value as Json;
use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

use super::raw::RawBriefing;
use super::suggest::closest;
use crate::diag::{Diagnostic, Diagnostics};

/// Finds every structural error in `text` (which must be valid TOML) and
/// reads the briefing from the repaired tree. The briefing is an `Err`
/// only when even the repaired tree does not deserialize.
pub fn recover(text: &str) -> (Diagnostics, Result<RawBriefing, toml::de::Error>) {
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => return (Diagnostics::default(), Err(e)),
    };
    let schema = super::raw::schema::json_schema();
    let mut walker = Walker {
        defs: &schema,
        text,
        top: BTreeSet::new(),
        found: Vec::new(),
    };
    let span = root.span();
    let mut table = root.into_inner();
    walker.top = table.keys().map(|k| k.get_ref().to_string()).collect();
    walker.table(&mut table, 0..0, &schema, &Path::Root);
    let mut found = walker.found;
    found.sort_by_key(|d| d.span.as_ref().map_or((0, 0), |s| (s.start, s.end)));
    let diags = Diagnostics { items: found };
    let raw = RawBriefing::deserialize(toml::de::Deserializer::from(Spanned::new(span, table)));
    (diags, raw)
}

/// Every TOML syntax error in `text`, as far as the parser can recover
/// (an unclosed string, unquoted words, a duplicate key…), in the form the
/// model gives the first one.
pub fn syntax_errors(text: &str) -> Vec<Diagnostic> {
    let (_, errors) = DeTable::parse_recoverable(text);
    let mut out: Vec<Diagnostic> = Vec::new();
    // One error per place; a set keeps that O(N) for N errors.
    let mut seen = std::collections::HashSet::new();
    for e in errors {
        let d = super::nesting::syntax_error(e.message(), e.span(), text);
        if seen.insert(d.span.clone()) {
            out.push(d);
        }
    }
    out
}

/// The schema's value types, as TOML gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    String,
    Integer,
    Float,
    Boolean,
    Datetime,
    Array,
    Table,
}

impl Kind {
    fn of(v: &DeValue<'_>) -> Kind {
        match v {
            DeValue::String(_) => Kind::String,
            DeValue::Integer(_) => Kind::Integer,
            DeValue::Float(_) => Kind::Float,
            DeValue::Boolean(_) => Kind::Boolean,
            DeValue::Datetime(_) => Kind::Datetime,
            DeValue::Array(_) => Kind::Array,
            DeValue::Table(_) => Kind::Table,
        }
    }

    /// "a string", "an integer": how messages name it.
    fn article(self) -> &'static str {
        match self {
            Kind::String => "a string",
            Kind::Integer => "an integer",
            Kind::Float => "a float",
            Kind::Boolean => "a boolean",
            Kind::Datetime => "a date",
            Kind::Array => "an array",
            Kind::Table => "a table",
        }
    }

    /// Whether a JSON Schema `type` admits this kind (serde reads an
    /// integer where it wants a float, so "number" takes both).
    fn fits(self, ty: &str) -> bool {
        matches!(
            (self, ty),
            (Kind::String, "string")
                | (Kind::Integer, "integer" | "number")
                | (Kind::Float, "number")
                | (Kind::Boolean, "boolean")
                | (Kind::Array, "array")
                | (Kind::Table, "object")
        )
    }
}

/// Where a table sits, for messages: `[style]`, `[[figures]]`.
enum Path {
    Root,
    /// A table's path (`style`, `style.fonts`).
    Table(String),
    ArrayItem(String),
}

impl Path {
    fn child(&self, key: &str) -> String {
        match self {
            Path::Root => key.to_string(),
            Path::Table(p) | Path::ArrayItem(p) => format!("{p}.{key}"),
        }
    }

    /// How a help line writes the key when its line does not say
    /// otherwise: bare, as it stands under its table's header
    /// (`base_size = 10` in `[style]`). [`Walker::value`] takes the key as
    /// the reported line writes it where it can (`style.base_size` at the
    /// top level), so that the help pastes over that line.
    fn assign(&self, key: &str) -> String {
        key.to_string()
    }

    fn describe(&self) -> String {
        match self {
            Path::Root => "at the top level".into(),
            Path::Table(p) => format!("in [{p}]"),
            Path::ArrayItem(p) => format!("in [[{p}]]"),
        }
    }
}

struct Walker<'s> {
    defs: &'s Json,
    /// The content file's text, to write help lines as its lines do.
    text: &'s str,
    /// The keys the file sets at the top level: a key found in a table
    /// is told to move up only when the top level lacks it.
    top: BTreeSet<String>,
    found: Vec<Diagnostic>,
}

impl<'s> Walker<'s> {
    /// Follows a local `$ref` (`#/definitions/Name`), also when it is
    /// wrapped in a one-element `allOf` (how draft 7 puts a description
    /// beside a reference).
    fn resolve(&self, schema: &'s Json) -> &'s Json {
        let mut s = schema;
        for _ in 0..8 {
            if let Some(r) = s.get("$ref").and_then(Json::as_str) {
                match r.strip_prefix('#').and_then(|p| self.defs.pointer(p)) {
                    Some(target) => s = target,
                    None => break,
                }
                continue;
            }
            match s.get("allOf").and_then(Json::as_array).map(Vec::as_slice) {
                Some([only]) if s.get("type").is_none() => s = only,
                _ => break,
            }
        }
        s
    }

    /// The subschema that describes a value of `kind`, if any does. A
    /// `type` on the schema decides; without one, the first `anyOf` /
    /// `oneOf` branch that takes the kind; with neither, anything goes.
    fn branch(&self, schema: &'s Json, kind: Kind) -> Option<&'s Json> {
        let s = self.resolve(schema);
        // Dates: serde reads any value there and the checks explain what
        // is wrong ("remove the quotes"), better than a type error can.
        if s.get("format").and_then(Json::as_str) == Some("date") {
            return Some(s);
        }
        if let Some(ty) = s.get("type") {
            let fits = match ty {
                Json::String(t) => kind.fits(t),
                Json::Array(ts) => ts.iter().filter_map(Json::as_str).any(|t| kind.fits(t)),
                _ => true,
            };
            return fits.then_some(s);
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(alts) = s.get(key).and_then(Json::as_array) {
                return alts.iter().find_map(|a| self.branch(a, kind));
            }
        }
        Some(s)
    }

    /// "a string or an array", from the schema.
    fn expected(&self, schema: &'s Json) -> String {
        let s = self.resolve(schema);
        let mut names = Vec::new();
        let mut push = |t: &str| {
            let n = match t {
                "string" => "a string",
                "integer" => "an integer",
                "number" => "a number",
                "boolean" => "true or false",
                "array" => "an array",
                "object" => "a table",
                _ => return,
            };
            if !names.contains(&n) {
                names.push(n);
            }
        };
        match s.get("type") {
            Some(Json::String(t)) => push(t),
            Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).for_each(&mut push),
            _ => {
                for key in ["anyOf", "oneOf"] {
                    for a in s.get(key).and_then(Json::as_array).into_iter().flatten() {
                        if let Some(Json::String(t)) = self.resolve(a).get("type") {
                            push(t);
                        }
                    }
                }
            }
        }
        match names.len() {
            0 => "another type".into(),
            1 => names[0].into(),
            n => format!("{} or {}", names[..n - 1].join(", "), names[n - 1]),
        }
    }

    /// Where a key that is not allowed here belongs, when it is a key of
    /// the top level or of one of its tables: "at the top level",
    /// "in [style]", "in [[figures]]".
    fn home_of(&self, key: &str, at: &Path) -> Option<String> {
        let root = self.defs.get("properties")?.as_object()?;
        if !matches!(at, Path::Root) && root.contains_key(key) && !self.top.contains(key) {
            return Some("at the top level".into());
        }
        let here = at.describe();
        for (name, prop) in root {
            let s = self.resolve(prop);
            let (inner, header) = match s.get("type").and_then(Json::as_str) {
                Some("object") => (s, format!("in [{name}]")),
                Some("array") => match s.get("items") {
                    Some(items) => (self.resolve(items), format!("in [[{name}]]")),
                    None => continue,
                },
                _ => continue,
            };
            let has = inner
                .get("properties")
                .and_then(Json::as_object)
                .is_some_and(|p| p.contains_key(key));
            if has && header != here {
                return Some(header);
            }
        }
        None
    }

    /// The one required key of the tables an array schema holds
    /// (`name` for `authors`), when its items are such tables.
    fn item_key(&self, schema: &'s Json) -> Option<&'s str> {
        let arr = self.branch(schema, Kind::Array)?;
        let items = self.resolve(arr.get("items")?);
        if items.get("type").and_then(Json::as_str) != Some("object") {
            return None;
        }
        match items.get("required").and_then(Json::as_array)?.as_slice() {
            [only] => only.as_str(),
            _ => None,
        }
    }

    /// The help for an array of tables written as strings, given the
    /// strings: the inline form that pastes over the line, and the
    /// `[[key]]` form most files use.
    fn tables_help(key: &str, field: &str, names: &[&str]) -> Option<String> {
        let first = names.first()?;
        let items: Vec<String> = names
            .iter()
            .map(|n| format!("{{ {field} = {} }}", toml_string(n)))
            .collect();
        let line = format!("{key} = [{}]", items.join(", "));
        (line.chars().count() <= 120).then(|| {
            format!(
                "write `{line}`, or one `[[{key}]]` table each with `{field} = {}` (after the top-level keys)",
                toml_string(first)
            )
        })
    }

    /// Checks one table against an object schema, repairing it in place.
    fn table(&mut self, table: &mut DeTable<'_>, span: Range<usize>, schema: &'s Json, at: &Path) {
        let s = self.resolve(schema);
        static EMPTY: std::sync::LazyLock<serde_json::Map<String, Json>> =
            std::sync::LazyLock::new(serde_json::Map::new);
        let props = s
            .get("properties")
            .and_then(Json::as_object)
            .unwrap_or(&EMPTY);
        let extra = s.get("additionalProperties");
        let keys: Vec<String> = table.keys().map(|k| k.get_ref().to_string()).collect();
        let present: BTreeSet<&str> = keys.iter().map(String::as_str).collect();
        for key in &keys {
            let Some((k, v)) = table.remove_entry(key.as_str()) else {
                continue;
            };
            let key_span = k.span();
            if let Some(prop) = props.get(key.as_str()) {
                if let Some(v) = self.value(v, prop, &at.child(key), Some(&at.assign(key))) {
                    table.insert(k, v);
                }
                continue;
            }
            if let Some(extra) = extra.filter(|e| e.is_object() && !super::raw::schema::closes(e)) {
                if let Some(v) = self.value(v, extra, &at.child(key), Some(&at.assign(key))) {
                    table.insert(k, v);
                }
                continue;
            }
            // Unknown: suggest the nearest key not already set (an array
            // of tables may be set again: `[[recomendations]]` among
            // `[[recommendations]]`), and read the value under that name so
            // its own errors are found too.
            let tables = match v.get_ref() {
                DeValue::Array(items) => items
                    .iter()
                    .next()
                    .is_some_and(|i| matches!(i.get_ref(), DeValue::Table(_))),
                _ => false,
            };
            let free = props
                .keys()
                .map(String::as_str)
                .filter(|p| !present.contains(p) || tables);
            let best = closest(key, free);
            let mut d =
                Diagnostic::error("E0004", format!("unknown key `{key}` {}", at.describe()))
                    .at(key_span.clone());
            let home = match best {
                Some(_) => None,
                None => self.home_of(key, at),
            };
            match (best, home) {
                (Some(best), _) => {
                    let line = super::hints::renamed_line(self.text, key_span.clone(), best);
                    d = d.label(format!("did you mean `{best}`?")).help(match line {
                        Some(line) => format!("rename it: `{line}`"),
                        None => format!("rename it to `{best}`"),
                    });
                }
                (None, Some(home)) => {
                    d = d.label(format!("`{key}` belongs {home}")).help(
                        if home == "at the top level" {
                            "move it to the top level, above the first [table] header".to_string()
                        } else {
                            format!("move it {}", home.replacen("in ", "into ", 1))
                        },
                    );
                }
                (None, None) => {
                    let allowed: Vec<String> = props.keys().map(|k| format!("`{k}`")).collect();
                    d = d.label("unknown key");
                    if !allowed.is_empty() {
                        d = d.help(format!("the keys allowed here are {}", allowed.join(", ")));
                    }
                }
            }
            self.found.push(d);
            if let Some(best) = best {
                if !present.contains(best) && !table.contains_key(best) {
                    if let Some(v) =
                        self.value(v, &props[best], &at.child(best), Some(&at.assign(best)))
                    {
                        table.insert(Spanned::new(key_span, Cow::Owned(best.to_string())), v);
                    }
                }
            }
        }
        let required = s.get("required").and_then(Json::as_array);
        for r in required.into_iter().flatten().filter_map(Json::as_str) {
            if table.contains_key(r) {
                continue;
            }
            let prop = props.get(r).unwrap_or(&Json::Null);
            // A key that was there with a wrong value has been reported.
            if !present.contains(r) {
                let place = if matches!(at, Path::Root) {
                    0..0
                } else {
                    span.clone()
                };
                self.found.push(
                    Diagnostic::error(
                        "E0003",
                        format!("missing required key `{r}` {}", at.describe()),
                    )
                    .at(place)
                    .label(format!("`{r}` must be set here")),
                );
            }
            if let Some(v) = self.placeholder(prop, span.clone()) {
                table.insert(Spanned::new(span.clone(), Cow::Owned(r.to_string())), v);
            }
        }
    }

    /// Checks one value; `None` when it is of the wrong type (reported).
    /// `key` is the key as a help line writes it, `None` for an array item.
    fn value<'i>(
        &mut self,
        mut v: Spanned<DeValue<'i>>,
        schema: &'s Json,
        path: &str,
        key: Option<&str>,
    ) -> Option<Spanned<DeValue<'i>>> {
        let kind = Kind::of(v.get_ref());
        let written =
            key.map(|k| super::hints::written_key(self.text, v.span().start).unwrap_or(k));
        let key = written;
        let Some(branch) = self.branch(schema, kind) else {
            let what = match key {
                Some(_) => format!("`{path}`"),
                None => format!("an item of `{}`", path.trim_end_matches("[]")),
            };
            let mut d = Diagnostic::error(
                "E0002",
                format!(
                    "wrong type for {what}: found {}, expected {}",
                    kind.article(),
                    self.expected(schema)
                ),
            )
            .at(v.span());
            let field = self.item_key(schema);
            let names: Option<Vec<&str>> = match v.get_ref() {
                DeValue::String(t) => Some(
                    t.split([',', ';'])
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .collect(),
                ),
                _ => None,
            };
            let tables = match (key, field, &names) {
                (Some(k), Some(f), Some(n)) => Self::tables_help(k, f, n),
                _ => None,
            };
            match tables.or_else(|| {
                key.and_then(|k| self.fix(v.get_ref(), schema, k))
                    .map(|line| format!("write `{line}`"))
            }) {
                Some(help) => d = d.help(help),
                None => {
                    if kind == Kind::String && self.branch(schema, Kind::Integer).is_some() {
                        d = d.help("write the number without quotes");
                    }
                }
            }
            self.found.push(d);
            return None;
        };
        let span = v.span();
        match v.get_mut() {
            DeValue::Table(t) => {
                let at = if path.contains('[') {
                    Path::ArrayItem(path.replace("[]", ""))
                } else {
                    Path::Table(path.to_string())
                };
                self.table(t, span, branch, &at);
            }
            DeValue::Array(items) => {
                // Tables written as strings (`authors = ["A. Name"]`): one
                // error for the array, with the line to write.
                if let (Some(k), Some(field)) = (key, self.item_key(schema)) {
                    let names: Option<Vec<&str>> =
                        items.iter().map(|i| i.get_ref().as_str()).collect();
                    if let Some(names) = names.filter(|n| !n.is_empty()) {
                        let mut d = Diagnostic::error(
                            "E0002",
                            format!(
                                "wrong type for `{path}`: found an array of strings, expected an array of tables"
                            ),
                        )
                        .at(span.clone());
                        if let Some(help) = Self::tables_help(k, field, &names) {
                            d = d.help(help);
                        }
                        self.found.push(d);
                        return None;
                    }
                }
                let item_schema = branch.get("items").unwrap_or(&Json::Bool(true));
                let taken = std::mem::replace(items, DeArray::new());
                let mut kept = DeArray::new();
                for item in taken {
                    if let Some(item) = self.value(item, item_schema, &format!("{path}[]"), None) {
                        kept.push(item);
                    }
                }
                *items = kept;
            }
            _ => {}
        }
        Some(v)
    }

    /// The line that gives `key` the value it was probably meant to have,
    /// when one follows from what was written: a list in a string split
    /// into an array (`keywords = ["policy", "briefing"]`), a quoted number
    /// or truth value unquoted, a number quoted, a one-item array unwrapped.
    fn fix(&self, v: &DeValue<'_>, schema: &'s Json, key: &str) -> Option<String> {
        let want = |k: Kind| self.branch(schema, k);
        let line = match v {
            DeValue::String(text) => {
                let t = text.trim();
                if let Some(arr) = want(Kind::Array) {
                    let items = self.resolve(arr.get("items").unwrap_or(&Json::Bool(true)));
                    let parts: Vec<&str> = t
                        .split([',', ';'])
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .collect();
                    let numeric = matches!(
                        items.get("type").and_then(Json::as_str),
                        Some("number" | "integer")
                    );
                    let rendered: Option<Vec<String>> = if numeric {
                        parts
                            .iter()
                            .map(|p| p.parse::<f64>().ok().map(|_| p.to_string()))
                            .collect()
                    } else {
                        Some(parts.iter().map(|p| toml_string(p)).collect())
                    };
                    format!("{key} = [{}]", rendered?.join(", "))
                } else if (want(Kind::Integer).is_some() && t.parse::<i64>().is_ok())
                    || (want(Kind::Float).is_some() && t.parse::<f64>().is_ok_and(f64::is_finite))
                {
                    format!("{key} = {t}")
                } else if want(Kind::Boolean).is_some() {
                    match t.to_ascii_lowercase().as_str() {
                        "true" | "yes" | "on" => format!("{key} = true"),
                        "false" | "no" | "off" => format!("{key} = false"),
                        _ => return None,
                    }
                } else if let Some(table) = want(Kind::Table) {
                    // A table with one required text key: `summary = "…"`.
                    let req = table.get("required").and_then(Json::as_array)?;
                    let [only] = req.as_slice() else { return None };
                    format!("{key} = {{ {} = {} }}", only.as_str()?, toml_string(t))
                } else {
                    return None;
                }
            }
            DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_) => {
                want(Kind::String)?;
                let shown = match v {
                    DeValue::Integer(i) => i.as_str().to_string(),
                    DeValue::Float(f) => f.as_str().to_string(),
                    _ => v.as_bool()?.to_string(),
                };
                format!("{key} = {}", toml_string(&shown))
            }
            DeValue::Array(items) if items.len() == 1 => {
                want(Kind::String)?;
                let only = items.iter().next()?;
                format!("{key} = {}", toml_string(only.get_ref().as_str()?))
            }
            _ => return None,
        };
        // A help line is for reading: a long value is better told than shown.
        (line.chars().count() <= 120).then_some(line)
    }

    /// An empty stand-in for a required value that is missing or wrong,
    /// so the rest of the file can still be read.
    fn placeholder<'i>(
        &mut self,
        schema: &'s Json,
        span: Range<usize>,
    ) -> Option<Spanned<DeValue<'i>>> {
        let s = self.resolve(schema);
        let ty = s.get("type").and_then(Json::as_str)?;
        let v = match ty {
            "string" => DeValue::String(Cow::Borrowed("")),
            "array" => DeValue::Array(DeArray::new()),
            "object" => {
                let mut t = DeTable::new();
                // Its own required keys: filled in silently, the table's
                // absence has been reported.
                let found = self.found.len();
                self.table(&mut t, span.clone(), s, &Path::Root);
                self.found.truncate(found);
                DeValue::Table(t)
            }
            _ => return None,
        };
        Some(Spanned::new(span, v))
    }
}

/// A TOML basic string holding `s`.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(String, String)> {
        let (d, _) = recover(text);
        d.items
            .iter()
            .map(|d| (d.code.to_string(), d.message.clone()))
            .collect()
    }

    #[test]
    fn lists_every_unknown_key() {
        let text = "titel = \"x\"\n[summary]\ntext = \"t\"\nbotom_line = \"b\"\n[style]\nacent = \"#000\"\nzzzzzz = 1\n";
        let found = codes(text);
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[0].1.contains("`titel`"));
        assert!(found[1].1.contains("`botom_line` in [summary]"));
        assert!(found[2].1.contains("`acent` in [style]"));
        assert!(found[3].1.contains("`zzzzzz`"));
        // `titel` was read as `title`, so no missing-key error follows.
        assert!(!found.iter().any(|(c, _)| c == "E0003"));
    }

    #[test]
    fn wrong_types_and_missing_keys_together() {
        let text =
            "title = 3\n[[figures]]\nvalue = \"1\"\n[style]\ncolumns = \"2\"\nbase_size = true\n";
        let (d, raw) = recover(text);
        let msgs: Vec<_> = d
            .items
            .iter()
            .map(|d| (d.code, d.message.as_str()))
            .collect();
        assert!(
            msgs.iter()
                .any(|(c, m)| *c == "E0002" && m.contains("`title`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|(c, m)| *c == "E0003" && m.contains("`label` in [[figures]]")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|(c, m)| *c == "E0003" && m.contains("`summary`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|(c, m)| *c == "E0002" && m.contains("`style.columns`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|(c, m)| *c == "E0002" && m.contains("`style.base_size`")),
            "{msgs:?}"
        );
        assert_eq!(msgs.len(), 5, "{msgs:?}");
        assert!(raw.is_ok(), "{raw:?}");
    }

    #[test]
    fn every_syntax_error() {
        let text = "title = \"A\nsubtitle = \"ok\"\n[summary]\ntext = \"x\"\nbottom_line = unquoted words\n[style]\npaper = \"a4\"\npaper = \"letter\"\n";
        let found = syntax_errors(text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().all(|d| d.code == "E0001"));
        assert!(found[2].message.contains("duplicate key"), "{found:?}");
    }

    fn helps(text: &str) -> Vec<String> {
        let (d, _) = recover(text);
        d.items
            .iter()
            .map(|d| format!("{:?} {:?}", d.label, d.help))
            .collect()
    }

    #[test]
    fn keys_of_other_tables_are_told_where_they_belong() {
        let base = "title = \"T\"\n[summary]\ntext = \"x\"\n";
        // A [style] key at the top level, a top-level key under [style].
        let h = helps(&format!(
            "paper = \"a4\"\n{base}[style]\noutput = \"x.pdf\"\n"
        ));
        assert!(h[0].contains("belongs in [style]"), "{h:?}");
        assert!(h[1].contains("move it to the top level"), "{h:?}");
        // `title` under [[figures]] is not sent up: the top level has one.
        let h = helps(&format!(
            "{base}[[figures]]\nvalue = \"1\"\nlabel = \"l\"\ntitle = \"t\"\n"
        ));
        assert!(!h[0].contains("top level"), "{h:?}");
        // A misspelt plain array beside the right one is not renamed onto it.
        let h = helps(&format!("keywords = [\"a\"]\nkeyword = [\"b\"]\n{base}"));
        assert!(!h[0].contains("rename"), "{h:?}");
    }

    #[test]
    fn valid_file_has_nothing_to_say() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/briefing.toml"))
            .expect("sample");
        let (d, raw) = recover(&text);
        assert!(d.items.is_empty(), "{:?}", d.items);
        assert!(raw.is_ok());
    }
}
