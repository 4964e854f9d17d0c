//! Language identification for sentences (English, French and German, by function words), and the one list of function words (`is_content_word`) the analyses leave out.
//!
//! A function-word profile is tiny, explainable and accurate on whole sentences, which is all we
//! need; an n-gram crate (whatlang) adds 219 kB to the wasm (54 kB gzip: BENCHMARKS.md) for
//! languages we do not show.

use crate::model::Lang;

const EN: &[&str] = &[
    "the", "and", "of", "to", "in", "is", "that", "for", "with", "as", "on", "by", "this", "it",
    "its", "are", "was", "be", "has", "have", "from", "which", "their", "an", "or", "at", "not",
    "but", "while", "they", "been", "into", "more", "than", "would", "also", "these", "such",
    "between", "both", "who", "what", "how", "will", "can", "were", "over", "under", "a",
];
const FR: &[&str] = &[
    "le", "la", "les", "des", "du", "de", "et", "un", "une", "est", "dans", "pour", "par", "sur",
    "au", "aux", "avec", "qui", "que", "ces", "cette", "son", "sa", "ses", "entre", "deux", "pays",
    "ont", "sont", "il", "elle", "ne", "pas", "plus", "mais", "ou", "où", "été", "leur", "leurs",
    "nous", "vous", "ils", "a", "en", "d", "l", "qu",
];
const DE: &[&str] = &[
    "der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "des", "ein", "eine", "einer",
    "eines", "zu", "auf", "für", "von", "im", "auch", "sich", "sind", "wird", "werden", "hat",
    "haben", "aus", "bei", "nach", "wie", "oder", "aber", "zwischen", "beiden", "über", "noch",
    "nur", "durch", "gegen", "ihre", "sein", "seine", "wurde", "dass", "es", "er", "sie", "wir",
];

/// Function words (English, French, German), folded: never a source's distinctive word
/// (`overview`), never evidence that two passages say the same thing (`align`).
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "even",
    "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "may", "me",
    "might", "more", "most", "much", "must", "my", "no", "nor", "not", "now", "of", "off", "on",
    "once", "one", "only", "or", "other", "our", "out", "over", "own", "same", "she", "should",
    "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "through", "to", "too", "under", "until", "up", "upon", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "within", "would", "you", "your", "yet", "however", "thus", "also", "like", "well", "many",
    "new", "le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "en", "au", "aux",
    "que", "qui", "pour", "par", "sur", "dans", "der", "die", "das", "den", "dem", "des", "und",
    "ist", "ein", "eine", "mit", "von", "zu", "im", "auf", "fur", "nicht", "sich",
];

/// A word that says something of its own (folded): three letters or more, not all digits, not a
/// function word. The one test of the analyses that weigh words (`align`, `found`, the overview's
/// distinctive words, what a figure is said of in `facts`).
pub fn is_content_word(folded: &str) -> bool {
    folded.chars().count() >= 3
        && !folded.chars().all(|c| c.is_ascii_digit())
        && !FUNCTION_WORDS.contains(&folded)
}

/// The length in bytes of the longest function word of `EN`, `FR` and `DE` ("zwischen").
const LONGEST: usize = 8;

/// Scores of a text per language: how many of its words are function words of each.
pub fn scores(text: &str) -> [(Lang, u32); 3] {
    let mut s = [(Lang::En, 0), (Lang::Fr, 0), (Lang::De, 0)];
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        // An ASCII word longer than every function word is no evidence at all (it has none of
        // the hint letters below either), and a shorter one is lowercased on the stack; any
        // other word is lowercased as text.
        let mut buf = [0u8; LONGEST];
        let owned;
        let w = if word.is_ascii() {
            let Some(lower) = buf.get_mut(..word.len()) else {
                continue;
            };
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).unwrap_or("")
        } else {
            owned = word.to_lowercase();
            owned.as_str()
        };
        // Elided French articles ("l'Iran", "d’une") split into a one-letter word here; the
        // English possessive "'s" does too, which is why "s" is in no list.
        for (list, score) in [EN, FR, DE].into_iter().zip(&mut s) {
            score.1 += u32::from(list.contains(&w));
        }
        // Letters that only one of the three languages uses are strong hints.
        if w.contains(['ß', 'ä', 'ö']) || (w.contains('ü') && !w.contains(['é', 'è'])) {
            s[2].1 += 1;
        }
        if w.contains(['é', 'è', 'ê', 'à', 'ç', 'œ', 'ù', 'û', 'î']) {
            s[1].1 += 1;
        }
    }
    s
}

/// The most likely language, or `None` when no language has evidence or the best two tie.
pub fn detect(text: &str) -> Option<Lang> {
    let mut s = scores(text);
    crate::sort::sort_by_key(&mut s, |x| std::cmp::Reverse(x.1));
    if s[0].1 == 0 || s[0].1 == s[1].1 {
        None
    } else {
        Some(s[0].0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_whole_sentences_not_from_the_corpus() {
        for (text, want) in [
            (
                "The minister said that the talks would continue next week.",
                Lang::En,
            ),
            (
                "Le gouvernement a annoncé une nouvelle loi sur les retraites.",
                Lang::Fr,
            ),
            (
                "Die Regierung hat am Montag ein neues Gesetz über die Renten vorgestellt.",
                Lang::De,
            ),
            ("Les deux pays ont signé un accord à Berlin.", Lang::Fr),
            (
                "Das Abkommen zwischen beiden Ländern ist nicht öffentlich.",
                Lang::De,
            ),
        ] {
            assert_eq!(detect(text), Some(want), "{text}");
        }
    }

    #[test]
    fn function_words_fit_the_ascii_path() {
        let longest = [EN, FR, DE].concat().iter().map(|w| w.len()).max();
        assert_eq!(longest, Some(LONGEST));
        assert!(EN.iter().all(|w| w.is_ascii()));
    }

    /// A function word with a letter outside ASCII counts once as a word and once for its
    /// letter; short ASCII words count as words only.
    #[test]
    fn each_word_counts_for_its_languages() {
        assert_eq!(
            scores("für über"),
            [(Lang::En, 0), (Lang::Fr, 0), (Lang::De, 4)]
        );
        assert_eq!(
            scores("où été"),
            [(Lang::En, 0), (Lang::Fr, 4), (Lang::De, 0)]
        );
        // "a" is English and French; "die" German; a long ASCII word is no evidence.
        assert_eq!(
            scores("A die Zwischenlandung"),
            [(Lang::En, 1), (Lang::Fr, 1), (Lang::De, 1)]
        );
    }

    #[test]
    fn no_evidence_gives_none() {
        assert_eq!(detect("Vladimir Putin"), None);
        assert_eq!(detect(""), None);
        assert_eq!(detect("2025 — 90 %"), None);
    }
}
