//! The change log: one entry a command that changed something, with every
//! row it changed before and after.

mod common;

use common::{Registry, arg};
use serde_json::Value;

fn entries(reg: &Registry) -> Vec<(i64, String)> {
    reg.conn()
        .prepare("SELECT id, command FROM change_entry ORDER BY id")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// (table, before, after) of an entry's rows, in order.
fn rows(reg: &Registry, entry: i64) -> Vec<(String, Option<Value>, Option<Value>)> {
    let json = |s: Option<String>| s.map(|s| serde_json::from_str::<Value>(&s).unwrap());
    reg.conn()
        .prepare("SELECT tbl, before, after FROM change_row WHERE entry_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([entry], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .map(|r| {
            let (table, before, after): (String, Option<String>, Option<String>) = r.unwrap();
            (table, json(before), json(after))
        })
        .collect()
}

#[test]
fn a_command_that_writes_is_one_entry_with_every_row_it_changed() {
    let reg = Registry::new();
    reg.ok(&[
        "unit",
        "add",
        "鸡西市司法局",
        "--alias",
        "市司法局",
        "--staff",
        "86",
    ]);
    let logged = entries(&reg);
    assert_eq!(logged.len(), 1);
    assert_eq!(
        logged[0].1,
        format!(
            "ggw --db {} unit add 鸡西市司法局 --alias 市司法局 --staff 86",
            arg(&reg.db)
        )
    );
    let changed = rows(&reg, logged[0].0);
    assert_eq!(changed.len(), 2);
    assert_eq!(changed[0].0, "unit");
    assert_eq!(changed[0].1, None);
    assert_eq!(changed[0].2.as_ref().unwrap()["name"], "鸡西市司法局");
    assert_eq!(changed[0].2.as_ref().unwrap()["staff"], 86);
    assert_eq!(changed[1].0, "unit_alias");

    reg.ok(&["unit", "edit", "市司法局", "--staff", "90"]);
    let logged = entries(&reg);
    let edit = rows(&reg, logged[1].0);
    assert_eq!(edit.len(), 1, "{edit:?}");
    assert_eq!(edit[0].1.as_ref().unwrap()["staff"], 86);
    assert_eq!(edit[0].2.as_ref().unwrap()["staff"], 90);
}

#[test]
fn a_command_that_changes_nothing_leaves_no_entry() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "鸡西市司法局"]);
    let before = reg.dump();
    reg.refused(&["unit", "add", "鸡西市司法局"]);
    reg.ok(&["unit", "edit", "鸡西市司法局", "--kind", "other"]);
    reg.ok(&["unit", "list"]);
    let sheet = reg.file("units.csv", "单位名称,职工人数\n鸡西市国资局,45\n");
    reg.ok(&["unit", "import", arg(&sheet), "--dry-run"]);
    assert_eq!(reg.dump(), before);
    assert_eq!(entries(&reg).len(), 1);
}

#[test]
fn an_import_is_one_entry_and_importing_it_again_none() {
    let reg = Registry::new();
    let sheet = reg.file(
        "units.csv",
        "单位名称,简称\n鸡西市国资局,市国资局\n鸡西市财政局,\n",
    );
    reg.ok(&["unit", "import", arg(&sheet)]);
    reg.ok(&["unit", "import", arg(&sheet)]);
    let logged = entries(&reg);
    assert_eq!(logged.len(), 1);
    assert_eq!(rows(&reg, logged[0].0).len(), 3, "two units and an alias");
}

#[test]
fn db_log_lists_the_entries_newest_first() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "鸡西市司法局"]);
    reg.ok(&[
        "committee",
        "establish",
        "鸡西市司法局",
        "--date",
        "2023-03-15",
    ]);
    let log: Value = serde_json::from_str(&reg.ok(&["--format", "json", "db", "log"])).unwrap();
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 2);
    assert!(
        log[0]["command"]
            .as_str()
            .unwrap()
            .ends_with("committee establish 鸡西市司法局 --date 2023-03-15")
    );
    assert_eq!(log[0]["added"], 2);
    assert_eq!(
        log[0]["tables"],
        serde_json::json!(["committee", "committee_unit"])
    );
    let units: Value =
        serde_json::from_str(&reg.ok(&["--format", "json", "db", "log", "--entity", "unit"]))
            .unwrap();
    assert_eq!(units.as_array().unwrap().len(), 1);
    let one: Value =
        serde_json::from_str(&reg.ok(&["--format", "json", "db", "log", "--limit", "1"])).unwrap();
    assert_eq!(one.as_array().unwrap().len(), 1);
}

/// Every table of the registry is logged, each trigger naming every column,
/// so that a column added later cannot go unrecorded.
#[test]
fn every_table_and_column_is_logged() {
    let reg = Registry::new();
    reg.ok(&["db", "init"]);
    let conn = reg.conn();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
             AND name NOT IN ('change_entry', 'change_row', 'sqlite_sequence') ORDER BY name",
        )
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(tables.len() >= 15, "{tables:?}");
    for table in tables {
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .unwrap()
            .query_map([&table], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for (event, record) in [("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")] {
            let name = format!("{table}_logged_{event}");
            if name == "volunteer_logged_insert" {
                // Logged by the insert itself: see the next test.
                assert_eq!(
                    conn.query_row(
                        "SELECT count(*) FROM sqlite_schema WHERE name = ?1",
                        [&name],
                        |row| row.get::<_, i64>(0)
                    )
                    .unwrap(),
                    0
                );
                continue;
            }
            let sql: Option<String> = conn
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                    [&name],
                    |row| row.get(0),
                )
                .ok();
            let sql = sql.unwrap_or_else(|| panic!("no trigger {name}"));
            for column in &columns {
                assert!(
                    sql.contains(&format!("'{column}', {record}.{column}")),
                    "{name} misses {column}"
                );
            }
        }
    }
}

/// The columns of a volunteer, as the change log names them.
fn volunteer_columns(reg: &Registry) -> Vec<String> {
    reg.conn()
        .prepare("SELECT name FROM pragma_table_info('volunteer') ORDER BY cid")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The keys of the JSON logged for a volunteer's row, in order.
fn logged_keys(json: &str) -> Vec<String> {
    let value: Value = serde_json::from_str(json).unwrap();
    value.as_object().unwrap().keys().cloned().collect()
}

/// A new volunteer is logged, every column, by the statement that inserts
/// it (no trigger); so is one put back by an undo.
#[test]
fn a_new_volunteer_is_logged_with_every_column_also_when_an_undo_puts_one_back() {
    let reg = Registry::new();
    reg.ok(&[
        "volunteer",
        "add",
        "赵新",
        "--category",
        "cadre",
        "--phone",
        "13800000001",
    ]);
    let after: String = reg
        .conn()
        .query_row(
            "SELECT after FROM change_row WHERE tbl = 'volunteer' AND before IS NULL",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(logged_keys(&after), volunteer_columns(&reg));
    let value: Value = serde_json::from_str(&after).unwrap();
    assert_eq!(value["name"], "赵新");
    assert_eq!(value["phone"], "13800000001");

    // A volunteer deleted by hand is logged by the delete trigger, and the
    // next command's entry takes the change; undoing it puts the row back.
    let records_before = records(&reg);
    reg.conn()
        .execute("DELETE FROM volunteer WHERE name = '赵新'", [])
        .unwrap();
    reg.ok(&["unit", "add", "鸡西市新设单位"]);
    reg.ok(&["db", "undo", "--yes"]);
    assert_eq!(records(&reg), records_before);
    let put_back: String = reg
        .conn()
        .query_row(
            "SELECT after FROM change_row WHERE tbl = 'volunteer' AND before IS NULL
               AND entry_id = (SELECT max(id) FROM change_entry)",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(put_back, after);
}

/// The registry's records, without the change log itself, each table's rows
/// sorted: an undo puts rows back with their values, not their rowids.
fn records(reg: &Registry) -> String {
    let mut tables: Vec<(String, Vec<String>)> = Vec::new();
    for line in reg.dump().lines().skip(1) {
        match line.strip_prefix('[') {
            Some(table) => tables.push((table.trim_end_matches(']').to_string(), Vec::new())),
            None => tables.last_mut().unwrap().1.push(line.to_string()),
        }
    }
    let mut kept = String::new();
    for (table, mut rows) in tables {
        if matches!(
            table.as_str(),
            "change_entry" | "change_row" | "sqlite_sequence"
        ) {
            continue;
        }
        rows.sort();
        kept.push_str(&format!("[{table}]\n{}\n", rows.join("\n")));
    }
    kept
}

/// Each undo gives back the registry exactly as it was before the command
/// it undoes, through every kind of change, back to an empty registry.
#[test]
fn undo_goes_back_one_command_at_a_time_to_the_start() {
    let reg = Registry::new();
    reg.ok(&["db", "init"]);
    let mut states = vec![records(&reg)];
    let steps: &[&[&str]] = &[
        &["demo"],
        &[
            "unit",
            "add",
            "鸡西市新设单位",
            "--kind",
            "organ",
            "--alias",
            "新设单位",
        ],
        &["unit", "edit", "新设单位", "--staff", "12"],
        &["committee", "establish", "新设单位", "--date", "2023-09-01"],
        &["unit", "add", "鸡西市旧设单位", "--alias", "旧设单位"],
        &[
            "unit",
            "merge",
            "旧设单位",
            "--into",
            "新设单位",
            "--date",
            "2023-10-01",
        ],
        &["volunteer", "add", "赵新", "--category", "cadre"],
        &[
            "activity",
            "add",
            "--unit",
            "新设单位",
            "--date",
            "2023-10-08",
            "--kind",
            "其他",
            "--title",
            "座谈",
        ],
        &["meeting", "remove", "1"],
        &["config", "set", "scope", "全省"],
    ];
    for step in steps {
        reg.ok(step);
        let now = records(&reg);
        assert_ne!(&now, states.last().unwrap(), "{step:?} changed nothing");
        states.push(now);
    }
    let logged = entries(&reg).len();
    assert_eq!(logged, steps.len());

    for (undone, step) in steps.iter().enumerate().rev() {
        let said = reg.ok(&["db", "undo", "--yes"]);
        assert!(said.starts_with("已撤销"), "{said}");
        assert!(said.contains(&step.join(" ")), "{said} names {step:?}");
        assert_eq!(records(&reg), states[undone], "undoing {step:?}");
    }
    reg.ok(&["db", "check"]);
    // Each undo is in the log, naming the entry it undid.
    let undone: Vec<(i64, String)> = reg
        .conn()
        .prepare("SELECT undoes, command FROM change_entry WHERE undoes IS NOT NULL ORDER BY id")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let expected: Vec<i64> = (1..=logged as i64).rev().collect();
    assert_eq!(
        undone.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        expected
    );
    assert!(undone[0].1.ends_with("db undo --yes"), "{}", undone[0].1);

    let before = reg.dump();
    let err = reg.refused(&["--lang", "en", "db", "undo", "--yes"]);
    assert!(err.contains("nothing to undo"), "{err}");
    assert_eq!(reg.dump(), before);
}

#[test]
fn undo_of_an_import_takes_back_every_row_and_a_later_command_stays() {
    let reg = Registry::new();
    let sheet = reg.file(
        "units.csv",
        "单位名称,简称\n鸡西市国资局,市国资局\n鸡西市财政局,\n",
    );
    reg.ok(&["unit", "import", arg(&sheet)]);
    let imported = records(&reg);
    reg.ok(&["unit", "edit", "市国资局", "--staff", "45"]);
    reg.ok(&["unit", "add", "鸡西市司法局"]);
    reg.ok(&["db", "undo", "--yes"]);
    assert_eq!(reg.count("SELECT count(*) FROM unit"), 2);
    assert_eq!(
        reg.count("SELECT staff FROM unit WHERE name = '鸡西市国资局'"),
        45,
        "only the last command is undone"
    );
    reg.ok(&["db", "undo", "--yes"]);
    assert_eq!(records(&reg), imported);
    reg.ok(&["db", "undo", "--yes"]);
    assert_eq!(reg.count("SELECT count(*) FROM unit"), 0);
    assert_eq!(reg.count("SELECT count(*) FROM unit_alias"), 0);
}

#[test]
fn undo_asks_first_and_without_a_terminal_needs_yes() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "鸡西市司法局"]);
    let before = reg.dump();
    let err = reg.refused(&["--lang", "en", "db", "undo"]);
    assert!(err.contains("add --yes"), "{err}");
    assert!(
        err.contains("unit add 鸡西市司法局"),
        "names the command: {err}"
    );
    assert!(err.contains("1 rows added"), "{err}");
    assert_eq!(reg.dump(), before);
}

#[test]
fn db_log_shows_which_entry_an_undo_undid() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "鸡西市司法局"]);
    reg.ok(&["db", "undo", "--yes"]);
    let log: Value = serde_json::from_str(&reg.ok(&["--format", "json", "db", "log"])).unwrap();
    assert_eq!(log[0]["undoes"], 1);
    assert_eq!(log[0]["removed"], 1);
    assert_eq!(log[1]["undoes"], Value::Null);
}

#[test]
fn show_ends_with_the_records_history() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "鸡西市司法局", "--alias", "市司法局"]);
    reg.ok(&["unit", "add", "鸡西市国资局"]);
    reg.ok(&["unit", "edit", "市司法局", "--staff", "86"]);
    let shown: Value =
        serde_json::from_str(&reg.ok(&["--format", "json", "unit", "show", "市司法局"])).unwrap();
    let history = shown["history"].as_array().unwrap();
    assert_eq!(history.len(), 2, "not the other unit's entry: {history:?}");
    assert_eq!(history[0]["id"], 1);
    assert_eq!(history[0]["change"], "added");
    assert_eq!(history[1]["id"], 3);
    assert_eq!(history[1]["change"], "changed");
    assert!(
        history[1]["command"]
            .as_str()
            .unwrap()
            .ends_with("unit edit 市司法局 --staff 86")
    );

    let table = reg.ok(&["unit", "show", "市司法局"]);
    let (_, history) = table.split_once("变更记录：").expect(&table);
    assert!(
        history.contains("新增") && history.contains("修改"),
        "{history}"
    );
    assert!(!history.contains("鸡西市国资局"), "{history}");

    reg.ok(&["volunteer", "add", "赵新", "--category", "cadre"]);
    let shown: Value =
        serde_json::from_str(&reg.ok(&["--format", "json", "volunteer", "show", "赵新"])).unwrap();
    assert_eq!(shown["history"][0]["change"], "added");
}
