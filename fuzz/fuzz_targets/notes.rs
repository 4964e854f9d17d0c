//! Fuzz target `notes`: runs `parallax_fuzz::notes` (fuzz/entries.rs) on each input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| parallax_fuzz::notes(data));
