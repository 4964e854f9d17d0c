//! A file prepared away from the page (`prepare_file`, run by the app's Web Worker) and its
//! outcome as bytes (postcard) for the page to take back.

use super::{extract_with, prepare, Decoder, ImportError, Prepared};

/// The outcome of preparing a file, as the worker sends it and the page reads it.
pub type Outcome = Result<Prepared, ImportError>;

/// Reads and cleans the file `name` into document `id` for a library of `build`
/// (`extract_with`, `prepare`, `Prepared::new`): all of an import that needs no library.
pub fn prepare_file(
    name: &str,
    bytes: &[u8],
    decoder: &dyn Decoder,
    id: &str,
    build: &str,
) -> Outcome {
    Ok(Prepared::new(
        prepare(extract_with(name, bytes, decoder)?, id)?,
        build,
    ))
}

/// The outcome as bytes.
pub fn encode(outcome: &Outcome) -> Vec<u8> {
    postcard::to_allocvec(outcome).expect("postcard encoding into a Vec is infallible")
}

/// The outcome `encode` wrote (the worker runs the page's own program); `None` for bytes it did
/// not write.
pub fn decode(bytes: &[u8]) -> Option<Outcome> {
    postcard::from_bytes(bytes).ok()
}
