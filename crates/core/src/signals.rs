//! Article quality signals, each with the spans that raise it: keyword stuffing, traces of
//! machine generation, a fabricated author profile, promotion of other articles, a missing byline
//! or date, and the reading level. Signals are evidence for a reader to weigh, never verdicts.

use crate::model::{Corpus, Document, RemovalKind};
use crate::text::{Analyzer, Token};
use serde::Serialize;
use std::collections::HashMap;

/// Where a signal's words are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignalEvidence {
    /// The passage the span is in (offsets into its text), or `None` for text cleaning removed
    /// (offsets into the original file).
    pub passage: Option<String>,
    pub start: u32,
    pub end: u32,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignalKind {
    KeywordStuffing,
    MachineGeneration,
    FabricatedAuthor,
    Promotion,
    MissingByline,
    MissingDate,
    ReadingLevel,
}

impl SignalKind {
    /// Stable kebab-case name, as in JSON and `data-kind` attributes.
    pub fn id(self) -> &'static str {
        match self {
            SignalKind::KeywordStuffing => "keyword-stuffing",
            SignalKind::MachineGeneration => "machine-generation",
            SignalKind::FabricatedAuthor => "fabricated-author",
            SignalKind::Promotion => "promotion",
            SignalKind::MissingByline => "missing-byline",
            SignalKind::MissingDate => "missing-date",
            SignalKind::ReadingLevel => "reading-level",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    pub kind: SignalKind,
    pub label: String,
    pub evidence: Vec<SignalEvidence>,
}

/// Signals of one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentSignals {
    pub id: String,
    pub signals: Vec<Signal>,
}

/// A phrase repeated at least this many times…
pub const STUFFING_MIN_REPEATS: usize = 5;
/// …at least this often per 1,000 words…
pub const STUFFING_MIN_PER_1000: f32 = 2.5;
/// …and this many times more often than in the rest of the corpus is keyword stuffing.
pub const STUFFING_RATIO: f32 = 4.0;

/// Phrases that betray generated text: talk of the data or prompt the text was made from.
const MACHINE_PHRASES: &[&str] = &[
    "provided data",
    "the data provided",
    "provided text",
    "provided information",
    "as an ai",
    "as a language model",
    "hypothetical future event",
    "based on the data",
    "according to the data",
    "in the given data",
    "the given text",
    "knowledge cutoff",
    "data kalimat",
];

const STOP: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "as", "by", "at", "is",
    "are", "was", "be", "its", "their", "this", "that", "it", "from", "has", "have", "which",
];

/// A phrase's occurrences in one document: (passage index, start, end) in passage text.
type Occurrences = Vec<(usize, u32, u32)>;

/// Signals of every document. Keyword stuffing is judged against the rest of the corpus, so
/// that the story's own vocabulary ("Iran and Russia") is not mistaken for stuffing.
pub fn signals(corpus: &Corpus) -> Vec<DocumentSignals> {
    let analyzer = Analyzer::default();
    let tokens: Vec<Vec<Vec<Token>>> = corpus
        .documents
        .iter()
        .map(|d| {
            d.passages
                .iter()
                .map(|p| analyzer.tokens(&p.text))
                .collect()
        })
        .collect();
    let phrases: Vec<HashMap<String, Occurrences>> =
        tokens.iter().map(|t| phrase_counts(t)).collect();
    let bags: Vec<HashMap<String, usize>> = phrases.iter().map(bag_counts).collect();
    let words: Vec<usize> = tokens
        .iter()
        .map(|t| t.iter().map(Vec::len).sum())
        .collect();
    corpus
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let others = |phrase: &str| -> (usize, usize) {
                (0..corpus.documents.len())
                    .filter(|&j| j != i)
                    .fold((0, 0), |(n, w), j| {
                        (
                            n + bags[j].get(&bag(phrase)).copied().unwrap_or(0),
                            w + words[j],
                        )
                    })
            };
            let mut signals = stuffing(d, &phrases[i], words[i], others);
            signals.extend(document_signals(d, words[i]));
            DocumentSignals {
                id: d.id.clone(),
                signals,
            }
        })
        .collect()
}

/// Three- and four-word phrases that neither start nor end with a stop word.
fn phrase_counts(tokens: &[Vec<Token>]) -> HashMap<String, Occurrences> {
    let mut counts: HashMap<String, Occurrences> = HashMap::new();
    for n in [3, 4] {
        for (pi, toks) in tokens.iter().enumerate() {
            for w in toks.windows(n) {
                if STOP.contains(&w[0].norm.as_str()) || STOP.contains(&w[n - 1].norm.as_str()) {
                    continue;
                }
                let key = w
                    .iter()
                    .map(|t| t.norm.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                counts
                    .entry(key)
                    .or_default()
                    .push((pi, w[0].start, w[n - 1].end));
            }
        }
    }
    counts
}

/// The content words of a phrase, sorted: "Iran and Russia" and "Russia and Iran" are one bag.
fn bag(phrase: &str) -> String {
    let mut words: Vec<&str> = phrase.split(' ').filter(|w| !STOP.contains(w)).collect();
    words.sort_unstable();
    words.join(" ")
}

fn bag_counts(phrases: &HashMap<String, Occurrences>) -> HashMap<String, usize> {
    let mut out: HashMap<String, usize> = HashMap::new();
    for (phrase, occ) in phrases {
        *out.entry(bag(phrase)).or_default() += occ.len();
    }
    out
}

fn per_1000(n: usize, words: usize) -> f32 {
    n as f32 * 1000.0 / words.max(1) as f32
}

/// Keyword stuffing: a phrase repeated often in this document and far more often than in the
/// rest of the corpus, in any word order (at least `STUFFING_RATIO` times its rate there,
/// counting one extra use).
fn stuffing(
    d: &Document,
    phrases: &HashMap<String, Occurrences>,
    words: usize,
    others: impl Fn(&str) -> (usize, usize),
) -> Vec<Signal> {
    let mut found: Vec<(&String, &Occurrences)> = phrases
        .iter()
        .filter(|(phrase, occ)| {
            let (n, w) = others(phrase);
            occ.len() >= STUFFING_MIN_REPEATS
                && per_1000(occ.len(), words) >= STUFFING_MIN_PER_1000
                && per_1000(occ.len(), words) >= STUFFING_RATIO * per_1000(n + 1, w)
        })
        .collect();
    // Longest, then most repeated first; a phrase inside one already chosen is the same stuffing.
    found.sort_by(|a, b| {
        b.0.len()
            .cmp(&a.0.len())
            .then(b.1.len().cmp(&a.1.len()))
            .then(a.0.cmp(b.0))
    });
    let mut chosen: Vec<&String> = Vec::new();
    let mut out = Vec::new();
    for (phrase, occ) in found {
        if chosen.iter().any(|c| c.contains(phrase.as_str())) {
            continue;
        }
        chosen.push(phrase);
        out.push(Signal {
            kind: SignalKind::KeywordStuffing,
            label: format!(
                "\"{phrase}\" repeated {} times ({:.1} per 1,000 words, far above the other sources)",
                occ.len(),
                per_1000(occ.len(), words)
            ),
            evidence: occ
                .iter()
                .map(|&(pi, s, e)| ev(&d.passages[pi].id, &d.passages[pi].text, s, e))
                .collect(),
        });
    }
    out
}

fn ev(passage: &str, text: &str, start: u32, end: u32) -> SignalEvidence {
    SignalEvidence {
        passage: Some(passage.to_owned()),
        start,
        end,
        text: text[start as usize..end as usize].to_owned(),
    }
}

/// The signals that need only the document itself.
fn document_signals(d: &Document, words: usize) -> Vec<Signal> {
    let mut out = Vec::new();

    // Machine generation: phrases about "the data", quoted data-set or file labels used as a
    // source, and bare citation markers like "[4] [5]" with no references.
    let mut machine = Vec::new();
    for p in &d.passages {
        // ASCII lowercasing keeps every byte offset, so matches slice the original safely.
        let lower = p.text.to_ascii_lowercase();
        for phrase in MACHINE_PHRASES {
            for (at, m) in lower.match_indices(phrase) {
                machine.push(ev(&p.id, &p.text, at as u32, (at + m.len()) as u32));
            }
        }
        for (s, e, inner) in quoted(&p.text) {
            let inner = inner.to_lowercase();
            let label_words = ["pdf", "dataset", "data set", "prompt", "keyword"];
            if label_words
                .iter()
                .any(|w| inner.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
                && inner.split_whitespace().count() <= 5
            {
                machine.push(ev(&p.id, &p.text, s as u32, e as u32));
            }
        }
        let bytes = p.text.as_bytes();
        let mut i = 0;
        while let Some(open) = p.text[i..].find('[').map(|o| o + i) {
            let close = p.text[open..].find(']').map(|c| c + open);
            match close {
                Some(c)
                    if c > open + 1
                        && c - open <= 4
                        && bytes[open + 1..c].iter().all(u8::is_ascii_digit) =>
                {
                    machine.push(ev(&p.id, &p.text, open as u32, c as u32 + 1));
                    i = c + 1;
                }
                _ => i = open + 1,
            }
        }
    }
    machine.sort_by(|a, b| (&a.passage, a.start).cmp(&(&b.passage, b.start)));
    machine.dedup_by(|a, b| a.passage == b.passage && a.start < b.end && b.start < a.end);
    if !machine.is_empty() {
        out.push(Signal {
            kind: SignalKind::MachineGeneration,
            label: "Traces of machine generation: talk of \"the data\", quoted data-set or keyword labels used as sources, citation markers with no references".into(),
            evidence: machine,
        });
    }

    let removed = |kinds: &[RemovalKind]| -> Vec<SignalEvidence> {
        d.removed
            .iter()
            .filter(|r| kinds.contains(&r.kind))
            .map(|r| SignalEvidence {
                passage: None,
                start: r.start,
                end: r.end,
                text: r.text.clone(),
            })
            .collect()
    };
    let profile = removed(&[RemovalKind::AuthorProfile]);
    if !profile.is_empty() {
        out.push(Signal {
            kind: SignalKind::FabricatedAuthor,
            label: "Author profile with a username, email, birthdate, address and phone number and a placeholder (lorem ipsum) bio: a fabricated profile".into(),
            evidence: profile,
        });
    }
    let promo = removed(&[
        RemovalKind::Promotion,
        RemovalKind::ExploreMore,
        RemovalKind::RelatedLinks,
    ]);
    if !promo.is_empty() {
        out.push(Signal {
            kind: SignalKind::Promotion,
            label: "Promotion of other articles and pages".into(),
            evidence: promo,
        });
    }
    if d.byline.is_none() {
        out.push(Signal {
            kind: SignalKind::MissingByline,
            label: "No byline: the page names no author".into(),
            evidence: vec![],
        });
    } else if let Some(b) = d
        .byline
        .as_ref()
        .filter(|b| b.source == crate::model::BylineSource::AboutAuthorBox)
    {
        out.push(Signal {
            kind: SignalKind::MissingByline,
            label: format!(
                "No byline: only an \"About the Author\" box claims {}",
                b.name
            ),
            evidence: removed(&[RemovalKind::AboutAuthor]),
        });
    }
    if d.date.is_none() {
        out.push(Signal {
            kind: SignalKind::MissingDate,
            label: "No publication date".into(),
            evidence: vec![],
        });
    }
    let (grade, sentences) = reading_grade(d);
    out.push(Signal {
        kind: SignalKind::ReadingLevel,
        label: format!("Reading level: Flesch–Kincaid grade {grade:.1} over {sentences} sentences and {words} words"),
        evidence: vec![],
    });
    out
}

/// Double-quoted stretches ("…" or “…”): byte span with the quotes, and the text inside.
fn quoted(text: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('"' | '“', None) => open = Some((i, i + c.len_utf8())),
            ('"' | '”', Some((s, inner))) => {
                out.push((s, i + c.len_utf8(), &text[inner..i]));
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// Flesch–Kincaid grade level of the document's passages, and its sentence count.
pub fn reading_grade(d: &Document) -> (f32, usize) {
    let mut sentences = 0usize;
    let mut words = 0usize;
    let mut syllables = 0usize;
    for p in &d.passages {
        sentences += p.sentences.len();
        for w in p.text.split_whitespace() {
            let w: String = w.chars().filter(|c| c.is_alphabetic()).collect();
            if !w.is_empty() {
                words += 1;
                syllables += count_syllables(&w);
            }
        }
    }
    if sentences == 0 || words == 0 {
        return (0.0, sentences);
    }
    let grade =
        0.39 * words as f32 / sentences as f32 + 11.8 * syllables as f32 / words as f32 - 15.59;
    (grade, sentences)
}

/// Vowel groups, minus a silent final "e": the usual estimate for English.
fn count_syllables(word: &str) -> usize {
    let w = word.to_lowercase();
    let mut count = 0;
    let mut prev_vowel = false;
    for c in w.chars() {
        let v = matches!(
            c,
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'é' | 'è' | 'ü' | 'ö' | 'ä'
        );
        if v && !prev_vowel {
            count += 1;
        }
        prev_vowel = v;
    }
    if w.ends_with('e') && !w.ends_with("le") && count > 1 {
        count -= 1;
    }
    count.max(1)
}
