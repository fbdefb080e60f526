//! The rosters (花名册) units send: new 五老, none of them in the registry,
//! each serving a unit of units.sqlite. Each format draws the same rows from
//! the same seed, one row at a time, so a format can be written alone and
//! a million rows never sit in memory.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::{Result, bail};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use crate::people::{self, Category, IdCards};
use crate::rng::Rng;
use crate::units::World;
use crate::words;

pub const HEADERS: [&str; 11] = [
    "序号",
    "姓名",
    "性别",
    "出生年月",
    "身份证号",
    "联系电话",
    "类别",
    "原职务",
    "政治面貌",
    "服务单位",
    "备注",
];

/// The largest sheet Excel opens, less its header row.
pub const XLSX_MAX_ROWS: u64 = 1_048_575;

/// One row; its buffers are reused from row to row.
#[derive(Default)]
pub struct Row {
    pub serial: String,
    pub name: String,
    pub gender: &'static str,
    pub birth: String,
    pub id_card: String,
    pub phone: String,
    pub category: &'static str,
    pub former_post: String,
    pub political: &'static str,
    pub unit: usize,
    pub note: &'static str,
}

impl Row {
    pub fn cells<'a>(&'a self, world: &'a World) -> [&'a str; 11] {
        [
            &self.serial,
            &self.name,
            self.gender,
            &self.birth,
            &self.id_card,
            &self.phone,
            self.category,
            &self.former_post,
            self.political,
            &world.units[self.unit].name,
            self.note,
        ]
    }
}

pub struct Roster<'a> {
    world: &'a World,
    rng: Rng,
    ids: IdCards,
    serial: u64,
    /// A roster comes unit by unit: the rows left of the current unit's.
    left: u64,
    unit: usize,
}

impl<'a> Roster<'a> {
    pub fn new(world: &'a World, seed: u64) -> Roster<'a> {
        Roster {
            world,
            rng: Rng::stream(seed, "roster"),
            ids: IdCards::new(world.id_regions.clone(), people::ROSTER_SEQUENCES),
            serial: 0,
            left: 0,
            unit: 0,
        }
    }

    pub fn next(&mut self, row: &mut Row) {
        let rng = &mut self.rng;
        let world = self.world;
        if self.left == 0 {
            self.unit = rng.index(world.units.len());
            self.left = rng.range(5, 80) as u64;
        }
        self.left -= 1;
        self.serial += 1;
        let unit = &world.units[self.unit];
        row.unit = self.unit;
        row.serial.clear();
        write!(row.serial, "{}", self.serial).expect("a String takes any text");

        let category = Category::draw(rng, unit.kind, false);
        let male = rng.chance(if category == Category::Teacher {
            0.45
        } else {
            0.66
        });
        row.name = people::name(rng, male);
        row.gender = if male { "男" } else { "女" };
        // New 五老 are the recently retired, born 1950–1966 (the registry's
        // records without a 身份证号 are all born before 1945, so no row can
        // match one of them by name and birth month).
        let year = 1950 + rng.below(17).max(rng.below(17)) as i32;
        let day = people::day_between(rng, date(year, 1, 1), date(year, 12, 31));
        let region = world.origin(rng, unit.place);
        let (number, born) = self.ids.issue(region, day, male);
        row.id_card = number;
        row.birth.clear();
        // The forms clerks type: 1958.03, 1958-03-12, 1958年3月, 1958/3/12, 195803.
        let (y, m, d) = (born.year(), born.month(), born.day());
        match rng.below(20) {
            0..=8 => write!(row.birth, "{y}.{m:02}"),
            9..=13 => write!(row.birth, "{y}-{m:02}-{d:02}"),
            14..=16 => write!(row.birth, "{y}年{m}月"),
            17..=18 => write!(row.birth, "{y}/{m}/{d}"),
            _ => write!(row.birth, "{y}{m:02}"),
        }
        .expect("a String takes any text");
        row.phone = match rng.below(100) {
            0..=91 => people::mobile(rng),
            92..=96 => {
                let p = &world.places[unit.place];
                people::landline(rng, p.area_code, p.local_digits)
            }
            _ => String::new(),
        };
        row.category = category.zh();
        row.former_post = people::former_post(rng, world, unit.place, category).unwrap_or_default();
        row.political = *rng.weighted(words::POLITICAL);
        row.note = if rng.chance(0.1) {
            *rng.pick(words::ROSTER_NOTES)
        } else {
            ""
        };
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// roster.csv (UTF-8, no BOM) or roster-gbk.csv: one header row, then the rows.
pub fn write_csv(world: &World, seed: u64, rows: u64, path: &Path, gbk: bool) -> Result<()> {
    let file = BufWriter::with_capacity(1 << 20, File::create(path)?);
    let sink: Box<dyn Write> = if gbk {
        Box::new(GbkWriter::new(file))
    } else {
        Box::new(file)
    };
    let mut out = csv::Writer::from_writer(sink);
    out.write_record(HEADERS)?;
    let mut roster = Roster::new(world, seed);
    let mut row = Row::default();
    for _ in 0..rows {
        roster.next(&mut row);
        out.write_record(row.cells(world))?;
    }
    out.flush()?;
    Ok(())
}

/// roster.xlsx: one sheet, written row by row (rust_xlsxwriter's constant
/// memory mode); 身份证号 and phones are text, as a clerk must type them
/// for Excel to keep every digit.
pub fn write_xlsx(world: &World, seed: u64, rows: u64, path: &Path) -> Result<()> {
    if rows > XLSX_MAX_ROWS {
        bail!("an .xlsx sheet holds at most {XLSX_MAX_ROWS} rows below its header, not {rows}");
    }
    let mut workbook = Workbook::new();
    // A fixed creation time: the same seed writes the same bytes.
    let created = ExcelDateTime::from_ymd(2026, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        workbook.set_tempdir(dir)?;
    }
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name("五老花名册")?;
    let bold = Format::new().set_bold();
    for (column, (header, width)) in HEADERS
        .iter()
        .zip([6, 8, 5, 11, 20, 14, 8, 36, 14, 32, 16])
        .enumerate()
    {
        sheet.set_column_width(column as u16, width)?;
        sheet.write_string_with_format(0, column as u16, *header, &bold)?;
    }
    let mut roster = Roster::new(world, seed);
    let mut row = Row::default();
    for r in 1..=rows as u32 {
        roster.next(&mut row);
        sheet.write_number(r, 0, r as f64)?;
        for (column, cell) in row.cells(world).iter().enumerate().skip(1) {
            if !cell.is_empty() {
                sheet.write_string(r, column as u16, *cell)?;
            }
        }
    }
    workbook.save(path)?;
    Ok(())
}

/// Re-encodes the UTF-8 written to it as GBK. Text can arrive cut inside a
/// character; the cut bytes wait for the rest. A character GBK lacks is an
/// error, not a `&#…;` escape: every generated character must be in GBK.
struct GbkWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> GbkWriter<W> {
    fn new(inner: W) -> Self {
        GbkWriter {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for GbkWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let complete = match std::str::from_utf8(&self.pending) {
            Ok(text) => text.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e)),
        };
        let text = std::str::from_utf8(&self.pending[..complete]).expect("checked above");
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
        if unmappable {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("a character of {text:?} is not in GBK"),
            ));
        }
        self.inner.write_all(&bytes)?;
        self.pending.drain(..complete);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
