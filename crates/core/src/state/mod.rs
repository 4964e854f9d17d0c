//! The whole view state in the URL fragment, parsed in two stages (raw path and parameters,
//! then a typed, validated `State`) and printed back in one canonical form.
//!
//! Parsing is total: malformed, oversized or hostile input (bad percent-encoding, unknown ids,
//! huge values, script payloads) gives the nearest sensible state and a list of notices for the
//! reader, never a panic. `print(parse(url))` is canonical: lists in corpus order, no repeats,
//! parameters in a fixed order, and `parse(print(state)) == state`.
//!
//! A lesson is one link that holds others:
//! `#/lesson?title=Two%20views&step=/read/002/p4!Note%20the%20date&step=/compare/002/004?theme=trade!Who%20says%20what&at=2&v=…`.
//! Each `step=` is a view's own canonical link (without `#` and version; `/?=,:|` left
//! literal, everything else percent-encoded, so `&` is `%26` and `%` is `%25`), then `!` and the
//! note, percent-encoded; no note, no `!`. Steps keep their order; `at` is the current step from
//! 1, left out when 1. Each step link is parsed by the same `parse`, one level deep (a lesson in
//! a step is refused); a step that opens nothing is left out, and every notice of a step names
//! its number.

use crate::model::{Corpus, Lang, Theme};
use crate::strings::{is_direction_control, is_zero_width};
use std::fmt;

/// Longest fragment read; the rest is dropped with a notice. Large enough for every canonical
/// link (five custom themes at their limits, percent-encoded), small enough to bound the work.
pub const MAX_FRAGMENT: usize = 96 * 1024;
/// Longest parameter value read.
pub const MAX_VALUE: usize = 16 * 1024;
/// Longest query, in characters.
pub const MAX_QUERY_CHARS: usize = 256;
/// Most values in one list parameter.
pub const MAX_LIST: usize = 32;
/// Most reader-defined themes in a link, terms per theme, and characters per label or term.
pub const MAX_CUSTOM: usize = 5;
pub const MAX_TERMS: usize = 20;
pub const MAX_TERM_CHARS: usize = 40;
pub const MAX_LABEL_CHARS: usize = 60;
/// Most sources side by side in the compare view.
pub const MAX_COMPARE: usize = 3;
/// Most steps in a lesson; later ones are left out with a notice.
pub const MAX_STEPS: usize = 20;
/// Longest lesson title and step note, in characters (longer ones are cut with a notice).
pub const MAX_TITLE_CHARS: usize = 80;
pub const MAX_STEP_NOTE_CHARS: usize = 280;
/// Longest canonical link of one step (its view without the corpus version), in bytes: a step
/// with a longer one (many reader-defined themes) is left out with a notice.
pub const MAX_STEP_LINK: usize = 4 * 1024;
/// Most bytes all the `step=` parameters of a lesson take in its canonical link; the steps
/// that would go past it are left out with a notice. With the title and the rest of the link
/// this keeps every canonical lesson link well under `MAX_FRAGMENT`, and every step's value
/// under `MAX_VALUE`, so that a printed lesson always reparses whole.
pub const MAX_LESSON_STEPS_BYTES: usize = 64 * 1024;

/// Stage one: the fragment split into path segments and parameters, still percent-encoded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Raw {
    pub path: Vec<String>,
    pub params: Vec<(String, String)>,
    pub truncated: bool,
}

/// A reader-defined theme carried in the URL: a label and its terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomTheme {
    pub label: String,
    pub terms: Vec<String>,
}

impl CustomTheme {
    /// The `n`th custom theme (from 0) as a theme, with the id `my1`, `my2`…
    pub fn to_theme(&self, n: usize) -> Theme {
        Theme {
            id: custom_id(n),
            label: self.label.clone(),
            description: "Defined by a reader".into(),
            terms: self.terms.clone(),
        }
    }
}

fn custom_id(n: usize) -> String {
    format!("my{}", n + 1)
}

/// The explorer's filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Explore {
    pub query: String,
    pub themes: Vec<String>,
    pub sources: Vec<String>,
    pub entities: Vec<String>,
    pub langs: Vec<Lang>,
    /// Keyword-in-context mode instead of passage results.
    pub kwic: bool,
}

/// Which view, with its own settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Library,
    /// The story overview: who copies whom, where the sources disagree, how each frames the
    /// story, what was cleaned; `part` scrolls to one of those sections.
    Overview {
        part: Option<OverviewPart>,
    },
    Read {
        doc: String,
        passage: Option<String>,
        show_removed: bool,
    },
    Explore(Explore),
    /// The theme × source map.
    Map,
    /// Two or three sources side by side; no sources (`#/compare`) asks the app for the pair
    /// that shares the most wording, which it then shows under that pair's own link.
    Compare {
        docs: Vec<String>,
        theme: Option<String>,
        only_differ: bool,
    },
    Source {
        doc: String,
    },
    Methods,
    /// Every note the reader has written, with export and import.
    Notes,
    /// A teacher's sequence of views, each with a short note, and the step the student is on.
    Lesson(Lesson),
}

/// A section of the story overview, named in its link (`#/overview?part=copies`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverviewPart {
    /// Who copies whom.
    Copies,
    /// Where the sources disagree.
    Disagreements,
    /// How each source frames the story.
    Framing,
    /// What the cleaning removed from each page.
    Cleaning,
}

impl OverviewPart {
    pub const ALL: [OverviewPart; 4] = [
        OverviewPart::Copies,
        OverviewPart::Disagreements,
        OverviewPart::Framing,
        OverviewPart::Cleaning,
    ];

    /// The name in the link, also the id of the section's element.
    pub fn id(self) -> &'static str {
        match self {
            OverviewPart::Copies => "copies",
            OverviewPart::Disagreements => "disagreements",
            OverviewPart::Framing => "framing",
            OverviewPart::Cleaning => "cleaning",
        }
    }

    pub fn from_id(id: &str) -> Option<OverviewPart> {
        OverviewPart::ALL.into_iter().find(|p| p.id() == id)
    }
}

/// A lesson: views strung together, each with a short note; one link holds it all.
///
/// In a parsed state `steps` is never empty and `1 <= at <= steps.len()`; the methods stay
/// total for a lesson built by hand that breaks this.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lesson {
    /// May be empty.
    pub title: String,
    pub steps: Vec<Step>,
    /// The current step, counted from 1 (as in the link and in "Step 2 of 5").
    pub at: usize,
}

/// One step of a lesson: the state of a view (with its own reader-defined themes) and the
/// teacher's note on it (one line, possibly empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub state: State,
    pub note: String,
}

impl Lesson {
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Step `n`, counted from 1.
    pub fn step(&self, n: usize) -> Option<&Step> {
        n.checked_sub(1).and_then(|i| self.steps.get(i))
    }

    /// The state of step `n` (from 1): what the app renders under the lesson bar.
    pub fn step_state(&self, n: usize) -> Option<&State> {
        self.step(n).map(|s| &s.state)
    }

    /// The current step.
    pub fn current(&self) -> Option<&Step> {
        self.step(self.at)
    }

    /// The lesson opened at step `n` (clamped to the steps there are), for Previous, Next and
    /// a list of steps; print it for the link.
    pub fn go(&self, n: usize) -> State {
        State {
            view: View::Lesson(Lesson {
                at: n.clamp(1, self.steps.len().max(1)),
                ..self.clone()
            }),
            custom: Vec::new(),
        }
    }

    /// The previous step's lesson state, unless this is the first step.
    pub fn previous(&self) -> Option<State> {
        (self.at > 1 && !self.steps.is_empty()).then(|| self.go(self.at - 1))
    }

    /// The next step's lesson state, unless this is the last step.
    pub fn next(&self) -> Option<State> {
        (self.at < self.steps.len()).then(|| self.go(self.at + 1))
    }

    /// The lesson, still at its current step, with that step showing `state` instead (a query
    /// typed or a switch turned inside the step), its note and every other step unchanged.
    /// `None` when `state` cannot be that step: a lesson, or a view whose link would no longer
    /// fit in the lesson's; the app then leaves the lesson for the view, rather than dropping
    /// a step of it.
    pub fn with_current(&self, state: State) -> Option<State> {
        let i = self.at.checked_sub(1).filter(|&i| i < self.steps.len())?;
        let candidates = self
            .steps
            .iter()
            .enumerate()
            .map(|(j, s)| {
                let state = if j == i {
                    state.clone()
                } else {
                    s.state.clone()
                };
                (j + 1, state, s.note.clone())
            })
            .collect();
        let edited = assemble(&self.title, candidates, self.at, &mut Vec::new())?;
        // A step left out would shift the others: every step must be kept, in its place.
        (edited.len() == self.len() && edited.steps[i].state == state).then(|| State {
            view: View::Lesson(edited),
            custom: Vec::new(),
        })
    }
}

/// Builds a lesson from views and notes, with the limits a link to it will have (title and
/// notes cleaned and cut, at most `MAX_STEPS` steps, no lesson inside a lesson, no step link
/// over `MAX_STEP_LINK`, at most `MAX_LESSON_STEPS_BYTES` of steps); opens at step 1. The
/// notices say what was cut or left out, by step number (from 1, in `steps`). With states the
/// app got from `parse`, the result is canonical: `parse(print(lesson))` gives it back.
/// `None` when no step is left (the notices say why).
pub fn lesson(title: &str, steps: Vec<(State, String)>) -> (Option<State>, Vec<Notice>) {
    let mut notices = Vec::new();
    if steps.len() > MAX_STEPS {
        notices.push(Notice::TooManySteps);
    }
    let candidates = steps
        .into_iter()
        .take(MAX_STEPS)
        .enumerate()
        .map(|(i, (state, note))| (i + 1, state, note))
        .collect();
    let lesson = assemble(title, candidates, 1, &mut notices);
    let state = lesson.map(|l| State {
        view: View::Lesson(l),
        custom: Vec::new(),
    });
    (state, notices)
}

/// Everything a link restores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub view: View,
    pub custom: Vec<CustomTheme>,
}

impl Default for State {
    fn default() -> Self {
        State {
            view: View::Library,
            custom: Vec::new(),
        }
    }
}

/// Something about a link the reader should know: what was dropped or changed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Truncated,
    BadEncoding,
    UnknownView(String),
    UnknownDoc(String),
    UnknownPassage {
        doc: String,
        passage: String,
    },
    UnknownTheme(String),
    UnknownEntity(String),
    UnknownLang(String),
    UnknownParam(String),
    TooManyValues(String),
    TooFewToCompare,
    TooManyToCompare,
    BadCustomTheme(String),
    /// The link was made for another corpus version.
    OtherVersion {
        link: String,
    },
    /// A lesson link with more than `MAX_STEPS` steps.
    TooManySteps,
    /// A lesson step that could not be kept, by its number in the link (from 1).
    StepLeftOut {
        step: usize,
        why: StepProblem,
    },
    /// Something about a step's own link (a detail dropped, bad encoding), by its number.
    InStep {
        step: usize,
        notice: Box<Notice>,
    },
    /// A step's note was longer than `MAX_STEP_NOTE_CHARS` and was cut.
    NoteCut {
        step: usize,
    },
    /// The lesson title was longer than `MAX_TITLE_CHARS` and was cut.
    TitleCut,
    /// A lesson draft's note for its next step was longer than `MAX_STEP_NOTE_CHARS` and was cut.
    NextNoteCut,
    /// The steps went past `MAX_LESSON_STEPS_BYTES`: only the first `kept` were kept.
    LessonTooLong {
        kept: usize,
    },
    /// `at` named no step of the lesson; it opens at the nearest one.
    NoSuchStep(String),
    /// A lesson with no step that opens here.
    EmptyLesson,
    /// A lesson given as a step of a lesson.
    NestedLesson,
}

/// Why a lesson step was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepProblem {
    /// Neither a link nor a note.
    Empty,
    /// Its canonical link is longer than `MAX_STEP_LINK`.
    TooLong,
    /// Its link opens nothing here (a missing source or passage, an unknown view, a lesson):
    /// the notice of that link that says why.
    Refused(Box<Notice>),
}

impl fmt::Display for StepProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepProblem::Empty => write!(f, "it has neither a link nor a note"),
            StepProblem::TooLong => write!(f, "its link is longer than {MAX_STEP_LINK} bytes"),
            StepProblem::Refused(n) => write!(f, "{n}"),
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::Truncated => write!(f, "The text was too long for a link: its end was left out."),
            Notice::BadEncoding => write!(f, "Part of the link was not validly encoded and was read as plain text."),
            Notice::UnknownView(v) => write!(f, "There is no view called “{v}”."),
            Notice::UnknownDoc(d) => write!(f, "There is no source “{d}” in this corpus."),
            Notice::UnknownPassage { doc, passage } => {
                write!(f, "Source {doc} has no passage “{passage}”.")
            }
            Notice::UnknownTheme(t) => write!(f, "There is no theme “{t}”; it was left out."),
            Notice::UnknownEntity(e) => write!(f, "There is no entity “{e}”; it was left out."),
            Notice::UnknownLang(l) => write!(f, "There is no language “{l}” here; it was left out."),
            Notice::UnknownParam(p) => write!(f, "The link setting “{p}” is not known and was ignored."),
            Notice::TooManyValues(p) => write!(f, "The link had too many values for “{p}”; the extra ones were ignored."),
            Notice::TooFewToCompare => write!(f, "A comparison needs at least two different sources."),
            Notice::TooManyToCompare => write!(f, "At most {MAX_COMPARE} sources can be compared; the others were left out."),
            Notice::BadCustomTheme(why) => write!(f, "A reader-defined theme in the link was ignored: {why}."),
            Notice::OtherVersion { link } => write!(
                f,
                "This link was made for another version of the corpus ({link}); passages may have moved."
            ),
            Notice::TooManySteps => write!(f, "A lesson has at most {MAX_STEPS} steps; the others were left out."),
            Notice::StepLeftOut { step, why: why @ StepProblem::Refused(_) } => {
                write!(f, "Step {step} of the lesson was left out. {why}")
            }
            Notice::StepLeftOut { step, why } => write!(f, "Step {step} of the lesson was left out: {why}."),
            Notice::InStep { step, notice } => write!(f, "Step {step}: {notice}"),
            Notice::NoteCut { step } => write!(f, "The note of step {step} was longer than {MAX_STEP_NOTE_CHARS} characters and was cut."),
            Notice::TitleCut => write!(f, "The lesson title was longer than {MAX_TITLE_CHARS} characters and was cut."),
            Notice::NextNoteCut => write!(f, "The note for the next step was longer than {MAX_STEP_NOTE_CHARS} characters and was cut."),
            Notice::LessonTooLong { kept } => write!(f, "The lesson was too long for one link; only its first {kept} steps were kept."),
            Notice::NoSuchStep(at) => write!(f, "The lesson has no step “{at}”; it opens at the nearest one."),
            Notice::EmptyLesson => write!(f, "This lesson has no step that opens here."),
            Notice::NestedLesson => write!(f, "A lesson cannot be a step of another lesson."),
        }
    }
}

/// What exists in the corpus, for validation.
#[derive(Debug, Clone)]
pub struct Known {
    /// Documents in corpus order, each with its passage ids.
    pub docs: Vec<(String, Vec<String>)>,
    pub themes: Vec<String>,
    pub entities: Vec<String>,
    /// Short corpus version carried in links (the first 12 hex digits of the bundle checksum).
    pub version: String,
}

impl Known {
    pub fn new(corpus: &Corpus, checksum: &str) -> Known {
        Known {
            docs: corpus
                .documents
                .iter()
                .map(|d| {
                    (
                        d.id.clone(),
                        d.passages.iter().map(|p| p.id.clone()).collect(),
                    )
                })
                .collect(),
            themes: corpus.themes.iter().map(|t| t.id.clone()).collect(),
            entities: corpus.entities.iter().map(|e| e.id.clone()).collect(),
            version: checksum.chars().take(12).collect(),
        }
    }

    fn doc(&self, id: &str) -> Option<&(String, Vec<String>)> {
        self.docs.iter().find(|(d, _)| d == id)
    }
}

/// Stage one: splits a fragment (with or without `#`) into raw path segments and parameters.
pub fn raw(fragment: &str) -> Raw {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    let truncated = f.len() > MAX_FRAGMENT;
    let f = crate::search::truncate(f, MAX_FRAGMENT);
    let (path, query) = f.split_once('?').unwrap_or((f, ""));
    Raw {
        path: path
            .split('/')
            .filter(|s| !s.is_empty())
            .take(8)
            .map(str::to_owned)
            .collect(),
        params: query
            .split('&')
            .filter(|s| !s.is_empty())
            .take(64)
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (k.to_owned(), v.to_owned())
            })
            .collect(),
        truncated,
    }
}

/// Percent-decodes; invalid escapes stay as written and invalid UTF-8 is replaced, both noted.
pub fn decode(s: &str, bad: &mut bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            ) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
            *bad = true;
        }
        out.push(bytes[i]);
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => {
            *bad = true;
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// Percent-encodes everything but unreserved characters (and `extra`, kept literally).
pub fn encode(s: &str, extra: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || extra.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Removes control and formatting characters (bidi overrides, zero-width) and trims.
fn clean_text(s: &str, max_chars: usize) -> String {
    clean_text_cut(s, max_chars).0
}

/// `clean_text`, and whether more than `max_chars` characters were left after filtering.
fn clean_text_cut(s: &str, max_chars: usize) -> (String, bool) {
    let (text, cut) = limit_text(s, max_chars);
    (text.trim().to_owned(), cut)
}

/// Text as a link carries it, for everything the parser reads and everything typed that a link
/// will hold (a lesson's title and notes in the draft): control characters and invisible
/// formatting ones (direction overrides and isolates U+202A–U+202E and U+2066–U+2069, marks and
/// zero-width characters U+200B–U+200F, the byte-order mark) removed, then at most `max_chars`
/// characters kept; true when more were left. Not trimmed, so that text being typed keeps the
/// space before its next word (the link trims). Linear, and idempotent.
pub fn limit_text(s: &str, max_chars: usize) -> (String, bool) {
    let mut kept = s.chars().filter(|&c| {
        !c.is_control()
            && !is_direction_control(c)
            && !is_zero_width(c)
            // The direction marks U+200E and U+200F.
            && !matches!(c, '\u{200e}' | '\u{200f}')
    });
    let text: String = kept.by_ref().take(max_chars).collect();
    let cut = kept.next().is_some();
    (text, cut)
}

/// Stage two: a typed, validated state and the notices for the reader.
pub fn parse(fragment: &str, known: &Known) -> (State, Vec<Notice>) {
    parse_at(fragment, known, false)
}

/// The parameter names of a link, written once: parsing reads them, the check for unknown
/// parameters lists them, printing writes them.
mod param {
    pub const Q: &str = "q";
    pub const THEMES: &str = "themes";
    pub const SOURCES: &str = "sources";
    pub const ENTITIES: &str = "entities";
    pub const LANGS: &str = "langs";
    pub const MODE: &str = "mode";
    pub const THEME: &str = "theme";
    pub const DIFFER: &str = "differ";
    pub const REMOVED: &str = "removed";
    pub const VERSION: &str = "v";
    pub const CUSTOM: &str = "custom";
    pub const TITLE: &str = "title";
    pub const STEP: &str = "step";
    pub const AT: &str = "at";
    pub const PART: &str = "part";

    /// Every name a link may carry.
    pub const ALL: [&str; 15] = [
        Q, THEMES, SOURCES, ENTITIES, LANGS, MODE, THEME, DIFFER, REMOVED, VERSION, CUSTOM, TITLE,
        STEP, AT, PART,
    ];
}

/// `parse`, for a whole link or (`nested`) the link of a lesson step, where a lesson is
/// refused: lessons nest one level at most.
fn parse_at(fragment: &str, known: &Known, nested: bool) -> (State, Vec<Notice>) {
    let raw = raw(fragment);
    let mut notices = Vec::new();
    if raw.truncated {
        notices.push(Notice::Truncated);
    }
    let mut bad = false;
    let mut get = |name: &str| -> Option<String> {
        raw.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| decode(crate::search::truncate(v, MAX_VALUE), &mut bad))
    };
    let q = get(param::Q).unwrap_or_default();
    let list = |name: &str,
                get: &mut dyn FnMut(&str) -> Option<String>,
                notices: &mut Vec<Notice>|
     -> Vec<String> {
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
    };
    let themes_raw = list(param::THEMES, &mut get, &mut notices);
    let sources_raw = list(param::SOURCES, &mut get, &mut notices);
    let entities_raw = list(param::ENTITIES, &mut get, &mut notices);
    let langs_raw = list(param::LANGS, &mut get, &mut notices);
    let mode = get(param::MODE);
    let theme = get(param::THEME);
    let differ = get(param::DIFFER);
    let removed = get(param::REMOVED);
    let title = get(param::TITLE);
    let at = get(param::AT);
    let version = get(param::VERSION);
    let part = get(param::PART);
    if bad {
        notices.push(Notice::BadEncoding);
    }
    for (k, _) in &raw.params {
        let known_param = param::ALL.contains(&k.as_str());
        if !known_param {
            notices.push(Notice::UnknownParam(clean_text(k, 40)));
        }
    }
    if let Some(v) = version.filter(|v| *v != known.version) {
        notices.push(Notice::OtherVersion {
            link: clean_text(&v, 16),
        });
    }

    // Reader-defined themes first: their ids may appear in the theme filters.
    let mut custom = Vec::new();
    for (_, v) in raw.params.iter().filter(|(k, _)| k == param::CUSTOM) {
        if custom.len() == MAX_CUSTOM {
            notices.push(Notice::TooManyValues(param::CUSTOM.into()));
            break;
        }
        match parse_custom(crate::search::truncate(v, MAX_VALUE), &mut notices) {
            Ok(c) => custom.push(c),
            Err(why) => notices.push(Notice::BadCustomTheme(why)),
        }
    }
    let mut theme_ids: Vec<String> = known.themes.clone();
    theme_ids.extend((0..custom.len()).map(custom_id));

    let path: Vec<String> = raw.path.iter().map(|s| decode(s, &mut false)).collect();
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    let doc_order = |ids: &[String], notices: &mut Vec<Notice>| -> Vec<String> {
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
    };
    let in_order = |ids: &[String],
                    all: &[String],
                    notice: fn(String) -> Notice,
                    notices: &mut Vec<Notice>|
     -> Vec<String> {
        for id in ids {
            if !all.contains(id) {
                notices.push(notice(clean_text(id, 40)));
            }
        }
        all.iter().filter(|t| ids.contains(t)).cloned().collect()
    };

    let view = match path.as_slice() {
        [] | ["library"] => View::Library,
        ["read", doc, rest @ ..] => match known.doc(doc) {
            None => {
                notices.push(Notice::UnknownDoc(clean_text(doc, 40)));
                View::Library
            }
            Some((id, passages)) => {
                let passage = rest.first().and_then(|p| {
                    if passages.iter().any(|x| x == p) {
                        Some((*p).to_owned())
                    } else {
                        notices.push(Notice::UnknownPassage {
                            doc: id.clone(),
                            passage: clean_text(p, 40),
                        });
                        None
                    }
                });
                View::Read {
                    doc: id.clone(),
                    passage,
                    show_removed: removed.as_deref() == Some("1"),
                }
            }
        },
        ["explore"] => {
            if q.chars().count() > MAX_QUERY_CHARS && !notices.contains(&Notice::Truncated) {
                notices.push(Notice::Truncated);
            }
            let mut langs = Vec::new();
            for l in &langs_raw {
                match Lang::from_code(l) {
                    Some(l) if !langs.contains(&l) => langs.push(l),
                    Some(_) => {}
                    None => notices.push(Notice::UnknownLang(clean_text(l, 20))),
                }
            }
            crate::sort::sort(&mut langs);
            View::Explore(Explore {
                query: clean_text(&q, MAX_QUERY_CHARS),
                themes: in_order(&themes_raw, &theme_ids, Notice::UnknownTheme, &mut notices),
                sources: doc_order(&sources_raw, &mut notices),
                entities: in_order(
                    &entities_raw,
                    &known.entities,
                    Notice::UnknownEntity,
                    &mut notices,
                ),
                langs,
                kwic: mode.as_deref() == Some("kwic"),
            })
        }
        ["overview"] => View::Overview {
            part: part.and_then(|p| {
                let found = OverviewPart::from_id(&p);
                if found.is_none() {
                    notices.push(Notice::UnknownParam(clean_text(&format!("part={p}"), 40)));
                }
                found
            }),
        },
        ["map"] => View::Map,
        // No sources named: the app opens the pair that shares the most wording.
        ["compare"] => View::Compare {
            docs: Vec::new(),
            theme: None,
            only_differ: false,
        },
        ["compare", docs @ ..] => {
            let requested: Vec<String> = docs.iter().map(|d| (*d).to_owned()).collect();
            let mut ids: Vec<String> = Vec::new();
            for d in &requested {
                if known.doc(d).is_none() {
                    notices.push(Notice::UnknownDoc(clean_text(d, 40)));
                } else if !ids.contains(d) {
                    ids.push(d.clone());
                }
            }
            if ids.len() > MAX_COMPARE {
                notices.push(Notice::TooManyToCompare);
                ids.truncate(MAX_COMPARE);
            }
            if ids.len() < 2 {
                notices.push(Notice::TooFewToCompare);
                View::Library
            } else {
                let theme = theme.and_then(|t| {
                    if theme_ids.contains(&t) {
                        Some(t)
                    } else {
                        notices.push(Notice::UnknownTheme(clean_text(&t, 40)));
                        None
                    }
                });
                View::Compare {
                    docs: ids,
                    theme,
                    only_differ: differ.as_deref() == Some("1"),
                }
            }
        }
        ["source", doc] => match known.doc(doc) {
            Some((id, _)) => View::Source { doc: id.clone() },
            None => {
                notices.push(Notice::UnknownDoc(clean_text(doc, 40)));
                View::Library
            }
        },
        ["methods"] => View::Methods,
        ["notes"] => View::Notes,
        ["lesson"] if nested => {
            notices.push(Notice::NestedLesson);
            View::Library
        }
        ["lesson"] => {
            let steps: Vec<&str> = raw
                .params
                .iter()
                .filter(|(k, _)| k == param::STEP)
                .map(|(_, v)| v.as_str())
                .collect();
            match parse_lesson(&title.unwrap_or_default(), &steps, at, known, &mut notices) {
                Some(l) => View::Lesson(l),
                None => {
                    notices.push(Notice::EmptyLesson);
                    View::Library
                }
            }
        }
        [other, ..] => {
            notices.push(Notice::UnknownView(clean_text(other, 40)));
            View::Library
        }
    };
    if matches!(view, View::Lesson(_)) && !custom.is_empty() {
        custom.clear();
        notices.push(Notice::BadCustomTheme(
            "in a lesson, each step carries its own".into(),
        ));
    }
    (State { view, custom }, notices)
}

/// Stage two of a lesson link: each `step=` value is `link!note`, both percent-encoded (the
/// link keeps `/?=,:|` literal for reading; it never holds a bare `!`), the link parsed as any
/// link (one level deep). `at` counts steps as the link does; when steps before it were left
/// out it still opens the step it named (or the nearest after it).
fn parse_lesson(
    title: &str,
    values: &[&str],
    at: Option<String>,
    known: &Known,
    notices: &mut Vec<Notice>,
) -> Option<Lesson> {
    if values.len() > MAX_STEPS {
        notices.push(Notice::TooManySteps);
    }
    let read = values.len().min(MAX_STEPS);
    let mut candidates = Vec::new();
    for (i, v) in values.iter().take(MAX_STEPS).enumerate() {
        let step = i + 1;
        let in_step = |n: Notice| Notice::InStep {
            step,
            notice: Box::new(n),
        };
        if v.len() > MAX_VALUE {
            notices.push(in_step(Notice::Truncated));
        }
        let v = crate::search::truncate(v, MAX_VALUE);
        let (link, note) = v.split_once('!').unwrap_or((v, ""));
        if link.is_empty() && note.is_empty() {
            notices.push(Notice::StepLeftOut {
                step,
                why: StepProblem::Empty,
            });
            continue;
        }
        let mut bad = false;
        let (link, note) = (decode(link, &mut bad), decode(note, &mut bad));
        if bad {
            notices.push(in_step(Notice::BadEncoding));
        }
        let (state, inner) = parse_at(&link, known, true);
        if state.is_not_found(&inner) {
            let why = inner
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
                .clone();
            notices.push(Notice::StepLeftOut {
                step,
                why: StepProblem::Refused(Box::new(why)),
            });
            continue;
        }
        notices.extend(inner.into_iter().map(in_step));
        candidates.push((step, state, note));
    }
    let at = match at {
        None => 1,
        Some(a) => match a.parse::<usize>() {
            Ok(n) if (1..=read).contains(&n) => n,
            parsed => {
                notices.push(Notice::NoSuchStep(clean_text(&a, 20)));
                match parsed {
                    Ok(n) if n > read => read,
                    _ => 1,
                }
            }
        },
    };
    assemble(title, candidates, at, notices)
}

/// The checks a lesson's steps pass, from a link or from the app: title and notes cleaned and
/// cut, no lesson inside, step links and the whole within their limits. `candidates` carry
/// their step numbers; `at` is one of them (or near one).
fn assemble(
    title: &str,
    candidates: Vec<(usize, State, String)>,
    at: usize,
    notices: &mut Vec<Notice>,
) -> Option<Lesson> {
    let (title, cut) = clean_text_cut(title, MAX_TITLE_CHARS);
    if cut {
        notices.push(Notice::TitleCut);
    }
    let mut steps = Vec::new();
    let mut numbers = Vec::new();
    let mut bytes = 0;
    for (n, state, note) in candidates {
        if matches!(state.view, View::Lesson(_)) {
            notices.push(Notice::StepLeftOut {
                step: n,
                why: StepProblem::Refused(Box::new(Notice::NestedLesson)),
            });
            continue;
        }
        let (note, cut) = clean_text_cut(&note, MAX_STEP_NOTE_CHARS);
        if cut {
            notices.push(Notice::NoteCut { step: n });
        }
        if print_inner(&state).len() > MAX_STEP_LINK {
            notices.push(Notice::StepLeftOut {
                step: n,
                why: StepProblem::TooLong,
            });
            continue;
        }
        let step = Step { state, note };
        let len = "&step=".len() + step_param(&step).len();
        if bytes + len > MAX_LESSON_STEPS_BYTES {
            notices.push(Notice::LessonTooLong { kept: steps.len() });
            break;
        }
        bytes += len;
        steps.push(step);
        numbers.push(n);
    }
    if steps.is_empty() {
        return None;
    }
    let at = numbers
        .iter()
        .position(|&n| n >= at)
        .unwrap_or(steps.len() - 1)
        + 1;
    Some(Lesson { title, steps, at })
}

/// Characters a step's link keeps unencoded in the lesson link, for reading.
const STEP_LITERAL: &[u8] = b"/?=,:|";

/// The value of a `step=` parameter: the step's canonical link, then `!` and the note.
fn step_param(step: &Step) -> String {
    let link = encode(&print_inner(&step.state), STEP_LITERAL);
    if step.note.is_empty() {
        link
    } else {
        format!("{link}!{}", encode(&step.note, b""))
    }
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

impl State {
    /// The view on screen: a lesson's current step shows its own view under the lesson bar
    /// (lessons do not nest), anything else is itself.
    pub fn shown_view(&self) -> &View {
        match &self.view {
            View::Lesson(l) => l.current().map_or(&self.view, |s| &s.state.view),
            v => v,
        }
    }

    /// Whether the notices of the parse that gave this state mean the link's own target does
    /// not exist: a source, view or comparison that is not there (the view fell back to the
    /// library), or a passage its source does not have. The app then says "not found" instead
    /// of showing the fallback. A detail that was dropped (an unknown theme or filter source, a
    /// third source of a comparison) is not that: the view opens with a notice.
    pub fn is_not_found(&self, notices: &[Notice]) -> bool {
        notices.iter().any(|n| match n {
            Notice::UnknownPassage { .. } => true,
            Notice::UnknownView(_)
            | Notice::UnknownDoc(_)
            | Notice::TooFewToCompare
            | Notice::EmptyLesson
            | Notice::NestedLesson => self.view == View::Library,
            _ => false,
        })
    }
}

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
    let query: Vec<String> = params
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    format!("#{path}?{}", query.join("&"))
}

/// The canonical link of a view as a lesson step holds it (path and parameters, without `#`
/// or version); `parse_step_link` reads it back.
pub fn step_link(state: &State) -> String {
    print_inner(state)
}

/// Reads a step's link (`step_link`) as a lesson reads its steps: one level deep, a lesson
/// refused, no version expected.
pub fn parse_step_link(link: &str, known: &Known) -> (State, Vec<Notice>) {
    parse_at(link, known, true)
}

/// The canonical link of a lesson step: its path and parameters, without `#` or version.
fn print_inner(state: &State) -> String {
    let (path, params) = parts(state);
    if params.is_empty() {
        return path;
    }
    let query: Vec<String> = params
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    format!("{path}?{}", query.join("&"))
}

/// The canonical path of a state and its parameters in order, all but the version.
fn parts(state: &State) -> (String, Vec<(&'static str, String)>) {
    let mut params: Vec<(&str, String)> = Vec::new();
    let list = |v: &[String]| {
        v.iter()
            .map(|s| encode(s, b""))
            .collect::<Vec<_>>()
            .join(",")
    };
    let path = match &state.view {
        View::Library => "/".to_owned(),
        View::Read {
            doc,
            passage,
            show_removed,
        } => {
            if *show_removed {
                params.push((param::REMOVED, "1".into()));
            }
            match passage {
                Some(p) => format!("/read/{doc}/{p}"),
                None => format!("/read/{doc}"),
            }
        }
        View::Explore(e) => {
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
            "/explore".to_owned()
        }
        View::Overview { part } => {
            if let Some(p) = part {
                params.push((param::PART, p.id().into()));
            }
            "/overview".to_owned()
        }
        View::Map => "/map".to_owned(),
        View::Compare {
            docs,
            theme,
            only_differ,
        } => {
            if let Some(t) = theme {
                params.push((param::THEME, encode(t, b"")));
            }
            if *only_differ {
                params.push((param::DIFFER, "1".into()));
            }
            if docs.is_empty() {
                "/compare".to_owned()
            } else {
                format!("/compare/{}", docs.join("/"))
            }
        }
        View::Source { doc } => format!("/source/{doc}"),
        View::Methods => "/methods".to_owned(),
        View::Notes => "/notes".to_owned(),
        View::Lesson(l) => {
            if !l.title.is_empty() {
                params.push((param::TITLE, encode(&l.title, b"")));
            }
            for step in &l.steps {
                params.push((param::STEP, step_param(step)));
            }
            if l.at != 1 {
                params.push((param::AT, l.at.to_string()));
            }
            "/lesson".to_owned()
        }
    };
    for c in &state.custom {
        let terms: Vec<String> = c.terms.iter().map(|t| encode(t, b"")).collect();
        params.push((
            param::CUSTOM,
            format!("{}:{}", encode(&c.label, b""), terms.join("|")),
        ));
    }
    (path, params)
}
