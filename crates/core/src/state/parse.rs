//! Parsing a link into a `State`: the parameters, each view's path and settings checked against
//! the corpus, reader-defined themes, lessons one level deep; a `Notice` for all that is dropped.

use super::fragment::{clean_text, decode, raw};
use super::lesson::assemble;
use super::print::step_link;
use super::{
    custom_id, edits, param, Compare, CustomTheme, Explore, Known, Lesson, Missing, Notice,
    OverviewPart, Raw, Read, Source, State, Step, StepField, StepProblem, ThemeEdits, View,
    MAX_COMPARE, MAX_CUSTOM, MAX_LABEL_CHARS, MAX_LIST, MAX_QUERY_CHARS, MAX_STEPS, MAX_STEP_LINK,
    MAX_TERMS, MAX_TERM_CHARS, MAX_VALUE,
};
use crate::model::Lang;

/// Stage two: a typed, validated state and the notices for the reader. Every source the link
/// names that this copy does not have, in the link or in a lesson's steps, is named in one
/// notice, the first (`Notice::MissingDocs`).
pub fn parse(fragment: &str, known: &Known) -> (State, Vec<Notice>) {
    let (state, mut notices) = parse_at(fragment, known, false);
    gather_missing(&mut notices);
    (state, notices)
}

/// Most sources a link names that are not here, gathered for `Notice::MissingDocs` (a lesson of
/// `MAX_STEPS` comparisons of `MAX_COMPARE` sources, or a filter of `MAX_LIST`, is under it).
const MAX_MISSING: usize = 64;

/// Replaces the notices of sources this copy does not have (in the link, a step or the view
/// opened from a step) by one `Notice::MissingDocs` in front, naming each source once, in the
/// order named, and the steps that use them.
fn gather_missing(notices: &mut Vec<Notice>) {
    let mut docs: Vec<String> = Vec::new();
    let mut steps: Vec<usize> = Vec::new();
    notices.retain(|n| {
        let (doc, step) = match n {
            Notice::UnknownDoc(d) => (d, None),
            Notice::InStep { step, notice } => match notice.as_ref() {
                Notice::UnknownDoc(d) => (d, Some(*step)),
                _ => return true,
            },
            Notice::InAway(notice) => match notice.as_ref() {
                Notice::UnknownDoc(d) => (d, None),
                _ => return true,
            },
            _ => return true,
        };
        // An id of nothing but invisible characters names nothing: its notice stays as it is.
        if doc.is_empty() {
            return true;
        }
        if !docs.contains(doc) && docs.len() < MAX_MISSING {
            docs.push(doc.clone());
        }
        if let Some(s) = step.filter(|s| !steps.contains(s)) {
            steps.push(s);
        }
        false
    });
    if !docs.is_empty() {
        notices.insert(0, Notice::MissingDocs { docs, steps });
    }
}

/// Reads a step's link (`step_link`, decoded) as a lesson reads its steps: one level deep, a
/// lesson refused, no version expected. A step on documents this copy does not have is kept
/// whole as a `Missing` view, with an `UnknownDoc` notice for each (once), so that it still
/// opens with its note and its link still carries it; a step that opens nothing else here is
/// refused, with why.
pub fn parse_step_link(link: &str, known: &Known) -> Result<(State, Vec<Notice>), Notice> {
    let (state, inner) = parse_at(link, known, true);
    let mut missing: Vec<String> = Vec::new();
    for n in &inner {
        match n {
            Notice::UnknownDoc(d) if !d.is_empty() && !missing.contains(d) => {
                missing.push(d.clone())
            }
            _ => {}
        }
    }
    if !missing.is_empty() && !matches!(state.view, View::Lesson(_)) {
        let notices = missing.iter().cloned().map(Notice::UnknownDoc).collect();
        let state = State {
            view: View::Missing(Missing {
                link: missing_link(link),
                docs: missing,
            }),
            custom: Vec::new(),
            edits: ThemeEdits::default(),
        };
        Ok((state, notices))
    } else if state.is_not_found(&inner) {
        Err(refusal(&inner))
    } else {
        Ok((state, inner))
    }
}

/// The parameters a view may read, each the first of its name, percent-decoded; the lists split
/// at commas, at most `MAX_LIST` items each.
struct Params {
    q: String,
    themes: Vec<String>,
    /// The corpus's themes the link hides (`hide=`).
    hide: Vec<String>,
    sources: Vec<String>,
    entities: Vec<String>,
    langs: Vec<String>,
    mode: Option<String>,
    theme: Option<String>,
    differ: Option<String>,
    removed: Option<String>,
    title: Option<String>,
    at: Option<String>,
    part: Option<String>,
    /// Still percent-encoded: it is a link, parsed as a step's is.
    away: Option<String>,
}

/// `parse`, for a whole link or (`nested`) the link of a lesson step, where a lesson is
/// refused: lessons nest one level at most.
fn parse_at(fragment: &str, known: &Known, nested: bool) -> (State, Vec<Notice>) {
    let raw = raw(fragment);
    let mut notices = Vec::new();
    if raw.truncated {
        notices.push(Notice::Truncated);
    }
    let mut p = read_params(&raw, known, &mut notices);
    // Reader-defined themes and changes to the corpus's first: the theme filters name them.
    let mut custom = parse_customs(&raw, &mut notices);
    let mut edits = edits::parse(&raw, &p.hide, &known.themes, &mut notices);
    let mut theme_ids: Vec<String> = known
        .themes
        .iter()
        .filter(|t| edits.resolve(t) == Some(t.as_str()))
        .cloned()
        .collect();
    theme_ids.extend((0..custom.len()).map(custom_id));
    // A filter on a theme joined into another is one on that theme; on a hidden one, none.
    let follow = |id: String, notices: &mut Vec<Notice>| match edits.resolve(&id) {
        Some(to) => Some(to.to_owned()),
        None => {
            notices.push(Notice::BadThemeChange(format!(
                "the theme {id} is hidden, so the view is not limited to it"
            )));
            None
        }
    };
    p.themes = std::mem::take(&mut p.themes)
        .into_iter()
        .filter_map(|t| follow(t, &mut notices))
        .collect();
    p.theme = p.theme.take().and_then(|t| follow(t, &mut notices));

    let path: Vec<String> = raw.path.iter().map(|s| decode(s, &mut false)).collect();
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    let n = &mut notices;
    let view = match path.as_slice() {
        [] | ["library"] => View::Library,
        ["read", doc, rest @ ..] => parse_read(doc, rest.first().copied(), p.removed, known, n),
        ["explore"] => View::Explore(parse_explore(p, &theme_ids, known, n)),
        ["overview"] => parse_overview(p.part, n),
        ["map"] => View::Map,
        // No sources named: the app opens the pair that shares the most wording.
        ["compare"] => View::Compare(Compare::default()),
        ["compare", docs @ ..] => parse_compare(docs, p.theme, p.differ, &theme_ids, known, n),
        ["source", doc] => parse_source(doc, known, n),
        ["methods"] => View::Methods,
        ["notes"] => View::Notes,
        ["lesson"] if nested => {
            n.push(Notice::NestedLesson);
            View::Library
        }
        ["lesson"] => parse_lesson_view(&raw, p.title, p.at, p.away, known, n),
        ["handout"] if nested => {
            n.push(Notice::NestedLesson);
            View::Library
        }
        // A lesson's steps, without a current step or a view opened from one.
        ["handout"] => match parse_lesson_view(&raw, p.title, None, None, known, n) {
            View::Lesson(l) => View::Handout(l),
            other => other,
        },
        [other, ..] => {
            n.push(Notice::UnknownView(clean_text(other, 40)));
            View::Library
        }
    };
    if view.holds_steps() && !custom.is_empty() {
        custom.clear();
        notices.push(Notice::BadCustomTheme(
            "in a lesson, each step carries its own".into(),
        ));
    }
    if view.holds_steps() && !edits.is_empty() {
        edits = ThemeEdits::default();
        notices.push(Notice::BadThemeChange(
            "in a lesson, each step carries its own".into(),
        ));
    }
    (
        State {
            view,
            custom,
            edits,
        },
        notices,
    )
}

/// Reads the parameters of a link, with a notice for a list that was too long, bad encoding, a
/// parameter not known and a link made for another corpus version.
fn read_params(raw: &Raw, known: &Known, notices: &mut Vec<Notice>) -> Params {
    let mut bad = false;
    let mut get = |name: &str| -> Option<String> {
        raw.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| decode(crate::search::truncate(v, MAX_VALUE), &mut bad))
    };
    let p = Params {
        q: get(param::Q).unwrap_or_default(),
        themes: list(param::THEMES, &mut get, notices),
        hide: list(param::HIDE, &mut get, notices),
        sources: list(param::SOURCES, &mut get, notices),
        entities: list(param::ENTITIES, &mut get, notices),
        langs: list(param::LANGS, &mut get, notices),
        mode: get(param::MODE),
        theme: get(param::THEME),
        differ: get(param::DIFFER),
        removed: get(param::REMOVED),
        title: get(param::TITLE),
        at: get(param::AT),
        part: get(param::PART),
        away: raw
            .params
            .iter()
            .find(|(k, _)| k == param::AWAY)
            .map(|(_, v)| v.clone()),
    };
    let version = get(param::VERSION);
    if bad {
        notices.push(Notice::BadEncoding);
    }
    for (k, _) in &raw.params {
        if !param::ALL.contains(&k.as_str()) {
            notices.push(Notice::UnknownParam(clean_text(k, 40)));
        }
    }
    if let Some(v) = version.filter(|v| *v != known.version) {
        notices.push(Notice::OtherVersion {
            link: clean_text(&v, 16),
        });
    }
    p
}

/// A list parameter: its comma-separated items, trimmed, empty ones dropped, at most `MAX_LIST`.
fn list(
    name: &str,
    get: &mut dyn FnMut(&str) -> Option<String>,
    notices: &mut Vec<Notice>,
) -> Vec<String> {
    let v = get(name).unwrap_or_default();
    let items: Vec<String> = v
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if items.len() > MAX_LIST {
        notices.push(Notice::TooManyValues(name.to_owned()));
    }
    items.into_iter().take(MAX_LIST).collect()
}

/// The reader-defined themes of a link (`custom=`), at most `MAX_CUSTOM`.
fn parse_customs(raw: &Raw, notices: &mut Vec<Notice>) -> Vec<CustomTheme> {
    let mut custom = Vec::new();
    for (_, v) in raw.params.iter().filter(|(k, _)| k == param::CUSTOM) {
        if custom.len() == MAX_CUSTOM {
            notices.push(Notice::TooManyValues(param::CUSTOM.into()));
            break;
        }
        match parse_custom(crate::search::truncate(v, MAX_VALUE), notices) {
            Ok(c) => custom.push(c),
            Err(why) => notices.push(Notice::BadCustomTheme(why)),
        }
    }
    custom
}

/// `custom=Label:term|term…`, label and terms percent-encoded separately.
fn parse_custom(v: &str, notices: &mut Vec<Notice>) -> Result<CustomTheme, String> {
    let mut bad = false;
    let (label, terms) = v.split_once(':').ok_or("it has no “label:terms” form")?;
    let label = clean_text(&decode(label, &mut bad), MAX_LABEL_CHARS);
    if label.is_empty() {
        return Err("its label is empty".into());
    }
    let mut out: Vec<String> = Vec::new();
    for t in terms.split('|') {
        let t = clean_text(&decode(t, &mut bad), MAX_TERM_CHARS);
        if !t.is_empty() && !out.contains(&t) && out.len() < MAX_TERMS {
            out.push(t);
        }
    }
    if bad {
        notices.push(Notice::BadEncoding);
    }
    if out.is_empty() {
        return Err(format!("“{label}” has no terms"));
    }
    Ok(CustomTheme { label, terms: out })
}

/// `#/read/<doc>[/<passage>]?removed=1`; an unknown source falls back to the library.
fn parse_read(
    doc: &str,
    passage: Option<&str>,
    removed: Option<String>,
    known: &Known,
    notices: &mut Vec<Notice>,
) -> View {
    let Some((id, passages)) = known.doc(doc) else {
        notices.push(Notice::UnknownDoc(clean_text(doc, 40)));
        return View::Library;
    };
    let passage = passage.and_then(|p| {
        if passages.iter().any(|x| x == p) {
            Some(p.to_owned())
        } else {
            notices.push(Notice::UnknownPassage {
                doc: id.clone(),
                passage: clean_text(p, 40),
            });
            None
        }
    });
    View::Read(Read {
        doc: id.clone(),
        passage,
        show_removed: removed.as_deref() == Some("1"),
    })
}

/// A search query as a link carries it: invisible and control characters out, at most
/// `MAX_QUERY_CHARS` characters, no space at either end. The explorer's box keeps what the reader
/// typed while it cleans to the link's query (a space typed last is not taken back).
pub fn clean_query(q: &str) -> String {
    clean_text(q, MAX_QUERY_CHARS)
}

/// `#/explore?q=&themes=&sources=&entities=&langs=&mode=kwic`: what is unknown is left out, the
/// lists kept in corpus order.
fn parse_explore(
    p: Params,
    theme_ids: &[String],
    known: &Known,
    notices: &mut Vec<Notice>,
) -> Explore {
    if p.q.chars().count() > MAX_QUERY_CHARS && !notices.contains(&Notice::Truncated) {
        notices.push(Notice::Truncated);
    }
    let mut langs = Vec::new();
    for l in &p.langs {
        match Lang::from_code(l) {
            Some(l) if !langs.contains(&l) => langs.push(l),
            Some(_) => {}
            None => notices.push(Notice::UnknownLang(clean_text(l, 20))),
        }
    }
    crate::sort::sort(&mut langs);
    Explore {
        query: clean_query(&p.q),
        themes: in_order(&p.themes, theme_ids, Notice::UnknownTheme, notices),
        sources: doc_order(&p.sources, known, notices),
        entities: in_order(&p.entities, &known.entities, Notice::UnknownEntity, notices),
        langs,
        kwic: p.mode.as_deref() == Some("kwic"),
    }
}

/// The ids of `all` that `ids` names, in the order of `all`; a notice for each unknown one.
fn in_order(
    ids: &[String],
    all: &[String],
    notice: fn(String) -> Notice,
    notices: &mut Vec<Notice>,
) -> Vec<String> {
    for id in ids {
        if !all.contains(id) {
            notices.push(notice(clean_text(id, 40)));
        }
    }
    all.iter().filter(|t| ids.contains(t)).cloned().collect()
}

/// The sources `ids` names, in corpus order; a notice for each unknown one.
fn doc_order(ids: &[String], known: &Known, notices: &mut Vec<Notice>) -> Vec<String> {
    for id in ids {
        if known.doc(id).is_none() {
            notices.push(Notice::UnknownDoc(clean_text(id, 40)));
        }
    }
    known
        .docs
        .iter()
        .map(|(d, _)| d)
        .filter(|d| ids.contains(d))
        .cloned()
        .collect()
}

/// `#/overview?part=…`; an unknown part is dropped with a notice.
fn parse_overview(part: Option<String>, notices: &mut Vec<Notice>) -> View {
    View::Overview {
        part: part.and_then(|p| {
            let found = OverviewPart::from_id(&p);
            if found.is_none() {
                notices.push(Notice::UnknownParam(clean_text(&format!("part={p}"), 40)));
            }
            found
        }),
    }
}

/// `#/compare/<doc>/<doc>[/<doc>]?theme=&differ=1`: sources in the order named, without
/// repeats, at most `MAX_COMPARE`; fewer than two falls back to the library.
fn parse_compare(
    docs: &[&str],
    theme: Option<String>,
    differ: Option<String>,
    theme_ids: &[String],
    known: &Known,
    notices: &mut Vec<Notice>,
) -> View {
    let mut ids: Vec<String> = Vec::new();
    for &d in docs {
        if known.doc(d).is_none() {
            notices.push(Notice::UnknownDoc(clean_text(d, 40)));
        } else if !ids.iter().any(|i| i == d) {
            ids.push(d.to_owned());
        }
    }
    if ids.len() > MAX_COMPARE {
        notices.push(Notice::TooManyToCompare);
        ids.truncate(MAX_COMPARE);
    }
    if ids.len() < 2 {
        notices.push(Notice::TooFewToCompare);
        return View::Library;
    }
    let theme = theme.and_then(|t| {
        if theme_ids.contains(&t) {
            Some(t)
        } else {
            notices.push(Notice::UnknownTheme(clean_text(&t, 40)));
            None
        }
    });
    View::Compare(Compare {
        docs: ids,
        theme,
        only_differ: differ.as_deref() == Some("1"),
    })
}

/// `#/source/<doc>`; an unknown source falls back to the library.
fn parse_source(doc: &str, known: &Known, notices: &mut Vec<Notice>) -> View {
    match known.doc(doc) {
        Some((id, _)) => View::Source(Source { doc: id.clone() }),
        None => {
            notices.push(Notice::UnknownDoc(clean_text(doc, 40)));
            View::Library
        }
    }
}

/// `#/lesson?title=…&step=…&label=…&question=…&answer=…&at=…&away=…`; a lesson with no step
/// that opens falls back to the library.
fn parse_lesson_view(
    raw: &Raw,
    title: Option<String>,
    at: Option<String>,
    away: Option<String>,
    known: &Known,
    notices: &mut Vec<Notice>,
) -> View {
    let steps = step_values(raw, notices);
    match parse_lesson(&title.unwrap_or_default(), &steps, at, known, notices) {
        Some(mut l) => {
            l.away = away.and_then(|a| parse_away(&a, known, notices));
            View::Lesson(l)
        }
        None => {
            notices.push(Notice::EmptyLesson);
            View::Library
        }
    }
}

/// A `step=` value with the name, question and answer that follow it, all still encoded.
#[derive(Default)]
struct StepValue<'a> {
    step: &'a str,
    fields: [Option<&'a str>; 3],
}

/// The `step=` values of a lesson link in order, each with the `label=`, `question=` and
/// `answer=` after it (before the next `step=`): one of these before any step, or a second one
/// for a step, is ignored with a notice.
fn step_values<'a>(raw: &'a Raw, notices: &mut Vec<Notice>) -> Vec<StepValue<'a>> {
    let mut steps: Vec<StepValue> = Vec::new();
    for (k, v) in &raw.params {
        if k == param::STEP {
            steps.push(StepValue {
                step: v,
                ..StepValue::default()
            });
            continue;
        }
        let Some(i) = StepField::ALL.iter().position(|f| f.param() == k) else {
            continue;
        };
        let field = StepField::ALL[i];
        match steps.last_mut() {
            None => notices.push(Notice::StrayField { field, step: None }),
            Some(s) if s.fields[i].is_some() => notices.push(Notice::StrayField {
                field,
                step: Some(steps.len()),
            }),
            Some(s) => s.fields[i] = Some(v),
        }
    }
    steps
}

/// Stage two of a lesson link: each `step=` value is `link!note`, both percent-encoded (the
/// link keeps `/?=,:|` literal for reading; it never holds a bare `!`), the link parsed as any
/// link (one level deep). `at` counts steps as the link does; when steps before it were left
/// out it still opens the step it named (or the nearest after it).
fn parse_lesson(
    title: &str,
    values: &[StepValue],
    at: Option<String>,
    known: &Known,
    notices: &mut Vec<Notice>,
) -> Option<Lesson> {
    if values.len() > MAX_STEPS {
        notices.push(Notice::TooManySteps);
    }
    let read = values.len().min(MAX_STEPS);
    let candidates = values
        .iter()
        .take(MAX_STEPS)
        .enumerate()
        .filter_map(|(i, v)| parse_step(i + 1, v, known, notices))
        .collect();
    let at = step_at(at, read, notices);
    assemble(title, candidates, at, notices)
}

/// One `step=` value and its fields, numbered `step` from 1: its number and step (texts not yet
/// cut), or `None` (with a notice) when it is empty or its link opens nothing here.
fn parse_step(
    step: usize,
    value: &StepValue,
    known: &Known,
    notices: &mut Vec<Notice>,
) -> Option<(usize, Step)> {
    let in_step = |n: Notice| Notice::InStep {
        step,
        notice: Box::new(n),
    };
    if value.step.len() > MAX_VALUE || value.fields.iter().flatten().any(|f| f.len() > MAX_VALUE) {
        notices.push(in_step(Notice::Truncated));
    }
    let v = crate::search::truncate(value.step, MAX_VALUE);
    let (link, note) = v.split_once('!').unwrap_or((v, ""));
    if link.is_empty() && note.is_empty() {
        notices.push(Notice::StepLeftOut {
            step,
            why: StepProblem::Empty,
        });
        return None;
    }
    let mut bad = false;
    let (link, note) = (decode(link, &mut bad), decode(note, &mut bad));
    let mut texts = value.fields.map(|f| {
        decode(
            crate::search::truncate(f.unwrap_or(""), MAX_VALUE),
            &mut bad,
        )
    });
    if bad {
        notices.push(in_step(Notice::BadEncoding));
    }
    let state = match parse_step_link(&link, known) {
        Ok((state, inner)) => {
            notices.extend(inner.into_iter().map(in_step));
            state
        }
        Err(why) => {
            notices.push(Notice::StepLeftOut {
                step,
                why: StepProblem::Refused(Box::new(why)),
            });
            return None;
        }
    };
    let [label, question, answer] = texts.each_mut().map(std::mem::take);
    Some((
        step,
        Step {
            state,
            note,
            label,
            question,
            answer,
        },
    ))
}

/// A step's link kept as it came (`View::Missing`), in the one form `print` writes back: its
/// path, then the parameters a link may carry but the version, each as `name=value`, in order,
/// all still percent-encoded. Idempotent.
fn missing_link(link: &str) -> String {
    let raw = raw(link);
    let mut out = String::new();
    for segment in &raw.path {
        out.push('/');
        out.push_str(segment);
    }
    if out.is_empty() {
        out.push('/');
    }
    let params: Vec<String> = raw
        .params
        .iter()
        .filter(|(k, _)| k != param::VERSION && param::ALL.contains(&k.as_str()))
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if !params.is_empty() {
        out.push('?');
        out.push_str(&params.join("&"));
    }
    out
}

/// The view opened from a lesson's step (`away=`), parsed as a step's link is; one that opens
/// nothing here, a lesson, or one too long for a step is left out with a notice (the lesson
/// then shows its step).
fn parse_away(value: &str, known: &Known, notices: &mut Vec<Notice>) -> Option<Box<State>> {
    let mut bad = false;
    let link = decode(crate::search::truncate(value, MAX_VALUE), &mut bad);
    if value.len() > MAX_VALUE {
        notices.push(Notice::InAway(Box::new(Notice::Truncated)));
    }
    if bad {
        notices.push(Notice::InAway(Box::new(Notice::BadEncoding)));
    }
    let (state, inner) = parse_at(&link, known, true);
    if state.is_not_found(&inner) {
        notices.push(Notice::AwayLeftOut(StepProblem::Refused(Box::new(
            refusal(&inner),
        ))));
        return None;
    }
    if step_link(&state).len() > MAX_STEP_LINK {
        notices.push(Notice::AwayLeftOut(StepProblem::TooLong));
        return None;
    }
    notices.extend(inner.into_iter().map(|n| Notice::InAway(Box::new(n))));
    Some(Box::new(state))
}

/// Why a step's link opens nothing: the first notice of its parse that says so.
fn refusal(notices: &[Notice]) -> Notice {
    notices
        .iter()
        .find(|n| {
            matches!(
                n,
                Notice::UnknownPassage { .. }
                    | Notice::UnknownView(_)
                    | Notice::UnknownDoc(_)
                    | Notice::TooFewToCompare
                    | Notice::NestedLesson
            )
        })
        .unwrap_or(&Notice::EmptyLesson)
        .clone()
}

/// The step a lesson opens at, from `at=` (counted from 1 among the `read` steps); one that
/// names no step gives the nearest, with a notice.
fn step_at(at: Option<String>, read: usize, notices: &mut Vec<Notice>) -> usize {
    let Some(a) = at else {
        return 1;
    };
    match a.parse::<usize>() {
        Ok(n) if (1..=read).contains(&n) => n,
        parsed => {
            notices.push(Notice::NoSuchStep(clean_text(&a, 20)));
            match parsed {
                Ok(n) if n > read => read,
                _ => 1,
            }
        }
    }
}
