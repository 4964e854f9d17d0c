//! A page's own details as `key: value` lines between `---` at the top of a text: written by the import (from an HTML page's metadata or a Markdown file's front matter), read by cleaning and the pipeline, so that the stored text alone rebuilds them.
//!
//! The block is strict, so that an article's own text is never read as one: the first line is
//! `---`, every line up to the closing `---` is one of the keys below with a value, and there are
//! at most `MAX_LINES` of them. Dates are `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`; an address is kept
//! only when it is `http` or `https`.
//!
//! ```text
//! ---
//! author: Helen Marsh
//! author: Tom Reed
//! published: 2025-03-12T10:15
//! modified: 2025-03-13
//! site: The Courier
//! lang: en-GB
//! url: https://example.org/story
//! description: The council chose buses over a tram line.
//! saved: 2025-03-12T18:40
//! ---
//! ```

use crate::model::{Byline, BylineSource, DateInfo, PageDetails};
use crate::strings::{month_name, Day};

/// What a page says about itself in its markup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` (the time as the page wrote it, offset dropped)
    pub published: Option<String>,
    pub modified: Option<String>,
    pub site: Option<String>,
    /// A BCP 47 tag as the page gives it, e.g. `en`, `en-GB`, `fr`.
    pub lang: Option<String>,
    /// Canonical address, `http`/`https` only.
    pub url: Option<String>,
    pub description: Option<String>,
    /// When the page was saved (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`): what a date the page gives
    /// as a time before it ("3 hours ago") is read against.
    pub saved: Option<String>,
}

const FENCE: &str = "---";
/// Most lines between the fences: ten authors and the six other keys, with room to spare.
const MAX_LINES: usize = 24;
const MAX_AUTHORS: usize = 10;
/// Longest value kept, in characters (a longer one is cut, with "…").
const MAX_VALUE_CHARS: usize = 500;

/// The block for `meta`, ending with a blank line; empty when `meta` says nothing the block keeps
/// (its title is not kept: the text's first line is the title).
pub fn write(meta: &PageMeta) -> String {
    let mut lines: Vec<(&str, String)> = Vec::new();
    // One line each, and short: a value is a name, a date, an address or a summary.
    let one = |v: &str| {
        let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
        match v.char_indices().nth(MAX_VALUE_CHARS) {
            Some((at, _)) => format!("{}…", &v[..at]),
            None => v,
        }
    };
    for a in meta.authors.iter().take(MAX_AUTHORS) {
        lines.push(("author", one(a)));
    }
    let dates = [
        ("published", &meta.published),
        ("modified", &meta.modified),
        ("saved", &meta.saved),
    ];
    for (key, value) in dates {
        if let Some(v) = value.as_deref().filter(|v| iso(v).is_some()) {
            lines.push((key, v.to_owned()));
        }
    }
    let rest = [
        ("site", &meta.site),
        ("lang", &meta.lang),
        ("url", &meta.url),
        ("description", &meta.description),
    ];
    for (key, value) in rest {
        if let Some(v) = value.as_deref() {
            lines.push((key, one(v)));
        }
    }
    lines.retain(|(key, v)| !v.is_empty() && (*key != "url" || is_web_address(v)));
    if lines.is_empty() {
        return String::new();
    }
    let mut out = String::from(FENCE);
    out.push('\n');
    for (key, value) in lines {
        out.push_str(key);
        out.push_str(": ");
        out.push_str(&value);
        out.push('\n');
    }
    out.push_str(FENCE);
    out.push_str("\n\n");
    out
}

/// The block at the top of `raw`, read, and the byte offset just past its closing `---`; `None`
/// when `raw` does not start with one.
pub fn read(raw: &str) -> Option<(PageMeta, usize)> {
    let mut lines = raw.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != FENCE {
        return None;
    }
    let mut at = first.len();
    let mut meta = PageMeta::default();
    for whole in lines.take(MAX_LINES + 1) {
        let line = whole.trim_end();
        if line == FENCE {
            return (meta != PageMeta::default()).then_some((meta, at + line.len()));
        }
        at += whole.len();
        let (key, value) = line.split_once(": ")?;
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        let set = |slot: &mut Option<String>, v: Option<&str>| {
            if slot.is_none() {
                *slot = v.map(str::to_owned);
            }
        };
        match key {
            "author" if meta.authors.len() < MAX_AUTHORS => meta.authors.push(value.to_owned()),
            "author" => {}
            "published" => set(&mut meta.published, iso(value).map(|_| value)),
            "modified" => set(&mut meta.modified, iso(value).map(|_| value)),
            "saved" => set(&mut meta.saved, iso(value).map(|_| value)),
            "site" => set(&mut meta.site, Some(value)),
            "lang" => set(&mut meta.lang, Some(value)),
            "url" => set(&mut meta.url, Some(value).filter(|v| is_web_address(v))),
            "description" => set(&mut meta.description, Some(value)),
            _ => return None,
        }
    }
    None
}

/// Where the text after the block at the top of `raw` starts: 0 when there is none.
pub fn end(raw: &str) -> usize {
    read(raw).map_or(0, |(_, end)| end)
}

/// The byline, dates and details the block gives, as the document keeps them.
pub fn details(
    meta: &PageMeta,
) -> (
    Option<Byline>,
    Option<DateInfo>,
    Option<DateInfo>,
    PageDetails,
) {
    let byline = (!meta.authors.is_empty()).then(|| Byline {
        name: join_names(&meta.authors),
        source: BylineSource::Metadata,
    });
    let date = |v: &Option<String>| v.as_deref().and_then(date_info);
    let details = PageDetails {
        authors: meta.authors.clone(),
        lang: meta.lang.clone(),
        url: meta.url.clone(),
        description: meta.description.clone(),
    };
    (byline, date(&meta.published), date(&meta.modified), details)
}

/// The block's text as readers read it: a line a detail, each named in words ("Updated: …"),
/// without the `---` fences. Lines it does not know are kept as they are.
pub fn readable(block: &str) -> String {
    const NAMES: [(&str, &str); 8] = [
        ("author", "Author"),
        ("published", "Published"),
        ("modified", "Updated"),
        ("site", "Website"),
        ("lang", "Language"),
        ("url", "Web address"),
        ("description", "Summary"),
        ("saved", "Saved"),
    ];
    block
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != FENCE)
        .map(|l| {
            let named = l.split_once(": ").and_then(|(key, value)| {
                let (_, name) = NAMES.iter().find(|(k, _)| *k == key)?;
                Some(format!("{name}: {value}"))
            });
            named.unwrap_or_else(|| l.to_owned())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// "A", "A and B", "A, B and C".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// An ISO date of the block as the page header shows it: "12 March 2025", "12 March 2025, 10:15".
fn date_info(value: &str) -> Option<DateInfo> {
    let Iso {
        year,
        month,
        day,
        time,
    } = iso(value)?;
    let day = format!("{day} {} {year}", month_name(month)?);
    let text = match time {
        Some((h, min)) => format!("{day}, {h:02}:{min:02}"),
        None => day,
    };
    Some(DateInfo {
        text,
        iso: value.to_owned(),
    })
}

/// A date of the block: a day, and maybe an hour and minute.
#[derive(Debug, PartialEq, Eq)]
struct Iso {
    year: u32,
    month: u32,
    day: u32,
    time: Option<(u32, u32)>,
}

/// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` of a real day from 1900 to 2100, read.
fn iso(value: &str) -> Option<Iso> {
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = value.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    if !(b.len() == 10 || b.len() == 16) || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    if !(1900..=2100).contains(&y) || Day::new(i64::from(y), m, d).is_none() {
        return None;
    }
    let time = if b.len() == 16 {
        if b[10] != b'T' || b[13] != b':' {
            return None;
        }
        let (h, min) = (digits(11..13)?, digits(14..16)?);
        if h > 23 || min > 59 {
            return None;
        }
        Some((h, min))
    } else {
        None
    };
    Some(Iso {
        year: y,
        month: m,
        day: d,
        time,
    })
}

/// An `http` or `https` address with no space in it.
fn is_web_address(v: &str) -> bool {
    let lower = v.get(..8).unwrap_or(v).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && v.len() > lower.find("//").unwrap_or(0) + 2
        && !v.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> PageMeta {
        PageMeta {
            title: Some("Not kept".into()),
            authors: vec!["Helen  Marsh".into(), "Tom Reed".into()],
            published: Some("2025-03-12T10:15".into()),
            modified: Some("2025-02-30".into()),
            site: Some("The Courier".into()),
            lang: Some("en-GB".into()),
            url: Some("javascript:alert(1)".into()),
            description: Some("Buses,\nnot trams.".into()),
            saved: Some("2025-03-12T18:40".into()),
        }
    }

    #[test]
    fn a_block_is_written_and_read_back() {
        let block = write(&meta());
        assert_eq!(
            block,
            "---\nauthor: Helen Marsh\nauthor: Tom Reed\npublished: 2025-03-12T10:15\nsaved: 2025-03-12T18:40\n\
             site: The Courier\nlang: en-GB\ndescription: Buses, not trams.\n---\n\n"
        );
        let text = format!("{block}Title\n\nText.");
        let (read_back, end) = read(&text).unwrap();
        assert_eq!(&text[end..], "\n\nTitle\n\nText.");
        assert_eq!(read_back.authors, ["Helen Marsh", "Tom Reed"]);
        assert_eq!(read_back.published.as_deref(), Some("2025-03-12T10:15"));
        assert_eq!((&read_back.modified, &read_back.url), (&None, &None));
        assert_eq!(read_back.saved.as_deref(), Some("2025-03-12T18:40"));
        let (byline, date, modified, details) = details(&read_back);
        assert_eq!(byline.unwrap().name, "Helen Marsh and Tom Reed");
        assert_eq!(date.unwrap().text, "12 March 2025, 10:15");
        assert_eq!(modified, None);
        assert_eq!(details.lang.as_deref(), Some("en-GB"));
        assert_eq!(write(&PageMeta::default()), "");
        assert_eq!(
            readable(block.trim_end()),
            "Author: Helen Marsh\nAuthor: Tom Reed\nPublished: 2025-03-12T10:15\nSaved: 2025-03-12T18:40\n\
             Website: The Courier\nLanguage: en-GB\nSummary: Buses, not trams."
        );
    }

    #[test]
    fn only_a_strict_block_is_read() {
        for text in [
            "--- \nauthor: A\n",
            "---\nauthor: A\nTitle\n---\n",
            "---\nauthor:\n---\n",
            "---\ntitle: A\n---\n",
            "Title\n---\nauthor: A\n---\n",
            "---\n---\n",
        ] {
            assert_eq!(read(text), None, "{text:?}");
        }
        let long = format!("---\n{}---\n", "author: A\n".repeat(MAX_LINES + 1));
        assert_eq!(read(&long), None);
        assert_eq!(end("no block"), 0);
        assert_eq!(
            iso("2024-02-29"),
            Some(Iso {
                year: 2024,
                month: 2,
                day: 29,
                time: None
            })
        );
        assert_eq!(iso("2025-02-29"), None);
        assert_eq!(iso("2025-03-12T24:00"), None);
        assert!(is_web_address("HTTPS://x.org/a") && !is_web_address("https://"));
        assert_eq!(
            join_names(&["A".into(), "B".into(), "C".into()]),
            "A, B and C"
        );
    }
}
