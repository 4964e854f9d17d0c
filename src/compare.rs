//! The compare view (`#/compare/<doc>/<doc>[/<doc>]?theme=&differ=1`): a picker for two or three
//! sources, one row per theme with a column per source, reused wording marked and diffed word by
//! word, and the figures, dates and claims the sources state. The core's `compare`, `reuse::diff`
//! and `FactGroup` do all the computing; this file only renders them and never builds HTML text.
//!
//! How the columns stay in step: each theme row is one CSS grid (`.cmp-grid`) whose cells are the
//! sources' columns. The page scrolls as a whole, so every column of a row moves together, and a
//! row starts only after the tallest column of the row before it has ended: the same theme is
//! always level across sources, with no scroll listeners to keep in sync. Below 48rem the grid has
//! one column and the sources stack, each under its own heading.

use parallax_core::compare::{compare, ThemeRow};
use parallax_core::facts::{Agreement, FactGroup, FactKind};
use parallax_core::model::{Corpus, Passage};
use parallax_core::reuse::{diff, DiffOp, ReusePair, Span};
use parallax_core::state::{State, View, MAX_COMPARE};
use yew::prelude::*;

use crate::ctx::{use_ctx, Ctx};
use crate::{dom, fmt};

/// The compare settings of the current view: sources, theme filter, "only where they differ".
#[derive(Clone, PartialEq)]
struct Settings {
    docs: Vec<String>,
    theme: Option<String>,
    only_differ: bool,
}

fn settings_of(ctx: &Ctx) -> Settings {
    match &ctx.state.view {
        View::Compare {
            docs,
            theme,
            only_differ,
        } => Settings {
            docs: docs.clone(),
            theme: theme.clone(),
            only_differ: *only_differ,
        },
        _ => Settings {
            docs: Vec::new(),
            theme: None,
            only_differ: false,
        },
    }
}

/// A state like the current one with the compare settings changed by `f`.
fn with(ctx: &Ctx, f: impl FnOnce(&mut Settings)) -> State {
    let mut s = settings_of(ctx);
    f(&mut s);
    ctx.with_view(View::Compare {
        docs: s.docs,
        theme: s.theme,
        only_differ: s.only_differ,
    })
}

/// The value of the chosen `<option>` of the `<select>` an event came from. Read through the
/// option element's attribute, which needs no select-specific browser binding.
fn chosen(e: &Event) -> Option<String> {
    e.target_dyn_into::<web_sys::Element>()?
        .query_selector("option:checked")
        .ok()??
        .get_attribute("value")
}

/// Puts `doc` in column `slot` (0-based); "" empties the optional last column. A source already
/// in another column trades places with the one it replaces, so the sources stay distinct.
fn set_slot(docs: &mut Vec<String>, slot: usize, doc: &str) {
    if doc.is_empty() {
        if slot >= 2 {
            docs.truncate(2);
        }
        return;
    }
    match docs.iter().position(|d| d == doc) {
        Some(j) if j == slot => {}
        Some(j) if slot < docs.len() => docs.swap(slot, j),
        Some(_) => {}
        None if slot < docs.len() => docs[slot] = doc.to_owned(),
        None => docs.push(doc.to_owned()),
    }
}

/// The id of a passage's element in a row; the theme keeps it unique, as a passage can sit in
/// several rows.
fn anchor(theme: &str, doc: &str, passage: &str) -> String {
    format!("cmp-{theme}-{doc}-{passage}")
}

/// The whole sentences of `p` that hold `span`: the reused words alone are often identical, so
/// the diff shows the wording around them, where the sources part.
fn context(p: Option<&Passage>, span: &Span) -> String {
    let Some(p) = p else {
        return span.text.clone();
    };
    let around = p
        .sentences
        .iter()
        .filter(|s| s.end > span.start && s.start < span.end);
    let start = around.clone().map(|s| s.start).min();
    let end = around.map(|s| s.end).max();
    match (start, end) {
        (Some(a), Some(b)) => p
            .text
            .get(a as usize..b as usize)
            .map_or_else(|| span.text.clone(), str::to_owned),
        _ => span.text.clone(),
    }
}

fn passage<'a>(corpus: &'a Corpus, doc: &str, id: &str) -> Option<&'a Passage> {
    corpus.document(doc)?.passages.iter().find(|p| p.id == id)
}

/// Splits a passage's text at the reused spans, marking them; offsets come from the core and
/// are used through `get`, so a bad one drops a mark instead of panicking.
fn marked_text(text: &str, spans: &[(u32, u32)]) -> Html {
    let mut spans: Vec<(usize, usize)> = spans
        .iter()
        .map(|&(a, b)| (a as usize, b as usize))
        .collect();
    parallax_core::sort::sort(&mut spans);
    let mut out: Vec<Html> = Vec::new();
    let mut at = 0;
    for (a, b) in spans {
        let a = a.max(at);
        if b <= a {
            continue;
        }
        let (Some(before), Some(inside)) = (text.get(at..a), text.get(a..b)) else {
            continue;
        };
        if !before.is_empty() {
            out.push(html! { { before.to_owned() } });
        }
        out.push(html! { <mark class="cmp-shared-span">{ inside.to_owned() }</mark> });
        at = b;
    }
    out.push(html! { { text.get(at..).unwrap_or_default().to_owned() } });
    out.into_iter().collect()
}

/// The first words of a reused span, to tell the diff buttons of one passage apart.
fn quote(text: &str) -> String {
    const WORDS: usize = 8;
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > WORDS {
        format!("{}…", words[..WORDS].join(" "))
    } else {
        words.join(" ")
    }
}

#[derive(Properties, PartialEq)]
struct DiffProps {
    /// The reused pair, with `first` the side in the earlier column.
    first: Span,
    second: Span,
    /// Id of the region the diff opens in.
    region: AttrValue,
}

/// "Show word diff" for one reuse pair, and the diff it reveals.
#[component]
fn WordDiff(props: &DiffProps) -> Html {
    let ctx = use_ctx();
    let open = use_state_eq(|| false);
    let corpus = &ctx.data.bundle.corpus;
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let (first, second) = (&props.first, &props.second);
    let body = (*open).then(|| {
        let a = context(passage(corpus, &first.doc, &first.passage), first);
        let b = context(passage(corpus, &second.doc, &second.passage), second);
        let ops = diff(&a, &b);
        let changed = ops.iter().any(|op| !matches!(op, DiffOp::Same(_)));
        let words = ops.into_iter().map(|op| match op {
            DiffOp::Same(t) => html! { <span class="diff-same">{ t }{ " " }</span> },
            DiffOp::Removed(t) => html! {
                <span class="diff-removed">
                    <span class="diff-tag">{ format!("−{}", first.doc) }</span>
                    <del>{ t }</del>{ " " }
                </span>
            },
            DiffOp::Added(t) => html! {
                <span class="diff-added">
                    <span class="diff-tag">{ format!("+{}", second.doc) }</span>
                    <ins>{ t }</ins>{ " " }
                </span>
            },
        });
        html! {
            <>
                <p class="diff-legend">
                    <span><span class="diff-tag">{ format!("−{}", first.doc) }</span>{ " " }<del>{ "struck through" }</del>{ format!(": only in {} {}", first.doc, first.passage) }</span>
                    <span><span class="diff-tag">{ format!("+{}", second.doc) }</span>{ " " }<ins>{ "underlined" }</ins>{ format!(": only in {} {}", second.doc, second.passage) }</span>
                </p>
                if !changed {
                    <p class="diff-note">{ "The sentences are worded alike." }</p>
                }
                <p class="diff-text">{ for words }</p>
            </>
        }
    });
    html! {
        <div class="cmp-diff">
            <button type="button" class="cmp-diff-toggle" onclick={toggle}
                aria-expanded={if *open { "true" } else { "false" }} aria-controls={props.region.clone()}>
                { if *open { "Hide word diff" } else { "Show word diff" } }
                <span class="cmp-diff-what">{ format!(" of “{}” with {} {}", quote(&first.text), second.doc, second.passage) }</span>
            </button>
            <div class="cmp-diff-body" id={props.region.clone()} hidden={!*open}>{ body }</div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    row: ThemeRow,
}

/// One theme across the compared sources.
#[component]
fn Row(props: &RowProps) -> Html {
    let ctx = use_ctx();
    let corpus = &ctx.data.bundle.corpus;
    let row = &props.row;
    let theme = row.theme.as_str();
    let column_of = |doc: &str| row.columns.iter().position(|c| c.doc == doc);
    let silent: Vec<&str> = row
        .columns
        .iter()
        .filter(|c| c.passages.is_empty())
        .map(|c| c.doc.as_str())
        .collect();
    let disputed: Vec<&str> = row
        .facts
        .iter()
        .filter(|f| f.agreement == Agreement::Differ)
        .map(|f| f.label.as_str())
        .collect();
    let mut why: Vec<String> = Vec::new();
    if !silent.is_empty() {
        why.push(format!("no passage in {}", silent.join(", ")));
    }
    if !disputed.is_empty() {
        why.push(format!("disputed: {}", disputed.join("; ")));
    }
    let columns = row.columns.iter().map(|col| {
        let title = corpus
            .document(&col.doc)
            .map_or(col.doc.as_str(), |d| d.title.as_str());
        let passages = col.passages.iter().filter_map(|pid| {
            let p = passage(corpus, &col.doc, pid)?;
            let href = ctx.href(&ctx.with_view(View::Read {
                doc: col.doc.clone(),
                passage: Some(pid.clone()),
                show_removed: false,
            }));
            // This passage's side and the other side of every reuse pair it takes part in.
            let pairs: Vec<(&Span, &Span, &ReusePair)> = row
                .reuse
                .iter()
                .filter_map(|r| {
                    if r.a.doc == col.doc && r.a.passage == *pid {
                        Some((&r.a, &r.b, r))
                    } else if r.b.doc == col.doc && r.b.passage == *pid {
                        Some((&r.b, &r.a, r))
                    } else {
                        None
                    }
                })
                .collect();
            let spans: Vec<(u32, u32)> = pairs.iter().map(|(mine, _, _)| (mine.start, mine.end)).collect();
            let mut others: Vec<(&str, &str)> = Vec::new();
            for (_, other, _) in &pairs {
                let key = (other.doc.as_str(), other.passage.as_str());
                if !others.contains(&key) {
                    others.push(key);
                }
            }
            let badges = others.into_iter().map(|(doc, pid)| {
                let target = anchor(theme, doc, pid);
                let onclick = Callback::from(move |_: MouseEvent| dom::reveal(&target));
                let other_title = corpus.document(doc).map_or(doc, |d| d.title.as_str());
                html! {
                    <li>
                        <button type="button" class="cmp-badge" {onclick} data-doc={doc.to_owned()} data-passage={pid.to_owned()}
                            title={format!("Go to the same wording in {other_title}, passage {pid}")}>
                            <span class="cmp-badge-mark" aria-hidden="true">{ "⇄ " }</span>
                            { format!("Shared with {doc} {pid}") }
                        </button>
                    </li>
                }
            });
            // The diff sits with the side in the earlier column, once per pair.
            let diffs = pairs.iter().filter(|(mine, other, _)| column_of(&mine.doc) < column_of(&other.doc)).map(|(mine, other, r)| {
                let region = format!("diff-{theme}-{}-{}-{}-{}-{}", mine.doc, mine.passage, other.doc, other.passage, mine.start);
                html! {
                    <div class="cmp-pair" key={region.clone()} data-words={r.words.to_string()} data-similarity={format!("{:.2}", r.similarity)}>
                        <WordDiff first={(*mine).clone()} second={(*other).clone()} region={AttrValue::from(region)} />
                    </div>
                }
            });
            let shared = !pairs.is_empty();
            Some(html! {
                <li key={pid.clone()}>
                    <article class={classes!("cmp-passage", shared.then_some("cmp-passage--shared"))}
                        id={anchor(theme, &col.doc, pid)} tabindex="-1" data-doc={col.doc.clone()} data-passage={pid.clone()}>
                        <p class="cmp-passage-text">{ marked_text(&p.text, &spans) }</p>
                        <p class="cmp-passage-meta">
                            <a {href} aria-label={format!("{} · {pid}: open in the reader ({title})", col.doc)}>{ format!("{} · {pid}", col.doc) }</a>
                        </p>
                        if shared {
                            <ul class="cmp-badges" aria-label="Shared wording">{ for badges }</ul>
                        }
                        { for diffs }
                    </article>
                </li>
            })
        });
        html! {
            <div class="cmp-col" key={col.doc.clone()} data-doc={col.doc.clone()}>
                <h3 class="cmp-col-title"><span class="cmp-doc-id">{ &col.doc }</span>{ " " }{ title }</h3>
                if col.passages.is_empty() {
                    <p class="cmp-silent">{ "No passage on this theme." }</p>
                } else {
                    <p class="cmp-col-count">{ fmt::count(col.passages.len(), "passage", "passages") }</p>
                    <ol class="cmp-passages">{ for passages }</ol>
                }
            </div>
        }
    });
    let n = row.columns.len();
    html! {
        <section class="cmp-row" id={format!("cmp-row-{theme}")} data-theme={row.theme.clone()}
            data-differs={if row.differs() { "true" } else { "false" }} aria-labelledby={format!("cmp-h-{theme}")}>
            <h2 id={format!("cmp-h-{theme}")}>{ &row.label }</h2>
            <p class="cmp-row-status">
                if row.differs() {
                    <span class="cmp-mark" aria-hidden="true">{ "≠ " }</span>{ format!("Differs: {}", why.join("; ")) }
                } else {
                    <span class="cmp-mark" aria-hidden="true">{ "= " }</span>{ "Every source speaks to it, with no disputed fact." }
                }
                if !row.reuse.is_empty() {
                    { format!(" · {} of shared wording", fmt::count(row.reuse.len(), "span", "spans")) }
                }
            </p>
            <div class={classes!("cmp-grid", format!("cmp-grid--{n}"))}>{ for columns }</div>
        </section>
    }
}

/// "2025-01-17" → "17 January 2025", "--04-21" → "21 April", "2015-09" → "September 2015".
fn readable_date(value: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = |m: &str| {
        m.parse::<usize>()
            .ok()
            .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
    };
    let parts: Vec<&str> = value.trim_start_matches("--").split('-').collect();
    match (value.starts_with("--"), parts.as_slice()) {
        (true, [m, d]) => month(m).map(|m| format!("{} {m}", d.trim_start_matches('0'))),
        (false, [y, m, d]) => month(m).map(|m| format!("{} {m} {y}", d.trim_start_matches('0'))),
        (false, [y, m]) => month(m).map(|m| format!("{m} {y}")),
        _ => None,
    }
    .unwrap_or_else(|| value.to_owned())
}

/// What a fact is about, without repeating its kind: a date found without a known event is
/// grouped by its value ("date:2021-08-18"), which then reads as a date.
fn fact_label(g: &FactGroup) -> String {
    match g.kind {
        FactKind::Date => match g.key.strip_prefix("date:") {
            Some(v) if v.starts_with(|c: char| c.is_ascii_digit() || c == '-') => readable_date(v),
            _ => g.label.trim_start_matches("Date of:").trim().to_owned(),
        },
        _ => g.label.clone(),
    }
}

#[derive(Properties, PartialEq)]
struct FactsProps {
    docs: Vec<String>,
    groups: Vec<FactGroup>,
    /// Claims show stance labels; figures and dates show values.
    claims: bool,
    caption: AttrValue,
}

/// A table of fact groups: what each source states, with its sentences, and whether they agree.
#[component]
fn FactsTable(props: &FactsProps) -> Html {
    let ctx = use_ctx();
    let corpus = &ctx.data.bundle.corpus;
    let title = |doc: &str| {
        corpus
            .document(doc)
            .map_or(doc.to_owned(), |d| d.title.clone())
    };
    let head = props.docs.iter().map(|d| {
        html! { <th scope="col" data-doc={d.clone()}><span class="cmp-doc-id">{ d }</span>{ " " }<span class="cmp-th-title">{ title(d) }</span></th> }
    });
    let rows = props.groups.iter().map(|g| {
        let claim = props
            .claims
            .then(|| corpus.claims.iter().find(|c| c.id == g.key))
            .flatten();
        let shown = |value: &str, text: &str| -> String {
            match (g.kind, claim) {
                (FactKind::Claim, Some(c)) => c
                    .stances
                    .iter()
                    .find(|s| s.id == value)
                    .map_or(value.to_owned(), |s| s.label.clone()),
                (FactKind::Date, _) => readable_date(value),
                _ => text.to_owned(),
            }
        };
        let cells = props.docs.iter().map(|doc| {
            let mut values: Vec<&str> = Vec::new();
            for m in g.mentions.iter().filter(|m| &m.doc == doc) {
                if !values.contains(&m.value.as_str()) {
                    values.push(&m.value);
                }
            }
            let label = format!("{doc} · {}", title(doc));
            if values.is_empty() {
                return html! { <td data-doc={doc.clone()} data-label={label}><span class="cmp-not-stated">{ "not stated" }</span></td> };
            }
            let items = values.iter().map(|v| {
                let mentions: Vec<_> = g.mentions.iter().filter(|m| &m.doc == doc && m.value == *v).collect();
                let first = mentions[0];
                let evidence = mentions.iter().map(|m| {
                    let href = ctx.href(&ctx.with_view(View::Read {
                        doc: m.doc.clone(),
                        passage: Some(m.passage.clone()),
                        show_removed: false,
                    }));
                    html! {
                        <li>
                            <q>{ &m.sentence }</q>{ " " }
                            <a {href} aria-label={format!("{}: open in the reader ({})", m.passage, title(&m.doc))}>{ &m.passage }</a>
                        </li>
                    }
                });
                html! {
                    <li>
                        <details class="cmp-fact-value" data-value={(*v).to_owned()}>
                            <summary>
                                <span class="cmp-value">{ shown(v, &first.text) }</span>
                                if mentions.len() > 1 {
                                    <span class="cmp-times">{ format!(" ({}×)", mentions.len()) }</span>
                                }
                            </summary>
                            <ul class="cmp-evidence">{ for evidence }</ul>
                        </details>
                    </li>
                }
            });
            html! { <td data-doc={doc.clone()} data-label={label}><ul class="cmp-values">{ for items }</ul></td> }
        });
        let (mark, word, key) = match g.agreement {
            Agreement::Agree => ("✓", "agree", "agree"),
            Agreement::Differ => ("≠", "differ", "differ"),
            Agreement::Single => ("○", "single source", "single"),
        };
        let kind = match g.kind {
            FactKind::Figure => "Figure",
            FactKind::Date => "Date",
            FactKind::Claim => "Claim",
        };
        html! {
            <tr data-key={g.key.clone()} data-kind={kind.to_lowercase()} data-agreement={key}>
                <th scope="row" data-label={kind}>
                    if !props.claims {
                        <span class="cmp-fact-kind">
                            { if g.label.starts_with("Date of:") { "Date of" } else { kind } }{ ": " }
                        </span>
                    }
                    { fact_label(g) }
                </th>
                { for cells }
                <td class={classes!("cmp-agreement", format!("cmp-agreement--{key}"))} data-label="Agreement">
                    <span class="cmp-mark" aria-hidden="true">{ mark }{ " " }</span>{ word }
                </td>
            </tr>
        }
    });
    html! {
        <table class="cmp-facts">
            <caption>{ &props.caption }</caption>
            <thead>
                <tr>
                    <th scope="col">{ if props.claims { "Claim" } else { "Fact" } }</th>
                    { for head }
                    <th scope="col">{ "Agreement" }</th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

/// The two or three source pickers, the theme filter and the "only where they differ" switch.
///
/// Each `<select>` shows the link's choice twice over: `selected` on an option for the first
/// render (set before the options exist, a `value` would not stick), and the `value` property for
/// later ones (Back, or a change elsewhere), since a `selected` attribute no longer moves the
/// choice once the reader has picked by hand.
#[component]
fn Picker() -> Html {
    let ctx = use_ctx();
    let s = settings_of(&ctx);
    let corpus = &ctx.data.bundle.corpus;
    let analysis = ctx.data.analysis(&ctx.state.custom);
    let slots = (0..MAX_COMPARE).map(|slot| {
        let current = s.docs.get(slot).cloned().unwrap_or_default();
        let optional = slot >= 2;
        let onchange = {
            let ctx = ctx.clone();
            Callback::from(move |e: Event| {
                if let Some(v) = chosen(&e) {
                    ctx.go(with(&ctx, |s| set_slot(&mut s.docs, slot, &v)));
                }
            })
        };
        let id = format!("cmp-source-{}", slot + 1);
        // A third column can only be added after the first two; an empty choice removes it.
        let none = optional.then(|| {
            html! { <option value="" selected={current.is_empty()}>{ "None" }</option> }
        });
        let options = corpus.documents.iter().map(|d| {
            let elsewhere = current != d.id && s.docs.contains(&d.id);
            // Another column's source can be picked only where it can trade places.
            let disabled = elsewhere && slot >= s.docs.len();
            html! {
                <option value={d.id.clone()} selected={current == d.id} {disabled}>
                    { format!("{} — {}", d.id, d.title) }
                    if elsewhere { { format!(" (column {})", s.docs.iter().position(|x| *x == d.id).unwrap_or(0) + 1) } }
                </option>
            }
        });
        html! {
            <div class="cmp-field">
                <label for={id.clone()}>{ format!("Source {}", slot + 1) }if optional { { " (optional)" } }</label>
                <select id={id} {onchange} data-slot={slot.to_string()} ~value={current.clone()}>
                    { none }
                    { for options }
                </select>
            </div>
        }
    });
    let theme_change = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = chosen(&e) {
                ctx.go(with(&ctx, |s| s.theme = (!v.is_empty()).then_some(v)));
            }
        })
    };
    let theme_options = analysis.themes.themes().iter().map(|t| {
        html! { <option value={t.id.clone()} selected={s.theme.as_deref() == Some(t.id.as_str())}>{ &t.label }</option> }
    });
    let differ_change = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                let on = input.checked();
                ctx.go(with(&ctx, |s| s.only_differ = on));
            }
        })
    };
    html! {
        <form class="cmp-picker" aria-label="What to compare" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <fieldset class="cmp-sources">
                <legend>{ "Sources, one per column" }</legend>
                { for slots }
            </fieldset>
            <div class="cmp-filters">
                <div class="cmp-field">
                    <label for="cmp-theme">{ "Theme" }</label>
                    <select id="cmp-theme" onchange={theme_change} ~value={s.theme.clone().unwrap_or_default()}>
                        <option value="" selected={s.theme.is_none()}>{ "All themes" }</option>
                        { for theme_options }
                    </select>
                </div>
                <p class="cmp-switch">
                    <input type="checkbox" role="switch" id="only-differ" checked={s.only_differ} onchange={differ_change} />
                    <label for="only-differ">{ "Only where they differ" }</label>
                </p>
            </div>
        </form>
    }
}

#[component]
pub fn CompareView() -> Html {
    let ctx = use_ctx();
    let s = settings_of(&ctx);
    dom::use_title(format!("Compare {} — Parallax", s.docs.join(", ")));
    let corpus = &ctx.data.bundle.corpus;
    let analysis = ctx.data.analysis(&ctx.state.custom);
    let reuse = ctx.data.reuse();
    let facts = ctx.data.facts();
    let ids: Vec<&str> = s.docs.iter().map(String::as_str).collect();
    let comparison = match compare(corpus, &analysis, &reuse, &facts, &ids) {
        Ok(c) => c,
        Err(e) => {
            return html! {
                <section class="compare-view">
                    <h1>{ "Compare sources" }</h1>
                    <Picker />
                    <p class="error">{ format!("Cannot compare: {e}.") }</p>
                </section>
            }
        }
    };
    let rows: Vec<&ThemeRow> = comparison
        .rows
        .iter()
        .filter(|r| r.columns.iter().any(|c| !c.passages.is_empty()))
        .filter(|r| s.theme.as_ref().is_none_or(|t| *t == r.theme))
        .filter(|r| !s.only_differ || r.differs())
        .collect();
    let theme_label = s.theme.as_ref().map(|t| {
        comparison
            .rows
            .iter()
            .find(|r| r.theme == *t)
            .map_or(t.clone(), |r| r.label.clone())
    });

    // Facts: with a theme, those stated in its passages; otherwise every fact of the compared
    // sources, re-summarised over them alone so agreement is between these sources only.
    let groups: Vec<FactGroup> = match &s.theme {
        Some(t) => comparison
            .rows
            .iter()
            .find(|r| r.theme == *t)
            .map(|r| r.facts.clone())
            .unwrap_or_default(),
        None => facts
            .iter()
            .filter_map(|g| {
                let mut g = g.clone();
                g.mentions.retain(|m| s.docs.contains(&m.doc));
                (!g.mentions.is_empty()).then(|| {
                    g.summarize();
                    g
                })
            })
            .collect(),
    };
    let rank = |a: Agreement| match a {
        Agreement::Differ => 0,
        Agreement::Agree => 1,
        Agreement::Single => 2,
    };
    let (mut claims, mut figures): (Vec<FactGroup>, Vec<FactGroup>) = groups
        .into_iter()
        .filter(|g| !s.only_differ || g.agreement == Agreement::Differ)
        .partition(|g| g.kind == FactKind::Claim);
    parallax_core::sort::sort_by_key(&mut claims, |g| {
        corpus.claims.iter().position(|c| c.id == g.key)
    });
    parallax_core::sort::sort_by_key(&mut figures, |g| rank(g.agreement));

    let clear = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            ctx.go(with(&ctx, |s| {
                s.theme = None;
                s.only_differ = false;
            }))
        })
    };
    let shared: usize = rows.iter().map(|r| r.reuse.len()).sum();
    let summary = format!(
        "{} shown{}",
        fmt::count(rows.len(), "theme", "themes"),
        if shared > 0 {
            format!(
                ", {} of shared wording",
                fmt::count(shared, "span", "spans")
            )
        } else {
            String::new()
        }
    );
    let scope = match &theme_label {
        Some(l) => format!(" in “{l}”"),
        None => String::new(),
    };
    let differ_note = if s.only_differ {
        " where they differ"
    } else {
        ""
    };
    let names = s.docs.join(", ");
    html! {
        <section class="compare-view" data-docs={names.clone()}>
            <h1>{ "Compare sources" }</h1>
            <p class="lede">{ "What each source says on each theme, side by side; wording one source shares with another is marked, and the figures, dates and claims below show where they agree." }</p>
            <Picker />
            <p class="result-count" role="status" aria-live="polite">{ summary }</p>
            if rows.is_empty() {
                <div class="empty">
                    <p>{ format!("No theme{scope} to show for {names}{differ_note}.") }</p>
                    if s.theme.is_some() || s.only_differ {
                        <button type="button" onclick={clear}>{ "Show all themes" }</button>
                    }
                </div>
            } else {
                <div class="cmp-rows">
                    { for rows.iter().map(|r| html! { <Row key={r.theme.clone()} row={(*r).clone()} /> }) }
                </div>
            }
            <section class="cmp-facts-section" aria-labelledby="cmp-facts-h">
                <h2 id="cmp-facts-h">{ "Figures, dates and claims" }</h2>
                <p class="help">{ format!("What {names} state{scope}{differ_note}. Open a value to read the sentence that states it.") }</p>
                if claims.is_empty() && figures.is_empty() {
                    <p class="empty">{ "Nothing to show here." }</p>
                }
                if !claims.is_empty() {
                    <div class="cmp-table-wrap">
                        <FactsTable docs={s.docs.clone()} groups={claims} claims={true} caption="Claims: how each source presents them" />
                    </div>
                }
                if !figures.is_empty() {
                    <div class="cmp-table-wrap">
                        <FactsTable docs={s.docs.clone()} groups={figures} claims={false} caption="Figures and dates" />
                    </div>
                }
            </section>
        </section>
    }
}
