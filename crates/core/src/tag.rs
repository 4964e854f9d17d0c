//! Theme tagging with evidence: which themes a text touches, and the exact words that say so.
//!
//! A term is a word or a phrase; it matches by stems, word after word and in order ("payment
//! systems" matches "payment system", not "systems of payment"). Matching is on tokens of the
//! original text, so evidence offsets are exact.

use crate::model::Theme;
use crate::text::{Analyzer, Token};
use serde::Serialize;
use std::collections::HashMap;

/// Words that tell us a theme, with the span they cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Byte span in the tagged text.
    pub start: u32,
    pub end: u32,
    /// The text of that span, as written.
    pub text: String,
    /// The lexicon term that matched.
    pub term: String,
}

/// A theme found in a text, with all its evidence in text order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    pub id: String,
    pub label: String,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone)]
struct Entry {
    theme: usize,
    term: usize,
    stems: Vec<String>,
    /// Per word: the exact spelling required for acronyms ("UN" must not match French "un").
    exact: Vec<Option<String>>,
}

/// A word of two or more letters, all capitals: an acronym, matched case-sensitively.
fn is_acronym(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Themes compiled for matching: entries indexed by the stem of their first word.
pub struct Lexicon {
    themes: Vec<Theme>,
    by_first: HashMap<String, Vec<Entry>>,
    analyzer: Analyzer,
}

impl Lexicon {
    /// Compiles themes. Terms with no word characters are ignored; duplicate terms are harmless.
    pub fn new(themes: &[Theme]) -> Lexicon {
        let analyzer = Analyzer::default();
        let mut by_first: HashMap<String, Vec<Entry>> = HashMap::new();
        for (ti, theme) in themes.iter().enumerate() {
            for (term_i, term) in theme.terms.iter().enumerate() {
                let tokens = analyzer.tokens(term);
                let exact = tokens
                    .iter()
                    .map(|t| {
                        let w = &term[t.start as usize..t.end as usize];
                        is_acronym(w).then(|| w.to_owned())
                    })
                    .collect();
                let stems: Vec<String> = tokens.into_iter().map(|t| t.stem).collect();
                if let Some(first) = stems.first() {
                    by_first.entry(first.clone()).or_default().push(Entry {
                        theme: ti,
                        term: term_i,
                        stems,
                        exact,
                    });
                }
            }
        }
        // Longest phrases first, so that each position takes its longest match per theme.
        for entries in by_first.values_mut() {
            crate::sort::sort_by(entries, |a, b| {
                b.stems
                    .len()
                    .cmp(&a.stems.len())
                    .then(a.theme.cmp(&b.theme))
            });
        }
        Lexicon {
            themes: themes.to_vec(),
            by_first,
            analyzer,
        }
    }

    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Tags a text: the themes it touches, in lexicon order, each with its evidence.
    pub fn tag(&self, text: &str) -> Vec<Tag> {
        self.tag_tokens(text, &self.analyzer.tokens(text))
    }

    /// Tags each sentence of a passage on its own; evidence offsets are into the passage text.
    pub fn tag_sentences(&self, passage: &crate::model::Passage) -> Vec<Vec<Tag>> {
        passage
            .sentences
            .iter()
            .map(|s| {
                let mut tags = self.tag(passage.sentence_text(s));
                for t in &mut tags {
                    for e in &mut t.evidence {
                        e.start += s.start;
                        e.end += s.start;
                    }
                }
                tags
            })
            .collect()
    }

    /// Tags already tokenised text (tokens of `text`).
    pub fn tag_tokens(&self, text: &str, tokens: &[Token]) -> Vec<Tag> {
        let mut found: Vec<Vec<Evidence>> = vec![Vec::new(); self.themes.len()];
        // Per theme, the token index before which a match of that theme cannot start, so that
        // overlapping matches of one theme count once (the longest, leftmost).
        let mut next_free = vec![0usize; self.themes.len()];
        for i in 0..tokens.len() {
            let Some(entries) = self.by_first.get(&tokens[i].stem) else {
                continue;
            };
            for e in entries {
                if i < next_free[e.theme] || i + e.stems.len() > tokens.len() {
                    continue;
                }
                let matches = e
                    .stems
                    .iter()
                    .zip(&e.exact)
                    .zip(&tokens[i..])
                    .all(|((s, x), t)| {
                        *s == t.stem
                            && x.as_ref()
                                .is_none_or(|w| &text[t.start as usize..t.end as usize] == w)
                    });
                if matches {
                    let last = &tokens[i + e.stems.len() - 1];
                    let (start, end) = (tokens[i].start, last.end);
                    found[e.theme].push(Evidence {
                        start,
                        end,
                        text: text[start as usize..end as usize].to_owned(),
                        term: self.themes[e.theme].terms[e.term].clone(),
                    });
                    next_free[e.theme] = i + e.stems.len();
                }
            }
        }
        found
            .into_iter()
            .enumerate()
            .filter(|(_, ev)| !ev.is_empty())
            .map(|(i, evidence)| Tag {
                id: self.themes[i].id.clone(),
                label: self.themes[i].label.clone(),
                evidence,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(id: &str, terms: &[&str]) -> Theme {
        Theme {
            id: id.into(),
            label: id.to_uppercase(),
            description: String::new(),
            terms: terms.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn phrases_and_stems_with_exact_evidence() {
        let lex = Lexicon::new(&[
            theme("energy", &["nuclear power plant", "nuclear", "oil"]),
            theme("finance", &["sanction", "payment system"]),
        ]);
        let text = "Two Nuclear Power Plants, oil, and sanctioned payment  systems.";
        let tags = lex.tag(text);
        assert_eq!(tags.len(), 2);
        let energy: Vec<(&str, &str)> = tags[0]
            .evidence
            .iter()
            .map(|e| (e.text.as_str(), e.term.as_str()))
            .collect();
        assert_eq!(
            energy,
            [
                ("Nuclear Power Plants", "nuclear power plant"),
                ("oil", "oil")
            ]
        );
        let finance: Vec<&str> = tags[1].evidence.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(finance, ["sanctioned", "payment  systems"]);
        for t in &tags {
            for e in &t.evidence {
                assert_eq!(&text[e.start as usize..e.end as usize], e.text);
            }
        }
    }

    #[test]
    fn sentences_are_tagged_with_passage_offsets() {
        let lex = Lexicon::new(&[theme("energy", &["oil"])]);
        let text = "No match here. Oil and more oil.";
        let p = crate::model::Passage {
            id: "p1".into(),
            section: 0,
            kind: crate::model::PassageKind::Paragraph,
            text: text.into(),
            start: 0,
            end: 0,
            sentences: vec![
                crate::model::Sentence {
                    start: 0,
                    end: 14,
                    lang: crate::model::Lang::En,
                },
                crate::model::Sentence {
                    start: 15,
                    end: 32,
                    lang: crate::model::Lang::En,
                },
            ],
        };
        let per = lex.tag_sentences(&p);
        assert!(per[0].is_empty());
        let spans: Vec<&str> = per[1][0]
            .evidence
            .iter()
            .map(|e| &text[e.start as usize..e.end as usize])
            .collect();
        assert_eq!(spans, ["Oil", "oil"]);
    }

    #[test]
    fn reader_themes_work_like_built_in_ones_and_odd_terms_are_ignored() {
        let lex = Lexicon::new(&[theme("mine", &["", "  ", "grain deal", "!!"])]);
        assert!(lex.tag("nothing here").is_empty());
        let lex = Lexicon::new(&[theme("mine", &["", "  ", "grain deal", "!!", "UN"])]);
        assert!(lex.tag("un traité, une UNité").is_empty());
        assert_eq!(lex.tag("at the UN.")[0].evidence[0].text, "UN");
        let tags = lex.tag("The Grain Deals collapsed.");
        assert_eq!(tags[0].id, "mine");
        assert_eq!(tags[0].evidence[0].text, "Grain Deals");
    }
}
