//! DOM glue shared by the views: the URL fragment, the document title, focus, scrolling and the
//! ready flag. Every browser call here tolerates a missing window or element instead of panicking.

use wasm_bindgen::JsCast;
use web_sys::{FocusOptions, HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::prelude::*;

/// The fragment of `location.href`: everything after its first `#`, or "" when there is none.
/// We read `href`, not `location.hash`, because browsers differ in how they decode `hash`.
pub fn fragment() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split_once('#')
        .map_or(String::new(), |(_, fragment)| fragment.to_owned())
}

/// Keeps `document.title` equal to `title` while the calling component is shown.
#[hook]
pub fn use_title(title: String) {
    use_effect_with(title, |title| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(title);
        }
    });
}

fn element_by_id(id: &str) -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into::<HtmlElement>()
        .ok()
}

/// Focuses an element without letting the browser scroll it.
fn focus_quietly(element: &HtmlElement) {
    let options = FocusOptions::new();
    options.set_prevent_scroll(true);
    // Focus only fails on elements that cannot take focus; then there is nothing to do.
    let _ = element.focus_with_options(&options);
}

/// Scrolls the element with this id into view and focuses it: centred when it fits in the
/// viewport, otherwise aligned at the top so that its first line is what the reader sees.
pub fn reveal(id: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(element) = element_by_id(id) {
        let viewport = window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let fits = f64::from(element.offset_height()) <= viewport * 0.9;
        let options = ScrollIntoViewOptions::new();
        options.set_block(if fits {
            ScrollLogicalPosition::Center
        } else {
            ScrollLogicalPosition::Start
        });
        element.scroll_into_view_with_scroll_into_view_options(&options);
        focus_quietly(&element);
    }
}

/// Moves focus to the element with this id without scrolling (used by the skip link).
pub fn focus(id: &str) {
    if let Some(element) = element_by_id(id) {
        focus_quietly(&element);
    }
}

/// Scrolls to the top and focuses `<main>`, so that a new view starts at its beginning for
/// keyboard and screen-reader users too.
pub fn start_of_view() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
    focus("main");
}

/// Marks `<html>` with `data-ready`, which tests and tools wait for.
pub fn mark_ready(value: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        // Setting an attribute with a valid, constant name cannot fail.
        let _ = root.set_attribute("data-ready", value);
    }
}

/// Offers `text` as a file download named `name`, through a temporary object URL; returns false
/// when the browser refused (the caller says so instead of failing silently).
pub fn download(name: &str, mime: &str, text: &str) -> bool {
    let attempt = || -> Option<()> {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let document = web_sys::window()?.document()?;
        let a = document
            .create_element("a")
            .ok()?
            .dyn_into::<web_sys::HtmlAnchorElement>()
            .ok()?;
        a.set_href(&url);
        a.set_download(name);
        a.click();
        // The click has started the download; the URL is no longer needed.
        let _ = web_sys::Url::revoke_object_url(&url);
        Some(())
    };
    attempt().is_some()
}

/// True on phone-sized windows (narrower than 48rem at the default 16 px), where secondary
/// panels start folded.
pub fn is_narrow() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < 768.0)
}
