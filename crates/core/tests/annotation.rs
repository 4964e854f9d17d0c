//! Notes as W3C Web Annotations: for a note on every passage of the real corpus, the selectors
//! resolve in the document's text (the code points from `start` to `end` are `exact`, the
//! passage's text; `prefix` and `suffix` are what comes before and after); positions count code
//! points, not bytes or UTF-16 units (non-ASCII text worked out by hand); notes on passages the
//! corpus does not have keep their link and get no selector; the cost is linear.
#![allow(clippy::disallowed_methods)] // Tests never reach the wasm.

mod common;
#[path = "common/counting.rs"]
mod counting;

use common::{book, corpus, note, real_corpus, AT};
use counting::{cost, linear};
use parallax_core::annotation::{doc_text, note_iri, to_web_annotations, CONTEXT, CONTEXT_CHARS};
use parallax_core::export::LinkBase;
use parallax_core::notes::Notebook;
use parallax_core::state::CustomTheme;
use parallax_core::Corpus;
use serde_json::{json, Value};

fn export(b: &Notebook, c: &Corpus) -> Vec<Value> {
    let out = to_web_annotations(b, c, &AT);
    assert!(out.ends_with("]\n"));
    match serde_json::from_str(&out).unwrap() {
        Value::Array(a) => a,
        other => panic!("not a list: {other}"),
    }
}

/// `(doc, passage)` of a passage link `…#/read/<doc>/<passage>?v=0123456789ab`.
fn place(source: &str) -> (String, String) {
    let rest = source
        .strip_prefix("https://example.org/parallax/#/read/")
        .and_then(|r| r.strip_suffix("?v=0123456789ab"))
        .unwrap_or_else(|| panic!("not a passage link with the version: {source}"));
    let (d, p) = rest.split_once('/').unwrap();
    (d.to_owned(), p.to_owned())
}

/// The code points of `text` from `start` to `end`.
fn chars(text: &[char], start: usize, end: usize) -> String {
    text[start.min(text.len())..end.min(text.len())]
        .iter()
        .collect()
}

#[test]
fn every_note_on_the_real_corpus_resolves_in_its_documents_text() {
    let c = real_corpus();
    // A note on every passage of every source, written in reverse to see the order restored.
    let mut notes = Vec::new();
    for d in &c.documents {
        for p in &d.passages {
            notes.push(note(
                &format!("n-{}-{}", d.id, p.id),
                &d.id,
                &p.id,
                &format!("On {} {}", d.id, p.id),
                1_700_000_000_000,
                1_700_000_000_000,
            ));
        }
    }
    notes.reverse();
    let total = notes.len();
    assert!(total > 60, "the corpus has {total} passages");
    let annotations = export(&book(notes), c);
    assert_eq!(annotations.len(), total);
    let mut seen = Vec::new();
    for a in &annotations {
        assert_eq!(a["@context"], CONTEXT);
        assert_eq!(a["type"], "Annotation");
        let (d, p) = place(a["target"]["source"].as_str().unwrap());
        seen.push((d.clone(), p.clone()));
        let doc = c.document(&d).unwrap();
        let i = doc.passages.iter().position(|x| x.id == p).unwrap();
        assert_eq!(
            a["body"],
            json!({ "type": "TextualBody", "value": format!("On {d} {p}"), "format": "text/plain", "purpose": "commenting" })
        );
        // The document's text as the module says it counts it, built here on its own.
        let texts: Vec<&str> = doc.passages.iter().map(|x| x.text.as_str()).collect();
        let text: Vec<char> = texts.join("\n\n").chars().collect();
        let sel = a["target"]["selector"].as_array().unwrap();
        assert_eq!(sel.len(), 2);
        let (quote, position) = (&sel[0], &sel[1]);
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert_eq!(position["type"], "TextPositionSelector");
        let start = position["start"].as_u64().unwrap() as usize;
        let end = position["end"].as_u64().unwrap() as usize;
        let exact = quote["exact"].as_str().unwrap();
        assert_eq!(chars(&text, start, end), exact, "{d} {p}");
        assert_eq!(exact, doc.passages[i].text);
        let prefix = quote.get("prefix").and_then(Value::as_str).unwrap_or("");
        let suffix = quote.get("suffix").and_then(Value::as_str).unwrap_or("");
        assert_eq!(
            prefix,
            chars(&text, start.saturating_sub(CONTEXT_CHARS), start),
            "{d} {p}"
        );
        assert_eq!(suffix, chars(&text, end, end + CONTEXT_CHARS), "{d} {p}");
        // Only the first passage has nothing before it, only the last nothing after.
        assert_eq!(quote.get("prefix").is_none(), i == 0, "{d} {p}");
        assert_eq!(
            quote.get("suffix").is_none(),
            i + 1 == doc.passages.len(),
            "{d} {p}"
        );
        if i > 0 {
            assert!(prefix.ends_with("\n\n") && prefix.chars().count() == CONTEXT_CHARS.min(start));
        }
    }
    // Corpus order, then passage order.
    let expected: Vec<(String, String)> = c
        .documents
        .iter()
        .flat_map(|d| d.passages.iter().map(move |p| (d.id.clone(), p.id.clone())))
        .collect();
    assert_eq!(seen, expected);
}

#[test]
fn positions_count_code_points_not_bytes_or_utf16_units() {
    let c = corpus(vec![vec![
        "Café ☕ naïve".into(),
        "😀 second passage here".into(),
        "third".into(),
    ]]);
    let t = doc_text(&c.documents[0]);
    assert_eq!(t.text, "Café ☕ naïve\n\n😀 second passage here\n\nthird");
    let b = book(vec![
        note(
            "n-2",
            "d0",
            "p3",
            "Third",
            1_700_000_000_000,
            1_700_000_000_000,
        ),
        note(
            "n-1",
            "d0",
            "p2",
            "Émoji \"quoted\"\nline two </script>",
            1_700_000_000_000,
            1_700_000_060_500,
        ),
    ]);
    let a = export(&b, &c);
    // Worked out by hand: "Café ☕ naïve" is 12 code points (16 bytes), then "\n\n"; the emoji
    // is one code point (4 bytes, 2 UTF-16 units). p2 runs from 14 to 35 (bytes 18 to 42,
    // UTF-16 14 to 36); p3 from 37 (UTF-16 38) to 42.
    assert_eq!(
        a[0],
        json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "urn:uuid:979a666a-0a68-878d-b7fa-c3d517278a7a",
            "type": "Annotation",
            "created": "2023-11-14T22:13:20Z",
            "modified": "2023-11-14T22:14:20Z",
            "body": {
                "type": "TextualBody",
                "value": "Émoji \"quoted\"\nline two </script>",
                "format": "text/plain",
                "purpose": "commenting"
            },
            "target": {
                "source": "https://example.org/parallax/#/read/d0/p2?v=0123456789ab",
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": "😀 second passage here",
                        "prefix": "Café ☕ naïve\n\n",
                        "suffix": "\n\nthird"
                    },
                    { "type": "TextPositionSelector", "start": 14, "end": 35 }
                ]
            }
        })
    );
    assert_eq!(
        a[1]["target"]["selector"],
        json!([
            { "type": "TextQuoteSelector", "exact": "third", "prefix": "☕ naïve\n\n😀 second passage here\n\n" },
            { "type": "TextPositionSelector", "start": 37, "end": 42 }
        ])
    );
    assert_eq!(a[1]["id"], "urn:uuid:958bed3a-380a-8b70-b140-9ca8edec75c7");
    assert!(a[1].get("modified").is_none(), "never edited");
    let s = t.spans[1];
    assert_eq!((s.byte_start, s.byte_end, s.start, s.end), (18, 42, 14, 35));
}

#[test]
fn note_iris_are_stable_version_8_uuids() {
    assert_eq!(
        note_iri("n-18bcfe56800-0000002a"),
        "urn:uuid:c3c07dd9-5156-892a-bafc-4073fd934d1a"
    );
    assert_eq!(note_iri("n-1"), note_iri("n-1"));
    assert_ne!(note_iri("n-1"), note_iri("n-2"));
    let re = regex::Regex::new(
        "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
    )
    .unwrap();
    for id in ["a", "n-1", "n-18bcfe56800-0000002a-2", &"x".repeat(64)] {
        assert!(re.is_match(&note_iri(id)), "{}", note_iri(id));
    }
}

#[test]
fn notes_on_passages_the_corpus_lacks_keep_their_link_and_get_no_selector() {
    let c = real_corpus();
    let b = book(vec![
        note("n-3", "my7", "p2", "On my own document", 3, 3),
        note("n-2", "001", "p999", "On a passage that is gone", 2, 2),
        note("n-1", "001", "p1", "Known", 1, 1),
    ]);
    let a = export(&b, c);
    let sources: Vec<&str> = a
        .iter()
        .map(|x| x["target"]["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        [
            "https://example.org/parallax/#/read/001/p1?v=0123456789ab",
            "https://example.org/parallax/#/read/001/p999?v=0123456789ab",
            "https://example.org/parallax/#/read/my7/p2?v=0123456789ab",
        ]
    );
    assert!(a[0]["target"]["selector"].is_array());
    for x in &a[1..] {
        assert_eq!(x["target"].as_object().unwrap().len(), 1, "{x}");
    }
    assert_eq!(a[2]["created"], "1970-01-01T00:00:00Z");
    // The reader's own themes stay out of the links; an empty notebook is an empty list.
    let custom = [CustomTheme {
        label: "Mine".into(),
        terms: vec!["drone".into()],
    }];
    let with_themes = LinkBase {
        custom: &custom,
        edits: &parallax_core::state::NO_THEME_CHANGES,
        ..AT
    };
    assert_eq!(
        to_web_annotations(&b, c, &with_themes),
        to_web_annotations(&b, c, &AT)
    );
    assert_eq!(to_web_annotations(&book(vec![]), c, &AT), "[]\n");
}

#[test]
fn exporting_costs_linear_time() {
    // A note on every passage of a document of many passages.
    let make = |k: usize| {
        let passages: Vec<String> = (0..200 * k)
            .map(|i| format!("Passage {i} with é and 😀 in it."))
            .collect();
        let c = corpus(vec![passages]);
        let notes = (0..200 * k)
            .map(|i| {
                note(
                    &format!("n-{i}"),
                    "d0",
                    &format!("p{}", i + 1),
                    "A note.",
                    1,
                    1,
                )
            })
            .collect();
        (c, book(notes))
    };
    let run = |(c, b): &(Corpus, Notebook)| cost(|| to_web_annotations(b, c, &AT));
    let one = run(&make(1));
    for k in [2, 4, 8] {
        linear("notes on many passages", k, one, run(&make(k))).unwrap();
    }
    // A few notes on one long document.
    let make = |k: usize| {
        let passages: Vec<String> = (0..2000 * k)
            .map(|i| format!("Long passage {i}, Café ☕."))
            .collect();
        let c = corpus(vec![passages]);
        let notes = (0..3)
            .map(|i| {
                note(
                    &format!("n-{i}"),
                    "d0",
                    &format!("p{}", 1 + i * 500 * k),
                    "A note.",
                    1,
                    1,
                )
            })
            .collect();
        (c, book(notes))
    };
    let one = run(&make(1));
    for k in [2, 4, 8] {
        linear("notes on a long document", k, one, run(&make(k))).unwrap();
    }
}
