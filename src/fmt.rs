//! File sizes as the views show them ("4.2 MB"); counts in words are the core's
//! (`strings::count`).

/// A size in bytes as the reader reads it: bytes, kB or MB (decimal, as file managers show).
pub fn size(bytes: f64) -> String {
    if bytes < 1_000.0 {
        format!("{bytes} bytes")
    } else if bytes < 1_000_000.0 {
        format!("{:.0} kB", bytes / 1_000.0)
    } else {
        format!("{:.1} MB", bytes / 1_000_000.0)
    }
}
