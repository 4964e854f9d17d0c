//! Reuse detection on the real corpus: which passages were copied between sources.

use parallax_core::reuse::{diff, find, DiffOp};
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
            "{}/{} ~ {}/{} words={} similarity={:.2}\n  a: {}\n  b: {}\n",
            p.a.doc, p.a.passage, p.b.doc, p.b.passage, p.words, p.similarity, p.a.text, p.b.text
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
