//! The rows an export writes, on the real corpus: a search's passages and its concordance lines,
//! each with its source, title, passage id, themes, text and a link back that keeps the reader's
//! own themes, in the order given; lines of unknown sources left out. Then every view's export
//! (Explore, Compare's summary and facts, the map, a profile) read back as a spreadsheet, a word
//! processor and a Markdown reader would: a byte-order mark, labels as on screen with ids in
//! their own columns, values worked out again from the corpus, file names, no formula, no markup
//! and no line made by untrusted text. (Each writer's details are tested beside it, in
//! `export/format.rs`.)
#![allow(clippy::disallowed_methods)] // Tests never reach the wasm.

mod common;

use parallax_core::analysis::{Analysis, Filter};
use parallax_core::export::{csv, kwic_csv, kwic_rows, rows, KwicRow, LinkBase, Row};
use parallax_core::state::CustomTheme;

use parallax_core::analysis::percent;
use parallax_core::compare::compare;
use parallax_core::export::{
    compare_facts, compare_summary, concordance, map, markdown_text, passages, profile, Format,
    Made, Table,
};
use parallax_core::facts::{any_conflict, facts, Agreement, FactGroup, FactKind};
use parallax_core::model::{count_words, Corpus};
use parallax_core::overview::value_label;
use parallax_core::reuse::{self, ReusePair};
use parallax_core::signals::{signals, DocumentSignals};
use parallax_core::state::{Compare, Explore};
use parallax_core::strings::one_line as plain_text;
use parallax_core::Lang;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeSet;
use std::sync::OnceLock;

const BASE: &str = "https://example.org/parallax/";

#[test]
fn a_searchs_rows_are_its_passages_in_order_with_themes_text_and_links() {
    let corpus = common::real_corpus();
    let analysis = Analysis::new(corpus, &[]);
    let hits = analysis
        .facets(
            corpus,
            &Filter {
                query: "sanctions".into(),
                ..Filter::default()
            },
        )
        .hits;
    assert!(hits.len() > 5, "{}", hits.len());
    let at = LinkBase {
        base: BASE,
        version: "0123456789ab",
        custom: &[],
        edits: &parallax_core::state::NO_THEME_CHANGES,
        pages: &[],
    };
    let out = rows(corpus, &analysis, &hits, at);
    assert_eq!(out.len(), hits.len());
    for (row, unit) in out.iter().zip(&hits) {
        let doc = &corpus.documents[unit.doc as usize];
        let passage = &doc.passages[unit.passage as usize];
        assert_eq!(
            (row.source.as_str(), row.title.as_str()),
            (doc.id.as_str(), doc.title.as_str())
        );
        assert_eq!(
            (row.passage.as_str(), row.text.as_str()),
            (passage.id.as_str(), passage.text.as_str())
        );
        let themes: Vec<String> = analysis
            .info(*unit)
            .unwrap()
            .themes
            .iter()
            .map(|t| t.id.clone())
            .collect();
        assert_eq!(row.themes, themes);
        assert_eq!(
            row.link,
            format!("{BASE}#/read/{}/{}?v=0123456789ab", doc.id, passage.id)
        );
    }
    // Some row has a theme, so the column is not always empty.
    assert!(out.iter().any(|r| !r.themes.is_empty()));
    // The CSV has a line per row after its header, the text in it.
    let table = csv(&out);
    assert!(table.lines().count() > out.len());
    assert!(out.iter().all(|r| table.contains(&r.link)));
}

#[test]
fn links_back_keep_the_readers_own_themes() {
    let corpus = common::real_corpus();
    let analysis = Analysis::new(corpus, &[]);
    let unit = analysis
        .facets(
            corpus,
            &Filter {
                query: "drone".into(),
                ..Filter::default()
            },
        )
        .hits[0];
    let mine = CustomTheme {
        label: "Mine".into(),
        terms: vec!["drone".into()],
    };
    let custom = [mine];
    let at = LinkBase {
        base: BASE,
        version: "0123456789ab",
        custom: &custom,
        edits: &parallax_core::state::NO_THEME_CHANGES,
        pages: &[],
    };
    let row = &rows(corpus, &analysis, &[unit], at)[0];
    assert!(
        row.link
            .starts_with(&format!("{BASE}#/read/{}/{}?", row.source, row.passage)),
        "{}",
        row.link
    );
    assert!(
        row.link.contains("Mine"),
        "the link names the reader's theme: {}",
        row.link
    );
}

#[test]
fn concordance_rows_keep_each_lines_words_and_leave_out_unknown_sources() {
    let corpus = common::real_corpus();
    let analysis = Analysis::new(corpus, &[]);
    let mut lines = analysis.kwic(corpus, "sanctions", 40);
    assert!(lines.len() > 5);
    let at = LinkBase {
        base: BASE,
        version: "0123456789ab",
        custom: &[],
        edits: &parallax_core::state::NO_THEME_CHANGES,
        pages: &[],
    };
    let out = kwic_rows(corpus, &lines, at);
    assert_eq!(out.len(), lines.len());
    for (row, line) in out.iter().zip(&lines) {
        let doc = corpus.document(&line.doc).unwrap();
        assert_eq!(
            (row.source.as_str(), row.title.as_str()),
            (doc.id.as_str(), doc.title.as_str())
        );
        assert_eq!(
            (
                row.passage.as_str(),
                row.left.as_str(),
                row.matched.as_str(),
                row.right.as_str()
            ),
            (
                line.passage.as_str(),
                line.left.as_str(),
                line.matched.as_str(),
                line.right.as_str()
            )
        );
        assert!(
            row.matched.to_lowercase().starts_with("sanction"),
            "{}",
            row.matched
        );
        assert_eq!(
            row.link,
            format!("{BASE}#/read/{}/{}?v=0123456789ab", doc.id, line.passage)
        );
    }
    let table = kwic_csv(&out);
    assert!(table.lines().count() > out.len());
    // A line whose source is not in the corpus is left out; the others keep their order.
    lines[0].doc = "nope".into();
    let kept = kwic_rows(corpus, &lines, at);
    assert_eq!(kept.len(), lines.len() - 1);
    assert_eq!(kept[0].link, out[1].link);
}

// ---------------------------------------------------------------------------------------------
// The files a teacher opens: every view's export, read back as a spreadsheet, a word processor
// and a Markdown reader would. Values are worked out here from the corpus, the lexicon and the
// facts, not from the export's own rows.

const DATE: &str = "2026-12-05";
/// A reader's own theme whose label a spreadsheet would run as a formula.
const MINE: &str = "=Corridors";

struct World {
    custom: Vec<CustomTheme>,
    analysis: Analysis,
    reuse: Vec<ReusePair>,
    facts: Vec<FactGroup>,
    signals: Vec<DocumentSignals>,
}

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let corpus = common::real_corpus();
        let custom = vec![CustomTheme {
            label: MINE.into(),
            terms: vec!["transport corridor".into(), "trade route".into()],
        }];
        World {
            analysis: Analysis::new(corpus, &[custom[0].to_theme(0)]),
            custom,
            reuse: reuse::find(corpus),
            facts: facts(corpus, &corpus.claims),
            signals: signals(corpus),
        }
    })
}

fn made(w: &World) -> Made<'_> {
    Made {
        at: LinkBase {
            base: BASE,
            version: "0123456789ab",
            custom: &w.custom,
            edits: &parallax_core::state::NO_THEME_CHANGES,
            pages: &[],
        },
        date: DATE,
    }
}

/// The byte-order mark, as the file's first bytes.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// The CSV as a spreadsheet reads it (RFC 4180, after the byte-order mark): rows of cells.
fn spreadsheet(table: &Table) -> Vec<Vec<String>> {
    let out = table.write(Format::Csv);
    assert!(out.ends_with("\r\n"));
    let rows = common::spreadsheet(&out);
    let width = rows[0].len();
    assert!(rows.iter().all(|r| r.len() == width), "ragged rows");
    rows
}

/// Every formula start, alone and after spaces, in every column of both CSV exports, comes out
/// behind a `'`.
#[test]
fn every_csv_export_defuses_every_formula_start() {
    // Written out here, not read from FORMULA_STARTS: a start dropped there must fail here.
    for start in ['=', '+', '-', '@', '\t', '\r'] {
        for spaces in ["", " ", "  \u{a0}"] {
            let v = format!("{spaces}{start}1+1");
            let row = Row {
                source: v.clone(),
                title: v.clone(),
                passage: v.clone(),
                themes: vec![v.clone()],
                theme_labels: vec![v.clone()],
                text: v.clone(),
                link: v.clone(),
            };
            let kwic = KwicRow {
                source: v.clone(),
                title: v.clone(),
                passage: v.clone(),
                left: v.clone(),
                matched: v.clone(),
                right: v.clone(),
                link: v.clone(),
            };
            for (format, out) in [("csv", csv(&[row])), ("kwic csv", kwic_csv(&[kwic]))] {
                let rows = common::spreadsheet(&out);
                assert_eq!(rows.len(), 2, "{format}: {out:?}");
                for cell in &rows[1] {
                    assert_eq!(cell, &format!("'{v}"), "{format}: {out:?}");
                }
            }
        }
    }
    // Text that only holds such a character later is left as it is.
    let later = Row {
        source: "001".into(),
        title: "A title".into(),
        passage: "p1".into(),
        themes: vec![],
        theme_labels: vec![],
        text: "a=1, -2 and @x".into(),
        link: "http://127.0.0.1:8080/#/read/001/p1".into(),
    };
    assert_eq!(common::spreadsheet(&csv(&[later]))[1][5], "a=1, -2 and @x");
}

/// A cell as a spreadsheet shows it once the leading `'` that defuses a formula is read.
fn shown(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// The themes the lexicon finds in `text`, by id: worked out again from the text.
fn themes_of(text: &str) -> Vec<String> {
    world()
        .analysis
        .themes
        .tag(text)
        .into_iter()
        .map(|t| t.id)
        .collect()
}

/// A theme's label: the manifest's, or the reader's own.
fn label_of(id: &str) -> String {
    let corpus = common::real_corpus();
    match corpus.themes.iter().find(|t| t.id == id) {
        Some(t) => t.label.clone(),
        None => {
            assert_eq!(id, "my1");
            MINE.to_owned()
        }
    }
}

#[test]
fn explores_csv_has_a_bom_labels_as_on_screen_and_ids_in_their_own_columns() {
    let (corpus, w) = (common::real_corpus(), world());
    let view = Explore {
        query: "sanctions".into(),
        ..Explore::default()
    };
    let hits = w
        .analysis
        .facets(
            corpus,
            &Filter {
                query: "sanctions".into(),
                ..Filter::default()
            },
        )
        .hits;
    let table = passages(corpus, &w.analysis, &view, &hits, &made(w));
    assert_eq!(
        table.file_name(Format::Csv),
        "parallax-explore-sanctions-2026-12-05.csv"
    );
    let rows = spreadsheet(&table);
    assert_eq!(
        rows[0],
        [
            "Source",
            "Source id",
            "Passage",
            "Themes",
            "Theme ids",
            "Text",
            "Link"
        ]
    );
    assert_eq!(rows.len(), hits.len() + 1);
    let mut mine = 0;
    for (row, unit) in rows[1..].iter().zip(&hits) {
        let doc = &corpus.documents[unit.doc as usize];
        let p = &doc.passages[unit.passage as usize];
        assert_eq!(
            (row[0].as_str(), row[1].as_str(), row[2].as_str()),
            (doc.title.as_str(), doc.id.as_str(), p.id.as_str())
        );
        let ids = themes_of(&p.text);
        assert_eq!(row[4], ids.join("; "));
        let labels: Vec<String> = ids.iter().map(|id| label_of(id)).collect();
        assert_eq!(shown(&row[3]), labels.join("; "));
        // A cell that starts with the reader's "=Corridors" is defused; one that holds it
        // later is not touched.
        assert_eq!(row[3].starts_with('\''), labels[0].starts_with('='));
        mine += usize::from(ids.iter().any(|i| i == "my1"));
        assert_eq!(row[5], p.text);
        assert_eq!(
            row[6],
            format!(
                "{BASE}#/read/{}/{}?custom=%3DCorridors:transport%20corridor|trade%20route&v=0123456789ab",
                doc.id, p.id
            )
        );
    }
    assert!(mine > 0, "no passage has the reader's theme");
    // JSON keeps the ids under the keys it always had, the labels beside them.
    let json: Vec<serde_json::Value> = serde_json::from_str(&table.write(Format::Json)).unwrap();
    assert_eq!(json.len(), hits.len());
    let keys: Vec<&String> = json[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "link",
            "passage",
            "source",
            "text",
            "theme_labels",
            "themes",
            "title"
        ]
    );
    for (j, row) in json.iter().zip(&rows[1..]) {
        let list = |k: &str| -> Vec<String> {
            j[k].as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(list("themes").join("; "), row[4]);
        assert_eq!(list("theme_labels").join("; "), shown(&row[3]));
    }
}

#[test]
fn explores_file_name_and_heading_say_the_search_and_the_filters() {
    let (corpus, w) = (common::real_corpus(), world());
    let view = Explore {
        query: "\"payment systems\"".into(),
        themes: vec!["finance".into(), "my1".into()],
        sources: vec!["002".into(), "004".into()],
        entities: vec!["russia".into()],
        langs: vec![Lang::En],
        kwic: false,
    };
    let table = passages(corpus, &w.analysis, &view, &[], &made(w));
    assert_eq!(
        table.file_name(Format::Markdown),
        "parallax-explore-payment-systems-finance-corridors-002-004-russia-en-2026-12-05.md"
    );
    assert_eq!(table.title, "Passages for “\"payment systems\"”");
    let about: Vec<(&str, &str)> = table
        .about
        .iter()
        .map(|(h, v)| (h.as_str(), v.as_str()))
        .collect();
    let sources = format!(
        "002 {}; 004 {}",
        corpus.title_of("002"),
        corpus.title_of("004")
    );
    assert_eq!(
        about,
        [
            ("Search", "\"payment systems\""),
            ("Themes", "Sanctions, payments and currencies, =Corridors"),
            ("Sources", sources.as_str()),
            ("People, places and organisations", "Russia"),
            ("Languages", "English"),
            ("Found", "0 passages"),
            ("Made", "5 December 2026, with Parallax"),
        ]
    );
    assert!(
        table.link.starts_with(&format!(
            "{BASE}#/explore?q=%22payment%20systems%22&themes=finance,my1&sources=002,004&entities=russia&langs=en&custom="
        )),
        "{}",
        table.link
    );
    // The concordance of the same view says so in its name and title.
    let kwic = concordance(corpus, &w.analysis, &view, &[], &made(w));
    assert!(kwic
        .file_name(Format::Csv)
        .starts_with("parallax-explore-kwic-payment-systems-"));
    assert_eq!(kwic.title, "“payment systems” with the words around it");
    assert!(kwic.link.contains("mode=kwic"), "{}", kwic.link);
}

#[test]
fn the_concordance_reads_as_lines_with_their_match() {
    let (corpus, w) = (common::real_corpus(), world());
    let lines = w.analysis.kwic(corpus, "sanctions", 40);
    assert!(lines.len() > 5);
    let view = Explore {
        query: "sanctions".into(),
        kwic: true,
        ..Explore::default()
    };
    let table = concordance(corpus, &w.analysis, &view, &lines, &made(w));
    let rows = spreadsheet(&table);
    assert_eq!(
        rows[0],
        [
            "Source",
            "Source id",
            "Passage",
            "Before",
            "Match",
            "After",
            "Link"
        ]
    );
    assert_eq!(rows.len(), lines.len() + 1);
    for (row, l) in rows[1..].iter().zip(&lines) {
        assert_eq!(
            [
                &row[1],
                &row[2],
                shown(&row[3]),
                shown(&row[4]),
                shown(&row[5])
            ],
            [&l.doc, &l.passage, &l.left, &l.matched, &l.right]
        );
        assert_eq!(row[0], corpus.title_of(&l.doc));
    }
    // Text: per line, where it is, the line quoted whole, the match on its own.
    let text = table.write(Format::Text);
    for l in &lines {
        let place = format!(
            "• {}, passage {}\n  “{}”\n  Match: {}\n",
            corpus.title_of(&l.doc),
            l.passage.trim_start_matches('p'),
            plain_text(&format!("{}{}{}", l.left, l.matched, l.right)),
            l.matched
        );
        assert!(text.contains(&place), "{place}");
    }
    // Markdown: the match in bold inside the quotation, and nothing else made markup.
    let md = table.write(Format::Markdown);
    let strong: Vec<String> = markup(&md)
        .into_iter()
        .filter_map(|(kind, text)| (kind == "strong").then_some(text))
        .collect();
    let bold_matches: Vec<String> = lines.iter().map(|l| l.matched.clone()).collect();
    let labels: Vec<String> = lines
        .iter()
        .map(|l| {
            format!(
                "{}, passage {}",
                corpus.title_of(&l.doc),
                l.passage.trim_start_matches('p')
            )
        })
        .collect();
    // Each line gives its place in bold, then its match in bold.
    let want: Vec<String> = labels
        .into_iter()
        .zip(bold_matches)
        .flat_map(|(a, b)| [a, b])
        .collect();
    assert_eq!(strong, want);
}

/// The two sources the teacher compares.
const PAIR: [&str; 2] = ["002", "004"];

#[test]
fn compares_summary_counts_what_the_lexicon_and_reuse_find() {
    let (corpus, w) = (common::real_corpus(), world());
    let comparison = compare(corpus, &w.analysis, &w.reuse, &w.facts, &PAIR).unwrap();
    let view = Compare {
        docs: PAIR.map(String::from).to_vec(),
        theme: None,
        only_differ: false,
    };
    let table = compare_summary(corpus, &comparison, &view, &made(w));
    assert_eq!(
        table.file_name(Format::Csv),
        "parallax-compare-002-004-summary-2026-12-05.csv"
    );
    assert_eq!(table.title, "Compare 002 and 004: at a glance");
    let rows = spreadsheet(&table);
    assert_eq!(
        rows[0],
        [
            "Theme",
            "Theme id",
            "Passages in 002",
            "Passages in 004",
            "Same wording",
            "They disagree about",
            "Disputed fact ids"
        ]
    );
    // Each compared source's passages, with the themes the lexicon finds in each.
    let tagged: Vec<Vec<(&str, Vec<String>)>> = PAIR
        .iter()
        .map(|d| {
            corpus
                .document(d)
                .unwrap()
                .passages
                .iter()
                .map(|p| (p.id.as_str(), themes_of(&p.text)))
                .collect()
        })
        .collect();
    let has = |k: usize, passage: &str, theme: &str| {
        tagged[k]
            .iter()
            .any(|(p, ids)| *p == passage && ids.iter().any(|i| i == theme))
    };
    // Themes any of the two speaks to, in the lexicon's order (built-in, then the reader's).
    let spoken: Vec<&parallax_core::Theme> = w
        .analysis
        .themes
        .themes()
        .iter()
        .filter(|t| tagged.iter().flatten().any(|(_, ids)| ids.contains(&t.id)))
        .collect();
    assert!(spoken.len() > 5);
    assert_eq!(
        rows.len(),
        1 + spoken.len() + 1,
        "a row per theme and the total"
    );
    let pairs: Vec<&ReusePair> = w
        .reuse
        .iter()
        .filter(|r| {
            let docs = [r.a.doc.as_str(), r.b.doc.as_str()];
            docs == PAIR || docs == [PAIR[1], PAIR[0]]
        })
        .collect();
    let k_of = |doc: &str| PAIR.iter().position(|d| *d == doc).unwrap();
    let mut all_places = BTreeSet::new();
    let mut disputed = BTreeSet::new();
    for (row, theme) in rows[1..].iter().zip(&spoken) {
        assert_eq!(shown(&row[0]), label_of(&theme.id));
        assert_eq!(row[1], theme.id);
        for k in 0..2 {
            let n = tagged[k]
                .iter()
                .filter(|(_, ids)| ids.contains(&theme.id))
                .count();
            assert_eq!(row[2 + k], n.to_string(), "{} in {}", theme.id, PAIR[k]);
        }
        let places: Vec<&&ReusePair> = pairs
            .iter()
            .filter(|r| {
                has(k_of(&r.a.doc), &r.a.passage, &theme.id)
                    && has(k_of(&r.b.doc), &r.b.passage, &theme.id)
            })
            .collect();
        let wording = match places.len() {
            0 => String::new(),
            1 => "002 and 004: 1 place".to_owned(),
            n => format!("002 and 004: {n} places"),
        };
        assert_eq!(row[4], wording, "{}", theme.id);
        all_places.extend(
            places
                .iter()
                .map(|r| (&r.a.passage, r.a.start, &r.b.passage, r.b.start)),
        );
        // Each disputed fact: the two sources state values that cannot all be true, and some
        // sentence stating one of them is, on its own, about this theme.
        let ids: Vec<&str> = row[6].split("; ").filter(|s| !s.is_empty()).collect();
        let labels: Vec<&str> = row[5].split("; ").filter(|s| !s.is_empty()).collect();
        assert_eq!(ids.len(), labels.len());
        for (id, label) in ids.iter().zip(&labels) {
            let g = w.facts.iter().find(|g| g.key == *id).unwrap();
            assert_eq!(g.label, *label);
            let mentions: Vec<_> = g
                .mentions
                .iter()
                .filter(|m| PAIR.contains(&m.doc.as_str()))
                .collect();
            assert!(
                any_conflict(g.kind, mentions.iter().map(|m| m.value.as_str())),
                "{id}"
            );
            assert!(
                mentions
                    .iter()
                    .any(|m| themes_of(&m.sentence).contains(&theme.id)),
                "{id} on {}",
                theme.id
            );
            disputed.insert(*id);
        }
    }
    assert!(!disputed.is_empty(), "no theme has a dispute");
    // The total: each passage once (those on any theme), each place once, each fact once.
    let total = rows.last().unwrap();
    assert_eq!(total[0], "All these themes (each passage counted once)");
    for k in 0..2 {
        let n = tagged[k].iter().filter(|(_, ids)| !ids.is_empty()).count();
        assert_eq!(total[2 + k], n.to_string());
    }
    assert_eq!(
        total[4],
        format!("002 and 004: {} places", all_places.len())
    );
    let ids: BTreeSet<&str> = total[6].split("; ").collect();
    assert_eq!(ids, disputed);
}

#[test]
fn compares_facts_say_what_each_source_states_claims_first() {
    let (corpus, w) = (common::real_corpus(), world());
    let comparison = compare(corpus, &w.analysis, &w.reuse, &w.facts, &PAIR).unwrap();
    let view = Compare {
        docs: PAIR.map(String::from).to_vec(),
        theme: None,
        only_differ: false,
    };
    let table = compare_facts(corpus, &comparison, &view, &made(w));
    assert_eq!(
        table.file_name(Format::Text),
        "parallax-compare-002-004-facts-2026-12-05.txt"
    );
    let rows = spreadsheet(&table);
    assert_eq!(
        rows[0],
        ["Kind", "Fact", "Fact id", "002", "004", "Agreement"]
    );
    // Every fact either source states, restricted to them.
    let mut groups: Vec<(FactGroup, Vec<&parallax_core::facts::Mention>)> = w
        .facts
        .iter()
        .filter_map(|g| {
            let m: Vec<_> = g
                .mentions
                .iter()
                .filter(|m| PAIR.contains(&m.doc.as_str()))
                .collect();
            (!m.is_empty()).then(|| (g.clone(), m))
        })
        .collect();
    assert_eq!(rows.len() - 1, groups.len());
    let agreement = |kind: FactKind, m: &[&parallax_core::facts::Mention]| {
        let sources: BTreeSet<&str> = m.iter().map(|m| m.doc.as_str()).collect();
        if any_conflict(kind, m.iter().map(|m| m.value.as_str())) {
            Agreement::Differ
        } else if sources.len() > 1 {
            Agreement::Agree
        } else {
            Agreement::Single
        }
    };
    // Claims in the corpus's order, then figures and dates, disputed ones first.
    groups.sort_by_key(|(g, m)| match g.kind {
        FactKind::Claim => (0, corpus.claims.iter().position(|c| c.id == g.key).unwrap()),
        kind => (
            match agreement(kind, m) {
                Agreement::Differ => 1,
                Agreement::Agree => 2,
                Agreement::Single => 3,
            },
            0,
        ),
    });
    let mut kinds = BTreeSet::new();
    for (row, (g, m)) in rows[1..].iter().zip(&groups) {
        assert_eq!(row[2], g.key);
        let kind = match g.kind {
            FactKind::Claim => "Claim",
            FactKind::Figure => "Figure",
            FactKind::Date => "Date",
            // Found only in a corpus without claims; this one has them.
            FactKind::Statement => "Said and denied",
        };
        assert_eq!(row[0], kind);
        kinds.insert(kind);
        for (k, doc) in PAIR.iter().enumerate() {
            // Distinct values in the order first stated, "(n×)" when stated more than once.
            let mut values: Vec<(&str, usize, &str)> = Vec::new();
            for m in m.iter().filter(|m| m.doc == *doc) {
                match values.iter_mut().find(|v| v.0 == m.value) {
                    Some(v) => v.1 += 1,
                    None => values.push((&m.value, 1, &m.text)),
                }
            }
            let want: Vec<String> = values
                .iter()
                .map(|(v, n, text)| {
                    let label = value_label(g, v, &corpus.claims, text);
                    if *n > 1 {
                        format!("{label} ({n}×)")
                    } else {
                        label
                    }
                })
                .collect();
            assert_eq!(row[3 + k], want.join("; "), "{} in {doc}", g.key);
        }
        let word = match agreement(g.kind, m) {
            Agreement::Agree => "agree",
            Agreement::Differ => "differ",
            Agreement::Single => "single source",
        };
        assert_eq!(row[5], word, "{}", g.key);
    }
    assert_eq!(kinds.len(), 3, "claims, figures and dates: {kinds:?}");
    // For people, a figure or date names its kind as the table does; a claim does not.
    let text = table.write(Format::Text);
    assert!(
        text.contains("\n• Status of the Iran–Russia treaty\n  002: "),
        "{text}"
    );
    assert!(text.contains("\n• Figure: "), "{text}");
}

#[test]
fn the_maps_table_has_each_sources_share_of_each_theme() {
    let (corpus, w) = (common::real_corpus(), world());
    let table = map(corpus, &w.analysis, &made(w));
    assert_eq!(
        table.file_name(Format::Json),
        "parallax-map-themes-by-source-2026-12-05.json"
    );
    let rows = spreadsheet(&table);
    let mut header = vec!["Theme", "Theme id", "Your theme"]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    for d in &corpus.documents {
        header.push(format!("Passages in {} (of {})", d.id, d.passages.len()));
        header.push(format!("Share of {} (%)", d.id));
    }
    assert_eq!(rows[0], header);
    let themes = w.analysis.themes.themes();
    assert_eq!(rows.len(), 1 + themes.len());
    assert_eq!(themes.last().unwrap().id, "my1");
    let mut any = false;
    for (row, t) in rows[1..].iter().zip(themes) {
        assert_eq!(
            (shown(&row[0]), row[1].as_str()),
            (label_of(&t.id).as_str(), t.id.as_str())
        );
        assert_eq!(row[2], if t.id == "my1" { "yes" } else { "no" });
        for (k, d) in corpus.documents.iter().enumerate() {
            let n = d
                .passages
                .iter()
                .filter(|p| themes_of(&p.text).contains(&t.id))
                .count();
            let share = (n as f64 * 100.0 / d.passages.len() as f64).round() as usize;
            assert_eq!(row[3 + 2 * k], n.to_string(), "{} in {}", t.id, d.id);
            assert_eq!(row[4 + 2 * k], share.to_string(), "{} in {}", t.id, d.id);
            any |= n > 0 && t.id == "my1";
        }
    }
    assert!(any, "the reader's theme is in no source");
    // The reader's theme, "=Corridors", is defused where a spreadsheet reads it.
    assert_eq!(rows.last().unwrap()[0], "'=Corridors");
    // People read each cell as the map shows it, the reader's theme marked as theirs.
    let text = table.write(Format::Text);
    let d = &corpus.documents[1];
    let n = d
        .passages
        .iter()
        .filter(|p| themes_of(&p.text).contains(&"military".to_owned()))
        .count();
    let line = format!(
        "  {}: {}% ({n} of {})\n",
        d.id,
        percent(n, d.passages.len()),
        d.passages.len()
    );
    assert!(text.contains(&line), "{line}");
    assert!(text.contains("\n• =Corridors (your theme)\n"), "{text}");
}

#[test]
fn a_profile_gives_each_section_as_the_page_does() {
    let (corpus, w) = (common::real_corpus(), world());
    assert!(profile(corpus, &w.analysis, &w.signals, "nope", &made(w)).is_none());
    let doc = corpus.document("002").unwrap();
    let table = profile(corpus, &w.analysis, &w.signals, "002", &made(w)).unwrap();
    assert_eq!(
        table.file_name(Format::Csv),
        "parallax-source-002-unpacking-the-iran-russia-alliance-a-new-global-2026-12-05.csv"
    );
    let rows = spreadsheet(&table);
    assert_eq!(rows[0], ["Section", "Item", "Item id", "Value", "Number"]);
    let section =
        |name: &str| -> Vec<&Vec<String>> { rows[1..].iter().filter(|r| r[0] == name).collect() };
    // The sections in the page's order, each once.
    let order: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r[0].as_str())
        .fold(Vec::new(), |mut v, s| {
            if v.last() != Some(&s) {
                v.push(s);
            }
            v
        });
    assert_eq!(
        order,
        [
            "About this page",
            "Signals: things to check",
            "What cleaning removed, and why",
            "People, places and organisations",
            "Themes"
        ]
    );
    let about = section("About this page");
    let words: usize = doc.passages.iter().map(|p| count_words(&p.text)).sum();
    assert_eq!(about[0][1..4], ["Title", "title", doc.title.as_str()]);
    let length = about.iter().find(|r| r[2] == "words").unwrap();
    assert_eq!(length[4], words.to_string());
    assert_eq!(
        length[3],
        format!(
            "{},{:03} words in {} passages",
            words / 1000,
            words % 1000,
            doc.passages.len()
        )
    );
    let signals = &w.signals.iter().find(|s| s.id == "002").unwrap().signals;
    let rows_signals = section("Signals: things to check");
    assert_eq!(rows_signals.len(), signals.len());
    for (r, s) in rows_signals.iter().zip(signals) {
        assert_eq!(
            (r[2].as_str(), r[4].clone()),
            (s.kind.id(), s.evidence.len().to_string())
        );
    }
    let removed = section("What cleaning removed, and why");
    let kinds: BTreeSet<&str> = doc.removed.iter().map(|r| r.kind.id()).collect();
    assert_eq!(removed.len(), kinds.len());
    for r in &removed {
        let words: usize = doc
            .removed
            .iter()
            .filter(|x| x.kind.id() == r[2])
            .map(|x| count_words(&x.text))
            .sum();
        assert_eq!(r[4], words.to_string(), "{}", r[2]);
    }
    // Names: their mentions counted again with the entity lexicon, most named first.
    let named = section("People, places and organisations");
    assert!(named.len() > 3);
    let mut last = usize::MAX;
    for r in &named {
        let n: usize = doc
            .passages
            .iter()
            .flat_map(|p| w.analysis.entities.tag(&p.text))
            .filter(|t| t.id == r[2])
            .map(|t| t.evidence.len())
            .sum();
        assert_eq!(r[4], n.to_string(), "{}", r[2]);
        assert!(n <= last && n > 0);
        last = n;
    }
    let themes = section("Themes");
    assert_eq!(themes.len(), w.analysis.themes.themes().len());
    for r in &themes {
        let n = doc
            .passages
            .iter()
            .filter(|p| themes_of(&p.text).contains(&r[2]))
            .count();
        assert_eq!(r[4], n.to_string(), "{}", r[2]);
        assert_eq!(shown(&r[1]), label_of(&r[2]));
    }
    // In text, each section heads its rows, a row of one value on one line.
    let text = table.write(Format::Text);
    assert!(
        text.contains(&format!(
            "\nAbout this page\n\n• Title: {}\n• Author: None named\n",
            doc.title
        )),
        "{text}"
    );
}

/// Every export of the real corpus with hostile text put into it: a title, a passage, a byline,
/// a reader's theme and an entity's name that a spreadsheet would run as formulas, or that
/// Markdown would read as markup, or that would start lines of their own.
fn hostile_exports() -> Vec<(Table, Vec<String>)> {
    let mut corpus: Corpus = common::real_corpus().clone();
    let title =
        "=HYPERLINK(\"http://evil.example\",\"# Click\") *bold* [x](javascript:y) <b>\n• Fake: row";
    let text = "-2+3 sanctions\n\n> quote\n# Heading\n- [link](http://evil.example) <script>x</script> **bold** _em_ `code` | a | b |\n---\n1. item &amp; \\*";
    corpus.documents[0].title = title.into();
    let passage = &mut corpus.documents[0].passages[0];
    passage.text = text.into();
    passage.sentences = vec![parallax_core::model::Sentence {
        start: 0,
        end: text.len() as u32,
        lang: Lang::En,
    }];
    corpus.documents[0].byline = Some(parallax_core::model::Byline {
        name: "@evil\r\nSource: forged".into(),
        source: parallax_core::model::BylineSource::Byline,
    });
    let custom = vec![CustomTheme {
        label: "@Mine | *x* <i>".into(),
        terms: vec!["sanctions".into()],
    }];
    let analysis = Analysis::new(&corpus, &[custom[0].to_theme(0)]);
    // Renamed after the analysis, whose lexicon finds it by its old name.
    let russia = corpus
        .entities
        .iter_mut()
        .find(|e| e.id == "russia")
        .unwrap();
    russia.name = "+Putin *".into();
    let reuse = reuse::find(&corpus);
    let facts = facts(&corpus, &corpus.claims);
    let signals = signals(&corpus);
    let made = Made {
        at: LinkBase {
            base: BASE,
            version: "0123456789ab",
            custom: &custom,
            edits: &parallax_core::state::NO_THEME_CHANGES,
            pages: &[],
        },
        date: DATE,
    };
    let view = Explore {
        query: "sanctions".into(),
        ..Explore::default()
    };
    let hits = analysis
        .facets(
            &corpus,
            &Filter {
                query: "sanctions".into(),
                ..Filter::default()
            },
        )
        .hits;
    assert!(hits.iter().any(|u| u.doc == 0 && u.passage == 0));
    let lines = analysis.kwic(&corpus, "sanctions", 40);
    let ids = ["000", "004"];
    let comparison = compare(&corpus, &analysis, &reuse, &facts, &ids).unwrap();
    let cmp = Compare {
        docs: ids.map(String::from).to_vec(),
        theme: None,
        only_differ: false,
    };
    // What each export holds that came from the hostile text, to find it again.
    let hostile = vec![title.to_owned(), text.to_owned(), custom[0].label.clone()];
    vec![
        (
            passages(&corpus, &analysis, &view, &hits, &made),
            hostile.clone(),
        ),
        (
            concordance(&corpus, &analysis, &view, &lines, &made),
            vec![title.to_owned()],
        ),
        (
            compare_summary(&corpus, &comparison, &cmp, &made),
            vec![custom[0].label.clone()],
        ),
        (compare_facts(&corpus, &comparison, &cmp, &made), vec![]),
        (
            map(&corpus, &analysis, &made),
            vec![custom[0].label.clone()],
        ),
        (
            profile(&corpus, &analysis, &signals, "000", &made).unwrap(),
            vec![
                title.to_owned(),
                "@evil\r\nSource: forged".into(),
                "+Putin *".into(),
            ],
        ),
    ]
}

#[test]
fn no_cell_of_any_export_runs_as_a_formula() {
    for (table, hostile) in hostile_exports() {
        let rows = spreadsheet(&table);
        let mut defused = 0;
        for cell in rows.iter().flatten() {
            let start = cell.trim_start_matches([' ', '\u{a0}']);
            assert!(
                !start.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{}: {cell:?}",
                table.title
            );
            defused += usize::from(cell.starts_with('\''));
        }
        // The hostile values are there (defused where they start a cell, as checked above).
        for h in &hostile {
            assert!(
                rows.iter().flatten().any(|c| c.contains(h.as_str())),
                "{}: {h:?} not found",
                table.title
            );
        }
        assert!(defused > 0 || hostile.is_empty(), "{}", table.title);
    }
}

/// The markup a Markdown reader makes of `md` beyond paragraphs, lists, quotations, tables and
/// the two levels of heading the exports write: (kind, its text). Links are autolinks only.
fn markup(md: &str) -> Vec<(&'static str, String)> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let mut open: Vec<(&'static str, String)> = Vec::new();
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Strong => "strong",
                    Tag::Emphasis => "emphasis",
                    Tag::Strikethrough => "strikethrough",
                    Tag::Link { dest_url, .. } => {
                        open.push(("link", String::new()));
                        out.push(("link-to", dest_url.to_string()));
                        continue;
                    }
                    Tag::Image { .. } => "image",
                    Tag::CodeBlock(_) => "code block",
                    Tag::HtmlBlock => "html block",
                    Tag::Heading { level, .. } if level as usize > 2 => "deep heading",
                    Tag::FootnoteDefinition(_) => "footnote",
                    _ => continue,
                };
                open.push((kind, String::new()));
            }
            Event::End(
                TagEnd::Strong
                | TagEnd::Emphasis
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::FootnoteDefinition,
            ) => out.push(open.pop().unwrap()),
            Event::Text(t) => {
                if let Some(o) = open.last_mut() {
                    o.1.push_str(&t);
                }
            }
            Event::Code(t) => out.push(("code", t.to_string())),
            Event::Html(t) | Event::InlineHtml(t) => out.push(("html", t.to_string())),
            Event::FootnoteReference(t) => out.push(("footnote", t.to_string())),
            Event::TaskListMarker(_) => out.push(("task", String::new())),
            Event::Rule => out.push(("rule", String::new())),
            Event::HardBreak => out.push(("hard break", String::new())),
            _ => {}
        }
    }
    out
}

#[test]
fn markdown_exports_make_no_markup_of_text() {
    for (table, _) in hostile_exports() {
        let md = table.write(Format::Markdown);
        for (kind, text) in markup(&md) {
            match kind {
                // Links: only the autolinks written for links back, their text their target.
                "link-to" => assert!(text.starts_with(BASE), "{}: link to {text}", table.title),
                "link" => assert!(text.starts_with(BASE), "{}: link {text}", table.title),
                // Bold: a row's name, or a concordance line's match.
                "strong" => assert!(
                    table.label.is_some() && table.quote.is_some(),
                    "{}: bold {text:?}",
                    table.title
                ),
                _ => panic!("{}: {kind} {text:?} in\n{md}", table.title),
            }
        }
        // Headings: the title, and a profile's sections.
        let headings = md.lines().filter(|l| l.starts_with('#')).count();
        let groups = if table.group.is_some() { 5 } else { 0 };
        assert_eq!(headings, 1 + groups, "{}", table.title);
    }
}

#[test]
fn markdown_quotes_a_passage_exactly() {
    let (table, hostile) = hostile_exports().swap_remove(0);
    let md = table.write(Format::Markdown);
    // The hostile passage is one quotation whose text reads back as the passage on one line.
    let mut quotes: Vec<String> = Vec::new();
    let mut depth = 0;
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => {
                depth += 1;
                quotes.push(String::new());
            }
            Event::End(TagEnd::BlockQuote(_)) => depth -= 1,
            Event::Text(t) if depth > 0 => quotes.last_mut().unwrap().push_str(&t),
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            e if depth > 0 => panic!("{e:?} in a quotation"),
            _ => {}
        }
    }
    assert!(quotes.contains(&plain_text(&hostile[1])), "{quotes:#?}");
}

#[test]
fn plain_text_never_lets_a_value_start_a_line() {
    for (table, hostile) in hostile_exports() {
        let text = table.write(Format::Text);
        assert!(text.as_bytes().starts_with(BOM));
        let text = &text[BOM.len()..];
        let mut starts: Vec<String> = table.about.iter().map(|(h, _)| format!("{h}: ")).collect();
        starts.push("Open in Parallax: ".into());
        starts.extend(table.columns.iter().map(|c| format!("  {}: ", c.heading)));
        starts.extend(["• ".into(), "  “".into()]);
        let groups: BTreeSet<&str> = match table.group {
            Some(g) => table
                .rows
                .iter()
                .filter_map(|r| match &r[g] {
                    parallax_core::export::Cell::Text(s) => Some(s.as_str()),
                    _ => None,
                })
                .collect(),
            None => BTreeSet::new(),
        };
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(plain_text(&table.title).as_str()));
        let mut bullets = 0;
        for line in lines {
            bullets += usize::from(line.starts_with("• "));
            assert!(
                line.is_empty()
                    || groups.contains(line)
                    || starts.iter().any(|s| line.starts_with(s.as_str())),
                "{}: a line of its own: {line:?}",
                table.title
            );
        }
        // One bullet per row: no value made a row of its own.
        assert_eq!(bullets, table.rows.len(), "{}", table.title);
        for h in &hostile {
            assert!(text.contains(&plain_text(h)), "{}: {h:?}", table.title);
        }
    }
}

/// Text of Markdown's special characters, and words.
fn markdownish() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        3 => prop::sample::select(vec![
            "#", "##", ">", "-", "---", "+", "*", "**", "_", "__", "~", "~~", "`", "```", "[", "]", "(",
            ")", "!", "<", "</", "<a", "&", "&amp;", "&#65;", ";", "|", "\\", "=", "1.", "2)",
            ":", "http://x.example", "U.S.", "North-South", "snake_case", "$5",
        ])
        .prop_map(String::from),
        2 => prop::sample::select(vec![" ", " ", "  ", "\t"]).prop_map(String::from),
        2 => "[a-z]{1,6}",
        1 => "\\PC{1,3}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

#[test]
fn markdown_text_reads_back_as_the_text_wherever_it_stands() {
    use proptest::prelude::*;
    let config = ProptestConfig::with_cases(common::cases());
    proptest!(config, |(s in markdownish())| {
        let value = plain_text(&s);
        // At the start of a quotation, in a list item after a heading, and in a table cell.
        for (md, at_start) in [
            (format!("> {}\n", markdown_text(&value, true)), true),
            (format!("- Heading: {}\n", markdown_text(&value, false)), false),
            (format!("| A |\n| --- |\n| {} |\n", markdown_text(&value, false)), false),
        ] {
            let mut text = String::new();
            for event in Parser::new_ext(&md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES | Options::ENABLE_TASKLISTS) {
                match event {
                    Event::Text(t) => text.push_str(&t),
                    Event::Start(Tag::BlockQuote(_) | Tag::Paragraph | Tag::List(None) | Tag::Item | Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell)
                    | Event::End(TagEnd::BlockQuote(_) | TagEnd::Paragraph | TagEnd::List(false) | TagEnd::Item | TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow | TagEnd::TableCell) => {}
                    e => prop_assert!(false, "{:?} in {:?} (at start: {})", e, md, at_start),
                }
            }
            let want = match at_start {
                true => value.clone(),
                false if md.starts_with("- ") => format!("Heading: {value}"),
                false => format!("A{value}"),
            };
            prop_assert_eq!(text.trim(), want.trim(), "{:?}", md);
        }
    });
}

#[test]
fn a_comparison_of_one_theme_where_they_differ_says_so_in_its_name_and_lines() {
    let (corpus, w) = (common::real_corpus(), world());
    let comparison = compare(corpus, &w.analysis, &w.reuse, &w.facts, &PAIR).unwrap();
    let view = Compare {
        docs: PAIR.map(String::from).to_vec(),
        theme: Some("military".into()),
        only_differ: true,
    };
    let table = compare_summary(corpus, &comparison, &view, &made(w));
    assert_eq!(
        table.file_name(Format::Csv),
        "parallax-compare-002-004-military-differ-summary-2026-12-05.csv"
    );
    let about: Vec<(&str, &str)> = table
        .about
        .iter()
        .map(|(h, v)| (h.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        about[1..3],
        [
            ("Theme", "Military and defence cooperation"),
            ("Shown", "only where the sources differ")
        ]
    );
    assert!(
        table
            .link
            .starts_with(&format!("{BASE}#/compare/002/004?theme=military&differ=1&")),
        "{}",
        table.link
    );
    // One theme: its row, and no total.
    let rows = spreadsheet(&table);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][1], "military");
    let facts = compare_facts(corpus, &comparison, &view, &made(w));
    assert_eq!(
        facts.file_name(Format::Csv),
        "parallax-compare-002-004-military-differ-facts-2026-12-05.csv"
    );
    // Only disputed facts, each stated on the theme by one of the two.
    let rows = spreadsheet(&facts);
    assert!(rows.len() > 1);
    assert!(rows[1..].iter().all(|r| r[5] == "differ"), "{rows:?}");
}

#[test]
fn a_link_to_a_reader_names_its_prerendered_page_when_the_build_has_one() {
    let pages = vec!["002".to_owned()];
    let at = LinkBase {
        base: "https://school.example/parallax/",
        version: "0123456789ab",
        custom: &[],
        edits: &parallax_core::state::NO_THEME_CHANGES,
        pages: &pages,
    };
    use parallax_core::state::{Read, View};
    assert_eq!(
        at.view(View::Read(Read::at("002", Some("p4")))),
        "https://school.example/parallax/read-002.html#/read/002/p4?v=0123456789ab"
    );
    // A source with no page of its own, another view, or a build with none: the site's address.
    assert_eq!(
        at.view(View::Read(Read::at("003", None))),
        "https://school.example/parallax/#/read/003?v=0123456789ab"
    );
    assert_eq!(
        at.view(View::Map),
        "https://school.example/parallax/#/map?v=0123456789ab"
    );
    let none = LinkBase { pages: &[], ..at };
    assert_eq!(
        none.view(View::Read(Read::at("002", Some("p4")))),
        "https://school.example/parallax/#/read/002/p4?v=0123456789ab"
    );
}
