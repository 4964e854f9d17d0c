//! Lessons: a teacher strings views together with a short note on each, and the whole lesson is
//! one link (`#/lesson?title=…&step=…&at=…`, parsed and checked by the core).
//!
//! `LessonView` is the student's side: a bar with the title, "Step 2 of 5", the step's note,
//! Previous and Next (real links, so that Back and Forward step through the lesson) and every
//! step to jump to; under it the step's own view, rendered unchanged inside a context whose
//! state is the step's. Typing in a step's search box (or turning its show-removed switch)
//! edits that step of the lesson link in place; anything else done inside a step (a link, a
//! filter) leaves the lesson for that view as a new history entry, so Back returns to the step.
//!
//! `LessonMaker` is the teacher's side, a disclosure in the header on every view: the draft
//! (title, steps with notes) lives in the component, which the header keeps for the life of the
//! page, so it survives moving between views, and every change is saved in local storage (the
//! core's `draft` format), so that it survives a reload. The draft holds no more than a lesson
//! link can carry: a title or note typed passes the link's cleaning and length as it is typed
//! (with a notice when it was cut), and a step past the limits is refused with the reason; a
//! saved draft that held more is kept aside whole before the part that fits is saved over it.
//! When storage is blocked or full the panel says so and the draft stays for the visit; the
//! lesson link, shown with Copy and Open, stays the way to share it.

use std::rc::Rc;

use parallax_core::draft::{self, DraftShelf};
use parallax_core::state::{lesson, Known, Lesson, State, Step, View, MAX_STEPS};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ctx::{use_ctx, Ctx, Nav};
use crate::dom;
use crate::storage::Local;

/// A short name of a step's view, for the lists of steps.
fn label(ctx: &Ctx, state: &State) -> String {
    let title = |d: &String| {
        ctx.data
            .bundle
            .corpus
            .document(d)
            .map_or(d.as_str(), |d| d.title.as_str())
            .to_owned()
    };
    match &state.view {
        View::Library => "All sources".into(),
        View::Overview { .. } => "Story overview".into(),
        View::Read(r) => match &r.passage {
            Some(p) => format!("Read {}, passage {p}", title(&r.doc)),
            None => format!("Read {}", title(&r.doc)),
        },
        View::Explore(e) if !e.query.is_empty() => format!("Explore “{}”", e.query),
        View::Explore(_) => "Explore".into(),
        View::Map => "Themes in each source".into(),
        View::Compare(c) => {
            let names: Vec<String> = c.docs.iter().map(title).collect();
            format!("Compare {}", names.join(" / "))
        }
        View::Source(s) => format!("Profile of {}", title(&s.doc)),
        View::Methods => "Methods".into(),
        View::Notes => "Your notes".into(),
        View::Lesson(_) => "Lesson".into(),
    }
}

fn set_title(title: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

#[derive(Properties, PartialEq)]
pub struct LessonProps {
    /// The lesson from the link, at its current step.
    pub lesson: Lesson,
    /// The current step's view, as the app renders it outside a lesson (`app::view_html`).
    pub children: Html,
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
    // A new step starts at the top (the app does it when the lesson opens; a step that names a
    // passage is scrolled by the reader), but a step edited in place (a key typed) stays where
    // it is.
    let first = use_mut_ref(|| true);
    let to_passage = matches!(
        lesson.current().map(|s| &s.state.view),
        Some(View::Read(r)) if r.passage.is_some()
    );
    let title = format!("{count}: {head} — Parallax");
    use_effect_with(title.clone(), move |_| {
        if !std::mem::replace(&mut *first.borrow_mut(), false) && !to_passage {
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    });
    // The tab says which step, once the step's view has set its own title, also after each
    // edit of the step that makes the view set it again.
    let shown = lesson.current().map(|s| ctx.href(&s.state));
    use_effect_with((title, shown), move |(title, _)| {
        let title = title.clone();
        dom::after_paint(move || set_title(&title));
    });
    let Some(step) = lesson.current() else {
        return Html::default();
    };
    let link = |s: Option<State>| s.map(|s| ctx.href(&s));
    let (previous, next) = (link(lesson.previous()), link(lesson.next()));
    let steps = lesson.steps.iter().enumerate().map(|(i, s)| {
        let n = i + 1;
        html! {
            <li><a href={ctx.href(&lesson.go(n))} aria-current={(n == at).then_some("step")}>{ label(&ctx, &s.state) }</a></li>
        }
    });
    // Views inside the step see the step's state. An edit of the view in place (a query typed,
    // the show-removed switch: what the app writes into the current entry) stays in the lesson:
    // the step's view in the lesson link becomes the edited one, so that a reload or a copied
    // link keeps it, and the step stays mounted with the focus where it was. Anything else (a
    // link, a filter) leaves the lesson as a new history entry, so Back returns to the step.
    let navigate = ctx.navigate.clone();
    let here = lesson.clone();
    let inner = Ctx {
        state: Rc::new(step.state.clone()),
        notices: Rc::default(),
        navigate: Callback::from(move |nav: Nav| {
            let stay = nav
                .replace
                .then(|| here.with_current(nav.state.clone()))
                .flatten();
            navigate.emit(match stay {
                Some(state) => Nav {
                    state,
                    replace: true,
                },
                None => Nav {
                    replace: false,
                    ..nav
                },
            })
        }),
        ..ctx.clone()
    };
    let view = props.children.clone();
    html! {
        <>
            <section class="lesson-bar" aria-label="Lesson">
                <p class="lesson-head"><strong class="lesson-title">{ head }</strong>{ " " }<span class="lesson-count">{ count }</span></p>
                if !step.note.is_empty() {
                    <p class="lesson-note">{ &step.note }</p>
                }
                <p class="lesson-moves">
                    if let Some(href) = previous { <a class="lesson-previous" rel="prev" {href}>{ "← Previous" }</a> }
                    if let Some(href) = next { <a class="lesson-next" rel="next" {href}>{ "Next →" }</a> }
                </p>
                <nav aria-label="Lesson steps"><ol class="lesson-steps">{ for steps }</ol></nav>
            </section>
            <ContextProvider<Ctx> context={inner}>
                <div class="lesson-step" key={at}>{ view }</div>
            </ContextProvider<Ctx>>
        </>
    }
}

/// The teacher's draft: a title, steps (each with an id for keys and focus, a view and a note),
/// the note typed for the next step, what the last action said, and its storage (the core's
/// `DraftShelf`: what is read at start, merged with another tab's, set aside).
#[derive(Clone, Default)]
struct Draft {
    title: String,
    steps: Vec<(usize, State, String)>,
    next: usize,
    note: String,
    status: String,
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
            self.add(step.state, step.note);
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
            steps: self
                .steps
                .iter()
                .map(|(_, s, n)| Step::new(s.clone(), n.clone()))
                .collect(),
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

    /// Does what a control of the panel asks; says what to focus once the list is redrawn,
    /// when focus must follow.
    fn act(&mut self, action: DraftAction) -> Option<String> {
        let at = |steps: &[(usize, State, String)], id: usize| steps.iter().position(|s| s.0 == id);
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
                    self.steps[i].2 = typed.text;
                    self.status = typed.said.unwrap_or_default();
                }
                return None;
            }
            DraftAction::Add(state, own) => {
                match draft::refuse_step(len, &state) {
                    // The note typed stays, for when a step is removed.
                    Some(why) => self.status = why,
                    None => {
                        let note = std::mem::take(&mut self.note);
                        self.add(state, if note.trim().is_empty() { own } else { note });
                        self.status = "Step added.".into();
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
                        self.add(s.state, s.note);
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
            DraftAction::Status(_) | DraftAction::Sync => return None,
        };
        Some(format!("#lesson-{to}-{id}"))
    }

    /// Adds a step; the caller checks it first (`draft::refuse_step`), except for a draft read
    /// from storage, which the core has checked.
    fn add(&mut self, state: State, note: String) {
        self.steps.push((self.next, state, note));
        self.next += 1;
    }
}

/// What the lesson panel asks of the draft.
enum DraftAction {
    Title(String),
    /// The note typed for the next step.
    Note(String),
    /// A step's note, by the step's id.
    StepNote(usize, String),
    /// "Add this view": the view, and the note it already has (a lesson step's).
    Add(State, String),
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
}

impl Reducible for Draft {
    type Action = DraftAction;

    /// Every change is saved at once (put together first with what another tab saved); focus
    /// follows a step moved once the list is redrawn.
    fn reduce(self: Rc<Self>, action: DraftAction) -> Rc<Self> {
        let mut d = (*self).clone();
        match action {
            DraftAction::Sync => {
                if !d.sync() {
                    return self;
                }
            }
            DraftAction::Status(status) => d.status = status,
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

/// Copies the lesson link: with the clipboard when the browser allows it, otherwise the link is
/// selected for the reader to copy, and the status says which.
fn copy_link(draft: UseReducerDispatcher<Draft>) {
    let Some(input) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("lesson-link"))
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

/// A button of the panel (its id `lesson-<what>-<step>`, where focus is sent after a move).
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

/// A labelled field of the panel; read-only without `oninput`.
fn field(
    id: &'static str,
    label: String,
    value: String,
    oninput: Option<Callback<InputEvent>>,
) -> Html {
    let readonly = oninput.is_none();
    html! {
        <>
            <label for={id}>{ label }</label>
            <input {id} {value} {readonly} {oninput} />
        </>
    }
}

/// A field's typed text as the action `to`.
fn typed(
    draft: &UseReducerDispatcher<Draft>,
    to: impl Fn(String) -> DraftAction + 'static,
) -> Callback<InputEvent> {
    let draft = draft.clone();
    Callback::from(move |e: InputEvent| {
        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            draft.dispatch(to(input.value()));
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
    // What "Add this view" adds: the view on screen, or in a lesson its current step; nothing
    // on a link to something missing.
    let current = match &ctx.state.view {
        _ if ctx.state.is_not_found(&ctx.notices) => None,
        View::Lesson(l) => l.current().map(|s| (s.state.clone(), s.note.clone())),
        _ => Some(((*ctx.state).clone(), String::new())),
    };
    let this = current
        .as_ref()
        .map(|c| format!(" ({})", label(&ctx, &c.0)));
    let in_lesson = match &ctx.state.view {
        View::Lesson(l) => Some(l.clone()),
        _ => None,
    };
    let missing = current.is_none();
    let onsubmit = {
        let draft = draft.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some((state, own)) = current.clone() {
                draft.dispatch(DraftAction::Add(state, own));
            }
        })
    };
    let len = d.steps.len();
    let items = d.steps.iter().enumerate().map(|(i, (id, state, text))| {
        let (id, n) = (*id, i + 1);
        html! {
            <li key={id}>
                <a href={ctx.href(state)}>{ label(&ctx, state) }</a>
                <input aria-label={format!("Note of step {n}")} value={text.clone()} oninput={typed(&draft, move |v| DraftAction::StepNote(id, v))} />
                <span>
                    { button("up", id, "↑", format!("Move step {n} up"), i == 0, press(&draft, move || DraftAction::Up(id))) }
                    { button("down", id, "↓", format!("Move step {n} down"), n == len, press(&draft, move || DraftAction::Down(id))) }
                    { button("remove", id, "Remove", format!("Remove step {n}"), false, press(&draft, move || DraftAction::Remove(id))) }
                </span>
            </li>
        }
    });
    let (made, notices) = lesson(
        &d.title,
        d.steps
            .iter()
            .map(|(_, s, n)| Step::new(s.clone(), n.clone()))
            .collect(),
    );
    let href = made.map(|s| ctx.href(&s));
    let base = dom::page_address();
    // A draft that is not being saved says so on the closed panel too.
    let unsaved = d.shelf.unsaved.clone().filter(|_| !d.is_empty());
    let copy = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| copy_link(draft.clone()))
    };
    html! {
        <details class="lesson-maker">
            <summary>{ "Make a lesson" }
                if unsaved.is_some() { <span class="lesson-unsaved">{ " (not saved)" }</span> }
            </summary>
            <div class="lesson-panel">
                <p class="lede">{ "Go to a view, write a note on it, add it; the steps stay while you move between views and are kept in this browser." }</p>
                if let Some(why) = unsaved {
                    <p class="lesson-problem" role="alert">{ format!("Your lesson draft is not being saved: {why}. It stays while this page is open; copy the lesson link to keep it.") }</p>
                }
                if !d.shelf.restored.is_empty() {
                    <ul class="lesson-restored">{ for d.shelf.restored.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                }
                { field("lesson-title", "Lesson title".into(), d.title.clone(), Some(typed(&draft, DraftAction::Title))) }
                <form {onsubmit}>
                    { field("lesson-note", format!("Note on this view{}", this.unwrap_or_default()), d.note.clone(), Some(typed(&draft, DraftAction::Note))) }
                    <button type="submit" id="lesson-add" disabled={missing}>{ "Add this view" }</button>
                </form>
                if let Some(l) = in_lesson {
                    { button("load", 0, "Add every step of this lesson", String::new(), false, press(&draft, move || DraftAction::Load(l.clone()))) }
                }
                if len > 0 {
                    <ol class="lesson-draft">{ for items }</ol>
                }
                if !notices.is_empty() {
                    <ul class="lesson-notices">{ for notices.iter().map(|n| html! { <li>{ n.to_string() }</li> }) }</ul>
                }
                if let Some(href) = href {
                    { field("lesson-link", "Link to the lesson".into(), format!("{base}{href}"), None) }
                    <p>
                        { button("copy", 0, "Copy", String::new(), false, copy) }
                        <a class="lesson-open" {href}>{ "Open" }</a>
                        { button("clear", 0, "Start over", String::new(), false, press(&draft, || DraftAction::Clear)) }
                    </p>
                }
                <p class="lesson-status" role="status">{ d.status.clone() }</p>
            </div>
        </details>
    }
}
