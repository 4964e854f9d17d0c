//! Text reuse between sources: passages that share word sequences, found by 5-word shingles,
//! chained into aligned spans that tolerate small edits, with a similarity and a word diff.
//!
//! Only cleaned passages are compared, so removed boilerplate never counts. Shingles that occur in
//! many passages (templates, stock phrases) are ignored, which also keeps the cost linear.

use crate::model::Corpus;
use crate::text::{Analyzer, Token};
use serde::Serialize;
use std::collections::HashMap;

/// Words per shingle.
pub const SHINGLE: usize = 5;
/// Fewest words an aligned span must cover to count as reuse.
pub const MIN_WORDS: usize = 8;
/// Largest step, in words, between two shared shingles of one aligned span.
pub const MAX_GAP: usize = 6;
/// A shingle in more passages than this is a stock phrase or template, not reuse.
pub const MAX_SHARED: usize = 8;

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

fn hash(words: &[Token]) -> u64 {
    // FNV-1a: deterministic across runs and platforms, unlike the std hasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.norm.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Finds reuse between passages of different documents, longest first.
pub fn find(corpus: &Corpus) -> Vec<ReusePair> {
    let analyzer = Analyzer::default();
    // (doc index, passage index, tokens)
    let units: Vec<(usize, usize, Vec<Token>)> = corpus
        .documents
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| {
            let analyzer = &analyzer;
            doc.passages
                .iter()
                .enumerate()
                .map(move |(p, passage)| (d, p, analyzer.tokens(&passage.text)))
        })
        .collect();
    let mut shingles: HashMap<u64, Vec<(u32, u32)>> = HashMap::new();
    for (u, (_, _, tokens)) in units.iter().enumerate() {
        for (pos, w) in tokens.windows(SHINGLE).enumerate() {
            shingles
                .entry(hash(w))
                .or_default()
                .push((u as u32, pos as u32));
        }
    }
    // Shared positions per ordered pair of units from different documents.
    let mut matches: HashMap<(u32, u32), Vec<(u32, u32)>> = HashMap::new();
    for occ in shingles.values() {
        if occ.len() < 2 || occ.len() > MAX_SHARED {
            continue;
        }
        for (i, &(ua, pa)) in occ.iter().enumerate() {
            for &(ub, pb) in &occ[i + 1..] {
                if units[ua as usize].0 != units[ub as usize].0 {
                    matches.entry((ua, ub)).or_default().push((pa, pb));
                }
            }
        }
    }
    let mut keys: Vec<(u32, u32)> = matches.keys().copied().collect();
    keys.sort_unstable();
    let mut out = Vec::new();
    for key in keys {
        let mut m = matches.remove(&key).unwrap_or_default();
        m.sort_unstable();
        for (a0, a1, b0, b1) in chains(&m) {
            let (ua, ub) = (&units[key.0 as usize], &units[key.1 as usize]);
            let (ta, tb) = (&ua.2[a0..a1], &ub.2[b0..b1]);
            let words = ta.len().min(tb.len());
            if words < MIN_WORDS {
                continue;
            }
            let common = lcs_len(ta, tb);
            out.push(ReusePair {
                a: span(corpus, ua.0, ua.1, ta),
                b: span(corpus, ub.0, ub.1, tb),
                words,
                similarity: (2 * common) as f32 / (ta.len() + tb.len()) as f32,
            });
        }
    }
    out.sort_by(|x, y| {
        y.words.cmp(&x.words).then_with(|| {
            (&x.a.doc, &x.a.passage, x.a.start).cmp(&(&y.a.doc, &y.a.passage, y.a.start))
        })
    });
    out
}

/// Chains shared shingle positions (sorted) into aligned token ranges of both passages.
fn chains(m: &[(u32, u32)]) -> Vec<(usize, usize, usize, usize)> {
    let mut open: Vec<(u32, u32, u32, u32)> = Vec::new(); // first a, first b, last a, last b
    for &(pa, pb) in m {
        let fits = open.iter_mut().find(|c| {
            pa > c.2 && pa - c.2 <= MAX_GAP as u32 && pb > c.3 && pb - c.3 <= MAX_GAP as u32
        });
        match fits {
            Some(c) => {
                c.2 = pa;
                c.3 = pb;
            }
            None => open.push((pa, pb, pa, pb)),
        }
    }
    open.into_iter()
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

fn span(corpus: &Corpus, d: usize, p: usize, tokens: &[Token]) -> Span {
    let doc = &corpus.documents[d];
    let passage = &doc.passages[p];
    let (start, end) = (tokens[0].start, tokens[tokens.len() - 1].end);
    Span {
        doc: doc.id.clone(),
        passage: passage.id.clone(),
        start,
        end,
        text: passage.text[start as usize..end as usize].to_owned(),
    }
}

/// LCS table of two word sequences (by folded form), for lengths and diffs.
fn lcs_table(a: &[Token], b: &[Token]) -> Vec<Vec<u32>> {
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

fn lcs_len(a: &[Token], b: &[Token]) -> usize {
    lcs_table(a, b)[0][0] as usize
}

/// Word-level diff of two texts: runs of same, removed (only in `a`) and added (only in `b`)
/// words, as written in `a` (same and removed) or `b` (added).
pub fn diff(a: &str, b: &str) -> Vec<DiffOp> {
    let analyzer = Analyzer::default();
    let (ta, tb) = (analyzer.tokens(a), analyzer.tokens(b));
    let t = lcs_table(&ta, &tb);
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
    let word = |s: &str, t: &Token| s[t.start as usize..t.end as usize].to_owned();
    let (mut i, mut j) = (0, 0);
    while i < ta.len() || j < tb.len() {
        if i < ta.len() && j < tb.len() && ta[i].norm == tb[j].norm {
            push(&mut ops, DiffOp::Same(word(a, &ta[i])));
            i += 1;
            j += 1;
        } else if j < tb.len() && (i == ta.len() || t[i][j + 1] >= t[i + 1][j]) {
            push(&mut ops, DiffOp::Added(word(b, &tb[j])));
            j += 1;
        } else {
            push(&mut ops, DiffOp::Removed(word(a, &ta[i])));
            i += 1;
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
