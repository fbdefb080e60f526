//! The rejects file: the rows an import refused, as they came, with a
//! column saying why, to send back to the unit.

use std::path::{Path, PathBuf};

use crate::Result;
use crate::output::{Lang, write_file};

use super::Problem;

pub struct Rejects {
    path: PathBuf,
    lang: Lang,
    /// The file's header row, as written.
    header: Vec<String>,
    /// Each rejected row as it came, and why.
    rows: Vec<(Vec<String>, String)>,
}

impl Rejects {
    /// Rejects to be written to `path`: `.xlsx` as a workbook, anything else
    /// as CSV (UTF-8 with BOM, which Excel reads).
    pub fn new(path: &Path, lang: Lang) -> Rejects {
        Rejects {
            path: path.to_path_buf(),
            lang,
            header: Vec::new(),
            rows: Vec::new(),
        }
    }

    pub fn set_header(&mut self, header: &[String]) {
        self.header = header.to_vec();
    }

    pub fn push(&mut self, cells: &[String], problems: &[Problem]) {
        let reasons: Vec<String> = problems
            .iter()
            .map(|p| format!("{}：{}", p.column, p.reason.get(self.lang)))
            .collect();
        self.rows.push((cells.to_vec(), reasons.join("；")));
    }

    /// The header and the rows, all as wide as the widest, with the reason
    /// last, so that the reason column lines up even when a row runs past
    /// the header.
    fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let width = self
            .rows
            .iter()
            .map(|(cells, _)| cells.len())
            .chain([self.header.len()])
            .max()
            .unwrap_or(0);
        let mut header = self.header.clone();
        header.resize(width, String::new());
        header.push(REASON_HEADER.get(self.lang).to_string());
        let rows = self
            .rows
            .iter()
            .map(|(cells, reason)| {
                let mut row = cells.clone();
                row.resize(width, String::new());
                row.push(reason.clone());
                row
            })
            .collect();
        (header, rows)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the file whole (nothing when no row was rejected).
    pub fn write(&self) -> Result<()> {
        let (header, rows) = self.table();
        let is_xlsx = self
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        let bytes = if is_xlsx {
            xlsx(&header, &rows)?
        } else {
            let mut bytes = Vec::new();
            crate::output::write_csv_rows(
                &mut bytes,
                &header,
                &rows,
                crate::output::CsvEncoding::Utf8Bom,
            )
            .map_err(|e| crate::Error::io(&self.path, e))?;
            bytes
        };
        write_file(&self.path, &bytes)
    }
}

/// The reason column's header; the importer passes it over when a fixed
/// rejects file comes back.
pub const REASON_HEADER: crate::output::Label = crate::output::Label {
    key: "reason",
    zh: "错误原因",
    en: "reason",
};

fn xlsx(header: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let failed = |e: rust_xlsxwriter::XlsxError| {
        let reason = e.to_string();
        crate::refuse!(
            "无法生成退回表：{reason}",
            "cannot build the rejects workbook: {reason}"
        )
    };
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in std::iter::once(header)
        .chain(rows.iter().map(Vec::as_slice))
        .enumerate()
    {
        for (c, cell) in row.iter().enumerate() {
            // Every cell as text, so that a 身份证号 is never turned into a number.
            sheet
                .write_string(r as u32, c as u16, cell)
                .map_err(failed)?;
        }
    }
    for c in 0..header.len() {
        let widest = std::iter::once(header)
            .chain(rows.iter().map(Vec::as_slice))
            .filter_map(|row| row.get(c))
            .map(|cell| crate::output::display_width(cell))
            .max()
            .unwrap_or(8);
        sheet
            .set_column_width(c as u16, (widest.clamp(6, 60) + 2) as f64)
            .map_err(failed)?;
    }
    workbook.save_to_buffer().map_err(failed)
}
