//! The app shell: decodes the corpus once, provides the shared context, follows the URL state,
//! and lays out the skip link, header navigation, notices and `<main>` around the current view.

use parallax_core::state::{print, Compare, View};
use yew::prelude::*;

use crate::compare::CompareView;
use crate::ctx::{Ctx, Nav};
use crate::data;
use crate::dom;
use crate::explore::ExploreView;
use crate::import_ui::{DroppedFiles, ImportProvider};
use crate::library::Library;
use crate::load_error::LoadError;
use crate::map::MapView;
use crate::methods::MethodsView;
use crate::not_found::NotFound;
use crate::notes_ui::{NotesProvider, NotesStorageNotice, NotesView};
use crate::notices::Notices;
use crate::reader::Reader;
use crate::route;
use crate::source::SourceView;

#[component]
pub fn App() -> Html {
    // Decoded once for the life of the page; made again only when the reader's own documents
    // change (imported or removed).
    let data = data::use_data();
    let known = data.as_ref().as_ref().ok().map(|d| d.known.clone());
    let (state, notices, navigate) = route::use_url_state(known);
    let loaded = data.is_ok();

    use_effect_with((), move |_| {
        dom::mark_ready(if loaded { "true" } else { "error" })
    });

    {
        // `#/compare` names no sources: show the pair that shares the most wording (the first
        // two sources when none shares any) under its own link, replacing this entry.
        let data = data.as_ref().as_ref().ok().cloned();
        let navigate = navigate.clone();
        use_effect_with(state.clone(), move |state| {
            let Some(data) = data else {
                return;
            };
            if !matches!(&state.view, View::Compare(c) if c.docs.is_empty()) {
                return;
            }
            let corpus = &data.bundle.corpus;
            let pair =
                parallax_core::overview::best_pair(corpus, &data.reuse()).or_else(|| match corpus
                    .documents
                    .as_slice()
                {
                    [a, b, ..] => Some((a.id.clone(), b.id.clone())),
                    _ => None,
                });
            // Fewer than two documents: the view stays, and says why it cannot compare.
            let Some((a, b)) = pair else {
                return;
            };
            let view = View::Compare(Compare {
                docs: vec![a, b],
                ..Compare::default()
            });
            let state = state.with_view(view);
            // After the paint: a followed link's `hashchange` comes a task after its `popstate`
            // and drops any link waiting to be written, so the choice is made once both are in.
            dom::after_paint(move || {
                navigate.emit(Nav {
                    state,
                    replace: true,
                })
            });
        });
    }

    // A new view starts at its top, with focus on `<main>`; the first view keeps the browser's
    // own position, a passage is handled by the reader, and typing in the explorer keeps focus.
    let first_view = use_mut_ref(|| true);
    let previous = use_mut_ref(|| None::<View>);
    use_effect_with(state.clone(), move |state| {
        let was_first = std::mem::replace(&mut *first_view.borrow_mut(), false);
        // A lesson's step (or the view opened from it) that names a passage is scrolled to it
        // by the reader as well.
        let targets_passage = matches!(state.shown_view(), View::Read(r) if r.passage.is_some());
        let same_kind = previous.borrow().as_ref().is_some_and(|p| {
            std::mem::discriminant(p) == std::mem::discriminant(&state.view)
                && !matches!(p, View::Read(_))
        });
        let same_reader = matches!((previous.borrow().as_ref(), &state.view), (Some(View::Read(a)), View::Read(b)) if a.doc == b.doc && b.passage.is_none());
        *previous.borrow_mut() = Some(state.view.clone());
        if !was_first && !targets_passage && !same_kind && !same_reader {
            dom::start_of_view();
        }
    });

    let skip = Callback::from(|e: MouseEvent| {
        // The fragment holds the view, so the skip link moves focus instead of navigating.
        e.prevent_default();
        dom::focus("main");
    });

    let data = match &*data {
        Ok(data) => data.clone(),
        Err(error) => {
            return html! {
                <>
                    <header class="site-header"><div class="site-header-inner"><span class="app-name">{ "Parallax" }</span></div></header>
                    <main id="main" tabindex="-1"><LoadError message={error.to_string()} /></main>
                </>
            }
        }
    };
    // The QR code in the header is of the page's own link, as it would be copied.
    let page_link = dom::share_link(&state, &print(&state, &data.known.version));
    let ctx = Ctx {
        data,
        state: state.clone(),
        notices: notices.clone(),
        navigate,
        lesson: None,
    };
    let overview_href = ctx.href(&ctx.with_view(View::Overview { part: None }));
    let explore_href = ctx.href(&ctx.with_view(View::Explore(Default::default())));
    let map_href = ctx.href(&ctx.with_view(View::Map));
    // `#/compare` without sources: the pair that shares the most wording, chosen when opened
    // (the analyses are never computed at start-up just to write this link).
    let compare_href = (ctx.data.bundle.corpus.documents.len() >= 2)
        .then(|| ctx.href(&ctx.with_view(View::Compare(Compare::default()))));
    let methods_href = ctx.href(&ctx.with_view(View::Methods));
    let notes_href = ctx.href(&ctx.with_view(View::Notes));
    let current = |is: bool| if is { Some("page") } else { None };
    let missing = state.is_not_found(&notices);
    let view = if missing {
        html! { <NotFound /> }
    } else {
        view_html(&state.view)
    };
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <NotesProvider>
            <ImportProvider>
            <crate::page_drop::PageDrop />
            <a class="skip-link" href="#main" onclick={skip}>{ "Skip to content" }</a>
            <header class="site-header">
                <div class="site-header-inner">
                    <a class="app-name" href="#/">{ "Parallax" }</a>
                    <nav aria-label="Views">
                        <ul class="site-nav">
                            <li><a href="#/" aria-current={current(matches!(state.view, View::Library))}>{ "Sources" }</a></li>
                            <li><a href={overview_href} aria-current={current(matches!(state.view, View::Overview { .. }))}>{ "Overview" }</a></li>
                            <li><a href={explore_href} aria-current={current(matches!(state.view, View::Explore(_)))}>{ "Explore" }</a></li>
                            <li><a href={map_href} aria-current={current(matches!(state.view, View::Map))}>{ "Map" }</a></li>
                            if let Some(href) = compare_href {
                                <li><a {href} aria-current={current(matches!(state.view, View::Compare(_)))}>{ "Compare" }</a></li>
                            }
                            <li><a href={notes_href} aria-current={current(matches!(state.view, View::Notes))}>{ "Notes" }</a></li>
                            <li><a href={methods_href} aria-current={current(matches!(state.view, View::Methods))}>{ "Methods" }</a></li>
                        </ul>
                    </nav>
                    <crate::lesson::LessonMaker />
                    <crate::open_link::OpenLink id="open-link-header" compact=true />
                    <crate::qr::QrButton link={page_link} of="this page's link" id="qr-page" />
                </div>
            </header>
            <main id="main" tabindex="-1">
                if !missing { <Notices /> }
                if !matches!(state.view, View::Notes) { <NotesStorageNotice /> }
                if !matches!(state.shown_view(), View::Library) { <DroppedFiles /> }
                { view }
            </main>
            </ImportProvider>
            </NotesProvider>
        </ContextProvider<Ctx>>
    }
}

/// The component of a view, given its own settings (the reader-defined themes and the rest come
/// from the context). Also renders lesson steps.
pub fn view_html(view: &View) -> Html {
    match view {
        View::Library => html! { <Library /> },
        View::Read(r) => html! { <Reader view={r.clone()} /> },
        View::Explore(e) => html! { <ExploreView view={e.clone()} /> },
        View::Overview { part } => html! { <crate::overview::OverviewView part={*part} /> },
        View::Map => html! { <MapView /> },
        // Replaced at once by the pair that shares the most wording (`App`), when there are two.
        View::Compare(c) => html! { <CompareView view={c.clone()} /> },
        View::Source(s) => html! { <SourceView view={s.clone()} /> },
        View::Methods => html! { <MethodsView /> },
        View::Notes => html! { <NotesView /> },
        View::Handout(lesson) => html! { <crate::handout::HandoutView lesson={lesson.clone()} /> },
        View::Missing(m) => html! { <crate::missing::MissingView missing={m.clone()} /> },
        View::Lesson(lesson) => {
            // The step, or the view opened from it; the core refuses a lesson inside a lesson.
            let step = match lesson.shown().map(|s| &s.view) {
                Some(View::Lesson(_)) | None => Html::default(),
                Some(view) => view_html(view),
            };
            html! { <crate::lesson::LessonView lesson={lesson.clone()}>{ step }</crate::lesson::LessonView> }
        }
    }
}
