//! `parallax-bench extraction DIR`: article extraction scored on saved web pages (Parallax or a peer).
//!
//! `DIR` holds `expectations.json` (per page, keyed by URL: `file` in `DIR/pages/`, gzipped;
//! `with`, snippets a good extraction keeps; `without`, furniture it leaves out) and `pages/`.
//! Scoring, as the set's README says: whitespace collapsed to single spaces in snippets and text;
//! a `with` snippet found is a true positive, one missing a false negative; a `without` snippet
//! found is a false positive; a page that cannot be extracted counts its `with` snippets as
//! missing. Parallax's text is the document's title followed by its sections' headings and
//! passages, a line each.
//!
//! Usage: `parallax-bench extraction DIR [--texts FOLDER] [--json OUT] [--worst N] [--row FILE]
//! [--write-texts FOLDER] [--raw] [--half even|odd]`. Without `--texts`, every page is imported
//! with `parallax_core::import::import` as `page.html`, timed around that call only (`--raw`:
//! the import's text is scored, `Imported::text`, before cleaning, to tell what the HTML
//! extraction loses from what cleaning does). `--half`: only the pages at even or odd
//! positions in `expectations.json` (a rule that helps one half only is suspect). With `--texts`,
//! a peer's texts are scored instead: `FOLDER/<file without .gz>.txt` per page (absent: refused,
//! with its kind from `FOLDER/refused.json` when it names it), the peer's name and its own
//! timing from `FOLDER/meta.json` (`{"extractor", "version", "ms_per_page"}`).

use parallax_core::import::{import, ImportError};
use parallax_core::model::{Corpus, Document};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What a page must keep and leave out.
#[derive(Debug, Clone, Deserialize)]
pub struct Expectation {
    pub file: String,
    #[serde(default)]
    pub with: Vec<String>,
    #[serde(default)]
    pub without: Vec<String>,
}

/// One page's score: the snippets behind each count, for the engineer reading the worst pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PageScore {
    pub tp: usize,
    pub fp: usize,
    pub false_neg: usize,
    /// `with` snippets not found (false negatives).
    pub missing: Vec<String>,
    /// `without` snippets found (false positives).
    pub unwanted: Vec<String>,
}

/// Text with every run of whitespace (Unicode's) made one space, and none at either end.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Scores one page's extracted text; `None` when the page could not be extracted, which counts
/// every `with` snippet as missing and no `without` one as found. An empty snippet is skipped.
pub fn score(text: Option<&str>, expected: &Expectation) -> PageScore {
    let text = text.map(collapse);
    let found = |snippet: &str| text.as_deref().is_some_and(|t| t.contains(snippet));
    let mut s = PageScore::default();
    for w in expected.with.iter().map(|w| collapse(w)) {
        if w.is_empty() {
            continue;
        }
        if found(&w) {
            s.tp += 1;
        } else {
            s.false_neg += 1;
            s.missing.push(w);
        }
    }
    for w in expected.without.iter().map(|w| collapse(w)) {
        if !w.is_empty() && found(&w) {
            s.fp += 1;
            s.unwanted.push(w);
        }
    }
    s
}

/// The text Parallax's import extracts from a page: the document's title, then each section's
/// heading and its passages, one per line, as the reader shows them.
pub fn document_text(doc: &Document) -> String {
    let mut text = doc.title.clone();
    let mut passages = doc.passages.iter().peekable();
    for (k, section) in doc.sections.iter().enumerate() {
        if let Some(h) = &section.heading {
            text.push('\n');
            text.push_str(h);
        }
        while let Some(p) = passages.next_if(|p| p.section as usize <= k) {
            text.push('\n');
            text.push_str(&p.text);
        }
    }
    for p in passages {
        text.push('\n');
        text.push_str(&p.text);
    }
    text
}

/// Totals over all pages.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub pages: usize,
    pub refused: usize,
    /// Refused pages by kind (`ImportError::id`, or the peer's).
    pub refused_kinds: BTreeMap<String, usize>,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub false_neg: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub ms_per_page: Option<f64>,
}

impl Totals {
    fn add(&mut self, s: &PageScore, refused: Option<&str>) {
        self.pages += 1;
        if let Some(kind) = refused {
            self.refused += 1;
            *self.refused_kinds.entry(kind.to_owned()).or_default() += 1;
        }
        self.tp += s.tp;
        self.fp += s.fp;
        self.false_neg += s.false_neg;
    }

    fn finish(&mut self) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        self.precision = ratio(self.tp, self.tp + self.fp);
        self.recall = ratio(self.tp, self.tp + self.false_neg);
        let sum = self.precision + self.recall;
        self.f1 = if sum == 0.0 {
            0.0
        } else {
            2.0 * self.precision * self.recall / sum
        };
    }
}

#[derive(Debug, Serialize)]
struct PageResult {
    url: String,
    file: String,
    refused: Option<String>,
    ms: Option<f64>,
    #[serde(flatten)]
    score: PageScore,
}

#[derive(Debug, Default, Deserialize)]
struct Meta {
    #[serde(default)]
    extractor: Option<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    ms_per_page: Option<f64>,
}

struct Args {
    dir: PathBuf,
    texts: Option<PathBuf>,
    json: Option<PathBuf>,
    worst: usize,
    row: Option<PathBuf>,
    write_texts: Option<PathBuf>,
    /// Score the text `extract` returns, before cleaning, instead of the document.
    raw: bool,
    /// Only the pages at even (0) or odd (1) positions in `expectations.json`.
    half: Option<usize>,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut dir = None;
    let mut args = Args {
        dir: PathBuf::new(),
        texts: None,
        json: None,
        worst: 0,
        row: None,
        write_texts: None,
        raw: false,
        half: None,
    };
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--texts" => args.texts = Some(PathBuf::from(value()?)),
            "--json" => args.json = Some(PathBuf::from(value()?)),
            "--row" => args.row = Some(PathBuf::from(value()?)),
            "--write-texts" => args.write_texts = Some(PathBuf::from(value()?)),
            "--raw" => args.raw = true,
            "--half" => {
                args.half = Some(match value()?.as_str() {
                    "even" => 0,
                    "odd" => 1,
                    other => return Err(format!("--half: even or odd, not {other}")),
                })
            }
            "--worst" => args.worst = value()?.parse().map_err(|e| format!("--worst: {e}"))?,
            other if other.starts_with("--") => return Err(format!("unknown argument {other}")),
            other if dir.is_none() => dir = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other}")),
        }
    }
    args.dir = dir.ok_or("extraction needs the folder of pages: extraction DIR")?;
    Ok(args)
}

/// The entries of a JSON object in the order they are written.
struct InOrder(Vec<(String, Expectation)>);

impl<'de> Deserialize<'de> for InOrder {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = InOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of pages keyed by URL")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<InOrder, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(InOrder(out))
            }
        }
        d.deserialize_map(Entries)
    }
}

/// The name of a page's text in a folder of texts: its file without `.gz`, then `.txt`.
pub fn text_name(file: &str) -> String {
    format!("{}.txt", file.strip_suffix(".gz").unwrap_or(file))
}

fn gunzip(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(bytes)
}

/// Runs `extraction` with the arguments after the subcommand's name; the process's exit code.
pub fn main(args: impl Iterator<Item = String>) -> i32 {
    match run(args) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("parallax-bench extraction: {e}");
            1
        }
    }
}

fn run(args: impl Iterator<Item = String>) -> Result<(), String> {
    let args = parse_args(args)?;
    let path = args.dir.join("expectations.json");
    let raw = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    // Pages in the order of their URLs, the same on every run; `--half` counts positions in
    // the file's own order.
    let InOrder(listed) =
        serde_json::from_slice(&raw).map_err(|e| format!("{}: {e}", path.display()))?;
    let expectations: BTreeMap<String, Expectation> = listed
        .into_iter()
        .enumerate()
        .filter(|(i, _)| args.half.is_none_or(|h| i % 2 == h))
        .map(|(_, pair)| pair)
        .collect();
    if let Some(folder) = &args.write_texts {
        std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    let (label, meta, refused_kinds) = match &args.texts {
        None => (
            format!("Parallax {}", env!("CARGO_PKG_VERSION")),
            Meta::default(),
            BTreeMap::new(),
        ),
        Some(folder) => {
            let meta: Meta = read_json(&folder.join("meta.json"))?.unwrap_or_default();
            let kinds: BTreeMap<String, String> =
                read_json(&folder.join("refused.json"))?.unwrap_or_default();
            let name = meta.extractor.clone().unwrap_or_else(|| "texts".into());
            let label = match &meta.version {
                Some(v) => format!("{name} {v}"),
                None => name,
            };
            (label, meta, kinds)
        }
    };
    let empty = Corpus::of_documents("", "", Vec::new());
    let mut totals = Totals::default();
    let mut pages = Vec::with_capacity(expectations.len());
    let mut import_secs = 0.0;
    for (url, expected) in &expectations {
        let (text, refused, ms) = match &args.texts {
            None => {
                let bytes = gunzip(&args.dir.join("pages").join(&expected.file))?;
                let t = Instant::now();
                let result = import("page.html", &bytes, &empty, "own1").map(|i| {
                    if args.raw {
                        i.text
                    } else {
                        document_text(&i.document)
                    }
                });
                let secs = t.elapsed().as_secs_f64();
                import_secs += secs;
                match result {
                    Ok(text) => (Some(text), None, Some(secs)),
                    Err(e) => (None, Some(kind(&e).to_owned()), Some(secs)),
                }
            }
            Some(folder) => {
                let name = text_name(&expected.file);
                match std::fs::read(folder.join(&name)) {
                    Ok(bytes) => (
                        Some(String::from_utf8_lossy(&bytes).into_owned()),
                        None,
                        None,
                    ),
                    Err(_) => {
                        let kind = refused_kinds.get(&name).cloned();
                        (None, Some(kind.unwrap_or_else(|| "no text".into())), None)
                    }
                }
            }
        };
        if let (Some(folder), Some(text)) = (&args.write_texts, &text) {
            let path = folder.join(text_name(&expected.file));
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        let s = score(text.as_deref(), expected);
        totals.add(&s, refused.as_deref());
        pages.push(PageResult {
            url: url.clone(),
            file: expected.file.clone(),
            refused,
            ms: ms.map(|s| s * 1e3),
            score: s,
        });
    }
    totals.finish();
    totals.ms_per_page = match &args.texts {
        None if totals.pages > 0 => Some(import_secs * 1e3 / totals.pages as f64),
        None => None,
        Some(_) => meta.ms_per_page,
    };
    report(&label, &args.dir, &totals, &pages, args.worst);
    if let Some(out) = &args.json {
        let json = serde_json::json!({ "extractor": label, "totals": totals, "pages": pages });
        let text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
        std::fs::write(out, text).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    if let Some(out) = &args.row {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(out)
            .map_err(|e| format!("{}: {e}", out.display()))?;
        writeln!(f, "{}", row(&label, &totals)).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    Ok(())
}

/// The kind of a refusal, as the totals count it.
fn kind(e: &ImportError) -> &'static str {
    e.id()
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Option<T>, String> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// One line of the side-by-side table: extractor, F1, precision, recall, refused pages, ms/page.
fn row(label: &str, t: &Totals) -> String {
    format!(
        "| {label} | {:.4} | {:.4} | {:.4} | {} | {} |",
        t.f1,
        t.precision,
        t.recall,
        t.refused,
        t.ms_per_page.map_or("–".into(), |ms| format!("{ms:.1}"))
    )
}

/// The head of the side-by-side table, for `make bench-extraction`.
pub const TABLE_HEAD: &str =
    "| extractor | F1 | precision | recall | refused pages | ms/page |\n|---|---:|---:|---:|---:|---:|";

fn report(label: &str, dir: &Path, t: &Totals, pages: &[PageResult], worst: usize) {
    println!("# Article extraction: {label}\n");
    println!("- pages: {} from {}", t.pages, dir.display());
    let kinds: Vec<String> = t
        .refused_kinds
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    println!(
        "- refused: {}{}",
        t.refused,
        if kinds.is_empty() {
            String::new()
        } else {
            format!(" ({})", kinds.join(", "))
        }
    );
    println!("- TP {}, FP {}, FN {}", t.tp, t.fp, t.false_neg);
    println!(
        "- precision {:.4}, recall {:.4}, F1 {:.4}",
        t.precision, t.recall, t.f1
    );
    match t.ms_per_page {
        Some(ms) => println!("- {ms:.2} ms per page (around the extraction call only)"),
        None => println!("- ms per page: not reported"),
    }
    println!("\n{TABLE_HEAD}\n{}", row(label, t));
    if worst == 0 {
        return;
    }
    let mut order: Vec<&PageResult> = pages.iter().collect();
    order.sort_by_key(|p| std::cmp::Reverse(p.score.false_neg + p.score.fp));
    println!("\n## The {worst} pages with the most FN + FP\n");
    for p in order.into_iter().take(worst) {
        println!(
            "### {} ({}): FN {}, FP {}{}",
            p.url,
            p.file,
            p.score.false_neg,
            p.score.fp,
            p.refused
                .as_ref()
                .map_or(String::new(), |k| format!(", refused: {k}"))
        );
        for m in &p.score.missing {
            println!("- missing: {}", cut(m, 300));
        }
        for u in &p.score.unwanted {
            println!("- unwanted: {}", cut(u, 300));
        }
        println!();
    }
}

/// At most `n` characters of `s`, with an ellipsis when cut.
fn cut(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expect(with: &[&str], without: &[&str]) -> Expectation {
        Expectation {
            file: "p.html.gz".into(),
            with: with.iter().map(|s| s.to_string()).collect(),
            without: without.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_hand_made_page_is_imported_and_scored_with_its_title() {
        let html = "<html><head><title>Harbour reopens</title></head><body>\
            <nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>\
            <article><h1>Harbour reopens after the storm</h1>\
            <p>The harbour of the town reopened on Monday after a week of repairs to the quay \
            and   the lighthouse, the port authority said.</p>\
            <p>Fishing boats left at dawn for the first time since the storm, and the ferry \
            to the islands will run again from Wednesday.</p></article>\
            <footer>Copyright 2026 Town News. All rights reserved.</footer></body></html>";
        let imported = import(
            "page.html",
            html.as_bytes(),
            &Corpus::of_documents("", "", Vec::new()),
            "own1",
        )
        .unwrap();
        let text = document_text(&imported.document);
        let e = expect(
            &[
                "Harbour reopens after the storm",
                "after a week of repairs to the quay and the lighthouse",
                "Fishing boats left at dawn",
                "not in the page at all",
            ],
            &["All rights reserved.", "Sport", "The ferry sank"],
        );
        let s = score(Some(&text), &e);
        assert_eq!(s.missing, vec!["not in the page at all".to_string()]);
        assert_eq!((s.tp, s.false_neg), (3, 1));
        assert!(s.fp <= 2, "{text}");
        assert!(!s.unwanted.contains(&"The ferry sank".to_string()));
    }

    #[test]
    fn whitespace_is_collapsed_in_text_and_snippets() {
        let e = expect(&["a  b\nc", "b c d"], &["x\u{a0}y", "z"]);
        let s = score(Some("  a\tb  c\n\nq x y"), &e);
        assert_eq!((s.tp, s.false_neg, s.fp), (1, 1, 1));
        assert_eq!(s.missing, vec!["b c d".to_string()]);
        assert_eq!(s.unwanted, vec!["x y".to_string()]);
    }

    #[test]
    fn a_refused_page_misses_every_with_snippet_and_finds_no_furniture() {
        let e = expect(&["a", "b", ""], &["c"]);
        let s = score(None, &e);
        assert_eq!((s.tp, s.false_neg, s.fp), (0, 2, 0));
    }

    #[test]
    fn totals_give_precision_recall_and_f1() {
        let mut t = Totals::default();
        let page = |tp, fp, false_neg| PageScore {
            tp,
            fp,
            false_neg,
            ..PageScore::default()
        };
        t.add(&page(3, 1, 0), None);
        t.add(&page(0, 0, 2), Some("no-text"));
        t.finish();
        assert_eq!((t.pages, t.refused, t.refused_kinds["no-text"]), (2, 1, 1));
        assert!((t.precision - 0.75).abs() < 1e-12);
        assert!((t.recall - 0.6).abs() < 1e-12);
        assert!((t.f1 - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-12);
    }

    #[test]
    fn texts_are_named_after_the_page_without_gz() {
        assert_eq!(text_name("a.b.html.gz"), "a.b.html.txt");
        assert_eq!(text_name("a.html"), "a.html.txt");
    }
}
