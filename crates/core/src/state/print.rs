//! Canonical printing: the one link of a state (`print`), of a lesson step (`step_link`), and
//! the link to write in place of one just opened (`canonical_replacement`).

use super::fragment::encode;
use super::{
    param, Compare, CustomTheme, Explore, Lesson, Missing, Notice, Read, State, Step, StepField,
    View,
};

/// Characters a step's link keeps unencoded in the lesson link, for reading.
const STEP_LITERAL: &[u8] = b"/?=,:|";

/// What to write in place of a link just opened (`fragment`, without its `#`): its canonical
/// form, so that the address shown, copied or reloaded is the one link of the state on screen.
/// `None` when the link is already canonical, and when its target is not found (the reader
/// keeps the link they typed, to correct it).
pub fn canonical_replacement(
    fragment: &str,
    state: &State,
    notices: &[Notice],
    version: &str,
) -> Option<String> {
    if state.is_not_found(notices) {
        return None;
    }
    let canonical = print(state, version);
    (canonical.strip_prefix('#') != Some(fragment)).then_some(canonical)
}

/// The canonical fragment of a state, with the leading `#` and the corpus version.
pub fn print(state: &State, version: &str) -> String {
    let (path, mut params) = parts(state);
    params.push((param::VERSION, encode(version, b"")));
    format!("#{path}?{}", query(params))
}

/// The canonical link of a view as a lesson step holds it (path and parameters, without `#`
/// or version); `parse_step_link` reads it back.
pub fn step_link(state: &State) -> String {
    let (path, params) = parts(state);
    if params.is_empty() {
        return path;
    }
    format!("{path}?{}", query(params))
}

/// The value of a `step=` parameter: the step's canonical link, then `!` and the note.
pub(super) fn step_param(step: &Step) -> String {
    let link = link_param(&step.state);
    if step.note.is_empty() {
        link
    } else {
        format!("{link}!{}", encode(&step.note, b""))
    }
}

/// A view's link as a lesson parameter holds it (`step=`, `away=`).
fn link_param(state: &State) -> String {
    encode(&step_link(state), STEP_LITERAL)
}

/// The parameters of a step in a lesson link, in order: `step=`, then its name, question and
/// answer, each only when it has one.
pub(super) fn step_params(step: &Step) -> Vec<(&'static str, String)> {
    let mut params = vec![(param::STEP, step_param(step))];
    for field in StepField::ALL {
        let text = field.of(step);
        if !text.is_empty() {
            params.push((field.param(), encode(text, b"")));
        }
    }
    params
}

/// How many bytes parameters take in a link, each with its `&` and `=`.
pub(super) fn params_len(params: &[(&str, String)]) -> usize {
    params.iter().map(|(k, v)| k.len() + v.len() + 2).sum()
}

/// Parameters joined as a query string, in their order.
fn query(params: Vec<(&str, String)>) -> String {
    let pairs: Vec<String> = params
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    pairs.join("&")
}

/// The canonical path of a state and its parameters in order, all but the version.
fn parts(state: &State) -> (String, Vec<(&'static str, String)>) {
    let mut params: Vec<(&str, String)> = Vec::new();
    let path = match &state.view {
        View::Library => "/".to_owned(),
        View::Read(r) => read_path(r, &mut params),
        View::Explore(e) => {
            explore_params(e, &mut params);
            "/explore".to_owned()
        }
        View::Overview { part } => {
            if let Some(p) = part {
                params.push((param::PART, p.id().into()));
            }
            "/overview".to_owned()
        }
        View::Map => "/map".to_owned(),
        View::Compare(c) => compare_path(c, &mut params),
        View::Source(s) => format!("/source/{}", s.doc),
        View::Methods => "/methods".to_owned(),
        View::Notes => "/notes".to_owned(),
        View::Lesson(l) => {
            lesson_params(l, &mut params);
            "/lesson".to_owned()
        }
        View::Handout(l) => {
            steps_params(l, &mut params);
            "/handout".to_owned()
        }
        View::Missing(m) => missing_path(m, &mut params),
    };
    params.extend(
        state
            .custom
            .iter()
            .map(|c| (param::CUSTOM, custom_param(c))),
    );
    let e = &state.edits;
    params.extend(e.renamed.iter().map(|(id, name)| {
        (
            param::RENAME,
            format!("{}:{}", encode(id, b""), encode(name, b"")),
        )
    }));
    params.extend(e.merged.iter().map(|(from, into)| {
        (
            param::MERGE,
            format!("{}:{}", encode(from, b""), encode(into, b"")),
        )
    }));
    if !e.hidden.is_empty() {
        params.push((param::HIDE, list(&e.hidden)));
    }
    (path, params)
}

/// A step on documents this copy does not have: its link as it came (`Missing::link`), its
/// path and the parameters a link may carry, in order.
fn missing_path(m: &Missing, params: &mut Vec<(&'static str, String)>) -> String {
    let (path, query) = m.link.split_once('?').unwrap_or((&m.link, ""));
    for (k, v) in query.split('&').filter_map(|kv| kv.split_once('=')) {
        if let Some(name) = param::ALL
            .iter()
            .find(|&&name| name == k && name != param::VERSION)
        {
            params.push((name, v.to_owned()));
        }
    }
    path.to_owned()
}

/// The reader's path, and its switch.
fn read_path(r: &Read, params: &mut Vec<(&'static str, String)>) -> String {
    if r.show_removed {
        params.push((param::REMOVED, "1".into()));
    }
    match &r.passage {
        Some(p) => format!("/read/{}/{p}", r.doc),
        None => format!("/read/{}", r.doc),
    }
}

/// The compare view's path (its sources in order), theme and switch.
fn compare_path(c: &Compare, params: &mut Vec<(&'static str, String)>) -> String {
    if let Some(t) = &c.theme {
        params.push((param::THEME, encode(t, b"")));
    }
    if c.only_differ {
        params.push((param::DIFFER, "1".into()));
    }
    if c.docs.is_empty() {
        "/compare".to_owned()
    } else {
        format!("/compare/{}", c.docs.join("/"))
    }
}

/// The explorer's filter: query, lists in their (corpus) order, languages, KWIC mode.
fn explore_params(e: &Explore, params: &mut Vec<(&'static str, String)>) {
    if !e.query.is_empty() {
        params.push((param::Q, encode(&e.query, b"")));
    }
    for (name, values) in [
        (param::THEMES, &e.themes),
        (param::SOURCES, &e.sources),
        (param::ENTITIES, &e.entities),
    ] {
        if !values.is_empty() {
            params.push((name, list(values)));
        }
    }
    if !e.langs.is_empty() {
        params.push((
            param::LANGS,
            e.langs
                .iter()
                .map(|l| l.code())
                .collect::<Vec<_>>()
                .join(","),
        ));
    }
    if e.kwic {
        params.push((param::MODE, "kwic".into()));
    }
}

/// A lesson's title, its steps in order (each with its name, question and answer), the current
/// step unless it is the first, and the view opened from it.
fn lesson_params(l: &Lesson, params: &mut Vec<(&'static str, String)>) {
    steps_params(l, params);
    if l.at != 1 {
        params.push((param::AT, l.at.to_string()));
    }
    if let Some(away) = &l.away {
        params.push((param::AWAY, link_param(away)));
    }
}

/// A lesson's title and its steps in order, each with its name, question and answer: all of a
/// lesson that its handout carries.
fn steps_params(l: &Lesson, params: &mut Vec<(&'static str, String)>) {
    if !l.title.is_empty() {
        params.push((param::TITLE, encode(&l.title, b"")));
    }
    for step in &l.steps {
        params.extend(step_params(step));
    }
}

/// `custom=Label:term|term…`, label and terms percent-encoded separately.
fn custom_param(c: &CustomTheme) -> String {
    let terms: Vec<String> = c.terms.iter().map(|t| encode(t, b"")).collect();
    format!("{}:{}", encode(&c.label, b""), terms.join("|"))
}

/// A list parameter's value: each item percent-encoded, joined by commas.
fn list(values: &[String]) -> String {
    values
        .iter()
        .map(|s| encode(s, b""))
        .collect::<Vec<_>>()
        .join(",")
}
