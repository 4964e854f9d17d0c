//! One passage of cleaned text: its sentences as text (other languages marked with `lang`), or a table row's cells, what it is when not a paragraph, its
//! permalink, and the highlight when the route targets it.

use parallax_core::{Lang, PassageKind};
use yew::prelude::*;

use crate::ctx::use_ctx;

/// A passage id as readers read it: `p12` is "passage 12" (the core's, shared with exports).
pub use parallax_core::strings::passage_name as name;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Id of the document the passage belongs to, for the permalink.
    pub doc: AttrValue,
    pub passage: parallax_core::Passage,
    /// True when the route names this passage.
    #[prop_or_default]
    pub target: bool,
}

#[component]
pub fn Passage(props: &Props) -> Html {
    let p = &props.passage;
    let ctx = use_ctx();
    let href = ctx.read_href(&props.doc, Some(&p.id));
    // A table row shows its cells side by side, the bar between them said but not shown; any
    // other passage its sentences, those in another language marked with `lang`.
    let pieces: Vec<Html> = if p.kind == PassageKind::TableRow {
        let (cells, lang) = p.cells();
        let last = cells.len() - 1;
        cells
            .into_iter()
            .enumerate()
            .map(|(i, cell)| {
                html! {
                    <>
                        <span class="cell" lang={lang.map(Lang::code)}>{ cell.to_owned() }</span>
                        if i < last { <span class="vh">{ " | " }</span> }
                    </>
                }
            })
            .collect()
    } else {
        p.runs()
            .into_iter()
            .map(|(text, lang)| match lang {
                None => html! { { text.to_owned() } },
                Some(lang) => html! { <span lang={lang.code()}>{ text.to_owned() }</span> },
            })
            .collect()
    };
    // A caption or a pull quote says what it is.
    let label = p.kind.label();
    let class = classes!(
        "passage",
        (p.kind != PassageKind::Paragraph).then(|| format!("passage--{}", p.kind.id())),
        props.target.then_some("passage--target")
    );
    html! {
        <p
            {class}
            id={format!("passage-{}", p.id)}
            data-passage={p.id.clone()}
            data-kind={p.kind.id()}
            tabindex="-1"
            aria-current={props.target.then_some("true")}
        >
            if let Some(label) = label {
                <span class="passage-kind">{ label }</span>
            }
            { for pieces }
            { " " }
            <a class="passage-link" href={href} aria-label={format!("Link to {}", name(&p.id))}>{ "Link" }</a>
        </p>
    }
}
