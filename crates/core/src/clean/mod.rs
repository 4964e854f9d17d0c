//! Cleaning: sorts the lines of a raw web page into kept blocks (headings, paragraphs) and
//! removed blocks, each with its reason, and reads title, byline and date. Never fails.
//!
//! The rules describe kinds of page furniture (profile cards, social blocks, link lists, calls to
//! comment…), not the strings of one page, so that a new article with the same junk is cleaned
//! too. Everything removed is kept in `Cleaned::removed` with its byte span in the original.

use crate::markers;
use crate::model::{Byline, BylineSource, DateInfo, PassageKind, RemovalKind, Removed};
use crate::segment::{plain_text, sentence_spans};

pub(crate) mod dateline;
mod furniture;
mod personal;

pub use dateline::parse_date;
use personal::is_personal_key;
pub use personal::{has_personal_data, redact, redact_card};

/// What a kept block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading,
    Paragraph,
}

/// A kept block: one or more byte spans of the original (several when sentences were cut out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub spans: Vec<(u32, u32)>,
}

/// The result of cleaning one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub title: Option<String>,
    pub byline: Option<Byline>,
    pub date: Option<DateInfo>,
    /// When the page says it was last updated ("Updated 13 March 2025").
    pub modified: Option<DateInfo>,
    /// The kind of text its byline or date line names ("Opinion Editor", "Local news"):
    /// "opinion", "analysis", "explainer" or "news".
    pub kind: Option<String>,
    /// A date the page gives as a time before it was saved ("Helen Marsh – 3 hours ago"), when
    /// it gives no date: the pipeline reads it against the day the page was saved.
    pub date_ago: Option<dateline::Ago>,
    pub modified_ago: Option<dateline::Ago>,
    pub blocks: Vec<Block>,
    /// In file order.
    pub removed: Vec<Removed>,
}

/// A non-blank line: its trimmed text and where that text sits in the original.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// What the line pass decided for a piece of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Keep(BlockKind),
    Drop(RemovalKind),
    Title,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Normal,
    Profile,
    Socials,
    AboutAuthor,
    Toc,
}

/// Cleans one raw page.
pub fn clean(raw: &str) -> Cleaned {
    let lines = lines(raw);
    let mut out = Cleaned::default();
    // Pieces (start, end, class) in file order; a line with inline markdown headings gives several.
    let mut pieces: Vec<(usize, usize, Class)> = Vec::new();
    let mut toc_headings: Vec<String> = Vec::new();
    let mut mode = Mode::Normal;
    let mut claimed_author: Option<String> = None;
    // The page's own details that an import wrote at the top (`front`): read by the pipeline.
    let front = crate::front::end(raw);

    for line in &lines {
        let t = line.text;
        let mut push = |class: Class| pieces.push((line.start, line.end, class));
        if line.end <= front {
            push(Class::Drop(RemovalKind::PageDetails));
            continue;
        }
        // What the HTML reader set aside, in place, with its reason.
        if let Some((kind, _)) = markers::removed(t) {
            push(Class::Drop(kind));
            continue;
        }
        if is_navigation(t) {
            mode = Mode::Normal;
            push(Class::Drop(RemovalKind::Navigation));
            continue;
        }
        match mode {
            Mode::Profile if bullet_key_value(t).is_some() => {
                push(Class::Drop(RemovalKind::AuthorProfile));
                continue;
            }
            Mode::Socials
                if bullet_key_value(t).is_some() || is_platform_label(t) || is_social_line(t) =>
            {
                push(Class::Drop(RemovalKind::Socials));
                continue;
            }
            Mode::Toc if is_toc_entry(t) => {
                toc_headings.extend(link_texts(t));
                push(Class::Drop(RemovalKind::TableOfContents));
                continue;
            }
            Mode::AboutAuthor if is_about_author_content(t, claimed_author.as_deref()) => {
                if claimed_author.is_none() && looks_like_name(t) {
                    claimed_author = Some(t.to_owned());
                }
                push(Class::Drop(RemovalKind::AboutAuthor));
                continue;
            }
            _ => mode = Mode::Normal,
        }
        // What the line is marked as (a list item, a quotation, a table row…), and its text.
        let (marked, content) = markers::read(t);
        // The line's plain text, read once for the tests below that need it.
        let plain = plain_text(t);
        if out.title.is_none() {
            out.title = Some(plain.clone());
            push(Class::Title);
        } else if is_profile_header(t)
            || bullet_key_value(t).is_some_and(|(k, _)| is_personal_key(&k))
        {
            mode = Mode::Profile;
            push(Class::Drop(RemovalKind::AuthorProfile));
        } else if is_socials_header(t)
            || (is_platform_label(t) && t.ends_with(':'))
            || is_social_line(t)
        {
            mode = Mode::Socials;
            push(Class::Drop(RemovalKind::Socials));
        } else if is_about_author_header(t) {
            mode = Mode::AboutAuthor;
            push(Class::Drop(RemovalKind::AboutAuthor));
        } else if is_toc_header(&plain) {
            toc_headings.extend(link_texts(t));
            mode = Mode::Toc;
            push(Class::Drop(RemovalKind::TableOfContents));
        } else if let Some(d) = dateline::read(t).filter(|d| {
            (d.published.is_some() && out.date.is_none())
                || (d.modified.is_some() && out.modified.is_none())
                || (d.author.is_some() && out.byline.is_none())
                || (d.published_ago.is_some() && out.date_ago.is_none())
                || (d.modified_ago.is_some() && out.modified_ago.is_none())
        }) {
            // A combined line is one removed block: a byline if it names the writer.
            push(Class::Drop(if d.author.is_some() {
                RemovalKind::Byline
            } else {
                RemovalKind::Dateline
            }));
            out.date = out.date.take().or(d.published);
            out.modified = out.modified.take().or(d.modified);
            out.kind = out.kind.take().or(d.kind.map(str::to_owned));
            out.date_ago = out.date_ago.take().or(d.published_ago);
            out.modified_ago = out.modified_ago.take().or(d.modified_ago);
            if out.byline.is_none() {
                out.byline = d.author.map(|name| Byline {
                    name,
                    source: BylineSource::Byline,
                });
            }
        } else if out.title.as_deref() == Some(plain.as_str()) {
            push(Class::Drop(RemovalKind::DuplicateTitle));
        } else if t.chars().filter(|c| c.is_alphanumeric()).nth(2).is_none() {
            push(Class::Drop(RemovalKind::LayoutFragment));
        } else if has_personal_data(t) {
            push(Class::Drop(RemovalKind::PersonalData));
        } else if let Some(kind) = match marked {
            PassageKind::TableRow => None,
            // Unmarked, the content is the whole line.
            PassageKind::Paragraph => furniture::kind(&plain),
            _ => furniture::kind(&plain_text(content)),
        } {
            push(Class::Drop(kind));
        } else if marked != PassageKind::Paragraph {
            // A list item, quotation, table row… is never a heading, however short.
            push(Class::Keep(BlockKind::Paragraph));
        } else if has_markdown_headings(t) {
            pieces.extend(split_markdown(line, &toc_headings));
        } else if is_heading_text(&plain) {
            push(Class::Keep(BlockKind::Heading));
        } else {
            push(Class::Keep(BlockKind::Paragraph));
        }
    }

    if out.byline.is_none() {
        out.byline = claimed_author.map(|name| Byline {
            name,
            source: BylineSource::AboutAuthorBox,
        });
    }

    // Sentence rules inside paragraphs: promotion anywhere, a trailing run of calls to act.
    let mut blocks: Vec<(Block, Option<RemovalKind>)> = Vec::new();
    let mut cuts: Vec<(usize, usize, RemovalKind)> = Vec::new();
    for &(start, end, class) in &pieces {
        match class {
            Class::Title => {}
            Class::Drop(kind) => cuts.push((start, end, kind)),
            Class::Keep(BlockKind::Heading) => {
                let own = classify_sentence(&raw[start..end]);
                blocks.push((block(BlockKind::Heading, start, end), own));
            }
            // A table row is cells, not sentences: kept whole.
            Class::Keep(BlockKind::Paragraph)
                if markers::read(&raw[start..end]).0 == PassageKind::TableRow =>
            {
                blocks.push((block(BlockKind::Paragraph, start, end), None));
            }
            Class::Keep(BlockKind::Paragraph) => {
                let (kept, cut) = clean_paragraph(raw, start, end);
                cuts.extend(cut.into_iter().map(|(kind, s, e)| (s, e, kind)));
                if !kept.is_empty() {
                    blocks.push((
                        Block {
                            kind: BlockKind::Paragraph,
                            spans: kept,
                        },
                        None,
                    ));
                }
            }
        }
    }

    // Headline-like lines (and list items of a headline's shape) after the last paragraph are a
    // related-link list; a headline-like line that repeats an earlier one is a repeated
    // headline; a heading that is a call to act goes.
    let short_item = |b: &Block| {
        let (kind, content) = markers::read(&raw[b.spans[0].0 as usize..b.spans[0].1 as usize]);
        kind == PassageKind::ListItem && is_heading_like(content)
    };
    let last_paragraph = blocks
        .iter()
        .rposition(|(b, _)| b.kind == BlockKind::Paragraph && !short_item(b));
    // A set, not a list: a page of thousands of distinct headings must not compare each with
    // every earlier one (a lookup is one step in the cost tests).
    let mut seen: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for (i, (b, own)) in blocks.into_iter().enumerate() {
        let (start, end) = (b.spans[0].0 as usize, b.spans[b.spans.len() - 1].1 as usize);
        if b.kind == BlockKind::Paragraph
            && last_paragraph.is_none_or(|lp| i > lp)
            && short_item(&b)
        {
            cuts.push((start, end, RemovalKind::RelatedLinks));
            continue;
        }
        if b.kind == BlockKind::Heading {
            let key = plain_text(&raw[start..end]).to_lowercase();
            crate::probe::step(1);
            let repeated = seen.contains(&key);
            let kind = if last_paragraph.is_none_or(|lp| i > lp) {
                Some(RemovalKind::RelatedLinks)
            } else if repeated {
                Some(RemovalKind::RepeatedHeadline)
            } else {
                own
            };
            seen.insert(key);
            if let Some(kind) = kind {
                cuts.push((start, end, kind));
                continue;
            }
        }
        out.blocks.push(b);
    }
    crate::sort::sort(&mut cuts);
    out.removed = merge_cuts(raw, &cuts);
    out
}

fn block(kind: BlockKind, start: usize, end: usize) -> Block {
    Block {
        kind,
        spans: vec![(start as u32, end as u32)],
    }
}

/// Turns sorted cut spans into removed blocks, merging neighbours of the same kind when only
/// whitespace stands between them (a profile card is one block, not ten lines).
fn merge_cuts(raw: &str, cuts: &[(usize, usize, RemovalKind)]) -> Vec<Removed> {
    let mut removed: Vec<Removed> = Vec::new();
    for &(start, end, kind) in cuts {
        // Without the HTML reader's mark: the kind says it.
        let whole = raw[start..end].trim();
        let text = markers::removed(whole).map_or(whole, |(_, text)| text);
        let text = &match kind {
            // A profile card and its social box are a made-up person whole: employer, job title,
            // bio and follower counts identify as surely as an address does.
            RemovalKind::AuthorProfile | RemovalKind::Socials => redact_card(text),
            _ => redact(text),
        };
        if let Some(last) = removed.last_mut() {
            let gap = raw.get(last.end as usize..start).unwrap_or("x");
            if last.kind == kind && gap.trim().is_empty() {
                last.text.push(if gap.contains('\n') { '\n' } else { ' ' });
                last.text.push_str(text);
                last.end = end as u32;
                continue;
            }
        }
        removed.push(Removed {
            kind,
            text: text.to_owned(),
            start: start as u32,
            end: end as u32,
        });
    }
    removed
}

/// Non-blank lines with the byte span of their trimmed text.
fn lines(raw: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for piece in raw.split_inclusive('\n') {
        let lead = piece.len() - piece.trim_start().len();
        let text = piece.trim();
        if !text.is_empty() {
            out.push(Line {
                text,
                start: offset + lead,
                end: offset + lead + text.len(),
            });
        }
        offset += piece.len();
    }
    out
}

/// The words of `t`: runs of letters, digits and apostrophes.
fn words(t: &str) -> impl Iterator<Item = &str> {
    t.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
}

fn lower_words(t: &str) -> Vec<String> {
    words(t).map(str::to_lowercase).collect()
}

/// The words of `t` lowercased and joined by single spaces, when there are at most `max`: the
/// fixed phrases a header is matched against are short, and a paragraph is never lowercased
/// just to learn that it is not one.
fn short_phrase(t: &str, max: usize) -> Option<String> {
    words(t)
        .nth(max)
        .is_none()
        .then(|| lower_words(t).join(" "))
}

fn word_count(t: &str) -> usize {
    t.split_whitespace().count()
}

fn is_navigation(t: &str) -> bool {
    const WORDS: &[&str] = &[
        "home",
        "back",
        "back to home",
        "back to top",
        "next",
        "previous",
        "next article",
        "previous article",
        "about me",
        "about us",
        "contact",
        "contact us",
        "menu",
        "skip to content",
        "read more",
        "older posts",
        "newer posts",
    ];
    if t.split_whitespace().nth(6).is_some() {
        return false;
    }
    let arrows = ['←', '→', '«', '»', '‹', '›', '⟵', '⟶'];
    if t.starts_with(arrows) || t.ends_with(arrows) {
        return true;
    }
    short_phrase(t, 3).is_some_and(|p| WORDS.contains(&p.as_str()))
}

/// `• Key : value` (or `* Key: value`) with a short key: the shape of profile and social cards.
fn bullet_key_value(t: &str) -> Option<(String, String)> {
    let body = t.trim_start_matches(['•', '*', '-', '·', '▪', '◦', ' ']);
    if body.len() == t.len() {
        return None;
    }
    let (key, value) = body.split_once(':')?;
    let key = key.trim();
    (!key.is_empty() && word_count(key) <= 3 && !key.contains('['))
        .then(|| (key.to_lowercase(), value.trim().to_owned()))
}

fn is_profile_header(t: &str) -> bool {
    // At most four words: a header, not a sentence about an author's profile.
    if words(t).nth(4).is_some() {
        return false;
    }
    let words = lower_words(t);
    words.iter().any(|w| w == "author" || w == "writer")
        && words
            .iter()
            .any(|w| matches!(w.as_str(), "detail" | "details" | "profile" | "info"))
}

fn is_socials_header(t: &str) -> bool {
    matches!(
        short_phrase(t, 3).as_deref().unwrap_or(""),
        "socials"
            | "social"
            | "social media"
            | "follow me"
            | "follow us"
            | "find me on"
            | "connect"
    )
}

/// Social-media platforms, by the names pages print.
const PLATFORMS: &[&str] = &[
    "instagram",
    "facebook",
    "tiktok",
    "linkedin",
    "twitter",
    "x",
    "youtube",
    "pinterest",
    "snapchat",
    "threads",
    "mastodon",
    "github",
    "telegram",
    "whatsapp",
    "reddit",
    "bluesky",
    "email",
    "e-mail",
    "rss",
    "flipboard",
    "vk",
    "weibo",
    "wechat",
];

fn is_platform(word: &str) -> bool {
    PLATFORMS.contains(&word)
}

fn is_platform_label(t: &str) -> bool {
    t.len() <= 16 && short_phrase(t, 1).is_some_and(|w| is_platform(&w))
}

/// A line of a social-media block in any of the layouts pages use, with or without a header:
/// a row of platform names ("Facebook · X · Instagram", "Share: Facebook | Email"), or one
/// platform with an account ("Twitter: @ana_ruiz", "• Instagram  instagram.com/ana",
/// "YouTube 12.4K subscribers").
fn is_social_line(t: &str) -> bool {
    if t.len() > 200 {
        return false;
    }
    let body = t.trim_start_matches(['•', '*', '-', '·', '▪', '◦', ' ']);
    // A row: platform names, with at most a "share" or "follow us on" around them (read word by
    // word, up to the first word that is neither).
    const AROUND: &[&str] = &[
        "share", "follow", "us", "me", "on", "and", "via", "this", "article",
    ];
    let mut platforms = 0;
    let row = words(body).all(|w| {
        let w = w.to_lowercase();
        let platform = is_platform(&w);
        platforms += usize::from(platform);
        platform || AROUND.contains(&w.as_str())
    });
    if row && platforms >= 2 {
        return true;
    }
    account_at(t).is_some()
}

/// Where the account starts in a line of one platform and an account (a handle, an address, or
/// a count of followers): "Twitter: @ana", "• YouTube 12.4K subscribers".
fn account_at(t: &str) -> Option<usize> {
    let body = t.trim_start_matches(['•', '*', '-', '·', '▪', '◦', ' ']);
    let name_end = body
        .find(|c: char| !c.is_alphanumeric() && c != '-')
        .unwrap_or(body.len());
    if !is_platform(&body[..name_end].to_lowercase()) {
        return None;
    }
    // The platform is a word of its own ("facebook.com/a" is an address, not a platform).
    let after = &body[name_end..];
    if !(after.starts_with(':') || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let rest = after.trim_start_matches([':', ' ', '\t', '-', '–', '|']);
    let at = t.len() - rest.len();
    let account = rest.split_whitespace().next().unwrap_or("");
    let handle = account.starts_with('@') && account.len() > 1;
    let address = account.contains(".com/")
        || account.contains("://")
        || (account.contains('.') && account.contains('/'));
    let count = account.chars().next().is_some_and(|c| c.is_ascii_digit())
        && rest.split_whitespace().nth(1).is_some_and(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "followers" | "following" | "subscribers" | "fans" | "likes"
            )
        });
    (word_count(rest) <= 3 && (handle || address || count)).then_some(at)
}

/// A line of one platform and an account, with the account withheld: "Twitter: [withheld]".
fn withhold_account(t: &str, withheld: &str) -> Option<String> {
    account_at(t).map(|at| format!("{} {withheld}", t[..at].trim_end()))
}

fn is_about_author_header(t: &str) -> bool {
    matches!(
        short_phrase(t, 3).as_deref().unwrap_or(""),
        "about the author" | "about this author" | "about the writer" | "about author"
    )
}

/// Lines of an "About the Author" box: a name, a role, a short bio about the writer.
fn is_about_author_content(t: &str, name: Option<&str>) -> bool {
    let words = lower_words(t);
    if words.len() <= 10 && !t.ends_with('.') {
        return true;
    }
    let first = name
        .and_then(|n| n.split_whitespace().next())
        .map(str::to_lowercase);
    words.iter().any(|w| {
        matches!(
            w.as_str(),
            "writer" | "author" | "contributor" | "editor" | "journalist" | "columnist"
        ) || Some(w) == first.as_ref()
    })
}

/// Two to four capitalised words, no digits: a person's name.
fn looks_like_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !w.contains(|c: char| c.is_ascii_digit() || c == '&')
        })
}

/// Whether a line's plain text heads a table of contents. Only its first 19 characters are
/// lowercased: every header it is matched against is shorter.
fn is_toc_header(plain: &str) -> bool {
    let head: String = plain
        .chars()
        .flat_map(char::to_lowercase)
        .take(19)
        .collect();
    head.starts_with("table of contents")
        || matches!(
            head.as_str(),
            "contents" | "in this article" | "sommaire" | "inhaltsverzeichnis"
        )
}

/// A line of a table of contents: a bullet and/or a link to an in-page anchor.
fn is_toc_entry(t: &str) -> bool {
    t.contains("](#") || (t.starts_with(['•', '*', '-']) && word_count(t) <= 12)
}

/// Texts of the `[text](#anchor)` links in a line: the headings a table of contents names.
fn link_texts(t: &str) -> Vec<String> {
    t.split('[')
        .skip(1)
        .filter_map(|piece| piece.split_once("](#").map(|(text, _)| plain_text(text)))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Short, unpunctuated lines are headings: at most 16 words and 120 bytes, starting with a
/// capital or digit, not ending like a sentence or a label.
fn is_heading_like(t: &str) -> bool {
    is_heading_text(&plain_text(t))
}

/// [`is_heading_like`] on a line's plain text.
fn is_heading_text(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 120
        && word_count(t) <= 16
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        && !t.ends_with(['.', ',', ';', ':'])
        && !(t.ends_with(['!', '?']) && inner_sentence_end(t))
}

/// Whether a sentence ends inside `t` and another starts after it (`?`, `!` or `.`, a space, a
/// capital letter): a line of two sentences that ends as a sentence ends ("Wie war das
/// nochmal? Hier ein Auszug!") is a short paragraph, not a heading.
fn inner_sentence_end(t: &str) -> bool {
    t.match_indices(['.', '!', '?']).any(|(i, _)| {
        let mut after = t[i + 1..].chars();
        after.next() == Some(' ') && after.next().is_some_and(char::is_uppercase)
    })
}

fn has_markdown_headings(t: &str) -> bool {
    markdown_marks(t).next().is_some()
}

/// Byte ranges of the `##`…`######` heading marks in a line (at its start or after a space),
/// and of `---` rules.
fn markdown_marks(t: &str) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
    let bytes = t.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let at_word = i == 0 || bytes[i - 1] == b' ';
            let c = bytes[i];
            if at_word && (c == b'#' || c == b'-') {
                let run = bytes[i..].iter().take_while(|&&b| b == c).count();
                let after = i + run;
                let spaced = after == bytes.len() || bytes[after] == b' ';
                let is_mark = spaced
                    && if c == b'#' {
                        (1..=6).contains(&run)
                    } else {
                        run >= 3
                    };
                if is_mark {
                    let start = i;
                    i = after;
                    return Some((start, after, c == b'#'));
                }
            }
            i += 1;
        }
        None
    })
}

/// Splits a line with inline markdown headings ("--- ### Heading Body text… ### Next…") into
/// heading and paragraph pieces. Where a heading ends is read from the page's own table of
/// contents when it lists it, otherwise guessed from capitalisation. The marks belong to the
/// piece they introduce (so that no byte of the page is left out of every span): a heading's span
/// starts at its `###`, a paragraph's at a `---` before it, and marks at the end of the line end
/// the piece before them.
fn split_markdown(line: &Line, toc: &[String]) -> Vec<(usize, usize, Class)> {
    let t = line.text;
    let marks: Vec<(usize, usize, bool)> = markdown_marks(t).collect();
    let mut out = Vec::new();
    // Where the marks (and pieces of markup only) not yet in a piece start.
    let mut pending: Option<usize> = None;
    let mut push = |s: usize, e: usize, kind: BlockKind, pending: &mut Option<usize>| {
        let piece = &t[s..e];
        let trimmed = piece.trim();
        let lead = piece.len() - piece.trim_start().len();
        if plain_text(trimmed).is_empty() {
            if !trimmed.is_empty() {
                pending.get_or_insert(s + lead);
            }
            return;
        }
        let start = pending.take().unwrap_or(s + lead);
        out.push((
            line.start + start,
            line.start + s + lead + trimmed.len(),
            Class::Keep(kind),
        ));
    };
    let first = marks.first().map_or(t.len(), |m| m.0);
    push(0, first, BlockKind::Paragraph, &mut pending);
    for (i, &(mark, after, is_heading)) in marks.iter().enumerate() {
        pending.get_or_insert(mark);
        let next = marks.get(i + 1).map_or(t.len(), |m| m.0);
        if !is_heading {
            push(after, next, BlockKind::Paragraph, &mut pending);
            continue;
        }
        let content = &t[after..next];
        let head_len = heading_length(content, toc);
        push(after, after + head_len, BlockKind::Heading, &mut pending);
        push(after + head_len, next, BlockKind::Paragraph, &mut pending);
    }
    if pending.is_some() {
        let end = line.start + t.trim_end().len();
        match out.last_mut() {
            Some(last) => last.1 = end,
            // Marks and markup only: page layout.
            None => out.push((
                line.start + pending.unwrap_or(0),
                end,
                Class::Drop(RemovalKind::LayoutFragment),
            )),
        }
    }
    out
}

/// Words that start a sentence and so, after a run of capitalised heading words, usually start
/// the body that follows the heading.
const SENTENCE_STARTERS: &[&str] = &[
    "The", "A", "An", "This", "These", "That", "Those", "It", "Its", "In", "One", "Despite",
    "While", "Both", "As", "For", "From", "With", "Since", "After", "Before", "Although",
    "However", "When", "There", "Their", "Our", "We", "Many", "Most", "Some",
];
/// Lowercase words that title-cased headings keep lowercase.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "on", "in", "to", "for", "with", "vs", "at", "by", "from",
    "as", "but", "nor", "de", "la", "le", "und", "der", "die", "das",
];

/// Byte length of the heading at the start of `content` (text after a `###` mark).
fn heading_length(content: &str, toc: &[String]) -> usize {
    let lead = content.len() - content.trim_start().len();
    let body = &content[lead..];
    let plain = |s: &str| plain_text(s);
    // The longest table-of-contents entry that the content starts with.
    let from_toc = toc
        .iter()
        .filter(|h| {
            let n = h.len();
            body.get(..n).is_some_and(|p| plain(p) == **h)
                && body[n..].chars().next().is_none_or(char::is_whitespace)
        })
        .map(String::len)
        .max();
    if let Some(n) = from_toc {
        return lead + n;
    }
    // Otherwise: heading words are capitalised or small; the body starts at the last sentence
    // starter (or else the last capitalised word) before the first lowercase content word.
    let words: Vec<(usize, &str)> = body
        .split(' ')
        .scan(0, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let first_lower = words.iter().enumerate().skip(1).find(|(_, (_, w))| {
        let b = bare(w);
        b.chars().next().is_some_and(char::is_lowercase) && !SMALL_WORDS.contains(&b.as_str())
    });
    let Some((k, _)) = first_lower else {
        return lead + body.len();
    };
    let candidates = || {
        (1..k).filter(|&i| {
            bare(words[i].1)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
    };
    let start = candidates()
        .rfind(|&i| SENTENCE_STARTERS.contains(&bare(words[i].1).as_str()))
        .or_else(|| candidates().next_back());
    match start {
        Some(i) => lead + body[..words[i].0].trim_end().len(),
        None => lead + body.len(),
    }
}

/// What a sentence is when it is page furniture rather than content.
fn classify_sentence(s: &str) -> Option<RemovalKind> {
    let lower = s.to_lowercase().replace('’', "'");
    const COMMENT: &[&str] = &[
        "comments below",
        "comment below",
        "comments section",
        "leave a comment",
        "leave your comment",
        "share your thoughts",
        "share your perspective",
        "share your insights",
        "share your views",
        "share your opinion",
        "share your experience",
        "what are your thoughts",
        "what do you think",
        "let us know",
        "join the conversation",
        "share this article",
        "share this post",
        "drop a comment",
    ];
    if COMMENT.iter().any(|p| lower.contains(p)) {
        return Some(RemovalKind::CallToComment);
    }
    // `lower` is lowercase already: its words are split, not lowercased again.
    let words: Vec<&str> = words(&lower).collect();
    let has = |w: &str| words.contains(&w);
    let verb = [
        "explore", "read", "check", "see", "visit", "discover", "browse", "learn",
    ]
    .iter()
    .any(|v| has(v));
    if !verb {
        return None;
    }
    let nouns = [
        "article", "articles", "piece", "pieces", "post", "posts", "guide", "guides", "story",
        "stories", "analyses", "coverage",
    ];
    let noun = nouns.iter().any(|n| has(n));
    if noun
        && (lower.contains("our site")
            || lower.contains("other articles")
            || lower.contains("more articles")
            || lower.contains("our other")
            || lower.contains("on our website"))
    {
        return Some(RemovalKind::ExploreMore);
    }
    // "our" followed within three words by an article-like noun: "read our dedicated piece".
    let promoted = words
        .iter()
        .enumerate()
        .any(|(i, &w)| w == "our" && words[i + 1..].iter().take(3).any(|x| nouns.contains(x)));
    promoted.then_some(RemovalKind::Promotion)
}

/// Cuts furniture sentences out of a paragraph: promotion of other articles anywhere, and a
/// trailing run that starts with a call to comment or explore and holds only such calls,
/// questions to the reader and headlines of other pages. Returns kept spans and cut pieces.
#[allow(clippy::type_complexity)]
fn clean_paragraph(
    raw: &str,
    start: usize,
    end: usize,
) -> (Vec<(u32, u32)>, Vec<(RemovalKind, usize, usize)>) {
    let text = &raw[start..end];
    let spans: Vec<(usize, usize)> = sentence_spans(text)
        .into_iter()
        .map(|(s, e)| (start + s, start + e))
        .collect();
    let strict: Vec<Option<RemovalKind>> = spans
        .iter()
        .map(|&(s, e)| classify_sentence(&raw[s..e]))
        .collect();
    let trailing_ok = |i: usize| -> Option<RemovalKind> {
        let s = &raw[spans[i].0..spans[i].1];
        strict[i].or_else(|| {
            let lower = s.to_lowercase();
            if s.trim_end_matches(['"', '”', '*']).ends_with('?')
                && words(&lower).any(|w| w == "you" || w == "your")
            {
                Some(RemovalKind::CallToComment)
            } else if s.contains(" | ") && is_heading_like(s) {
                Some(RemovalKind::RelatedLinks)
            } else {
                None
            }
        })
    };
    // The earliest sentence from which everything to the end is furniture, starting strictly.
    let mut run_start = spans.len();
    for i in (0..spans.len()).rev() {
        match trailing_ok(i) {
            Some(_) => {
                if strict[i].is_some_and(|k| k != RemovalKind::Promotion) {
                    run_start = i;
                }
            }
            None => break,
        }
    }
    let mut kept = Vec::new();
    let mut cut = Vec::new();
    for (i, &(s, e)) in spans.iter().enumerate() {
        let kind = if i >= run_start {
            trailing_ok(i)
        } else {
            strict[i].filter(|k| *k == RemovalKind::Promotion)
        };
        match kind {
            Some(k) => cut.push((k, s, e)),
            None => match kept.last_mut() {
                // Consecutive kept sentences stay one span of the original.
                Some((_, last_end)) if raw[*last_end as usize..s].trim().is_empty() => {
                    *last_end = e as u32
                }
                _ => kept.push((s as u32, e as u32)),
            },
        }
    }
    (kept, cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(raw: &str) -> Vec<(RemovalKind, String)> {
        clean(raw)
            .removed
            .into_iter()
            .map(|r| (r.kind, r.text))
            .collect()
    }

    /// Social-media blocks in the layouts pages use, with no "Socials" header: a row of
    /// platforms, `key: value` lines, bulleted and indented accounts, follower counts. Each is
    /// set aside whole, its accounts withheld; the story's own mention of a platform stays.
    #[test]
    fn social_blocks_are_recognised_in_any_layout() {
        let story =
            "The ministry posted the statement on Telegram before the talks began in Moscow.";
        for block in [
            "Facebook · X · Instagram · LinkedIn",
            "Share: Facebook | Email | WhatsApp",
            "Follow us on Facebook and Instagram",
            "Twitter: @ana_ruiz\nInstagram: instagram.com/ana.ruiz",
            "• Bluesky  @ana.example\n• YouTube 12.4K subscribers",
            "    Mastodon   https://social.example/@ana\n    Threads    @ana_ruiz",
        ] {
            let raw = format!("A Title\n\n{story}\n\n{block}\n\nThe talks ended without a date for the next round.\n");
            let got = kinds(&raw);
            assert_eq!(
                got.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
                vec![RemovalKind::Socials],
                "{block:?}: {got:?}"
            );
            for secret in ["ana_ruiz", "ana.ruiz", "@ana", "12.4K"] {
                assert!(
                    !got[0].1.contains(secret),
                    "{secret} shown in {:?}",
                    got[0].1
                );
            }
            assert_eq!(clean(&raw).blocks.len(), 2, "{block:?}");
        }
        for prose in [
            story,
            "Telegram: the app where the statement first appeared, hours before the news agencies.",
            "X",
        ] {
            assert!(!is_social_line(prose), "{prose:?}");
        }
        // A social line is at most 200 bytes long.
        let row = |len: usize| {
            let words = "Share: Facebook | Email";
            format!("{}{words}", " ".repeat(len - words.len()))
        };
        assert!(is_social_line(&row(200)));
        assert!(!is_social_line(&row(201)));
    }

    #[test]
    fn personal_data_shapes() {
        for t in [
            "• Email : someone@example.org",
            "call (555) 123-4567 now",
            "+44 20 7946 0958 x",
            "12 Main Street, Springfield, IL 62701",
            "https://instagram.com/someone",
            "follow @some_handle",
            // A profile beside a picture's link is still a profile.
            "pic.twitter.com/Ab12 via twitter.com/someone",
        ] {
            assert!(has_personal_data(t), "{t}");
        }
        for t in [
            "In 2001, trade reached 1,000 million dollars.",
            // A picture a post links to names no one.
            "Notice the warping across both eyes. pic.twitter.com/U7PMa4oNGN",
            "About 90 percent of goods, 8 plants.",
            "The US and UN met.",
        ] {
            assert!(!has_personal_data(t), "{t}");
        }
    }

    /// A page written for this test, with every kind of furniture in other words than the corpus.
    #[test]
    fn cleans_a_new_page_with_the_same_kinds_of_junk() {
        let raw = "\
Home →

A Harbour Deal Between Two Ports

A Harbour Deal Between Two Ports

12 April 2024

Written by Jane Roe

Contents

Why the Ports Matter

The two ports signed a deal on Monday. It covers cranes and rail links.

Money and Cranes

The deal is worth 40 million euros. For background, read our explainer piece: How Ports Work. The cranes arrive next year.

Let us know what you think in the comments below! Would you ship through these ports? Browse more articles on our site.

Sailing Tips For Beginners

Sailing Tips For Beginners

Author Profile:

  • Name : Sam Example
  • Email : sam@example.net
  • Phone : 555-010-4477

Follow us

youtube:

  • url : https://youtube.com/@samexample
";
        let c = clean(raw);
        assert_eq!(c.title.as_deref(), Some("A Harbour Deal Between Two Ports"));
        assert_eq!(c.date.as_ref().map(|d| d.iso.as_str()), Some("2024-04-12"));
        assert_eq!(c.byline.as_ref().map(|b| b.name.as_str()), Some("Jane Roe"));
        let got: Vec<RemovalKind> = kinds(raw).into_iter().map(|(k, _)| k).collect();
        use RemovalKind::*;
        assert_eq!(
            got,
            vec![
                Navigation,
                DuplicateTitle,
                Dateline,
                Byline,
                TableOfContents,
                Promotion,
                CallToComment,
                ExploreMore,
                RelatedLinks,
                AuthorProfile,
                Socials
            ]
        );
        let kept: Vec<String> = c
            .blocks
            .iter()
            .map(|b| {
                b.spans
                    .iter()
                    .map(|&(s, e)| &raw[s as usize..e as usize])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            kept,
            vec![
                "Why the Ports Matter",
                "The two ports signed a deal on Monday. It covers cranes and rail links.",
                "Money and Cranes",
                "The deal is worth 40 million euros. The cranes arrive next year.",
            ]
        );
    }

    #[test]
    fn a_short_line_of_two_sentences_is_a_paragraph_not_a_heading() {
        // A page whose article is two short lines, each of two sentences ending in `?` or `!`:
        // as headings they came after the last paragraph (there was none) and all went as
        // related links.
        let raw = "Variablen und ihr Zuhause\n\nWie war das nochmal mit den Variablen? Hier ein Auszug aus unseren Lehrmaterialien!\n\nWas sagt Professor Drosten dazu?\n\nVariablen sind kein Problem für dich? Dann schau doch mal, ob du unser Puzzle lösen kannst!\n";
        let c = clean(raw);
        let kinds: Vec<(BlockKind, &str)> = c
            .blocks
            .iter()
            .map(|b| {
                (
                    b.kind,
                    &raw[b.spans[0].0 as usize..b.spans[b.spans.len() - 1].1 as usize],
                )
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                (
                    BlockKind::Paragraph,
                    "Wie war das nochmal mit den Variablen? Hier ein Auszug aus unseren Lehrmaterialien!"
                ),
                // One question is a heading, as before.
                (BlockKind::Heading, "Was sagt Professor Drosten dazu?"),
                (
                    BlockKind::Paragraph,
                    "Variablen sind kein Problem für dich? Dann schau doch mal, ob du unser Puzzle lösen kannst!"
                ),
            ]
        );
        // A heading with a question inside but no sentence end at its close, and one whose
        // inner mark is followed by a small letter, stay headings.
        assert!(is_heading_like("Who Copied Whom? A Guide"));
        assert!(is_heading_like("Gas or oil? which one matters!"));
        assert!(is_heading_like("Where next?"));
        assert!(!is_heading_like("Where next? Ask the ministry!"));
        assert!(!is_heading_like("Talks end. Troops stay?"));
    }

    #[test]
    fn markdown_headings_inline_with_and_without_a_toc() {
        let raw = "Title\n\n--- ### Early Days of the Pact The pact began in 2001. ### Money Matters Trade grew fast.\n";
        let c = clean(raw);
        let texts: Vec<(BlockKind, &str)> = c
            .blocks
            .iter()
            .map(|b| (b.kind, &raw[b.spans[0].0 as usize..b.spans[0].1 as usize]))
            .collect();
        assert_eq!(
            texts,
            vec![
                // The marks are in the span of the heading they introduce.
                (BlockKind::Heading, "--- ### Early Days of the Pact"),
                (BlockKind::Paragraph, "The pact began in 2001."),
                (BlockKind::Heading, "### Money Matters"),
                (BlockKind::Paragraph, "Trade grew fast."),
            ]
        );
        let toc = vec!["Money Matters Trade".to_owned()];
        assert_eq!(
            heading_length("Money Matters Trade grew fast.", &toc),
            "Money Matters Trade".len()
        );
    }

    #[test]
    fn about_the_author_box_names_a_claimed_author() {
        let raw = "Title\n\nBody text that is long enough to be a paragraph of the page.\n\nX\nAbout the Author\n\nJane Q Writer\n\nSenior Writer\n\nJane writes about ports.\n\nAbout Me →\n";
        let c = clean(raw);
        assert_eq!(
            c.byline,
            Some(Byline {
                name: "Jane Q Writer".into(),
                source: BylineSource::AboutAuthorBox
            })
        );
        let got: Vec<RemovalKind> = kinds(raw).into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            got,
            vec![
                RemovalKind::LayoutFragment,
                RemovalKind::AboutAuthor,
                RemovalKind::Navigation
            ]
        );
    }

    #[test]
    fn redaction_withholds_personal_values_only() {
        assert_eq!(
            redact("Author Profile:\n  • Name : Sam Example\n  • Job : Plumber\n  • url : https://x.com/sam\nwrite to sam@example.net or @sam_e today"),
            "Author Profile:\n• Name : [withheld]\n• Job : [withheld]\n• url : [withheld]\nwrite to [withheld] or [withheld] today"
        );
        // A card withholds every field, known to be personal or not.
        assert_eq!(
            redact_card("Detail Author:\n  • Company : Acme\n  • Team : Pipes\n  • followers : 40\ninstagram:"),
            "Detail Author:\n• Company : [withheld]\n• Team : [withheld]\n• followers : [withheld]\ninstagram:"
        );
        assert_eq!(
            redact("call 555-010-4477 now"),
            "[line with personal data withheld]"
        );
        // Web addresses in any case, with or without a scheme; a word with a dot stays.
        assert_eq!(
            redact("see HTTP://a.example/x, https://b.example/y or WWW.c.example. Done."),
            "see [withheld] [withheld] or [withheld] Done."
        );
    }

    /// The kept blocks of a page, each as the text of its spans.
    fn kept(raw: &str) -> Vec<(BlockKind, String)> {
        clean(raw)
            .blocks
            .iter()
            .map(|b| {
                let text = b
                    .spans
                    .iter()
                    .map(|&(s, e)| &raw[s as usize..e as usize])
                    .collect::<Vec<_>>()
                    .join(" ");
                (b.kind, text)
            })
            .collect()
    }

    const BEFORE: &str = "The two ports signed a deal on Monday. It covers cranes and rail links.";
    const AFTER: &str =
        "The deal is worth 40 million euros, the ministry said on Monday after the signing in Baku.";

    /// A card takes every line of its shape after its header, also those no other rule knows
    /// (a field that is not personal, a platform named alone, a table of contents entry on a line
    /// of its own), and ends at the first line of another shape: the story goes on.
    #[test]
    fn a_card_takes_the_lines_of_its_shape_and_ends_where_the_story_goes_on() {
        use RemovalKind::*;
        for (card, kind, text) in [
            (
                "Author Profile:\n\n  • Team : Harbour desk\n  • Beat : Shipping",
                AuthorProfile,
                "Author Profile:\n• Team : [withheld]\n• Beat : [withheld]",
            ),
            (
                "Follow us\n\nInstagram\n\nTikTok",
                Socials,
                "Follow us\nInstagram\nTikTok",
            ),
            (
                "Contents\n\n- [Why the Ports Matter](#why)\n[Money and Cranes](#money)\n- Sources",
                TableOfContents,
                "Contents\n- [Why the Ports Matter](#why)\n[Money and Cranes](#money)\n- Sources",
            ),
            (
                "About the Author\n\nJane Q Writer\n\nJane covers ports for the paper.",
                AboutAuthor,
                "About the Author\nJane Q Writer\nJane covers ports for the paper.",
            ),
        ] {
            let raw = format!("A Title\n\n{BEFORE}\n\n{card}\n\n{AFTER}\n");
            assert_eq!(kinds(&raw), vec![(kind, text.to_owned())], "{card:?}");
            assert_eq!(
                kept(&raw),
                vec![
                    (BlockKind::Paragraph, BEFORE.to_owned()),
                    (BlockKind::Paragraph, AFTER.to_owned())
                ],
                "{card:?}"
            );
        }
    }

    /// An "About the Author" box is short lines and sentences about the writer: a short sentence
    /// about something else ends it.
    #[test]
    fn an_about_the_author_box_ends_at_a_sentence_about_something_else() {
        let raw = format!(
            "A Title\n\n{BEFORE}\n\nAbout the Author\n\nJane Q Writer\n\nTalks resume on Monday.\n"
        );
        assert_eq!(
            kinds(&raw),
            vec![(
                RemovalKind::AboutAuthor,
                "About the Author\nJane Q Writer".to_owned()
            )]
        );
        assert_eq!(
            kept(&raw),
            vec![
                (BlockKind::Paragraph, BEFORE.to_owned()),
                (BlockKind::Paragraph, "Talks resume on Monday.".to_owned())
            ]
        );
    }

    /// A date line is read once: a later date, once the page's date is known, is the text's own
    /// (here the heading of a day in a page of dated entries), and stays.
    #[test]
    fn a_date_already_read_is_the_texts_own() {
        let raw =
            format!("Talks in Geneva\n\n12 April 2024\n\n{BEFORE}\n\n13 April 2024\n\n{AFTER}\n");
        let c = clean(&raw);
        assert_eq!(c.date.as_ref().map(|d| d.iso.as_str()), Some("2024-04-12"));
        assert_eq!(c.modified, None);
        assert_eq!(c.byline, None);
        assert_eq!(
            kinds(&raw),
            vec![(RemovalKind::Dateline, "12 April 2024".to_owned())]
        );
        assert_eq!(
            kept(&raw),
            vec![
                (BlockKind::Paragraph, BEFORE.to_owned()),
                (BlockKind::Heading, "13 April 2024".to_owned()),
                (BlockKind::Paragraph, AFTER.to_owned())
            ]
        );
    }

    /// Lists are the text's: a list of short items in the body, and a list of sentences at the end
    /// of the page. Only short items after the last paragraph are a list of related links.
    #[test]
    fn lists_in_the_body_and_a_last_list_of_sentences_are_kept() {
        let body = "The deal names three ports:\n\n- Bandar Abbas\n- Astrakhan\n- Makhachkala";
        let end = "- The ceasefire holds in the north of the country.\n- Prisoners are exchanged within a week.";
        let raw = format!("A Title\n\n{body}\n\n{BEFORE}\n\n{end}\n");
        assert_eq!(kinds(&raw), vec![]);
        let texts: Vec<String> = kept(&raw).into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            texts,
            vec![
                "The deal names three ports:",
                "- Bandar Abbas",
                "- Astrakhan",
                "- Makhachkala",
                BEFORE,
                "- The ceasefire holds in the north of the country.",
                "- Prisoners are exchanged within a week.",
            ]
        );
        // The same short items after the last paragraph are related links.
        let raw = format!("A Title\n\n{BEFORE}\n\n- Bandar Abbas\n- Astrakhan\n");
        assert_eq!(
            kinds(&raw),
            vec![(
                RemovalKind::RelatedLinks,
                "- Bandar Abbas\n- Astrakhan".to_owned()
            )]
        );
    }

    /// A table row is cells, kept whole: a cell that reads like a promotion of other articles is
    /// the table's data, not furniture to cut out of it.
    #[test]
    fn a_table_row_is_kept_whole() {
        let row = "| Ports | Read our guide to the ports first. | 2024 |";
        let raw = format!("A Title\n\n{BEFORE}\n\n{row}\n\n{AFTER}\n");
        assert_eq!(kinds(&raw), vec![]);
        let c = clean(&raw);
        let at = raw.find(row).unwrap() as u32;
        assert_eq!(c.blocks[1].spans, vec![(at, at + row.len() as u32)]);
        // The same words in a paragraph are a promotion, cut out of it.
        let raw = format!("A Title\n\n{BEFORE} Read our guide to the ports first.\n");
        assert_eq!(
            kinds(&raw),
            vec![(
                RemovalKind::Promotion,
                "Read our guide to the ports first.".to_owned()
            )]
        );
    }

    /// A line of at most 6 words that starts or ends with an arrow is a link of the page's
    /// navigation; a longer one is prose that happens to hold an arrow.
    #[test]
    fn navigation_is_a_short_line_with_an_arrow() {
        for t in [
            "← Back to all the news",
            "Earlier coverage of the talks →",
            "« Previous",
        ] {
            assert!(is_navigation(t), "{t:?}");
        }
        for t in [
            "The full story of the talks →",
            "← The full story of the talks",
            "The talks → a deal",
        ] {
            assert!(!is_navigation(t), "{t:?}");
        }
        let raw = format!("A Title\n\n{BEFORE}\n\nEarlier coverage of the talks →\n\n{AFTER}\n");
        assert_eq!(
            kinds(&raw),
            vec![(
                RemovalKind::Navigation,
                "Earlier coverage of the talks →".to_owned()
            )]
        );
    }

    /// A card starts at a header of its own words: a label of the story ("Shipping Details", a
    /// one-word "Background:") is kept, and so is a list item whose key is not a card's field (more
    /// than 3 words, or a link).
    #[test]
    fn a_storys_own_labels_start_no_card() {
        for label in ["Shipping Details", "Background:", "Summit Info"] {
            let raw = format!("A Title\n\n{BEFORE}\n\n{label}\n\n{AFTER}\n");
            assert_eq!(kinds(&raw), vec![], "{label:?}");
            assert_eq!(kept(&raw).len(), 3, "{label:?}");
        }
        for header in ["Author Details", "Writer Profile", "Instagram:"] {
            let raw = format!("A Title\n\n{BEFORE}\n\n{header}\n\n{AFTER}\n");
            assert_eq!(kinds(&raw).len(), 1, "{header:?}");
        }
        assert_eq!(
            bullet_key_value("• Harbour Desk: Shipping"),
            Some(("harbour desk".to_owned(), "Shipping".to_owned()))
        );
        for t in [
            "• Officials in Moscow said: the talks resume",
            "• [The talks](#talks): an overview",
            "• : nothing",
            "Team: Shipping",
        ] {
            assert_eq!(bullet_key_value(t), None, "{t:?}");
        }
    }

    /// After a platform's name, an account is a handle (`@` and a name), an address (a scheme,
    /// or a dot and a slash) or a count of followers; other short words after a platform are
    /// prose ("X: 4.5 million").
    #[test]
    fn an_account_is_a_handle_an_address_or_a_count_of_followers() {
        for t in [
            "Twitter: @a",
            "Mastodon: social.example/@ana",
            "Mastodon: https://localhost/@ana",
            "Instagram instagram.com/ana",
            "YouTube: 12 subscribers",
        ] {
            assert!(account_at(t).is_some(), "{t:?}");
        }
        for t in [
            "Twitter: @",
            "Telegram: no comment",
            "X: 4.5 million",
            "YouTube: 12 videos",
        ] {
            assert_eq!(account_at(t), None, "{t:?}");
        }
    }

    /// Where a heading inline in a line of Markdown ends is read from the page's own table of
    /// contents when it lists it.
    #[test]
    fn an_inline_heading_ends_where_the_table_of_contents_says() {
        let line = "--- ### Money Matters Trade grew fast. ### Early Days The pact began in 2001.";
        let with = format!("Title\n\nContents\n- [Money Matters Trade](#money)\n\n{line}\n");
        let without = format!("Title\n\n{line}\n");
        let texts = |raw: &str| kept(raw).into_iter().map(|(_, t)| t).collect::<Vec<_>>();
        assert_eq!(
            texts(&with),
            vec![
                "--- ### Money Matters Trade",
                "grew fast.",
                "### Early Days",
                "The pact began in 2001."
            ]
        );
        assert_eq!(
            texts(&without),
            vec![
                "--- ### Money Matters",
                "Trade grew fast.",
                "### Early Days",
                "The pact began in 2001."
            ]
        );
    }

    /// A name is two to four capitalised words without digits or `&` (a company is no name).
    #[test]
    fn a_name_is_capitalised_words_without_digits_or_ampersands() {
        for t in ["Jane Q Writer", "Ana Ruiz"] {
            assert!(looks_like_name(t), "{t:?}");
        }
        for t in [
            "AT&T Media",
            "Agent 47",
            "Jane",
            "Jane Q De La Writer",
            "Jane writes",
        ] {
            assert!(!looks_like_name(t), "{t:?}");
        }
    }

    /// A Markdown mark (`##`…, `---`) starts a word: `#` inside a word, or a run of other
    /// characters, is text.
    #[test]
    fn markdown_marks_start_a_word() {
        for t in [
            "Programs in C# and F# grew fast.",
            "AAA ratings were kept.",
            "A score of 3--- 0.",
        ] {
            assert!(!has_markdown_headings(t), "{t:?}");
            let raw = format!("Title\n\n{t}\n");
            assert_eq!(kept(&raw), vec![(BlockKind::Paragraph, t.to_owned())]);
        }
        assert_eq!(
            markdown_marks("### A --- b").collect::<Vec<_>>(),
            vec![(0, 3, true), (6, 9, false)]
        );
    }

    /// Markup with no text before a mark (`**`, left by bold around a heading) belongs to the
    /// piece the mark starts, so that no byte of the line is left out of every span.
    #[test]
    fn markup_before_a_mark_belongs_to_the_piece_it_starts() {
        let raw = "Title\n\n** ### Early Days The pact began in 2001.\n";
        assert_eq!(
            kept(raw),
            vec![
                (BlockKind::Heading, "** ### Early Days".to_owned()),
                (BlockKind::Paragraph, "The pact began in 2001.".to_owned()),
            ]
        );
        // A heading with no capitalised word before its first lowercase word is the whole line.
        let raw = format!("Title\n\n### Early warnings went unheard\n\n{AFTER}\n");
        assert_eq!(
            kept(&raw),
            vec![
                (
                    BlockKind::Heading,
                    "### Early warnings went unheard".to_owned()
                ),
                (BlockKind::Paragraph, AFTER.to_owned()),
            ]
        );
        // Spaces between a heading and its text are in neither.
        let raw = "Title\n\n### Early Days   The pact began in 2001.\n";
        assert_eq!(
            kept(raw),
            vec![
                (BlockKind::Heading, "### Early Days".to_owned()),
                (BlockKind::Paragraph, "The pact began in 2001.".to_owned()),
            ]
        );
        // After a heading the page's contents name: the markup goes with the next heading.
        let raw = "Title\n\nContents\n- [Early Days](#early)\n\n### Early Days ** ### Money Matters Trade grew.\n";
        assert_eq!(
            kept(raw),
            vec![
                (BlockKind::Heading, "### Early Days".to_owned()),
                (BlockKind::Heading, "** ### Money Matters".to_owned()),
                (BlockKind::Paragraph, "Trade grew.".to_owned()),
            ]
        );
    }

    /// A line of marks and markup with no text is page layout, removed where it stands.
    #[test]
    fn a_line_of_marks_and_markup_only_is_layout() {
        let line = "--- [](https://example.org/a) ###";
        let raw = format!("A Title\n\n{BEFORE}\n\n{line}\n\n{AFTER}\n");
        let c = clean(&raw);
        let at = raw.find(line).unwrap();
        let removed: Vec<(RemovalKind, usize, usize)> = c
            .removed
            .iter()
            .map(|r| (r.kind, r.start as usize, r.end as usize))
            .collect();
        assert_eq!(
            removed,
            vec![(RemovalKind::LayoutFragment, at, at + line.len())]
        );
        assert_eq!(kept(&raw).len(), 2);
    }

    /// A call to explore more is a verb of reading, an article-like noun, and a pointer to the
    /// site or its other articles: each pointer alone is enough, and none is one without the
    /// verb and the noun.
    #[test]
    fn a_call_to_explore_more_has_a_verb_a_noun_and_a_pointer() {
        for s in [
            "Read the full story on our site.",
            "See other articles on the talks.",
            "Explore more articles like this one.",
            "Read our other stories about ports.",
            "Check the guide on our website.",
        ] {
            assert_eq!(
                classify_sentence(s),
                Some(RemovalKind::ExploreMore),
                "{s:?}"
            );
        }
        for s in [
            "Our other ports stayed open.",
            "The story is on our site.",
            "Read the report on our site.",
            "Read the story in full.",
            "Read our statement.",
        ] {
            assert_eq!(classify_sentence(s), None, "{s:?}");
        }
        // A promotion: "our" and an article-like noun among the next three words.
        assert_eq!(
            classify_sentence("Read our long, detailed guide."),
            Some(RemovalKind::Promotion)
        );
    }

    /// A trailing run of calls is cut only when it reaches the end of the paragraph; a question is
    /// part of it only when it asks the reader ("you", "your").
    #[test]
    fn a_question_not_to_the_reader_ends_no_call_to_comment() {
        let p = format!("{BEFORE} Let us know what you think. Will the talks resume in May?");
        let raw = format!("A Title\n\n{p}\n\n{AFTER}\n");
        assert_eq!(kinds(&raw), vec![]);
        let p = format!("{BEFORE} Let us know what you think. Will your port be next?");
        let raw = format!("A Title\n\n{p}\n\n{AFTER}\n");
        assert_eq!(
            kinds(&raw),
            vec![(
                RemovalKind::CallToComment,
                "Let us know what you think. Will your port be next?".to_owned()
            )]
        );
    }

    /// Consecutive kept sentences stay one span of the original; a cut splits the span.
    #[test]
    fn kept_sentences_are_one_span_until_a_cut() {
        let raw = format!("A Title\n\n{BEFORE}\n");
        let at = raw.find(BEFORE).unwrap() as u32;
        assert_eq!(
            clean(&raw).blocks[0].spans,
            vec![(at, at + BEFORE.len() as u32)]
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for raw in [
            "",
            "\n\n",
            "#",
            "### ",
            "--- ###",
            "• :",
            "[",
            "[a](",
            "Title\n\u{202e}\u{200b}x",
            "ẞ\nİ K 🎉 é",
        ] {
            let _ = clean(raw);
        }
    }
}
