//! `ggw committee`: establish, list, show, edit, members, dissolve and import,
//! each checked by what the registry holds afterwards.

mod common;

use common::{Registry, arg};
use rusqlite::types::ValueRef;
use serde_json::Value;

// ---------------------------------------------------------------------------
// Helpers of this file

/// Every row a query returns, each value as text (`NULL` for null).
fn rows(reg: &Registry, sql: &str) -> Vec<Vec<String>> {
    let conn = reg.conn();
    let mut stmt = conn.prepare(sql).expect(sql);
    let columns = stmt.column_count();
    let mut rows = stmt.query([]).expect(sql);
    let mut out = Vec::new();
    while let Some(row) = rows.next().expect(sql) {
        let cells = (0..columns)
            .map(|i| match row.get_ref(i).unwrap() {
                ValueRef::Null => "NULL".to_string(),
                ValueRef::Integer(n) => n.to_string(),
                ValueRef::Real(f) => f.to_string(),
                ValueRef::Text(t) => String::from_utf8(t.to_vec()).unwrap(),
                ValueRef::Blob(_) => "BLOB".to_string(),
            })
            .collect();
        out.push(cells);
    }
    out
}

/// One row as text, for short equality checks.
fn row(reg: &Registry, sql: &str) -> Vec<String> {
    let mut all = rows(reg, sql);
    assert_eq!(all.len(), 1, "{sql} should give one row: {all:?}");
    all.remove(0)
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

fn keys(object: &Value) -> Vec<&str> {
    object
        .as_object()
        .expect("a JSON object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn ids(list: &Value) -> Vec<i64> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|c| c["id"].as_i64().expect("an id"))
        .collect()
}

/// Registers units: (name, kind), optionally with one alias written `name=alias`.
fn add_units(reg: &Registry, units: &[(&str, &str)]) {
    for (name, kind) in units {
        match name.split_once('=') {
            Some((name, alias)) => reg.ok(&["unit", "add", name, "--alias", alias, "--kind", kind]),
            None => reg.ok(&["unit", "add", name, "--kind", kind]),
        };
    }
}

fn unit_id(reg: &Registry, name: &str) -> i64 {
    reg.count(&format!("SELECT id FROM unit WHERE name = '{name}'"))
}

/// The standards columns of a committee, in 六有 order.
fn standards(reg: &Registry, id: i64) -> Vec<String> {
    row(
        reg,
        &format!(
            "SELECT has_leadership, has_team, has_rules, has_premises, has_files, has_funds
             FROM committee WHERE id = {id}"
        ),
    )
}

const SIFAJU: &str = "鸡西市司法局";
const GUOZIJU: &str = "鸡西市国资局";
const REDIAN: &str = "鸡西市热电有限公司";
const GONGJIAO: &str = "鸡西市公交集团有限公司";
const CHENGTOU: &str = "鸡西市城市建设投资有限公司";

/// 鸡西市司法局 (alias 市司法局), 鸡西市国资局 and three state-owned enterprises.
fn registry() -> Registry {
    let reg = Registry::new();
    add_units(
        &reg,
        &[
            ("鸡西市司法局=市司法局", "党政机关"),
            ("鸡西市国资局=市国资局", "organ"),
            (REDIAN, "国有企业"),
            (GONGJIAO, "soe"),
            (CHENGTOU, "国有企业"),
        ],
    );
    reg
}

// ---------------------------------------------------------------------------
// establish

#[test]
fn establish_one_unit_takes_the_default_name() {
    let reg = registry();
    let out = reg.ok(&[
        "committee",
        "establish",
        "市司法局",
        "--date",
        "2023-03-15",
        "--batch",
        "1",
    ]);
    assert_eq!(out, "已建立鸡西市司法局关工委（#1），成立日期 2023-03-15\n");
    assert_eq!(
        row(
            &reg,
            "SELECT id, name, status, established_on, dissolved_on, batch, yearly_funds, note FROM committee"
        ),
        [
            "1",
            "鸡西市司法局关工委",
            "active",
            "2023-03-15",
            "NULL",
            "1",
            "NULL",
            "NULL"
        ]
    );
    assert_eq!(standards(&reg, 1), ["0", "0", "0", "0", "0", "0"]);
    assert_eq!(
        rows(
            &reg,
            "SELECT committee_id, unit_id, position FROM committee_unit"
        ),
        [["1", &unit_id(&reg, SIFAJU).to_string(), "1"]]
    );
    assert_eq!(reg.count("SELECT count(*) FROM committee_member"), 0);
}

#[test]
fn establish_in_english() {
    let reg = registry();
    let out = reg.ok(&[
        "--lang",
        "en",
        "committee",
        "establish",
        GUOZIJU,
        "--date",
        "2023/4/1",
    ]);
    assert_eq!(out, "set up 鸡西市国资局关工委 (#1) on 2023-04-01\n");
    assert_eq!(
        row(&reg, "SELECT established_on, batch FROM committee"),
        ["2023-04-01", "NULL"]
    );
}

#[test]
fn establish_a_joint_committee_over_three_units() {
    let reg = registry();
    let out = reg.ok(&[
        "committee",
        "establish",
        REDIAN,
        GONGJIAO,
        CHENGTOU,
        "--date",
        "2023-04-12",
        "--batch",
        "2",
    ]);
    assert_eq!(
        out,
        "已建立鸡西市热电有限公司等3家单位联合关工委（#1），成立日期 2023-04-12\n"
    );
    assert_eq!(
        row(
            &reg,
            "SELECT name, status, established_on, batch FROM committee"
        ),
        [
            "鸡西市热电有限公司等3家单位联合关工委",
            "active",
            "2023-04-12",
            "2"
        ]
    );
    let expected: Vec<Vec<String>> = [REDIAN, GONGJIAO, CHENGTOU]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            vec![
                "1".to_string(),
                unit_id(&reg, name).to_string(),
                (i + 1).to_string(),
            ]
        })
        .collect();
    assert_eq!(
        rows(
            &reg,
            "SELECT committee_id, unit_id, position FROM committee_unit ORDER BY position"
        ),
        expected
    );
}

#[test]
fn establish_a_planned_committee_without_a_date() {
    let reg = registry();
    let out = reg.ok(&[
        "committee",
        "establish",
        GUOZIJU,
        "--planned",
        "--batch",
        "3",
    ]);
    assert_eq!(out, "已登记筹建中的鸡西市国资局关工委（#1）\n");
    assert_eq!(
        row(
            &reg,
            "SELECT name, status, established_on, dissolved_on, batch FROM committee"
        ),
        ["鸡西市国资局关工委", "planned", "NULL", "NULL", "3"]
    );
    // A planned committee is the unit's committee: a second one is refused.
    let err = reg.refused(&["committee", "establish", GUOZIJU, "--date", "2023-05-01"]);
    assert!(err.contains("已有关工委（#1）"), "{err}");
}

#[test]
fn establish_with_a_name_of_its_own() {
    let reg = registry();
    reg.ok(&[
        "committee",
        "establish",
        REDIAN,
        GONGJIAO,
        "--date",
        "2023-04-12",
        "--name",
        "市国资系统企业联合关工委",
    ]);
    assert_eq!(
        row(&reg, "SELECT name, status FROM committee"),
        ["市国资系统企业联合关工委", "active"]
    );
    assert_eq!(
        reg.count("SELECT count(*) FROM committee_unit WHERE committee_id = 1"),
        2
    );
}

#[test]
fn date_and_planned_together_is_a_usage_error() {
    let reg = registry();
    let before = reg.dump();
    let output = reg
        .ggw()
        .args([
            "committee",
            "establish",
            GUOZIJU,
            "--planned",
            "--date",
            "2023-01-01",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(reg.dump(), before);
}

#[test]
fn establish_refusals_leave_the_registry_unchanged() {
    let reg = registry();
    reg.ok(&["committee", "establish", SIFAJU, "--date", "2023-03-15"]);

    let err = reg.refused(&[
        "committee",
        "establish",
        "鸡西市司法",
        "--date",
        "2023-03-15",
    ]);
    assert!(
        err.starts_with("错误：未找到单位“鸡西市司法”。相近的有：鸡西市司法局"),
        "{err}"
    );
    let err = reg.refused(&[
        "--lang",
        "en",
        "committee",
        "establish",
        "鸡西市国资",
        "--date",
        "2023-03-15",
    ]);
    assert!(
        err.starts_with("error: no unit named '鸡西市国资'. Nearest: 鸡西市国资局"),
        "{err}"
    );

    let err = reg.refused(&["committee", "establish", "市司法局", "--date", "2023-04-01"]);
    assert_eq!(
        err,
        "错误：单位“鸡西市司法局”已有关工委（#1）：可用 ggw committee show 1 查看\n"
    );
    // One unit of a joint committee that has one already refuses the whole committee.
    let err = reg.refused(&[
        "committee",
        "establish",
        GUOZIJU,
        SIFAJU,
        "--date",
        "2023-04-01",
    ]);
    assert!(err.contains("单位“鸡西市司法局”已有关工委（#1）"), "{err}");

    let err = reg.refused(&["committee", "establish", GUOZIJU, "--date", "2023-02-30"]);
    assert!(err.contains("“2023-02-30”不是有效日期"), "{err}");
    let err = reg.refused(&["committee", "establish", GUOZIJU, "--date", "yesterday"]);
    assert!(err.contains("“yesterday”不是有效日期"), "{err}");

    let err = reg.refused(&["committee", "establish", GUOZIJU, "--date", "2099-01-01"]);
    assert!(err.contains("成立日期 2099-01-01 晚于今天"), "{err}");
    assert!(err.contains("--planned"), "{err}");

    let err = reg.refused(&[
        "committee",
        "establish",
        GUOZIJU,
        "--date",
        "2023-01-01",
        "--batch",
        "0",
    ]);
    assert!(err.contains("批次应为从1开始的整数，而不是 0"), "{err}");
    let err = reg.refused(&[
        "committee",
        "establish",
        GUOZIJU,
        "--date",
        "2023-01-01",
        "--batch",
        "-2",
    ]);
    assert!(err.contains("而不是 -2"), "{err}");

    let err = reg.refused(&[
        "committee",
        "establish",
        REDIAN,
        REDIAN,
        "--date",
        "2023-01-01",
    ]);
    assert!(err.contains("单位“鸡西市热电有限公司”重复"), "{err}");

    assert_eq!(reg.count("SELECT count(*) FROM committee"), 1);
}

#[test]
fn a_merged_unit_gets_no_committee_of_its_own() {
    let reg = registry();
    add_units(
        &reg,
        &[
            ("鸡西市城市管理局", "organ"),
            ("鸡西市城市管理综合执法局", "organ"),
        ],
    );
    let old = unit_id(&reg, "鸡西市城市管理局");
    let new = unit_id(&reg, "鸡西市城市管理综合执法局");
    reg.ok(&[
        "unit",
        "merge",
        "鸡西市城市管理局",
        "--into",
        "鸡西市城市管理综合执法局",
        "--date",
        "2023-01-01",
    ]);

    // By its id, the merged unit itself: refused, naming its successor.
    let err = reg.refused(&[
        "committee",
        "establish",
        &format!("#{old}"),
        "--date",
        "2023-03-01",
    ]);
    assert!(
        err.contains("单位“鸡西市城市管理局”已并入“鸡西市城市管理综合执法局”"),
        "{err}"
    );
    // By its old name, which now names the unit it went into.
    reg.ok(&[
        "committee",
        "establish",
        "鸡西市城市管理局",
        "--date",
        "2023-03-01",
    ]);
    assert_eq!(
        rows(
            &reg,
            "SELECT c.name, cu.unit_id FROM committee c JOIN committee_unit cu ON cu.committee_id = c.id"
        ),
        [[
            "鸡西市城市管理综合执法局关工委".to_string(),
            new.to_string()
        ]]
    );
}

// ---------------------------------------------------------------------------
// list and show

/// #1 司法局 active, batch 1, with a director and an executive deputy;
/// #2 the joint committee of two enterprises, batch 2; #3 国资局 planned;
/// #4 老干部服务中心, batch 1, dissolved.
fn four_committees() -> Registry {
    let reg = registry();
    add_units(&reg, &[("鸡西市老干部服务中心", "事业单位")]);
    reg.ok(&[
        "committee",
        "establish",
        SIFAJU,
        "--date",
        "2023-03-15",
        "--batch",
        "1",
    ]);
    reg.ok(&[
        "committee",
        "establish",
        REDIAN,
        GONGJIAO,
        "--date",
        "2023-04-12",
        "--batch",
        "2",
    ]);
    reg.ok(&["committee", "establish", GUOZIJU, "--planned"]);
    reg.ok(&[
        "committee",
        "establish",
        "鸡西市老干部服务中心",
        "--date",
        "2022-05-01",
        "--batch",
        "1",
    ]);
    reg.ok(&[
        "committee",
        "dissolve",
        "鸡西市老干部服务中心",
        "--date",
        "2023-01-31",
    ]);
    reg.ok(&[
        "committee",
        "member",
        "add",
        "1",
        "周文博",
        "--role",
        "主任",
    ]);
    reg.ok(&[
        "committee",
        "member",
        "add",
        "1",
        "王淑芬",
        "--role",
        "常务副主任",
        "--retired",
    ]);
    reg
}

#[test]
fn list_leaves_out_dissolved_committees_unless_asked() {
    let reg = four_committees();
    let list = json(&reg.ok(&["--format", "json", "committee", "list"]));
    assert_eq!(ids(&list), [1, 2, 3]);
    assert_eq!(
        keys(&list[0]),
        [
            "id",
            "name",
            "units",
            "status",
            "established_on",
            "batch",
            "director",
            "executive_deputy",
            "standards_met",
            "compliant"
        ]
    );
    assert_eq!(
        list[0],
        serde_json::json!({
            "id": 1, "name": "鸡西市司法局关工委", "units": ["鸡西市司法局"], "status": "active",
            "established_on": "2023-03-15", "batch": 1, "director": "周文博",
            "executive_deputy": "王淑芬", "standards_met": 0, "compliant": false
        })
    );
    assert_eq!(list[1]["units"], serde_json::json!([REDIAN, GONGJIAO]));
    assert_eq!(list[2]["status"], "planned");
    assert_eq!(list[2]["established_on"], Value::Null);

    let all = json(&reg.ok(&["--format", "json", "committee", "list", "--all"]));
    assert_eq!(ids(&all), [1, 2, 3, 4]);
    assert_eq!(all[3]["status"], "dissolved");
}

#[test]
fn list_by_status_in_chinese_or_english_and_by_batch() {
    let reg = four_committees();
    let list = |args: &[&str]| {
        let mut full = vec!["--format", "json", "committee", "list"];
        full.extend_from_slice(args);
        ids(&json(&reg.ok(&full)))
    };
    assert_eq!(list(&["--status", "筹建中"]), [3]);
    assert_eq!(list(&["--status", "planned"]), [3]);
    assert_eq!(list(&["--status", "已成立"]), [1, 2]);
    assert_eq!(list(&["--status", "active"]), [1, 2]);
    assert_eq!(list(&["--status", "已撤销"]), [4]);
    assert_eq!(list(&["--status", "dissolved"]), [4]);
    assert_eq!(list(&["--batch", "1"]), [1]);
    assert_eq!(list(&["--batch", "1", "--all"]), [1, 4]);
    assert_eq!(list(&["--batch", "2"]), [2]);
    assert!(list(&["--batch", "7"]).is_empty());

    let err = reg.refused(&["committee", "list", "--status", "休眠"]);
    assert!(
        err.contains("未知的状态“休眠”：可选 筹建中、已成立、已撤销"),
        "{err}"
    );
}

#[test]
fn list_as_a_chinese_table_and_csv() {
    let reg = four_committees();
    let table = reg.ok(&["committee", "list"]);
    let line = table
        .lines()
        .find(|l| l.contains("鸡西市司法局关工委"))
        .expect(&table);
    let cells: Vec<&str> = line
        .split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cells,
        [
            "1",
            "鸡西市司法局关工委",
            "鸡西市司法局",
            "已成立",
            "2023-03-15",
            "1",
            "周文博",
            "王淑芬",
            "0",
            "否"
        ]
    );
    let csv = reg.ok(&[
        "--format",
        "csv",
        "--lang",
        "en",
        "committee",
        "list",
        "--status",
        "planned",
    ]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "ID,Name,Units,Status,Established,Batch,Director,Executive deputy,Standards met (of 6),Compliant"
    );
    assert_eq!(
        lines.next().unwrap(),
        "3,鸡西市国资局关工委,鸡西市国资局,planned,,,,,0,no"
    );
    assert_eq!(lines.next(), None);
}

#[test]
fn show_by_id_by_name_and_by_a_units_alias() {
    let reg = four_committees();
    reg.ok(&[
        "committee",
        "member",
        "add",
        "1",
        "张三",
        "--role",
        "联络员",
        "--from",
        "2023-03-15",
    ]);
    reg.ok(&[
        "committee",
        "member",
        "remove",
        "1",
        "张三",
        "--date",
        "2023-06-30",
    ]);

    let by_id = reg.ok(&["--format", "json", "committee", "show", "1"]);
    let by_hash = reg.ok(&["--format", "json", "committee", "show", "#1"]);
    let by_name = reg.ok(&[
        "--format",
        "json",
        "committee",
        "show",
        "鸡西市司法局关工委",
    ]);
    let by_alias = reg.ok(&["--format", "json", "committee", "show", "市司法局"]);
    assert_eq!(by_id, by_hash);
    assert_eq!(by_id, by_name);
    assert_eq!(by_id, by_alias);

    let shown = json(&by_id);
    assert!(shown.is_object());
    assert_eq!(
        keys(&shown),
        [
            "id",
            "name",
            "status",
            "established_on",
            "dissolved_on",
            "batch",
            "units",
            "meets",
            "lacks",
            "compliant",
            "yearly_funds",
            "note",
            "members",
            "former_members",
            "history"
        ]
    );
    assert_eq!(shown["id"], 1);
    assert_eq!(shown["units"], serde_json::json!(["鸡西市司法局"]));
    assert_eq!(shown["meets"], serde_json::json!([]));
    assert_eq!(
        shown["lacks"],
        serde_json::json!(["leadership", "team", "rules", "premises", "files", "funds"])
    );
    assert_eq!(
        shown["members"],
        serde_json::json!([
            {"role": "director", "name": "周文博", "retired": false, "post": null, "phone": null, "started_on": null},
            {"role": "executive_deputy", "name": "王淑芬", "retired": true, "post": null, "phone": null, "started_on": null}
        ])
    );
    assert_eq!(
        shown["former_members"],
        serde_json::json!([
            {"role": "liaison", "name": "张三", "retired": false, "post": null,
             "started_on": "2023-03-15", "ended_on": "2023-06-30"}
        ])
    );

    // A unit whose only committee was dissolved shows that one.
    let old = json(&reg.ok(&[
        "--format",
        "json",
        "committee",
        "show",
        "鸡西市老干部服务中心",
    ]));
    assert_eq!(
        (old["id"].as_i64(), old["status"].as_str()),
        (Some(4), Some("dissolved"))
    );
    assert_eq!(old["dissolved_on"], "2023-01-31");

    let table = reg.ok(&["committee", "show", "1"]);
    assert!(
        table.contains("| 名称           | 鸡西市司法局关工委"),
        "{table}"
    );
    assert!(table.contains("成员："), "{table}");
    assert!(table.contains("往届成员："), "{table}");

    let err = reg.refused(&["committee", "show", "99"]);
    assert!(err.contains("没有编号为 99 的关工委"), "{err}");
    add_units(&reg, &[("鸡西市财政局", "organ")]);
    let err = reg.refused(&["committee", "show", "鸡西市财政局"]);
    assert!(err.contains("单位“鸡西市财政局”还没有关工委"), "{err}");
}

// ---------------------------------------------------------------------------
// edit

#[test]
fn edit_the_six_standards_in_chinese_and_english() {
    let reg = registry();
    reg.ok(&["committee", "establish", SIFAJU, "--date", "2023-03-15"]);

    let out = reg.ok(&[
        "committee",
        "edit",
        "1",
        "--meets",
        "场所,经费",
        "--lacks",
        "档案",
    ]);
    assert_eq!(out, "已更新鸡西市司法局关工委（#1）\n");
    assert_eq!(standards(&reg, 1), ["0", "0", "0", "1", "0", "1"]);

    // The same again, in English: nothing changes, and it says so.
    let out = reg.ok(&["committee", "edit", "市司法局", "--meets", "premises,funds"]);
    assert_eq!(out, "鸡西市司法局关工委（#1）没有变化\n");
    let out = reg.ok(&[
        "--lang",
        "en",
        "committee",
        "edit",
        "1",
        "--meets",
        "premises;funds",
    ]);
    assert_eq!(out, "鸡西市司法局关工委 (#1) is unchanged\n");
    assert_eq!(standards(&reg, 1), ["0", "0", "0", "1", "0", "1"]);

    reg.ok(&[
        "committee",
        "edit",
        "1",
        "--meets",
        "leadership、有队伍",
        "--lacks",
        "funds",
    ]);
    assert_eq!(standards(&reg, 1), ["1", "1", "0", "1", "0", "0"]);

    reg.ok(&["committee", "edit", "1", "--meets", "六有"]);
    assert_eq!(standards(&reg, 1), ["1", "1", "1", "1", "1", "1"]);
    let shown = json(&reg.ok(&["--format", "json", "committee", "show", "1"]));
    assert_eq!(shown["compliant"], true);
    assert_eq!(shown["lacks"], serde_json::json!([]));

    let err = reg.refused(&[
        "committee",
        "edit",
        "1",
        "--meets",
        "场所",
        "--lacks",
        "premises",
    ]);
    assert!(
        err.contains("“有场所”不能同时列在 --meets 和 --lacks 中"),
        "{err}"
    );
    let err = reg.refused(&["committee", "edit", "1", "--lacks", "场所,食堂"]);
    assert!(err.contains("未知的六有标准“食堂”"), "{err}");
}

#[test]
fn edit_funds_name_batch_and_note() {
    let reg = registry();
    reg.ok(&["committee", "establish", SIFAJU, "--date", "2023-03-15"]);
    reg.ok(&["committee", "edit", "1", "--funds", "2万"]);
    assert_eq!(
        reg.count("SELECT yearly_funds FROM committee WHERE id = 1"),
        2_000_000
    );
    // 20000 yuan is the same amount.
    assert_eq!(
        reg.ok(&["committee", "edit", "1", "--funds", "20000"]),
        "鸡西市司法局关工委（#1）没有变化\n"
    );
    reg.ok(&["committee", "edit", "1", "--funds", "1,500.5元"]);
    assert_eq!(
        reg.count("SELECT yearly_funds FROM committee WHERE id = 1"),
        150_050
    );
    let shown = json(&reg.ok(&["--format", "json", "committee", "show", "1"]));
    assert_eq!(shown["yearly_funds"], 1500.5);

    let err = reg.refused(&["committee", "edit", "1", "--funds", "-5"]);
    assert!(err.contains("“-5”不是金额"), "{err}");
    let err = reg.refused(&["committee", "edit", "1", "--batch", "0"]);
    assert!(err.contains("批次应为从1开始的整数"), "{err}");

    reg.ok(&[
        "committee",
        "edit",
        "1",
        "--name",
        "市司法局关工委",
        "--batch",
        "2",
        "--note",
        "试点单位",
    ]);
    assert_eq!(
        row(&reg, "SELECT name, batch, note FROM committee WHERE id = 1"),
        ["市司法局关工委", "2", "试点单位"]
    );
    let err = reg.refused(&["committee", "edit", "1", "--name", "  "]);
    assert!(err.contains("关工委名称不能为空"), "{err}");
}

#[test]
fn edit_the_units_of_a_joint_committee() {
    let reg = registry();
    reg.ok(&[
        "committee",
        "establish",
        REDIAN,
        GONGJIAO,
        "--date",
        "2023-04-12",
    ]);
    let covered = |reg: &Registry| -> Vec<String> {
        rows(
            reg,
            "SELECT u.name FROM committee_unit cu JOIN unit u ON u.id = cu.unit_id
             WHERE cu.committee_id = 1 AND cu.until IS NULL ORDER BY cu.position",
        )
        .into_iter()
        .map(|mut r| r.remove(0))
        .collect()
    };

    reg.ok(&["committee", "edit", "1", "--add-unit", CHENGTOU]);
    assert_eq!(covered(&reg), [REDIAN, GONGJIAO, CHENGTOU]);
    reg.ok(&[
        "committee",
        "edit",
        "1",
        "--remove-unit",
        REDIAN,
        "--remove-unit",
        GONGJIAO,
    ]);
    assert_eq!(covered(&reg), [CHENGTOU]);
    // The units that left keep their history: their cover ended today.
    let today = chrono::Local::now().date_naive().to_string();
    assert_eq!(
        reg.count(&format!(
            "SELECT count(*) FROM committee_unit WHERE committee_id = 1 AND until = '{today}'"
        )),
        2
    );
    // The name stays as it was given.
    assert_eq!(
        reg.text("SELECT name FROM committee WHERE id = 1")
            .as_deref(),
        Some("鸡西市热电有限公司等2家单位联合关工委")
    );

    let err = reg.refused(&["committee", "edit", "1", "--remove-unit", CHENGTOU]);
    assert!(err.contains("关工委至少要覆盖一个单位"), "{err}");
    let err = reg.refused(&["committee", "edit", "1", "--remove-unit", REDIAN]);
    assert!(
        err.contains("单位“鸡西市热电有限公司”不在这个关工委中"),
        "{err}"
    );

    reg.ok(&["committee", "establish", SIFAJU, "--date", "2023-03-15"]);
    let err = reg.refused(&["committee", "edit", "1", "--add-unit", "市司法局"]);
    assert!(err.contains("单位“鸡西市司法局”已有关工委（#2）"), "{err}");
    // The unit freed by the removal can be covered again, in its old place.
    reg.ok(&["committee", "edit", "1", "--add-unit", REDIAN]);
    assert_eq!(covered(&reg), [REDIAN, CHENGTOU]);
}

#[test]
fn a_date_activates_a_planned_committee() {
    let reg = registry();
    reg.ok(&["committee", "establish", GUOZIJU, "--planned"]);
    let err = reg.refused(&["committee", "edit", "1", "--date", "2099-12-31"]);
    assert!(err.contains("晚于今天"), "{err}");
    let err = reg.refused(&["committee", "edit", "1", "--date", "2023-02-29"]);
    assert!(err.contains("不是有效日期"), "{err}");

    assert_eq!(
        reg.ok(&["committee", "edit", "1", "--date", "2023年5月10日"]),
        "已更新鸡西市国资局关工委（#1）\n"
    );
    assert_eq!(
        row(
            &reg,
            "SELECT status, established_on FROM committee WHERE id = 1"
        ),
        ["active", "2023-05-10"]
    );
    assert_eq!(
        reg.ok(&["committee", "edit", "1", "--date", "2023-05-10"]),
        "鸡西市国资局关工委（#1）没有变化\n"
    );
    assert_eq!(
        reg.ok(&["committee", "edit", "1"]),
        "鸡西市国资局关工委（#1）没有变化\n"
    );
}

#[test]
fn a_dissolved_committee_cannot_be_edited() {
    let reg = registry();
    reg.ok(&["committee", "establish", GUOZIJU, "--date", "2023-01-01"]);
    reg.ok(&["committee", "dissolve", "1", "--date", "2023-02-01"]);
    let err = reg.refused(&["committee", "edit", "1", "--meets", "六有"]);
    assert!(err.contains("已撤销，不能再修改"), "{err}");
}

// ---------------------------------------------------------------------------
// members

const MEMBER_COLUMNS: &str =
    "SELECT name, role, retired, post, phone, started_on, ended_on FROM committee_member";

#[test]
fn members_with_roles_in_chinese_and_english() {
    let reg = registry();
    reg.ok(&["committee", "establish", SIFAJU, "--date", "2023-03-15"]);
    let out = reg.ok(&[
        "committee",
        "member",
        "add",
        "市司法局",
        "周文博",
        "--role",
        "主任",
        "--post",
        "党组书记、局长",
        "--phone",
        "+86 139-0467-1234",
        "--from",
        "2023-03-15",
    ]);
    assert_eq!(out, "已增加鸡西市司法局关工委主任：周文博\n");
    reg.ok(&[
        "committee",
        "member",
        "add",
        "1",
        "王淑芬",
        "--role",
        "executive-deputy",
        "--retired",
        "--post",
        "原副局长",
        "--phone",
        "0467-2345678",
    ]);
    reg.ok(&[
        "committee",
        "member",
        "add",
        "1",
        "李明",
        "--role",
        "通讯员",
    ]);
    let out = reg.ok(&[
        "--lang",
        "en",
        "committee",
        "member",
        "add",
        "1",
        "赵刚",
        "--role",
        "deputy director",
    ]);
    assert_eq!(out, "added 赵刚 as deputy director of 鸡西市司法局关工委\n");

    assert_eq!(
        rows(&reg, &format!("{MEMBER_COLUMNS} ORDER BY id")),
        [
            [
                "周文博",
                "director",
                "0",
                "党组书记、局长",
                "13904671234",
                "2023-03-15",
                "NULL"
            ],
            [
                "王淑芬",
                "executive_deputy",
                "1",
                "原副局长",
                "0467-2345678",
                "NULL",
                "NULL"
            ],
            ["李明", "liaison", "0", "NULL", "NULL", "NULL", "NULL"],
            [
                "赵刚",
                "deputy_director",
                "0",
                "NULL",
                "NULL",
                "NULL",
                "NULL"
            ],
        ]
    );
}

#[test]
fn a_second_director_and_unknown_roles_are_refused() {
    let reg = registry();
    reg.ok(&["committee", "establish", SIFAJU, "--date", "2023-03-15"]);
    reg.ok(&[
        "committee",
        "member",
        "add",
        "1",
        "周文博",
        "--role",
        "director",
    ]);

    let err = reg.refused(&[
        "committee",
        "member",
        "add",
        "1",
        "孙志刚",
        "--role",
        "主任",
    ]);
    assert!(err.contains("“鸡西市司法局关工委”已有主任周文博"), "{err}");
    assert!(err.contains("ggw committee member remove"), "{err}");

    let err = reg.refused(&[
        "committee",
        "member",
        "add",
        "1",
        "孙志刚",
        "--role",
        "老大",
    ]);
    assert_eq!(
        err,
        "错误：未知的职务“老大”：可选 名誉主任、顾问、主任、常务副主任、副主任、秘书长、委员、联络员\n"
    );
    let err = reg.refused(&[
        "--lang",
        "en",
        "committee",
        "member",
        "add",
        "1",
        "孙志刚",
        "--role",
        "boss",
    ]);
    assert_eq!(
        err,
        "error: unknown role 'boss': use one of honorary_director, adviser, director, executive_deputy, deputy_director, secretary_general, member, liaison\n"
    );

    let err = reg.refused(&[
        "committee",
        "member",
        "add",
        "1",
        "孙志刚",
        "--role",
        "委员",
        "--phone",
        "12345",
    ]);
    assert!(err.contains("“12345”不是有效电话号码"), "{err}");
    // Several deputies and members are fine; the same person twice in one role is not.
    reg.ok(&[
        "committee",
        "member",
        "add",
        "1",
        "孙志刚",
        "--role",
        "委员",
    ]);
    reg.ok(&[
        "committee",
        "member",
        "add",
        "1",
        "刘振华",
        "--role",
        "委员",
    ]);
    let err = reg.refused(&[
        "committee",
        "member",
        "add",
        "1",
        "孙志刚",
        "--role",
        "member",
    ]);
    assert!(
        err.contains("孙志刚已是“鸡西市司法局关工委”的委员"),
        "{err}"
    );

    // Once the term of the director has ended, another can take the chair.
    reg.ok(&[
        "committee",
        "member",
        "remove",
        "1",
        "周文博",
        "--date",
        "2023-06-30",
    ]);
    reg.ok(&[
        "committee",
        "member",
        "add",
        "1",
        "孙志刚",
        "--role",
        "主任",
        "--from",
        "2023-07-01",
    ]);
    assert_eq!(
        rows(
            &reg,
            "SELECT name, ended_on FROM committee_member WHERE role = 'director' ORDER BY id"
        ),
        [["周文博", "2023-06-30"], ["孙志刚", "NULL"]]
    );
}

#[test]
fn removing_a_member_ends_the_term_and_keeps_the_row() {
    let reg = registry();
    reg.ok(&["committee", "establish", SIFAJU, "--date", "2023-03-15"]);
    reg.ok(&[
        "committee",
        "member",
        "add",
        "1",
        "王淑芬",
        "--role",
        "常务副主任",
        "--from",
        "2023-03-15",
    ]);
    reg.ok(&[
        "committee",
        "member",
        "add",
        "1",
        "王淑芬",
        "--role",
        "秘书长",
        "--from",
        "2023-03-15",
    ]);
    reg.ok(&[
        "committee",
        "member",
        "add",
        "1",
        "李明",
        "--role",
        "委员",
        "--from",
        "2023-04-01",
    ]);

    let out = reg.ok(&[
        "committee",
        "member",
        "remove",
        "1",
        "李明",
        "--date",
        "2023-06-30",
    ]);
    assert_eq!(out, "李明的委员任职已于 2023-06-30 结束\n");

    let err = reg.refused(&[
        "committee",
        "member",
        "remove",
        "1",
        "王淑芬",
        "--date",
        "2023-06-30",
    ]);
    assert!(
        err.contains("王淑芬在“鸡西市司法局关工委”担任多个职务：请用 --role 指定"),
        "{err}"
    );
    let err = reg.refused(&[
        "committee",
        "member",
        "remove",
        "1",
        "李明",
        "--date",
        "2023-07-30",
    ]);
    assert!(err.contains("没有在任成员“李明”"), "{err}");
    let err = reg.refused(&[
        "committee",
        "member",
        "remove",
        "1",
        "王淑芬",
        "--role",
        "secretary",
        "--date",
        "2023-03-01",
    ]);
    assert!(
        err.contains("离任日期 2023-03-01 早于任职日期 2023-03-15"),
        "{err}"
    );

    reg.ok(&[
        "committee",
        "member",
        "remove",
        "1",
        "王淑芬",
        "--role",
        "secretary-general",
        "--date",
        "2023-07-01",
    ]);
    assert_eq!(
        rows(
            &reg,
            "SELECT name, role, started_on, ended_on FROM committee_member ORDER BY id"
        ),
        [
            ["王淑芬", "executive_deputy", "2023-03-15", "NULL"],
            ["王淑芬", "secretary_general", "2023-03-15", "2023-07-01"],
            ["李明", "member", "2023-04-01", "2023-06-30"],
        ]
    );
    // Now she holds one role, which needs no --role.
    reg.ok(&[
        "committee",
        "member",
        "remove",
        "1",
        "王淑芬",
        "--date",
        "2023-07-02",
    ]);
    assert_eq!(
        reg.count("SELECT count(*) FROM committee_member WHERE ended_on IS NULL"),
        0
    );
    assert_eq!(reg.count("SELECT count(*) FROM committee_member"), 3);
}

// ---------------------------------------------------------------------------
// dissolve

#[test]
fn dissolving_ends_the_terms_and_frees_the_unit() {
    let reg = registry();
    reg.ok(&[
        "committee",
        "establish",
        SIFAJU,
        "--date",
        "2023-03-15",
        "--batch",
        "1",
    ]);
    reg.ok(&[
        "committee",
        "member",
        "add",
        "1",
        "周文博",
        "--role",
        "主任",
    ]);
    reg.ok(&["committee", "member", "add", "1", "李明", "--role", "委员"]);
    reg.ok(&[
        "committee",
        "member",
        "remove",
        "1",
        "李明",
        "--date",
        "2023-05-01",
    ]);

    let err = reg.refused(&["committee", "dissolve", "1", "--date", "2023-03-14"]);
    assert!(
        err.contains("撤销日期 2023-03-14 早于成立日期 2023-03-15"),
        "{err}"
    );
    let err = reg.refused(&["committee", "dissolve", "1", "--date", "2023-13-01"]);
    assert!(err.contains("不是有效日期"), "{err}");

    let out = reg.ok(&["committee", "dissolve", "市司法局", "--date", "2023-07-01"]);
    assert_eq!(out, "已撤销鸡西市司法局关工委（#1）（2023-07-01）\n");
    assert_eq!(
        row(
            &reg,
            "SELECT status, established_on, dissolved_on, batch FROM committee WHERE id = 1"
        ),
        ["dissolved", "2023-03-15", "2023-07-01", "1"]
    );
    assert_eq!(
        rows(
            &reg,
            "SELECT name, ended_on FROM committee_member ORDER BY id"
        ),
        [["周文博", "2023-07-01"], ["李明", "2023-05-01"]]
    );
    // The committee still covers its unit, as history.
    assert_eq!(
        reg.count("SELECT count(*) FROM committee_unit WHERE committee_id = 1"),
        1
    );

    let err = reg.refused(&["committee", "dissolve", "1", "--date", "2023-07-02"]);
    assert!(err.contains("关工委“鸡西市司法局关工委”已经撤销"), "{err}");
    let err = reg.refused(&[
        "committee",
        "member",
        "add",
        "1",
        "孙志刚",
        "--role",
        "委员",
    ]);
    assert!(err.contains("已撤销，不能再增加成员"), "{err}");

    // The unit can set up a new committee, which is then the one it names.
    let out = reg.ok(&[
        "committee",
        "establish",
        SIFAJU,
        "--date",
        "2023-08-01",
        "--batch",
        "3",
    ]);
    assert_eq!(out, "已建立鸡西市司法局关工委（#2），成立日期 2023-08-01\n");
    assert_eq!(
        row(
            &reg,
            "SELECT status, established_on, batch FROM committee WHERE id = 2"
        ),
        ["active", "2023-08-01", "3"]
    );
    let shown = json(&reg.ok(&["--format", "json", "committee", "show", "市司法局"]));
    assert_eq!(shown["id"], 2);
    let shown = json(&reg.ok(&[
        "--format",
        "json",
        "committee",
        "show",
        "鸡西市司法局关工委",
    ]));
    assert_eq!(shown["id"], 2);
    assert_eq!(shown["members"], serde_json::json!([]));
}

#[test]
fn a_dissolution_date_in_the_future_is_refused() {
    let reg = registry();
    reg.ok(&["committee", "establish", SIFAJU, "--date", "2023-03-15"]);
    let err = reg.refused(&["committee", "dissolve", "1", "--date", "2099-01-01"]);
    assert!(err.contains("撤销日期 2099-01-01 晚于今天"), "{err}");
    assert_eq!(
        reg.text("SELECT status FROM committee").as_deref(),
        Some("active")
    );
}

#[test]
fn dissolving_a_planned_committee() {
    let reg = registry();
    reg.ok(&["committee", "establish", GUOZIJU, "--planned"]);
    reg.ok(&["committee", "dissolve", "1", "--date", "2023-06-01"]);
    assert_eq!(
        row(&reg, "SELECT status, dissolved_on FROM committee"),
        ["dissolved", "2023-06-01"]
    );
    reg.ok(&["committee", "establish", GUOZIJU, "--planned"]);
    assert_eq!(
        reg.count("SELECT count(*) FROM committee WHERE status = 'planned'"),
        1
    );
}

// ---------------------------------------------------------------------------
// import

const IMPORT_UNITS: &[(&str, &str)] = &[
    ("甲局", "organ"),
    ("乙局", "organ"),
    ("丙局", "organ"),
    ("丁公司", "soe"),
    ("戊公司", "soe"),
    ("己中心", "institution"),
];

const COMMITTEES_CSV: &str = "\
单位,成立日期,批次,主任,常务副主任,已具备,年度经费
甲局,2023/3/15,1,张主任,李常务,六有,20000
乙局,2023.3.15,2,,,班子、队伍,
丙局,2023年3月15日,,,,,
丁公司、戊公司,2023-04-01,2,钱主任,,,1.5万
己中心,,,,,,
";

fn import_registry() -> Registry {
    let reg = Registry::new();
    add_units(&reg, IMPORT_UNITS);
    reg
}

fn committees_table(reg: &Registry) -> Vec<Vec<String>> {
    rows(
        reg,
        "SELECT c.id, c.name, c.status, c.established_on, c.batch, c.has_leadership, c.has_team,
                c.has_rules, c.has_premises, c.has_files, c.has_funds, c.yearly_funds,
                (SELECT group_concat(u.name, '、') FROM
                    (SELECT u.name FROM committee_unit cu JOIN unit u ON u.id = cu.unit_id
                      WHERE cu.committee_id = c.id ORDER BY cu.position) u)
         FROM committee c ORDER BY c.id",
    )
}

fn expected_import() -> Vec<Vec<String>> {
    let table: &[&[&str]] = &[
        &[
            "1",
            "甲局关工委",
            "active",
            "2023-03-15",
            "1",
            "1",
            "1",
            "1",
            "1",
            "1",
            "1",
            "2000000",
            "甲局",
        ],
        &[
            "2",
            "乙局关工委",
            "active",
            "2023-03-15",
            "2",
            "1",
            "1",
            "0",
            "0",
            "0",
            "0",
            "NULL",
            "乙局",
        ],
        &[
            "3",
            "丙局关工委",
            "active",
            "2023-03-15",
            "NULL",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "NULL",
            "丙局",
        ],
        &[
            "4",
            "丁公司等2家单位联合关工委",
            "active",
            "2023-04-01",
            "2",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "1500000",
            "丁公司、戊公司",
        ],
        &[
            "5",
            "己中心关工委",
            "planned",
            "NULL",
            "NULL",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "NULL",
            "己中心",
        ],
    ];
    table
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
}

#[test]
fn import_committees_from_a_csv() {
    let reg = import_registry();
    let file = reg.file("committees.csv", COMMITTEES_CSV);
    let out = reg.ok(&["committee", "import", arg(&file)]);
    assert_eq!(out, format!("{}：新增 5，更新 0，未变 0\n", file.display()));
    assert_eq!(committees_table(&reg), expected_import());
    assert_eq!(
        rows(
            &reg,
            "SELECT committee_id, name, role, started_on, ended_on FROM committee_member ORDER BY id"
        ),
        [
            ["1", "张主任", "director", "2023-03-15", "NULL"],
            ["1", "李常务", "executive_deputy", "2023-03-15", "NULL"],
            ["4", "钱主任", "director", "2023-04-01", "NULL"],
        ]
    );

    // Again: nothing changes, and it says so.
    let before = reg.dump();
    let out = reg.ok(&["committee", "import", arg(&file)]);
    assert_eq!(out, format!("{}：新增 0，更新 0，未变 5\n", file.display()));
    let out = reg.ok(&["--lang", "en", "committee", "import", arg(&file)]);
    assert_eq!(
        out,
        format!("{}: 0 new, 0 updated, 5 unchanged\n", file.display())
    );
    assert_eq!(reg.dump(), before);
}

#[test]
fn import_takes_the_header_unit_name_and_a_bom() {
    let reg = import_registry();
    let csv = format!(
        "\u{feff}{}",
        COMMITTEES_CSV.replacen("单位,", "单位名称,", 1)
    );
    let file = reg.file("committees.csv", csv);
    let out = reg.ok(&["committee", "import", arg(&file)]);
    assert_eq!(out, format!("{}：新增 5，更新 0，未变 0\n", file.display()));
    assert_eq!(committees_table(&reg), expected_import());
}

#[test]
fn import_updates_existing_committees() {
    let reg = import_registry();
    reg.ok(&["committee", "establish", "己中心", "--planned"]);
    reg.ok(&["committee", "establish", "甲局", "--date", "2023-03-01"]);
    reg.ok(&[
        "committee",
        "member",
        "add",
        "甲局",
        "周主任",
        "--role",
        "主任",
    ]);
    let file = reg.file(
        "update.csv",
        "单位,成立日期,批次,已具备\n己中心,2023-06-01,3,班子\n甲局,2023-03-01,,\n",
    );
    let out = reg.ok(&["committee", "import", arg(&file)]);
    assert_eq!(out, format!("{}：新增 0，更新 1，未变 1\n", file.display()));
    assert_eq!(
        row(
            &reg,
            "SELECT status, established_on, batch, has_leadership, has_team FROM committee WHERE id = 1"
        ),
        ["active", "2023-06-01", "3", "1", "0"]
    );

    // A different director in the sheet is refused, not silently replaced.
    let file = reg.file("director.csv", "单位,主任\n甲局,张主任\n");
    let err = reg.refused(&["committee", "import", arg(&file)]);
    assert!(
        err.contains(&format!(
            "{}:2:主任: 现任为周主任，与表中的张主任不同",
            file.display()
        )),
        "{err}"
    );
}

#[test]
fn import_refuses_a_file_with_bad_rows_and_names_every_cell() {
    let reg = import_registry();
    let file = reg.file(
        "bad.csv",
        "单位名称,成立日期,批次\n甲局,2023-03-15,1\n不存在局,2023-03-15,1\n乙局,2023-02-30,1\n丙局,2023-03-15,0\n",
    );
    let err = reg.refused(&["committee", "import", arg(&file)]);
    let path = file.display();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            format!("错误：{path}:3:单位名称: 未找到单位“不存在局”：请先用 ggw unit add 登记"),
            format!(
                "{path}:4:成立日期: “2023-02-30”不是有效日期：请写成 2023-07-20 或 2023年7月20日"
            ),
            format!("{path}:5:批次: 批次从1开始"),
            "共 3 处错误，未写入任何数据：请改正后重新导入，或用 --skip-invalid 只导入正确的行（--rejects 可把错误的行另存退回）。".to_string(),
        ]
    );
    assert_eq!(reg.count("SELECT count(*) FROM committee"), 0);

    let err = reg.refused(&["--lang", "en", "committee", "import", arg(&file)]);
    assert!(
        err.contains(&format!("{path}:3:单位名称: no unit named '不存在局'")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{path}:4:成立日期: '2023-02-30' is not a valid date"
        )),
        "{err}"
    );
    assert!(err.contains("3 problems; nothing was written"), "{err}");
}

#[test]
fn import_puts_a_future_date_in_its_own_column() {
    let reg = import_registry();
    let file = reg.file(
        "future.csv",
        "单位,成立日期\n甲局,2023-03-15\n乙局,2099-01-01\n",
    );
    let err = reg.refused(&["committee", "import", arg(&file)]);
    assert!(
        err.contains(&format!(
            "{}:3:成立日期: 成立日期 2099-01-01 晚于今天",
            file.display()
        )),
        "{err}"
    );
}

#[test]
fn import_refuses_the_same_committee_twice_in_a_file() {
    let reg = import_registry();
    let file = reg.file(
        "twice.csv",
        "单位,成立日期\n甲局,2023-03-15\n甲局,2023-03-16\n",
    );
    let err = reg.refused(&["committee", "import", arg(&file)]);
    assert!(
        err.contains(&format!(
            "{}:3:单位: 与第 2 行是同一个关工委",
            file.display()
        )),
        "{err}"
    );
}

#[test]
fn import_from_an_xlsx_with_a_title_row() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    let reg = import_registry();
    let path = reg.dir.path().join("committees.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .write_string(0, 0, "市直机关关工委组建情况表")
        .unwrap();
    for (column, header) in [
        "序号",
        "单位",
        "成立日期",
        "批次",
        "主任",
        "常务副主任",
        "已具备",
        "年度经费",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(1, column as u16, *header).unwrap();
    }
    // Row 3: a real date cell, numbers for the batch and the funds.
    sheet.write_number(2, 0, 1).unwrap();
    sheet.write_string(2, 1, "甲局").unwrap();
    sheet
        .write_datetime_with_format(
            2,
            2,
            ExcelDateTime::from_ymd(2023, 3, 15).unwrap(),
            &date_format,
        )
        .unwrap();
    sheet.write_number(2, 3, 1).unwrap();
    sheet.write_string(2, 4, "张主任").unwrap();
    sheet.write_string(2, 6, "六有").unwrap();
    sheet.write_number(2, 7, 20000).unwrap();
    // Row 4: a joint committee, the date written as text.
    sheet.write_number(3, 0, 2).unwrap();
    sheet.write_string(3, 1, "丁公司、戊公司").unwrap();
    sheet.write_string(3, 2, "2023年4月1日").unwrap();
    sheet.write_number(3, 3, 2).unwrap();
    // Row 5: planned.
    sheet.write_number(4, 0, 3).unwrap();
    sheet.write_string(4, 1, "己中心").unwrap();
    workbook.save(&path).unwrap();

    let out = reg.ok(&["committee", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 3，更新 0，未变 0\n", path.display()));
    assert_eq!(
        rows(
            &reg,
            "SELECT name, status, established_on, batch, has_leadership + has_team + has_rules
                    + has_premises + has_files + has_funds, yearly_funds FROM committee ORDER BY id"
        ),
        [
            ["甲局关工委", "active", "2023-03-15", "1", "6", "2000000"],
            ["丁公司等2家单位联合关工委", "active", "2023-04-01", "2", "0", "NULL"],
            ["己中心关工委", "planned", "NULL", "NULL", "0", "NULL"],
        ]
    );
    assert_eq!(
        rows(
            &reg,
            "SELECT committee_id, name, role FROM committee_member"
        ),
        [["1", "张主任", "director"]]
    );
    let out = reg.ok(&["committee", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 0，更新 0，未变 3\n", path.display()));
}

#[test]
fn import_from_an_xlsx_names_the_rows_excel_shows() {
    use rust_xlsxwriter::Workbook;

    let reg = import_registry();
    let path = reg.dir.path().join("bad.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "关工委组建情况表").unwrap();
    sheet.write_string(2, 0, "单位").unwrap();
    sheet.write_string(2, 1, "成立日期").unwrap();
    sheet.write_string(3, 0, "甲局").unwrap();
    sheet.write_string(3, 1, "2023-03-15").unwrap();
    sheet.write_string(5, 0, "不存在局").unwrap();
    sheet.write_string(5, 1, "2023-03-15").unwrap();
    sheet.write_string(6, 0, "乙局").unwrap();
    sheet.write_string(6, 1, "2023-03-32").unwrap();
    workbook.save(&path).unwrap();

    let err = reg.refused(&["committee", "import", arg(&path)]);
    let path = path.display();
    assert!(
        err.contains(&format!("{path}:6:单位: 未找到单位“不存在局”")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{path}:7:成立日期: “2023-03-32”不是有效日期")),
        "{err}"
    );
    assert!(err.contains("共 2 处错误"), "{err}");
}

#[test]
fn a_term_cannot_end_in_the_future() {
    let reg = registry();
    reg.ok(&["committee", "establish", SIFAJU, "--date", "2023-03-15"]);
    reg.ok(&["committee", "member", "add", "1", "李明", "--role", "委员"]);
    let err = reg.refused(&[
        "committee",
        "member",
        "remove",
        "1",
        "李明",
        "--date",
        "2199-01-01",
    ]);
    assert_eq!(
        err,
        "错误：离任日期 2199-01-01 晚于今天：请在任职结束后再登记\n"
    );
    assert_eq!(
        reg.text("SELECT ended_on FROM committee_member WHERE name = '李明'"),
        None
    );
}

// ---------------------------------------------------------------------------
// history

#[test]
fn re_importing_a_sheet_after_a_dissolution_does_not_revive_the_committee() {
    let reg = registry();
    let sheet = reg.file(
        "committees.csv",
        "单位,成立日期,主任\n鸡西市司法局,2020-01-01,王五\n",
    );
    reg.ok(&["committee", "import", arg(&sheet)]);
    reg.ok(&["committee", "dissolve", SIFAJU, "--date", "2022-01-01"]);
    let before = reg.dump();
    let out = reg.ok(&["committee", "import", arg(&sheet)]);
    assert!(out.ends_with("新增 0，更新 0，未变 1\n"), "{out}");
    assert_eq!(before, reg.dump());
    assert_eq!(reg.count("SELECT count(*) FROM committee"), 1);
}

#[test]
fn a_new_committee_cannot_begin_before_the_last_one_ended() {
    let reg = registry();
    reg.ok(&["committee", "establish", SIFAJU, "--date", "2020-01-01"]);
    reg.ok(&["committee", "dissolve", SIFAJU, "--date", "2022-01-01"]);
    let err = reg.refused(&["committee", "establish", SIFAJU, "--date", "2021-06-01"]);
    assert_eq!(
        err,
        "错误：单位“鸡西市司法局”的上一个关工委于 2022-01-01 撤销：新关工委的成立日期不能早于此日\n"
    );
    reg.ok(&["committee", "establish", SIFAJU, "--date", "2022-01-01"]);
}

#[test]
fn a_number_in_a_sheet_is_no_unit_id() {
    let reg = registry();
    let sheet = reg.file("committees.csv", "单位,成立日期\n2,2023-03-15\n");
    let err = reg.refused(&["committee", "import", arg(&sheet)]);
    assert!(
        err.contains(":2:单位: “2”不是单位名称：请填写单位全称或简称"),
        "{err}"
    );
}

#[test]
fn a_unit_named_by_name_and_alias_is_added_once() {
    let reg = registry();
    reg.ok(&["committee", "establish", REDIAN, "--date", "2023-03-15"]);
    reg.ok(&[
        "committee",
        "edit",
        "1",
        "--add-unit",
        SIFAJU,
        "--add-unit",
        "市司法局",
    ]);
    assert_eq!(
        reg.count("SELECT count(*) FROM committee_unit WHERE committee_id = 1 AND until IS NULL"),
        2
    );
    let err = reg.refused(&["committee", "edit", "1", "--add-unit", "市司法局"]);
    assert_eq!(err, "错误：单位“鸡西市司法局”已在这个关工委中\n");
}

#[test]
fn a_term_planned_after_a_dissolution_ends_the_day_it_began() {
    let reg = registry();
    reg.ok(&["committee", "establish", SIFAJU, "--date", "2020-01-01"]);
    reg.ok(&[
        "committee",
        "member",
        "add",
        "1",
        "李明",
        "--role",
        "委员",
        "--from",
        "2021-06-01",
    ]);
    reg.ok(&["committee", "dissolve", "1", "--date", "2021-01-01"]);
    assert_eq!(
        reg.text("SELECT ended_on FROM committee_member WHERE name = '李明'")
            .as_deref(),
        Some("2021-06-01")
    );
}

#[test]
fn a_member_linked_to_the_volunteer_register() {
    let reg = registry();
    reg.ok(&["committee", "establish", SIFAJU, "--date", "2023-03-15"]);
    reg.ok(&[
        "volunteer",
        "add",
        "李建国",
        "--category",
        "老干部",
        "--unit",
        SIFAJU,
    ]);
    let out = reg.ok(&[
        "committee",
        "member",
        "add",
        "1",
        "--role",
        "常务副主任",
        "--volunteer",
        "李建国",
    ]);
    assert_eq!(out, "已增加鸡西市司法局关工委常务副主任：李建国\n");
    assert_eq!(
        reg.text("SELECT name || ',' || retired || ',' || volunteer_id FROM committee_member")
            .as_deref(),
        Some("李建国,1,1")
    );
    let shown: Value =
        serde_json::from_str(&reg.ok(&["--format", "json", "volunteer", "show", "李建国"]))
            .unwrap();
    assert_eq!(
        shown["roles"],
        serde_json::json!([{"committee": "鸡西市司法局关工委", "role": "executive_deputy", "serving": true}])
    );
    let err = reg.refused(&[
        "committee",
        "member",
        "add",
        "1",
        "王五",
        "--role",
        "委员",
        "--volunteer",
        "李建国",
    ]);
    assert_eq!(err, "错误：姓名“王五”与五老记录中的“李建国”不符\n");
}
