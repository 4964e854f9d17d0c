//! Cost grows linearly with input size, measured without a clock: a counting allocator gives the
//! allocations and the bytes allocated by tagging, by indexing and searching, and by reuse
//! detection, first on a generated corpus, then on k copies of it. The copies may cost at most
//! k × `counting::SLACK` times as much, plus a small fixed allowance. Timed tests flake on a shared
//! machine; these counts are exact and the same on every run.
//!
//! Copies rather than fresh text, so that the larger input is exactly k times the smaller and
//! the bound can be tight. For indexing and reuse every word of copy j gets the suffix `q` + the
//! j-th letter, so the copies share no word: the vocabulary grows k times and no 5-word shingle
//! is shared between copies (else reuse would rightly find k² copied passages, output that grows
//! faster than the input). Tagging needs its real words, so its copies are plain.
//!
//! k is 2, 4 or 8: a power of two, so that growing buffers and hash tables, which double, end at
//! exactly k times the capacity and the bytes need no more slack than the counts. Over 1,000 cases
//! the largest ratio seen was 0.99 × k for allocations and 1.24 × k for bytes (a corpus of a
//! dozen words, where the allowance is most of the bound).
//!
//! Allocations stand in for work, so work that allocates nothing (a quadratic loop over numbers)
//! goes unseen; every step here allocates per word, per passage or per match, and a step that
//! allocates once per pair of passages is caught (`a_quadratic_step_fails_the_check`).
#![allow(clippy::disallowed_methods)] // Tests never reach the wasm.

mod common;
#[path = "common/counting.rs"]
mod counting;

use common::{cases, corpus};
use counting::{cost, linear, Cost};
use parallax_core::model::Corpus;
use parallax_core::search::Index;
use parallax_core::source::{load_dir, parse_themes, THEMES};
use parallax_core::tag::Lexicon;
use parallax_core::text::words;
use proptest::prelude::*;
use std::hint::black_box;
use std::path::Path;
use std::sync::OnceLock;

fn corpus_dir() -> &'static Path {
    static D: OnceLock<std::path::PathBuf> = OnceLock::new();
    D.get_or_init(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia"))
}

/// The real theme lexicon.
fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let path = corpus_dir().join(THEMES);
        let text = std::fs::read_to_string(&path).unwrap();
        Lexicon::new(&parse_themes(&path, &text).unwrap())
    })
}

/// Words to build text from: every word of the lexicon's terms (so that themes fire, phrases
/// included), and words that are hard on folding, apostrophes and scripts.
fn vocabulary() -> &'static [String] {
    static V: OnceLock<Vec<String>> = OnceLock::new();
    V.get_or_init(|| {
        let mut v: Vec<String> = lexicon()
            .themes()
            .iter()
            .flat_map(|t| &t.terms)
            .flat_map(|term| term.split_whitespace())
            .map(str::to_owned)
            .collect();
        // Apostrophes, acronyms, ẞ, dotted İ, the Kelvin sign, emoji, a combining accent, Arabic,
        // a bidi override and a zero-width space.
        let hard = "Russia's l'Iran don't qu'il UN un SWIFT ẞtraße İstanbul \u{212a} Kelvin 🎉 \
                    e\u{301}cole Israël العربية \u{202e} \u{200b} 5 90 percent of the and -";
        v.extend(hard.split_whitespace().map(str::to_owned));
        v.sort();
        v.dedup();
        v
    })
}

// Corpora come from `common::corpus`: one sentence a passage, and no themes of their own
// (tagging uses `lexicon()`; none of the three steps reads the corpus's themes).

/// Any text: words of the vocabulary or any Unicode at all, any separators.
fn sentence() -> impl Strategy<Value = String> {
    common::sentence(vocabulary())
}

/// Documents of short passages, each one to three sentences from a shared pool, so that
/// documents share wording (reuse) and the passages are many for their words (a cost that grows
/// with pairs of passages shows early).
fn base() -> impl Strategy<Value = Corpus> {
    let passage = prop::collection::vec(any::<prop::sample::Index>(), 1..4);
    let docs = prop::collection::vec(prop::collection::vec(passage, 1..7), 1..7);
    (prop::collection::vec(sentence(), 1..7), docs).prop_map(|(pool, docs)| {
        corpus(
            docs.into_iter()
                .map(|passages| {
                    passages
                        .into_iter()
                        .map(|sentences| {
                            let picked: Vec<&str> = sentences
                                .iter()
                                .map(|i| pool[i.index(pool.len())].as_str())
                                .collect();
                            picked.join(" ")
                        })
                        .collect()
                })
                .collect(),
        )
    })
}

/// `text` with the suffix `q` + the j-th letter on every word. Words are split exactly as
/// before (the suffix is letters glued to a word's end), and no word of one copy is a word of
/// another: folded, each ends with its copy's letter.
fn mark(text: &str, j: usize) -> String {
    let suffix = format!("q{}", char::from(b'a' + j as u8));
    let mut out = String::with_capacity(text.len() * 2);
    let mut at = 0;
    for w in words(text) {
        out.push_str(&text[at..w.end as usize]);
        out.push_str(&suffix);
        at = w.end as usize;
    }
    out.push_str(&text[at..]);
    out
}

/// k copies of a corpus, copy j's words marked with j.
fn copies(c: &Corpus, k: usize) -> Corpus {
    let mut out = corpus(Vec::new());
    for j in 0..k {
        for d in &c.documents {
            let mut d = d.clone();
            d.id = format!("{}-{j}", d.id);
            for p in &mut d.passages {
                p.text = mark(&p.text, j);
                p.end = p.text.len() as u32;
                p.sentences[0].end = p.end;
            }
            out.documents.push(d);
        }
    }
    out
}

/// All passage texts, one a line.
fn text(c: &Corpus) -> String {
    let all: Vec<&str> = c
        .documents
        .iter()
        .flat_map(|d| &d.passages)
        .map(|p| p.text.as_str())
        .collect();
    all.join("\n")
}

/// Queries that match in every copy: prefixes of words of the first passage (a marked word
/// starts with its unmarked form), alone, ANDed and ORed, and one word found nowhere.
fn queries(c: &Corpus) -> Vec<String> {
    let first = c.documents[0].passages[0].text.as_str();
    let mut norms: Vec<String> = words(first).into_iter().map(|w| w.norm).collect();
    norms.dedup();
    let mut qs = vec!["zzzz".to_owned()];
    if let [a, b, ..] = norms.as_slice() {
        qs.push(format!("{a}* {b}*"));
        qs.push(format!("{a}* OR {b}*"));
    }
    qs.extend(norms.iter().take(3).map(|n| format!("{n}*")));
    qs
}

fn tag_cost(text: &str) -> Cost {
    cost(|| lexicon().tag(text))
}

fn index_cost(c: &Corpus, queries: &[String]) -> Cost {
    cost(|| {
        let index = Index::build(c);
        let hits: Vec<_> = queries.iter().map(|q| index.search(q)).collect();
        (index, hits)
    })
}

fn reuse_cost(c: &Corpus) -> Cost {
    cost(|| parallax_core::reuse::find(c))
}

/// Matching every document's passages with every other's by what they say (`align`) weighs each
/// pair of passages that share a stem, and a stem pairs at most `MAX_POSTINGS` passages: one step
/// a stem, one a posting and at most two a pair, so at most `MAX_POSTINGS + 2` steps a word, and
/// memory in proportion, whatever the corpus. (Not k copies against one: a stem's weight depends
/// on how many passages the corpus has, so copies change which pairs are weighed.) The analysis it
/// reads is built first, outside the count.
fn align_within_bound(c: &Corpus) -> Result<(), String> {
    let analysis = parallax_core::analysis::Analysis::new(c, &[]);
    let ids: Vec<&str> = c.documents.iter().map(|d| d.id.as_str()).collect();
    let spent = cost(|| parallax_core::align::align(c, &analysis, &ids));
    let words = words(&text(c)).len() as u64;
    let steps = (parallax_core::align::MAX_POSTINGS as u64 + 2) * words + 64;
    // Each pair weighed is kept until its passages' matches are chosen (a few dozen bytes, twice),
    // and a stem pairs at most MAX_POSTINGS passages: at most about 160 bytes a word a posting.
    let bytes = parallax_core::align::MAX_POSTINGS as u64 * 160 * words + 64 * 1024;
    if spent.steps <= steps && spent.bytes <= bytes {
        Ok(())
    } else {
        Err(format!(
            "align: {spent:?} for {words} words, more than {steps} steps or {bytes} bytes"
        ))
    }
}

/// Finding themes in a corpus's texts (`found`) indexes it, then counts, passage by passage,
/// the pairs of its at most `MAX_CANDIDATES` candidate words: at most `MAX_CANDIDATES + 2` steps a
/// word past the index, and memory in proportion plus the candidates' square table.
fn found_within_bound(c: &Corpus) -> Result<(), String> {
    use parallax_core::found::{themes, MAX_CANDIDATES};
    let spent = cost(|| themes(c));
    let index = cost(|| Index::build(c));
    let words = words(&text(c)).len() as u64;
    let steps = index.steps + (MAX_CANDIDATES as u64 + 2) * words + 64;
    let bytes =
        2 * index.bytes + 2048 * words + (MAX_CANDIDATES * MAX_CANDIDATES * 4) as u64 + 64 * 1024;
    if spent.steps <= steps && spent.bytes <= bytes {
        Ok(())
    } else {
        Err(format!(
            "found: {spent:?} for {words} words, more than {steps} steps or {bytes} bytes"
        ))
    }
}

/// Checks the three costs on `base` and `k` copies of it.
fn check_all(base: &Corpus, k: usize) -> Result<(), String> {
    let plain = text(base);
    let plain_k = vec![plain.as_str(); k].join("\n");
    linear("tag", k, tag_cost(&plain), tag_cost(&plain_k))?;
    let (one, many) = (copies(base, 1), copies(base, k));
    let qs = queries(base);
    linear(
        "index and search",
        k,
        index_cost(&one, &qs),
        index_cost(&many, &qs),
    )?;
    linear("reuse", k, reuse_cost(&one), reuse_cost(&many))?;
    align_within_bound(&one)?;
    align_within_bound(&many)?;
    found_within_bound(&one)?;
    found_within_bound(&many)?;
    linear(
        "names",
        k,
        cost(|| parallax_core::names::entities(&one)),
        cost(|| parallax_core::names::entities(&many)),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Tagging, indexing with a few searches, reuse detection, matching passages by what they
    /// say (`align`) and finding names (`names`) on k copies of any corpus cost at most about k
    /// times as much as on one.
    #[test]
    fn cost_grows_linearly(base in base(), k in prop::sample::select(&[2usize, 4, 8][..])) {
        if let Err(e) = check_all(&base, k) {
            return Err(TestCaseError::fail(e));
        }
    }

    /// Marking keeps the words: as many, each its old folded form and the suffix, so a copy is
    /// the same text to every step.
    #[test]
    fn marking_keeps_the_words(text in prop_oneof![sentence(), "\\PC{0,80}"], j in 0usize..26) {
        let (a, b) = (words(&text), words(&mark(&text, j)));
        prop_assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            prop_assert_eq!(format!("{}q{}", x.norm, char::from(b'a' + j as u8)), y.norm.clone());
        }
    }
}

/// Real text: the whole corpus, 72 passages, and 4 copies of it.
#[test]
fn real_text_costs_linearly() {
    check_all(&load_dir(corpus_dir()).unwrap(), 4).unwrap();
}

/// Reuse detection plus a step that allocates once per pair of passages.
fn with_a_quadratic_step(c: &Corpus) -> (Vec<parallax_core::reuse::ReusePair>, usize) {
    let pairs = parallax_core::reuse::find(c);
    let passages: Vec<&str> = c
        .documents
        .iter()
        .flat_map(|d| &d.passages)
        .map(|p| p.text.as_str())
        .collect();
    let mut compared = 0;
    for (i, a) in passages.iter().enumerate() {
        for b in &passages[i + 1..] {
            compared += black_box(vec![a.len(), b.len()]).len();
        }
    }
    (pairs, compared)
}

/// The check can fail. A step that allocates once per pair of passages, the mildest quadratic
/// there is, added to reuse detection on the real corpus: 2,556 pairs beside about 9,000
/// allocations for one copy; 4 copies have 16 times the pairs, and the whole goes over the
/// bound. (At 2 copies it would not: a quadratic step is caught once its share of the cost at the
/// larger size outgrows the slack, which is why the properties draw k up to 8.)
#[test]
fn a_quadratic_step_fails_the_check() {
    let real = load_dir(corpus_dir()).unwrap();
    let one = copies(&real, 1);
    let base = cost(|| with_a_quadratic_step(&one));
    for k in [4, 8] {
        let many = copies(&real, k);
        let scaled = cost(|| with_a_quadratic_step(&many));
        assert!(
            linear("quadratic", k, base, scaled).is_err(),
            "one allocation per pair of passages went unnoticed at k = {k}: {base:?} → {scaled:?}"
        );
        // The same corpora without the quadratic step pass.
        linear("reuse", k, reuse_cost(&one), reuse_cost(&many)).unwrap();
    }
}

// Adversarial shapes: inputs that grow inside one document, one passage or one span (not by
// copying documents, which a cost per document would pass), each a shape that once took seconds
// to minutes in the browser (issue 14). `shape(k)` is k times the input of `shape(1)`.

/// Checks `run` on `make(1)` against `make(k)` for k = 2, 4 and 8.
fn shape<T>(what: &str, make: impl Fn(usize) -> T, run: impl Fn(&T) -> Cost) {
    let one = run(&make(1));
    for k in [2, 4, 8] {
        let many = run(&make(k));
        eprintln!("{what}: k = {k}: {one:?} -> {many:?}");
        linear(what, k, one, many).unwrap();
    }
}

/// Distinct letters-only words for 0, 1, 2…: "ba", "ca"… (no digits: they would be figures).
fn word(mut i: usize) -> String {
    let mut w = String::new();
    loop {
        w.push(char::from(b'b' + (i % 20) as u8));
        i /= 20;
        if i == 0 {
            break w + "a";
        }
    }
}

fn process(raw: &str) -> Cost {
    let meta = parallax_core::SourceMeta {
        id: "d".into(),
        file: "d.txt".into(),
        ..Default::default()
    };
    cost(|| parallax_core::process_document(&meta, raw))
}

/// A page of distinct short heading lines before a closing paragraph: cleaning checked each
/// heading against every earlier one for repeats.
#[test]
fn cleaning_distinct_headings_costs_linearly() {
    shape(
        "clean headings",
        |k| {
            let mut page = String::from("A title of the page\n\n");
            for i in 0..300 * k {
                page.push_str(&format!("Section {} begins\n\n", word(i)));
            }
            page.push_str("The closing paragraph says what the page is about, at length.\n");
            page
        },
        |page| process(page),
    );
}

/// A paragraph of `[a](x y` repeated before one far `)`: each `[` looked for the `)` of its
/// would-be link to the far end (link stripping, in cleaning and segmentation).
#[test]
fn unclosed_link_targets_cost_linearly() {
    shape(
        "link targets",
        |k| format!("A title\n\nWords {} end).\n", "[a](x y ".repeat(300 * k)),
        |page| process(page),
    );
}

/// `[a](x` repeated before one far space, an unclosed title, a run of spaces and `)`: every
/// would-be link shares that title, and checking it trimmed the same spaces once per `[`.
#[test]
fn links_sharing_one_far_title_cost_linearly() {
    shape(
        "link titles",
        |k| {
            let n = 300 * k;
            format!(
                "A title\n\nWords {} \"t{}).\n",
                "[a](x".repeat(n),
                " ".repeat(n)
            )
        },
        |page| process(page),
    );
    shape(
        "markdown link titles",
        |k| {
            let n = 300 * k;
            format!(
                "# Title\n\nText {} \"t{})\n",
                "[a](x".repeat(n),
                " ".repeat(n)
            )
        },
        |md| {
            cost(|| parallax_core::import::import("a.md", md.as_bytes(), &corpus(Vec::new()), "u1"))
        },
    );
}

/// Markdown of repeated `<http://` before one far `>` with a space before it: the autolink scan
/// looked for whitespace up to that `>` once per `<`.
#[test]
fn markdown_autolinks_cost_linearly() {
    shape(
        "markdown autolinks",
        |k| format!("# Title\n\nText {} >\n", "<http://".repeat(400 * k)),
        |md| {
            cost(|| parallax_core::import::import("a.md", md.as_bytes(), &corpus(Vec::new()), "u1"))
        },
    );
}

/// Markdown of `<b` repeated with nothing between (no whitespace, `/` or `>`): reading each as
/// the start of a tag scanned for the end of its name to the end of the text.
#[test]
fn markdown_stray_tag_starts_cost_linearly() {
    shape(
        "markdown tag starts",
        |k| format!("# Title\n\nText {}\n", "<b".repeat(400 * k)),
        |md| {
            cost(|| parallax_core::import::import("a.md", md.as_bytes(), &corpus(Vec::new()), "u1"))
        },
    );
}

/// One claim, on the treaty, with one stance: "signed".
fn treaty_claims() -> Vec<parallax_core::model::Claim> {
    use parallax_core::model::{Claim, Stance};
    vec![Claim {
        id: "treaty".into(),
        label: "The treaty".into(),
        topic: vec!["treaty".into()],
        default: None,
        stances: vec![Stance {
            id: "signed".into(),
            label: "Signed".into(),
            cues: vec!["signed".into()],
        }],
    }]
}

/// A date for every number: "January 1, 1901", "February 1, 1901"…
fn date(i: usize) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!(
        "{} {}, {}",
        MONTHS[i % 12],
        1 + (i / 12) % 28,
        1901 + i / 336
    )
}

/// One theme, "treaty", whose one term is the word itself.
fn treaty_theme() -> Vec<parallax_core::model::Theme> {
    vec![parallax_core::model::Theme {
        id: "treaty".into(),
        label: "Treaty".into(),
        description: String::new(),
        terms: vec!["treaty".into()],
    }]
}

/// `n` passages on the treaty, each of 12 words no other passage has.
fn treaty_sentences(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let ws: Vec<String> = (0..12).map(|j| word(i * 12 + j)).collect();
            format!("The treaty {}.", ws.join(" "))
        })
        .collect()
}

/// Passages each stating that the treaty was signed on a date of its own, and each with a date
/// of no claim: one claim group of many distinct dates, and many groups of one date.
fn dated(n: usize, from: usize) -> Vec<String> {
    (from..from + n)
        .map(|i| {
            format!(
                "The treaty was signed on {}. Nothing happened on {}.",
                date(2 * i),
                date(2 * i + 1)
            )
        })
        .collect()
}

/// One claim with thousands of distinct dates, and as many dates of no claim (a group each):
/// groups and their values were found by linear search.
#[test]
fn facts_with_many_distinct_dates_cost_linearly() {
    shape(
        "facts",
        |k| {
            let mut c = common::corpus_split(vec![dated(150 * k, 0)]);
            c.claims = treaty_claims();
            c
        },
        |c| cost(|| parallax_core::facts::facts(c, &c.claims)),
    );
}

/// Votes and days of the week (`facts::TALLY`, `facts::WEEKDAY`): two sources of many sentences
/// each with tallies and days, which are split by what their sentences say (a whole sentence
/// read for a tally); and one sentence with no punctuation of thousands of tallies.
#[test]
fn tallies_and_weekdays_cost_linearly() {
    let voted = |n: usize, from: usize| -> Vec<String> {
        (from..from + n)
            .map(|i| {
                format!(
                    "The council {} voted {} to {} on Monday, and the board {} backed it by {} votes to {} on Friday.",
                    word(i),
                    i % 20,
                    i % 7,
                    word(i + 1),
                    i % 9,
                    i % 5
                )
            })
            .collect()
    };
    shape(
        "tallies and weekdays",
        |k| common::corpus_split(vec![voted(40 * k, 0), voted(40 * k, 7)]),
        |c| cost(|| parallax_core::facts::facts(c, &c.claims)),
    );
    shape(
        "one sentence of tallies",
        |k| {
            let one = format!("The vote {}.", "was 9 to 4 and ".repeat(400 * k));
            common::corpus_split(vec![vec![one.clone()], vec![one]])
        },
        |c| cost(|| parallax_core::facts::facts(c, &c.claims)),
    );
}

/// Statements said and denied (`negation`): sources of many sentences that say and deny the same
/// things, each word in as many sentences as may pair them (`MAX_POSTINGS`) or in all of them;
/// and sources of sentences that each deny several times.
#[test]
fn statements_said_and_denied_cost_linearly() {
    let cap = parallax_core::negation::MAX_POSTINGS;
    let said = |n: usize, not: bool| -> Vec<String> {
        (0..n)
            .map(|i| {
                // Words shared by `cap` sentences at most, and the story's words by all.
                let group = i / (cap / 2);
                format!(
                    "The depot {} will {}be built in {} {} {}.",
                    word(group),
                    if not { "not " } else { "" },
                    word(group + 1),
                    word(group + 2),
                    word(group + 3)
                )
            })
            .collect()
    };
    shape(
        "statements said and denied",
        |k| common::corpus_split(vec![said(40 * k, false), said(40 * k, true)]),
        |c| cost(|| parallax_core::facts::facts(c, &[])),
    );
    shape(
        "denials everywhere",
        |k| {
            let denials: Vec<String> = (0..40 * k)
                .map(|i| {
                    format!(
                        "It was not {} so, never {}, nicht {}.",
                        word(i),
                        word(i + 1),
                        word(i + 2)
                    )
                })
                .collect();
            common::corpus_split(vec![denials.clone(), denials])
        },
        |c| cost(|| parallax_core::facts::facts(c, &[])),
    );
}

/// Memory in proportion to the text, whatever its figures: sentences of just under
/// `SENTENCE_BYTES`, each holding a figure every seven bytes ("1 bus, 1 bus, …"), share their
/// sentence among their mentions instead of copying it into each (a copy each kept a hundred
/// times the text).
#[test]
fn facts_memory_is_a_bounded_multiple_of_the_text() {
    let sentence = format!(
        "{}.",
        "1 bus, ".repeat(parallax_core::facts::SENTENCE_BYTES / 7 - 1)
    );
    let text: Vec<String> = vec![sentence; 200];
    let bytes: usize = text.iter().map(String::len).sum();
    let c = common::corpus_split(vec![text.clone(), text]);
    let spent = cost(|| parallax_core::facts::facts(&c, &c.claims));
    // Every byte allocated along the way is counted (not only what is kept): for a mention of
    // seven bytes of text, its few short strings, its key and label made to look its group up,
    // the words of its sentence and the growth of its group's list: about 600 bytes (measured
    // 2026-12-06); a copy of its sentence in each mention added 800 more.
    let most = 200 * 2 * bytes as u64 + 64 * 1024;
    assert!(
        spent.bytes <= most,
        "{} bytes for {} bytes of text, more than {most}",
        spent.bytes,
        2 * bytes
    );
}

/// What each source states in every fact group, as the facts tables of compare and the overview
/// show it (`FactGroup::by_source`), for two sources giving thousands of distinct dates to one
/// claim: the tables searched a source's values once per mention, and its mentions once per value.
#[test]
fn fact_tables_of_many_distinct_dates_cost_linearly() {
    shape(
        "fact tables",
        |k| {
            let mut c = common::corpus_split(vec![dated(100 * k, 0), dated(100 * k, 1000)]);
            c.claims = treaty_claims();
            parallax_core::facts::facts(&c, &c.claims)
        },
        |groups| {
            cost(|| {
                groups
                    .iter()
                    .map(|g| g.by_source(&["d0", "d1"]))
                    .collect::<Vec<_>>()
            })
        },
    );
}

/// Two sources disagreeing on thousands of dates of one claim, each in a long passage of many
/// sentences, compared: each disputed mention's sentence was found by a search of its passage's
/// sentences, and each mention's passage in a theme row by a search of the row's passages.
#[test]
fn comparing_many_disputed_dates_costs_linearly() {
    use parallax_core::analysis::Analysis;
    shape(
        "compare",
        |k| {
            let one = |from: usize| vec![dated(100 * k, from).join(" ")];
            let mut c = common::corpus_split(vec![one(0), one(1000)]);
            c.claims = treaty_claims();
            c.themes = treaty_theme();
            let analysis = Analysis::new(&c, &[]);
            let reuse = parallax_core::reuse::find(&c);
            let facts = parallax_core::facts::facts(&c, &c.claims);
            (c, analysis, reuse, facts)
        },
        |(c, analysis, reuse, facts)| {
            cost(|| parallax_core::compare::compare(c, analysis, reuse, facts, &["d0", "d1"]))
        },
    );
}

/// Two sources of the same many passages on one theme, compared and totalled as the view does:
/// places of shared wording were deduplicated by a search of those kept (cloning their keys
/// once per comparison).
#[test]
fn comparing_sources_sharing_many_places_costs_linearly() {
    use parallax_core::analysis::Analysis;
    use parallax_core::compare::Comparison;
    shape(
        "compare totals",
        |k| {
            let passages = treaty_sentences(60 * k);
            let mut c = common::corpus_split(vec![passages.clone(), passages]);
            c.themes = treaty_theme();
            let analysis = Analysis::new(&c, &[]);
            let reuse = parallax_core::reuse::find(&c);
            assert_eq!(reuse.len(), 60 * k);
            (c, analysis, reuse)
        },
        |(c, analysis, reuse)| {
            cost(|| {
                let cmp = parallax_core::compare::compare(c, analysis, reuse, &[], &["d0", "d1"])
                    .unwrap();
                let rows = cmp.shown(None, false);
                let totals = cmp.totals(&rows);
                let with = cmp.shares_with(&rows, "d0");
                let places = Comparison::shared_places(&rows).len();
                (totals, with, places)
            })
        },
    );
}

/// The story overview of two sources disputing many dates in long passages, and sharing many
/// places of wording: its fact table, profiles and copies.
#[test]
fn the_overview_of_many_disputes_and_copies_costs_linearly() {
    use parallax_core::analysis::Analysis;
    shape(
        "overview",
        |k| {
            let shared = treaty_sentences(30 * k);
            let doc = |from: usize| {
                let mut d = vec![dated(100 * k, from).join(" ")];
                d.extend(shared.iter().cloned());
                d
            };
            let mut c = common::corpus_split(vec![doc(0), doc(1000)]);
            c.claims = treaty_claims();
            let analysis = Analysis::new(&c, &[]);
            let reuse = parallax_core::reuse::find(&c);
            let facts = parallax_core::facts::facts(&c, &c.claims);
            (c, analysis, reuse, facts)
        },
        |(c, analysis, reuse, facts)| {
            cost(|| parallax_core::overview::overview(c, analysis, reuse, facts))
        },
    );
}

/// A passage of unclosed `[`: the citation-marker scan looked for `]` to the end once per `[`.
#[test]
fn signals_on_unclosed_brackets_cost_linearly() {
    shape(
        "signals",
        |k| corpus(vec![vec![format!("Words {} end.", "[a ".repeat(500 * k))]]),
        |c| cost(|| parallax_core::signals::signals(c)),
    );
}

/// Signals of k copies of the real text: k times the documents, no phrase shared between
/// copies. Keyword stuffing looked every phrase of a document up in every other document, so
/// the cost grew with the square of the documents (each import adds one).
#[test]
fn signals_of_many_documents_cost_linearly() {
    // The real passages, each as one sentence (what `copies` can mark).
    let real = load_dir(corpus_dir()).unwrap();
    let base = corpus(
        real.documents
            .iter()
            .map(|d| d.passages.iter().map(|p| p.text.clone()).collect())
            .collect(),
    );
    shape(
        "signals of many documents",
        |k| copies(&base, k),
        |c| cost(|| parallax_core::signals::signals(c)),
    );
}

/// KWIC on one long passage with a match every few words: the right context was built from the
/// whole rest of the passage once per match.
#[test]
fn kwic_on_a_long_passage_costs_linearly() {
    shape(
        "kwic",
        |k| corpus(vec![vec!["drone strike and more words. ".repeat(300 * k)]]),
        |c| {
            let a = parallax_core::analysis::Analysis::new(c, &[]);
            cost(|| a.kwic(c, "drone", 40))
        },
    );
}

/// Two long near-identical spans (one word in a hundred changed): reuse aligned them word by
/// word over the whole span, and the word diff built a table of both lengths multiplied.
#[test]
fn reuse_and_diff_of_long_near_identical_spans_cost_linearly() {
    let text = |k: usize, changed: bool| {
        (0..1000 * k)
            .map(|i| {
                if changed && i % 100 == 50 {
                    "changed".to_owned()
                } else {
                    word(i)
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    shape(
        "reuse",
        |k| corpus(vec![vec![text(k, false)], vec![text(k, true)]]),
        reuse_cost,
    );
    shape(
        "word diff",
        |k| (text(k, false), text(k, true)),
        |(a, b)| cost(|| parallax_core::reuse::diff(a, b)),
    );
}

/// A tampered lesson draft, read at every start (issue 14: a 3.9 MB one made every start take
/// 43 s; 4 MB of 174,000 one-view steps took 67 s here, every step read, then listed). Within `MAX_DRAFT_BYTES` (every k here) the work is
/// linear in the draft, whatever grows: the steps, unknown documents among them, the title and
/// notes, each step link's parameters, the nesting; past it a draft is refused unread, so that
/// a 4 MB draft of each shape costs less than its 64 kB version.
#[test]
fn a_tampered_draft_loads_linearly() {
    use parallax_core::draft::{from_json, MAX_DRAFT_BYTES};
    use parallax_core::state::Known;
    let known = Known::new(&load_dir(corpus_dir()).unwrap(), "0123456789abcdef");
    let draft = |title: &str, steps: Vec<String>| {
        format!(
            r#"{{"format":1,"title":"{title}","note":"{title}","steps":[{}]}}"#,
            steps.join(",")
        )
    };
    let step = |link: &str, note: &str| format!(r#"{{"link":"{link}","note":"{note}"}}"#);
    // A step link of n parameters of every kind: unknown ones, unknown documents and themes.
    let params = |n: usize| {
        let mut link = String::from("/explore?q=drone");
        for i in 0..n {
            link.push_str(&format!("&x{i}=1&sources=002,nope{i}&themes=t{i}"));
        }
        link
    };
    let shapes: [(&str, &dyn Fn(usize) -> String); 6] = [
        ("draft of many steps", &|k| {
            draft("t", vec![step("/read/002/p4", "n"); 400 * k])
        }),
        ("draft of many steps that open nothing", &|k| {
            draft("t", vec![step("/read/nope/p1", "n"); 400 * k])
        }),
        ("draft of long titles and notes", &|k| {
            let text = "\\u202e".repeat(200 * k) + &"T".repeat(1000 * k);
            draft(&text, vec![step("/map", &text); 4])
        }),
        ("draft of step links of many parameters", &|k| {
            draft("t", vec![step(&params(8 * k), "n"); 30])
        }),
        ("draft nested deep", &|k| {
            let deep = "[".repeat(60 * k) + &"]".repeat(60 * k);
            draft("t", vec![step("/map", "n"), deep])
        }),
        ("draft of steps with unknown fields", &|k| {
            draft(
                "t",
                vec![r#"{"link":"/map","note":"","x":[1,2,3]}"#.into(); 400 * k],
            )
        }),
    ];
    for (what, make) in shapes {
        assert!(
            make(8).len() <= MAX_DRAFT_BYTES,
            "{what}: past the limit at k = 8"
        );
        shape(what, make, |json| cost(|| from_json(json, &known)));
        // 64 kB against 4 MB of the same shape: the larger is refused before it is read.
        let sized = |bytes: usize| {
            let mut k = 1;
            loop {
                let json = make(k);
                if json.len() >= bytes {
                    break json;
                }
                k = (k * bytes).div_ceil(json.len()).max(k + 1);
            }
        };
        let (small, huge) = (sized(64 * 1024), sized(4_000_000));
        let (one, big) = (
            cost(|| from_json(&small, &known)),
            cost(|| from_json(&huge, &known)),
        );
        eprintln!(
            "{what}: {} bytes {one:?}, {} bytes {big:?}",
            small.len(),
            huge.len()
        );
        assert!(
            big.allocs <= one.allocs && big.bytes <= one.bytes && big.steps <= one.steps,
            "{what}: 4 MB cost {big:?}, more than 64 kB's {one:?}"
        );
    }
}

/// A stored import read back at start (`bundle::load_document`) instead of cleaned again: the
/// page of distinct headings above, stored, then loaded.
#[test]
fn loading_a_stored_document_costs_linearly() {
    use parallax_core::bundle::{load_document, store_document};
    shape(
        "load a stored document",
        |k| {
            let mut page = String::from("A title of the page\n\n");
            for i in 0..300 * k {
                page.push_str(&format!(
                    "Section {} begins\n\nA paragraph of it.\n\n",
                    word(i)
                ));
            }
            store_document(&parallax_core::import::document("u1", "a.txt", &page), "b")
        },
        |stored| cost(|| load_document(stored, "b").unwrap()),
    );
}

/// Exports of one passage of `k` × 400 pieces that could each start markup or a formula, or
/// break a line (references, emphasis, links, tags, code, pipes, a dash after a line break): the
/// passages' table in every format, through every escape.
#[test]
fn exports_cost_linearly() {
    use parallax_core::analysis::Analysis;
    use parallax_core::export::{passages, Format, LinkBase, Made};
    use parallax_core::search::Unit;
    use parallax_core::state::Explore;
    shape(
        "exports",
        |k| {
            let text = "&amp; &#1 *a* _b_ [c] <d `e` | \\\n-f ".repeat(400 * k);
            let c = corpus(vec![vec![text]]);
            let a = Analysis::new(&c, &[]);
            (c, a)
        },
        |(c, a)| {
            let made = Made {
                at: LinkBase {
                    base: "https://example.org/",
                    version: "0123456789ab",
                    custom: &[],
                    edits: &parallax_core::state::NO_THEME_CHANGES,
                    pages: &[],
                },
                date: "2026-12-05",
            };
            let unit = [Unit { doc: 0, passage: 0 }];
            cost(|| {
                let table = passages(c, a, &Explore::default(), &unit, &made);
                Format::ALL.map(|f| black_box(table.write(f)))
            })
        },
    );
}

/// `import::page_meta` on hostile pages, in one pass: meta tags by the thousand (each key keeps
/// a few values), JSON-LD nested past the parser's depth limit (skipped after one repair), and
/// scripts of JSON-LD graphs whose authors point at each other.
#[test]
fn page_meta_costs_linearly() {
    use parallax_core::import::page_meta;
    shape(
        "page meta tags",
        |k| {
            r#"<meta name="author" content="Helen Marsh"><meta property="og:title" content="T &amp; U">"#
                .repeat(2_000 * k)
        },
        |page| cost(|| page_meta(page)),
    );
    shape(
        "page meta deep json",
        |k| {
            format!(
                r#"<script type="application/ld+json">{}{}</script>"#,
                "[{\"a\":".repeat(5_000 * k),
                "}]".repeat(5_000 * k)
            )
        },
        |page| cost(|| page_meta(page)),
    );
    shape(
        "page meta graphs",
        |k| {
            let graph = r##"<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":[{"@id":"#a"},{"@id":"#b"}]},{"@id":"#a","name":"Ann Lee"},{"@id":"#b","@type":"Person"}]}</script><time datetime="2025-03-12">"##;
            graph.repeat(500 * k)
        },
        |page| cost(|| page_meta(page)),
    );
}
