//! Keeping the registry safe: online backups, restoring one, and checking
//! the file against SQLite's own checks and the registry's rules.
//!
//! Every copy goes through SQLite's backup API, never through a plain file
//! copy: it reads a consistent snapshot while another process writes, and
//! it sees what still sits in a WAL file. Every file written here is written
//! whole under a temporary name and only then given its real one, and is
//! readable by its owner only.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, ErrorCode, OpenFlags, Row};

use super::{Database, schema};
use crate::model::date::today;
use crate::output::Text;
use crate::{Error, Result, refuse, text};

/// Pages an online backup copies in one step (1 MB at SQLite's default page
/// size), and the pause after each, in which a writer that waits for the
/// file gets its turn.
const PAGES_PER_STEP: i32 = 256;
const PAUSE: Duration = Duration::from_millis(5);

/// A source written to by another process makes the backup start over at
/// its next step, so a registry written to without pause would never be
/// backed up a few pages at a time. After this many new starts, or this
/// long, the rest is copied in one step: a consistent snapshot, which in
/// WAL mode does not hold a writer up either (in the rollback-journal mode
/// SQLite falls back to, a writer waits its busy timeout meanwhile).
const RESTARTS: u32 = 2;
const PACED_FOR: Duration = Duration::from_secs(5);

/// How long a copy waits for a lock that another process holds.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// How many of a failed check's findings a refused restore names.
const FINDINGS_NAMED: usize = 10;

// ---------------------------------------------------------------------------
// Backup
// ---------------------------------------------------------------------------

/// Copies the registry to `dest`, a file that must not exist yet: a backup
/// never replaces another file (the clerk names a new one, or uses
/// [`backup_to_dir`], which names them by date and time).
///
/// The copy is SQLite's online backup, taken a few pages at a time so that
/// a process writing meanwhile is not held up; it is written under a
/// temporary name beside `dest`, made a self-contained file (no WAL),
/// flushed to disk, and only then given its name.
pub fn backup(conn: &Connection, dest: &Path) -> Result<()> {
    if dest.symlink_metadata().is_ok() {
        return Err(exists_already(dest));
    }
    let temporary = beside(dest, "backup");
    let written = write_copy(conn, &temporary, true).and_then(|()| publish(&temporary, dest));
    if written.is_err() {
        remove_with_journals(&temporary);
    }
    written
}

/// Writes the copy of `conn` to `path`, a new private file.
fn write_copy(conn: &Connection, path: &Path, paced: bool) -> Result<()> {
    create_private_file(path)?;
    let mut copy = Connection::open(path)?;
    copy_database(conn, &mut copy, paced)?;
    // The copy of a WAL-mode registry says WAL in its header; a backup is
    // one file that can be carried away alone.
    copy.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    copy.close().map_err(|(_, e)| e)?;
    sync(path)
}

/// Copies the main database of `from` over that of `to` with SQLite's
/// backup API: all of it or, should it fail, nothing of it.
fn copy_database(from: &Connection, to: &mut Connection, paced: bool) -> Result<()> {
    let backup = Backup::new(from, to)?;
    let started = Instant::now();
    let (mut restarts, mut remaining) = (0, i32::MAX);
    loop {
        let pages = if paced && restarts < RESTARTS && started.elapsed() < PACED_FOR {
            PAGES_PER_STEP
        } else {
            -1
        };
        match backup.step(pages)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {
                // A step that leaves no fewer pages to go started over.
                let left = backup.progress().remaining;
                if left >= remaining {
                    restarts += 1;
                }
                remaining = left;
                std::thread::sleep(PAUSE);
            }
            // Another process holds a lock: wait for it, within reason.
            _ if started.elapsed() > LOCK_WAIT => {
                let seconds = LOCK_WAIT.as_secs();
                return Err(refuse!(
                    "登记库被另一个程序占用超过 {seconds} 秒：请稍后再试",
                    "another program kept the registry busy for over {seconds} seconds: try again later"
                ));
            }
            _ => std::thread::sleep(PAUSE * 10),
        }
    }
}

/// Gives the finished copy its name, never over an existing file: a hard
/// link fails when the name is taken, where a rename would replace it. A
/// file system without hard links (a FAT stick) gets a rename after a check.
fn publish(temporary: &Path, dest: &Path) -> Result<()> {
    match std::fs::hard_link(temporary, dest) {
        Ok(()) => {
            let _ = std::fs::remove_file(temporary);
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(exists_already(dest));
        }
        Err(_) => {
            if dest.symlink_metadata().is_ok() {
                return Err(exists_already(dest));
            }
            std::fs::rename(temporary, dest).map_err(|e| cannot_write(dest, &e))?;
        }
    }
    sync_directory(dest);
    Ok(())
}

/// A backup in `dir` named by the local date and time, and the older ggw
/// backups it removed there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirBackup {
    pub path: PathBuf,
    pub removed: Vec<PathBuf>,
}

/// Backs up to `dir` (created when missing) as `ggw-2026-11-25-143005.sqlite`
/// (local time; `-2`, `-3` … after it for a second backup in the same
/// second). With `keep`, only the newest `keep` backups stay in `dir`, the
/// new one always among them; a file is removed only when its name is such
/// a backup's, so nothing else in the directory is ever touched.
pub fn backup_to_dir(conn: &Connection, dir: &Path, keep: Option<usize>) -> Result<DirBackup> {
    if keep == Some(0) {
        return Err(refuse!(
            "--keep 至少为 1：刚做的备份总要保留",
            "--keep is at least 1: the backup just made is always kept"
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| cannot_write(dir, &e))?;
    let stamp = timestamp();
    let mut number = 1;
    let path = loop {
        let name = match number {
            1 => format!("ggw-{stamp}.sqlite"),
            n => format!("ggw-{stamp}-{n}.sqlite"),
        };
        let path = dir.join(name);
        match backup(conn, &path) {
            Ok(()) => break path,
            // Another backup took this name first.
            Err(_) if number < 100 && path.symlink_metadata().is_ok() => number += 1,
            Err(e) => return Err(e),
        }
    };
    let removed = match keep {
        Some(keep) => prune(dir, &path, keep)?,
        None => Vec::new(),
    };
    Ok(DirBackup { path, removed })
}

/// Removes all but the newest `keep` backups in `dir`, `made` among them.
fn prune(dir: &Path, made: &Path, keep: usize) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut older = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        // A link or a directory is never removed, whatever its name.
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        let name = entry.file_name();
        let Some(order) = name.to_str().and_then(backup_order) else {
            continue;
        };
        if is_file && entry.path() != made {
            older.push((order, entry.path()));
        }
    }
    // Newest first; the one just made counts as the newest, even when a
    // clock set wrong named others later.
    older.sort_by(|a, b| b.0.cmp(&a.0));
    let mut removed = Vec::new();
    for (_, path) in older.into_iter().skip(keep - 1) {
        if let Err(e) = std::fs::remove_file(&path) {
            let (made, file, reason) = (made.display(), path.display(), e.to_string());
            return Err(refuse!(
                "已备份到 {made}，但无法删除旧备份 {file}（{reason}）",
                "backed up to {made}, but could not remove the old backup {file} ({reason})"
            ));
        }
        removed.push(path);
    }
    Ok(removed)
}

/// Where a backup's name puts it in time: its date and time, then its
/// number within the second. `None` for any name that is not a ggw backup's.
fn backup_order(name: &str) -> Option<(String, u32)> {
    let rest = name.strip_prefix("ggw-")?.strip_suffix(".sqlite")?;
    let (stamp, number) = match rest.get(17..) {
        Some("") => (rest, 1),
        Some(suffix) => {
            let digits = suffix.strip_prefix('-')?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            (&rest[..17], digits.parse().ok()?)
        }
        None => return None,
    };
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d-%H%M%S").ok()?;
    // The parser also takes single digits; a backup's name never has them.
    let shape = stamp.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 | 10 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    shape.then(|| (stamp.to_string(), number))
}

/// The local date and time as backup names carry it.
fn timestamp() -> String {
    chrono::Local::now().format("%Y-%m-%d-%H%M%S").to_string()
}

// ---------------------------------------------------------------------------
// Check
// ---------------------------------------------------------------------------

/// One thing wrong with the registry: the rule it breaks (a code, for
/// scripts) and what is wrong, naming the records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub message: Text,
}

impl Finding {
    fn new(rule: &'static str, message: Text) -> Finding {
        Finding { rule, message }
    }
}

/// The codes of every check, in the order findings are reported.
pub const RULES: &[&str] = &[
    "integrity",
    "foreign_key",
    "committee_without_unit",
    "unit_covered_twice",
    "member_of_dissolved_committee",
    "volunteer_of_merged_unit",
    "meeting_total_below_units",
    "alias_is_unit_name",
    "merge_without_successor",
    "merge_loop",
];

/// Runs SQLite's `integrity_check` and `foreign_key_check`, then the
/// registry's own rules. An empty answer means the registry is sound.
///
/// When SQLite finds the file itself damaged, the registry's rules are not
/// run: what they would read from a damaged file proves nothing.
pub fn check(conn: &Connection) -> Result<Vec<Finding>> {
    let mut findings = integrity(conn)?;
    if !findings.is_empty() {
        return Ok(findings);
    }
    findings.extend(foreign_keys(conn)?);
    let today = today().to_string();
    for rule in SQL_RULES {
        findings.extend(sql_rule(conn, rule, &today)?);
    }
    findings.extend(merge_chains(conn)?);
    Ok(findings)
}

fn integrity(conn: &Connection) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines: Vec<String> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(lines
        .into_iter()
        .filter(|line| line != "ok")
        .map(|line| {
            Finding::new(
                "integrity",
                text!(
                    "SQLite 完整性检查：{line}",
                    "SQLite integrity check: {line}"
                ),
            )
        })
        .collect())
}

fn foreign_keys(conn: &Connection) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "SELECT k.\"table\", k.rowid, k.parent, group_concat(l.\"from\", ', ')
         FROM pragma_foreign_key_check k
         JOIN pragma_foreign_key_list(k.\"table\") l ON l.id = k.fkid
         GROUP BY k.\"table\", k.rowid, k.parent, k.fkid
         ORDER BY k.\"table\", k.rowid",
    )?;
    let rows = stmt.query_map([], |row| {
        let (table, rowid, parent, column): (String, Option<i64>, String, String) =
            (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
        let row = rowid.map_or_else(String::new, |id| format!(" #{id}"));
        Ok(Finding::new(
            "foreign_key",
            text!(
                "{table}{row} 的 {column} 指向 {parent} 中不存在的记录",
                "{table}{row}: {column} refers to a {parent} row that does not exist"
            ),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A rule of the registry that one query finds: each row it returns is a
/// finding, worded by `message`. `?1`, where a rule uses it, is today.
struct SqlRule {
    code: &'static str,
    sql: &'static str,
    message: fn(&Row) -> rusqlite::Result<Text>,
}

fn sql_rule(conn: &Connection, rule: &SqlRule, today: &str) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare(rule.sql)?;
    if stmt.parameter_count() > 0 {
        stmt.raw_bind_parameter(1, today)?;
    }
    let mut rows = stmt.raw_query();
    let mut findings = Vec::new();
    while let Some(row) = rows.next()? {
        findings.push(Finding::new(rule.code, (rule.message)(row)?));
    }
    Ok(findings)
}

/// A cover `cu` that holds today (`?1`).
macro_rules! covers_today {
    () => {
        "(cu.since IS NULL OR cu.since <= ?1) AND (cu.until IS NULL OR cu.until > ?1)"
    };
}

const SQL_RULES: &[SqlRule] = &[
    // A committee that is not dissolved covers at least one unit (a planned
    // committee too: it is planned for some unit).
    SqlRule {
        code: "committee_without_unit",
        sql: concat!(
            "SELECT c.id, c.name, c.status FROM committee c
             WHERE c.status IN ('planned', 'active')
               AND NOT EXISTS (SELECT 1 FROM committee_unit cu
                               WHERE cu.committee_id = c.id AND ",
            covers_today!(),
            ") ORDER BY c.id"
        ),
        message: |row| {
            let (id, name, status): (i64, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
            let zh_status = if status == "planned" {
                "筹建中"
            } else {
                "已成立"
            };
            Ok(text!(
                "关工委 #{id}“{name}”（{zh_status}）目前不覆盖任何单位",
                "committee #{id} '{name}' ({status}) covers no unit now"
            ))
        },
    },
    // A unit has at most one planned or active committee at a time.
    SqlRule {
        code: "unit_covered_twice",
        sql: concat!(
            "SELECT u.id, u.name, group_concat(c.id, ',') FROM committee_unit cu
             JOIN committee c ON c.id = cu.committee_id
             JOIN unit u ON u.id = cu.unit_id
             WHERE c.status IN ('planned', 'active') AND ",
            covers_today!(),
            " GROUP BY u.id HAVING count(*) > 1 ORDER BY u.id"
        ),
        message: |row| {
            let (id, name, committees): (i64, String, String) =
                (row.get(0)?, row.get(1)?, row.get(2)?);
            let mut ids: Vec<i64> = committees
                .split(',')
                .filter_map(|s| s.parse().ok())
                .collect();
            ids.sort_unstable();
            let ids: Vec<String> = ids.iter().map(|id| format!("#{id}")).collect();
            let (zh, en) = (ids.join("、"), ids.join(", "));
            Ok(text!(
                "单位“{name}”（#{id}）同时属于多个关工委：{zh}",
                "the unit '{name}' (#{id}) is covered by several committees at once: {en}"
            ))
        },
    },
    // Dissolving a committee ends its members' terms.
    SqlRule {
        code: "member_of_dissolved_committee",
        sql: "SELECT m.id, m.name, c.id, c.name, c.dissolved_on FROM committee_member m
              JOIN committee c ON c.id = m.committee_id
              WHERE c.status = 'dissolved' AND m.ended_on IS NULL ORDER BY m.id",
        message: |row| {
            let (member, name, id, committee, on): (i64, String, i64, String, Option<String>) = (
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            );
            let on = on.unwrap_or_default();
            Ok(text!(
                "{name}（成员 #{member}）仍在任，但关工委 #{id}“{committee}”已于 {on} 撤销",
                "{name} (member #{member}) still serves on committee #{id} '{committee}', dissolved on {on}"
            ))
        },
    },
    // A merger moves the merged unit's volunteers to its successor.
    SqlRule {
        code: "volunteer_of_merged_unit",
        sql: "SELECT v.id, v.name, u.id, u.name, s.name FROM volunteer v
              JOIN unit u ON u.id = v.unit_id
              LEFT JOIN unit s ON s.id = u.merged_into
              WHERE u.status = 'merged' ORDER BY v.id",
        message: |row| {
            let (id, name, unit, unit_name, successor): (i64, String, i64, String, Option<String>) = (
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            );
            let successor = successor.unwrap_or_else(|| "?".to_string());
            Ok(text!(
                "五老 #{id} {name} 所在的单位“{unit_name}”（#{unit}）已并入“{successor}”",
                "volunteer #{id} {name} serves the unit '{unit_name}' (#{unit}), which was merged into '{successor}'"
            ))
        },
    },
    // A meeting's given attendance counts everyone the units sent.
    SqlRule {
        code: "meeting_total_below_units",
        sql: "SELECT m.id, m.held_on, m.title, m.attendees, s.total FROM meeting m
              JOIN (SELECT meeting_id, sum(attendees) AS total FROM meeting_unit
                    GROUP BY meeting_id) s ON s.meeting_id = m.id
              WHERE m.attendees IS NOT NULL AND m.attendees < s.total ORDER BY m.id",
        message: |row| {
            let (id, on, title, given, sum): (i64, String, String, i64, i64) = (
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            );
            Ok(text!(
                "会议 #{id}“{title}”（{on}）登记的参会人数 {given} 少于各单位人数之和 {sum}",
                "meeting #{id} '{title}' ({on}) gives {given} attendees, fewer than the {sum} its units sent"
            ))
        },
    },
    // A unit's names and aliases are one namespace. A merged unit's name lives
    // on as an alias of the unit it went into, so an alias may equal the name of
    // a unit merged (through any number of mergers) into the alias's unit.
    SqlRule {
        code: "alias_is_unit_name",
        sql: "WITH RECURSIVE chain (start, at, steps) AS (
                  SELECT id, merged_into, 1 FROM unit WHERE status = 'merged'
                  UNION ALL
                  SELECT chain.start, u.merged_into, chain.steps + 1 FROM chain
                  JOIN unit u ON u.id = chain.at
                  WHERE u.status = 'merged' AND chain.steps < 100)
              SELECT a.alias, o.id, o.name, u.id FROM unit_alias a
              JOIN unit o ON o.id = a.unit_id
              JOIN unit u ON u.name = a.alias AND u.id <> a.unit_id
              WHERE NOT EXISTS (SELECT 1 FROM chain WHERE chain.start = u.id AND chain.at = a.unit_id)
              ORDER BY o.id, a.alias",
        message: |row| {
            let (alias, owner, owner_name, other): (String, i64, String, i64) =
                (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
            Ok(text!(
                "单位“{owner_name}”（#{owner}）的简称“{alias}”是另一个单位（#{other}）的名称",
                "the alias '{alias}' of the unit '{owner_name}' (#{owner}) is the name of another unit (#{other})"
            ))
        },
    },
];

/// A merged unit leads, through its successors, to a unit still on the
/// register. Found by walking every merged unit's chain of successors:
/// a chain that reaches a unit that does not exist, or runs into a loop it
/// is not part of, has no successor; a loop is reported once, from its
/// lowest id, naming every unit in it.
fn merge_chains(conn: &Connection) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare("SELECT id, name, status, merged_into FROM unit ORDER BY id")?;
    let units: Vec<(i64, String, String, Option<i64>)> = stmt
        .query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let by_id: HashMap<i64, (&str, bool, Option<i64>)> = units
        .iter()
        .map(|(id, name, status, into)| (*id, (name.as_str(), status == "merged", *into)))
        .collect();
    let named = |id: i64| match by_id.get(&id) {
        Some((name, ..)) => format!("“{name}”（#{id}）"),
        None => format!("#{id}"),
    };
    let named_en = |id: i64| match by_id.get(&id) {
        Some((name, ..)) => format!("'{name}' (#{id})"),
        None => format!("#{id}"),
    };
    let mut findings = Vec::new();
    for (start, _, _, _) in units.iter().filter(|u| u.2 == "merged") {
        let start = *start;
        let mut path = vec![start];
        let mut seen = HashSet::from([start]);
        let mut at = by_id[&start].2;
        loop {
            let Some(next) = at else {
                // A merged unit with no successor at all (which the
                // schema's CHECK forbids).
                let (zh, en) = (named(start), named_en(start));
                findings.push(Finding::new(
                    "merge_without_successor",
                    text!(
                        "已并入的单位{zh}没有登记并入哪个单位",
                        "the merged unit {en} names no unit it went into"
                    ),
                ));
                break;
            };
            match by_id.get(&next) {
                None => {
                    let (zh, en) = (named(start), named_en(start));
                    findings.push(Finding::new(
                        "merge_without_successor",
                        text!(
                            "已并入的单位{zh}的后继单位 #{next} 不存在",
                            "the merged unit {en} went into unit #{next}, which does not exist"
                        ),
                    ));
                    break;
                }
                Some((_, false, _)) => break,
                Some((_, true, _)) if next == start => {
                    if path.iter().all(|id| *id >= start) {
                        path.push(start);
                        let zh: Vec<String> = path.iter().map(|id| named(*id)).collect();
                        let en: Vec<String> = path.iter().map(|id| named_en(*id)).collect();
                        let (zh, en) = (zh.join(" → "), en.join(" → "));
                        findings.push(Finding::new(
                            "merge_loop",
                            text!("单位合并形成了循环：{zh}", "unit mergers form a loop: {en}"),
                        ));
                    }
                    break;
                }
                Some((_, true, _)) if !seen.insert(next) => {
                    let (zh, en) = (named(start), named_en(start));
                    findings.push(Finding::new(
                        "merge_without_successor",
                        text!(
                            "已并入的单位{zh}的合并链陷入循环，找不到仍在册的后继单位",
                            "the merged unit {en} leads into a loop of mergers and reaches no unit on the register"
                        ),
                    ));
                    break;
                }
                Some((_, true, into)) => {
                    path.push(next);
                    at = *into;
                }
            }
        }
    }
    Ok(findings)
}

// ---------------------------------------------------------------------------
// Restore
// ---------------------------------------------------------------------------

/// What a backup holds, for the clerk to confirm before it replaces the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    /// The schema version the backup was written at (it is brought up to
    /// date as it is restored).
    pub version: i64,
    pub units: i64,
    pub committees: i64,
    pub volunteers: i64,
    pub meetings: i64,
    pub activities: i64,
}

impl BackupInfo {
    pub fn text(&self) -> Text {
        let BackupInfo {
            version,
            units,
            committees,
            volunteers,
            meetings,
            activities,
        } = self;
        let n = |count: &i64, one: &str, many: &str| match count {
            1 => format!("1 {one}"),
            count => format!("{count} {many}"),
        };
        let en = [
            n(units, "unit", "units"),
            n(committees, "committee", "committees"),
            n(volunteers, "volunteer", "volunteers"),
            n(meetings, "meeting", "meetings"),
            n(activities, "activity", "activities"),
        ]
        .join(", ");
        text!(
            "数据库版本 {version}：{units} 个单位、{committees} 个关工委、{volunteers} 名五老、{meetings} 次会议、{activities} 项活动",
            "schema version {version}: {en}"
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub info: BackupInfo,
    /// The copy of the registry as it was before, when there was one.
    pub kept: Option<PathBuf>,
}

/// Replaces the registry at `current` with the backup `from`, which must be
/// a ggw registry of a version this ggw can open and pass [`check`],
/// asking `confirm` once the backup has passed its checks and before
/// anything is written: `false` stops with nothing changed.
///
/// `from` is only read. It is copied (with SQLite's backup API, which also
/// reads a WAL beside it) to a private staging file beside the registry,
/// brought up to the current schema there and checked. Then the registry
/// as it is is backed up beside itself as
/// `<name>.before-restore-<date-time>.sqlite`, and the staged copy is
/// written over it, again with the backup API: through SQLite, in one
/// transaction, so that a WAL-mode registry and any process that has it
/// open see either the old registry or the restored one.
pub fn restore(
    current: &Path,
    from: &Path,
    confirm: impl FnOnce(&BackupInfo) -> Result<bool>,
) -> Result<Restored> {
    if let (Ok(a), Ok(b)) = (current.canonicalize(), from.canonicalize())
        && a == b
    {
        let file = from.display();
        return Err(refuse!(
            "{file} 就是当前的登记库，不能用它自己来恢复",
            "{file} is the registry itself: it cannot be restored from itself"
        ));
    }
    let source = open_backup(from)?;
    if let Some(dir) = current.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| cannot_write(dir, &e))?;
    }
    let staging = Staging(beside(current, "restore"));
    let mut staged = {
        create_private_file(&staging.0)?;
        let mut staged = Connection::open(&staging.0)?;
        copy_database(&source, &mut staged, false)?;
        drop(source);
        staged.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        staged
    };
    let version = schema::user_version(&staged)?;
    schema::migrate(&mut staged, from)?;
    let findings = check(&staged)?;
    if !findings.is_empty() {
        return Err(fails_check(from, &findings));
    }
    let info = backup_info(&staged, version)?;
    // A registry that is there must be one this ggw can open; it is opened
    // before the question, so that a refusal comes before it.
    if current.exists() {
        Database::open(current)?;
    }
    if !confirm(&info)? {
        return Err(refuse!(
            "已取消恢复，登记库未被修改",
            "restore cancelled: the registry was not changed"
        ));
    }
    let existed = current.exists();
    let db = Database::open(current)?;
    let kept = if existed {
        let aside = before_restore_name(current);
        backup(db.conn(), &aside)?;
        Some(aside)
    } else {
        None
    };
    // A WAL-mode file takes a backup only of its own page size.
    let page_size = |conn: &Connection| -> Result<i64> {
        Ok(conn.query_row("PRAGMA page_size", [], |row| row.get(0))?)
    };
    let wanted = page_size(db.conn())?;
    if page_size(&staged)? != wanted {
        staged.pragma_update(None, "page_size", wanted)?;
        staged.execute_batch("VACUUM")?;
    }
    drop(db);
    let mut target = Connection::open(current)?;
    target.busy_timeout(super::BUSY_TIMEOUT)?;
    copy_database(&staged, &mut target, false)?;
    // The restored pages go from the WAL into the file itself now, if no
    // reader stands in the way; SQLite does it later otherwise.
    let _ = target.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    drop(staged);
    Ok(Restored { info, kept })
}

/// Opens a backup read-only, refusing anything that is not a ggw registry
/// this ggw can open.
fn open_backup(from: &Path) -> Result<Connection> {
    let file = from.display();
    if !from.is_file() {
        return Err(refuse!(
            "找不到备份文件 {file}",
            "there is no backup file {file}"
        ));
    }
    let refused = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => not_a_backup(from),
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            let reason = e.to_string();
            refuse!(
                "无法打开备份文件 {file}（{reason}）",
                "cannot open the backup file {file} ({reason})"
            )
        }
        _ => Error::Database(e),
    };
    let conn = Connection::open_with_flags(
        from,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(refused)?;
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    let id: i64 = conn
        .query_row("PRAGMA application_id", [], |row| row.get(0))
        .map_err(refused)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(refused)?;
    if id != schema::APPLICATION_ID || version < 1 {
        return Err(not_a_backup(from));
    }
    if version > schema::latest_version() {
        return Err(Error::TooNew {
            path: from.to_path_buf(),
            found: version,
            supported: schema::latest_version(),
        });
    }
    Ok(conn)
}

fn backup_info(conn: &Connection, version: i64) -> Result<BackupInfo> {
    let count = |table: &str| -> Result<i64> {
        // Table names from the fixed list below, never from user text.
        Ok(
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                row.get(0)
            })?,
        )
    };
    Ok(BackupInfo {
        version,
        units: count("unit")?,
        committees: count("committee")?,
        volunteers: count("volunteer")?,
        meetings: count("meeting")?,
        activities: count("activity")?,
    })
}

fn fails_check(from: &Path, findings: &[Finding]) -> Error {
    let file = from.display();
    let lines = |pick: fn(&Text) -> &str| {
        findings
            .iter()
            .take(FINDINGS_NAMED)
            .map(|f| format!("  {}", pick(&f.message)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (zh, en) = (lines(|t| &t.zh), lines(|t| &t.en));
    let count = findings.len();
    let more = count.saturating_sub(FINDINGS_NAMED);
    let (more_zh, more_en) = if more > 0 {
        (
            format!("\n  ……另有 {more} 处"),
            format!("\n  … and {more} more"),
        )
    } else {
        (String::new(), String::new())
    };
    refuse!(
        "备份 {file} 未通过检查（{count} 处问题），登记库未被修改：\n{zh}{more_zh}",
        "the backup {file} fails its checks ({count} problems); the registry was not changed:\n{en}{more_en}"
    )
}

fn not_a_backup(from: &Path) -> Error {
    let file = from.display();
    refuse!(
        "{file} 不是 ggw 登记库的备份，登记库未被修改",
        "{file} is not a ggw registry; the registry was not changed"
    )
}

/// `ggw.sqlite` → `ggw.before-restore-2026-11-25-143005.sqlite` beside it,
/// numbered on when that name is taken.
fn before_restore_name(current: &Path) -> PathBuf {
    let stem = current
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "ggw".to_string());
    let stamp = timestamp();
    let mut number = 1;
    loop {
        let name = match number {
            1 => format!("{stem}.before-restore-{stamp}.sqlite"),
            n => format!("{stem}.before-restore-{stamp}-{n}.sqlite"),
        };
        let path = current.with_file_name(name);
        if path.symlink_metadata().is_err() {
            return path;
        }
        number += 1;
    }
}

/// The staging copy of a restore, removed whatever happens.
struct Staging(PathBuf);

impl Drop for Staging {
    fn drop(&mut self) {
        remove_with_journals(&self.0);
    }
}

// ---------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------

/// A hidden temporary name beside `path`, on the same file system, so that
/// a rename is atomic.
fn beside(path: &Path, purpose: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{purpose}-{}.tmp", std::process::id()))
}

/// A new, empty file that only its owner can read (SQLite gives its
/// journals the same permissions).
fn create_private_file(path: &Path) -> Result<()> {
    super::new_private_file(path).map_err(|e| cannot_write(path, &e))
}

fn remove_with_journals(path: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Flushes a finished file to the disk before it is given its name.
fn sync(path: &Path) -> Result<()> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| cannot_write(path, &e))
}

/// Makes a new name in a directory survive a power cut (Unix; elsewhere the
/// file system does not offer it).
fn sync_directory(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(dir) = std::fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn exists_already(path: &Path) -> Error {
    let file = path.display();
    refuse!(
        "{file} 已存在：备份不会覆盖已有的文件，请换一个文件名，或用 --to-dir 按日期时间命名",
        "{file} exists already: a backup never replaces a file; name another, or use --to-dir to name it by date and time"
    )
}

fn cannot_write(path: &Path, e: &std::io::Error) -> Error {
    let (file, reason) = (path.display(), e.to_string());
    refuse!(
        "无法写入 {file}（{reason}）",
        "cannot write {file} ({reason})"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_backup_names_have_an_order() {
        assert_eq!(
            backup_order("ggw-2026-11-25-143005.sqlite"),
            Some(("2026-11-25-143005".to_string(), 1))
        );
        assert_eq!(
            backup_order("ggw-2026-11-25-143005-12.sqlite"),
            Some(("2026-11-25-143005".to_string(), 12))
        );
        for other in [
            "ggw.sqlite",
            "ggw-notes.sqlite",
            "ggw-2026-11-25-143005.sqlite.bak",
            "ggw-2026-11-25-143005.sqlite-journal",
            ".ggw-2026-11-25-143005.sqlite.backup-1.tmp",
            "ggw-2026-11-25-143005-.sqlite",
            "ggw-2026-11-25-143005-x.sqlite",
            "ggw-2026-13-25-143005.sqlite",
            "ggw-2026-1-025-143005.sqlite",
            "xggw-2026-11-25-143005.sqlite",
            "ggw-2026-11-25-14300.sqlite",
        ] {
            assert_eq!(backup_order(other), None, "{other}");
        }
    }

    #[test]
    fn the_second_backup_of_a_second_is_the_newer() {
        let a = backup_order("ggw-2026-11-25-143005.sqlite").unwrap();
        let b = backup_order("ggw-2026-11-25-143005-2.sqlite").unwrap();
        let c = backup_order("ggw-2026-11-25-143006.sqlite").unwrap();
        assert!(a < b && b < c);
    }
}
