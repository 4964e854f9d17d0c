//! End-to-end tests of the `parallax` binary: build, inspect --json, determinism, bad input.

mod common;

use common::{build, parallax, tmp};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn corpus_dir() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/iran-russia")
        .display()
        .to_string()
}

#[test]
fn build_then_inspect_json() {
    let dir = tmp("inspect");
    let out = dir.join("c.plxb");
    let o = build(&corpus_dir(), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = parallax(&["inspect", out.to_str().unwrap(), "--json"]);
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["checksum"].as_str().unwrap().len(), 64);
    let docs = v["documents"].as_array().unwrap();
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["000", "001", "002", "003", "004"]);
    assert_eq!(docs[0]["byline"], "A.Yeganeh");
    assert_eq!(docs[0]["date"], "2025-03-03T10:19");
    assert_eq!(docs[3]["byline"], "Timothy Cline");
    assert_eq!(docs[3]["byline_source"], "about-author-box");
    for d in docs {
        assert!(d["title"].as_str().is_some_and(|t| !t.is_empty()));
        for p in d["passages"].as_array().unwrap() {
            let text = p["text"].as_str().unwrap();
            assert!(p["id"].as_str().unwrap().starts_with('p'));
            assert!(p["section"].as_str().unwrap().starts_with('s'));
            for s in p["sentences"].as_array().unwrap() {
                let (a, b) = (
                    s["start"].as_u64().unwrap() as usize,
                    s["end"].as_u64().unwrap() as usize,
                );
                assert!(text.get(a..b).is_some_and(|t| !t.is_empty()));
                assert!(["en", "fr", "de"].contains(&s["lang"].as_str().unwrap()));
            }
        }
        for r in d["removed"].as_array().unwrap() {
            assert!(!r["text"].as_str().unwrap().is_empty());
            assert!(!r["reason"].as_str().unwrap().is_empty());
        }
    }
    let o = parallax(&["inspect", out.to_str().unwrap()]);
    let summary = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
    assert!(
        summary.contains("checksum")
            && summary
                .lines()
                .filter(|l| l.contains(" passages, "))
                .count()
                == 5,
        "{summary}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn builds_are_byte_identical() {
    let dir = tmp("determinism");
    let (a, b) = (dir.join("a.plxb"), dir.join("b.plxb"));
    for out in [&a, &b] {
        assert!(build(&corpus_dir(), out).status.success());
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_input_fails_clearly_and_leaves_no_bundle() {
    let manifest = "name = \"t\"\ntitle = \"T\"\n\n[[source]]\nid = \"a\"\nfile = \"a.txt\"\n";
    let cases: [(&str, &str, Option<&[u8]>, &str); 4] = [
        ("empty", manifest, Some(b""), "a.txt: the file is empty"),
        (
            "not-utf8",
            manifest,
            Some(b"\xc3\x28 title\n"),
            "a.txt:1: the file is not valid UTF-8",
        ),
        ("missing", manifest, None, "a.txt: no such file"),
        (
            "malformed",
            "name = \"t\"\n[[source]\n",
            None,
            "corpus.toml:2: invalid manifest",
        ),
    ];
    for (name, manifest, file, want) in cases {
        let dir = tmp(name);
        std::fs::write(dir.join("corpus.toml"), manifest).unwrap();
        if let Some(bytes) = file {
            std::fs::write(dir.join("a.txt"), bytes).unwrap();
        }
        let out = dir.join("out.plxb");
        let o = build(dir.to_str().unwrap(), &out);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert!(err.contains(want), "{name}: {err}");
        assert!(!out.exists(), "{name}: a bundle was left behind");
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{name}: temporary files left");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn inspect_rejects_what_is_not_a_bundle() {
    let dir = tmp("notbundle");
    let f = dir.join("x.plxb");
    std::fs::write(&f, b"hello").unwrap();
    let o = parallax(&["inspect", f.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a Parallax bundle"));
    let o = parallax(&["inspect", dir.join("nope").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read"));
    let o = parallax(&["frobnicate"]);
    assert!(!o.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

fn parallax_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The command may exit before reading its input (a bad --themes file): ignore a broken pipe.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

#[test]
fn tag_reads_stdin_and_prints_evidence() {
    let o = parallax_stdin(
        &["tag"],
        "Moscow promised drones; the oil deal was signed.".as_bytes(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let themes = v["themes"].as_array().unwrap();
    let ids: Vec<&str> = themes.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["military", "energy", "diplomacy"]);
    assert_eq!(themes[0]["evidence"][0]["text"], "drones");
    assert_eq!(themes[0]["evidence"][0]["term"], "drone");
    assert_eq!(themes[0]["evidence"][0]["start"], 16);

    let dir = tmp("themes");
    let mine = dir.join("mine.toml");
    std::fs::write(
        &mine,
        "[[theme]]\nid = \"grain\"\nlabel = \"Grain\"\nterms = [\"wheat\", \"grain deal\"]\n",
    )
    .unwrap();
    let o = parallax_stdin(
        &["tag", "--themes", mine.to_str().unwrap()],
        b"The grain deals and wheat.",
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["themes"][0]["evidence"].as_array().unwrap().len(), 2);

    std::fs::write(&mine, "[[theme]]\nid = \"grain\"\nlabels = \"x\"\n").unwrap();
    let o = parallax_stdin(&["tag", "--themes", mine.to_str().unwrap()], b"x");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("mine.toml:3"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = parallax_stdin(&["tag"], b"\xff\xfe");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not UTF-8"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Builds the real corpus once per test binary run into a temporary bundle.
fn real_bundle(name: &str) -> (PathBuf, String) {
    let dir = tmp(name);
    let out = dir.join("c.plxb");
    assert!(build(&corpus_dir(), &out).status.success());
    let path = out.to_str().unwrap().to_owned();
    (dir, path)
}

fn json_of(o: &Output) -> Value {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn search_kwic_and_reuse_print_json() {
    let (dir, bundle) = real_bundle("analysis");
    let v = json_of(&parallax(&[
        "search",
        &bundle,
        "\"payment systems\" -Mir",
        "--limit",
        "3",
    ]));
    let results = v["results"].as_array().unwrap();
    assert!(!results.is_empty() && results.len() <= 3);
    for r in results {
        let joined: String = r["segments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["text"].as_str().unwrap())
            .collect();
        assert_eq!(joined, r["text"].as_str().unwrap());
        assert!(r["segments"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["mark"] == true));
        assert!(!r["text"].as_str().unwrap().contains(" Mir "));
    }
    let v = json_of(&parallax(&["kwic", &bundle, "Bushehr", "--width", "20"]));
    let lines = v["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["match"], "Bushehr");
    let v = json_of(&parallax(&["reuse", &bundle]));
    let pairs = v["pairs"].as_array().unwrap();
    assert!(pairs.len() >= 4);
    for p in pairs {
        for key in ["doc", "passage", "start", "end", "text"] {
            assert!(!p["a"][key].is_null() && !p["b"][key].is_null(), "{key}");
        }
        assert!(p["words"].as_u64().unwrap() >= 8);
        assert!(p["similarity"].as_f64().unwrap() > 0.5);
    }
    let o = parallax(&["search", dir.join("missing.plxb").to_str().unwrap(), "x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.plxb: cannot read"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn facts_signals_and_compare_print_json() {
    let (dir, bundle) = real_bundle("facts");
    let v = json_of(&parallax(&["facts", &bundle]));
    let groups = v["groups"].as_array().unwrap();
    assert!(groups
        .iter()
        .any(|g| g["key"] == "treaty-status" && g["agreement"] == "differ"));
    let v = json_of(&parallax(&["signals", &bundle]));
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5);
    for d in docs {
        for s in d["signals"].as_array().unwrap() {
            assert!(s["kind"].is_string() && s["label"].is_string());
            for e in s["evidence"].as_array().unwrap() {
                assert!(e["start"].is_u64() && e["end"].is_u64() && e["text"].is_string());
            }
        }
    }
    let v = json_of(&parallax(&["compare", &bundle, "002", "004"]));
    assert_eq!(v["docs"], serde_json::json!(["002", "004"]));
    let trade = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["theme"] == "trade")
        .unwrap();
    assert!(trade["reuse"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["a"]["text"].as_str().unwrap().contains("90 percent")));
    assert!(trade["facts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["key"] == "figure:percent of good" && f["agreement"] == "agree"));
    // Each row says whether it differs (an on-theme dispute), with the disputes it counts; the
    // shared wording is counted once per place, not once per theme.
    for row in v["rows"].as_array().unwrap() {
        assert_eq!(
            row["differs"].as_bool().unwrap(),
            !row["disputes"].as_array().unwrap().is_empty()
        );
    }
    let per_theme: usize = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reuse"].as_array().unwrap().len())
        .sum();
    let places = v["shared_places"].as_u64().unwrap() as usize;
    assert!(0 < places && places < per_theme, "{places} of {per_theme}");
    let o = parallax(&["compare", &bundle, "002", "999"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("there is no source \"999\""));
    let o = parallax(&["compare", &bundle, "002", "002"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("at least two different sources"));
    let o = parallax(&["compare", &bundle, "002"]);
    assert_eq!(o.status.code(), Some(2), "clap rejects a single source");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A query that starts with an exclusion is a query, not an unknown option; flags after it
/// still read as flags.
#[test]
fn a_query_may_start_with_an_exclusion() {
    let (dir, bundle) = real_bundle("hyphen");
    let v = json_of(&parallax(&[
        "search",
        &bundle,
        "-Israel sanctions",
        "--limit",
        "50",
    ]));
    let results = v["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results.len() <= 50);
    for r in results {
        let text = r["text"].as_str().unwrap();
        assert!(text.to_lowercase().contains("sanction"), "{text}");
        let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
        assert!(!words.contains(&"Israel"), "{text}");
    }
    let all = json_of(&parallax(&[
        "search",
        &bundle,
        "sanctions",
        "--limit",
        "500",
    ]));
    assert!(
        all["results"].as_array().unwrap().len() > results.len(),
        "the exclusion excluded nothing"
    );
    let v = json_of(&parallax(&["kwic", &bundle, "-Israel", "--width", "10"]));
    assert!(v["lines"].is_array());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every command that reads a bundle says which file it could not read, or that a file is not a
/// bundle, and exits 1.
#[test]
fn every_bundle_command_names_an_unreadable_bundle() {
    let dir = tmp("unreadable");
    let missing = dir.join("missing.plxb");
    let text = dir.join("notes.txt");
    std::fs::write(&text, "not a bundle").unwrap();
    let missing = missing.to_str().unwrap();
    let text = text.to_str().unwrap();
    for (path, says) in [(missing, "missing.plxb: cannot read"), (text, "notes.txt")] {
        for args in [
            vec!["search", path, "x"],
            vec!["kwic", path, "x"],
            vec!["reuse", path],
            vec!["facts", path],
            vec!["themes", path],
            vec!["signals", path],
            vec!["compare", path, "001", "002"],
            vec!["inspect", path],
        ] {
            let o = parallax(&args);
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
            assert!(
                err.starts_with("parallax: error: ") && err.contains(says),
                "{args:?}: {err}"
            );
            assert!(o.stdout.is_empty(), "{args:?} printed to stdout");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A story that ships only its texts (the core's tram fixture: no themes, entities or claims):
/// `compare` goes by the themes found in its texts, and says passage by passage what each source
/// says where the other says the same, and what only one of them says.
#[test]
fn compare_matches_passages_of_a_story_without_a_lexicon() {
    let dir = tmp("tram");
    let out = dir.join("tram.plxb");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/fixtures/tram");
    let o = build(fixture, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v = json_of(&parallax(&["compare", out.to_str().unwrap(), "a", "b"]));
    let rows = v["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows
        .iter()
        .all(|r| r["theme"].as_str().unwrap().starts_with("found-")));
    // The cost: 12 million euros in a, 15 in b.
    assert!(rows
        .iter()
        .any(|r| r["label"].as_str().unwrap().contains("euros") && r["differs"] == true));
    let passages = v["aligned"]["passages"].as_array().unwrap();
    assert_eq!(passages.len(), 10);
    // b copies a's first paragraph.
    let first = &passages[0];
    assert_eq!(
        (first["doc"].as_str(), first["passage"].as_str()),
        (Some("a"), Some("p1"))
    );
    let m = &first["matches"][0];
    assert_eq!(
        (m["doc"].as_str(), m["passage"].as_str()),
        (Some("b"), Some("p1"))
    );
    assert!(m["words"].as_array().unwrap().iter().any(|w| w == "Monday"));
    // b's environmental groups are in b alone.
    let groups = passages
        .iter()
        .find(|p| p["doc"] == "b" && p["passage"] == "p5")
        .unwrap();
    assert_eq!(groups["matches"], serde_json::json!([]));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `themes` prints the themes a bundle's analyses use, and where they come from: the bundled
/// corpus's themes.toml, or the words found in the tram story's texts (which ships none), the
/// same as the core finds them.
#[test]
fn themes_prints_hand_made_and_found_themes() {
    let dir = tmp("themes");
    let (real, bundled) = real_bundle("themes-real");
    let v = json_of(&parallax(&["themes", &bundled]));
    let themes = v["themes"].as_array().unwrap();
    let corpus = parallax_core::source::load_dir(std::path::Path::new(&corpus_dir())).unwrap();
    assert_eq!(themes.len(), corpus.themes.len());
    assert!(themes.iter().all(|t| t["from"] == "themes.toml"));
    assert!(themes.iter().any(|t| t["id"] == "energy"));

    let out = dir.join("tram.plxb");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/fixtures/tram");
    assert!(build(fixture, &out).status.success());
    let v = json_of(&parallax(&["themes", out.to_str().unwrap()]));
    let found = parallax_core::found::themes(
        &parallax_core::source::load_dir(std::path::Path::new(fixture)).unwrap(),
    );
    assert!(!found.is_empty());
    let printed: Vec<(String, Vec<String>)> = v["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            assert_eq!(t["from"], "found in the texts");
            let terms = t["terms"].as_array().unwrap();
            let terms = terms
                .iter()
                .map(|w| w.as_str().unwrap().to_owned())
                .collect();
            (t["label"].as_str().unwrap().to_owned(), terms)
        })
        .collect();
    let expected: Vec<(String, Vec<String>)> =
        found.into_iter().map(|t| (t.label, t.terms)).collect();
    assert_eq!(printed, expected);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&real);
}
