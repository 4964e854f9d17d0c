//! A lesson's handout: its link (`#/handout?…`, a lesson's title and steps, never a step itself)
//! and what it prints of each step, from the real corpus and its analyses.

mod common;

use parallax_core::analysis::Analysis;
use parallax_core::export::LinkBase;
use parallax_core::handout::{content, Content, Sources, MAX_RESULTS, MAX_ROWS};
use parallax_core::state::{
    lesson, parse, print, Compare, Explore, Lesson, Notice, Read, State, Step, View,
};

const V: &str = "0123456789ab";

fn state(view: View) -> State {
    State {
        view,
        custom: Vec::new(),
    }
}

/// A three-step lesson on the real corpus: a passage, a comparison, a search; the second step
/// has a question and an answer.
fn three_steps() -> Lesson {
    let k = common::known();
    let (doc, passages) = &k.docs[1];
    let steps = vec![
        Step::new(
            state(View::Read(Read::at(doc, Some(&passages[3])))),
            "Read this.",
        ),
        Step {
            label: "Who says what".into(),
            question: "Which figure differs?".into(),
            answer: "The second one".into(),
            ..Step::new(
                state(View::Compare(Compare {
                    docs: vec![k.docs[0].0.clone(), k.docs[1].0.clone()],
                    ..Compare::default()
                })),
                "Compare the two.\nLook at the dates.",
            )
        },
        Step::new(
            state(View::Explore(Explore {
                query: "sanction*".into(),
                ..Explore::default()
            })),
            "",
        ),
    ];
    match lesson("Two views", steps).0.unwrap().view {
        View::Lesson(l) => l,
        _ => unreachable!(),
    }
}

fn parsed(link: &str) -> (State, Vec<Notice>) {
    parse(link.strip_prefix('#').unwrap(), common::known())
}

#[test]
fn a_handout_link_is_the_lessons_steps_and_reads_back_whole() {
    let l = three_steps();
    let h = l.handout();
    let link = print(&h, V);
    assert!(
        link.starts_with("#/handout?title=Two%20views&step=/read/"),
        "{link}"
    );
    assert!(link.contains("&answer=The%20second%20one"), "{link}");
    let (back, notices) = parsed(&link);
    assert_eq!(back, h);
    assert!(notices.is_empty(), "{notices:?}");
    // The same parameters as the lesson's link, under another path and without `at`.
    let lesson_link = print(&l.go(2), V);
    assert_eq!(
        lesson_link
            .replacen("/lesson?", "/handout?", 1)
            .replace("&at=2", ""),
        link
    );
}

#[test]
fn a_student_copys_handout_has_no_answers_and_a_teachers_has_them() {
    let l = three_steps();
    let student = print(&l.without_answers().handout(), V);
    let teacher = print(&l.handout(), V);
    assert!(!student.contains("answer="));
    assert!(teacher.contains("answer="));
    let View::Handout(s) = parsed(&student).0.view else {
        panic!("a handout")
    };
    assert!(!s.has_answers());
    assert_eq!(s.steps[1].question, "Which figure differs?");
}

#[test]
fn a_handout_opens_at_no_step_and_from_none() {
    let l = three_steps();
    let lesson_link = print(&l.go(3), V);
    let odd = lesson_link.replacen("/lesson?", "/handout?", 1) + "&away=/map";
    let (s, _) = parsed(&odd);
    assert_eq!(s, l.handout());
    let View::Handout(h) = &s.view else { panic!() };
    assert_eq!((h.at, h.away.is_none()), (1, true));
}

#[test]
fn a_handout_is_never_a_step_nor_a_view_opened_from_one() {
    let l = three_steps();
    // As a step of a lesson being made.
    let (made, notices) = lesson("", vec![Step::new(l.handout(), "")]);
    assert!(made.is_none());
    assert!(
        format!("{notices:?}").contains("NestedLesson"),
        "{notices:?}"
    );
    // As a step in a link, and as the view opened from a step.
    let step = "#/lesson?step=/handout?step=/map&step=/methods&v=0123456789abcdef";
    let (s, notices) = parsed(step);
    let View::Lesson(got) = &s.view else { panic!() };
    assert_eq!(got.len(), 1);
    assert!(
        format!("{notices:?}").contains("NestedLesson"),
        "{notices:?}"
    );
    assert!(l.visit(l.handout()).is_none());
    let (s, notices) = parsed("#/lesson?step=/map&away=/handout?step=/map");
    let View::Lesson(got) = &s.view else { panic!() };
    assert!(got.away.is_none());
    assert!(
        format!("{notices:?}").contains("AwayLeftOut"),
        "{notices:?}"
    );
}

#[test]
fn an_empty_handout_is_not_found() {
    let (s, notices) = parsed("#/handout?title=Nothing");
    assert_eq!(s.view, View::Library);
    assert!(s.is_not_found(&notices));
}

#[test]
fn each_step_prints_its_key_content_from_the_corpus() {
    let corpus = common::real_corpus();
    let analysis = Analysis::new(corpus, &[]);
    let reuse = parallax_core::reuse::find(corpus);
    let facts = parallax_core::facts::facts(corpus, &corpus.claims);
    let s = Sources {
        corpus,
        analysis: &analysis,
        reuse: &reuse,
        facts: &facts,
    };
    let at = LinkBase {
        base: "https://example.org/",
        version: V,
        custom: &[],
    };
    let l = three_steps();
    let got: Vec<Content> = l
        .steps
        .iter()
        .map(|step| content(&s, &step.state.view, at))
        .collect();
    // The passage, word for word.
    let doc = &corpus.documents[1];
    match &got[0] {
        Content::Passage {
            title,
            doc: id,
            text,
            ..
        } => {
            assert_eq!((title, id), (&doc.title, &doc.id));
            assert_eq!(text, &doc.passages[3].text);
        }
        other => panic!("{other:?}"),
    }
    // The comparison's table as people read it: no id columns, at most MAX_ROWS rows.
    match &got[1] {
        Content::Table { headings, rows, .. } => {
            assert!(!rows.is_empty() && rows.len() <= MAX_ROWS);
            assert!(!headings.iter().any(|h| h.contains(" id")), "{headings:?}");
            assert!(rows.iter().all(|r| r.len() == headings.len()));
        }
        other => panic!("{other:?}"),
    }
    // The search's first results, in the explorer's order.
    match &got[2] {
        Content::Results {
            query,
            found,
            results,
        } => {
            let filter = parallax_core::analysis::Filter {
                query: "sanction*".into(),
                ..Default::default()
            };
            let hits = analysis.facets(corpus, &filter).hits;
            assert_eq!((query.as_str(), *found), ("sanction*", hits.len()));
            assert_eq!(results.len(), MAX_RESULTS.min(hits.len()));
            assert!(results.len() >= 2);
            let first = hits[0];
            let d = &corpus.documents[first.doc as usize];
            assert!(results[0].place.contains(&d.title));
            assert!(d.passages[first.passage as usize]
                .text
                .starts_with(results[0].text.trim_end_matches('…')));
        }
        other => panic!("{other:?}"),
    }
    // A source at its start: its title and first passage; a map: nothing more.
    match content(&s, &View::Read(Read::at(&doc.id, None)), at) {
        Content::Source { title, opening, .. } => {
            assert_eq!(title, doc.title);
            assert!(doc.passages[0]
                .text
                .starts_with(opening.trim_end_matches('…')));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(content(&s, &View::Map, at), Content::Nothing);
}
