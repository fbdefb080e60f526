//! The SQLite file: where it is, opening it safely, and the queries.

pub mod activities;
pub mod changes;
pub mod committees;
pub mod kinds;
pub mod maintenance;
pub mod meetings;
pub mod schema;
pub mod settings;
pub mod units;
pub mod volunteers;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, Transaction, TransactionBehavior};

use crate::output::{Label, Text};
use crate::{Error, Result};

/// How long a command waits for another writer (a clerk and a scheduled
/// export may run at once) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// `ggw.sqlite` in the platform's data directory.
pub fn default_path() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "ggw")
        // The local (not roaming) directory: a roaming profile copied at
        // logon and logoff is no place for a live database.
        .map(|dirs| dirs.data_local_dir().join("ggw.sqlite"))
        .ok_or_else(|| {
            crate::refuse!(
                "找不到本机的数据目录：请用 --db 或环境变量 GGW_DB 指定数据库文件",
                "no data directory is known on this machine: name the database with --db or GGW_DB"
            )
        })
}

pub struct Database {
    conn: Connection,
    path: PathBuf,
    /// What the change log records as the command of each write.
    command: String,
}

impl Database {
    /// Opens the registry, creating and migrating it as needed.
    pub fn open(path: &Path) -> Result<Database> {
        create_private(path)?;
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // The first read tells a file that is no SQLite database at all.
        schema::user_version(&conn).map_err(|e| not_a_database(e, path))?;
        // Refusing a newer or a foreign file happens here, before anything
        // (even the journal mode) is written to it.
        schema::migrate(&mut conn, path)?;
        // On a file system without shared memory SQLite keeps its rollback
        // journal, which is still safe, so the mode it answers is not checked.
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        // A statement cached for an import runs once a row: without a stable
        // plan SQLite re-plans it whenever a bound value might change the
        // plan, which cost more than the row's whole check.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        // 16 MiB of pages (SQLite's default is 2 MiB): an import's indexes
        // stay in memory instead of being written out and read back while
        // the transaction runs; measured in BENCHMARKS.md.
        conn.pragma_update(None, "cache_size", -16384)?;
        Ok(Database {
            conn,
            path: path.to_path_buf(),
            command: String::new(),
        })
    }

    /// Names the command that writes, for the change log.
    pub fn set_command(&mut self, command: impl Into<String>) {
        self.command = command.into();
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The command the change log records for this connection's writes.
    pub fn command(&self) -> &str {
        &self.command
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: all of its writes land, or none.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.write_unless(false, f)
    }

    /// Like [`Database::write`], but rolls back when `dry_run` is set, so that
    /// a dry run checks everything a real run would.
    pub fn write_unless<T>(
        &mut self,
        dry_run: bool,
        f: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        changes::record(&tx, &self.command)?;
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(value)
    }
}

/// A new database file is readable by its owner only.
fn create_private(path: &Path) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| cannot_create(path, e))?;
    }
    match new_private_file(path) {
        Ok(_) => Ok(()),
        // Created by another process in the meantime.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(cannot_create(path, e)),
    }
}

/// Creates a new, empty file that only its owner can read; fails if it exists.
pub(crate) fn new_private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

fn cannot_create(path: &Path, e: std::io::Error) -> Error {
    let (file, reason) = (path.display(), e.to_string());
    crate::refuse!(
        "无法创建登记库文件 {file}（{reason}）：请用 --db 指定一个可写的位置",
        "cannot create the registry file {file} ({reason}): name a writable place with --db"
    )
}

fn not_a_database(e: Error, path: &Path) -> Error {
    match &e {
        Error::Database(db) if db.sqlite_error_code() == Some(ErrorCode::NotADatabase) => {
            schema::not_a_registry(path)
        }
        _ => e,
    }
}

/// A value that failed its check, and the field it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Label,
    pub reason: Text,
}

/// Joins field errors into one refusal, a line each.
pub fn field_errors(errors: Vec<FieldError>) -> Error {
    // A reason that names its field already is not prefixed with it again.
    let line = |label: &str, reason: &str, colon: &str| {
        if reason.to_lowercase().starts_with(&label.to_lowercase()) {
            reason.to_string()
        } else {
            format!("{label}{colon}{reason}")
        }
    };
    let zh: Vec<String> = errors
        .iter()
        .map(|e| line(e.field.zh, &e.reason.zh, "："))
        .collect();
    let en: Vec<String> = errors
        .iter()
        .map(|e| line(e.field.en, &e.reason.en, ": "))
        .collect();
    Error::Refused(Text::new(zh.join("\n"), en.join("\n")))
}

/// The conditions of a list's WHERE clause, only those asked for: a
/// condition written as `?1 IS NULL OR column = ?1` keeps SQLite from
/// using the column's index, and a list of one unit's volunteers read all
/// of a province's.
#[derive(Default)]
pub struct Conditions {
    sql: Vec<String>,
    values: Vec<Box<dyn rusqlite::ToSql>>,
}

impl Conditions {
    /// A condition on its own.
    pub fn add(&mut self, condition: &str) {
        self.sql.push(format!("({condition})"));
    }

    /// A condition whose every `?` stands for `value`.
    pub fn add_with(&mut self, condition: &str, value: impl rusqlite::ToSql + 'static) {
        self.values.push(Box::new(value));
        let number = format!("?{}", self.values.len());
        self.add(&condition.replace('?', &number));
    }

    /// `WHERE` and the conditions, or nothing without any.
    pub fn where_clause(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.sql.join(" AND "))
        }
    }

    /// The values, in the order of their numbers.
    pub fn values(&self) -> impl rusqlite::Params + '_ {
        rusqlite::params_from_iter(self.values.iter())
    }
}

/// Finds rows sorted by id by their id as a query's rows for them come in:
/// one row's mostly together and rows mostly in order, so the row found
/// last and the one after it are tried first.
#[derive(Default)]
pub(crate) struct IdFinder {
    last: usize,
}

impl IdFinder {
    pub(crate) fn get<'a, T>(
        &mut self,
        rows: &'a mut [T],
        id: i64,
        id_of: impl Fn(&T) -> i64,
    ) -> Option<&'a mut T> {
        let at = |i: usize| rows.get(i).is_some_and(|row| id_of(row) == id);
        if !at(self.last) {
            self.last = if at(self.last + 1) {
                self.last + 1
            } else {
                rows.binary_search_by_key(&id, &id_of).ok()?
            };
        }
        rows.get_mut(self.last)
    }
}
