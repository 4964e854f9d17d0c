//! The explore view (`#/explore`): a live search box, facets with counts, passage results with
//! highlighted matches and theme chips that show their evidence, a KWIC mode, and export of
//! exactly the filtered view. All computing is the core's `Analysis`; this file only renders.

use parallax_core::analysis::{FacetCount, Filter};
use parallax_core::state::{Explore, View};
use parallax_core::Lang;
use yew::prelude::*;

use crate::ctx::{use_ctx, Ctx};
use crate::custom_themes::CustomThemes;
use crate::export_buttons::ExportButtons;
use crate::{dom, fmt};

/// Results shown before "Show more".
const PAGE: usize = 30;

fn explore_of(ctx: &Ctx) -> Explore {
    match &ctx.state.view {
        View::Explore(e) => e.clone(),
        _ => Explore::default(),
    }
}

/// A state like the current one with the explorer's settings changed by `f`.
fn with(ctx: &Ctx, f: impl FnOnce(&mut Explore)) -> parallax_core::state::State {
    let mut e = explore_of(ctx);
    f(&mut e);
    ctx.with_view(View::Explore(e))
}

fn toggle(list: &mut Vec<String>, id: &str) {
    if let Some(i) = list.iter().position(|x| x == id) {
        list.remove(i);
    } else {
        list.push(id.to_owned());
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Facet {
    Themes,
    Sources,
    Entities,
    Langs,
}

#[derive(Properties, PartialEq)]
struct FacetProps {
    facet: Facet,
    legend: AttrValue,
    counts: Vec<FacetCount>,
}

#[component]
fn FacetGroup(props: &FacetProps) -> Html {
    let ctx = use_ctx();
    let facet = props.facet;
    // Entities are many: show those with results, and any selected.
    let items = props
        .counts
        .iter()
        .filter(|c| facet != Facet::Entities || c.count > 0 || c.selected)
        .map(|c| {
            let onchange = {
                let ctx = ctx.clone();
                let id = c.id.clone();
                Callback::from(move |_: Event| {
                    let id = id.clone();
                    ctx.go(with(&ctx, move |e| match facet {
                        Facet::Themes => toggle(&mut e.themes, &id),
                        Facet::Sources => toggle(&mut e.sources, &id),
                        Facet::Entities => toggle(&mut e.entities, &id),
                        Facet::Langs => {
                            if let Some(l) = Lang::from_code(&id) {
                                match e.langs.iter().position(|x| *x == l) {
                                    Some(i) => {
                                        e.langs.remove(i);
                                    }
                                    None => {
                                        e.langs.push(l);
                                        e.langs.sort();
                                    }
                                }
                            }
                        }
                    }))
                })
            };
            let input_id = format!("facet-{}-{}", props.legend.to_lowercase(), c.id);
            html! {
                <li key={c.id.clone()}>
                    <input type="checkbox" id={input_id.clone()} checked={c.selected} {onchange}
                        data-facet={props.legend.to_lowercase()} data-value={c.id.clone()} />
                    <label for={input_id}>
                        <span class="facet-label">{ &c.label }</span>
                        <span class="facet-count">{ c.count }</span>
                    </label>
                </li>
            }
        });
    html! {
        <fieldset class="facet">
            <legend>{ &props.legend }</legend>
            <ul>{ for items }</ul>
        </fieldset>
    }
}

#[component]
pub fn ExploreView() -> Html {
    let ctx = use_ctx();
    let e = explore_of(&ctx);
    dom::use_title(if e.query.is_empty() {
        "Explore — Parallax".to_owned()
    } else {
        format!("{} — Explore — Parallax", e.query)
    });
    let shown = use_state_eq(|| PAGE);
    let corpus = &ctx.data.bundle.corpus;
    let analysis = ctx.data.analysis(&ctx.state.custom);
    let filter = Filter {
        query: e.query.clone(),
        themes: e.themes.clone(),
        sources: e.sources.clone(),
        entities: e.entities.clone(),
        langs: e.langs.clone(),
    };
    let facets = analysis.facets(corpus, &filter);
    let query = analysis.index.parse(&e.query);

    let oninput = {
        let ctx = ctx.clone();
        let shown = shown.clone();
        Callback::from(move |ev: InputEvent| {
            if let Some(input) = ev.target_dyn_into::<web_sys::HtmlInputElement>() {
                shown.set(PAGE);
                let q = input.value();
                ctx.replace(with(&ctx, move |e| e.query = q));
            }
        })
    };
    let kwic_toggle = {
        let ctx = ctx.clone();
        Callback::from(move |_: Event| ctx.go(with(&ctx, |e| e.kwic = !e.kwic)))
    };
    let clear = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            ctx.go(ctx.with_view(View::Explore(Explore::default())))
        })
    };
    let filtered = !e.themes.is_empty()
        || !e.sources.is_empty()
        || !e.entities.is_empty()
        || !e.langs.is_empty();

    let results: Html = if e.kwic {
        let lines = if e.query.trim().is_empty() {
            Vec::new()
        } else {
            analysis.kwic(corpus, &e.query, 50)
        };
        let keep: Vec<_> = lines
            .into_iter()
            .filter(|l| {
                facets.hits.iter().any(|u| {
                    let d = &corpus.documents[u.doc as usize];
                    d.id == l.doc && d.passages[u.passage as usize].id == l.passage
                })
            })
            .collect();
        let count = keep.len();
        let rows = keep.iter().take(*shown).map(|l| {
            let href = ctx.href(&ctx.with_view(View::Read {
                doc: l.doc.clone(),
                passage: Some(l.passage.clone()),
                show_removed: false,
            }));
            html! {
                <tr>
                    <td class="kwic-left">{ &l.left }</td>
                    <td class="kwic-match"><mark>{ &l.matched }</mark></td>
                    <td class="kwic-right">{ &l.right }</td>
                    <td><a {href}>{ format!("{} {}", l.doc, l.passage) }</a></td>
                </tr>
            }
        });
        html! {
            <>
                <p class="result-count" role="status" aria-live="polite">
                    { if e.query.trim().is_empty() { "Type a word or a phrase to see it in context.".to_owned() } else { fmt::count(count, "match", "matches") } }
                </p>
                if count > 0 {
                    <table class="kwic">
                        <caption>{ format!("Keyword in context: {}", e.query) }</caption>
                        <thead><tr><th scope="col">{ "Before" }</th><th scope="col">{ "Match" }</th><th scope="col">{ "After" }</th><th scope="col">{ "Passage" }</th></tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                }
            </>
        }
    } else {
        let count = facets.hits.len();
        let items = facets.hits.iter().take(*shown).map(|&u| {
            let doc = &corpus.documents[u.doc as usize];
            let p = &doc.passages[u.passage as usize];
            let href = ctx.href(&ctx.with_view(View::Read { doc: doc.id.clone(), passage: Some(p.id.clone()), show_removed: false }));
            let segments = analysis.index.highlight(&p.text, &query);
            let text = segments.into_iter().map(|s| if s.mark { html! { <mark>{ s.text }</mark> } } else { html! { { s.text } } });
            let chips = analysis.info(u).map(|info| {
                info.themes.iter().map(|t| {
                    let mut terms: Vec<&str> = t.evidence.iter().map(|ev| ev.text.as_str()).collect();
                    terms.dedup();
                    html! {
                        <li>
                            <details class="chip" data-theme={t.id.clone()}>
                                <summary>{ &t.label }</summary>
                                <p class="evidence">{ "Evidence: " }{ terms.join(", ") }</p>
                            </details>
                        </li>
                    }
                }).collect::<Html>()
            });
            html! {
                <li class="result" key={format!("{}-{}", doc.id, p.id)} data-doc={doc.id.clone()} data-passage={p.id.clone()}>
                    <p class="result-source"><a {href}>{ &doc.title }{ " · " }{ &p.id }</a></p>
                    <p class="result-text">{ for text }</p>
                    <ul class="chips" aria-label="Themes">{ chips }</ul>
                </li>
            }
        });
        let more = (count > *shown).then(|| {
            let left = count - *shown;
            let shown = shown.clone();
            let onclick = Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE));
            html! { <button type="button" class="more" {onclick}>{ format!("Show more ({left} left)") }</button> }
        });
        html! {
            <>
                <p class="result-count" role="status" aria-live="polite">{ fmt::count(count, "passage", "passages") }</p>
                if count == 0 {
                    <div class="empty">
                        <p>{ "No passage matches." }</p>
                        <p>{ "Try fewer words, a word stem with * (sanction*), OR between alternatives, or clear the filters." }</p>
                        if filtered || !e.query.is_empty() {
                            <button type="button" onclick={clear.clone()}>{ "Clear search and filters" }</button>
                        }
                    </div>
                } else {
                    <ExportButtons units={facets.hits.clone()} heading={AttrValue::from(if e.query.is_empty() { "Parallax passages".to_owned() } else { format!("Parallax passages for: {}", e.query) })} />
                    <ol class="results">{ for items }</ol>
                    { more }
                }
            </>
        }
    };

    html! {
        <section class="explore-view">
            <h1>{ "Explore" }</h1>
            <div class="search-row">
                <label for="q">{ "Search passages" }</label>
                <input id="q" type="search" value={e.query.clone()} {oninput} autocomplete="off" spellcheck="false"
                    placeholder="drones, \"payment systems\", sanction* -Israel" aria-describedby="q-help" />
                <p id="q-help" class="help">{ "All words must match. Use \"quotes\" for a phrase, * for a prefix, OR for alternatives, - to exclude." }</p>
            </div>
            <p class="mode">
                <input type="checkbox" role="switch" id="kwic" checked={e.kwic} onchange={kwic_toggle} />
                <label for="kwic">{ "Keyword in context (concordance)" }</label>
            </p>
            <div class="explore-layout">
                <aside class="facets" aria-label="Filters">
                    <details class="filters" open={!dom::is_narrow()}>
                    <summary>{ "Filters" }</summary>
                    <FacetGroup facet={Facet::Themes} legend="Themes" counts={facets.themes.clone()} />
                    <CustomThemes />
                    <FacetGroup facet={Facet::Sources} legend="Sources" counts={facets.sources.clone()} />
                    <FacetGroup facet={Facet::Langs} legend="Languages" counts={facets.langs.clone()} />
                    <FacetGroup facet={Facet::Entities} legend="Entities" counts={facets.entities.clone()} />
                    if filtered {
                        <button type="button" onclick={clear}>{ "Clear search and filters" }</button>
                    }
                    </details>
                </aside>
                <div class="results-pane">{ results }</div>
            </div>
        </section>
    }
}
