//! The app shell: decodes the corpus once, follows the route, and lays out the skip link, header
//! and `<main>` around the view the route selects. It holds no reading logic of its own.

use std::rc::Rc;

use parallax_core::{Bundle, Route};
use yew::prelude::*;

use crate::data;
use crate::dom;
use crate::library::Library;
use crate::load_error::LoadError;
use crate::not_found::{Missing, NotFound};
use crate::reader::Reader;
use crate::route;

#[component]
pub fn App() -> Html {
    // Decoded once for the life of the page; the memo never recomputes.
    let bundle = use_memo((), |_| data::load().map(Rc::new));
    let route = route::use_route();
    let loaded = bundle.is_ok();

    use_effect_with((), move |_| {
        dom::mark_ready(if loaded { "true" } else { "error" })
    });

    // A new view starts at its top, with focus on `<main>`; the first view keeps the browser's
    // own position, and a passage route is handled by the reader, which scrolls to the passage.
    let first_view = use_mut_ref(|| true);
    use_effect_with(route.clone(), move |route| {
        let was_first = std::mem::replace(&mut *first_view.borrow_mut(), false);
        let targets_passage = matches!(
            route,
            Route::Read {
                passage: Some(_),
                ..
            }
        );
        if !was_first && !targets_passage {
            dom::start_of_view();
        }
    });

    let skip = Callback::from(|e: MouseEvent| {
        // The fragment holds the route, so the skip link moves focus instead of navigating.
        e.prevent_default();
        dom::focus("main");
    });

    let view = match &*bundle {
        Ok(bundle) => view(bundle, &route),
        Err(error) => html! { <LoadError message={error.to_string()} /> },
    };

    html! {
        <>
            <a class="skip-link" href="#main" onclick={skip}>{ "Skip to content" }</a>
            <header class="site-header">
                <div class="site-header-inner">
                    <a class="app-name" href="#/">{ "Parallax" }</a>
                </div>
            </header>
            <main id="main" tabindex="-1">{ view }</main>
        </>
    }
}

/// The view for a route, or a not-found view naming what is missing.
fn view(bundle: &Rc<Bundle>, route: &Route) -> Html {
    let corpus = &bundle.corpus;
    match route {
        Route::Library => html! { <Library bundle={bundle.clone()} /> },
        Route::Read { doc, passage } => {
            let Some(document) = corpus.document(doc) else {
                return html! { <NotFound missing={Missing::Document { id: doc.clone().into() }} /> };
            };
            if let Some(pid) = passage {
                if document.passage(pid).is_none() {
                    let missing = Missing::Passage {
                        doc: doc.clone().into(),
                        title: document.title.clone().into(),
                        passage: pid.clone().into(),
                    };
                    return html! { <NotFound {missing} /> };
                }
            }
            html! {
                <Reader
                    bundle={bundle.clone()}
                    doc={AttrValue::from(doc.clone())}
                    passage={passage.clone().map(AttrValue::from)}
                />
            }
        }
        Route::NotFound { .. } => {
            let missing = Missing::Route {
                fragment: route.to_fragment().into(),
            };
            html! { <NotFound {missing} /> }
        }
    }
}
