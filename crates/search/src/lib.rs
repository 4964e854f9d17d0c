//! Parallax's text engine, the hot path of every analysis: tokens with folding and stems
//! (`text`), and the inverted index with its query language and highlights (`search`).
//!
//! A crate of its own so that the release profile can build it for speed (opt-level 3) while
//! the rest of the app is built for size; `parallax-core` re-exports both modules, so the rest
//! of the code names them `parallax_core::text` and `parallax_core::search`.
#![allow(clippy::disallowed_methods)] // The text engine's sorts are hot (clippy.toml).

pub mod search;
pub mod text;
