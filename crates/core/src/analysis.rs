//! Per-corpus analysis state: the search index, theme and entity tags of every passage, and the
//! views computed from them (faceted filtering with counts, KWIC concordance, entity counts).

use crate::model::{Corpus, Lang, Theme};
use crate::search::{Index, Query, Unit};
use crate::tag::{Lexicon, Tag};
use serde::Serialize;

/// What is known about one passage.
#[derive(Debug, Clone)]
pub struct PassageInfo {
    pub unit: Unit,
    pub themes: Vec<Tag>,
    pub entities: Vec<Tag>,
    /// Languages of its sentences, sorted, without repeats.
    pub langs: Vec<Lang>,
}

/// The analysis of a corpus, with any reader-defined themes added after the built-in ones.
pub struct Analysis {
    pub index: Index,
    pub themes: Lexicon,
    pub entities: Lexicon,
    pub passages: Vec<PassageInfo>,
}

/// A faceted filter. Within themes and entities every selected value must hold (they narrow);
/// within sources and languages any selected value may hold (they are alternatives).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub query: String,
    pub themes: Vec<String>,
    pub sources: Vec<String>,
    pub entities: Vec<String>,
    pub langs: Vec<Lang>,
}

/// A facet value with the number of passages the results would have with it selected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub id: String,
    pub label: String,
    pub count: usize,
    pub selected: bool,
}

/// Results of a filter: matching passages (by relevance with a query, else in corpus order) and
/// the counts of every facet value given the other filters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Facets {
    #[serde(skip)]
    pub hits: Vec<Unit>,
    pub themes: Vec<FacetCount>,
    pub sources: Vec<FacetCount>,
    pub entities: Vec<FacetCount>,
    pub langs: Vec<FacetCount>,
}

/// Passages per theme and source: `counts[theme][doc]` of `totals[doc]` passages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeMatrix {
    pub totals: Vec<usize>,
    pub counts: Vec<Vec<usize>>,
}

/// A line of a keyword-in-context concordance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KwicLine {
    pub doc: String,
    pub passage: String,
    pub left: String,
    #[serde(rename = "match")]
    pub matched: String,
    pub right: String,
}

/// How often a source names an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityCount {
    pub id: String,
    pub name: String,
    pub kind: crate::model::EntityKind,
    /// Mentions per document, in corpus order: (document id, count).
    pub per_source: Vec<(String, usize)>,
    pub total: usize,
}

impl Analysis {
    /// Analyses a corpus; `extra` themes (reader-defined) are tagged exactly like built-in ones.
    pub fn new(corpus: &Corpus, extra: &[Theme]) -> Analysis {
        let index = Index::build(corpus);
        let mut themes_all = corpus.themes.clone();
        themes_all.extend(extra.iter().cloned());
        let themes = Lexicon::new(&themes_all);
        let entity_themes: Vec<Theme> = corpus.entities.iter().map(|e| e.as_theme()).collect();
        let entities = Lexicon::new(&entity_themes);
        let mut passages = Vec::with_capacity(index.units().len());
        for &unit in index.units() {
            let p = &corpus.documents[unit.doc as usize].passages[unit.passage as usize];
            let tokens = themes.analyzer().tokens(&p.text);
            let mut langs: Vec<Lang> = p.sentences.iter().map(|s| s.lang).collect();
            langs.sort_unstable();
            langs.dedup();
            passages.push(PassageInfo {
                unit,
                themes: themes.tag_tokens(&p.text, &tokens),
                entities: entities.tag_tokens(&p.text, &tokens),
                langs,
            });
        }
        Analysis {
            index,
            themes,
            entities,
            passages,
        }
    }

    /// Passage info by unit.
    pub fn info(&self, unit: Unit) -> Option<&PassageInfo> {
        self.passages
            .binary_search_by_key(&unit, |p| p.unit)
            .ok()
            .map(|i| &self.passages[i])
    }

    /// Filters passages and counts every facet value given the other filters.
    pub fn facets(&self, corpus: &Corpus, f: &Filter) -> Facets {
        let query: Query = self.index.parse(&f.query);
        let ranked = (!query.is_empty()).then(|| self.index.run(&query));
        let mut q_ok = vec![ranked.is_none(); self.passages.len()];
        if let Some(hits) = &ranked {
            for h in hits {
                if let Ok(i) = self.passages.binary_search_by_key(&h.unit, |p| p.unit) {
                    q_ok[i] = true;
                }
            }
        }
        let has = |tags: &[Tag], id: &str| tags.iter().any(|t| t.id == id);
        let doc_id = |p: &PassageInfo| corpus.documents[p.unit.doc as usize].id.as_str();
        let theme_ok = |p: &PassageInfo| f.themes.iter().all(|t| has(&p.themes, t));
        let entity_ok = |p: &PassageInfo| f.entities.iter().all(|e| has(&p.entities, e));
        let source_ok =
            |p: &PassageInfo| f.sources.is_empty() || f.sources.iter().any(|s| s == doc_id(p));
        let lang_ok =
            |p: &PassageInfo| f.langs.is_empty() || f.langs.iter().any(|l| p.langs.contains(l));
        // One pass over the passages: each facet counts the passages that pass every other
        // filter (and its own, for the facets whose values narrow), so the cost is linear in
        // passages × tags rather than values × passages.
        let theme_ids: Vec<&str> = self.themes.themes().iter().map(|t| t.id.as_str()).collect();
        let entity_ids: Vec<&str> = self
            .entities
            .themes()
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        let mut theme_counts = vec![0usize; theme_ids.len()];
        let mut entity_counts = vec![0usize; entity_ids.len()];
        let mut source_counts = vec![0usize; corpus.documents.len()];
        let mut lang_counts = [0usize; 3];
        for (p, q) in self.passages.iter().zip(&q_ok) {
            if !*q {
                continue;
            }
            let (t, e, s, l) = (theme_ok(p), entity_ok(p), source_ok(p), lang_ok(p));
            if t && e && s && l {
                for tag in &p.themes {
                    if let Some(i) = theme_ids.iter().position(|id| *id == tag.id) {
                        theme_counts[i] += 1;
                    }
                }
                for tag in &p.entities {
                    if let Some(i) = entity_ids.iter().position(|id| *id == tag.id) {
                        entity_counts[i] += 1;
                    }
                }
            }
            if t && e && l {
                if let Some(c) = source_counts.get_mut(p.unit.doc as usize) {
                    *c += 1;
                }
            }
            if t && e && s {
                for lang in &p.langs {
                    if let Some(i) = Lang::ALL.iter().position(|x| x == lang) {
                        lang_counts[i] += 1;
                    }
                }
            }
        }

        let themes = self
            .themes
            .themes()
            .iter()
            .zip(theme_counts)
            .map(|(t, count)| FacetCount {
                id: t.id.clone(),
                label: t.label.clone(),
                count,
                selected: f.themes.contains(&t.id),
            })
            .collect();
        let entities = self
            .entities
            .themes()
            .iter()
            .zip(entity_counts)
            .map(|(e, count)| FacetCount {
                id: e.id.clone(),
                label: e.label.clone(),
                count,
                selected: f.entities.contains(&e.id),
            })
            .collect();
        let sources = corpus
            .documents
            .iter()
            .zip(source_counts)
            .map(|(d, count)| FacetCount {
                id: d.id.clone(),
                label: d.title.clone(),
                count,
                selected: f.sources.contains(&d.id),
            })
            .collect();
        let langs = Lang::ALL
            .iter()
            .zip(lang_counts)
            .map(|(&l, count)| FacetCount {
                id: l.code().to_owned(),
                label: l.name().to_owned(),
                count,
                selected: f.langs.contains(&l),
            })
            .collect();

        let keep = |u: &Unit| {
            self.info(*u)
                .is_some_and(|p| theme_ok(p) && entity_ok(p) && source_ok(p) && lang_ok(p))
        };
        let hits = match ranked {
            Some(hits) => hits.into_iter().map(|h| h.unit).filter(keep).collect(),
            None => self.passages.iter().map(|p| p.unit).filter(keep).collect(),
        };
        Facets {
            hits,
            themes,
            sources,
            entities,
            langs,
        }
    }

    /// Keyword in context: every match of a term, phrase or query, with up to `width`
    /// characters of context on each side, in relevance order.
    pub fn kwic(&self, corpus: &Corpus, q: &str, width: usize) -> Vec<KwicLine> {
        let query = self.index.parse(q);
        let mut out = Vec::new();
        for hit in self.index.run(&query) {
            let doc = &corpus.documents[hit.unit.doc as usize];
            let p = &doc.passages[hit.unit.passage as usize];
            let segments = self.index.highlight(&p.text, &query);
            let mut before = String::new();
            for (i, s) in segments.iter().enumerate() {
                if s.mark {
                    let after: String = segments[i + 1..].iter().map(|s| s.text.as_str()).collect();
                    out.push(KwicLine {
                        doc: doc.id.clone(),
                        passage: p.id.clone(),
                        left: last_chars(&before, width),
                        matched: s.text.clone(),
                        right: first_chars(&after, width),
                    });
                }
                before.push_str(&s.text);
            }
        }
        out
    }

    /// The theme × source matrix: for every theme (lexicon order, reader-defined ones last) and
    /// document (corpus order), how many of the document's passages carry the theme, and each
    /// document's passage count.
    pub fn theme_matrix(&self, corpus: &Corpus) -> ThemeMatrix {
        let docs = corpus.documents.len();
        let themes = self.themes.themes();
        let mut totals = vec![0usize; docs];
        let mut counts = vec![vec![0usize; docs]; themes.len()];
        for p in &self.passages {
            let d = p.unit.doc as usize;
            if d >= docs {
                continue;
            }
            totals[d] += 1;
            for tag in &p.themes {
                if let Some(t) = themes.iter().position(|t| t.id == tag.id) {
                    counts[t][d] += 1;
                }
            }
        }
        ThemeMatrix { totals, counts }
    }

    /// Mentions of every entity per source, most mentioned first.
    pub fn entity_counts(&self, corpus: &Corpus) -> Vec<EntityCount> {
        let mut out: Vec<EntityCount> = corpus
            .entities
            .iter()
            .map(|e| {
                let per_source: Vec<(String, usize)> = corpus
                    .documents
                    .iter()
                    .enumerate()
                    .map(|(d, doc)| {
                        let n = self
                            .passages
                            .iter()
                            .filter(|p| p.unit.doc as usize == d)
                            .flat_map(|p| p.entities.iter().filter(|t| t.id == e.id))
                            .map(|t| t.evidence.len())
                            .sum();
                        (doc.id.clone(), n)
                    })
                    .collect();
                EntityCount {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    kind: e.kind,
                    total: per_source.iter().map(|(_, n)| n).sum(),
                    per_source,
                }
            })
            .collect();
        out.sort_by(|a, b| b.total.cmp(&a.total).then(a.id.cmp(&b.id)));
        out
    }
}

/// The last `n` characters of `s`, starting at a word: a cut word is dropped, not shown half.
fn last_chars(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return s.to_owned();
    }
    let tail: String = s.chars().skip(count - n).collect();
    match tail.find(char::is_whitespace) {
        Some(i) => tail[i..].to_owned(),
        None => tail,
    }
}

/// The first `n` characters of `s`, ending at a word.
fn first_chars(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_owned();
    }
    let head: String = s.chars().take(n).collect();
    match head.rfind(char::is_whitespace) {
        Some(i) => head[..i].to_owned(),
        None => head,
    }
}
