//! What every integration test needs: the real binary on a temporary
//! registry, and a way to see the whole database before and after.

#![allow(dead_code)] // each test file uses its own part of this module

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rusqlite::Connection;
use tempfile::TempDir;

/// A temporary registry file that goes away with the test.
pub struct Registry {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Registry {
    pub fn new() -> Registry {
        let dir = tempfile::tempdir().expect("temporary directory");
        let db = dir.path().join("ggw.sqlite");
        Registry { dir, db }
    }

    /// `ggw --db <this registry>` with no language or path from the environment.
    pub fn ggw(&self) -> Command {
        let mut command = assert_cmd::cargo::cargo_bin_cmd!("ggw");
        command
            .arg("--db")
            .arg(&self.db)
            .env_remove("GGW_LANG")
            .env_remove("GGW_DB");
        command
    }

    /// Runs a command that must succeed; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.ggw().args(args).output().expect("run ggw");
        assert!(
            output.status.success(),
            "ggw {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 output")
    }

    /// Runs a command that must be refused with exit code 1, and checks
    /// that the database is exactly as it was; returns stderr.
    pub fn refused(&self, args: &[&str]) -> String {
        let before = self.dump();
        let output = self.ggw().args(args).output().expect("run ggw");
        let stderr = String::from_utf8(output.stderr).expect("UTF-8 errors");
        assert_eq!(
            output.status.code(),
            Some(1),
            "ggw {args:?} should be refused: {stderr}"
        );
        assert!(
            output.stdout.is_empty() || !stderr.is_empty(),
            "a refusal says why on stderr"
        );
        assert_eq!(before, self.dump(), "ggw {args:?} changed the database");
        stderr
    }

    /// Writes a file into the test's directory.
    pub fn file(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).expect("write fixture");
        path
    }

    pub fn conn(&self) -> Connection {
        Connection::open(&self.db).expect("open registry")
    }

    /// One number from the database.
    pub fn count(&self, sql: &str) -> i64 {
        self.conn().query_row(sql, [], |row| row.get(0)).expect(sql)
    }

    /// One text value from the database.
    pub fn text(&self, sql: &str) -> Option<String> {
        self.conn().query_row(sql, [], |row| row.get(0)).expect(sql)
    }

    /// Every row of every table, and the schema version, as text: two
    /// dumps are equal exactly when nothing in the registry changed.
    pub fn dump(&self) -> String {
        if !self.db.exists() {
            return String::new();
        }
        dump(&self.conn())
    }
}

pub fn dump(conn: &Connection) -> String {
    let mut out = String::new();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    out.push_str(&format!("user_version {version}\n"));
    let mut tables = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap();
    let names: Vec<String> = tables
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for table in names {
        out.push_str(&format!("[{table}]\n"));
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))
            .unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let cells: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                .collect();
            out.push_str(&cells.join(" | "));
            out.push('\n');
        }
    }
    out
}

/// The path as a string argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// A `show` table without the history section at its end, whose commands
/// and times are the test's own (tests/change_log.rs checks the history).
pub fn without_history(shown: &str) -> &str {
    shown
        .find("\n变更记录：\n")
        .map_or(shown, |at| &shown[..at])
}

/// A `show` record as JSON without its `history` array.
pub fn json_without_history(mut shown: serde_json::Value) -> serde_json::Value {
    let history = shown.as_object_mut().and_then(|o| o.remove("history"));
    assert!(
        history.as_ref().is_some_and(serde_json::Value::is_array),
        "show gives a history: {shown}"
    );
    shown
}
