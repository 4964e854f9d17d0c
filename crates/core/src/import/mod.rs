//! Bring your own documents: a picked or dropped file (its name and bytes) becomes a `Document`
//! through the same pipeline as the corpus, or an `ImportError` that names the file and says
//! what is wrong with it.
//!
//! The steps, each linear in the size of the file: the size limit (checked before anything else,
//! and available on its own for a file not yet read), binary signatures, the extension, decoding as
//! a browser does (a byte-order mark, an HTML page's `<meta charset>`, UTF-8, else windows-1252;
//! legacy encodings through a `Decoder` the caller gives), invisible and control characters
//! removed, markup turned into text (Markdown; HTML parsed as data by a small tokenizer, never
//! rendered and never kept), over-long lines split, then `process_document`, and last the checks
//! that paragraphs are left and that the text is not already in the library. Everything the import
//! changed is listed in `Imported::notes`, beside cleaning's own audit trail in
//! `Document::removed`. Never panics.
//!
//! The parts, one job each: `error` (the public types, re-exported here), `decode` (bytes to text),
//! `labels` (the Encoding Standard's labels), `invisible` (invisible and control characters),
//! `html` and `markdown` (markup to text); this file holds the limits and the pipeline that runs
//! them in order.

mod decode;
mod error;
mod html;
mod invisible;
mod labels;
mod markdown;
mod meta;
mod reason;
mod score;
pub mod wire;

#[cfg(feature = "encodings")]
pub use decode::EncodingRs;
pub use decode::{default_decoder, Decoder, UnicodeOnly};
pub use error::{
    Binary, Dropped, Encoding, Extracted, Format, ImportError, Imported, Invisible, Note,
};
pub use meta::page_meta;

pub use crate::front::PageMeta;
use crate::model::{is_id, Corpus, Document};
use crate::pipeline::{process_document, SourceMeta};
use crate::segment::{plain_text, sentence_spans};
use crate::text::words;
use decode::{decode, looks_like_html, signature};
use html::{html_with_body, walk};
use invisible::{invisible, keeps_joiner, normalise, Seen};
use markdown::markdown;
use sha2::{Digest, Sha256};

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
    duplicate_of(fingerprint(doc, usize::MAX), existing)
}

/// The document of `existing` with the fingerprint `print`.
fn duplicate_of(print: Option<([u8; 32], usize)>, existing: &Corpus) -> Option<&Document> {
    let (mine, count) = print?;
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
/// `import_extracted`, which an app can run as two tasks with a paint between. Legacy encodings
/// are decoded by `default_decoder`.
pub fn import(
    name: &str,
    bytes: &[u8],
    existing: &Corpus,
    id: &str,
) -> Result<Imported, ImportError> {
    import_with(name, bytes, existing, id, default_decoder())
}

/// `import` with legacy encodings decoded by `decoder`.
pub fn import_with(
    name: &str,
    bytes: &[u8],
    existing: &Corpus,
    id: &str,
    decoder: &dyn Decoder,
) -> Result<Imported, ImportError> {
    check_id(name, id, existing)?;
    import_extracted(extract_with(name, bytes, decoder)?, existing, id)
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
    import_extracted(
        extract_as(name, text.as_bytes(), true, &UnicodeOnly)?,
        existing,
        id,
    )
}

/// Reads the file `name`: its size and kind checked, decoded, its markup turned into text,
/// invisible characters removed, over-long lines cut. Legacy encodings are decoded by
/// `default_decoder`.
pub fn extract(name: &str, bytes: &[u8]) -> Result<Extracted, ImportError> {
    extract_with(name, bytes, default_decoder())
}

/// `extract` with legacy encodings decoded by `decoder` (in the browser, its own `TextDecoder`).
pub fn extract_with(
    name: &str,
    bytes: &[u8],
    decoder: &dyn Decoder,
) -> Result<Extracted, ImportError> {
    extract_as(name, bytes, false, decoder)
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

fn extract_as(
    name: &str,
    bytes: &[u8],
    as_text: bool,
    decoder: &dyn Decoder,
) -> Result<Extracted, ImportError> {
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
    // The page's `<meta charset>` is read in a file that is HTML by its name or its start.
    let page = match named {
        Some(Format::Html) => true,
        Some(Format::Markdown) => false,
        _ => !as_text && looks_like_html(bytes),
    };
    let (decoded, encoding) = decode(name, bytes, page, decoder)?;
    let mut notes = Vec::new();
    if !matches!(encoding, Encoding::Utf8 | Encoding::Utf8Bom) {
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
        _ if !as_text && looks_like_html(text.as_bytes()) => {
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
            match front {
                Some(meta) => {
                    notes.push(Note::FrontMatter);
                    crate::front::write(&meta) + &md
                }
                None => md,
            }
        }
        Format::Html => {
            // The page's own details first, as a block cleaning sets aside (`front`).
            let (meta, body) = meta::page_details(&text);
            let details = crate::front::write(&meta);
            let (html, dropped) = html_with_body(&text, &body);
            notes.extend(dropped);
            details + &html
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
/// second half of `import` (`prepare`, then `admit`).
pub fn import_extracted(
    extracted: Extracted,
    existing: &Corpus,
    id: &str,
) -> Result<Imported, ImportError> {
    check_id(&extracted.name, id, existing)?;
    admit(prepare(extracted, id)?, existing)
}

/// Cleans and segments a file's text into document `id`, away from any library: the costly
/// part of `import_extracted`, which a Web Worker can run while the page stays responsive.
/// Refuses a text that keeps no paragraph.
pub fn prepare(extracted: Extracted, id: &str) -> Result<Imported, ImportError> {
    let Extracted {
        name,
        mut text,
        format,
        encoding,
        mut notes,
    } = extracted;
    let name = name.as_str();
    // Cleaning takes the first line as the title. When it cannot be one (a paragraph, or a line
    // that cleaning sets aside so that a paragraph comes first), the file name goes first, after
    // the page's own details when the text starts with them.
    let front = crate::front::end(&text);
    let first = text[front..]
        .lines()
        .find(|l| !l.trim().is_empty() && crate::markers::removed(l).is_none())
        .unwrap_or("");
    let titled = |text: &str| {
        let (details, body) = text.split_at(front);
        (
            format!(
                "{details}{}{}\n\n{body}",
                if front > 0 { "\n\n" } else { "" },
                title_from_name(name)
            ),
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
    Ok(Imported {
        document: doc,
        text,
        format,
        encoding,
        notes,
    })
}

/// A document prepared for a library away from it (`wire::prepare_file`, in the app's Web
/// Worker), with what adding it costs worked out in advance: its stored form for `build`
/// (`bundle::store_document`) and the fingerprint that finds a duplicate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Prepared {
    pub imported: Imported,
    build: String,
    stored: String,
    print: Option<([u8; 32], usize)>,
}

impl Prepared {
    pub fn new(imported: Imported, build: &str) -> Prepared {
        Prepared {
            stored: crate::bundle::store_document(&imported.document, build),
            print: fingerprint(&imported.document, usize::MAX),
            build: build.to_owned(),
            imported,
        }
    }

    /// `admit` for a library of `build`, where its next document is `id`: the document and its
    /// stored form, made again only when the id or the build differ from those it was prepared
    /// for (another tab took the id meanwhile).
    pub fn admit(
        self,
        existing: &Corpus,
        id: &str,
        build: &str,
    ) -> Result<(Imported, String), ImportError> {
        let Prepared {
            mut imported,
            stored,
            print,
            build: prepared_for,
        } = self;
        let same = imported.document.id == id && prepared_for == build;
        if !same {
            imported.relabel(id);
        }
        let imported = admit_with(imported, print, existing)?;
        let stored = if same {
            stored
        } else {
            crate::bundle::store_document(&imported.document, build)
        };
        Ok((imported, stored))
    }
}

/// Takes a prepared document (`prepare`) into `existing`'s company: refused when its id is not
/// one or is taken, or when `existing` has the same text.
pub fn admit(imported: Imported, existing: &Corpus) -> Result<Imported, ImportError> {
    let print = fingerprint(&imported.document, usize::MAX);
    admit_with(imported, print, existing)
}

/// `admit` with the document's `fingerprint` worked out already.
fn admit_with(
    imported: Imported,
    print: Option<([u8; 32], usize)>,
    existing: &Corpus,
) -> Result<Imported, ImportError> {
    let name = &imported.document.file;
    check_id(name, &imported.document.id, existing)?;
    if let Some(d) = duplicate_of(print, existing) {
        return Err(ImportError::Duplicate {
            name: name.clone(),
            id: d.id.clone(),
            title: d.title.clone(),
        });
    }
    Ok(imported)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
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
