//! The lesson draft of the "Make a lesson" panel: it holds no more than a lesson link can carry,
//! typed text passes the link parser's own cleaning and lengths as it enters, a stored draft is
//! read within the same limits (whatever was done to it), two tabs' drafts merge.

mod common;

use common::known;
use parallax_core::draft::{
    from_json, merge, refuse_step, to_json, typed_note, typed_title, Draft, DraftError,
    MAX_DRAFT_BYTES,
};
use parallax_core::state::{
    lesson, limit_text, parse, print, step_link, CustomTheme, Explore, Lesson, Notice, Read, State,
    Step, StepProblem, View, MAX_STEPS, MAX_STEP_LINK, MAX_STEP_NOTE_CHARS, MAX_TITLE_CHARS,
};

fn state(view: View) -> State {
    State {
        view,
        custom: Vec::new(),
        edits: Default::default(),
    }
}

fn explore(query: &str) -> State {
    state(View::Explore(Explore {
        query: query.into(),
        ..Explore::default()
    }))
}

fn read(doc: &str, passage: &str) -> State {
    state(View::Read(Read {
        doc: doc.into(),
        passage: Some(passage.into()),
        show_removed: false,
    }))
}

/// Direction overrides and isolates, the characters a title must never carry.
fn has_override(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c as u32, 0x202A..=0x202E | 0x2066..=0x2069))
}

/// A draft as this version writes it reads back the same, without notices.
#[test]
fn a_lesson_draft_reads_back_from_storage() {
    let d = Draft {
        title: "Two sides & <b>one</b> treaty".into(),
        steps: vec![
            Step::new(
                explore("drones \"iran\" -israel"),
                "Who says what? 100% & more",
            ),
            Step::new(read("002", "p4"), "n".repeat(MAX_STEP_NOTE_CHARS)),
            Step {
                label: "The map & its \"key\"".into(),
                question: "Which theme?\nWhich source?".into(),
                answer: "Military.\n\nAll of them.".into(),
                ..Step::new(state(View::Map), "Two\nlines")
            },
        ],
        note: "half-typed\nnote ".into(),
    };
    let json = to_json(&d);
    assert_eq!(from_json(&json, known()), Ok((d.clone(), vec![])));
    assert!(!d.is_empty() && Draft::default().is_empty());
    // Names, questions and answers are written only where a step has them.
    assert!(json.starts_with("{\"format\":2,"), "{json}");
    assert_eq!(json.matches("\"label\"").count(), 1, "{json}");

    // A step on a document this copy does not have (one she removed, say) is kept whole, as
    // the lesson keeps it: it opens with its note, and is written back as it was.
    let away = json.replace("/read/002/p4", "/read/own7/p1");
    let (back, notices) = from_json(&away, known()).unwrap();
    assert_eq!(notices, vec![]);
    assert_eq!(back.steps.len(), 3);
    assert!(
        matches!(&back.steps[1].state.view, View::Missing(m) if m.docs == ["own7"]),
        "{:?}",
        back.steps[1].state.view
    );
    assert_eq!(back.steps[1].note, d.steps[1].note);
    assert_eq!(to_json(&back), away);

    // A passage its source does not have opens nothing: that step is left out, and said.
    let gone = json.replace("/read/002/p4", "/read/002/p999");
    let (back, notices) = from_json(&gone, known()).unwrap();
    assert_eq!(back.steps.len(), 2);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0]
            .to_string()
            .starts_with("Step 2 of the lesson was left out."),
        "{}",
        notices[0]
    );

    let newer = json.replace("\"format\":2", "\"format\":7");
    assert_eq!(from_json(&newer, known()), Err(DraftError::NewerFormat(7)));
    for bad in [
        "",
        "{",
        "[]",
        "{\"format\":1}",
        "{\"format\":0,\"title\":\"\",\"note\":\"\",\"steps\":[]}",
    ] {
        let e = from_json(bad, known()).unwrap_err();
        assert!(matches!(e, DraftError::Unreadable(_)), "{bad}: {e:?}");
    }
    let extra = json.replacen('{', "{\"evil\":1,", 1);
    assert!(from_json(&extra, known()).is_err());
}

/// The one cleaning of the link parser: what it removes, where it cuts, and that it does not
/// trim (typing goes on after a space) and gives the same text again.
#[test]
fn limit_text_removes_what_a_link_never_carries_and_counts_characters() {
    let hidden: String = [
        0x00, 0x09, 0x0A, 0x1B, 0x7F, 0x85, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B,
        0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF,
    ]
    .into_iter()
    .filter_map(char::from_u32)
    .collect();
    let typed = format!("A{hidden}b ");
    assert_eq!(limit_text(&typed, 10), ("Ab ".to_owned(), false));
    // Characters, not bytes, and only what is left after the removal counts.
    let (text, cut) = limit_text(&format!("é{hidden}ü😀x"), 3);
    assert_eq!((text.as_str(), cut), ("éü😀", true));
    assert_eq!(limit_text("abc", 3), ("abc".to_owned(), false));
    for s in [typed.as_str(), "  two  words ", "\u{202E}gnp.exe"] {
        let once = limit_text(s, 5).0;
        assert_eq!(limit_text(&once, 5), (once.clone(), false));
    }
}

/// A title or note typed into the draft keeps what a parsed lesson link keeps of it, says when
/// it was cut or cleaned, and then passes the link without another notice.
#[test]
fn typed_titles_and_notes_pass_the_link_limits_as_they_enter() {
    let long = format!("\u{202E}{}", "Sanctions and drones over time. ".repeat(10));
    let title = typed_title(&long);
    assert_eq!(title.text.chars().count(), MAX_TITLE_CHARS);
    assert!(!has_override(&title.text));
    assert_eq!(
        title.said.as_deref(),
        Some("Cut to 80 characters: a lesson link cannot carry more.")
    );
    let note = typed_note(&"n".repeat(MAX_STEP_NOTE_CHARS + 1));
    assert_eq!(note.text.len(), MAX_STEP_NOTE_CHARS);
    assert_eq!(
        note.said.as_deref(),
        Some("Cut to 600 characters: a lesson link cannot carry more.")
    );
    let flipped = typed_note("look \u{2066}here\u{2069}");
    assert_eq!(flipped.text, "look here");
    assert!(flipped.said.unwrap().contains("taken out"));
    // Plain typing: as it is, spaces at the end included, nothing said.
    assert_eq!(typed_title("Two views ").text, "Two views ");
    assert_eq!(typed_title("Two views ").said, None);
    assert_eq!(typed_note(&"x".repeat(MAX_STEP_NOTE_CHARS)).said, None);

    // The same text through the lesson link: no cut, no override, the title typed (trimmed).
    let (made, notices) = lesson(
        &title.text,
        vec![Step::new(state(View::Map), note.text.clone())],
    );
    assert_eq!(notices, vec![]);
    let link = print(&made.unwrap(), "0123456789ab");
    let (back, notices) = parse(&link, known());
    assert_eq!(notices, vec![]);
    let View::Lesson(Lesson {
        title: t, steps, ..
    }) = back.view
    else {
        panic!("not a lesson: {link}");
    };
    assert_eq!(t, title.text.trim());
    assert_eq!(steps[0].note, note.text);
    // And the parser cuts a link's title exactly where typing cuts it.
    let (hostile, notices) = parse(
        &format!("#/lesson?title={}&step=/map", draft_encode(&long)),
        known(),
    );
    assert!(notices.contains(&Notice::TitleCut), "{notices:?}");
    let View::Lesson(l) = hostile.view else {
        panic!("not a lesson");
    };
    assert_eq!(l.title, title.text.trim());
}

/// Percent-encodes everything but ASCII letters and digits, as a hand-made link might.
fn draft_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A tampered stored draft: read within the link's limits, each cut said, and what is read
/// writes back within `MAX_DRAFT_BYTES` and reads again without notices.
#[test]
fn a_tampered_draft_is_read_within_the_limits_of_a_link() {
    let long_link = format!("/explore?q={}", "a".repeat(MAX_STEP_LINK));
    let mut steps: Vec<String> = (0..MAX_STEPS + 10)
        .map(|i| {
            format!(
                r#"{{"link":"/map","note":"step {i} \u202e{}"}}"#,
                "n".repeat(MAX_STEP_NOTE_CHARS)
            )
        })
        .collect();
    steps[2] = format!(r#"{{"link":"{long_link}","note":""}}"#);
    let json = format!(
        r#"{{"format":1,"title":"\u202e{}","note":"{}","steps":[{}]}}"#,
        "T".repeat(1000),
        "x".repeat(1000),
        steps.join(",")
    );
    let (d, notices) = from_json(&json, known()).unwrap();
    assert_eq!(d.title, "T".repeat(MAX_TITLE_CHARS));
    assert_eq!(d.note.chars().count(), MAX_STEP_NOTE_CHARS);
    assert_eq!(
        d.steps.len(),
        MAX_STEPS - 1,
        "the first {MAX_STEPS} read, one too long"
    );
    for Step { note, .. } in &d.steps {
        assert!(note.chars().count() <= MAX_STEP_NOTE_CHARS && !has_override(note));
    }
    for n in [
        Notice::TitleCut,
        Notice::TooManySteps,
        Notice::NextNoteCut,
        Notice::NoteCut { step: 1 },
        Notice::StepLeftOut {
            step: 3,
            why: StepProblem::TooLong,
        },
    ] {
        assert!(notices.contains(&n), "{n:?} not in {notices:?}");
    }
    assert!(!notices.contains(&Notice::NoteCut {
        step: MAX_STEPS + 1
    }));
    let again = to_json(&d);
    assert!(again.len() <= MAX_DRAFT_BYTES);
    assert_eq!(from_json(&again, known()), Ok((d, vec![])));

    // Past the byte limit: refused whole, before it is parsed; the app keeps it aside.
    let huge = format!(
        r#"{{"format":1,"title":"","note":"","steps":[{}]}}"#,
        vec![r#"{"link":"/","note":""}"#; 200_000].join(",")
    );
    assert!(huge.len() > 4_000_000);
    assert_eq!(
        from_json(&huge, known()),
        Err(DraftError::TooLarge(huge.len()))
    );
    assert!(DraftError::TooLarge(huge.len())
        .to_string()
        .starts_with("it is larger than a lesson draft can be"));
}

/// The largest draft the panel can make (every limit reached, in characters that JSON writes in
/// 4 bytes, as many as any character takes: a quote or a line break takes 2) is read back whole: the byte limit refuses only what this version never writes.
#[test]
fn the_largest_draft_fits_the_byte_limit() {
    let emoji = |n: usize| "😀".repeat(n);
    // A search of 256 emoji and a reader's theme: a canonical link close to `MAX_STEP_LINK`.
    let mut big = explore(&emoji(256));
    big.custom.push(CustomTheme {
        label: emoji(20),
        terms: (0..16).map(|i| format!("{i:x>40}")).collect(),
    });
    let link = step_link(&big).len();
    assert!(
        (MAX_STEP_LINK - 200..=MAX_STEP_LINK).contains(&link),
        "{link} bytes: not near the limit"
    );
    assert_eq!(refuse_step(0, &big), None);
    use parallax_core::state::{MAX_ANSWER_CHARS, MAX_QUESTION_CHARS, MAX_STEP_LABEL_CHARS};
    let step = Step {
        label: emoji(MAX_STEP_LABEL_CHARS),
        question: emoji(MAX_QUESTION_CHARS),
        answer: emoji(MAX_ANSWER_CHARS),
        ..Step::new(big, emoji(MAX_STEP_NOTE_CHARS))
    };
    let d = Draft {
        title: emoji(MAX_TITLE_CHARS),
        steps: vec![step; MAX_STEPS],
        note: emoji(MAX_STEP_NOTE_CHARS),
    };
    let json = to_json(&d);
    assert!(
        json.len() <= MAX_DRAFT_BYTES,
        "{} bytes over {MAX_DRAFT_BYTES}",
        json.len()
    );
    // Not much over it either: the limit refuses what no draft of this version reaches.
    assert!(json.len() > MAX_DRAFT_BYTES * 3 / 4, "{} bytes", json.len());
    assert_eq!(from_json(&json, known()), Ok((d, vec![])));
}

/// What the panel refuses to add, and says why: a step past `MAX_STEPS`, a lesson, a view
/// whose link is longer than a lesson step may be.
#[test]
fn a_step_past_the_limits_of_a_link_is_refused_with_a_reason() {
    assert_eq!(refuse_step(MAX_STEPS - 1, &state(View::Map)), None);
    assert_eq!(
        refuse_step(MAX_STEPS, &state(View::Map)).as_deref(),
        Some("A lesson has at most 20 steps: remove one to add another.")
    );
    assert!(refuse_step(0, &state(View::Lesson(Lesson::default()))).is_some());
    let mut themed = explore("drones");
    themed.custom = (0..5)
        .map(|i| CustomTheme {
            label: format!("Theme {i} {}", "😀".repeat(50)),
            terms: (0..20).map(|t| format!("t{t}{}", "é".repeat(30))).collect(),
        })
        .collect();
    let why = refuse_step(0, &themed).expect("a 10 kB link is refused");
    assert!(why.contains("too long"), "{why}");
}

/// Two tabs editing the lesson draft: merged, neither loses a step, the same step kept once; at
/// most `MAX_STEPS` together, with the count of this tab's steps that did not fit.
#[test]
fn lesson_drafts_of_two_tabs_merge() {
    let map = Step::new(state(View::Map), "Look at the map");
    let methods = Step::new(state(View::Methods), "");
    let notes = Step::new(state(View::Notes), "Your notes");
    let stored = Draft {
        title: "From tab one".into(),
        steps: vec![map.clone(), methods.clone()],
        note: String::new(),
    };
    let mine = Draft {
        title: String::new(),
        steps: vec![map.clone(), notes.clone()],
        note: "next".into(),
    };
    let (merged, left_out) = merge(&stored, &mine);
    assert_eq!(left_out, 0);
    assert_eq!(merged.title, "From tab one");
    assert_eq!(
        merged.steps,
        vec![map.clone(), methods.clone(), notes.clone()]
    );
    assert_eq!(merged.note, "next");
    // The same view with another note is another step.
    let other_note = Step::new(state(View::Map), "Again, with another question");
    let (merged, _) = merge(
        &stored,
        &Draft {
            steps: vec![other_note.clone()],
            ..Draft::default()
        },
    );
    assert_eq!(merged.steps, vec![map, methods, other_note]);
    // Nothing of this tab's: the stored draft as it is.
    assert_eq!(merge(&stored, &Draft::default()), (stored, 0));
    // Fifteen steps stored and ten of this tab's: twenty kept, five of this tab's left out.
    let numbered = |from: usize, n: usize| Draft {
        steps: (from..from + n)
            .map(|i| Step::new(state(View::Map), format!("step {i}")))
            .collect(),
        ..Draft::default()
    };
    let (merged, left_out) = merge(&numbered(0, 15), &numbered(100, 10));
    assert_eq!((merged.steps.len(), left_out), (MAX_STEPS, 5));
    assert_eq!(merged.steps[15].note, "step 100");
}

// ---------------------------------------------------------------------------------------------
// `DraftShelf`: the draft kept in a storage, as the app keeps it in local storage, here in memory
// shared as two tabs of one browser share theirs.

use parallax_core::draft::{DraftShelf, KEY, UNREADABLE_KEY};
use parallax_core::store::{self, Memory, Storage, StorageError};

fn draft_of(title: &str, steps: &[State]) -> Draft {
    Draft {
        title: title.into(),
        steps: steps.iter().map(|s| Step::new(s.clone(), "")).collect(),
        note: String::new(),
    }
}

#[test]
fn a_saved_draft_opens_again_and_two_tabs_never_lose_each_others_steps() {
    let s = Memory::default();
    let (mut a, empty) = DraftShelf::open(&s, known());
    assert_eq!(empty, Draft::default());
    let (mut b, _) = DraftShelf::open(&s, known());
    let mine = draft_of("Treaty", &[explore("treaty")]);
    assert_eq!(a.save(&s, known(), &mine), None, "nothing to merge yet");
    assert_eq!(DraftShelf::open(&s, known()).1, mine);
    // The other tab, opened before, adds its own step: saving merges the first tab's in.
    let theirs = draft_of("", &[state(View::Map)]);
    let merged = b
        .save(&s, known(), &theirs)
        .expect("merged with the first tab's draft");
    assert_eq!(merged.steps.len(), 2, "{merged:?}");
    assert_eq!(merged.title, "Treaty");
    assert_eq!(DraftShelf::open(&s, known()).1, merged);
    // The first tab takes it in on the `storage` event.
    assert_eq!(a.sync(&s, known(), &mine), Some(merged.clone()));
    assert_eq!(
        a.sync(&s, known(), &merged),
        None,
        "nothing new the second time"
    );
    assert!(a.unsaved.is_none() && a.restored.is_empty());
}

#[test]
fn an_empty_draft_empties_the_key() {
    let s = Memory::default();
    let (mut a, _) = DraftShelf::open(&s, known());
    a.save(&s, known(), &draft_of("T", &[]));
    assert!(s.get(KEY).unwrap().is_some());
    a.save(&s, known(), &Draft::default());
    assert_eq!(s.get(KEY).unwrap(), None);
}

#[test]
fn an_unreadable_draft_is_set_aside_and_a_new_one_starts() {
    let s = Memory::default();
    s.set(KEY, "{not json").unwrap();
    let (mut a, d) = DraftShelf::open(&s, known());
    assert_eq!(d, Draft::default());
    let kept = store::set_aside_keys(&s, UNREADABLE_KEY);
    assert_eq!(kept.len(), 1);
    assert_eq!(s.get(&kept[0]).unwrap().as_deref(), Some("{not json"));
    assert_eq!(a.restored.len(), 1);
    assert!(
        a.restored[0].starts_with("The saved lesson draft could not be read: "),
        "{:?}",
        a.restored
    );
    assert!(a.restored[0].contains(&kept[0]));
    a.save(&s, known(), &draft_of("New", &[]));
    assert_eq!(DraftShelf::open(&s, known()).1.title, "New");
    assert_eq!(
        s.get(&kept[0]).unwrap().as_deref(),
        Some("{not json"),
        "never overwritten"
    );
}

#[test]
fn a_newer_draft_is_left_in_place_and_nothing_is_saved_over_it() {
    let s = Memory::default();
    let newer = "{\"format\":99,\"title\":\"t\",\"note\":\"\",\"steps\":[]}";
    s.set(KEY, newer).unwrap();
    let (mut a, _) = DraftShelf::open(&s, known());
    let why = a.unsaved.clone().unwrap();
    assert!(
        why.ends_with("it is left as it is, and this draft is not saved over it"),
        "{why}"
    );
    a.save(&s, known(), &draft_of("Mine", &[explore("x")]));
    assert_eq!(s.get(KEY).unwrap().as_deref(), Some(newer));
}

#[test]
fn a_draft_read_in_part_is_kept_aside_whole_and_the_part_read_is_saved() {
    let s = Memory::default();
    // Steps that open nothing here (an unknown source), more than are listed one by one.
    let steps: Vec<String> = (0..12)
        .map(|i| format!("{{\"link\":\"/read/001/nope{i}\",\"note\":\"\"}}"))
        .chain([format!(
            "{{\"link\":\"{}\",\"note\":\"kept\"}}",
            step_link(&explore("treaty"))
        )])
        .collect();
    let raw = format!(
        "{{\"format\":1,\"title\":\"Part\",\"note\":\"\",\"steps\":[{}]}}",
        steps.join(",")
    );
    s.set(KEY, &raw).unwrap();
    let (a, d) = DraftShelf::open(&s, known());
    assert_eq!(d.steps.len(), 1, "{d:?}");
    let kept = store::set_aside_keys(&s, UNREADABLE_KEY);
    assert_eq!(kept.len(), 1);
    assert_eq!(
        s.get(&kept[0]).unwrap().as_deref(),
        Some(raw.as_str()),
        "kept whole"
    );
    // The part read is what is stored now, so that the next start reads it as it is.
    assert_eq!(DraftShelf::open(&s, known()).1, d);
    // The set-aside message, ten changes, and how many more.
    assert_eq!(a.restored.len(), 12, "{:?}", a.restored);
    assert_eq!(a.restored.last().unwrap(), "And 2 more changes like these.");
}

#[test]
fn a_blocked_storage_says_why_the_draft_is_not_saved() {
    let s = Memory::blocked();
    let (mut a, _) = DraftShelf::open(&s, known());
    assert_eq!(
        a.unsaved.as_deref(),
        Some(StorageError::Blocked.to_string().as_str())
    );
    a.save(&s, known(), &draft_of("T", &[]));
    assert_eq!(
        a.unsaved.as_deref(),
        Some(StorageError::Blocked.to_string().as_str())
    );
}

#[test]
fn two_drafts_with_more_steps_than_a_lesson_keep_this_tabs_whole_aside() {
    let s = Memory::default();
    let (mut a, _) = DraftShelf::open(&s, known());
    let (mut b, _) = DraftShelf::open(&s, known());
    let many = |prefix: &str| -> Vec<State> {
        (0..MAX_STEPS)
            .map(|i| explore(&format!("{prefix}{i}")))
            .collect()
    };
    a.save(&s, known(), &draft_of("A", &many("a")));
    let mine = draft_of("B", &many("b"));
    let merged = b.save(&s, known(), &mine).unwrap();
    assert_eq!(merged.steps.len(), MAX_STEPS);
    let kept = store::set_aside_keys(&s, UNREADABLE_KEY);
    assert_eq!(kept.len(), 1);
    assert_eq!(
        from_json(&s.get(&kept[0]).unwrap().unwrap(), known())
            .unwrap()
            .0,
        mine
    );
    assert!(
        b.restored.iter().any(|r| r.starts_with(
            "Another tab's lesson draft and this one have more than 20 steps together"
        )),
        "{:?}",
        b.restored
    );
}

/// A draft saved by the first format (steps of a link and a one-line note, no names, questions
/// or answers) reads as it was written, without a notice, and is written back in this format.
#[test]
fn a_draft_of_the_first_format_still_reads() {
    let v1 = r#"{"format":1,"title":"Old draft","note":"next one","steps":[{"link":"/explore?q=drones%20iran","note":"Search first"},{"link":"/map","note":""}]}"#;
    let (d, notices) = from_json(v1, known()).unwrap();
    assert_eq!(notices, vec![]);
    assert_eq!(
        d,
        Draft {
            title: "Old draft".into(),
            steps: vec![
                Step::new(explore("drones iran"), "Search first"),
                Step::new(state(View::Map), ""),
            ],
            note: "next one".into(),
        }
    );
    let again = to_json(&d);
    assert!(again.starts_with("{\"format\":2,"), "{again}");
    assert_eq!(from_json(&again, known()), Ok((d, vec![])));
    // A step with a field this format does not know is still refused.
    let odd = v1.replace(r#""note":""}"#, r#""note":"","hint":"x"}"#);
    assert!(matches!(
        from_json(&odd, known()),
        Err(DraftError::Unreadable(_))
    ));
}

/// Names, questions and answers in a tampered draft: cleaned and cut as a link's are, each cut
/// said for its step; line breaks kept where a field has lines.
#[test]
fn a_tampered_drafts_step_texts_are_cut_and_cleaned() {
    use parallax_core::state::{
        StepField, MAX_ANSWER_CHARS, MAX_QUESTION_CHARS, MAX_STEP_LABEL_CHARS,
    };
    let json = format!(
        r#"{{"format":2,"title":"","note":"","steps":[{{"link":"/map","note":"a\r\nb\u202e","label":"\u202e{}\nx","question":"Why?\n{}","answer":"{}"}}]}}"#,
        "L".repeat(MAX_STEP_LABEL_CHARS),
        "Q".repeat(MAX_QUESTION_CHARS),
        "A\\u0000".repeat(MAX_ANSWER_CHARS)
    );
    let (d, notices) = from_json(&json, known()).unwrap();
    let s = &d.steps[0];
    assert_eq!(s.note, "a\nb");
    assert_eq!(s.label, "L".repeat(MAX_STEP_LABEL_CHARS));
    assert_eq!(
        s.question,
        format!("Why?\n{}", "Q".repeat(MAX_QUESTION_CHARS - 5))
    );
    assert_eq!(s.answer, "A".repeat(MAX_ANSWER_CHARS));
    assert_eq!(
        notices,
        vec![
            Notice::FieldCut {
                step: 1,
                field: StepField::Label
            },
            Notice::FieldCut {
                step: 1,
                field: StepField::Question
            },
        ]
    );
    // What was read writes back and reads without a notice, and makes a lesson without one.
    assert_eq!(from_json(&to_json(&d), known()), Ok((d.clone(), vec![])));
    let (made, notices) = lesson("", d.steps.clone());
    assert_eq!(notices, vec![]);
    let View::Lesson(l) = made.unwrap().view else {
        panic!()
    };
    assert_eq!(l.steps, d.steps);
}

/// A name, question or answer typed: one line for a name, several for the others, cut at their
/// lengths with the same notice as a note, hidden characters taken out and said.
#[test]
fn typed_step_texts_pass_the_link_limits_as_they_enter() {
    use parallax_core::draft::typed_field;
    use parallax_core::state::{StepField, MAX_QUESTION_CHARS, MAX_STEP_LABEL_CHARS};
    let label = typed_field(
        StepField::Label,
        &format!("{}!", "n".repeat(MAX_STEP_LABEL_CHARS)),
    );
    assert_eq!(label.text, "n".repeat(MAX_STEP_LABEL_CHARS));
    assert_eq!(
        label.said.as_deref(),
        Some("Cut to 80 characters: a lesson link cannot carry more.")
    );
    let one_line = typed_field(StepField::Label, "a\nb");
    assert_eq!(one_line.text, "ab");
    assert!(one_line.said.unwrap().contains("taken out"));
    let question = typed_field(StepField::Question, "Which one?\nWhy? ");
    assert_eq!(
        (question.text.as_str(), question.said),
        ("Which one?\nWhy? ", None)
    );
    let q = typed_field(StepField::Question, &"q".repeat(MAX_QUESTION_CHARS + 1));
    assert_eq!(q.text.chars().count(), MAX_QUESTION_CHARS);
    assert!(q.said.unwrap().starts_with("Cut to 300 characters"));
    let answer = typed_field(StepField::Answer, "\u{2066}Yes\u{2069}\nNo");
    assert_eq!(answer.text, "Yes\nNo");
    assert!(answer.said.unwrap().contains("taken out"));
    // A note keeps its lines as it is typed.
    assert_eq!(typed_note("one\ntwo\n").text, "one\ntwo\n");
    assert_eq!(typed_note("one\ntwo\n").said, None);
}

/// Two tabs' drafts: the same view with the same note but another question is another step.
#[test]
fn merged_drafts_tell_steps_apart_by_every_text() {
    let plain = Step::new(state(View::Map), "Look");
    let asked = Step {
        question: "Which?".into(),
        ..plain.clone()
    };
    let named = Step {
        label: "Map".into(),
        ..plain.clone()
    };
    let answered = Step {
        answer: "This".into(),
        ..asked.clone()
    };
    let stored = Draft {
        steps: vec![plain.clone()],
        ..Draft::default()
    };
    let mine = Draft {
        steps: vec![
            plain.clone(),
            asked.clone(),
            named.clone(),
            answered.clone(),
        ],
        ..Draft::default()
    };
    let (merged, left_out) = merge(&stored, &mine);
    assert_eq!(left_out, 0);
    assert_eq!(merged.steps, vec![plain, asked, named, answered]);
}
