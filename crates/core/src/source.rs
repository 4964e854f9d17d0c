//! Reading a corpus folder (stub, being written): the manifest and its raw files → a `Corpus`.
use crate::model::Corpus;
use crate::pipeline::{process_document, SourceMeta};
use std::path::Path;

#[derive(Debug)]
pub struct BuildError(pub String);
impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(&self.0) }
}
impl std::error::Error for BuildError {}

/// Loads `dir/corpus.toml` and every file it names.
pub fn load_dir(dir: &Path) -> Result<Corpus, BuildError> {
    let mut documents = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(dir).map_err(|e| BuildError(e.to_string()))?
        .filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt")).collect();
    names.sort();
    for n in names {
        let raw = std::fs::read_to_string(dir.join(&n)).map_err(|e| BuildError(e.to_string()))?;
        let meta = SourceMeta { id: n[..3].to_owned(), file: n.clone(), ..Default::default() };
        documents.push(process_document(&meta, &raw));
    }
    Ok(Corpus { name: "iran-russia".into(), title: "Iran–Russia".into(), documents })
}
