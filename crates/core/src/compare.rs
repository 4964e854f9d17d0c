//! The comparison model: for two or more sources, per theme, what each says (its passages), which
//! wording they share, and the figures, dates and claims they dispute in that theme's sentences;
//! which themes a view shows, the distinct places of shared wording, and the facts tables. (What
//! each passage says beside the others, theme or no theme, is `align`'s.)

use crate::analysis::Analysis;
use crate::facts::{Agreement, FactGroup, FactKind, Mention};
use crate::model::{Corpus, Passage};
use crate::reuse::ReusePair;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// One source's column in a theme row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    pub doc: String,
    /// Passage ids tagged with the theme, in reading order.
    pub passages: Vec<String>,
}

/// Wording two of the compared sources share within a theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shared {
    /// The two sources, in column order.
    pub docs: [String; 2],
    /// Distinct places (reuse pairs) where they share wording in this theme's passages.
    pub places: usize,
}

/// A fact the sources dispute in a theme's own sentences.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dispute {
    /// The fact group's key and label.
    pub key: String,
    pub label: String,
    /// The mentions whose sentence is tagged with the theme; their values conflict.
    pub mentions: Vec<Mention>,
}

/// A theme across the compared sources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeRow {
    pub theme: String,
    pub label: String,
    pub columns: Vec<Column>,
    /// Reuse between two of the compared sources where both passages are in this row.
    pub reuse: Vec<ReusePair>,
    /// `reuse` counted per pair of sources, in column order; pairs that share nothing are left out.
    pub shared: Vec<Shared>,
    /// Fact groups with a mention in this row's passages, restricted to the compared sources.
    pub facts: Vec<FactGroup>,
    /// Disputed facts on this theme: of a group's mentions in the compared sources, those whose
    /// own sentence is tagged with the theme state values that cannot all be true.
    pub disputes: Vec<Dispute>,
}

impl ThemeRow {
    /// True when the sources differ on this theme: a figure, date or claim is stated in
    /// conflicting ways by sentences on the theme. A theme that some sources leave out is not by
    /// itself a difference: it shows as "0 passages", and silence is not disagreement.
    pub fn differs(&self) -> bool {
        !self.disputes.is_empty()
    }

    /// True when at least one compared source has a passage on the theme.
    pub fn spoken_to(&self) -> bool {
        self.columns.iter().any(|c| !c.passages.is_empty())
    }
}

/// What a set of theme rows adds up to, each thing counted once (see [`Comparison::totals`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Distinct passages per compared source, in column order.
    pub passages: Vec<usize>,
    /// Distinct places of shared wording per pair of sources that share any.
    pub shared: Vec<Shared>,
    /// Distinct disputed facts: key and label.
    pub disputes: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub docs: Vec<String>,
    pub rows: Vec<ThemeRow>,
    /// Every fact group stated by the compared sources, restricted to them and re-summarised,
    /// so that agreement is between these sources only.
    pub facts: Vec<FactGroup>,
}

impl Comparison {
    /// The rows a view shows: themes a compared source speaks to; only `theme` when it is set;
    /// with `only_differ`, only rows that differ.
    pub fn shown(&self, theme: Option<&str>, only_differ: bool) -> Vec<&ThemeRow> {
        self.rows
            .iter()
            .filter(|r| r.spoken_to())
            .filter(|r| theme.is_none_or(|t| t == r.theme))
            .filter(|r| !only_differ || r.differs())
            .collect()
    }

    /// The distinct places of shared wording in `rows`: a reuse pair in several themes counts once.
    pub fn shared_places<'a>(rows: &[&'a ThemeRow]) -> Vec<&'a ReusePair> {
        // A set of the places seen, either way round, not a search of those kept: a pair of
        // near-identical long sources shares thousands of places.
        let mut seen = BTreeSet::new();
        let mut out: Vec<&ReusePair> = Vec::new();
        for r in rows.iter().flat_map(|row| &row.reuse) {
            crate::probe::step(1);
            let (a, b) = (place(&r.a), place(&r.b));
            if seen.insert((a, b)) {
                seen.insert((b, a));
                out.push(r);
            }
        }
        out
    }

    /// The distinct sources `doc` shares wording with in `rows`, in column order.
    pub fn shares_with(&self, rows: &[&ThemeRow], doc: &str) -> Vec<String> {
        let places = Comparison::shared_places(rows);
        self.docs
            .iter()
            .filter(|d| {
                *d != doc
                    && places.iter().any(|p| {
                        (p.a.doc == doc && p.b.doc == **d) || (p.b.doc == doc && p.a.doc == **d)
                    })
            })
            .cloned()
            .collect()
    }

    /// What `rows` add up to, each thing counted once however many themes it is on: per source
    /// (in column order) its distinct passages, the distinct places of shared wording per pair of
    /// sources, and the distinct disputed facts.
    pub fn totals(&self, rows: &[&ThemeRow]) -> Totals {
        let passages = self
            .docs
            .iter()
            .map(|doc| {
                let mut seen: BTreeSet<&str> = BTreeSet::new();
                for c in rows
                    .iter()
                    .flat_map(|r| &r.columns)
                    .filter(|c| c.doc == *doc)
                {
                    crate::probe::step(c.passages.len());
                    seen.extend(c.passages.iter().map(String::as_str));
                }
                seen.len()
            })
            .collect();
        let places = Comparison::shared_places(rows);
        let mut shared = Vec::new();
        for (i, a) in self.docs.iter().enumerate() {
            for b in &self.docs[i + 1..] {
                let n = places
                    .iter()
                    .filter(|r| {
                        (r.a.doc == *a && r.b.doc == *b) || (r.a.doc == *b && r.b.doc == *a)
                    })
                    .count();
                if n > 0 {
                    shared.push(Shared {
                        docs: [a.clone(), b.clone()],
                        places: n,
                    });
                }
            }
        }
        let mut disputes: Vec<(String, String)> = Vec::new();
        let mut keys = BTreeSet::new();
        for d in rows.iter().flat_map(|r| &r.disputes) {
            if keys.insert(d.key.as_str()) {
                disputes.push((d.key.clone(), d.label.clone()));
            }
        }
        Totals {
            passages,
            shared,
            disputes,
        }
    }

    /// The facts tables of a view: claims in the corpus's claim order, then figures and dates
    /// with disputed ones first. With a theme, the facts stated in its passages; otherwise every
    /// fact of the compared sources. With `only_differ`, disputed ones only.
    pub fn fact_tables(
        &self,
        corpus: &Corpus,
        theme: Option<&str>,
        only_differ: bool,
    ) -> (Vec<FactGroup>, Vec<FactGroup>) {
        let groups: &[FactGroup] = match theme {
            Some(t) => self
                .rows
                .iter()
                .find(|r| r.theme == t)
                .map_or(&[][..], |r| &r.facts),
            None => &self.facts,
        };
        let (mut claims, mut figures): (Vec<FactGroup>, Vec<FactGroup>) = groups
            .iter()
            .filter(|g| !only_differ || g.agreement == Agreement::Differ)
            .cloned()
            .partition(|g| g.kind == FactKind::Claim);
        crate::sort::sort_by_key(&mut claims, |g| {
            corpus.claims.iter().position(|c| c.id == g.key)
        });
        crate::sort::sort_by_key(&mut figures, |g| match g.agreement {
            Agreement::Differ => 0,
            Agreement::Agree => 1,
            Agreement::Single => 2,
        });
        (claims, figures)
    }
}

/// Where a span is, for telling places of shared wording apart.
fn place(s: &crate::reuse::Span) -> (&str, &str, u32, u32) {
    (&s.doc, &s.passage, s.start, s.end)
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

/// The theme ids of the sentence that states a mention (the passage's sentence holding its
/// start), tagged on its own. The passage is looked up in `passages`, the sentence found by
/// binary search (sentences are in order and do not overlap), and each sentence tagged once
/// (`tagged`): a long passage of many disputed dates would otherwise be searched and tagged
/// once per mention. The sentence's words are stemmed by the analysis's index, which has them.
fn mention_themes(
    passages: &BTreeMap<(&str, &str), (usize, &Passage)>,
    tagged: &mut BTreeMap<(usize, usize), Vec<String>>,
    analysis: &Analysis,
    m: &Mention,
) -> Vec<String> {
    crate::probe::step(1);
    let Some(&(n, p)) = passages.get(&(m.doc.as_str(), m.passage.as_str())) else {
        return Vec::new();
    };
    let i = p.sentences.partition_point(|s| s.end <= m.start);
    match p.sentences.get(i) {
        Some(s) if s.start <= m.start => tagged
            .entry((n, i))
            .or_insert_with(|| {
                let text = p.sentence_text(s);
                analysis
                    .themes
                    .tag_tokens(text, &analysis.index.tokens(text))
                    .into_iter()
                    .map(|t| t.id)
                    .collect()
            })
            .clone(),
        _ => Vec::new(),
    }
}

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
    // The compared sources' passages by document and passage id.
    // Each numbered, for the cache of tagged sentences.
    let passages: BTreeMap<(&str, &str), (usize, &Passage)> = corpus
        .documents
        .iter()
        .filter(|d| ids.contains(&d.id.as_str()))
        .flat_map(|d| {
            d.passages
                .iter()
                .map(move |p| ((d.id.as_str(), p.id.as_str()), p))
        })
        .enumerate()
        .map(|(n, (key, p))| (key, (n, p)))
        .collect();
    let mut tagged = BTreeMap::new();
    // Every group restricted to the compared sources, with the themes of each mention's sentence.
    let groups: Vec<(FactGroup, Vec<Vec<String>>)> = facts
        .iter()
        .filter_map(|g| {
            let mentions: Vec<Mention> = g
                .mentions
                .iter()
                .filter(|m| ids.contains(&m.doc.as_str()))
                .cloned()
                .collect();
            if mentions.is_empty() {
                return None;
            }
            let g = g.with_mentions(mentions);
            let themes = if g.agreement == Agreement::Differ {
                g.mentions
                    .iter()
                    .map(|m| mention_themes(&passages, &mut tagged, analysis, m))
                    .collect()
            } else {
                Vec::new()
            };
            Some((g, themes))
        })
        .collect();
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
            // A set, not a search of the columns: asked once per reuse pair and per mention.
            let row: BTreeSet<(&str, &str)> = columns
                .iter()
                .flat_map(|c| c.passages.iter().map(|p| (c.doc.as_str(), p.as_str())))
                .collect();
            let in_row = |doc: &str, passage: &str| {
                crate::probe::step(1);
                row.contains(&(doc, passage))
            };
            let reuse: Vec<ReusePair> = reuse
                .iter()
                .filter(|r| in_row(&r.a.doc, &r.a.passage) && in_row(&r.b.doc, &r.b.passage))
                .cloned()
                .collect();
            let mut shared = Vec::new();
            for (i, a) in ids.iter().enumerate() {
                for b in &ids[i + 1..] {
                    let places = reuse
                        .iter()
                        .filter(|r| {
                            (r.a.doc == *a && r.b.doc == *b) || (r.a.doc == *b && r.b.doc == *a)
                        })
                        .count();
                    if places > 0 {
                        shared.push(Shared {
                            docs: [(*a).to_owned(), (*b).to_owned()],
                            places,
                        });
                    }
                }
            }
            let facts = groups
                .iter()
                .filter(|(g, _)| g.mentions.iter().any(|m| in_row(&m.doc, &m.passage)))
                .map(|(g, _)| g.clone())
                .collect();
            let disputes = groups
                .iter()
                .filter(|(g, _)| g.agreement == Agreement::Differ)
                .filter_map(|(g, themes)| {
                    let on = g.with_mentions(
                        g.mentions
                            .iter()
                            .zip(themes)
                            .filter(|(_, t)| t.contains(&theme.id))
                            .map(|(m, _)| m.clone())
                            .collect(),
                    );
                    (on.agreement == Agreement::Differ).then_some(Dispute {
                        key: on.key,
                        label: on.label,
                        mentions: on.mentions,
                    })
                })
                .collect();
            ThemeRow {
                theme: theme.id.clone(),
                label: theme.label.clone(),
                columns,
                reuse,
                shared,
                facts,
                disputes,
            }
        })
        .collect();
    Ok(Comparison {
        docs: ids.iter().map(|d| (*d).to_owned()).collect(),
        rows,
        facts: groups.into_iter().map(|(g, _)| g).collect(),
    })
}
