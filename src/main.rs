//! Mounts the Yew app (stub).
fn main() {}
