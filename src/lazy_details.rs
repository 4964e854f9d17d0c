//! A disclosure whose content is made only once it is opened: the evidence lists of the source
//! profile's signals and of the facts tables, which a long document can fill with hundreds of
//! thousands of items (a phrase or a claim repeated on every line), the overview's word diffs
//! and compare's theme rows, one for each of thousands of shared stretches or passages, and the
//! note form under each passage of the reader. Made up front, hidden, they kept a view from
//! showing for seconds though nobody had asked for them.

use yew::prelude::*;
use yew::virtual_dom::VNode;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub class: Classes,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Open from the start (the content is made at once); opened or closed when this changes.
    #[prop_or_default]
    pub open: bool,
    /// Further attributes of the `<details>` (`data-*`, for tests and styles).
    #[prop_or_default]
    pub attrs: Vec<(&'static str, AttrValue)>,
    /// What the `<summary>` holds.
    pub summary: Html,
    /// Makes the content; called only while the disclosure is open.
    pub content: Callback<(), Html>,
}

#[component]
pub fn LazyDetails(props: &Props) -> Html {
    let open = use_state_eq(|| props.open);
    // Opened or closed by its owner later too, as a plain `open` attribute would be: a link that
    // names the theme of a row already shown opens it, Back from there closes it again.
    {
        let open = open.clone();
        use_effect_with(props.open, move |&opened| open.set(opened));
    }
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(
                e.target_dyn_into::<web_sys::Element>()
                    .is_some_and(|d| d.has_attribute("open")),
            )
        })
    };
    // Always one node after the summary, empty while closed: yew matches unkeyed children from
    // the end, so content coming and going as a second child would make it replace the summary.
    let content = if *open {
        props.content.emit(())
    } else {
        Html::default()
    };
    let mut details = html! {
        <details class={props.class.clone()} id={props.id.clone()} open={*open} {ontoggle}>
            <summary>{ props.summary.clone() }</summary>
            { content }
        </details>
    };
    if let VNode::VTag(tag) = &mut details {
        for (name, value) in &props.attrs {
            std::rc::Rc::make_mut(tag).add_attribute(name, value.clone());
        }
    }
    details
}
