//! Facets, KWIC, entities, theme tagging and comparison on the real corpus, with snapshots of
//! each so that a change in what a reader sees shows up in review.

use parallax_core::analysis::{Analysis, Filter};
use parallax_core::source::load_dir;
use parallax_core::{Corpus, Lang, Theme};
use std::path::Path;
use std::sync::OnceLock;

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia")).unwrap()
    })
}

fn analysis() -> &'static Analysis {
    static A: OnceLock<Analysis> = OnceLock::new();
    A.get_or_init(|| Analysis::new(corpus(), &[]))
}

fn count(list: &[parallax_core::analysis::FacetCount], id: &str) -> usize {
    list.iter().find(|c| c.id == id).unwrap().count
}

#[test]
fn facet_counts_match_the_results_they_promise() {
    let a = analysis();
    let c = corpus();
    let base = Filter {
        query: "sanctions".into(),
        themes: vec!["trade".into()],
        ..Filter::default()
    };
    let f = a.facets(c, &base);
    assert!(!f.hits.is_empty());
    // Each count is the number of results that selecting the value would give.
    for theme in ["finance", "energy", "military"] {
        let mut g = base.clone();
        g.themes.push(theme.into());
        assert_eq!(
            count(&f.themes, theme),
            a.facets(c, &g).hits.len(),
            "theme {theme}"
        );
    }
    for source in ["000", "002", "004"] {
        let mut g = base.clone();
        g.sources = vec![source.into()];
        assert_eq!(
            count(&f.sources, source),
            a.facets(c, &g).hits.len(),
            "source {source}"
        );
    }
    let sum: usize = f.sources.iter().map(|s| s.count).sum();
    assert_eq!(sum, f.hits.len(), "sources partition the results");
    // Languages: 004's French sentences.
    let fr = a.facets(
        c,
        &Filter {
            langs: vec![Lang::Fr],
            ..Filter::default()
        },
    );
    assert!(fr
        .hits
        .iter()
        .all(|u| c.documents[u.doc as usize].id == "004"));
    assert!(fr.hits.len() >= 3);
    assert_eq!(count(&fr.sources, "004"), fr.hits.len());
    // Entity and language counts are also the results selecting them would give.
    let checked_entities = f
        .entities
        .iter()
        .filter(|e| e.count > 0)
        .map(|e| {
            let mut g = base.clone();
            g.entities = vec![e.id.clone()];
            assert_eq!(e.count, a.facets(c, &g).hits.len(), "entity {}", e.id);
        })
        .count();
    assert!(
        checked_entities >= 5,
        "only {checked_entities} entities counted"
    );
    for l in &f.langs {
        let mut g = base.clone();
        g.langs = vec![Lang::from_code(&l.id).unwrap()];
        assert_eq!(l.count, a.facets(c, &g).hits.len(), "language {}", l.id);
    }
    let wide = Filter::default();
    let w = a.facets(c, &wide);
    // The corpus has English and French sentences; its German is only spellings of names.
    assert!(count(&w.langs, "en") > 0 && count(&w.langs, "fr") > 0);
    for l in &w.langs {
        let g = Filter {
            langs: vec![Lang::from_code(&l.id).unwrap()],
            ..Filter::default()
        };
        assert_eq!(l.count, a.facets(c, &g).hits.len(), "language {}", l.id);
    }
    // An entity filter.
    let putin = a.facets(
        c,
        &Filter {
            entities: vec!["putin".into()],
            ..Filter::default()
        },
    );
    assert!(putin.hits.len() >= 3);
    // No filter: every passage, in corpus order.
    let all = a.facets(c, &Filter::default());
    assert_eq!(
        all.hits.len(),
        c.documents.iter().map(|d| d.passages.len()).sum::<usize>()
    );
    assert!(all.hits.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn entities_gather_spellings_across_languages() {
    let counts = analysis().entity_counts(corpus());
    let get = |id: &str, doc: &str| {
        counts
            .iter()
            .find(|e| e.id == id)
            .unwrap()
            .per_source
            .iter()
            .find(|(d, _)| d == doc)
            .unwrap()
            .1
    };
    assert!(get("putin", "004") >= 2, "Poutine in 004's French");
    assert!(get("pezeshkian", "004") >= 1, "Pezechkian");
    assert!(get("araghchi", "003") >= 2, "Araghtschi");
    assert!(
        get("irgc", "003") >= 1,
        "Islamic Revolutionary Guard Corps / IRGC"
    );
    assert!(get("irgc", "004") >= 1, "Revolutionary Guard Corps");
    assert_eq!(counts[0].id, "russia");
}

#[test]
fn kwic_lines_are_contexts_of_matches() {
    let a = analysis();
    let lines = a.kwic(corpus(), "\"payment systems\"", 30);
    assert!(lines.len() >= 3);
    for l in &lines {
        assert!(
            l.matched.to_lowercase().starts_with("payment system"),
            "{}",
            l.matched
        );
        assert!(l.left.chars().count() <= 30 && l.right.chars().count() <= 30);
        let p = corpus()
            .document(&l.doc)
            .unwrap()
            .passage(&l.passage)
            .unwrap();
        assert!(p
            .text
            .contains(&format!("{}{}{}", l.left, l.matched, l.right)));
    }
    let out: String = a
        .kwic(corpus(), "Bushehr", 25)
        .iter()
        .map(|l| {
            format!(
                "{}/{} …{}[{}]{}…\n",
                l.doc, l.passage, l.left, l.matched, l.right
            )
        })
        .collect();
    insta::assert_snapshot!(out);
}

#[test]
fn reader_themes_are_tagged_like_built_in_ones() {
    let mine = Theme {
        id: "corridor".into(),
        label: "Transport corridors".into(),
        description: String::new(),
        terms: vec!["corridor".into(), "trade route".into()],
    };
    let a = Analysis::new(corpus(), &[mine]);
    let f = a.facets(
        corpus(),
        &Filter {
            themes: vec!["corridor".into()],
            ..Filter::default()
        },
    );
    assert!(!f.hits.is_empty());
    let info = a.info(f.hits[0]).unwrap();
    let tag = info.themes.iter().find(|t| t.id == "corridor").unwrap();
    assert!(tag
        .evidence
        .iter()
        .any(|e| e.text.to_lowercase().contains("corridor")
            || e.text.to_lowercase().contains("trade route")));
}

#[test]
fn the_theme_matrix_counts_what_the_filter_finds() {
    let a = analysis();
    let c = corpus();
    let m = a.theme_matrix(c);
    assert_eq!(
        m.totals,
        c.documents
            .iter()
            .map(|d| d.passages.len())
            .collect::<Vec<_>>()
    );
    assert_eq!(m.counts.len(), c.themes.len());
    for (t, theme) in c.themes.iter().enumerate() {
        for (d, doc) in c.documents.iter().enumerate() {
            let f = Filter {
                themes: vec![theme.id.clone()],
                sources: vec![doc.id.clone()],
                ..Filter::default()
            };
            assert_eq!(
                m.counts[t][d],
                a.facets(c, &f).hits.len(),
                "{} × {}",
                theme.id,
                doc.id
            );
        }
    }
}

/// Per source and theme: passages tagged, and the distinct terms that fired (first eight).
#[test]
fn theme_tagging_snapshot() {
    let a = analysis();
    let c = corpus();
    let mut out = String::new();
    for (d, doc) in c.documents.iter().enumerate() {
        out.push_str(&format!(
            "## {} ({} passages)\n",
            doc.id,
            doc.passages.len()
        ));
        for theme in a.themes.themes() {
            let mut passages = 0;
            let mut terms: Vec<String> = Vec::new();
            for p in a.passages.iter().filter(|p| p.unit.doc as usize == d) {
                if let Some(tag) = p.themes.iter().find(|t| t.id == theme.id) {
                    passages += 1;
                    for e in &tag.evidence {
                        let t = e.text.to_lowercase();
                        if !terms.contains(&t) {
                            terms.push(t);
                        }
                    }
                }
            }
            if passages > 0 {
                terms.truncate(8);
                out.push_str(&format!(
                    "{:<10} {:>3}  {}\n",
                    theme.id,
                    passages,
                    terms.join(", ")
                ));
            }
        }
    }
    insta::assert_snapshot!(out);
}

/// Facet counts for a few filters, every facet value with passages.
#[test]
fn facet_counts_snapshot() {
    let a = analysis();
    let c = corpus();
    let filters = [
        Filter::default(),
        Filter {
            query: "sanctions".into(),
            ..Filter::default()
        },
        Filter {
            themes: vec!["energy".into()],
            sources: vec!["001".into(), "004".into()],
            ..Filter::default()
        },
        Filter {
            entities: vec!["putin".into()],
            langs: vec![Lang::En],
            ..Filter::default()
        },
    ];
    let mut out = String::new();
    for f in &filters {
        let r = a.facets(c, f);
        out.push_str(&format!(
            "## q={:?} themes={:?} sources={:?} entities={:?} langs={:?}: {} passages\n",
            f.query,
            f.themes,
            f.sources,
            f.entities,
            f.langs,
            r.hits.len()
        ));
        for (name, list) in [
            ("themes", &r.themes),
            ("sources", &r.sources),
            ("entities", &r.entities),
            ("langs", &r.langs),
        ] {
            let values: Vec<String> = list
                .iter()
                .filter(|v| v.count > 0 || v.selected)
                .map(|v| format!("{}{}={}", if v.selected { "*" } else { "" }, v.id, v.count))
                .collect();
            out.push_str(&format!("{name}: {}\n", values.join(" ")));
        }
    }
    insta::assert_snapshot!(out);
}

/// Mentions of every entity per source.
#[test]
fn entity_counts_snapshot() {
    let out: String = analysis()
        .entity_counts(corpus())
        .iter()
        .map(|e| {
            let per: Vec<String> = e
                .per_source
                .iter()
                .map(|(d, n)| format!("{d}:{n}"))
                .collect();
            format!("{:<14} {:>3}  {}\n", e.id, e.total, per.join(" "))
        })
        .collect();
    insta::assert_snapshot!(out);
}

/// The comparison of two and of three sources, row by row: passages per column, reuse pairs
/// and the facts with their agreement.
#[test]
fn comparison_snapshot() {
    use parallax_core::{compare, facts, reuse};
    let c = corpus();
    let a = analysis();
    let pairs = reuse::find(c);
    let groups = facts::facts(c, &c.claims);
    let mut out = String::new();
    for docs in [&["002", "004"][..], &["000", "001", "003"][..]] {
        let cmp = compare::compare(c, a, &pairs, &groups, docs).unwrap();
        out.push_str(&format!("# {}\n", docs.join(" · ")));
        for row in &cmp.rows {
            let cols: Vec<String> = row
                .columns
                .iter()
                .map(|col| format!("{}:{}", col.doc, col.passages.len()))
                .collect();
            out.push_str(&format!(
                "{:<10} {}  reuse {}  differs {}\n",
                row.theme,
                cols.join(" "),
                row.reuse.len(),
                row.differs()
            ));
            for f in &row.facts {
                out.push_str(&format!("    {} {:?}\n", f.key, f.agreement));
            }
        }
    }
    insta::assert_snapshot!(out);
}

#[test]
fn a_long_facet_lists_the_selected_values_then_the_largest() {
    use parallax_core::analysis::{top_values, FacetCount};
    let value = |i: usize, count: usize, selected: bool| FacetCount {
        id: format!("v{i}"),
        label: format!("Value {i}"),
        count,
        selected,
    };
    // Counts 0..10 in corpus order; v2 (2 passages) and v7 (none) selected.
    let counts: Vec<FacetCount> = (0..10).map(|i| value(i, i, i == 2 || i == 7)).collect();
    let (top, more) = top_values(&counts, 3);
    let ids: Vec<&str> = top.iter().map(|c| c.id.as_str()).collect();
    // Selected first (more passages first), then the largest: three in all would drop a selected
    // value, so the list grows to hold both selected ones.
    assert_eq!(ids, ["v7", "v2", "v9"]);
    // 9 values have passages or are selected (v0 has neither).
    assert_eq!(more, Some(9));
    // Ties keep corpus order; nothing left out gives no count.
    let ties: Vec<FacetCount> = (0..3).map(|i| value(i, 5, false)).collect();
    let (top, more) = top_values(&ties, 5);
    assert_eq!(
        top.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["v0", "v1", "v2"]
    );
    assert_eq!(more, None);
}
