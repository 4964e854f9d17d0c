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

/// `[text](target)` links replaced by their text, images out; every other character kept.
fn strip_links(source: &str) -> String {
    let mut s = String::with_capacity(source.len());
    let mut links = Links::new(source);
    let mut copied = 0;
    let mut from = 0;
    while let Some(i) = source[from..].find(['[', '!']).map(|i| from + i) {
        match links.at(i) {
            Some(link) => {
                s.push_str(&source[copied..i]);
                if !link.image {
                    s.push_str(&source[link.text]);
                }
                copied = link.end;
                from = link.end;
            }
            None => from = i + 1,
        }
    }
    s.push_str(&source[copied..]);
    s
}

/// A Markdown link or image found by [`Links::at`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The link's text (an image's alt text), as a byte range.
    pub text: std::ops::Range<usize>,
    /// Just after the link's last byte.
    pub end: usize,
    pub image: bool,
}

/// The one reading of Markdown links, for passage text and imported Markdown alike:
/// `[text](target)`, `[text](target "title")`, `[text][ref]` and images `![alt](src)`. The text
/// holds no bracket (in `[a [b](c)` only `[b](c)` is a link); a target holds no whitespace
/// but before a quoted title (`[a](x y)` stays text) and ends at the first `)`.
///
/// Each kind of search remembers its last answer, so that a line of many would-be links is
/// scanned once, not once per `[` (a caller asks about ever later positions).
pub struct Links<'a> {
    s: &'a str,
    closes: Cache,
    opens: Cache,
    parens: Cache,
    refs: Cache,
    spaces: Cache,
    /// The first character after a target's whitespace and the last before its `)`, with
    /// their offsets, by the offset they were looked for from.
    title_start: Option<(usize, Option<(usize, char)>)>,
    title_end: Option<(usize, Option<(usize, char)>)>,
}

type Cache = Option<(usize, Option<usize>)>;

impl<'a> Links<'a> {
    pub fn new(s: &'a str) -> Self {
        Links {
            s,
            closes: None,
            opens: None,
            parens: None,
            refs: None,
            spaces: None,
            title_start: None,
            title_end: None,
        }
    }

    /// The link or image whose `[` or `![` is at byte `at`, if one starts there.
    pub fn at(&mut self, at: usize) -> Option<Link> {
        let s = self.s;
        let bytes = s.as_bytes();
        let image = bytes.get(at) == Some(&b'!');
        let open = at + usize::from(image);
        if bytes.get(open) != Some(&b'[') {
            return None;
        }
        let close = find_cached(s, open + 1, |c| c == ']', &mut self.closes)?;
        if find_cached(s, open + 1, |c| c == '[', &mut self.opens).is_some_and(|o| o < close) {
            return None;
        }
        let end = match bytes.get(close + 1) {
            Some(b'(') => {
                let end = find_cached(s, close + 2, |c| c == ')', &mut self.parens)?;
                let space = find_cached(s, close + 2, char::is_whitespace, &mut self.spaces);
                match space {
                    Some(w) if w < end && !self.titled(w, end) => return None,
                    _ => end,
                }
            }
            Some(b'[') => find_cached(s, close + 2, |c| c == ']', &mut self.refs)?,
            _ => return None,
        };
        Some(Link {
            text: open + 1..close,
            end: end + 1,
            image,
        })
    }

    /// Whether what follows a target's first whitespace at `w`, up to the `)` at `end`, is a
    /// quoted title. Both ends are remembered: would-be links may share them.
    fn titled(&mut self, w: usize, end: usize) -> bool {
        let s = self.s;
        let first = remember(&mut self.title_start, w, || {
            let rest = s[w..end].trim_start();
            crate::probe::step(end - w - rest.len());
            rest.chars().next().map(|c| (end - rest.len(), c))
        });
        let last = remember(&mut self.title_end, end, || {
            let head = s[..end].trim_end();
            crate::probe::step(end - head.len());
            head.chars()
                .next_back()
                .map(|c| (head.len() - c.len_utf8(), c))
        });
        match (first, last) {
            (Some((a, q @ ('"' | '\''))), Some((b, r))) => a < b && q == r,
            _ => false,
        }
    }
}

/// The value of `make` for `key`, made again only when the key changes.
fn remember<K: PartialEq + Copy, V: Copy>(
    slot: &mut Option<(K, V)>,
    key: K,
    make: impl FnOnce() -> V,
) -> V {
    match *slot {
        Some((k, v)) if k == key => v,
        _ => {
            let v = make();
            *slot = Some((key, v));
            v
        }
    }
}

/// Finds a character matching `needle` at or after `from`, remembering the last answer: the
/// first `]` after one `[` is the first after every later `[` before it, so a line of brackets
/// is scanned once (searches from ever later positions scan disjoint stretches).
pub(crate) fn find_cached(
    s: &str,
    from: usize,
    needle: impl FnMut(char) -> bool,
    cache: &mut Cache,
) -> Option<usize> {
    if let Some((searched, found)) = *cache {
        if from >= searched && found.is_none_or(|f| f >= from) {
            return found;
        }
    }
    let found = s.get(from..).and_then(|r| r.find(needle)).map(|i| from + i);
    crate::probe::step(found.unwrap_or(s.len()).saturating_sub(from));
    *cache = Some((from, found));
    found
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

    /// The rules of [`Links`] written plainly, searching afresh for every `[` (quadratic on a
    /// line of brackets): the remembering scanner must give exactly its output.
    fn links_reference(source: &str) -> String {
        let link_at = |at: usize| -> Option<(usize, usize, usize)> {
            let open = at + usize::from(source[at..].starts_with('!'));
            let rest = source.get(open..)?.strip_prefix('[')?;
            let close = open + 1 + rest.find(']')?;
            if source[open + 1..close].contains('[') {
                return None;
            }
            let after = &source[close + 1..];
            let end = if let Some(target) = after.strip_prefix('(') {
                let len = target.find(')')?;
                let target = &target[..len];
                if let Some(w) = target.find(char::is_whitespace) {
                    let title = target[w..].trim();
                    let quoted = ['"', '\'']
                        .iter()
                        .any(|&q| title.len() >= 2 && title.starts_with(q) && title.ends_with(q));
                    if !quoted {
                        return None;
                    }
                }
                close + 2 + len
            } else if let Some(r) = after.strip_prefix('[') {
                close + 2 + r.find(']')?
            } else {
                return None;
            };
            Some((open + 1, close, end + 1))
        };
        let mut s = String::new();
        let (mut copied, mut i) = (0, 0);
        while i < source.len() {
            match link_at(i) {
                Some((a, b, end)) => {
                    s.push_str(&source[copied..i]);
                    if !source[i..].starts_with('!') {
                        s.push_str(&source[a..b]);
                    }
                    copied = end;
                    i = end;
                }
                _ => i += source[i..].chars().next().map_or(1, char::len_utf8),
            }
        }
        s.push_str(&source[copied..]);
        s
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000)
        ))]

        #[test]
        fn links_are_read_as_their_plain_rules_read_them(text in "[\\[\\]()! ax\"'\n]{0,60}") {
            proptest::prop_assert_eq!(strip_links(&text), links_reference(&text));
        }
    }

    #[test]
    fn markdown_links() {
        for (md, text) in [
            ("see [Trade](#trade).", "see Trade."),
            ("[a](x \"The title\") b", "a b"),
            ("[a](x 'title') b", "a b"),
            ("[a](x y) b", "[a](x y) b"),
            ("[a](x \"open) b", "[a](x \"open) b"),
            ("[a][ref] b", "a b"),
            ("![a chart](c.png) b", " b"),
            ("[a [b](c) d", "[a b d"),
            ("[a](b [c](d)", "[a](b c"),
            ("[a]b](c)", "[a]b](c)"),
            ("[a] (b)", "[a] (b)"),
            ("[](x)", ""),
        ] {
            assert_eq!(strip_links(md), text, "{md}");
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
