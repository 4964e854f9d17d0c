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
use parallax_core::state::{print, CustomTheme, Known, Lesson, Notice, State, ThemeEdits};
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
    analysis: Last<Lens, Analysis>,
    reuse: OnceCell<Rc<Vec<ReusePair>>>,
    facts: OnceCell<Rc<Vec<FactGroup>>>,
    signals: OnceCell<Rc<Vec<DocumentSignals>>>,
    overview: Last<Lens, Overview>,
    /// The last sources compared passage by passage, and their alignment.
    aligned: Last<String, Alignment>,
}

/// A value made for a key (a list: the reader's themes, the compared sources), kept until it is
/// asked for with another key, then made again: the one cache of `Data`'s analyses that depend
/// on the view.
/// What of a state the themes depend on: the reader's own themes and her changes to the
/// corpus's.
type Lens = (Vec<CustomTheme>, ThemeEdits);

fn lens(state: &State) -> Lens {
    (state.custom.clone(), state.edits.clone())
}

struct Last<K, V>(RefCell<Option<(Vec<K>, Rc<V>)>>);

impl<K: Clone + PartialEq, V> Last<K, V> {
    fn new() -> Self {
        Last(RefCell::new(None))
    }

    /// The value for `key`: the kept one when it was made for `key`, else `make()`, kept. No
    /// borrow is held while `make` runs, so it may ask another `Last`.
    fn get(&self, key: &[K], make: impl FnOnce() -> V) -> Rc<V> {
        if let Some((k, v)) = self.0.borrow().as_ref() {
            if k.as_slice() == key {
                return v.clone();
            }
        }
        let v = Rc::new(make());
        *self.0.borrow_mut() = Some((key.to_vec(), v.clone()));
        v
    }

    /// Whether the kept value was made for `key`.
    fn has(&self, key: &[K]) -> bool {
        self.0
            .borrow()
            .as_ref()
            .is_some_and(|(k, _)| k.as_slice() == key)
    }
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
            analysis: Last::new(),
            reuse: OnceCell::new(),
            facts: OnceCell::new(),
            signals: OnceCell::new(),
            overview: Last::new(),
            aligned: Last::new(),
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

    /// The search index and tags, with the themes of `state` (the corpus's as the reader
    /// changed them, and the reader's own); rebuilt only when they change.
    pub fn analysis(&self, state: &State) -> Rc<Analysis> {
        self.analysis.get(&[lens(state)], || {
            let corpus = &self.bundle.corpus;
            Analysis::with_themes(corpus, &state.themes(&corpus.themes))
        })
    }

    /// The passages of `docs` matched by what they say (compare's "Passage by passage"), for the
    /// last sources asked for; the index it reads does not change with the reader's themes.
    pub fn aligned(&self, analysis: &Analysis, docs: &[String]) -> Rc<Alignment> {
        self.aligned.get(docs, || {
            let ids: Vec<&str> = docs.iter().map(String::as_str).collect();
            parallax_core::align::align(&self.bundle.corpus, analysis, &ids)
        })
    }

    /// Whether what compare's findings need (the analysis with `state`'s themes, reuse, facts)
    /// is already computed: else the view computes it a part a task (`CompareView`).
    pub fn has_findings(&self, state: &State) -> bool {
        self.reuse.get().is_some()
            && self.facts.get().is_some()
            && self.analysis.has(&[lens(state)])
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
    pub fn overview(&self, state: &State) -> Rc<Overview> {
        self.overview.get(&[lens(state)], || {
            parallax_core::overview::overview(
                &self.bundle.corpus,
                &self.analysis(state),
                &self.reuse(),
                &self.facts(),
            )
        })
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
        self.state.with_view(view)
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
