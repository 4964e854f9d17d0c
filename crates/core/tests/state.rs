//! URL state: a table of hostile and malformed links, each opening the nearest sensible view
//! with the right notices, and properties: parsing never panics, printing is canonical.

use parallax_core::source::load_dir;
use parallax_core::state::{
    canonical_replacement, parse, print, Explore, Known, Notice, State, View,
};
use parallax_core::Lang;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn known() -> &'static Known {
    static K: OnceLock<Known> = OnceLock::new();
    K.get_or_init(|| {
        let c = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia"))
            .unwrap();
        Known::new(&c, "0123456789abcdef")
    })
}

const V: &str = "0123456789ab";

fn explore(f: impl FnOnce(&mut Explore)) -> View {
    let mut e = Explore::default();
    f(&mut e);
    View::Explore(e)
}

fn read(doc: &str, passage: Option<&str>) -> View {
    View::Read {
        doc: doc.into(),
        passage: passage.map(Into::into),
        show_removed: false,
    }
}

/// (input, expected view, expected notice kinds as Debug prefixes)
fn table() -> Vec<(String, View, Vec<&'static str>)> {
    let big = "a".repeat(100_000);
    vec![
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
        ("#/read/999".into(), View::Library, vec!["UnknownDoc"]),
        (
            "#/read/<script>alert(1)</script>".into(),
            View::Library,
            vec!["UnknownDoc"],
        ),
        (
            "#/read/%3Cscript%3E".into(),
            View::Library,
            vec!["UnknownDoc"],
        ),
        (
            "#/read/002?removed=1".into(),
            View::Read {
                doc: "002".into(),
                passage: None,
                show_removed: true,
            },
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
            vec!["UnknownDoc"],
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
            View::Compare {
                docs: vec!["002".into(), "004".into()],
                theme: Some("trade".into()),
                only_differ: false,
            },
            vec![],
        ),
        (
            "#/compare/004/002?differ=1".into(),
            View::Compare {
                docs: vec!["004".into(), "002".into()],
                theme: None,
                only_differ: true,
            },
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
            View::Compare {
                docs: vec!["000".into(), "001".into(), "002".into()],
                theme: None,
                only_differ: false,
            },
            vec!["TooManyToCompare"],
        ),
        (
            "#/compare/002/999/004?theme=bogus".into(),
            View::Compare {
                docs: vec!["002".into(), "004".into()],
                theme: None,
                only_differ: false,
            },
            vec!["UnknownDoc", "UnknownTheme"],
        ),
        (
            "#/source/003".into(),
            View::Source { doc: "003".into() },
            vec![],
        ),
        ("#/source/-1".into(), View::Library, vec!["UnknownDoc"]),
        ("#/map".into(), View::Map, vec![]),
        ("#/methods?x".into(), View::Methods, vec!["UnknownParam"]),
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
    ]
}

#[test]
fn hostile_links_open_the_nearest_sensible_view() {
    let t = table();
    assert!(t.len() >= 35);
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
            let msg = n.to_string();
            assert!(msg.ends_with('.') && msg.len() < 200, "{msg}");
        }
        // The canonical link of what was opened reopens exactly it, with no notices.
        let url = print(&state, V);
        let (again, notices) = parse(&url, known());
        assert_eq!(again, state, "round trip of {url}");
        assert!(notices.is_empty(), "{url}: {notices:?}");
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
    ];
    let value = prop_oneof![
        Just("military,ukraine".to_owned()),
        Just("001,004".to_owned()),
        Just("kwic".to_owned()),
        Just("1".to_owned()),
        Just("fr,en".to_owned()),
        Just("A:b|c".to_owned()),
        Just("%E2%80%AE".to_owned()),
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Any string parses, and the printed canonical link reparses to the same state and prints
    /// to the same link: parse ∘ print is the identity on canonical links.
    #[test]
    fn print_parse_is_identity(input in prop_oneof![fragment(), "\\PC{0,200}"]) {
        let (state, _) = parse(&input, known());
        let url = print(&state, V);
        let (again, notices) = parse(&url, known());
        prop_assert_eq!(&again, &state);
        prop_assert!(notices.is_empty(), "{} gave {:?}", url, notices);
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
