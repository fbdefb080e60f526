//! `ggw report coverage` (组建率 and 达标率), `ggw demo`, `ggw completions`,
//! and a closed pipe on stdout.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::Registry;
use serde_json::{Value, json};

// ---------------------------------------------------------------------------
// Helpers of this file

fn parse_json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// The cells of every row of a terminal table (lines between `|`), header first.
fn table_rows(out: &str) -> Vec<Vec<String>> {
    out.lines()
        .filter(|line| line.starts_with('|'))
        .map(|line| {
            line.trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().to_string())
                .collect()
        })
        .collect()
}

/// The coverage report as JSON, on a date or today.
fn coverage_json(reg: &Registry, as_of: Option<&str>) -> Value {
    let mut args = vec!["--format", "json", "report", "coverage"];
    if let Some(date) = as_of {
        args.extend(["--as-of", date]);
    }
    parse_json(&reg.ok(&args))
}

/// The total row's (units, with_committee, establish_rate) from the JSON report.
fn total(report: &Value) -> (i64, i64, f64) {
    let last = report
        .as_array()
        .expect("an array")
        .last()
        .expect("a total row");
    assert_eq!(last["kind"], "total");
    (
        last["units"].as_i64().unwrap(),
        last["with_committee"].as_i64().unwrap(),
        last["establish_rate"].as_f64().unwrap(),
    )
}

/// One row of the JSON report, by kind code.
fn kind_row<'a>(report: &'a Value, kind: &str) -> &'a Value {
    report
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["kind"] == kind)
        .unwrap_or_else(|| panic!("no row {kind} in {report}"))
}

fn missing_names(reg: &Registry, as_of: Option<&str>) -> Vec<String> {
    let mut args = vec!["--format", "json", "report", "coverage", "--missing"];
    if let Some(date) = as_of {
        args.extend(["--as-of", date]);
    }
    parse_json(&reg.ok(&args))
        .as_array()
        .expect("an array")
        .iter()
        .map(|row| row["name"].as_str().unwrap().to_string())
        .collect()
}

/// The 25 units: (name, kind, committee established on, or "" for none).
/// 19 of them have a committee today: eight organs, both judicial organs,
/// three institutions, three enterprises under one joint committee and the
/// three schools. 市财政局's committee is planned; 市档案馆's was dissolved.
const UNITS: &[(&str, &str)] = &[
    ("市委组织部", "党政机关"),
    ("市委宣传部", "党政机关"),
    ("市政法委", "organ"),
    ("市国资局", "党政机关"),
    ("市司法局", "党政机关"),
    ("市自然资源局", "党政机关"),
    ("市执法局", "党政机关"),
    ("市交通局", "党政机关"),
    ("市财政局", "党政机关"),
    ("市人社局", "党政机关"),
    ("市检察院", "司法机关"),
    ("市中级法院", "judicial"),
    ("市中医院", "事业单位"),
    ("市老干部服务中心", "事业单位"),
    ("市图书馆", "institution"),
    ("市档案馆", "事业单位"),
    ("市热电公司", "国有企业"),
    ("市公交集团", "国有企业"),
    ("市城投公司", "soe"),
    ("市水务集团", "国有企业"),
    ("市燃气公司", "国有企业"),
    ("市一中", "学校"),
    ("市二中", "school"),
    ("市实验小学", "学校"),
    ("市妇联", "群团组织"),
];

const COMMITTEES: &[(&str, &str)] = &[
    ("市委组织部", "2023-05-10"),
    ("市委宣传部", "2023-05-10"),
    ("市政法委", "2023-05-18"),
    ("市国资局", "2023-03-15"),
    ("市司法局", "2023-03-15"),
    ("市自然资源局", "2023-03-20"),
    ("市执法局", "2023-03-28"),
    ("市交通局", "2023-03-28"),
    ("市检察院", "2023-03-20"),
    ("市中级法院", "2023-06-15"),
    ("市中医院", "2023-04-12"),
    ("市老干部服务中心", "2023-05-18"),
    ("市图书馆", "2023-07-10"),
    ("市一中", "2017-03-01"),
    ("市二中", "2017-03-01"),
    ("市实验小学", "2023-09-01"),
];

/// The registry above; the committees of `six` (named by a unit) meet all
/// six standards, set before 市档案馆's committee is dissolved.
fn twenty_five(six: &[&str]) -> Registry {
    let reg = Registry::new();
    for (name, kind) in UNITS {
        reg.ok(&["unit", "add", name, "--kind", kind]);
    }
    for (unit, date) in COMMITTEES {
        reg.ok(&["committee", "establish", unit, "--date", date]);
    }
    reg.ok(&[
        "committee",
        "establish",
        "市热电公司",
        "市公交集团",
        "市城投公司",
        "--date",
        "2023-04-12",
    ]);
    reg.ok(&["committee", "establish", "市财政局", "--planned"]);
    reg.ok(&["committee", "establish", "市档案馆", "--date", "2022-01-10"]);
    for unit in six {
        reg.ok(&["committee", "edit", unit, "--meets", "六有"]);
    }
    reg.ok(&["committee", "dissolve", "市档案馆", "--date", "2023-06-30"]);

    assert_eq!(reg.count("SELECT count(*) FROM unit"), 25);
    assert_eq!(
        reg.count("SELECT count(*) FROM committee WHERE status = 'active'"),
        17
    );
    reg
}

fn coverage_row(
    kind: &str,
    units: i64,
    with: i64,
    rate: f64,
    compliant: i64,
    compliance: Value,
) -> Value {
    json!({
        "kind": kind,
        "units": units,
        "with_committee": with,
        "establish_rate": rate,
        "compliant": compliant,
        "compliance_rate": compliance,
    })
}

// ---------------------------------------------------------------------------
// report coverage

#[test]
fn nineteen_of_twenty_five_units_is_76_percent_as_json() {
    let reg = twenty_five(&[]);
    let report = coverage_json(&reg, None);
    let rows = report.as_array().expect("an array of rows");
    for row in rows {
        let keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "kind",
                "units",
                "with_committee",
                "establish_rate",
                "compliant",
                "compliance_rate"
            ]
        );
    }
    assert_eq!(
        report,
        json!([
            coverage_row("organ", 10, 8, 0.8, 0, json!(0.0)),
            coverage_row("judicial", 2, 2, 1.0, 0, json!(0.0)),
            coverage_row("institution", 4, 3, 0.75, 0, json!(0.0)),
            coverage_row("soe", 5, 3, 0.6, 0, json!(0.0)),
            coverage_row("school", 3, 3, 1.0, 0, json!(0.0)),
            coverage_row("mass_org", 1, 0, 0.0, 0, Value::Null),
            coverage_row("total", 25, 19, 0.76, 0, json!(0.0)),
        ])
    );
}

#[test]
fn nineteen_of_twenty_five_units_is_76_percent_as_tables() {
    let reg = twenty_five(&[]);

    let zh = reg.ok(&["report", "coverage"]);
    assert!(zh.starts_with("关工委组建情况（截至 "), "{zh}");
    let rows = table_rows(&zh);
    assert_eq!(
        rows[0],
        [
            "单位类别",
            "单位数",
            "已建关工委",
            "组建率",
            "六有达标",
            "达标率"
        ]
    );
    assert_eq!(rows[1], ["党政机关", "10", "8", "80.0%", "0", "0.0%"]);
    assert_eq!(rows[6], ["群团组织", "1", "0", "0.0%", "0", "-"]);
    assert_eq!(
        rows.last().unwrap(),
        &["合计", "25", "19", "76.0%", "0", "0.0%"]
    );
    assert_eq!(rows.len(), 8);

    let en = reg.ok(&[
        "--lang",
        "en",
        "report",
        "coverage",
        "--as-of",
        "2030-01-01",
    ]);
    assert!(
        en.starts_with("Committee coverage (as of 2030-01-01)\n"),
        "{en}"
    );
    let rows = table_rows(&en);
    assert_eq!(
        rows[0],
        [
            "Unit kind",
            "Units",
            "With committee",
            "Establishment rate",
            "Compliant",
            "Compliance rate"
        ]
    );
    assert_eq!(
        rows[4],
        ["state-owned enterprise", "5", "3", "60.0%", "0", "0.0%"]
    );
    assert_eq!(
        rows.last().unwrap(),
        &["Total", "25", "19", "76.0%", "0", "0.0%"]
    );
}

#[test]
fn nineteen_of_twenty_five_units_is_76_percent_as_csv() {
    let reg = twenty_five(&[]);
    let zh = reg.ok(&["--format", "csv", "report", "coverage"]);
    assert_eq!(
        zh,
        "单位类别,单位数,已建关工委,组建率,六有达标,达标率\n\
         党政机关,10,8,80.0%,0,0.0%\n\
         司法机关,2,2,100.0%,0,0.0%\n\
         事业单位,4,3,75.0%,0,0.0%\n\
         国有企业,5,3,60.0%,0,0.0%\n\
         学校,3,3,100.0%,0,0.0%\n\
         群团组织,1,0,0.0%,0,-\n\
         合计,25,19,76.0%,0,0.0%\n"
    );
    let en = reg.ok(&["--format", "csv", "--lang", "en", "report", "coverage"]);
    let lines: Vec<&str> = en.lines().collect();
    assert_eq!(
        lines[0],
        "Unit kind,Units,With committee,Establishment rate,Compliant,Compliance rate"
    );
    assert_eq!(lines[1], "Party or government organ,10,8,80.0%,0,0.0%");
    assert_eq!(lines[7], "Total,25,19,76.0%,0,0.0%");
    assert_eq!(lines.len(), 8);
}

#[test]
fn compliance_counts_committees_meeting_all_six_standards() {
    // 市档案馆's committee met all six before it was dissolved, and the
    // planned one of 市财政局 meets them on paper: neither counts.
    let reg = twenty_five(&[
        "市国资局",
        "市司法局",
        "市检察院",
        "市公交集团",
        "市一中",
        "市档案馆",
        "市财政局",
    ]);
    // Five of the six standards is not enough.
    reg.ok(&[
        "committee",
        "edit",
        "市中医院",
        "--meets",
        "班子,队伍,制度,场所,档案",
    ]);

    let report = coverage_json(&reg, None);
    assert_eq!(
        report,
        json!([
            coverage_row("organ", 10, 8, 0.8, 2, json!(0.25)),
            coverage_row("judicial", 2, 2, 1.0, 1, json!(0.5)),
            coverage_row("institution", 4, 3, 0.75, 0, json!(0.0)),
            // The joint committee is compliant for each of its three units.
            coverage_row("soe", 5, 3, 0.6, 3, json!(1.0)),
            coverage_row("school", 3, 3, 1.0, 1, json!(0.3333)),
            coverage_row("mass_org", 1, 0, 0.0, 0, Value::Null),
            coverage_row("total", 25, 19, 0.76, 7, json!(0.3684)),
        ])
    );
    let rows = table_rows(&reg.ok(&["report", "coverage"]));
    assert_eq!(
        rows.last().unwrap(),
        &["合计", "25", "19", "76.0%", "7", "36.8%"]
    );
    assert_eq!(rows[5], ["学校", "3", "3", "100.0%", "1", "33.3%"]);

    // One standard lost: that committee no longer counts.
    reg.ok(&["committee", "edit", "市国资局", "--lacks", "经费"]);
    let report = coverage_json(&reg, None);
    assert_eq!(kind_row(&report, "organ")["compliant"], 1);
    assert_eq!(kind_row(&report, "total")["compliant"], 6);
    assert_eq!(kind_row(&report, "total")["compliance_rate"], 0.3158);
}

#[test]
fn as_of_counts_committees_as_they_stood_on_the_date() {
    let reg = twenty_five(&[]);
    // The day of the meeting: 市实验小学's committee is still to come, 市档案馆's is gone.
    let report = coverage_json(&reg, Some("2023-07-20"));
    assert_eq!(total(&report), (25, 18, 0.72));
    assert_eq!(kind_row(&report, "school")["with_committee"], 2);
    assert_eq!(kind_row(&report, "institution")["with_committee"], 3);

    // The day before the dissolution it counts; on that day it does not.
    let report = coverage_json(&reg, Some("2023-06-29"));
    assert_eq!(total(&report), (25, 18, 0.72));
    assert_eq!(kind_row(&report, "institution")["with_committee"], 3);
    assert_eq!(kind_row(&report, "judicial")["with_committee"], 2);
    let report = coverage_json(&reg, Some("2023-06-30"));
    assert_eq!(total(&report), (25, 17, 0.68));
    assert_eq!(kind_row(&report, "institution")["with_committee"], 2);

    // A committee counts from the day it was set up: the joint committee
    // and 市中医院's both came on 2023-04-12, the joint one for three units.
    let report = coverage_json(&reg, Some("2023-04-12"));
    assert_eq!(total(&report), (25, 13, 0.52));
    assert_eq!(kind_row(&report, "soe")["with_committee"], 3);
    let report = coverage_json(&reg, Some("2023-04-11"));
    assert_eq!(total(&report), (25, 9, 0.36));
    assert_eq!(kind_row(&report, "soe")["with_committee"], 0);
    assert_eq!(kind_row(&report, "soe")["compliance_rate"], Value::Null);

    // Before any committee: none; the planned one never, however late the date.
    let report = coverage_json(&reg, Some("2017-02-28"));
    assert_eq!(total(&report), (25, 0, 0.0));
    assert_eq!(kind_row(&report, "total")["compliance_rate"], Value::Null);
    let report = coverage_json(&reg, Some("2100-01-01"));
    assert_eq!(total(&report), (25, 19, 0.76));
    assert_eq!(kind_row(&report, "organ")["with_committee"], 8);

    let table = reg.ok(&["report", "coverage", "--as-of", "2023年7月20日"]);
    assert!(
        table.starts_with("关工委组建情况（截至 2023-07-20）\n"),
        "{table}"
    );
    assert_eq!(
        table_rows(&table).last().unwrap(),
        &["合计", "25", "18", "72.0%", "0", "0.0%"]
    );
}

#[test]
fn missing_lists_exactly_the_units_without_a_committee() {
    let reg = twenty_five(&[]);
    let expected = [
        "市财政局",
        "市人社局",
        "市档案馆",
        "市水务集团",
        "市燃气公司",
        "市妇联",
    ];
    assert_eq!(missing_names(&reg, None), expected);

    let rows = parse_json(&reg.ok(&["--format", "json", "report", "coverage", "--missing"]));
    let first = &rows[0];
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "name",
            "kind",
            "parent",
            "staff",
            "young_staff",
            "planned"
        ]
    );
    assert_eq!(
        (first["kind"].as_str(), first["planned"].as_bool()),
        (Some("organ"), Some(true))
    );
    let planned: Vec<bool> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["planned"].as_bool().unwrap())
        .collect();
    assert_eq!(planned, [true, false, false, false, false, false]);

    // Before its dissolution 市档案馆 had one; before its founding 市实验小学 had none.
    assert_eq!(
        missing_names(&reg, Some("2023-06-01")),
        [
            "市财政局",
            "市人社局",
            "市中级法院",
            "市图书馆",
            "市水务集团",
            "市燃气公司",
            "市实验小学",
            "市妇联"
        ]
    );

    let table = reg.ok(&["report", "coverage", "--missing"]);
    assert!(table.starts_with("尚未建立关工委的单位（截至 "), "{table}");
    assert_eq!(table_rows(&table).len(), 7);

    // Every unit covered: an empty list.
    let reg = Registry::new();
    reg.ok(&["unit", "add", "甲局", "--kind", "organ"]);
    reg.ok(&["committee", "establish", "甲局", "--date", "2023-01-01"]);
    assert!(missing_names(&reg, None).is_empty());
    assert_eq!(
        reg.ok(&["report", "coverage", "--missing"]).lines().nth(1),
        Some("（无记录）")
    );
}

#[test]
fn a_unit_merged_away_does_not_count() {
    let reg = Registry::new();
    for (name, kind) in [
        ("甲局", "organ"),
        ("乙局", "organ"),
        ("丙局", "organ"),
        ("丁公司", "soe"),
    ] {
        reg.ok(&["unit", "add", name, "--kind", kind]);
    }
    reg.ok(&["committee", "establish", "甲局", "--date", "2023-01-01"]);
    reg.ok(&["committee", "establish", "丁公司", "--date", "2023-01-01"]);
    assert_eq!(total(&coverage_json(&reg, None)), (4, 2, 0.5));

    // 乙局, without a committee, goes into 甲局: three units, two covered.
    reg.ok(&[
        "unit",
        "merge",
        "乙局",
        "--into",
        "甲局",
        "--date",
        "2023-05-01",
    ]);
    let report = coverage_json(&reg, None);
    assert_eq!(total(&report), (3, 2, 0.6667));
    assert_eq!(kind_row(&report, "organ")["units"], 2);
    assert_eq!(missing_names(&reg, None), ["丙局"]);

    // 甲局 goes into 丙局, which carries its committee on.
    reg.ok(&[
        "unit",
        "merge",
        "甲局",
        "--into",
        "丙局",
        "--date",
        "2023-06-01",
    ]);
    let report = coverage_json(&reg, None);
    assert_eq!(total(&report), (2, 2, 1.0));
    assert_eq!(
        kind_row(&report, "organ"),
        &coverage_row("organ", 1, 1, 1.0, 0, json!(0.0))
    );
    assert!(missing_names(&reg, None).is_empty());
}

#[test]
fn a_merger_does_not_rewrite_past_coverage() {
    let reg = Registry::new();
    for name in ["甲局", "乙局", "丙局"] {
        reg.ok(&["unit", "add", name, "--kind", "organ"]);
    }
    // 甲局's committee ran 2020 to 2021; 乙局's since 2022.
    reg.ok(&["committee", "establish", "甲局", "--date", "2020-01-01"]);
    reg.ok(&["committee", "dissolve", "甲局", "--date", "2021-01-01"]);
    reg.ok(&["committee", "establish", "乙局", "--date", "2022-01-01"]);
    // 丙局's committee since 2020 goes on, after the merger, covering 甲局.
    reg.ok(&["committee", "establish", "丙局", "--date", "2020-01-01"]);
    let before: Vec<_> = ["2020-06-01", "2022-06-01"]
        .iter()
        .map(|date| total(&coverage_json(&reg, Some(date))))
        .collect();
    assert_eq!(before, [(3, 2, 0.6667), (3, 2, 0.6667)]);

    reg.ok(&["committee", "dissolve", "乙局", "--date", "2023-01-01"]);
    reg.ok(&[
        "unit",
        "merge",
        "丙局",
        "--into",
        "甲局",
        "--date",
        "2023-06-01",
    ]);
    reg.ok(&[
        "unit",
        "merge",
        "乙局",
        "--into",
        "甲局",
        "--date",
        "2023-06-01",
    ]);
    // On past dates every unit counts as it stood then.
    assert_eq!(
        total(&coverage_json(&reg, Some("2020-06-01"))),
        (3, 2, 0.6667)
    );
    assert_eq!(
        total(&coverage_json(&reg, Some("2022-06-01"))),
        (3, 2, 0.6667)
    );
    // Between 乙局's dissolution and the merger: 丙局 alone is covered.
    assert_eq!(
        total(&coverage_json(&reg, Some("2023-03-01"))),
        (3, 1, 0.3333)
    );
    // After it: one unit, covered by 丙局's committee.
    assert_eq!(total(&coverage_json(&reg, Some("2023-07-01"))), (1, 1, 1.0));
    assert_eq!(missing_names(&reg, Some("2023-03-01")), ["甲局", "乙局"]);
}

#[test]
fn a_joint_committee_counts_each_of_its_units() {
    let reg = Registry::new();
    for name in ["甲公司", "乙公司", "丙公司", "丁公司"] {
        reg.ok(&["unit", "add", name, "--kind", "soe"]);
    }
    reg.ok(&[
        "committee",
        "establish",
        "甲公司",
        "乙公司",
        "丙公司",
        "--date",
        "2023-04-01",
    ]);
    reg.ok(&["committee", "edit", "甲公司", "--meets", "六有"]);
    let report = coverage_json(&reg, None);
    assert_eq!(
        report,
        json!([
            coverage_row("soe", 4, 3, 0.75, 3, json!(1.0)),
            coverage_row("total", 4, 3, 0.75, 3, json!(1.0)),
        ])
    );
    assert_eq!(missing_names(&reg, None), ["丁公司"]);
    // A unit leaves the joint committee: it no longer counts.
    reg.ok(&["committee", "edit", "甲公司", "--remove-unit", "丙公司"]);
    assert_eq!(total(&coverage_json(&reg, None)), (4, 2, 0.5));
}

#[test]
fn an_empty_registry_has_only_a_total() {
    let reg = Registry::new();
    assert_eq!(
        coverage_json(&reg, None),
        json!([{
            "kind": "total", "units": 0, "with_committee": 0,
            "establish_rate": null, "compliant": 0, "compliance_rate": null
        }])
    );
    let rows = table_rows(&reg.ok(&["report", "coverage"]));
    assert_eq!(rows.last().unwrap(), &["合计", "0", "0", "-", "0", "-"]);
}

#[test]
fn a_bad_as_of_date_is_refused() {
    let reg = twenty_five(&[]);
    for bad in ["2023-02-30", "yesterday", "2023-07", ""] {
        let err = reg.refused(&["report", "coverage", "--as-of", bad]);
        assert!(err.starts_with("错误：“"), "{bad}: {err}");
        assert!(err.contains("不是有效日期"), "{bad}: {err}");
        let err = reg.refused(&["report", "coverage", "--missing", "--as-of", bad]);
        assert!(err.contains("不是有效日期"), "{bad}: {err}");
    }
    let err = reg.refused(&[
        "--lang",
        "en",
        "report",
        "coverage",
        "--as-of",
        "2023-13-01",
    ]);
    assert_eq!(
        err,
        "error: '2023-13-01' is not a valid date: write it as 2023-07-20\n"
    );
}

// ---------------------------------------------------------------------------
// demo

#[test]
fn demo_builds_the_jixi_registry_and_prints_its_coverage() {
    let reg = Registry::new();
    let out = reg.ok(&["demo"]);
    let db = reg.db.display();
    assert!(
        out.starts_with(&format!(
            "示例登记库：{db}（单位 25 个，关工委 19 个，五老 5 人，会议 1 次，活动 14 场）\n关工委组建情况（截至 2023-07-20）\n"
        )),
        "{out}"
    );
    let rows = table_rows(&out);
    assert_eq!(
        rows[0],
        [
            "单位类别",
            "单位数",
            "已建关工委",
            "组建率",
            "六有达标",
            "达标率"
        ]
    );
    assert_eq!(
        rows.last().unwrap(),
        &["合计", "25", "19", "76.0%", "9", "47.4%"]
    );
    assert!(
        out.ends_with(&format!("\n继续查看：ggw --db {db} unit list\n")),
        "{out}"
    );

    assert_eq!(reg.count("SELECT count(*) FROM unit"), 25);
    assert_eq!(
        reg.count("SELECT count(*) FROM unit WHERE status = 'active'"),
        25
    );
    assert_eq!(reg.count("SELECT count(*) FROM committee"), 19);
    assert_eq!(
        reg.count("SELECT count(*) FROM committee WHERE status = 'active'"),
        19
    );
    assert_eq!(
        reg.count("SELECT count(DISTINCT unit_id) FROM committee_unit"),
        19
    );
    // The registry it leaves is an ordinary one: the same figure from the report.
    let report = coverage_json(&reg, Some("2023-07-20"));
    assert_eq!(total(&report), (25, 19, 0.76));
    assert_eq!(
        missing_names(&reg, Some("2023-07-20")),
        [
            "鸡西市财政局",
            "鸡西市人力资源和社会保障局",
            "鸡西市卫生健康委员会",
            "鸡西市热电有限公司",
            "鸡西市公交集团有限公司",
            "鸡西市城市建设投资有限公司"
        ]
    );
}

#[test]
fn demo_in_english_and_as_data() {
    let reg = Registry::new();
    let out = reg.ok(&["--lang", "en", "demo"]);
    assert!(
        out.contains("(units: 25, committees: 19, volunteers: 5, meetings: 1, activities: 14)"),
        "{out}"
    );
    assert!(
        out.contains("Committee coverage (as of 2023-07-20)"),
        "{out}"
    );
    assert_eq!(
        table_rows(&out).last().unwrap(),
        &["Total", "25", "19", "76.0%", "9", "47.4%"]
    );

    // JSON and CSV are data only, like `report coverage`, so that a script can read them.
    let reg = Registry::new();
    let report = parse_json(&reg.ok(&["--format", "json", "demo"]));
    assert_eq!(total(&report), (25, 19, 0.76));
    assert_eq!(report, coverage_json(&reg, Some("2023-07-20")));
    let reg = Registry::new();
    let csv = reg.ok(&["--format", "csv", "demo"]);
    assert!(
        csv.starts_with("单位类别,单位数,已建关工委,组建率,六有达标,达标率\n"),
        "{csv}"
    );
    assert!(csv.ends_with("\n合计,25,19,76.0%,9,47.4%\n"), "{csv}");
}

#[test]
fn demo_refuses_a_registry_that_is_not_empty() {
    let reg = Registry::new();
    reg.ok(&["demo"]);
    let err = reg.refused(&["demo"]);
    assert_eq!(
        err,
        "错误：示例数据只能装入空的登记库：请用 --db 指定一个新文件\n"
    );

    let reg = Registry::new();
    reg.ok(&["unit", "add", "鸡西市司法局", "--kind", "organ"]);
    let err = reg.refused(&["--lang", "en", "demo"]);
    assert_eq!(
        err,
        "error: the example goes into an empty registry only: name a new file with --db\n"
    );
    assert_eq!(reg.count("SELECT count(*) FROM unit"), 1);
}

// ---------------------------------------------------------------------------
// completions

#[test]
fn completions_for_every_shell() {
    let reg = Registry::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = reg.ok(&["completions", shell]);
        assert!(!out.trim().is_empty(), "{shell}");
        assert!(out.contains("ggw"), "{shell}: {out}");
        assert!(out.contains("committee"), "{shell}");
        assert!(out.contains("coverage"), "{shell}");
    }
    let output = reg.ggw().args(["completions", "cmd"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

// ---------------------------------------------------------------------------
// A closed pipe: `ggw … | head -1`

/// Runs ggw with stdout into a reader that takes one line and hangs up;
/// returns the first line, the exit code and stderr.
fn first_line_then_hang_up(reg: &Registry, args: &[&str]) -> (String, Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ggw"))
        .arg("--db")
        .arg(&reg.db)
        .args(args)
        .env_remove("GGW_LANG")
        .env_remove("GGW_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ggw");
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    reader.read_line(&mut line).expect("read one line");
    drop(reader);
    let output = child.wait_with_output().expect("wait for ggw");
    (
        line,
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let reg = Registry::new();
    reg.ok(&["demo"]);
    let (line, code, stderr) = first_line_then_hang_up(&reg, &["unit", "list"]);
    assert!(line.starts_with("+-"), "{line}");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr, "");
}

/// A registry whose lists are far longer than a pipe's buffer, so that
/// ggw is still writing when the reader hangs up.
fn many_units() -> Registry {
    let reg = Registry::new();
    reg.ok(&["report", "coverage"]);
    let mut conn = reg.conn();
    let tx = conn.transaction().unwrap();
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO unit (name, kind_id, staff, young_staff)
                 VALUES (?1, (SELECT id FROM kind WHERE domain = 'unit' AND code = 'organ'), 100, 30)",
            )
            .unwrap();
        for i in 0..3000 {
            insert
                .execute([format!("鸡西市测试单位第{i:04}号")])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    reg
}

#[test]
fn a_closed_pipe_ends_quietly_in_the_middle_of_a_long_list() {
    let reg = many_units();
    for args in [
        &["unit", "list"][..],
        &["--format", "json", "unit", "list"],
        &["report", "coverage", "--missing"],
        &["--format", "json", "report", "coverage", "--missing"],
    ] {
        let (line, code, stderr) = first_line_then_hang_up(&reg, args);
        assert!(!line.is_empty(), "{args:?}");
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[test]
fn a_closed_pipe_ends_quietly_in_the_middle_of_a_long_csv() {
    let reg = many_units();
    for args in [
        &["--format", "csv", "unit", "list"][..],
        &["--format", "csv", "report", "coverage", "--missing"],
    ] {
        let (line, code, stderr) = first_line_then_hang_up(&reg, args);
        assert!(!line.is_empty(), "{args:?}");
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

fn demo() -> Registry {
    let reg = Registry::new();
    reg.ok(&["demo"]);
    reg
}

#[test]
fn activities_of_a_month_by_unit_and_by_kind_with_the_total() {
    let reg = demo();
    let report = parse_json(&reg.ok(&[
        "--format",
        "json",
        "report",
        "activities",
        "--period",
        "2023-07",
    ]));
    let rows = report.as_array().unwrap();
    assert_eq!(rows.len(), 11, "10 units and the total");
    assert_eq!(
        rows[0],
        json!({"unit": "鸡西市国资局", "activities": 2, "youth": 94, "volunteers": 5, "funds": 30000.0, "students": 15})
    );
    assert_eq!(
        rows[10],
        json!({"unit": "total", "activities": 14, "youth": 2723, "volunteers": 48, "funds": 55000.0, "students": 25})
    );
    let by_kind = parse_json(&reg.ok(&[
        "--format",
        "json",
        "report",
        "activities",
        "--period",
        "2023-07",
        "--by",
        "kind",
    ]));
    let legal = by_kind
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "legal_education")
        .unwrap();
    assert_eq!(legal["activities"], 3);
    assert_eq!(legal["youth"], 890);
    // August has none: the total only, all zero.
    let august = parse_json(&reg.ok(&[
        "--format",
        "json",
        "report",
        "activities",
        "--period",
        "2023-08",
    ]));
    assert_eq!(august.as_array().unwrap().len(), 1);
    assert_eq!(august[0]["activities"], 0);
}

#[test]
fn units_with_a_committee_that_reported_no_activity() {
    let reg = demo();
    let silent = parse_json(&reg.ok(&[
        "--format",
        "json",
        "report",
        "activities",
        "--period",
        "2023-07",
        "--missing",
    ]));
    let names: Vec<&str> = silent
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 9);
    assert!(names.contains(&"鸡西市交通运输局"), "{names:?}");
    assert!(!names.contains(&"鸡西市司法局"), "{names:?}");
    // Units without a committee are not asked for activities.
    assert!(!names.contains(&"鸡西市财政局"), "{names:?}");
}

#[test]
fn meetings_of_a_quarter_by_kind() {
    let reg = demo();
    let report = parse_json(&reg.ok(&[
        "--format", "json", "report", "meetings", "--period", "2023-Q3",
    ]));
    assert_eq!(
        report,
        json!([
            {"kind": "progress", "meetings": 1, "attendees": 45, "units_represented": 19},
            {"kind": "total", "meetings": 1, "attendees": 45, "units_represented": 19}
        ])
    );
    let err = reg.refused(&["report", "meetings", "--period", "2023-13"]);
    assert!(err.contains("“2023-13”不是期间"), "{err}");
}

#[test]
fn a_report_written_to_a_file_is_excel_ready_in_any_encoding() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "鸡西市司法局"]);
    reg.ok(&["unit", "add", "=HYPERLINK(\"x\")局"]);
    let path = |name: &str| reg.dir.path().join(name);
    let run = |name: &str, encoding: &str| {
        reg.ok(&[
            "report",
            "coverage",
            "--missing",
            "--as-of",
            "2023-07-31",
            "--out",
            path(name).to_str().unwrap(),
            "--encoding",
            encoding,
        ])
    };
    let said = run("bom.csv", "utf8-bom");
    assert!(said.starts_with("已导出 2 行到 "), "{said}");
    run("plain.csv", "utf8");
    run("gbk.csv", "gbk");
    let bom = std::fs::read(path("bom.csv")).unwrap();
    let plain = std::fs::read(path("plain.csv")).unwrap();
    assert_eq!(&bom[..3], b"\xEF\xBB\xBF");
    assert_eq!(&bom[3..], &plain[..]);
    let text = String::from_utf8(plain).unwrap();
    // A cell a spreadsheet would run as a formula is neutralised.
    assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")局\""), "{text}");
    let gbk = std::fs::read(path("gbk.csv")).unwrap();
    let (decoded, _, errors) = encoding_rs::GBK.decode(&gbk);
    assert!(!errors);
    assert_eq!(decoded, text);
    // Two runs give the same bytes.
    run("again.csv", "utf8");
    assert_eq!(std::fs::read(path("again.csv")).unwrap(), text.as_bytes());
}

#[test]
fn a_character_gbk_cannot_hold_is_refused_naming_its_cell() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "𠮷野家"]);
    let out = reg.dir.path().join("gbk.csv");
    let err = reg.refused(&[
        "report",
        "coverage",
        "--missing",
        "--out",
        out.to_str().unwrap(),
        "--encoding",
        "gbk",
    ]);
    assert_eq!(
        err,
        "错误：第 2 行“单位名称”列中的“𠮷”无法用 GBK 表示：请改用 --encoding utf8-bom\n"
    );
    assert!(!out.exists());
}

#[test]
fn coverage_by_batch_with_the_dates_committees_were_set_up() {
    let reg = demo();
    let report = parse_json(&reg.ok(&[
        "--format",
        "json",
        "report",
        "coverage",
        "--by",
        "batch",
        "--as-of",
        "2023-07-20",
    ]));
    assert_eq!(
        report,
        json!([
            {"batch": "1", "committees": 7, "units_covered": 7, "compliant": 4, "compliance_rate": 0.5714,
             "first_established": "2023-01-09", "last_established": "2023-03-28"},
            {"batch": "2", "committees": 10, "units_covered": 10, "compliant": 3, "compliance_rate": 0.3,
             "first_established": "2023-04-12", "last_established": "2023-06-15"},
            {"batch": "none", "committees": 2, "units_covered": 2, "compliant": 2, "compliance_rate": 1.0,
             "first_established": "2016-09-01", "last_established": "2017-03-01"}
        ])
    );
}
