//! The `parallax` command (stub, being written).
fn main() {}
