//! Fuzz target `import`: runs `parallax_fuzz::import` (fuzz/entries.rs) on each input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| parallax_fuzz::import(data));
