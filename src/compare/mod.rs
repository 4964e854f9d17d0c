//! The compare view (`#/compare/<doc>/<doc>[/<doc>]?theme=&differ=1`): the picker, then the
//! findings first (a summary per theme, then the figures, dates and claims), then each theme's
//! passages side by side, folded until opened. The core's `compare` computes every number shown
//! (`Comparison::shown`, `totals`, `fact_tables`, and `align` for passage by passage); these
//! files only render them and never build HTML text. Submodules: `picker`, `summary`, `facts_table`, `matched` (passage by
//! passage, for any story), `theme_rows`.

mod facts_table;
mod matched;
mod picker;
mod summary;
mod theme_rows;

use parallax_core::compare::compare;
use parallax_core::state::{Compare, State, View};
use parallax_core::strings;
use parallax_core::strings::compare as words;
use std::rc::Rc;
use yew::prelude::*;

use crate::ctx::{use_ctx, Ctx};
use crate::dom;
use crate::export_buttons::{ExportButtons, Exported};
use facts_table::FactsTable;
use matched::Matched;
use picker::Picker;
use summary::Summary;
use theme_rows::Row;

/// A state like the current one with the compare settings `view` changed by `f`.
fn with(ctx: &Ctx, view: &Compare, f: impl FnOnce(&mut Compare)) -> State {
    let mut c = view.clone();
    f(&mut c);
    ctx.with_view(View::Compare(c))
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The compare settings from the link: two or three sources, the theme filter, "only where
    /// they differ".
    pub view: Compare,
}

/// How much of the view is drawn (`CompareView`): its frame, then the summary, then the claims,
/// then the figures and dates, then passage by passage, then all.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Drawn {
    Frame,
    Summary,
    Claims,
    Figures,
    Matched,
    All,
}

/// The view's title, its pickers and the count (`status`): the same in its frame and after.
fn head(view: &Compare, status: String) -> Html {
    html! {
        <>
            <h1>{ words::TITLE }</h1>
            <Picker view={view.clone()} />
            <p class="result-count" role="status" aria-live="polite">{ status }</p>
        </>
    }
}

/// The summary's heading and what it counts, then `body` (the table, or why there is none).
fn at_a_glance(body: Html) -> Html {
    html! {
        <section class="cmp-summary-section" aria-labelledby="cmp-summary-h">
            <h2 id="cmp-summary-h">{ words::AT_A_GLANCE }</h2>
            <p id="cmp-differ-means" class="cmp-differ-means">{ words::DIFFER_MEANS }</p>
            { body }
        </section>
    }
}

#[component]
pub fn CompareView(props: &Props) -> Html {
    let ctx = use_ctx();
    let s = &props.view;
    dom::use_title(words::title(&s.docs));
    // The findings' analyses (the index and theme tags, reuse, figures and claims) and their
    // tables take about a second on a slow phone. Unless a view before computed them, the view's
    // frame is drawn first (what the prerendered `compare.html` shows: title, pickers, the
    // summary's heading) and painted, then each analysis runs in a task of its own, then the
    // summary is drawn, then the claims, the figures, passage by passage and the themes' rows, so
    // that the page answers meanwhile and no task blocks it for long; `data-ready` waits for all
    // of it.
    let drawn = use_state(|| {
        if ctx.data.has_findings(&ctx.state) {
            Drawn::All
        } else {
            Drawn::Frame
        }
    });
    let hold = use_mut_ref(|| (*drawn != Drawn::All).then(dom::HoldReady::new));
    {
        let (drawn, data, state) = (drawn.clone(), ctx.data.clone(), ctx.state.clone());
        let docs = s.docs.clone();
        use_effect_with((), move |_| {
            if *drawn == Drawn::Frame {
                // The frame painted first; then a task each, without waiting for frames, which
                // a tab out of sight does not draw (its view would never be done).
                wasm_bindgen_futures::spawn_local(async move {
                    dom::painted().await;
                    let analysis = data.analysis(&state);
                    dom::next_task().await;
                    data.reuse();
                    dom::next_task().await;
                    data.facts();
                    drawn.set(Drawn::Summary);
                    dom::next_task().await;
                    drawn.set(Drawn::Claims);
                    dom::next_task().await;
                    drawn.set(Drawn::Figures);
                    dom::next_task().await;
                    data.aligned(&analysis, &docs);
                    dom::next_task().await;
                    drawn.set(Drawn::Matched);
                    dom::next_task().await;
                    drawn.set(Drawn::All);
                });
            }
        });
    }
    use_effect_with(*drawn, move |drawn| {
        if *drawn == Drawn::All {
            hold.borrow_mut().take();
        }
    });
    let corpus = &ctx.data.bundle.corpus;
    if *drawn == Drawn::Frame {
        if s.docs.is_empty() {
            return Html::default();
        }
        let themes = !ctx.state.themes(&corpus.themes).is_empty();
        return html! {
            <section class="compare-view">
                { head(s, words::COMPARING.to_owned()) }
                if themes {
                    { at_a_glance(Html::default()) }
                }
            </section>
        };
    }
    let analysis = ctx.data.analysis(&ctx.state);
    let reuse = ctx.data.reuse();
    let facts = ctx.data.facts();
    let ids: Vec<&str> = s.docs.iter().map(String::as_str).collect();
    let comparison = match compare(corpus, &analysis, &reuse, &facts, &ids) {
        Ok(c) => c,
        // `#/compare` names none: the pair is chosen at once (`App`), or there is no pair.
        Err(_) if s.docs.is_empty() && corpus.documents.len() >= 2 => return Html::default(),
        Err(_) if corpus.documents.len() < 2 => {
            return html! {
                <section class="compare-view">
                    <h1>{ words::TITLE }</h1>
                    <p class="error">{ format!(
                        "Comparing needs two documents, and this library has {}. Add a document of your own in the library (“Add your own documents”), then compare.",
                        corpus.documents.len()
                    ) }</p>
                </section>
            }
        }
        Err(e) => {
            return html! {
                <section class="compare-view">
                    <h1>{ words::TITLE }</h1>
                    <Picker view={s.clone()} />
                    <p class="error">{ format!("Cannot compare: {e}.") }</p>
                </section>
            }
        }
    };
    // No compared source speaks to any theme (a library with no theme lexicon, or sources off
    // its subject): passage by passage is the comparison, so it comes first.
    let themeless = comparison.rows.iter().all(|r| !r.spoken_to());
    let theme = s.theme.as_deref();
    let rows = comparison.shown(theme, s.only_differ);
    let all = comparison.shown(theme, false);
    let totals = comparison.totals(&rows);
    let (claims, figures) = comparison.fact_tables(corpus, theme, s.only_differ);
    let (claims, figures): (Vec<_>, Vec<_>) = (
        claims.into_iter().map(Rc::new).collect(),
        figures.into_iter().map(Rc::new).collect(),
    );
    let theme_label = theme.map(|t| {
        comparison
            .rows
            .iter()
            .find(|r| r.theme == t)
            .map_or(t.to_owned(), |r| r.label.clone())
    });

    let clear = {
        let ctx = ctx.clone();
        let view = s.clone();
        Callback::from(move |_: MouseEvent| {
            ctx.go(with(&ctx, &view, |s| {
                s.theme = None;
                s.only_differ = false;
            }))
        })
    };
    let places: usize = totals.shared.iter().map(|x| x.places).sum();
    let status = format!(
        "{}{}{}",
        if s.only_differ {
            format!(
                "{} of {} {}",
                rows.len(),
                strings::count(all.len(), "theme", "themes"),
                if rows.len() == 1 { "differs" } else { "differ" }
            )
        } else {
            format!("{} shown", strings::count(rows.len(), "theme", "themes"))
        },
        if places > 0 {
            format!(
                ", wording shared in {}",
                strings::count(places, "place", "places")
            )
        } else {
            String::new()
        },
        match totals.disputes.len() {
            0 => String::new(),
            n => format!(", {} disputed", strings::count(n, "fact", "facts")),
        }
    );
    let scope = match &theme_label {
        Some(l) => format!(" in “{l}”"),
        None => String::new(),
    };
    let differ_note = if s.only_differ {
        " where they differ"
    } else {
        ""
    };
    let names = s.docs.join(", ");
    let open_theme = theme.map(str::to_owned);
    html! {
        // `data-docs` once all is drawn: what tests and tools wait for.
        <section class="compare-view" data-docs={(*drawn == Drawn::All).then(|| names.clone())}>
            { head(s, status) }
            if themeless {
                <p class="cmp-themeless">{ format!("No source here speaks to a theme{}, so {} are compared passage by passage.", if comparison.rows.is_empty() { " (this library has none: its sources came with their texts only)" } else { "" }, strings::and_list(&comparison.docs)) }</p>
                <Matched docs={comparison.docs.clone()} />
            } else {
                // Its heading and what it counts first, whatever it finds, as the frame drawn
                // before the findings (and the prerendered page) show them.
                { at_a_glance(if rows.is_empty() {
                    html! {
                        <div class="empty">
                            <p>{ format!("No theme{scope} to show for {names}{differ_note}.") }</p>
                            if s.theme.is_some() || s.only_differ {
                                <button type="button" onclick={clear}>{ "Show all themes" }</button>
                            }
                        </div>
                    }
                } else {
                    html! { <Summary view={s.clone()} rows={rows.iter().map(|r| (*r).clone()).collect::<Vec<_>>()} totals={totals.clone()} /> }
                }) }
            }
            if *drawn >= Drawn::Claims {
                <section class="cmp-facts-section" aria-labelledby="cmp-facts-h">
                    <h2 id="cmp-facts-h">{ "Figures, dates and claims" }</h2>
                    <p class="help">{ format!("What {names} state{scope}{differ_note}. Open a value to read the sentence that states it.") }</p>
                    if claims.is_empty() && figures.is_empty() {
                        <p class="empty">{ "Nothing to show here." }</p>
                    } else {
                        <ExportButtons what={Exported::CompareFacts(s.clone())} label="Export these figures, dates and claims" />
                    }
                    if !claims.is_empty() {
                        <div class="cmp-table-wrap">
                            <FactsTable docs={s.docs.clone()} groups={claims} claims={true} caption="Claims: how each source presents them" />
                        </div>
                    }
                    if *drawn >= Drawn::Figures && !figures.is_empty() {
                        <div class="cmp-table-wrap">
                            <FactsTable docs={s.docs.clone()} groups={figures} claims={false} caption="Figures and dates" />
                        </div>
                    }
                </section>
            }
            if *drawn >= Drawn::Matched && !themeless {
                <Matched docs={comparison.docs.clone()} />
            }
            if *drawn == Drawn::All && !rows.is_empty() {
                <section class="cmp-themes" aria-labelledby="cmp-themes-h">
                    <h2 id="cmp-themes-h">{ "What each source says, theme by theme" }</h2>
                    <p class="help">{ "Open a theme to read its passages side by side. Wording that two sources share is highlighted." }</p>
                    <div class="cmp-rows">
                        { for rows.iter().map(|r| html! {
                            <Row key={r.theme.clone()} row={(*r).clone()} open={open_theme.as_deref() == Some(r.theme.as_str())} />
                        }) }
                    </div>
                </section>
            }
        </section>
    }
}
