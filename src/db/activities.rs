//! 活动: reading, checking and writing the activities units report.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::kinds::{self, Kind};
use super::units::{self, UnitRef};
use super::{Conditions, FieldError};
use crate::model::date::{Date, parse_date, today};
use crate::model::period::Period;
use crate::model::{clean, non_empty, parse_count, parse_yuan};
use crate::output::{Label, Text, format_yuan, labels};
use crate::{Result, refuse};

/// The unit that held an activity. (`labels::SERVING_UNIT` is the unit a
/// volunteer serves, 所在单位; an activity is simply a unit's, 单位.)
pub const UNIT: Label = Label {
    key: "unit",
    zh: "单位",
    en: "Unit",
};

/// An activity as typed, on the command line or in a row of a sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityDraft {
    /// Id, name or alias.
    pub unit: Option<String>,
    pub held_on: Option<String>,
    pub until: Option<String>,
    pub kind: Option<String>,
    pub title: String,
    pub youth: Option<String>,
    pub volunteers: Option<String>,
    /// In yuan, as typed (`20000`, `2万`).
    pub funds: Option<String>,
    pub students: Option<String>,
    pub location: Option<String>,
    pub summary: Option<String>,
}

/// An activity's values after every check, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityValues {
    pub unit_id: i64,
    pub held_on: Date,
    pub until: Option<Date>,
    pub kind_id: i64,
    pub title: String,
    /// 受益青少年人次 (person-times).
    pub youth: Option<i64>,
    /// 参与五老人数.
    pub volunteers: Option<i64>,
    /// 帮扶资金, in fen.
    pub funds: Option<i64>,
    /// 资助学生数.
    pub students: Option<i64>,
    pub location: Option<String>,
    pub summary: Option<String>,
}

/// An activity as read back, with its unit's name and its kind.
#[derive(Debug, Clone)]
pub struct Activity {
    pub id: i64,
    pub values: ActivityValues,
    pub unit: UnitRef,
    pub kind: Kind,
}

/// Checks a draft. `this` is the activity being edited, if any.
pub fn check(
    conn: &Connection,
    draft: &ActivityDraft,
    this: Option<i64>,
) -> Result<std::result::Result<ActivityValues, Vec<FieldError>>> {
    let mut errors = Vec::new();
    let mut fail = |field: Label, reason: Text| errors.push(FieldError { field, reason });
    let given = |value: &Option<String>| value.as_deref().and_then(non_empty);
    let now = today();

    let unit = match given(&draft.unit) {
        Some(raw) => match units::find(conn, &raw)? {
            Ok(unit) => match units::active_or_reason(conn, &unit)? {
                Ok(()) => Some(unit),
                Err(reason) => {
                    fail(UNIT, reason);
                    None
                }
            },
            Err(reason) => {
                fail(UNIT, reason);
                None
            }
        },
        None => {
            fail(
                UNIT,
                crate::text!("缺少开展活动的单位", "the unit that held it is missing"),
            );
            None
        }
    };
    let held_on = match given(&draft.held_on) {
        Some(raw) => match parse_date(&raw) {
            Ok(date) if date > now => {
                fail(
                    labels::HELD_ON,
                    crate::text!(
                        "日期 {date} 晚于今天：活动开展之后再登记",
                        "the date {date} is in the future: record an activity once it has been held"
                    ),
                );
                None
            }
            Ok(date) => Some(date),
            Err(reason) => {
                fail(labels::HELD_ON, reason);
                None
            }
        },
        None => {
            fail(
                labels::HELD_ON,
                crate::text!("缺少活动日期", "the date is missing"),
            );
            None
        }
    };
    let until = match given(&draft.until) {
        Some(raw) => match parse_date(&raw) {
            Ok(date) if date > now => {
                fail(
                    labels::UNTIL,
                    crate::text!(
                        "结束日期 {date} 晚于今天：活动结束之后再登记",
                        "the end date {date} is in the future: record an activity once it has ended"
                    ),
                );
                None
            }
            Ok(date) => match held_on {
                Some(start) if date < start => {
                    fail(
                        labels::UNTIL,
                        crate::text!(
                            "结束日期 {date} 早于活动日期 {start}",
                            "the end date {date} is before the date {start}"
                        ),
                    );
                    None
                }
                _ => Some(date),
            },
            Err(reason) => {
                fail(labels::UNTIL, reason);
                None
            }
        },
        None => None,
    };
    let kind = match given(&draft.kind) {
        Some(raw) => match kinds::resolve(conn, kinds::ACTIVITY, &raw)? {
            Ok(kind) => Some(kind),
            Err(reason) => {
                fail(labels::KIND, reason);
                None
            }
        },
        None => {
            let known = kinds::list(conn, kinds::ACTIVITY)?;
            let names: Vec<&str> = known.iter().map(|k| k.zh.as_str()).collect();
            let codes: Vec<&str> = known.iter().map(|k| k.code.as_str()).collect();
            let (zh, en) = (names.join("、"), codes.join(", "));
            fail(
                labels::KIND,
                crate::text!(
                    "缺少活动类别（可选 {zh}）",
                    "the activity kind is missing (one of {en})"
                ),
            );
            None
        }
    };
    let title = clean(&draft.title);
    if title.is_empty() {
        fail(
            labels::TITLE,
            crate::text!("活动名称为空", "the title is empty"),
        );
    }
    let mut count = |field: Label, value: &Option<String>| match given(value) {
        Some(raw) => parse_count(&raw).map_err(|reason| fail(field, reason)).ok(),
        None => None,
    };
    let youth = count(labels::YOUTH, &draft.youth);
    let volunteers = count(labels::VOLUNTEERS_INVOLVED, &draft.volunteers);
    let students = count(labels::STUDENTS, &draft.students);
    let funds = match given(&draft.funds) {
        Some(raw) => parse_yuan(&raw)
            .map_err(|reason| fail(labels::FUNDS, reason))
            .ok(),
        None => None,
    };

    if let (Some(unit), Some(held_on)) = (&unit, held_on)
        && !title.is_empty()
        && let Some(other) = matching(conn, unit.id, held_on, &title)?
        && Some(other) != this
    {
        let name = &unit.name;
        fail(
            labels::TITLE,
            crate::text!(
                "“{name}”在 {held_on} 已有同名活动“{title}”（#{other}）：同一单位同一天的活动名称不能相同",
                "'{name}' already has the activity '{title}' on {held_on} (#{other}): a unit's activities of one day need different titles"
            ),
        );
    }

    let (Some(unit), Some(held_on), Some(kind)) = (unit, held_on, kind) else {
        return Ok(Err(errors));
    };
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    Ok(Ok(ActivityValues {
        unit_id: unit.id,
        held_on,
        until,
        kind_id: kind.id,
        title,
        youth,
        volunteers,
        funds,
        students,
        location: given(&draft.location),
        summary: given(&draft.summary),
    }))
}

/// The activity of a unit on a date under a title: the same activity.
pub fn matching(
    conn: &Connection,
    unit_id: i64,
    held_on: Date,
    title: &str,
) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM activity WHERE unit_id = ?1 AND held_on = ?2 AND title = ?3",
        )?
        .query_row(params![unit_id, held_on, title], |row| row.get(0))
        .optional()?)
}

pub fn insert(conn: &Connection, v: &ActivityValues) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO activity (unit_id, held_on, until, kind_id, title, youth, volunteers, funds,
             students, location, summary)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        v.unit_id,
        v.held_on,
        v.until,
        v.kind_id,
        v.title,
        v.youth,
        v.volunteers,
        v.funds,
        v.students,
        v.location,
        v.summary
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Writes the values over activity `id`; returns false when nothing differed.
pub fn update(conn: &Connection, id: i64, v: &ActivityValues) -> Result<bool> {
    if &get(conn, id)?.values == v {
        return Ok(false);
    }
    conn.prepare_cached(
        "UPDATE activity SET unit_id = ?2, held_on = ?3, until = ?4, kind_id = ?5, title = ?6,
             youth = ?7, volunteers = ?8, funds = ?9, students = ?10, location = ?11, summary = ?12
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        v.unit_id,
        v.held_on,
        v.until,
        v.kind_id,
        v.title,
        v.youth,
        v.volunteers,
        v.funds,
        v.students,
        v.location,
        v.summary
    ])?;
    Ok(true)
}

/// The stored values as a draft, to lay changes over.
pub fn draft_of(activity: &Activity) -> ActivityDraft {
    let v = &activity.values;
    let count = |n: Option<i64>| n.map(|n| n.to_string());
    ActivityDraft {
        unit: Some(format!("#{}", v.unit_id)),
        held_on: Some(v.held_on.to_string()),
        until: v.until.map(|d| d.to_string()),
        kind: Some(activity.kind.code.clone()),
        title: v.title.clone(),
        youth: count(v.youth),
        volunteers: count(v.volunteers),
        funds: v.funds.map(format_yuan),
        students: count(v.students),
        location: v.location.clone(),
        summary: v.summary.clone(),
    }
}

const SELECT_ACTIVITY: &str = "
    SELECT a.id, a.unit_id, u.name AS unit_name, a.held_on, a.until, a.kind_id,
           k.code AS kind_code, k.name_zh AS kind_zh, k.name_en AS kind_en, a.title,
           a.youth, a.volunteers, a.funds, a.students, a.location, a.summary
    FROM activity a JOIN unit u ON u.id = a.unit_id JOIN kind k ON k.id = a.kind_id";

/// A row of [`SELECT_ACTIVITY`], read by position: a lookup by column name
/// compares names, and a month of a province has tens of thousands of rows.
fn activity_from_row(row: &Row) -> rusqlite::Result<Activity> {
    let unit_id: i64 = row.get(1)?;
    let kind_id: i64 = row.get(5)?;
    Ok(Activity {
        id: row.get(0)?,
        values: ActivityValues {
            unit_id,
            held_on: row.get(3)?,
            until: row.get(4)?,
            kind_id,
            title: row.get(9)?,
            youth: row.get(10)?,
            volunteers: row.get(11)?,
            funds: row.get(12)?,
            students: row.get(13)?,
            location: row.get(14)?,
            summary: row.get(15)?,
        },
        unit: UnitRef {
            id: unit_id,
            name: row.get(2)?,
        },
        kind: Kind::read_at(row, 5)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Activity> {
    conn.prepare_cached(&format!("{SELECT_ACTIVITY} WHERE a.id = ?1"))?
        .query_row([id], activity_from_row)
        .optional()?
        .ok_or_else(|| {
            refuse!(
                "没有编号为 {id} 的活动（ggw activity list 列出活动及其编号）",
                "there is no activity with id {id} (ggw activity list lists them with their ids)"
            )
        })
}

#[derive(Debug, Clone, Default)]
pub struct ActivityFilter {
    pub unit_id: Option<i64>,
    pub kind_id: Option<i64>,
    /// An activity counts in a period when its date falls in it.
    pub period: Option<Period>,
    /// Part of the title, location or summary.
    pub text: Option<String>,
}

/// The activities a filter selects, by date.
pub fn list(conn: &Connection, filter: &ActivityFilter) -> Result<Vec<Activity>> {
    let mut conditions = Conditions::default();
    if let Some(unit_id) = filter.unit_id {
        conditions.add_with("a.unit_id = ?", unit_id);
    }
    if let Some(kind_id) = filter.kind_id {
        conditions.add_with("a.kind_id = ?", kind_id);
    }
    if let Some(period) = filter.period {
        conditions.add_with("a.held_on >= ?", period.from);
        conditions.add_with("a.held_on <= ?", period.to);
    }
    if let Some(text) = &filter.text {
        conditions.add_with(
            "instr(a.title, ?) > 0 OR instr(coalesce(a.location, ''), ?) > 0
             OR instr(coalesce(a.summary, ''), ?) > 0",
            text.clone(),
        );
    }
    let sql = format!(
        "{SELECT_ACTIVITY} {} ORDER BY a.held_on, a.id",
        conditions.where_clause()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let activities = stmt
        .query_map(conditions.values(), activity_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(activities)
}

/// The sums the bulletin prints: 活动场次, 受益青少年人次, 参与五老, 帮扶资金, 资助学生.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub activities: i64,
    pub youth: i64,
    pub volunteers: i64,
    /// In fen.
    pub funds: i64,
    pub students: i64,
}

impl std::ops::Add for Totals {
    type Output = Totals;

    fn add(self, other: Totals) -> Totals {
        Totals {
            activities: self.activities + other.activities,
            youth: self.youth + other.youth,
            volunteers: self.volunteers + other.volunteers,
            funds: self.funds + other.funds,
            students: self.students + other.students,
        }
    }
}

/// Adds up activities; a figure not reported counts as none.
pub fn totals(activities: &[Activity]) -> Totals {
    activities.iter().fold(Totals::default(), |t, a| {
        let v = &a.values;
        t + Totals {
            activities: 1,
            youth: v.youth.unwrap_or(0),
            volunteers: v.volunteers.unwrap_or(0),
            funds: v.funds.unwrap_or(0),
            students: v.students.unwrap_or(0),
        }
    })
}

/// Names an activity by its id (`12`, `#12`).
pub fn resolve(conn: &Connection, name: &str) -> Result<i64> {
    let wanted = clean(name);
    let digits = wanted.strip_prefix('#').unwrap_or(&wanted);
    match digits.parse::<i64>() {
        Ok(id) if digits.bytes().all(|b| b.is_ascii_digit()) => get(conn, id).map(|a| a.id),
        _ => Err(refuse!(
            "“{wanted}”不是活动编号：活动以编号指定（ggw activity list 列出活动及其编号）",
            "'{wanted}' is not an activity id: name an activity by its id (ggw activity list lists them)"
        )),
    }
}

/// Removes an activity; returns it as it was.
pub fn remove(conn: &Connection, id: i64) -> Result<Activity> {
    let activity = get(conn, id)?;
    conn.execute("DELETE FROM activity WHERE id = ?1", [id])?;
    Ok(activity)
}
