//! Passages matched by what they say, for any story: each passage of a compared source linked to the passages of the others that share its distinctive words (tf-idf cosine over stems, no theme lexicon), and the passages no other compared source matches.
//!
//! A passage's words are weighed as a search engine weighs them: a stem counts `1 + ln(tf)` times
//! its rarity in the corpus, `ln(N / df)`, where `N` is the corpus's passages and `df` those that
//! hold the stem. Stems with no content word (`lang::is_content_word`; numbers count) and stems
//! that more than [`MAX_POSTINGS`] passages of the compared sources hold are left out: they say
//! little about which passages match, and leaving them out keeps the work linear (each stem pairs
//! at most `MAX_POSTINGS` passages). A passage with no match that holds such a common stem is
//! not said to be its source's own (`Aligned::crowded`): its matches may have been in those words. Two passages of different sources match when the cosine of their
//! weights is at least [`MIN_SIMILARITY`] and they share at least [`MIN_SHARED`] stems; the
//! threshold is measured on a story written for it (BENCHMARKS.md, "Passages matched by what
//! they say").

use crate::analysis::Analysis;
use crate::model::Corpus;
use serde::Serialize;

/// A stem held by more passages of the compared sources than this is left out.
pub const MAX_POSTINGS: usize = 64;
/// The least cosine similarity of two passages that say the same thing (BENCHMARKS.md).
pub const MIN_SIMILARITY: f32 = 0.2;
/// The fewest distinctive stems two matching passages share: one rare word alone (a name) is
/// not the same statement.
pub const MIN_SHARED: usize = 2;
/// At most this many matches of a passage in each other source, best first.
pub const MAX_MATCHES: usize = 3;
/// At most this many matches of a passage in all (two other sources' worth, as compare shows at
/// most three sources): what a passage carries stays bounded however many sources are compared.
pub const MAX_ALL_MATCHES: usize = 2 * MAX_MATCHES;
/// At most this many shared words shown as the reason for a match.
pub const MAX_WORDS: usize = 4;

/// A passage of another source that says the same thing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub doc: String,
    pub passage: String,
    /// Cosine similarity, 0 to 1.
    pub score: f32,
    /// The words they share that weigh most, heaviest first, as this passage spells them ("Petra",
    /// "Monday"; folded when it spells only another form of the stem): why they were matched.
    pub words: Vec<String>,
}

/// One passage of a compared source and its matches in the others.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aligned {
    pub doc: String,
    pub passage: String,
    /// Best first within each other source, sources in column order.
    pub matches: Vec<Match>,
    /// It holds a word that more than `MAX_POSTINGS` compared passages hold, which was not
    /// weighed: with no match, it may still say what another source says.
    pub crowded: bool,
}

/// Every passage of the compared sources, in column order and reading order, with its matches.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Alignment {
    pub docs: Vec<String>,
    pub passages: Vec<Aligned>,
}

impl Alignment {
    /// The passages of `doc`, in reading order.
    pub fn of<'a>(&'a self, doc: &'a str) -> impl Iterator<Item = &'a Aligned> + 'a {
        self.passages.iter().filter(move |a| a.doc == doc)
    }

    /// The passages of `doc` that no other compared source matches, every word of them weighed:
    /// what the others leave out.
    pub fn only<'a>(&'a self, doc: &'a str) -> impl Iterator<Item = &'a Aligned> + 'a {
        self.of(doc).filter(|a| a.matches.is_empty() && !a.crowded)
    }

    /// The passages of `doc` with no match whose words were too common to weigh them all.
    pub fn crowded<'a>(&'a self, doc: &'a str) -> impl Iterator<Item = &'a Aligned> + 'a {
        self.of(doc).filter(|a| a.matches.is_empty() && a.crowded)
    }
}

impl Aligned {
    /// The best match in `doc`, if any.
    pub fn best_in(&self, doc: &str) -> Option<&Match> {
        self.matches.iter().find(|m| m.doc == doc)
    }
}

/// Matches the passages of the sources `docs` (ids of `corpus`, in column order; unknown ids and
/// repeats are skipped) by what they say. Linear in the corpus's postings (each stem's passages).
pub fn align(corpus: &Corpus, analysis: &Analysis, docs: &[&str]) -> Alignment {
    let index = &analysis.index;
    let mut columns: Vec<usize> = Vec::new();
    for d in docs {
        if let Some(i) = corpus.documents.iter().position(|x| x.id == *d) {
            if !columns.contains(&i) {
                columns.push(i);
            }
        }
    }
    let units = index.units();
    let mut col_of_doc: Vec<Option<usize>> = vec![None; corpus.documents.len()];
    for (col, &d) in columns.iter().enumerate() {
        col_of_doc[d] = Some(col);
    }
    let column = |u: u32| col_of_doc[units[u as usize].doc as usize];
    // Per stem: a folded word of it, and whether any of its words says something.
    let words = index.words_of_stems(|w| {
        crate::lang::is_content_word(w) || w.chars().all(|c| c.is_ascii_digit())
    });
    let n = units.len() as f32;
    let mut norms = vec![0f32; units.len()];
    let mut crowded = vec![false; units.len()];
    // (pair of units, lower first, packed; the pair's share of the dot product; stem id).
    let mut parts: Vec<(u64, f32, u32)> = Vec::new();
    // The compared units holding the current stem, with their weight for it.
    let mut held: Vec<(u32, f32)> = Vec::new();
    for (id, s) in index.stems().enumerate() {
        crate::probe::step(1);
        if !words[id].1 {
            continue;
        }
        let idf = (n / s.units.len() as f32).ln();
        held.clear();
        for (i, &u) in s.units.iter().enumerate() {
            crate::probe::step(1);
            if column(u).is_some() {
                held.push((u, (1.0 + (s.tf(i) as f32).ln()) * idf));
            }
        }
        if held.len() > MAX_POSTINGS {
            for &(u, _) in &held {
                crowded[u as usize] = true;
            }
            continue;
        }
        if idf <= 0.0 {
            continue;
        }
        for &(u, w) in &held {
            norms[u as usize] += w * w;
        }
        for (i, &(u, wu)) in held.iter().enumerate() {
            for &(v, wv) in &held[i + 1..] {
                crate::probe::step(1);
                if column(u) != column(v) {
                    parts.push(((u64::from(u) << 32) | u64::from(v), wu * wv, id as u32));
                }
            }
        }
    }
    crate::sort::sort_by(&mut parts, |a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    let stem_of: Vec<&str> = index.stems().map(|s| s.stem).collect();
    // Per unit: its matches (other unit, score, stems heaviest first).
    let mut found: Vec<Vec<(u32, f32, Vec<u32>)>> = vec![Vec::new(); units.len()];
    let mut k = 0;
    while k < parts.len() {
        let key = parts[k].0;
        let mut end = k;
        let mut dot = 0f32;
        while end < parts.len() && parts[end].0 == key {
            crate::probe::step(1);
            dot += parts[end].1;
            end += 1;
        }
        let (u, v) = ((key >> 32) as u32, key as u32);
        // At most 1: rounding can take the cosine of a passage and its copy just past it.
        let score = (dot / (norms[u as usize].sqrt() * norms[v as usize].sqrt())).min(1.0);
        if end - k >= MIN_SHARED && score >= MIN_SIMILARITY {
            let stems: Vec<u32> = parts[k..end.min(k + MAX_WORDS)]
                .iter()
                .map(|p| p.2)
                .collect();
            found[u as usize].push((v, score, stems.clone()));
            found[v as usize].push((u, score, stems));
        }
        k = end;
    }
    let mut out = Alignment {
        docs: columns
            .iter()
            .map(|&c| corpus.documents[c].id.clone())
            .collect(),
        passages: Vec::new(),
    };
    // Units are in corpus order, so each document's passages are one run of them.
    let order = columns.iter().flat_map(|&d| {
        let from = units.partition_point(|u| (u.doc as usize) < d);
        let to = units.partition_point(|u| (u.doc as usize) <= d);
        from as u32..to as u32
    });
    // Each passage's words, read once, when a match first shows them.
    let analyzer = crate::text::Analyzer::default();
    let mut tokens: Vec<Option<Vec<crate::text::Token>>> = vec![None; units.len()];
    for u in order {
        let unit = units[u as usize];
        let doc = &corpus.documents[unit.doc as usize];
        let mut m = std::mem::take(&mut found[u as usize]);
        crate::sort::sort_by(&mut m, |a, b| {
            column(a.0)
                .cmp(&column(b.0))
                .then(b.1.total_cmp(&a.1))
                .then(a.0.cmp(&b.0))
        });
        let mut matches: Vec<Match> = Vec::new();
        for (v, score, stems) in m {
            let other = units[v as usize];
            let other_doc = &corpus.documents[other.doc as usize];
            if matches.len() == MAX_ALL_MATCHES {
                break;
            }
            if matches.iter().filter(|x| x.doc == other_doc.id).count() >= MAX_MATCHES {
                continue;
            }
            let passage = &other_doc.passages[other.passage as usize];
            matches.push(Match {
                doc: other_doc.id.clone(),
                passage: passage.id.clone(),
                score,
                words: spelled(
                    &passage.text,
                    tokens[v as usize].get_or_insert_with(|| analyzer.tokens(&passage.text)),
                    stems
                        .iter()
                        .map(|&s| (stem_of[s as usize], words[s as usize].0)),
                ),
            });
        }
        out.passages.push(Aligned {
            doc: doc.id.clone(),
            passage: doc.passages[unit.passage as usize].id.clone(),
            matches,
            crowded: crowded[u as usize],
        });
    }
    out
}

/// Each stem as `text` (whose tokens are `all`) spells it first, else its folded word.
fn spelled<'a>(
    text: &str,
    all: &[crate::text::Token],
    stems: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<String> {
    stems
        .map(|(stem, folded)| {
            all.iter()
                .find(|t| t.stem == stem)
                .and_then(|t| text.get(t.start as usize..t.end as usize))
                .unwrap_or(folded)
                .to_owned()
        })
        .collect()
}
