//! Reading the spreadsheets units send: the file readers, the one table of
//! header synonyms, and one importer per record type. Every importer checks
//! every row before it answers, and writes all rows or none.

pub mod committees;
pub mod headers;
pub mod reader;
pub mod units;

use std::path::Path;

use crate::output::Text;
use crate::{Error, Result};

pub use headers::{Columns, Field};
pub use reader::{Sheet, SheetRow, read_delimited, read_sheet};

/// What to do with a row that matches a record already in the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnConflict {
    /// Write the file's non-empty cells over the record.
    #[default]
    Update,
    /// Leave the record as it is.
    Skip,
    /// Refuse the import.
    Fail,
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub on_conflict: OnConflict,
    /// Accept credit codes that fail their check character.
    pub force: bool,
}

/// What an import did, or would do in a dry run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    /// Headers in the file that no field takes.
    pub ignored_columns: Vec<String>,
    pub warnings: Vec<Text>,
}

impl ImportSummary {
    pub fn text(&self) -> Text {
        let (new, updated, unchanged, skipped) =
            (self.new, self.updated, self.unchanged, self.skipped);
        let mut text = crate::text!(
            "新增 {new}，更新 {updated}，未变 {unchanged}",
            "{new} new, {updated} updated, {unchanged} unchanged"
        );
        if skipped > 0 {
            text.zh.push_str(&format!("，跳过 {skipped}（已存在）"));
            text.en
                .push_str(&format!(", {skipped} skipped (already there)"));
        }
        text
    }
}

/// One bad cell: the row as Excel numbers it, the column as the file heads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub row: usize,
    pub column: String,
    pub reason: Text,
}

/// Every problem of a file, one line each (`FILE:ROW:COLUMN: reason`),
/// then what happened and what to do.
pub fn refuse_file(path: &Path, problems: &[Problem]) -> Error {
    let file = path.display().to_string();
    let mut zh: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    for p in problems {
        let column = if p.column.is_empty() {
            String::new()
        } else {
            format!("{}:", p.column)
        };
        zh.push(format!("{file}:{}:{column} {}", p.row, p.reason.zh));
        en.push(format!("{file}:{}:{column} {}", p.row, p.reason.en));
    }
    let count = problems.len();
    zh.push(format!(
        "共 {count} 处错误，未写入任何数据：请改正后重新导入。"
    ));
    en.push(format!(
        "{count} problem{}; nothing was written: correct the file and import it again.",
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

/// Finds a sheet's header row; returns the columns and the non-blank data rows.
pub fn open_table(sheet: &Sheet, fields: &[Field]) -> Result<(Columns, Vec<SheetRow>)> {
    let path = sheet.name.as_path();
    let (columns, data) =
        headers::locate(&sheet.rows, fields).map_err(|reason| refuse_whole_file(path, reason))?;
    let data: Vec<SheetRow> = data
        .iter()
        .filter(|row| !headers::is_blank(row))
        .cloned()
        .collect();
    if data.is_empty() {
        return Err(refuse_whole_file(
            path,
            crate::text!("表头下没有数据行", "there are no rows under the header"),
        ));
    }
    Ok((columns, data))
}
