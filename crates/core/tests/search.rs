//! Search on the real corpus: query language, ranking snapshots, and highlight properties.

use parallax_core::search::{Atom, Index, Segment};
use parallax_core::source::load_dir;
use parallax_core::Corpus;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia")).unwrap()
    })
}

fn index() -> &'static Index {
    static I: OnceLock<Index> = OnceLock::new();
    I.get_or_init(|| Index::build(corpus()))
}

/// Hits as `doc/passage` ids, best first.
fn hits(q: &str) -> Vec<String> {
    let c = corpus();
    index()
        .search(q)
        .into_iter()
        .map(|h| {
            let d = &c.documents[h.unit.doc as usize];
            format!("{}/{}", d.id, d.passages[h.unit.passage as usize].id)
        })
        .collect()
}

fn text_of(hit: &str) -> String {
    let (d, p) = hit.split_once('/').unwrap();
    corpus()
        .document(d)
        .unwrap()
        .passage(p)
        .unwrap()
        .text
        .to_lowercase()
}

#[test]
fn parses_the_query_language() {
    let q = index().parse(r#"drone* "payment systems" trade OR tariffs -Israel"#);
    assert_eq!(q.clauses.len(), 3);
    assert_eq!(q.clauses[0], vec![Atom::Prefix("drone".into())]);
    assert_eq!(
        q.clauses[1],
        vec![Atom::Phrase(vec!["payment".into(), "system".into()])]
    );
    assert_eq!(q.clauses[2].len(), 2);
    assert_eq!(q.exclude.len(), 1);
    // Odd input never panics and gives something sensible.
    for q in [
        "",
        "\"",
        "-",
        "OR",
        "OR OR a",
        "\"unclosed phrase",
        "***",
        "-\"\"",
        "a -",
        &"x ".repeat(5000),
    ] {
        let _ = index().search(q);
    }
    assert!(index().parse("   ").is_empty());
}

#[test]
fn and_or_not_phrase_prefix_behave() {
    let sanctions = hits("sanctions");
    let both = hits("sanctions Bushehr");
    assert!(!both.is_empty() && both.len() < sanctions.len());
    for h in &both {
        let t = text_of(h);
        assert!(t.contains("sanction") && t.contains("bushehr"), "{h}");
    }
    let either = hits("Bushehr OR Shetab");
    assert!(either.len() >= hits("Bushehr").len() && either.len() >= hits("Shetab").len());
    let without = hits("sanctions -Israel");
    // "-Israel" excludes the word Israel (and its stem's forms); "Israeli" is another word.
    let has_word = |t: &str, w: &str| t.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
    assert!(without.iter().all(|h| !has_word(&text_of(h), "israel")));
    assert!(without.len() < sanctions.len());
    let phrase = hits("\"payment systems\"");
    assert!(!phrase.is_empty());
    for h in &phrase {
        assert!(text_of(h).contains("payment system"), "{h}");
    }
    let prefix = hits("Pezes*");
    assert!(prefix.iter().all(|h| text_of(h).contains("pezes")) && !prefix.is_empty());
    // Stemming: "drone" finds "drones".
    assert!(hits("drone").iter().any(|h| text_of(h).contains("drones")));
    // Accent folding: "Israel" finds "Israël" in 004's French.
    assert!(hits("Israel").contains(&"004/p20".to_owned()));
}

#[test]
fn ranking_snapshots() {
    let mut out = String::new();
    for q in [
        "nuclear power plants",
        "\"90 percent\"",
        "Shahed drones",
        "mutual defense",
        "SWIFT OR Mir",
        "Caspian",
    ] {
        out += &format!(
            "{q}: {:?}\n",
            hits(q).into_iter().take(5).collect::<Vec<_>>()
        );
    }
    insta::assert_snapshot!(out);
}

/// Hits as `doc/passage` ids with their scores.
fn scored(q: &str) -> BTreeMap<String, f32> {
    let c = corpus();
    index()
        .search(q)
        .into_iter()
        .map(|h| {
            let d = &c.documents[h.unit.doc as usize];
            (
                format!("{}/{}", d.id, d.passages[h.unit.passage as usize].id),
                h.score,
            )
        })
        .collect()
}

/// The passages whose words, split and lowercased here without the engine, satisfy `test`.
fn scan(test: impl Fn(&[String]) -> bool) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for d in &corpus().documents {
        for p in &d.passages {
            let words: Vec<String> = p
                .text
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect();
            if test(&words) {
                out.insert(format!("{}/{}", d.id, p.id));
            }
        }
    }
    out
}

/// A phrase finds exactly the passages where its words stand side by side, counted here by
/// scanning each passage's words; the corpus also has many passages with both words apart.
#[test]
fn a_phrase_finds_adjacent_words_only_on_the_real_corpus() {
    // The corpus's forms of the two stems ("strateg", "partnership"): "strategies" is another
    // stem ("strategi").
    let first = |w: &str| matches!(w, "strategic" | "strategically");
    let second = |w: &str| matches!(w, "partnership" | "partnerships");
    let adjacent = scan(|ws| ws.windows(2).any(|p| first(&p[0]) && second(&p[1])));
    let both = scan(|ws| ws.iter().any(|w| first(w)) && ws.iter().any(|w| second(w)));
    let phrase: BTreeSet<String> = hits("\"strategic partnership\"").into_iter().collect();
    assert_eq!(phrase, adjacent);
    assert!(!adjacent.is_empty());
    // Both words apart: the passages a phrase must not find.
    assert!(
        both.len() >= adjacent.len() + 10,
        "{} passages with both words, {} with them adjacent",
        both.len(),
        adjacent.len()
    );
    let and: BTreeSet<String> = hits("strategic partnership").into_iter().collect();
    assert_eq!(and, both);
}

/// `OR` is the union of its alternatives' results, each passage scoring the sum of the
/// alternatives it matches; AND is the intersection; `-` the difference.
#[test]
fn or_and_not_are_set_arithmetic_on_the_real_corpus() {
    let syria = scored("Syria");
    let ukraine = scored("Ukraine");
    let keys = |m: &BTreeMap<String, f32>| m.keys().cloned().collect::<BTreeSet<_>>();
    let (s, u) = (keys(&syria), keys(&ukraine));
    let union: BTreeSet<String> = s.union(&u).cloned().collect();
    let both: BTreeSet<String> = s.intersection(&u).cloned().collect();
    let only: BTreeSet<String> = s.difference(&u).cloned().collect();
    // Not vacuous: each word finds passages the other does not, and some passages hold both.
    assert!(union.len() > s.len() && union.len() > u.len() && !both.is_empty());
    for q in ["Syria OR Ukraine", "Ukraine OR Syria", "syria OR UKRAINE"] {
        let or = scored(q);
        assert_eq!(keys(&or), union, "{q}");
        for (id, score) in &or {
            let sum = syria.get(id).unwrap_or(&0.0) + ukraine.get(id).unwrap_or(&0.0);
            assert!(
                (score - sum).abs() < 1e-4,
                "{q}: {id} scored {score}, the sum is {sum}"
            );
        }
    }
    assert_eq!(keys(&scored("Syria Ukraine")), both);
    assert_eq!(keys(&scored("Syria -Ukraine")), only);
    assert_eq!(
        keys(&scored("Ukraine -Syria")),
        u.difference(&s).cloned().collect::<BTreeSet<_>>()
    );
    // Where both words occur, AND sums the two scores too.
    let and = scored("Syria Ukraine");
    for (id, score) in &and {
        assert!((score - syria[id] - ukraine[id]).abs() < 1e-4, "{id}");
    }
}

fn joined(segments: &[Segment]) -> String {
    segments.iter().map(|s| s.text.as_str()).collect()
}

#[test]
fn highlight_marks_matches_and_joins_back() {
    let idx = index();
    // ẞ, the Kelvin sign (U+212A), dotted İ and an emoji, whose lower cases differ in length.
    let text = "Iran’s DRONES, a drone-maker, and «drones» — ẞ \u{212A} İ 🎉";
    let segs = idx.highlight(text, &idx.parse("drone"));
    assert_eq!(joined(&segs), text);
    let marked: Vec<&str> = segs
        .iter()
        .filter(|s| s.mark)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(marked, ["DRONES", "drone", "drones"]);
    let segs = idx.highlight(
        "the payment  systems and payment",
        &idx.parse("\"payment system\""),
    );
    let marked: Vec<&str> = segs
        .iter()
        .filter(|s| s.mark)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(marked, ["payment  systems"]);
}

/// Case folding that changes a word's length, and right-to-left text with bidi controls:
/// matches are marked on the original text, and the segments join back to it.
#[test]
fn highlight_is_exact_on_hard_unicode() {
    let idx = index();
    let cases: &[(&str, &str, &[&str])] = &[
        // The Kelvin sign folds to k: "\u{212A}remlin" is "Kremlin".
        (
            "The \u{212A}REMLIN and the Kremlin",
            "kremlin",
            &["\u{212A}REMLIN", "Kremlin"],
        ),
        // İ lowercases to two chars (i + combining dot).
        (
            "İSTANBUL talks; Istanbul again",
            "istanbul",
            &["İSTANBUL", "Istanbul"],
        ),
        // ß and ẞ fold alike.
        ("STRAẞE und Straße", "straße", &["STRAẞE", "Straße"]),
        // Hebrew and Arabic words, with a right-to-left override and a zero-width space.
        (
            "\u{202e}ישראל\u{202c} ו־ישראל; إيران\u{200b} و إيران",
            "ישראל",
            &["ישראל", "ישראל"],
        ),
        ("شريك إيران وروسيا", "إيران", &["إيران"]),
    ];
    for (text, query, want) in cases {
        let segs = idx.highlight(text, &idx.parse(query));
        assert_eq!(joined(&segs), *text, "{query}");
        let marked: Vec<&str> = segs
            .iter()
            .filter(|s| s.mark)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(marked, *want, "{query} in {text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000)))]

    /// Any text and any query: search never panics and highlight segments join back exactly.
    #[test]
    fn highlight_segments_join_back(text in "\\PC{0,200}", q in "\\PC{0,40}") {
        let idx = index();
        let query = idx.parse(&q);
        let _ = idx.run(&query);
        let segs = idx.highlight(&text, &query);
        prop_assert_eq!(joined(&segs), text.clone());
        prop_assert!(segs.iter().all(|s| !s.text.is_empty()));
    }

    /// Words from real passages mixed with hard Unicode: matched words are always marked.
    #[test]
    fn real_words_are_marked(word in "(drone|sanction|Iran|treaty|nuclear)", noise in "[ẞ\u{212A}İ🎉\u{202b}\u{202c}א-ת\u{202e}\u{200b}é́ a-z]{0,20}") {
        let idx = index();
        let text = format!("{noise} {word}s {noise}");
        let segs = idx.highlight(&text, &idx.parse(&word));
        prop_assert_eq!(joined(&segs), text.clone());
        prop_assert!(segs.iter().any(|s| s.mark));
    }

    /// Queries built from real words with every operator (common words among them: "iran" is in
    /// most passages): scores are finite and never negative, and hits come best first, equal
    /// scores in corpus order.
    #[test]
    fn scores_are_never_negative_and_best_first(
        words in proptest::collection::vec(
            "(iran|russia|russian|sanctions|sanct\\*|mil\\*|nuclear|treaty|drones|\"strategic partnership\"|syria|ukraine|the|and|-iran|-military|OR|zzz)",
            1..5,
        )
    ) {
        let idx = index();
        let hits = idx.run(&idx.parse(&words.join(" ")));
        for h in &hits {
            prop_assert!(h.score.is_finite() && h.score >= 0.0, "{h:?}");
        }
        for w in hits.windows(2) {
            prop_assert!(
                w[0].score > w[1].score || (w[0].score == w[1].score && w[0].unit < w[1].unit),
                "out of order: {:?} then {:?}", w[0], w[1]
            );
        }
    }

    /// Queries built from real words with every operator: `run_units` is `run` without the
    /// scores, in the same order, and a unit's position names the hit's passage.
    #[test]
    fn run_units_is_run_without_scores(
        words in proptest::collection::vec(
            "(iran|russia|russian|sanctions|sanct\\*|mil\\*|nuclear|treaty|drones|\"strategic partnership\"|syria|-iran|-military|OR|zzz)",
            1..5,
        )
    ) {
        let idx = index();
        let query = idx.parse(&words.join(" "));
        let hits = idx.run(&query);
        let units = idx.run_units(&query);
        prop_assert_eq!(units.len(), hits.len());
        for (&u, h) in units.iter().zip(&hits) {
            prop_assert_eq!(idx.units()[u as usize], h.unit);
        }
    }
}
