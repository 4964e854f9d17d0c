//! Per-corpus analysis state: the search index, theme and entity tags of every passage, and the
//! views computed from them (faceted filtering with counts, KWIC concordance, entity counts).

use crate::model::{Corpus, Lang, Theme};
use crate::search::{Index, Query, Unit};
use crate::strings::{first_chars, last_chars};
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
    /// Per passage (same order), its tags as positions in the lexicons, for facet counting.
    tag_positions: Vec<TagPositions>,
}

/// A passage's theme and entity tags as positions in `Analysis::themes` and `entities`.
struct TagPositions {
    themes: Vec<u16>,
    entities: Vec<u16>,
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

/// The values of a long facet worth listing: the selected ones, then those with the most passages
/// (corpus order among equals), `most` in all unless more are selected; and, when values with
/// passages are left out, how many have passages. One pass: the list stays sorted and at most
/// `most` long, or as long as the selected values need.
pub fn top_values(counts: &[FacetCount], most: usize) -> (Vec<&FacetCount>, Option<usize>) {
    let rank = |c: &FacetCount| (c.selected, c.count);
    let mut top: Vec<&FacetCount> = Vec::new();
    let mut total = 0;
    for c in counts.iter().filter(|c| c.count > 0 || c.selected) {
        total += 1;
        let at = top.partition_point(|t| rank(t) >= rank(c));
        if at < most || c.selected {
            top.insert(at, c);
            if top.len() > most && !top[top.len() - 1].selected {
                top.pop();
            }
        }
    }
    let more = (top.len() < total).then_some(total);
    (top, more)
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

/// `count` of `total` in whole percent, rounded to nearest (half up); 0 of nothing.
pub fn percent(count: usize, total: usize) -> usize {
    (count * 100 + total / 2).checked_div(total).unwrap_or(0)
}

/// A line of a keyword-in-context concordance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KwicLine {
    /// The passage, for filtering lines by the units of a faceted view.
    #[serde(skip)]
    pub unit: Unit,
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
    /// Analyses a corpus with its own themes; `extra` themes (reader-defined) are tagged
    /// exactly like them, after them.
    pub fn new(corpus: &Corpus, extra: &[Theme]) -> Analysis {
        let mut themes = corpus.themes.clone();
        themes.extend(extra.iter().cloned());
        Analysis::with_themes(corpus, &themes)
    }

    /// Analyses a corpus with the themes a view uses (`State::themes`: the corpus's as the
    /// reader changed them, then the reader's own) instead of the corpus's.
    pub fn with_themes(corpus: &Corpus, themes: &[Theme]) -> Analysis {
        let index = Index::build(corpus);
        let themes = Lexicon::new(themes);
        let entity_themes: Vec<Theme> = corpus.entities.iter().map(|e| e.as_theme()).collect();
        let entities = Lexicon::new(&entity_themes);
        let mut passages = Vec::with_capacity(index.units().len());
        // Lexicons stem with the default analyzer, as the index does: the passages' words are
        // looked up in its vocabulary, not stemmed again.
        for &unit in index.units() {
            let p = &corpus.documents[unit.doc as usize].passages[unit.passage as usize];
            let tokens = index.tokens(&p.text);
            let mut langs: Vec<Lang> = p.sentences.iter().map(|s| s.lang).collect();
            crate::sort::sort(&mut langs);
            langs.dedup();
            passages.push(PassageInfo {
                unit,
                themes: themes.tag_tokens(&p.text, &tokens),
                entities: entities.tag_tokens(&p.text, &tokens),
                langs,
            });
        }
        let position = |lexicon: &Lexicon, tags: &[Tag]| -> Vec<u16> {
            tags.iter()
                .filter_map(|tag| lexicon.themes().iter().position(|t| t.id == tag.id))
                .map(|i| i as u16)
                .collect()
        };
        let tag_positions = passages
            .iter()
            .map(|p| TagPositions {
                themes: position(&themes, &p.themes),
                entities: position(&entities, &p.entities),
            })
            .collect();
        Analysis {
            index,
            themes,
            entities,
            passages,
            tag_positions,
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
        // Passage positions that match the query, best first; every passage without a query.
        let matching: Vec<usize> = if query.is_empty() {
            (0..self.passages.len()).collect()
        } else {
            self.index
                .run(&query)
                .iter()
                .filter_map(|h| self.passages.binary_search_by_key(&h.unit, |p| p.unit).ok())
                .collect()
        };
        // The filters as positions in the lexicons and the corpus, looked up once: the loop below
        // then compares small integers, not ids. A selected id that names nothing keeps every
        // passage out, as it would by id.
        let positions = |ids: &[String], tags: &[Theme]| -> Option<Vec<u16>> {
            ids.iter()
                .map(|id| tags.iter().position(|t| t.id == *id).map(|i| i as u16))
                .collect()
        };
        let want_themes = positions(&f.themes, self.themes.themes());
        let want_entities = positions(&f.entities, self.entities.themes());
        let mut want_source = vec![f.sources.is_empty(); corpus.documents.len()];
        for (d, doc) in corpus.documents.iter().enumerate() {
            if f.sources.contains(&doc.id) {
                want_source[d] = true;
            }
        }
        let all_of = |want: &Option<Vec<u16>>, have: &[u16]| {
            want.as_ref()
                .is_some_and(|w| w.iter().all(|i| have.contains(i)))
        };
        let lang_ok =
            |p: &PassageInfo| f.langs.is_empty() || f.langs.iter().any(|l| p.langs.contains(l));
        // One pass over the matching passages: each facet counts the passages that pass every
        // other filter (and its own, for the facets whose values narrow), so the cost is linear
        // in passages × tags rather than values × passages.
        let mut theme_counts = vec![0usize; self.themes.themes().len()];
        let mut entity_counts = vec![0usize; self.entities.themes().len()];
        let mut source_counts = vec![0usize; corpus.documents.len()];
        let mut lang_counts = [0usize; 3];
        let mut kept = vec![false; self.passages.len()];
        for &i in &matching {
            let p = &self.passages[i];
            let tags = &self.tag_positions[i];
            let t = all_of(&want_themes, &tags.themes);
            let e = all_of(&want_entities, &tags.entities);
            let s = want_source
                .get(p.unit.doc as usize)
                .copied()
                .unwrap_or(false);
            let l = lang_ok(p);
            if t && e && s && l {
                kept[i] = true;
                for &k in &tags.themes {
                    theme_counts[k as usize] += 1;
                }
                for &k in &tags.entities {
                    entity_counts[k as usize] += 1;
                }
            }
            if t && e && l {
                if let Some(c) = source_counts.get_mut(p.unit.doc as usize) {
                    *c += 1;
                }
            }
            if t && e && s {
                for lang in &p.langs {
                    if let Some(k) = Lang::ALL.iter().position(|x| x == lang) {
                        lang_counts[k] += 1;
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

        let hits = matching
            .into_iter()
            .filter(|&i| kept[i])
            .map(|i| self.passages[i].unit)
            .collect();
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
            // The segments joined once, and each match's context sliced out of it: building the
            // rest of a long passage once per match made KWIC quadratic in the matches.
            let joined: String = segments.iter().map(|s| s.text.as_str()).collect();
            let mut at = 0;
            for s in &segments {
                let end = at + s.text.len();
                if s.mark {
                    out.push(KwicLine {
                        unit: hit.unit,
                        doc: doc.id.clone(),
                        passage: p.id.clone(),
                        left: last_chars(&joined[..at], width).to_owned(),
                        matched: s.text.clone(),
                        right: first_chars(&joined[end..], width).to_owned(),
                    });
                }
                at = end;
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
        crate::sort::sort_by(&mut out, |a, b| b.total.cmp(&a.total).then(a.id.cmp(&b.id)));
        out
    }
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;

    /// `facets` as it was written before it counted by lexicon positions: by ids, each filter
    /// checked on every passage. The faster one must agree with it on every filter.
    fn by_ids(a: &Analysis, corpus: &Corpus, f: &Filter) -> Facets {
        let query = a.index.parse(&f.query);
        let ranked: Option<Vec<Unit>> =
            (!query.is_empty()).then(|| a.index.run(&query).iter().map(|h| h.unit).collect());
        let q_ok = |p: &PassageInfo| ranked.as_ref().is_none_or(|r| r.contains(&p.unit));
        let has = |tags: &[Tag], id: &str| tags.iter().any(|t| t.id == id);
        let t_ok = |p: &PassageInfo| f.themes.iter().all(|t| has(&p.themes, t));
        let e_ok = |p: &PassageInfo| f.entities.iter().all(|e| has(&p.entities, e));
        let s_ok = |p: &PassageInfo| {
            f.sources.is_empty()
                || f.sources
                    .contains(&corpus.documents[p.unit.doc as usize].id)
        };
        let l_ok =
            |p: &PassageInfo| f.langs.is_empty() || f.langs.iter().any(|l| p.langs.contains(l));
        let count = |keep: &dyn Fn(&PassageInfo) -> bool| {
            a.passages.iter().filter(|p| q_ok(p) && keep(p)).count()
        };
        let facet = |id: &str, label: &str, n: usize, selected: bool| FacetCount {
            id: id.to_owned(),
            label: label.to_owned(),
            count: n,
            selected,
        };
        let all = |p: &PassageInfo| t_ok(p) && e_ok(p) && s_ok(p) && l_ok(p);
        Facets {
            hits: match &ranked {
                Some(r) => r
                    .iter()
                    .filter(|u| a.info(**u).is_some_and(all))
                    .copied()
                    .collect(),
                None => a
                    .passages
                    .iter()
                    .filter(|p| all(p))
                    .map(|p| p.unit)
                    .collect(),
            },
            themes: a
                .themes
                .themes()
                .iter()
                .map(|t| {
                    let n = count(&|p| all(p) && has(&p.themes, &t.id));
                    facet(&t.id, &t.label, n, f.themes.contains(&t.id))
                })
                .collect(),
            sources: corpus
                .documents
                .iter()
                .enumerate()
                .map(|(d, doc)| {
                    let n = count(&|p| t_ok(p) && e_ok(p) && l_ok(p) && p.unit.doc as usize == d);
                    facet(&doc.id, &doc.title, n, f.sources.contains(&doc.id))
                })
                .collect(),
            entities: a
                .entities
                .themes()
                .iter()
                .map(|e| {
                    let n = count(&|p| all(p) && has(&p.entities, &e.id));
                    facet(&e.id, &e.label, n, f.entities.contains(&e.id))
                })
                .collect(),
            langs: Lang::ALL
                .iter()
                .map(|l| {
                    let n = count(&|p| t_ok(p) && e_ok(p) && s_ok(p) && p.langs.contains(l));
                    facet(l.code(), l.name(), n, f.langs.contains(l))
                })
                .collect(),
        }
    }

    #[test]
    fn facets_agree_with_counting_by_ids() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia");
        let corpus = crate::source::load_dir(&dir).expect("the real corpus loads");
        let extra = [Theme {
            id: "my1".into(),
            label: "Corridors".into(),
            description: String::new(),
            terms: vec!["transport corridor".into(), "trade route".into()],
        }];
        let a = Analysis::new(&corpus, &extra);
        let s = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let mut checked = 0;
        for query in [
            "",
            "sanctions",
            "Iran Russia",
            "nucl* -Israel",
            "zzqxv",
            "\"payment systems\"",
        ] {
            for themes in [
                s(&[]),
                s(&["energy"]),
                s(&["military", "trade"]),
                s(&["my1"]),
                s(&["nope"]),
            ] {
                for sources in [s(&[]), s(&["002"]), s(&["001", "004"]), s(&["999"])] {
                    for entities in [s(&[]), s(&["iran"]), s(&["iran", "nope"])] {
                        for langs in [vec![], vec![Lang::Fr], vec![Lang::En, Lang::De]] {
                            let f = Filter {
                                query: query.into(),
                                themes: themes.clone(),
                                sources: sources.clone(),
                                entities: entities.clone(),
                                langs,
                            };
                            assert_eq!(a.facets(&corpus, &f), by_ids(&a, &corpus, &f), "{f:?}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 6 * 5 * 4 * 3 * 3);
    }
}
