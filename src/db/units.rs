//! 单位: the one way to name a unit, and reading and writing units.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::kinds::{self, Kind};
use super::{Conditions, FieldError, IdFinder};
use crate::model::committee::CommitteeStatus;
use crate::model::credit_code::{self, CreditCodeError};
use crate::model::date::Date;
use crate::model::enums::Enumerated;
use crate::model::unit::{self as unit_model, UnitStatus};
use crate::model::{clean, phone};
use crate::output::{Label, Lang, Text, labels};
use crate::{Error, Result, refuse};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRef {
    pub id: i64,
    pub name: String,
}

/// A unit as it was typed, on the command line or in a row of a sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitDraft {
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: Option<String>,
    pub parent: Option<String>,
    pub credit_code: Option<String>,
    pub staff: Option<i64>,
    pub young_staff: Option<i64>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    pub note: Option<String>,
}

/// A unit's own values after every check, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitValues {
    pub name: String,
    /// Sorted, without duplicates or the name itself.
    pub aliases: Vec<String>,
    pub kind_id: i64,
    pub parent_id: Option<i64>,
    pub credit_code: Option<String>,
    pub staff: Option<i64>,
    pub young_staff: Option<i64>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    pub note: Option<String>,
}

/// The outcome of [`check`]: the values, and what the clerk should know about them.
#[derive(Debug, Clone)]
pub struct Checked {
    pub values: UnitValues,
    pub warnings: Vec<Text>,
}

/// A unit as read back, for `show` and `list`.
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: i64,
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: Kind,
    pub parent: Option<UnitRef>,
    pub credit_code: Option<String>,
    pub staff: Option<i64>,
    pub young_staff: Option<i64>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    pub note: Option<String>,
    pub status: UnitStatus,
    pub merged_into: Option<UnitRef>,
    pub merged_on: Option<Date>,
    /// The committee that covers it now (active or planned), else its last one.
    pub committee: Option<CommitteeLink>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitteeLink {
    pub id: i64,
    pub status: CommitteeStatus,
    pub established_on: Option<Date>,
}

/// Names a unit by its id (`12` or `#12`), its name or any alias; a merged
/// unit's names lead to the unit it went into. Unknown names fail with the
/// nearest candidates.
pub fn resolve(conn: &Connection, name: &str) -> Result<UnitRef> {
    find(conn, name)?.map_err(Error::Refused)
}

/// Like [`resolve`], with the refusal as text, for the importer to place in a cell.
pub fn find(conn: &Connection, name: &str) -> Result<std::result::Result<UnitRef, Text>> {
    let wanted = clean(name);
    if let Some(id) = parse_id(&wanted) {
        return Ok(match unit_ref(conn, id)? {
            Some(found) => Ok(found),
            None => Err(crate::text!(
                "没有编号为 {id} 的单位（ggw unit list 列出全部单位）",
                "there is no unit with id {id} (ggw unit list lists them all)"
            )),
        });
    }
    let mut found = named(conn, &wanted)?;
    Ok(match found.len() {
        1 => Ok(found.remove(0)),
        0 => {
            let nearest = nearest_names(conn, &wanted)?;
            if nearest.is_empty() {
                Err(crate::text!(
                    "未找到单位“{wanted}”：请先用 ggw unit add 登记",
                    "no unit named '{wanted}': register it first with ggw unit add"
                ))
            } else {
                let (zh, en) = (nearest.join("、"), nearest.join(", "));
                Err(crate::text!(
                    "未找到单位“{wanted}”。相近的有：{zh}",
                    "no unit named '{wanted}'. Nearest: {en}"
                ))
            }
        }
        _ => {
            let names: Vec<String> = found
                .iter()
                .map(|u| format!("{} (#{})", u.name, u.id))
                .collect();
            let (zh, en) = (names.join("、"), names.join(", "));
            Err(crate::text!(
                "“{wanted}”可指多个单位：{zh}；请用编号指定",
                "'{wanted}' names several units: {en}; name one by its id"
            ))
        }
    })
}

/// Names a unit by its name or alias only, as a cell of a sheet does: a
/// number in a unit's spreadsheet is no id of this registry.
pub fn find_name(conn: &Connection, name: &str) -> Result<std::result::Result<UnitRef, Text>> {
    let wanted = clean(name);
    if let Some(reason) = not_a_name(&wanted) {
        return Ok(Err(reason));
    }
    find(conn, &wanted)
}

/// Why a cell of a sheet that should name a unit does not: a number there
/// is no id.
fn not_a_name(wanted: &str) -> Option<Text> {
    parse_id(wanted).map(|_| {
        crate::text!(
            "“{wanted}”不是单位名称：请填写单位全称或简称",
            "'{wanted}' is not a unit name: give the unit's name or short name"
        )
    })
}

/// The unit a name or alias belongs to, if exactly one, without looking
/// for near misses: for matching rows of a sheet against the registry.
pub fn registered(conn: &Connection, name: &str) -> Result<Option<UnitRef>> {
    let mut found = named(conn, &clean(name))?;
    Ok(if found.len() == 1 { found.pop() } else { None })
}

/// The units (merged ones followed to their successor) that carry a name or alias.
fn named(conn: &Connection, wanted: &str) -> Result<Vec<UnitRef>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM unit WHERE name = ?1 UNION SELECT unit_id FROM unit_alias WHERE alias = ?1",
    )?;
    let ids: Vec<i64> = stmt
        .query_map([wanted], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut found: Vec<UnitRef> = Vec::new();
    for id in ids {
        let successor = successor(conn, id)?;
        if !found.iter().any(|u| u.id == successor.id) {
            found.push(successor);
        }
    }
    Ok(found)
}

fn parse_id(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('#').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn unit_ref(conn: &Connection, id: i64) -> Result<Option<UnitRef>> {
    Ok(conn
        .prepare_cached("SELECT id, name FROM unit WHERE id = ?1")?
        .query_row([id], |row| {
            Ok(UnitRef {
                id: row.get(0)?,
                name: row.get(1)?,
            })
        })
        .optional()?)
}

/// The active units named so far, by the text that named them: an import
/// names the same few units in row after row, and each name is looked up
/// once. Valid while the units do not change (the length of one import).
#[derive(Debug, Default)]
pub struct ActiveUnits(std::collections::HashMap<String, std::result::Result<i64, Text>>);

impl ActiveUnits {
    /// The active unit `text` names ([`find`], then [`active_or_reason`]):
    /// its id, or why there is none.
    pub fn find(
        &mut self,
        conn: &Connection,
        text: &str,
    ) -> Result<std::result::Result<i64, Text>> {
        if let Some(known) = self.0.get(text) {
            return Ok(known.clone());
        }
        let found = match find(conn, text)? {
            Ok(unit) => active_or_reason(conn, &unit)?.map(|()| unit.id),
            Err(reason) => Err(reason),
        };
        self.0.insert(text.to_string(), found.clone());
        Ok(found)
    }

    /// Like [`ActiveUnits::find`] for a unit named in a sheet ([`find_name`]).
    pub fn find_name(
        &mut self,
        conn: &Connection,
        name: &str,
    ) -> Result<std::result::Result<i64, Text>> {
        match not_a_name(&clean(name)) {
            Some(reason) => Ok(Err(reason)),
            None => self.find(conn, name),
        }
    }
}

/// Follows `merged_into` to the unit that carries a merged unit on.
fn successor(conn: &Connection, mut id: i64) -> Result<UnitRef> {
    // Merges keep chains one step long, but a bound guards against a loop
    // written by hand into the file.
    for _ in 0..64 {
        let (name, next): (String, Option<i64>) = conn
            .prepare_cached("SELECT name, merged_into FROM unit WHERE id = ?1")?
            .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))?;
        match next {
            Some(next) => id = next,
            None => return Ok(UnitRef { id, name }),
        }
    }
    Err(refuse!(
        "单位 #{id} 的合并记录成环：数据文件已损坏，请从备份恢复",
        "unit #{id} has a loop of merges: the file is damaged; restore it from a backup"
    ))
}

/// Up to five active units whose names come closest: those containing the
/// query or contained in it first, then by edit distance.
fn nearest_names(conn: &Connection, wanted: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.name, u.name FROM unit u WHERE u.status = 'active'
         UNION ALL
         SELECT a.alias, u.name FROM unit_alias a JOIN unit u ON u.id = a.unit_id WHERE u.status = 'active'",
    )?;
    let wanted_chars: Vec<char> = wanted.chars().collect();
    let mut scored: Vec<(usize, String)> = Vec::new();
    let rows = stmt.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (known, unit_name) = row?;
        let contains = known.contains(wanted) || wanted.contains(known.as_str());
        let distance = edit_distance(&wanted_chars, &known.chars().collect::<Vec<_>>());
        let score = if contains { 0 } else { distance };
        // A name sharing less than half its characters is no candidate.
        if contains || distance * 2 <= wanted_chars.len().max(known.chars().count()) {
            scored.push((score, unit_name));
        }
    }
    scored.sort();
    let mut names: Vec<String> = Vec::new();
    for (_, name) in scored {
        if !names.contains(&name) {
            names.push(name);
        }
        if names.len() == 5 {
            break;
        }
    }
    Ok(names)
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// Checks a draft: names free, kind and parent known, credit code, counts
/// and phone well-formed. `this` is the unit being edited, if any.
pub fn check(
    conn: &Connection,
    draft: &UnitDraft,
    force: bool,
    this: Option<i64>,
) -> Result<std::result::Result<Checked, Vec<FieldError>>> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut fail = |field: Label, reason: Text| errors.push(FieldError { field, reason });

    let name = match unit_model::check_name(&draft.name) {
        Ok(name) => {
            if let Some(reason) = name_taken(conn, &name, this, true)? {
                fail(labels::UNIT_NAME, reason);
            }
            name
        }
        Err(reason) => {
            fail(labels::UNIT_NAME, reason);
            String::new()
        }
    };

    let mut aliases: Vec<String> = Vec::new();
    for alias in &draft.aliases {
        match unit_model::check_name(alias) {
            Ok(alias) if alias == name || aliases.contains(&alias) => {}
            Ok(alias) => {
                if let Some(reason) = name_taken(conn, &alias, this, false)? {
                    fail(labels::ALIASES, reason);
                }
                aliases.push(alias);
            }
            Err(reason) => fail(labels::ALIASES, reason),
        }
    }
    aliases.sort();

    let mut credit_code = None;
    if let Some(raw) = draft
        .credit_code
        .as_deref()
        .filter(|c| !clean(c).is_empty())
    {
        match credit_code::check_credit_code(raw) {
            Ok(code) => credit_code = Some(code),
            // Accepted with --force when it was entered: an unchanged code
            // does not need --force again at every later edit or import.
            Err(CreditCodeError::Checksum { code, .. })
                if stored_credit_code(conn, this)?.as_deref() == Some(code.as_str()) =>
            {
                credit_code = Some(code);
            }
            Err(CreditCodeError::Checksum { code, expected }) if force => {
                warnings.push(crate::text!(
                    "统一社会信用代码“{code}”校验位不符（应为 {expected}），已按 --force 录入",
                    "credit code '{code}' fails its check (expected {expected}); kept because of --force"
                ));
                credit_code = Some(code);
            }
            Err(e) => fail(labels::CREDIT_CODE, e.reason()),
        }
    }
    if let Some(code) = &credit_code {
        let holder: Option<String> = conn
            .query_row(
                "SELECT name FROM unit WHERE credit_code = ?1 AND id IS NOT ?2",
                params![code, this],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(holder) = holder {
            fail(
                labels::CREDIT_CODE,
                crate::text!(
                    "统一社会信用代码“{code}”已属于单位“{holder}”",
                    "credit code '{code}' already belongs to '{holder}'"
                ),
            );
        }
    }

    let suggested = match credit_code.as_deref().and_then(credit_code::suggested_kind) {
        Some(code) => kinds::by_code(conn, kinds::UNIT, code)?,
        None => None,
    };
    let kind = match draft.kind.as_deref().filter(|k| !clean(k).is_empty()) {
        Some(raw) => match kinds::resolve(conn, kinds::UNIT, raw)? {
            Ok(kind) => {
                if let Some(hint) = suggested.as_ref().filter(|s| s.id != kind.id) {
                    let (given, hinted) = (&kind.zh, &hint.zh);
                    let (given_en, hinted_en) = (&kind.en, &hint.en);
                    warnings.push(crate::text!(
                        "统一社会信用代码提示类别为“{hinted}”，所填为“{given}”",
                        "the credit code suggests the kind '{hinted_en}', not '{given_en}'"
                    ));
                }
                Some(kind)
            }
            Err(reason) => {
                fail(labels::KIND, reason);
                None
            }
        },
        None => match suggested {
            Some(kind) => Some(kind),
            None => kinds::by_code(conn, kinds::UNIT, "other")?,
        },
    };

    let mut parent_id = None;
    if let Some(raw) = draft.parent.as_deref().filter(|p| !clean(p).is_empty()) {
        let found = find(conn, raw)?;
        let below_this = match (&found, this) {
            (Ok(parent), Some(id)) => is_ancestor(conn, id, parent.id)?,
            _ => false,
        };
        match found {
            Ok(parent) if Some(parent.id) == this => fail(
                labels::PARENT,
                crate::text!(
                    "单位不能是自己的上级单位",
                    "a unit cannot be its own parent"
                ),
            ),
            Ok(parent) if below_this => {
                let parent_name = parent.name;
                fail(
                    labels::PARENT,
                    crate::text!(
                        "“{parent_name}”是本单位的下级单位，不能作为上级单位",
                        "'{parent_name}' is below this unit, so it cannot be its parent"
                    ),
                )
            }
            Ok(parent) => match active_or_reason(conn, &parent)? {
                Ok(()) => parent_id = Some(parent.id),
                Err(reason) => fail(labels::PARENT, reason),
            },
            Err(reason) => fail(labels::PARENT, reason),
        }
    }

    for (field, count) in [
        (labels::STAFF, draft.staff),
        (labels::YOUNG_STAFF, draft.young_staff),
    ] {
        if count.is_some_and(|n| n < 0) {
            fail(
                field,
                crate::text!("人数不能为负数", "a count cannot be negative"),
            );
        }
    }
    if let Err(reason) = unit_model::check_staff(draft.staff, draft.young_staff) {
        fail(labels::YOUNG_STAFF, reason);
    }

    let mut phone_value = None;
    if let Some(raw) = draft.phone.as_deref().filter(|p| !clean(p).is_empty()) {
        match phone::parse_phone(raw) {
            Ok(number) => phone_value = Some(number),
            Err(reason) => fail(labels::PHONE, reason),
        }
    }

    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let Some(kind) = kind else {
        return Err(refuse!("未设置单位类别", "no unit kind is set"));
    };
    Ok(Ok(Checked {
        values: UnitValues {
            name,
            aliases,
            kind_id: kind.id,
            parent_id,
            credit_code,
            staff: draft.staff,
            young_staff: draft.young_staff,
            contact: draft.contact.as_deref().and_then(crate::model::non_empty),
            phone: phone_value,
            note: draft.note.as_deref().and_then(crate::model::non_empty),
        },
        warnings,
    }))
}

/// Why a name or alias cannot be given to unit `this`, if it cannot: it
/// already names another unit.
/// A merged unit's old names live on as aliases of this unit, so `this`
/// may keep them as aliases, but not take one as its own name: the merged
/// unit's record still carries it.
fn name_taken(
    conn: &Connection,
    name: &str,
    this: Option<i64>,
    as_name: bool,
) -> Result<Option<Text>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, 1 FROM unit WHERE name = ?1 UNION SELECT unit_id, 0 FROM unit_alias WHERE alias = ?1",
    )?;
    let holders: Vec<(i64, bool)> = stmt
        .query_map([name], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (holder, is_a_name) in holders {
        let owner = successor(conn, holder)?;
        let other_record = as_name && is_a_name && Some(holder) != this;
        if Some(owner.id) != this || other_record {
            let (owner_name, id) = (owner.name, owner.id);
            return Ok(Some(crate::text!(
                "“{name}”已是单位“{owner_name}”（#{id}）的名称或简称",
                "'{name}' already names the unit '{owner_name}' (#{id})"
            )));
        }
    }
    Ok(None)
}

/// The credit code stored for unit `this`, if any.
fn stored_credit_code(conn: &Connection, this: Option<i64>) -> Result<Option<String>> {
    let Some(id) = this else {
        return Ok(None);
    };
    Ok(conn
        .query_row("SELECT credit_code FROM unit WHERE id = ?1", [id], |row| {
            row.get(0)
        })
        .optional()?
        .flatten())
}

fn is_ancestor(conn: &Connection, ancestor: i64, mut unit: i64) -> Result<bool> {
    for _ in 0..64 {
        let parent: Option<i64> =
            conn.query_row("SELECT parent_id FROM unit WHERE id = ?1", [unit], |row| {
                row.get(0)
            })?;
        match parent {
            Some(p) if p == ancestor => return Ok(true),
            Some(p) => unit = p,
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// A merged unit takes nothing new: the clerk is pointed to its successor.
pub fn active_or_reason(
    conn: &Connection,
    unit: &UnitRef,
) -> Result<std::result::Result<(), Text>> {
    let merged_into: Option<String> = conn
        .prepare_cached(
            "SELECT m.name FROM unit u LEFT JOIN unit m ON m.id = u.merged_into WHERE u.id = ?1",
        )?
        .query_row([unit.id], |row| row.get(0))?;
    Ok(match merged_into {
        None => Ok(()),
        Some(successor) => {
            let name = &unit.name;
            Err(crate::text!(
                "单位“{name}”已并入“{successor}”：请改用“{successor}”",
                "the unit '{name}' was merged into '{successor}': use '{successor}'"
            ))
        }
    })
}

pub fn insert(conn: &Connection, values: &UnitValues) -> Result<i64> {
    conn.execute(
        "INSERT INTO unit (name, kind_id, parent_id, credit_code, staff, young_staff, contact, phone, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            values.name,
            values.kind_id,
            values.parent_id,
            values.credit_code,
            values.staff,
            values.young_staff,
            values.contact,
            values.phone,
            values.note
        ],
    )?;
    let id = conn.last_insert_rowid();
    write_aliases(conn, id, &values.aliases)?;
    Ok(id)
}

/// Writes the values over unit `id`; returns false when nothing differed.
pub fn update(conn: &Connection, id: i64, values: &UnitValues) -> Result<bool> {
    let stored = values_of(conn, id)?;
    if &stored == values {
        return Ok(false);
    }
    conn.execute(
        "UPDATE unit SET name = ?2, kind_id = ?3, parent_id = ?4, credit_code = ?5, staff = ?6,
             young_staff = ?7, contact = ?8, phone = ?9, note = ?10
         WHERE id = ?1",
        params![
            id,
            values.name,
            values.kind_id,
            values.parent_id,
            values.credit_code,
            values.staff,
            values.young_staff,
            values.contact,
            values.phone,
            values.note
        ],
    )?;
    // Aliases are rewritten only when they changed, so that the change log
    // shows what was changed and nothing else.
    if stored.aliases != values.aliases {
        conn.execute("DELETE FROM unit_alias WHERE unit_id = ?1", [id])?;
        write_aliases(conn, id, &values.aliases)?;
    }
    Ok(true)
}

fn write_aliases(conn: &Connection, id: i64, aliases: &[String]) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT INTO unit_alias (alias, unit_id) VALUES (?1, ?2)")?;
    for alias in aliases {
        stmt.execute(params![alias, id])?;
    }
    Ok(())
}

pub fn values_of(conn: &Connection, id: i64) -> Result<UnitValues> {
    let unit = get(conn, id)?;
    Ok(UnitValues {
        name: unit.name,
        aliases: unit.aliases,
        kind_id: unit.kind.id,
        parent_id: unit.parent.map(|p| p.id),
        credit_code: unit.credit_code,
        staff: unit.staff,
        young_staff: unit.young_staff,
        contact: unit.contact,
        phone: unit.phone,
        note: unit.note,
    })
}

/// The unit as it stands, as a draft to lay changes over.
pub fn draft_of(unit: &Unit) -> UnitDraft {
    UnitDraft {
        name: unit.name.clone(),
        aliases: unit.aliases.clone(),
        kind: Some(unit.kind.code.clone()),
        parent: unit.parent.as_ref().map(|p| p.id.to_string()),
        credit_code: unit.credit_code.clone(),
        staff: unit.staff,
        young_staff: unit.young_staff,
        contact: unit.contact.clone(),
        phone: unit.phone.clone(),
        note: unit.note.clone(),
    }
}

const SELECT_UNIT: &str = "
    SELECT u.id, u.name, k.id AS kind_id, k.code, k.name_zh, k.name_en,
           u.parent_id, p.name AS parent_name, u.credit_code, u.staff, u.young_staff,
           u.contact, u.phone, u.note, u.status, u.merged_into, m.name AS merged_name, u.merged_on
    FROM unit u
    JOIN kind k ON k.id = u.kind_id
    LEFT JOIN unit p ON p.id = u.parent_id
    LEFT JOIN unit m ON m.id = u.merged_into";

/// A row of [`SELECT_UNIT`], read by position: a lookup by column name
/// compares names, and a province lists thousands of units. Its aliases and
/// committee are filled in by [`complete`].
fn unit_from_row(row: &Row) -> rusqlite::Result<Unit> {
    let reference =
        |id: Option<i64>, name: Option<String>| id.zip(name).map(|(id, name)| UnitRef { id, name });
    let status: String = row.get(14)?;
    Ok(Unit {
        id: row.get(0)?,
        name: row.get(1)?,
        aliases: Vec::new(),
        kind: Kind::read_at(row, 2)?,
        parent: reference(row.get(6)?, row.get(7)?),
        credit_code: row.get(8)?,
        staff: row.get(9)?,
        young_staff: row.get(10)?,
        contact: row.get(11)?,
        phone: row.get(12)?,
        note: row.get(13)?,
        status: UnitStatus::from_code(&status).unwrap_or(UnitStatus::Active),
        merged_into: reference(row.get(15)?, row.get(16)?),
        merged_on: row.get(17)?,
        committee: None,
    })
}

/// Fills in the aliases and the committee of units read by [`SELECT_UNIT`]
/// (`units` in ascending id order): one read of each table for all of them,
/// not two queries a unit. `only` narrows the reads to one unit.
fn complete(conn: &Connection, units: &mut [Unit], only: Option<i64>) -> Result<()> {
    // Two texts rather than `?1 IS NULL OR …`, which keeps SQLite off the index.
    let (alias_filter, cover_filter) = match only {
        Some(_) => ("WHERE unit_id = ?1", "WHERE cu.unit_id = ?1"),
        None => ("", ""),
    };
    let mut aliases = conn.prepare_cached(&format!(
        "SELECT unit_id, alias FROM unit_alias {alias_filter} ORDER BY unit_id, alias"
    ))?;
    let mut rows = aliases.query(rusqlite::params_from_iter(only))?;
    let mut found = IdFinder::default();
    while let Some(row) = rows.next()? {
        if let Some(unit) = found.get(units, row.get(0)?, |u| u.id) {
            unit.aliases.push(row.get(1)?);
        }
    }
    // A unit's committee: the one covering it now (active before planned),
    // else the one that covered it last: the first of its rows. `+cu.unit_id`
    // sorts all rows at once: walking the unit index, SQLite sorted each
    // unit's rows apart.
    let mut committees = conn.prepare_cached(&format!(
        "SELECT cu.unit_id, c.id, c.status, c.established_on
         FROM committee_unit cu JOIN committee c ON c.id = cu.committee_id {cover_filter}
         ORDER BY +cu.unit_id, cu.until IS NULL DESC, c.status = 'active' DESC,
                  c.status = 'planned' DESC, c.established_on DESC, c.id DESC"
    ))?;
    let mut rows = committees.query(rusqlite::params_from_iter(only))?;
    while let Some(row) = rows.next()? {
        let Some(unit) = found.get(units, row.get(0)?, |u| u.id) else {
            continue;
        };
        if unit.committee.is_none() {
            let status: String = row.get(2)?;
            unit.committee = Some(CommitteeLink {
                id: row.get(1)?,
                status: CommitteeStatus::from_code(&status).unwrap_or(CommitteeStatus::Active),
                established_on: row.get(3)?,
            });
        }
    }
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<Unit> {
    let sql = format!("{SELECT_UNIT} WHERE u.id = ?1");
    let unit = conn
        .query_row(&sql, [id], unit_from_row)
        .optional()?
        .ok_or_else(|| refuse!("没有编号为 {id} 的单位", "there is no unit with id {id}"))?;
    let mut units = [unit];
    complete(conn, &mut units, Some(id))?;
    let [unit] = units;
    Ok(unit)
}

#[derive(Debug, Clone, Default)]
pub struct UnitFilter {
    pub kind_id: Option<i64>,
    pub include_merged: bool,
    pub without_committee: bool,
    /// Part of a name or alias.
    pub text: Option<String>,
    pub parent_id: Option<i64>,
}

pub fn list(conn: &Connection, filter: &UnitFilter) -> Result<Vec<Unit>> {
    let mut conditions = Conditions::default();
    if let Some(kind_id) = filter.kind_id {
        conditions.add_with("u.kind_id = ?", kind_id);
    }
    if !filter.include_merged {
        conditions.add("u.status = 'active'");
    }
    if filter.without_committee {
        let covered = super::committees::covered_on("u.id", "?", "TRUE");
        conditions.add_with(&format!("NOT {covered}"), crate::model::date::today());
    }
    if let Some(text) = &filter.text {
        conditions.add_with(
            "instr(u.name, ?) > 0
             OR EXISTS (SELECT 1 FROM unit_alias a WHERE a.unit_id = u.id AND instr(a.alias, ?) > 0)",
            text.clone(),
        );
    }
    if let Some(parent_id) = filter.parent_id {
        conditions.add_with("u.parent_id = ?", parent_id);
    }
    let sql = format!("{SELECT_UNIT} {} ORDER BY u.id", conditions.where_clause());
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut units: Vec<Unit> = stmt
        .query_map(conditions.values(), unit_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    complete(conn, &mut units, None)?;
    Ok(units)
}

/// The references to a unit that keep it from being removed, counted by
/// the table they are in. Found through the schema's foreign keys, so a
/// table added later is counted without a change here.
pub fn references(conn: &Connection, id: i64) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f.\"table\" = 'unit' AND f.on_delete <> 'CASCADE'
         ORDER BY m.name, f.\"from\"",
    )?;
    let keys: Vec<(String, String)> = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut counts: Vec<(String, i64)> = Vec::new();
    for (table, column) in keys {
        // Table and column names come from the schema, never from user text.
        let sql = format!("SELECT count(*) FROM \"{table}\" WHERE \"{column}\" = ?1");
        let count: i64 = conn.query_row(&sql, [id], |row| row.get(0))?;
        if count > 0 {
            match counts.iter_mut().find(|(t, _)| *t == table) {
                Some((_, n)) => *n += count,
                None => counts.push((table, count)),
            }
        }
    }
    Ok(counts)
}

/// Removes a unit that nothing refers to; its aliases go with it. A unit
/// merged away stays: it is the record of the merger.
pub fn remove(conn: &Connection, unit: &UnitRef) -> Result<()> {
    if let Err(reason) = active_or_reason(conn, unit)? {
        let (zh, en) = (&reason.zh, &reason.en);
        return Err(refuse!(
            "{zh}。已并入的单位作为合并记录保留，不能删除",
            "{en}. A merged unit stays as the record of the merger and cannot be removed"
        ));
    }
    let references = references(conn, unit.id)?;
    if !references.is_empty() {
        let describe = |lang: Lang| {
            references
                .iter()
                .map(|(table, n)| match lang {
                    Lang::Zh => format!("{}{n}条", labels::table_noun(table, lang)),
                    Lang::En => format!("{}: {n}", labels::table_noun(table, lang)),
                })
                .collect::<Vec<_>>()
                .join(if lang == Lang::Zh { "、" } else { ", " })
        };
        let (zh, en, name) = (describe(Lang::Zh), describe(Lang::En), &unit.name);
        return Err(refuse!(
            "单位“{name}”仍被引用（{zh}），不能删除。\n如属机构改革，请用 ggw unit merge 并入其他单位。",
            "the unit '{name}' is still referred to ({en}), so it cannot be removed.\nAfter an institutional reform, use ggw unit merge instead."
        ));
    }
    conn.execute("DELETE FROM unit WHERE id = ?1", [unit.id])?;
    Ok(())
}

/// The (table, column) pairs that point at a unit and that [`merge`] moves.
/// A test compares this with the schema, so a new reference cannot be
/// forgotten here.
pub const MERGE_MOVES: &[(&str, &str)] = &[
    ("activity", "unit_id"),
    ("committee_unit", "unit_id"),
    ("meeting_attendee", "unit_id"),
    ("meeting_host", "unit_id"),
    ("meeting_speaker", "unit_id"),
    ("meeting_unit", "unit_id"),
    ("unit", "merged_into"),
    ("unit", "parent_id"),
    ("unit_alias", "unit_id"),
    ("volunteer", "unit_id"),
];

/// 机构改革: unit `from` goes into unit `into`. Everything that referred to
/// `from` refers to `into`; `from`'s name and aliases become aliases of
/// `into`; `from` stays on record as merged.
pub fn merge(conn: &Connection, from: &UnitRef, into: &UnitRef, on: Date) -> Result<()> {
    if from.id == into.id {
        return Err(refuse!(
            "不能把单位并入它自己",
            "a unit cannot be merged into itself"
        ));
    }
    for unit in [from, into] {
        active_or_reason(conn, unit)?.map_err(Error::Refused)?;
    }
    let from_committee = current_committee(conn, from.id)?;
    let into_committee = current_committee(conn, into.id)?;
    if let (Some(a), Some(b)) = (from_committee, into_committee)
        && a != b
    {
        let (from_name, into_name) = (&from.name, &into.name);
        return Err(refuse!(
            "“{from_name}”（关工委 #{a}）和“{into_name}”（关工委 #{b}）各有关工委：请先撤销其中一个（ggw committee dissolve），再合并单位",
            "'{from_name}' (committee #{a}) and '{into_name}' (committee #{b}) each have a committee: dissolve one first (ggw committee dissolve), then merge"
        ));
    }
    if on > crate::model::date::today() {
        return Err(refuse!(
            "合并日期 {on} 晚于今天：请在机构改革生效后再登记合并",
            "the date {on} is in the future: record the merger once it has taken effect"
        ));
    }
    let (f, i) = (from.id, into.id);
    // `from`'s current committee goes on covering `into` from the merger;
    // its past covers stay as they were, so that history is not rewritten.
    if let Some(committee) = from_committee {
        conn.execute(
            "UPDATE committee_unit SET until = ?3 WHERE committee_id = ?1 AND unit_id = ?2 AND until IS NULL",
            params![committee, f, on],
        )?;
        if into_committee.is_none() {
            let since = (committee_status(conn, committee)? == "active").then_some(on);
            super::committees::add_units(conn, committee, std::slice::from_ref(into), since)?;
        }
    }
    // `into` cannot stay below `from`, at any depth: it takes `from`'s
    // place in the tree, or `from`'s other subunits would close a loop.
    if is_ancestor(conn, f, i)? {
        conn.execute(
            "UPDATE unit SET parent_id = (SELECT parent_id FROM unit WHERE id = ?1) WHERE id = ?2",
            [f, i],
        )?;
    }
    conn.execute(
        "UPDATE unit SET parent_id = ?2 WHERE parent_id = ?1",
        [f, i],
    )?;
    conn.execute(
        "UPDATE unit SET merged_into = ?2 WHERE merged_into = ?1",
        [f, i],
    )?;
    conn.execute(
        "UPDATE unit_alias SET unit_id = ?2 WHERE unit_id = ?1",
        [f, i],
    )?;
    conn.execute(
        "UPDATE volunteer SET unit_id = ?2 WHERE unit_id = ?1",
        [f, i],
    )?;
    merge_meetings_and_activities(conn, from, into)?;
    conn.execute(
        "INSERT INTO unit_alias (alias, unit_id) VALUES (?1, ?2)",
        params![from.name, i],
    )?;
    conn.execute(
        "UPDATE unit SET status = 'merged', merged_into = ?2, merged_on = ?3 WHERE id = ?1",
        params![f, i, on],
    )?;
    Ok(())
}

/// A complete SQL condition: unit row `u` was on the register on `date`
/// (a parameter): it had not been merged away by then.
pub fn registered_on(u: &str, date: &str) -> String {
    format!("({u}.status = 'active' OR {u}.merged_on > {date})")
}

/// A merged unit's meetings and activities become the other unit's: where
/// both attended one meeting, their counts are added up.
fn merge_meetings_and_activities(conn: &Connection, from: &UnitRef, into: &UnitRef) -> Result<()> {
    let clashes: i64 = conn.query_row(
        "SELECT count(*) FROM activity a JOIN activity b
           ON a.held_on = b.held_on AND a.title = b.title
         WHERE a.unit_id = ?1 AND b.unit_id = ?2",
        [from.id, into.id],
        |row| row.get(0),
    )?;
    if clashes > 0 {
        let (a, b) = (&from.name, &into.name);
        return Err(refuse!(
            "“{a}”和“{b}”有 {clashes} 项同日同名的活动：请先改名或删除其中之一（ggw activity edit/remove），再合并",
            "'{a}' and '{b}' have {clashes} activities of the same date and title: rename or remove one of each (ggw activity edit/remove), then merge"
        ));
    }
    let (f, i) = (from.id, into.id);
    conn.execute(
        "UPDATE meeting_unit SET attendees = CASE
             WHEN attendees IS NULL AND other IS NULL THEN NULL
             ELSE coalesce(attendees, 0) + coalesce(other, 0) END
         FROM (SELECT meeting_id AS met, attendees AS other FROM meeting_unit WHERE unit_id = ?1)
         WHERE unit_id = ?2 AND meeting_id = met",
        [f, i],
    )?;
    conn.execute(
        "DELETE FROM meeting_unit WHERE unit_id = ?1
           AND meeting_id IN (SELECT meeting_id FROM meeting_unit WHERE unit_id = ?2)",
        [f, i],
    )?;
    for table in [
        "meeting_unit",
        "meeting_host",
        "meeting_attendee",
        "meeting_speaker",
        "activity",
    ] {
        // Table names from the fixed list above, never from user text.
        conn.execute(
            &format!("UPDATE {table} SET unit_id = ?2 WHERE unit_id = ?1"),
            [f, i],
        )?;
    }
    Ok(())
}

/// The planned or active committee that covers a unit now.
pub fn current_committee(conn: &Connection, unit_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT c.id FROM committee c JOIN committee_unit cu ON cu.committee_id = c.id
             WHERE cu.unit_id = ?1 AND cu.until IS NULL AND c.status IN ('planned', 'active')",
            [unit_id],
            |row| row.get(0),
        )
        .optional()?)
}

fn committee_status(conn: &Connection, id: i64) -> Result<String> {
    Ok(
        conn.query_row("SELECT status FROM committee WHERE id = ?1", [id], |row| {
            row.get(0)
        })?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edit_distance(&chars("市司法局"), &chars("鸡西市司法局")), 2);
        assert_eq!(edit_distance(&chars("abc"), &chars("abc")), 0);
        assert_eq!(edit_distance(&chars(""), &chars("ab")), 2);
    }

    #[test]
    fn merge_moves_every_reference_to_a_unit() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(crate::db::schema::CURRENT_SCHEMA)
            .unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
                 WHERE m.type = 'table' AND f.\"table\" = 'unit' ORDER BY m.name, f.\"from\"",
            )
            .unwrap();
        let keys: Vec<(String, String)> = stmt
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let handled: Vec<(String, String)> = MERGE_MOVES
            .iter()
            .map(|(t, c)| (t.to_string(), c.to_string()))
            .collect();
        assert_eq!(
            keys, handled,
            "a table refers to units: teach unit merge to move it"
        );
    }
}
