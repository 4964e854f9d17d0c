//! The compare view's picker: two or three sources (one per column), the theme filter and the
//! "only where they differ" switch, each change a new link.

use parallax_core::state::{Compare, MAX_COMPARE};
use parallax_core::strings::compare as words;
use yew::prelude::*;

use super::with;
use crate::ctx::use_ctx;

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

#[derive(Properties, PartialEq)]
pub(super) struct PickerProps {
    /// The compare settings from the link.
    pub view: Compare,
}

/// The two or three source pickers, the theme filter and the "only where they differ" switch.
///
/// Each `<select>` shows the link's choice twice over: `selected` on an option for the first
/// render (set before the options exist, a `value` would not stick), and the `value` property for
/// later ones (Back, or a change elsewhere), since a `selected` attribute no longer moves the
/// choice once the reader has picked by hand.
#[component]
pub(super) fn Picker(props: &PickerProps) -> Html {
    let ctx = use_ctx();
    let s = &props.view;
    let corpus = &ctx.data.bundle.corpus;
    // The themes the analysis tags with (`Data::analysis`), without waiting for it.
    let themes = ctx.state.themes(&corpus.themes);
    let slots = (0..MAX_COMPARE).map(|slot| {
        let current = s.docs.get(slot).cloned().unwrap_or_default();
        let optional = slot >= 2;
        let onchange = {
            let ctx = ctx.clone();
            let view = s.clone();
            Callback::from(move |e: Event| {
                if let Some(v) = crate::dom::chosen(&e) {
                    ctx.go(with(&ctx, &view, |s| set_slot(&mut s.docs, slot, &v)));
                }
            })
        };
        let id = format!("cmp-source-{}", slot + 1);
        // A third column can only be added after the first two; an empty choice removes it.
        let none = optional.then(|| {
            html! { <option value="" selected={current.is_empty()}>{ words::NONE }</option> }
        });
        let options = corpus.documents.iter().map(|d| {
            let elsewhere = current != d.id && s.docs.contains(&d.id);
            // Another column's source can be picked only where it can trade places.
            let disabled = elsewhere && slot >= s.docs.len();
            html! {
                <option value={d.id.clone()} selected={current == d.id} {disabled}>
                    { words::source_option(&d.id, &d.title) }
                    if elsewhere { { format!(" (column {})", s.docs.iter().position(|x| *x == d.id).unwrap_or(0) + 1) } }
                </option>
            }
        });
        html! {
            <div class="cmp-field">
                <label for={id.clone()}>{ words::source_label(slot) }if optional { <span class="vh">{ " (optional)" }</span> }</label>
                <select id={id} {onchange} data-slot={slot.to_string()} ~value={current.clone()}>
                    { none }
                    { for options }
                </select>
            </div>
        }
    });
    let theme_change = {
        let ctx = ctx.clone();
        let view = s.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = crate::dom::chosen(&e) {
                ctx.go(with(&ctx, &view, |s| {
                    s.theme = (!v.is_empty()).then_some(v)
                }));
            }
        })
    };
    let theme_options = themes.iter().map(|t| {
        html! { <option value={t.id.clone()} selected={s.theme.as_deref() == Some(t.id.as_str())}>{ &t.label }</option> }
    });
    let differ_change = {
        let ctx = ctx.clone();
        let view = s.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                let on = input.checked();
                ctx.go(with(&ctx, &view, |s| s.only_differ = on));
            }
        })
    };
    html! {
        <form class="cmp-picker" aria-label={words::PICKER_LABEL} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <fieldset class="cmp-sources">
                <legend class="vh">{ words::SOURCES_LEGEND }</legend>
                { for slots }
            </fieldset>
            <div class="cmp-filters">
                <div class="cmp-field">
                    <label for="cmp-theme">{ words::THEME_LABEL }</label>
                    <select id="cmp-theme" onchange={theme_change} ~value={s.theme.clone().unwrap_or_default()}>
                        <option value="" selected={s.theme.is_none()}>{ words::ALL_THEMES }</option>
                        { for theme_options }
                    </select>
                </div>
                <p class="cmp-switch">
                    <input type="checkbox" role="switch" id="only-differ" checked={s.only_differ} onchange={differ_change} />
                    <label for="only-differ">{ words::DIFFER_LABEL }</label>
                </p>
            </div>
        </form>
    }
}
