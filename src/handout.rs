//! A lesson's handout (`#/handout?…`): the title and a QR code of the lesson, then every step with its name, note, question, answer (only in a teacher copy's handout), its key content from the core (`parallax_core::handout::content`) and a QR code of its view; a Print button, the whole lesson to download (CSV, text, Markdown: the core's `export::lesson`), and a print stylesheet (assets/print.css) that leaves only this.

use std::rc::Rc;

use parallax_core::export::{Format, LinkBase};
use parallax_core::handout::{content, Content, Sources};
use parallax_core::state::{print, Lesson, State, Step, View};
use yew::prelude::*;

use crate::ctx::{use_ctx, Ctx};
use crate::dom;
use crate::export_buttons::{ExportButtons, Exported};
use crate::qr::QrCode;

#[derive(Properties, PartialEq)]
pub struct HandoutProps {
    pub lesson: Lesson,
}

/// The step's key content as the core gives it.
fn key_content(c: Content) -> Html {
    match c {
        Content::Passage {
            title,
            doc,
            name,
            text,
        } => html! {
            <figure class="handout-content">
                <blockquote class="handout-passage">{ text }</blockquote>
                <figcaption>{ format!("{title} (source {doc}), {}", name.to_lowercase()) }</figcaption>
            </figure>
        },
        Content::Source {
            title,
            doc,
            site,
            opening,
        } => html! {
            <figure class="handout-content">
                <blockquote class="handout-passage">{ opening }</blockquote>
                <figcaption>
                    { format!("The start of {title} (source {doc})") }
                    if !site.is_empty() { { format!(", {site}") } }
                </figcaption>
            </figure>
        },
        Content::Table {
            caption,
            headings,
            rows,
            more,
        } => html! {
            <div class="handout-content handout-table-wrap">
                <table class="handout-table">
                    <caption>{ caption }</caption>
                    <thead><tr>{ for headings.into_iter().map(|h| html! { <th scope="col">{ h }</th> }) }</tr></thead>
                    <tbody>{ for rows.into_iter().map(|r| html! { <tr>{ for r.into_iter().map(|c| html! { <td>{ c }</td> }) }</tr> }) }</tbody>
                </table>
                if more > 0 {
                    <p class="handout-more">{ format!("And {} more in the view.", more) }</p>
                }
            </div>
        },
        Content::Results {
            query,
            found,
            results,
        } => {
            let what = if query.is_empty() {
                "Every passage".to_owned()
            } else {
                format!("Search “{query}”")
            };
            html! {
                <div class="handout-content">
                    <p class="handout-found">{ format!("{what}: {}. The first {}:", parallax_core::strings::count(found, "passage", "passages"), results.len()) }</p>
                    <ol class="handout-results">
                        { for results.into_iter().map(|r| html! {
                            <li><p class="handout-place">{ r.place }</p><p>{ r.text }</p></li>
                        }) }
                    </ol>
                </div>
            }
        }
        Content::Nothing => Html::default(),
    }
}

/// The formats a lesson is downloaded in: for a spreadsheet, a document and notes.
const LESSON_FORMATS: [Format; 3] = [Format::Csv, Format::Text, Format::Markdown];

/// A step's key content, from the analyses with the step's own themes.
fn step_content(ctx: &Ctx, base: &str, step: &Step) -> Content {
    let data = &ctx.data;
    let custom = &step.state.custom;
    let analysis = data.analysis(&step.state);
    let (reuse, facts) = (data.reuse(), data.facts());
    let sources = Sources {
        corpus: &data.bundle.corpus,
        analysis: &analysis,
        reuse: &reuse,
        facts: &facts,
    };
    let pages = dom::pages();
    let at = LinkBase {
        base,
        version: &data.known.version,
        custom,
        edits: &step.state.edits,
        pages: &pages,
    };
    content(&sources, &step.state.view, at)
}

/// One step: its number and name, texts, key content and the QR code of its view (the view
/// alone: a code of the whole lesson at the step would be too dense to scan at this size).
fn step_html(ctx: &Ctx, base: &str, n: usize, step: &Step, content: Content) -> Html {
    let data = &ctx.data;
    let key = key_content(content);
    let link = format!("{base}{}", print(&step.state, &data.known.version));
    let name = step.name(&data.bundle.corpus);
    html! {
        <article class="handout-step" aria-labelledby={format!("handout-step-{n}")}>
            <div class="handout-step-text">
                <h2 id={format!("handout-step-{n}")}>{ format!("Step {n}: {name}") }</h2>
                if !step.note.is_empty() { <p class="handout-note">{ &step.note }</p> }
                if !step.question.is_empty() {
                    <p class="handout-question"><strong>{ "Question: " }</strong>{ &step.question }</p>
                }
                if !step.answer.is_empty() {
                    <p class="handout-answer"><strong>{ "Answer: " }</strong>{ &step.answer }</p>
                }
            </div>
            <figure class="handout-qr">
                <QrCode link={link.clone()} name={format!("QR code of step {n}")} />
                <figcaption>{ "Scan to open this step" }</figcaption>
            </figure>
            { key }
        </article>
    }
}

#[component]
pub fn HandoutView(props: &HandoutProps) -> Html {
    let ctx = use_ctx();
    let lesson = &props.lesson;
    let head = if lesson.title.is_empty() {
        "Lesson".to_owned()
    } else {
        lesson.title.clone()
    };
    let teacher = lesson.has_answers();
    let copy = if teacher {
        "Teacher copy, with the answers"
    } else {
        "Student copy"
    };
    dom::use_title_after_paint(format!("Handout: {head} — Parallax"));
    let base = dom::page_address();
    let lesson_state = State::of(View::Lesson(lesson.clone()));
    let back = ctx.href(&lesson_state);
    // The QR code is for the class: the student copy, also on a teacher's handout.
    let student = State::of(View::Lesson(lesson.without_answers()));
    let lesson_link = format!("{base}{}", ctx.href(&student));
    let onprint = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let contents: Vec<Content> = lesson
        .steps
        .iter()
        .map(|s| step_content(&ctx, &base, s))
        .collect();
    let quotations = Rc::new(contents.iter().map(Content::quotation).collect());
    let exported = Exported::Lesson(lesson.clone(), quotations);
    let steps = lesson
        .steps
        .iter()
        .zip(contents)
        .enumerate()
        .map(|(i, (s, c))| step_html(&ctx, &base, i + 1, s, c));
    html! {
        <section class="handout">
            <div class="handout-head">
                <div>
                    <h1>{ head.clone() }</h1>
                    <p class="handout-copy">{ format!("Handout · {copy} · {}", parallax_core::strings::count(lesson.len(), "step", "steps")) }</p>
                    <p class="handout-actions">
                        <button type="button" class="handout-print" onclick={onprint}>{ "Print" }</button>
                        <a class="handout-back" href={back}>{ "Open the lesson" }</a>
                    </p>
                    <ExportButtons what={exported} label="Download the lesson" formats={&LESSON_FORMATS[..]} />
                </div>
                <figure class="handout-qr handout-qr--lesson">
                    <QrCode link={lesson_link} name="QR code of the lesson" />
                    <figcaption>{ "Scan to open the lesson" }</figcaption>
                </figure>
            </div>
            { for steps }
        </section>
    }
}
