//! `Notice`s: what a link lost or changed on the way to a state, and how the reader is told.

use super::{
    StepField, MAX_COMPARE, MAX_STEPS, MAX_STEP_LINK, MAX_STEP_NOTE_CHARS, MAX_TITLE_CHARS,
};
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
        }
    }
}
