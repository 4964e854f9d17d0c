//! "Share your documents with your class": the reader's own documents she chooses, a title of her own, her themes and, if she wants, a lesson and her notes, downloaded as one collection file (`collection::write`, the same choices giving the same bytes) that any copy of Parallax opens from "Choose files to add" or a drop, or as a copy of the single offline file (this page when it is one, else `parallax.html` served beside this copy) with the collection written into it ("Download as one file": it opens them at start, at the lesson, under her title, with or without the built-in sources). Shown under "Add your own documents" and, for a lesson on her own documents, in the "Make a lesson" drawer.

use std::rc::Rc;

use parallax_core::collection::{self, Collection, Doc};
use parallax_core::export::file_name;
use parallax_core::state::{limit_text, MAX_TITLE_CHARS};
use parallax_core::strings;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::dom;
use crate::notes_ui::use_notes;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// Prefix of the ids of its fields: unique on the page (the library and the drawer may
    /// both show one).
    pub id: AttrValue,
    /// A lesson to offer with the documents: its link (a fragment without `#`), the student
    /// copy.
    #[prop_or_default]
    pub lesson: Option<Rc<str>>,
    /// Open from the start (in the drawer, under the warning that asks for it).
    #[prop_or_default]
    pub open: bool,
}

/// What the reader chose to put in the file.
#[derive(Clone, PartialEq)]
struct Choice {
    title: String,
    /// Her documents left out, by id (all are in at first).
    left_out: Vec<String>,
    lesson: bool,
    themes: bool,
    notes: bool,
    /// The one file without the built-in sources: her documents are its whole corpus.
    only_own: bool,
}

/// The global where the single file's start-up module keeps the page as parsed
/// (`parallax_pack::PAGE_GLOBAL`); absent when the app is served.
const PAGE_GLOBAL: &str = "__parallaxPage";

/// The single file as it was opened, when this page is one (a copy of several megabytes: only
/// when she downloads).
fn own_page() -> Option<String> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &PAGE_GLOBAL.into())
        .ok()?
        .as_string()
}

/// Where a served copy finds its single offline file: beside its index.html, on its own origin
/// (`make bundle` writes it there).
const SINGLE_FILE: &str = "parallax.html";

/// The single offline file to write the collection into: this page when it is one, else the
/// one served beside this copy; or why there is none.
async fn single_page() -> Result<String, String> {
    if let Some(page) = own_page() {
        return Ok(page);
    }
    let none = || {
        format!(
            "This copy of Parallax has no offline file beside it ({SINGLE_FILE}), so it cannot \
             make one. Download the collection file instead: any copy of Parallax opens it."
        )
    };
    let window = web_sys::window().ok_or_else(none)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(SINGLE_FILE))
        .await
        .ok()
        .and_then(|r| r.dyn_into().ok())
        .ok_or_else(none)?;
    if !response.ok() {
        return Err(none());
    }
    let text = JsFuture::from(response.text().map_err(|_| none())?)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(none)?;
    Ok(text)
}

/// The single file `page` with `file` (a collection file's text) as its collection block's
/// text, every `<` written `\u003c` (it appears only inside JSON strings) so that nothing in it
/// can end the block. `None` when the page has no such block.
fn with_collection(page: &str, file: &str) -> Option<String> {
    let open = format!(
        "<script type=\"application/json\" id=\"{}\">",
        crate::data::COLLECTION_BLOCK_ID
    );
    let start = page.find(&open)? + open.len();
    let end = start + page[start..].find("</script>")?;
    Some(format!(
        "{}{}{}",
        &page[..start],
        file.trim_end().replace('<', "\\u003c"),
        &page[end..]
    ))
}

#[component]
pub fn ShareCollection(props: &ShareProps) -> Html {
    let ctx = use_ctx();
    let notes = use_notes();
    let choice = use_state_eq(|| Choice {
        title: String::new(),
        left_out: Vec::new(),
        lesson: true,
        themes: true,
        notes: false,
        only_own: false,
    });
    let status = use_state_eq(String::new);
    let entries = ctx.data.own_entries.clone();
    let id = props.id.to_string();
    if entries.is_empty() {
        return Html::default();
    }
    let docs = ctx.data.own_documents();
    let chosen = |c: &Choice, doc: &str| !c.left_out.iter().any(|l| l == doc);
    let own_notes = |c: &Choice| -> Vec<parallax_core::notes::Note> {
        notes
            .book
            .notes
            .iter()
            .filter(|n| !ctx.data.is_own(&n.doc) || chosen(c, &n.doc))
            .cloned()
            .collect()
    };
    let note_count = own_notes(&choice).len();
    let set = |f: fn(&mut Choice, bool)| {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                let mut c = (*choice).clone();
                f(&mut c, i.checked());
                choice.set(c);
            }
        })
    };
    let on_title = {
        let choice = choice.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(title) = dom::typed(&e) {
                let mut c = (*choice).clone();
                c.title = title;
                choice.set(c);
            }
        })
    };
    let toggle_doc = |doc: String| {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                let mut c = (*choice).clone();
                c.left_out.retain(|l| *l != doc);
                if !i.checked() {
                    c.left_out.push(doc.clone());
                }
                choice.set(c);
            }
        })
    };
    let count = entries.iter().filter(|e| chosen(&choice, &e.id)).count();
    let builtin = ctx.data.bundle.corpus.documents.len() - entries.len();
    let download = |one_file: bool| {
        let (choice, status, entries) = (choice.clone(), status.clone(), entries.clone());
        let (ctx, lesson) = (ctx.clone(), props.lesson.clone());
        let notes = own_notes(&choice);
        Callback::from(move |_: MouseEvent| {
            let c = &*choice;
            let title = limit_text(c.title.trim(), MAX_TITLE_CHARS).0;
            let file = Collection {
                title: title.clone(),
                corpus: ctx.data.known.version.clone(),
                documents: entries
                    .iter()
                    .filter(|e| chosen(c, &e.id))
                    .map(|e| Doc {
                        id: e.id.clone(),
                        name: e.name.clone(),
                        text: e.text.clone(),
                    })
                    .collect(),
                themes: if c.themes {
                    ctx.state.custom.clone()
                } else {
                    Vec::new()
                },
                lesson: lesson.as_ref().filter(|_| c.lesson).map(|l| l.to_string()),
                notes: if c.notes { notes.clone() } else { Vec::new() },
                only_own: one_file && c.only_own,
            };
            let text = collection::write(&file);
            let docs = strings::count(file.documents.len(), "document", "documents");
            let save = {
                let status = status.clone();
                move |name: String, mime: &str, text: String| {
                    status.set(if dom::download(&name, mime, &text) {
                        format!(
                            "Downloaded “{name}” ({docs}, {}).",
                            strings::size(text.len() as u64)
                        )
                    } else {
                        "The browser refused the download.".into()
                    })
                }
            };
            if !one_file {
                let name = file_name(
                    &["collection", &title],
                    &dom::today(),
                    collection::EXTENSION,
                );
                save(name, "application/json", text);
                return;
            }
            status.set("Making the file…".into());
            let status = status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match single_page().await {
                    Ok(page) => match with_collection(&page, &text) {
                        Some(html) => save(
                            file_name(&[&title], &dom::today(), "html"),
                            "text/html",
                            html,
                        ),
                        None => status.set(
                            "This page has no place for documents: it was not made by \
                             Parallax's packer."
                                .into(),
                        ),
                    },
                    Err(why) => status.set(why),
                }
            });
        })
    };
    let field = |suffix: &str| format!("{id}-{suffix}");
    html! {
        <details class="collection-share" id={id.clone()} open={props.open}>
            <summary>{ "Share your documents with your class" }</summary>
            <p class="collection-help">
                { "Other copies of Parallax (your students') do not have the documents you added. Download them as one collection file and give it to your class: they open it with “Choose files to add” in the library, or drop it on the page, and the documents are added to theirs." }
            </p>
            <fieldset class="collection-docs-choice">
                <legend>{ "Documents in the file" }</legend>
                { for entries.iter().map(|e| {
                    let title = docs.iter().find(|d| d.id == e.id).map_or(e.name.as_str(), |d| d.title.as_str());
                    let input = field(&format!("doc-{}", e.id));
                    html! {
                        <div class="collection-check">
                            <input type="checkbox" id={input.clone()} checked={chosen(&choice, &e.id)} onchange={toggle_doc(e.id.clone())} />
                            <label for={input}>{ title }</label>
                        </div>
                    }
                }) }
            </fieldset>
            <div class="lesson-field">
                <label for={field("title")}>{ "Title of the collection" }</label>
                <input id={field("title")} type="text" maxlength="80" value={choice.title.clone()} oninput={on_title} />
            </div>
            if props.lesson.is_some() {
                <div class="collection-check">
                    <input type="checkbox" id={field("lesson")} checked={choice.lesson} onchange={set(|c, on| c.lesson = on)} />
                    <label for={field("lesson")}>{ "With the lesson (the student copy, without the answers)" }</label>
                </div>
            }
            if !ctx.state.custom.is_empty() {
                <div class="collection-check">
                    <input type="checkbox" id={field("themes")} checked={choice.themes} onchange={set(|c, on| c.themes = on)} />
                    <label for={field("themes")}>{ format!("With your themes ({})", ctx.state.custom.len()) }</label>
                </div>
            }
            if note_count > 0 {
                <div class="collection-check">
                    <input type="checkbox" id={field("notes")} checked={choice.notes} onchange={set(|c, on| c.notes = on)} />
                    <label for={field("notes")}>{ format!("With your notes ({note_count})") }</label>
                </div>
            }
            <button type="button" class="collection-download" onclick={download(false)} disabled={count == 0}>
                { "Download the collection file" }
            </button>
            { " " }
            <button type="button" class="collection-one-file" onclick={download(true)} disabled={count == 0}>
                { "Download as one file" }
            </button>
            <div class="collection-check">
                <input type="checkbox" id={field("builtin")} checked={!choice.only_own} onchange={set(|c, on| c.only_own = !on)} />
                <label for={field("builtin")}>{ format!("In the one file, also the built-in sources ({})", builtin) }</label>
            </div>
            <p class="collection-hint">{ "One file: Parallax itself, with these documents in it and the title above as the title of its library. Your students open it by double click, with no network, and it opens at the lesson." }</p>
            <p class="collection-status" role="status">{ (*status).clone() }</p>
        </details>
    }
}
