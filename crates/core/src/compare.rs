//! The comparison model: for two or more sources, per theme, what each says (its passages), which
//! passages were reused between them, and the figures, dates and claims they share or dispute.

use crate::analysis::Analysis;
use crate::facts::{Agreement, FactGroup};
use crate::model::Corpus;
use crate::reuse::ReusePair;
use serde::Serialize;
use std::fmt;

/// One source's column in a theme row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    pub doc: String,
    /// Passage ids tagged with the theme, in reading order.
    pub passages: Vec<String>,
}

/// A theme across the compared sources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeRow {
    pub theme: String,
    pub label: String,
    pub columns: Vec<Column>,
    /// Reuse between two of the compared sources where both passages are in this row.
    pub reuse: Vec<ReusePair>,
    /// Fact groups with a mention in this row's passages, restricted to the compared sources.
    pub facts: Vec<FactGroup>,
}

impl ThemeRow {
    /// True when the sources differ here: a disputed fact, or a theme some sources are silent on.
    pub fn differs(&self) -> bool {
        self.facts.iter().any(|f| f.agreement == Agreement::Differ)
            || self.columns.iter().any(|c| c.passages.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub docs: Vec<String>,
    pub rows: Vec<ThemeRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompareError {
    /// Fewer than two distinct sources.
    TooFew,
    UnknownDoc(String),
}

impl fmt::Display for CompareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompareError::TooFew => write!(f, "pick at least two different sources to compare"),
            CompareError::UnknownDoc(d) => write!(f, "there is no source {d:?}"),
        }
    }
}

impl std::error::Error for CompareError {}

/// Compares sources theme by theme. Repeated ids count once; order is kept.
pub fn compare(
    corpus: &Corpus,
    analysis: &Analysis,
    reuse: &[ReusePair],
    facts: &[FactGroup],
    docs: &[&str],
) -> Result<Comparison, CompareError> {
    let mut ids: Vec<&str> = Vec::new();
    for d in docs {
        if corpus.document(d).is_none() {
            return Err(CompareError::UnknownDoc((*d).to_owned()));
        }
        if !ids.contains(d) {
            ids.push(d);
        }
    }
    if ids.len() < 2 {
        return Err(CompareError::TooFew);
    }
    let rows = analysis
        .themes
        .themes()
        .iter()
        .map(|theme| {
            let columns: Vec<Column> = ids
                .iter()
                .map(|&doc| {
                    let d = corpus
                        .documents
                        .iter()
                        .position(|x| x.id == doc)
                        .unwrap_or(0);
                    Column {
                        doc: doc.to_owned(),
                        passages: analysis
                            .passages
                            .iter()
                            .filter(|p| {
                                p.unit.doc as usize == d
                                    && p.themes.iter().any(|t| t.id == theme.id)
                            })
                            .map(|p| {
                                corpus.documents[d].passages[p.unit.passage as usize]
                                    .id
                                    .clone()
                            })
                            .collect(),
                    }
                })
                .collect();
            let in_row = |doc: &str, passage: &str| {
                columns
                    .iter()
                    .any(|c| c.doc == doc && c.passages.iter().any(|p| p == passage))
            };
            let reuse = reuse
                .iter()
                .filter(|r| in_row(&r.a.doc, &r.a.passage) && in_row(&r.b.doc, &r.b.passage))
                .cloned()
                .collect();
            let facts = facts
                .iter()
                .filter_map(|g| {
                    let mut g = g.clone();
                    g.mentions.retain(|m| ids.contains(&m.doc.as_str()));
                    let touches = g.mentions.iter().any(|m| in_row(&m.doc, &m.passage));
                    (touches && !g.mentions.is_empty()).then(|| {
                        g.summarize();
                        g
                    })
                })
                .collect();
            ThemeRow {
                theme: theme.id.clone(),
                label: theme.label.clone(),
                columns,
                reuse,
                facts,
            }
        })
        .collect();
    Ok(Comparison {
        docs: ids.iter().map(|d| (*d).to_owned()).collect(),
        rows,
    })
}
