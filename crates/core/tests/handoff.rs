//! Links between copies of Parallax: a text pasted into "Open a link" (real link shapes, what
//! chat apps and e-mail wrap around them, hostile and huge text, Unicode), where a link written
//! to share begins (`share_base`), and links that name documents this copy does not have (one
//! notice naming them, lesson steps kept whole, printed back as they came).

mod common;
#[path = "common/counting.rs"]
mod counting;

use common::known;
use parallax_core::state::{
    fragment_of, get_documents, open_pasted, parse, prerendered_page, print, share_base,
    step_needs, Lesson, NotALink, Notice, Read, State, View, COMPARE_PAGE, EXPLORE_PAGE,
    MAX_FRAGMENT, MAX_PASTE_CHARS, MAX_STEPS, OPEN_IN_YOUR_COPY,
};
use proptest::prelude::*;

const V: &str = "0123456789ab";

fn ok(text: &str) -> String {
    fragment_of(text).unwrap_or_else(|e| panic!("{text:?} was refused: {e}"))
}

#[test]
fn real_link_shapes_give_their_fragment() {
    let lesson = format!("/lesson?title=Two%20views&step=/read/002/p4!Look&step=/map&at=2&v={V}");
    for (text, fragment) in [
        (
            format!("https://example.org/parallax/#{lesson}"),
            lesson.as_str(),
        ),
        ("file:///home/x/parallax.html#/read/001".into(), "/read/001"),
        (
            "http://localhost:8080/#/compare/002/004".into(),
            "/compare/002/004",
        ),
        (
            "C:\\Users\\ana\\Downloads\\parallax.html#/map".into(),
            "/map",
        ),
        (
            "file:///C:/Users/ana/parallax%20(1).html#/map".into(),
            "/map",
        ),
        ("#/read/002".into(), "/read/002"),
        ("/read/002".into(), "/read/002"),
        ("#/".into(), "/"),
        // The first `#/`: an ordinary anchor before it is not the link's.
        (
            "https://example.org/page#top and https://example.org/p/#/map".into(),
            "/map",
        ),
    ] {
        assert_eq!(ok(&text), fragment, "{text}");
    }
}

#[test]
fn what_chat_apps_and_email_wrap_around_a_link_is_left_out() {
    for text in [
        "  <https://example.org/p/#/read/002/p4>  ",
        "\"https://example.org/p/#/read/002/p4\"",
        "'#/read/002/p4'",
        "“https://example.org/p/#/read/002/p4”",
        "‘https://example.org/p/#/read/002/p4’",
        "«#/read/002/p4»",
        "`#/read/002/p4`",
        "(https://example.org/p/#/read/002/p4)",
        "[<\"#/read/002/p4\">]",
        "\u{feff}\u{200b} https://example.org/p/#/read/002/p4 \r\n",
        "\u{202b}https://example.org/p/#/read/002/p4\u{202c}",
        "\t\n#/read/002/p4\n\n",
        // In a sentence: the link ends at the first space or line break, and the sentence's
        // punctuation after it is not part of it.
        "Open this: https://example.org/p/#/read/002/p4. Thanks!",
        "See (https://example.org/p/#/read/002/p4), then answer.",
        "Here it is -> https://example.org/p/#/read/002/p4\nSee you tomorrow",
        "👉 https://example.org/p/#/read/002/p4 👈",
    ] {
        assert_eq!(ok(text), "/read/002/p4", "{text:?}");
    }
}

#[test]
fn a_link_wrapped_in_another_address_is_decoded_once() {
    // A mail filter's wrapper: the lesson link percent-encoded as one of its parameters, its
    // own `&` and `%` encoded again, then the wrapper's parameters after a bare `&`.
    let text = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.org%2Fparallax%2F%23%2Flesson%3Ftitle%3DTwo%2520views%26step%3D%2Fmap%21Look%26v%3D0123456789ab&data=05%7C01&reserved=0";
    let fragment = ok(text);
    assert_eq!(
        fragment,
        "/lesson?title=Two%20views&step=/map!Look&v=0123456789ab"
    );
    let pasted = open_pasted(text, known()).unwrap();
    let View::Lesson(l) = &pasted.state.view else {
        panic!("not a lesson: {:?}", pasted.state)
    };
    assert_eq!(l.title, "Two views");
    assert_eq!(l.steps[0].note, "Look");
    assert_eq!(pasted.notices, vec![]);
    // `%23/` as well, and in capitals or not.
    assert_eq!(
        ok("x?u=https%3a%2f%2fx.org%2f%23/read/002&y=1"),
        "/read/002"
    );
    // A link copied from HTML source: `&amp;` is `&`.
    assert_eq!(
        ok("https://x.org/#/explore?q=oil&amp;themes=trade&amp;v=0123456789ab"),
        "/explore?q=oil&themes=trade&v=0123456789ab"
    );
}

#[test]
fn texts_that_are_no_parallax_link_say_why() {
    for (text, why) in [
        ("", NotALink::Empty),
        ("   \n\t ", NotALink::Empty),
        ("\"\"", NotALink::Empty),
        ("<>", NotALink::Empty),
        ("“ ”", NotALink::Empty),
        ("https://example.org/parallax/", NotALink::NoFragment),
        ("https://example.org/page#section-2", NotALink::NoFragment),
        ("read/001", NotALink::NoFragment),
        ("Parallax", NotALink::NoFragment),
        ("%23section", NotALink::NoFragment),
        ("<script>alert(1)</script>", NotALink::NoFragment),
        // One quote is no pair around a link (cargo mutants: the length a pair needs, made
        // `open - close`, cut the text inside one character and panicked).
        ("\"", NotALink::NoFragment),
        (" ' ", NotALink::NoFragment),
        ("`", NotALink::NoFragment),
    ] {
        assert_eq!(fragment_of(text), Err(why), "{text:?}");
    }
    assert_eq!(
        open_pasted("https://example.org/#/nothing-here", known()),
        Err(NotALink::NoSuchView("nothing-here".into()))
    );
    // A view Parallax has, with the rest of the link wrong, still opens, with its notices.
    let p = open_pasted("#/read/002?zz=1", known()).unwrap();
    assert_eq!(p.state.view, View::Read(Read::at("002", None)));
    assert_eq!(p.notices, vec![Notice::UnknownParam("zz".into())]);
}

#[test]
fn the_reasons_are_plain_sentences() {
    assert_eq!(
        NotALink::Empty.to_string(),
        "Paste a Parallax link into the box first."
    );
    assert_eq!(
        NotALink::NoFragment.to_string(),
        "This is not a Parallax link: it has no “#/” in it. A Parallax link looks like https://…/#/read/001 or #/lesson?…"
    );
    assert_eq!(
        NotALink::TooLong.to_string(),
        "This text is too long to be a Parallax link (a link has at most 98,304 characters). Copy the link alone and paste it again."
    );
    assert_eq!(
        NotALink::NoSuchView("x<b>".into()).to_string(),
        "This link is not one Parallax can open: it has no view called “x<b>”. It may be for another website, or cut short."
    );
    // A hostile view name is cut as every name in a notice is.
    let long = format!("#/{}", "v".repeat(500));
    match open_pasted(&long, known()) {
        Err(NotALink::NoSuchView(v)) => assert_eq!(v.chars().count(), 40),
        other => panic!("{other:?}"),
    }
}

#[test]
fn too_long_is_refused_at_the_limits_of_a_link() {
    // The text: at most MAX_PASTE_CHARS characters (counted, not bytes).
    let at_limit = "é".repeat(MAX_PASTE_CHARS);
    assert_eq!(fragment_of(&at_limit), Err(NotALink::NoFragment));
    let over = "é".repeat(MAX_PASTE_CHARS + 1);
    assert_eq!(fragment_of(&over), Err(NotALink::TooLong));
    // The fragment: at most MAX_FRAGMENT bytes, as the parser reads.
    let q = |n: usize| format!("https://x.org/#/explore?q={}", "a".repeat(n));
    let fits = "/explore?q=".len();
    assert_eq!(ok(&q(MAX_FRAGMENT - fits)).len(), MAX_FRAGMENT);
    assert_eq!(
        fragment_of(&q(MAX_FRAGMENT - fits + 1)),
        Err(NotALink::TooLong)
    );
    // Ten megabytes of anything.
    assert_eq!(
        fragment_of(&"#/map ".repeat(2_000_000)),
        Err(NotALink::TooLong)
    );
    // A link at MAX_FRAGMENT after an address of 4,000 characters is read whole: the text has
    // room for a long address before the longest link (cargo mutants: `4 * 1024` made
    // `4 + 1024` in `MAX_PASTE_CHARS`).
    let address = format!("https://example.org/{}/", "p".repeat(3_979));
    assert_eq!(address.chars().count(), 4_000);
    let fragment = format!("/map{}", "/".repeat(MAX_FRAGMENT - "/map".len()));
    let pasted = open_pasted(&format!("{address}#{fragment}"), known()).unwrap();
    assert_eq!(pasted.fragment.len(), MAX_FRAGMENT);
    assert_eq!((pasted.state.view, pasted.notices), (View::Map, vec![]));
}

#[test]
fn huge_text_costs_what_the_limit_allows_and_ordinary_text_is_linear() {
    // Refused before it is searched: ten times the text past the limit costs no more.
    let past = "a".repeat(MAX_PASTE_CHARS + 1);
    let ten = "a".repeat(10 * (MAX_PASTE_CHARS + 1));
    let one = counting::cost(|| fragment_of(&past));
    let many = counting::cost(|| fragment_of(&ten));
    assert_eq!(one, many);
    assert_eq!(one.bytes, 0, "refusing a long text allocates nothing");
    // Under the limit, k times the text costs about k times.
    let text = |k: usize| {
        format!(
            "« https://x.org/#/explore?q={} »",
            "ab%20".repeat(1_000 * k)
        )
    };
    let (a, b) = (text(1), text(16));
    let one = counting::cost(|| fragment_of(&a));
    let many = counting::cost(|| fragment_of(&b));
    counting::linear("fragment_of", 16, one, many).unwrap();
}

#[test]
fn unicode_links_open_as_their_percent_encoded_form_does() {
    let words = "санкции";
    let encoded: String = words.bytes().map(|b| format!("%{b:02X}")).collect();
    for text in [
        format!("https://example.org/#/explore?q={encoded}"),
        format!("https://example.org/#/explore?q={words}"),
        format!("«https://example.org/#/explore?q={words}»"),
    ] {
        let p = open_pasted(&text, known()).unwrap();
        match &p.state.view {
            View::Explore(e) => assert_eq!(e.query, words, "{text}"),
            v => panic!("{text}: {v:?}"),
        }
    }
    // Right-to-left text around it, and a link with Arabic in its note.
    let p = open_pasted(
        "\u{200f}رابط: https://example.org/#/lesson?step=/map!%D8%A7%D9%86%D8%B8%D8%B1\u{200f}",
        known(),
    )
    .unwrap();
    match &p.state.view {
        View::Lesson(l) => assert_eq!(l.steps[0].note, "انظر"),
        v => panic!("{v:?}"),
    }
}

#[test]
fn a_pasted_lesson_link_opens_at_its_step() {
    let link = format!(
        "https://example.org/parallax/#/lesson?title=Two%20views&step=/read/002/p4!Note%20the%20date&step=/compare/002/004?theme=trade!Who%20says%20what&question=Which%20figure%3F&at=2&v={V}"
    );
    let p = open_pasted(&format!("  <{link}>\n"), known()).unwrap();
    let View::Lesson(l) = &p.state.view else {
        panic!("{:?}", p.state)
    };
    assert_eq!(l.at, 2);
    assert_eq!(l.steps.len(), 2);
    assert_eq!(l.steps[1].question, "Which figure?");
    assert_eq!(p.notices, vec![]);
    // What the app puts in the address: the fragment, which parses to the same state.
    assert_eq!(parse(&p.fragment, known()).0, p.state);
}

#[test]
fn where_a_link_to_share_begins() {
    let web = Some("https://school.example/parallax/");
    for (page, built_for, base) in [
        (
            "https://example.org/parallax/",
            None,
            "https://example.org/parallax/",
        ),
        ("http://localhost:8080/", web, "http://localhost:8080/"),
        ("HTTPS://EXAMPLE.ORG/", None, "HTTPS://EXAMPLE.ORG/"),
        // Opened as a file: no file path in a link to share.
        ("file:///home/x/parallax.html", None, ""),
        (
            "file:///C:/Users/ana/parallax.html",
            web,
            "https://school.example/parallax/",
        ),
        ("FILE:///x.html", Some("ftp://files.example/"), ""),
        (
            "file:///x.html",
            Some("  https://school.example/p/#/read/001 "),
            "https://school.example/p/",
        ),
        ("file:///x.html", Some(""), ""),
        (
            "content://com.android.externalstorage/parallax.html",
            None,
            "",
        ),
        ("blob:null/1234", None, ""),
        ("", None, ""),
    ] {
        assert_eq!(share_base(page, built_for), base, "{page} {built_for:?}");
    }
    assert!(OPEN_IN_YOUR_COPY.contains("Open a link"));
}

fn missing(notices: &[Notice]) -> Option<(&[String], &[usize])> {
    notices.iter().find_map(|n| match n {
        Notice::MissingDocs { docs, steps } => Some((docs.as_slice(), steps.as_slice())),
        _ => None,
    })
}

#[test]
fn a_link_to_a_document_this_copy_lacks_names_it_and_says_how_to_get_it() {
    let (state, notices) = parse(&format!("#/read/own1/p3?v={V}"), known());
    assert_eq!(state.view, View::Library);
    assert!(state.is_not_found(&notices));
    assert_eq!(
        notices,
        vec![Notice::MissingDocs {
            docs: vec!["own1".into()],
            steps: vec![]
        }]
    );
    assert_eq!(
        notices[0].to_string(),
        "This link names a document this copy of Parallax does not have: “own1”. To get it, ask whoever sent you the link for the collection file or for the single file made with “Download as one file”, then open that file here."
    );
    // Each one named once, in the order named; the sources that are here stay.
    let (state, notices) = parse("#/explore?q=oil&sources=own2,002,own1,own2", known());
    match &state.view {
        View::Explore(e) => assert_eq!(e.sources, vec!["002"]),
        v => panic!("{v:?}"),
    }
    assert!(!state.is_not_found(&notices));
    assert_eq!(
        missing(&notices),
        Some((&["own2".into(), "own1".into()][..], &[][..]))
    );
    assert_eq!(
        notices[0].to_string(),
        "This link names 2 documents this copy of Parallax does not have: “own2” and “own1”. To get them, ask whoever sent you the link for the collection file or for the single file made with “Download as one file”, then open that file here."
    );
    // A comparison with one of them: not found, the notice first.
    let (state, notices) = parse("#/compare/002/own1", known());
    assert!(state.is_not_found(&notices));
    assert!(matches!(notices[0], Notice::MissingDocs { .. }));
    assert!(notices.contains(&Notice::TooFewToCompare));
    assert!(!notices.iter().any(|n| matches!(n, Notice::UnknownDoc(_))));
    // Sources that are all here: no such notice.
    let (_, notices) = parse("#/compare/002/004", known());
    assert_eq!(missing(&notices), None);
}

#[test]
fn lesson_steps_on_documents_this_copy_lacks_still_open_and_keep_their_links() {
    let link = format!(
        "#/lesson?title=Mine&step=/read/002!Start&step=/read/own1/p3?removed=1!Read%20mine&question=Who%20wrote%20it%3F&answer=Me&step=/compare/004/own1/own2?theme=trade!Compare&step=/source/own3&at=2&v={V}"
    );
    let (state, notices) = parse(&link, known());
    let View::Lesson(l) = &state.view else {
        panic!("{state:?} {notices:?}")
    };
    assert_eq!(l.steps.len(), 4, "every step is kept");
    assert_eq!(l.at, 2);
    let m = |i: usize| match &l.steps[i].state.view {
        View::Missing(m) => (m.link.as_str(), m.docs.clone()),
        v => panic!("step {}: {v:?}", i + 1),
    };
    assert_eq!(m(1), ("/read/own1/p3?removed=1", vec!["own1".to_owned()]));
    assert_eq!(
        m(2),
        (
            "/compare/004/own1/own2?theme=trade",
            vec!["own1".to_owned(), "own2".to_owned()]
        )
    );
    assert_eq!(m(3), ("/source/own3", vec!["own3".to_owned()]));
    assert_eq!(l.steps[1].note, "Read mine");
    assert_eq!(l.steps[1].question, "Who wrote it?");
    assert_eq!(l.steps[1].answer, "Me");
    assert_eq!(l.shown(), Some(&l.steps[1].state));
    assert!(!state.is_not_found(&notices));
    assert_eq!(
        notices,
        vec![Notice::MissingDocs {
            docs: vec!["own1".into(), "own2".into(), "own3".into()],
            steps: vec![2, 3, 4]
        }]
    );
    assert_eq!(
        notices[0].to_string(),
        "Steps 2, 3 and 4 of this lesson use 3 documents this copy of Parallax does not have: “own1”, “own2” and “own3”. To get them, ask whoever sent you the link for the collection file or for the single file made with “Download as one file”, then open that file here. Until then, these steps open with their notes only."
    );
    // Printed back, the steps are as they came, and the link is canonical.
    let printed = print(&state, V);
    assert!(
        printed.contains("step=/read/own1/p3?removed=1!Read%20mine"),
        "{printed}"
    );
    assert_eq!(print(&parse(&printed, known()).0, V), printed);
    assert_eq!(parse(&printed, known()).0, state);
    // One step: its own wording.
    let (_, notices) = parse("#/lesson?step=/map&step=/read/own9!x", known());
    assert_eq!(
        notices[0].to_string(),
        "Step 2 of this lesson uses a document this copy of Parallax does not have: “own9”. To get it, ask whoever sent you the link for the collection file or for the single file made with “Download as one file”, then open that file here. Until then, the step opens with its note only."
    );
}

/// Sources that the view opened from a step (`away=`) names and this copy lacks are named in
/// the one notice too, with those of the steps, once each, in the order named; the view opens
/// with the sources that are here (cargo mutants: `gather_missing`'s arm for `InAway`).
#[test]
fn a_view_opened_from_a_step_names_the_documents_it_lacks_in_the_one_notice() {
    let (state, notices) = parse("#/lesson?step=/map&away=/compare/002/004/own3", known());
    let View::Lesson(l) = &state.view else {
        panic!("{state:?} {notices:?}")
    };
    let compare = |docs: &[&str]| {
        Some(State {
            view: View::Compare(parallax_core::state::Compare {
                docs: docs.iter().map(|&d| d.to_owned()).collect(),
                ..Default::default()
            }),
            custom: Vec::new(),
            edits: Default::default(),
        })
    };
    assert_eq!(l.away.as_deref().cloned(), compare(&["002", "004"]));
    assert_eq!(
        notices,
        vec![Notice::MissingDocs {
            docs: vec!["own3".into()],
            steps: vec![]
        }]
    );
    assert!(!state.is_not_found(&notices));

    let link = "#/lesson?step=/read/own1!Mine&step=/map&at=2&away=/compare/own2/002/own1/004";
    let (state, notices) = parse(link, known());
    let View::Lesson(l) = &state.view else {
        panic!("{state:?} {notices:?}")
    };
    assert!(matches!(&l.steps[0].state.view, View::Missing(m) if m.docs == ["own1"]));
    assert_eq!(l.at, 2);
    assert_eq!(l.away.as_deref().cloned(), compare(&["002", "004"]));
    assert_eq!(
        notices,
        vec![Notice::MissingDocs {
            docs: vec!["own1".into(), "own2".into()],
            steps: vec![1]
        }]
    );
}

/// The one notice names at most 64 documents a link lacks (`MAX_MISSING` of the parser), the
/// first named, and still every step that uses one: three steps whose filters name 32 each
/// (cargo mutants: `<` against `<=` at the limit).
#[test]
fn the_one_notice_names_the_first_64_documents_a_link_lacks() {
    const MAX_MISSING: usize = 64;
    let step = |k: usize| {
        let docs: Vec<String> = (1..=32).map(|i| format!("own{}", 32 * k + i)).collect();
        format!("step=/explore?sources={}", docs.join(","))
    };
    let link = format!("#/lesson?{}&{}&{}", step(0), step(1), step(2));
    let (state, notices) = parse(&link, known());
    let View::Lesson(l) = &state.view else {
        panic!("{state:?} {notices:?}")
    };
    assert_eq!(l.len(), 3);
    let first: Vec<String> = (1..=MAX_MISSING).map(|i| format!("own{i}")).collect();
    assert_eq!(
        notices,
        vec![Notice::MissingDocs {
            docs: first,
            steps: vec![1, 2, 3]
        }]
    );
}

#[test]
fn a_missing_step_keeps_only_what_a_link_carries() {
    // The version, parameters no link has and empty path segments are not kept; the rest is,
    // still encoded, in order.
    let (state, notices) = parse(
        "#/lesson?step=//read//own%201/?zz=1%26removed=1%26v=abc%26custom=A:b",
        known(),
    );
    let View::Lesson(l) = &state.view else {
        panic!("{state:?} {notices:?}")
    };
    match &l.steps[0].state.view {
        View::Missing(m) => {
            assert_eq!(m.link, "/read/own 1?removed=1&custom=A:b");
            assert_eq!(m.docs, vec!["own 1"]);
        }
        v => panic!("{v:?}"),
    }
    assert_eq!(l.steps[0].state.custom, vec![]);
    let printed = print(&state, V);
    assert_eq!(parse(&printed, known()).0, state);
    // A lesson in a step is still refused; a step on a passage this corpus lacks is still
    // left out (the source is here: the link is wrong, not the copy).
    let (_, notices) = parse(
        "#/lesson?step=/map&step=/read/002/p9999&step=/lesson",
        known(),
    );
    assert!(missing(&notices).is_none());
    assert_eq!(
        notices
            .iter()
            .filter(|n| matches!(n, Notice::StepLeftOut { .. }))
            .count(),
        2
    );
}

#[test]
fn hostile_ids_are_named_as_text_and_the_list_is_bounded() {
    let (_, notices) = parse(
        "#/read/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%E2%80%AE%0Aevil-and-a-very-long-name-past-forty-chars",
        known(),
    );
    let (docs, _) = missing(&notices).unwrap();
    assert_eq!(docs.len(), 1);
    assert!(docs[0].chars().count() <= 40);
    assert!(!docs[0].contains(['\n', '\u{202e}']));
    // An id of nothing but invisible characters names nothing: said as before, not named.
    let (_, notices) = parse("#/read/%00%E2%80%8B", known());
    assert_eq!(notices, vec![Notice::UnknownDoc(String::new())]);
    let (_, notices) = parse("#/lesson?step=/map&step=/read/%00", known());
    assert!(missing(&notices).is_none());
    assert!(matches!(notices[..], [Notice::StepLeftOut { step: 2, .. }]));
    // A lesson of MAX_STEPS comparisons of three sources this copy lacks: every step kept, the
    // notice names ten and counts the rest.
    let steps: String = (0..MAX_STEPS)
        .map(|i| format!("&step=/compare/a{i}/b{i}/c{i}"))
        .collect();
    let (state, notices) = parse(&format!("#/lesson?{steps}"), known());
    let View::Lesson(l) = &state.view else {
        panic!()
    };
    assert_eq!(l.steps.len(), MAX_STEPS);
    let (docs, in_steps) = missing(&notices).unwrap();
    assert_eq!(docs.len(), 3 * MAX_STEPS);
    assert_eq!(in_steps, (1..=MAX_STEPS).collect::<Vec<_>>());
    let text = notices[0].to_string();
    assert!(text.contains("60 documents"), "{text}");
    assert!(
        text.contains("“a0”, “b0”, “c0”, “a1”, “b1”, “c1”, “a2”, “b2”, “c2”, “a3” and 50 more"),
        "{text}"
    );
}

#[test]
fn the_words_for_a_step_and_for_getting_documents() {
    assert_eq!(
        step_needs(&["own1".into()]),
        format!(
            "This step shows a document this copy of Parallax does not have: “own1”. {}",
            get_documents(1)
        )
    );
    assert_eq!(
        step_needs(&["own1".into(), "own2".into()]),
        format!("This step shows 2 documents this copy of Parallax does not have: “own1” and “own2”. {}", get_documents(2))
    );
    assert!(get_documents(1).starts_with("To get it,"));
    assert!(get_documents(3).starts_with("To get them,"));
}

#[test]
fn a_lesson_with_missing_steps_moves_and_edits_as_any_other() {
    let (state, _) = parse("#/lesson?step=/read/own1&step=/map&v=0123456789ab", known());
    let View::Lesson(l) = state.view else {
        panic!()
    };
    let next = l.next().unwrap();
    let View::Lesson(n) = &next.view else {
        panic!()
    };
    assert_eq!(n.at, 2);
    // A view opened from the step it moved to keeps the missing step in the link.
    let away = n
        .visit(State {
            view: View::Read(Read::at("002", None)),
            custom: vec![],
            edits: Default::default(),
        })
        .unwrap();
    let reparsed = parse(&print(&away, V), known()).0;
    assert_eq!(reparsed, away);
    let View::Lesson(Lesson { steps, .. }) = reparsed.view else {
        panic!()
    };
    assert!(matches!(steps[0].state.view, View::Missing(_)));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases()))]

    /// Any text: never a panic, and what opens is what its fragment opens.
    #[test]
    fn any_text_is_read_or_refused(text in any::<String>()) {
        match open_pasted(&text, known()) {
            Ok(p) => {
                prop_assert!(p.fragment.len() <= MAX_FRAGMENT);
                prop_assert_eq!(parse(&p.fragment, known()).0, p.state);
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    /// Any canonical link, wrapped as chat apps and e-mail wrap it, opens its own state.
    #[test]
    fn a_wrapped_canonical_link_opens_its_state(
        doc in prop::sample::select(vec!["001", "002", "003", "004", "005", "own1", "x y"]),
        q in "[a-zA-Zа-я \"<>#&%.]{0,20}",
        wrap in prop::sample::select(vec![("", ""), ("<", ">"), ("\"", "\""), ("“", "”"), (" \n", ". "), ("(", ")")]),
        base in prop::sample::select(vec!["https://example.org/parallax/", "file:///home/x/parallax.html", "http://localhost:8080/", ""]),
    ) {
        let (state, _) = parse(&format!("#/explore?q={}&sources={}", parallax_core::state::encode(&q, b""), parallax_core::state::encode(doc, b"")), known());
        let link = print(&state, V);
        let text = format!("{}{base}{link}{}", wrap.0, wrap.1);
        let p = open_pasted(&text, known()).unwrap();
        prop_assert_eq!(p.state, state);
    }
}

#[test]
fn a_plain_reader_link_is_written_under_its_prerendered_page() {
    let k = known();
    let pages: Vec<String> = ["000", "001", "002", "003", "004"].map(String::from).into();
    let page = |fragment: &str, pages: &[String]| prerendered_page(&parse(fragment, k).0, pages);
    // A reader at its start or at a passage, with or without the version.
    assert_eq!(page("/read/002", &pages).as_deref(), Some("read-002.html"));
    assert_eq!(
        page(&format!("/read/004/p19?v={V}"), &pages).as_deref(),
        Some("read-004.html")
    );
    // Removed text shown, a theme of the reader's own, another view: the library's page.
    assert_eq!(page("/read/002?removed=1", &pages), None);
    assert_eq!(page("/read/002?custom=Grain:wheat", &pages), None);
    // The explorer, whatever its query, on the explorer's page.
    for explore in [
        "/explore",
        "/explore?q=Syria&mode=kwic",
        "/explore?q=a&themes=military",
    ] {
        assert_eq!(
            page(explore, &pages).as_deref(),
            Some(EXPLORE_PAGE),
            "{explore}"
        );
    }
    assert_eq!(EXPLORE_PAGE, "explore.html");
    // Two or three sources compared, whatever the theme and switch, on compare's page.
    for compare in [
        "/compare/001/002",
        "/compare/004/001/002?theme=military&differ=1",
        "/compare/002/003?differ=1",
    ] {
        assert_eq!(
            page(compare, &pages).as_deref(),
            Some(COMPARE_PAGE),
            "{compare}"
        );
    }
    assert_eq!(COMPARE_PAGE, "compare.html");
    // Compare with themes the reader changed or added (the page lists the corpus's own), or
    // with no sources yet (the app chooses them): the library's page.
    for other in [
        "/",
        "/compare",
        "/compare/001/002?hide=military",
        "/compare/001/002?rename=trade:Money",
        "/compare/001/002?custom=Grain:wheat",
        "/source/002",
        "/map",
    ] {
        assert_eq!(page(other, &pages), None, "{other}");
    }
    // A document with no page of its own (a reader's own, or a build that wrote none).
    assert_eq!(page("/read/002", &pages[..2]), None);
    assert_eq!(page("/read/002", &[]), None);
    assert_eq!(page("/compare/001/002", &pages[..2]), None);
    assert_eq!(
        page("/compare/000/001", &pages[..2]).as_deref(),
        Some(COMPARE_PAGE)
    );
    // A build that wrote no pages has no explorer's page either.
    assert_eq!(page("/explore?q=Syria", &[]), None);
}
