//! The whole view state in the URL fragment, parsed in two stages (raw path and parameters,
//! then a typed, validated `State`) and printed back in one canonical form.
//!
//! Parsing is total: malformed, oversized or hostile input (bad percent-encoding, unknown ids,
//! huge values, script payloads) gives the nearest sensible state and a list of notices for the
//! reader, never a panic. `print(parse(url))` is canonical: lists in corpus order, no repeats,
//! parameters in a fixed order, and `parse(print(state)) == state`.
//!
//! A lesson is one link that holds others:
//! `#/lesson?title=Two%20views&step=/read/002/p4!Note%20the%20date&step=/compare/002/004?theme=trade!Who%20says%20what&label=Who%20says%20what&question=Which%20figure%3F&answer=The%20second&at=2&away=/read/004&v=…`.
//! Each `step=` is a view's own canonical link (without `#` and version; `/?=,:|` left
//! literal, everything else percent-encoded, so `&` is `%26` and `%` is `%25`), then `!` and the
//! note, percent-encoded (line breaks as `%0A`); no note, no `!`. A step's own name, question and
//! answer follow its `step=` as `label=`, `question=` and `answer=`, each percent-encoded and
//! each only when not empty: they belong to the `step=` before them, so a link of the first
//! lesson format (`step=link!note` alone) reads exactly as it always did. Steps keep their
//! order; `at` is the current step from 1, left out when 1; `away` is a view the student opened
//! from that step (a link followed inside it), written as a step's link is: the app shows it
//! under a bar that leads back to the step, and a reload or a shared link keeps both. Each step
//! link (and `away`) is parsed by the same `parse`, one level deep (a lesson in a step is
//! refused); a step that opens nothing is left out, and every notice of a step names its number.
//!
//! A step whose link names documents this copy does not have (a teacher's own, another corpus's)
//! is kept whole as a `Missing` view, so that the lesson still opens it (with its note) and a
//! link printed again still carries it; the notices name those documents once (`MissingDocs`).
//!
//! Here: the types a link restores, the limits, and the parameter names. The rest by seam:
//! `fragment` (raw parameters, percent-coding, text limits), `parse`, `lesson` (lessons as
//! values and their limits), `name` (what a view and a step are called), `print` (the
//! canonical link), `handoff` (a link pasted in, a link written out from a page opened as a
//! file) and `notice` (what the reader is told).

mod edits;
mod fragment;
mod handoff;
mod lesson;
mod name;
mod notice;
mod parse;
mod print;

pub use edits::{ThemeEdits, NO_THEME_CHANGES};
pub use fragment::{decode, encode, limit_lines, limit_text, raw};
pub use handoff::{
    fragment_of, open_pasted, prerendered_page, share_base, Pasted, COMPARE_PAGE, EXPLORE_PAGE,
    MAX_PASTE_CHARS,
};
pub use lesson::{lesson, LinkFit};
pub use name::view_name;
pub use notice::{get_documents, step_needs, NotALink, Notice, StepProblem, OPEN_IN_YOUR_COPY};
pub use parse::{clean_query, parse, parse_step_link};
pub use print::{canonical_replacement, print, step_link};

use crate::model::{Corpus, Lang, Theme};

/// Longest fragment read; the rest is dropped with a notice. Large enough for every canonical
/// link (five custom themes at their limits, percent-encoded), small enough to bound the work.
pub const MAX_FRAGMENT: usize = 96 * 1024;
/// Longest parameter value read.
pub const MAX_VALUE: usize = 16 * 1024;
/// Most parameters read from a link (the rest are dropped): a lesson at its limits has
/// `MAX_STEPS` steps with four parameters each, a title, `at`, `away` and the version.
pub const MAX_PARAMS: usize = 128;
/// Longest query, in characters.
pub const MAX_QUERY_CHARS: usize = 256;
/// Most values in one list parameter.
pub const MAX_LIST: usize = 32;
/// Most reader-defined themes in a link, terms per theme, and characters per label or term.
pub const MAX_CUSTOM: usize = 5;
pub const MAX_TERMS: usize = 20;
pub const MAX_TERM_CHARS: usize = 40;
pub const MAX_LABEL_CHARS: usize = 60;
/// Most sources side by side in the compare view.
pub const MAX_COMPARE: usize = 3;
/// Most steps in a lesson; later ones are left out with a notice.
pub const MAX_STEPS: usize = 20;
/// Longest lesson title, in characters (a longer one is cut with a notice).
pub const MAX_TITLE_CHARS: usize = 80;
/// Longest step note, in characters, line breaks included (a longer one is cut with a notice):
/// a paragraph of four or five sentences. Written in the link percent-encoded, a note takes at
/// most 12 bytes a character (`%F0%9F%98%80`), 7,200 bytes; with the step's link (at most
/// `MAX_STEP_LINK` bytes, at most 5/3 of that once encoded again, since only its `%` and `&`
/// are) a `step=` value stays under `MAX_VALUE`, so that a printed lesson reparses whole. In
/// plain English a note of this length takes about 850 bytes of link (spaces and punctuation
/// take three): a lesson of nine steps with notes this long stays under `MAX_SHARE_BYTES`.
pub const MAX_STEP_NOTE_CHARS: usize = 600;
/// Longest name a teacher gives a step, in characters (as a title).
pub const MAX_STEP_LABEL_CHARS: usize = 80;
/// Longest question of a step, in characters, line breaks included: two or three sentences.
pub const MAX_QUESTION_CHARS: usize = 300;
/// Longest answer of a step, in characters, line breaks included: as long as a note.
pub const MAX_ANSWER_CHARS: usize = 600;
/// The longest lesson link (the whole address, the page's own included) the builder calls safe
/// to share, in bytes. RFC 9110 (section 4.1) recommends that every sender and recipient of a
/// URI support at least 8,000 octets; browsers open far longer ones (the fragment never goes to
/// a server), and chat apps keep longer messages (Slack cuts text past 40,000 characters), but
/// a mail program, a learning platform or a link checker may cut a link past what the standard
/// asks of them, and a cut lesson link loses its last steps. The builder says so past this
/// length; it does not refuse, as a lesson link may be longer (`MAX_LESSON_STEPS_BYTES`).
pub const MAX_SHARE_BYTES: usize = 8_000;
/// The longest lesson link the builder calls fit for a QR code on a classroom projector, in
/// bytes. A QR code holds at most 2,953 bytes (version 40, 177 × 177 modules, at the lowest
/// error correction, L), but a 1280 × 800 projector shows that at 4 pixels a module, which a
/// phone at the back of a room does not read. Version 25 (117 × 117 modules) at L holds 1,273
/// bytes and is shown at 6 pixels a module, about 1 cm each on a screen 1.5 m high: that is the
/// limit used here.
pub const MAX_QR_BYTES: usize = 1_273;
/// Longest canonical link of one step (its view without the corpus version), in bytes: a step
/// with a longer one (many reader-defined themes) is left out with a notice.
pub const MAX_STEP_LINK: usize = 4 * 1024;
/// Most bytes all the `step=` parameters of a lesson take in its canonical link; the steps
/// that would go past it are left out with a notice. With the title and the rest of the link
/// this keeps every canonical lesson link well under `MAX_FRAGMENT`, and every step's value
/// under `MAX_VALUE`, so that a printed lesson always reparses whole.
pub const MAX_LESSON_STEPS_BYTES: usize = 64 * 1024;

/// Stage one: the fragment split into path segments and parameters, still percent-encoded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Raw {
    pub path: Vec<String>,
    pub params: Vec<(String, String)>,
    pub truncated: bool,
}

/// A reader-defined theme carried in the URL: a label and its terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomTheme {
    pub label: String,
    pub terms: Vec<String>,
}

impl CustomTheme {
    /// The `n`th custom theme (from 0) as a theme, with the id `my1`, `my2`…
    pub fn to_theme(&self, n: usize) -> Theme {
        Theme {
            id: custom_id(n),
            label: self.label.clone(),
            description: "Defined by a reader".into(),
            terms: self.terms.clone(),
        }
    }
}

fn custom_id(n: usize) -> String {
    format!("my{}", n + 1)
}

/// The explorer's filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Explore {
    pub query: String,
    pub themes: Vec<String>,
    pub sources: Vec<String>,
    pub entities: Vec<String>,
    pub langs: Vec<Lang>,
    /// Keyword-in-context mode instead of passage results.
    pub kwic: bool,
}

impl Explore {
    /// The passages these settings select, as the analysis filters them.
    pub fn filter(&self) -> crate::analysis::Filter {
        crate::analysis::Filter {
            query: self.query.clone(),
            themes: self.themes.clone(),
            sources: self.sources.clone(),
            entities: self.entities.clone(),
            langs: self.langs.clone(),
        }
    }
}

/// The reader's settings (`#/read/<doc>[/<passage>]?removed=1`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Read {
    /// A source of the corpus.
    pub doc: String,
    /// A passage of that source to scroll to and focus.
    pub passage: Option<String>,
    /// Removed blocks shown in place.
    pub show_removed: bool,
}

impl Read {
    /// The reader at the start of `doc`, or at one of its passages, removed blocks not shown.
    pub fn at(doc: &str, passage: Option<&str>) -> Read {
        Read {
            doc: doc.to_owned(),
            passage: passage.map(str::to_owned),
            show_removed: false,
        }
    }
}

/// The compare view's settings (`#/compare/<doc>/<doc>[/<doc>]?theme=&differ=1`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compare {
    /// Two or three sources, in the order named; none asks the app for a pair.
    pub docs: Vec<String>,
    /// Only this theme's row.
    pub theme: Option<String>,
    /// Only the themes where the sources differ.
    pub only_differ: bool,
}

/// The source profile's settings (`#/source/<doc>`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// A source of the corpus.
    pub doc: String,
}

/// Which view, with its own settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Library,
    /// The story overview: who copies whom, where the sources disagree, how each frames the
    /// story, what was cleaned; `part` scrolls to one of those sections.
    Overview {
        part: Option<OverviewPart>,
    },
    Read(Read),
    Explore(Explore),
    /// The theme × source map.
    Map,
    /// Two or three sources side by side; no sources (`#/compare`) asks the app for the pair
    /// that shares the most wording, which it then shows under that pair's own link.
    Compare(Compare),
    Source(Source),
    Methods,
    /// Every note the reader has written, with export and import.
    Notes,
    /// A teacher's sequence of views, each with a short note, and the step the student is on.
    Lesson(Lesson),
    /// A lesson's handout: every step on one page, to print (`#/handout?` and a lesson's title,
    /// steps, names, questions and answers; answers only when the link has them, as a teacher
    /// copy does). Opens at no step and from none.
    Handout(Lesson),
    /// A lesson step on documents this copy does not have; only ever a step of a lesson.
    Missing(Missing),
}

/// A lesson step whose link names documents this copy does not have (a teacher's own imported
/// article, a source of another corpus): kept whole, its link as it came, so that the lesson
/// still opens the step (with its note) and a link printed again still carries it; once the
/// documents are added here, the same link opens the view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Missing {
    /// The step's link (path and parameters, still percent-encoded, without the corpus
    /// version), in the one form `print` writes back: parameters a link may carry, each as
    /// `name=value`, in the order given.
    pub link: String,
    /// The documents it names that this copy does not have, in the order named, no repeats.
    pub docs: Vec<String>,
}

impl View {
    /// Whether the view holds lesson steps (a lesson or its handout): never a step itself.
    pub fn holds_steps(&self) -> bool {
        matches!(self, View::Lesson(_) | View::Handout(_))
    }
}

/// A section of the story overview, named in its link (`#/overview?part=copies`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverviewPart {
    /// Who copies whom.
    Copies,
    /// Where the sources disagree.
    Disagreements,
    /// How each source frames the story.
    Framing,
    /// What the cleaning removed from each page.
    Cleaning,
}

impl OverviewPart {
    pub const ALL: [OverviewPart; 4] = [
        OverviewPart::Copies,
        OverviewPart::Disagreements,
        OverviewPart::Framing,
        OverviewPart::Cleaning,
    ];

    /// The name in the link, also the id of the section's element.
    pub fn id(self) -> &'static str {
        match self {
            OverviewPart::Copies => "copies",
            OverviewPart::Disagreements => "disagreements",
            OverviewPart::Framing => "framing",
            OverviewPart::Cleaning => "cleaning",
        }
    }

    pub fn from_id(id: &str) -> Option<OverviewPart> {
        OverviewPart::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The plain question the part answers (the overview's headings, the library's "Start
    /// here" links, and the prerendered library's).
    pub fn question(self) -> &'static str {
        match self {
            OverviewPart::Copies => "Who copied whom?",
            OverviewPart::Disagreements => "Where do the sources disagree?",
            OverviewPart::Framing => "How does each source frame the story?",
            OverviewPart::Cleaning => "What was cut out of each page, and why?",
        }
    }
}

/// A lesson: views strung together, each with a short note; one link holds it all.
///
/// In a parsed state `steps` is never empty and `1 <= at <= steps.len()`; the methods stay
/// total for a lesson built by hand that breaks this.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lesson {
    /// May be empty.
    pub title: String,
    pub steps: Vec<Step>,
    /// The current step, counted from 1 (as in the link and in "Step 2 of 5").
    pub at: usize,
    /// A view the student opened from the current step (a link followed inside it), shown
    /// instead of the step under a bar that leads back to it; never a lesson.
    pub away: Option<Box<State>>,
}

/// One step of a lesson: the state of a view (with its own reader-defined themes), the
/// teacher's note on it, and what else the teacher wrote for it; every text may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Step {
    pub state: State,
    /// Possibly several lines.
    pub note: String,
    /// The teacher's name for the step (one line); empty: the step is named from its view
    /// (`Step::name`).
    pub label: String,
    /// A question for the student (possibly several lines).
    pub question: String,
    /// The teacher's answer, shown on demand; a student copy of the lesson has none.
    pub answer: String,
}

impl Step {
    /// A step of a view and a note, with no name, question or answer.
    pub fn new(state: State, note: impl Into<String>) -> Step {
        Step {
            state,
            note: note.into(),
            ..Step::default()
        }
    }
}

/// The texts of a step besides its note, for their limits and notices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepField {
    Label,
    Question,
    Answer,
}

impl StepField {
    /// The longest text a link carries in this field, in characters.
    pub fn max_chars(self) -> usize {
        match self {
            StepField::Label => MAX_STEP_LABEL_CHARS,
            StepField::Question => MAX_QUESTION_CHARS,
            StepField::Answer => MAX_ANSWER_CHARS,
        }
    }

    /// Whether the field keeps line breaks (a name is one line).
    pub fn multi_line(self) -> bool {
        !matches!(self, StepField::Label)
    }

    /// Its name in plain words, as notices say it.
    pub fn name(self) -> &'static str {
        match self {
            StepField::Label => "name",
            StepField::Question => "question",
            StepField::Answer => "answer",
        }
    }

    /// Its parameter in a lesson link.
    fn param(self) -> &'static str {
        match self {
            StepField::Label => param::LABEL,
            StepField::Question => param::QUESTION,
            StepField::Answer => param::ANSWER,
        }
    }

    pub const ALL: [StepField; 3] = [StepField::Label, StepField::Question, StepField::Answer];

    /// The text of a step it names.
    pub fn of(self, step: &Step) -> &String {
        match self {
            StepField::Label => &step.label,
            StepField::Question => &step.question,
            StepField::Answer => &step.answer,
        }
    }

    pub fn of_mut(self, step: &mut Step) -> &mut String {
        match self {
            StepField::Label => &mut step.label,
            StepField::Question => &mut step.question,
            StepField::Answer => &mut step.answer,
        }
    }
}

/// Everything a link restores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub view: View,
    pub custom: Vec<CustomTheme>,
    /// The reader's changes to the corpus's own themes.
    pub edits: ThemeEdits,
}

impl Default for State {
    fn default() -> Self {
        State::of(View::Library)
    }
}

impl State {
    /// A view with no reader-defined themes and the corpus's themes as they are.
    pub fn of(view: View) -> State {
        State {
            view,
            custom: Vec::new(),
            edits: ThemeEdits::default(),
        }
    }

    /// The same themes (the reader's own and the changes to the corpus's) with another view.
    pub fn with_view(&self, view: View) -> State {
        State {
            view,
            custom: self.custom.clone(),
            edits: self.edits.clone(),
        }
    }

    /// This state with the changes `edits` to the corpus's themes; a filter on a theme now
    /// joined into another is one on that theme, on a hidden one it goes (as a link's are).
    /// `themes` are the corpus's, for their order.
    pub fn set_edits(&mut self, edits: ThemeEdits, corpus_themes: &[Theme]) {
        let follow = |id: &String| edits.resolve(id).map(str::to_owned);
        match &mut self.view {
            View::Explore(e) => {
                let mut themes: Vec<String> = Vec::new();
                for t in e.themes.iter().filter_map(follow) {
                    if !themes.contains(&t) {
                        themes.push(t);
                    }
                }
                crate::sort::sort_by_key(&mut themes, |t| edits::order(corpus_themes, t));
                e.themes = themes;
            }
            View::Compare(c) => c.theme = c.theme.as_ref().and_then(follow),
            _ => {}
        }
        self.edits = edits;
    }

    /// The themes this state's views tag with: the corpus's (`corpus_themes`) as the reader
    /// changed them, then the reader's own, `my1`, `my2`…
    pub fn themes(&self, corpus_themes: &[Theme]) -> Vec<Theme> {
        let mut all = self.edits.apply(corpus_themes);
        all.extend(self.custom.iter().enumerate().map(|(i, c)| c.to_theme(i)));
        all
    }

    /// The view on screen: a lesson's current step shows its own view under the lesson bar
    /// (lessons do not nest), or the view opened from it under a bar back to it; anything else
    /// is itself.
    pub fn shown_view(&self) -> &View {
        match &self.view {
            View::Lesson(l) => l.shown().map_or(&self.view, |s| &s.view),
            v => v,
        }
    }

    /// Whether the notices of the parse that gave this state mean the link's own target does
    /// not exist: a source, view or comparison that is not there (the view fell back to the
    /// library), or a passage its source does not have. The app then says "not found" instead
    /// of showing the fallback. A detail that was dropped (an unknown theme or filter source, a
    /// third source of a comparison) is not that: the view opens with a notice.
    pub fn is_not_found(&self, notices: &[Notice]) -> bool {
        notices.iter().any(|n| match n {
            Notice::UnknownPassage { .. } => true,
            Notice::UnknownView(_)
            | Notice::UnknownDoc(_)
            | Notice::MissingDocs { .. }
            | Notice::TooFewToCompare
            | Notice::EmptyLesson
            | Notice::NestedLesson => self.view == View::Library,
            _ => false,
        })
    }
}

/// What exists in the corpus, for validation.
#[derive(Debug, Clone)]
pub struct Known {
    /// Documents in corpus order, each with its passage ids.
    pub docs: Vec<(String, Vec<String>)>,
    pub themes: Vec<String>,
    pub entities: Vec<String>,
    /// Short corpus version carried in links (the first 12 hex digits of the bundle checksum).
    pub version: String,
}

impl Known {
    pub fn new(corpus: &Corpus, checksum: &str) -> Known {
        Known {
            docs: corpus
                .documents
                .iter()
                .map(|d| {
                    (
                        d.id.clone(),
                        d.passages.iter().map(|p| p.id.clone()).collect(),
                    )
                })
                .collect(),
            themes: corpus.themes.iter().map(|t| t.id.clone()).collect(),
            entities: corpus.entities.iter().map(|e| e.id.clone()).collect(),
            version: checksum.chars().take(12).collect(),
        }
    }

    fn doc(&self, id: &str) -> Option<&(String, Vec<String>)> {
        self.docs.iter().find(|(d, _)| d == id)
    }
}

/// The parameter names of a link, written once: parsing reads them, the check for unknown
/// parameters lists them, printing writes them.
mod param {
    pub const Q: &str = "q";
    pub const THEMES: &str = "themes";
    pub const SOURCES: &str = "sources";
    pub const ENTITIES: &str = "entities";
    pub const LANGS: &str = "langs";
    pub const MODE: &str = "mode";
    pub const THEME: &str = "theme";
    pub const DIFFER: &str = "differ";
    pub const REMOVED: &str = "removed";
    pub const VERSION: &str = "v";
    pub const CUSTOM: &str = "custom";
    pub const TITLE: &str = "title";
    pub const STEP: &str = "step";
    pub const AT: &str = "at";
    pub const PART: &str = "part";
    /// A lesson step's name, question and answer, after its `step=`.
    pub const LABEL: &str = "label";
    pub const QUESTION: &str = "question";
    pub const ANSWER: &str = "answer";
    /// The view opened from a lesson's current step.
    pub const AWAY: &str = "away";
    /// The reader's changes to the corpus's themes (`edits`).
    pub const RENAME: &str = "rename";
    pub const MERGE: &str = "merge";
    pub const HIDE: &str = "hide";

    /// Every name a link may carry.
    pub const ALL: [&str; 22] = [
        Q, THEMES, SOURCES, ENTITIES, LANGS, MODE, THEME, DIFFER, REMOVED, VERSION, CUSTOM, TITLE,
        STEP, AT, PART, LABEL, QUESTION, ANSWER, AWAY, RENAME, MERGE, HIDE,
    ];
}
