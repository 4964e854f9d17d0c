//! Export of a filtered view as CSV, JSON or Markdown: each passage with its source title,
//! passage id, themes and a link back to it. Text is escaped for each format, never trusted.

use crate::analysis::Analysis;
use crate::model::Corpus;
use crate::search::Unit;
use crate::state::{print, State, View};
use serde::Serialize;

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

/// Rows for the given passages; `base` is the page address without its fragment.
pub fn rows(
    corpus: &Corpus,
    analysis: &Analysis,
    units: &[Unit],
    base: &str,
    version: &str,
) -> Vec<Row> {
    units
        .iter()
        .filter_map(|&u| {
            let doc = corpus.documents.get(u.doc as usize)?;
            let p = doc.passages.get(u.passage as usize)?;
            let state = State {
                view: View::Read {
                    doc: doc.id.clone(),
                    passage: Some(p.id.clone()),
                    show_removed: false,
                },
                custom: Vec::new(),
            };
            Some(Row {
                source: doc.id.clone(),
                title: doc.title.clone(),
                passage: p.id.clone(),
                themes: analysis
                    .info(u)
                    .map(|i| i.themes.iter().map(|t| t.id.clone()).collect())
                    .unwrap_or_default(),
                text: p.text.clone(),
                link: format!("{base}{}", print(&state, version)),
            })
        })
        .collect()
}

/// RFC 4180 CSV with a header. Cells that a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-`, `@`, tab or carriage return) are prefixed with `'`.
pub fn csv(rows: &[Row]) -> String {
    fn cell(s: &str) -> String {
        let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
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
    let mut out = String::from("source,title,passage,themes,text,link\r\n");
    for r in rows {
        let cells = [
            &r.source,
            &r.title,
            &r.passage,
            &r.themes.join(";"),
            &r.text,
            &r.link,
        ];
        out.push_str(&cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// Pretty JSON: an array of rows.
pub fn json(rows: &[Row]) -> String {
    // Serialising plain strings and lists cannot fail.
    let mut out = serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// Escapes characters Markdown would read as markup, so that text stays text.
fn md_escape(s: &str) -> String {
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

    #[test]
    fn json_escapes() {
        let out = json(&[row("a \"b\" \\ <script>")]);
        assert!(out.contains(r#""text": "a \"b\" \\ <script>""#), "{out}");
        let back: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
        assert_eq!(back[0]["themes"][1], "finance");
        assert_eq!(json(&[]), "[]\n");
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
}
