//! The lesson a teacher is making in the "Make a lesson" panel, in a small versioned JSON form
//! for local storage, so that a reload keeps it. The lesson link stays the way to share; this
//! only keeps the work in progress, and it holds no more than a lesson link can carry: a title,
//! notes, names, questions and answers typed into it pass the link's own cleaning and lengths as
//! they are typed (`typed_title`, `typed_note`, `typed_field`, with what to tell the teacher when
//! that cut them), at most `MAX_STEPS` steps, each with a link of at most `MAX_STEP_LINK` bytes
//! (`refuse_step`).
//!
//! `{"format":2,"title":"…","note":"…","steps":[{"link":"/read/002/p4","note":"…","label":"…","question":"…","answer":"…"}]}`:
//! each `link` is a step's canonical link (as in a lesson link, without `#` or version), read
//! back by `state`'s parser; `label`, `question` and `answer` are written only when not empty.
//! Format 1 (before steps had names, questions and answers, and when notes were one line) is
//! read as it was written. A step whose link opens nothing any more (a document of the reader's
//! removed since) is left out with a notice naming it, never silently. A stored draft is read
//! within the same limits, with a notice for each thing cut or left out, and one larger than
//! `MAX_DRAFT_BYTES` is refused before it is parsed: reading one costs at most a bounded amount
//! of work, however it was tampered with.

use crate::state::{
    self, limit_lines, limit_text, Known, Notice, State, Step, StepField, StepProblem, View,
    MAX_STEPS, MAX_STEP_LINK, MAX_STEP_NOTE_CHARS, MAX_TITLE_CHARS,
};
use crate::store::{self, Loaded, Storage};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The format this version writes and reads (and it reads format 1).
pub const DRAFT_FORMAT: u32 = 2;
/// Largest stored draft read, in bytes. A draft at every limit (`MAX_STEPS` steps, each link
/// `MAX_STEP_LINK` bytes, title, notes, names, questions and answers at their lengths in
/// characters JSON writes in 4 bytes) takes about 212 KiB; a larger one was not written by this
/// version, and is refused whole, unparsed.
pub const MAX_DRAFT_BYTES: usize = 256 * 1024;

/// A lesson being made: its title, its steps (a view, a note, and a name, question and answer
/// each possibly empty) and the note typed for the next step, all as the teacher wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub steps: Vec<Step>,
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

/// A step as stored; format 1 has only `link` and `note`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredStep {
    link: String,
    note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    question: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    answer: String,
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
            DraftError::TooLarge(n) => write!(
                f,
                "it is larger than a lesson draft can be ({n} bytes; a draft takes at most {MAX_DRAFT_BYTES})"
            ),
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
            .map(|s| StoredStep {
                link: state::step_link(&s.state),
                note: s.note.clone(),
                label: s.label.clone(),
                question: s.question.clone(),
                answer: s.answer.clone(),
            })
            .collect(),
    };
    // Serialising strings and integers cannot fail.
    serde_json::to_string(&stored).unwrap_or_default()
}

/// Reads a stored draft against what exists now, within the limits of a lesson link: the title
/// and texts cleaned and cut as typed text is (`Notice::TitleCut`, `Notice::NoteCut`,
/// `Notice::FieldCut`, `Notice::NextNoteCut`), only the first `MAX_STEPS` steps read (`Notice::TooManySteps`), a
/// step whose link is longer than `MAX_STEP_LINK` left out unparsed. Each step's link is parsed
/// as a lesson step is; one that opens nothing is left out with `Notice::StepLeftOut` (numbered
/// from 1 as the draft listed them), and a step's other notices come as `Notice::InStep`. A
/// draft this version wrote reads back without notices; any notice means the draft read holds
/// less than the one stored. Linear in `s`, which is at most `MAX_DRAFT_BYTES`.
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
    let (title, cut) = limit_text(&stored.title, MAX_TITLE_CHARS);
    if cut {
        notices.push(Notice::TitleCut);
    }
    if stored.steps.len() > MAX_STEPS {
        notices.push(Notice::TooManySteps);
    }
    let mut steps = Vec::with_capacity(stored.steps.len().min(MAX_STEPS));
    for (i, s) in stored.steps.into_iter().take(MAX_STEPS).enumerate() {
        let step = i + 1;
        let too_long = Notice::StepLeftOut {
            step,
            why: StepProblem::TooLong,
        };
        if s.link.len() > MAX_STEP_LINK {
            notices.push(too_long);
            continue;
        }
        let (state, inner) = match state::parse_step_link(&s.link, known) {
            Ok(read) if !read.0.view.holds_steps() => read,
            refused => {
                let why = refused.err().unwrap_or(Notice::NestedLesson);
                notices.push(Notice::StepLeftOut {
                    step,
                    why: StepProblem::Refused(Box::new(why)),
                });
                continue;
            }
        };
        // A step on documents this copy does not have (removed, say) is kept whole: the draft
        // holds all it held, so nothing is said, and the builder warns of the documents.
        let inner = if matches!(state.view, View::Missing(_)) {
            Vec::new()
        } else {
            inner
        };
        // Its canonical link is what is written back: it must fit too.
        if state::step_link(&state).len() > MAX_STEP_LINK {
            notices.push(too_long);
            continue;
        }
        notices.extend(inner.into_iter().map(|n| Notice::InStep {
            step,
            notice: Box::new(n),
        }));
        let (note, cut) = limit_lines(&s.note, MAX_STEP_NOTE_CHARS);
        if cut {
            notices.push(Notice::NoteCut { step });
        }
        let mut read = Step::new(state, note);
        for (field, text) in StepField::ALL
            .into_iter()
            .zip([s.label, s.question, s.answer])
        {
            let (text, cut) = limit_field(field, &text);
            if cut {
                notices.push(Notice::FieldCut { step, field });
            }
            *field.of_mut(&mut read) = text;
        }
        steps.push(read);
    }
    let (note, cut) = limit_lines(&stored.note, MAX_STEP_NOTE_CHARS);
    if cut {
        notices.push(Notice::NextNoteCut);
    }
    let draft = Draft { title, steps, note };
    Ok((draft, notices))
}

/// Text typed into the draft (a title, a note) as a lesson link will carry it, and what to tell
/// the teacher when that changed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    pub text: String,
    /// A short notice in plain words: the text was cut to its length, or hidden characters
    /// (direction overrides, controls) were taken out.
    pub said: Option<String>,
}

/// A lesson title as typed: what the link parser keeps of a title (`state::limit_text` at
/// `MAX_TITLE_CHARS`: no control or direction characters), not trimmed, so that typing goes on.
pub fn typed_title(typed: &str) -> Typed {
    said(typed, limit_text(typed, MAX_TITLE_CHARS), MAX_TITLE_CHARS)
}

/// A step's note, or the note for the next step, as typed: several lines
/// (`state::limit_lines` at `MAX_STEP_NOTE_CHARS`).
pub fn typed_note(typed: &str) -> Typed {
    said(
        typed,
        limit_lines(typed, MAX_STEP_NOTE_CHARS),
        MAX_STEP_NOTE_CHARS,
    )
}

/// A step's name (one line), question or answer (several lines) as typed.
pub fn typed_field(field: StepField, typed: &str) -> Typed {
    said(typed, limit_field(field, typed), field.max_chars())
}

/// A step's name, question or answer as a link carries it, and whether it was cut.
fn limit_field(field: StepField, text: &str) -> (String, bool) {
    if field.multi_line() {
        limit_lines(text, field.max_chars())
    } else {
        limit_text(text, field.max_chars())
    }
}

/// Typed text as limited (`limited`: the text kept, and whether it was cut at `max_chars`),
/// with what to tell the teacher.
fn said(typed: &str, (text, cut): (String, bool), max_chars: usize) -> Typed {
    let said = if cut {
        Some(format!(
            "Cut to {max_chars} characters: a lesson link cannot carry more."
        ))
    } else if text.len() != typed.len() {
        Some(
            "Hidden characters that change how text is shown (such as a switch of writing \
             direction) were taken out: a lesson link does not carry them."
                .into(),
        )
    } else {
        None
    };
    Typed { text, said }
}

/// Why the view `state` cannot be added to a draft that has `steps` steps, in plain words;
/// `None` when it can. A draft holds no more than a lesson link can carry: at most
/// `MAX_STEPS` steps, each a view whose link takes at most `MAX_STEP_LINK` bytes, no lesson.
pub fn refuse_step(steps: usize, state: &State) -> Option<String> {
    if steps >= MAX_STEPS {
        Some(format!(
            "A lesson has at most {MAX_STEPS} steps: remove one to add another."
        ))
    } else if state.view.holds_steps() {
        Some("A lesson cannot be a step of another lesson.".into())
    } else if state::step_link(state).len() > MAX_STEP_LINK {
        Some(
            "This view cannot be a step: its link is too long for a lesson (it has too many of \
             your own themes, or too long a search)."
                .into(),
        )
    } else {
        None
    }
}

/// The draft another tab saved (`stored`) and this tab's (`mine`) as one: the stored steps,
/// then this tab's steps that it lacks (a step is its link and its texts); this tab's title and
/// next note where it has them, the stored ones otherwise. At most `MAX_STEPS` steps, as any
/// draft: the second number is how many steps past them were left out (this tab's, as a stored
/// draft read has no more; the app then keeps this tab's draft aside, so that none is lost).
/// Linear in the steps.
pub fn merge(stored: &Draft, mine: &Draft) -> (Draft, usize) {
    use std::collections::HashSet;
    let key = |s: &Step| {
        (
            state::step_link(&s.state),
            [&s.note, &s.label, &s.question, &s.answer].map(String::clone),
        )
    };
    let have: HashSet<(String, [String; 4])> = stored.steps.iter().map(key).collect();
    let mut steps = stored.steps.clone();
    steps.extend(
        mine.steps
            .iter()
            .filter(|s| !have.contains(&key(s)))
            .cloned(),
    );
    let left_out = steps.len().saturating_sub(MAX_STEPS);
    steps.truncate(MAX_STEPS);
    let pick = |a: &String, b: &String| if a.is_empty() { b.clone() } else { a.clone() };
    let merged = Draft {
        title: pick(&mine.title, &stored.title),
        steps,
        note: pick(&mine.note, &stored.note),
    };
    (merged, left_out)
}

/// Where the draft is saved.
pub const KEY: &str = "parallax-lesson-draft";
/// Where a saved draft that cannot be read, or was read only in part, is set aside (a key of
/// its own that starts with this, `store::set_aside`).
pub const UNREADABLE_KEY: &str = "parallax-lesson-draft-unreadable";

/// The lesson draft kept in a storage under `KEY`: read at start (`open`), merged with what
/// another tab saved before every write (`save`, `sync`), never written over what it cannot
/// read whole (kept aside first, or else `hold`), and what the teacher must know about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftShelf {
    /// The draft as stored when this tab last read or wrote it: stored text that differs was
    /// saved by another tab, and is merged with this one before anything is written.
    base: Option<String>,
    /// A saved draft could be neither read nor set aside (or is of a newer format): nothing is
    /// saved over it.
    hold: bool,
    /// Why the draft is not being saved, if it is not.
    pub unsaved: Option<String>,
    /// What reading the saved draft said: steps left out, a damaged draft set aside.
    pub restored: Vec<String>,
}

/// How many of the changes made to a draft read only in part are listed; the rest are counted.
const SHOWN: usize = 10;

impl DraftShelf {
    /// The draft saved by an earlier visit (empty if none), read against what exists now. A
    /// saved draft that cannot be read is set aside, never overwritten; one read only in part
    /// (cut to a lesson's limits, steps that open nothing here left out) is kept aside whole,
    /// then the part read is saved in its place, so that the next start reads it as it is.
    pub fn open(s: &impl Storage, known: &Known) -> (DraftShelf, Draft) {
        let mut shelf = DraftShelf::default();
        let loaded = store::load(
            s,
            KEY,
            UNREADABLE_KEY,
            |raw| from_json(raw, known),
            |e| matches!(e, DraftError::NewerFormat(_)),
        );
        let draft = match loaded {
            Loaded::Empty => Draft::default(),
            Loaded::Read((saved, notices), raw) => {
                shelf.base = Some(raw.clone());
                if !notices.is_empty() {
                    shelf.keep_aside(s, known, &raw, &notices, &saved);
                }
                saved
            }
            // A newer Parallax saved it: left where it is, for that version to read.
            Loaded::Newer(e) => {
                shelf.hold = true;
                shelf.unsaved = Some(format!(
                    "{e}; it is left as it is, and this draft is not saved over it"
                ));
                Draft::default()
            }
            Loaded::Unreadable {
                why, kept: Ok(key), ..
            } => {
                shelf.restored.push(format!(
                    "The saved lesson draft could not be read: {why}. It is kept aside in this browser's storage (under “{key}”), and a new draft starts here."
                ));
                Draft::default()
            }
            Loaded::Unreadable {
                why, kept: Err(e), ..
            } => {
                shelf.hold = true;
                shelf.unsaved = Some(format!(
                    "the saved draft could not be read ({why}) nor set aside ({e}), so this one is not saved over it"
                ));
                Draft::default()
            }
            Loaded::Unavailable(why) => {
                shelf.unsaved = Some(why.to_string());
                Draft::default()
            }
        };
        (shelf, draft)
    }

    /// The saved draft `raw` was read only in part (`notices` say what was cut or left out): it
    /// is kept aside whole, then the part read (`read`) is saved over it. When it cannot be kept
    /// aside, nothing is saved over it.
    fn keep_aside(
        &mut self,
        s: &impl Storage,
        known: &Known,
        raw: &str,
        notices: &[Notice],
        read: &Draft,
    ) {
        match store::set_aside(s, UNREADABLE_KEY, raw) {
            Ok(key) => {
                self.restored.push(format!(
                    "The saved lesson draft held more than a lesson link can carry, or steps that do not open here: what fits is kept in this draft, and the whole draft as it was is kept aside in this browser's storage (under “{key}”)."
                ));
                self.save(s, known, read);
            }
            Err(why) => {
                self.hold = true;
                self.unsaved = Some(format!(
                    "the saved draft held more than a lesson can, and could not be set aside ({why}), so this one is not saved over it"
                ));
            }
        }
        // What was cut, step by step: a tampered draft can give hundreds of these.
        self.restored
            .extend(notices.iter().take(SHOWN).map(|n| n.to_string()));
        if notices.len() > SHOWN {
            self.restored.push(format!(
                "And {} more changes like these.",
                notices.len() - SHOWN
            ));
        }
    }

    /// The draft another tab saved since this one last read or wrote, merged with `mine`
    /// (`merge`: no step of either lost; when the two have more steps than a lesson can, `mine`
    /// is kept aside whole first); `None` when nothing changed. What another tab saved that
    /// cannot be read here whole is kept aside first, as at the start; when something cannot be
    /// kept aside, nothing is saved over it from then on.
    pub fn sync(&mut self, s: &impl Storage, known: &Known, mine: &Draft) -> Option<Draft> {
        let stored = s.get(KEY).ok().flatten();
        if self.hold || stored == self.base {
            return None;
        }
        let other = match &stored {
            Some(raw) => match from_json(raw, known) {
                Ok((other, notices)) if notices.is_empty() => other,
                // A newer Parallax in another tab: left where it is, for that version to read.
                Err(e @ DraftError::NewerFormat(_)) => {
                    self.hold = true;
                    self.unsaved = Some(format!("another tab saved a lesson draft that {e}; it is left as it is, and this draft is not saved over it"));
                    return None;
                }
                read => match store::set_aside(s, UNREADABLE_KEY, raw) {
                    Ok(key) => {
                        self.restored.push(format!(
                            "Another tab saved a lesson draft that cannot be read here whole: it is kept aside in this browser's storage (under “{key}”)."
                        ));
                        read.map(|(other, _)| other).unwrap_or_default()
                    }
                    Err(why) => {
                        self.hold = true;
                        self.unsaved = Some(format!(
                            "another tab saved a lesson draft that cannot be read here whole, and it could not be set aside ({why}), so this one is not saved over it"
                        ));
                        return None;
                    }
                },
            },
            // Removed elsewhere (made empty): this tab's draft stands.
            None => Draft::default(),
        };
        let (merged, left_out) = merge(&other, mine);
        if left_out > 0 {
            match store::set_aside(s, UNREADABLE_KEY, &to_json(mine)) {
                Ok(key) => self.restored.push(format!(
                    "Another tab's lesson draft and this one have more than {MAX_STEPS} steps together: the first {MAX_STEPS} are kept, and this tab's draft as it was is kept aside in this browser's storage (under “{key}”)."
                )),
                Err(why) => {
                    self.hold = true;
                    self.unsaved = Some(format!(
                        "another tab saved a lesson draft that, with this one, has more than {MAX_STEPS} steps, and this one could not be set aside ({why}), so it is not saved over the other"
                    ));
                    return None;
                }
            }
        }
        self.base = stored;
        (merged != *mine).then_some(merged)
    }

    /// Saves `draft` (an empty one is removed), put together first with what another tab saved
    /// meanwhile; returns the draft as saved when that merge changed it. Remembers why it was
    /// not saved, if it was not.
    pub fn save(&mut self, s: &impl Storage, known: &Known, draft: &Draft) -> Option<Draft> {
        if self.hold {
            return None;
        }
        let merged = self.sync(s, known, draft);
        // What another tab saved could not be kept aside: nothing is written over it.
        if self.hold {
            return merged;
        }
        let saved = merged.as_ref().unwrap_or(draft);
        let json = (!saved.is_empty()).then(|| to_json(saved));
        let written = match &json {
            None => s.remove(KEY),
            Some(json) => s.set(KEY, json),
        };
        if written.is_ok() {
            self.base = json;
        }
        self.unsaved = written.err().map(|e| e.to_string());
        merged
    }
}
