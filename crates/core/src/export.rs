//! Export of a filtered view as CSV, JSON or Markdown: each passage (or, in KWIC mode, each
//! concordance line) with its source title, passage id, themes and a link back to it that keeps
//! the reader's own themes. Text is escaped for each format, never trusted.

use crate::analysis::{Analysis, KwicLine};
use crate::model::{Corpus, Document};
use crate::search::Unit;
use crate::state::{print, CustomTheme, Read, State, View};
use serde::Serialize;

/// Where an export was made: the page address without its fragment, the corpus version and the
/// reader-defined themes in use (their ids, `my1`…, appear in rows, so links carry them).
#[derive(Debug, Clone, Copy)]
pub struct LinkBase<'a> {
    pub base: &'a str,
    pub version: &'a str,
    pub custom: &'a [CustomTheme],
}

impl LinkBase<'_> {
    /// The link that opens `passage` of `doc` in the reader.
    fn passage(&self, doc: &str, passage: &str) -> String {
        let state = State {
            view: View::Read(Read::at(doc, Some(passage))),
            custom: self.custom.to_vec(),
        };
        format!("{}{}", self.base, print(&state, self.version))
    }
}

/// One exported passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub source: String,
    pub title: String,
    pub passage: String,
    pub themes: Vec<String>,
    pub text: String,
    pub link: String,
}

/// One exported line of a keyword-in-context concordance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KwicRow {
    pub source: String,
    pub title: String,
    pub passage: String,
    pub left: String,
    #[serde(rename = "match")]
    pub matched: String,
    pub right: String,
    pub link: String,
}

/// Rows for the given passages, in the order given.
pub fn rows(corpus: &Corpus, analysis: &Analysis, units: &[Unit], at: LinkBase) -> Vec<Row> {
    units
        .iter()
        .filter_map(|&u| {
            let doc = corpus.documents.get(u.doc as usize)?;
            let p = doc.passages.get(u.passage as usize)?;
            Some(Row {
                source: doc.id.clone(),
                title: doc.title.clone(),
                passage: p.id.clone(),
                themes: analysis
                    .info(u)
                    .map(|i| i.themes.iter().map(|t| t.id.clone()).collect())
                    .unwrap_or_default(),
                text: p.text.clone(),
                link: at.passage(&doc.id, &p.id),
            })
        })
        .collect()
}

/// Rows for concordance lines, in the order given; lines of unknown sources are left out.
pub fn kwic_rows(corpus: &Corpus, lines: &[KwicLine], at: LinkBase) -> Vec<KwicRow> {
    lines
        .iter()
        .filter_map(|l| {
            let doc: &Document = corpus.document(&l.doc)?;
            Some(KwicRow {
                source: doc.id.clone(),
                title: doc.title.clone(),
                passage: l.passage.clone(),
                left: l.left.clone(),
                matched: l.matched.clone(),
                right: l.right.clone(),
                link: at.passage(&doc.id, &l.passage),
            })
        })
        .collect()
}

/// What a spreadsheet may run as a formula at the start of a cell.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// RFC 4180 CSV with a header. Cells that a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-`, `@`, tab or carriage return, also after spaces) are prefixed with `'`.
fn csv_table<'a>(header: &str, rows: impl Iterator<Item = Vec<&'a str>>) -> String {
    fn cell(s: &str) -> String {
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
    let mut out = format!("{header}\r\n");
    for cells in rows {
        out.push_str(&cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// Passages as CSV: `source,title,passage,themes,text,link`, themes joined by `;`.
pub fn csv(rows: &[Row]) -> String {
    let themes: Vec<String> = rows.iter().map(|r| r.themes.join(";")).collect();
    csv_table(
        "source,title,passage,themes,text,link",
        rows.iter()
            .zip(&themes)
            .map(|(r, t)| vec![r.source.as_str(), &r.title, &r.passage, t, &r.text, &r.link]),
    )
}

/// Concordance lines as CSV: `source,title,passage,left,match,right,link`.
pub fn kwic_csv(rows: &[KwicRow]) -> String {
    csv_table(
        "source,title,passage,left,match,right,link",
        rows.iter().map(|r| {
            vec![
                r.source.as_str(),
                &r.title,
                &r.passage,
                &r.left,
                &r.matched,
                &r.right,
                &r.link,
            ]
        }),
    )
}

/// Pretty JSON: an array of rows (passages or concordance lines).
pub fn json<T: Serialize>(rows: &[T]) -> String {
    // Serialising plain strings and lists cannot fail.
    let mut out = serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// Escapes characters Markdown would read as markup, so that text stays text.
pub(crate) fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*_{}[]()<>#+-.!|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Markdown: a heading, then each passage as a quotation with its source, link and themes.
pub fn markdown(rows: &[Row], heading: &str) -> String {
    let mut out = format!("# {}\n\n", md_escape(heading));
    for r in rows {
        out.push_str(&format!("> {}\n\n", md_escape(&r.text)));
        let themes = if r.themes.is_empty() {
            String::new()
        } else {
            format!(" · themes: {}", md_escape(&r.themes.join(", ")))
        };
        out.push_str(&format!(
            "— {}, [{}](<{}>){}\n\n",
            md_escape(&r.title),
            md_escape(&r.passage),
            r.link.replace(['<', '>', ' '], ""),
            themes
        ));
    }
    out
}

/// Markdown: a heading, then the concordance as a table (before, match, after, passage link).
pub fn kwic_markdown(rows: &[KwicRow], heading: &str) -> String {
    let mut out = format!(
        "# {}\n\n| Before | Match | After | Passage |\n|---:|:---:|:---|---|\n",
        md_escape(heading)
    );
    // A line break would end the table row.
    let cell = |s: &str| md_escape(&s.replace(['\n', '\r'], " "));
    for r in rows {
        out.push_str(&format!(
            "| {} | **{}** | {} | {}, [{}](<{}>) |\n",
            cell(&r.left),
            cell(&r.matched),
            cell(&r.right),
            cell(&r.title),
            md_escape(&r.passage),
            r.link.replace(['<', '>', ' '], "")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str) -> Row {
        Row {
            source: "001".into(),
            title: "A \"quoted\", title".into(),
            passage: "p1".into(),
            themes: vec!["trade".into(), "finance".into()],
            text: text.into(),
            link: "http://127.0.0.1:8080/#/read/001/p1?v=abc".into(),
        }
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let out = csv(&[row("=HYPERLINK(\"x\")"), row("line\nbreak")]);
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines[0], "source,title,passage,themes,text,link");
        assert_eq!(
            lines[1],
            "001,\"A \"\"quoted\"\", title\",p1,trade;finance,\"'=HYPERLINK(\"\"x\"\")\",http://127.0.0.1:8080/#/read/001/p1?v=abc"
        );
        assert!(out.contains("\"line\nbreak\""));
    }

    /// Every formula start, alone and after spaces, in every column of both CSV exports, comes
    /// out behind a `'`.
    #[test]
    fn every_csv_export_defuses_every_formula_start() {
        let parse = |out: &str| -> Vec<Vec<String>> {
            // A small RFC 4180 reader: quoted cells may hold commas, quotes and line breaks.
            let mut rows = vec![vec![String::new()]];
            let (mut quoted, mut chars) = (false, out.chars().peekable());
            while let Some(c) = chars.next() {
                let row = rows.last_mut().unwrap();
                match c {
                    '"' if quoted && chars.peek() == Some(&'"') => {
                        chars.next();
                        row.last_mut().unwrap().push('"');
                    }
                    '"' => quoted = !quoted,
                    ',' if !quoted => row.push(String::new()),
                    '\r' if !quoted && chars.peek() == Some(&'\n') => {
                        chars.next();
                        rows.push(vec![String::new()]);
                    }
                    c => row.last_mut().unwrap().push(c),
                }
            }
            rows.pop();
            rows
        };
        // Written out here, not read from FORMULA_STARTS: a start dropped there must fail here.
        for start in ['=', '+', '-', '@', '\t', '\r'] {
            for spaces in ["", " ", "  \u{a0}"] {
                let v = format!("{spaces}{start}1+1");
                let row = Row {
                    source: v.clone(),
                    title: v.clone(),
                    passage: v.clone(),
                    themes: vec![v.clone()],
                    text: v.clone(),
                    link: v.clone(),
                };
                let kwic = KwicRow {
                    source: v.clone(),
                    title: v.clone(),
                    passage: v.clone(),
                    left: v.clone(),
                    matched: v.clone(),
                    right: v.clone(),
                    link: v.clone(),
                };
                for (format, out) in [("csv", csv(&[row])), ("kwic csv", kwic_csv(&[kwic]))] {
                    let rows = parse(&out);
                    assert_eq!(rows.len(), 2, "{format}: {out:?}");
                    for cell in &rows[1] {
                        assert_eq!(cell, &format!("'{v}"), "{format}: {out:?}");
                    }
                }
            }
        }
        // Text that only holds such a character later is left as it is.
        assert!(csv(&[row("a=1, -2 and @x")]).contains("\"a=1, -2 and @x\""));
    }

    #[test]
    fn json_escapes() {
        let out = json(&[row("a \"b\" \\ <script>")]);
        assert!(out.contains(r#""text": "a \"b\" \\ <script>""#), "{out}");
        let back: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
        assert_eq!(back[0]["themes"][1], "finance");
        assert_eq!(json::<Row>(&[]), "[]\n");
    }

    #[test]
    fn markdown_keeps_text_as_text() {
        let out = markdown(
            &[row("**bold** [link](javascript:x) <b>")],
            "Results for *x*",
        );
        assert!(out.starts_with("# Results for \\*x\\*\n"));
        assert!(out.contains("> \\*\\*bold\\*\\* \\[link\\]\\(javascript:x\\) \\<b\\>"));
        assert!(out.contains("[p1](<http://127.0.0.1:8080/#/read/001/p1?v=abc>)"));
    }

    #[test]
    fn links_back_keep_the_readers_themes() {
        let custom = [CustomTheme {
            label: "Corridors".into(),
            terms: vec!["trade route".into(), "rail".into()],
        }];
        let at = LinkBase {
            base: "http://127.0.0.1:8080/",
            version: "0123456789ab",
            custom: &custom,
        };
        let link = at.passage("001", "p3");
        assert_eq!(
            link,
            "http://127.0.0.1:8080/#/read/001/p3?custom=Corridors:trade%20route|rail&v=0123456789ab"
        );
        let none = LinkBase { custom: &[], ..at };
        assert_eq!(
            none.passage("001", "p3"),
            "http://127.0.0.1:8080/#/read/001/p3?v=0123456789ab"
        );
    }

    fn kwic_row(left: &str, right: &str) -> KwicRow {
        KwicRow {
            source: "004".into(),
            title: "A | piped title".into(),
            passage: "p2".into(),
            left: left.into(),
            matched: "Bushehr".into(),
            right: right.into(),
            link: "http://127.0.0.1:8080/#/read/004/p2?v=abc".into(),
        }
    }

    #[test]
    fn kwic_exports_keep_the_columns() {
        let out = kwic_csv(&[kwic_row("-built the ", " plant, \"the\"")]);
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines[0], "source,title,passage,left,match,right,link");
        assert_eq!(
            lines[1],
            "004,A | piped title,p2,\"'-built the \",Bushehr,\" plant, \"\"the\"\"\",http://127.0.0.1:8080/#/read/004/p2?v=abc"
        );
        let back: Vec<serde_json::Value> =
            serde_json::from_str(&json(&[kwic_row("a", "b")])).unwrap();
        assert_eq!(back[0]["match"], "Bushehr");
        let md = kwic_markdown(&[kwic_row("line\nbreak | pipe", "*b*")], "KWIC for Bushehr");
        let rows: Vec<&str> = md.lines().collect();
        assert_eq!(rows[0], "# KWIC for Bushehr");
        assert_eq!(rows[2], "| Before | Match | After | Passage |");
        assert_eq!(
            rows[4],
            "| line break \\| pipe | **Bushehr** | \\*b\\* | A \\| piped title, [p2](<http://127.0.0.1:8080/#/read/004/p2?v=abc>) |"
        );
        assert_eq!(rows.len(), 5);
    }
}
