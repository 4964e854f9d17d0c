//! "Add your own documents", in the library: a file input (the keyboard path), and files dropped
//! anywhere on the page (`page_drop`). Files are read in the browser (never fetched), their size
//! checked before reading, and imported one by one through the store of own documents (`OwnAction::Import`), each against the library
//! including the files of the batch before it, with a pause between files for the page to paint
//! the progress and answer the reader. Each file gets its own outcome: imported, with what the
//! import changed, or refused, with the core's message naming it; shown in the library, or at
//! the top of the view where files were dropped. A collection file (`collection::is_collection`)
//! picked or dropped the same way is opened (`OwnAction::OpenCollection`): its documents added,
//! its notes merged into the reader's, and its lesson and themes offered as links; or refused
//! whole with the core's message. Storage notices and putting back a removed document are shown
//! here too. Everything is rendered as text.

use parallax_core::strings;
use std::collections::VecDeque;
use std::rc::Rc;

use parallax_core::collection::{self, CollectionError, Opened};
use parallax_core::import::{check_size, display_name, ImportError, Imported};
use parallax_core::notes;
use parallax_core::state::View;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileList, HtmlInputElement};
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::dom;
use crate::import_worker;
use crate::notes_ui::{use_notes, NotesAction};
use crate::own_docs::{LoadProblem, OwnAction};
use crate::storage::StorageError;

/// What became of one file.
#[derive(Clone, PartialEq)]
enum Outcome {
    Imported {
        file: String,
        id: String,
        title: String,
        /// Format and encoding, as read.
        how: String,
        /// What the import changed (`Imported::notes`), as sentences.
        notes: Vec<String>,
    },
    /// A collection file opened: what became of each of its documents, and links to its
    /// lesson and to its themes.
    Opened {
        file: String,
        title: String,
        summary: String,
        docs: Vec<DocLine>,
        lesson: Option<String>,
        themes: Option<String>,
    },
    Refused {
        file: String,
        /// `ImportError::id`, or `unreadable` when the browser could not read the file.
        kind: &'static str,
        message: String,
    },
}

/// One document of an opened collection: `added`, `here` (its text was already in the library)
/// or `refused`; the document's id here, and its title or why it was refused.
#[derive(Clone, PartialEq)]
struct DocLine {
    kind: &'static str,
    id: Option<String>,
    text: String,
}

/// The files of the current batch: the outcomes so far, and the file being imported (its name,
/// its number from 1, how many files the batch has, and its size in bytes).
#[derive(Clone, PartialEq, Default)]
struct Batch {
    /// Counts the batches of this visit (shown as `data-batch`, for tests).
    number: u32,
    outcomes: Vec<Outcome>,
    progress: Option<(String, usize, usize, u64)>,
    /// Files dropped on a view other than the library: the outcomes are shown there, until
    /// closed.
    outside: bool,
}

/// The files of a `FileList`, in order.
fn files_of(list: &FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The bytes of a file, or the browser's reason for not giving them.
async fn read(file: &File) -> Result<Vec<u8>, String> {
    match JsFuture::from(file.array_buffer()).await {
        Ok(buffer) => Ok(js_sys::Uint8Array::new(&buffer).to_vec()),
        Err(e) => Err(e
            .dyn_ref::<web_sys::DomException>()
            .map(|d| d.name())
            .unwrap_or_else(|| "unknown error".into())),
    }
}

/// The worker stopped on the file: a bug of the import, said as such; nothing was changed.
fn stopped(name: &str, why: &str) -> Outcome {
    let file = display_name(name);
    Outcome::Refused {
        message: format!(
            "“{file}” could not be imported: the import stopped on it ({why}). Nothing was \
             changed; your documents are as they were."
        ),
        file,
        kind: "stopped",
    }
}

fn refused(e: &ImportError) -> Outcome {
    Outcome::Refused {
        file: e.name().to_owned(),
        kind: e.id(),
        message: e.to_string(),
    }
}

/// Checks the size of one file and reads it: its name and bytes, or why it cannot be imported.
async fn read_file(file: &File) -> Result<(String, Vec<u8>), Outcome> {
    let name = file.name();
    // Sizes of files are whole numbers of bytes.
    let bytes = file.size() as u64;
    if collection::is_collection(&name, b"") {
        if bytes > collection::MAX_BYTES {
            return Err(refused_collection(&name, &CollectionError::TooLarge(bytes)));
        }
    } else {
        check_size(&name, bytes).map_err(|e| refused(&e))?;
    }
    match read(file).await {
        Ok(bytes) => Ok((name, bytes)),
        Err(why) => {
            let file = display_name(&name);
            Err(Outcome::Refused {
                message: format!(
                    "“{file}” could not be read: the browser refused ({why}). It may have been \
                     moved or deleted since it was chosen."
                ),
                file,
                kind: "unreadable",
            })
        }
    }
}

fn refused_collection(name: &str, e: &CollectionError) -> Outcome {
    Outcome::Refused {
        file: display_name(name),
        kind: e.id(),
        message: e.to_string(),
    }
}

/// What became of the collection file `name`, as the store of the reader's documents answered,
/// and of its notes (`notes`: how many were added, or why none were).
fn opened(name: &str, result: Result<Opened, CollectionError>, notes: Option<String>) -> Outcome {
    let o = match result {
        Ok(o) => o,
        Err(e) => return refused_collection(name, &e),
    };
    let here = o.documents.len() - o.added();
    let refused = o
        .documents
        .iter()
        .filter(|d| matches!(d, collection::Outcome::Refused { .. }))
        .count();
    let here = here - refused;
    let mut summary = format!(
        "{} added",
        strings::count(o.added(), "document", "documents")
    );
    if here > 0 {
        summary.push_str(&format!(", {here} already in your library"));
    }
    if refused > 0 {
        summary.push_str(&format!(", {refused} not added"));
    }
    summary.push('.');
    if let Some(n) = notes {
        summary.push(' ');
        summary.push_str(&n);
    }
    if o.notes_left_out > 0 {
        summary.push_str(&format!(
            " {} on documents not added were left out.",
            strings::count(o.notes_left_out, "note", "notes")
        ));
    }
    let docs = o
        .documents
        .iter()
        .map(|d| match d {
            collection::Outcome::Added { id, title, .. } => DocLine {
                kind: "added",
                id: Some(id.clone()),
                text: title.clone(),
            },
            collection::Outcome::AlreadyHere { id, title, .. } => DocLine {
                kind: "here",
                id: Some(id.clone()),
                text: title.clone(),
            },
            collection::Outcome::Refused { error, .. } => DocLine {
                kind: "refused",
                id: None,
                text: error.to_string(),
            },
        })
        .collect();
    Outcome::Opened {
        file: display_name(name),
        title: o.title,
        summary,
        docs,
        lesson: o.lesson.map(|(link, _)| link),
        themes: o.themes,
    }
}

/// What became of the file `name`, as the store of the reader's documents answered.
fn outcome(name: &str, result: Result<Imported, ImportError>) -> Outcome {
    match result {
        Ok(i) => Outcome::Imported {
            file: display_name(name),
            id: i.document.id.clone(),
            title: i.document.title.clone(),
            how: format!("{}, {}", i.format.label(), i.encoding.label()),
            notes: i.notes.iter().map(ToString::to_string).collect(),
        },
        Err(e) => refused(&e),
    }
}

/// The import of files, one for the page: the batch shown, the file being imported and the
/// files after it. Held with `use_reducer` (`ImportAction`); the provider's effect imports the
/// current file each time one starts, and reports its outcome back as an action.
#[derive(Clone, Default)]
struct Imports {
    batch: Rc<Batch>,
    current: Option<File>,
    waiting: VecDeque<File>,
    /// Counts the files started, so that the effect imports each exactly once.
    started: u64,
}

/// What changes the page's import of files.
enum ImportAction {
    /// Files picked or dropped; `true` when dropped on a view other than the library, which
    /// then shows the outcomes. A new batch starts unless one is running; else they join it.
    Add(Vec<File>, bool),
    /// The current file's outcome: the next file starts, or the batch ends.
    Done(Outcome),
    /// Hides the outcomes shown outside the library (they stay in the library's list), also
    /// for the rest of a batch still running.
    Close,
}

impl Imports {
    /// Starts the next waiting file, with its progress shown, or ends the batch.
    fn advance(&mut self, batch: &mut Batch) {
        self.current = self.waiting.pop_front();
        batch.progress = self.current.as_ref().map(|file| {
            let done = batch.outcomes.len();
            (
                display_name(&file.name()),
                done + 1,
                done + 1 + self.waiting.len(),
                // Sizes of files are whole numbers of bytes.
                file.size() as u64,
            )
        });
        if self.current.is_some() {
            self.started += 1;
        }
    }
}

impl Reducible for Imports {
    type Action = ImportAction;

    fn reduce(self: Rc<Self>, action: ImportAction) -> Rc<Self> {
        let mut next = (*self).clone();
        let mut batch = (*self.batch).clone();
        match action {
            ImportAction::Add(files, _) if files.is_empty() => return self,
            ImportAction::Add(files, outside) => {
                next.waiting.extend(files);
                batch.outside = outside;
                if next.current.is_none() {
                    batch.number += 1;
                    batch.outcomes.clear();
                    next.advance(&mut batch);
                }
            }
            ImportAction::Done(outcome) => {
                batch.outcomes.push(outcome);
                next.advance(&mut batch);
            }
            ImportAction::Close => batch.outside = false,
        }
        next.batch = Rc::new(batch);
        Rc::new(next)
    }
}

/// The page's import of files, as the views use it: the batch as of this render, and the way to
/// change it.
#[derive(Clone, PartialEq)]
pub struct Importer {
    batch: Rc<Batch>,
    dispatcher: UseReducerDispatcher<Imports>,
}

impl Importer {
    /// Imports `files` into the reader's documents; `outside` when they were dropped on a view
    /// other than the library, which then shows the outcomes.
    pub fn start(&self, files: Vec<File>, outside: bool) {
        self.dispatcher.dispatch(ImportAction::Add(files, outside));
    }

    /// Hides the outcomes shown outside the library (they stay in the library's list).
    fn close(&self) {
        self.dispatcher.dispatch(ImportAction::Close);
    }

    fn batch(&self) -> &Batch {
        &self.batch
    }
}

#[derive(Properties, PartialEq)]
pub struct ProviderProps {
    pub children: Html,
}

/// Provides the page's `Importer` to everything inside it, and imports each file as it starts:
/// after a pause for the page to paint its progress, read and cleaned in the import's worker
/// (`import_worker`), then added through the store of the reader's documents
/// (`OwnAction::Import`).
#[component]
pub fn ImportProvider(props: &ProviderProps) -> Html {
    let imports = use_reducer(Imports::default);
    let ctx = use_ctx();
    let own = ctx.data.change_own.clone();
    let notes = use_notes();
    {
        let current = imports.current.clone();
        let dispatcher = imports.dispatcher();
        // The batch is done: the worker goes, with the memory a large file made it take.
        use_effect_with(current.is_none(), |idle| {
            if *idle {
                import_worker::release();
            }
        });
        // The library's next id as this render sees it (after the batch's files before this
        // one): the one the file is prepared under, made again if another tab takes it.
        let id = ctx.data.next_own_id.clone();
        use_effect_with(imports.started, move |_| {
            if let Some(file) = current {
                wasm_bindgen_futures::spawn_local(async move {
                    dom::painted().await;
                    match read_file(&file).await {
                        Ok((name, bytes)) if collection::is_collection(&name, &bytes) => {
                            own.emit(OwnAction::OpenCollection(
                                bytes,
                                Callback::from(move |result: Result<Opened, CollectionError>| {
                                    let added = result
                                        .as_ref()
                                        .ok()
                                        .filter(|o| !o.notes.is_empty())
                                        .map(|o| add_notes(&notes, o, &ctx));
                                    dispatcher
                                        .dispatch(ImportAction::Done(opened(&name, result, added)))
                                }),
                            ))
                        }
                        // Read and cleaned in the worker (`import_worker`), then added to the
                        // library here: what needs the library is all the page's thread does.
                        Ok((name, bytes)) => {
                            match import_worker::prepare_file(&name, bytes, &id).await {
                                Ok(Ok(prepared)) => {
                                    // Reading the worker's answer and adding the document to
                                    // the library are two tasks, with a paint between.
                                    dom::painted().await;
                                    own.emit(OwnAction::Import(
                                        Box::new(prepared),
                                        Callback::from(move |result| {
                                            dispatcher.dispatch(ImportAction::Done(outcome(
                                                &name, result,
                                            )))
                                        }),
                                    ))
                                }
                                Ok(Err(e)) => dispatcher.dispatch(ImportAction::Done(refused(&e))),
                                Err(why) => {
                                    dispatcher.dispatch(ImportAction::Done(stopped(&name, &why)))
                                }
                            }
                        }
                        Err(refused) => dispatcher.dispatch(ImportAction::Done(refused)),
                    }
                });
            }
        });
    }
    html! {
        <ContextProvider<Importer> context={Importer { batch: imports.batch.clone(), dispatcher: imports.dispatcher() }}>{ props.children.clone() }</ContextProvider<Importer>>
    }
}

/// Merges an opened collection's notes into the reader's (none lost: `notes::merge`); what it
/// did, in a sentence.
fn add_notes(notes: &crate::notes_ui::NotesHandle, o: &Opened, ctx: &crate::ctx::Ctx) -> String {
    match notes::merge(&notes.book, o.notes.clone(), &ctx.data.bundle.corpus) {
        Ok((book, report)) => {
            notes.dispatch(NotesAction::Set(book));
            format!(
                "{} added to your notes.",
                strings::count(report.added + report.updated, "note", "notes")
            )
        }
        Err(e) => format!("Its notes were not added: {e}"),
    }
}

#[hook]
pub fn use_importer() -> Importer {
    use_context::<Importer>().expect("ImportProvider is around every view")
}

fn load_notice(p: &LoadProblem) -> String {
    match p {
        LoadProblem::Unavailable(e) => format!(
            "Your documents cannot be stored: {e}. Documents you add work for this visit only: \
             they are gone once this page is closed or reloaded."
        ),
        LoadProblem::Unreadable {
            why,
            kept_as: Some(key),
            ..
        } => format!(
            "Your documents stored in this browser could not be read ({why}). The stored data is \
             kept unchanged under “{key}” in this browser's storage, and you can download it \
             below. Documents you add from now on are stored as usual."
        ),
        LoadProblem::Unreadable { why, .. } => format!(
            "Your documents stored in this browser could not be read ({why}). The stored data is \
             left unchanged, and you can download it below; documents you add now work for this \
             visit only."
        ),
        LoadProblem::Newer { format } => format!(
            "Your documents were stored by a newer version of Parallax ({format}), which \
             this page cannot read. They are left unchanged; documents you add now work for this \
             visit only."
        ),
    }
}

fn save_notice(e: &StorageError) -> String {
    let hint = if *e == StorageError::Full {
        " Removing some of your documents frees space."
    } else {
        ""
    };
    format!(
        "Your documents could not be saved: {e}. They all work for this visit, but after a \
         reload only those saved earlier will be back.{hint}"
    )
}

#[component]
pub fn ImportDocs() -> Html {
    let ctx = use_ctx();
    let own = ctx.data.own.clone();
    let change_own = ctx.data.change_own.clone();
    let importer = use_importer();
    let download_failed = use_state_eq(|| false);

    let onchange = {
        let importer = importer.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let files = input.files().map(|l| files_of(&l)).unwrap_or_default();
            // Choosing the same file again fires `change` again.
            input.set_value("");
            importer.start(files, false);
        })
    };

    let undo = {
        let change_own = change_own.clone();
        let removed = own.removed_id.clone();
        Callback::from(move |_: MouseEvent| {
            change_own.emit(OwnAction::UndoRemove);
            if let Some(id) = &removed {
                dom::focus_after_paint(format!("li.source-card[data-doc=\"{id}\"] h2 a"));
            }
        })
    };

    // What went wrong with storage at start, and with the last write (when writes are allowed).
    let load_problem = own.load_problem.clone();
    let raw = match &load_problem {
        Some(LoadProblem::Unreadable { raw, .. }) => Some(raw.clone()),
        _ => None,
    };
    let save_problem = own.save_problem.clone().map(|e| {
        let kind = if e == StorageError::Full {
            "full"
        } else {
            "not-saved"
        };
        (kind, save_notice(&e))
    });
    let notices: Vec<(&'static str, String)> = load_problem
        .iter()
        .map(|p| (p.id(), load_notice(p)))
        .chain(save_problem)
        .chain(own.embedded.clone().map(|e| ("embedded", e)))
        .collect();
    let download = {
        let download_failed = download_failed.clone();
        raw.map(|raw| {
            Callback::from(move |_: MouseEvent| {
                download_failed.set(!dom::download(
                    "parallax-documents-unreadable.json",
                    "application/json",
                    &raw,
                ));
            })
        })
    };
    let removed = own.removed_title.clone();
    let b = importer.batch();

    html! {
        <section class="own-docs" aria-labelledby="own-docs-title">
            <h2 id="own-docs-title">{ "Add your own documents" }</h2>
            <p class="own-docs-help">
                { "Text (.txt), Markdown (.md) or saved web pages (.html), up to 5 MB and about 30,000 words of text each, or a collection file (.json) that Parallax made. They are read in this browser, never sent anywhere, and go through the same cleaning and analyses as the sources above. Web pages are read as text, never displayed." }
            </p>
            <div class="drop-zone">
                <label for="own-files">{ "Choose files to add" }</label>
                <input id="own-files" type="file" multiple=true accept=".txt,.md,.html,.htm,.json" {onchange} />
                <p class="drop-hint">{ "or drop them here, or anywhere on the page." }</p>
            </div>
            <div class="own-storage" role="status">
                { for notices.into_iter().map(|(kind, text)| html! {
                    <p class="own-notice" data-problem={kind}>
                        { text }
                        if let Some(onclick) = download.clone().filter(|_| kind == "unreadable") {
                            { " " }
                            <button type="button" {onclick}>{ "Download the stored data" }</button>
                            if *download_failed {
                                { " The browser refused the download." }
                            }
                        }
                    </p>
                }) }
            </div>
            <div class="import-status" role="status" aria-live="polite" data-batch={b.number.to_string()}>
                if let Some(title) = removed {
                    <p class="own-removed">
                        { format!("“{title}” was removed from your documents. ") }
                        <button type="button" onclick={undo} aria-label={format!("Put back “{title}”")}>{ "Put it back" }</button>
                    </p>
                }
                { batch_html(&ctx, b) }
            </div>
            <crate::collection_ui::ShareCollection id="share-library" />
        </section>
    }
}

/// The progress of a batch, then its summary and the outcome of each file.
fn batch_html(ctx: &crate::ctx::Ctx, b: &Batch) -> Html {
    let read_href = |id: &str| ctx.read_href(id, None);
    let ok = b
        .outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Imported { .. } | Outcome::Opened { .. }))
        .count();
    let not = b.outcomes.len() - ok;
    let summary = (b.progress.is_none() && !b.outcomes.is_empty()).then(|| {
        let mut s = format!("{} imported", strings::count(ok, "file", "files"));
        if not > 0 {
            s.push_str(&format!(", {not} not imported"));
        }
        s + "."
    });

    html! {
        <>
                if let Some((file, n, total, bytes)) = &b.progress {
                    <p class="import-progress">{ format!("Importing file {n} of {total}: “{file}” ({})…", strings::size(*bytes)) }</p>
                }
                if let Some(summary) = summary {
                    <p class="import-summary">{ summary }</p>
                }
                if !b.outcomes.is_empty() {
                    <ul class="import-results">
                        { for b.outcomes.iter().map(|o| match o {
                            Outcome::Imported { file, id, title, how, notes } => html! {
                                <li class="import-ok" data-file={file.clone()} data-doc={id.clone()}>
                                    <p>
                                        { format!("Imported: “{file}” as ") }
                                        <a href={read_href(id)}>{ title }</a>
                                        { format!(" ({how}).") }
                                    </p>
                                    if !notes.is_empty() {
                                        <p class="import-notes-title">{ "What the import changed:" }</p>
                                        <ul class="import-notes">
                                            { for notes.iter().map(|n| html! { <li>{ n }</li> }) }
                                        </ul>
                                    }
                                </li>
                            },
                            Outcome::Opened { file, title, summary, docs, lesson, themes } => html! {
                                <li class="import-ok collection-opened" data-file={file.clone()}>
                                    <p>{ format!("Opened the collection “{title}” from “{file}”: {summary}") }</p>
                                    <ul class="collection-docs">
                                        { for docs.iter().map(|d| html! {
                                            <li data-outcome={d.kind} data-doc={d.id.clone()}>
                                                { match d.kind { "added" => "Added: ", "here" => "Already in your library: ", _ => "Not added: " } }
                                                if let Some(id) = &d.id {
                                                    <a href={read_href(id)}>{ &d.text }</a>
                                                } else {
                                                    { &d.text }
                                                }
                                            </li>
                                        }) }
                                    </ul>
                                    if lesson.is_some() || themes.is_some() {
                                        <p class="collection-links">
                                            if let Some(lesson) = lesson {
                                                <a class="collection-lesson" href={lesson.clone()}>{ "Open its lesson" }</a>
                                                { " " }
                                            }
                                            if let Some(themes) = themes {
                                                <a class="collection-themes" href={themes.clone()}>{ "Use its themes" }</a>
                                            }
                                        </p>
                                    }
                                </li>
                            },
                            Outcome::Refused { file, kind, message } => html! {
                                <li class="import-error" data-file={file.clone()} data-kind={*kind}>
                                    { "Not imported: " }{ message }
                                </li>
                            },
                        }) }
                    </ul>
                }
        </>
    }
}

/// Outcomes of files dropped on a view other than the library, at the top of that view, with a
/// way to the library and to close them; nothing otherwise. The live region stays in place.
#[component]
pub fn DroppedFiles() -> Html {
    let ctx = use_ctx();
    let importer = use_importer();
    let b = importer.batch();
    let shown = b.outside && (b.progress.is_some() || !b.outcomes.is_empty());
    let close = {
        let importer = importer.clone();
        Callback::from(move |_: MouseEvent| {
            importer.close();
            // The panel goes with its Close button: focus goes to the view it sat above.
            dom::focus("main");
        })
    };
    let library = ctx.href(&ctx.with_view(View::Library));
    html! {
        // `data-busy` (for tests) rather than `aria-busy`, which would silence the progress
        // lines this live region announces until the batch ends.
        <div class="dropped-files" role="status" aria-live="polite" data-busy={b.progress.is_some().to_string()} data-batch={b.number.to_string()}>
            if shown {
                <section class="dropped-files-panel" aria-label="Dropped files">
                    { batch_html(&ctx, b) }
                    <p>
                        <a href={library}>{ "Your documents in the library" }</a>
                        { " " }
                        <button type="button" class="dropped-close" onclick={close}>{ "Close" }</button>
                    </p>
                </section>
            }
        </div>
    }
}
