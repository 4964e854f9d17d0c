//! The scaled-corpus generator: N documents made by recombining the real corpus's sentences with
//! light perturbation, deterministically from a seed (no clocks, no hash-map order), so every run
//! and the Node side-by-side index exactly the same text.
//!
//! Why perturb: exact copies of a few hundred real sentences would make every 5-word shingle occur
//! in hundreds of passages, so reuse detection would ignore them all (stock phrases) and measure
//! nothing, and the vocabulary would stop growing with the corpus, which flatters index sizes.

use parallax_core::model::{Corpus, Document, Lang, Passage, Sentence};
use serde::Serialize;

/// Probability that a word is replaced by a word of the real corpus (drawn by frequency).
const P_SUBSTITUTE: f64 = 0.08;
/// Probability that a word is replaced by an invented word from a pool that grows with N.
const P_INVENT: f64 = 0.015;
/// Probability that a word is dropped (never below four words).
const P_DROP: f64 = 0.02;
/// Probability that a word swaps places with the one before it.
const P_SWAP: f64 = 0.02;
/// Probability that a sentence of the template passage is replaced by one from anywhere.
const P_RESAMPLE: f64 = 0.3;
/// Share of documents that take over one passage of an earlier document, lightly edited: the
/// reuse that `reuse::find` is there to find.
const P_REUSE: f64 = 0.1;
/// Word substitution rate inside a reused passage.
const P_REUSE_EDIT: f64 = 0.03;
/// Invented words available per document: the vocabulary keeps growing with the corpus.
const INVENTED_PER_DOC: u64 = 40;

/// SplitMix64: small, fast and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [0, n); n > 0.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// A real sentence, with its language.
struct Source {
    text: String,
    lang: Lang,
}

/// One generated document as the Node side-by-side reads it.
#[derive(Serialize)]
pub struct JsonDoc<'a> {
    pub id: &'a str,
    pub passages: Vec<&'a str>,
}

/// What the generator learned from the real corpus.
pub struct Generator {
    /// Real passages as lists of sentence indices into `sentences`.
    templates: Vec<Vec<usize>>,
    sentences: Vec<Source>,
    /// Every word occurrence of the real text: drawing from it draws by frequency.
    words: Vec<String>,
}

impl Generator {
    pub fn new(real: &Corpus) -> Generator {
        let mut sentences = Vec::new();
        let mut templates = Vec::new();
        let mut words = Vec::new();
        for doc in &real.documents {
            for p in &doc.passages {
                let mut t = Vec::new();
                for s in &p.sentences {
                    let text = p.sentence_text(s).trim();
                    if text.split_whitespace().count() < 3 {
                        continue;
                    }
                    for w in text.split_whitespace() {
                        let core = core_of(w).1;
                        if core.chars().count() >= 2 && core.chars().all(char::is_alphabetic) {
                            words.push(core.to_lowercase());
                        }
                    }
                    t.push(sentences.len());
                    sentences.push(Source {
                        text: text.to_owned(),
                        lang: s.lang,
                    });
                }
                if !t.is_empty() {
                    templates.push(t);
                }
            }
        }
        Generator {
            templates,
            sentences,
            words,
        }
    }

    pub fn real_sentences(&self) -> usize {
        self.sentences.len()
    }

    pub fn real_passages(&self) -> usize {
        self.templates.len()
    }

    /// A corpus of `n` documents; the real corpus lends its themes, entities and claims, so that
    /// tags, facets and facts work on it as on the real one.
    pub fn corpus(&self, real: &Corpus, n: usize, seed: u64) -> Corpus {
        let mut rng = Rng::new(seed ^ (n as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
        let invented = INVENTED_PER_DOC * n as u64;
        let mut documents: Vec<Document> = Vec::with_capacity(n);
        for i in 0..n {
            let count = 2 + rng.below(5);
            let mut passages: Vec<(String, Vec<Sentence>)> = Vec::with_capacity(count + 1);
            for _ in 0..count {
                let template = &self.templates[rng.below(self.templates.len())];
                let mut text = String::new();
                let mut spans = Vec::new();
                for &s in template {
                    let s = if rng.chance(P_RESAMPLE) {
                        rng.below(self.sentences.len())
                    } else {
                        s
                    };
                    let sentence = self.perturb(&self.sentences[s].text, &mut rng, invented);
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    let start = text.len() as u32;
                    text.push_str(&sentence);
                    spans.push(Sentence {
                        start,
                        end: text.len() as u32,
                        lang: self.sentences[s].lang,
                    });
                }
                passages.push((text, spans));
            }
            if i > 0 && rng.chance(P_REUSE) {
                let from = &documents[rng.below(i)];
                let p = &from.passages[rng.below(from.passages.len())];
                let (text, spans) = self.edit(p, &mut rng);
                let at = rng.below(passages.len() + 1);
                passages.insert(at, (text, spans));
            }
            documents.push(Document::from_passages(
                format!("g{i:05}"),
                format!("Generated document {i}"),
                passages,
            ));
        }
        Corpus {
            name: format!("generated-{n}"),
            title: format!("{n} generated documents"),
            documents,
            themes: real.themes.clone(),
            entities: real.entities.clone(),
            claims: real.claims.clone(),
        }
    }

    /// A real sentence with words substituted, invented, dropped, swapped and digits changed.
    fn perturb(&self, sentence: &str, rng: &mut Rng, invented: u64) -> String {
        let words: Vec<&str> = sentence.split_whitespace().collect();
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        for (k, w) in words.iter().enumerate() {
            let left = words.len() - k;
            let r = rng.unit();
            if r < P_DROP && out.len() + left > 4 && k > 0 {
                continue;
            }
            let mut w = if r < P_DROP + P_SUBSTITUTE {
                replace_core(w, &self.words[rng.below(self.words.len())])
            } else if r < P_DROP + P_SUBSTITUTE + P_INVENT {
                // Squaring skews the draw towards low indices: a few invented words are common,
                // most are rare, as in real vocabularies.
                let u = rng.unit();
                let k = (u * u * invented as f64) as u64;
                replace_core(w, &invented_word(k))
            } else {
                (*w).to_owned()
            };
            if w.chars().any(|c| c.is_ascii_digit()) && rng.chance(0.5) {
                w = w
                    .chars()
                    .map(|c| {
                        if c.is_ascii_digit() {
                            char::from(b'0' + rng.below(10) as u8)
                        } else {
                            c
                        }
                    })
                    .collect();
            }
            out.push(w);
            if out.len() >= 2 && k + 1 < words.len() && rng.chance(P_SWAP) {
                let n = out.len();
                out.swap(n - 1, n - 2);
            }
        }
        out.join(" ")
    }

    /// A light edit of an existing generated passage, sentence by sentence.
    fn edit(&self, p: &Passage, rng: &mut Rng) -> (String, Vec<Sentence>) {
        let mut text = String::new();
        let mut spans = Vec::new();
        for s in &p.sentences {
            let words: Vec<String> = p
                .sentence_text(s)
                .split_whitespace()
                .map(|w| {
                    if rng.chance(P_REUSE_EDIT) {
                        replace_core(w, &self.words[rng.below(self.words.len())])
                    } else {
                        w.to_owned()
                    }
                })
                .collect();
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len() as u32;
            text.push_str(&words.join(" "));
            spans.push(Sentence {
                start,
                end: text.len() as u32,
                lang: s.lang,
            });
        }
        (text, spans)
    }
}

/// Splits a whitespace-separated word into leading punctuation, the word, trailing punctuation.
fn core_of(w: &str) -> (&str, &str, &str) {
    let start = w.find(char::is_alphanumeric).unwrap_or(w.len());
    let end = w
        .rfind(char::is_alphanumeric)
        .map(|i| i + w[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(start)
        .max(start);
    (&w[..start], &w[start..end], &w[end..])
}

/// Replaces the word part of `w`, keeping its punctuation and an initial capital.
fn replace_core(w: &str, with: &str) -> String {
    let (lead, core, trail) = core_of(w);
    let capital = core.chars().next().is_some_and(char::is_uppercase);
    let mut out = String::with_capacity(lead.len() + with.len() + trail.len());
    out.push_str(lead);
    let mut chars = with.chars();
    if capital {
        if let Some(c) = chars.next() {
            out.extend(c.to_uppercase());
        }
    }
    out.extend(chars);
    out.push_str(trail);
    out
}

/// The k-th invented word: two to four syllables, a pure function of k.
pub fn invented_word(k: u64) -> String {
    const SYLLABLES: [&str; 24] = [
        "ka", "ri", "sto", "lev", "an", "mir", "do", "vel", "tu", "zan", "or", "pe", "shi", "gra",
        "nol", "bi", "ek", "sa", "tor", "mu", "lin", "fa", "ust", "qe",
    ];
    let mut h = Rng::new(k.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5eed);
    let n = 2 + h.below(3);
    (0..n)
        .map(|_| SYLLABLES[h.below(SYLLABLES.len())])
        .collect()
}

/// The corpus's documents as the Node side-by-side reads them.
pub fn json_docs(corpus: &Corpus) -> Vec<JsonDoc<'_>> {
    corpus
        .documents
        .iter()
        .map(|d| JsonDoc {
            id: &d.id,
            passages: d.passages.iter().map(|p| p.text.as_str()).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_capitals_survive_replacement() {
        assert_eq!(replace_core("(Russia,", "iran"), "(Iran,");
        assert_eq!(core_of("\"word.\""), ("\"", "word", ".\""));
        assert_eq!(core_of("--"), ("--", "", ""));
        assert_eq!(invented_word(7), invented_word(7));
    }
}
