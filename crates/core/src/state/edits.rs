//! The reader's changes to the corpus's own themes, carried in the link: a theme renamed (`rename=found-2:Tram%20plan`), joined into another (`merge=found-4:found-1`) or hidden (`hide=found-3,found-5`); read (`parse`) and applied to the themes (`ThemeEdits::apply`).
//!
//! Themes found in a corpus's own texts are named by their top words ("tram, depot, line"); a
//! teacher gives them a name, joins two that are one topic and hides one that is noise, and a
//! student who opens the link sees the same themes. Each change names a theme of the corpus (not
//! a reader-defined one, which the reader edits as a whole). A theme joined into another, or
//! hidden, is no longer a theme of the view: a filter on it follows it into the theme it joined,
//! or goes.

use super::fragment::{clean_text, decode};
use super::{param, Notice, Raw, MAX_LABEL_CHARS};
use crate::model::Theme;

/// What the reader changed of the corpus's themes. In a parsed state every id is a theme of the
/// corpus, each list in corpus order with no id twice; no theme is both joined and hidden, and
/// none is joined into a theme that is itself joined or hidden.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeEdits {
    /// A theme and the name the reader gave it.
    pub renamed: Vec<(String, String)>,
    /// A theme and the theme it joins: its words tag passages as that theme's.
    pub merged: Vec<(String, String)>,
    /// Themes the views leave out.
    pub hidden: Vec<String>,
}

/// No change: the corpus's themes as they are (for a link that carries none, as a `'static`).
pub static NO_THEME_CHANGES: ThemeEdits = ThemeEdits {
    renamed: Vec::new(),
    merged: Vec::new(),
    hidden: Vec::new(),
};

impl ThemeEdits {
    pub fn is_empty(&self) -> bool {
        self.renamed.is_empty() && self.merged.is_empty() && self.hidden.is_empty()
    }

    /// Where a link's mention of theme `id` leads: the theme itself, the theme it was joined
    /// into, or nothing when it is hidden.
    pub fn resolve<'a>(&'a self, id: &'a str) -> Option<&'a str> {
        if self.hidden.iter().any(|h| h == id) {
            return None;
        }
        Some(
            self.merged
                .iter()
                .find(|(from, _)| from == id)
                .map_or(id, |(_, into)| into.as_str()),
        )
    }

    /// The name the reader gave theme `id`, if any.
    pub fn name_of(&self, id: &str) -> Option<&str> {
        self.renamed
            .iter()
            .find(|(t, _)| t == id)
            .map(|(_, name)| name.as_str())
    }

    /// The themes joined into theme `id`, in corpus order.
    pub fn joined_into<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.merged
            .iter()
            .filter(move |(_, into)| into == id)
            .map(|(from, _)| from.as_str())
    }

    /// Theme `id` named `name`; its name in the corpus (`label`), or an empty one, undoes the
    /// renaming. Corpus order is kept (`themes`, the corpus's).
    pub fn rename(&mut self, id: &str, name: &str, label: &str, themes: &[Theme]) {
        // Cleaned as a link's name is, so that the link reads back the same name.
        let name = clean_text(name, MAX_LABEL_CHARS);
        self.renamed.retain(|(t, _)| t != id);
        if !name.is_empty() && name != label {
            self.renamed.push((id.to_owned(), name));
        }
        crate::sort::sort_by_key(&mut self.renamed, |(t, _)| order(themes, t));
    }

    /// Whether theme `from` can join theme `into`: two themes, neither hidden nor joined
    /// itself, and none joined into `from` (a join does not chain).
    pub fn can_join(&self, from: &str, into: &str) -> bool {
        let free = |id: &str| self.resolve(id) == Some(id);
        from != into && free(from) && free(into) && self.joined_into(from).next().is_none()
    }

    /// Theme `from` joined into theme `into`, when it can be (`can_join`).
    pub fn join(&mut self, from: &str, into: &str, themes: &[Theme]) -> bool {
        if !self.can_join(from, into) {
            return false;
        }
        self.merged.push((from.to_owned(), into.to_owned()));
        crate::sort::sort_by_key(&mut self.merged, |(t, _)| order(themes, t));
        true
    }

    /// Theme `id` hidden; the themes joined into it, or it into one, are no longer joined.
    pub fn hide(&mut self, id: &str, themes: &[Theme]) {
        self.merged.retain(|(from, into)| from != id && into != id);
        if !self.hidden.iter().any(|h| h == id) {
            self.hidden.push(id.to_owned());
        }
        crate::sort::sort_by_key(&mut self.hidden, |t| order(themes, t));
    }

    /// Theme `id` shown again and on its own: not hidden, not joined into another (its name
    /// kept).
    pub fn restore(&mut self, id: &str) {
        self.hidden.retain(|h| h != id);
        self.merged.retain(|(from, _)| from != id);
    }

    /// The corpus's themes as the reader changed them, in corpus order: renamed, each with the
    /// terms of the themes joined into it after its own (no term twice), the joined and the
    /// hidden ones left out. The description says what the reader changed.
    pub fn apply(&self, themes: &[Theme]) -> Vec<Theme> {
        let by_id = |id: &str| themes.iter().find(|t| t.id == id);
        themes
            .iter()
            .filter(|t| self.resolve(&t.id) == Some(t.id.as_str()))
            .map(|t| {
                let mut out = t.clone();
                let mut said = Vec::new();
                if let Some(name) = self.name_of(&t.id) {
                    out.label = name.to_owned();
                    said.push(format!("Renamed by a reader (it was “{}”).", t.label));
                }
                let joined: Vec<&Theme> = self.joined_into(&t.id).filter_map(by_id).collect();
                for j in &joined {
                    for term in &j.terms {
                        if !out.terms.contains(term) {
                            out.terms.push(term.clone());
                        }
                    }
                }
                if !joined.is_empty() {
                    let names: Vec<String> =
                        joined.iter().map(|j| format!("“{}”", j.label)).collect();
                    said.push(format!(
                        "Joined by a reader with {}.",
                        crate::strings::and_list(&names)
                    ));
                }
                if !said.is_empty() {
                    let stop = if t.description.is_empty() || t.description.ends_with('.') {
                        ""
                    } else {
                        "."
                    };
                    out.description = format!("{}{stop} {}", t.description, said.join(" "))
                        .trim()
                        .to_owned();
                }
                out
            })
            .collect()
    }
}

/// The changes a link makes to the corpus's themes (`themes`, their ids in corpus order). What
/// cannot be kept is left out with a notice: an id that is no theme of the corpus, an empty
/// name, a second change of one kind to one theme, a theme joined into itself, into a theme that
/// is joined or hidden, or both joined and hidden.
pub(super) fn parse(
    raw: &Raw,
    hide: &[String],
    themes: &[String],
    notices: &mut Vec<Notice>,
) -> ThemeEdits {
    let mut bad = false;
    let known = |id: &str, notices: &mut Vec<Notice>| {
        let ok = themes.iter().any(|t| t == id);
        if !ok {
            notices.push(Notice::UnknownTheme(clean_text(id, 40)));
        }
        ok
    };
    let values = |name: &'static str| {
        raw.params
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| crate::search::truncate(v, super::MAX_VALUE))
    };
    let mut hidden: Vec<String> = Vec::new();
    for id in hide {
        if known(id, notices) && !hidden.contains(id) {
            hidden.push(id.clone());
        }
    }
    let mut renamed: Vec<(String, String)> = Vec::new();
    for v in values(param::RENAME) {
        let Some((id, name)) = v.split_once(':') else {
            notices.push(bad_edit("a renamed theme has no “theme:name” form"));
            continue;
        };
        let id = decode(id, &mut bad);
        let name = clean_text(&decode(name, &mut bad), MAX_LABEL_CHARS);
        if !known(&id, notices) {
            continue;
        }
        if name.is_empty() {
            notices.push(bad_edit(&format!("the new name of {id} is empty")));
        } else if renamed.iter().any(|(t, _)| *t == id) {
            notices.push(bad_edit(&format!(
                "{id} was renamed twice; the first name is kept"
            )));
        } else {
            renamed.push((id, name));
        }
    }
    let mut merged: Vec<(String, String)> = Vec::new();
    for v in values(param::MERGE) {
        let Some((from, into)) = v.split_once(':') else {
            notices.push(bad_edit("a joined theme has no “theme:other theme” form"));
            continue;
        };
        let (from, into) = (decode(from, &mut bad), decode(into, &mut bad));
        if !known(&from, notices) || !known(&into, notices) {
            continue;
        }
        let why = if from == into {
            Some(format!("{from} cannot be joined with itself"))
        } else if merged.iter().any(|(f, _)| *f == from) {
            Some(format!("{from} was joined twice; the first is kept"))
        } else if hidden.contains(&from) || hidden.contains(&into) {
            Some(format!(
                "{from} or {into} is hidden, so they are not joined"
            ))
        } else {
            None
        };
        match why {
            Some(why) => notices.push(bad_edit(&why)),
            None => merged.push((from, into)),
        }
    }
    // A theme joined into one that is itself joined: the first change of the link wins, the
    // later one goes (so "a into b" then "b into c" keeps only the first).
    let mut kept: Vec<(String, String)> = Vec::new();
    for (from, into) in merged {
        let chained = kept.iter().any(|(f, i)| *f == into || *i == from);
        if chained {
            notices.push(bad_edit(&format!(
                "{from} is joined into a theme that is joined itself, or is joined to, so it is not joined"
            )));
        } else {
            kept.push((from, into));
        }
    }
    if bad {
        notices.push(Notice::BadEncoding);
    }
    let order = |id: &String| themes.iter().position(|t| t == id).unwrap_or(usize::MAX);
    crate::sort::sort_by_key(&mut renamed, |(id, _)| order(id));
    crate::sort::sort_by_key(&mut kept, |(id, _)| order(id));
    crate::sort::sort_by_key(&mut hidden, order);
    ThemeEdits {
        renamed,
        merged: kept,
        hidden,
    }
}

/// Where theme `id` stands among the corpus's themes (after them when it is none of them).
pub(super) fn order(themes: &[Theme], id: &str) -> usize {
    themes.iter().position(|t| t.id == id).unwrap_or(usize::MAX)
}

fn bad_edit(why: &str) -> Notice {
    Notice::BadThemeChange(why.to_owned())
}
