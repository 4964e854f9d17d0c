//! Links between copies of Parallax: a text pasted into "Open a link" read as a link of this
//! copy (`fragment_of`, `open_pasted`), where a link written to share begins (`share_base`: a
//! page opened as a file writes the bare fragment, which works in any copy), and the page a link
//! is written under (`prerendered_page`).

use super::notice::NotALink;
use super::{parse, Known, Notice, State, View, MAX_FRAGMENT};

/// Longest text "Open a link" reads, in characters: a link at `MAX_FRAGMENT` with room for a
/// long address before it. A longer text is refused before it is searched, so that what a
/// paste costs is bounded.
pub const MAX_PASTE_CHARS: usize = MAX_FRAGMENT + 4 * 1024;

/// Pairs that chat apps, e-mail and word processors put around a link, opening then closing.
const PAIRS: [(char, char); 10] = [
    ('<', '>'),
    ('"', '"'),
    ('\'', '\''),
    ('“', '”'),
    ('‘', '’'),
    ('«', '»'),
    ('‹', '›'),
    ('`', '`'),
    ('(', ')'),
    ('[', ']'),
];

/// Characters that never end a link Parallax writes (each is percent-encoded inside one, and
/// every link ends with its corpus version), but that a sentence or a wrapper puts after a
/// link: left out at its end.
const TRAILING: &[char] = &[
    '>', '"', '\'', '”', '’', '»', '›', '`', ')', ']', '.', ',', ';', ':', '!', '?',
];

/// Invisible characters that copying may carry at either end of a link.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || crate::strings::is_zero_width(c)
        || crate::strings::is_direction_control(c)
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{feff}')
}

/// The fragment (without its `#`, still percent-encoded) of a Parallax link pasted as text: a
/// whole address (`https://…/#/lesson?…`, `file:///…/parallax.html#/read/001`), a bare
/// fragment (`#/…`) or path (`/…`), with the spaces, quotes and angle brackets that chat apps
/// and e-mail add around a link, and a sentence's punctuation after it, left out. The link runs
/// from its `#/` to the first space or line break. A link whose `#` is itself percent-encoded
/// (an address wrapped inside another's parameter, as mail filters do) is decoded once, up to
/// the end of that parameter; `&amp;` (a link copied from HTML) is read as `&`. Linear in the
/// text, which is refused past `MAX_PASTE_CHARS` before it is searched.
pub fn fragment_of(text: &str) -> Result<String, NotALink> {
    if text.chars().nth(MAX_PASTE_CHARS).is_some() {
        return Err(NotALink::TooLong);
    }
    let text = unwrap(text);
    if text.is_empty() {
        return Err(NotALink::Empty);
    }
    let fragment = match text.find("#/") {
        Some(i) => text[i + 1..].to_owned(),
        None if text.starts_with('/') => text.to_owned(),
        None => encoded_fragment(text).ok_or(NotALink::NoFragment)?,
    };
    // The link ends at the first space or line break; a sentence's punctuation after it is not
    // part of it.
    let end = fragment
        .find(|c: char| c.is_whitespace())
        .unwrap_or(fragment.len());
    let fragment = fragment[..end].trim_end_matches(TRAILING);
    let fragment = fragment.replace("&amp;", "&");
    if fragment.len() > MAX_FRAGMENT {
        return Err(NotALink::TooLong);
    }
    Ok(fragment)
}

/// `text` without what surrounds a link: invisible characters, then matching quotes or
/// brackets, as many times as they nest.
fn unwrap(text: &str) -> &str {
    let mut t = text.trim_matches(is_invisible);
    loop {
        let pair = PAIRS.iter().find(|(open, close)| {
            t.len() >= open.len_utf8() + close.len_utf8()
                && t.starts_with(*open)
                && t.ends_with(*close)
        });
        match pair {
            Some((open, close)) => {
                t = t[open.len_utf8()..t.len() - close.len_utf8()].trim_matches(is_invisible)
            }
            None => return t,
        }
    }
}

/// The fragment of a link whose `#/` is percent-encoded (`%23%2F`, `%23/`) inside another
/// address's parameter: that parameter's value from the encoded `#`, decoded once.
fn encoded_fragment(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let at = lower.find("%23%2f").or_else(|| lower.find("%23/"))?;
    let rest = &text[at..];
    let end = rest.find('&').unwrap_or(rest.len());
    let decoded = super::decode(&rest[..end], &mut false);
    decoded.strip_prefix('#').map(str::to_owned)
}

/// What a pasted link opens here: its fragment (without `#`, as the page's address will carry
/// it), and the state and notices the parser gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pasted {
    pub fragment: String,
    pub state: State,
    pub notices: Vec<Notice>,
}

/// A text pasted into "Open a link", read as a link of this copy: `fragment_of`, then the
/// state parser. Refused with the reason when it is no Parallax link, or names a view Parallax
/// does not have; a link to a source or a passage this copy does not have opens (the app says
/// what is missing and how to get it).
pub fn open_pasted(text: &str, known: &Known) -> Result<Pasted, NotALink> {
    let fragment = fragment_of(text)?;
    let (state, notices) = parse(&fragment, known);
    if state.view == View::Library {
        if let Some(Notice::UnknownView(v)) =
            notices.iter().find(|n| matches!(n, Notice::UnknownView(_)))
        {
            return Err(NotALink::NoSuchView(v.clone()));
        }
    }
    Ok(Pasted {
        fragment,
        state,
        notices,
    })
}

/// Where a link written to share begins (a lesson link, a link in an export, a note or a
/// citation), given the address of the page without its fragment (`page`) and the web address
/// the build was made for, if it has one (`built_for`). A page served over `http:` or `https:`
/// writes its own address. A page opened any other way (the single file from `file://`, or a
/// `content:` or `blob:` page) would write an address that works only on that computer: it
/// writes the web address it was made for when it knows one, or else nothing, so that the link
/// is the bare fragment (`#/…`), which any copy opens through "Open a link" (say so beside it:
/// `OPEN_IN_YOUR_COPY`). The one home of this rule.
pub fn share_base<'a>(page: &'a str, built_for: Option<&'a str>) -> &'a str {
    if is_web(page) {
        return page;
    }
    match built_for.map(|b| b.trim().split('#').next().unwrap_or_default()) {
        Some(b) if is_web(b) => b,
        _ => "",
    }
}

/// The page prerendered at build time that shows `state` at first paint: `read-<id>.html` for a
/// reader of a document in `pages` (at its start or at a passage, removed text hidden, no theme
/// of the reader's own: the links `assets/prerendered.js` keeps the prerendered text for), the
/// explorer's page (`EXPLORE_PAGE`, its search box and help, any query) in a build that wrote
/// pages, compare's page (`COMPARE_PAGE`, its picker and the summary's heading) for sources that
/// all have pages, with the corpus's own themes (no theme of the reader's own, none renamed,
/// joined or hidden: the page lists the corpus's), or None for any other view, which the
/// library's page (`index.html`) opens. The app writes each link under its page, so that the
/// address a reader copies opens with its text at first paint.
pub fn prerendered_page(state: &State, pages: &[String]) -> Option<String> {
    match &state.view {
        View::Read(r) if !r.show_removed && state.custom.is_empty() && pages.contains(&r.doc) => {
            Some(format!("read-{}.html", r.doc))
        }
        View::Explore(_) if !pages.is_empty() => Some(EXPLORE_PAGE.to_owned()),
        View::Compare(c)
            if c.docs.len() >= 2
                && c.docs.iter().all(|d| pages.contains(d))
                && state.custom.is_empty()
                && state.edits.is_empty() =>
        {
            Some(COMPARE_PAGE.to_owned())
        }
        _ => None,
    }
}

/// Compare's prerendered page: its title, its pickers (every source with a page, the corpus's
/// themes) and the summary's heading and explanation, the same for any sources
/// (`assets/prerendered.js` chooses the link's in the pickers before the first paint).
pub const COMPARE_PAGE: &str = "compare.html";

/// The explorer's prerendered page: its title, search box and help, the same for every query
/// (`assets/prerendered.js` puts the link's query in the box before the first paint).
pub const EXPLORE_PAGE: &str = "explore.html";

/// Whether an address is on the web (`http:` or `https:`, in any case).
fn is_web(address: &str) -> bool {
    let scheme = address.split_once(':').map_or("", |(s, _)| s);
    scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")
}
