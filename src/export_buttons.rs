//! The one export control of every view (Explore's passages or concordance lines, Compare's summary and its figures, dates and claims, the map's table, a source profile, a lesson on its handout): a button per format, each building the view's table through the core when pressed and downloading it under a name that says what it holds.

use std::rc::Rc;

use parallax_core::analysis::KwicLine;
use parallax_core::compare::compare;
use parallax_core::export::{self, Format, LinkBase, Made, Table};
use parallax_core::search::Unit;
use parallax_core::state::{Compare, Explore, Lesson};
use yew::prelude::*;

use crate::ctx::{use_ctx, Ctx};
use crate::dom;

/// What a view shows, to be exported as shown.
#[derive(Clone, PartialEq)]
pub enum Exported {
    /// Explore's passages, in the order shown, under its settings.
    Passages(Explore, Rc<Vec<Unit>>),
    /// Explore's concordance lines, in the order shown.
    Kwic(Explore, Rc<Vec<KwicLine>>),
    /// Compare's summary ("At a glance").
    CompareSummary(Compare),
    /// Compare's claims, figures and dates.
    CompareFacts(Compare),
    /// The map's themes × sources.
    Map,
    /// The profile of a source.
    Profile(String),
    /// A whole lesson, a row a step, with the words each step asks the student to read (the
    /// handout's `Content::quotation`, in step order); its answers when it has them (the
    /// handout of a teacher copy).
    Lesson(Lesson, Rc<Vec<String>>),
}

impl Exported {
    /// The table, built by the core from the app's data as the view shows it.
    fn table(&self, ctx: &Ctx, made: &Made) -> Option<Table> {
        let data = &ctx.data;
        let corpus = &data.bundle.corpus;
        let analysis = data.analysis(&ctx.state);
        let comparison = |c: &Compare| {
            let ids: Vec<&str> = c.docs.iter().map(String::as_str).collect();
            compare(corpus, &analysis, &data.reuse(), &data.facts(), &ids).ok()
        };
        Some(match self {
            Exported::Passages(view, units) => {
                export::passages(corpus, &analysis, view, units, made)
            }
            Exported::Kwic(view, lines) => {
                export::concordance(corpus, &analysis, view, lines, made)
            }
            Exported::CompareSummary(c) => {
                export::compare_summary(corpus, &comparison(c)?, c, made)
            }
            Exported::CompareFacts(c) => export::compare_facts(corpus, &comparison(c)?, c, made),
            Exported::Map => export::map(corpus, &analysis, made),
            Exported::Profile(doc) => {
                export::profile(corpus, &analysis, &data.signals(), doc, made)?
            }
            Exported::Lesson(lesson, quotations) => {
                export::lesson(corpus, lesson, quotations, lesson.has_answers(), made)
            }
        })
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub what: Exported,
    /// What the buttons export, e.g. "Export these 12 passages".
    pub label: AttrValue,
    /// The formats offered, in order: every one unless a view says otherwise.
    #[prop_or(&Format::ALL)]
    pub formats: &'static [Format],
}

#[component]
pub fn ExportButtons(props: &Props) -> Html {
    let ctx = use_ctx();
    let failed = use_state_eq(|| false);
    let buttons = props.formats.iter().map(|&format| {
        let ctx = ctx.clone();
        let what = props.what.clone();
        let failed = failed.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let base = dom::page_address();
            let pages = dom::pages();
            let date = dom::today();
            let made = Made {
                at: LinkBase {
                    base: &base,
                    version: &ctx.data.known.version,
                    custom: &ctx.state.custom,
                    edits: &ctx.state.edits,
                    pages: &pages,
                },
                date: &date,
            };
            let done = what.table(&ctx, &made).is_some_and(|table| {
                dom::download(
                    &table.file_name(format),
                    format.mime(),
                    &table.write(format),
                )
            });
            failed.set(!done);
        });
        html! {
            <button type="button" data-format={format.ext()} title={format.help()} {onclick}>
                { format.label() }
            </button>
        }
    });
    html! {
        <div class="export" role="group" aria-label={props.label.clone()}>
            <span class="export-label">{ format!("{}:", props.label) }</span>
            { for buttons }
            if *failed {
                <p class="error" role="alert">{ "The browser did not allow the download." }</p>
            }
        </div>
    }
}
