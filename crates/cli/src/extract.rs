//! `parallax extract FILE...`: each file read as the browser's import reads it (`import::extract`
//! then `import_extracted`), printed as one JSON object per line in argument order. A file that
//! cannot be read or imported prints `{"file", "ok": false, "error"}` on its line and the others
//! are still extracted; the exit status is then 1.
//!
//! Each file is extracted on its own, against an empty library (as document `f1`, `f2`… by its
//! place in the arguments): two files with the same text are both printed, not a duplicate.

use parallax_core::import::{self, Imported};
use parallax_core::model::Corpus;
use serde::Serialize;
use std::borrow::Cow;
use std::io::{ErrorKind, Write};
use std::process::ExitCode;

/// Extracts `files` in order, writing a line for each to `out`. Exit status 1 when any failed.
/// Stops quietly when the reader of `out` goes away (a broken pipe, as with `| head -1`).
pub fn run(files: &[String], out: &mut impl Write) -> std::io::Result<ExitCode> {
    let empty = Corpus::of_documents("", "", Vec::new());
    let mut failed = false;
    for (n, file) in files.iter().enumerate() {
        let written = match extract(file, &empty, &format!("f{}", n + 1)) {
            Ok(imported) => serde_json::to_writer(&mut *out, &read_line(file, &imported)),
            Err(error) => {
                failed = true;
                let line = Failed {
                    file,
                    ok: false,
                    error: &error,
                };
                serde_json::to_writer(&mut *out, &line)
            }
        };
        let written = written
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
            .and_then(|()| out.flush());
        match written {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::BrokenPipe => break,
            Err(e) => return Err(e),
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads and imports one file; the error is a plain message naming it.
fn extract(file: &str, empty: &Corpus, id: &str) -> Result<Imported, String> {
    let unreadable = |e: std::io::Error| {
        let why = match e.kind() {
            ErrorKind::NotFound => "no such file".to_owned(),
            ErrorKind::IsADirectory => "it is a folder".to_owned(),
            ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ => e.to_string(),
        };
        format!("“{file}” cannot be read: {why}.")
    };
    // A file over the import's limit is refused from its size, before it is read.
    let meta = std::fs::metadata(file).map_err(unreadable)?;
    if meta.is_file() {
        import::check_size(file, meta.len()).map_err(|e| e.to_string())?;
    }
    let bytes = std::fs::read(file).map_err(unreadable)?;
    import::extract(file, &bytes)
        .and_then(|extracted| import::import_extracted(extracted, empty, id))
        .map_err(|e| e.to_string())
}

/// The line of a file that was read, its fields in this order.
#[derive(Serialize)]
struct Read<'a> {
    file: &'a str,
    ok: bool,
    format: &'static str,
    encoding: Cow<'static, str>,
    title: &'a str,
    authors: Vec<&'a str>,
    date: Option<&'a str>,
    modified: Option<&'a str>,
    site: Option<&'a str>,
    lang: Option<&'a str>,
    url: Option<&'a str>,
    description: Option<&'a str>,
    passages: Vec<PassageLine<'a>>,
    removed: Vec<RemovedLine<'a>>,
}

#[derive(Serialize)]
struct PassageLine<'a> {
    id: &'a str,
    /// The heading of the passage's section; `None` in the lead.
    section: Option<&'a str>,
    kind: &'static str,
    text: &'a str,
}

#[derive(Serialize)]
struct RemovedLine<'a> {
    kind: &'static str,
    reason: &'static str,
    text: &'a str,
}

/// The line of a file that could not be read or imported.
#[derive(Serialize)]
struct Failed<'a> {
    file: &'a str,
    ok: bool,
    error: &'a str,
}

fn read_line<'a>(file: &'a str, imported: &'a Imported) -> Read<'a> {
    let d = &imported.document;
    let authors = d.authors();
    Read {
        file,
        ok: true,
        format: imported.format.id(),
        encoding: imported.encoding.id(),
        title: &d.title,
        authors,
        date: d.date.as_ref().map(|x| x.iso.as_str()),
        modified: d.modified.as_ref().map(|x| x.iso.as_str()),
        site: d.site.as_deref(),
        lang: d.details.lang.as_deref(),
        url: d.details.url.as_deref(),
        description: d.details.description.as_deref(),
        passages: d
            .passages
            .iter()
            .map(|p| PassageLine {
                id: &p.id,
                section: d
                    .sections
                    .get(p.section as usize)
                    .and_then(|s| s.heading.as_deref()),
                kind: p.kind.id(),
                text: &p.text,
            })
            .collect(),
        removed: d
            .removed
            .iter()
            .map(|r| RemovedLine {
                kind: r.kind.id(),
                reason: r.kind.label(),
                text: &r.text,
            })
            .collect(),
    }
}
