//! HTML read as data: a small tokenizer (no tree), what each element is to the text, blocks of text with where they stood, and a page's main region and title as text.

use super::score::{content_attr, main_nodes, marks, settle, Node, Scored};
use super::{Dropped, Note};
use crate::model::{PassageKind, RemovalKind};
use crate::strings::decode_entities;

/// A piece of markup. Tag names are slices of the source, compared without case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token<'a> {
    Text(&'a str),
    Start {
        name: &'a str,
        /// The attributes as written, between the name and the `>`.
        attrs: &'a str,
        self_closing: bool,
    },
    End {
        name: &'a str,
    },
    Comment,
    /// A doctype, processing instruction or bogus comment, or a tag cut off by the end.
    Other,
}

/// Splits HTML into tokens as browsers do, without building a tree. `strict` (for Markdown)
/// reads `<` as a tag only when a whole tag follows, and as text otherwise.
pub(super) struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    strict: bool,
    /// No `>` at or after this position (strict mode: saves rescanning).
    no_gt_from: usize,
}

impl<'a> Tokenizer<'a> {
    pub(super) fn new(src: &'a str, strict: bool) -> Self {
        Tokenizer {
            src,
            pos: 0,
            strict,
            no_gt_from: usize::MAX,
        }
    }

    pub(super) fn next_token(&mut self) -> Option<Token<'a>> {
        let (src, bytes, start) = (self.src, self.src.as_bytes(), self.pos);
        if start >= src.len() {
            return None;
        }
        if bytes[start] != b'<' {
            // `<` is ASCII: wherever it is found is a character boundary.
            let end = bytes[start + 1..]
                .iter()
                .position(|&b| b == b'<')
                .map_or(src.len(), |i| start + 1 + i);
            self.pos = end;
            return Some(Token::Text(&src[start..end]));
        }
        let at = |i: usize| bytes.get(start + i).copied().unwrap_or(0);
        let token = match at(1) {
            b'!' if src[start..].starts_with("<!--") => {
                self.pos = comment_end(src, start + 4);
                Some(Token::Comment)
            }
            b'!' | b'?' if !self.strict => self.skip_to_gt(start + 2),
            b'/' if at(2).is_ascii_alphabetic() => self.tag(start + 2, true),
            b'/' if !self.strict => self.skip_to_gt(start + 2),
            c if c.is_ascii_alphabetic() => self.tag(start + 1, false),
            _ => None,
        };
        Some(token.unwrap_or_else(|| {
            self.pos = start + 1;
            Token::Text(&src[start..start + 1])
        }))
    }

    /// A bogus comment or doctype: everything to the next `>`.
    fn skip_to_gt(&mut self, from: usize) -> Option<Token<'a>> {
        self.pos = self.src[from..]
            .find('>')
            .map_or(self.src.len(), |i| from + i + 1);
        Some(Token::Other)
    }

    /// A start or end tag whose name starts at `from`; `None` leaves the `<` as text.
    fn tag(&mut self, from: usize, end: bool) -> Option<Token<'a>> {
        let bytes = self.src.as_bytes();
        let ends_name = |b: &u8| b.is_ascii_whitespace() || *b == b'/' || *b == b'>';
        // Strict mode wants a name of letters, digits and `-` only: the scan stops at the first
        // other byte, since a name that goes on past it is refused anyway. Scanning on to the
        // end of the name would read `<b<b<b…` to the end of the text once per `<`.
        let strict_name = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-';
        let name_end = bytes[from..]
            .iter()
            .position(|b| {
                if self.strict {
                    !strict_name(b)
                } else {
                    ends_name(b)
                }
            })
            .map_or(bytes.len(), |i| from + i);
        crate::probe::step(name_end - from);
        let name = &self.src[from..name_end];
        let gt = if self.strict {
            let ok = bytes.get(name_end).is_some_and(ends_name);
            if !ok || name_end >= self.no_gt_from {
                return None;
            }
            match self.src[name_end..].find('>') {
                Some(i) => name_end + i,
                None => {
                    self.no_gt_from = name_end;
                    return None;
                }
            }
        } else {
            match tag_end(bytes, name_end) {
                Some(gt) => gt,
                None => {
                    // A tag cut off by the end of the file is dropped with the rest.
                    self.pos = bytes.len();
                    return Some(Token::Other);
                }
            }
        };
        self.pos = gt + 1;
        Some(if end {
            Token::End { name }
        } else {
            Token::Start {
                name,
                attrs: &self.src[name_end..gt],
                self_closing: gt > name_end && bytes[gt - 1] == b'/',
            }
        })
    }

    /// Skips the raw text of a `script`, `style`… up to its end tag; returns the raw text.
    pub(super) fn raw_text(&mut self, name: &str) -> &'a str {
        let (src, bytes) = (self.src, self.src.as_bytes());
        let start = self.pos;
        let mut from = start;
        while let Some(i) = src[from..].find("</") {
            let at = from + i;
            let after = at + 2 + name.len();
            let named = bytes
                .get(at + 2..after)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
            let ends = bytes
                .get(after)
                .is_none_or(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>');
            if named && ends {
                self.pos = src[after..].find('>').map_or(src.len(), |j| after + j + 1);
                return &src[start..at];
            }
            from = at + 2;
        }
        self.pos = src.len();
        &src[start..]
    }
}

/// Where a comment whose text starts at `from` ends (after `-->`, `--!>`, or `>` for the empty
/// comments `<!-->` and `<!--->`).
fn comment_end(src: &str, from: usize) -> usize {
    let rest = &src[from..];
    if rest.starts_with('>') {
        return from + 1;
    }
    if rest.starts_with("->") {
        return from + 2;
    }
    let mut at = 0;
    while let Some(i) = rest[at..].find("--") {
        let k = at + i + 2;
        if rest[k..].starts_with('>') {
            return from + k + 1;
        }
        if rest[k..].starts_with("!>") {
            return from + k + 2;
        }
        at = at + i + 1;
    }
    src.len()
}

/// The `>` that ends a tag whose attributes start at `from`, skipping quoted attribute values.
/// A quote opens a value only after `=` (spaces between allowed).
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        i += bytes
            .get(i..)?
            .iter()
            .position(|&b| matches!(b, b'>' | b'"' | b'\''))?;
        let q = bytes[i];
        if q == b'>' {
            return Some(i);
        }
        let last = bytes[from..i]
            .iter()
            .rev()
            .find(|b| !b.is_ascii_whitespace());
        if last == Some(&b'=') {
            // Past the closing quote; none, and the tag never ends.
            i += 1 + bytes.get(i + 1..)?.iter().position(|&b| b == q)?;
        }
        i += 1;
    }
}

/// What an element is to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    /// Raw text to skip to the end tag (`script`, `style`…), counted as dropped.
    Raw(Dropped),
    Title,
    /// Content to skip with its nesting (`nav`, `svg`…), counted as dropped.
    Skip(Dropped),
    /// Starts and ends a block of text.
    Block,
    Main,
    Article,
    H1,
    Pre,
    /// Separates words: table cells.
    Cell,
    Inline,
}

fn element(name: &str) -> Element {
    if name.len() > 10 {
        return Element::Inline;
    }
    let mut buf = [0u8; 10];
    for (to, from) in buf.iter_mut().zip(name.bytes()) {
        *to = from.to_ascii_lowercase();
    }
    // Lower-casing ASCII bytes leaves UTF-8 valid.
    match std::str::from_utf8(&buf[..name.len()]).unwrap_or("") {
        "script" => Element::Raw(Dropped::Script),
        "style" => Element::Raw(Dropped::Style),
        "textarea" | "xmp" | "iframe" | "noembed" | "noframes" | "plaintext" => {
            Element::Raw(Dropped::Embedded)
        }
        "title" => Element::Title,
        "nav" | "aside" | "footer" => Element::Skip(Dropped::Furniture),
        "svg" | "math" | "template" | "object" | "canvas" | "video" | "audio" | "select"
        | "button" | "frameset" | "map" | "datalist" | "dialog" | "rt" | "rp" => {
            Element::Skip(Dropped::Embedded)
        }
        "main" => Element::Main,
        "article" => Element::Article,
        "h1" => Element::H1,
        "pre" | "listing" => Element::Pre,
        "td" | "th" => Element::Cell,
        "address" | "blockquote" | "body" | "br" | "caption" | "center" | "dd" | "details"
        | "dir" | "div" | "dl" | "dt" | "fieldset" | "figcaption" | "figure" | "form" | "h2"
        | "h3" | "h4" | "h5" | "h6" | "head" | "header" | "hgroup" | "hr" | "html" | "legend"
        | "li" | "menu" | "noscript" | "ol" | "optgroup" | "option" | "p" | "search"
        | "section" | "summary" | "table" | "tbody" | "tfoot" | "thead" | "tr" | "ul" => {
            Element::Block
        }
        _ => Element::Inline,
    }
}

/// A block of text from markup, with where it stood.
#[derive(Debug, Default)]
pub(super) struct TextBlock {
    pub(super) text: String,
    h1: bool,
    /// The innermost element holding it.
    node: u32,
    /// Characters, those inside links, and commas.
    chars: u32,
    link_chars: u32,
    commas: u32,
    /// Inside furniture named by class, id or role, or hidden.
    dropped: bool,
    /// What it is on the page: a paragraph, a list item, a table row (its `text` the cells
    /// joined by `model::CELL`)…
    kind: PassageKind,
}

/// An element open around the text being read.
#[derive(Debug, Clone, Copy)]
struct Open<'a> {
    name: &'a str,
    node: u32,
    /// The kind of the blocks inside when this is the innermost element that says one.
    kind: Option<PassageKind>,
}

/// Between the cells of a table row while it is read (a control character, never in the text).
const CELL: char = '\u{1f}';
/// Longest line of text set aside that the text keeps, in bytes (cut at a word, with "…"), and
/// most bytes set aside in all: a reader sees what went and why, not megabytes of menus.
const REMOVED_LINE_BYTES: usize = 400;
const REMOVED_BYTES: usize = 20_000;

/// Most elements held open; deeper ones are not told apart (hostile nesting stays linear).
const MAX_OPEN: usize = 512;
/// How far down the open elements an end tag looks for its start.
const END_SEARCH: usize = 32;

/// Blocks of text from markup: whitespace collapsed as HTML does (kept for Markdown), entities
/// decoded, skipped elements counted.
#[derive(Debug, Default)]
pub(super) struct Blocks<'a> {
    keep_space: bool,
    pub(super) done: Vec<TextBlock>,
    cur: String,
    space: bool,
    chars: u32,
    link_chars: u32,
    commas: u32,
    main: usize,
    article: usize,
    h1: usize,
    pre: usize,
    /// Inside an `<a>`.
    in_link: bool,
    title: Option<String>,
    og_title: Option<String>,
    dropped: [u64; 5],
    open: Vec<Open<'a>>,
    /// Elements not held open past `MAX_OPEN`.
    overflow: usize,
    nodes: Vec<Node>,
    /// The text of skipped furniture (`nav`, `aside`, `footer`), at most `REMOVED_LINE_BYTES`
    /// each: where it stood (the number of blocks before it), why, and the text.
    set_aside: Vec<(usize, RemovalKind, String)>,
}

impl<'a> Blocks<'a> {
    fn text(&mut self, s: &str) {
        let s = decode_entities(s);
        if self.keep_space {
            self.cur.push_str(&s);
            return;
        }
        for c in s.chars() {
            if c == '\n' && self.pre > 0 {
                self.flush();
            } else if c.is_ascii_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.cur.is_empty() {
                    self.cur.push(' ');
                }
                self.space = false;
                self.cur.push(c);
                self.chars += 1;
                if self.in_link {
                    self.link_chars += 1;
                }
                if matches!(c, ',' | '،' | '，' | '、') {
                    self.commas += 1;
                }
            }
        }
    }

    /// A table cell's edge: a space between words, and between the cells of a row.
    fn cell(&mut self) {
        if self.keep_space {
            self.cur.push(' ');
        } else if !self.cur.is_empty() && !self.cur.ends_with(CELL) {
            self.cur.push(CELL);
            self.space = false;
        }
    }

    fn top(&self) -> u32 {
        self.open.last().map_or(0, |o| o.node)
    }

    fn flush(&mut self) {
        self.space = false;
        let (chars, link_chars, commas) = (self.chars, self.link_chars, self.commas);
        (self.chars, self.link_chars, self.commas) = (0, 0, 0);
        if self.cur.trim().is_empty() {
            self.cur.clear();
            return;
        }
        let node = self.top();
        if let Some(n) = self.nodes.get_mut(node as usize) {
            n.chars += chars;
            n.link_chars += link_chars;
        }
        let mut kind = self
            .open
            .iter()
            .rev()
            .find_map(|o| o.kind)
            .unwrap_or_default();
        let mut text = std::mem::take(&mut self.cur);
        if text.contains(CELL) {
            // A row of two cells or more is a table row; a table used for layout is text.
            let cells: Vec<&str> = text
                .split(CELL)
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            text = if kind == PassageKind::TableRow && cells.len() >= 2 {
                cells.join(crate::model::CELL)
            } else {
                kind = PassageKind::Paragraph;
                cells.join(" ")
            };
        } else if kind == PassageKind::TableRow {
            kind = PassageKind::Paragraph;
        }
        self.done.push(TextBlock {
            text,
            h1: self.h1 > 0,
            node,
            chars,
            link_chars,
            commas,
            dropped: false,
            kind,
        });
    }

    /// Opens an element that holds blocks, with what its attributes say.
    fn push(&mut self, name: &'a str, el: Element, attrs: &str) {
        if self.keep_space {
            return;
        }
        if self.open.len() >= MAX_OPEN {
            self.overflow += 1;
            return;
        }
        // Elements a browser closes by starting another.
        if let Some(top) = self.open.last() {
            let t = top.name;
            let is = |a: &str, b: &str| name.eq_ignore_ascii_case(a) && t.eq_ignore_ascii_case(b);
            if t.eq_ignore_ascii_case("p")
                || is("li", "li")
                || ((name.eq_ignore_ascii_case("dt") || name.eq_ignore_ascii_case("dd"))
                    && (t.eq_ignore_ascii_case("dt") || t.eq_ignore_ascii_case("dd")))
                || ((name.eq_ignore_ascii_case("td")
                    || name.eq_ignore_ascii_case("th")
                    || name.eq_ignore_ascii_case("tr"))
                    && (t.eq_ignore_ascii_case("td") || t.eq_ignore_ascii_case("th")))
                || is("tr", "tr")
                || is("option", "option")
            {
                self.pop();
            }
            if name.eq_ignore_ascii_case("tr")
                && self
                    .open
                    .last()
                    .is_some_and(|o| o.name.eq_ignore_ascii_case("tr"))
            {
                self.pop();
            }
        }
        let mut m = marks(attrs);
        // An image's caption and credit are not the article's text.
        let caption = name.eq_ignore_ascii_case("figcaption");
        if caption {
            m.furniture = true;
        }
        // What a page shows only with scripts off: kept when it holds the article (a blog that
        // writes its posts with a script gives them here), else a "turn on JavaScript" line.
        let noscript = name.eq_ignore_ascii_case("noscript");
        if noscript {
            m.furniture = true;
            m.soft = true;
            self.drop_one(Dropped::Script);
        }
        let reason = if caption {
            Some(crate::model::RemovalKind::ImageCaption)
        } else if noscript {
            Some(crate::model::RemovalKind::Hidden)
        } else if m.furniture || m.hidden || m.role {
            super::reason::reason(name, attrs, m.hidden)
        } else {
            None
        };
        let parent = self.top();
        // An `<article>` named furniture (`message-modal`, `sidebar-teaser`) is not the page's.
        let whole_page = (matches!(el, Element::Main | Element::Article) && !m.furniture)
            || ["html", "body"]
                .iter()
                .any(|n| name.eq_ignore_ascii_case(n))
            || m.body
            || m.main_role;
        let (base, paragraph) = tag_score(name);
        let id = self.nodes.len() as u32;
        self.nodes.push(Node {
            parent,
            last: id,
            dropped: false,
            furniture: m.furniture && !whole_page,
            role: m.role && !whole_page,
            soft: m.soft,
            noscript,
            hidden: m.hidden,
            holds_main: whole_page,
            base: base
                + m.weight
                + if m.main_role || matches!(el, Element::Article | Element::Main) {
                    25
                } else {
                    0
                },
            body: m.body,
            paragraph,
            heading: ["h2", "h3", "h4", "h5", "h6"]
                .iter()
                .any(|h| name.eq_ignore_ascii_case(h)),
            chars: 0,
            link_chars: 0,
            reason,
        });
        let is = |n: &str| name.eq_ignore_ascii_case(n);
        let kind = if super::reason::is_pull_quote(attrs) {
            Some(PassageKind::PullQuote)
        } else if is("blockquote") {
            Some(PassageKind::Quote)
        } else if is("li") || is("dd") {
            Some(PassageKind::ListItem)
        } else if is("tr") {
            Some(PassageKind::TableRow)
        } else {
            None
        };
        self.open.push(Open {
            name,
            node: id,
            kind,
        });
    }

    /// Closes the innermost open element, adding its text to its parent's.
    fn pop(&mut self) {
        if let Some(o) = self.open.pop() {
            let last = self.nodes.len() as u32 - 1;
            let i = o.node as usize;
            self.nodes[i].last = last;
            let (p, c, l) = (
                self.nodes[i].parent as usize,
                self.nodes[i].chars,
                self.nodes[i].link_chars,
            );
            self.nodes[p].chars += c;
            self.nodes[p].link_chars += l;
            self.nodes[p].holds_main |= self.nodes[i].holds_main;
        }
    }

    /// An end tag: closes the element it names and those left open inside it.
    fn close(&mut self, name: &str) {
        if self.keep_space {
            return;
        }
        if self.overflow > 0 {
            self.overflow -= 1;
            return;
        }
        let found = self
            .open
            .iter()
            .rev()
            .take(END_SEARCH)
            .position(|o| o.name.eq_ignore_ascii_case(name));
        if let Some(k) = found {
            for _ in 0..=k {
                self.pop();
            }
        }
    }

    fn drop_one(&mut self, what: Dropped) {
        self.dropped[what as usize] += 1;
    }

    pub(super) fn dropped_notes(&self) -> Vec<Note> {
        [
            Dropped::Script,
            Dropped::Style,
            Dropped::Comment,
            Dropped::Furniture,
            Dropped::Embedded,
        ]
        .into_iter()
        .filter(|&w| self.dropped[w as usize] > 0)
        .map(|what| Note::Dropped {
            what,
            count: self.dropped[what as usize],
        })
        .collect()
    }
}

/// An element skipped with everything inside it (`nav`, `svg`…), with the elements open inside
/// it, so that its end is found as a browser finds it: at its own end tag, or at the end tag of
/// an element open around it (`<div><nav><nav>…</nav></div>` ends both `nav`s), or for `svg` and
/// `math` at a start tag of HTML that foreign content cannot hold (`<p>`, `<div>`…).
struct Skipping<'a> {
    /// The skipped element first, then those open inside it.
    open: Vec<&'a str>,
    /// Elements not held open past `MAX_OPEN`.
    overflow: usize,
    /// `svg` or `math`.
    foreign: bool,
    /// `template`: its content is parsed apart, and end tags of elements around it do not end it.
    template: bool,
}

/// What a token does to a skipped element.
enum Step<'a> {
    /// Skipped with it.
    Inside,
    /// A `script`, `style`… inside it, whose raw text is skipped too.
    Raw(&'a str),
    /// Its end: the token belongs to it.
    Ended,
    /// Ended by this token, which is read as if the element had not been there.
    EndedBefore,
}

/// Elements without content or end tag.
fn void(name: &str) -> bool {
    [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "keygen",
    ]
    .iter()
    .any(|n| name.eq_ignore_ascii_case(n))
}

/// Start tags that end `svg` or `math` (the HTML standard's list for foreign content).
fn breaks_foreign(name: &str) -> bool {
    [
        "b",
        "big",
        "blockquote",
        "body",
        "br",
        "center",
        "code",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "hr",
        "i",
        "img",
        "li",
        "listing",
        "menu",
        "meta",
        "nobr",
        "ol",
        "p",
        "pre",
        "ruby",
        "s",
        "small",
        "span",
        "strong",
        "strike",
        "sub",
        "sup",
        "table",
        "tt",
        "u",
        "ul",
        "var",
    ]
    .iter()
    .any(|n| name.eq_ignore_ascii_case(n))
}

impl<'a> Skipping<'a> {
    fn new(name: &'a str) -> Self {
        let is = |n: &str| name.eq_ignore_ascii_case(n);
        Skipping {
            open: vec![name],
            overflow: 0,
            foreign: is("svg") || is("math"),
            template: is("template"),
        }
    }

    fn step(&mut self, token: Token<'a>, around: &[Open<'_>]) -> Step<'a> {
        match token {
            Token::Start {
                name, self_closing, ..
            } => {
                let el = element(name);
                if self.foreign && breaks_foreign(name) {
                    return Step::EndedBefore;
                }
                // In `svg` and `math`, `<title/>` and `<style/>` end themselves and a title is
                // markup.
                let raw = match el {
                    Element::Raw(_) => !(self.foreign && self_closing),
                    Element::Title => !self.foreign,
                    _ => false,
                };
                if raw {
                    return Step::Raw(name);
                }
                if self_closing || void(name) {
                    return Step::Inside;
                }
                if self.open.len() >= MAX_OPEN {
                    self.overflow += 1;
                    return Step::Inside;
                }
                // Elements a browser closes by starting another, as `Blocks::push` does.
                if self.open.len() > 1 {
                    let top = self.open[self.open.len() - 1];
                    let same = ["li", "dt", "dd", "option", "tr", "td", "th", "p"]
                        .iter()
                        .any(|n| top.eq_ignore_ascii_case(n) && name.eq_ignore_ascii_case(n));
                    if same || (top.eq_ignore_ascii_case("p") && el != Element::Inline) {
                        self.open.pop();
                    }
                }
                self.open.push(name);
                Step::Inside
            }
            Token::End { name } => {
                if self.overflow > 0 {
                    self.overflow -= 1;
                    return Step::Inside;
                }
                let found = self
                    .open
                    .iter()
                    .rev()
                    .take(END_SEARCH)
                    .position(|o| o.eq_ignore_ascii_case(name));
                if let Some(k) = found {
                    self.open.truncate(self.open.len() - k - 1);
                    return if self.open.is_empty() {
                        Step::Ended
                    } else {
                        Step::Inside
                    };
                }
                let closes_around = !self.template
                    && element(name) != Element::Inline
                    && around
                        .iter()
                        .rev()
                        .take(END_SEARCH)
                        .any(|o| o.name.eq_ignore_ascii_case(name));
                if closes_around {
                    Step::EndedBefore
                } else {
                    Step::Inside
                }
            }
            _ => Step::Inside,
        }
    }
}

/// Readability's starting score for an element's name, and whether its text is a paragraph
/// that scores the elements around it.
fn tag_score(name: &str) -> (i32, bool) {
    let is = |names: &[&str]| names.iter().any(|n| name.eq_ignore_ascii_case(n));
    if is(&["div", "article", "section", "main"]) {
        (5, false)
    } else if is(&["pre", "td", "blockquote"]) {
        (3, is(&["pre", "td"]))
    } else if is(&["address", "ol", "ul", "dl", "dd", "dt", "li", "form"]) {
        (-3, is(&["dd", "dt", "li"]))
    } else if is(&["h1", "h2", "h3", "h4", "h5", "h6", "th"]) {
        (-5, true)
    } else {
        (0, name.eq_ignore_ascii_case("p"))
    }
}

/// Reads markup into blocks of text. `markdown`: the source is Markdown with HTML in it, so
/// `<` is a tag only when a whole tag follows and whitespace is kept for the Markdown reader.
pub(super) fn walk(src: &str, markdown: bool) -> Blocks<'_> {
    let mut t = Tokenizer::new(src, markdown);
    let mut b = Blocks {
        keep_space: markdown,
        nodes: vec![Node::root()],
        ..Blocks::default()
    };
    // The element being skipped with everything inside it, and, for furniture, why and the
    // start of its text, which is set aside in place.
    let mut skip: Option<Skipping> = None;
    let mut aside: Option<(RemovalKind, String)> = None;
    while let Some(token) = t.next_token() {
        if let Some(sk) = &mut skip {
            let step = sk.step(token, &b.open);
            match (&mut aside, token, &step) {
                // Until past `REMOVED_LINE_BYTES`, so that `shorten` knows more followed.
                (Some((_, text)), Token::Text(s), Step::Inside)
                    if text.len() <= REMOVED_LINE_BYTES =>
                {
                    for word in decode_entities(s).split_whitespace() {
                        if !text.is_empty() {
                            text.push(' ');
                        }
                        text.push_str(word);
                    }
                }
                (_, _, Step::Ended | Step::EndedBefore) => {
                    if let Some((why, text)) = aside.take().filter(|(_, t)| !t.is_empty()) {
                        b.set_aside.push((b.done.len(), why, text));
                    }
                }
                _ => {}
            }
            match step {
                Step::Inside => continue,
                Step::Raw(name) => {
                    t.raw_text(name);
                    continue;
                }
                Step::Ended => {
                    skip = None;
                    continue;
                }
                Step::EndedBefore => {
                    skip = None;
                }
            }
        }
        match token {
            Token::Text(s) => b.text(s),
            Token::Comment => b.drop_one(Dropped::Comment),
            Token::Other => {}
            Token::Start {
                name,
                attrs,
                self_closing,
            } => {
                let el = match element(name) {
                    // A pull quote set beside the text (`<aside class="pullquote">`) is read as
                    // one, not skipped as a side column.
                    Element::Skip(Dropped::Furniture)
                        if !markdown && super::reason::is_pull_quote(attrs) =>
                    {
                        Element::Block
                    }
                    // A Markdown file's `<noscript>` is skipped with its scripts: only a web
                    // page gives an article there.
                    Element::Block if markdown && name.eq_ignore_ascii_case("noscript") => {
                        Element::Raw(Dropped::Script)
                    }
                    el => el,
                };
                match el {
                    Element::Raw(what) => {
                        t.raw_text(name);
                        b.drop_one(what);
                    }
                    Element::Title => {
                        let raw = t.raw_text(name);
                        if b.title.is_none() {
                            let title = decode_entities(raw);
                            b.title = Some(title.split_whitespace().collect::<Vec<_>>().join(" "));
                        }
                    }
                    Element::Skip(what) => {
                        b.drop_one(what);
                        if !self_closing {
                            skip = Some(Skipping::new(name));
                            aside = (what == Dropped::Furniture && !markdown).then(|| {
                                let why = super::reason::reason(name, attrs, false)
                                    .unwrap_or(RemovalKind::OutsideArticle);
                                (why, String::new())
                            });
                        }
                    }
                    Element::Cell => {
                        b.cell();
                        if !self_closing {
                            b.push(name, el, attrs);
                        }
                    }
                    Element::Inline => {
                        if name.eq_ignore_ascii_case("a") && !self_closing {
                            // Links do not nest: a browser ends the one open at the next `<a>`,
                            // so a link left unclosed in a widget does not swallow the page.
                            b.in_link = true;
                        } else if !markdown
                            && b.og_title.is_none()
                            && name.eq_ignore_ascii_case("meta")
                            && marks(attrs).og_title
                        {
                            b.og_title = content_attr(attrs).map(|t| {
                                decode_entities(&t)
                                    .split_whitespace()
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            });
                        }
                    }
                    _ => {
                        b.flush();
                        let void = self_closing
                            || ["br", "hr"].iter().any(|n| name.eq_ignore_ascii_case(n));
                        if !void {
                            match el {
                                Element::Main => b.main += 1,
                                Element::Article => b.article += 1,
                                Element::H1 => b.h1 += 1,
                                Element::Pre => b.pre += 1,
                                _ => {}
                            }
                            b.push(name, el, attrs);
                        }
                    }
                }
            }
            Token::End { name } => {
                let el = element(name);
                match el {
                    Element::Cell => {
                        b.cell();
                        b.close(name);
                    }
                    Element::Inline => {
                        if name.eq_ignore_ascii_case("a") {
                            b.in_link = false;
                        }
                    }
                    Element::Raw(_) | Element::Title => {}
                    // The end of an element read as a block though skipped by its name (a pull
                    // quote in an `aside`); nothing when none is open.
                    Element::Skip(_) => {
                        if b.open
                            .iter()
                            .rev()
                            .take(END_SEARCH)
                            .any(|o| o.name.eq_ignore_ascii_case(name))
                        {
                            b.flush();
                            b.close(name);
                        }
                    }
                    _ => {
                        b.flush();
                        b.close(name);
                        let depth = match el {
                            Element::Main => &mut b.main,
                            Element::Article => &mut b.article,
                            Element::H1 => &mut b.h1,
                            Element::Pre => &mut b.pre,
                            _ => continue,
                        };
                        *depth = depth.saturating_sub(1);
                    }
                }
            }
        }
    }
    b.flush();
    while !b.open.is_empty() {
        b.pop();
    }
    // The page holds every element: the siblings of a main content that is a child of the page
    // itself (markup without `<html>` or `<body>`) are those up to the last node.
    b.nodes[0].last = b.nodes.len() as u32 - 1;
    if !markdown {
        let furniture = settle(&mut b.nodes, u32::MAX);
        b.dropped[Dropped::Furniture as usize] += furniture;
        for t in &mut b.done {
            t.dropped = b.nodes[t.node as usize].dropped;
        }
    }
    b
}

/// A block left out of the main content for itself: a short one that is mostly links (menus,
/// lists of other articles, tags).
fn link_list(t: &TextBlock) -> bool {
    t.chars > 0 && t.link_chars * 2 > t.chars && t.chars < 300
}

/// A block kept wherever it stands, unless in furniture: a paragraph of prose (80 characters or
/// more, under a fifth of them in links). Pages split an article among several containers.
fn prose(t: &TextBlock) -> bool {
    t.chars >= 80 && t.link_chars * 5 < t.chars
}

/// `region` without the headings that introduce only blocks left out (`Related articles`
/// over a list of links, `Share this` over buttons): a heading (`h2` to `h6`) is left out when
/// blocks follow it before the next heading and none of them is kept.
fn introductions(done: &[TextBlock], nodes: &[Node], mut region: Vec<bool>) -> Vec<bool> {
    // From the end: whether a block up to the next heading is kept, and whether there is one.
    let (mut kept, mut any) = (false, false);
    for (t, r) in done.iter().zip(region.iter_mut()).rev() {
        if nodes[t.node as usize].heading {
            if *r && any && !kept {
                *r = false;
            }
            (kept, any) = (false, false);
        } else {
            kept |= *r;
            any = true;
        }
    }
    region
}

/// Characters of content under which the choice is made again without furniture words.
const RETRY_CHARS: u32 = 500;

/// The blocks kept, one flag a block, with `nodes` settled.
fn choose(done: &[TextBlock], nodes: &[Node]) -> Vec<bool> {
    let dropped = |t: &TextBlock| nodes[t.node as usize].dropped;
    let scored: Vec<Scored> = done
        .iter()
        .map(|t| Scored {
            node: t.node,
            chars: t.chars,
            commas: t.commas,
            dropped: dropped(t) || link_list(t),
        })
        .collect();
    let main_nodes = main_nodes(nodes, &scored).map(|(keep, _)| keep);
    let inside = |t: &TextBlock| {
        !dropped(t) && !link_list(t) && main_nodes.as_ref().is_none_or(|keep| keep[t.node as usize])
    };
    done.iter()
        .map(|t| inside(t) || (!dropped(t) && prose(t)))
        .collect()
}

/// Characters (not spaces) of an article's text a page gives in its data (`articleBody`) from
/// which it is taken instead of what the page shows, when what the page shows is under a third
/// of it: a page that writes its article with a script.
const BODY_CHARS: u32 = 1000;

/// Characters of `t` that are not spaces, as blocks count them.
fn visible_chars(t: &str) -> u32 {
    t.chars().filter(|c| !c.is_ascii_whitespace()).count() as u32
}

/// An HTML page as text: its main content (*The extraction model* in ARCHITECTURE.md), one
/// block a paragraph, with its title first.
#[cfg(test)]
pub(super) fn html(src: &str) -> (String, Vec<Note>) {
    html_with_body(src, &[])
}

/// `html`, given the paragraphs of the article's text the page gives in its data (`articleBody`:
/// `meta::page_details`): they are the article when what the page shows of it is under a third
/// of them and they hold `BODY_CHARS` or more, in place of the blocks they repeat.
pub(super) fn html_with_body(src: &str, body: &[String]) -> (String, Vec<Note>) {
    let b = walk(src, false);
    let mut notes = b.dropped_notes();
    let mut region = choose(&b.done, &b.nodes);
    // Readability's retry: when the content chosen is next to nothing while prose was dropped
    // for its class or id words (a layout called `one-sidebar` around the whole page), or is
    // under a third of the prose dropped (an `above-footer` around the story, a disclaimer
    // kept), the choice is made again with the words of the elements that hold half the page's
    // text ignored.
    let chars = |region: &[bool], pick: &dyn Fn(&TextBlock) -> bool| -> u32 {
        b.done
            .iter()
            .zip(region)
            .filter(|(t, &r)| r && pick(t))
            .map(|(t, _)| t.chars)
            .sum()
    };
    let kept = chars(&region, &|_| true);
    let all = vec![true; b.done.len()];
    let dropped_prose = chars(&all, &|t| t.dropped && prose(t));
    if (kept < RETRY_CHARS && dropped_prose > kept) || dropped_prose > 3 * kept {
        let mut nodes = b.nodes.clone();
        let page = b.nodes[0].chars.saturating_sub(b.nodes[0].link_chars);
        settle(&mut nodes, page / 2);
        let again = choose(&b.done, &nodes);
        if chars(&again, &|_| true) > kept {
            region = again;
        }
    }
    let region = introductions(&b.done, &b.nodes, region);
    let body_chars: u32 = body.iter().map(|p| visible_chars(p)).sum();
    let from_data = body_chars >= BODY_CHARS && chars(&region, &|_| true) * 3 < body_chars;
    let repeated: std::collections::HashSet<&str> = if from_data {
        body.iter().map(String::as_str).collect()
    } else {
        Default::default()
    };
    if from_data {
        notes.push(Note::ArticleFromData {
            words: body
                .iter()
                .map(|p| crate::model::count_words(p) as u64)
                .sum(),
        });
    }
    let outside: u64 = b
        .done
        .iter()
        .zip(&region)
        .filter(|(_, &r)| !r)
        .map(|(t, _)| crate::model::count_words(&t.text) as u64)
        .sum();
    if outside > 0 {
        notes.push(Note::OutsideMain { words: outside });
    }
    let title = b
        .done
        .iter()
        .zip(&region)
        .find(|(t, &r)| t.h1 && r)
        .map(|(t, _)| t.text.clone())
        .or(b.og_title.clone().filter(|t| !t.is_empty()))
        .or(b.title.clone().filter(|t| !t.is_empty()))
        .or_else(|| b.done.iter().find(|t| t.h1).map(|t| t.text.clone()));
    // Why each element's text is set aside: its own reason, else the one of the furniture
    // around it (parents come before their children).
    let mut cause: Vec<Option<RemovalKind>> = Vec::with_capacity(b.nodes.len());
    for (i, n) in b.nodes.iter().enumerate() {
        let own = n.reason.filter(|_| n.furniture || n.hidden || n.role);
        let parent = (i > 0).then(|| cause[n.parent as usize]).flatten();
        cause.push(own.or(parent));
    }
    let first_kept = region.iter().position(|&r| r).unwrap_or(region.len());
    let mut lines: Vec<String> = Vec::with_capacity(b.done.len() + 1);
    let first_text = b
        .done
        .iter()
        .zip(&region)
        .find(|(_, &r)| r)
        .map(|(t, _)| t.text.as_str());
    if let Some(title) = title.as_deref() {
        if first_text != Some(title) {
            lines.push(title.to_owned());
        }
    }
    // The article from the page's data goes where the page's own text begins under its title
    // (at the end when the page shows none).
    let body_at = from_data.then(|| {
        b.done
            .iter()
            .zip(&region)
            .position(|(t, &r)| r && Some(t.text.as_str()) != title.as_deref())
    });
    let write_body = |lines: &mut Vec<String>| {
        lines.extend(
            body.iter()
                .map(|p| crate::markers::write(PassageKind::Paragraph, p)),
        )
    };
    // Everything left out stays in place, marked with its reason (`markers`), up to
    // `REMOVED_BYTES`; the notes count it all.
    let mut removed_bytes = 0;
    let mut set_aside = b.set_aside.iter().peekable();
    for (i, (t, &kept)) in b.done.iter().zip(&region).enumerate() {
        while let Some((_, why, text)) = set_aside.next_if(|(at, _, _)| *at <= i) {
            removed_line(&mut lines, &mut removed_bytes, *why, text);
        }
        if body_at == Some(Some(i)) {
            write_body(&mut lines);
        }
        if kept {
            // A paragraph the page's data gives too is written once, with the data's.
            if !repeated.contains(t.text.as_str()) {
                lines.push(crate::markers::write(t.kind, &t.text));
            }
            continue;
        }
        let reason = match cause[t.node as usize] {
            Some(r) if t.dropped => r,
            _ if link_list(t) && i < first_kept => RemovalKind::Navigation,
            _ if link_list(t) => RemovalKind::RelatedLinks,
            _ => RemovalKind::OutsideArticle,
        };
        removed_line(&mut lines, &mut removed_bytes, reason, &t.text);
    }
    if body_at == Some(None) {
        write_body(&mut lines);
    }
    for (_, why, text) in set_aside {
        removed_line(&mut lines, &mut removed_bytes, *why, text);
    }
    (lines.join("\n\n"), notes)
}

/// A line of text left out, marked with `why`, shortened to `REMOVED_LINE_BYTES`, while fewer
/// than `REMOVED_BYTES` were written (`written` counts them).
fn removed_line(lines: &mut Vec<String>, written: &mut usize, why: RemovalKind, text: &str) {
    if *written < REMOVED_BYTES {
        let text = shorten(text, REMOVED_LINE_BYTES);
        *written += text.len();
        lines.push(crate::markers::write_removed(why, &text));
    }
}

/// `text` cut at a word to at most about `most` bytes, with "…" when cut.
fn shorten(text: &str, most: usize) -> std::borrow::Cow<'_, str> {
    if text.len() <= most {
        return text.into();
    }
    let mut at = most;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let at = text[..at]
        .rfind(' ')
        .filter(|&i| i > most / 2)
        .unwrap_or(at);
    format!("{}…", &text[..at]).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_ends_at_the_first_gt_outside_a_quoted_value() {
        let end = |t: &str| tag_end(t.as_bytes(), 0);
        assert_eq!(end(r#" title="a > b">x"#), Some(14));
        assert_eq!(end(" title = 'a > b' >x"), Some(17));
        // A quote not after `=` opens nothing: "it's" is text of a broken tag.
        assert_eq!(end(" it's>x"), Some(5));
        assert_eq!(end(r#" a="b" c>"#), Some(8));
        // A value never closed: the tag never ends.
        assert_eq!(end(r#" title="a > b"#), None);
        assert_eq!(end(" class=x"), None);
        // A value that ends with `=` opens nothing after it.
        assert_eq!(end(r#" a="x=" b>y"#), Some(9));
        // From past the tag's name, as the tokenizer asks.
        assert_eq!(tag_end(br#"<p  class="a>b">x"#, 2), Some(15));
    }

    /// A paragraph of prose (over 80 characters, no links): kept wherever it stands.
    const FERRY: &str = "The ferry sailed again on Friday, the first crossing since the storm, \
                         with forty cars and the morning post.";

    fn tokens(src: &str, strict: bool) -> Vec<Token<'_>> {
        let mut t = Tokenizer::new(src, strict);
        std::iter::from_fn(|| t.next_token()).collect()
    }

    #[test]
    fn tokenizer_reads_tags_comments_and_stray_brackets() {
        use Token::*;
        assert_eq!(
            tokens("a<b>c</B><!-- x --> 1 < 2<br/><p title='a>b'>", false),
            vec![
                Text("a"),
                Start {
                    name: "b",
                    attrs: "",
                    self_closing: false
                },
                Text("c"),
                End { name: "B" },
                Comment,
                Text(" 1 "),
                Text("<"),
                Text(" 2"),
                Start {
                    name: "br",
                    attrs: "/",
                    self_closing: true
                },
                Start {
                    name: "p",
                    attrs: " title='a>b'",
                    self_closing: false
                },
            ]
        );
        // `</` before no letter, `<!` and `<?`: bogus comments, skipped to the next `>`; text
        // in Markdown.
        assert_eq!(
            tokens("a</ b>c<!x><?y>", false),
            vec![Text("a"), Other, Text("c"), Other, Other]
        );
        assert_eq!(
            tokens("a</ b>c<!x><?y>", true),
            vec![
                Text("a"),
                Text("<"),
                Text("/ b>c"),
                Text("<"),
                Text("!x>"),
                Text("<"),
                Text("?y>")
            ]
        );
        assert_eq!(
            tokens("<p>Ports</ p> and cranes</p>", false),
            vec![
                Start {
                    name: "p",
                    attrs: "",
                    self_closing: false
                },
                Text("Ports"),
                Other,
                Text(" and cranes"),
                End { name: "p" }
            ]
        );
        // Cut off by the end of the file: dropped, as browsers do.
        assert_eq!(tokens("x<a href='y", false), vec![Text("x"), Other]);
        // Markdown: no whole tag, so text.
        assert_eq!(
            tokens("<https://x.org> a<b", true),
            vec![Text("<"), Text("https://x.org> a"), Text("<"), Text("b")]
        );
        assert_eq!(comment_end("<!-->x", 4), 5);
        assert_eq!(comment_end("<!--->x", 4), 6);
        assert_eq!(comment_end("<!-- a -- b --!>x", 4), 16);
        assert_eq!(comment_end("<!-- never", 4), 10);
    }

    #[test]
    fn a_script_ends_at_its_own_end_tag_and_nowhere_else() {
        // The raw text of `<script>`, and what the tokenizer reads after it.
        let raw = |src: &'static str| {
            let mut t = Tokenizer::new(src, false);
            t.next_token();
            let text = t.raw_text("script");
            (text, &src[t.pos..])
        };
        // Its end tag in any case, with `/`, a space or a line break after the name, or
        // attributes, up to its `>`.
        assert_eq!(raw("<script>a()</SCRIPT>b"), ("a()", "b"));
        assert_eq!(raw("<script>a()</script/>b"), ("a()", "b"));
        assert_eq!(raw("<script>a()</script\n>b"), ("a()", "b"));
        assert_eq!(raw("<script>a()</script x=\"y\">b"), ("a()", "b"));
        // Not another end tag, even one followed by spaces, nor a longer name.
        assert_eq!(
            raw("<script>s = '</em>      '; t = '>';</script>b"),
            ("s = '</em>      '; t = '>';", "b")
        );
        assert_eq!(raw("<script>a</scripts>c</script>b"), ("a</scripts>c", "b"));
        // No end tag: the rest of the file.
        assert_eq!(raw("<script>a</scrip"), ("a</scrip", ""));
    }

    #[test]
    fn html_to_text_drops_code_and_keeps_text() {
        let (text, notes) = html(
            "<html><head><title>T | Site</title><style>p{}</style></head><body><nav>Home</nav>\
             <main><h1>Big &amp; Small</h1><p>One&nbsp;two <b>three</b>\n four&#8212;five&#150;six.\
             <script>var a = '</p>';</script></p><table><tr><td>a</td><td>b</td></tr></table>\
             <svg><svg></svg><text>drawn</text></svg><pre>x\ny</pre></main><footer>(c)</footer>",
        );
        assert_eq!(
            text,
            "[Removed: navigation] Home\n\nBig & Small\n\nOne\u{a0}two three four—five–six.\n\n\
             | a | b |\n\nx\n\ny\n\n[Removed: footer] (c)"
        );
        assert_eq!(
            notes,
            vec![
                Note::Dropped {
                    what: Dropped::Script,
                    count: 1
                },
                Note::Dropped {
                    what: Dropped::Style,
                    count: 1
                },
                Note::Dropped {
                    what: Dropped::Furniture,
                    count: 2
                },
                Note::Dropped {
                    what: Dropped::Embedded,
                    count: 1
                },
            ]
        );
        // A row of one cell is a paragraph, not a table row.
        assert_eq!(
            html("<table><tr><td>Only one cell here</td></tr></table>").0,
            "Only one cell here"
        );
        // A row of images has no text: no passage, not an empty one.
        assert_eq!(
            html("<table><tr><td><img src=a.jpg></td><td><img src=b.jpg></td></tr></table><p>After</p>").0,
            "After"
        );
        // A stray end tag of raw text (`</script>`, `</title>`) or of a skipped element
        // (`</nav>`) ends no block.
        assert_eq!(
            html("<p>The ferry </script>sailed </title>again </nav>today.</p>").0,
            "The ferry sailed again today."
        );
        // Line breaks end blocks inside `<pre>` only, not after its end.
        assert_eq!(html("<pre>x\ny</pre><p>a\nb</p>").0, "x\n\ny\n\na b");
        // No <main>: everything, with the <title> first.
        assert_eq!(html("<title>T</title><p>a</p><p>b</p>").0, "T\n\na\n\nb");
    }

    #[test]
    fn a_list_of_links_and_prose_by_their_characters() {
        let block = |chars, link_chars| TextBlock {
            chars,
            link_chars,
            ..TextBlock::default()
        };
        // A list of links: more than half its characters in links, under 300 characters.
        assert!(link_list(&block(299, 150)));
        assert!(!link_list(&block(300, 300)));
        assert!(!link_list(&block(200, 100)));
        assert!(link_list(&block(200, 101)));
        assert!(!link_list(&block(0, 0)));
        // Prose: 80 characters or more, under a fifth of them in links.
        assert!(prose(&block(80, 15)));
        assert!(!prose(&block(79, 0)));
        assert!(!prose(&block(80, 16)));
        assert!(prose(&block(5000, 999)));
    }

    #[test]
    fn text_set_aside_is_cut_at_a_word_to_400_bytes_and_20_000_in_all() {
        let a = |n: usize| "a".repeat(n);
        // Up to 400 bytes, whole.
        assert_eq!(shorten(&a(400), 400), a(400));
        // Past them, at the last space after the first half, with "…".
        let words = format!("{} {}", a(250), a(200));
        assert_eq!(shorten(&words, 400), format!("{}…", a(250)));
        let words = format!("{} {}", a(201), a(300));
        assert_eq!(shorten(&words, 400), format!("{}…", a(201)));
        // No space after the first half (the only one at byte 200): at 400 bytes.
        let words = format!("{} {}", a(200), a(300));
        assert_eq!(shorten(&words, 400), format!("{} {}…", a(200), a(199)));
        // Not inside a character: `é` is bytes 399 and 400.
        let word = format!("{}é{}", a(399), a(100));
        assert_eq!(shorten(&word, 400), format!("{}…", a(399)));
        // Lines are written while fewer than 20,000 bytes were: 50 of 400 bytes, not 51.
        let (mut lines, mut written) = (Vec::new(), 0);
        for _ in 0..51 {
            removed_line(&mut lines, &mut written, RemovalKind::Navigation, &a(400));
        }
        assert_eq!((lines.len(), written), (50, 20_000));
        assert_eq!(lines[0], format!("[Removed: navigation] {}", a(400)));
        // A longer line counts as what is written of it.
        let (mut lines, mut written) = (Vec::new(), 19_999);
        removed_line(&mut lines, &mut written, RemovalKind::Navigation, &a(1000));
        removed_line(&mut lines, &mut written, RemovalKind::Navigation, "x");
        assert_eq!((lines.len(), written), (1, 19_999 + 403));
    }

    #[test]
    fn the_main_content_is_chosen_over_short_blocks_no_furniture_word_names() {
        // A ticker above the story and a print note below it: short lines, not prose, in
        // containers no furniture word names. Only the choice of the main content (the story's
        // `div`, which its paragraphs score) leaves them out; a short line inside it stays.
        let page = "<html><body>\
            <div class=\"ticker\"><p>Brent crude $81.20</p><p>Tehran 14°C, clear</p></div>\
            <div class=\"story\"><h1>Caspian Talks Resume</h1>\
            <p>Delegations from Iran, Russia and Kazakhstan met in Baku on Tuesday, the first \
            round since the summer.</p>\
            <p>Officials said the talks would cover fishing quotas, shipping lanes and the \
            seabed.</p><p>No date was set.</p></div>\
            <div class=\"edition\"><p>Print edition, page 4</p></div></body></html>";
        let (text, notes) = html(page);
        assert_eq!(
            text,
            "[Removed: outside-article] Brent crude $81.20\n\n\
             [Removed: outside-article] Tehran 14°C, clear\n\n\
             Caspian Talks Resume\n\n\
             Delegations from Iran, Russia and Kazakhstan met in Baku on Tuesday, the first \
             round since the summer.\n\n\
             Officials said the talks would cover fishing quotas, shipping lanes and the \
             seabed.\n\n\
             No date was set.\n\n\
             [Removed: outside-article] Print edition, page 4"
        );
        // 3 + 3 + 4 words left out.
        assert_eq!(notes, vec![Note::OutsideMain { words: 10 }]);
    }

    #[test]
    fn a_container_named_as_content_or_an_article_outscores_a_plain_one() {
        // Two containers of one paragraph and one short line each. The plain one's paragraph
        // scores more (a comma, more characters), but a content word, an `<article>` or
        // `role="main"` adds 25 to the other: it is the main content, and its short line is
        // kept; the plain one's is not (its paragraph is prose, kept wherever it stands).
        let first = "Delegations from Iran, Russia and Kazakhstan met in Baku on Tuesday for \
                     the first round of talks since the summer recess ended";
        let second = "Officials said the talks would cover fishing quotas and shipping lanes \
                      and the seabed and the oil beneath it, and that a further round would \
                      follow in the spring if the delegations agreed on an agenda in time for it";
        for (open, close) in [
            ("<div class=\"story\">", "</div>"),
            ("<article>", "</article>"),
            ("<div role=\"main\">", "</div>"),
        ] {
            let (text, _) = html(&format!(
                "<html><body>{open}<p>{first}</p><p>Filed from Baku.</p>{close}\
                 <div class=\"box\"><p>{second}</p><p>Print edition, page 4.</p></div>\
                 </body></html>"
            ));
            assert_eq!(
                text,
                format!(
                    "{first}\n\nFiled from Baku.\n\n{second}\n\n\
                     [Removed: outside-article] Print edition, page 4."
                ),
                "{open}"
            );
        }
    }

    #[test]
    fn furniture_by_its_role_is_left_out_even_when_it_holds_most_of_the_page() {
        // Furniture named by its class words that holds half the page's text is spared by the
        // second choice (a layout class around the article); furniture by its ARIA role never is.
        let prose = FERRY;
        let page = |attrs: &str| {
            html(&format!(
                "<html><body><p>Short note.</p><div {attrs}><p>{prose}</p><p>{prose}</p></div>\
                 </body></html>"
            ))
            .0
        };
        assert_eq!(
            page("class=\"sidebar\""),
            format!("Short note.\n\n{prose}\n\n{prose}")
        );
        let text = page("role=\"complementary\"");
        assert!(
            text.starts_with("Short note.\n\n[Removed: ") && text.ends_with(prose),
            "{text}"
        );
        assert!(!text.contains(&format!("\n\n{prose}")), "{text}");
    }

    #[test]
    fn a_container_of_links_scores_less_for_them() {
        // A container whose paragraph has more commas and characters than the story's, but
        // most of them in links: its score is cut by its share of links (counted from the
        // paragraph inside it), and the story is the main content. The links' paragraph is not
        // prose (a fifth or more in links) and is left out; the story's short line is kept.
        let story = "Delegations from Iran, Russia and Kazakhstan met in Baku on Tuesday for \
                     the first round of talks since the summer recess ended";
        let link = "<a href=\"/a\">Fishing quotas, shipping lanes, the seabed, oil and gas, \
                    ports, ferries, sturgeon, caviar, pipelines and tankers</a>";
        let links = format!("See also {link}, {link}, {link} and {link}.");
        let (text, _) = html(&format!(
            "<html><body><div><p>{story}</p><p>Filed from Baku.</p></div>\
             <div><p>{links}</p></div></body></html>"
        ));
        let (first, rest) = text
            .split_once("\n\nFiled from Baku.\n\n")
            .unwrap_or_default();
        assert_eq!(first, story, "{text}");
        assert!(
            rest.starts_with("[Removed: ") && rest.contains("See also"),
            "{text}"
        );
    }

    #[test]
    fn skipped_content_ends_where_a_browser_ends_it() {
        let prose = FERRY;
        // Images have no end tag: a menu after 40 flags still ends at its own (an end tag is
        // looked for among the 32 elements open last).
        let icons = "<img src=\"flag.png\">".repeat(40);
        assert_eq!(
            html(&format!("<nav>{icons}Home</nav><p>{prose}</p>")).0,
            format!("[Removed: navigation] Home\n\n{prose}")
        );
        // A menu's end tag closes what is left open inside it; a list item left open is closed
        // by the next, so a menu of 40 such items is not 40 levels deep.
        let items = "<li><a href=\"/\">Home</a>".repeat(40);
        for menu in ["<ul><li>Home".to_owned(), format!("<ul>{items}</ul>")] {
            let (text, _) = html(&format!("<nav>{menu}</nav><p>{prose}</p>"));
            assert!(
                text.starts_with("[Removed: navigation] Home")
                    && text.ends_with(&format!("\n\n{prose}")),
                "{menu}: {text}"
            );
        }
        // Only a paragraph, list item, term, definition, option, row or cell is closed by the
        // start of another, and a paragraph by a block: an end tag inside the menu then ends an
        // element inside it, not one around it (a `div`, a paragraph the menu interrupts).
        for menu in [
            "<div><nav><div><p>Home</p></div>Contact</nav>",
            "<p>Intro<nav><p><a href=\"/\">Home</a></p>Contact</nav>",
        ] {
            let (text, _) = html(&format!("{menu}<p>{prose}</p>"));
            assert!(
                text.contains("[Removed: navigation] Home Contact"),
                "{menu}: {text}"
            );
        }
        // An end tag that closes nothing inside the menu ends it when it closes a block around
        // it (a `div`), and is ignored when it closes nothing around it either, or an inline
        // element; inside a `template`, it never ends it.
        for (page, expected) in [
            (
                format!("<nav>Home</div></span>Contact</nav><p>{prose}</p>"),
                format!("[Removed: navigation] Home Contact\n\n{prose}"),
            ),
            (
                format!("<div><nav>Home</div><p>{prose}</p>"),
                format!("[Removed: navigation] Home\n\n{prose}"),
            ),
            (
                format!("<div><template>Hidden</div>Still hidden</template><p>{prose}</p></div>"),
                prose.to_owned(),
            ),
        ] {
            assert_eq!(html(&page).0, expected, "{page}");
        }
        // A script's or a title's text inside a menu is raw text: an end tag in it is text.
        for raw in [
            "<script>document.write(\"</nav>\");</script>",
            "<title>Menu</nav> of the site</title>",
            // In HTML, a `/` does not close a script.
            "<script src=\"menu.js\"/>document.write(\"</nav>\");</script>",
        ] {
            assert_eq!(
                html(&format!("<nav>{raw}Home</nav><p>{prose}</p>")).0,
                format!("[Removed: navigation] Home\n\n{prose}"),
                "{raw}"
            );
        }
        // A menu's text is kept up to 400 bytes, and "…" says that more followed, even when
        // its first words fill the 400 bytes exactly.
        let a = |n: usize| "a".repeat(n);
        let link = "<a href=\"/\">Home</a>";
        for (menu, line) in [
            (a(400), a(400)),
            (format!("{}{link}", a(399)), format!("{}…", a(399))),
            (format!("{}{link}", a(400)), format!("{}…", a(400))),
        ] {
            let (text, _) = html(&format!("<nav>{menu}</nav><p>{prose}</p>"));
            assert_eq!(
                text.split("\n\n").next(),
                Some(format!("[Removed: navigation] {line}").as_str())
            );
        }
        // A drawing left open ends at a paragraph of HTML, which it cannot hold.
        assert_eq!(
            html(&format!("<svg><circle r=\"1\"><p>{prose}</p>")).0,
            prose
        );
    }

    #[test]
    fn the_second_choice_is_made_under_500_characters_or_a_third_of_the_dropped_prose_kept() {
        // Paragraphs of prose, 10 characters (not spaces) a sentence.
        let para = |n: usize| format!("<p>{}</p>", "Ferries go. ".repeat(n));
        let aside = |class: &str, n: usize| format!("<div class=\"{class}\">{}</div>", para(n));
        let kept = |page: &str| {
            html(&format!("<html><body>{page}</body></html>"))
                .0
                .split("\n\n")
                .filter(|l| !l.starts_with("[Removed"))
                .count()
        };
        // Under 500 characters kept (490), with more prose left out as furniture (600) that
        // holds half the page's text or more: that furniture is kept on the second choice.
        assert_eq!(kept(&format!("{}{}", para(49), aside("sidebar", 60))), 2);
        // 500 kept: no second choice.
        assert_eq!(kept(&format!("{}{}", para(50), aside("sidebar", 60))), 1);
        // Only when more prose was left out than was kept: 140 and 140, none; 140 and 150.
        assert_eq!(kept(&format!("{}{}", para(14), aside("sidebar", 14))), 1);
        assert_eq!(kept(&format!("{}{}", para(14), aside("sidebar", 15))), 2);
        // 500 kept or more, with over three times as much prose left out: a second choice
        // (600 kept, 1,900 in a wrapper named by a furniture word); three times, none.
        assert_eq!(
            kept(&format!("{}{}", para(60), aside("above-footer", 190))),
            2
        );
        assert_eq!(
            kept(&format!("{}{}", para(60), aside("above-footer", 180))),
            1
        );
        // Furniture that holds less than half the page stays out (the newsletter's 150
        // characters of 700; the side column's 450 are kept).
        assert_eq!(
            kept(&format!(
                "{}{}{}",
                para(10),
                aside("sidebar", 45),
                aside("newsletter", 15)
            )),
            2
        );
    }

    #[test]
    fn the_pages_data_is_the_article_when_the_page_shows_under_a_third_of_it() {
        // Ten paragraphs of 111 characters (not spaces) in the page's data: 1,110.
        let body: Vec<String> = (0..10)
            .map(|i| format!("Paragraph {i} of the story.{}", " Ferries go.".repeat(9)))
            .collect();
        let shown = |n: usize| {
            let page = format!("<html><body><article>{}</article></body></html>", {
                let mut p = body[..n]
                    .iter()
                    .map(|t| format!("<p>{t}</p>"))
                    .collect::<String>();
                p.push_str("<p>Loading…</p>");
                p
            });
            html_with_body(&page, &body)
        };
        let kept = |text: &str| {
            text.split("\n\n")
                .filter(|l| !l.starts_with("[Removed"))
                .count()
        };
        // Three paragraphs shown and the loading line (341, under a third of 1,110): the data's
        // ten, the three not repeated, the loading line kept as it stood.
        let (text, notes) = shown(3);
        assert_eq!(kept(&text), 11, "{text}");
        assert_eq!(text.matches("Paragraph 0 ").count(), 1);
        assert!(text.find("Paragraph 9").unwrap() < text.find("Loading").unwrap());
        assert!(notes
            .iter()
            .any(|n| matches!(n, Note::ArticleFromData { .. })));
        // Four shown (452): the page's own text.
        let (text, notes) = shown(4);
        assert_eq!(kept(&text), 5, "{text}");
        assert!(!notes
            .iter()
            .any(|n| matches!(n, Note::ArticleFromData { .. })));
        // Data under 1,000 characters (999) is never taken.
        let (text, _) = html_with_body("<p>Loading…</p>", &body[..9]);
        assert_eq!(kept(&text), 1, "{text}");
        // A page with no block at all: the data alone.
        let (text, _) = html_with_body("<html><body></body></html>", &body);
        assert_eq!(kept(&text), 10, "{text}");
    }

    #[test]
    fn the_title_is_the_kept_h1_then_the_pages_social_title_then_its_title() {
        let prose = FERRY;
        let head = |og: &str| {
            format!(
                "<head><title>Ferry returns | Harbour Times</title>\
                 <meta property=\"og:title\" content=\"{og}\"></head>"
            )
        };
        let page =
            |og: &str, body: &str| html(&format!("<html>{}<body>{body}</body></html>", head(og))).0;
        // No `h1`: the social title, before the `<title>` with the site's name.
        assert_eq!(
            page("The Ferry Returns", &format!("<p>{prose}</p>")),
            format!("The Ferry Returns\n\n{prose}")
        );
        // The first: here Open Graph's, then Twitter's.
        assert_eq!(
            html(&format!(
                "<html>{}<meta name=\"twitter:title\" content=\"Ferry back!\">\
                 <body><p>{prose}</p></body></html>",
                head("The Ferry Returns")
            ))
            .0,
            format!("The Ferry Returns\n\n{prose}")
        );
        // An empty one is none.
        assert_eq!(
            page("", &format!("<p>{prose}</p>")),
            format!("Ferry returns | Harbour Times\n\n{prose}")
        );
        // A kept `h1` first.
        assert_eq!(
            page(
                "The Ferry Returns",
                &format!("<h1>Ferry Back</h1><p>{prose}</p>")
            ),
            format!("Ferry Back\n\n{prose}")
        );
    }

    #[test]
    fn text_left_out_is_named_by_where_it_stands() {
        let prose = FERRY;
        let links = "<ul><li><a href=\"/a\">Ports</a></li><li><a href=\"/b\">Ferries</a></li></ul>";
        let (text, _) = html(&format!(
            "<html><body><div>{links}</div><div class=\"story\"><p>{prose}</p><p>{prose}</p>\
             </div><div>{links}</div></body></html>"
        ));
        // Links before the first text kept are navigation; after it, related links.
        assert_eq!(
            text,
            format!(
                "[Removed: navigation] Ports\n\n[Removed: navigation] Ferries\n\n{prose}\n\n\
                 {prose}\n\n[Removed: related-links] Ports\n\n[Removed: related-links] Ferries"
            )
        );
        // A short line beside the article, in a side column that holds the article (so not
        // furniture), is left out as outside the article, not as the side column.
        let (text, _) = html(&format!(
            "<html><body><div class=\"sidebar\"><p>Filed from Baku.</p><main><p>{prose}</p>\
             </main></div></body></html>"
        ));
        assert_eq!(
            text,
            format!("[Removed: outside-article] Filed from Baku.\n\n{prose}")
        );
    }

    #[test]
    fn elements_start_with_readabilitys_scores() {
        // Readability's starting scores (`initializeNode`), in any case, and whether the
        // element's text is a paragraph that scores the elements around it.
        for name in ["div", "ARTICLE", "section", "main"] {
            assert_eq!(tag_score(name), (5, false), "{name}");
        }
        assert_eq!(tag_score("pre"), (3, true));
        assert_eq!(tag_score("TD"), (3, true));
        assert_eq!(tag_score("blockquote"), (3, false));
        for name in ["address", "ol", "ul", "dl", "form"] {
            assert_eq!(tag_score(name), (-3, false), "{name}");
        }
        for name in ["dd", "dt", "LI"] {
            assert_eq!(tag_score(name), (-3, true), "{name}");
        }
        for name in ["h1", "h2", "h3", "h4", "h5", "H6", "th"] {
            assert_eq!(tag_score(name), (-5, true), "{name}");
        }
        assert_eq!(tag_score("P"), (0, true));
        assert_eq!(tag_score("span"), (0, false));
    }

    #[test]
    fn lists_of_links_do_not_score_the_container_that_holds_them() {
        // A list of links with commas in them (under 300 characters, more than half in links,
        // each over the 25 that a block needs to score): were they scored, their list would
        // outscore the story, and the story's short line would be left out.
        let story = "Delegations from Iran, Russia and Kazakhstan met in Baku on Tuesday for \
                     the first round of talks since the summer recess ended";
        let item = "<li>Ports, ferries, quays, <a href=\"/a\">tankers, pipelines, oil</a></li>";
        let (text, _) = html(&format!(
            "<html><body><div><p>{story}</p><p>Filed from Baku.</p></div>\
             <div><ul>{}</ul></div></body></html>",
            item.repeat(10)
        ));
        assert!(
            text.starts_with(&format!("{story}\n\nFiled from Baku.\n\n[Removed: ")),
            "{text}"
        );
    }

    #[test]
    fn the_second_choice_is_taken_only_when_it_keeps_more() {
        // First choice: the 4 short lines (60 characters each, 28 in links: 240 kept). Second
        // (under 500 kept, and 340 of prose left out): the side column holds half the page's
        // text outside links (240 of 468), so its words are ignored; it outscores the lines,
        // which are left out, and keeps its 240 characters: no more than the first, which
        // stays. (The hidden paragraph's 100 are never kept.)
        let line = format!(
            "<p>{}<a href=\"/a\">{}</a></p>",
            "Quay ".repeat(8),
            "Dock ".repeat(7)
        );
        let para = format!("<p>{}</p>", "Oil, ".repeat(20));
        let (text, _) = html(&format!(
            "<html><body><div>{}</div><div class=\"sidebar\">{}</div>\
             <div hidden><p>{}</p></div></body></html>",
            line.repeat(4),
            para.repeat(3),
            "Gas, ".repeat(25)
        ));
        let kept: Vec<&str> = text
            .split("\n\n")
            .filter(|l| !l.starts_with("[Removed"))
            .collect();
        assert_eq!(kept.len(), 4, "{text}");
        assert!(kept.iter().all(|l| l.starts_with("Quay")), "{text}");
    }

    #[test]
    fn a_paragraph_beside_the_main_content_is_kept_unless_a_quarter_is_links() {
        // Beside the story's `div`, a paragraph of more than 80 characters is kept with it when
        // under a quarter of its text is in links; this one has 25 of its 82 (not prose either).
        let story = "<div class=\"story\"><h1>Caspian Talks Resume</h1>\
            <p>Delegations from Iran, Russia and Kazakhstan met in Baku on Tuesday, the first \
            round since the summer.</p>\
            <p>Officials said the talks would cover fishing quotas, shipping lanes and the \
            seabed.</p></div>";
        let aside = "<p>Earlier this year the five states agreed on fishing quotas, as \
            <a href=\"/a\">our report from Aktau in March</a> told.</p>";
        let (text, _) = html(&format!("<html><body>{story}{aside}</body></html>"));
        assert!(
            text.ends_with(
                "[Removed: outside-article] Earlier this year the five states agreed on fishing quotas, \
                 as our report from Aktau in March told."
            ),
            "{text}"
        );
    }

    #[test]
    fn an_article_element_named_furniture_does_not_hold_the_page() {
        // A login dialog built of `<article class="…-modal">` messages: the `<article>` does not
        // make the dialog the page's content, so its messages are set aside with it.
        let message = "Your password was changed. From now on, on your phone, your tablet and \
                       your computer, you sign in with the new password, which we sent you.";
        let (text, _) = html(&format!(
            "<html><body><div class=\"x-dialog-login\"><article class=\"message-modal\">\
             <p>{message}</p></article></div><div class=\"story\"><p>{FERRY}</p>\
             <p>{FERRY}</p></div></body></html>"
        ));
        assert!(
            text.split("\n\n")
                .any(|l| l.starts_with("[Removed") && l.ends_with(message)),
            "{text}"
        );
        assert!(!text.split("\n\n").any(|l| l == message), "{text}");
    }

    #[test]
    fn a_link_left_open_ends_at_the_next_link() {
        // A widget's `<a>` left unclosed, then a link that is closed: links do not nest, so
        // the story after them is prose, not text inside a link.
        let widget = "<ul><li><h2>Social Media</h2><div><a href=\"/x\"><img src=x.gif</div></li>\
            <li><p><a href=\"/y\">Register your blog</a></p></li></ul>";
        let story = format!("<div class=\"entry\"><p>{FERRY} {FERRY}</p></div>");
        let (text, _) = html(&format!("<html><body>{widget}{story}</body></html>"));
        assert!(
            text.split("\n\n").any(|l| l == format!("{FERRY} {FERRY}")),
            "{text}"
        );
    }

    #[test]
    fn noscript_gives_the_article_a_script_would_write_and_drops_its_notices() {
        // A blog writing its post with a script gives it in `<noscript>` too: that is the
        // article. A short "turn on JavaScript" notice there is set aside as hidden text.
        let post = format!(
            "<p>{FERRY}</p><p>{FERRY} Again.</p><p>{FERRY} Once more.</p>\
                            <p>{FERRY} And the last.</p><p>{FERRY} Really.</p>"
        );
        let (text, _) = html(&format!(
            "<html><body><noscript>Please turn on JavaScript to see this page.</noscript>\
             <div class=\"post\"><script type=\"text/template\">{post}</script>\
             <noscript>{post}</noscript></div></body></html>"
        ));
        let kept: Vec<&str> = text
            .split("\n\n")
            .filter(|l| !l.starts_with("[Removed"))
            .collect();
        assert_eq!(kept.len(), 5, "{text}");
        assert!(kept[0].starts_with(FERRY), "{text}");
        assert!(
            text.contains("[Removed: hidden] Please turn on JavaScript"),
            "{text}"
        );
    }

    #[test]
    fn an_element_left_open_ends_where_a_browser_ends_it() {
        // A paragraph, list item or term left open is closed by the next one: what
        // follows is not inside the furniture before it. (500 characters of prose come first,
        // so that no second choice spares what the furniture would hide.)
        let prose = FERRY;
        let before = [prose; 6].join(" ");
        for (furniture, next) in [
            ("<p class=\"newsletter\">Sign up", "<p>"),
            ("<ul><li class=\"share\">Share this", "<li>"),
            ("<dl><dt class=\"sponsor\">Sponsored", "<dd>"),
            ("<dl><dd class=\"sponsor\">Sponsored", "<dt>"),
            ("<option class=\"sponsor\">Sponsored", "<option>"),
            // A line break or a rule has no end tag: the list item is still the element open.
            ("<ul><li class=\"share\">Share<br>this", "<li>"),
            ("<ul><li class=\"share\">Share<hr>this", "<li>"),
        ] {
            let (text, _) = html(&format!(
                "<html><body><p>{before}</p>{furniture}{next}{prose}</body></html>"
            ));
            // Kept (as a paragraph or a list item), not set aside (`[Removed: …] The ferry…`).
            let last = text.rsplit("\n\n").next().unwrap_or_default();
            assert!(
                last.ends_with(prose) && !last.starts_with("[Removed"),
                "{furniture}{next}: {text}"
            );
        }
        // A table used for layout: a cell of furniture holds its paragraphs.
        let (text, _) = html(&format!(
            "<html><body><p>{before}</p><table><tr><td class=\"sidebar\"><p>Most read</p></td>\
             <td><p>{prose}</p></td></tr></table></body></html>"
        ));
        assert!(
            text.contains("[Removed: ") && text.ends_with(&format!("Most read\n\n{prose}")),
            "{text}"
        );
        // Only a term or a definition closes one: a block inside a term, or a term inside a
        // list, stays inside the furniture around it.
        for furniture in [
            format!("<dl><dt class=\"sponsor\"><div>{prose}</div></dt></dl>"),
            format!("<dl class=\"sponsor\"><dt>{prose}</dt></dl>"),
        ] {
            let (text, _) = html(&format!(
                "<html><body><p>{before}</p>{furniture}</body></html>"
            ));
            let last = text.rsplit("\n\n").next().unwrap_or_default();
            assert!(
                last.ends_with(prose) && last.starts_with("[Removed"),
                "{furniture}: {text}"
            );
        }
        // A cell left open is closed by the next: the row is not inside the first cell's
        // furniture (the row is one block, kept whole).
        let (text, _) = html(&format!(
            "<html><body><p>{before}</p><table><tr><td class=\"sidebar\">Most read<td>{prose}\
             </tr></table></body></html>"
        ));
        assert_eq!(text, format!("{before}\n\n| Most read | {prose} |"));
        let (text, _) = html(&format!(
            "<html><body><p>{before}</p><table><tr><th class=\"sidebar\">Most read<th>{prose}\
             </tr></table></body></html>"
        ));
        assert_eq!(text, format!("{before}\n\n| Most read | {prose} |"));
        // An article body or a main region is never furniture, whatever its class words.
        for body in ["itemprop=\"articleBody\"", "role=\"main\""] {
            let (text, _) = html(&format!(
                "<html><body><p>{before}</p><div class=\"left-navigation-wrapper\" {body}>\
                 <p>{prose}</p></div></body></html>"
            ));
            assert_eq!(text, format!("{before}\n\n{prose}"), "{body}");
        }
        // Nor is an element that holds a `main` or an `article`.
        for region in ["main", "article"] {
            let (text, _) = html(&format!(
                "<html><body><p>{before}</p><div class=\"left-navigation-wrapper\">\
                 <{region}><p>{prose}</p></{region}></div></body></html>"
            ));
            assert_eq!(text, format!("{before}\n\n{prose}"), "{region}");
        }
        // Nor is the page's `body`: a layout class on it drops nothing.
        assert_eq!(
            html(&format!(
                "<html><body class=\"has-sidebar\"><p>{prose}</p></body></html>"
            )),
            (prose.to_owned(), vec![])
        );
        // Furniture named by its class or hidden says why its text is left out.
        let (text, _) = html(&format!(
            "<html><body><p>{prose}</p><div class=\"comments\"><p>Great piece!</p></div>\
             <div hidden><p>Old version</p></div></body></html>"
        ));
        assert!(
            text.ends_with("[Removed: comments] Great piece!\n\n[Removed: hidden] Old version"),
            "{text}"
        );
    }

    #[test]
    fn elements_nested_past_the_512th_are_closed_by_their_own_end_tags() {
        // Past `MAX_OPEN` elements, the deeper ones are not held open but counted: their end
        // tags close them, not the elements held around them. Here 8 `div`s past the 512th
        // (the side column and 511 inside it), then 8 + 507 `</div>`: the paragraph after them
        // is still inside the side column, 4 levels down, and left out with it.
        let prose = FERRY;
        let before = [prose; 6].join(" ");
        let (open, ends) = (MAX_OPEN - 1 + 8, 8 + 507);
        let (text, _) = html(&format!(
            "<p>{before}</p><div class=\"sidebar\">{}{}<p>{prose}</p></div></div></div></div>\
             </div>",
            "<div>".repeat(open),
            "</div>".repeat(ends)
        ));
        let last = text.rsplit("\n\n").next().unwrap_or_default();
        assert!(
            last.starts_with("[Removed: ") && last.ends_with(prose),
            "{last}"
        );
        // 5 more `</div>` close the 4 `div`s left and the side column: the paragraph after them
        // is kept.
        let (text, _) = html(&format!(
            "<p>{before}</p><div class=\"sidebar\">{}{}<p>{prose}</p>",
            "<div>".repeat(open),
            "</div>".repeat(ends + 5)
        ));
        assert_eq!(text, format!("{before}\n\n{prose}"));
    }

    #[test]
    fn a_skipped_element_nested_past_the_512th_ends_at_its_own_end_tag() {
        // Inside a skipped `nav`, elements past `MAX_OPEN` are counted, not held open: their
        // end tags close them, not the `div`s held open, and not the `div` around the `nav`.
        let prose = FERRY;
        let before = [prose; 6].join(" ");
        let deep = MAX_OPEN - 1 + 8;
        let (text, _) = html(&format!(
            "<div><p>{before}</p><nav>{}{}Menu</nav><p>{prose}</p></div>",
            "<div>".repeat(deep),
            "</div>".repeat(deep)
        ));
        assert_eq!(
            text,
            format!("{before}\n\n[Removed: navigation] Menu\n\n{prose}")
        );
    }

    /// The cost tests (`tests/cost.rs`) see the tokenizer's work through `probe`: each byte of
    /// a tag's name it reads is a step, wherever the tag stands.
    #[cfg(feature = "probe")]
    #[test]
    fn each_byte_of_a_tag_name_read_is_a_step_of_work() {
        let page = "x<section>".repeat(10);
        let before = crate::probe::steps();
        assert_eq!(tokens(&page, false).len(), 20);
        assert_eq!(crate::probe::steps() - before, 70);
        let before = crate::probe::steps();
        assert_eq!(tokens(&page, true).len(), 20);
        assert_eq!(crate::probe::steps() - before, 70);
    }

    #[test]
    fn markup_without_a_body_keeps_the_same_blocks_as_with_one() {
        // The story's `div` is the main content (30 for its name and some 8 from its
        // paragraphs); the background's scores 5 and some 7, enough to be kept beside it (from
        // 10 points), with its short heading. A
        // browser reads both pages alike (it adds `<html>` and `<body>`); the page itself once
        // ended the search for siblings at its first element, and the heading was left out.
        let content = "<div class=\"story\"><h1>Caspian Talks Resume</h1>\
            <p>Delegations from Iran, Russia and Kazakhstan met in Baku on Tuesday, the first \
            round since the summer.</p>\
            <p>Officials said the talks would cover fishing quotas, shipping lanes and the \
            seabed.</p></div>\
            <div class=\"background\"><h2>Background</h2>\
            <p>The five states that border the Caspian signed a convention on its legal status \
            in 2018, after more than twenty years of talks, but left the division of the \
            seabed, and of the oil and gas beneath it, to later agreements.</p></div>";
        let expected = "Caspian Talks Resume\n\n\
            Delegations from Iran, Russia and Kazakhstan met in Baku on Tuesday, the first \
            round since the summer.\n\n\
            Officials said the talks would cover fishing quotas, shipping lanes and the \
            seabed.\n\n\
            Background\n\n\
            The five states that border the Caspian signed a convention on its legal status \
            in 2018, after more than twenty years of talks, but left the division of the \
            seabed, and of the oil and gas beneath it, to later agreements.";
        assert_eq!(html(content), (expected.to_owned(), vec![]));
        let page = format!("<html><body>{content}</body></html>");
        assert_eq!(html(&page), (expected.to_owned(), vec![]));
    }
}
