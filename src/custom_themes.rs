//! The editor of reader-defined themes: a label and terms, tagged like the built-in themes and
//! carried in the link, so that a teacher can share a lens of her own.

use parallax_core::state::{
    CustomTheme, View, MAX_CUSTOM, MAX_LABEL_CHARS, MAX_TERMS, MAX_TERM_CHARS,
};
use yew::prelude::*;

use crate::ctx::use_ctx;

/// Splits the terms box: one term per line or comma.
fn split_terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in text
        .split([',', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let t: String = t.chars().take(MAX_TERM_CHARS).collect();
        if !out.contains(&t) && out.len() < MAX_TERMS {
            out.push(t);
        }
    }
    out
}

#[component]
pub fn CustomThemes() -> Html {
    let ctx = use_ctx();
    let label = use_state_eq(String::new);
    let terms = use_state_eq(String::new);
    let error = use_state_eq(|| None::<String>);
    let custom = ctx.state.custom.clone();

    let on_label = crate::dom::typed_into(&label);
    let on_terms = crate::dom::typed_into(&terms);
    let add = {
        let (ctx, label, terms, error) = (ctx.clone(), label.clone(), terms.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name: String = label.trim().chars().take(MAX_LABEL_CHARS).collect();
            let list = split_terms(&terms);
            let problem = if ctx.state.custom.len() >= MAX_CUSTOM {
                Some(format!(
                    "A link can carry at most {MAX_CUSTOM} themes of your own; remove one first."
                ))
            } else if name.is_empty() {
                Some("Give the theme a name.".to_owned())
            } else if list.is_empty() {
                Some(
                    "Give at least one word or phrase that marks the theme (separate them with commas or lines)."
                        .to_owned(),
                )
            } else {
                None
            };
            if problem.is_some() {
                error.set(problem);
                return;
            }
            error.set(None);
            let mut state = (*ctx.state).clone();
            state.custom.push(CustomTheme {
                label: name,
                terms: list,
            });
            label.set(String::new());
            terms.set(String::new());
            ctx.go(state);
        })
    };
    let count = custom.len();
    let themes = custom.iter().enumerate().map(|(i, c)| {
        let ctx = ctx.clone();
        // Focus goes to the Remove button of the theme that takes this one's place (or the one
        // before); after the last, to the panel's summary (the panel closes when it is empty).
        let then = crate::dom::after_removal(
            ".custom-list",
            i,
            count,
            "details.custom-themes > summary",
        );
        let remove = Callback::from(move |_: MouseEvent| {
            let mut state = (*ctx.state).clone();
            state.custom.remove(i);
            // A filter on the removed theme goes with it; later themes move up one number.
            let renumber = |t: &String| match t.strip_prefix("my").and_then(|n| n.parse::<usize>().ok()) {
                Some(n) if n == i + 1 => None,
                Some(n) if n > i + 1 => Some(format!("my{}", n - 1)),
                _ => Some(t.clone()),
            };
            match &mut state.view {
                View::Explore(e) => e.themes = e.themes.iter().filter_map(renumber).collect(),
                View::Compare(c) => c.theme = c.theme.as_ref().and_then(renumber),
                _ => {}
            }
            ctx.go(state);
            crate::dom::focus_after_paint(then.clone());
        });
        html! {
            <li key={i}>
                <span class="custom-label">{ &c.label }</span>
                <span class="custom-terms">{ c.terms.join(", ") }</span>
                <button type="button" onclick={remove} aria-label={format!("Remove the theme {}", c.label)}>{ "Remove" }</button>
            </li>
        }
    });
    html! {
        <details class="custom-themes" open={!custom.is_empty()}>
            <summary>{ "Your own themes" }</summary>
            if !custom.is_empty() {
                <ul class="custom-list">{ for themes }</ul>
            }
            <form onsubmit={add}>
                <label for="custom-label">{ "Name of the theme" }</label>
                <input id="custom-label" type="text" value={(*label).clone()} oninput={on_label} maxlength="60" />
                <label for="custom-terms">{ "Words that mark it (separate them with commas, or put one on each line)" }</label>
                <textarea id="custom-terms" rows="3" value={(*terms).clone()} oninput={on_terms} />
                if let Some(message) = &*error {
                    <p class="error" role="alert">{ message }</p>
                }
                <button type="submit">{ "Add theme" }</button>
            </form>
        </details>
    }
}
