//! Figures, dates and claims cross-checked on the real corpus.

use parallax_core::facts::{facts, Agreement, FactKind};
use parallax_core::source::load_dir;
use std::path::Path;

#[test]
fn figures_dates_and_claims_snapshot() {
    let corpus =
        load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia")).unwrap();
    let groups = facts(&corpus, &corpus.claims);
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
            assert!(text.contains(&m.sentence));
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
    // Citation markers are not figures.
    assert!(!groups
        .iter()
        .any(|g| g.mentions.iter().any(|m| m.text.contains('['))));
}
