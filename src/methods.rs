//! The methods panel (`#/methods`): everything a sceptical reader needs to check a result — the
//! corpus checksum and version (and the single file's own checksum, when it is that file), the
//! cleaning rules and what they removed per source, the theme lexicons (with the reader's own),
//! entities, claims, and the thresholds of each analysis.

use parallax_core::{align, reuse, signals, RemovalKind};
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::dom;

#[component]
pub fn MethodsView() -> Html {
    dom::use_title("Methods — Parallax".to_owned());
    let ctx = use_ctx();
    let bundle = &ctx.data.bundle;
    let corpus = &bundle.corpus;
    let analysis = ctx.data.analysis(&ctx.state);

    let removed_rows = RemovalKind::ALL.iter().map(|&kind| {
        let cells = corpus.documents.iter().map(|d| {
            let n = d.removed.iter().filter(|r| r.kind == kind).count();
            html! { <td>{ n }</td> }
        });
        html! {
            <tr key={kind.id()}>
                <th scope="row"><code>{ kind.id() }</code></th>
                <td>{ kind.label() }</td>
                { for cells }
            </tr>
        }
    });
    let theme_items = analysis.themes.themes().iter().map(|t| {
        html! {
            <li key={t.id.clone()} data-theme={t.id.clone()}>
                <p><strong>{ &t.label }</strong>{ " (" }<code>{ &t.id }</code>{ ")" }{ if t.description.is_empty() { String::new() } else { format!(": {}", t.description) } }</p>
                <p class="terms">{ t.terms.join(" · ") }</p>
            </li>
        }
    });
    let entity_rows = corpus.entities.iter().map(|e| {
        html! {
            <tr key={e.id.clone()}>
                <th scope="row">{ &e.name }</th>
                <td>{ format!("{:?}", e.kind).to_lowercase() }</td>
                <td>{ e.aliases.join(", ") }</td>
            </tr>
        }
    });
    let claims = corpus.claims.iter().map(|c| {
        let stances = c.stances.iter().map(|s| {
            let cues = if s.cues.is_empty() {
                if c.default.as_deref() == Some(s.id.as_str()) {
                    "(when no other stance's cue is present)".to_owned()
                } else {
                    String::new()
                }
            } else {
                s.cues.join(" · ")
            };
            html! { <li><strong>{ &s.label }</strong>{ ": " }{ cues }</li> }
        });
        html! {
            <li key={c.id.clone()}>
                <p><strong>{ &c.label }</strong>{ " — sentences on: " }{ c.topic.join(" · ") }</p>
                <ul>{ for stances }</ul>
            </li>
        }
    });
    // `parallax-pack` puts the single file's payload checksum in a meta of the page.
    let packed = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(r#"meta[name="parallax-bundle"]"#)
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| {
            "None: this copy is served as a web build, not as the single file.".into()
        });
    let doc_headers = corpus
        .documents
        .iter()
        .map(|d| html! { <th scope="col" title={d.title.clone()}>{ &d.id }</th> });

    html! {
        <section class="methods-view">
            <h1>{ "Methods" }</h1>
            <p class="lede">{ "How every label in Parallax is made, so that you can check it. All of it runs in your browser on the text below; nothing is sent anywhere." }</p>

            <h2>{ "Corpus" }</h2>
            <dl class="facts-list">
                <dt>{ "Corpus" }</dt><dd>{ format!("{} ({})", corpus.title, corpus.name) }</dd>
                <dt>{ "Sources" }</dt><dd>{ corpus.documents.len() }</dd>
                <dt>{ "Bundle format" }</dt><dd>{ format!("version {}", bundle.version) }</dd>
                <dt>{ "Checksum (SHA-256 of the bundle content)" }</dt><dd><code class="checksum">{ &bundle.checksum }</code></dd>
                <dt>{ "Version carried in links" }</dt><dd><code class="link-version">{ &ctx.data.known.version }</code></dd>
                <dt>{ "Single-file bundle checksum (SHA-256 of its wasm, JS and CSS)" }</dt><dd class="bundle-checksum">{ packed }</dd>
            </dl>

            <h2>{ "Cleaning" }</h2>
            <p>{ "Each page is read line by line. Rules recognise kinds of page furniture, not the strings of one page: profile cards with personal fields, social-media blocks, link lists after the last paragraph, repeated headlines, tables of contents, navigation, About the Author boxes, calls to comment or explore more, in-text promotion of other articles, repeated title lines. Bylines and date lines become metadata. Personal values in removed text (names, emails, addresses, phone numbers, links) are withheld. What each source lost:" }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Removed blocks per source">
                <table class="removed-table">
                    <caption>{ "Removed blocks by reason and source" }</caption>
                    <thead><tr><th scope="col">{ "Kind" }</th><th scope="col">{ "Reason" }</th>{ for doc_headers }</tr></thead>
                    <tbody>{ for removed_rows }</tbody>
                </table>
            </div>

            <h2>{ "Sentences and languages" }</h2>
            <p>{ "Sentences end at . ! ? or … followed by a capital, a digit or an opening quote, except after initials (V. Putin), dotted abbreviations (U.S.) and common abbreviations. Each sentence's language (English, French or German) is the one whose function words it uses most; a sentence without evidence takes its source's most common language." }</p>

            <h2>{ "Themes" }</h2>
            <p>{ "A passage has a theme when one of the theme's terms occurs in it. Terms are matched word by word on English stems, ignoring case and accents; acronyms (UN, SCO) only match in capitals. Each theme chip shows the words that fired." }</p>
            <ul class="theme-list">{ for theme_items }</ul>

            <h2>{ "Search" }</h2>
            <p>{ "Passages are ranked by BM25 on stems. All words must match unless joined by OR; -word excludes; \"quotes\" make a phrase; word* matches a prefix." }</p>

            <h2>{ "Entities" }</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Entities and their spellings">
                <table>
                    <caption>{ "People, places and organisations, with the spellings the sources use" }</caption>
                    <thead><tr><th scope="col">{ "Name" }</th><th scope="col">{ "Kind" }</th><th scope="col">{ "Also written" }</th></tr></thead>
                    <tbody>{ for entity_rows }</tbody>
                </table>
            </div>

            <h2>{ "Reuse between sources" }</h2>
            <p>{ format!(
                "Passages of different sources are compared by {}-word shingles (after folding case and accents). Shared shingles at most {} words apart chain into one aligned span; a span counts as reuse from {} words. A shingle is a stock phrase or template, and ignored, when it is found more than {} times in the corpus (across passages, or repeated within one), when it is found in {} or more sources each time in a line standing on its own (a passage of at most {} words: a newsletter or subscription line), or when it is in page furniture that cleaning removed from any source. Similarity is twice the words in common over the words of both spans.",
                reuse::SHINGLE, reuse::MAX_GAP, reuse::MIN_WORDS, reuse::MAX_SHARED, reuse::TEMPLATE_MIN_DOCS, reuse::TEMPLATE_MAX_WORDS
            ) }</p>

            <h2>{ "Passages matched by what they say" }</h2>
            <p>{ format!(
                "Compare's “Passage by passage” needs no list of themes. Each passage's words are reduced to their stems; common words (the, und, les…) are left out, and each stem weighs more the fewer passages of the whole library hold it (tf-idf: 1 + ln of its count in the passage, times ln of the passages over those holding it). A stem held by more than {} passages of the compared sources is left out too. Two passages of different sources match when the cosine of their weights is at least {:.2} and they share at least {} such stems; beside each passage of the first source is its best match in each other source, with up to {} words that weigh most in the match. A passage with no match in any compared source is one only its source has, unless it holds one of those too common words: then it is counted apart, as not compared.",
                align::MAX_POSTINGS, align::MIN_SIMILARITY, align::MIN_SHARED, align::MAX_WORDS
            ) }</p>

            <h2>{ "Figures, dates and claims" }</h2>
            <p>{ "Numbers (in digits or words) are read with their unit and the words they count (90 percent of goods, eight nuclear power plants); dates with month and year in English, French or German. Figures are grouped by unit and counted thing, then by what they are said of: two figures whose clauses (the words between the punctuation around them) share fewer than two content words, or none when a clause has only two, are two facts (the cost of the buses and an old estimate of the tram, both in euros), and \u{201c}bus\u{201d} and \u{201c}buses\u{201d} count as one word. The votes for and against in a sentence about a vote (\u{201c}by 9 votes to 4\u{201d}, \u{201c}8 in favour and 5 against\u{201d}; not a range such as \u{201c}from 5 to 10\u{201d}) are grouped the same way, with the vote's own words, and so are days of the week (\u{201c}on Monday\u{201d}), by the words of their clause: the vote of the same meeting on Monday in one source and Tuesday in another is a difference. Each row says why its sentences were put together: the words they share. Dates by the event their sentence states, a claim and the stance taken on it (a treaty's ratification and its signing are two events), or else by the date itself. Dates are compared by year, month and day: a partial date such as January 2025 agrees with January 17, 2025; only a part both state that differs is a difference. A sentence on a claim's topic takes the first stance whose cue it contains." }</p>
            <ul class="claim-list">{ for claims }</ul>

            <h2>{ "Quality signals" }</h2>
            <p>{ format!(
                "Signals are evidence to weigh, not verdicts. Keyword stuffing: a three- or four-word phrase repeated at least {} times, at least {} times per 1,000 words, and at least {} times as often as in the other sources (in any word order). Machine generation (English, French, German, Indonesian): talk of the material or prompt the text was made from (\"the provided data\"), a model speaking of itself or its cut-off (\"as an AI language model\", \"as of my last update\"), prompt leftovers (\"Prompt:\", \"[Insert …]\"), short quoted labels of data sets, prompts, keywords or files, quoted labels naming data cited as a source, and citation markers with no references. Fabricated author: a removed profile card with personal fields. Reading level: Flesch–Kincaid grade, with the {} sentences with the most syllables as evidence. A missing byline or date has no evidence: there are no words to point at.",
                signals::STUFFING_MIN_REPEATS, signals::STUFFING_MIN_PER_1000, signals::STUFFING_RATIO, signals::READING_EVIDENCE
            ) }</p>
        </section>
    }
}
