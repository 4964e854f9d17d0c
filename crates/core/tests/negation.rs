//! Statements one source makes and another denies (`negation`), found without a list of
//! claims, on sentences written for the test: the same thing said and denied in the same tense
//! is a finding with both sentences; a plan and its end ("was to be built", "will not be
//! built"), two denials, or sentences that share too little are not. On the tram story exactly
//! the one its corpus.toml states is found (the depot); a corpus with its own claims gets none.

mod common;

use parallax_core::facts::{facts, Agreement, FactKind};
use parallax_core::negation::{DENIES, SAYS};

/// A finding as the tests read it: its label, each mention's source, value and sentence, and
/// why.
type Finding = (String, Vec<(String, String, String)>, String);

/// The findings of a corpus of one-passage sources, each the sentences given.
fn findings(docs: &[&[&str]]) -> Vec<Finding> {
    let corpus = common::corpus(
        docs.iter()
            .map(|d| d.iter().map(|s| (*s).to_owned()).collect())
            .collect(),
    );
    facts(&corpus, &[])
        .into_iter()
        .filter(|g| g.kind == FactKind::Statement)
        .map(|g| {
            assert_eq!(g.agreement, Agreement::Differ);
            let m = g
                .mentions
                .iter()
                .map(|m| (m.doc.clone(), m.value.clone(), m.sentence.to_string()))
                .collect();
            (g.label, m, g.why)
        })
        .collect()
}

#[test]
fn a_statement_said_and_denied_in_the_same_tense_is_a_finding() {
    let said = "The new depot will be built in the Hafen district next year.";
    let denied = "The new depot will not be built in the Hafen district, the council said.";
    let found = findings(&[&[said], &["Buses will run from May."], &[denied]]);
    assert_eq!(found.len(), 1, "{found:#?}");
    let (label, mentions, why) = &found[0];
    assert_eq!(label, "depot, built, Hafen, district");
    let d = |i: usize| format!("d{i}");
    assert_eq!(
        mentions,
        &[
            (d(0), SAYS.to_owned(), said.to_owned()),
            (d(2), DENIES.to_owned(), denied.to_owned())
        ]
    );
    assert!(
        why.starts_with("Found automatically: one sentence says “not” where the other does not"),
        "{why}"
    );
    assert!(why.contains("“depot”"), "{why}");

    // Contracted, in the past; a modal; "never".
    for (x, y) in [
        (
            "The minister attended the summit in Kazan on Tuesday.",
            "The minister didn't attend the summit in Kazan on Tuesday.",
        ),
        (
            "Iran is obliged to defend Russia under the new treaty.",
            "Under the new treaty, Iran is not obliged to defend Russia.",
        ),
        (
            "The council can sell the depot land to the housing company.",
            "The council can't sell the depot land to the housing company.",
        ),
        (
            "The two leaders signed the energy agreement in Moscow.",
            "The two leaders never signed the energy agreement in Moscow.",
        ),
    ] {
        let found = findings(&[&[x], &[y]]);
        assert_eq!(found.len(), 1, "{x} / {y}: {found:#?}");
    }
}

#[test]
fn a_plan_and_its_end_two_denials_and_loose_pairs_are_no_finding() {
    for (x, y) in [
        // A plan, then its end: different times.
        ("Residents of the Hafen district, where the tram depot was to be built, welcomed the decision.", "The depot planned for the Hafen district will not be built."),
        // Both deny.
        ("The depot will not be built in the Hafen district this year.", "The depot in the Hafen district will never be built this year."),
        // Too little in common.
        ("The depot will be built.", "The school will not be built in the northern estates before 2030."),
        // The denied verb is not the other's ("not sold" against "built").
        ("The depot land in the Hafen district will be built over next year.", "The depot land in the Hafen district will not be sold next year."),
    ] {
        assert_eq!(findings(&[&[x], &[y]]), [], "{x} / {y}");
    }
    // One source with itself is no dispute between sources.
    let x = "The new depot will be built in the Hafen district next year.";
    let y = "The new depot will not be built in the Hafen district next year.";
    assert_eq!(findings(&[&[x, y]]), []);
}

#[test]
fn the_tram_story_has_its_one_and_a_corpus_with_claims_keeps_its_own() {
    // b: "The depot planned for the Hafen district will be built next to the school."; d: "…
    // will not be built."; a's "where the tram depot was to be built" speaks of the plan.
    let tram = common::tram_corpus();
    assert!(tram.claims.is_empty());
    let statements: Vec<_> = facts(tram, &[])
        .into_iter()
        .filter(|g| g.kind == FactKind::Statement)
        .collect();
    assert_eq!(statements.len(), 1, "{statements:#?}");
    let g = &statements[0];
    assert_eq!(g.label, "depot, planned, Hafen, district, built");
    let said: Vec<(&str, &str, &str)> = g
        .mentions
        .iter()
        .map(|m| (m.doc.as_str(), m.value.as_str(), m.text.as_str()))
        .collect();
    assert_eq!(said, [("b", SAYS, "built"), ("d", DENIES, "not be")]);
    assert_eq!(
        g.why,
        "Found automatically: one sentence says “not” where the other does not, of the same thing at the same time, and they share the words “depot”, “planned”, “Hafen”, “district” and “built”."
    );
    let real = common::real_corpus();
    assert!(!real.claims.is_empty());
    assert!(!facts(real, &real.claims)
        .iter()
        .any(|g| g.kind == FactKind::Statement));
}

/// The shape the cost test (`statements_said_and_denied_cost_linearly`) measures does pair its
/// sentences: many findings, at most `MAX_FINDINGS`.
#[test]
fn many_pairs_give_at_most_the_cap() {
    let said = |not: bool| -> Vec<String> {
        (0..30)
            .map(|i| {
                format!(
                    "The depot w{i}a will {}be built in w{i}b w{i}c w{i}d.",
                    if not { "not " } else { "" }
                )
            })
            .collect()
    };
    let corpus = common::corpus(vec![said(false), said(true)]);
    let n = facts(&corpus, &[])
        .into_iter()
        .filter(|g| g.kind == FactKind::Statement)
        .count();
    assert_eq!(n, parallax_core::negation::MAX_FINDINGS);
}
