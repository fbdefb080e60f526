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

pub fn write_csv(
    out: &mut dyn Write,
    table: &Table,
    lang: Lang,
    encoding: CsvEncoding,
) -> io::Result<()> {
    if encoding == CsvEncoding::Utf8Bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut writer = ::csv::Writer::from_writer(out);
    writer
        .write_record(table.columns.iter().map(|c| c.get(lang)))
        .map_err(io_error)?;
    for row in &table.rows {
        writer
            .write_record(row.iter().map(|value| csv_cell(value, lang)))
            .map_err(io_error)?;
    }
    writer.flush()
}

/// Keeps the kind of an I/O error (a closed pipe must stay a closed pipe).
fn io_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// A text cell that a spreadsheet would run as a formula gets a leading `'`.
fn csv_cell(value: &Value, lang: Lang) -> String {
    let shown = value.display(lang);
    let is_text = matches!(value, Value::Text(_) | Value::List(_));
    if is_text && shown.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{shown}")
    } else {
        shown
    }
}
