//! The app's shared context: the decoded corpus, what exists in it for URL validation, the
//! analysis computed on first use (never at start-up), the current URL state and how to change it.

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use parallax_core::analysis::Analysis;
use parallax_core::facts::FactGroup;
use parallax_core::reuse::ReusePair;
use parallax_core::signals::DocumentSignals;
use parallax_core::state::{print, CustomTheme, Known, Notice, State};
use parallax_core::Bundle;
use yew::prelude::*;

/// The corpus and everything derived from it.
pub struct Data {
    pub bundle: Bundle,
    /// Shared with the URL state hook, which gets it on every render of the app.
    pub known: Rc<Known>,
    analysis: RefCell<Option<(Vec<CustomTheme>, Rc<Analysis>)>>,
    reuse: OnceCell<Rc<Vec<ReusePair>>>,
    facts: OnceCell<Rc<Vec<FactGroup>>>,
    signals: OnceCell<Rc<Vec<DocumentSignals>>>,
}

impl Data {
    pub fn new(bundle: Bundle) -> Data {
        let known = Rc::new(Known::new(&bundle.corpus, &bundle.checksum));
        Data {
            bundle,
            known,
            analysis: RefCell::new(None),
            reuse: OnceCell::new(),
            facts: OnceCell::new(),
            signals: OnceCell::new(),
        }
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
}

impl PartialEq for Ctx {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
            && self.state == other.state
            && self.notices == other.notices
    }
}

impl Ctx {
    /// The canonical link of a state, with the corpus version.
    pub fn href(&self, state: &State) -> String {
        print(state, &self.data.known.version)
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
