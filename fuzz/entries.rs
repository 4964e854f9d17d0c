//! What each fuzz target runs on one input, shared by the `cargo fuzz` targets in `fuzz/` and
//! by `crates/core/tests/fuzz_corpus.rs`, which replays the kept corpora under `cargo test`.
//! Every entry takes raw bytes, must never panic, and asserts the cheap invariants the core
//! promises for that input (a canonical link reparses to itself, what is read back is what was
//! written, highlights join back to the text).
#![allow(clippy::disallowed_methods)] // Fuzz checks never reach the wasm.

use parallax_core::bundle;
use parallax_core::draft;
use parallax_core::export::LinkBase;
use parallax_core::import;
use parallax_core::model::Corpus;
use parallax_core::notes;
use parallax_core::search::Index;
use parallax_core::state::{self, Known, View};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// What a target runs on one input.
pub type Entry = fn(&[u8]);

/// The targets, by name: the folder names under `fuzz/corpus/` and `fuzz/regressions/`.
pub const TARGETS: &[(&str, Entry)] = &[
    ("state", state),
    ("step_link", step_link),
    ("import", import),
    ("notes", notes),
    ("draft", draft),
    ("bundle", bundle),
    ("query", query),
];

/// The repository root: the first folder above this crate's manifest that holds the corpus.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|d| d.join("corpus/iran-russia/corpus.toml").is_file())
        .expect("the repository's corpus/iran-russia above CARGO_MANIFEST_DIR")
        .to_path_buf()
}

/// The bundled corpus, its known ids and its search index, built once per process.
struct Real {
    corpus: Corpus,
    known: Known,
    index: Index,
}

fn real() -> &'static Real {
    static REAL: OnceLock<Real> = OnceLock::new();
    REAL.get_or_init(|| {
        let corpus = parallax_core::source::load_dir(&repo_root().join("corpus/iran-russia"))
            .expect("the bundled corpus builds");
        let checksum = bundle::decode(&bundle::encode(&corpus))
            .expect("an encoded corpus decodes")
            .checksum;
        Real {
            known: Known::new(&corpus, &checksum),
            index: Index::build(&corpus),
            corpus,
        }
    })
}

fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// `state::parse` of any fragment (lessons, `#/lesson?…`, included): the canonical link of the
/// state reparses to the same state, with no notice but the sources it names that this copy
/// lacks, and prints the same; a lesson has steps
/// and a current step among them, and building it again from its steps gives its first step
/// (without the view opened from its step, if any).
pub fn state(data: &[u8]) {
    let k = &real().known;
    let input = text(data);
    let (s, _) = state::parse(&input, k);
    let url = state::print(&s, &k.version);
    let (again, notices) = state::parse(&url, k);
    assert_eq!(again, s, "{url} reparses to another state");
    // Only the sources this copy lacks are named again: a lesson keeps its steps on them.
    assert!(
        notices
            .iter()
            .all(|n| matches!(n, state::Notice::MissingDocs { .. })),
        "{url} gave {notices:?}"
    );
    assert_eq!(state::print(&again, &k.version), url);
    if let View::Lesson(l) = &s.view {
        assert!(!l.steps.is_empty() && (1..=l.steps.len()).contains(&l.at));
        let (built, notices) = state::lesson(&l.title, l.steps.clone());
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(built, Some(l.go(1)));
    }
    let _ = state::canonical_replacement(input.trim_start_matches('#'), &s, &[], &k.version);
}

/// `state::parse_step_link`, a lesson step's link: never a lesson itself, and the canonical
/// link (`step_link`) of a step kept reads back to the same state.
pub fn step_link(data: &[u8]) {
    let k = &real().known;
    let Ok((s, _)) = state::parse_step_link(&text(data), k) else {
        return;
    };
    assert!(!matches!(s.view, View::Lesson(_)), "a step opened a lesson");
    let link = state::step_link(&s);
    let again = state::parse_step_link(&link, k).map(|(again, _)| again);
    assert_eq!(again, Ok(s), "{link} reads back as another state");
}

/// `import::import` of a file: the first byte picks the name (`.txt`, `.md`, `.html`, or a
/// `.txt` written in UTF-16 with a byte-order mark, the rest taken as UTF-16LE or BE code
/// units), the rest is the file. An import is a document whose stored text rebuilds it.
pub fn import(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let mut utf16;
    let (name, bytes) = match pick % 6 {
        0 => ("notes.txt", rest),
        1 => ("draft.md", rest),
        2 => ("page.html", rest),
        3 => ("untitled", rest),
        4 => {
            utf16 = vec![0xFF, 0xFE];
            utf16.extend_from_slice(rest);
            ("utf16le.txt", &utf16[..])
        }
        _ => {
            utf16 = vec![0xFE, 0xFF];
            utf16.extend_from_slice(rest);
            ("utf16be.txt", &utf16[..])
        }
    };
    let r = real();
    if let Ok(i) = import::import(name, bytes, &r.corpus, "my1") {
        let d = &i.document;
        for p in &d.passages {
            assert!(p.start <= p.end, "passage {} ends before it starts", p.id);
            for s in &p.sentences {
                let (a, b) = (s.start as usize, s.end as usize);
                assert!(
                    a <= b && b <= p.text.len(),
                    "sentence outside passage {}",
                    p.id
                );
                assert!(p.text.is_char_boundary(a) && p.text.is_char_boundary(b));
            }
        }
        assert_eq!(&import::document("my1", name, &i.text), d);
    }
}

/// `notes::from_json` and `notes::from_markdown` of the same text: what JSON reads writes back
/// and reads the same; the notes Markdown reads, written as Markdown, read back the same.
pub fn notes(data: &[u8]) {
    let s = text(data);
    if let Ok(nb) = notes::from_json(&s) {
        let json = notes::to_json(&nb);
        assert_eq!(notes::from_json(&json).as_ref(), Ok(&nb), "{json}");
    }
    if let Ok(read) = notes::from_markdown(&s) {
        let r = real();
        if let Ok((nb, _)) = notes::merge(&notes::Notebook::default(), read, &r.corpus) {
            let at = LinkBase {
                base: "https://example.org/parallax/",
                version: &r.known.version,
                custom: &[],
                edits: &parallax_core::state::NO_THEME_CHANGES,
                pages: &[],
            };
            let md = notes::to_markdown(&nb, &r.corpus, at);
            let mut back = notes::from_markdown(&md).expect("written Markdown reads back");
            let mut want = nb.notes.clone();
            back.sort_by(|a, b| a.id.cmp(&b.id));
            want.sort_by(|a, b| a.id.cmp(&b.id));
            assert_eq!(back, want, "{md}");
        }
    }
}

/// `draft::from_json`, the lesson draft local storage keeps: a draft read writes back and reads
/// the same, without notices.
pub fn draft(data: &[u8]) {
    let k = &real().known;
    if let Ok((d, _)) = draft::from_json(&text(data), k) {
        let json = draft::to_json(&d);
        assert_eq!(draft::from_json(&json, k), Ok((d, vec![])), "{json}");
    }
}

/// `bundle::decode`: the first byte picks raw bytes, or the rest as a payload under a valid
/// header (magic, version, its SHA-256), so that the corpus decoder sees the input. A decoded
/// corpus encodes to a bundle that decodes to the same corpus.
pub fn bundle(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let bytes = if pick & 1 == 0 {
        rest.to_vec()
    } else {
        let mut b = bundle::MAGIC.to_vec();
        b.extend_from_slice(&bundle::FORMAT_VERSION.to_le_bytes());
        b.extend_from_slice(&sha256(rest));
        b.extend_from_slice(rest);
        b
    };
    if let Ok(b) = bundle::decode(&bytes) {
        let again =
            bundle::decode(&bundle::encode(&b.corpus)).expect("a re-encoded bundle decodes");
        assert_eq!(again.corpus, b.corpus);
    }
}

/// SHA-256 (FIPS 180-4), written out here so that neither the core nor its tests need a new
/// dependency for the header of a fuzzed payload.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = bytes.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((bytes.len() as u64) * 8).to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, c) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (o, x) in out.chunks_exact_mut(4).zip(h) {
        o.copy_from_slice(&x.to_be_bytes());
    }
    out
}

/// The search query language on the bundled corpus: any query parses and runs; the ranking
/// with scores and without agree, scores are finite and best first; highlights of the best
/// passages, and of the query's own text, join back to the text.
pub fn query(data: &[u8]) {
    let r = real();
    let q = text(data);
    let query = r.index.parse(&q);
    assert_eq!(r.index.parse(&q), query, "parsing is deterministic");
    let hits = r.index.run(&query);
    let units = r.index.run_units(&query);
    assert_eq!(hits.len(), units.len());
    for (h, &u) in hits.iter().zip(&units) {
        assert_eq!(h.unit, r.index.units()[u as usize]);
        assert!(h.score.is_finite(), "{h:?}");
    }
    assert!(
        hits.windows(2).all(|w| w[0].score >= w[1].score),
        "not best first"
    );
    for h in hits.iter().take(3) {
        let p = &r.corpus.documents[h.unit.doc as usize].passages[h.unit.passage as usize];
        let joined: String = r
            .index
            .highlight(&p.text, &query)
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(joined, p.text);
    }
    let joined: String = r
        .index
        .highlight(&q, &query)
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert_eq!(joined, q);
}
