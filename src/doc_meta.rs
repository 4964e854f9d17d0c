//! The byline, dates, kind and site line of one source, shared by library cards and the reader.

use parallax_core::{Byline, BylineSource, DateInfo};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub byline: Option<Byline>,
    pub date: Option<DateInfo>,
    /// When the page says it was last updated.
    #[prop_or_default]
    pub modified: Option<DateInfo>,
    pub kind: Option<AttrValue>,
    pub site: Option<AttrValue>,
}

#[component]
pub fn DocMeta(props: &Props) -> Html {
    let byline = props.byline.as_ref().map(|b| match b.source {
        BylineSource::Byline | BylineSource::Metadata => {
            html! { <p class="byline">{ "By " }{ &b.name }</p> }
        }
        // The page only names this person in a profile box: say so rather than vouch for it.
        BylineSource::AboutAuthorBox => html! {
            <p class="byline">
                { "By " }{ &b.name }
                <span class="byline-source">{ " (claimed in an About the Author box)" }</span>
            </p>
        },
    });
    let mut facts: Vec<Html> = Vec::new();
    if let Some(date) = &props.date {
        facts.push(html! { <time datetime={date.iso.clone()}>{ &date.text }</time> });
    }
    if let Some(date) = &props.modified {
        facts.push(html! {
            <span class="modified">{ "updated " }<time datetime={date.iso.clone()}>{ &date.text }</time></span>
        });
    }
    if let Some(kind) = &props.kind {
        facts.push(html! { <span class="kind">{ kind }</span> });
    }
    if let Some(site) = &props.site {
        facts.push(html! { <span class="site">{ site }</span> });
    }
    let facts = (!facts.is_empty()).then(|| {
        let joined = facts.into_iter().enumerate().map(|(i, fact)| {
            html! { <>{ if i > 0 { " · " } else { "" } }{ fact }</> }
        });
        html! { <p class="doc-facts">{ for joined }</p> }
    });
    html! {
        <div class="doc-meta">
            { byline }
            { facts }
        </div>
    }
}
