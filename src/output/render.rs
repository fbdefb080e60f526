//! Dispatch of tables and records to the three formats, and the terminal table itself.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{
    CsvEncoding, Format, Lang, Record, Table, Value, display_width, record_json, table_json,
    write_csv,
};

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
                write_terminal_table(out, table, lang, Layout::List)
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
            write_terminal_table(out, &fields, lang, Layout::Fields)?;
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
/// width); columns are as wide as their widest line by display width, so
/// Chinese text lines up. Drawn here, not by a table crate: a province's
/// list has tens of thousands of cells, and a crate's cell objects cost
/// more than the rest of the command. Cells are shown twice, to measure and
/// to draw, rather than kept: most borrow their text, and the rest are
/// short.
fn write_terminal_table(
    out: &mut dyn Write,
    table: &Table,
    lang: Lang,
    layout: Layout,
) -> io::Result<()> {
    let header: Option<Vec<Value>> = (layout == Layout::List).then(|| {
        table
            .columns
            .iter()
            .map(|c| Value::text(c.get(lang)))
            .collect()
    });
    let mut widths = vec![1; table.columns.len()];
    for row in header.iter().chain(&table.rows) {
        for (width, value) in widths.iter_mut().zip(row) {
            for line in value.display(lang).split('\n') {
                *width = (*width).max(display_width(line));
            }
        }
    }
    let right_aligned: Vec<bool> = (0..widths.len())
        .map(|index| {
            layout == Layout::List
                && table.rows.iter().any(|row| {
                    matches!(row[index], Value::Int(_) | Value::Rate(_) | Value::Money(_))
                })
        })
        .collect();
    let mut border = String::from("+");
    for width in &widths {
        border.extend(std::iter::repeat_n('-', width + 2));
        border.push('+');
    }
    border.push('\n');
    out.write_all(border.as_bytes())?;
    let mut drawing = RowDrawing {
        widths: &widths,
        right_aligned: &right_aligned,
        line: String::new(),
    };
    if let Some(header) = &header {
        drawing.write(out, header, lang)?;
        let inner: usize = widths.iter().map(|w| w + 3).sum::<usize>() - 1;
        let mut line = String::from("+");
        line.extend(std::iter::repeat_n('=', inner));
        line.push_str("+\n");
        out.write_all(line.as_bytes())?;
    }
    for row in &table.rows {
        drawing.write(out, row, lang)?;
    }
    out.write_all(border.as_bytes())
}

/// Draws rows into a line buffer kept from row to row.
struct RowDrawing<'a> {
    widths: &'a [usize],
    right_aligned: &'a [bool],
    line: String,
}

impl RowDrawing<'_> {
    /// One row, as many lines high as its tallest cell.
    fn write(&mut self, out: &mut dyn Write, row: &[Value], lang: Lang) -> io::Result<()> {
        let shown: Vec<Cow<'_, str>> = row.iter().map(|v| v.display(lang)).collect();
        let height = shown
            .iter()
            .map(|c| c.bytes().filter(|&b| b == b'\n').count() + 1)
            .max()
            .unwrap_or(1);
        let mut parts: Vec<std::str::Split<'_, char>> =
            shown.iter().map(|cell| cell.split('\n')).collect();
        for _ in 0..height {
            let line = &mut self.line;
            line.clear();
            line.push('|');
            for ((part, width), right) in parts.iter_mut().zip(self.widths).zip(self.right_aligned)
            {
                let text = part.next().unwrap_or("");
                let pad = width - display_width(text);
                let (left, right) = if *right { (pad, 0) } else { (0, pad) };
                push_spaces(line, left + 1);
                line.push_str(text);
                push_spaces(line, right + 1);
                line.push('|');
            }
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }
}

fn push_spaces(line: &mut String, count: usize) {
    const SPACES: &str = "                                ";
    let mut left = count;
    while left > 0 {
        let n = left.min(SPACES.len());
        line.push_str(&SPACES[..n]);
        left -= n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::labels;

    fn drawn(table: &Table, format: Format, lang: Lang) -> String {
        let mut out = Vec::new();
        write_table(&mut out, table, format, lang).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The look the tables had when comfy-table drew them (ASCII_FULL_CONDENSED):
    /// numbers to the right, the header too; a Chinese character two columns
    /// wide; a cell of two lines makes its row two lines high.
    #[test]
    fn draws_the_terminal_table() {
        let mut table = Table::new(vec![labels::ID, labels::UNIT_NAME, labels::NOTE]);
        table.push(vec![Value::Int(7), Value::text("市教育局"), Value::Null]);
        table.push(vec![
            Value::Int(12345),
            Value::text("Jixi"),
            Value::text("第一行\nsecond line"),
        ]);
        let expected = "\
+-------+----------+-------------+
|  编号 | 单位名称 | 备注        |
+================================+
|     7 | 市教育局 |             |
| 12345 | Jixi     | 第一行      |
|       |          | second line |
+-------+----------+-------------+
";
        assert_eq!(drawn(&table, Format::Table, Lang::Zh), expected);
    }

    #[test]
    fn draws_a_record_without_header_or_alignment() {
        let record = Record {
            fields: vec![
                (labels::ID, Value::Int(3)),
                (labels::UNIT_NAME, Value::text("市委")),
            ],
            sections: Vec::new(),
        };
        let mut out = Vec::new();
        write_record(&mut out, &record, Format::Table, Lang::En).unwrap();
        let expected = "\
+------+------+
| ID   | 3    |
| Unit | 市委 |
+------+------+
";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
