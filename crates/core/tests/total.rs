//! Totality of the analyses on any text: figures, dates and claims, quality signals, reuse and
//! the comparison never panic on a corpus of arbitrary Unicode (digits, percent and currency
//! signs, date-like tokens, combining marks, right-to-left text, emoji, ẞ, İ, the Kelvin sign),
//! and every span of evidence they report is a range of whole characters of its passage whose
//! text is the text reported.
#![allow(clippy::disallowed_methods)] // Tests never reach the wasm.

mod common;

use parallax_core::analysis::Analysis;
use parallax_core::compare::{compare, CompareError};
use parallax_core::facts::{facts, FactGroup, Mention};
use parallax_core::model::{Claim, Corpus, Entity, Theme};
use parallax_core::reuse::{self, Span};
use parallax_core::signals::signals;
use parallax_core::source::{parse_claims, parse_entities, parse_themes, CLAIMS, ENTITIES, THEMES};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

/// The real claims, themes and entities: cues and topics that fire on the generated words.
fn lexicons() -> &'static (Vec<Claim>, Vec<Theme>, Vec<Entity>) {
    static L: OnceLock<(Vec<Claim>, Vec<Theme>, Vec<Entity>)> = OnceLock::new();
    L.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia");
        let read = |name: &str| {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text)
        };
        let (p, t) = read(CLAIMS);
        let claims = parse_claims(&p, &t).unwrap();
        let (p, t) = read(THEMES);
        let themes = parse_themes(&p, &t).unwrap();
        let (p, t) = read(ENTITIES);
        let entities = parse_entities(&p, &t).unwrap();
        (claims, themes, entities)
    })
}

/// Words that are hard on the extractors: numbers and percent signs in every arrangement,
/// currency, dates whole and partial, months in two languages, and scripts and characters whose
/// case or folding changes their length.
const HARD: &str = "90 90% % (%) %20 5%% 3.5% 0.5 1.2.3 12,000 ½ ٣ ١٢ १२ ٪ 90٪ 1️⃣ [4] [%] \
    $ $90 €5 £ ¥100 ₽ ﷼ US$90 90$ \
    January 17, 2025 April 21 septembre 2015 17 janvier août Décembre 1991 2100 1899 31 32 00 \
    2025-01-17 17/01/2025 May million billion eight half dozens hundred thousand percent per cent \
    of goods treaty traité Vertrag signed ratified hypothetical Such a would mutual defence pact \
    stops short e\u{301} \u{301} a\u{308}\u{308} %\u{301} 9\u{301}% العربية עברית \u{202e} \u{200f} \
    \u{200b} 🎉 👩\u{200d}👩\u{200d}👧 🇮🇷 ẞ STRAẞE İ İstanbul \u{212a} \u{212a}elvin ﬁ ǅ Σ ς";

/// The hard words, and every word of the claims' topics and cues and of the themes' terms.
fn vocabulary() -> &'static [String] {
    static V: OnceLock<Vec<String>> = OnceLock::new();
    V.get_or_init(|| {
        let (claims, themes, _) = lexicons();
        let terms = claims
            .iter()
            .flat_map(|c| c.topic.iter().chain(c.stances.iter().flat_map(|s| &s.cues)))
            .chain(themes.iter().flat_map(|t| &t.terms));
        let mut v: Vec<String> = HARD
            .split(' ')
            .chain(terms.flat_map(|t| t.split(' ')))
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        v.sort();
        v.dedup();
        v
    })
}

/// Phrases that the extractors read as wholes: dates, figures with units, claims with stances.
const PHRASES: &[&str] = &[
    "January 17, 2025",
    "January 15, 2025",
    "on April 21,",
    "17 janvier 2025",
    "septembre 2015",
    "January 2025",
    "March 12, 2001",
    "the treaty was signed on",
    "the treaty was ratified on",
    "Such a treaty would",
    "if signed, the treaty",
    "the treaty is to be signed",
    "a mutual defence pact",
    "stops short of a defence pact",
    "90 % of goods",
    "90 percent of goods",
    "85% of goods",
    "eight nuclear power plants",
    "half a million barrels",
    "(%) of",
    "€5 billion",
    "US$90 million",
];

/// Words and phrases glued by separators that sit next to them in real text, or by none at all.
fn glued() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        3 => prop::sample::select(vocabulary()),
        2 => prop::sample::select(PHRASES).prop_map(str::to_owned),
        1 => "\\PC{1,6}",
    ];
    let sep = prop::sample::select(
        &[
            " ", " ", " ", "", ", ", ". ", "% ", " %", "(", ") ", "—", "\u{a0}", "\t", "'", "’",
            ": ", "? ", "\n\n",
        ][..],
    );
    prop::collection::vec((word, sep), 1..12).prop_map(|ws| {
        ws.into_iter()
            .flat_map(|(w, s)| [w, s.to_owned()])
            .collect()
    })
}

/// Any sentence: the shared generator's, or glued words.
fn sentence() -> impl Strategy<Value = String> {
    prop_oneof![common::sentence(vocabulary()), glued()]
}

/// Two to five documents of one to four passages, each one to three sentences from a shared
/// pool so that sources share wording, split into sentences as the build splits them.
fn any_corpus() -> impl Strategy<Value = Corpus> {
    let passage = prop::collection::vec(any::<prop::sample::Index>(), 1..4);
    let docs = prop::collection::vec(prop::collection::vec(passage, 1..5), 2..6);
    (prop::collection::vec(sentence(), 1..8), docs).prop_map(|(pool, docs)| {
        let docs = docs
            .into_iter()
            .map(|passages| {
                passages
                    .into_iter()
                    .map(|picks| {
                        let picked: Vec<&str> = picks
                            .iter()
                            .map(|i| pool[i.index(pool.len())].as_str())
                            .collect();
                        picked.join(" ")
                    })
                    .collect()
            })
            .collect();
        let mut corpus = common::corpus_split(docs);
        let (claims, themes, entities) = lexicons();
        corpus.claims = claims.clone();
        corpus.themes = themes.clone();
        corpus.entities = entities.clone();
        corpus
    })
}

/// The text of a passage.
fn passage<'a>(c: &'a Corpus, doc: &str, id: &str) -> Result<&'a str, TestCaseError> {
    c.document(doc)
        .and_then(|d| d.passage(id))
        .map(|p| p.text.as_str())
        .ok_or_else(|| TestCaseError::fail(format!("no passage {doc}/{id}")))
}

/// `start..end` is a range of whole characters of `text`, and its slice is `reported`.
fn span_is(text: &str, start: u32, end: u32, reported: &str) -> Result<(), TestCaseError> {
    let slice = text.get(start as usize..end as usize);
    prop_assert_eq!(
        slice,
        Some(reported),
        "span {}..{} of {:?}",
        start,
        end,
        text
    );
    Ok(())
}

fn check_mention(c: &Corpus, m: &Mention) -> Result<(), TestCaseError> {
    let text = passage(c, &m.doc, &m.passage)?;
    span_is(text, m.start, m.end, &m.text)?;
    prop_assert!(!m.text.is_empty(), "{:?}", m);
    // The sentence is one of the passage's, and holds the span; of a sentence over
    // SENTENCE_BYTES, a part of it no longer than that, "…" marking what is left out.
    let p = c.document(&m.doc).unwrap().passage(&m.passage).unwrap();
    let part = m.sentence.trim_matches('\u{2026}');
    prop_assert!(
        p.sentences.iter().any(|s| s.start <= m.start
            && m.end <= s.end
            && text
                .get(s.start as usize..s.end as usize)
                .is_some_and(
                    |full| if full.len() <= parallax_core::facts::SENTENCE_BYTES {
                        full == &*m.sentence
                    } else {
                        part.len() <= parallax_core::facts::SENTENCE_BYTES && full.contains(part)
                    }
                )),
        "{:?}",
        m
    );
    Ok(())
}

fn check_groups(c: &Corpus, groups: &[FactGroup]) -> Result<(), TestCaseError> {
    for g in groups {
        prop_assert!(!g.mentions.is_empty() && !g.values.is_empty());
        for m in &g.mentions {
            check_mention(c, m)?;
        }
        // The summary is a function of the mentions.
        let mut again = g.clone();
        again.summarize();
        prop_assert_eq!(&again, g);
    }
    Ok(())
}

fn check_span(c: &Corpus, s: &Span) -> Result<(), TestCaseError> {
    span_is(passage(c, &s.doc, &s.passage)?, s.start, s.end, &s.text)
}

/// Runs every analysis on `c` and checks every span it reports.
fn check(c: &Corpus) -> Result<(), TestCaseError> {
    let groups = facts(c, &c.claims);
    check_groups(c, &groups)?;

    for ds in signals(c) {
        let d = c
            .document(&ds.id)
            .ok_or_else(|| TestCaseError::fail(format!("no document {}", ds.id)))?;
        for s in &ds.signals {
            for e in &s.evidence {
                match &e.passage {
                    Some(p) => span_is(passage(c, &d.id, p)?, e.start, e.end, &e.text)?,
                    // Removed text: these documents have none.
                    None => prop_assert!(d
                        .removed
                        .iter()
                        .any(|r| (r.start, r.end, &r.text) == (e.start, e.end, &e.text))),
                }
            }
        }
    }

    let pairs = reuse::find(c);
    for r in &pairs {
        prop_assert_ne!(&r.a.doc, &r.b.doc);
        prop_assert!((0.0..=1.0).contains(&r.similarity), "{}", r.similarity);
        check_span(c, &r.a)?;
        check_span(c, &r.b)?;
        let _ = reuse::diff(&r.a.text, &r.b.text);
    }

    let analysis = Analysis::new(c, &[]);
    for info in &analysis.passages {
        let text = &c.documents[info.unit.doc as usize].passages[info.unit.passage as usize].text;
        for tag in info.themes.iter().chain(&info.entities) {
            for e in &tag.evidence {
                span_is(text, e.start, e.end, &e.text)?;
            }
        }
    }

    let ids: Vec<&str> = c.documents.iter().map(|d| d.id.as_str()).collect();
    let mut picks: Vec<Vec<&str>> = vec![ids.clone(), vec![ids[1], ids[0], ids[1]]];
    picks.push(ids.iter().rev().copied().collect());
    for docs in picks {
        let cmp = compare(c, &analysis, &pairs, &groups, &docs)
            .map_err(|e| TestCaseError::fail(format!("{docs:?}: {e}")))?;
        for row in &cmp.rows {
            for col in &row.columns {
                prop_assert!(docs.contains(&col.doc.as_str()));
                for p in &col.passages {
                    passage(c, &col.doc, p)?;
                }
            }
            for r in &row.reuse {
                check_span(c, &r.a)?;
                check_span(c, &r.b)?;
            }
            check_groups(c, &row.facts)?;
            for g in &row.facts {
                prop_assert!(g.mentions.iter().all(|m| docs.contains(&m.doc.as_str())));
            }
        }
    }
    let one = compare(c, &analysis, &pairs, &groups, &[ids[0], ids[0]]);
    prop_assert_eq!(one, Err(CompareError::TooFew));
    let unknown = compare(c, &analysis, &pairs, &groups, &[ids[0], "nowhere"]);
    prop_assert_eq!(unknown, Err(CompareError::UnknownDoc("nowhere".into())));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases()))]

    /// Any corpus: no analysis panics, and every span is whole characters with the reported text.
    #[test]
    fn analyses_are_total_and_spans_exact(c in any_corpus()) {
        check(&c)?;
    }
}

/// The words that once made `facts` slice out of bounds, and their kin, in every position.
#[test]
fn percent_words_in_every_position() {
    let words = [
        "90 %",
        "(%)",
        "%20",
        "%",
        "«%»",
        "—%5,",
        "9\u{301}%",
        "%\u{301}",
        "٪",
    ];
    let mut docs = Vec::new();
    for w in words {
        docs.push(vec![
            w.to_owned(),
            format!("{w} of goods"),
            format!("About {w}, the treaty was signed on April 21 {w}."),
            format!("Tariffs fell on 90 percent of goods {w} in January 2025."),
        ]);
    }
    let mut c = common::corpus_split(docs);
    c.claims = lexicons().0.clone();
    c.themes = lexicons().1.clone();
    check(&c).unwrap();
}
