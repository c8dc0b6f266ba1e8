//! Fuzz target for the figure grammar: any bytes, read as text, must scan without a
//! panic into candidates whose spans index the text and whose intervals are ordered.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::check_figures(data));
