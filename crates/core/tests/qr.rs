//! QR codes of real links, read back by an independent decoder (`rqrr`): what the app draws is
//! what a phone reads, up to `MAX_QR_BYTES` and not past it.

mod common;

use parallax_core::qr::{Qr, QrError, MAX_VERSION, QUIET};
use parallax_core::state::{
    lesson, print, Compare, Explore, LinkFit, Read, State, Step, View, MAX_QR_BYTES,
};
use proptest::prelude::*;

/// Pixels per module in the test image.
const SCALE: usize = 3;

/// What a camera would see: the code black on white, with its quiet zone, read by `rqrr`.
fn decode(q: &Qr) -> String {
    let side = q.side() * SCALE;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        let (mx, my) = (x / SCALE, y / SCALE);
        let inside = |m: usize| m >= QUIET && m < QUIET + q.width();
        if inside(mx) && inside(my) && q.is_dark(mx - QUIET, my - QUIET) {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one code found");
    let (meta, text) = grids[0].decode().expect("the code decodes");
    assert_eq!(meta.version.0 as i16, q.version());
    text
}

/// The image drawn from the SVG path instead of the grid: every `M x y h n v1 h-n z` filled.
fn decode_path(q: &Qr) -> String {
    let side = q.side();
    let mut dark = vec![false; side * side];
    for rect in q.path().split('M').filter(|r| !r.is_empty()) {
        let (xy, rest) = rect.split_once('h').unwrap();
        let (x, y) = xy.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let n: usize = rest.split_once('v').unwrap().0.parse().unwrap();
        assert_eq!(rest, format!("{n}v1h-{n}z"));
        for i in x..x + n {
            dark[y * side + i] = true;
        }
    }
    let px = side * SCALE;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
        if dark[(y / SCALE) * side + x / SCALE] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1);
    grids[0].decode().expect("the path decodes").1
}

const BASE: &str = "https://example.org/parallax/";

fn link(state: &State) -> String {
    format!("{BASE}{}", print(state, &common::known().version))
}

fn view(view: View) -> State {
    State {
        view,
        custom: Vec::new(),
        edits: Default::default(),
    }
}

#[test]
fn real_view_links_read_back_exactly() {
    let known = common::known();
    let (doc, passages) = &known.docs[0];
    let links = [
        link(&view(View::Library)),
        link(&view(View::Read(Read::at(doc, Some(&passages[2]))))),
        link(&view(View::Compare(Compare {
            docs: vec![known.docs[1].0.clone(), known.docs[3].0.clone()],
            theme: Some(known.themes[0].clone()),
            only_differ: true,
        }))),
        link(&view(View::Explore(Explore {
            query: "\"payment systems\" sanction* -Israel".into(),
            ..Explore::default()
        }))),
    ];
    for l in links {
        let q = Qr::encode(&l).unwrap();
        assert!(q.is_medium(), "a short link keeps error correction M");
        assert_eq!(decode(&q), l);
        assert_eq!(decode_path(&q), l);
    }
}

#[test]
fn a_lesson_link_with_notes_reads_back() {
    let known = common::known();
    let steps = vec![
        Step::new(
            view(View::Read(Read::at(
                &known.docs[0].0,
                Some(&known.docs[0].1[1]),
            ))),
            "Read this passage.\nWho is speaking — and why “now”?",
        ),
        Step {
            question: "Which figure differs?".into(),
            answer: "The second".into(),
            ..Step::new(
                view(View::Compare(Compare {
                    docs: vec![known.docs[0].0.clone(), known.docs[1].0.clone()],
                    ..Compare::default()
                })),
                "Compare the two.",
            )
        },
    ];
    let (state, _) = lesson("Two views: à la carte", steps);
    let l = link(&state.unwrap());
    assert_eq!(LinkFit::of(l.len()), LinkFit::Qr);
    assert_eq!(decode(&Qr::encode(&l).unwrap()), l);
}

#[test]
fn a_link_of_exactly_max_qr_bytes_encodes_within_version_25_and_reads_back() {
    // A lesson-like link, percent-encoded notes and all, padded to the limit.
    let head = format!("{BASE}#/lesson?title=Limit&step=/read/001!");
    let mut l = head.clone();
    let filler = "Who%20says%20what%3F%0A";
    while l.len() + filler.len() <= MAX_QR_BYTES {
        l.push_str(filler);
    }
    while l.len() < MAX_QR_BYTES {
        l.push('x');
    }
    assert_eq!(l.len(), MAX_QR_BYTES);
    assert_eq!(LinkFit::of(l.len()), LinkFit::Qr);
    let q = Qr::encode(&l).unwrap();
    assert!(q.version() <= MAX_VERSION);
    assert_eq!(q.width(), 17 + 4 * q.version() as usize);
    assert_eq!(decode(&q), l);
    // Every byte value the limit may hold: the worst case for the encoder's modes.
    let bytes: String = (0..MAX_QR_BYTES)
        .map(|i| (b'!' + (i % 94) as u8) as char)
        .collect();
    let q = Qr::encode(&bytes).unwrap();
    assert_eq!(q.version(), MAX_VERSION);
    assert!(!q.is_medium());
    assert_eq!(decode(&q), bytes);
}

#[test]
fn one_byte_over_is_refused_with_a_plain_reason_as_linkfit_says() {
    let l = format!("{BASE}#/{}", "a".repeat(MAX_QR_BYTES + 1 - BASE.len() - 2));
    assert_eq!(l.len(), MAX_QR_BYTES + 1);
    assert_ne!(LinkFit::of(l.len()), LinkFit::Qr);
    let err = Qr::encode(&l).unwrap_err();
    assert_eq!(
        err,
        QrError::TooLong {
            bytes: MAX_QR_BYTES + 1
        }
    );
    let said = err.to_string();
    assert!(said.contains("1,274 characters"), "{said}");
    assert!(said.contains("at most 1,273"), "{said}");
    // A huge text is refused at once, without encoding.
    let huge = "x".repeat(10_000_000);
    assert!(matches!(
        Qr::encode(&huge),
        Err(QrError::TooLong { bytes: 10_000_000 })
    ));
}

#[test]
fn the_code_has_its_three_finder_patterns() {
    let q = Qr::encode(&link(&view(View::Map))).unwrap();
    let w = q.width();
    // A finder pattern: a 7 × 7 dark ring, a light ring, a 3 × 3 dark centre.
    let finder = |ox: usize, oy: usize| {
        for y in 0..7 {
            for x in 0..7 {
                let ring = x == 0 || y == 0 || x == 6 || y == 6;
                let centre = (2..=4).contains(&x) && (2..=4).contains(&y);
                assert_eq!(
                    q.is_dark(ox + x, oy + y),
                    ring || centre,
                    "at {x},{y} of {ox},{oy}"
                );
            }
        }
    };
    finder(0, 0);
    finder(w - 7, 0);
    finder(0, w - 7);
    assert!(
        !q.is_dark(w, 0) && !q.is_dark(0, w),
        "outside the code is light"
    );
    assert_eq!(q.side(), w + 2 * QUIET);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases().min(48)))]

    /// Any text up to the limit (Unicode included, counted in bytes) reads back as written.
    #[test]
    fn any_text_within_the_limit_reads_back(text in "\\PC{0,300}") {
        prop_assume!(text.len() <= MAX_QR_BYTES);
        let q = Qr::encode(&text).unwrap();
        prop_assert!(q.version() <= MAX_VERSION);
        prop_assert_eq!(decode(&q), text);
    }
}
