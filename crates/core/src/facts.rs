//! Figures, dates and claims cross-checked between sources: numbers with their units and what
//! they count, dates, and stances on claims, grouped by what they are about, so that a reader
//! sees who states what and where sources differ. Every mention keeps its sentence as evidence.

use crate::model::{Claim, Corpus, Theme};
use crate::tag::Lexicon;
use crate::text::Analyzer;
use serde::Serialize;

/// Where a fact is stated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    pub doc: String,
    pub passage: String,
    /// Byte span of the figure, date or cue in the passage text.
    pub start: u32,
    pub end: u32,
    pub text: String,
    /// What is stated: a number ("90"), a date ("2025-01-17", "--04-21", "2015-09", "2001") or
    /// a stance id.
    pub value: String,
    /// The sentence that states it.
    pub sentence: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    Figure,
    Date,
    Claim,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Agreement {
    /// Only one source states it.
    Single,
    /// Several sources state it, all alike.
    Agree,
    /// Sources (or one source with itself) state different values.
    Differ,
}

/// Mentions grouped by what they are about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactGroup {
    pub kind: FactKind,
    /// Grouping key: the unit and counted thing of a figure, the event of a date, a claim id.
    pub key: String,
    pub label: String,
    pub agreement: Agreement,
    /// Distinct values with the sources stating each, for the summary row of a table.
    pub values: Vec<(String, Vec<String>)>,
    pub mentions: Vec<Mention>,
}

impl FactGroup {
    /// Recomputes `values` and `agreement` from `mentions` (after filtering them, say).
    pub fn summarize(&mut self) {
        let mut values: Vec<(String, Vec<String>)> = Vec::new();
        for m in &self.mentions {
            match values.iter_mut().find(|(v, _)| *v == m.value) {
                Some((_, docs)) if !docs.contains(&m.doc) => docs.push(m.doc.clone()),
                Some(_) => {}
                None => values.push((m.value.clone(), vec![m.doc.clone()])),
            }
        }
        let sources: std::collections::BTreeSet<&String> =
            self.mentions.iter().map(|m| &m.doc).collect();
        self.agreement = if values.len() > 1 {
            Agreement::Differ
        } else if sources.len() > 1 {
            Agreement::Agree
        } else {
            Agreement::Single
        };
        self.values = values;
    }
}

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
    ("half", 0.5),
    ("dozens", 24.0),
    ("hundreds", 200.0),
    ("thousands", 2000.0),
];
const MULTIPLIERS: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const FRENCH_MONTHS: &[&str] = &[
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
/// Words that end the phrase a number counts.
const STOP: &[&str] = &[
    "the", "a", "an", "and", "or", "to", "in", "on", "for", "with", "as", "by", "at", "is", "are",
    "was", "were", "be", "its", "their", "this", "that", "it", "from", "has", "have", "which",
    "while", "but", "into", "than", "already", "under", "between",
];

/// A word of the text with its byte span.
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    /// Punctuation right after the word ends a phrase.
    then_punct: bool,
    /// Inside square brackets: a citation marker like "[4]", not a figure.
    bracketed: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    for (start, piece) in text.split(' ').scan(0usize, |pos, w| {
        let at = *pos;
        *pos += w.len() + 1;
        Some((at, w))
    }) {
        let lead = piece.len()
            - piece
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let core = piece.trim_matches(|c: char| !c.is_alphanumeric() && c != '%');
        if core.is_empty() {
            continue;
        }
        let then_punct = piece[lead + core.len()..]
            .chars()
            .any(|c| matches!(c, ',' | '.' | ';' | ':' | '?' | '!' | ')' | '—'));
        out.push(Word {
            start: start + lead,
            end: start + lead + core.len(),
            text: core,
            then_punct,
            bracketed: piece.starts_with('[') && piece.contains(']'),
        });
    }
    out
}

fn month_of(w: &str) -> Option<u32> {
    let l = w.to_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == l)
        .or_else(|| FRENCH_MONTHS.iter().position(|m| *m == l))
        .map(|i| i as u32 + 1)
}

fn year_of(w: &str) -> Option<u32> {
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn day_of(w: &str) -> Option<u32> {
    (w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// A date at word `i`: (words used, value).
fn date_at(ws: &[Word], i: usize) -> Option<(usize, String)> {
    let w = |k: usize| ws.get(i + k).map(|w| w.text);
    if let Some(m) = month_of(ws[i].text) {
        // "January 17, 2025", "April 21", "September 2015"
        if let Some(d) = w(1).and_then(day_of) {
            if let Some(y) = w(2).and_then(year_of) {
                return Some((3, format!("{y:04}-{m:02}-{d:02}")));
            }
            return Some((2, format!("--{m:02}-{d:02}")));
        }
        if let Some(y) = w(1).and_then(year_of) {
            return Some((2, format!("{y:04}-{m:02}")));
        }
        return None;
    }
    if let (Some(d), Some(m)) = (day_of(ws[i].text), w(1).and_then(month_of)) {
        // "17 January 2025", "17 janvier 2025"
        if let Some(y) = w(2).and_then(year_of) {
            return Some((3, format!("{y:04}-{m:02}-{d:02}")));
        }
    }
    year_of(ws[i].text).map(|y| (1, format!("{y:04}")))
}

/// A figure at word `i`: (words used for the number, value).
fn number_at(ws: &[Word], i: usize) -> Option<(usize, f64)> {
    let t = ws[i].text;
    if ws[i].bracketed {
        return None;
    }
    let lower = t.to_lowercase();
    let mut value = if t.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        let digits: String = t
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        if year_of(t).is_some() || t.contains('%') && digits.is_empty() {
            return None;
        }
        digits.parse::<f64>().ok()?
    } else {
        NUMBER_WORDS.iter().find(|(w, _)| *w == lower)?.1
    };
    let mut used = 1;
    if let Some(m) = ws.get(i + 1).and_then(|w| {
        MULTIPLIERS
            .iter()
            .find(|(x, _)| x.eq_ignore_ascii_case(w.text))
    }) {
        value *= m.1;
        used += 1;
    }
    Some((used, value))
}

fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Extracts figures, dates and claim stances from every passage and groups them.
pub fn facts(corpus: &Corpus, claims: &[Claim]) -> Vec<FactGroup> {
    let analyzer = Analyzer::default();
    let topics = Lexicon::new(
        &claims
            .iter()
            .map(|c| Theme {
                id: c.id.clone(),
                label: c.label.clone(),
                description: String::new(),
                terms: c.topic.clone(),
            })
            .collect::<Vec<_>>(),
    );
    let stance_lexicons: Vec<Lexicon> = claims
        .iter()
        .map(|c| {
            Lexicon::new(
                &c.stances
                    .iter()
                    .map(|s| Theme {
                        id: s.id.clone(),
                        label: s.label.clone(),
                        description: String::new(),
                        terms: s.cues.clone(),
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let mut groups: Vec<FactGroup> = Vec::new();
    let mut add = |kind: FactKind, key: String, label: String, m: Mention| match groups
        .iter_mut()
        .find(|g| g.kind == kind && g.key == key)
    {
        Some(g) => g.mentions.push(m),
        None => groups.push(FactGroup {
            kind,
            key,
            label,
            agreement: Agreement::Single,
            values: vec![],
            mentions: vec![m],
        }),
    };
    for doc in &corpus.documents {
        for p in &doc.passages {
            for s in &p.sentences {
                let (s0, s1) = (s.start as usize, s.end as usize);
                let sentence = &p.text[s0..s1];
                let mention = |start: usize, end: usize, value: String| Mention {
                    doc: doc.id.clone(),
                    passage: p.id.clone(),
                    start: (s0 + start) as u32,
                    end: (s0 + end) as u32,
                    text: sentence[start..end].to_owned(),
                    value,
                    sentence: sentence.to_owned(),
                };
                // Claims: the sentence's topic, then its stance.
                let topic_tags = topics.tag(sentence);
                for tag in &topic_tags {
                    let Some(ci) = claims.iter().position(|c| c.id == tag.id) else {
                        continue;
                    };
                    let claim = &claims[ci];
                    let stance = stance_lexicons[ci]
                        .tag(sentence)
                        .into_iter()
                        .min_by_key(|t| claim.stances.iter().position(|s| s.id == t.id))
                        .map(|t| {
                            (
                                t.id.clone(),
                                t.evidence[0].start as usize,
                                t.evidence[0].end as usize,
                            )
                        })
                        .or_else(|| {
                            claim.default.clone().map(|d| {
                                (
                                    d,
                                    tag.evidence[0].start as usize,
                                    tag.evidence[0].end as usize,
                                )
                            })
                        });
                    if let Some((id, a, b)) = stance {
                        add(
                            FactKind::Claim,
                            claim.id.clone(),
                            claim.label.clone(),
                            mention(a, b, id),
                        );
                    }
                }
                let claim_key = topic_tags.first().map(|t| t.id.clone());
                // Dates and figures.
                let ws = words(sentence);
                let mut i = 0;
                while i < ws.len() {
                    if let Some((n, value)) = date_at(&ws, i) {
                        let (a, b) = (ws[i].start, ws[i + n - 1].end);
                        let (key, label) = match &claim_key {
                            Some(k) => (
                                format!("date:{k}"),
                                format!(
                                    "Date of: {}",
                                    claims
                                        .iter()
                                        .find(|c| &c.id == k)
                                        .map_or("", |c| c.label.as_str())
                                ),
                            ),
                            // Without a known event, only the same date in several sources is a match.
                            None => (format!("date:{value}"), format!("Date {value}")),
                        };
                        add(FactKind::Date, key, label, mention(a, b, value));
                        i += n;
                        continue;
                    }
                    if let Some((n, value)) = number_at(&ws, i) {
                        let mut j = i + n;
                        let mut unit = String::new();
                        if ws[i + n - 1].text.ends_with('%') {
                            unit = "percent".into();
                        } else if let Some(w) = ws.get(j).filter(|w| {
                            matches!(w.text.to_lowercase().as_str(), "percent" | "per" | "%")
                        }) {
                            unit = "percent".into();
                            j += if w.text.eq_ignore_ascii_case("per") {
                                2
                            } else {
                                1
                            };
                        }
                        if !unit.is_empty() && ws.get(j).is_some_and(|w| w.text == "of") {
                            j += 1;
                        }
                        // The thing counted: up to three words, ending at punctuation or a stop word.
                        let mut about: Vec<&Word> = Vec::new();
                        if !ws[(j.max(1)) - 1].then_punct || j == i + n && !ws[i + n - 1].then_punct
                        {
                            while let Some(w) = ws.get(j) {
                                if about.len() == 3
                                    || STOP.contains(&w.text.to_lowercase().as_str())
                                    || year_of(w.text).is_some()
                                {
                                    break;
                                }
                                about.push(w);
                                j += 1;
                                if w.then_punct {
                                    break;
                                }
                            }
                        }
                        if !about.is_empty() || !unit.is_empty() {
                            let end = about.last().map_or(ws[j.max(1) - 1].end, |w| w.end);
                            let stems: Vec<String> = about
                                .iter()
                                .flat_map(|w| analyzer.tokens(w.text))
                                .map(|t| t.stem)
                                .collect();
                            let key = format!(
                                "{}{}{}",
                                unit,
                                if unit.is_empty() { "" } else { " of " },
                                stems.join(" ")
                            );
                            let label = sentence[ws[i + n - 1].end..end].trim().to_owned();
                            add(
                                FactKind::Figure,
                                format!("figure:{key}"),
                                label,
                                mention(ws[i].start, end, format_value(value)),
                            );
                        }
                        i = j.max(i + 1);
                        continue;
                    }
                    i += 1;
                }
            }
        }
    }
    for g in &mut groups {
        g.summarize();
    }
    // Cross-source groups first (differences, then agreements), then single-source ones.
    groups.sort_by_key(|g| {
        let sources = g
            .mentions
            .iter()
            .map(|m| &m.doc)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        (
            usize::from(sources < 2),
            g.agreement != Agreement::Differ,
            g.kind as u8,
            g.key.clone(),
        )
    });
    groups
}
