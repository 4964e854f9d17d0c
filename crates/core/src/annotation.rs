//! The reader's notes as W3C Web Annotations (JSON-LD): each note an `Annotation` whose body is its text and whose target is its passage, named by a Parallax link with the corpus version and by selectors into the document's text in that version.
//!
//! The export is a JSON array of annotations, each with its own `@context`
//! (`http://www.w3.org/ns/anno.jsonld`), as the Web Annotation Data Model's examples write them:
//!
//! - `id`: `urn:uuid:` and a UUID made from the note's id (version 8, the first 16 bytes of the
//!   SHA-256 of `parallax-note:` and the id), so that the same note always has the same IRI;
//! - `created`, and `modified` when the note was edited, in UTC to the second;
//! - `body`: a `TextualBody`, the note's text as `text/plain`, purpose `commenting`;
//! - `target`: `source` is the passage's Parallax link (`#/read/<doc>/<passage>?v=<version>`,
//!   without the reader's own themes), and two `selector`s of the passage within the document's
//!   text (`doc_text`): a `TextQuoteSelector` (`exact` the passage's text, `prefix` and `suffix`
//!   up to `CONTEXT_CHARS` characters before and after it, left out when there are none) and a
//!   `TextPositionSelector` (`start`, `end`). A note on a passage this corpus does not have (a
//!   document imported elsewhere) keeps its `source` and has no selector: nothing is made up.
//!
//! **Positions count Unicode code points**, as the Web Annotation model asks ("the character
//! codes"), not UTF-8 bytes (Rust's offsets) nor UTF-16 code units (JavaScript's string
//! indices): "é" is one, and so is "😀", which JavaScript counts as two. The text counted is the
//! document as Parallax cleans it in that corpus version: its passages in reading order, one blank
//! line (`\n\n`) between two; section headings and removed text are not part of it. The version
//! in `source` names that text exactly, so the selectors never come loose from it.
//!
//! Linear in the notes and the text of the documents they are on.

use crate::export::LinkBase;
use crate::model::{Corpus, Document};
use crate::notes::{Note, Notebook};
use crate::state::{print, Read, State, View};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// Most characters (code points) a `TextQuoteSelector` quotes before and after the passage.
pub const CONTEXT_CHARS: usize = 32;
/// What passages are joined with in `doc_text`.
pub const SEPARATOR: &str = "\n\n";

/// A document's text as the selectors count it, and where each passage is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocText {
    /// The passages' texts in reading order, `SEPARATOR` between two.
    pub text: String,
    /// Per passage, in the document's order: its place in `text`.
    pub spans: Vec<Span>,
}

/// Where one passage is in `DocText::text`: in bytes (to slice it) and in code points (what the
/// selectors say).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub byte_start: usize,
    pub byte_end: usize,
    pub start: usize,
    pub end: usize,
}

/// The text the selectors of notes on `doc` count in.
pub fn doc_text(doc: &Document) -> DocText {
    let mut text = String::with_capacity(
        doc.passages.iter().map(|p| p.text.len()).sum::<usize>()
            + SEPARATOR.len() * doc.passages.len(),
    );
    let mut spans = Vec::with_capacity(doc.passages.len());
    let mut chars = 0;
    for (i, p) in doc.passages.iter().enumerate() {
        if i > 0 {
            text.push_str(SEPARATOR);
            chars += SEPARATOR.chars().count();
        }
        let byte_start = text.len();
        text.push_str(&p.text);
        let n = p.text.chars().count();
        crate::probe::step(p.text.len());
        spans.push(Span {
            byte_start,
            byte_end: text.len(),
            start: chars,
            end: chars + n,
        });
        chars += n;
    }
    DocText { text, spans }
}

/// The last `n` code points of `s` (all of it when shorter).
fn tail(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(s.len(), |(i, _)| i);
    crate::probe::step(n);
    &s[start..]
}

/// The first `n` code points of `s` (all of it when shorter).
fn head(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    crate::probe::step(n);
    &s[..end]
}

/// `urn:uuid:` and a version-8 UUID of the SHA-256 of `parallax-note:` and the note's id.
pub fn note_iri(id: &str) -> String {
    let hash = Sha256::digest(format!("parallax-note:{id}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&hash[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// `YYYY-MM-DDTHH:MM:SSZ`, an `xsd:dateTime` in UTC.
fn date_time(ms: u64) -> String {
    let t = crate::strings::utc(ms);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year, t.month, t.day, t.hour, t.minute, t.second
    )
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
    format: &'static str,
    purpose: &'static str,
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector<'a> {
    TextQuoteSelector {
        exact: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        prefix: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        suffix: &'a str,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

#[derive(Serialize)]
struct Target<'a> {
    source: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    selector: Vec<Selector<'a>>,
}

#[derive(Serialize)]
struct Annotation<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    created: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    body: Body<'a>,
    target: Target<'a>,
}

/// The link that opens `passage` of `doc` in the reader, with the corpus version and without
/// the reader's own themes.
pub fn passage_link(doc: &str, passage: &str, at: &LinkBase) -> String {
    let state = State {
        view: View::Read(Read::at(doc, Some(passage))),
        custom: Vec::new(),
        edits: Default::default(),
    };
    format!("{}{}", at.base, print(&state, at.version))
}

/// A document of the corpus with its text and its passages by id, made once per document.
struct Known<'a> {
    text: DocText,
    passages: HashMap<&'a str, usize>,
}

/// Every note as a Web Annotation, in a pretty JSON array with a final newline: known sources
/// in corpus order, then the others by id; passages in the document's order (unknown ones by
/// id after them); notes on one passage oldest first.
pub fn to_web_annotations(notebook: &Notebook, corpus: &Corpus, at: &LinkBase) -> String {
    let docs: HashMap<&str, (usize, &Document)> = corpus
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), (i, d)))
        .collect();
    // Only the documents that have notes are laid out.
    let mut known: HashMap<&str, Known> = HashMap::new();
    for n in &notebook.notes {
        if let Some(&(_, d)) = docs.get(n.doc.as_str()) {
            known.entry(d.id.as_str()).or_insert_with(|| Known {
                text: doc_text(d),
                passages: d
                    .passages
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.id.as_str(), i))
                    .collect(),
            });
        }
    }
    let place = |n: &Note| -> Option<(&Known, usize)> {
        let k = known.get(n.doc.as_str())?;
        Some((k, *k.passages.get(n.passage.as_str())?))
    };
    let mut notes: Vec<&Note> = notebook.notes.iter().collect();
    crate::sort::sort_by_key(&mut notes, |n| {
        (
            docs.get(n.doc.as_str()).map_or(usize::MAX, |&(i, _)| i),
            n.doc.clone(),
            place(n).map_or(usize::MAX, |(_, i)| i),
            n.passage.clone(),
            n.created_ms,
            n.id.clone(),
        )
    });
    let annotations: Vec<Annotation> = notes
        .iter()
        .map(|n| {
            let selector = match place(n) {
                Some((k, i)) => {
                    let s = k.text.spans[i];
                    let t = &k.text.text;
                    vec![
                        Selector::TextQuoteSelector {
                            exact: &t[s.byte_start..s.byte_end],
                            prefix: tail(&t[..s.byte_start], CONTEXT_CHARS),
                            suffix: head(&t[s.byte_end..], CONTEXT_CHARS),
                        },
                        Selector::TextPositionSelector {
                            start: s.start,
                            end: s.end,
                        },
                    ]
                }
                None => Vec::new(),
            };
            Annotation {
                context: CONTEXT,
                id: note_iri(&n.id),
                kind: "Annotation",
                created: date_time(n.created_ms),
                modified: (n.updated_ms > n.created_ms).then(|| date_time(n.updated_ms)),
                body: Body {
                    kind: "TextualBody",
                    value: &n.text,
                    format: "text/plain",
                    purpose: "commenting",
                },
                target: Target {
                    source: passage_link(&n.doc, &n.passage, at),
                    selector,
                },
            }
        })
        .collect();
    // Serialising strings and integers cannot fail.
    let mut out = serde_json::to_string_pretty(&annotations).unwrap_or_default();
    out.push('\n');
    out
}
