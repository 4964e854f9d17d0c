//! The corpus bundle compiled into the wasm by `build.rs`, and its one-time decoding; no network.

use parallax_core::{Bundle, BundleError};

/// Bytes written by `build.rs` from `corpus/iran-russia` (or the bundle named by
/// `PARALLAX_BUNDLE` at build time).
static BUNDLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.plxb"));

/// Decodes the built-in bundle. `decode` is total, so a damaged bundle is an error, not a panic.
pub fn load() -> Result<Bundle, BundleError> {
    parallax_core::decode(BUNDLE)
}
