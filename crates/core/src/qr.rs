//! QR codes of links for a classroom projector: the module grid of a text (the `qrcodegen` crate's encoder, one mode for the whole text) and its SVG path with the quiet zone, or why a text is too long.
//!
//! A link of at most `state::MAX_QR_BYTES` bytes always encodes, at most version 25 (117 × 117
//! modules), the size `state::LinkFit::Qr` promises a projector shows legibly: with error
//! correction M (15 % of the code may be lost) when that stays within version 25, else with L.
//! A longer text is refused with `QrError::TooLong`, not drawn at a size a phone at the back of
//! the room cannot read.

use crate::state::MAX_QR_BYTES;
use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};
use std::fmt;

/// The light margin around a code, in modules, that readers need to find it (ISO/IEC 18004).
pub const QUIET: usize = 4;

/// The largest version drawn: 117 × 117 modules, which holds `MAX_QR_BYTES` bytes at L.
pub const MAX_VERSION: i16 = 25;

/// A QR code: a square of dark and light modules, without its quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qr {
    width: usize,
    /// Row by row, `true` for a dark module.
    dark: Vec<bool>,
    version: i16,
    /// Error correction M (else L).
    medium: bool,
}

/// Why a text has no QR code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QrError {
    /// Longer than `MAX_QR_BYTES` bytes.
    TooLong { bytes: usize },
}

impl fmt::Display for QrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QrError::TooLong { bytes } => write!(
                f,
                "This link is too long for a QR code that a phone can read from a projector: it has {} characters, and a QR code here holds at most {}. Share the link instead, or make it shorter (fewer steps or shorter notes in a lesson).",
                crate::strings::thousands(*bytes as u64),
                crate::strings::thousands(MAX_QR_BYTES as u64)
            ),
        }
    }
}

impl std::error::Error for QrError {}

impl Qr {
    /// The code of `text`: error correction M when it fits within `MAX_VERSION`, else L; an
    /// error past `MAX_QR_BYTES` bytes.
    pub fn encode(text: &str) -> Result<Qr, QrError> {
        let too_long = QrError::TooLong { bytes: text.len() };
        if text.len() > MAX_QR_BYTES {
            return Err(too_long);
        }
        let segs = QrSegment::make_segments(text);
        for (level, medium) in [(QrCodeEcc::Medium, true), (QrCodeEcc::Low, false)] {
            let Ok(code) = QrCode::encode_segments_advanced(
                &segs,
                level,
                Version::MIN,
                Version::new(MAX_VERSION as u8),
                None,
                false,
            ) else {
                continue;
            };
            let width = code.size() as usize;
            let dark = (0..width * width)
                .map(|i| code.get_module((i % width) as i32, (i / width) as i32))
                .collect();
            return Ok(Qr {
                width,
                dark,
                version: code.version().value() as i16,
                medium,
            });
        }
        // Not reached: `MAX_QR_BYTES` bytes fit version 25 at L in byte mode (tested).
        Err(too_long)
    }

    /// Modules on a side, without the quiet zone (21 for version 1, 4 more each version).
    pub fn width(&self) -> usize {
        self.width
    }

    /// The version (1 to `MAX_VERSION`).
    pub fn version(&self) -> i16 {
        self.version
    }

    /// Whether error correction is M (15 % may be lost) rather than L (7 %).
    pub fn is_medium(&self) -> bool {
        self.medium
    }

    /// Whether the module at column `x`, row `y` (from 0, without the quiet zone) is dark;
    /// outside the code, light.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// Modules on a side with the quiet zone on every side: the SVG's `viewBox` is
    /// `0 0 side side`.
    pub fn side(&self) -> usize {
        self.width + 2 * QUIET
    }

    /// The dark modules as one SVG path in module units, shifted by the quiet zone: each run of
    /// dark modules in a row is one rectangle (`M x y h n v1 h-n z`), so the path is at most
    /// linear in the modules. Drawn in black on a white square of `side()`.
    pub fn path(&self) -> String {
        let mut d = String::new();
        for y in 0..self.width {
            let row = &self.dark[y * self.width..(y + 1) * self.width];
            let mut x = 0;
            while x < self.width {
                if !row[x] {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.width && row[x] {
                    x += 1;
                }
                let n = x - start;
                d.push_str(&format!("M{} {}h{n}v1h-{n}z", start + QUIET, y + QUIET));
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_link_is_version_one_or_two_at_m() {
        let q = Qr::encode("https://example.org/#/").unwrap();
        assert!(q.is_medium());
        assert_eq!(q.width(), 17 + 4 * q.version() as usize);
        assert!(q.version() <= 2);
    }

    #[test]
    fn the_limit_encodes_and_one_more_byte_does_not() {
        let at = "a".repeat(MAX_QR_BYTES);
        let q = Qr::encode(&at).unwrap();
        assert!(q.version() <= MAX_VERSION);
        let over = "a".repeat(MAX_QR_BYTES + 1);
        assert_eq!(
            Qr::encode(&over),
            Err(QrError::TooLong {
                bytes: MAX_QR_BYTES + 1
            })
        );
    }

    #[test]
    fn the_path_has_one_rectangle_per_run() {
        let q = Qr::encode("x").unwrap();
        let runs: usize = (0..q.width())
            .map(|y| {
                (0..q.width())
                    .filter(|&x| q.is_dark(x, y) && (x == 0 || !q.is_dark(x - 1, y)))
                    .count()
            })
            .sum();
        assert_eq!(q.path().matches('M').count(), runs);
        // The top-left finder pattern starts at the quiet zone's corner.
        assert!(q.path().starts_with("M4 4h7v1h-7z"));
    }
}
