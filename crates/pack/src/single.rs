//! The single-file page: Trunk's `index.html` with every file it loads put inside it, so that it
//! runs from `file://` with no request at all.
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

use regex::Regex;
use sha2::{Digest, Sha256};

use crate::dist::{classify, Dist, File, Href};
use crate::encode::{base64, csp_hash, data_url, normalize_text};
use crate::html::{line_of, render_start_tag, scan, Attr, Element};
use crate::PackError;

/// The `name` of the meta element that carries the payload checksum.
pub const BUNDLE_META: &str = "parallax-bundle";
/// The `id` of the data block that holds the wasm in base64.
pub const WASM_BLOCK_ID: &str = "parallax-wasm";

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

/// One replacement of a byte range of `index.html`.
struct Edit {
    range: std::ops::Range<usize>,
    text: String,
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

struct Builder<'a> {
    dist: &'a Dist,
    edits: Vec<Edit>,
    script_hashes: Vec<String>,
    style_hashes: Vec<String>,
    fonts: bool,
    /// Script and stylesheet files put inside the page, in document order (part of the payload).
    inlined: Vec<File>,
    notes: Vec<String>,
}

const JS_TYPES: [&str; 4] = ["", "text/javascript", "application/javascript", "module"];

fn ident() -> &'static str {
    r"[A-Za-z_$][\w$]*"
}

/// Builds the single-file page from the release build in `dist`.
pub fn build(dist: &Dist) -> Result<SingleFile, PackError> {
    let index = &dist.index;
    let elements = scan(index).map_err(|e| PackError::new(format!("index.html, {e}")))?;
    let mut b = Builder {
        dist,
        edits: Vec::new(),
        script_hashes: Vec::new(),
        style_hashes: Vec::new(),
        fonts: false,
        inlined: Vec::new(),
        notes: Vec::new(),
    };
    let head = elements.iter().find(|e| e.name == "head").ok_or_else(|| {
        PackError::new("index.html has no <head> start tag to put the Content-Security-Policy in")
    })?;
    let charset = elements
        .iter()
        .find(|e| e.name == "meta" && e.attr("charset").is_some() && e.start > head.start);
    let insert_at = charset.map_or(head.tag_end, |m| m.end);

    let mut boot: Option<(Bootstrap, &Element)> = None;
    for el in &elements {
        let at = || format!("index.html line {}", line_of(index, el.start));
        match el.name.as_str() {
            "link" => b.link(el, &at())?,
            "script" => {
                if let Some(found) = b.script(el, &at())? {
                    if boot.is_some() {
                        return Err(PackError::new(format!(
                            "{}: a second start-up script imports a JS module; parallax-pack expects one",
                            at()
                        )));
                    }
                    boot = Some((found, el));
                }
            }
            "style" => {
                let text = normalize_text(&index[el.content.clone().unwrap_or_default()]);
                let css = b.css("", &text, &at())?;
                b.style_hashes.push(csp_hash(&css));
                b.edits.push(Edit {
                    range: el.tag_end..el.content.clone().map_or(el.tag_end, |c| c.end),
                    text: css,
                });
            }
            "base" => {
                b.notes.push(format!(
                    "{}: removed <base>: from file:// it would send the app's own links elsewhere",
                    at()
                ));
                b.remove(el);
            }
            "meta" => {
                let equiv = el.attr("http-equiv").unwrap_or("").to_ascii_lowercase();
                if equiv == "content-security-policy" {
                    b.notes.push(format!(
                        "{}: replaced the page's Content-Security-Policy by the single file's own",
                        at()
                    ));
                    b.remove(el);
                } else if el.attr("name") == Some(BUNDLE_META) {
                    b.remove(el);
                }
            }
            _ => b.other(el, &at())?,
        }
    }
    let (boot, boot_el) = boot.ok_or_else(|| {
        PackError::new(
            "index.html has no <script type=\"module\"> that imports the wasm-bindgen JS and calls its \
             init with the wasm (is this a Trunk release build of a Rust app?)",
        )
    })?;
    let js_file = dist.file("", &boot.js, "the start-up script's import")?;
    let wasm_file = dist.file("", &boot.wasm, "the start-up script's init call")?;
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
    let module = module_script(&js, &exports, &boot);
    b.script_hashes.push(csp_hash(&module));
    b.edits.push(Edit {
        range: boot_el.start..boot_el.end,
        text: format!(
            "<script type=\"application/octet-stream\" id=\"{WASM_BLOCK_ID}\">{}</script>\n\
             <script type=\"module\">{module}</script>",
            base64(&wasm_file.bytes)
        ),
    });

    let mut hasher = Sha256::new();
    let mut payload = vec![wasm_file.name.clone(), js_file.name.clone()];
    hasher.update(&wasm_file.bytes);
    hasher.update(&js_file.bytes);
    for file in &b.inlined {
        hasher.update(&file.bytes);
        payload.push(file.name.clone());
    }
    let payload_sha256: String = hasher
        .finalize()
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect();

    let csp = policy(&b.script_hashes, &b.style_hashes, b.fonts);
    b.edits.push(Edit {
        range: insert_at..insert_at,
        text: format!(
            "\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\
             \n    <!-- {BUNDLE_META}: SHA-256 of the payload, i.e. of the bytes of {} as built by Trunk, in that order -->\
             \n    <meta name=\"{BUNDLE_META}\" content=\"{payload_sha256}\">",
            payload.join(", ")
        ),
    });

    let html = apply(index, b.edits)?;
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

fn apply(index: &str, mut edits: Vec<Edit>) -> Result<String, PackError> {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(index.len());
    let mut at = 0;
    for e in edits {
        if e.range.start < at {
            return Err(PackError::new(
                "index.html: two rewrites overlap (an element inside another one that was rewritten)",
            ));
        }
        out.push_str(&index[at..e.range.start]);
        out.push_str(&e.text);
        at = e.range.end;
    }
    out.push_str(&index[at..]);
    Ok(out)
}

impl Builder<'_> {
    fn remove(&mut self, el: &Element) {
        self.edits.push(Edit {
            range: el.start..el.end,
            text: String::new(),
        });
    }

    fn link(&mut self, el: &Element, at: &str) -> Result<(), PackError> {
        let rel = el.tokens("rel");
        let href = el.attr("href").map(str::trim).unwrap_or("");
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
            let mut attrs = Vec::new();
            if let Some(media) = el.attr("media") {
                attrs.push(Attr {
                    name: "media".into(),
                    value: Some(media.to_owned()),
                });
            }
            self.edits.push(Edit {
                range: el.start..el.end,
                text: format!("{}{css}</style>", render_start_tag("style", &attrs)),
            });
            self.inlined.push(file);
        } else if rel.iter().any(|t| t.contains("icon")) {
            let Some(file) =
                self.local(href, "", &format!("{at}: <link rel=\"{}\">", rel.join(" ")))?
            else {
                return Ok(());
            };
            let attrs: Vec<Attr> = el
                .attrs
                .iter()
                .filter(|a| !matches!(a.name.as_str(), "integrity" | "crossorigin"))
                .map(|a| match a.name.as_str() {
                    "href" => Attr {
                        name: "href".into(),
                        value: Some(data_url(&file.name, &file.bytes)),
                    },
                    _ => a.clone(),
                })
                .collect();
            self.edits.push(Edit {
                range: el.start..el.end,
                text: render_start_tag("link", &attrs),
            });
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
            self.remove(el);
        } else if has("manifest") {
            self.notes.push(format!(
                "{at}: removed <link rel=\"manifest\" href=\"{href}\">: a web app cannot be installed from file://"
            ));
            self.remove(el);
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

    /// Returns the start-up script when `el` is it; inlines or keeps other scripts.
    fn script(&mut self, el: &Element, at: &str) -> Result<Option<Bootstrap>, PackError> {
        let ty = el.attr("type").unwrap_or("").trim().to_ascii_lowercase();
        let is_js = JS_TYPES.contains(&ty.as_str());
        let content = el.content.clone().unwrap_or(el.tag_end..el.tag_end);
        if let Some(src) = el.attr("src") {
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
            let Some(file) = self.local(src, "", &format!("{at}: <script src>"))? else {
                return Err(PackError::new(format!(
                    "{at}: <script src=\"data:…\"> is not supported; put the script inline"
                )));
            };
            let text = normalize_text(&file.text()?);
            check_script_text(&text, &file.name)?;
            self.script_hashes.push(csp_hash(&text));
            if el.attr("defer").is_some() || el.attr("async").is_some() {
                self.notes.push(format!(
                    "{at}: {} is inline now, so it runs where it stands rather than deferred",
                    file.name
                ));
            }
            let attrs: Vec<Attr> = el
                .attrs
                .iter()
                .filter(|a| {
                    !matches!(
                        a.name.as_str(),
                        "src" | "integrity" | "crossorigin" | "async" | "defer"
                    )
                })
                .cloned()
                .collect();
            self.edits.push(Edit {
                range: el.start..el.end,
                text: format!("{}{text}</script>", render_start_tag("script", &attrs)),
            });
            self.inlined.push(file);
            return Ok(None);
        }
        if !is_js {
            // A data block (JSON, templates…): not run, not subject to the policy.
            return Ok(None);
        }
        let raw = &self.dist.index[content.clone()];
        let text = normalize_text(raw);
        if ty == "module" {
            if let Some(boot) = bootstrap(&text, at)? {
                return Ok(Some(boot));
            }
        }
        self.script_hashes.push(csp_hash(&text));
        self.edits.push(Edit {
            range: content,
            text,
        });
        Ok(None)
    }

    /// Any other element: an image is inlined; anything else that would load a file is refused.
    fn other(&mut self, el: &Element, at: &str) -> Result<(), PackError> {
        for attr in ["src", "srcset", "poster", "data", "background"] {
            let Some(value) = el.attr(attr) else { continue };
            if attr == "data" && el.name != "object" {
                continue;
            }
            if matches!(classify(value), Href::Data | Href::Local) {
                continue;
            }
            if el.name == "img" && attr == "src" {
                if let Some(file) = self.local(value, "", &format!("{at}: <img src>"))? {
                    let attrs: Vec<Attr> = el
                        .attrs
                        .iter()
                        .map(|a| match a.name.as_str() {
                            "src" => Attr {
                                name: "src".into(),
                                value: Some(data_url(&file.name, &file.bytes)),
                            },
                            _ => a.clone(),
                        })
                        .collect();
                    self.edits.push(Edit {
                        range: el.start..el.end,
                        text: render_start_tag("img", &attrs),
                    });
                }
                continue;
            }
            return Err(PackError::new(format!(
                "{at}: <{} {attr}=\"{value}\"> would load a file; parallax-pack cannot put it inside the page",
                el.name
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
        let url = Regex::new(r#"(?i)url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)"#)
            .expect("valid regex");
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for caps in url.captures_iter(text) {
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
    let id = ident();
    let import = Regex::new(&format!(
        r#"(?m)^[ \t]*import\s+({id})\s*(?:,\s*\*\s*as\s+({id})\s*)?from\s*(?:'([^'\n]*)'|"([^"\n]*)")\s*;?[ \t]*\n?"#
    ))
    .expect("valid regex");
    let any_import = Regex::new(r#"(?m)^[ \t]*import\b\s*[\w$*{'"]"#).expect("valid regex");
    let Some(caps) = import.captures(text) else {
        if any_import.is_match(text) {
            return Err(PackError::new(format!(
                "{at}: the module script imports something, but not as Trunk's start-up does \
                 (import init, * as bindings from '/x.js')"
            )));
        }
        return Ok(None);
    };
    let whole = caps.get(0).expect("match");
    let rest = format!("{}{}", &text[..whole.start()], &text[whole.end()..]);
    if any_import.is_match(&rest) {
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
    let wasm_literal = Regex::new(r#"'([^'\n]*\.wasm)'|"([^"\n]*\.wasm)""#).expect("valid regex");
    let literals: Vec<_> = wasm_literal.captures_iter(&rest).collect();
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
    let call = Regex::new(&format!(r"(?:^|[^\w$.]){}\s*\(", regex::escape(&init_name)))
        .expect("valid regex");
    if !call.is_match(&rest[..lit_range.start]) {
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
    let id = ident();
    let mut names: Vec<(String, String)> = Vec::new();
    let decl = Regex::new(&format!(
        r"(?m)^export\s+(?:(?:async\s+)?function\b\s*\*?\s*|(?:class|const|let|var)\s+)({id})"
    ))
    .expect("valid regex");
    for c in decl.captures_iter(js) {
        names.push((c[1].to_owned(), c[1].to_owned()));
    }
    let list = Regex::new(r"(?m)^export\s*\{([^}]*)\}\s*(from\b)?").expect("valid regex");
    for c in list.captures_iter(js) {
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
    let default_decl = Regex::new(&format!(
        r"(?m)^export\s+default\s+(?:(?:async\s+)?function\s*\*?\s*|class\s+)?({id})\s*[;(\n{{]"
    ))
    .expect("valid regex");
    for c in default_decl.captures_iter(js) {
        names.push(("default".to_owned(), c[1].to_owned()));
    }
    if Regex::new(r"(?m)^export\s*\*")
        .expect("valid regex")
        .is_match(js)
    {
        return Err(PackError::new(format!(
            "{what} re-exports another module (export * from), which the single file cannot inline"
        )));
    }
    if Regex::new(r"(?m)^[ \t]*import\b\s*[\w$*{'\x22]")
        .expect("valid regex")
        .is_match(js)
    {
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
         const text = block.textContent.trim();\n  block.remove();\n  \
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
        assert!(s.trim_end().ends_with("}\n}"));
    }
}
