//! Passages matched by what they say (`align`), on a story with no lexicon (the tram fixture) and
//! on the bundled corpus: the pairs a reader would match, the passages only one source has, the
//! threshold's precision and recall, and the work on hostile input.

mod common;

use parallax_core::align::{align, Alignment, MAX_POSTINGS, MIN_SIMILARITY};
use parallax_core::analysis::Analysis;
use parallax_core::model::Corpus;
use std::collections::BTreeSet;

/// The tram story's pairs of passages that say the same thing, as a reader matches them, written
/// down from the texts before any score was computed (`tests/fixtures/tram`): the same event,
/// figure or statement, even where the sources disagree on its value.
const GOLD: &[(&str, &str)] = &[
    // The council voted for buses (b copies a's first paragraph).
    ("a/p1", "b/p1"),
    ("a/p1", "d/p1"),
    ("b/p1", "d/p1"),
    // The vote's margin: 9 to 4 (a, d) against 8 to 5 (b).
    ("a/p2", "b/p2"),
    ("a/p2", "d/p1"),
    ("b/p2", "d/p1"),
    // The mayor: buses reach the northern estates two years sooner.
    ("a/p2", "b/p4"),
    ("a/p2", "c/p2"),
    ("a/p2", "d/p3"),
    ("b/p4", "c/p2"),
    ("b/p4", "d/p3"),
    ("c/p2", "d/p3"),
    // The cost: 12 million euros (a, c, d) against 15 million (b).
    ("a/p3", "b/p3"),
    ("a/p3", "c/p3"),
    ("a/p3", "d/p2"),
    ("b/p3", "c/p3"),
    ("b/p3", "d/p2"),
    ("c/p3", "d/p2"),
    // The depot in the Hafen district, and its residents (b's passage on the cost also says
    // the depot will be built; d, that it will not).
    ("a/p4", "d/p4"),
    ("a/p4", "b/p3"),
    ("b/p3", "d/p4"),
    // When the first buses come.
    ("a/p5", "d/p5"),
];

/// Passages no other source has: the environmental groups (b), the opinion's own arguments and
/// memories (c).
const ONLY: &[&str] = &["b/p5", "c/p1", "c/p4", "c/p5"];

fn key(doc: &str, passage: &str) -> String {
    format!("{doc}/{passage}")
}

/// Every matched pair once, the lower key first.
fn pairs(a: &Alignment) -> BTreeSet<(String, String)> {
    a.passages
        .iter()
        .flat_map(|p| {
            p.matches.iter().map(move |m| {
                let (x, y) = (key(&p.doc, &p.passage), key(&m.doc, &m.passage));
                if x < y {
                    (x, y)
                } else {
                    (y, x)
                }
            })
        })
        .collect()
}

fn tram() -> (&'static Corpus, Alignment) {
    let c = common::tram_corpus();
    let analysis = Analysis::new(c, &[]);
    (c, align(c, &analysis, &["a", "b", "c", "d"]))
}

/// Precision and recall of the pairs with a score of at least `t` against `GOLD`.
fn measured(a: &Alignment, t: f32) -> (f64, f64, usize) {
    let gold: BTreeSet<(String, String)> = GOLD
        .iter()
        .map(|(x, y)| ((*x).to_owned(), (*y).to_owned()))
        .collect();
    let mut kept = a.clone();
    for p in &mut kept.passages {
        p.matches.retain(|m| m.score >= t);
    }
    let found = pairs(&kept);
    let right = found.intersection(&gold).count();
    let precision = if found.is_empty() {
        1.0
    } else {
        right as f64 / found.len() as f64
    };
    (precision, right as f64 / gold.len() as f64, found.len())
}

#[test]
fn the_tram_story_is_matched_passage_by_passage_at_the_threshold() {
    let (_, a) = tram();
    let (precision, recall, found) = measured(&a, MIN_SIMILARITY);
    // The table of BENCHMARKS.md: `cargo test -p parallax-core --test align -- --nocapture`.
    for t in [0.10f32, 0.15, 0.20, 0.25, 0.30, 0.40] {
        let (p, r, n) = measured(&a, t);
        println!("| {t:.2} | {n} | {p:.2} | {r:.2} |");
    }
    assert!(
        precision >= 0.95 && recall >= 0.75,
        "at {MIN_SIMILARITY}: {found} pairs, precision {precision:.2}, recall {recall:.2}: {:#?}",
        pairs(&a)
    );
}

#[test]
fn the_copied_paragraph_matches_whole_and_names_its_words() {
    let (_, a) = tram();
    let first = a.of("a").next().unwrap();
    assert_eq!(first.passage, "p1");
    let copy = first.best_in("b").unwrap();
    assert_eq!(copy.passage, "p1");
    assert!((copy.score - 1.0).abs() < 1e-5, "{}", copy.score);
    // The words shown are words of the matched paragraph as it spells them, heaviest first, no
    // function word among them.
    assert_eq!(copy.words.len(), 4);
    assert!(copy.words.iter().any(|w| w == "Monday"), "{:?}", copy.words);
    let text = &common::tram_corpus().document("b").unwrap().passages[0].text;
    for w in &copy.words {
        assert!(text.contains(w.as_str()), "{w}");
        assert!(!parallax_core::lang::FUNCTION_WORDS.contains(&w.to_lowercase().as_str()));
    }
}

#[test]
fn what_only_one_source_says_is_shown_as_such() {
    let (_, a) = tram();
    let only: BTreeSet<String> = a
        .docs
        .iter()
        .flat_map(|d| a.only(d))
        .map(|p| key(&p.doc, &p.passage))
        .collect();
    for k in ONLY {
        assert!(only.contains(*k), "{k} is matched: {only:?}");
    }
    // Every passage of the story is listed once, in column and reading order.
    let listed: Vec<String> = a.passages.iter().map(|p| key(&p.doc, &p.passage)).collect();
    assert_eq!(listed.len(), 20);
    assert!(
        a.passages.iter().all(|p| !p.crowded),
        "no word of the tram story is that common"
    );
    assert_eq!(listed[0], "a/p1");
    assert_eq!(listed[19], "d/p5");
    // Matches are listed both ways.
    for (x, y) in pairs(&a) {
        let (dx, px) = x.split_once('/').unwrap();
        let (dy, py) = y.split_once('/').unwrap();
        let back = a.of(dy).find(|p| p.passage == py).unwrap();
        assert!(back.matches.iter().any(|m| m.doc == dx && m.passage == px));
    }
}

#[test]
fn two_sources_are_matched_only_with_each_other() {
    let c = common::tram_corpus();
    let analysis = Analysis::new(c, &[]);
    let a = align(c, &analysis, &["d", "a", "d", "nope"]);
    assert_eq!(a.docs, ["d", "a"]);
    assert!(a.passages.iter().all(|p| p.doc == "d" || p.doc == "a"));
    assert!(a
        .passages
        .iter()
        .flat_map(|p| &p.matches)
        .all(|m| m.doc == "d" || m.doc == "a"));
    // The column order is the caller's: d's passages first.
    assert_eq!(a.passages[0].doc, "d");
    assert_eq!(
        a.of("d")
            .find(|p| p.passage == "p4")
            .unwrap()
            .best_in("a")
            .unwrap()
            .passage,
        "p4"
    );
}

/// The bundled corpus: passages in which reuse finds copied wording (six stretches of 9 to 19
/// words) say the same thing, so each is matched with the other.
#[test]
fn copied_passages_of_the_bundled_corpus_are_matched() {
    let c = common::real_corpus();
    let analysis = Analysis::new(c, &[]);
    let ids: Vec<&str> = c.documents.iter().map(|d| d.id.as_str()).collect();
    let found = pairs(&align(c, &analysis, &ids));
    let reuse = parallax_core::reuse::find(c);
    assert!(reuse.len() >= 5, "only {} copied stretches", reuse.len());
    let missed: Vec<(String, String)> = reuse
        .iter()
        .map(|r| {
            let (x, y) = (key(&r.a.doc, &r.a.passage), key(&r.b.doc, &r.b.passage));
            if x < y {
                (x, y)
            } else {
                (y, x)
            }
        })
        .filter(|pair| !found.contains(pair))
        .collect();
    assert!(missed.is_empty(), "copied but not matched: {missed:?}");
}

/// Hostile input: two sources of 400 passages each, all made of the same words, and a third, not
/// compared, of other words (so that those words are not in every passage of the corpus, which
/// would weigh nothing). Every stem is in more than `MAX_POSTINGS` passages of the compared
/// sources, so no pair of passages is weighed: the work is one step a posting, not one a pair
/// (160,000 pairs here).
#[test]
fn words_every_passage_holds_cost_no_pairs() {
    let passage = "tram buses council vote cost depot estates mayor".to_owned();
    let other = "harbour festival dates announced".to_owned();
    let c = common::corpus(vec![
        vec![passage.clone(); 400],
        vec![passage; 400],
        vec![other; 800],
    ]);
    let analysis = Analysis::new(&c, &[]);
    let before = parallax_core::probe::steps();
    let a = align(&c, &analysis, &["d0", "d1"]);
    let steps = parallax_core::probe::steps() - before;
    assert_eq!(a.passages.len(), 800);
    assert!(a.passages.iter().all(|p| p.matches.is_empty()));
    // Their words were too common to weigh, so none is said to be its source's own.
    assert_eq!(a.only("d0").count(), 0);
    assert_eq!(a.crowded("d0").count(), 400);
    const { assert!(800 > MAX_POSTINGS) };
    // 12 stems, of 800 postings each.
    assert!(steps <= 12 * 801, "{steps} steps");
}

/// "news" has the stem of "new" and "died" that of German "die", both function words: they are
/// content words all the same, and two passages made of them match.
#[test]
fn words_that_share_a_stem_with_a_function_word_still_count() {
    let c = common::corpus(vec![
        vec!["news died".into(), "other words".into()],
        vec!["news died".into(), "more words".into()],
        vec!["filler text".into()],
    ]);
    let analysis = Analysis::new(&c, &[]);
    let a = align(&c, &analysis, &["d0", "d1"]);
    let first = a.of("d0").next().unwrap();
    let twin = a.of("d1").next().unwrap();
    let m = first.best_in("d1").expect("no match");
    assert_eq!(m.passage, twin.passage);
    let mut words = m.words.clone();
    words.sort_unstable();
    assert_eq!(words, ["died", "news"]);
}
