//! 五老: reading, checking and writing volunteers.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::units::{ActiveUnits, UnitRef};
use super::{Conditions, FieldError};
use crate::model::date::{Birth, Date, parse_birth, parse_date, stored_birth, today};
use crate::model::enums::{Enumerated, parse_enum};
use crate::model::id_card::check_id_card;
use crate::model::phone::parse_phone;
use crate::model::volunteer::{
    Category, Gender, RetiredRank, VolunteerStatus, parse_yes_no, person_name,
};
use crate::model::{clean, non_empty};
use crate::output::{Label, Text, labels};
use crate::{Error, Result, refuse};

/// A volunteer as typed, on the command line or in a row of a sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VolunteerDraft {
    pub name: String,
    pub gender: Option<String>,
    pub birth: Option<String>,
    pub id_card: Option<String>,
    pub phone: Option<String>,
    pub landline: Option<String>,
    pub category: Option<String>,
    pub former_post: Option<String>,
    pub retired_rank: Option<String>,
    pub political_status: Option<String>,
    pub specialties: Option<String>,
    pub unit: Option<String>,
    pub joined_on: Option<String>,
    pub status: Option<String>,
    /// The date of the status (left, or died), when the sheet gives it.
    pub status_on: Option<String>,
    pub is_model: Option<String>,
    pub note: Option<String>,
}

/// A volunteer's values after every check, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolunteerValues {
    pub name: String,
    pub gender: Option<Gender>,
    pub birth: Option<Birth>,
    pub id_card: Option<String>,
    pub phone: Option<String>,
    pub landline: Option<String>,
    pub category: Category,
    pub former_post: Option<String>,
    pub retired_rank: Option<RetiredRank>,
    pub political_status: Option<String>,
    pub specialties: Option<String>,
    pub unit_id: Option<i64>,
    pub joined_on: Option<Date>,
    pub status: VolunteerStatus,
    pub status_on: Option<Date>,
    pub is_model: bool,
    pub note: Option<String>,
}

/// A volunteer as read back, with the unit's name and committee roles.
#[derive(Debug, Clone)]
pub struct Volunteer {
    pub id: i64,
    pub values: VolunteerValues,
    pub unit: Option<UnitRef>,
}

/// The longest name taken; longer text is not a person's name.
const MAX_NAME_CHARS: usize = 50;

/// Checks a draft. `this` is the volunteer being edited, if any, as stored;
/// `units` remembers the units named so far.
pub fn check(
    conn: &Connection,
    draft: &VolunteerDraft,
    this: Option<&Volunteer>,
    units: &mut ActiveUnits,
) -> Result<std::result::Result<VolunteerValues, Vec<FieldError>>> {
    let mut errors = Vec::new();
    let mut fail = |field: Label, reason: Text| errors.push(FieldError { field, reason });
    let given = |value: &Option<String>| value.as_deref().and_then(non_empty);

    let name = person_name(&draft.name);
    let count = name.chars().count();
    if name.is_empty() {
        fail(
            labels::PERSON_NAME,
            crate::text!("姓名为空", "the name is empty"),
        );
    } else if count > MAX_NAME_CHARS {
        // Not quoted: a whole pasted paragraph would flood the message.
        fail(
            labels::PERSON_NAME,
            crate::text!(
                "姓名过长（{count}字，最多{MAX_NAME_CHARS}字），不像姓名",
                "the name is too long ({count} characters, at most {MAX_NAME_CHARS}) to be a name"
            ),
        );
    } else if name.chars().any(|c| c.is_control() || c.is_ascii_digit()) {
        fail(
            labels::PERSON_NAME,
            crate::text!("“{name}”不像姓名", "'{name}' does not look like a name"),
        );
    }

    let mut gender = match given(&draft.gender) {
        Some(raw) => parse_enum::<Gender>(&raw)
            .map_err(|r| fail(labels::GENDER, r))
            .ok(),
        None => None,
    };
    let mut birth = match given(&draft.birth) {
        Some(raw) => match parse_birth(&raw) {
            Ok(birth) if birth.day.is_some_and(|_| birth > Birth::from(today())) => {
                fail(
                    labels::BIRTH_DATE,
                    crate::text!("出生日期晚于今天", "the birth date is in the future"),
                );
                None
            }
            Ok(birth) => Some(birth),
            Err(reason) => {
                fail(labels::BIRTH_DATE, reason);
                None
            }
        },
        None => None,
    };
    let mut id_card = None;
    if let Some(raw) = given(&draft.id_card) {
        match check_id_card(&raw) {
            Ok(card) => {
                let number = &card.number;
                // Excel turns a month typed as 1950-03 into the date
                // 1950-03-01: a first of the month stands for the month.
                let as_month = birth.map(|b| match b.day {
                    Some(1) => Birth { day: None, ..b },
                    _ => b,
                });
                match as_month {
                    Some(b) if !b.agrees_with(card.birth) => {
                        let in_card = card.birth;
                        fail(
                            labels::ID_CARD,
                            crate::text!(
                                "身份证号中的出生日期为 {in_card}，与出生年月 {b} 不符",
                                "the ID number gives the birth date {in_card}, not {b}"
                            ),
                        );
                    }
                    Some(b) if b.day.is_some() => {}
                    _ => birth = Some(Birth::from(card.birth)),
                }
                match gender {
                    Some(g) if g != card.gender => {
                        let (in_card, given_zh) = (card.gender.zh(), g.zh());
                        let (in_card_en, given_en) = (card.gender.en(), g.en());
                        fail(
                            labels::ID_CARD,
                            crate::text!(
                                "身份证号的性别位为{in_card}，与性别“{given_zh}”不符",
                                "the ID number is of a {in_card_en}, not a {given_en}"
                            ),
                        );
                    }
                    _ => gender = Some(card.gender),
                }
                let holder: Option<(i64, String)> = conn
                    .prepare_cached(
                        "SELECT id, name FROM volunteer WHERE id_card = ?1 AND id IS NOT ?2",
                    )?
                    .query_row(params![number, this.map(|v| v.id)], |row| {
                        Ok((row.get(0)?, row.get(1)?))
                    })
                    .optional()?;
                if let Some((id, holder)) = holder {
                    fail(
                        labels::ID_CARD,
                        crate::text!(
                            "身份证号“{number}”已属于 #{id} {holder}",
                            "the ID number '{number}' already belongs to #{id} {holder}"
                        ),
                    );
                }
                id_card = Some(card.number);
            }
            Err(reason) => fail(labels::ID_CARD, reason),
        }
    }

    // A landline typed into the phone column (or a mobile into the landline
    // column) goes where it belongs.
    let mut phone: Option<String> = None;
    let mut landline: Option<String> = None;
    for (field, raw) in [
        (labels::MOBILE, given(&draft.phone)),
        (labels::LANDLINE, given(&draft.landline)),
    ] {
        let Some(raw) = raw else { continue };
        match parse_phone(&raw) {
            Ok(number) => {
                let slot = if is_mobile(&number) {
                    &mut phone
                } else {
                    &mut landline
                };
                match slot {
                    Some(other) if *other != number => {
                        let other = other.clone();
                        fail(
                            field,
                            crate::text!(
                                "“{number}”与“{other}”都是同一类号码：手机和座机各填一个",
                                "'{number}' and '{other}' are both the same kind of number: give one mobile and one landline"
                            ),
                        );
                    }
                    _ => *slot = Some(number),
                }
            }
            Err(reason) => fail(field, reason),
        }
    }

    let category = match given(&draft.category) {
        Some(raw) => parse_enum::<Category>(&raw)
            .map_err(|r| fail(labels::CATEGORY, r))
            .ok(),
        None => {
            fail(
                labels::CATEGORY,
                crate::text!(
                    "缺少五老类别（老干部、老战士、老专家、老教师、老模范或其他）",
                    "the category is missing (cadre, veteran, expert, teacher, model or other)"
                ),
            );
            None
        }
    };
    let retired_rank = match given(&draft.retired_rank) {
        Some(raw) => parse_enum::<RetiredRank>(&raw)
            .map_err(|r| fail(labels::RETIRED_RANK, r))
            .ok(),
        None => None,
    };
    let mut unit_id = None;
    if let Some(raw) = given(&draft.unit) {
        match units.find(conn, &raw)? {
            Ok(id) => unit_id = Some(id),
            Err(reason) => fail(labels::SERVING_UNIT, reason),
        }
    }
    let joined_on = match given(&draft.joined_on) {
        Some(raw) => match parse_date(&raw) {
            Ok(date) if date > today() => {
                fail(
                    labels::JOINED_ON,
                    crate::text!("加入日期晚于今天", "the joining date is in the future"),
                );
                None
            }
            Ok(date) => Some(date),
            Err(reason) => {
                fail(labels::JOINED_ON, reason);
                None
            }
        },
        None => None,
    };
    let status = match given(&draft.status) {
        Some(raw) => parse_enum::<VolunteerStatus>(&raw)
            .map_err(|r| fail(labels::STATUS, r))
            .ok(),
        None => Some(VolunteerStatus::Active),
    };
    let given_status_on = match given(&draft.status_on) {
        Some(raw) => match parse_date(&raw) {
            Ok(date) if date > today() => {
                fail(
                    labels::STATUS_ON,
                    crate::text!("状态变更日期晚于今天", "the status date is in the future"),
                );
                None
            }
            Ok(date) => Some(date),
            Err(reason) => {
                fail(labels::STATUS_ON, reason);
                None
            }
        },
        None => None,
    };
    let is_model = match given(&draft.is_model) {
        Some(raw) => parse_yes_no(&raw)
            .map_err(|r| fail(labels::IS_MODEL, r))
            .ok(),
        None => Some(false),
    };

    if status == Some(VolunteerStatus::Active) && given_status_on.is_some() {
        fail(
            labels::STATUS_ON,
            crate::text!(
                "有状态变更日期，但状态为“在册”：请同时填写状态（不再参加或已故）",
                "a status date is given but the status is active: give the status too (inactive or deceased)"
            ),
        );
    }
    let (Some(category), Some(status), Some(is_model)) = (category, status, is_model) else {
        return Ok(Err(errors));
    };
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    // The status date given is taken; else it is kept while the status
    // stays; a new status without a date has none (a date is not made up).
    let status_on = match (status, this.map(|v| &v.values)) {
        (VolunteerStatus::Active, _) => None,
        _ if given_status_on.is_some() => given_status_on,
        (status, Some(before)) if before.status == status => before.status_on,
        _ => None,
    };
    Ok(Ok(VolunteerValues {
        name,
        gender,
        birth,
        id_card,
        phone,
        landline,
        category,
        former_post: given(&draft.former_post),
        retired_rank,
        political_status: given(&draft.political_status),
        specialties: given(&draft.specialties),
        unit_id,
        joined_on,
        status,
        status_on,
        is_model,
        note: given(&draft.note),
    }))
}

fn is_mobile(number: &str) -> bool {
    number.len() == 11 && number.starts_with('1') && !number.contains('-')
}

/// What tells one person from another: for matching a record against the register.
#[derive(Debug, Clone, Default)]
pub struct Identity {
    pub name: String,
    pub id_card: Option<String>,
    pub birth: Option<Birth>,
    pub unit_id: Option<i64>,
}

impl Identity {
    /// The identity a draft gives, as far as its values can be read (a bad
    /// value is left out here; the checks report it).
    pub fn of_draft(
        conn: &Connection,
        draft: &VolunteerDraft,
        units: &mut ActiveUnits,
    ) -> Result<Identity> {
        let card = draft
            .id_card
            .as_deref()
            .and_then(|raw| check_id_card(raw).ok());
        let birth = draft
            .birth
            .as_deref()
            .and_then(|raw| parse_birth(raw).ok())
            .or(card.as_ref().map(|c| Birth::from(c.birth)));
        let unit_id = match draft.unit.as_deref() {
            Some(raw) => units.find(conn, raw)?.ok(),
            None => None,
        };
        Ok(Identity {
            name: person_name(&draft.name),
            id_card: card.map(|c| c.number),
            birth,
            unit_id,
        })
    }
}

/// The registered volunteer an identity describes: the same 身份证号; else
/// the same name and birth date (and no other 身份证号); else, when it has
/// neither, the same name in the same unit.
/// Several matching records cannot be told apart: that is a refusal.
pub fn matching(
    conn: &Connection,
    who: &Identity,
) -> Result<std::result::Result<Option<i64>, Text>> {
    if let Some(number) = &who.id_card {
        let by_card: Option<i64> = conn
            .prepare_cached("SELECT id FROM volunteer WHERE id_card = ?1")?
            .query_row([number], |row| row.get(0))
            .optional()?;
        if by_card.is_some() {
            return Ok(Ok(by_card));
        }
    }
    let ids: Vec<i64> = if let Some(birth) = who.birth {
        // The same birth date; else the same month known the other way: a
        // birth known to the day matches a record that knows only its month,
        // and a birth month a record known to the day. One range of the
        // name-and-birth index holds them all (a month sorts before its
        // days); a GLOB pattern would be re-planned at every row.
        let month = format!("{:04}-{:02}", birth.year, birth.month);
        let to = match birth.day {
            Some(_) => birth.to_string(),
            None => format!("{month}-99"),
        };
        let found: Vec<(i64, String)> = conn
            .prepare_cached(
                "SELECT id, birth_date FROM volunteer WHERE name = ?1 AND birth_date BETWEEN ?2 AND ?3
                   AND (id_card IS NULL OR ?4 IS NULL OR id_card = ?4)",
            )?
            .query_map(params![who.name, month, to, who.id_card], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let exact = birth.to_string();
        let other_way = |stored: &str| match birth.day {
            Some(_) => stored == month,
            None => stored.len() == month.len() + 3,
        };
        let same: Vec<i64> = found
            .iter()
            .filter(|(_, stored)| *stored == exact)
            .map(|(id, _)| *id)
            .collect();
        if same.is_empty() {
            found
                .iter()
                .filter(|(_, stored)| other_way(stored))
                .map(|(id, _)| *id)
                .collect()
        } else {
            same
        }
    } else if who.id_card.is_none() {
        let mut stmt = conn.prepare_cached(
            // `+` keeps SQLite off the id_card and unit indexes, which hold
            // every volunteer without a 身份证号 or of the unit: name and
            // birth date narrow it to one or two.
            "SELECT id FROM volunteer WHERE name = ?1 AND +unit_id IS ?2 AND birth_date IS NULL AND +id_card IS NULL",
        )?;
        stmt.query_map(params![who.name, who.unit_id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?
    } else {
        Vec::new()
    };
    Ok(match ids.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        several => {
            let ids: Vec<String> = several.iter().map(|id| format!("#{id}")).collect();
            let (zh, en) = (ids.join("、"), ids.join(", "));
            Err(crate::text!(
                "与多位已登记的五老相符（{zh}）：请填写身份证号以区分",
                "matches several registered volunteers ({en}): give the ID number to tell them apart"
            ))
        }
    })
}

/// A volunteer of exactly the same name, birth date and unit.
pub fn same_record(conn: &Connection, v: &VolunteerValues) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            // `+`: by the name-and-birth index, not a whole unit's volunteers.
            "SELECT id FROM volunteer WHERE name = ?1 AND birth_date IS ?2 AND +unit_id IS ?3",
            params![v.name, v.birth.map(|b| b.to_string()), v.unit_id],
            |row| row.get(0),
        )
        .optional()?)
}

pub fn insert(conn: &Connection, v: &VolunteerValues) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO volunteer (name, gender, birth_date, id_card, phone, landline, category, former_post,
             retired_rank, political_status, specialties, unit_id, joined_on, status, status_on, is_model, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
        v.name,
        v.gender.map(|g| g.code()),
        v.birth.map(|b| b.to_string()),
        v.id_card,
        v.phone,
        v.landline,
        v.category.code(),
        v.former_post,
        v.retired_rank.map(|r| r.code()),
        v.political_status,
        v.specialties,
        v.unit_id,
        v.joined_on,
        v.status.code(),
        v.status_on,
        v.is_model,
        v.note
    ])?;
    let id = conn.last_insert_rowid();
    // No trigger logs a new volunteer (schema version 7 says why).
    super::changes::log_insert(conn, "volunteer", id)?;
    Ok(id)
}

/// Writes the values over a stored volunteer; returns false when nothing differed.
pub fn update(conn: &Connection, stored: &Volunteer, v: &VolunteerValues) -> Result<bool> {
    if &stored.values == v {
        return Ok(false);
    }
    let id = stored.id;
    conn.prepare_cached(
        "UPDATE volunteer SET name = ?2, gender = ?3, birth_date = ?4, id_card = ?5, phone = ?6,
             landline = ?7, category = ?8, former_post = ?9, retired_rank = ?10, political_status = ?11,
             specialties = ?12, unit_id = ?13, joined_on = ?14, status = ?15, status_on = ?16,
             is_model = ?17, note = ?18
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        v.name,
        v.gender.map(|g| g.code()),
        v.birth.map(|b| b.to_string()),
        v.id_card,
        v.phone,
        v.landline,
        v.category.code(),
        v.former_post,
        v.retired_rank.map(|r| r.code()),
        v.political_status,
        v.specialties,
        v.unit_id,
        v.joined_on,
        v.status.code(),
        v.status_on,
        v.is_model,
        v.note
    ])?;
    Ok(true)
}

/// The stored values as a draft, to lay changes over.
pub fn draft_of(values: &VolunteerValues) -> VolunteerDraft {
    VolunteerDraft {
        name: values.name.clone(),
        gender: values.gender.map(|g| g.code().to_string()),
        birth: values.birth.map(|b| b.to_string()),
        id_card: values.id_card.clone(),
        phone: values.phone.clone(),
        landline: values.landline.clone(),
        category: Some(values.category.code().to_string()),
        former_post: values.former_post.clone(),
        retired_rank: values.retired_rank.map(|r| r.code().to_string()),
        political_status: values.political_status.clone(),
        specialties: values.specialties.clone(),
        unit: values.unit_id.map(|id| id.to_string()),
        joined_on: values.joined_on.map(|d| d.to_string()),
        status: Some(values.status.code().to_string()),
        status_on: values.status_on.map(|d| d.to_string()),
        is_model: Some(if values.is_model { "yes" } else { "no" }.to_string()),
        note: values.note.clone(),
    }
}

const SELECT_VOLUNTEER: &str = "
    SELECT v.id, v.name, v.gender, v.birth_date, v.id_card, v.phone, v.landline, v.category,
           v.former_post, v.retired_rank, v.political_status, v.specialties, v.unit_id,
           u.name AS unit_name, v.joined_on, v.status, v.status_on, v.is_model, v.note
    FROM volunteer v LEFT JOIN unit u ON u.id = v.unit_id";

/// A row of [`SELECT_VOLUNTEER`], read by position: a lookup by column name
/// compares names, and an import reads a record a row.
fn volunteer_from_row(row: &Row) -> rusqlite::Result<Volunteer> {
    let code = |column: usize| -> rusqlite::Result<Option<String>> { row.get(column) };
    let unit_id: Option<i64> = row.get(12)?;
    let unit_name: Option<String> = row.get(13)?;
    Ok(Volunteer {
        id: row.get(0)?,
        values: VolunteerValues {
            name: row.get(1)?,
            gender: code(2)?.as_deref().and_then(Gender::from_code),
            birth: code(3)?.as_deref().and_then(stored_birth),
            id_card: row.get(4)?,
            phone: row.get(5)?,
            landline: row.get(6)?,
            category: code(7)?
                .as_deref()
                .and_then(Category::from_code)
                .unwrap_or(Category::Other),
            former_post: row.get(8)?,
            retired_rank: code(9)?.as_deref().and_then(RetiredRank::from_code),
            political_status: row.get(10)?,
            specialties: row.get(11)?,
            unit_id,
            joined_on: row.get(14)?,
            status: code(15)?
                .as_deref()
                .and_then(VolunteerStatus::from_code)
                .unwrap_or(VolunteerStatus::Active),
            status_on: row.get(16)?,
            is_model: row.get(17)?,
            note: row.get(18)?,
        },
        unit: unit_id
            .zip(unit_name)
            .map(|(id, name)| UnitRef { id, name }),
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Volunteer> {
    conn.prepare_cached(&format!("{SELECT_VOLUNTEER} WHERE v.id = ?1"))?
        .query_row([id], volunteer_from_row)
        .optional()?
        .ok_or_else(|| {
            refuse!(
                "没有编号为 {id} 的五老",
                "there is no volunteer with id {id}"
            )
        })
}

#[derive(Debug, Clone, Default)]
pub struct VolunteerFilter {
    pub unit_id: Option<i64>,
    pub category: Option<Category>,
    /// `None` lists every status.
    pub status: Option<VolunteerStatus>,
    /// Ages, inclusive, on `as_of`.
    pub min_age: Option<i32>,
    pub max_age: Option<i32>,
    pub as_of: Option<Date>,
    /// Part of the name, former post or specialties.
    pub text: Option<String>,
    pub model_only: bool,
}

pub fn list(conn: &Connection, filter: &VolunteerFilter) -> Result<Vec<Volunteer>> {
    let mut conditions = Conditions::default();
    if let Some(unit_id) = filter.unit_id {
        conditions.add_with("v.unit_id = ?", unit_id);
    }
    if let Some(category) = filter.category {
        conditions.add_with("v.category = ?", category.code());
    }
    if let Some(status) = filter.status {
        conditions.add_with("v.status = ?", status.code());
    }
    if let Some(text) = &filter.text {
        conditions.add_with(
            "instr(v.name, ?) > 0 OR instr(coalesce(v.former_post, ''), ?) > 0
             OR instr(coalesce(v.specialties, ''), ?) > 0",
            text.clone(),
        );
    }
    if filter.model_only {
        conditions.add("v.is_model");
    }
    let sql = format!(
        "{SELECT_VOLUNTEER} {} ORDER BY v.unit_id IS NULL, v.unit_id, v.id",
        conditions.where_clause()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(conditions.values(), volunteer_from_row)?;
    let as_of = filter.as_of.unwrap_or_else(today);
    let mut volunteers = Vec::new();
    for volunteer in rows {
        let volunteer = volunteer?;
        let age = volunteer.values.birth.map(|b| b.age_on(as_of));
        let in_band = match (filter.min_age, filter.max_age, age) {
            (None, None, _) => true,
            (_, _, None) => false,
            (min, max, Some(age)) => min.is_none_or(|m| age >= m) && max.is_none_or(|m| age <= m),
        };
        if in_band {
            volunteers.push(volunteer);
        }
    }
    Ok(volunteers)
}

/// Names a volunteer by id (`12`, `#12`), 身份证号, or name when only one
/// volunteer has it.
pub fn resolve(conn: &Connection, name: &str) -> Result<i64> {
    let wanted = person_name(name);
    let digits = wanted.strip_prefix('#').unwrap_or(&wanted);
    if !digits.is_empty() && digits.len() < 15 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let id: i64 = digits.parse().unwrap_or(0);
        return get(conn, id).map(|v| v.id);
    }
    let by_card: Option<i64> = conn
        .query_row(
            "SELECT id FROM volunteer WHERE id_card = ?1",
            [wanted.to_ascii_uppercase()],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(id) = by_card {
        return Ok(id);
    }
    let found = list(
        conn,
        &VolunteerFilter {
            text: Some(wanted.clone()),
            ..VolunteerFilter::default()
        },
    )?;
    let exact: Vec<&Volunteer> = found.iter().filter(|v| v.values.name == wanted).collect();
    let describe = |v: &&Volunteer| {
        let id = format!("#{}", v.id);
        let unit = v.unit.as_ref().map(|u| u.name.clone());
        let birth = v.values.birth.map(|b| b.to_string());
        [Some(id), Some(v.values.name.clone()), unit, birth]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    };
    match exact.as_slice() {
        [one] => Ok(one.id),
        [] => {
            let near: Vec<String> = found.iter().take(5).map(|v| describe(&v)).collect();
            if near.is_empty() {
                Err(refuse!(
                    "未找到五老“{wanted}”（ggw volunteer list 列出全部）",
                    "no volunteer named '{wanted}' (ggw volunteer list lists them all)"
                ))
            } else {
                let (zh, en) = (near.join("、"), near.join(", "));
                Err(refuse!(
                    "未找到五老“{wanted}”。相近的有：{zh}",
                    "no volunteer named '{wanted}'. Nearest: {en}"
                ))
            }
        }
        several => {
            let all: Vec<String> = several.iter().map(describe).collect();
            let (zh, en) = (all.join("、"), all.join(", "));
            Err(refuse!(
                "有多位五老名为“{wanted}”：{zh}；请用编号或身份证号指定",
                "several volunteers are named '{wanted}': {en}; name one by id or ID number"
            ))
        }
    }
}

/// Ends a volunteer's service: inactive, or deceased, from a date.
pub fn retire(conn: &Connection, id: i64, status: VolunteerStatus, on: Date) -> Result<()> {
    if status == VolunteerStatus::Active {
        return Err(refuse!(
            "退出只能记为“不再参加”或“已故”",
            "a volunteer leaves as inactive or deceased"
        ));
    }
    if on > today() {
        return Err(refuse!(
            "日期 {on} 晚于今天",
            "the date {on} is in the future"
        ));
    }
    let volunteer = get(conn, id)?;
    if volunteer.values.status == status {
        let (name, zh, en) = (&volunteer.values.name, status.zh(), status.en());
        return Err(refuse!("{name}已是“{zh}”", "{name} is already {en}"));
    }
    conn.execute(
        "UPDATE volunteer SET status = ?2, status_on = ?3 WHERE id = ?1",
        params![id, status.code(), on],
    )?;
    Ok(())
}

/// The committee roles a volunteer holds or held: (committee, role, serving).
pub fn roles(conn: &Connection, id: i64) -> Result<Vec<(String, String, bool)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.name, m.role, m.ended_on IS NULL FROM committee_member m
         JOIN committee c ON c.id = m.committee_id WHERE m.volunteer_id = ?1 ORDER BY m.id",
    )?;
    let roles = stmt
        .query_map([id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(roles)
}

/// Refuses a volunteer with a missing required value, naming them all.
pub fn missing_required(draft: &VolunteerDraft) -> Option<Error> {
    let mut missing: Vec<Label> = Vec::new();
    if clean(&draft.name).is_empty() {
        missing.push(labels::PERSON_NAME);
    }
    if draft.category.as_deref().and_then(non_empty).is_none() {
        missing.push(labels::CATEGORY);
    }
    if missing.is_empty() {
        return None;
    }
    let zh: Vec<&str> = missing.iter().map(|l| l.zh).collect();
    let en: Vec<&str> = missing.iter().map(|l| l.en).collect();
    let (zh, en) = (zh.join("、"), en.join(", "));
    Some(refuse!(
        "缺少必填项：{zh}",
        "required values are missing: {en}"
    ))
}
