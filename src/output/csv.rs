//! The one CSV writer: every CSV ggw writes goes through here.

use std::io::{self, Write};

use super::{Lang, Table, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvEncoding {
    /// UTF-8 with a byte-order mark, which Excel on Chinese Windows needs to
    /// read UTF-8 at all.
    Utf8Bom,
    Utf8,
    /// GBK (as GB18030 encodes it), for old systems; a character GBK cannot
    /// hold is refused by [`gbk_problem`] before anything is written.
    Gbk,
}

/// A table with its labels as the header; numbers as numbers, text cells
/// that a spreadsheet would run as a formula neutralised.
pub fn write_csv(
    out: &mut dyn Write,
    table: &Table,
    lang: Lang,
    encoding: CsvEncoding,
) -> io::Result<()> {
    let header = table.columns.iter().map(|c| c.get(lang).to_string());
    let rows = table.rows.iter().map(|row| {
        row.iter()
            .map(|value| {
                let shown = value.display(lang).into_owned();
                match value {
                    Value::Text(_) | Value::List(_) => neutralise(shown),
                    _ => shown,
                }
            })
            .collect::<Vec<_>>()
    });
    write_records(out, encoding, header, rows)
}

/// Rows of text as they came (a rejects file), every cell neutralised.
pub fn write_csv_rows(
    out: &mut dyn Write,
    header: &[String],
    rows: &[Vec<String>],
    encoding: CsvEncoding,
) -> io::Result<()> {
    let rows = rows
        .iter()
        .map(|row| row.iter().cloned().map(neutralise).collect::<Vec<_>>());
    write_records(out, encoding, header.iter().cloned(), rows)
}

fn write_records(
    out: &mut dyn Write,
    encoding: CsvEncoding,
    header: impl Iterator<Item = String>,
    rows: impl Iterator<Item = Vec<String>>,
) -> io::Result<()> {
    if encoding == CsvEncoding::Gbk {
        let mut utf8 = Vec::new();
        write_records(&mut utf8, CsvEncoding::Utf8, header, rows)?;
        let text = String::from_utf8(utf8).map_err(io::Error::other)?;
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
        if unmappable {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "a character GBK cannot hold (check with gbk_problem first)",
            ));
        }
        return out.write_all(&bytes);
    }
    if encoding == CsvEncoding::Utf8Bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut writer = ::csv::WriterBuilder::new().flexible(true).from_writer(out);
    writer
        .write_record(header.collect::<Vec<_>>())
        .map_err(io_error)?;
    for row in rows {
        writer.write_record(&row).map_err(io_error)?;
    }
    writer.flush()
}

/// A cell that a spreadsheet would run as a formula gets a leading `'`.
fn neutralise(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// Keeps the kind of an I/O error (a closed pipe must stay a closed pipe).
fn io_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The first cell of a table that GBK cannot hold, named by row (the
/// header is row 1, as a spreadsheet shows it) and column.
pub fn gbk_problem(table: &Table, lang: Lang) -> Option<crate::output::Text> {
    let header = table.columns.iter().map(|c| c.get(lang).to_string());
    let rows = table.rows.iter().map(|row| {
        row.iter()
            .map(|v| v.display(lang).into_owned())
            .collect::<Vec<_>>()
    });
    for (index, row) in std::iter::once(header.collect::<Vec<_>>())
        .chain(rows)
        .enumerate()
    {
        for (column, cell) in row.iter().enumerate() {
            if let Some(c) = cell
                .chars()
                .find(|c| encoding_rs::GBK.encode(&c.to_string()).2)
            {
                let (number, name) = (
                    index + 1,
                    table.columns.get(column).map_or("", |l| l.get(lang)),
                );
                return Some(crate::text!(
                    "第 {number} 行“{name}”列中的“{c}”无法用 GBK 表示：请改用 --encoding utf8-bom",
                    "row {number}, column '{name}': '{c}' cannot be written in GBK: use --encoding utf8-bom"
                ));
            }
        }
    }
    None
}
