//! `index.html` through lol_html (Cloudflare's streaming HTML rewriter): the first read, which
//! gives the raw text of each `script` and `style` before the rewrite needs it and refuses a
//! comment or raw-text element that never ends; attribute values decoded; and the last pass,
//! which puts the policy in `<head>` once the whole page is known.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use lol_html::errors::RewritingError;
use lol_html::html_content::{ContentType, Element};
use lol_html::{doc_comments, element, rewrite_str, text, RewriteStrSettings};

use crate::PackError;

/// What the rewrite needs to know of `index.html` before it starts.
#[derive(Debug, Default)]
pub struct Outline {
    /// The raw text of each `script` and `style` element, by the byte offset of its start tag
    /// (lol_html calls an element's handler at its start tag, before its text is read).
    pub texts: HashMap<usize, String>,
    /// There is a `<head>` start tag.
    pub head: bool,
    /// A `<meta charset>` follows the first `<head>` start tag: the policy goes right after it
    /// rather than first in `<head>`.
    pub charset_after_head: bool,
    /// A `<meta charset>` comes before any `<head>` start tag and any script, style or link (a
    /// minified page, whose `<head>` start tag is left implied): with no `<head>` start tag,
    /// the policy goes right after it, still before everything it governs.
    pub charset_first: bool,
    /// A script, style or link was seen (for `charset_first`).
    resources: bool,
}

/// The settings every pass starts from: lol_html's strict mode (it refuses markup whose reading
/// it cannot be sure of), and no ESI tags (`rewrite_str` would read them by default).
pub fn settings<'h>() -> RewriteStrSettings<'h, 'static> {
    RewriteStrSettings::new().with_enable_esi_tags(false)
}

/// The message for a failed rewrite of `what`: a handler's own `PackError` as it is.
pub fn rewrite_error(what: &str, e: RewritingError) -> PackError {
    match e {
        RewritingError::ContentHandlerError(e) => match e.downcast::<PackError>() {
            Ok(e) => *e,
            Err(e) => PackError::new(format!("{what}: {e}")),
        },
        e => PackError::new(format!("{what} cannot be read as HTML: {e}")),
    }
}

/// The 1-based line of byte offset `at` in `text`, for messages.
pub fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The value of attribute `name` with its character references decoded (lol_html gives values
/// as written); `Some("")` for a bare attribute.
pub fn attr(el: &Element, name: &str) -> Option<String> {
    el.get_attribute(name)
        .map(|v| html_escape::decode_html_entities(&v).into_owned())
}

/// The whitespace-separated tokens of attribute `name`, lower case (for `rel`).
pub fn tokens(el: &Element, name: &str) -> Vec<String> {
    attr(el, name)
        .unwrap_or_default()
        .split_ascii_whitespace()
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Reads `html` (named `index.html` in messages). Fails, naming the line, on a comment or a
/// `script`, `style`, `textarea` or `title` element that runs to the end of the file.
pub fn read(html: &str) -> Result<Outline, PackError> {
    /// A raw-text element: its name, start, text so far and the end of that text.
    struct Raw {
        name: String,
        start: usize,
        text: String,
        end: usize,
    }
    let raws: RefCell<Vec<Raw>> = RefCell::new(Vec::new());
    let outline = RefCell::new(Outline::default());
    const RAW_TEXT: &str = "script, style, textarea, title";
    let settings = settings()
        .append_element_content_handler(element!(RAW_TEXT, |el| {
            let at = el.source_location().bytes();
            raws.borrow_mut().push(Raw {
                name: el.tag_name(),
                start: at.start,
                text: String::new(),
                end: at.end,
            });
            Ok(())
        }))
        .append_element_content_handler(text!(RAW_TEXT, |chunk| {
            // A raw-text element holds no element, so its text is the last one's.
            if let Some(raw) = raws.borrow_mut().last_mut() {
                raw.text.push_str(chunk.as_str());
                raw.end = chunk.source_location().bytes().end;
            }
            Ok(())
        }))
        .append_element_content_handler(element!("head", |_| {
            outline.borrow_mut().head = true;
            Ok(())
        }))
        .append_element_content_handler(element!("script, style, link", |_| {
            outline.borrow_mut().resources = true;
            Ok(())
        }))
        .append_element_content_handler(element!("meta[charset]", |_| {
            let mut o = outline.borrow_mut();
            o.charset_after_head |= o.head;
            o.charset_first |= !o.head && !o.resources;
            Ok(())
        }))
        .append_document_content_handler(doc_comments!(|c| {
            // lol_html, like a browser, reads a comment that never ends to the end of the file.
            let at = c.source_location().bytes();
            let raw = &html[at.clone()];
            let closed = if raw.starts_with("<!--") {
                ["-->", "--!>"].iter().any(|e| raw.ends_with(e))
                    || matches!(raw, "<!-->" | "<!--->")
            } else {
                raw.ends_with('>')
            };
            if at.end < html.len() || closed {
                return Ok(());
            }
            let what = if raw.starts_with("<!--") {
                "a comment never ends (no -->)"
            } else {
                "a tag never ends (no >)"
            };
            Err(PackError::new(format!(
                "index.html, line {}: {what}",
                line_of(html, at.start)
            ))
            .into())
        }));
    rewrite_str(html, settings).map_err(|e| rewrite_error("index.html", e))?;
    let mut outline = outline.into_inner();
    for raw in raws.into_inner() {
        // Its text (or its start tag, when it has none) reaches the end: no end tag.
        if raw.end == html.len() {
            return Err(PackError::new(format!(
                "index.html, line {}: <{}> has no </{}>",
                line_of(html, raw.start),
                raw.name,
                raw.name
            )));
        }
        if matches!(raw.name.as_str(), "script" | "style") {
            outline.texts.insert(raw.start, raw.text);
        }
    }
    Ok(outline)
}

/// `html` with `text` right after its first `<meta charset>` that follows the first `<head>`
/// start tag when `after_charset`, else right after that `<head>` start tag; with no `<head>`
/// start tag (`implied_head`), right after the first `<meta charset>`.
pub fn insert_in_head(
    html: &str,
    text: &str,
    after_charset: bool,
    implied_head: bool,
) -> Result<String, PackError> {
    let head = Cell::new(implied_head);
    let done = Cell::new(false);
    let settings = settings()
        .append_element_content_handler(element!("head", |el| {
            if !head.replace(true) && !after_charset {
                el.prepend(text, ContentType::Html);
                done.set(true);
            }
            Ok(())
        }))
        .append_element_content_handler(element!("meta[charset]", |el| {
            if head.get() && !done.replace(true) {
                el.after(text, ContentType::Html);
            }
            Ok(())
        }));
    rewrite_str(html, settings).map_err(|e| rewrite_error("parallax.html", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_raw_text_ahead_by_start_tag() {
        let html = "<!doctype html><html><head><!-- <script>no</script> -->\n<meta charset=\"utf-8\">\
                    <script type=\"module\">if (a < b) x('</scrip'); </SCRIPT >\
                    <style>p{}</style><script></script></head><body><noscript><p>hi</p></noscript></body></html>";
        let o = read(html).unwrap();
        assert!(o.head && o.charset_after_head);
        let script = html.find("<script type").unwrap();
        assert_eq!(o.texts[&script], "if (a < b) x('</scrip'); ");
        assert_eq!(o.texts[&html.find("<style").unwrap()], "p{}");
        assert_eq!(o.texts[&html.find("<script></").unwrap()], "");
        assert_eq!(o.texts.len(), 3);
        let o = read("<html><meta charset=utf-8><head><title>t</title>").unwrap();
        assert!(o.head && !o.charset_after_head);
        assert!(!read("<html><body>").unwrap().head);
    }

    #[test]
    fn what_never_ends_is_refused_with_its_line() {
        let err = |t: &str| read(t).unwrap_err().to_string();
        assert_eq!(
            err("<p>\n<!-- open"),
            "index.html, line 2: a comment never ends (no -->)"
        );
        assert_eq!(
            err("<p>\n<!-- open -->\n<!-- <title>"),
            "index.html, line 3: a comment never ends (no -->)"
        );
        assert_eq!(
            err("\n\n<script>x"),
            "index.html, line 3: <script> has no </script>"
        );
        assert_eq!(
            err("<style>"),
            "index.html, line 1: <style> has no </style>"
        );
        assert_eq!(
            err("<p>\n<!x"),
            "index.html, line 2: a tag never ends (no >)"
        );
        for fine in [
            "<!---->",
            "<!-->",
            "<p><!-- a --!>",
            "<script></script>",
            "<?x?>",
        ] {
            assert!(read(fine).is_ok(), "{fine}");
        }
    }

    #[test]
    fn attribute_values_are_decoded() {
        let seen = RefCell::new(Vec::new());
        let settings = settings().append_element_content_handler(element!("link", |el| {
            seen.borrow_mut()
                .push((attr(el, "href"), tokens(el, "rel"), attr(el, "async")));
            Ok(())
        }));
        rewrite_str(
            "<link rel='Alternate  STYLESHEET' href=\"a&amp;b&#x2F;c&#47;&quot;&bogus;&\" async>",
            settings,
        )
        .unwrap();
        assert_eq!(
            seen.into_inner(),
            [(
                Some("a&b/c/\"&bogus;&".to_owned()),
                vec!["alternate".to_owned(), "stylesheet".to_owned()],
                Some(String::new())
            )]
        );
        assert_eq!(line_of("a\nb\nc", 4), 3);
    }

    #[test]
    fn inserts_after_the_charset_or_first_in_head() {
        let page =
            "<html><head>\n<meta charset=\"utf-8\"><title>t</title></head><body><meta charset=x>";
        assert_eq!(
            insert_in_head(page, "<!--P-->", true, false).unwrap(),
            page.replacen("utf-8\">", "utf-8\"><!--P-->", 1)
        );
        assert_eq!(
            insert_in_head(page, "<!--P-->", false, false).unwrap(),
            page.replacen("<head>", "<head><!--P-->", 1)
        );
        // Minified: no <head> start tag, the charset first.
        let page = "<!doctype html><html lang=en><meta charset=utf-8><title>t</title><script src=a.js></script><body>";
        let o = read(page).unwrap();
        assert!(!o.head && o.charset_first);
        assert_eq!(
            insert_in_head(page, "<!--P-->", true, true).unwrap(),
            page.replacen("utf-8>", "utf-8><!--P-->", 1)
        );
        // A script before the charset: the policy could not govern it.
        assert!(
            !read("<html><script src=a.js></script><meta charset=utf-8>")
                .unwrap()
                .charset_first
        );
    }
}
