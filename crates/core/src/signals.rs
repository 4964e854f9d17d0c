//! Article quality signals, each with the spans that raise it: keyword stuffing, traces of
//! machine generation, a fabricated author profile, promotion of other articles, a missing byline
//! or date, and the reading level. Signals are evidence for a reader to weigh, never verdicts.
//!
//! Every signal points at the words that raise it, except the two absences: a missing byline
//! (with no "About the Author" box either) and a missing date have no words to point at, and
//! carry no evidence on purpose. The reading level points at the sentences that weigh most on it.

use crate::model::{Corpus, Document, Passage, RemovalKind};
use crate::text::{words, Analyzer, Token, Word};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

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
    /// The spans that raise the signal. Empty only where there are no words to point at: the
    /// absences (`MissingByline` when no "About the Author" box names anyone either, and
    /// `MissingDate`), and the `ReadingLevel` of a document without a sentence.
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

/// Phrases that betray generated text, in English, French, German and Indonesian: talk of the
/// material or prompt the text was made from, a model speaking of itself or of its cut-off,
/// interface text left in, a reported event taken for fiction. Matched word by word on folded
/// words (case, accents, apostrophes), whole words only. Kinds of wording, not strings of one
/// page; none is ordinary in journalism, so "the data" or "according to the data" are not here.
pub const MACHINE_PHRASES: &[&str] = &[
    "the provided data",
    "the provided text",
    "the provided information",
    "the provided context",
    "the provided sources",
    "the given data",
    "the given text",
    "the given prompt",
    "the provided prompt",
    "the prompt asks",
    "les données fournies",
    "die bereitgestellten Daten",
    "data yang diberikan",
    "as an AI language model",
    "as an AI assistant",
    "I cannot browse",
    "I am unable to browse",
    "my training data",
    "knowledge cutoff",
    "knowledge cut-off",
    "as of my last update",
    "as of my last knowledge update",
    "en tant qu'IA",
    "en tant que modèle de langage",
    "als KI-Sprachmodell",
    "sebagai model bahasa",
    "regenerate response",
    "hypothetical future event",
];

/// Markers of a prompt or template left in the text, matched on characters (ASCII case
/// ignored): a placeholder to fill ("[Insert name]") and a prompt's label ("Prompt: …").
pub const MACHINE_MARKERS: &[&str] = &["[insert", "prompt:"];

/// Labels of generated text's raw material: a quoted stretch of at most `LABEL_MAX_WORDS` words
/// that names one ("the \"Dataset\"", "\"russia iran pdf\"") is a label used as a source.
pub const SOURCE_LABELS: &[&str] = &[
    "dataset",
    "datasets",
    "data set",
    "data sets",
    "jeu de données",
    "Datensatz",
    "kumpulan data",
    "prompt",
    "keyword",
    "keywords",
    "pdf",
];

/// Most words in a quoted label.
pub const LABEL_MAX_WORDS: usize = 5;

/// "Data" in English and Indonesian, French, German. A quoted label of at most
/// `DATA_LABEL_MAX_WORDS` words with one of these ("the \"Data Kalimat\"", "les \"Données\"")
/// is data used as a source only when the text cites it like one (`CITED_AFTER`, `CITED_BEFORE`):
/// quoted names such as a "Data Protection Act" are ordinary.
pub const DATA_WORDS: &[&str] = &["data", "données", "Daten"];

/// Most words in a quoted label naming data.
pub const DATA_LABEL_MAX_WORDS: usize = 3;

/// Verbs of saying that cite a quoted label as a source when they follow it, at once or after
/// an adverb in -ly: "the \"Input Data\" states", "the \"Input Data\" explicitly states".
pub const CITED_AFTER: &[&str] = &[
    "states",
    "stated",
    "says",
    "said",
    "mentions",
    "mentioned",
    "notes",
    "noted",
    "asks",
    "asked",
    "implies",
    "implied",
    "suggests",
    "suggested",
    "shows",
    "showed",
    "indicates",
    "indicated",
    "explains",
    "highlights",
    "describes",
    "reports",
    "claims",
    "confirms",
    "indique",
    "mentionne",
    "affirme",
    "précise",
    "souligne",
    "montre",
    "déclare",
    "besagt",
    "zeigt",
    "nennt",
    "erwähnt",
    "erklärt",
    "sagt",
    "menyatakan",
    "menyebutkan",
    "mengatakan",
    "menunjukkan",
    "menjelaskan",
];

/// Words just before a quoted label (an article between them allowed) that cite it as a source.
pub const CITED_BEFORE: &[&str] = &[
    "according to",
    "selon",
    "d'après",
    "laut",
    "gemäß",
    "menurut",
    "berdasarkan",
];

/// Articles allowed between `CITED_BEFORE` and the quote.
const ARTICLES: &[&str] = &["the", "le", "la", "les", "der", "die", "das", "dem", "den"];

/// Sentences shown as the evidence of the reading level: those with the most syllables.
pub const READING_EVIDENCE: usize = 3;

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
    let cues = Cues::new();
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
    // The whole corpus's counts, so that the rest of it is the whole less the document: one
    // lookup a phrase, not one per other document (which made the cost grow with the square of
    // the documents).
    let mut all_bags: HashMap<&str, usize> = HashMap::new();
    for b in &bags {
        for (key, n) in b {
            *all_bags.entry(key.as_str()).or_default() += n;
        }
    }
    let all_words: usize = words.iter().sum();
    corpus
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let others = |phrase: &str| -> (usize, usize) {
                let key = bag(phrase);
                let mine = bags[i].get(&key).copied().unwrap_or(0);
                let all = all_bags.get(key.as_str()).copied().unwrap_or(0);
                (all - mine, all_words - words[i])
            };
            let mut signals = stuffing(d, &phrases[i], words[i], others);
            signals.extend(document_signals(d, words[i], &cues));
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
    crate::sort::sort(&mut words);
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
            // The rest of the corpus only for phrases repeated enough to count.
            occ.len() >= STUFFING_MIN_REPEATS
                && per_1000(occ.len(), words) >= STUFFING_MIN_PER_1000
                && {
                    let (n, w) = others(phrase);
                    per_1000(occ.len(), words) >= STUFFING_RATIO * per_1000(n + 1, w)
                }
        })
        .collect();
    // Longest, then most repeated first; a phrase inside one already chosen is the same stuffing.
    crate::sort::sort_by(&mut found, |a, b| {
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
                "The phrase \"{phrase}\" is repeated {} times ({:.1} times per 1,000 words), far more often than in the other sources: a way to rank higher in search engines",
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

/// The folded word sequences of the cue lists, made once per run.
struct Cues {
    phrases: Vec<Vec<String>>,
    labels: Vec<Vec<String>>,
    data: Vec<String>,
    after: Vec<String>,
    before: Vec<Vec<String>>,
    articles: Vec<String>,
}

impl Cues {
    fn new() -> Cues {
        let fold = |s: &&str| -> Vec<String> { words(s).into_iter().map(|w| w.norm).collect() };
        let one = |s: &&str| fold(s).concat();
        Cues {
            phrases: MACHINE_PHRASES.iter().map(fold).collect(),
            labels: SOURCE_LABELS.iter().map(fold).collect(),
            data: DATA_WORDS.iter().map(one).collect(),
            after: CITED_AFTER.iter().map(one).collect(),
            before: CITED_BEFORE.iter().map(fold).collect(),
            articles: ARTICLES.iter().map(one).collect(),
        }
    }
}

/// Whether `phrase` occurs in `ws` as whole words, and where: the index of each first word.
fn occurrences<'a>(ws: &'a [Word], phrase: &'a [String]) -> impl Iterator<Item = usize> + 'a {
    ws.windows(phrase.len().max(1))
        .enumerate()
        .filter(move |(_, w)| !phrase.is_empty() && w.iter().zip(phrase).all(|(a, b)| a.norm == *b))
        .map(|(i, _)| i)
}

/// Traces of machine generation in one passage, but for citation markers: cue phrases, prompt
/// markers, and quoted labels of data, prompts or files cited as sources.
fn machine_traces(p: &Passage, cues: &Cues) -> Vec<SignalEvidence> {
    let mut out = Vec::new();
    let ws = words(&p.text);
    for phrase in &cues.phrases {
        for i in occurrences(&ws, phrase) {
            let last = &ws[i + phrase.len() - 1];
            out.push(ev(&p.id, &p.text, ws[i].start, last.end));
        }
    }
    // ASCII lowercasing keeps every byte offset, so matches slice the original safely.
    let lower = p.text.to_ascii_lowercase();
    for marker in MACHINE_MARKERS {
        for (at, m) in lower.match_indices(marker) {
            let word_before = lower[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            if !word_before {
                out.push(ev(&p.id, &p.text, at as u32, (at + m.len()) as u32));
            }
        }
    }
    for (s, e, _) in quoted(&p.text) {
        // The words inside the quotes, and the passage's words before and after them.
        let inside = ws.partition_point(|w| (w.start as usize) < s)
            ..ws.partition_point(|w| (w.end as usize) <= e);
        let label = &ws[inside.clone()];
        let is = |phrase: &Vec<String>| occurrences(label, phrase).next().is_some();
        let strong = label.len() <= LABEL_MAX_WORDS && cues.labels.iter().any(is);
        let data = label.len() <= DATA_LABEL_MAX_WORDS
            && label.iter().any(|w| cues.data.contains(&w.norm));
        if strong || (data && cited(p, &ws, inside, e, cues)) {
            out.push(ev(&p.id, &p.text, s as u32, e as u32));
        }
    }
    out
}

/// Whether the text cites the quoted label (its words `inside`, its closing quote ending at byte
/// `end`) as a source: a verb of saying right after it in its sentence (an adverb in -ly between
/// them allowed), or "according to" (and its like) just before it.
fn cited(p: &Passage, ws: &[Word], inside: Range<usize>, end: usize, cues: &Cues) -> bool {
    let sentence_end = p.text[end..]
        .find(['.', '!', '?'])
        .map_or(p.text.len(), |i| end + i);
    let next: Vec<&Word> = ws[inside.end..]
        .iter()
        .take(2)
        .take_while(|w| (w.end as usize) <= sentence_end)
        .collect();
    let verb = |w: &&Word| cues.after.contains(&w.norm);
    let says = match next.as_slice() {
        [first, ..] if verb(first) => true,
        [adverb, second] => adverb.norm.ends_with("ly") && verb(second),
        _ => false,
    };
    let mut before = &ws[..inside.start];
    if before
        .last()
        .is_some_and(|w| cues.articles.contains(&w.norm))
    {
        before = &before[..before.len() - 1];
    }
    let according = cues.before.iter().any(|phrase| {
        before.len() >= phrase.len()
            && before[before.len() - phrase.len()..]
                .iter()
                .zip(phrase)
                .all(|(a, b)| a.norm == *b)
    });
    says || according
}

/// The signals that need only the document itself.
fn document_signals(d: &Document, words: usize, cues: &Cues) -> Vec<Signal> {
    let mut out = Vec::new();

    // Machine generation: talk of the material the text was made from, quoted data-set, prompt
    // or file labels used as a source, and bare citation markers like "[4] [5]" with no
    // references.
    let mut machine = Vec::new();
    for p in &d.passages {
        let mut found = machine_traces(p, cues);
        let bytes = p.text.as_bytes();
        let mut i = 0;
        while let Some(open) = p.text[i..].find('[').map(|o| o + i) {
            // A marker is at most "[999]": its `]` is among the four bytes after the `[`, and
            // looking no further keeps a passage of unclosed `[` from being scanned to its end
            // once per `[`.
            let window = &bytes[open + 1..(open + 5).min(bytes.len())];
            crate::probe::step(window.len());
            let close = window.iter().position(|&b| b == b']').map(|c| open + 1 + c);
            match close {
                Some(c)
                    if c > open + 1
                        && c - open <= 4
                        && bytes[open + 1..c].iter().all(u8::is_ascii_digit) =>
                {
                    found.push(ev(&p.id, &p.text, open as u32, c as u32 + 1));
                    i = c + 1;
                }
                _ => i = open + 1,
            }
        }
        // In reading order; of overlapping spans the first, and the longest of those that start
        // together.
        crate::sort::sort_by_key(&mut found, |e| (e.start, std::cmp::Reverse(e.end)));
        found.dedup_by(|later, kept| later.start < kept.end);
        machine.extend(found);
    }
    if !machine.is_empty() {
        out.push(Signal {
            kind: SignalKind::MachineGeneration,
            label: "Signs that a computer program (an AI) wrote the text: it talks about the data or instructions it was made from, the program speaks of itself, it cites names of files, data or keyword lists as sources, or it has reference numbers with no references".into(),
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
            label: "The author profile has a user name, email, birthday, address and phone number, and a biography of filler text (lorem ipsum): a fabricated profile, made up".into(),
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
            label: "Adverts for other articles and pages".into(),
            evidence: promo,
        });
    }
    if d.byline.is_none() {
        out.push(Signal {
            kind: SignalKind::MissingByline,
            label: "No author: the page does not say who wrote it".into(),
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
                "No author line: only an \"About the Author\" box claims {}",
                b.name
            ),
            evidence: removed(&[RemovalKind::AboutAuthor]),
        });
    }
    if d.date.is_none() {
        out.push(Signal {
            kind: SignalKind::MissingDate,
            label: "No date: the page does not say when it was published".into(),
            evidence: vec![],
        });
    }
    let (grade, sentences) = reading_grade(d);
    let heaviest = heaviest_sentences(d);
    let shown = match heaviest.len() {
        0 => String::new(),
        1 => " (evidence: the sentence with the most syllables)".to_owned(),
        n => format!(" (evidence: the {n} sentences with the most syllables)"),
    };
    out.push(Signal {
        kind: SignalKind::ReadingLevel,
        label: format!(
            "Reading level: {} (school-grade score {grade:.1}, where 12 is the last year of secondary school; {sentences} sentences, {words} words){shown}",
            reading_words(grade)
        ),
        evidence: heaviest,
    });
    out
}

/// Words and syllables of a text, counted as `reading_grade` counts them.
fn load(text: &str) -> (usize, usize) {
    let mut words = 0;
    let mut syllables = 0;
    for w in text.split_whitespace() {
        let w: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        if !w.is_empty() {
            words += 1;
            syllables += count_syllables(&w);
        }
    }
    (words, syllables)
}

/// The `READING_EVIDENCE` sentences that weigh most on the reading level, most syllables
/// first (ties in reading order): the long sentences of long words that both terms of the
/// Flesch–Kincaid grade count against the reader.
fn heaviest_sentences(d: &Document) -> Vec<SignalEvidence> {
    let mut all: Vec<(usize, &Passage, u32, u32)> = d
        .passages
        .iter()
        .flat_map(|p| {
            p.sentences
                .iter()
                .map(move |s| (load(p.sentence_text(s)).1, p, s.start, s.end))
        })
        .filter(|s| s.0 > 0)
        .collect();
    // Stable: equal loads stay in reading order.
    crate::sort::sort_by_key(&mut all, |s| std::cmp::Reverse(s.0));
    all.into_iter()
        .take(READING_EVIDENCE)
        .map(|(_, p, start, end)| ev(&p.id, &p.text, start, end))
        .collect()
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

/// How hard a text of this grade is to read, in words a secondary-school student uses.
fn reading_words(grade: f32) -> &'static str {
    match grade {
        g if g < 7.0 => "easy",
        g if g < 10.0 => "fairly easy",
        g if g < 13.0 => "average, like a newspaper",
        g if g < 16.0 => "hard, like a university text",
        _ => "very hard, like a specialist text",
    }
}

/// Flesch–Kincaid grade level of the document's passages, and its sentence count.
pub fn reading_grade(d: &Document) -> (f32, usize) {
    let mut sentences = 0usize;
    let mut words = 0usize;
    let mut syllables = 0usize;
    for p in &d.passages {
        sentences += p.sentences.len();
        let (w, s) = load(&p.text);
        words += w;
        syllables += s;
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
