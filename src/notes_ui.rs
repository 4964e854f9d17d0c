//! The reader's notes: kept in local storage in the core's versioned format, written under each
//! passage in the reader, listed in the notes view (`#/notes`) with export and import as JSON and
//! Markdown, and export as W3C Web Annotations. Storage that is blocked, full or unreadable gives
//! a notice and a way to export what is in memory; unreadable stored notes are kept as they were,
//! never overwritten silently.

use parallax_core::strings;
use std::rc::Rc;

use parallax_core::annotation;
use parallax_core::export::LinkBase;
use parallax_core::notes::{self, Note, Notebook};
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::dom;
use crate::lazy_details::LazyDetails;
use crate::storage::{self, Loaded};

/// Where the notebook is stored.
const KEY: &str = "parallax-notes";
/// Stored notes that could not be read are moved to a key of their own that starts with this
/// (`storage::set_aside`), so that new notes never overwrite them.
const UNREADABLE_KEY: &str = "parallax-notes-unreadable";

/// The notebook, and what the reader must know about its storage.
#[derive(Clone, PartialEq, Default)]
pub struct NotesState {
    pub book: Rc<Notebook>,
    /// The notebook as this tab last read or wrote it: what another tab wrote since is what is
    /// stored now and is not this (`notes::rebase` puts this tab's changes onto it).
    base: Rc<Notebook>,
    /// Why the notes are not being saved (blocked, full…), if they are not.
    pub unsaved: Option<String>,
    /// Stored notes that could not be read: the message and the text as stored.
    pub unreadable: Option<(String, Rc<String>)>,
    /// The stored notes are in a newer format: left in place, never written over.
    newer_stored: bool,
}

pub enum NotesAction {
    /// A new notebook, already changed (add, edit, remove, import).
    Set(Notebook),
    /// Why saving failed, or `None` once it worked again.
    Saved(Option<String>),
    /// The notebook as written to storage, this tab's changes and another tab's together.
    Written(Notebook),
    /// Another tab stored this notebook: this tab's changes are put onto it.
    Stored(Notebook),
}

impl Reducible for NotesState {
    type Action = NotesAction;

    fn reduce(self: Rc<Self>, action: NotesAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            NotesAction::Set(book) => next.book = Rc::new(book),
            NotesAction::Saved(why) => next.unsaved = why,
            NotesAction::Written(book) => {
                let book = Rc::new(book);
                next.base = book.clone();
                next.book = book;
            }
            NotesAction::Stored(stored) => {
                if stored == *self.base {
                    return self;
                }
                next.book = Rc::new(notes::rebase(&self.base, &self.book, &stored));
                next.base = Rc::new(stored);
            }
        }
        Rc::new(next)
    }
}

/// The notes and a way to change them, for every view.
pub type NotesHandle = UseReducerHandle<NotesState>;

/// Reads the stored notebook. Unreadable notes are moved aside (kept under `UNREADABLE_KEY`);
/// if even that fails, saving stays off so that nothing overwrites them.
fn load() -> NotesState {
    let mut state = NotesState::default();
    let loaded = storage::load(KEY, UNREADABLE_KEY, notes::from_json, |e| {
        matches!(e, notes::NotesError::NewerFormat(_))
    });
    match loaded {
        Loaded::Empty => {}
        Loaded::Read(book, _) => {
            state.book = Rc::new(book);
            state.base = state.book.clone();
        }
        // A newer Parallax wrote them: left where they are, for it to read.
        Loaded::Newer(e) => {
            state.unsaved = Some(format!(
                "{e} They are left as they are, and notes made here are not saved over them"
            ));
            state.newer_stored = true;
        }
        Loaded::Unreadable { why, raw, kept } => {
            if let Err(e) = kept {
                state.unsaved = Some(format!(
                    "the stored notes could not be read and could not be set aside ({e}), so new notes are not saved over them"
                ));
            }
            state.unreadable = Some((why, Rc::new(raw)));
        }
        Loaded::Unavailable(why) => state.unsaved = Some(why.to_string()),
    }
    state
}

/// The notebook another tab may have stored since this one last read it: `None` when there is
/// nothing new to put this tab's changes onto (nothing stored, the same as `base`, or stored
/// notes this version cannot read, which the next load sets aside).
fn stored_since(base: &Notebook) -> Option<Notebook> {
    let raw = storage::get(KEY).ok()??;
    let stored = notes::from_json(&raw).ok()?;
    (stored != *base).then_some(stored)
}

#[derive(Properties, PartialEq)]
pub struct ProviderProps {
    pub children: Html,
}

/// Provides the notes to everything inside it and saves every change.
#[component]
pub fn NotesProvider(props: &ProviderProps) -> Html {
    let notes = use_reducer(load);
    let blocked_by_unreadable = use_memo((), |_| {
        notes.unreadable.is_some() && notes.unsaved.is_some()
    });
    {
        let notes = notes.clone();
        let blocked = *blocked_by_unreadable;
        use_effect_with(notes.book.clone(), move |book| {
            // Every change is written at once (the first run writes back what was read), put
            // onto whatever another tab stored since this one last read: re-read, then write.
            if !blocked && !notes.newer_stored {
                let book: Notebook = match stored_since(&notes.base) {
                    Some(stored) => notes::rebase(&notes.base, book, &stored),
                    None => (**book).clone(),
                };
                let why = storage::set(KEY, &notes::to_json(&book))
                    .err()
                    .map(|e| e.to_string());
                if why.is_none() && (book != *notes.book || book != *notes.base) {
                    notes.dispatch(NotesAction::Written(book));
                }
                if why != notes.unsaved {
                    notes.dispatch(NotesAction::Saved(why));
                }
            }
        });
    }
    {
        // Another tab's notes arrive as they are stored, not only at this tab's next write.
        let notes = notes.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                gloo::events::EventListener::new(&window, "storage", move |_| {
                    // The handle here holds the state of the first render; the reducer compares
                    // with the current one.
                    let stored = storage::get(KEY)
                        .ok()
                        .flatten()
                        .map(|raw| notes::from_json(&raw));
                    if let Some(Ok(stored)) = stored {
                        notes.dispatch(NotesAction::Stored(stored));
                    }
                })
            });
            move || drop(listener)
        });
    }
    html! {
        <ContextProvider<NotesHandle> context={notes}>{ props.children.clone() }</ContextProvider<NotesHandle>>
    }
}

#[hook]
pub fn use_notes() -> NotesHandle {
    use_context::<NotesHandle>().expect("NotesProvider is around every view")
}

/// A button's callback that deletes note `id`, then focuses `then` (a CSS selector): the button
/// goes with its note, and focus must not fall to the page.
fn remove_note(notes: &NotesHandle, id: &str, then: String) -> Callback<MouseEvent> {
    let (notes, id) = (notes.clone(), id.to_owned());
    Callback::from(move |_: MouseEvent| {
        let mut book = (*notes.book).clone();
        book.remove(&id);
        notes.dispatch(NotesAction::Set(book));
        dom::focus_after_paint(then.clone());
    })
}

/// The forms the notes are exported in.
#[derive(Clone, Copy, PartialEq)]
enum Export {
    Json,
    Markdown,
    /// W3C Web Annotations (JSON-LD), for annotation tools.
    WebAnnotations,
}

/// Downloads the notebook in one of its export forms.
fn export(book: &Notebook, form: Export, ctx: &crate::ctx::Ctx) -> bool {
    let base = dom::page_address();
    let pages = dom::pages();
    let at = LinkBase {
        base: &base,
        version: &ctx.data.known.version,
        custom: &ctx.state.custom,
        edits: &ctx.state.edits,
        pages: &pages,
    };
    let corpus = &ctx.data.bundle.corpus;
    match form {
        Export::Json => dom::download(
            "parallax-notes.json",
            "application/json",
            &notes::to_json(book),
        ),
        Export::Markdown => dom::download(
            "parallax-notes.md",
            "text/markdown;charset=utf-8",
            &notes::to_markdown(book, corpus, at),
        ),
        Export::WebAnnotations => dom::download(
            "parallax-notes.jsonld",
            "application/ld+json",
            &annotation::to_web_annotations(book, corpus, &at),
        ),
    }
}

/// What a storage problem means for the reader, with the buttons that save their notes.
#[component]
pub fn NotesStorageNotice() -> Html {
    let notes = use_notes();
    let ctx = use_ctx();
    let unsaved = notes.unsaved.as_ref().map(|why| {
        let (json, md) = {
            let (a, b) = (notes.clone(), notes.clone());
            let (c1, c2) = (ctx.clone(), ctx.clone());
            (
                Callback::from(move |_: MouseEvent| {
                    export(&a.book, Export::Json, &c1);
                }),
                Callback::from(move |_: MouseEvent| {
                    export(&b.book, Export::Markdown, &c2);
                }),
            )
        };
        html! {
            <div class="notes-problem" role="alert">
                <p>{ format!("Your notes are not being saved: {why}. They are kept while this page stays open; export them to keep them.") }</p>
                <button type="button" onclick={json}>{ "Export notes (JSON)" }</button>
                <button type="button" onclick={md}>{ "Export notes (Markdown)" }</button>
            </div>
        }
    });
    let unreadable = notes.unreadable.as_ref().map(|(why, _)| {
        html! {
            <div class="notes-problem" role="alert">
                <p>{ format!("Your stored notes could not be read ({why}) They were set aside, not deleted; new notes start a fresh notebook.") }</p>
            </div>
        }
    });
    // Every notebook ever set aside in this browser, each under a key of its own.
    let kept = storage::set_aside_keys(UNREADABLE_KEY);
    let kept = (!kept.is_empty()).then(|| {
        let items = kept.iter().enumerate().map(|(i, key)| {
            let key = key.clone();
            let save = Callback::from(move |_: MouseEvent| {
                if let Ok(Some(raw)) = storage::get(&key) {
                    dom::download(&format!("{key}.txt"), "text/plain;charset=utf-8", &raw);
                }
            });
            html! {
                <li key={i}>
                    <button type="button" onclick={save}>{ format!("Download unreadable notes {}", i + 1) }</button>
                </li>
            }
        });
        html! {
            <div class="notes-problem notes-set-aside">
                <p>{ format!("{} that could not be read {} kept aside in this browser, never written over:", strings::count(kept.len(), "stored notebook", "stored notebooks"), if kept.len() == 1 { "is" } else { "are" }) }</p>
                <ul>{ for items }</ul>
            </div>
        }
    });
    // Always an element, even when empty: an empty component beside a view that comes and goes
    // trips Yew's placement of the nodes after it.
    html! { <div class="notes-problems">{ unsaved }{ unreadable }{ kept }</div> }
}

#[derive(Properties, PartialEq)]
pub struct PassageNotesProps {
    pub doc: AttrValue,
    pub passage: AttrValue,
}

/// The notes on one passage, and a form to add one.
#[component]
pub fn PassageNotes(props: &PassageNotesProps) -> Html {
    let notes = use_notes();
    let draft = use_state(String::new);
    let error = use_state(|| None::<String>);
    let mine: Vec<Note> = notes
        .book
        .on_passage(&props.doc, &props.passage)
        .into_iter()
        .cloned()
        .collect();
    let here = format!(".passage-notes[data-passage=\"{}\"]", props.passage);
    let list = mine.iter().enumerate().map(|(i, n)| {
        let then = dom::after_removal(
            &format!("{here} ul.notes"),
            i,
            mine.len(),
            &format!("{here} .note-add > summary"),
        );
        let remove = remove_note(&notes, &n.id, then);
        html! {
            <li key={n.id.clone()} class="note">
                <p class="note-text">{ &n.text }</p>
                <button type="button" onclick={remove} aria-label={format!("Delete the note on {}", crate::passage::name(&props.passage))}>{ "Delete" }</button>
            </li>
        }
    });
    let oninput = crate::dom::typed_into(&draft);
    let onsubmit = {
        let (notes, draft, error) = (notes.clone(), draft.clone(), error.clone());
        let (doc, passage) = (props.doc.to_string(), props.passage.to_string());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut book = (*notes.book).clone();
            match book.add(&doc, &passage, &draft, dom::now_ms(), dom::random_u32()) {
                Ok(_) => {
                    notes.dispatch(NotesAction::Set(book));
                    draft.set(String::new());
                    error.set(None);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        })
    };
    // The form is made only once "Add a note" is opened: a long document has thousands of
    // passages, and a form under each, hidden, kept its reader from showing for seconds.
    let form = {
        let (draft, error) = (draft.clone(), error.clone());
        let passage = props.passage.clone();
        Callback::from(move |()| {
            let id = format!("note-{passage}");
            html! {
                <form onsubmit={onsubmit.clone()}>
                    <label for={id.clone()}>{ format!("Your note on {}", crate::passage::name(&passage)) }</label>
                    <textarea id={id} rows="3" maxlength="2000" value={(*draft).clone()} oninput={oninput.clone()} />
                    if let Some(message) = &*error {
                        <p class="error" role="alert">{ message }</p>
                    }
                    <button type="submit">{ "Save note" }</button>
                </form>
            }
        })
    };
    let add = if mine.is_empty() {
        "Add a note"
    } else {
        "Add another note"
    };
    html! {
        <div class="passage-notes" data-passage={props.passage.clone()}>
            if !mine.is_empty() {
                <ul class="notes" aria-label={format!("Your notes on {}", crate::passage::name(&props.passage))}>{ for list }</ul>
            }
            <LazyDetails class="note-add" summary={html! { { add } }} content={form} />
        </div>
    }
}

/// Reads a picked file as text, then calls `done` with it (or with the browser's error).
fn read_text(file: web_sys::File, done: impl FnOnce(Result<String, String>) + 'static) {
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let fail = done.clone();
    let ok = Closure::once(move |v: wasm_bindgen::JsValue| {
        if let Some(f) = done.borrow_mut().take() {
            f(v.as_string().ok_or_else(|| "it is not text".to_owned()));
        }
    });
    let err = Closure::once(move |_: wasm_bindgen::JsValue| {
        if let Some(f) = fail.borrow_mut().take() {
            f(Err("the browser could not read it".to_owned()));
        }
    });
    let _ = file.text().then2(&ok, &err);
    ok.forget();
    err.forget();
}

/// The notes view: every note, grouped by source, with export and import.
#[component]
pub fn NotesView() -> Html {
    let ctx = use_ctx();
    let notes = use_notes();
    let message = use_state(|| None::<String>);
    dom::use_title("Your notes — Parallax".to_owned());
    let corpus = &ctx.data.bundle.corpus;
    let mut sorted: Vec<&Note> = notes.book.notes.iter().collect();
    let order = |doc: &str| {
        corpus
            .documents
            .iter()
            .position(|d| d.id == doc)
            .unwrap_or(usize::MAX)
    };
    parallax_core::sort::sort_by(&mut sorted, |a, b| {
        (order(&a.doc), &a.passage, a.created_ms).cmp(&(order(&b.doc), &b.passage, b.created_ms))
    });
    let items = sorted.iter().enumerate().map(|(i, n)| {
        let title = corpus.document(&n.doc).map_or_else(|| format!("{} (not in this library)", n.doc), |d| d.title.clone());
        let href = ctx.read_href(&n.doc, Some(&n.passage));
        let then = dom::after_removal(".notes-list", i, sorted.len(), "#notes-import");
        let remove = remove_note(&notes, &n.id, then);
        html! {
            <li key={n.id.clone()} class="note" data-doc={n.doc.clone()} data-passage={n.passage.clone()}>
                <p class="note-source"><a {href}>{ format!("{title}, {}", crate::passage::name(&n.passage)) }</a></p>
                <p class="note-text">{ &n.text }</p>
                <button type="button" onclick={remove} aria-label={format!("Delete this note on source {}, {}", n.doc, crate::passage::name(&n.passage))}>{ "Delete" }</button>
            </li>
        }
    });
    let export_as = |form: Export| {
        let (notes, ctx) = (notes.clone(), ctx.clone());
        Callback::from(move |_: MouseEvent| {
            export(&notes.book, form, &ctx);
        })
    };
    let onchange = {
        let (notes, ctx, message) = (notes.clone(), ctx.clone(), message.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let name = file.name();
            if file.size() > notes::MAX_INPUT_BYTES as f64 {
                message.set(Some(format!("“{name}” is too large to be a notes file.")));
                return;
            }
            let (notes, ctx, message) = (notes.clone(), ctx.clone(), message.clone());
            read_text(file, move |text| {
                let result = text
                    .map_err(|why| format!("“{name}” could not be read: {why}."))
                    .and_then(|text| {
                        let imported = if text.trim_start().starts_with('{') {
                            notes::from_json(&text).map(|b| b.notes)
                        } else {
                            notes::from_markdown(&text)
                        };
                        imported
                            .and_then(|list| {
                                notes::merge(&notes.book, list, &ctx.data.bundle.corpus)
                            })
                            .map_err(|e| format!("“{name}” was not imported: {e}"))
                    });
                match result {
                    Ok((book, r)) => {
                        notes.dispatch(NotesAction::Set(book));
                        message.set(Some(format!(
                            "Imported “{name}”: {} added, {} updated, {} already here{}.",
                            r.added,
                            r.updated,
                            r.unchanged,
                            if r.kept_both > 0 {
                                format!(
                                    ", {} kept beside a different note with the same id",
                                    r.kept_both
                                )
                            } else {
                                String::new()
                            }
                        )));
                    }
                    Err(why) => message.set(Some(why)),
                }
            });
        })
    };
    let count = notes.book.notes.len();
    html! {
        <section class="notes-view">
            <h1>{ "Your notes" }</h1>
            <p class="lede">{ "Notes stay in this browser. Export them to keep a copy or to move them to another device; importing merges, it never deletes a note." }</p>
            <NotesStorageNotice />
            <p class="help" id="notes-annotations-help">{ "JSON and Markdown files can be imported here again. Web Annotations are the W3C’s standard for notes on web pages, read by annotation tools: each note points to its passage by a link and by the passage’s words and place in the text of this corpus version." }</p>
            <div class="notes-tools" role="group" aria-label="Export and import notes">
                <button type="button" onclick={export_as(Export::Json)} disabled={count == 0}>{ "Export as JSON" }</button>
                <button type="button" onclick={export_as(Export::Markdown)} disabled={count == 0}>{ "Export as Markdown" }</button>
                <button type="button" onclick={export_as(Export::WebAnnotations)} disabled={count == 0}
                    aria-describedby="notes-annotations-help">{ "Export for annotation tools (Web Annotations)" }</button>
                <label for="notes-import">{ "Import notes (JSON or Markdown):" }</label>
                <input id="notes-import" type="file" accept=".json,.md,application/json,text/markdown" {onchange} />
            </div>
            <p class="notes-message" role="status">
                { (*message).clone().unwrap_or_default() }
            </p>
            if count == 0 {
                <p class="empty">{ "No notes yet. Open a source and use “Add a note” under any passage." }</p>
            } else {
                <p>{ strings::count(count, "note", "notes") }</p>
                <ul class="notes-list">{ for items }</ul>
            }
        </section>
    }
}
