//! Why the HTML reader sets a part of a page aside, in a reader's words: the removal kind an element's ARIA role, its class or id words and its name give.

use super::score::{any_part, attributes};
use crate::model::RemovalKind;

/// Kinds named by class or id words, the most particular first: a `footer-newsletter` box is a
/// newsletter sign-up, a `sidebar-ad` advertising.
const WORDS: &[(RemovalKind, &[&str])] = &[
    (
        RemovalKind::CookieNotice,
        &["cookie", "cookies", "consent", "gdpr"],
    ),
    (
        RemovalKind::Newsletter,
        &[
            "newsletter",
            "subscribe",
            "subscription",
            "signup",
            "paywall",
            "push",
        ],
    ),
    (
        RemovalKind::Comments,
        &[
            "comment",
            "comments",
            "disqus",
            "respond",
            "replies",
            "kommentar",
        ],
    ),
    (
        RemovalKind::ShareButtons,
        &["share", "sharing", "sharebar", "social"],
    ),
    (
        RemovalKind::Advertising,
        &[
            "ad",
            "ads",
            "adv",
            "advert",
            "advertisement",
            "sponsor",
            "sponsored",
            "promo",
            "affiliate",
            "werbung",
            "anzeige",
        ],
    ),
    (
        RemovalKind::RelatedLinks,
        &[
            "related",
            "recommended",
            "popular",
            "trending",
            "tags",
            "tagcloud",
            "recirculation",
            "teasers",
        ],
    ),
    (
        RemovalKind::ImageCaption,
        &[
            "caption",
            "captions",
            "figcaption",
            "credit",
            "credits",
            "legend",
        ],
    ),
    (RemovalKind::AboutAuthor, &["bio", "author"]),
    (
        RemovalKind::Navigation,
        &[
            "nav",
            "navbar",
            "navigation",
            "menu",
            "breadcrumb",
            "breadcrumbs",
        ],
    ),
    (RemovalKind::SiteHeader, &["header", "masthead", "banner"]),
    (
        RemovalKind::Sidebar,
        &["sidebar", "widget", "rail", "textwidget", "widgetcontainer"],
    ),
    (RemovalKind::Footer, &["footer", "copyright"]),
];

/// Kinds named by an ARIA role.
const ROLES: &[(&str, RemovalKind)] = &[
    ("navigation", RemovalKind::Navigation),
    ("menu", RemovalKind::Navigation),
    ("menubar", RemovalKind::Navigation),
    ("search", RemovalKind::Navigation),
    ("banner", RemovalKind::SiteHeader),
    ("complementary", RemovalKind::Sidebar),
    ("contentinfo", RemovalKind::Footer),
];

/// Kinds named by the element itself.
const ELEMENTS: &[(&str, RemovalKind)] = &[
    ("nav", RemovalKind::Navigation),
    ("header", RemovalKind::SiteHeader),
    ("aside", RemovalKind::Sidebar),
    ("footer", RemovalKind::Footer),
];

/// Why the element `name` with attributes `attrs` is page furniture: hidden first, then its role,
/// its class and id words, its name; `None` when none of them says.
pub(super) fn reason(name: &str, attrs: &str, hidden: bool) -> Option<RemovalKind> {
    if hidden {
        return Some(RemovalKind::Hidden);
    }
    let (mut role, mut words) = (None, None);
    attributes(attrs, |key, value| {
        if key.eq_ignore_ascii_case("role") && role.is_none() {
            role = ROLES
                .iter()
                .find(|(r, _)| value.trim().eq_ignore_ascii_case(r))
                .map(|&(_, k)| k);
        } else if key.eq_ignore_ascii_case("class") || key.eq_ignore_ascii_case("id") {
            let found = WORDS.iter().position(|(_, w)| any_part(value, w));
            words = match (words, found) {
                (Some(a), Some(b)) => Some(usize::min(a, b)),
                (a, b) => a.or(b),
            };
        }
    });
    role.or(words.map(|i| WORDS[i].0)).or_else(|| {
        ELEMENTS
            .iter()
            .find(|(e, _)| name.eq_ignore_ascii_case(e))
            .map(|&(_, k)| k)
    })
}

/// Whether the element's class or id names a pull quote (`pullquote`, `pull-quote`,
/// `pull_quote`, in any case).
pub(super) fn is_pull_quote(attrs: &str) -> bool {
    let mut found = false;
    attributes(attrs, |key, value| {
        if key.eq_ignore_ascii_case("class") || key.eq_ignore_ascii_case("id") {
            let v = value.to_ascii_lowercase();
            found |= ["pullquote", "pull-quote", "pull_quote"]
                .iter()
                .any(|w| v.contains(w));
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `part_is` compares a class's first letter, lowercased, with each word's.
    #[test]
    fn every_word_list_is_lowercase() {
        for (_, list) in WORDS {
            for w in *list {
                assert!(!w.is_empty() && *w == w.to_ascii_lowercase(), "{w:?}");
            }
        }
    }

    #[test]
    fn reasons_come_from_role_words_and_name() {
        let r = |name, attrs| reason(name, attrs, false);
        use RemovalKind::*;
        for (name, attrs, kind) in [
            ("div", r#"class="cookie-banner""#, CookieNotice),
            ("div", r#"class="footer-newsletter""#, Newsletter),
            ("section", r#"id="comments""#, Comments),
            ("ul", r#"class="share-buttons""#, ShareButtons),
            ("div", r#"class="sidebar ad-slot""#, Advertising),
            ("div", r#"role="navigation" class="x""#, Navigation),
            ("footer", "", Footer),
            ("aside", r#"class="box""#, Sidebar),
            ("div", r#"class="header-inner""#, SiteHeader),
            ("p", r#"class="image-caption""#, ImageCaption),
            ("div", r#"class="photo-credit""#, ImageCaption),
            ("div", r#"class="alice-affiliate-info""#, Advertising),
            ("div", r#"class="kommentarModul""#, Comments),
            ("div", r#"class="textwidget""#, Sidebar),
            ("div", r#"class="teasers-list""#, RelatedLinks),
            ("div", r#"class="content-form-account-paywall""#, Newsletter),
        ] {
            assert_eq!(r(name, attrs), Some(kind), "{name} {attrs}");
        }
        assert_eq!(r("div", r#"class="story""#), None);
        assert_eq!(
            reason("div", r#"class="story""#, true),
            Some(RemovalKind::Hidden)
        );
    }
}
