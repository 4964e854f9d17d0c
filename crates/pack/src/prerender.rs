//! Prerendered pages: the library into the build's `index.html`, each source's reader into
//! `read-<id>.html`, the explorer's search box into `explore.html` and compare's pickers into
//! `compare.html` beside it, written at build time from the core with the app's own markup, so
//! that a link shows its text at first paint, before the wasm has arrived; the app then takes the
//! page over (ARCHITECTURE.md, "Prerendered pages"). All text is escaped: nothing of the corpus
//! is ever written as markup.

use std::cell::Cell;
use std::fmt::Write as _;
use std::path::Path;

use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str};
use parallax_core::layout::{groups, reading_order, Group, Item};
use parallax_core::state::{
    print, Known, OverviewPart, Read, State, View, COMPARE_PAGE, EXPLORE_PAGE,
};
use parallax_core::strings::{compare as compare_words, explore as words};
use parallax_core::{strings, Bundle, BylineSource, Document, Passage, PassageKind};

use crate::html::{rewrite_error, settings};
use crate::PackError;

/// The `<meta name>` that says which view a page holds prerendered, as the app's link of it
/// without `#` and version (`/` for the library, `/read/002` for a reader).
/// `assets/prerendered.js` compares it with the link opened, and the app opens that view when the
/// link names none.
pub const VIEW_META: &str = "parallax-prerendered";
/// The `<meta name>` of every prerendered page that lists the documents with a page of their own
/// (space-separated ids): the app writes a reader's link under its page (`dom::link_url`).
pub const PAGES_META: &str = "parallax-pages";
/// Most documents given a page of their own (and shown in the prerendered library): a corpus
/// larger than this (the 2,000-document scale build) is rendered by the app alone.
pub const MAX_PAGES: usize = 200;
/// Sections of a reader shown before its "Show more" button: the app's `paged::PAGE`.
pub const PAGE: usize = 50;
/// The library's first cards: the app's `library::FIRST`.
pub const FIRST: usize = 100;

/// Put first in Trunk's start-up module of a prerendered page: the program is fetched once the
/// page's text is painted (at once for a link to another view, or in a tab in the background), so
/// that the first paint never waits for it and its transfer never competes with the stylesheets.
/// (Lighthouse's simulation counts every request begun before the largest paint as needed for it.)
const WAIT: &str = "if (document.documentElement.getAttribute('data-prerendered') === '' && \
    !document.hidden) await new Promise((painted) => requestAnimationFrame(() => \
    setTimeout(painted)));\n";

/// What a reader without JavaScript is told above the prerendered library or reader.
const NO_SCRIPT: &str = "You are reading without JavaScript: every source can be read here, but \
    searching, comparing, notes and lessons need JavaScript and WebAssembly.";

/// What a reader without JavaScript is told above the explorer's search box, which needs it
/// (followed by a link to the library).
const NO_SCRIPT_EXPLORE: &str = "You are reading without JavaScript: searching needs JavaScript \
    and WebAssembly, but every source can be read from";

/// What a reader without JavaScript is told above compare's pickers (followed by a link to the
/// library).
const NO_SCRIPT_COMPARE: &str = "You are reading without JavaScript: comparing needs JavaScript \
    and WebAssembly, but every source can be read from";

/// What `prerender` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prerendered {
    /// The file names written, `index.html` first.
    pub files: Vec<String>,
    /// A note for the person who ran it (a corpus too large to prerender).
    pub note: Option<String>,
}

/// The name of the reader page of document `id`.
pub fn reader_file(id: &str) -> String {
    format!("read-{id}.html")
}

/// Writes the prerendered library into `dist/index.html`, the explorer's page (`EXPLORE_PAGE`),
/// compare's (`COMPARE_PAGE`) and a reader page per document of `bundle` beside it (nothing at
/// all past `MAX_PAGES` documents). Running it again on its own output gives the same files.
pub fn prerender(dist: &Path, bundle: &Bundle) -> Result<Prerendered, PackError> {
    let index = dist.join("index.html");
    let template = std::fs::read_to_string(&index)
        .map_err(|e| PackError::new(format!("{} cannot be read: {e}", index.display())))?;
    // A page prerendered before (the hook run twice on one build) is written again.
    let template = template.replace(WAIT, "");
    let program = program(&template)?;
    let known = Known::new(&bundle.corpus, &bundle.checksum);
    let corpus = &bundle.corpus;
    let docs = &corpus.documents;
    if docs.len() > MAX_PAGES {
        return Ok(Prerendered {
            files: Vec::new(),
            note: Some(format!(
                "{} documents: more than {MAX_PAGES}, so no page is prerendered (the app renders them)",
                docs.len()
            )),
        });
    }
    let pages = docs
        .iter()
        .map(|d| d.id.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut files = Vec::new();
    let library = page(
        &template,
        &program,
        &format!("{} — Parallax", corpus.title),
        "/",
        &pages,
        &no_script(NO_SCRIPT),
        &library_main(bundle, &known),
    )?;
    write(dist, "index.html", &library)?;
    files.push("index.html".to_owned());
    let explore = page(
        &template,
        &program,
        &words::title(""),
        "/explore",
        &pages,
        &no_script(&format!(
            r#"{NO_SCRIPT_EXPLORE} <a href="index.html">the list of sources</a>."#
        )),
        &explore_main(),
    )?;
    write(dist, EXPLORE_PAGE, &explore)?;
    files.push(EXPLORE_PAGE.to_owned());
    let compare = page(
        &template,
        &program,
        &format!("{} — Parallax", compare_words::TITLE),
        "/compare",
        &pages,
        &no_script(&format!(
            r#"{NO_SCRIPT_COMPARE} <a href="index.html">the list of sources</a>."#
        )),
        &compare_main(corpus),
    )?;
    write(dist, COMPARE_PAGE, &compare)?;
    files.push(COMPARE_PAGE.to_owned());
    for doc in docs {
        let view = format!("/read/{}", doc.id);
        let html = page(
            &template,
            &program,
            &format!("{} — Parallax", doc.title),
            &view,
            &pages,
            &no_script(NO_SCRIPT),
            &reader_main(doc, &known),
        )?;
        let name = reader_file(&doc.id);
        write(dist, &name, &html)?;
        files.push(name);
    }
    Ok(Prerendered { files, note: None })
}

fn write(dist: &Path, name: &str, html: &str) -> Result<(), PackError> {
    let path = dist.join(name);
    std::fs::write(&path, html)
        .map_err(|e| PackError::new(format!("{} cannot be written: {e}", path.display())))
}

/// The line shown to a reader without JavaScript above a prerendered view (`line` is markup).
fn no_script(line: &str) -> String {
    format!(r#"<noscript><p class="noscript">{line}</p></noscript>"#)
}

/// `template` (the build's `index.html`, without an earlier `WAIT`) with `title`, the view's
/// `<meta>` (with the address of the `program`) and the list of reader pages, and `no_script`
/// then `main` after the loading message in `<main>`. The metas go right after
/// `<meta charset>`, before every script, since `assets/prerendered.js` reads them as it runs.
fn page(
    template: &str,
    program: &str,
    title: &str,
    view: &str,
    pages: &str,
    no_script: &str,
    main: &str,
) -> Result<String, PackError> {
    let metas = format!(
        r#"<meta name="{VIEW_META}" content="{}" data-program="{}"><meta name="{PAGES_META}" content="{}">"#,
        attr(view),
        attr(program),
        attr(pages)
    );
    let charset = Cell::new(false);
    let mains = Cell::new(0);
    let earlier = format!("meta[name={VIEW_META}], meta[name={PAGES_META}]");
    let settings = settings()
        .append_element_content_handler(element!("meta[charset]", |el| {
            if !charset.replace(true) {
                el.after(&metas, ContentType::Html);
            }
            Ok(())
        }))
        // A page prerendered before (the hook run twice on one build) is written again.
        .append_element_content_handler(element!(&earlier, |el| {
            el.remove();
            Ok(())
        }))
        // The program's preload goes (`WAIT`); assets/prerendered.js puts it back for a link to
        // another view, which needs the program at once.
        .append_element_content_handler(element!("link[rel=preload][as=fetch]", |el| {
            if el
                .get_attribute("href")
                .is_some_and(|h| h.ends_with(".wasm"))
            {
                el.remove();
            }
            Ok(())
        }))
        .append_element_content_handler(element!("script[type=module]", |el| {
            el.prepend(WAIT, ContentType::Html);
            Ok(())
        }))
        // The loading header marks the view shown, as the app's does (none over a reader).
        .append_element_content_handler(element!(".shell-nav span[data-view]", |el| {
            if el.get_attribute("data-view").as_deref() == Some(view) {
                if el.get_attribute("class").as_deref() != Some("shell-current") {
                    el.set_attribute("class", "shell-current")
                        .map_err(|e| PackError::new(format!("index.html: {e}")))?;
                }
            } else {
                el.remove_attribute("class");
            }
            Ok(())
        }))
        .append_element_content_handler(element!("title", |el| {
            el.set_inner_content(title, ContentType::Text);
            Ok(())
        }))
        // Marks the page for style.css and `assets/prerendered.js`: the loading message is hidden
        // while the prerendered view is shown.
        .append_element_content_handler(element!("html", |el| {
            el.set_attribute("data-prerendered", "")
                .map_err(|e| PackError::new(format!("index.html: {e}")))?;
            Ok(())
        }))
        .append_element_content_handler(element!("main .pre-view", |el| {
            el.remove();
            Ok(())
        }))
        // After the loading message (shown instead when the link names another view), with a
        // word for readers without JavaScript.
        .append_element_content_handler(element!("main", |el| {
            mains.set(mains.get() + 1);
            el.append(
                &format!(r#"<div class="pre-view">{no_script}{main}</div>"#),
                ContentType::Html,
            );
            Ok(())
        }));
    let html = rewrite_str(template, settings).map_err(|e| rewrite_error("index.html", e))?;
    let mains = mains.get();
    if !charset.get() || mains != 1 {
        return Err(PackError::new(format!(
            "index.html must have a <meta charset> and exactly one <main> to prerender into (it has {mains})"
        )));
    }
    Ok(html)
}

/// The address of the program (the wasm) that `template` preloads, as written (or that a page
/// prerendered before names).
fn program(template: &str) -> Result<String, PackError> {
    let found = std::cell::RefCell::new(None::<String>);
    let earlier = format!("meta[name={VIEW_META}][data-program]");
    rewrite_str(
        template,
        settings()
            .append_element_content_handler(element!("link[rel=preload][as=fetch]", |el| {
                if let Some(href) = el.get_attribute("href").filter(|h| h.ends_with(".wasm")) {
                    found.borrow_mut().get_or_insert(href);
                }
                Ok(())
            }))
            // A page prerendered before keeps it there.
            .append_element_content_handler(element!(&earlier, |el| {
                if let Some(href) = el.get_attribute("data-program") {
                    found
                        .borrow_mut()
                        .get_or_insert(html_escape::decode_html_entities(&href).into_owned());
                }
                Ok(())
            })),
    )
    .map_err(|e| rewrite_error("index.html", e))?;
    found.into_inner().ok_or_else(|| {
        PackError::new("index.html has no <link rel=preload as=fetch> of the program (the .wasm) to prerender around")
    })
}

/// Text for an element's content.
fn text(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

/// Text for a double-quoted attribute value.
fn attr(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

/// The app's link of `view` (`#` and the corpus version included), as its `Ctx::href` writes it.
fn href(view: View, known: &Known) -> String {
    print(
        &State {
            view,
            ..State::default()
        },
        &known.version,
    )
}

/// The empty regions the app's `<main>` starts with (notices, notes problems, and over any view
/// but the library the files dropped on the page, as `app.rs` writes them), so that what follows
/// them stands where it will when the app takes over.
fn regions(library: bool) -> String {
    let mut out = String::from(r#"<div class="notices"></div><div class="notes-problems"></div>"#);
    if !library {
        out.push_str(r#"<div class="dropped-files"></div>"#);
    }
    out
}

/// The library (`library.rs`, `start_here.rs`, `source_card.rs`, `doc_meta.rs` in the app): its
/// title, opening line, "Start here" questions and a card per source. The parts that only work
/// with the app (citations, opening a link, adding documents) come with it, below the cards.
fn library_main(bundle: &Bundle, known: &Known) -> String {
    let corpus = &bundle.corpus;
    let count = corpus.documents.len();
    let mut out = regions(true);
    let _ = write!(
        out,
        r#"<section class="library-view"><h1>{}</h1><p class="lede">{}</p>"#,
        text(&corpus.title),
        text(&strings::library_lede(count, 0))
    );
    out.push_str(r#"<nav class="start-here" aria-labelledby="start-here-h"><h2 id="start-here-h">Start here</h2><ul>"#);
    for part in OverviewPart::ALL {
        let _ = write!(
            out,
            r#"<li><a href="{}" data-part="{}">{}</a></li>"#,
            attr(&href(View::Overview { part: Some(part) }, known)),
            part.id(),
            text(part.question())
        );
    }
    let _ = write!(
        out,
        r#"</ul><p><a href="{}">All four answers on one page: the story overview</a></p></nav><ul class="library">"#,
        attr(&href(View::Overview { part: None }, known))
    );
    for doc in corpus.documents.iter().take(FIRST) {
        // The reader's own page, with the app's link after `#`: with JavaScript the app opens that
        // link there, without it the page is read as it is.
        let read = format!(
            "{}{}",
            reader_file(&doc.id),
            href(View::Read(Read::at(&doc.id, None)), known)
        );
        let _ = write!(
            out,
            r#"<li class="source-card" data-doc="{id}"><p class="source-number">Source {idt}</p><h2><a href="{read}">{title}</a></h2>{meta}<p class="counts"><span class="word-count">{words}</span> · <span class="removed-count">{removed}</span></p><p class="profile-link"><a href="{profile}" aria-label="About this source: signals, what was removed — {label}">About this source: signals, what was removed</a></p></li>"#,
            id = attr(&doc.id),
            idt = text(&doc.id),
            read = attr(&read),
            title = text(&doc.title),
            meta = doc_meta(doc),
            words = text(&strings::count(doc.word_count(), "word", "words")),
            removed = text(&doc.removed_summary()),
            profile = attr(&href(
                View::Source(parallax_core::state::Source {
                    doc: doc.id.clone()
                }),
                known
            )),
            label = attr(&doc.title),
        );
    }
    out.push_str("</ul>");
    if count > FIRST {
        // The app's button, here without its action: the prerendered library stops at it.
        let _ = write!(
            out,
            r#"<button type="button" class="more" disabled>Show all {count} sources (showing {FIRST})</button>"#
        );
    }
    out.push_str("</section>");
    out
}

/// The explorer's words above its results (the app's `ExploreView`): its title, the search box
/// with its help, and the switch to the words around each match, then the loading message where
/// the results will be. The same for every query: `assets/prerendered.js` puts the link's query
/// in the box and sets the switch before the first paint, and enables both (written disabled:
/// without JavaScript they could do nothing); `assets/start.js` hands what the reader typed or
/// switched meanwhile to the app. Nothing depends on the corpus.
fn explore_main() -> String {
    let mut out = regions(false);
    let _ = write!(
        out,
        r#"<section class="explore-view"><h1>{title}</h1><div class="search-row"><label for="q">{label}</label><input id="q" type="search" autocomplete="off" spellcheck="false" placeholder="{placeholder}" aria-describedby="q-help" disabled><p id="q-help" class="help">{help}</p></div><p class="mode"><input type="checkbox" role="switch" id="kwic" disabled><label for="kwic">{kwic}</label></p><p class="shell-status" role="status">Finding the passages…</p></section>"#,
        title = text(words::TITLE),
        label = text(words::SEARCH_LABEL),
        placeholder = attr(words::PLACEHOLDER),
        help = text(words::HELP),
        kwic = text(words::KWIC_LABEL),
    );
    out
}

/// Compare's words above its findings (the app's `CompareView` and `Picker`): its title, the
/// three sources' pickers (every document, the third with "None"), the theme filter (the corpus's
/// themes), the switch, a loading line where the count will be, then the summary's heading and
/// what it counts (when the corpus has themes: else the app compares passage by passage). The
/// same for any sources: `assets/prerendered.js` chooses the link's before the first paint and
/// enables the controls (written disabled: without JavaScript they could do nothing);
/// `assets/start.js` hands what the reader chose meanwhile to the app.
fn compare_main(corpus: &parallax_core::Corpus) -> String {
    let mut out = regions(false);
    let _ = write!(
        out,
        r#"<section class="compare-view"><h1>{}</h1><form class="cmp-picker" aria-label="{}"><fieldset class="cmp-sources"><legend class="vh">{}</legend>"#,
        text(compare_words::TITLE),
        attr(compare_words::PICKER_LABEL),
        text(compare_words::SOURCES_LEGEND),
    );
    for slot in 0..parallax_core::state::MAX_COMPARE {
        let optional = slot >= 2;
        let _ = write!(
            out,
            r#"<div class="cmp-field"><label for="cmp-source-{n}">{label}{hint}</label><select id="cmp-source-{n}" data-slot="{slot}" disabled>"#,
            n = slot + 1,
            label = text(&compare_words::source_label(slot)),
            hint = if optional {
                r#"<span class="vh"> (optional)</span>"#
            } else {
                ""
            },
        );
        if optional {
            let _ = write!(
                out,
                r#"<option value="">{}</option>"#,
                text(compare_words::NONE)
            );
        }
        for d in &corpus.documents {
            let _ = write!(
                out,
                r#"<option value="{}">{}</option>"#,
                attr(&d.id),
                text(&compare_words::source_option(&d.id, &d.title))
            );
        }
        out.push_str("</select></div>");
    }
    let _ = write!(
        out,
        r#"</fieldset><div class="cmp-filters"><div class="cmp-field"><label for="cmp-theme">{}</label><select id="cmp-theme" disabled><option value="">{}</option>"#,
        text(compare_words::THEME_LABEL),
        text(compare_words::ALL_THEMES),
    );
    for t in &corpus.themes {
        let _ = write!(
            out,
            r#"<option value="{}">{}</option>"#,
            attr(&t.id),
            text(&t.label)
        );
    }
    let _ = write!(
        out,
        r#"</select></div><p class="cmp-switch"><input type="checkbox" role="switch" id="only-differ" disabled><label for="only-differ">{}</label></p></div></form><p class="result-count shell-status" role="status">{}</p>"#,
        text(compare_words::DIFFER_LABEL),
        text(compare_words::COMPARING),
    );
    if !corpus.themes.is_empty() {
        let _ = write!(
            out,
            r#"<section class="cmp-summary-section" aria-labelledby="cmp-summary-h"><h2 id="cmp-summary-h">{}</h2><p id="cmp-differ-means" class="cmp-differ-means">{}</p></section>"#,
            text(compare_words::AT_A_GLANCE),
            text(compare_words::DIFFER_MEANS),
        );
    }
    out.push_str("</section>");
    out
}

/// The byline, dates, kind and site of a source (the app's `DocMeta`).
fn doc_meta(doc: &Document) -> String {
    let mut out = String::from(r#"<div class="doc-meta">"#);
    if let Some(b) = &doc.byline {
        let _ = write!(out, r#"<p class="byline">By {}"#, text(&b.name));
        if b.source == BylineSource::AboutAuthorBox {
            out.push_str(
                r#"<span class="byline-source"> (claimed in an About the Author box)</span>"#,
            );
        }
        out.push_str("</p>");
    }
    let mut facts = Vec::new();
    if let Some(d) = &doc.date {
        facts.push(format!(
            r#"<time datetime="{}">{}</time>"#,
            attr(&d.iso),
            text(&d.text)
        ));
    }
    if let Some(d) = &doc.modified {
        facts.push(format!(
            r#"<span class="modified">updated <time datetime="{}">{}</time></span>"#,
            attr(&d.iso),
            text(&d.text)
        ));
    }
    if let Some(kind) = &doc.kind {
        facts.push(format!(r#"<span class="kind">{}</span>"#, text(kind)));
    }
    if let Some(site) = &doc.site {
        facts.push(format!(r#"<span class="site">{}</span>"#, text(site)));
    }
    if !facts.is_empty() {
        let _ = write!(out, r#"<p class="doc-facts">{}</p>"#, facts.join(" · "));
    }
    out.push_str("</div>");
    out
}

/// A reader (the app's `Reader` and `Passage`): the header, then the sections of the first page
/// with their passages in reading order, removed text hidden as the app starts. Each passage's
/// block carries the app's link to it as its `id`, so that the browser scrolls to the passage a
/// link names at first paint, and CSS marks it (`:target`) as the app marks it.
fn reader_main(doc: &Document, known: &Known) -> String {
    let mut out = regions(false);
    let _ = write!(
        out,
        r#"<article class="reader" data-doc="{id}"><p class="back"><a href="index.html{library}">← All sources</a></p><header class="reader-header"><p class="source-number">Source {idt}</p><h1>{title}</h1>{meta}<p class="removed-switch"><input type="checkbox" role="switch" id="show-removed" disabled><label for="show-removed">Show removed text (<span class="removed-count">{removed}</span>)</label></p><p class="profile-link"><a href="{profile}">About this source: signals, what was removed</a></p></header>"#,
        id = attr(&doc.id),
        library = attr(&href(View::Library, known)),
        idt = text(&doc.id),
        title = text(&doc.title),
        meta = doc_meta(doc),
        removed = text(&doc.removed_summary()),
        profile = attr(&href(
            View::Source(parallax_core::state::Source {
                doc: doc.id.clone()
            }),
            known
        )),
    );
    let order = reading_order(doc);
    let total = order.len();
    for view in order.into_iter().take(PAGE) {
        let _ = write!(
            out,
            r#"<section data-section="{}">"#,
            attr(&view.section.id)
        );
        if let Some(h) = &view.section.heading {
            let _ = write!(out, "<h2>{}</h2>", text(h));
        }
        let shown = view
            .items
            .into_iter()
            .filter(|item| matches!(item, Item::Passage(_)));
        for group in groups(shown) {
            match group {
                Group::List(ps) => {
                    out.push_str(r#"<ul class="passage-list">"#);
                    for p in ps {
                        block(&mut out, "li", doc, p, known);
                    }
                    out.push_str("</ul>");
                }
                Group::Table(ps) => {
                    out.push_str(r#"<div class="passage-table">"#);
                    for p in ps {
                        block(&mut out, "div", doc, p, known);
                    }
                    out.push_str("</div>");
                }
                Group::One(Item::Passage(p)) => {
                    let (open, close) = match p.kind {
                        PassageKind::Quote => {
                            (r#"<blockquote class="passage-quote">"#, "</blockquote>")
                        }
                        PassageKind::PullQuote => (
                            r#"<aside class="pull-quote" aria-label="Pull quote">"#,
                            "</aside>",
                        ),
                        _ => ("", ""),
                    };
                    out.push_str(open);
                    block(&mut out, "div", doc, p, known);
                    out.push_str(close);
                }
                Group::One(Item::Removed(_)) => {}
            }
        }
        out.push_str("</section>");
    }
    if total > PAGE {
        // The app's button, without its action here: the page stops at it until the app runs.
        let left = total - PAGE;
        let _ = write!(
            out,
            r#"<p class="show-more"><button type="button" disabled>Show {}<span class="show-more-left"> ({} not shown yet)</span></button></p>"#,
            text(&strings::count(
                left.min(PAGE),
                "more section",
                "more sections"
            )),
            strings::thousands(left as u64)
        );
    }
    out.push_str("</article>");
    out
}

/// One passage in its block (`tag`), with the block's `id` the app's link to the passage.
fn block(out: &mut String, tag: &str, doc: &Document, p: &Passage, known: &Known) {
    let link = href(View::Read(Read::at(&doc.id, Some(&p.id))), known);
    let anchor = link.strip_prefix('#').unwrap_or(&link);
    let kind = p.kind.id();
    let class = if p.kind == PassageKind::Paragraph {
        "passage".to_owned()
    } else {
        format!("passage passage--{kind}")
    };
    let _ = write!(
        out,
        r#"<{tag} class="passage-block" id="{anchor}"><p class="{class}" id="passage-{pid}" data-passage="{pid}" data-kind="{kind}" tabindex="-1">"#,
        anchor = attr(anchor),
        pid = attr(&p.id),
    );
    if let Some(label) = p.kind.label() {
        let _ = write!(out, r#"<span class="passage-kind">{label}</span>"#);
    }
    if p.kind == PassageKind::TableRow {
        let (cells, lang) = p.cells();
        let last = cells.len() - 1;
        for (i, cell) in cells.into_iter().enumerate() {
            match lang {
                Some(l) => {
                    let _ = write!(out, r#"<span class="cell" lang="{}">"#, l.code());
                }
                None => out.push_str(r#"<span class="cell">"#),
            }
            out.push_str(&text(cell));
            out.push_str("</span>");
            if i < last {
                out.push_str(r#"<span class="vh"> | </span>"#);
            }
        }
    } else {
        for (run, lang) in p.runs() {
            match lang {
                Some(l) => {
                    let _ = write!(out, r#"<span lang="{}">{}</span>"#, l.code(), text(run));
                }
                None => out.push_str(&text(run)),
            }
        }
    }
    let _ = write!(
        out,
        r#" <a class="passage-link" href="{}" aria-label="Link to {}">Link</a></p><div class="passage-notes" data-passage="{pid}"><details class="note-add"><summary>Add a note</summary></details></div></{tag}>"#,
        attr(&link),
        attr(&strings::passage_name(&p.id)),
        pid = attr(&p.id),
    );
}
