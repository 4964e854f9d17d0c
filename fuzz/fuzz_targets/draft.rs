//! Fuzz target `draft`: runs `parallax_fuzz::draft` (fuzz/entries.rs) on each input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| parallax_fuzz::draft(data));
