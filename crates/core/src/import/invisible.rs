//! Invisible and control characters: which ones the import removes, the joiners it keeps where they are spelling (Arabic-script and Indic words, emoji sequences), and `normalise`, which removes and counts them.

use super::{Invisible, Note};
use crate::strings::{is_direction_control, is_zero_width};

/// The kind of invisible character `c` is, if it is one the import removes. The joiners
/// U+200C and U+200D are only removed where they are not spelling (`keeps_joiner`).
pub(super) fn invisible(c: char) -> Option<Invisible> {
    if is_direction_control(c) {
        Some(Invisible::BidiControl)
    } else if is_zero_width(c) {
        Some(Invisible::ZeroWidth)
    } else {
        (c == '\u{ad}').then_some(Invisible::SoftHyphen)
    }
}

/// The script `c` belongs to, among those whose spelling uses the zero-width joiners: Persian
/// writes "می‌خواهم" with a non-joiner, Indic scripts choose a conjunct or a half form with
/// either one after a virama. Letters and marks alike, since a joiner may follow a vowel sign
/// or a virama. Two of them name the same script when they return the same block start.
fn joining_script(c: char) -> Option<u32> {
    const SCRIPTS: &[(u32, u32)] = &[
        (0x0600, 0x06ff), // Arabic (Persian, Urdu, Pashto, Kurdish…)
        (0x0700, 0x074f), // Syriac
        (0x0750, 0x077f), // Arabic Supplement, counted as Arabic below
        (0x0780, 0x07bf), // Thaana
        (0x07c0, 0x07ff), // N'Ko
        (0x0860, 0x086f), // Syriac Supplement
        (0x0870, 0x08ff), // Arabic Extended-B and -A
        (0x0900, 0x097f), // Devanagari
        (0x0980, 0x09ff), // Bengali
        (0x0a00, 0x0a7f), // Gurmukhi
        (0x0a80, 0x0aff), // Gujarati
        (0x0b00, 0x0b7f), // Oriya
        (0x0b80, 0x0bff), // Tamil
        (0x0c00, 0x0c7f), // Telugu
        (0x0c80, 0x0cff), // Kannada
        (0x0d00, 0x0d7f), // Malayalam
        (0x0d80, 0x0dff), // Sinhala
        (0x0f00, 0x0fff), // Tibetan
        (0x1000, 0x109f), // Myanmar
        (0x1780, 0x17ff), // Khmer
        (0x1800, 0x18af), // Mongolian
        (0xa8e0, 0xa8ff), // Devanagari Extended
        (0xfb50, 0xfdff), // Arabic Presentation Forms-A
        (0xfe70, 0xfefe), // Arabic Presentation Forms-B (U+FEFF is no letter)
    ];
    let u = c as u32;
    let start = SCRIPTS.iter().find(|&&(lo, hi)| (lo..=hi).contains(&u))?.0;
    // Every Arabic block is one script: a word may mix base letters and presentation forms.
    Some(match start {
        0x0750 | 0x0870 | 0xfb50 | 0xfe70 => 0x0600,
        0x0860 => 0x0700,
        0xa8e0 => 0x0900,
        s => s,
    })
}

/// A pictograph that emoji ZWJ sequences join (👩‍💻, 🏳️‍🌈, 🧑🏽‍🚀, ❤️‍🔥), close to Unicode's
/// Extended_Pictographic: the emoji planes and the older symbol blocks emoji come from.
fn pictograph(c: char) -> bool {
    matches!(c as u32,
        0x1f000..=0x1faff | 0x2600..=0x27bf | 0x2300..=0x23ff | 0x2b00..=0x2bff
        | 0x2190..=0x21ff | 0x25a0..=0x25ff | 0x2934..=0x2935 | 0x3030 | 0x303d
        | 0x3297 | 0x3299 | 0xa9 | 0xae | 0x203c | 0x2049 | 0x2122 | 0x2139 | 0x24c2)
}

/// Whether a joiner (U+200C or U+200D) between `before` and `after` is spelling to keep: both
/// sides in one script that uses joiners, or, for U+200D, inside an emoji sequence (after a
/// pictograph, its variation selector or skin tone, before a pictograph). Anywhere else, as
/// between Latin letters ("Ru‍ssia"), it only hides a word from search.
pub(super) fn keeps_joiner(before: Option<char>, joiner: char, after: Option<char>) -> bool {
    let (Some(b), Some(a)) = (before, after) else {
        return false;
    };
    let script = joining_script(b);
    if script.is_some() && script == joining_script(a) {
        return true;
    }
    joiner == '\u{200d}'
        && (pictograph(b) || b == '\u{fe0f}' || ('\u{1f3fb}'..='\u{1f3ff}').contains(&b))
        && pictograph(a)
}

/// What normalisation met, over both passes.
#[derive(Debug, Default)]
pub(super) struct Seen {
    pub(super) chars: u64,
    bidi: u64,
    zero_width: u64,
    soft_hyphen: u64,
    pub(super) control: u64,
    replacement: u64,
}

impl Seen {
    pub(super) fn notes(&self) -> Vec<Note> {
        let removed = [
            (Invisible::BidiControl, self.bidi),
            (Invisible::ZeroWidth, self.zero_width),
            (Invisible::SoftHyphen, self.soft_hyphen),
            (Invisible::Control, self.control),
        ];
        let mut notes: Vec<Note> = removed
            .into_iter()
            .filter(|&(_, n)| n > 0)
            .map(|(what, count)| Note::Removed { what, count })
            .collect();
        if self.replacement > 0 {
            notes.push(Note::Replacement {
                count: self.replacement,
            });
        }
        notes
    }
}

/// Line breaks to `\n` (CR LF, CR, NEL and U+2028; U+2029 to a blank line), invisible and
/// control characters out, each counted. The joiners U+200C and U+200D are judged by their
/// neighbours only in the `last` pass, on the text itself: before it, markup or an entity may
/// still stand between a joiner and the letter it joins.
pub(super) fn normalise(text: &str, seen: &mut Seen, last: bool) -> String {
    // Printable ASCII, newlines and tabs are kept as they are: copied a run at a time, since
    // they are nearly all of most files. Every other character is looked at one by one.
    let plain = |b: &u8| matches!(b, b' '..=b'~' | b'\n' | b'\t');
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        let run = bytes[at..]
            .iter()
            .position(|b| !plain(b))
            .unwrap_or(text.len() - at);
        if run > 0 {
            out.push_str(&text[at..at + run]);
            seen.chars += run as u64;
            at += run;
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        at += c.len_utf8();
        seen.chars += 1;
        match c {
            // A byte-order mark left at the very start (decoding strips one) is no trick.
            '\u{feff}' if !last && seen.chars == 1 => {}
            '\u{200c}' | '\u{200d}' if !last => out.push(c),
            '\u{200c}' | '\u{200d}'
                if keeps_joiner(out.chars().next_back(), c, text[at..].chars().next()) =>
            {
                out.push(c)
            }
            '\r' => {
                if bytes.get(at) == Some(&b'\n') {
                    at += 1;
                }
                out.push('\n');
            }
            '\u{85}' | '\u{2028}' => out.push('\n'),
            '\u{2029}' => out.push_str("\n\n"),
            '\u{b}' | '\u{c}' => out.push(c),
            // Counted in the text kept (the last pass), once: the first pass sees the same ones.
            '\u{fffd}' => {
                seen.replacement += u64::from(last);
                out.push(c);
            }
            _ => match invisible(c) {
                Some(Invisible::BidiControl) => seen.bidi += 1,
                Some(Invisible::ZeroWidth) => seen.zero_width += 1,
                Some(Invisible::SoftHyphen) => seen.soft_hyphen += 1,
                _ if c.is_control() => seen.control += 1,
                _ => out.push(c),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joiners_are_kept_inside_a_script_or_an_emoji_sequence_only() {
        let (zwnj, zwj) = ('\u{200c}', '\u{200d}');
        // Persian "می‌خواهم", a Devanagari half form, an Arabic letter before a presentation form.
        assert!(keeps_joiner(Some('ی'), zwnj, Some('خ')));
        assert!(keeps_joiner(Some('्'), zwj, Some('ष')));
        assert!(keeps_joiner(Some('ب'), zwnj, Some('\u{fe8e}')));
        // Between two scripts, Latin letters, or at an end: not spelling.
        assert!(!keeps_joiner(Some('n'), zwnj, Some('ا')));
        assert!(!keeps_joiner(Some('u'), zwj, Some('s')));
        assert!(!keeps_joiner(None, zwnj, Some('خ')));
        assert!(!keeps_joiner(Some('ی'), zwnj, None));
        // Emoji sequences: U+200D after a pictograph, its variation selector or a skin tone,
        // before a pictograph (👨‍👩, 🏳️‍🌈, 👩🏽‍💻).
        assert!(keeps_joiner(Some('👨'), zwj, Some('👩')));
        assert!(keeps_joiner(Some('\u{fe0f}'), zwj, Some('🌈')));
        assert!(keeps_joiner(Some('\u{1f3fd}'), zwj, Some('💻')));
        // Not U+200C, and not with a letter on either side.
        assert!(!keeps_joiner(Some('👨'), zwnj, Some('👩')));
        assert!(!keeps_joiner(Some('a'), zwj, Some('🌈')));
        assert!(!keeps_joiner(Some('a'), zwnj, Some('🌈')));
        assert!(!keeps_joiner(Some('🌈'), zwj, Some('a')));
    }

    #[test]
    fn line_breaks_become_newlines_and_controls_are_counted() {
        let mut seen = Seen::default();
        let text = "\u{feff}Iran\u{85}Russia\u{2028}Turkey\u{2029}Oman\r\nQatar\rEgypt\u{b}Iraq\u{c}Syria\u{1}.";
        assert_eq!(
            normalise(text, &mut seen, false),
            "Iran\nRussia\nTurkey\n\nOman\nQatar\nEgypt\u{b}Iraq\u{c}Syria."
        );
        // The byte-order mark at the very start is not counted; the control character is.
        assert_eq!(
            seen.notes(),
            [Note::Removed {
                what: Invisible::Control,
                count: 1
            }]
        );
        // Soft hyphens out, each counted.
        let mut seen = Seen::default();
        assert_eq!(
            normalise("co\u{ad}oper\u{ad}ation", &mut seen, false),
            "cooperation"
        );
        assert_eq!(
            seen.notes(),
            [Note::Removed {
                what: Invisible::SoftHyphen,
                count: 2
            }]
        );
        // Anywhere else, a byte-order mark is a zero-width character.
        let mut seen = Seen::default();
        assert_eq!(
            normalise("Iran\u{feff}Russia", &mut seen, false),
            "IranRussia"
        );
        assert_eq!(
            seen.notes(),
            [Note::Removed {
                what: Invisible::ZeroWidth,
                count: 1
            }]
        );
    }
}
