//! Turning a file into rows of text cells, each with the row number Excel shows.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};

use crate::{Error, Result};

use super::refuse_whole_file;

/// A file's rows, and the name to give it in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: PathBuf,
    pub rows: Vec<SheetRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    /// 1-based, as Excel numbers rows (for CSV: the record's first line).
    pub number: usize,
    pub cells: Vec<String>,
}

/// Reads `.csv`, `.tsv` and `.txt` as delimited text, and `.xlsx`, `.xlsm`,
/// `.xls` and `.ods` as workbooks (`sheet` by name or 1-based number, the
/// first sheet by default).
pub fn read_sheet(path: &Path, sheet: Option<&str>) -> Result<Sheet> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "csv" | "tsv" | "txt" => {
            let bytes = std::fs::read(path).map_err(|e| unreadable(path, e))?;
            read_delimited(path, &bytes, extension != "csv")
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Ok(Sheet {
            name: path.to_path_buf(),
            rows: read_workbook(path, sheet)?,
        }),
        _ => Err(refuse_whole_file(
            path,
            crate::text!(
                "不支持的文件类型：请用 .xlsx、.xls、.ods 或 .csv 文件",
                "unsupported file type: use an .xlsx, .xls, .ods or .csv file"
            ),
        )),
    }
}

fn unreadable(path: &Path, e: std::io::Error) -> Error {
    let reason = e.to_string();
    refuse_whole_file(
        path,
        crate::text!("无法读取文件：{reason}", "cannot read the file: {reason}"),
    )
}

/// Decodes the bytes: a byte-order mark decides; else UTF-8 if the bytes
/// are valid UTF-8; else GB18030 (a superset of GBK), strictly, so that an
/// undecodable byte is an error and never a replacement character.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_length..];
        return encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .map(|text| text.into_owned())
            .ok_or_else(|| undecodable(path, body, encoding.name()));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|text| text.into_owned())
            .ok_or_else(|| undecodable(path, bytes, "GB18030")),
    }
}

/// Names the line of the first byte that does not decode.
fn undecodable(path: &Path, bytes: &[u8], encoding: &str) -> Error {
    let mut decoder = encoding_rs::Encoding::for_label(encoding.as_bytes())
        .unwrap_or(encoding_rs::GB18030)
        .new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 2);
    let (_, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    let line = bytes[..read.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1;
    refuse_whole_file(
        path,
        crate::text!(
            "第 {line} 行含有无法按 {encoding} 解码的字节：请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再导入",
            "line {line} has bytes that are not valid {encoding}: save the file as 'CSV UTF-8' or .xlsx and import it again"
        ),
    )
}

/// Reads delimited text (comma, or tab when `tab_default` or when the first
/// line has more tabs than commas). `path` names the file in messages.
pub fn read_delimited(path: &Path, bytes: &[u8], tab_default: bool) -> Result<Sheet> {
    let text = decode(path, bytes)?;
    let first_line = text.lines().next().unwrap_or("");
    let delimiter =
        if tab_default || first_line.matches('\t').count() > first_line.matches(',').count() {
            b'\t'
        } else {
            b','
        };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let number = record
                    .position()
                    .map_or(rows.len() + 1, |p| p.line() as usize);
                rows.push(SheetRow {
                    number,
                    cells: record.iter().map(unneutralise).collect(),
                });
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(refuse_whole_file(
                    path,
                    crate::text!(
                        "第 {line} 行无法按 CSV 读取：{e}",
                        "line {line} cannot be read as CSV: {e}"
                    ),
                ));
            }
        }
    }
    Ok(Sheet {
        name: path.to_path_buf(),
        rows,
    })
}

fn read_workbook(path: &Path, sheet: Option<&str>) -> Result<Vec<SheetRow>> {
    if !path.exists() {
        return Err(unreadable(
            path,
            std::io::Error::from(std::io::ErrorKind::NotFound),
        ));
    }
    let not_a_workbook = |e: &dyn std::fmt::Display| {
        let reason = e.to_string();
        refuse_whole_file(
            path,
            crate::text!(
                "不是可读取的电子表格（{reason}）：请确认文件完整，或另存为 .xlsx 后再导入",
                "not a readable spreadsheet ({reason}): check the file, or save it as .xlsx and import again"
            ),
        )
    };
    let mut workbook = open_workbook_auto(path).map_err(|e| not_a_workbook(&e))?;
    let names = workbook.sheet_names();
    let index = match sheet {
        None => 0,
        Some(wanted) => match names.iter().position(|n| n == wanted.trim()) {
            Some(index) => index,
            None => match wanted.trim().parse::<usize>() {
                Ok(n) if (1..=names.len()).contains(&n) => n - 1,
                _ => {
                    let (zh, en) = (names.join("、"), names.join(", "));
                    return Err(refuse_whole_file(
                        path,
                        crate::text!(
                            "没有名为“{wanted}”的工作表：现有 {zh}",
                            "there is no sheet '{wanted}': the sheets are {en}"
                        ),
                    ));
                }
            },
        },
    };
    let range = match workbook.worksheet_range_at(index) {
        Some(Ok(range)) => range,
        Some(Err(e)) => return Err(not_a_workbook(&e)),
        None => {
            return Err(refuse_whole_file(
                path,
                crate::text!("工作簿中没有工作表", "the workbook has no sheet"),
            ));
        }
    };
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let first_column = range.start().map_or(0, |(_, column)| column as usize);
    let mut rows = Vec::new();
    for (offset, cells) in range.rows().enumerate() {
        let number = first_row + offset + 1;
        let mut texts = vec![String::new(); first_column];
        texts.extend(cells.iter().map(cell_text));
        rows.push(SheetRow {
            number,
            cells: texts,
        });
    }
    Ok(rows)
}

/// Undoes what ggw's CSV writer does to a cell that a spreadsheet would run
/// as a formula (`=1+1` written as `'=1+1`), so that an export imports again
/// as it was.
fn unneutralise(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// A cell as text: whole numbers without `.0`, dates as `2023-07-20`, an
/// error value as Excel shows it (`#N/A`), for the field's check to refuse.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => unneutralise(s),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}
