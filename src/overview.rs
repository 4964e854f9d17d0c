//! The story overview (`#/overview?part=`): who copies whom, where the sources disagree, how each
//! frames the story and what was cleaned, as the core's `overview` computes it; rendering only.

use parallax_core::facts::{Agreement, FactKind};
use parallax_core::overview::{
    CopyPair, Overview, Profile, ThemeWeight, WordUse, HEDGING, JUDGING, SHORT_PASSAGES,
};
use parallax_core::reuse::Span;
use parallax_core::state::{Compare, Explore, OverviewPart, Read, Source, View};
use parallax_core::strings;
use std::rc::Rc;
use yew::prelude::*;

use crate::ctx::{use_ctx, Ctx};
use crate::dom;
use crate::lazy_details::LazyDetails;
use crate::paged::use_paged;
use crate::passage::name;
use crate::word_diff::DiffText;

/// "source 002, “Unpacking The Iran-Russia Alliance…”": the number, then the title.
fn source_name(ctx: &Ctx, doc: &str) -> Html {
    let title = ctx.data.bundle.corpus.title_of(doc);
    html! { <><span class="doc-num">{ doc }</span>{ " " }<cite>{ title }</cite></> }
}

/// A list of quoted spans, each opening its passage.
fn span_list(ctx: &Ctx, spans: &[Span], whole_sentence: bool) -> Html {
    let items = spans.iter().map(|s| {
        let href = ctx.read_href(&s.doc, Some(&s.passage));
        html! {
            <li>
                if whole_sentence { <q>{ &s.text }</q> } else { <mark class="ov-word">{ &s.text }</mark> }
                { " " }
                <a {href}>{ name(&s.passage) }</a>
            </li>
        }
    });
    html! { <ul class="ov-spans">{ for items }</ul> }
}

#[derive(Properties, PartialEq)]
struct CopiesProps {
    copies: Vec<CopyPair>,
    pairs: usize,
}

#[derive(Properties, PartialEq)]
struct PairProps {
    pair: CopyPair,
}

/// One pair of sources that shares wording: how much, who may have copied whom, and the shared
/// stretches (a page at a time: two sources can share thousands).
#[component]
fn Pair(props: &PairProps) -> Html {
    let ctx = use_ctx();
    let paged = use_paged();
    let p = &props.pair;
    let compare = ctx.href(&ctx.with_view(View::Compare(Compare {
        docs: vec![p.a.clone(), p.b.clone()],
        theme: None,
        only_differ: false,
    })));
    let who = match &p.published_first {
        Some(first) => {
            let other = if *first == p.a { &p.b } else { &p.a };
            format!("Source {first} was published first, so source {other} may have copied it (or both took the words from a third page).")
        }
        None => "The pages do not both give a date, so the text alone cannot tell who copied whom: either may have taken the words from the other, or both from a third page.".to_owned(),
    };
    let spans = p.spans.iter().take(paged.shown()).enumerate().map(|(i, r)| {
        let summary = html! {
            <>
                <q>{ strings::first_words(&r.a.text, 12) }</q>
                { format!(" — {}", strings::count(r.words, "word", "words")) }
            </>
        };
        // What changed, diffed when the stretch is opened.
        let content = {
            let (ctx, r) = (ctx.clone(), r.clone());
            Callback::from(move |()| {
                let a_href = ctx.read_href(&r.a.doc, Some(&r.a.passage));
                let b_href = ctx.read_href(&r.b.doc, Some(&r.b.passage));
                html! {
                    <div class="ov-diff">
                        <DiffText first={r.a.clone()} second={r.b.clone()} />
                        <p class="ov-links">
                            <a href={a_href}>{ format!("Read it in source {}, {}", r.a.doc, name(&r.a.passage)) }</a>
                            <a href={b_href}>{ format!("Read it in source {}, {}", r.b.doc, name(&r.b.passage)) }</a>
                        </p>
                    </div>
                }
            })
        };
        html! {
            <li key={i}>
                <LazyDetails class="ov-span" attrs={vec![("data-words", AttrValue::from(r.words.to_string()))]} {summary} {content} />
            </li>
        }
    });
    html! {
        <li class="ov-pair" data-a={p.a.clone()} data-b={p.b.clone()}
            data-spans={p.spans.len().to_string()} data-words={p.words.to_string()}>
            <h3>{ source_name(&ctx, &p.a) }<span class="ov-and">{ " and " }</span>{ source_name(&ctx, &p.b) }</h3>
            <p>
                <strong>{ format!("{} shared", strings::count(p.words, "word", "words")) }</strong>
                { format!(" in {}. ", strings::count(p.spans.len(), "stretch of text", "stretches of text")) }
                { who }
            </p>
            <p class="ov-spans-help">{ "Open a stretch to see what changed between the two:" }</p>
            <ol class="ov-span-list">{ for spans }</ol>
            { paged.more(p.spans.len(), ("stretch", "stretches")) }
            <p><a href={compare}>{ format!("Compare sources {} and {} side by side", p.a, p.b) }</a></p>
        </li>
    }
}

/// Who copies whom: each pair of sources that shares wording, with its shared stretches.
#[component]
fn Copies(props: &CopiesProps) -> Html {
    let n = props.copies.len();
    let rest = props.pairs - n;
    let pairs = props
        .copies
        .iter()
        .map(|p| html! { <Pair key={format!("{}-{}", p.a, p.b)} pair={p.clone()} /> });
    html! {
        <>
            <p class="ov-answer" data-testid="copies-answer">
                if n == 0 {
                    { format!("None of the {} pairs of sources share any wording.", props.pairs) }
                } else {
                    { format!("{} of the {} pairs of sources share wording word for word", n, props.pairs) }
                    { format!("; the other {} share none.", strings::count(rest, "pair", "pairs")) }
                }
            </p>
            if n > 0 {
                <ul class="ov-pairs">{ for pairs }</ul>
            }
        </>
    }
}

/// The overview as the data computed it (once per corpus and themes), shared with the evidence
/// each value shows when opened; the same overview when it is the same `Rc`, so that a render
/// compares no table.
#[derive(Properties)]
struct FactsProps {
    overview: Rc<Overview>,
}

impl PartialEq for FactsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.overview, &other.overview)
    }
}

#[derive(Properties)]
struct CellProps {
    overview: Rc<Overview>,
    /// The row of the disputed facts and the cell (a source) in it.
    r: usize,
    c: usize,
}

impl PartialEq for CellProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.overview, &other.overview) && (self.r, self.c) == (other.r, other.c)
    }
}

/// What one source states of one fact: its values, a page at a time (a claim repeated on every
/// line of a long document with a new date each time has thousands), each opening its
/// sentences.
#[component]
fn CellValues(props: &CellProps) -> Html {
    let ctx = use_ctx();
    let paged = use_paged();
    let (r, c) = (props.r, props.c);
    let Some(cell) = props
        .overview
        .disputes
        .get(r)
        .and_then(|row| row.cells.get(c))
    else {
        return Html::default();
    };
    let values = cell.values.iter().take(paged.shown()).enumerate().map(|(i, v)| {
        let summary = html! {
            <>
                { &v.label }
                if v.times > 1 { <span class="ov-times">{ format!(" ({} times)", v.times) }</span> }
            </>
        };
        // The sentences, made when the value is opened: a claim repeated on every line of a
        // long document has thousands.
        let content = {
            let (ctx, overview) = (ctx.clone(), props.overview.clone());
            Callback::from(move |()| {
                let row = &overview.disputes[r];
                let evidence = row.cells[c].values[i].mentions.iter().filter_map(|&k| row.group.mentions.get(k)).map(|m| {
                    let href = ctx.read_href(&m.doc, Some(&m.passage));
                    html! { <li><q>{ &*m.sentence }</q>{ " " }<a {href}>{ name(&m.passage) }</a></li> }
                });
                html! { <ul class="ov-evidence">{ for evidence }</ul> }
            })
        };
        html! {
            <li>
                <LazyDetails class="ov-value" attrs={vec![("data-value", AttrValue::from(v.value.clone()))]} {summary} {content} />
            </li>
        }
    });
    html! {
        <>
            <ul class="ov-values">{ for values }</ul>
            { paged.more(cell.values.len(), ("value", "values")) }
        </>
    }
}

/// Where the sources disagree: every fact stated by two or more sources, one row each.
#[component]
fn Disagreements(props: &FactsProps) -> Html {
    let ctx = use_ctx();
    let docs: Vec<String> = ctx
        .data
        .bundle
        .corpus
        .documents
        .iter()
        .map(|d| d.id.clone())
        .collect();
    let differ = props
        .overview
        .disputes
        .iter()
        .filter(|r| r.group.agreement == Agreement::Differ)
        .count();
    let agree = props.overview.disputes.len() - differ;
    let found = props
        .overview
        .disputes
        .iter()
        .filter(|r| !r.group.is_curated())
        .count();
    let denied = props
        .overview
        .disputes
        .iter()
        .any(|r| r.group.kind == FactKind::Statement);
    let head = docs.iter().map(|d| {
        let title = ctx.data.bundle.corpus.title_of(d).to_owned();
        html! { <th scope="col" {title}>{ format!("Source {d}") }</th> }
    });
    let paged = use_paged();
    let rows = props.overview.disputes.iter().take(paged.shown()).enumerate().map(|(r, row)| {
        let cells = row.cells.iter().enumerate().map(|(c, cell)| {
            if cell.values.is_empty() {
                return html! { <td data-doc={cell.doc.clone()}><span class="ov-not-stated">{ "does not say" }</span></td> };
            }
            html! {
                <td data-doc={cell.doc.clone()} data-self-contradiction={cell.contradicts_itself.then_some("true")}>
                    <CellValues overview={props.overview.clone()} {r} {c} />
                    if cell.contradicts_itself {
                        <p class="ov-self"><span aria-hidden="true">{ "⚠ " }</span>{ "says both: contradicts itself" }</p>
                    }
                </td>
            }
        });
        let (mark, word, key) = match row.group.agreement {
            Agreement::Differ => ("≠", "They disagree", "differ"),
            Agreement::Agree => ("=", "They agree", "agree"),
            Agreement::Single => ("○", "One source only", "single"),
        };
        html! {
            <tr data-key={row.group.key.clone()} data-agreement={key}>
                <th scope="row">{ &row.topic }</th>
                { for cells }
                <td class={classes!("ov-agreement", format!("ov-agreement--{key}"))}>
                    <span aria-hidden="true">{ mark }{ " " }</span>{ word }
                    <p class="ov-why">{ &row.group.why }</p>
                </td>
            </tr>
        }
    });
    // Made when opened: a long document can state thousands of facts of its own.
    let single = {
        let overview = props.overview.clone();
        Callback::from(move |()| {
            let items = overview.single.iter().map(|row| {
                let stated = row.cells.iter().filter(|c| !c.values.is_empty()).map(|c| {
                    let labels: Vec<&str> = c.values.iter().map(|v| v.label.as_str()).collect();
                    format!("source {}: {}", c.doc, labels.join(", "))
                });
                html! { <li>{ format!("{} — {}", row.topic, stated.collect::<Vec<_>>().join("; ")) }</li> }
            });
            html! { <ul>{ for items }</ul> }
        })
    };
    let single_summary = html! { { format!("{} only one source states (nothing to check them against)", strings::count(props.overview.single.len(), "fact", "facts")) } };
    html! {
        <>
            <p class="ov-answer" data-testid="disagreements-answer">
                { format!("{} stated by two or more sources: ", strings::count(props.overview.disputes.len(), "fact is", "facts are")) }
                <strong>{ format!("they disagree on {}", differ) }</strong>
                { format!(" and agree on {}. ", agree) }
                { "Open a cell to read the sentences behind it." }
                if found > 0 {
                    { format!(" {} found automatically, by reading the words around figures, dates and votes{}: read the sentences before you trust a difference.", strings::count(found, "row was", "rows were"), if denied { " and by finding what one source says and another denies" } else { "" }) }
                }
            </p>
            if !props.overview.disputes.is_empty() {
                <div class="ov-table-wrap" role="region" aria-label="Disagreements table" tabindex="0">
                    <table class="ov-facts">
                        <caption>{ "Claims, figures and dates in every source (disagreements first)" }</caption>
                        <thead><tr><th scope="col">{ "What it is about" }</th>{ for head }<th scope="col">{ "Verdict" }</th></tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
                { paged.more(props.overview.disputes.len(), ("fact", "facts")) }
            }
            if !props.overview.single.is_empty() {
                <LazyDetails class="ov-single" summary={single_summary} content={single} />
            }
        </>
    }
}

/// "4 of its 6 passages (67 %), against 10 of 66 (15 %) in the other sources".
fn weight_line(w: &ThemeWeight) -> String {
    format!(
        "{} of its {} ({} %), against {} of {} ({} %) in the other sources",
        w.count,
        strings::count(w.total, "passage", "passages"),
        w.percent(),
        w.others_count,
        w.others_total,
        w.others_percent()
    )
}

/// Judging or hedging words of one source, with their places.
fn word_use(ctx: &Ctx, title: &str, what: &str, uses: &WordUse) -> Html {
    html! {
        <details class="ov-words-use">
            <summary>
                { format!("{title}: {} ", uses.count) }
                <span class="ov-rate">{ format!("({:.1} per 1,000 words)", uses.per_1000) }</span>
            </summary>
            <p class="help">{ what }</p>
            { span_list(ctx, &uses.spans, false) }
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct ProfileProps {
    profile: Profile,
}

/// How one source frames the story.
#[component]
fn ProfileCard(props: &ProfileProps) -> Html {
    let ctx = use_ctx();
    let p = &props.profile;
    let explore = |query: String, themes: Vec<String>| {
        ctx.href(&ctx.with_view(View::Explore(Explore {
            query,
            themes,
            sources: vec![p.doc.clone()],
            ..Default::default()
        })))
    };
    let profile_href = ctx.href(&ctx.with_view(View::Source(Source { doc: p.doc.clone() })));
    let genre = p.genre.as_deref().map(|g| match g {
        "opinion" => "Opinion piece: argues for a view".to_owned(),
        "explainer" => "Explainer: sets out the background".to_owned(),
        "analysis" => "Analysis: weighs causes and consequences".to_owned(),
        "news" => "News report: tells what happened".to_owned(),
        other => other.to_owned(),
    });
    let stances = p.stances.iter().map(|s| {
        html! {
            <li data-claim={s.claim.clone()}>
                { format!("{} — ", s.label) }
                if s.stances.is_empty() { <span class="ov-not-stated">{ "does not say" }</span> } else { <strong>{ s.stances.join("; and also ") }</strong> }
            </li>
        }
    });
    let weights = |list: &[ThemeWeight]| -> Html {
        list.iter()
            .map(|w| {
                let href = explore(String::new(), vec![w.theme.clone()]);
                html! { <li data-theme={w.theme.clone()}><a {href}>{ &w.label }</a>{ format!(": {}", weight_line(w)) }</li> }
            })
            .collect()
    };
    let key_words = p.key_words.iter().map(|k| {
        let href = explore(k.word.clone(), vec![]);
        html! {
            <li data-word={k.word.clone()}>
                <a {href}>{ &k.word }</a>
                { format!(" — {} here ({:.1} per 1,000 words), ", strings::count(k.count, "time", "times"), k.per_1000) }
                { if k.others_count == 0 { "never in the other sources".to_owned() } else { format!("{} in the other sources ({:.1} per 1,000)", k.others_count, k.others_per_1000) } }
            </li>
        }
    });
    let voices = p.voices.iter().map(|v| {
        html! {
            <li>
                <details>
                    <summary>{ format!("{} ({})", v.name, strings::count(v.spans.len(), "sentence", "sentences")) }</summary>
                    { span_list(&ctx, &v.spans, true) }
                </details>
            </li>
        }
    });
    html! {
        <article class="ov-profile" data-doc={p.doc.clone()} aria-labelledby={format!("ov-profile-{}", p.doc)}>
            <h3 id={format!("ov-profile-{}", p.doc)}>{ source_name(&ctx, &p.doc) }</h3>
            <p class="ov-facts-line">
                { genre.unwrap_or_else(|| "Kind of text not stated".to_owned()) }
                { format!(" · {} in {}", strings::count(p.words, "word", "words"), strings::count(p.passages, "passage", "passages")) }
            </p>
            if p.short {
                <p class="ov-caution">
                    { format!("Short source: with fewer than {SHORT_PASSAGES} passages, one passage more or less moves its share of a theme by {} points or more, so read its shares with care.", 100 / p.passages.max(1)) }
                </p>
            }
            if !p.stances.is_empty() {
                <h4>{ "Its side on the disputed claims" }</h4>
                <ul class="ov-stances">{ for stances }</ul>
            }
            <h4>{ "Themes it gives more room than the others" }</h4>
            if p.stresses.is_empty() {
                <p class="ov-none">{ "None stands out." }</p>
            } else {
                <ul class="ov-stresses">{ weights(&p.stresses) }</ul>
            }
            <h4>{ "Themes the others cover and it leaves out" }</h4>
            if p.leaves_out.is_empty() {
                <p class="ov-none">{ "None." }</p>
            } else {
                <ul class="ov-leaves-out">{ weights(&p.leaves_out) }</ul>
            }
            <h4>{ "Words it uses far more than the others" }</h4>
            if p.key_words.is_empty() {
                <p class="ov-none">{ "None often enough to tell." }</p>
            } else {
                <ul class="ov-key-words">{ for key_words }</ul>
            }
            <h4>{ "Tone" }</h4>
            { word_use(&ctx, "Strong or judging words", &format!("Words that judge or dramatise rather than report, such as {}.", JUDGING[..6].join(", ")), &p.judging) }
            { word_use(&ctx, "Hedging words", &format!("Words that mark a statement as uncertain or second-hand, such as {}.", HEDGING[..6].join(", ")), &p.hedging) }
            <h4>{ "Whom it quotes or cites by name" }</h4>
            if p.voices.is_empty() {
                <p class="ov-none">{ "Nobody by name." }</p>
            } else {
                <ul class="ov-voices">{ for voices }</ul>
            }
            <p class="ov-profile-link"><a href={profile_href}>{ format!("About source {}: warning signs, what was removed", p.doc) }</a></p>
        </article>
    }
}

/// One source's rates of judging and hedging words, as a table to compare them.
fn tone_table(profiles: &[Profile]) -> Html {
    let rows = profiles.iter().map(|p| {
        html! {
            <tr data-doc={p.doc.clone()}>
                <th scope="row">{ format!("Source {}", p.doc) }</th>
                <td>{ format!("{:.1}", p.judging.per_1000) }</td>
                <td>{ format!("{:.1}", p.hedging.per_1000) }</td>
                <td>{ p.words }</td>
            </tr>
        }
    });
    html! {
        <div class="ov-table-wrap" role="region" aria-label="Tone of each source" tabindex="0">
            <table class="ov-tone">
                <caption>{ "Tone of each source, per 1,000 words" }</caption>
                <thead><tr><th scope="col">{ "Source" }</th><th scope="col">{ "Strong or judging words" }</th><th scope="col">{ "Hedging words" }</th><th scope="col">{ "Words in all" }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    /// The part of the overview the link names, to open at.
    pub part: Option<OverviewPart>,
}

#[component]
pub fn OverviewView(props: &OverviewProps) -> Html {
    dom::use_title("Story overview — Parallax".to_owned());
    let ctx = use_ctx();
    let part = props.part;
    // A link to one part opens at it, with focus on its heading region.
    use_effect_with(part, |part| {
        if let Some(p) = *part {
            dom::after_paint(move || dom::reveal(p.id()));
        }
    });
    let o = ctx.data.overview(&ctx.state);
    let corpus = &ctx.data.bundle.corpus;
    let nav = OverviewPart::ALL.iter().map(|&p| {
        let href = ctx.href(&ctx.with_view(View::Overview { part: Some(p) }));
        html! { <li><a {href}>{ p.question() }</a></li> }
    });
    let cleaning = o.cleaning.iter().map(|c| {
        let removed_href = ctx.href(&ctx.with_view(View::Read(Read {
            doc: c.doc.clone(),
            passage: None,
            show_removed: true,
        })));
        let profile_href = ctx.href(&ctx.with_view(View::Source(Source { doc: c.doc.clone() })));
        let kinds: Vec<String> = c
            .kinds
            .iter()
            .map(|(k, n)| if *n > 1 { format!("{} ({n})", k.name()) } else { k.name().to_owned() })
            .collect();
        html! {
            <li data-doc={c.doc.clone()} data-blocks={c.blocks.to_string()} data-words={c.words.to_string()}>
                <strong>{ source_name(&ctx, &c.doc) }</strong>{ ": " }
                if c.blocks == 0 {
                    { "nothing removed." }
                } else {
                    { format!("{} removed in {}: {}. ", strings::count(c.words, "word", "words"), strings::count(c.blocks, "block", "blocks"), kinds.join(", ")) }
                }
                <span class="ov-links">
                    <a href={removed_href}>{ "See it in place" }</a>
                    <a href={profile_href}>{ "Why, and the warning signs" }</a>
                </span>
            </li>
        }
    });
    let section = |p: OverviewPart, body: Html| {
        html! {
            <section class="ov-part" id={p.id()} tabindex="-1" aria-labelledby={format!("{}-h", p.id())}>
                <h2 id={format!("{}-h", p.id())}>{ p.question() }</h2>
                { body }
            </section>
        }
    };
    html! {
        <section class="overview-view">
            <h1>{ "Story overview" }</h1>
            <p class="lede">
                { format!("{} on “{}”, read side by side. Four plain questions, answered from the texts themselves; every answer opens the sentences behind it.", strings::count(corpus.documents.len(), "source", "sources"), corpus.title) }
            </p>
            <nav class="ov-nav" aria-label="Questions on this page"><ol>{ for nav }</ol></nav>
            { section(OverviewPart::Copies, html! { <Copies copies={o.copies.clone()} pairs={o.pairs} /> }) }
            { section(OverviewPart::Disagreements, html! { <Disagreements overview={o.clone()} /> }) }
            { section(OverviewPart::Framing, html! {
                <>
                    <div class="ov-measures">
                        <p>{ "What this measures: what each source says and how, counted from its own words, against the other sources. What it does not: whether a source is right, fair or biased. Giving a theme more room is not taking a side, and a distinctive word is not a bias; they are places to look." }</p>
                    </div>
                    { tone_table(&o.profiles) }
                    <div class="ov-profiles">
                        { for o.profiles.iter().map(|p| html! { <ProfileCard key={p.doc.clone()} profile={p.clone()} /> }) }
                    </div>
                </>
            }) }
            { section(OverviewPart::Cleaning, html! {
                <>
                    <p class="ov-answer">{ "Parts of each web page that are not the article (menus, author cards with made-up personal details, share buttons, link lists) were taken out before reading. Nothing is thrown away: each block stays in the reader, in place, with the reason." }</p>
                    <ul class="ov-cleaning">{ for cleaning }</ul>
                </>
            }) }
        </section>
    }
}
