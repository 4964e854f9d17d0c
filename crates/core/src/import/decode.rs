//! Decoding a file's bytes: binary signatures, UTF-8 with or without a byte-order mark, UTF-16 with one or recognised by its zero bytes.

use super::{Binary, Encoding, ImportError};
use std::borrow::Cow;

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

/// Decodes UTF-8 (with or without a byte-order mark) and UTF-16 (with a byte-order mark, or
/// recognised by zero bytes all on the same side of each pair: UTF-8 text has no zero byte, and
/// Latin-script UTF-16 has one in every other byte).
pub(super) fn decode<'a>(
    name: &str,
    bytes: &'a [u8],
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
        return utf8(name, bytes, 0).map(|s| (Cow::Borrowed(s), Encoding::Utf8));
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
    Err(ImportError::Binary {
        name: name.into(),
        kind: Binary::ZeroBytes,
    })
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
        let stray = b"Iran and Russia\0 signed a treaty in January.";
        assert!(matches!(
            decode("a.txt", stray),
            Err(ImportError::Binary {
                kind: Binary::ZeroBytes,
                ..
            })
        ));
        let russian: Vec<u8> = "Россия и Иран, 2025."
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            decode("a.txt", &russian).map(|(s, e)| (s.into_owned(), e)),
            Ok((
                "Россия и Иран, 2025.".to_owned(),
                Encoding::Utf16Be { bom: false }
            ))
        );
    }
}
