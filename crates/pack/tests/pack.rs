//! The `parallax-pack` command end to end on builds it makes itself (a small Trunk-shaped dist in
//! a temporary folder): what the page holds, that its policy admits exactly its own inline code,
//! determinism, the zip, and a clear message and no output for each broken build. When a real
//! release build is there (`PARALLAX_PACK_DIST`, or the workspace's `dist/`), it is packed too;
//! under CI (`CI` set) it must be there.
#![allow(clippy::disallowed_methods)] // Tests never reach the wasm.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lol_html::{element, rewrite_str, text, RewriteStrSettings};
use parallax_pack::encode::{base64_decode, csp_hash, sha256_hex};

const WASM: &[u8] = b"\0asm\x01\0\0\0\x01\x04\x01\x60\0\0 and some more bytes \xff\xfe";

const INDEX: &str = r#"<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Fake</title>
    <link rel="icon" href="/favicon-1.svg" integrity="sha384-x"/>
    <link rel="stylesheet" href="/style-1.css" integrity="sha384-y"/>
    <script src="/extra-3.js" defer></script>
    <link rel="stylesheet" href="/more-2.css" media="print"/>
    <style>.inline { color: red }</style>

<script type="module">
import init, * as bindings from '/app-1.js';
const wasm = await init({ module_or_path: '/app-1_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));

</script>
  <link rel="modulepreload" href="/app-1.js" crossorigin="anonymous"><link rel="preload" href="/app-1_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm"></head>
  <body>
    <noscript><p>Enable JavaScript.</p></noscript>
  </body>
</html>
"#;

const JS: &str = "let wasm;\r\nexport function greet(name) { return 'hi ' + name; }\r\n\
                  function initSync(module) {}\r\n\
                  async function __wbg_init(module_or_path) {\r\n  \
                  if (module_or_path === undefined) module_or_path = new URL('app_bg.wasm', import.meta.url);\r\n}\r\n\
                  export { initSync, __wbg_init as default };\r\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A dist as Trunk writes it, small.
fn fake_dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "index.html", INDEX.as_bytes());
    write(d, "app-1.js", JS.as_bytes());
    write(d, "app-1_bg.wasm", WASM);
    write(
        d,
        "style-1.css",
        b"\xef\xbb\xbf@font-face { font-family: F; src: url(fonts/f.woff2) format('woff2') }\r\n\
          .a { background: url('#grad') } .b { background: url(\"data:image/png;base64,AA==\") }\r\n",
    );
    write(d, "more-2.css", b"body { color: black }\n");
    write(
        d,
        "extra-3.js",
        b"if (location.protocol !== 'file:') console.log('online');\n",
    );
    write(d, "fonts/f.woff2", b"wOF2fake");
    write(
        d,
        "favicon-1.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    dir
}

fn pack(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax-pack"))
        .args(args)
        .output()
        .unwrap()
}

fn pack_out(dist: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax-pack"))
        .arg(dist)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

/// One element of a packed page as lol_html reads it: its name, attributes as written, the byte
/// offset of its start tag, and the text of a `script` or `style`.
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    start: usize,
    text: String,
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every element of `html` in document order.
fn elements(html: &str) -> Vec<El> {
    let els = std::cell::RefCell::new(Vec::new());
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("*", |el| {
            els.borrow_mut().push(El {
                name: el.tag_name(),
                attrs: el
                    .attributes()
                    .iter()
                    .map(|a| (a.name(), a.value()))
                    .collect(),
                start: el.source_location().bytes().start,
                text: String::new(),
            });
            Ok(())
        }))
        .append_element_content_handler(text!("script, style", |t| {
            els.borrow_mut()
                .last_mut()
                .unwrap()
                .text
                .push_str(t.as_str());
            Ok(())
        }));
    rewrite_str(html, settings).unwrap();
    els.into_inner()
}

/// The checks every packed page must pass: one policy first in the head, forbidding requests;
/// every inline script and style admitted by hash and nothing else; the wasm in the data block;
/// no attribute loading anything but `data:`; the payload meta.
fn check_page(html: &str, wasm: &[u8]) -> String {
    let els = elements(html);
    let csp: Vec<_> = els
        .iter()
        .filter(|e| e.name == "meta" && e.attr("http-equiv") == Some("Content-Security-Policy"))
        .collect();
    assert_eq!(csp.len(), 1, "one policy");
    let policy = csp[0].attr("content").unwrap().to_owned();
    let first_code = els
        .iter()
        .find(|e| matches!(e.name.as_str(), "script" | "style" | "link"))
        .unwrap();
    assert!(
        csp[0].start < first_code.start,
        "the policy comes before any code"
    );
    for d in [
        "default-src 'none'",
        "connect-src 'none'",
        "'wasm-unsafe-eval'",
        "base-uri 'none'",
    ] {
        assert!(policy.contains(d), "{d} missing from {policy}");
    }
    assert!(
        !policy.contains("'unsafe-eval'") && !policy.contains("http"),
        "{policy}"
    );
    let mut hashes = Vec::new();
    let mut wasm_blocks = 0;
    let mut collection_blocks = 0;
    for e in &els {
        let text = || e.text.as_str();
        match e.name.as_str() {
            "script" if e.attr("type") == Some("application/octet-stream") => {
                assert_eq!(e.attr("id"), Some(parallax_pack::WASM_BLOCK_ID));
                assert_eq!(
                    base64_decode(text()).unwrap(),
                    wasm,
                    "the data block is the wasm"
                );
                wasm_blocks += 1;
            }
            "script" if e.attr("type") == Some("application/json") => {
                // Data, never run: the empty place for a collection ("Download as one file").
                assert_eq!(e.attr("id"), Some(parallax_pack::COLLECTION_BLOCK_ID));
                assert_eq!(text(), "", "the collection block is empty as packed");
                collection_blocks += 1;
            }
            "script" | "style" => {
                assert!(e.attr("src").is_none());
                let h = csp_hash(text());
                assert!(policy.contains(&h), "<{}> {h} not in the policy", e.name);
                hashes.push(h);
            }
            _ => {}
        }
        for a in ["src", "href", "srcset", "poster"] {
            if let Some(v) = e.attr(a) {
                assert!(
                    v.starts_with("data:") || v.starts_with('#'),
                    "<{} {a}={v:.60}> loads a file",
                    e.name
                );
            }
        }
    }
    assert_eq!(wasm_blocks, 1);
    assert_eq!(collection_blocks, 1);
    let in_policy = policy.matches("'sha256-").count();
    hashes.sort();
    hashes.dedup();
    assert_eq!(
        in_policy,
        hashes.len(),
        "the policy admits exactly the page's own code"
    );
    let meta = els
        .iter()
        .find(|e| e.name == "meta" && e.attr("name") == Some(parallax_pack::BUNDLE_META))
        .expect("the payload checksum meta");
    let sum = meta.attr("content").unwrap();
    assert_eq!(sum.len(), 64);
    assert!(sum
        .bytes()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    policy
}

fn zip_names(bytes: &[u8]) -> Vec<String> {
    let z = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    z.file_names().map(str::to_owned).collect::<Vec<_>>()
}

#[test]
fn packs_a_trunk_dist_into_one_self_contained_page_and_a_zip() {
    let dist = fake_dist();
    let out = tempfile::tempdir().unwrap();
    let o = pack_out(dist.path(), out.path());
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert_eq!(
        stderr,
        "note: index.html line 8: extra-3.js is inline now, so it runs where it stands rather than deferred\n"
    );
    let html = std::fs::read_to_string(out.path().join("parallax.html")).unwrap();
    let zip = std::fs::read(out.path().join("parallax.zip")).unwrap();

    let policy = check_page(&html, WASM);
    // The woff2 that the stylesheet names made fonts admissible, as data: only.
    assert!(policy.contains("font-src data:"), "{policy}");
    assert!(html.contains("url(\"data:font/woff2;base64,d09GMmZha2U=\")"));
    assert!(html.contains("url('#grad')") && html.contains("url(\"data:image/png;base64,AA==\")"));
    assert!(html.contains("<link rel=\"icon\" href=\"data:image/svg+xml;base64,"));
    assert!(html.contains("<style media=\"print\">body { color: black }\n</style>"));
    assert!(!html.contains("integrity") && !html.contains("modulepreload"));
    // Byte-order mark and CR LF are gone, as the HTML parser would drop them.
    assert!(!html.contains('\r') && !html.contains('\u{feff}'));
    // The JS is inline, followed by Trunk's start-up with its names bound.
    assert!(html.contains("export function greet(name)"));
    assert!(html.contains("greet: greet, initSync: initSync, default: __wbg_init"));
    assert!(html.contains("const wasm = await init({ module_or_path: __parallax_wasm });"));
    assert!(html.contains("TrunkApplicationStarted"));
    // Another classic script is inline too, without src or defer.
    assert!(html
        .contains("<script>if (location.protocol !== 'file:') console.log('online');\n</script>"));

    // The payload checksum: the wasm, the JS, then each stylesheet, bytes as built.
    let mut payload = WASM.to_vec();
    for f in ["app-1.js", "style-1.css", "extra-3.js", "more-2.css"] {
        payload.extend(std::fs::read(dist.path().join(f)).unwrap());
    }
    let sum = sha256_hex(&payload);
    assert!(html.contains(&format!(
        "<meta name=\"parallax-bundle\" content=\"{sum}\">"
    )));

    // What it prints: both files with size and checksum, the meta and the policy.
    let html_sum = sha256_hex(html.as_bytes());
    assert!(
        stdout.contains(&format!(
            "parallax.html  {} bytes  sha256 {html_sum}",
            html.len()
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("sha256 {}  (8 files)", sha256_hex(&zip))),
        "{stdout}"
    );
    assert!(stdout.contains(&format!(
        "content=\"{sum}\">: SHA-256 of app-1_bg.wasm + app-1.js + style-1.css + extra-3.js + more-2.css"
    )));
    assert!(stdout.contains(&format!("Content-Security-Policy: {policy}")));

    assert_eq!(
        zip_names(&zip),
        [
            "app-1.js",
            "app-1_bg.wasm",
            "extra-3.js",
            "favicon-1.svg",
            "fonts/f.woff2",
            "index.html",
            "more-2.css",
            "style-1.css"
        ]
    );
    let mut z = zip::ZipArchive::new(Cursor::new(zip.clone())).unwrap();
    let mut index = String::new();
    z.by_name("index.html")
        .unwrap()
        .read_to_string(&mut index)
        .unwrap();
    assert_eq!(index, INDEX);
}

#[test]
fn the_same_build_packs_to_the_same_bytes_also_into_itself() {
    let dist = fake_dist();
    let a = tempfile::tempdir().unwrap();
    assert!(pack_out(dist.path(), a.path()).status.success());
    // Without --out, into the dist itself; a second run must not zip the first run's outputs.
    assert!(pack(&[dist.path()]).status.success());
    let o = pack(&[dist.path()]);
    assert!(o.status.success());
    for f in ["parallax.html", "parallax.zip"] {
        assert_eq!(
            std::fs::read(a.path().join(f)).unwrap(),
            std::fs::read(dist.path().join(f)).unwrap(),
            "{f} differs between runs"
        );
    }
    let names = zip_names(&std::fs::read(dist.path().join("parallax.zip")).unwrap());
    assert!(
        !names.iter().any(|n| n.starts_with("parallax.")),
        "{names:?}"
    );
    // No temporary file is left beside the outputs.
    let hidden: Vec<_> = std::fs::read_dir(dist.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(hidden.is_empty());
}

/// Breaks a fresh fake dist with `spoil`, packs it, and returns the error message, checking that
/// it failed with exit code 1 and wrote nothing.
fn failure(spoil: impl FnOnce(&Path)) -> String {
    let dist = fake_dist();
    spoil(dist.path());
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("bundle");
    let o = pack_out(dist.path(), &target);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(!target.exists(), "a failed pack wrote {}", target.display());
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.starts_with("parallax-pack: error: "), "{err}");
    err
}

fn edit_index(d: &Path, from: &str, to: &str) {
    let index = std::fs::read_to_string(d.join("index.html")).unwrap();
    assert!(index.contains(from), "{from}");
    std::fs::write(d.join("index.html"), index.replace(from, to)).unwrap();
}

#[test]
fn each_broken_build_gets_a_message_naming_what_is_wrong() {
    let e = failure(|d| std::fs::remove_file(d.join("app-1_bg.wasm")).unwrap());
    assert!(
        e.contains("the start-up script's init call names /app-1_bg.wasm, but ")
            && e.contains("app-1_bg.wasm does not exist"),
        "{e}"
    );
    let e = failure(|d| std::fs::remove_file(d.join("style-1.css")).unwrap());
    assert!(
        e.contains("index.html line 7: <link rel=\"stylesheet\"> names /style-1.css"),
        "{e}"
    );
    let e = failure(|d| std::fs::remove_file(d.join("fonts/f.woff2")).unwrap());
    assert!(
        e.contains("style-1.css: url(fonts/f.woff2) names fonts/f.woff2"),
        "{e}"
    );
    let e = failure(|d| std::fs::remove_file(d.join("index.html")).unwrap());
    assert!(e.contains("index.html cannot be read"), "{e}");
    let e = failure(|d| edit_index(d, "import init, * as bindings from '/app-1.js';\n", ""));
    assert!(
        e.contains("has no <script type=\"module\"> that imports the wasm-bindgen JS"),
        "{e}"
    );
    let e = failure(|d| edit_index(d, "module_or_path: '/app-1_bg.wasm'", "module_or_path: x"));
    assert!(e.contains("exactly one .wasm file"), "{e}");
    // No <head> start tag is fine when a <meta charset> comes first (a minified page), not when
    // a script comes before it: the policy would come too late to govern it.
    let e = failure(|d| edit_index(d, "<head>", "<!-- no head --><script>1</script>"));
    assert!(
        e.contains("no <head> start tag, nor a <meta charset> before its first script"),
        "{e}"
    );
    let e = failure(|d| {
        edit_index(
            d,
            "href=\"/more-2.css\"",
            "href=\"https://cdn.example.org/x.css\"",
        )
    });
    assert!(
        e.contains("loads https://cdn.example.org/x.css from the network; the single file must not request anything"),
        "{e}"
    );
    let e = failure(|d| edit_index(d, "<noscript>", "<img src=\"/missing.png\"><noscript>"));
    assert!(e.contains("<img src> names /missing.png"), "{e}");
    let e = failure(|d| edit_index(d, "<noscript>", "<video src=\"/v.mp4\"></video><noscript>"));
    assert!(
        e.contains("<video src=\"/v.mp4\"> would load a file"),
        "{e}"
    );
    let e = failure(|d| {
        edit_index(
            d,
            "<title>",
            "<link rel=\"search\" href=\"/os.xml\"><title>",
        )
    });
    assert!(
        e.contains("<link rel=\"search\"> is not something parallax-pack knows"),
        "{e}"
    );
    let e = failure(|d| {
        write(
            d,
            "app-1.js",
            b"const s = '</script>';\nexport default f;\n",
        )
    });
    assert!(e.contains("app-1.js contains </script"), "{e}");
    let e = failure(|d| {
        write(
            d,
            "app-1.js",
            b"import * as s from './snippets/x.js';\nexport default f;\n",
        )
    });
    assert!(e.contains("app-1.js imports other modules"), "{e}");
    let e = failure(|d| write(d, "app-1.js", b"export function f() {}\n"));
    assert!(e.contains("app-1.js has no default export"), "{e}");
    let e = failure(|d| write(d, "app-1_bg.wasm", b"<html>not found</html>"));
    assert!(e.contains("app-1_bg.wasm is not WebAssembly"), "{e}");
    let e = failure(|d| write(d, "more-2.css", b"@import url(x.css);"));
    assert!(e.contains("more-2.css uses @import"), "{e}");
    let e = failure(|d| edit_index(d, "<title>", "<!-- <title>"));
    assert!(
        e.contains("index.html, line 5: a comment never ends"),
        "{e}"
    );
}

#[test]
fn bad_arguments_exit_with_2() {
    let o = Command::new(env!("CARGO_BIN_EXE_parallax-pack"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("<DIST>"));
}

#[test]
fn a_manifest_link_and_a_base_are_dropped_with_a_note() {
    let dist = fake_dist();
    edit_index(
        dist.path(),
        "<title>",
        "<base href=\"/\"><link rel=\"manifest\" href=\"/app.webmanifest\"><title>",
    );
    let out = tempfile::tempdir().unwrap();
    let o = pack_out(dist.path(), out.path());
    assert!(o.status.success());
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("note: index.html line 5: removed <base>"),
        "{err}"
    );
    assert!(
        err.contains("removed <link rel=\"manifest\" href=\"/app.webmanifest\">"),
        "{err}"
    );
    let html = std::fs::read_to_string(out.path().join("parallax.html")).unwrap();
    assert!(!html.contains("<base") && !html.contains("manifest\""));
    check_page(&html, WASM);
}

/// A real release build, when there is one: `PARALLAX_PACK_DIST`, or the workspace's `dist/`.
fn real_dist() -> Option<PathBuf> {
    let dir = std::env::var_os("PARALLAX_PACK_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dist"));
    dir.join("index.html").is_file().then_some(dir)
}

#[test]
fn packs_the_real_release_build_when_there_is_one() {
    let Some(dist) = real_dist() else {
        // Under CI (`make test` builds dist/ before `cargo test`) this never passes by skipping.
        assert!(
            std::env::var_os("CI").is_none(),
            "no release build in dist/ (or PARALLAX_PACK_DIST): build it first (trunk build --release)"
        );
        eprintln!("no release build (dist/ or PARALLAX_PACK_DIST): skipped outside CI");
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let o = pack_out(&dist, out.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let wasm = std::fs::read_dir(&dist)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().ends_with("_bg.wasm"))
        .map(|e| std::fs::read(e.path()).unwrap())
        .expect("a wasm in the build");
    let html = std::fs::read_to_string(out.path().join("parallax.html")).unwrap();
    check_page(&html, &wasm);
    let names = zip_names(&std::fs::read(out.path().join("parallax.zip")).unwrap());
    assert!(names.contains(&"index.html".to_owned()), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with("_bg.wasm")), "{names:?}");
    // The build is prerendered (Trunk.toml's hook): the library in index.html and a page per
    // source, all in the zip; the single file, which has no such pages, is not.
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap();
    assert!(
        index.contains(r#"class="pre-view""#),
        "index.html is not prerendered"
    );
    assert!(names.contains(&"read-000.html".to_owned()), "{names:?}");
    for gone in [
        r#"class="pre-view""#,
        r#"data-prerendered="""#,
        r#"<meta name="parallax-prerendered""#,
        r#"<meta name="parallax-pages""#,
    ] {
        assert!(!html.contains(gone), "the single file still has {gone}");
    }
}
