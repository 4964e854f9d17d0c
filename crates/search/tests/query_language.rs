//! The query language pinned by its definition on corpora written for the test: phrases match
//! adjacent words only, `OR` keeps every alternative, `-` excludes, `pre*` takes every word of a
//! prefix, case and accents are folded, clauses are ANDed; BM25 scores equal the formula computed
//! by hand; and, as a property over generated corpora and queries, hits are exactly the passages
//! a plain reading of the query selects, with the formula's scores, never negative, best first and
//! ties in corpus order.
#![allow(clippy::disallowed_methods)] // Tests never reach the wasm.

use parallax_search::search::{Hit, Index, Passages, Unit};
use parallax_search::text::Analyzer;
use proptest::prelude::*;
use std::collections::BTreeSet;

/// BM25's parameters as `search.rs` sets them (`K1`, `B`).
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// The project's case count: 1,000, or `PROPTEST_CASES` (as `common::cases()` of the core's tests).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

/// Documents, each a list of passage texts.
struct Docs(Vec<Vec<String>>);

impl Passages for Docs {
    fn each_passage(&self, f: &mut dyn FnMut(u32, u32, &str)) {
        for (d, doc) in self.0.iter().enumerate() {
            for (p, text) in doc.iter().enumerate() {
                f(d as u32, p as u32, text);
            }
        }
    }
}

/// One document of these passages.
fn index(passages: &[&str]) -> Index {
    Index::build(&Docs(vec![passages
        .iter()
        .map(|p| p.to_string())
        .collect()]))
}

/// The passages (of document 0) a query finds, as a set.
fn found(index: &Index, q: &str) -> BTreeSet<u32> {
    index
        .search(q)
        .into_iter()
        .map(|h| h.unit.passage)
        .collect()
}

fn set(units: &[u32]) -> BTreeSet<u32> {
    units.iter().copied().collect()
}

#[test]
fn phrases_match_adjacent_words_only() {
    let idx = index(&[
        "The strategic partnership was signed in May.", // 0: adjacent
        "A partnership that is strategic for both.",    // 1: both words, reversed and apart
        "Strategic talks led to a partnership.",        // 2: both words, apart
        "Two Strategic Partnerships, one treaty.",      // 3: adjacent, case and plural
        "Partnership first, strategic partnership next.", // 4: adjacent the second time
        "Strategic aims only.",                         // 5: one word
    ]);
    // Both words occur apart in 1 and 2: the phrase must not find them.
    assert_eq!(found(&idx, "strategic partnership"), set(&[0, 1, 2, 3, 4]));
    assert_eq!(found(&idx, "\"strategic partnership\""), set(&[0, 3, 4]));
    // Order matters: "partnership" is never directly followed by "strategic".
    assert_eq!(found(&idx, "\"partnership strategic\""), set(&[]));
    assert_eq!(found(&idx, "\"partnership that is strategic\""), set(&[1]));
    assert_eq!(found(&idx, "\"partnership that strategic\""), set(&[]));
    // A phrase whose words are all in one passage but never in sequence.
    assert_eq!(found(&idx, "\"strategic talks partnership\""), set(&[]));
    assert_eq!(found(&idx, "\"led to a partnership\""), set(&[2]));
}

#[test]
fn or_keeps_every_alternative() {
    let idx = index(&[
        "Cranes arrive at the port.",    // 0
        "Rail links reach the harbour.", // 1
        "The harbour has cranes.",       // 2
        "Nothing here at all.",          // 3
        "Rail and cranes and a deal.",   // 4
    ]);
    let crane = found(&idx, "crane");
    let harbour = found(&idx, "harbour");
    let rail = found(&idx, "rail");
    assert_eq!(crane, set(&[0, 2, 4]));
    assert_eq!(harbour, set(&[1, 2]));
    assert_eq!(rail, set(&[1, 4]));
    let union = |a: &BTreeSet<u32>, b: &BTreeSet<u32>| a.union(b).copied().collect::<BTreeSet<_>>();
    let inter =
        |a: &BTreeSet<u32>, b: &BTreeSet<u32>| a.intersection(b).copied().collect::<BTreeSet<_>>();
    assert_eq!(found(&idx, "crane OR harbour"), union(&crane, &harbour));
    assert_eq!(found(&idx, "harbour OR crane"), union(&crane, &harbour));
    assert_eq!(
        found(&idx, "harbour OR deal OR rail"),
        union(&union(&harbour, &found(&idx, "deal")), &rail)
    );
    // `OR` binds its neighbours into one clause, ANDed with the others.
    assert_eq!(
        found(&idx, "harbour OR crane rail"),
        inter(&union(&harbour, &crane), &rail)
    );
    assert_eq!(
        found(&idx, "rail harbour OR crane"),
        inter(&union(&harbour, &crane), &rail)
    );
    // An alternative that matches nothing takes nothing away.
    assert_eq!(found(&idx, "zzz OR harbour"), harbour);
    assert_eq!(found(&idx, "harbour OR zzz"), harbour);
    // Phrases and prefixes are alternatives too.
    assert_eq!(
        found(&idx, "\"rail links\" OR cran*"),
        union(&set(&[1]), &crane)
    );
    // A unit found by several alternatives scores the sum of their scores.
    let score = |q: &str, p: u32| {
        idx.search(q)
            .into_iter()
            .find(|h| h.unit.passage == p)
            .map(|h| h.score)
            .unwrap()
    };
    assert!((score("harbour OR crane", 2) - score("harbour", 2) - score("crane", 2)).abs() < 1e-5);
}

#[test]
fn and_is_the_default_and_minus_excludes() {
    let idx = index(&[
        "Cranes arrive at the port.",        // 0
        "Rail links reach the harbour.",     // 1
        "The harbour has cranes.",           // 2
        "Rail links and cranes and a deal.", // 3
        "Harbours and their cranes.",        // 4
    ]);
    assert_eq!(found(&idx, "crane harbour"), set(&[2, 4]));
    assert_eq!(found(&idx, "harbour crane"), set(&[2, 4]));
    assert_eq!(found(&idx, "crane harbour rail"), set(&[]));
    assert_eq!(found(&idx, "crane rail"), set(&[3]));
    // An unknown word in an AND makes the query find nothing.
    assert_eq!(found(&idx, "crane zzz"), set(&[]));
    assert_eq!(found(&idx, "crane -harbour"), set(&[0, 3]));
    // "-harbour" excludes the stem: "Harbours" too.
    assert_eq!(found(&idx, "crane -harbours"), set(&[0, 3]));
    assert_eq!(found(&idx, "crane -harbour -rail"), set(&[0]));
    assert_eq!(found(&idx, "crane -\"rail links\""), set(&[0, 2, 4]));
    assert_eq!(found(&idx, "crane -\"links rail\""), set(&[0, 2, 3, 4]));
    assert_eq!(found(&idx, "crane -har*"), set(&[0, 3]));
    assert_eq!(found(&idx, "crane OR rail -deal"), set(&[0, 1, 2, 4]));
    // Exclusion alone finds nothing; excluding what is absent changes nothing.
    assert_eq!(found(&idx, "-crane"), set(&[]));
    assert_eq!(found(&idx, "crane -zzz"), set(&[0, 2, 3, 4]));
    // Several clauses (not the one-word fast path) with an exclusion.
    assert_eq!(found(&idx, "crane harbour -their"), set(&[2]));
}

#[test]
fn prefixes_take_every_word_that_starts_so() {
    let idx = index(&[
        "Cranes arrive.",           // 0
        "A crane fell.",            // 1
        "Cranberry juice.",         // 2
        "Scrannel pipes.",          // 3: "cran" inside a word, not at its start
        "Cranky necks everywhere.", // 4
        "The port opened.",         // 5
    ]);
    assert_eq!(found(&idx, "cran*"), set(&[0, 1, 2, 4]));
    assert_eq!(found(&idx, "CRAN*"), set(&[0, 1, 2, 4]));
    assert_eq!(found(&idx, "crane*"), set(&[0, 1]));
    assert_eq!(found(&idx, "cranb*"), set(&[2]));
    assert_eq!(found(&idx, "scran*"), set(&[3]));
    assert_eq!(found(&idx, "zz*"), set(&[]));
    // A prefix is a clause like any other.
    assert_eq!(found(&idx, "cran* -juice"), set(&[0, 1, 4]));
    assert_eq!(found(&idx, "cran* fell"), set(&[1]));
    // Quoted, a star is not a prefix mark.
    assert_eq!(found(&idx, "\"cran*\""), set(&[]));
    // The word the prefix spells is one of its words.
    let idx = index(&["The port opened.", "A portal.", "Portugal."]);
    assert_eq!(found(&idx, "port*"), set(&[0, 1, 2]));
    assert_eq!(found(&idx, "portal*"), set(&[1]));
}

#[test]
fn case_and_accents_are_folded() {
    let idx = index(&[
        "Talks at the Élysée today.", // 0
        "The elysee said nothing.",   // 1
        "ELYSEE AND KREMLIN.",        // 2
        "Israël et la Russie.",       // 3
        "Die Straße nach Moskau.",    // 4
        "Elysium is another word.",   // 5
    ]);
    for q in ["Élysée", "elysee", "ELYSÉE", "élysée", "Elysee"] {
        assert_eq!(found(&idx, q), set(&[0, 1, 2]), "{q}");
    }
    assert_eq!(found(&idx, "\"the élysée\""), set(&[0, 1]));
    assert_eq!(found(&idx, "\"the ELYSEE said\""), set(&[1]));
    assert_eq!(found(&idx, "ély*"), set(&[0, 1, 2, 5]));
    assert_eq!(found(&idx, "israel"), set(&[3]));
    assert_eq!(found(&idx, "ISRAËL"), set(&[3]));
    assert_eq!(found(&idx, "strasse"), set(&[4]));
    assert_eq!(found(&idx, "STRAẞE"), set(&[4]));
    assert_eq!(found(&idx, "kremlin -élysée"), set(&[]));
}

/// The BM25 score of one term in one passage, from the formula: `idf * tf * (k1 + 1) / (tf + k1
/// * (1 - b + b * len / avg_len))`, with `idf = ln((n - df + 0.5) / (df + 0.5) + 1)`.
fn bm25(n: f64, df: f64, tf: f64, len: f64, avg_len: f64) -> f64 {
    let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
    idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg_len))
}

#[test]
fn bm25_scores_are_the_formula_computed_by_hand() {
    // Lengths in words: 4, 4, 7, 1; 16 words in 4 passages, 4 on average.
    let idx = index(&[
        "cranes ports cranes rail",               // 0
        "ports deal signed today",                // 1
        "rail links and cranes arrive next year", // 2
        "harbour",                                // 3
    ]);
    let (n, avg) = (4.0, 4.0);
    let hits = |q: &str| -> Vec<(u32, f64)> {
        idx.search(q)
            .into_iter()
            .map(|h| (h.unit.passage, f64::from(h.score)))
            .collect()
    };
    let check = |q: &str, want: Vec<(u32, f64)>| {
        let got = hits(q);
        assert_eq!(got.len(), want.len(), "{q}: {got:?} against {want:?}");
        for ((gu, gs), (wu, ws)) in got.iter().zip(&want) {
            assert_eq!(gu, wu, "{q}: {got:?} against {want:?}");
            assert!(
                (gs - ws).abs() < 1e-4,
                "{q}: passage {gu} scored {gs}, by hand {ws}"
            );
        }
    };
    // "crane": df 2; tf 2 in passage 0 (length 4), tf 1 in passage 2 (length 7).
    let crane0 = bm25(n, 2.0, 2.0, 4.0, avg);
    let crane2 = bm25(n, 2.0, 1.0, 7.0, avg);
    check("crane", vec![(0, crane0), (2, crane2)]);
    check("cranes", vec![(0, crane0), (2, crane2)]);
    // A prefix of one stem is that stem.
    check("cran*", vec![(0, crane0), (2, crane2)]);
    // "port": df 2, tf 1 in passages 0 and 1, both of length 4: equal scores, corpus order.
    let port = bm25(n, 2.0, 1.0, 4.0, avg);
    check("port", vec![(0, port), (1, port)]);
    // "harbour": df 1, tf 1, length 1: the rarest word in the shortest passage.
    let harbour = bm25(n, 1.0, 1.0, 1.0, avg);
    // AND sums the terms' scores.
    let rail0 = bm25(n, 2.0, 1.0, 4.0, avg);
    let rail2 = bm25(n, 2.0, 1.0, 7.0, avg);
    check("crane rail", vec![(0, crane0 + rail0), (2, crane2 + rail2)]);
    // OR sums the scores of the alternatives that match.
    let mut or = vec![(0, crane0), (2, crane2), (3, harbour)];
    or.sort_by(|a, b| b.1.total_cmp(&a.1));
    check("crane OR harbour", or);
    check(
        "crane OR port",
        vec![(0, crane0 + port), (1, port), (2, crane2)],
    );
    // A phrase: its idf (df = passages holding the phrase) times its number of words, and its
    // occurrences as tf. "rail links": once, in passage 2 only.
    let phrase = 2.0 * ((n - 1.0 + 0.5) / (1.0 + 0.5) + 1.0).ln() * 1.0 * (K1 + 1.0)
        / (1.0 + K1 * (1.0 - B + B * 7.0 / avg));
    check("\"rail links\"", vec![(2, phrase)]);
    // A word in every passage but one, and a word in every passage: idf stays positive.
    let idx2 = index(&["a b", "a b c", "a", "b a"]);
    let every = idx2.search("a");
    assert_eq!(every.len(), 4);
    // df 4 of 4: ln(0.5 / 4.5 + 1). Lengths 2, 3, 1, 2; average 2.
    for h in &every {
        let (tf, len) = match h.unit.passage {
            0 => (1.0, 2.0),
            1 => (1.0, 3.0),
            2 => (1.0, 1.0),
            _ => (1.0, 2.0),
        };
        let want = bm25(4.0, 4.0, tf, len, 2.0);
        assert!(h.score > 0.0, "{h:?}");
        assert!(
            (f64::from(h.score) - want).abs() < 1e-4,
            "{h:?} against {want}"
        );
    }
    // Shortest first (higher score), and 0 before 3 at equal length.
    let order: Vec<u32> = every.iter().map(|h| h.unit.passage).collect();
    assert_eq!(order, [2, 0, 3, 1]);
}

// ---------------------------------------------------------------------------------------------
// The property: a plain reading of the query over generated corpora.

/// The words of generated passages: (as written, folded by hand, group of words with one stem).
const VOCAB: &[(&str, &str, u8)] = &[
    ("crane", "crane", 0),
    ("cranes", "cranes", 0),
    ("Cranes", "cranes", 0),
    ("port", "port", 1),
    ("ports", "ports", 1),
    ("PORTS", "ports", 1),
    ("rail", "rail", 2),
    ("Élysée", "elysee", 3),
    ("elysee", "elysee", 3),
    ("ELYSÉE", "elysee", 3),
    ("deal", "deal", 4),
    ("deals", "deals", 4),
    ("cranberry", "cranberry", 5),
    ("portal", "portal", 6),
    ("harbour", "harbour", 7),
];

/// Prefixes for queries, folded.
const PREFIXES: &[&str] = &["cran", "crane", "port", "porta", "ely", "d", "harb", "zz"];

/// The stem group of a vocabulary word: what the plain reading compares words by.
fn group_of(word: usize) -> u8 {
    VOCAB[word].2
}

#[derive(Debug, Clone)]
enum QAtom {
    Word(usize),
    Prefix(usize),
    Phrase(Vec<usize>),
    /// A word the corpus never holds.
    Absent,
}

impl QAtom {
    fn text(&self) -> String {
        match self {
            QAtom::Word(w) => VOCAB[*w].0.to_owned(),
            QAtom::Prefix(p) => format!("{}*", PREFIXES[*p]),
            QAtom::Phrase(ws) => format!(
                "\"{}\"",
                ws.iter().map(|&w| VOCAB[w].0).collect::<Vec<_>>().join(" ")
            ),
            QAtom::Absent => "zzz".to_owned(),
        }
    }
}

#[derive(Debug, Clone)]
struct QueryCase {
    clauses: Vec<Vec<QAtom>>,
    exclude: Vec<QAtom>,
}

impl QueryCase {
    fn text(&self) -> String {
        let mut parts: Vec<String> = self
            .clauses
            .iter()
            .map(|c| c.iter().map(QAtom::text).collect::<Vec<_>>().join(" OR "))
            .collect();
        parts.extend(self.exclude.iter().map(|a| format!("-{}", a.text())));
        parts.join(" ")
    }
}

fn atom() -> impl Strategy<Value = QAtom> {
    let word = 0..VOCAB.len();
    prop_oneof![
        6 => word.clone().prop_map(QAtom::Word),
        2 => (0..PREFIXES.len()).prop_map(QAtom::Prefix),
        3 => prop::collection::vec(word, 2..4).prop_map(QAtom::Phrase),
        1 => Just(QAtom::Absent),
    ]
}

fn query_case() -> impl Strategy<Value = QueryCase> {
    (
        prop::collection::vec(prop::collection::vec(atom(), 1..4), 1..4),
        prop::collection::vec(atom(), 0..3),
    )
        .prop_map(|(clauses, exclude)| QueryCase { clauses, exclude })
}

/// A passage: vocabulary words with separators that are not words.
fn passage() -> impl Strategy<Value = Vec<(usize, &'static str)>> {
    let sep = prop_oneof![6 => Just(" "), 1 => Just(", "), 1 => Just("\n"), 1 => Just(" — "), 1 => Just(". "), 1 => Just("  ")];
    prop::collection::vec((0..VOCAB.len(), sep), 0..9)
}

/// Corpora of one to three documents: mostly small, and one in five with each document's
/// passages repeated to 300 passages or more in all (the radix path of the ranking, and many
/// equal scores).
fn corpus() -> impl Strategy<Value = Vec<Vec<Vec<(usize, &'static str)>>>> {
    (
        prop::collection::vec(prop::collection::vec(passage(), 0..12), 1..4),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(docs, big)| {
            let total: usize = docs.iter().map(Vec::len).sum();
            if !big || total == 0 {
                return docs;
            }
            let times = 300usize.div_ceil(total);
            docs.into_iter()
                .map(|d| (0..times).flat_map(|_| d.iter().cloned()).collect())
                .collect()
        })
}

/// What a passage is to the plain reading: the stem groups of its words, in order.
struct Plain {
    units: Vec<Unit>,
    words: Vec<Vec<usize>>,
}

impl Plain {
    fn n(&self) -> f64 {
        self.units.len() as f64
    }

    fn avg_len(&self) -> f64 {
        let total: usize = self.words.iter().map(Vec::len).sum();
        if self.units.is_empty() {
            1.0
        } else {
            (total as f64 / self.n()).max(1.0)
        }
    }

    /// Per stem the atom stands for (one; for a prefix, each stem of a corpus word starting with
    /// it; none for an absent word): how often it occurs in each unit (0: no match), and what its
    /// idf is multiplied by (a phrase's number of words, else 1).
    fn occurrences(&self, atom: &QAtom) -> Vec<(Vec<f64>, f64)> {
        let groups_tf = |g: u8| -> Vec<f64> {
            self.words
                .iter()
                .map(|ws| ws.iter().filter(|&&w| group_of(w) == g).count() as f64)
                .collect()
        };
        match atom {
            QAtom::Absent => vec![],
            QAtom::Word(w) => vec![(groups_tf(group_of(*w)), 1.0)],
            QAtom::Prefix(p) => {
                // Every stem of a corpus word that starts with the prefix.
                let groups: BTreeSet<u8> = self
                    .words
                    .iter()
                    .flatten()
                    .filter(|&&w| VOCAB[w].1.starts_with(PREFIXES[*p]))
                    .map(|&w| group_of(w))
                    .collect();
                groups.into_iter().map(|g| (groups_tf(g), 1.0)).collect()
            }
            QAtom::Phrase(phrase) => {
                let tf = self
                    .words
                    .iter()
                    .map(|ws| {
                        ws.windows(phrase.len())
                            .filter(|win| {
                                win.iter()
                                    .zip(phrase)
                                    .all(|(&a, &b)| group_of(a) == group_of(b))
                            })
                            .count() as f64
                    })
                    .collect();
                vec![(tf, phrase.len() as f64)]
            }
        }
    }

    /// Per unit, the atom's score, or `None` where it does not match.
    fn atom_scores(&self, atom: &QAtom) -> Vec<Option<f64>> {
        let mut out = vec![None; self.units.len()];
        for (tf, words) in self.occurrences(atom) {
            let df = tf.iter().filter(|&&t| t > 0.0).count() as f64;
            for (u, &t) in tf.iter().enumerate() {
                if t > 0.0 {
                    let len = self.words[u].len() as f64;
                    let s = words * bm25(self.n(), df, t, len, self.avg_len());
                    *out[u].get_or_insert(0.0) += s;
                }
            }
        }
        out
    }

    /// The units the query selects with their scores, in corpus order.
    fn select(&self, q: &QueryCase) -> Vec<(usize, f64)> {
        let mut total: Vec<Option<f64>> = vec![Some(0.0); self.units.len()];
        for clause in &q.clauses {
            let mut any: Vec<Option<f64>> = vec![None; self.units.len()];
            for a in clause {
                for (u, s) in self.atom_scores(a).into_iter().enumerate() {
                    if let Some(s) = s {
                        *any[u].get_or_insert(0.0) += s;
                    }
                }
            }
            for (t, a) in total.iter_mut().zip(any) {
                *t = match (*t, a) {
                    (Some(t), Some(a)) => Some(t + a),
                    _ => None,
                };
            }
        }
        for a in &q.exclude {
            for (t, s) in total.iter_mut().zip(self.atom_scores(a)) {
                if s.is_some() {
                    *t = None;
                }
            }
        }
        if q.clauses.is_empty() {
            return Vec::new();
        }
        total
            .into_iter()
            .enumerate()
            .filter_map(|(u, t)| t.map(|t| (u, t)))
            .collect()
    }
}

/// The words of the vocabulary split, folded and stemmed as the plain reading assumes: each one
/// word, folded as written in `VOCAB`, with one stem per group.
#[test]
fn the_vocabulary_is_what_the_reading_assumes() {
    let analyzer = Analyzer::default();
    let tokens: Vec<_> = VOCAB
        .iter()
        .map(|(w, norm, _)| {
            let t = analyzer.tokens(w);
            assert_eq!(t.len(), 1, "{w}");
            assert_eq!(t[0].norm, *norm, "{w}");
            t[0].stem.clone()
        })
        .collect();
    for (i, a) in VOCAB.iter().enumerate() {
        for (j, b) in VOCAB.iter().enumerate() {
            assert_eq!(tokens[i] == tokens[j], a.2 == b.2, "{} and {}", a.0, b.0);
        }
    }
}

/// Hits best first, equal scores in corpus order: the order of sorting by (score descending, unit).
fn assert_ranked(hits: &[Hit]) -> Result<(), TestCaseError> {
    for w in hits.windows(2) {
        prop_assert!(
            w[0].score > w[1].score || (w[0].score == w[1].score && w[0].unit < w[1].unit),
            "out of order: {:?} then {:?}",
            w[0],
            w[1]
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Any corpus of the vocabulary and any query of it: the hits are the passages the plain
    /// reading selects (every clause has a matching alternative, no exclusion matches, phrases on
    /// adjacent words), each with the BM25 score of the formula (within 1e-4, relative for large
    /// scores); scores are never negative; hits come best first, equal scores in corpus order;
    /// `run_units` gives the same units in the same order.
    #[test]
    fn hits_and_scores_are_the_plain_reading(docs in corpus(), q in query_case()) {
        let texts: Vec<Vec<String>> = docs
            .iter()
            .map(|d| {
                d.iter()
                    .map(|p| p.iter().map(|&(w, sep)| format!("{}{sep}", VOCAB[w].0)).collect())
                    .collect()
            })
            .collect();
        let index = Index::build(&Docs(texts));
        let mut plain = Plain { units: Vec::new(), words: Vec::new() };
        for (d, doc) in docs.iter().enumerate() {
            for (p, words) in doc.iter().enumerate() {
                plain.units.push(Unit { doc: d as u32, passage: p as u32 });
                plain.words.push(words.iter().map(|&(w, _)| w).collect());
            }
        }
        prop_assert_eq!(index.units(), &plain.units[..]);
        let text = q.text();
        let hits = index.search(&text);
        for h in &hits {
            prop_assert!(h.score.is_finite() && h.score >= 0.0, "{text}: negative score {h:?}");
        }
        assert_ranked(&hits)?;
        let units = index.run_units(&index.parse(&text));
        prop_assert_eq!(
            units.iter().map(|&u| index.units()[u as usize]).collect::<Vec<_>>(),
            hits.iter().map(|h| h.unit).collect::<Vec<_>>()
        );
        let want = plain.select(&q);
        let mut got: Vec<(Unit, f32)> = hits.iter().map(|h| (h.unit, h.score)).collect();
        got.sort_by_key(|&(u, _)| u);
        prop_assert_eq!(
            got.iter().map(|&(u, _)| u).collect::<Vec<_>>(),
            want.iter().map(|&(u, _)| plain.units[u]).collect::<Vec<_>>(),
            "{}", text
        );
        for ((u, g), (_, w)) in got.iter().zip(&want) {
            let g = f64::from(*g);
            prop_assert!((g - w).abs() <= 1e-4 * w.abs().max(1.0), "{text}: {u:?} scored {g}, by the formula {w}");
        }
    }
}

/// Words of punctuation alone are no clause: they neither narrow a query nor empty it. A query
/// reads at most 32 terms (`MAX_ATOMS`): the 33rd and later are left out, so a match that only
/// the 33rd would find is not found.
#[test]
fn punctuation_is_no_clause_and_a_query_reads_32_terms() {
    let idx = index(&["A crane fell.", "The port opened.", "Zebras graze."]);
    assert_eq!(found(&idx, "crane"), set(&[0]));
    for q in ["crane ...", "... crane", "crane !!! ,", "crane * —"] {
        assert_eq!(found(&idx, q), set(&[0]), "{q}");
    }
    assert_eq!(found(&idx, "..."), set(&[]));
    assert!(idx.parse("... !!!").is_empty());
    assert!(!idx.parse("crane ...").is_empty());
    // Alternatives that match nothing, then one that matches passage 2.
    let nothing: Vec<String> = (0..31).map(|i| format!("nothing{i}")).collect();
    let within = format!("{} OR zebras", nothing.join(" OR "));
    assert_eq!(found(&idx, &within), set(&[2]), "the 32nd term is read");
    let past = format!("{} OR nothing31 OR zebras", nothing.join(" OR "));
    assert_eq!(found(&idx, &past), set(&[]), "the 33rd term is not");
}

/// The index's encoded size, which the benchmarks report, counts what it holds.
#[test]
fn the_encoded_size_grows_with_the_index() {
    let small = index(&["A crane fell."]);
    let large = index(&[
        "A crane fell.",
        "The port opened on the first day of spring, at last.",
    ]);
    assert!(small.encoded_len() > 0);
    assert!(large.encoded_len() > small.encoded_len());
}

/// What the results mark: every word a term or a prefix takes, a phrase only where its words
/// stand together, never an excluded word; the text between marks is kept as it is.
#[test]
fn highlighting_marks_what_each_kind_of_term_matches() {
    let idx = index(&["Cranes arrive.", "The port opened."]);
    let marked = |q: &str, text: &str| -> Vec<String> {
        let segments = idx.highlight(text, &idx.parse(q));
        assert_eq!(
            segments.iter().map(|s| s.text.as_str()).collect::<String>(),
            text,
            "{q}"
        );
        assert!(
            segments.iter().all(|s| !s.text.is_empty()),
            "{q}: {segments:?}"
        );
        assert!(
            segments.windows(2).all(|w| w[0].mark != w[1].mark),
            "{q}: {segments:?}"
        );
        segments
            .into_iter()
            .filter(|s| s.mark)
            .map(|s| s.text)
            .collect()
    };
    let text = "A crane and cranes left the port; the crane port opened, cranberries too.";
    assert_eq!(marked("crane", text), ["crane", "cranes", "crane"]);
    assert_eq!(
        marked("cran*", text),
        ["crane", "cranes", "crane", "cranberries"]
    );
    assert_eq!(marked("\"crane port\"", text), ["crane port"]);
    assert_eq!(marked("port -crane", text), ["port", "port"]);
    assert_eq!(
        marked("crane OR opened", text),
        ["crane", "cranes", "crane", "opened"]
    );
    assert_eq!(
        marked("\"crane port\"", "A crane, then a port."),
        Vec::<String>::new()
    );
    // Marks at the very start and end of the text.
    assert_eq!(marked("crane", "Crane"), ["Crane"]);
    assert_eq!(marked("port crane", "crane port"), ["crane port"]);
}

/// A query is read up to a byte limit, cut at a character boundary.
#[test]
fn truncate_cuts_at_a_character_boundary() {
    use parallax_search::search::truncate;
    assert_eq!(truncate("abc", 5), "abc");
    assert_eq!(truncate("abc", 3), "abc");
    assert_eq!(truncate("abc", 2), "ab");
    // "é" takes bytes 1 and 2: a cut inside it steps back before it.
    assert_eq!(truncate("héllo", 2), "h");
    assert_eq!(truncate("héllo", 3), "hé");
    assert_eq!(truncate("日本", 4), "日");
}
