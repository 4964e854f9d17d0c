//! A reader's notes on passages: the versioned storage format (JSON), a readable Markdown export
//! that imports again, and a merge that never loses a stored note.
//!
//! The core has no clock and no randomness: timestamps (milliseconds since 1970, UTC) and the
//! salt of new ids come from the caller. Note text is untrusted: it is cleaned (line endings to
//! `\n`; control characters but `\n` and `\t`, bidi overrides and isolates, and byte-order marks
//! removed; ends trimmed) wherever a note comes in, and escaped in Markdown.
//!
//! JSON (`to_json`, `from_json`) is strict: unknown fields are refused with a message naming
//! them, as a newer Parallax adds fields only with a new `format` number, and an older one then
//! says the file is newer instead of dropping what it does not know. Reading is total: any input
//! gives notes or a `NotesError` that says what is wrong, never a panic.
//!
//! Markdown (`to_markdown`, `from_markdown`): notes grouped under their source title and passage
//! (linked back, with the passage's first words quoted); each note's text sits between two HTML
//! comments, invisible once rendered, that carry its ids and times:
//!
//! ```text
//! <!-- parallax-note id=n-18bcfe56800-0000002a doc=001 passage=p4 created=1700000000000 updated=1700000000000 -->
//!
//! First line\
//! second line
//!
//! <!-- /parallax-note -->
//! ```
//!
//! The text is escaped line by line so that it renders as written and reads back exactly:
//! Markdown punctuation with `\`, spaces and tabs at either end of a line as `&#32;` and `&#9;`,
//! a line break inside a paragraph as a trailing `\` (a hard break).

use crate::export::{md_escape, LinkBase};
use crate::model::{is_id, Corpus};
use crate::state::{print, Read, State, View};
use crate::strings::{count, entity, first_words, is_direction_control};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The storage format this version writes and reads.
pub const NOTES_FORMAT: u32 = 1;
/// Most notes in a notebook.
pub const MAX_NOTES: usize = 1000;
/// Longest note text, in characters (after cleaning).
pub const MAX_TEXT_CHARS: usize = 2000;
/// Largest JSON or Markdown read, in bytes: above what `MAX_NOTES` notes at `MAX_TEXT_CHARS`
/// take in either form.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// Words of a passage quoted above its notes in Markdown.
pub const QUOTE_WORDS: usize = 24;

const HEADER: &str = "<!-- parallax-notes format=";
const OPEN: &str = "<!-- parallax-note ";
const CLOSE: &str = "<!-- /parallax-note -->";

/// What is stored: the format number and the notes, in the order they were added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notebook {
    pub format: u32,
    pub notes: Vec<Note>,
}

impl Default for Notebook {
    fn default() -> Self {
        Notebook {
            format: NOTES_FORMAT,
            notes: Vec::new(),
        }
    }
}

/// A note on one passage. `id`, `doc` and `passage` are ids (`model::is_id`); a note is the
/// same note as another when id, doc, passage and `created_ms` agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: String,
    pub doc: String,
    pub passage: String,
    pub text: String,
    /// Milliseconds since 1970-01-01 UTC, from the caller's clock.
    pub created_ms: u64,
    pub updated_ms: u64,
}

/// Why notes could not be read, added or changed. Each reads as a sentence for the reader;
/// values from the input are shortened and cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotesError {
    /// More than `MAX_INPUT_BYTES`.
    TooLarge {
        bytes: usize,
    },
    /// Not JSON at all (the parser's message, with line and column).
    NotJson(String),
    /// JSON, but not a notebook: what is wrong, and where.
    WrongShape(String),
    /// Made by a newer Parallax.
    NewerFormat(u64),
    /// More than `MAX_NOTES` notes (in the file, or after an import).
    TooManyNotes(usize),
    TextTooLong {
        id: String,
        chars: usize,
    },
    /// `add` or `edit` with nothing but whitespace.
    EmptyText,
    /// An id, source or passage that is not an id.
    BadId {
        field: &'static str,
        value: String,
    },
    /// Markdown without the Parallax notes header line.
    NotNotes,
    BadMarkdown {
        line: usize,
        why: String,
    },
    NoSuchNote(String),
}

impl fmt::Display for NotesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotesError::TooLarge { bytes } => write!(
                f,
                "The file is {:.1} MB; a notes file is at most {} MB.",
                *bytes as f64 / (1024.0 * 1024.0),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
            NotesError::NotJson(e) => write!(f, "This file is not valid JSON ({e})."),
            NotesError::WrongShape(e) => {
                write!(f, "This JSON is not a Parallax notes file: {e}.")
            }
            NotesError::NewerFormat(n) => write!(
                f,
                "These notes were made by a newer Parallax (format {n}); this one reads format {NOTES_FORMAT}. Open them in the newer version."
            ),
            NotesError::TooManyNotes(n) => write!(
                f,
                "That makes {n} notes; at most {MAX_NOTES} can be kept. Nothing was changed."
            ),
            NotesError::TextTooLong { id, chars } => write!(
                f,
                "Note {id} has {chars} characters; a note has at most {MAX_TEXT_CHARS}."
            ),
            NotesError::EmptyText => write!(f, "A note needs some text."),
            NotesError::BadId { field, value } => write!(
                f,
                "A note has an invalid {field} “{value}” (ids are 1 to 64 letters, digits, - and _)."
            ),
            NotesError::NotNotes => write!(
                f,
                "This Markdown holds no Parallax notes: its line “{HEADER}{NOTES_FORMAT} -->” is missing."
            ),
            NotesError::BadMarkdown { line, why } => {
                write!(f, "Line {line} of the Markdown: {why}.")
            }
            NotesError::NoSuchNote(id) => write!(f, "There is no note {id}."),
        }
    }
}

impl std::error::Error for NotesError {}

/// A value from the input, safe and short enough to show in a message.
fn short(s: &str) -> String {
    let mut out: String = s.chars().filter(|c| !c.is_control()).take(40).collect();
    if s.chars().filter(|c| !c.is_control()).nth(40).is_some() {
        out.push('…');
    }
    out
}

/// Note text as stored: line endings `\n`; no control characters but `\n` and `\t`, no bidi
/// overrides or isolates, no byte-order marks; no whitespace at either end.
pub fn clean_text(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .filter(|&c| {
            c == '\n'
                || c == '\t'
                || !(c.is_control() || is_direction_control(c) || c == '\u{feff}')
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A note as it may be stored: ids checked, text cleaned and within its limit.
fn check(mut n: Note) -> Result<Note, NotesError> {
    for (field, value) in [("id", &n.id), ("source", &n.doc), ("passage", &n.passage)] {
        if !is_id(value) {
            return Err(NotesError::BadId {
                field,
                value: short(value),
            });
        }
    }
    n.text = clean_text(&n.text);
    let chars = n.text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(NotesError::TextTooLong { id: n.id, chars });
    }
    Ok(n)
}

/// What happened to one note merged in.
enum Merged {
    Added,
    KeptBoth,
    Updated,
    Unchanged,
}

/// Merges one checked note into `notes`, never dropping one that differs from it.
fn merge_one(notes: &mut Vec<Note>, n: Note) -> Merged {
    let same_content = |c: &Note| {
        c.doc == n.doc
            && c.passage == n.passage
            && c.text == n.text
            && c.created_ms == n.created_ms
            && c.updated_ms == n.updated_ms
    };
    let Some(i) = notes.iter().position(|c| c.id == n.id) else {
        notes.push(n);
        return Merged::Added;
    };
    let c = &notes[i];
    let same_note = c.doc == n.doc && c.passage == n.passage && c.created_ms == n.created_ms;
    if same_note && c.text == n.text {
        if n.updated_ms > c.updated_ms {
            notes[i].updated_ms = n.updated_ms;
        }
        return Merged::Unchanged;
    }
    if same_note && n.updated_ms != c.updated_ms {
        if n.updated_ms > c.updated_ms {
            notes[i] = n;
            return Merged::Updated;
        }
        return Merged::Unchanged;
    }
    // Another note under the same id, or two versions of one written at the same time: both
    // stay, the imported one under a new id (once: importing again finds that copy).
    if notes
        .iter()
        .any(|c| is_copy(&c.id, &n.id) && same_content(c))
    {
        return Merged::Unchanged;
    }
    let id = fresh_id(notes, &n.id);
    notes.push(Note { id, ..n });
    Merged::KeptBoth
}

/// Whether `id` is one `fresh_id` makes from `base`.
fn is_copy(id: &str, base: &str) -> bool {
    id.rsplit_once('-').is_some_and(|(head, k)| {
        !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()) && base.starts_with(head)
    })
}

/// `base-2`, `base-3`… the first not in use, within the id length.
fn fresh_id(notes: &[Note], base: &str) -> String {
    (2..)
        .map(|k: usize| {
            let suffix = format!("-{k}");
            format!(
                "{}{suffix}",
                crate::search::truncate(base, 64 - suffix.len())
            )
        })
        .find(|id| notes.iter().all(|n| &n.id != id))
        .unwrap_or_default()
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Notes that were not stored, including `kept_both`.
    pub added: usize,
    /// Stored notes replaced by a newer version of the same note.
    pub updated: usize,
    /// Notes already stored as they are, or stored in a newer version.
    pub unchanged: usize,
    /// Of `added`: notes whose id a different stored note has, or a version of a stored note
    /// with other text and the same time; kept beside it under a new id (`id-2`…).
    pub kept_both: usize,
    /// Notes added or updated on a passage not in the corpus (perhaps of a document the reader
    /// imported): kept all the same.
    pub unknown_passage: usize,
}

/// Whether the corpus has this passage.
pub fn has_passage(corpus: &Corpus, doc: &str, passage: &str) -> bool {
    corpus
        .document(doc)
        .is_some_and(|d| d.passages.iter().any(|p| p.id == passage))
}

/// Merges imported notes into the stored ones. Nothing stored is lost: a note with the id of a
/// stored one replaces it only when it is the same note (source, passage, creation time) with a
/// later `updated_ms`; otherwise both are kept. Importing the same notes twice changes nothing
/// the second time. All or nothing: an invalid note, or more than `MAX_NOTES` in the end, is an
/// error and `current` stays as it is.
pub fn merge(
    current: &Notebook,
    imported: Vec<Note>,
    corpus: &Corpus,
) -> Result<(Notebook, MergeReport), NotesError> {
    let mut out = Notebook {
        format: NOTES_FORMAT,
        notes: current.notes.clone(),
    };
    let mut report = MergeReport::default();
    for n in imported {
        let n = check(n)?;
        let unknown = !has_passage(corpus, &n.doc, &n.passage);
        let kept = match merge_one(&mut out.notes, n) {
            Merged::Added => {
                report.added += 1;
                true
            }
            Merged::KeptBoth => {
                report.added += 1;
                report.kept_both += 1;
                true
            }
            Merged::Updated => {
                report.updated += 1;
                true
            }
            Merged::Unchanged => {
                report.unchanged += 1;
                false
            }
        };
        if kept && unknown {
            report.unknown_passage += 1;
        }
    }
    if out.notes.len() > MAX_NOTES {
        return Err(NotesError::TooManyNotes(out.notes.len()));
    }
    Ok((out, report))
}

/// This tab's notebook put onto what another tab stored since this one last read or wrote it:
/// `stored` with this tab's own changes since `base` applied. A note deleted here goes only if
/// the stored one is still the version deleted (an edit made elsewhere meanwhile keeps it); notes
/// added or edited here are merged as an import is (`merge`), so that nothing either tab wrote is
/// lost, and the same note written by both is kept once. Linear in the notes.
pub fn rebase(base: &Notebook, mine: &Notebook, stored: &Notebook) -> Notebook {
    use std::collections::HashMap;
    let by_id = |b: &Notebook| -> HashMap<String, Note> {
        b.notes.iter().map(|n| (n.id.clone(), n.clone())).collect()
    };
    let (base_ids, mine_ids) = (by_id(base), by_id(mine));
    let deleted: HashMap<&str, &Note> = base
        .notes
        .iter()
        .filter(|n| !mine_ids.contains_key(&n.id))
        .map(|n| (n.id.as_str(), n))
        .collect();
    let mut out: Vec<Note> = stored
        .notes
        .iter()
        .filter(|n| deleted.get(n.id.as_str()) != Some(n))
        .cloned()
        .collect();
    for n in &mine.notes {
        if base_ids.get(&n.id) != Some(n) {
            merge_one(&mut out, n.clone());
        }
    }
    Notebook {
        format: NOTES_FORMAT,
        notes: out,
    }
}

impl Notebook {
    pub fn get(&self, id: &str) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == id)
    }

    /// The notes on one passage, oldest first.
    pub fn on_passage(&self, doc: &str, passage: &str) -> Vec<&Note> {
        let mut v: Vec<&Note> = self
            .notes
            .iter()
            .filter(|n| n.doc == doc && n.passage == passage)
            .collect();
        crate::sort::sort_by(&mut v, |a, b| {
            (a.created_ms, &a.id).cmp(&(b.created_ms, &b.id))
        });
        v
    }

    /// Adds a note written at `now_ms`. Its id is `n-<now_ms in hex>-<salt in hex>` (the app
    /// passes a random `salt`, so that notes written at the same moment on two devices keep
    /// apart when merged), or that with `-2`… if taken.
    pub fn add(
        &mut self,
        doc: &str,
        passage: &str,
        text: &str,
        now_ms: u64,
        salt: u32,
    ) -> Result<&Note, NotesError> {
        if self.notes.len() >= MAX_NOTES {
            return Err(NotesError::TooManyNotes(self.notes.len() + 1));
        }
        let mut id = format!("n-{now_ms:x}-{salt:08x}");
        if self.get(&id).is_some() {
            id = fresh_id(&self.notes, &id);
        }
        let n = check(Note {
            id,
            doc: doc.to_owned(),
            passage: passage.to_owned(),
            text: text.to_owned(),
            created_ms: now_ms,
            updated_ms: now_ms,
        })?;
        if n.text.is_empty() {
            return Err(NotesError::EmptyText);
        }
        self.notes.push(n);
        Ok(&self.notes[self.notes.len() - 1])
    }

    /// Replaces a note's text at `now_ms`. Its `updated_ms` always grows (by 1 ms at least, if
    /// the clock went back), so that this version wins a merge with the one before. The same
    /// text changes nothing.
    pub fn edit(&mut self, id: &str, text: &str, now_ms: u64) -> Result<&Note, NotesError> {
        let i = self
            .notes
            .iter()
            .position(|n| n.id == id)
            .ok_or_else(|| NotesError::NoSuchNote(short(id)))?;
        let text = clean_text(text);
        if text.is_empty() {
            return Err(NotesError::EmptyText);
        }
        let chars = text.chars().count();
        if chars > MAX_TEXT_CHARS {
            return Err(NotesError::TextTooLong {
                id: short(id),
                chars,
            });
        }
        let n = &mut self.notes[i];
        if n.text != text {
            n.text = text;
            n.updated_ms = now_ms.max(n.updated_ms.saturating_add(1));
        }
        Ok(&self.notes[i])
    }

    /// Removes a note, giving it back (for an undo).
    pub fn remove(&mut self, id: &str) -> Option<Note> {
        let i = self.notes.iter().position(|n| n.id == id)?;
        Some(self.notes.remove(i))
    }
}

/// Pretty JSON of the notebook, with a final newline; always written as `NOTES_FORMAT`.
pub fn to_json(notebook: &Notebook) -> String {
    let nb = Notebook {
        format: NOTES_FORMAT,
        notes: notebook.notes.clone(),
    };
    // Serialising strings and integers cannot fail.
    let mut out = serde_json::to_string_pretty(&nb).unwrap_or_default();
    out.push('\n');
    out
}

/// The top level of a notebook file, its notes still unread.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNotebook {
    #[allow(dead_code)]
    format: serde_json::Value,
    notes: Vec<serde_json::Value>,
}

/// Reads a notebook. The format is checked first (a newer one is `NewerFormat`, whatever else
/// the file holds), then the shape, strictly (unknown fields are errors), then each note.
/// Two notes under one id are both kept as `merge` keeps them.
pub fn from_json(s: &str) -> Result<Notebook, NotesError> {
    if s.len() > MAX_INPUT_BYTES {
        return Err(NotesError::TooLarge { bytes: s.len() });
    }
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    let value: serde_json::Value =
        serde_json::from_str(s).map_err(|e| NotesError::NotJson(e.to_string()))?;
    let shape = |why: &str| NotesError::WrongShape(why.to_owned());
    let obj = value
        .as_object()
        .ok_or_else(|| shape("it is not an object with “format” and “notes”"))?;
    let format = obj
        .get("format")
        .ok_or_else(|| shape("it has no “format”"))?;
    match format.as_u64() {
        None => return Err(shape("its “format” is not a whole number")),
        Some(n) if n > u64::from(NOTES_FORMAT) => return Err(NotesError::NewerFormat(n)),
        Some(0) => return Err(shape("there is no format 0")),
        Some(_) => {}
    }
    if let Some(n) = obj
        .get("notes")
        .and_then(|n| n.as_array())
        .map(Vec::len)
        .filter(|&n| n > MAX_NOTES)
    {
        return Err(NotesError::TooManyNotes(n));
    }
    let raw: RawNotebook =
        serde_json::from_value(value).map_err(|e| NotesError::WrongShape(short_err(&e)))?;
    let mut notes = Vec::with_capacity(raw.notes.len());
    for (i, v) in raw.notes.into_iter().enumerate() {
        let n: Note = serde_json::from_value(v)
            .map_err(|e| NotesError::WrongShape(format!("note {}: {}", i + 1, short_err(&e))))?;
        merge_one(&mut notes, check(n)?);
    }
    Ok(Notebook {
        format: NOTES_FORMAT,
        notes,
    })
}

/// A serde message, cut to a readable length.
fn short_err(e: &serde_json::Error) -> String {
    let s = e.to_string();
    let mut out: String = s.chars().filter(|c| !c.is_control()).take(120).collect();
    if s.chars().count() > 120 {
        out.push('…');
    }
    out
}

/// `YYYY-MM-DD HH:MM UTC` of a time in milliseconds since 1970.
fn utc(ms: u64) -> String {
    let t = crate::strings::utc(ms);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        t.year, t.month, t.day, t.hour, t.minute
    )
}

/// One line of note text as Markdown that renders as written.
fn md_line(line: &str) -> String {
    let is_blank = |c: char| c == ' ' || c == '\t';
    let entity = |c: char| if c == ' ' { "&#32;" } else { "&#9;" };
    let body = line.trim_matches(is_blank);
    let lead = &line[..line.len() - line.trim_start_matches(is_blank).len()];
    let trail = &line[lead.len() + body.len()..];
    let mut out: String = lead.chars().map(entity).collect();
    // `md_escape` leaves `=` (a heading underline) and `&` (an entity) as they are.
    out.push_str(&md_escape(body).replace('=', "\\=").replace('&', "\\&"));
    out.extend(trail.chars().map(entity));
    out
}

/// Note text as Markdown lines: each line escaped, a hard break (`\`) between two lines of one
/// paragraph.
fn md_text(text: &str) -> String {
    let lines: Vec<String> = text.split('\n').map(md_line).collect();
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        out.push_str(l);
        if !l.is_empty() && lines.get(i + 1).is_some_and(|n| !n.is_empty()) {
            out.push('\\');
        }
        out.push('\n');
    }
    out
}

/// Reads back a line written by `md_line` (and a hard break after it), or typed by hand:
/// backslash escapes of ASCII punctuation, numeric and the common named entities.
fn read_md_line(line: &str) -> String {
    let mut line = line.trim_matches([' ', '\t']);
    let trailing = line.len() - line.trim_end_matches('\\').len();
    if trailing % 2 == 1 {
        line = &line[..line.len() - 1];
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            if let Some(p) = rest[1..].chars().next().filter(char::is_ascii_punctuation) {
                out.push(p);
                rest = &rest[2..];
                continue;
            }
        } else if c == '&' {
            if let Some((ch, len)) = entity(&rest[1..]) {
                out.push(ch);
                rest = &rest[1 + len..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Readable Markdown of the notes: under a heading per source (corpus order, then sources not in
/// the corpus) and per passage (passage order, linked back as `LinkBase` links, with its first
/// words quoted), each note with its times, its text between markers that `from_markdown` reads.
pub fn to_markdown(notebook: &Notebook, corpus: &Corpus, at: LinkBase) -> String {
    let mut out = format!(
        "# Notes on {}\n\n{HEADER}{NOTES_FORMAT} -->\n\n",
        md_escape(&corpus.title)
    );
    let mut passages: Vec<(&str, &str)> = Vec::new();
    for n in &notebook.notes {
        if !passages.contains(&(n.doc.as_str(), n.passage.as_str())) {
            passages.push((&n.doc, &n.passage));
        }
    }
    out.push_str(&format!(
        "{} on {}, written in Parallax. Parallax can import this file again: keep the lines between `<!--` and `-->` as they are.\n\n",
        count(notebook.notes.len(), "note", "notes"),
        count(passages.len(), "passage", "passages")
    ));
    // Sort key: known sources in corpus order, then the others by id; the same for passages.
    let doc_pos = |d: &str| corpus.documents.iter().position(|x| x.id == d);
    let passage_pos = |d: &str, p: &str| {
        corpus
            .document(d)
            .and_then(|x| x.passages.iter().position(|y| y.id == p))
    };
    let key = |&(d, p): &(&str, &str)| {
        (
            doc_pos(d).unwrap_or(usize::MAX),
            d.to_owned(),
            passage_pos(d, p).unwrap_or(usize::MAX),
            p.to_owned(),
        )
    };
    crate::sort::sort_by_key(&mut passages, key);
    let mut last_doc = None;
    for (d, p) in passages {
        let doc = corpus.document(d);
        if last_doc != Some(d) {
            last_doc = Some(d);
            match doc {
                Some(doc) => out.push_str(&format!(
                    "## {}\n\nSource {}.\n\n",
                    md_escape(&doc.title),
                    md_escape(d)
                )),
                None => out.push_str(&format!(
                    "## Source {} (not in this corpus)\n\n",
                    md_escape(d)
                )),
            }
        }
        match doc.and_then(|doc| doc.passage(p)) {
            Some(passage) => {
                let state = State {
                    view: View::Read(Read::at(d, Some(p))),
                    custom: at.custom.to_vec(),
                    edits: at.edits.clone(),
                };
                let link = format!("{}{}", at.base, print(&state, at.version));
                out.push_str(&format!(
                    "### [Passage {}](<{}>)\n\n> {}\n\n",
                    md_escape(p),
                    link.replace(['<', '>', ' '], ""),
                    md_escape(&first_words(&passage.text, QUOTE_WORDS))
                ));
            }
            None => out.push_str(&format!(
                "### Passage {} (not in this corpus)\n\n",
                md_escape(p)
            )),
        }
        for n in notebook.on_passage(d, p) {
            let when = if n.updated_ms > n.created_ms {
                format!(
                    "written {}, edited {}",
                    utc(n.created_ms),
                    utc(n.updated_ms)
                )
            } else {
                format!("written {}", utc(n.created_ms))
            };
            out.push_str(&format!(
                "*Note, {when}:*\n\n{OPEN}id={} doc={} passage={} created={} updated={} -->\n\n{}\n{CLOSE}\n\n",
                n.id,
                n.doc,
                n.passage,
                n.created_ms,
                n.updated_ms,
                md_text(&n.text)
            ));
        }
    }
    out
}

/// Reads the notes of a Markdown file written by `to_markdown` (and edited by hand, within
/// reason: the text between the markers may be changed; line endings, indentation and trailing
/// spaces do not matter), in file order. Everything outside the markers is ignored.
pub fn from_markdown(s: &str) -> Result<Vec<Note>, NotesError> {
    if s.len() > MAX_INPUT_BYTES {
        return Err(NotesError::TooLarge { bytes: s.len() });
    }
    let s = s
        .strip_prefix('\u{feff}')
        .unwrap_or(s)
        .replace("\r\n", "\n");
    let bad = |line: usize, why: &str| NotesError::BadMarkdown {
        line,
        why: why.to_owned(),
    };
    let mut header = None;
    let mut notes = Vec::new();
    // The note being read: its marker's line number, the note, and its text lines.
    let mut open: Option<(usize, Note, Vec<&str>)> = None;
    for (i, line) in s.split('\n').enumerate() {
        let number = i + 1;
        let t = line.trim();
        if let Some(rest) = t.strip_prefix(OPEN) {
            if let Some((at, ..)) = open {
                return Err(bad(at, "this note has no end marker"));
            }
            if notes.len() == MAX_NOTES {
                return Err(NotesError::TooManyNotes(MAX_NOTES + 1));
            }
            open = Some((
                number,
                read_marker(rest).map_err(|why| bad(number, &why))?,
                Vec::new(),
            ));
        } else if t == CLOSE {
            let Some((_, mut note, lines)) = open.take() else {
                return Err(bad(number, "an end marker without a note before it"));
            };
            let text: Vec<String> = lines.iter().map(|l| read_md_line(l)).collect();
            note.text = text.join("\n");
            notes.push(check(note)?);
        } else if let Some((_, _, lines)) = open.as_mut() {
            lines.push(line);
        } else if let Some(rest) = t.strip_prefix(HEADER) {
            let n = rest
                .strip_suffix("-->")
                .and_then(|n| n.trim().parse::<u64>().ok())
                .ok_or_else(|| bad(number, "the format is not a whole number"))?;
            if n > u64::from(NOTES_FORMAT) {
                return Err(NotesError::NewerFormat(n));
            }
            header.get_or_insert((number, n));
        }
    }
    if let Some((at, ..)) = open {
        return Err(bad(at, "this note has no end marker"));
    }
    match header {
        None => Err(NotesError::NotNotes),
        Some((line, 0)) => Err(bad(line, "there is no format 0")),
        Some(_) => Ok(notes),
    }
}

/// The note a marker describes (`id=… doc=… passage=… created=… updated=… -->`), text empty.
fn read_marker(rest: &str) -> Result<Note, String> {
    let attrs = rest
        .strip_suffix("-->")
        .ok_or("the note marker does not end with “-->”")?;
    let mut fields: [Option<&str>; 5] = [None; 5];
    const NAMES: [&str; 5] = ["id", "doc", "passage", "created", "updated"];
    for a in attrs.split_whitespace() {
        let (k, v) = a
            .split_once('=')
            .ok_or_else(|| format!("“{}” in the note marker is not “name=value”", short(a)))?;
        let i = NAMES
            .iter()
            .position(|n| *n == k)
            .ok_or_else(|| format!("the note marker has an unknown field “{}”", short(k)))?;
        if fields[i].replace(v).is_some() {
            return Err(format!("the note marker has “{k}” twice"));
        }
    }
    let get = |i: usize| fields[i].ok_or_else(|| format!("the note marker has no “{}”", NAMES[i]));
    let time = |i: usize| {
        get(i)?
            .parse::<u64>()
            .map_err(|_| format!("“{}” in the note marker is not a time", NAMES[i]))
    };
    Ok(Note {
        id: get(0)?.to_owned(),
        doc: get(1)?.to_owned(),
        passage: get(2)?.to_owned(),
        text: String::new(),
        created_ms: time(3)?,
        updated_ms: time(4)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc() {
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc(1_700_000_000_000), "2023-11-14 22:13 UTC");
        assert_eq!(utc(951_782_400_000), "2000-02-29 00:00 UTC");
        // Any time formats, even far beyond a clock's reach.
        assert!(utc(u64::MAX).ends_with("UTC"));
    }

    #[test]
    fn lines_read_back() {
        for line in [
            "",
            "plain",
            "  lead and trail\t ",
            "a \\",
            "\\\\",
            "=== # - 1. > <b> &amp; `x` *y* _z_ [l](u) | ~ !",
            "\t",
            "&#32;",
        ] {
            assert_eq!(read_md_line(&md_line(line)), line, "{line:?}");
        }
        assert_eq!(read_md_line("a\\"), "a");
        assert_eq!(
            read_md_line("a &lt; &#x41; &#65; &bogus; & \\q"),
            "a < A A &bogus; & \\q"
        );
    }
}
