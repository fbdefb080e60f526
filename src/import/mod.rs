//! Reading the spreadsheets units send: the file readers, the one table of
//! header synonyms, and one importer per record type behind [`Importer`],
//! driven by [`run`]: header found, blank rows and footer skipped, every row
//! checked, and all rows written or none (unless `skip_invalid`).

pub mod activities;
pub mod committees;
pub mod decode;
pub mod headers;
pub mod meetings;
pub mod reader;
pub mod rejects;
pub mod units;
pub mod volunteers;

use std::path::Path;

use rusqlite::Connection;

use crate::output::Text;
use crate::{Error, Result};

pub use decode::TextEncoding;
pub use headers::{Columns, Field};
pub use reader::{Rows, SheetRow, open_rows, utf8_rows};
pub use rejects::Rejects;

/// What to do with a row that matches a record already in the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnConflict {
    /// Write the file's non-empty cells over the record.
    #[default]
    Update,
    /// Leave the record as it is.
    Skip,
    /// Refuse the row.
    Fail,
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub on_conflict: OnConflict,
    /// Accept credit codes that fail their check character.
    pub force: bool,
    /// Write the valid rows and reject the others, instead of writing nothing.
    pub skip_invalid: bool,
}

/// What an import did, or would do in a dry run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub rejected: usize,
    /// Headers in the file that no field takes.
    pub ignored_columns: Vec<String>,
    pub warnings: Vec<Text>,
}

impl ImportSummary {
    pub fn text(&self) -> Text {
        let (new, updated, unchanged) = (self.new, self.updated, self.unchanged);
        let mut text = crate::text!(
            "新增 {new}，更新 {updated}，未变 {unchanged}",
            "{new} new, {updated} updated, {unchanged} unchanged"
        );
        let skipped = self.skipped;
        if skipped > 0 {
            text.zh.push_str(&format!("，跳过 {skipped}（已存在）"));
            text.en
                .push_str(&format!(", {skipped} skipped (already there)"));
        }
        let rejected = self.rejected;
        if rejected > 0 {
            text.zh.push_str(&format!("，拒收 {rejected}"));
            text.en.push_str(&format!(", {rejected} rejected"));
        }
        text
    }

    fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::New => self.new += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Skipped => self.skipped += 1,
        }
    }
}

/// What became of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    New,
    Updated,
    Unchanged,
    /// Already registered, and `--on-conflict skip` was asked for.
    Skipped,
}

impl Outcome {
    /// A registered record written over: updated if anything changed.
    pub fn of_update(changed: bool) -> Outcome {
        if changed {
            Outcome::Updated
        } else {
            Outcome::Unchanged
        }
    }
}

/// One bad cell: the row as Excel numbers it, the column as the file heads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub row: usize,
    pub column: String,
    pub reason: Text,
}

/// How an importer speaks of its records in the two refusals every
/// importer shares.
pub struct RecordWords {
    /// A row for the same record as an earlier row.
    pub same_as_row: fn(usize) -> Text,
    /// A row for a registered record, with `--on-conflict fail`.
    pub registered: fn(i64) -> Text,
}

/// The records an import has written, with the row that wrote each: a
/// second row for one record is refused, and `--on-conflict` decides what
/// a row matching a registered record does.
///
/// Record ids are dense (AUTOINCREMENT), so the rows are kept in a run
/// indexed by id: a million records take 8 MB, where a hash map took 36 MB
/// and twice that while it grew. An id far from the run goes to a map.
#[derive(Debug, Default)]
pub struct Written {
    /// The id of `run[0]`.
    first: i64,
    /// The row that wrote each id from `first` on; 0 for none.
    run: std::collections::VecDeque<usize>,
    far: std::collections::HashMap<i64, usize>,
}

/// How many ids a run grows by at most to take in one more.
const MAX_GAP: i64 = 1 << 16;

impl Written {
    /// For a row that matched record `id`: the row's answer, if it ends
    /// here (refused, or skipped); `None` when the record is to be updated.
    pub fn matched(
        &mut self,
        id: i64,
        row: &Row,
        field: &Field,
        on_conflict: OnConflict,
        words: &RecordWords,
    ) -> Option<std::result::Result<Outcome, Vec<Problem>>> {
        if let Some(first) = self.row_of(id) {
            return Some(Err(vec![row.problem(field, (words.same_as_row)(first))]));
        }
        match on_conflict {
            OnConflict::Skip => {
                self.wrote(id, row.number);
                Some(Ok(Outcome::Skipped))
            }
            OnConflict::Fail => Some(Err(vec![row.problem(field, (words.registered)(id))])),
            OnConflict::Update => None,
        }
    }

    /// The row that wrote record `id`, if one did.
    fn row_of(&self, id: i64) -> Option<usize> {
        let in_run = usize::try_from(id - self.first)
            .ok()
            .and_then(|at| self.run.get(at))
            .copied()
            .filter(|&row| row > 0);
        in_run.or_else(|| self.far.get(&id).copied())
    }

    /// Notes that `row` wrote record `id`.
    pub fn wrote(&mut self, id: i64, row: usize) {
        if self.run.is_empty() {
            self.first = id;
        }
        let last = self.first + self.run.len() as i64 - 1;
        if (self.first..=last).contains(&id) {
            self.run[(id - self.first) as usize] = row;
        } else if id > last && id - last <= MAX_GAP {
            self.run
                .extend(std::iter::repeat_n(0, (id - last - 1) as usize));
            self.run.push_back(row);
        } else if id < self.first && self.first - id <= MAX_GAP {
            for _ in id + 1..self.first {
                self.run.push_front(0);
            }
            self.run.push_front(row);
            self.first = id;
        } else {
            self.far.insert(id, row);
        }
    }
}

/// One data row, with its cells found by field.
pub struct Row<'a> {
    pub number: usize,
    pub cells: &'a [String],
    pub columns: &'a Columns,
}

impl Row<'_> {
    /// The trimmed cell of a field; empty when the file has no such column.
    pub fn get(&self, field: &Field) -> &str {
        self.columns.cell(self.cells, field)
    }

    /// The refusals of a record's checks, each in the column of its field:
    /// `columns` pairs the labels the checks name with the fields read;
    /// a label not there falls to `fallback`.
    pub fn field_problems(
        &self,
        errors: Vec<crate::db::FieldError>,
        columns: &[(crate::output::Label, Field)],
        fallback: &Field,
    ) -> Vec<Problem> {
        errors
            .into_iter()
            .map(|error| {
                let field = columns
                    .iter()
                    .find(|(label, _)| *label == error.field)
                    .map_or(fallback, |(_, field)| field);
                self.problem(field, error.reason)
            })
            .collect()
    }

    /// A problem in this row's cell of `field`.
    pub fn problem(&self, field: &Field, reason: Text) -> Problem {
        Problem {
            row: self.number,
            column: self.columns.header(field),
            reason,
        }
    }
}

/// What the rows of one record type need: the fields it reads, and how one
/// row is checked and written.
pub trait Importer {
    fn fields(&self) -> &'static [Field];

    /// Checks a row and writes it; on a problem, returns the problems and
    /// leaves what it wrote to be rolled back.
    fn import_row(
        &mut self,
        conn: &Connection,
        row: &Row,
    ) -> Result<std::result::Result<Outcome, Vec<Problem>>>;

    /// Work left after the last row; its problems, and how many rows it
    /// turned from unchanged to updated.
    fn finish(&mut self, _conn: &Connection) -> Result<(Vec<Problem>, usize)> {
        Ok((Vec::new(), 0))
    }

    /// Notes for the clerk gathered along the way.
    fn warnings(&mut self) -> Vec<Text> {
        Vec::new()
    }
}

/// How often the progress callback hears of the rows read.
const PROGRESS_EVERY: usize = 1000;

/// Imports every row of `rows` through `importer` into `conn`, which the
/// caller holds in one transaction: an `Err` means it must be rolled back.
/// With `skip_invalid`, each row is written in a savepoint and a bad row is
/// rolled back alone. Every bad row goes to `rejects`, in either mode.
pub fn run(
    conn: &Connection,
    mut rows: Rows,
    importer: &mut dyn Importer,
    options: &ImportOptions,
    mut rejects: Option<&mut Rejects>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportSummary> {
    let path = rows.name.clone();
    let mut top: Vec<SheetRow> = Vec::new();
    for row in rows.by_ref().take(headers::HEADER_SEARCH_ROWS) {
        top.push(row?);
    }
    let (columns, header_at) = headers::locate(&top, importer.fields())
        .map_err(|reason| refuse_whole_file(&path, reason))?;
    if let Some(rejects) = rejects.as_deref_mut() {
        rejects.set_header(&columns.header_cells);
    }
    let mut summary = ImportSummary {
        ignored_columns: columns.ignored.clone(),
        ..ImportSummary::default()
    };
    let mut problems: Vec<Problem> = Vec::new();
    let mut data_rows = 0usize;
    let meter = rows.meter();
    let rest = top
        .split_off(header_at + 1)
        .into_iter()
        .map(Ok)
        .chain(rows.by_ref());
    let mut rest = rest;
    let mut footer_at = None;
    for row in rest.by_ref() {
        let row = row?;
        if headers::is_footer(&row) {
            footer_at = Some(row.number);
            break;
        }
        if headers::is_blank(&row, &columns) {
            continue;
        }
        data_rows += 1;
        if data_rows.is_multiple_of(PROGRESS_EVERY) {
            progress(meter.done(), meter.total);
        }
        let view = Row {
            number: row.number,
            cells: &row.cells,
            columns: &columns,
        };
        if options.skip_invalid {
            conn.execute_batch("SAVEPOINT import_row")?;
        }
        match importer.import_row(conn, &view)? {
            Ok(outcome) => {
                if options.skip_invalid {
                    conn.execute_batch("RELEASE import_row")?;
                }
                summary.count(outcome);
            }
            Err(row_problems) => {
                if options.skip_invalid {
                    conn.execute_batch("ROLLBACK TO import_row; RELEASE import_row")?;
                    summary.rejected += 1;
                }
                if let Some(rejects) = rejects.as_deref_mut() {
                    rejects.push(&row.cells, &row_problems);
                }
                problems.extend(row_problems);
            }
        }
    }
    // Rows below the footer are not data, but they are not passed over unseen.
    let mut below_footer = Vec::new();
    for row in rest {
        let row = row?;
        if !headers::is_blank(&row, &columns) && !headers::is_footer(&row) {
            below_footer.push(row.number);
        }
    }
    let (late_problems, became_updated) = importer.finish(conn)?;
    summary.unchanged -= became_updated.min(summary.unchanged);
    summary.updated += became_updated;
    problems.extend(late_problems);
    summary.warnings = importer.warnings();
    if let (Some(footer), Some(first)) = (footer_at, below_footer.first()) {
        let count = below_footer.len();
        summary.warnings.push(crate::text!(
            "第 {footer} 行是表尾（填表人、合计等），其下还有 {count} 行（从第 {first} 行起）未导入：如是数据，请移到表尾之上",
            "row {footer} is the sheet's footer (填表人, 合计 …); {count} rows below it, from row {first}, were not imported: move any data above the footer"
        ));
    }
    // Rows left out are named, so that nothing goes missing unseen.
    if options.skip_invalid {
        problems.sort_by_key(|p| p.row);
        let (zh, en) = problem_lines(&path, &problems);
        summary
            .warnings
            .extend(zh.into_iter().zip(en).map(|(zh, en)| Text::new(zh, en)));
    }
    progress(1, 1);
    if data_rows == 0 {
        return Err(refuse_whole_file(
            &path,
            crate::text!("表头下没有数据行", "there are no rows under the header"),
        ));
    }
    if !options.skip_invalid && !problems.is_empty() {
        problems.sort_by_key(|p| p.row);
        return Err(refuse_file(&path, &problems));
    }
    Ok(summary)
}

/// At most this many problems are listed; the count says how many more.
const MAX_LISTED: usize = 50;

/// Problems one line each (`FILE:ROW:COLUMN: reason`), at most
/// [`MAX_LISTED`] of them, then how many more there were.
fn problem_lines(path: &Path, problems: &[Problem]) -> (Vec<String>, Vec<String>) {
    let file = path.display().to_string();
    let mut zh: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    for p in problems.iter().take(MAX_LISTED) {
        let column = if p.column.is_empty() {
            String::new()
        } else {
            format!("{}:", p.column)
        };
        zh.push(format!("{file}:{}:{column} {}", p.row, p.reason.zh));
        en.push(format!("{file}:{}:{column} {}", p.row, p.reason.en));
    }
    let count = problems.len();
    if count > MAX_LISTED {
        let more = count - MAX_LISTED;
        zh.push(format!(
            "……另有 {more} 处错误未列出（--rejects 可把全部错误行连同原因另存）"
        ));
        en.push(format!(
            "… and {more} more (--rejects saves every bad row with its reasons)"
        ));
    }
    (zh, en)
}

/// Every problem of a file, then what happened and what to do.
pub fn refuse_file(path: &Path, problems: &[Problem]) -> Error {
    let (mut zh, mut en) = problem_lines(path, problems);
    let count = problems.len();
    zh.push(format!(
        "共 {count} 处错误，未写入任何数据：请改正后重新导入，或用 --skip-invalid 只导入正确的行（--rejects 可把错误的行另存退回）。"
    ));
    en.push(format!(
        "{count} problem{}; nothing was written: correct the file and import it again, or import the valid rows with --skip-invalid (--rejects saves the others to send back).",
        if count == 1 { "" } else { "s" }
    ));
    Error::Refused(Text::new(zh.join("\n"), en.join("\n")))
}

/// A problem with the file as a whole (no header, no rows): `FILE: reason`.
pub fn refuse_whole_file(path: &Path, reason: Text) -> Error {
    let file = path.display();
    Error::Refused(Text::new(
        format!("{file}: {}", reason.zh),
        format!("{file}: {}", reason.en),
    ))
}

#[cfg(test)]
mod tests {
    use super::Written;

    #[test]
    fn written_remembers_the_row_of_every_id_near_or_far_in_any_order() {
        let mut written = Written::default();
        let ids = [
            1000,
            1001,
            1005,
            998,
            5,
            1 << 40,
            1003,
            999,
            70_000,
            1_000_000,
        ];
        for (row, id) in ids.iter().enumerate() {
            assert_eq!(written.row_of(*id), None, "{id} before");
            written.wrote(*id, row + 2);
        }
        for (row, id) in ids.iter().enumerate() {
            assert_eq!(written.row_of(*id), Some(row + 2), "{id}");
        }
        for id in [1002, 1004, 997, 6, 0, -1, 1 << 41] {
            assert_eq!(written.row_of(id), None, "{id} never written");
        }
        written.wrote(1001, 40);
        assert_eq!(written.row_of(1001), Some(40));
    }
}
