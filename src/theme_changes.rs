//! The editor of the story's own themes: each renamed, joined with another or hidden (the core's `ThemeEdits`), carried in the link so that a class sees the themes its teacher named.

use parallax_core::model::Theme;
use parallax_core::state::{ThemeEdits, MAX_LABEL_CHARS};
use yew::prelude::*;

use crate::ctx::{use_ctx, Ctx};

/// Words of a theme shown beside its name: enough to see what it is about.
const SHOWN_TERMS: usize = 6;

/// The state with one more change to the corpus's themes, opened as a new step of history (Back
/// undoes it); then focus on `focus` (a selector), since the row that had it is redrawn.
fn change(ctx: &Ctx, focus: String, edit: impl FnOnce(&mut ThemeEdits, &[Theme])) {
    let themes = &ctx.data.bundle.corpus.themes;
    let mut edits = ctx.state.edits.clone();
    edit(&mut edits, themes);
    let mut state = (*ctx.state).clone();
    state.set_edits(edits, themes);
    ctx.go(state);
    crate::dom::focus_after_paint(focus);
}

#[component]
pub fn ThemeChanges() -> Html {
    let ctx = use_ctx();
    let themes = &ctx.data.bundle.corpus.themes;
    if themes.is_empty() {
        return Html::default();
    }
    let edits = &ctx.state.edits;
    let found = themes.iter().any(parallax_core::found::is_found);
    let intro = if found {
        "Themes found in the texts themselves are named by their most telling words. Give one a better name, join two that are one topic, or hide one that says nothing. The page's link keeps your changes, so whoever opens it sees the same themes."
    } else {
        "Give a theme another name, join two that are one topic for you, or hide one. The page's link keeps your changes, so whoever opens it sees the same themes."
    };
    let reset = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            change(&ctx, "details.theme-changes > summary".into(), |e, _| {
                *e = ThemeEdits::default()
            })
        })
    };
    let rows = themes.iter().enumerate().map(|(i, t)| {
        html! { <ThemeRow key={t.id.clone()} index={i} id={t.id.clone()} /> }
    });
    html! {
        <details class="theme-changes" open={!edits.is_empty()}>
            <summary>{ "Rename, join or hide the story's themes" }</summary>
            <p class="help">{ intro }</p>
            <ul class="theme-change-list">{ for rows }</ul>
            if !edits.is_empty() {
                <button type="button" onclick={reset}>{ "Undo all my changes to the themes" }</button>
            }
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    /// Its place among the corpus's themes, from 0.
    index: usize,
    id: String,
}

/// One theme of the corpus: its name and words, and what can be done to it now.
#[component]
fn ThemeRow(props: &RowProps) -> Html {
    let ctx = use_ctx();
    let themes = &ctx.data.bundle.corpus.themes;
    let edits = &ctx.state.edits;
    let found = themes.iter().find(|t| t.id == props.id);
    let name = found
        .map(|t| edits.name_of(&t.id).unwrap_or(&t.label).to_owned())
        .unwrap_or_default();
    let typed = use_state_eq(|| name.clone());
    let into = use_state_eq(String::new);
    {
        // The name shown changes with the link (Back, another tab's link): the box follows.
        let typed = typed.clone();
        use_effect_with(name.clone(), move |name| typed.set(name.clone()));
    }
    let Some(theme) = found else {
        return Html::default();
    };
    let row = format!(
        ".theme-change-list > li:nth-child({}) button",
        props.index + 1
    );
    let field = |what: &str| format!("theme-{what}-{}", props.index);
    let words: Vec<&str> = theme
        .terms
        .iter()
        .take(SHOWN_TERMS)
        .map(String::as_str)
        .collect();
    let label_of = |id: &str| {
        edits
            .name_of(id)
            .or(themes.iter().find(|t| t.id == id).map(|t| t.label.as_str()))
            .unwrap_or(id)
            .to_owned()
    };

    let restore = {
        let (ctx, id, row) = (ctx.clone(), theme.id.clone(), row.clone());
        Callback::from(move |_: MouseEvent| change(&ctx, row.clone(), |e, _| e.restore(&id)))
    };
    let state_line = match edits.resolve(&theme.id) {
        None => Some((
            "Hidden: no view shows it.".to_owned(),
            format!("Show “{name}” again"),
        )),
        Some(to) if to != theme.id => Some((
            format!(
                "Joined with “{}”: its words now mark that theme.",
                label_of(to)
            ),
            format!("Separate “{name}” again"),
        )),
        _ => None,
    };
    let body = if let Some((said, undo)) = state_line {
        html! {
            <>
                <p class="theme-change-state">{ said }</p>
                <button type="button" onclick={restore}>{ undo }</button>
            </>
        }
    } else {
        let on_typed = crate::dom::typed_into(&typed);
        let rename = {
            let (ctx, typed, id, label, row) = (
                ctx.clone(),
                typed.clone(),
                theme.id.clone(),
                theme.label.clone(),
                row.clone(),
            );
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let name = (*typed).clone();
                change(&ctx, row.clone(), |edits, themes| {
                    edits.rename(&id, &name, &label, themes)
                });
            })
        };
        let others: Vec<(String, String)> = themes
            .iter()
            .filter(|o| edits.can_join(&theme.id, &o.id))
            .map(|o| (o.id.clone(), label_of(&o.id)))
            .collect();
        let on_into = {
            let into = into.clone();
            Callback::from(move |e: Event| into.set(crate::dom::chosen(&e).unwrap_or_default()))
        };
        let join = {
            let (ctx, into, id, row) = (ctx.clone(), into.clone(), theme.id.clone(), row.clone());
            Callback::from(move |_: MouseEvent| {
                let target = (*into).clone();
                if target.is_empty() {
                    return;
                }
                into.set(String::new());
                change(&ctx, row.clone(), |edits, themes| {
                    edits.join(&id, &target, themes);
                });
            })
        };
        let hide = {
            let (ctx, id, row) = (ctx.clone(), theme.id.clone(), row.clone());
            Callback::from(move |_: MouseEvent| {
                change(&ctx, row.clone(), |edits, themes| edits.hide(&id, themes))
            })
        };
        let joined: Vec<String> = edits
            .joined_into(&theme.id)
            .map(|j| format!("“{}”", label_of(j)))
            .collect();
        html! {
            <>
                if !joined.is_empty() {
                    <p class="theme-change-state">{ format!("Joined with {}.", parallax_core::strings::and_list(&joined)) }</p>
                }
                <form class="theme-rename" onsubmit={rename}>
                    <label for={field("name")}>{ "Name" }<span class="vh">{ format!(" of “{name}”") }</span></label>
                    <input id={field("name")} type="text" value={(*typed).clone()} oninput={on_typed} maxlength={MAX_LABEL_CHARS.to_string()} />
                    <button type="submit">{ "Rename" }</button>
                </form>
                if !others.is_empty() {
                    <div class="theme-join">
                        <label for={field("join")}>{ "Join with" }<span class="vh">{ format!(" (join “{name}” with another theme)") }</span></label>
                        <select id={field("join")} onchange={on_into}>
                            <option value="" selected={into.is_empty()}>{ "Choose a theme" }</option>
                            { for others.iter().map(|(id, label)| html! {
                                <option value={id.clone()} selected={*into == *id}>{ label }</option>
                            }) }
                        </select>
                        <button type="button" onclick={join} disabled={into.is_empty()}>{ "Join" }</button>
                    </div>
                }
                <button type="button" class="theme-hide" onclick={hide}>{ format!("Hide “{name}”") }</button>
            </>
        }
    };
    html! {
        <li>
            <p class="theme-change-name">
                <span class="custom-label">{ &name }</span>
                <span class="custom-terms">{ format!("{}Words: {}", if theme.description == parallax_core::found::YOURS_DESCRIPTION { "Found in your own documents. " } else { "" }, words.join(", ")) }</span>
            </p>
            { body }
        </li>
    }
}
