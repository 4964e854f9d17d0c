//! Reuse detection on the real corpus: which passages were copied between sources.

use parallax_core::model::{Corpus, Document, Lang, RemovalKind, Removed, Sentence};
use parallax_core::reuse::{
    context, diff, diff_is_partial, find, DiffOp, ReusePair, MAX_DIFF_WORDS, MAX_SHARED, MIN_WORDS,
    TEMPLATE_MAX_WORDS, TEMPLATE_MIN_DOCS,
};
use parallax_core::source::load_dir;
use std::path::Path;

#[test]
fn reuse_between_sources_snapshot() {
    let corpus =
        load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia")).unwrap();
    let pairs = find(&corpus);
    let mut out = String::new();
    for p in &pairs {
        assert_ne!(p.a.doc, p.b.doc);
        assert!(p.words >= 8 && p.similarity > 0.0 && p.similarity <= 1.0);
        for s in [&p.a, &p.b] {
            let text = &corpus
                .document(&s.doc)
                .unwrap()
                .passage(&s.passage)
                .unwrap()
                .text;
            assert_eq!(&text[s.start as usize..s.end as usize], s.text);
        }
        out += &format!(
            "{}/{} ~ {}/{} words={} similarity={:.2}\n  a {}..{}: {}\n  b {}..{}: {}\n",
            p.a.doc,
            p.a.passage,
            p.b.doc,
            p.b.passage,
            p.words,
            p.similarity,
            p.a.start,
            p.a.end,
            p.a.text,
            p.b.start,
            p.b.end,
            p.b.text
        );
    }
    insta::assert_snapshot!(out);
    // The 90-percent tariff sentence and the payment-systems sentence are shared by 002 and 004.
    let shared = |needle: &str| {
        pairs.iter().any(|p| {
            let pair = [p.a.doc.as_str(), p.b.doc.as_str()];
            pair.contains(&"002") && pair.contains(&"004") && p.a.text.contains(needle)
        })
    };
    assert!(shared("90 percent of goods"));
    assert!(shared("integrating their national payment systems"));
}

#[test]
fn a_word_diff_rebuilds_both_sides() {
    let a =
        "Russia seeks to preserve relations with Israel, which coordinates with Russia in Syria.";
    let b = "Moscow seeks to preserve its relations with Israel, which coordinates in Syria.";
    let ops = diff(a, b);
    let side = |keep_added: bool| -> String {
        ops.iter()
            .filter_map(|op| match op {
                DiffOp::Same(t) => Some(t.as_str()),
                DiffOp::Added(t) if keep_added => Some(t.as_str()),
                DiffOp::Removed(t) if !keep_added => Some(t.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(words(&side(false)), words(a));
    assert_eq!(words(&side(true)), words(b));
}

/// A corpus of documents `d0`, `d1`… made of the given passages, one sentence each.
fn corpus(docs: &[&[&str]]) -> Corpus {
    let documents = docs
        .iter()
        .enumerate()
        .map(|(i, passages)| {
            let passages = passages.iter().map(|text| {
                let sentence = Sentence {
                    start: 0,
                    end: text.len() as u32,
                    lang: Lang::En,
                };
                (text.to_string(), vec![sentence])
            });
            Document::from_passages(format!("d{i}"), format!("Document {i}"), passages)
        })
        .collect();
    Corpus::of_documents("test", "Test", documents)
}

/// Pairs as (doc a, doc b, text a), for assertions.
fn summary(pairs: &[ReusePair]) -> Vec<(&str, &str, &str)> {
    pairs
        .iter()
        .map(|p| (p.a.doc.as_str(), p.b.doc.as_str(), p.a.text.as_str()))
        .collect()
}

// Written for these tests: a newsletter line such as site templates append, and articles that
// share nothing else.
const NEWSLETTER: &str =
    "Sign up for our newsletter to get the latest analysis delivered to your inbox every week.";
const HARBOUR: &str = "The harbour authority approved a second container terminal on Tuesday, \
    after two years of hearings on dredging and traffic.";
const ORCHARD: &str = "Apple growers in the valley lost almost a third of their blossom to a late \
    frost, the regional farmers' union said.";
const LIBRARY: &str = "The city library will open on Sundays from March, funded by a small levy \
    that councillors passed without debate.";
const TRAMS: &str = "Night trams return to the eastern line in May, the operator announced, \
    ending a gap in service that began during the strike.";
const SCHOOLS: &str = "Enrolment in vocational schools rose for the fourth year running, led \
    by courses in welding, nursing and electrical work.";
// A paragraph two sources share, the second with an edit.
const SHARED: &str = "Engineers found that the bridge's steel cables had corroded far faster \
    than the original design assumed, forcing the closure of two lanes until the summer.";
const SHARED_EDITED: &str = "Inspectors found that the bridge's steel cables had corroded far \
    faster than the original design assumed, forcing the closure of two lanes until the summer.";

#[test]
fn a_template_line_in_every_source_is_not_reuse() {
    // Three sources end with the same line, a paragraph of its own.
    let c = corpus(&[
        &[HARBOUR, NEWSLETTER],
        &[ORCHARD, NEWSLETTER],
        &[LIBRARY, NEWSLETTER],
    ]);
    assert_eq!(summary(&find(&c)), vec![]);
    // Still so with other sources around that lack the line.
    let c = corpus(&[
        &[HARBOUR, NEWSLETTER],
        &[ORCHARD, NEWSLETTER],
        &[LIBRARY],
        &[TRAMS, NEWSLETTER],
        &[SCHOOLS],
    ]);
    assert_eq!(summary(&find(&c)), vec![]);
}

#[test]
fn a_paragraph_two_of_five_sources_share_is_reuse_beside_a_template() {
    let c = corpus(&[
        &[HARBOUR, NEWSLETTER],
        &[ORCHARD, SHARED, NEWSLETTER],
        &[LIBRARY, NEWSLETTER],
        &[TRAMS, SHARED_EDITED, NEWSLETTER],
        &[SCHOOLS, NEWSLETTER],
    ]);
    let pairs = find(&c);
    assert_eq!(pairs.len(), 1, "{:#?}", summary(&pairs));
    let p = &pairs[0];
    assert_eq!((p.a.doc.as_str(), p.b.doc.as_str()), ("d1", "d3"));
    assert_eq!((p.a.passage.as_str(), p.b.passage.as_str()), ("p2", "p2"));
    assert!(p.a.text.starts_with("found that the bridge's") && p.a.text.ends_with("summer"));
    assert_eq!((p.words, p.similarity), (24, 1.0));
}

#[test]
fn a_paragraph_three_sources_reprint_is_reuse_between_each_two() {
    // Not a template: a paragraph (longer than a line) copied into three sources.
    let long = format!("{SHARED} {HARBOUR}");
    let c = corpus(&[&[&long], &[ORCHARD, &long], &[LIBRARY], &[&long, TRAMS]]);
    let pairs = find(&c);
    let mut docs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|p| (p.a.doc.as_str(), p.b.doc.as_str()))
        .collect();
    docs.sort_unstable();
    assert_eq!(docs, [("d0", "d1"), ("d0", "d3"), ("d1", "d3")]);
    assert!(pairs.iter().all(|p| p.similarity == 1.0));
    // The same line alone in its passage in each is a template.
    let c = corpus(&[&[SHARED], &[ORCHARD, SHARED], &[LIBRARY], &[SHARED, TRAMS]]);
    assert_eq!(summary(&find(&c)), vec![]);
}

#[test]
fn a_line_shared_by_two_sources_only_is_reuse() {
    // The same line as the template, in two sources of five: wording two sources share.
    let c = corpus(&[
        &[HARBOUR],
        &[ORCHARD, NEWSLETTER],
        &[LIBRARY],
        &[TRAMS, NEWSLETTER],
        &[SCHOOLS],
    ]);
    let pairs = find(&c);
    assert_eq!(
        summary(&pairs),
        vec![("d1", "d3", NEWSLETTER.trim_end_matches('.'))]
    );
}

#[test]
fn sources_around_a_pair_do_not_change_it() {
    // Whether wording counts as reuse depends on the sources that have it, not on how many
    // other sources the corpus holds: the pairs of three sources are the pairs of those three
    // among eight.
    let three: [&[&str]; 3] = [&[HARBOUR, SHARED], &[ORCHARD, NEWSLETTER], &[SHARED_EDITED]];
    let eight: [&[&str]; 8] = [
        three[0],
        &[LIBRARY],
        three[1],
        &[TRAMS],
        three[2],
        &[SCHOOLS],
        &[NEWSLETTER],
        &[NEWSLETTER],
    ];
    let small = find(&corpus(&three));
    let large = find(&corpus(&eight));
    let rename = |d: &str| match d {
        "d0" => "d0",
        "d2" => "d1",
        "d4" => "d2",
        other => panic!("unexpected pair with {other}"),
    };
    assert_eq!(
        summary(&small),
        summary(&large)
            .into_iter()
            .map(|(a, b, t)| (rename(a), rename(b), t))
            .collect::<Vec<_>>()
    );
    assert_eq!(small.len(), 1);
    // The newsletter line is in three of the eight: a template, though not in most of them.
    assert_eq!(TEMPLATE_MIN_DOCS, 3);
    assert!(large.iter().all(|p| !p.a.text.contains("newsletter")));
}

#[test]
fn wording_cleaning_removed_as_furniture_is_never_reuse() {
    // Two sources run the newsletter line into their text; a third page set it apart, and
    // cleaning removed it there as promotion.
    let mut c = corpus(&[&[HARBOUR, NEWSLETTER], &[ORCHARD], &[TRAMS, NEWSLETTER]]);
    assert_eq!(find(&c).len(), 1, "two sources share the line");
    let removed = |kind: RemovalKind| Removed {
        kind,
        text: NEWSLETTER.to_owned(),
        start: 0,
        end: NEWSLETTER.len() as u32,
    };
    c.documents[1].removed.push(removed(RemovalKind::Promotion));
    assert_eq!(summary(&find(&c)), vec![]);
    // A removed repeat of a title is the source's own words, not furniture: it hides nothing.
    c.documents[1].removed[0] = removed(RemovalKind::DuplicateTitle);
    assert_eq!(find(&c).len(), 1);
}

/// Passage `i`: `shared` between words of its own, so that only `shared` can be common; longer
/// than a template line (`TEMPLATE_MAX_WORDS`).
fn around(i: usize, shared: &str) -> String {
    let own = |side: &str| {
        (0..TEMPLATE_MAX_WORDS / 2)
            .map(|k| format!("{side}{i}w{k}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!("{} {shared} {}", own("before"), own("after"))
}

/// Reuse is a run of at least `MIN_WORDS` words in common: exactly that many is reuse, one fewer
/// is not (cargo mutants: `<` made `<=` at the bound went unnoticed).
#[test]
fn a_run_of_exactly_min_words_is_reuse() {
    let words = [
        "corridor",
        "tariffs",
        "rose",
        "sharply",
        "across",
        "northern",
        "rail",
        "freight",
        "terminals",
        "again",
    ];
    for n in [MIN_WORDS - 1, MIN_WORDS, MIN_WORDS + 1] {
        let shared = words[..n].join(" ");
        let (a, b) = (around(0, &shared), around(1, &shared));
        let pairs = find(&corpus(&[&[&a], &[&b]]));
        if n < MIN_WORDS {
            assert_eq!(summary(&pairs), vec![], "{n} words");
        } else {
            assert_eq!(
                summary(&pairs),
                vec![("d0", "d1", shared.as_str())],
                "{n} words"
            );
            assert_eq!((pairs[0].words, pairs[0].similarity), (n, 1.0));
        }
    }
}

/// Wording in more than `MAX_SHARED` passages is a stock phrase, not reuse; in exactly that many
/// it is reuse between each two of them (cargo mutants: the bound made `>=` or `==`, or either
/// test of the run's length dropped, went unnoticed). The passages are long, so no template.
#[test]
fn wording_in_more_than_max_shared_passages_is_a_stock_phrase() {
    let shared = "the ministry said the pipeline would open before the winter";
    for n in [MAX_SHARED, MAX_SHARED + 1] {
        let passages: Vec<String> = (0..n).map(|i| around(i, shared)).collect();
        let docs: Vec<[&str; 1]> = passages.iter().map(|p| [p.as_str()]).collect();
        let docs: Vec<&[&str]> = docs.iter().map(|d| &d[..]).collect();
        let pairs = find(&corpus(&docs));
        let want = if n > MAX_SHARED { 0 } else { n * (n - 1) / 2 };
        assert_eq!(pairs.len(), want, "{n} passages: {:#?}", summary(&pairs));
        assert!(pairs
            .iter()
            .all(|p| p.a.text == shared && p.b.text == shared));
    }
}

/// A passage of the given sentences, one space apart, each with its byte range.
fn passage_of(sentences: &[&str]) -> parallax_core::model::Passage {
    let text = sentences.join(" ");
    let mut at = 0;
    let spans = sentences
        .iter()
        .map(|s| {
            let sentence = Sentence {
                start: at as u32,
                end: (at + s.len()) as u32,
                lang: Lang::En,
            };
            at += s.len() + 1;
            sentence
        })
        .collect();
    let doc = Document::from_passages("d".into(), "D".into(), [(text, spans)]);
    doc.passages.into_iter().next().unwrap()
}

/// The context of a shared span is the whole sentences that hold a part of it: a sentence that
/// ends where the span starts, or starts where it ends, is not one of them (cargo mutants: each
/// bound of the overlap test changed went unnoticed, and so did the function returning "").
#[test]
fn a_spans_context_is_the_sentences_that_hold_it() {
    let [one, two, three] = [
        "The talks began.",
        "Both sides agreed on grain.",
        "Then they left.",
    ];
    let p = passage_of(&[one, two, three]);
    let at = |s: &str| p.text.find(s).unwrap() as u32;
    let (s2, e2) = (at(two), at(two) + two.len() as u32);
    // Inside the second sentence, or all of it.
    assert_eq!(context(&p, at("agreed"), at("grain") + 5), two);
    assert_eq!(context(&p, s2, e2), two);
    // Across the first two.
    assert_eq!(
        context(&p, at("began"), at("sides")),
        format!("{one} {two}")
    );
    // From the space before the second sentence to the one after it: only the second.
    assert_eq!(context(&p, s2 - 1, e2 + 1), two);
    // Outside every sentence (the space between two), the span itself.
    assert_eq!(context(&p, s2 - 1, s2), " ");
    let bare = Document::from_passages(
        "d".into(),
        "D".into(),
        [("no sentences here".into(), vec![])],
    );
    assert_eq!(context(&bare.passages[0], 3, 12), "sentences");
}

/// `diff_is_partial` says the diff left words uncompared: more than `MAX_DIFF_WORDS` words on
/// either side between the common beginning and end; exactly that many are all compared (cargo
/// mutants: each bound and each side went unnoticed).
#[test]
fn a_diff_is_partial_past_max_diff_words_on_either_side() {
    let words = |prefix: &str, n: usize| {
        (0..n)
            .map(|i| format!("{prefix}{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let text = |middle: &str| format!("Both sources begin alike {middle} and they end alike too");
    let short = text("x");
    for n in [MAX_DIFF_WORDS - 1, MAX_DIFF_WORDS, MAX_DIFF_WORDS + 1] {
        let long = text(&words("w", n));
        let partial = n > MAX_DIFF_WORDS;
        assert_eq!(diff_is_partial(&long, &short), partial, "{n} words in a");
        assert_eq!(diff_is_partial(&short, &long), partial, "{n} words in b");
        // What the diff compares and what it leaves: every word is there once.
        let ops = diff(&long, &short);
        let kept: usize = ops
            .iter()
            .map(|op| match op {
                DiffOp::Same(s) | DiffOp::Removed(s) => s.split_whitespace().count(),
                DiffOp::Added(_) => 0,
            })
            .sum();
        assert_eq!(kept, long.split_whitespace().count(), "{n} words");
    }
    assert!(!diff_is_partial(&short, &short));
}
