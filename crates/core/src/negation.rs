//! Statements one source makes and another denies, found without a list of claims ("The depot will be built in Hafen" against "The depot will not be built in Hafen"): automatic findings of `facts` for a corpus with no `claims.toml`, each with both sentences.
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

use crate::facts::{Agreement, FactGroup, FactKind, Mention};
use crate::model::Corpus;
use crate::text::{Analyzer, Token};
use std::collections::BTreeMap;
use std::sync::Arc;

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
const MAX_SENTENCE: usize = crate::facts::SENTENCE_BYTES;
/// Words named in a finding's label.
const LABEL_WORDS: usize = 5;

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
    tokens: Vec<Token>,
    /// Content stems, sorted, no repeats.
    content: Vec<String>,
    /// The token that denies, when there is one (and only one).
    not: Option<usize>,
    /// Whether any token denies (a sentence with two denials denies nothing clearly, and
    /// affirms nothing either).
    denying: bool,
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

/// The verb a denial denies: the first word after the cue and the auxiliaries that follow it
/// ("not be built": "built"), and the tense of the auxiliary before the cue ("will"), else of
/// the verb's form.
fn denied(r: &Read) -> Option<(usize, &'static str)> {
    let not = r.not?;
    let mut v = not + 1;
    while r
        .tokens
        .get(v)
        .is_some_and(|t| CHAIN.contains(&t.norm.as_str()))
    {
        v += 1;
    }
    let verb = r.tokens.get(v)?;
    if !crate::lang::is_content_word(&verb.norm) {
        return None;
    }
    // "did not": the auxiliary is the word before the cue; "didn't": the cue's own word.
    let cue = &r.tokens[not];
    let aux = if NOT.contains(&cue.norm.as_str()) {
        not.checked_sub(1).map(|b| r.tokens[b].norm.as_str())
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

/// The tense of the verb at `v` of an affirming sentence: the first auxiliary before it, over
/// the words that may stand between ("was to be built": "was").
fn affirmed(r: &Read, v: usize) -> &'static str {
    let mut b = v;
    while b > 0 {
        b -= 1;
        let w = r.tokens[b].norm.as_str();
        if let Some(t) = tense(w) {
            return t;
        }
        if !CHAIN.contains(&w) {
            break;
        }
    }
    form(&r.tokens[v].norm)
}

/// The findings of `corpus`: pairs of sentences of two sources, one denying what the other
/// says, each a group of kind `FactKind::Statement` with both sentences, closest first.
pub fn findings(corpus: &Corpus, analyzer: &Analyzer) -> Vec<FactGroup> {
    let mut sentences: Vec<Read> = Vec::new();
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
                let tokens = analyzer.tokens(text);
                let cues: Vec<usize> = (0..tokens.len())
                    .filter(|&i| denies(text, &tokens, i))
                    .collect();
                let mut content: Vec<String> = tokens
                    .iter()
                    .filter(|t| crate::lang::is_content_word(&t.norm))
                    .map(|t| t.stem.clone())
                    .collect();
                crate::sort::sort(&mut content);
                content.dedup();
                sentences.push(Read {
                    doc: d,
                    passage: p,
                    start,
                    end,
                    tokens,
                    content,
                    not: (cues.len() == 1).then(|| cues[0]),
                    denying: !cues.is_empty(),
                });
            }
        }
    }
    // Sentences by content word; a word of many sentences pairs none.
    let mut by_word: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, s) in sentences.iter().enumerate() {
        for w in &s.content {
            crate::probe::step(1);
            by_word.entry(w.as_str()).or_default().push(i);
        }
    }
    // Content words shared by each pair of a denying and an affirming sentence.
    let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for list in by_word.values().filter(|l| l.len() <= MAX_POSTINGS) {
        for &a in list {
            if sentences[a].denying {
                continue;
            }
            for &n in list {
                crate::probe::step(1);
                let (x, y) = (&sentences[a], &sentences[n]);
                if y.not.is_some() && x.doc != y.doc {
                    *shared.entry((a, n)).or_default() += 1;
                }
            }
        }
    }
    let mut found: Vec<(f32, usize, usize, usize)> = Vec::new();
    for (&(a, n), &count) in &shared {
        let (x, y) = (&sentences[a], &sentences[n]);
        let share = count as f32 / x.content.len().min(y.content.len()).max(1) as f32;
        if count < MIN_SHARED || share < MIN_SHARE {
            continue;
        }
        let Some((v, t)) = denied(y) else {
            continue;
        };
        let stem = &y.tokens[v].stem;
        let Some(w) = x.tokens.iter().position(|tok| tok.stem == *stem) else {
            continue;
        };
        if affirmed(x, w) == t {
            found.push((share, a, n, w));
        }
    }
    crate::sort::sort_by(&mut found, |p, q| {
        q.0.total_cmp(&p.0).then((p.1, p.2).cmp(&(q.1, q.2)))
    });
    found.truncate(MAX_FINDINGS);
    found
        .into_iter()
        .map(|(_, a, n, w)| group(corpus, &sentences[a], &sentences[n], w))
        .collect()
}

/// The finding of sentence `x` (saying it, its verb at token `w`) and `y` (denying it).
fn group(corpus: &Corpus, x: &Read, y: &Read, w: usize) -> FactGroup {
    let text = |r: &Read| {
        let p = &corpus.documents[r.doc].passages[r.passage];
        &p.text[r.start..r.end]
    };
    // The words both say, in the order the affirming sentence says them.
    let mut words: Vec<&str> = Vec::new();
    let mut stems: Vec<&str> = Vec::new();
    for t in &x.tokens {
        if y.content.binary_search(&t.stem).is_ok() && !stems.contains(&t.stem.as_str()) {
            stems.push(&t.stem);
            words.push(&text(x)[t.start as usize..t.end as usize]);
        }
    }
    let mention = |r: &Read, span: (u32, u32), value: &str| {
        let doc = &corpus.documents[r.doc];
        Mention {
            doc: doc.id.clone(),
            passage: doc.passages[r.passage].id.clone(),
            start: r.start as u32 + span.0,
            end: r.start as u32 + span.1,
            text: text(r)[span.0 as usize..span.1 as usize].to_owned(),
            value: value.to_owned(),
            sentence: Arc::from(text(r)),
        }
    };
    let verb = &x.tokens[w];
    let cue = y.not.unwrap_or_default();
    let not = &y.tokens[cue];
    // The cue as the reader sees it: "n't" for "didn't".
    let said = if !NOT.contains(&not.norm.as_str()) {
        "n\u{2019}t".to_owned()
    } else {
        text(y)[not.start as usize..not.end as usize].to_owned()
    };
    // The denial's words: the cue and the word after it ("not be", "n't attend").
    let denial_end = y.tokens.get(cue + 1).map_or(not.end, |t| t.end);
    let quoted: Vec<String> = words
        .iter()
        .take(crate::facts::SHOWN_SHARED)
        .map(|w| format!("\u{201c}{w}\u{201d}"))
        .collect();
    let mut g = FactGroup {
        kind: FactKind::Statement,
        key: format!("statement:{}", stems[..stems.len().min(LABEL_WORDS)].join("-")),
        label: words[..words.len().min(LABEL_WORDS)].join(", "),
        agreement: Agreement::Differ,
        values: Vec::new(),
        mentions: vec![
            mention(x, (verb.start, verb.end), SAYS),
            mention(y, (not.start, denial_end), DENIES),
        ],
        why: format!(
            "Found automatically: one sentence says \u{201c}{}\u{201d} where the other does not, of the same thing at the same time, and they share the words {}.",
            said,
            crate::strings::and_list(&quoted)
        ),
    };
    g.summarize();
    g
}
