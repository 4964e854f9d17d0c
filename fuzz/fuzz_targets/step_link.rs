//! Fuzz target `step_link`: runs `parallax_fuzz::step_link` (fuzz/entries.rs) on each input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| parallax_fuzz::step_link(data));
