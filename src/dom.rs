//! DOM glue shared by the views: the URL fragment, the document title, focus, scrolling, the
//! ready flag, the clock and random numbers. Every browser call here tolerates a missing window
//! or element instead of panicking.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{FocusOptions, HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::prelude::*;

fn href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// The fragment of `location.href`: everything after its first `#`. We read `href`, not
/// `location.hash`, because browsers differ in how they decode `hash`. With no fragment (no `#`,
/// or nothing after it): the view of a page prerendered at build time (`read-002.html` holds
/// `/read/002` in its `<meta name="parallax-prerendered">`, `parallax_pack::prerender`), else "",
/// as `assets/prerendered.js` reads it.
pub fn fragment() -> String {
    match href().split_once('#') {
        Some((_, fragment)) if !fragment.is_empty() => fragment.to_owned(),
        _ => web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector("meta[name=parallax-prerendered]")
                    .ok()
                    .flatten()
            })
            .and_then(|meta| meta.get_attribute("content"))
            .unwrap_or_default(),
    }
}

/// The documents with a page prerendered at build time (`<meta name="parallax-pages">`,
/// `parallax_pack::prerender`), on the web only: none in the single file, opened from a file, or
/// in a build that wrote none.
pub fn pages() -> Rc<[String]> {
    thread_local! {
        static PAGES: Rc<[String]> = web_sys::window()
            .filter(|w| w.location().protocol().is_ok_and(|p| p == "http:" || p == "https:"))
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("meta[name=parallax-pages]").ok().flatten())
            .and_then(|meta| meta.get_attribute("content"))
            .map(|ids| ids.split_ascii_whitespace().map(str::to_owned).collect())
            .unwrap_or_default();
    }
    PAGES.with(Rc::clone)
}

/// The address to write for `link` (`state`'s canonical fragment, with `#`): under the page
/// prerendered for its view (`read-002.html#/read/002/p4…`), or the library's page (`./#/…`),
/// so that the address a reader copies opens with its text at first paint; the fragment alone
/// where the build has no such pages. The rule is the core's `state::prerendered_page`.
pub fn link_url(state: &parallax_core::state::State, link: &str) -> String {
    let pages = pages();
    if pages.is_empty() {
        return link.to_owned();
    }
    let page = parallax_core::state::prerendered_page(state, &pages);
    format!("{}{link}", page.as_deref().unwrap_or("./"))
}

/// Whether `url` (relative to this page) is the address shown now.
pub fn is_current(url: &str) -> bool {
    let here = href();
    web_sys::Url::new_with_base(url, &here).is_ok_and(|u| u.href() == here)
}

/// The web address this build is published at, when it was built with one
/// (`PARALLAX_WEB_ADDRESS=https://school.example/parallax/ make bundle`): links shared from the
/// single file then point there instead of being bare fragments.
const BUILT_FOR: Option<&str> = option_env!("PARALLAX_WEB_ADDRESS");

/// The base of every link written to share (a lesson, an export, notes, a citation, a QR
/// code): the page's address without its fragment when it is on the web; from a page opened as
/// a file, the address it was built for, or "" (the bare fragment, which any copy opens with
/// "Open a link"). The rule is the core's `state::share_base`.
pub fn page_address() -> String {
    let href = href();
    let mut page = href.split('#').next().unwrap_or_default();
    // A build with prerendered pages: its folder, and each link names the page that shows it
    // (`share_link`, `LinkBase::pages`).
    if !pages().is_empty() {
        page = page.split('?').next().unwrap_or_default();
        page = &page[..page.rfind('/').map_or(page.len(), |i| i + 1)];
    }
    parallax_core::state::share_base(page, BUILT_FOR).to_owned()
}

/// The link to share for `state` (`link`, its canonical fragment): this site's address and the
/// page that shows it, as the address bar shows it once the app has written it (`link_url`).
pub fn share_link(state: &parallax_core::state::State, link: &str) -> String {
    let page = parallax_core::state::prerendered_page(state, &pages());
    format!("{}{}{link}", page_address(), page.unwrap_or_default())
}

/// Opens `fragment` (without `#`) as a followed link would: a new history entry, and the app
/// reads it on `hashchange`. False when it is the link already open (nothing changes).
pub fn open_fragment(fragment: &str) -> bool {
    let before = self::fragment();
    let set = web_sys::window().is_some_and(|w| w.location().set_hash(fragment).is_ok());
    // The browser encodes what the fragment needs; the same link, encoded, changes nothing.
    set && self::fragment() != before
}

thread_local! {
    /// A title waiting for the next paint (`use_title_after_paint`).
    static PENDING_TITLE: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// Keeps `document.title` equal to `title` while the calling component is shown.
#[hook]
pub fn use_title(title: String) {
    use_effect_with(title, |title| {
        PENDING_TITLE.with(|p| p.borrow_mut().take());
        set_title(title);
    });
}

/// Like `use_title`, for a title that changes while the view is used (the explorer's, with each
/// key typed): the first title is set at once, later ones after the browser has painted the
/// change, since setting `document.title` takes about a millisecond in Chromium.
#[hook]
pub fn use_title_after_paint(title: String) {
    let first = use_mut_ref(|| true);
    use_effect_with(title, move |title| {
        if std::mem::replace(&mut *first.borrow_mut(), false) {
            PENDING_TITLE.with(|p| p.borrow_mut().take());
            set_title(title);
            return;
        }
        let waiting = PENDING_TITLE.with(|p| p.borrow_mut().replace(title.clone()).is_some());
        if !waiting {
            after_paint(|| {
                if let Some(title) = PENDING_TITLE.with(|p| p.borrow_mut().take()) {
                    set_title(&title);
                }
            });
        }
    });
}

/// A job run once by whichever of two callbacks comes first.
type Job = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

/// Runs `f` once, after the browser has painted what is in the DOM now: an animation frame
/// runs just before a paint, and a task queued from it runs after. A timer makes sure of it when
/// no frame comes (a page in the background gets none).
pub fn after_paint(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let job: Job = Rc::new(RefCell::new(Some(Box::new(f))));
    let run = |job: Job| {
        Closure::once_into_js(move || {
            let f = job.borrow_mut().take();
            if let Some(f) = f {
                f();
            }
        })
    };
    let soon = run(job.clone());
    let frame = Closure::once_into_js(move || {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(soon.unchecked_ref());
        }
    });
    let _ = window.request_animation_frame(frame.unchecked_ref());
    let late = run(job);
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(late.unchecked_ref(), 200);
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

/// The page's scroll padding at the top and at the bottom in pixels (what the lesson bar and, on
/// a phone, the lesson sheet cover), 0 where it is `auto`.
fn scroll_padding(window: &web_sys::Window) -> (f64, f64) {
    let Some(style) = window
        .document()
        .and_then(|d| d.document_element())
        .and_then(|root| window.get_computed_style(&root).ok().flatten())
    else {
        return (0.0, 0.0);
    };
    let px = |p: &str| {
        style
            .get_property_value(p)
            .ok()
            .and_then(|v| v.strip_suffix("px").and_then(|n| n.parse::<f64>().ok()))
            .unwrap_or(0.0)
    };
    (px("scroll-padding-top"), px("scroll-padding-bottom"))
}

/// Scrolls the element with this id into view and focuses it: centred when it fits in what the
/// viewport shows between the page's scroll padding (the lesson bar, a phone's lesson sheet),
/// otherwise aligned at the top so that its first line is what the reader sees; not moved when
/// it is already in full view there.
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
        let (top, bottom) = scroll_padding(&window);
        // Already in full view (a prerendered page's own scroll to the passage its link names):
        // left where the reader sees it, rather than moved under her eyes.
        let rect = element.get_bounding_client_rect();
        if rect.top() >= top && rect.bottom() <= viewport - bottom {
            focus_quietly(&element);
            return;
        }
        let shown = (viewport - top - bottom).max(0.0);
        let fits = f64::from(element.offset_height()) <= shown * 0.9;
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

thread_local! {
    /// How many views are still drawing what their first render left out (`HoldReady`), and the
    /// `data-ready` value waiting for them.
    static READY: RefCell<(usize, Option<String>)> = const { RefCell::new((0, None)) };
}

/// Marks `<html>` with `data-ready`, which tests and tools wait for: at once, or when the last
/// `HoldReady` goes, so that it means the view linked is all drawn.
pub fn mark_ready(value: &str) {
    let now = READY.with_borrow_mut(|(holds, waiting)| {
        if *holds > 0 {
            *waiting = Some(value.to_owned());
        }
        *holds == 0
    });
    if now {
        mark_root("data-ready", value);
    }
}

/// Holds `data-ready` back while it lives: taken by a view that draws its frame first and its
/// findings a few tasks later (compare), at its first render, before the app's `mark_ready`.
pub struct HoldReady(());

impl HoldReady {
    pub fn new() -> HoldReady {
        READY.with_borrow_mut(|(holds, _)| *holds += 1);
        HoldReady(())
    }
}

impl Drop for HoldReady {
    fn drop(&mut self) {
        let waiting = READY.with_borrow_mut(|(holds, waiting)| {
            *holds -= 1;
            if *holds == 0 {
                waiting.take()
            } else {
                None
            }
        });
        if let Some(value) = waiting {
            mark_root("data-ready", &value);
        }
    }
}

/// Sets the attribute `name` (a valid, constant name) of `<html>` to `value`.
pub fn mark_root(name: &str, value: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        // Setting an attribute with a valid, constant name cannot fail.
        let _ = root.set_attribute(name, value);
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

/// Today's date in the reader's time zone, `YYYY-MM-DD` (the core has no clock).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// True on phone-sized windows (narrower than 48rem at the default 16 px), where secondary
/// panels start folded.
pub fn is_narrow() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < 768.0)
}

/// Focuses the first element matching `selector` once the browser has painted the change just
/// made: for a control that removes itself (or what holds it), whose focus would otherwise fall
/// to the page.
pub fn focus_after_paint(selector: String) {
    after_paint(move || focus_selector(&selector));
}

/// Where focus goes when item `i` (from 0) of a list of `len` items is removed: the button of
/// the item that takes its place, or of the one before it, in the list `list` (a selector of
/// the `<ul>` or `<ol>`); `otherwise` when it was the only one.
pub fn after_removal(list: &str, i: usize, len: usize, otherwise: &str) -> String {
    if i + 1 < len {
        format!("{list} > li:nth-child({}) button", i + 1)
    } else if i > 0 {
        format!("{list} > li:nth-child({i}) button")
    } else {
        otherwise.to_owned()
    }
}

/// Focuses the first element matching a CSS selector (scrolling it into view, as the keyboard
/// would); nothing when none matches.
pub fn focus_selector(selector: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// The browser's clock: milliseconds since 1970-01-01 UTC.
pub fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// A random number from the browser, for ids and keys that must not meet.
pub fn random_u32() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

/// Lets the browser paint (progress, say) and handle what the reader did (a key, a click, a
/// scroll) before the work that follows: resolves in a task queued after the next frame has
/// painted (`after_paint`), since a bare timer task may run before any frame.
pub async fn painted() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        after_paint(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        })
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Lets the browser handle what waits (a key, a click, a frame that is due) before the work that
/// follows, without waiting for a frame: resolves in a task of its own, a message the page sends
/// itself, which browsers do not hold back in a tab out of sight as they do frames and timers.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let sent = web_sys::MessageChannel::new().and_then(|channel| {
            channel.port2().set_onmessage(Some(&resolve));
            channel
                .port1()
                .post_message(&wasm_bindgen::JsValue::UNDEFINED)
        });
        if sent.is_err() {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The value of the chosen `<option>` of the `<select>` an event came from. Read through the
/// option element's attribute, which needs no select-specific browser binding.
pub fn chosen(e: &yew::Event) -> Option<String> {
    e.target_dyn_into::<web_sys::Element>()?
        .query_selector("option:checked")
        .ok()??
        .get_attribute("value")
}

/// The text now in the line or the text area an input event came from.
pub fn typed(e: &InputEvent) -> Option<String> {
    e.target_dyn_into::<web_sys::HtmlTextAreaElement>()
        .map(|t| t.value())
        .or_else(|| {
            e.target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
        })
}

/// A text box's `oninput` that keeps what is typed in `text`.
pub fn typed_into(text: &UseStateHandle<String>) -> Callback<InputEvent> {
    let text = text.clone();
    Callback::from(move |e: InputEvent| {
        if let Some(value) = typed(&e) {
            text.set(value);
        }
    })
}
