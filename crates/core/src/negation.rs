//! Statements one source makes and another denies, found without a list of claims ("The depot will be built in Hafen" against "The depot will not be built in Hafen"): the pairs of sentences (`Denial`), which `facts` makes into automatic findings for a corpus with no `claims.toml`.
//!
//! Two sentences of different sources are a finding when they say much the same thing (at least
//! [`MIN_SHARED`] content words in common, [`MIN_SHARE`] of the shorter one's), exactly one of
//! them says "not", "n't" or "never" (German "nicht", "nie", French "pas", "jamais"), and the
//! denied verb is in both, in the same tense: "was to be built" and "will not be built" say
//! different things of different times (a plan, then its end), and are no finding. The tense is
//! the first auxiliary before the verb ("will", "was", "has"…; "do" and "did" count as present
//! and past), else the verb's own form. It stays a candidate: the table says it was found
//! automatically and asks the reader to read both sentences.
//!
//! Linear: sentences are paired only through content words held by at most [`MAX_POSTINGS`]
//! sentences, so each word pairs a bounded number of sentences.

use crate::model::Corpus;
use crate::text::{Analyzer, StemMemo, Token};
use std::collections::BTreeMap;

/// The values of a finding: the sentence that says it, the one that says it is not so.
pub const SAYS: &str = "says so";
pub const DENIES: &str = "says not";
/// Content words two sentences must share to say the same thing.
pub const MIN_SHARED: usize = 4;
/// And the share of the shorter sentence's content words that must be.
pub const MIN_SHARE: f32 = 0.6;
/// A content word of more sentences than this does not pair them.
pub const MAX_POSTINGS: usize = 40;
/// Findings at most, the closest pairs first.
pub const MAX_FINDINGS: usize = 20;
/// Sentences longer than this (in bytes) are not read: a statement is a sentence, not a list.
const MAX_SENTENCE: usize = 800;

/// A statement one source makes and another denies, as `facts` turns it into a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denial {
    /// The content stems both sentences share, at most `KEY_WORDS`, joined by "-".
    pub key: String,
    /// The words both say, as the affirming sentence writes them, in its order.
    pub words: Vec<String>,
    /// The denial as the reader sees it: "not", "never", "n’t"…
    pub cue: String,
    /// The sentence that says it, and its verb.
    pub said: Spot,
    /// The sentence that denies it, and its denial ("not be").
    pub denied: Spot,
}

/// Where a sentence of a `Denial` is: its document and passage (by position), the sentence's
/// byte span in the passage text and the span of its words that matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub doc: usize,
    pub passage: usize,
    pub sentence: (usize, usize),
    pub words: (usize, usize),
}
/// Shared stems that name a finding (its key).
const KEY_WORDS: usize = 5;

/// Words that deny what follows them.
const NOT: &[&str] = &["not", "never", "nicht", "nie", "niemals", "pas", "jamais"];
/// Words between an auxiliary and its verb ("will not be built", "has never been").
const CHAIN: &[&str] = &[
    "be", "been", "being", "to", "have", "get", "got", "ever", "yet", "still", "also", "even",
    "sein", "werden", "worden", "geworden",
];

/// The tense an auxiliary gives its verb; `None` for a word that is none.
fn tense(word: &str) -> Option<&'static str> {
    Some(match word {
        "will" | "shall" | "wo" | "ll" | "wird" | "werden" => "future",
        "would" => "would",
        "is" | "are" | "am" | "do" | "does" | "has" | "have" | "ist" | "sind" | "hat" | "haben"
        | "est" | "sont" | "a" | "ont" => "present",
        "was" | "were" | "did" | "had" | "war" | "waren" | "wurde" | "wurden" | "hatte" => "past",
        "can" | "ca" | "could" | "should" | "must" | "may" | "might" | "kann" | "muss" => {
            word_tense(word)
        }
        _ => return None,
    })
}

/// A modal is its own tense.
fn word_tense(word: &str) -> &'static str {
    match word {
        "can" | "ca" | "kann" => "can",
        "could" => "could",
        "should" => "should",
        "must" | "muss" => "must",
        "may" => "may",
        _ => "might",
    }
}

/// One sentence as the finder reads it.
struct Read {
    doc: usize,
    passage: usize,
    /// Byte span in the passage text.
    start: usize,
    end: usize,
    /// Its content stems (by their number in the finder's list), sorted, no repeats.
    content: Vec<u32>,
    /// Of a sentence with one denial: its words, and the token that denies.
    denial: Option<(Vec<Token>, usize)>,
    /// Whether any token denies (a sentence with two denials denies nothing clearly, and
    /// affirms nothing either).
    denying: bool,
}

impl Read {
    fn text<'a>(&self, corpus: &'a Corpus) -> &'a str {
        &corpus.documents[self.doc].passages[self.passage].text[self.start..self.end]
    }
}

/// Whether token `i` says "not": a word of `NOT`, or a word of "n't" ("didn't" is read as
/// "didn" and a "t" the tokenizer leaves out).
fn denies(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    NOT.contains(&t.norm.as_str()) || contracted(text, t)
}

/// Whether `t` is the word before "'t" ("didn", "won", "can").
fn contracted(text: &str, t: &Token) -> bool {
    t.norm.ends_with('n')
        && text
            .get(t.end as usize..)
            .is_some_and(|rest| rest.starts_with("'t") || rest.starts_with("\u{2019}t"))
}

/// The verb a denial denies: the first word after the cue at `not` and the auxiliaries that
/// follow it ("not be built": "built"), and the tense of the auxiliary before the cue ("will"),
/// else of the verb's form.
fn denied(tokens: &[Token], not: usize) -> Option<(usize, &'static str)> {
    let mut v = not + 1;
    while tokens
        .get(v)
        .is_some_and(|t| CHAIN.contains(&t.norm.as_str()))
    {
        v += 1;
    }
    let verb = tokens.get(v)?;
    if !crate::lang::is_content_word(&verb.norm) {
        return None;
    }
    // "did not": the auxiliary is the word before the cue; "didn't": the cue's own word.
    let cue = &tokens[not];
    let aux = if NOT.contains(&cue.norm.as_str()) {
        not.checked_sub(1).map(|b| tokens[b].norm.as_str())
    } else {
        cue.norm.strip_suffix('n')
    };
    Some((v, aux.and_then(tense).unwrap_or_else(|| form(&verb.norm))))
}

/// The tense of a verb with no auxiliary: past for "-ed", else present.
fn form(verb: &str) -> &'static str {
    if verb.ends_with("ed") {
        "past"
    } else {
        "present"
    }
}

/// The tense of the verb at `v` of an affirming sentence's `tokens`: the first auxiliary before
/// it, over the words that may stand between ("was to be built": "was").
fn affirmed(tokens: &[Token], v: usize) -> &'static str {
    let mut b = v;
    while b > 0 {
        b -= 1;
        let w = tokens[b].norm.as_str();
        if let Some(t) = tense(w) {
            return t;
        }
        if !CHAIN.contains(&w) {
            break;
        }
    }
    form(&tokens[v].norm)
}

/// Whether `text` may hold a denial: one of `NOT` or "n't", read without allocating, so that a
/// corpus that denies nothing costs one pass over its text.
fn may_deny(text: &str) -> bool {
    text.contains("n't")
        || text.contains("n\u{2019}t")
        || text
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.len() <= 7 && NOT.iter().any(|n| n.eq_ignore_ascii_case(w)))
}

/// The findings of `corpus`: pairs of sentences of two sources, one denying what the other
/// says, closest first.
pub fn findings(corpus: &Corpus, analyzer: &Analyzer) -> Vec<Denial> {
    let texts = || {
        corpus
            .documents
            .iter()
            .flat_map(|d| &d.passages)
            .map(|p| p.text.as_str())
    };
    if !texts().any(|t| {
        crate::probe::step(t.len());
        may_deny(t)
    }) {
        return Vec::new();
    }
    // Each content stem once, by number.
    let mut stems: BTreeMap<String, u32> = BTreeMap::new();
    let mut sentences: Vec<Read> = Vec::new();
    // Every sentence is tokenised: the memo stems each distinct word once, as `analyzer` would.
    let mut memo = StemMemo::default();
    for (d, doc) in corpus.documents.iter().enumerate() {
        for (p, passage) in doc.passages.iter().enumerate() {
            for s in &passage.sentences {
                let (start, end) = (s.start as usize, s.end as usize);
                let Some(text) = passage.text.get(start..end) else {
                    continue;
                };
                if text.len() > MAX_SENTENCE {
                    continue;
                }
                crate::probe::step(text.len());
                let tokens = memo.tokens(text);
                let cues: Vec<usize> = (0..tokens.len())
                    .filter(|&i| denies(text, &tokens, i))
                    .collect();
                let mut content: Vec<u32> = Vec::new();
                for t in tokens
                    .iter()
                    .filter(|t| crate::lang::is_content_word(&t.norm))
                {
                    let next = stems.len() as u32;
                    content.push(*stems.entry(t.stem.clone()).or_insert(next));
                }
                crate::sort::sort(&mut content);
                content.dedup();
                sentences.push(Read {
                    doc: d,
                    passage: p,
                    start,
                    end,
                    content,
                    denying: !cues.is_empty(),
                    denial: (cues.len() == 1).then(|| (tokens, cues[0])),
                });
            }
        }
    }
    // Sentences by content stem; a stem of many sentences pairs none.
    let mut by_stem: Vec<Vec<usize>> = vec![Vec::new(); stems.len()];
    for (i, s) in sentences.iter().enumerate() {
        for &w in &s.content {
            crate::probe::step(1);
            by_stem[w as usize].push(i);
        }
    }
    // Content stems shared by each pair of an affirming and a denying sentence.
    let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for list in by_stem.iter().filter(|l| l.len() <= MAX_POSTINGS) {
        for &a in list.iter().filter(|&&a| !sentences[a].denying) {
            for &n in list {
                crate::probe::step(1);
                let (x, y) = (&sentences[a], &sentences[n]);
                if y.denial.is_some() && x.doc != y.doc {
                    *shared.entry((a, n)).or_default() += 1;
                }
            }
        }
    }
    // The affirming sentences' words, read again for the pairs that need them (once each).
    let mut words: BTreeMap<usize, Vec<Token>> = BTreeMap::new();
    let mut found: Vec<(f32, usize, usize, usize)> = Vec::new();
    for (&(a, n), &count) in &shared {
        let (x, y) = (&sentences[a], &sentences[n]);
        let share = count as f32 / x.content.len().min(y.content.len()).max(1) as f32;
        if count < MIN_SHARED || share < MIN_SHARE {
            continue;
        }
        let Some((tokens, not)) = &y.denial else {
            continue;
        };
        let Some((v, t)) = denied(tokens, *not) else {
            continue;
        };
        let xs = words
            .entry(a)
            .or_insert_with(|| analyzer.tokens(x.text(corpus)));
        let Some(w) = xs.iter().position(|tok| tok.stem == tokens[v].stem) else {
            continue;
        };
        if affirmed(xs, w) == t {
            found.push((share, a, n, w));
        }
    }
    crate::sort::sort_by(&mut found, |p, q| {
        q.0.total_cmp(&p.0).then((p.1, p.2).cmp(&(q.1, q.2)))
    });
    found.truncate(MAX_FINDINGS);
    found
        .into_iter()
        .map(|(_, a, n, w)| {
            let x = (&sentences[a], words[&a].as_slice());
            denial(corpus, x, &sentences[n], &stems, w)
        })
        .collect()
}

/// The finding of sentence `x` (saying it, with its words; its verb at token `w`) and `y`
/// (denying it); `stems` numbers the content stems.
fn denial(
    corpus: &Corpus,
    (x, xs): (&Read, &[Token]),
    y: &Read,
    stems: &BTreeMap<String, u32>,
    w: usize,
) -> Denial {
    let (ys, cue) = match &y.denial {
        Some((tokens, cue)) => (tokens.as_slice(), *cue),
        None => (&[][..], 0),
    };
    // The words both say, in the order the affirming sentence says them.
    let mut words: Vec<String> = Vec::new();
    let mut said: Vec<&str> = Vec::new();
    for t in xs {
        let shared = stems
            .get(&t.stem)
            .is_some_and(|id| y.content.binary_search(id).is_ok());
        if shared && !said.contains(&t.stem.as_str()) {
            said.push(&t.stem);
            words.push(x.text(corpus)[t.start as usize..t.end as usize].to_owned());
        }
    }
    let verb = &xs[w];
    let (not_start, not_end) = ys.get(cue).map_or((0, 0), |t| (t.start, t.end));
    let cue_word = ys.get(cue).map_or("", |t| t.norm.as_str());
    let shown = if NOT.contains(&cue_word) {
        y.text(corpus)[not_start as usize..not_end as usize].to_owned()
    } else {
        "n\u{2019}t".to_owned()
    };
    // The denial's words: the cue and the word after it ("not be", "didn't attend").
    let denial_end = ys.get(cue + 1).map_or(not_end, |t| t.end);
    let spot = |r: &Read, (a, b): (u32, u32)| Spot {
        doc: r.doc,
        passage: r.passage,
        sentence: (r.start, r.end),
        words: (r.start + a as usize, r.start + b as usize),
    };
    Denial {
        key: said[..said.len().min(KEY_WORDS)].join("-"),
        words,
        cue: shown,
        said: spot(x, (verb.start, verb.end)),
        denied: spot(y, (not_start, denial_end)),
    }
}
