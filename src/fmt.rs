//! Trivial English formatting of counts for the views ("1 block", "12 words"); no other logic.

/// `n` followed by the singular or plural noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
