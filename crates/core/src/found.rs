//! Themes found in a corpus's own texts, for a corpus that ships no `themes.toml`: words that several sources use and that come together in the same passages, grouped deterministically into themes of the same shape as hand-made ones (so tagging, evidence, facets, the map, the overview and compare work unchanged).
//!
//! The candidates are stems that at least two sources use, in at least two passages, but in at
//! most [`MAX_SHARE`] of the corpus's passages (a word of nearly every passage is the story
//! itself, not one of its themes), with a content word among their words
//! (`lang::is_content_word`: no function word, number or word of one or two letters). The [`MAX_CANDIDATES`] most widespread (by sources, then passages) are kept. Taken in
//! that order, each candidate not yet in a theme starts one, with the candidates not yet in a
//! theme whose passages overlap its own by at least [`MIN_JACCARD`] (Jaccard index of the two sets
//! of passages), closest first, at most [`MAX_TERMS`] words; a theme needs two words. At most
//! [`MAX_THEMES`] themes. Co-occurrence is counted passage by passage over the candidates only,
//! so the work is linear in the corpus's words.

use crate::model::{Corpus, Theme};
use crate::search::Index;

/// A word held by more than this share of the corpus's passages is the story, not a theme.
pub const MAX_SHARE: f32 = 0.4;
/// The most widespread candidate words considered.
pub const MAX_CANDIDATES: usize = 200;
/// Two words belong to one theme when their sets of passages overlap this much (Jaccard).
pub const MIN_JACCARD: f32 = 0.4;
/// Words of a theme at most.
pub const MAX_TERMS: usize = 6;
/// Themes at most.
pub const MAX_THEMES: usize = 10;
/// The description every found theme carries, so that the app can say where it came from.
pub const DESCRIPTION: &str = "found in the texts: words that several sources use together";

/// The description of a theme found in the reader's own documents (`yours`).
pub const YOURS_DESCRIPTION: &str =
    "found in your own documents: words that several of them use together";

/// Whether `theme` was found in texts (the corpus's or the reader's), not written by hand.
pub fn is_found(theme: &Theme) -> bool {
    theme.description == DESCRIPTION || theme.description == YOURS_DESCRIPTION
}

/// Themes found in the reader's own documents (`corpus.documents[builtin..]`), to tag beside
/// the corpus's own themes: found as in a corpus of those documents alone (so two of them at
/// least), ids `yours-1`, `yours-2`…. The same documents give the same themes, so a class that
/// opens the same collection file gets the same ids in its links.
pub fn yours(corpus: &Corpus, builtin: usize) -> Vec<Theme> {
    let own = corpus.documents.get(builtin..).unwrap_or_default();
    if own.len() < 2 {
        return Vec::new();
    }
    let alone = Corpus {
        name: String::new(),
        title: String::new(),
        documents: own.to_vec(),
        themes: Vec::new(),
        entities: Vec::new(),
        claims: Vec::new(),
    };
    themes(&alone)
        .into_iter()
        .enumerate()
        .map(|(i, t)| Theme {
            id: format!("yours-{}", i + 1),
            description: YOURS_DESCRIPTION.to_owned(),
            ..t
        })
        .collect()
}

/// The themes found in `corpus`'s passages, in order of how widespread their first word is. Ids
/// are `found-1`, `found-2`…; a theme's label is its first three words as the texts spell them.
pub fn themes(corpus: &Corpus) -> Vec<Theme> {
    let index = Index::build(corpus);
    let units = index.units();
    let n = units.len();
    // Per stem: a folded word of it, and whether any of its words says something.
    let words = index.words_of_stems(crate::lang::is_content_word);
    // (sources, passages, stem id) of each candidate.
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (id, s) in index.stems().enumerate() {
        crate::probe::step(1);
        let df = s.units.len();
        if df < 2 || df as f32 > MAX_SHARE * n as f32 || !words[id].1 {
            continue;
        }
        let mut docs: Vec<u32> = s.units.iter().map(|&u| units[u as usize].doc).collect();
        docs.dedup();
        if docs.len() >= 2 {
            candidates.push((docs.len(), df, id));
        }
    }
    crate::sort::sort_by(&mut candidates, |a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(words[a.2].0.cmp(words[b.2].0))
    });
    candidates.truncate(MAX_CANDIDATES);
    let c = candidates.len();
    // Per passage, the candidates it holds; then, per pair of candidates, the passages holding
    // both.
    let mut held: Vec<Vec<u16>> = vec![Vec::new(); n];
    let stems: Vec<_> = index.stems().collect();
    for (k, &(_, _, id)) in candidates.iter().enumerate() {
        for &u in stems[id].units {
            crate::probe::step(1);
            held[u as usize].push(k as u16);
        }
    }
    let mut both = vec![0u32; c * c];
    for list in &held {
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                crate::probe::step(1);
                both[a as usize * c + b as usize] += 1;
                both[b as usize * c + a as usize] += 1;
            }
        }
    }
    let jaccard = |a: usize, b: usize| {
        let co = both[a * c + b] as f32;
        co / (candidates[a].1 as f32 + candidates[b].1 as f32 - co)
    };
    let mut taken = vec![false; c];
    let mut out: Vec<Theme> = Vec::new();
    for seed in 0..c {
        if taken[seed] || out.len() == MAX_THEMES {
            continue;
        }
        let mut near: Vec<(usize, f32)> = (0..c)
            .filter(|&k| k != seed && !taken[k])
            .map(|k| (k, jaccard(seed, k)))
            .filter(|&(_, j)| j >= MIN_JACCARD)
            .collect();
        if near.is_empty() {
            continue;
        }
        crate::sort::sort_by(&mut near, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        near.truncate(MAX_TERMS - 1);
        let members: Vec<usize> = std::iter::once(seed)
            .chain(near.iter().map(|&(k, _)| k))
            .collect();
        for &k in &members {
            taken[k] = true;
        }
        let terms: Vec<String> = members
            .iter()
            .map(|&k| words[candidates[k].2].0.to_owned())
            .collect();
        let label: Vec<String> = members
            .iter()
            .take(3)
            .map(|&k| {
                spelled(
                    corpus,
                    &index,
                    &stems[candidates[k].2],
                    words[candidates[k].2].0,
                )
            })
            .collect();
        out.push(Theme {
            id: format!("found-{}", out.len() + 1),
            label: label.join(", "),
            description: DESCRIPTION.to_owned(),
            terms,
        });
    }
    out
}

/// `folded` as the first passage holding it spells it ("Olsen", "estates").
fn spelled(
    corpus: &Corpus,
    index: &Index,
    stem: &crate::search::StemPostings<'_>,
    folded: &str,
) -> String {
    let Some(&u) = stem.units.first() else {
        return folded.to_owned();
    };
    let unit = index.units()[u as usize];
    let text = &corpus.documents[unit.doc as usize].passages[unit.passage as usize].text;
    crate::text::words(text)
        .iter()
        .find(|w| w.norm == folded)
        .and_then(|w| text.get(w.start as usize..w.end as usize))
        .unwrap_or(folded)
        .to_owned()
}
