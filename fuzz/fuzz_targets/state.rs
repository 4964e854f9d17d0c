//! Fuzz target `state`: runs `parallax_fuzz::state` (fuzz/entries.rs) on each input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| parallax_fuzz::state(data));
