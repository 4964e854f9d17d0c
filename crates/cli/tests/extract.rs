//! End-to-end tests of `parallax extract` and of `parallax build` on HTML, Markdown and text
//! sources, on real files: what the command prints or builds against what the core's import
//! gives for the same files.

mod common;

use common::{build, parallax, tmp};
use parallax_core::import::{self, Format, Imported};
use parallax_core::model::{Corpus, Document};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The import tests' real files.
fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

fn mixed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mixed")
}

fn empty() -> Corpus {
    Corpus::of_documents("", "", Vec::new())
}

/// What the core's import gives for `file` as document `id`, alone in the library.
fn imported(file: &str, id: &str) -> Result<Imported, import::ImportError> {
    import::import(file, &std::fs::read(file).unwrap(), &empty(), id)
}

fn lines(o: &Output) -> Vec<Value> {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn passages(d: &Document) -> Vec<&str> {
    d.passages.iter().map(|p| p.text.as_str()).collect()
}

/// Checks a line printed for a file the import reads against the import's own document.
fn check_line(line: &Value, file: &str, i: &Imported) {
    let d = &i.document;
    assert_eq!(line["file"], file);
    assert_eq!(line["ok"], true, "{file}");
    assert_eq!(line["format"], i.format.id(), "{file}");
    assert_eq!(line["encoding"], *i.encoding.id(), "{file}");
    assert_eq!(line["title"], d.title, "{file}");
    assert_eq!(line["authors"], json!(d.authors()), "{file}");
    assert_eq!(
        line["date"],
        json!(d.date.as_ref().map(|x| &x.iso)),
        "{file}"
    );
    assert_eq!(
        line["modified"],
        json!(d.modified.as_ref().map(|x| &x.iso)),
        "{file}"
    );
    assert_eq!(line["site"], json!(d.site), "{file}");
    assert_eq!(line["lang"], json!(d.details.lang), "{file}");
    assert_eq!(line["url"], json!(d.details.url), "{file}");
    assert_eq!(line["description"], json!(d.details.description), "{file}");
    let got = line["passages"].as_array().unwrap();
    assert_eq!(got.len(), d.passages.len(), "{file}");
    assert!(!got.is_empty(), "{file}");
    for (g, p) in got.iter().zip(&d.passages) {
        let heading = d.sections[p.section as usize].heading.as_deref();
        assert_eq!(
            g,
            &json!({ "id": p.id, "section": heading, "kind": p.kind.id(), "text": p.text }),
            "{file}"
        );
    }
    let removed = line["removed"].as_array().unwrap();
    assert_eq!(removed.len(), d.removed.len(), "{file}");
    for (g, r) in removed.iter().zip(&d.removed) {
        assert_eq!(
            g,
            &json!({ "kind": r.kind.id(), "reason": r.kind.label(), "text": r.text }),
            "{file}"
        );
    }
}

#[test]
fn extract_prints_a_line_per_file_in_order_and_fails_on_the_unreadable() {
    let folder = fixture("");
    let missing = fixture("no-such-page.html");
    let files = [
        fixture("page.html"),
        missing.clone(),
        fixture("article.md"),
        fixture("windows-1252.html"),
        fixture("report.pdf"),
        fixture("shift_jis.html"),
        folder.clone(),
        fixture("article.txt"),
        fixture("metadata.html"),
        fixture("structure.md"),
    ];
    let args: Vec<&str> = std::iter::once("extract")
        .chain(files.iter().map(String::as_str))
        .collect();
    let o = parallax(&args);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let lines = lines(&o);
    assert_eq!(lines.len(), files.len());
    let ok: Vec<bool> = lines.iter().map(|l| l["ok"].as_bool().unwrap()).collect();
    assert_eq!(
        ok,
        [true, false, true, true, false, true, false, true, true, true]
    );
    for (n, (line, file)) in lines.iter().zip(&files).enumerate() {
        assert_eq!(line["file"], *file, "line {n}");
        if *file == missing || *file == folder {
            let error = line["error"].as_str().unwrap();
            assert!(error.contains(file.as_str()), "{error}");
            let why = if *file == missing {
                "no such file"
            } else {
                "it is a folder"
            };
            assert!(error.contains(why), "{error}");
            assert_eq!(line.as_object().unwrap().len(), 3, "{line}");
            continue;
        }
        match imported(file, &format!("f{}", n + 1)) {
            Ok(i) => check_line(line, file, &i),
            Err(e) => {
                assert_eq!(
                    line,
                    &json!({ "file": file, "ok": false, "error": e.to_string() })
                );
            }
        }
    }
    // What the files are, as the import says: the fields are not all empty.
    let field = |n: usize, key: &str| lines[n][key].as_str().unwrap().to_owned();
    assert_eq!(
        (field(0, "format"), field(0, "encoding")),
        ("html".into(), "utf-8".into())
    );
    assert_eq!(field(2, "format"), "markdown");
    assert_eq!(field(3, "encoding"), "windows-1252");
    assert_eq!(field(5, "encoding"), "shift_jis");
    assert_eq!(field(7, "format"), Format::Text.id());
    assert!(field(4, "error").contains("PDF"));
    assert_eq!(lines[0]["authors"], json!(["Tomas Eriksen"]));
    assert_eq!(lines[2]["authors"], json!(["Sample Author"]));
    assert_eq!(lines[2]["date"], "2025-05-02");
    assert!(lines[0]["removed"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["kind"] == "byline"));
    assert!(lines[2]["passages"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["section"] == "What They Trade"));
    // A page's own details, and passages that are not paragraphs.
    assert_eq!(lines[8]["authors"], json!(["Ana Ruiz", "Peter Holm"]));
    assert_eq!(
        (field(8, "date"), field(8, "modified"), field(8, "lang")),
        (
            "2025-05-20T08:00".into(),
            "2025-05-21T17:45".into(),
            "en-GB".into()
        )
    );
    assert_eq!(
        field(8, "url"),
        "https://gazette.example/news/ferry-link-reopens"
    );
    let kinds: Vec<&str> = lines[9]["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    for kind in ["paragraph", "list-item", "quote", "table-row", "caption"] {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
    }
}

#[test]
fn extract_succeeds_when_every_file_is_read_and_repeats_are_not_duplicates() {
    let page = fixture("page.html");
    let o = parallax(&["extract", &page, &page]);
    assert_eq!(o.status.code(), Some(0));
    let lines = lines(&o);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0], lines[1]);
    check_line(&lines[0], &page, &imported(&page, "f1").unwrap());
    // No file is a usage error, not an empty output.
    let o = parallax(&["extract"]);
    assert!(!o.status.success());
    assert!(o.stdout.is_empty());
}

#[test]
fn extract_stops_quietly_when_the_reader_goes_away() {
    let page = fixture("page.html");
    let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("extract")
        .args(std::iter::repeat_n(&page, 300))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the pipe closes after one line of 300.
    assert!(first.starts_with("{\"file\""));
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(o.status.code(), Some(0), "{err}");
}

#[test]
fn build_reads_html_markdown_and_text_sources_as_the_import_does() {
    let dir = tmp("mixed");
    let out = dir.join("mixed.plxb");
    let o = build(mixed_dir().to_str().unwrap(), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let b = parallax_core::bundle::decode(&std::fs::read(&out).unwrap()).unwrap();
    let docs = &b.corpus.documents;
    // id, file, the manifest's title (none for the Markdown file), format it is read as.
    let sources = [
        (
            "page",
            "ferry.html",
            Some("The Night Ferry Returns"),
            Format::Html,
        ),
        ("notes", "orchard.md", None, Format::Markdown),
        (
            "plain",
            "library.txt",
            Some("A Library Without Late Fees"),
            Format::Text,
        ),
        (
            "legacy",
            "cafe.htm",
            Some("The Café on the Quay"),
            Format::Html,
        ),
    ];
    assert_eq!(docs.len(), sources.len());
    for (d, (id, file, title, format)) in docs.iter().zip(sources) {
        let path = mixed_dir().join(file).display().to_string();
        let i = imported(&path, id).unwrap();
        assert_eq!(i.format, format, "{file}");
        let want = &i.document;
        assert_eq!((d.id.as_str(), d.file.as_str()), (id, file));
        assert_eq!(d.title, title.unwrap_or(&want.title), "{file}");
        assert_eq!(passages(d), passages(want), "{file}");
        assert!(!d.passages.is_empty(), "{file}");
        assert_eq!(d.sections, want.sections, "{file}");
        assert_eq!(d.removed, want.removed, "{file}");
        assert_eq!(
            (&d.byline, &d.date, &d.modified, &d.details),
            (&want.byline, &want.date, &want.modified, &want.details),
            "{file}"
        );
        // The offsets point into the text the import extracted.
        assert_eq!(d.original_len as usize, i.text.len(), "{file}");
        for p in &d.passages {
            assert!(i.text.get(p.start as usize..p.end as usize).is_some());
        }
    }
    let page = &docs[0];
    assert_eq!(page.site.as_deref(), Some("The Estuary Post"));
    assert_eq!(page.kind.as_deref(), Some("report"));
    assert!(passages(page)[0].starts_with("The overnight crossing"));
    assert_eq!(docs[1].title, "The Orchard Survey");
    assert_eq!(docs[1].details.authors, ["Wren Okafor"]);
    assert_eq!(
        docs[2].byline.as_ref().map(|b| b.name.as_str()),
        Some("Otto Brandvold")
    );
    assert!(passages(&docs[3])
        .iter()
        .any(|p| p.contains("un café à 1,50 €")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_source_the_import_refuses_fails_the_build_naming_it() {
    let pdf = std::fs::read(fixture("report.pdf")).unwrap();
    let cases: [(&str, &[u8], &[&str]); 3] = [
        ("report.html", &pdf, &["report.html", "PDF document"]),
        (
            "scripts.html",
            b"<html><head><script>var a = 1;</script></head><body><nav><a href=\"/\">Home</a></nav></body></html>",
            // The menu is set aside with its reason, so what is left is furniture only.
            &["scripts.html", "has no paragraph left after cleaning"],
        ),
        ("empty.md", b"", &["empty.md: the file is empty"]),
    ];
    for (name, bytes, want) in cases {
        let dir = tmp(&name.replace('.', "-"));
        let manifest =
            format!("name = \"t\"\ntitle = \"T\"\n\n[[source]]\nid = \"a\"\nfile = \"{name}\"\n");
        std::fs::write(dir.join("corpus.toml"), manifest).unwrap();
        std::fs::write(dir.join(name), bytes).unwrap();
        let out = dir.join("out.plxb");
        let o = build(dir.to_str().unwrap(), &out);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        for w in want {
            assert!(err.contains(w), "{name}: {err}");
        }
        assert!(!err.contains("panicked"), "{err}");
        assert!(!out.exists(), "{name}: a bundle was left behind");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// A file over the import's limit is refused by its size, with the import's own message, and
/// the files after it are still read.
#[test]
fn a_file_over_the_limit_is_refused_by_its_size() {
    let dir = tmp("large");
    let big = dir.join("big.html");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(parallax_core::import::MAX_BYTES + 1)
        .unwrap();
    let big = big.to_str().unwrap().to_owned();
    let good = fixture("article.txt");
    let o = parallax(&["extract", &big, &good]);
    assert_eq!(o.status.code(), Some(1));
    let lines = lines(&o);
    let expected = parallax_core::import::check_size(&big, parallax_core::import::MAX_BYTES + 1)
        .unwrap_err()
        .to_string();
    assert_eq!(
        lines[0],
        json!({ "file": big, "ok": false, "error": expected })
    );
    assert_eq!(lines[1]["ok"], true);
    let _ = std::fs::remove_dir_all(&dir);
}
