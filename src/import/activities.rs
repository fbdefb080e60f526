//! `activity import`: the monthly sheet a unit sends of its activities
//! (单位, 日期, 活动类别, 活动名称, 受益青少年人次, 参与五老人数, 帮扶资金(元),
//! 资助学生数, 简要内容).

use rusqlite::Connection;

use super::headers::{self, Field};
use super::{ImportOptions, Importer, Outcome, Problem, RecordWords, Row, Written};
use crate::Result;
use crate::db::activities::{self, ActivityDraft};
use crate::db::units;
use crate::model::clean;
use crate::model::date::parse_date;
use crate::output::{Label, labels};

pub const FIELDS: &[Field] = &[
    headers::UNIT,
    Field {
        required: true,
        ..headers::HELD_ON
    },
    headers::UNTIL,
    Field {
        required: true,
        ..headers::ACTIVITY_KIND
    },
    Field {
        required: true,
        ..headers::ACTIVITY_TITLE
    },
    headers::YOUTH,
    headers::VOLUNTEERS_INVOLVED,
    headers::FUNDS,
    headers::STUDENTS,
    headers::LOCATION,
    headers::SUMMARY,
];

/// Which column holds each field that the activity checks name.
const FIELD_OF_LABEL: &[(Label, Field)] = &[
    (activities::UNIT, headers::UNIT),
    (labels::HELD_ON, headers::HELD_ON),
    (labels::UNTIL, headers::UNTIL),
    (labels::KIND, headers::ACTIVITY_KIND),
    (labels::TITLE, headers::ACTIVITY_TITLE),
    (labels::YOUTH, headers::YOUTH),
    (labels::VOLUNTEERS_INVOLVED, headers::VOLUNTEERS_INVOLVED),
    (labels::FUNDS, headers::FUNDS),
    (labels::STUDENTS, headers::STUDENTS),
];

/// Imports activities. A row is the same activity as a registered one when
/// its unit, date and title are the same; a match is updated with the
/// row's non-empty cells. `unit` is the unit of rows whose unit cell is
/// empty or missing (a sheet of one unit often has no unit column).
pub struct ActivityImporter {
    options: ImportOptions,
    /// The id of the unit given with `--unit`.
    default_unit: Option<i64>,
    written: Written,
}

impl ActivityImporter {
    /// `unit` names the unit of rows without one (`--unit`).
    pub fn new(conn: &Connection, options: &ImportOptions, unit: Option<&str>) -> Result<Self> {
        let default_unit = match unit {
            Some(name) => {
                let unit = units::resolve(conn, name)?;
                units::active_or_reason(conn, &unit)?.map_err(crate::Error::Refused)?;
                Some(unit.id)
            }
            None => None,
        };
        Ok(ActivityImporter {
            options: options.clone(),
            default_unit,
            written: Written::default(),
        })
    }
}

impl Importer for ActivityImporter {
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }

    fn import_row(
        &mut self,
        conn: &Connection,
        row: &Row,
    ) -> Result<std::result::Result<Outcome, Vec<Problem>>> {
        let cell = |field: &Field| Some(row.get(field).to_string()).filter(|c| !c.is_empty());
        // A unit named in a sheet is named by name or alias: a number there is no id.
        let unit_id = match cell(&headers::UNIT) {
            Some(name) => match units::find_name(conn, &name)? {
                Ok(unit) => unit.id,
                Err(reason) => return Ok(Err(vec![row.problem(&headers::UNIT, reason)])),
            },
            None => match self.default_unit {
                Some(id) => id,
                None => {
                    return Ok(Err(vec![row.problem(
                        &headers::UNIT,
                        crate::text!(
                            "单位为空：请填写开展活动的单位，或导入时用 --unit 指定单位",
                            "the unit is empty: name the unit that held it, or give one with --unit"
                        ),
                    )]));
                }
            },
        };
        let file = ActivityDraft {
            unit: Some(format!("#{unit_id}")),
            held_on: cell(&headers::HELD_ON),
            until: cell(&headers::UNTIL),
            kind: cell(&headers::ACTIVITY_KIND),
            title: row.get(&headers::ACTIVITY_TITLE).to_string(),
            youth: cell(&headers::YOUTH),
            volunteers: cell(&headers::VOLUNTEERS_INVOLVED),
            funds: cell(&headers::FUNDS),
            students: cell(&headers::STUDENTS),
            location: cell(&headers::LOCATION),
            summary: cell(&headers::SUMMARY),
        };
        // The same unit, date and title is the same activity.
        let title = clean(&file.title);
        let held_on = file.held_on.as_deref().and_then(|d| parse_date(d).ok());
        let existing = match held_on {
            Some(held_on) if !title.is_empty() => {
                activities::matching(conn, unit_id, held_on, &title)?
            }
            _ => None,
        };
        if let Some(id) = existing
            && let Some(answer) = self.written.matched(
                id,
                row,
                &headers::ACTIVITY_TITLE,
                self.options.on_conflict,
                &ACTIVITY_WORDS,
            )
        {
            return Ok(answer);
        }
        let draft = match existing {
            Some(id) => overlay(activities::draft_of(&activities::get(conn, id)?), file),
            None => file,
        };
        let values = match activities::check(conn, &draft, existing)? {
            Ok(values) => values,
            Err(errors) => {
                return Ok(Err(row.field_problems(
                    errors,
                    FIELD_OF_LABEL,
                    &headers::ACTIVITY_TITLE,
                )));
            }
        };
        let (id, outcome) = match existing {
            Some(id) => {
                let changed = activities::update(conn, id, &values)?;
                (id, Outcome::of_update(changed))
            }
            None => (activities::insert(conn, &values)?, Outcome::New),
        };
        self.written.wrote(id, row.number);
        Ok(Ok(outcome))
    }
}

/// The stored activity with the file's non-empty cells laid over it.
fn overlay(stored: ActivityDraft, file: ActivityDraft) -> ActivityDraft {
    ActivityDraft {
        unit: file.unit.or(stored.unit),
        held_on: file.held_on.or(stored.held_on),
        until: file.until.or(stored.until),
        kind: file.kind.or(stored.kind),
        title: if clean(&file.title).is_empty() {
            stored.title
        } else {
            file.title
        },
        youth: file.youth.or(stored.youth),
        volunteers: file.volunteers.or(stored.volunteers),
        funds: file.funds.or(stored.funds),
        students: file.students.or(stored.students),
        location: file.location.or(stored.location),
        summary: file.summary.or(stored.summary),
    }
}

const ACTIVITY_WORDS: RecordWords = RecordWords {
    same_as_row: |first| {
        crate::text!(
            "与第 {first} 行是同一项活动（单位、日期和名称相同）",
            "the same activity as row {first} (the same unit, date and title)"
        )
    },
    registered: |id| {
        crate::text!(
            "此活动已登记（#{id}）（--on-conflict fail）",
            "this activity is registered already (#{id}) (--on-conflict fail)"
        )
    },
};
