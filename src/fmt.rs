//! Trivial English formatting of counts and sizes for the views ("1 block", "12 words",
//! "4.2 MB"); no other logic.

/// `n` followed by the singular or plural noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

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
