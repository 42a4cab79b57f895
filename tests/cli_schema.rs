//! `briefing schema`: valid JSON Schema that a real validator (the
//! `jsonschema` crate) uses to accept the sample and the starter and to
//! reject what the program rejects; and the copy beside the sample is the
//! generated one.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_briefing");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn schema() -> serde_json::Value {
    let o = Command::new(BIN).arg("schema").output().expect("run");
    assert!(o.status.success());
    serde_json::from_slice(&o.stdout).expect("schema is JSON")
}

/// TOML as JSON tools see it: dates become strings (as Taplo does).
fn to_json(v: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => J::from(*f),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

fn parse(text: &str) -> serde_json::Value {
    to_json(&toml::Value::Table(
        text.parse::<toml::Table>().expect("TOML"),
    ))
}

fn errors(v: &jsonschema::Validator, doc: &serde_json::Value) -> Vec<String> {
    v.iter_errors(doc).map(|e| e.to_string()).collect()
}

#[test]
fn schema_validates_the_sample_and_rejects_mistakes() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    let v = jsonschema::validator_for(&schema).expect("a valid JSON Schema");

    let sample = std::fs::read_to_string(format!("{ROOT}/briefing.toml")).unwrap();
    assert!(sample.starts_with("#:schema ./briefing.schema.json"));
    let doc = parse(&sample);
    assert_eq!(errors(&v, &doc), Vec::<String>::new());

    let starter = std::fs::read_to_string(format!("{ROOT}/src/cli/starter.toml")).unwrap();
    assert_eq!(errors(&v, &parse(&starter)), Vec::<String>::new());

    // An unknown key, at the top and in a table.
    let mut bad = doc.clone();
    bad["titel"] = "x".into();
    assert!(!v.is_valid(&bad));
    let mut bad = doc.clone();
    bad["style"]["acent"] = "#123".into();
    assert!(!v.is_valid(&bad));
    let mut bad = doc.clone();
    bad["figures"][0]["valu"] = "1".into();
    assert!(!v.is_valid(&bad));
    // A missing required key.
    let mut bad = doc.clone();
    bad.as_object_mut().unwrap().remove("title");
    assert!(!v.is_valid(&bad));
    let mut bad = doc.clone();
    bad["summary"].as_object_mut().unwrap().remove("text");
    assert!(!v.is_valid(&bad));
    // Values the checks reject.
    for (path, value) in [
        ("/style/paper", serde_json::json!("a5")),
        ("/style/columns", serde_json::json!(3)),
        ("/style/base_size", serde_json::json!(20)),
        ("/style/accent", serde_json::json!("blue")),
        ("/language", serde_json::json!("xx")),
        ("/title", serde_json::json!(3)),
    ] {
        let mut bad = doc.clone();
        *bad.pointer_mut(path).unwrap_or_else(|| panic!("{path}")) = value.clone();
        assert!(!v.is_valid(&bad), "{path} = {value} accepted");
    }
    // The enums are the canonical spellings, as plain `enum`s (taplo then
    // says `"a5" is not one of ["letter","a4","legal"]`, not an `anyOf`
    // failure); other cases, which the program reads, are documented.
    for (path, value) in [("/style/paper", "a4"), ("/language", "en-GB")] {
        let mut ok = doc.clone();
        *ok.pointer_mut(path).unwrap() = value.into();
        assert_eq!(errors(&v, &ok), Vec::<String>::new(), "{path} = {value}");
    }
    let defs = &schema["definitions"];
    for (name, words) in [
        ("Paper", vec!["letter", "a4", "legal"]),
        ("Justify", vec!["auto", "always", "never"]),
        ("ChartKind", vec!["bar", "line"]),
        ("Language", vec!["en-US", "en-GB", "es", "fr", "de", "pt"]),
    ] {
        let d = &defs[name];
        assert_eq!(d["enum"], serde_json::json!(words), "{name}");
        assert!(
            d.get("anyOf").is_none() && d.get("pattern").is_none(),
            "{name}: {d}"
        );
        assert!(
            d["description"].as_str().unwrap().contains("any case"),
            "{name} says it is read in any case"
        );
    }
    // A quoted date is not a date.
    let mut bad = doc.clone();
    bad["date"] = "13 August 2001".into();
    assert!(!v.is_valid(&bad));

    // As taplo sees a file (dates as strings), a typo, a wrong enum and a
    // quoted date in words are each one error, not a cascade.
    let mut typo = doc.clone();
    typo["style"]["papr"] = "a4".into();
    let mut wrong_enum = doc.clone();
    wrong_enum["style"]["paper"] = "a5".into();
    let mut quoted = doc.clone();
    quoted["source"]["date"] = "13 August 2001".into();
    for (what, bad) in [
        ("typo", typo),
        ("enum", wrong_enum),
        ("quoted date", quoted),
    ] {
        let errs = errors(&v, &bad);
        assert_eq!(errs.len(), 1, "{what}: {errs:?}");
    }
    let errs = errors(&v, &{
        let mut b = doc.clone();
        b["style"]["paper"] = "a5".into();
        b
    });
    assert!(errs[0].contains("is not one of"), "{errs:?}");
    // What taplo cannot tell (the README says so): a quoted ISO date looks
    // like a date to it. `briefing check` flags it.
    let mut iso = doc.clone();
    iso["date"] = "2001-08-13".into();
    assert!(v.is_valid(&iso));
}

#[test]
fn every_table_is_closed_and_described() {
    let schema = schema();
    let defs = schema["definitions"].as_object().unwrap();
    let mut objects = vec![&schema];
    objects.extend(defs.values().filter(|d| d["type"] == "object"));
    for o in objects {
        if o.get("properties").is_some() {
            // Closed, with an error at the unknown key's value (see
            // `close_at_the_value`): no value is this sentence.
            assert_eq!(
                o["additionalProperties"],
                serde_json::json!({ "enum": ["no key of this name here: check its spelling"] }),
                "{o}"
            );
            for (k, p) in o["properties"].as_object().unwrap() {
                assert!(p.get("description").is_some(), "`{k}` has no description");
            }
        }
    }
    assert_eq!(schema["required"], serde_json::json!(["title", "summary"]));
}

#[test]
fn the_schema_beside_the_sample_is_the_generated_one() {
    let on_disk = std::fs::read_to_string(format!("{ROOT}/briefing.schema.json"))
        .expect("briefing.schema.json beside the sample");
    let on_disk: serde_json::Value = serde_json::from_str(&on_disk).unwrap();
    assert!(
        on_disk == schema(),
        "briefing.schema.json is stale: run `cargo run -- schema > briefing.schema.json`"
    );
}
