//! `ggw db backup`, `restore` and `check`, run as the real binary: a backup
//! gives the registry back exactly, a restore keeps the file it replaces and
//! refuses anything it should not take, the check names every broken rule,
//! and a backup taken while another process writes is sound.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::{Registry, arg};
use rusqlite::Connection;
use serde_json::Value as Json;

const APPLICATION_ID: i64 = 0x6767_7731;
/// The first schema ever released.
const OLDEST_SCHEMA: &str = include_str!("../src/db/upgrades/0001_initial.sql");
/// No command here may run longer than this.
const LIMIT: Duration = Duration::from_secs(120);

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// A registry with the demo's units, committees, members, volunteers and meeting.
fn demo() -> Registry {
    let reg = Registry::new();
    reg.ok(&["demo"]);
    reg
}

/// `ggw --db PATH` for a file that is not the test's registry.
fn ggw_on(path: &Path) -> assert_cmd::Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("ggw");
    command
        .arg("--db")
        .arg(path)
        .env_remove("GGW_LANG")
        .env_remove("GGW_DB")
        .timeout(LIMIT);
    command
}

/// Runs `ggw db check --format json`: the exit code and each finding's rule and message.
fn check_json(reg: &Registry, lang: &str) -> (i32, Vec<(String, String)>) {
    let output = reg
        .ggw()
        .args(["--lang", lang, "--format", "json", "db", "check"])
        .timeout(LIMIT)
        .output()
        .unwrap();
    let findings: Json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "db check --format json printed no JSON ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let findings = findings
        .as_array()
        .expect("an array of findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (output.status.code().unwrap(), findings)
}

/// The files in a directory, by name, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The copies a restore kept beside the registry.
fn kept_copies(reg: &Registry) -> Vec<PathBuf> {
    names_in(reg.dir.path())
        .into_iter()
        .filter(|n| n.starts_with("ggw.before-restore-") && n.ends_with(".sqlite"))
        .map(|n| reg.dir.path().join(n))
        .collect()
}

fn dump_of(path: &Path) -> String {
    common::dump(&Connection::open(path).unwrap())
}

#[cfg(unix)]
fn assert_private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode,
        0o600,
        "{} should be readable by its owner only",
        path.display()
    );
}

#[cfg(not(unix))]
fn assert_private(_path: &Path) {}

/// A copy of the registry made with SQLite's own backup, to be tampered with.
fn raw_copy(reg: &Registry, name: &str) -> PathBuf {
    let path = reg.dir.path().join(name);
    let source = reg.conn();
    let mut copy = Connection::open(&path).unwrap();
    rusqlite::backup::Backup::new(&source, &mut copy)
        .unwrap()
        .run_to_completion(1000, Duration::ZERO, None)
        .unwrap();
    copy.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))
        .unwrap();
    path
}

// ---------------------------------------------------------------------------
// Backup and restore
// ---------------------------------------------------------------------------

#[test]
fn a_restore_gives_the_backed_up_registry_back_and_keeps_the_one_it_replaced() {
    let reg = demo();
    let before = reg.dump();
    let backup = reg.dir.path().join("before-changes.sqlite");
    let said = reg.ok(&["db", "backup", arg(&backup)]);
    assert!(said.contains(arg(&backup)), "{said}");
    assert_private(&backup);
    assert_eq!(
        dump_of(&backup),
        before,
        "the backup holds the registry as it was"
    );
    // A backup is one file: no WAL beside it, none announced in its header.
    let mode: String = Connection::open(&backup)
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "delete");

    reg.ok(&["unit", "add", "鸡西市新设单位", "--kind", "organ"]);
    reg.ok(&["volunteer", "add", "赵新", "--category", "cadre"]);
    let changed = reg.dump();
    assert_ne!(changed, before);

    // Another process holding the registry open sees the restore.
    let held = reg.conn();
    let count = |conn: &Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM unit", [], |row| row.get(0))
            .unwrap()
    };
    let units_before = count(&held);

    let said = reg.ok(&["--lang", "en", "db", "restore", arg(&backup), "--yes"]);
    assert!(said.starts_with("restored the registry"), "{said}");
    assert_eq!(
        reg.dump(),
        before,
        "the restore gives the old registry back"
    );
    assert_eq!(count(&held), units_before - 1);
    assert_eq!(reg.text("PRAGMA journal_mode").as_deref(), Some("wal"));

    let kept = kept_copies(&reg);
    assert_eq!(kept.len(), 1, "{:?}", names_in(reg.dir.path()));
    assert!(
        said.contains(arg(&kept[0])),
        "the message names the kept copy: {said}"
    );
    assert_eq!(
        dump_of(&kept[0]),
        changed,
        "the kept copy holds the changes"
    );
    assert_private(&kept[0]);
    // Nothing else is left behind: no staging file, no temporary name.
    let mut left = names_in(reg.dir.path());
    left.retain(|n| n.starts_with('.'));
    assert!(left.is_empty(), "{left:?}");

    reg.ok(&["db", "check"]);
    assert_eq!(dump_of(&backup), before, "the backup itself is only read");
}

#[test]
fn a_backup_never_replaces_a_file() {
    let reg = demo();
    let taken = reg.file("taken.sqlite", "the clerk's other file");
    let stderr = reg.refused(&["--lang", "en", "db", "backup", arg(&taken)]);
    assert!(stderr.contains("exists already"), "{stderr}");
    assert_eq!(std::fs::read(&taken).unwrap(), b"the clerk's other file");
    // Nor the registry itself.
    let stderr = reg.refused(&["db", "backup", arg(&reg.db)]);
    assert!(stderr.contains("已存在"), "{stderr}");
    let mut left = names_in(reg.dir.path());
    left.retain(|n| n.starts_with('.'));
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_restore_asks_and_without_a_terminal_wants_yes() {
    let reg = demo();
    let backup = reg.dir.path().join("b.sqlite");
    reg.ok(&["db", "backup", arg(&backup)]);
    reg.ok(&["unit", "add", "鸡西市新设单位", "--kind", "organ"]);
    let stderr = reg.refused(&["--lang", "en", "db", "restore", arg(&backup)]);
    assert!(stderr.contains("--yes"), "{stderr}");
    let stderr = reg.refused(&["db", "restore", arg(&backup)]);
    assert!(stderr.contains("--yes"), "{stderr}");
    assert!(kept_copies(&reg).is_empty());
}

#[test]
fn a_backup_restores_into_a_place_that_has_no_registry_yet() {
    let old = demo();
    let backup = old.dir.path().join("b.sqlite");
    old.ok(&["db", "backup", arg(&backup)]);
    let fresh = Registry::new();
    fresh.ok(&["db", "restore", arg(&backup), "--yes"]);
    assert_eq!(fresh.dump(), old.dump());
    assert!(kept_copies(&fresh).is_empty(), "there was nothing to keep");
    assert_private(&fresh.db);
}

#[test]
fn an_older_backup_is_brought_up_to_date_as_it_is_restored() {
    let reg = demo();
    let old = reg.dir.path().join("old.sqlite");
    {
        let conn = Connection::open(&old).unwrap();
        conn.execute_batch(OLDEST_SCHEMA).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO unit (name, kind_id) VALUES ('鸡西市老单位', (SELECT id FROM kind WHERE code = 'organ'))",
            [],
        )
        .unwrap();
    }
    let original = std::fs::read(&old).unwrap();
    let latest = reg.count("PRAGMA user_version");
    reg.ok(&["db", "restore", arg(&old), "--yes"]);
    assert_eq!(reg.count("PRAGMA user_version"), latest);
    assert_eq!(reg.count("PRAGMA application_id"), APPLICATION_ID);
    assert_eq!(reg.count("SELECT count(*) FROM unit"), 1);
    assert_eq!(
        reg.text("SELECT name FROM unit").as_deref(),
        Some("鸡西市老单位")
    );
    assert_eq!(
        std::fs::read(&old).unwrap(),
        original,
        "the backup is only read"
    );
    reg.ok(&["db", "check"]);
}

#[test]
fn a_backup_of_another_page_size_is_restored() {
    let reg = demo();
    let before = reg.dump();
    let backup = raw_copy(&reg, "big-pages.sqlite");
    {
        let conn = Connection::open(&backup).unwrap();
        conn.execute_batch("PRAGMA page_size = 8192; VACUUM;")
            .unwrap();
        let size: i64 = conn
            .query_row("PRAGMA page_size", [], |row| row.get(0))
            .unwrap();
        assert_eq!(size, 8192);
    }
    reg.ok(&["unit", "add", "鸡西市新设单位", "--kind", "organ"]);
    reg.ok(&["db", "restore", arg(&backup), "--yes"]);
    assert_eq!(reg.dump(), before);
}

#[test]
fn a_restore_refuses_what_is_no_registry_or_too_new_or_broken() {
    let reg = demo();
    reg.ok(&["unit", "add", "鸡西市新设单位", "--kind", "organ"]);

    let text = reg.file("notes.sqlite", "这不是数据库\n");
    let other = reg.dir.path().join("other-app.sqlite");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE note (body TEXT); INSERT INTO note VALUES ('hello');")
        .unwrap();
    let empty = reg.file("empty.sqlite", "");
    let newer = raw_copy(&reg, "newer.sqlite");
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let broken = raw_copy(&reg, "broken.sqlite");
    Connection::open(&broken)
        .unwrap()
        .execute_batch(
            "INSERT INTO committee (name, status, established_on, dissolved_on)
                 VALUES ('测试关工委', 'dissolved', '2020-01-01', '2021-01-01');
             INSERT INTO committee_member (committee_id, name, role)
                 VALUES (last_insert_rowid(), '张三', 'member');",
        )
        .unwrap();
    let missing = reg.dir.path().join("missing.sqlite");

    let cases: [(&Path, &str); 6] = [
        (&text, "is not a ggw registry"),
        (&other, "is not a ggw registry"),
        (&empty, "is not a ggw registry"),
        (&newer, "newer ggw"),
        (&broken, "fails its checks"),
        (&missing, "there is no backup file"),
    ];
    for (file, reason) in cases {
        let bytes = std::fs::read(file).ok();
        let stderr = reg.refused(&["--lang", "en", "db", "restore", arg(file), "--yes"]);
        assert!(stderr.contains(reason), "{}: {stderr}", file.display());
        assert_eq!(
            std::fs::read(file).ok(),
            bytes,
            "{} was changed",
            file.display()
        );
    }
    let stderr = reg.refused(&["--lang", "en", "db", "restore", arg(&broken), "--yes"]);
    assert!(
        stderr.contains("张三"),
        "the refusal names the problem: {stderr}"
    );
    assert!(
        kept_copies(&reg).is_empty(),
        "nothing was replaced, nothing kept"
    );
    let mut left = names_in(reg.dir.path());
    left.retain(|n| n.starts_with('.'));
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn backups_in_a_directory_keep_the_newest_and_touch_nothing_else() {
    let reg = demo();
    let dir = reg.dir.path().join("backups");
    std::fs::create_dir(&dir).unwrap();
    for day in 1..=4 {
        std::fs::write(dir.join(format!("ggw-2020-01-0{day}-120000.sqlite")), "old").unwrap();
    }
    let others = [
        "ggw-notes.sqlite",
        "ggw-2020-01-01-120000.sqlite.bak",
        "ggw-2020-01-01-1200.sqlite",
        "registry.sqlite",
        "readme.txt",
    ];
    for name in others {
        std::fs::write(dir.join(name), "keep me").unwrap();
    }
    // A directory named like a backup is no backup.
    std::fs::create_dir(dir.join("ggw-2019-01-01-120000.sqlite")).unwrap();

    let said = reg.ok(&[
        "--lang",
        "en",
        "db",
        "backup",
        "--to-dir",
        arg(&dir),
        "--keep",
        "3",
    ]);
    let made: Vec<String> = names_in(&dir)
        .into_iter()
        .filter(|n| {
            n.starts_with("ggw-20") && !n.starts_with("ggw-2020") && !n.starts_with("ggw-2019")
        })
        .collect();
    assert_eq!(made.len(), 1, "{:?}", names_in(&dir));
    let made = &made[0];
    assert!(said.contains(made.as_str()), "{said}");
    let stamp = made.trim_start_matches("ggw-").trim_end_matches(".sqlite");
    assert!(
        chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d-%H%M%S").is_ok(),
        "{made}"
    );
    assert_eq!(dump_of(&dir.join(made)), reg.dump());
    assert_private(&dir.join(made));

    let mut expected: Vec<String> = others.iter().map(|s| s.to_string()).collect();
    expected.extend([
        made.clone(),
        "ggw-2019-01-01-120000.sqlite".to_string(),
        "ggw-2020-01-03-120000.sqlite".to_string(),
        "ggw-2020-01-04-120000.sqlite".to_string(),
    ]);
    expected.sort();
    assert_eq!(names_in(&dir), expected);
    assert!(said.contains("ggw-2020-01-01-120000.sqlite"), "{said}");
    assert!(said.contains("ggw-2020-01-02-120000.sqlite"), "{said}");
    for name in others {
        assert_eq!(std::fs::read(dir.join(name)).unwrap(), b"keep me");
    }

    // Without --keep nothing goes; two in one second get two names.
    reg.ok(&["db", "backup", "--to-dir", arg(&dir)]);
    reg.ok(&["db", "backup", "--to-dir", arg(&dir)]);
    let backups = names_in(&dir)
        .into_iter()
        .filter(|n| n.starts_with("ggw-20") && !others.contains(&n.as_str()))
        .filter(|n| n != "ggw-2019-01-01-120000.sqlite")
        .count();
    assert_eq!(backups, 5, "{:?}", names_in(&dir));

    // --keep 1 leaves the new one alone, even beside a name from the future.
    std::fs::write(dir.join("ggw-2999-01-01-000000.sqlite"), "future").unwrap();
    reg.ok(&["db", "backup", "--to-dir", arg(&dir), "--keep", "1"]);
    let left: Vec<String> = names_in(&dir)
        .into_iter()
        .filter(|n| n.starts_with("ggw-2") && !n.starts_with("ggw-2019"))
        .filter(|n| !others.contains(&n.as_str()))
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(dump_of(&dir.join(&left[0])), reg.dump());
    assert!(dir.join("ggw-2019-01-01-120000.sqlite").is_dir());

    // A backup directory is created when missing; --keep 0 is no request.
    let new_dir = reg.dir.path().join("new").join("backups");
    reg.ok(&["db", "backup", "--to-dir", arg(&new_dir)]);
    assert_eq!(names_in(&new_dir).len(), 1);
    let output = reg
        .ggw()
        .args(["db", "backup", "--to-dir", arg(&new_dir), "--keep", "0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert_eq!(names_in(&new_dir).len(), 1);
}

// ---------------------------------------------------------------------------
// Check
// ---------------------------------------------------------------------------

#[test]
fn the_demo_registry_passes_its_check() {
    let reg = demo();
    let said = reg.ok(&["--lang", "en", "db", "check"]);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("is fine"), "{said}");
    assert_eq!(check_json(&reg, "en"), (0, Vec::new()));
    // A merger leaves the merged unit's name as the other's alias, and its
    // committee covering the other unit: no finding, after two mergers too.
    reg.ok(&["unit", "merge", "鸡西市第一中学", "--into", "鸡西市财政局"]);
    reg.ok(&[
        "unit",
        "merge",
        "鸡西市财政局",
        "--into",
        "鸡西市热电有限公司",
    ]);
    assert_eq!(
        reg.count(
            "SELECT count(*) FROM unit_alias WHERE alias IN ('鸡西市第一中学', '鸡西市财政局')"
        ),
        2
    );
    assert_eq!(check_json(&reg, "en"), (0, Vec::new()));
}

/// Each rule, broken by writing rows directly, with what its finding names.
const BROKEN: &[(&str, &str, &str)] = &[
    (
        "foreign_key",
        "PRAGMA foreign_keys = OFF;
         UPDATE volunteer SET unit_id = 9999 WHERE id = (SELECT min(id) FROM volunteer);",
        "volunteer #1: unit_id refers to a unit row",
    ),
    (
        "committee_without_unit",
        "UPDATE committee_unit SET until = '2020-01-01'
         WHERE committee_id = (SELECT min(id) FROM committee WHERE status = 'active');",
        "covers no unit now",
    ),
    (
        "unit_covered_twice",
        "INSERT INTO committee (name, status, established_on) VALUES ('第二个关工委', 'active', '2023-01-01');
         INSERT INTO committee_unit (committee_id, unit_id, position)
             VALUES (last_insert_rowid(), (SELECT min(unit_id) FROM committee_unit WHERE until IS NULL), 1);",
        "several committees at once",
    ),
    (
        "member_of_dissolved_committee",
        "INSERT INTO committee (name, status, established_on, dissolved_on)
             VALUES ('测试关工委', 'dissolved', '2020-01-01', '2021-01-01');
         INSERT INTO committee_member (committee_id, name, role) VALUES (last_insert_rowid(), '张三', 'member');",
        "张三",
    ),
    (
        "volunteer_of_merged_unit",
        "INSERT INTO unit (name, kind_id) VALUES ('甲单位', (SELECT id FROM kind WHERE domain = 'unit' AND code = 'organ'));
         INSERT INTO unit (name, kind_id, status, merged_into, merged_on)
             VALUES ('乙单位', (SELECT id FROM kind WHERE domain = 'unit' AND code = 'organ'), 'merged',
                     (SELECT id FROM unit WHERE name = '甲单位'), '2024-01-01');
         INSERT INTO volunteer (name, category, unit_id) VALUES ('李四', 'cadre', (SELECT id FROM unit WHERE name = '乙单位'));",
        "李四",
    ),
    (
        "meeting_total_below_units",
        "INSERT INTO meeting (held_on, title, kind_id, attendees)
             VALUES ('2024-01-01', '测试会议', (SELECT id FROM kind WHERE domain = 'meeting' AND code = 'work'), 3);
         INSERT INTO meeting_unit (meeting_id, unit_id, attendees) VALUES (last_insert_rowid(), 1, 5);",
        "测试会议",
    ),
    (
        "merge_without_successor",
        "PRAGMA foreign_keys = OFF;
         INSERT INTO unit (name, kind_id, status, merged_into, merged_on)
             VALUES ('丙单位', (SELECT id FROM kind WHERE domain = 'unit' AND code = 'organ'), 'merged', 9999, '2024-01-01');",
        "丙单位",
    ),
    (
        "merge_loop",
        "INSERT INTO unit (name, kind_id) VALUES ('丁单位', (SELECT id FROM kind WHERE domain = 'unit' AND code = 'organ'));
         INSERT INTO unit (name, kind_id) VALUES ('戊单位', (SELECT id FROM kind WHERE domain = 'unit' AND code = 'organ'));
         UPDATE unit SET status = 'merged', merged_on = '2024-01-01',
             merged_into = (SELECT id FROM unit WHERE name = '戊单位') WHERE name = '丁单位';
         UPDATE unit SET status = 'merged', merged_on = '2024-01-01',
             merged_into = (SELECT id FROM unit WHERE name = '丁单位') WHERE name = '戊单位';",
        "丁单位",
    ),
    (
        "alias_is_unit_name",
        "INSERT INTO unit_alias (alias, unit_id)
             VALUES ((SELECT name FROM unit WHERE id = (SELECT max(id) FROM unit)), (SELECT min(id) FROM unit));",
        "is the name of another unit",
    ),
];

#[test]
fn the_check_names_each_broken_rule_and_exits_1() {
    // A new rule comes with its case here (a damaged file has its own test).
    let tested: Vec<&str> = BROKEN.iter().map(|(rule, ..)| *rule).collect();
    for rule in ggw::db::maintenance::RULES {
        assert!(
            *rule == "integrity" || tested.contains(rule),
            "{rule} is not tested"
        );
    }
    for (rule, sql, names) in BROKEN {
        let reg = demo();
        assert_eq!(check_json(&reg, "en"), (0, Vec::new()), "{rule}: before");
        reg.conn().execute_batch(sql).expect(rule);

        let (code, findings) = check_json(&reg, "en");
        assert_eq!(code, 1, "{rule}: {findings:?}");
        let found: Vec<&(String, String)> = findings.iter().filter(|(r, _)| r == rule).collect();
        assert!(!found.is_empty(), "{rule} not reported: {findings:?}");
        assert!(
            found.iter().any(|(_, message)| message.contains(names)),
            "{rule}: {found:?}"
        );

        // In the table format: each finding on its own line on stdout, the
        // count on stderr, exit 1; in Chinese too.
        for lang in ["zh", "en"] {
            let output = reg
                .ggw()
                .args(["--lang", lang, "db", "check"])
                .timeout(LIMIT)
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(1), "{rule}");
            let stdout = String::from_utf8(output.stdout).unwrap();
            assert_eq!(stdout.lines().count(), findings.len(), "{rule}: {stdout}");
            let stderr = String::from_utf8(output.stderr).unwrap();
            let count = findings.len().to_string();
            assert!(stderr.contains(&count), "{rule}: {stderr}");
        }
        let (_, zh) = check_json(&reg, "zh");
        assert!(
            zh.iter().any(
                |(r, m)| r == rule && m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            ),
            "{rule}: {zh:?}"
        );
    }
}

#[test]
fn a_merge_chain_into_a_loop_has_no_successor_and_the_loop_is_named_once() {
    let reg = demo();
    reg.conn()
        .execute_batch(
            "INSERT INTO unit (name, kind_id) VALUES ('丁单位', 1), ('戊单位', 1), ('己单位', 1);
             UPDATE unit SET status = 'merged', merged_on = '2024-01-01',
                 merged_into = (SELECT id FROM unit WHERE name = '戊单位') WHERE name IN ('丁单位', '己单位');
             UPDATE unit SET status = 'merged', merged_on = '2024-01-01',
                 merged_into = (SELECT id FROM unit WHERE name = '丁单位') WHERE name = '戊单位';",
        )
        .unwrap();
    let (code, findings) = check_json(&reg, "en");
    assert_eq!(code, 1);
    let loops: Vec<_> = findings.iter().filter(|(r, _)| r == "merge_loop").collect();
    assert_eq!(loops.len(), 1, "{findings:?}");
    assert!(
        loops[0].1.contains("'丁单位'") && loops[0].1.contains("'戊单位'"),
        "{loops:?}"
    );
    let stranded: Vec<_> = findings
        .iter()
        .filter(|(r, _)| r == "merge_without_successor")
        .collect();
    assert_eq!(stranded.len(), 1, "{findings:?}");
    assert!(stranded[0].1.contains("己单位"), "{stranded:?}");
}

#[test]
fn the_check_reports_a_damaged_file() {
    let reg = demo();
    // The index on unit.parent_id is declared to be on kind_id instead: its
    // entries no longer match the table.
    reg.conn()
        .execute_batch(
            "PRAGMA writable_schema = ON;
             UPDATE sqlite_schema SET sql = 'CREATE INDEX unit_parent ON unit (kind_id)'
             WHERE name = 'unit_parent';",
        )
        .unwrap();
    let (code, findings) = check_json(&reg, "en");
    assert_eq!(code, 1);
    assert!(!findings.is_empty());
    assert!(
        findings.iter().all(|(r, _)| r == "integrity"),
        "{findings:?}"
    );
    // Such a file is no backup to restore.
    let other = demo();
    let stderr = other.refused(&["--lang", "en", "db", "restore", arg(&reg.db), "--yes"]);
    assert!(stderr.contains("fails its checks"), "{stderr}");
}

// ---------------------------------------------------------------------------
// A backup while another process writes
// ---------------------------------------------------------------------------

#[test]
fn a_backup_taken_while_another_process_writes_is_sound() {
    let reg = demo();
    // Enough pages that a backup takes several steps, between which the
    // writer commits.
    reg.conn()
        .execute_batch(
            "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
             INSERT INTO volunteer (name, category, note)
             SELECT '五老' || i, 'cadre', printf('%.200c', 'x') FROM n;",
        )
        .unwrap();
    let pages = reg.count("PRAGMA page_count");
    assert!(pages > 1000, "{pages} pages");
    let units_at_start = reg.count("SELECT count(*) FROM unit");

    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let stop = Arc::clone(&stop);
        let db = reg.db.clone();
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            let mut added = 0;
            while !stop.load(Ordering::Relaxed) && Instant::now() < deadline {
                let name = format!("并发单位{added}");
                let output = ggw_on(&db)
                    .args(["unit", "add", &name, "--kind", "organ"])
                    .output()
                    .unwrap();
                assert!(
                    output.status.success(),
                    "the writer failed: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
                added += 1;
            }
            added
        })
    };
    // Let the writer get going.
    let started = Instant::now();
    while reg.count("SELECT count(*) FROM unit") < units_at_start + 3 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the writer never wrote"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let mut backups = Vec::new();
    for i in 0..3 {
        let path = reg.dir.path().join(format!("during-{i}.sqlite"));
        let output = reg
            .ggw()
            .args(["db", "backup", arg(&path)])
            .timeout(LIMIT)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "backup {i}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        backups.push(path);
    }
    eprintln!("three backups in {:?}", started.elapsed());
    let writing = !writer.is_finished();
    stop.store(true, Ordering::Relaxed);
    let added = writer.join().expect("the writer");
    assert!(
        writing,
        "the writer had finished before the backups were done"
    );
    let units_at_end = reg.count("SELECT count(*) FROM unit");
    assert_eq!(units_at_end, units_at_start + added as i64);

    for path in &backups {
        let conn = Connection::open(path).unwrap();
        let integrity: String = conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .unwrap();
        assert_eq!(integrity, "ok");
        let units: i64 = conn
            .query_row("SELECT count(*) FROM unit", [], |row| row.get(0))
            .unwrap();
        assert!(
            (units_at_start..=units_at_end).contains(&units),
            "{units} units in {}",
            path.display()
        );
        let volunteers: i64 = conn
            .query_row("SELECT count(*) FROM volunteer", [], |row| row.get(0))
            .unwrap();
        assert_eq!(volunteers, 20005);
        drop(conn);
        let output = ggw_on(path).args(["db", "check"]).output().unwrap();
        assert!(
            output.status.success(),
            "{}: {}{}",
            path.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
