//! Decoding a file's bytes as a browser does: binary signatures, a byte-order mark (UTF-8, UTF-16), UTF-16 recognised by its zero bytes, an HTML page's `<meta charset>`, UTF-8, else windows-1252; legacy encodings through a `Decoder` the caller gives.

use super::labels::encoding_for_label;
use super::{Binary, Encoding, ImportError};
use std::borrow::Cow;

/// Decodes the legacy encodings (windows-1252, Shift_JIS, GBK…): the core holds no tables for
/// them, the caller gives them (the browser's `TextDecoder` in the app, `EncodingRs` natively).
pub trait Decoder {
    /// `bytes` decoded as the encoding `name` (its name in the Encoding Standard, such as
    /// `windows-1252` or `Shift_JIS`; never UTF-8 or UTF-16, which the core decodes itself),
    /// bad sequences as U+FFFD; `None` when this decoder does not know the encoding.
    fn decode(&self, name: &str, bytes: &[u8]) -> Option<String>;
}

/// A decoder that knows no legacy encoding: such files are refused as not UTF-8.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnicodeOnly;

impl Decoder for UnicodeOnly {
    fn decode(&self, _: &str, _: &[u8]) -> Option<String> {
        None
    }
}

/// The legacy encodings of the Encoding Standard, by the `encoding_rs` crate (the `encodings`
/// feature, for native users; the app passes the browser's own decoder instead).
#[cfg(feature = "encodings")]
#[derive(Debug, Clone, Copy, Default)]
pub struct EncodingRs;

#[cfg(feature = "encodings")]
impl Decoder for EncodingRs {
    fn decode(&self, name: &str, bytes: &[u8]) -> Option<String> {
        let encoding = encoding_rs::Encoding::for_label_no_replacement(name.as_bytes())?;
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        Some(text.into_owned())
    }
}

/// The decoder of `extract` and `import`: `EncodingRs` with the `encodings` feature, else
/// `UnicodeOnly`.
pub fn default_decoder() -> &'static dyn Decoder {
    #[cfg(feature = "encodings")]
    return &EncodingRs;
    #[cfg(not(feature = "encodings"))]
    return &UnicodeOnly;
}

/// The encoding an HTML page declares in its first 1,024 bytes, as the HTML standard's prescan
/// finds it (simplified: comments and the attributes of `<meta>` tags only): `<meta charset=…>`,
/// or `<meta http-equiv="Content-Type" content="…; charset=…">`, with or without quotes, in any
/// case. A label the Encoding Standard does not know, or `replacement`, is passed over; UTF-16
/// declared in a page without a byte-order mark is read as UTF-8, `x-user-defined` as
/// windows-1252, as browsers do.
pub(super) fn declared(bytes: &[u8]) -> Option<&'static str> {
    prescan(&bytes[..bytes.len().min(1024)])
}

/// Most bytes of a page's head read for a declaration past its first 1,024.
const LATE_HEAD: usize = 64 * 1024;

/// A declaration later in the page's head (before `<body`, in its first 64 kB), past scripts
/// that a site or an archive put first: a browser meets it while parsing and reads the page again
/// in that encoding. Read only when the first 1,024 bytes declare nothing.
pub(super) fn declared_late(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(LATE_HEAD)];
    let body = head
        .windows(5)
        .position(|w| w.eq_ignore_ascii_case(b"<body"))
        .unwrap_or(head.len());
    prescan(&head[..body])
}

/// The first declaration in `head`, skipping comments.
fn prescan(head: &[u8]) -> Option<&'static str> {
    let mut i = 0;
    while i < head.len() {
        if head[i..].starts_with(b"<!--") {
            // The first `>` after two dashes, which may be those of the `<!--` itself: `<!-->`
            // and `<!--->` are whole comments, as in the standard's prescan.
            i = find(head, i + 2, b"-->").map_or(head.len(), |e| e + 3);
            continue;
        }
        if head[i] == b'<'
            && head.len() >= i + 6
            && head[i + 1..i + 5].eq_ignore_ascii_case(b"meta")
            && (head[i + 5].is_ascii_whitespace() || head[i + 5] == b'/')
        {
            let (attrs, end) = attributes(head, i + 5);
            i = end;
            if let Some(found) = meta_encoding(&attrs) {
                return Some(found);
            }
            continue;
        }
        i += 1;
    }
    None
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// The attributes of a tag from `i` (just after its name), names lower-cased, and where it ends.
fn attributes(head: &[u8], mut i: usize) -> (Vec<(String, String)>, usize) {
    let mut attrs = Vec::new();
    let lower = |b: &[u8]| String::from_utf8_lossy(b).to_ascii_lowercase();
    loop {
        while i < head.len() && (head[i].is_ascii_whitespace() || head[i] == b'/') {
            i += 1;
        }
        if i >= head.len() || head[i] == b'>' {
            return (attrs, i + 1);
        }
        let start = i;
        while i < head.len() && !head[i].is_ascii_whitespace() && !b"/>=".contains(&head[i]) {
            i += 1;
        }
        let name = lower(&head[start..i]);
        while i < head.len() && head[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if head.get(i) == Some(&b'=') {
            i += 1;
            while i < head.len() && head[i].is_ascii_whitespace() {
                i += 1;
            }
            match head.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = head[i + 1..]
                        .iter()
                        .position(|&b| b == q)
                        .map_or(head.len(), |p| i + 1 + p);
                    value = lower(&head[i + 1..end]);
                    i = end + 1;
                }
                _ => {
                    let start = i;
                    while i < head.len() && !head[i].is_ascii_whitespace() && head[i] != b'>' {
                        i += 1;
                    }
                    value = lower(&head[start..i]);
                }
            }
        }
        attrs.push((name, value));
    }
}

/// The encoding a `<meta>` tag's attributes declare, resolved as the prescan does.
fn meta_encoding(attrs: &[(String, String)]) -> Option<&'static str> {
    let get = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    let label = match get("charset") {
        Some(label) => label,
        None if get("http-equiv") == Some("content-type") => charset_in_content(get("content")?)?,
        None => return None,
    };
    match encoding_for_label(label)? {
        "UTF-16BE" | "UTF-16LE" => Some("UTF-8"),
        "x-user-defined" => Some("windows-1252"),
        "replacement" => None,
        name => Some(name),
    }
}

/// The HTML standard's "extracting a character encoding from a meta element", on a lower-cased
/// `content` attribute.
fn charset_in_content(content: &str) -> Option<&str> {
    let mut rest = content;
    loop {
        let at = rest.find("charset")?;
        rest = rest[at + 7..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        if let Some(after) = rest.strip_prefix('=') {
            rest = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
            break;
        }
    }
    match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].find(q).map(|end| &rest[1..1 + end]),
        _ => Some(
            rest.split(|c: char| c.is_ascii_whitespace() || c == ';')
                .next()?,
        ),
    }
}

/// A text that starts like an HTML page (`<!doctype html`, `<html`, `<head`, `<body`).
pub(super) fn looks_like_html(text: &[u8]) -> bool {
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let head = &text[start..text.len().min(start + 14)];
    [&b"<!doctype html"[..], b"<html", b"<head", b"<body"]
        .iter()
        .any(|p| head.len() >= p.len() && head[..p.len()].eq_ignore_ascii_case(p))
}

/// Binary formats recognised by their first bytes.
pub(super) fn signature(bytes: &[u8]) -> Option<Binary> {
    const SIGNATURES: &[(&[u8], Binary)] = &[
        (b"\x89PNG\r\n\x1a\n", Binary::Png),
        (b"\xff\xd8\xff", Binary::Jpeg),
        (b"GIF87a", Binary::Gif),
        (b"GIF89a", Binary::Gif),
        (b"%PDF-", Binary::Pdf),
        (b"PK\x03\x04", Binary::Zip),
        (b"PK\x05\x06", Binary::Zip),
        (b"\x1f\x8b", Binary::Gzip),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", Binary::OldOffice),
    ];
    SIGNATURES
        .iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|&(_, kind)| kind)
}

/// Decodes a file as a browser does: a byte-order mark (UTF-8, UTF-16); else UTF-16 recognised by
/// zero bytes all on the same side of each pair (UTF-8 and legacy text have no zero byte, and
/// Latin-script UTF-16 has one in every other byte); else, for an HTML page (`html`), the
/// encoding it declares (`declared`); else UTF-8 when the bytes are UTF-8; else windows-1252,
/// which browsers use for a file that names no encoding. Legacy encodings go through `decoder`:
/// one it does not know is passed over (the page's) or refused as not UTF-8 (windows-1252).
pub(super) fn decode<'a>(
    name: &str,
    bytes: &'a [u8],
    html: bool,
    decoder: &dyn Decoder,
) -> Result<(Cow<'a, str>, Encoding), ImportError> {
    let utf16 = |body: &[u8], offset: usize, encoding: Encoding| {
        let le = matches!(encoding, Encoding::Utf16Le { .. });
        decode_utf16(body, le)
            .map(|s| (Cow::Owned(s), encoding))
            .map_err(|at| ImportError::InvalidUtf16 {
                name: name.into(),
                encoding,
                at: (offset + at) as u64,
            })
    };
    if let Some(body) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return utf8(name, body, 3).map(|s| (Cow::Borrowed(s), Encoding::Utf8Bom));
    }
    if let Some(body) = bytes.strip_prefix(b"\xff\xfe") {
        return utf16(body, 2, Encoding::Utf16Le { bom: true });
    }
    if let Some(body) = bytes.strip_prefix(b"\xfe\xff") {
        return utf16(body, 2, Encoding::Utf16Be { bom: true });
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    if even + odd == 0 {
        return legacy(name, bytes, html, decoder);
    }
    // UTF-16: zeros on one side of the pairs in at least one unit of eight (spaces and digits
    // give that much even in Cyrillic or Greek), hardly any on the other side. A stray zero
    // byte in UTF-8 text is not enough.
    let enough = (bytes.len() / 16).max(1);
    if bytes.len() >= 2 && odd >= enough && even * 64 <= odd {
        return utf16(bytes, 0, Encoding::Utf16Le { bom: false });
    }
    if bytes.len() >= 2 && even >= enough && odd * 64 <= even {
        return utf16(bytes, 0, Encoding::Utf16Be { bom: false });
    }
    // A few stray zero bytes in text, at most one in a thousand (a saved page's template left
    // some between two tags): a browser reads the page and drops them, and so does `normalise`,
    // which counts them as control characters. A binary format without a signature has far
    // more: compressed data, one byte in 256.
    if (even + odd) * STRAY_ZEROS <= bytes.len() {
        return legacy(name, bytes, html, decoder);
    }
    Err(ImportError::Binary {
        name: name.into(),
        kind: Binary::ZeroBytes,
    })
}

/// At most one zero byte in this many is a stray one in text, not a sign of binary data.
const STRAY_ZEROS: usize = 1000;

/// Text without zero bytes or byte-order mark: the page's encoding, UTF-8, else windows-1252.
fn legacy<'a>(
    name: &str,
    bytes: &'a [u8],
    html: bool,
    decoder: &dyn Decoder,
) -> Result<(Cow<'a, str>, Encoding), ImportError> {
    // The bytes read as the legacy encoding `label`, when the decoder knows it.
    let as_legacy = |label: &'static str, declared: bool| {
        let text = decoder.decode(label, bytes)?;
        Some((
            Cow::Owned(text),
            Encoding::Legacy {
                name: label,
                declared,
            },
        ))
    };
    let early = html.then(|| declared(bytes)).flatten();
    match early {
        // A page that says UTF-8 is read as UTF-8 even where it is not: bad bytes become U+FFFD,
        // as in a browser (and are counted in a note).
        Some("UTF-8") => return Ok((String::from_utf8_lossy(bytes), Encoding::Utf8)),
        Some(label) => {
            if let Some(read) = as_legacy(label, true) {
                return Ok(read);
            }
        }
        None => {}
    }
    let refused = match utf8(name, bytes, 0) {
        Ok(text) => return Ok((Cow::Borrowed(text), Encoding::Utf8)),
        Err(refused) => refused,
    };
    // Not UTF-8: a declaration later in the head, past the first 1,024 bytes, before the legacy
    // default. (Valid UTF-8 is kept whatever a late tag says: a page that reads as UTF-8 is far
    // more often mislabelled than legacy text that happens to be UTF-8.)
    (html && early.is_none())
        .then(|| declared_late(bytes))
        .flatten()
        .filter(|&label| label != "UTF-8")
        .and_then(|label| as_legacy(label, true))
        .or_else(|| as_legacy("windows-1252", false))
        .ok_or(refused)
}

fn utf8<'a>(name: &str, body: &'a [u8], offset: usize) -> Result<&'a str, ImportError> {
    std::str::from_utf8(body).map_err(|e| {
        let at = e.valid_up_to();
        let line = body[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        ImportError::InvalidUtf8 {
            name: name.into(),
            at: (offset + at) as u64,
            line: line as u64,
        }
    })
}

/// UTF-16 to a string, or the byte offset of the first unit that does not decode.
fn decode_utf16(body: &[u8], le: bool) -> Result<String, usize> {
    let units = body.chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if le {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut out = String::with_capacity(body.len());
    let mut unit = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                out.push(c);
                unit += c.len_utf16();
            }
            Err(_) => return Err(unit * 2),
        }
    }
    if body.len() % 2 == 1 {
        return Err(body.len() - 1);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16() {
        assert_eq!(decode_utf16(&[0x41, 0, 0x42, 0], true).as_deref(), Ok("AB"));
        assert_eq!(decode_utf16(&[0, 0x41, 0xd8, 0x00, 0, 0x42], false), Err(2));
        assert_eq!(decode_utf16(&[0x41, 0, 0x42], true), Err(2));
        // One unit whole; an odd last byte is refused at any length.
        assert_eq!(decode_utf16(&[0x41, 0], true).as_deref(), Ok("A"));
        assert_eq!(decode_utf16(&[0x41, 0, 0x42, 0, 0x43], true), Err(4));
        let stray = b"Iran and Russia\0 signed a treaty in January.";
        assert!(matches!(
            decode("a.txt", stray, false, &UnicodeOnly),
            Err(ImportError::Binary {
                kind: Binary::ZeroBytes,
                ..
            })
        ));
        // UTF-16 needs zeros in at least one unit of eight, counted over the whole file: two in
        // 320 bytes are stray.
        let mut text = "Iran and Russia signed a treaty in January. ".repeat(8);
        text.truncate(320);
        let mut bytes = text.into_bytes();
        bytes[101] = 0;
        bytes[201] = 0;
        assert!(matches!(
            decode("a.txt", &bytes, false, &UnicodeOnly),
            Err(ImportError::Binary {
                kind: Binary::ZeroBytes,
                ..
            })
        ));
        // One zero in a thousand bytes is stray: the text is read, zero and all (`normalise`
        // drops it); one in 999 is binary, on either side of the pairs.
        let page = "<p>Iran and Russia signed a treaty in January.</p>\n".repeat(20);
        for (len, at, binary) in [(1000, 500, false), (999, 500, true), (999, 501, true)] {
            let mut bytes = page.as_bytes()[..len].to_vec();
            bytes[at] = 0;
            match decode("a.html", &bytes, true, &UnicodeOnly) {
                Ok((text, Encoding::Utf8)) => {
                    assert!(!binary, "{len} bytes with a zero at {at} were read");
                    assert_eq!(text.as_bytes(), bytes.as_slice());
                }
                Err(ImportError::Binary {
                    kind: Binary::ZeroBytes,
                    ..
                }) => assert!(binary, "{len} bytes with a zero at {at} were refused"),
                other => panic!("{len} bytes, a zero at {at}: {other:?}"),
            }
        }
        let russian: Vec<u8> = "Россия и Иран, 2025."
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            decode("a.txt", &russian, false, &UnicodeOnly).map(|(s, e)| (s.into_owned(), e)),
            Ok((
                "Россия и Иран, 2025.".to_owned(),
                Encoding::Utf16Be { bom: false }
            ))
        );
        let russian: Vec<u8> = "Россия и Иран, 2025."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode("a.txt", &russian, false, &UnicodeOnly).map(|(s, e)| (s.into_owned(), e)),
            Ok((
                "Россия и Иран, 2025.".to_owned(),
                Encoding::Utf16Le { bom: false }
            ))
        );
        // Little endian: ASCII has its zero byte on the odd side, and `Ā` (U+0100) one on the
        // even side. One zero on the other side is allowed for every 64.
        let latin = "Tehran and Moscow signed a treaty in January 2025, after long talks.";
        for (ascii, utf16) in [(&latin[..64], true), (&latin[..63], false)] {
            let text = format!("Ā{ascii}");
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let read = decode("a.txt", &le, false, &UnicodeOnly).map(|(s, e)| (s.into_owned(), e));
            if utf16 {
                assert_eq!(read, Ok((text, Encoding::Utf16Le { bom: false })));
            } else {
                assert!(matches!(
                    read,
                    Err(ImportError::Binary {
                        kind: Binary::ZeroBytes,
                        ..
                    })
                ));
            }
        }
    }

    /// A decoder that records the encoding asked for and gives the bytes as Latin-1.
    struct Named;

    impl Decoder for Named {
        fn decode(&self, name: &str, bytes: &[u8]) -> Option<String> {
            Some(format!(
                "{name}:{}",
                bytes.iter().map(|&b| b as char).collect::<String>()
            ))
        }
    }

    #[test]
    fn a_declaration_later_in_the_head_is_read_when_the_page_is_not_utf8() {
        // An archive's scripts fill the first 1,024 bytes; the page's own `<meta>` comes after.
        let scripts = format!("<html><head><script>{}</script>", "x".repeat(1100));
        let encoding = |file: &str, bytes: &[u8]| {
            decode(file, bytes, file.ends_with(".html"), &Named)
                .unwrap()
                .1
        };
        let default = Encoding::Legacy {
            name: "windows-1252",
            declared: false,
        };
        let page = |meta: &str, text: &[u8]| {
            let mut bytes = format!("{scripts}{meta}</head><body><p>").into_bytes();
            bytes.extend_from_slice(text);
            bytes
        };
        let gbk = page(
            r#"<meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#,
            b"\xd6\xd0\xce\xc4",
        );
        let (text, found) = decode("a.html", &gbk, true, &Named).unwrap();
        assert!(text.starts_with("GBK:"), "{text}");
        assert_eq!(
            found,
            Encoding::Legacy {
                name: "GBK",
                declared: true
            }
        );
        // Valid UTF-8 stays UTF-8 whatever a late tag says; within the first 1,024 bytes the tag
        // wins, as before.
        let utf8 = page("<meta charset=gbk>", "中文".as_bytes());
        assert_eq!(encoding("a.html", &utf8), Encoding::Utf8);
        let early = b"<meta charset=gbk><p>\xe4\xb8\xad";
        assert_eq!(
            encoding("a.html", early),
            Encoding::Legacy {
                name: "GBK",
                declared: true
            }
        );
        // A tag after `<body` is the text's, not the page's declaration; nor is one in a text
        // file.
        let mut late = format!("{scripts}</head><body><meta charset=gbk><p>").into_bytes();
        late.extend_from_slice(b"\xd6\xd0");
        assert_eq!(encoding("a.html", &late), default);
        assert_eq!(encoding("a.txt", &gbk), default);
        // A tag past the first 64 kB of the head is not read.
        let far = format!("<html><head><script>{}</script>", "x".repeat(LATE_HEAD));
        let mut far = format!("{far}<meta charset=gbk></head><body>").into_bytes();
        far.extend_from_slice(b"\xd6\xd0");
        assert_eq!(encoding("a.html", &far), default);
    }

    #[test]
    fn prescan() {
        let page = |head: &str| declared(format!("<!doctype html><html><head>{head}").as_bytes());
        assert_eq!(page("<meta charset=\"Shift_JIS\">"), Some("Shift_JIS"));
        assert_eq!(page("<META CHARSET=latin1>"), Some("windows-1252"));
        assert_eq!(page("<meta charset='utf-16le'>"), Some("UTF-8"));
        assert_eq!(
            page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"),
            Some("windows-1252")
        );
        assert_eq!(
            page("<meta content='text/html; charset = \"koi8-r\"' HTTP-EQUIV='content-type'>"),
            Some("KOI8-R")
        );
        assert_eq!(page("<meta name=viewport content=\"charset=gbk\">"), None);
        // An unquoted label ends at the first ASCII whitespace or `;`; a quoted one needs its
        // closing quote.
        for (content, found) in [
            ("text/html; charset=gbk; x=y", Some("GBK")),
            ("text/html; charset=koi8-r\tx", Some("KOI8-R")),
            ("text/html; charset='gbk", None),
        ] {
            let head = format!("<meta http-equiv=content-type content=\"{content}\">");
            assert_eq!(page(&head), found, "{content}");
        }
        assert_eq!(
            page("<!-- <meta charset=big5> --><meta charset=euc-kr>"),
            Some("EUC-KR")
        );
        assert_eq!(
            page("<!-- was: <meta charset=big5> --><meta charset=euc-kr>"),
            Some("EUC-KR")
        );
        // A comment ends at its first `-->`, even one right after a `<!--` inside it.
        assert_eq!(page("<!-- old <!---><meta charset=gbk>"), Some("GBK"));
        // `<!-->` and `<!--->` are whole comments: their dashes are the `<!--`'s own.
        assert_eq!(
            page("<!--><meta charset=windows-1251>"),
            Some("windows-1251")
        );
        assert_eq!(
            page("<!---><meta charset=windows-1251>"),
            Some("windows-1251")
        );
        assert_eq!(
            page("<!-- x --><meta charset=windows-1251>"),
            Some("windows-1251")
        );
        assert_eq!(
            page("<meta charset=nonsense><meta charset=gbk>"),
            Some("GBK")
        );
        assert_eq!(page("<metal charset=gbk>"), None);
        assert_eq!(page("<meta/charset=gbk>"), Some("GBK"));
        assert_eq!(page("<meta charset = gbk>"), Some("GBK"));
        let late = format!("<!doctype html>{}<meta charset=gbk>", " ".repeat(1024));
        assert_eq!(declared(late.as_bytes()), None);
        // A `<meta` cut by the end of the file or of the 1,024 bytes read, at each step of its
        // attributes.
        for (head, found) in [
            ("<html><meta /", None),
            ("<meta charset", None),
            ("<meta charset ", None),
            ("<meta charset= ", None),
            ("<meta charset=gbk", Some("GBK")),
            ("<meta charset='gbk", Some("GBK")),
        ] {
            assert_eq!(declared(head.as_bytes()), found, "{head}");
        }
        let cut = format!("{}<meta   charset=gbk>", " ".repeat(1016));
        assert_eq!(declared(cut.as_bytes()), None);
        assert!(looks_like_html(b"\n  <!DOCTYPE HTML>"));
        assert!(!looks_like_html(b"# <html>"));
    }
}
