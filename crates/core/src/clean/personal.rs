//! Personal data in removed text: what counts as personal data (e-mail addresses, phone numbers, postal codes, social links and handles, personal fields of profile cards) and how it is withheld before the removed text is kept.

use super::bullet_key_value;

/// Withholds personal data in removed text, line by line: the values of personal fields (name,
/// contact, employer, job, bio, follower counts…), and email addresses, links and handles
/// anywhere. The audit trail shows what kind of block was removed without republishing someone's
/// address; the offsets still point at the original for anyone who must check it.
pub fn redact(text: &str) -> String {
    redact_fields(text, false)
}

/// `redact` for a profile card or its social box: the value of every field is withheld,
/// whatever its name, and only the field names and the lines without a value stay.
pub fn redact_card(text: &str) -> String {
    redact_fields(text, true)
}

fn redact_fields(text: &str, every_field: bool) -> String {
    const WITHHELD: &str = "[withheld]";
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.trim();
        if let Some(kept) = every_field
            .then(|| super::withhold_account(line, WITHHELD))
            .flatten()
        {
            out.push_str(&kept);
            continue;
        }
        if let Some((key, _)) = bullet_key_value(line) {
            if every_field || is_personal_key(&key) {
                let (head, _) = line.split_once(':').unwrap_or((line, ""));
                out.push_str(head.trim_end());
                out.push_str(" : ");
                out.push_str(WITHHELD);
                continue;
            }
        }
        // An address has a `/` or a `.`: only such a word is lowercased to look for one.
        let web = |w: &str| {
            w.contains(['/', '.']) && {
                let lower = w.to_lowercase();
                lower.contains("http://") || lower.contains("https://") || lower.starts_with("www.")
            }
        };
        let mut joined = String::with_capacity(line.len());
        for (i, w) in line.split(' ').enumerate() {
            if i > 0 {
                joined.push(' ');
            }
            let bare = bare_word(w);
            let withheld = is_email(bare) || is_handle(bare) || web(w);
            joined.push_str(if withheld { WITHHELD } else { w });
        }
        if has_personal_data(&joined) {
            out.push_str("[line with personal data withheld]");
        } else {
            out.push_str(&joined);
        }
    }
    out
}

pub(super) fn is_personal_key(key: &str) -> bool {
    const KEYS: &[&str] = &[
        "name",
        "username",
        "user name",
        "email",
        "e-mail",
        "mail",
        "birthdate",
        "birthday",
        "date of birth",
        "born",
        "address",
        "phone",
        "telephone",
        "mobile",
        "tel",
        "company",
        "job",
        "occupation",
        "bio",
        "website",
        "url",
        "followers",
        "following",
    ];
    KEYS.contains(&key)
}

/// Email addresses, phone numbers, postal codes with a state, social-media links or handles.
pub fn has_personal_data(t: &str) -> bool {
    const SOCIAL: &[&str] = &[
        "instagram.com",
        "facebook.com",
        "tiktok.com",
        "twitter.com",
        "x.com/",
        "linkedin.com",
        "youtube.com",
        "pinterest.com",
        "t.me/",
        "threads.net",
        "snapchat.com",
    ];
    let lower = t.to_lowercase();
    // A picture a post links to (`pic.twitter.com/…`) is no one's profile.
    let profile = |s: &str| {
        lower
            .match_indices(s)
            .any(|(at, _)| !lower[..at].ends_with("pic."))
    };
    if SOCIAL.iter().any(|s| profile(s)) {
        return true;
    }
    t.split_whitespace().any(|w| {
        let w = bare_word(w);
        is_email(w) || is_handle(w)
    }) || has_phone_number(t)
        || has_state_zip(t)
}

/// A word without the punctuation around it nor a possessive ending: "(@crew_x's)" → "@crew_x".
fn bare_word(w: &str) -> &str {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '@');
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

pub(super) fn is_email(w: &str) -> bool {
    let Some((local, domain)) = w.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

pub(super) fn is_handle(w: &str) -> bool {
    w.len() >= 3
        && w.starts_with('@')
        && w[1..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// Ten or more digits in one run of digits, spaces, dots, dashes and parentheses, with at
/// least two separators: the shape of a phone number, not of a year or an amount.
fn has_phone_number(t: &str) -> bool {
    let mut digits = 0;
    let mut seps = 0;
    for c in t.chars().chain(std::iter::once('x')) {
        if c.is_ascii_digit() {
            digits += 1;
        } else if matches!(c, '-' | '.' | '(' | ')' | ' ' | '+')
            && (digits > 0 || c == '(' || c == '+')
        {
            seps += 1;
        } else {
            if digits >= 10 && seps >= 2 {
                return true;
            }
            digits = 0;
            seps = 0;
        }
    }
    false
}

/// A US state code followed by a five-digit ZIP code, as in postal addresses.
fn has_state_zip(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let mut state = words.next().unwrap_or("");
    words.any(|next| {
        let state = std::mem::replace(&mut state, next).trim_end_matches(',');
        // "IL 62704," or "IL 62704." in a sentence: the ZIP without the punctuation after it.
        let zip = next
            .trim_end_matches(|c: char| !c.is_ascii_alphanumeric())
            .split('-')
            .next()
            .unwrap_or("");
        state.len() == 2
            && state.chars().all(|c| c.is_ascii_uppercase())
            && zip.len() == 5
            && zip.chars().all(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An address needs something before the `@`, a dot in its domain but not at either end,
    /// and only letters, digits, dots and dashes after the `@`.
    #[test]
    fn an_email_address_is_told_from_other_words_with_an_at() {
        for w in ["desk@example.org", "a.b-c@news.example.co.uk", "x@y.z"] {
            assert!(is_email(w), "{w}");
        }
        for w in [
            "@example.org",
            "desk@example",
            "desk@.example.org",
            "desk@example.org.",
            "desk@exa_mple.org",
            "desk@exa mple.org",
            "@",
            "a@b",
        ] {
            assert!(!is_email(w), "{w}");
        }
    }

    /// Only fields that name a person or a way to reach one are withheld outside a card; words
    /// with an `@` that are neither an address nor a handle stay.
    #[test]
    fn redact_keeps_fields_and_words_that_are_not_personal() {
        let text = "- Category: Politics\n• Published: 2024\n- Email: desk@example.org\nMeet @ 5pm, a@b and x@y.\nWrite to desk@example.org.";
        assert_eq!(
            redact(text),
            "- Category: Politics\n• Published: 2024\n- Email : [withheld]\nMeet @ 5pm, a@b and x@y.\nWrite to [withheld]"
        );
        for key in ["category", "published", "tags", "share"] {
            assert!(!is_personal_key(key), "{key}");
        }
        for key in ["name", "email", "phone", "address"] {
            assert!(is_personal_key(key), "{key}");
        }
    }

    /// Ten digits or more with two separators or more; a separator counts before the first digit
    /// only when it opens the number (`(` or `+`).
    #[test]
    fn a_phone_number_is_ten_digits_with_separators_that_belong_to_it() {
        for t in [
            "Call 555-123-4567 today",
            "Call (555)1234567 today",
            "+1 5551234567",
            "(555) 123 4567",
        ] {
            assert!(has_phone_number(t), "{t}");
        }
        for t in [
            "Order no. 1234567890 shipped",
            "In 2024 and 2025 it grew 12.5 %",
            "555-1234",
        ] {
            assert!(!has_phone_number(t), "{t}");
        }
    }

    /// A handle is `@` and at least two letters, digits, `_` or `.`.
    #[test]
    fn a_handle_is_at_and_a_name_of_its_characters() {
        for w in ["@quayrail_news", "@quay.rail", "@ab"] {
            assert!(is_handle(w), "{w}");
        }
        for w in ["@a", "@quay-rail", "@quay rail", "quayrail", "@é.x"] {
            assert!(!is_handle(w), "{w}");
        }
    }
}
