//! Full-text search over passages: an inverted index of stems with positions, BM25 ranking, a
//! query language (AND by default, `OR`, `-exclude`, `"phrases"`, `prefix*`), and highlighting
//! that returns text segments which always join back to the original text.

use crate::text::{tokens_by, words, Analyzer, Token};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Longest query we read; the rest is ignored, so a pasted book cannot stall the page.
pub const MAX_QUERY_BYTES: usize = 1024;
/// Most atoms a query may hold.
const MAX_ATOMS: usize = 32;

/// What an index is built from: documents, each a list of passage texts. `parallax-core`
/// implements it for its `Corpus`.
pub trait Passages {
    /// Calls `f(document, passage, text)` for every passage, documents in order and each
    /// document's passages in order.
    fn each_passage(&self, f: &mut dyn FnMut(u32, u32, &str));
}

/// One searchable unit: a passage of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Unit {
    pub doc: u32,
    pub passage: u32,
}

/// FxHash, rustc's hasher: much cheaper than the default SipHash on short words. The
/// index hashes its own corpus's words and its map order never reaches any output, so it needs no
/// defence against crafted collisions.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    /// FxHash's own state has weak low bits, which the hash table uses to pick a bucket: on a
    /// large, regular vocabulary, buckets can cluster and lookups slow down as the index grows.
    /// A MurmurHash3 finaliser spreads every bit over the whole word.
    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The postings of one stem, in unit order: `units[i]` holds the stem at the token positions
/// `positions[offsets[i]..offsets[i + 1]]`. Flat vectors rather than a vector per posting: one
/// allocation per stem instead of one per (stem, passage), and scans stay in cache.
#[derive(Debug, Clone, Default)]
struct Postings {
    units: Vec<u32>,
    offsets: Vec<u32>,
    positions: Vec<u32>,
    /// Units best first for a query of this stem alone (BM25 descending, ties in unit order),
    /// with their scores beside them, computed once at build time: such queries, the commonest,
    /// then need no sort and no arithmetic, only a copy.
    ranked: Vec<u32>,
    ranked_scores: Vec<f32>,
}

impl Postings {
    #[inline(always)]
    fn tf(&self, i: usize) -> u32 {
        self.offsets[i + 1] - self.offsets[i]
    }

    #[inline(always)]
    fn positions(&self, i: usize) -> &[u32] {
        &self.positions[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}

/// One stem's postings as the index holds them: the units that hold it, in unit order, and how
/// often each does (`tf`).
#[derive(Debug, Clone, Copy)]
pub struct StemPostings<'a> {
    pub stem: &'a str,
    pub units: &'a [u32],
    list: &'a Postings,
}

impl StemPostings<'_> {
    /// How often `units[i]` holds the stem.
    pub fn tf(&self, i: usize) -> u32 {
        self.list.tf(i)
    }
}

/// Units with a score, in unit order: what every step of a query works on.
type Scored = Vec<(u32, f32)>;

/// The units a clause matches, in unit order, with their scores.
enum Clause<'a> {
    /// One stem: its postings, scored on demand.
    Term { list: &'a Postings, idf: f32 },
    /// Anything else, scored already: units and their scores.
    Scored(Vec<u32>, Vec<f32>),
}

impl Clause<'_> {
    fn units(&self) -> &[u32] {
        match self {
            Clause::Term { list, .. } => &list.units,
            Clause::Scored(units, _) => units,
        }
    }

    /// Score of the `i`-th unit, exactly as `Index::scored` computes it.
    #[inline(always)]
    fn score(&self, index: &Index, i: usize) -> f32 {
        match self {
            Clause::Term { list, idf } => index.bm25(list.units[i], list.tf(i) as f32, *idf),
            Clause::Scored(_, scores) => scores[i],
        }
    }
}

/// The inverted index.
pub struct Index {
    units: Vec<Unit>,
    lengths: Vec<u32>,
    avg_len: f32,
    /// Per unit, the length part of BM25's denominator, `K1 * (1 - B + B * len / avg_len)`.
    norms: Vec<f32>,
    /// Stem → term id, an index into `stems` and `postings`.
    terms: FxMap<String, u32>,
    stems: Vec<String>,
    postings: Vec<Postings>,
    /// Folded words with their term id, sorted by word: prefix queries take a range of it.
    vocab: Vec<(String, u32)>,
    /// Per term id, the place of its stem in alphabetical order: prefix queries put their terms
    /// in stem order with an integer sort.
    stem_rank: Vec<u32>,
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
    /// Indexes every passage of a corpus; the units are its passages, in its order.
    pub fn build<P: Passages + ?Sized>(corpus: &P) -> Index {
        let analyzer = Analyzer::default();
        let mut units = Vec::new();
        let mut lengths = Vec::new();
        let mut terms: FxMap<String, u32> = FxMap::default();
        let mut stems: Vec<String> = Vec::new();
        let mut postings: Vec<Postings> = Vec::new();
        // Folded word → term id: most tokens are found here with one lookup, and only words not
        // seen before are stemmed and looked up in the stem map.
        let mut words_seen: FxMap<String, u32> = FxMap::default();
        let mut local: Vec<u64> = Vec::new();
        corpus.each_passage(&mut |doc, passage, text| {
            let unit = units.len() as u32;
            units.push(Unit { doc, passage });
            let tokens = words(text);
            lengths.push(tokens.len() as u32);
            local.clear();
            for (i, t) in tokens.into_iter().enumerate() {
                // Most words were seen before: one lookup, and no stemming.
                let id = match words_seen.get(&t.norm) {
                    Some(&id) => id,
                    None => {
                        let stem = analyzer.stem(&t.norm);
                        let id = match terms.get(&stem) {
                            Some(&id) => id,
                            None => {
                                let id = stems.len() as u32;
                                terms.insert(stem.clone(), id);
                                stems.push(stem);
                                postings.push(Postings {
                                    offsets: vec![0],
                                    ..Postings::default()
                                });
                                id
                            }
                        };
                        words_seen.insert(t.norm, id);
                        id
                    }
                };
                local.push((u64::from(id) << 32) | i as u64);
            }
            // By term, then position: each term's positions come out in order.
            local.sort_unstable();
            let mut k = 0;
            while k < local.len() {
                let id = (local[k] >> 32) as usize;
                let list = &mut postings[id];
                list.units.push(unit);
                while k < local.len() && (local[k] >> 32) as usize == id {
                    list.positions.push(local[k] as u32);
                    k += 1;
                }
                list.offsets.push(list.positions.len() as u32);
            }
        });
        let total: u64 = lengths.iter().map(|&l| u64::from(l)).sum();
        let avg_len = if units.is_empty() {
            1.0
        } else {
            (total as f32 / units.len() as f32).max(1.0)
        };
        let norms = lengths
            .iter()
            .map(|&l| K1 * (1.0 - B + B * l as f32 / avg_len))
            .collect();
        let mut vocab: Vec<(String, u32)> = words_seen.into_iter().collect();
        vocab.sort_unstable();
        // The stems in alphabetical order, sorted as the same type as `vocab` (one sort in the
        // wasm for both; the strings are moved out and back, not copied).
        let mut by_stem: Vec<(String, u32)> = stems
            .iter_mut()
            .enumerate()
            .map(|(id, s)| (std::mem::take(s), id as u32))
            .collect();
        by_stem.sort_unstable();
        let mut stem_rank = vec![0u32; by_stem.len()];
        for (rank, (stem, id)) in by_stem.into_iter().enumerate() {
            stem_rank[id as usize] = rank as u32;
            stems[id as usize] = stem;
        }
        let mut index = Index {
            units,
            lengths,
            avg_len,
            norms,
            terms,
            stems,
            postings,
            vocab,
            stem_rank,
            analyzer,
        };
        for id in 0..index.postings.len() {
            let (ranked, scores) = rank(&index.scored(&index.postings[id]), true);
            index.postings[id].ranked = ranked;
            index.postings[id].ranked_scores = scores;
        }
        index
    }

    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// Words of `text`, stemmed exactly as [`Analyzer::tokens`] stems them: a word of the
    /// indexed texts is looked up in the vocabulary (it was stemmed once, when the index was
    /// built), any other word is stemmed. For tagging the indexed texts (or parts of them)
    /// without stemming their words again.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        tokens_by(text, |norm| {
            match self.vocab.binary_search_by(|(w, _)| w.as_str().cmp(norm)) {
                Ok(i) => self.stems[self.vocab[i].1 as usize].clone(),
                Err(_) => self.analyzer.stem(norm),
            }
        })
    }

    /// Every stem of the index with its postings, by term id: what analyses that weigh passages
    /// by their words (`parallax_core::align`) read instead of tokenising the corpus again.
    pub fn stems(&self) -> impl Iterator<Item = StemPostings<'_>> {
        self.stems
            .iter()
            .zip(&self.postings)
            .map(|(stem, list)| StemPostings {
                stem,
                units: &list.units,
                list,
            })
    }

    /// Per stem, by term id: a folded word of it, the shortest, then the first in alphabetical
    /// order ("council" for the stem of "council" and "councils"), to show a stem to people; and
    /// whether any of its folded words passes `keep` (a stem whose every word is a function word
    /// is one; "news", whose stem is that of "new", is not).
    pub fn words_of_stems(&self, keep: impl Fn(&str) -> bool) -> Vec<(&str, bool)> {
        let mut out: Vec<(&str, bool)> = vec![("", false); self.stems.len()];
        for (word, id) in &self.vocab {
            let slot = &mut out[*id as usize];
            if slot.0.is_empty() || word.len() < slot.0.len() {
                slot.0 = word;
            }
            slot.1 |= keep(word);
        }
        out
    }

    /// Bytes of a postcard encoding of everything the index holds: units, lengths, every stem
    /// with its postings (unit and positions), and the folded words for prefix queries, stems in
    /// sorted order. Numbers are plain varints (no delta coding); what is derived from those (BM25
    /// norms, the single-stem rankings, the hash map) and the stemmer, which is code, are left
    /// out. The benchmarks report it as the index size.
    pub fn encoded_len(&self) -> usize {
        /// A stem and, per unit holding it, the unit and the positions.
        type Entry<'a> = (&'a str, Vec<(u32, &'a [u32])>);
        #[derive(serde::Serialize)]
        struct Encoded<'a> {
            units: &'a [Unit],
            lengths: &'a [u32],
            avg_len: f32,
            postings: Vec<Entry<'a>>,
            vocab: &'a [(String, u32)],
        }
        let mut order: Vec<usize> = (0..self.stems.len()).collect();
        order.sort_unstable_by_key(|&i| &self.stems[i]);
        let postings = order
            .into_iter()
            .map(|i| {
                let list = &self.postings[i];
                let each = (0..list.units.len())
                    .map(|k| (list.units[k], list.positions(k)))
                    .collect();
                (self.stems[i].as_str(), each)
            })
            .collect();
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
        let mut tokens = words(text);
        match tokens.len() {
            0 => None,
            1 if prefix => tokens.pop().map(|t| Atom::Prefix(t.norm)),
            1 => tokens.pop().map(|t| Atom::Term {
                stem: self.stem(&t.norm),
                norm: t.norm,
            }),
            _ => Some(Atom::Phrase(
                tokens.iter().map(|t| self.stem(&t.norm)).collect(),
            )),
        }
    }

    /// The stem of a folded word: read from the index for a word it holds (no stemming), else
    /// computed. Both give the analyzer's stem, since the index stored exactly that.
    fn stem(&self, norm: &str) -> String {
        match self.vocab.binary_search_by(|(w, _)| w.as_str().cmp(norm)) {
            Ok(i) => self.stems[self.vocab[i].1 as usize].clone(),
            Err(_) => self.analyzer.stem(norm),
        }
    }

    fn idf(&self, df: usize) -> f32 {
        let n = self.units.len() as f32;
        let df = df as f32;
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    // Forced: the release profile optimises for size, which would otherwise keep this call in the
    // innermost loop of every query.
    #[inline(always)]
    fn bm25(&self, unit: u32, tf: f32, idf: f32) -> f32 {
        idf * tf * (K1 + 1.0) / (tf + self.norms[unit as usize])
    }

    fn list(&self, stem: &str) -> Option<&Postings> {
        self.terms.get(stem).map(|&id| &self.postings[id as usize])
    }

    /// Every unit of a list with its BM25 contribution.
    fn scored(&self, list: &Postings) -> Scored {
        let idf = self.idf(list.units.len());
        (0..list.units.len())
            .map(|i| {
                let u = list.units[i];
                (u, self.bm25(u, list.tf(i) as f32, idf))
            })
            .collect()
    }

    /// Term ids of the folded words starting with `prefix`, in the order of their stems.
    fn prefix_terms(&self, prefix: &str) -> Vec<u32> {
        let from = self.vocab.partition_point(|(w, _)| w.as_str() < prefix);
        // (place of the stem, term id): in stem order once sorted, as plain integers.
        let mut keys: Vec<u64> = self.vocab[from..]
            .iter()
            .take_while(|(w, _)| w.starts_with(prefix))
            .map(|&(_, id)| (u64::from(self.stem_rank[id as usize]) << 32) | u64::from(id))
            .collect();
        keys.sort_unstable();
        let mut ids: Vec<u32> = keys.into_iter().map(|k| k as u32).collect();
        ids.dedup();
        ids
    }

    /// Units matching an atom, in unit order, each with its BM25 contribution.
    fn eval(&self, atom: &Atom) -> Scored {
        match atom {
            Atom::Term { stem, .. } => self.list(stem).map_or_else(Vec::new, |l| self.scored(l)),
            Atom::Prefix(prefix) => {
                let ids = self.prefix_terms(prefix);
                if let [id] = ids[..] {
                    return self.scored(&self.postings[id as usize]);
                }
                // Accumulate in stem order into one slot per unit, so that a unit's scores are
                // summed in stem order, then read the touched units back in unit order from a
                // bitset: no sort, whatever the number of stems.
                let mut acc = vec![0f32; self.units.len()];
                let mut touched = vec![0u64; self.units.len().div_ceil(64)];
                for &id in &ids {
                    let list = &self.postings[id as usize];
                    let idf = self.idf(list.units.len());
                    for (i, &u) in list.units.iter().enumerate() {
                        acc[u as usize] += self.bm25(u, list.tf(i) as f32, idf);
                        touched[u as usize / 64] |= 1 << (u % 64);
                    }
                }
                let mut out = Vec::new();
                for (w, &bits) in touched.iter().enumerate() {
                    let mut bits = bits;
                    while bits != 0 {
                        let u = (w * 64) as u32 + bits.trailing_zeros();
                        out.push((u, acc[u as usize]));
                        bits &= bits - 1;
                    }
                }
                out
            }
            Atom::Phrase(stems) => {
                let lists: Option<Vec<&Postings>> = stems.iter().map(|s| self.list(s)).collect();
                let Some(lists) = lists else {
                    return Vec::new();
                };
                let mut found: Vec<(u32, u32)> = Vec::new();
                let mut at = vec![0usize; lists.len()];
                let mut others: Vec<&[u32]> = Vec::with_capacity(lists.len());
                // Walk the first stem's postings; find the others by galloping forward.
                'units: for (i, &unit) in lists[0].units.iter().enumerate() {
                    others.clear();
                    for (k, l) in lists.iter().enumerate().skip(1) {
                        at[k] = gallop(&l.units, at[k], unit);
                        if l.units.get(at[k]) != Some(&unit) {
                            continue 'units;
                        }
                        others.push(l.positions(at[k]));
                    }
                    let count = lists[0]
                        .positions(i)
                        .iter()
                        .filter(|&&pos| {
                            others
                                .iter()
                                .enumerate()
                                .all(|(k, o)| o.binary_search(&(pos + k as u32 + 1)).is_ok())
                        })
                        .count();
                    if count > 0 {
                        found.push((unit, count as u32));
                    }
                }
                let idf = self.idf(found.len()) * stems.len() as f32;
                found
                    .into_iter()
                    .map(|(unit, tf)| (unit, self.bm25(unit, tf as f32, idf)))
                    .collect()
            }
        }
    }

    /// Units matching any atom of a clause, scores summed in atom order.
    fn union_of(&self, clause: &[Atom]) -> Scored {
        let mut atoms = clause.iter().map(|a| self.eval(a));
        let first = atoms.next().unwrap_or_default();
        atoms.fold(first, |acc, next| union(&acc, &next))
    }

    /// Units in every clause with their scores summed in clause order, as the query reads, in
    /// unit order: walks the smallest clause and gallops through the others.
    fn intersect(&self, clauses: &[Clause]) -> Scored {
        let Some(smallest) = (0..clauses.len()).min_by_key(|&i| clauses[i].units().len()) else {
            return Vec::new();
        };
        let units: Vec<&[u32]> = clauses.iter().map(Clause::units).collect();
        let mut at = vec![0usize; clauses.len()];
        let mut out: Scored = Vec::with_capacity(units[smallest].len());
        'units: for &unit in units[smallest] {
            for (k, list) in units.iter().enumerate() {
                at[k] = gallop(list, at[k], unit);
                if list.get(at[k]) != Some(&unit) {
                    continue 'units;
                }
            }
            let mut score = clauses[0].score(self, at[0]);
            for (k, c) in clauses.iter().enumerate().skip(1) {
                score += c.score(self, at[k]);
            }
            out.push((unit, score));
        }
        out
    }

    /// A stem's precomputed ranking without the units any excluded atom matches; the scores
    /// beside the units only when `scores` is set.
    fn ranked(&self, list: &Postings, exclude: &[Atom], scores: bool) -> (Vec<u32>, Vec<f32>) {
        if exclude.is_empty() {
            let kept = if scores {
                list.ranked_scores.clone()
            } else {
                Vec::new()
            };
            return (list.ranked.clone(), kept);
        }
        let mut excluded = vec![0u64; self.units.len().div_ceil(64)];
        for atom in exclude {
            for u in self.matching(atom) {
                excluded[u as usize / 64] |= 1 << (u % 64);
            }
        }
        let out = |u: u32| excluded[u as usize / 64] & (1 << (u % 64)) != 0;
        if !scores {
            return (
                list.ranked.iter().copied().filter(|&u| !out(u)).collect(),
                Vec::new(),
            );
        }
        list.ranked
            .iter()
            .zip(&list.ranked_scores)
            .filter(|&(&u, _)| !out(u))
            .unzip()
    }

    /// Units matching an atom, in unit order, without scores (for exclusions).
    fn matching(&self, atom: &Atom) -> Vec<u32> {
        match atom {
            Atom::Term { stem, .. } => self.list(stem).map_or_else(Vec::new, |l| l.units.clone()),
            _ => self.eval(atom).into_iter().map(|(u, _)| u).collect(),
        }
    }

    /// Runs a parsed query: matching units, best first (ties in corpus order).
    pub fn run(&self, query: &Query) -> Vec<Hit> {
        let (units, scores) = self.ranking(query, true);
        units
            .into_iter()
            .zip(scores)
            .map(|(u, score)| Hit {
                unit: self.units[u as usize],
                score,
            })
            .collect()
    }

    /// What `run` finds, without the scores: positions in [`Index::units`] (so in corpus order,
    /// one per passage), best first. The cheapest way to get a ranking: for one word, a copy.
    pub fn run_units(&self, query: &Query) -> Vec<u32> {
        self.ranking(query, false).0
    }

    /// Matching units best first, with their scores beside them when `want` is set.
    fn ranking(&self, query: &Query, want: bool) -> (Vec<u32>, Vec<f32>) {
        // One word (or a prefix of one stem's words), perhaps with exclusions: the ranking was
        // made at build time.
        if let [clause] = query.clauses.as_slice() {
            let single = match clause.as_slice() {
                [Atom::Term { stem, .. }] => Some(self.list(stem)),
                [Atom::Prefix(prefix)] => match self.prefix_terms(prefix)[..] {
                    [] => Some(None),
                    [id] => Some(Some(&self.postings[id as usize])),
                    _ => None,
                },
                _ => None,
            };
            if let Some(list) = single {
                return list
                    .map_or_else(Default::default, |l| self.ranked(l, &query.exclude, want));
            }
        }
        let mut scores: Scored = if let [clause] = query.clauses.as_slice() {
            self.union_of(clause)
        } else {
            // Each clause: one stem's postings, scored later and only where every clause
            // matches, or else the union of its atoms.
            let clauses: Vec<Clause> = query
                .clauses
                .iter()
                .map(|clause| match clause.as_slice() {
                    [Atom::Term { stem, .. }] => match self.list(stem) {
                        Some(list) => Clause::Term {
                            list,
                            idf: self.idf(list.units.len()),
                        },
                        None => Clause::Scored(Vec::new(), Vec::new()),
                    },
                    _ => {
                        let (units, scores) = self.union_of(clause).into_iter().unzip();
                        Clause::Scored(units, scores)
                    }
                })
                .collect();
            self.intersect(&clauses)
        };
        for atom in &query.exclude {
            if scores.is_empty() {
                break;
            }
            let out = self.matching(atom);
            let mut j = 0;
            scores.retain(|&(u, _)| {
                j = gallop(&out, j, u);
                out.get(j) != Some(&u)
            });
        }
        rank(&scores, want)
    }

    /// Parses and runs a query.
    pub fn search(&self, q: &str) -> Vec<Hit> {
        self.run(&self.parse(q))
    }

    /// Splits `text` into segments, marking the words the query's positive atoms match.
    pub fn highlight(&self, text: &str, query: &Query) -> Vec<Segment> {
        let tokens = tokens_by(text, |norm| self.stem(norm));
        let mut marked = vec![false; tokens.len()];
        for atom in query.clauses.iter().flatten() {
            mark(atom, &tokens, &mut marked);
        }
        segments(text, &tokens, &marked)
    }
}

/// Orders scored units best first, ties in unit order. Scores are finite and never negative, so
/// the bits of a score order like the score itself and the ranking is an integer sort: a stable
/// radix sort on the inverted bits (the input is already in unit order, which stability keeps
/// for ties), or a comparison sort on (inverted bits, unit) for short lists. Returns the units,
/// and their scores when `want` is set.
fn rank(scores: &[(u32, f32)], want: bool) -> (Vec<u32>, Vec<f32>) {
    // (inverted bits, unit) as one integer, the inverted bits above: sorted like the pair, and
    // by the same sort as the index's other integer keys.
    let mut keys: Vec<u64> = scores
        .iter()
        .map(|&(u, s)| (u64::from(!s.to_bits()) << 32) | u64::from(u))
        .collect();
    if keys.len() < 256 {
        keys.sort_unstable();
    } else {
        let mut counts = [[0usize; 256]; 4];
        for &k in &keys {
            for (d, c) in counts.iter_mut().enumerate() {
                c[(k >> (32 + 8 * d) & 0xff) as usize] += 1;
            }
        }
        let mut buf = vec![0u64; keys.len()];
        for (d, c) in counts.iter().enumerate() {
            // A digit that is the same everywhere would leave the order as it is.
            if c.contains(&keys.len()) {
                continue;
            }
            let mut next = [0usize; 256];
            let mut sum = 0;
            for (n, &count) in next.iter_mut().zip(c) {
                *n = sum;
                sum += count;
            }
            for &item in &keys {
                let digit = (item >> (32 + 8 * d) & 0xff) as usize;
                buf[next[digit]] = item;
                next[digit] += 1;
            }
            std::mem::swap(&mut keys, &mut buf);
        }
    }
    let units = keys.iter().map(|&k| k as u32).collect();
    let scores = if want {
        keys.iter()
            .map(|&k| f32::from_bits(!((k >> 32) as u32)))
            .collect()
    } else {
        Vec::new()
    };
    (units, scores)
}

/// The first index at or after `from` of a sorted list whose value is not below `target`, found
/// by doubling steps then binary search: cheap when the target is near, as in merges.
#[inline(always)]
fn gallop(list: &[u32], from: usize, target: u32) -> usize {
    if list.get(from).is_none_or(|&x| x >= target) {
        return from.min(list.len());
    }
    let mut lo = from + 1;
    let mut step = 1;
    let mut hi = lo;
    while hi < list.len() && list[hi] < target {
        lo = hi + 1;
        hi += step;
        step *= 2;
    }
    let hi = hi.min(list.len());
    lo + list[lo..hi].partition_point(|&x| x < target)
}

/// Units of either list, in unit order; a unit in both gets `a`'s score plus `b`'s.
fn union(a: &[(u32, f32)], b: &[(u32, f32)]) -> Scored {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Passages given as plain strings, all in document 0.
    struct Texts(Vec<String>);

    impl Passages for Texts {
        fn each_passage(&self, f: &mut dyn FnMut(u32, u32, &str)) {
            for (i, t) in self.0.iter().enumerate() {
                f(0, i as u32, t);
            }
        }
    }

    #[test]
    fn the_index_tokenises_as_the_analyzer_with_the_stems_it_keeps() {
        let index = Index::build(&Texts(vec![
            "Sanctions were sanctioned; l'Iran's ports".to_owned(),
            "Häfen und Straßen, ẞ İ 🎉".to_owned(),
        ]));
        let a = Analyzer::default();
        for text in [
            "Sanctions were sanctioned; l'Iran's ports",
            // Words of the index and words it has never seen, in one text.
            "sanctioning ports, HÄFEN and harbours",
            "",
            "ẞ İ 🎉 straßen",
        ] {
            assert_eq!(index.tokens(text), a.tokens(text), "{text}");
        }
    }

    proptest! {
        /// Both ways of ranking (a comparison sort below 256 scores, a radix sort above) give
        /// the order of sorting by score, best first, ties in unit order.
        #[test]
        fn rank_is_by_score_then_unit(steps in proptest::collection::vec(0u8..12, 0..700), want: bool) {
            // Few distinct scores, so that ties are common; units in order, as `scored` gives.
            let scores: Vec<(u32, f32)> = steps.iter().enumerate().map(|(u, &s)| (u as u32, f32::from(s) * 0.37)).collect();
            let mut expected = scores.clone();
            expected.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let (units, ranked) = rank(&scores, want);
            prop_assert_eq!(units, expected.iter().map(|&(u, _)| u).collect::<Vec<_>>());
            let scores_expected: Vec<f32> = if want { expected.iter().map(|&(_, s)| s).collect() } else { Vec::new() };
            prop_assert_eq!(ranked, scores_expected);
        }
    }

    #[test]
    fn prefix_terms_come_in_stem_order_once_each() {
        // Words whose stems are first seen out of alphabetical order, and two words per stem.
        let index = Index::build(&Texts(vec![
            "sanctioning sanctions partners".into(),
            "sanctioned sanctity sanction sandbags".into(),
            "sanctuary sanctuaries".into(),
        ]));
        let ids = index.prefix_terms("sanct");
        let stems: Vec<&str> = ids
            .iter()
            .map(|&id| index.stems[id as usize].as_str())
            .collect();
        let mut sorted = stems.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(stems, sorted);
        assert!(stems.len() >= 3, "{stems:?}");
        assert!(index.prefix_terms("zz").is_empty());
    }
}
