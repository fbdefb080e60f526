//! The change log: one entry a command that writes, and the rows it
//! changed, recorded by the triggers of schema.sql.

use rusqlite::{Connection, params};

use crate::Result;
use crate::model::date::Date;
use crate::output::{Label, Table, Value, labels};

/// Gives the rows the triggers recorded during this transaction their
/// entry: when, who and the command. A transaction that changed nothing
/// gets none.
pub fn record(conn: &Connection, command: &str) -> Result<()> {
    let pending: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM change_row WHERE entry_id IS NULL)")?
        .query_row([], |row| row.get(0))?;
    if !pending {
        return Ok(());
    }
    let at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    conn.prepare_cached("INSERT INTO change_entry (at, user, command) VALUES (?1, ?2, ?3)")?
        .execute(params![at, os_user(), command])?;
    conn.prepare_cached("UPDATE change_row SET entry_id = ?1 WHERE entry_id IS NULL")?
        .execute([conn.last_insert_rowid()])?;
    Ok(())
}

/// Who is at the keyboard: the OS user, on Unix or Windows.
fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "?".to_string())
}

/// The tables each noun's records live in, for `db log --entity`.
pub const ENTITIES: &[(&str, &[&str])] = &[
    ("unit", &["unit", "unit_alias", "kind"]),
    (
        "committee",
        &["committee", "committee_unit", "committee_member"],
    ),
    ("volunteer", &["volunteer"]),
    (
        "meeting",
        &[
            "meeting",
            "meeting_host",
            "meeting_unit",
            "meeting_attendee",
            "meeting_speaker",
        ],
    ),
    ("activity", &["activity"]),
    ("config", &["setting", "bulletin"]),
];

const AT: Label = Label {
    key: "at",
    zh: "时间",
    en: "At",
};
const USER: Label = Label {
    key: "user",
    zh: "用户",
    en: "User",
};
const COMMAND: Label = Label {
    key: "command",
    zh: "命令",
    en: "Command",
};
const ADDED: Label = Label {
    key: "added",
    zh: "新增",
    en: "Added",
};
const CHANGED: Label = Label {
    key: "changed",
    zh: "修改",
    en: "Changed",
};
const REMOVED: Label = Label {
    key: "removed",
    zh: "删除",
    en: "Removed",
};
const TABLES: Label = Label {
    key: "tables",
    zh: "涉及",
    en: "Tables",
};

/// The log, newest first: each entry with how many rows it added, changed
/// and removed, and in which tables.
pub fn log_table(
    conn: &Connection,
    since: Option<Date>,
    tables: Option<&[&str]>,
    limit: usize,
) -> Result<Table> {
    let mut table = Table::new(vec![
        labels::ID,
        AT,
        USER,
        COMMAND,
        ADDED,
        CHANGED,
        REMOVED,
        TABLES,
    ]);
    let mut stmt = conn.prepare(
        "SELECT e.id, e.at, e.user, e.command,
                sum(r.before IS NULL), sum(r.before IS NOT NULL AND r.after IS NOT NULL), sum(r.after IS NULL),
                group_concat(DISTINCT r.tbl)
         FROM change_entry e JOIN change_row r ON r.entry_id = e.id
         WHERE (?1 IS NULL OR e.at >= ?1)
         GROUP BY e.id ORDER BY e.id DESC",
    )?;
    let mut rows = stmt.query(params![since.map(|d| d.to_string())])?;
    while let Some(row) = rows.next()? {
        let touched: String = row.get(7)?;
        let mut touched: Vec<String> = touched.split(',').map(str::to_string).collect();
        touched.sort();
        if let Some(wanted) = tables
            && !touched.iter().any(|t| wanted.contains(&t.as_str()))
        {
            continue;
        }
        table.push(vec![
            Value::Int(row.get(0)?),
            Value::Text(row.get(1)?),
            Value::Text(row.get(2)?),
            Value::Text(row.get(3)?),
            Value::Int(row.get(4)?),
            Value::Int(row.get(5)?),
            Value::Int(row.get(6)?),
            Value::List(touched),
        ]);
        if table.rows.len() == limit {
            break;
        }
    }
    Ok(table)
}
