//! A whole lesson's export, for the teacher: one row per step with its number, name, the link that opens it in the student copy, its note and question, the answer only in a teacher copy, and the words it asks the student to read.

use super::{Cell, Column, LinkBase, Made, Show, Table};
use crate::model::Corpus;
use crate::state::Lesson;
use crate::strings::count;

/// The table of `lesson`: per step "Step 2: name" for people, then its number, its name
/// (`Step::name`), the link that opens the lesson at that step in the student copy (never with
/// the answers, whatever copy is exported), its note and question, its answer when `teacher`
/// (the column is left out otherwise), and `quotations[i]`, the words step `i + 1` asks the
/// student to read (`handout::Content::quotation`; missing or empty: none). The table's own
/// link opens the student copy at its first step; the file is named after the lesson's title.
pub fn lesson(
    corpus: &Corpus,
    lesson: &Lesson,
    quotations: &[String],
    teacher: bool,
    made: &Made,
) -> Table {
    // A lesson's link carries no themes of its own: each step holds its view's.
    let at = LinkBase {
        custom: &[],
        edits: &crate::state::NO_THEME_CHANGES,
        ..made.at
    };
    let made = Made { at, ..*made };
    let student = lesson.without_answers();
    let mut columns = vec![
        Column::new("title", "Step", Show::People),
        Column::new("step", "Step", Show::Data),
        Column::new("name", "Name", Show::Data),
        Column::new("link", "Link", Show::All).link(),
        Column::new("note", "Note", Show::All),
        Column::new("question", "Question", Show::All),
    ];
    if teacher {
        columns.push(Column::new("answer", "Answer", Show::All));
    }
    columns.push(Column::new("text", "Text to read", Show::All));
    let rows = lesson
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let n = i + 1;
            let name = step.name(corpus);
            let mut cells: Vec<Cell> = vec![
                format!("Step {n}: {name}").into(),
                n.into(),
                name.into(),
                at.view(student.go(n).view).into(),
                step.note.as_str().into(),
                step.question.as_str().into(),
            ];
            if teacher {
                cells.push(step.answer.as_str().into());
            }
            cells.push(quotations.get(i).cloned().unwrap_or_default().into());
            cells
        })
        .collect();
    let title = if lesson.title.is_empty() {
        "Lesson".to_owned()
    } else {
        lesson.title.clone()
    };
    let about = vec![
        (
            "Copy".to_owned(),
            if teacher {
                "Teacher copy, with the answers"
            } else {
                "Student copy, without the answers"
            }
            .to_owned(),
        ),
        ("Steps".to_owned(), count(lesson.len(), "step", "steps")),
    ];
    let mut name = vec!["lesson".to_owned(), lesson.title.clone()];
    if teacher {
        name.push("teacher".to_owned());
    }
    let quote = columns.len() - 1;
    Table {
        columns,
        rows,
        label: Some(0),
        quote: Some(quote),
        ..Table::default()
    }
    .titled(title, about, &made, student.go(1).view, name)
}
