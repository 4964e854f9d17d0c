//! What a lesson's printed handout shows of each step besides its texts: the passage a reader step names, the claims, figures and dates of a compare step, the first results of a search, a source's opening; built from the same analyses and export tables as the views, never in the app.

use crate::analysis::Analysis;
use crate::compare::compare;
use crate::export::{self, Cell, LinkBase, Made, Show, Table};
use crate::facts::FactGroup;
use crate::model::Corpus;
use crate::reuse::ReusePair;
use crate::state::View;
use crate::strings::passage_name;

/// Most results of a search step printed.
pub const MAX_RESULTS: usize = 5;
/// Most rows of a compare step's table printed.
pub const MAX_ROWS: usize = 12;
/// Longest text of a search result, a source's opening or a table cell printed, in characters
/// (a longer one ends with "…"), so that a step takes about a page; a passage a step names is
/// printed whole.
pub const MAX_TEXT_CHARS: usize = 700;

/// The key content of one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// A passage of a source (a reader step that names one).
    Passage {
        /// The source's title and id.
        title: String,
        doc: String,
        /// The passage as people name it ("passage 4").
        name: String,
        text: String,
    },
    /// A source: a reader step at its start, or its profile; its site and opening passage.
    Source {
        title: String,
        doc: String,
        site: String,
        opening: String,
    },
    /// A table for people (a compare step's claims, figures and dates, or its summary when it
    /// has none): at most `MAX_ROWS` rows, and how many more the view has.
    Table {
        caption: String,
        headings: Vec<String>,
        rows: Vec<Vec<String>>,
        more: usize,
    },
    /// A search step: its query (possibly empty), how many passages it finds, the first ones.
    Results {
        query: String,
        found: usize,
        results: Vec<Hit>,
    },
    /// Nothing more than the step's name and link (the library, the map, the notes…).
    Nothing,
}

impl Content {
    /// The words the step asks the student to read, for a lesson's export: a passage's text or
    /// a source's opening, at most `MAX_TEXT_CHARS` characters ("…" at the end when cut); empty
    /// for other content (the step's link opens it).
    pub fn quotation(&self) -> String {
        match self {
            Content::Passage { text, .. } => cut(text),
            Content::Source { opening, .. } => cut(opening),
            _ => String::new(),
        }
    }
}

/// One printed search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// "Source title (002), passage 4".
    pub place: String,
    pub text: String,
}

/// What the analyses a step needs are: the corpus, its analysis with the step's own themes,
/// reuse and facts (as `Data` in the app computes them once).
pub struct Sources<'a> {
    pub corpus: &'a Corpus,
    pub analysis: &'a Analysis,
    pub reuse: &'a [ReusePair],
    pub facts: &'a [FactGroup],
}

/// The key content of a step's view; `at` makes the links of the tables it reuses.
pub fn content(s: &Sources, view: &View, at: LinkBase) -> Content {
    let corpus = s.corpus;
    match view {
        View::Read(r) => {
            let Some(doc) = corpus.document(&r.doc) else {
                return Content::Nothing;
            };
            let passage = r.passage.as_deref().and_then(|id| doc.passage(id));
            match passage {
                Some(p) => Content::Passage {
                    title: doc.title.clone(),
                    doc: doc.id.clone(),
                    name: passage_name(&p.id),
                    // Whole: it is what the step asks the student to read.
                    text: p.text.clone(),
                },
                None => source(corpus, &r.doc),
            }
        }
        View::Source(src) => source(corpus, &src.doc),
        View::Compare(c) if c.docs.len() >= 2 => {
            let ids: Vec<&str> = c.docs.iter().map(String::as_str).collect();
            let Ok(comparison) = compare(corpus, s.analysis, s.reuse, s.facts, &ids) else {
                return Content::Nothing;
            };
            let made = Made { at, date: "" };
            let facts = export::compare_facts(corpus, &comparison, c, &made);
            let table = if facts.rows.is_empty() {
                export::compare_summary(corpus, &comparison, c, &made)
            } else {
                facts
            };
            for_people(&table)
        }
        View::Explore(e) => {
            let filter = e.filter();
            let facets = s.analysis.facets(corpus, &filter);
            let first = &facets.hits[..facets.hits.len().min(MAX_RESULTS)];
            let results = export::rows(corpus, s.analysis, first, at)
                .into_iter()
                .map(|r| Hit {
                    place: format!("{} ({}), {}", r.title, r.source, passage_name(&r.passage)),
                    text: cut(&r.text),
                })
                .collect();
            Content::Results {
                query: e.query.clone(),
                found: facets.hits.len(),
                results,
            }
        }
        _ => Content::Nothing,
    }
}

/// A source by its title, site and first passage.
fn source(corpus: &Corpus, id: &str) -> Content {
    let Some(doc) = corpus.document(id) else {
        return Content::Nothing;
    };
    Content::Source {
        title: doc.title.clone(),
        doc: doc.id.clone(),
        site: doc.site.clone().unwrap_or_default(),
        opening: doc
            .passages
            .first()
            .map(|p| cut(&p.text))
            .unwrap_or_default(),
    }
}

/// An export table as people read it: the columns for people (not the ids and plain numbers
/// kept for programs), the first `MAX_ROWS` rows.
fn for_people(t: &Table) -> Content {
    let keep: Vec<usize> = (0..t.columns.len())
        .filter(|&i| t.columns[i].show != Show::Data)
        .collect();
    let rows = t
        .rows
        .iter()
        .take(MAX_ROWS)
        .map(|row| keep.iter().map(|&i| cut(&cell(&row[i]))).collect())
        .collect();
    Content::Table {
        caption: t.title.clone(),
        headings: keep.iter().map(|&i| t.columns[i].heading.clone()).collect(),
        rows,
        more: t.rows.len().saturating_sub(MAX_ROWS),
    }
}

/// A cell as one line of text, a list's values joined by `; `.
fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Number(n) => n.to_string(),
        Cell::List(v) => v.join("; "),
        Cell::Marked(a, b, c) => format!("{a}{b}{c}"),
    }
}

/// At most `MAX_TEXT_CHARS` characters, "…" at the end when cut (at a word when one ends near).
fn cut(text: &str) -> String {
    match text.char_indices().nth(MAX_TEXT_CHARS) {
        None => text.to_owned(),
        Some((end, _)) => {
            let head = &text[..end];
            let at_word = head
                .rfind(char::is_whitespace)
                .filter(|&i| i > end / 2)
                .unwrap_or(end);
            format!("{}…", head[..at_word].trim_end())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_keeps_short_text_and_ends_long_text_at_a_word() {
        assert_eq!(cut("a short one"), "a short one");
        let long = "word ".repeat(MAX_TEXT_CHARS);
        let c = cut(&long);
        assert!(c.ends_with("word…"));
        assert!(c.chars().count() <= MAX_TEXT_CHARS + 1);
        let unbroken = "é".repeat(MAX_TEXT_CHARS + 5);
        assert_eq!(cut(&unbroken).chars().count(), MAX_TEXT_CHARS + 1);
    }
}
