//! The one CSV writer: every CSV ggw writes goes through here.

use std::io::{self, Write};

use super::{Lang, Table, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvEncoding {
    /// UTF-8 with a byte-order mark, which Excel on Chinese Windows needs to
    /// read UTF-8 at all.
    Utf8Bom,
    Utf8,
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
                let shown = value.display(lang);
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
