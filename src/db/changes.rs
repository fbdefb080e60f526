//! The change log: one entry a command that writes, and the rows it
//! changed, recorded by the triggers of schema.sql.

use std::cell::RefCell;
use std::collections::{HashMap, hash_map};

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;
use crate::model::date::Date;
use crate::output::{Coded, Label, Table, Value, labels};

/// Gives the rows the triggers recorded during this transaction their
/// entry: when, who and the command. A transaction that changed nothing
/// gets none.
pub fn record(conn: &Connection, command: &str) -> Result<()> {
    record_entry(conn, command, None)
}

fn record_entry(conn: &Connection, command: &str, undoes: Option<i64>) -> Result<()> {
    let pending: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM change_row WHERE entry_id IS NULL)")?
        .query_row([], |row| row.get(0))?;
    if !pending {
        return Ok(());
    }
    let at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    conn.prepare_cached(
        "INSERT INTO change_entry (at, user, command, undoes) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![at, os_user(), command, undoes])?;
    conn.prepare_cached("UPDATE change_row SET entry_id = ?1 WHERE entry_id IS NULL")?
        .execute([conn.last_insert_rowid()])?;
    Ok(())
}

/// Logs an inserted row as the insert triggers of schema.sql log theirs,
/// for a table whose inserts no trigger logs (the volunteer table: schema
/// version 7 says why). The statement is made from the table's columns once
/// a table, so a column added later is logged without a change here.
pub fn log_insert(conn: &Connection, table: &str, rowid: i64) -> Result<()> {
    thread_local! {
        // Every registry a process opens is at the latest schema version.
        static STATEMENTS: RefCell<HashMap<String, String>> = RefCell::default();
    }
    let logged = STATEMENTS.with(|statements| -> Result<bool> {
        match statements.borrow().get(table) {
            Some(sql) => {
                conn.prepare_cached(sql)?.execute([rowid])?;
                Ok(true)
            }
            None => Ok(false),
        }
    })?;
    if logged {
        return Ok(());
    }
    let columns: Vec<String> = conn
        .prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
        .query_map([table], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // Table and column names come from the schema, never from user text.
    let pairs = columns
        .iter()
        .map(|c| format!("'{c}', \"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO change_row (tbl, row_id, after)
         SELECT '{table}', rowid, json_object({pairs}) FROM \"{table}\" WHERE rowid = ?1"
    );
    conn.prepare_cached(&sql)?.execute([rowid])?;
    STATEMENTS.with(|statements| statements.borrow_mut().insert(table.to_string(), sql));
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

const UNDOES: Label = Label {
    key: "undoes",
    zh: "撤销",
    en: "Undoes",
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
        UNDOES,
    ]);
    let mut stmt = conn.prepare(
        "SELECT e.id, e.at, e.user, e.command,
                sum(r.before IS NULL), sum(r.before IS NOT NULL AND r.after IS NOT NULL), sum(r.after IS NULL),
                group_concat(DISTINCT r.tbl), e.undoes
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
            row.get::<_, Option<i64>>(8)?
                .map_or(Value::Null, Value::Int),
        ]);
        if table.rows.len() == limit {
            break;
        }
    }
    Ok(table)
}

const CHANGE: Label = Label {
    key: "change",
    zh: "改动",
    en: "Change",
};

/// One record's history, oldest first: each command that added, changed or
/// removed its row. `table` is a table of the schema and `id` its rowid.
pub fn history_table(conn: &Connection, table: &str, id: i64) -> Result<Table> {
    let mut history = Table::new(vec![labels::ID, AT, USER, COMMAND, CHANGE]);
    let mut stmt = conn.prepare(
        "SELECT e.id, e.at, e.user, e.command, r.before IS NULL, r.after IS NULL
         FROM change_row r JOIN change_entry e ON e.id = r.entry_id
         WHERE r.tbl = ?1 AND r.row_id = ?2
         ORDER BY r.id",
    )?;
    let mut rows = stmt.query(params![table, id])?;
    while let Some(row) = rows.next()? {
        let change = match (row.get::<_, bool>(4)?, row.get::<_, bool>(5)?) {
            (true, _) => ADDED,
            (_, true) => REMOVED,
            _ => CHANGED,
        };
        history.push(vec![
            Value::Int(row.get(0)?),
            Value::Text(row.get(1)?),
            Value::Text(row.get(2)?),
            Value::Text(row.get(3)?),
            Value::Coded(Coded {
                code: change.key.to_string(),
                zh: change.zh.to_string(),
                en: change.en.to_string(),
            }),
        ]);
    }
    Ok(history)
}

/// A command the log holds, as `db undo` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub user: String,
    pub command: String,
    /// Rows added, changed and removed.
    pub counts: (i64, i64, i64),
}

/// The last command that changed something and is not undone (undo
/// entries themselves are passed over, so undo goes back step by step).
pub fn last_undoable(conn: &Connection) -> Result<Option<Entry>> {
    Ok(conn
        .query_row(
            "SELECT e.id, e.at, e.user, e.command,
                    (SELECT count(*) FROM change_row r WHERE r.entry_id = e.id AND r.before IS NULL),
                    (SELECT count(*) FROM change_row r WHERE r.entry_id = e.id AND r.before IS NOT NULL AND r.after IS NOT NULL),
                    (SELECT count(*) FROM change_row r WHERE r.entry_id = e.id AND r.after IS NULL)
             FROM change_entry e
             WHERE e.undoes IS NULL AND NOT EXISTS (SELECT 1 FROM change_entry u WHERE u.undoes = e.id)
             ORDER BY e.id DESC LIMIT 1",
            [],
            |row| {
                Ok(Entry {
                    id: row.get(0)?,
                    at: row.get(1)?,
                    user: row.get(2)?,
                    command: row.get(3)?,
                    counts: (row.get(4)?, row.get(5)?, row.get(6)?),
                })
            },
        )
        .optional()?)
}

/// Reverts every row an entry changed, latest first, in the caller's
/// transaction, and logs that as an entry that undoes it. The entry must be
/// [`last_undoable`]'s: every later entry is then an undo or undone, so
/// no later command's change to the same rows is lost.
pub fn undo(conn: &Connection, entry: &Entry, command: &str) -> Result<()> {
    let changes: Vec<(String, Option<String>, Option<String>)> = conn
        .prepare("SELECT tbl, before, after FROM change_row WHERE entry_id = ?1 ORDER BY id DESC")?
        .query_map([entry.id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut reverts: HashMap<String, Revert> = HashMap::new();
    for (table, before, after) in changes {
        let revert = match reverts.entry(table) {
            hash_map::Entry::Occupied(known) => known.into_mut(),
            hash_map::Entry::Vacant(new) => {
                let revert = Revert::new(conn, new.key())?;
                new.insert(revert)
            }
        };
        match (before, after) {
            (None, Some(after)) => conn.prepare_cached(&revert.delete)?.execute([after])?,
            (Some(before), None) => {
                conn.prepare_cached(&revert.insert)?.execute([before])?;
                if !revert.insert_logged_by_trigger {
                    log_insert(conn, &revert.table, conn.last_insert_rowid())?;
                }
                1
            }
            (Some(before), Some(after)) => conn
                .prepare_cached(&revert.update)?
                .execute([before, after])?,
            (None, None) => 0,
        };
    }
    record_entry(conn, command, Some(entry.id))
}

/// The statements that put one table's rows back from their logged JSON:
/// ?1 is the JSON to restore or remove, ?2 (update) the row as it is now.
struct Revert {
    table: String,
    delete: String,
    insert: String,
    update: String,
    /// Whether a trigger logs a row put back; else [`log_insert`] does.
    insert_logged_by_trigger: bool,
}

impl Revert {
    fn new(conn: &Connection, table: &str) -> Result<Revert> {
        let columns: Vec<(String, i64)> = conn
            .prepare("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")?
            .query_map([table], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // A row is found by its primary key, else by all of its columns.
        let mut keys: Vec<&(String, i64)> = columns.iter().filter(|(_, pk)| *pk > 0).collect();
        keys.sort_by_key(|(_, pk)| *pk);
        if keys.is_empty() {
            keys = columns.iter().collect();
        }
        // Table and column names come from the schema, never from user text.
        let extract = |json: &str| {
            columns
                .iter()
                .map(|(c, _)| format!("json_extract({json}, '$.\"{c}\"')"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let key_match = |json: &str| {
            keys.iter()
                .map(|(k, _)| format!("\"{k}\" IS json_extract({json}, '$.\"{k}\"')"))
                .collect::<Vec<_>>()
                .join(" AND ")
        };
        let list = columns
            .iter()
            .map(|(c, _)| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let insert_logged_by_trigger: bool = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = ?1)",
            )?
            .query_row([format!("{table}_logged_insert")], |row| row.get(0))?;
        Ok(Revert {
            table: table.to_string(),
            delete: format!("DELETE FROM \"{table}\" WHERE {}", key_match("?1")),
            insert: format!(
                "INSERT INTO \"{table}\" ({list}) VALUES ({})",
                extract("?1")
            ),
            update: format!(
                "UPDATE \"{table}\" SET ({list}) = ({}) WHERE {}",
                extract("?1"),
                key_match("?2")
            ),
            insert_logged_by_trigger,
        })
    }
}
