//! A disclosure whose content is made only once it is opened: the evidence lists of the source
//! profile's signals and of the facts tables, which a long document can fill with hundreds of
//! thousands of items (a phrase or a claim repeated on every line), and the overview's word
//! diffs, one for each of thousands of shared stretches. Made up front, hidden, they kept a view
//! from showing for seconds though nobody had asked for them.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub class: Classes,
    /// `data-value` and `data-words` of the `<details>`, for tests and styles.
    #[prop_or_default]
    pub value: Option<AttrValue>,
    #[prop_or_default]
    pub words: Option<AttrValue>,
    /// What the `<summary>` holds.
    pub summary: Html,
    /// Makes the content; called only while the disclosure is open.
    pub content: Callback<(), Html>,
}

#[component]
pub fn LazyDetails(props: &Props) -> Html {
    let open = use_state_eq(|| false);
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
    html! {
        <details class={props.class.clone()} data-value={props.value.clone()} data-words={props.words.clone()} {ontoggle}>
            <summary>{ props.summary.clone() }</summary>
            { content }
        </details>
    }
}
