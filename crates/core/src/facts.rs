//! Figures, dates and claims cross-checked between sources: numbers with their units and what
//! they count, tallies of votes, dates, days of the week and stances on claims, grouped by what
//! they are about, so that a reader sees who states what and where sources differ. Every mention
//! keeps its sentence as evidence, and every group says why its sentences were put together.

use crate::model::{Claim, Corpus, Theme};
use crate::tag::Lexicon;
use crate::text::{Analyzer, StemMemo};
use serde::Serialize;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

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
    /// The sentence that states it (of a sentence over `SENTENCE_BYTES`, the part around it),
    /// shared by the mentions of that sentence.
    pub sentence: Arc<str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    Figure,
    Date,
    Claim,
    /// A statement one source makes and another denies, found automatically (`negation`).
    Statement,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Agreement {
    /// Only one source states it.
    Single,
    /// Several sources state it, all alike.
    Agree,
    /// Sources (or one source with itself) state different values. Dates differ only when a
    /// year, month or day stated by both is not the same: "January 2025" fits "January 17, 2025".
    Differ,
}

/// Year, month and day of a date value as [`facts`] writes it ("2025-01-17", "--04-21",
/// "2025-01", "2001"), each when stated.
fn date_parts(value: &str) -> Option<[Option<u32>; 3]> {
    let (year, rest) = match value.strip_prefix("--") {
        Some(rest) => (None, rest),
        None => {
            let (y, rest) = value.split_once('-').unwrap_or((value, ""));
            (Some(y.parse().ok()?), rest)
        }
    };
    let mut parts = rest.split('-').filter(|p| !p.is_empty());
    let month = parts.next().map(str::parse).transpose().ok()?;
    let day = parts.next().map(str::parse).transpose().ok()?;
    if parts.next().is_some() || year.is_none() && month.is_none() {
        return None;
    }
    Some([year, month, day])
}

/// Whether two values of a group can both be true. Dates can when no component that both state
/// differs (a partial date fits a fuller one); other values only when they are equal. The
/// definition that `any_conflict` checks in one pass over a set, kept for its test.
#[cfg(test)]
fn compatible(kind: FactKind, a: &str, b: &str) -> bool {
    if kind == FactKind::Date {
        if let (Some(x), Some(y)) = (date_parts(a), date_parts(b)) {
            return x
                .iter()
                .zip(&y)
                .all(|(p, q)| p.is_none() || q.is_none() || p == q);
        }
    }
    a == b
}

/// Whether some two of `values` cannot both be true, in one pass. Two dates conflict when a
/// year, month or day that both state differs, so a set of dates conflicts exactly when one of
/// those components takes two values; any other value conflicts with every value but itself.
pub fn any_conflict<'a>(kind: FactKind, values: impl IntoIterator<Item = &'a str>) -> bool {
    let mut seen_parts: [Option<u32>; 3] = [None; 3];
    let mut seen_plain: Option<&str> = None;
    let mut any_date = false;
    for v in values {
        match (kind == FactKind::Date).then(|| date_parts(v)).flatten() {
            Some(parts) => {
                for (seen, part) in seen_parts.iter_mut().zip(parts) {
                    match (*seen, part) {
                        (Some(a), Some(b)) if a != b => return true,
                        (None, Some(b)) => *seen = Some(b),
                        _ => {}
                    }
                }
                any_date = true;
            }
            None => match seen_plain {
                Some(p) if p != v => return true,
                _ => seen_plain = Some(v),
            },
        }
        // A value that is no date is compatible only with itself, so not with any date.
        if any_date && seen_plain.is_some() {
            return true;
        }
    }
    false
}

/// Mentions grouped by what they are about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactGroup {
    pub kind: FactKind,
    /// Grouping key: the unit and counted thing of a figure ("figure:percent of good"); the
    /// event of a date, a claim and stance ("date:treaty-status:signed"), or else the date itself
    /// ("date:2021-08-18"); a claim id.
    pub key: String,
    pub label: String,
    pub agreement: Agreement,
    /// Distinct values with the sources stating each, for the summary row of a table.
    pub values: Vec<(String, Vec<String>)>,
    pub mentions: Vec<Mention>,
    /// Why these mentions were put together, in words, and whether the group was found
    /// automatically or is one of the corpus's own claims: "Found automatically: the same measure
    /// (euros), and their sentences share the words “bus”, “cost” and “network”."
    pub why: String,
}

impl FactGroup {
    /// This group with only `mentions` (some of its own), summarised again: its values and
    /// agreement are theirs. Its other mentions and values are not copied on the way (a group
    /// of thousands of dates was copied whole for each of compare's themes).
    pub fn with_mentions(&self, mentions: Vec<Mention>) -> FactGroup {
        let mut g = FactGroup {
            kind: self.kind,
            key: self.key.clone(),
            label: self.label.clone(),
            agreement: self.agreement,
            values: Vec::new(),
            mentions,
            why: self.why.clone(),
        };
        g.summarize();
        g
    }

    /// Recomputes `values` and `agreement` from `mentions` (after filtering them, say).
    pub fn summarize(&mut self) {
        // In the order first stated; the index and the set of (value, source) pairs found so far
        // keep a group of thousands of distinct values from searching them once per mention.
        let mut values: Vec<(String, Vec<String>)> = Vec::new();
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        let mut stated: BTreeSet<(usize, &str)> = BTreeSet::new();
        for m in &self.mentions {
            crate::probe::step(1);
            let i = *index.entry(m.value.as_str()).or_insert_with(|| {
                values.push((m.value.clone(), Vec::new()));
                values.len() - 1
            });
            if stated.insert((i, m.doc.as_str())) {
                values[i].1.push(m.doc.clone());
            }
        }
        let sources: BTreeSet<&String> = self.mentions.iter().map(|m| &m.doc).collect();
        let conflict = any_conflict(self.kind, values.iter().map(|(v, _)| v.as_str()));
        self.agreement = if conflict {
            Agreement::Differ
        } else if sources.len() > 1 {
            Agreement::Agree
        } else {
            Agreement::Single
        };
        self.values = values;
    }

    /// What the fact is about, as a table row names it, without repeating its kind: a date
    /// found without a known event is grouped by its value ("date:2021-08-18"), which then reads
    /// as a date ("18 August 2021").
    pub fn shown_label(&self) -> String {
        match self.kind {
            FactKind::Date => match self.key.strip_prefix("date:") {
                Some(v) if v.starts_with(|c: char| c.is_ascii_digit() || c == '-') => {
                    readable_date(v)
                }
                _ => self.label.trim_start_matches("Date of:").trim().to_owned(),
            },
            _ => self.label.clone(),
        }
    }

    /// Whether the group is one of the corpus's own claims, or the date of a claim's event,
    /// rather than found automatically from the words around figures, dates and votes.
    pub fn is_curated(&self) -> bool {
        self.kind == FactKind::Claim
            || self.kind == FactKind::Date && self.label.starts_with("Date of:")
    }

    /// The word for its kind before `shown_label` in a table of figures and dates: "Figure",
    /// "Date", or "Date of" for the date of an event; "Claim".
    pub fn kind_word(&self) -> &'static str {
        match self.kind {
            FactKind::Figure => "Figure",
            FactKind::Date if self.is_curated() => "Date of",
            FactKind::Date => "Date",
            FactKind::Claim => "Claim",
            FactKind::Statement => "Said and denied",
        }
    }

    /// What each of `docs` states: its distinct values in the order first stated, each with the
    /// indexes in `mentions` of the mentions that state it (in order). One pass over the
    /// mentions: a table of a group of thousands of distinct values neither searches a source's
    /// values once per mention nor its mentions once per value.
    pub fn by_source<'a>(&'a self, docs: &[&str]) -> Vec<Vec<(&'a str, Vec<usize>)>> {
        let mut at: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, d) in docs.iter().enumerate() {
            at.entry(d).or_insert(i);
        }
        let mut out: Vec<Vec<(&str, Vec<usize>)>> = vec![Vec::new(); docs.len()];
        let mut slot: BTreeMap<(usize, &str), usize> = BTreeMap::new();
        for (k, m) in self.mentions.iter().enumerate() {
            crate::probe::step(1);
            let Some(&i) = at.get(m.doc.as_str()) else {
                continue;
            };
            match slot.entry((i, m.value.as_str())) {
                Entry::Occupied(e) => out[i][*e.get()].1.push(k),
                Entry::Vacant(e) => {
                    e.insert(out[i].len());
                    out[i].push((m.value.as_str(), vec![k]));
                }
            }
        }
        // A source named twice has the same values twice.
        for (i, d) in docs.iter().enumerate() {
            if at[d] != i {
                out[i] = out[at[d]].clone();
            }
        }
        out
    }
}

/// Number words and the value each stands for, written as a figure value is.
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("fifteen", "15"),
    ("twenty", "20"),
    ("thirty", "30"),
    ("forty", "40"),
    ("fifty", "50"),
    ("hundred", "100"),
    ("dozen", "12"),
    ("half", "0.5"),
    ("dozens", "24"),
    ("hundreds", "200"),
    ("thousands", "2000"),
];
/// The key of the votes for and against of one vote ("by 9 votes to 4", "8 in favour and 5
/// against"), split by what they are said of like any figure.
pub const TALLY: &str = "figure:tally";
/// The key of the days of the week ("on Monday"), split by the event their sentences tell.
pub const WEEKDAY: &str = "date:weekday";

/// A sentence with one of these words is about a vote, so "9 to 4" in it is a tally; elsewhere
/// it is a range ("rose from 5 to 10").
const VOTE_WORDS: &[&str] = &[
    "vote",
    "votes",
    "voted",
    "voting",
    "ballot",
    "ballots",
    "majority",
    "margin",
    "motion",
    "referendum",
    "favour",
    "favor",
];

/// Words before a bare tally ("by 9 to 4", "voted 9 to 4", "The vote was 9 to 4").
const BEFORE_TALLY: &[&str] = &[
    "by", "voted", "was", "were", "of", "passed", "approved", "rejected", "backed", "carried",
    "won", "lost", "split",
];
/// Words after a tally that go on about the vote ("9 to 4 in favour", "9 to 4 on Monday").
const AFTER_TALLY: &[&str] = &[
    "in", "on", "with", "against", "and", "after", "at", "to", "for", "votes", "vote",
];

/// Counts written as words, from zero: a vote's tally is small.
const COUNT_WORDS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Words before a day of the week that make it one ("on Monday", "last Friday"): a capitalised
/// "Sunday" elsewhere may be a name ("the Sunday Times").
const BEFORE_WEEKDAY: &[&str] = &[
    "on", "by", "last", "next", "this", "until", "till", "since", "from", "before", "after",
    "early", "late", "that", "each", "every",
];

/// A count of votes at word `i`: digits (at most four) or a word from zero to twenty.
fn count_at(ws: &[Word], i: usize) -> Option<u32> {
    let w = ws.get(i).filter(|w| !w.bracketed)?.text;
    if (1..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()) {
        return w.parse().ok();
    }
    COUNT_WORDS
        .iter()
        .position(|c| c.eq_ignore_ascii_case(w))
        .map(|n| n as u32)
}

/// The tally of a vote at word `i` of a sentence about a vote: (words used, "9 to 4"), for "9
/// to 4", "9 votes to 4", "nine to four votes", "8 in favour and 5 against", "30 for, 12
/// against". Not "from 5 to 10" or "between 5 to 10", nor "5 to 10 percent": ranges.
fn tally_at(ws: &[Word], i: usize) -> Option<(usize, String)> {
    let is = |k: usize, words: &[&str]| {
        ws.get(k)
            .is_some_and(|w| words.iter().any(|x| x.eq_ignore_ascii_case(w.text)))
    };
    let yes = count_at(ws, i)?;
    if year_of(ws[i].text).is_some() || i > 0 && is(i - 1, &["from", "between"]) {
        return None;
    }
    // "9 to 4", "9 votes to 4", "9 to 4 votes": after a word that gives a result ("by", "voted",
    // "was"), or with "votes" in it, and ending the clause or before a word that goes on about
    // the vote. "Children aged 5 to 10 can vote", "raises buses by 5 to 10 a day" are ranges.
    let mut k = i + 1;
    let mut named = false;
    if is(k, &["votes", "vote"]) && !ws[i].then_punct {
        k += 1;
        named = true;
    }
    if is(k, &["to"]) && !ws[k - 1].then_punct && !ws[k].then_punct {
        let no = count_at(ws, k + 1).filter(|_| year_of(ws[k + 1].text).is_none())?;
        let mut used = k + 2 - i;
        if !ws[k + 1].then_punct && is(k + 2, &["votes", "vote"]) {
            used += 1;
            named = true;
        }
        let after = i + used;
        let ends = ws[after - 1].then_punct || after == ws.len() || is(after, AFTER_TALLY);
        let given = named || i > 0 && is(i - 1, BEFORE_TALLY);
        return (ends && given).then(|| (used, format!("{yes} to {no}")));
    }
    // "8 in favour and 5 against", "8 councillors were in favour, 5 against", "30 for, 12 against".
    for k in i + 1..(i + 6).min(ws.len()) {
        if is(k, &["favour", "favor", "for"]) {
            let mut m = k + 1;
            if is(m, &["and", "with"]) {
                m += 1;
            }
            let no = count_at(ws, m)?;
            return is(m + 1, &["against", "opposed"])
                .then(|| (m + 2 - i, format!("{yes} to {no}")));
        }
        if ws[k].then_punct {
            break;
        }
    }
    None
}

/// A day of the week at word `i` ("on Monday", "Monday's vote"), unless a date follows it
/// ("Monday, 12 March 2025": the date says more) or a capitalised word ("Sunday Times").
fn weekday_at(ws: &[Word], i: usize) -> Option<&'static str> {
    let w = ws[i].text;
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .unwrap_or(w);
    let day = crate::strings::weekday(w)?;
    let before = i.checked_sub(1).map(|k| ws[k].text.to_lowercase());
    if before.is_some_and(|b| !BEFORE_WEEKDAY.contains(&b.as_str())) {
        return None;
    }
    // A date after it says more; a capitalised word right after it makes it a name ("Sunday
    // Times").
    let next = ws.get(i + 1).map(|w| w.text);
    if next.is_some_and(|n| month_of(n).is_some() || day_of(n).is_some())
        || next.is_some_and(|n| n.starts_with(char::is_uppercase)) && !ws[i].then_punct
    {
        return None;
    }
    Some(day)
}

/// Multiplier words and the power of ten each stands for.
const MULTIPLIERS: &[(&str, usize)] = &[
    ("thousand", 3),
    ("million", 6),
    ("billion", 9),
    ("trillion", 12),
];
/// A date value as [`facts`] writes it, in words: "2025-01-17" → "17 January 2025", "--04-21" →
/// "21 April", "2015-09" → "September 2015", "2001" as it is (and anything else unchanged).
pub fn readable_date(value: &str) -> String {
    let month = |m: &str| crate::strings::month_name(m.parse().ok()?);
    let parts: Vec<&str> = value.trim_start_matches("--").split('-').collect();
    match (value.starts_with("--"), parts.as_slice()) {
        (true, [m, d]) => month(m).map(|m| format!("{} {m}", d.trim_start_matches('0'))),
        (false, [y, m, d]) => month(m).map(|m| format!("{} {m} {y}", d.trim_start_matches('0'))),
        (false, [y, m]) => month(m).map(|m| format!("{m} {y}")),
        _ => None,
    }
    .unwrap_or_else(|| value.to_owned())
}

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
        // The word is the piece without the punctuation around it, '%' kept ("90%"): the same
        // rule at both ends, so that `lead` and `core` always agree.
        let punct = |c: char| !c.is_alphanumeric() && c != '%';
        let rest = piece.trim_start_matches(punct);
        let lead = piece.len() - rest.len();
        let core = rest.trim_end_matches(punct);
        if core.is_empty() {
            continue;
        }
        let then_punct = rest
            .get(core.len()..)
            .unwrap_or_default()
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
    crate::strings::month_number(w, false)
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

/// A figure at word `i`: (words used for the number, its value in decimal as [`decimal`] writes
/// it). Values are kept as decimal digits, not floats: they are only compared and shown, exact
/// for any length, and parsing a float would link the standard library's table of powers of
/// five into the app (18 kB of wasm, 15 kB gzip: BENCHMARKS.md).
fn number_at(ws: &[Word], i: usize) -> Option<(usize, String)> {
    let t = ws[i].text;
    if ws[i].bracketed {
        return None;
    }
    let lower = t.to_lowercase();
    let (mut whole, mut frac) = if t.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        let digits: String = t
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        if year_of(t).is_some() || t.contains('%') && digits.is_empty() {
            return None;
        }
        let (whole, frac) = digits.split_once('.').unwrap_or((&digits, ""));
        // "1.2.3" is no number (a version, a section).
        if frac.contains('.') {
            return None;
        }
        (whole.to_owned(), frac.to_owned())
    } else {
        let value = NUMBER_WORDS.iter().find(|(w, _)| *w == lower)?.1;
        let (whole, frac) = value.split_once('.').unwrap_or((value, ""));
        (whole.to_owned(), frac.to_owned())
    };
    let mut used = 1;
    if let Some(&(_, power)) = ws.get(i + 1).and_then(|w| {
        MULTIPLIERS
            .iter()
            .find(|(x, _)| x.eq_ignore_ascii_case(w.text))
    }) {
        // Times 10^power: the point moves right, padding with zeros.
        let moved = frac.len().min(power);
        whole.push_str(&frac[..moved]);
        whole.extend(std::iter::repeat_n('0', power - moved));
        frac.drain(..moved);
        used += 1;
    }
    Some((used, decimal(&whole, &frac)))
}

/// A decimal number written one way only: no leading zeros before the point (but "0"), no
/// trailing zeros after it, no point for a whole number ("090.50" is "90.5", "2.0" is "2").
fn decimal(whole: &str, frac: &str) -> String {
    let whole = whole.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    if frac.is_empty() {
        whole.to_owned()
    } else {
        format!("{whole}.{frac}")
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
    // Every sentence is tagged with the claims' topics: the memo stems each distinct word once
    // (the lexicons stem with the same default analyzer), and a sentence's tokens serve its
    // stances too.
    let mut memo = StemMemo::default();
    let mut groups: Vec<FactGroup> = Vec::new();
    // Each group's place in `groups` by kind and key: a document of thousands of distinct dates
    // makes as many groups, which a search of the list would go through once per mention.
    let mut places: BTreeMap<(u8, String), usize> = BTreeMap::new();
    let mut add = |kind: FactKind, key: String, label: String, m: Mention| {
        crate::probe::step(1);
        match places.entry((kind as u8, key)) {
            Entry::Occupied(e) => groups[*e.get()].mentions.push(m),
            Entry::Vacant(e) => {
                let key = e.key().1.clone();
                e.insert(groups.len());
                groups.push(FactGroup {
                    kind,
                    key,
                    label,
                    agreement: Agreement::Single,
                    values: vec![],
                    mentions: vec![m],
                    why: String::new(),
                });
            }
        }
    };
    for doc in &corpus.documents {
        for p in &doc.passages {
            for s in &p.sentences {
                let (s0, s1) = (s.start as usize, s.end as usize);
                let Some(sentence) = p.text.get(s0..s1) else {
                    continue;
                };
                let mut kept = Kept::new(sentence);
                let mut mention = |start: usize, end: usize, value: String| Mention {
                    doc: doc.id.clone(),
                    passage: p.id.clone(),
                    start: (s0 + start) as u32,
                    end: (s0 + end) as u32,
                    text: sentence[start..end].to_owned(),
                    value,
                    sentence: kept.at(start),
                };
                // Claims: the sentence's topic, then its stance. The first claim with a stance is
                // the event the sentence's dates are of.
                let mut event: Option<(&Claim, String)> = None;
                let tokens = memo.tokens(sentence);
                for tag in &topics.tag_tokens(sentence, &tokens) {
                    let Some(ci) = claims.iter().position(|c| c.id == tag.id) else {
                        continue;
                    };
                    let claim = &claims[ci];
                    let stance = stance_lexicons[ci]
                        .tag_tokens(sentence, &tokens)
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
                        if event.is_none() {
                            event = Some((claim, id.clone()));
                        }
                        add(
                            FactKind::Claim,
                            claim.id.clone(),
                            claim.label.clone(),
                            mention(a, b, id),
                        );
                    }
                }
                // Votes, days of the week, dates and figures.
                let ws = words(sentence);
                let on_a_vote = ws
                    .iter()
                    .any(|w| VOTE_WORDS.iter().any(|v| v.eq_ignore_ascii_case(w.text)));
                // A sentence that names two days ("from Monday until Friday") or gives two
                // tallies ("9 to 4, then 7 to 6") states no one day or result of one event:
                // neither is read.
                let days = (0..ws.len())
                    .filter(|&k| weekday_at(&ws, k).is_some())
                    .count();
                let mut tallies = 0;
                let mut k = 0;
                while on_a_vote && k < ws.len() {
                    match tally_at(&ws, k) {
                        Some((used, _)) => {
                            tallies += 1;
                            k += used;
                        }
                        None => k += 1,
                    }
                }
                let mut i = 0;
                while i < ws.len() {
                    if let Some((n, value)) = (tallies == 1).then(|| tally_at(&ws, i)).flatten() {
                        let (a, b) = (ws[i].start, ws[i + n - 1].end);
                        add(
                            FactKind::Figure,
                            TALLY.into(),
                            "votes for and against".into(),
                            mention(a, b, value),
                        );
                        i += n;
                        continue;
                    }
                    if let Some(day) = (days == 1).then(|| weekday_at(&ws, i)).flatten() {
                        let (a, b) = (ws[i].start, ws[i].start + day.len());
                        add(
                            FactKind::Date,
                            WEEKDAY.into(),
                            "Day of the week".into(),
                            mention(a, b, day.to_owned()),
                        );
                        i += 1;
                        continue;
                    }
                    if let Some((n, value)) = date_at(&ws, i) {
                        let (a, b) = (ws[i].start, ws[i + n - 1].end);
                        // A date is of the claim and stance of its sentence: the ratification of a
                        // treaty and its signing are two events, with dates of their own.
                        let (key, label) = match &event {
                            Some((claim, stance)) => (
                                format!("date:{}:{stance}", claim.id),
                                format!(
                                    "Date of: {}, {}",
                                    claim.label,
                                    claim
                                        .stances
                                        .iter()
                                        .find(|s| s.id == *stance)
                                        .map_or(stance.as_str(), |s| s.label.as_str())
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
                        } else {
                            // "90 percent", "90 %", "90 per cent" (and "per" alone is no unit).
                            let is = |k: usize, word: &str| {
                                ws.get(k).is_some_and(|w| w.text.eq_ignore_ascii_case(word))
                            };
                            let used = if is(j, "percent") || is(j, "%") {
                                1
                            } else if is(j, "per") && is(j + 1, "cent") {
                                2
                            } else {
                                0
                            };
                            if used > 0 {
                                unit = "percent".into();
                                j += used;
                            }
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
                                mention(ws[i].start, end, value),
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
    let mut groups = split_by_subject(groups, corpus, &analyzer);
    // Without the corpus's own claims, statements one source makes and another denies.
    if claims.is_empty() {
        let denials = crate::negation::findings(corpus, &analyzer);
        groups.extend(denials.iter().map(|d| statement(corpus, d)));
    }
    for g in &mut groups {
        g.summarize();
        if g.why.is_empty() {
            g.why = if g.mentions.len() == 1 {
                "One sentence states it.".to_owned()
            } else {
                format!("{}.", basis(g))
            };
        }
    }
    // Cross-source groups first (differences, then agreements), then single-source ones.
    crate::sort::sort_by_key(&mut groups, |g| {
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

/// The group of a statement one source makes (value `negation::SAYS`) and another denies
/// (`negation::DENIES`), with both sentences and why they were paired.
fn statement(corpus: &Corpus, d: &crate::negation::Denial) -> FactGroup {
    let mention = |s: &crate::negation::Spot, value: &str| {
        let doc = &corpus.documents[s.doc];
        let p = &doc.passages[s.passage];
        Mention {
            doc: doc.id.clone(),
            passage: p.id.clone(),
            start: s.words.0 as u32,
            end: s.words.1 as u32,
            text: p.text[s.words.0..s.words.1].to_owned(),
            value: value.to_owned(),
            sentence: Arc::from(&p.text[s.sentence.0..s.sentence.1]),
        }
    };
    let quoted: Vec<String> = d
        .words
        .iter()
        .take(SHOWN_SHARED)
        .map(|w| format!("\u{201c}{w}\u{201d}"))
        .collect();
    let mut g = FactGroup {
        kind: FactKind::Statement,
        key: format!("statement:{}", d.key),
        label: d.words[..d.words.len().min(SHOWN_SHARED)].join(", "),
        agreement: Agreement::Differ,
        values: Vec::new(),
        mentions: vec![
            mention(&d.said, crate::negation::SAYS),
            mention(&d.denied, crate::negation::DENIES),
        ],
        why: format!(
            "Found automatically: one sentence says \u{201c}{}\u{201d} where the other does not, of the same thing at the same time, and they share the words {}.",
            d.cue,
            crate::strings::and_list(&quoted)
        ),
    };
    g.summarize();
    g
}

/// The longest sentence a mention keeps whole. Of a longer one it keeps a window of this many
/// bytes around it, cut at spaces and marked "…"; windows start every `SENTENCE_BYTES / 2`
/// bytes, and the mentions of one window share it, as the mentions of a shorter sentence share
/// the sentence (`Arc`): a sentence of thousands of figures costs about twice its length, not
/// once per figure.
pub const SENTENCE_BYTES: usize = 800;

/// What the mentions of one sentence keep of it, each made once (`SENTENCE_BYTES`).
struct Kept<'a> {
    sentence: &'a str,
    whole: Option<Arc<str>>,
    windows: BTreeMap<usize, Arc<str>>,
}

impl<'a> Kept<'a> {
    fn new(sentence: &'a str) -> Self {
        Kept {
            sentence,
            whole: None,
            windows: BTreeMap::new(),
        }
    }

    /// The text a mention starting at byte `start` keeps.
    fn at(&mut self, start: usize) -> Arc<str> {
        let s = self.sentence;
        if s.len() <= SENTENCE_BYTES {
            return self.whole.get_or_insert_with(|| Arc::from(s)).clone();
        }
        // The window whose middle half holds `start`: a mention (a few words) ends inside it.
        let step = SENTENCE_BYTES / 2;
        let k = start / step;
        self.windows
            .entry(k)
            .or_insert_with(|| {
                Arc::from(window(
                    s,
                    (k * step).saturating_sub(step / 2),
                    SENTENCE_BYTES,
                ))
            })
            .clone()
    }
}

/// `len` bytes of `sentence` from `from`, with "…" where the sentence goes on: cut at a space
/// among the first and last `len / 8` bytes where there is one, so that a word is not cut in
/// two, and the middle of the window is always kept.
fn window(sentence: &str, from: usize, len: usize) -> String {
    let boundary = |mut i: usize, up: bool| {
        while !sentence.is_char_boundary(i) {
            if up {
                i += 1;
            } else {
                i -= 1;
            }
        }
        i
    };
    let mut a = boundary(from.min(sentence.len()), true);
    let mut b = boundary((from + len).min(sentence.len()), false).max(a);
    let edge = len / 8;
    if a > 0 {
        let near = boundary((a + edge).min(b), false);
        a = sentence[a..near].find(' ').map_or(a, |i| a + i + 1);
    }
    if b < sentence.len() {
        let near = boundary(b.saturating_sub(edge).max(a), true);
        b = sentence[near..b].rfind(' ').map_or(b, |i| near + i);
    }
    format!(
        "{}{}{}",
        if a > 0 { "\u{2026}" } else { "" },
        &sentence[a..b],
        if b < sentence.len() { "\u{2026}" } else { "" }
    )
}

/// A figure group of at most this many mentions is split by subject; a larger one stays whole
/// (the split compares its mentions two by two).
pub const MAX_SPLIT: usize = 64;

/// At most this many of the words the sentences of a group share are named in its `why`.
const SHOWN_SHARED: usize = 5;

/// Bytes of a clause read on each side of a figure, at most: a sentence of many figures and no
/// punctuation costs each of them this much, not the whole sentence.
const CLAUSE_BYTES: usize = 240;

/// What the figure at `at..end` of `sentence` is said of: the content words
/// (`lang::is_content_word`) of its clause (between the punctuation marks around it, at most
/// `CLAUSE_BYTES` on each side), without the figure's own words ("the bus network costs",
/// "served the city for"), as (stem, the word as written) sorted by stem; and the clause's last
/// six words before the figure, to name it. With `whole`, the sentence across its punctuation
/// (as far on each side) and the figure's own words: a tally's own words ("9 votes to 4") say
/// what it counts, and "The vote was closer than expected: 8 in favour…" names it before a colon. A stem is compared
/// without a final "e", so that "bus" and "buses" (stemmed "buse") are one word.
fn subject(
    sentence: &str,
    at: usize,
    end: usize,
    whole: bool,
    analyzer: &Analyzer,
) -> (Vec<(String, String)>, String) {
    let (Some(before), Some(after)) = (sentence.get(..at), sentence.get(end..)) else {
        return (Vec::new(), String::new());
    };
    let marks = [',', ';', ':', '(', ')', '\u{2014}', '\u{2013}'];
    let mut from = at.saturating_sub(CLAUSE_BYTES);
    while !sentence.is_char_boundary(from) {
        from += 1;
    }
    let mut most = CLAUSE_BYTES.min(after.len());
    while !after.is_char_boundary(most) {
        most -= 1;
    }
    let (from, to) = if whole {
        (from, end + most)
    } else {
        // After the mark, whatever its length in bytes (a dash is three).
        let from = before[from..].rfind(marks).map_or(from, |i| {
            from + i + before[from + i..].chars().next().map_or(1, char::len_utf8)
        });
        (from, end + after[..most].find(marks).unwrap_or(most))
    };
    let own: Vec<String> = if whole {
        Vec::new()
    } else {
        analyzer
            .tokens(&sentence[at..end])
            .into_iter()
            .map(|t| t.stem)
            .collect()
    };
    let mut stems: Vec<(String, String)> = analyzer
        .tokens(&sentence[from..to])
        .into_iter()
        .filter(|t| crate::lang::is_content_word(&t.norm) && !own.contains(&t.stem))
        .map(|t| {
            let stem = match t.stem.strip_suffix('e') {
                Some(s) if s.len() >= 3 => s.to_owned(),
                _ => t.stem,
            };
            (stem, t.norm)
        })
        .collect();
    crate::sort::sort_by(&mut stems, |a, b| a.0.cmp(&b.0));
    stems.dedup_by(|a, b| a.0 == b.0);
    let words: Vec<&str> = sentence[from..at].split_whitespace().collect();
    let name = words[words.len().saturating_sub(6)..].join(" ");
    (stems, name)
}

/// What the mentions of a group have in common, in words, before what their sentences share;
/// a group found by reading the words around figures, dates and votes says it was found
/// automatically, one of the corpus's own claims says it comes from its list.
fn basis(g: &FactGroup) -> String {
    let root = g.key.split('~').next().unwrap_or_default();
    let label = g.label.split(" (").next().unwrap_or_default();
    let found = |what: &str| format!("Found automatically: {what}");
    match g.kind {
        _ if root == TALLY => found("votes for and against"),
        _ if root == WEEKDAY => found("days of the week"),
        FactKind::Figure => found(&format!("the same measure ({label})")),
        FactKind::Date if g.is_curated() => format!(
            "From the corpus's own list of claims: dates in sentences on {}",
            g.label.trim_start_matches("Date of:").trim()
        ),
        FactKind::Date => found("the same date"),
        FactKind::Claim => format!(
            "From the corpus's own list of claims: sentences on \u{201c}{}\u{201d}, each read for the position it takes",
            g.label
        ),
        FactKind::Statement => found("one sentence denies what the other says"),
    }
}

/// A group split into one part per value, in the order first stated: the first keeps the key,
/// each other is `KEY~vN` and names its value in its label.
fn by_value(g: FactGroup) -> Vec<FactGroup> {
    let mut parts: Vec<FactGroup> = Vec::new();
    let mut at: BTreeMap<String, usize> = BTreeMap::new();
    for m in g.mentions {
        crate::probe::step(1);
        let n = parts.len();
        let k = *at.entry(m.value.clone()).or_insert(n);
        if k == n {
            let (key, label) = if n == 0 {
                (g.key.clone(), g.label.clone())
            } else {
                (
                    format!("{}~v{}", g.key, n + 1),
                    format!("{} ({})", g.label, m.value),
                )
            };
            parts.push(FactGroup {
                kind: g.kind,
                key,
                label,
                agreement: Agreement::Single,
                values: Vec::new(),
                mentions: Vec::new(),
                why: String::new(),
            });
        }
        parts[k].mentions.push(m);
    }
    parts
}

/// Splits each figure group, and each group of days of the week or of tallies, whose mentions
/// are said of different things: two mentions stay
/// together when their clauses share at least two content stems (`subject`; one when a clause
/// has only two), or through a chain of such mentions. "Divided the city for six years" and
/// "would have served the city for fifty years" share only "city", so they are two facts, not a
/// dispute. A mention whose clause has no content word says nothing of what it is of: it stays
/// with the group's first part. The part holding the group's first mention keeps its key; each
/// other part is `KEY~N` and says what it is of in its label.
fn split_by_subject(
    groups: Vec<FactGroup>,
    corpus: &Corpus,
    analyzer: &Analyzer,
) -> Vec<FactGroup> {
    let passages: BTreeMap<(&str, &str), &crate::model::Passage> = corpus
        .documents
        .iter()
        .flat_map(|d| {
            d.passages
                .iter()
                .map(move |p| ((d.id.as_str(), p.id.as_str()), p))
        })
        .collect();
    let mut out = Vec::with_capacity(groups.len());
    for g in groups {
        let sources: BTreeSet<&str> = g.mentions.iter().map(|m| m.doc.as_str()).collect();
        let root_key = g.key.as_str();
        // One key holds every day of the week, and every tally, of the corpus: each group of
        // them is split, even of one source (its days are of several events), and one too large
        // to split is split by value, so that it shows no difference it cannot tell apart.
        let events = root_key == WEEKDAY || root_key == TALLY;
        if events && g.mentions.len() > MAX_SPLIT {
            out.extend(by_value(g));
            continue;
        }
        let splits = g.kind == FactKind::Figure || root_key == WEEKDAY;
        if !splits || sources.len() < 2 && !events || g.mentions.len() > MAX_SPLIT {
            out.push(g);
            continue;
        }
        let whole = root_key == TALLY;
        // Each mention's place in its sentence, from its passage's sentences.
        let (subjects, names): (Vec<Vec<(String, String)>>, Vec<String>) = g
            .mentions
            .iter()
            .map(|m| {
                let sentence = passages
                    .get(&(m.doc.as_str(), m.passage.as_str()))
                    .and_then(|p| {
                        // Sentences are in order and apart: the first that ends after the
                        // mention's start is its own, found by halving (a passage of thousands
                        // of sentences is not read once per mention).
                        let at = p.sentences.partition_point(|s| s.end <= m.start);
                        let s = p
                            .sentences
                            .get(at)
                            .filter(|s| s.start <= m.start && m.end <= s.end)?;
                        Some((s, p.text.get(s.start as usize..s.end as usize)?))
                    });
                match sentence {
                    Some((s, text)) => subject(
                        text,
                        (m.start - s.start) as usize,
                        (m.end - s.start) as usize,
                        whole,
                        analyzer,
                    ),
                    None => (Vec::new(), String::new()),
                }
            })
            .unzip();
        // Union-find over the mentions with a clause, two by two (at most MAX_SPLIT of them).
        let n = g.mentions.len();
        let mut parent: Vec<usize> = (0..n).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        for i in 0..n {
            for j in i + 1..n {
                crate::probe::step(1);
                let (a, b) = (&subjects[i], &subjects[j]);
                if a.is_empty() || b.is_empty() {
                    continue;
                }
                let shared = a
                    .iter()
                    .filter(|(s, _)| b.binary_search_by(|(t, _)| t.cmp(s)).is_ok())
                    .count();
                // A short clause (two words: "cutting tariffs on 90 percent of goods") needs only
                // one in common.
                if shared >= 2 || (shared == 1 && a.len().min(b.len()) <= 2) {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
        let first = (0..n).find(|&i| !subjects[i].is_empty()).unwrap_or(0);
        let first = root(&mut parent, first);
        let roots: Vec<usize> = (0..n)
            .map(|i| {
                if subjects[i].is_empty() {
                    first
                } else {
                    root(&mut parent, i)
                }
            })
            .collect();
        let mut order: Vec<usize> = Vec::new();
        for &r in &roots {
            if !order.contains(&r) {
                order.push(r);
            }
        }
        for (k, &r) in order.iter().enumerate() {
            let members: Vec<usize> = (0..n).filter(|&i| roots[i] == r).collect();
            // The words that put them together: those of at least two of their clauses.
            let mut seen: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
            for &i in &members {
                for (stem, word) in &subjects[i] {
                    seen.entry(stem.as_str()).or_insert((word.as_str(), 0)).1 += 1;
                }
            }
            // Those most shared first, then in the order of their stems.
            let mut common: Vec<(&str, usize)> =
                seen.into_values().filter(|(_, times)| *times > 1).collect();
            crate::sort::sort_by_key(&mut common, |(_, times)| std::cmp::Reverse(*times));
            let shared: Vec<String> = common
                .iter()
                .take(SHOWN_SHARED)
                .map(|(word, _)| format!("\u{201c}{word}\u{201d}"))
                .collect();
            let mentions: Vec<Mention> = members.iter().map(|&i| g.mentions[i].clone()).collect();
            let (key, label) = if k == 0 {
                (g.key.clone(), g.label.clone())
            } else {
                // What this part is said of: the words before its first figure.
                let label = match members
                    .iter()
                    .map(|&i| names[i].as_str())
                    .find(|n| !n.is_empty())
                {
                    Some(of) => format!("{} ({of})", g.label),
                    None => format!("{} (another)", g.label),
                };
                (format!("{}~{}", g.key, k + 1), label)
            };
            let mut part = FactGroup {
                kind: g.kind,
                key,
                label,
                agreement: Agreement::Single,
                values: Vec::new(),
                mentions,
                why: String::new(),
            };
            if !shared.is_empty() {
                part.why = format!(
                    "{}, and their sentences share the words {}.",
                    basis(&part),
                    crate::strings::and_list(&shared)
                );
            }
            out.push(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Dates as `facts` writes them (some partial), and a few values that are no date.
    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            (2020u32..2023, 1u32..4, 1u32..4).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
            (2020u32..2023, 1u32..4).prop_map(|(y, m)| format!("{y:04}-{m:02}")),
            (1u32..4, 1u32..4).prop_map(|(m, d)| format!("--{m:02}-{d:02}")),
            (2020u32..2023).prop_map(|y| format!("{y:04}")),
            prop_oneof![Just("90".to_owned()), Just("signed".to_owned())],
        ]
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(readable_date("2025-01-17"), "17 January 2025");
        assert_eq!(readable_date("--04-21"), "21 April");
        assert_eq!(readable_date("2015-09"), "September 2015");
        assert_eq!(readable_date("2001"), "2001");
        assert_eq!(readable_date("2015-13"), "2015-13");
        assert_eq!(readable_date("--00-01"), "--00-01");
    }

    proptest! {
        /// The one-pass check agrees with its definition: some pair is not `compatible`.
        #[test]
        fn any_conflict_is_some_incompatible_pair(
            values in proptest::collection::vec(value(), 0..6),
            date in any::<bool>(),
        ) {
            let kind = if date { FactKind::Date } else { FactKind::Figure };
            let pairwise = values.iter().enumerate().any(|(i, a)| {
                values[i + 1..].iter().any(|b| !compatible(kind, a, b))
            });
            prop_assert_eq!(any_conflict(kind, values.iter().map(String::as_str)), pairwise);
        }
    }

    /// The words of a text, checking that the span of each slices to the word.
    fn spans(text: &str) -> Vec<&str> {
        words(text)
            .iter()
            .map(|w| {
                assert_eq!(text.get(w.start..w.end), Some(w.text), "{text:?}");
                w.text
            })
            .collect()
    }

    #[test]
    fn percent_signs_never_split_a_word_wrongly() {
        // Each of these used to slice past the end of its piece: the start skipped '%', the word
        // kept it.
        assert_eq!(spans("90 %"), ["90", "%"]);
        assert_eq!(spans("(%)"), ["%"]);
        assert_eq!(spans("%20"), ["%20"]);
        assert_eq!(spans("%"), ["%"]);
        assert_eq!(spans("—%5,"), ["%5"]);
        assert_eq!(spans("«%»"), ["%"]);
        assert_eq!(spans("up 90%, then (12%)."), ["up", "90%", "then", "12%"]);
        // Punctuation, multi-byte or not, around words.
        assert_eq!(
            spans("«İstanbul» \u{212a}, e\u{301}"),
            ["İstanbul", "\u{212a}", "e"]
        );
        assert_eq!(spans("-- ... — ٪"), Vec::<&str>::new());
        let ws = words("goods, (%) and");
        assert!(ws[0].then_punct && ws[1].then_punct && !ws[2].then_punct);
        assert!(words("[4]")[0].bracketed);
    }

    #[test]
    fn percent_words_are_figures_only_with_digits() {
        let at = |text: &str| number_at(&words(text), 0);
        assert_eq!(at("90% of goods"), Some((1, "90".into())));
        assert_eq!(at("90 % of goods"), Some((1, "90".into())));
        assert_eq!(at("% of goods"), None);
        assert_eq!(at("%20 of goods"), None);
        assert_eq!(at("(%)"), None);
    }

    #[test]
    fn figures_are_exact_decimals() {
        let at = |text: &str| number_at(&words(text), 0);
        let value = |text: &str| at(text).map(|(_, v)| v);
        assert_eq!(value("1.7 billion").as_deref(), Some("1700000000"));
        assert_eq!(value("2.75 million").as_deref(), Some("2750000"));
        assert_eq!(value("0.0001 thousand").as_deref(), Some("0.1"));
        assert_eq!(value("$4.5bn").as_deref(), Some("4.5"));
        assert_eq!(value("090.50").as_deref(), Some("90.5"));
        assert_eq!(value("2.0").as_deref(), Some("2"));
        assert_eq!(value("5.").as_deref(), Some("5"));
        assert_eq!(value("half a million").as_deref(), Some("0.5"));
        assert_eq!(at("half million"), Some((2, "500000".into())));
        assert_eq!(at("five Thousand troops"), Some((2, "5000".into())));
        assert_eq!(value("1,200").as_deref(), Some("1200"));
        assert_eq!(value("1.2.3"), None);
        // Longer than any float holds exactly.
        assert_eq!(
            value("123456789012345678901234567890 trillion").as_deref(),
            Some("123456789012345678901234567890000000000000")
        );
    }

    #[test]
    fn dates_are_read_with_what_they_state() {
        let at = |text: &str| date_at(&words(text), 0).map(|(_, v)| v);
        assert_eq!(at("January 17, 2025").as_deref(), Some("2025-01-17"));
        assert_eq!(at("17 janvier 2025").as_deref(), Some("2025-01-17"));
        assert_eq!(at("April 21").as_deref(), Some("--04-21"));
        assert_eq!(at("September 2015").as_deref(), Some("2015-09"));
        assert_eq!(at("2001").as_deref(), Some("2001"));
        assert_eq!(at("May"), None);
    }

    #[test]
    fn date_values_split_into_their_components() {
        assert_eq!(
            date_parts("2025-01-17"),
            Some([Some(2025), Some(1), Some(17)])
        );
        assert_eq!(date_parts("--04-21"), Some([None, Some(4), Some(21)]));
        assert_eq!(date_parts("2025-01"), Some([Some(2025), Some(1), None]));
        assert_eq!(date_parts("2001"), Some([Some(2001), None, None]));
        for bad in ["", "--", "x", "2025-x", "2025-01-17-3", "--04-21-1"] {
            assert_eq!(date_parts(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn partial_dates_fit_fuller_ones() {
        let date = |a, b| compatible(FactKind::Date, a, b);
        // A partial date agrees with a fuller one when every component it states matches.
        assert!(date("2025-01", "2025-01-17"));
        assert!(date("2001", "2001-03-12"));
        assert!(date("--01-17", "2025-01-17"));
        assert!(date("--04-21", "2025"));
        // A component stated by both and not the same is a conflict.
        assert!(!date("2025-01-17", "2025-01-15"));
        assert!(!date("--04-21", "2025-01-17"));
        assert!(!date("2025-02", "2025-01-17"));
        assert!(!date("2024", "2025-01"));
        // Figures and stances are compared as they are.
        assert!(compatible(FactKind::Figure, "90", "90"));
        assert!(!compatible(FactKind::Figure, "2001", "2001-03-12"));
        assert!(!compatible(FactKind::Claim, "signed", "pending"));
    }

    fn mention(doc: &str, value: &str) -> Mention {
        Mention {
            doc: doc.into(),
            passage: "p1".into(),
            start: 0,
            end: 0,
            text: String::new(),
            value: value.into(),
            sentence: Arc::from(""),
        }
    }

    fn agreement(kind: FactKind, mentions: &[(&str, &str)]) -> Agreement {
        let mut g = FactGroup {
            kind,
            key: String::new(),
            label: String::new(),
            agreement: Agreement::Single,
            values: Vec::new(),
            mentions: mentions.iter().map(|(d, v)| mention(d, v)).collect(),
            why: String::new(),
        };
        g.summarize();
        g.agreement
    }

    #[test]
    fn agreement_of_dates_compares_components() {
        use Agreement::*;
        let date = |m: &[(&str, &str)]| agreement(FactKind::Date, m);
        assert_eq!(date(&[("a", "2025-01"), ("b", "2025-01-17")]), Agree);
        assert_eq!(date(&[("a", "2001"), ("b", "2001-03-12")]), Agree);
        assert_eq!(date(&[("a", "2025-01-17"), ("b", "2025-01-15")]), Differ);
        // Each fits "January 2025", but not each other.
        assert_eq!(
            date(&[("a", "2025-01-17"), ("b", "2025-01"), ("c", "2025-01-15")]),
            Differ
        );
        assert_eq!(date(&[("a", "2025-01"), ("a", "2025-01-17")]), Single);
        assert_eq!(date(&[("a", "2025-01"), ("a", "2025-02")]), Differ);
        assert_eq!(
            agreement(FactKind::Claim, &[("a", "signed"), ("b", "pending")]),
            Differ
        );
    }
}
