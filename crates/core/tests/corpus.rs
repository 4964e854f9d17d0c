//! Integration tests of the core on the real corpus in `corpus/iran-russia`: cleaning snapshots,
//! segmentation invariants, languages, personal-data scan, determinism and bad input.

use parallax_core::source::{load_dir, BuildError};
use parallax_core::{decode, encode, Corpus, Lang, RemovalKind};
use regex::Regex;
use std::path::{Path, PathBuf};

mod personal;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia")
}

fn corpus() -> Corpus {
    load_dir(&corpus_dir()).expect("the real corpus builds")
}

fn raw(file: &str) -> String {
    std::fs::read_to_string(corpus_dir().join(file)).unwrap()
}

/// One snapshot per source: metadata, the kept outline (section headings and the start of each
/// passage) and every removed block with its reason.
#[test]
fn cleaning_snapshots_per_source() {
    for doc in corpus().documents {
        let mut out = String::new();
        out += &format!("title: {}\n", doc.title);
        out += &format!(
            "byline: {:?}\n",
            doc.byline.as_ref().map(|b| (&b.name, b.source))
        );
        out += &format!("date: {:?}\n", doc.date.as_ref().map(|d| (&d.text, &d.iso)));
        out += "\n## kept\n";
        for (i, s) in doc.sections.iter().enumerate() {
            out += &format!("{} {}\n", s.id, s.heading.as_deref().unwrap_or("(lead)"));
            for p in doc.passages.iter().filter(|p| p.section as usize == i) {
                let head: String = p.text.chars().take(60).collect();
                out += &format!("  {} [{} sentences] {head}…\n", p.id, p.sentences.len());
            }
        }
        out += "\n## removed\n";
        for r in &doc.removed {
            out += &format!(
                "- {:?}: {}\n  {}\n",
                r.kind,
                r.kind.label(),
                r.text.replace('\n', "\n  ")
            );
        }
        insta::assert_snapshot!(format!("clean_{}", doc.id), out);
    }
}

#[test]
fn expected_metadata_is_read() {
    let c = corpus();
    let d000 = c.document("000").unwrap();
    assert_eq!(d000.byline.as_ref().unwrap().name, "A.Yeganeh");
    assert_eq!(d000.date.as_ref().unwrap().iso, "2025-03-03T10:19");
    let d003 = c.document("003").unwrap();
    let b = d003.byline.as_ref().unwrap();
    assert_eq!(
        (b.name.as_str(), b.source),
        ("Timothy Cline", parallax_core::BylineSource::AboutAuthorBox)
    );
    for id in ["001", "002", "004"] {
        let d = c.document(id).unwrap();
        assert!(
            d.removed
                .iter()
                .any(|r| r.kind == RemovalKind::AuthorProfile),
            "{id} profile"
        );
        assert!(
            d.removed.iter().any(|r| r.kind == RemovalKind::Socials),
            "{id} socials"
        );
        assert!(
            d.removed
                .iter()
                .any(|r| r.kind == RemovalKind::CallToComment),
            "{id} call to comment"
        );
        assert!(
            d.removed
                .iter()
                .any(|r| r.kind == RemovalKind::RelatedLinks),
            "{id} related links"
        );
        assert!(
            d.removed
                .iter()
                .any(|r| r.kind == RemovalKind::TableOfContents),
            "{id} toc"
        );
    }
    assert_eq!(
        d003.removed
            .iter()
            .filter(|r| r.kind == RemovalKind::Promotion)
            .count(),
        2
    );
}

/// No email, phone number, street address, state and ZIP, social URL or handle survives anywhere
/// in the bundle, nor a link in removed text: not in passages, headings, titles or bylines, and
/// not in the removed blocks' text either (the checker `personal::corpus_findings`, shared with
/// `personal_data.rs`); nor any field of a profile card or its social box (employer, job title,
/// bio, follower counts: together they can name a person). The bundle holds the real corpus and
/// the pages of `tests/fixtures/personal/`, which put personal data in prose, outside any card
/// (the corpus has it only in cards): each redaction rule has values there that only it takes
/// out, so the scan fails when any rule is missing.
#[test]
fn no_personal_data_in_the_bundle() {
    let mut corpus = corpus();
    let real = corpus.documents.len();
    corpus.documents.extend(personal::documents());
    let bundle = decode(&encode(&corpus)).unwrap();
    assert_eq!(
        bundle.corpus.documents.len(),
        real + personal::FIXTURES.len()
    );
    let mut failures = personal::corpus_findings(&bundle.corpus);
    for (f, d) in personal::FIXTURES
        .iter()
        .zip(&bundle.corpus.documents[real..])
    {
        failures.extend(personal::value_failures(f, d));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let shown: Vec<&str> = bundle
        .corpus
        .documents
        .iter()
        .flat_map(personal::texts)
        .map(|(_, text)| text)
        .collect();
    assert!(shown.len() > 50);
    // The values of the raw pages' card fields appear nowhere, under any label: employers, job
    // titles and bios by their text, follower counts beside their field name (a bare number is
    // everywhere).
    let field = Regex::new(
        r"(?im)^\s*•\s*(company|job|occupation|bio|followers|following)\s*:\s*(.+?)\s*$",
    )
    .unwrap();
    let mut values = 0;
    for d in &bundle.corpus.documents[..real] {
        for m in field.captures_iter(&raw(&d.file)) {
            let (key, value) = (&m[1], &m[2]);
            values += 1;
            for text in &shown {
                if value.chars().any(char::is_alphabetic) {
                    assert!(!text.contains(value), "{key} {value:?} found in {text:?}");
                } else {
                    assert!(
                        !text.contains(&format!("{key} : {value}")),
                        "{key} {value:?} found in {text:?}"
                    );
                }
            }
        }
    }
    assert!(
        values >= 6,
        "the raw pages' card fields were not found ({values})"
    );
    // And the scan does catch the raw pages' personal data, every shape of it, so it cannot pass
    // vacuously.
    let mut raw_pages: String = bundle.corpus.documents[..real]
        .iter()
        .map(|d| raw(&d.file))
        .collect();
    raw_pages.extend(personal::FIXTURES.iter().map(personal::raw));
    let found = personal::findings(
        personal::Place::Removed(RemovalKind::Navigation),
        &raw_pages,
    );
    for what in personal::PATTERNS
        .iter()
        .map(|&(what, _)| what)
        .chain(["link"])
    {
        assert!(
            found.iter().any(|(w, _)| *w == what),
            "{what} never matches the raw pages"
        );
    }
}

#[test]
fn passages_have_stable_ids_offsets_and_no_markup() {
    let c = corpus();
    let markup = Regex::new(r"\*\*|#{2,}|\]\(#|^\* |\s\* |^- |•|---").unwrap();
    for d in &c.documents {
        let raw = raw(&d.file);
        assert_eq!(d.original_len as usize, raw.len());
        for (i, p) in d.passages.iter().enumerate() {
            assert_eq!(p.id, format!("p{}", i + 1));
            assert!(p.start < p.end && (p.end as usize) <= raw.len());
            assert!(raw.is_char_boundary(p.start as usize) && raw.is_char_boundary(p.end as usize));
            // The passage's first and last words are where its offsets say.
            let span = &raw[p.start as usize..p.end as usize];
            let first = p.text.split_whitespace().next().unwrap();
            let last = p.text.split_whitespace().last().unwrap();
            assert!(
                span.contains(first) && span.contains(last),
                "{} {}",
                d.id,
                p.id
            );
            assert!(
                !markup.is_match(&p.text),
                "markup in {} {}: {}",
                d.id,
                p.id,
                p.text
            );
            assert!(!p.sentences.is_empty());
            let mut prev = 0;
            for s in &p.sentences {
                assert!(s.start >= prev && s.start < s.end && s.end as usize <= p.text.len());
                assert!(
                    p.text.is_char_boundary(s.start as usize)
                        && p.text.is_char_boundary(s.end as usize)
                );
                prev = s.end;
            }
        }
        for s in &d.sections {
            if let Some(h) = &s.heading {
                assert!(!markup.is_match(h), "markup in heading {h}");
            }
        }
    }
    // 002 holds its sections as `###` headings inlined in one 17,000-character line.
    let d002 = c.document("002").unwrap();
    let headings: Vec<&str> = d002
        .sections
        .iter()
        .filter_map(|s| s.heading.as_deref())
        .collect();
    assert_eq!(headings.len(), 12);
    assert_eq!(
        headings[0],
        "Historical Foundations of the Iran-Russia Alliance"
    );
    assert_eq!(headings[11], "Conclusion: A Reshaping of Global Power");
}

#[test]
fn sentences_carry_their_language() {
    let c = corpus();
    let french: Vec<String> = c
        .document("004")
        .unwrap()
        .passages
        .iter()
        .flat_map(|p| {
            p.sentences
                .iter()
                .filter(|s| s.lang == Lang::Fr)
                .map(|s| p.sentence_text(s).to_owned())
        })
        .collect();
    assert!(
        french
            .iter()
            .any(|s| s.starts_with("La guerre entre Israël et l’Iran place Moscou")),
        "{french:#?}"
    );
    assert!(
        french.iter().any(|s| s.contains("a favorisé la naissance")),
        "{french:#?}"
    );
    assert!(french.len() >= 3 && french.len() <= 6, "{french:#?}");
    // Every other source is English throughout.
    for d in c.documents.iter().filter(|d| d.id != "004") {
        for p in &d.passages {
            for s in &p.sentences {
                assert_eq!(
                    s.lang,
                    Lang::En,
                    "{} {}: {}",
                    d.id,
                    p.id,
                    p.sentence_text(s)
                );
            }
        }
    }
}

#[test]
fn same_input_gives_byte_identical_bundles() {
    let a = encode(&corpus());
    let b = encode(&corpus());
    assert_eq!(a, b);
    assert_eq!(decode(&a).unwrap().corpus, corpus());
}

/// Writes a corpus folder with the given manifest and files into a fresh temporary folder.
fn scratch(name: &str, manifest: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("parallax-core-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("corpus.toml"), manifest).unwrap();
    for (file, bytes) in files {
        std::fs::write(dir.join(file), bytes).unwrap();
    }
    dir
}

const ONE: &str = "name = \"t\"\ntitle = \"T\"\n\n[[source]]\nid = \"a\"\nfile = \"a.txt\"\n";

#[test]
fn bad_inputs_get_clear_errors_naming_the_file() {
    let good: &[u8] =
        b"A Title\n\nA paragraph that says something about the story, long enough to keep.\n";
    /// (case name, manifest, files, expected message part)
    type Case<'a> = (&'a str, String, Vec<(&'a str, &'a [u8])>, &'a str);
    let cases: Vec<Case> = vec![
        (
            "empty",
            ONE.into(),
            vec![("a.txt", b"" as &[u8])],
            "a.txt: the file is empty",
        ),
        (
            "blank",
            ONE.into(),
            vec![("a.txt", b" \n\n\t\n" as &[u8])],
            "a.txt: the file is empty",
        ),
        (
            "utf8",
            ONE.into(),
            vec![("a.txt", b"Title\n\nok line\n\xff\xfe bad\n" as &[u8])],
            "a.txt:4: the file is not valid UTF-8",
        ),
        ("missing", ONE.into(), vec![], "a.txt: no such file"),
        (
            "malformed",
            "name = \"t\"\ntitle = \n".into(),
            vec![],
            "corpus.toml:2: invalid manifest",
        ),
        (
            "unknown-key",
            format!("{ONE}colour = \"red\"\n"),
            vec![("a.txt", good)],
            "corpus.toml:7: invalid manifest: unknown field `colour`",
        ),
        (
            "duplicate-id",
            format!("{ONE}\n[[source]]\nid = \"a\"\nfile = \"b.txt\"\n"),
            vec![("a.txt", good)],
            "invalid manifest: source id \"a\" appears twice",
        ),
        (
            "escape",
            ONE.replace("a.txt", "../a.txt"),
            vec![],
            "must be inside the corpus folder",
        ),
        (
            "no-sources",
            "name = \"t\"\ntitle = \"T\"\nsource = []\n".into(),
            vec![],
            "lists no [[source]]",
        ),
        (
            "only-junk",
            ONE.into(),
            vec![(
                "a.txt",
                b"Title\n\nSocials\n\ninstagram:\n\n  \xe2\x80\xa2 url : https://instagram.com/x\n"
                    as &[u8],
            )],
            "a.txt: no article text is left",
        ),
    ];
    for (name, manifest, files, want) in cases {
        let dir = scratch(name, &manifest, &files);
        let err = load_dir(&dir).expect_err(name).to_string();
        assert!(err.contains(want), "{name}: got {err:?}, want {want:?}");
        assert!(
            err.contains(&dir.display().to_string()),
            "{name}: {err} names no path"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
    let dir = scratch("ok", ONE, &[("a.txt", good)]);
    assert!(load_dir(&dir).is_ok());
    let missing_manifest = load_dir(&dir.join("nope"));
    assert!(matches!(missing_manifest, Err(BuildError::Io { .. })));
    let _ = std::fs::remove_dir_all(&dir);
}
