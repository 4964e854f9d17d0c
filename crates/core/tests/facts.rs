//! Figures, dates and claims cross-checked on the real corpus, and on sentences written here.

mod common;

use parallax_core::facts::{any_conflict, facts, Agreement, FactGroup, FactKind, TALLY, WEEKDAY};
use parallax_core::model::Claim;
use parallax_core::source::{load_dir, parse_claims, CLAIMS};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia")
}

#[test]
fn figures_dates_and_claims_snapshot() {
    let corpus = load_dir(&corpus_dir()).unwrap();
    let groups = facts(&corpus, &corpus.claims);
    // The corpus's own claims say so; what was read from figures says it was found automatically.
    for g in groups.iter().filter(|g| g.mentions.len() > 1) {
        let curated = g.kind == FactKind::Claim || g.label.starts_with("Date of:");
        let from = if curated {
            "From the corpus's own list of claims: "
        } else {
            "Found automatically: "
        };
        assert!(g.why.starts_with(from), "{}: {}", g.key, g.why);
    }
    let mut out = String::new();
    for g in &groups {
        out += &format!("{:?} {:?} {} — {}\n", g.kind, g.agreement, g.key, g.label);
        for m in &g.mentions {
            let text = &corpus
                .document(&m.doc)
                .unwrap()
                .passage(&m.passage)
                .unwrap()
                .text;
            assert_eq!(&text[m.start as usize..m.end as usize], m.text);
            assert!(text.contains(&*m.sentence));
            out += &format!("  {}/{} {} «{}»\n", m.doc, m.passage, m.value, m.text);
        }
    }
    insta::assert_snapshot!(out);
    let group = |key: &str| {
        groups
            .iter()
            .find(|g| g.key == key)
            .unwrap_or_else(|| panic!("{key}"))
    };
    // 002 and 004 agree on "90 percent of goods".
    let g = group("figure:percent of good");
    assert_eq!((g.kind, g.agreement), (FactKind::Figure, Agreement::Agree));
    // Sources disagree on whether the treaty is signed, and 004 calls it hypothetical.
    let t = group("treaty-status");
    assert_eq!(t.agreement, Agreement::Differ);
    assert!(t
        .values
        .iter()
        .any(|(v, docs)| v == "hypothetical" && docs == &["004"]));
    assert!(t
        .values
        .iter()
        .any(|(v, docs)| v == "signed" && docs.contains(&"004".to_owned())));
    // And on whether the pact carries a mutual-defence obligation.
    let d = group("mutual-defence");
    assert_eq!(d.agreement, Agreement::Differ);
    assert!(d
        .values
        .iter()
        .any(|(v, docs)| v == "no-obligation" && docs.contains(&"003".to_owned())));
    // The ratification (001) and the signing (004) are two events, each dated by one source:
    // "April 21" and "January 17, 2025" do not conflict.
    let r = group("date:treaty-status:ratified");
    assert_eq!(
        (r.agreement, r.values[0].1.as_slice()),
        (Agreement::Single, &["001".to_owned()][..])
    );
    let s = group("date:treaty-status:signed");
    assert_eq!(
        (s.agreement, s.values[0].1.as_slice()),
        (Agreement::Single, &["004".to_owned()][..])
    );
    assert!(!groups
        .iter()
        .any(|g| g.kind == FactKind::Date && g.agreement == Agreement::Differ));
    // Citation markers are not figures.
    assert!(!groups
        .iter()
        .any(|g| g.mentions.iter().any(|m| m.text.contains('['))));
}

/// The claims of the real corpus.
fn claims() -> &'static [Claim] {
    static C: OnceLock<Vec<Claim>> = OnceLock::new();
    C.get_or_init(|| {
        let path = corpus_dir().join(CLAIMS);
        parse_claims(&path, &std::fs::read_to_string(&path).unwrap()).unwrap()
    })
}

/// Facts of sources written here, each a list of passages, with the real claims.
fn facts_of(sources: &[&[&str]]) -> Vec<FactGroup> {
    let docs = sources
        .iter()
        .map(|passages| passages.iter().map(|p| (*p).to_owned()).collect())
        .collect();
    facts(&common::corpus_split(docs), claims())
}

fn find<'a>(groups: &'a [FactGroup], key: &str) -> &'a FactGroup {
    groups
        .iter()
        .find(|g| g.key == key)
        .unwrap_or_else(|| panic!("no group {key} in {:#?}", keys(groups)))
}

fn keys(groups: &[FactGroup]) -> Vec<(&str, Agreement)> {
    groups
        .iter()
        .map(|g| (g.key.as_str(), g.agreement))
        .collect()
}

/// The stance a sentence takes on a claim: `None` when it is not on the claim's topic, or on it
/// with no stance (and the claim has no default).
fn stance(sentence: &str, claim: &str) -> Option<String> {
    let groups = facts_of(&[&[sentence]]);
    let g = groups
        .iter()
        .find(|g| g.kind == FactKind::Claim && g.key == claim)?;
    assert_eq!(g.mentions.len(), 1, "{sentence}");
    Some(g.mentions[0].value.clone())
}

/// Every stance of every claim, on sentences that are not in the corpus: for each, sentences
/// that take it and near misses that must not.
#[test]
fn claims_on_sentences_outside_the_corpus() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        // Treaty status, hypothetical.
        (
            "Hypothetically, the treaty could be signed before the summer.",
            "treaty-status",
            Some("hypothetical"),
        ),
        (
            "Any talk of a treaty between the two capitals remains speculative.",
            "treaty-status",
            Some("hypothetical"),
        ),
        (
            "If concluded, the treaty would bind both governments for twenty years.",
            "treaty-status",
            Some("hypothetical"),
        ),
        (
            "Were it to be signed, the treaty would be the first of its kind.",
            "treaty-status",
            Some("hypothetical"),
        ),
        (
            "Such a treaty would reshape the balance of power around the Caspian Sea.",
            "treaty-status",
            Some("hypothetical"),
        ),
        (
            "A potential treaty with Moscow divides the Iranian parliament.",
            "treaty-status",
            Some("hypothetical"),
        ),
        (
            "Le traité reste hypothétique.",
            "treaty-status",
            Some("hypothetical"),
        ),
        // …not: a reported "would" is no condition, and a treaty that was signed is not imagined.
        (
            "Officials said the treaty would include a chapter on energy.",
            "treaty-status",
            Some("pending"),
        ),
        (
            "The treaty was signed in Moscow on a cold morning.",
            "treaty-status",
            Some("signed"),
        ),
        // Pending.
        (
            "The two foreign ministers plan to sign the treaty in the autumn.",
            "treaty-status",
            Some("pending"),
        ),
        (
            "Diplomats say the treaty text is still under negotiation.",
            "treaty-status",
            Some("pending"),
        ),
        (
            "The treaty has not yet been signed.",
            "treaty-status",
            Some("pending"),
        ),
        (
            "A draft treaty was sent to both parliaments.",
            "treaty-status",
            Some("pending"),
        ),
        // …not: negotiated once, signed since.
        (
            "The treaty, negotiated over two years, was signed on Friday.",
            "treaty-status",
            Some("signed"),
        ),
        // Ratified.
        (
            "The Duma ratified the treaty after a short debate.",
            "treaty-status",
            Some("ratified"),
        ),
        (
            "Parliament voted to ratify the treaty.",
            "treaty-status",
            Some("ratified"),
        ),
        // …not.
        (
            "The treaty was signed, and parliament has yet to vote on it.",
            "treaty-status",
            Some("signed"),
        ),
        // Signed.
        (
            "Putin and Pezeshkian signed the treaty in the Kremlin.",
            "treaty-status",
            Some("signed"),
        ),
        (
            "Der Vertrag wurde im Januar unterzeichnet.",
            "treaty-status",
            Some("signed"),
        ),
        // …not: on the topic with no stance, or a signing that is not of a treaty.
        (
            "Officials discussed the economic chapters of the treaty.",
            "treaty-status",
            None,
        ),
        (
            "The two countries signed a gas deal.",
            "treaty-status",
            None,
        ),
        // Mutual defence, no obligation.
        (
            "The security pact does not commit Moscow to defend Tehran.",
            "mutual-defence",
            Some("no-obligation"),
        ),
        (
            "The accord falls short of a mutual defence clause.",
            "mutual-defence",
            Some("no-obligation"),
        ),
        (
            "Tehran is not bound to fight for Moscow under the defence pact.",
            "mutual-defence",
            Some("no-obligation"),
        ),
        (
            "This is a partnership, not a military alliance.",
            "mutual-defence",
            Some("no-obligation"),
        ),
        (
            "Der Vertrag enthält keine Beistandsklausel, also no obligation to fight.",
            "mutual-defence",
            Some("no-obligation"),
        ),
        (
            "The new defence pact does not include a mutual assistance clause.",
            "mutual-defence",
            Some("no-obligation"),
        ),
        (
            "Despite the security pact, Moscow is unlikely to come to Tehran's aid.",
            "mutual-defence",
            Some("no-obligation"),
        ),
        (
            "The agreement is more nuanced than a classic military alliance.",
            "mutual-defence",
            Some("no-obligation"),
        ),
        // …not: "unlikely" about something else.
        (
            "It is unlikely that the defence pact will be renewed before 2030.",
            "mutual-defence",
            Some("pact"),
        ),
        // …not: a pact that binds.
        (
            "Under the defence pact, each side must defend the other if attacked.",
            "mutual-defence",
            Some("pact"),
        ),
        // A pact (the default stance).
        (
            "Moscow and Tehran announced a security pact last year.",
            "mutual-defence",
            Some("pact"),
        ),
        // …not: off the topic.
        (
            "The two navies held joint exercises in the Caspian.",
            "mutual-defence",
            None,
        ),
    ];
    let mut wrong = Vec::new();
    for (sentence, claim, want) in cases {
        let got = stance(sentence, claim);
        if got.as_deref() != *want {
            wrong.push(format!("{sentence:?} on {claim}: {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // Every stance of every claim is checked above.
    for c in claims() {
        for s in &c.stances {
            assert!(
                cases
                    .iter()
                    .any(|(_, claim, want)| *claim == c.id && *want == Some(s.id.as_str())),
                "{} {}",
                c.id,
                s.id
            );
        }
    }
}

#[test]
fn dates_of_different_events_do_not_conflict() {
    let groups = facts_of(&[
        &["The recent ratification of the treaty by the Duma on April 21 was unanimous."],
        &["The presidents signed the treaty on January 17, 2025."],
    ]);
    let r = find(&groups, "date:treaty-status:ratified");
    assert_eq!(
        (r.agreement, r.values[0].0.as_str()),
        (Agreement::Single, "--04-21")
    );
    assert_eq!(
        r.label,
        "Date of: Status of the Iran–Russia treaty, presented as ratified"
    );
    let s = find(&groups, "date:treaty-status:signed");
    assert_eq!(
        (s.agreement, s.values[0].0.as_str()),
        (Agreement::Single, "2025-01-17")
    );
    assert!(!groups
        .iter()
        .any(|g| g.agreement == Agreement::Differ && g.kind == FactKind::Date));
}

#[test]
fn partial_dates_agree_with_fuller_ones() {
    let agreement = |a: &str, b: &str| {
        let groups = facts_of(&[&[a], &[b]]);
        let dates: Vec<&FactGroup> = groups.iter().filter(|g| g.kind == FactKind::Date).collect();
        assert_eq!(dates.len(), 1, "{:?}", keys(&groups));
        (dates[0].key.clone(), dates[0].agreement)
    };
    let signed = |a: Agreement| ("date:treaty-status:signed".to_owned(), a);
    assert_eq!(
        agreement(
            "The treaty was signed in January 2025.",
            "The treaty was signed on January 17, 2025."
        ),
        signed(Agreement::Agree)
    );
    assert_eq!(
        agreement(
            "The strategic partnership agreement was first signed in 2001.",
            "The strategic partnership agreement was signed on March 12, 2001."
        ),
        signed(Agreement::Agree)
    );
    // A true conflict: the same event on two days.
    assert_eq!(
        agreement(
            "The treaty was signed on January 17, 2025.",
            "The treaty was signed on January 15, 2025."
        ),
        signed(Agreement::Differ)
    );
    // And on two months.
    assert_eq!(
        agreement(
            "The treaty was signed on April 21.",
            "The treaty was signed on January 17, 2025."
        ),
        signed(Agreement::Differ)
    );
    // Dates of no known event match only themselves.
    let groups = facts_of(&[&["Trade grew in 2024."], &["Trade grew in March 2024."]]);
    assert_eq!(
        keys(&groups),
        [
            ("date:2024", Agreement::Single),
            ("date:2024-03", Agreement::Single)
        ]
    );
}

#[test]
fn figures_agree_by_value_whatever_the_spelling_of_percent() {
    let figure = |a: &str, b: &str| {
        let groups = facts_of(&[&[a], &[b]]);
        let g = find(&groups, "figure:percent of good");
        assert_eq!(g.mentions.len(), 2);
        g.agreement
    };
    assert_eq!(
        figure(
            "Tariffs were cut on 85% of goods.",
            "Tariffs were cut on 90 percent of goods."
        ),
        Agreement::Differ
    );
    assert_eq!(
        figure(
            "Tariffs were cut on 90% of goods.",
            "Tariffs were cut on 90 percent of goods."
        ),
        Agreement::Agree
    );
    // A sign set apart from its number (this used to panic).
    assert_eq!(
        figure(
            "Tariffs were cut on 90 % of goods.",
            "Tariffs were cut on about 90 percent of goods."
        ),
        Agreement::Agree
    );
}

#[test]
fn percent_signs_anywhere_are_harmless() {
    let groups = facts_of(&[&[
        "Share (%) of goods: 90 %. Then % alone, %20 encoded, 5%% and «%» quoted.",
        "%",
        "(%)",
    ]]);
    for g in &groups {
        for m in &g.mentions {
            assert!(!m.text.is_empty() && m.sentence.contains(&m.text), "{m:?}");
        }
    }
}

#[test]
fn per_is_a_unit_only_before_cent() {
    let groups = facts_of(&[&[
        "Tariffs fell on 90 per cent of goods.",
        "Output rose to 12,000 per day.",
        // "per" as the last word used to index past the end.
        "Prices rose 12,000 per.",
    ]]);
    let figures: Vec<(&str, &str)> = groups
        .iter()
        .filter(|g| g.kind == FactKind::Figure)
        .flat_map(|g| {
            g.mentions
                .iter()
                .map(move |m| (g.key.as_str(), m.text.as_str()))
        })
        .collect();
    assert_eq!(
        figures,
        [
            ("figure:per", "12,000 per"),
            ("figure:per day", "12,000 per day"),
            ("figure:percent of good", "90 per cent of goods"),
        ]
    );
}

/// How a table names each group (`shown_label` after `kind_word`), and what each source states
/// of it (`by_source`), on sources written here.
#[test]
fn groups_are_named_as_a_table_shows_them_and_read_per_source() {
    let groups = facts_of(&[
        &["The ministers met on August 18, 2021, and again on April 21. Trade grew by 40 percent in 2023. The treaty was ratified on April 21."],
        &["Trade grew by 30 percent in 2023, officials said on April 21."],
    ]);
    let named = |key: &str| {
        let g = find(&groups, key);
        (g.kind_word(), g.shown_label())
    };
    assert_eq!(
        named("figure:percent of "),
        ("Figure", "percent".to_owned())
    );
    // A date with no known event reads as a date, a partial one (it starts with "-") too.
    assert_eq!(
        named("date:2021-08-18"),
        ("Date", "18 August 2021".to_owned())
    );
    assert_eq!(named("date:--04-21"), ("Date", "21 April".to_owned()));
    assert_eq!(
        named("date:treaty-status:ratified"),
        (
            "Date of",
            "Status of the Iran–Russia treaty, presented as ratified".to_owned()
        )
    );
    assert_eq!(
        named("treaty-status"),
        ("Claim", "Status of the Iran–Russia treaty".to_owned())
    );

    // Per source asked for, in that order: its values, each with the mentions that state it; a
    // source named twice gets the same values twice, one that states nothing none.
    let figure = find(&groups, "figure:percent of ");
    let of = |m: usize| {
        (
            figure.mentions[m].doc.as_str(),
            figure.mentions[m].value.as_str(),
        )
    };
    assert_eq!((of(0), of(1)), (("d0", "40"), ("d1", "30")));
    assert_eq!(
        figure.by_source(&["d1", "x", "d0", "d1"]),
        vec![
            vec![("30", vec![1])],
            vec![],
            vec![("40", vec![0])],
            vec![("30", vec![1])]
        ]
    );
    // Two sources stating the same figure agree; different figures differ.
    assert!(!any_conflict(FactKind::Figure, ["40", "40"].into_iter()));
    assert!(any_conflict(FactKind::Figure, ["40", "30"].into_iter()));
}

/// The figures of `groups` as (key, value, text stated), and their date values.
fn figures_and_dates(groups: &[FactGroup]) -> (Vec<(&str, &str, &str)>, Vec<&str>) {
    let of = |kind: FactKind| {
        groups
            .iter()
            .filter(move |g| g.kind == kind)
            .flat_map(|g| g.mentions.iter().map(move |m| (g, m)))
    };
    (
        of(FactKind::Figure)
            .map(|(g, m)| (g.key.as_str(), m.value.as_str(), m.text.as_str()))
            .collect(),
        of(FactKind::Date).map(|(_, m)| m.value.as_str()).collect(),
    )
}

/// A citation marker ("[4]") is no figure, but a figure at the start of words a writer put in
/// square brackets is one.
#[test]
fn a_bracket_opening_words_is_no_citation_marker() {
    let groups =
        facts_of(&[&["He said tariffs fell on [90 percent of goods]. Officials disagree [4]."]]);
    assert_eq!(
        figures_and_dates(&groups),
        (
            vec![("figure:percent of good", "90", "90 percent of goods")],
            vec![]
        )
    );
}

/// A year is four digits and a day at most two: a number written with leading zeros (a form
/// number, a count padded to a width) is a figure, not a year, and not the day after a month.
#[test]
fn numbers_with_leading_zeros_are_figures_not_years_or_days() {
    let groups =
        facts_of(&[&["The register holds 02020 entries. On March 007 ballots were counted."]]);
    assert_eq!(
        figures_and_dates(&groups),
        (
            vec![
                ("figure:ballot", "7", "007 ballots"),
                ("figure:entri", "2020", "02020 entries"),
            ],
            vec![]
        )
    );
    // Without the zeros, they are a year and a day.
    let groups =
        facts_of(&[&["The register holds 2020 entries. On March 7 ballots were counted."]]);
    assert_eq!(figures_and_dates(&groups).1, ["--03-07", "2020"]);
}

/// What a figure counts is the words after it and its unit, unless punctuation ends the phrase
/// first: after the unit ("90 percent, goods fell"), or right after the figure at the start of
/// a sentence ("40%, officials said").
#[test]
fn what_a_figure_counts_stops_at_punctuation_after_its_unit() {
    let groups = facts_of(&[&[
        "40%, officials said. Prices rose 90 percent, goods fell. Inflation there reached 2.5 million percent, prices doubled.",
    ]]);
    assert_eq!(
        figures_and_dates(&groups),
        (
            vec![
                ("figure:percent of ", "40", "40%"),
                ("figure:percent of ", "90", "90 percent"),
                ("figure:percent of ", "2500000", "2.5 million percent"),
            ],
            vec![]
        )
    );
    // A figure followed by punctuation counts nothing, whether it ends the sentence or not.
    let groups = facts_of(&[&["Twelve, said the minister. The count rose to 12."]]);
    assert_eq!(figures_and_dates(&groups), (vec![], vec![]));
}

/// The tram story (no claims, no lexicon): a figure is grouped by what it is said of, not only by
/// its unit. The cost of the buses, 12 million euros in a, c and d against 15 million in b, is
/// one disputed fact, however each words it ("the bus network costs", "the cost of the buses");
/// the tram's old estimate (35 million euros) is another fact; "divided the city for six years"
/// and "would have served the city for fifty years" are two facts, not a dispute.
#[test]
fn figures_of_different_things_in_one_unit_are_not_a_dispute() {
    let c = common::tram_corpus();
    let groups = facts(c, &c.claims);
    let values = |key: &str| -> Vec<(String, String)> {
        find(&groups, key)
            .mentions
            .iter()
            .map(|m| (m.doc.clone(), m.value.clone()))
            .collect()
    };
    let cost = find(&groups, "figure:euro");
    assert_eq!(cost.agreement, Agreement::Differ);
    assert_eq!(
        values("figure:euro"),
        [
            ("a", "12000000"),
            ("b", "15000000"),
            ("c", "12000000"),
            ("d", "12000000")
        ]
        .map(|(d, v)| (d.to_owned(), v.to_owned()))
    );
    // Why: what the sentences share ("bus" and "buses" are one word), most shared first.
    assert!(
        cost.why.starts_with(
            "Found automatically: the same measure (euros), and their sentences share the words \u{201c}bus"
        ),
        "{}",
        cost.why
    );
    let tram = groups
        .iter()
        .find(|g| g.mentions.iter().any(|m| m.value == "35000000"))
        .unwrap();
    assert_ne!(tram.key, "figure:euro");
    assert_eq!(tram.label, "euros (The tram had been estimated at)");
    // The years: a and b (the copied paragraph) agree; c's fifty years of a tram line and its
    // fleet replaced every twelve years are facts of their own.
    assert_eq!(find(&groups, "figure:year").agreement, Agreement::Agree);
    let years: Vec<&FactGroup> = groups
        .iter()
        .filter(|g| g.key.starts_with("figure:year~"))
        .collect();
    assert_eq!(years.len(), 2, "{:#?}", keys(&groups));
    assert!(years.iter().all(|g| g.agreement == Agreement::Single));
    let differ: Vec<&str> = groups
        .iter()
        .filter(|g| g.agreement == Agreement::Differ)
        .map(|g| g.key.as_str())
        .collect();
    // And the depot: b says it will be built, d that it will not (`tests/negation.rs`).
    assert_eq!(
        differ,
        [
            "figure:euro",
            "figure:tally",
            "date:weekday",
            "statement:depot-plan-hafen-district-built"
        ]
    );
}

/// The tram story's other two disputes, as its corpus.toml states them: the vote, 9 to 4 in a
/// ("by 9 votes to 4") and d ("The vote was 9 to 4") against 8 to 5 in b ("8 councillors were in
/// favour and 5 against"); the day of the vote, Monday in a and b against Tuesday in d. Each
/// says why its sentences were put together.
#[test]
fn tallies_and_days_of_the_week_of_one_vote_disagree() {
    let c = common::tram_corpus();
    let groups = facts(c, &c.claims);
    let stated = |key: &str| -> Vec<(String, String, String)> {
        find(&groups, key)
            .mentions
            .iter()
            .map(|m| (m.doc.clone(), m.value.clone(), m.text.clone()))
            .collect()
    };
    let owned = |v: &[(&str, &str, &str)]| -> Vec<(String, String, String)> {
        v.iter()
            .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
            .collect()
    };
    assert_eq!(
        stated(TALLY),
        owned(&[
            ("a", "9 to 4", "9 votes to 4"),
            ("b", "8 to 5", "8 councillors were in favour and 5 against"),
            ("d", "9 to 4", "9 to 4"),
        ])
    );
    let tally = find(&groups, TALLY);
    assert_eq!(tally.agreement, Agreement::Differ);
    assert!(tally.why.contains("\u{201c}votes\u{201d}"), "{}", tally.why);
    assert_eq!(
        stated(WEEKDAY),
        owned(&[
            ("a", "Monday", "Monday"),
            ("b", "Monday", "Monday"),
            ("d", "Tuesday", "Tuesday"),
        ])
    );
    let day = find(&groups, WEEKDAY);
    assert_eq!(day.agreement, Agreement::Differ);
    assert!(day
        .why
        .starts_with("Found automatically: days of the week, and their sentences share the words"));
    assert!(day.why.contains("\u{201c}council\u{201d}"), "{}", day.why);
    // Each row says it was found automatically: the tram story has no list of claims.
    assert!(groups
        .iter()
        .all(|g| g.mentions.len() == 1 || g.why.starts_with("Found automatically: ")));
    // The tally's numbers are not figures of their own.
    assert!(!groups
        .iter()
        .any(|g| g.key == "figure:vote" || g.key == "figure:councillor"));
}

/// What a tally is, and what it is not: a range ("from 5 to 10"), a share ("5 to 10 percent"), or
/// "9 to 4" in a sentence that is not about a vote.
#[test]
fn a_tally_is_read_only_in_a_sentence_about_a_vote() {
    let tallies = |sentence: &str| -> Vec<String> {
        facts_of(&[&[sentence]])
            .iter()
            .filter(|g| g.key.starts_with(TALLY))
            .flat_map(|g| {
                g.mentions
                    .iter()
                    .map(|m| format!("{} «{}»", m.value, m.text))
            })
            .collect()
    };
    assert_eq!(
        tallies("The motion passed by nine votes to four."),
        ["9 to 4 «nine votes to four»"]
    );
    assert_eq!(tallies("The vote was 9 to 4."), ["9 to 4 «9 to 4»"]);
    assert_eq!(
        tallies("They voted 9 to 4 votes in the end."),
        ["9 to 4 «9 to 4 votes»"]
    );
    assert_eq!(
        tallies("In the vote, 30 were for, 12 against."),
        ["30 to 12 «30 were for, 12 against»"]
    );
    assert_eq!(
        tallies("In the vote, 30 for, 12 against."),
        ["30 to 12 «30 for, 12 against»"]
    );
    assert_eq!(
        tallies("The vote: 8 councillors were in favour and 5 against."),
        ["8 to 5 «8 councillors were in favour and 5 against»"]
    );
    assert_eq!(
        tallies("Turnout in the vote rose from 5 to 10."),
        Vec::<String>::new()
    );
    assert_eq!(
        tallies("The vote share went 5 to 10 percent."),
        Vec::<String>::new()
    );
    assert_eq!(
        tallies("Buses run 9 to 4 on weekdays."),
        Vec::<String>::new()
    );
    // Ranges in a sentence about a vote (review of 2026-12-06): no word giving a result before
    // them, a year, or a word after them that is not about the vote.
    assert_eq!(
        tallies("Children aged 5 to 10 and their parents can vote."),
        Vec::<String>::new()
    );
    assert_eq!(
        tallies("The vote covers 2024 to 2028."),
        Vec::<String>::new()
    );
    assert_eq!(
        tallies("The motion raises buses by 5 to 10 a day."),
        Vec::<String>::new()
    );
    assert_eq!(
        tallies("It passed 30 to 12 on Monday after a vote."),
        ["30 to 12 «30 to 12»"]
    );
    // Two tallies in one sentence are no one result.
    assert_eq!(
        tallies("The vote was 9 to 4, and the next was by 7 votes to 6."),
        Vec::<String>::new()
    );
    assert_eq!(
        tallies("The vote [9] to 4 was close."),
        Vec::<String>::new()
    );
}

/// A day of the week is read after "on", "last" and the like, or opening a sentence; a date after
/// it says more; the same day name in a title is no date. Days of different events are two
/// facts, not a dispute.
#[test]
fn days_of_the_week_are_grouped_by_their_event() {
    let days = |sentence: &str| -> Vec<String> {
        facts_of(&[&[sentence]])
            .iter()
            .filter(|g| g.key.starts_with(WEEKDAY))
            .flat_map(|g| g.mentions.iter().map(|m| m.value.clone()))
            .collect()
    };
    assert_eq!(days("The council met on Monday."), ["Monday"]);
    assert_eq!(days("Friday's vote was close."), ["Friday"]);
    assert_eq!(days("It ended last sunday."), ["Sunday"]);
    assert_eq!(days("The Sunday Times said so."), Vec::<String>::new());
    assert_eq!(
        days("Sunday Times reporters said so."),
        Vec::<String>::new()
    );
    assert_eq!(
        days("It was said by Sunday Times staff."),
        Vec::<String>::new()
    );
    // A sentence of two days names no one day.
    assert_eq!(
        days("It is closed from Monday until Friday."),
        Vec::<String>::new()
    );
    assert_eq!(
        days("It happened on Monday, 12 March 2025."),
        Vec::<String>::new()
    );
    let groups = facts_of(&[
        &["The city council voted on Monday to drop the tram line."],
        &["The city council voted on Tuesday to drop the tram line."],
        &["The harbour festival opens on Friday with music."],
    ]);
    let vote = find(&groups, WEEKDAY);
    assert_eq!(vote.agreement, Agreement::Differ);
    assert_eq!(vote.mentions.len(), 2);
    let festival = find(&groups, &format!("{WEEKDAY}~2"));
    assert_eq!(festival.agreement, Agreement::Single);
    assert_eq!(festival.why, "One sentence states it.");
}

/// A short clause needs one content word in common: the copied "cutting tariffs on about 90
/// percent of goods" and "reducing tariffs on about 90 percent of goods" stay one fact. A clause
/// with no content word is kept with the rest.
#[test]
fn short_clauses_stay_together() {
    let groups = facts_of(&[
        &["By cutting tariffs on about 90 percent of goods, they trade more."],
        &["By significantly reducing tariffs on about 90 percent of goods, they aim higher."],
        &["It was 90 percent of goods."],
        // A clause that starts after a dash (three bytes) is read from after it.
        &["The deal \u{2014} cutting tariffs on 90 percent of goods, in all \u{2014} holds."],
    ]);
    let g = find(&groups, "figure:percent of good");
    assert_eq!(g.mentions.len(), 4, "{:#?}", keys(&groups));
    assert_eq!(g.agreement, Agreement::Agree);
}

/// Two figures of the same text in one sentence are each read in their own clause.
#[test]
fn the_same_figure_twice_in_a_sentence_is_read_where_it_stands() {
    let groups = facts_of(&[
        &["Bus tickets cost 2 euros, and the tram fare is 2 euros."],
        &["Bus tickets cost 2 euros."],
    ]);
    let bus = find(&groups, "figure:euro");
    assert_eq!(bus.mentions.len(), 2, "{:#?}", keys(&groups));
    assert!(bus.mentions.iter().all(|m| m.start < 30));
    let tram = find(&groups, "figure:euro~2");
    assert_eq!(tram.label, "euros (and the tram fare is)");
}

/// A mention keeps its sentence, or of a very long one the part around its figure, cut at spaces
/// and marked: a sentence of thousands of figures is not copied once per figure.
#[test]
fn a_mention_of_a_very_long_sentence_keeps_the_part_around_it() {
    let long = format!(
        "{} the bus network costs 12 million euros, and {}.",
        "word ".repeat(300),
        "more ".repeat(300)
    );
    let groups = facts_of(&[
        &["The bus network costs 12 million euros."],
        &[long.as_str()],
    ]);
    let g = find(&groups, "figure:euro");
    let kept: Vec<&str> = g.mentions.iter().map(|m| &*m.sentence).collect();
    assert_eq!(kept[0], "The bus network costs 12 million euros.");
    let part = kept[1];
    // The window, and two marks of three bytes.
    let most = parallax_core::facts::SENTENCE_BYTES + 6;
    assert!(part.len() <= most, "{}", part.len());
    assert!(
        part.starts_with("\u{2026}word ") && part.ends_with(" more\u{2026}"),
        "{part}"
    );
    assert!(part.contains("the bus network costs 12 million euros, and more"));
    assert_eq!(g.mentions[1].text, "12 million euros");
}

/// One source's days of the week are of several events: split like any other, they show no
/// difference (the council met on Monday, the festival opens on Friday). A group of days too
/// large to split is split by value, so that it shows no difference it cannot tell apart.
#[test]
fn days_of_one_source_or_too_many_are_no_dispute() {
    let groups = facts_of(&[&[
        "The city council met on Monday to vote on the tram line.",
        "The harbour festival opens on Friday with music.",
    ]]);
    let days: Vec<&FactGroup> = groups
        .iter()
        .filter(|g| g.key.starts_with(WEEKDAY))
        .collect();
    assert_eq!(days.len(), 2, "{:#?}", keys(&groups));
    assert!(days.iter().all(|g| g.agreement == Agreement::Single));

    let n = parallax_core::facts::MAX_SPLIT + 2;
    let many: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "The board number {i} met on {}.",
                ["Monday", "Friday"][i % 2]
            )
        })
        .collect();
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    let groups = facts_of(&[&refs[..n / 2], &refs[n / 2..]]);
    let days: Vec<(&str, Agreement, usize)> = groups
        .iter()
        .filter(|g| g.key.starts_with(WEEKDAY))
        .map(|g| (g.key.as_str(), g.agreement, g.mentions.len()))
        .collect();
    assert_eq!(
        days,
        [
            (WEEKDAY, Agreement::Agree, n / 2),
            ("date:weekday~v2", Agreement::Agree, n / 2)
        ]
    );
}

#[test]
fn a_group_with_some_of_its_mentions_is_summarised_by_them_alone() {
    let corpus = load_dir(&corpus_dir()).unwrap();
    let groups = facts(&corpus, &corpus.claims);
    let g = groups
        .iter()
        .find(|g| g.agreement == Agreement::Differ && g.mentions.len() > 2)
        .expect("the corpus has a disputed fact stated more than twice");
    // One mention: one value, one source.
    let one = g.with_mentions(vec![g.mentions[0].clone()]);
    assert_eq!(
        (one.kind, &one.key, &one.label, &one.why),
        (g.kind, &g.key, &g.label, &g.why)
    );
    assert_eq!(one.agreement, Agreement::Single);
    assert_eq!(
        one.values,
        vec![(g.mentions[0].value.clone(), vec![g.mentions[0].doc.clone()])]
    );
    // All of them: the group as it was.
    let all = g.with_mentions(g.mentions.clone());
    assert_eq!((&all.values, all.agreement), (&g.values, g.agreement));
    // None: no values.
    assert!(g.with_mentions(Vec::new()).values.is_empty());
}
