//! Markdown (its HTML already set aside by the HTML reader) as text: front matter, headings, lists, tables, fences, and inline links and emphasis stripped.

use super::PageMeta;
use crate::clean::dateline::iso_date;
use crate::markers;
use crate::model::PassageKind;
use crate::segment::{find_cached, Links};

/// Markdown (its HTML already set aside) as text: one paragraph, heading or list item a line,
/// paragraphs' wrapped lines joined, inline markup stripped; front matter set aside, its title
/// put first. Returns the text and, when there was front matter, what it says of the page.
pub(super) fn markdown(src: &str) -> (String, Option<PageMeta>) {
    let lines: Vec<&str> = src.split('\n').collect();
    let mut out: Vec<String> = Vec::new();
    let mut first = 0;
    let mut front = None;
    if let Some(delim @ ("---" | "+++")) = lines.first().map(|l| l.trim_end()) {
        let close = lines
            .iter()
            .skip(1)
            .take(200)
            .position(|l| l.trim_end() == delim || (delim == "---" && l.trim_end() == "..."));
        if let Some(close) = close {
            first = close + 2;
            let meta = front_matter(&lines[1..=close]);
            out.extend(meta.title.clone().filter(|t| !t.is_empty()));
            front = Some(meta);
        }
    }
    let mut para = Para::default();
    let mut fence: Option<(char, usize)> = None;
    for line in lines.iter().skip(first) {
        let t = line.trim();
        if let Some((ch, n)) = fence {
            if t.len() >= n && t.chars().all(|c| c == ch) {
                fence = None;
            } else if !t.is_empty() {
                out.push(t.to_owned());
            }
            continue;
        }
        let run = |t: &str, ch: char| t.chars().take_while(|&c| c == ch).count();
        if run(t, '`') >= 3 || run(t, '~') >= 3 {
            flush(&mut para, &mut out);
            let ch = t.chars().next().unwrap_or('`');
            fence = Some((ch, run(t, ch)));
            continue;
        }
        let quoted = t.starts_with('>');
        let t = t.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
        if t.is_empty() {
            flush(&mut para, &mut out);
            continue;
        }
        if para.is_empty() {
            para.kind = if quoted {
                PassageKind::Quote
            } else {
                PassageKind::Paragraph
            };
        }
        let hashes = run(t, '#');
        if (1..=6).contains(&hashes) && t[hashes..].chars().next().is_none_or(char::is_whitespace) {
            flush(&mut para, &mut out);
            let body = t[hashes..].trim();
            let body = body.trim_end_matches('#');
            let body = if body.ends_with(char::is_whitespace) || body.is_empty() {
                body
            } else {
                t[hashes..].trim()
            };
            out.push(body.trim().to_owned());
            continue;
        }
        // Setext underlines, thematic breaks and table separator rows end a paragraph.
        let marks = t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let rule = marks.len() >= 2
            && (marks.chars().all(|c| c == '=')
                || marks.chars().all(|c| c == '-')
                || (marks.len() >= 3
                    && (marks.chars().all(|c| c == '*') || marks.chars().all(|c| c == '_'))));
        let table_rule = marks.contains('-')
            && marks.contains('|')
            && marks.chars().all(|c| matches!(c, '|' | '-' | ':'));
        if rule || table_rule {
            flush(&mut para, &mut out);
            continue;
        }
        if is_reference_definition(t) {
            flush(&mut para, &mut out);
            continue;
        }
        if let Some(row) = t.strip_prefix('|') {
            flush(&mut para, &mut out);
            let row = row.strip_suffix('|').unwrap_or(row);
            out.extend(markers::row(row.split('|')));
            continue;
        }
        if let Some(item) = list_item(t) {
            flush(&mut para, &mut out);
            para.kind = PassageKind::ListItem;
            para.push_str(item);
            continue;
        }
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(t);
    }
    flush(&mut para, &mut out);
    let text: Vec<String> = out
        .iter()
        .map(|l| inline(&emphasis(l)))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    (text.join("\n\n"), front)
}

/// What YAML (`key: value`) or TOML (`key = value`) front matter says of the page, under the
/// names static-site generators use; lists as `[a, b]` or as `- a` lines under their key.
fn front_matter(lines: &[&str]) -> PageMeta {
    let mut meta = PageMeta::default();
    let unquote = |v: &str| v.trim().trim_matches(['"', '\'']).trim().to_owned();
    let mut list_key: Option<String> = None;
    for line in lines {
        if let (Some(key), Some(item)) = (&list_key, line.trim().strip_prefix("- ")) {
            if matches!(key.as_str(), "author" | "authors" | "creator" | "by") {
                meta.authors.push(unquote(item));
            }
            continue;
        }
        let Some((key, value)) = line.split_once([':', '=']) else {
            list_key = None;
            continue;
        };
        let key = key.trim().to_ascii_lowercase().replace('-', "_");
        let value = value.trim();
        list_key = value.is_empty().then(|| key.clone());
        let one = || Some(unquote(value)).filter(|v| !v.is_empty());
        let slot = match key.as_str() {
            "title" => &mut meta.title,
            "author" | "authors" | "creator" | "by" => {
                let inner = value.strip_prefix('[').and_then(|v| v.strip_suffix(']'));
                match inner {
                    Some(list) => meta.authors.extend(list.split(',').map(unquote)),
                    None => meta.authors.extend(one()),
                }
                continue;
            }
            "date" | "published" | "pubdate" | "publishdate" | "publish_date" | "created" => {
                if meta.published.is_none() {
                    meta.published = iso_date(&unquote(value));
                }
                continue;
            }
            "lastmod" | "updated" | "modified" | "last_modified" | "lastmodified" => {
                if meta.modified.is_none() {
                    meta.modified = iso_date(&unquote(value));
                }
                continue;
            }
            "description" | "summary" | "excerpt" => &mut meta.description,
            "lang" | "language" | "locale" => &mut meta.lang,
            "url" | "canonical" | "canonicalurl" | "canonical_url" | "permalink" => &mut meta.url,
            "site" | "site_name" | "sitename" => &mut meta.site,
            _ => continue,
        };
        if slot.is_none() {
            *slot = one();
        }
    }
    meta.authors.retain(|a| !a.is_empty());
    if let Some(lang) = &mut meta.lang {
        *lang = lang.replace('_', "-");
    }
    meta
}

/// A paragraph being joined from its lines, and what kind of block it is.
#[derive(Default)]
struct Para {
    text: String,
    kind: PassageKind,
}

impl Para {
    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn push(&mut self, c: char) {
        self.text.push(c);
    }

    fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
    }
}

/// Ends the paragraph being joined: its line, marked with its kind (`markers`).
fn flush(para: &mut Para, out: &mut Vec<String>) {
    if !para.text.trim().is_empty() {
        out.push(markers::write(para.kind, &para.text));
    }
    *para = Para::default();
}

/// `[label]: destination`: a link reference definition.
fn is_reference_definition(t: &str) -> bool {
    t.starts_with('[')
        && t.find("]:")
            .is_some_and(|i| i > 1 && !t[1..i].contains(['[', ']']))
}

/// The text of a list item line (`- x`, `* x`, `+ x`, `1. x`, `1) x`, task boxes dropped).
fn list_item(t: &str) -> Option<&str> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if (1..=9).contains(&digits) {
        t[digits..].strip_prefix(['.', ')'])?
    } else {
        t.strip_prefix(['-', '*', '+'])?
    };
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    Some(
        ["[ ] ", "[x] ", "[X] "]
            .iter()
            .find_map(|b| rest.strip_prefix(b))
            .unwrap_or(rest),
    )
}

/// Emphasis and strikethrough marks (`*`, `_`, `~` runs of one to three at a word's edge) out;
/// `snake_case`, a lone `*` and escaped marks stay.
fn emphasis(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            out.push(c);
            if let Some((_, next)) = chars.next() {
                out.push(next);
                prev = Some(next);
            }
            continue;
        }
        if !matches!(c, '*' | '_' | '~') {
            out.push(c);
            prev = Some(c);
            continue;
        }
        let mut len = 1;
        while chars.next_if(|&(_, d)| d == c).is_some() {
            len += 1;
        }
        let next = s[i + len..].chars().next();
        let space = |x: Option<char>| x.is_none_or(char::is_whitespace);
        let punct = |x: Option<char>| x.is_some_and(|x| !x.is_alphanumeric() && !x.is_whitespace());
        let left = !space(next) && (!punct(next) || space(prev) || punct(prev));
        let right = !space(prev) && (!punct(prev) || space(next) || punct(next));
        let intraword = c == '_'
            && prev.is_some_and(char::is_alphanumeric)
            && next.is_some_and(char::is_alphanumeric);
        if len > 3 || (c == '~' && len != 2) || !(left || right) || intraword {
            out.extend(std::iter::repeat_n(c, len));
        }
        prev = Some(c);
    }
    out
}

/// Links to their text, images out, code ticks and escapes out, autolinks to their address.
fn inline(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut links = Links::new(s);
    // One cache per kind of search, so that each searches from ever later positions; and for
    // the whitespace that stops an autolink: else `<http://<http://… >` scans to the far `>`
    // once per `<`.
    let (mut angles, mut spaces) = (None, None);
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                out.push_str(&s[copied..i]);
                copied = i + 1;
                i += 2;
            }
            b'`' => {
                out.push_str(&s[copied..i]);
                i += 1;
                copied = i;
            }
            b'[' | b'!' => match links.at(i) {
                Some(link) => {
                    out.push_str(&s[copied..i]);
                    if !link.image {
                        out.push_str(&s[link.text]);
                    }
                    i = link.end;
                    copied = i;
                }
                None => i += 1,
            },
            b'<' if ["http://", "https://", "mailto:"]
                .iter()
                .any(|p| s[i + 1..].starts_with(p)) =>
            {
                match find_cached(s, i + 1, |c| c == '>', &mut angles) {
                    Some(end)
                        if find_cached(s, i + 1, char::is_whitespace, &mut spaces)
                            .is_none_or(|w| w > end) =>
                    {
                        out.push_str(&s[copied..i]);
                        out.push_str(&s[i + 1..end]);
                        i = end + 1;
                        copied = i;
                    }
                    _ => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    out.push_str(&s[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_to_text() {
        let (text, front) = markdown(
            "---\ntitle: \"The Pact\"\ndate: 2025-01-17 10:30:00 +0100\nauthors:\n  - A. Writer\n  - 'B. Writer'\n\
             tags: [x]\nlocale: en_GB\n---\n# Heading One #\nA *wrapped* para\nwith [a link](http://x.org/(y)) and `code`.\n\n\
             - item **one**\n* [x] item two\n1. three\n\n> quoted snake_case 5 * 3\n\n```\nfn main() {}\n```\n\
             ![img](a.png) \\*kept\\* [ref]: http://x\n[ref]: http://x\nSetext\n---\n| a | b |\n|---|:-:|\n",
        );
        let front = front.unwrap();
        assert_eq!(front.authors, ["A. Writer", "B. Writer"]);
        assert_eq!(front.published.as_deref(), Some("2025-01-17T10:30"));
        assert_eq!(front.lang.as_deref(), Some("en-GB"));
        let toml = markdown("+++\nauthor = [\"C\", \"D\"]\nlastmod = 2025-02-01\n+++\nText").1;
        assert_eq!(toml.as_ref().map(|m| m.authors.len()), Some(2));
        assert_eq!(toml.unwrap().modified.as_deref(), Some("2025-02-01"));
        assert_eq!(
            text,
            "The Pact\n\nHeading One\n\nA wrapped para with a link) and code.\n\n• item one\n\n• item two\n\n• three\n\n\
             > quoted snake_case 5 * 3\n\nfn main() {}\n\n*kept* [ref]: http://x\n\nSetext\n\n| a | b |"
        );
        assert_eq!(inline(&"[".repeat(10)), "[".repeat(10));
        assert_eq!(inline("[a](b [c](d)"), "[a](b c");
        assert_eq!(inline("[a] [b]: ![c] x"), "[a] [b]: ![c] x");
    }

    #[test]
    fn emphasis_autolinks_and_escapes() {
        // Runs of one to three at a word's edge are emphasis; `~~` is strikethrough, a lone `~`
        // is text.
        assert_eq!(emphasis("***very*** important"), "very important");
        assert_eq!(emphasis("****four****"), "****four****");
        // A mark between a space (or the line's start) and punctuation is at a word's edge too.
        assert_eq!(
            emphasis("*(aside)* and **“quoted”**"),
            "(aside) and “quoted”"
        );
        assert_eq!(emphasis("~~old~~ new, about ~5 km"), "old new, about ~5 km");
        // A backslash escapes punctuation only: a Windows path keeps its backslashes.
        assert_eq!(inline(r"\*kept\* in C:\Users\me"), r"*kept* in C:\Users\me");
        // Autolinks to their address; other angle brackets are text.
        assert_eq!(
            inline("see <https://example.org/a> or <mailto:desk@example.org>, not <<x>> or a<b>c"),
            "see https://example.org/a or mailto:desk@example.org, not <<x>> or a<b>c"
        );
        // An address holds no space: this one is text.
        assert_eq!(inline("a <https://x.org/a b> c"), "a <https://x.org/a b> c");
    }

    #[test]
    fn front_matter_ends_at_its_fence_or_yaml_dots() {
        // YAML may end its document with `...`; TOML front matter ends only at `+++`.
        let (text, front) = markdown(
            "---\ntitle: The Pact\ndescription: \"Terms of the treaty.\"\n...\nSigned in Moscow.",
        );
        let front = front.unwrap();
        assert_eq!(text, "The Pact\n\nSigned in Moscow.");
        assert_eq!(front.description.as_deref(), Some("Terms of the treaty."));
        let (text, front) = markdown("+++\ntitle = \"T\"\n...\nsummary = \"S\"\n+++\nBody.");
        assert_eq!(text, "T\n\nBody.");
        assert_eq!(front.unwrap().description.as_deref(), Some("S"));
    }

    #[test]
    fn blocks_that_look_like_markup_but_are_text() {
        let text = |src: &str| markdown(src).0;
        // A heading's hashes are followed by a space: `#Iran` is a hashtag, seven hashes are
        // text.
        assert_eq!(
            text("Talks ended.\n#Iran trended.\n####### Seven"),
            "Talks ended. #Iran trended. ####### Seven"
        );
        // A thematic break is three or more `*` or `_`; two are text.
        assert_eq!(
            text("One.\n***\nTwo.\n___\nThree."),
            "One.\n\nTwo.\n\nThree."
        );
        assert_eq!(text("One.\n**\nTwo."), "One. ** Two.");
        // A table's separator row has a dash and a pipe: a line of colons is text.
        assert_eq!(
            text("::: warning\nSanctions apply.\n:::"),
            "::: warning Sanctions apply. :::"
        );
        // A link reference definition starts with a label that is not empty and holds no
        // bracket.
        assert_eq!(
            text("[Update] Talks resumed.\nSee ref]: x.\n[see [1]: p. 4]\n[]: http://x.org"),
            "[Update] Talks resumed. See ref]: x. [see [1]: p. 4] []: http://x.org"
        );
        assert_eq!(text("Text.\n[1]: http://x.org\nMore."), "Text.\n\nMore.");
        // A list marker is followed by a space: a sign or a decimal point is text.
        assert_eq!(
            text("Temperatures fell.\n-5 degrees at night,\n1.5 million without power."),
            "Temperatures fell. -5 degrees at night, 1.5 million without power."
        );
    }
}
