//! Parallax core: the pure logic of the app (corpus model, cleaning, segmentation, languages,
//! bundle format, tagging, search, facets, reuse, facts, signals, comparison, the story overview,
//! URL state, export, citations, Web Annotations).
//! No web dependency and no IO, except `source::load_dir` behind the `build` feature, which the
//! CLI and the app's build script share.

pub mod align;
pub mod analysis;
pub mod annotation;
pub mod bundle;
pub mod cite;
pub mod clean;
pub mod collection;
pub mod compare;
pub mod draft;
pub mod export;
pub mod facts;
pub mod found;
pub mod front;
pub mod handout;
pub mod import;
pub mod lang;
pub mod layout;
pub mod library;
pub mod markers;
pub mod model;
pub mod names;
pub mod negation;
pub mod notes;
pub mod overview;
pub mod pipeline;
pub mod probe;
pub mod qr;
pub mod reuse;
pub mod segment;
pub mod signals;
pub mod sort;
#[cfg(feature = "build")]
pub mod source;
pub mod state;
pub mod store;
pub mod strings;
pub mod tag;

/// The text engine lives in `parallax-search` (built for speed); named here as the core's own.
pub use parallax_search::{search, text};

pub use bundle::{decode, decode_embedded, encode, Bundle, BundleError};
pub use model::*;
pub use pipeline::{process_document, SourceMeta};
