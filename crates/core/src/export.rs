//! Exports of what a view shows, as files a teacher can open: one `Table` model (a title, lines saying where it comes from, columns each with a heading for people and a key for programs, rows of cells, the parts of its file name), written by `format` as CSV (with a BOM, formula-safe), JSON, plain text or Markdown (escaped only where a character would start markup).
//!
//! The tables of each view are built here, never in the app: Explore's passages and concordance
//! lines (`explore`), Compare's summary and its figures, dates and claims (`compare`), the map's
//! themes × sources (`map`), a source profile (`profile`) and a whole lesson, a row a step
//! (`lesson`). Each writes labels as the screen shows them (a reader's own themes, `my1`…, by
//! their own labels) and keeps ids in columns of their own, for spreadsheets and programs. Links
//! back keep the reader's own themes. File names come from `name::file_name`.

mod compare;
mod explore;
mod format;
mod lesson;
mod map;
mod name;
mod profile;

pub use compare::{compare_facts, compare_summary};
pub use explore::{concordance, csv, kwic_csv, kwic_rows, passages, rows, KwicRow, Row};
pub use format::markdown_text;
pub use lesson::lesson;
pub use map::map;
pub use name::file_name;
pub use profile::profile;

use crate::facts::readable_date;
use crate::model::Corpus;
use crate::state::{print, CustomTheme, Read, State, ThemeEdits, View};

/// Where an export was made: the site's address (`dom::page_address`: the page's folder when the
/// build has prerendered pages), the corpus version, the reader-defined themes in use (their ids,
/// `my1`…, appear in rows, so links carry them) and the documents with pages of their own.
#[derive(Debug, Clone, Copy)]
pub struct LinkBase<'a> {
    pub base: &'a str,
    pub version: &'a str,
    pub custom: &'a [CustomTheme],
    /// The reader's changes to the corpus's themes, which links carry too.
    pub edits: &'a ThemeEdits,
    /// The documents with a page prerendered at build time: a link to one of them is written
    /// under its page (`state::prerendered_page`), which opens it with its text at first paint.
    /// Empty where there are none (the single file, a native export).
    pub pages: &'a [String],
}

impl LinkBase<'_> {
    /// The link that opens `passage` of `doc` in the reader.
    fn passage(&self, doc: &str, passage: &str) -> String {
        self.view(View::Read(Read::at(doc, Some(passage))))
    }

    /// The link that opens `view`, with the reader's own themes.
    pub fn view(&self, view: View) -> String {
        let state = State {
            view,
            custom: self.custom.to_vec(),
            edits: self.edits.clone(),
        };
        let page = crate::state::prerendered_page(&state, self.pages);
        format!(
            "{}{}{}",
            self.base,
            page.as_deref().unwrap_or_default(),
            print(&state, self.version)
        )
    }
}

/// Where and when an export is made: links back, and the day (the core has no clock).
#[derive(Debug, Clone, Copy)]
pub struct Made<'a> {
    pub at: LinkBase<'a>,
    /// The reader's date, `YYYY-MM-DD`: in the file name and, in words, in the file.
    pub date: &'a str,
}

/// Who reads a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// Every format.
    All,
    /// CSV and JSON only: ids and plain numbers, for spreadsheets and programs.
    Data,
    /// Plain text and Markdown only: a value worded as the screen words it.
    People,
}

/// A column: its heading (the CSV header, and the words before a value in text and Markdown),
/// its key in JSON, who reads it, and whether its values are links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub key: String,
    pub heading: String,
    pub show: Show,
    pub link: bool,
}

impl Column {
    pub fn new(key: impl Into<String>, heading: impl Into<String>, show: Show) -> Column {
        Column {
            key: key.into(),
            heading: heading.into(),
            show,
            link: false,
        }
    }

    /// The same column, its values links.
    pub fn link(self) -> Column {
        Column { link: true, ..self }
    }
}

/// One value of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Number(usize),
    /// Several values: a JSON array, joined by `; ` in CSV and by `, ` for people.
    List(Vec<String>),
    /// A concordance line: the words before, the match, the words after (the match in bold in
    /// Markdown).
    Marked(String, String, String),
}

impl Cell {
    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Text(s) => s.trim().is_empty(),
            Cell::Number(_) => false,
            Cell::List(v) => v.iter().all(|s| s.trim().is_empty()),
            Cell::Marked(a, b, c) => {
                a.trim().is_empty() && b.trim().is_empty() && c.trim().is_empty()
            }
        }
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Number(n)
    }
}

impl From<Vec<String>> for Cell {
    fn from(v: Vec<String>) -> Cell {
        Cell::List(v)
    }
}

/// What a view exports: a titled table, with what the text and Markdown files say about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// What it holds, in words: the heading of the text and Markdown files.
    pub title: String,
    /// Lines under the title: "Made", "Sources", "Search"… with their values.
    pub about: Vec<(String, String)>,
    /// The link that opens the view in Parallax.
    pub link: String,
    /// The parts of the file name between `parallax-` and the date: the view, then its query or
    /// sources, as given (`name::file_name` makes them safe).
    pub name: Vec<String>,
    /// The reader's date, `YYYY-MM-DD`.
    pub date: String,
    pub columns: Vec<Column>,
    /// One cell per column in each row.
    pub rows: Vec<Vec<Cell>>,
    /// The column that names a row in text and Markdown (its first line).
    pub label: Option<usize>,
    /// The column quoted in full under the row's name in text and Markdown: a passage's text.
    pub quote: Option<usize>,
    /// The column whose value heads a group of rows in text and Markdown (a profile's sections).
    pub group: Option<usize>,
}

/// The formats of every export, in the order the buttons offer them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Text,
    Markdown,
    Json,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Csv, Format::Text, Format::Markdown, Format::Json];

    /// The file extension, also the button's `data-format`.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }

    /// The media type of the download.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Csv => "text/csv;charset=utf-8",
            Format::Text => "text/plain;charset=utf-8",
            Format::Markdown => "text/markdown;charset=utf-8",
            Format::Json => "application/json",
        }
    }

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "Spreadsheet (CSV)",
            Format::Text => "Text",
            Format::Markdown => "Markdown",
            Format::Json => "JSON",
        }
    }

    /// What the button's tooltip says the file is for.
    pub fn help(self) -> &'static str {
        match self {
            Format::Csv => "For Excel, LibreOffice or Google Sheets",
            Format::Text => "Plain text to paste into a document",
            Format::Markdown => "Text with headings and quotes, for notes apps",
            Format::Json => "Data for programs",
        }
    }
}

impl Table {
    /// The file in `format`.
    pub fn write(&self, format: Format) -> String {
        match format {
            Format::Csv => format::csv(self),
            Format::Text => format::text(self),
            Format::Markdown => format::markdown(self),
            Format::Json => format::json(self),
        }
    }

    /// The file's name in `format`: `parallax-<name…>-<date>.<ext>`, safe on every system.
    pub fn file_name(&self, format: Format) -> String {
        let parts: Vec<&str> = self.name.iter().map(String::as_str).collect();
        file_name(&parts, &self.date, format.ext())
    }

    /// The same table under `title`, with the lines `about` it and the day it was made, the
    /// link that opens `view`, and the parts of its file name.
    fn titled(
        self,
        title: String,
        mut about: Vec<(String, String)>,
        made: &Made,
        view: View,
        name: Vec<String>,
    ) -> Table {
        about.push((
            "Made".into(),
            format!("{}, with Parallax", readable_date(made.date)),
        ));
        Table {
            title,
            about,
            link: made.at.view(view),
            name,
            date: made.date.to_owned(),
            ..self
        }
    }
}

/// "002 Title; 004 Title": sources by id and title, for the lines under a title.
fn sources_line<'a>(corpus: &Corpus, ids: impl IntoIterator<Item = &'a str>) -> String {
    ids.into_iter()
        .map(|id| format!("{id} {}", corpus.title_of(id)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Escapes every character Markdown could read as markup, so that text stays text and reads
/// back exactly (the notes' Markdown, which is imported again). Exports escape less:
/// `markdown_text`.
pub(crate) fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*_{}[]()<>#+-.!|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
