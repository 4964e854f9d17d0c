//! The browser's local storage, for what the reader makes (notes, imported documents, the lesson draft): every
//! read and write says why it failed (storage blocked, full, or another refusal) instead of
//! panicking, so that callers keep their data in memory and offer to export it.

use std::fmt;

use wasm_bindgen::{JsCast, JsValue};

/// Why local storage could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// No storage: blocked by the browser's settings, a private window, or a `file://` page
    /// where the browser gives none.
    Blocked,
    /// The write would exceed the space the browser allows this site.
    Full,
    /// Another refusal, with the browser's words.
    Other(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Blocked => write!(
                f,
                "this browser does not let the page store anything (storage is blocked)"
            ),
            StorageError::Full => write!(f, "the browser's storage for this page is full"),
            StorageError::Other(why) => write!(f, "the browser refused to store it ({why})"),
        }
    }
}

fn storage() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or(StorageError::Blocked)?;
    // A SecurityError (blocked) comes as Err; no storage at all as Ok(None).
    window
        .local_storage()
        .ok()
        .flatten()
        .ok_or(StorageError::Blocked)
}

fn error_of(e: JsValue) -> StorageError {
    let name = e
        .dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .unwrap_or_default();
    match name.as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::Full,
        "SecurityError" => StorageError::Blocked,
        _ => StorageError::Other(if name.is_empty() {
            "unknown error".into()
        } else {
            name
        }),
    }
}

/// The value stored under `key`, if any.
pub fn get(key: &str) -> Result<Option<String>, StorageError> {
    storage()?.get_item(key).map_err(error_of)
}

/// Stores `value` under `key`.
pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
    storage()?.set_item(key, value).map_err(error_of)
}

/// Removes what is stored under `key`.
pub fn remove(key: &str) -> Result<(), StorageError> {
    storage()?.remove_item(key).map_err(error_of)
}

/// Keeps `value` aside under a key of its own, `prefix` and a time and a random number: stored
/// data that could not be read is never overwritten, not even by the next unreadable one.
/// Returns the key.
pub fn set_aside(prefix: &str, value: &str) -> Result<String, StorageError> {
    let key = format!(
        "{prefix}-{}-{:08x}",
        crate::dom::now_ms(),
        crate::dom::random_u32()
    );
    set(&key, value)?;
    Ok(key)
}

/// Every key set aside under `prefix` (by `set_aside`, or under `prefix` itself by an earlier
/// version), oldest first.
pub fn set_aside_keys(prefix: &str) -> Vec<String> {
    let Ok(s) = storage() else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    let mut keys: Vec<String> = (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k == prefix || k.strip_prefix(prefix).is_some_and(|r| r.starts_with('-')))
        .collect();
    // The time follows the prefix, so the keys sort by it (an earlier version's bare key first).
    parallax_core::sort::sort(&mut keys);
    keys
}

/// What a key held at start, read by a versioned reader (`load`).
pub enum Loaded<T> {
    /// Nothing stored yet.
    Empty,
    /// Read: the value and the text it was read from.
    Read(T, String),
    /// Stored by a newer version (the reader's words): left where it is, and nothing may be
    /// written over it.
    Newer(String),
    /// Could not be read (the reader's words, and the text). `kept`: the key it was copied under
    /// (`set_aside`), after which the key was emptied for new data; or why it could not be, and
    /// then it is left where it is and nothing may be written over it.
    Unreadable {
        why: String,
        raw: String,
        kept: Result<String, StorageError>,
    },
    /// Storage could not be read at all.
    Unavailable(StorageError),
}

/// Reads `key` with `read`, the one way every store of the reader's starts: data of a newer
/// format (`newer` says which errors mean that) is left in place; data that cannot be read is
/// set aside under a new key starting with `aside` before the key is emptied, so that it is
/// never overwritten.
pub fn load<T, E: fmt::Display>(
    key: &str,
    aside: &str,
    read: impl FnOnce(&str) -> Result<T, E>,
    newer: impl FnOnce(&E) -> bool,
) -> Loaded<T> {
    let raw = match get(key) {
        Err(e) => return Loaded::Unavailable(e),
        Ok(None) => return Loaded::Empty,
        Ok(Some(raw)) => raw,
    };
    match read(&raw) {
        Ok(value) => Loaded::Read(value, raw),
        Err(e) if newer(&e) => Loaded::Newer(e.to_string()),
        Err(e) => {
            let kept = set_aside(aside, &raw).and_then(|k| remove(key).map(|()| k));
            Loaded::Unreadable {
                why: e.to_string(),
                raw,
                kept,
            }
        }
    }
}
