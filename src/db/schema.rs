//! The schema and its versions, tracked in `PRAGMA user_version`.
//!
//! A new file gets `schema.sql` whole. An older file is taken through each
//! numbered upgrade in turn, each in its own transaction, so that a failure
//! leaves the file at the last version it reached. A file of a newer version
//! than this ggw knows is refused untouched.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::{Error, Result};

/// The current schema, applied as a whole to a new file.
pub const CURRENT_SCHEMA: &str = include_str!("../../schema.sql");

/// Marks a SQLite file as a ggw registry ("ggw1").
pub const APPLICATION_ID: i64 = 0x6767_7731;

/// One step: the SQL that takes version `version - 1` to `version`.
pub struct Upgrade {
    pub version: i64,
    pub sql: &'static str,
}

/// Every step since the first release, in order. Version 1 is the first schema.
pub const UPGRADES: &[Upgrade] = &[
    Upgrade {
        version: 1,
        sql: include_str!("upgrades/0001_initial.sql"),
    },
    Upgrade {
        version: 2,
        sql: include_str!("upgrades/0002_volunteers.sql"),
    },
    Upgrade {
        version: 3,
        sql: include_str!("upgrades/0003_coverage_history.sql"),
    },
    Upgrade {
        version: 4,
        sql: include_str!("upgrades/0004_meetings_activities.sql"),
    },
    Upgrade {
        version: 5,
        sql: include_str!("upgrades/0005_settings_bulletins.sql"),
    },
    Upgrade {
        version: 6,
        sql: include_str!("upgrades/0006_change_log.sql"),
    },
    Upgrade {
        version: 7,
        sql: include_str!("upgrades/0007_volunteer_insert_log.sql"),
    },
    Upgrade {
        version: 8,
        sql: include_str!("upgrades/0008_volunteer_checks.sql"),
    },
    Upgrade {
        version: 9,
        sql: include_str!("upgrades/0009_committee_heads.sql"),
    },
];

pub fn latest_version() -> i64 {
    UPGRADES.last().map_or(0, |u| u.version)
}

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Brings the file to the latest version, or refuses it.
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let found = user_version(conn)?;
    // Another program's file is refused as such, whatever its version says.
    if found > 0 {
        check_application_id(conn, path)?;
    }
    if found > latest_version() {
        return Err(Error::TooNew {
            path: path.to_path_buf(),
            found,
            supported: latest_version(),
        });
    }
    if found == 0 {
        return initialise(conn, path);
    }
    // An upgrade may rebuild a table others refer to, which SQLite allows
    // only with foreign keys off; each step checks them itself before it
    // commits. The caller turns them on again.
    conn.pragma_update(None, "foreign_keys", false)?;
    for upgrade in UPGRADES.iter().filter(|u| u.version > found) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have upgraded the file while this one waited.
        if user_version(&tx)? >= upgrade.version {
            continue;
        }
        tx.execute_batch(upgrade.sql)?;
        // Rows an upgrade changes are logged like any command's.
        if table_exists(&tx, "change_entry")? {
            super::changes::record(
                &tx,
                &format!("upgrade to schema version {}", upgrade.version),
            )?;
        }
        let broken: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
                row.get(0)
            })?;
        if broken > 0 {
            let version = upgrade.version;
            return Err(crate::refuse!(
                "升级到数据库版本 {version} 时发现 {broken} 处失效的引用，文件未被修改：请从备份恢复或联系维护人员",
                "upgrading to schema version {version} found {broken} broken references; the file was not changed: restore a backup or ask for support"
            ));
        }
        tx.pragma_update(None, "user_version", upgrade.version)?;
        tx.commit()?;
    }
    Ok(())
}

/// Version 0: a new, empty file gets the current schema; a file holding
/// someone else's tables is refused.
fn initialise(conn: &mut Connection, path: &Path) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if user_version(&tx)? != 0 {
        // Initialised by another process in the meantime.
        return Ok(());
    }
    let tables: i64 = tx.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
    if tables > 0 {
        return Err(not_a_registry(path));
    }
    tx.execute_batch(CURRENT_SCHEMA)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", latest_version())?;
    tx.commit()?;
    Ok(())
}

fn check_application_id(conn: &Connection, path: &Path) -> Result<()> {
    let id: i64 = conn.query_row("PRAGMA application_id", [], |row| row.get(0))?;
    if id == APPLICATION_ID {
        Ok(())
    } else {
        Err(not_a_registry(path))
    }
}

fn table_exists(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
        [name],
        |row| row.get(0),
    )?)
}

pub fn not_a_registry(path: &Path) -> Error {
    let path = path.display();
    crate::refuse!(
        "{path} 不是 ggw 登记库文件：请用 --db 指定正确的文件",
        "{path} is not a ggw registry: name the right file with --db"
    )
}
