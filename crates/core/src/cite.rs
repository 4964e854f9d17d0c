//! Citations of sources for reference managers: CSL-JSON (Zotero, Mendeley), BibTeX (LaTeX) and RIS (EndNote, RefWorks), made of what Parallax knows of each document and nothing more.
//!
//! A `Reference` holds a document's title, its authors (from a "By" line, or each author the
//! page's own details name; a name claimed only in an "About the Author" box is left out, as the
//! profile and the signals do), its website, its publication date (when the page gives a real
//! calendar date), the day the citation is made (`accessed`, from the caller: the core has no
//! clock) and a link: the page's own address when an imported page gives one
//! (`PageDetails::url`), otherwise the source's Parallax reader link, with the corpus version
//! (`v=`) and without the reader's own themes: a citation names the source, not the view. A
//! field that is unknown is left out of every format, never made up.
//!
//! Text from the page is untrusted. Every field is cleaned once (`clean_field`: runs of white
//! space, line breaks included, made one space; control and bidi control characters dropped;
//! ends trimmed), then each writer escapes for its format on its own, so that a hand-made
//! `Reference` is as safe as one made here:
//!
//! - CSL-JSON is written by serde (quotes, backslashes and control characters escaped).
//! - BibTeX: `\ { } $ & % # _ ~ ^` become TeX commands (`\textbraceleft{}`, `\&`…), so that a
//!   value's braces are always the ones written here and balanced (BibTeX counts `\{` as a brace,
//!   so braces are never escaped with a backslash); title and author are wrapped in an inner
//!   pair of braces, which keeps the title's capitals and keeps an author as one name (an "and"
//!   or a comma in it does not split it). The link's braces, backslashes and spaces are
//!   percent-encoded (a link field is read verbatim).
//! - RIS: one `TAG  - value` line per field, CRLF line ends; a value never holds a line break,
//!   so it cannot start a line of its own and forge a tag.
//!
//! Each writer makes one pass over its input: linear time.

use crate::export::LinkBase;
use crate::model::Document;
use crate::state::{print, Read, State, View};
use crate::strings::{one_line, Day};
use serde::Serialize;

/// What a citation says of one source; every text already cleaned (`clean_field`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The citation key: `parallax-` and the document's id (letters, digits, `-` and `_` only).
    pub key: String,
    pub title: Option<String>,
    /// As the page's details list them, or its byline names them (Parallax does not split a
    /// printed byline into several names).
    pub authors: Vec<String>,
    /// The website's name.
    pub site: Option<String>,
    pub published: Option<Day>,
    /// The day the citation was made.
    pub accessed: Day,
    pub url: String,
}

/// A field as a citation holds it: one line (`strings::one_line`: line breaks and control
/// characters a space, bidi controls and byte-order marks dropped); `None` when nothing is left.
pub fn clean_field(s: &str) -> Option<String> {
    Some(one_line(s)).filter(|s| !s.is_empty())
}

/// The Parallax reader link of document `doc`: `at.base`, the read view and the corpus version;
/// the reader's own themes are left out.
pub fn reader_link(doc: &str, at: &LinkBase) -> String {
    let state = State {
        view: View::Read(Read::at(doc, None)),
        custom: Vec::new(),
        edits: Default::default(),
    };
    format!("{}{}", at.base, print(&state, at.version))
}

/// What Parallax knows of `doc`, to cite it on day `accessed`. The title is left out when it is
/// only the document's id (what the pipeline names a page without a title).
pub fn reference(doc: &Document, at: &LinkBase, accessed: Day) -> Reference {
    let key: String = doc
        .id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    Reference {
        key: format!("parallax-{key}"),
        title: clean_field(&doc.title).filter(|t| *t != doc.id),
        authors: doc.authors().into_iter().filter_map(clean_field).collect(),
        site: doc.site.as_deref().and_then(clean_field),
        published: doc.date.as_ref().and_then(|d| Day::from_iso(&d.iso)),
        accessed,
        url: doc
            .details
            .url
            .as_deref()
            .and_then(clean_field)
            .unwrap_or_else(|| reader_link(&doc.id, at)),
    }
}

/// The three formats, each named for the programs that read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    CslJson,
    BibTeX,
    Ris,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::CslJson, Format::BibTeX, Format::Ris];

    /// Stable name, for `data-format` attributes.
    pub fn id(self) -> &'static str {
        match self {
            Format::CslJson => "csl-json",
            Format::BibTeX => "bibtex",
            Format::Ris => "ris",
        }
    }

    /// What a reader is offered: the programs first, the format's name after.
    pub fn label(self) -> &'static str {
        match self {
            Format::CslJson => "For Zotero or Mendeley (CSL-JSON)",
            Format::BibTeX => "For LaTeX or Overleaf (BibTeX)",
            Format::Ris => "For EndNote, RefWorks or Word (RIS)",
        }
    }

    /// File name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::CslJson => "json",
            Format::BibTeX => "bib",
            Format::Ris => "ris",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::CslJson => "application/vnd.citationstyles.csl+json",
            Format::BibTeX => "application/x-bibtex;charset=utf-8",
            Format::Ris => "application/x-research-info-systems;charset=utf-8",
        }
    }

    /// The references in this format.
    pub fn write(self, refs: &[Reference]) -> String {
        match self {
            Format::CslJson => csl_json(refs),
            Format::BibTeX => bibtex(refs),
            Format::Ris => ris(refs),
        }
    }
}

#[derive(Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    parts: [[u16; 3]; 1],
}

impl From<Day> for CslDate {
    fn from(d: Day) -> CslDate {
        CslDate {
            parts: [[d.year(), u16::from(d.month()), u16::from(d.day())]],
        }
    }
}

#[derive(Serialize)]
struct CslName<'a> {
    literal: &'a str,
}

/// One item of CSL-JSON, the Citation Style Language's data format.
#[derive(Serialize)]
struct CslItem<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<CslName<'a>>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<CslDate>,
    accessed: CslDate,
    #[serde(rename = "URL")]
    url: &'a str,
}

/// CSL-JSON: an array of `webpage` items, names as `literal` (a byline is not split into given
/// and family names), the website as `container-title`, dates as `date-parts`.
pub fn csl_json(refs: &[Reference]) -> String {
    let items: Vec<CslItem> = refs
        .iter()
        .map(|r| CslItem {
            id: &r.key,
            kind: "webpage",
            title: r.title.as_deref(),
            author: r.authors.iter().map(|a| CslName { literal: a }).collect(),
            container_title: r.site.as_deref(),
            issued: r.published.map(CslDate::from),
            accessed: r.accessed.into(),
            url: &r.url,
        })
        .collect();
    // Serialising strings and integers cannot fail.
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_default();
    out.push('\n');
    out
}

/// Text as the value of a BibTeX field: TeX's special characters as commands, white space
/// collapsed, control characters dropped. The output holds no brace but those of `{}` after a
/// command, so it is balanced whatever the input.
fn tex(s: &str) -> String {
    let s = clean_field(s).unwrap_or_default();
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        crate::probe::step(1);
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '$' | '&' | '%' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A link as a BibTeX `url` field, which is read verbatim: braces, backslashes, white space and
/// control characters percent-encoded, so that the field's braces stay balanced.
fn tex_url(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        crate::probe::step(1);
        if matches!(c, '{' | '}' | '\\') || c.is_whitespace() || c.is_control() {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// BibTeX's three-letter month macros.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// BibTeX: one `@misc` entry per reference (the type every style knows), with `title` and
/// `author` in an inner pair of braces, the website as `howpublished`, the publication date as
/// `year` and `month` (BibTeX) and `date` (biblatex), the link as `url` and the day of the
/// citation as `urldate`. UTF-8, as biber and current LaTeX read it.
pub fn bibtex(refs: &[Reference]) -> String {
    let mut out = String::new();
    for (i, r) in refs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("@misc{{{},\n", r.key));
        if let Some(t) = &r.title {
            out.push_str(&format!("  title = {{{{{}}}}},\n", tex(t)));
        }
        if !r.authors.is_empty() {
            let names: Vec<String> = r
                .authors
                .iter()
                .map(|a| format!("{{{}}}", tex(a)))
                .collect();
            out.push_str(&format!("  author = {{{}}},\n", names.join(" and ")));
        }
        if let Some(s) = &r.site {
            out.push_str(&format!("  howpublished = {{{}}},\n", tex(s)));
        }
        if let Some(d) = r.published {
            out.push_str(&format!(
                "  year = {{{}}},\n  month = {},\n  date = {{{}}},\n",
                d.year(),
                MONTHS[usize::from(d.month()) - 1],
                d.iso()
            ));
        }
        out.push_str(&format!(
            "  url = {{{}}},\n  urldate = {{{}}},\n}}\n",
            tex_url(&r.url),
            r.accessed.iso()
        ));
    }
    out
}

/// A value on one RIS line: every line break (and any other run of white space) one space,
/// control characters dropped.
fn ris_value(s: &str) -> String {
    clean_field(s).unwrap_or_default()
}

/// `YYYY/MM/DD/`, RIS's date.
fn ris_date(d: Day) -> String {
    format!("{:04}/{:02}/{:02}/", d.year(), d.month(), d.day())
}

/// RIS: one `ELEC` (web page) record per reference, fields as Zotero and EndNote read them:
/// `TI` title, `AU` author, `T2` website, `PY` year and `DA` date of publication, `Y2` the day of
/// the citation, `UR` link, `ER` end. CRLF line ends, a blank line between records.
pub fn ris(refs: &[Reference]) -> String {
    fn line(out: &mut String, tag: &str, value: &str) {
        out.push_str(tag);
        out.push_str("  - ");
        out.push_str(value);
        out.push_str("\r\n");
    }
    let mut out = String::new();
    for (i, r) in refs.iter().enumerate() {
        if i > 0 {
            out.push_str("\r\n");
        }
        line(&mut out, "TY", "ELEC");
        if let Some(t) = &r.title {
            line(&mut out, "TI", &ris_value(t));
        }
        for a in &r.authors {
            line(&mut out, "AU", &ris_value(a));
        }
        if let Some(s) = &r.site {
            line(&mut out, "T2", &ris_value(s));
        }
        if let Some(d) = r.published {
            line(&mut out, "PY", &format!("{:04}", d.year()));
            line(&mut out, "DA", &ris_date(d));
        }
        line(&mut out, "Y2", &ris_date(r.accessed));
        line(&mut out, "UR", &ris_value(&r.url));
        line(&mut out, "ER", "");
    }
    out
}
