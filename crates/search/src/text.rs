//! Tokens of any text: words with byte offsets into the original, case- and accent-folded, stemmed.
//!
//! Offsets always point into the text as given, never into a lowercased or folded copy, so that
//! highlights and evidence slice the original safely whatever the script (ẞ, K, İ, emoji…).

use rust_stemmers::{Algorithm, Stemmer};

/// A word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the original text.
    pub start: u32,
    pub end: u32,
    /// Lowercased, accents removed: what prefix queries and exact phrases compare.
    pub norm: String,
    /// English Snowball stem of `norm`: what terms and queries match.
    pub stem: String,
}

/// True for characters inside a word: letters, digits and combining marks.
#[inline(always)]
fn is_word_char(c: char) -> bool {
    // ASCII first: most text is, and the Unicode tables cost a search per character.
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining(c)
    }
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Lowercases and removes accents: "Israël" → "israel", "Bündnis" → "bundnis", "ẞ" → "ss".
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => out.push('a'),
            'ç' | 'ć' | 'č' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => out.push('i'),
            'ñ' | 'ń' | 'ň' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'š' | 'ś' => out.push('s'),
            'ž' | 'ź' | 'ż' => out.push('z'),
            'ß' => out.push_str("ss"),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            c if is_combining(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The stemmer used for every token and term, so that both sides always agree.
pub struct Analyzer {
    stemmer: Stemmer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

impl Analyzer {
    /// Stem of a folded word.
    pub fn stem(&self, norm: &str) -> String {
        self.stemmer.stem(norm).into_owned()
    }

    /// Words of `text`, stemmed. An apostrophe splits a word, and the clitic after it
    /// ("Russia's", "don't") is dropped, as are elided French articles before it ("l'Iran" keeps
    /// "iran").
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        tokens_by(text, |norm| self.stem(norm))
    }
}

/// The words of `text` as tokens, each stemmed by `stem` (from its folded form): one way to
/// tokenise, whatever remembers or looks up the stems.
pub fn tokens_by(text: &str, mut stem: impl FnMut(&str) -> String) -> Vec<Token> {
    words(text)
        .into_iter()
        .map(|w| Token {
            stem: stem(&w.norm),
            start: w.start,
            end: w.end,
            norm: w.norm,
        })
        .collect()
}

/// An analyzer that remembers the stem of each distinct word it has seen: for tokenising many
/// texts in a row (a whole corpus), where most words recur and stemming is most of the cost.
/// Gives exactly the tokens of [`Analyzer::tokens`].
#[derive(Default)]
pub struct StemMemo {
    analyzer: Analyzer,
    stems: std::collections::HashMap<String, String>,
}

impl StemMemo {
    /// Words of `text`, stemmed, as [`Analyzer::tokens`] gives them.
    pub fn tokens(&mut self, text: &str) -> Vec<Token> {
        let (analyzer, stems) = (&self.analyzer, &mut self.stems);
        tokens_by(text, |norm| match stems.get(norm) {
            Some(stem) => stem.clone(),
            None => {
                let stem = analyzer.stem(norm);
                stems.insert(norm.to_owned(), stem.clone());
                stem
            }
        })
    }
}

/// A word of a text before stemming: what [`Analyzer::tokens`] gives without the stem, for
/// callers that compare folded words only or that stem each distinct word once (stemming is most
/// of the cost of tokenising).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte span in the original text.
    pub start: u32,
    pub end: u32,
    /// Lowercased, accents removed.
    pub norm: String,
}

/// Words of `text`, folded but not stemmed, split exactly as [`Analyzer::tokens`] splits them.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push(text, s, i, &mut out);
        }
    }
    if let Some(s) = start {
        push(text, s, text.len(), &mut out);
    }
    out
}

fn push(text: &str, s: usize, e: usize, out: &mut Vec<Word>) {
    let after_apostrophe = text[..s].ends_with(['\'', '’']);
    let before_apostrophe = text[e..].starts_with(['\'', '’']);
    let norm = fold(&text[s..e]);
    // Combining marks alone (a stray accent) fold to nothing: no word to find or compare.
    if norm.is_empty() {
        return;
    }
    // Clitics: the "s" of "Russia's", the "t" of "don't"; French "l'", "d'", "qu'".
    if after_apostrophe && matches!(norm.as_str(), "s" | "t" | "re" | "ve" | "ll" | "d" | "m") {
        return;
    }
    if before_apostrophe && matches!(norm.as_str(), "l" | "d" | "qu" | "j" | "n" | "s" | "c") {
        return;
    }
    out.push(Word {
        start: s as u32,
        end: e as u32,
        norm,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combining_marks_alone_are_no_word() {
        // A stray accent folds to nothing: it is no word, so no empty token is indexed or
        // compared, and no suffix written after it can turn it into a clitic ("qu'").
        let norms: Vec<String> = words("- \u{20d0}'. \u{301} a\u{301}")
            .into_iter()
            .map(|w| w.norm)
            .collect();
        assert_eq!(norms, ["a"]);
    }

    #[test]
    fn tokens_keep_original_offsets_on_any_script() {
        let a = Analyzer::default();
        let text = "ẞtraße İstanbul 5 K Kelvin 🎉 Israël's l’Iran e\u{301}cole العربية";
        let toks = a.tokens(text);
        for t in &toks {
            assert!(text.get(t.start as usize..t.end as usize).is_some());
        }
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(
            norms,
            [
                "sstrasse",
                "istanbul",
                "5",
                "k",
                "kelvin",
                "israel",
                "iran",
                "ecole",
                "العربية"
            ]
        );
    }

    #[test]
    fn the_memo_gives_the_analyzers_tokens() {
        let a = Analyzer::default();
        let mut memo = StemMemo::default();
        for text in [
            "Sanctions and sanctioned",
            "sanctions again, l'Iran's",
            "",
            "ẞ İ 🎉",
        ] {
            assert_eq!(memo.tokens(text), a.tokens(text));
            assert_eq!(memo.tokens(text), a.tokens(text));
        }
    }

    #[test]
    fn stems_group_word_forms() {
        let a = Analyzer::default();
        let stems: Vec<String> = a
            .tokens("sanctions sanctioned Sanctioning")
            .into_iter()
            .map(|t| t.stem)
            .collect();
        assert_eq!(stems, ["sanction", "sanction", "sanction"]);
    }
}
