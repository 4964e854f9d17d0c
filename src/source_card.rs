//! One source in the library: its number, its title as a link to the reader, its metadata, how
//! much of the page the cleaning kept and removed (the same numbers as the reader's switch), and a
//! link to its profile. The reader's own documents are marked as theirs and have a Remove button.

use parallax_core::state::{Source, View};
use parallax_core::strings;
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::doc_meta::DocMeta;
use crate::dom;
use crate::own_docs::OwnAction;

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
    let href = ctx.read_href(&doc.id, None);
    let own = ctx.data.is_own(&doc.id);
    let remove = own.then(|| {
        let change_own = ctx.data.change_own.clone();
        let id = doc.id.clone();
        Callback::from(move |_: MouseEvent| {
            change_own.emit(OwnAction::Remove(id.clone()));
            // The card is gone: focus goes to the message that can put it back.
            dom::focus_after_paint(".own-removed button".into());
        })
    });
    let words = doc.word_count();
    let removed = doc.removed_summary();
    let profile = ctx.href(&ctx.with_view(View::Source(Source {
        doc: doc.id.clone(),
    })));
    html! {
        <li class="source-card" data-doc={doc.id.clone()}>
            if !own {
                <p class="source-number">{ format!("Source {}", doc.id) }</p>
            }
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
                modified={doc.modified.clone()}
                kind={doc.kind.clone().map(AttrValue::from)}
                site={doc.site.clone().map(AttrValue::from)}
            />
            <p class="counts">
                <span class="word-count">{ strings::count(words, "word", "words") }</span>
                { " · " }
                <span class="removed-count">{ removed }</span>
            </p>
            <p class="profile-link">
                <a href={profile} aria-label={format!("About this source: signals, what was removed — {}", doc.title)}>
                    { "About this source: signals, what was removed" }
                </a>
            </p>
            if let Some(onclick) = remove {
                <button type="button" class="own-remove" {onclick} aria-label={format!("Remove “{}” from your documents", doc.title)}>{ "Remove" }</button>
            }
        </li>
    }
}
