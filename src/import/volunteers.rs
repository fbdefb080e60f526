//! `volunteer import`: a unit's 五老 roster (花名册).

use rusqlite::Connection;

use super::headers::{self, Field};
use super::{ImportOptions, Importer, Outcome, Problem, RecordWords, Row, Written};
use crate::Result;
use crate::db::units::{self, ActiveUnits};
use crate::db::volunteers::{self, Identity, VolunteerDraft};
use crate::model::date::{parse_birth, stored_birth};
use crate::model::id_card::mask_id_card;
use crate::model::phone::mask_phone;
use crate::output::{Label, labels};

pub const FIELDS: &[Field] = &[
    Field {
        required: true,
        ..headers::PERSON_NAME
    },
    headers::GENDER,
    headers::BIRTH_DATE,
    headers::ID_CARD,
    headers::PHONE,
    headers::LANDLINE,
    Field {
        required: true,
        ..headers::CATEGORY
    },
    headers::FORMER_POST,
    headers::RETIRED_RANK,
    headers::POLITICAL_STATUS,
    headers::SPECIALTIES,
    headers::UNIT,
    headers::JOINED_ON,
    headers::STATUS,
    headers::STATUS_ON,
    headers::IS_MODEL,
    headers::NOTE,
];

/// Which column holds each field that the volunteer checks name.
const FIELD_OF_LABEL: &[(Label, Field)] = &[
    (labels::PERSON_NAME, headers::PERSON_NAME),
    (labels::GENDER, headers::GENDER),
    (labels::BIRTH_DATE, headers::BIRTH_DATE),
    (labels::ID_CARD, headers::ID_CARD),
    (labels::MOBILE, headers::PHONE),
    (labels::LANDLINE, headers::LANDLINE),
    (labels::CATEGORY, headers::CATEGORY),
    (labels::RETIRED_RANK, headers::RETIRED_RANK),
    (labels::SERVING_UNIT, headers::UNIT),
    (labels::JOINED_ON, headers::JOINED_ON),
    (labels::STATUS, headers::STATUS),
    (labels::STATUS_ON, headers::STATUS_ON),
    (labels::IS_MODEL, headers::IS_MODEL),
];

/// Imports volunteers. A row matches a registered volunteer by 身份证号,
/// else by name and birth date, else (with neither) by name in the same
/// unit; a match is updated with the row's non-empty cells. `unit` serves
/// rows whose unit cell is empty or missing.
pub struct VolunteerImporter {
    options: ImportOptions,
    /// `#id` of the unit given with `--unit`.
    default_unit: Option<String>,
    written: Written,
    units: ActiveUnits,
}

impl VolunteerImporter {
    /// `unit` names the serving unit of rows without one (`--unit`).
    pub fn new(conn: &Connection, options: &ImportOptions, unit: Option<&str>) -> Result<Self> {
        let default_unit = match unit {
            Some(name) => {
                let unit = units::resolve(conn, name)?;
                units::active_or_reason(conn, &unit)?.map_err(crate::Error::Refused)?;
                Some(format!("#{}", unit.id))
            }
            None => None,
        };
        Ok(VolunteerImporter {
            options: options.clone(),
            default_unit,
            written: Written::default(),
            units: ActiveUnits::default(),
        })
    }
}

impl Importer for VolunteerImporter {
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
        let unit = match cell(&headers::UNIT) {
            Some(name) => match self.units.find_name(conn, &name)? {
                Ok(id) => Some(format!("#{id}")),
                Err(reason) => return Ok(Err(vec![row.problem(&headers::UNIT, reason)])),
            },
            None => self.default_unit.clone(),
        };
        let file = VolunteerDraft {
            name: row.get(&headers::PERSON_NAME).to_string(),
            gender: cell(&headers::GENDER),
            birth: cell(&headers::BIRTH_DATE),
            id_card: cell(&headers::ID_CARD),
            phone: cell(&headers::PHONE),
            landline: cell(&headers::LANDLINE),
            category: cell(&headers::CATEGORY),
            former_post: cell(&headers::FORMER_POST),
            retired_rank: cell(&headers::RETIRED_RANK),
            political_status: cell(&headers::POLITICAL_STATUS),
            specialties: cell(&headers::SPECIALTIES),
            unit,
            joined_on: cell(&headers::JOINED_ON),
            status: cell(&headers::STATUS),
            status_on: cell(&headers::STATUS_ON),
            is_model: cell(&headers::IS_MODEL),
            note: cell(&headers::NOTE),
        };
        let who = Identity::of_draft(conn, &file, &mut self.units)?;
        let existing = match volunteers::matching(conn, &who)? {
            Ok(existing) => existing,
            Err(reason) => return Ok(Err(vec![row.problem(&headers::PERSON_NAME, reason)])),
        };
        if let Some(id) = existing
            && let Some(answer) = self.written.matched(
                id,
                row,
                &headers::PERSON_NAME,
                self.options.on_conflict,
                &VOLUNTEER_WORDS,
            )
        {
            return Ok(answer);
        }
        let stored = match existing {
            Some(id) => Some(volunteers::get(conn, id)?),
            None => None,
        };
        let draft = match &stored {
            Some(stored) => overlay(volunteers::draft_of(&stored.values), file),
            None => file,
        };
        let values = match volunteers::check(conn, &draft, stored.as_ref(), &mut self.units)? {
            Ok(values) => values,
            Err(errors) => {
                return Ok(Err(row.field_problems(
                    errors,
                    FIELD_OF_LABEL,
                    &headers::PERSON_NAME,
                )));
            }
        };
        let (id, outcome) = match &stored {
            Some(stored) => {
                let changed = volunteers::update(conn, stored, &values)?;
                (stored.id, Outcome::of_update(changed))
            }
            None => (volunteers::insert(conn, &values)?, Outcome::New),
        };
        self.written.wrote(id, row.number);
        Ok(Ok(outcome))
    }
}

/// The stored record with the file's non-empty cells laid over it. A cell
/// that holds the stored value masked (`138****0001`, as an export writes
/// it) leaves the stored value alone.
fn overlay(stored: VolunteerDraft, file: VolunteerDraft) -> VolunteerDraft {
    let keep_masked =
        |stored: Option<String>, file: Option<String>, mask: fn(&str) -> String| match (
            &stored, &file,
        ) {
            (Some(s), Some(f)) if *f == mask(s) => stored,
            _ => file.or(stored),
        };
    VolunteerDraft {
        name: if file.name.trim().is_empty() {
            stored.name
        } else {
            file.name
        },
        gender: file.gender.or(stored.gender),
        birth: match (stored.birth, file.birth) {
            (Some(s), Some(f)) if only_the_month_of(&s, &f) => Some(s),
            (stored, file) => file.or(stored),
        },
        id_card: keep_masked(stored.id_card, file.id_card, mask_id_card),
        phone: keep_masked(stored.phone, file.phone, mask_phone),
        landline: keep_masked(stored.landline, file.landline, mask_phone),
        category: file.category.or(stored.category),
        former_post: file.former_post.or(stored.former_post),
        retired_rank: file.retired_rank.or(stored.retired_rank),
        political_status: file.political_status.or(stored.political_status),
        specialties: file.specialties.or(stored.specialties),
        unit: file.unit.or(stored.unit),
        joined_on: file.joined_on.or(stored.joined_on),
        status: file.status.or(stored.status),
        // Without a date in the file, the check keeps the stored one while
        // the status stays.
        status_on: file.status_on,
        is_model: file.is_model.or(stored.is_model),
        note: file.note.or(stored.note),
    }
}

/// Whether a birth cell gives only the month of a birth date stored to the
/// day (`1950.03` for 1950-03-12): the stored day is kept.
fn only_the_month_of(stored: &str, cell: &str) -> bool {
    match (stored_birth(stored), parse_birth(cell)) {
        (Some(stored), Ok(cell)) => {
            stored.day.is_some()
                && cell.day.is_none()
                && (stored.year, stored.month) == (cell.year, cell.month)
        }
        _ => false,
    }
}

const VOLUNTEER_WORDS: RecordWords = RecordWords {
    same_as_row: |first| crate::text!("与第 {first} 行是同一人", "the same person as row {first}"),
    registered: |id| {
        crate::text!(
            "此人已登记（#{id}）（--on-conflict fail）",
            "this person is registered already (#{id}) (--on-conflict fail)"
        )
    },
};
