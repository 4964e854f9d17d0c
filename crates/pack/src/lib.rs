//! `parallax-pack`: turns a Trunk release build (`dist/`) into `parallax.html`, one page with the
//! wasm, JS, CSS and icon inside that runs from `file://` with no request at all, and
//! `parallax.zip`, the build as it is for any static server. Both are deterministic: the same
//! build gives byte-identical files.
#![allow(clippy::disallowed_methods)] // Never reaches the wasm.

pub mod archive;
pub mod dist;
pub mod encode;
pub mod html;
pub mod prerender;
pub mod single;

use std::fmt;
use std::path::{Path, PathBuf};

pub use single::{BUNDLE_META, COLLECTION_BLOCK_ID, PAGE_GLOBAL, WASM_BLOCK_ID};

/// Why packing failed, in words for the person who ran it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError(String);

impl PackError {
    pub fn new(message: impl Into<String>) -> PackError {
        PackError(message.into())
    }
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PackError {}

/// One file written.
#[derive(Debug, Clone)]
pub struct Written {
    pub path: PathBuf,
    pub bytes: usize,
    pub sha256: String,
}

/// What `pack` wrote and what the page holds.
#[derive(Debug, Clone)]
pub struct Packed {
    pub html: Written,
    pub zip: Written,
    /// The names in the zip, in order.
    pub zipped: Vec<String>,
    /// The payload checksum in `<meta name="parallax-bundle">` and the files it covers.
    pub payload_sha256: String,
    pub payload: Vec<String>,
    pub csp: String,
    pub notes: Vec<String>,
}

/// Packs the build in `dist` into `out/parallax.html` and `out/parallax.zip` (each written
/// atomically: a failure leaves no partial file).
pub fn pack(dist: &Path, out: &Path) -> Result<Packed, PackError> {
    let d = dist::Dist::open(dist)?;
    let page = single::build(&d)?;
    let (zip_bytes, zipped) = archive::zip(dist)?;
    std::fs::create_dir_all(out)
        .map_err(|e| PackError::new(format!("{} cannot be created: {e}", out.display())))?;
    let html = write_atomic(&out.join(archive::OUTPUTS[0]), page.html.as_bytes())?;
    let zip = write_atomic(&out.join(archive::OUTPUTS[1]), &zip_bytes)?;
    Ok(Packed {
        html,
        zip,
        zipped,
        payload_sha256: page.payload_sha256,
        payload: page.payload,
        csp: page.csp,
        notes: page.notes,
    })
}

/// Writes `bytes` to a hidden file beside `path`, then renames it into place.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<Written, PackError> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(PackError::new(format!(
            "{} cannot be written: {e}",
            path.display()
        )));
    }
    Ok(Written {
        path: path.to_path_buf(),
        bytes: bytes.len(),
        sha256: encode::sha256_hex(bytes),
    })
}
