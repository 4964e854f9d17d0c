//! One block that cleaning removed, shown in place with the reason, only when the reader asks;
//! and the one summary of what was removed that the library card, the reader's switch and the
//! source profile all show, so that their numbers always agree.

use parallax_core::strings;
use parallax_core::{Document, RemovalKind};
use yew::prelude::*;

/// Blocks of page furniture removed (author and date lines moved to the header are not counted,
/// as `Document::removed_word_count` does not count their words).
pub fn blocks(doc: &Document) -> usize {
    doc.removed.iter().filter(|r| r.kind.is_junk()).count()
}

/// "120 words removed in 4 blocks", or "nothing removed".
pub fn summary(doc: &Document) -> String {
    match blocks(doc) {
        0 => "nothing removed".to_owned(),
        n => format!(
            "{} removed in {}",
            strings::count(doc.removed_word_count(), "word", "words"),
            strings::count(n, "block", "blocks")
        ),
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub removed: parallax_core::Removed,
}

#[component]
pub fn Removed(props: &Props) -> Html {
    let r = &props.removed;
    let what = if r.kind.is_junk() {
        "Removed: "
    } else {
        "Moved to the header: "
    };
    // An import's page details are a block of `key: value` lines: shown in words.
    let text = match r.kind {
        RemovalKind::PageDetails => parallax_core::front::readable(&r.text),
        _ => r.text.clone(),
    };
    html! {
        <aside class="removed" data-kind={r.kind.id()}>
            <p class="removed-reason">{ what }{ r.kind.label() }</p>
            <p class="removed-text">{ text }</p>
        </aside>
    }
}
