//! Full-text search over passages: an inverted index of stems with positions, BM25 ranking, a
//! query language (AND by default, `OR`, `-exclude`, `"phrases"`, `prefix*`), and highlighting
//! that returns text segments which always join back to the original text.

use crate::model::Corpus;
use crate::text::{Analyzer, Token};
use std::collections::{BTreeMap, HashMap, HashSet};

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Longest query we read; the rest is ignored, so a pasted book cannot stall the page.
pub const MAX_QUERY_BYTES: usize = 1024;
/// Most atoms a query may hold.
const MAX_ATOMS: usize = 32;

/// One searchable unit: a passage of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Unit {
    pub doc: u32,
    pub passage: u32,
}

#[derive(Debug, Clone, serde::Serialize)]
struct Posting {
    unit: u32,
    positions: Vec<u32>,
}

/// The inverted index.
pub struct Index {
    units: Vec<Unit>,
    lengths: Vec<u32>,
    avg_len: f32,
    postings: HashMap<String, Vec<Posting>>,
    /// Folded word → stem, for prefix queries.
    vocab: BTreeMap<String, String>,
    analyzer: Analyzer,
}

/// A single thing a query looks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    /// A word, by stem.
    Term { stem: String, norm: String },
    /// Words starting with a folded prefix.
    Prefix(String),
    /// Words in sequence, by stems.
    Phrase(Vec<String>),
}

/// A parsed query: every clause must match (a clause matches when any of its atoms does), and no
/// excluded atom may match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Vec<Atom>>,
    pub exclude: Vec<Atom>,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

/// A ranked result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub unit: Unit,
    pub score: f32,
}

/// A piece of text, marked when it matched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Segment {
    pub text: String,
    pub mark: bool,
}

/// Splits a query into raw items: (negated, quoted, text).
fn lex(q: &str) -> Vec<(bool, bool, String)> {
    let mut items = Vec::new();
    let mut chars = q.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut negated = false;
        if c == '-' {
            chars.next();
            negated = true;
        }
        if chars.peek() == Some(&'"') {
            chars.next();
            let phrase: String = chars.by_ref().take_while(|&c| c != '"').collect();
            items.push((negated, true, phrase));
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' {
                    break;
                }
                word.push(c);
                chars.next();
            }
            items.push((negated, false, word));
        }
    }
    items
}

impl Index {
    /// Indexes every passage of a corpus.
    pub fn build(corpus: &Corpus) -> Index {
        let analyzer = Analyzer::default();
        let mut units = Vec::new();
        let mut lengths = Vec::new();
        let mut postings: HashMap<String, Vec<Posting>> = HashMap::new();
        let mut vocab = BTreeMap::new();
        for (d, doc) in corpus.documents.iter().enumerate() {
            for (p, passage) in doc.passages.iter().enumerate() {
                let unit = units.len() as u32;
                units.push(Unit {
                    doc: d as u32,
                    passage: p as u32,
                });
                let tokens = analyzer.tokens(&passage.text);
                lengths.push(tokens.len() as u32);
                let mut local: HashMap<&str, Vec<u32>> = HashMap::new();
                for (i, t) in tokens.iter().enumerate() {
                    local.entry(t.stem.as_str()).or_default().push(i as u32);
                    if !vocab.contains_key(&t.norm) {
                        vocab.insert(t.norm.clone(), t.stem.clone());
                    }
                }
                let mut local: Vec<(&str, Vec<u32>)> = local.into_iter().collect();
                local.sort_unstable_by(|a, b| a.0.cmp(b.0));
                for (stem, positions) in local {
                    postings
                        .entry(stem.to_owned())
                        .or_default()
                        .push(Posting { unit, positions });
                }
            }
        }
        let total: u64 = lengths.iter().map(|&l| u64::from(l)).sum();
        let avg_len = if units.is_empty() {
            1.0
        } else {
            (total as f32 / units.len() as f32).max(1.0)
        };
        Index {
            units,
            lengths,
            avg_len,
            postings,
            vocab,
            analyzer,
        }
    }

    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// Bytes of a postcard encoding of everything the index holds (units, lengths, postings with
    /// positions, the prefix vocabulary; the stemmer is code, not data), stems in sorted order.
    /// What the benchmarks report as the index size.
    pub fn encoded_len(&self) -> usize {
        #[derive(serde::Serialize)]
        struct Encoded<'a> {
            units: &'a [Unit],
            lengths: &'a [u32],
            avg_len: f32,
            postings: Vec<(&'a str, &'a [Posting])>,
            vocab: &'a BTreeMap<String, String>,
        }
        let mut postings: Vec<(&str, &[Posting])> = self
            .postings
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice()))
            .collect();
        postings.sort_unstable_by_key(|p| p.0);
        let encoded = Encoded {
            units: &self.units,
            lengths: &self.lengths,
            avg_len: self.avg_len,
            postings,
            vocab: &self.vocab,
        };
        postcard::to_allocvec(&encoded).map_or(0, |v| v.len())
    }

    /// Parses a query. Total: any string gives a query (possibly empty).
    pub fn parse(&self, q: &str) -> Query {
        let q = truncate(q, MAX_QUERY_BYTES);
        let mut query = Query::default();
        let mut join_next = false;
        let mut atoms = 0;
        for (negated, quoted, text) in lex(q) {
            if !quoted && !negated && text == "OR" {
                join_next = !query.clauses.is_empty();
                continue;
            }
            let Some(atom) = self.atom(&text, quoted) else {
                continue;
            };
            atoms += 1;
            if atoms > MAX_ATOMS {
                break;
            }
            if negated {
                query.exclude.push(atom);
            } else if join_next {
                if let Some(last) = query.clauses.last_mut() {
                    last.push(atom);
                }
            } else {
                query.clauses.push(vec![atom]);
            }
            join_next = false;
        }
        query
    }

    fn atom(&self, text: &str, quoted: bool) -> Option<Atom> {
        let prefix = !quoted && text.ends_with('*');
        let tokens = self.analyzer.tokens(text);
        match tokens.as_slice() {
            [] => None,
            [t] if prefix => Some(Atom::Prefix(t.norm.clone())),
            [t] => Some(Atom::Term {
                stem: t.stem.clone(),
                norm: t.norm.clone(),
            }),
            many => Some(Atom::Phrase(many.iter().map(|t| t.stem.clone()).collect())),
        }
    }

    fn idf(&self, df: usize) -> f32 {
        let n = self.units.len() as f32;
        let df = df as f32;
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    fn bm25(&self, unit: u32, tf: f32, idf: f32) -> f32 {
        let len = self.lengths[unit as usize] as f32;
        idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / self.avg_len))
    }

    /// Units matching an atom, each with its BM25 contribution.
    fn eval(&self, atom: &Atom) -> HashMap<u32, f32> {
        let mut out: HashMap<u32, f32> = HashMap::new();
        let add_stem = |stem: &str, out: &mut HashMap<u32, f32>| {
            if let Some(list) = self.postings.get(stem) {
                let idf = self.idf(list.len());
                for p in list {
                    *out.entry(p.unit).or_default() +=
                        self.bm25(p.unit, p.positions.len() as f32, idf);
                }
            }
        };
        match atom {
            Atom::Term { stem, .. } => add_stem(stem, &mut out),
            Atom::Prefix(prefix) => {
                let stems: HashSet<&str> = self
                    .vocab
                    .range(prefix.clone()..)
                    .take_while(|(norm, _)| norm.starts_with(prefix.as_str()))
                    .map(|(_, stem)| stem.as_str())
                    .collect();
                let mut stems: Vec<&str> = stems.into_iter().collect();
                stems.sort_unstable();
                for stem in stems {
                    add_stem(stem, &mut out);
                }
            }
            Atom::Phrase(stems) => {
                let lists: Option<Vec<&Vec<Posting>>> =
                    stems.iter().map(|s| self.postings.get(s)).collect();
                let Some(lists) = lists else {
                    return out;
                };
                let mut found: Vec<(u32, u32)> = Vec::new();
                // Walk the first stem's postings; look the others up by binary search.
                for first in lists[0] {
                    let others: Option<Vec<&Posting>> = lists[1..]
                        .iter()
                        .map(|l| {
                            l.binary_search_by_key(&first.unit, |p| p.unit)
                                .ok()
                                .map(|i| &l[i])
                        })
                        .collect();
                    let Some(others) = others else { continue };
                    let count = first
                        .positions
                        .iter()
                        .filter(|&&pos| {
                            others.iter().enumerate().all(|(k, o)| {
                                o.positions.binary_search(&(pos + k as u32 + 1)).is_ok()
                            })
                        })
                        .count();
                    if count > 0 {
                        found.push((first.unit, count as u32));
                    }
                }
                let idf = self.idf(found.len()) * stems.len() as f32;
                for (unit, tf) in found {
                    out.insert(unit, self.bm25(unit, tf as f32, idf));
                }
            }
        }
        out
    }

    /// Runs a parsed query: matching units, best first (ties in corpus order).
    pub fn run(&self, query: &Query) -> Vec<Hit> {
        let mut scores: Option<HashMap<u32, f32>> = None;
        for clause in &query.clauses {
            let mut any: HashMap<u32, f32> = HashMap::new();
            for atom in clause {
                for (u, s) in self.eval(atom) {
                    *any.entry(u).or_default() += s;
                }
            }
            scores = Some(match scores {
                None => any,
                Some(prev) => prev
                    .into_iter()
                    .filter_map(|(u, s)| any.get(&u).map(|t| (u, s + t)))
                    .collect(),
            });
        }
        let mut scores = scores.unwrap_or_default();
        for atom in &query.exclude {
            for u in self.eval(atom).keys() {
                scores.remove(u);
            }
        }
        let mut hits: Vec<Hit> = scores
            .into_iter()
            .map(|(u, score)| Hit {
                unit: self.units[u as usize],
                score,
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.unit.cmp(&b.unit)));
        hits
    }

    /// Parses and runs a query.
    pub fn search(&self, q: &str) -> Vec<Hit> {
        self.run(&self.parse(q))
    }

    /// Splits `text` into segments, marking the words the query's positive atoms match.
    pub fn highlight(&self, text: &str, query: &Query) -> Vec<Segment> {
        let tokens = self.analyzer.tokens(text);
        let mut marked = vec![false; tokens.len()];
        for atom in query.clauses.iter().flatten() {
            mark(atom, &tokens, &mut marked);
        }
        segments(text, &tokens, &marked)
    }
}

fn mark(atom: &Atom, tokens: &[Token], marked: &mut [bool]) {
    match atom {
        Atom::Term { stem, .. } => {
            for (i, t) in tokens.iter().enumerate() {
                marked[i] |= t.stem == *stem;
            }
        }
        Atom::Prefix(p) => {
            for (i, t) in tokens.iter().enumerate() {
                marked[i] |= t.norm.starts_with(p.as_str());
            }
        }
        Atom::Phrase(stems) => {
            for i in 0..tokens.len() {
                if i + stems.len() <= tokens.len()
                    && stems.iter().zip(&tokens[i..]).all(|(s, t)| t.stem == *s)
                {
                    marked[i..i + stems.len()]
                        .iter_mut()
                        .for_each(|m| *m = true);
                }
            }
        }
    }
}

/// Segments of `text`: marked runs span from a marked token's start to the end of the last
/// consecutive marked token (with the spaces between them); everything else is unmarked.
fn segments(text: &str, tokens: &[Token], marked: &[bool]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut pos = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        if !marked[i] {
            i += 1;
            continue;
        }
        let start = tokens[i].start as usize;
        let mut end = tokens[i].end as usize;
        while i + 1 < tokens.len()
            && marked[i + 1]
            && text[end..tokens[i + 1].start as usize].trim().is_empty()
        {
            i += 1;
            end = tokens[i].end as usize;
        }
        if start > pos {
            out.push(Segment {
                text: text[pos..start].to_owned(),
                mark: false,
            });
        }
        out.push(Segment {
            text: text[start..end].to_owned(),
            mark: true,
        });
        pos = end;
        i += 1;
    }
    if pos < text.len() {
        out.push(Segment {
            text: text[pos..].to_owned(),
            mark: false,
        });
    }
    out
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
pub fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
