//! The rows an export writes, on the real corpus: a search's passages and its concordance lines,
//! each with its source, title, passage id, themes, text and a link back that keeps the reader's
//! own themes, in the order given; lines of unknown sources left out. (How each format escapes a
//! cell is tested beside the formats, in `export.rs`.)

mod common;

use parallax_core::analysis::{Analysis, Filter};
use parallax_core::export::{csv, kwic_csv, kwic_rows, rows, LinkBase};
use parallax_core::state::CustomTheme;

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
