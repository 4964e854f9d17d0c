//! The corpus data model stored in a bundle: documents, sections, passages, sentences, removed blocks.
//!
//! Offsets (`start`, `end`) on passages, sections and removed blocks are byte offsets into the
//! text the pipeline read: a plain-text source file itself, or the text extracted from an HTML
//! or Markdown file (a corpus source, `source`, or an import, `Imported::text`); sentence offsets
//! are byte offsets into the passage's cleaned `text`.

use serde::{Deserialize, Serialize};

/// A whole corpus: what a bundle holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corpus {
    /// Short machine name, e.g. `iran-russia`.
    pub name: String,
    /// Human title of the corpus, e.g. "Iran–Russia alliance".
    pub title: String,
    pub documents: Vec<Document>,
    /// The theme lexicon the corpus ships with (`themes.toml`), in file order.
    pub themes: Vec<Theme>,
    /// People, places and organisations with their aliases (`entities.toml`), in file order.
    pub entities: Vec<Entity>,
    /// Claims to cross-check between sources (`claims.toml`), in file order.
    pub claims: Vec<Claim>,
}

/// A claim to cross-check, as written in `claims.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: String,
    pub label: String,
    pub topic: Vec<String>,
    #[serde(default)]
    pub default: Option<String>,
    #[serde(rename = "stance")]
    pub stances: Vec<Stance>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stance {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub cues: Vec<String>,
}

/// A named entity and the spellings the sources use for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Organisation,
}

impl EntityKind {
    /// The word for the kind, as the profile names it.
    pub fn word(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Organisation => "organisation",
        }
    }
}

impl Entity {
    /// The entity as a theme-shaped lexicon entry: its name and every alias are terms.
    pub fn as_theme(&self) -> Theme {
        Theme {
            id: self.id.clone(),
            label: self.name.clone(),
            description: String::new(),
            terms: std::iter::once(self.name.clone())
                .chain(self.aliases.iter().cloned())
                .collect(),
        }
    }
}

/// A theme: an id, a reader-facing label and description, and the terms and phrases that
/// signal it. Built-in themes and reader-defined ones have the same shape and are tagged alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub description: String,
    pub terms: Vec<String>,
}

/// One cleaned source article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id from the manifest, e.g. `000`.
    pub id: String,
    /// File name of the raw source inside the corpus folder.
    pub file: String,
    /// Title: the manifest's when it gives one, otherwise the page's first line.
    pub title: String,
    pub site: Option<String>,
    /// What kind of text this is: opinion, explainer, analysis, news… from the manifest, else as
    /// the page's byline or date line names it ("By Tom Reed, Opinion Editor").
    pub kind: Option<String>,
    pub byline: Option<Byline>,
    pub date: Option<DateInfo>,
    /// When the page says it was last updated.
    pub modified: Option<DateInfo>,
    /// What else the page says about itself (its metadata, or an imported file's front matter).
    pub details: PageDetails,
    pub sections: Vec<Section>,
    pub passages: Vec<Passage>,
    /// Everything taken out of the page, in file order, each with its reason.
    pub removed: Vec<Removed>,
    /// Byte length of the text the pipeline read (the file itself for a plain-text source).
    pub original_len: u32,
}

/// What a page says about itself beyond its title, byline, date and site: read from its markup
/// when it was imported as HTML (`import::page_meta`), or from a text's front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageDetails {
    /// Every author the page names, in its order (the byline joins them).
    pub authors: Vec<String>,
    /// The page's language as a BCP 47 tag, e.g. `en-GB`.
    pub lang: Option<String>,
    /// The page's own (canonical) address, `http` or `https`.
    pub url: Option<String>,
    /// The page's own summary of itself.
    pub description: Option<String>,
}

/// Who the page says wrote it, and where it says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Byline {
    pub name: String,
    pub source: BylineSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BylineSource {
    /// A "By: …" line near the top of the page.
    Byline,
    /// Only an "About the Author" box names someone: the page's claim, not a verified byline.
    AboutAuthorBox,
    /// The page's metadata names the authors (schema.org, OpenGraph or `<meta name="author">`).
    Metadata,
}

impl BylineSource {
    /// Where the name comes from, as the profile says it.
    pub fn how(self) -> &'static str {
        match self {
            BylineSource::Byline => "from a “By” line on the page",
            BylineSource::AboutAuthorBox => {
                "claimed only in an “About the Author” box, not a byline"
            }
            BylineSource::Metadata => "from the details the page gives about itself",
        }
    }
}

/// A publication date as printed, and as ISO 8601 when it could be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateInfo {
    /// The date exactly as the page prints it.
    pub text: String,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    pub iso: String,
}

/// A section: a heading (none for the lead before the first heading) and its span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// `s0` is the lead; `s1`, `s2`… follow the headings.
    pub id: String,
    pub heading: Option<String>,
    pub start: u32,
}

/// A paragraph of cleaned text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Stable within a document: `p1`, `p2`… in reading order.
    pub id: String,
    /// Index into `Document::sections`.
    pub section: u32,
    /// What the block is on the page: a paragraph, a list item, a quotation…
    pub kind: PassageKind,
    /// Cleaned text: no markup, whitespace collapsed, removed sentences taken out.
    pub text: String,
    /// Span of the source paragraph in the text the pipeline read.
    pub start: u32,
    pub end: u32,
    pub sentences: Vec<Sentence>,
}

impl Passage {
    /// The text in reading order as runs of one language: sentences not in English with their
    /// language, the rest (English sentences and the text between sentences) with none, a run
    /// joined to the one before when it continues it in the same language, so that a paragraph
    /// in one language is one run. Empty runs are left out, and an offset that does not fall on
    /// the text drops its run rather than panicking. The one way the reader (`src/passage.rs`)
    /// and the prerendered pages (`parallax-pack`) write a passage: one text node per run in
    /// both, which keeps a passage's painted area the same when the app takes a page over.
    pub fn runs(&self) -> Vec<(&str, Option<Lang>)> {
        let mut runs: Vec<(usize, usize, Option<Lang>)> =
            Vec::with_capacity(self.sentences.len() * 2 + 1);
        let mut push = |start: usize, end: usize, lang: Option<Lang>| {
            if start >= end || self.text.get(start..end).is_none() {
                return;
            }
            match runs.last_mut() {
                Some((_, last_end, last_lang)) if *last_end == start && *last_lang == lang => {
                    *last_end = end
                }
                _ => runs.push((start, end, lang)),
            }
        };
        let mut at = 0;
        for s in &self.sentences {
            let (start, end) = (s.start as usize, s.end as usize);
            push(at, start, None);
            push(start, end, (s.lang != Lang::En).then_some(s.lang));
            at = at.max(end);
        }
        push(at, self.text.len(), None);
        runs.into_iter()
            .map(|(start, end, lang)| (&self.text[start..end], lang))
            .collect()
    }

    /// A table row's cells (its text split at `CELL`) and their language: the row's
    /// first sentence's, when not English.
    pub fn cells(&self) -> (Vec<&str>, Option<Lang>) {
        let lang = self
            .sentences
            .first()
            .map(|s| s.lang)
            .filter(|&l| l != Lang::En);
        (self.text.split(CELL).collect(), lang)
    }
}

/// Between the cells of a table row's passage text (and of its marked line, `markers`).
pub const CELL: &str = " | ";

/// What a passage is on its page (`markers` says how a text marks it). A table row's text is
/// its cells joined by `CELL`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PassageKind {
    #[default]
    Paragraph,
    ListItem,
    /// A quotation set apart from the text (`<blockquote>`, a Markdown or e-mail `>`).
    Quote,
    /// A sentence of the article repeated large as a design element.
    PullQuote,
    TableRow,
    /// The words under a picture or a chart.
    Caption,
}

impl PassageKind {
    /// Stable kebab-case name, as in JSON and `data-kind` attributes.
    pub fn id(self) -> &'static str {
        match self {
            PassageKind::Paragraph => "paragraph",
            PassageKind::ListItem => "list-item",
            PassageKind::Quote => "quote",
            PassageKind::PullQuote => "pull-quote",
            PassageKind::TableRow => "table-row",
            PassageKind::Caption => "caption",
        }
    }

    /// What the reader shows before the text of a caption or a pull quote, so that it is read
    /// as what it is.
    pub fn label(self) -> Option<&'static str> {
        match self {
            PassageKind::Caption => Some("Caption: "),
            PassageKind::PullQuote => Some("Pull quote: "),
            _ => None,
        }
    }

    /// What a reader calls it.
    pub fn name(self) -> &'static str {
        match self {
            PassageKind::Paragraph => "paragraph",
            PassageKind::ListItem => "item of a list",
            PassageKind::Quote => "quotation",
            PassageKind::PullQuote => "pull quote (a sentence of the article repeated large)",
            PassageKind::TableRow => "row of a table",
            PassageKind::Caption => "caption of a picture",
        }
    }
}

/// A sentence: a span of its passage's `text`, with its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: u32,
    pub end: u32,
    pub lang: Lang,
}

/// Languages the core recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Fr,
    De,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::De];

    /// BCP 47 code, for `lang` attributes and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
        }
    }

    /// English name, for labels.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "French",
            Lang::De => "German",
        }
    }

    /// Parses a BCP 47 code we know.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// A block taken out of the page, kept so that readers can see what was removed and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub kind: RemovalKind,
    /// The removed text, whitespace-normalised, one line per original line.
    pub text: String,
    pub start: u32,
    pub end: u32,
}

/// Why a block was removed. `label()` is the sentence shown to readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RemovalKind {
    AuthorProfile,
    Socials,
    RelatedLinks,
    RepeatedHeadline,
    TableOfContents,
    Navigation,
    AboutAuthor,
    CallToComment,
    ExploreMore,
    Promotion,
    DuplicateTitle,
    Byline,
    Dateline,
    LayoutFragment,
    PersonalData,
    /// An imported page's metadata, written by the import as `key: value` lines at the top.
    PageDetails,
    /// Kinds of furniture an imported HTML page's markup names (its elements, `class`, `id` and
    /// ARIA roles), set aside by the HTML reader with a `[Removed: …]` mark (`markers`).
    SiteHeader,
    Sidebar,
    Footer,
    Comments,
    ShareButtons,
    Newsletter,
    CookieNotice,
    Advertising,
    Hidden,
    OutsideArticle,
    /// The words under a picture the reader does not see.
    ImageCaption,
}

impl RemovalKind {
    /// Stable kebab-case name, as in JSON and `data-kind` attributes.
    pub fn id(self) -> &'static str {
        match self {
            RemovalKind::AuthorProfile => "author-profile",
            RemovalKind::Socials => "socials",
            RemovalKind::RelatedLinks => "related-links",
            RemovalKind::RepeatedHeadline => "repeated-headline",
            RemovalKind::TableOfContents => "table-of-contents",
            RemovalKind::Navigation => "navigation",
            RemovalKind::AboutAuthor => "about-author",
            RemovalKind::CallToComment => "call-to-comment",
            RemovalKind::ExploreMore => "explore-more",
            RemovalKind::Promotion => "promotion",
            RemovalKind::DuplicateTitle => "duplicate-title",
            RemovalKind::Byline => "byline",
            RemovalKind::Dateline => "dateline",
            RemovalKind::LayoutFragment => "layout-fragment",
            RemovalKind::PersonalData => "personal-data",
            RemovalKind::PageDetails => "page-details",
            RemovalKind::SiteHeader => "site-header",
            RemovalKind::Sidebar => "sidebar",
            RemovalKind::Footer => "footer",
            RemovalKind::Comments => "comments",
            RemovalKind::ShareButtons => "share-buttons",
            RemovalKind::Newsletter => "newsletter",
            RemovalKind::CookieNotice => "cookie-notice",
            RemovalKind::Advertising => "advertising",
            RemovalKind::Hidden => "hidden",
            RemovalKind::OutsideArticle => "outside-article",
            RemovalKind::ImageCaption => "image-caption",
        }
    }

    pub const ALL: [RemovalKind; 27] = [
        RemovalKind::AuthorProfile,
        RemovalKind::Socials,
        RemovalKind::RelatedLinks,
        RemovalKind::RepeatedHeadline,
        RemovalKind::TableOfContents,
        RemovalKind::Navigation,
        RemovalKind::AboutAuthor,
        RemovalKind::CallToComment,
        RemovalKind::ExploreMore,
        RemovalKind::Promotion,
        RemovalKind::DuplicateTitle,
        RemovalKind::Byline,
        RemovalKind::Dateline,
        RemovalKind::LayoutFragment,
        RemovalKind::PersonalData,
        RemovalKind::PageDetails,
        RemovalKind::SiteHeader,
        RemovalKind::Sidebar,
        RemovalKind::Footer,
        RemovalKind::Comments,
        RemovalKind::ShareButtons,
        RemovalKind::Newsletter,
        RemovalKind::CookieNotice,
        RemovalKind::Advertising,
        RemovalKind::Hidden,
        RemovalKind::OutsideArticle,
        RemovalKind::ImageCaption,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RemovalKind::AuthorProfile => {
                "Author profile with personal data (email, phone, address, birthday): made up, and not about the story"
            }
            RemovalKind::Socials => "Social-media box: links to profiles, user names and follower counts",
            RemovalKind::RelatedLinks => "List of links to other pages, at the end of the page",
            RemovalKind::RepeatedHeadline => "Headline of another article",
            RemovalKind::TableOfContents => "Table of contents (empty, or links to the headings below)",
            RemovalKind::Navigation => "The website's menu",
            RemovalKind::AboutAuthor => "\"About the Author\" box",
            RemovalKind::CallToComment => "Invitation to comment or share",
            RemovalKind::ExploreMore => "Invitation to read more articles on the website",
            RemovalKind::Promotion => "Advert for another article, inside the text",
            RemovalKind::DuplicateTitle => "The title, repeated",
            RemovalKind::Byline => "Author line: shown as the article's author, not as part of the text",
            RemovalKind::Dateline => "Date line: shown as the article's date, not as part of the text",
            RemovalKind::LayoutFragment => "Leftover piece of page layout (a lone letter from a profile picture, or an empty box)",
            RemovalKind::PersonalData => "Line with personal data (email address, phone number or social-media user name)",
            RemovalKind::PageDetails => "The page's own details (authors, dates, website, language, address), read from its code: shown with the article, not as part of the text",
            RemovalKind::SiteHeader => "The website's header: its name, logo and top links",
            RemovalKind::Sidebar => "A side column beside the article: other stories, boxes and widgets",
            RemovalKind::Footer => "The website's footer: copyright, legal pages and links",
            RemovalKind::Comments => "Readers' comments under the article, and the form to write one",
            RemovalKind::ShareButtons => "Buttons to share the page on social media or by e-mail",
            RemovalKind::Newsletter => "A box asking readers to sign up for a newsletter or subscribe",
            RemovalKind::CookieNotice => "A notice about cookies or privacy settings",
            RemovalKind::Advertising => "Advertising",
            RemovalKind::Hidden => "Text the page hides from its readers",
            RemovalKind::OutsideArticle => "Text outside the article: the rest of the web page around it",
            RemovalKind::ImageCaption => "The caption or credit of a picture, which is not shown here",
        }
    }

    /// The kind named by `id()`.
    pub fn from_id(id: &str) -> Option<RemovalKind> {
        RemovalKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// True for kinds that are page furniture rather than metadata moved elsewhere.
    pub fn is_junk(self) -> bool {
        !matches!(
            self,
            RemovalKind::Byline | RemovalKind::Dateline | RemovalKind::PageDetails
        )
    }

    /// A short name for lists ("author card, share buttons"), in the words of a reader.
    pub fn name(self) -> &'static str {
        match self {
            RemovalKind::AuthorProfile => "author card with personal details",
            RemovalKind::Socials => "social-media links",
            RemovalKind::RelatedLinks => "list of related links",
            RemovalKind::RepeatedHeadline => "headline of another page",
            RemovalKind::TableOfContents => "table of contents",
            RemovalKind::Navigation => "site menu",
            RemovalKind::AboutAuthor => "\"About the author\" box",
            RemovalKind::CallToComment => "request to comment or share",
            RemovalKind::ExploreMore => "invitation to read more of the site",
            RemovalKind::Promotion => "advert for another article",
            RemovalKind::DuplicateTitle => "title printed twice",
            RemovalKind::Byline => "author line (kept as the author)",
            RemovalKind::Dateline => "date line (kept as the date)",
            RemovalKind::LayoutFragment => "stray piece of page layout",
            RemovalKind::PersonalData => "line with personal details",
            RemovalKind::PageDetails => "page details (kept as the author, dates and address)",
            RemovalKind::SiteHeader => "website header",
            RemovalKind::Sidebar => "side column",
            RemovalKind::Footer => "website footer",
            RemovalKind::Comments => "readers' comments",
            RemovalKind::ShareButtons => "share buttons",
            RemovalKind::Newsletter => "newsletter sign-up",
            RemovalKind::CookieNotice => "cookie notice",
            RemovalKind::Advertising => "advertising",
            RemovalKind::Hidden => "hidden text",
            RemovalKind::OutsideArticle => "text outside the article",
            RemovalKind::ImageCaption => "picture caption",
        }
    }
}

impl Document {
    /// Words in the cleaned passages.
    pub fn word_count(&self) -> usize {
        self.passages.iter().map(|p| count_words(&p.text)).sum()
    }

    /// Words in removed page furniture (metadata lines moved to the header are not counted).
    pub fn removed_word_count(&self) -> usize {
        self.removed
            .iter()
            .filter(|r| r.kind.is_junk())
            .map(|r| count_words(&r.text))
            .sum()
    }

    /// Blocks of page furniture removed (author and date lines moved to the header are not
    /// counted, as `removed_word_count` does not count their words).
    pub fn removed_blocks(&self) -> usize {
        self.removed.iter().filter(|r| r.kind.is_junk()).count()
    }

    /// "120 words removed in 4 blocks", or "nothing removed": the one summary that the library
    /// card, the reader's switch and the source profile show, so that their numbers agree.
    pub fn removed_summary(&self) -> String {
        match self.removed_blocks() {
            0 => "nothing removed".to_owned(),
            n => format!(
                "{} removed in {}",
                crate::strings::count(self.removed_word_count(), "word", "words"),
                crate::strings::count(n, "block", "blocks")
            ),
        }
    }

    /// Who wrote it, as far as the page says: every author its own details name, else the name
    /// of a "By" line (an "About the author" box is the page's claim, not a byline).
    pub fn authors(&self) -> Vec<&str> {
        if !self.details.authors.is_empty() {
            return self.details.authors.iter().map(String::as_str).collect();
        }
        self.byline
            .iter()
            .filter(|b| b.source == BylineSource::Byline)
            .map(|b| b.name.as_str())
            .collect()
    }

    pub fn passage(&self, id: &str) -> Option<&Passage> {
        self.passages.iter().find(|p| p.id == id)
    }
}

impl Document {
    /// A document of bare passages, each a text with its sentences, in one untitled section:
    /// passage ids `p1`, `p2`…, no metadata, nothing removed. What generated and test corpora
    /// are made of.
    pub fn from_passages(
        id: String,
        title: String,
        passages: impl IntoIterator<Item = (String, Vec<Sentence>)>,
    ) -> Document {
        // The "original file" is the passages one after another, a blank line between them, so
        // that passage offsets increase and stay in range as in a built bundle.
        let mut offset = 0u32;
        let passages = passages
            .into_iter()
            .enumerate()
            .map(|(k, (text, sentences))| {
                let start = offset;
                let end = start.saturating_add(text.len() as u32);
                offset = end.saturating_add(2);
                Passage {
                    id: format!("p{}", k + 1),
                    section: 0,
                    kind: PassageKind::Paragraph,
                    start,
                    end,
                    text,
                    sentences,
                }
            })
            .collect();
        let original_len = offset.saturating_sub(2);
        Document {
            id,
            file: String::new(),
            title,
            site: None,
            kind: None,
            byline: None,
            date: None,
            modified: None,
            details: PageDetails::default(),
            sections: vec![Section {
                id: "s0".into(),
                heading: None,
                start: 0,
            }],
            passages,
            removed: Vec::new(),
            original_len,
        }
    }
}

impl Corpus {
    /// A corpus of these documents with no themes, entities or claims: what generated and test
    /// corpora are, beside `Document::from_passages`.
    pub fn of_documents(name: &str, title: &str, documents: Vec<Document>) -> Corpus {
        Corpus {
            name: name.to_owned(),
            title: title.to_owned(),
            documents,
            themes: Vec::new(),
            entities: Vec::new(),
            claims: Vec::new(),
        }
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// The title of document `id`, or the id itself when there is no such document.
    pub fn title_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.document(id).map_or(id, |d| d.title.as_str())
    }
}

/// A corpus is indexed passage by passage: unit (d, p) is passage p of document d.
impl crate::search::Passages for Corpus {
    fn each_passage(&self, f: &mut dyn FnMut(u32, u32, &str)) {
        for (d, doc) in self.documents.iter().enumerate() {
            for (p, passage) in doc.passages.iter().enumerate() {
                f(d as u32, p as u32, &passage.text);
            }
        }
    }
}

impl Passage {
    /// The text of one sentence of this passage.
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.text[s.start as usize..s.end as usize]
    }
}

/// Counts words as runs of characters containing at least one letter or digit (between
/// whitespace). One pass over the bytes, decoding only non-ASCII characters: the library counts
/// every source's words at start-up, before the first paint.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut counted, mut i) = (0, false, 0);
    while i < bytes.len() {
        let b = bytes[i];
        let (space, alphanumeric, len) = if b.is_ascii() {
            (char::from(b).is_whitespace(), b.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            (c.is_whitespace(), c.is_alphanumeric(), c.len_utf8())
        };
        if space {
            counted = false;
        } else if alphanumeric && !counted {
            words += 1;
            counted = true;
        }
        i += len;
    }
    words
}

/// Ids (of sources, passages, themes, entities, claims) are short ASCII words: 1–64 letters,
/// digits, `-` and `_`, so that they sit in links without encoding.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(kind: PassageKind, text: &str, sentences: &[(u32, u32, Lang)]) -> Passage {
        Passage {
            id: "p1".into(),
            section: 0,
            kind,
            text: text.into(),
            start: 0,
            end: text.len() as u32,
            sentences: sentences
                .iter()
                .map(|&(start, end, lang)| Sentence { start, end, lang })
                .collect(),
        }
    }

    #[test]
    fn a_passage_reads_as_runs_with_the_language_of_each_sentence() {
        let p = passage(
            PassageKind::Paragraph,
            "Moscow agreed.  Il a dit oui. Then",
            &[(0, 14, Lang::En), (16, 29, Lang::Fr)],
        );
        assert_eq!(
            p.runs(),
            [
                ("Moscow agreed.  ", None),
                ("Il a dit oui.", Some(Lang::Fr)),
                (" Then", None)
            ]
        );
        // Sentences of one language, and the text between them, are one run.
        let p = passage(
            PassageKind::Paragraph,
            "Moscow agreed. Tehran too. Il a dit oui. Elle aussi. Then",
            &[
                (0, 14, Lang::En),
                (15, 26, Lang::En),
                (27, 40, Lang::Fr),
                (41, 52, Lang::Fr),
            ],
        );
        assert_eq!(
            p.runs(),
            [
                ("Moscow agreed. Tehran too. ", None),
                ("Il a dit oui.", Some(Lang::Fr)),
                (" ", None),
                ("Elle aussi.", Some(Lang::Fr)),
                (" Then", None)
            ]
        );
        // An offset past the text drops its run; nothing panics.
        let bad = passage(
            PassageKind::Paragraph,
            "Short.",
            &[(0, 6, Lang::En), (9, 40, Lang::De)],
        );
        assert_eq!(bad.runs(), [("Short.", None)]);
        let row = passage(PassageKind::TableRow, "Jahr | Summe", &[(0, 12, Lang::De)]);
        assert_eq!(row.cells(), (vec!["Jahr", "Summe"], Some(Lang::De)));
        let row = passage(PassageKind::TableRow, "2024 | 4 bn", &[(0, 11, Lang::En)]);
        assert_eq!(row.cells(), (vec!["2024", "4 bn"], None));
        assert_eq!(PassageKind::Caption.label(), Some("Caption: "));
        assert_eq!(PassageKind::Paragraph.label(), None);
    }

    #[test]
    fn ids() {
        for ok in ["000", "p12", "my-theme_2"] {
            assert!(is_id(ok), "{ok}");
        }
        for bad in ["", "ü", "a b", "<script>", "a/b", &"x".repeat(65)] {
            assert!(!is_id(bad), "{bad}");
        }
    }

    #[test]
    fn words_are_runs_with_a_letter_or_digit() {
        assert_eq!(
            count_words("Iran  and Russia — 2024, «ça» und Straße; ٢٠٢٤ 世界 -- ..."),
            9
        );
        assert_eq!(count_words(""), 0);
    }

    proptest::proptest! {
        /// The ASCII shortcut counts what the plain definition counts.
        #[test]
        fn word_count_is_the_plain_definition(text in "([a-z0-9]{0,3}|[ \t\n\x0B\x0C\r\u{85}\u{A0}\u{2003}—.,«»]|[éßа-я٠-٩世])*") {
            let plain = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            proptest::prop_assert_eq!(count_words(&text), plain);
        }
    }
}
