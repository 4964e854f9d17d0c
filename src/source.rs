//! The source profile (`#/source/<doc>`): one source's metadata, its quality signals with their
//! evidence, what cleaning removed and why, the entities it names and its themes, with links to
//! read and explore it and its export. Signals, tags and counts come from the core; this file
//! only renders.

use parallax_core::model::RemovalKind;
use parallax_core::signals::Signal;
use parallax_core::state::{Explore, Read, Source, View};
use parallax_core::strings;
use parallax_core::{count_words, Document};
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

use crate::ctx::{use_ctx, Ctx};
use crate::dom;
use crate::export_buttons::{ExportButtons, Exported};
use crate::lazy_details::LazyDetails;

fn explore(ctx: &Ctx, e: Explore) -> String {
    ctx.href(&ctx.with_view(View::Explore(e)))
}

fn read(ctx: &Ctx, doc: &str, passage: Option<&str>, show_removed: bool) -> String {
    ctx.href(&ctx.with_view(View::Read(Read {
        doc: doc.to_owned(),
        passage: passage.map(str::to_owned),
        show_removed,
    })))
}

/// The text with its first letter in capitals ("passage 3" to "Passage 3").
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Characters of context shown on each side of an evidence span.
const CONTEXT: usize = 60;

/// A span of a passage with some words around it: (before, span, after), cut at whole words with
/// an ellipsis. `None` when the offsets do not fall on character boundaries of this text, so a
/// stale offset shows the bare span instead of panicking.
fn in_context(text: &str, start: usize, end: usize) -> Option<(String, String, String)> {
    let (before, span, after) = (text.get(..start)?, text.get(start..end)?, text.get(end..)?);
    let (head, tail) = (
        strings::last_chars(before, CONTEXT),
        strings::first_chars(after, CONTEXT),
    );
    let ellipsis = |cut: &str, whole: &str| if cut.len() < whole.len() { "…" } else { "" };
    Some((
        format!("{}{head}", ellipsis(head, before)),
        span.to_owned(),
        format!("{tail}{}", ellipsis(tail, after)),
    ))
}

#[derive(Properties, PartialEq)]
struct SignalProps {
    doc: AttrValue,
    /// Shared, not copied: its evidence can be long.
    signal: Rc<Signal>,
}

/// The evidence of a signal: each span in its passage's words, with a link to the passage.
fn evidence(ctx: &Ctx, doc: &str, signal: &Signal) -> Html {
    // The passages by id, once: not a search of the document's passages per span.
    let passages: HashMap<&str, &parallax_core::Passage> = ctx
        .data
        .bundle
        .corpus
        .document(doc)
        .map(|d| d.passages.iter().map(|p| (p.id.as_str(), p)).collect())
        .unwrap_or_default();
    let spans = signal.evidence.iter().map(|e| {
        let context = e.passage.as_ref().and_then(|p| {
            let text = &passages.get(p.as_str())?.text;
            in_context(text, e.start as usize, e.end as usize)
        });
        let quote = match context {
            Some((before, span, after)) => html! {
                <q class="evidence-text">{ before }<mark>{ span }</mark>{ after }</q>
            },
            None => html! { <q class="evidence-text">{ &e.text }</q> },
        };
        let place = match &e.passage {
            Some(p) => html! {
                <a class="evidence-place" href={read(ctx, doc, Some(p), false)}
                    data-passage={p.clone()}>{ capitalise(&crate::passage::name(p)) }</a>
            },
            None => html! { <span class="evidence-place">{ "Removed text" }</span> },
        };
        html! {
            <li>
                { place }
                { quote }
            </li>
        }
    });
    html! { <ol>{ for spans }</ol> }
}

/// One quality signal: its label, and its evidence spans in a disclosure, made when it opens (a
/// phrase repeated on every line of a long document has hundreds of thousands).
#[component]
fn SignalItem(props: &SignalProps) -> Html {
    let ctx = use_ctx();
    let s = &props.signal;
    let content = {
        let (ctx, doc, signal) = (ctx.clone(), props.doc.clone(), props.signal.clone());
        Callback::from(move |()| evidence(&ctx, &doc, &signal))
    };
    let summary = html! { { format!("Show the evidence ({})", strings::count(s.evidence.len(), "place", "places")) } };
    html! {
        <li class="signal" data-signal={s.kind.id()}>
            <p class="signal-label">{ &s.label }</p>
            if !s.evidence.is_empty() {
                <LazyDetails class="signal-evidence" {summary} {content} />
            }
        </li>
    }
}

/// The metadata list: who, when, what, where, how long.
fn metadata(doc: &Document) -> Html {
    let byline = match &doc.byline {
        Some(b) => {
            html! { <>{ &b.name }<span class="meta-note">{ format!(" ({})", b.source.how()) }</span></> }
        }
        None => html! { <span class="meta-none">{ "None named" }</span> },
    };
    let date = match &doc.date {
        Some(d) => html! { <time datetime={d.iso.clone()}>{ &d.text }</time> },
        None => html! { <span class="meta-none">{ "None given" }</span> },
    };
    let or_none = |v: &Option<String>| match v {
        Some(v) => html! { { v } },
        None => html! { <span class="meta-none">{ "Not given" }</span> },
    };
    // What only some pages say of themselves: a row when they say it.
    let given = |label: &str, field: &str, value: Option<Html>| {
        value.map(
            |v| html! { <div><dt>{ label }</dt><dd data-field={field.to_owned()}>{ v }</dd></div> },
        )
    };
    let details = &doc.details;
    let modified = given(
        "Updated",
        "modified",
        doc.modified
            .as_ref()
            .map(|d| html! { <time datetime={d.iso.clone()}>{ &d.text }</time> }),
    );
    let lang = given(
        "Language",
        "lang",
        details
            .lang
            .as_deref()
            .map(|l| html! { { strings::language_name(l) } }),
    );
    // The page's own address, as text: a link to another site would leave this one.
    let url = given(
        "Web address",
        "url",
        details
            .url
            .as_deref()
            .map(|u| html! { <code class="meta-url">{ u }</code> }),
    );
    let description = given(
        "The page's summary",
        "description",
        details.description.as_deref().map(|d| html! { { d } }),
    );
    html! {
        <dl class="source-meta">
            <div><dt>{ "Title" }</dt><dd>{ &doc.title }</dd></div>
            <div><dt>{ "Author" }</dt><dd data-field="byline">{ byline }</dd></div>
            <div><dt>{ "Date" }</dt><dd data-field="date">{ date }</dd></div>
            { modified }
            <div><dt>{ "Type of page" }</dt><dd data-field="kind">{ or_none(&doc.kind) }</dd></div>
            <div><dt>{ "Website" }</dt><dd data-field="site">{ or_none(&doc.site) }</dd></div>
            { url }
            { lang }
            { description }
            <div><dt>{ "Length" }</dt><dd data-field="words">
                { strings::count(doc.word_count(), "word", "words") }{ " in " }
                { strings::count(doc.passages.len(), "passage", "passages") }
            </dd></div>
            <div><dt>{ "Saved as" }</dt><dd><code>{ &doc.file }</code></dd></div>
        </dl>
    }
}

/// What cleaning removed, one row per reason in the core's order of kinds.
fn removals(ctx: &Ctx, doc: &Document) -> Html {
    let rows = RemovalKind::ALL.iter().filter_map(|&kind| {
        let blocks: Vec<_> = doc.removed.iter().filter(|r| r.kind == kind).collect();
        if blocks.is_empty() {
            return None;
        }
        let words: usize = blocks.iter().map(|r| count_words(&r.text)).sum();
        let texts = blocks
            .iter()
            .map(|r| html! { <li class="removed-text">{ &r.text }</li> });
        Some(html! {
            <tr key={kind.id()} data-kind={kind.id()}>
                <th scope="row">
                    <span class="removal-label">{ kind.label() }</span>
                    <details class="removal-text">
                        <summary>{ "Removed text" }</summary>
                        <ol>{ for texts }</ol>
                    </details>
                </th>
                <td class="num" data-field="blocks">{ blocks.len() }</td>
                <td class="num" data-field="words">{ words }</td>
            </tr>
        })
    });
    if doc.removed.is_empty() {
        return html! { <p>{ "Cleaning removed nothing from this page." }</p> };
    }
    html! {
        <>
            <p>
                { "Cleaning took the clutter of the web page out of the text: " }
                <span class="removed-count">{ doc.removed_summary() }</span>
                { if doc.removed.iter().any(|r| !r.kind.is_junk()) {
                    "; the author and date lines were moved to the top. "
                } else {
                    ". "
                } }
                <a href={read(ctx, &doc.id, None, true)}>{ "See removed text in place" }</a>
            </p>
            <div class="source-scroll" tabindex="0" role="region" aria-labelledby="removed-caption">
                <table class="source-table removed-table">
                    <caption id="removed-caption">{ "What was removed, by reason" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Reason" }</th>
                            <th scope="col" class="num">{ "Blocks" }</th>
                            <th scope="col" class="num">{ "Words" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The profile's settings from the link: which source.
    pub view: Source,
}

#[component]
pub fn SourceView(props: &Props) -> Html {
    let ctx = use_ctx();
    let corpus = &ctx.data.bundle.corpus;
    let index = corpus.documents.iter().position(|d| d.id == props.view.doc);
    dom::use_title(match index {
        Some(i) => format!("{} — profile — Parallax", corpus.documents[i].title),
        None => "Source profile — Parallax".to_owned(),
    });
    // The app shows the not-found view for unknown sources; this is only a guard.
    let Some(index) = index else {
        return Html::default();
    };
    let doc = &corpus.documents[index];
    let analysis = ctx.data.analysis(&ctx.state);
    let signals = ctx.data.signals();

    let signal_items = signals
        .iter()
        .find(|s| s.id == doc.id)
        .map(|s| s.signals.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|signal| html! { <SignalItem doc={AttrValue::from(doc.id.clone())} signal={Rc::new(signal)} /> });

    let mut entities: Vec<(String, String, parallax_core::EntityKind, usize)> = analysis
        .entity_counts(corpus)
        .into_iter()
        .filter_map(|e| {
            let n = e
                .per_source
                .iter()
                .find(|(d, _)| *d == doc.id)
                .map_or(0, |(_, n)| *n);
            (n > 0).then_some((e.id, e.name, e.kind, n))
        })
        .collect();
    parallax_core::sort::sort_by(&mut entities, |a, b| b.3.cmp(&a.3).then(a.1.cmp(&b.1)));
    let entity_rows = entities.iter().map(|(id, name, kind, n)| {
        let href = explore(
            &ctx,
            Explore {
                sources: vec![doc.id.clone()],
                entities: vec![id.clone()],
                ..Explore::default()
            },
        );
        let kind = kind.word();
        html! {
            <tr key={id.clone()} data-entity={id.clone()}>
                <th scope="row"><a {href}>{ name }</a></th>
                <td>{ kind }</td>
                <td class="num" data-field="mentions">{ n }</td>
            </tr>
        }
    });

    let matrix = analysis.theme_matrix(corpus);
    let total = matrix.totals.get(index).copied().unwrap_or(0);
    let theme_rows = analysis.themes.themes().iter().zip(&matrix.counts).map(|(t, counts)| {
        let n = counts.get(index).copied().unwrap_or(0);
        let percent = parallax_core::analysis::percent(n, total);
        let href = explore(
            &ctx,
            Explore {
                themes: vec![t.id.clone()],
                sources: vec![doc.id.clone()],
                ..Explore::default()
            },
        );
        html! {
            <tr key={t.id.clone()} data-theme={t.id.clone()}>
                <th scope="row"><a {href}>{ &t.label }</a></th>
                <td class="num" data-field="passages">{ n }</td>
                <td class="share">
                    <span class="source-bar" aria-hidden="true"><span style={format!("width: {percent}%")}></span></span>
                    <span class="share-value">{ format!("{percent}%") }</span>
                </td>
            </tr>
        }
    });

    let read_href = read(&ctx, &doc.id, None, false);
    let explore_href = explore(
        &ctx,
        Explore {
            sources: vec![doc.id.clone()],
            ..Explore::default()
        },
    );
    let map_href = ctx.href(&ctx.with_view(View::Map));
    let library_href = ctx.href(&ctx.with_view(View::Library));

    html! {
        <article class="source-view" data-doc={doc.id.clone()}>
            <p class="back"><a href={library_href}>{ "← All sources" }</a></p>
            <header class="source-header">
                <p class="eyebrow">{ format!("Source {} · about this source", doc.id) }</p>
                <h1>{ &doc.title }</h1>
                if ctx.data.is_own(&doc.id) {
                    <p><span class="own-badge">{ "Your document" }</span></p>
                }
                <ul class="source-actions">
                    <li><a href={read_href}>{ "Read this source" }</a></li>
                    <li><a href={explore_href}>{ "Explore its passages" }</a></li>
                    <li><a href={map_href}>{ "Compare themes on the map" }</a></li>
                </ul>
                <ExportButtons what={Exported::Profile(doc.id.clone())} label="Export this profile" />
            </header>

            <section aria-labelledby="meta-h">
                <h2 id="meta-h">{ "About this page" }</h2>
                { metadata(doc) }
            </section>

            <crate::cite_ui::CiteSource doc={doc.id.clone()} />

            <section aria-labelledby="signals-h" class="signals-section">
                <h2 id="signals-h">{ "Signals: things to check" }</h2>
                <p class="help">{ "Clues for you to weigh, not verdicts. Open the evidence to see the words behind each one." }</p>
                <ul class="signals">{ for signal_items }</ul>
            </section>

            <section aria-labelledby="removed-h">
                <h2 id="removed-h">{ "What cleaning removed, and why" }</h2>
                { removals(&ctx, doc) }
            </section>

            <section aria-labelledby="entities-h">
                <h2 id="entities-h">{ "People, places and organisations" }</h2>
                if entities.is_empty() {
                    <p>{ "This source names none of the people, places and organisations Parallax knows." }</p>
                } else {
                    <div class="source-scroll" tabindex="0" role="region" aria-labelledby="entities-caption">
                        <table class="source-table entities-table">
                            <caption id="entities-caption">{ "How often this source names each one, most named first" }</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{ "Name" }</th>
                                    <th scope="col">{ "Type" }</th>
                                    <th scope="col" class="num">{ "Mentions" }</th>
                                </tr>
                            </thead>
                            <tbody>{ for entity_rows }</tbody>
                        </table>
                    </div>
                }
            </section>

            <section aria-labelledby="themes-h">
                <h2 id="themes-h">{ "Themes" }</h2>
                <div class="source-scroll" tabindex="0" role="region" aria-labelledby="themes-caption">
                    <table class="source-table themes-table">
                        <caption id="themes-caption">
                            { format!("Passages about each theme, of {}", strings::count(total, "passage", "passages")) }
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Theme" }</th>
                                <th scope="col" class="num">{ "Passages" }</th>
                                <th scope="col">{ "Share" }</th>
                            </tr>
                        </thead>
                        <tbody>{ for theme_rows }</tbody>
                    </table>
                </div>
            </section>
        </article>
    }
}
