//! The comparison on the real corpus: which themes "only where they differ" keeps (a dispute
//! counts on a theme only when sentences tagged with that theme state the conflicting values),
//! shared wording counted once per place across themes, and the rows a view shows.
#![allow(clippy::disallowed_methods)] // Tests never reach the wasm.

use parallax_core::analysis::Analysis;
use parallax_core::compare::{compare, Comparison};
use parallax_core::facts::{facts, Agreement, FactGroup};
use parallax_core::reuse::{self, ReusePair};
use parallax_core::source::load_dir;
use parallax_core::Corpus;
use std::path::Path;
use std::sync::OnceLock;

struct World {
    corpus: Corpus,
    analysis: Analysis,
    reuse: Vec<ReusePair>,
    facts: Vec<FactGroup>,
}

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let corpus =
            load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia"))
                .unwrap();
        let analysis = Analysis::new(&corpus, &[]);
        let reuse = reuse::find(&corpus);
        let facts = facts(&corpus, &corpus.claims);
        World {
            corpus,
            analysis,
            reuse,
            facts,
        }
    })
}

fn cmp(docs: &[&str]) -> Comparison {
    let w = world();
    compare(&w.corpus, &w.analysis, &w.reuse, &w.facts, docs).unwrap()
}

/// The themes of the one sentence of `passage` that holds byte `at`, tagged on its own.
fn sentence_themes(doc: &str, passage: &str, at: u32) -> Vec<String> {
    let w = world();
    let p = w.corpus.document(doc).unwrap().passage(passage).unwrap();
    let tags = w.analysis.themes.tag_sentences(p);
    let i = p
        .sentences
        .iter()
        .position(|s| s.start <= at && at < s.end)
        .unwrap();
    tags[i].iter().map(|t| t.id.clone()).collect()
}

const SETS: [&[&str]; 4] = [
    &["002", "004"],
    &["002", "004", "003"],
    &["000", "001", "003"],
    &["001", "002", "004"],
];

#[test]
fn a_dispute_counts_on_a_theme_only_through_sentences_tagged_with_it() {
    for docs in SETS {
        let c = cmp(docs);
        for row in &c.rows {
            assert_eq!(row.differs(), !row.disputes.is_empty());
            for d in &row.disputes {
                // Every mention kept is stated in a sentence tagged with the theme, by a compared source.
                for m in &d.mentions {
                    assert!(docs.contains(&m.doc.as_str()));
                    assert!(
                        sentence_themes(&m.doc, &m.passage, m.start).contains(&row.theme),
                        "{docs:?} {}: {} {}/{} «{}» is not on the theme",
                        row.theme,
                        d.key,
                        m.doc,
                        m.passage,
                        m.sentence
                    );
                }
                // And those on-theme mentions alone disagree.
                let mut values: Vec<&str> = d.mentions.iter().map(|m| m.value.as_str()).collect();
                values.dedup();
                assert!(
                    values.len() > 1,
                    "{docs:?} {}: {} has one value",
                    row.theme,
                    d.key
                );
                let group = c.facts.iter().find(|g| g.key == d.key).unwrap();
                assert_eq!(group.agreement, Agreement::Differ);
            }
            // Conversely, a group disputed between these sources whose on-theme mentions conflict
            // is listed: recompute from the sentences.
            for g in c.facts.iter().filter(|g| g.agreement == Agreement::Differ) {
                let mut on = g.clone();
                on.mentions
                    .retain(|m| sentence_themes(&m.doc, &m.passage, m.start).contains(&row.theme));
                on.summarize();
                assert_eq!(
                    on.agreement == Agreement::Differ,
                    row.disputes.iter().any(|d| d.key == g.key),
                    "{docs:?} {} {}",
                    row.theme,
                    g.key
                );
            }
        }
    }
}

#[test]
fn only_where_they_differ_hides_themes_without_an_on_theme_difference() {
    for docs in SETS {
        let c = cmp(docs);
        let all = c.shown(None, false);
        let differ = c.shown(None, true);
        assert!(differ.iter().all(|r| r.differs()));
        assert_eq!(
            differ.len(),
            all.iter().filter(|r| r.differs()).count(),
            "{docs:?}"
        );
        // A theme a source is silent on is not by itself a difference.
        for r in &all {
            if r.columns.iter().any(|col| col.passages.is_empty()) && r.disputes.is_empty() {
                assert!(!r.differs());
            }
        }
    }
    // On the real corpus the switch hides something for the sources that dispute the treaty,
    // and keeps something: the treaty's status is disputed within one theme's sentences.
    for docs in [&["002", "004"][..], &["002", "004", "003"][..]] {
        let c = cmp(docs);
        let (all, differ) = (c.shown(None, false).len(), c.shown(None, true).len());
        assert!(0 < differ && differ < all, "{docs:?}: {differ} of {all}");
        assert!(c
            .shown(None, true)
            .iter()
            .any(|r| r.disputes.iter().any(|d| d.key == "treaty-status")));
    }
    // 000, 001 and 003 dispute nothing between them: nothing differs.
    assert!(cmp(&["000", "001", "003"]).shown(None, true).is_empty());
}

#[test]
fn shared_wording_counts_each_place_once_across_themes() {
    let w = world();
    for docs in SETS {
        let c = cmp(docs);
        let rows = c.shown(None, false);
        let places = Comparison::shared_places(&rows);
        // The pairs of the compared sources that sit in some row, each once.
        let expected: Vec<&ReusePair> = w
            .reuse
            .iter()
            .filter(|r| rows.iter().any(|row| row.reuse.contains(r)))
            .collect();
        assert_eq!(places.len(), expected.len(), "{docs:?}");
        let per_theme: usize = rows.iter().map(|r| r.reuse.len()).sum();
        assert!(places.len() <= per_theme);
        for row in &c.rows {
            let counted: usize = row.shared.iter().map(|s| s.places).sum();
            assert_eq!(counted, row.reuse.len(), "{docs:?} {}", row.theme);
            for s in &row.shared {
                assert!(docs.contains(&s.docs[0].as_str()) && docs.contains(&s.docs[1].as_str()));
                assert_ne!(s.docs[0], s.docs[1]);
            }
        }
    }
    // 002 and 004 share wording in three places, each on several themes: three, not the sum.
    let c = cmp(&["002", "004", "003"]);
    let rows = c.shown(None, false);
    let between: Vec<&ReusePair> = w
        .reuse
        .iter()
        .filter(|r| {
            let d = [r.a.doc.as_str(), r.b.doc.as_str()];
            d.contains(&"002") && d.contains(&"004")
        })
        .collect();
    assert_eq!(Comparison::shared_places(&rows).len(), between.len());
    assert!(rows.iter().map(|r| r.reuse.len()).sum::<usize>() > between.len());
    assert_eq!(c.shares_with(&rows, "002"), ["004"]);
    // The totals count each passage, place and dispute once, whatever the number of themes.
    let t = c.totals(&rows);
    assert_eq!(
        t.shared.iter().map(|s| s.places).sum::<usize>(),
        between.len()
    );
    for (i, doc) in c.docs.iter().enumerate() {
        let mut all: Vec<&String> = rows
            .iter()
            .flat_map(|r| &r.columns)
            .filter(|col| col.doc == *doc)
            .flat_map(|col| &col.passages)
            .collect();
        let listed = all.len();
        all.sort();
        all.dedup();
        assert_eq!(t.passages[i], all.len(), "{doc}");
        assert!(
            all.len() < listed,
            "{doc}: some passage is on several themes"
        );
    }
    let keys: Vec<&str> = t.disputes.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["mutual-defence", "treaty-status"]);
    assert!(c.shares_with(&rows, "003").is_empty());
}

#[test]
fn shown_rows_follow_the_theme_and_the_switch() {
    let c = cmp(&["002", "004", "003"]);
    let trade = c.shown(Some("trade"), false);
    assert_eq!(trade.len(), 1);
    assert_eq!(trade[0].theme, "trade");
    assert!(c.shown(Some("nope"), false).is_empty());
    for r in c.shown(None, false) {
        assert!(r.columns.iter().any(|col| !col.passages.is_empty()));
    }
    // Facts tables: claims first in claim order, disputed figures first; the switch keeps disputes.
    let (claims, figures) = c.fact_tables(&world().corpus, None, true);
    assert!(claims
        .iter()
        .chain(&figures)
        .all(|g| g.agreement == Agreement::Differ));
    assert!(claims.iter().any(|g| g.key == "treaty-status"));
}

/// What the summary shows for three sources, as a snapshot for review.
#[test]
fn summary_of_three_sources() {
    let c = cmp(&["002", "004", "003"]);
    let mut out = String::new();
    for r in &c.rows {
        let cols: Vec<String> = r
            .columns
            .iter()
            .map(|col| format!("{}:{}", col.doc, col.passages.len()))
            .collect();
        let shared: Vec<String> = r
            .shared
            .iter()
            .map(|s| format!("{}+{}×{}", s.docs[0], s.docs[1], s.places))
            .collect();
        let disputes: Vec<&str> = r.disputes.iter().map(|d| d.key.as_str()).collect();
        out += &format!(
            "{:<10} {}  shared [{}]  disputes [{}]\n",
            r.theme,
            cols.join(" "),
            shared.join(" "),
            disputes.join(" ")
        );
    }
    insta::assert_snapshot!(out);
}
