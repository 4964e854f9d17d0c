//! Notes: the storage format reads back what it wrote and refuses anything else with a clear
//! message; Markdown renders note text as text and reads back exactly; a merge never loses a
//! note and changes nothing the second time.
#![allow(clippy::disallowed_methods)] // Tests never reach the wasm.

mod common;

use common::{book, cases, corpus, note, AT};
use parallax_core::export::LinkBase;
use parallax_core::notes::{
    from_json, from_markdown, merge, to_json, to_markdown, MergeReport, Note, Notebook, NotesError,
    MAX_INPUT_BYTES, MAX_NOTES, MAX_TEXT_CHARS,
};
use parallax_core::source::load_dir;
use parallax_core::state::CustomTheme;
use parallax_core::Corpus;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn real() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia")).unwrap()
    })
}

/// Two documents, `d0` (passages `p1`, `p2`) and `d1` (`p1`).
fn small() -> Corpus {
    corpus(vec![
        vec![
            "Iran and Russia signed a treaty in Moscow on a cold January morning after long talks between the two delegations about trade.".into(),
            "Second passage.".into(),
        ],
        vec!["A *starred* <b>passage</b> of d1.".into()],
    ])
}

#[test]
fn json_is_versioned_and_reads_back() {
    let nb = book(vec![note(
        "n-18bcfe56800-0000002a",
        "001",
        "p4",
        "Compare with 004 p2: \"17 January\" <script>\n\tsecond line",
        1_700_000_000_000,
        1_700_000_060_000,
    )]);
    let json = to_json(&nb);
    assert_eq!(
        json,
        r#"{
  "format": 1,
  "notes": [
    {
      "id": "n-18bcfe56800-0000002a",
      "doc": "001",
      "passage": "p4",
      "text": "Compare with 004 p2: \"17 January\" <script>\n\tsecond line",
      "created_ms": 1700000000000,
      "updated_ms": 1700000060000
    }
  ]
}
"#
    );
    assert_eq!(from_json(&json), Ok(nb));
    assert_eq!(
        from_json(r#"{"format":1,"notes":[]}"#),
        Ok(Notebook::default())
    );
}

/// Text comes in cleaned: line endings, control characters, bidi overrides, ends.
#[test]
fn text_is_cleaned_on_the_way_in() {
    let json = r#"{"format":1,"notes":[{"id":"a","doc":"001","passage":"p1","text":"  one\r\ntwo\rthree\u0000\u202e\u2066 ok\u200d👨‍👩‍👧 \n ","created_ms":1,"updated_ms":1}]}"#;
    let nb = from_json(json).unwrap();
    assert_eq!(nb.notes[0].text, "one\ntwo\nthree ok\u{200d}👨‍👩‍👧");
}

/// Each kind of bad file gives its own error, which reads as a sentence.
#[test]
fn bad_json_says_what_is_wrong() {
    let long = "x".repeat(MAX_TEXT_CHARS + 1);
    let one = |fields: &str| format!(r#"{{"format":1,"notes":[{{{fields}}}]}}"#);
    let ok = r#""id":"a","doc":"001","passage":"p1","text":"t","created_ms":1,"updated_ms":2"#;
    let many = format!(
        r#"{{"format":1,"notes":[{}]}}"#,
        vec![format!("{{{ok}}}"); MAX_NOTES + 1].join(",")
    );
    let cases: Vec<(String, &str, &str)> = vec![
        ("".into(), "NotJson", "not valid JSON"),
        ("{".into(), "NotJson", "not valid JSON"),
        ("\u{feff}{}".into(), "WrongShape", "no “format”"),
        (
            "{\"format\":1,\"notes\":[]} trailing".into(),
            "NotJson",
            "not valid JSON",
        ),
        ("[".repeat(100_000), "NotJson", "not valid JSON"),
        ("null".into(), "WrongShape", "not an object"),
        ("[]".into(), "WrongShape", "not an object"),
        ("{}".into(), "WrongShape", "no “format”"),
        (
            r#"{"format":"1","notes":[]}"#.into(),
            "WrongShape",
            "whole number",
        ),
        (
            r#"{"format":1.5,"notes":[]}"#.into(),
            "WrongShape",
            "whole number",
        ),
        (
            r#"{"format":-1,"notes":[]}"#.into(),
            "WrongShape",
            "whole number",
        ),
        (
            r#"{"format":0,"notes":[]}"#.into(),
            "WrongShape",
            "format 0",
        ),
        (
            r#"{"format":1}"#.into(),
            "WrongShape",
            "missing field `notes`",
        ),
        (
            r#"{"format":1,"notes":{}}"#.into(),
            "WrongShape",
            "invalid type",
        ),
        (
            r#"{"format":1,"notes":[],"extra":1}"#.into(),
            "WrongShape",
            "unknown field `extra`",
        ),
        (
            one(&format!("{ok},\"colour\":\"red\"")),
            "WrongShape",
            "note 1: unknown field `colour`",
        ),
        (
            one(r#""id":"a","doc":"001","passage":"p1","created_ms":1,"updated_ms":2"#),
            "WrongShape",
            "note 1: missing field `text`",
        ),
        (
            one(r#""id":"a","doc":"001","passage":"p1","text":"t","created_ms":-1,"updated_ms":2"#),
            "WrongShape",
            "note 1: invalid value",
        ),
        (
            one(
                r#""id":"a","doc":"001","passage":"p1","text":"t","created_ms":1.7e12,"updated_ms":2"#,
            ),
            "WrongShape",
            "note 1: invalid type",
        ),
        (
            one(r#""id":"a","doc":"001","passage":"p1","text":7,"created_ms":1,"updated_ms":2"#),
            "WrongShape",
            "note 1: invalid type",
        ),
        (
            one(
                r#""id":"a b","doc":"001","passage":"p1","text":"t","created_ms":1,"updated_ms":2"#,
            ),
            "BadId",
            "invalid id “a b”",
        ),
        (
            one(
                r#""id":"a","doc":"<script>","passage":"p1","text":"t","created_ms":1,"updated_ms":2"#,
            ),
            "BadId",
            "invalid source",
        ),
        (
            one(r#""id":"a","doc":"001","passage":"","text":"t","created_ms":1,"updated_ms":2"#),
            "BadId",
            "invalid passage",
        ),
        (
            one(&format!(
                r#""id":"a","doc":"001","passage":"p1","text":"{long}","created_ms":1,"updated_ms":2"#
            )),
            "TextTooLong",
            "at most 2000",
        ),
        (many, "TooManyNotes", "at most 1000"),
        (" ".repeat(MAX_INPUT_BYTES + 1), "TooLarge", "at most 16 MB"),
        // A newer format is named as such whatever else the file holds.
        (
            r#"{"format":2,"notes":[]}"#.into(),
            "NewerFormat",
            "made by a newer Parallax (format 2)",
        ),
        (
            r#"{"format":7,"notes":"?","pages":[1]}"#.into(),
            "NewerFormat",
            "made by a newer Parallax (format 7)",
        ),
        (
            r#"{"format":18446744073709551615}"#.into(),
            "NewerFormat",
            "(format 18446744073709551615)",
        ),
    ];
    assert!(cases.len() >= 25);
    for (input, kind, says) in cases {
        let shown: String = input.chars().take(60).collect();
        let err = from_json(&input).expect_err(&shown);
        let msg = err.to_string();
        assert!(format!("{err:?}").starts_with(kind), "{shown}: {err:?}");
        assert!(msg.contains(says), "{shown}: {msg}");
        assert!(msg.ends_with('.') && msg.len() < 400, "{msg}");
    }
}

/// Two notes under one id in a file (joined by hand) are both kept.
#[test]
fn json_with_a_repeated_id_keeps_both() {
    let nb = book(vec![
        note("a", "001", "p1", "one", 1, 1),
        note("a", "001", "p1", "two", 1, 1),
        note("a", "001", "p1", "one", 1, 1),
    ]);
    let back = from_json(&to_json(&nb)).unwrap();
    let ids: Vec<&str> = back.notes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["a", "a-2"]);
}

#[test]
fn markdown_is_readable_and_links_back() {
    let c = small();
    let nb = book(vec![
        note(
            "n2",
            "d0",
            "p2",
            "Later note",
            1_700_000_100_000,
            1_700_000_100_000,
        ),
        note(
            "n1",
            "d0",
            "p1",
            "# Not a heading\n\n<script>alert(1)</script> & [x](javascript:y)\n===\n    indented",
            1_700_000_000_000,
            1_700_086_400_000,
        ),
        note("n3", "zz", "p9", "On an imported document", 5, 5),
        note("n4", "d1", "p7", "Passage gone", 6, 6),
    ]);
    let md = to_markdown(&nb, &c, AT);
    assert_eq!(
        md,
        r"# Notes on Generated

<!-- parallax-notes format=1 -->

4 notes on 4 passages, written in Parallax. Parallax can import this file again: keep the lines between `<!--` and `-->` as they are.

## Document 0

Source d0.

### [Passage p1](<https://example.org/parallax/#/read/d0/p1?v=0123456789ab>)

> Iran and Russia signed a treaty in Moscow on a cold January morning after long talks between the two delegations about trade\.

*Note, written 2023-11-14 22:13 UTC, edited 2023-11-15 22:13 UTC:*

<!-- parallax-note id=n1 doc=d0 passage=p1 created=1700000000000 updated=1700086400000 -->

\# Not a heading

\<script\>alert\(1\)\</script\> \& \[x\]\(javascript:y\)\
\=\=\=\
&#32;&#32;&#32;&#32;indented

<!-- /parallax-note -->

### [Passage p2](<https://example.org/parallax/#/read/d0/p2?v=0123456789ab>)

> Second passage\.

*Note, written 2023-11-14 22:15 UTC:*

<!-- parallax-note id=n2 doc=d0 passage=p2 created=1700000100000 updated=1700000100000 -->

Later note

<!-- /parallax-note -->

## Document 1

Source d1.

### Passage p7 (not in this corpus)

*Note, written 1970-01-01 00:00 UTC:*

<!-- parallax-note id=n4 doc=d1 passage=p7 created=6 updated=6 -->

Passage gone

<!-- /parallax-note -->

## Source zz (not in this corpus)

### Passage p9 (not in this corpus)

*Note, written 1970-01-01 00:00 UTC:*

<!-- parallax-note id=n3 doc=zz passage=p9 created=5 updated=5 -->

On an imported document

<!-- /parallax-note -->

"
    );
    let mut back = from_markdown(&md).unwrap();
    let mut want = from_json(&to_json(&nb)).unwrap().notes;
    back.sort_by(|a, b| a.id.cmp(&b.id));
    want.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(back, want);
}

/// On the real corpus: titles and first words of the passage, and links that keep the reader's
/// own themes.
#[test]
fn markdown_on_the_real_corpus() {
    let c = real();
    let doc = &c.documents[1];
    let custom = [CustomTheme {
        label: "Grain".into(),
        terms: vec!["wheat".into()],
    }];
    let at = LinkBase {
        custom: &custom,
        edits: &parallax_core::state::NO_THEME_CHANGES,
        ..AT
    };
    let nb = book(vec![note("n1", &doc.id, "p2", "See the figures.", 0, 0)]);
    let md = to_markdown(&nb, c, at);
    assert!(
        md.contains(&format!("## {}\n", parallax_core_md(&doc.title))),
        "{md}"
    );
    assert!(md.contains(&format!(
        "### [Passage p2](<https://example.org/parallax/#/read/{}/p2?custom=Grain:wheat&v=0123456789ab>)",
        doc.id
    )));
    let first: Vec<&str> = doc
        .passage("p2")
        .unwrap()
        .text
        .split_whitespace()
        .take(3)
        .collect();
    let quote = md.lines().find(|l| l.starts_with("> ")).unwrap();
    assert!(
        quote.starts_with(&format!("> {}", parallax_core_md(&first.join(" ")))),
        "{quote}"
    );
    assert_eq!(from_markdown(&md).unwrap(), nb.notes);
}

/// The Markdown escaping the export uses, for building expected lines.
fn parallax_core_md(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let esc = "\\`*_{}[]()<>#+-.!|~".contains(c);
            esc.then_some('\\').into_iter().chain([c])
        })
        .collect()
}

/// A file opened and saved by another editor, or edited by hand, still reads.
#[test]
fn hand_edited_markdown_reads() {
    let md = "\u{feff}Some words of my own.\r\n\r\n<!-- parallax-notes format=1 -->\r\n\r\n<!-- parallax-note id=n1 doc=001 passage=p4 created=1 updated=2 -->\r\n   Edited *text* with a hard break  \r\n  and \\[brackets\\] &amp; &#x41;\\\r\nend\r\n<!-- /parallax-note -->\r\n";
    assert_eq!(
        from_markdown(md),
        Ok(vec![note(
            "n1",
            "001",
            "p4",
            "Edited *text* with a hard break\nand [brackets] & A\nend",
            1,
            2
        )])
    );
    assert_eq!(
        from_markdown("<!-- parallax-notes format=1 -->"),
        Ok(vec![])
    );
}

#[test]
fn bad_markdown_says_where() {
    let head = "<!-- parallax-notes format=1 -->\n";
    let open = "<!-- parallax-note id=n1 doc=001 passage=p4 created=1 updated=2 -->";
    let end = "<!-- /parallax-note -->";
    let long = "x".repeat(MAX_TEXT_CHARS + 1);
    let cases: Vec<(String, &str, &str)> = vec![
        ("".into(), "NotNotes", "holds no Parallax notes"),
        ("# My notes\n\nJust text.".into(), "NotNotes", "holds no Parallax notes"),
        (format!("{open}\ntext\n{end}"), "NotNotes", "holds no Parallax notes"),
        ("<!-- parallax-notes format=2 -->".into(), "NewerFormat", "made by a newer Parallax (format 2)"),
        ("<!-- parallax-notes format=one -->".into(), "BadMarkdown", "Line 1 of the Markdown: the format"),
        ("<!-- parallax-notes format=0 -->".into(), "BadMarkdown", "no format 0"),
        (format!("{head}{open}\ntext"), "BadMarkdown", "Line 2 of the Markdown: this note has no end marker"),
        (format!("{head}{open}\n{open}\n{end}"), "BadMarkdown", "Line 2 of the Markdown: this note has no end marker"),
        (format!("{head}\n{end}"), "BadMarkdown", "Line 3 of the Markdown: an end marker without a note"),
        (format!("{head}<!-- parallax-note id=n1 doc=001 passage=p4 created=1 updated=2\n{end}"), "BadMarkdown", "does not end with"),
        (format!("{head}<!-- parallax-note id=n1 doc=001 passage=p4 created=1 -->\n{end}"), "BadMarkdown", "has no “updated”"),
        (format!("{head}<!-- parallax-note id=n1 id=n2 doc=001 passage=p4 created=1 updated=2 -->\n{end}"), "BadMarkdown", "“id” twice"),
        (format!("{head}<!-- parallax-note id=n1 doc=001 passage=p4 created=1 updated=2 colour=red -->\n{end}"), "BadMarkdown", "unknown field “colour”"),
        (format!("{head}<!-- parallax-note id=n1 doc=001 passage=p4 created=yesterday updated=2 -->\n{end}"), "BadMarkdown", "“created” in the note marker is not a time"),
        (format!("{head}<!-- parallax-note id=n1 doc=001 passage=p4 created=1 updated=2 stray -->\n{end}"), "BadMarkdown", "not “name=value”"),
        (format!("{head}<!-- parallax-note id=<b> doc=001 passage=p4 created=1 updated=2 -->\n{end}"), "BadId", "invalid id “<b>”"),
        (format!("{head}{open}\n{long}\n{end}"), "TextTooLong", "Note n1 has 2001 characters"),
        (format!("{head}{}", format!("{open}\nx\n{end}\n").repeat(MAX_NOTES + 1)), "TooManyNotes", "That makes 1001 notes; at most 1000"),
        (" ".repeat(MAX_INPUT_BYTES + 1), "TooLarge", "at most 16 MB"),
    ];
    // Exactly MAX_INPUT_BYTES is read.
    let one = format!("{head}{open}\nx\n{end}\n");
    let padded = format!("{one}{}", " ".repeat(MAX_INPUT_BYTES - one.len()));
    assert_eq!(from_markdown(&padded).unwrap().len(), 1);
    for (input, kind, says) in cases {
        let shown: String = input.chars().take(60).collect();
        let err = from_markdown(&input).expect_err(&shown);
        let msg = err.to_string();
        assert!(format!("{err:?}").starts_with(kind), "{shown}: {err:?}");
        assert!(msg.contains(says), "{shown}: {msg}");
        assert!(msg.ends_with('.') && msg.len() < 400, "{msg}");
    }
}

#[test]
fn merge_keeps_every_note() {
    let c = small();
    let current = book(vec![
        note("a", "d0", "p1", "stored", 1, 10),
        note("b", "d0", "p2", "stored newer", 2, 30),
        note("c", "d1", "p1", "same", 3, 3),
        note("d", "d0", "p1", "one version", 4, 40),
        note("e", "d0", "p1", "mine", 5, 5),
    ]);
    let imported = vec![
        note("a", "d0", "p1", "edited elsewhere", 1, 20), // newer: replaces
        note("b", "d0", "p2", "older copy", 2, 25),       // older: stored one stays
        note("c", "d1", "p1", "same", 3, 3),              // identical
        note("d", "d0", "p1", "another version", 4, 40),  // same time, other text: both
        note("e", "d1", "p1", "someone else's", 9, 9),    // same id, another note: both
        note("f", "zz", "p1", "imported doc", 6, 6),      // new, passage not in the corpus
        note("g", "d0", "p1", "  new\r\n", 7, 7),         // new, cleaned
    ];
    let (merged, report) = merge(&current, imported.clone(), &c).unwrap();
    assert_eq!(
        report,
        MergeReport {
            added: 4,
            updated: 1,
            unchanged: 2,
            kept_both: 2,
            unknown_passage: 1,
        }
    );
    let texts: Vec<(&str, &str)> = merged
        .notes
        .iter()
        .map(|n| (n.id.as_str(), n.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            ("a", "edited elsewhere"),
            ("b", "stored newer"),
            ("c", "same"),
            ("d", "one version"),
            ("e", "mine"),
            ("d-2", "another version"),
            ("e-2", "someone else's"),
            ("f", "imported doc"),
            ("g", "new"),
        ]
    );
    // Importing again changes nothing.
    let (again, report) = merge(&merged, imported, &c).unwrap();
    assert_eq!(again, merged);
    assert_eq!((report.added, report.updated, report.unchanged), (0, 0, 7));
    // All or nothing.
    let bad = vec![
        note("h", "d0", "p1", "fine", 1, 1),
        note("x y", "d0", "p1", "", 1, 1),
    ];
    assert!(matches!(
        merge(&current, bad, &c),
        Err(NotesError::BadId { .. })
    ));
    let many: Vec<Note> = (0..MAX_NOTES)
        .map(|i| note(&format!("m{i}"), "d0", "p1", "x", 1, 1))
        .collect();
    assert_eq!(
        merge(&current, many.clone(), &c),
        Err(NotesError::TooManyNotes(MAX_NOTES + 5))
    );
    // Exactly MAX_NOTES in all is allowed.
    let (full, _) = merge(&current, many[5..].to_vec(), &c).unwrap();
    assert_eq!(full.notes.len(), MAX_NOTES);
}

#[test]
fn add_edit_remove() {
    let mut nb = Notebook::default();
    let id = nb
        .add("d0", "p1", "  first\r\n", 1_000, 42)
        .unwrap()
        .id
        .clone();
    assert_eq!(id, "n-3e8-0000002a");
    let same_moment = nb.add("d0", "p1", "second", 1_000, 42).unwrap();
    assert_eq!(same_moment.id, "n-3e8-0000002a-2");
    assert_eq!(
        nb.add("d0", "p1", " \n\t", 1, 1),
        Err(NotesError::EmptyText)
    );
    assert!(matches!(
        nb.add("d0", "<p1>", "x", 1, 1),
        Err(NotesError::BadId {
            field: "passage",
            ..
        })
    ));
    assert!(matches!(
        nb.add("d0", "p1", &"x".repeat(MAX_TEXT_CHARS + 1), 1, 1),
        Err(NotesError::TextTooLong { .. })
    ));
    assert_eq!(nb.get(&id).unwrap().text, "first");

    // An edit always moves the time on, even with a clock gone back.
    let n = nb.edit(&id, "first, edited", 500).unwrap();
    assert_eq!((n.created_ms, n.updated_ms), (1_000, 1_001));
    let n = nb.edit(&id, "first, edited", 9_000).unwrap();
    assert_eq!(n.updated_ms, 1_001, "the same text changes nothing");
    assert_eq!(nb.edit(&id, "", 9_000), Err(NotesError::EmptyText));
    assert_eq!(
        nb.edit("nope", "x", 1),
        Err(NotesError::NoSuchNote("nope".into()))
    );
    // An id in a message is cut at 40 characters it can show, with "…" only when there was more;
    // control characters are left out and not counted.
    let long = format!("{}\u{7}x", "n".repeat(39));
    assert_eq!(
        nb.edit(&long, "x", 1),
        Err(NotesError::NoSuchNote(format!("{}x", "n".repeat(39))))
    );
    let longer = format!("{}\u{7}xy", "n".repeat(39));
    assert_eq!(
        nb.edit(&longer, "x", 1),
        Err(NotesError::NoSuchNote(format!("{}x…", "n".repeat(39))))
    );
    let texts: Vec<&str> = nb
        .on_passage("d0", "p1")
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(texts, ["first, edited", "second"]);

    let removed = nb.remove(&id).unwrap();
    assert_eq!(removed.text, "first, edited");
    assert_eq!(nb.remove(&id), None);
    assert_eq!(nb.notes.len(), 1);
    let full = book(
        (0..MAX_NOTES)
            .map(|i| note(&format!("m{i}"), "d0", "p1", "x", 1, 1))
            .collect(),
    );
    assert_eq!(
        full.clone().add("d0", "p1", "one more", 2, 2).unwrap_err(),
        NotesError::TooManyNotes(MAX_NOTES + 1),
        "the count a note more would make"
    );
    // An edit may bring a note to exactly MAX_TEXT_CHARS, not one more.
    let mut nb = book(vec![note("e1", "d0", "p1", "x", 1, 1)]);
    let at_limit = "y".repeat(MAX_TEXT_CHARS);
    assert_eq!(nb.edit("e1", &at_limit, 2).unwrap().text, at_limit);
    assert_eq!(
        nb.edit("e1", &"z".repeat(MAX_TEXT_CHARS + 1), 3),
        Err(NotesError::TextTooLong {
            id: "e1".into(),
            chars: MAX_TEXT_CHARS + 1
        })
    );
}

/// A file of exactly MAX_INPUT_BYTES is read; a message from the JSON reader is cut at 120
/// characters, with "…" only when it was longer.
#[test]
fn json_at_the_size_limit_and_long_messages() {
    let json = to_json(&book(vec![note("m1", "d0", "p1", "x", 1, 1)]));
    let padded = format!("{json}{}", " ".repeat(MAX_INPUT_BYTES - json.len()));
    assert_eq!(padded.len(), MAX_INPUT_BYTES);
    assert_eq!(from_json(&padded).unwrap().notes.len(), 1);

    // An unknown field whose name grows by one character at a time: the reader's message grows
    // with it, so one of them is exactly 120 characters, shown whole.
    let said: Vec<String> = (0..160)
        .map(|n| {
            let json = format!(
                r#"{{"format":1,"notes":[{{"id":"m1","{}":1}}]}}"#,
                "k".repeat(n)
            );
            match from_json(&json) {
                Err(NotesError::WrongShape(why)) => why
                    .strip_prefix("note 1: ")
                    .unwrap_or_else(|| panic!("{why}"))
                    .to_owned(),
                other => panic!("{other:?}"),
            }
        })
        .collect();
    assert!(
        said[0].chars().count() < 100 && !said[0].ends_with('…'),
        "{}",
        said[0]
    );
    assert!(
        said.iter()
            .any(|m| m.chars().count() == 120 && !m.ends_with('…')),
        "no message of exactly 120 characters shown whole"
    );
    let cut = said.last().unwrap();
    assert!(cut.ends_with('…') && cut.chars().count() == 121, "{cut}");
}

/// At the limits, both forms still read back.
#[test]
fn a_full_notebook_reads_back() {
    // Blank lines of spaces take the most room in Markdown (`&#32;` each).
    let text = format!("x\n{}\ny", " ".repeat(MAX_TEXT_CHARS - 4));
    let nb = from_json(&to_json(&book(
        (0..MAX_NOTES)
            .map(|i| note(&format!("m{i}"), "d0", "p1", &text, 1, 1))
            .collect(),
    )))
    .unwrap();
    assert_eq!(nb.notes.len(), MAX_NOTES);
    let md = to_markdown(&nb, &small(), AT);
    assert!(md.len() < MAX_INPUT_BYTES, "{}", md.len());
    let mut back = from_markdown(&md).unwrap();
    back.sort_by(|a, b| a.id.cmp(&b.id));
    let mut want = nb.notes;
    want.sort_by(|a, b| a.id.cmp(&b.id));
    assert!(back == want);
}

/// Note text: anything a reader may type or paste, Markdown and HTML included.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "\\PC{1,6}",
        2 => prop::sample::select(vec![
            " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "\\", "\\\\", "&", "&amp;", "&#32;", "=",
            "===", "---", "#", "> ", "1. ", "- ", "* ", "`", "```", "~~~", "<b>", "<!--", "-->",
            "<!-- /parallax-note -->", "<!-- parallax-notes format=9 -->", "|", "[x](y)", "_",
            "\u{202e}", "\u{200d}", "\u{0}", "\u{feff}", "    ", "\u{a0}", "\u{2028}",
        ]).prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

fn any_note() -> impl Strategy<Value = Note> {
    (
        "[a-z0-9_-]{1,12}",
        prop::sample::select(vec!["d0", "d1", "zz"]),
        prop::sample::select(vec!["p1", "p2", "p9"]),
        text(),
        any::<u64>(),
        any::<u64>(),
    )
        .prop_map(|(id, doc, passage, text, created, updated)| {
            note(&id, doc, passage, &text, created, updated)
        })
}

/// Notes whose ids often meet: the same few ids, times and texts.
fn clashing_note() -> impl Strategy<Value = Note> {
    (
        prop::sample::select(vec!["a", "b", "c"]),
        prop::sample::select(vec!["d0", "zz"]),
        prop::sample::select(vec!["one", "two", "three"]),
        0u64..3,
        0u64..3,
    )
        .prop_map(|(id, doc, text, created, updated)| note(id, doc, "p1", text, created, updated))
}

/// Whether `n` is in `book`: itself under any id, or a newer version of the same note.
fn kept(book: &Notebook, n: &Note) -> bool {
    book.notes.iter().any(|m| {
        (&m.doc, &m.passage, &m.text, m.created_ms, m.updated_ms)
            == (&n.doc, &n.passage, &n.text, n.created_ms, n.updated_ms)
            || (m.id == n.id
                && m.doc == n.doc
                && m.passage == n.passage
                && m.created_ms == n.created_ms
                && m.updated_ms > n.updated_ms)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Markdown and JSON both read back exactly what was stored.
    #[test]
    fn markdown_and_json_round_trip(notes in prop::collection::vec(any_note(), 0..8)) {
        let (nb, _) = merge(&Notebook::default(), notes, &small()).unwrap();
        prop_assert_eq!(from_json(&to_json(&nb)).unwrap(), nb.clone());
        let md = to_markdown(&nb, &small(), AT);
        let mut back = from_markdown(&md).unwrap();
        let mut want = nb.notes.clone();
        back.sort_by(|a, b| a.id.cmp(&b.id));
        want.sort_by(|a, b| a.id.cmp(&b.id));
        prop_assert_eq!(back, want);
        // Text never opens a block of its own: every line between the markers is plain.
        let mut inside = false;
        for line in md.lines() {
            if line.starts_with("<!-- parallax-note ") { inside = true; continue }
            if line == "<!-- /parallax-note -->" { inside = false; continue }
            if inside && !line.is_empty() {
                let first = line.chars().next().unwrap();
                prop_assert!(!" \t#>-+*=|`~<".contains(first) || line.starts_with("\\"), "{:?}", line);
            }
        }
    }

    /// Any string is read as notes or refused with an error, never a panic.
    #[test]
    fn reading_is_total(s in "\\PC{0,300}", n in any_note()) {
        let _ = from_json(&s);
        let _ = from_markdown(&s);
        let md = to_markdown(&book(vec![n]), &small(), AT);
        let cut = &md[..md.char_indices().nth(md.chars().count() / 2).map_or(0, |(i, _)| i)];
        let _ = from_markdown(cut);
        let _ = from_json(&format!("{{\"format\":1,\"notes\":[{s}]}}"));
    }

    /// Importing never loses a stored note or an imported one, and a second import of the same
    /// notes changes nothing.
    #[test]
    fn merge_loses_nothing(
        stored in prop::collection::vec(clashing_note(), 0..6),
        imported in prop::collection::vec(clashing_note(), 0..6),
    ) {
        let c = small();
        let (current, _) = merge(&Notebook::default(), stored, &c).unwrap();
        let (merged, report) = merge(&current, imported.clone(), &c).unwrap();
        for n in current.notes.iter().chain(&imported) {
            prop_assert!(kept(&merged, n), "{:?} lost from {:?}", n, merged);
        }
        prop_assert_eq!(report.added + report.updated + report.unchanged, imported.len());
        prop_assert_eq!(merged.notes.len(), current.notes.len() + report.added);
        let mut ids: Vec<&str> = merged.notes.iter().map(|n| n.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(ids.len(), merged.notes.len(), "ids stay unique");
        let (again, report) = merge(&merged, imported, &c).unwrap();
        prop_assert_eq!(&again, &merged);
        prop_assert_eq!(report.added + report.updated, 0);
    }
}

/// Two tabs: each changes its copy of what it last read, and the second to write puts its
/// changes onto what the first wrote; nothing either wrote is lost, deletions stay deleted.
#[test]
fn rebase_keeps_what_another_tab_wrote() {
    use parallax_core::notes::rebase;
    let a = note("n1", "002", "p3", "first", 10, 10);
    let b = note("n2", "002", "p4", "second", 20, 20);
    let base = book(vec![a.clone(), b.clone()]);
    // Tab one adds n3 and writes; tab two, still on `base`, adds n4.
    let n3 = note("n3", "004", "p1", "from tab one", 30, 30);
    let stored = book(vec![a.clone(), b.clone(), n3.clone()]);
    let n4 = note("n4", "004", "p2", "from tab two", 31, 31);
    let mine = book(vec![a.clone(), b.clone(), n4.clone()]);
    let out = rebase(&base, &mine, &stored);
    let ids: Vec<&str> = out.notes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["n1", "n2", "n3", "n4"]);

    // Tab two deletes n1 and edits n2, while tab one edited n1 meanwhile: the edit elsewhere
    // keeps n1 (a later version than the one deleted here); n2 takes tab two's text.
    let a_edited = note("n1", "002", "p3", "first, edited in tab one", 10, 40);
    let stored = book(vec![a_edited.clone(), b.clone()]);
    let b_edited = note("n2", "002", "p4", "second, edited in tab two", 20, 41);
    let mine = book(vec![b_edited.clone()]);
    let out = rebase(&base, &mine, &stored);
    assert_eq!(out.notes, vec![a_edited.clone(), b_edited.clone()]);

    // A deletion of a note nobody else touched stays a deletion.
    let out = rebase(&base, &book(vec![b.clone()]), &base);
    assert_eq!(out.notes, vec![b.clone()]);

    // Both tabs made a note with the same id (ids are random, but may meet): both kept.
    let clash_one = note("n9", "002", "p1", "tab one", 50, 50);
    let clash_two = note("n9", "002", "p1", "tab two", 51, 51);
    let out = rebase(
        &base,
        &book(vec![a.clone(), b.clone(), clash_two.clone()]),
        &book(vec![a.clone(), b.clone(), clash_one.clone()]),
    );
    let texts: Vec<&str> = out.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["first", "second", "tab one", "tab two"]);
    assert_eq!(out.notes[3].id, "n9-2");

    // Nothing changed here: what is stored wins as it is.
    assert_eq!(rebase(&base, &base, &stored), stored);
}
