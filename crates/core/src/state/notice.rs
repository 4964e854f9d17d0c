//! `Notice`s: what a link lost or changed on the way to a state, and how the reader is told;
//! with the other words about links written once here: why a pasted text is not a Parallax link
//! (`NotALink`), how to get documents a link names that this copy does not have
//! (`get_documents`, `step_needs`), and the note beside a link written as a bare fragment
//! (`OPEN_IN_YOUR_COPY`).

use super::{
    StepField, MAX_COMPARE, MAX_STEPS, MAX_STEP_LINK, MAX_STEP_NOTE_CHARS, MAX_TITLE_CHARS,
};
use crate::strings::thousands;
use std::fmt;

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
    /// A change to a theme of the corpus (renamed, joined, hidden) that could not be kept.
    BadThemeChange(String),
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
    /// A step's name, question or answer was longer than its limit and was cut.
    FieldCut {
        step: usize,
        field: StepField,
    },
    /// A step's name, question or answer with no `step=` before it (`step: None`), or a second
    /// one for the same step: ignored.
    StrayField {
        field: StepField,
        step: Option<usize>,
    },
    /// A lesson draft's note for its next step was longer than `MAX_STEP_NOTE_CHARS` and was cut.
    NextNoteCut,
    /// The view opened from the lesson's step (`away=`) could not be kept: the lesson shows
    /// its step.
    AwayLeftOut(StepProblem),
    /// Something about the link of the view opened from the lesson's step (a detail dropped).
    InAway(Box<Notice>),
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
    /// The link names documents this copy does not have (`docs`, in the order named, no
    /// repeats), in the link itself or in the lesson's steps `steps` (from 1, in order), which
    /// open with their notes; it says how to get them. One notice for the whole link: the
    /// parser gathers every unknown source into it.
    MissingDocs {
        docs: Vec<String>,
        steps: Vec<usize>,
    },
}

/// Most documents a notice names by id; the rest are counted ("and 3 more").
pub const MAX_NAMED_DOCS: usize = 10;

/// How to get documents a link names that this copy does not have, for `n` of them: the one
/// sentence every notice about them ends with (the lesson builder's warning about a teacher's
/// own documents may say it too).
pub fn get_documents(n: usize) -> &'static str {
    if n == 1 {
        "To get it, ask whoever sent you the link for the collection file or for the single file made with “Download as one file”, then open that file here."
    } else {
        "To get them, ask whoever sent you the link for the collection file or for the single file made with “Download as one file”, then open that file here."
    }
}

/// What a lesson step on documents this copy does not have shows in place of its view.
pub fn step_needs(docs: &[String]) -> String {
    format!(
        "This step shows {} this copy of Parallax does not have: {}. {}",
        documents(docs.len()),
        named(docs),
        get_documents(docs.len())
    )
}

/// The note written beside a link that a page opened as a file gives as a bare fragment
/// (`share_base`): where it opens.
pub const OPEN_IN_YOUR_COPY: &str = "This copy of Parallax is a file on this computer, so its links start at “#/”. Send the link as it is: the receiver pastes it into “Open a link” in their own copy of Parallax.";

/// "a document" or "2 documents".
fn documents(n: usize) -> String {
    if n == 1 {
        "a document".into()
    } else {
        format!("{} documents", thousands(n as u64))
    }
}

/// Ids in quotes, joined as a sentence lists them: "“a”", "“a” and “b”", "“a”, “b” and 3 more".
fn named(docs: &[String]) -> String {
    let shown: Vec<String> = docs
        .iter()
        .take(MAX_NAMED_DOCS)
        .map(|d| format!("“{d}”"))
        .collect();
    let more = docs.len().saturating_sub(MAX_NAMED_DOCS);
    let mut items = shown;
    if more > 0 {
        items.push(format!("{} more", thousands(more as u64)));
    }
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Why a text pasted into "Open a link" opens nothing (`open_pasted`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotALink {
    /// Nothing but spaces, quotes or brackets.
    Empty,
    /// No `#/` in it, nor a bare `/…`: not a link to a view of Parallax.
    NoFragment,
    /// Longer than any Parallax link: more than `MAX_PASTE_CHARS` characters, or a fragment
    /// of more than `MAX_FRAGMENT` bytes.
    TooLong,
    /// A `#/` link to a view Parallax does not have (another program's link, or one cut short).
    NoSuchView(String),
}

impl fmt::Display for NotALink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotALink::Empty => write!(f, "Paste a Parallax link into the box first."),
            NotALink::NoFragment => write!(
                f,
                "This is not a Parallax link: it has no “#/” in it. A Parallax link looks like https://…/#/read/001 or #/lesson?…"
            ),
            NotALink::TooLong => write!(
                f,
                "This text is too long to be a Parallax link (a link has at most {} characters). Copy the link alone and paste it again.",
                thousands(super::MAX_FRAGMENT as u64)
            ),
            NotALink::NoSuchView(v) => write!(
                f,
                "This link is not one Parallax can open: it has no view called “{v}”. It may be for another website, or cut short."
            ),
        }
    }
}

/// Step numbers as a sentence lists them: "Step 3", "Steps 3 and 5", "Steps 1, 3 and 5".
fn steps_named(steps: &[usize]) -> String {
    let items: Vec<String> = steps.iter().map(usize::to_string).collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => format!("Step {last}"),
        Some((last, rest)) => format!("Steps {} and {last}", rest.join(", ")),
    }
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
            Notice::BadThemeChange(why) => write!(f, "A change to the story's themes in the link was ignored: {why}."),
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
            Notice::FieldCut { step, field } => write!(f, "The {} of step {step} was longer than {} characters and was cut.", field.name(), field.max_chars()),
            Notice::StrayField { field, step: None } => write!(f, "The link gives a {} before any step; it was ignored.", field.name()),
            Notice::StrayField { field, step: Some(step) } => write!(f, "Step {step} has more than one {}; only the first was kept.", field.name()),
            Notice::NextNoteCut => write!(f, "The note for the next step was longer than {MAX_STEP_NOTE_CHARS} characters and was cut."),
            Notice::AwayLeftOut(why @ StepProblem::Refused(_)) => write!(f, "The view opened from the lesson was not shown; the lesson shows its step. {why}"),
            Notice::AwayLeftOut(why) => write!(f, "The view opened from the lesson was not shown, the lesson shows its step: {why}."),
            Notice::InAway(notice) => write!(f, "The view opened from the lesson: {notice}"),
            Notice::LessonTooLong { kept } => write!(f, "The lesson was too long for one link; only its first {kept} steps were kept."),
            Notice::NoSuchStep(at) => write!(f, "The lesson has no step “{at}”; it opens at the nearest one."),
            Notice::EmptyLesson => write!(f, "This lesson has no step that opens here."),
            Notice::NestedLesson => write!(f, "A lesson cannot be a step of another lesson."),
            Notice::MissingDocs { docs, steps } if steps.is_empty() => write!(
                f,
                "This link names {} this copy of Parallax does not have: {}. {}",
                documents(docs.len()),
                named(docs),
                get_documents(docs.len())
            ),
            Notice::MissingDocs { docs, steps } => {
                let one = steps.len() == 1;
                write!(
                    f,
                    "{} of this lesson {} {} this copy of Parallax does not have: {}. {} Until then, {} with {} only.",
                    steps_named(steps),
                    if one { "uses" } else { "use" },
                    documents(docs.len()),
                    named(docs),
                    get_documents(docs.len()),
                    if one { "the step opens" } else { "these steps open" },
                    if one { "its note" } else { "their notes" },
                )
            }
        }
    }
}
