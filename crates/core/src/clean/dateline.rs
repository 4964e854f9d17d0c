//! Byline and date lines of a page's text ("By Helen Marsh | 12 March 2025", "Published … | Updated …"), read as author, published and updated dates; and dates as metadata writes them (`iso_date`).

use super::{looks_like_name, lower_words};
use crate::model::DateInfo;
use crate::strings::{month_number, Day};

/// What one line of a page says about its article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Dateline {
    pub(super) author: Option<String>,
    pub(super) published: Option<DateInfo>,
    pub(super) modified: Option<DateInfo>,
    /// The kind of text the line names ("Opinion | 12 March 2025", "By Tom Reed, Opinion
    /// Editor", "Local news, 12 March 2025"): "opinion", "analysis", "explainer" or "news".
    pub(super) kind: Option<&'static str>,
    /// "3 hours ago", "Updated yesterday": how long before the page was saved.
    pub(super) published_ago: Option<Ago>,
    pub(super) modified_ago: Option<Ago>,
}

/// A date the page gives as a time before it was saved ("3 hours ago", "yesterday").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ago {
    /// How long before, in minutes (a day is 1,440).
    pub minutes: u32,
    /// The words as the page prints them.
    pub text: String,
}

impl Ago {
    /// The date it names, for a page saved at `saved` (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`): a
    /// day, at the saving's time of day when the page gives one (midday when not).
    pub fn on(&self, saved: &str) -> Option<DateInfo> {
        let day = Day::from_iso(saved)?;
        let of_day = saved
            .get(11..16)
            .and_then(|t| {
                Some(t.get(..2)?.parse::<i64>().ok()? * 60 + t.get(3..)?.parse::<i64>().ok()?)
            })
            .unwrap_or(12 * 60);
        let back = i64::from(self.minutes) - of_day;
        // Whole days before the saving's day: 0 while the time stays within it.
        let days = if back <= 0 { 0 } else { (back + 1439) / 1440 };
        Some(DateInfo {
            text: self.text.clone(),
            iso: day.minus_days(days)?.iso(),
        })
    }
}

/// Minutes in a day.
const DAY: u32 = 24 * 60;

/// Minutes in one of a relative date's units; `None` for months and years.
fn minutes_in(unit: &str) -> Option<u32> {
    Some(match unit {
        "second" | "seconds" | "sec" | "secs" | "sekunde" | "sekunden" | "seconde" | "secondes" => {
            0
        }
        "minute" | "minutes" | "min" | "mins" | "minuten" => 1,
        "hour" | "hours" | "hr" | "hrs" | "h" | "stunde" | "stunden" | "std" | "heure"
        | "heures" => 60,
        "day" | "days" | "tag" | "tage" | "tagen" | "jour" | "jours" => 24 * 60,
        "week" | "weeks" | "woche" | "wochen" | "semaine" | "semaines" => 7 * 24 * 60,
        _ => return None,
    })
}

/// Words of the names of a page's sections ("Local news", "World – …"): a line's first words
/// before its date when they are all of these, and never a writer's name.
const SECTIONS: &[&str] = &[
    "news",
    "world",
    "politics",
    "business",
    "sport",
    "sports",
    "opinion",
    "analysis",
    "comment",
    "editorial",
    "explainer",
    "culture",
    "science",
    "tech",
    "technology",
    "health",
    "local",
    "national",
    "international",
    "economy",
    "travel",
];

/// Words that name a kind of text, and the kind (as a corpus manifest writes it).
const KINDS: &[(&str, &str)] = &[
    ("opinion", "opinion"),
    ("comment", "opinion"),
    ("editorial", "opinion"),
    ("columnist", "opinion"),
    ("analysis", "analysis"),
    ("explainer", "explainer"),
    ("news", "news"),
];

/// Longest line read as a byline or date line: longer ones are prose.
const MAX_LINE: usize = 200;
/// Longest date read from metadata.
const MAX_DATE: usize = 100;

/// Reads a line that is only a date, optionally with a weekday, a time and a time zone: "Mar
/// 3, 2025 - 10:19", "3 mars 2025", "3. März 2025", "2025-03-03", "Wed 12 Mar 2025 09.30 GMT".
/// A line with other words is not a date line.
pub fn parse_date(t: &str) -> Option<DateInfo> {
    if t.len() > MAX_LINE {
        return None;
    }
    let p = Parser::new(t);
    let (iso, end) = p.date(0)?;
    (end == p.toks.len()).then(|| p.info(0, end, iso))
}

/// A date as metadata writes it (ISO 8601 with any time, fraction and offset, or RFC 2822-like
/// "Wed, 12 Mar 2025 09:30:00 +0100"), as `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`: the time as
/// written, its offset dropped. `None` for anything else, a day the calendar lacks, or a year
/// outside 1900 to 2100.
pub(crate) fn iso_date(s: &str) -> Option<String> {
    if s.len() > MAX_DATE {
        return None;
    }
    let p = Parser::new(s);
    let (iso, end) = p.date(0)?;
    (end == p.toks.len()).then_some(iso)
}

/// Reads a byline, date or combined line: any of "By NAME[, Role]", "Published DATE",
/// "Updated DATE", a plain date, separated by `|`, `·`, `•`, dashes or commas. A line that
/// holds anything else (a sentence that mentions a date) is not one. A relative date ("3 hours
/// ago", "Updated yesterday") is kept as such (`Ago`), for the pipeline to read against the
/// day the page was saved; a reading time gives nothing.
pub(super) fn read(t: &str) -> Option<Dateline> {
    if t.len() > MAX_LINE {
        return None;
    }
    let p = Parser::new(t);
    let mut out = Dateline::default();
    let mut i = 0;
    let mut dated = false;
    let mut bare = false;
    while i < p.toks.len() {
        if p.toks[i].kind == Kind::Bar || p.is_word(i, &["and", "und", "et"]) {
            i += 1;
            continue;
        }
        let after_bar = i == 0 || p.toks[i - 1].kind == Kind::Bar;
        if let Some(next) = p.section(i).filter(|_| after_bar) {
            // "Local news, 12 March 2025": a section's name before the date, as a bare name is.
            out.kind = out.kind.or(p.kind_in(i, next));
            bare = true;
            i = next;
        } else if let Some((name, next)) = p.byline(i).filter(|_| after_bar) {
            if out.author.is_none() {
                out.author = Some(name);
            }
            // "By Tom Reed, Opinion Editor": the writer's role, after the comma, says what the
            // text is ("By Sky News" does not).
            let role = (i..next).find(|&k| p.gap(k).contains(',')).unwrap_or(next);
            out.kind = out.kind.or(p.kind_in(role, next));
            i = next;
        } else if let Some((item, next)) = p.item(i) {
            dated |= !matches!(item, Item::ReadingTime);
            match item {
                Item::Date(label, info) => {
                    let slot = match label {
                        Label::Modified => &mut out.modified,
                        Label::Published | Label::None => &mut out.published,
                    };
                    if slot.is_none() {
                        *slot = Some(info);
                    }
                }
                Item::Relative(label, Some(ago)) => {
                    let slot = match label {
                        Label::Modified => &mut out.modified_ago,
                        Label::Published | Label::None => &mut out.published_ago,
                    };
                    if slot.is_none() {
                        *slot = Some(ago);
                    }
                }
                Item::Relative(_, None) | Item::ReadingTime => {}
            }
            i = next;
        } else if i == 0 {
            // A name with no "By" before it counts only before a date: "Helen Marsh – 3 hours ago".
            let (name, next) = p.bare_name()?;
            out.author = Some(name);
            bare = true;
            i = next;
        } else {
            return None;
        }
    }
    let any = out.author.is_some()
        || out.published.is_some()
        || out.modified.is_some()
        || out.published_ago.is_some()
        || out.modified_ago.is_some();
    (any && (dated || !bare)).then_some(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Num,
    /// A separator between the parts of a line: `|`, `·`, `•`, `–`, `—`, or `-` or `/` with
    /// spaces around.
    Bar,
}

/// A word, number or separator of a line, with the characters between it and the token before.
#[derive(Debug, Clone)]
struct Tok<'a> {
    kind: Kind,
    lower: String,
    start: usize,
    end: usize,
    gap: &'a str,
}

/// What a date says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    None,
    Published,
    Modified,
}

/// A dated part of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Date(Label, DateInfo),
    /// "3 hours ago": a date only against the day the page was saved (`Ago`), which the
    /// pipeline knows when the page's details say it; `None` when too loose ("2 months ago").
    Relative(Label, Option<Ago>),
    /// "5 min read".
    ReadingTime,
}

/// Words that say what the date after them is, longest first where one starts another.
const LABELS: &[(&[&str], Label)] = &[
    (&["first", "published", "on"], Label::Published),
    (&["first", "published"], Label::Published),
    (&["published", "on"], Label::Published),
    (&["published"], Label::Published),
    (&["posted", "on"], Label::Published),
    (&["posted"], Label::Published),
    (&["publié", "le"], Label::Published),
    (&["publiée", "le"], Label::Published),
    (&["publié"], Label::Published),
    (&["publiée"], Label::Published),
    (&["veröffentlicht", "am"], Label::Published),
    (&["veröffentlicht"], Label::Published),
    (&["erschienen", "am"], Label::Published),
    (&["last", "updated", "on"], Label::Modified),
    (&["last", "updated"], Label::Modified),
    (&["last", "modified"], Label::Modified),
    (&["updated", "on"], Label::Modified),
    (&["updated"], Label::Modified),
    (&["modified"], Label::Modified),
    (&["mis", "à", "jour", "le"], Label::Modified),
    (&["mis", "à", "jour"], Label::Modified),
    (&["mise", "à", "jour", "le"], Label::Modified),
    (&["mise", "à", "jour"], Label::Modified),
    (&["actualisé", "le"], Label::Modified),
    (&["zuletzt", "aktualisiert", "am"], Label::Modified),
    (&["zuletzt", "aktualisiert"], Label::Modified),
    (&["aktualisiert", "am"], Label::Modified),
    (&["aktualisiert"], Label::Modified),
    (&["stand"], Label::Modified),
];

/// Words that start a byline, longest first.
const BYLINE: &[&[&str]] = &[
    &["written", "by"],
    &["words", "by"],
    &["reported", "by"],
    &["by"],
    &["author"],
    &["autor"],
    &["auteur"],
    &["von"],
    &["par"],
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "mon",
    "tuesday",
    "tue",
    "tues",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "thur",
    "thurs",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
    "mo",
    "di",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
];

/// Time zone names, ignored after a time.
const ZONES: &[&str] = &[
    "gmt", "utc", "z", "bst", "cet", "cest", "mez", "mesz", "et", "est", "edt", "ct", "cst", "cdt",
    "mt", "mst", "mdt", "pt", "pst", "pdt", "ist", "aest", "aedt", "jst", "eet", "eest", "wet",
    "west", "msk",
];

/// Units of relative dates ("3 hours ago", "vor 3 Stunden", "il y a 3 heures").
const UNITS: &[&str] = &[
    "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr",
    "hrs", "h", "day", "days", "week", "weeks", "month", "months", "year", "years", "sekunde",
    "sekunden", "minuten", "stunde", "stunden", "std", "tag", "tage", "tagen", "woche", "wochen",
    "monat", "monaten", "jahr", "jahren", "seconde", "secondes", "heure", "heures", "jour",
    "jours", "semaine", "semaines", "mois", "an", "ans",
];

/// Words that, beside the words of section names (`SECTIONS`), a line of two capitalised words
/// before a date often is ("Live Updates – 12 March 2025", "Middle East – …"): never read as a
/// name without "By".
const NOT_NAMES: &[&str] = &[
    "live", "update", "updates", "breaking", "east", "west", "north", "south", "middle", "europe",
    "america", "africa", "asia", "home", "weather", "video", "photos", "the", "press", "release",
    "staff",
];

/// Words of a writer's role after a byline's name ("By Helen Marsh, Transport Correspondent").
const ROLES: &[&str] = &[
    "correspondent",
    "editor",
    "reporter",
    "writer",
    "journalist",
    "columnist",
    "contributor",
    "staff",
    "analyst",
    "critic",
    "producer",
    "photographer",
    "chief",
    "senior",
    "news",
    "team",
    "desk",
    "press",
];

struct Parser<'a> {
    src: &'a str,
    toks: Vec<Tok<'a>>,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Self {
        let mut toks = Vec::new();
        let mut gap_start = 0;
        let mut chars = src.char_indices().peekable();
        let mut prev: Option<char> = None;
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let spaced = |c: char| {
                prev.is_some_and(char::is_whitespace)
                    && next.is_some_and(char::is_whitespace)
                    && matches!(c, '-' | '/')
            };
            let kind = if c.is_ascii_digit() {
                Some(Kind::Num)
            } else if c.is_alphabetic() {
                Some(Kind::Word)
            } else if matches!(c, '|' | '·' | '•' | '–' | '—' | '¦') || spaced(c) {
                Some(Kind::Bar)
            } else {
                None
            };
            prev = Some(c);
            let Some(kind) = kind else { continue };
            let mut end = i + c.len_utf8();
            if kind != Kind::Bar {
                let same = |c: char| {
                    if kind == Kind::Num {
                        c.is_ascii_digit()
                    } else {
                        c.is_alphabetic()
                    }
                };
                while let Some(&(j, n)) = chars.peek() {
                    if !same(n) {
                        break;
                    }
                    end = j + n.len_utf8();
                    prev = Some(n);
                    chars.next();
                }
            }
            toks.push(Tok {
                kind,
                lower: src[i..end].to_lowercase(),
                start: i,
                end,
                gap: &src[gap_start..i],
            });
            gap_start = end;
        }
        Parser { src, toks }
    }

    fn word(&self, i: usize) -> Option<&str> {
        self.toks
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.lower.as_str())
    }

    fn is_word(&self, i: usize, words: &[&str]) -> bool {
        self.word(i).is_some_and(|w| words.contains(&w))
    }

    /// A number and its count of digits.
    fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i).filter(|t| t.kind == Kind::Num)?;
        let n = t.end - t.start;
        (n <= 9).then(|| t.lower.parse().ok().map(|v| (v, n)))?
    }

    fn gap(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.gap)
    }

    /// Words at `i` that match `words`; the index after them.
    fn words(&self, i: usize, words: &[&str]) -> Option<usize> {
        words
            .iter()
            .enumerate()
            .all(|(k, w)| self.word(i + k) == Some(*w))
            .then_some(i + words.len())
    }

    /// The text of tokens `from..to`, whitespace collapsed, as a date's text.
    fn info(&self, from: usize, to: usize, iso: String) -> DateInfo {
        let text = &self.src[self.toks[from].start..self.toks[to - 1].end];
        DateInfo {
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            iso,
        }
    }

    /// A date at `i`, with an optional weekday before it and time and zone after it: its ISO
    /// form and the index after it.
    fn date(&self, i: usize) -> Option<(String, usize)> {
        let start = if self.is_word(i, WEEKDAYS) && self.day(i).is_none() {
            i + 1
        } else {
            i
        };
        let (y, m, d, time, at) = match self.day(start) {
            Some((y, m, d, at)) => match self.time(at) {
                Some((h, min, next)) => (y, m, d, Some((h, min)), self.zone(next)),
                None => (y, m, d, None, at),
            },
            None => self.clock_date(start)?,
        };
        if !(1900..=2100).contains(&y) || Day::new(i64::from(y), m, d).is_none() {
            return None;
        }
        let mut iso = format!("{y:04}-{m:02}-{d:02}");
        if let Some((h, min)) = time {
            iso += &format!("T{h:02}:{min:02}");
        }
        Some((iso, at))
    }

    /// The year after the time, as C's `asctime` and Java write dates: "Feb 18 10:27:24 2022",
    /// "Oct 11 14:57:21 CEST 2021" (after the weekday).
    #[allow(clippy::type_complexity)]
    fn clock_date(&self, i: usize) -> Option<(u32, u32, u32, Option<(u32, u32)>, usize)> {
        let m = self.word(i).and_then(|w| month_number(w, true))?;
        let (d, _) = self.num(i + 1).filter(|&(_, n)| n <= 2)?;
        let (h, min, next) = self.time(i + 2)?;
        let at = self.zone(next);
        let (y, _) = self.num(at).filter(|&(_, n)| n == 4)?;
        Some((y, m, d, Some((h, min)), at + 1))
    }

    /// Year, month and day at `i` in one of the unambiguous orders: "March 12, 2025", "12th
    /// March 2025", "12. März 2025", "2025-03-12", "12.03.2025". Not "12/03/2025".
    fn day(&self, i: usize) -> Option<(u32, u32, u32, usize)> {
        let month = |i: usize| self.word(i).and_then(|w| month_number(w, true));
        let day = |i: usize| self.num(i).filter(|&(_, n)| n <= 2).map(|(v, _)| v);
        let year = |i: usize| self.num(i).filter(|&(_, n)| n == 4).map(|(v, _)| v);
        // "12th", "1er", "1st": a suffix glued to the number.
        let ordinal = |i: usize| {
            self.gap(i).is_empty() && self.is_word(i, &["st", "nd", "rd", "th", "er", "e"])
        };
        let skip_ordinal = |i: usize| if ordinal(i) { i + 1 } else { i };
        if let Some(m) = month(i) {
            let d = day(i + 1)?;
            let at = skip_ordinal(i + 2);
            return Some((year(at)?, m, d, at + 1));
        }
        if let Some(d) = day(i) {
            let mut at = skip_ordinal(i + 1);
            if let Some(m) = month(at) {
                return Some((year(at + 1)?, m, d, at + 2));
            }
            // Day, month and year with dots: the European order.
            at = i + 1;
            let m = day(at).filter(|_| self.gap(at) == ".")?;
            let y = year(at + 1).filter(|_| self.gap(at + 1) == ".")?;
            return Some((y, m, d, at + 2));
        }
        let y = year(i)?;
        let sep = self.gap(i + 1);
        if !matches!(sep, "-" | "/" | ".") || self.gap(i + 2) != sep {
            return None;
        }
        Some((y, day(i + 1)?, day(i + 2)?, i + 3))
    }

    /// A time at `i` (after a connector such as "at", "T", "um", a comma or a dash): hours and
    /// minutes on the 24-hour clock and the index after it. "10:15", "09.30", "10h15", "10:15
    /// a.m.", "10 pm", "10:15:00.000".
    fn time(&self, mut i: usize) -> Option<(u32, u32, usize)> {
        if self.toks.get(i).is_some_and(|t| t.kind == Kind::Bar) {
            i += 1;
        }
        if self.is_word(i, &["at", "à", "um", "t", "a"]) {
            i += 1;
        }
        let (h, hn) = self.num(i)?;
        if hn > 2 {
            return None;
        }
        i += 1;
        let mut min = 0;
        let mut minutes = false;
        if matches!(self.gap(i), ":" | ".") && self.num(i).is_some_and(|(_, n)| n == 2) {
            min = self.num(i)?.0;
            minutes = true;
            i += 1;
            if self.gap(i) == ":" && self.num(i).is_some_and(|(_, n)| n == 2) {
                let (s, _) = self.num(i)?;
                if s > 60 {
                    return None;
                }
                i += 1;
                // A fraction, or milliseconds after a colon.
                if matches!(self.gap(i), "." | "," | ":") && self.num(i).is_some() {
                    i += 1;
                }
            }
        } else if self.gap(i).is_empty() && self.is_word(i, &["h"]) {
            i += 1;
            if self.gap(i).is_empty() && self.num(i).is_some_and(|(_, n)| n == 2) {
                min = self.num(i)?.0;
                i += 1;
            }
            minutes = true;
        }
        let ampm = if self.is_word(i, &["am", "pm"]) {
            i += 1;
            Some(self.word(i - 1) == Some("pm"))
        } else if self.is_word(i, &["a", "p"]) && self.is_word(i + 1, &["m"]) {
            i += 2;
            Some(self.word(i - 2) == Some("p"))
        } else {
            None
        };
        if !minutes && ampm.is_none() {
            return None;
        }
        let h = match ampm {
            Some(pm) if (1..=12).contains(&h) => h % 12 + if pm { 12 } else { 0 },
            Some(_) => return None,
            None => h,
        };
        if self.is_word(i, &["uhr"]) {
            i += 1;
        }
        (h < 24 && min < 60).then_some((h, min, i))
    }

    /// The index after a time zone at `i` ("GMT", "ET", "+01:00", "Z"), or `i`.
    fn zone(&self, mut i: usize) -> usize {
        if self.is_word(i, ZONES) {
            i += 1;
        }
        let signed = |i: usize| {
            self.toks.get(i).is_some_and(|t| {
                t.kind == Kind::Num && t.gap.trim_start().starts_with(['+', '-', '−'])
            })
        };
        if signed(i) && self.num(i).is_some_and(|(_, n)| n <= 4) {
            i += 1;
            if self.gap(i) == ":" && self.num(i).is_some_and(|(_, n)| n == 2) {
                i += 1;
            }
        }
        i
    }

    /// A label and a date, a relative date or a reading time at `i`, and the index after it.
    fn item(&self, i: usize) -> Option<(Item, usize)> {
        if let Some(next) = self.reading_time(i) {
            return Some((Item::ReadingTime, next));
        }
        let (label, at) = LABELS
            .iter()
            .find_map(|(words, label)| Some((*label, self.words(i, words)?)))
            .unwrap_or((Label::None, i));
        if let Some((iso, next)) = self.date(at) {
            return Some((Item::Date(label, self.info(at, next, iso)), next));
        }
        self.relative(at).map(|(minutes, next)| {
            let text = self.info(at, next, String::new()).text;
            (
                Item::Relative(label, minutes.map(|m| Ago { minutes: m, text })),
                next,
            )
        })
    }

    /// "3 hours ago", "an hour ago", "yesterday", "vor 3 Stunden", "il y a 3 heures", "today,
    /// 10:15": the index after it.
    /// With it, how long before the page was saved it says, in minutes, when that is a
    /// number of minutes, hours, days or weeks, or a day ("yesterday": a day): a month or a
    /// year is too loose to give a day.
    fn relative(&self, i: usize) -> Option<(Option<u32>, usize)> {
        let amount = |i: usize| {
            self.num(i).map(|(n, _)| n).or_else(|| {
                self.is_word(i, &["a", "an", "one", "einer", "einem", "un", "une"])
                    .then_some(1)
            })
        };
        // The unit as its minutes: a month or a year has none.
        let unit = |i: usize| self.word(i).filter(|w| UNITS.contains(w)).map(minutes_in);
        let span = |n: Option<u32>, unit: Option<Option<u32>>| Some((n?, unit?));
        let (said, end) = if let Some(said) =
            span(amount(i), unit(i + 1)).filter(|_| self.is_word(i + 2, &["ago"]))
        {
            (Some(said), i + 3)
        } else if let Some(said) =
            span(amount(i + 1), unit(i + 2)).filter(|_| self.is_word(i, &["vor"]))
        {
            (Some(said), i + 3)
        } else if let Some(at) = self.words(i, &["il", "y", "a"]) {
            (Some(span(amount(at), unit(at + 1))?), at + 2)
        } else if self.is_word(i, &["yesterday", "gestern", "hier"]) {
            (Some((1, Some(DAY))), i + 1)
        } else if self.is_word(i, &["today", "heute"]) {
            (Some((0, Some(DAY))), i + 1)
        } else {
            let end = self
                .words(i, &["aujourd", "hui"])
                .or_else(|| self.words(i, &["just", "now"]))?;
            (Some((0, Some(DAY))), end)
        };
        let minutes = said.and_then(|(n, unit)| n.checked_mul(unit?));
        Some((
            minutes,
            self.time(end).map_or(end, |(_, _, next)| self.zone(next)),
        ))
    }

    /// "5 min read", "5 Min. Lesezeit", "Lesezeit: 5 Minuten", "5 min de lecture".
    fn reading_time(&self, i: usize) -> Option<usize> {
        let mins = ["min", "mins", "minute", "minutes", "minuten"];
        if self.is_word(i, &["lesezeit", "lesedauer"]) {
            self.num(i + 1)?;
            return self.is_word(i + 2, &mins).then_some(i + 3);
        }
        self.num(i)?;
        if !self.is_word(i + 1, &mins) {
            return None;
        }
        if self.is_word(i + 2, &["read", "lesezeit", "lecture"]) {
            Some(i + 3)
        } else {
            self.words(i + 2, &["de", "lecture"])
        }
    }

    /// "By NAME", "Written by NAME, Role": the name or names (without the role) and the index
    /// after the byline, which runs to a separator, a date or the end of the line.
    fn byline(&self, i: usize) -> Option<(String, usize)> {
        let first = BYLINE.iter().find_map(|w| self.words(i, w))?;
        let gap = self.gap(first);
        if !(gap.contains(':') || gap.starts_with(char::is_whitespace)) {
            return None;
        }
        let mut end = first;
        while end < self.toks.len()
            && self.toks[end].kind != Kind::Bar
            && (end == first || self.item(end).is_none())
        {
            end += 1;
        }
        if end == first {
            return None;
        }
        let region = &self.src[self.toks[first].start..self.toks[end - 1].end];
        // "Von" and "par" are also prepositions ("Von Risiken und Nebenwirkungen"): after them
        // every word is capitalised, as in a name.
        let preposition = self.is_word(i, &["von", "par"]);
        let name = region.split([',', ';']).next().unwrap_or(region);
        let capitalised = name.split_whitespace().all(|w| {
            w.chars().next().is_some_and(|c| !c.is_lowercase())
                || [
                    "von", "van", "de", "der", "den", "du", "la", "le", "et", "und",
                ]
                .contains(&w)
        });
        if preposition && !capitalised {
            return None;
        }
        Some((names(region)?, end))
    }

    /// The name of a page's section at `i` ("Local news", "World", "Opinion"): words that name
    /// sections only (`SECTIONS`), up to a separator or a comma; the index after them.
    fn section(&self, i: usize) -> Option<usize> {
        let mut end = i;
        while end < self.toks.len() && self.is_word(end, SECTIONS) {
            end += 1;
            if self.gap(end).contains(',') {
                break;
            }
        }
        let ends = self
            .toks
            .get(end)
            .is_some_and(|t| t.kind == Kind::Bar || t.gap.contains(','));
        (end > i && ends).then_some(end)
    }

    /// The kind of text words `i..end` name, if any (`KINDS`).
    fn kind_in(&self, i: usize, end: usize) -> Option<&'static str> {
        (i..end).find_map(|k| {
            let w = self.word(k)?;
            KINDS
                .iter()
                .find(|(word, _)| *word == w)
                .map(|(_, kind)| *kind)
        })
    }

    /// A line that starts with a name and no "By" before it, up to a separator: the name and
    /// the index after it.
    fn bare_name(&self) -> Option<(String, usize)> {
        let end = self.toks.iter().position(|t| t.kind == Kind::Bar)?;
        if end == 0 || (0..end).any(|i| self.is_word(i, SECTIONS) || self.is_word(i, NOT_NAMES)) {
            return None;
        }
        let name = &self.src[self.toks[0].start..self.toks[end - 1].end];
        looks_like_name(name).then(|| (collapse(name), end))
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The names of a byline after its "By", without the writer's role: "Helen Marsh",
/// "Helen Marsh and Tom Reed", "Helen Marsh" of "Helen Marsh, Transport Correspondent".
fn names(region: &str) -> Option<String> {
    let one = |part: &str, most: usize| {
        let part = part.trim();
        !part.is_empty()
            && part.split_whitespace().count() <= most
            && !part.ends_with(['.', '!', '?', ',', ':', ';'])
            && part.chars().next().is_some_and(char::is_uppercase)
    };
    // Names joined by "and": each a name of two to four words.
    let joined = |part: &str| {
        let pieces: Vec<&str> = part
            .split(" and ")
            .flat_map(|p| p.split(" & "))
            .flat_map(|p| p.split(" und "))
            .flat_map(|p| p.split(" et "))
            .collect();
        if pieces.len() == 1 {
            one(part, 5)
        } else {
            pieces
                .iter()
                .all(|p| one(p, 4) && p.split_whitespace().count() >= 2)
        }
    };
    let mut parts = region.split([',', ';']);
    let first = parts.next()?;
    if !joined(first) {
        return None;
    }
    let mut end = first.trim_end().len();
    let mut offset = first.len() + 1;
    let mut role_words = 0;
    let mut in_role = false;
    for part in parts {
        let p = part.trim();
        let has_role = lower_words(p).iter().any(|w| ROLES.contains(&w.as_str()));
        let name = looks_like_name(p) || (joined(p) && p.contains(" and "));
        if !in_role && !has_role && !p.contains(':') && name {
            end = offset + part.trim_end().len();
        } else {
            in_role = true;
            let lower = p.to_lowercase();
            // "Transport Correspondent", "in Paris", "dpa".
            let ok = p.chars().next().is_some_and(char::is_uppercase)
                || p.split_whitespace().count() <= 2
                || ["in ", "at ", "for ", "from ", "with "]
                    .iter()
                    .any(|w| lower.starts_with(w));
            role_words += p.split_whitespace().count();
            if !ok || p.ends_with(['.', '!', '?']) || role_words > 8 {
                return None;
            }
        }
        offset += part.len() + 1;
    }
    let name = collapse(&region[..end]);
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(d: &Option<DateInfo>) -> Option<&str> {
        d.as_ref().map(|d| d.iso.as_str())
    }

    fn text(d: &Option<DateInfo>) -> Option<&str> {
        d.as_ref().map(|d| d.text.as_str())
    }

    #[test]
    fn dates_in_three_languages() {
        for (t, iso) in [
            ("Mar 3, 2025\u{a0}-\u{a0}10:19", "2025-03-03T10:19"),
            ("January 17, 2025", "2025-01-17"),
            ("3 mars 2025", "2025-03-03"),
            ("3. März 2025", "2025-03-03"),
            ("2024-12-01", "2024-12-01"),
            ("29 February 2024", "2024-02-29"),
            ("Wed 12 Mar 2025 09.30 GMT", "2025-03-12T09:30"),
            ("Tuesday, 11 March 2025", "2025-03-11"),
            ("March 13, 2025 at 10:15 a.m. ET", "2025-03-13T10:15"),
            ("March 13th, 2025, 3:05 pm", "2025-03-13T15:05"),
            ("12 March 2025 12 a.m.", "2025-03-12T00:00"),
            ("1er mars 2025 à 10h15", "2025-03-01T10:15"),
            ("12.03.2025, 10:15 Uhr", "2025-03-12T10:15"),
            ("2025/03/12", "2025-03-12"),
        ] {
            assert_eq!(parse_date(t).map(|d| d.iso), Some(iso.to_owned()), "{t}");
        }
        assert_eq!(
            parse_date("Mar 3, 2025\u{a0}-\u{a0}10:19").unwrap().text,
            "Mar 3, 2025 - 10:19"
        );
        for t in [
            "In March 2025 the talks",
            "Mar 45, 2025",
            // Days the calendar does not have.
            "Feb 31, 2025",
            "29 February 2025",
            "2025-04-31",
            "2025-02-30",
            "The 2025 treaty",
            "17",
            // Day and month order unknown.
            "12/03/2025",
            "03-12-2025",
            "12 March 1850",
            "12 March 2025 25:00",
            "12 March 2025 13 pm",
            "March 2025",
        ] {
            assert_eq!(parse_date(t), None, "{t}");
        }
    }

    #[test]
    fn metadata_dates() {
        for (t, iso) in [
            ("2025-03-12", "2025-03-12"),
            ("2025-03-12T10:15:00+01:00", "2025-03-12T10:15"),
            ("2025-03-12T10:15:00Z", "2025-03-12T10:15"),
            ("2025-03-12T10:15:00.123456-05:00", "2025-03-12T10:15"),
            ("2025-03-12T10:15", "2025-03-12T10:15"),
            ("2025-03-12 10:15:00", "2025-03-12T10:15"),
            ("2025-03-12T10:15:00+0100", "2025-03-12T10:15"),
            ("Wed, 12 Mar 2025 09:30:00 +0100", "2025-03-12T09:30"),
            ("Wed, 12 Mar 2025 09:30:00 GMT", "2025-03-12T09:30"),
            ("2022-01-10T22:06:08:684Z", "2022-01-10T22:06"),
            ("Fri Feb 18 10:27:24 2022", "2022-02-18T10:27"),
            ("Mon Oct 11 14:57:21 CEST 2021", "2021-10-11T14:57"),
            ("March 12, 2025", "2025-03-12"),
        ] {
            assert_eq!(iso_date(t).as_deref(), Some(iso), "{t}");
        }
        for t in [
            "2025-02-30",
            "2025-13-01",
            "1899-12-31T10:00",
            "2101-01-01",
            "2025-03-12T24:00",
            "2025-03-12 garbage",
            "12/03/2025",
            "",
            "2025",
            "99999999999-01-01",
        ] {
            assert_eq!(iso_date(t), None, "{t}");
        }
        assert_eq!(iso_date(&"2025-03-12 ".repeat(50)), None);
    }

    #[test]
    fn bylines() {
        let author = |t: &str| read(t).and_then(|d| d.author);
        assert_eq!(author("By: A.Yeganeh").as_deref(), Some("A.Yeganeh"));
        assert_eq!(author("Written by Jane Roe").as_deref(), Some("Jane Roe"));
        assert_eq!(author("By the end of the war, they had left."), None);
        assert_eq!(author("By Monday, the ministers had agreed"), None);
        assert_eq!(author("Bypass"), None);
        assert_eq!(author("By 2030 the plan"), None);
        assert_eq!(
            author("By Helen Marsh, Transport Correspondent").as_deref(),
            Some("Helen Marsh")
        );
        assert_eq!(
            author("By Helen Marsh, Transport Correspondent, in Paris").as_deref(),
            Some("Helen Marsh")
        );
        assert_eq!(
            author("By Helen Marsh and Tom Reed").as_deref(),
            Some("Helen Marsh and Tom Reed")
        );
        assert_eq!(
            author("By Helen Marsh, Tom Reed and Ann Lee").as_deref(),
            Some("Helen Marsh, Tom Reed and Ann Lee")
        );
        assert_eq!(author("Von Helmut Kranz").as_deref(), Some("Helmut Kranz"));
        assert_eq!(
            author("von MORITZ PAPPERT").as_deref(),
            Some("MORITZ PAPPERT")
        );
        // Headings that start with the preposition.
        assert_eq!(author("Von Risiken und Nebenwirkungen"), None);
        assert_eq!(
            author("Von David Hutzler, dpa").as_deref(),
            Some("David Hutzler")
        );
        assert_eq!(
            author("Autor: Fabian Dittmann; Illustrator: Adriaan Prent").as_deref(),
            Some("Fabian Dittmann")
        );
        assert_eq!(author("Von Barzahler-Rabatten profitieren"), None);
        assert_eq!(
            author("By Tom Pyman for MailOnline").as_deref(),
            Some("Tom Pyman for MailOnline")
        );
        assert_eq!(
            author("Par Hélène Martin").as_deref(),
            Some("Hélène Martin")
        );
        assert_eq!(author("Par ailleurs, le gouvernement"), None);
    }

    #[test]
    fn combined_lines() {
        let d = read("By Helen Marsh | 12 March 2025").unwrap();
        assert_eq!(d.author.as_deref(), Some("Helen Marsh"));
        assert_eq!(iso(&d.published), Some("2025-03-12"));
        assert_eq!(text(&d.published), Some("12 March 2025"));

        let d = read("Published 12 March 2025 | Updated 13 March 2025, 10:15").unwrap();
        assert_eq!(d.author, None);
        assert_eq!(iso(&d.published), Some("2025-03-12"));
        assert_eq!(iso(&d.modified), Some("2025-03-13T10:15"));
        assert_eq!(text(&d.modified), Some("13 March 2025, 10:15"));

        let d = read("Published: Wed 12 Mar 2025 09.30 GMT").unwrap();
        assert_eq!(iso(&d.published), Some("2025-03-12T09:30"));
        assert_eq!(text(&d.published), Some("Wed 12 Mar 2025 09.30 GMT"));

        let d = read("Updated March 13, 2025 at 10:15 a.m. ET").unwrap();
        assert_eq!(
            (iso(&d.published), iso(&d.modified)),
            (None, Some("2025-03-13T10:15"))
        );

        let d = read("Posted on Tuesday, 11 March 2025").unwrap();
        assert_eq!(iso(&d.published), Some("2025-03-11"));

        let d = read("Publié le 12 mars 2025 à 10h15, mis à jour le 13 mars 2025 à 11h00").unwrap();
        assert_eq!(iso(&d.published), Some("2025-03-12T10:15"));
        assert_eq!(iso(&d.modified), Some("2025-03-13T11:00"));

        let d = read("Veröffentlicht am 12. März 2025 | Aktualisiert am 13. März 2025, 08:05 Uhr")
            .unwrap();
        assert_eq!(iso(&d.published), Some("2025-03-12"));
        assert_eq!(iso(&d.modified), Some("2025-03-13T08:05"));

        let d = read("Stand: 13.03.2025 10:15 Uhr").unwrap();
        assert_eq!(iso(&d.modified), Some("2025-03-13T10:15"));

        let d =
            read("By Helen Marsh, Transport Correspondent · 12 March 2025 · 5 min read").unwrap();
        assert_eq!(d.author.as_deref(), Some("Helen Marsh"));
        assert_eq!(iso(&d.published), Some("2025-03-12"));

        let d = read("Von Helmut Kranz, 12.03.2025").unwrap();
        assert_eq!(d.author.as_deref(), Some("Helmut Kranz"));
        assert_eq!(iso(&d.published), Some("2025-03-12"));

        let d = read("12 March 2025 | by Helen Marsh").unwrap();
        assert_eq!(d.author.as_deref(), Some("Helen Marsh"));
        // A byline starts the line or a part of it: this names the book's publisher.
        assert_eq!(read("Published 12 March 2025 by Penguin Books"), None);

        // Relative dates are kept as such, to be read against the day the page was saved.
        let ago = |minutes: u32, text: &str| {
            Some(Ago {
                minutes,
                text: text.into(),
            })
        };
        let d = read("Helen Marsh – 3 hours ago").unwrap();
        assert_eq!(d.author.as_deref(), Some("Helen Marsh"));
        assert_eq!((d.published, d.modified), (None, None));
        assert_eq!(d.published_ago, ago(180, "3 hours ago"));
        let d = read("By Helen Marsh | Updated 2 days ago").unwrap();
        assert_eq!(d.author.as_deref(), Some("Helen Marsh"));
        assert_eq!((d.modified, d.published_ago), (None, None));
        assert_eq!(d.modified_ago, ago(2 * 1440, "2 days ago"));
        for (line, minutes, text) in [
            ("3 hours ago", 180, "3 hours ago"),
            ("Posted an hour ago", 60, "an hour ago"),
            ("vor 20 Minuten", 20, "vor 20 Minuten"),
            ("il y a 2 jours", 2 * 1440, "il y a 2 jours"),
            ("Yesterday, 18:40", 1440, "Yesterday, 18:40"),
            ("Updated 1 week ago", 7 * 1440, "1 week ago"),
        ] {
            let d = read(line).unwrap_or_else(|| panic!("{line}"));
            let got = d.published_ago.or(d.modified_ago);
            assert_eq!(got, ago(minutes, text), "{line}");
        }
        // A month or a year gives no day, but the name is read.
        let d = read("Helen Marsh – 2 months ago").unwrap();
        assert_eq!(
            (d.author.as_deref(), d.published_ago),
            (Some("Helen Marsh"), None)
        );
        let d = read("Helen Marsh – 12 March 2025").unwrap();
        assert_eq!(d.author.as_deref(), Some("Helen Marsh"));
        assert_eq!(iso(&d.published), Some("2025-03-12"));
    }

    /// "3 hours ago" names a day only against when the page was saved: the same day while
    /// the hours stay within it, else the day before; a day's unit counts whole days.
    #[test]
    fn a_relative_date_is_a_day_before_the_saving() {
        let ago = |minutes: u32| Ago {
            minutes,
            text: "x".into(),
        };
        let on = |minutes, saved| ago(minutes).on(saved).map(|d| d.iso);
        assert_eq!(on(180, "2025-03-12T18:40").as_deref(), Some("2025-03-12"));
        assert_eq!(on(180, "2025-03-12T02:30").as_deref(), Some("2025-03-11"));
        assert_eq!(on(150, "2025-03-12T02:30").as_deref(), Some("2025-03-12"));
        assert_eq!(on(1440, "2025-03-01T23:59").as_deref(), Some("2025-02-28"));
        assert_eq!(on(2 * 1440, "2024-03-01").as_deref(), Some("2024-02-28"));
        assert_eq!(on(0, "2025-01-01T00:00").as_deref(), Some("2025-01-01"));
        assert_eq!(
            on(7 * 1440, "2025-01-03T09:00").as_deref(),
            Some("2024-12-27")
        );
        assert_eq!(on(180, "not a date"), None);
        assert_eq!(ago(180).on("2025-03-12").unwrap().text, "x");
    }

    /// A section's name before the date is no writer's name, but it and a writer's role say
    /// what kind of text the page is.
    #[test]
    fn sections_and_roles_name_the_kind_of_text() {
        for (t, author, date, kind) in [
            (
                "World News – 12 March 2025",
                None,
                Some("2025-03-12"),
                Some("news"),
            ),
            (
                "Local news, 12 March 2025",
                None,
                Some("2025-03-12"),
                Some("news"),
            ),
            (
                "Opinion | 12 March 2025",
                None,
                Some("2025-03-12"),
                Some("opinion"),
            ),
            (
                "By Tom Reed, Opinion Editor",
                Some("Tom Reed"),
                None,
                Some("opinion"),
            ),
            (
                "By Tom Reed, Columnist | 3 May 2024",
                Some("Tom Reed"),
                Some("2024-05-03"),
                Some("opinion"),
            ),
            (
                "Analysis · 3 May 2024",
                None,
                Some("2024-05-03"),
                Some("analysis"),
            ),
            ("World – 3 May 2024", None, Some("2024-05-03"), None),
            (
                "By Helen Marsh | 12 March 2025",
                Some("Helen Marsh"),
                Some("2025-03-12"),
                None,
            ),
            // A name that holds a kind's word is no role (review of 2026-12-06).
            (
                "By Sky News | 12 March 2025",
                Some("Sky News"),
                Some("2025-03-12"),
                None,
            ),
        ] {
            let d = read(t).unwrap_or_else(|| panic!("{t}"));
            assert_eq!(d.author.as_deref(), author, "{t}");
            assert_eq!(iso(&d.published), date, "{t}");
            assert_eq!(d.kind, kind, "{t}");
        }
    }

    #[test]
    fn prose_and_ambiguity_are_not_date_lines() {
        for t in [
            "The treaty was signed on 17 January 2025.",
            "On 17 January 2025 the treaty was signed.",
            "Published in 2025 by a small press",
            "Updated daily",
            "12/03/2025",
            "By Helen Marsh | 12/03/2025",
            "5 min read",
            // Too loose to give a day.
            "2 months ago",
            "World News",
            "Local news, the story",
            // A word of no section's name: no date line ("Update" is no published date).
            "Update, 12 March 2025",
            "Staff, 12 March 2025",
            "Helen Marsh – the story",
            "Helen Marsh",
            "Published",
            "Updated 2025-02-30",
            "",
            "|||",
        ] {
            assert_eq!(read(t), None, "{t}");
        }
        let long = format!("By Helen Marsh | {}", "12 March 2025 | ".repeat(20));
        assert_eq!(read(&long), None);
    }

    #[test]
    fn cleaning_removes_a_combined_line_as_one_block() {
        use crate::model::RemovalKind;
        let raw = "A Harbour Deal\n\nBy Helen Marsh | Published 12 March 2025 | Updated 13 March 2025, 10:15\n\nThe treaty was signed on 17 January 2025.\n";
        let c = crate::clean::clean(raw);
        assert_eq!(c.byline.map(|b| b.name).as_deref(), Some("Helen Marsh"));
        assert_eq!(iso(&c.date), Some("2025-03-12"));
        assert_eq!(iso(&c.modified), Some("2025-03-13T10:15"));
        let kinds: Vec<RemovalKind> = c.removed.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, vec![RemovalKind::Byline]);
        // The sentence that mentions a date stays a paragraph.
        assert_eq!(c.blocks.len(), 1);

        let raw = "Title\n\nUpdated March 13, 2025 at 10:15 a.m. ET\n\nBody text of the page.\n";
        let c = crate::clean::clean(raw);
        assert_eq!((c.date, iso(&c.modified)), (None, Some("2025-03-13T10:15")));
        assert_eq!(c.removed[0].kind, RemovalKind::Dateline);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "By",
            "By:",
            "|",
            "-",
            " - ",
            "Published:",
            "12",
            "12:",
            "12.",
            "2025-",
            "2025-03-",
            "By ,",
            "By A,",
            ",,,",
            "İ 12 März",
            "by\u{a0}",
            "9999999999999999999 March 2025",
            "12 March 2025 T",
            "12 March 2025 at",
            "12 March 2025 10:",
            "a.m.",
            "By ẞ and",
        ] {
            let _ = read(t);
            let _ = parse_date(t);
            let _ = iso_date(t);
        }
    }
}
