//! A heading and a line of text, then `data-ready="true"` on `<html>`, as Parallax marks its
//! first render: the yardstick of the start-up benchmark.

use yew::prelude::*;

#[component]
fn App() -> Html {
    use_effect_with((), |_| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-ready", "true");
        }
    });
    html! {
        <main>
            <h1>{ "A minimal Yew app" }</h1>
            <p>{ "Rendered by Yew in WebAssembly." }</p>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
