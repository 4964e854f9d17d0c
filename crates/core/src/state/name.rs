//! What a view is called in a lesson (`view_name`, `Step::name`): the words of the lesson bar's and the drawer's lists of steps, the handout's headings and a lesson's export, from the corpus's titles and theme labels and the view's own themes.

use super::{OverviewPart, State, Step, View};
use crate::model::Corpus;
use crate::strings::passage_name;

/// A name of `state`'s view that says what it shows: "Read “Title”, passage 3", "Compare “A”
/// and “B” on Trade, where they differ"… Sources by their titles in `corpus` (an id it lacks
/// as it is), themes by their labels: the corpus's own, or the view's reader-defined themes
/// (`my1`…) by the labels the reader gave them.
pub fn view_name(corpus: &Corpus, state: &State) -> String {
    let title = |d: &str| corpus.title_of(d).to_owned();
    let theme = |id: &str| {
        let own = (0..state.custom.len()).find(|&i| state.custom[i].to_theme(i).id == id);
        match own {
            Some(i) => state.custom[i].label.clone(),
            None => corpus
                .themes
                .iter()
                .find(|t| t.id == id)
                .map_or_else(|| id.to_owned(), |t| t.label.clone()),
        }
    };
    match &state.view {
        View::Library => "All sources".into(),
        View::Overview { part: None } => "Story overview".into(),
        View::Overview { part: Some(p) } => format!(
            "Story overview: {}",
            match p {
                OverviewPart::Copies => "who copies whom",
                OverviewPart::Disagreements => "where the sources disagree",
                OverviewPart::Framing => "how each source frames the story",
                OverviewPart::Cleaning => "what cleaning removed",
            }
        ),
        View::Read(r) => {
            let mut s = match &r.passage {
                Some(p) => format!(
                    "Read “{}”, {}",
                    title(&r.doc),
                    passage_name(p).to_lowercase()
                ),
                None => format!("Read “{}”", title(&r.doc)),
            };
            if r.show_removed {
                s.push_str(", with what cleaning removed");
            }
            s
        }
        View::Explore(e) => {
            let mut s = if e.query.is_empty() {
                "Explore".to_owned()
            } else {
                format!("Explore “{}”", e.query)
            };
            if !e.themes.is_empty() {
                let names: Vec<String> = e.themes.iter().map(|t| theme(t)).collect();
                s.push_str(&format!(" in {}", names.join(", ")));
            }
            if e.kwic {
                s.push_str(", words in context");
            }
            s
        }
        View::Map => "Themes in each source".into(),
        View::Compare(c) => {
            let names: Vec<String> = c.docs.iter().map(|d| format!("“{}”", title(d))).collect();
            let mut s = format!("Compare {}", names.join(" and "));
            if let Some(t) = &c.theme {
                s.push_str(&format!(" on {}", theme(t)));
            }
            if c.only_differ {
                s.push_str(", where they differ");
            }
            s
        }
        View::Source(s) => format!("Profile of “{}”", title(&s.doc)),
        View::Methods => "Methods".into(),
        View::Notes => "Your notes".into(),
        View::Lesson(_) => "Lesson".into(),
        View::Handout(_) => "Lesson handout".into(),
        View::Missing(m) => format!("A document this copy does not have ({})", m.docs.join(", ")),
    }
}

impl Step {
    /// The step's name: the teacher's, or else its view's (`view_name`).
    pub fn name(&self, corpus: &Corpus) -> String {
        if self.label.is_empty() {
            view_name(corpus, &self.state)
        } else {
            self.label.clone()
        }
    }
}
