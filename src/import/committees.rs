//! `committee import`: a sheet of committees (单位, 成立日期, 批次, 主任, 常务副主任).

use rusqlite::{Connection, OptionalExtension};

use super::headers::{self, Field};
use super::{ImportOptions, Importer, OnConflict, Outcome, Problem, Row};
use crate::db::committees::{self, CommitteeEdit, NewCommittee, NewMember};
use crate::db::units::{self, UnitRef};
use crate::model::committee::{Role, Standard, parse_standards, split_list};
use crate::model::date::{Date, parse_date, today};
use crate::model::enums::Enumerated;
use crate::model::{clean, parse_count, parse_yuan};
use crate::output::Text;
use crate::{Error, Result};

pub const FIELDS: &[Field] = &[
    Field {
        required: true,
        ..headers::UNIT
    },
    headers::ESTABLISHED_ON,
    headers::BATCH,
    headers::DIRECTOR,
    headers::EXECUTIVE_DEPUTY,
    headers::MEETS,
    headers::YEARLY_FUNDS,
    headers::NOTE,
];

/// Imports committees. The unit cell may name several units (`A、B`) for a
/// joint committee; an empty date records a planned committee. A row whose
/// unit has a committee already updates it: the date, the batch, the note,
/// and the director and executive deputy when the committee has none.
pub struct CommitteeImporter {
    options: ImportOptions,
    /// The committees written so far, with the row that wrote each.
    seen_committees: Vec<(i64, usize)>,
}

impl CommitteeImporter {
    pub fn new(options: &ImportOptions) -> Self {
        CommitteeImporter {
            options: options.clone(),
            seen_committees: Vec::new(),
        }
    }
}

impl Importer for CommitteeImporter {
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }

    fn import_row(
        &mut self,
        conn: &Connection,
        row: &Row,
    ) -> Result<std::result::Result<Outcome, Vec<Problem>>> {
        let cell = |field: &Field| row.get(field);
        let problem = |field: &Field, reason: Text| row.problem(field, reason);
        let mut row_problems: Vec<Problem> = Vec::new();
        let mut named: Vec<UnitRef> = Vec::new();
        for name in split_list(cell(&headers::UNIT)) {
            match units::find_name(conn, name)? {
                Ok(unit) => named.push(unit),
                Err(reason) => row_problems.push(problem(&headers::UNIT, reason)),
            }
        }
        if cell(&headers::UNIT).is_empty() {
            row_problems.push(problem(
                &headers::UNIT,
                crate::text!("单位为空", "the unit is empty"),
            ));
        }
        let date = match cell(&headers::ESTABLISHED_ON) {
            "" => None,
            raw => match parse_date(raw) {
                // Checked here so that the message names this column, not the unit's.
                Ok(date) if date > today() => {
                    row_problems.push(problem(
                        &headers::ESTABLISHED_ON,
                        crate::text!(
                            "成立日期 {date} 晚于今天：尚未成立的关工委请将成立日期留空",
                            "the date {date} is in the future: leave the date empty for a committee not yet set up"
                        ),
                    ));
                    None
                }
                Ok(date) => Some(date),
                Err(reason) => {
                    row_problems.push(problem(&headers::ESTABLISHED_ON, reason));
                    None
                }
            },
        };
        let batch = match cell(&headers::BATCH) {
            "" => None,
            raw => match parse_count(raw) {
                Ok(n) if n >= 1 => Some(n),
                Ok(_) => {
                    row_problems.push(problem(
                        &headers::BATCH,
                        crate::text!("批次从1开始", "a batch starts at 1"),
                    ));
                    None
                }
                Err(reason) => {
                    row_problems.push(problem(&headers::BATCH, reason));
                    None
                }
            },
        };
        let note = Some(cell(&headers::NOTE))
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        let meets = match cell(&headers::MEETS) {
            "" => None,
            raw => parse_standards(raw)
                .map_err(|reason| row_problems.push(problem(&headers::MEETS, reason)))
                .ok(),
        };
        let yearly_funds = match cell(&headers::YEARLY_FUNDS) {
            "" => None,
            raw => parse_yuan(raw)
                .map_err(|reason| row_problems.push(problem(&headers::YEARLY_FUNDS, reason)))
                .ok(),
        };
        // The cell lists the standards met; the others are lacking.
        let (meets, lacks): (Vec<Standard>, Vec<Standard>) = match meets {
            Some(met) => Standard::ALL.iter().partition(|s| met.contains(s)),
            None => (Vec::new(), Vec::new()),
        };
        let details = CommitteeEdit {
            note: note.map(Some),
            meets,
            lacks,
            yearly_funds: yearly_funds.map(Some),
            ..CommitteeEdit::default()
        };

        let mut existing = None;
        for unit in &named {
            if let Some(id) = units::current_committee(conn, unit.id)? {
                if existing.is_some_and(|e| e != id) {
                    row_problems.push(problem(
                        &headers::UNIT,
                        crate::text!(
                            "所列单位分属不同的关工委",
                            "the units listed belong to different committees"
                        ),
                    ));
                }
                existing = Some(id);
            }
        }
        if let Some((_, first)) =
            existing.and_then(|id| self.seen_committees.iter().find(|(c, _)| *c == id))
        {
            row_problems.push(problem(
                &headers::UNIT,
                crate::text!(
                    "与第 {first} 行是同一个关工委",
                    "the same committee as row {first}"
                ),
            ));
        }
        if !row_problems.is_empty() {
            return Ok(Err(row_problems));
        }

        // A row describing a committee since dissolved is its history, not a new one.
        if existing.is_none()
            && let Some(id) = dissolved_since(conn, &named, date)?
        {
            self.seen_committees.push((id, row.number));
            return Ok(Ok(Outcome::Unchanged));
        }
        let written: std::result::Result<(i64, bool, bool), Text> =
            match (existing, self.options.on_conflict) {
                (Some(id), OnConflict::Skip) => {
                    self.seen_committees.push((id, row.number));
                    return Ok(Ok(Outcome::Skipped));
                }
                (Some(id), OnConflict::Fail) => Err(crate::text!(
                    "该单位已有关工委（#{id}）（--on-conflict fail）",
                    "the unit has a committee already (#{id}) (--on-conflict fail)"
                )),
                (Some(id), OnConflict::Update) => {
                    let covered = committees::get(conn, id)?.units;
                    let edit = CommitteeEdit {
                        established_on: date,
                        batch: batch.map(Some),
                        add_units: named
                            .iter()
                            .filter(|u| !covered.contains(u))
                            .cloned()
                            .collect(),
                        ..details.clone()
                    };
                    in_row(committees::edit(conn, id, &edit))?.map(|changed| (id, changed, false))
                }
                (None, _) => {
                    let new = NewCommittee {
                        units: named.clone(),
                        established_on: date,
                        batch,
                        name: None,
                    };
                    match in_row(committees::establish(conn, &new))? {
                        Ok(id) => {
                            in_row(committees::edit(conn, id, &details))?.map(|_| (id, true, true))
                        }
                        Err(reason) => Err(reason),
                    }
                }
            };
        let (id, mut changed, is_new) = match written {
            Ok(written) => written,
            Err(reason) => return Ok(Err(vec![problem(&headers::UNIT, reason)])),
        };
        self.seen_committees.push((id, row.number));
        for (field, role) in [
            (&headers::DIRECTOR, Role::Director),
            (&headers::EXECUTIVE_DEPUTY, Role::ExecutiveDeputy),
        ] {
            let name = clean(cell(field));
            if name.is_empty() {
                continue;
            }
            let committee = committees::get(conn, id)?;
            match committee.current(role) {
                Some(holder) if holder.name == name => {}
                Some(holder) => {
                    let holder = &holder.name;
                    row_problems.push(problem(
                        field,
                        crate::text!(
                            "现任为{holder}，与表中的{name}不同：换人请先用 ggw committee member remove 结束现任",
                            "the serving holder is {holder}, not {name}: to replace them, end the term first with ggw committee member remove"
                        ),
                    ));
                }
                None => {
                    let member = NewMember {
                        name,
                        role,
                        retired: false,
                        post: None,
                        phone: None,
                        started_on: date,
                        volunteer_id: None,
                    };
                    match in_row(committees::add_member(conn, id, &member))? {
                        Ok(_) => changed = true,
                        Err(reason) => row_problems.push(problem(field, reason)),
                    }
                }
            }
        }
        if !row_problems.is_empty() {
            return Ok(Err(row_problems));
        }
        Ok(Ok(match (is_new, changed) {
            (true, _) => Outcome::New,
            (false, true) => Outcome::Updated,
            (false, false) => Outcome::Unchanged,
        }))
    }
}

/// A refusal from the registry becomes the reason of a cell; any other error stops the import.
fn in_row<T>(result: Result<T>) -> Result<std::result::Result<T, Text>> {
    match result {
        Ok(value) => Ok(Ok(value)),
        Err(Error::Refused(reason)) => Ok(Err(reason)),
        Err(e) => Err(e),
    }
}

/// The dissolved committee of these units that was set up on `date`, if any.
fn dissolved_since(
    conn: &Connection,
    named: &[UnitRef],
    date: Option<Date>,
) -> Result<Option<i64>> {
    let (Some(first), Some(date)) = (named.first(), date) else {
        return Ok(None);
    };
    Ok(conn
        .query_row(
            "SELECT c.id FROM committee c JOIN committee_unit cu ON cu.committee_id = c.id
             WHERE cu.unit_id = ?1 AND c.status = 'dissolved' AND c.established_on = ?2",
            rusqlite::params![first.id, date],
            |row| row.get(0),
        )
        .optional()?)
}
