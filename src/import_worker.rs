//! The costly half of an import (`import::wire::prepare_file`: reading and cleaning one file) in a Web Worker that runs this same program, so that the page never freezes on a large file; on the page's own thread, in two tasks with a paint between, where no worker can start (a page opened from `file://`).
//!
//! The worker is `assets/import-worker.js`, a module worker beside the build's files. The page
//! hands it the program it runs itself (the compiled `WebAssembly.Module` and the URL of its
//! wasm-bindgen module, found by the `modulepreload` link Trunk writes), then one file at a time;
//! the worker answers with the outcome as bytes (`wire::encode`), which the page reads back. The
//! worker is started for a batch of files and ended with it (`release`).

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use parallax_core::import::{extract_with, prepare, wire, ImportError, Prepared};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use crate::own_docs::BUILD;
use crate::text_decoder::BrowserDecoder;

/// The worker's script, beside the build's files (index.html copies it there).
const SCRIPT: &str = "import-worker.js";
/// The Trusted Types policy that makes the worker's script URL (tools/csp.mjs allows it).
const POLICY: &str = "parallax-worker";

/// Runs in the worker (`assets/import-worker.js` calls it): the outcome of preparing the file
/// `name` as document `id` of this build, as bytes for the page.
#[wasm_bindgen]
pub fn prepare_in_worker(name: &str, bytes: &[u8], id: &str) -> Vec<u8> {
    wire::encode(&wire::prepare_file(name, bytes, &BrowserDecoder, id, BUILD))
}

/// The worker as the page knows it.
enum State {
    /// Not asked for yet.
    Unstarted,
    Running(Worker),
    /// Could not start here (no `modulepreload` link, a `file://` page, a browser that refused):
    /// imports run on the page's thread.
    Unavailable,
}

thread_local! {
    static WORKER: RefCell<State> = const { RefCell::new(State::Unstarted) };
    /// The worker's script URL as the Worker constructor takes it (`script_url`), made once: a
    /// Trusted Types policy can be created only once in a page.
    static SCRIPT_URL: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// Reads and cleans the file `name` into document `id`, in the worker when one can run, else on
/// this thread (with a paint between its two halves). `Err` with a message when the worker
/// stopped on the file (a bug: the page itself is unharmed).
pub async fn prepare_file(
    name: &str,
    bytes: Vec<u8>,
    id: &str,
) -> Result<Result<Prepared, ImportError>, String> {
    if let Some(worker) = worker() {
        match ask(&worker, name, &bytes, id).await {
            Answer::Done(outcome) => {
                mark("worker");
                return Ok(*outcome);
            }
            Answer::Stopped(why) => {
                release();
                return Err(why);
            }
            // The worker's program did not load: this file and the next ones here.
            Answer::NotStarted => {
                release();
                WORKER.with(|w| *w.borrow_mut() = State::Unavailable);
            }
        }
    }
    mark("page");
    let extracted = match extract_with(name, &bytes, &BrowserDecoder) {
        Ok(e) => e,
        Err(e) => return Ok(Err(e)),
    };
    drop(bytes);
    crate::dom::painted().await;
    Ok(prepare(extracted, id).map(|i| Prepared::new(i, BUILD)))
}

/// Says on the page's root element where the last import was prepared (`data-import-ran`:
/// `worker` or `page`), for the tests and anyone curious.
fn mark(place: &str) {
    crate::dom::mark_root("data-import-ran", place);
}

enum Answer {
    Done(Box<Result<Prepared, ImportError>>),
    Stopped(String),
    NotStarted,
}

/// Sends the file to the worker and waits for its answer.
async fn ask(worker: &Worker, name: &str, bytes: &[u8], id: &str) -> Answer {
    let data = Uint8Array::from(bytes);
    let message = Object::new();
    let _ = Reflect::set(&message, &"name".into(), &name.into());
    let _ = Reflect::set(&message, &"bytes".into(), &data);
    let _ = Reflect::set(&message, &"id".into(), &id.into());
    // The answer's event, or the worker's error event: `resolve` and `reject` are the handlers.
    let answer = js_sys::Promise::new(&mut |resolve: Function, reject: Function| {
        worker.set_onmessage(Some(&resolve));
        worker.set_onerror(Some(&reject));
    });
    if worker
        .post_message_with_transfer(&message, &Array::of1(&data.buffer()))
        .is_err()
    {
        return Answer::NotStarted;
    }
    let event = JsFuture::from(answer).await;
    worker.set_onmessage(None);
    worker.set_onerror(None);
    let Ok(event) = event else {
        // An error event: the script or the program could not be loaded.
        return Answer::NotStarted;
    };
    let data = event.unchecked_into::<MessageEvent>().data();
    let field = |k: &str| Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
    if let Some(bytes) = field("ok").dyn_ref::<Uint8Array>() {
        return match wire::decode(&bytes.to_vec()) {
            Some(outcome) => Answer::Done(Box::new(outcome)),
            None => Answer::Stopped("its answer could not be read".into()),
        };
    }
    if field("starting").is_truthy() {
        return Answer::NotStarted;
    }
    Answer::Stopped(field("error").as_string().unwrap_or_default())
}

/// The running worker, started at the first call; `None` where none can run.
fn worker() -> Option<Worker> {
    WORKER.with(|w| {
        let mut w = w.borrow_mut();
        if let State::Unstarted = *w {
            *w = start().map_or(State::Unavailable, State::Running);
        }
        match &*w {
            State::Running(worker) => Some(worker.clone()),
            _ => None,
        }
    })
}

/// Ends the worker, giving back its memory (a large page's import grows the worker's wasm
/// memory, which never shrinks): once a batch of files is imported, or when it stopped on a
/// file. The next import starts another.
pub fn release() {
    WORKER.with(|w| {
        let mut w = w.borrow_mut();
        if let State::Running(worker) = &*w {
            worker.terminate();
            *w = State::Unstarted;
        }
    });
}

/// Starts the worker and hands it this program; `None` where it cannot run.
fn start() -> Option<Worker> {
    let window = web_sys::window()?;
    if !matches!(
        window.location().protocol().ok()?.as_str(),
        "http:" | "https:"
    ) {
        return None;
    }
    let glue = window
        .document()?
        .query_selector("link[rel=modulepreload][href$='.js']")
        .ok()??
        .get_attribute("href")?;
    let base = web_sys::Url::new_with_base(&glue, &window.location().href().ok()?).ok()?;
    let url = web_sys::Url::new_with_base(SCRIPT, &base.href())
        .ok()?
        .href();
    let options = Object::new();
    Reflect::set(&options, &"type".into(), &"module".into()).ok()?;
    let constructor: Function = Reflect::get(&window, &"Worker".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let script = match SCRIPT_URL.with(|u| u.borrow().clone()) {
        Some(script) => script,
        None => {
            let script = script_url(&window, &url)?;
            SCRIPT_URL.with(|u| *u.borrow_mut() = Some(script.clone()));
            script
        }
    };
    let worker: Worker = Reflect::construct(&constructor, &Array::of2(&script, &options))
        .ok()?
        .dyn_into()
        .ok()?;
    let hello = Object::new();
    Reflect::set(&hello, &"glue".into(), &base.href().into()).ok()?;
    Reflect::set(&hello, &"module".into(), &wasm_bindgen::module()).ok()?;
    if worker.post_message(&hello).is_err() {
        worker.terminate();
        return None;
    }
    Some(worker)
}

/// `url` as the Worker constructor takes it: under the page's Trusted Types policy (served
/// builds, tools/csp.mjs), a `TrustedScriptURL` from the `parallax-worker` policy, which makes
/// that one URL and no other.
fn script_url(window: &web_sys::Window, url: &str) -> Option<JsValue> {
    let types = Reflect::get(window, &"trustedTypes".into()).ok()?;
    if types.is_undefined() {
        return Some(url.into());
    }
    let only = url.to_owned();
    let make = Closure::<dyn Fn(String) -> Result<JsValue, JsValue>>::new(move |u: String| {
        if u == only {
            Ok(u.into())
        } else {
            Err(js_sys::TypeError::new("parallax-worker: no other script").into())
        }
    });
    let rules = Object::new();
    Reflect::set(&rules, &"createScriptURL".into(), make.as_ref()).ok()?;
    let create: Function = Reflect::get(&types, &"createPolicy".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let policy = create.call2(&types, &POLICY.into(), &rules).ok()?;
    // The policy keeps the rule for the page's life.
    make.forget();
    let create_url: Function = Reflect::get(&policy, &"createScriptURL".into())
        .ok()?
        .dyn_into()
        .ok()?;
    create_url.call1(&policy, &url.into()).ok()
}
