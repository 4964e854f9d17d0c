//! Segmentation of text: sentence spans, and light markup turned into plain passage text.

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "gen", "col", "lt", "sgt", "no",
    "fig", "inc", "ltd", "co", "corp", "approx", "dept", "est", "mt", "rev", "gov", "sen", "rep",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "cf",
    "al", "mme", "mlle", "bzw", "vgl", "ca", "nr",
];

/// Byte spans of the sentences of `text`, trimmed of surrounding whitespace.
///
/// A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets after it) when
/// whitespace and then a capital letter, a digit or an opening quote follow, except after an
/// initial ("V. Putin"), a dotted abbreviation ("U.S.") or a known abbreviation ("Dr.").
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if start.is_none() {
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            start = Some(b);
        }
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = i + 1;
            while j < chars.len() && is_closer(chars[j].1) {
                j += 1;
            }
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            if k > j && k < chars.len() && starts_sentence(chars[k].1) {
                let s = start.unwrap_or(b);
                if !(c == '.' && is_abbreviation(&text[s..b])) {
                    let (lb, lc) = chars[j - 1];
                    out.push((s, lb + lc.len_utf8()));
                    start = None;
                    i = k;
                    continue;
                }
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    if let Some(s) = start {
        let end = s + text[s..].trim_end().len();
        if end > s {
            out.push((s, end));
        }
    }
    out
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '*'
    )
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_numeric()
        || matches!(
            c,
            '"' | '“' | '«' | '‘' | '\'' | '*' | '(' | '[' | '¿' | '¡'
        )
}

/// True when the text before a full stop ends in an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let letters: Vec<char> = word.chars().collect();
    if letters.len() == 1 && letters[0].is_uppercase() {
        return true;
    }
    if word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return true;
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// Turns source text with light markup into plain passage text: drops `**`, `__`, markdown
/// heading marks and bullets, keeps link texts, and collapses all whitespace to single spaces.
pub fn plain_text(source: &str) -> String {
    let s = strip_links(source).replace("**", "").replace("__", "");
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        // Markup tokens standing alone: heading marks, rules, bullets.
        if word.chars().all(|c| c == '#')
            || word.chars().all(|c| c == '-') && word.len() >= 3
            || matches!(word, "*" | "•" | "-" | "·" | "▪" | "◦")
        {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `[text](target)` links replaced by their text; every other character kept.
fn strip_links(source: &str) -> String {
    let mut s = String::with_capacity(source.len());
    let mut rest = source;
    // Keep the text of [text](target) links, drop the target. Each step moves past what cannot
    // start a link, so a line of many brackets costs its length, not its length squared.
    let mut paren: Option<(usize, Option<usize>)> = None;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find("](") else {
            // No "](" left: no link can follow.
            break;
        };
        let text = &after[..close];
        if let Some(last) = text.rfind('[') {
            // Only the last "[" before the "](" can open a link: the earlier ones hold it.
            s.push_str(&rest[..open + 1 + last]);
            rest = &after[last..];
            continue;
        }
        if text.contains(']') {
            // "[a]b](" is no link; nothing before the "](" can open one either.
            s.push_str(&rest[..open + 1 + close]);
            rest = &after[close..];
            continue;
        }
        let target = &after[close + 2..];
        // The first `)` from here, remembered as an offset into `source`: every later search
        // starts further on, so it is still the answer while it lies ahead. Else `[a](x y`
        // repeated before one far `)` would scan to it once per `[`.
        let at = source.len() - target.len();
        let found = match paren {
            Some((from, found)) if at >= from && found.is_none_or(|f| f >= at) => found,
            _ => {
                let found = target.find(')').map(|i| at + i);
                crate::probe::step(found.unwrap_or(source.len()) - at);
                paren = Some((at, found));
                found
            }
        };
        match found.map(|f| f - at) {
            Some(end) if !target[..end].contains(char::is_whitespace) => {
                s.push_str(&rest[..open]);
                s.push_str(text);
                rest = &target[end + 1..];
            }
            Some(_) => {
                s.push_str(&rest[..open + 1 + close + 2]);
                rest = target;
            }
            // No ")" left: no link can follow.
            None => break,
        }
    }
    s.push_str(rest);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        sentence_spans(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        assert_eq!(
            sentences("Vladimir V. Putin met Dr. Smith in the U.S. capital. Then he left! Did he? «Oui.» 2025 came."),
            vec![
                "Vladimir V. Putin met Dr. Smith in the U.S. capital.",
                "Then he left!",
                "Did he?",
                "«Oui.»",
                "2025 came."
            ]
        );
        assert_eq!(sentences("  "), Vec::<&str>::new());
        assert_eq!(sentences("No end"), vec!["No end"]);
        assert_eq!(
            sentences("He said \"stop.\" She went."),
            vec!["He said \"stop.\"", "She went."]
        );
    }

    /// The link loop as it was before it skipped what cannot start a link (quadratic in the
    /// brackets of a line): the new one must give exactly its output.
    fn links_reference(source: &str) -> String {
        let mut s = String::new();
        let mut rest = source;
        while let Some(open) = rest.find('[') {
            let after = &rest[open + 1..];
            match after.find("](") {
                Some(close) if !after[..close].contains(['[', ']']) => {
                    let target = &after[close + 2..];
                    match target.find(')') {
                        Some(end) if !target[..end].contains(char::is_whitespace) => {
                            s.push_str(&rest[..open]);
                            s.push_str(&after[..close]);
                            rest = &target[end + 1..];
                        }
                        _ => {
                            s.push_str(&rest[..open + 1]);
                            rest = after;
                        }
                    }
                }
                _ => {
                    s.push_str(&rest[..open + 1]);
                    rest = after;
                }
            }
        }
        s.push_str(rest);
        s
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000)
        ))]

        #[test]
        fn link_stripping_is_unchanged(text in "[\\[\\]() ax\n]{0,60}") {
            proptest::prop_assert_eq!(strip_links(&text), links_reference(&text));
        }
    }

    #[test]
    fn a_line_of_brackets_costs_its_length() {
        // Quadratic before: every "[" searched the rest of the line.
        let line = "[a] ".repeat(50_000) + "[b](c)";
        let out = plain_text(&line);
        assert!(out.ends_with("[a] b"), "{}", &out[out.len() - 20..]);
    }

    #[test]
    fn plain_text_strips_markup() {
        assert_eq!(
            plain_text("--- ### The **Iran alliance**  see [Trade](#trade) and * bullet [x] (y)"),
            "The Iran alliance see Trade and bullet [x] (y)"
        );
        assert_eq!(plain_text("a\u{a0}\u{a0}b\n c"), "a b c");
    }
}
