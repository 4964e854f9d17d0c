//! File names of exports that say what they hold (`parallax-explore-sanctions-2026-12-05.csv`), made safe for every system: letters and digits only between dashes, no reserved character or name, bounded length.

use crate::text::fold;

/// Most bytes of the words between `parallax-` and the date: with them and the extension a
/// name stays under 100 bytes, far below every system's limit of 255.
pub const MAX_NAME_WORDS: usize = 64;

/// `parallax-<parts>-<date>.<ext>`: each part lowercased and its accents removed, every run of
/// characters that are not letters or digits made one `-` (slashes, reserved characters such
/// as `< > : " \ | ? *`, spaces, dots, control characters: none reach the name), empty parts
/// left out, the parts cut at `MAX_NAME_WORDS` bytes (at the end of a word when one ends in
/// the second half, else on a character boundary). The name always
/// starts with `parallax-`, so it is never a reserved device name (`CON`, `NUL`…) nor hidden,
/// and it ends with the extension, never with a dot or a space. Linear time.
pub fn file_name(parts: &[&str], date: &str, ext: &str) -> String {
    let mut words = String::new();
    for part in parts {
        if words.len() >= MAX_NAME_WORDS {
            break;
        }
        let slug = slug(part);
        if slug.is_empty() {
            continue;
        }
        if !words.is_empty() {
            words.push('-');
        }
        words.push_str(&slug);
    }
    if words.len() > MAX_NAME_WORDS {
        let mut end = MAX_NAME_WORDS;
        while !words.is_char_boundary(end) {
            end -= 1;
        }
        // At the end of a word when one ends in the second half.
        if !words[end..].starts_with('-') {
            if let Some(dash) = words[..end].rfind('-').filter(|&d| d >= MAX_NAME_WORDS / 2) {
                end = dash;
            }
        }
        words.truncate(end);
        words.truncate(words.trim_end_matches('-').len());
    }
    let date: String = date
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .take(10)
        .collect();
    let date = date.trim_matches('-');
    let ext = slug(ext);
    let mut name = String::from("parallax");
    for piece in [words.as_str(), date] {
        if !piece.is_empty() {
            name.push('-');
            name.push_str(piece);
        }
    }
    if !ext.is_empty() {
        name.push('.');
        name.push_str(&ext);
    }
    name
}

/// Letters and digits of `s`, folded, runs of anything else one `-`, no `-` at either end. Only
/// the first `MAX_NAME_WORDS` bytes of `s` are read (more would be cut anyway).
fn slug(s: &str) -> String {
    let mut end = s.len().min(4 * MAX_NAME_WORDS);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = String::new();
    let mut dash = false;
    for c in fold(&s[..end]).chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_what_they_hold() {
        assert_eq!(
            file_name(&["explore", "sanctions"], "2026-12-05", "csv"),
            "parallax-explore-sanctions-2026-12-05.csv"
        );
        assert_eq!(
            file_name(
                &["compare", "002", "004", "trade", "summary"],
                "2026-12-05",
                "md"
            ),
            "parallax-compare-002-004-trade-summary-2026-12-05.md"
        );
        // A query's operators, quotes and stars leave its words.
        assert_eq!(
            file_name(
                &["explore", "\"payment systems\" sanction* -Israël"],
                "2026-12-05",
                "txt"
            ),
            "parallax-explore-payment-systems-sanction-israel-2026-12-05.txt"
        );
        // Empty parts and a missing date are left out.
        assert_eq!(
            file_name(&["map", "", "  "], "", "json"),
            "parallax-map.json"
        );
    }

    #[test]
    fn names_are_safe_on_every_system() {
        let hostile = "../../etc/passwd <CON> a:b \"c\" d\\e|f?g*h \u{0}\u{202e}gpj.exe . ";
        let name = file_name(&["explore", hostile], "2026-12-05/../x", "csv");
        assert_eq!(
            name,
            "parallax-explore-etc-passwd-con-a-b-c-d-e-f-g-h-gpj-exe-2026-12-05.csv"
        );
        for c in [
            '/', '\\', '<', '>', ':', '"', '|', '?', '*', ' ', '\u{0}', '\u{202e}',
        ] {
            assert!(!name.contains(c), "{c:?} in {name}");
        }
        // Letters of any script are kept, lowercased.
        assert_eq!(
            file_name(&["explore", "Санкции ИРАН"], "2026-12-05", "csv"),
            "parallax-explore-санкции-иран-2026-12-05.csv"
        );
    }

    #[test]
    fn names_are_bounded_and_cut_on_a_character() {
        let long = "é".repeat(1000);
        let name = file_name(&["explore", &long, "002"], "2026-12-05", "csv");
        assert_eq!(
            name,
            format!(
                "parallax-explore-{}-2026-12-05.csv",
                "e".repeat(MAX_NAME_WORDS - 8)
            )
        );
        // Three-byte letters: the cut falls on a boundary, and no dash is left before the date.
        let name = file_name(&["a", &"日".repeat(100)], "2026-12-05", "csv");
        let words = name
            .strip_prefix("parallax-")
            .unwrap()
            .strip_suffix("-2026-12-05.csv")
            .unwrap();
        assert_eq!(words, format!("a-{}", "日".repeat(20)));
        assert!(words.len() <= MAX_NAME_WORDS);
        // A cut in the second half falls at the end of a word.
        let title = "Unpacking The Iran-Russia Alliance: A New Global Dynamic";
        assert_eq!(
            file_name(&["source", "002", title], "2026-12-05", "csv"),
            "parallax-source-002-unpacking-the-iran-russia-alliance-a-new-global-2026-12-05.csv"
        );
        let name = file_name(
            &["x".repeat(MAX_NAME_WORDS - 1).as_str(), "yy"],
            "2026-12-05",
            "csv",
        );
        assert_eq!(
            name,
            format!("parallax-{}-2026-12-05.csv", "x".repeat(MAX_NAME_WORDS - 1))
        );
    }
}
