//! The versioned, checksummed binary bundle format: encoding and total (never panicking) decoding.
//!
//! Layout: the magic bytes `PLXB`, the format version (u16, little endian), the SHA-256 of the
//! payload (32 bytes), then the payload: the `Corpus` in postcard encoding. Postcard writes
//! struct fields in order and the model holds only vectors, so the same corpus always encodes to
//! the same bytes.
//!
//! `store_document` and `load_document` keep one processed document (a reader's import) in the
//! same postcard encoding, as text for local storage, so that a start need not clean it again.

use crate::model::Corpus;
use sha2::{Digest, Sha256};
use std::fmt;

pub const MAGIC: &[u8; 4] = b"PLXB";
/// Bump whenever the model's encoding changes; old bundles are then refused with a clear error.
/// 2: passages carry their kind; documents their updated date and page details.
pub const FORMAT_VERSION: u16 = 2;
const HEADER_LEN: usize = 4 + 2 + 32;

/// A decoded bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    pub version: u16,
    /// Lowercase hex SHA-256 of the payload: names this exact corpus content.
    pub checksum: String,
    pub corpus: Corpus,
}

/// Why bytes are not a usable bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    /// Shorter than the header, or does not start with the magic bytes.
    NotABundle,
    /// Written by another format version.
    UnsupportedVersion(u16),
    /// The payload does not match the checksum in the header: truncated or altered.
    ChecksumMismatch,
    /// The payload could not be decoded as a corpus.
    Malformed(String),
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleError::NotABundle => write!(f, "not a Parallax bundle (missing PLXB header)"),
            BundleError::UnsupportedVersion(v) => write!(
                f,
                "bundle format version {v} is not supported (this build reads version {FORMAT_VERSION})"
            ),
            BundleError::ChecksumMismatch => {
                write!(f, "bundle checksum does not match its content (truncated or altered file)")
            }
            BundleError::Malformed(e) => write!(f, "bundle content is malformed: {e}"),
        }
    }
}

impl std::error::Error for BundleError {}

/// Encodes a corpus into bundle bytes.
pub fn encode(corpus: &Corpus) -> Vec<u8> {
    // Encoding an in-memory model into a Vec cannot fail: postcard only errors on writer limits.
    let payload =
        postcard::to_allocvec(corpus).expect("postcard encoding into a Vec is infallible");
    let digest = Sha256::digest(&payload);
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&digest);
    out.extend_from_slice(&payload);
    out
}

/// Decodes and verifies bundle bytes.
pub fn decode(bytes: &[u8]) -> Result<Bundle, BundleError> {
    decode_with(bytes, true)
}

/// Decodes bundle bytes that are part of the program itself (the app's compiled-in corpus,
/// checksummed by `build.rs` when it wrote them), without hashing the payload again: they change
/// only with the program, and hashing them cost every start of the app a few milliseconds (more
/// on a phone). The header is still checked, and a payload that is not a corpus is still an
/// error, never a panic; the checksum read from the header still names the corpus.
pub fn decode_embedded(bytes: &[u8]) -> Result<Bundle, BundleError> {
    decode_with(bytes, false)
}

fn decode_with(bytes: &[u8], verify: bool) -> Result<Bundle, BundleError> {
    if bytes.len() < HEADER_LEN || &bytes[..4] != MAGIC {
        return Err(BundleError::NotABundle);
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != FORMAT_VERSION {
        return Err(BundleError::UnsupportedVersion(version));
    }
    let (stored, payload) = bytes[6..].split_at(32);
    if verify && Sha256::digest(payload).as_slice() != stored {
        return Err(BundleError::ChecksumMismatch);
    }
    let corpus: Corpus =
        postcard::from_bytes(payload).map_err(|e| BundleError::Malformed(e.to_string()))?;
    Ok(Bundle {
        version,
        checksum: hex(stored),
        corpus,
    })
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Prefix of a stored document (`store_document`).
const DOC_MAGIC: &str = "PLXD";

/// A processed document as the app keeps it in local storage, so that a start reads it back
/// instead of cleaning its text again (cleaning a large import takes seconds). A text string:
/// `PLXD`, the format version, `:`, the `build` it was processed by (the caller's name for the
/// cleaning rules in force, such as the bundle checksum), `:`, then base64 of the payload's
/// SHA-256 and the `Document` in postcard encoding.
pub fn store_document(doc: &crate::model::Document, build: &str) -> String {
    let payload = postcard::to_allocvec(doc).expect("postcard encoding into a Vec is infallible");
    let mut bytes = Sha256::digest(&payload).to_vec();
    bytes.extend_from_slice(&payload);
    format!("{DOC_MAGIC}{FORMAT_VERSION}:{build}:{}", base64(&bytes))
}

/// Reads back what `store_document` wrote for the same `build`. `None` for anything else: another
/// build or format (the document must be processed again from its text, and stored anew),
/// altered or truncated text, or a document whose offsets do not fit its text (it would not be
/// safe to show). Linear in the stored size.
pub fn load_document(stored: &str, build: &str) -> Option<crate::model::Document> {
    let rest = stored.strip_prefix(DOC_MAGIC)?;
    let (version, rest) = rest.split_once(':')?;
    let (stored_build, data) = rest.split_once(':')?;
    if version != FORMAT_VERSION.to_string() || stored_build != build {
        return None;
    }
    let bytes = unbase64(data)?;
    if bytes.len() < 32 || Sha256::digest(&bytes[32..]).as_slice() != &bytes[..32] {
        return None;
    }
    let doc: crate::model::Document = postcard::from_bytes(&bytes[32..]).ok()?;
    let fits = doc.passages.iter().all(|p| {
        p.start <= p.end
            && p.end <= doc.original_len
            && p.sentences.iter().all(|s| {
                s.start <= s.end
                    && p.text.is_char_boundary(s.start as usize)
                    && p.text.is_char_boundary(s.end as usize)
            })
    }) && doc
        .removed
        .iter()
        .all(|r| r.start <= r.end && r.end <= doc.original_len);
    fits.then_some(doc)
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding: local storage holds text, not bytes.
fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(BASE64[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn unbase64(s: &str) -> Option<Vec<u8>> {
    let s = s.as_bytes();
    if !s.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    for (c, chunk) in s.chunks(4).enumerate() {
        let last = c + 1 == s.len() / 4;
        let pad = chunk.iter().rev().take_while(|&&b| b == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for (i, &b) in chunk[..4 - pad].iter().enumerate() {
            let v = match b {
                b'A'..=b'Z' => b - b'A',
                b'a'..=b'z' => b - b'a' + 26,
                b'0'..=b'9' => b - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                _ => return None,
            };
            n |= u32::from(v) << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..4 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Corpus {
        Corpus {
            name: "t".into(),
            title: "T".into(),
            documents: vec![],
            themes: vec![],
            entities: vec![],
            claims: vec![],
        }
    }

    #[test]
    fn removal_ids_match_their_serde_names() {
        for kind in crate::model::RemovalKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.id()));
        }
    }

    #[test]
    fn round_trip_and_errors() {
        let bytes = encode(&tiny());
        let b = decode(&bytes).unwrap();
        assert_eq!(b.corpus, tiny());
        assert_eq!(b.checksum.len(), 64);
        assert_eq!(decode(b"nope"), Err(BundleError::NotABundle));
        let mut v2 = bytes.clone();
        v2[4] = 9;
        assert_eq!(decode(&v2), Err(BundleError::UnsupportedVersion(9)));
        let mut altered = bytes.clone();
        *altered.last_mut().unwrap() ^= 1;
        assert_eq!(decode(&altered), Err(BundleError::ChecksumMismatch));
        assert_eq!(
            decode(&bytes[..bytes.len() - 1]),
            Err(BundleError::ChecksumMismatch)
        );
    }

    #[test]
    fn an_embedded_bundle_is_read_without_hashing_but_its_header_is_checked() {
        let bytes = encode(&tiny());
        assert_eq!(decode_embedded(&bytes), decode(&bytes));
        assert_eq!(decode_embedded(b"nope"), Err(BundleError::NotABundle));
        let mut v2 = bytes.clone();
        v2[4] = 9;
        assert_eq!(
            decode_embedded(&v2),
            Err(BundleError::UnsupportedVersion(9))
        );
        // The payload's hash is not computed: a stored checksum that names other bytes is kept
        // as it is (the app's bundle is written and hashed by build.rs with the program).
        let mut renamed = bytes.clone();
        renamed[6] ^= 0xff;
        let b = decode_embedded(&renamed).unwrap();
        assert_eq!(b.corpus, tiny());
        assert_eq!(&b.checksum[2..], &decode(&bytes).unwrap().checksum[2..]);
        assert_ne!(b.checksum, decode(&bytes).unwrap().checksum);
        // A payload cut short is still an error, not a panic.
        assert!(matches!(
            decode_embedded(&bytes[..bytes.len() - 1]),
            Err(BundleError::Malformed(_))
        ));
    }

    #[test]
    fn stored_documents_read_back_for_their_build_only() {
        let meta = crate::pipeline::SourceMeta {
            id: "u1".into(),
            file: "notes.txt".into(),
            ..Default::default()
        };
        let doc =
            crate::pipeline::process_document(&meta, "A title\n\nSome text, twice. And é more.\n");
        let stored = store_document(&doc, "abc");
        assert_eq!(load_document(&stored, "abc"), Some(doc.clone()));
        assert_eq!(load_document(&stored, "other build"), None);
        // Altered or cut anywhere: refused.
        let mut cut = stored.clone();
        cut.truncate(stored.len() - 4);
        assert_eq!(load_document(&cut, "abc"), None);
        let mut flipped = stored.clone().into_bytes();
        let mid = flipped.len() / 2;
        flipped[mid] = if flipped[mid] == b'A' { b'B' } else { b'A' };
        let flipped = String::from_utf8(flipped).unwrap();
        assert_eq!(load_document(&flipped, "abc"), None);
        assert_eq!(load_document("", "abc"), None);
        assert_eq!(load_document("PLXD1:abc:****", "abc"), None);
        for n in 0..8 {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37) as u8).collect();
            assert_eq!(unbase64(&base64(&bytes)), Some(bytes));
        }
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
    }
}
