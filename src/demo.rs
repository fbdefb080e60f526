//! The example registry: the units and committees of the Jixi city organs
//! (市直机关) in July 2023, from the report of the 2023-07-20 meeting, with
//! that meeting and a month of activities (invented, and marked so), built
//! through the same importers the clerk uses.

use std::path::Path;

use rusqlite::Connection;

use crate::Result;
use crate::import::activities::ActivityImporter;
use crate::import::committees::CommitteeImporter;
use crate::import::meetings::MeetingImporter;
use crate::import::units::UnitImporter;
use crate::import::volunteers::VolunteerImporter;
use crate::import::{self, ImportOptions, ImportSummary};

pub const UNITS_CSV: &str = include_str!("../examples/jixi-2023/units.csv");
pub const COMMITTEES_CSV: &str = include_str!("../examples/jixi-2023/committees.csv");
pub const MEETINGS_CSV: &str = include_str!("../examples/jixi-2023/meetings.csv");
pub const ACTIVITIES_CSV: &str = include_str!("../examples/jixi-2023/activities.csv");
pub const VOLUNTEERS_CSV: &str = include_str!("../examples/jixi-2023/volunteers.csv");

/// The date the example describes: the day of the meeting.
pub const AS_OF: &str = "2023-07-20";

/// What the example holds: how many of each record it imported.
#[derive(Debug, Clone, Default)]
pub struct Built {
    pub units: usize,
    pub committees: usize,
    pub meetings: usize,
    pub activities: usize,
    pub volunteers: usize,
}

/// Imports the example units, committees and meetings into an empty registry.
pub fn build(conn: &Connection) -> Result<Built> {
    let units: i64 = conn.query_row("SELECT count(*) FROM unit", [], |row| row.get(0))?;
    if units > 0 {
        return Err(crate::refuse!(
            "示例数据只能装入空的登记库：请用 --db 指定一个新文件",
            "the example goes into an empty registry only: name a new file with --db"
        ));
    }
    let options = ImportOptions::default();
    let import = |name: &str,
                  text: &'static str,
                  importer: &mut dyn import::Importer|
     -> Result<ImportSummary> {
        let rows = import::utf8_rows(Path::new(name), text)?;
        import::run(conn, rows, importer, &options, None, &mut |_, _| {})
    };
    let units = import(
        "examples/jixi-2023/units.csv",
        UNITS_CSV,
        &mut UnitImporter::new(&options),
    )?;
    let committees = import(
        "examples/jixi-2023/committees.csv",
        COMMITTEES_CSV,
        &mut CommitteeImporter::new(&options),
    )?;
    let meetings = import(
        "examples/jixi-2023/meetings.csv",
        MEETINGS_CSV,
        &mut MeetingImporter::new(&options),
    )?;
    let activities = import(
        "examples/jixi-2023/activities.csv",
        ACTIVITIES_CSV,
        &mut ActivityImporter::new(conn, &options, None)?,
    )?;
    let volunteers = import(
        "examples/jixi-2023/volunteers.csv",
        VOLUNTEERS_CSV,
        &mut VolunteerImporter::new(conn, &options, None)?,
    )?;
    Ok(Built {
        units: units.new,
        committees: committees.new,
        meetings: meetings.new,
        activities: activities.new,
        volunteers: volunteers.new,
    })
}
