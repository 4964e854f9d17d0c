//! Lessons as values: stepping through one, editing its current step, leaving it for a view and
//! coming back, its copy without answers, building one within the limits of its link (`lesson`,
//! `assemble`, shared with the parser), and whether a link is short enough to share.

use super::fragment::{clean_lines_cut, clean_text_cut};
use super::print::{params_len, step_link, step_param, step_params};
use super::{
    Lesson, Notice, State, Step, StepField, StepProblem, View, MAX_LESSON_STEPS_BYTES,
    MAX_QR_BYTES, MAX_SHARE_BYTES, MAX_STEPS, MAX_STEP_LINK, MAX_STEP_NOTE_CHARS, MAX_TITLE_CHARS,
    MAX_VALUE,
};
use std::fmt;

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

    /// What the lesson shows: the view opened from the current step, or else that step's own.
    pub fn shown(&self) -> Option<&State> {
        self.away.as_deref().or(self.current().map(|s| &s.state))
    }

    /// The lesson opened at step `n` (clamped to the steps there are), for Previous, Next, a
    /// list of steps and "Back to step n": the step itself, not a view opened from it. Print it
    /// for the link.
    pub fn go(&self, n: usize) -> State {
        State {
            view: View::Lesson(Lesson {
                at: n.clamp(1, self.steps.len().max(1)),
                away: None,
                ..self.clone()
            }),
            custom: Vec::new(),
            edits: Default::default(),
        }
    }

    /// The lesson showing `state`, opened from its current step (a link followed inside the
    /// step, or inside a view opened from it): the link keeps the lesson, so that the student
    /// can go back to the step, also after a reload. The step's own view is the step again.
    /// `None` when `state` cannot be carried so (a lesson, or a view whose link is longer than
    /// a step's may be): the app then leaves the lesson for it.
    pub fn visit(&self, state: State) -> Option<State> {
        if state.view.holds_steps() || step_link(&state).len() > MAX_STEP_LINK {
            return None;
        }
        if self.current().is_some_and(|s| s.state == state) {
            return Some(self.go(self.at));
        }
        Some(State {
            view: View::Lesson(Lesson {
                away: Some(Box::new(state)),
                ..self.clone()
            }),
            custom: Vec::new(),
            edits: Default::default(),
        })
    }

    /// The lesson as a student copy: every step's answer left out, all else as it is.
    pub fn without_answers(&self) -> Lesson {
        let mut l = self.clone();
        for s in &mut l.steps {
            s.answer.clear();
        }
        l
    }

    /// Whether any step has an answer (a teacher copy differs from the student copy).
    pub fn has_answers(&self) -> bool {
        self.steps.iter().any(|s| !s.answer.is_empty())
    }

    /// The lesson's handout: every step on one page, to print; with the answers when the
    /// lesson has them (a teacher copy's handout), without them from a student copy.
    pub fn handout(&self) -> State {
        State {
            view: View::Handout(Lesson {
                at: 1,
                away: None,
                ..self.clone()
            }),
            custom: Vec::new(),
            edits: Default::default(),
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
                let mut s = s.clone();
                if j == i {
                    s.state = state.clone();
                }
                (j + 1, s)
            })
            .collect();
        let edited = assemble(&self.title, candidates, self.at, &mut Vec::new())?;
        // A step left out would shift the others: every step must be kept, in its place.
        (edited.len() == self.len() && edited.steps[i].state == state).then(|| State {
            view: View::Lesson(edited),
            custom: Vec::new(),
            edits: Default::default(),
        })
    }
}

/// What a lesson link's length allows, for the builder to say (`LinkFit::of`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkFit {
    /// At most `MAX_QR_BYTES`: fit for a QR code a projector shows legibly.
    Qr,
    /// Longer than that, at most `MAX_SHARE_BYTES`: fine to share as a link.
    Link,
    /// Longer than `MAX_SHARE_BYTES`: some programs may cut it.
    TooLong,
}

impl LinkFit {
    /// The fit of a link of `bytes` bytes (the whole address).
    pub fn of(bytes: usize) -> LinkFit {
        if bytes <= MAX_QR_BYTES {
            LinkFit::Qr
        } else if bytes <= MAX_SHARE_BYTES {
            LinkFit::Link
        } else {
            LinkFit::TooLong
        }
    }
}

impl fmt::Display for LinkFit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkFit::Qr => write!(f, "Short enough for a QR code on a projector."),
            LinkFit::Link => write!(
                f,
                "Too long for a QR code on a projector (at most {} characters): share it as a link, or shorten the notes.",
                thousands(MAX_QR_BYTES)
            ),
            LinkFit::TooLong => write!(
                f,
                "Too long for a QR code, and some e-mail programs and websites may cut a link of more than {} characters: shorten the notes or make two lessons.",
                thousands(MAX_SHARE_BYTES)
            ),
        }
    }
}

/// A count with a comma between thousands (1,273).
fn thousands(n: usize) -> String {
    crate::strings::thousands(n as u64)
}

/// Builds a lesson from views and notes, with the limits a link to it will have (title and
/// notes cleaned and cut, at most `MAX_STEPS` steps, no lesson inside a lesson, no step link
/// over `MAX_STEP_LINK`, at most `MAX_LESSON_STEPS_BYTES` of steps); opens at step 1. The
/// notices say what was cut or left out, by step number (from 1, in `steps`). With states the
/// app got from `parse`, the result is canonical: `parse(print(lesson))` gives it back.
/// `None` when no step is left (the notices say why).
pub fn lesson(title: &str, steps: Vec<Step>) -> (Option<State>, Vec<Notice>) {
    let mut notices = Vec::new();
    if steps.len() > MAX_STEPS {
        notices.push(Notice::TooManySteps);
    }
    let candidates = steps
        .into_iter()
        .take(MAX_STEPS)
        .enumerate()
        .map(|(i, step)| (i + 1, step))
        .collect();
    let lesson = assemble(title, candidates, 1, &mut notices);
    let state = lesson.map(|l| State {
        view: View::Lesson(l),
        custom: Vec::new(),
        edits: Default::default(),
    });
    (state, notices)
}

/// The checks a lesson's steps pass, from a link or from the app: title and texts cleaned and
/// cut, no lesson inside, step links and the whole within their limits. `candidates` carry
/// their step numbers; `at` is one of them (or near one). The lesson has no view opened from
/// its step.
pub(super) fn assemble(
    title: &str,
    candidates: Vec<(usize, Step)>,
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
    for (n, mut step) in candidates {
        if step.state.view.holds_steps() {
            notices.push(Notice::StepLeftOut {
                step: n,
                why: StepProblem::Refused(Box::new(Notice::NestedLesson)),
            });
            continue;
        }
        let (note, cut) = clean_lines_cut(&step.note, MAX_STEP_NOTE_CHARS);
        if cut {
            notices.push(Notice::NoteCut { step: n });
        }
        step.note = note;
        for field in StepField::ALL {
            let text = field.of_mut(&mut step);
            let (clean, cut) = if field.multi_line() {
                clean_lines_cut(text, field.max_chars())
            } else {
                clean_text_cut(text, field.max_chars())
            };
            if cut {
                notices.push(Notice::FieldCut { step: n, field });
            }
            *text = clean;
        }
        // Its link within a step's limit, and its whole `step=` value within what a link's
        // parameter may hold (with the limits above it always is, for a step the parser gave).
        if step_link(&step.state).len() > MAX_STEP_LINK || step_param(&step).len() > MAX_VALUE {
            notices.push(Notice::StepLeftOut {
                step: n,
                why: StepProblem::TooLong,
            });
            continue;
        }
        let len = params_len(&step_params(&step));
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
    Some(Lesson {
        title,
        steps,
        at,
        away: None,
    })
}
