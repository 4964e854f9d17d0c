//! The built-in theme lexicon, tested on sentences written for the purpose (none is from the
//! corpus): each theme fires on its own sentences, and no other theme fires on them unless the
//! sentence is also about it (those are listed in `ALSO`); unrelated sentences get no theme.

use parallax_core::source::{parse_themes, THEMES};
use parallax_core::tag::Lexicon;
use std::path::Path;

fn lexicon() -> Lexicon {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/iran-russia")
        .join(THEMES);
    let text = std::fs::read_to_string(&path).unwrap();
    Lexicon::new(&parse_themes(&path, &text).unwrap())
}

fn ids(lex: &Lexicon, text: &str) -> Vec<String> {
    lex.tag(text).into_iter().map(|t| t.id).collect()
}

#[test]
fn the_eleven_themes_exist() {
    let lex = lexicon();
    let ids: Vec<&str> = lex.themes().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "military",
            "trade",
            "finance",
            "energy",
            "regional",
            "israel",
            "diplomacy",
            "multipolar",
            "limits",
            "ukraine",
            "bloc"
        ]
    );
    for t in lex.themes() {
        assert!(
            !t.label.is_empty() && !t.description.is_empty() && t.terms.len() >= 8,
            "{}",
            t.id
        );
    }
}

/// Sentences of the table below that are also about another theme, and which.
const ALSO: &[(&str, &[&str])] = &[
    (
        "Militias in Iraq and Houthi fighters in Yemen received support.",
        &["military"],
    ),
    ("Talks on the Caspian shelf stalled.", &["diplomacy"]),
    (
        "The friction between the allies grew after the failure of the talks.",
        &["diplomacy"],
    ),
    ("Kyiv asked for more air defence.", &["military"]),
    (
        "Beijing and Pyongyang joined the summit of BRICS members.",
        &["diplomacy"],
    ),
];

#[test]
fn each_theme_fires_on_sentences_written_for_it() {
    let lex = lexicon();
    let cases: &[(&str, &[&str])] = &[
        (
            "military",
            &[
                "The navy held drills with two warships and a squadron of fighter jets.",
                "Engineers assembled kamikaze drones under licence.",
                "Both armies agreed to share intelligence on insurgents.",
            ],
        ),
        (
            "trade",
            &[
                "Exports of wheat doubled after the tariffs were cut.",
                "A new rail link shortens the transport corridor to the Gulf ports.",
                "Investors formed a joint venture for car parts.",
            ],
        ),
        (
            "finance",
            &[
                "Banks linked their card networks to avoid SWIFT.",
                "Traders settled the deal in roubles and rials.",
                "The firm was accused of sanctions evasion through shell companies.",
            ],
        ),
        (
            "energy",
            &[
                "The reactor at the plant will be fuelled with enriched uranium.",
                "Gas flows through the pipeline fell in winter.",
                "Crude oil shipments were rerouted.",
            ],
        ),
        (
            "regional",
            &[
                "Militias in Iraq and Houthi fighters in Yemen received support.",
                "Fighting resumed near Damascus.",
                "Talks on the Caspian shelf stalled.",
            ],
        ),
        (
            "israel",
            &[
                "Israeli jets struck a depot, and Moscow kept its hotline to Tel Aviv open.",
                "The government in Israel asked for restraint.",
            ],
        ),
        (
            "diplomacy",
            &[
                "The two presidents signed a treaty during a state visit.",
                "Negotiations at the Security Council ended without a vote.",
                "An envoy was sent to mediate.",
            ],
        ),
        (
            "multipolar",
            &[
                "Leaders called for a multipolar world free of American hegemony.",
                "They denounced unilateralism and the post-war world order.",
            ],
        ),
        (
            "limits",
            &[
                "Old mistrust and an unequal relationship limit what the partners can do.",
                "The friction between the allies grew after the failure of the talks.",
            ],
        ),
        (
            "ukraine",
            &[
                "The invasion of Ukraine changed NATO's plans.",
                "Kyiv asked for more air defence.",
            ],
        ),
        (
            "bloc",
            &[
                "Beijing and Pyongyang joined the summit of BRICS members.",
                "Minsk, a loyal part of the bloc, sent observers from Belarus.",
            ],
        ),
    ];
    for (theme, sentences) in cases {
        for s in *sentences {
            // Its own theme fires, and any other is one the sentence really is about.
            let also = ALSO
                .iter()
                .find(|(x, _)| x == s)
                .map_or(&[][..], |(_, t)| *t);
            let mut want: Vec<&str> = also.iter().chain([theme]).copied().collect();
            want.sort_unstable();
            let mut got = ids(&lex, s);
            got.sort_unstable();
            assert_eq!(got, want, "themes of {s:?}");
        }
    }
}

#[test]
fn quiet_on_unrelated_sentences() {
    let lex = lexicon();
    for s in [
        "The recipe needs two eggs, flour and a pinch of salt.",
        "She walked the dog along the river before breakfast.",
        "Le chat dort sur un canapé.",
        "Der Zug fährt um acht Uhr ab.",
    ] {
        assert!(ids(&lex, s).is_empty(), "{s:?} tagged {:?}", ids(&lex, s));
    }
}

#[test]
fn evidence_points_at_the_words() {
    let lex = lexicon();
    let text = "Iran's Shahed drones reached Crimea; ẞ and İ and 🎉 do not break offsets.";
    for tag in lex.tag(text) {
        for e in tag.evidence {
            assert_eq!(&text[e.start as usize..e.end as usize], e.text);
        }
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000)))]

        /// Tagging any text never panics, and every evidence span slices the text exactly.
        #[test]
        fn tagging_any_text_gives_valid_evidence(text in "\\PC{0,300}", theme_words in "(oil|drone|treaty|Iran|sanction)( [a-zẞİK]{1,6}){0,2}") {
            let lex = lexicon();
            let mixed = format!("{text} {theme_words} {text}");
            for tag in lex.tag(&mixed) {
                for e in tag.evidence {
                    prop_assert_eq!(mixed.get(e.start as usize..e.end as usize), Some(e.text.as_str()));
                }
            }
            let own = Lexicon::new(&[parallax_core::Theme { id: "x".into(), label: "x".into(), description: String::new(), terms: vec![text.clone()] }]);
            let _ = own.tag(&mixed);
        }
    }
}
