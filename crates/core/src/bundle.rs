//! The versioned, checksummed binary bundle format: encoding and total (never panicking) decoding.
//!
//! Layout: the magic bytes `PLXB`, the format version (u16, little endian), the SHA-256 of the
//! payload (32 bytes), then the payload: the `Corpus` in postcard encoding. Postcard writes
//! struct fields in order and the model holds only vectors, so the same corpus always encodes to
//! the same bytes.

use crate::model::Corpus;
use sha2::{Digest, Sha256};
use std::fmt;

pub const MAGIC: &[u8; 4] = b"PLXB";
/// Bump whenever the model's encoding changes; old bundles are then refused with a clear error.
pub const FORMAT_VERSION: u16 = 1;
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
    if bytes.len() < HEADER_LEN || &bytes[..4] != MAGIC {
        return Err(BundleError::NotABundle);
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != FORMAT_VERSION {
        return Err(BundleError::UnsupportedVersion(version));
    }
    let (stored, payload) = bytes[6..].split_at(32);
    if Sha256::digest(payload).as_slice() != stored {
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
}
