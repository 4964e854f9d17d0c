//! Entry point of the Parallax web app: mounts `App` into the page body (in the import's worker, which runs the same program, nothing).

mod app;
mod cite_ui;
mod collection_ui;
mod compare;
mod ctx;
mod custom_themes;
mod data;
mod doc_meta;
mod dom;
mod explore;
mod export_buttons;
mod handout;
mod import_ui;
mod import_worker;
mod lazy_details;
mod lesson;
mod library;
mod load_error;
mod map;
mod methods;
mod missing;
mod not_found;
mod notes_ui;
mod notices;
mod open_link;
mod overview;
mod own_docs;
mod page_drop;
mod paged;
mod passage;
mod qr;
mod reader;
mod removed;
mod route;
mod source;
mod source_card;
mod start_here;
mod storage;
mod text_decoder;
mod theme_changes;
mod word_diff;

fn main() {
    // In the import's worker (`import_worker`), which runs this same program, there is no page.
    if web_sys::window().is_none() {
        return;
    }
    yew::Renderer::<app::App>::new().render();
}
