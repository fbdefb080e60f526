//! `unit import`: a sheet of units (单位名称, 简称, 单位类别, 上级单位, …).

use std::collections::HashMap;

use rusqlite::Connection;

use super::headers::{self, Field};
use super::{ImportOptions, Importer, OnConflict, Outcome, Problem, Row};
use crate::Result;
use crate::db::units::{self, UnitDraft};
use crate::model::phone::mask_phone;
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

/// Imports units: a row whose name or alias is registered updates that unit
/// with its non-empty cells (the registry keeps its name; the file's name
/// becomes an alias); any other row adds a unit. A parent may stand further
/// down the file, except with `skip_invalid`, where each row must stand on
/// its own.
pub struct UnitImporter {
    options: ImportOptions,
    first_row_of: HashMap<i64, usize>,
    outcome_of: HashMap<i64, Outcome>,
    /// Parents not yet registered when their row was read: (row, unit, parent).
    deferred_parents: Vec<(usize, i64, String)>,
    parent_header: String,
    warnings: Vec<Text>,
}

impl UnitImporter {
    pub fn new(options: &ImportOptions) -> Self {
        UnitImporter {
            options: options.clone(),
            first_row_of: HashMap::new(),
            outcome_of: HashMap::new(),
            deferred_parents: Vec::new(),
            parent_header: String::new(),
            warnings: Vec::new(),
        }
    }
}

impl Importer for UnitImporter {
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }

    fn import_row(
        &mut self,
        conn: &Connection,
        row: &Row,
    ) -> Result<std::result::Result<Outcome, Vec<Problem>>> {
        let mut problems = Vec::new();
        let name = clean(row.get(&headers::UNIT));
        if name.is_empty() {
            problems.push(row.problem(
                &headers::UNIT,
                crate::text!("单位名称为空", "the unit name is empty"),
            ));
            return Ok(Err(problems));
        }
        let mut count = |field: &Field| match row.get(field) {
            "" => None,
            raw => parse_count(raw)
                .map_err(|reason| problems.push(row.problem(field, reason)))
                .ok(),
        };
        let (staff, young_staff) = (count(&headers::STAFF), count(&headers::YOUNG_STAFF));

        let existing = units::registered(conn, &name)?;
        if let Some(unit) = &existing {
            if let Some(first) = self.first_row_of.get(&unit.id) {
                let registered = &unit.name;
                problems.push(row.problem(
                    &headers::UNIT,
                    crate::text!(
                        "与第 {first} 行是同一个单位（{registered}）",
                        "the same unit ({registered}) as row {first}"
                    ),
                ));
                return Ok(Err(problems));
            }
            match self.options.on_conflict {
                OnConflict::Skip if problems.is_empty() => {
                    self.first_row_of.insert(unit.id, row.number);
                    return Ok(Ok(Outcome::Skipped));
                }
                OnConflict::Fail => {
                    let registered = &unit.name;
                    problems.push(row.problem(
                        &headers::UNIT,
                        crate::text!(
                            "单位已登记为“{registered}”（--on-conflict fail）",
                            "the unit is registered already as '{registered}' (--on-conflict fail)"
                        ),
                    ));
                    return Ok(Err(problems));
                }
                _ => {}
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
        draft
            .aliases
            .extend(split_aliases(row.get(&headers::ALIASES)));
        let text_fields: [(&Field, &mut Option<String>); 5] = [
            (&headers::UNIT_KIND, &mut draft.kind),
            (&headers::CREDIT_CODE, &mut draft.credit_code),
            (&headers::CONTACT, &mut draft.contact),
            (&headers::PHONE, &mut draft.phone),
            (&headers::NOTE, &mut draft.note),
        ];
        for (field, value) in text_fields {
            let cell = row.get(field);
            // A phone masked as an export writes it stands for the stored one.
            let masked_stored = value
                .as_deref()
                .is_some_and(|stored| mask_phone(stored) == cell);
            if !cell.is_empty() && !masked_stored {
                *value = Some(cell.to_string());
            }
        }
        draft.staff = staff.or(draft.staff);
        draft.young_staff = young_staff.or(draft.young_staff);
        // A parent not yet registered may stand further down the file,
        // except with skip_invalid, where each row must stand on its own.
        let parent = row.get(&headers::PARENT);
        let mut defer_parent = false;
        if !parent.is_empty() {
            match units::find_name(conn, parent)? {
                Ok(unit) => draft.parent = Some(format!("#{}", unit.id)),
                Err(_) if !self.options.skip_invalid && !is_number(parent) => defer_parent = true,
                Err(reason) => problems.push(row.problem(&headers::PARENT, reason)),
            }
        }

        let checked = match units::check(
            conn,
            &draft,
            self.options.force,
            existing.as_ref().map(|u| u.id),
        )? {
            Err(errors) => {
                problems.extend(row.field_problems(errors, FIELD_OF_LABEL, &headers::UNIT));
                return Ok(Err(problems));
            }
            Ok(checked) => checked,
        };
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        let number = row.number;
        self.warnings
            .extend(checked.warnings.into_iter().map(|warning| {
                Text::new(
                    format!("第 {number} 行：{}", warning.zh),
                    format!("row {number}: {}", warning.en),
                )
            }));
        let (id, outcome) = match &existing {
            Some(unit) => {
                let changed = units::update(conn, unit.id, &checked.values)?;
                (unit.id, Outcome::of_update(changed))
            }
            None => (units::insert(conn, &checked.values)?, Outcome::New),
        };
        self.first_row_of.insert(id, row.number);
        self.outcome_of.insert(id, outcome);
        if defer_parent {
            self.parent_header = row.columns.header(&headers::PARENT);
            self.deferred_parents
                .push((row.number, id, parent.to_string()));
        }
        Ok(Ok(outcome))
    }

    /// Parents that stood further down the file.
    fn finish(&mut self, conn: &Connection) -> Result<(Vec<Problem>, usize)> {
        let mut problems = Vec::new();
        let mut became_updated = 0;
        for (number, id, parent) in std::mem::take(&mut self.deferred_parents) {
            let parent = match units::find_name(conn, &parent)? {
                Ok(unit) => unit,
                Err(reason) => {
                    problems.push(Problem {
                        row: number,
                        column: self.parent_header.clone(),
                        reason,
                    });
                    continue;
                }
            };
            let mut draft = units::draft_of(&units::get(conn, id)?);
            draft.parent = Some(format!("#{}", parent.id));
            match units::check(conn, &draft, true, Some(id))? {
                Err(errors) => problems.extend(errors.into_iter().map(|error| Problem {
                    row: number,
                    column: self.parent_header.clone(),
                    reason: error.reason,
                })),
                Ok(checked) => {
                    if units::update(conn, id, &checked.values)?
                        && self.outcome_of.get(&id) == Some(&Outcome::Unchanged)
                    {
                        self.outcome_of.insert(id, Outcome::Updated);
                        became_updated += 1;
                    }
                }
            }
        }
        Ok((problems, became_updated))
    }

    fn warnings(&mut self) -> Vec<Text> {
        std::mem::take(&mut self.warnings)
    }
}

fn is_number(cell: &str) -> bool {
    let cleaned = clean(cell);
    !cleaned.is_empty()
        && cleaned
            .trim_start_matches('#')
            .bytes()
            .all(|b| b.is_ascii_digit())
}
