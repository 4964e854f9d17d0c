//! The one way every store of the reader's starts (`store::load`) and sets data aside, on the
//! in-memory storage: nothing unreadable is ever overwritten, a newer format is left in place,
//! and a full or blocked storage says so.

use parallax_core::store::{self, Loaded, Memory, Storage, StorageError};

const KEY: &str = "parallax-things";
const ASIDE: &str = "parallax-things-unreadable";

/// A reader of version 1 of a made-up format: "v1:<text>"; "v2:…" is newer; anything else is
/// damaged.
fn read(raw: &str) -> Result<String, String> {
    if let Some(text) = raw.strip_prefix("v1:") {
        Ok(text.to_owned())
    } else if raw.starts_with("v2:") {
        Err("written by a newer version".into())
    } else {
        Err("not a format this version knows".into())
    }
}

fn load(s: &Memory) -> Loaded<String> {
    store::load(s, KEY, ASIDE, read, |e: &String| e.contains("newer"))
}

#[test]
fn nothing_stored_is_empty_and_a_readable_value_is_read_with_its_text() {
    let s = Memory::default();
    assert_eq!(load(&s), Loaded::Empty);
    s.set(KEY, "v1:hello").unwrap();
    assert_eq!(load(&s), Loaded::Read("hello".into(), "v1:hello".into()));
    assert_eq!(s.get(KEY).unwrap().as_deref(), Some("v1:hello"));
}

#[test]
fn a_newer_format_is_left_in_place_and_nothing_is_set_aside() {
    let s = Memory::default();
    s.set(KEY, "v2:later").unwrap();
    assert_eq!(load(&s), Loaded::Newer("written by a newer version".into()));
    assert_eq!(s.get(KEY).unwrap().as_deref(), Some("v2:later"));
    assert_eq!(s.keys(), vec![KEY.to_owned()]);
}

#[test]
fn unreadable_data_is_set_aside_under_a_new_key_each_time_then_the_key_is_emptied() {
    let s = Memory::default();
    let mut kept = Vec::new();
    for damaged in ["garbage one", "garbage two", "garbage three"] {
        s.set(KEY, damaged).unwrap();
        match load(&s) {
            Loaded::Unreadable {
                why,
                raw,
                kept: Ok(key),
            } => {
                assert_eq!(why, "not a format this version knows");
                assert_eq!(raw, damaged);
                assert!(key.starts_with(&format!("{ASIDE}-")), "{key}");
                kept.push(key);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(s.get(KEY).unwrap(), None, "the key is emptied for new data");
    }
    // Every damaged text is still there, each under its own key, listed oldest first.
    assert_eq!(store::set_aside_keys(&s, ASIDE), kept);
    let texts: Vec<String> = kept.iter().map(|k| s.get(k).unwrap().unwrap()).collect();
    assert_eq!(texts, ["garbage one", "garbage two", "garbage three"]);
}

#[test]
fn unreadable_data_that_cannot_be_set_aside_is_left_where_it_is() {
    // Room for the damaged text once, not twice.
    let damaged = "x".repeat(100);
    let s = Memory::with_quota(KEY.len() + damaged.len() + 10);
    s.set(KEY, &damaged).unwrap();
    match load(&s) {
        Loaded::Unreadable {
            kept: Err(e), raw, ..
        } => {
            assert_eq!(e, StorageError::Full);
            assert_eq!(raw, damaged);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        s.get(KEY).unwrap(),
        Some(damaged),
        "left in place, not lost"
    );
    assert!(store::set_aside_keys(&s, ASIDE).is_empty());
}

#[test]
fn a_blocked_storage_is_unavailable_and_lists_nothing() {
    let s = Memory::blocked();
    assert_eq!(load(&s), Loaded::Unavailable(StorageError::Blocked));
    assert_eq!(s.set(KEY, "v1:x"), Err(StorageError::Blocked));
    assert_eq!(store::set_aside(&s, ASIDE, "x"), Err(StorageError::Blocked));
    assert!(s.keys().is_empty());
    assert_eq!(
        StorageError::Blocked.to_string(),
        "this browser does not let the page store anything (storage is blocked)"
    );
}

#[test]
fn set_aside_keys_are_the_prefix_and_its_dashed_keys_only_oldest_first() {
    let s = Memory::default();
    // An earlier version kept one under the bare prefix.
    s.set(ASIDE, "old").unwrap();
    let a = store::set_aside(&s, ASIDE, "a").unwrap();
    let b = store::set_aside(&s, ASIDE, "b").unwrap();
    s.set(&format!("{ASIDE}2"), "another prefix").unwrap();
    s.set(KEY, "v1:the store itself").unwrap();
    assert_eq!(
        store::set_aside_keys(&s, ASIDE),
        vec![ASIDE.to_owned(), a, b]
    );
}

#[test]
fn the_quota_counts_keys_and_values_and_a_write_in_place_replaces_its_own_size() {
    let s = Memory::with_quota(20);
    s.set("k", &"v".repeat(19)).unwrap();
    // Replacing the value counts only the new one.
    s.set("k", &"w".repeat(19)).unwrap();
    assert_eq!(s.set("k2", "x"), Err(StorageError::Full));
    s.remove("k").unwrap();
    s.set("k2", "x").unwrap();
}
