//! URL state: a table of hostile and malformed links, each opening the nearest sensible view
//! with the right notices, and properties: parsing never panics, printing is canonical.

mod common;

use common::known;
use parallax_core::state::{
    canonical_replacement, clean_query, lesson, parse, print, Compare, Explore, Lesson, Missing,
    Notice, OverviewPart, Read, Source, State, Step, View, MAX_LESSON_STEPS_BYTES, MAX_STEPS,
    MAX_STEP_NOTE_CHARS, MAX_TITLE_CHARS,
};
use parallax_core::Lang;
use proptest::prelude::*;

const V: &str = "0123456789ab";

fn explore(f: impl FnOnce(&mut Explore)) -> View {
    let mut e = Explore::default();
    f(&mut e);
    View::Explore(e)
}

fn read(doc: &str, passage: Option<&str>) -> View {
    View::Read(Read {
        doc: doc.into(),
        passage: passage.map(Into::into),
        show_removed: false,
    })
}

fn state(view: View) -> State {
    State::of(view)
}

/// A lesson view of (view, note) steps, at step `at`.
fn lesson_view(title: &str, steps: Vec<(View, &str)>, at: usize) -> View {
    View::Lesson(Lesson {
        title: title.into(),
        steps: steps
            .into_iter()
            .map(|(view, note)| Step::new(state(view), note))
            .collect(),
        at,
        away: None,
    })
}

/// Whether the notices say nothing but which documents this copy lacks (a lesson's steps on
/// them are kept, so its canonical link says so again).
fn lacking_only(notices: &[Notice]) -> bool {
    notices
        .iter()
        .all(|n| matches!(n, Notice::MissingDocs { .. }))
}

/// (input, expected view, expected notice kinds as Debug prefixes)
fn table() -> Vec<(String, View, Vec<&'static str>)> {
    let big = "a".repeat(100_000);
    let map_steps = |n: usize| {
        (0..n)
            .map(|i| format!("step=/map!{i}"))
            .collect::<Vec<_>>()
            .join("&")
    };
    let mut t = lesson_table(&map_steps);
    t.extend(vec![
        ("".into(), View::Library, vec![]),
        ("#".into(), View::Library, vec![]),
        ("#/".into(), View::Library, vec![]),
        ("#/?v=0123456789ab".into(), View::Library, vec![]),
        (
            "#/?v=ffffffffffff".into(),
            View::Library,
            vec!["OtherVersion"],
        ),
        ("#/read/002".into(), read("002", None), vec![]),
        ("#/read/002/p4".into(), read("002", Some("p4")), vec![]),
        (
            "#/read/002/p9999".into(),
            read("002", None),
            vec!["UnknownPassage"],
        ),
        ("#/read/999".into(), View::Library, vec!["MissingDocs"]),
        (
            "#/read/<script>alert(1)</script>".into(),
            View::Library,
            vec!["MissingDocs"],
        ),
        (
            "#/read/%3Cscript%3E".into(),
            View::Library,
            vec!["MissingDocs"],
        ),
        (
            "#/read/002?removed=1".into(),
            View::Read(Read {
                doc: "002".into(),
                passage: None,
                show_removed: true,
            }),
            vec![],
        ),
        ("#/read/002?removed=yes".into(), read("002", None), vec![]),
        ("#/nope".into(), View::Library, vec!["UnknownView"]),
        (
            "#/explore?q=drones".into(),
            explore(|e| e.query = "drones".into()),
            vec![],
        ),
        (
            "#/explore?q=%E2%80%AEdrones%E2%80%8B".into(),
            explore(|e| e.query = "drones".into()),
            vec![],
        ),
        (
            "#/explore?q=%ZZdrones".into(),
            explore(|e| e.query = "%ZZdrones".into()),
            vec!["BadEncoding"],
        ),
        (
            "#/explore?q=%FF%FE".into(),
            explore(|e| e.query = "\u{fffd}\u{fffd}".into()),
            vec!["BadEncoding"],
        ),
        (
            "#/explore?q=%".into(),
            explore(|e| e.query = "%".into()),
            vec!["BadEncoding"],
        ),
        (
            "#/explore?q=<img src=x onerror=alert(1)>".into(),
            explore(|e| e.query = "<img src=x onerror=alert(1)>".into()),
            vec![],
        ),
        (
            "#/explore?themes=ukraine,military,military".into(),
            explore(|e| e.themes = vec!["military".into(), "ukraine".into()]),
            vec![],
        ),
        (
            "#/explore?themes=nope,military".into(),
            explore(|e| e.themes = vec!["military".into()]),
            vec!["UnknownTheme"],
        ),
        (
            "#/explore?sources=004,001,999".into(),
            explore(|e| e.sources = vec!["001".into(), "004".into()]),
            vec!["MissingDocs"],
        ),
        (
            "#/explore?entities=putin,nobody".into(),
            explore(|e| e.entities = vec!["putin".into()]),
            vec!["UnknownEntity"],
        ),
        (
            "#/explore?langs=fr,xx,en".into(),
            explore(|e| e.langs = vec![Lang::En, Lang::Fr]),
            vec!["UnknownLang"],
        ),
        (
            "#/explore?mode=kwic&q=Bushehr".into(),
            explore(|e| {
                e.kwic = true;
                e.query = "Bushehr".into()
            }),
            vec![],
        ),
        (
            format!("#/explore?q={big}"),
            explore(|e| e.query = "a".repeat(256)),
            vec!["Truncated"],
        ),
        (
            format!("#/explore?q={}", "b".repeat(300)),
            explore(|e| e.query = "b".repeat(256)),
            vec!["Truncated"],
        ),
        (
            format!("#/explore?themes={}", "military,".repeat(100)),
            explore(|e| e.themes = vec!["military".into()]),
            vec!["TooManyValues"],
        ),
        (
            "#/explore?evil=1&q=x".into(),
            explore(|e| e.query = "x".into()),
            vec!["UnknownParam"],
        ),
        (
            "#/explore?custom=Grain:wheat|grain%20deal&themes=my1".into(),
            explore(|e| e.themes = vec!["my1".into()]),
            vec![],
        ),
        (
            "#/explore?custom=:wheat".into(),
            explore(|_| {}),
            vec!["BadCustomTheme"],
        ),
        (
            "#/explore?custom=Grain:".into(),
            explore(|_| {}),
            vec!["BadCustomTheme"],
        ),
        (
            "#/explore?custom=nocolon".into(),
            explore(|_| {}),
            vec!["BadCustomTheme"],
        ),
        (
            "#/explore?themes=my2&custom=A:b".into(),
            explore(|_| {}),
            vec!["UnknownTheme"],
        ),
        (
            "#/compare/002/004?theme=trade".into(),
            View::Compare(Compare {
                docs: vec!["002".into(), "004".into()],
                theme: Some("trade".into()),
                only_differ: false,
            }),
            vec![],
        ),
        (
            "#/compare/004/002?differ=1".into(),
            View::Compare(Compare {
                docs: vec!["004".into(), "002".into()],
                theme: None,
                only_differ: true,
            }),
            vec![],
        ),
        (
            "#/compare/002/002".into(),
            View::Library,
            vec!["TooFewToCompare"],
        ),
        (
            "#/compare/002".into(),
            View::Library,
            vec!["TooFewToCompare"],
        ),
        (
            "#/compare/000/001/002/003".into(),
            View::Compare(Compare {
                docs: vec!["000".into(), "001".into(), "002".into()],
                theme: None,
                only_differ: false,
            }),
            vec!["TooManyToCompare"],
        ),
        (
            "#/compare/002/999/004?theme=bogus".into(),
            View::Compare(Compare {
                docs: vec!["002".into(), "004".into()],
                theme: None,
                only_differ: false,
            }),
            vec!["MissingDocs", "UnknownTheme"],
        ),
        (
            "#/source/003".into(),
            View::Source(Source { doc: "003".into() }),
            vec![],
        ),
        ("#/source/-1".into(), View::Library, vec!["MissingDocs"]),
        ("#/map".into(), View::Map, vec![]),
        (
            "#/compare".into(),
            View::Compare(Compare {
                docs: vec![],
                theme: None,
                only_differ: false,
            }),
            vec![],
        ),
        ("#/overview".into(), View::Overview { part: None }, vec![]),
        (
            "#/overview?part=disagreements".into(),
            View::Overview {
                part: Some(OverviewPart::Disagreements),
            },
            vec![],
        ),
        (
            "#/overview?part=slant".into(),
            View::Overview { part: None },
            vec!["UnknownParam"],
        ),
        ("#/methods?x".into(), View::Methods, vec!["UnknownParam"]),
        ("#/notes".into(), View::Notes, vec![]),
        ("#/notes?x".into(), View::Notes, vec!["UnknownParam"]),
        (
            "#/read/002/p-99999999999999999999".into(),
            read("002", None),
            vec!["UnknownPassage"],
        ),
        ("#//read//002//".into(), read("002", None), vec![]),
        (
            format!("#/{big}"),
            View::Library,
            vec!["UnknownView", "Truncated"],
        ),
        (
            format!("#/explore?q=x&{}", "&".repeat(200_000)),
            explore(|e| e.query = "x".into()),
            vec!["Truncated"],
        ),
        (
            "#/explore?q=%E2%80%8B%E2%80%8B".into(),
            explore(|_| {}),
            vec![],
        ),
        (
            "#/explore?q=ẞ K İ 🎉".into(),
            explore(|e| e.query = "ẞ K İ 🎉".into()),
            vec![],
        ),
    ]);
    t
}

/// Lesson links, well-formed and hostile.
fn lesson_table(map_steps: &dyn Fn(usize) -> String) -> Vec<(String, View, Vec<&'static str>)> {
    let numbers: Vec<String> = (0..MAX_STEPS).map(|i| i.to_string()).collect();
    let long_note = "n".repeat(MAX_STEP_NOTE_CHARS);
    let mut t = vec![
        (
            "#/lesson?title=Bushehr&step=/read/002/p4!Look%20at%20the%20date&step=/map".into(),
            lesson_view(
                "Bushehr",
                vec![(read("002", Some("p4")), "Look at the date"), (View::Map, "")],
                1,
            ),
            vec![],
        ),
        // Every part of a step link encoded, the note with a `!` of its own.
        (
            "#/lesson?step=%2Fread%2F002%2Fp4!wow!%21&at=1".into(),
            lesson_view("", vec![(read("002", Some("p4")), "wow!!")], 1),
            vec![],
        ),
        (
            "#/lesson?step=/compare/002/004?theme=trade%26differ=1!Who%20says%20what&step=/methods&at=2"
                .into(),
            lesson_view(
                "",
                vec![
                    (
                        View::Compare(Compare {
                            docs: vec!["002".into(), "004".into()],
                            theme: Some("trade".into()),
                            only_differ: true,
                        }),
                        "Who says what",
                    ),
                    (View::Methods, ""),
                ],
                2,
            ),
            vec![],
        ),
        ("#/lesson".into(), View::Library, vec!["EmptyLesson"]),
        (
            "#/lesson?title=Nothing&at=3".into(),
            View::Library,
            vec!["NoSuchStep", "EmptyLesson"],
        ),
        // A lesson in a lesson, plain and encoded: refused, one level only.
        (
            "#/lesson?step=/lesson?step=/map".into(),
            View::Library,
            vec!["StepLeftOut", "EmptyLesson"],
        ),
        (
            "#/lesson?step=%2Flesson%3Fstep%3D%252Fmap!inner&step=/map".into(),
            lesson_view("", vec![(View::Map, "")], 1),
            vec!["StepLeftOut"],
        ),
        // Steps that open nothing are left out; `at` still names the step it named.
        (
            "#/lesson?step=/read/002/p9999!gone&step=/map&step=/methods&at=3".into(),
            lesson_view("", vec![(View::Map, ""), (View::Methods, "")], 2),
            vec!["StepLeftOut"],
        ),
        // A step on a source this copy does not have is kept whole, with its note
        // (crates/core/tests/handoff.rs has more).
        (
            "#/lesson?step=/read/999!gone&step=/map&step=/methods&at=3".into(),
            lesson_view(
                "",
                vec![
                    (
                        View::Missing(Missing {
                            link: "/read/999".into(),
                            docs: vec!["999".into()],
                        }),
                        "gone",
                    ),
                    (View::Map, ""),
                    (View::Methods, ""),
                ],
                3,
            ),
            vec!["MissingDocs { docs: [\"999\"], steps: [1] }"],
        ),
        (
            "#/lesson?step=/read/002/p9999&step=/nope&step=/compare/002&step=&step=!&step=/map".into(),
            lesson_view("", vec![(View::Map, "")], 1),
            vec!["StepLeftOut"],
        ),
        // A note alone is a step on the library.
        (
            "#/lesson?step=!Welcome".into(),
            lesson_view("", vec![(View::Library, "Welcome")], 1),
            vec![],
        ),
        (
            "#/lesson?step=/map&step=/methods&at=7".into(),
            lesson_view("", vec![(View::Map, ""), (View::Methods, "")], 2),
            vec!["NoSuchStep"],
        ),
        (
            "#/lesson?step=/map&step=/methods&at=0".into(),
            lesson_view("", vec![(View::Map, ""), (View::Methods, "")], 1),
            vec!["NoSuchStep"],
        ),
        (
            "#/lesson?step=/map&at=99999999999999999999999999".into(),
            lesson_view("", vec![(View::Map, "")], 1),
            vec!["NoSuchStep"],
        ),
        (
            "#/lesson?step=/map&at=%3Cscript%3E".into(),
            lesson_view("", vec![(View::Map, "")], 1),
            vec!["NoSuchStep"],
        ),
        (
            format!("#/lesson?{}&at=25", map_steps(25)),
            lesson_view(
                "",
                numbers.iter().map(|n| (View::Map, n.as_str())).collect(),
                MAX_STEPS,
            ),
            vec!["TooManySteps", "NoSuchStep"],
        ),
        (
            format!(
                "#/lesson?title={}&step=/map!{}",
                "T".repeat(200),
                "n".repeat(MAX_STEP_NOTE_CHARS + 120)
            ),
            lesson_view(
                &"T".repeat(MAX_TITLE_CHARS),
                vec![(View::Map, long_note.as_str())],
                1,
            ),
            vec!["TitleCut", "NoteCut"],
        ),
        // Untrusted text stays text; invisible controls go.
        (
            "#/lesson?title=%3Cimg%20src=x%20onerror=alert(1)%3E&step=/map!%3Cscript%3Ealert(1)%3C%2Fscript%3E%E2%80%AE"
                .into(),
            lesson_view(
                "<img src=x onerror=alert(1)>",
                vec![(View::Map, "<script>alert(1)</script>")],
                1,
            ),
            vec![],
        ),
        // A step link's own details: dropped with a notice naming the step.
        (
            "#/lesson?step=/map&step=/explore?themes=nope,military&zz=1".into(),
            lesson_view(
                "",
                vec![
                    (View::Map, ""),
                    (
                        explore(|e| e.themes = vec!["military".into()]),
                        "",
                    ),
                ],
                1,
            ),
            vec!["InStep { step: 2, notice: UnknownTheme", "UnknownParam"],
        ),
        (
            "#/lesson?step=/explore?q=%ZZ!%".into(),
            lesson_view("", vec![(explore(|e| e.query = "%ZZ".into()), "%")], 1),
            vec!["InStep { step: 1, notice: BadEncoding"],
        ),
        (
            format!("#/lesson?step=/explore?q={}", "q".repeat(20_000)),
            lesson_view("", vec![(explore(|e| e.query = "q".repeat(256)), "")], 1),
            vec!["InStep { step: 1, notice: Truncated"],
        ),
        // Reader-defined themes go with each step, not with the lesson.
        (
            "#/lesson?custom=A:b&step=/map".into(),
            lesson_view("", vec![(View::Map, "")], 1),
            vec!["BadCustomTheme"],
        ),
        (
            "#/lesson?step=/explore?themes=my1%26custom=Grain:wheat|grain%2520deal".into(),
            View::Lesson(Lesson {
                title: String::new(),
                steps: vec![Step::new(
                    State {
                        view: explore(|e| e.themes = vec!["my1".into()]),
                        custom: vec![parallax_core::state::CustomTheme {
                            label: "Grain".into(),
                            terms: vec!["wheat".into(), "grain deal".into()],
                        }],
                        edits: Default::default(),
                    },
                    "",
                )],
                at: 1,
                away: None,
            }),
            vec![],
        ),
        (
            "#/lesson?step=/map&v=ffffffffffff&step=/read/002?v=eeeeeeeeeeee".into(),
            lesson_view("", vec![(View::Map, ""), (read("002", None), "")], 1),
            vec!["OtherVersion", "InStep { step: 2, notice: OtherVersion"],
        ),
        (
            format!("#/lesson?{}", "step=!%&".repeat(30)),
            lesson_view("", vec![(View::Library, "%"); MAX_STEPS], 1),
            vec!["TooManySteps", "InStep { step: 1, notice: BadEncoding"],
        ),
    ];
    t.extend(lesson_fields_table());
    t
}

/// A lesson of steps given with their names, questions and answers, at step `at`, with a view
/// opened from it.
fn lesson_full(steps: Vec<Step>, at: usize, away: Option<View>) -> View {
    View::Lesson(Lesson {
        title: String::new(),
        steps,
        at,
        away: away.map(|v| Box::new(state(v))),
    })
}

/// A step of `view` with a note, a name, a question and an answer.
fn full_step(view: View, note: &str, label: &str, question: &str, answer: &str) -> Step {
    Step {
        state: state(view),
        note: note.into(),
        label: label.into(),
        question: question.into(),
        answer: answer.into(),
    }
}

/// Lesson links of the second format: steps with names, questions and answers after them, notes
/// of several lines, a view opened from a step; well-formed and hostile.
fn lesson_fields_table() -> Vec<(String, View, Vec<&'static str>)> {
    use parallax_core::state::{MAX_ANSWER_CHARS, MAX_QUESTION_CHARS, MAX_STEP_LABEL_CHARS};
    let map = |note: &str, label: &str, question: &str, answer: &str| {
        full_step(View::Map, note, label, question, answer)
    };
    vec![
        (
            "#/lesson?step=/map!Look&label=The%20map&question=Which%20theme%3F&answer=Military&step=/methods&question=Why%3F"
                .into(),
            lesson_full(
                vec![
                    map("Look", "The map", "Which theme?", "Military"),
                    full_step(View::Methods, "", "", "Why?", ""),
                ],
                1,
                None,
            ),
            vec![],
        ),
        // Notes, questions and answers keep their line breaks (CR LF read as LF); a name is
        // one line; direction overrides, controls and zero-width characters go everywhere.
        (
            "#/lesson?step=/map!line%20one%0Aline%20two%0D%0A%0Athree&label=%E2%80%AEevil%0Aname%00             &question=Why%3F%0A%E2%80%8BSay%20why.&answer=%E2%81%A6Because%E2%81%A9%0D%0Aof%07%20this"
                .into(),
            lesson_full(
                vec![map(
                    "line one\nline two\n\nthree",
                    "evilname",
                    "Why?\nSay why.",
                    "Because\nof this",
                )],
                1,
                None,
            ),
            vec![],
        ),
        // Past their lengths: cut, each with a notice naming the step and the field.
        (
            format!(
                "#/lesson?step=/map&step=/methods&label={}&question={}&answer={}",
                "L".repeat(MAX_STEP_LABEL_CHARS + 5),
                "Q".repeat(MAX_QUESTION_CHARS + 5),
                "A".repeat(MAX_ANSWER_CHARS + 5)
            ),
            lesson_full(
                vec![
                    map("", "", "", ""),
                    full_step(
                        View::Methods,
                        "",
                        &"L".repeat(MAX_STEP_LABEL_CHARS),
                        &"Q".repeat(MAX_QUESTION_CHARS),
                        &"A".repeat(MAX_ANSWER_CHARS),
                    ),
                ],
                1,
                None,
            ),
            vec![
                "FieldCut { step: 2, field: Label",
                "FieldCut { step: 2, field: Question",
                "FieldCut { step: 2, field: Answer",
            ],
        ),
        // A name before any step, and a second name for a step: ignored, with notices.
        (
            "#/lesson?label=Orphan&step=/map&label=First&label=Second&answer=A&answer=B".into(),
            lesson_full(vec![map("", "First", "", "A")], 1, None),
            vec![
                "StrayField { field: Label, step: None",
                "StrayField { field: Label, step: Some(1)",
                "StrayField { field: Answer, step: Some(1)",
            ],
        ),
        // The fields of a step left out go with it; the next step keeps its own.
        (
            "#/lesson?step=/read/002/p9999&label=Gone&answer=gone&step=/map&label=Kept".into(),
            lesson_full(vec![map("", "Kept", "", "")], 1, None),
            vec!["StepLeftOut { step: 1"],
        ),
        // Markup in the fields stays text; bad encoding is said for the step.
        (
            "#/lesson?step=/map&question=%3Cscript%3Ealert(1)%3C%2Fscript%3E&answer=%ZZ".into(),
            lesson_full(vec![map("", "", "<script>alert(1)</script>", "%ZZ")], 1, None),
            vec!["InStep { step: 1, notice: BadEncoding"],
        ),
        // A view opened from step 2.
        (
            "#/lesson?step=/map!Look&step=/methods&at=2&away=/read/002/p4".into(),
            lesson_full(
                vec![map("Look", "", "", ""), full_step(View::Methods, "", "", "", "")],
                2,
                Some(read("002", Some("p4"))),
            ),
            vec![],
        ),
        (
            "#/lesson?step=/map&away=%2Fexplore%3Fq%3Ddrones%2520iran%26themes%3Dnope,military".into(),
            lesson_full(
                vec![map("", "", "", "")],
                1,
                Some(explore(|e| {
                    e.query = "drones iran".into();
                    e.themes = vec!["military".into()];
                })),
            ),
            vec!["InAway(UnknownTheme"],
        ),
        // One that opens nothing here, or a lesson: the lesson shows its step, with a notice.
        (
            "#/lesson?step=/map&away=/read/999".into(),
            lesson_full(vec![map("", "", "", "")], 1, None),
            vec!["AwayLeftOut(Refused(UnknownDoc"],
        ),
        (
            "#/lesson?step=/map&away=/lesson?step=/map".into(),
            lesson_full(vec![map("", "", "", "")], 1, None),
            vec!["AwayLeftOut(Refused(NestedLesson"],
        ),
        (
            "#/lesson?step=/map&away=/explore?q=%ZZ".into(),
            lesson_full(
                vec![map("", "", "", "")],
                1,
                Some(explore(|e| e.query = "%ZZ".into())),
            ),
            vec!["InAway(BadEncoding"],
        ),
        // `away` with no lesson to return to is simply not read.
        ("#/map?away=/read/002".into(), View::Map, vec![]),
    ]
}

#[test]
fn hostile_links_open_the_nearest_sensible_view() {
    let t = table();
    assert!(t.len() >= 35);
    assert!(lesson_table(&|_| String::new()).len() >= 10);
    for (input, view, want) in t {
        let shown: String = input.chars().take(60).collect();
        let (state, notices) = parse(&input, known());
        assert_eq!(state.view, view, "view for {shown:?}");
        let kinds: Vec<String> = notices.iter().map(|n| format!("{n:?}")).collect();
        for w in &want {
            assert!(
                kinds.iter().any(|k| k.starts_with(w)),
                "{shown:?}: want {w}, got {kinds:?}"
            );
        }
        if want.is_empty() {
            assert!(notices.is_empty(), "{shown:?}: unexpected {kinds:?}");
        }
        for n in &notices {
            // Every notice reads as a sentence, and never echoes more than a short id.
            // (Documents this copy lacks: a fixed sentence on how to get them, and at most
            // ten ids of 40 characters, handoff.rs.)
            let msg = n.to_string();
            let long = matches!(n, Notice::MissingDocs { .. });
            assert!(msg.ends_with('.') && (long || msg.len() < 200), "{msg}");
        }
        // The canonical link of what was opened reopens exactly it, with no notices but the
        // one about documents this copy lacks, which a lesson keeps in its steps.
        let url = print(&state, V);
        let (again, notices) = parse(&url, known());
        assert_eq!(again, state, "round trip of {url}");
        assert!(lacking_only(&notices), "{url}: {notices:?}");
    }
}

#[test]
fn canonical_links_are_readable() {
    let (s, _) = parse(
        "#/explore?sources=004,001&themes=ukraine,military&q=drones iran",
        known(),
    );
    assert_eq!(
        print(&s, V),
        "#/explore?q=drones%20iran&themes=military,ukraine&sources=001,004&v=0123456789ab"
    );
    let (s, _) = parse(
        "#/explore?custom=My%20lens:grain%20deal|wheat&themes=my1",
        known(),
    );
    assert_eq!(
        print(&s, V),
        "#/explore?themes=my1&custom=My%20lens:grain%20deal|wheat&v=0123456789ab"
    );
    assert_eq!(s.custom[0].to_theme(0).id, "my1");
    assert_eq!(print(&State::default(), V), "#/?v=0123456789ab");
    assert!(Notice::OtherVersion { link: "x".into() }
        .to_string()
        .contains("another version"));
}

/// A link whose own target is missing says "not found"; a link that only names a missing detail
/// (a filter source, a third source of a comparison, a theme) opens its view with a notice.
#[test]
fn not_found_only_when_the_target_itself_is_missing() {
    for (input, not_found) in [
        ("#/read/999", true),
        ("#/read/002/p9999", true),
        ("#/source/999", true),
        ("#/nope", true),
        ("#/compare/002/999", true),
        ("#/compare/002", true),
        ("#/read/002", false),
        ("#/explore?sources=004,001,999", false),
        ("#/explore?themes=nope&entities=nobody", false),
        ("#/compare/002/999/004", false),
        ("#/compare/002/004?theme=nope", false),
        ("#/?v=ffffffffffff", false),
        ("#/lesson", true),
        ("#/lesson?step=/read/002/p9999&step=/lesson?step=/map", true),
        // A step on a source this copy lacks opens (with a notice).
        ("#/lesson?step=/read/999&step=/lesson?step=/map", false),
        ("#/lesson?step=/read/999&step=/map", false),
        ("#/lesson?step=/map&at=9", false),
    ] {
        let (state, notices) = parse(input, known());
        assert!(!notices.is_empty() || !not_found, "{input}: no notice");
        assert_eq!(
            state.is_not_found(&notices),
            not_found,
            "{input}: {notices:?}"
        );
    }
    // The nearest view of the partly missing links, as the reader will see it.
    let (s, _) = parse("#/compare/002/999/004", known());
    assert_eq!(print(&s, V), "#/compare/002/004?v=0123456789ab");
    let (s, _) = parse("#/explore?sources=004,001,999", known());
    assert_eq!(print(&s, V), "#/explore?sources=001,004&v=0123456789ab");
}

/// A link opened in another form than the canonical one is replaced by the canonical one; a
/// canonical link, and a link to something missing, are left as they are.
#[test]
fn opened_links_are_replaced_by_their_canonical_form() {
    let replace = |input: &str| {
        let (state, notices) = parse(input, known());
        canonical_replacement(input.trim_start_matches('#'), &state, &notices, V)
    };
    assert_eq!(
        replace("#/explore?sources=004,001&themes=nope").as_deref(),
        Some("#/explore?sources=001,004&v=0123456789ab")
    );
    assert_eq!(
        replace("#/read/001/p5").as_deref(),
        Some("#/read/001/p5?v=0123456789ab")
    );
    assert_eq!(replace("").as_deref(), Some("#/?v=0123456789ab"));
    assert_eq!(replace("#/read/001/p5?v=0123456789ab"), None);
    assert_eq!(replace("#/explore?sources=001,004&v=0123456789ab"), None);
    assert_eq!(replace("#/read/001/p9999"), None);
    assert_eq!(replace("#/nope"), None);
}

#[test]
fn lesson_links_are_readable_and_step_through() {
    let steps = vec![
        Step::new(state(read("002", Some("p4"))), "Note the date: 17 January!"),
        Step::new(
            State {
                view: explore(|e| {
                    e.query = "drones iran".into();
                    e.themes = vec!["military".into(), "my1".into()];
                }),
                custom: vec![parallax_core::state::CustomTheme {
                    label: "Grain".into(),
                    terms: vec!["wheat".into(), "grain deal".into()],
                }],
                edits: Default::default(),
            },
            "Search, then compare",
        ),
        Step::new(
            state(View::Compare(Compare {
                docs: vec!["002".into(), "004".into()],
                theme: Some("trade".into()),
                only_differ: false,
            })),
            "",
        ),
    ];
    let (built, notices) = lesson("Two views of Bushehr", steps);
    assert!(notices.is_empty());
    let built = built.unwrap();
    let url = print(&built, V);
    assert_eq!(
        url,
        "#/lesson?title=Two%20views%20of%20Bushehr\
         &step=/read/002/p4!Note%20the%20date%3A%2017%20January%21\
         &step=/explore?q=drones%2520iran%26themes=military,my1%26custom=Grain:wheat|grain%2520deal!Search%2C%20then%20compare\
         &step=/compare/002/004?theme=trade\
         &v=0123456789ab"
    );
    assert_eq!(parse(&url, known()), (built.clone(), vec![]));

    let View::Lesson(l) = &built.view else {
        panic!("{built:?}")
    };
    assert_eq!((l.len(), l.is_empty(), l.at), (3, false, 1));
    assert!(parallax_core::state::Lesson::default().is_empty());
    assert_eq!(l.current().unwrap().note, "Note the date: 17 January!");
    assert_eq!(l.step_state(3).unwrap().view, l.steps[2].state.view);
    assert_eq!(l.step_state(0), None);
    assert_eq!(l.step_state(4), None);
    assert_eq!(l.previous(), None);
    let next = l.next().unwrap();
    assert_eq!(
        print(&next, V),
        url.replace("&v=", "&at=2&v="),
        "at is written after the steps, only when not 1"
    );
    let View::Lesson(second) = &next.view else {
        panic!()
    };
    assert_eq!(second.current().unwrap().state.custom[0].label, "Grain");
    assert_eq!(second.previous(), Some(l.go(1)));
    let View::Lesson(last) = &l.go(99).view else {
        panic!()
    };
    assert_eq!((last.at, last.next()), (3, None));
    // A lesson made by hand with no steps stays total.
    let empty = Lesson::default();
    assert_eq!(
        (empty.current(), empty.next(), empty.previous()),
        (None, None, None)
    );
}

#[test]
fn lesson_builder_keeps_the_limits() {
    let map = || Step::new(state(View::Map), "");
    let (built, notices) = lesson("", (0..MAX_STEPS + 3).map(|_| map()).collect());
    assert!(matches!(&built.unwrap().view, View::Lesson(l) if l.len() == MAX_STEPS));
    assert_eq!(notices, vec![Notice::TooManySteps]);

    let (inner, _) = parse("#/lesson?step=/map", known());
    let (built, notices) = lesson(
        "t",
        vec![
            Step::new(inner, "nested"),
            Step::new(state(View::Methods), "x".repeat(MAX_STEP_NOTE_CHARS + 1)),
        ],
    );
    let kinds: Vec<String> = notices.iter().map(|n| format!("{n:?}")).collect();
    assert!(kinds[0].starts_with("StepLeftOut { step: 1"), "{kinds:?}");
    assert!(kinds[1].starts_with("NoteCut { step: 2"), "{kinds:?}");
    assert_eq!(
        notices[0].to_string(),
        "Step 1 of the lesson was left out. A lesson cannot be a step of another lesson."
    );
    assert!(
        matches!(&built.unwrap().view, View::Lesson(l) if l.steps[0].note.len() == MAX_STEP_NOTE_CHARS)
    );
    assert_eq!(lesson("t", vec![]), (None, vec![]));
}

/// A reader-defined theme parameter of about 800 bytes: twenty 40-letter terms.
fn long_theme(n: usize) -> String {
    format!(
        "custom=L{n}:{}",
        (0..20)
            .map(|i| format!("{i}{}", "t".repeat(38)))
            .collect::<Vec<_>>()
            .join("|")
    )
}

/// A step link past `MAX_STEP_LINK` is left out, and steps past `MAX_LESSON_STEPS_BYTES` are
/// too; what is kept prints to a link that reopens whole, under the fragment limit.
#[test]
fn long_lessons_are_cut_to_one_link() {
    // About 3.9 KB of step link each: 20 of them are past the lesson limit.
    let three: String = (0..4).map(long_theme).collect::<Vec<_>>().join("%26");
    let step = format!("step=/map?{three}!note");
    let url = format!("#/lesson?{}", vec![step; 20].join("&"));
    let (s, notices) = parse(&url, known());
    let View::Lesson(l) = &s.view else {
        panic!("{notices:?}")
    };
    assert!(l.len() < 20 && l.len() > 10, "{}", l.len());
    assert_eq!(notices, vec![Notice::LessonTooLong { kept: l.len() }]);
    let printed = print(&s, V);
    assert!(printed.len() < MAX_LESSON_STEPS_BYTES + 1024);
    assert_eq!(parse(&printed, known()), (s.clone(), vec![]));

    let five: String = (0..5).map(long_theme).collect::<Vec<_>>().join("%26");
    let (s, notices) = parse(&format!("#/lesson?step=/map?{five}&step=/map"), known());
    assert_eq!(s, state(lesson_view("", vec![(View::Map, "")], 1)));
    assert!(
        format!("{notices:?}").starts_with("[StepLeftOut { step: 1, why: TooLong }"),
        "{notices:?}"
    );
}

/// A query typed inside a step changes that step of the lesson link and nothing else; a view
/// that cannot be the step (a lesson, a link too long) gives `None`, for the app to leave.
#[test]
fn a_step_edited_inside_a_lesson_stays_in_the_lesson() {
    let url = "#/lesson?title=Bushehr&step=/map!Start&step=/explore?q=drones!Search%20here&step=/methods&at=2";
    let (s, notices) = parse(url, known());
    assert_eq!(notices, vec![]);
    let View::Lesson(l) = &s.view else {
        panic!("{s:?}")
    };
    let typed = state(explore(|e| e.query = "drones iran".into()));
    let edited = l.with_current(typed.clone()).unwrap();
    assert_eq!(
        print(&edited, V),
        "#/lesson?title=Bushehr&step=/map!Start&step=/explore?q=drones%2520iran!Search%20here\
         &step=/methods&at=2&v=0123456789ab"
    );
    assert_eq!(parse(&print(&edited, V), known()), (edited.clone(), vec![]));
    let View::Lesson(e) = &edited.view else {
        panic!()
    };
    assert_eq!((e.at, e.len(), e.title.as_str()), (2, 3, "Bushehr"));
    assert_eq!(e.current().unwrap(), &Step::new(typed, "Search here"));
    assert_eq!((&e.steps[0], &e.steps[2]), (&l.steps[0], &l.steps[2]));

    let (nested, _) = parse("#/lesson?step=/map", known());
    assert_eq!(l.with_current(nested), None);
    let five: String = (0..5).map(long_theme).collect::<Vec<_>>().join("&");
    let (long, notices) = parse(&format!("#/map?{five}"), known());
    assert_eq!((long.custom.len(), notices), (5, vec![]));
    assert_eq!(l.with_current(long), None, "a step past MAX_STEP_LINK");
    assert_eq!(Lesson::default().with_current(state(View::Map)), None);
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

/// Fragments that look like ours, built from real pieces and hostile noise.
fn fragment() -> impl Strategy<Value = String> {
    let seg = prop_oneof![
        Just("read".to_owned()),
        Just("explore".to_owned()),
        Just("compare".to_owned()),
        Just("source".to_owned()),
        Just("002".to_owned()),
        Just("004".to_owned()),
        Just("p3".to_owned()),
        Just("map".to_owned()),
        Just("lesson".to_owned()),
        Just("notes".to_owned()),
        "\\PC{0,8}",
    ];
    let key = prop_oneof![
        Just("q"),
        Just("themes"),
        Just("sources"),
        Just("entities"),
        Just("langs"),
        Just("mode"),
        Just("theme"),
        Just("differ"),
        Just("removed"),
        Just("custom"),
        Just("v"),
        Just("zz"),
        Just("title"),
        Just("step"),
        Just("step"),
        Just("at"),
        Just("label"),
        Just("question"),
        Just("answer"),
        Just("away"),
        Just("rename"),
        Just("merge"),
        Just("merge"),
        Just("hide"),
    ];
    let value = prop_oneof![
        Just("trade:military".to_owned()),
        Just("military:trade".to_owned()),
        Just("trade:Money%20and%20goods".to_owned()),
        Just("/explore?themes=trade%26merge=trade:military%26hide=finance!x".to_owned()),
        Just("military,ukraine".to_owned()),
        Just("001,004".to_owned()),
        Just("kwic".to_owned()),
        Just("1".to_owned()),
        Just("fr,en".to_owned()),
        Just("A:b|c".to_owned()),
        Just("%E2%80%AE".to_owned()),
        Just("/read/002/p4!Look%20here".to_owned()),
        Just("/compare/002/004?theme=trade%26differ=1!x".to_owned()),
        Just("%2Fexplore%3Fq%3Ddrones%2520iran%26themes%3Dmy1%26custom%3DA%3Ab".to_owned()),
        Just("/lesson?step=/map".to_owned()),
        Just("!note only".to_owned()),
        Just("2".to_owned()),
        Just("0".to_owned()),
        "\\PC{0,20}",
        "[%0-9A-Fa-f]{0,9}",
    ];
    (
        proptest::collection::vec(seg, 0..5),
        proptest::collection::vec((key, value), 0..6),
    )
        .prop_map(|(segs, params)| {
            let q: Vec<String> = params
                .into_iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            format!("#/{}?{}", segs.join("/"), q.join("&"))
        })
}

/// Text a teacher may type into a step, hostile too: any characters, line breaks, direction
/// overrides, controls.
fn step_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "\\PC{0,12}",
        1 => "[a\n\r\u{202E}\u{2066}\u{200B}\u{0}\u{7}😀 ]{0,16}",
    ]
}

/// Lesson links whose steps are any of the fragments above (lessons among them), with any notes,
/// names, questions and answers (some before any step, some given twice), and a view opened.
fn lesson_fragment() -> impl Strategy<Value = String> {
    let fields = proptest::collection::vec((0usize..3, step_text()), 0..3);
    (
        "\\PC{0,12}",
        proptest::collection::vec((fragment(), step_text(), any::<bool>(), fields), 0..6),
        proptest::option::of(0usize..8),
        proptest::option::of(fragment()),
        proptest::option::of((0usize..3, step_text())),
    )
        .prop_map(|(title, steps, at, away, stray)| {
            let enc = |s: &str| parallax_core::state::encode(s, b"");
            let names = ["label", "question", "answer"];
            let mut q = vec![format!("title={}", enc(&title))];
            if let Some((f, text)) = stray {
                q.push(format!("{}={}", names[f], enc(&text)));
            }
            for (link, note, raw, fields) in steps {
                // Steps written encoded, or pasted in as they are.
                let link = if raw { link } else { enc(&link) };
                q.push(format!("step={link}!{}", enc(&note)));
                for (f, text) in fields {
                    q.push(format!("{}={}", names[f], enc(&text)));
                }
            }
            if let Some(at) = at {
                q.push(format!("at={at}"));
            }
            if let Some(away) = away {
                q.push(format!("away={}", enc(&away)));
            }
            format!("#/lesson?{}", q.join("&"))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Lessons: the same identity, and the lesson built from the steps' states and notes is the
    /// one the link gives.
    #[test]
    fn lessons_print_parse_is_identity(input in lesson_fragment()) {
        let (state, _) = parse(&input, known());
        let url = print(&state, V);
        let (again, notices) = parse(&url, known());
        prop_assert_eq!(&again, &state);
        prop_assert!(lacking_only(&notices), "{} gave {:?}", url, notices);
        prop_assert_eq!(print(&again, V), url);
        if let View::Lesson(l) = &state.view {
            prop_assert!(!l.steps.is_empty() && (1..=l.steps.len()).contains(&l.at));
            let (built, notices) = lesson(&l.title, l.steps.clone());
            prop_assert!(notices.is_empty(), "{:?}", notices);
            prop_assert_eq!(built, Some(l.go(1)));
            // A student copy is a lesson too: it reopens as it is, without answers.
            let student = State::of(View::Lesson(l.without_answers()));
            let (again, notices) = parse(&print(&student, V), known());
            prop_assert!(lacking_only(&notices), "{:?}", notices);
            prop_assert!(!matches!(&again.view, View::Lesson(l) if l.has_answers()));
            prop_assert_eq!(again, student);
        }
    }

    /// Any parsed states make a lesson whose link reopens it exactly. Steps are drawn from a
    /// few links (generating each is the slow part), with short or overlong notes.
    #[test]
    fn built_lessons_reopen(
        links in proptest::collection::vec(prop_oneof![5 => fragment(), 1 => lesson_fragment()], 1..5),
        picks in proptest::collection::vec((any::<prop::sample::Index>(), any::<bool>()), 0..25),
        notes in ("\\PC{0,12}", "[\\PC\n]{590,620}"),
        title in prop_oneof![4 => "\\PC{0,12}", 1 => "\\PC{80,100}"],
        texts in proptest::collection::vec(prop_oneof![3 => step_text(), 1 => "[\\PC\n]{0,700}"], 3),
    ) {
        let states: Vec<State> = links.iter().map(|f| parse(f, known()).0).collect();
        let steps: Vec<Step> = picks
            .iter()
            .map(|(i, long)| {
                let note = if *long { &notes.1 } else { &notes.0 };
                Step {
                    label: texts[0].clone(),
                    question: texts[1].clone(),
                    answer: if *long { texts[2].clone() } else { String::new() },
                    ..Step::new(i.get(&states).clone(), note.clone())
                }
            })
            .collect();
        let (built, _) = lesson(&title, steps);
        if let Some(built) = built {
            let url = print(&built, V);
            let (again, notices) = parse(&url, known());
            prop_assert!(notices.is_empty(), "{} gave {:?}", url, notices);
            prop_assert_eq!(again, built);
        }
    }

    /// Any string parses, and the printed canonical link reparses to the same state and prints
    /// to the same link: parse ∘ print is the identity on canonical links.
    #[test]
    fn print_parse_is_identity(input in prop_oneof![fragment(), "\\PC{0,200}"]) {
        let (state, _) = parse(&input, known());
        let url = print(&state, V);
        let (again, notices) = parse(&url, known());
        prop_assert_eq!(&again, &state);
        prop_assert!(lacking_only(&notices), "{} gave {:?}", url, notices);
        prop_assert_eq!(print(&again, V), url);
    }

    /// Replacing an opened link by its canonical form keeps the state, and is done once: the
    /// replacement is itself canonical.
    #[test]
    fn canonical_replacement_keeps_the_state(input in prop_oneof![fragment(), "\\PC{0,200}"]) {
        let (state, notices) = parse(&input, known());
        if let Some(url) = canonical_replacement(input.trim_start_matches('#'), &state, &notices, V) {
            let (again, notices) = parse(&url, known());
            prop_assert_eq!(&again, &state);
            prop_assert_eq!(canonical_replacement(&url[1..], &again, &notices, V), None);
        }
    }
}

#[test]
fn the_view_shown_is_a_lessons_current_step() {
    let steps = vec![
        (View::Library, "Start here"),
        (read("002", Some("p4")), "Then read"),
    ];
    assert_eq!(state(View::Methods).shown_view(), &View::Methods);
    assert_eq!(
        state(lesson_view("L", steps.clone(), 1)).shown_view(),
        &View::Library
    );
    assert_eq!(
        state(lesson_view("L", steps, 2)).shown_view(),
        &read("002", Some("p4"))
    );
    // A lesson with no step to show is itself.
    let empty = lesson_view("L", Vec::new(), 1);
    assert_eq!(state(empty.clone()).shown_view(), &empty);
}

/// A fragment of exactly `MAX_FRAGMENT` bytes (after its `#`) is read whole; one byte more is cut
/// with a notice (cargo mutants: `>` and `>=` at the limit).
#[test]
fn a_fragment_at_the_limit_is_read_whole() {
    use parallax_core::state::{parse, raw, Notice, MAX_FRAGMENT};
    let head = "/explore?q=x&";
    let at_limit = format!("#{head}{}", "&".repeat(MAX_FRAGMENT - head.len()));
    assert_eq!(at_limit.len(), MAX_FRAGMENT + 1);
    assert!(!raw(&at_limit).truncated);
    assert!(!parse(&at_limit, known()).1.contains(&Notice::Truncated));
    let over = format!("{at_limit}&");
    assert!(raw(&over).truncated);
    assert!(parse(&over, known()).1.contains(&Notice::Truncated));
}

/// The limits of a link at their exact values (cargo mutants: each `>` against `>=` at a limit,
/// and a guard dropped, went unnoticed).
#[test]
fn limits_hold_at_their_exact_values() {
    use parallax_core::state::{MAX_LIST, MAX_TERMS, MAX_VALUE};
    let kinds = |n: &[Notice]| n.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>();

    // A list of exactly MAX_LIST values takes no notice; one more is too many.
    let list = |k: usize| {
        (0..k)
            .map(|i| format!("s{i}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    let (_, n) = parse(&format!("#/explore?sources={}", list(MAX_LIST)), known());
    assert!(
        !kinds(&n).iter().any(|k| k.starts_with("TooManyValues")),
        "{n:?}"
    );
    let (_, n) = parse(
        &format!("#/explore?sources={}", list(MAX_LIST + 1)),
        known(),
    );
    assert!(
        kinds(&n).iter().any(|k| k.starts_with("TooManyValues")),
        "{n:?}"
    );

    // A reader's theme keeps its first MAX_TERMS distinct terms, no more.
    let terms = (0..MAX_TERMS + 1)
        .map(|i| format!("t{i}"))
        .collect::<Vec<_>>()
        .join("|");
    let (s, _) = parse(&format!("#/explore?custom=Mine:{terms}"), known());
    assert_eq!(s.custom.len(), 1, "{s:?}");
    assert_eq!(s.custom[0].terms.len(), MAX_TERMS);
    assert_eq!(
        s.custom[0].terms.last().map(String::as_str),
        Some(format!("t{}", MAX_TERMS - 1).as_str())
    );

    // A language named twice is kept once.
    let (s, _) = parse("#/explore?langs=fr,en,fr", known());
    assert_eq!(s.view, explore(|e| e.langs = vec![Lang::En, Lang::Fr]));

    // A step's value of exactly MAX_VALUE bytes is read whole; a longer one is cut, with a
    // notice for that step.
    let step = |len: usize| {
        let head = "/map!";
        format!("#/lesson?step={head}{}", "n".repeat(len - head.len()))
    };
    let (_, n) = parse(&step(MAX_VALUE), known());
    assert!(!kinds(&n).iter().any(|k| k.contains("Truncated")), "{n:?}");
    let (_, n) = parse(&step(MAX_VALUE + 10), known());
    assert!(
        kinds(&n)
            .iter()
            .any(|k| k.starts_with("InStep { step: 1, notice: Truncated")),
        "{n:?}"
    );

    // Exactly MAX_STEPS steps make a lesson with no notice.
    let (built, n) = lesson(
        "",
        (0..MAX_STEPS)
            .map(|_| Step::new(state(View::Map), ""))
            .collect(),
    );
    assert!(n.is_empty(), "{n:?}");
    assert!(matches!(&built.unwrap().view, View::Lesson(l) if l.len() == MAX_STEPS));
}

/// `with_current` stays total on a lesson built by hand whose current step is past its steps,
/// and refuses a lesson as its current step wherever that step is (cargo mutants).
#[test]
fn editing_the_current_step_is_total() {
    let two = |at| match lesson_view("", vec![(View::Map, ""), (View::Methods, "")], at) {
        View::Lesson(l) => l,
        _ => unreachable!(),
    };
    for at in [0, 3, 4] {
        assert_eq!(two(at).with_current(state(View::Notes)), None, "at {at}");
    }
    let nested = state(lesson_view("", vec![(View::Map, "")], 1));
    for at in [1, 2] {
        assert_eq!(two(at).with_current(nested.clone()), None, "at {at}");
    }
    let edited = two(2).with_current(state(View::Notes)).unwrap();
    assert!(
        matches!(&edited.view, View::Lesson(l) if l.steps[1].state.view == View::Notes && l.at == 2)
    );
}

/// A state whose size, as `len` measures it, is exactly `target`: a view with reader's themes
/// (ASCII terms, one byte each however encoded) to come within reach, then a query's length.
fn sized(target: usize, len: impl Fn(&State) -> usize) -> State {
    use parallax_core::state::CustomTheme;
    let mut s = state(explore(|_| {}));
    'fill: for t in 0..5 {
        s.custom.push(CustomTheme {
            label: format!("l{t}{}", "b".repeat(58)),
            terms: Vec::new(),
        });
        for i in 0..20 {
            s.custom[t]
                .terms
                .push(format!("{t}{i:02}{}", "a".repeat(37)));
            if len(&s) + 100 > target {
                s.custom[t].terms.pop();
                break 'fill;
            }
        }
    }
    let with_query = |k: usize| {
        let mut s = s.clone();
        s.view = explore(|e| e.query = "q".repeat(k));
        s
    };
    let one = len(&with_query(1));
    assert!(one <= target && target - one < 250, "{one} for {target}");
    let s = with_query(1 + target - one);
    assert_eq!(len(&s), target);
    s
}

/// A step's link of exactly `MAX_STEP_LINK` bytes is kept, one byte more is left out; steps of
/// exactly `MAX_LESSON_STEPS_BYTES` in all are kept, one byte more drops the last (cargo
/// mutants: `>` against `>=` at both limits).
#[test]
fn lesson_limits_hold_at_their_exact_bytes() {
    use parallax_core::state::{encode, step_link, MAX_STEP_LINK};
    let link = |s: &State| step_link(s).len();
    let steps = |states: Vec<State>| states.into_iter().map(|s| Step::new(s, "")).collect();
    let (built, n) = lesson("", steps(vec![sized(MAX_STEP_LINK, link)]));
    assert!(built.is_some() && n.is_empty(), "{n:?}");
    let (built, n) = lesson("", steps(vec![sized(MAX_STEP_LINK + 1, link)]));
    assert!(
        built.is_none() && format!("{n:?}").contains("TooLong"),
        "{n:?}"
    );

    // What a step adds to the lesson: `&step=` and its link encoded as a parameter.
    let param = |s: &State| "&step=".len() + encode(&step_link(s), b"/?=,:|").len();
    let each = 3_300;
    let last = MAX_LESSON_STEPS_BYTES - (MAX_STEPS - 1) * each;
    let mut states: Vec<State> = (0..MAX_STEPS - 1).map(|_| sized(each, param)).collect();
    states.push(sized(last, param));
    let (built, n) = lesson("", steps(states.clone()));
    assert!(n.is_empty(), "{n:?}");
    assert!(matches!(&built.unwrap().view, View::Lesson(l) if l.len() == MAX_STEPS));
    *states.last_mut().unwrap() = sized(last + 1, param);
    let (built, n) = lesson("", steps(states));
    assert_eq!(
        n,
        vec![Notice::LessonTooLong {
            kept: MAX_STEPS - 1
        }]
    );
    assert!(matches!(&built.unwrap().view, View::Lesson(l) if l.len() == MAX_STEPS - 1));
}

/// The notices about a step's name, question or answer name the field in words, as the reader
/// reads them (cargo mutants: `StepField::name` made `""` or `"xyzzy"`).
#[test]
fn notices_about_a_steps_texts_name_the_field() {
    let long_question = "q".repeat(301);
    let (_, n) = parse(
        &format!("#/lesson?label=Early&step=/map&answer=A&answer=B&question={long_question}"),
        known(),
    );
    let said: Vec<String> = n.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        [
            "The link gives a name before any step; it was ignored.",
            "Step 1 has more than one answer; only the first was kept.",
            "The question of step 1 was longer than 300 characters and was cut.",
        ]
    );
}

/// The texts of a step at their limits: exactly the limit is kept whole without a notice, one
/// character more is cut with one; line breaks count as one character each (cargo mutants: `>`
/// against `>=` at each limit).
#[test]
fn step_texts_hold_at_their_exact_lengths() {
    use parallax_core::state::{
        StepField, MAX_ANSWER_CHARS, MAX_QUESTION_CHARS, MAX_STEP_LABEL_CHARS,
    };
    let with = |param: &str, text: &str| {
        parse(
            &format!(
                "#/lesson?step=/map&{param}={}",
                parallax_core::state::encode(text, b"")
            ),
            known(),
        )
    };
    for (param, field, max) in [
        ("label", StepField::Label, MAX_STEP_LABEL_CHARS),
        ("question", StepField::Question, MAX_QUESTION_CHARS),
        ("answer", StepField::Answer, MAX_ANSWER_CHARS),
    ] {
        assert_eq!(field.max_chars(), max);
        // Characters, not bytes: 4-byte ones count once.
        let whole = "😀".repeat(max);
        let (s, n) = with(param, &whole);
        assert_eq!(n, vec![], "{param} at its limit");
        let View::Lesson(l) = &s.view else { panic!() };
        assert_eq!(field.of(&l.steps[0]), &whole);
        let (s, n) = with(param, &format!("{whole}x"));
        assert_eq!(n, vec![Notice::FieldCut { step: 1, field }], "{param}");
        let View::Lesson(l) = &s.view else { panic!() };
        assert_eq!(field.of(&l.steps[0]), &whole);
        assert_eq!(
            n[0].to_string(),
            format!(
                "The {} of step 1 was longer than {max} characters and was cut.",
                field.name()
            )
        );
    }
    // A field's value past `MAX_VALUE` bytes is cut before it is read, said for its step.
    use parallax_core::state::MAX_VALUE;
    let (_, n) = with("answer", &"a".repeat(MAX_VALUE));
    assert_eq!(
        n,
        vec![Notice::FieldCut {
            step: 1,
            field: StepField::Answer
        }]
    );
    let (_, n) = with("answer", &"a".repeat(MAX_VALUE + 1));
    assert_eq!(
        n,
        vec![
            Notice::InStep {
                step: 1,
                notice: Box::new(Notice::Truncated)
            },
            Notice::FieldCut {
                step: 1,
                field: StepField::Answer
            }
        ]
    );
    // A note of several lines: the line breaks are characters of it.
    let note = format!(
        "{}\n{}",
        "a".repeat(299),
        "b".repeat(MAX_STEP_NOTE_CHARS - 300)
    );
    assert_eq!(note.chars().count(), MAX_STEP_NOTE_CHARS);
    let (s, n) = parse(
        &format!(
            "#/lesson?step=/map!{}",
            parallax_core::state::encode(&note, b"")
        ),
        known(),
    );
    assert_eq!(n, vec![]);
    assert!(matches!(&s.view, View::Lesson(l) if l.steps[0].note == note));
    let (s, n) = parse(
        &format!(
            "#/lesson?step=/map!{}%0Ab",
            parallax_core::state::encode(&note, b"")
        ),
        known(),
    );
    assert_eq!(n, vec![Notice::NoteCut { step: 1 }]);
    assert!(matches!(&s.view, View::Lesson(l) if l.steps[0].note == note));
    // A cut that falls on a line break keeps no break at the end.
    let (s, _) = parse(
        &format!(
            "#/lesson?step=/map!{}%0A%0Ab",
            "a".repeat(MAX_STEP_NOTE_CHARS)
        ),
        known(),
    );
    assert!(
        matches!(&s.view, View::Lesson(l) if l.steps[0].note == "a".repeat(MAX_STEP_NOTE_CHARS))
    );
}

/// Text of several lines as a link carries it: line breaks kept and counted, carriage returns
/// and every invisible character dropped, cut at `max` characters; idempotent.
#[test]
fn limit_lines_keeps_line_breaks_and_nothing_hidden() {
    use parallax_core::state::limit_lines;
    assert_eq!(limit_lines("a\nb", 3), ("a\nb".to_owned(), false));
    assert_eq!(limit_lines("a\nb", 2), ("a\n".to_owned(), true));
    assert_eq!(limit_lines("a\r\nb\r", 5), ("a\nb".to_owned(), false));
    assert_eq!(limit_lines("\n\nx", 3), ("\n\nx".to_owned(), false));
    assert_eq!(limit_lines("ab\ncd", 1), ("a".to_owned(), true));
    assert_eq!(limit_lines("ab", 2), ("ab".to_owned(), false));
    assert_eq!(limit_lines("", 0), (String::new(), false));
    assert_eq!(limit_lines("\n", 0), (String::new(), true));
    assert_eq!(
        limit_lines("\u{202E}x\u{2066}\n\u{200B}y\u{0007}\t", 10),
        ("x\ny".to_owned(), false)
    );
    for s in ["a\r\n\r\nb  ", "\u{202E}\n\n", "😀\n😀\n😀"] {
        let once = limit_lines(s, 4).0;
        assert_eq!(limit_lines(&once, 4), (once.clone(), false), "{s:?}");
    }
}

/// Every step's parameters count toward `MAX_LESSON_STEPS_BYTES`, names, questions and answers
/// with their `step=`: a lesson at the limit exactly is whole, one byte of a name more drops its
/// last step.
#[test]
fn the_lesson_limit_counts_every_field_of_a_step() {
    use parallax_core::state::{encode, step_link};
    let param = |s: &State| "&step=".len() + encode(&step_link(s), b"/?=,:|").len();
    let each = 3_300;
    // The last step has a name of one or two bytes: `&label=x` is 8 bytes.
    let last = MAX_LESSON_STEPS_BYTES - (MAX_STEPS - 1) * each - "&label=x".len();
    let mut steps: Vec<Step> = (0..MAX_STEPS - 1)
        .map(|_| Step::new(sized(each, param), ""))
        .collect();
    steps.push(Step {
        label: "x".into(),
        ..Step::new(sized(last, param), "")
    });
    let (built, n) = lesson("", steps.clone());
    assert_eq!(n, vec![]);
    assert!(matches!(&built.unwrap().view, View::Lesson(l) if l.len() == MAX_STEPS));
    steps.last_mut().unwrap().label = "xy".into();
    let (built, n) = lesson("", steps);
    assert_eq!(
        n,
        vec![Notice::LessonTooLong {
            kept: MAX_STEPS - 1
        }]
    );
    assert!(matches!(&built.unwrap().view, View::Lesson(l) if l.len() == MAX_STEPS - 1));
}

/// A step whose `step=` value would be longer than a parameter may be (a view built by hand
/// here; the parser gives one for a step on documents this copy lacks whose link came with
/// characters unencoded, which printing encodes) is left out, so that every printed lesson
/// reparses whole; one of exactly `MAX_VALUE` bytes is kept.
#[test]
fn a_step_value_past_max_value_is_left_out() {
    use parallax_core::state::{encode, step_link, MAX_STEP_LINK, MAX_VALUE};
    // `&` is one byte of a link and three of a `step=` value.
    let amp = state(View::Source(Source {
        doc: "&".repeat(4_000),
    }));
    assert!(step_link(&amp).len() <= MAX_STEP_LINK);
    let (built, n) = lesson(
        "",
        vec![Step::new(amp.clone(), "😀".repeat(MAX_STEP_NOTE_CHARS))],
    );
    const { assert!(12_000 + 12 * MAX_STEP_NOTE_CHARS > MAX_VALUE) };
    assert_eq!(built, None);
    assert_eq!(
        n,
        vec![Notice::StepLeftOut {
            step: 1,
            why: parallax_core::state::StepProblem::TooLong
        }]
    );
    // The same view with a short note fits.
    let (built, n) = lesson("", vec![Step::new(amp.clone(), "short")]);
    assert!(built.is_some() && n.is_empty(), "{n:?}");

    // A `step=` value of exactly `MAX_VALUE` bytes is kept, one byte more is not (cargo
    // mutants: `>` against `>=`): the link encoded as a parameter (each `&` as `%26`), `!`, and
    // a note of 364 emoji (12 bytes each) and letters (1 byte each) to make up the rest.
    let value =
        |note: &str| encode(&step_link(&amp), b"/?=,:|").len() + 1 + encode(note, b"").len();
    let note = |letters: usize| "😀".repeat(364) + &"a".repeat(letters);
    assert_eq!(value(&note(7)), MAX_VALUE);
    let (built, n) = lesson("", vec![Step::new(amp.clone(), note(7))]);
    assert!(
        matches!(&built.unwrap().view, View::Lesson(l) if l.steps[0].note == note(7)),
        "{n:?}"
    );
    assert_eq!(n, vec![]);
    let (built, n) = lesson("", vec![Step::new(amp, note(8))]);
    assert_eq!(built, None);
    assert_eq!(
        n,
        vec![Notice::StepLeftOut {
            step: 1,
            why: parallax_core::state::StepProblem::TooLong
        }]
    );
}

/// The largest step the parser can give (a step link at its limit, every text at its limit in
/// 4-byte characters) prints to a link that reopens whole, without a notice.
#[test]
fn a_step_at_every_limit_reopens_whole() {
    use parallax_core::state::{
        step_link, MAX_ANSWER_CHARS, MAX_QUESTION_CHARS, MAX_STEP_LABEL_CHARS, MAX_STEP_LINK,
    };
    let link = |s: &State| step_link(s).len();
    let big = sized(MAX_STEP_LINK, link);
    let emoji = |n: usize| "😀".repeat(n);
    let step = Step {
        state: big,
        note: emoji(MAX_STEP_NOTE_CHARS),
        label: emoji(MAX_STEP_LABEL_CHARS),
        question: emoji(MAX_QUESTION_CHARS),
        answer: emoji(MAX_ANSWER_CHARS),
    };
    let (built, n) = lesson(&emoji(MAX_TITLE_CHARS), vec![step.clone(), step]);
    assert_eq!(n, vec![]);
    let built = built.unwrap();
    let url = print(&built, V);
    assert_eq!(parse(&url, known()), (built, vec![]));
}

/// Leaving a step for a view and coming back: the lesson link keeps the lesson and the view
/// opened, the step's own view is the step again, Previous, Next and the steps list lead to
/// steps; a lesson or a view too long cannot be opened so (the app leaves the lesson).
#[test]
fn a_view_opened_from_a_step_keeps_the_way_back() {
    let url =
        "#/lesson?title=Away&step=/map!Look&label=The%20map&step=/explore?q=drones!Search&at=2";
    let (s, n) = parse(url, known());
    assert_eq!(n, vec![]);
    let View::Lesson(l) = &s.view else { panic!() };
    let reader = state(read("002", Some("p4")));
    let away = l.visit(reader.clone()).unwrap();
    assert_eq!(print(&away, V), format!("{url}&away=/read/002/p4&v={V}"));
    assert_eq!(parse(&print(&away, V), known()), (away.clone(), vec![]));
    assert_eq!(away.shown_view(), &reader.view);
    assert!(!away.is_not_found(&[]));
    let View::Lesson(a) = &away.view else {
        panic!()
    };
    assert_eq!(a.shown(), Some(&reader));
    assert_eq!(
        a.current().unwrap().note,
        "Search",
        "the step is still the current one"
    );
    // Back to the step, Previous and Next: steps, with no view opened.
    assert_eq!(a.go(a.at), s);
    assert_eq!(a.previous(), l.previous());
    assert_eq!(a.next(), None);
    // Another view from there replaces the one opened; the step's own view is the step again.
    let map = state(View::Map);
    let View::Lesson(b) = &a.visit(map.clone()).unwrap().view else {
        panic!()
    };
    assert_eq!(b.away.as_deref(), Some(&map));
    let step_view = l.current().unwrap().state.clone();
    assert_eq!(a.visit(step_view), Some(s.clone()));
    // What cannot be carried.
    assert_eq!(a.visit(s.clone()), None);
    let five: String = (0..5).map(long_theme).collect::<Vec<_>>().join("&");
    let (long, _) = parse(&format!("#/map?{five}"), known());
    assert_eq!(a.visit(long), None);
    // A view too long in a hand-made link is left out with a notice.
    let too_long = parallax_core::state::encode(&format!("/map?{five}"), b"/?=,:|");
    let (s2, n) = parse(&format!("{url}&away={too_long}"), known());
    assert_eq!(s2, s);
    assert_eq!(
        n,
        vec![Notice::AwayLeftOut(
            parallax_core::state::StepProblem::TooLong
        )]
    );
    // The view shown of a lesson with a view opened, and of one without.
    assert_eq!(s.shown_view(), &l.current().unwrap().state.view);
}

/// A view whose step link is exactly `MAX_STEP_LINK` bytes may be opened from a step, and the
/// lesson link reads back with it; one byte more may not, from the app nor from a link (cargo
/// mutants: `>` against `>=` in `Lesson::visit` and in the parser's `away=`).
#[test]
fn a_view_of_exactly_max_step_link_may_be_opened_from_a_step() {
    use parallax_core::state::{encode, step_link, StepProblem, MAX_STEP_LINK};
    let link = |s: &State| step_link(s).len();
    let url = "#/lesson?step=/map!Look&step=/methods";
    let (s, n) = parse(url, known());
    assert_eq!(n, vec![]);
    let View::Lesson(l) = &s.view else { panic!() };
    let fits = sized(MAX_STEP_LINK, link);
    let away = l.visit(fits.clone()).expect("exactly MAX_STEP_LINK bytes");
    let View::Lesson(a) = &away.view else {
        panic!()
    };
    assert_eq!(a.away.as_deref(), Some(&fits));
    assert_eq!(parse(&print(&away, V), known()), (away.clone(), vec![]));

    let over = sized(MAX_STEP_LINK + 1, link);
    assert_eq!(l.visit(over.clone()), None);
    let hand_made = format!("{url}&away={}", encode(&step_link(&over), b"/?=,:|"));
    assert_eq!(
        parse(&hand_made, known()),
        (s.clone(), vec![Notice::AwayLeftOut(StepProblem::TooLong)])
    );
}

/// An `away=` value of exactly `MAX_VALUE` bytes is read whole, without a notice; one byte more
/// is cut with one (cargo mutants: `>` against `==` and `>=`). Empty path segments make it
/// long and leave the view it opens the same.
#[test]
fn an_away_value_of_exactly_max_value_is_read_whole() {
    use parallax_core::state::MAX_VALUE;
    let with_away = |len: usize| {
        let away = format!("/notes{}", "/".repeat(len - "/notes".len()));
        parse(&format!("#/lesson?step=/map!Look&away={away}"), known())
    };
    let View::Lesson(l) = lesson_view("", vec![(View::Map, "Look")], 1) else {
        unreachable!()
    };
    let opened = l.visit(state(View::Notes)).unwrap();
    assert_eq!(with_away(MAX_VALUE), (opened.clone(), vec![]));
    assert_eq!(
        with_away(MAX_VALUE + 1),
        (opened, vec![Notice::InAway(Box::new(Notice::Truncated))])
    );
}

/// A student copy leaves every answer out and nothing else; a name, question and answer stay
/// with their step when it is moved or edited.
#[test]
fn a_student_copy_has_no_answers() {
    let url = "#/lesson?title=Quiz&step=/map!Look&question=Which%3F&answer=This%20one&step=/methods&label=How&answer=Like%20so";
    let (s, n) = parse(url, known());
    assert_eq!(n, vec![]);
    let View::Lesson(l) = &s.view else { panic!() };
    assert!(l.has_answers());
    let student = l.without_answers();
    assert!(!student.has_answers());
    assert!(!Lesson::default().has_answers());
    assert_eq!(
        print(&state(View::Lesson(student.clone())), V),
        format!(
            "#/lesson?title=Quiz&step=/map!Look&question=Which%3F&step=/methods&label=How&v={V}"
        )
    );
    for (a, b) in l.steps.iter().zip(&student.steps) {
        assert_eq!(
            (&a.state, &a.note, &a.label, &a.question),
            (&b.state, &b.note, &b.label, &b.question)
        );
        assert_eq!(b.answer, "");
    }
    assert_eq!(student.title, l.title);
    // A query typed into a step keeps the step's name, question and answer.
    let typed = state(View::Explore(Explore {
        query: "x".into(),
        ..Explore::default()
    }));
    let View::Lesson(e) = &l.with_current(typed.clone()).unwrap().view else {
        panic!()
    };
    assert_eq!(e.steps[0].state, typed);
    assert_eq!(
        (&e.steps[0].question[..], &e.steps[0].answer[..]),
        ("Which?", "This one")
    );
}

/// What the builder says of a link's length, at the exact limits.
#[test]
fn a_links_fit_is_said_at_its_exact_limits() {
    use parallax_core::state::{LinkFit, MAX_QR_BYTES, MAX_SHARE_BYTES};
    assert_eq!(MAX_QR_BYTES, 1_273);
    assert_eq!(MAX_SHARE_BYTES, 8_000);
    assert_eq!(LinkFit::of(0), LinkFit::Qr);
    assert_eq!(LinkFit::of(MAX_QR_BYTES), LinkFit::Qr);
    assert_eq!(LinkFit::of(MAX_QR_BYTES + 1), LinkFit::Link);
    assert_eq!(LinkFit::of(MAX_SHARE_BYTES), LinkFit::Link);
    assert_eq!(LinkFit::of(MAX_SHARE_BYTES + 1), LinkFit::TooLong);
    assert!(LinkFit::Link
        .to_string()
        .contains("(at most 1,273 characters)"));
    assert!(LinkFit::TooLong
        .to_string()
        .contains("more than 8,000 characters"));
    assert!(LinkFit::Qr.to_string().contains("QR code"));
}

/// What every kind of view is called in a lesson's lists of steps, its handout and its export:
/// sources by their titles, themes by their labels (a reader's own by the label she gave it).
#[test]
fn every_view_has_a_name_that_says_what_it_shows() {
    use parallax_core::state::{view_name, CustomTheme};
    let corpus = common::real_corpus();
    let t = |id: &str| corpus.title_of(id).to_owned();
    assert_eq!(
        t("002"),
        "Unpacking The Iran-Russia Alliance: A New Global Dynamic"
    );
    let name = |view: View| view_name(corpus, &state(view));
    assert_eq!(name(View::Library), "All sources");
    assert_eq!(name(View::Overview { part: None }), "Story overview");
    assert_eq!(
        name(View::Overview {
            part: Some(OverviewPart::Disagreements)
        }),
        "Story overview: where the sources disagree"
    );
    assert_eq!(
        name(read("002", Some("p3"))),
        format!("Read “{}”, passage 3", t("002"))
    );
    assert_eq!(name(read("002", None)), format!("Read “{}”", t("002")));
    assert_eq!(
        name(View::Read(Read {
            show_removed: true,
            ..Read::at("004", None)
        })),
        format!("Read “{}”, with what cleaning removed", t("004"))
    );
    assert_eq!(name(explore(|_| {})), "Explore");
    assert_eq!(
        name(explore(|e| {
            e.query = "sanction*".into();
            e.themes = vec!["trade".into(), "energy".into()];
            e.kwic = true;
        })),
        "Explore “sanction*” in Trade and economic ties, Energy and nuclear, words in context"
    );
    assert_eq!(name(View::Map), "Themes in each source");
    assert_eq!(
        name(View::Compare(Compare {
            docs: vec!["000".into(), "002".into()],
            theme: Some("trade".into()),
            only_differ: true,
        })),
        format!(
            "Compare “{}” and “{}” on Trade and economic ties, where they differ",
            t("000"),
            t("002")
        )
    );
    assert_eq!(
        name(View::Source(Source { doc: "003".into() })),
        format!("Profile of “{}”", t("003"))
    );
    assert_eq!(name(View::Methods), "Methods");
    assert_eq!(name(View::Notes), "Your notes");
    assert_eq!(name(View::Lesson(Lesson::default())), "Lesson");
    assert_eq!(name(View::Handout(Lesson::default())), "Lesson handout");
    assert_eq!(
        name(View::Missing(Missing {
            link: "/read/zz9".into(),
            docs: vec!["zz9".into()],
        })),
        "A document this copy does not have (zz9)"
    );
    // An id the corpus lacks is named as it is.
    assert_eq!(
        name(View::Source(Source { doc: "zz9".into() })),
        "Profile of “zz9”"
    );

    // A reader-defined theme by the label she gave it, in a comparison and in a search.
    let own = State {
        view: View::Compare(Compare {
            docs: vec!["001".into(), "003".into()],
            theme: Some("my2".into()),
            only_differ: false,
        }),
        custom: vec![
            CustomTheme {
                label: "Oil".into(),
                terms: vec!["oil".into()],
            },
            CustomTheme {
                label: "Grain & wheat".into(),
                terms: vec!["grain".into()],
            },
        ],
        edits: Default::default(),
    };
    assert_eq!(
        view_name(corpus, &own),
        format!("Compare “{}” and “{}” on Grain & wheat", t("001"), t("003"))
    );
    let search = State {
        view: explore(|e| e.themes = vec!["my1".into()]),
        ..own.clone()
    };
    assert_eq!(view_name(corpus, &search), "Explore in Oil");
    // Without her themes, an unknown theme id stays as it is.
    assert_eq!(
        view_name(corpus, &state(explore(|e| e.themes = vec!["my1".into()]))),
        "Explore in my1"
    );

    // A step is called by the teacher's name, else by its view's.
    let step = Step::new(state(read("002", Some("p3"))), "A note");
    assert_eq!(step.name(corpus), format!("Read “{}”, passage 3", t("002")));
    let named = Step {
        label: "The first claim".into(),
        ..step
    };
    assert_eq!(named.name(corpus), "The first claim");
}

/// Each part of the overview has its name in a link and the question it answers, which the
/// overview's headings and the library's "Start here" links show (the prerendered library too).
#[test]
fn each_overview_part_has_its_id_and_its_question() {
    let parts: Vec<(&str, &str)> = OverviewPart::ALL
        .into_iter()
        .map(|p| (p.id(), p.question()))
        .collect();
    assert_eq!(
        parts,
        vec![
            ("copies", "Who copied whom?"),
            ("disagreements", "Where do the sources disagree?"),
            ("framing", "How does each source frame the story?"),
            ("cleaning", "What was cut out of each page, and why?"),
        ]
    );
    for p in OverviewPart::ALL {
        assert_eq!(OverviewPart::from_id(p.id()), Some(p));
    }
}

proptest! {
    /// What the explorer's box holds is what the reader typed while it cleans to the link's
    /// query (`clean_query`): that is the query a typed text becomes through its printed link.
    #[test]
    fn a_typed_query_becomes_its_cleaned_self_through_the_link(q in "\\PC{0,300}|[ a\u{200B}\u{202E}\t]{0,20}") {
        let typed = State {
            view: explore(|e| e.query = q.clone()),
            ..State::default()
        };
        let link = print(&typed, V);
        let (state, _) = parse(link.strip_prefix('#').unwrap_or(&link), known());
        let View::Explore(e) = state.view else { panic!("{link}: not the explorer") };
        prop_assert_eq!(e.query, clean_query(&q));
    }
}
