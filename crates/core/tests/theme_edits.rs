//! The reader's changes to the themes a corpus found in its own texts (issue 19): renamed,
//! joined, hidden, carried in the link (`rename=`, `merge=`, `hide=`) and applied by the
//! analysis, on the tram story, whose themes are found (`found-1`…). A link that asks for what
//! cannot be done keeps the rest and says what it left out.

mod common;

use parallax_core::analysis::Analysis;
use parallax_core::state::{
    parse, print, Compare, Explore, Known, Notice, State, ThemeEdits, View,
};
use proptest::prelude::*;
use std::collections::BTreeSet;

const V: &str = "f838283baaba";

fn known() -> &'static Known {
    static K: std::sync::OnceLock<Known> = std::sync::OnceLock::new();
    K.get_or_init(|| Known::new(common::tram_corpus(), "f838283baaba32aaf7a44"))
}

/// The passages (`doc/passage`) each theme tags when a view uses `state`'s themes, by theme id.
fn tagged(state: &State) -> Vec<(String, String, BTreeSet<String>)> {
    let c = common::tram_corpus();
    let analysis = Analysis::with_themes(c, &state.themes(&c.themes));
    analysis
        .themes
        .themes()
        .iter()
        .map(|t| {
            let passages = analysis
                .passages
                .iter()
                .filter(|p| p.themes.iter().any(|tag| tag.id == t.id))
                .map(|p| {
                    let d = &c.documents[p.unit.doc as usize];
                    format!("{}/{}", d.id, d.passages[p.unit.passage as usize].id)
                })
                .collect();
            (t.id.clone(), t.label.clone(), passages)
        })
        .collect()
}

fn of(tags: &[(String, String, BTreeSet<String>)], id: &str) -> BTreeSet<String> {
    tags.iter()
        .find(|(t, _, _)| t == id)
        .map(|(_, _, p)| p.clone())
        .unwrap_or_default()
}

#[test]
fn a_link_renames_joins_and_hides_found_themes_and_reads_back_the_same() {
    let c = common::tram_corpus();
    let labels: Vec<&str> = c.themes.iter().map(|t| t.label.as_str()).collect();
    assert!(c.themes.len() >= 5, "{labels:?}");
    let link = "#/explore?themes=found-5,found-1&hide=found-3&merge=found-5:found-4&rename=found-2:Depot%20in%20Hafen&v=f838283baaba";
    let (state, notices) = parse(link, known());
    assert_eq!(notices, []);
    assert_eq!(
        state.edits,
        ThemeEdits {
            renamed: vec![("found-2".into(), "Depot in Hafen".into())],
            merged: vec![("found-5".into(), "found-4".into())],
            hidden: vec!["found-3".into()],
        }
    );
    // A filter on the joined theme is one on the theme it joined; lists in corpus order.
    assert_eq!(
        state.view,
        View::Explore(Explore {
            themes: vec!["found-1".into(), "found-4".into()],
            ..Explore::default()
        })
    );
    let printed = print(&state, V);
    assert_eq!(
        printed,
        "#/explore?themes=found-1,found-4&rename=found-2:Depot%20in%20Hafen&merge=found-5:found-4&hide=found-3&v=f838283baaba"
    );
    assert_eq!(parse(&printed, known()), (state.clone(), vec![]));

    // The views' themes: found-2 under its new name, found-3 and found-5 gone, found-4 tagging
    // every passage either of them tagged before.
    let before = tagged(&State::default());
    let after = tagged(&state);
    let ids: Vec<&str> = after.iter().map(|(id, _, _)| id.as_str()).collect();
    let expected: Vec<&str> = c
        .themes
        .iter()
        .map(|t| t.id.as_str())
        .filter(|id| !["found-3", "found-5"].contains(id))
        .collect();
    assert_eq!(ids, expected);
    assert_eq!(after[1].1, "Depot in Hafen");
    assert_eq!(of(&after, "found-2"), of(&before, "found-2"));
    let joined: BTreeSet<String> = of(&before, "found-4")
        .union(&of(&before, "found-5"))
        .cloned()
        .collect();
    assert!(
        of(&before, "found-5")
            .difference(&of(&before, "found-4"))
            .count()
            > 0
    );
    assert_eq!(of(&after, "found-4"), joined);
    // What the reader did is said where the theme is described.
    let themes = state.themes(&c.themes);
    let four = themes.iter().find(|t| t.id == "found-4").unwrap();
    assert!(
        four.description.contains("Joined by a reader with “"),
        "{four:?}"
    );
    let two = themes.iter().find(|t| t.id == "found-2").unwrap();
    let was = format!(
        "{}. Renamed by a reader (it was “{}”).",
        c.themes[1].description, c.themes[1].label
    );
    assert_eq!(two.description, was);
}

#[test]
fn a_compare_link_follows_a_joined_theme_and_leaves_a_hidden_one() {
    let (state, notices) = parse("#/compare/a/b?theme=found-5&merge=found-5:found-4", known());
    assert_eq!(notices, []);
    let View::Compare(Compare { theme, .. }) = &state.view else {
        panic!("{state:?}")
    };
    assert_eq!(theme.as_deref(), Some("found-4"));

    let (state, notices) = parse("#/compare/a/b?theme=found-3&hide=found-3", known());
    let View::Compare(Compare { theme, .. }) = &state.view else {
        panic!("{state:?}")
    };
    assert_eq!(*theme, None);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].to_string().contains("found-3 is hidden"),
        "{}",
        notices[0]
    );
}

#[test]
fn what_cannot_be_done_is_left_out_with_a_notice() {
    let cases: &[(&str, ThemeEdits, &str)] = &[
        // A theme the corpus does not have (a reader's own is edited as a whole).
        (
            "hide=found-99,found-2",
            ThemeEdits {
                hidden: vec!["found-2".into()],
                ..ThemeEdits::default()
            },
            "no theme “found-99”",
        ),
        ("rename=found-2:%20%20", ThemeEdits::default(), "is empty"),
        ("rename=found-2", ThemeEdits::default(), "“theme:name” form"),
        (
            "rename=found-2:One&rename=found-2:Two",
            ThemeEdits {
                renamed: vec![("found-2".into(), "One".into())],
                ..ThemeEdits::default()
            },
            "renamed twice",
        ),
        (
            "merge=found-2:found-2",
            ThemeEdits::default(),
            "with itself",
        ),
        (
            "merge=found-2:found-1&hide=found-1",
            ThemeEdits {
                hidden: vec!["found-1".into()],
                ..ThemeEdits::default()
            },
            "is hidden",
        ),
        // A chain: the first join is kept, the one into a joined theme goes.
        (
            "merge=found-1:found-2&merge=found-2:found-3",
            ThemeEdits {
                merged: vec![("found-1".into(), "found-2".into())],
                ..ThemeEdits::default()
            },
            "joined itself",
        ),
        (
            "merge=found-2:found-3&merge=found-1:found-2",
            ThemeEdits {
                merged: vec![("found-2".into(), "found-3".into())],
                ..ThemeEdits::default()
            },
            "joined itself",
        ),
    ];
    for (query, edits, said) in cases {
        let (state, notices) = parse(&format!("#/map?{query}"), known());
        assert_eq!(state.view, View::Map, "{query}");
        assert_eq!(&state.edits, edits, "{query}");
        let text: Vec<String> = notices.iter().map(Notice::to_string).collect();
        assert!(
            text.len() == 1 && text[0].to_lowercase().contains(said),
            "{query}: {text:?}"
        );
        // What was kept prints and reads back whole.
        assert_eq!(parse(&print(&state, V), known()), (state.clone(), vec![]));
    }
}

#[test]
fn each_lesson_step_carries_its_own_changes() {
    let step = "/map?rename=found-1:The%20council&hide=found-3";
    let link = format!("#/lesson?step={}!Look&v={V}", step.replace('&', "%26"));
    let (state, notices) = parse(&link, known());
    assert_eq!(notices, []);
    let View::Lesson(lesson) = &state.view else {
        panic!("{state:?}")
    };
    assert_eq!(
        lesson.steps[0].state.edits.renamed,
        [("found-1".to_owned(), "The council".to_owned())]
    );
    assert_eq!(lesson.steps[0].state.edits.hidden, ["found-3"]);
    assert_eq!(parse(&print(&state, V), known()), (state.clone(), vec![]));
    // On the lesson itself, they are left out: each step says its own.
    let (state, notices) = parse(&format!("{link}&hide=found-2"), known());
    assert!(state.edits.is_empty());
    assert_eq!(notices.len(), 1, "{notices:?}");
}

/// One change the editor makes, on the tram story's themes by their number.
#[derive(Debug, Clone)]
enum Change {
    Rename(usize, String),
    Join(usize, usize),
    Hide(usize),
    Restore(usize),
}

fn change() -> impl Strategy<Value = Change> {
    let n = || 0usize..7;
    prop_oneof![
        (
            n(),
            prop_oneof![
                Just(String::new()),
                "\\PC{0,70}",
                "[\\p{Cf}\\p{Cc} a]{0,6}",
                Just("council, city, line".to_owned())
            ]
        )
            .prop_map(|(i, s)| Change::Rename(i, s)),
        (n(), n()).prop_map(|(a, b)| Change::Join(a, b)),
        n().prop_map(Change::Hide),
        n().prop_map(Change::Restore),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases()))]

    /// Whatever the reader does in the editor, in any order, on a view filtered by themes, the
    /// state's link reopens exactly that state with nothing left out, and its filters name only
    /// themes the view shows.
    #[test]
    fn every_change_the_editor_makes_reopens_from_its_link(
        changes in proptest::collection::vec(change(), 0..12),
        filter in proptest::collection::vec(0usize..7, 0..4),
    ) {
        let themes = &common::tram_corpus().themes;
        let id = |i: usize| themes[i % themes.len()].id.clone();
        let mut ids: Vec<String> = filter.iter().map(|&i| id(i)).collect();
        parallax_core::sort::sort_by_key(&mut ids, |t| themes.iter().position(|x| x.id == *t));
        ids.dedup();
        let mut state = State::of(View::Explore(Explore { themes: ids, ..Explore::default() }));
        for c in changes {
            let mut edits = state.edits.clone();
            match c {
                Change::Rename(i, name) => {
                    let t = &themes[i % themes.len()];
                    edits.rename(&t.id, &name, &t.label, themes);
                }
                Change::Join(a, b) => {
                    let could = edits.can_join(&id(a), &id(b));
                    prop_assert_eq!(edits.join(&id(a), &id(b), themes), could);
                }
                Change::Hide(i) => edits.hide(&id(i), themes),
                Change::Restore(i) => edits.restore(&id(i)),
            }
            state.set_edits(edits, themes);
            let (again, notices) = parse(&print(&state, V), known());
            prop_assert_eq!(&notices, &vec![]);
            prop_assert_eq!(&again, &state);
            let shown: Vec<String> = state.themes(themes).into_iter().map(|t| t.id).collect();
            let View::Explore(e) = &state.view else { unreachable!() };
            prop_assert!(e.themes.iter().all(|t| shown.contains(t)), "{:?} {:?}", e.themes, shown);
        }
    }
}

/// A table exported from a view with changed themes links back to views with the same themes.
#[test]
fn exported_links_carry_the_changes() {
    let (state, _) = parse("#/map?rename=found-2:Depot&hide=found-3", known());
    let at = parallax_core::export::LinkBase {
        base: "https://example.org/parallax/",
        version: V,
        custom: &state.custom,
        edits: &state.edits,
        pages: &[],
    };
    let link = at.view(View::Map);
    assert_eq!(
        link,
        format!("https://example.org/parallax/#/map?rename=found-2:Depot&hide=found-3&v={V}")
    );
    let (again, notices) = parse(
        link.trim_start_matches("https://example.org/parallax/"),
        known(),
    );
    assert_eq!((again, notices), (state, vec![]));
}
