//! What an element's attributes say about its content (furniture by its class, id and role
//! words, hidden, the article's body), and the choice of a page's main content among its
//! elements by the text they hold, as Readability does: scores, not a tree.

/// What an element's attributes say.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Marks {
    /// Class, id or role words of page furniture (menus, sidebars, comments, sharing…).
    pub(super) furniture: bool,
    /// An ARIA role of furniture (`navigation`, `complementary`…).
    pub(super) role: bool,
    /// Its furniture words are only those of small furniture (`share`, `tags`, `related`…),
    /// which a container of prose may carry too (`entry share`).
    pub(super) soft: bool,
    /// Class or id words of content (`article`, `content`, `body`…): outweigh furniture words.
    pub(super) content: bool,
    /// `hidden`, `aria-hidden="true"`, or an inline style that hides it.
    pub(super) hidden: bool,
    /// `itemprop="articleBody"`.
    pub(super) body: bool,
    /// `role="main"` or `role="article"`.
    pub(super) main_role: bool,
    /// Class and id weight as Readability gives it: +25 a content word, −25 a furniture word.
    pub(super) weight: i32,
    /// `<meta property="og:title">` (or `name="twitter:title"`).
    pub(super) og_title: bool,
}

/// Furniture words of class names and ids, matched whole (a part between `-`, `_` or spaces);
/// those of five letters or more also start a part (`comments`, `sidebar1`, `commentlist`).
/// The furniture words are these and `SOFT`'s: these name furniture whatever it holds.
const HARD: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "comment",
    "comments",
    "related",
    "sidebar",
    "cookie",
    "cookies",
    "consent",
    "newsletter",
    "subscribe",
    "subscription",
    "breadcrumb",
    "breadcrumbs",
    "banner",
    "masthead",
    "pagination",
    "pager",
    "disqus",
    "shoutbox",
    "skyscraper",
    "recommended",
    "respond",
    "reply",
    "replies",
    "login",
    "signup",
    "rss",
    "caption",
    "captions",
    "figcaption",
    "recirculation",
    "kommentar",
    "textwidget",
    "widgetcontainer",
];

/// Words of content in class names and ids.
const CONTENT: &[&str] = &[
    "article", "body", "content", "main", "text", "story", "entry", "post",
];

/// Furniture words that also name containers of prose: an element named only by them is
/// furniture when it holds little prose (`SOFT_PROSE`). Each is in this list only, not in
/// `HARD`.
const SOFT: &[&str] = &[
    "teasers",
    "paywall",
    "print",
    "push",
    "textbox",
    "youtube",
    "legend",
    "credit",
    "credits",
    "copyright",
    "appendix",
    "cta",
    "werbung",
    "anzeige",
    "affiliate",
    "disclaimer",
    "postmetadata",
    "utility",
    "button",
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "share",
    "sharing",
    "social",
    "tags",
    "tagcloud",
    "promo",
    "bio",
    "toolbar",
    "popup",
    "modal",
    "sponsor",
    "sponsored",
];

/// Characters outside links past which an element named only by `SOFT` words is content.
pub(super) const SOFT_PROSE: u32 = 500;

/// Content words that keep an element whose words also name furniture (`has-sidebar
/// article-body`).
const OVERRIDE: &[&str] = &["article", "body", "content", "main"];

/// ARIA roles of furniture.
const ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "menu",
    "menubar",
    "search",
    "dialog",
    "alertdialog",
];

fn part_is(part: &str, words: &[&str]) -> bool {
    // The lists are lowercase (a test says so): a word whose first letter differs is skipped at
    // one byte's cost.
    let Some(first) = part.as_bytes().first().map(u8::to_ascii_lowercase) else {
        return false;
    };
    words.iter().any(|w| {
        w.as_bytes().first() == Some(&first)
            && (part.eq_ignore_ascii_case(w)
                || (w.len() >= 5
                    && part.len() > w.len()
                    && part.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())))
    })
}

/// Words that make a class about an author a box about them (`author-box`, `about-author`,
/// `author_bio`, `authorprofile`), not a byline (`author`, `author-name`).
const AUTHOR_BOX: &[&str] = &[
    "about",
    "bio",
    "box",
    "card",
    "description",
    "details",
    "info",
    "profile",
];

/// A class or id of a box about the article's author: small furniture (`SOFT`), as `bio`.
fn author_box(value: &str) -> bool {
    value.split_ascii_whitespace().any(|class| {
        let parts = || {
            class
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|p| !p.is_empty() && p.len() <= 24)
        };
        let author = |p: &str| p.len() >= 6 && p[..6].eq_ignore_ascii_case("author");
        parts().any(|p| author(p) && p.len() > 6 && part_is(&p[6..], AUTHOR_BOX))
            || (parts().any(|p| p.eq_ignore_ascii_case("author"))
                && parts().any(|p| part_is(p, AUTHOR_BOX)))
    })
}

/// Whether any part of `value` is one of `words`.
pub(super) fn any_part(value: &str, words: &[&str]) -> bool {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty() && p.len() <= 24)
        .any(|p| part_is(p, words))
}

/// Whether any part of `value` is a furniture word (`HARD` or `SOFT`).
fn any_furniture(value: &str) -> bool {
    any_part(value, HARD) || any_part(value, SOFT)
}

/// The attributes of a start tag, read in one pass: `name`, `name=value`, `name="value"`.
pub(super) fn attributes(attrs: &str, mut each: impl FnMut(&str, &str)) {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    let n = bytes.len();
    while i < n {
        while i < n && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let start = i;
        // A name may start with `=` (HTML reads `="x"class="a"` as one attribute named
        // `="x"class`), never with another `=`.
        if i < n && bytes[i] == b'=' {
            i += 1;
        }
        while i < n && !bytes[i].is_ascii_whitespace() && bytes[i] != b'=' && bytes[i] != b'/' {
            i += 1;
        }
        let name = &attrs[start..i];
        while i < n && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < n && bytes[i] == b'=' {
            i += 1;
            while i < n && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < n && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i];
                let from = i + 1;
                i = from;
                while i < n && bytes[i] != q {
                    i += 1;
                }
                value = &attrs[from..i];
                i = (i + 1).min(n);
            } else {
                let from = i;
                while i < n && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = &attrs[from..i];
            }
        }
        // Only at the end of the tag.
        if name.is_empty() {
            continue;
        }
        each(name, value);
    }
}

/// What the attributes of a start tag say.
pub(super) fn marks(attrs: &str) -> Marks {
    let mut m = Marks::default();
    let mut og = false;
    attributes(attrs, |name, value| {
        let is = |n: &str| name.eq_ignore_ascii_case(n);
        if is("class") || is("id") {
            let bad = any_furniture(value) || author_box(value);
            let good = any_part(value, CONTENT);
            if bad {
                let hard = value
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|p| !p.is_empty() && p.len() <= 24)
                    .any(|p| part_is(p, HARD) && !part_is(p, SOFT));
                m.soft = if m.furniture { m.soft && !hard } else { !hard };
            }
            m.furniture |= bad;
            // A content word overrides furniture words of other classes only (`has-sidebar
            // entry-content`, not `related-content`).
            m.content |= value.split_ascii_whitespace().any(|class| {
                any_part(class, OVERRIDE) && !any_furniture(class) && !author_box(class)
            });
            m.weight += 25 * (good as i32) - 25 * (bad as i32);
        } else if is("role") {
            let v = value.trim();
            if ROLES.iter().any(|r| v.eq_ignore_ascii_case(r)) {
                m.furniture = true;
                m.role = true;
                m.soft = false;
            } else if v.eq_ignore_ascii_case("main") || v.eq_ignore_ascii_case("article") {
                m.main_role = true;
            }
        } else if is("itemprop") {
            m.body |= value
                .split_ascii_whitespace()
                .any(|v| v.eq_ignore_ascii_case("articleBody"));
        } else if is("hidden") {
            m.hidden = true;
        } else if is("aria-hidden") {
            m.hidden |= value.trim().eq_ignore_ascii_case("true");
        } else if is("style") {
            let squeezed: String = value
                .chars()
                .filter(|c| !c.is_ascii_whitespace())
                .take(200)
                .collect::<String>()
                .to_ascii_lowercase();
            m.hidden |= squeezed.contains("display:none") || squeezed.contains("visibility:hidden");
        } else if is("property") || is("name") {
            let v = value.trim();
            og |= v.eq_ignore_ascii_case("og:title") || v.eq_ignore_ascii_case("twitter:title");
        }
    });
    m.og_title = og;
    if m.content {
        m.furniture = false;
        m.role = false;
    }
    m
}

/// The `content` attribute of a tag.
pub(super) fn content_attr(attrs: &str) -> Option<String> {
    let mut found = None;
    attributes(attrs, |name, value| {
        if found.is_none() && name.eq_ignore_ascii_case("content") {
            found = Some(value.to_owned());
        }
    });
    found
}

/// An element that holds blocks, as scoring sees it.
#[derive(Debug, Clone)]
pub(super) struct Node {
    /// The enclosing element (the page itself is node 0, its own parent).
    pub(super) parent: u32,
    /// The last node inside this one (nodes are numbered in document order).
    pub(super) last: u32,
    /// Dropped with everything inside: furniture or hidden, here or above (set by `settle`).
    pub(super) dropped: bool,
    /// Named furniture by its own class, id or role words.
    pub(super) furniture: bool,
    /// By its ARIA role.
    pub(super) role: bool,
    /// Only by words of small furniture (`Marks::soft`).
    pub(super) soft: bool,
    /// A `<noscript>`: dropped as small furniture, counted with the scripts, not as furniture.
    pub(super) noscript: bool,
    /// Hidden by its own attributes.
    pub(super) hidden: bool,
    /// Holds a `<main>`, an `<article>` or an article body: never furniture, whatever its words
    /// (a page wrapper called `left-navigation-wrapper`), unless its words name related
    /// articles (`related__articles` around `<article class="teaser">`s).
    pub(super) holds_main: bool,
    /// Readability's starting score for the element's name and class words.
    pub(super) base: i32,
    /// Article body (`itemprop="articleBody"`, `role="main"`): chosen before any score.
    pub(super) body: bool,
    /// A paragraph (`p`, `li`, `td`, `pre`, headings): its text scores its containers.
    pub(super) paragraph: bool,
    /// A heading below the title (`h2` to `h6`).
    pub(super) heading: bool,
    /// Characters of text inside, and inside links.
    pub(super) chars: u32,
    pub(super) link_chars: u32,
    /// Why it is furniture, when it is (`reason::reason`): the reason its text is set aside with.
    pub(super) reason: Option<crate::model::RemovalKind>,
}

impl Node {
    pub(super) fn root() -> Self {
        Node {
            parent: 0,
            last: 0,
            dropped: false,
            furniture: false,
            role: false,
            soft: false,
            noscript: false,
            hidden: false,
            holds_main: false,
            base: 0,
            body: false,
            paragraph: false,
            heading: false,
            chars: 0,
            link_chars: 0,
            reason: None,
        }
    }

    fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// Sets `dropped` on every node, in document order (a parent before its children); returns how
/// many furniture elements start a dropped region. An element named furniture by its class or
/// id words only is spared when it holds `spare` characters outside links or more (the retry
/// when a page's words hide its article: `u32::MAX` spares none).
pub(super) fn settle(nodes: &mut [Node], spare: u32) -> u64 {
    let mut count = 0;
    for i in 1..nodes.len() {
        let above = nodes[nodes[i].parent as usize].dropped;
        let n = &nodes[i];
        let text = n.chars.saturating_sub(n.link_chars);
        let prose = n.soft && text >= SOFT_PROSE;
        let named = n.role || (n.furniture && text < spare);
        // A list of related articles is furniture though it holds `<article>` teasers.
        let related = n.reason == Some(crate::model::RemovalKind::RelatedLinks);
        let furniture = named && (!n.holds_main || related) && !prose;
        if furniture && !above && !n.noscript {
            count += 1;
        }
        nodes[i].dropped = above || furniture || nodes[i].hidden;
    }
    count
}

/// What a block brings to scoring.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scored {
    pub(super) node: u32,
    pub(super) chars: u32,
    pub(super) commas: u32,
    pub(super) dropped: bool,
}

/// The nodes whose blocks are the main content, one flag a node: the best-scored container
/// (Readability's top candidate, moved up while its parent scores higher), with its siblings
/// that score nearly as well; a node inside one is in. `None` when no block scored.
pub(super) fn main_nodes(nodes: &[Node], blocks: &[Scored]) -> Option<(Vec<bool>, usize)> {
    let n = nodes.len();
    let mut score = vec![0f32; n];
    let mut seen = vec![false; n];
    for b in blocks {
        if b.dropped || b.chars < 25 {
            continue;
        }
        let s = 1.0 + b.commas as f32 + (b.chars as f32 / 100.0).min(3.0);
        let mut at = b.node as usize;
        if nodes[at].paragraph && at != 0 {
            at = nodes[at].parent as usize;
        }
        for level in 0..5 {
            if at == 0 || nodes[at].dropped {
                break;
            }
            if !seen[at] {
                seen[at] = true;
                score[at] = nodes[at].base as f32;
            }
            score[at] += s / if level == 0 {
                1.0
            } else if level == 1 {
                2.0
            } else {
                level as f32 * 3.0
            };
            at = nodes[at].parent as usize;
        }
    }
    for i in 0..n {
        if seen[i] {
            score[i] *= 1.0 - nodes[i].link_density();
        }
    }
    // An article body the page names is the top candidate when it holds scored text.
    let named = (1..n).find(|&i| nodes[i].body && !nodes[i].dropped && nodes[i].chars >= 200);
    let mut top = match named {
        Some(i) => i,
        None => {
            let best = (1..n)
                .filter(|&i| seen[i])
                .max_by(|&a, &b| score[a].total_cmp(&score[b]).then(b.cmp(&a)))?;
            // Up while the parent holds the text better (Readability: a parent scoring higher
            // than its child, before the score falls under a third).
            let mut top = best;
            let threshold = score[best] / 3.0;
            let mut last = score[best];
            let mut p = nodes[best].parent as usize;
            while p != 0 {
                if !seen[p] || score[p] < threshold {
                    break;
                }
                if score[p] > last {
                    top = p;
                    break;
                }
                last = score[p];
                p = nodes[p].parent as usize;
            }
            top
        }
    };
    // A lone child holds no more than its parent.
    while top != 0 {
        let p = nodes[top].parent as usize;
        if p == 0 || nodes[p].dropped || nodes[p].chars != nodes[top].chars {
            break;
        }
        top = p;
    }
    let mut keep = vec![false; n];
    keep[top] = true;
    let parent = nodes[top].parent as usize;
    if parent != 0 || top != 0 {
        let threshold = (score[top] * 0.2).max(10.0);
        for i in (parent + 1)..=(nodes[parent].last as usize).min(n - 1) {
            if nodes[i].parent as usize != parent || i == top || nodes[i].dropped {
                continue;
            }
            let ld = nodes[i].link_density();
            let good = (seen[i] && score[i] >= threshold)
                || (nodes[i].paragraph && nodes[i].chars > 80 && ld < 0.25);
            keep[i] = good;
        }
    }
    for i in 1..n {
        if !keep[i] && keep[nodes[i].parent as usize] {
            keep[i] = true;
        }
    }
    Some((keep, top))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_starting_with_an_equals_sign_is_read_whole_at_character_boundaries() {
        let read = |attrs: &str| {
            let mut seen = Vec::new();
            attributes(attrs, |n, v| seen.push((n.to_owned(), v.to_owned())));
            seen
        };
        // A name that starts with `=` runs to a space, `/` or the next `=`, quotes and letters
        // of two bytes included (the letter after a quote once cut a character in two).
        let pair = |n: &str, v: &str| (n.to_owned(), v.to_owned());
        assert_eq!(
            read(r#"="x"é id=a"#),
            [pair(r#"="x"é"#, ""), pair("id", "a")]
        );
        assert_eq!(read("='x'ü"), [pair("='x'ü", "")]);
        assert_eq!(read("=é"), [pair("=é", "")]);
        assert_eq!(
            read(r#"class="a" ="b""#),
            [pair("class", "a"), pair(r#"="b""#, "")]
        );
        assert_eq!(
            read(r#"="x"class="footer""#),
            [pair(r#"="x"class"#, "footer")]
        );
        assert_eq!(read("=="), [pair("=", "")]);
    }

    /// `part_is` compares a class's first letter, lowercased, with each word's: the lists must
    /// hold no capital letter.
    #[test]
    fn every_word_list_is_lowercase() {
        for list in [HARD, CONTENT, SOFT, OVERRIDE, AUTHOR_BOX] {
            for w in list {
                assert!(!w.is_empty() && *w == w.to_ascii_lowercase(), "{w:?}");
            }
        }
        assert!(part_is("Sidebar", HARD) && part_is("NEWSLETTER-box", HARD));
        assert!(!part_is("", HARD));
        // Each furniture word has one home: hard or soft.
        for w in SOFT {
            assert!(!HARD.contains(w), "{w}");
        }
    }

    #[test]
    fn link_density_is_the_share_of_text_in_links() {
        let node = |chars, link_chars| Node {
            chars,
            link_chars,
            ..Node::root()
        };
        assert_eq!(node(200, 50).link_density(), 0.25);
        assert_eq!(node(80, 80).link_density(), 1.0);
        assert_eq!(node(0, 0).link_density(), 0.0);
    }

    /// Nodes from `(parent, base, chars)` after the page (node 0), in document order, with
    /// `last` worked out from the parents (the page's too, as `html::walk` sets it).
    fn tree(spec: &[(u32, i32, u32)]) -> Vec<Node> {
        let mut nodes = vec![Node::root()];
        for &(parent, base, chars) in spec {
            let last = nodes.len() as u32;
            nodes.push(Node {
                parent,
                last,
                base,
                chars,
                ..Node::root()
            });
        }
        for i in (1..nodes.len()).rev() {
            let p = nodes[i].parent as usize;
            nodes[p].last = nodes[p].last.max(nodes[i].last);
        }
        nodes
    }

    fn block(node: u32, chars: u32, commas: u32) -> Scored {
        Scored {
            node,
            chars,
            commas,
            dropped: false,
        }
    }

    /// `main_nodes` as the list of nodes kept, and the top candidate.
    fn main(nodes: &[Node], blocks: &[Scored]) -> Option<(Vec<usize>, usize)> {
        let (keep, top) = main_nodes(nodes, blocks)?;
        assert_eq!(keep.len(), nodes.len());
        Some(((0..keep.len()).filter(|&i| keep[i]).collect(), top))
    }

    #[test]
    fn blocks_score_their_containers_and_siblings_near_the_top_are_kept() {
        // The top candidate scores 40 + 4 = 44, so a sibling is kept from 10 points (a fifth of
        // 44 is less), or as a paragraph of more than 80 characters under a quarter in links.
        // A block scores 1 + its commas + a point a 100 characters (at most 3), all of it to
        // its container, half to the next one up, a sixth to the one above that.
        let mut nodes = tree(&[
            (0, 40, 300), // 1: the top (4 points)
            (0, 0, 300),  // 2: 1 + 6 commas + 3 = 10: kept
            (0, 0, 100),  // 3: 1 + 8 + 1 = 10: kept
            (0, 0, 150),  // 4: 1 + 6 + 1.5 = 8.5: not kept
            (0, 0, 24),   // 5: a block of 24 characters scores nothing, whatever its commas
            (0, 9, 25),   // 6: one of 25 scores 1.25: 9 + 1.25, kept
            (0, 4, 300),  // 7: 4 + 12 / 2 = 10 from its child's block: kept, with its child
            (7, 0, 300),  // 8
            (0, 0, 300),  // 9: 12 / 2 = 6: not kept (its child scores 12, but is no sibling)
            (9, 0, 300),  // 10
            (0, 7, 300),  // 11: 7 + 15 / 6 = 9.5 from its grandchild's block: not kept
            (11, 0, 300), // 12
            (12, 0, 300), // 13
            (0, 0, 200),  // 14: 18 points, halved by its links: 9, not kept
            (0, 0, 81),   // 15: a paragraph of 81 characters: kept
            (0, 0, 80),   // 16: of 80: not kept
            (0, 0, 200),  // 17: of 200, a quarter in links: not kept
            (0, 0, 300),  // 18: a paragraph of furniture: not kept
            (0, 0, 300),  // 19: 10 from the block of its paragraph: kept, with it
            (19, 0, 300), // 20
        ]);
        nodes[14].link_chars = 100;
        for i in [15, 16, 17, 18, 20] {
            nodes[i].paragraph = true;
        }
        nodes[17].link_chars = 50;
        nodes[18].dropped = true;
        let blocks = [
            block(1, 300, 0),
            block(2, 300, 6),
            block(3, 100, 8),
            block(4, 150, 6),
            block(5, 24, 9),
            block(6, 25, 0),
            block(8, 300, 8),
            block(10, 300, 8),
            block(13, 300, 11),
            block(14, 200, 15),
            block(20, 300, 6),
            // Left out of scoring: a list of links (or a block in furniture).
            Scored {
                dropped: true,
                ..block(4, 300, 20)
            },
        ];
        assert_eq!(
            main(&nodes, &blocks),
            Some((vec![1, 2, 3, 6, 7, 8, 15, 19, 20], 1))
        );
        // No block scored: no main content.
        assert_eq!(main(&nodes, &blocks[4..5]), None);
        assert_eq!(main(&nodes, &blocks[11..]), None);
    }

    #[test]
    fn a_sibling_is_kept_from_a_fifth_of_the_top_score() {
        // The top scores 96 + 4 = 100: a sibling of 21 is kept, one of 19 is not.
        let nodes = tree(&[(0, 96, 300), (0, 17, 300), (0, 15, 300), (2, 0, 20)]);
        let blocks = [block(1, 300, 0), block(2, 300, 0), block(3, 300, 0)];
        assert_eq!(main(&nodes, &blocks), Some((vec![1, 2, 4], 1)));
        // The same below the page's `body` (not a child of the page itself).
        let nodes = tree(&[(0, 0, 900), (1, 96, 300), (1, 17, 300), (1, 15, 300)]);
        let blocks = [block(2, 300, 0), block(3, 300, 0), block(4, 300, 0)];
        assert_eq!(main(&nodes, &blocks), Some((vec![2, 3], 2)));
    }

    #[test]
    fn an_article_body_the_page_names_is_chosen_before_any_score() {
        // A container scoring 44; an article body of 200 characters that scored nothing; a
        // dropped one of 300.
        let mut nodes = tree(&[(0, 40, 300), (0, 0, 200), (0, 0, 300)]);
        nodes[2].body = true;
        nodes[3].body = true;
        nodes[3].dropped = true;
        let blocks = [block(1, 300, 0)];
        assert_eq!(main(&nodes, &blocks), Some((vec![1, 2], 2)));
        // Under 200 characters it is not chosen.
        nodes[2].chars = 199;
        assert_eq!(main(&nodes, &blocks), Some((vec![1], 1)));
    }

    #[test]
    fn the_top_candidate_climbs_to_a_parent_that_holds_the_text_better() {
        // A block of 6 points in the best container (24 + 6 = 30), inside a parent (a half:
        // `p1` + 3) inside a grandparent (a sixth: `p2` + 1).
        let climb = |p1: i32, p2: i32| {
            let nodes = tree(&[(0, p2, 500), (1, p1, 400), (2, 24, 300)]);
            main(&nodes, &[block(3, 300, 2)])
        };
        // The parent at a third of 30 goes on; the grandparent scores more than it: the top.
        assert_eq!(climb(7, 19), Some((vec![1, 2, 3], 1)));
        // Under a third, the climb stops.
        assert_eq!(climb(6, 19), Some((vec![3], 3)));
        // A grandparent scoring as much as the parent, not more: the best stays.
        assert_eq!(climb(12, 14), Some((vec![3], 3)));
    }

    #[test]
    fn a_lone_child_gives_way_to_its_parent() {
        // The best container (5 + 4) is all the text of its parent (4 / 2): the parent is the top.
        let mut nodes = tree(&[(0, 0, 300), (1, 5, 300)]);
        assert_eq!(main(&nodes, &[block(2, 300, 0)]), Some((vec![1, 2], 1)));
        // The page itself is never the top, though the parent is all of its text.
        nodes[0].chars = 300;
        assert_eq!(main(&nodes, &[block(2, 300, 0)]), Some((vec![1, 2], 1)));
        // The parent holds more (a short line of its own): the child stays the top.
        let nodes = tree(&[(0, 0, 400), (1, 5, 300), (1, 0, 100)]);
        assert_eq!(main(&nodes, &[block(2, 300, 0)]), Some((vec![2], 2)));
    }

    #[test]
    fn settle_drops_furniture_and_counts_the_regions_it_starts() {
        // The page; a nav; a sidebar holding a nested comments box; a sidebar of 300 characters.
        let furniture = |parent, chars| Node {
            parent,
            furniture: true,
            chars,
            ..Node::root()
        };
        let mut nodes = vec![
            Node::root(),
            furniture(0, 40),
            furniture(0, 120),
            furniture(2, 60),
            furniture(0, 300),
        ];
        // Spared at 300 characters outside links or more: two regions start, the nested box
        // is inside one.
        assert_eq!(settle(&mut nodes, 300), 2);
        let dropped: Vec<bool> = nodes.iter().map(|n| n.dropped).collect();
        assert_eq!(dropped, [false, true, true, true, false]);
        assert_eq!(settle(&mut nodes, 301), 3);
        assert!(nodes[4].dropped);
        // Holding an `<article>` spares a wrapper named by furniture words, but not a list of
        // related articles, whose `<article>`s are teasers.
        let holding = |reason| Node {
            holds_main: true,
            reason: Some(reason),
            ..furniture(0, 40)
        };
        let mut nodes = vec![
            Node::root(),
            holding(crate::model::RemovalKind::Sidebar),
            holding(crate::model::RemovalKind::RelatedLinks),
        ];
        assert_eq!(settle(&mut nodes, u32::MAX), 1);
        assert!(!nodes[1].dropped && nodes[2].dropped);
    }

    #[test]
    fn words_match_whole_parts() {
        assert!(marks(r#"class="site-footer""#).furniture);
        assert!(marks(r#"id="comments""#).furniture);
        assert!(marks(r#"class='ad-slot'"#).furniture);
        assert!(!marks(r#"class="header""#).furniture);
        assert!(!marks(r#"class="shadow""#).furniture);
        // A furniture word of five letters or more also starts a part; a shorter one must be
        // the whole part (`ad` is not `address`).
        assert!(marks(r#"class="commentlist""#).furniture);
        assert!(marks(r#"id="sidebar1""#).furniture);
        assert!(!marks(r#"class="address""#).furniture);
        assert!(!marks(r#"class="navy""#).furniture);
        // Spaces around `=`, as HTML allows.
        assert!(marks(r#"class = "site-footer""#).furniture);
        assert!(marks("hidden id =\tcomments").hidden && marks("id =\tcomments").furniture);
        // A tag cut after its `=`, or after the spaces that follow it.
        assert_eq!(marks("class="), Marks::default());
        assert_eq!(marks("id= "), Marks::default());
        // A quoted value cut by the end of the tag runs to it; a name right after a closing
        // quote is an attribute of its own (HTML reads `class="x"id="comments"` so).
        assert!(marks(r#"class="site-footer"#).furniture);
        assert!(marks(r#"class="x"id="comments""#).furniture);
        // `="x"class="footer"`: HTML reads one attribute named `="x"class`, not a class.
        assert!(!marks(r#"="x"class="footer""#).furniture);
        // Readability's class and id weight: +25 for content words, −25 for furniture words,
        // for each of the two attributes.
        assert_eq!(marks(r#"class="entry-content""#).weight, 25);
        assert_eq!(marks(r#"class="sidebar""#).weight, -25);
        assert_eq!(marks(r#"class="story" id="main-article""#).weight, 50);
        assert_eq!(marks(r#"class="story" id="comments""#).weight, 0);
        // Only small furniture: a long generated part beside it is not read.
        assert!(marks(r#"class="share navigationdrawercontainerlayout""#).soft);
        assert!(marks(r#"role="main""#).main_role && marks(r#"role="Article""#).main_role);
        assert!(!marks(r#"role="banner""#).main_role);
        assert!(marks(r#"aria-hidden="true""#).hidden);
        // The first `content` attribute, as HTML keeps the first of two; none without one.
        assert_eq!(
            content_attr(r#"content="first" content="second""#).as_deref(),
            Some("first")
        );
        assert_eq!(content_attr(r#"name="description""#), None);
        // A part over 24 characters is a generated name, not a word.
        assert!(!marks(r#"class="navigationdrawercontainerlayout""#).furniture);
        assert!(marks(r#"class="navigation drawercontainerlayout""#).furniture);
        assert!(!marks(r#"class="entry-content has-sidebar""#).furniture);
        assert!(marks(r#"role="navigation""#).furniture);
        assert!(marks(r#"class="entry share""#).soft);
        assert!(!marks(r#"class="share" id="comments""#).soft);
        assert!(marks(r#"itemprop="articleBody""#).body);
        assert!(marks(r#"style="display: none""#).hidden);
        assert!(marks(r#"hidden class=x"#).hidden);
        assert!(!marks(r#"aria-hidden="false""#).hidden);
        assert_eq!(
            content_attr(r#"property="og:title" content="A &amp; B""#).as_deref(),
            Some("A &amp; B")
        );
    }

    #[test]
    fn a_box_about_the_author_is_small_furniture_and_a_byline_is_not() {
        for box_ in [
            r#"class="author-box""#,
            r#"class="row author-profile""#,
            r#"class="about-author""#,
            r#"id="author_bio""#,
            r#"class="authorbox""#,
            r#"class="AuthorInfo""#,
            // A content word in the box's own class does not save it.
            r#"class="author-box--content""#,
        ] {
            let m = marks(box_);
            assert!(m.furniture && m.soft && !m.content, "{box_}");
        }
        for byline in [
            r#"class="author""#,
            r#"class="author-name""#,
            r#"class="authors""#,
            r#"class="box""#,
        ] {
            assert!(!marks(byline).furniture, "{byline}");
        }
        // Disclosures, print buttons, a post's metadata line and calls to action: small
        // furniture, kept only around 500 characters of prose or more.
        for small in [
            r#"class="alice-affiliate-info""#,
            r#"class="aawp-disclaimer""#,
            r#"class="h5ab-print-button""#,
            r#"class="postmetadata alt""#,
            r#"class="entry-utility""#,
            r#"class="cta-global__block""#,
            r#"class="werbung""#,
            r#"class="photo-credit""#,
            r#"class="copyright""#,
            r#"class="appendix""#,
            r#"class="legend""#,
            r#"class="youtube-wrapper""#,
            r#"class="amp-web-push-widget-content""#,
            r#"class="a-inline-textbox""#,
            r#"class="no-print" id="contact""#,
            // A box of several teasers to other articles (one `teaser` is often the article's
            // own lead, and stays); a paywall's prompt.
            r#"class="teasers-list""#,
            r#"class="content-form-account-paywall""#,
        ] {
            let m = marks(small);
            assert!(m.furniture && m.soft, "{small}");
        }
        assert!(!marks(r#"class="teaser""#).furniture);
        assert!(marks(r#"class="kommentarModul""#).furniture);
        // A WordPress text widget is a sidebar's box, whatever it holds; `widget` alone names
        // too many containers of articles to be furniture.
        assert!(marks(r#"class="textwidget""#).furniture && !marks(r#"class="textwidget""#).soft);
        assert!(!marks(r#"class="widget story""#).furniture);
        assert!(!marks(r#"class="kommentarModul""#).soft);
    }
}
