//! "Cite this source" on a source's profile and "Cite all sources" in the library: the core's citations (`parallax_core::cite`) downloaded in the format the reader's program reads.

use parallax_core::cite::{reference, Format, Reference};
use parallax_core::export::LinkBase;
use parallax_core::strings::{self, Day};
use yew::prelude::*;

use crate::ctx::{use_ctx, Ctx};
use crate::dom;

/// Today in the reader's own time zone: the day a citation is made.
fn today() -> Option<Day> {
    let now = js_sys::Date::new_0();
    Day::new(
        i64::from(now.get_full_year()),
        now.get_month() + 1,
        now.get_date(),
    )
}

/// References to the documents `ids` (all of them when `None`), in corpus order, made now.
fn references(ctx: &Ctx, ids: Option<&str>) -> Option<Vec<Reference>> {
    let accessed = today()?;
    let base = dom::page_address();
    let pages = dom::pages();
    let at = LinkBase {
        base: &base,
        version: &ctx.data.known.version,
        custom: &[],
        edits: &parallax_core::state::NO_THEME_CHANGES,
        pages: &pages,
    };
    Some(
        ctx.data
            .bundle
            .corpus
            .documents
            .iter()
            .filter(|d| ids.is_none_or(|id| d.id == id))
            .map(|d| reference(d, &at, accessed))
            .collect(),
    )
}

#[derive(Properties, PartialEq)]
struct ButtonsProps {
    /// The one source to cite, or every source when `None`.
    doc: Option<AttrValue>,
    /// File names are this and the format's extension.
    stem: AttrValue,
    /// What the group of buttons does, for screen readers.
    label: AttrValue,
}

/// One button per format; each downloads the citation made at the moment it is pressed.
#[component]
fn CiteButtons(props: &ButtonsProps) -> Html {
    let ctx = use_ctx();
    let status = use_state_eq(|| None::<(bool, String)>);
    let buttons = Format::ALL.iter().map(|&format| {
        let (ctx, status) = (ctx.clone(), status.clone());
        let (doc, stem) = (props.doc.clone(), props.stem.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            let name = format!("{stem}.{}", format.extension());
            let done = references(&ctx, doc.as_deref())
                .is_some_and(|refs| dom::download(&name, format.mime(), &format.write(&refs)));
            status.set(Some(if done {
                (true, format!("Downloaded “{name}”."))
            } else {
                (false, "The browser did not allow the download.".to_owned())
            }));
        });
        html! {
            <button type="button" data-format={format.id()} {onclick}>{ format.label() }</button>
        }
    });
    html! {
        <>
            <div class="cite-buttons" role="group" aria-label={props.label.clone()}>{ for buttons }</div>
            <p class="cite-status" role="status">
                if let Some((ok, message)) = &*status {
                    <span class={if *ok { "cite-done" } else { "error" }}>{ message }</span>
                }
            </p>
        </>
    }
}

/// What a citation holds, in a reader's words.
const HOLDS: &str = "only what Parallax knows: the title, the author (from a “By” line), the website and the date of publication when the page gives them, today’s date, and a link to the page in Parallax.";

#[derive(Properties, PartialEq)]
pub struct CiteSourceProps {
    pub doc: AttrValue,
}

/// "Cite this source", for the source profile.
#[component]
pub fn CiteSource(props: &CiteSourceProps) -> Html {
    html! {
        <section class="cite" aria-labelledby="cite-h">
            <h2 id="cite-h">{ "Cite this source" }</h2>
            <p class="help">{ format!("Download a reference to this page for your reference manager or bibliography. It holds {HOLDS}") }</p>
            <CiteButtons doc={Some(props.doc.clone())} stem={format!("parallax-{}", props.doc)}
                label="Download a citation of this source" />
        </section>
    }
}

/// "Cite all sources", for the library.
#[component]
pub fn CiteAll() -> Html {
    let ctx = use_ctx();
    let n = ctx.data.bundle.corpus.documents.len();
    let which = if n == 1 {
        "the one source".to_owned()
    } else {
        format!("all {} sources", strings::thousands(n as u64))
    };
    html! {
        <section class="cite" aria-labelledby="cite-all-h">
            <h2 id="cite-all-h">{ "Cite all sources" }</h2>
            <p class="help">{ format!("Download references to {}, your own documents included, in one file. Each holds {HOLDS}", which) }</p>
            <CiteButtons doc={None::<AttrValue>} stem="parallax-sources"
                label="Download citations of all sources" />
        </section>
    }
}
