//! Citations: each format of the real corpus's sources against values worked out by hand from
//! `corpus.toml` and the raw pages; nothing the page does not say (no author from an "About the
//! Author" box, no impossible date, no title that is only the id); hostile titles and authors
//! cannot break out of their field in any format; the cost is linear in the text.
#![allow(clippy::disallowed_methods)] // Tests never reach the wasm.

mod common;
#[path = "common/counting.rs"]
mod counting;

use common::{real_corpus, AT};
use counting::{cost, linear};
use parallax_core::cite::{bibtex, clean_field, csl_json, reference, ris, Format, Reference};
use parallax_core::export::LinkBase;
use parallax_core::model::{Byline, BylineSource, DateInfo, Document};
use parallax_core::strings::Day;
use serde_json::{json, Value};

fn accessed() -> Day {
    Day::new(2026, 5, 20).unwrap()
}

fn refs(ids: &[&str]) -> Vec<Reference> {
    ids.iter()
        .map(|id| reference(real_corpus().document(id).unwrap(), &AT, accessed()))
        .collect()
}

const T000: &str = "The Tehran-Moscow Axis: A Strategic Alliance Reshaping Global Power Dynamics Against Western Hegemony";
const T003: &str = "Russia & Iran: Unequal Allies Shaping a New Global Order";

#[test]
fn references_of_the_real_corpus_hold_what_the_pages_say() {
    let all = refs(&["000", "001", "002", "003", "004"]);
    // 000: a "By:" line and a date line ("Mar 3, 2025 - 10:19"); no site in the manifest.
    assert_eq!(
        all[0],
        Reference {
            key: "parallax-000".into(),
            title: Some(T000.into()),
            authors: vec!["A.Yeganeh".into()],
            site: None,
            published: Day::new(2025, 3, 3),
            accessed: accessed(),
            url: "https://example.org/parallax/#/read/000?v=0123456789ab".into(),
        }
    );
    // 003: the manifest's site; Timothy Cline is claimed only by an "About the Author" box (no
    // byline), and the page prints no date.
    assert_eq!(
        all[3],
        Reference {
            key: "parallax-003".into(),
            title: Some(T003.into()),
            authors: vec![],
            site: Some("Russland Iran Bündnis".into()),
            published: None,
            accessed: accessed(),
            url: "https://example.org/parallax/#/read/003?v=0123456789ab".into(),
        }
    );
    // 001, 002 and 004: a title and nothing else.
    for (r, title) in all[1..3].iter().chain(&all[4..]).zip([
        "Decoding The Iran-Russia Axis: Geopolitical Implications",
        "Unpacking The Iran-Russia Alliance: A New Global Dynamic",
        "Russia & Iran: Unraveling A Complex Geopolitical Alliance",
    ]) {
        assert_eq!(r.title.as_deref(), Some(title));
        assert!(r.authors.is_empty() && r.site.is_none() && r.published.is_none());
    }
    // The reader's own themes stay out of the link.
    let custom = [parallax_core::state::CustomTheme {
        label: "Mine".into(),
        terms: vec!["drone".into()],
    }];
    let with_themes = LinkBase {
        custom: &custom,
        edits: &parallax_core::state::NO_THEME_CHANGES,
        ..AT
    };
    let doc = real_corpus().document("000").unwrap();
    assert_eq!(reference(doc, &with_themes, accessed()), all[0]);
}

#[test]
fn csl_json_of_the_real_corpus() {
    let out = csl_json(&refs(&["000", "003", "004"]));
    let value: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        value,
        json!([
            {
                "id": "parallax-000",
                "type": "webpage",
                "title": T000,
                "author": [{ "literal": "A.Yeganeh" }],
                "issued": { "date-parts": [[2025, 3, 3]] },
                "accessed": { "date-parts": [[2026, 5, 20]] },
                "URL": "https://example.org/parallax/#/read/000?v=0123456789ab"
            },
            {
                "id": "parallax-003",
                "type": "webpage",
                "title": T003,
                "container-title": "Russland Iran Bündnis",
                "accessed": { "date-parts": [[2026, 5, 20]] },
                "URL": "https://example.org/parallax/#/read/003?v=0123456789ab"
            },
            {
                "id": "parallax-004",
                "type": "webpage",
                "title": "Russia & Iran: Unraveling A Complex Geopolitical Alliance",
                "accessed": { "date-parts": [[2026, 5, 20]] },
                "URL": "https://example.org/parallax/#/read/004?v=0123456789ab"
            }
        ])
    );
    assert!(out.ends_with("]\n"));
}

#[test]
fn bibtex_of_the_real_corpus() {
    let expected = "\
@misc{parallax-000,
  title = {{The Tehran-Moscow Axis: A Strategic Alliance Reshaping Global Power Dynamics Against Western Hegemony}},
  author = {{A.Yeganeh}},
  year = {2025},
  month = mar,
  date = {2025-03-03},
  url = {https://example.org/parallax/#/read/000?v=0123456789ab},
  urldate = {2026-05-20},
}

@misc{parallax-003,
  title = {{Russia \\& Iran: Unequal Allies Shaping a New Global Order}},
  howpublished = {Russland Iran Bündnis},
  url = {https://example.org/parallax/#/read/003?v=0123456789ab},
  urldate = {2026-05-20},
}
";
    assert_eq!(bibtex(&refs(&["000", "003"])), expected);
}

#[test]
fn ris_of_the_real_corpus() {
    let expected = [
        "TY  - ELEC",
        &format!("TI  - {T000}"),
        "AU  - A.Yeganeh",
        "PY  - 2025",
        "DA  - 2025/03/03/",
        "Y2  - 2026/05/20/",
        "UR  - https://example.org/parallax/#/read/000?v=0123456789ab",
        "ER  - ",
        "",
        "TY  - ELEC",
        &format!("TI  - {T003}"),
        "T2  - Russland Iran Bündnis",
        "Y2  - 2026/05/20/",
        "UR  - https://example.org/parallax/#/read/003?v=0123456789ab",
        "ER  - ",
        "",
    ]
    .join("\r\n");
    assert_eq!(ris(&refs(&["000", "003"])), expected);
}

#[test]
fn each_format_writes_its_references() {
    let r = refs(&["000"]);
    assert_eq!(Format::CslJson.write(&r), csl_json(&r));
    assert_eq!(Format::BibTeX.write(&r), bibtex(&r));
    assert_eq!(Format::Ris.write(&r), ris(&r));
    let ids: Vec<_> = Format::ALL.iter().map(|f| f.id()).collect();
    assert_eq!(ids, ["csl-json", "bibtex", "ris"]);
    let ext: Vec<_> = Format::ALL.iter().map(|f| f.extension()).collect();
    assert_eq!(ext, ["json", "bib", "ris"]);
    for f in Format::ALL {
        assert!(f.label().ends_with(')') && f.label().starts_with("For "));
    }
}

#[test]
fn days_exist_or_are_left_out() {
    assert_eq!(
        Day::new(2024, 2, 29).map(Day::iso).as_deref(),
        Some("2024-02-29")
    );
    assert_eq!(
        Day::new(2000, 2, 29).map(Day::iso).as_deref(),
        Some("2000-02-29")
    );
    for (y, m, d) in [
        (2025, 2, 29),
        (1900, 2, 29),
        (2025, 4, 31),
        (2025, 13, 1),
        (2025, 0, 1),
        (2025, 1, 0),
        (0, 1, 1),
        (10000, 1, 1),
    ] {
        assert_eq!(Day::new(y, m, d), None, "{y}-{m}-{d}");
    }
    assert_eq!(Day::from_iso("2025-03-03"), Day::new(2025, 3, 3));
    assert_eq!(Day::from_iso("2025-03-03T10:19"), Day::new(2025, 3, 3));
    for bad in [
        "2025-02-31",
        "2025-3-3",
        "20250303",
        "2025-03-03x",
        "2025-03",
        "+025-03-03",
        "２０２５-03-03",
        "",
    ] {
        assert_eq!(Day::from_iso(bad), None, "{bad}");
    }
    let d = Day::new(2026, 5, 20).unwrap();
    assert_eq!((d.year(), d.month(), d.day()), (2026, 5, 20));
}

/// A document whose every field tries to break out of its place.
fn hostile() -> Document {
    let mut doc = Document::from_passages("d9".into(), HOSTILE_TITLE.into(), Vec::new());
    doc.byline = Some(Byline {
        name: HOSTILE_AUTHOR.into(),
        source: BylineSource::Byline,
    });
    doc.site = Some(HOSTILE_SITE.into());
    // The cleaning reads "Feb 30" as a date line; a citation does not.
    doc.date = Some(DateInfo {
        text: "Feb 30, 2025".into(),
        iso: "2025-02-30".into(),
    });
    doc
}

const HOSTILE_TITLE: &str = "Evil} title\n@misc{x, title = {pwned}}\r\nTY  - JOUR\nER  - \u{2028}AU  - Forged\u{85}UR  - http://evil.example/ \"q\" \\ </script> \u{202e}rtl\u{0}\u{1b}[31m $ & % # _ ~ ^ {";
const HOSTILE_AUTHOR: &str = "Smith and Jones, Ltd {x}\nAU  - Second";
const HOSTILE_SITE: &str = "Site}, note = {forged";

#[test]
fn cleaned_fields_keep_words_and_drop_breaks_and_controls() {
    assert_eq!(
        clean_field(HOSTILE_TITLE).as_deref(),
        Some("Evil} title @misc{x, title = {pwned}} TY - JOUR ER - AU - Forged UR - http://evil.example/ \"q\" \\ </script> rtl [31m $ & % # _ ~ ^ {")
    );
    assert_eq!(clean_field(" \n\t\u{202e}\u{feff} "), None);
    let r = reference(&hostile(), &AT, accessed());
    assert_eq!(r.published, None, "an impossible date is left out");
    assert_eq!(r.authors, ["Smith and Jones, Ltd {x} AU - Second"]);
    // A title that is only the id is the pipeline's stand-in, not the page's.
    let untitled = Document::from_passages("my3".into(), "my3".into(), Vec::new());
    assert_eq!(reference(&untitled, &AT, accessed()).title, None);
    // An "About the Author" box is not a byline.
    let mut boxed = hostile();
    boxed.byline.as_mut().unwrap().source = BylineSource::AboutAuthorBox;
    assert!(reference(&boxed, &AT, accessed()).authors.is_empty());
}

#[test]
fn hostile_text_stays_a_json_string() {
    let r = reference(&hostile(), &AT, accessed());
    let out = csl_json(std::slice::from_ref(&r));
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 1);
    let item = items[0].as_object().unwrap();
    let mut keys: Vec<&str> = item.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "URL",
            "accessed",
            "author",
            "container-title",
            "id",
            "title",
            "type"
        ]
    );
    assert_eq!(item["title"], r.title.clone().unwrap().as_str());
    assert_eq!(item["author"], json!([{ "literal": r.authors[0] }]));
    assert_eq!(item["container-title"], "Site}, note = {forged");
    // A hand-made reference with raw control characters is escaped by serde, not trusted.
    let raw = Reference {
        title: Some("a\"b\\c\n\u{0}\u{2028}</script>".into()),
        ..r
    };
    let v: Value = serde_json::from_str(&csl_json(&[raw])).unwrap();
    assert_eq!(v[0]["title"], "a\"b\\c\n\u{0}\u{2028}</script>");
}

/// A BibTeX entry: type, key, and its fields with their raw values.
type Entry = (String, String, Vec<(String, String)>);

/// The BibTeX entries of `s` as a parser reads them, or what is wrong with them. Braces are
/// counted as BibTeX counts them: a backslash does not escape one.
fn parse_bibtex(s: &str) -> Result<Vec<Entry>, String> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut entries = Vec::new();
    let skip = |i: &mut usize| {
        while *i < b.len() && b[*i].is_ascii_whitespace() {
            *i += 1;
        }
    };
    loop {
        skip(&mut i);
        if i == b.len() {
            return Ok(entries);
        }
        if b[i] != b'@' {
            return Err(format!("text between entries at {i}: {:?}", &s[i..]));
        }
        let open = s[i..].find('{').ok_or("no brace")? + i;
        let kind = s[i + 1..open].to_owned();
        let comma = s[open..].find(',').ok_or("no key")? + open;
        let key = s[open + 1..comma].to_owned();
        i = comma + 1;
        let mut fields = Vec::new();
        loop {
            skip(&mut i);
            if b.get(i) == Some(&b'}') {
                i += 1;
                break;
            }
            let eq = s[i..].find('=').ok_or("no =")? + i;
            let name = s[i..eq].trim().to_owned();
            i = eq + 1;
            skip(&mut i);
            let start = i;
            if b.get(i) == Some(&b'{') {
                let mut depth = 0i32;
                loop {
                    match b.get(i) {
                        Some(b'{') => depth += 1,
                        Some(b'}') => depth -= 1,
                        None => return Err("unbalanced field".into()),
                        _ => {}
                    }
                    i += 1;
                    if depth == 0 {
                        break;
                    }
                }
            } else {
                while i < b.len() && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
            }
            fields.push((name, s[start..i].to_owned()));
            skip(&mut i);
            match b.get(i) {
                Some(b',') => i += 1,
                Some(b'}') => {}
                _ => return Err(format!("no comma after a field at {i}")),
            }
        }
        entries.push((kind, key, fields));
    }
}

/// A BibTeX value back to text: the outer braces off, the commands `tex` writes undone.
fn untex(v: &str) -> String {
    let v = &v[1..v.len() - 1];
    v.replace("\\textbackslash{}", "\u{1}")
        .replace("\\textbraceleft{}", "{")
        .replace("\\textbraceright{}", "}")
        .replace("\\textasciitilde{}", "~")
        .replace("\\textasciicircum{}", "^")
        .replace("\\$", "$")
        .replace("\\&", "&")
        .replace("\\%", "%")
        .replace("\\#", "#")
        .replace("\\_", "_")
        .replace('\u{1}', "\\")
}

/// Names of a BibTeX `author` value: split at " and " outside inner braces, as BibTeX does.
fn names(v: &str) -> usize {
    let inner = &v[1..v.len() - 1];
    let (mut depth, mut n) = (0, 1);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 && inner[i..].starts_with(" and ") => n += 1,
            _ => {}
        }
    }
    n
}

#[test]
fn hostile_text_stays_inside_its_bibtex_field() {
    let r = reference(&hostile(), &AT, accessed());
    let out = bibtex(std::slice::from_ref(&r));
    let entries = parse_bibtex(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    assert_eq!(entries.len(), 1, "{out}");
    let (kind, key, fields) = &entries[0];
    assert_eq!((kind.as_str(), key.as_str()), ("misc", "parallax-d9"));
    let names_of: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names_of,
        ["title", "author", "howpublished", "url", "urldate"],
        "{out}"
    );
    let field = |n: &str| &fields.iter().find(|(k, _)| k == n).unwrap().1;
    // The title in its inner braces, read back to the cleaned text.
    let title = field("title");
    assert!(title.starts_with("{{") && title.ends_with("}}"), "{title}");
    assert_eq!(untex(&title[1..title.len() - 1]), r.title.clone().unwrap());
    // One author, however many "and"s and commas the byline holds.
    assert_eq!(names(field("author")), 1, "{out}");
    assert_eq!(
        untex(&field("author")[1..field("author").len() - 1]),
        r.authors[0]
    );
    assert_eq!(untex(field("howpublished")), "Site}, note = {forged");
    // No raw special character is left to TeX.
    for (n, v) in fields {
        let body = &v[1..v.len() - 1];
        for (i, c) in body.char_indices() {
            if "$&%#_".contains(c) && n != "url" {
                assert!(body[..i].ends_with('\\'), "{n}: unescaped {c} in {v}");
            }
            assert!(!c.is_control(), "{n}: control character in {v}");
        }
    }
    // Two references with a newline in a title are still two entries.
    let two = bibtex(&[
        r.clone(),
        Reference {
            key: "parallax-b".into(),
            ..r.clone()
        },
    ]);
    assert_eq!(parse_bibtex(&two).unwrap().len(), 2);
    // A link with braces, a backslash or a space keeps the field balanced.
    let odd = Reference {
        url: "https://x.example/a{b}c\\d e#/read/d9?v=0123456789ab".into(),
        ..r
    };
    let entries = parse_bibtex(&bibtex(&[odd])).unwrap();
    let url = &entries[0].2.iter().find(|(k, _)| k == "url").unwrap().1;
    assert_eq!(
        url,
        "{https://x.example/a%7Bb%7Dc%5Cd%20e#/read/d9?v=0123456789ab}"
    );
}

#[test]
fn hostile_text_cannot_forge_a_ris_line() {
    let r = reference(&hostile(), &AT, accessed());
    // Also a hand-made reference whose fields were never cleaned.
    let raw = Reference {
        title: Some(HOSTILE_TITLE.into()),
        authors: vec![HOSTILE_AUTHOR.into()],
        site: Some("a\rT3  - b\u{2029}c".into()),
        url: "https://x.example/\nER  - ".into(),
        ..r.clone()
    };
    for reference in [r, raw] {
        let out = ris(std::slice::from_ref(&reference));
        assert!(out.ends_with("ER  - \r\n"));
        let body = out.strip_suffix("\r\n").unwrap();
        let lines: Vec<&str> = body.split("\r\n").collect();
        for l in &lines {
            assert!(
                !l.contains(['\r', '\n', '\u{2028}', '\u{2029}', '\u{85}', '\u{b}', '\u{c}']),
                "a line break inside a line: {l:?}"
            );
        }
        let tags: Vec<&str> = lines.iter().map(|l| &l[..6]).collect();
        assert_eq!(
            tags,
            ["TY  - ", "TI  - ", "AU  - ", "T2  - ", "Y2  - ", "UR  - ", "ER  - "],
            "{out}"
        );
        let ti = lines[1].strip_prefix("TI  - ").unwrap();
        assert_eq!(Some(ti.to_owned()), clean_field(HOSTILE_TITLE));
        let au = lines[2].strip_prefix("AU  - ").unwrap();
        assert_eq!(au, "Smith and Jones, Ltd {x} AU - Second");
    }
}

#[test]
fn citing_costs_linear_time_in_the_text() {
    let make = |k: usize| {
        let mut doc = hostile();
        doc.title = HOSTILE_TITLE.repeat(200 * k);
        doc.byline.as_mut().unwrap().name = HOSTILE_AUTHOR.repeat(200 * k);
        doc.site = Some(HOSTILE_SITE.repeat(200 * k));
        doc
    };
    let run = |doc: &Document| {
        cost(|| {
            let r = vec![reference(doc, &AT, accessed())];
            (csl_json(&r), bibtex(&r), ris(&r))
        })
    };
    let one = run(&make(1));
    for k in [2, 4, 8] {
        linear("cite", k, one, run(&make(k))).unwrap();
    }
    // Many sources: the cost grows with their number, not its square.
    let many = |k: usize| vec![hostile(); 100 * k];
    let run = |docs: &Vec<Document>| {
        cost(|| {
            let r: Vec<Reference> = docs.iter().map(|d| reference(d, &AT, accessed())).collect();
            (csl_json(&r), bibtex(&r), ris(&r))
        })
    };
    let one = run(&many(1));
    for k in [2, 4, 8] {
        linear("cite many", k, one, run(&many(k))).unwrap();
    }
}

#[test]
fn an_imported_document_is_cited_from_what_its_page_says_with_its_reader_link() {
    let md = "# The Pact, Signed & Sealed\n\nBy Jane Doe\n\n12 April 2024\n\nIran and Russia signed a treaty on trade and energy in January, after long talks in Moscow.\n";
    let imported =
        parallax_core::import::import("pact.md", md.as_bytes(), real_corpus(), "my1").unwrap();
    let r = reference(&imported.document, &AT, accessed());
    assert_eq!(
        r,
        Reference {
            key: "parallax-my1".into(),
            title: Some("The Pact, Signed & Sealed".into()),
            authors: vec!["Jane Doe".into()],
            site: None,
            published: Day::new(2024, 4, 12),
            accessed: accessed(),
            url: "https://example.org/parallax/#/read/my1?v=0123456789ab".into(),
        }
    );
}

/// A Markdown file whose front matter names two authors, a date, a site and its address: the
/// citation lists each author, and links to the page's own address, not to Parallax.
#[test]
fn an_imported_page_with_its_own_details_is_cited_by_them() {
    let md = "---\ntitle: Buses, Not Trams\nauthors: [Helen Marsh, Tom Reed]\ndate: 2025-03-12T09:30:00+01:00\n\
              site_name: The Courier\ncanonical: https://courier.example/buses\n---\n\
              # Buses, Not Trams\n\nThe council voted nine to four for a bus network instead of the tram line on Monday.\n";
    let imported =
        parallax_core::import::import("buses.md", md.as_bytes(), real_corpus(), "my1").unwrap();
    let r = reference(&imported.document, &AT, accessed());
    assert_eq!(
        r,
        Reference {
            key: "parallax-my1".into(),
            title: Some("Buses, Not Trams".into()),
            authors: vec!["Helen Marsh".into(), "Tom Reed".into()],
            site: Some("The Courier".into()),
            published: Day::new(2025, 3, 12),
            accessed: accessed(),
            url: "https://courier.example/buses".into(),
        }
    );
    let bib = bibtex(&[r]);
    assert!(bib.contains("{{Helen Marsh} and {Tom Reed}}"), "{bib}");
}
