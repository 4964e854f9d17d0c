//! Themes found in a corpus's own texts (`found`), for a corpus that ships no `themes.toml`: the
//! tram story gets themes of the same shape as hand-made ones, made the same way every time,
//! tagged with evidence like any theme, and compared; a corpus with its own themes keeps them.

mod common;

use parallax_core::analysis::Analysis;
use parallax_core::found::{self, DESCRIPTION, MAX_TERMS, MAX_THEMES};
use parallax_core::model::Theme;
use std::collections::BTreeSet;

fn tram_themes() -> &'static [Theme] {
    &common::tram_corpus().themes
}

/// The passages (`doc/passage`) a theme tags in the tram story.
fn tagged(theme: &str) -> BTreeSet<String> {
    let c = common::tram_corpus();
    let analysis = Analysis::new(c, &[]);
    analysis
        .passages
        .iter()
        .filter(|p| p.themes.iter().any(|t| t.id == theme))
        .map(|p| {
            let d = &c.documents[p.unit.doc as usize];
            format!("{}/{}", d.id, d.passages[p.unit.passage as usize].id)
        })
        .collect()
}

/// The found theme holding `word`.
fn theme_of(word: &str) -> &'static Theme {
    tram_themes()
        .iter()
        .find(|t| t.terms.iter().any(|w| w == word))
        .unwrap_or_else(|| panic!("no theme holds {word}: {:#?}", tram_themes()))
}

#[test]
fn a_corpus_with_only_its_texts_gets_the_themes_they_share() {
    let themes = tram_themes();
    assert!((4..=MAX_THEMES).contains(&themes.len()), "{themes:#?}");
    for (i, t) in themes.iter().enumerate() {
        assert_eq!(t.id, format!("found-{}", i + 1));
        assert_eq!(t.description, DESCRIPTION);
        assert!((2..=MAX_TERMS).contains(&t.terms.len()), "{t:?}");
        // Its label is its first words, as the texts spell them.
        let first: Vec<String> = t.label.split(", ").map(str::to_lowercase).collect();
        assert_eq!(first, t.terms[..first.len()], "{t:?}");
    }
    // No word is in two themes; the words of nearly every passage (buses, tram) are the story,
    // in none.
    let all: Vec<&String> = themes.iter().flat_map(|t| &t.terms).collect();
    let distinct: BTreeSet<&String> = all.iter().copied().collect();
    assert_eq!(all.len(), distinct.len());
    for story in ["buses", "tram"] {
        assert!(
            !distinct.contains(&story.to_owned()),
            "{story} is a theme word"
        );
    }
}

#[test]
fn the_cost_and_the_mayors_argument_are_themes_of_every_source() {
    // The cost: a's, b's, c's and d's passages on it (12 or 15 million euros), tagged with evidence.
    let cost = theme_of("euros");
    assert!(cost.terms.contains(&"million".to_owned()), "{cost:?}");
    let passages = tagged(&cost.id);
    for p in ["a/p3", "b/p3", "c/p3", "d/p2"] {
        assert!(passages.contains(p), "{p} not in {passages:?}");
    }
    // The northern estates served two years sooner, in all four.
    let estates = theme_of("estates");
    let passages = tagged(&estates.id);
    for p in ["a/p2", "b/p4", "c/p2", "d/p3"] {
        assert!(passages.contains(p), "{p} not in {passages:?}");
    }
    // Evidence: the words that fired, at their place in the text.
    let c = common::tram_corpus();
    let analysis = Analysis::new(c, &[]);
    let info = analysis
        .passages
        .iter()
        .find(|p| c.documents[p.unit.doc as usize].id == "b" && p.unit.passage == 2)
        .unwrap();
    let tag = info.themes.iter().find(|t| t.id == cost.id).unwrap();
    let text = &c.documents[1].passages[2].text;
    assert!(tag
        .evidence
        .iter()
        .any(|e| &text[e.start as usize..e.end as usize] == "euros"));
}

#[test]
fn found_themes_are_the_same_every_time_and_a_corpus_keeps_its_own() {
    let c = common::tram_corpus();
    let mut bare = c.clone();
    bare.themes.clear();
    assert_eq!(found::themes(&bare), c.themes);
    // The bundled corpus has its themes.toml: none is found.
    let real = common::real_corpus();
    assert!(!real.themes.is_empty());
    assert!(real.themes.iter().all(|t| !t.id.starts_with("found-")));
}

#[test]
fn compare_goes_by_the_found_themes() {
    let c = common::tram_corpus();
    let analysis = Analysis::new(c, &[]);
    let reuse = parallax_core::reuse::find(c);
    let facts = parallax_core::facts::facts(c, &c.claims);
    let cmp = parallax_core::compare::compare(c, &analysis, &reuse, &facts, &["a", "b"]).unwrap();
    let cost = theme_of("euros");
    let row = cmp.rows.iter().find(|r| r.theme == cost.id).unwrap();
    // a says 12 million euros, b 15: a dispute on the theme.
    assert!(row.differs(), "{row:#?}");
}

/// Few words: a corpus of one source, or of words no two sources share, has no theme.
#[test]
fn nothing_shared_finds_nothing() {
    let one = common::corpus(vec![vec![
        "buses trams depots".into(),
        "buses trams".into(),
    ]]);
    assert!(found::themes(&one).is_empty());
    let apart = common::corpus(vec![
        vec!["harbour festival dates".into(), "harbour festival".into()],
        vec!["school heating plans".into(), "school heating".into()],
    ]);
    assert!(found::themes(&apart).is_empty());
}

/// Hostile input: two sources whose one long passage has the same 2,000 distinct words (and
/// filler passages, so that those words are in few of the corpus's passages). Only the
/// `MAX_CANDIDATES` most widespread words are paired, so the work is not the 2 million pairs of
/// all of them.
#[test]
fn a_passage_of_thousands_of_shared_words_pairs_only_the_candidates() {
    use parallax_core::found::MAX_CANDIDATES;
    let long: Vec<String> = (0..2000).map(|i| format!("w{i}x")).collect();
    let long = long.join(" ");
    let filler =
        |d: usize| -> Vec<String> { (0..6).map(|i| format!("filler{d}n{i} words")).collect() };
    let mut a = vec![long.clone()];
    a.extend(filler(0));
    let mut b = vec![long];
    b.extend(filler(1));
    let c = common::corpus(vec![a, b]);
    let before = parallax_core::probe::steps();
    let themes = found::themes(&c);
    let steps = parallax_core::probe::steps() - before;
    let words = 2 * 2000 + 2 * 6 * 2;
    assert!(
        steps <= (MAX_CANDIDATES as u64 + 2) * words as u64 * 2,
        "{steps} steps for {words} words"
    );
    // The long passage's words come together, in themes of at most MAX_TERMS words, at most
    // MAX_THEMES of them.
    assert_eq!(themes.len(), MAX_THEMES);
    assert!(themes
        .iter()
        .flat_map(|t| &t.terms)
        .all(|w| w.starts_with('w') && w.ends_with('x')));
}

/// A reader who imports the tram story's four articles into the bundled corpus gets the tram
/// story's themes beside the corpus's eleven, under ids of their own: found in her documents
/// alone, exactly as a corpus of those documents finds them.
#[test]
fn the_readers_own_documents_get_themes_of_their_own_beside_the_corpus() {
    let real = common::real_corpus();
    let tram = common::tram_corpus();
    let builtin = real.documents.len();
    let mut both = real.clone();
    for (i, d) in tram.documents.iter().enumerate() {
        let mut d = d.clone();
        d.id = format!("my{}", i + 1);
        both.documents.push(d);
    }
    let yours = found::yours(&both, builtin);
    assert_eq!(yours.len(), tram.themes.len(), "{yours:#?}");
    for (i, (y, t)) in yours.iter().zip(&tram.themes).enumerate() {
        assert_eq!(y.id, format!("yours-{}", i + 1));
        assert_eq!((&y.label, &y.terms), (&t.label, &t.terms));
        assert_eq!(y.description, found::YOURS_DESCRIPTION);
        assert!(found::is_found(y) && found::is_found(t));
    }
    // The same documents, the same themes; none for one document, or none of her own.
    assert_eq!(found::yours(&both, builtin), yours);
    assert_eq!(found::yours(&both, both.documents.len() - 1), []);
    assert_eq!(found::yours(real, builtin), []);
    // Tagged beside the corpus's themes: the reader's passages carry them.
    let mut themes = both.themes.clone();
    themes.extend(yours.iter().cloned());
    let analysis = Analysis::with_themes(&both, &themes);
    let mine = analysis
        .passages
        .iter()
        .filter(|p| p.unit.doc as usize >= builtin)
        .filter(|p| p.themes.iter().any(|t| t.id.starts_with("yours-")))
        .count();
    assert!(mine >= tram.documents.len(), "{mine}");
    assert!(!both.themes.iter().any(found::is_found));
}
