//! `meeting list` and `committee list` read their rows in a few queries for
//! all the meetings or committees listed, not a few for each. A list's
//! hosts, units and speakers are looked up for the listed meetings, or,
//! when most meetings are listed, read from whole tables and those of the
//! others left out. Whichever way, a meeting's row is the same in every
//! list that shows it and agrees with `meeting show`; a committee's row
//! agrees with `committee show`.

mod common;

use common::{Registry, json_without_history};
use serde_json::Value;

fn json(reg: &Registry, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = reg.ok(&all);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

fn rows(list: &Value) -> &Vec<Value> {
    list.as_array().expect("a JSON array")
}

/// The demo registry (one meeting, 19 committees) and eight meetings more,
/// from 2022 to 2024: hosts that are units or free names, units with and
/// without head-counts, a total as given, speakers, and a meeting with none
/// of these.
fn registry() -> Registry {
    let reg = Registry::new();
    reg.ok(&["demo"]);
    let meetings: [&[&str]; 8] = [
        &[
            "--date",
            "2022-03-01",
            "--title",
            "一季度例会",
            "--kind",
            "例会",
            "--host",
            "市关工委",
            "--unit",
            "鸡西市司法局:3",
            "--unit",
            "鸡西市教育局",
            "--speaker",
            "鸡西市司法局:王明:普法",
        ],
        &[
            "--date",
            "2022-11-15",
            "--title",
            "工作会议",
            "--kind",
            "工作会议",
            "--host",
            "鸡西市教育局",
            "--host",
            "市关工委",
            "--unit",
            "鸡西市教育局:4",
            "--attendees",
            "10",
        ],
        &[
            "--date",
            "2023-02-10",
            "--title",
            "联席会议",
            "--kind",
            "联席会议",
            "--host",
            "市关工委",
            "--host",
            "鸡西市国资局",
            "--unit",
            "鸡西市国资局",
            "--unit",
            "鸡西市人民检察院",
        ],
        &[
            "--date",
            "2023-09-01",
            "--title",
            "培训会",
            "--kind",
            "培训会",
        ],
        &[
            "--date",
            "2023-09-01",
            "--title",
            "全委会",
            "--kind",
            "全委会",
            "--host",
            "鸡西市司法局",
            "--unit",
            "鸡西市司法局:2",
            "--unit",
            "鸡西市人民检察院:5",
            "--unit",
            "鸡西市中医医院",
            "--speaker",
            ":朱玉林:讲话",
            "--speaker",
            "鸡西市人民检察院:李华",
        ],
        &[
            "--date",
            "2023-12-20",
            "--title",
            "调研座谈会",
            "--kind",
            "调研座谈会",
            "--unit",
            "鸡西市中医医院:7",
        ],
        &[
            "--date",
            "2024-03-08",
            "--title",
            "一季度例会",
            "--kind",
            "例会",
            "--host",
            "市关工委",
            "--unit",
            "鸡西市教育局:1",
            "--unit",
            "鸡西市司法局:1",
            "--speaker",
            "鸡西市教育局",
        ],
        &[
            "--date",
            "2024-06-30",
            "--title",
            "半年工作会议",
            "--kind",
            "工作会议",
            "--host",
            "鸡西市人民检察院",
            "--unit",
            "鸡西市国资局:2",
        ],
    ];
    for meeting in meetings {
        let mut args = vec!["meeting", "add"];
        args.extend_from_slice(meeting);
        reg.ok(&args);
    }
    reg
}

#[test]
fn every_filter_lists_a_meeting_as_the_whole_list_does() {
    let reg = registry();
    let all = json(&reg, &["meeting", "list"]);
    assert_eq!(rows(&all).len(), 9);
    let filters: [&[&str]; 10] = [
        // 2 of the 9 meetings, and 3: looked up.
        &["--period", "2022"],
        &["--to", "2023-02-10"],
        &["--kind", "例会"],
        &["--kind", "工作会议", "--from", "2022-01-01"],
        &["--unit", "鸡西市中医医院", "--period", "2023"],
        // 5 of the 9, and 4: whole tables, the other meetings left out.
        &["--period", "2023"],
        &["--from", "2023-09-01"],
        &["--unit", "鸡西市人民检察院"],
        &["--unit", "鸡西市教育局"],
        // All of them, through a condition.
        &["--from", "2022-01-01"],
    ];
    for filter in filters {
        let mut args = vec!["meeting", "list"];
        args.extend_from_slice(filter);
        let listed = json(&reg, &args);
        assert!(!rows(&listed).is_empty(), "{filter:?} lists nothing");
        for row in rows(&listed) {
            let same = rows(&all).iter().find(|m| m["id"] == row["id"]);
            assert_eq!(Some(row), same, "{filter:?}");
        }
    }
    let host_only = json(&reg, &["meeting", "list", "--unit", "鸡西市人民检察院"]);
    assert!(
        rows(&host_only)
            .iter()
            .any(|m| m["title"] == "半年工作会议"),
        "a meeting the unit hosted but did not attend is listed"
    );
}

#[test]
fn a_listed_meeting_agrees_with_meeting_show() {
    let reg = registry();
    let all = json(&reg, &["meeting", "list"]);
    let mut dates: Vec<&str> = Vec::new();
    for row in rows(&all) {
        let id = row["id"].to_string();
        let shown = json_without_history(json(&reg, &["meeting", "show", &id]));
        for key in [
            "id",
            "date",
            "title",
            "kind",
            "hosts",
            "presider",
            "attendees",
            "unit_count",
        ] {
            assert_eq!(row[key], shown[key], "meeting {id}: {key}");
        }
        let speakers = shown["speakers"].as_array().expect("speakers").len();
        assert_eq!(row["speakers"], speakers, "meeting {id}: speakers");
        dates.push(row["date"].as_str().expect("a date"));
    }
    assert!(dates.is_sorted(), "by date: {dates:?}");
}

#[test]
fn a_listed_committee_agrees_with_committee_show() {
    let reg = registry();
    for args in [
        // A second executive deputy: the first one stays the one listed.
        &[
            "committee",
            "member",
            "add",
            "鸡西市司法局关工委",
            "陈刚",
            "--role",
            "常务副主任",
        ][..],
        // A director replaced.
        &[
            "committee",
            "member",
            "remove",
            "鸡西市国资局关工委",
            "孙志刚",
            "--role",
            "主任",
        ],
        &[
            "committee",
            "member",
            "add",
            "鸡西市国资局关工委",
            "刘洋",
            "--role",
            "主任",
        ],
        &["unit", "add", "鸡西市甲公司", "--kind", "国有企业"],
        &["unit", "add", "鸡西市乙公司", "--kind", "国有企业"],
        &["unit", "add", "鸡西市丙公司", "--kind", "国有企业"],
        &[
            "committee",
            "establish",
            "鸡西市甲公司",
            "鸡西市乙公司",
            "鸡西市丙公司",
            "--date",
            "2023-08-01",
        ],
        &[
            "committee",
            "edit",
            "鸡西市甲公司",
            "--remove-unit",
            "鸡西市乙公司",
        ],
        &[
            "committee",
            "member",
            "add",
            "鸡西市甲公司",
            "周平",
            "--role",
            "名誉主任",
        ],
        &[
            "committee",
            "member",
            "add",
            "鸡西市甲公司",
            "吴敏",
            "--role",
            "主任",
        ],
        &[
            "committee",
            "dissolve",
            "鸡西市第一中学",
            "--date",
            "2024-01-01",
        ],
    ] {
        reg.ok(args);
    }
    let all = json(&reg, &["committee", "list", "--all"]);
    assert_eq!(rows(&all).len(), 20);
    for row in rows(&all) {
        let id = row["id"].to_string();
        let shown = json_without_history(json(&reg, &["committee", "show", &id]));
        for key in [
            "id",
            "name",
            "units",
            "status",
            "established_on",
            "batch",
            "compliant",
        ] {
            assert_eq!(row[key], shown[key], "committee {id}: {key}");
        }
        let meets = shown["meets"].as_array().expect("meets").len();
        assert_eq!(row["standards_met"], meets, "committee {id}");
        let serving = shown["members"].as_array().expect("members");
        for role in ["director", "executive_deputy"] {
            let holder = serving
                .iter()
                .find(|m| m["role"] == role)
                .map_or(Value::Null, |m| m["name"].clone());
            assert_eq!(row[role], holder, "committee {id}: {role}");
        }
    }
    let listed = |id: i64| {
        rows(&all)
            .iter()
            .find(|c| c["id"] == id)
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(listed(3)["executive_deputy"], "王淑芬");
    assert_eq!(listed(2)["director"], "刘洋");
    assert_eq!(
        listed(20)["units"],
        serde_json::json!(["鸡西市甲公司", "鸡西市丙公司"])
    );
    let active = json(&reg, &["committee", "list"]);
    assert!(rows(&active).iter().all(|c| c["status"] != "dissolved"));
    assert_eq!(rows(&active).len(), 19);
}
