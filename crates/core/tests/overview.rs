//! The story overview on the real corpus: every figure it shows checked against the analyses it
//! is built from (reuse, facts, theme counts, word counts), and the keyness measure by hand.

use parallax_core::analysis::Analysis;
use parallax_core::facts::{facts, Agreement, FactKind};
use parallax_core::model::Corpus;
use parallax_core::overview::{
    best_pair, log_likelihood, overview, Overview, HEDGING, JUDGING, KEYNESS_MIN,
    KEYNESS_MIN_COUNT, LEFT_OUT_PERCENT, SHORT_PASSAGES, STRESS_POINTS,
};
use parallax_core::reuse;
use parallax_core::source::load_dir;
use parallax_core::text::{fold, words, Analyzer};
use std::path::Path;
use std::sync::OnceLock;

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia")).unwrap()
    })
}

fn built() -> &'static Overview {
    static O: OnceLock<Overview> = OnceLock::new();
    O.get_or_init(|| {
        let c = corpus();
        let analysis = Analysis::new(c, &[]);
        overview(c, &analysis, &reuse::find(c), &facts(c, &c.claims))
    })
}

fn passage_text<'a>(c: &'a Corpus, doc: &str, passage: &str) -> &'a str {
    &c.document(doc).unwrap().passage(passage).unwrap().text
}

#[test]
fn copying_pairs_are_every_pair_that_shares_wording_with_its_spans() {
    let c = corpus();
    let o = built();
    let pairs = reuse::find(c);
    assert_eq!(o.pairs, 10, "five sources make ten pairs");
    // Every reuse pair lands in exactly one copying pair, with its own words.
    let spans: usize = o.copies.iter().map(|p| p.spans.len()).sum();
    assert_eq!(spans, pairs.len());
    for p in &o.copies {
        let expected: Vec<_> = pairs
            .iter()
            .filter(|r| (r.a.doc == p.a && r.b.doc == p.b) || (r.a.doc == p.b && r.b.doc == p.a))
            .collect();
        assert_eq!(p.spans.len(), expected.len(), "{} {}", p.a, p.b);
        assert_eq!(p.words, expected.iter().map(|r| r.words).sum::<usize>());
        for s in &p.spans {
            assert_eq!(s.a.doc, p.a, "a's side first");
            let text = passage_text(c, &s.a.doc, &s.a.passage);
            assert_eq!(&text[s.a.start as usize..s.a.end as usize], s.a.text);
        }
        // Neither page of the corpus gives a date for both sides: who copied cannot be told.
        assert_eq!(p.published_first, None);
    }
    // Most shared wording first; on this corpus, 001/002 and 002/004 and no other pair.
    assert!(o.copies.windows(2).all(|w| w[0].words >= w[1].words));
    let ids: Vec<(&str, &str)> = o
        .copies
        .iter()
        .map(|p| (p.a.as_str(), p.b.as_str()))
        .collect();
    assert_eq!(ids, [("001", "002"), ("002", "004")]);
    assert_eq!(
        best_pair(c, &pairs),
        Some(("001".to_owned(), "002".to_owned()))
    );
}

#[test]
fn disagreements_table_has_a_cell_per_source_conflicts_first() {
    let c = corpus();
    let o = built();
    let groups = facts(c, &c.claims);
    assert_eq!(o.disputes.len() + o.single.len(), groups.len());
    let first_agreement = o
        .disputes
        .iter()
        .position(|r| r.group.agreement != Agreement::Differ)
        .unwrap_or(o.disputes.len());
    assert!(o.disputes[first_agreement..]
        .iter()
        .all(|r| r.group.agreement != Agreement::Differ));
    assert!(
        first_agreement >= 2,
        "the treaty's status and the defence pact"
    );
    for row in o.disputes.iter().chain(&o.single) {
        assert_eq!(row.cells.len(), c.documents.len());
        for (cell, doc) in row.cells.iter().zip(&c.documents) {
            assert_eq!(cell.doc, doc.id);
            let stated: Vec<&str> = row
                .group
                .mentions
                .iter()
                .filter(|m| m.doc == doc.id)
                .map(|m| m.value.as_str())
                .collect();
            assert_eq!(
                cell.values.iter().map(|v| v.times).sum::<usize>(),
                stated.len()
            );
            for v in &cell.values {
                assert!(stated.contains(&v.value.as_str()));
            }
        }
        assert_eq!(
            row.sources,
            row.cells.iter().filter(|c| !c.values.is_empty()).count()
        );
    }
    let treaty = o
        .disputes
        .iter()
        .find(|r| r.group.key == "treaty-status")
        .unwrap();
    assert_eq!(treaty.topic, "Status of the Iran–Russia treaty");
    let cell = |doc: &str| treaty.cells.iter().find(|c| c.doc == doc).unwrap();
    // 001 says ratified and nothing else; 002 says both "not yet signed" and "signed".
    assert_eq!(cell("001").values[0].label, "presented as ratified");
    assert!(!cell("001").contradicts_itself);
    assert!(cell("002").contradicts_itself);
    assert!(cell("000").values.is_empty());
    // A figure both 002 and 004 give alike.
    let goods = o
        .disputes
        .iter()
        .find(|r| r.group.kind == FactKind::Figure)
        .unwrap();
    assert_eq!(goods.group.agreement, Agreement::Agree);
    assert_eq!(goods.sources, 2);
}

#[test]
fn theme_emphasis_follows_the_theme_counts() {
    let c = corpus();
    let o = built();
    let analysis = Analysis::new(c, &[]);
    let m = analysis.theme_matrix(c);
    let themes = analysis.themes.themes();
    let pct = |n: usize, of: usize| (n * 100 + of / 2) / of;
    for (d, p) in o.profiles.iter().enumerate() {
        assert_eq!(p.doc, c.documents[d].id);
        assert_eq!(p.short, c.documents[d].passages.len() < SHORT_PASSAGES);
        let others_total: usize = m.totals.iter().sum::<usize>() - m.totals[d];
        for (t, theme) in themes.iter().enumerate() {
            let count = m.counts[t][d];
            let others = m.counts[t].iter().sum::<usize>() - count;
            let stressed =
                count >= 2 && pct(count, m.totals[d]) >= pct(others, others_total) + STRESS_POINTS;
            let left_out = count == 0 && pct(others, others_total) >= LEFT_OUT_PERCENT;
            assert_eq!(
                p.stresses.iter().any(|w| w.theme == theme.id),
                stressed,
                "{} {}",
                p.doc,
                theme.id
            );
            assert_eq!(p.leaves_out.iter().any(|w| w.theme == theme.id), left_out);
        }
    }
    // The opinion piece of six passages: short, so its shares carry a caution.
    let first = &o.profiles[0];
    assert_eq!(first.genre.as_deref(), Some("opinion"));
    assert!(first.short);
    assert!(!first.stresses.is_empty());
}

#[test]
fn log_likelihood_by_hand() {
    // 10 of 100 words against 0 of 100: expected 5 and 5, G² = 2 × 10 × ln 2.
    let g = log_likelihood(10, 0, 100, 100);
    assert!((g - 13.862_944).abs() < 1e-4, "{g}");
    // Equal rates: nothing distinctive.
    assert!(log_likelihood(5, 10, 100, 200).abs() < 1e-6);
    // 3 of 1,000 against 1 of 9,000: E = 0.4 and 3.6.
    let e = 2.0 * (3.0f64 * (3.0f64 / 0.4).ln() + 1.0f64 * (1.0f64 / 3.6).ln());
    assert!((f64::from(log_likelihood(3, 1, 1000, 9000)) - e).abs() < 1e-4);
}

#[test]
fn distinctive_words_are_counted_from_the_text() {
    let c = corpus();
    let o = built();
    let total_words = |d: &parallax_core::Document| -> usize {
        d.passages.iter().map(|p| words(&p.text).len()).sum()
    };
    let grand: usize = c.documents.iter().map(total_words).sum();
    let analyzer = Analyzer::default();
    for (p, doc) in o.profiles.iter().zip(&c.documents) {
        assert!(p.key_words.len() <= 8);
        for k in &p.key_words {
            assert!(k.count >= KEYNESS_MIN_COUNT);
            assert!(k.score >= KEYNESS_MIN);
            let here = total_words(doc);
            let expected = log_likelihood(k.count, k.others_count, here, grand - here);
            assert!((expected - k.score).abs() < 1e-3, "{} {}", p.doc, k.word);
            // The passages listed hold the word's stem as often as said, and sum to its count.
            assert_eq!(k.passages.iter().map(|(_, n)| n).sum::<usize>(), k.count);
            let stem = analyzer.stem(&fold(&k.word));
            for (pid, n) in &k.passages {
                let text = passage_text(c, &doc.id, pid);
                let here = words(text)
                    .iter()
                    .filter(|w| analyzer.stem(&w.norm) == stem)
                    .count();
                assert_eq!(here, *n, "{} {pid} {}", doc.id, k.word);
            }
        }
        assert!(p.key_words.windows(2).all(|w| w[0].score >= w[1].score));
    }
    // 003 writes "unequal" where nobody else does (its title's framing: "Unequal Allies").
    let third = o.profiles.iter().find(|p| p.doc == "003").unwrap();
    let unequal = third
        .key_words
        .iter()
        .find(|k| k.word == "unequal")
        .unwrap();
    assert_eq!(unequal.others_count, 0);
}

#[test]
fn judging_and_hedging_words_point_at_their_text() {
    let c = corpus();
    let o = built();
    for p in &o.profiles {
        for (uses, list) in [(&p.judging, JUDGING), (&p.hedging, HEDGING)] {
            assert_eq!(uses.count, uses.spans.len());
            for s in &uses.spans {
                let text = passage_text(c, &s.doc, &s.passage);
                assert_eq!(&text[s.start as usize..s.end as usize], s.text);
                let folded: Vec<String> = words(&s.text).into_iter().map(|w| w.norm).collect();
                assert!(list.contains(&folded.join(" ").as_str()), "{}", s.text);
            }
        }
    }
    // 002 hedges with "might" and "potentially"; 003 uses the most judging words per word.
    let second = &o.profiles[2];
    assert!(second.hedging.spans.iter().any(|s| s.text == "might"));
    let most = o
        .profiles
        .iter()
        .max_by(|a, b| a.judging.per_1000.total_cmp(&b.judging.per_1000))
        .unwrap();
    assert_eq!(most.doc, "003");
}

#[test]
fn voices_are_the_people_quoted() {
    let c = corpus();
    let o = built();
    let voices = |doc: &str| -> Vec<&str> {
        o.profiles
            .iter()
            .find(|p| p.doc == doc)
            .unwrap()
            .voices
            .iter()
            .map(|v| v.name.as_str())
            .collect()
    };
    assert_eq!(voices("003"), ["Vakhshiteh"]);
    assert!(voices("002").contains(&"Russian Foreign Minister Sergei Lavrov"));
    // "the United States" is no one speaking: "states" is not read as a verb of saying.
    assert!(o
        .profiles
        .iter()
        .all(|p| p.voices.iter().all(|v| v.name != "United")));
    for p in &o.profiles {
        for v in &p.voices {
            for s in &v.spans {
                let text = passage_text(c, &s.doc, &s.passage);
                assert_eq!(&text[s.start as usize..s.end as usize], s.text);
                assert!(s.text.contains(&v.name));
            }
        }
    }
}

#[test]
fn cleaning_agrees_with_the_documents() {
    let c = corpus();
    let o = built();
    for (cl, doc) in o.cleaning.iter().zip(&c.documents) {
        assert_eq!(cl.doc, doc.id);
        assert_eq!(
            cl.blocks,
            doc.removed.iter().filter(|r| r.kind.is_junk()).count()
        );
        assert_eq!(cl.words, doc.removed_word_count());
        assert_eq!(cl.kinds.iter().map(|(_, n)| n).sum::<usize>(), cl.blocks);
    }
}

#[test]
fn the_overview_is_deterministic() {
    let c = corpus();
    let analysis = Analysis::new(c, &[]);
    let again = overview(c, &analysis, &reuse::find(c), &facts(c, &c.claims));
    assert_eq!(&again, built());
}
