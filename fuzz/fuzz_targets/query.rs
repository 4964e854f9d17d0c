//! Fuzz target `query`: runs `parallax_fuzz::query` (fuzz/entries.rs) on each input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| parallax_fuzz::query(data));
