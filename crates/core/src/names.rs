//! People, places and organisations found in a corpus's own texts, for a corpus that ships no `entities.toml`: runs of capitalised words, their variants merged ("Olsen" and "Mayor Petra Olsen" are "Petra Olsen"), each kept only when its sentences say what kind of name it is.
//!
//! A name is a run of capitalised words inside a sentence ("Petra Olsen", "Lindau Cycling
//! Club"), joined by "of" after a word such as Bank or Republic ("Bank of England"), ended by punctuation or a
//! possessive ("Lindau's"). A capitalised word that opens a sentence starts a name only when the
//! corpus also writes it capitalised inside a sentence. Titles before a name ("Mayor", "Dr")
//! are no part of it but say it is a person's. The kind comes from what the sentences say:
//! - an organisation has a word such as Council, Club, Ministry, or is an acronym (NATO);
//! - a person follows a title (two cues; "Russian Foreign Minister Sergei Lavrov" is Sergei
//!   Lavrov), or "said" is next to the name (one cue);
//! - a place follows "in", "from", "near", "across" or "of", or comes before "district",
//!   "city"… (one cue);
//!
//! and a name is a person's when it has more cues of a person than of a place ("Moscow said" once
//! does not make Moscow a person). A name no sentence gives a kind is left out, and so is one of
//! a single passage, or a word that describes ("Russian", "Western"): a reader's facet of guesses
//! would mislead. A one-word name that is the last word of exactly one person's longer name is
//! that person. At most [`MAX_NAMES`], those most sources name first. Two passes over the words,
//! then work in proportion to the distinct names.

use crate::model::{Corpus, Entity, EntityKind};
use std::collections::{BTreeMap, BTreeSet};

/// Names kept at most.
pub const MAX_NAMES: usize = 30;
/// Words in a name at most, its titles left out: a longer run of capitals is a headline or a
/// list, not a name.
pub const MAX_NAME_WORDS: usize = 5;

/// Titles before a person's name.
const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Mayor",
    "President",
    "Minister",
    "Senator",
    "Governor",
    "Councillor",
    "Chancellor",
    "Professor",
    "Prof",
    "Sir",
    "Judge",
    "General",
    "Ayatollah",
    "Sheikh",
];
/// Last words of an organisation's name.
const ORGANISATION_WORDS: &[&str] = &[
    "Council",
    "Club",
    "Association",
    "Department",
    "Ministry",
    "Party",
    "Agency",
    "Office",
    "Committee",
    "Union",
    "Bank",
    "Group",
    "Company",
    "Corporation",
    "University",
    "Institute",
    "Parliament",
    "Government",
    "Army",
    "Court",
    "Commission",
    "Organisation",
    "Organization",
    "Foundation",
    "Fund",
    "Forces",
    "Guard",
    "Assembly",
    "Senate",
    "Congress",
    "Times",
    "Post",
    "News",
    "Network",
];
/// Words that a name continues after with "of" ("Republic of Iran", "Gulf of Oman"), beside
/// those of an organisation ("Bank of England"); after any other, "of" ends the name
/// ("Masoud Pezeshkian of Iran" is two names).
const OF_HEADS: &[&str] = &[
    "Republic",
    "Kingdom",
    "Federation",
    "States",
    "Gulf",
    "Sea",
    "Bay",
    "Strait",
    "Isle",
    "Lake",
    "Cape",
    "Province",
    "City",
];
/// Words before a place's name.
const BEFORE_PLACE: &[&str] = &["in", "from", "near", "of", "across"];
/// Words after a place's name.
const AFTER_PLACE: &[&str] = &[
    "district", "city", "region", "province", "county", "river", "street", "road", "square",
    "border", "port", "coast", "island", "valley", "state", "town", "village", "harbour",
];
/// Words next to a person's name when they speak.
const SPEAKS: &[&str] = &["said", "says", "told", "added", "wrote", "argued", "warned"];

/// A word of a sentence: its text without the punctuation around it, whether punctuation (or
/// a possessive) ends it, and whether it is capitalised.
struct Word<'a> {
    text: &'a str,
    ends: bool,
    capital: bool,
}

fn words(sentence: &str) -> Vec<Word<'_>> {
    sentence
        .split_whitespace()
        .filter_map(|piece| {
            crate::probe::step(1);
            let core = piece.trim_matches(|c: char| !c.is_alphanumeric());
            if core.is_empty() {
                return None;
            }
            let (text, possessive) = match core
                .strip_suffix("'s")
                .or_else(|| core.strip_suffix("\u{2019}s"))
            {
                Some(t) if !t.is_empty() => (t, true),
                _ => (core, false),
            };
            let after = &piece[piece.find(core).unwrap_or(0) + core.len()..];
            Some(Word {
                text,
                ends: possessive || !after.is_empty(),
                capital: text.chars().next().is_some_and(char::is_uppercase),
            })
        })
        .collect()
}

fn is(word: Option<&Word>, list: &[&str]) -> bool {
    word.is_some_and(|w| list.iter().any(|x| x.eq_ignore_ascii_case(w.text)))
}

/// What the texts say of one name.
#[derive(Default)]
struct Seen {
    /// Each spelling and how often.
    forms: BTreeMap<String, usize>,
    passages: BTreeSet<(usize, usize)>,
    sources: BTreeSet<usize>,
    /// Cues of a person (a title counts two, "said" one) and of a place.
    person: usize,
    place: usize,
    organisation: bool,
}

impl Seen {
    fn kind(&self) -> Option<EntityKind> {
        if self.organisation {
            Some(EntityKind::Organisation)
        } else if self.person > self.place {
            Some(EntityKind::Person)
        } else if self.place > 0 {
            Some(EntityKind::Place)
        } else {
            None
        }
    }

    fn absorb(&mut self, other: Seen) {
        for (form, n) in other.forms {
            *self.forms.entry(form).or_default() += n;
        }
        self.passages.extend(other.passages);
        self.sources.extend(other.sources);
        self.person += other.person;
        self.place += other.place;
    }
}

/// A word that describes rather than names ("Russian troops", "Western sanctions", "Israeli
/// officials"): an adjective of a people or a direction.
fn is_adjective(word: &str) -> bool {
    ["ian", "ern", "ese", "ish", "ean", "eli", "aqi"]
        .iter()
        .any(|end| word.len() > end.len() + 2 && word.ends_with(end))
}

/// The people, places and organisations of `corpus`, found in its passages (see the module).
pub fn entities(corpus: &Corpus) -> Vec<Entity> {
    // Words written capitalised inside a sentence somewhere: a sentence's first word is a name
    // only if it is one of these.
    let mut inside: BTreeSet<&str> = BTreeSet::new();
    let sentences = || {
        corpus.documents.iter().enumerate().flat_map(|(d, doc)| {
            doc.passages
                .iter()
                .enumerate()
                .flat_map(move |(p, passage)| {
                    passage.sentences.iter().filter_map(move |s| {
                        passage
                            .text
                            .get(s.start as usize..s.end as usize)
                            .map(|t| (d, p, t))
                    })
                })
        })
    };
    for (_, _, s) in sentences() {
        for w in words(s).iter().skip(1).filter(|w| w.capital) {
            inside.insert(w.text);
        }
    }
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    for (d, p, s) in sentences() {
        let ws = words(s);
        let mut i = 0;
        while i < ws.len() {
            let starts = ws[i].capital
                && (i > 0 || inside.contains(ws[i].text))
                && crate::lang::is_content_word(&ws[i].text.to_lowercase())
                && crate::strings::month_number(ws[i].text, false).is_none()
                && crate::strings::weekday(ws[i].text).is_none();
            if !starts {
                i += 1;
                continue;
            }
            // The run: capitalised words, "of" between two of them (the whole run, however long:
            // a run of more than MAX_NAME_WORDS after its titles is no name).
            let mut j = i + 1;
            while j < ws.len() && !ws[j - 1].ends {
                if ws[j].capital {
                    j += 1;
                } else if ws[j].text == "of"
                    && !ws[j].ends
                    && ws.get(j + 1).is_some_and(|w| w.capital)
                    && (ORGANISATION_WORDS.contains(&ws[j - 1].text)
                        || OF_HEADS.contains(&ws[j - 1].text))
                {
                    j += 2;
                } else {
                    break;
                }
            }
            let (from, to) = (i, j);
            i = j;
            // Titles and what comes before them are no part of the name ("Russian Foreign
            // Minister Sergei Lavrov" is Sergei Lavrov), but say whose it is.
            let titled = (from..to).rev().find(|&k| is(Some(&ws[k]), TITLES));
            let start = titled.map_or(from, |k| k + 1);
            let run = &ws[start..to];
            if run.is_empty()
                || run.len() > MAX_NAME_WORDS
                || run.len() == 1 && is_adjective(run[0].text)
            {
                continue;
            }
            let name = run.iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
            let before = start.checked_sub(1).map(|k| &ws[k]);
            let after = ws.get(to);
            let last = run[run.len() - 1].text;
            let e = seen.entry(name.to_lowercase()).or_default();
            *e.forms.entry(name).or_default() += 1;
            e.passages.insert((d, p));
            e.sources.insert(d);
            e.organisation |= run.iter().any(|w| ORGANISATION_WORDS.contains(&w.text))
                || run.len() == 1
                    && last.len() >= 2
                    && last.chars().all(|c| c.is_ascii_uppercase());
            if titled.is_some() || is(before, TITLES) {
                e.person += 2;
            }
            if is(before, SPEAKS) || is(after, SPEAKS) && !run[run.len() - 1].ends {
                e.person += 1;
            }
            if is(before, BEFORE_PLACE) || is(after, AFTER_PLACE) {
                e.place += 1;
            }
        }
    }
    // A one-word name that is the last word of exactly one person's longer name is that person
    // ("Olsen" of "Petra Olsen").
    let mut by_last: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, e) in &seen {
        if let Some((_, last)) = key.rsplit_once(' ') {
            if e.kind() == Some(EntityKind::Person) && seen.contains_key(last) {
                by_last
                    .entry(last.to_owned())
                    .or_default()
                    .push(key.clone());
            }
        }
    }
    for (last, longer) in by_last {
        if let [only] = longer.as_slice() {
            if let Some(alone) = seen.remove(&last) {
                if let Some(e) = seen.get_mut(only) {
                    e.absorb(alone);
                }
            }
        }
    }
    let mut kept: Vec<(usize, usize, String, Entity)> = seen
        .into_iter()
        .filter(|(_, e)| e.passages.len() >= 2)
        .filter_map(|(key, e)| {
            let kind = e.kind()?;
            // The longest spelling is its name, the others its aliases.
            let mut forms: Vec<(String, usize)> = e.forms.into_iter().collect();
            crate::sort::sort_by_key(&mut forms, |(f, n)| {
                (
                    std::cmp::Reverse(f.split(' ').count()),
                    std::cmp::Reverse(*n),
                )
            });
            let name = forms[0].0.clone();
            let aliases = forms[1..].iter().map(|(f, _)| f.clone()).collect();
            let entity = Entity {
                id: String::new(),
                name,
                kind,
                aliases,
            };
            Some((e.sources.len(), e.passages.len(), key, entity))
        })
        .collect();
    crate::sort::sort_by_key(&mut kept, |(sources, passages, key, _)| {
        (
            std::cmp::Reverse(*sources),
            std::cmp::Reverse(*passages),
            key.clone(),
        )
    });
    kept.truncate(MAX_NAMES);
    let mut ids: BTreeSet<String> = BTreeSet::new();
    kept.into_iter()
        .map(|(_, _, _, mut e)| {
            let slug = slug(&e.name);
            let mut id = slug.clone();
            let mut n = 2;
            while !ids.insert(id.clone()) {
                id = format!("{slug}-{n}");
                n += 1;
            }
            e.id = id;
            e
        })
        .collect()
}

/// An id for a link: the name's letters and digits, lower-cased and folded to ASCII where they
/// can be, words joined by "-" ("Petra Olsen" → "petra-olsen").
fn slug(name: &str) -> String {
    let folded = crate::text::fold(name);
    let words: Vec<String> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    if words.is_empty() {
        "name".to_owned()
    } else {
        words.join("-")
    }
}
