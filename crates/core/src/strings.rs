//! Small text helpers shared by the core and the app, each written once: counts in words ("1,234 words") and sizes ("4.2 MB"), the library's opening line, the explorer's and compare's fixed words, a text's first words, contexts cut at words, month names, a passage's name (`passage_name`), days that exist on the calendar, a value as one line, calendar dates of a time in milliseconds, invisible characters, and character references (`&amp;`, `&#233;`).

use std::borrow::Cow;

/// A number with thousands separators: 1,234,567.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` (with thousands separators) followed by the singular or plural noun: "1 note",
/// "1,204 words".
pub fn count<N: TryInto<u64>>(n: N, one: &str, many: &str) -> String {
    let n = n.try_into().unwrap_or(u64::MAX);
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// Items as a sentence lists them: "a", "a and b", "a, b and c".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

/// The library's opening line for `count` documents of which `own` are the reader's own: what
/// the app's library and the prerendered one (`parallax-pack`'s `prerender`) both say.
pub fn library_lede(count: usize, own: usize) -> String {
    let what = if count == own {
        format!(
            "{} on one story. ",
            self::count(own, "document", "documents")
        )
    } else if own > 0 {
        format!(
            "{} on one story, and {} of your own. ",
            self::count(count - own, "source", "sources"),
            self::count(own, "document", "documents")
        )
    } else {
        format!("{} on one story. ", self::count(count, "source", "sources"))
    };
    what + "Open one to read it without the clutter of its web page (menus, share buttons, \
            adverts). Nothing is lost: a switch shows every removed part, with the reason."
}

/// The explorer's words above its results, the same for every query: what the app's explorer
/// and its prerendered page (`parallax-pack`'s `prerender`) both say.
pub mod explore {
    /// The view's title.
    pub const TITLE: &str = "Explore";
    /// The search box's label.
    pub const SEARCH_LABEL: &str = "Search passages";
    /// The search box's example, shown while it is empty.
    pub const PLACEHOLDER: &str = "drones, \"payment systems\", sanction* -Israel";
    /// The line under the search box that says how a query is read.
    pub const HELP: &str = "Finds passages with all your words. \"payment systems\" finds the \
        exact phrase, sanction* any word starting with sanction, drones OR missiles either word, \
        -Israel leaves out passages with Israel.";
    /// The switch to the words around each match.
    pub const KWIC_LABEL: &str = "Show each match with the words around it";

    /// The explorer's page title, with the query first when there is one ("drones — Explore —
    /// Parallax"). `assets/prerendered.js` puts the link's query before the prerendered page's
    /// `title("")` the same way.
    pub fn title(query: &str) -> String {
        if query.is_empty() {
            "Explore — Parallax".to_owned()
        } else {
            format!("{query} — Explore — Parallax")
        }
    }
}

/// The compare view's words above its findings, the same for any sources: what the app's
/// compare view and its prerendered page (`parallax-pack`'s `prerender`) both say.
pub mod compare {
    /// The view's title.
    pub const TITLE: &str = "Compare sources";
    /// The picker's name for assistive technology.
    pub const PICKER_LABEL: &str = "What to compare";
    /// The sources' group, one per column (read out, not shown).
    pub const SOURCES_LEGEND: &str = "Sources, one per column";
    /// The optional third column's empty choice.
    pub const NONE: &str = "None";
    /// The theme filter's label.
    pub const THEME_LABEL: &str = "Theme";
    /// The theme filter's first choice.
    pub const ALL_THEMES: &str = "All themes";
    /// The switch to the themes where the sources differ.
    pub const DIFFER_LABEL: &str = "Only where they differ";
    /// The count's place while the sources are compared (the prerendered page's and the app's
    /// first frame).
    pub const COMPARING: &str = "Comparing the sources…";
    /// The summary's heading.
    pub const AT_A_GLANCE: &str = "At a glance";
    /// What the summary counts as a difference, under its heading.
    pub const DIFFER_MEANS: &str = "A theme differs where its own sentences disagree; a source \
        saying nothing on it is not counted as a difference. Pick a theme to read it.";

    /// The label of column `slot`'s picker (0-based): "Source 1".
    pub fn source_label(slot: usize) -> String {
        format!("Source {}", slot + 1)
    }

    /// A source as its pickers list it: "002 — Title".
    pub fn source_option(id: &str, title: &str) -> String {
        format!("{id} — {title}")
    }

    /// The compare view's page title: "Compare 001, 002, 004 — Parallax".
    /// `assets/prerendered.js` writes the prerendered page's title the same way.
    pub fn title<S: AsRef<str>>(docs: &[S]) -> String {
        let ids: Vec<&str> = docs.iter().map(AsRef::as_ref).collect();
        format!("Compare {} — Parallax", ids.join(", "))
    }
}

/// A size in bytes as the reader reads it: bytes, kB or MB (decimal, as file managers show):
/// "512 bytes", "12 kB", "4.2 MB".
pub fn size(bytes: u64) -> String {
    let b = bytes as f64;
    if bytes < 1_000 {
        count(bytes, "byte", "bytes")
    } else if bytes < 1_000_000 {
        format!("{:.0} kB", b / 1_000.0)
    } else {
        format!("{:.1} MB", b / 1_000_000.0)
    }
}

/// The first `most` words of a text (split at white space, joined by one space), with `…` when
/// there are more.
pub fn first_words(text: &str, most: usize) -> String {
    let mut words = text.split_whitespace();
    let mut out = words.by_ref().take(most).collect::<Vec<_>>().join(" ");
    if words.next().is_some() {
        out.push('…');
    }
    out
}

/// The last `n` characters of `s` at most, starting at a word (a cut word is dropped, not shown
/// half); all of `s` when it has no more than `n`. Looks at the last `n + 1` characters only, so
/// that cutting contexts from one long passage once per match stays linear.
pub fn last_chars(s: &str, n: usize) -> &str {
    let mut from_end = s.char_indices().rev();
    let start = from_end.by_ref().take(n).last().map_or(s.len(), |(i, _)| i);
    crate::probe::step(n + 1);
    if from_end.next().is_none() {
        return s;
    }
    let tail = &s[start..];
    tail.find(char::is_whitespace).map_or(tail, |i| &tail[i..])
}

/// The first `n` characters of `s` at most, ending at a word; all of `s` when it has no more
/// than `n`. Looks at the first `n + 1` characters only, as `last_chars` does.
pub fn first_chars(s: &str, n: usize) -> &str {
    crate::probe::step(n + 1);
    let Some((end, _)) = s.char_indices().nth(n) else {
        return s;
    };
    let head = &s[..end];
    head.rfind(char::is_whitespace).map_or(head, |i| &head[..i])
}

/// A character that changes the direction text is shown in: the embeddings and overrides
/// U+202A–U+202E and the isolates U+2066–U+2069. Untrusted text never keeps them: they can make
/// text display in another order than it reads.
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A zero-width character: spaces and joiners U+200B–U+200D, the word joiner U+2060, and the
/// byte-order mark U+FEFF. (Joiners are spelling in some scripts: the import keeps those.)
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// Month names, one row a month: the English name, then the other full names (French, German),
/// then abbreviations (English, French, German).
const MONTHS: [(&str, &[&str], &[&str]); 12] = [
    ("january", &["janvier", "januar"], &["jan", "janv", "jän"]),
    (
        "february",
        &["février", "fevrier", "februar"],
        &["feb", "févr"],
    ),
    ("march", &["mars", "märz"], &["mar", "mär"]),
    ("april", &["avril"], &["apr", "avr"]),
    ("may", &["mai"], &[]),
    ("june", &["juin", "juni"], &["jun"]),
    ("july", &["juillet", "juli"], &["jul", "juil"]),
    ("august", &["août", "aout"], &["aug"]),
    ("september", &["septembre"], &["sep", "sept"]),
    ("october", &["octobre", "oktober"], &["oct", "okt"]),
    ("november", &["novembre"], &["nov"]),
    (
        "december",
        &["décembre", "decembre", "dezember"],
        &["dec", "déc", "dez"],
    ),
];

/// The number (1 to 12) of a month named in English, French or German, in any case; with
/// `abbreviated`, abbreviations count too ("Jan", "févr", "Okt").
pub fn month_number(word: &str, abbreviated: bool) -> Option<u32> {
    // No name is shorter than 3 bytes or longer than 9 ("septembre", "décembre"); an ASCII word
    // is compared without a lower-cased copy (facts ask this of every word of the corpus).
    if !(3..=12).contains(&word.len()) {
        return None;
    }
    let lower;
    let same: &dyn Fn(&str) -> bool = if word.is_ascii() {
        &|name: &str| name.eq_ignore_ascii_case(word)
    } else {
        lower = word.to_lowercase();
        &|name: &str| name == lower
    };
    MONTHS
        .iter()
        .position(|(en, others, short)| {
            same(en)
                || others.iter().any(|o| same(o))
                || (abbreviated && short.iter().any(|s| same(s)))
        })
        .map(|i| i as u32 + 1)
}

/// The days of the week in English, as a date names them.
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The day of the week `word` names in English, in any case, capitalised: "monday" → "Monday".
pub fn weekday(word: &str) -> Option<&'static str> {
    WEEKDAYS
        .iter()
        .find(|d| d.eq_ignore_ascii_case(word))
        .copied()
}

/// The English name of month `n` (1 to 12), capitalised: "January".
pub fn month_name(n: u32) -> Option<String> {
    let (en, _, _) = MONTHS.get((n as usize).checked_sub(1)?)?;
    let mut c = en.chars();
    Some(c.next()?.to_uppercase().chain(c).collect())
}

/// A page's language tag in words: "English (en-GB)"; the tag alone for a language not named
/// here.
pub fn language_name(tag: &str) -> String {
    const NAMES: &[(&str, &str)] = &[
        ("ar", "Arabic"),
        ("de", "German"),
        ("en", "English"),
        ("es", "Spanish"),
        ("fa", "Persian"),
        ("fr", "French"),
        ("it", "Italian"),
        ("ja", "Japanese"),
        ("ko", "Korean"),
        ("nl", "Dutch"),
        ("pl", "Polish"),
        ("pt", "Portuguese"),
        ("ru", "Russian"),
        ("tr", "Turkish"),
        ("uk", "Ukrainian"),
        ("zh", "Chinese"),
    ];
    let primary = tag.split(['-', '_']).next().unwrap_or(tag);
    match NAMES.iter().find(|(t, _)| t.eq_ignore_ascii_case(primary)) {
        Some((_, name)) => format!("{name} ({tag})"),
        None => tag.to_owned(),
    }
}

/// A calendar day of the Gregorian calendar, years 1 to 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    year: u16,
    month: u8,
    day: u8,
}

impl Day {
    /// The day, if it exists (no 31 April, no 29 February outside leap years).
    pub fn new(year: i64, month: u32, day: u32) -> Option<Day> {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=9999).contains(&year) && (1..=days).contains(&day)).then_some(Day {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Reads the day at the start of an ISO 8601 date (`YYYY-MM-DD`, maybe followed by `T` and
    /// a time): `None` for anything else, or a day that does not exist.
    pub fn from_iso(iso: &str) -> Option<Day> {
        let b = iso.as_bytes();
        let digits = |r: std::ops::Range<usize>| {
            let s = iso.get(r)?;
            s.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| s.parse::<u32>().ok())?
        };
        let shape =
            b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && (b.len() == 10 || b[10] == b'T');
        if !shape {
            return None;
        }
        Day::new(i64::from(digits(0..4)?), digits(5..7)?, digits(8..10)?)
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// The day `n` days before (after, for a negative `n`); `None` outside years 1970 to 9999.
    pub fn minus_days(self, n: i64) -> Option<Day> {
        // Howard Hinnant's days_from_civil, then `utc` back.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468 - n;
        let t = utc(u64::try_from(days).ok()?.checked_mul(86_400_000)?);
        Day::new(t.year, t.month, t.day)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A value as one line of plain text (a cell, a citation's field): white space, line breaks and
/// other control characters become one space, bidi controls and byte-order marks are dropped,
/// the ends trimmed.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        crate::probe::step(1);
        if is_direction_control(c) || c == '\u{feff}' {
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// A moment in UTC, to the second: what a time in milliseconds since 1970 reads as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utc {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

/// The UTC date and time of `ms` milliseconds since 1970-01-01 (any value: far times too).
pub fn utc(ms: u64) -> Utc {
    let secs = ms / 1000;
    let days = (secs / 86_400) as i64;
    let of_day = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    Utc {
        year: yoe + era * 400 + i64::from(month <= 2),
        month,
        day,
        hour: (of_day / 3600) as u32,
        minute: (of_day % 3600 / 60) as u32,
        second: (of_day % 60) as u32,
    }
}

/// Decodes character references as browsers do: numeric ones, and the named ones articles use
/// (the Latin-1 letters and signs, typographic punctuation). Unknown names stay as written.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match entity(after) {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference stands for (`after` is the text after its `&`), and the bytes it
/// takes after the `&`. Numeric references may end without `;`, as in browsers; named ones end
/// with `;`.
pub fn entity(after: &str) -> Option<(char, usize)> {
    let bytes = after.as_bytes();
    if let Some(num) = after.strip_prefix('#') {
        let (hex, digits) = match num.as_bytes().first() {
            Some(b'x' | b'X') => (true, &num[1..]),
            _ => (false, num),
        };
        let n = digits
            .bytes()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if n == 0 {
            return None;
        }
        let value =
            u32::from_str_radix(&digits[..n.min(8)], if hex { 16 } else { 10 }).unwrap_or(u32::MAX);
        let value = if n > 8 { u32::MAX } else { value };
        let mut len = 1 + usize::from(hex) + n;
        if bytes.get(len) == Some(&b';') {
            len += 1;
        }
        return Some((numeric_char(value), len));
    }
    let n = bytes
        .iter()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if n == 0 || bytes.get(n) != Some(&b';') {
        return None;
    }
    let name = &after[..n];
    NAMED
        .iter()
        .find(|(k, _)| *k == name)
        .map(|&(_, c)| (c, n + 1))
}

/// A numeric reference's character, as browsers read it: C1 codes as Windows-1252, invalid
/// ones as U+FFFD.
fn numeric_char(value: u32) -> char {
    const CP1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match value {
        0 => '\u{fffd}',
        0x80..=0x9f => CP1252[(value - 0x80) as usize],
        _ => char::from_u32(value).unwrap_or('\u{fffd}'),
    }
}

/// Named references: the Latin-1 set and the typographic ones.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("shy", '\u{ad}'),
    ("zwsp", '\u{200b}'),
    ("zwnj", '\u{200c}'),
    ("zwj", '\u{200d}'),
    ("lrm", '\u{200e}'),
    ("rlm", '\u{200f}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("hairsp", '\u{200a}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("hellip", '…'),
    ("bull", '•'),
    ("middot", '·'),
    ("prime", '′'),
    ("Prime", '″'),
    ("dagger", '†'),
    ("Dagger", '‡'),
    ("permil", '‰'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("curren", '¤'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("plusmn", '±'),
    ("times", '×'),
    ("divide", '÷'),
    ("minus", '−'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("sup1", '¹'),
    ("sup2", '²'),
    ("sup3", '³'),
    ("micro", 'µ'),
    ("para", '¶'),
    ("sect", '§'),
    ("iexcl", '¡'),
    ("iquest", '¿'),
    ("ordf", 'ª'),
    ("ordm", 'º'),
    ("not", '¬'),
    ("macr", '¯'),
    ("acute", '´'),
    ("cedil", '¸'),
    ("uml", '¨'),
    ("brvbar", '¦'),
    ("larr", '←'),
    ("rarr", '→'),
    ("uarr", '↑'),
    ("darr", '↓'),
    ("harr", '↔'),
    ("OElig", 'Œ'),
    ("oelig", 'œ'),
    ("Scaron", 'Š'),
    ("scaron", 'š'),
    ("Yuml", 'Ÿ'),
    ("fnof", 'ƒ'),
    ("circ", 'ˆ'),
    ("tilde", '˜'),
    ("Agrave", 'À'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Atilde", 'Ã'),
    ("Auml", 'Ä'),
    ("Aring", 'Å'),
    ("AElig", 'Æ'),
    ("Ccedil", 'Ç'),
    ("Egrave", 'È'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Euml", 'Ë'),
    ("Igrave", 'Ì'),
    ("Iacute", 'Í'),
    ("Icirc", 'Î'),
    ("Iuml", 'Ï'),
    ("ETH", 'Ð'),
    ("Ntilde", 'Ñ'),
    ("Ograve", 'Ò'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Otilde", 'Õ'),
    ("Ouml", 'Ö'),
    ("Oslash", 'Ø'),
    ("Ugrave", 'Ù'),
    ("Uacute", 'Ú'),
    ("Ucirc", 'Û'),
    ("Uuml", 'Ü'),
    ("Yacute", 'Ý'),
    ("THORN", 'Þ'),
    ("szlig", 'ß'),
    ("agrave", 'à'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("aring", 'å'),
    ("aelig", 'æ'),
    ("ccedil", 'ç'),
    ("egrave", 'è'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("euml", 'ë'),
    ("igrave", 'ì'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iuml", 'ï'),
    ("eth", 'ð'),
    ("ntilde", 'ñ'),
    ("ograve", 'ò'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("otilde", 'õ'),
    ("ouml", 'ö'),
    ("oslash", 'ø'),
    ("ugrave", 'ù'),
    ("uacute", 'ú'),
    ("ucirc", 'û'),
    ("uuml", 'ü'),
    ("yacute", 'ý'),
    ("thorn", 'þ'),
    ("yuml", 'ÿ'),
];

/// A passage id as readers read it: `p12` is "passage 12"; any other id stays as it is. Shared
/// by the app, the exports, the handout and the names of lesson steps.
pub fn passage_name(id: &str) -> String {
    match id.strip_prefix('p') {
        Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => format!("passage {n}"),
        _ => format!("passage {id}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn and_list_reads_as_a_sentence() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["002"]), "002");
        assert_eq!(and_list(&["002", "004"]), "002 and 004");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn the_library_says_how_many_sources_and_own_documents() {
        let rest = "Open one to read it without the clutter of its web page (menus, share \
                    buttons, adverts). Nothing is lost: a switch shows every removed part, with \
                    the reason.";
        assert_eq!(
            library_lede(5, 0),
            format!("5 sources on one story. {rest}")
        );
        assert_eq!(library_lede(1, 0), format!("1 source on one story. {rest}"));
        assert_eq!(
            library_lede(7, 2),
            format!("5 sources on one story, and 2 documents of your own. {rest}")
        );
        assert_eq!(
            library_lede(6, 1),
            format!("5 sources on one story, and 1 document of your own. {rest}")
        );
        assert_eq!(
            library_lede(3, 3),
            format!("3 documents on one story. {rest}")
        );
    }

    #[test]
    fn counts_and_first_words() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(count(1usize, "note", "notes"), "1 note");
        assert_eq!(count(0u64, "note", "notes"), "0 notes");
        assert_eq!(count(12_345usize, "word", "words"), "12,345 words");
        assert_eq!(
            count(-1i64, "x", "xs"),
            format!("{} xs", thousands(u64::MAX))
        );
        assert_eq!(first_words(" one  two\nthree four ", 3), "one two three…");
        assert_eq!(first_words("one two", 3), "one two");
        assert_eq!(first_words("", 3), "");
    }

    #[test]
    fn sizes() {
        assert_eq!(size(1), "1 byte");
        assert_eq!(size(999), "999 bytes");
        assert_eq!(size(12_345), "12 kB");
        assert_eq!(size(4_250_000), "4.2 MB");
        assert_eq!(size(20_000_000), "20.0 MB");
    }

    #[test]
    fn contexts_are_cut_at_words() {
        assert_eq!(last_chars("one two three", 13), "one two three");
        assert_eq!(last_chars("one two three", 9), " three");
        assert_eq!(last_chars("one two three", 5), "three");
        assert_eq!(last_chars("abc", 2), "bc");
        assert_eq!(first_chars("one two three", 13), "one two three");
        assert_eq!(first_chars("one two three", 9), "one two");
        assert_eq!(first_chars("one two three", 3), "one");
        assert_eq!(first_chars("été à", 3), "été");
        assert_eq!(last_chars("", 3), "");
    }

    #[test]
    fn invisible_characters() {
        for c in ['\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}'] {
            assert!(is_direction_control(c) && !is_zero_width(c));
        }
        for c in ['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}'] {
            assert!(is_zero_width(c) && !is_direction_control(c));
        }
        for c in ['a', ' ', '\u{200e}', '\u{2065}', '\u{202f}', '\u{2061}'] {
            assert!(!is_zero_width(c) && !is_direction_control(c), "{c:?}");
        }
    }

    #[test]
    fn months() {
        assert_eq!(month_number("January", false), Some(1));
        assert_eq!(month_number("décembre", false), Some(12));
        assert_eq!(month_number("MÄRZ", false), Some(3));
        assert_eq!(month_number("Jan", false), None);
        assert_eq!(month_number("Jan", true), Some(1));
        assert_eq!(month_number("sept", true), Some(9));
        assert_eq!(month_number("maybe", true), None);
        assert_eq!(month_number("AOUT", false), Some(8));
        assert_eq!(month_number("Août", false), Some(8));
        assert_eq!(month_number("DÉC", true), Some(12));
        assert_eq!(month_number("ma", true), None);
        assert_eq!(month_number("Septembre", false), Some(9));
        assert_eq!(month_name(1).as_deref(), Some("January"));
        assert_eq!(month_name(12).as_deref(), Some("December"));
        assert_eq!(month_name(0), None);
        assert_eq!(month_name(13), None);
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &amp; b &eacute;&#233;&#xE9;&#0;&#x110000;&#151; &nope; & &#"),
            "a & b ééé\u{fffd}\u{fffd}— &nope; & &#"
        );
        assert_eq!(decode_entities("&#99999999999999999999;"), "\u{fffd}");
        assert_eq!(decode_entities("&#32&#9;x"), " \tx");
        assert!(matches!(decode_entities("no references"), Cow::Borrowed(_)));
        assert_eq!(entity("amp; rest"), Some(('&', 4)));
        assert_eq!(entity("amp rest"), None);
    }

    #[test]
    fn one_line_is_one_line() {
        assert_eq!(
            one_line("  a\r\n\tb\u{2028}c\u{85}d\u{202e}e\u{feff}\u{0}f  "),
            "a b c de f"
        );
        assert_eq!(one_line(""), "");
        assert_eq!(one_line(" \n\t\u{202e}\u{feff} "), "");
    }
}
