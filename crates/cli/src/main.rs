//! The `parallax` command: builds a corpus bundle from a corpus folder, prints a bundle as JSON,
//! and extracts files as the browser's import reads them (`extract`). A thin layer over
//! `parallax-core`; errors are reported with the file concerned, exit code 1.

mod extract;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use parallax_core::analysis::Analysis;
use parallax_core::tag::Lexicon;
use parallax_core::{bundle, reuse, source, Document};
use serde_json::{json, Value};
use std::io::{Read, Write};

/// The lexicon shipped with the default corpus, used by `parallax tag` without `--themes`.
const BUILTIN_THEMES: &str = include_str!("../../../corpus/iran-russia/themes.toml");
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "parallax",
    version,
    about = "Build and inspect Parallax corpus bundles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Clean and segment the sources of a corpus folder into a bundle.
    Build {
        /// Folder holding corpus.toml and the raw files it names.
        dir: PathBuf,
        /// Where to write the bundle.
        #[arg(long)]
        out: PathBuf,
    },
    /// Read files as the app's import does and print each as one line of JSON, in order: its
    /// details, passages and what cleaning removed; a file that cannot be read prints `"ok": false`
    /// and its error (the others are still read, and the exit status is 1).
    Extract {
        /// HTML (.html, .htm), Markdown (.md) or text (.txt) files.
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Tag text read from standard input with themes, printing each theme's evidence as JSON.
    Tag {
        /// A theme lexicon (TOML, `[[theme]]` tables); the built-in Iran–Russia lexicon otherwise.
        #[arg(long)]
        themes: Option<PathBuf>,
    },
    /// Search the passages of a bundle (AND by default, OR, -exclude, "phrases", prefix*).
    Search {
        bundle: PathBuf,
        /// The query; it may start with `-` (an exclusion), as in `'-Israel sanctions'`.
        #[arg(allow_hyphen_values = true)]
        query: String,
        /// Most results to print.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Keyword in context: every match of a term or phrase with its left and right context.
    Kwic {
        bundle: PathBuf,
        /// A term or phrase; it may start with `-`.
        #[arg(allow_hyphen_values = true)]
        term: String,
        /// Characters of context on each side.
        #[arg(long, default_value_t = 40)]
        width: usize,
    },
    /// Passages shared between sources (exact and near-exact), longest first.
    Reuse { bundle: PathBuf },
    /// Figures, dates and claims grouped by what they are about, with agreements and differences.
    Facts { bundle: PathBuf },
    /// The themes a bundle's analyses use, with their words: hand-made (the corpus's themes.toml)
    /// or found in its texts (when it ships none).
    Themes { bundle: PathBuf },
    /// Compare two or more sources theme by theme: passages, reuse between them, shared and disputed facts.
    Compare {
        bundle: PathBuf,
        /// Source ids, at least two.
        #[arg(required = true, num_args = 2..)]
        docs: Vec<String>,
    },
    /// Quality signals per source, each with the spans that raise it.
    Signals { bundle: PathBuf },
    /// The story overview: sources sharing wording, disagreements, how each source frames the
    /// story, what cleaning removed.
    Overview { bundle: PathBuf },
    /// Print what a bundle holds.
    Inspect {
        bundle: PathBuf,
        /// Print the whole bundle as JSON (otherwise a short summary).
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("parallax: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let done: Result<()> = match cli.command {
        Command::Build { dir, out } => {
            let corpus = source::load_dir(&dir)?;
            let bytes = bundle::encode(&corpus);
            write_atomically(&out, &bytes)?;
            let checksum = bundle::decode(&bytes)?.checksum;
            eprintln!(
                "parallax: wrote {} ({} documents, {} bytes, checksum {checksum})",
                out.display(),
                corpus.documents.len(),
                bytes.len()
            );
            Ok(())
        }
        Command::Extract { files } => {
            return extract::run(&files, &mut std::io::stdout().lock())
                .context("cannot write to standard output");
        }
        Command::Tag { themes } => {
            let (path, text) = match &themes {
                Some(p) => (
                    p.clone(),
                    std::fs::read_to_string(p)
                        .with_context(|| format!("{}: cannot read", p.display()))?,
                ),
                None => (
                    PathBuf::from("(built-in themes.toml)"),
                    BUILTIN_THEMES.to_owned(),
                ),
            };
            let lexicon = Lexicon::new(&source::parse_themes(&path, &text)?);
            let mut input = String::new();
            std::io::stdin()
                .read_to_string(&mut input)
                .context("standard input is not UTF-8 text")?;
            print_json(&json!({ "themes": lexicon.tag(&input) }))
        }
        Command::Search {
            bundle,
            query,
            limit,
        } => {
            let b = read_bundle(&bundle)?;
            let analysis = Analysis::new(&b.corpus, &[]);
            let q = analysis.index.parse(&query);
            let results: Vec<Value> = analysis
                .index
                .run(&q)
                .into_iter()
                .take(limit)
                .map(|hit| {
                    let doc = &b.corpus.documents[hit.unit.doc as usize];
                    let p = &doc.passages[hit.unit.passage as usize];
                    json!({
                        "doc": doc.id,
                        "passage": p.id,
                        "score": (hit.score * 1000.0).round() / 1000.0,
                        "text": p.text,
                        "segments": analysis.index.highlight(&p.text, &q),
                        "themes": analysis.info(hit.unit).map(|i| i.themes.iter().map(|t| t.id.as_str()).collect::<Vec<_>>()),
                    })
                })
                .collect();
            print_json(&json!({ "query": query, "results": results }))
        }
        Command::Kwic {
            bundle,
            term,
            width,
        } => {
            let b = read_bundle(&bundle)?;
            let analysis = Analysis::new(&b.corpus, &[]);
            print_json(&json!({ "term": term, "lines": analysis.kwic(&b.corpus, &term, width) }))
        }
        Command::Reuse { bundle } => {
            let b = read_bundle(&bundle)?;
            print_json(&json!({ "pairs": reuse::find(&b.corpus) }))
        }
        Command::Facts { bundle } => {
            let b = read_bundle(&bundle)?;
            print_json(
                &json!({ "groups": parallax_core::facts::facts(&b.corpus, &b.corpus.claims) }),
            )
        }
        Command::Themes { bundle } => {
            let b = read_bundle(&bundle)?;
            let themes: Vec<_> = b
                .corpus
                .themes
                .iter()
                .map(|t| {
                    let found = t.description == parallax_core::found::DESCRIPTION;
                    json!({
                        "id": t.id,
                        "label": t.label,
                        "terms": t.terms,
                        "from": if found { "found in the texts" } else { "themes.toml" },
                    })
                })
                .collect();
            print_json(&json!({ "themes": themes }))
        }
        Command::Compare { bundle, docs } => {
            let b = read_bundle(&bundle)?;
            let c = &b.corpus;
            let analysis = Analysis::new(c, &[]);
            let reuse = reuse::find(c);
            let facts = parallax_core::facts::facts(c, &c.claims);
            let ids: Vec<&str> = docs.iter().map(String::as_str).collect();
            let comparison = parallax_core::compare::compare(c, &analysis, &reuse, &facts, &ids)?;
            // What the app's summary shows besides the model: whether each row differs, and the
            // distinct places of shared wording over the themes any compared source speaks to.
            let shown = comparison.shown(None, false);
            let shared_places = parallax_core::compare::Comparison::shared_places(&shown).len();
            let mut v = serde_json::to_value(&comparison)?;
            if let Some(rows) = v["rows"].as_array_mut() {
                for (row, r) in rows.iter_mut().zip(&comparison.rows) {
                    row["differs"] = json!(r.differs());
                }
            }
            v["shared_places"] = json!(shared_places);
            // Passage by passage, theme or no theme.
            v["aligned"] = serde_json::to_value(parallax_core::align::align(c, &analysis, &ids))?;
            print_json(&v)
        }
        Command::Signals { bundle } => {
            let b = read_bundle(&bundle)?;
            print_json(&json!({ "documents": parallax_core::signals::signals(&b.corpus) }))
        }
        Command::Overview { bundle } => {
            let b = read_bundle(&bundle)?;
            let c = &b.corpus;
            let analysis = Analysis::new(c, &[]);
            let reuse = reuse::find(c);
            let facts = parallax_core::facts::facts(c, &c.claims);
            let overview = parallax_core::overview::overview(c, &analysis, &reuse, &facts);
            print_json(&serde_json::to_value(overview)?)
        }
        Command::Inspect { bundle: path, json } => {
            let bytes =
                std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?;
            let b = bundle::decode(&bytes).with_context(|| format!("{}", path.display()))?;
            let mut stdout = std::io::stdout().lock();
            if json {
                serde_json::to_writer_pretty(&mut stdout, &inspect_json(&b))?;
                writeln!(stdout)?;
            } else {
                writeln!(
                    stdout,
                    "{} ({}), format {}, checksum {}",
                    b.corpus.title, b.corpus.name, b.version, b.checksum
                )?;
                for d in &b.corpus.documents {
                    writeln!(
                        stdout,
                        "{}  {}  {} passages, {} words, {} removed blocks",
                        d.id,
                        d.title,
                        d.passages.len(),
                        d.word_count(),
                        d.removed.len()
                    )?;
                }
            }
            Ok(())
        }
    };
    done.map(|()| ExitCode::SUCCESS)
}

fn read_bundle(path: &Path) -> Result<bundle::Bundle> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    bundle::decode(&bytes).with_context(|| format!("{}", path.display()))
}

fn print_json(v: &Value) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, v)?;
    writeln!(stdout)?;
    Ok(())
}

/// Writes through a temporary file in the same folder and renames it, so that a failed or
/// interrupted build never leaves a partial bundle at `out`.
fn write_atomically(out: &Path, bytes: &[u8]) -> Result<()> {
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .with_context(|| format!("{}: not a file path", out.display()))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, out));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("{}: cannot write the bundle", out.display()))
}

fn inspect_json(b: &bundle::Bundle) -> Value {
    json!({
        "checksum": b.checksum,
        "version": b.version,
        "corpus": { "name": b.corpus.name, "title": b.corpus.title, "entities": b.corpus.entities },
        "documents": b.corpus.documents.iter().map(document_json).collect::<Vec<_>>(),
    })
}

fn document_json(d: &Document) -> Value {
    json!({
        "id": d.id,
        "file": d.file,
        "title": d.title,
        "site": d.site,
        "kind": d.kind,
        "byline": d.byline.as_ref().map(|b| &b.name),
        "byline_source": d.byline.as_ref().map(|b| b.source),
        "date": d.date.as_ref().map(|x| &x.iso),
        "date_text": d.date.as_ref().map(|x| &x.text),
        "words": d.word_count(),
        "removed_words": d.removed_word_count(),
        "sections": d.sections.iter().map(|s| json!({"id": s.id, "heading": s.heading, "start": s.start})).collect::<Vec<_>>(),
        "passages": d.passages.iter().map(|p| {
            let section = &d.sections[p.section as usize];
            json!({
                "id": p.id,
                "section": section.id,
                "heading": section.heading,
                "start": p.start,
                "end": p.end,
                "text": p.text,
                "sentences": p.sentences.iter().map(|s| json!({"start": s.start, "end": s.end, "lang": s.lang})).collect::<Vec<_>>(),
            })
        }).collect::<Vec<_>>(),
        "removed": d.removed.iter().map(|r| json!({
            "kind": r.kind,
            "reason": r.kind.label(),
            "text": r.text,
            "start": r.start,
            "end": r.end,
        })).collect::<Vec<_>>(),
    })
}
