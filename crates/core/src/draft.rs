//! The lesson a teacher is making in the "Make a lesson" panel, in a small versioned JSON form
//! for local storage, so that a reload keeps it. The lesson link stays the way to share; this
//! only keeps the work in progress, and it must not hold the limits of a link: a draft keeps
//! every step and the whole of each note, which the link then cuts with notices.
//!
//! `{"format":1,"title":"…","note":"…","steps":[{"link":"/read/002/p4","note":"…"}]}`: each
//! `link` is a step's canonical link (as in a lesson link, without `#` or version), read back
//! by `state`'s parser; a step whose link opens nothing any more (a document of the reader's
//! removed since) is left out with a notice naming it, never silently.

use crate::state::{self, Known, Notice, State, StepProblem};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The format this version writes and reads.
pub const DRAFT_FORMAT: u32 = 1;
/// Largest stored draft read, in bytes: far above what a panel of steps holds.
pub const MAX_DRAFT_BYTES: usize = 4 * 1024 * 1024;

/// A lesson being made: its title, its steps (a view and a note each) and the note typed for
/// the next step, all as the teacher wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub steps: Vec<(State, String)>,
    pub note: String,
}

impl Draft {
    pub fn is_empty(&self) -> bool {
        self.title.is_empty() && self.steps.is_empty() && self.note.is_empty()
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    format: u32,
    title: String,
    note: String,
    steps: Vec<StoredStep>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredStep {
    link: String,
    note: String,
}

/// Why a stored draft could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    TooLarge(usize),
    /// Written by a newer version of the app.
    NewerFormat(u64),
    /// Not JSON of this shape, with serde's words.
    Unreadable(String),
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::TooLarge(n) => write!(f, "it is too large ({n} bytes)"),
            DraftError::NewerFormat(n) => {
                write!(
                    f,
                    "it was saved by a newer version of Parallax (format {n})"
                )
            }
            DraftError::Unreadable(why) => write!(f, "it is damaged ({why})"),
        }
    }
}

impl std::error::Error for DraftError {}

/// The draft as stored; always written as `DRAFT_FORMAT`.
pub fn to_json(draft: &Draft) -> String {
    let stored = Stored {
        format: DRAFT_FORMAT,
        title: draft.title.clone(),
        note: draft.note.clone(),
        steps: draft
            .steps
            .iter()
            .map(|(s, note)| StoredStep {
                link: state::step_link(s),
                note: note.clone(),
            })
            .collect(),
    };
    // Serialising strings and integers cannot fail.
    serde_json::to_string(&stored).unwrap_or_default()
}

/// Reads a stored draft against what exists now. Each step's link is parsed as a lesson step
/// is; one that opens nothing is left out with `Notice::StepLeftOut` (numbered from 1 as the
/// draft listed them), and a step's other notices come as `Notice::InStep`.
pub fn from_json(s: &str, known: &Known) -> Result<(Draft, Vec<Notice>), DraftError> {
    if s.len() > MAX_DRAFT_BYTES {
        return Err(DraftError::TooLarge(s.len()));
    }
    let value: serde_json::Value =
        serde_json::from_str(s).map_err(|e| DraftError::Unreadable(e.to_string()))?;
    // The format first: a newer draft may have any other shape.
    match value.get("format").and_then(|f| f.as_u64()) {
        Some(n) if n > u64::from(DRAFT_FORMAT) => return Err(DraftError::NewerFormat(n)),
        _ => {}
    }
    let stored: Stored =
        serde_json::from_value(value).map_err(|e| DraftError::Unreadable(e.to_string()))?;
    if stored.format == 0 {
        return Err(DraftError::Unreadable("there is no format 0".into()));
    }
    let mut notices = Vec::new();
    let mut steps = Vec::with_capacity(stored.steps.len());
    for (i, s) in stored.steps.into_iter().enumerate() {
        let step = i + 1;
        let (state, inner) = state::parse_step_link(&s.link, known);
        if state.is_not_found(&inner) || matches!(state.view, state::View::Lesson(_)) {
            let why = inner.into_iter().next().unwrap_or(Notice::NestedLesson);
            notices.push(Notice::StepLeftOut {
                step,
                why: StepProblem::Refused(Box::new(why)),
            });
            continue;
        }
        notices.extend(inner.into_iter().map(|n| Notice::InStep {
            step,
            notice: Box::new(n),
        }));
        steps.push((state, s.note));
    }
    let draft = Draft {
        title: stored.title,
        steps,
        note: stored.note,
    };
    Ok((draft, notices))
}

/// The draft another tab saved (`stored`) and this tab's (`mine`) as one, losing neither: the
/// stored steps, then this tab's steps that it lacks (a step is its link and its note); this
/// tab's title and next note where it has them, the stored ones otherwise. Linear in the steps.
pub fn merge(stored: &Draft, mine: &Draft) -> Draft {
    use std::collections::HashSet;
    let key = |(s, n): &(State, String)| (state::step_link(s), n.clone());
    let have: HashSet<(String, String)> = stored.steps.iter().map(key).collect();
    let mut steps = stored.steps.clone();
    steps.extend(
        mine.steps
            .iter()
            .filter(|s| !have.contains(&key(s)))
            .cloned(),
    );
    let pick = |a: &String, b: &String| if a.is_empty() { b.clone() } else { a.clone() };
    Draft {
        title: pick(&mine.title, &stored.title),
        steps,
        note: pick(&mine.note, &stored.note),
    }
}
