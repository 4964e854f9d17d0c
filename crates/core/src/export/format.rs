//! The four writers of an export `Table`: CSV (a byte-order mark, RFC 4180, formula-safe), JSON, plain text and Markdown. Every writer makes one pass over its table: linear time.
//!
//! Untrusted text (the corpus, imports, a reader's themes and query) never makes structure:
//!
//! - CSV: every cell is quoted as RFC 4180 asks, and a cell a spreadsheet would run as a
//!   formula (starting with `=`, `+`, `-`, `@`, tab or carriage return, also after spaces) is
//!   prefixed with `'`.
//! - JSON is written by serde.
//! - Plain text: a value is one line (line breaks and other control characters become spaces,
//!   bidi controls are dropped) and never starts a line: every line starts with the file's own
//!   words or marks (a title, a heading and a colon, a bullet, an opening quote), so a value
//!   cannot pass for a row or a field of its own.
//! - Markdown: the same one-line values, escaped only where a character would start markup
//!   (`markdown_text`): "U.S." and "North-South" stay as they are.

use super::{Cell, Column, Show, Table};
use crate::strings::one_line as plain_text;

/// What a spreadsheet may run as a formula at the start of a cell.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The byte-order mark that makes spreadsheet programs and word processors read UTF-8.
const BOM: char = '\u{feff}';

/// One CSV cell: defused, then quoted when it must be.
fn csv_cell(s: &str) -> String {
    let s = if s
        .trim_start_matches([' ', '\u{a0}'])
        .starts_with(FORMULA_STARTS)
    {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// A cell's value as one string for CSV.
fn flat(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.clone(),
        Cell::Number(n) => n.to_string(),
        Cell::List(v) => v.join("; "),
        Cell::Marked(a, b, c) => format!("{a}{b}{c}"),
    }
}

/// The columns `keep` lets through, by position.
fn shown(t: &Table, keep: impl Fn(Show) -> bool) -> Vec<usize> {
    (0..t.columns.len())
        .filter(|&i| keep(t.columns[i].show))
        .collect()
}

/// CSV with a byte-order mark and a header of the columns' headings (people's columns left
/// out), CRLF line ends.
pub(super) fn csv(t: &Table) -> String {
    let cols = shown(t, |s| s != Show::People);
    let mut out = String::new();
    out.push(BOM);
    let line = |cells: Vec<String>| {
        let mut l = cells
            .iter()
            .map(|c| csv_cell(c))
            .collect::<Vec<_>>()
            .join(",");
        l.push_str("\r\n");
        l
    };
    out.push_str(&line(
        cols.iter().map(|&i| t.columns[i].heading.clone()).collect(),
    ));
    for row in &t.rows {
        out.push_str(&line(
            cols.iter()
                .map(|&i| row.get(i).map(flat).unwrap_or_default())
                .collect(),
        ));
    }
    out
}

/// One row as a JSON object, its keys in column order.
struct JsonRow<'a> {
    columns: &'a [Column],
    cols: &'a [usize],
    row: &'a [Cell],
}

impl serde::Serialize for JsonRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.cols.len()))?;
        for &i in self.cols {
            let key = &self.columns[i].key;
            match self.row.get(i) {
                Some(Cell::Number(n)) => map.serialize_entry(key, n)?,
                Some(Cell::List(v)) => map.serialize_entry(key, v)?,
                Some(c) => map.serialize_entry(key, &flat(c))?,
                None => map.serialize_entry(key, "")?,
            }
        }
        map.end()
    }
}

/// Pretty JSON: an array of rows, each an object of its columns (people's columns left out).
pub(super) fn json(t: &Table) -> String {
    let cols = shown(t, |s| s != Show::People);
    let rows: Vec<JsonRow> = t
        .rows
        .iter()
        .map(|row| JsonRow {
            columns: &t.columns,
            cols: &cols,
            row,
        })
        .collect();
    // Serialising strings, numbers and lists cannot fail.
    let mut out = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// A cell for people: one line, lists joined by `; ` (labels may hold commas).
fn human(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => plain_text(s),
        Cell::Number(n) => n.to_string(),
        Cell::List(v) => v
            .iter()
            .map(|s| plain_text(s))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        Cell::Marked(a, b, c) => plain_text(&format!("{a}{b}{c}")),
    }
}

/// What a row shows people besides its name and quotation: (column, value), empty ones left out.
fn fields<'a>(t: &'a Table, row: &'a [Cell]) -> Vec<(&'a Column, &'a Cell)> {
    t.columns
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            c.show != Show::Data && Some(i) != t.label && Some(i) != t.quote && Some(i) != t.group
        })
        .filter_map(|(i, c)| row.get(i).filter(|v| !v.is_empty()).map(|v| (c, v)))
        .collect()
}

/// Rows in runs of the same group (one run of all rows without a group column).
fn groups(t: &Table) -> Vec<(Option<String>, &[Vec<Cell>])> {
    let Some(g) = t.group else {
        return vec![(None, &t.rows[..])];
    };
    let key = |row: &Vec<Cell>| row.get(g).map(human).unwrap_or_default();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=t.rows.len() {
        if i == t.rows.len() || key(&t.rows[i]) != key(&t.rows[start]) {
            out.push((Some(key(&t.rows[start])), &t.rows[start..i]));
            start = i;
        }
    }
    out
}

/// Plain text to paste into a word processor, with a byte-order mark: the title, the lines
/// about it, then each row as a bullet naming it (or quoting it), its quotation, and one
/// "Heading: value" line per field; a row with one field and no quotation is one line, and
/// such rows are not set apart by blank lines.
pub(super) fn text(t: &Table) -> String {
    let mut out = String::new();
    out.push(BOM);
    out.push_str(&plain_text(&t.title));
    out.push('\n');
    for (heading, value) in &t.about {
        out.push_str(&format!("{heading}: {}\n", plain_text(value)));
    }
    out.push_str(&format!("Open in Parallax: {}\n", plain_text(&t.link)));
    for (group, rows) in groups(t) {
        if let Some(g) = group {
            out.push_str(&format!("\n{g}\n"));
        }
        // Rows of one line follow each other; a row of several lines stands apart.
        let mut short = false;
        for row in rows {
            let label = t.label.and_then(|i| row.get(i)).map(human);
            let quote = t
                .quote
                .and_then(|i| row.get(i))
                .filter(|v| !v.is_empty())
                .map(human);
            let fields = fields(t, row);
            let one_line = quote.is_none() && fields.len() <= 1;
            if !(short && one_line) {
                out.push('\n');
            }
            short = one_line;
            match (label, quote) {
                (Some(l), None) if fields.len() == 1 => {
                    out.push_str(&format!("• {l}: {}\n", human(fields[0].1)));
                    continue;
                }
                (Some(l), q) => {
                    out.push_str(&format!("• {l}\n"));
                    if let Some(q) = q {
                        out.push_str(&format!("  “{q}”\n"));
                    }
                }
                (None, Some(q)) => out.push_str(&format!("• “{q}”\n")),
                (None, None) => out.push_str("•\n"),
            }
            for (c, v) in fields {
                out.push_str(&format!("  {}: {}\n", plain_text(&c.heading), human(v)));
            }
        }
    }
    out
}

/// True for what CommonMark counts as white space around a delimiter (the ends of a value
/// count too: the writer always puts a space or a line end there).
fn blank(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// True when `rest` (after an `&`) makes a character reference: `#` and digits, `#x` and hex
/// digits, or a name, then `;`. At most 32 characters are looked at.
fn is_reference(rest: &str) -> bool {
    let b = rest.as_bytes();
    let (start, ok): (usize, fn(&u8) -> bool) = match b {
        [b'#', b'x' | b'X', ..] => (2, u8::is_ascii_hexdigit),
        [b'#', ..] => (1, u8::is_ascii_digit),
        _ => (0, u8::is_ascii_alphanumeric),
    };
    let n = b[start..].iter().take(32).take_while(|c| ok(c)).count();
    n > 0 && b.get(start + n) == Some(&b';')
}

/// The length in bytes of what opens a block at the start of `s` (an ATX heading's `#`s, a
/// quotation's `>`, a list item's `-`, `+`, `*` or number and `.`/`)`, a thematic break), so
/// that its last character can be escaped; `None` when `s` starts a plain paragraph.
fn block_start(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let after = |n: usize| b.get(n).is_none_or(|c| *c == b' ' || *c == b'\t');
    match b.first()? {
        b'#' => {
            let n = b.iter().take_while(|&&c| c == b'#').count();
            (n <= 6 && after(n)).then_some(1)
        }
        b'>' => Some(1),
        b'-' | b'+' | b'*' | b'_' => {
            let first = b[0];
            // A thematic break: `-`, `*` or `_` three times or more, spaces between.
            let only = b.iter().all(|&c| c == first || c == b' ' || c == b'\t');
            let marks = b.iter().filter(|&&c| c == first).count();
            let rule = first != b'+' && only && marks >= 3;
            // A list item: `-`, `+` or `*` and a space.
            (rule || (first != b'_' && after(1))).then_some(1)
        }
        b'0'..=b'9' => {
            let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
            (n <= 9 && matches!(b.get(n), Some(b'.' | b')')) && after(n + 1)).then_some(n + 1)
        }
        _ => None,
    }
}

/// Escapes `s` for Markdown only where a character would start markup, so that ordinary prose
/// ("U.S.", "North-South", "snake_case", "5 * 3") stays as written. `at_start`: the value opens
/// a block (a paragraph or a quotation's first line), where `#`, `>`, list marks and thematic
/// breaks would make one. Inline: backslashes before punctuation, backticks, `[`, `|`, `<` that
/// would open a tag or an autolink, `&` that would make a character reference, and `*`, `_`,
/// `~` that could open or close emphasis or strikethrough (not between spaces, nor `_` inside a
/// word). Expects one line (`plain_text`); linear time.
pub fn markdown_text(s: &str, at_start: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let escape_at = if at_start { block_start(s) } else { None };
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        let rest = &s[i + c.len_utf8()..];
        let next = rest.chars().next();
        let escape = Some(i + c.len_utf8()) == escape_at
            || match c {
                '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
                '`' | '[' | '|' => true,
                // Tags and autolinks start with a `<` and no space.
                '<' => !blank(next),
                '&' => is_reference(rest),
                '*' | '~' => !(blank(prev) && blank(next)),
                '_' => {
                    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                    !(blank(prev) && blank(next) || word(prev) && word(next))
                }
                _ => false,
            };
        if escape {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// A value for Markdown: one line, escaped.
fn md(cell: &Cell, at_start: bool) -> String {
    match cell {
        Cell::Marked(a, b, c) => {
            // The spaces around the match as they are in the text.
            let (before, after) = (
                a.ends_with(char::is_whitespace),
                c.starts_with(char::is_whitespace),
            );
            let (a, b, c) = (plain_text(a), plain_text(b), plain_text(c));
            let mut out = markdown_text(&a, at_start);
            if before && !out.is_empty() {
                out.push(' ');
            }
            if !b.is_empty() {
                out.push_str(&format!("**{}**", markdown_text(&b, false)));
            }
            if after && !c.is_empty() {
                out.push(' ');
            }
            out.push_str(&markdown_text(&c, false));
            out
        }
        _ => markdown_text(&human(cell), at_start),
    }
}

/// A link for Markdown: an autolink (`<…>`) holding no space or angle bracket.
fn md_link(url: &str) -> String {
    let url: String = plain_text(url)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '<' && *c != '>')
        .collect();
    format!("<{url}>")
}

/// A cell of a Markdown table: escaped, `|` included; a link as an autolink.
fn md_cell(c: &Column, v: &Cell) -> String {
    if c.link && !v.is_empty() {
        md_link(&human(v))
    } else {
        md(v, false)
    }
}

/// Markdown: the title as a heading, the lines about it as a list, then the rows. A table with
/// a quotation (passages, concordance lines) gives each row as its name in bold, its quotation
/// and a list of its fields; any other as a table, under a heading per group.
pub(super) fn markdown(t: &Table) -> String {
    let heading = |s: &str| markdown_text(&plain_text(s), false).replace('#', "\\#");
    let mut out = format!("# {}\n\n", heading(&t.title));
    for (h, v) in &t.about {
        out.push_str(&format!(
            "- {}: {}\n",
            markdown_text(h, false),
            markdown_text(&plain_text(v), false)
        ));
    }
    out.push_str(&format!("- Open in Parallax: {}\n", md_link(&t.link)));
    for (group, rows) in groups(t) {
        if let Some(g) = group {
            out.push_str(&format!("\n## {}\n", heading(&g)));
        }
        if t.quote.is_some() {
            for row in rows {
                out.push('\n');
                if let Some(l) = t.label.and_then(|i| row.get(i)).filter(|v| !v.is_empty()) {
                    out.push_str(&format!("**{}**\n\n", md(l, false)));
                }
                if let Some(q) = t.quote.and_then(|i| row.get(i)).filter(|v| !v.is_empty()) {
                    out.push_str(&format!("> {}\n\n", md(q, true)));
                }
                for (c, v) in fields(t, row) {
                    out.push_str(&format!(
                        "- {}: {}\n",
                        markdown_text(&plain_text(&c.heading), false),
                        md_cell(c, v)
                    ));
                }
            }
        } else {
            let cols: Vec<usize> = shown(t, |s| s != Show::Data)
                .into_iter()
                .filter(|&i| Some(i) != t.group)
                .collect();
            out.push('\n');
            let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
            out.push_str(&line(
                cols.iter()
                    .map(|&i| markdown_text(&plain_text(&t.columns[i].heading), false))
                    .collect(),
            ));
            // Numbers are aligned right, as on screen.
            out.push_str(&line(
                cols.iter()
                    .map(|&i| {
                        let number = rows
                            .iter()
                            .any(|r| matches!(r.get(i), Some(Cell::Number(_))));
                        if number { "---:" } else { "---" }.to_owned()
                    })
                    .collect(),
            ));
            for row in rows {
                out.push_str(&line(
                    cols.iter()
                        .map(|&i| {
                            row.get(i)
                                .map(|v| md_cell(&t.columns[i], v))
                                .unwrap_or_default()
                        })
                        .collect(),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Cell, Column, Format, Show, Table};
    use super::*;

    fn table(rows: Vec<Vec<Cell>>) -> Table {
        Table {
            title: "Results for *x*".into(),
            about: vec![("Search".into(), "x".into())],
            link: "http://127.0.0.1:8080/#/explore?q=x&v=abc".into(),
            name: vec!["explore".into(), "x".into()],
            date: "2026-12-05".into(),
            columns: vec![
                Column::new("source", "Source id", Show::Data),
                Column::new("title", "Source", Show::All),
                Column::new("where", "Where", Show::People),
                Column::new("themes", "Themes", Show::All),
                Column::new("n", "Passages", Show::All),
                Column::new("text", "Text", Show::All),
                Column::new("link", "Link", Show::All).link(),
            ],
            rows,
            label: Some(2),
            quote: Some(5),
            group: None,
        }
    }

    fn row(text: &str) -> Vec<Cell> {
        vec![
            "001".into(),
            "A \"quoted\", title".into(),
            "A title, passage 1".into(),
            vec!["Trade".to_owned(), "Finance".to_owned()].into(),
            3.into(),
            text.into(),
            "http://127.0.0.1:8080/#/read/001/p1?v=abc".into(),
        ]
    }

    #[test]
    fn csv_starts_with_a_bom_quotes_and_defuses_formulas() {
        let t = table(vec![row("=HYPERLINK(\"x\")"), row("line\nbreak")]);
        let out = t.write(Format::Csv);
        assert!(out.starts_with('\u{feff}'));
        let lines: Vec<&str> = out[3..].split("\r\n").collect();
        // People's column ("Where") is not in the spreadsheet.
        assert_eq!(lines[0], "Source id,Source,Themes,Passages,Text,Link");
        assert_eq!(
            lines[1],
            "001,\"A \"\"quoted\"\", title\",Trade; Finance,3,\"'=HYPERLINK(\"\"x\"\")\",http://127.0.0.1:8080/#/read/001/p1?v=abc"
        );
        assert!(out.contains("\"line\nbreak\""));
    }

    #[test]
    fn json_is_an_array_of_objects_in_column_order() {
        let out = table(vec![row("a \"b\" \\ <script>")]).write(Format::Json);
        assert!(out.contains(r#""text": "a \"b\" \\ <script>""#), "{out}");
        let back: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
        assert_eq!(back[0]["themes"][1], "Finance");
        assert_eq!(back[0]["n"], 3);
        assert!(back[0].get("where").is_none(), "people's column in JSON");
        let keys: Vec<&str> = out
            .lines()
            .filter_map(|l| l.trim().strip_prefix('"')?.split('"').next())
            .collect();
        assert_eq!(
            keys,
            ["source", "title", "themes", "Trade", "Finance", "n", "text", "link"]
        );
        let empty = Table {
            rows: Vec::new(),
            ..table(Vec::new())
        };
        assert_eq!(empty.write(Format::Json), "[]\n");
    }

    #[test]
    fn text_is_one_line_per_field_and_no_value_starts_a_line() {
        let hostile = "first\n\n• Fake row\nLink: https://evil.example\u{2028}Source: x\u{202e}";
        let out = table(vec![row(hostile), row("plain")]).write(Format::Text);
        assert!(out.starts_with('\u{feff}'));
        assert_eq!(
            out[3..].lines().collect::<Vec<_>>(),
            [
                "Results for *x*",
                "Search: x",
                "Open in Parallax: http://127.0.0.1:8080/#/explore?q=x&v=abc",
                "",
                "• A title, passage 1",
                "  “first • Fake row Link: https://evil.example Source: x”",
                "  Source: A \"quoted\", title",
                "  Themes: Trade; Finance",
                "  Passages: 3",
                "  Link: http://127.0.0.1:8080/#/read/001/p1?v=abc",
                "",
                "• A title, passage 1",
                "  “plain”",
                "  Source: A \"quoted\", title",
                "  Themes: Trade; Finance",
                "  Passages: 3",
                "  Link: http://127.0.0.1:8080/#/read/001/p1?v=abc",
            ]
        );
    }

    #[test]
    fn a_row_with_one_field_is_one_line_and_groups_head_their_rows() {
        let t = Table {
            columns: vec![
                Column::new("section", "Section", Show::All),
                Column::new("item", "Item", Show::All),
                Column::new("id", "Id", Show::Data),
                Column::new("value", "Value", Show::All),
            ],
            rows: vec![
                vec!["About".into(), "Title".into(), "title".into(), "A".into()],
                vec!["About".into(), "Date".into(), "date".into(), "".into()],
                vec![
                    "Themes".into(),
                    "Trade".into(),
                    "trade".into(),
                    "3 passages".into(),
                ],
            ],
            label: Some(1),
            quote: None,
            group: Some(0),
            ..table(Vec::new())
        };
        let text = t.write(Format::Text);
        assert!(
            text.ends_with("\nAbout\n\n• Title: A\n• Date\n\nThemes\n\n• Trade: 3 passages\n"),
            "{text}"
        );
        let md = t.write(Format::Markdown);
        assert!(
            md.ends_with(
                "\n## About\n\n| Item | Value |\n| --- | --- |\n| Title | A |\n| Date |  |\n\n## Themes\n\n| Item | Value |\n| --- | --- |\n| Trade | 3 passages |\n"
            ),
            "{md}"
        );
    }

    #[test]
    fn markdown_quotes_rows_and_keeps_text_as_text() {
        let out = table(vec![row(
            "**bold** [link](javascript:x) <b> U.S. North-South",
        )])
        .write(Format::Markdown);
        assert!(out.starts_with("# Results for \\*x\\*\n\n- Search: x\n- Open in Parallax: <http://127.0.0.1:8080/#/explore?q=x&v=abc>\n"), "{out}");
        assert!(
            out.contains("\n**A title, passage 1**\n\n> \\*\\*bold\\*\\* \\[link](javascript:x) \\<b> U.S. North-South\n\n- Source: A \"quoted\", title\n- Themes: Trade; Finance\n- Passages: 3\n- Link: <http://127.0.0.1:8080/#/read/001/p1?v=abc>\n"),
            "{out}"
        );
    }

    #[test]
    fn markdown_escapes_only_what_would_start_markup() {
        let cases = [
            // Ordinary prose stays as written.
            (
                "U.S. and North-South, 5 * 3, snake_case, a > b, x < 3, AT&T, C:\\Users",
                "U.S. and North-South, 5 * 3, snake_case, a > b, x < 3, AT&T, C:\\Users",
            ),
            ("1984 was. (a) [b] !c", "1984 was. (a) \\[b] !c"),
            // Emphasis, code, links, tags, references, tables, strikethrough.
            (
                "*a* _b_ **c** ~d~ `e`",
                "\\*a\\* \\_b\\_ \\*\\*c\\*\\* \\~d\\~ \\`e\\`",
            ),
            ("2*3*4 x_y_z", "2\\*3\\*4 x_y_z"),
            (
                "<b> <http://x> </i> <!-- <?x",
                "\\<b> \\<http://x> \\</i> \\<!-- \\<?x",
            ),
            (
                "&amp; &#233; &#x41; &copy",
                "\\&amp; \\&#233; \\&#x41; &copy",
            ),
            ("a | b", "a \\| b"),
            ("a\\*b \\", "a\\\\\\*b \\\\"),
        ];
        for (input, want) in cases {
            assert_eq!(markdown_text(input, false), want, "{input}");
        }
        let starts = [
            ("# Heading", "\\# Heading"),
            ("#hashtag", "#hashtag"),
            ("####### seven", "####### seven"),
            ("> quote", "\\> quote"),
            ("- item", "\\- item"),
            ("-5 degrees", "-5 degrees"),
            ("+ item", "\\+ item"),
            ("* item", "\\* item"),
            ("---", "\\---"),
            ("- - -", "\\- - -"),
            ("___", "\\_\\_\\_"),
            ("===", "==="),
            ("+++", "+++"),
            ("1. First", "1\\. First"),
            ("1984. The year", "1984\\. The year"),
            ("2) Second", "2\\) Second"),
            ("1.5 million", "1.5 million"),
            ("1234567890. Ten digits", "1234567890. Ten digits"),
            ("U.S. officials", "U.S. officials"),
        ];
        for (input, want) in starts {
            assert_eq!(markdown_text(input, true), want, "{input}");
        }
        // In the middle of a line, a block mark is text.
        assert_eq!(markdown_text("# - > 1.", false), "# - > 1.");
    }
}
