//! One source in the library: its title as a link to the reader, its metadata, and how much of
//! the page the cleaning kept and removed. The reader's own documents are marked as theirs and
//! have a Remove button.

use parallax_core::state::View;
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::doc_meta::DocMeta;
use crate::dom;
use crate::fmt;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Index into the corpus's documents.
    pub index: usize,
}

#[component]
pub fn SourceCard(props: &Props) -> Html {
    let ctx = use_ctx();
    let Some(doc) = ctx.data.bundle.corpus.documents.get(props.index) else {
        return Html::default();
    };
    let href = ctx.href(&ctx.with_view(View::Read {
        doc: doc.id.clone(),
        passage: None,
        show_removed: false,
    }));
    let own = ctx.data.is_own(&doc.id);
    let remove = own.then(|| {
        let store = ctx.data.own.clone();
        let id = doc.id.clone();
        Callback::from(move |_: MouseEvent| {
            if store.remove(&id).is_some() {
                // The card is gone: focus goes to the message that can put it back.
                dom::focus_after_paint(".own-removed button".into());
            }
        })
    });
    let words = doc.word_count();
    let removed_words = doc.removed_word_count();
    let blocks = doc.removed.iter().filter(|r| r.kind.is_junk()).count();
    let removed = if blocks == 0 {
        "nothing removed".to_owned()
    } else {
        format!(
            "{} removed in {}",
            fmt::count(removed_words, "word", "words"),
            fmt::count(blocks, "block", "blocks")
        )
    };
    html! {
        <li class="source-card" data-doc={doc.id.clone()}>
            <h2><a href={href}>{ &doc.title }</a></h2>
            if own {
                <p class="own-mark">
                    <span class="own-badge">{ "Your document" }</span>
                    { " imported from " }<span class="own-file">{ &doc.file }</span>
                </p>
            }
            <DocMeta
                byline={doc.byline.clone()}
                date={doc.date.clone()}
                kind={doc.kind.clone().map(AttrValue::from)}
                site={doc.site.clone().map(AttrValue::from)}
            />
            <p class="counts">
                <span class="word-count">{ fmt::count(words, "word", "words") }</span>
                { " · " }
                <span class="removed-count">{ removed }</span>
            </p>
            if let Some(onclick) = remove {
                <button type="button" class="own-remove" {onclick} aria-label={format!("Remove “{}” from your documents", doc.title)}>{ "Remove" }</button>
            }
        </li>
    }
}
