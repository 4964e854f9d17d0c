//! The explore view (`#/explore`): a live search box, facets with counts, passage results with
//! highlighted matches and theme chips that show their evidence, a KWIC mode, and export of
//! exactly the filtered view. All computing is the core's `Analysis`; this file only renders.
//!
//! Speed: only the first page of results is rendered ("Show more" adds a page), results are
//! keyed by passage, and a chip's evidence is put in the page only once the chip is opened.
//! Counts, exports and KWIC still cover every match.

use parallax_core::strings;
use parallax_core::strings::explore as words;
use std::rc::Rc;

use parallax_core::analysis::{Analysis, FacetCount, Filter};
use parallax_core::search::{Query, Unit};
use parallax_core::state::{clean_query, Explore, View};
use parallax_core::Lang;
use yew::prelude::*;

use crate::ctx::{use_ctx, Ctx};
use crate::custom_themes::CustomThemes;
use crate::dom;
use crate::export_buttons::{ExportButtons, Exported};
use crate::theme_changes::ThemeChanges;

/// Results rendered at first, and added by each "Show more".
const PAGE: usize = 10;

/// A state like the current one with the explorer's settings `view` changed by `f`.
fn with(ctx: &Ctx, view: &Explore, f: impl FnOnce(&mut Explore)) -> parallax_core::state::State {
    let mut e = view.clone();
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

impl Facet {
    /// The name in element ids and `data-facet` (stable, whatever the legend says).
    fn name(self) -> &'static str {
        match self {
            Facet::Themes => "themes",
            Facet::Sources => "sources",
            Facet::Entities => "entities",
            Facet::Langs => "languages",
        }
    }
}

#[derive(Properties, PartialEq)]
struct FacetProps {
    /// The explorer's settings from the link.
    view: Explore,
    facet: Facet,
    legend: AttrValue,
    counts: Vec<FacetCount>,
}

/// A facet with more values than this (a corpus of many sources) lists only the values with the
/// most passages, and any selected, until the reader asks for all of them: thousands of
/// checkboxes, each updated on every key, would cost more than the search itself.
const LONG: usize = 50;

#[component]
fn FacetGroup(props: &FacetProps) -> Html {
    let ctx = use_ctx();
    let facet = props.facet;
    let all = use_state_eq(|| false);
    let name = facet.name();
    let what = props.legend.to_lowercase();
    let long = props.counts.len() > LONG;
    // What to list, and how many values have passages when not all of them are listed.
    let (values, more): (Vec<&FacetCount>, Option<usize>) = if !long || *all {
        // In corpus order; values without passages are hidden below unless all are asked for.
        (props.counts.iter().collect(), None)
    } else {
        parallax_core::analysis::top_values(&props.counts, LONG)
    };
    let items = values.into_iter().map(|c| {
        let onchange = {
            let ctx = ctx.clone();
            let view = props.view.clone();
            let id = c.id.clone();
            Callback::from(move |_: Event| {
                let id = id.clone();
                ctx.go(with(&ctx, &view, move |e| match facet {
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
                                    parallax_core::sort::sort(&mut e.langs);
                                }
                            }
                        }
                    }
                }))
            })
        };
        let input_id = format!("facet-{name}-{}", c.id);
        // Values with no passage are hidden (unless selected, or all are asked for). They stay in
        // the page, hidden, so that a new query changes an attribute rather than adding and
        // removing items.
        let hidden = !*all && c.count == 0 && !c.selected;
        html! {
            <li key={c.id.clone()} {hidden}>
                <input type="checkbox" id={input_id.clone()} checked={c.selected} {onchange}
                    data-facet={name} data-value={c.id.clone()} />
                <label for={input_id}>
                    <span class="facet-label">{ &c.label }</span>
                    <span class="facet-count">{ c.count }</span>
                </label>
            </li>
        }
    });
    let toggle_all = {
        let all = all.clone();
        Callback::from(move |_: MouseEvent| all.set(!*all))
    };
    let empty = props
        .counts
        .iter()
        .filter(|c| c.count == 0 && !c.selected)
        .count();
    let total = props.counts.len();
    // One button, always in the page while it has something to do: "Show all" when values are
    // hidden (no passages, or past the first `LONG`), and back again.
    let button = if *all {
        (empty > 0 || long).then(|| {
            if long {
                format!("Show only the {LONG} with most passages")
            } else {
                format!("Hide the {empty} with no passages")
            }
        })
    } else if more.is_some() || empty > 0 {
        Some(format!("Show all {total} {what}"))
    } else {
        None
    };
    html! {
        <fieldset class="facet" data-facet={name}>
            <legend>{ &props.legend }</legend>
            <ul>{ for items }</ul>
            if let Some(text) = button {
                <button type="button" class="facet-all" onclick={toggle_all} aria-expanded={(*all).to_string()}>
                    { text }
                </button>
            }
        </fieldset>
    }
}

/// Theme chips the reader has opened, by passage and theme: only those hold their evidence in
/// the page (a closed chip is then four nodes instead of seven, and results are mostly chips).
#[derive(Default, PartialEq)]
struct Opened(Vec<(Unit, String)>);

impl Reducible for Opened {
    /// A chip, and whether it is now open.
    type Action = (Unit, String, bool);

    fn reduce(self: Rc<Self>, (unit, theme, open): Self::Action) -> Rc<Self> {
        let key = (unit, theme);
        let mut list: Vec<_> = self.0.iter().filter(|k| **k != key).cloned().collect();
        if open {
            list.push(key);
        }
        Rc::new(Opened(list))
    }
}

/// What every result of one render shares.
struct ResultsCtx<'a> {
    ctx: &'a Ctx,
    corpus: &'a parallax_core::Corpus,
    analysis: &'a Analysis,
    query: &'a Query,
    opened: &'a UseReducerHandle<Opened>,
}

/// One passage in the results: source and passage id as a link to the reader, the text with
/// the query's matches marked, and the passage's theme chips. Plain markup keyed by passage
/// rather than a component: a new query brings mostly new passages, and a component per result
/// costs more to create than it saves in diffing.
fn result_item(r: &ResultsCtx, unit: Unit) -> Html {
    let Some(doc) = r.corpus.documents.get(unit.doc as usize) else {
        return Html::default();
    };
    let Some(p) = doc.passages.get(unit.passage as usize) else {
        return Html::default();
    };
    let href = r.ctx.read_href(&doc.id, Some(&p.id));
    let text = r
        .analysis
        .index
        .highlight(&p.text, r.query)
        .into_iter()
        .map(|s| {
            if s.mark {
                html! { <mark>{ s.text }</mark> }
            } else {
                html! { { s.text } }
            }
        });
    let chips = r.analysis.info(unit).map(|info| {
        info.themes
            .iter()
            .map(|t| {
                let ontoggle = {
                    let opened = r.opened.dispatcher();
                    let id = t.id.clone();
                    Callback::from(move |e: Event| {
                        let open = e
                            .target_dyn_into::<web_sys::Element>()
                            .is_some_and(|d| d.has_attribute("open"));
                        opened.dispatch((unit, id.clone(), open));
                    })
                };
                // Always one child after the summary, empty while closed: yew matches unkeyed
                // children from the end, so evidence coming and going as a second child would
                // make it replace the summary, taking a keyboard user's focus with it.
                let evidence = if r.opened.0.contains(&(unit, t.id.clone())) {
                    let mut terms: Vec<&str> =
                        t.evidence.iter().map(|ev| ev.text.as_str()).collect();
                    terms.dedup();
                    html! { <p class="evidence">{ format!("Evidence: {}", terms.join(", ")) }</p> }
                } else {
                    Html::default()
                };
                html! {
                    <li key={t.id.clone()}>
                        <details class="chip" data-theme={t.id.clone()} {ontoggle}>
                            <summary>{ &t.label }</summary>
                            { evidence }
                        </details>
                    </li>
                }
            })
            .collect::<Html>()
    });
    html! {
        <li class="result" key={format!("{}-{}", doc.id, p.id)} data-doc={doc.id.clone()} data-passage={p.id.clone()}>
            <p class="result-source"><a {href}>{ format!("{}, {}", doc.title, crate::passage::name(&p.id)) }</a></p>
            <p class="result-text">{ for text }</p>
            <ul class="chips" aria-label="Themes">{ chips }</ul>
        </li>
    }
}

/// "Export these 12 passages", "Export this passage".
fn export_label(n: usize, one: &str, many: &str) -> AttrValue {
    AttrValue::from(if n == 1 {
        format!("Export this {one}")
    } else {
        format!("Export these {}", strings::count(n, one, many))
    })
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The explorer's settings from the link: query, filters, KWIC mode.
    pub view: Explore,
}

#[component]
pub fn ExploreView(props: &Props) -> Html {
    let ctx = use_ctx();
    let e = &props.view;
    dom::use_title_after_paint(words::title(&e.query));
    // Phones start with the filters folded; decided once, when the view opens.
    let filters_open = use_state(|| !dom::is_narrow());
    // How many results are rendered, and for which filter and mode: a new query, filter or mode
    // starts again at one page.
    let page = use_state(|| ((Filter::default(), false), PAGE));
    let opened = use_reducer(Opened::default);
    // Where focus goes after "Show more": the link of the first result it added.
    let focus_next = use_mut_ref(|| None::<String>);
    {
        let focus_next = focus_next.clone();
        use_effect(move || {
            if let Some(selector) = focus_next.borrow_mut().take() {
                dom::focus_selector(&selector);
            }
        });
    }
    let corpus = &ctx.data.bundle.corpus;
    let analysis = ctx.data.analysis(&ctx.state);
    let filter = e.filter();
    let facets = analysis.facets(corpus, &filter);
    let page_key = (filter, e.kwic);
    let shown = if page.0 == page_key { page.1 } else { PAGE };
    // "Show more" under a list of `count` results; `link` selects the link of the n-th (from 1).
    // Always one node, empty when every result is shown: yew matches unkeyed siblings from the
    // end, so a button coming and going after the list would make it rebuild the list and the
    // export buttons before it (every result node made again when a filter adds results).
    let more = |count: usize, link: fn(usize) -> String| -> Html {
        if count <= shown {
            return Html::default();
        }
        let next = PAGE.min(count - shown);
        let page = page.clone();
        let key = page_key.clone();
        let focus_next = focus_next.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            *focus_next.borrow_mut() = Some(link(shown + 1));
            page.set((key.clone(), shown + PAGE));
        });
        html! {
            <button type="button" class="more" {onclick}>
                { format!("Show {next} more (showing {shown} of {count})") }
            </button>
        }
    };

    // The box shows what the reader typed while it cleans to the link's query: drawing the
    // cleaned query (trimmed) would take back the space she just typed whenever the view is drawn
    // a few keys late, as on a slow phone ("Russia " drawn as "Russia", then "Russiasanctions").
    let typed = use_mut_ref(String::new);
    let in_box = {
        let typed = typed.borrow();
        if clean_query(&typed) == e.query {
            typed.clone()
        } else {
            e.query.clone()
        }
    };
    let oninput = {
        let ctx = ctx.clone();
        let view = e.clone();
        Callback::from(move |ev: InputEvent| {
            if let Some(q) = dom::typed(&ev) {
                typed.borrow_mut().clone_from(&q);
                ctx.replace(with(&ctx, &view, move |e| e.query = q));
            }
        })
    };
    let kwic_toggle = {
        let ctx = ctx.clone();
        let view = e.clone();
        Callback::from(move |_: Event| ctx.go(with(&ctx, &view, |e| e.kwic = !e.kwic)))
    };
    let clear = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            ctx.go(ctx.with_view(View::Explore(Explore::default())));
            // The button goes with the filters it cleared: focus goes to the search box, where
            // the reader starts again, instead of falling to the page.
            dom::focus_after_paint("#q".into());
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
        // The lines of passages in the filtered view: by position in the analysis, no ids.
        let mut allowed = vec![false; analysis.passages.len()];
        for u in &facets.hits {
            if let Ok(i) = analysis.passages.binary_search_by_key(u, |p| p.unit) {
                allowed[i] = true;
            }
        }
        let keep: Rc<Vec<_>> = Rc::new(
            lines
                .into_iter()
                .filter(|l| {
                    analysis
                        .passages
                        .binary_search_by_key(&l.unit, |p| p.unit)
                        .is_ok_and(|i| allowed[i])
                })
                .collect(),
        );
        let count = keep.len();
        let rows = keep.iter().take(shown).map(|l| {
            let href = ctx.read_href(&l.doc, Some(&l.passage));
            html! {
                <tr role="row">
                    <td role="cell" class="kwic-left">{ &l.left }</td>
                    <td role="cell" class="kwic-match"><mark>{ &l.matched }</mark></td>
                    <td role="cell" class="kwic-right">{ &l.right }</td>
                    <td role="cell" class="kwic-where"><a {href}>{ format!("Source {}, {}", l.doc, crate::passage::name(&l.passage)) }</a></td>
                </tr>
            }
        });
        html! {
            <>
                <p class="result-count" role="status" aria-live="polite">
                    { if e.query.trim().is_empty() { "Type a word or a phrase to see it in context.".to_owned() } else { strings::count(count, "match", "matches") } }
                </p>
                if count > 0 {
                    <ExportButtons what={Exported::Kwic(e.clone(), keep.clone())} label={export_label(count, "line", "lines")} />
                    // The roles restate the table's own: on phones the CSS sets its rows as lines
                    // of text, which would otherwise lose the table for screen readers.
                    <table class="kwic" role="table">
                        <caption>{ format!("Each match of “{}” with the words around it", e.query.trim().trim_matches('"')) }</caption>
                        <thead role="rowgroup"><tr role="row"><th role="columnheader" scope="col">{ "Before" }</th><th role="columnheader" scope="col">{ "Match" }</th><th role="columnheader" scope="col">{ "After" }</th><th role="columnheader" scope="col">{ "Where" }</th></tr></thead>
                        <tbody role="rowgroup">{ for rows }</tbody>
                    </table>
                    { more(count, |n| format!("table.kwic tbody tr:nth-child({n}) a")) }
                }
            </>
        }
    } else {
        let count = facets.hits.len();
        let query = analysis.index.parse(&e.query);
        let r = ResultsCtx {
            ctx: &ctx,
            corpus,
            analysis: &analysis,
            query: &query,
            opened: &opened,
        };
        let items = facets.hits.iter().take(shown).map(|&u| result_item(&r, u));
        html! {
            <>
                <p class="result-count" role="status" aria-live="polite">{ strings::count(count, "passage", "passages") }</p>
                if count == 0 {
                    <div class="empty">
                        <p>{ "No passage matches." }</p>
                        <p>{ "Try fewer words, the start of a word with * (sanction* finds sanctions and sanctioned), OR between words that may stand for each other, or clear the filters." }</p>
                        if filtered || !e.query.is_empty() {
                            <button type="button" onclick={clear.clone()}>{ "Clear search and filters" }</button>
                        }
                    </div>
                } else {
                    <ExportButtons what={Exported::Passages(e.clone(), Rc::new(facets.hits.clone()))} label={export_label(count, "passage", "passages")} />
                    <ol class="results">{ for items }</ol>
                    { more(count, |n| format!(".results > li:nth-child({n}) .result-source a")) }
                }
            </>
        }
    };

    html! {
        <section class="explore-view">
            <h1>{ words::TITLE }</h1>
            <div class="search-row">
                <label for="q">{ words::SEARCH_LABEL }</label>
                <input id="q" type="search" value={in_box} {oninput} autocomplete="off" spellcheck="false"
                    placeholder={words::PLACEHOLDER} aria-describedby="q-help" />
                <p id="q-help" class="help">{ words::HELP }</p>
            </div>
            <p class="mode">
                <input type="checkbox" role="switch" id="kwic" checked={e.kwic} onchange={kwic_toggle} />
                <label for="kwic">{ words::KWIC_LABEL }</label>
            </p>
            <div class="explore-layout">
                <aside class="facets" aria-label="Filters">
                    <details class="filters" open={*filters_open}>
                    <summary>{ "Filters" }</summary>
                    <FacetGroup view={e.clone()} facet={Facet::Themes} legend="Themes" counts={facets.themes.clone()} />
                    <ThemeChanges />
                    <CustomThemes />
                    <FacetGroup view={e.clone()} facet={Facet::Sources} legend="Sources" counts={facets.sources.clone()} />
                    <FacetGroup view={e.clone()} facet={Facet::Langs} legend="Languages" counts={facets.langs.clone()} />
                    <FacetGroup view={e.clone()} facet={Facet::Entities} legend="People, places and organisations" counts={facets.entities.clone()} />
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
