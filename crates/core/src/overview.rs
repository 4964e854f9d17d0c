//! The story overview: which sources share wording, where their figures, dates and claims
//! disagree, how each source frames the story (its stances, the themes it stresses or leaves
//! out, its most distinctive words, its judging and hedging words, whom it quotes, its genre) and
//! what cleaning removed from each page. Every number comes with the spans behind it; nothing
//! here is a verdict or an opaque score.

use std::collections::{BTreeMap, HashMap};

use crate::analysis::Analysis;
use crate::facts::{any_conflict, readable_date, Agreement, FactGroup, FactKind};
use crate::model::{Claim, Corpus, Document, RemovalKind};
use crate::reuse::{ReusePair, Span};
use crate::text::{words, Analyzer};
use serde::Serialize;

/// Two sources that share wording, with every shared span (`a` is the earlier in corpus order).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CopyPair {
    pub a: String,
    pub b: String,
    /// Each a distinct stretch of shared wording, `a`'s side first; longest first.
    pub spans: Vec<ReusePair>,
    /// Words in all the shared spans (each counted on its shorter side).
    pub words: usize,
    /// The source published first when both pages give a date and they differ; the reader is
    /// told that the other may have copied it. `None` when the dates cannot tell.
    pub published_first: Option<String>,
}

/// What one source states for one fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactCell {
    pub doc: String,
    /// The distinct values it states, each with how it reads and how many times it is stated.
    pub values: Vec<CellValue>,
    /// Two of its own values cannot both be true.
    pub contradicts_itself: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellValue {
    pub value: String,
    /// As a reader reads it: a stance's label, a date in words, a figure as printed.
    pub label: String,
    pub times: usize,
    /// The mentions that state it: indexes into the row's `group.mentions`, in order.
    #[serde(skip)]
    pub mentions: Vec<usize>,
}

/// One figure, date or claim across every source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactRow {
    /// What it is about, in words ("Status of the Iran–Russia treaty", "percent of goods").
    pub topic: String,
    pub group: FactGroup,
    /// One cell per source of the corpus, in corpus order (empty `values`: not stated).
    pub cells: Vec<FactCell>,
    /// How many sources state it.
    pub sources: usize,
}

/// A theme one source gives clearly more or less room than the others together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeWeight {
    pub theme: String,
    pub label: String,
    /// Passages of this source on the theme, of `total`.
    pub count: usize,
    pub total: usize,
    /// Passages of all other sources on the theme, of `others_total`.
    pub others_count: usize,
    pub others_total: usize,
}

impl ThemeWeight {
    /// Share of this source's passages, in whole percent.
    pub fn percent(&self) -> usize {
        percent(self.count, self.total)
    }

    /// Share of the other sources' passages, in whole percent.
    pub fn others_percent(&self) -> usize {
        percent(self.others_count, self.others_total)
    }
}

/// `n` of `of` in whole percent, rounded half up; 0 of nothing is 0.
fn percent(n: usize, of: usize) -> usize {
    (n * 100 + of / 2).checked_div(of).unwrap_or(0)
}

/// A word used far more in one source than in the rest of the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyWord {
    /// The form this source uses most, as it spells it: in lower case unless always capitalised
    /// ("sanctions", "Bündnis", "Lavrov").
    pub word: String,
    /// Times in this source, and per 1,000 of its words.
    pub count: usize,
    pub per_1000: f32,
    /// Times in all other sources together, and per 1,000 of their words.
    pub others_count: usize,
    pub others_per_1000: f32,
    /// Log-likelihood (G²) of the difference: above 6.63 it is unlikely to be chance (p < 0.01).
    pub score: f32,
    /// Passages it occurs in, with how often.
    pub passages: Vec<(String, usize)>,
}

/// Words of one kind in one source (judging words, or hedges), with where they are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordUse {
    pub count: usize,
    pub per_1000: f32,
    pub spans: Vec<Span>,
}

/// Someone a source quotes or cites, by name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Voice {
    pub name: String,
    /// The sentences that quote or cite them.
    pub spans: Vec<Span>,
}

/// A source's stance on a claim the sources disagree on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StanceOn {
    pub claim: String,
    pub label: String,
    /// Stance labels; empty when the source does not speak to it.
    pub stances: Vec<String>,
}

/// How one source frames the story, from evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    pub doc: String,
    /// The kind of text as its corpus lists it ("opinion", "explainer"), when known.
    pub genre: Option<String>,
    pub words: usize,
    pub passages: usize,
    /// Too short for its shares of themes to mean much (under `SHORT_PASSAGES` passages).
    pub short: bool,
    pub stances: Vec<StanceOn>,
    pub stresses: Vec<ThemeWeight>,
    pub leaves_out: Vec<ThemeWeight>,
    pub key_words: Vec<KeyWord>,
    pub judging: WordUse,
    pub hedging: WordUse,
    pub voices: Vec<Voice>,
}

/// What cleaning took out of one page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cleaning {
    pub doc: String,
    /// Blocks of page furniture (bylines and date lines, moved to the header, are not counted).
    pub blocks: usize,
    pub words: usize,
    /// Kinds of furniture with their counts, in the order they first appear on the page.
    pub kinds: Vec<(RemovalKind, usize)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overview {
    /// Pairs of sources that share wording, most shared words first.
    pub copies: Vec<CopyPair>,
    /// Pairs of sources in all.
    pub pairs: usize,
    /// Facts stated by two or more sources, or contradicted within one: differences first.
    pub disputes: Vec<FactRow>,
    /// Facts stated by one source only (nothing to check them against).
    pub single: Vec<FactRow>,
    pub profiles: Vec<Profile>,
    pub cleaning: Vec<Cleaning>,
}

/// A source with fewer passages than this gets a caution on its theme shares: one passage moves
/// its share of a theme by more than ten points.
pub const SHORT_PASSAGES: usize = 10;
/// A theme is stressed when its share in the source is at least this many points above its
/// share in the others, with at least two passages…
pub const STRESS_POINTS: usize = 15;
/// …and left out when the source has no passage on it while the others give it this share.
pub const LEFT_OUT_PERCENT: usize = 20;
/// Log-likelihood above which a word's excess in a source is unlikely to be chance (p < 0.01).
pub const KEYNESS_MIN: f32 = 6.63;
/// A distinctive word occurs at least this often in its source.
pub const KEYNESS_MIN_COUNT: usize = 3;
/// Distinctive words shown per source.
pub const KEY_WORDS: usize = 8;

/// Words that judge or dramatise rather than report: matched whole, on folded words.
pub const JUDGING: &[&str] = &[
    "crucial",
    "critical",
    "vital",
    "pivotal",
    "paramount",
    "unprecedented",
    "dramatic",
    "dramatically",
    "alarming",
    "aggressive",
    "dangerous",
    "remarkable",
    "historic",
    "profound",
    "formidable",
    "bold",
    "undeniable",
    "undeniably",
    "clearly",
    "obviously",
    "undoubtedly",
    "certainly",
    "hegemony",
    "hegemonic",
    "imperialist",
    "brutal",
    "reckless",
    "destabilizing",
    "destabilising",
    "menacing",
    "sinister",
    "staggering",
    "seismic",
    "illegitimate",
    "heroic",
    "triumph",
    "humiliation",
    "bullying",
    "arrogant",
    "hypocrisy",
    "hypocritical",
    "powerful",
    "robust",
    "momentous",
    "devastating",
    "disastrous",
    "shocking",
    "outrageous",
    "audacious",
    "defiance",
    "defiant",
    "resolute",
    "unwavering",
    "ironclad",
    "game-changer",
];

/// Words and phrases that hedge: they mark a statement as uncertain or second-hand.
pub const HEDGING: &[&str] = &[
    "may",
    "might",
    "could",
    "perhaps",
    "possibly",
    "likely",
    "unlikely",
    "probably",
    "appears",
    "appear",
    "seems",
    "seem",
    "suggests",
    "suggest",
    "reportedly",
    "allegedly",
    "apparently",
    "potentially",
    "arguably",
    "presumably",
    "uncertain",
    "unclear",
    "it is possible",
    "to some extent",
    "some analysts",
    "some experts",
    "is said to",
    "are said to",
];

/// Verbs of saying: a name right before or after one is quoted.
const SAYING: &[&str] = &[
    "said",
    "says",
    "stated",
    "told",
    "warned",
    "warns",
    "noted",
    "argued",
    "argues",
    "claimed",
    "declared",
    "explained",
    "emphasized",
    "emphasised",
    "stressed",
    "announced",
    "wrote",
    "writes",
    "reported",
    "insisted",
    "added",
];

/// Words of a name at most ("Russian Foreign Minister Sergei Lavrov").
const MAX_NAME_WORDS: usize = 5;

/// Capitalised words that are not names: a sentence's first word is often one of these.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "as",
    "in",
    "on",
    "but",
    "and",
    "or",
    "if",
    "when",
    "while",
    "some",
    "many",
    "most",
    "one",
    "his",
    "her",
    "their",
    "its",
    "our",
    "such",
    "both",
    "however",
    "moreover",
    "meanwhile",
    "also",
    "officials",
    "analysts",
    "experts",
    "critics",
    "observers",
];

/// The overview of a whole corpus.
pub fn overview(
    corpus: &Corpus,
    analysis: &Analysis,
    reuse: &[ReusePair],
    facts: &[FactGroup],
) -> Overview {
    let n = corpus.documents.len();
    let (disputes, single) = fact_rows(corpus, facts);
    let profiles = profiles(corpus, analysis, &disputes);
    Overview {
        copies: copies(corpus, reuse),
        pairs: n * n.saturating_sub(1) / 2,
        disputes,
        single,
        profiles,
        cleaning: corpus.documents.iter().map(cleaning).collect(),
    }
}

/// Position of each document id, for ordering by corpus order without a search per lookup.
fn positions(corpus: &Corpus) -> HashMap<&str, usize> {
    corpus
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect()
}

fn copies(corpus: &Corpus, reuse: &[ReusePair]) -> Vec<CopyPair> {
    let at = positions(corpus);
    let mut pairs: BTreeMap<(usize, usize), Vec<ReusePair>> = BTreeMap::new();
    for r in reuse {
        let (Some(&i), Some(&j)) = (at.get(r.a.doc.as_str()), at.get(r.b.doc.as_str())) else {
            continue;
        };
        if i == j {
            continue;
        }
        let r = if i < j {
            r.clone()
        } else {
            ReusePair {
                a: r.b.clone(),
                b: r.a.clone(),
                ..r.clone()
            }
        };
        pairs.entry((i.min(j), i.max(j))).or_default().push(r);
    }
    let mut out: Vec<CopyPair> = pairs
        .into_iter()
        .map(|((i, j), mut spans)| {
            crate::sort::sort_by_key(&mut spans, |s| std::cmp::Reverse(s.words));
            let (a, b) = (&corpus.documents[i], &corpus.documents[j]);
            let published_first = match (&a.date, &b.date) {
                (Some(x), Some(y)) if x.iso != y.iso => Some(if x.iso < y.iso {
                    a.id.clone()
                } else {
                    b.id.clone()
                }),
                _ => None,
            };
            CopyPair {
                a: a.id.clone(),
                b: b.id.clone(),
                words: spans.iter().map(|s| s.words).sum(),
                spans,
                published_first,
            }
        })
        .collect();
    crate::sort::sort_by_key(&mut out, |p| std::cmp::Reverse(p.words));
    out
}

/// The two sources that share the most wording, for a comparison that has something to show
/// (the first pair of the overview's `copies`, from the reuse list alone).
pub fn best_pair(corpus: &Corpus, reuse: &[ReusePair]) -> Option<(String, String)> {
    copies(corpus, reuse).into_iter().next().map(|p| (p.a, p.b))
}

/// What a fact is about, in words: a claim's question, a figure's counted thing, a date's event
/// (a date found without a known event reads as the date itself).
pub fn topic(g: &FactGroup) -> String {
    match g.kind {
        FactKind::Date => match g.key.strip_prefix("date:") {
            Some(v) if v.starts_with(|c: char| c.is_ascii_digit() || c == '-') => {
                format!("The date {}", readable_date(v))
            }
            _ => g.label.clone(),
        },
        FactKind::Figure => format!("Figure: {}", g.label),
        FactKind::Claim => g.label.clone(),
        FactKind::Statement => format!("Said and denied: {}", g.label),
    }
}

/// How a value of a group reads: a stance's label, a date in words, else `printed` (the figure
/// as the source prints it).
pub fn value_label(g: &FactGroup, value: &str, claims: &[Claim], printed: &str) -> String {
    match g.kind {
        FactKind::Claim => claims
            .iter()
            .find(|c| c.id == g.key)
            .and_then(|c| c.stances.iter().find(|s| s.id == value))
            .map_or_else(|| value.to_owned(), |s| s.label.clone()),
        FactKind::Date => readable_date(value),
        FactKind::Statement => value.to_owned(),
        FactKind::Figure => printed.to_owned(),
    }
}

fn fact_rows(corpus: &Corpus, facts: &[FactGroup]) -> (Vec<FactRow>, Vec<FactRow>) {
    let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    let mut disputes = Vec::new();
    let mut single = Vec::new();
    for g in facts {
        let cells: Vec<FactCell> = ids
            .iter()
            .zip(g.by_source(&ids))
            .map(|(doc, stated)| {
                let values: Vec<CellValue> = stated
                    .into_iter()
                    .map(|(value, mentions)| CellValue {
                        value: value.to_owned(),
                        label: value_label(g, value, &corpus.claims, &g.mentions[mentions[0]].text),
                        times: mentions.len(),
                        mentions,
                    })
                    .collect();
                FactCell {
                    doc: (*doc).to_owned(),
                    contradicts_itself: any_conflict(
                        g.kind,
                        values.iter().map(|v| v.value.as_str()),
                    ),
                    values,
                }
            })
            .collect();
        let sources = cells.iter().filter(|c| !c.values.is_empty()).count();
        let row = FactRow {
            topic: topic(g),
            group: g.clone(),
            cells,
            sources,
        };
        if sources > 1 || g.agreement == Agreement::Differ {
            disputes.push(row);
        } else {
            single.push(row);
        }
    }
    // Conflicts first, then agreements; claims before figures and dates; more sources first.
    crate::sort::sort_by_key(&mut disputes, |r| {
        (
            r.group.agreement != Agreement::Differ,
            r.group.kind != FactKind::Claim,
            std::cmp::Reverse(r.sources),
        )
    });
    (disputes, single)
}

fn profiles(corpus: &Corpus, analysis: &Analysis, disputes: &[FactRow]) -> Vec<Profile> {
    let matrix = analysis.theme_matrix(corpus);
    let themes = analysis.themes.themes();
    let analyzer = Analyzer::default();
    let key_words = key_words(corpus, &analyzer);
    corpus
        .documents
        .iter()
        .zip(key_words)
        .enumerate()
        .map(|(d, (doc, key_words))| {
            let total = matrix.totals.get(d).copied().unwrap_or(0);
            let others_total: usize = matrix.totals.iter().sum::<usize>() - total;
            let mut stresses = Vec::new();
            let mut leaves_out = Vec::new();
            for (t, theme) in themes.iter().enumerate() {
                let count = matrix.counts[t][d];
                let others_count: usize = matrix.counts[t].iter().sum::<usize>() - count;
                let w = ThemeWeight {
                    theme: theme.id.clone(),
                    label: theme.label.clone(),
                    count,
                    total,
                    others_count,
                    others_total,
                };
                if count >= 2 && w.percent() >= w.others_percent() + STRESS_POINTS {
                    stresses.push(w);
                } else if count == 0 && w.others_percent() >= LEFT_OUT_PERCENT {
                    leaves_out.push(w);
                }
            }
            crate::sort::sort_by_key(&mut stresses, |w| {
                std::cmp::Reverse(w.percent() - w.others_percent())
            });
            crate::sort::sort_by_key(&mut leaves_out, |w| std::cmp::Reverse(w.others_percent()));
            let stances = disputes
                .iter()
                .filter(|r| {
                    r.group.kind == FactKind::Claim && r.group.agreement == Agreement::Differ
                })
                .map(|r| StanceOn {
                    claim: r.group.key.clone(),
                    label: r.topic.clone(),
                    stances: r.cells[d].values.iter().map(|v| v.label.clone()).collect(),
                })
                .collect();
            let words = doc.word_count();
            Profile {
                doc: doc.id.clone(),
                genre: doc.kind.clone(),
                words,
                passages: doc.passages.len(),
                short: doc.passages.len() < SHORT_PASSAGES,
                stances,
                stresses,
                leaves_out,
                key_words,
                judging: word_use(doc, JUDGING, words),
                hedging: word_use(doc, HEDGING, words),
                voices: voices(doc),
            }
        })
        .collect()
}

/// Per 1,000 words, to one decimal place's worth of precision.
fn per_1000(n: usize, words: usize) -> f32 {
    if words == 0 {
        0.0
    } else {
        n as f32 * 1000.0 / words as f32
    }
}

/// Dunning's log-likelihood of `a` occurrences in `c` words against `b` in `d`.
pub fn log_likelihood(a: usize, b: usize, c: usize, d: usize) -> f32 {
    let (a, b, c, d) = (a as f64, b as f64, c as f64, d as f64);
    if c + d == 0.0 {
        return 0.0;
    }
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    let term = |o: f64, e: f64| {
        if o > 0.0 && e > 0.0 {
            o * (o / e).ln()
        } else {
            0.0
        }
    };
    (2.0 * (term(a, e1) + term(b, e2))) as f32
}

/// Each source's most distinctive words against the rest of the corpus, by stem.
fn key_words(corpus: &Corpus, analyzer: &Analyzer) -> Vec<Vec<KeyWord>> {
    // Per document: stem -> (count, forms with counts, passages with counts).
    // Forms are (folded, as first spelt, count, always capitalised).
    type Form = (String, String, usize, bool);
    type Stats = HashMap<String, (usize, Vec<Form>, Vec<(usize, usize)>)>;
    let mut stems: HashMap<String, String> = HashMap::new();
    let mut per_doc: Vec<Stats> = Vec::with_capacity(corpus.documents.len());
    let mut totals: Vec<usize> = Vec::with_capacity(corpus.documents.len());
    let mut all: HashMap<String, usize> = HashMap::new();
    for doc in &corpus.documents {
        let mut stats: Stats = HashMap::new();
        let mut total = 0;
        for (pi, p) in doc.passages.iter().enumerate() {
            for w in words(&p.text) {
                total += 1;
                if !crate::lang::is_content_word(&w.norm) {
                    continue;
                }
                let stem = stems
                    .entry(w.norm.clone())
                    .or_insert_with(|| analyzer.stem(&w.norm))
                    .clone();
                *all.entry(stem.clone()).or_default() += 1;
                let e = stats.entry(stem).or_default();
                e.0 += 1;
                let spelt = &p.text[w.start as usize..w.end as usize];
                let capital = spelt.starts_with(char::is_uppercase);
                match e.1.iter_mut().find(|f| f.0 == w.norm) {
                    Some(f) => {
                        f.2 += 1;
                        f.3 &= capital;
                    }
                    None => e.1.push((w.norm, spelt.to_owned(), 1, capital)),
                }
                match e.2.last_mut() {
                    Some((q, n)) if *q == pi => *n += 1,
                    _ => e.2.push((pi, 1)),
                }
            }
        }
        per_doc.push(stats);
        totals.push(total);
    }
    let grand: usize = totals.iter().sum();
    corpus
        .documents
        .iter()
        .zip(per_doc)
        .zip(&totals)
        .map(|((doc, stats), &c)| {
            let d = grand - c;
            let mut out: Vec<KeyWord> = stats
                .into_iter()
                .filter_map(|(stem, (a, forms, passages))| {
                    let b = all.get(&stem).copied().unwrap_or(0) - a;
                    // Only words used more here than elsewhere, and often enough to tell.
                    if a < KEYNESS_MIN_COUNT || (a * d) <= (b * c) {
                        return None;
                    }
                    let score = log_likelihood(a, b, c, d);
                    if score < KEYNESS_MIN {
                        return None;
                    }
                    let word = forms
                        .iter()
                        .fold(None::<&Form>, |best, f| match best {
                            Some(b) if b.2 >= f.2 => Some(b),
                            _ => Some(f),
                        })
                        // A name keeps its capital; a word capitalised only at the start of
                        // some sentences does not.
                        .map(|f| if f.3 { f.1.clone() } else { f.1.to_lowercase() })
                        .unwrap_or(stem);
                    Some(KeyWord {
                        word,
                        count: a,
                        per_1000: per_1000(a, c),
                        others_count: b,
                        others_per_1000: per_1000(b, d),
                        score,
                        passages: passages
                            .into_iter()
                            .map(|(pi, n)| (doc.passages[pi].id.clone(), n))
                            .collect(),
                    })
                })
                .collect();
            // Highest score first; the word breaks ties, so that the order never depends on
            // the hash map's.
            crate::sort::sort_by(&mut out, |x, y| {
                y.score
                    .total_cmp(&x.score)
                    .then_with(|| x.word.cmp(&y.word))
            });
            out.truncate(KEY_WORDS);
            out
        })
        .collect()
}

/// Where the words and phrases of `list` occur in a document, matched whole on folded words.
fn word_use(doc: &Document, list: &[&str], total_words: usize) -> WordUse {
    let phrases: Vec<Vec<&str>> = list.iter().map(|p| p.split(' ').collect()).collect();
    let longest = phrases.iter().map(Vec::len).max().unwrap_or(1);
    let mut spans = Vec::new();
    for p in &doc.passages {
        let ws = words(&p.text);
        let mut i = 0;
        while i < ws.len() {
            // The longest phrase that starts here; a phrase's words are never counted again.
            let found = (1..=longest.min(ws.len() - i)).rev().find(|&n| {
                phrases.iter().any(|ph| {
                    ph.len() == n && ph.iter().zip(&ws[i..i + n]).all(|(a, w)| *a == w.norm)
                })
            });
            match found {
                Some(n) => {
                    let (start, end) = (ws[i].start, ws[i + n - 1].end);
                    spans.push(Span {
                        doc: doc.id.clone(),
                        passage: p.id.clone(),
                        start,
                        end,
                        text: p.text[start as usize..end as usize].to_owned(),
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
    }
    WordUse {
        count: spans.len(),
        per_1000: per_1000(spans.len(), total_words),
        spans,
    }
}

/// People and bodies a document quotes or cites: a name (capitalised words) right before or
/// after a verb of saying ("Putin said", "said Lavrov"), or after "according to".
fn voices(doc: &Document) -> Vec<Voice> {
    let mut found: Vec<Voice> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for p in &doc.passages {
        for s in &p.sentences {
            let Some(sentence) = p.text.get(s.start as usize..s.end as usize) else {
                continue;
            };
            let ws = words(sentence);
            let capital = |k: usize| {
                ws.get(k).is_some_and(|w| {
                    sentence[w.start as usize..].starts_with(|c: char| c.is_uppercase())
                })
            };
            // The name of capitalised words ending at `end` (exclusive) or starting at `start`.
            let name = |from: usize, to: usize| -> Option<String> {
                if from >= to || NOT_NAMES.contains(&ws[from].norm.as_str()) {
                    return None;
                }
                Some(sentence[ws[from].start as usize..ws[to - 1].end as usize].to_owned())
            };
            // Word `k` follows word `k - 1` with nothing but spaces between (a name's words do).
            let joined = |k: usize| {
                sentence[ws[k - 1].end as usize..ws[k].start as usize]
                    .chars()
                    .all(char::is_whitespace)
            };
            let mut names: Vec<String> = Vec::new();
            for (i, w) in ws.iter().enumerate() {
                let before = |i: usize| {
                    let mut k = i;
                    while k > 0 && i - k < MAX_NAME_WORDS && capital(k - 1) && (k == i || joined(k))
                    {
                        k -= 1;
                    }
                    name(k, i)
                };
                let after = |i: usize| {
                    let mut k = i;
                    while k < ws.len()
                        && k - i < MAX_NAME_WORDS
                        && capital(k)
                        && (k == i || joined(k))
                    {
                        k += 1;
                    }
                    name(i, k)
                };
                if SAYING.contains(&w.norm.as_str()) {
                    let gap_before = i
                        .checked_sub(1)
                        .map(|k| &sentence[ws[k].end as usize..w.start as usize]);
                    if gap_before.is_some_and(|g| g.chars().all(char::is_whitespace)) {
                        // "Lavrov said": the name right before the verb.
                        names.extend(before(i));
                    } else if gap_before.is_some_and(|g| g.contains([',', '"', '”', '’'])) {
                        // "…,” said Lavrov": the verb after a quotation, the name after it.
                        names.extend(after(i + 1));
                    }
                } else if w.norm == "according" && ws.get(i + 1).is_some_and(|x| x.norm == "to") {
                    let skip = usize::from(ws.get(i + 2).is_some_and(|x| x.norm == "the"));
                    names.extend(after(i + 2 + skip));
                }
            }
            for n in names {
                let span = Span {
                    doc: doc.id.clone(),
                    passage: p.id.clone(),
                    start: s.start,
                    end: s.end,
                    text: sentence.to_owned(),
                };
                match at.get(&n) {
                    Some(&k) if found[k].spans.last() != Some(&span) => found[k].spans.push(span),
                    Some(_) => {}
                    None => {
                        at.insert(n.clone(), found.len());
                        found.push(Voice {
                            name: n,
                            spans: vec![span],
                        });
                    }
                }
            }
        }
    }
    crate::sort::sort_by_key(&mut found, |v| std::cmp::Reverse(v.spans.len()));
    found
}

fn cleaning(doc: &Document) -> Cleaning {
    let mut kinds: Vec<(RemovalKind, usize)> = Vec::new();
    for r in doc.removed.iter().filter(|r| r.kind.is_junk()) {
        match kinds.iter_mut().find(|(k, _)| *k == r.kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((r.kind, 1)),
        }
    }
    Cleaning {
        doc: doc.id.clone(),
        blocks: kinds.iter().map(|(_, n)| n).sum(),
        words: doc.removed_word_count(),
        kinds,
    }
}
