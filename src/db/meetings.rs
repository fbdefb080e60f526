//! 会议: meetings, who hosted them, which units came and who spoke.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::kinds::{self, Kind};
use super::units::{self, UnitRef};
use super::{Conditions, IdFinder};
use crate::model::date::{Date, parse_date, today};
use crate::model::period::Period;
use crate::model::{clean, non_empty, parse_count};
use crate::output::Text;
use crate::{Error, Result, refuse};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Host {
    /// The registered unit, when the host is one.
    pub unit: Option<UnitRef>,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendance {
    pub unit: UnitRef,
    pub attendees: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub unit: Option<UnitRef>,
    pub person: Option<String>,
    pub topic: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub unit: Option<UnitRef>,
    pub name: String,
    pub post: Option<String>,
    pub signed_at: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Meeting {
    pub id: i64,
    pub held_on: Date,
    pub title: String,
    pub kind: Kind,
    pub location: Option<String>,
    pub presider: Option<String>,
    /// The attendance as given, if it was.
    pub attendees_given: Option<i64>,
    pub note: Option<String>,
    pub hosts: Vec<Host>,
    pub units: Vec<Attendance>,
    pub speakers: Vec<Speaker>,
    pub signed_in: Vec<Attendee>,
}

impl Meeting {
    /// The attendance: as given, else the sum of the units' counts.
    pub fn attendees(&self) -> Option<i64> {
        self.attendees_given
            .or_else(|| self.units.iter().map(|u| u.attendees).fold(None, add_count))
    }

    fn units_sum(&self) -> i64 {
        self.units.iter().filter_map(|u| u.attendees).sum()
    }
}

/// A meeting as typed. Units are `UNIT[:COUNT]`; speakers are
/// `UNIT[:PERSON[:TOPIC]]`, with the unit left empty for a speaker of no
/// unit (`:朱玉林:讲话`).
#[derive(Debug, Clone, Default)]
pub struct MeetingDraft {
    pub held_on: String,
    pub title: String,
    pub kind: String,
    pub hosts: Vec<String>,
    pub presider: Option<String>,
    pub location: Option<String>,
    pub attendees: Option<String>,
    pub units: Vec<String>,
    pub speakers: Vec<String>,
    pub note: Option<String>,
}

/// A meeting's values after every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingValues {
    pub held_on: Date,
    pub title: String,
    pub kind_id: i64,
    pub hosts: Vec<Host>,
    pub presider: Option<String>,
    pub location: Option<String>,
    pub attendees: Option<i64>,
    pub units: Vec<Attendance>,
    pub speakers: Vec<Speaker>,
    pub note: Option<String>,
}

/// Splits `A:5` (or `A：5`) into its parts.
fn parts(s: &str) -> Vec<String> {
    s.split([':', '：']).map(clean).collect()
}

/// Checks a draft; every problem is one line of the refusal.
pub fn check(
    conn: &Connection,
    draft: &MeetingDraft,
    this: Option<i64>,
) -> Result<std::result::Result<MeetingValues, Vec<Text>>> {
    let mut problems: Vec<Text> = Vec::new();
    let held_on = match parse_date(&draft.held_on) {
        Ok(date) if date > today() => {
            problems.push(crate::text!(
                "会议日期 {date} 晚于今天：会议开过后再登记",
                "the date {date} is in the future: record a meeting once it has been held"
            ));
            None
        }
        Ok(date) => Some(date),
        Err(reason) => {
            problems.push(reason);
            None
        }
    };
    let title = clean(&draft.title);
    if title.is_empty() {
        problems.push(crate::text!("会议名称为空", "the meeting has no title"));
    }
    let kind = match kinds::resolve(conn, kinds::MEETING, &draft.kind)? {
        Ok(kind) => Some(kind),
        Err(reason) => {
            problems.push(reason);
            None
        }
    };
    // A host is a registered unit, or a body named freely (市关工委).
    let mut hosts = Vec::new();
    for host in &draft.hosts {
        let name = clean(host);
        if name.is_empty() {
            continue;
        }
        let unit = units::registered(conn, &name)?;
        hosts.push(Host {
            name: unit.as_ref().map_or(name, |u| u.name.clone()),
            unit,
        });
    }
    let mut attending: Vec<Attendance> = Vec::new();
    for entry in &draft.units {
        let parts = parts(entry);
        let unit = match units::find(conn, &parts[0])? {
            Ok(unit) => match units::active_or_reason(conn, &unit)? {
                Ok(()) => unit,
                Err(reason) => {
                    problems.push(reason);
                    continue;
                }
            },
            Err(reason) => {
                problems.push(reason);
                continue;
            }
        };
        let attendees = match parts.get(1).filter(|c| !c.is_empty()) {
            Some(count) => match parse_count(count) {
                Ok(n) => Some(n),
                Err(reason) => {
                    problems.push(reason);
                    None
                }
            },
            None => None,
        };
        if attending.iter().any(|a| a.unit.id == unit.id) {
            let name = &unit.name;
            problems.push(crate::text!(
                "单位“{name}”列了两次",
                "the unit '{name}' is listed twice"
            ));
            continue;
        }
        attending.push(Attendance { unit, attendees });
    }
    // Stored units come back by unit id: in that order, the same units given
    // in another order are the same values (an edit or re-import that
    // changes nothing says so).
    attending.sort_by_key(|a| a.unit.id);
    let mut speakers = Vec::new();
    for entry in &draft.speakers {
        let parts = parts(entry);
        let unit = match parts[0].as_str() {
            "" => None,
            name => match units::find(conn, name)? {
                Ok(unit) => Some(unit),
                Err(reason) => {
                    let (zh, en) = (&reason.zh, &reason.en);
                    problems.push(crate::text!(
                        "发言人的{zh}（不属于任何单位的发言人请写成 :姓名:题目）",
                        "speaker: {en} (for a speaker of no unit write :NAME:TOPIC)"
                    ));
                    continue;
                }
            },
        };
        let person = parts.get(1).and_then(|p| non_empty(p));
        let topic = parts
            .get(2..)
            .map(|rest| rest.join("："))
            .and_then(|t| non_empty(&t));
        if unit.is_none() && person.is_none() {
            problems.push(crate::text!(
                "发言人“{entry}”既无单位也无姓名",
                "the speaker '{entry}' has neither a unit nor a name"
            ));
            continue;
        }
        speakers.push(Speaker {
            unit,
            person,
            topic,
        });
    }
    let attendees = match draft.attendees.as_deref().and_then(non_empty) {
        Some(raw) => match parse_count(&raw) {
            Ok(n) => Some(n),
            Err(reason) => {
                problems.push(reason);
                None
            }
        },
        None => None,
    };
    let sum: i64 = attending.iter().filter_map(|a| a.attendees).sum();
    if let Some(total) = attendees.filter(|total| *total < sum) {
        problems.push(crate::text!(
            "参会总人数 {total} 少于各单位人数之和 {sum}",
            "the total attendance {total} is less than the units' counts, {sum}"
        ));
    }
    if let (Some(date), false) = (held_on, title.is_empty()) {
        let same: Option<i64> = conn
            .query_row(
                "SELECT id FROM meeting WHERE held_on = ?1 AND title = ?2 AND id IS NOT ?3",
                params![date, title, this],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(id) = same {
            problems.push(crate::text!(
                "同一天已有同名会议（#{id}）",
                "a meeting of the same title is recorded on that day already (#{id})"
            ));
        }
    }
    let (Some(held_on), Some(kind)) = (held_on, kind) else {
        return Ok(Err(problems));
    };
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    Ok(Ok(MeetingValues {
        held_on,
        title,
        kind_id: kind.id,
        hosts,
        presider: draft.presider.as_deref().and_then(non_empty),
        location: draft.location.as_deref().and_then(non_empty),
        attendees,
        units: attending,
        speakers,
        note: draft.note.as_deref().and_then(non_empty),
    }))
}

/// Joins problems into one refusal, a line each.
pub fn refusal(problems: Vec<Text>) -> Error {
    let zh: Vec<String> = problems.iter().map(|p| p.zh.clone()).collect();
    let en: Vec<String> = problems.iter().map(|p| p.en.clone()).collect();
    Error::Refused(Text::new(zh.join("\n"), en.join("\n")))
}

pub fn insert(conn: &Connection, v: &MeetingValues) -> Result<i64> {
    conn.execute(
        "INSERT INTO meeting (held_on, title, kind_id, location, presider, attendees, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            v.held_on,
            v.title,
            v.kind_id,
            v.location,
            v.presider,
            v.attendees,
            v.note
        ],
    )?;
    let id = conn.last_insert_rowid();
    write_parts(conn, id, v)?;
    Ok(id)
}

/// Writes the values over meeting `id`; returns false when nothing differed.
/// Named attendees from a sign-in sheet stay.
pub fn update(conn: &Connection, id: i64, v: &MeetingValues) -> Result<bool> {
    if &values_of(&get(conn, id)?) == v {
        return Ok(false);
    }
    conn.execute(
        "UPDATE meeting SET held_on = ?2, title = ?3, kind_id = ?4, location = ?5, presider = ?6,
             attendees = ?7, note = ?8 WHERE id = ?1",
        params![
            id,
            v.held_on,
            v.title,
            v.kind_id,
            v.location,
            v.presider,
            v.attendees,
            v.note
        ],
    )?;
    for table in ["meeting_host", "meeting_unit", "meeting_speaker"] {
        // Table names from the fixed list above, never from user text.
        conn.execute(&format!("DELETE FROM {table} WHERE meeting_id = ?1"), [id])?;
    }
    write_parts(conn, id, v)?;
    Ok(true)
}

fn write_parts(conn: &Connection, id: i64, v: &MeetingValues) -> Result<()> {
    for (position, host) in v.hosts.iter().enumerate() {
        conn.execute(
            "INSERT INTO meeting_host (meeting_id, position, unit_id, name) VALUES (?1, ?2, ?3, ?4)",
            params![id, position as i64 + 1, host.unit.as_ref().map(|u| u.id), host.name],
        )?;
    }
    for attendance in &v.units {
        conn.execute(
            "INSERT INTO meeting_unit (meeting_id, unit_id, attendees) VALUES (?1, ?2, ?3)",
            params![id, attendance.unit.id, attendance.attendees],
        )?;
    }
    for (position, speaker) in v.speakers.iter().enumerate() {
        conn.execute(
            "INSERT INTO meeting_speaker (meeting_id, position, unit_id, person, topic) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id,
                position as i64 + 1,
                speaker.unit.as_ref().map(|u| u.id),
                speaker.person,
                speaker.topic
            ],
        )?;
    }
    Ok(())
}

pub fn values_of(m: &Meeting) -> MeetingValues {
    MeetingValues {
        held_on: m.held_on,
        title: m.title.clone(),
        kind_id: m.kind.id,
        hosts: m.hosts.clone(),
        presider: m.presider.clone(),
        location: m.location.clone(),
        attendees: m.attendees_given,
        units: m.units.clone(),
        speakers: m.speakers.clone(),
        note: m.note.clone(),
    }
}

/// The meeting as a draft, to lay changes over.
pub fn draft_of(m: &Meeting) -> MeetingDraft {
    MeetingDraft {
        held_on: m.held_on.to_string(),
        title: m.title.clone(),
        kind: m.kind.code.clone(),
        hosts: m.hosts.iter().map(|h| h.name.clone()).collect(),
        presider: m.presider.clone(),
        location: m.location.clone(),
        attendees: m.attendees_given.map(|n| n.to_string()),
        units: m
            .units
            .iter()
            .map(|a| match a.attendees {
                Some(n) => format!("#{}:{n}", a.unit.id),
                None => format!("#{}", a.unit.id),
            })
            .collect(),
        speakers: m
            .speakers
            .iter()
            .map(|s| {
                format!(
                    "{}:{}:{}",
                    s.unit
                        .as_ref()
                        .map(|u| format!("#{}", u.id))
                        .unwrap_or_default(),
                    s.person.clone().unwrap_or_default(),
                    s.topic.clone().unwrap_or_default()
                )
            })
            .collect(),
        note: m.note.clone(),
    }
}

fn unit_ref(id: Option<i64>, name: Option<String>) -> Option<UnitRef> {
    id.zip(name).map(|(id, name)| UnitRef { id, name })
}

pub fn get(conn: &Connection, id: i64) -> Result<Meeting> {
    let found = conn
        .prepare_cached(
            "SELECT m.id, m.held_on, m.title, k.id, k.code, k.name_zh, k.name_en, m.location, m.presider,
                    m.attendees, m.note
             FROM meeting m JOIN kind k ON k.id = m.kind_id WHERE m.id = ?1",
        )?
        .query_row([id], |row| {
            Ok(Meeting {
                id: row.get(0)?,
                held_on: row.get(1)?,
                title: row.get(2)?,
                kind: Kind::read_at(row, 3)?,
                location: row.get(7)?,
                presider: row.get(8)?,
                attendees_given: row.get(9)?,
                note: row.get(10)?,
                hosts: Vec::new(),
                units: Vec::new(),
                speakers: Vec::new(),
                signed_in: Vec::new(),
            })
        })
        .optional()?;
    let mut meeting = found.ok_or_else(|| {
        refuse!(
            "没有编号为 {id} 的会议（ggw meeting list 列出全部）",
            "there is no meeting with id {id} (ggw meeting list lists them all)"
        )
    })?;
    meeting.hosts = conn
        .prepare_cached(
            "SELECT h.unit_id, u.name, h.name FROM meeting_host h LEFT JOIN unit u ON u.id = h.unit_id
             WHERE h.meeting_id = ?1 ORDER BY h.position",
        )?
        .query_map([id], |row| {
            Ok(Host {
                unit: unit_ref(row.get(0)?, row.get(1)?),
                name: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    meeting.units = conn
        .prepare_cached(
            "SELECT mu.unit_id, u.name, mu.attendees FROM meeting_unit mu JOIN unit u ON u.id = mu.unit_id
             WHERE mu.meeting_id = ?1 ORDER BY u.id",
        )?
        .query_map([id], |row| {
            Ok(Attendance {
                unit: UnitRef {
                    id: row.get(0)?,
                    name: row.get(1)?,
                },
                attendees: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    meeting.speakers = conn
        .prepare_cached(
            "SELECT s.unit_id, u.name, s.person, s.topic FROM meeting_speaker s LEFT JOIN unit u ON u.id = s.unit_id
             WHERE s.meeting_id = ?1 ORDER BY s.position",
        )?
        .query_map([id], |row| {
            Ok(Speaker {
                unit: unit_ref(row.get(0)?, row.get(1)?),
                person: row.get(2)?,
                topic: row.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    meeting.signed_in = conn
        .prepare_cached(
            "SELECT a.unit_id, u.name, a.name, a.post, a.signed_at FROM meeting_attendee a
             LEFT JOIN unit u ON u.id = a.unit_id WHERE a.meeting_id = ?1 ORDER BY a.id",
        )?
        .query_map([id], |row| {
            Ok(Attendee {
                unit: unit_ref(row.get(0)?, row.get(1)?),
                name: row.get(2)?,
                post: row.get(3)?,
                signed_at: row.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(meeting)
}

#[derive(Debug, Clone, Default)]
pub struct MeetingFilter {
    pub period: Option<Period>,
    pub kind_id: Option<i64>,
    /// Only meetings this unit attended or hosted.
    pub unit_id: Option<i64>,
}

/// A meeting as the lists show it: its hosts by name, its units and
/// speakers counted. A list of all of a province's meetings reads these,
/// not whole meetings.
#[derive(Debug, Clone)]
pub struct MeetingRow {
    pub id: i64,
    pub held_on: Date,
    pub title: String,
    pub kind: Kind,
    pub presider: Option<String>,
    pub hosts: Vec<String>,
    /// The attendance as given, if it was.
    pub attendees_given: Option<i64>,
    /// The attending units' counts added up, if any unit's was given.
    pub units_counted: Option<i64>,
    /// How many units attended.
    pub units: i64,
    pub speakers: i64,
}

impl MeetingRow {
    /// The attendance: as given, else the sum of the units' counts.
    pub fn attendees(&self) -> Option<i64> {
        self.attendees_given.or(self.units_counted)
    }
}

/// Adds a unit's count to the units' counts so far, which are `None`
/// until one is known.
fn add_count(counted: Option<i64>, count: Option<i64>) -> Option<i64> {
    match (counted, count) {
        (Some(counted), Some(count)) => Some(counted + count),
        (counted, count) => counted.or(count),
    }
}

/// The filter's conditions on a meeting `m`.
fn conditions(filter: &MeetingFilter) -> Conditions {
    let mut conditions = Conditions::default();
    if let Some(period) = filter.period {
        conditions.add_with("m.held_on >= ?", period.from);
        conditions.add_with("m.held_on <= ?", period.to);
    }
    if let Some(kind_id) = filter.kind_id {
        conditions.add_with("m.kind_id = ?", kind_id);
    }
    if let Some(unit_id) = filter.unit_id {
        // Through the indexes on unit_id: an EXISTS for each meeting read
        // all of them.
        conditions.add_with(
            "m.id IN (SELECT meeting_id FROM meeting_unit WHERE unit_id = ?
                      UNION SELECT meeting_id FROM meeting_host WHERE unit_id = ?)",
            unit_id,
        );
    }
    conditions
}

/// The meetings that meet the filter, by date.
pub fn list(conn: &Connection, filter: &MeetingFilter) -> Result<Vec<MeetingRow>> {
    let conditions = conditions(filter);
    // Sorted here, by id to find them and then by date: ordered by SQLite,
    // all meetings were read through the index on the date, a look-up each.
    let sql = format!(
        "SELECT m.id, m.held_on, m.title, k.id, k.code, k.name_zh, k.name_en, m.presider, m.attendees
         FROM meeting m JOIN kind k ON k.id = m.kind_id {}",
        conditions.where_clause()
    );
    let mut rows: Vec<MeetingRow> = conn
        .prepare_cached(&sql)?
        .query_map(conditions.values(), |row| {
            Ok(MeetingRow {
                id: row.get(0)?,
                held_on: row.get(1)?,
                title: row.get(2)?,
                kind: Kind::read_at(row, 3)?,
                presider: row.get(7)?,
                hosts: Vec::new(),
                attendees_given: row.get(8)?,
                units_counted: None,
                units: 0,
                speakers: 0,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    if rows.is_empty() {
        return Ok(rows);
    }
    rows.sort_unstable_by_key(|row| row.id);
    let all: i64 = conn.query_row("SELECT count(*) FROM meeting", [], |row| row.get(0))?;
    let parts = Parts {
        conditions: &conditions,
        whole_table: rows.len() as i64 * 5 >= all * 2,
    };
    let mut found = IdFinder::default();
    // Each meeting's hosts in order: ordered by SQLite, a whole table is
    // read through its index, a look-up a row.
    let mut hosts: Vec<(i64, i64, String)> = Vec::new();
    let sql = parts.sql(
        "SELECT h.meeting_id, h.position, h.name FROM meeting_host h",
        "h.meeting_id",
    );
    parts.for_each(conn, &sql, |host| {
        hosts.push((host.get(0)?, host.get(1)?, host.get(2)?));
        Ok(())
    })?;
    hosts.sort_unstable_by_key(|(meeting_id, position, _)| (*meeting_id, *position));
    for (meeting_id, _, name) in hosts {
        if let Some(row) = found.get(&mut rows, meeting_id, |row| row.id) {
            row.hosts.push(name);
        }
    }
    let sql = parts.sql(
        "SELECT mu.meeting_id, mu.attendees FROM meeting_unit mu",
        "mu.meeting_id",
    );
    parts.for_each(conn, &sql, |unit| {
        if let Some(row) = found.get(&mut rows, unit.get(0)?, |row| row.id) {
            row.units += 1;
            row.units_counted = add_count(row.units_counted, unit.get(1)?);
        }
        Ok(())
    })?;
    let sql = parts.sql(
        "SELECT s.meeting_id, count(*) FROM meeting_speaker s",
        "s.meeting_id",
    );
    parts.for_each(conn, &format!("{sql} GROUP BY s.meeting_id"), |speakers| {
        if let Some(row) = found.get(&mut rows, speakers.get(0)?, |row| row.id) {
            row.speakers = speakers.get(1)?;
        }
        Ok(())
    })?;
    rows.sort_unstable_by_key(|row| (row.held_on, row.id));
    Ok(rows)
}

/// The units that attended the meetings that meet the filter, each with
/// the kind of meeting: (kind id, unit id), each pair once, in order.
pub fn units_attending(conn: &Connection, filter: &MeetingFilter) -> Result<Vec<(i64, i64)>> {
    let conditions = conditions(filter);
    // Made distinct here: SELECT DISTINCT took four times as long.
    let sql = format!(
        "SELECT m.kind_id, mu.unit_id FROM meeting m JOIN meeting_unit mu ON mu.meeting_id = m.id {}",
        conditions.where_clause()
    );
    let mut pairs: Vec<(i64, i64)> = conn
        .prepare_cached(&sql)?
        .query_map(conditions.values(), |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    pairs.sort_unstable();
    pairs.dedup();
    Ok(pairs)
}

/// Which rows of a meeting's part table (hosts, units, speakers) to read
/// for a list: those of the meetings that meet `conditions` (on `m`),
/// looked up by meeting, or every row of the table, those of meetings not
/// listed left out after. On a province's 60,000 meetings the two took
/// as long when 2 in 5 meetings were listed; the parts of all of them
/// took 300 ms by look-up and 110 ms in one pass.
struct Parts<'a> {
    conditions: &'a Conditions,
    whole_table: bool,
}

impl Parts<'_> {
    /// `sql`, reading a part table, with the condition that its
    /// `meeting_id` column is of a listed meeting when one is needed.
    fn sql(&self, sql: &str, meeting_id: &str) -> String {
        if self.whole_table {
            sql.to_string()
        } else {
            let listed = self.conditions.where_clause();
            format!("{sql} WHERE {meeting_id} IN (SELECT m.id FROM meeting m {listed})")
        }
    }

    /// Runs a statement made by [`Parts::sql`], calling `each` with every row.
    fn for_each(
        &self,
        conn: &Connection,
        sql: &str,
        mut each: impl FnMut(&Row) -> rusqlite::Result<()>,
    ) -> Result<()> {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = if self.whole_table {
            stmt.query([])?
        } else {
            stmt.query(self.conditions.values())?
        };
        while let Some(row) = rows.next()? {
            each(row)?;
        }
        Ok(())
    }
}

/// Names a meeting by id, by a date with one meeting, or by its title.
pub fn resolve(conn: &Connection, name: &str) -> Result<i64> {
    let wanted = clean(name);
    let digits = wanted.strip_prefix('#').unwrap_or(&wanted);
    if !digits.is_empty() && digits.len() < 8 && digits.bytes().all(|b| b.is_ascii_digit()) {
        return get(conn, digits.parse().unwrap_or(0)).map(|m| m.id);
    }
    let ids: Vec<i64> = match parse_date(&wanted) {
        Ok(date) => conn
            .prepare_cached("SELECT id FROM meeting WHERE held_on = ?1 ORDER BY id")?
            .query_map([date], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?,
        Err(_) => conn
            .prepare_cached("SELECT id FROM meeting WHERE title = ?1 ORDER BY id")?
            .query_map([&wanted], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?,
    };
    match ids.as_slice() {
        [one] => Ok(*one),
        [] => Err(refuse!(
            "未找到会议“{wanted}”：可用编号、日期或会议名称指定（ggw meeting list 列出全部）",
            "no meeting '{wanted}': name one by id, date or title (ggw meeting list lists them all)"
        )),
        several => {
            let ids: Vec<String> = several.iter().map(|id| format!("#{id}")).collect();
            let (zh, en) = (ids.join("、"), ids.join(", "));
            Err(refuse!(
                "“{wanted}”可指多个会议：{zh}；请用编号指定",
                "'{wanted}' names several meetings: {en}; name one by id"
            ))
        }
    }
}

pub fn remove(conn: &Connection, id: i64) -> Result<Meeting> {
    let meeting = get(conn, id)?;
    conn.execute("DELETE FROM meeting WHERE id = ?1", [id])?;
    Ok(meeting)
}

/// Records one unit's attendance: its count, replacing any before.
pub fn attend(conn: &Connection, id: i64, unit: &UnitRef, count: i64) -> Result<()> {
    units::active_or_reason(conn, unit)?.map_err(Error::Refused)?;
    conn.execute(
        "INSERT INTO meeting_unit (meeting_id, unit_id, attendees) VALUES (?1, ?2, ?3)
         ON CONFLICT (meeting_id, unit_id) DO UPDATE SET attendees = excluded.attendees",
        params![id, unit.id, count],
    )?;
    check_total(conn, id)
}

/// A given total may not fall below the units' counts.
pub fn check_total(conn: &Connection, id: i64) -> Result<()> {
    let meeting = get(conn, id)?;
    let sum = meeting.units_sum();
    match meeting.attendees_given {
        Some(total) if total < sum => Err(refuse!(
            "各单位人数之和 {sum} 超过了登记的参会总人数 {total}：请先用 ggw meeting edit --attendees 更正总人数",
            "the units' counts add up to {sum}, more than the recorded total of {total}: correct the total first with ggw meeting edit --attendees"
        )),
        _ => Ok(()),
    }
}

/// Adds a person from a sign-in sheet; false when already signed in.
pub fn sign_in(conn: &Connection, id: i64, attendee: &Attendee) -> Result<bool> {
    let known: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM meeting_attendee WHERE meeting_id = ?1 AND unit_id IS ?2 AND name = ?3)",
        )?
        .query_row(params![id, attendee.unit.as_ref().map(|u| u.id), attendee.name], |row| row.get(0))?;
    if known {
        return Ok(false);
    }
    conn.prepare_cached(
        "INSERT INTO meeting_attendee (meeting_id, unit_id, name, post, signed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id,
        attendee.unit.as_ref().map(|u| u.id),
        attendee.name,
        attendee.post,
        attendee.signed_at
    ])?;
    Ok(true)
}

/// After a sign-in sheet: each unit's count is the people it signed in.
pub fn count_signed_in(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO meeting_unit (meeting_id, unit_id, attendees)
         SELECT meeting_id, unit_id, count(*) FROM meeting_attendee
         WHERE meeting_id = ?1 AND unit_id IS NOT NULL GROUP BY unit_id
         ON CONFLICT (meeting_id, unit_id) DO UPDATE SET attendees = excluded.attendees",
        [id],
    )?;
    check_total(conn, id)
}

/// Units with a committee on the meeting's day that neither attended nor hosted it.
pub fn absent_units(conn: &Connection, meeting: &Meeting) -> Result<Vec<UnitRef>> {
    let covered = super::committees::covered_on("u.id", "?2", "TRUE");
    let registered = units::registered_on("u", "?2");
    let sql = format!(
        "SELECT u.id, u.name FROM unit u
         WHERE {registered} AND {covered}
           AND NOT EXISTS (SELECT 1 FROM meeting_unit mu WHERE mu.meeting_id = ?1 AND mu.unit_id = u.id)
           AND NOT EXISTS (SELECT 1 FROM meeting_host h WHERE h.meeting_id = ?1 AND h.unit_id = u.id)
         ORDER BY u.id"
    );
    let units = conn
        .prepare(&sql)?
        .query_map(params![meeting.id, meeting.held_on], |row| {
            Ok(UnitRef {
                id: row.get(0)?,
                name: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(units)
}
