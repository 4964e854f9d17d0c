//! QR codes of links, drawn from the core's module grid (`parallax_core::qr`) as SVG elements: `QrCode` the code alone (black on white, quiet zone included), `QrButton` a button that opens it full-screen in a modal dialog, sized for a classroom projector, with the link written under it, or a plain message when the link is too long.

use parallax_core::qr::Qr;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CodeProps {
    /// The whole link (the page's address and its fragment).
    pub link: AttrValue,
    /// What the code is of, for screen readers ("QR code of the student copy").
    pub name: AttrValue,
    #[prop_or_default]
    pub class: Classes,
}

/// The QR code of a link as an SVG (module units, white square with the quiet zone, one black
/// path), or the core's reason in a paragraph when the link is too long for one.
#[component]
pub fn QrCode(props: &CodeProps) -> Html {
    let code = use_memo(props.link.clone(), |link| Qr::encode(link));
    match &*code {
        Ok(q) => {
            let side = q.side().to_string();
            html! {
                <svg class={classes!("qr-code", props.class.clone())} viewBox={format!("0 0 {side} {side}")} role="img" aria-label={props.name.clone()}
                    shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
                    <rect width={side.clone()} height={side} fill="#fff" />
                    <path d={q.path()} fill="#000" />
                </svg>
            }
        }
        Err(why) => html! { <p class="qr-too-long">{ why.to_string() }</p> },
    }
}

#[derive(Properties, PartialEq)]
pub struct ButtonProps {
    /// The whole link the code holds.
    pub link: AttrValue,
    /// The button's words.
    #[prop_or(AttrValue::Static("QR code"))]
    pub text: AttrValue,
    /// What the code is of, for the button's and the dialog's names ("the student copy").
    pub of: AttrValue,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

/// Calls a method of the dialog element without arguments (`showModal`, `close`): web-sys's
/// `HtmlDialogElement` is not linked for two calls.
fn call(dialog: &NodeRef, method: &str) {
    let Some(el) = dialog.cast::<HtmlElement>() else {
        return;
    };
    let f = js_sys::Reflect::get(&el, &method.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(f) = f {
        let _ = f.call0(&el);
    }
}

/// A button that shows the link's QR code in a modal dialog over the whole window: the browser
/// keeps focus inside it, Escape or Close closes it and focus goes back to the button.
#[component]
pub fn QrButton(props: &ButtonProps) -> Html {
    let open = use_state_eq(|| false);
    let dialog = use_node_ref();
    let close_button = use_node_ref();
    {
        let dialog = dialog.clone();
        let close_button = close_button.clone();
        use_effect_with(*open, move |open| {
            if *open {
                call(&dialog, "showModal");
                // Focus on Close, the dialog's one control (not `autofocus`, which the browser
                // ignores, with a message, while the page has focus elsewhere).
                if let Some(b) = close_button.cast::<HtmlElement>() {
                    let _ = b.focus();
                }
            }
        });
    }
    let show = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(true))
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| call(&dialog, "close"))
    };
    // Escape closes the dialog too (the browser's own `cancel`, then `close`).
    let onclose = {
        let open = open.clone();
        Callback::from(move |_: Event| open.set(false))
    };
    let title = format!("QR code of {}", props.of);
    html! {
        <>
            <button type="button" class="qr-button" id={props.id.clone()} aria-label={format!("Show a QR code of {}", props.of)} aria-haspopup="dialog" onclick={show}>{ props.text.clone() }</button>
            if *open {
                <dialog ref={dialog} class="qr-dialog" aria-labelledby="qr-title" {onclose}>
                    <div class="qr-top">
                        <h2 id="qr-title">{ title.clone() }</h2>
                        <button type="button" class="qr-close" ref={close_button} onclick={close}>{ "Close" }</button>
                    </div>
                    <QrCode link={props.link.clone()} name={title} class="qr-big" />
                    <p class="qr-link">{ props.link.clone() }</p>
                </dialog>
            }
        </>
    }
}
