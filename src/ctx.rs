//! The app's shared context: the decoded corpus, what exists in it for URL validation, the
//! analysis computed on first use (never at start-up), the current URL state and how to change it.

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use parallax_core::align::Alignment;
use parallax_core::analysis::Analysis;
use parallax_core::facts::FactGroup;
use parallax_core::overview::Overview;
use parallax_core::reuse::ReusePair;
use parallax_core::signals::DocumentSignals;
use parallax_core::state::{print, CustomTheme, Known, Lesson, Notice, State};
use parallax_core::Bundle;
use yew::prelude::*;

use crate::own_docs::{Own, OwnAction, OwnStatus};

/// The corpus and everything derived from it. The reader's own documents (imported from files)
/// follow the built-in ones in `bundle.corpus`, so that every view shows them; a new `Data` is
/// made whenever they change (`Data::of`), and its analyses are computed again on first use.
pub struct Data {
    /// The built-in bundle (its checksum and version) with the corpus of the built-in documents
    /// and the reader's own after them.
    pub bundle: Bundle,
    /// Shared with the URL state hook, which gets it on every render of the app.
    pub known: Rc<Known>,
    /// How many documents of `bundle.corpus` are built in; the rest are the reader's own.
    builtin: usize,
    /// What the store of the reader's own documents says (problems, what can be put back).
    pub own: OwnStatus,
    /// Imports, removes and puts back the reader's own documents.
    pub change_own: Callback<OwnAction>,
    /// The reader's own documents as stored (id, file name, imported text), in the order of
    /// `own_documents`: what a collection file holds.
    pub own_entries: Rc<[parallax_core::library::Entry]>,
    /// The id the next imported document will get: the one its import is prepared under.
    pub next_own_id: String,
    analysis: RefCell<Option<(Vec<CustomTheme>, Rc<Analysis>)>>,
    reuse: OnceCell<Rc<Vec<ReusePair>>>,
    facts: OnceCell<Rc<Vec<FactGroup>>>,
    signals: OnceCell<Rc<Vec<DocumentSignals>>>,
    overview: RefCell<Option<(Vec<CustomTheme>, Rc<Overview>)>>,
    /// The last sources compared passage by passage, and their alignment.
    aligned: RefCell<Option<(Vec<String>, Rc<Alignment>)>>,
}

impl Data {
    /// The app's data as the reader's library is now.
    pub fn of(own: &Own, change_own: Callback<OwnAction>) -> Rc<Data> {
        let (bundle, builtin) = own.bundle();
        let mut data = Data::new(bundle, builtin, own.status(), change_own);
        data.own_entries = own.entries().into();
        data.next_own_id = own.next_id();
        Rc::new(data)
    }

    /// `bundle.corpus` holds `builtin` built-in documents, then the reader's own.
    fn new(
        bundle: Bundle,
        builtin: usize,
        own: OwnStatus,
        change_own: Callback<OwnAction>,
    ) -> Data {
        let known = Rc::new(Known::new(&bundle.corpus, &bundle.checksum));
        Data {
            bundle,
            known,
            builtin,
            own,
            change_own,
            own_entries: Rc::new([]),
            next_own_id: String::new(),
            analysis: RefCell::new(None),
            reuse: OnceCell::new(),
            facts: OnceCell::new(),
            signals: OnceCell::new(),
            overview: RefCell::new(None),
            aligned: RefCell::new(None),
        }
    }

    /// True when the document `id` is one of the reader's own (imported), not a built-in source.
    pub fn is_own(&self, id: &str) -> bool {
        self.own_documents().iter().any(|d| d.id == id)
    }

    /// The reader's own documents, in the order they were imported.
    pub fn own_documents(&self) -> &[parallax_core::Document] {
        self.bundle
            .corpus
            .documents
            .get(self.builtin..)
            .unwrap_or_default()
    }

    /// The search index and tags, with the reader's own themes; rebuilt only when they change.
    pub fn analysis(&self, custom: &[CustomTheme]) -> Rc<Analysis> {
        let mut cache = self.analysis.borrow_mut();
        if let Some((themes, a)) = cache.as_ref() {
            if themes.as_slice() == custom {
                return a.clone();
            }
        }
        let extra: Vec<_> = custom
            .iter()
            .enumerate()
            .map(|(i, c)| c.to_theme(i))
            .collect();
        let a = Rc::new(Analysis::new(&self.bundle.corpus, &extra));
        *cache = Some((custom.to_vec(), a.clone()));
        a
    }

    /// The passages of `docs` matched by what they say (compare's "Passage by passage"), for the
    /// last sources asked for; the index it reads does not change with the reader's themes.
    pub fn aligned(&self, analysis: &Analysis, docs: &[String]) -> Rc<Alignment> {
        let mut cache = self.aligned.borrow_mut();
        if let Some((d, a)) = cache.as_ref() {
            if d.as_slice() == docs {
                return a.clone();
            }
        }
        let ids: Vec<&str> = docs.iter().map(String::as_str).collect();
        let a = Rc::new(parallax_core::align::align(
            &self.bundle.corpus,
            analysis,
            &ids,
        ));
        *cache = Some((docs.to_vec(), a.clone()));
        a
    }

    /// Reuse between sources, computed on first use.
    pub fn reuse(&self) -> Rc<Vec<ReusePair>> {
        self.reuse
            .get_or_init(|| Rc::new(parallax_core::reuse::find(&self.bundle.corpus)))
            .clone()
    }

    /// Figures, dates and claims, computed on first use.
    pub fn facts(&self) -> Rc<Vec<FactGroup>> {
        self.facts
            .get_or_init(|| {
                let c = &self.bundle.corpus;
                Rc::new(parallax_core::facts::facts(c, &c.claims))
            })
            .clone()
    }

    /// The story overview, with the reader's own themes among the themes; computed on first
    /// use and again only when those themes change.
    pub fn overview(&self, custom: &[CustomTheme]) -> Rc<Overview> {
        if let Some((themes, o)) = self.overview.borrow().as_ref() {
            if themes.as_slice() == custom {
                return o.clone();
            }
        }
        let analysis = self.analysis(custom);
        let o = Rc::new(parallax_core::overview::overview(
            &self.bundle.corpus,
            &analysis,
            &self.reuse(),
            &self.facts(),
        ));
        *self.overview.borrow_mut() = Some((custom.to_vec(), o.clone()));
        o
    }

    /// Quality signals of every source, computed on first use.
    pub fn signals(&self) -> Rc<Vec<DocumentSignals>> {
        self.signals
            .get_or_init(|| Rc::new(parallax_core::signals::signals(&self.bundle.corpus)))
            .clone()
    }
}

/// A request to show another state: pushed as a new history entry, or replacing the current one
/// (for typing in the search box, where every letter must not become a Back step).
#[derive(Clone, PartialEq)]
pub struct Nav {
    pub state: State,
    pub replace: bool,
}

/// What every view reads.
#[derive(Clone)]
pub struct Ctx {
    pub data: Rc<Data>,
    pub state: Rc<State>,
    pub notices: Rc<Vec<Notice>>,
    pub navigate: Callback<Nav>,
    /// The lesson whose step (or a view opened from it) the views show: their links open inside
    /// it (`href`), so that the student can go back to the step.
    pub lesson: Option<Rc<Lesson>>,
}

impl PartialEq for Ctx {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
            && self.state == other.state
            && self.notices == other.notices
            && self.lesson == other.lesson
    }
}

impl Ctx {
    /// The canonical link of a state, with the corpus version; inside a lesson, the lesson
    /// showing that state opened from its step (`Lesson::visit`), unless the lesson cannot
    /// carry it.
    pub fn href(&self, state: &State) -> String {
        let inside = self.lesson.as_ref().and_then(|l| l.visit(state.clone()));
        print(inside.as_ref().unwrap_or(state), &self.data.known.version)
    }

    /// The link to the reader at the start of `doc` or at one of its passages.
    pub fn read_href(&self, doc: &str, passage: Option<&str>) -> String {
        self.href(&self.with_view(parallax_core::state::View::Read(
            parallax_core::state::Read::at(doc, passage),
        )))
    }

    /// A state with another view and the current reader-defined themes.
    pub fn with_view(&self, view: parallax_core::state::View) -> State {
        State {
            view,
            custom: self.state.custom.clone(),
        }
    }

    pub fn go(&self, state: State) {
        self.navigate.emit(Nav {
            state,
            replace: false,
        });
    }

    pub fn replace(&self, state: State) {
        self.navigate.emit(Nav {
            state,
            replace: true,
        });
    }
}

/// The context, which `App` always provides around the views.
#[hook]
pub fn use_ctx() -> Ctx {
    use_context::<Ctx>().expect("App provides Ctx around every view")
}
