//! The registry file: where it is, how it is created, upgraded and refused.

mod common;

use common::{Registry, arg};
use rusqlite::Connection;

/// The first schema ever released, as that release wrote new files.
const OLDEST_SCHEMA: &str = include_str!("../src/db/upgrades/0001_initial.sql");
const APPLICATION_ID: i64 = 0x6767_7731;

/// Tables, columns, keys and indexes, in a form that does not depend on how
/// the SQL text that made them was written.
fn schema_shape(conn: &Connection) -> Vec<String> {
    let mut shape = Vec::new();
    let mut stmt = conn
        .prepare("SELECT type, name, tbl_name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    let objects: Vec<(String, String, String)> = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (kind, name, table) in objects {
        shape.push(format!("{kind} {name} on {table}"));
        if kind == "table" {
            let mut columns = conn
                .prepare("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid")
                .unwrap();
            let rows = columns
                .query_map([&name], |row| {
                    Ok(format!(
                        "  column {} {} notnull={} default={:?} pk={}",
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, i64>(2)?,
                        row.get::<_, Option<String>>(3)?,
                        row.get::<_, i64>(4)?
                    ))
                })
                .unwrap();
            shape.extend(rows.map(Result::unwrap));
            let mut keys = conn
                .prepare("SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?1) ORDER BY id, seq")
                .unwrap();
            let rows = keys
                .query_map([&name], |row| {
                    Ok(format!(
                        "  references {}({:?}) from {} on delete {}",
                        row.get::<_, String>(0)?,
                        row.get::<_, Option<String>>(2)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(3)?
                    ))
                })
                .unwrap();
            shape.extend(rows.map(Result::unwrap));
        } else if kind == "index" {
            let mut columns = conn
                .prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")
                .unwrap();
            let rows = columns
                .query_map([&name], |row| row.get::<_, Option<String>>(0))
                .unwrap();
            shape.extend(rows.map(|c| format!("  indexes {:?}", c.unwrap())));
        }
    }
    shape
}

/// `ggw --db PATH` for a file that is not the test's registry.
fn ggw_on(path: &std::path::Path) -> assert_cmd::Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("ggw");
    command.arg("--db").arg(path).env_remove("GGW_LANG");
    command
}

/// A registry at the oldest schema version, holding a row in every table.
fn oldest_registry(r: &Registry) {
    let conn = Connection::open(&r.db).unwrap();
    conn.execute_batch(OLDEST_SCHEMA).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    conn.execute_batch(
        "INSERT INTO unit (id, name, kind_id, staff, young_staff, phone)
             VALUES (1, '鸡西市司法局', (SELECT id FROM kind WHERE code = 'organ'), 86, 27, '13800000001');
         INSERT INTO unit (id, name, kind_id, parent_id)
             VALUES (2, '鸡西市法律援助中心', (SELECT id FROM kind WHERE code = 'institution'), 1);
         INSERT INTO unit_alias (alias, unit_id) VALUES ('市司法局', 1);
         INSERT INTO committee (id, name, status, established_on, batch, has_leadership, yearly_funds)
             VALUES (1, '鸡西市司法局关工委', 'active', '2023-03-15', 1, 1, 2000000);
         INSERT INTO committee_unit (committee_id, unit_id, position) VALUES (1, 1, 1);
         INSERT INTO committee_member (committee_id, name, role, retired, started_on)
             VALUES (1, '王淑芬', 'executive_deputy', 1, '2023-03-15');",
    )
    .unwrap();
}

#[test]
fn an_old_registry_is_upgraded_through_every_step_without_losing_a_row() {
    let old = Registry::new();
    oldest_registry(&old);
    let rows_before = common::dump(&old.conn());

    // Any command opens, and so upgrades, the file.
    let listed = old.ok(&["unit", "list"]);
    assert!(listed.contains("鸡西市法律援助中心"), "{listed}");

    let fresh = Registry::new();
    fresh.ok(&["db", "init"]);
    assert_eq!(schema_shape(&old.conn()), schema_shape(&fresh.conn()));
    let version = |r: &Registry| r.count("PRAGMA user_version");
    assert_eq!(version(&old), version(&fresh));
    assert_eq!(old.count("PRAGMA application_id"), APPLICATION_ID);

    // Each table still holds every row it had (upgrades may add columns,
    // so each old row must appear as a prefix of its new form). SQLite's
    // own id counters (sqlite_sequence) may move on.
    let rows_after = common::dump(&old.conn());
    let mut in_sequence = false;
    for line in rows_before
        .lines()
        .filter(|l| !l.starts_with("user_version"))
    {
        if line.starts_with('[') {
            in_sequence = line == "[sqlite_sequence]";
        }
        if in_sequence {
            continue;
        }
        assert!(
            rows_after.lines().any(|after| after.starts_with(line)),
            "row lost in the upgrade: {line}"
        );
    }
    assert_eq!(
        old.text("SELECT name FROM unit WHERE id = 2").as_deref(),
        Some("鸡西市法律援助中心")
    );
    assert_eq!(
        old.count("SELECT yearly_funds FROM committee WHERE id = 1"),
        2_000_000
    );
    for registry in [&old, &fresh] {
        assert_eq!(inserts_building_temporary_tables(registry), 0);
    }
}

/// How many temporary tables SQLite builds to insert a volunteer: an IN
/// list of three or more in a CHECK makes one at every insert.
fn inserts_building_temporary_tables(r: &Registry) -> usize {
    r.conn()
        .prepare("EXPLAIN INSERT INTO volunteer (name, category) VALUES ('王一', 'cadre')")
        .unwrap()
        .query_map([], |row| row.get::<_, String>(1))
        .unwrap()
        .filter(|op| op.as_ref().unwrap() == "OpenEphemeral")
        .count()
}

/// The upgrade that rebuilds the volunteer table keeps every volunteer and
/// the highest id ever given, so that an id is never given twice.
#[test]
fn rebuilding_the_volunteer_table_keeps_its_rows_and_its_highest_id() {
    let r = Registry::new();
    for name in ["王一", "王二", "王三"] {
        r.ok(&["volunteer", "add", name, "--category", "cadre"]);
    }
    // As an undo of the last addition leaves it, in a file of version 7
    // (without what later versions add).
    r.conn()
        .execute_batch(
            "DELETE FROM volunteer WHERE id = 3; DROP INDEX committee_member_heads;
             PRAGMA user_version = 7;",
        )
        .unwrap();
    let before = r.text("SELECT group_concat(id || name, ',') FROM volunteer");
    r.ok(&["volunteer", "add", "王四", "--category", "cadre"]);
    assert!(r.count("PRAGMA user_version") >= 8);
    assert_eq!(before.as_deref(), Some("1王一,2王二"));
    assert_eq!(r.count("SELECT id FROM volunteer WHERE name = '王四'"), 4);
    r.ok(&["db", "check"]);
}

#[test]
fn a_new_registry_gets_the_current_schema_and_the_default_kinds() {
    let r = Registry::new();
    let out = r.ok(&["db", "init"]);
    assert!(out.contains("登记库已就绪"), "{out}");
    let reference = Connection::open_in_memory().unwrap();
    reference
        .execute_batch(include_str!("../schema.sql"))
        .unwrap();
    assert_eq!(schema_shape(&r.conn()), schema_shape(&reference));
    assert_eq!(
        r.text(
            "SELECT group_concat(name_zh, ',') FROM (SELECT name_zh FROM kind WHERE domain = 'unit' ORDER BY position)"
        )
        .as_deref(),
        Some("党政机关,司法机关,事业单位,国有企业,学校,群团组织,其他")
    );
    assert_eq!(
        r.text(
            "SELECT group_concat(name_zh, ',') FROM (SELECT name_zh FROM kind WHERE domain = 'meeting' ORDER BY position)"
        )
        .as_deref(),
        Some("推进会,工作会议,全委会,主任办公会,联席会议,例会,议事协商会,调研座谈会,培训会,其他")
    );
    assert_eq!(
        r.count("SELECT count(*) FROM kind WHERE domain = 'activity'"),
        12
    );
    assert_eq!(r.text("PRAGMA journal_mode").as_deref(), Some("wal"));
}

#[test]
fn a_registry_from_a_newer_ggw_is_refused_untouched() {
    let r = Registry::new();
    r.ok(&["unit", "add", "鸡西市司法局"]);
    r.conn().pragma_update(None, "user_version", 99).unwrap();
    let bytes = std::fs::read(&r.db).unwrap();
    let err = r.refused(&["unit", "list"]);
    assert!(
        err.contains("更新版本的 ggw") && err.contains("99"),
        "{err}"
    );
    let err = r.refused(&["--lang", "en", "unit", "add", "鸡西市国资局"]);
    assert!(
        err.contains("newer ggw") && err.contains("Upgrade ggw"),
        "{err}"
    );
    assert_eq!(bytes, std::fs::read(&r.db).unwrap());
}

#[test]
fn a_file_that_is_no_registry_is_refused_untouched() {
    let r = Registry::new();
    let text = r.file("notes.sqlite", "这不是数据库\n".repeat(200));
    let before = std::fs::read(&text).unwrap();
    let out = ggw_on(&text).args(["unit", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("不是 ggw 登记库文件"), "{err}");
    assert_eq!(before, std::fs::read(&text).unwrap());

    // Another program's SQLite file is not taken over either.
    let other = r.dir.path().join("other.sqlite");
    let conn = Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(conn);
    let before = std::fs::read(&other).unwrap();
    let out = ggw_on(&other).args(["unit", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("不是 ggw 登记库文件")
    );
    assert_eq!(before, std::fs::read(&other).unwrap());
}

#[cfg(unix)]
#[test]
fn a_new_registry_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let r = Registry::new();
    r.ok(&["unit", "add", "鸡西市司法局"]);
    for suffix in ["", "-wal", "-shm"] {
        let mut name = r.db.clone().into_os_string();
        name.push(suffix);
        if let Ok(meta) = std::fs::metadata(&name) {
            assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{name:?}");
        }
    }
}

#[test]
fn db_path_follows_the_option_then_the_environment_and_creates_nothing() {
    let r = Registry::new();
    let out = r.ok(&["db", "path"]);
    assert_eq!(out.trim(), arg(&r.db));
    assert!(!r.db.exists(), "db path must not create the file");

    let from_env = r.dir.path().join("from-env.sqlite");
    let out = assert_cmd::cargo::cargo_bin_cmd!("ggw")
        .args(["db", "path"])
        .env("GGW_DB", &from_env)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        arg(&from_env)
    );

    let out = assert_cmd::cargo::cargo_bin_cmd!("ggw")
        .args(["unit", "add", "鸡西市司法局"])
        .env("GGW_DB", &from_env)
        .env_remove("GGW_LANG")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(from_env.exists(), "the registry is created on first use");
}

#[test]
fn global_options_work_after_the_subcommand() {
    let r = Registry::new();
    r.ok(&["unit", "add", "鸡西市司法局", "--kind", "organ"]);
    let out = assert_cmd::cargo::cargo_bin_cmd!("ggw")
        .args([
            "unit",
            "list",
            "--format",
            "json",
            "--lang",
            "en",
            "--db",
            arg(&r.db),
        ])
        .env_remove("GGW_DB")
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["name"], "鸡西市司法局");
    assert_eq!(json[0]["kind"], "organ");
}

#[test]
fn the_language_comes_from_ggw_lang_when_not_given() {
    let r = Registry::new();
    let out = r
        .ggw()
        .args(["unit", "show", "无此单位"])
        .env("GGW_LANG", "en")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error: no unit named '无此单位'"), "{err}");
}

#[test]
fn usage_errors_exit_with_2() {
    let r = Registry::new();
    let out = r.ggw().args(["unit", "frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = r
        .ggw()
        .args(["--format", "xml", "unit", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn two_clerks_writing_at_once_both_land() {
    let r = Registry::new();
    r.ok(&["db", "init"]);
    let spawn = |prefix: &'static str| {
        let db = r.db.clone();
        std::thread::spawn(move || {
            for i in 0..25 {
                let out = assert_cmd::cargo::cargo_bin_cmd!("ggw")
                    .args([
                        "--db",
                        db.to_str().unwrap(),
                        "unit",
                        "add",
                        &format!("{prefix}{i:02}"),
                    ])
                    .output()
                    .unwrap();
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(out.status.success(), "{prefix}{i}: {err}");
                assert!(!err.contains("locked"), "{err}");
            }
        })
    };
    let a = spawn("甲单位");
    let b = spawn("乙单位");
    a.join().unwrap();
    b.join().unwrap();
    assert_eq!(r.count("SELECT count(*) FROM unit"), 50);
}

#[test]
fn another_programs_file_with_a_version_is_not_taken_for_a_newer_registry() {
    let r = Registry::new();
    let other = r.dir.path().join("other.sqlite");
    let conn = Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 5;")
        .unwrap();
    drop(conn);
    let out = ggw_on(&other).args(["unit", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("不是 ggw 登记库文件"), "{err}");
}

#[test]
fn a_locale_in_ggw_lang_picks_the_language() {
    let r = Registry::new();
    for (locale, start) in [("zh_CN.UTF-8", "错误："), ("en_US", "error: ")] {
        let out = r
            .ggw()
            .args(["unit", "show", "无此单位"])
            .env("GGW_LANG", locale)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{locale}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with(start), "{locale}: {err}");
    }
}

#[test]
fn an_unwritable_registry_path_is_a_refusal() {
    let r = Registry::new();
    let blocker = r.file("not-a-dir", "x");
    let out = ggw_on(&blocker.join("ggw.sqlite"))
        .args(["unit", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("错误：无法创建登记库文件"), "{err}");
}
