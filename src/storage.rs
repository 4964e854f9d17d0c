//! The browser's local storage as the core's `store::Storage`, for what the reader makes
//! (notes, imported documents, the lesson draft): every read and write says why it failed
//! (storage blocked, full, or another refusal) instead of panicking, so that callers keep their
//! data in memory and offer to export it. The functions here are the core's `store` on it.

use parallax_core::store::{self, Storage};
pub use parallax_core::store::{Loaded, StorageError};
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};

/// The page's local storage.
pub struct Local;

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

impl Storage for Local {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        storage()?.get_item(key).map_err(error_of)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        storage()?.set_item(key, value).map_err(error_of)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        storage()?.remove_item(key).map_err(error_of)
    }

    fn keys(&self) -> Vec<String> {
        let Ok(s) = storage() else {
            return Vec::new();
        };
        (0..s.length().unwrap_or(0))
            .filter_map(|i| s.key(i).ok().flatten())
            .collect()
    }

    fn stamp(&self) -> String {
        format!("{}-{:08x}", crate::dom::now_ms(), crate::dom::random_u32())
    }
}

/// The value stored under `key`, if any.
pub fn get(key: &str) -> Result<Option<String>, StorageError> {
    Local.get(key)
}

/// Stores `value` under `key`.
pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
    Local.set(key, value)
}

/// `store::set_aside_keys` in local storage.
pub fn set_aside_keys(prefix: &str) -> Vec<String> {
    store::set_aside_keys(&Local, prefix)
}

/// `store::load` from local storage.
pub fn load<T, E: fmt::Display>(
    key: &str,
    aside: &str,
    read: impl FnOnce(&str) -> Result<T, E>,
    newer: impl FnOnce(&E) -> bool,
) -> Loaded<T> {
    store::load(&Local, key, aside, read, newer)
}
