//! "Open a Parallax link": a box where a reader pastes any Parallax link (a web address, the
//! single file's `file:///…#/…`, a bare `#/…` sent from a copy opened as a file) and this copy
//! opens its view. The core reads the text (`state::open_pasted`) and says why a text is no
//! link; the text stays in the box then, to be corrected. Shown in the library as a form, and in
//! the header as a button that opens the same form in a small panel (`compact`).

use std::rc::Rc;

use parallax_core::state::open_pasted;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::dom;

/// The box: what is typed, what went wrong with it, and (in the header) whether it is shown.
#[derive(Clone, Default, PartialEq)]
struct Form {
    text: String,
    problem: String,
    open: bool,
}

enum FormAction {
    /// The text as typed or pasted; any earlier problem is gone.
    Type(String),
    /// The text opens nothing: the reason, the text kept.
    Refuse(String),
    /// The link was opened: the box empties and closes.
    Opened,
    /// The header's panel shown or hidden.
    Show(bool),
}

impl Reducible for Form {
    type Action = FormAction;

    fn reduce(self: Rc<Self>, action: FormAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            FormAction::Type(text) => {
                next.text = text;
                next.problem.clear();
            }
            FormAction::Refuse(why) => next.problem = why,
            FormAction::Opened => next = Form::default(),
            FormAction::Show(open) => {
                next.open = open;
                next.problem.clear();
            }
        }
        Rc::new(next)
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The input's id; the hint, the problem and the panel take it as their prefix.
    pub id: AttrValue,
    /// In the header: a button that shows the form in a panel.
    #[prop_or_default]
    pub compact: bool,
}

#[component]
pub fn OpenLink(props: &Props) -> Html {
    let ctx = use_ctx();
    let form = use_reducer(Form::default);
    let input = use_node_ref();
    let id = props.id.to_string();
    let (hint_id, problem_id, panel_id) = (
        format!("{id}-hint"),
        format!("{id}-problem"),
        format!("{id}-panel"),
    );
    let oninput = {
        let form = form.dispatcher();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            form.dispatch(FormAction::Type(input.value()));
        })
    };
    let onsubmit = {
        let text = form.text.clone();
        let form = form.dispatcher();
        let known = ctx.data.known.clone();
        let input = input.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match open_pasted(&text, &known) {
                Ok(pasted) if dom::open_fragment(&pasted.fragment) => {
                    form.dispatch(FormAction::Opened)
                }
                Ok(_) => form.dispatch(FormAction::Refuse(
                    "This link is the page already open.".into(),
                )),
                Err(why) => {
                    form.dispatch(FormAction::Refuse(why.to_string()));
                    if let Some(input) = input.cast::<HtmlInputElement>() {
                        let _ = input.focus();
                    }
                }
            }
        })
    };
    let bad = !form.problem.is_empty();
    let body = html! {
        <form class="open-link-form" {onsubmit}>
            <label for={id.clone()}>{ if props.compact { "Parallax link to open" } else { "Link to open" } }</label>
            <p class="open-link-hint" id={hint_id.clone()}>
                { "Paste a link to Parallax that someone sent you (it starts with https://, file:// or #/): it opens here, in this copy." }
            </p>
            <div class="open-link-row">
                <input type="text" id={id.clone()} ref={input.clone()} value={form.text.clone()} {oninput}
                    inputmode="url" autocomplete="off" spellcheck="false" autocapitalize="off"
                    aria-describedby={format!("{hint_id} {problem_id}")} aria-invalid={bad.then_some("true")} />
                <button type="submit" id={format!("{id}-open")}>{ "Open" }</button>
            </div>
            <p class="open-link-problem" id={problem_id} role="alert">{ form.problem.clone() }</p>
        </form>
    };
    if !props.compact {
        return html! {
            <section class="open-link" aria-labelledby={format!("{id}-title")}>
                <h2 id={format!("{id}-title")}>{ "Open a Parallax link" }</h2>
                { body }
            </section>
        };
    }
    let open = form.open;
    let toggle = {
        let form = form.dispatcher();
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            form.dispatch(FormAction::Show(!open));
            if !open {
                let input = input.clone();
                dom::after_paint(move || {
                    if let Some(input) = input.cast::<HtmlInputElement>() {
                        let _ = input.focus();
                    }
                });
            }
        })
    };
    let onkeydown = {
        let form = form.dispatcher();
        let toggle_id = format!("{id}-toggle");
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                form.dispatch(FormAction::Show(false));
                dom::focus(&toggle_id);
            }
        })
    };
    html! {
        <div class="open-link-menu">
            <button type="button" id={format!("{id}-toggle")} class="open-link-toggle" aria-expanded={open.to_string()} aria-controls={panel_id.clone()} onclick={toggle}>
                { "Open a link" }
            </button>
            <div id={panel_id} class="open-link-panel" hidden={!open} {onkeydown}>{ body }</div>
        </div>
    }
}
