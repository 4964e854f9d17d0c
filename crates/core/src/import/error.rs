//! The import's public types: how a file was written and decoded, what it turned out to be, why it was refused (`ImportError`), what the import changed (`Note`), and what it returns (`Extracted`, `Imported`).

use super::{MAX_BYTES, MAX_LINE_BYTES, MAX_TEXT_BYTES};
use crate::model::Document;
use crate::strings::{count, size, thousands};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// How the file's text was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// Stable lower-case name, as in JSON (`parallax extract`): `text`, `markdown`, `html`.
    pub fn id(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Text => "plain text",
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
        }
    }
}

/// How the file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "EncodingWire")]
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
    /// A legacy encoding, by its name in the Encoding Standard (`windows-1252`, `Shift_JIS`…):
    /// `declared` by the page's `<meta charset>`, else windows-1252 for a file that is not UTF-8
    /// and names no encoding, as browsers read it.
    Legacy {
        name: &'static str,
        declared: bool,
    },
}

/// `Encoding` as bytes carry it (between a Web Worker and the page): a legacy encoding by its
/// name, read back as the Encoding Standard's own spelling.
#[derive(Serialize, Deserialize)]
enum EncodingWire {
    Utf8,
    Utf8Bom,
    Utf16Le { bom: bool },
    Utf16Be { bom: bool },
    Legacy { name: String, declared: bool },
}

impl From<Encoding> for EncodingWire {
    fn from(e: Encoding) -> Self {
        match e {
            Encoding::Utf8 => EncodingWire::Utf8,
            Encoding::Utf8Bom => EncodingWire::Utf8Bom,
            Encoding::Utf16Le { bom } => EncodingWire::Utf16Le { bom },
            Encoding::Utf16Be { bom } => EncodingWire::Utf16Be { bom },
            Encoding::Legacy { name, declared } => EncodingWire::Legacy {
                name: name.into(),
                declared,
            },
        }
    }
}

impl<'de> Deserialize<'de> for Encoding {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Encoding::try_from(EncodingWire::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<EncodingWire> for Encoding {
    type Error = String;

    fn try_from(e: EncodingWire) -> Result<Self, String> {
        Ok(match e {
            EncodingWire::Utf8 => Encoding::Utf8,
            EncodingWire::Utf8Bom => Encoding::Utf8Bom,
            EncodingWire::Utf16Le { bom } => Encoding::Utf16Le { bom },
            EncodingWire::Utf16Be { bom } => Encoding::Utf16Be { bom },
            EncodingWire::Legacy { name, declared } => Encoding::Legacy {
                name: super::labels::encoding_for_label(&name)
                    .ok_or_else(|| format!("no encoding is named {name:?}"))?,
                declared,
            },
        })
    }
}

impl Encoding {
    /// Stable lower-case name, as in JSON (`parallax extract`): the Encoding Standard's name of
    /// the encoding in lower case (`utf-8`, `utf-16le`, `windows-1252`, `shift_jis`…). Whether
    /// there was a byte-order mark, or the page declared it, is said by `label`.
    pub fn id(self) -> Cow<'static, str> {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => "utf-8".into(),
            Encoding::Utf16Le { .. } => "utf-16le".into(),
            Encoding::Utf16Be { .. } => "utf-16be".into(),
            Encoding::Legacy { name, .. } if name.bytes().any(|b| b.is_ascii_uppercase()) => {
                name.to_ascii_lowercase().into()
            }
            Encoding::Legacy { name, .. } => name.into(),
        }
    }

    pub fn label(self) -> Cow<'static, str> {
        match self {
            Encoding::Utf8 => "UTF-8".into(),
            Encoding::Utf8Bom => "UTF-8 with a byte-order mark".into(),
            Encoding::Utf16Le { bom: true } => "UTF-16LE with a byte-order mark".into(),
            Encoding::Utf16Le { bom: false } => "UTF-16LE without a byte-order mark".into(),
            Encoding::Utf16Be { bom: true } => "UTF-16BE with a byte-order mark".into(),
            Encoding::Utf16Be { bom: false } => "UTF-16BE without a byte-order mark".into(),
            Encoding::Legacy {
                name,
                declared: true,
            } => format!("{name}, as the page declares").into(),
            Encoding::Legacy {
                name,
                declared: false,
            } => format!("{name}, as browsers read a file that is not UTF-8 and names no encoding")
                .into(),
        }
    }
}

/// What a file that is not text turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Note {
    /// Decoded from UTF-16 or a legacy encoding (not noted for UTF-8).
    Decoded(Encoding),
    /// Named as plain text (or not named) but holds an HTML page: read as HTML.
    ReadAsHtml,
    Dropped {
        what: Dropped,
        count: u64,
    },
    /// Words of an HTML page outside the article its extraction keeps (`html::html`) dropped.
    OutsideMain {
        words: u64,
    },
    /// The article's text taken from the copy an HTML page gives in its data (JSON-LD
    /// `articleBody`): the page shows under a third of it without scripts.
    ArticleFromData {
        words: u64,
    },
    /// A Markdown front-matter block read: its details kept as the page's (`front`), its title first.
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
            Note::Decoded(e @ Encoding::Legacy { declared: false, .. }) => write!(
                f,
                "Decoded from {}: check that the text reads correctly.",
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
                "{} outside the page's article dropped: site header, menus, sidebars, link lists, comments and the like.",
                count(n, "word", "words")
            ),
            Note::ArticleFromData { words: n } => write!(
                f,
                "This page writes most of its article with a script: the article's {} were taken from the copy the page keeps for search engines (its JSON-LD data).",
                count(n, "word", "words")
            ),
            Note::FrontMatter => write!(f, "Front matter (the details block at the top) read: its title, authors, dates and address are shown with the article, not as its text."),
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

impl Imported {
    /// Gives the document the id `id`, and the title too when it had only its id for one.
    pub fn relabel(&mut self, id: &str) {
        let doc = &mut self.document;
        if doc.title == doc.id {
            doc.title = id.to_owned();
        }
        doc.id = id.to_owned();
    }
}

/// A file's text, read but not yet cleaned into a document: the first half of `import`, which
/// depends on the file alone (its cost grows with the file's size, up to `MAX_BYTES`; the
/// second half's with the text's, up to `MAX_TEXT_BYTES`).
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// The file's name as shown (`display_name`).
    pub(super) name: String,
    pub(super) text: String,
    pub(super) format: Format,
    pub(super) encoding: Encoding,
    pub(super) notes: Vec<Note>,
}

impl Extracted {
    /// The file's name as shown.
    pub fn name(&self) -> &str {
        &self.name
    }
}
