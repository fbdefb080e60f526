//! `unit import`: a sheet of units (单位名称, 简称, 单位类别, 上级单位, …).

use std::collections::HashMap;

use rusqlite::Connection;

use super::headers::{self, Field};
use super::{ImportOptions, ImportSummary, OnConflict, Problem, Sheet, open_table, refuse_file};
use crate::Result;
use crate::db::units::{self, UnitDraft};
use crate::model::{clean, parse_count, unit::split_aliases};
use crate::output::{Label, Text, labels};

pub const FIELDS: &[Field] = &[
    Field {
        required: true,
        ..headers::UNIT
    },
    headers::ALIASES,
    headers::UNIT_KIND,
    headers::PARENT,
    headers::CREDIT_CODE,
    headers::STAFF,
    headers::YOUNG_STAFF,
    headers::CONTACT,
    headers::PHONE,
    headers::NOTE,
];

/// Which column holds each field that the unit checks name.
const FIELD_OF_LABEL: &[(Label, Field)] = &[
    (labels::UNIT_NAME, headers::UNIT),
    (labels::ALIASES, headers::ALIASES),
    (labels::KIND, headers::UNIT_KIND),
    (labels::PARENT, headers::PARENT),
    (labels::CREDIT_CODE, headers::CREDIT_CODE),
    (labels::STAFF, headers::STAFF),
    (labels::YOUNG_STAFF, headers::YOUNG_STAFF),
    (labels::PHONE, headers::PHONE),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    New,
    Updated,
    Unchanged,
}

/// Imports units: a row whose name or alias is registered updates that unit
/// with its non-empty cells (the registry keeps its name; the file's name
/// becomes an alias); any other row adds a unit. Parents may name units
/// further down the file. Writes nothing if any row is bad.
pub fn import_units(
    conn: &Connection,
    sheet: &Sheet,
    options: &ImportOptions,
) -> Result<ImportSummary> {
    let (columns, rows) = open_table(sheet, FIELDS)?;
    let mut summary = ImportSummary {
        ignored_columns: columns.ignored.clone(),
        ..ImportSummary::default()
    };
    let mut problems: Vec<Problem> = Vec::new();
    let mut outcomes: HashMap<i64, Outcome> = HashMap::new();
    let mut first_row_of: HashMap<i64, usize> = HashMap::new();
    let mut parents: Vec<(usize, i64, String)> = Vec::new();

    for row in &rows {
        let cell = |field: &Field| columns.get(row, field);
        let mut bad = |field: &Field, reason: Text| {
            problems.push(Problem {
                row: row.number,
                column: columns.header(field),
                reason,
            })
        };
        let name = clean(cell(&headers::UNIT));
        if name.is_empty() {
            bad(
                &headers::UNIT,
                crate::text!("单位名称为空", "the unit name is empty"),
            );
            continue;
        }
        let mut count = |field: &Field| match cell(field) {
            "" => None,
            raw => parse_count(raw).map_err(|reason| bad(field, reason)).ok(),
        };
        let (staff, young_staff) = (count(&headers::STAFF), count(&headers::YOUNG_STAFF));

        let existing = units::registered(conn, &name)?;
        if let Some(unit) = &existing {
            if let Some(first) = first_row_of.get(&unit.id) {
                let registered = &unit.name;
                bad(
                    &headers::UNIT,
                    crate::text!(
                        "与第 {first} 行是同一个单位（{registered}）",
                        "the same unit ({registered}) as row {first}"
                    ),
                );
                continue;
            }
            match options.on_conflict {
                OnConflict::Skip => {
                    summary.skipped += 1;
                    first_row_of.insert(unit.id, row.number);
                    continue;
                }
                OnConflict::Fail => {
                    let registered = &unit.name;
                    bad(
                        &headers::UNIT,
                        crate::text!(
                            "单位已登记为“{registered}”（--on-conflict fail）",
                            "the unit is registered already as '{registered}' (--on-conflict fail)"
                        ),
                    );
                    continue;
                }
                OnConflict::Update => {}
            }
        }
        let mut draft = match &existing {
            Some(unit) => units::draft_of(&units::get(conn, unit.id)?),
            None => UnitDraft {
                name: name.clone(),
                ..UnitDraft::default()
            },
        };
        if draft.name != name {
            draft.aliases.push(name.clone());
        }
        draft.aliases.extend(split_aliases(cell(&headers::ALIASES)));
        let text_fields: [(&Field, &mut Option<String>); 5] = [
            (&headers::UNIT_KIND, &mut draft.kind),
            (&headers::CREDIT_CODE, &mut draft.credit_code),
            (&headers::CONTACT, &mut draft.contact),
            (&headers::PHONE, &mut draft.phone),
            (&headers::NOTE, &mut draft.note),
        ];
        for (field, value) in text_fields {
            if !cell(field).is_empty() {
                *value = Some(cell(field).to_string());
            }
        }
        draft.staff = staff.or(draft.staff);
        draft.young_staff = young_staff.or(draft.young_staff);

        match units::check(conn, &draft, options.force, existing.as_ref().map(|u| u.id))? {
            Err(errors) => {
                for error in errors {
                    let field = FIELD_OF_LABEL
                        .iter()
                        .find(|(label, _)| *label == error.field)
                        .map_or(headers::UNIT, |(_, field)| *field);
                    bad(&field, error.reason);
                }
            }
            Ok(checked) => {
                for warning in checked.warnings {
                    let number = row.number;
                    summary.warnings.push(Text::new(
                        format!("第 {number} 行：{}", warning.zh),
                        format!("row {number}: {}", warning.en),
                    ));
                }
                let (id, outcome) = match &existing {
                    Some(unit) => {
                        let changed = units::update(conn, unit.id, &checked.values)?;
                        (
                            unit.id,
                            if changed {
                                Outcome::Updated
                            } else {
                                Outcome::Unchanged
                            },
                        )
                    }
                    None => (units::insert(conn, &checked.values)?, Outcome::New),
                };
                outcomes.insert(id, outcome);
                first_row_of.insert(id, row.number);
                let parent = cell(&headers::PARENT);
                if !parent.is_empty() {
                    parents.push((row.number, id, parent.to_string()));
                }
            }
        }
    }

    // Parents last, so that a parent may stand further down the file.
    for (number, id, parent) in parents {
        let mut draft = units::draft_of(&units::get(conn, id)?);
        draft.parent = Some(parent);
        match units::check(conn, &draft, true, Some(id))? {
            Err(errors) => problems.extend(errors.into_iter().map(|error| Problem {
                row: number,
                column: columns.header(&headers::PARENT),
                reason: error.reason,
            })),
            Ok(checked) => {
                if units::update(conn, id, &checked.values)? {
                    outcomes.entry(id).and_modify(|o| {
                        if *o == Outcome::Unchanged {
                            *o = Outcome::Updated;
                        }
                    });
                }
            }
        }
    }

    if !problems.is_empty() {
        problems.sort_by_key(|p| p.row);
        return Err(refuse_file(&sheet.name, &problems));
    }
    for outcome in outcomes.values() {
        match outcome {
            Outcome::New => summary.new += 1,
            Outcome::Updated => summary.updated += 1,
            Outcome::Unchanged => summary.unchanged += 1,
        }
    }
    Ok(summary)
}
