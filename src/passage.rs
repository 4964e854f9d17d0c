//! One passage of cleaned text: its sentences as text (other languages marked with `lang`), or a table row's cells, what it is when not a paragraph, its
//! permalink, and the highlight when the route targets it.

use parallax_core::{markers, Lang, PassageKind};
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
    // The text between sentences (spaces) is kept as it is; slices use `get` so that an
    // inconsistent offset drops a piece of text instead of panicking.
    let mut pieces: Vec<Html> = Vec::with_capacity(p.sentences.len() * 2 + 1);
    let mut at = 0;
    for s in &p.sentences {
        let (start, end) = (s.start as usize, s.end as usize);
        let gap = p.text.get(at..start).unwrap_or_default();
        if !gap.is_empty() {
            pieces.push(html! { { gap.to_owned() } });
        }
        let text = p.text.get(start..end).unwrap_or_default().to_owned();
        pieces.push(if s.lang == Lang::En {
            html! { { text } }
        } else {
            html! { <span lang={s.lang.code()}>{ text }</span> }
        });
        at = at.max(end);
    }
    let tail = p.text.get(at..).unwrap_or_default();
    if !tail.is_empty() {
        pieces.push(html! { { tail.to_owned() } });
    }
    // A table row shows its cells side by side, the bar between them said but not shown; a
    // caption or a pull quote says what it is.
    if p.kind == PassageKind::TableRow {
        let lang = p
            .sentences
            .first()
            .map(|s| s.lang)
            .filter(|&l| l != Lang::En);
        let cells: Vec<&str> = p.text.split(markers::CELL).collect();
        let last = cells.len() - 1;
        pieces = cells
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
            .collect();
    }
    let label = match p.kind {
        PassageKind::Caption => Some("Caption: "),
        PassageKind::PullQuote => Some("Pull quote: "),
        _ => None,
    };
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
