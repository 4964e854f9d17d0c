//! The single-file page: Trunk's `index.html` with every file it loads put inside it, so that it
//! runs from `file://` with no request at all.
//!
//! lol_html rewrites the page, with an element handler for each kind of tag and a last pass for
//! the policy:
//!
//! - each `<link rel="stylesheet">` becomes a `<style>` with the file's text (its `url()`s turned
//!   into `data:` URLs);
//! - the icon links get `data:` URLs;
//! - the preload hints for the JS and wasm go;
//! - Trunk's start-up `<script type="module">` (`import init, * as bindings from '/x.js'; …
//!   init({ module_or_path: '/x_bg.wasm' })`) becomes a data block holding the wasm in base64
//!   and one module script: the wasm-bindgen JS itself, then Trunk's start-up code with the
//!   import replaced by the JS's own exports and the wasm path by the decoded bytes;
//! - a Content-Security-Policy that allows exactly those inline scripts and styles (by hash) and
//!   WebAssembly, and no request of any kind, goes first in `<head>`, with the payload checksum
//!   in `<meta name="parallax-bundle">`.
//!
//! Anything else that would load a file (another script, an image, a manifest that cannot be
//! used from `file://`) is inlined, dropped with a note, or refused with a message naming it.

use std::cell::RefCell;
use std::sync::LazyLock;

use html_escape::encode_double_quoted_attribute;
use lol_html::html_content::{ContentType, Element};
use lol_html::{element, rewrite_str};
use regex::Regex;
use sha2::{Digest, Sha256};

use crate::dist::{classify, Dist, File, Href};
use crate::encode::{base64, csp_hash, data_url, normalize_text};
use crate::html::{attr, insert_in_head, line_of, read, rewrite_error, settings, tokens};
use crate::prerender;
use crate::PackError;

/// The `name` of the meta element that carries the payload checksum.
pub const BUNDLE_META: &str = "parallax-bundle";
/// The `id` of the data block that holds the wasm in base64.
pub const WASM_BLOCK_ID: &str = "parallax-wasm";
/// The `id` of the data block (`type="application/json"`, never executed, so outside the
/// policy's script hashes) where the app writes a collection of documents when it writes itself
/// out as one file ("Download as one file"); empty as packed.
pub const COLLECTION_BLOCK_ID: &str = "parallax-collection";
/// The global where the start-up module keeps the page as parsed (before it removes the wasm
/// block), for the app to write itself out again.
pub const PAGE_GLOBAL: &str = "__parallaxPage";

/// The page and what it is made of.
#[derive(Debug, Clone)]
pub struct SingleFile {
    pub html: String,
    /// SHA-256 (hex) of the payload: the wasm, the wasm-bindgen JS, then every other script and
    /// stylesheet file put inside the page in the order index.html names them, bytes as they are
    /// in the build (what `cat WASM JS OTHERS… | sha256sum` prints).
    pub payload_sha256: String,
    /// The payload's files in the order hashed.
    pub payload: Vec<String>,
    /// The Content-Security-Policy written into the page.
    pub csp: String,
    /// Things changed beyond inlining (a dropped manifest link, a `<base>` removed…).
    pub notes: Vec<String>,
}

/// What the start-up module script says.
struct Bootstrap {
    js: String,
    wasm: String,
    /// Trunk's script text with the import removed and the wasm path replaced by the bytes.
    body: String,
    init_name: String,
    namespace: Option<String>,
}

/// What the wasm-bindgen JS exports: `(exported name, local name)`, and the local name of the
/// default export (its init function).
struct Exports {
    names: Vec<(String, String)>,
    default: String,
}

/// The start-up script once put inside the page: the wasm and the JS it loads, and the hash of
/// the module script that replaced it.
struct StartUp {
    wasm: File,
    js: File,
    hash: String,
}

/// A JavaScript identifier, as wasm-bindgen and Trunk write them.
const IDENT: &str = r"[A-Za-z_$][\w$]*";

/// Every regular expression of the packer, compiled once. They read generated text of a known
/// shape (Trunk's start-up script, wasm-bindgen's JS, the build's stylesheets), which no HTML
/// parser reads for us; each says why it is needed.
struct Patterns {
    /// Trunk's `import init, * as bindings from '/x.js';` line: names the JS, and is cut out.
    trunk_import: Regex,
    /// Any static `import`: a second module cannot be inlined, so one is refused.
    any_import: Regex,
    /// The `'/x_bg.wasm'` literal in Trunk's init call: where the decoded bytes go instead.
    wasm_literal: Regex,
    /// A call `f(` or `a.f(` (the callee whole): Trunk's code must call init with the wasm.
    call: Regex,
    /// `export function f` / `class C` / `const x`: an export for Trunk's `bindings` namespace.
    export_decl: Regex,
    /// `export { a, b as default }` (and `from` after it: a re-export, refused).
    export_list: Regex,
    /// `export default f;`: the init function, as older wasm-bindgen names it.
    export_default: Regex,
    /// `export * from`: a re-export, refused.
    export_star: Regex,
    /// `url(…)` in CSS: each file of the build it names becomes a `data:` URL.
    css_url: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let re = |p: &str| Regex::new(p).expect("valid regex");
    Patterns {
        trunk_import: re(&format!(
            r#"(?m)^[ \t]*import\s+({IDENT})\s*(?:,\s*\*\s*as\s+({IDENT})\s*)?from\s*(?:'([^'\n]*)'|"([^"\n]*)")\s*;?[ \t]*\n?"#
        )),
        any_import: re(r#"(?m)^[ \t]*import\b\s*[\w$*{'"]"#),
        wasm_literal: re(r#"'([^'\n]*\.wasm)'|"([^"\n]*\.wasm)""#),
        call: re(r"([\w$.]+)\s*\("),
        export_decl: re(&format!(
            r"(?m)^export\s+(?:(?:async\s+)?function\b\s*\*?\s*|(?:class|const|let|var)\s+)({IDENT})"
        )),
        export_list: re(r"(?m)^export\s*\{([^}]*)\}\s*(from\b)?"),
        export_default: re(&format!(
            r"(?m)^export\s+default\s+(?:(?:async\s+)?function\s*\*?\s*|class\s+)?({IDENT})\s*[;(\n{{]"
        )),
        export_star: re(r"(?m)^export\s*\*"),
        css_url: re(r#"(?i)url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)"#),
    }
});

struct Builder<'a> {
    dist: &'a Dist,
    script_hashes: Vec<String>,
    style_hashes: Vec<String>,
    fonts: bool,
    /// Script and stylesheet files put inside the page, in document order (part of the payload).
    inlined: Vec<File>,
    notes: Vec<String>,
    start_up: Option<StartUp>,
}

const JS_TYPES: [&str; 4] = ["", "text/javascript", "application/javascript", "module"];

/// Elements with a handler of their own, which `Builder::other` leaves alone.
const OWN_HANDLER: [&str; 5] = ["link", "script", "style", "base", "meta"];

/// Builds the single-file page from the release build in `dist`.
pub fn build(dist: &Dist) -> Result<SingleFile, PackError> {
    let index = &dist.index;
    // The first read: each script's and style's text, which its handler needs at its start tag.
    let outline = read(index)?;
    if !outline.head && !outline.charset_first {
        return Err(PackError::new(
            "index.html has no <head> start tag, nor a <meta charset> before its first script, \
             style or link, to put the Content-Security-Policy after",
        ));
    }
    let b = RefCell::new(Builder {
        dist,
        script_hashes: Vec::new(),
        style_hashes: Vec::new(),
        fonts: false,
        inlined: Vec::new(),
        notes: Vec::new(),
        start_up: None,
    });
    let start = |el: &Element| el.source_location().bytes().start;
    let at = |el: &Element| format!("index.html line {}", line_of(index, start(el)));
    let text = |el: &Element| normalize_text(outline.texts.get(&start(el)).map_or("", |t| t));
    let settings = settings()
        .append_element_content_handler(element!("link", |el| {
            let at = at(el);
            Ok(b.borrow_mut().link(el, &at)?)
        }))
        .append_element_content_handler(element!("script", |el| {
            let (text, at) = (text(el), at(el));
            Ok(b.borrow_mut().script(el, &text, &at)?)
        }))
        .append_element_content_handler(element!("style", |el| {
            let mut b = b.borrow_mut();
            let css = b.css("", &text(el), &at(el))?;
            b.style_hashes.push(csp_hash(&css));
            el.set_inner_content(&css, ContentType::Html);
            Ok(())
        }))
        .append_element_content_handler(element!("base", |el| {
            b.borrow_mut().notes.push(format!(
                "{}: removed <base>: from file:// it would send the app's own links elsewhere",
                at(el)
            ));
            el.remove();
            Ok(())
        }))
        .append_element_content_handler(element!("meta", |el| {
            let equiv = attr(el, "http-equiv").unwrap_or_default();
            if equiv.eq_ignore_ascii_case("content-security-policy") {
                b.borrow_mut().notes.push(format!(
                    "{}: replaced the page's Content-Security-Policy by the single file's own",
                    at(el)
                ));
                el.remove();
            } else if attr(el, "name").as_deref() == Some(BUNDLE_META)
                || attr(el, "name").as_deref() == Some(prerender::VIEW_META)
                || attr(el, "name").as_deref() == Some(prerender::PAGES_META)
            {
                el.remove();
            }
            Ok(())
        }))
        // The prerendered library links to reader pages that the single file does not have: it
        // shows the loading message until the app renders, as it always did.
        .append_element_content_handler(element!("html", |el| {
            el.remove_attribute("data-prerendered");
            Ok(())
        }))
        .append_element_content_handler(element!("main .pre-view", |el| {
            el.remove();
            Ok(())
        }))
        .append_element_content_handler(element!(
            "[src], [srcset], [poster], object[data], [background]",
            |el| {
                let at = at(el);
                Ok(b.borrow_mut().other(el, &at)?)
            }
        ));
    let page = rewrite_str(index, settings).map_err(|e| rewrite_error("index.html", e))?;
    let mut b = b.into_inner();
    let start_up = b.start_up.take().ok_or_else(|| {
        PackError::new(
            "index.html has no <script type=\"module\"> that imports the wasm-bindgen JS and calls its \
             init with the wasm (is this a Trunk release build of a Rust app?)",
        )
    })?;
    b.script_hashes.push(start_up.hash);

    let mut hasher = Sha256::new();
    let mut payload = vec![start_up.wasm.name.clone(), start_up.js.name.clone()];
    hasher.update(&start_up.wasm.bytes);
    hasher.update(&start_up.js.bytes);
    for file in &b.inlined {
        hasher.update(&file.bytes);
        payload.push(file.name.clone());
    }
    let payload_sha256: String = hasher
        .finalize()
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect();

    // The last pass: the policy can only be written once every inline script and style is known.
    let csp = policy(&b.script_hashes, &b.style_hashes, b.fonts);
    let head = format!(
        "\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\
         \n    <!-- {BUNDLE_META}: SHA-256 of the payload, i.e. of the bytes of {} as built by Trunk, in that order -->\
         \n    <meta name=\"{BUNDLE_META}\" content=\"{payload_sha256}\">\
         \n    <script type=\"application/json\" id=\"{COLLECTION_BLOCK_ID}\"></script>",
        payload.join(", ")
    );
    let html = if outline.head {
        insert_in_head(&page, &head, outline.charset_after_head, false)?
    } else {
        insert_in_head(&page, &head, true, true)?
    };
    Ok(SingleFile {
        html,
        payload_sha256,
        payload,
        csp,
        notes: b.notes,
    })
}

/// The policy: nothing by default; scripts only the inline ones written (by hash) and
/// WebAssembly compilation; styles only the inline ones (by hash) and `style` attributes (the app
/// sets widths with them); images (the icon) and, when a stylesheet had fonts, fonts only as
/// `data:`; no connection, no `<base>`, no form submission.
fn policy(scripts: &[String], styles: &[String], fonts: bool) -> String {
    let style_src = unique(styles);
    let style_src = if style_src.is_empty() {
        "'none'".to_owned()
    } else {
        style_src.join(" ")
    };
    let mut p = format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {style_src}; \
         style-src-attr 'unsafe-inline'; img-src data:; ",
        unique(scripts).join(" ")
    );
    if fonts {
        p.push_str("font-src data:; ");
    }
    p.push_str("connect-src 'none'; base-uri 'none'; form-action 'none'");
    p
}

/// The items in their first order, each once.
fn unique(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.contains(i) {
            out.push(i.clone());
        }
    }
    out
}

impl Builder<'_> {
    fn link(&mut self, el: &mut Element, at: &str) -> Result<(), PackError> {
        let rel = tokens(el, "rel");
        let href = attr(el, "href").unwrap_or_default();
        let href = href.trim();
        let has = |r: &str| rel.iter().any(|t| t == r);
        if has("stylesheet") {
            if has("alternate") {
                return Err(PackError::new(format!(
                    "{at}: alternate stylesheets (<link rel=\"alternate stylesheet\">) cannot be inlined"
                )));
            }
            let what = format!("{at}: <link rel=\"stylesheet\">");
            let Some(file) = self.local(href, "", &what)? else {
                return Err(PackError::new(format!(
                    "{what}: a stylesheet in a data: URL is not supported; link a file of the build"
                )));
            };
            let base = file.name.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
            let css = self.css(&base, &normalize_text(&file.text()?), &file.name)?;
            self.style_hashes.push(csp_hash(&css));
            let media = attr(el, "media").map_or(String::new(), |m| {
                format!(" media=\"{}\"", encode_double_quoted_attribute(&m))
            });
            el.replace(&format!("<style{media}>{css}</style>"), ContentType::Html);
            self.inlined.push(file);
        } else if rel.iter().any(|t| t.contains("icon")) {
            let Some(file) =
                self.local(href, "", &format!("{at}: <link rel=\"{}\">", rel.join(" ")))?
            else {
                return Ok(());
            };
            el.remove_attribute("integrity");
            el.remove_attribute("crossorigin");
            set_url(el, "href", &file)?;
        } else if rel.iter().any(|t| {
            matches!(
                t.as_str(),
                "modulepreload"
                    | "preload"
                    | "prefetch"
                    | "dns-prefetch"
                    | "preconnect"
                    | "prerender"
            )
        }) {
            // Hints only: what they name is inside the page or not needed.
            el.remove();
        } else if has("manifest") {
            self.notes.push(format!(
                "{at}: removed <link rel=\"manifest\" href=\"{href}\">: a web app cannot be installed from file://"
            ));
            el.remove();
        } else if rel.iter().all(|t| {
            matches!(
                t.as_str(),
                "canonical"
                    | "alternate"
                    | "author"
                    | "license"
                    | "help"
                    | "me"
                    | "bookmark"
                    | "external"
                    | "nofollow"
                    | "noopener"
                    | "noreferrer"
                    | "next"
                    | "prev"
                    | "tag"
            )
        }) {
            // Links for readers and crawlers; nothing loads them.
        } else {
            return Err(PackError::new(format!(
                "{at}: <link rel=\"{}\"> is not something parallax-pack knows how to put inside the page",
                rel.join(" ")
            )));
        }
        Ok(())
    }

    /// The build's file for `href`; `None` for a `data:` URL (already inside); an error for a
    /// network URL or a file that is not there.
    fn local(&self, href: &str, base: &str, what: &str) -> Result<Option<File>, PackError> {
        match classify(href) {
            Href::Data => Ok(None),
            Href::Path(p) if !p.is_empty() => self.dist.file(base, &p, what).map(Some),
            Href::External => Err(PackError::new(format!(
                "{what} loads {href} from the network; the single file must not request anything"
            ))),
            _ => Err(PackError::new(format!(
                "{what} has no usable href/src ({href:?})"
            ))),
        }
    }

    /// Puts a script inside the page (`text` is its own, newlines normalised); Trunk's start-up
    /// script becomes the wasm's data block and the one module script.
    fn script(&mut self, el: &mut Element, text: &str, at: &str) -> Result<(), PackError> {
        let ty = attr(el, "type")
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let is_js = JS_TYPES.contains(&ty.as_str());
        if let Some(src) = attr(el, "src") {
            if !is_js {
                return Err(PackError::new(format!(
                    "{at}: <script type=\"{ty}\" src> is not something parallax-pack can inline"
                )));
            }
            if ty == "module" {
                return Err(PackError::new(format!(
                    "{at}: <script type=\"module\" src=\"{src}\">: only Trunk's inline start-up module is supported"
                )));
            }
            let Some(file) = self.local(&src, "", &format!("{at}: <script src>"))? else {
                return Err(PackError::new(format!(
                    "{at}: <script src=\"data:…\"> is not supported; put the script inline"
                )));
            };
            let text = normalize_text(&file.text()?);
            check_script_text(&text, &file.name)?;
            self.script_hashes.push(csp_hash(&text));
            if el.has_attribute("defer") || el.has_attribute("async") {
                self.notes.push(format!(
                    "{at}: {} is inline now, so it runs where it stands rather than deferred",
                    file.name
                ));
            }
            for gone in ["src", "integrity", "crossorigin", "async", "defer"] {
                el.remove_attribute(gone);
            }
            el.set_inner_content(&text, ContentType::Html);
            self.inlined.push(file);
            return Ok(());
        }
        if !is_js {
            // A data block (JSON, templates…): not run, not subject to the policy.
            return Ok(());
        }
        if ty == "module" {
            if let Some(boot) = bootstrap(text, at)? {
                if self.start_up.is_some() {
                    return Err(PackError::new(format!(
                        "{at}: a second start-up script imports a JS module; parallax-pack expects one"
                    )));
                }
                let (start_up, html) = self.start_up(&boot)?;
                el.replace(&html, ContentType::Html);
                self.start_up = Some(start_up);
                return Ok(());
            }
        }
        self.script_hashes.push(csp_hash(text));
        el.set_inner_content(text, ContentType::Html);
        Ok(())
    }

    /// The start-up script's replacement: the wasm in a data block, then one module script with
    /// the wasm-bindgen JS and Trunk's start-up code.
    fn start_up(&self, boot: &Bootstrap) -> Result<(StartUp, String), PackError> {
        let js_file = self
            .dist
            .file("", &boot.js, "the start-up script's import")?;
        let wasm_file = self
            .dist
            .file("", &boot.wasm, "the start-up script's init call")?;
        if !wasm_file.bytes.starts_with(b"\0asm") {
            return Err(PackError::new(format!(
                "{} is not WebAssembly (it does not start with \\0asm)",
                wasm_file.name
            )));
        }
        let js = normalize_text(&js_file.text()?);
        let exports = exports(&js, &js_file.name)?;
        check_script_text(&js, &js_file.name)?;
        if js.contains("__parallax_") {
            return Err(PackError::new(format!(
                "{} uses names starting with __parallax_, which the single file's start-up code needs",
                js_file.name
            )));
        }
        let module = module_script(&js, &exports, boot);
        let html = format!(
            "<script type=\"application/octet-stream\" id=\"{WASM_BLOCK_ID}\">{}</script>\n\
             <script type=\"module\">{module}</script>",
            base64(&wasm_file.bytes)
        );
        let start_up = StartUp {
            wasm: wasm_file,
            js: js_file,
            hash: csp_hash(&module),
        };
        Ok((start_up, html))
    }

    /// Any other element that names a file: an image is inlined; anything else that would load
    /// a file is refused.
    fn other(&mut self, el: &mut Element, at: &str) -> Result<(), PackError> {
        let name = el.tag_name();
        if OWN_HANDLER.contains(&name.as_str()) {
            return Ok(());
        }
        for a in ["src", "srcset", "poster", "data", "background"] {
            let Some(value) = attr(el, a) else { continue };
            if a == "data" && name != "object" {
                continue;
            }
            if matches!(classify(&value), Href::Data | Href::Local) {
                continue;
            }
            if name == "img" && a == "src" {
                if let Some(file) = self.local(&value, "", &format!("{at}: <img src>"))? {
                    set_url(el, "src", &file)?;
                }
                continue;
            }
            return Err(PackError::new(format!(
                "{at}: <{name} {a}=\"{value}\"> would load a file; parallax-pack cannot put it inside the page"
            )));
        }
        Ok(())
    }

    /// A stylesheet's text made self-contained: `url()`s of the build's files become `data:`
    /// URLs. `base` is the stylesheet's folder inside the build, `what` names it for messages.
    fn css(&mut self, base: &str, text: &str, what: &str) -> Result<String, PackError> {
        if text.to_ascii_lowercase().contains("</style") {
            return Err(PackError::new(format!(
                "{what} contains </style, which would end the inline <style> early"
            )));
        }
        if text.contains("@import") {
            return Err(PackError::new(format!(
                "{what} uses @import, which parallax-pack does not inline; link each stylesheet from index.html"
            )));
        }
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for caps in PATTERNS.css_url.captures_iter(text) {
            let whole = caps.get(0).expect("match");
            let value = caps
                .get(1)
                .or_else(|| caps.get(2))
                .or_else(|| caps.get(3))
                .map_or("", |m| m.as_str());
            if matches!(classify(value), Href::Data | Href::Local) {
                continue;
            }
            let Some(file) = self.local(value, base, &format!("{what}: url({value})"))? else {
                continue;
            };
            if crate::encode::media_type(&file.name).starts_with("font/") {
                self.fonts = true;
            }
            out.push_str(&text[last..whole.start()]);
            out.push_str(&format!("url(\"{}\")", data_url(&file.name, &file.bytes)));
            last = whole.end();
        }
        out.push_str(&text[last..]);
        Ok(out)
    }
}

/// Sets attribute `name` of `el` to a `data:` URL holding `file`.
fn set_url(el: &mut Element, name: &str, file: &File) -> Result<(), PackError> {
    el.set_attribute(name, &data_url(&file.name, &file.bytes))
        .map_err(|e| PackError::new(format!("{name}: {e}")))
}

/// Text that can sit inside `<script>…</script>` and mean what it says: no `</script` (which
/// would end it) and no `<!--` followed by `<script` (which would change where it ends), no NUL.
fn check_script_text(text: &str, what: &str) -> Result<(), PackError> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("</script") {
        return Err(PackError::new(format!(
            "{what} contains </script, which would end the inline script early"
        )));
    }
    if let Some(p) = lower.find("<!--") {
        if lower[p..].contains("<script") {
            return Err(PackError::new(format!(
                "{what} contains <!-- followed by <script, which changes how HTML reads an inline script"
            )));
        }
    }
    if text.contains('\0') {
        return Err(PackError::new(format!("{what} contains a NUL character")));
    }
    Ok(())
}

/// Trunk's start-up module: `import init, * as bindings from '/x.js';` and a call of `init` with
/// the wasm's path. `None` for a module script that imports nothing.
fn bootstrap(text: &str, at: &str) -> Result<Option<Bootstrap>, PackError> {
    let p = &*PATTERNS;
    let Some(caps) = p.trunk_import.captures(text) else {
        if p.any_import.is_match(text) {
            return Err(PackError::new(format!(
                "{at}: the module script imports something, but not as Trunk's start-up does \
                 (import init, * as bindings from '/x.js')"
            )));
        }
        return Ok(None);
    };
    let whole = caps.get(0).expect("match");
    let rest = format!("{}{}", &text[..whole.start()], &text[whole.end()..]);
    if p.any_import.is_match(&rest) {
        return Err(PackError::new(format!(
            "{at}: the start-up script has more than one import; parallax-pack expects only the wasm-bindgen JS"
        )));
    }
    let init_name = caps[1].to_owned();
    let namespace = caps.get(2).map(|m| m.as_str().to_owned());
    let js = caps
        .get(3)
        .or_else(|| caps.get(4))
        .map_or("", |m| m.as_str())
        .to_owned();
    let Href::Path(js) = classify(&js) else {
        return Err(PackError::new(format!(
            "{at}: the start-up script imports {js}, not a file of the build"
        )));
    };
    let literals: Vec<_> = p.wasm_literal.captures_iter(&rest).collect();
    let [lit] = literals.as_slice() else {
        return Err(PackError::new(format!(
            "{at}: expected the start-up script to name exactly one .wasm file (the argument of {init_name}), found {}",
            literals.len()
        )));
    };
    let lit_range = lit.get(0).expect("match").range();
    let wasm = lit.get(1).or_else(|| lit.get(2)).map_or("", |m| m.as_str());
    let Href::Path(wasm) = classify(wasm) else {
        return Err(PackError::new(format!(
            "{at}: the start-up script loads the wasm from {wasm}, not from a file of the build"
        )));
    };
    let calls_init = p
        .call
        .captures_iter(&rest[..lit_range.start])
        .any(|c| c[1] == init_name);
    if !calls_init {
        return Err(PackError::new(format!(
            "{at}: the start-up script never calls {init_name}(…) with the wasm"
        )));
    }
    let body = format!(
        "{}__parallax_wasm{}",
        &rest[..lit_range.start],
        &rest[lit_range.end..]
    );
    if text.contains("__parallax_") {
        return Err(PackError::new(format!(
            "{at}: the start-up script uses names starting with __parallax_"
        )));
    }
    Ok(Some(Bootstrap {
        js,
        wasm,
        body,
        init_name,
        namespace,
    }))
}

/// The exports of wasm-bindgen's JS (generated code of a known shape: `export function f`,
/// `export class C`, `export const x`, `export { a, b as default }`, `export default f;`).
fn exports(js: &str, what: &str) -> Result<Exports, PackError> {
    let p = &*PATTERNS;
    let mut names: Vec<(String, String)> = Vec::new();
    for c in p.export_decl.captures_iter(js) {
        names.push((c[1].to_owned(), c[1].to_owned()));
    }
    for c in p.export_list.captures_iter(js) {
        if c.get(2).is_some() {
            return Err(PackError::new(format!(
                "{what} re-exports another module (export {{ … }} from), which the single file cannot inline"
            )));
        }
        for item in c[1].split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let mut words = item.split_whitespace();
            let (local, exported) = match (words.next(), words.next(), words.next(), words.next()) {
                (Some(l), None, None, None) => (l, l),
                (Some(l), Some("as"), Some(e), None) => (l, e),
                _ => {
                    return Err(PackError::new(format!(
                        "{what}: cannot read the export {item:?}"
                    )))
                }
            };
            names.push((exported.to_owned(), local.to_owned()));
        }
    }
    for c in p.export_default.captures_iter(js) {
        names.push(("default".to_owned(), c[1].to_owned()));
    }
    if p.export_star.is_match(js) {
        return Err(PackError::new(format!(
            "{what} re-exports another module (export * from), which the single file cannot inline"
        )));
    }
    if p.any_import.is_match(js) {
        return Err(PackError::new(format!(
            "{what} imports other modules (wasm-bindgen snippets?), which the single file cannot inline"
        )));
    }
    let default = names
        .iter()
        .find(|(e, _)| e == "default")
        .map(|(_, l)| l.clone())
        .ok_or_else(|| {
            PackError::new(format!(
                "{what} has no default export (wasm-bindgen's init function)"
            ))
        })?;
    Ok(Exports { names, default })
}

/// The one module script: the wasm-bindgen JS as it is, then Trunk's start-up code in a block
/// where its import's names are bound to the JS's exports and the wasm is the decoded bytes.
fn module_script(js: &str, exports: &Exports, boot: &Bootstrap) -> String {
    let mut s = String::with_capacity(js.len() + boot.body.len() + 1024);
    s.push_str(js);
    if !js.ends_with('\n') {
        s.push('\n');
    }
    s.push_str(&format!(
        "\n// parallax-pack: Trunk's start-up code, with the wasm decoded from #{WASM_BLOCK_ID} instead of fetched.\n\
         {{\nconst __parallax_wasm = (() => {{\n  const block = document.getElementById('{WASM_BLOCK_ID}');\n  \
         const text = block.textContent.trim();\n  \
         globalThis.{PAGE_GLOBAL} = '<!DOCTYPE html>\\n' + document.documentElement.outerHTML;\n  \
         block.remove();\n  \
         if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);\n  \
         const binary = atob(text);\n  const bytes = new Uint8Array(binary.length);\n  \
         for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);\n  return bytes;\n}})();\n\
         const __parallax_init = {};\n",
        exports.default
    ));
    if boot.namespace.is_some() {
        let fields: Vec<String> = exports
            .names
            .iter()
            .map(|(e, l)| format!("{e}: {l}"))
            .collect();
        s.push_str(&format!(
            "const __parallax_bindings = Object.freeze({{ __proto__: null, {} }});\n",
            fields.join(", ")
        ));
    }
    s.push_str(&format!(
        "{{\nconst {} = __parallax_init;\n",
        boot.init_name
    ));
    if let Some(ns) = &boot.namespace {
        s.push_str(&format!("const {ns} = __parallax_bindings;\n"));
    }
    s.push_str(boot.body.trim_matches('\n'));
    s.push_str("\n}\n}\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOT: &str = "\nimport init, * as bindings from '/app-1.js';\n\
                        const wasm = await init({ module_or_path: '/app-1_bg.wasm' });\n\
                        window.wasmBindings = bindings;\n\
                        dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));\n";

    #[test]
    fn reads_trunks_start_up_script() {
        let boot = bootstrap(BOOT, "here").unwrap().unwrap();
        assert_eq!(boot.js, "/app-1.js");
        assert_eq!(boot.wasm, "/app-1_bg.wasm");
        assert_eq!(boot.init_name, "init");
        assert_eq!(boot.namespace.as_deref(), Some("bindings"));
        assert!(!boot.body.contains("import"));
        assert!(boot
            .body
            .contains("await init({ module_or_path: __parallax_wasm })"));
    }

    #[test]
    fn other_start_up_shapes() {
        let b = bootstrap("import start from \"./a.js\"\nstart(\"./a_bg.wasm\");", "x")
            .unwrap()
            .unwrap();
        assert_eq!((b.js.as_str(), b.wasm.as_str()), ("./a.js", "./a_bg.wasm"));
        assert_eq!(b.namespace, None);
        assert_eq!(b.body, "start(__parallax_wasm);");
        assert!(bootstrap("console.log(1)", "x").unwrap().is_none());
        let err = |t: &str| bootstrap(t, "here").err().unwrap().to_string();
        assert!(err("import { a } from '/a.js';").contains("not as Trunk's start-up does"));
        assert!(
            err("import init from '/a.js';\nimport b from '/b.js';\ninit('/a.wasm')")
                .contains("more than one import")
        );
        assert!(err("import init from '/a.js';\ninit();").contains("exactly one .wasm"));
        assert!(err("import init from '/a.js';\nfoo('/a.wasm');").contains("never calls init"));
        assert!(err("import init from '/a.js';\nx.init('/a.wasm');").contains("never calls init"));
        assert!(err("import init from '/a.js';\nreinit('/a.wasm');").contains("never calls init"));
        let b = bootstrap("import init from '/a.js';\nawait init ('/a.wasm');", "x")
            .unwrap()
            .unwrap();
        assert_eq!(b.body, "await init (__parallax_wasm);");
        assert!(
            err("import init from 'https://cdn.example/a.js';\ninit('/a.wasm');")
                .contains("not a file of the build")
        );
    }

    #[test]
    fn reads_wasm_bindgen_exports() {
        let js = "let wasm;\nexport function greet(a) {}\nexport class Thing {}\n\
                  export const X = 1;\nfunction initSync() {}\nasync function __wbg_init() {}\n\
                  export { initSync, __wbg_init as default };\n";
        let e = exports(js, "a.js").unwrap();
        assert_eq!(e.default, "__wbg_init");
        let names: Vec<_> = e.names.iter().map(|(a, b)| format!("{a}={b}")).collect();
        assert_eq!(
            names,
            [
                "greet=greet",
                "Thing=Thing",
                "X=X",
                "initSync=initSync",
                "default=__wbg_init"
            ]
        );
        let old = exports("async function init() {}\nexport default init;\n", "a.js").unwrap();
        assert_eq!(old.default, "init");
        let err = |t: &str| exports(t, "a.js").err().unwrap().to_string();
        assert!(err("export function f() {}\n").contains("no default export"));
        assert!(
            err("import { x } from './snippets/a.js';\nexport default f;\n")
                .contains("imports other modules")
        );
        assert!(err("export * from './b.js';\nexport default f;\n").contains("export * from"));
        assert!(err("export { a } from './b.js';\n").contains("re-exports"));
    }

    #[test]
    fn script_text_checks() {
        assert!(check_script_text("const a = '<\\/script>';", "a.js").is_ok());
        assert!(check_script_text("x('</SCRIPT>')", "a.js").is_err());
        assert!(check_script_text("a <!-- b", "a.js").is_ok());
        assert!(check_script_text("a <!-- b <script", "a.js").is_err());
        assert!(check_script_text("a\0", "a.js").is_err());
    }

    #[test]
    fn the_policy_forbids_every_request() {
        let p = policy(
            &["'sha256-a'".into()],
            &["'sha256-b'".into(), "'sha256-b'".into()],
            false,
        );
        assert_eq!(
            p,
            "default-src 'none'; script-src 'sha256-a' 'wasm-unsafe-eval'; style-src 'sha256-b'; \
             style-src-attr 'unsafe-inline'; img-src data:; connect-src 'none'; base-uri 'none'; \
             form-action 'none'"
        );
        assert!(policy(&[], &[], true).contains("font-src data:; "));
    }

    #[test]
    fn module_script_binds_trunks_names() {
        let js = "async function __wbg_init() {}\nexport function greet() {}\nexport { __wbg_init as default };";
        let e = exports(js, "a.js").unwrap();
        let boot = bootstrap(BOOT, "here").unwrap().unwrap();
        let s = module_script(js, &e, &boot);
        assert!(s.starts_with(js));
        assert!(s.contains("const __parallax_init = __wbg_init;\n"));
        assert!(s.contains(
            "const __parallax_bindings = Object.freeze({ __proto__: null, greet: greet, default: __wbg_init });"
        ));
        assert!(
            s.contains("{\nconst init = __parallax_init;\nconst bindings = __parallax_bindings;\n")
        );
        assert!(s.contains("getElementById('parallax-wasm')"));
        // The page as parsed is kept before the wasm block goes, for "Download as one file".
        let kept = s.find("globalThis.__parallaxPage = '<!DOCTYPE html>\\n' + document.documentElement.outerHTML;").unwrap();
        assert!(kept < s.find("block.remove()").unwrap());
        assert!(s.trim_end().ends_with("}\n}"));
    }
}
