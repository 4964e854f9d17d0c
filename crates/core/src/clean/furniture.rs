//! Short lines that are page furniture by what they say, in the languages pages are written in: a header over links to other articles ("Lesen Sie auch", "Want more?"), a picture's credit or source ("Foto: …", "Quelle: …"), a copyright notice, a call to subscribe, an advert's label, a question about the article ("War der Artikel nützlich?"), a comments line.

use super::lower_words;
use crate::model::RemovalKind;

/// Most words of a header over links to other articles.
const HEADER_WORDS: usize = 6;
/// Most words of a picture's credit line, a copyright line or a call to subscribe.
const LINE_WORDS: usize = 15;
/// Most words of a credit with "by" or "von" ("Photograph by Jane Doe").
const CREDIT_BY_WORDS: usize = 6;
/// Most words of a line that says its rights are reserved (it often names the company).
const RIGHTS_WORDS: usize = 30;
/// Most words of a notice that opens with `©` (it may go on about reprints and permissions).
const NOTICE_WORDS: usize = 60;

/// Words that open a header over other articles ("Read also", "Lesen Sie auch", "Veja também"),
/// as whole words in this order at the start of a short line or after its first word ("Zum
/// Weiterlesen", "Jetzt lesen Sie auch"), not further in ("Russia wants more from Iran").
const READ_ALSO: &[&[&str]] = &[
    &["read", "more"],
    &["read", "also"],
    &["see", "also"],
    &["want", "more"],
    &["more", "from"],
    &["more", "stories"],
    &["more", "articles"],
    &["further", "reading"],
    &["explore", "further"],
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
    &["neueste", "artikel"],
    &["neueste", "beiträge"],
    &["mehr", "themen"],
    &["latest", "articles"],
    &["latest", "stories"],
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

/// First words of a picture's credit or of a source line, followed by `:`, "by", "von", `/` or
/// `©`: "Foto: dpa", "Photograph by …", "Crédits photos : …", "Quelle: Landesregierung".
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
    "titelbild",
    "bildquelle",
    "bildnachweis",
    "fotonachweis",
    "quelle",
    "quellen",
    "quellenangaben",
    "source",
    "sources",
    "fuente",
    "fuentes",
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
    "chroniony prawem autorskim",
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

/// Words before a call to subscribe ("Jetzt abonnieren", "Now subscribe").
const NOW: &[&str] = &["now", "jetzt", "bitte", "please"];

/// What a paywall tells a reader who has already paid ("If you are already a subscriber, log
/// in"), in a line of up to `RIGHTS_WORDS` words with a word of `LOG_IN`.
const SUBSCRIBED: &[&[&str]] = &[
    &["already", "a", "subscriber"],
    &["already", "subscribed"],
    &["bereits", "abonnent"],
    &["schon", "abonnent"],
    &["déjà", "abonné"],
    &["ya", "eres", "suscriptor"],
];

/// Words that ask a reader to log in.
const LOG_IN: &[&str] = &[
    "log",
    "login",
    "anmelden",
    "einloggen",
    "connectez",
    "identifiez",
    "inicia",
    "ingresa",
];

/// Words that make a newsletter the site's own ("our newsletter", "unseren Newsletter").
const OWN: &[&str] = &[
    "our", "your", "unser", "unseren", "unserem", "dein", "deinen", "ihren", "notre", "votre",
    "nuestro", "nostro", "nostra", "nasz", "naszego",
];

/// An advert's label, alone or before `:`, `.` or a dash: "Advertisement:", "*Werbung. Dieser
/// Beitrag enthält Werbung für …".
const ADVERT: &[&str] = &[
    "advertisement",
    "sponsored",
    "anzeige",
    "werbung",
    "gesponsert",
    "publicité",
    "publicidad",
    "pubblicità",
    "reklama",
];

/// What a question about the article itself asks of its reader ("War der Artikel nützlich?",
/// "Möchten Sie den Artikel teilen?", "Wie bewerten Sie diesen Artikel?"): the article…
const ABOUT_ARTICLE: &[&str] = &["article", "artikel", "beitrag", "post"];
/// …named as this one ("this article", "den Artikel"), not a treaty's article 5…
const THIS: &[&str] = &[
    "the", "this", "our", "der", "den", "dem", "diesen", "dieser", "diesem", "unseren", "cet", "ce",
];
/// …and the reader, or what she is asked to do with it.
const OF_READER: &[&str] = &[
    "you",
    "your",
    "du",
    "ihnen",
    "dir",
    "vous",
    "share",
    "rate",
    "helpful",
    "teilen",
    "bewerten",
    "nützlich",
    "hilfreich",
];
/// Most words of such a question.
const QUESTION_WORDS: usize = 9;

/// A line about comments: "Kommentieren", "Kommentare (3)", or "Keine Kommentare (…)", "No
/// comments" in a longer line.
const COMMENTS_FIRST: &[&str] = &["kommentieren", "kommentare", "kommentar", "comments"];
/// Most words of a line that starts with a comments word ("Kommentare (3)"): a sentence of the
/// story can start with one too ("Kommentare aus Moskau blieben aus.").
const COMMENTS_ALONE: usize = 2;
/// Most words of a line that says there are no comments.
const COMMENTS_WORDS: usize = 8;

/// What the line `t` (a paragraph or heading's text, without list or quote marks) is, when it is
/// page furniture by what it says alone.
pub(super) fn kind(t: &str) -> Option<RemovalKind> {
    // A notice that opens with the copyright sign, however much it says about reprints.
    if t.trim_start().starts_with('©') && t.split_whitespace().nth(NOTICE_WORDS).is_none() {
        return Some(RemovalKind::Footer);
    }
    // A paragraph of the story is longer than any of these: not split into words at all.
    if t.split_whitespace().nth(RIGHTS_WORDS).is_some() {
        return None;
    }
    let words = lower_words(t);
    let n = words.len();
    if n == 0 {
        return None;
    }
    // A word of `list` anywhere in the line, or first.
    let any = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let first = |list: &[&str]| list.contains(&words[0].as_str());
    // `seq` from word `at` on.
    let seq_at = |at: usize, seq: &[&str]| {
        words
            .get(at..at + seq.len())
            .is_some_and(|w| w.iter().zip(seq).all(|(a, b)| a == b))
    };
    // `seq` at the start of the line, or after its first word.
    let opens = |seq: &[&str]| (0..2).any(|at| seq_at(at, seq));
    if n <= HEADER_WORDS && (READ_ALSO.iter().any(|seq| opens(seq)) || first(READ_ALSO_FIRST)) {
        return Some(RemovalKind::ExploreMore);
    }
    if n <= LINE_WORDS && is_credit(t, &words[0], n) {
        return Some(RemovalKind::ImageCaption);
    }
    let lower = t.to_lowercase();
    // "Copyright 2021 …", "Copyright © …", "Copyright by …", not "Copyright reform stalls".
    let copyright = words[0] == "copyright"
        && words
            .get(1)
            .is_some_and(|w| w == "by" || (w.len() == 4 && is_number(w)));
    if (n <= LINE_WORDS && (t.contains('©') || copyright))
        || (n <= RIGHTS_WORDS && RIGHTS.iter().any(|r| lower.contains(r)))
    {
        return Some(RemovalKind::Footer);
    }
    // The reader asked to subscribe: the verb first ("Subscribe to email updates", "Jetzt
    // abonnieren"), not a sentence ("Iran does not subscribe to that view").
    let verb = if first(NOW) {
        words.get(1)
    } else {
        Some(&words[0])
    };
    // …or asked again further in ("To view the full story, please subscribe").
    let asked = words
        .windows(2)
        .any(|w| NOW.contains(&w[0].as_str()) && SUBSCRIBE.contains(&w[1].as_str()));
    let subscribe =
        verb.is_some_and(|w| SUBSCRIBE.contains(&w.as_str())) || asked || opens(&["sign", "up"]);
    let newsletter = words.iter().any(|w| w.starts_with("newsletter")) && any(OWN);
    let subscribed = SUBSCRIBED
        .iter()
        .any(|seq| (0..n).any(|at| seq_at(at, seq)))
        && any(LOG_IN);
    if (n <= LINE_WORDS && (subscribe || newsletter)) || subscribed {
        return Some(RemovalKind::Newsletter);
    }
    if n <= LINE_WORDS && first(ADVERT) {
        let rest = after_word(t);
        if rest.is_empty() || rest.starts_with([':', '.', '-', '–', '—']) {
            return Some(RemovalKind::Advertising);
        }
    }
    if n <= QUESTION_WORDS
        && t.trim_end().ends_with('?')
        && (1..n).any(|i| {
            THIS.contains(&words[i - 1].as_str())
                && ABOUT_ARTICLE.contains(&words[i].as_str())
                // "der Artikel 5": a treaty's article, not this one.
                && !words.get(i + 1).is_some_and(|x| is_number(x))
        })
        && any(OF_READER)
    {
        return Some(RemovalKind::CallToComment);
    }
    if (n <= COMMENTS_ALONE && first(COMMENTS_FIRST))
        || (n <= COMMENTS_WORDS && (opens(&["keine", "kommentare"]) || opens(&["no", "comments"])))
    {
        return Some(RemovalKind::Comments);
    }
    None
}

/// Whether `t`, whose first word is `first` and which has `n` words, opens as a picture's credit:
/// a credit word (or two: "Crédits photos"), then `:`, `/` or `©`; or "by" or "von" in a line too
/// short to be a sentence ("Photograph by Jane Doe", not "Images by Maxar show the damage.").
fn is_credit(t: &str, first: &str, n: usize) -> bool {
    if !CREDIT.contains(&first) {
        return false;
    }
    let mut rest = after_word(t);
    if CREDIT.contains(&leading_word(rest).as_str()) {
        rest = after_word(rest);
    }
    rest.starts_with([':', '/', '©'])
        || (n <= CREDIT_BY_WORDS
            && !t.trim_end().ends_with('.')
            && matches!(leading_word(rest).as_str(), "by" | "von"))
}

/// Whether the word `w` is digits alone (a year, a treaty's article number).
fn is_number(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit())
}

/// What follows the first word of `t` (its letters and digits), without the spaces before it.
fn after_word(t: &str) -> &str {
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    t[t.find(|c: char| !c.is_alphanumeric()).unwrap_or(t.len())..].trim_start()
}

/// The word `t` starts with, in lower case ("" when it starts with anything else).
fn leading_word(t: &str) -> String {
    let end = t.find(|c: char| !c.is_alphanumeric()).unwrap_or(t.len());
    t[..end].to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_over_other_articles_in_many_languages() {
        for t in [
            "Lesen Sie auch",
            "Neueste Artikel",
            "Mehr Themen:",
            "Latest stories",
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
            "Russia wants more from Iran",
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
            "Bilder von der Front zeigen zerstörte Panzer.",
            "Images by Maxar show the damage.",
        ] {
            assert_eq!(kind(t), None, "{t}");
        }
    }

    #[test]
    fn adverts_questions_about_the_article_and_comments() {
        for (t, k) in [
            ("Advertisement:", RemovalKind::Advertising),
            ("Anzeige", RemovalKind::Advertising),
            (
                "*Werbung. Dieser Beitrag enthält Werbung für eine Marke.",
                RemovalKind::Advertising,
            ),
            ("War der Artikel nützlich?", RemovalKind::CallToComment),
            (
                "Wie bewerten Sie diesen Artikel?",
                RemovalKind::CallToComment,
            ),
            (
                "Did you find this article helpful?",
                RemovalKind::CallToComment,
            ),
            ("Kommentieren", RemovalKind::Comments),
            ("Kommentare (3)", RemovalKind::Comments),
            (
                "Keine Kommentare (Kommentare erscheinen erst nach unserer Freigabe)",
                RemovalKind::Comments,
            ),
            ("No comments yet", RemovalKind::Comments),
            ("Quelle: Landesregierung", RemovalKind::ImageCaption),
            ("Titelbild: Agentur / Fotograf", RemovalKind::ImageCaption),
            ("Explore further", RemovalKind::ExploreMore),
        ] {
            assert_eq!(kind(t), Some(k), "{t}");
        }
        for t in [
            "Werbung ist in diesem Land streng geregelt, sagte die Ministerin.",
            "Anzeigen gegen den Betreiber wurden nicht erstattet.",
            "Why did the article of the treaty matter?",
            "Kommentare aus Moskau blieben aus.",
            "What does article 5 mean for you?",
            "Greift der Artikel 5, wenn sie angegriffen werden?",
            "What does the article 5 mean for you?",
            "Will you join the talks in Vienna?",
            "The Kremlin had no comments on the report.",
            "Quellen in Teheran bestätigten das Treffen.",
            "Sources close to the ministry confirmed the visit on Tuesday.",
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
            &format!(
                "© 2022, Example News. This article is the copyrighted property of Example News. {}",
                "Written permission must be obtained before reprint. ".repeat(5)
            ),
        ] {
            assert_eq!(kind(t), Some(RemovalKind::Footer), "{t}");
        }
        for t in [
            "Subscribe to email updates",
            "Jetzt abonnieren",
            "Never miss the latest news by signing up to our newsletter",
            "Jetzt unseren Newsletter abonnieren",
            "To view the full story, please subscribe to Example Times.",
            "If you are already a subscriber, you can log in for immediate access to this story.",
            "Sie sind bereits Abonnent? Hier anmelden",
        ] {
            assert_eq!(kind(t), Some(RemovalKind::Newsletter), "{t}");
        }
        for t in [
            "The copyright dispute went to court in 2019.",
            "Copyright reform stalls in the Duma",
            "Copyright laws divide the two allies",
            "Teren jest chroniony prawem międzynarodowym.",
            "Iran does not subscribe to that view.",
            // Over 60 words after the sign: a paragraph, not a notice.
            &format!("© {}", "Tehran and Moscow signed the pact. ".repeat(11)),
            "Tehran is expected to sign up to the pact.",
            "Moscow, already a subscriber to the doctrine, said nothing new.",
            // A word that asks to log in, with no word of having paid.
            "Readers can log in to the archive to read the treaty's full text.",
            "Readers please note: Tehran will not subscribe to the pact.",
            "The newsletter of the ministry reported the visit in detail, with photographs and a map of the route.",
            "",
        ] {
            assert_eq!(kind(t), None, "{t}");
        }
    }
}
