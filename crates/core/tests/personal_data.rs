//! Personal data and what cleaning keeps of a page. Pages written for the test hold personal
//! data in prose, outside any profile card (`tests/fixtures/personal/`): through the real pipeline,
//! no passage, heading or removed text holds any of their values, each value lies in a removed
//! block of the kind expected, and the checker that the bundle scan shares finds nothing. And the
//! cleaning invariant, on those pages, the real corpus and generated pages: every non-whitespace
//! byte of the page is in a passage, a section heading, the title's line or a removed block, and
//! each removed block's offsets point at its text, as stored with personal values withheld.
#![allow(clippy::disallowed_methods)] // Tests never reach the wasm.

mod common;
mod personal;

use parallax_core::clean::{clean, BlockKind};
use parallax_core::model::{Document, RemovalKind};
use parallax_core::segment::plain_text;
use parallax_core::{process_document, SourceMeta};
use personal::{Place, FIXTURES};
use proptest::prelude::*;

#[test]
fn personal_values_in_prose_are_removed_and_withheld() {
    let mut failures = Vec::new();
    for f in FIXTURES {
        let d = personal::document(f);
        // The pages are articles: they keep text, so the values are not gone with everything.
        assert!(d.passages.len() >= 2, "{}: {:?}", f.file, d.passages);
        failures.extend(personal::value_failures(f, &d));
        for (place, text) in personal::texts(&d) {
            for (what, m) in personal::findings(place, text) {
                failures.push(format!("{}: {what} {m:?} in {place:?} {text:?}", f.file));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The checker finds each shape in the raw pages, so that it cannot pass by finding nothing.
#[test]
fn the_checker_finds_every_shape_in_the_raw_pages() {
    for &(what, _) in personal::PATTERNS {
        let found = FIXTURES.iter().any(|f| {
            personal::findings(Place::Kept, &personal::raw(f))
                .iter()
                .any(|(w, _)| *w == what)
        });
        assert!(found, "{what} is never found in the raw fixtures");
    }
    let links = personal::findings(
        Place::Removed(RemovalKind::Promotion),
        &personal::raw(&FIXTURES[0]),
    );
    assert_eq!(
        links.iter().filter(|(w, _)| *w == "link").count(),
        3,
        "{links:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// The cleaning invariant.

/// Whether a removed block's stored line is the raw line (trimmed) as it is or with personal
/// values withheld: the whole line, a field's value ("• Name : [withheld]"), or words, each
/// "[withheld]" standing for one or more words of the raw line.
fn line_matches(raw: &str, stored: &str) -> bool {
    // A line the HTML reader set aside is stored without its mark.
    let raw = parallax_core::markers::removed(raw).map_or(raw, |(_, text)| text);
    if stored == "[line with personal data withheld]" {
        return true;
    }
    if let Some(head) = stored.strip_suffix(" : [withheld]") {
        if raw.split_once(':').map(|(h, _)| h.trim_end()) == Some(head) {
            return true;
        }
    }
    // A platform's account written right after its name ("X:@ana", "x:/a.b"), withheld whole:
    // "X: [withheld]", as cleaning keeps no more than three words of an account.
    if let Some(head) = stored.strip_suffix(" [withheld]") {
        if head.ends_with(':')
            && raw.starts_with(head)
            && raw[head.len()..].split_whitespace().count() <= 3
        {
            return true;
        }
    }
    let r: Vec<&str> = raw.split_whitespace().collect();
    let s: Vec<&str> = stored.split_whitespace().collect();
    // ok[i][j]: the first i stored words match the first j raw words.
    let mut ok = vec![vec![false; r.len() + 1]; s.len() + 1];
    ok[0][0] = true;
    for i in 1..=s.len() {
        for j in 1..=r.len() {
            let same = s[i - 1] == r[j - 1] && ok[i - 1][j - 1];
            // A withheld run: its first raw word, or one more.
            let withheld = s[i - 1] == "[withheld]" && (ok[i - 1][j - 1] || ok[i][j - 1]);
            ok[i][j] = same || withheld;
        }
    }
    ok[s.len()][r.len()]
}

/// Checks the cleaning invariant on one page; returns what fails, described.
fn invariant_failures(raw: &str) -> Vec<String> {
    let d: Document = process_document(&SourceMeta::default(), raw);
    let cleaned = clean(raw);
    let mut out = Vec::new();
    let boundary = |at: u32| (at as usize) <= raw.len() && raw.is_char_boundary(at as usize);
    // Removed blocks: in file order, apart, on character boundaries, and their text is the raw
    // slice's non-blank lines, trimmed, with personal values withheld.
    let mut last_end = 0;
    for r in &d.removed {
        if !(r.start < r.end && boundary(r.start) && boundary(r.end) && r.start >= last_end) {
            out.push(format!("removed block out of place: {r:?}"));
            continue;
        }
        last_end = r.end;
        let slice = &raw[r.start as usize..r.end as usize];
        let lines: Vec<&str> = slice
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let stored: Vec<&str> = r.text.split('\n').collect();
        if lines.len() != stored.len()
            || !lines.iter().zip(&stored).all(|(l, s)| line_matches(l, s))
        {
            out.push(format!(
                "removed {:?} at {}..{} stores {:?} for {slice:?}",
                r.kind, r.start, r.end, r.text
            ));
        }
    }
    // Passages: on character boundaries, in order.
    let mut last_end = 0;
    for p in &d.passages {
        if !(p.start < p.end && boundary(p.start) && boundary(p.end) && p.start >= last_end) {
            out.push(format!(
                "passage out of place: {} {}..{}",
                p.id, p.start, p.end
            ));
        }
        last_end = p.end;
    }
    // Section headings: the cleaned heading blocks they start at.
    let mut covered = vec![false; raw.len()];
    let cover = |covered: &mut [bool], s: u32, e: u32| {
        let n = covered.len();
        for c in &mut covered[(s as usize).min(n)..(e as usize).min(n)] {
            *c = true;
        }
    };
    for s in &d.sections {
        let Some(h) = &s.heading else { continue };
        let block = cleaned
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Heading && b.spans[0].0 == s.start);
        match block {
            Some(b) => {
                let (start, end) = (b.spans[0].0, b.spans[b.spans.len() - 1].1);
                if plain_text(&raw[start as usize..end as usize]) != *h {
                    out.push(format!("heading {h:?} is not its span {start}..{end}"));
                }
                cover(&mut covered, start, end);
            }
            None => out.push(format!("heading {h:?} at {} has no heading block", s.start)),
        }
    }
    for p in &d.passages {
        cover(&mut covered, p.start, p.end);
    }
    for r in &d.removed {
        cover(&mut covered, r.start, r.end);
    }
    // The title's line: the first non-blank line that no removed block holds.
    let mut offset = 0;
    for line in raw.split_inclusive('\n') {
        let lead = line.len() - line.trim_start().len();
        let (s, e) = (offset + lead, offset + lead + line.trim().len());
        offset += line.len();
        if s == e || covered[s] {
            continue;
        }
        if plain_text(&raw[s..e]) != d.title {
            out.push(format!(
                "title {:?} is not its line {:?}",
                d.title,
                &raw[s..e]
            ));
        }
        cover(&mut covered, s as u32, e as u32);
        break;
    }
    // Every non-whitespace character is somewhere.
    let mut lost: Vec<(usize, usize)> = Vec::new();
    for (i, c) in raw.char_indices() {
        if c.is_whitespace() || covered[i] {
            continue;
        }
        match lost.last_mut() {
            Some((_, e)) if raw[*e..i].trim().is_empty() => *e = i + c.len_utf8(),
            _ => lost.push((i, i + c.len_utf8())),
        }
    }
    for (s, e) in lost {
        out.push(format!("{s}..{e} {:?} is in nothing", &raw[s..e]));
    }
    out
}

#[test]
fn the_invariant_holds_on_the_fixtures_and_the_real_corpus() {
    let mut failures = Vec::new();
    for f in FIXTURES {
        failures.extend(
            invariant_failures(&personal::raw(f))
                .into_iter()
                .map(|e| format!("{}: {e}", f.file)),
        );
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia");
    for d in &common::real_corpus().documents {
        let raw = std::fs::read_to_string(dir.join(&d.file)).unwrap();
        failures.extend(
            invariant_failures(&raw)
                .into_iter()
                .map(|e| format!("{}: {e}", d.file)),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Markdown marks cut out of a line ("--- ### Heading Text…", as in the corpus's 002, or "--- text"
/// after a table of contents) belong to the piece they introduce, so that they too are in a span.
#[test]
fn markdown_marks_are_in_the_piece_they_introduce() {
    let pages = [
        // The heading mark before an inline heading.
        "Title\n\n### Money Matters Trade grew fast in the first year.\n",
        // A rule and a heading mark.
        "Title\n\n--- ### Early Days The pact began in 2001.\n",
        // A rule before a paragraph.
        "Title\n\n--- Trade grew fast.\n",
        // A heading of markup only: the mark and the bullet.
        "Title\n\n### • By the port we met.\n",
    ];
    let failures: Vec<String> = pages
        .iter()
        .flat_map(|raw| {
            invariant_failures(raw)
                .into_iter()
                .map(move |f| format!("{raw:?}: {f}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Words for generated text: the real corpus's kinds of words, furniture words, and odd ones.
fn vocabulary() -> &'static [String] {
    static V: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        [
            "Iran",
            "Russia",
            "the",
            "treaty",
            "signed",
            "in",
            "2001",
            "our",
            "article",
            "read",
            "comments",
            "below",
            "share",
            "your",
            "thoughts",
            "you",
            "What",
            "do",
            "think?",
            "**bold**",
            "[link](#a)",
            "•",
            "-",
            "###",
            "---",
            "By",
            "Name",
            ":",
            "@crew_x",
            "a@b.org",
            "IL",
            "62704",
            "+1",
            "(202)",
            "555-0143",
            "https://x.com/a",
            "www.site.example",
            "facebook.com/a",
            "Israël",
            "Straße",
            "«",
            "»",
            "—",
            "→",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    })
}

/// A line of a page: headings, paragraphs, furniture of every kind the cleaner knows, personal
/// data, markdown marks, and arbitrary text; with stray spaces around it.
fn page_line() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        // Headings.
        "Money And Cranes",
        "Why the Ports Matter",
        "## Early Days of the Pact",
        "### Money Matters",
        "--- ### Early Days of the Pact The pact began in 2001. ### Money Matters Trade grew fast.",
        "---",
        "## ",
        // Furniture.
        "Home →",
        "← Previous article",
        "Contents",
        "Table of Contents",
        "• [Money Matters](#money)",
        "* [Why the Ports Matter](#why)",
        "12 April 2024",
        "Mar 3, 2025 - 10:19",
        "Written by Jane Roe",
        "By: A.Writer",
        "Author Profile:",
        "  • Name : Sam Example",
        "  • Email : sam@example.net",
        "  • Company : Acme Pipes",
        "Twitter:@harbour_news",
        "  • Phone : 555-010-4477",
        "Follow us",
        "instagram:",
        "  • url : https://instagram.com/samexample",
        "About the Author",
        "Jane Q Writer",
        "Senior Writer at the desk",
        "X",
        "Let us know what you think in the comments below! Would you ship through these ports?",
        "The deal is worth 40 million euros. For background, read our explainer piece: How Ports Work. The cranes arrive next year.",
        "Browse more articles on our site.",
        "[Removed: navigation] Home News Sport",
        "[Removed: comments] Jo wrote: call me on +1 (202) 555-0143",
        "[Removed: footer]",
        "Sailing Tips For Beginners | Ports Weekly",
        // Personal data in prose.
        "Call the office on +1 (202) 555-0143 today.",
        "Harbour Office, 1200 Quay Road, Springfield, IL 62704",
        "Write to tips@harbour-news.example with corrections.",
        "Ask @cranecrew_live what they saw.",
        "Follow facebook.com/portauthority for news.",
        "Share your thoughts at https://forum.example/t/1 below!",
        // Paragraphs.
        "The two ports signed a deal on Monday. It covers cranes and rail links.",
        "Iran and Russia signed the treaty in 2001, **after** long talks.",
        "Le traité a été signé en 2001. Die Straße ist lang.",
        // Blank lines.
        "",
        "   ",
    ])
    .prop_map(str::to_owned);
    let pad = prop::sample::select(vec!["", " ", "  ", "\t", "\u{a0}"]);
    prop_oneof![
        6 => fixed,
        3 => common::sentence(vocabulary()),
        1 => "\\PC{0,30}",
    ]
    .prop_flat_map(move |line| {
        (
            pad.clone(),
            Just(line),
            prop::sample::select(vec!["", " ", "\r"]),
        )
    })
    .prop_map(|(pad, line, end)| format!("{pad}{line}{end}"))
}

/// A page: lines, each ended by one or two line breaks.
fn page() -> impl Strategy<Value = String> {
    prop::collection::vec((page_line(), prop::bool::ANY), 0..24).prop_map(|lines| {
        lines
            .into_iter()
            .map(|(l, double)| format!("{l}\n{}", if double { "\n" } else { "" }))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases()))]

    /// Any page: every non-whitespace byte is in a passage, a section heading, the title's line or
    /// a removed block; removed blocks point at their text, stored with personal values withheld.
    #[test]
    fn cleaning_loses_nothing_and_removed_offsets_point_at_their_text(raw in page()) {
        let failures = invariant_failures(&raw);
        prop_assert!(failures.is_empty(), "{}\npage: {raw:?}", failures.join("\n"));
    }
}
