//! Turning a file into rows of text cells, each with the row number Excel
//! shows. Delimited text and .xlsx sheets are read as a stream; the older
//! workbook formats a sheet whole (calamine reads them no other way).

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::mpsc;

use calamine::{Data, Dimensions, Range, Reader, Sheets, Xlsx, open_workbook_auto};

use super::decode::{TextEncoding, Undecodable, decoding, detect};
use super::refuse_whole_file;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    /// 1-based, as Excel numbers rows.
    pub number: usize,
    pub cells: Vec<String>,
}

/// The rows of one file, read as they are asked for.
pub struct Rows {
    /// The file's name, for messages.
    pub name: PathBuf,
    rows: Box<dyn Iterator<Item = Result<SheetRow>>>,
    read: Rc<Cell<u64>>,
    /// What `done` counts up to: the file's bytes, or a sheet's rows.
    pub total: u64,
}

impl Rows {
    /// A handle on how far reading has got, for a progress bar.
    pub fn meter(&self) -> Meter {
        Meter {
            read: Rc::clone(&self.read),
            total: self.total,
        }
    }
}

/// How far the reading of a file has got: bytes, or a sheet's rows.
pub struct Meter {
    read: Rc<Cell<u64>>,
    pub total: u64,
}

impl Meter {
    pub fn done(&self) -> u64 {
        self.read.get()
    }
}

impl Iterator for Rows {
    type Item = Result<SheetRow>;

    fn next(&mut self) -> Option<Result<SheetRow>> {
        let row = self.rows.next()?;
        Some(row.and_then(|row| refuse_control_characters(&self.name, row)))
    }
}

/// A NUL or other control character in a cell is never what a unit meant
/// to send, and would be stored invisibly: the file is refused, naming the
/// cell. Tabs and line breaks belong in text and pass.
fn refuse_control_characters(path: &Path, row: SheetRow) -> Result<SheetRow> {
    let found = row.cells.iter().enumerate().find_map(|(index, cell)| {
        cell.chars()
            .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            .map(|c| (index, c))
    });
    let Some((index, character)) = found else {
        return Ok(row);
    };
    let (number, column) = (row.number, column_letters(index));
    let code = format!("U+{:04X}", u32::from(character));
    Err(refuse_whole_file(
        path,
        crate::text!(
            "第 {number} 行 {column} 列含有控制字符 {code}：请在表格中删去后重新导入",
            "row {number}, column {column} holds the control character {code}: delete it in the sheet and import again"
        ),
    ))
}

/// A 0-based column index as Excel names it: A … Z, AA, AB, …
fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let digit = (n - 1) % 26;
        letters.push(char::from(b'A' + digit as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Opens `.csv`, `.tsv` and `.txt` as delimited text, and `.xlsx`, `.xlsm`,
/// `.xlsb`, `.xls` and `.ods` as workbooks (`sheet` by name or 1-based
/// number, the first sheet by default).
pub fn open_rows(path: &Path, sheet: Option<&str>, encoding: TextEncoding) -> Result<Rows> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "csv" | "tsv" | "txt" => {
            let total = std::fs::metadata(path)
                .map_err(|e| unreadable(path, e))?
                .len();
            let read = Rc::new(Cell::new(0));
            let counted = CountingReader {
                inner: File::open(path).map_err(|e| unreadable(path, e))?,
                read: Rc::clone(&read),
            };
            let text = detect(path, encoding)
                .and_then(|detected| decoding(counted, detected))
                .map_err(|e| unreadable(path, e))?;
            delimited_rows(path, text, extension != "csv", read, total)
        }
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => workbook_rows(path, sheet),
        _ => Err(refuse_whole_file(
            path,
            crate::text!(
                "不支持的文件类型：请用 .xlsx、.xls、.ods 或 .csv 文件",
                "unsupported file type: use an .xlsx, .xls, .ods or .csv file"
            ),
        )),
    }
}

/// Counts the bytes read from a file, for the progress bar.
struct CountingReader<R> {
    inner: R,
    read: Rc<Cell<u64>>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

fn unreadable(path: &Path, e: io::Error) -> Error {
    let reason = e.to_string();
    refuse_whole_file(
        path,
        crate::text!("无法读取文件：{reason}", "cannot read the file: {reason}"),
    )
}

/// Rows of delimited text already in UTF-8 (the embedded examples).
pub fn utf8_rows(name: &Path, text: &'static str) -> Result<Rows> {
    let total = text.len() as u64;
    delimited_rows(
        name,
        Box::new(text.as_bytes()),
        false,
        Rc::new(Cell::new(0)),
        total,
    )
}

/// Splits decoded text into rows: by commas, or by tabs when `tab_default`
/// or when the first line has more tabs than commas.
fn delimited_rows(
    path: &Path,
    text: Box<dyn Read>,
    tab_default: bool,
    read: Rc<Cell<u64>>,
    total: u64,
) -> Result<Rows> {
    let mut text = BufReader::with_capacity(64 * 1024, LineFeeds::new(text));
    // The delimiter is the one the start of the file uses more: a title
    // row above the header has neither, so one line is not enough to tell.
    let head = text.fill_buf().map_err(|e| text_error(path, e))?;
    let count = |byte: u8| head.iter().filter(|&&b| b == byte).count();
    let (tabs, commas) = (count(b'\t'), count(b','));
    let delimiter = if tabs > commas || (tab_default && tabs == commas) {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text);
    let name = path.to_path_buf();
    let mut record = csv::StringRecord::new();
    // Excel shows each line as a row, blank ones too, but a record that
    // spans lines (a quoted line break) as one row. A record's first line is
    // found back from where it ended (every line ends in LF, see
    // `LineFeeds`), and the line breaks inside earlier records are taken off.
    let mut inside_earlier = 0u64;
    let rows = std::iter::from_fn(move || match reader.read_record(&mut record) {
        Ok(false) => None,
        Ok(true) => {
            let inside: u64 = record
                .iter()
                .map(|field| field.matches('\n').count() as u64)
                .sum();
            let first_line = reader.position().line().saturating_sub(1 + inside).max(1);
            let number = first_line.saturating_sub(inside_earlier).max(1) as usize;
            inside_earlier += inside;
            // A cell holding a line break and a delimiter is rows swallowed
            // by a quote that was never closed.
            let delimiter = char::from(delimiter);
            if record.iter().any(|field| field.contains('\n') && field.contains(delimiter)) {
                // Counted back from the end, the swallowed line ends would
                // put the row too high: its start is where the reader began it.
                let number = record.position().map_or(number as u64, |p| p.line()) as usize;
                return Some(Err(refuse_whole_file(
                    &name,
                    crate::text!(
                        "第 {number} 行有一个没有配对的双引号，其后的各行都被读进了同一格：请检查该行的引号",
                        "row {number} has a double quote that is never closed, so the rows after it were read as one cell: check the quotes in that row"
                    ),
                )));
            }
            Some(Ok(SheetRow {
                number,
                cells: record.iter().map(unneutralise).collect(),
            }))
        }
        Err(e) => Some(Err(csv_error(&name, e))),
    })
    // The first error ends the file.
    .scan(false, |failed, row| {
        if *failed {
            return None;
        }
        *failed = row.is_err();
        Some(row)
    });
    Ok(Rows {
        name: path.to_path_buf(),
        rows: Box::new(rows),
        read,
        total,
    })
}

/// Reads every line end (CR LF, or a lone CR as old Macs wrote) as LF, and
/// ends the text with one, so that the CSV reader's line count is the
/// count of lines Excel shows as rows.
struct LineFeeds<R> {
    inner: R,
    chunk: Vec<u8>,
    out: Vec<u8>,
    position: usize,
    carried_cr: bool,
    last: Option<u8>,
    done: bool,
}

impl<R: Read> LineFeeds<R> {
    fn new(inner: R) -> Self {
        LineFeeds {
            inner,
            chunk: vec![0; 64 * 1024],
            out: Vec::new(),
            position: 0,
            carried_cr: false,
            last: None,
            done: false,
        }
    }

    fn refill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.position = 0;
        let n = self.inner.read(&mut self.chunk)?;
        if n == 0 {
            self.done = true;
            self.carried_cr = false;
            if self.last.is_some_and(|b| b != b'\n') {
                self.out.push(b'\n');
            }
            return Ok(());
        }
        let data = &self.chunk[..n];
        // A CR that ended the last chunk was a line end either way; an LF
        // right after it belongs to it.
        let skip_lf = std::mem::take(&mut self.carried_cr) && data[0] == b'\n';
        for (k, &byte) in data.iter().enumerate().skip(usize::from(skip_lf)) {
            match (byte, data.get(k + 1)) {
                (b'\r', Some(b'\n')) => {}
                (b'\r', Some(_)) => self.out.push(b'\n'),
                // A CR at the end of the chunk: its LF may come next.
                (b'\r', None) => {
                    self.out.push(b'\n');
                    self.carried_cr = true;
                }
                _ => self.out.push(byte),
            }
        }
        self.last = self.out.last().copied().or(self.last);
        Ok(())
    }
}

impl<R: Read> Read for LineFeeds<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.position == self.out.len() {
            if self.done {
                return Ok(0);
            }
            self.refill()?;
        }
        let n = buf.len().min(self.out.len() - self.position);
        buf[..n].copy_from_slice(&self.out[self.position..self.position + n]);
        self.position += n;
        Ok(n)
    }
}

fn text_error(path: &Path, e: io::Error) -> Error {
    match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<Undecodable>())
    {
        Some(Undecodable { line, encoding }) => refuse_whole_file(
            path,
            crate::text!(
                "第 {line} 行含有无法按 {encoding} 解码的字节：请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再导入，或用 --encoding 指定编码",
                "line {line} has bytes that are not valid {encoding}: save the file as 'CSV UTF-8' or .xlsx and import it again, or name the encoding with --encoding"
            ),
        ),
        None => unreadable(path, e),
    }
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line());
    match e.into_kind() {
        csv::ErrorKind::Io(e) => text_error(path, e),
        other => {
            let reason = format!("{other:?}");
            refuse_whole_file(
                path,
                crate::text!(
                    "第 {line} 行无法按 CSV 读取：{reason}",
                    "line {line} cannot be read as CSV: {reason}"
                ),
            )
        }
    }
}

fn not_a_workbook(path: &Path, reason: &dyn std::fmt::Display) -> Error {
    refuse_whole_file(
        path,
        crate::text!(
            "不是可读取的电子表格（{reason}）：请确认文件完整，或另存为 .xlsx 后再导入",
            "not a readable spreadsheet ({reason}): check the file, or save it as .xlsx and import again"
        ),
    )
}

fn workbook_rows(path: &Path, sheet: Option<&str>) -> Result<Rows> {
    if !path.exists() {
        return Err(unreadable(path, io::Error::from(io::ErrorKind::NotFound)));
    }
    let mut workbook = open_workbook_auto(path).map_err(|e| not_a_workbook(path, &e))?;
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
    let merged = match &mut workbook {
        Sheets::Xlsx(xlsx) => xlsx.merge_cells_by_sheet_id(index).ok(),
        Sheets::Xls(xls) => xls.merge_cells_by_sheet_id(index).ok(),
        _ => None,
    };
    let merged = MergedCells::new(merged.unwrap_or_default());
    let read = Rc::new(Cell::new(0));
    let counter = Rc::clone(&read);
    let (rows, total): (Box<dyn Iterator<Item = Result<SheetRow>>>, u64) = match workbook {
        Sheets::Xlsx(xlsx) => {
            let name = names[index].clone();
            let (rows, total) = streamed_sheet(path, xlsx, name, merged)?;
            (Box::new(rows), total)
        }
        mut other => {
            let range = match other.worksheet_range_at(index) {
                Some(Ok(range)) => range,
                Some(Err(e)) => return Err(not_a_workbook(path, &e)),
                None => {
                    return Err(refuse_whole_file(
                        path,
                        crate::text!("工作簿中没有工作表", "the workbook has no sheet"),
                    ));
                }
            };
            let total = range.height() as u64;
            (Box::new(whole_sheet(range, merged).map(Ok)), total)
        }
    };
    Ok(Rows {
        name: path.to_path_buf(),
        rows: Box::new(rows.inspect(move |_| counter.set(counter.get() + 1))),
        read,
        total,
    })
}

/// The rows of a sheet read whole (.xls, .xlsb, .ods), turned into text one
/// at a time as they are asked for.
fn whole_sheet(range: Range<Data>, mut merged: MergedCells) -> impl Iterator<Item = SheetRow> {
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let first_column = range.start().map_or(0, |(_, column)| column as usize);
    (0..range.height()).map(move |offset| {
        let mut cells = vec![String::new(); first_column];
        if let Some(row) = range.rows().nth(offset) {
            cells.extend(row.iter().map(cell_text));
        }
        let mut row = SheetRow {
            number: first_row + offset + 1,
            cells,
        };
        merged.fill(&mut row);
        row
    })
}

/// How many rows of an .xlsx sheet wait, read ahead, for the import.
const ROWS_READ_AHEAD: usize = 256;

/// An .xlsx sheet read cell by cell, on a thread of its own: memory holds
/// the rows read ahead, not the sheet (a province's roster is hundreds of
/// thousands of rows), and the XML is parsed while rows are checked. A row
/// no cell of which is in the file (a blank row) is not sent.
fn streamed_sheet(
    path: &Path,
    mut xlsx: Xlsx<BufReader<File>>,
    name: String,
    mut merged: MergedCells,
) -> Result<(StreamedRows, u64)> {
    let dimensions = xlsx
        .worksheet_cells_reader(&name)
        .map_err(|e| not_a_workbook(path, &e))?
        .dimensions();
    let total = u64::from(dimensions.end.0.saturating_sub(dimensions.start.0)) + 1;
    let (sender, receiver) = mpsc::sync_channel(ROWS_READ_AHEAD);
    let file = path.to_path_buf();
    let worker = std::thread::spawn(move || {
        let mut cells = match xlsx.worksheet_cells_reader(&name) {
            Ok(cells) => cells,
            Err(e) => {
                let _ = sender.send(Err(not_a_workbook(&file, &e)));
                return;
            }
        };
        let mut row: Option<SheetRow> = None;
        loop {
            let cell = match cells.next_cell() {
                Ok(Some(cell)) => cell,
                Ok(None) => break,
                Err(e) => {
                    let _ = sender.send(Err(not_a_workbook(&file, &e)));
                    return;
                }
            };
            let (r, c) = cell.get_position();
            let number = r as usize + 1;
            if let Some(mut done) = row.take_if(|row| row.number != number) {
                merged.fill(&mut done);
                if sender.send(Ok(done)).is_err() {
                    return; // the import stopped reading
                }
            }
            let row = row.get_or_insert_with(|| SheetRow {
                number,
                cells: Vec::new(),
            });
            let column = c as usize;
            if row.cells.len() <= column {
                row.cells.resize(column + 1, String::new());
            }
            row.cells[column] = cell_text(&Data::from(cell.get_value().clone()));
        }
        if let Some(mut done) = row {
            merged.fill(&mut done);
            let _ = sender.send(Ok(done));
        }
    });
    let rows = StreamedRows {
        path: path.to_path_buf(),
        receiver,
        worker: Some(worker),
    };
    Ok((rows, total))
}

/// The rows a reading thread sends. Its end is checked: a thread that
/// stopped without finishing the sheet is an error, never a shorter sheet.
struct StreamedRows {
    path: PathBuf,
    receiver: mpsc::Receiver<Result<SheetRow>>,
    worker: Option<std::thread::JoinHandle<()>>,
}

impl Iterator for StreamedRows {
    type Item = Result<SheetRow>;

    fn next(&mut self) -> Option<Result<SheetRow>> {
        if let Ok(row) = self.receiver.recv() {
            return Some(row);
        }
        let finished = self.worker.take()?.join();
        finished.err().map(|_| {
            Err(refuse_whole_file(
                &self.path,
                crate::text!(
                    "读取电子表格时出错，未能读完：请另存为 .xlsx 后再导入",
                    "reading the spreadsheet failed before its end: save it as .xlsx again and import it"
                ),
            ))
        })
    }
}

/// A merged cell holds its value in its top-left cell only; every cell it
/// covers gets the value, as the clerk sees it: a unit merged down over
/// several rows belongs to each of them. Rows pass in order, so a region's
/// top row passes before the rows under it.
struct MergedCells {
    /// Regions by top row, the ones not yet reached.
    waiting: std::collections::VecDeque<Dimensions>,
    /// Regions reached and not yet passed, with their value.
    open: Vec<(Dimensions, String)>,
}

impl MergedCells {
    fn new(mut regions: Vec<Dimensions>) -> Self {
        regions.sort_by_key(|region| region.start.0);
        MergedCells {
            waiting: regions.into(),
            open: Vec::new(),
        }
    }

    fn fill(&mut self, row: &mut SheetRow) {
        let at = row.number as u32 - 1;
        while self
            .waiting
            .front()
            .is_some_and(|region| region.start.0 <= at)
        {
            let Some(region) = self.waiting.pop_front() else {
                break;
            };
            let value = if region.start.0 == at {
                row.cells
                    .get(region.start.1 as usize)
                    .cloned()
                    .unwrap_or_default()
            } else {
                String::new() // its top row was blank
            };
            if !value.is_empty() {
                self.open.push((region, value));
            }
        }
        self.open.retain(|(region, _)| region.end.0 >= at);
        for (region, value) in &self.open {
            let (left, right) = (region.start.1 as usize, region.end.1 as usize);
            if row.cells.len() <= right {
                row.cells.resize(right + 1, String::new());
            }
            for cell in &mut row.cells[left..=right] {
                if cell.is_empty() {
                    cell.clone_from(value);
                }
            }
        }
    }
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
/// A number too long for Excel to keep exact (a 身份证号 typed into a number
/// cell) is written as Excel shows it, `2.30302E+17`, so that the check can
/// say what happened.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => unneutralise(s),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) if f.abs() >= 1e15 => format!("{f:E}"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_excel_names_them() {
        let named: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(named, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    fn through(bytes: &[u8], chunk: usize) -> Vec<u8> {
        let mut reader = LineFeeds::new(bytes);
        reader.chunk = vec![0; chunk];
        let mut out = Vec::new();
        reader.read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn every_line_end_becomes_lf_across_chunk_boundaries() {
        let text = b"a,b\r\nc,d\r\n\r\ne\rf\r";
        for chunk in 1..=text.len() {
            assert_eq!(through(text, chunk), b"a,b\nc,d\n\ne\nf\n", "chunk {chunk}");
        }
        assert_eq!(through(b"a\nb", 64), b"a\nb\n");
        assert_eq!(through(b"", 64), b"");
    }

    fn numbers(text: &str) -> Vec<usize> {
        let rows = delimited_rows(
            Path::new("t.csv"),
            Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            false,
            Rc::new(Cell::new(0)),
            0,
        )
        .unwrap();
        rows.map(|row| row.unwrap().number).collect()
    }

    #[test]
    fn rows_are_numbered_as_excel_shows_them() {
        assert_eq!(numbers("h\n\nx\n\n\ny\nz"), [1, 3, 6, 7]);
        assert_eq!(numbers("\n\nh\nx\n"), [3, 4]);
        assert_eq!(numbers("h\r\n\r\na,\"b\r\nc\"\r\nd\r\n"), [1, 3, 4]);
        assert_eq!(numbers("t\n\nh\n\"x\ny\"\n\na\nb"), [1, 3, 4, 6, 7]);
    }
}
