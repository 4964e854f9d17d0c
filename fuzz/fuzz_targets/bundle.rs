//! Fuzz target `bundle`: runs `parallax_fuzz::bundle` (fuzz/entries.rs) on each input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| parallax_fuzz::bundle(data));
