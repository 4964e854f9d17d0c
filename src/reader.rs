//! The reader view (`#/read/<doc>[/<passage>]`): one source's cleaned text in sections, the switch
//! that shows removed blocks in place (with the library card's count), a link to its profile, the reader's notes under each passage, and scrolling to and
//! focusing a passage named in the route.

use parallax_core::layout::{groups, reading_order, Group, Item};
use parallax_core::state::{Read, Source, View};
use parallax_core::PassageKind;
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::doc_meta::DocMeta;
use crate::dom;
use crate::notes_ui::PassageNotes;
use crate::paged::{use_paged, PAGE};
use crate::passage::Passage;
use crate::removed::Removed;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The reader's settings from the link: a document that exists in the bundle (the app checks
    /// before rendering a reader), the passage to scroll to and focus, removed blocks shown.
    pub view: Read,
}

#[component]
pub fn Reader(props: &Props) -> Html {
    let ctx = use_ctx();
    let read = &props.view;
    let show_removed = read.show_removed;
    let doc = ctx.data.bundle.corpus.document(&read.doc);
    // A page of headings can make thousands of sections: they are shown a page at a time, and
    // always through the section of the passage the link names.
    let paged = use_paged();
    dom::use_title(match doc {
        Some(doc) => format!("{} — Parallax", doc.title),
        None => "Parallax".to_owned(),
    });
    // Runs after the passages are in the DOM, and again only when the route changes: toggling
    // the switch must not steal focus from it.
    use_effect_with((read.doc.clone(), read.passage.clone()), |(_, passage)| {
        if let Some(passage) = passage {
            // In a lesson, the passage lands below the lesson bar, which stays at the top.
            crate::lesson::fit_under_bar();
            dom::reveal(&format!("passage-{passage}"));
        }
    });
    let Some(doc) = doc else {
        return Html::default();
    };

    let toggle = {
        let ctx = ctx.clone();
        let read = read.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                // The switch is part of the view: the link keeps it, without a new Back step.
                ctx.replace(ctx.with_view(View::Read(Read {
                    show_removed: input.checked(),
                    ..read.clone()
                })));
            }
        })
    };
    let doc_id = AttrValue::from(doc.id.clone());
    let profile = ctx.href(&ctx.with_view(View::Source(Source {
        doc: doc.id.clone(),
    })));
    let order = reading_order(doc);
    let total = order.len();
    let target = read
        .passage
        .as_deref()
        .and_then(|p| doc.passage(p))
        .map_or(0, |p| p.section as usize + 1);
    let shown = paged.shown().max(target.div_ceil(PAGE) * PAGE);
    let sections = order.into_iter().take(shown).map(|view| {
        let block = |p: &parallax_core::Passage| {
            html! {
                <>
                    <Passage
                        doc={doc_id.clone()}
                        passage={p.clone()}
                        target={read.passage.as_deref() == Some(p.id.as_str())}
                    />
                    <PassageNotes doc={doc_id.clone()} passage={AttrValue::from(p.id.clone())} />
                </>
            }
        };
        let shown = view
            .items
            .into_iter()
            .filter(|item| show_removed || matches!(item, Item::Passage(_)));
        // A list's items and a table's rows are shown together, as on the page.
        let items = groups(shown).into_iter().map(|group| match group {
            Group::List(ps) => html! {
                <ul class="passage-list" key={format!("list-{}", ps[0].id)}>
                    { for ps.iter().map(|p| html! { <li class="passage-block" key={p.id.clone()}>{ block(p) }</li> }) }
                </ul>
            },
            Group::Table(ps) => html! {
                <div class="passage-table" key={format!("table-{}", ps[0].id)}>
                    { for ps.iter().map(|p| html! { <div class="passage-block" key={p.id.clone()}>{ block(p) }</div> }) }
                </div>
            },
            Group::One(Item::Passage(p)) => {
                let inner = html! { <div class="passage-block" key={p.id.clone()}>{ block(p) }</div> };
                match p.kind {
                    PassageKind::Quote => {
                        html! { <blockquote class="passage-quote" key={p.id.clone()}>{ inner }</blockquote> }
                    }
                    PassageKind::PullQuote => html! {
                        <aside class="pull-quote" aria-label="Pull quote" key={p.id.clone()}>{ inner }</aside>
                    },
                    _ => inner,
                }
            }
            Group::One(Item::Removed(r)) => html! {
                <Removed key={format!("removed-{}", r.start)} removed={r.clone()} />
            },
        });
        html! {
            <section key={view.section.id.clone()} data-section={view.section.id.clone()}>
                if let Some(heading) = &view.section.heading {
                    <h2>{ heading }</h2>
                }
                { for items }
            </section>
        }
    });

    html! {
        <article class="reader" data-doc={doc.id.clone()}>
            <p class="back"><a href={ctx.href(&ctx.with_view(View::Library))}>{ "← All sources" }</a></p>
            <header class="reader-header">
                if ctx.data.is_own(&doc.id) {
                    <p class="source-number"><span class="own-badge">{ "Your document" }</span></p>
                } else {
                    <p class="source-number">{ format!("Source {}", doc.id) }</p>
                }
                <h1>{ &doc.title }</h1>
                <DocMeta
                    byline={doc.byline.clone()}
                    date={doc.date.clone()}
                    modified={doc.modified.clone()}
                    kind={doc.kind.clone().map(AttrValue::from)}
                    site={doc.site.clone().map(AttrValue::from)}
                />
                <p class="removed-switch">
                    <input
                        type="checkbox"
                        role="switch"
                        id="show-removed"
                        checked={show_removed}
                        onchange={toggle}
                    />
                    <label for="show-removed">
                        { "Show removed text (" }<span class="removed-count">{ doc.removed_summary() }</span>{ ")" }
                    </label>
                </p>
                <p class="profile-link">
                    <a href={profile}>{ "About this source: signals, what was removed" }</a>
                </p>
            </header>
            { for sections }
            { paged.more_after(shown, total, ("section", "sections")) }
        </article>
    }
}
