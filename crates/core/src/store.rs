//! Keeping what the reader makes (notes, own documents, the lesson draft) in a key-value storage
//! such as the browser's local storage (`Storage`, which the app implements): every read and
//! write says why it failed instead of panicking; the one way every store starts (`load`: a
//! newer format left in place, unreadable data set aside under a new key before the key is
//! emptied, never overwritten); and `Memory`, a storage in memory with a quota, for tests.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;

/// Why the storage could not be used.
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

impl std::error::Error for StorageError {}

/// A key-value storage of text.
pub trait Storage {
    /// The value stored under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Stores `value` under `key`.
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    /// Removes what is stored under `key`.
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    /// Every key stored (none when the storage cannot be read).
    fn keys(&self) -> Vec<String>;
    /// Text that no earlier call returned, and that sorts after it: a time and a random number.
    fn stamp(&self) -> String;
}

/// Keeps `value` aside under a key of its own, `prefix`, `-` and a stamp: stored data that could
/// not be read is never overwritten, not even by the next unreadable one. Returns the key.
pub fn set_aside(s: &impl Storage, prefix: &str, value: &str) -> Result<String, StorageError> {
    let key = format!("{prefix}-{}", s.stamp());
    s.set(&key, value)?;
    Ok(key)
}

/// Every key set aside under `prefix` (by `set_aside`, or under `prefix` itself by an earlier
/// version), oldest first.
pub fn set_aside_keys(s: &impl Storage, prefix: &str) -> Vec<String> {
    let mut keys: Vec<String> = s
        .keys()
        .into_iter()
        .filter(|k| k == prefix || k.strip_prefix(prefix).is_some_and(|r| r.starts_with('-')))
        .collect();
    // The stamp follows the prefix, so the keys sort by it (an earlier version's bare key first).
    crate::sort::sort(&mut keys);
    keys
}

/// What a key held at start, read by a versioned reader (`load`).
#[derive(Debug, PartialEq)]
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
    /// The storage could not be read at all.
    Unavailable(StorageError),
}

/// Reads `key` with `read`, the one way every store of the reader's starts: data of a newer
/// format (`newer` says which errors mean that) is left in place; data that cannot be read is
/// set aside under a new key starting with `aside` before the key is emptied, so that it is
/// never overwritten.
pub fn load<T, E: fmt::Display>(
    s: &impl Storage,
    key: &str,
    aside: &str,
    read: impl FnOnce(&str) -> Result<T, E>,
    newer: impl FnOnce(&E) -> bool,
) -> Loaded<T> {
    let raw = match s.get(key) {
        Err(e) => return Loaded::Unavailable(e),
        Ok(None) => return Loaded::Empty,
        Ok(Some(raw)) => raw,
    };
    match read(&raw) {
        Ok(value) => Loaded::Read(value, raw),
        Err(e) if newer(&e) => Loaded::Newer(e.to_string()),
        Err(e) => {
            let kept = set_aside(s, aside, &raw).and_then(|k| s.remove(key).map(|()| k));
            Loaded::Unreadable {
                why: e.to_string(),
                raw,
                kept,
            }
        }
    }
}

/// A storage in memory, shared by whoever holds it as tabs of one browser share theirs: as
/// large as `quota` bytes of keys and values at most (a write past it fails as `Full`), or
/// blocked (every call fails as `Blocked`).
#[derive(Debug, Default)]
pub struct Memory {
    items: RefCell<BTreeMap<String, String>>,
    quota: Option<usize>,
    blocked: bool,
    stamps: Cell<u64>,
}

impl Memory {
    /// An empty storage that holds at most `quota` bytes.
    pub fn with_quota(quota: usize) -> Memory {
        Memory {
            quota: Some(quota),
            ..Memory::default()
        }
    }

    /// A storage that refuses every call.
    pub fn blocked() -> Memory {
        Memory {
            blocked: true,
            ..Memory::default()
        }
    }

    fn check(&self) -> Result<(), StorageError> {
        if self.blocked {
            Err(StorageError::Blocked)
        } else {
            Ok(())
        }
    }
}

impl Storage for Memory {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.check()?;
        Ok(self.items.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.check()?;
        let mut items = self.items.borrow_mut();
        if let Some(quota) = self.quota {
            let others: usize = items
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if others + key.len() + value.len() > quota {
                return Err(StorageError::Full);
            }
        }
        items.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.check()?;
        self.items.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Vec<String> {
        if self.blocked {
            return Vec::new();
        }
        self.items.borrow().keys().cloned().collect()
    }

    fn stamp(&self) -> String {
        let n = self.stamps.get() + 1;
        self.stamps.set(n);
        format!("{n:016}")
    }
}
