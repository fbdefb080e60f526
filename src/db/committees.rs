//! 关工委: establishing, naming, reading and changing committees and their members.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::units::{self, UnitRef};
use super::{Conditions, IdFinder};
use crate::model::committee::{CommitteeStatus, Role, Standard};
use crate::model::date::{Date, today};
use crate::model::enums::Enumerated;
use crate::model::{clean, phone};
use crate::output::Text;
use crate::{Error, Result, refuse};

#[derive(Debug, Clone)]
pub struct Committee {
    pub id: i64,
    pub name: String,
    pub status: CommitteeStatus,
    pub established_on: Option<Date>,
    pub dissolved_on: Option<Date>,
    pub batch: Option<i64>,
    /// Which of the six standards (六有) it meets, in [`Standard::ALL`] order.
    pub standards: Vec<(Standard, bool)>,
    pub yearly_funds: Option<i64>,
    pub note: Option<String>,
    pub units: Vec<UnitRef>,
    pub members: Vec<Member>,
}

impl Committee {
    pub fn compliant(&self) -> bool {
        meets_all(&self.standards)
    }

    /// The current holder of a role, if any.
    pub fn current(&self, role: Role) -> Option<&Member> {
        self.members
            .iter()
            .find(|m| m.role == role && m.ended_on.is_none())
    }
}

/// Compliant (六有达标): all six standards met.
fn meets_all(standards: &[(Standard, bool)]) -> bool {
    standards.iter().all(|(_, met)| *met)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub retired: bool,
    pub post: Option<String>,
    pub phone: Option<String>,
    pub started_on: Option<Date>,
    pub ended_on: Option<Date>,
}

/// A complete SQL condition: unit `unit` (a column) is covered on `date`
/// (a parameter) by a committee `c` that meets `also` (a condition on `c`).
/// Every coverage figure and list asks this one question.
pub fn covered_on(unit: &str, date: &str, also: &str) -> String {
    let covering = covering_on(date);
    format!(
        "EXISTS (SELECT 1 FROM committee_unit cu JOIN committee c ON c.id = cu.committee_id
          WHERE cu.unit_id = {unit} AND {covering} AND ({also}))"
    )
}

/// A complete SQL condition on a committee `c` and its cover `cu` of a
/// unit: the committee was set up and not dissolved on `date`, and its
/// cover of the unit had begun and not ended.
pub fn covering_on(date: &str) -> String {
    format!(
        "(c.status <> 'planned' AND c.established_on <= {date}
          AND (c.dissolved_on IS NULL OR c.dissolved_on > {date})
          AND (cu.since IS NULL OR cu.since <= {date}) AND (cu.until IS NULL OR cu.until > {date}))"
    )
}

/// A new committee: active from `established_on`, or planned when that is `None`.
#[derive(Debug, Clone)]
pub struct NewCommittee {
    pub units: Vec<UnitRef>,
    pub established_on: Option<Date>,
    pub batch: Option<i64>,
    pub name: Option<String>,
}

pub fn establish(conn: &Connection, new: &NewCommittee) -> Result<i64> {
    if new.units.is_empty() {
        return Err(refuse!("请至少指定一个单位", "name at least one unit"));
    }
    for (index, unit) in new.units.iter().enumerate() {
        if new.units[..index].iter().any(|u| u.id == unit.id) {
            let name = &unit.name;
            return Err(refuse!(
                "单位“{name}”重复",
                "the unit '{name}' is named twice"
            ));
        }
        units::active_or_reason(conn, unit)?.map_err(Error::Refused)?;
        if let Some(existing) = units::current_committee(conn, unit.id)? {
            let name = &unit.name;
            return Err(refuse!(
                "单位“{name}”已有关工委（#{existing}）：可用 ggw committee show {existing} 查看",
                "the unit '{name}' already has a committee (#{existing}): see ggw committee show {existing}"
            ));
        }
    }
    if let Some(date) = new.established_on {
        check_not_future(date)?;
        for unit in &new.units {
            if let Some(ended) = last_dissolved(conn, unit.id)?.filter(|ended| date < *ended) {
                let name = &unit.name;
                return Err(refuse!(
                    "单位“{name}”的上一个关工委于 {ended} 撤销：新关工委的成立日期不能早于此日",
                    "the last committee of '{name}' was dissolved on {ended}: a new one cannot be set up before that"
                ));
            }
        }
    }
    check_batch(new.batch)?;
    let name = match new.name.as_deref().map(clean).filter(|n| !n.is_empty()) {
        Some(name) => name,
        None => default_name(&new.units),
    };
    let status = if new.established_on.is_some() {
        CommitteeStatus::Active
    } else {
        CommitteeStatus::Planned
    };
    conn.execute(
        "INSERT INTO committee (name, status, established_on, batch) VALUES (?1, ?2, ?3, ?4)",
        params![name, status.code(), new.established_on, new.batch],
    )?;
    let id = conn.last_insert_rowid();
    add_units(conn, id, &new.units, None)?;
    Ok(id)
}

/// Covers units from `since` (`None`: from the committee's start). A unit
/// the committee covered before is covered again, in its old place.
pub(crate) fn add_units(
    conn: &Connection,
    id: i64,
    units: &[UnitRef],
    since: Option<Date>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO committee_unit (committee_id, unit_id, position, since)
         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM committee_unit WHERE committee_id = ?1), ?3)
         ON CONFLICT (committee_id, unit_id) DO UPDATE SET since = excluded.since, until = NULL",
    )?;
    for unit in units {
        stmt.execute(params![id, unit.id, since])?;
    }
    Ok(())
}

/// When the unit's last dissolved committee was dissolved, if it had one.
pub fn last_dissolved(conn: &Connection, unit_id: i64) -> Result<Option<Date>> {
    Ok(conn.query_row(
        "SELECT max(c.dissolved_on) FROM committee c JOIN committee_unit cu ON cu.committee_id = c.id
         WHERE cu.unit_id = ?1 AND c.status = 'dissolved'",
        [unit_id],
        |row| row.get(0),
    )?)
}

/// `鸡西市司法局关工委`, or `市中医院等3家单位联合关工委` for a joint committee.
fn default_name(units: &[UnitRef]) -> String {
    match units {
        [one] => format!("{}关工委", one.name),
        [first, ..] => format!("{}等{}家单位联合关工委", first.name, units.len()),
        [] => "关工委".to_string(),
    }
}

fn check_not_future(date: Date) -> Result<()> {
    if date > today() {
        return Err(refuse!(
            "成立日期 {date} 晚于今天：尚未成立的关工委请用 --planned 登记为筹建中",
            "the date {date} is in the future: record a committee not yet set up with --planned"
        ));
    }
    Ok(())
}

fn check_batch(batch: Option<i64>) -> Result<()> {
    match batch {
        Some(n) if n < 1 => Err(refuse!(
            "批次应为从1开始的整数，而不是 {n}",
            "a batch is a whole number from 1, not {n}"
        )),
        _ => Ok(()),
    }
}

/// Names a committee by its id, its name, or a unit it covers (by the
/// unit's name or alias: digits are always a committee id): the unit's
/// current committee, else its last.
pub fn resolve(conn: &Connection, name: &str) -> Result<i64> {
    let wanted = clean(name);
    let digits = wanted.strip_prefix('#').unwrap_or(&wanted);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let id: i64 = digits.parse().map_err(|_| no_committee_id(&wanted))?;
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM committee WHERE id = ?1)",
            [id],
            |row| row.get(0),
        )?;
        return if exists {
            Ok(id)
        } else {
            Err(no_committee_id(&wanted))
        };
    }
    let by_name: Option<i64> = conn
        .query_row(
            "SELECT id FROM committee WHERE name = ?1 ORDER BY status = 'dissolved', id DESC LIMIT 1",
            [&wanted],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(id) = by_name {
        return Ok(id);
    }
    let unit = units::resolve(conn, &wanted)?;
    let latest: Option<i64> = conn
        .query_row(
            "SELECT c.id FROM committee c JOIN committee_unit cu ON cu.committee_id = c.id
             WHERE cu.unit_id = ?1
             ORDER BY c.status = 'dissolved', c.established_on DESC, c.id DESC LIMIT 1",
            [unit.id],
            |row| row.get(0),
        )
        .optional()?;
    latest.ok_or_else(|| {
        let name = unit.name;
        refuse!(
            "单位“{name}”还没有关工委：可用 ggw committee establish 建立",
            "the unit '{name}' has no committee yet: set one up with ggw committee establish"
        )
    })
}

fn no_committee_id(wanted: &str) -> Error {
    refuse!(
        "没有编号为 {wanted} 的关工委（ggw committee list 列出全部）",
        "there is no committee with id {wanted} (ggw committee list lists them all)"
    )
}

/// A committee's own columns, read by [`committee_from_row`]: the six
/// standards last, in the order of [`Standard::ALL`].
fn select_committee() -> String {
    let standards: Vec<String> = Standard::ALL
        .iter()
        .map(|standard| format!("c.{}", standard.column()))
        .collect();
    format!(
        "SELECT c.id, c.name, c.status, c.established_on, c.dissolved_on, c.batch, c.yearly_funds,
             c.note, {}
         FROM committee c",
        standards.join(", ")
    )
}

/// By column position: by name, a list of a province's committees spent
/// most of its reading on finding the columns.
fn committee_from_row(row: &Row) -> rusqlite::Result<Committee> {
    let status: String = row.get(2)?;
    let mut standards = Vec::new();
    for (i, standard) in Standard::ALL.iter().enumerate() {
        standards.push((*standard, row.get::<_, bool>(8 + i)?));
    }
    Ok(Committee {
        id: row.get(0)?,
        name: row.get(1)?,
        status: CommitteeStatus::from_code(&status).unwrap_or(CommitteeStatus::Active),
        established_on: row.get(3)?,
        dissolved_on: row.get(4)?,
        batch: row.get(5)?,
        standards,
        yearly_funds: row.get(6)?,
        note: row.get(7)?,
        units: Vec::new(),
        members: Vec::new(),
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Committee> {
    let mut this = Conditions::default();
    this.add_with("c.id = ?", id);
    let mut committee = read(conn, &this)?
        .pop()
        .ok_or_else(|| no_committee_id(&id.to_string()))?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, role, retired, post, phone, started_on, ended_on FROM committee_member
         WHERE committee_id = ?1 ORDER BY ended_on IS NOT NULL, ended_on DESC,
             CASE role WHEN 'honorary_director' THEN 1 WHEN 'adviser' THEN 2 WHEN 'director' THEN 3
                 WHEN 'executive_deputy' THEN 4 WHEN 'deputy_director' THEN 5
                 WHEN 'secretary_general' THEN 6 WHEN 'member' THEN 7 ELSE 8 END, id",
    )?;
    committee.members = stmt
        .query_map([id], |row| {
            let role: String = row.get(2)?;
            Ok(Member {
                id: row.get(0)?,
                name: row.get(1)?,
                role: Role::from_code(&role).unwrap_or(Role::Member),
                retired: row.get(3)?,
                post: row.get(4)?,
                phone: row.get(5)?,
                started_on: row.get(6)?,
                ended_on: row.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(committee)
}

/// The committees that meet `conditions` (on `c`), by id, with the units
/// they cover now but without their members.
fn read(conn: &Connection, conditions: &Conditions) -> Result<Vec<Committee>> {
    let chosen = conditions.where_clause();
    let sql = format!("{} {chosen} ORDER BY c.id", select_committee());
    let mut committees: Vec<Committee> = conn
        .prepare_cached(&sql)?
        .query_map(conditions.values(), committee_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    // All the committees' units in one query, not one for each; in order
    // of position sorted here: ordered by SQLite, the query took twice as long.
    let sql = format!(
        "SELECT cu.committee_id, cu.position, u.id, u.name
         FROM committee c JOIN committee_unit cu ON cu.committee_id = c.id AND cu.until IS NULL
             JOIN unit u ON u.id = cu.unit_id {chosen}"
    );
    let mut units: Vec<(i64, i64, UnitRef)> = conn
        .prepare_cached(&sql)?
        .query_map(conditions.values(), |row| {
            let unit = UnitRef {
                id: row.get(2)?,
                name: row.get(3)?,
            };
            Ok((row.get(0)?, row.get(1)?, unit))
        })?
        .collect::<rusqlite::Result<_>>()?;
    units.sort_unstable_by_key(|(committee_id, position, _)| (*committee_id, *position));
    let mut found = IdFinder::default();
    for (committee_id, _, unit) in units {
        if let Some(committee) = found.get(&mut committees, committee_id, |c| c.id) {
            committee.units.push(unit);
        }
    }
    Ok(committees)
}

#[derive(Debug, Clone, Default)]
pub struct CommitteeFilter {
    pub status: Option<CommitteeStatus>,
    pub batch: Option<i64>,
    /// Dissolved committees are left out unless asked for by status or this.
    pub include_dissolved: bool,
}

/// A committee as the list shows it: of its members, only the serving
/// director and executive deputy, so that a province's list reads a
/// quarter of its members.
#[derive(Debug, Clone)]
pub struct CommitteeRow {
    pub id: i64,
    pub name: String,
    pub status: CommitteeStatus,
    pub established_on: Option<Date>,
    pub batch: Option<i64>,
    pub standards: Vec<(Standard, bool)>,
    pub units: Vec<UnitRef>,
    pub director: Option<String>,
    pub executive_deputy: Option<String>,
}

impl CommitteeRow {
    pub fn compliant(&self) -> bool {
        meets_all(&self.standards)
    }
}

/// The committees that meet the filter, by id.
pub fn list(conn: &Connection, filter: &CommitteeFilter) -> Result<Vec<CommitteeRow>> {
    let mut conditions = Conditions::default();
    match filter.status {
        Some(status) => conditions.add_with("c.status = ?", status.code()),
        None if !filter.include_dissolved => conditions.add("c.status <> 'dissolved'"),
        None => {}
    }
    if let Some(batch) = filter.batch {
        conditions.add_with("c.batch = ?", batch);
    }
    let mut rows: Vec<CommitteeRow> = read(conn, &conditions)?
        .into_iter()
        .map(|committee| CommitteeRow {
            id: committee.id,
            name: committee.name,
            status: committee.status,
            established_on: committee.established_on,
            batch: committee.batch,
            standards: committee.standards,
            units: committee.units,
            director: None,
            executive_deputy: None,
        })
        .collect();
    // The condition of the index committee_member_heads, word for word, so
    // that SQLite reads the heads from it and not every member. Unordered:
    // ordered, SQLite read them all.
    conditions.add("m.ended_on IS NULL AND m.role IN ('director', 'executive_deputy')");
    let sql = format!(
        "SELECT m.committee_id, m.id, m.role, m.name
         FROM committee c JOIN committee_member m ON m.committee_id = c.id {}",
        conditions.where_clause()
    );
    let mut holders: Vec<(i64, i64, String, String)> = conn
        .prepare_cached(&sql)?
        .query_map(conditions.values(), |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    // The holder is the one Committee::current finds: of the serving
    // members in that role, the first added.
    holders.sort_unstable_by_key(|(committee_id, id, _, _)| (*committee_id, *id));
    let mut found = IdFinder::default();
    for (committee_id, _, role, name) in holders {
        if let Some(row) = found.get(&mut rows, committee_id, |row| row.id) {
            let held = match Role::from_code(&role) {
                Some(Role::Director) => &mut row.director,
                Some(Role::ExecutiveDeputy) => &mut row.executive_deputy,
                _ => continue,
            };
            if held.is_none() {
                *held = Some(name);
            }
        }
    }
    Ok(rows)
}

/// Changes to a committee; `None` leaves a value as it is.
#[derive(Debug, Clone, Default)]
pub struct CommitteeEdit {
    pub name: Option<String>,
    /// Sets the date; a planned committee becomes active.
    pub established_on: Option<Date>,
    pub batch: Option<Option<i64>>,
    pub meets: Vec<Standard>,
    pub lacks: Vec<Standard>,
    pub yearly_funds: Option<Option<i64>>,
    pub note: Option<Option<String>>,
    pub add_units: Vec<UnitRef>,
    pub remove_units: Vec<UnitRef>,
}

/// Applies an edit; returns false when it changed nothing.
pub fn edit(conn: &Connection, id: i64, edit: &CommitteeEdit) -> Result<bool> {
    let before = get(conn, id)?;
    if before.status == CommitteeStatus::Dissolved {
        let name = &before.name;
        return Err(refuse!(
            "关工委“{name}”已撤销，不能再修改",
            "the committee '{name}' was dissolved and cannot be changed"
        ));
    }
    if let Some(standard) = edit.meets.iter().find(|s| edit.lacks.contains(s)) {
        let (zh, en) = (standard.zh(), standard.en());
        return Err(refuse!(
            "“{zh}”不能同时列在 --meets 和 --lacks 中",
            "'{en}' cannot be in both --meets and --lacks"
        ));
    }
    if let Some(name) = &edit.name {
        let name = clean(name);
        if name.is_empty() {
            return Err(refuse!(
                "关工委名称不能为空",
                "a committee name cannot be empty"
            ));
        }
        conn.execute(
            "UPDATE committee SET name = ?2 WHERE id = ?1",
            params![id, name],
        )?;
    }
    if let Some(date) = edit.established_on {
        if date > today() {
            return Err(refuse!(
                "成立日期 {date} 晚于今天：请在关工委成立后再填写成立日期",
                "the date {date} is in the future: give the date once the committee is set up"
            ));
        }
        conn.execute(
            "UPDATE committee SET established_on = ?2, status = 'active' WHERE id = ?1",
            params![id, date],
        )?;
    }
    if let Some(batch) = edit.batch {
        check_batch(batch)?;
        conn.execute(
            "UPDATE committee SET batch = ?2 WHERE id = ?1",
            params![id, batch],
        )?;
    }
    for (standards, met) in [(&edit.meets, true), (&edit.lacks, false)] {
        for standard in standards {
            // The column name comes from the fixed list of standards.
            let sql = format!(
                "UPDATE committee SET {} = ?2 WHERE id = ?1",
                standard.column()
            );
            conn.execute(&sql, params![id, met])?;
        }
    }
    if let Some(funds) = edit.yearly_funds {
        conn.execute(
            "UPDATE committee SET yearly_funds = ?2 WHERE id = ?1",
            params![id, funds],
        )?;
    }
    if let Some(note) = &edit.note {
        let note = note.as_deref().and_then(crate::model::non_empty);
        conn.execute(
            "UPDATE committee SET note = ?2 WHERE id = ?1",
            params![id, note],
        )?;
    }
    // A unit that leaves keeps its history: its cover ends today.
    for unit in &edit.remove_units {
        let removed = conn.execute(
            "UPDATE committee_unit SET until = ?3 WHERE committee_id = ?1 AND unit_id = ?2 AND until IS NULL",
            params![id, unit.id, today()],
        )?;
        if removed == 0 {
            let name = &unit.name;
            return Err(refuse!(
                "单位“{name}”不在这个关工委中",
                "the unit '{name}' is not covered by this committee"
            ));
        }
    }
    let mut adding: Vec<UnitRef> = Vec::new();
    for unit in &edit.add_units {
        units::active_or_reason(conn, unit)?.map_err(Error::Refused)?;
        let name = &unit.name;
        match units::current_committee(conn, unit.id)? {
            Some(existing) if existing == id => {
                return Err(refuse!(
                    "单位“{name}”已在这个关工委中",
                    "the unit '{name}' is covered by this committee already"
                ));
            }
            Some(existing) => {
                return Err(refuse!(
                    "单位“{name}”已有关工委（#{existing}）",
                    "the unit '{name}' already has a committee (#{existing})"
                ));
            }
            // The same unit named twice (by name and by alias) is added once.
            None if adding.iter().any(|u| u.id == unit.id) => {}
            None => adding.push(unit.clone()),
        }
    }
    let since = (before.status == CommitteeStatus::Active).then(today);
    add_units(conn, id, &adding, since)?;
    let covered: i64 = conn.query_row(
        "SELECT count(*) FROM committee_unit WHERE committee_id = ?1 AND until IS NULL",
        [id],
        |row| row.get(0),
    )?;
    if covered == 0 {
        return Err(refuse!(
            "关工委至少要覆盖一个单位：如要撤销，请用 ggw committee dissolve",
            "a committee covers at least one unit: to end it, use ggw committee dissolve"
        ));
    }
    let after = get(conn, id)?;
    Ok(!same_committee(&before, &after))
}

fn same_committee(a: &Committee, b: &Committee) -> bool {
    (
        &a.name,
        a.status,
        a.established_on,
        a.batch,
        &a.standards,
        a.yearly_funds,
        &a.note,
        &a.units,
    ) == (
        &b.name,
        b.status,
        b.established_on,
        b.batch,
        &b.standards,
        b.yearly_funds,
        &b.note,
        &b.units,
    )
}

/// Dissolves a committee on a date; its current members leave on that date.
pub fn dissolve(conn: &Connection, id: i64, on: Date) -> Result<()> {
    let committee = get(conn, id)?;
    let name = &committee.name;
    if committee.status == CommitteeStatus::Dissolved {
        return Err(refuse!(
            "关工委“{name}”已经撤销",
            "the committee '{name}' is already dissolved"
        ));
    }
    if let Some(established) = committee.established_on.filter(|d| *d > on) {
        return Err(refuse!(
            "撤销日期 {on} 早于成立日期 {established}",
            "the date {on} is before the committee was set up ({established})"
        ));
    }
    if on > today() {
        return Err(refuse!(
            "撤销日期 {on} 晚于今天：请在撤销之日或之后登记",
            "the date {on} is in the future: record a dissolution on or after its day"
        ));
    }
    conn.execute(
        "UPDATE committee SET status = 'dissolved', dissolved_on = ?2,
             established_on = coalesce(established_on, ?2) WHERE id = ?1",
        params![id, on],
    )?;
    // A term that was to begin after the dissolution ends the day it began.
    conn.execute(
        "UPDATE committee_member SET ended_on = max(?2, coalesce(started_on, ?2))
         WHERE committee_id = ?1 AND ended_on IS NULL",
        params![id, on],
    )?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    pub name: String,
    pub role: Role,
    pub retired: bool,
    pub post: Option<String>,
    pub phone: Option<String>,
    pub started_on: Option<Date>,
    /// The member's record in the 五老 register.
    pub volunteer_id: Option<i64>,
}

pub fn add_member(conn: &Connection, committee_id: i64, new: &NewMember) -> Result<i64> {
    let committee = get(conn, committee_id)?;
    let committee_name = &committee.name;
    if committee.status == CommitteeStatus::Dissolved {
        return Err(refuse!(
            "关工委“{committee_name}”已撤销，不能再增加成员",
            "the committee '{committee_name}' was dissolved: it takes no new members"
        ));
    }
    let name = clean(&new.name);
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(refuse!("成员姓名不能为空", "a member needs a name"));
    }
    let (role_zh, role_en) = (new.role.zh(), new.role.en());
    if let Some(holder) = committee
        .current(new.role)
        .filter(|_| new.role == Role::Director)
    {
        let holder = &holder.name;
        return Err(refuse!(
            "“{committee_name}”已有{role_zh}{holder}：请先用 ggw committee member remove 结束其任职",
            "'{committee_name}' already has a {role_en}, {holder}: end that term first with ggw committee member remove"
        ));
    }
    if committee
        .members
        .iter()
        .any(|m| m.name == name && m.role == new.role && m.ended_on.is_none())
    {
        return Err(refuse!(
            "{name}已是“{committee_name}”的{role_zh}",
            "{name} is already {role_en} of '{committee_name}'"
        ));
    }
    let phone = match new.phone.as_deref().filter(|p| !clean(p).is_empty()) {
        Some(raw) => Some(phone::parse_phone(raw).map_err(Error::Refused)?),
        None => None,
    };
    conn.execute(
        "INSERT INTO committee_member (committee_id, name, role, retired, post, phone, started_on, volunteer_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            committee_id,
            name,
            new.role.code(),
            new.retired,
            new.post.as_deref().and_then(crate::model::non_empty),
            phone,
            new.started_on,
            new.volunteer_id
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Ends a member's term; the row stays as the committee's history.
pub fn end_member(
    conn: &Connection,
    committee_id: i64,
    name: &str,
    role: Option<Role>,
    on: Date,
) -> Result<Member> {
    let committee = get(conn, committee_id)?;
    let name = clean(name);
    let current: Vec<&Member> = committee
        .members
        .iter()
        .filter(|m| m.name == name && m.ended_on.is_none() && role.is_none_or(|r| r == m.role))
        .collect();
    let committee_name = &committee.name;
    let member = match current.as_slice() {
        [one] => (*one).clone(),
        [] => {
            return Err(refuse!(
                "“{committee_name}”没有在任成员“{name}”",
                "'{committee_name}' has no serving member named '{name}'"
            ));
        }
        _ => {
            return Err(refuse!(
                "{name}在“{committee_name}”担任多个职务：请用 --role 指定",
                "{name} holds several roles in '{committee_name}': name one with --role"
            ));
        }
    };
    if on > today() {
        return Err(refuse!(
            "离任日期 {on} 晚于今天：请在任职结束后再登记",
            "the end date {on} is in the future: record the end when the term is over"
        ));
    }
    if let Some(started) = member.started_on.filter(|d| *d > on) {
        return Err(refuse!(
            "离任日期 {on} 早于任职日期 {started}",
            "the end date {on} is before the term began ({started})"
        ));
    }
    conn.execute(
        "UPDATE committee_member SET ended_on = ?2 WHERE id = ?1",
        params![member.id, on],
    )?;
    Ok(Member {
        ended_on: Some(on),
        ..member
    })
}

/// Text naming a committee for messages: `鸡西市司法局关工委（#3）`.
pub fn describe(committee: &Committee) -> Text {
    let (name, id) = (&committee.name, committee.id);
    crate::text!("{name}（#{id}）", "{name} (#{id})")
}
