//! Short lines that are page furniture by what they say, in the languages pages are written in: a header over links to other articles ("Lesen Sie auch", "Want more?"), a picture's credit ("Foto: …"), a copyright notice, a call to subscribe.

use super::lower_words;
use crate::model::RemovalKind;

/// Most words of a header over links to other articles.
const HEADER_WORDS: usize = 6;
/// Most words of a picture's credit line, a copyright line or a call to subscribe.
const LINE_WORDS: usize = 15;
/// Most words of a line that says its rights are reserved (it often names the company).
const RIGHTS_WORDS: usize = 30;

/// Words that open a header over other articles ("Read also", "Lesen Sie auch", "Veja também"),
/// as whole words in this order anywhere in a short line.
const READ_ALSO: &[&[&str]] = &[
    &["read", "more"],
    &["read", "also"],
    &["see", "also"],
    &["want", "more"],
    &["more", "from"],
    &["more", "stories"],
    &["more", "articles"],
    &["further", "reading"],
    &["you", "may", "also", "like"],
    &["you", "might", "also", "like"],
    &["recommended", "for", "you"],
    &["lesen", "sie", "auch"],
    &["lies", "auch"],
    &["schon", "gelesen"],
    &["weiterlesen"],
    &["mehr", "zum", "thema"],
    &["auch", "interessant"],
    &["auch", "interessieren"],
    &["das", "könnte", "dich"],
    &["das", "könnte", "sie"],
    &["lust", "auf", "mehr"],
    &["weitere", "artikel"],
    &["weitere", "beiträge"],
    &["lire", "aussi"],
    &["voir", "aussi"],
    &["lee", "también"],
    &["te", "puede", "interesar"],
    &["leggi", "anche"],
    &["potrebbe", "interessarti"],
    &["veja", "também"],
    &["leia", "também"],
    &["czytaj", "także"],
    &["czytaj", "też"],
    &["zobacz", "także"],
    &["zobacz", "też"],
];

/// First words of a header over other articles ("Related", "Recommended").
const READ_ALSO_FIRST: &[&str] = &["related", "recommended", "weiterführende"];

/// First words of a picture's credit, followed by `:`, "by", "von", `/` or `©`: "Foto: dpa",
/// "Photograph by …", "Crédits photos : …".
const CREDIT: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "photography",
    "picture",
    "image",
    "images",
    "credit",
    "credits",
    "crédit",
    "crédits",
    "crédito",
    "foto",
    "fotos",
    "fotografía",
    "fotograf",
    "bild",
    "bilder",
    "zdjęcie",
];

/// A line that says its rights are reserved, in a page's language.
const RIGHTS: &[&str] = &[
    "all rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "derechos reservados",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "chroniony prawem",
    "copyrighted property",
];

/// Verbs that ask the reader to subscribe.
const SUBSCRIBE: &[&str] = &[
    "subscribe",
    "abonnieren",
    "abonniere",
    "abonnez",
    "suscríbete",
    "suscribete",
    "iscriviti",
    "inscreva",
    "subskrybuj",
];

/// Words that make a newsletter the site's own ("our newsletter", "unseren Newsletter").
const OWN: &[&str] = &[
    "our", "your", "unser", "unseren", "unserem", "dein", "deinen", "ihren", "notre", "votre",
    "nuestro", "nostro", "nostra", "nasz", "naszego",
];

/// What the line `t` (a paragraph or heading's text, without list or quote marks) is, when it is
/// page furniture by what it says alone.
pub(super) fn kind(t: &str) -> Option<RemovalKind> {
    // A paragraph of the story is longer than any of these: not split into words at all.
    if t.split_whitespace().nth(RIGHTS_WORDS).is_some() {
        return None;
    }
    let words = lower_words(t);
    let n = words.len();
    if n == 0 {
        return None;
    }
    let has = |seq: &[&str]| words.windows(seq.len()).any(|w| w == seq);
    if n <= HEADER_WORDS
        && (READ_ALSO.iter().any(|seq| has(seq)) || READ_ALSO_FIRST.contains(&words[0].as_str()))
    {
        return Some(RemovalKind::ExploreMore);
    }
    if n <= LINE_WORDS && is_credit(t, &words[0]) {
        return Some(RemovalKind::ImageCaption);
    }
    let lower = t.to_lowercase();
    if (n <= LINE_WORDS && (t.contains('©') || words[0] == "copyright"))
        || (n <= RIGHTS_WORDS && RIGHTS.iter().any(|r| lower.contains(r)))
    {
        return Some(RemovalKind::Footer);
    }
    let subscribe = words.iter().any(|w| SUBSCRIBE.contains(&w.as_str())) || has(&["sign", "up"]);
    let newsletter = words.iter().any(|w| w.starts_with("newsletter"))
        && words.iter().any(|w| OWN.contains(&w.as_str()));
    if n <= LINE_WORDS && (subscribe || newsletter) {
        return Some(RemovalKind::Newsletter);
    }
    None
}

/// Whether `t`, whose first word is `first`, opens as a picture's credit: a credit word (or
/// two: "Crédits photos"), then `:`, `/`, `©`, "by" or "von".
fn is_credit(t: &str, first: &str) -> bool {
    if !CREDIT.contains(&first) {
        return false;
    }
    let mut rest = after_word(t);
    if leading_word(rest).is_some_and(|w| CREDIT.contains(&w.as_str())) {
        rest = after_word(rest);
    }
    rest.starts_with([':', '/', '©']) || leading_word(rest).is_some_and(|w| w == "by" || w == "von")
}

/// What follows the first word of `t` (its letters and digits), without the spaces before it.
fn after_word(t: &str) -> &str {
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    t[t.find(|c: char| !c.is_alphanumeric()).unwrap_or(t.len())..].trim_start()
}

/// The word `t` starts with, in lower case (None when it starts with anything else).
fn leading_word(t: &str) -> Option<String> {
    let end = t.find(|c: char| !c.is_alphanumeric()).unwrap_or(t.len());
    (end > 0).then(|| t[..end].to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_over_other_articles_in_many_languages() {
        for t in [
            "Lesen Sie auch",
            "Schon gelesen?",
            "Zum Weiterlesen:",
            "Das könnte Sie auch interessieren!",
            "Want More?",
            "Veja Também:",
            "Related",
            "Related articles",
            "You may also like",
            "Czytaj także:",
        ] {
            assert_eq!(kind(t), Some(RemovalKind::ExploreMore), "{t}");
        }
        // A heading that merely mentions the words, or a sentence of the story.
        for t in [
            "Sanctions-related trade",
            "Why Moscow wants more from Tehran than drones",
            "Readers who want more detail on the treaty can find it in the annex of the report.",
        ] {
            assert_eq!(kind(t), None, "{t}");
        }
    }

    #[test]
    fn credits_of_pictures() {
        for t in [
            "Foto: ATON",
            "Photograph by Jane Doe",
            "Crédits photos : Bestimage",
            "Bild: dpa / Picture Alliance",
            "Photo/AP",
            "Foto © Hans Muster",
        ] {
            assert_eq!(kind(t), Some(RemovalKind::ImageCaption), "{t}");
        }
        for t in [
            "Photographs of the meeting were never released.",
            "Bild und Ton fielen aus.",
            "Image problems haunt the alliance",
        ] {
            assert_eq!(kind(t), None, "{t}");
        }
    }

    #[test]
    fn copyright_lines_and_calls_to_subscribe() {
        for t in [
            "© 2023 Example Media",
            "Copyright 2021 by the authors",
            "Materiał chroniony prawem autorskim",
            "This article is the copyrighted property of Example News and may not be republished.",
        ] {
            assert_eq!(kind(t), Some(RemovalKind::Footer), "{t}");
        }
        for t in [
            "Subscribe to email updates",
            "Never miss the latest news by signing up to our newsletter",
            "Jetzt unseren Newsletter abonnieren",
        ] {
            assert_eq!(kind(t), Some(RemovalKind::Newsletter), "{t}");
        }
        for t in [
            "The copyright dispute went to court in 2019.",
            "The newsletter of the ministry reported the visit in detail, with photographs and a map of the route.",
            "",
        ] {
            assert_eq!(kind(t), None, "{t}");
        }
    }
}
