//! A small HTML scanner, enough for the `index.html` that Trunk writes: it finds every start tag
//! with its attributes and byte range, skips comments, doctypes and end tags, and gives the raw
//! text of `script`, `style`, `textarea` and `title` elements. It does not build a tree; the
//! packer only needs to know which tags are there and where, to replace them in place.

use std::ops::Range;

/// One attribute as written; `value` is `None` for a bare attribute (`<script defer>`), and has
/// character references decoded otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    pub name: String,
    pub value: Option<String>,
}

/// One element found by its start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// The tag name, lower case.
    pub name: String,
    pub attrs: Vec<Attr>,
    /// Byte offset of the `<` of the start tag.
    pub start: usize,
    /// Byte offset just after the `>` of the start tag.
    pub tag_end: usize,
    /// For raw-text elements (`script`, `style`, `textarea`, `title`): the bytes of their text.
    pub content: Option<Range<usize>>,
    /// Just after the end tag for raw-text elements; `tag_end` for every other element (whose
    /// children are scanned as elements of their own).
    pub end: usize,
}

impl Element {
    /// The value of attribute `name` (lower case); `Some("")` for a bare attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_deref().unwrap_or(""))
    }

    /// The whitespace-separated tokens of attribute `name`, lower case (for `rel`).
    pub fn tokens(&self, name: &str) -> Vec<String> {
        self.attr(name)
            .unwrap_or("")
            .split_ascii_whitespace()
            .map(|t| t.to_ascii_lowercase())
            .collect()
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

const RAW_TEXT: [&str; 4] = ["script", "style", "textarea", "title"];

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The start of the end tag `</name` (any case, followed by whitespace, `/` or `>`) at or after
/// `from`.
fn find_end_tag(hay: &[u8], name: &str, from: usize) -> Option<usize> {
    let n = name.len();
    let mut i = from;
    while let Some(p) = find(hay, b"</", i) {
        let after = p + 2 + n;
        if after <= hay.len()
            && hay[p + 2..after].eq_ignore_ascii_case(name.as_bytes())
            && (after == hay.len() || is_space(hay[after]) || matches!(hay[after], b'/' | b'>'))
        {
            return Some(p);
        }
        i = p + 2;
    }
    None
}

/// Every element of `html` by its start tag, in document order. Fails, naming the line, on a
/// comment, tag or raw-text element that never ends.
pub fn scan(html: &str) -> Result<Vec<Element>, String> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(lt) = find(b, b"<", i) {
        i = lt;
        let next = b.get(i + 1).copied();
        if b[i..].starts_with(b"<!--") {
            let close = find(b, b"-->", i + 4).ok_or_else(|| {
                format!("line {}: a comment never ends (no -->)", line_of(html, i))
            })?;
            i = close + 3;
        } else if matches!(next, Some(b'!' | b'?'))
            || (next == Some(b'/') && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic))
        {
            let close = find(b, b">", i)
                .ok_or_else(|| format!("line {}: a tag never ends (no >)", line_of(html, i)))?;
            i = close + 1;
        } else if next.is_some_and(|c| c.is_ascii_alphabetic()) {
            let el = start_tag(html, i)?;
            i = el.end;
            out.push(el);
        } else {
            i += 1;
        }
    }
    Ok(out)
}

/// Parses the start tag at `start` (a `<` followed by a letter), and for a raw-text element
/// its text and end tag.
fn start_tag(html: &str, start: usize) -> Result<Element, String> {
    let b = html.as_bytes();
    let unterminated = || format!("line {}: a tag never ends (no >)", line_of(html, start));
    let mut j = start + 1;
    while j < b.len() && !is_space(b[j]) && !matches!(b[j], b'/' | b'>') {
        j += 1;
    }
    let name = html[start + 1..j].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while j < b.len() && (is_space(b[j]) || b[j] == b'/') {
            j += 1;
        }
        if j >= b.len() {
            return Err(unterminated());
        }
        if b[j] == b'>' {
            j += 1;
            break;
        }
        let k = j;
        // A leading `=` belongs to the name, as browsers read it.
        j += 1;
        while j < b.len() && !is_space(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
            j += 1;
        }
        let attr_name = html[k..j].to_ascii_lowercase();
        let mut p = j;
        while p < b.len() && is_space(b[p]) {
            p += 1;
        }
        let mut value = None;
        if p < b.len() && b[p] == b'=' {
            p += 1;
            while p < b.len() && is_space(b[p]) {
                p += 1;
            }
            if p >= b.len() {
                return Err(unterminated());
            }
            if matches!(b[p], b'"' | b'\'') {
                let q = b[p];
                let close = b[p + 1..].iter().position(|&c| c == q).ok_or_else(|| {
                    format!(
                        "line {}: the value of attribute {attr_name} never ends (no closing quote)",
                        line_of(html, p)
                    )
                })? + p
                    + 1;
                value = Some(decode_refs(&html[p + 1..close]));
                j = close + 1;
            } else {
                let v = p;
                while p < b.len() && !is_space(b[p]) && b[p] != b'>' {
                    p += 1;
                }
                value = Some(decode_refs(&html[v..p]));
                j = p;
            }
        }
        attrs.push(Attr {
            name: attr_name,
            value,
        });
    }
    let tag_end = j;
    let (content, end) = if RAW_TEXT.contains(&name.as_str()) {
        let close = find_end_tag(b, &name, tag_end)
            .ok_or_else(|| format!("line {}: <{name}> has no </{name}>", line_of(html, start)))?;
        let gt = find(b, b">", close).ok_or_else(unterminated)?;
        (Some(tag_end..close), gt + 1)
    } else {
        (None, tag_end)
    };
    Ok(Element {
        name,
        attrs,
        start,
        tag_end,
        content,
        end,
    })
}

/// Decodes the character references that matter in URLs and types: `&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&apos;` and numeric ones. Anything else stays as written.
pub fn decode_refs(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // `;` is ASCII, so its position is a character boundary.
        let Some(semi) = rest.bytes().take(12).position(|c| c == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let body = &rest[1..semi];
        let named = match body {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        };
        let numeric = || {
            let n = if let Some(h) = body.strip_prefix(['#']) {
                match h.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => h.parse().ok(),
                }
            } else {
                None
            };
            n.and_then(char::from_u32)
        };
        match named.or_else(numeric) {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes text for a double-quoted attribute value.
pub fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;")
}

/// A start tag with these attributes, in order (a bare attribute stays bare).
pub fn render_start_tag(name: &str, attrs: &[Attr]) -> String {
    let mut s = format!("<{name}");
    for a in attrs {
        s.push(' ');
        s.push_str(&a.name);
        if let Some(v) = &a.value {
            s.push_str("=\"");
            s.push_str(&escape_attr(v));
            s.push('"');
        }
    }
    s.push('>');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tags_attributes_and_raw_text() {
        let html =
            "<!doctype html><html lang=en><head><!-- <link rel=x> -->\n<meta charset=\"utf-8\">\
                    <link rel='stylesheet' href=\"/a.css\" integrity=\"sha384-x\"/>\
                    <script type=\"module\">if (a < b) x('</scrip'); </SCRIPT >\
                    <style>p{}</style></head><body><noscript><p>hi</p></noscript></body></html>";
        let els = scan(html).unwrap();
        let names: Vec<_> = els.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            ["html", "head", "meta", "link", "script", "style", "body", "noscript", "p"]
        );
        assert_eq!(els[0].attr("lang"), Some("en"));
        assert_eq!(els[2].attr("charset"), Some("utf-8"));
        let link = &els[3];
        assert_eq!(link.tokens("rel"), ["stylesheet"]);
        assert_eq!(link.attr("href"), Some("/a.css"));
        assert_eq!(
            &html[link.start..link.end],
            "<link rel='stylesheet' href=\"/a.css\" integrity=\"sha384-x\"/>"
        );
        let script = &els[4];
        assert_eq!(
            &html[script.content.clone().unwrap()],
            "if (a < b) x('</scrip'); "
        );
        assert!(html[..script.end].ends_with("</SCRIPT >"));
        assert_eq!(&html[els[5].content.clone().unwrap()], "p{}");
    }

    #[test]
    fn bare_and_unquoted_attributes() {
        let els = scan("<script defer src=x.js data-a = 'b c'></script>").unwrap();
        assert_eq!(els[0].attrs.len(), 3);
        assert_eq!(els[0].attr("defer"), Some(""));
        assert_eq!(els[0].attrs[0].value, None);
        assert_eq!(els[0].attr("src"), Some("x.js"));
        assert_eq!(els[0].attr("data-a"), Some("b c"));
    }

    #[test]
    fn character_references_in_values() {
        assert_eq!(
            decode_refs("a&amp;b&#x2F;c&#47;&quot;&bogus;&"),
            "a&b/c/\"&bogus;&"
        );
        let els = scan("<a href=\"?a=1&amp;b=2\">").unwrap();
        assert_eq!(els[0].attr("href"), Some("?a=1&b=2"));
    }

    #[test]
    fn unterminated_things_name_their_line() {
        assert_eq!(
            scan("<p>\n<!-- open").unwrap_err(),
            "line 2: a comment never ends (no -->)"
        );
        assert_eq!(
            scan("\n\n<script>x").unwrap_err(),
            "line 3: <script> has no </script>"
        );
        assert_eq!(
            scan("<link href=\"x").unwrap_err(),
            "line 1: the value of attribute href never ends (no closing quote)"
        );
        assert_eq!(
            scan("<link href=x").unwrap_err(),
            "line 1: a tag never ends (no >)"
        );
    }

    #[test]
    fn text_with_lone_angle_brackets_is_text() {
        let els = scan("<p>a < b and 3<4 </ p><br>").unwrap();
        let names: Vec<_> = els.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["p", "br"]);
    }

    #[test]
    fn renders_tags_back() {
        let attrs = vec![
            Attr {
                name: "rel".into(),
                value: Some("icon".into()),
            },
            Attr {
                name: "href".into(),
                value: Some("a\"&b".into()),
            },
            Attr {
                name: "async".into(),
                value: None,
            },
        ];
        assert_eq!(
            render_start_tag("link", &attrs),
            "<link rel=\"icon\" href=\"a&quot;&amp;b\" async>"
        );
        assert_eq!(line_of("a\nb\nc", 4), 3);
    }
}
