//! A lesson's handout: its link (`#/handout?…`, a lesson's title and steps, never a step itself)
//! and what it prints of each step, from the real corpus and its analyses; the whole lesson's
//! export, a row a step, read back as a spreadsheet, plain text and Markdown.

mod common;

use parallax_core::analysis::Analysis;
use parallax_core::export::{Format, LinkBase, Made};
use parallax_core::handout::{content, Content, Sources, MAX_RESULTS, MAX_ROWS};
use parallax_core::state::{
    lesson, parse, print, Compare, Explore, Lesson, Notice, Read, State, Step, View,
};

const V: &str = "0123456789ab";

fn state(view: View) -> State {
    State {
        view,
        custom: Vec::new(),
        edits: Default::default(),
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

/// The analyses of the real corpus a handout reads, made once.
struct Analyses {
    analysis: Analysis,
    reuse: Vec<parallax_core::reuse::ReusePair>,
    facts: Vec<parallax_core::facts::FactGroup>,
}

impl Analyses {
    fn sources(&self) -> Sources<'_> {
        Sources {
            corpus: common::real_corpus(),
            analysis: &self.analysis,
            reuse: &self.reuse,
            facts: &self.facts,
        }
    }
}

fn sources() -> &'static Analyses {
    static A: std::sync::OnceLock<Analyses> = std::sync::OnceLock::new();
    A.get_or_init(|| {
        let corpus = common::real_corpus();
        Analyses {
            analysis: Analysis::new(corpus, &[]),
            reuse: parallax_core::reuse::find(corpus),
            facts: parallax_core::facts::facts(corpus, &corpus.claims),
        }
    })
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

/// The handout made from a lesson at its last step, with a view opened from that step, is the
/// handout made from its first: every step, at none and from none (cargo mutants: the `at` and
/// `away` of `Lesson::handout`).
#[test]
fn a_handout_is_the_same_from_any_step_of_its_lesson() {
    let l = three_steps();
    let View::Lesson(at_3) = l.go(3).view else {
        panic!("a lesson")
    };
    let View::Lesson(away) = at_3.visit(state(View::Map)).unwrap().view else {
        panic!("a lesson")
    };
    assert_eq!((away.at, away.away.is_some()), (3, true));
    let h = away.handout();
    let View::Handout(hl) = &h.view else {
        panic!("a handout")
    };
    assert_eq!((hl.at, hl.away.is_none(), hl.len()), (1, true, 3));
    assert_eq!(h, l.handout());
    assert_eq!(
        print(&h, V),
        print(&l.go(1), V).replacen("/lesson?", "/handout?", 1)
    );
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
    let s = &sources().sources();
    let at = LinkBase {
        base: "https://example.org/",
        version: V,
        custom: &[],
        edits: &parallax_core::state::NO_THEME_CHANGES,
        pages: &[],
    };
    let l = three_steps();
    let got: Vec<Content> = l
        .steps
        .iter()
        .map(|step| content(s, &step.state.view, at))
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
            let hits = s.analysis.facets(corpus, &filter).hits;
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
    match content(s, &View::Read(Read::at(&doc.id, None)), at) {
        Content::Source { title, opening, .. } => {
            assert_eq!(title, doc.title);
            assert!(doc.passages[0]
                .text
                .starts_with(opening.trim_end_matches('…')));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(content(s, &View::Map, at), Content::Nothing);
}

/// The CSV as a spreadsheet reads it, each line ended as RFC 4180 asks.
fn spreadsheet(csv: &str) -> Vec<Vec<String>> {
    assert!(csv.ends_with("\r\n"));
    common::spreadsheet(csv)
}

/// The lesson's export, in its student or teacher copy, with each step's words to read from
/// the handout's content.
fn lesson_table(teacher: bool) -> (Lesson, Vec<String>, parallax_core::export::Table) {
    let corpus = common::real_corpus();
    let s = &sources().sources();
    let at = LinkBase {
        base: BASE,
        version: V,
        custom: &[],
        edits: &parallax_core::state::NO_THEME_CHANGES,
        pages: &[],
    };
    let l = three_steps();
    let quotations: Vec<String> = l
        .steps
        .iter()
        .map(|step| content(s, &step.state.view, at).quotation())
        .collect();
    let made = Made {
        at,
        date: "2026-12-05",
    };
    let table = parallax_core::export::lesson(corpus, &l, &quotations, teacher, &made);
    (l, quotations, table)
}

const BASE: &str = "https://example.org/parallax/";

#[test]
fn a_lessons_export_has_a_row_a_step_with_its_name_link_texts_and_words_to_read() {
    let corpus = common::real_corpus();
    let (l, quotations, table) = lesson_table(false);
    let doc = &corpus.documents[1];
    // The passage the first step names, whole when short, else cut at a word; nothing to
    // read in a comparison or a search.
    assert!(!quotations[0].is_empty());
    assert!(doc.passages[3]
        .text
        .starts_with(quotations[0].trim_end_matches('…')));
    assert_eq!(quotations[1..], [String::new(), String::new()]);

    let rows = spreadsheet(&table.write(Format::Csv));
    assert_eq!(
        rows[0],
        ["Step", "Name", "Link", "Note", "Question", "Text to read"]
    );
    assert_eq!(rows.len(), 4);
    let names: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        names,
        [
            format!("Read “{}”, passage 4", doc.title).as_str(),
            "Who says what",
            "Explore “sanction*”",
        ]
    );
    for (i, row) in rows[1..].iter().enumerate() {
        let n = i + 1;
        assert_eq!(row[0], n.to_string());
        // The link opens the lesson at this step, in the student copy.
        let fragment = row[2]
            .strip_prefix(BASE)
            .expect("a link from the page's address");
        let (state, notices) = parsed(fragment);
        assert!(notices.is_empty(), "{notices:?}");
        let View::Lesson(opened) = &state.view else {
            panic!("{fragment} opens no lesson")
        };
        assert_eq!(opened.at, n);
        assert_eq!(opened.current(), l.without_answers().step(n));
        assert_eq!(opened.step_state(n), l.step_state(n));
        assert!(!opened.has_answers());
        assert_eq!(row[3], l.steps[i].note);
        assert_eq!(row[4], l.steps[i].question);
        assert_eq!(row[5], quotations[i]);
    }
    // A note of two lines is one quoted cell, read back with its line break.
    assert_eq!(rows[2][3], "Compare the two.\nLook at the dates.");
    // No answer anywhere in the student copy.
    for format in Format::ALL {
        assert!(
            !table.write(format).contains("The second one"),
            "{format:?}"
        );
    }
    assert_eq!(
        table.file_name(Format::Csv),
        "parallax-lesson-two-views-2026-12-05.csv"
    );
}

#[test]
fn a_teacher_copys_export_has_the_answers() {
    let (l, _, table) = lesson_table(true);
    let rows = spreadsheet(&table.write(Format::Csv));
    assert_eq!(
        rows[0],
        [
            "Step",
            "Name",
            "Link",
            "Note",
            "Question",
            "Answer",
            "Text to read"
        ]
    );
    let answers: Vec<&str> = rows[1..].iter().map(|r| r[5].as_str()).collect();
    assert_eq!(answers, ["", "The second one", ""]);
    // The links still open the student copy: the export is the teacher's, the links are for
    // her class.
    assert!(rows[1..].iter().all(|r| !r[2].contains("answer=")));
    assert!(!table.link.contains("answer="));
    assert_eq!(
        table.file_name(Format::Markdown),
        "parallax-lesson-two-views-teacher-2026-12-05.md"
    );
    let text = table.write(Format::Text);
    assert!(
        text.contains("Copy: Teacher copy, with the answers\n"),
        "{text}"
    );
    assert!(text.contains("\n  Answer: The second one\n"), "{text}");
    assert_eq!(l.steps[1].answer, "The second one");
}

#[test]
fn a_lessons_text_and_markdown_read_as_prose() {
    let corpus = common::real_corpus();
    let doc = &corpus.documents[1];
    let (_, quotations, table) = lesson_table(true);
    let text = table.write(Format::Text);
    assert!(text.starts_with("\u{feff}Two views\n"), "{text}");
    assert!(text.contains("Steps: 3 steps\n"), "{text}");
    assert!(
        text.contains(&format!(
            "• Step 1: Read “{}”, passage 4\n  “{}”\n  Link: {BASE}#/lesson?",
            doc.title,
            parallax_core::strings::one_line(&quotations[0])
        )),
        "{text}"
    );
    assert!(text.contains("  Note: Read this.\n"), "{text}");
    // The note's two lines as one.
    assert!(
        text.contains("  Note: Compare the two. Look at the dates.\n"),
        "{text}"
    );

    let md = table.write(Format::Markdown);
    assert!(md.starts_with("# Two views\n\n"), "{md}");
    // Ordinary prose as it is: no escaping of full stops, question marks, hyphens or colons.
    assert!(
        md.contains(&format!("**Step 1: Read “{}”, passage 4**", doc.title)),
        "{md}"
    );
    assert!(md.contains("**Step 2: Who says what**"), "{md}");
    assert!(md.contains("- Note: Read this.\n"), "{md}");
    assert!(md.contains("- Question: Which figure differs?\n"), "{md}");
    assert!(md.contains("- Answer: The second one\n"), "{md}");
    assert!(
        md.contains("- Note: Compare the two. Look at the dates.\n"),
        "{md}"
    );
    // The passage as a quotation, and each link an autolink to the page.
    assert!(md.contains("\n> "), "{md}");
    assert_eq!(md.matches(&format!("<{BASE}#/lesson?")).count(), 4, "{md}");
    // No empty quotation for a step with nothing to read.
    assert!(!md.contains(">  \n") && !md.contains("> \n"), "{md}");
    assert!(!text.contains("“”"), "{text}");
}
