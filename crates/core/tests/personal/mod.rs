//! What the personal-data tests share (`personal_data.rs`, and the bundle scan of `corpus.rs`):
//! pages written for the tests with personal data in prose, outside any profile-card layout
//! (`tests/fixtures/personal/`), the values each page holds with the kind of block that must
//! take them out, and the one checker that scans what a bundle shows for personal data.
#![allow(dead_code)]

use parallax_core::model::{Corpus, Document, RemovalKind};
use parallax_core::{process_document, SourceMeta};
use regex::Regex;
use std::path::PathBuf;
use std::sync::OnceLock;

/// A page written for the tests and the personal values in it, each with the kind of removed
/// block whose span must hold it.
pub struct Fixture {
    pub id: &'static str,
    pub file: &'static str,
    pub values: &'static [(&'static str, RemovalKind)],
}

/// One page per way personal data reaches prose: a line per rule of `clean::personal` (phone,
/// US state and ZIP, social-media domain, e-mail, handle), and links inside blocks that other
/// rules remove (a call to comment, a promotion, a related link after the text); then the same
/// values as they sit in sentences (a ZIP before a comma or a full stop, in brackets; possessives).
pub const FIXTURES: &[Fixture] = &[
    Fixture {
        id: "fx1",
        file: "prose.txt",
        values: &[
            ("+1 (202) 555-0143", RemovalKind::PersonalData),
            ("IL 62704", RemovalKind::PersonalData),
            (
                "facebook.com/portauthority.example",
                RemovalKind::PersonalData,
            ),
            ("tips@harbour-news.example", RemovalKind::PersonalData),
            ("@cranecrew_live", RemovalKind::PersonalData),
            (
                "https://forum.harbour-news.example/t/cranes-2024",
                RemovalKind::CallToComment,
            ),
            (
                "www.harbour-news.example/yard-story",
                RemovalKind::Promotion,
            ),
            (
                "http://harbour-news.example/more-cranes",
                RemovalKind::RelatedLinks,
            ),
        ],
    },
    Fixture {
        id: "fx2",
        file: "sentences.txt",
        values: &[
            ("OR 97201", RemovalKind::PersonalData),
            ("TX 73301", RemovalKind::PersonalData),
            ("MA 01970", RemovalKind::PersonalData),
            ("@quayrail_news", RemovalKind::PersonalData),
            ("bridge.desk@quay-rail.example", RemovalKind::PersonalData),
        ],
    },
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/personal")
}

/// The raw page of a fixture.
pub fn raw(f: &Fixture) -> String {
    std::fs::read_to_string(dir().join(f.file)).unwrap()
}

/// A fixture through the real pipeline, as the corpus build reads a file.
pub fn document(f: &Fixture) -> Document {
    let meta = SourceMeta {
        id: f.id.to_owned(),
        file: f.file.to_owned(),
        ..SourceMeta::default()
    };
    process_document(&meta, &raw(f))
}

/// Every fixture's document, in `FIXTURES` order.
pub fn documents() -> Vec<Document> {
    FIXTURES.iter().map(document).collect()
}

/// Where a text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Title, byline, section heading or passage.
    Kept,
    /// The text of a removed block.
    Removed(RemovalKind),
}

/// Every text a document shows: title, byline, headings, passages, removed blocks.
pub fn texts(d: &Document) -> Vec<(Place, &str)> {
    let mut out = vec![(Place::Kept, d.title.as_str())];
    out.extend(d.byline.iter().map(|b| (Place::Kept, b.name.as_str())));
    out.extend(
        d.sections
            .iter()
            .filter_map(|s| s.heading.as_deref())
            .map(|h| (Place::Kept, h)),
    );
    out.extend(d.passages.iter().map(|p| (Place::Kept, p.text.as_str())));
    out.extend(
        d.removed
            .iter()
            .map(|r| (Place::Removed(r.kind), r.text.as_str())),
    );
    out
}

/// Shapes of personal data, looked for in every text a bundle shows. The shapes are written here,
/// apart from the rules of `clean::personal`, so that a rule that goes missing leaves a value for
/// them to find.
pub const PATTERNS: &[(&str, &str)] = &[
    ("email", r"[\w.+-]+@[\w-]+\.[\w.]+"),
    ("phone", r"(\+?\d[\d\s().-]{7,}\d)"),
    (
        "street address",
        r"\b\d{2,6}\s+[A-Z][a-z]+(\s+[A-Z][a-z]+)*\s+(Suite|Street|St|Avenue|Ave|Road|Rd|Islands|River|Square|Lane|Drive)\b",
    ),
    ("state and zip", r"\b[A-Z]{2}\s+\d{5}(-\d{4})?\b"),
    (
        "social url",
        r"(?i)(instagram|facebook|tiktok|twitter|linkedin|youtube|pinterest|snapchat)\.com|\bx\.com/|\bt\.me/|threads\.net",
    ),
    ("handle", r"(^|[\s(])@\w{2,}"),
];

/// Links: withheld anywhere in removed text (a passage may cite a page; removed furniture's
/// links lead to profiles and trackers as often as to pages).
pub const LINK: &str = r"(?i)(https?://|\bwww\.)\S";

fn compiled() -> &'static (Vec<(&'static str, Regex)>, Regex) {
    static R: OnceLock<(Vec<(&'static str, Regex)>, Regex)> = OnceLock::new();
    R.get_or_init(|| {
        (
            PATTERNS
                .iter()
                .map(|&(what, re)| (what, Regex::new(re).unwrap()))
                .collect(),
            Regex::new(LINK).unwrap(),
        )
    })
}

/// The personal data a text shows, as (shape, match). A phone number has at least ten digits
/// (years and counts like "1,000 Students" are not phone numbers).
pub fn findings(place: Place, text: &str) -> Vec<(&'static str, String)> {
    let (patterns, link) = compiled();
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for (what, re) in patterns {
        for m in re.find_iter(text) {
            let m = m.as_str();
            if *what != "phone" || m.chars().filter(char::is_ascii_digit).count() >= 10 {
                out.push((what, m.to_owned()));
            }
        }
    }
    if matches!(place, Place::Removed(_)) {
        out.extend(
            link.find_iter(text)
                .map(|m| ("link", m.as_str().to_owned())),
        );
    }
    out
}

/// Every finding in a corpus, one line each, naming the document and the text.
pub fn corpus_findings(c: &Corpus) -> Vec<String> {
    let mut out = Vec::new();
    for d in &c.documents {
        for (place, text) in texts(d) {
            for (what, m) in findings(place, text) {
                out.push(format!("{}: {what} {m:?} in {place:?} {text:?}", d.id));
            }
        }
    }
    out
}

/// A fixture's values as its document holds them: each value's place in the raw page lies inside
/// a removed block of its kind, and no text the document shows (title, byline, headings,
/// passages, removed blocks) holds the value. Returns every failure.
pub fn value_failures(f: &Fixture, d: &Document) -> Vec<String> {
    let raw = raw(f);
    let mut out = Vec::new();
    for &(value, kind) in f.values {
        let Some(at) = raw.find(value) else {
            out.push(format!("{}: {value:?} is not in the page", f.file));
            continue;
        };
        let end = (at + value.len()) as u32;
        let held = d
            .removed
            .iter()
            .find(|r| r.start <= at as u32 && end <= r.end);
        match held {
            Some(r) if r.kind == kind => {}
            Some(r) => out.push(format!(
                "{}: {value:?} removed as {:?}, not {kind:?}",
                f.file, r.kind
            )),
            None => out.push(format!("{}: {value:?} is in no removed block", f.file)),
        }
        for (place, text) in texts(d) {
            if text.contains(value) {
                out.push(format!("{}: {value:?} shown in {place:?} {text:?}", f.file));
            }
        }
    }
    out
}
