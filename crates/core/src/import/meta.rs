//! What a web page says about itself in its markup (JSON-LD, OpenGraph and other meta tags, `<html lang>`, the canonical link, `<time>`), and the copy of its article it keeps for search engines, read in one pass of the tokenizer: `page_meta`, `page_details`.

use super::html::{Token, Tokenizer};
use super::score::attributes;
use crate::clean::dateline::iso_date;
use crate::front::PageMeta;
use crate::strings::decode_entities;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

impl PageMeta {
    /// Fills each field this one lacks from `other`.
    fn or(mut self, other: PageMeta) -> PageMeta {
        self.title = self.title.or(other.title);
        if self.authors.is_empty() {
            self.authors = other.authors;
        }
        self.published = self.published.or(other.published);
        self.modified = self.modified.or(other.modified);
        self.site = self.site.or(other.site);
        self.lang = self.lang.or(other.lang);
        self.url = self.url.or(other.url);
        self.description = self.description.or(other.description);
        self.saved = self.saved.or(other.saved);
        self
    }
}

/// A JSON-LD body longer than this is skipped.
const MAX_JSON: usize = 1 << 20;
const MAX_AUTHORS: usize = 10;
const MAX_AUTHOR_CHARS: usize = 100;
const MAX_DESCRIPTION: usize = 500;
/// Longest title and site name kept, in characters.
const MAX_TEXT: usize = 500;
/// Bytes of one value read: a larger attribute is cut before it is decoded.
const MAX_RAW: usize = 8192;
/// Values kept for one meta key (a page of 100,000 author tags keeps the first few).
const MAX_VALUES: usize = 16;
/// Items of a JSON-LD array looked at: graph nodes, authors.
const MAX_ITEMS: usize = 1000;
/// Longest address kept.
const MAX_URL: usize = 2048;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Authors,
    Published,
    Modified,
    Site,
    Locale,
    Lang,
    Url,
    Description,
}

/// Meta tag names (`name`, `property`, `itemprop` or `http-equiv`), best first for each field.
const KEYS: &[(&str, Field)] = &[
    ("og:title", Field::Title),
    ("twitter:title", Field::Title),
    ("article:author", Field::Authors),
    ("author", Field::Authors),
    ("dc.creator", Field::Authors),
    ("dcterms.creator", Field::Authors),
    ("parsely-author", Field::Authors),
    ("sailthru.author", Field::Authors),
    ("article:published_time", Field::Published),
    ("datepublished", Field::Published),
    ("date", Field::Published),
    ("pubdate", Field::Published),
    ("publish-date", Field::Published),
    ("dc.date", Field::Published),
    ("dc.date.issued", Field::Published),
    ("dcterms.created", Field::Published),
    ("dcterms.issued", Field::Published),
    ("parsely-pub-date", Field::Published),
    ("sailthru.date", Field::Published),
    ("article:modified_time", Field::Modified),
    ("og:updated_time", Field::Modified),
    ("datemodified", Field::Modified),
    ("dcterms.modified", Field::Modified),
    ("og:site_name", Field::Site),
    ("og:locale", Field::Locale),
    ("content-language", Field::Lang),
    ("language", Field::Lang),
    ("dc.language", Field::Lang),
    ("og:url", Field::Url),
    ("og:description", Field::Description),
    ("description", Field::Description),
    ("twitter:description", Field::Description),
    ("dc.description", Field::Description),
];

/// JSON-LD types of an article (the page's own content).
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "BackgroundNewsArticle",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
];

/// Elements whose content is raw text, skipped to their end tag (as `html::walk` does, and
/// `noscript`, which it reads as markup for the article a script would write: metadata is read
/// only where a browser running scripts reads it).
const RAW: &[&str] = &[
    "script",
    "noscript",
    "style",
    "textarea",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
    "title",
];

/// What the markup holds, gathered in one pass.
#[derive(Default)]
struct Found {
    /// Values of each meta key of `KEYS`, in page order.
    metas: Vec<Vec<String>>,
    html_lang: Option<String>,
    canonical: Option<String>,
    time: Option<String>,
    /// hAtom's pair: the first `<time class="published">` and `<time class="updated">`.
    time_published: bool,
    time_updated: Option<String>,
    item_published: Option<String>,
    item_modified: Option<String>,
    /// From JSON-LD: what articles say, then what web pages say, then a web site's name.
    articles: PageMeta,
    pages: PageMeta,
    website: Option<String>,
    /// The longest `articleBody` of an article, as written.
    body: Option<String>,
}

/// How far into a page SingleFile's comment is looked for.
const SAVED_HEAD: usize = 4096;

/// What a page says about itself: each field from the best source that has it (JSON-LD, then
/// meta tags, then `<html lang>`, the canonical link and the first `<time>`), cleaned. One pass
/// over the page; never panics.
pub fn page_meta(src: &str) -> PageMeta {
    page_details(src).0
}

/// `page_meta`, and the paragraphs of the article's text the page gives in its JSON-LD
/// (`articleBody`, for search engines; empty when it gives none): its markup read as HTML
/// blocks, plain text cut at its line breaks.
pub(super) fn page_details(src: &str) -> (PageMeta, Vec<String>) {
    let mut f = Found {
        metas: vec![Vec::new(); KEYS.len()],
        ..Found::default()
    };
    let mut t = Tokenizer::new(src, false);
    // An `itemprop="datePublished"` element without a date attribute: the tokens left in which
    // its text may come ("<div itemprop=datePublished><span>28. Dezember 2022</span>").
    let mut item_text = 0;
    while let Some(token) = t.next_token() {
        let (name, attrs) = match token {
            Token::Start { name, attrs, .. } => (name, attrs),
            Token::Text(text) if item_text > 0 && !text.trim().is_empty() => {
                item_text = 0;
                f.item_published = Some(cut(text, MAX_RAW).to_owned());
                continue;
            }
            Token::End { .. } => {
                item_text = 0;
                continue;
            }
            _ => continue,
        };
        item_text = if item_text > 0 { item_text - 1 } else { 0 };
        let is = |n: &str| name.eq_ignore_ascii_case(n);
        if RAW.iter().any(|r| is(r)) {
            let json = is("script") && {
                let mut ld = false;
                attributes(attrs, |n, v| {
                    ld |= n.eq_ignore_ascii_case("type")
                        && decode_entities(v)
                            .trim()
                            .eq_ignore_ascii_case("application/ld+json");
                });
                ld
            };
            let body = t.raw_text(name);
            if json && body.len() <= MAX_JSON {
                json_ld(body, &mut f);
            }
        } else if is("meta") {
            meta_tag(attrs, &mut f);
        } else if is("html") {
            if f.html_lang.is_none() {
                f.html_lang = attr(attrs, &["lang", "xml:lang"]);
            }
        } else if is("link") {
            if f.canonical.is_none() && has_word(attrs, "rel", "canonical") {
                f.canonical = attr(attrs, &["href"]);
            }
        } else {
            if is("time") {
                let published = has_word(attrs, "class", "published");
                if published {
                    f.time_published = true;
                } else if f.time_updated.is_none() && has_word(attrs, "class", "updated") {
                    f.time_updated = attr(attrs, &["datetime"]);
                }
                if f.time.is_none() {
                    f.time = attr(attrs, &["datetime"]);
                }
            }
            // Both itemprops read in one pass over the attributes: every element comes here.
            let [published, modified] = if f.item_published.is_none() || f.item_modified.is_none() {
                has_words(attrs, "itemprop", ["datePublished", "dateModified"])
            } else {
                [false; 2]
            };
            if f.item_published.is_none() && published {
                f.item_published = attr(attrs, &["datetime", "content", "title"]);
                if f.item_published.is_none() {
                    item_text = 3;
                }
            }
            if f.item_modified.is_none() && modified {
                f.item_modified = attr(attrs, &["datetime", "content"]);
            }
        }
    }
    let body = f
        .body
        .take()
        .map(|b| body_paragraphs(&b))
        .unwrap_or_default();
    let meta = PageMeta {
        saved: single_file_saved(src),
        ..settle(f)
    };
    (meta, body)
}

/// An `articleBody` as paragraphs: markup read as HTML blocks, plain text cut at its line
/// breaks, whitespace collapsed, empty ones left out.
fn body_paragraphs(raw: &str) -> Vec<String> {
    if raw.contains('<') {
        return super::html::walk(raw, false)
            .done
            .into_iter()
            .map(|t| t.text)
            .filter(|t| !t.is_empty())
            .collect();
    }
    decode_entities(raw)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// When SingleFile saved the page: the "saved date:" of the comment it writes at the top of a
/// page ("Page saved with SingleFile", then "saved date: Thu Mar 13 2025 09:12:33 GMT+0100
/// (Central European Standard Time)"), the time as written.
fn single_file_saved(src: &str) -> Option<String> {
    let head = cut(src, SAVED_HEAD);
    let at = head.find("Page saved with SingleFile")?;
    let line = head[at..]
        .lines()
        .take(8)
        .find_map(|l| l.trim().strip_prefix("saved date:"))?;
    date(line.split('(').next()?.trim())
}

/// The value of the first of `names` among the attributes (cut to `MAX_RAW` bytes).
fn attr(attrs: &str, names: &[&str]) -> Option<String> {
    let mut found: Option<(usize, String)> = None;
    attributes(attrs, |n, v| {
        if let Some(rank) = names.iter().position(|w| n.eq_ignore_ascii_case(w)) {
            if found.as_ref().is_none_or(|(r, _)| rank < *r) {
                found = Some((rank, cut(v, MAX_RAW).to_owned()));
            }
        }
    });
    found.map(|(_, v)| v)
}

/// Whether attribute `name` holds `word` among its space-separated words.
fn has_word(attrs: &str, name: &str, word: &str) -> bool {
    let [yes] = has_words(attrs, name, [word]);
    yes
}

/// Whether attribute `name` holds each of `words` among its space-separated words, read in one
/// pass over the attributes.
fn has_words<const N: usize>(attrs: &str, name: &str, words: [&str; N]) -> [bool; N] {
    let mut found = [false; N];
    attributes(attrs, |n, v| {
        if n.eq_ignore_ascii_case(name) {
            for w in decode_entities(v).split_ascii_whitespace() {
                for (yes, word) in found.iter_mut().zip(words) {
                    *yes |= w.eq_ignore_ascii_case(word);
                }
            }
        }
    });
    found
}

/// A `<meta>` tag: its `content` under each of its keys that `KEYS` lists.
fn meta_tag(attrs: &str, f: &mut Found) {
    let mut keys = [usize::MAX; 4];
    let mut k = 0;
    let mut content: Option<String> = None;
    attributes(attrs, |n, v| {
        let is = |w: &str| n.eq_ignore_ascii_case(w);
        if is("name") || is("property") || is("itemprop") || is("http-equiv") {
            let v = decode_entities(v);
            let v = v.trim();
            // `DC:date` as `dc.date`.
            let dc = v.len() > 3 && v.as_bytes()[..3].eq_ignore_ascii_case(b"dc:")
                || v.len() > 8 && v.as_bytes()[..8].eq_ignore_ascii_case(b"dcterms:");
            let v = if dc {
                v.replacen(':', ".", 1)
            } else {
                v.to_owned()
            };
            if let Some(i) = KEYS.iter().position(|(key, _)| v.eq_ignore_ascii_case(key)) {
                if k < keys.len() {
                    keys[k] = i;
                    k += 1;
                }
            }
        } else if is("content") && content.is_none() {
            content = Some(cut(v, MAX_RAW).to_owned());
        }
    });
    let Some(content) = content else { return };
    for &i in &keys[..k] {
        if f.metas[i].len() < MAX_VALUES {
            f.metas[i].push(content.clone());
        }
    }
}

/// Each field from its best source.
fn settle(mut f: Found) -> PageMeta {
    let values = |field: Field| {
        KEYS.iter()
            .zip(&f.metas)
            .filter(move |((_, fl), _)| *fl == field)
            .flat_map(|(_, v)| v.iter().map(String::as_str))
    };
    let first =
        |field: Field, clean: &dyn Fn(&str) -> Option<String>| values(field).find_map(clean);
    // Authors: each meta key's names, a list a key.
    let mut lists: Vec<Vec<String>> = Vec::new();
    for (i, _) in KEYS
        .iter()
        .enumerate()
        .filter(|(_, (_, fl))| *fl == Field::Authors)
    {
        let mut authors = Vec::new();
        for v in &f.metas[i] {
            for name in split_names(v) {
                add_author(&mut authors, name);
            }
        }
        lists.push(authors);
    }
    let tags = PageMeta {
        title: first(Field::Title, &|v| clean_text(v, MAX_TEXT)),
        authors: Vec::new(),
        published: first(Field::Published, &date),
        modified: first(Field::Modified, &date),
        site: first(Field::Site, &|v| clean_text(v, MAX_TEXT)),
        lang: f
            .html_lang
            .as_deref()
            .and_then(clean_lang)
            .or_else(|| first(Field::Locale, &clean_lang))
            .or_else(|| first(Field::Lang, &clean_lang)),
        url: first(Field::Url, &clean_url),
        description: first(Field::Description, &|v| clean_text(v, MAX_DESCRIPTION)),
        saved: None,
    };
    let markup = PageMeta {
        url: f.canonical.as_deref().and_then(clean_url),
        published: f
            .item_published
            .as_deref()
            .and_then(date)
            .or_else(|| f.time.as_deref().and_then(date)),
        modified: f.item_modified.as_deref().and_then(date).or_else(|| {
            let updated = f.time_updated.as_deref().filter(|_| f.time_published);
            updated.and_then(date)
        }),
        ..PageMeta::default()
    };
    let website = PageMeta {
        site: f.website,
        ..PageMeta::default()
    };
    // The authors of the best source that names a writer rather than the site itself, else of
    // the best source that names any.
    let mut sources = vec![
        std::mem::take(&mut f.articles.authors),
        std::mem::take(&mut f.pages.authors),
    ];
    sources.extend(lists);
    // `<html lang>` comes before `og:locale` but after JSON-LD's `inLanguage`.
    let mut meta = f.articles.or(f.pages).or(website).or(tags).or(markup);
    let site = meta.site.as_deref().map(str::to_lowercase);
    let writer = |list: &Vec<String>| {
        list.iter().any(|a| {
            let a = a.to_lowercase();
            site.as_deref()
                .is_none_or(|s| !a.contains(s) && !s.contains(a.as_str()))
        })
    };
    let best = match sources.iter().position(writer) {
        Some(i) => i,
        None => sources.iter().position(|l| !l.is_empty()).unwrap_or(0),
    };
    meta.authors = sources.swap_remove(best);
    meta
}

/// A date of the page, not the null of a Unix clock (1 January 1970).
fn date(raw: &str) -> Option<String> {
    iso_date(&clean_text(raw, MAX_TEXT)?).filter(|d| !d.starts_with("1970-01-01"))
}

/// A host name written as a name: "jungle.world", "www.example.pl".
fn domain_like(s: &str) -> bool {
    !s.contains(char::is_whitespace)
        && s.rsplit_once('.').is_some_and(|(head, tld)| {
            !head.is_empty()
                && (2..=10).contains(&tld.len())
                && tld.bytes().all(|b| b.is_ascii_lowercase())
        })
}

/// A JSON-LD body: its articles and web pages, at the top, in a top-level array or in
/// `@graph`, fill `f.articles` and `f.pages`; a web site's name fills `f.website`.
fn json_ld(body: &str, f: &mut Found) {
    let Some(value) = parse_json(body) else {
        return;
    };
    let mut nodes: Vec<&Map<String, Value>> = Vec::new();
    let top: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().take(MAX_ITEMS).collect(),
        v => vec![v],
    };
    for v in top {
        add(v, &mut nodes);
        let Value::Object(o) = v else { continue };
        match o.get("@graph") {
            Some(Value::Array(items)) => {
                for item in items.iter().take(MAX_ITEMS) {
                    add(item, &mut nodes);
                }
            }
            Some(item) => add(item, &mut nodes),
            None => {}
        }
    }
    // A page's main entity: `{"@type": "WebPage", "mainEntity": {"@type": "NewsArticle"…}}`.
    let entities: Vec<&Map<String, Value>> = nodes
        .iter()
        .filter_map(|o| match o.get("mainEntity") {
            Some(Value::Object(m)) => Some(m),
            _ => None,
        })
        .collect();
    nodes.extend(entities);
    let ids: BTreeMap<&str, &Map<String, Value>> = nodes
        .iter()
        .filter_map(|o| Some((o.get("@id")?.as_str()?, *o)))
        .collect();
    for o in &nodes {
        match kind(o) {
            Some(Kind::Article) => {
                f.articles = std::mem::take(&mut f.articles).or(read(o, &ids));
                if let Some(b) = str_of(o, "articleBody") {
                    if f.body.as_ref().is_none_or(|old| b.len() > old.len()) {
                        f.body = Some(b.to_owned());
                    }
                }
            }
            Some(Kind::Page) => f.pages = std::mem::take(&mut f.pages).or(read(o, &ids)),
            Some(Kind::Site) if f.website.is_none() => {
                f.website = str_of(o, "name").and_then(|n| clean_text(n, MAX_TEXT));
            }
            Some(Kind::Site) => {}
            None => {}
        }
    }
}

fn add<'v>(v: &'v Value, nodes: &mut Vec<&'v Map<String, Value>>) {
    if let Value::Object(o) = v {
        nodes.push(o);
    }
}

/// A JSON-LD body as JSON, or else once more without the comment or CDATA wrapper, raw
/// control characters in strings and trailing commas that pages leave in it.
fn parse_json(body: &str) -> Option<Value> {
    serde_json::from_str(body.trim())
        .ok()
        .or_else(|| serde_json::from_str(&repair(body)).ok())
}

fn repair(body: &str) -> String {
    let mut s = body.trim();
    for _ in 0..3 {
        for p in ["<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["] {
            s = s.strip_prefix(p).unwrap_or(s).trim_start();
        }
        for p in ["-->", "//]]>", "/*]]>*/", "]]>"] {
            s = s.strip_suffix(p).unwrap_or(s).trim_end();
        }
    }
    let mut out = String::with_capacity(s.len());
    let (mut in_string, mut escaped) = (false, false);
    for (i, c) in s.char_indices() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            } else if c.is_control() {
                out.push(' ');
                continue;
            }
        } else if c == '"' {
            in_string = true;
        } else if c == ',' && s[i + 1..].trim_start().starts_with(['}', ']']) {
            continue;
        }
        out.push(c);
    }
    out
}

enum Kind {
    Article,
    Page,
    Site,
}

/// What a JSON-LD object's `@type` (a string or an array; `schema:` or URL prefixes allowed)
/// makes it: an article before a web page.
fn kind(o: &Map<String, Value>) -> Option<Kind> {
    let types: Vec<&str> = match o.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().take(16).filter_map(Value::as_str).collect(),
        _ => return None,
    };
    let bare = |t: &str| {
        t.rsplit(['/', ':', '#'])
            .next()
            .unwrap_or(t)
            .trim()
            .to_owned()
    };
    let types: Vec<String> = types.into_iter().map(bare).collect();
    if types.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str())) {
        Some(Kind::Article)
    } else if types.iter().any(|t| t == "WebPage") {
        Some(Kind::Page)
    } else if types.iter().any(|t| t == "WebSite") {
        Some(Kind::Site)
    } else {
        None
    }
}

fn str_of<'v>(o: &'v Map<String, Value>, key: &str) -> Option<&'v str> {
    match o.get(key)? {
        Value::String(s) => Some(s),
        Value::Array(a) => a.first()?.as_str(),
        _ => None,
    }
}

/// The name of a person or organisation: a string, an object's `name`, or the `name` of the
/// object an `@id` points to.
fn name_of<'v>(v: &'v Value, ids: &BTreeMap<&str, &'v Map<String, Value>>) -> Option<&'v str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(o) => str_of(o, "name").or_else(|| {
            let target = ids.get(o.get("@id")?.as_str()?)?;
            str_of(target, "name")
        }),
        _ => None,
    }
}

/// An address: a string, or an object's `@id` or `url`.
fn url_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean_url(s),
        Value::Object(o) => str_of(o, "@id")
            .and_then(clean_url)
            .or_else(|| str_of(o, "url").and_then(clean_url)),
        _ => None,
    }
}

/// The fields of one article or web page object.
fn read(o: &Map<String, Value>, ids: &BTreeMap<&str, &Map<String, Value>>) -> PageMeta {
    let text = |key: &str, most: usize| str_of(o, key).and_then(|s| clean_text(s, most));
    let day = |key: &str| str_of(o, key).and_then(date);
    let mut authors = Vec::new();
    match o.get("author") {
        Some(Value::Array(a)) => {
            for v in a.iter().take(MAX_ITEMS) {
                if let Some(n) = name_of(v, ids) {
                    for name in split_names(n) {
                        add_author(&mut authors, name);
                    }
                }
            }
        }
        Some(v) => {
            if let Some(n) = name_of(v, ids) {
                for name in split_names(n) {
                    add_author(&mut authors, name);
                }
            }
        }
        None => {}
    }
    let lang = match o.get("inLanguage") {
        Some(Value::String(s)) => clean_lang(s),
        Some(Value::Object(l)) => str_of(l, "alternateName").and_then(clean_lang),
        _ => None,
    };
    PageMeta {
        title: text("headline", MAX_TEXT).or_else(|| text("name", MAX_TEXT)),
        authors,
        published: day("datePublished"),
        modified: day("dateModified"),
        site: o
            .get("publisher")
            .and_then(|p| name_of(p, ids))
            .and_then(|n| clean_text(n, MAX_TEXT)),
        lang,
        // A site's home page given as an article's address is the site's, not the article's.
        url: o
            .get("url")
            .and_then(url_of)
            .or_else(|| o.get("mainEntityOfPage").and_then(url_of))
            .filter(|u| !home_page(u)),
        description: text("description", MAX_DESCRIPTION),
        saved: None,
    }
}

/// An address without a path: `https://example.org` or `https://example.org/`.
fn home_page(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.find('/').is_none_or(|i| rest[i..] == *"/")
}

/// `s` cut to at most `most` bytes, at a character boundary.
fn cut(s: &str, most: usize) -> &str {
    if s.len() <= most {
        return s;
    }
    let mut end = most;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A value as text: entities decoded, whitespace collapsed, at most `most` characters (the last
/// an ellipsis when cut); `None` when empty.
fn clean_text(raw: &str, most: usize) -> Option<String> {
    let decoded = decode_entities(cut(raw, MAX_RAW));
    let plain = strip_tags(&decoded);
    // A template the site's software left unfilled: `{$plugin.site_name}`, `{{ title }}`.
    if ["{$", "{{", "${", "%%", "<?"]
        .iter()
        .any(|p| plain.contains(p))
    {
        return None;
    }
    let mut out = String::new();
    let mut chars = 0;
    for w in plain.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(w);
        chars += w.chars().count();
        if chars > most {
            break;
        }
    }
    if out.is_empty() {
        return None;
    }
    if chars > most {
        let kept: String = out.chars().take(most.saturating_sub(1)).collect();
        out = kept.trim_end().to_owned() + "…";
    }
    Some(out)
}

/// Text without the markup some values carry (`<a href=…>Name</a>`): from a `<` before a
/// letter, `/` or `!` to the next `>`.
fn strip_tags(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('<') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        let tag = rest[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let close = if tag { rest[i..].find('>') } else { None };
        match close {
            Some(j) => {
                out.push_str(&rest[..i]);
                out.push(' ');
                rest = &rest[i + j + 1..];
            }
            // No `>` after this one: none after any later `<` either.
            None if tag => break,
            None => {
                out.push_str(&rest[..=i]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// A person's name, not an address or a handle: the "By " before it taken off, at most
/// `MAX_AUTHOR_CHARS` characters.
fn clean_author(raw: &str) -> Option<String> {
    let s = clean_text(raw, MAX_TEXT)?;
    let starts = |p: &str| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    let s = if starts("by ") {
        s[3..].trim_start().to_owned()
    } else if (starts("von ") || starts("par ")) && s[4..].split_whitespace().count() >= 2 {
        // "von" and "par" start names too ("von Trier"): taken off only before two words.
        s[4..].trim_start().to_owned()
    } else {
        s
    };
    let lower = s.to_lowercase();
    let placeholder = [
        "admin",
        "administrator",
        "author",
        "publisher",
        "editor",
        "user",
        "guest",
        "anonymous",
        "unknown",
        "null",
        "none",
        "undefined",
    ]
    .contains(&lower.as_str());
    let ok = !s.is_empty()
        && !placeholder
        && !domain_like(&s)
        && s.chars().count() <= MAX_AUTHOR_CHARS
        && s.chars().any(char::is_alphabetic)
        && !lower.contains("://")
        && !lower.starts_with("www.")
        // Handles and addresses, hidden or not, are not names.
        && !s.contains('@')
        && !lower.contains("[at]");
    ok.then_some(s)
}

/// Adds a name unless it is there already (in any case), up to `MAX_AUTHORS`.
fn add_author(authors: &mut Vec<String>, raw: &str) {
    if authors.len() >= MAX_AUTHORS {
        return;
    }
    let Some(name) = clean_author(raw) else {
        return;
    };
    let key = name.to_lowercase();
    if !authors.iter().any(|a| a.to_lowercase() == key) {
        authors.push(name);
    }
}

/// Words of a name that are not capitalised ("Ursula von der Leyen").
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "du", "del", "la", "le", "bin", "al", "zu",
    "ten", "ter", "y",
];

/// Two or more capitalised words (and particles): a person's name.
fn name_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let capital = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    (2..=6).contains(&words.len())
        && capital >= 2
        && words.iter().all(|w| {
            (w.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(w))
                && !w.contains(|c: char| c.is_ascii_digit() || c == '@')
        })
}

/// Names of one author string: "Helen Marsh, Tom Reed and Ann Lee" as three when every part
/// looks like a name, else the string whole.
fn split_names(s: &str) -> Vec<&str> {
    let s = s.trim();
    let body = match s.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => &s[3..],
        _ => s,
    };
    let parts: Vec<&str> = body
        .split([',', ';'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" & "))
        .flat_map(|p| p.split(" und "))
        .flat_map(|p| p.split(" et "))
        .map(str::trim)
        .collect();
    if parts.len() >= 2 && parts.len() <= 4 * MAX_AUTHORS && parts.iter().all(|p| name_like(p)) {
        parts
    } else {
        vec![s]
    }
}

/// A language tag as `[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*`, at most 35 characters (`en_US` read
/// as `en-US`; of a list, the first).
fn clean_lang(raw: &str) -> Option<String> {
    let tag = cut(raw, MAX_URL)
        .split(',')
        .next()?
        .trim()
        .replace('_', "-");
    let mut parts = tag.split('-');
    let first = parts.next()?;
    let ok = tag.len() <= 35
        && (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts
            .all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    ok.then_some(tag)
}

/// An absolute `http` or `https` address with a host, entities decoded; no spaces in it.
fn clean_url(raw: &str) -> Option<String> {
    let decoded = decode_entities(cut(raw, MAX_URL + 1));
    let s = decoded.trim();
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &s[8..]
    } else if lower.starts_with("http://") {
        &s[7..]
    } else {
        return None;
    };
    let ok = s.len() <= MAX_URL
        && !rest.is_empty()
        && !rest.starts_with(['/', '?', '#'])
        && !s.contains(|c: char| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"')
        });
    ok.then(|| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_graph_with_references() {
        let page = r#"<html lang="en-GB"><head>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","@id":"https://x.example/#site","name":"Harbour Times"},
 {"@type":"WebPage","@id":"https://x.example/a#page","url":"https://x.example/a","name":"Page name"},
 {"@type":["NewsArticle"],"headline":"Ports &amp; cranes","author":{"@id":"https://x.example/#p1"},
  "datePublished":"2025-03-12T10:15:00+01:00","dateModified":"2025-03-13T08:00:00Z",
  "publisher":{"@id":"https://x.example/#org"},"mainEntityOfPage":{"@id":"https://x.example/a"},
  "inLanguage":"en-GB","description":"  Two   ports\nsign a deal. "},
 {"@type":"Person","@id":"https://x.example/#p1","name":"Helen Marsh"},
 {"@type":"Organization","@id":"https://x.example/#org","name":"Harbour Media"}
]}</script></head></html>"#;
        let m = page_meta(page);
        assert_eq!(
            m,
            PageMeta {
                title: Some("Ports & cranes".into()),
                authors: vec!["Helen Marsh".into()],
                published: Some("2025-03-12T10:15".into()),
                modified: Some("2025-03-13T08:00".into()),
                site: Some("Harbour Media".into()),
                lang: Some("en-GB".into()),
                url: Some("https://x.example/a".into()),
                description: Some("Two ports sign a deal.".into()),
                saved: None,
            }
        );
    }

    #[test]
    fn json_ld_author_arrays_and_web_page_last() {
        let page = r#"
<script type="application/ld+json">{"@type":"WebPage","name":"Page title","description":"Page","url":"https://x.example/p"}</script>
<script type="application/ld+json">[{"@type":"BlogPosting","headline":"Post","author":[
  {"@type":"Person","name":"Helen Marsh"},"Tom Reed",{"@type":"Person","name":"helen marsh"},
  {"@type":"Organization","name":"https://x.example/team"},{"name":""}]}]</script>"#;
        let m = page_meta(page);
        assert_eq!(m.title.as_deref(), Some("Post"));
        assert_eq!(m.authors, vec!["Helen Marsh", "Tom Reed"]);
        assert_eq!(m.description.as_deref(), Some("Page"));
        assert_eq!(m.url.as_deref(), Some("https://x.example/p"));
    }

    #[test]
    fn an_articles_body_is_read_as_paragraphs() {
        let page = |body: &str| {
            format!(
                r#"<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "H",
                "articleBody": {body}}}</script>
                <script type="application/ld+json">{{"@type": "WebPage", "articleBody": "Not an article's."}}</script>"#
            )
        };
        // Plain text at its line breaks, entities decoded, whitespace collapsed.
        let (_, body) = page_details(&page(r#""One  line.\n\n Two &amp; three.\r\n""#));
        assert_eq!(body, ["One line.", "Two & three."]);
        // Markup read as HTML blocks.
        let (_, body) = page_details(&page(r#""<p>One <b>line</b>.</p><p>Two.</p>""#));
        assert_eq!(body, ["One line.", "Two."]);
        // The longest of two articles; none without one.
        let two = page(r#""Short.""#) + &page(r#""The longer one.""#);
        assert_eq!(page_details(&two).1, ["The longer one."]);
        assert!(page_details("<p>No data.</p>").1.is_empty());
    }

    #[test]
    fn broken_json_ld_is_repaired_once_or_skipped() {
        let page = "<script type='application/ld+json'><!--\n{\"@type\":\"Article\",\"headline\":\"A\nB\",\"author\":{\"name\":\"Helen Marsh\",},}\n--></script>\
                    <script type=application/ld+json>{\"@type\":\"Article\",\"author\":\"Tom</script>\"}</script>\
                    <meta property=og:site_name content='Site'>";
        let m = page_meta(page);
        assert_eq!(m.title.as_deref(), Some("A B"));
        assert_eq!(m.authors, vec!["Helen Marsh"]);
        assert_eq!(m.site.as_deref(), Some("Site"));
        // `</script>` inside a JSON string ends the script as browsers read it: skipped.
        let m = page_meta(
            r#"<script type="application/ld+json">{"@type":"Article","headline":"</script>"}</script><meta property="og:title" content="OG">"#,
        );
        assert_eq!(m.title.as_deref(), Some("OG"));
    }

    #[test]
    fn open_graph_and_meta_tags() {
        let page = r#"<head>
<meta property="og:title" content="The &quot;Deal&quot;">
<meta name="twitter:title" content="Twitter">
<meta property="og:site_name" content="Harbour Times">
<meta property="og:url" content="https://x.example/a?b=1&amp;c=2">
<meta property="og:locale" content="en_US">
<meta PROPERTY="OG:DESCRIPTION" CONTENT="What happened.">
<meta name="description" content="Other.">
<meta property="article:published_time" content="2025-02-30">
<meta name="date" content="2025-03-12">
<meta property="article:modified_time" content="2025-03-13T09:00:00+00:00">
<meta property="article:author" content="https://facebook.com/helen">
<meta name="author" content="By Helen Marsh, Tom Reed and Ann de Vries">
</head>"#;
        let m = page_meta(page);
        assert_eq!(m.title.as_deref(), Some("The \"Deal\""));
        assert_eq!(m.site.as_deref(), Some("Harbour Times"));
        assert_eq!(m.url.as_deref(), Some("https://x.example/a?b=1&c=2"));
        assert_eq!(m.lang.as_deref(), Some("en-US"));
        assert_eq!(m.description.as_deref(), Some("What happened."));
        // An impossible date is passed over for the next source.
        assert_eq!(m.published.as_deref(), Some("2025-03-12"));
        assert_eq!(m.modified.as_deref(), Some("2025-03-13T09:00"));
        assert_eq!(m.authors, vec!["Helen Marsh", "Tom Reed", "Ann de Vries"]);
        // Not every part a name: one author, as written.
        let m = page_meta(r#"<meta name="author" content="Harbour Times, London">"#);
        assert_eq!(m.authors, vec!["Harbour Times, London"]);
        let m =
            page_meta(r#"<meta itemprop="datePublished" content="Wed, 12 Mar 2025 09:30:00 GMT">"#);
        assert_eq!(m.published.as_deref(), Some("2025-03-12T09:30"));
    }

    #[test]
    fn markup_fallbacks() {
        let page = r#"<!doctype html><html lang="fr"><head><title>Not read</title>
<meta property="og:locale" content="en_GB">
<link rel="alternate stylesheet" href="https://x.example/s.css">
<link rel="Canonical" href="https://x.example/a"></head>
<body><p>Le <time>hier</time> et <time datetime="2025-03-11T18:00:00+01:00">11 mars</time>
<time datetime="2024-01-01">old</time></body></html>"#;
        let m = page_meta(page);
        assert_eq!(m.title, None);
        assert_eq!(m.lang.as_deref(), Some("fr"));
        assert_eq!(m.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(m.published.as_deref(), Some("2025-03-11T18:00"));
        let m = page_meta(
            r#"<span itemprop="datePublished" content="2025-03-10"></span><time datetime="2025-03-11">"#,
        );
        assert_eq!(m.published.as_deref(), Some("2025-03-10"));
        // Both dates as microdata, one an element's, one among other itemprops.
        let m = page_meta(
            r#"<span itemprop="datePublished" content="2025-03-10"></span><div itemprop="x dateModified" datetime="2025-03-12">"#,
        );
        assert_eq!(m.published.as_deref(), Some("2025-03-10"));
        assert_eq!(m.modified.as_deref(), Some("2025-03-12"));
        // Relative, non-web and junk addresses and tags are dropped.
        let m = page_meta(
            r#"<html lang="english language"><link rel=canonical href="/a"><meta property="og:url" content="javascript:alert(1)">"#,
        );
        assert_eq!((m.url, m.lang), (None, None));
    }

    #[test]
    fn what_pages_get_wrong_is_passed_over() {
        // Attribute values with entities; `DC:` keys; a date in an element's text.
        let m = page_meta(
            r#"<script type="application&#x2F;ld&#x2B;json">{"@type":"Article","headline":"H"}</script>
<meta name="DC:creator" content="Ann Lee"><div itemprop="datePublished"><span>28. Dezember 2022</span></div>"#,
        );
        assert_eq!(m.title.as_deref(), Some("H"));
        assert_eq!(m.authors, vec!["Ann Lee"]);
        assert_eq!(m.published.as_deref(), Some("2022-12-28"));
        // A writer before the site's own name; a home page is not an article's address; the
        // Unix epoch is no date; a template left unfilled is no name; markup in a name.
        let m = page_meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","author":"Harbour Times",
"mainEntityOfPage":{"@id":"https://harbour.example/"},"datePublished":"1970-01-01T01:00:00+01:00",
"publisher":{"name":"Harbour Times"}}</script>
<meta property="article:author" content="<a href='/a'>Helen Marsh</a>">
<meta property="og:title" content="{$plugin.title}">
<link rel="canonical" href="https://harbour.example/a">
<time class="entry-date published" datetime="2025-03-12"></time><time class="updated" datetime="2025-03-14"></time>"#,
        );
        assert_eq!(m.authors, vec!["Helen Marsh"]);
        assert_eq!(m.url.as_deref(), Some("https://harbour.example/a"));
        assert_eq!(m.published.as_deref(), Some("2025-03-12"));
        assert_eq!(m.modified.as_deref(), Some("2025-03-14"));
        assert_eq!(m.title, None);
        // With no other source, the site's name as author stays.
        let m = page_meta(
            r#"<meta name="author" content="Harbour Times"><meta property="og:site_name" content="Harbour Times">"#,
        );
        assert_eq!(m.authors, vec!["Harbour Times"]);
    }

    #[test]
    fn the_first_of_each_source_is_the_pages_own() {
        // A page's own date element comes before the teasers of other articles further down:
        // the first `datePublished`, the first canonical link, the first `updated` time.
        let m = page_meta(
            r#"<link rel="canonical" href="https://x.example/a"><link rel="stylesheet" href="https://x.example/s.css">
<link rel="canonical" href="https://x.example/b">
<article><span itemprop="datePublished" content="2025-03-10"></span>
<time class="entry-date published" datetime="2025-03-10"></time><time class="updated" datetime="2025-03-14"></time></article>
<aside><span itemprop="datePublished" content="2024-11-02"></span><time class="updated" datetime="2024-11-05"></time></aside>"#,
        );
        assert_eq!(m.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(m.published.as_deref(), Some("2025-03-10"));
        assert_eq!(m.modified.as_deref(), Some("2025-03-14"));
        // A stylesheet's link is no address of the page, and a time that is not `updated` no
        // date of change.
        let m = page_meta(
            r#"<link rel="stylesheet" href="https://x.example/s.css">
<time class="published" datetime="2025-03-10"></time> <time datetime="2025-03-11"></time>"#,
        );
        assert_eq!((m.url, m.modified), (None, None));
        assert_eq!(m.published.as_deref(), Some("2025-03-10"));
    }

    #[test]
    fn a_date_attribute_is_read_by_its_rank_not_its_place() {
        // `datetime` before `content` before `title`, wherever they stand in the tag.
        let m = page_meta(
            r#"<time itemprop="datePublished" title="12 March 2025" datetime="2025-03-12T09:00:00Z">12 March</time>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2025-03-12T09:00"));
        // Of two attributes of one name, the first, as HTML keeps it.
        let m = page_meta(
            r#"<span itemprop="datePublished" content="2025-03-10" content="2025-03-11"></span>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2025-03-10"));
    }

    #[test]
    fn a_date_elements_text_is_read_close_to_it_only() {
        // Without a date attribute, the text of the element or of its first two levels down.
        let m = page_meta(
            r#"<div itemprop="datePublished"><span><b>28. Dezember 2022</b></span></div>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2022-12-28"));
        // Three levels down is the page's text, not the element's; so is text after its end.
        let m = page_meta(
            r#"<div itemprop="datePublished"><span><span><b>28. Dezember 2022</b></span></span></div>"#,
        );
        assert_eq!(m.published, None);
        let m = page_meta(
            r#"<span itemprop="datePublished"></span><p>1 March 2025</p><time datetime="2025-03-12"></time>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2025-03-12"));
        // Text before it is not its date either.
        let m = page_meta(
            r#"<p>12 March 2025</p><span itemprop="datePublished" content="2025-03-10"></span>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2025-03-10"));
    }

    #[test]
    fn only_a_script_of_json_ld_is_read_as_json_ld() {
        // An app's own JSON (`application/json`), a script and a style with a `type` are not
        // JSON-LD, though they hold what looks like an article.
        let article = r#"{"@type":"NewsArticle","headline":"Not the page's"}"#;
        for tag in [
            r#"script type="application/json""#,
            r#"script type="text/javascript" class="application/ld+json""#,
            r#"style type="application/ld+json""#,
            r#"noscript type="application/ld+json""#,
            "script",
        ] {
            let name = tag.split(' ').next().unwrap();
            let page =
                format!(r#"<{tag}>{article}</{name}><meta property="og:title" content="OG">"#);
            assert_eq!(page_meta(&page).title.as_deref(), Some("OG"), "{tag}");
        }
        let page = format!(r#"<script type="application/ld+json">{article}</script>"#);
        assert_eq!(page_meta(&page).title.as_deref(), Some("Not the page's"));
    }

    #[test]
    fn a_meta_tag_is_read_under_its_keys_with_its_first_content() {
        // `DCTERMS:created` as `dcterms.created`.
        let m = page_meta(r#"<meta name="DCTERMS:created" content="2025-03-10">"#);
        assert_eq!(m.published.as_deref(), Some("2025-03-10"));
        // The first `content`, as HTML keeps the first of two; another attribute is no content.
        let m = page_meta(
            r#"<meta name="description" content="What happened." content="Other.">
<meta name="author" data-author="Helen Marsh">"#,
        );
        assert_eq!(m.description.as_deref(), Some("What happened."));
        assert_eq!(m.authors, Vec::<String>::new());
        // One tag is read under four keys at most: the fifth is not read.
        let m = page_meta(
            r#"<meta property="og:title" property="og:site_name" name="description" name="twitter:title" name="author" content="Harbour Times">"#,
        );
        assert_eq!(m.title.as_deref(), Some("Harbour Times"));
        assert_eq!(m.site.as_deref(), Some("Harbour Times"));
        assert_eq!(m.description.as_deref(), Some("Harbour Times"));
        assert_eq!(m.authors, Vec::<String>::new());
        // Of one key, the first 16 values are read.
        let page = format!(
            r#"{}<meta name="author" content="Helen Marsh">"#,
            r#"<meta name="author" content="admin">"#.repeat(MAX_VALUES)
        );
        assert_eq!(page_meta(&page).authors, Vec::<String>::new());
        let page = format!(
            r#"{}<meta name="author" content="Helen Marsh">"#,
            r#"<meta name="author" content="admin">"#.repeat(MAX_VALUES - 1)
        );
        assert_eq!(page_meta(&page).authors, vec!["Helen Marsh"]);
    }

    #[test]
    fn the_site_and_a_writer_rather_than_the_site() {
        // A web site's name is the site when the article names no publisher.
        let m = page_meta(
            r#"<script type="application/ld+json">[{"@type":"WebSite","name":"Harbour Times"},
{"@type":"NewsArticle","headline":"Ports","author":"Harbour Times Staff"}]</script>
<meta name="author" content="Helen Marsh">"#,
        );
        assert_eq!(m.site.as_deref(), Some("Harbour Times"));
        // An author that holds the site's name, or that the site's name holds, is the site, not
        // a writer: the next source's writer is taken.
        assert_eq!(m.authors, vec!["Helen Marsh"]);
        let m = page_meta(
            r#"<script type="application/ld+json">[{"@type":"WebSite","name":"Harbour Times"},
{"@type":"NewsArticle","headline":"Ports","author":"Harbour"}]</script>
<meta name="author" content="Helen Marsh">"#,
        );
        assert_eq!(m.authors, vec!["Helen Marsh"]);
    }

    #[test]
    fn a_host_name_is_a_name_then_a_top_level_domain_of_2_to_10_small_letters() {
        for host in ["jungle.world", "www.example.pl", "example.museum"] {
            assert!(domain_like(host), "{host}");
        }
        for name in [
            "O.Henry",
            ".world",
            "example.x",
            "example.abcdefghijk",
            "Harbour Times.com",
            "Helen",
        ] {
            assert!(!domain_like(name), "{name}");
        }
        assert_eq!(clean_author("O.Henry").as_deref(), Some("O.Henry"));
    }

    #[test]
    fn a_web_pages_main_entity_and_the_first_web_site() {
        let m = page_meta(
            r#"<script type="application/ld+json">[{"@type":"WebSite","name":"Harbour Times"},
{"@type":"WebSite","name":"Harbour Media Group"},
{"@type":"WebPage","name":"Ports | Harbour Times","mainEntity":{"@type":"NewsArticle","headline":["Ports","Ports and cranes"],
"author":{"@type":"Person","name":"Helen Marsh"}}}]</script>"#,
        );
        // Of a list of values, the first.
        assert_eq!(m.title.as_deref(), Some("Ports"));
        assert_eq!(m.authors, vec!["Helen Marsh"]);
        assert_eq!(m.site.as_deref(), Some("Harbour Times"));
    }

    #[test]
    fn text_is_cut_at_a_character_and_a_word_count_of_characters() {
        // At most `most` bytes, at a character boundary (`ü` is two bytes).
        assert_eq!(cut("Zürich", 2), "Z");
        assert_eq!(cut("Zürich", 3), "Zü");
        assert_eq!(cut("Zürich", 7), "Zürich");
        // At most `most` characters, spaces counted; past that, cut with an ellipsis last.
        assert_eq!(clean_text("Two ports", 9).as_deref(), Some("Two ports"));
        assert_eq!(clean_text("Two ports", 8).as_deref(), Some("Two por…"));
        assert_eq!(
            clean_text("Two ports sign", 9).as_deref(),
            Some("Two port…")
        );
        // A `<` before neither a letter, `/` nor `!` is text, not a tag.
        assert_eq!(
            clean_text("I <3 Berlin", 500).as_deref(),
            Some("I <3 Berlin")
        );
        assert_eq!(
            clean_text("I <3 <b>Berlin</b>", 500).as_deref(),
            Some("I <3 Berlin")
        );
        assert_eq!(
            clean_text("<b>Ports</b> <!-- x -->& cranes", 500).as_deref(),
            Some("Ports & cranes")
        );
    }

    #[test]
    fn single_files_comment_is_looked_for_at_the_top_of_the_page_only() {
        let comment = "<!--\n Page saved with SingleFile \n url: https://x.example/a \n \
                       saved date: Thu Mar 13 2025 09:12:33 GMT+0100 (Central European Standard Time)\n-->";
        assert_eq!(
            page_meta(&format!("<!doctype html>{comment}<html>"))
                .saved
                .as_deref(),
            Some("2025-03-13T09:12")
        );
        let late = format!("<!doctype html>{}{comment}<html>", " ".repeat(SAVED_HEAD));
        assert_eq!(page_meta(&late).saved, None);
    }

    #[test]
    fn addresses_and_languages_given_as_objects() {
        let m = page_meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ports",
"mainEntityOfPage":{"@type":"WebPage","url":"https://x.example/a"},
"inLanguage":{"@type":"Language","name":"English","alternateName":"en"}}</script>"#,
        );
        assert_eq!(m.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(m.lang.as_deref(), Some("en"));
        let m = page_meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ports",
"mainEntityOfPage":{"@type":"WebPage","@id":"https://x.example/b","url":"https://x.example/c"}}</script>"#,
        );
        assert_eq!(m.url.as_deref(), Some("https://x.example/b"));
    }

    #[test]
    fn an_author_string_is_split_only_into_names() {
        assert_eq!(
            split_names("By Helen Marsh, Tom Reed and Ann de Vries"),
            vec!["Helen Marsh", "Tom Reed", "Ann de Vries"]
        );
        assert_eq!(
            split_names("Helen Marsh & Tom Reed"),
            vec!["Helen Marsh", "Tom Reed"]
        );
        // Up to 40 names (four times the authors kept); more is no list of names.
        let names: Vec<String> = (0..41)
            .map(|i| format!("Ann Lee{}", "e".repeat(i)))
            .collect();
        assert_eq!(split_names(&names[..40].join(", ")).len(), 40);
        assert_eq!(split_names(&names.join(", ")).len(), 1);
        // A part that is no name (small words, a word of small letters, digits): whole.
        for whole in [
            "Helen Marsh and staff writers",
            "Helen Marsh, Reporter in London",
            "Helen Marsh, Radio FM4",
        ] {
            assert_eq!(split_names(whole), vec![whole]);
        }
    }

    #[test]
    fn an_address_over_2048_bytes_is_refused_not_cut() {
        let url = |len: usize| format!("https://x.example/{}", "a".repeat(len - 18));
        assert_eq!(clean_url(&url(MAX_URL)), Some(url(MAX_URL)));
        assert_eq!(clean_url(&url(MAX_URL + 1)), None);
        assert_eq!(clean_url(&url(3000)), None);
        // No quote, angle bracket or control character: markup or a broken value, no address.
        for bad in [
            "https://x.example/a\"onmouseover=x",
            "https://x.example/<b>",
            "https://x.example/a>",
            "https://x.example/a\u{7}b",
        ] {
            assert_eq!(clean_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn values_are_cleaned_and_bounded() {
        assert_eq!(clean_lang("en_US").as_deref(), Some("en-US"));
        assert_eq!(clean_lang("de, en").as_deref(), Some("de"));
        assert_eq!(clean_lang("zh-Hant-TW").as_deref(), Some("zh-Hant-TW"));
        for bad in [
            "e",
            "english",
            "en-",
            "en--US",
            "x-klingon",
            "",
            "en-toolongpart",
        ] {
            assert_eq!(clean_lang(bad), None, "{bad}");
        }
        assert_eq!(
            clean_url(" HTTPS://x.example/a ").as_deref(),
            Some("HTTPS://x.example/a")
        );
        for bad in [
            "ftp://x",
            "https://",
            "//x.example/a",
            "https:///a",
            "http://a b",
        ] {
            assert_eq!(clean_url(bad), None, "{bad}");
        }
        let d = clean_text(&"é".repeat(600), MAX_DESCRIPTION).unwrap();
        assert_eq!(d.chars().count(), MAX_DESCRIPTION);
        assert!(d.ends_with("é…"));
        assert_eq!(
            clean_author("by  Helen Marsh").as_deref(),
            Some("Helen Marsh")
        );
        assert_eq!(clean_author("Bjö").as_deref(), Some("Bjö"));
        assert_eq!(clean_author("Byö Ann").as_deref(), Some("Byö Ann"));
        assert_eq!(clean_author("von Trier").as_deref(), Some("von Trier"));
        assert_eq!(
            clean_author("von AUTO ZEITUNG").as_deref(),
            Some("AUTO ZEITUNG")
        );
        for bad in [
            "admin",
            "jungle.world",
            "www.example.pl",
            "https://x.example/me",
            "",
        ] {
            assert_eq!(clean_author(bad), None, "{bad}");
        }
        assert_eq!(clean_author("@helen"), None);
        assert_eq!(clean_author(&"A".repeat(101)), None);
        let mut authors = Vec::new();
        for i in 0..30 {
            add_author(&mut authors, &format!("Writer {i}"));
        }
        assert_eq!(authors.len(), MAX_AUTHORS);
    }

    #[test]
    fn hostile_pages_never_panic_and_stay_bounded() {
        let deep = format!(
            r#"<script type="application/ld+json">{}{}</script><meta property="og:title" content="T">"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert_eq!(page_meta(&deep).title.as_deref(), Some("T"));
        let deep_obj = format!(
            r#"<script type="application/ld+json">{{"@type":"Article","headline":"H","x":{}1{}}}</script>"#,
            "{\"a\":".repeat(100),
            "}".repeat(100)
        );
        assert_eq!(page_meta(&deep_obj).title.as_deref(), Some("H"));
        let huge = format!(
            r#"<meta name="description" content="{}">"#,
            "word ".repeat(200_000)
        );
        let d = page_meta(&huge).description.unwrap();
        assert!(d.chars().count() <= MAX_DESCRIPTION);
        let many = r#"<meta name="author" content="Helen Marsh">"#.repeat(10_000);
        assert_eq!(page_meta(&many).authors, vec!["Helen Marsh"]);
        for src in [
            "",
            "<",
            "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"headline\":\"unclosed",
            "<meta content",
            "<meta name=author content=\"x",
            "<html lang=",
            "<time datetime=\"2025-03-12",
            "<script type=application/ld+json>null</script><script type=application/ld+json>\"s\"</script>",
            "<script type=application/ld+json>{\"@type\":7,\"@graph\":{\"@type\":\"Article\",\"author\":[[[]]]}}</script>",
            "<script type=application/ld+json>{\"@type\":\"Article\",\"author\":{\"@id\":\"#a\"},\"@id\":\"#a\"}</script>",
            "\u{feff}<meta name=\"author\" content=\"ẞ İ 🎉\">",
        ] {
            let _ = page_meta(src);
        }
        let big_json = format!(
            r#"<script type="application/ld+json">{{"@type":"Article","headline":"{}"}}</script>"#,
            "x".repeat(MAX_JSON)
        );
        assert_eq!(page_meta(&big_json).title, None);
    }
}
