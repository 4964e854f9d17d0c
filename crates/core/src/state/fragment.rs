//! The fragment as text: split into raw path and parameters, percent-decoding and -encoding, and
//! text cleaned and cut to the limits a link carries.

use super::{Raw, MAX_FRAGMENT, MAX_PARAMS};
use crate::strings::{is_direction_control, is_zero_width};

/// Stage one: splits a fragment (with or without `#`) into raw path segments and parameters.
pub fn raw(fragment: &str) -> Raw {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    let truncated = f.len() > MAX_FRAGMENT;
    let f = crate::search::truncate(f, MAX_FRAGMENT);
    let (path, query) = f.split_once('?').unwrap_or((f, ""));
    Raw {
        path: path
            .split('/')
            .filter(|s| !s.is_empty())
            .take(8)
            .map(str::to_owned)
            .collect(),
        params: query
            .split('&')
            .filter(|s| !s.is_empty())
            .take(MAX_PARAMS)
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (k.to_owned(), v.to_owned())
            })
            .collect(),
        truncated,
    }
}

/// Percent-decodes; invalid escapes stay as written and invalid UTF-8 is replaced, both noted.
pub fn decode(s: &str, bad: &mut bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            ) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
            *bad = true;
        }
        out.push(bytes[i]);
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => {
            *bad = true;
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// Percent-encodes everything but unreserved characters (and `extra`, kept literally).
pub fn encode(s: &str, extra: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || extra.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Removes control and formatting characters (bidi overrides, zero-width) and trims.
pub(super) fn clean_text(s: &str, max_chars: usize) -> String {
    clean_text_cut(s, max_chars).0
}

/// `clean_text`, and whether more than `max_chars` characters were left after filtering.
pub(super) fn clean_text_cut(s: &str, max_chars: usize) -> (String, bool) {
    let (text, cut) = limit_text(s, max_chars);
    (text.trim().to_owned(), cut)
}

/// `clean_text_cut` for text of several lines (`limit_lines`).
pub(super) fn clean_lines_cut(s: &str, max_chars: usize) -> (String, bool) {
    let (text, cut) = limit_lines(s, max_chars);
    (text.trim().to_owned(), cut)
}

/// `limit_text` for text of several lines (a step's note, question or answer): line breaks
/// (`\n`) are kept and count as one character each, a carriage return is dropped (a textarea
/// gives `\n` alone; `\r\n` becomes `\n`), everything else `limit_text` removes is removed.
/// Linear, and idempotent.
pub fn limit_lines(s: &str, max_chars: usize) -> (String, bool) {
    let mut text = String::new();
    let mut kept = 0;
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            if kept == max_chars {
                return (text, true);
            }
            text.push('\n');
            kept += 1;
        }
        let (part, cut) = limit_text(line, max_chars - kept);
        kept += part.chars().count();
        text.push_str(&part);
        if cut {
            return (text, true);
        }
    }
    (text, false)
}

/// Text as a link carries it, for everything the parser reads and everything typed that a link
/// will hold (a lesson's title and notes in the draft): control characters and invisible
/// formatting ones (direction overrides and isolates U+202A–U+202E and U+2066–U+2069, marks and
/// zero-width characters U+200B–U+200F, the byte-order mark) removed, then at most `max_chars`
/// characters kept; true when more were left. Not trimmed, so that text being typed keeps the
/// space before its next word (the link trims). Linear, and idempotent.
pub fn limit_text(s: &str, max_chars: usize) -> (String, bool) {
    let mut kept = s.chars().filter(|&c| {
        !c.is_control()
            && !is_direction_control(c)
            && !is_zero_width(c)
            // The direction marks U+200E and U+200F.
            && !matches!(c, '\u{200e}' | '\u{200f}')
    });
    let text: String = kept.by_ref().take(max_chars).collect();
    let cut = kept.next().is_some();
    (text, cut)
}
