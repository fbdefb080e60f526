//! The example registry: the units and committees of the Jixi city organs
//! (市直机关) in July 2023, from the report of the 2023-07-20 meeting, built
//! through the same importers the clerk uses.

use std::path::Path;

use rusqlite::Connection;

use crate::Result;
use crate::import::committees::CommitteeImporter;
use crate::import::units::UnitImporter;
use crate::import::{self, ImportOptions, ImportSummary};

pub const UNITS_CSV: &str = include_str!("../examples/jixi-2023/units.csv");
pub const COMMITTEES_CSV: &str = include_str!("../examples/jixi-2023/committees.csv");

/// The date the example describes: the day of the meeting.
pub const AS_OF: &str = "2023-07-20";

/// Imports the example units and committees into an empty registry.
pub fn build(conn: &Connection) -> Result<(ImportSummary, ImportSummary)> {
    let units: i64 = conn.query_row("SELECT count(*) FROM unit", [], |row| row.get(0))?;
    if units > 0 {
        return Err(crate::refuse!(
            "示例数据只能装入空的登记库：请用 --db 指定一个新文件",
            "the example goes into an empty registry only: name a new file with --db"
        ));
    }
    let options = ImportOptions::default();
    let rows = import::utf8_rows(Path::new("examples/jixi-2023/units.csv"), UNITS_CSV)?;
    let units = import::run(
        conn,
        rows,
        &mut UnitImporter::new(&options),
        &options,
        None,
        &mut |_, _| {},
    )?;
    let rows = import::utf8_rows(
        Path::new("examples/jixi-2023/committees.csv"),
        COMMITTEES_CSV,
    )?;
    let committees = import::run(
        conn,
        rows,
        &mut CommitteeImporter::new(&options),
        &options,
        None,
        &mut |_, _| {},
    )?;
    Ok((units, committees))
}
