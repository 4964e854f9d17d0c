//! What a story that ships only its texts says of itself: the people, places and organisations
//! found in its texts (`names`), for a corpus with no entities.toml (on the tram story, whose
//! corpus.toml says whom and where it names; on the bundled corpus, against its hand-made
//! entities.toml; and on sentences written here for each rule); and each page's byline, date and
//! kind of text as its own lines give them.

mod common;

use parallax_core::model::{Entity, EntityKind};
use parallax_core::names::entities;
use parallax_core::source::load_dir;
use EntityKind::{Organisation, Person, Place};

fn shown(found: &[Entity]) -> Vec<(&str, EntityKind, Vec<&str>)> {
    found
        .iter()
        .map(|e| {
            let aliases = e.aliases.iter().map(String::as_str).collect();
            (e.name.as_str(), e.kind, aliases)
        })
        .collect()
}

/// Names found in documents of the given passages (each split into sentences).
fn names_of(docs: &[&[&str]]) -> Vec<Entity> {
    let docs = docs
        .iter()
        .map(|passages| passages.iter().map(|p| (*p).to_owned()).collect())
        .collect();
    entities(&common::corpus_split(docs))
}

/// The tram story names a town, a district and two people, as its corpus.toml says; a club named
/// in one passage only, a sentence's first word and the byline (removed by cleaning) are not
/// among them. The build gives them to a corpus with no entities.toml.
#[test]
fn the_tram_story_names_its_people_and_places() {
    let c = common::tram_corpus();
    let found = entities(c);
    assert_eq!(
        shown(&found),
        [
            ("Lindau", Place, vec![]),
            ("Hafen", Place, vec![]),
            ("Petra Olsen", Person, vec![]),
            ("Jonas Berg", Person, vec![]),
        ]
    );
    let ids: Vec<&str> = found.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["lindau", "hafen", "petra-olsen", "jonas-berg"]);
    assert_eq!(c.entities, found);
}

/// On the bundled corpus (which has its own entities.toml, so the build does not use these), the
/// names found are measured against the hand-made list: every name found of a person is one of
/// its people, and at least 16 of the 20 are in it (by name or alias) with its kind.
#[test]
fn names_found_in_the_bundled_corpus_agree_with_its_hand_made_list() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia");
    let c = load_dir(&dir).unwrap();
    let found = entities(&c);
    // Listed: one of its spellings, or its last word (a surname), is one of the list's.
    let listed = |e: &Entity| {
        let last = e.name.rsplit(' ').next().unwrap_or_default();
        c.entities.iter().find(|h| {
            std::iter::once(&h.name).chain(&h.aliases).any(|n| {
                let n = n.trim_end_matches('.');
                n == last || std::iter::once(&e.name).chain(&e.aliases).any(|f| f == n)
            })
        })
    };
    let agree: Vec<&str> = found
        .iter()
        .filter(|e| listed(e).is_some_and(|h| h.kind == e.kind))
        .map(|e| e.name.as_str())
        .collect();
    assert!(found.len() <= parallax_core::names::MAX_NAMES);
    assert!(
        agree.len() >= 16,
        "{} of {}: {agree:?}",
        agree.len(),
        found.len()
    );
    for e in found.iter().filter(|e| e.kind == Person) {
        assert!(listed(e).is_some_and(|h| h.kind == Person), "{}", e.name);
    }
}

/// Each rule on sentences written for it.
#[test]
fn a_name_needs_a_kind_and_two_passages() {
    // A title makes a person, and the surname alone is that person.
    assert_eq!(
        shown(&names_of(&[
            &["Mayor Petra Olsen opened the line."],
            &["Olsen said it was late."],
        ])),
        [("Petra Olsen", Person, vec!["Olsen"])]
    );
    // Everything before the last title goes: "Russian Foreign Minister" is no part of the name.
    assert_eq!(
        shown(&names_of(&[
            &["The Russian Foreign Minister Sergei Lavrov spoke."],
            &["We heard Sergei Lavrov twice."],
        ])),
        [("Sergei Lavrov", Person, vec![])]
    );
    // An organisation's last word, or an acronym; "of" after Bank joins, after a person ends.
    assert_eq!(
        shown(&names_of(&[
            &["The Lindau Cycling Club met NATO and the Bank of England."],
            &["Then the Lindau Cycling Club, NATO and the Bank of England left."],
        ])),
        [
            ("Bank of England", Organisation, vec![]),
            ("Lindau Cycling Club", Organisation, vec![]),
            ("NATO", Organisation, vec![]),
        ]
    );
    // A place after "in", or before "district"; "said" once does not make it a person.
    assert_eq!(
        shown(&names_of(&[
            &["Talks were held in Kazan, and Moscow said no. Hafen voted."],
            &["The Hafen district and Kazan agreed. They met in Moscow."],
        ])),
        [
            ("Hafen", Place, vec![]),
            ("Kazan", Place, vec![]),
            ("Moscow", Place, vec![])
        ]
    );
    // No kind, a single passage, a sentence's first word, a describing word, a weekday, a month
    // or a run of six capitals: no name.
    assert!(names_of(&[
        &["We met Zorbax there. Zorbax smiled."],
        &["Zorbax left early."],
        &["Residents welcomed it. Residents cheered."],
        &["Russian troops left. Western sanctions stayed, in Russian eyes."],
        &["It ends on Monday, from Monday, in March."],
        &["They met in Alpha Beta Gamma Delta Epsilon Zeta."],
        &["Then they met in Alpha Beta Gamma Delta Epsilon Zeta."],
    ])
    .is_empty());
    assert!(names_of(&[&["She lives in Kazan and works in Kazan."]]).is_empty());
    // Five words are a name (a place, after "in"); titles do not count ("Russian Deputy Foreign
    // Minister Sergei Ryabkov" is two words).
    assert_eq!(
        shown(&names_of(&[
            &["They met in Alpha Beta Gamma Delta Epsilon."],
            &["Russian Deputy Foreign Minister Sergei Ryabkov was in Alpha Beta Gamma Delta Epsilon."],
            &["Then Russian Deputy Foreign Minister Sergei Ryabkov left."],
        ])),
        [
            ("Alpha Beta Gamma Delta Epsilon", Place, vec![]),
            ("Sergei Ryabkov", Person, vec![])
        ]
    );
    // "According to" is no place's cue: a person quoted so is still a person.
    assert_eq!(
        shown(&names_of(&[
            &["According to Jonas Berg, the line is late."],
            &["Jonas Berg said so."],
        ])),
        [("Jonas Berg", Person, vec![])]
    );
}

/// Ids are for links: ASCII words joined by "-", made unique.
#[test]
fn ids_are_plain_and_unique() {
    let found = names_of(&[
        &["Talks in São Tomé and in Sao Tome went on."],
        &["Back in São Tomé, then in Sao Tome."],
    ]);
    let ids: Vec<&str> = found.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["sao-tome", "sao-tome-2"]);
}

/// The tram pages' own lines: "By Helen Marsh | 12 March 2025", "Published 12 March 2025", "By
/// Tom Reed, Opinion Editor" (c's corpus.toml entry names no kind: the page says it is opinion)
/// and "Local news, 12 March 2025" (a section and a date, not a heading).
#[test]
fn the_tram_pages_give_their_bylines_dates_and_kinds() {
    let c = common::tram_corpus();
    type Read<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
    let read: Vec<Read> = c
        .documents
        .iter()
        .map(|d| {
            (
                d.id.as_str(),
                d.byline.as_ref().map(|b| b.name.as_str()),
                d.date.as_ref().map(|x| x.iso.as_str()),
                d.kind.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            ("a", Some("Helen Marsh"), Some("2025-03-12"), None),
            ("b", None, Some("2025-03-12"), None),
            ("c", Some("Tom Reed"), None, Some("opinion")),
            ("d", None, Some("2025-03-12"), Some("news")),
        ]
    );
    // d's line is removed as a date line, so its text has no heading.
    let d = c.document("d").unwrap();
    assert!(d.sections.iter().all(|s| s.heading.is_none()));
}
