//! Text reuse between sources: passages that share word sequences, found by 5-word shingles,
//! chained into aligned spans that tolerate small edits, with a similarity and a word diff.
//!
//! Only cleaned passages are compared, so removed boilerplate never counts. Shingles that are
//! templates or stock phrases are ignored: those in many passages (`MAX_SHARED`), a line standing
//! on its own in several sources (`TEMPLATE_MIN_DOCS`, which catches a newsletter line that every
//! source of a small corpus ends with) and those in page furniture that cleaning removed from any
//! source.
//! Every rule looks at one shingle's occurrences only, which keeps the cost linear: every shingle
//! of the corpus goes into one flat list, radix-sorted by hash, and the positions two passages
//! share into another, sorted by pair; no map of shingles, no allocation per shingle, and of each
//! word only its span and a number for its folded form are kept.

use crate::model::{Corpus, RemovalKind};
use crate::text::{words, Word};
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// Words per shingle.
pub const SHINGLE: usize = 5;
/// Fewest words an aligned span must cover to count as reuse.
pub const MIN_WORDS: usize = 8;
/// Largest step, in words, between two shared shingles of one aligned span.
pub const MAX_GAP: usize = 6;
/// A shingle found more often than this (in as many passages, or repeated within them) is a stock
/// phrase or template, not reuse.
pub const MAX_SHARED: usize = 8;
/// A shingle found in this many sources or more, each time in a short passage (a line standing
/// on its own: at most `TEMPLATE_MAX_WORDS` words), is a template: a newsletter or subscription
/// line, a disclaimer, a call to comment that every source of a small corpus ends with. Found in a
/// longer passage in any of them, it is wording they copied (a paragraph three outlets reprint),
/// and every pair of them is reuse.
///
/// The bound counts sources, not a share of the corpus, on purpose: "more than half of the
/// sources" would make whether two passages match depend on how many unrelated sources sit beside
/// them (and the cost of k unrelated corpora together would not be k times the cost of one).
pub const TEMPLATE_MIN_DOCS: usize = 3;
/// Longest passage, in words, that a template line stands in (see `TEMPLATE_MIN_DOCS`).
pub const TEMPLATE_MAX_WORDS: usize = 40;
/// How far, in words, the alignment behind a span's similarity may stray from the diagonal of
/// the two spans: the LCS is computed in this band only, so aligning two spans of n words costs
/// n × (2 × `LCS_BAND` + 1) steps, not n². Exact for spans of up to `LCS_BAND` words, and for
/// longer ones whose wording drifts apart by fewer words than that (chained spans hardly drift:
/// their shared shingles are at most `MAX_GAP` words apart); otherwise a lower bound.
pub const LCS_BAND: usize = 256;
/// Most words of each side the word diff compares once their common beginning and end are set
/// aside: its table has (n + 1) × (m + 1) cells, 4 MB at this size. Beyond it the rest of each
/// side is shown as removed and added, not compared (`diff_is_partial` says when).
pub const MAX_DIFF_WORDS: usize = 1000;

/// Removed blocks whose wording is never reuse: page furniture. Bylines and date lines are
/// metadata moved to the header, and a repeated title is the source's own words.
fn is_furniture(kind: RemovalKind) -> bool {
    kind.is_junk() && kind != RemovalKind::DuplicateTitle
}

/// The unit number that marks a shingle of removed furniture; sorts after every passage's.
const FURNITURE: u32 = u32::MAX;

/// A span of a passage's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub doc: String,
    pub passage: String,
    /// Byte offsets into the passage text.
    pub start: u32,
    pub end: u32,
    pub text: String,
}

/// Two spans of different sources that share their wording.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReusePair {
    pub a: Span,
    pub b: Span,
    /// Words in the shorter of the two spans.
    pub words: usize,
    /// 2 × common words / (words of a + words of b), from 0 to 1.
    pub similarity: f32,
}

/// One step of a word diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", content = "text", rename_all = "lowercase")]
pub enum DiffOp {
    Same(String),
    Removed(String),
    Added(String),
}

/// FNV-1a: deterministic across runs and platforms, unlike the std hasher, and quick on words.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

fn hash(shingle: &[Word]) -> u64 {
    let mut h = Fnv::default();
    for w in shingle {
        h.write(w.norm.as_bytes());
        h.write_u8(0);
    }
    h.finish()
}

/// A passage being compared, and its words' range in the one list of all words.
struct Unit {
    doc: usize,
    passage: usize,
    words: Range<usize>,
}

/// A word of a compared passage as kept until the end: its byte span, and its folded form as a
/// number (equal forms, equal numbers), so that no string of the corpus's words need be kept.
struct Folded {
    start: u32,
    end: u32,
    norm: u32,
}

/// Finds reuse between passages of different documents, longest first.
pub fn find(corpus: &Corpus) -> Vec<ReusePair> {
    let mut units: Vec<Unit> = Vec::new();
    let mut folded: Vec<Folded> = Vec::new();
    let mut norms: HashMap<String, u32, BuildHasherDefault<Fnv>> = HashMap::default();
    // Every shingle of the corpus as (hash, unit, position): one flat list.
    let mut shingles: Vec<(u64, u32, u32)> = Vec::new();
    for (d, doc) in corpus.documents.iter().enumerate() {
        for (p, passage) in doc.passages.iter().enumerate() {
            // Folded words, not stemmed: reuse compares wording, and stemming is the costly part.
            let ws = words(&passage.text);
            let u = units.len() as u32;
            for (pos, w) in ws.windows(SHINGLE).enumerate() {
                shingles.push((hash(w), u, pos as u32));
            }
            let first = folded.len();
            for w in ws {
                let next = norms.len() as u32;
                let norm = match norms.get(w.norm.as_str()) {
                    Some(&n) => n,
                    None => *norms.entry(w.norm).or_insert(next),
                };
                folded.push(Folded {
                    start: w.start,
                    end: w.end,
                    norm,
                });
            }
            units.push(Unit {
                doc: d,
                passage: p,
                words: first..folded.len(),
            });
        }
    }
    drop(norms);
    // Shingles of what cleaning removed as furniture: a template line that one source's page
    // set apart (and cleaning caught) is still a template where another source runs it into a
    // paragraph. Only marked, never compared.
    for r in corpus
        .documents
        .iter()
        .flat_map(|d| &d.removed)
        .filter(|r| is_furniture(r.kind))
    {
        for w in words(&r.text).windows(SHINGLE) {
            shingles.push((hash(w), FURNITURE, 0));
        }
    }
    // Equal shingles side by side, each run in unit and position order.
    sort_shingles(&mut shingles, 64);
    // Shared positions (unit a, unit b, position in a, position in b) of passages of different
    // documents, a < b. A run of more than MAX_SHARED is skipped, so a shingle adds at most
    // MAX_SHARED × (MAX_SHARED - 1) / 2 entries; so is a template: a run in TEMPLATE_MIN_DOCS
    // documents or more, all in short passages, or one with furniture in it (last in its run, by
    // the unit number).
    let mut matches: Vec<(u32, u32, u32, u32)> = Vec::new();
    for occ in shingles.chunk_by(|x, y| x.0 == y.0) {
        if occ.len() < 2 || occ.len() > MAX_SHARED || occ[occ.len() - 1].1 == FURNITURE {
            continue;
        }
        // Units are numbered in document order: a run is in one document more than it changes
        // document.
        let docs = 1 + occ
            .windows(2)
            .filter(|w| units[w[0].1 as usize].doc != units[w[1].1 as usize].doc)
            .count();
        let lines = occ
            .iter()
            .all(|&(_, u, _)| units[u as usize].words.len() <= TEMPLATE_MAX_WORDS);
        if docs >= TEMPLATE_MIN_DOCS && lines {
            continue;
        }
        for (i, &(_, ua, pa)) in occ.iter().enumerate() {
            for &(_, ub, pb) in &occ[i + 1..] {
                if units[ua as usize].doc != units[ub as usize].doc {
                    matches.push((ua, ub, pa, pb));
                }
            }
        }
    }
    drop(shingles);
    // By pair of passages, then by positions: what `chains` takes.
    matches.sort_unstable();
    let mut out = Vec::new();
    for m in matches.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        let (ua, ub) = (&units[m[0].0 as usize], &units[m[0].1 as usize]);
        let (wa, wb) = (&folded[ua.words.clone()], &folded[ub.words.clone()]);
        for (a0, a1, b0, b1) in chains(m.iter().map(|&(_, _, pa, pb)| (pa, pb))) {
            let (ta, tb) = (&wa[a0..a1], &wb[b0..b1]);
            let n = ta.len().min(tb.len());
            if n < MIN_WORDS {
                continue;
            }
            let common = lcs_len(ta, tb);
            out.push(ReusePair {
                a: span(corpus, ua.doc, ua.passage, ta),
                b: span(corpus, ub.doc, ub.passage, tb),
                words: n,
                similarity: (2 * common) as f32 / (ta.len() + tb.len()) as f32,
            });
        }
    }
    crate::sort::sort_by(&mut out, |x, y| {
        y.words.cmp(&x.words).then_with(|| {
            (&x.a.doc, &x.a.passage, x.a.start).cmp(&(&y.a.doc, &y.a.passage, y.a.start))
        })
    });
    out
}

/// Sorts shingles by hash, then unit, then position, in place: a most-significant-digit radix
/// sort on the hash, a byte a round (FNV spreads the top bytes well), until a bucket is small
/// enough to sort in cache. Linear in practice: 9 million shingles take three rounds.
fn sort_shingles(v: &mut [(u64, u32, u32)], shift: u32) {
    if v.len() <= 256 || shift < 8 {
        v.sort_unstable();
        return;
    }
    let shift = shift - 8;
    let bucket = |s: &(u64, u32, u32)| (s.0 >> shift) as usize & 0xff;
    let mut starts = [0usize; 257];
    for s in v.iter() {
        starts[bucket(s) + 1] += 1;
    }
    for b in 0..256 {
        starts[b + 1] += starts[b];
    }
    // Swap every shingle into its bucket; `next[b]`: the first slot of bucket b not yet settled.
    let mut next = starts;
    for b in 0..256 {
        while next[b] < starts[b + 1] {
            let c = bucket(&v[next[b]]);
            if c == b {
                next[b] += 1;
            } else {
                v.swap(next[b], next[c]);
                next[c] += 1;
            }
        }
    }
    for w in starts.windows(2) {
        sort_shingles(&mut v[w[0]..w[1]], shift);
    }
}

/// Chains shared shingle positions (sorted by position in a, then in b) into aligned word ranges
/// of both passages, in the order the chains start. Each position extends the first chain that
/// it follows closely enough in both passages, or starts a new one.
fn chains(m: impl Iterator<Item = (u32, u32)>) -> Vec<(usize, usize, usize, usize)> {
    // Every chain: first a, first b, last a, last b.
    let mut all: Vec<(u32, u32, u32, u32)> = Vec::new();
    // Chains that can still grow, as indices into `all`, in order. Positions in a never go
    // down, so a chain whose last a is more than MAX_GAP behind is finished for good.
    let mut open: Vec<usize> = Vec::new();
    let gap = MAX_GAP as u32;
    for (pa, pb) in m {
        open.retain(|&k| pa - all[k].2 <= gap);
        let fits = open.iter().copied().find(|&k| {
            let c = &all[k];
            pa > c.2 && pb > c.3 && pb - c.3 <= gap
        });
        match fits {
            Some(k) => {
                all[k].2 = pa;
                all[k].3 = pb;
            }
            None => {
                open.push(all.len());
                all.push((pa, pb, pa, pb));
            }
        }
    }
    all.into_iter()
        .map(|(fa, fb, la, lb)| {
            (
                fa as usize,
                la as usize + SHINGLE,
                fb as usize,
                lb as usize + SHINGLE,
            )
        })
        .collect()
}

fn span(corpus: &Corpus, d: usize, p: usize, words: &[Folded]) -> Span {
    let doc = &corpus.documents[d];
    let passage = &doc.passages[p];
    let (start, end) = (words[0].start, words[words.len() - 1].end);
    Span {
        doc: doc.id.clone(),
        passage: passage.id.clone(),
        start,
        end,
        text: passage.text[start as usize..end as usize].to_owned(),
    }
}

/// LCS table of two word sequences (by folded form), for diffs.
fn lcs_table(a: &[Word], b: &[Word]) -> Vec<Vec<u32>> {
    crate::probe::step(a.len() * b.len());
    let mut t = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            t[i][j] = if a[i].norm == b[j].norm {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    t
}

/// Length of the longest common subsequence of two word sequences whose alignment stays within
/// `LCS_BAND` words of the diagonal (see there): the table one row at a time, and of each row
/// only the cells in the band. A cell outside the band counts as 0, which is the length of some
/// common subsequence, so the result is always one (the true LCS when an optimal alignment stays
/// in the band).
fn lcs_len(a: &[Folded], b: &[Folded]) -> usize {
    let (n, m) = (a.len(), b.len());
    // Row i's band: the columns j within LCS_BAND of i × m / n (the diagonal of the table).
    let band = |i: usize| {
        let centre = (i * m).checked_div(n).unwrap_or(0);
        (centre.saturating_sub(LCS_BAND), (centre + LCS_BAND).min(m))
    };
    // `row[j]`: t[i][j] of the row being filled, `prev[j]`: t[i - 1][j], where t[i][j] is the LCS
    // of a[..i] and b[..j]. Only band cells are written; stale cells left of the band are
    // cleared, so they read as 0.
    let (mut prev, mut row) = (vec![0u32; m + 1], vec![0u32; m + 1]);
    for i in 1..=n {
        let (lo, hi) = band(i);
        let (plo, phi) = band(i - 1);
        crate::probe::step(hi - lo + 1);
        // What is outside the previous row's band reads as 0.
        let up = |prev: &[u32], j: usize| if (plo..=phi).contains(&j) { prev[j] } else { 0 };
        for j in lo..=hi {
            row[j] = if j == 0 {
                0
            } else if a[i - 1].norm == b[j - 1].norm {
                up(&prev, j - 1) + 1
            } else {
                let left = if j > lo { row[j - 1] } else { 0 };
                up(&prev, j).max(left)
            };
        }
        std::mem::swap(&mut prev, &mut row);
    }
    let (lo, hi) = band(n);
    if (lo..=hi).contains(&m) {
        prev[m] as usize
    } else {
        0
    }
}

/// The whole sentences of `p` that hold the span `start..end`: the shared words alone are often
/// identical, so a diff shows the wording around them, where the sources part. The span's own
/// text when no sentence holds it.
pub fn context(p: &crate::model::Passage, start: u32, end: u32) -> &str {
    let around = p
        .sentences
        .iter()
        .filter(|s| s.end > start && s.start < end);
    let from = around.clone().map(|s| s.start).min().unwrap_or(start);
    let to = around.map(|s| s.end).max().unwrap_or(end);
    p.text
        .get(from as usize..to as usize)
        .or_else(|| p.text.get(start as usize..end as usize))
        .unwrap_or_default()
}

/// Word-level diff of two texts: runs of same, removed (only in `a`) and added (only in `b`)
/// words, as written in `a` (same and removed) or `b` (added).
pub fn diff(a: &str, b: &str) -> Vec<DiffOp> {
    let (ta, tb) = (words(a), words(b));
    // The common beginning and end are the same words in any LCS: set aside, so that two long
    // spans that differ in a few places near each other need only a small table.
    let (head, tail) = common_ends(&ta, &tb);
    let (ma, mb) = (&ta[head..ta.len() - tail], &tb[head..tb.len() - tail]);
    // Beyond MAX_DIFF_WORDS a side is not compared (bounded memory); its rest is shown as
    // removed or added.
    let (ca, cb) = (ma.len().min(MAX_DIFF_WORDS), mb.len().min(MAX_DIFF_WORDS));
    let t = lcs_table(&ma[..ca], &mb[..cb]);
    let mut ops: Vec<DiffOp> = Vec::new();
    let push = |ops: &mut Vec<DiffOp>, op: DiffOp| {
        let merged = match (ops.last_mut(), &op) {
            (Some(DiffOp::Same(x)), DiffOp::Same(y))
            | (Some(DiffOp::Removed(x)), DiffOp::Removed(y))
            | (Some(DiffOp::Added(x)), DiffOp::Added(y)) => {
                x.push(' ');
                x.push_str(y);
                true
            }
            _ => false,
        };
        if !merged {
            ops.push(op);
        }
    };
    let word = |s: &str, t: &Word| s[t.start as usize..t.end as usize].to_owned();
    for w in &ta[..head] {
        push(&mut ops, DiffOp::Same(word(a, w)));
    }
    let (ta2, tb2) = (&ma[..ca], &mb[..cb]);
    let (mut i, mut j) = (0, 0);
    while i < ta2.len() || j < tb2.len() {
        if i < ta2.len() && j < tb2.len() && ta2[i].norm == tb2[j].norm {
            push(&mut ops, DiffOp::Same(word(a, &ta2[i])));
            i += 1;
            j += 1;
        } else if j < tb2.len() && (i == ta2.len() || t[i][j + 1] >= t[i + 1][j]) {
            push(&mut ops, DiffOp::Added(word(b, &tb2[j])));
            j += 1;
        } else {
            push(&mut ops, DiffOp::Removed(word(a, &ta2[i])));
            i += 1;
        }
    }
    // Not compared: removed, then added, as the diff orders a replacement's words.
    for w in &ma[ca..] {
        push(&mut ops, DiffOp::Removed(word(a, w)));
    }
    for w in &mb[cb..] {
        push(&mut ops, DiffOp::Added(word(b, w)));
    }
    for w in &ta[ta.len() - tail..] {
        push(&mut ops, DiffOp::Same(word(a, w)));
    }
    ops
}

/// Whether `diff(a, b)` leaves words uncompared (more than `MAX_DIFF_WORDS` on a side between
/// their common beginning and end), so that a view can say the rest is not compared.
pub fn diff_is_partial(a: &str, b: &str) -> bool {
    let (ta, tb) = (words(a), words(b));
    let (head, tail) = common_ends(&ta, &tb);
    ta.len() - head - tail > MAX_DIFF_WORDS || tb.len() - head - tail > MAX_DIFF_WORDS
}

/// How many words two sequences share at their beginning and, after that, at their end.
fn common_ends(a: &[Word], b: &[Word]) -> (usize, usize) {
    let head = a
        .iter()
        .zip(b)
        .take_while(|(x, y)| x.norm == y.norm)
        .count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x.norm == y.norm)
        .count();
    crate::probe::step(head + tail + 1);
    (head, tail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::any;

    #[test]
    fn diff_words() {
        let ops = diff(
            "By cutting tariffs on about 90 percent",
            "By significantly reducing tariffs on about 90 percent",
        );
        assert_eq!(
            ops,
            vec![
                DiffOp::Same("By".into()),
                DiffOp::Added("significantly reducing".into()),
                DiffOp::Removed("cutting".into()),
                DiffOp::Same("tariffs on about 90 percent".into()),
            ]
        );
        assert!(diff("", "").is_empty());
    }

    fn folded(norms: &[u32]) -> Vec<Folded> {
        norms
            .iter()
            .map(|&norm| Folded {
                start: 0,
                end: 0,
                norm,
            })
            .collect()
    }

    /// The LCS over the whole table, as `lcs_len` computed it before the band.
    fn full_lcs(a: &[u32], b: &[u32]) -> usize {
        let mut t = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                t[i][j] = if a[i] == b[j] {
                    t[i + 1][j + 1] + 1
                } else {
                    t[i + 1][j].max(t[i][j + 1])
                };
            }
        }
        t[0][0]
    }

    /// Words of the letters of a string: "abba" is "a b b a".
    fn spaced(s: &[u32]) -> String {
        s.iter()
            .map(|&c| char::from(b'a' + c as u8).to_string())
            .collect::<Vec<_>>()
            .join(" ")
    }

    proptest::proptest! {
        /// The radix sort of shingles sorts as a comparison sort does: by hash, then unit, then
        /// position. Hashes share their top bytes often, so buckets of over 256 go down every
        /// round to the last byte (cargo mutants: a bucket's byte or the round's shift changed
        /// went unnoticed, since the real corpus's matches only need equal hashes side by side).
        #[test]
        fn shingles_sort_as_a_comparison_sort_does(
            v in proptest::collection::vec(
                (0u8..3, 0u8..3, any::<u8>(), 0u32..4, 0u32..4),
                0..1500,
            ),
        ) {
            let mut v: Vec<(u64, u32, u32)> = v
                .into_iter()
                .map(|(a, b, c, u, p)| {
                    let spread = |x: u8| u64::from(x) * 0x0101_0101_0101;
                    ((u64::from(a) << 56) | (u64::from(b) << 48) | spread(c), u, p)
                })
                .collect();
            let mut want = v.clone();
            want.sort_unstable();
            sort_shingles(&mut v, 64);
            proptest::prop_assert_eq!(v, want);
        }

        /// Spans within the band: the banded LCS is the LCS.
        #[test]
        fn banded_lcs_is_exact_within_the_band(
            a in proptest::collection::vec(0u32..4, 0..60),
            b in proptest::collection::vec(0u32..4, 0..60),
        ) {
            proptest::prop_assert_eq!(lcs_len(&folded(&a), &folded(&b)), full_lcs(&a, &b));
        }

        /// The diff keeps every word of both sides in order, and compares them minimally: its
        /// shared words are an LCS.
        #[test]
        fn diff_is_a_minimal_word_diff(
            a in proptest::collection::vec(0u32..4, 0..40),
            b in proptest::collection::vec(0u32..4, 0..40),
        ) {
            let (sa, sb) = (spaced(&a), spaced(&b));
            let ops = diff(&sa, &sb);
            let side = |keep_removed: bool| {
                ops.iter()
                    .filter_map(|op| match op {
                        DiffOp::Same(t) => Some(t.as_str()),
                        DiffOp::Removed(t) if keep_removed => Some(t.as_str()),
                        DiffOp::Added(t) if !keep_removed => Some(t.as_str()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            proptest::prop_assert_eq!(side(true), sa.clone());
            proptest::prop_assert_eq!(side(false), sb.clone());
            let same: usize = ops
                .iter()
                .map(|op| match op {
                    DiffOp::Same(t) => t.split(' ').count(),
                    _ => 0,
                })
                .sum();
            proptest::prop_assert_eq!(same, full_lcs(&a, &b));
            proptest::prop_assert!(!diff_is_partial(&sa, &sb));
        }
    }

    proptest::proptest! {
        // Fewer cases: each fills two full tables of 300 × 300 cells and more.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Longer spans: never more than the LCS, and the LCS when one is the other with a few
        /// words changed.
        #[test]
        fn banded_lcs_of_long_spans(
            a in proptest::collection::vec(0u32..30, 300..400),
            edits in proptest::collection::vec(
                (any::<proptest::sample::Index>(), 0u32..30, 0u8..3),
                0..20,
            ),
        ) {
            // Words changed, added and dropped: the two spans differ in length, so the band
            // follows a diagonal that is not the table's (cargo mutants: the previous row's band
            // or a cell left of the band read wrongly went unnoticed with words changed only).
            let mut b = a.clone();
            for (i, v, kind) in &edits {
                let at = i.index(b.len());
                match kind {
                    0 => b[at] = *v,
                    1 => b.insert(at, *v),
                    _ => {
                        b.remove(at);
                    }
                }
            }
            let band = lcs_len(&folded(&a), &folded(&b));
            proptest::prop_assert_eq!(band, full_lcs(&a, &b));
            let other: Vec<u32> = a.iter().rev().copied().collect();
            proptest::prop_assert!(lcs_len(&folded(&a), &folded(&other)) <= full_lcs(&a, &other));
        }
    }

    /// Past MAX_DIFF_WORDS the rest is not compared, and said so.
    #[test]
    fn long_diffs_are_capped() {
        let a: Vec<String> = (0..1500).map(|i| format!("w{i}")).collect();
        let mut b = a.clone();
        b[0] = "first".into();
        b[1499] = "last".into();
        let (a, b) = (a.join(" "), b.join(" "));
        assert!(diff_is_partial(&a, &b));
        let ops = diff(&a, &b);
        assert!(matches!(ops.last(), Some(DiffOp::Added(t)) if t.ends_with("last")));
        let one = b.replacen("first", "w0", 1);
        assert!(!diff_is_partial(&a, &one));
    }
}
