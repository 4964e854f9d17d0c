//! Quality signals on the real corpus: which source raises which signal, with valid evidence.

use parallax_core::signals::{signals, SignalKind};
use parallax_core::source::load_dir;
use std::path::Path;

#[test]
fn signals_per_source() {
    let corpus =
        load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia")).unwrap();
    let all = signals(&corpus);
    let mut out = String::new();
    for d in &all {
        let doc = corpus.document(&d.id).unwrap();
        for s in &d.signals {
            assert_eq!(serde_json::to_value(s.kind).unwrap(), s.kind.id());
            out += &format!("{} {:?}: {}\n", d.id, s.kind, s.label);
            for e in &s.evidence {
                match &e.passage {
                    Some(p) => assert_eq!(
                        &doc.passage(p).unwrap().text[e.start as usize..e.end as usize],
                        e.text
                    ),
                    None => assert!(doc
                        .removed
                        .iter()
                        .any(|r| r.start == e.start && r.text == e.text)),
                }
            }
        }
    }
    insta::assert_snapshot!(out);
    let has = |id: &str, kind: SignalKind| {
        all.iter()
            .find(|d| d.id == id)
            .unwrap()
            .signals
            .iter()
            .any(|s| s.kind == kind)
    };
    assert!(has("002", SignalKind::KeywordStuffing) && has("003", SignalKind::KeywordStuffing));
    assert!(!has("000", SignalKind::KeywordStuffing));
    assert!(has("001", SignalKind::MachineGeneration) && has("004", SignalKind::MachineGeneration));
    assert!(
        !has("000", SignalKind::MachineGeneration) && !has("002", SignalKind::MachineGeneration)
    );
    for id in ["001", "002", "004"] {
        assert!(has(id, SignalKind::FabricatedAuthor), "{id}");
    }
    assert!(has("003", SignalKind::Promotion) && has("003", SignalKind::MissingByline));
    assert!(!has("000", SignalKind::MissingByline) && !has("000", SignalKind::MissingDate));
}
