//! Lessons as values: stepping through one, editing its current step, and building one within
//! the limits of its link (`lesson`, `assemble`, shared with the parser).

use super::fragment::clean_text_cut;
use super::print::{step_link, step_param};
use super::{
    Lesson, Notice, State, Step, StepProblem, View, MAX_LESSON_STEPS_BYTES, MAX_STEPS,
    MAX_STEP_LINK, MAX_STEP_NOTE_CHARS, MAX_TITLE_CHARS,
};

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

/// The checks a lesson's steps pass, from a link or from the app: title and notes cleaned and
/// cut, no lesson inside, step links and the whole within their limits. `candidates` carry
/// their step numbers; `at` is one of them (or near one).
pub(super) fn assemble(
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
        if step_link(&state).len() > MAX_STEP_LINK {
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
