//! Dispatch of tables and records to the three formats, and the terminal table itself.

use std::io::{self, Write};

use comfy_table::presets::ASCII_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement};

use super::{CsvEncoding, Format, Lang, Record, Table, Value, record_json, table_json, write_csv};

pub fn write_table(
    out: &mut dyn Write,
    table: &Table,
    format: Format,
    lang: Lang,
) -> io::Result<()> {
    match format {
        Format::Table => {
            if table.rows.is_empty() {
                writeln!(out, "{}", empty_note(lang))
            } else {
                writeln!(out, "{}", terminal_table(table, lang, Layout::List))
            }
        }
        Format::Csv => write_csv(out, table, lang, CsvEncoding::Utf8),
        Format::Json => write_json(out, &table_json(table)),
    }
}

pub fn write_record(
    out: &mut dyn Write,
    record: &Record,
    format: Format,
    lang: Lang,
) -> io::Result<()> {
    match format {
        Format::Table => {
            let mut fields = Table::new(vec![super::labels::NAME, super::labels::NAME]);
            for (label, value) in &record.fields {
                fields.push(vec![Value::text(label.get(lang)), value.clone()]);
            }
            writeln!(out, "{}", terminal_table(&fields, lang, Layout::Fields))?;
            for (title, section) in &record.sections {
                let colon = if lang == Lang::Zh { "：" } else { ":" };
                writeln!(out, "\n{}{colon}", title.get(lang))?;
                write_table(out, section, Format::Table, lang)?;
            }
            Ok(())
        }
        Format::Csv => {
            let mut fields = Table::new(record.fields.iter().map(|(label, _)| *label).collect());
            fields.push(
                record
                    .fields
                    .iter()
                    .map(|(_, value)| value.clone())
                    .collect(),
            );
            write_csv(out, &fields, lang, CsvEncoding::Utf8)
        }
        Format::Json => write_json(out, &record_json(record)),
    }
}

fn write_json(out: &mut dyn Write, value: &serde_json::Value) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

fn empty_note(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "（无记录）",
        Lang::En => "(none)",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// A header row over rows of values; numeric columns aligned right.
    List,
    /// A record's label–value pairs, left aligned, without a header.
    Fields,
}

/// ASCII borders, no wrapping (the output must not depend on the terminal's
/// width). comfy-table measures display width, so Chinese text lines up.
fn terminal_table(table: &Table, lang: Lang, layout: Layout) -> String {
    let mut out = comfy_table::Table::new();
    out.load_style(ASCII_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    if layout == Layout::List {
        out.set_header(table.columns.iter().map(|c| c.get(lang)));
    }
    for row in &table.rows {
        out.add_row(row.iter().map(|v| v.display(lang)));
    }
    if layout == Layout::Fields {
        return out.to_string();
    }
    for (index, column) in out.column_iter_mut().enumerate() {
        let numeric = table
            .rows
            .iter()
            .any(|row| matches!(row[index], Value::Int(_) | Value::Rate(_) | Value::Money(_)));
        if numeric {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    out.to_string()
}
