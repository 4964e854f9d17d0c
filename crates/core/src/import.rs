//! Bring your own documents: a picked or dropped file (its name and bytes) becomes a `Document`
//! through the same pipeline as the corpus, or an `ImportError` that names the file and says
//! what is wrong with it.
//!
//! The steps, each linear in the size of the file: the size limit (checked before anything
//! else, and available on its own for a file not yet read), binary signatures, the extension,
//! decoding (UTF-8, UTF-16 with or without a byte-order mark), invisible and control characters
//! removed, markup turned into text (Markdown; HTML parsed as data by a small tokenizer, never
//! rendered and never kept), over-long lines split, then `process_document`, and last the checks
//! that paragraphs are left and that the text is not already in the library. Everything the
//! import changed is listed in `Imported::notes`, beside cleaning's own audit trail in
//! `Document::removed`. Never panics.

use crate::model::{is_id, Corpus, Document};
use crate::pipeline::{process_document, SourceMeta};
use crate::segment::{find_cached, plain_text, sentence_spans, Links};
use crate::strings::{
    count, decode_entities, is_direction_control, is_zero_width, size, thousands,
};
use crate::text::words;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::fmt;

/// Largest file imported, in bytes. The corpus articles are 3 to 20 kB; a saved web page can be
/// megabytes of markup around them.
pub const MAX_BYTES: u64 = 5_000_000;
/// Most text a document keeps once markup is set aside, in bytes: about 30,000 words, three
/// times the longest magazine feature. Every view of a document of this size keeps each task of
/// the page well under a second (the worst-inputs browser test); a book is split into parts.
pub const MAX_TEXT_BYTES: usize = 200_000;
/// Lines longer than this (twice the longest line of the corpus) are split into paragraphs.
pub const MAX_LINE_BYTES: usize = 32 * 1024;
/// About how long the paragraphs cut from an over-long line are.
const PARAGRAPH_BYTES: usize = 4 * 1024;
/// File names longer than this are shortened in titles and messages.
const MAX_NAME_CHARS: usize = 120;

/// How the file's text was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Text => "plain text",
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
        }
    }
}

/// How the file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 that starts with a byte-order mark (dropped: it is not text).
    Utf8Bom,
    /// UTF-16, little endian; `bom: false` when recognised by its zero bytes.
    Utf16Le {
        bom: bool,
    },
    Utf16Be {
        bom: bool,
    },
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with a byte-order mark",
            Encoding::Utf16Le { bom: true } => "UTF-16LE with a byte-order mark",
            Encoding::Utf16Le { bom: false } => "UTF-16LE without a byte-order mark",
            Encoding::Utf16Be { bom: true } => "UTF-16BE with a byte-order mark",
            Encoding::Utf16Be { bom: false } => "UTF-16BE without a byte-order mark",
        }
    }
}

/// What a file that is not text turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binary {
    Png,
    Jpeg,
    Gif,
    Pdf,
    Zip,
    Gzip,
    OldOffice,
    /// Zero bytes, in no pattern of UTF-16 text.
    ZeroBytes,
    /// Decodes, but to control characters more than to text.
    ControlCharacters,
}

impl Binary {
    pub fn label(self) -> &'static str {
        match self {
            Binary::Png => "a PNG image",
            Binary::Jpeg => "a JPEG image",
            Binary::Gif => "a GIF image",
            Binary::Pdf => "a PDF document",
            Binary::Zip => {
                "a ZIP archive (Word .docx, OpenDocument and EPUB files are ZIP archives too)"
            }
            Binary::Gzip => "a gzip-compressed file",
            Binary::OldOffice => {
                "a Microsoft Office document in the old binary format (.doc, .xls, .ppt)"
            }
            Binary::ZeroBytes => "binary data (it contains zero bytes)",
            Binary::ControlCharacters => "binary data (it is mostly control characters)",
        }
    }
}

/// Why a file was not imported. Every variant names the file (as `display_name` shows it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Larger than `MAX_BYTES`: refused before any other work.
    TooLarge {
        name: String,
        bytes: u64,
    },
    /// 0 bytes, or only whitespace and invisible characters.
    Empty {
        name: String,
        bytes: u64,
    },
    Binary {
        name: String,
        kind: Binary,
    },
    /// An extension other than .txt, .md or .html (and their spellings).
    Unsupported {
        name: String,
        extension: String,
    },
    /// `at`: the first byte that is not UTF-8; `line`: its line, from 1.
    InvalidUtf8 {
        name: String,
        at: u64,
        line: u64,
    },
    /// UTF-16 with an unpaired surrogate or an odd last byte at byte `at`.
    InvalidUtf16 {
        name: String,
        encoding: Encoding,
        at: u64,
    },
    /// Nothing readable once markup, scripts and invisible characters are set aside.
    NoText {
        name: String,
        format: Format,
    },
    /// More than `MAX_TEXT_BYTES` of text once markup is set aside.
    TooMuchText {
        name: String,
        bytes: u64,
        words: u64,
    },
    /// Cleaning kept no paragraph: a title, headings or page furniture only.
    NoPassages {
        name: String,
        removed: u64,
    },
    /// The same text (folded words of the passages) as a document already in the library.
    Duplicate {
        name: String,
        id: String,
        title: String,
    },
    /// The caller's id is not an id (`model::is_id`) or is taken: a bug of the caller.
    BadId {
        name: String,
        id: String,
    },
}

impl ImportError {
    /// The file's name as shown in the message.
    pub fn name(&self) -> &str {
        match self {
            ImportError::TooLarge { name, .. }
            | ImportError::Empty { name, .. }
            | ImportError::Binary { name, .. }
            | ImportError::Unsupported { name, .. }
            | ImportError::InvalidUtf8 { name, .. }
            | ImportError::InvalidUtf16 { name, .. }
            | ImportError::NoText { name, .. }
            | ImportError::TooMuchText { name, .. }
            | ImportError::NoPassages { name, .. }
            | ImportError::Duplicate { name, .. }
            | ImportError::BadId { name, .. } => name,
        }
    }

    /// Stable kebab-case name of the variant, for `data-kind` attributes and tests.
    pub fn id(&self) -> &'static str {
        match self {
            ImportError::TooLarge { .. } => "too-large",
            ImportError::Empty { .. } => "empty",
            ImportError::Binary { .. } => "binary",
            ImportError::Unsupported { .. } => "unsupported",
            ImportError::InvalidUtf8 { .. } => "invalid-utf8",
            ImportError::InvalidUtf16 { .. } => "invalid-utf16",
            ImportError::NoText { .. } => "no-text",
            ImportError::TooMuchText { .. } => "too-much-text",
            ImportError::NoPassages { .. } => "no-passages",
            ImportError::Duplicate { .. } => "duplicate",
            ImportError::BadId { .. } => "bad-id",
        }
    }
}

const ONLY_TEXT: &str = "Only text files can be imported: .txt, .md or .html";

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { name, bytes } => write!(
                f,
                "“{name}” is too large to import: {} (the limit is {}).",
                size(*bytes),
                thousands(MAX_BYTES / 1_000_000) + " MB"
            ),
            ImportError::Empty { name, bytes: 0 } => write!(f, "“{name}” is empty (0 bytes)."),
            ImportError::Empty { name, bytes } => write!(
                f,
                "“{name}” has no text: its {} are only spaces, line breaks and invisible characters.",
                count(*bytes, "byte", "bytes")
            ),
            ImportError::Binary { name, kind } => write!(
                f,
                "“{name}” is not a text file: it is {}. {ONLY_TEXT}; save the text in one of them first.",
                kind.label()
            ),
            ImportError::Unsupported { name, extension } => write!(
                f,
                "“{name}” cannot be imported: .{extension} files are not supported. {ONLY_TEXT}."
            ),
            ImportError::InvalidUtf8 { name, at, line } => write!(
                f,
                "“{name}” is not valid UTF-8 text: byte {} (line {}) cannot be read. It may be \
                 saved in an older encoding such as Windows-1252 or Latin-1; save it as UTF-8 \
                 and import it again.",
                thousands(*at),
                thousands(*line)
            ),
            ImportError::InvalidUtf16 { name, encoding, at } => {
                let (family, evidence) = match encoding {
                    Encoding::Utf16Le { bom: true } => ("UTF-16LE", "it starts with a byte-order mark"),
                    Encoding::Utf16Be { bom: true } => ("UTF-16BE", "it starts with a byte-order mark"),
                    Encoding::Utf16Le { bom: false } => ("UTF-16LE", "from its zero bytes"),
                    _ => ("UTF-16BE", "from its zero bytes"),
                };
                write!(
                    f,
                    "“{name}” is {family} text ({evidence}) but cannot be decoded at byte {}: a \
                     broken character or a cut-off end. Save it as UTF-8 and import it again.",
                    thousands(*at)
                )
            }
            ImportError::NoText { name, format } => write!(
                f,
                "“{name}” has no readable text: once {} set aside, nothing is left.",
                match format {
                    Format::Html => "scripts, styles, navigation and markup are",
                    Format::Markdown => "markup and invisible characters are",
                    Format::Text => "invisible characters are",
                }
            ),
            ImportError::TooMuchText { name, bytes, words } => write!(
                f,
                "“{name}” holds too much text to import: {} ({}). Parallax reads documents of \
                 up to about 30,000 words ({} of text), so that every view stays quick; split it \
                 into parts and import each one.",
                count(*words, "word", "words"),
                size(*bytes),
                size(MAX_TEXT_BYTES as u64)
            ),
            ImportError::NoPassages { name, removed } => write!(
                f,
                "“{name}” has no paragraph left after cleaning: only a title, headings or page \
                 furniture ({} removed).",
                count(*removed, "block", "blocks")
            ),
            ImportError::Duplicate { name, id, title } => write!(
                f,
                "“{name}” has the same text as “{title}” ({id}), already in the library."
            ),
            ImportError::BadId { name, id } => write!(
                f,
                "“{name}” cannot be stored under the id “{id}”: an id is 1 to 64 letters, digits, \
                 - or _, and not one in use."
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// What the import set aside from markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dropped {
    /// `script` and `noscript`.
    Script,
    Style,
    Comment,
    /// `nav`, `aside` and `footer`.
    Furniture,
    /// Frames, SVG and MathML, objects, canvases, media, templates, form controls.
    Embedded,
}

/// Invisible or control characters the import removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invisible {
    /// U+202A–U+202E, U+2066–U+2069.
    BidiControl,
    /// U+200B, U+2060, U+FEFF, and the joiners U+200C and U+200D where they are not spelling
    /// (between letters of a script that uses them, or inside an emoji sequence).
    ZeroWidth,
    /// U+00AD.
    SoftHyphen,
    /// C0 and C1 controls other than tab, line breaks and form feed.
    Control,
}

/// Something the import changed or noticed, for the reader to see beside cleaning's audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Decoded from UTF-16 (not noted for UTF-8).
    Decoded(Encoding),
    /// Named as plain text (or not named) but holds an HTML page: read as HTML.
    ReadAsHtml,
    Dropped {
        what: Dropped,
        count: u64,
    },
    /// Words of an HTML page outside its `<main>` (or `<article>`) dropped.
    OutsideMain {
        words: u64,
    },
    /// A Markdown front-matter block dropped (its title kept).
    FrontMatter,
    Removed {
        what: Invisible,
        count: u64,
    },
    /// U+FFFD in the text: damaged before it was saved. Kept.
    Replacement {
        count: u64,
    },
    /// Lines over `MAX_LINE_BYTES` cut into paragraphs at sentence ends.
    LinesSplit {
        lines: u64,
        paragraphs: u64,
    },
    /// No title line: the file name was put first as the title.
    TitleFromName,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Note::Decoded(e @ (Encoding::Utf16Le { bom: false } | Encoding::Utf16Be { bom: false })) => write!(
                f,
                "Decoded from {}, recognised by its pattern of zero bytes: check that the text reads correctly.",
                e.label()
            ),
            Note::Decoded(e) => write!(f, "Decoded from {}.", e.label()),
            Note::ReadAsHtml => write!(f, "The file holds an HTML page: read as HTML, its markup set aside."),
            Note::Dropped { what, count: n } => {
                let (one, many) = match what {
                    Dropped::Script => ("script", "scripts"),
                    Dropped::Style => ("style sheet", "style sheets"),
                    Dropped::Comment => ("comment", "comments"),
                    Dropped::Furniture => (
                        "navigation bar, sidebar or footer",
                        "navigation bars, sidebars and footers",
                    ),
                    Dropped::Embedded => (
                        "embedded element (frame, image, media, form control or template)",
                        "embedded elements (frames, images, media, form controls and templates)",
                    ),
                };
                write!(f, "{} dropped.", count(n, one, many))
            }
            Note::OutsideMain { words: n } => write!(
                f,
                "{} outside the page's main content (its <main> or <article>) dropped: site header, menus and the like.",
                count(n, "word", "words")
            ),
            Note::FrontMatter => write!(f, "Front matter (the metadata block at the top) dropped; its title kept."),
            Note::Removed { what, count: n } => match what {
                Invisible::BidiControl => write!(
                    f,
                    "{} removed (U+202A–U+202E, U+2066–U+2069): they can make text display in another order than it reads.",
                    count(n, "right-to-left or left-to-right override or isolate character", "right-to-left and left-to-right override and isolate characters")
                ),
                Invisible::ZeroWidth => write!(
                    f,
                    "{} removed (U+200B–U+200D, U+2060, U+FEFF): they hide inside words and defeat search. Joiners that are spelling (Persian, Indic scripts, emoji) are kept.",
                    count(n, "zero-width character", "zero-width characters")
                ),
                Invisible::SoftHyphen => write!(f, "{} removed.", count(n, "soft hyphen", "soft hyphens")),
                Invisible::Control => write!(f, "{} removed.", count(n, "control character", "control characters")),
            },
            Note::Replacement { count: n } => write!(
                f,
                "{} (�) found: the text was damaged before it was saved. They are kept.",
                count(n, "replacement character", "replacement characters")
            ),
            Note::LinesSplit { lines, paragraphs } => write!(
                f,
                "{} longer than {} kB split into {} at sentence ends.",
                count(lines, "line", "lines"),
                MAX_LINE_BYTES / 1024,
                count(paragraphs, "paragraph", "paragraphs")
            ),
            Note::TitleFromName => write!(f, "No title line found: the file name is the title."),
        }
    }
}

/// An imported document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub document: Document,
    /// The text the pipeline read: decoded, markup turned into text, invisible characters
    /// removed. `document`'s offsets point into it, and `document(id, name, &text)` rebuilds the
    /// same document from it: store this, not the file.
    pub text: String,
    pub format: Format,
    pub encoding: Encoding,
    /// What the import changed, in the order it happened.
    pub notes: Vec<Note>,
}

/// Refuses a file over `MAX_BYTES` from its size alone: call it with the size the browser
/// reports before reading the file.
pub fn check_size(name: &str, bytes: u64) -> Result<(), ImportError> {
    if bytes > MAX_BYTES {
        return Err(ImportError::TooLarge {
            name: display_name(name),
            bytes,
        });
    }
    Ok(())
}

/// The first id `my1`, `my2`… not used in `existing`.
pub fn next_id(existing: &Corpus) -> String {
    (1..=existing.documents.len() + 1)
        .map(|n| format!("my{n}"))
        .find(|id| existing.document(id).is_none())
        .unwrap_or_else(|| "my0".into())
}

/// A file name as titles and messages show it: without folders, control, bidirectional and
/// zero-width characters, at most `MAX_NAME_CHARS` characters.
pub fn display_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let clean: String = base
        .chars()
        .filter(|&c| {
            !c.is_control()
                && (invisible(c).is_none() || matches!(c, '\u{200c}' | '\u{200d}'))
                && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}')
        })
        .collect();
    // A Persian name keeps its non-joiners; any other joiner goes, as in the text.
    let mut kept = String::with_capacity(clean.len());
    let mut chars = clean.chars().peekable();
    while let Some(c) = chars.next() {
        if !matches!(c, '\u{200c}' | '\u{200d}')
            || keeps_joiner(kept.chars().next_back(), c, chars.peek().copied())
        {
            kept.push(c);
        }
    }
    let clean = kept;
    let clean = clean.trim();
    if clean.is_empty() {
        return "unnamed file".into();
    }
    match clean.char_indices().nth(MAX_NAME_CHARS) {
        Some((at, _)) => format!("{}…", &clean[..at]),
        None => clean.to_owned(),
    }
}

/// Cleans and segments the stored text of an import: what `import` does last, for rebuilding
/// an imported document from `Imported::text`.
pub fn document(id: &str, name: &str, text: &str) -> Document {
    let meta = SourceMeta {
        id: id.to_owned(),
        file: display_name(name),
        ..SourceMeta::default()
    };
    process_document(&meta, text)
}

/// The document of `existing` with the same text as `doc`: the same folded words in its passages,
/// whatever the markup, spacing, case, accents or furniture around them.
///
/// Linear in the size of `doc` times the number of documents, not in the size of `existing`: a
/// document is read only until it has more words than `doc`, as it cannot be the same past that.
pub fn find_duplicate<'a>(doc: &Document, existing: &'a Corpus) -> Option<&'a Document> {
    let (mine, count) = fingerprint(doc, usize::MAX)?;
    existing
        .documents
        .iter()
        .find(|d| fingerprint(d, count) == Some((mine, count)))
}

/// SHA-256 of the folded words of a document's passages, and their number; `None` when they have
/// no word, or once they have more than `most` (read passage by passage).
fn fingerprint(doc: &Document, most: usize) -> Option<([u8; 32], usize)> {
    let mut hash = Sha256::new();
    let mut count = 0usize;
    for p in &doc.passages {
        for w in words(&p.text) {
            hash.update(w.norm.as_bytes());
            hash.update([0]);
            count += 1;
        }
        if count > most {
            return None;
        }
    }
    (count > 0).then(|| (hash.finalize().into(), count))
}

/// Imports one file as document `id`: decoded, turned into text, cleaned and segmented, and
/// checked against `existing` (the library so far: the corpus and earlier imports). When
/// several files are imported at once, add each one imported to `existing` before the next, so
/// that a file dropped twice is a duplicate the second time. It is `extract` then
/// `import_extracted`, which an app can run as two tasks with a paint between.
pub fn import(
    name: &str,
    bytes: &[u8],
    existing: &Corpus,
    id: &str,
) -> Result<Imported, ImportError> {
    check_id(name, id, existing)?;
    import_extracted(extract(name, bytes)?, existing, id)
}

/// Imports text an import already read (`Imported::text`, as a collection file carries it)
/// as document `id`: every check of `import`, but read as plain text whatever `name`'s
/// extension, so that the text is not read as markup a second time.
pub fn import_text(
    name: &str,
    text: &str,
    existing: &Corpus,
    id: &str,
) -> Result<Imported, ImportError> {
    check_id(name, id, existing)?;
    import_extracted(extract_as(name, text.as_bytes(), true)?, existing, id)
}

/// A file's text, read but not yet cleaned into a document: the first half of `import`, which
/// depends on the file alone (its cost grows with the file's size, up to `MAX_BYTES`; the
/// second half's with the text's, up to `MAX_TEXT_BYTES`).
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// The file's name as shown (`display_name`).
    name: String,
    text: String,
    format: Format,
    encoding: Encoding,
    notes: Vec<Note>,
}

impl Extracted {
    /// The file's name as shown.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Reads the file `name`: its size and kind checked, decoded, its markup turned into text,
/// invisible characters removed, over-long lines cut.
pub fn extract(name: &str, bytes: &[u8]) -> Result<Extracted, ImportError> {
    extract_as(name, bytes, false)
}

/// Refuses an id that is not one, or that `existing` already has.
fn check_id(name: &str, id: &str, existing: &Corpus) -> Result<(), ImportError> {
    if !is_id(id) || existing.document(id).is_some() {
        return Err(ImportError::BadId {
            name: display_name(name),
            id: id.chars().take(MAX_NAME_CHARS).collect(),
        });
    }
    Ok(())
}

fn extract_as(name: &str, bytes: &[u8], as_text: bool) -> Result<Extracted, ImportError> {
    let display = display_name(name);
    let name = display.as_str();
    let size = bytes.len() as u64;
    check_size(name, size)?;
    if bytes.is_empty() {
        return Err(ImportError::Empty {
            name: name.into(),
            bytes: 0,
        });
    }
    if let Some(kind) = signature(bytes) {
        return Err(ImportError::Binary {
            name: name.into(),
            kind,
        });
    }
    let named = if as_text {
        Some(Format::Text)
    } else {
        format_of(name)?
    };
    let (decoded, encoding) = decode(name, bytes)?;
    let mut notes = Vec::new();
    if matches!(
        encoding,
        Encoding::Utf16Le { .. } | Encoding::Utf16Be { .. }
    ) {
        notes.push(Note::Decoded(encoding));
    }

    let mut seen = Seen::default();
    let text = normalise(&decoded, &mut seen, false);
    drop(decoded);
    if seen.control > 0 && seen.control * 20 > seen.chars {
        return Err(ImportError::Binary {
            name: name.into(),
            kind: Binary::ControlCharacters,
        });
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty {
            name: name.into(),
            bytes: size,
        });
    }
    let format = match named {
        Some(Format::Markdown) => Format::Markdown,
        Some(Format::Html) => Format::Html,
        _ if !as_text && looks_like_html(&text) => {
            notes.push(Note::ReadAsHtml);
            Format::Html
        }
        _ => Format::Text,
    };

    let text = match format {
        Format::Text => text,
        Format::Markdown => {
            let b = walk(&text, true);
            notes.extend(b.dropped_notes());
            let blocks: Vec<&str> = b.done.iter().map(|t| t.text.as_str()).collect();
            let (md, front) = markdown(&blocks.join("\n\n"));
            if front {
                notes.push(Note::FrontMatter);
            }
            md
        }
        Format::Html => {
            let (html, dropped) = html(&text);
            notes.extend(dropped);
            html
        }
    };
    // Entities and markup can hide invisible characters too: a second pass counts into the same
    // tallies.
    let text = normalise(&text, &mut seen, true);
    notes.extend(seen.notes());
    if text.trim().is_empty() {
        return Err(ImportError::NoText {
            name: name.into(),
            format,
        });
    }
    if text.len() > MAX_TEXT_BYTES {
        return Err(ImportError::TooMuchText {
            name: name.into(),
            bytes: text.len() as u64,
            words: text.split_whitespace().count() as u64,
        });
    }
    let (text, split) = split_long_lines(&text);
    notes.extend(split);
    Ok(Extracted {
        name: display,
        text,
        format,
        encoding,
        notes,
    })
}

/// Cleans and segments a file's text as document `id`, and checks it against `existing`: the
/// second half of `import`.
pub fn import_extracted(
    extracted: Extracted,
    existing: &Corpus,
    id: &str,
) -> Result<Imported, ImportError> {
    let Extracted {
        name,
        mut text,
        format,
        encoding,
        mut notes,
    } = extracted;
    let name = name.as_str();
    check_id(name, id, existing)?;
    // Cleaning takes the first line as the title. When it cannot be one (a paragraph, or a line
    // that cleaning sets aside so that a paragraph comes first), the file name goes first.
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let titled = |text: &str| {
        (
            format!("{}\n\n{text}", title_from_name(name)),
            Note::TitleFromName,
        )
    };
    if !is_title_like(&plain_text(first)) {
        let (t, note) = titled(&text);
        text = t;
        notes.push(note);
    }
    let mut doc = document(id, name, &text);
    // Also when the title would take all there is: a file of one line that could be a title
    // (no full stop at its end, say) is a paragraph under the file's name, not a title alone.
    let not_a_title = !is_title_like(&doc.title) || doc.title == id;
    if !notes.contains(&Note::TitleFromName) && (not_a_title || doc.passages.is_empty()) {
        let (t, note) = titled(&text);
        let retitled = document(id, name, &t);
        if not_a_title || !retitled.passages.is_empty() {
            text = t;
            notes.push(note);
            doc = retitled;
        }
    }
    if doc.passages.is_empty() {
        return Err(ImportError::NoPassages {
            name: name.into(),
            removed: doc.removed.len() as u64,
        });
    }
    if let Some(d) = find_duplicate(&doc, existing) {
        return Err(ImportError::Duplicate {
            name: name.into(),
            id: d.id.clone(),
            title: d.title.clone(),
        });
    }
    Ok(Imported {
        document: doc,
        text,
        format,
        encoding,
        notes,
    })
}

/// The format an extension names; `None` for no extension (sniffed later).
fn format_of(name: &str) -> Result<Option<Format>, ImportError> {
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return Ok(None);
    };
    if stem.is_empty() {
        return Ok(None);
    }
    match ext.to_ascii_lowercase().as_str() {
        "txt" | "text" => Ok(Some(Format::Text)),
        "md" | "markdown" | "mdown" | "mkd" => Ok(Some(Format::Markdown)),
        "html" | "htm" | "xhtml" => Ok(Some(Format::Html)),
        _ => Err(ImportError::Unsupported {
            name: name.into(),
            extension: ext.chars().take(16).collect(),
        }),
    }
}

/// Binary formats recognised by their first bytes.
fn signature(bytes: &[u8]) -> Option<Binary> {
    const SIGNATURES: &[(&[u8], Binary)] = &[
        (b"\x89PNG\r\n\x1a\n", Binary::Png),
        (b"\xff\xd8\xff", Binary::Jpeg),
        (b"GIF87a", Binary::Gif),
        (b"GIF89a", Binary::Gif),
        (b"%PDF-", Binary::Pdf),
        (b"PK\x03\x04", Binary::Zip),
        (b"PK\x05\x06", Binary::Zip),
        (b"\x1f\x8b", Binary::Gzip),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", Binary::OldOffice),
    ];
    SIGNATURES
        .iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|&(_, kind)| kind)
}

/// Decodes UTF-8 (with or without a byte-order mark) and UTF-16 (with a byte-order mark, or
/// recognised by zero bytes all on the same side of each pair: UTF-8 text has no zero byte, and
/// Latin-script UTF-16 has one in every other byte).
fn decode<'a>(name: &str, bytes: &'a [u8]) -> Result<(Cow<'a, str>, Encoding), ImportError> {
    let utf16 = |body: &[u8], offset: usize, encoding: Encoding| {
        let le = matches!(encoding, Encoding::Utf16Le { .. });
        decode_utf16(body, le)
            .map(|s| (Cow::Owned(s), encoding))
            .map_err(|at| ImportError::InvalidUtf16 {
                name: name.into(),
                encoding,
                at: (offset + at) as u64,
            })
    };
    if let Some(body) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return utf8(name, body, 3).map(|s| (Cow::Borrowed(s), Encoding::Utf8Bom));
    }
    if let Some(body) = bytes.strip_prefix(b"\xff\xfe") {
        return utf16(body, 2, Encoding::Utf16Le { bom: true });
    }
    if let Some(body) = bytes.strip_prefix(b"\xfe\xff") {
        return utf16(body, 2, Encoding::Utf16Be { bom: true });
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    if even + odd == 0 {
        return utf8(name, bytes, 0).map(|s| (Cow::Borrowed(s), Encoding::Utf8));
    }
    // UTF-16: zeros on one side of the pairs in at least one unit of eight (spaces and digits
    // give that much even in Cyrillic or Greek), hardly any on the other side. A stray zero
    // byte in UTF-8 text is not enough.
    let enough = (bytes.len() / 16).max(1);
    if bytes.len() >= 2 && odd >= enough && even * 64 <= odd {
        return utf16(bytes, 0, Encoding::Utf16Le { bom: false });
    }
    if bytes.len() >= 2 && even >= enough && odd * 64 <= even {
        return utf16(bytes, 0, Encoding::Utf16Be { bom: false });
    }
    Err(ImportError::Binary {
        name: name.into(),
        kind: Binary::ZeroBytes,
    })
}

fn utf8<'a>(name: &str, body: &'a [u8], offset: usize) -> Result<&'a str, ImportError> {
    std::str::from_utf8(body).map_err(|e| {
        let at = e.valid_up_to();
        let line = body[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        ImportError::InvalidUtf8 {
            name: name.into(),
            at: (offset + at) as u64,
            line: line as u64,
        }
    })
}

/// UTF-16 to a string, or the byte offset of the first unit that does not decode.
fn decode_utf16(body: &[u8], le: bool) -> Result<String, usize> {
    let units = body.chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if le {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut out = String::with_capacity(body.len());
    let mut unit = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                out.push(c);
                unit += c.len_utf16();
            }
            Err(_) => return Err(unit * 2),
        }
    }
    if body.len() % 2 == 1 {
        return Err(body.len() - 1);
    }
    Ok(out)
}

/// The kind of invisible character `c` is, if it is one the import removes. The joiners
/// U+200C and U+200D are only removed where they are not spelling (`keeps_joiner`).
fn invisible(c: char) -> Option<Invisible> {
    if is_direction_control(c) {
        Some(Invisible::BidiControl)
    } else if is_zero_width(c) {
        Some(Invisible::ZeroWidth)
    } else {
        (c == '\u{ad}').then_some(Invisible::SoftHyphen)
    }
}

/// The script `c` belongs to, among those whose spelling uses the zero-width joiners: Persian
/// writes "می‌خواهم" with a non-joiner, Indic scripts choose a conjunct or a half form with
/// either one after a virama. Letters and marks alike, since a joiner may follow a vowel sign
/// or a virama. Two of them name the same script when they return the same block start.
fn joining_script(c: char) -> Option<u32> {
    const SCRIPTS: &[(u32, u32)] = &[
        (0x0600, 0x06ff), // Arabic (Persian, Urdu, Pashto, Kurdish…)
        (0x0700, 0x074f), // Syriac
        (0x0750, 0x077f), // Arabic Supplement, counted as Arabic below
        (0x0780, 0x07bf), // Thaana
        (0x07c0, 0x07ff), // N'Ko
        (0x0860, 0x086f), // Syriac Supplement
        (0x0870, 0x08ff), // Arabic Extended-B and -A
        (0x0900, 0x097f), // Devanagari
        (0x0980, 0x09ff), // Bengali
        (0x0a00, 0x0a7f), // Gurmukhi
        (0x0a80, 0x0aff), // Gujarati
        (0x0b00, 0x0b7f), // Oriya
        (0x0b80, 0x0bff), // Tamil
        (0x0c00, 0x0c7f), // Telugu
        (0x0c80, 0x0cff), // Kannada
        (0x0d00, 0x0d7f), // Malayalam
        (0x0d80, 0x0dff), // Sinhala
        (0x0f00, 0x0fff), // Tibetan
        (0x1000, 0x109f), // Myanmar
        (0x1780, 0x17ff), // Khmer
        (0x1800, 0x18af), // Mongolian
        (0xa8e0, 0xa8ff), // Devanagari Extended
        (0xfb50, 0xfdff), // Arabic Presentation Forms-A
        (0xfe70, 0xfefe), // Arabic Presentation Forms-B (U+FEFF is no letter)
    ];
    let u = c as u32;
    let start = SCRIPTS.iter().find(|&&(lo, hi)| (lo..=hi).contains(&u))?.0;
    // Every Arabic block is one script: a word may mix base letters and presentation forms.
    Some(match start {
        0x0750 | 0x0870 | 0xfb50 | 0xfe70 => 0x0600,
        0x0860 => 0x0700,
        0xa8e0 => 0x0900,
        s => s,
    })
}

/// A pictograph that emoji ZWJ sequences join (👩‍💻, 🏳️‍🌈, 🧑🏽‍🚀, ❤️‍🔥), close to Unicode's
/// Extended_Pictographic: the emoji planes and the older symbol blocks emoji come from.
fn pictograph(c: char) -> bool {
    matches!(c as u32,
        0x1f000..=0x1faff | 0x2600..=0x27bf | 0x2300..=0x23ff | 0x2b00..=0x2bff
        | 0x2190..=0x21ff | 0x25a0..=0x25ff | 0x2934..=0x2935 | 0x3030 | 0x303d
        | 0x3297 | 0x3299 | 0xa9 | 0xae | 0x203c | 0x2049 | 0x2122 | 0x2139 | 0x24c2)
}

/// Whether a joiner (U+200C or U+200D) between `before` and `after` is spelling to keep: both
/// sides in one script that uses joiners, or, for U+200D, inside an emoji sequence (after a
/// pictograph, its variation selector or skin tone, before a pictograph). Anywhere else, as
/// between Latin letters ("Ru‍ssia"), it only hides a word from search.
fn keeps_joiner(before: Option<char>, joiner: char, after: Option<char>) -> bool {
    let (Some(b), Some(a)) = (before, after) else {
        return false;
    };
    let script = joining_script(b);
    if script.is_some() && script == joining_script(a) {
        return true;
    }
    joiner == '\u{200d}'
        && (pictograph(b) || b == '\u{fe0f}' || ('\u{1f3fb}'..='\u{1f3ff}').contains(&b))
        && pictograph(a)
}

/// What normalisation met, over both passes.
#[derive(Debug, Default)]
struct Seen {
    chars: u64,
    bidi: u64,
    zero_width: u64,
    soft_hyphen: u64,
    control: u64,
    replacement: u64,
}

impl Seen {
    fn notes(&self) -> Vec<Note> {
        let removed = [
            (Invisible::BidiControl, self.bidi),
            (Invisible::ZeroWidth, self.zero_width),
            (Invisible::SoftHyphen, self.soft_hyphen),
            (Invisible::Control, self.control),
        ];
        let mut notes: Vec<Note> = removed
            .into_iter()
            .filter(|&(_, n)| n > 0)
            .map(|(what, count)| Note::Removed { what, count })
            .collect();
        if self.replacement > 0 {
            notes.push(Note::Replacement {
                count: self.replacement,
            });
        }
        notes
    }
}

/// Line breaks to `\n` (CR LF, CR, NEL and U+2028; U+2029 to a blank line), invisible and
/// control characters out, each counted. The joiners U+200C and U+200D are judged by their
/// neighbours only in the `last` pass, on the text itself: before it, markup or an entity may
/// still stand between a joiner and the letter it joins.
fn normalise(text: &str, seen: &mut Seen, last: bool) -> String {
    // Printable ASCII, newlines and tabs are kept as they are: copied a run at a time, since
    // they are nearly all of most files. Every other character is looked at one by one.
    let plain = |b: &u8| matches!(b, b' '..=b'~' | b'\n' | b'\t');
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        let run = bytes[at..]
            .iter()
            .position(|b| !plain(b))
            .unwrap_or(text.len() - at);
        if run > 0 {
            out.push_str(&text[at..at + run]);
            seen.chars += run as u64;
            at += run;
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        at += c.len_utf8();
        seen.chars += 1;
        match c {
            // A byte-order mark left at the very start (decoding strips one) is no trick.
            '\u{feff}' if !last && seen.chars == 1 => {}
            '\u{200c}' | '\u{200d}' if !last => out.push(c),
            '\u{200c}' | '\u{200d}'
                if keeps_joiner(out.chars().next_back(), c, text[at..].chars().next()) =>
            {
                out.push(c)
            }
            '\r' => {
                if bytes.get(at) == Some(&b'\n') {
                    at += 1;
                }
                out.push('\n');
            }
            '\u{85}' | '\u{2028}' => out.push('\n'),
            '\u{2029}' => out.push_str("\n\n"),
            '\u{b}' | '\u{c}' => out.push(c),
            '\u{fffd}' => {
                seen.replacement += 1;
                out.push(c);
            }
            _ => match invisible(c) {
                Some(Invisible::BidiControl) => seen.bidi += 1,
                Some(Invisible::ZeroWidth) => seen.zero_width += 1,
                Some(Invisible::SoftHyphen) => seen.soft_hyphen += 1,
                _ if c.is_control() => seen.control += 1,
                _ => out.push(c),
            },
        }
    }
    out
}

/// A text that starts like an HTML page.
fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(14)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|p| head.starts_with(p))
}

/// A cleaned title that reads as one: short, not a sentence or a whole paragraph.
fn is_title_like(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 200
        && t.split_whitespace().count() <= 30
        && !t.ends_with(['.', ',', ';', ':'])
}

/// The file name as a title: no extension, underscores (and dashes, in a name without spaces)
/// read as spaces.
fn title_from_name(name: &str) -> String {
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    let spaced = stem.replace('_', " ");
    let spaced = if spaced.contains(' ') {
        spaced
    } else {
        spaced.replace('-', " ")
    };
    let title = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        "Untitled".into()
    } else {
        title
    }
}

/// Cuts lines over `MAX_LINE_BYTES` into paragraphs of about `PARAGRAPH_BYTES`: at sentence
/// ends, else at a space, else at a character boundary.
fn split_long_lines(text: &str) -> (String, Option<Note>) {
    if !text.split('\n').any(|l| l.len() > MAX_LINE_BYTES) {
        return (text.to_owned(), None);
    }
    let (mut lines, mut paragraphs) = (0u64, 0u64);
    let mut out = String::with_capacity(text.len() + text.len() / PARAGRAPH_BYTES * 2);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.len() <= MAX_LINE_BYTES {
            out.push_str(line);
            continue;
        }
        lines += 1;
        let mut first = true;
        for piece in cut_line(line) {
            let piece = piece.trim();
            if piece.is_empty() {
                continue;
            }
            if !first {
                out.push_str("\n\n");
            }
            first = false;
            out.push_str(piece);
            paragraphs += 1;
        }
    }
    (out, Some(Note::LinesSplit { lines, paragraphs }))
}

/// Pieces of a long line, each at most about `PARAGRAPH_BYTES` (a sentence longer than that is
/// cut at spaces).
fn cut_line(line: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (s, e) in sentence_spans(line) {
        if e - start > PARAGRAPH_BYTES && s > start {
            pieces.push(&line[start..s]);
            start = s;
        }
    }
    pieces.push(&line[start..]);
    let mut out = Vec::with_capacity(pieces.len());
    for mut piece in pieces {
        while piece.len() > PARAGRAPH_BYTES * 2 {
            let mut at = PARAGRAPH_BYTES;
            while !piece.is_char_boundary(at) {
                at -= 1;
            }
            let cut = piece[..at]
                .rfind(char::is_whitespace)
                .filter(|&i| i > 0)
                .unwrap_or(at);
            out.push(&piece[..cut]);
            piece = &piece[cut..];
        }
        out.push(piece);
    }
    out
}

// --- Markup: a small HTML tokenizer ----------------------------------------------------------

/// A piece of markup. Tag names are slices of the source, compared without case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Text(&'a str),
    Start {
        name: &'a str,
        self_closing: bool,
    },
    End {
        name: &'a str,
    },
    Comment,
    /// A doctype, processing instruction or bogus comment, or a tag cut off by the end.
    Other,
}

/// Splits HTML into tokens as browsers do, without building a tree. `strict` (for Markdown)
/// reads `<` as a tag only when a whole tag follows, and as text otherwise.
struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    strict: bool,
    /// No `>` at or after this position (strict mode: saves rescanning).
    no_gt_from: usize,
}

impl<'a> Tokenizer<'a> {
    fn new(src: &'a str, strict: bool) -> Self {
        Tokenizer {
            src,
            pos: 0,
            strict,
            no_gt_from: usize::MAX,
        }
    }

    fn next_token(&mut self) -> Option<Token<'a>> {
        let (src, bytes, start) = (self.src, self.src.as_bytes(), self.pos);
        if start >= src.len() {
            return None;
        }
        if bytes[start] != b'<' {
            // `<` is ASCII: wherever it is found is a character boundary.
            let end = bytes[start + 1..]
                .iter()
                .position(|&b| b == b'<')
                .map_or(src.len(), |i| start + 1 + i);
            self.pos = end;
            return Some(Token::Text(&src[start..end]));
        }
        let at = |i: usize| bytes.get(start + i).copied().unwrap_or(0);
        let token = match at(1) {
            b'!' if src[start..].starts_with("<!--") => {
                self.pos = comment_end(src, start + 4);
                Some(Token::Comment)
            }
            b'!' | b'?' if !self.strict => self.skip_to_gt(start + 2),
            b'/' if at(2).is_ascii_alphabetic() => self.tag(start + 2, true),
            b'/' if !self.strict => self.skip_to_gt(start + 2),
            c if c.is_ascii_alphabetic() => self.tag(start + 1, false),
            _ => None,
        };
        Some(token.unwrap_or_else(|| {
            self.pos = start + 1;
            Token::Text(&src[start..start + 1])
        }))
    }

    /// A bogus comment or doctype: everything to the next `>`.
    fn skip_to_gt(&mut self, from: usize) -> Option<Token<'a>> {
        self.pos = self.src[from..]
            .find('>')
            .map_or(self.src.len(), |i| from + i + 1);
        Some(Token::Other)
    }

    /// A start or end tag whose name starts at `from`; `None` leaves the `<` as text.
    fn tag(&mut self, from: usize, end: bool) -> Option<Token<'a>> {
        let bytes = self.src.as_bytes();
        let ends_name = |b: &u8| b.is_ascii_whitespace() || *b == b'/' || *b == b'>';
        // Strict mode wants a name of letters, digits and `-` only: the scan stops at the first
        // other byte, since a name that goes on past it is refused anyway. Scanning on to the
        // end of the name would read `<b<b<b…` to the end of the text once per `<`.
        let strict_name = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-';
        let name_end = bytes[from..]
            .iter()
            .position(|b| {
                if self.strict {
                    !strict_name(b)
                } else {
                    ends_name(b)
                }
            })
            .map_or(bytes.len(), |i| from + i);
        crate::probe::step(name_end - from);
        let name = &self.src[from..name_end];
        let gt = if self.strict {
            let ok = bytes.get(name_end).is_some_and(ends_name);
            if !ok || name_end >= self.no_gt_from {
                return None;
            }
            match self.src[name_end..].find('>') {
                Some(i) => name_end + i,
                None => {
                    self.no_gt_from = name_end;
                    return None;
                }
            }
        } else {
            match tag_end(bytes, name_end) {
                Some(gt) => gt,
                None => {
                    // A tag cut off by the end of the file is dropped with the rest.
                    self.pos = bytes.len();
                    return Some(Token::Other);
                }
            }
        };
        self.pos = gt + 1;
        Some(if end {
            Token::End { name }
        } else {
            Token::Start {
                name,
                self_closing: gt > name_end && bytes[gt - 1] == b'/',
            }
        })
    }

    /// Skips the raw text of a `script`, `style`… up to its end tag; returns the raw text.
    fn raw_text(&mut self, name: &str) -> &'a str {
        let (src, bytes) = (self.src, self.src.as_bytes());
        let start = self.pos;
        let mut from = start;
        while let Some(i) = src[from..].find("</") {
            let at = from + i;
            let after = at + 2 + name.len();
            let named = bytes
                .get(at + 2..after)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
            let ends = bytes
                .get(after)
                .is_none_or(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>');
            if named && ends {
                self.pos = src[after..].find('>').map_or(src.len(), |j| after + j + 1);
                return &src[start..at];
            }
            from = at + 2;
        }
        self.pos = src.len();
        &src[start..]
    }
}

/// Where a comment whose text starts at `from` ends (after `-->`, `--!>`, or `>` for the empty
/// comments `<!-->` and `<!--->`).
fn comment_end(src: &str, from: usize) -> usize {
    let rest = &src[from..];
    if rest.starts_with('>') {
        return from + 1;
    }
    if rest.starts_with("->") {
        return from + 2;
    }
    let mut at = 0;
    while let Some(i) = rest[at..].find("--") {
        let k = at + i + 2;
        if rest[k..].starts_with('>') {
            return from + k + 1;
        }
        if rest[k..].starts_with("!>") {
            return from + k + 2;
        }
        at = at + i + 1;
    }
    src.len()
}

/// The `>` that ends a tag whose attributes start at `from`, skipping quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    let mut last = 0u8;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => return Some(i),
            None if (b == b'"' || b == b'\'') && last == b'=' => quote = Some(b),
            None => {}
        }
        if !b.is_ascii_whitespace() {
            last = b;
        }
    }
    None
}

/// What an element is to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    /// Raw text to skip to the end tag (`script`, `style`…), counted as dropped.
    Raw(Dropped),
    Title,
    /// Content to skip with its nesting (`nav`, `svg`…), counted as dropped.
    Skip(Dropped),
    /// Starts and ends a block of text.
    Block,
    Main,
    Article,
    H1,
    Pre,
    /// Separates words: table cells.
    Cell,
    Inline,
}

fn element(name: &str) -> Element {
    if name.len() > 10 {
        return Element::Inline;
    }
    let mut buf = [0u8; 10];
    for (to, from) in buf.iter_mut().zip(name.bytes()) {
        *to = from.to_ascii_lowercase();
    }
    // Lower-casing ASCII bytes leaves UTF-8 valid.
    match std::str::from_utf8(&buf[..name.len()]).unwrap_or("") {
        "script" | "noscript" => Element::Raw(Dropped::Script),
        "style" => Element::Raw(Dropped::Style),
        "textarea" | "xmp" | "iframe" | "noembed" | "noframes" | "plaintext" => {
            Element::Raw(Dropped::Embedded)
        }
        "title" => Element::Title,
        "nav" | "aside" | "footer" => Element::Skip(Dropped::Furniture),
        "svg" | "math" | "template" | "object" | "canvas" | "video" | "audio" | "select"
        | "button" | "frameset" | "map" | "datalist" | "dialog" => Element::Skip(Dropped::Embedded),
        "main" => Element::Main,
        "article" => Element::Article,
        "h1" => Element::H1,
        "pre" | "listing" => Element::Pre,
        "td" | "th" => Element::Cell,
        "address" | "blockquote" | "body" | "br" | "caption" | "center" | "dd" | "details"
        | "dir" | "div" | "dl" | "dt" | "fieldset" | "figcaption" | "figure" | "form" | "h2"
        | "h3" | "h4" | "h5" | "h6" | "head" | "header" | "hgroup" | "hr" | "html" | "legend"
        | "li" | "menu" | "ol" | "optgroup" | "option" | "p" | "search" | "section" | "summary"
        | "table" | "tbody" | "tfoot" | "thead" | "tr" | "ul" => Element::Block,
        _ => Element::Inline,
    }
}

/// A block of text from markup, with where it stood.
#[derive(Debug, Default)]
struct TextBlock {
    text: String,
    main: bool,
    article: bool,
    h1: bool,
}

/// Blocks of text from markup: whitespace collapsed as HTML does (kept for Markdown), entities
/// decoded, skipped elements counted.
#[derive(Debug, Default)]
struct Blocks {
    keep_space: bool,
    done: Vec<TextBlock>,
    cur: String,
    space: bool,
    main: usize,
    article: usize,
    h1: usize,
    pre: usize,
    title: Option<String>,
    dropped: [u64; 5],
}

impl Blocks {
    fn text(&mut self, s: &str) {
        let s = decode_entities(s);
        if self.keep_space {
            self.cur.push_str(&s);
            return;
        }
        for c in s.chars() {
            if c == '\n' && self.pre > 0 {
                self.flush();
            } else if c.is_ascii_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.cur.is_empty() {
                    self.cur.push(' ');
                }
                self.space = false;
                self.cur.push(c);
            }
        }
    }

    /// A table cell's edge: a space between words.
    fn cell(&mut self) {
        if self.keep_space {
            self.cur.push(' ');
        } else {
            self.space = true;
        }
    }

    fn flush(&mut self) {
        self.space = false;
        if self.cur.trim().is_empty() {
            self.cur.clear();
            return;
        }
        self.done.push(TextBlock {
            text: std::mem::take(&mut self.cur),
            main: self.main > 0,
            article: self.article > 0,
            h1: self.h1 > 0,
        });
    }

    fn drop_one(&mut self, what: Dropped) {
        self.dropped[what as usize] += 1;
    }

    fn dropped_notes(&self) -> Vec<Note> {
        [
            Dropped::Script,
            Dropped::Style,
            Dropped::Comment,
            Dropped::Furniture,
            Dropped::Embedded,
        ]
        .into_iter()
        .filter(|&w| self.dropped[w as usize] > 0)
        .map(|what| Note::Dropped {
            what,
            count: self.dropped[what as usize],
        })
        .collect()
    }
}

/// Reads markup into blocks of text. `markdown`: the source is Markdown with HTML in it, so
/// `<` is a tag only when a whole tag follows and whitespace is kept for the Markdown reader.
fn walk(src: &str, markdown: bool) -> Blocks {
    let mut t = Tokenizer::new(src, markdown);
    let mut b = Blocks {
        keep_space: markdown,
        ..Blocks::default()
    };
    // The element being skipped, with how deep in its own name we are.
    let mut skip: Option<(&str, usize)> = None;
    while let Some(token) = t.next_token() {
        if let Some((name, depth)) = &mut skip {
            match token {
                Token::Start {
                    name: n,
                    self_closing: false,
                } if n.eq_ignore_ascii_case(name) => *depth += 1,
                Token::End { name: n } if n.eq_ignore_ascii_case(name) => {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                }
                _ => {}
            }
            continue;
        }
        match token {
            Token::Text(s) => b.text(s),
            Token::Comment => b.drop_one(Dropped::Comment),
            Token::Other => {}
            Token::Start { name, self_closing } => {
                let el = element(name);
                match el {
                    Element::Raw(what) => {
                        t.raw_text(name);
                        b.drop_one(what);
                    }
                    Element::Title => {
                        let raw = t.raw_text(name);
                        if b.title.is_none() {
                            let title = decode_entities(raw);
                            b.title = Some(title.split_whitespace().collect::<Vec<_>>().join(" "));
                        }
                    }
                    Element::Skip(what) => {
                        b.drop_one(what);
                        if !self_closing {
                            skip = Some((name, 1));
                        }
                    }
                    Element::Cell => b.cell(),
                    Element::Inline => {}
                    _ => {
                        b.flush();
                        if !self_closing {
                            match el {
                                Element::Main => b.main += 1,
                                Element::Article => b.article += 1,
                                Element::H1 => b.h1 += 1,
                                Element::Pre => b.pre += 1,
                                _ => {}
                            }
                        }
                    }
                }
            }
            Token::End { name } => {
                let el = element(name);
                match el {
                    Element::Cell => b.cell(),
                    Element::Inline | Element::Raw(_) | Element::Title | Element::Skip(_) => {}
                    _ => {
                        b.flush();
                        let depth = match el {
                            Element::Main => &mut b.main,
                            Element::Article => &mut b.article,
                            Element::H1 => &mut b.h1,
                            Element::Pre => &mut b.pre,
                            _ => continue,
                        };
                        *depth = depth.saturating_sub(1);
                    }
                }
            }
        }
    }
    b.flush();
    b
}

/// An HTML page as text: the blocks of its `<main>` (else its `<article>`s, else all), one a
/// paragraph, with its first `<h1>` (else its `<title>`) first as the title.
fn html(src: &str) -> (String, Vec<Note>) {
    let b = walk(src, false);
    let mut notes = b.dropped_notes();
    let region: fn(&TextBlock) -> bool = if b.done.iter().any(|t| t.main) {
        |t| t.main
    } else if b.done.iter().any(|t| t.article) {
        |t| t.article
    } else {
        |_| true
    };
    let outside: u64 = b
        .done
        .iter()
        .filter(|t| !region(t))
        .map(|t| crate::model::count_words(&t.text) as u64)
        .sum();
    if outside > 0 {
        notes.push(Note::OutsideMain { words: outside });
    }
    let title = b
        .done
        .iter()
        .find(|t| t.h1 && region(t))
        .map(|t| t.text.clone())
        .or(b.title.clone().filter(|t| !t.is_empty()))
        .or_else(|| b.done.iter().find(|t| t.h1).map(|t| t.text.clone()));
    let kept: Vec<&str> = b
        .done
        .iter()
        .filter(|t| region(t))
        .map(|t| t.text.as_str())
        .collect();
    let mut lines: Vec<&str> = Vec::with_capacity(kept.len() + 1);
    if let Some(title) = title.as_deref() {
        if kept.first() != Some(&title) {
            lines.push(title);
        }
    }
    lines.extend(kept);
    (lines.join("\n\n"), notes)
}

// --- Markdown --------------------------------------------------------------------------------

/// Markdown (its HTML already set aside) as text: one paragraph, heading or list item a line,
/// paragraphs' wrapped lines joined, inline markup stripped; front matter dropped, its title
/// put first. Returns the text and whether there was front matter.
fn markdown(src: &str) -> (String, bool) {
    let lines: Vec<&str> = src.split('\n').collect();
    let mut out: Vec<String> = Vec::new();
    let mut first = 0;
    let mut front = false;
    if let Some(delim @ ("---" | "+++")) = lines.first().map(|l| l.trim_end()) {
        let close = lines
            .iter()
            .skip(1)
            .take(200)
            .position(|l| l.trim_end() == delim || (delim == "---" && l.trim_end() == "..."));
        if let Some(close) = close {
            front = true;
            first = close + 2;
            let title = lines[1..=close].iter().find_map(|l| {
                let (key, value) = l.split_once([':', '='])?;
                (key.trim() == "title")
                    .then(|| value.trim().trim_matches(['"', '\'']).trim().to_owned())
            });
            out.extend(title.filter(|t| !t.is_empty()));
        }
    }
    let mut para = String::new();
    let mut fence: Option<(char, usize)> = None;
    for line in lines.iter().skip(first) {
        let t = line.trim();
        if let Some((ch, n)) = fence {
            if t.len() >= n && t.chars().all(|c| c == ch) {
                fence = None;
            } else if !t.is_empty() {
                out.push(t.to_owned());
            }
            continue;
        }
        let run = |t: &str, ch: char| t.chars().take_while(|&c| c == ch).count();
        if run(t, '`') >= 3 || run(t, '~') >= 3 {
            flush(&mut para, &mut out);
            let ch = t.chars().next().unwrap_or('`');
            fence = Some((ch, run(t, ch)));
            continue;
        }
        let t = t.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
        if t.is_empty() {
            flush(&mut para, &mut out);
            continue;
        }
        let hashes = run(t, '#');
        if (1..=6).contains(&hashes) && t[hashes..].chars().next().is_none_or(char::is_whitespace) {
            flush(&mut para, &mut out);
            let body = t[hashes..].trim();
            let body = body.trim_end_matches('#');
            let body = if body.ends_with(char::is_whitespace) || body.is_empty() {
                body
            } else {
                t[hashes..].trim()
            };
            out.push(body.trim().to_owned());
            continue;
        }
        // Setext underlines, thematic breaks and table separator rows end a paragraph.
        let marks = t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let rule = marks.len() >= 2
            && (marks.chars().all(|c| c == '=')
                || marks.chars().all(|c| c == '-')
                || (marks.len() >= 3
                    && (marks.chars().all(|c| c == '*') || marks.chars().all(|c| c == '_'))));
        let table_rule = marks.contains('-')
            && marks.contains('|')
            && marks.chars().all(|c| matches!(c, '|' | '-' | ':'));
        if rule || table_rule {
            flush(&mut para, &mut out);
            continue;
        }
        if is_reference_definition(t) {
            flush(&mut para, &mut out);
            continue;
        }
        if let Some(row) = t.strip_prefix('|') {
            flush(&mut para, &mut out);
            let cells: Vec<&str> = row
                .split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            out.push(cells.join(" "));
            continue;
        }
        if let Some(item) = list_item(t) {
            flush(&mut para, &mut out);
            para.push_str(item);
            continue;
        }
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(t);
    }
    flush(&mut para, &mut out);
    let text: Vec<String> = out
        .iter()
        .map(|l| inline(&emphasis(l)))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    (text.join("\n\n"), front)
}

fn flush(para: &mut String, out: &mut Vec<String>) {
    if !para.trim().is_empty() {
        out.push(std::mem::take(para));
    }
    para.clear();
}

/// `[label]: destination`: a link reference definition.
fn is_reference_definition(t: &str) -> bool {
    t.starts_with('[')
        && t.find("]:")
            .is_some_and(|i| i > 1 && !t[1..i].contains(['[', ']']))
}

/// The text of a list item line (`- x`, `* x`, `+ x`, `1. x`, `1) x`, task boxes dropped).
fn list_item(t: &str) -> Option<&str> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if (1..=9).contains(&digits) {
        t[digits..].strip_prefix(['.', ')'])?
    } else {
        t.strip_prefix(['-', '*', '+'])?
    };
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    Some(
        ["[ ] ", "[x] ", "[X] "]
            .iter()
            .find_map(|b| rest.strip_prefix(b))
            .unwrap_or(rest),
    )
}

/// Emphasis and strikethrough marks (`*`, `_`, `~` runs of one to three at a word's edge) out;
/// `snake_case`, a lone `*` and escaped marks stay.
fn emphasis(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            out.push(c);
            if let Some((_, next)) = chars.next() {
                out.push(next);
                prev = Some(next);
            }
            continue;
        }
        if !matches!(c, '*' | '_' | '~') {
            out.push(c);
            prev = Some(c);
            continue;
        }
        let mut len = 1;
        while chars.next_if(|&(_, d)| d == c).is_some() {
            len += 1;
        }
        let next = s[i + len..].chars().next();
        let space = |x: Option<char>| x.is_none_or(char::is_whitespace);
        let punct = |x: Option<char>| x.is_some_and(|x| !x.is_alphanumeric() && !x.is_whitespace());
        let left = !space(next) && (!punct(next) || space(prev) || punct(prev));
        let right = !space(prev) && (!punct(prev) || space(next) || punct(next));
        let intraword = c == '_'
            && prev.is_some_and(char::is_alphanumeric)
            && next.is_some_and(char::is_alphanumeric);
        if len > 3 || (c == '~' && len != 2) || !(left || right) || intraword {
            out.extend(std::iter::repeat_n(c, len));
        }
        prev = Some(c);
    }
    out
}

/// Links to their text, images out, code ticks and escapes out, autolinks to their address.
fn inline(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut links = Links::new(s);
    // One cache per kind of search, so that each searches from ever later positions; and for
    // the whitespace that stops an autolink: else `<http://<http://… >` scans to the far `>`
    // once per `<`.
    let (mut angles, mut spaces) = (None, None);
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                out.push_str(&s[copied..i]);
                copied = i + 1;
                i += 2;
            }
            b'`' => {
                out.push_str(&s[copied..i]);
                i += 1;
                copied = i;
            }
            b'[' | b'!' => match links.at(i) {
                Some(link) => {
                    out.push_str(&s[copied..i]);
                    if !link.image {
                        out.push_str(&s[link.text]);
                    }
                    i = link.end;
                    copied = i;
                }
                None => i += 1,
            },
            b'<' if ["http://", "https://", "mailto:"]
                .iter()
                .any(|p| s[i + 1..].starts_with(p)) =>
            {
                match find_cached(s, i + 1, |c| c == '>', &mut angles) {
                    Some(end)
                        if find_cached(s, i + 1, char::is_whitespace, &mut spaces)
                            .is_none_or(|w| w > end) =>
                    {
                        out.push_str(&s[copied..i]);
                        out.push_str(&s[i + 1..end]);
                        i = end + 1;
                        copied = i;
                    }
                    _ => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    out.push_str(&s[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str, strict: bool) -> Vec<Token<'_>> {
        let mut t = Tokenizer::new(src, strict);
        std::iter::from_fn(|| t.next_token()).collect()
    }

    #[test]
    fn tokenizer_reads_tags_comments_and_stray_brackets() {
        use Token::*;
        assert_eq!(
            tokens("a<b>c</B><!-- x --> 1 < 2<br/><p title='a>b'>", false),
            vec![
                Text("a"),
                Start {
                    name: "b",
                    self_closing: false
                },
                Text("c"),
                End { name: "B" },
                Comment,
                Text(" 1 "),
                Text("<"),
                Text(" 2"),
                Start {
                    name: "br",
                    self_closing: true
                },
                Start {
                    name: "p",
                    self_closing: false
                },
            ]
        );
        // Cut off by the end of the file: dropped, as browsers do.
        assert_eq!(tokens("x<a href='y", false), vec![Text("x"), Other]);
        // Markdown: no whole tag, so text.
        assert_eq!(
            tokens("<https://x.org> a<b", true),
            vec![Text("<"), Text("https://x.org> a"), Text("<"), Text("b")]
        );
        assert_eq!(comment_end("<!-->x", 4), 5);
        assert_eq!(comment_end("<!-- a -- b --!>x", 4), 16);
        assert_eq!(comment_end("<!-- never", 4), 10);
    }

    #[test]
    fn html_to_text_drops_code_and_keeps_text() {
        let (text, notes) = html(
            "<html><head><title>T | Site</title><style>p{}</style></head><body><nav>Home</nav>\
             <main><h1>Big &amp; Small</h1><p>One&nbsp;two <b>three</b>\n four&#8212;five&#150;six.\
             <script>var a = '</p>';</script></p><table><tr><td>a</td><td>b</td></tr></table>\
             <svg><svg></svg><text>drawn</text></svg><pre>x\ny</pre></main><footer>(c)</footer>",
        );
        assert_eq!(
            text,
            "Big & Small\n\nOne\u{a0}two three four—five–six.\n\na b\n\nx\n\ny"
        );
        assert_eq!(
            notes,
            vec![
                Note::Dropped {
                    what: Dropped::Script,
                    count: 1
                },
                Note::Dropped {
                    what: Dropped::Style,
                    count: 1
                },
                Note::Dropped {
                    what: Dropped::Furniture,
                    count: 2
                },
                Note::Dropped {
                    what: Dropped::Embedded,
                    count: 1
                },
            ]
        );
        // No <main>: everything, with the <title> first.
        assert_eq!(html("<title>T</title><p>a</p><p>b</p>").0, "T\n\na\n\nb");
    }

    #[test]
    fn markdown_to_text() {
        let (text, front) = markdown(
            "---\ntitle: \"The Pact\"\ndate: 2025\n---\n# Heading One #\nA *wrapped* para\nwith [a link](http://x.org/(y)) and `code`.\n\n\
             - item **one**\n* [x] item two\n1. three\n\n> quoted snake_case 5 * 3\n\n```\nfn main() {}\n```\n\
             ![img](a.png) \\*kept\\* [ref]: http://x\n[ref]: http://x\nSetext\n---\n| a | b |\n|---|:-:|\n",
        );
        assert!(front);
        assert_eq!(
            text,
            "The Pact\n\nHeading One\n\nA wrapped para with a link) and code.\n\nitem one\n\nitem two\n\nthree\n\n\
             quoted snake_case 5 * 3\n\nfn main() {}\n\n*kept* [ref]: http://x\n\nSetext\n\na b"
        );
        assert_eq!(inline(&"[".repeat(10)), "[".repeat(10));
        assert_eq!(inline("[a](b [c](d)"), "[a](b c");
        assert_eq!(inline("[a] [b]: ![c] x"), "[a] [b]: ![c] x");
    }

    #[test]
    fn utf16_and_names() {
        assert_eq!(decode_utf16(&[0x41, 0, 0x42, 0], true).as_deref(), Ok("AB"));
        assert_eq!(decode_utf16(&[0, 0x41, 0xd8, 0x00, 0, 0x42], false), Err(2));
        assert_eq!(decode_utf16(&[0x41, 0, 0x42], true), Err(2));
        let stray = b"Iran and Russia\0 signed a treaty in January.";
        assert!(matches!(
            decode("a.txt", stray),
            Err(ImportError::Binary {
                kind: Binary::ZeroBytes,
                ..
            })
        ));
        let russian: Vec<u8> = "Россия и Иран, 2025."
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            decode("a.txt", &russian).map(|(s, e)| (s.into_owned(), e)),
            Ok((
                "Россия и Иран, 2025.".to_owned(),
                Encoding::Utf16Be { bom: false }
            ))
        );
        assert_eq!(display_name("C:\\docs\\a\u{202e}b.txt"), "ab.txt");
        assert_eq!(display_name("\u{200b}"), "unnamed file");
        assert_eq!(title_from_name("iran-russia_pact.md"), "iran-russia pact");
        assert_eq!(title_from_name("iran-russia.md"), "iran russia");
    }

    #[test]
    fn long_lines_are_cut_at_sentence_ends() {
        let line = "The pact was signed. ".repeat(4000);
        let (text, note) = split_long_lines(&line);
        let paras: Vec<&str> = text.split("\n\n").collect();
        assert!(paras
            .iter()
            .all(|p| p.len() <= PARAGRAPH_BYTES + 32 && p.ends_with('.')));
        assert_eq!(
            note,
            Some(Note::LinesSplit {
                lines: 1,
                paragraphs: paras.len() as u64
            })
        );
        let (text, _) = split_long_lines(&"é".repeat(40_000));
        assert!(text.split("\n\n").all(|p| p.len() <= 2 * PARAGRAPH_BYTES));
    }
}
