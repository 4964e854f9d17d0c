//! `import::page_meta` on small invented pages (`tests/fixtures/meta/`), one a source of
//! metadata: a JSON-LD `@graph`, a news article with several authors, OpenGraph alone, plain
//! markup (`<meta name=author>`, `<time datetime>`, `<html lang>`, the canonical link), and
//! broken JSON-LD that falls back to OpenGraph; then any input, which must never panic.

use parallax_core::import::{page_meta, PageMeta};
use proptest::prelude::*;
use std::path::Path;

fn fixture(name: &str) -> PageMeta {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/meta")
        .join(name);
    page_meta(&std::fs::read_to_string(path).unwrap())
}

fn some(s: &str) -> Option<String> {
    Some(s.to_owned())
}

#[test]
fn json_ld_graph_with_references() {
    assert_eq!(
        fixture("graph.html"),
        PageMeta {
            title: some("Two ports sign a deal on cranes & rail"),
            authors: vec!["Helen Marsh".into()],
            published: some("2025-03-12T10:15"),
            modified: some("2025-03-13T08:30"),
            site: some("Harbour Media Group"),
            lang: some("en-GB"),
            url: some("https://harbour.example/2025/03/deal"),
            description: some("The two ports agreed on Monday to share cranes and a rail link."),
            saved: None,
        }
    );
}

#[test]
fn news_article_with_an_author_array() {
    assert_eq!(
        fixture("news-authors.html"),
        PageMeta {
            title: some("Council votes on the new bridge"),
            // "By " taken off, the repeat and the address dropped.
            authors: vec![
                "Tom Reed".into(),
                "Ann Lee".into(),
                "Riverside Gazette Staff".into()
            ],
            published: some("2025-03-11T18:00"),
            modified: None,
            site: some("Riverside Gazette"),
            // JSON-LD's language before `<html lang>`.
            lang: some("en-US"),
            url: some("https://riverside.example/news/bridge-vote"),
            description: None,
            saved: None,
        }
    );
}

#[test]
fn open_graph_only() {
    assert_eq!(
        fixture("opengraph.html"),
        PageMeta {
            title: some("Spring fair opens in the valley"),
            // `article:author` is an address: no author.
            authors: vec![],
            published: some("2024-04-05T09:00"),
            modified: some("2024-04-06T17:45"),
            site: some("Valley Notes"),
            lang: some("fr-FR"),
            url: some("https://valley.example/spring-fair?ref=og&x=1"),
            description: some("The fair runs for three days, with music and a market."),
            saved: None,
        }
    );
}

#[test]
fn plain_markup_only() {
    assert_eq!(
        fixture("markup.html"),
        PageMeta {
            // Never the `<title>`.
            title: None,
            authors: vec!["Lena Gruber".into()],
            // The first `<time>` with a `datetime`.
            published: some("2025-02-28T07:30"),
            modified: None,
            site: None,
            lang: some("de-AT"),
            url: some("https://stadt.example/radwege"),
            description: None,
            saved: None,
        }
    );
}

#[test]
fn broken_json_ld_falls_back_to_open_graph() {
    assert_eq!(
        fixture("broken-ld.html"),
        PageMeta {
            title: some("El mercado del puerto reabre"),
            authors: vec!["Marta Ruiz".into()],
            published: some("2023-10-02"),
            modified: None,
            site: some("Diario del Puerto"),
            lang: some("es"),
            url: None,
            description: some("El mercado reabre tras las obras."),
            saved: None,
        }
    );
}

/// Pieces of markup that metadata is read from, cut and joined at random.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<script type=\"application/ld+json\">".to_owned()),
        Just("</script>".to_owned()),
        Just("{\"@type\":\"NewsArticle\",\"author\":[".to_owned()),
        Just("{\"@graph\":[{\"@id\":\"#a\",\"name\":\"Ann Lee\"},".to_owned()),
        Just("\"datePublished\":\"2025-02-30T25:61\",".to_owned()),
        Just("<meta property=\"og:title\" content=\"".to_owned()),
        Just("<meta name=author content='By Ann Lee, Tom Reed and".to_owned()),
        Just("<html lang=\"en_US\">".to_owned()),
        Just("<time datetime=\"Wed, 12 Mar 2025 09.30".to_owned()),
        Just("<span itemprop=datePublished>".to_owned()),
        Just("<link rel=canonical href=\"https://".to_owned()),
        Just("&amp;&#x2F;&#99999999;".to_owned()),
        Just("]}}\"',>< --> <!-- ]]>".to_owned()),
        any::<String>(),
        "[\\PC]{0,40}",
    ]
}

proptest! {
    #[test]
    fn any_page_is_read_without_panic(pieces in prop::collection::vec(piece(), 0..24)) {
        let m = page_meta(&pieces.concat());
        prop_assert!(m.authors.len() <= 10);
        prop_assert!(m.authors.iter().all(|a| !a.is_empty() && a.chars().count() <= 100));
        prop_assert!(m.description.iter().all(|d| d.chars().count() <= 500));
        prop_assert!(m.lang.iter().all(|l| l.len() <= 35));
        prop_assert!(m.url.iter().all(|u| u.to_ascii_lowercase().starts_with("http")));
    }
}
