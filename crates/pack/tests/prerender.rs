//! `prerender` on the real corpus the app embeds, into a small build folder: a page per source
//! holding every passage's text once, as the passage has it; the library's cards; the explorer's
//! search box and compare's pickers in the app's words; text of the
//! corpus never written as markup; the same files when run again; a clear error for a page it
//! cannot prerender into; no pages for a corpus past `MAX_PAGES`.
#![allow(clippy::disallowed_methods)] // Tests never reach the wasm.

use std::cell::RefCell;
use std::path::Path;

use lol_html::{element, rewrite_str, text, RewriteStrSettings};
use parallax_core::state::{COMPARE_PAGE, EXPLORE_PAGE};
use parallax_core::strings::{compare as compare_words, explore as words};
use parallax_core::{Bundle, PassageKind};
use parallax_pack::prerender::{prerender, reader_file, MAX_PAGES};

const PROGRAM: &str = r#"<link as=fetch crossorigin href=./app-1_bg.wasm rel=preload type=application/wasm><script type=module>import init, * as bindings from './app-1.js';
const wasm = await init({ module_or_path: './app-1_bg.wasm' });</script>"#;

const INDEX: &str = r#"<!doctype html><html lang=en><meta charset=utf-8><title>Parallax</title>
<script src=/start-1.js></script><link as=fetch crossorigin href=./app-1_bg.wasm rel=preload type=application/wasm><script type=module>import init, * as bindings from './app-1.js';
const wasm = await init({ module_or_path: './app-1_bg.wasm' });</script><body><header><ul class=shell-nav><li><span class=shell-current data-view=/>Sources</span><li><span>Map</span><li><span data-view=/explore>Explore</span><li><span data-view=/compare>Compare</span></ul></header>
<main id=main tabindex=-1><section class=shell-main><h1>Story</h1><p class=shell-status>Loading the sources…</p></section></main></body>"#;

fn bundle() -> Bundle {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (bytes, _) = parallax_core::source::app_bundle(&root).expect("the app's corpus");
    parallax_core::decode(&bytes).unwrap()
}

fn dist(index: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), index).unwrap();
    dir
}

/// The text of each element matching `selector` in `html`, character references decoded.
fn texts(html: &str, selector: &str) -> Vec<String> {
    let found = RefCell::new(Vec::<String>::new());
    rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!(selector, |_| {
                found.borrow_mut().push(String::new());
                Ok(())
            }))
            .append_element_content_handler(text!(selector, |t| {
                if let Some(last) = found.borrow_mut().last_mut() {
                    last.push_str(t.as_str());
                }
                Ok(())
            })),
    )
    .unwrap();
    found
        .into_inner()
        .into_iter()
        .map(|t| html_escape::decode_html_entities(&t).into_owned())
        .collect()
}

#[test]
fn every_source_has_a_page_with_each_passage_once_as_its_text() {
    let bundle = bundle();
    let dir = dist(INDEX);
    let done = prerender(dir.path(), &bundle).unwrap();
    let mut expected = vec![
        "index.html".to_owned(),
        EXPLORE_PAGE.to_owned(),
        COMPARE_PAGE.to_owned(),
    ];
    expected.extend(bundle.corpus.documents.iter().map(|d| reader_file(&d.id)));
    assert_eq!(done.files, expected);
    assert_eq!(done.note, None);
    for doc in &bundle.corpus.documents {
        let html = std::fs::read_to_string(dir.path().join(reader_file(&doc.id))).unwrap();
        assert_eq!(texts(&html, "title"), [format!("{} — Parallax", doc.title)]);
        assert_eq!(texts(&html, ".pre-view h1"), [doc.title.as_str()]);
        assert!(html.contains(&format!(
            r#"<meta name="parallax-prerendered" content="/read/{}" data-program="#,
            doc.id
        )));
        // No view of the header is marked as shown over a reader (the app marks none there).
        assert!(!html.contains("shell-current"), "{}", doc.id);
        // The loading message stays, for a link to another view (prerendered.js shows it then).
        assert_eq!(texts(&html, ".shell-status"), ["Loading the sources…"]);
        let shown = texts(&html, "p.passage");
        let wanted: Vec<String> = doc
            .passages
            .iter()
            .map(|p| {
                let label = match p.kind {
                    PassageKind::Caption => "Caption: ",
                    PassageKind::PullQuote => "Pull quote: ",
                    _ => "",
                };
                format!("{label}{} Link", p.text)
            })
            .collect();
        assert!(!wanted.is_empty());
        assert_eq!(shown, wanted, "{}: every passage once, in order", doc.id);
    }
    let index = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    let titles = texts(&index, ".source-card h2");
    let want: Vec<&str> = bundle
        .corpus
        .documents
        .iter()
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(titles, want);
    assert_eq!(
        texts(&index, ".source-card .removed-count"),
        bundle
            .corpus
            .documents
            .iter()
            .map(|d| d.removed_summary())
            .collect::<Vec<_>>()
    );
    // Each card leads to its reader's page, with the app's link of that reader after `#`.
    let version = &parallax_core::state::Known::new(&bundle.corpus, &bundle.checksum).version;
    for doc in &bundle.corpus.documents {
        let link = format!(r#"<a href="read-{0}.html#/read/{0}?v={version}">"#, doc.id);
        assert!(index.contains(&link), "{link}");
    }
    assert!(index.contains(r#"<meta name="parallax-pages" content="000 001 002 003 004">"#));
    assert!(index.contains("<span class=shell-current data-view=/>Sources</span>"));
    assert!(index.contains("<span data-view=/explore>Explore</span>"));
    // Each page fetches its program after its first paint: no preload, the start-up module
    // waiting for a frame first, and the program's address kept for a link to another view.
    for name in &done.files {
        let html = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(!html.contains("rel=preload"), "{name}");
        assert!(html.contains(r#"data-program="./app-1_bg.wasm""#), "{name}");
        let module = texts(&html, "script[type=module]");
        assert_eq!(module.len(), 1);
        assert!(
            module[0].starts_with(
                "if (document.documentElement.getAttribute('data-prerendered') === ''"
            ) && module[0].contains("requestAnimationFrame")
                && module[0].contains("import init, * as bindings from './app-1.js';"),
            "{name}: {}",
            module[0]
        );
    }
}

#[test]
fn the_explorer_has_a_page_with_its_search_box_in_the_apps_words() {
    let bundle = bundle();
    let dir = dist(INDEX);
    prerender(dir.path(), &bundle).unwrap();
    let html = std::fs::read_to_string(dir.path().join(EXPLORE_PAGE)).unwrap();
    assert_eq!(texts(&html, "title"), [words::title("")]);
    assert!(html.contains(
        r#"<meta name="parallax-prerendered" content="/explore" data-program="./app-1_bg.wasm">"#
    ));
    assert!(html.contains(r#"<meta name="parallax-pages" content="000 001 002 003 004">"#));
    // The header marks the explorer as the view shown, as the app's does.
    assert!(html.contains(r#"<span data-view=/explore class="shell-current">Explore</span>"#));
    assert!(html.contains("<span data-view=/>Sources</span>"), "{html}");
    assert_eq!(texts(&html, ".pre-view h1"), [words::TITLE]);
    assert_eq!(
        texts(&html, ".pre-view label[for=q]"),
        [words::SEARCH_LABEL]
    );
    assert_eq!(texts(&html, ".pre-view #q-help"), [words::HELP]);
    assert_eq!(
        texts(&html, ".pre-view label[for=kwic]"),
        [words::KWIC_LABEL]
    );
    assert!(html.contains(&format!(
        r#"placeholder="{}""#,
        html_escape::encode_double_quoted_attribute(words::PLACEHOLDER)
    )));
    // The box is empty in the page (prerendered.js puts the link's query in it), and no text of
    // the corpus is there: one page for every query. Box and switch do nothing without
    // JavaScript: written disabled (prerendered.js enables them).
    assert!(!html.contains("value="));
    assert_eq!(html.matches(" disabled>").count(), 2);
    for doc in &bundle.corpus.documents {
        assert!(!html.contains(&doc.passages[0].text), "{}", doc.id);
    }
    assert_eq!(
        texts(&html, ".shell-status"),
        ["Loading the sources…", "Finding the passages…"]
    );
    // Without JavaScript: what needs it, and the way to the sources, which do not.
    assert_eq!(
        texts(&html, ".pre-view noscript"),
        [
            r#"<p class="noscript">You are reading without JavaScript: searching needs JavaScript and WebAssembly, but every source can be read from <a href="index.html">the list of sources</a>.</p>"#
        ]
    );
}

#[test]
fn compare_has_a_page_with_its_pickers_and_summary_heading_in_the_apps_words() {
    let bundle = bundle();
    let dir = dist(INDEX);
    prerender(dir.path(), &bundle).unwrap();
    let html = std::fs::read_to_string(dir.path().join(COMPARE_PAGE)).unwrap();
    assert_eq!(texts(&html, "title"), ["Compare sources — Parallax"]);
    assert!(html.contains(
        r#"<meta name="parallax-prerendered" content="/compare" data-program="./app-1_bg.wasm">"#
    ));
    // The header marks compare as the view shown, as the app's does.
    assert!(html.contains(r#"<span data-view=/compare class="shell-current">Compare</span>"#));
    assert!(
        html.contains("<span data-view=/explore>Explore</span>"),
        "{html}"
    );
    assert_eq!(texts(&html, ".pre-view h1"), [compare_words::TITLE]);
    assert_eq!(
        texts(&html, ".pre-view .cmp-sources label"),
        ["Source 1", "Source 2", "Source 3 (optional)"]
    );
    // Every source in each column's list, in the app's words; the third may be none.
    let sources: Vec<String> = bundle
        .corpus
        .documents
        .iter()
        .map(|d| compare_words::source_option(&d.id, &d.title))
        .collect();
    assert_eq!(sources.len(), 5);
    for slot in ["1", "2"] {
        assert_eq!(texts(&html, &format!("#cmp-source-{slot} option")), sources);
    }
    let mut third = vec![compare_words::NONE.to_owned()];
    third.extend(sources.iter().cloned());
    assert_eq!(texts(&html, "#cmp-source-3 option"), third);
    // The corpus's themes after "All themes", by their labels.
    let mut themes = vec![compare_words::ALL_THEMES.to_owned()];
    themes.extend(bundle.corpus.themes.iter().map(|t| t.label.clone()));
    assert_eq!(themes.len(), 12);
    assert_eq!(texts(&html, "#cmp-theme option"), themes);
    assert_eq!(
        texts(&html, ".pre-view label[for=only-differ]"),
        [compare_words::DIFFER_LABEL]
    );
    // Nothing chosen in the page (prerendered.js chooses the link's sources), and nothing works
    // without JavaScript: the four lists and the switch are written disabled.
    assert!(!html.contains("selected"));
    assert_eq!(html.matches(" disabled>").count(), 5);
    assert_eq!(texts(&html, "#cmp-summary-h"), [compare_words::AT_A_GLANCE]);
    assert_eq!(
        texts(&html, "p#cmp-differ-means"),
        [compare_words::DIFFER_MEANS]
    );
    assert_eq!(
        texts(&html, ".shell-status"),
        ["Loading the sources…", "Comparing the sources…"]
    );
    assert_eq!(
        texts(&html, ".pre-view noscript"),
        [
            r#"<p class="noscript">You are reading without JavaScript: comparing needs JavaScript and WebAssembly, but every source can be read from <a href="index.html">the list of sources</a>.</p>"#
        ]
    );
}

#[test]
fn corpus_text_is_never_markup() {
    let mut bundle = bundle();
    let hostile = r#"</title><script>alert(1)</script><img src=x onerror=alert(2)> & "quoted""#;
    bundle.corpus.documents[0].title = hostile.to_owned();
    bundle.corpus.documents[0].passages[0].text = hostile.to_owned();
    bundle.corpus.documents[0].passages[0].sentences.clear();
    bundle.corpus.themes[0].label = hostile.to_owned();
    let dir = dist(INDEX);
    prerender(dir.path(), &bundle).unwrap();
    let id = bundle.corpus.documents[0].id.clone();
    let compare = std::fs::read_to_string(dir.path().join(COMPARE_PAGE)).unwrap();
    assert_eq!(
        texts(&compare, "#cmp-source-1 option")[0],
        format!("{id} — {hostile}")
    );
    assert_eq!(texts(&compare, "#cmp-theme option")[1], hostile);
    for name in [
        "index.html".to_owned(),
        reader_file(&id),
        COMPARE_PAGE.to_owned(),
    ] {
        let html = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        assert!(!html.contains("<script>alert"), "{name}");
        assert!(!html.contains("<img"), "{name}");
    }
    let page = std::fs::read_to_string(dir.path().join(reader_file(&id))).unwrap();
    assert_eq!(texts(&page, ".pre-view h1"), [hostile]);
    assert_eq!(texts(&page, "title"), [format!("{hostile} — Parallax")]);
    assert_eq!(texts(&page, "p.passage")[0], format!("{hostile} Link"));
}

#[test]
fn running_it_again_writes_the_same_files() {
    let bundle = bundle();
    let dir = dist(INDEX);
    let first = prerender(dir.path(), &bundle).unwrap();
    let read = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
    let before: Vec<Vec<u8>> = first.files.iter().map(|f| read(f)).collect();
    let again = prerender(dir.path(), &bundle).unwrap();
    assert_eq!(again, first);
    let after: Vec<Vec<u8>> = again.files.iter().map(|f| read(f)).collect();
    assert!(before == after, "a second run changed the pages");
}

#[test]
fn a_page_without_one_main_is_refused_in_words() {
    let bundle = bundle();
    for index in [
        "<!doctype html><meta charset=utf-8><title>x</title><body><p>no main</p>",
        "<!doctype html><meta charset=utf-8><title>x</title><main></main><main></main>",
        "<!doctype html><title>x</title><main></main>",
    ] {
        let dir = dist(&index.replace("<title>", &format!("{PROGRAM}<title>")));
        let e = prerender(dir.path(), &bundle).unwrap_err().to_string();
        assert!(
            e.contains("exactly one <main>") && e.contains("<meta charset>"),
            "{e}"
        );
        // Nothing was written.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
    let dir = tempfile::tempdir().unwrap();
    let e = prerender(dir.path(), &bundle).unwrap_err().to_string();
    assert!(e.contains("index.html cannot be read"), "{e}");
    // A page that does not preload its program is not Trunk's: nothing to wait for.
    let dir = dist(&INDEX.replace(" rel=preload", " rel=stylesheet"));
    let e = prerender(dir.path(), &bundle).unwrap_err().to_string();
    assert!(
        e.contains("no <link rel=preload as=fetch> of the program"),
        "{e}"
    );
}

#[test]
fn a_corpus_past_the_limit_is_left_to_the_app() {
    let mut bundle = bundle();
    let doc = bundle.corpus.documents[0].clone();
    bundle.corpus.documents = (0..=MAX_PAGES)
        .map(|i| {
            let mut d = doc.clone();
            d.id = format!("{i:04}");
            d
        })
        .collect();
    let dir = dist(INDEX);
    let done = prerender(dir.path(), &bundle).unwrap();
    assert!(done.files.is_empty());
    assert!(done
        .note
        .unwrap()
        .contains(&format!("more than {MAX_PAGES}")));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("index.html")).unwrap(),
        INDEX
    );
}
