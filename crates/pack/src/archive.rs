//! The zip of a build for any static server: every file of the build folder at the zip's root,
//! deflated, in byte order of their paths, each dated 1980-01-01 00:00 with mode 0644, so that
//! the same build always gives the same bytes. Hidden files (a name starting with `.`, such as
//! Trunk's `.stage`) and the packer's own outputs at the top (`parallax.html`, `parallax.zip`)
//! are left out.

use std::io::{Cursor, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::PackError;

/// File names at the build's top level that are the packer's outputs, never part of the zip.
pub const OUTPUTS: [&str; 2] = ["parallax.html", "parallax.zip"];

/// The build's files as `(path with / separators, full path)`, sorted by path.
pub fn files(root: &Path) -> Result<Vec<(String, std::path::PathBuf)>, PackError> {
    let mut out = Vec::new();
    walk(root, "", &mut out)?;
    out.retain(|(name, _)| !OUTPUTS.contains(&name.as_str()));
    out.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    Ok(out)
}

fn walk(
    dir: &Path,
    prefix: &str,
    out: &mut Vec<(String, std::path::PathBuf)>,
) -> Result<(), PackError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| PackError::new(format!("{} cannot be listed: {e}", dir.display())))?;
    for entry in entries {
        let entry = entry
            .map_err(|e| PackError::new(format!("{} cannot be listed: {e}", dir.display())))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            return Err(PackError::new(format!(
                "{}: a file name is not UTF-8",
                dir.display()
            )));
        };
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let rel = format!("{prefix}{name}");
        // Follows symbolic links, as a static server would.
        let meta = std::fs::metadata(&path)
            .map_err(|e| PackError::new(format!("{} cannot be read: {e}", path.display())))?;
        if meta.is_dir() {
            walk(&path, &format!("{rel}/"), out)?;
        } else if meta.is_file() {
            out.push((rel, path));
        }
    }
    Ok(())
}

/// The zip's bytes and the names in it, in order.
pub fn zip(root: &Path) -> Result<(Vec<u8>, Vec<String>), PackError> {
    let files = files(root)?;
    if !files.iter().any(|(n, _)| n == "index.html") {
        return Err(PackError::new(format!(
            "{} has no index.html to zip",
            root.display()
        )));
    }
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let zip_err = |e: zip::result::ZipError| PackError::new(format!("writing the zip: {e}"));
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, path) in &files {
        let bytes = std::fs::read(path)
            .map_err(|e| PackError::new(format!("{} cannot be read: {e}", path.display())))?;
        w.start_file(name.as_str(), options).map_err(zip_err)?;
        w.write_all(&bytes)
            .map_err(|e| PackError::new(format!("writing the zip: {e}")))?;
    }
    let bytes = w.finish().map_err(zip_err)?.into_inner();
    Ok((bytes, files.into_iter().map(|(n, _)| n).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn fake(dir: &Path) {
        std::fs::write(dir.join("index.html"), "<html></html>").unwrap();
        std::fs::write(dir.join("b.js"), "x".repeat(1000)).unwrap();
        std::fs::write(dir.join("a_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::create_dir_all(dir.join("img/sub")).unwrap();
        std::fs::write(dir.join("img/sub/i.svg"), "<svg/>").unwrap();
        std::fs::create_dir(dir.join(".stage")).unwrap();
        std::fs::write(dir.join(".stage/tmp"), "t").unwrap();
        std::fs::write(dir.join("parallax.html"), "old").unwrap();
        std::fs::write(dir.join("parallax.zip"), "old").unwrap();
    }

    #[test]
    fn sorted_deflated_fixed_dates_and_nothing_hidden() {
        let dir = tempfile::tempdir().unwrap();
        fake(dir.path());
        let (bytes, names) = zip(dir.path()).unwrap();
        assert_eq!(names, ["a_bg.wasm", "b.js", "img/sub/i.svg", "index.html"]);
        let mut z = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
        assert_eq!(z.len(), 4);
        for (i, name) in names.iter().enumerate() {
            let mut f = z.by_index(i).unwrap();
            assert_eq!(f.name(), name);
            assert_eq!(f.compression(), CompressionMethod::Deflated);
            assert_eq!(f.last_modified(), Some(DateTime::default()));
            assert_eq!(f.unix_mode(), Some(0o100644));
            let mut content = Vec::new();
            f.read_to_end(&mut content).unwrap();
            assert_eq!(content, std::fs::read(dir.path().join(name)).unwrap());
        }
        // Deflate did its work on the repetitive file.
        assert!(bytes.len() < 1000);
        // The same files give the same bytes, whatever their dates on disk.
        let again = tempfile::tempdir().unwrap();
        fake(again.path());
        assert_eq!(zip(again.path()).unwrap().0, bytes);
    }

    #[test]
    fn a_folder_without_index_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.js"), "x").unwrap();
        let err = zip(dir.path()).unwrap_err().to_string();
        assert!(err.ends_with("has no index.html to zip"), "{err}");
    }
}
