//! Quality signals on the real corpus: which source raises which signal, with valid evidence;
//! and the cues of machine generation and the reading level's evidence on text written here.

use parallax_core::model::{Corpus, Document, Lang, Sentence};
use parallax_core::signals::{signals, DocumentSignals, SignalKind, READING_EVIDENCE};
use parallax_core::source::load_dir;
use std::path::Path;

/// Evidence text as the snapshot shows it: on one line, and cut after 90 characters.
fn shown(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(90) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

#[test]
fn signals_per_source() {
    let corpus =
        load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia")).unwrap();
    let all = signals(&corpus);
    let mut out = String::new();
    for d in &all {
        let doc = corpus.document(&d.id).unwrap();
        for s in &d.signals {
            assert_eq!(serde_json::to_value(s.kind).unwrap(), s.kind.id());
            out += &format!("{} {:?}: {}\n", d.id, s.kind, s.label);
            // Only absences have nothing to point at: no date, or no name at all.
            let absence = match s.kind {
                SignalKind::MissingDate => true,
                SignalKind::MissingByline => doc.byline.is_none(),
                _ => false,
            };
            assert_eq!(s.evidence.is_empty(), absence, "{} {:?}", d.id, s.kind);
            for e in &s.evidence {
                match &e.passage {
                    Some(p) => assert_eq!(
                        &doc.passage(p).unwrap().text[e.start as usize..e.end as usize],
                        e.text
                    ),
                    None => assert!(doc
                        .removed
                        .iter()
                        .any(|r| r.start == e.start && r.text == e.text)),
                }
                out += &format!(
                    "    {} {}..{} {}\n",
                    e.passage.as_deref().unwrap_or("removed"),
                    e.start,
                    e.end,
                    shown(&e.text)
                );
            }
        }
    }
    insta::assert_snapshot!(out);
    let has = |id: &str, kind: SignalKind| {
        all.iter()
            .find(|d| d.id == id)
            .unwrap()
            .signals
            .iter()
            .any(|s| s.kind == kind)
    };
    assert!(has("002", SignalKind::KeywordStuffing) && has("003", SignalKind::KeywordStuffing));
    assert!(!has("000", SignalKind::KeywordStuffing));
    assert!(has("001", SignalKind::MachineGeneration) && has("004", SignalKind::MachineGeneration));
    assert!(
        !has("000", SignalKind::MachineGeneration) && !has("002", SignalKind::MachineGeneration)
    );
    for id in ["001", "002", "004"] {
        assert!(has(id, SignalKind::FabricatedAuthor), "{id}");
    }
    assert!(has("003", SignalKind::Promotion) && has("003", SignalKind::MissingByline));
    assert!(!has("000", SignalKind::MissingByline) && !has("000", SignalKind::MissingDate));
}

/// A corpus of one-passage documents `d0`, `d1`…, split into sentences after ". ".
fn corpus(passages: &[&str]) -> Corpus {
    let documents = passages
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let mut sentences = Vec::new();
            let mut start = 0;
            for (at, _) in text.match_indices(". ") {
                sentences.push(sentence(start, at + 1));
                start = at + 2;
            }
            sentences.push(sentence(start, text.len()));
            Document::from_passages(
                format!("d{i}"),
                format!("Document {i}"),
                [(text.to_string(), sentences)],
            )
        })
        .collect();
    Corpus::of_documents("test", "Test", documents)
}

fn sentence(start: usize, end: usize) -> Sentence {
    Sentence {
        start: start as u32,
        end: end as u32,
        lang: Lang::En,
    }
}

/// The evidence texts of one kind of signal, per document.
fn evidence(all: &[DocumentSignals], kind: SignalKind) -> Vec<Vec<String>> {
    all.iter()
        .map(|d| {
            d.signals
                .iter()
                .filter(|s| s.kind == kind)
                .flat_map(|s| &s.evidence)
                .map(|e| e.text.clone())
                .collect()
        })
        .collect()
}

#[test]
fn machine_generation_cues_fire_on_traces_in_four_languages() {
    // Written for this test, none from the corpus: each sentence and the span it should raise.
    let cases: &[(&str, &[&str])] = &[
        // A quoted label naming data, cited as a source: before, after, with an adverb between.
        (
            "According to the \"Input Data\", the ferry service resumes in April.",
            &["\"Input Data\""],
        ),
        (
            "The \"Data Berita\" clearly states that the dam was finished in 2019.",
            &["\"Data Berita\""],
        ),
        (
            "Selon les \"Données\", la production de blé a doublé.",
            &["\"Données\""],
        ),
        (
            "Menurut \"Data Survei\", harga beras naik tajam.",
            &["\"Data Survei\""],
        ),
        // Labels of data sets, prompts and files, in any short quote.
        (
            "Der \"Datensatz\" nennt keine Zahlen für 2020.",
            &["\"Datensatz\""],
        ),
        (
            "The \"harbour vote data set\" lists three mayors.",
            &["\"harbour vote data set\""],
        ),
        // A model speaking of itself, its cut-off, its material; interface text left in.
        (
            "As an AI language model, I cannot verify the mayor's remarks.",
            &["As an AI language model"],
        ),
        (
            "As of my last update, the bridge had not reopened.",
            &["As of my last update"],
        ),
        (
            "I cannot browse the internet, but the vote was set for May.",
            &["I cannot browse"],
        ),
        (
            "[Insert expert name] told reporters the harbour was safe.",
            &["[Insert"],
        ),
        (
            "Prompt: write a news story about the harbour vote.",
            &["Prompt:"],
        ),
        (
            "The vote passed. Regenerate response",
            &["Regenerate response"],
        ),
        (
            "Cette analyse reprend les données fournies sur le commerce.",
            &["les données fournies"],
        ),
        (
            "Der Text stützt sich auf die bereitgestellten Daten zum Handel.",
            &["die bereitgestellten Daten"],
        ),
        (
            "Laporan ini disusun dari data yang diberikan pengguna.",
            &["data yang diberikan"],
        ),
        (
            "En tant qu'IA, je ne peux pas confirmer ce chiffre.",
            &["En tant qu'IA"],
        ),
        (
            "The festival, a hypothetical future event in the provided text, drew crowds.",
            &["hypothetical future event", "the provided text"],
        ),
    ];
    let texts: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let found = evidence(&signals(&corpus(&texts)), SignalKind::MachineGeneration);
    for ((text, want), got) in cases.iter().zip(&found) {
        let mut want: Vec<&str> = want.to_vec();
        let mut got: Vec<&str> = got.iter().map(String::as_str).collect();
        want.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn machine_generation_cues_stay_silent_on_ordinary_journalism() {
    // Written for this test: data, prompts, quotes and AI in ordinary reporting.
    let texts = [
        "The data show that rents rose by 4 percent last year.",
        "According to the data released by the statistics office, exports fell.",
        "Officials provided data on arrivals, and the agency published a PDF report.",
        "The data provided by the ministry covers only the first quarter.",
        "The ministry's \"Data Protection Act\" took effect in May.",
        "\"Big data\" is reshaping how cities plan bus routes, planners said.",
        "The council's \"open data\" portal shows every contract since 2015.",
        "In a speech titled \"Data and Democracy\", the minister said little.",
        "She worked as an aide to the mayor before running for office.",
        "He spent ten years as an AIDS researcher in Nairobi.",
        "\"I am an AI researcher, not a lawyer,\" she said.",
        "The chatbot, which its makers describe as a language model, was withdrawn.",
        "The prompt release of the hostages surprised negotiators.",
        "Journalists asked whether the prompt payment scheme would survive.",
        "Les données de l'Insee montrent une hausse du chômage.",
        "Laut Daten des Bundesamts stieg die Zahl der Anträge.",
        "Menurut data resmi, inflasi turun pada bulan Mei.",
        "The training data behind such chatbots is rarely disclosed, researchers said.",
        "Given the text of the treaty, lawyers expect a long ratification.",
    ];
    let found = evidence(&signals(&corpus(&texts)), SignalKind::MachineGeneration);
    for (text, got) in texts.iter().zip(&found) {
        assert!(got.is_empty(), "{text}: {got:?}");
    }
}

#[test]
fn the_reading_level_points_at_its_heaviest_sentences() {
    let text = "The vote passed. Councillors approved an extraordinarily complicated \
                intergovernmental reorganisation of metropolitan transportation authorities. \
                Buses run late. The harbour authority approved a second container terminal on \
                Tuesday after two years of hearings. Trams return in May. Enrolment in \
                vocational institutions increased considerably.";
    let all = signals(&corpus(&[text, ""]));
    let level = |d: usize| {
        all[d]
            .signals
            .iter()
            .find(|s| s.kind == SignalKind::ReadingLevel)
            .unwrap()
    };
    let got: Vec<&str> = level(0).evidence.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(got.len(), READING_EVIDENCE);
    assert_eq!(
        got,
        [
            "Councillors approved an extraordinarily complicated intergovernmental \
             reorganisation of metropolitan transportation authorities.",
            "The harbour authority approved a second container terminal on Tuesday after two \
             years of hearings.",
            "Enrolment in vocational institutions increased considerably.",
        ]
    );
    for e in &level(0).evidence {
        assert_eq!(e.passage.as_deref(), Some("p1"));
        assert_eq!(&text[e.start as usize..e.end as usize], e.text);
    }
    assert!(level(0)
        .label
        .contains("the 3 sentences with the most syllables"));
    // No sentence, no evidence, and the label claims none.
    assert!(level(1).evidence.is_empty() && !level(1).label.contains("evidence"));
}

#[test]
fn only_absences_have_no_evidence() {
    // A bare document: no byline, no date. Those two signals point at nothing, deliberately;
    // every other signal it raises points at words.
    let text = "As an AI language model, I cannot say. The harbour vote passed on Tuesday.";
    let all = signals(&corpus(&[text]));
    let kinds: Vec<(SignalKind, bool)> = all[0]
        .signals
        .iter()
        .map(|s| (s.kind, s.evidence.is_empty()))
        .collect();
    assert_eq!(
        kinds,
        [
            (SignalKind::MachineGeneration, false),
            (SignalKind::MissingByline, true),
            (SignalKind::MissingDate, true),
            (SignalKind::ReadingLevel, false),
        ]
    );
}
