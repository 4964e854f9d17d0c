//! Lessons: a teacher strings views together with a note on each (and a name, a question and
//! an answer if she wants), and the whole lesson is one link (`#/lesson?title=…&step=…&at=…`,
//! parsed and checked by the core).
//!
//! `LessonView` is the student's side: a bar that stays at the top of the window while the step
//! scrolls (the title, "Step 2 of 5", Previous and Next as real links, so that Back and Forward
//! step through the lesson, every step to jump to, and the step's note, question and answer to
//! reveal), and under it the step's own view, rendered unchanged inside a context whose state is
//! the step's. The page keeps room for the bar when it scrolls to a passage (`fit_under_bar`).
//! Typing in a step's search box (or turning its show-removed switch) edits that step of the
//! lesson link in place; a link followed inside a step opens its view inside the lesson
//! (`Lesson::visit`: the link keeps the lesson, with `away=`), under a bar that leads back to
//! the step, also after a reload or from a shared link.
//!
//! `LessonMaker` is the teacher's side: a button in the header on every view opens a drawer at
//! the side of the page (on a narrow screen, a sheet at the bottom that can be folded to its
//! title), so that the view she is about to add stays in sight. The draft (title, steps with
//! notes, names, questions and answers) lives in the component, which the header keeps for the
//! life of the page, so it survives moving between views, and every change is saved in local
//! storage (the core's `draft` format), so that it survives a reload. The draft holds no more
//! than a lesson link can carry: text typed passes the link's cleaning and length as it is typed
//! (a counter shows the length, a notice says when it was cut), and a step past the limits is
//! refused with the reason; a saved draft that held more is kept aside whole before the part
//! that fits is saved over it. When storage is blocked or full the drawer says so and the draft
//! stays for the visit. The lesson link, shown with Copy and Open (a student copy without the
//! answers and a teacher copy with them when a step has an answer), says whether it is short
//! enough for a QR code and to share (`LinkFit`).

use std::rc::Rc;

use parallax_core::draft::{self, DraftShelf};
use parallax_core::state::{
    lesson, Known, Lesson, LinkFit, State, Step, StepField, View, MAX_STEPS, MAX_STEP_NOTE_CHARS,
};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::ctx::{use_ctx, Ctx, Nav};
use crate::dom;
use crate::storage::Local;

/// A name of a step's view that says what it shows, for the lists of steps (the core's).
fn label(ctx: &Ctx, state: &State) -> String {
    parallax_core::state::view_name(&ctx.data.bundle.corpus, state)
}

/// A step's name: the teacher's, or else its view's (the core's `Step::name`).
pub(crate) fn step_name(ctx: &Ctx, step: &Step) -> String {
    step.name(&ctx.data.bundle.corpus)
}

fn set_title(title: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

/// The CSS variable that holds the lesson bar's height: the page's scroll padding, so that a
/// passage scrolled to, or an element focused, lands below the bar instead of under it.
const BAR_HEIGHT: &str = "--lesson-bar-height";

/// Sets the page's room for the lesson bar (`BAR_HEIGHT` on `<html>`) to the bar's height now,
/// or takes it away when there is no bar. Called before a view scrolls to a passage (the
/// reader), whenever the bar may have changed its height, and when the window is resized.
pub fn fit_under_bar() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = doc.document_element() else {
        return;
    };
    let bar = doc
        .query_selector(".lesson-bar")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    // Nothing else styles `<html>`; its style attribute is this variable alone.
    let _ = match bar {
        Some(bar) => {
            root.set_attribute("style", &format!("{BAR_HEIGHT}: {}px", bar.offset_height()))
        }
        None => root.remove_attribute("style"),
    };
}

#[derive(Properties, PartialEq)]
pub struct LessonProps {
    /// The lesson from the link, at its current step (or a view opened from it).
    pub lesson: Lesson,
    /// The view shown (the current step's, or the one opened from it), as the app renders it
    /// outside a lesson (`app::view_html`).
    pub children: Html,
}

/// What the page shows, for "a new page starts at the top": the step, or the kind of view
/// opened from it (a query typed in it is the same page; another source is another).
fn page_key(lesson: &Lesson) -> String {
    let kind = match lesson.away.as_deref().map(|s| &s.view) {
        None => "",
        Some(View::Read(r)) => return format!("read {}", r.doc),
        Some(View::Library) => "library",
        Some(View::Overview { .. }) => "overview",
        Some(View::Explore(_)) => "explore",
        Some(View::Map) => "map",
        Some(View::Compare(_)) => "compare",
        Some(View::Source(s)) => return format!("source {}", s.doc),
        Some(View::Methods) => "methods",
        Some(View::Notes) => "notes",
        Some(View::Lesson(_)) => "lesson",
        Some(View::Handout(_)) => "handout",
        Some(View::Missing(_)) => "missing",
    };
    kind.to_owned()
}

#[component]
pub fn LessonView(props: &LessonProps) -> Html {
    let ctx = use_ctx();
    let lesson = &props.lesson;
    let at = lesson.at;
    let head = if lesson.title.is_empty() {
        "Lesson".to_owned()
    } else {
        lesson.title.clone()
    };
    let count = format!("Step {at} of {}", lesson.len());
    // A new step (or a view opened from it) starts at the top (the app does it when the lesson
    // opens; a step that names a passage is scrolled by the reader), but a step edited in place
    // (a key typed) stays where it is.
    let first = use_mut_ref(|| true);
    let to_passage = matches!(
        lesson.shown().map(|s| &s.view),
        Some(View::Read(r)) if r.passage.is_some()
    );
    let title = format!("{count}: {head} — Parallax");
    use_effect_with((title.clone(), page_key(lesson)), move |_| {
        if !std::mem::replace(&mut *first.borrow_mut(), false) && !to_passage {
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    });
    // The tab says which step, once the step's view has set its own title, also after each
    // edit of the step that makes the view set it again; a view opened from a step keeps its
    // own title.
    let shown = lesson.shown().map(|s| ctx.href(s));
    let away = lesson.away.is_some();
    use_effect_with((title, shown, away), move |(title, _, away)| {
        if !away {
            let title = title.clone();
            dom::after_paint(move || set_title(&title));
        }
    });
    // The room the page keeps for the bar: after every render of it, on a resize, and none
    // once the lesson is left.
    use_effect(fit_under_bar);
    use_effect_with((), |_| {
        let listener = web_sys::window()
            .map(|window| gloo::events::EventListener::new(&window, "resize", |_| fit_under_bar()));
        move || {
            drop(listener);
            // The bar is still in the page while the lesson unmounts.
            dom::after_paint(fit_under_bar);
        }
    });
    let (Some(step), Some(state)) = (lesson.current(), lesson.shown()) else {
        return Html::default();
    };
    // Views inside see the state they show; their links are written inside the lesson
    // (`Ctx::lesson`). An edit of the step in place (a query typed, the show-removed switch:
    // what the app writes into the current entry) stays in the lesson: the step's view in the
    // lesson link becomes the edited one, so that a reload or a copied link keeps it, and the
    // step stays mounted with the focus where it was. Anything else (a link, a filter) opens its
    // view inside the lesson as a new history entry (`Lesson::visit`), so that Back and "Back to
    // step n" both return to the step; a view the lesson cannot carry leaves it.
    let navigate = ctx.navigate.clone();
    let here = lesson.clone();
    let inner = Ctx {
        state: Rc::new(state.clone()),
        notices: Rc::default(),
        lesson: Some(Rc::new(lesson.clone())),
        navigate: Callback::from(move |nav: Nav| {
            let edited = (nav.replace && here.away.is_none())
                .then(|| here.with_current(nav.state.clone()))
                .flatten()
                .map(|state| Nav {
                    state,
                    replace: true,
                });
            let inside = || {
                here.visit(nav.state.clone()).map(|state| Nav {
                    state,
                    replace: nav.replace,
                })
            };
            navigate.emit(edited.or_else(inside).unwrap_or(Nav {
                replace: false,
                ..nav.clone()
            }))
        }),
        ..ctx.clone()
    };
    let view = props.children.clone();
    let bar = if away {
        let back = ctx.href(&lesson.go(at));
        html! {
            <section class="lesson-bar lesson-bar--away" aria-label="Lesson">
                <p class="lesson-head">
                    <strong class="lesson-title">{ head }</strong>{ " " }
                    <span class="lesson-count">{ format!("You left step {at}: {}", step_name(&ctx, step)) }</span>
                </p>
                <p class="lesson-moves">
                    <a class="lesson-back" href={back}>{ format!("← Back to step {at}") }</a>
                </p>
            </section>
        }
    } else {
        let link = |s: Option<State>| s.map(|s| ctx.href(&s));
        let (previous, next) = (link(lesson.previous()), link(lesson.next()));
        let steps = lesson.steps.iter().enumerate().map(|(i, s)| {
            let n = i + 1;
            html! {
                <li><a href={ctx.href(&lesson.go(n))} aria-current={(n == at).then_some("step")}>{ step_name(&ctx, s) }</a></li>
            }
        });
        let top = html! {
            <>
                <p class="lesson-head"><strong class="lesson-title">{ head }</strong>{ " " }<span class="lesson-count">{ count }</span></p>
                <p class="lesson-moves">
                    if let Some(href) = previous { <a class="lesson-previous" rel="prev" {href}>{ "← Previous" }</a> }
                    if let Some(href) = next { <a class="lesson-next" rel="next" {href}>{ "Next →" }</a> }
                    <a class="lesson-handout" href={ctx.href(&lesson.handout())}>{ "Print handout" }</a>
                </p>
                <details class="lesson-all">
                    <summary>{ "All steps" }</summary>
                    <nav aria-label="Lesson steps"><ol class="lesson-steps">{ for steps }</ol></nav>
                </details>
            </>
        };
        html! { <StepBar key={at} {at} step={step.clone()} {top} /> }
    };
    html! {
        <>
            { bar }
            <ContextProvider<Ctx> context={inner}>
                <div class="lesson-step" key={format!("{at} {}", page_key(lesson))}>{ view }</div>
            </ContextProvider<Ctx>>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct StepBarProps {
    at: usize,
    step: Step,
    /// The title, the count, Previous, Next and every step.
    top: Html,
}

/// What the student has opened of a step's text: the note folded away, the answer shown.
#[derive(Default, PartialEq)]
struct Shown {
    note_folded: bool,
    answer: bool,
}

enum ShownAction {
    FoldNote,
    ToggleAnswer,
}

impl Reducible for Shown {
    type Action = ShownAction;

    fn reduce(self: Rc<Self>, action: ShownAction) -> Rc<Self> {
        Rc::new(match action {
            ShownAction::FoldNote => Shown {
                note_folded: !self.note_folded,
                answer: self.answer,
            },
            ShownAction::ToggleAnswer => Shown {
                note_folded: self.note_folded,
                answer: !self.answer,
            },
        })
    }
}

/// The lesson bar of a step: the top line, then the step's note, question and answer. The note
/// can be folded away (while it shows, it stays in the bar as the step scrolls), the answer is
/// hidden until asked for. Keyed by the step, so that each step starts with its note shown and
/// its answer hidden.
#[component]
fn StepBar(props: &StepBarProps) -> Html {
    let shown = use_reducer(Shown::default);
    // The bar changes its height with what is opened here.
    use_effect_with((shown.note_folded, shown.answer), |_| fit_under_bar());
    let step = &props.step;
    let at = props.at;
    let has_text = !(step.note.is_empty() && step.question.is_empty() && step.answer.is_empty());
    let press = |action: fn() -> ShownAction| {
        let shown = shown.dispatcher();
        Callback::from(move |_: MouseEvent| shown.dispatch(action()))
    };
    let folded = shown.note_folded;
    let text_id = format!("lesson-text-{at}");
    let answer_id = format!("lesson-answer-{at}");
    html! {
        <section class="lesson-bar" aria-label="Lesson">
            <div class="lesson-top">
                { props.top.clone() }
                if has_text {
                    <button type="button" class="lesson-fold" aria-expanded={(!folded).to_string()} aria-controls={text_id.clone()} onclick={press(|| ShownAction::FoldNote)}>
                        { if folded { "Show the note" } else { "Hide the note" } }
                    </button>
                }
            </div>
            if has_text {
                <div id={text_id} class="lesson-text" hidden={folded} tabindex="0" role="region" aria-label={format!("Note of step {at}")}>
                    if !step.note.is_empty() {
                        <p class="lesson-note">{ &step.note }</p>
                    }
                    if !step.question.is_empty() {
                        <p class="lesson-question"><strong>{ "Question: " }</strong>{ &step.question }</p>
                    }
                    if !step.answer.is_empty() {
                        <button type="button" class="lesson-reveal" aria-expanded={shown.answer.to_string()} aria-controls={answer_id.clone()} onclick={press(|| ShownAction::ToggleAnswer)}>
                            { if shown.answer { "Hide the answer" } else { "Show the answer" } }
                        </button>
                        <p id={answer_id} class="lesson-answer" hidden={!shown.answer}><strong>{ "Answer: " }</strong>{ &step.answer }</p>
                    }
                </div>
            }
        </section>
    }
}

/// The teacher's draft: a title, steps (each with an id for keys and focus), the note typed for
/// the next step, what the last action said, whether the drawer is open and folded, and its
/// storage (the core's `DraftShelf`: what is read at start, merged with another tab's, set
/// aside).
#[derive(Clone, Default)]
struct Draft {
    title: String,
    steps: Vec<(usize, Step)>,
    next: usize,
    note: String,
    status: String,
    open: bool,
    folded: bool,
    shelf: DraftShelf,
    /// What is known of the corpus, to read a draft another tab saved.
    known: Option<Rc<Known>>,
}

impl Draft {
    /// The draft saved by an earlier visit, if any, read against what exists now
    /// (`DraftShelf::open`).
    fn load(known: &Rc<Known>) -> Draft {
        let (shelf, saved) = DraftShelf::open(&Local, known);
        let mut d = Draft {
            shelf,
            known: Some(known.clone()),
            ..Draft::default()
        };
        d.set(saved);
        d
    }

    /// Takes a draft as storage keeps it.
    fn set(&mut self, saved: draft::Draft) {
        self.title = saved.title;
        self.note = saved.note;
        self.steps.clear();
        for step in saved.steps {
            self.add(step);
        }
    }

    /// Takes in the draft another tab saved since this one last read or wrote, merged with this
    /// one (`DraftShelf::sync`); true when something changed.
    fn sync(&mut self) -> bool {
        let Some(known) = self.known.clone() else {
            return false;
        };
        match self.shelf.sync(&Local, &known, &self.as_saved()) {
            Some(merged) => {
                self.set(merged);
                true
            }
            None => false,
        }
    }

    /// The draft as storage keeps it.
    fn as_saved(&self) -> draft::Draft {
        draft::Draft {
            title: self.title.clone(),
            steps: self.steps.iter().map(|(_, s)| s.clone()).collect(),
            note: self.note.clone(),
        }
    }

    /// Saves the draft as it is now, put together first with what another tab saved meanwhile
    /// (`DraftShelf::save`).
    fn save(&mut self) {
        let Some(known) = self.known.clone() else {
            return;
        };
        if let Some(merged) = self.shelf.save(&Local, &known, &self.as_saved()) {
            self.set(merged);
        }
    }

    fn is_empty(&self) -> bool {
        self.title.is_empty() && self.steps.is_empty() && self.note.is_empty()
    }

    /// Does what a control of the drawer asks; says what to focus once the list is redrawn,
    /// when focus must follow.
    fn act(&mut self, action: DraftAction) -> Option<String> {
        let at = |steps: &[(usize, Step)], id: usize| steps.iter().position(|s| s.0 == id);
        let len = self.steps.len();
        let (to, id) = match action {
            // Typed text as the link will carry it, said when that cut or cleaned it.
            DraftAction::Title(value) => {
                let typed = draft::typed_title(&value);
                self.title = typed.text;
                self.status = typed.said.unwrap_or_default();
                return None;
            }
            DraftAction::Note(value) => {
                let typed = draft::typed_note(&value);
                self.note = typed.text;
                self.status = typed.said.unwrap_or_default();
                return None;
            }
            DraftAction::StepNote(id, value) => {
                if let Some(i) = at(&self.steps, id) {
                    let typed = draft::typed_note(&value);
                    self.steps[i].1.note = typed.text;
                    self.status = typed.said.unwrap_or_default();
                }
                return None;
            }
            DraftAction::StepText(id, field, value) => {
                if let Some(i) = at(&self.steps, id) {
                    let typed = draft::typed_field(field, &value);
                    *field.of_mut(&mut self.steps[i].1) = typed.text;
                    self.status = typed.said.unwrap_or_default();
                }
                return None;
            }
            DraftAction::Add(step) => {
                match draft::refuse_step(len, &step.state) {
                    // The note typed stays, for when a step is removed.
                    Some(why) => self.status = why,
                    None => {
                        let note = std::mem::take(&mut self.note);
                        let step = if note.trim().is_empty() {
                            *step
                        } else {
                            Step { note, ..*step }
                        };
                        self.add(step);
                        self.status = format!("Step {} added.", self.steps.len());
                    }
                }
                return None;
            }
            // The lesson on screen into the draft: after any steps already there, nothing lost.
            DraftAction::Load(l) => {
                if self.title.is_empty() {
                    self.title = l.title;
                }
                let all = l.steps.len();
                for s in l.steps {
                    if draft::refuse_step(self.steps.len(), &s.state).is_none() {
                        self.add(s);
                    }
                }
                let added = self.steps.len() - len;
                self.status = if added == all {
                    "Steps added.".into()
                } else {
                    format!("Only {added} of its {all} steps were added: a lesson has at most {MAX_STEPS} steps.")
                };
                return None;
            }
            DraftAction::Clear => {
                self.title.clear();
                self.steps.clear();
                // The button goes with the lesson: focus starts again at its title.
                return Some("#lesson-title".into());
            }
            DraftAction::Remove(id) => {
                let i = at(&self.steps, id)?;
                self.steps.remove(i);
                return Some("#lesson-note".into());
            }
            // At an end, focus goes to the other arrow (this one is disabled there).
            DraftAction::Up(id) => match at(&self.steps, id) {
                Some(i) if i > 0 => {
                    self.steps.swap(i, i - 1);
                    (if i == 1 { "down" } else { "up" }, id)
                }
                _ => return None,
            },
            DraftAction::Down(id) => match at(&self.steps, id) {
                Some(i) if i + 1 < len => {
                    self.steps.swap(i, i + 1);
                    (if i + 2 == len { "up" } else { "down" }, id)
                }
                _ => return None,
            },
            DraftAction::Status(_)
            | DraftAction::Sync
            | DraftAction::Open(_)
            | DraftAction::Fold(_) => return None,
        };
        Some(format!("#lesson-{to}-{id}"))
    }

    /// Adds a step; the caller checks it first (`draft::refuse_step`), except for a draft read
    /// from storage, which the core has checked.
    fn add(&mut self, step: Step) {
        self.steps.push((self.next, step));
        self.next += 1;
    }
}

/// What the lesson drawer asks of the draft.
enum DraftAction {
    Title(String),
    /// The note typed for the next step.
    Note(String),
    /// A step's note, by the step's id.
    StepNote(usize, String),
    /// A step's name, question or answer, by the step's id.
    StepText(usize, StepField, String),
    /// "Add this view": the view, with the note, name, question and answer it already has (a
    /// lesson step's). Boxed: a step is far larger than the other actions.
    Add(Box<Step>),
    /// "Add every step of this lesson".
    Load(Lesson),
    Remove(usize),
    Up(usize),
    Down(usize),
    /// "Start over".
    Clear,
    /// What copying the link did.
    Status(String),
    /// Another tab saved a draft: merged in.
    Sync,
    /// The drawer opened (focus goes into it) or closed (focus goes back to its button).
    Open(bool),
    /// The drawer folded to its title, or unfolded.
    Fold(bool),
}

impl Reducible for Draft {
    type Action = DraftAction;

    /// Every change of the draft is saved at once (put together first with what another tab
    /// saved); focus follows a step moved once the list is redrawn. Opening, folding and
    /// statuses change nothing saved.
    fn reduce(self: Rc<Self>, action: DraftAction) -> Rc<Self> {
        let mut d = (*self).clone();
        match action {
            DraftAction::Sync => {
                if !d.sync() {
                    return self;
                }
            }
            DraftAction::Status(status) => d.status = status,
            DraftAction::Open(open) => {
                d.open = open;
                d.folded = false;
                // Into the drawer, or back to its button; the page stays where it was.
                let to = if open {
                    "lesson-drawer-title"
                } else {
                    "lesson-toggle"
                };
                dom::after_paint(move || dom::focus(to));
            }
            DraftAction::Fold(folded) => d.folded = folded,
            action => {
                if let Some(to) = d.act(action) {
                    dom::focus_after_paint(to);
                }
                d.save();
            }
        }
        Rc::new(d)
    }
}

/// Copies the link in the field `id`: with the clipboard when the browser allows it, otherwise
/// the link is selected for the reader to copy, and the status says which.
fn copy_link(draft: UseReducerDispatcher<Draft>, id: &str) {
    let Some(input) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).ok();
    // `writeText` fulfils with nothing and rejects with an error: one callback tells them apart.
    let done = {
        let input = input.clone();
        move |error: JsValue| {
            draft.dispatch(DraftAction::Status(if error.is_undefined() {
                "Link copied.".into()
            } else {
                let _ = input.focus();
                input.select();
                "Copying was not allowed here: the link is selected, copy it with Ctrl+C (⌘C on a Mac).".into()
            }));
        }
    };
    let written = get(&js_sys::global(), "navigator")
        .and_then(|n| get(&n, "clipboard"))
        .filter(|c| c.is_object())
        .and_then(|c| {
            let write = get(&c, "writeText")?.dyn_into::<js_sys::Function>().ok()?;
            write.call1(&c, &input.value().into()).ok()
        })
        .and_then(|p| Some((get(&p, "then")?.dyn_into::<js_sys::Function>().ok()?, p)));
    match written {
        Some((then, promise)) => {
            let done = Closure::once_into_js(done);
            let _ = then.call2(&promise, &done, &done);
        }
        None => done(JsValue::NULL),
    }
}

/// A button of the drawer (its id `lesson-<what>-<step>`, where focus is sent after a move).
fn button(
    what: &'static str,
    id: usize,
    text: &'static str,
    name: String,
    off: bool,
    onclick: Callback<MouseEvent>,
) -> Html {
    html! {
        <button type="button" id={format!("lesson-{what}-{id}")} aria-label={(!name.is_empty()).then_some(name)} disabled={off} {onclick}>{ text }</button>
    }
}

/// A labelled one-line field of the drawer; read-only without `oninput`. `hint`: a line under
/// it that describes it (its id is the field's, `-hint`).
fn field(
    id: String,
    label: String,
    value: String,
    oninput: Option<Callback<InputEvent>>,
    hint: Option<(String, String)>,
) -> Html {
    let readonly = oninput.is_none();
    let described = hint.as_ref().map(|(id, _)| id.clone());
    html! {
        <div class="lesson-field">
            <label for={id.clone()}>{ label }</label>
            <input {id} {value} {readonly} {oninput} placeholder={hint.as_ref().map(|(_, p)| p.clone())} aria-describedby={described} />
        </div>
    }
}

/// A labelled field of several lines with a live count of its characters against its limit.
fn area(id: String, label: String, value: &str, max: usize, oninput: Callback<InputEvent>) -> Html {
    let used = value.chars().count();
    let count_id = format!("{id}-count");
    let full = used >= max;
    html! {
        <div class="lesson-field">
            <label for={id.clone()}>{ label }</label>
            <textarea {id} rows="3" value={value.to_owned()} {oninput} aria-describedby={count_id.clone()} />
            <p id={count_id} class={classes!("lesson-chars", full.then_some("lesson-chars--full"))}>
                { format!("{used} of {max} characters") }
            </p>
        </div>
    }
}

/// A field's typed text (a line or a textarea) as the action `to`.
fn typed(
    draft: &UseReducerDispatcher<Draft>,
    to: impl Fn(String) -> DraftAction + 'static,
) -> Callback<InputEvent> {
    let draft = draft.clone();
    Callback::from(move |e: InputEvent| {
        if let Some(value) = dom::typed(&e) {
            draft.dispatch(to(value));
        }
    })
}

/// A button's click as the action `action` makes.
fn press(
    draft: &UseReducerDispatcher<Draft>,
    action: impl Fn() -> DraftAction + 'static,
) -> Callback<MouseEvent> {
    let draft = draft.clone();
    Callback::from(move |_: MouseEvent| draft.dispatch(action()))
}

/// One step of the draft: its name (a link to its view), its note and question as written, the
/// arrows and Remove, and its texts to edit.
fn draft_step(
    ctx: &Ctx,
    draft: &UseReducerDispatcher<Draft>,
    (i, len): (usize, usize),
    id: usize,
    step: &Step,
) -> Html {
    let n = i + 1;
    let auto = label(ctx, &step.state);
    let text = move |field: StepField| typed(draft, move |v| DraftAction::StepText(id, field, v));
    html! {
        <li key={id}>
            <p class="lesson-draft-head">
                <a href={ctx.href(&step.state)}>{ step_name(ctx, step) }</a>
                <span class="lesson-draft-moves">
                    { button("up", id, "↑", format!("Move step {n} up"), i == 0, press(draft, move || DraftAction::Up(id))) }
                    { button("down", id, "↓", format!("Move step {n} down"), n == len, press(draft, move || DraftAction::Down(id))) }
                    { button("remove", id, "Remove", format!("Remove step {n}"), false, press(draft, move || DraftAction::Remove(id))) }
                </span>
            </p>
            if !step.note.is_empty() {
                <p class="lesson-draft-note">{ &step.note }</p>
            }
            if !step.question.is_empty() {
                <p class="lesson-draft-note"><strong>{ "Question: " }</strong>{ &step.question }</p>
            }
            <details class="lesson-edit">
                <summary>{ format!("Edit step {n}") }
                    if !step.answer.is_empty() { <span class="lesson-has-answer">{ " (has an answer)" }</span> }
                </summary>
                { field(format!("lesson-label-{id}"), format!("Name of step {n}"), step.label.clone(), Some(text(StepField::Label)),
                    Some((format!("lesson-label-{id}-hint"), auto))) }
                <p id={format!("lesson-label-{id}-hint")} class="lesson-hint">{ "Left empty, the step is named after its view (the grey text)." }</p>
                { area(format!("lesson-note-{id}"), format!("Note of step {n}"), &step.note, MAX_STEP_NOTE_CHARS, typed(draft, move |v| DraftAction::StepNote(id, v))) }
                { area(format!("lesson-question-{id}"), format!("Question of step {n} (optional)"), &step.question, StepField::Question.max_chars(), text(StepField::Question)) }
                { area(format!("lesson-answer-{id}"), format!("Answer to the question of step {n} (only in the teacher copy)"), &step.answer, StepField::Answer.max_chars(), text(StepField::Answer)) }
            </details>
        </li>
    }
}

/// A lesson link with its buttons: the field (`id`), Copy, Open, its QR code and its handout
/// (`handout`, the link of the same copy's handout).
fn link_row(
    draft: &UseReducerDispatcher<Draft>,
    id: &'static str,
    label: &str,
    (href, handout): (String, String),
    base: &str,
) -> Html {
    let copy = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| copy_link(draft.clone(), id))
    };
    let (copy_name, open_name) = if id == "lesson-link" {
        (String::new(), None)
    } else {
        (
            format!("Copy the {}", label.to_lowercase()),
            Some(format!("Open the {}", label.to_lowercase())),
        )
    };
    // "the student copy", "the teacher copy", "the lesson": for the QR code's and handout's names.
    let of = match label.split_once(" (") {
        Some((copy, _)) => format!("the {}", copy.to_lowercase()),
        None => "the lesson".to_owned(),
    };
    html! {
        <>
            { field(id.into(), label.into(), format!("{base}{href}"), None, None) }
            <p class="lesson-link-buttons">
                <button type="button" id={format!("{id}-copy")} aria-label={(!copy_name.is_empty()).then_some(copy_name)} onclick={copy}>{ "Copy" }</button>
                <a class="lesson-open" href={href.clone()} aria-label={open_name}>{ "Open" }</a>
                <crate::qr::QrButton link={format!("{base}{href}")} of={of.clone()} id={format!("{id}-qr")} />
                <a class="lesson-handout-link" href={handout} aria-label={format!("Handout of {of}, to print")}>{ "Handout" }</a>
            </p>
        </>
    }
}

#[component]
pub fn LessonMaker() -> Html {
    let ctx = use_ctx();
    let known = ctx.data.known.clone();
    let d = use_reducer(move || Draft::load(&known));
    let draft = d.dispatcher();
    {
        // A draft another tab saves is merged in as it is stored.
        let draft = draft.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                gloo::events::EventListener::new(&window, "storage", move |_| {
                    draft.dispatch(DraftAction::Sync)
                })
            });
            move || drop(listener)
        });
    }
    // What "Add this view" adds: the view on screen, or in a lesson its current step (or the
    // view opened from it); nothing on a link to something missing.
    let current = match &ctx.state.view {
        _ if ctx.state.is_not_found(&ctx.notices) => None,
        View::Lesson(l) if l.away.is_some() => l.shown().map(|s| Step::new(s.clone(), "")),
        View::Lesson(l) => l.current().cloned(),
        _ => Some(Step::new((*ctx.state).clone(), "")),
    };
    let this = current.as_ref().map(|c| label(&ctx, &c.state));
    let in_lesson = match &ctx.state.view {
        View::Lesson(l) => Some(l.clone()),
        _ => None,
    };
    let missing = current.is_none();
    let onsubmit = {
        let draft = draft.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(step) = current.clone() {
                draft.dispatch(DraftAction::Add(Box::new(step)));
            }
        })
    };
    let len = d.steps.len();
    let items = d
        .steps
        .iter()
        .enumerate()
        .map(|(i, (id, step))| draft_step(&ctx, &draft, (i, len), *id, step));
    let (made, notices) = lesson(&d.title, d.steps.iter().map(|(_, s)| s.clone()).collect());
    let made = made.and_then(|s| match s.view {
        View::Lesson(l) => Some(l),
        _ => None,
    });
    let base = dom::page_address();
    let as_state = |l: Lesson| State::of(View::Lesson(l));
    // A lesson on her own documents does not open for a class that lacks them: the drawer says
    // which, and offers them as a collection file with the lesson's student copy.
    let mut own_used: Vec<String> = Vec::new();
    for (_, step) in &d.steps {
        for id in parallax_core::collection::documents_named(&step.state) {
            if ctx.data.is_own(&id) && !own_used.contains(&id) {
                own_used.push(id);
            }
        }
    }
    let share_lesson: Option<Rc<str>> = made.as_ref().map(|l| {
        let link =
            parallax_core::state::print(&as_state(l.without_answers()), &ctx.data.known.version);
        link.trim_start_matches('#').into()
    });
    // The student copy is what is shared with the class (and put in a QR code); the teacher
    // copy, with the answers, only when a step has one.
    let links = made.map(|l| {
        let teacher = l
            .has_answers()
            .then(|| (ctx.href(&as_state(l.clone())), ctx.href(&l.handout())));
        let s = l.without_answers();
        let student = (ctx.href(&as_state(s.clone())), ctx.href(&s.handout()));
        (student, teacher)
    });
    // A draft that is not being saved says so on the closed drawer too.
    let unsaved = d.shelf.unsaved.clone().filter(|_| !d.is_empty());
    let open = d.open;
    let toggle = press(&draft, move || DraftAction::Open(!open));
    let close = press(&draft, || DraftAction::Open(false));
    let folded = d.folded;
    let fold = press(&draft, move || DraftAction::Fold(!folded));
    let onkeydown = {
        let draft = draft.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                draft.dispatch(DraftAction::Open(false));
            }
        })
    };
    let count = match len {
        0 => String::new(),
        1 => "1 step".into(),
        n => format!("{n} steps"),
    };
    html! {
        <div class="lesson-maker">
            <button type="button" id="lesson-toggle" class="lesson-toggle" aria-expanded={open.to_string()} aria-controls="lesson-drawer" onclick={toggle}>
                { "Make a lesson" }
                if unsaved.is_some() { <span class="lesson-unsaved">{ " (not saved)" }</span> }
            </button>
            <section id="lesson-drawer" class={classes!("lesson-drawer", folded.then_some("lesson-drawer--folded"))} aria-labelledby="lesson-drawer-title" hidden={!open} {onkeydown}>
                <div class="lesson-drawer-top">
                    <h2 id="lesson-drawer-title" tabindex="-1">{ "Make a lesson" }</h2>
                    <span class="lesson-drawer-count">{ count }</span>
                    <button type="button" class="lesson-fold-drawer" aria-expanded={(!folded).to_string()} aria-controls="lesson-panel" onclick={fold}>
                        { if folded { "Unfold" } else { "Fold" } }
                    </button>
                    <button type="button" class="lesson-close" aria-label="Close the lesson maker" onclick={close}>{ "Close" }</button>
                </div>
                <div id="lesson-panel" class="lesson-panel" hidden={folded}>
                    <p class="lede">{ "Go to a view, write a note on it, add it. The steps are kept in this browser." }</p>
                    if let Some(why) = unsaved {
                        <p class="lesson-problem" role="alert">{ format!("Your lesson draft is not being saved: {why}. It stays while this page is open; copy the lesson link to keep it.") }</p>
                    }
                    if !d.shelf.restored.is_empty() {
                        <ul class="lesson-restored">{ for d.shelf.restored.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                    }
                    { field("lesson-title".into(), "Lesson title".into(), d.title.clone(), Some(typed(&draft, DraftAction::Title)), None) }
                    <form class="lesson-add-form" {onsubmit}>
                        <p class="lesson-this">{ "This view: " }<strong>{ this.unwrap_or_else(|| "nothing to add here".into()) }</strong></p>
                        { area("lesson-note".into(), "Note on this view".into(), &d.note, MAX_STEP_NOTE_CHARS, typed(&draft, DraftAction::Note)) }
                        <button type="submit" id="lesson-add" disabled={missing}>{ "Add this view" }</button>
                    </form>
                    if let Some(l) = in_lesson {
                        { button("load", 0, "Add every step of this lesson", String::new(), false, press(&draft, move || DraftAction::Load(l.clone()))) }
                    }
                    if len > 0 {
                        <ol class="lesson-draft">{ for items }</ol>
                    }
                    if !own_used.is_empty() {
                        <div class="lesson-own-warning" role="note">
                            <p>
                                <strong>{ "Your class will not have " }{ if own_used.len() == 1 { "this document" } else { "these documents" } }{ ": " }</strong>
                                { own_used.iter().map(|id| format!("“{}”", ctx.data.bundle.corpus.title_of(id))).collect::<Vec<_>>().join(", ") }
                                { if own_used.len() == 1 { ". You added it to this browser yourself: steps on it will not open in your students' copies of Parallax until they add it. Download it for them below." } else { ". You added them to this browser yourself: steps on them will not open in your students' copies of Parallax until they add them. Download them for them below." } }
                            </p>
                            <crate::collection_ui::ShareCollection id="share-lesson" lesson={share_lesson.clone()} open=true />
                        </div>
                    }
                    if !notices.is_empty() {
                        <ul class="lesson-notices">{ for notices.iter().map(|n| html! { <li>{ n.to_string() }</li> }) }</ul>
                    }
                    if let Some((student, teacher)) = links {
                        <div class="lesson-links">
                            if let Some(teacher) = teacher {
                                { link_row(&draft, "lesson-link", "Student copy (without the answers)", student.clone(), &base) }
                                { link_row(&draft, "lesson-link-teacher", "Teacher copy (with the answers)", teacher, &base) }
                            } else {
                                { link_row(&draft, "lesson-link", "Link to the lesson", student.clone(), &base) }
                            }
                            if base.is_empty() {
                                <p class="lesson-hint lesson-fragment-note">{ parallax_core::state::OPEN_IN_YOUR_COPY }</p>
                            }
                            <p class="lesson-fit">
                                { format!("The link is {} characters long. ", parallax_core::strings::thousands((base.len() + student.0.len()) as u64)) }
                                { LinkFit::of(base.len() + student.0.len()).to_string() }
                            </p>
                            <p>{ button("clear", 0, "Start over", String::new(), false, press(&draft, || DraftAction::Clear)) }</p>
                        </div>
                    }
                    <p class="lesson-status" role="status">{ d.status.clone() }</p>
                </div>
            </section>
        </div>
    }
}
