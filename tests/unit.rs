//! `ggw unit`: add, list, show, edit, merge, remove, import, export and kinds,
//! run as the real binary on a temporary registry, with the values checked
//! in the database afterwards.

mod common;

use std::path::Path;

use common::{Registry, arg, json_without_history};
use serde_json::{Value as Json, json};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Completes a 17-character body with its GB 32100 check character.
fn credit_code(body: &str) -> String {
    const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    assert_eq!(body.len(), 17, "a credit code body has 17 characters");
    let mut weight = 1;
    let mut sum = 0;
    for c in body.chars() {
        sum += ALPHABET.find(c).expect("a credit code character") * weight;
        weight = weight * 3 % 31;
    }
    let check = (31 - sum % 31) % 31;
    format!("{body}{}", &ALPHABET[check..=check])
}

/// A valid code of a Party or government organ (机关, `11…`).
fn organ_code() -> String {
    credit_code("11230300MB0000001")
}

/// A valid code of a public institution (事业单位, `12…`).
fn institution_code() -> String {
    credit_code("12230300MB1234567")
}

/// The same code with a wrong check character.
fn failing_code() -> String {
    let good = organ_code();
    let last = if good.ends_with('0') { '1' } else { '0' };
    format!("{}{last}", &good[..17])
}

/// A unit row as stored, with kind, parent and successor by name and the
/// aliases sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stored {
    name: String,
    kind: String,
    parent: Option<String>,
    credit_code: Option<String>,
    staff: Option<i64>,
    young_staff: Option<i64>,
    contact: Option<String>,
    phone: Option<String>,
    note: Option<String>,
    status: String,
    merged_into: Option<String>,
    merged_on: Option<String>,
    aliases: Vec<String>,
}

const STORED_SQL: &str = "
    SELECT u.name, k.code, p.name, u.credit_code, u.staff, u.young_staff, u.contact,
           u.phone, u.note, u.status, m.name, u.merged_on, u.id
    FROM unit u JOIN kind k ON k.id = u.kind_id
    LEFT JOIN unit p ON p.id = u.parent_id
    LEFT JOIN unit m ON m.id = u.merged_into";

fn stored_rows(reg: &Registry, filter: &str, params: &[&dyn rusqlite::ToSql]) -> Vec<Stored> {
    let conn = reg.conn();
    let mut stmt = conn
        .prepare(&format!("{STORED_SQL} {filter} ORDER BY u.id"))
        .unwrap();
    let rows: Vec<(Stored, i64)> = stmt
        .query_map(params, |row| {
            Ok((
                Stored {
                    name: row.get(0)?,
                    kind: row.get(1)?,
                    parent: row.get(2)?,
                    credit_code: row.get(3)?,
                    staff: row.get(4)?,
                    young_staff: row.get(5)?,
                    contact: row.get(6)?,
                    phone: row.get(7)?,
                    note: row.get(8)?,
                    status: row.get(9)?,
                    merged_into: row.get(10)?,
                    merged_on: row.get(11)?,
                    aliases: Vec::new(),
                },
                row.get(12)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    rows.into_iter()
        .map(|(mut stored, id)| {
            let mut aliases = conn
                .prepare("SELECT alias FROM unit_alias WHERE unit_id = ?1 ORDER BY alias")
                .unwrap();
            stored.aliases = aliases
                .query_map([id], |row| row.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            stored
        })
        .collect()
}

/// The unit registered under exactly this name.
fn stored(reg: &Registry, name: &str) -> Stored {
    let mut rows = stored_rows(reg, "WHERE u.name = ?1", &[&name]);
    assert_eq!(rows.len(), 1, "one unit is named {name}");
    rows.remove(0)
}

/// Every unit, in id order.
fn all_stored(reg: &Registry) -> Vec<Stored> {
    stored_rows(reg, "", &[])
}

/// A unit with only a name and a kind, to compare with.
fn bare(name: &str, kind: &str) -> Stored {
    Stored {
        name: name.to_string(),
        kind: kind.to_string(),
        parent: None,
        credit_code: None,
        staff: None,
        young_staff: None,
        contact: None,
        phone: None,
        note: None,
        status: "active".to_string(),
        merged_into: None,
        merged_on: None,
        aliases: Vec::new(),
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

/// Runs a command that must succeed; returns stdout and stderr.
fn ok_with_stderr(reg: &Registry, args: &[&str]) -> (String, String) {
    let output = reg.ggw().args(args).output().expect("run ggw");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 errors");
    assert!(output.status.success(), "ggw {args:?} failed: {stderr}");
    (
        String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr,
    )
}

fn parse_json(out: &str) -> Json {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

fn id_of(reg: &Registry, name: &str) -> i64 {
    reg.count(&format!("SELECT id FROM unit WHERE name = '{name}'"))
}

/// The registry of the examples: a city government, its justice bureau and
/// a hospital.
///
/// | id | name           | kind        | aliases  | parent         |
/// |----|----------------|-------------|----------|----------------|
/// | 1  | 鸡西市人民政府 | organ       | 市政府   |                |
/// | 2  | 鸡西市司法局   | organ       | 市司法局 | 鸡西市人民政府 |
/// | 3  | 鸡西市中医院   | institution |          |                |
fn jixi() -> Registry {
    let reg = Registry::new();
    reg.ok(&[
        "unit",
        "add",
        "鸡西市人民政府",
        "--alias",
        "市政府",
        "--kind",
        "organ",
    ]);
    reg.ok(&[
        "unit",
        "add",
        "鸡西市司法局",
        "--alias",
        "市司法局",
        "--kind",
        "党政机关",
        "--parent",
        "鸡西市人民政府",
    ]);
    reg.ok(&["unit", "add", "鸡西市中医院", "--kind", "institution"]);
    reg
}

/// A registry file that exists, with no units.
fn empty() -> Registry {
    let reg = Registry::new();
    reg.ok(&["unit", "kind", "list"]);
    reg
}

// ---------------------------------------------------------------------------
// unit add
// ---------------------------------------------------------------------------

#[test]
fn add_stores_every_option() {
    let reg = jixi();
    let code = organ_code();
    let out = reg.ok(&[
        "unit",
        "add",
        "鸡西市自然资源和规划局",
        "--alias",
        "市自然资源局",
        "--alias",
        "市规划局",
        "--kind",
        "organ",
        "--parent",
        "市政府",
        "--credit-code",
        &code.to_lowercase(),
        "--staff",
        "120",
        "--young-staff",
        "45",
        "--contact",
        "张三",
        "--phone",
        "+86 138 0000 0001",
        "--note",
        "第一批试点",
    ]);
    assert_eq!(out, "已登记单位 #4 鸡西市自然资源和规划局（党政机关）\n");
    assert_eq!(
        stored(&reg, "鸡西市自然资源和规划局"),
        Stored {
            parent: some("鸡西市人民政府"),
            credit_code: Some(code),
            staff: Some(120),
            young_staff: Some(45),
            contact: some("张三"),
            phone: some("13800000001"),
            note: some("第一批试点"),
            aliases: strings(&["市自然资源局", "市规划局"]),
            ..bare("鸡西市自然资源和规划局", "organ")
        }
    );
}

#[test]
fn add_says_what_it_registered_in_english() {
    let reg = empty();
    let out = reg.ok(&[
        "--lang",
        "en",
        "unit",
        "add",
        "鸡西市检察院",
        "--kind",
        "judicial",
    ]);
    assert_eq!(out, "registered unit #1 鸡西市检察院 (judicial organ)\n");
}

#[test]
fn add_takes_the_kind_in_chinese_or_as_english_code() {
    let reg = empty();
    reg.ok(&["unit", "add", "鸡西市交通局", "--kind", "党政机关"]);
    reg.ok(&["unit", "add", "鸡西市邮政管理局", "--kind", "organ"]);
    reg.ok(&["unit", "add", "鸡西市第一中学", "--kind", "学校"]);
    reg.ok(&["unit", "add", "鸡西市国资公司", "--kind", "soe"]);
    let kinds: Vec<(String, String)> = all_stored(&reg)
        .into_iter()
        .map(|u| (u.name, u.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("鸡西市交通局".to_string(), "organ".to_string()),
            ("鸡西市邮政管理局".to_string(), "organ".to_string()),
            ("鸡西市第一中学".to_string(), "school".to_string()),
            ("鸡西市国资公司".to_string(), "soe".to_string()),
        ]
    );
}

#[test]
fn add_names_the_parent_by_name_alias_or_id() {
    let reg = jixi();
    reg.ok(&["unit", "add", "甲处", "--parent", "鸡西市司法局"]);
    reg.ok(&["unit", "add", "乙处", "--parent", "市司法局"]);
    reg.ok(&["unit", "add", "丙处", "--parent", "2"]);
    reg.ok(&["unit", "add", "丁处", "--parent", "#2"]);
    for name in ["甲处", "乙处", "丙处", "丁处"] {
        assert_eq!(
            stored(&reg, name).parent.as_deref(),
            Some("鸡西市司法局"),
            "{name}"
        );
    }
    assert_eq!(
        reg.count("SELECT count(*) FROM unit WHERE parent_id = 2"),
        4
    );
}

#[test]
fn add_normalises_a_mobile_and_a_landline() {
    let reg = empty();
    reg.ok(&["unit", "add", "甲局", "--phone", "138 0000 0001"]);
    reg.ok(&["unit", "add", "乙局", "--phone", "+86 139-0000-0002"]);
    reg.ok(&["unit", "add", "丙局", "--phone", "0467-2345678"]);
    reg.ok(&["unit", "add", "丁局", "--phone", "(0467)2345679"]);
    let phones: Vec<Option<String>> = all_stored(&reg).into_iter().map(|u| u.phone).collect();
    assert_eq!(
        phones,
        vec![
            some("13800000001"),
            some("13900000002"),
            some("0467-2345678"),
            some("0467-2345679"),
        ]
    );
}

#[test]
fn add_with_an_institution_credit_code_and_no_kind_makes_an_institution() {
    let reg = empty();
    let out = reg.ok(&[
        "unit",
        "add",
        "鸡西市中医院",
        "--credit-code",
        &institution_code(),
    ]);
    assert_eq!(out, "已登记单位 #1 鸡西市中医院（事业单位）\n");
    assert_eq!(stored(&reg, "鸡西市中医院").kind, "institution");
}

#[test]
fn add_without_kind_or_credit_code_makes_kind_other() {
    let reg = empty();
    reg.ok(&["unit", "add", "鸡西市某协会"]);
    assert_eq!(stored(&reg, "鸡西市某协会"), bare("鸡西市某协会", "other"));
}

#[test]
fn add_warns_when_the_credit_code_suggests_another_kind() {
    let reg = empty();
    let (out, err) = ok_with_stderr(
        &reg,
        &[
            "unit",
            "add",
            "鸡西市中医院",
            "--kind",
            "soe",
            "--credit-code",
            &institution_code(),
        ],
    );
    assert_eq!(out, "已登记单位 #1 鸡西市中医院（国有企业）\n");
    assert_eq!(
        err,
        "注意：统一社会信用代码提示类别为“事业单位”，所填为“国有企业”\n"
    );
    assert_eq!(stored(&reg, "鸡西市中医院").kind, "soe");
}

#[test]
fn add_drops_an_alias_equal_to_the_name_or_repeated() {
    let reg = empty();
    reg.ok(&[
        "unit",
        "add",
        "鸡西市司法局",
        "--alias",
        "鸡西市司法局",
        "--alias",
        "市司法局",
        "--alias",
        "市司法局",
    ]);
    assert_eq!(stored(&reg, "鸡西市司法局").aliases, strings(&["市司法局"]));
}

// ---------------------------------------------------------------------------
// Refusals: each leaves the database exactly as it was
// ---------------------------------------------------------------------------

#[test]
fn an_unknown_unit_is_refused_with_the_nearest_names() {
    let reg = jixi();
    let err = reg.refused(&["unit", "show", "司法局"]);
    assert_eq!(err, "错误：未找到单位“司法局”。相近的有：鸡西市司法局\n");
    let err = reg.refused(&["--lang", "en", "unit", "show", "司法局"]);
    assert_eq!(
        err,
        "error: no unit named '司法局'. Nearest: 鸡西市司法局\n"
    );
    reg.ok(&["unit", "add", "鸡东县司法局"]);
    let err = reg.refused(&["unit", "show", "司法局"]);
    assert_eq!(
        err,
        "错误：未找到单位“司法局”。相近的有：鸡东县司法局、鸡西市司法局\n"
    );
}

#[test]
fn an_unknown_unit_with_nothing_near_says_to_register_it() {
    let reg = jixi();
    let err = reg.refused(&["unit", "show", "哈尔滨市图书馆"]);
    assert_eq!(
        err,
        "错误：未找到单位“哈尔滨市图书馆”：请先用 ggw unit add 登记\n"
    );
}

#[test]
fn an_unknown_id_is_refused() {
    let reg = jixi();
    let err = reg.refused(&["unit", "show", "99"]);
    assert_eq!(
        err,
        "错误：没有编号为 99 的单位（ggw unit list 列出全部单位）\n"
    );
}

#[test]
fn a_duplicate_name_is_refused() {
    let reg = jixi();
    let err = reg.refused(&["unit", "add", "鸡西市司法局"]);
    assert_eq!(
        err,
        "错误：单位名称：“鸡西市司法局”已是单位“鸡西市司法局”（#2）的名称或简称\n"
    );
}

#[test]
fn a_name_equal_to_another_units_alias_is_refused() {
    let reg = jixi();
    let err = reg.refused(&["unit", "add", "市司法局"]);
    assert_eq!(
        err,
        "错误：单位名称：“市司法局”已是单位“鸡西市司法局”（#2）的名称或简称\n"
    );
}

#[test]
fn an_alias_equal_to_another_units_name_is_refused() {
    let reg = jixi();
    let err = reg.refused(&["unit", "add", "鸡西市卫健委", "--alias", "鸡西市中医院"]);
    assert_eq!(
        err,
        "错误：简称：“鸡西市中医院”已是单位“鸡西市中医院”（#3）的名称或简称\n"
    );
}

#[test]
fn a_credit_code_failing_its_check_is_refused() {
    let reg = jixi();
    let code = failing_code();
    let expected = &organ_code()[17..];
    let err = reg.refused(&["unit", "add", "鸡西市交通局", "--credit-code", &code]);
    assert_eq!(
        err,
        format!(
            "错误：统一社会信用代码：“{code}”的校验位不符（按 GB 32100 应为 {expected}）：请核对；如与登记证书一致，可加 --force 录入\n"
        )
    );
}

#[test]
fn a_credit_code_failing_its_check_is_accepted_with_force_and_a_warning() {
    let reg = jixi();
    let code = failing_code();
    let expected = &organ_code()[17..];
    let (out, err) = ok_with_stderr(
        &reg,
        &[
            "unit",
            "add",
            "鸡西市交通局",
            "--credit-code",
            &code,
            "--force",
        ],
    );
    assert_eq!(out, "已登记单位 #4 鸡西市交通局（党政机关）\n");
    assert_eq!(
        err,
        format!("注意：统一社会信用代码“{code}”校验位不符（应为 {expected}），已按 --force 录入\n")
    );
    let unit = stored(&reg, "鸡西市交通局");
    assert_eq!(unit.credit_code, Some(code));
    assert_eq!(unit.kind, "organ");
}

#[test]
fn a_forced_credit_code_needs_no_force_again_when_the_unit_is_edited() {
    let reg = jixi();
    let code = failing_code();
    reg.ok(&[
        "unit",
        "add",
        "鸡西市交通局",
        "--credit-code",
        &code,
        "--force",
    ]);
    let (out, err) = ok_with_stderr(&reg, &["unit", "edit", "鸡西市交通局", "--staff", "60"]);
    assert_eq!(out, "已更新单位 #4 鸡西市交通局\n");
    assert_eq!(err, "");
    let unit = stored(&reg, "鸡西市交通局");
    assert_eq!(unit.credit_code, Some(code.clone()));
    assert_eq!(unit.staff, Some(60));
    // A different failing code still needs --force.
    let other = format!(
        "{}{}",
        &code[..16],
        if &code[16..17] == "1" { "21" } else { "11" }
    );
    let err = reg.refused(&["unit", "edit", "鸡西市交通局", "--credit-code", &other]);
    assert!(
        err.contains(&format!("统一社会信用代码：“{other}”的校验位不符")),
        "{err}"
    );
}

#[test]
fn a_malformed_credit_code_is_refused_even_with_force() {
    let reg = jixi();
    let err = reg.refused(&[
        "unit",
        "add",
        "鸡西市交通局",
        "--credit-code",
        "11230300MB00000O1D",
        "--force",
    ]);
    assert_eq!(
        err,
        "错误：统一社会信用代码：“11230300MB00000O1D”含有统一社会信用代码不用的字符“O”（不用 I、O、Z、S、V）\n"
    );
    let err = reg.refused(&[
        "unit",
        "add",
        "鸡西市交通局",
        "--credit-code",
        "11230300MB000",
        "--force",
    ]);
    assert_eq!(
        err,
        "错误：统一社会信用代码：“11230300MB000”有13位，应为18位\n"
    );
}

#[test]
fn a_credit_code_of_another_unit_is_refused() {
    let reg = jixi();
    reg.ok(&[
        "unit",
        "edit",
        "鸡西市中医院",
        "--credit-code",
        &institution_code(),
    ]);
    let err = reg.refused(&[
        "unit",
        "add",
        "鸡西市人民医院",
        "--credit-code",
        &institution_code(),
    ]);
    assert_eq!(
        err,
        format!(
            "错误：统一社会信用代码“{}”已属于单位“鸡西市中医院”\n",
            institution_code()
        )
    );
}

#[test]
fn a_bad_phone_is_refused() {
    let reg = jixi();
    let err = reg.refused(&["unit", "add", "鸡西市交通局", "--phone", "12800000001"]);
    assert_eq!(
        err,
        "错误：联系电话：“12800000001”不是有效电话号码：手机为1开头的11位数字，座机如 0467-2345678\n"
    );
    reg.refused(&["unit", "add", "鸡西市交通局", "--phone", "0467-123"]);
    reg.refused(&["unit", "add", "鸡西市交通局", "--phone", "电话"]);
}

#[test]
fn more_young_staff_than_staff_is_refused() {
    let reg = jixi();
    let err = reg.refused(&[
        "unit",
        "add",
        "鸡西市交通局",
        "--staff",
        "10",
        "--young-staff",
        "11",
    ]);
    assert_eq!(err, "错误：青年职工人数（11）不能多于职工人数（10）\n");
}

#[test]
fn a_negative_staff_count_is_refused() {
    let reg = jixi();
    let err = reg.refused(&["unit", "add", "鸡西市交通局", "--staff", "-1"]);
    assert_eq!(err, "错误：职工人数：人数不能为负数\n");
    let err = reg.refused(&["unit", "add", "鸡西市交通局", "--young-staff", "-3"]);
    assert_eq!(err, "错误：青年职工人数：人数不能为负数\n");
}

#[test]
fn an_unknown_kind_is_refused_listing_the_kinds() {
    let reg = jixi();
    let err = reg.refused(&["unit", "add", "鸡西市交通局", "--kind", "外星机构"]);
    assert_eq!(
        err,
        "错误：类别：未知的单位类别“外星机构”：可选 党政机关、司法机关、事业单位、国有企业、学校、群团组织、其他（可用 ggw unit kind add 增加类别）\n"
    );
}

#[test]
fn an_all_digit_name_is_refused() {
    let reg = jixi();
    let err = reg.refused(&["unit", "add", "12345"]);
    assert_eq!(
        err,
        "错误：单位名称不能全是数字（“12345”）：数字用来按编号指定单位\n"
    );
    reg.refused(&["unit", "add", "鸡西市交通局", "--alias", "678"]);
}

#[test]
fn every_bad_value_of_one_command_is_reported() {
    let reg = jixi();
    let err = reg.refused(&[
        "unit",
        "add",
        "鸡西市交通局",
        "--kind",
        "外星",
        "--phone",
        "123",
        "--staff",
        "-2",
    ]);
    assert_eq!(
        err,
        "错误：类别：未知的单位类别“外星”：可选 党政机关、司法机关、事业单位、国有企业、学校、群团组织、其他（可用 ggw unit kind add 增加类别）\n\
         职工人数：人数不能为负数\n\
         联系电话：“123”不是有效电话号码：手机为1开头的11位数字，座机如 0467-2345678\n"
    );
}

#[test]
fn removing_a_unit_with_a_committee_is_refused() {
    let reg = jixi();
    reg.ok(&[
        "committee",
        "establish",
        "鸡西市司法局",
        "--date",
        "2023-03-15",
    ]);
    let err = reg.refused(&["unit", "remove", "鸡西市司法局"]);
    assert_eq!(
        err,
        "错误：单位“鸡西市司法局”仍被引用（关工委1条），不能删除。\n如属机构改革，请用 ggw unit merge 并入其他单位。\n"
    );
}

#[test]
fn removing_a_parent_unit_is_refused() {
    let reg = jixi();
    reg.ok(&[
        "unit",
        "add",
        "鸡西市司法局办公室",
        "--parent",
        "鸡西市司法局",
    ]);
    let err = reg.refused(&["unit", "remove", "鸡西市司法局"]);
    assert_eq!(
        err,
        "错误：单位“鸡西市司法局”仍被引用（下级单位或并入记录1条），不能删除。\n如属机构改革，请用 ggw unit merge 并入其他单位。\n"
    );
    let err = reg.refused(&["--lang", "en", "unit", "remove", "市政府"]);
    assert!(
        err.starts_with(
            "error: the unit '鸡西市人民政府' is still referred to (units below it or merged into it: 1), so it cannot be removed."
        ),
        "{err}"
    );
    assert!(
        err.ends_with("), so it cannot be removed.\nAfter an institutional reform, use ggw unit merge instead.\n"),
        "{err}"
    );
}

#[test]
fn a_bad_merge_date_is_refused() {
    let reg = jixi();
    let err = reg.refused(&[
        "unit",
        "merge",
        "鸡西市司法局",
        "--into",
        "鸡西市人民政府",
        "--date",
        "2023-13-45",
    ]);
    assert_eq!(
        err,
        "错误：“2023-13-45”不是有效日期：请写成 2023-07-20 或 2023年7月20日\n"
    );
}

#[test]
fn merging_a_unit_into_itself_is_refused() {
    let reg = jixi();
    let err = reg.refused(&["unit", "merge", "市司法局", "--into", "鸡西市司法局"]);
    assert_eq!(err, "错误：不能把单位并入它自己\n");
}

// ---------------------------------------------------------------------------
// unit list
// ---------------------------------------------------------------------------

/// The names in a JSON list.
fn names(list: &Json) -> Vec<String> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|unit| unit["name"].as_str().expect("a name").to_string())
        .collect()
}

fn list_names(reg: &Registry, filter: &[&str]) -> Vec<String> {
    let mut args = vec!["--format", "json", "unit", "list"];
    args.extend_from_slice(filter);
    names(&parse_json(&reg.ok(&args)))
}

#[test]
fn list_filters_by_kind_in_either_language() {
    let reg = jixi();
    assert_eq!(
        list_names(&reg, &["--kind", "organ"]),
        strings(&["鸡西市人民政府", "鸡西市司法局"])
    );
    assert_eq!(
        list_names(&reg, &["--kind", "事业单位"]),
        strings(&["鸡西市中医院"])
    );
    assert_eq!(
        list_names(&reg, &["--kind", "school"]),
        Vec::<String>::new()
    );
    reg.refused(&["unit", "list", "--kind", "外星机构"]);
}

#[test]
fn list_searches_names_and_aliases() {
    let reg = jixi();
    reg.ok(&["unit", "edit", "鸡西市中医院", "--alias", "中医院"]);
    assert_eq!(
        list_names(&reg, &["--search", "司法"]),
        strings(&["鸡西市司法局"])
    );
    assert_eq!(
        list_names(&reg, &["--search", "市政府"]),
        strings(&["鸡西市人民政府"])
    );
    assert_eq!(
        list_names(&reg, &["--search", "鸡西"]),
        strings(&["鸡西市人民政府", "鸡西市司法局", "鸡西市中医院"])
    );
    assert_eq!(
        list_names(&reg, &["--search", "教育"]),
        Vec::<String>::new()
    );
}

#[test]
fn list_filters_by_parent_to_direct_subunits_only() {
    let reg = jixi();
    reg.ok(&["unit", "add", "鸡西市司法局办公室", "--parent", "市司法局"]);
    reg.ok(&["unit", "edit", "鸡西市中医院", "--parent", "市政府"]);
    assert_eq!(
        list_names(&reg, &["--parent", "市政府"]),
        strings(&["鸡西市司法局", "鸡西市中医院"])
    );
    assert_eq!(
        list_names(&reg, &["--parent", "2"]),
        strings(&["鸡西市司法局办公室"])
    );
}

#[test]
fn list_without_committee_leaves_out_units_with_one() {
    let reg = jixi();
    reg.ok(&[
        "committee",
        "establish",
        "鸡西市司法局",
        "--date",
        "2023-03-15",
    ]);
    assert_eq!(
        list_names(&reg, &["--without-committee"]),
        strings(&["鸡西市人民政府", "鸡西市中医院"])
    );
    let list = parse_json(&reg.ok(&["--format", "json", "unit", "list", "--search", "司法"]));
    assert_eq!(list[0]["committee"], json!("active"));
    assert_eq!(list[0]["established_on"], json!("2023-03-15"));
}

#[test]
fn list_shows_merged_units_only_with_all() {
    let reg = jixi();
    reg.ok(&[
        "unit",
        "merge",
        "鸡西市中医院",
        "--into",
        "鸡西市人民政府",
        "--date",
        "2023-07-01",
    ]);
    assert_eq!(
        list_names(&reg, &[]),
        strings(&["鸡西市人民政府", "鸡西市司法局"])
    );
    let list = parse_json(&reg.ok(&["--format", "json", "unit", "list", "--all"]));
    assert_eq!(
        names(&list),
        strings(&["鸡西市人民政府", "鸡西市司法局", "鸡西市中医院"])
    );
    let statuses: Vec<&Json> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|u| &u["status"])
        .collect();
    assert_eq!(
        statuses,
        [&json!("active"), &json!("active"), &json!("merged")]
    );
}

#[test]
fn list_masks_phones_unless_unmasked() {
    let reg = jixi();
    reg.ok(&["unit", "edit", "鸡西市司法局", "--phone", "138 0000 0001"]);
    reg.ok(&["unit", "edit", "鸡西市中医院", "--phone", "0467-2345678"]);
    let table = reg.ok(&["unit", "list"]);
    assert!(table.contains("138****0001"), "{table}");
    assert!(table.contains("0467-***5678"), "{table}");
    assert!(!table.contains("13800000001"), "{table}");
    let masked = parse_json(&reg.ok(&["--format", "json", "unit", "list"]));
    assert_eq!(masked[1]["phone"], json!("138****0001"));
    assert_eq!(masked[2]["phone"], json!("0467-***5678"));
    let unmasked = parse_json(&reg.ok(&["--format", "json", "unit", "list", "--unmasked"]));
    assert_eq!(unmasked[1]["phone"], json!("13800000001"));
    assert_eq!(unmasked[2]["phone"], json!("0467-2345678"));
    let table = reg.ok(&["unit", "list", "--unmasked"]);
    assert!(table.contains("13800000001"), "{table}");
}

#[test]
fn list_as_json_has_english_keys_alias_arrays_and_kind_codes() {
    let reg = jixi();
    reg.ok(&[
        "unit",
        "edit",
        "鸡西市司法局",
        "--alias",
        "司法局机关",
        "--staff",
        "120",
        "--young-staff",
        "45",
    ]);
    let list = parse_json(&reg.ok(&["--format", "json", "unit", "list"]));
    assert_eq!(
        list[1],
        json!({
            "id": 2,
            "name": "鸡西市司法局",
            "aliases": ["司法局机关", "市司法局"],
            "kind": "organ",
            "parent": "鸡西市人民政府",
            "staff": 120,
            "young_staff": 45,
            "phone": null,
            "committee": null,
            "established_on": null
        })
    );
    assert_eq!(list[2]["kind"], json!("institution"));
    assert_eq!(list[2]["aliases"], json!([]));
}

#[test]
fn list_as_csv_has_chinese_or_english_headers() {
    let reg = jixi();
    let zh = reg.ok(&["--format", "csv", "unit", "list"]);
    assert_eq!(
        zh,
        "编号,单位名称,简称,类别,上级单位,职工人数,青年职工人数,联系电话,关工委,成立日期\n\
         1,鸡西市人民政府,市政府,党政机关,,,,,,\n\
         2,鸡西市司法局,市司法局,党政机关,鸡西市人民政府,,,,,\n\
         3,鸡西市中医院,,事业单位,,,,,,\n"
    );
    let en = reg.ok(&["--format", "csv", "--lang", "en", "unit", "list"]);
    assert_eq!(
        en.lines().next(),
        Some("ID,Unit,Aliases,Kind,Parent unit,Staff,Young staff,Phone,Committee,Established")
    );
    assert_eq!(
        en.lines().nth(3),
        Some("3,鸡西市中医院,,public institution,,,,,,")
    );
}

// ---------------------------------------------------------------------------
// unit show
// ---------------------------------------------------------------------------

#[test]
fn show_finds_a_unit_by_id_name_or_alias() {
    let reg = jixi();
    let by_name = reg.ok(&["--format", "json", "unit", "show", "鸡西市司法局"]);
    assert_eq!(reg.ok(&["--format", "json", "unit", "show", "2"]), by_name);
    assert_eq!(reg.ok(&["--format", "json", "unit", "show", "#2"]), by_name);
    assert_eq!(
        reg.ok(&["--format", "json", "unit", "show", "市司法局"]),
        by_name
    );
    assert_eq!(
        reg.ok(&["--format", "json", "unit", "show", " 市司法局 "]),
        by_name
    );
    assert_eq!(parse_json(&by_name)["id"], json!(2));
}

#[test]
fn show_as_json_is_one_object_with_every_value() {
    let reg = jixi();
    reg.ok(&[
        "unit",
        "edit",
        "鸡西市人民政府",
        "--credit-code",
        &organ_code(),
        "--staff",
        "300",
        "--young-staff",
        "90",
        "--contact",
        "李四",
        "--phone",
        "0467-2345678",
        "--note",
        "市直机关",
    ]);
    reg.ok(&["committee", "establish", "市政府", "--date", "2023-03-15"]);
    let shown = json_without_history(parse_json(&reg.ok(&[
        "--format",
        "json",
        "unit",
        "show",
        "市政府",
    ])));
    assert_eq!(
        shown,
        json!({
            "id": 1,
            "name": "鸡西市人民政府",
            "aliases": ["市政府"],
            "kind": "organ",
            "parent": null,
            "credit_code": organ_code(),
            "staff": 300,
            "young_staff": 90,
            "contact": "李四",
            "phone": "0467-2345678",
            "note": "市直机关",
            "status": "active",
            "committee_id": 1,
            "committee": "active",
            "established_on": "2023-03-15",
            "subunits": [{"id": 2, "name": "鸡西市司法局", "kind": "organ"}]
        })
    );
}

#[test]
fn show_as_a_table_labels_the_fields_in_chinese() {
    let reg = jixi();
    let shown = reg.ok(&["unit", "show", "市司法局"]);
    for expected in [
        "单位名称",
        "鸡西市司法局",
        "简称",
        "市司法局",
        "上级单位",
        "鸡西市人民政府",
        "在册",
    ] {
        assert!(shown.contains(expected), "{expected} in {shown}");
    }
}

// ---------------------------------------------------------------------------
// unit edit
// ---------------------------------------------------------------------------

#[test]
fn edit_name_keeps_the_old_name_as_an_alias() {
    let reg = jixi();
    let out = reg.ok(&["unit", "edit", "市司法局", "--name", "鸡西市司法行政局"]);
    assert_eq!(out, "已更新单位 #2 鸡西市司法行政局\n");
    assert_eq!(
        reg.count("SELECT count(*) FROM unit WHERE name = '鸡西市司法局'"),
        0
    );
    assert_eq!(
        stored(&reg, "鸡西市司法行政局").aliases,
        strings(&["市司法局", "鸡西市司法局"])
    );
    let shown = parse_json(&reg.ok(&["--format", "json", "unit", "show", "鸡西市司法局"]));
    assert_eq!(shown["name"], json!("鸡西市司法行政局"));
}

#[test]
fn edit_adds_and_removes_aliases() {
    let reg = jixi();
    reg.ok(&[
        "unit",
        "edit",
        "鸡西市司法局",
        "--alias",
        "司法局机关",
        "--alias",
        "市司法行政局",
    ]);
    assert_eq!(
        stored(&reg, "鸡西市司法局").aliases,
        strings(&["司法局机关", "市司法局", "市司法行政局"])
    );
    reg.ok(&["unit", "edit", "鸡西市司法局", "--remove-alias", "市司法局"]);
    assert_eq!(
        stored(&reg, "鸡西市司法局").aliases,
        strings(&["司法局机关", "市司法行政局"])
    );
    assert_eq!(
        reg.count("SELECT count(*) FROM unit_alias WHERE alias = '市司法局'"),
        0
    );
    // The freed alias can name another unit now.
    reg.ok(&["unit", "add", "市司法局"]);
    assert_eq!(stored(&reg, "市司法局").name, "市司法局");
}

#[test]
fn edit_refuses_to_remove_an_alias_the_unit_does_not_have() {
    let reg = jixi();
    let err = reg.refused(&["unit", "edit", "鸡西市司法局", "--remove-alias", "市政府"]);
    assert_eq!(err, "错误：“市政府”不是“鸡西市司法局”的简称\n");
}

#[test]
fn edit_refuses_an_alias_of_another_unit() {
    let reg = jixi();
    let err = reg.refused(&["unit", "edit", "鸡西市中医院", "--alias", "市政府"]);
    assert_eq!(
        err,
        "错误：简称：“市政府”已是单位“鸡西市人民政府”（#1）的名称或简称\n"
    );
}

#[test]
fn edit_sets_values_and_clear_empties_them() {
    let reg = jixi();
    reg.ok(&[
        "unit",
        "edit",
        "鸡西市中医院",
        "--phone",
        "139 0000 0002",
        "--staff",
        "300",
        "--young-staff",
        "100",
        "--contact",
        "王五",
        "--kind",
        "国有企业",
    ]);
    let before = stored(&reg, "鸡西市中医院");
    assert_eq!(before.phone, some("13900000002"));
    assert_eq!(before.staff, Some(300));
    assert_eq!(before.kind, "soe");
    let out = reg.ok(&["unit", "edit", "鸡西市中医院", "--clear", "phone,staff"]);
    assert_eq!(out, "已更新单位 #3 鸡西市中医院\n");
    assert_eq!(
        stored(&reg, "鸡西市中医院"),
        Stored {
            phone: None,
            staff: None,
            ..before
        }
    );
}

#[test]
fn edit_clear_parent_and_note() {
    let reg = jixi();
    reg.ok(&["unit", "edit", "鸡西市司法局", "--note", "试点"]);
    reg.ok(&[
        "unit",
        "edit",
        "鸡西市司法局",
        "--clear",
        "parent",
        "--clear",
        "note",
    ]);
    let unit = stored(&reg, "鸡西市司法局");
    assert_eq!(unit.parent, None);
    assert_eq!(unit.note, None);
}

#[test]
fn edit_refuses_a_parent_below_the_unit() {
    let reg = jixi();
    // 鸡西市人民政府 is the parent of 鸡西市司法局.
    let err = reg.refused(&["unit", "edit", "鸡西市人民政府", "--parent", "鸡西市司法局"]);
    assert_eq!(
        err,
        "错误：上级单位：“鸡西市司法局”是本单位的下级单位，不能作为上级单位\n"
    );
    // Two steps down as well.
    reg.ok(&[
        "unit",
        "add",
        "鸡西市司法局办公室",
        "--parent",
        "鸡西市司法局",
    ]);
    let err = reg.refused(&["unit", "edit", "市政府", "--parent", "鸡西市司法局办公室"]);
    assert_eq!(
        err,
        "错误：上级单位：“鸡西市司法局办公室”是本单位的下级单位，不能作为上级单位\n"
    );
}

#[test]
fn edit_refuses_the_unit_as_its_own_parent() {
    let reg = jixi();
    let err = reg.refused(&["unit", "edit", "鸡西市中医院", "--parent", "3"]);
    assert_eq!(err, "错误：上级单位：单位不能是自己的上级单位\n");
}

#[test]
fn edit_refuses_young_staff_above_the_stored_staff() {
    let reg = jixi();
    reg.ok(&["unit", "edit", "鸡西市中医院", "--staff", "40"]);
    let err = reg.refused(&["unit", "edit", "鸡西市中医院", "--young-staff", "41"]);
    assert_eq!(err, "错误：青年职工人数（41）不能多于职工人数（40）\n");
}

#[test]
fn an_edit_that_changes_nothing_says_so() {
    let reg = jixi();
    let before = reg.dump();
    let out = reg.ok(&[
        "unit",
        "edit",
        "鸡西市司法局",
        "--kind",
        "organ",
        "--alias",
        "市司法局",
    ]);
    assert_eq!(out, "单位 #2 鸡西市司法局 没有变化\n");
    let out = reg.ok(&["--lang", "en", "unit", "edit", "鸡西市司法局"]);
    assert_eq!(out, "unit #2 鸡西市司法局 is unchanged\n");
    assert_eq!(reg.dump(), before);
}

// ---------------------------------------------------------------------------
// unit merge
// ---------------------------------------------------------------------------

#[test]
fn merge_moves_the_committee_and_the_names_to_the_unit_carrying_on() {
    let reg = jixi();
    reg.ok(&[
        "committee",
        "establish",
        "鸡西市司法局",
        "--date",
        "2023-03-15",
    ]);
    let out = reg.ok(&[
        "unit",
        "merge",
        "市司法局",
        "--into",
        "鸡西市人民政府",
        "--date",
        "2023-07-01",
    ]);
    assert_eq!(
        out,
        "已将“鸡西市司法局”并入“鸡西市人民政府”（2023-07-01）；“鸡西市司法局”已作为“鸡西市人民政府”的简称保留\n"
    );
    // The committee covers the unit carrying on from the merger, and its
    // cover of the merged unit ends that day.
    assert_eq!(
        reg.count("SELECT unit_id FROM committee_unit WHERE committee_id = 1 AND until IS NULL"),
        id_of(&reg, "鸡西市人民政府")
    );
    assert_eq!(
        reg.text("SELECT since FROM committee_unit WHERE committee_id = 1 AND until IS NULL")
            .as_deref(),
        Some("2023-07-01")
    );
    assert_eq!(
        reg.text(&format!(
            "SELECT until FROM committee_unit WHERE unit_id = {}",
            id_of(&reg, "鸡西市司法局")
        ))
        .as_deref(),
        Some("2023-07-01")
    );
    // The merged unit stays on record.
    assert_eq!(
        stored(&reg, "鸡西市司法局"),
        Stored {
            parent: some("鸡西市人民政府"),
            status: "merged".to_string(),
            merged_into: some("鸡西市人民政府"),
            merged_on: some("2023-07-01"),
            ..bare("鸡西市司法局", "organ")
        }
    );
    assert_eq!(
        stored(&reg, "鸡西市人民政府").aliases,
        strings(&["市司法局", "市政府", "鸡西市司法局"])
    );
    // Its names lead to the unit carrying on; its id to its own record.
    for name in ["鸡西市司法局", "市司法局"] {
        let shown = parse_json(&reg.ok(&["--format", "json", "unit", "show", name]));
        assert_eq!(shown["id"], json!(1), "{name}");
        assert_eq!(shown["committee_id"], json!(1), "{name}");
    }
    let merged = parse_json(&reg.ok(&["--format", "json", "unit", "show", "2"]));
    assert_eq!(merged["status"], json!("merged"));
    assert_eq!(merged["merged_into"], json!("鸡西市人民政府 (#1)"));
    assert_eq!(merged["merged_on"], json!("2023-07-01"));
    // Its record keeps the committee that covered it until the merger.
    assert_eq!(merged["committee_id"], json!(1));
    let list = parse_json(&reg.ok(&["--format", "json", "unit", "list", "--all"]));
    assert_eq!(list[1]["name"], json!("鸡西市司法局"));
    assert_eq!(list[1]["status"], json!("merged"));
    assert_eq!(list[0]["committee"], json!("active"));
}

#[test]
fn merge_moves_subunits_to_the_unit_carrying_on() {
    let reg = jixi();
    reg.ok(&[
        "unit",
        "add",
        "鸡西市司法局办公室",
        "--parent",
        "鸡西市司法局",
    ]);
    reg.ok(&[
        "unit",
        "merge",
        "鸡西市司法局",
        "--into",
        "鸡西市中医院",
        "--date",
        "2023-07-01",
    ]);
    assert_eq!(
        stored(&reg, "鸡西市司法局办公室").parent,
        some("鸡西市中医院")
    );
}

#[test]
fn merge_into_a_unit_further_below_leaves_no_loop_of_parents() {
    let reg = empty();
    reg.ok(&["unit", "add", "甲局"]);
    reg.ok(&["unit", "add", "乙处", "--parent", "甲局"]);
    reg.ok(&["unit", "add", "丙科", "--parent", "乙处"]);
    reg.ok(&[
        "unit",
        "merge",
        "甲局",
        "--into",
        "丙科",
        "--date",
        "2023-07-01",
    ]);
    // 丙科 takes 甲局's place at the top; 乙处 stays below it.
    assert_eq!(stored(&reg, "丙科").parent, None);
    assert_eq!(stored(&reg, "乙处").parent, some("丙科"));
    // 乙处 can still be edited.
    let out = reg.ok(&["unit", "edit", "乙处", "--note", "机构改革后"]);
    assert_eq!(out, "已更新单位 #2 乙处\n");
}

#[test]
fn merge_into_a_direct_subunit_puts_it_in_the_merged_units_place() {
    let reg = jixi();
    reg.ok(&[
        "unit",
        "merge",
        "鸡西市人民政府",
        "--into",
        "鸡西市司法局",
        "--date",
        "2023-07-01",
    ]);
    assert_eq!(stored(&reg, "鸡西市司法局").parent, None);
}

#[test]
fn merging_two_units_that_both_have_committees_is_refused() {
    let reg = jixi();
    reg.ok(&[
        "committee",
        "establish",
        "鸡西市司法局",
        "--date",
        "2023-03-15",
    ]);
    reg.ok(&[
        "committee",
        "establish",
        "鸡西市中医院",
        "--date",
        "2023-04-01",
    ]);
    let err = reg.refused(&[
        "unit",
        "merge",
        "鸡西市司法局",
        "--into",
        "鸡西市中医院",
        "--date",
        "2023-07-01",
    ]);
    assert_eq!(
        err,
        "错误：“鸡西市司法局”（关工委 #1）和“鸡西市中医院”（关工委 #2）各有关工委：请先撤销其中一个（ggw committee dissolve），再合并单位\n"
    );
}

#[test]
fn a_merged_name_cannot_be_given_to_a_new_unit() {
    let reg = jixi();
    reg.ok(&[
        "unit",
        "merge",
        "鸡西市中医院",
        "--into",
        "鸡西市人民政府",
        "--date",
        "2023-07-01",
    ]);
    let err = reg.refused(&["unit", "add", "鸡西市中医院"]);
    assert_eq!(
        err,
        "错误：单位名称：“鸡西市中医院”已是单位“鸡西市人民政府”（#1）的名称或简称\n"
    );
}

// ---------------------------------------------------------------------------
// unit remove
// ---------------------------------------------------------------------------

#[test]
fn remove_deletes_an_unreferenced_unit_and_its_aliases() {
    let reg = jixi();
    reg.ok(&[
        "unit",
        "edit",
        "鸡西市中医院",
        "--alias",
        "中医院",
        "--alias",
        "市中医院",
    ]);
    assert_eq!(
        reg.count("SELECT count(*) FROM unit_alias WHERE unit_id = 3"),
        2
    );
    let out = reg.ok(&["unit", "remove", "中医院"]);
    assert_eq!(out, "已删除单位 #3 鸡西市中医院\n");
    assert_eq!(reg.count("SELECT count(*) FROM unit WHERE id = 3"), 0);
    assert_eq!(
        reg.count("SELECT count(*) FROM unit_alias WHERE unit_id = 3"),
        0
    );
    assert_eq!(
        reg.count("SELECT count(*) FROM unit_alias WHERE alias IN ('中医院', '市中医院')"),
        0
    );
    assert_eq!(reg.count("SELECT count(*) FROM unit"), 2);
    reg.refused(&["unit", "show", "鸡西市中医院"]);
}

// ---------------------------------------------------------------------------
// unit import
// ---------------------------------------------------------------------------

/// A sheet as units send it: a title row, a 序号 column, a column nobody
/// imports, a blank row, a parent further down and a footer. Excel rows:
/// 1 title, 2 header, 3 司法局, 4 blank, 5 中医院, 6 政府, 7 卫健委, 8 footer.
fn units_sheet() -> String {
    let organ = organ_code();
    let institution = institution_code();
    [
        "鸡西市市直单位关工委组建情况统计表,,,,,,,,,,,".to_string(),
        "序号,单位名称,简称,单位类别,上级单位,统一社会信用代码,职工人数,青年职工人数,联系人,联系电话,备注,所属区县".to_string(),
        format!("1,鸡西市司法局,市司法局、司法局机关,党政机关,鸡西市人民政府,{organ},120,45,张三,138 0000 0001,第一批试点,鸡冠区"),
        ",,,,,,,,,,,".to_string(),
        format!("2,鸡西市中医院,中医院,,鸡西市卫生健康委员会,{institution},300,100,李四,0467-2345678,,鸡冠区"),
        "3,鸡西市人民政府,市政府,organ,,,,,,,,".to_string(),
        "4,鸡西市卫生健康委员会,市卫健委,党政机关,市政府,,80,20,王五,+86 139 0000 0002,,".to_string(),
        "填表人：赵六,,,,,,,,联系电话：0467-1111111,,,".to_string(),
    ]
    .join("\r\n")
        + "\r\n"
}

/// What [`units_sheet`] puts in the registry.
fn assert_sheet_imported(reg: &Registry) {
    assert_eq!(
        all_stored(reg),
        vec![
            Stored {
                parent: some("鸡西市人民政府"),
                credit_code: Some(organ_code()),
                staff: Some(120),
                young_staff: Some(45),
                contact: some("张三"),
                phone: some("13800000001"),
                note: some("第一批试点"),
                aliases: strings(&["司法局机关", "市司法局"]),
                ..bare("鸡西市司法局", "organ")
            },
            Stored {
                parent: some("鸡西市卫生健康委员会"),
                credit_code: Some(institution_code()),
                staff: Some(300),
                young_staff: Some(100),
                contact: some("李四"),
                phone: some("0467-2345678"),
                aliases: strings(&["中医院"]),
                ..bare("鸡西市中医院", "institution")
            },
            Stored {
                aliases: strings(&["市政府"]),
                ..bare("鸡西市人民政府", "organ")
            },
            Stored {
                parent: some("鸡西市人民政府"),
                staff: Some(80),
                young_staff: Some(20),
                contact: some("王五"),
                phone: some("13900000002"),
                aliases: strings(&["市卫健委"]),
                ..bare("鸡西市卫生健康委员会", "organ")
            },
        ]
    );
}

fn import(reg: &Registry, file: &Path, options: &[&str]) -> (String, String) {
    let mut args = vec!["unit", "import", arg(file)];
    args.extend_from_slice(options);
    ok_with_stderr(reg, &args)
}

#[test]
fn import_reads_every_field_of_a_utf8_csv() {
    let reg = empty();
    let file = reg.file("单位.csv", units_sheet());
    let (out, err) = import(&reg, &file, &[]);
    assert_eq!(out, format!("{}：新增 4，更新 0，未变 0\n", file.display()));
    assert_eq!(err, "注意：未使用的列：所属区县\n");
    assert_sheet_imported(&reg);
}

#[test]
fn import_reads_a_utf8_csv_with_a_byte_order_mark() {
    let reg = empty();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(units_sheet().as_bytes());
    let file = reg.file("单位.csv", bytes);
    let (out, _) = import(&reg, &file, &[]);
    assert_eq!(out, format!("{}：新增 4，更新 0，未变 0\n", file.display()));
    assert_sheet_imported(&reg);
}

#[test]
fn import_reads_a_gbk_csv() {
    let reg = empty();
    let sheet = units_sheet();
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&sheet);
    assert!(!unmappable, "the sheet is all GBK");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "GBK bytes are not UTF-8"
    );
    let file = reg.file("单位.csv", &bytes[..]);
    let (out, _) = import(&reg, &file, &[]);
    assert_eq!(out, format!("{}：新增 4，更新 0，未变 0\n", file.display()));
    assert_sheet_imported(&reg);
}

#[test]
fn import_reads_an_xlsx_workbook() {
    let reg = empty();
    let path = reg.dir.path().join("单位.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    // The title spreads over the header as one merged cell.
    sheet
        .merge_range(
            0,
            0,
            0,
            11,
            "鸡西市市直单位关工委组建情况统计表",
            &rust_xlsxwriter::Format::new(),
        )
        .unwrap();
    // Every other row of the CSV sheet, with the serial numbers, counts and
    // the bare mobile number as numbers, as Excel keeps them.
    for (row, line) in units_sheet().lines().enumerate().skip(1) {
        for (col, cell) in line.split(',').enumerate() {
            if cell.is_empty() {
                continue;
            }
            let digits: String = cell.chars().filter(|c| *c != ' ').collect();
            let (row, col) = (row as u32, col as u16);
            if row > 1 && digits.chars().all(|c| c.is_ascii_digit()) {
                sheet
                    .write_number(row, col, digits.parse::<f64>().unwrap())
                    .unwrap();
            } else {
                sheet.write_string(row, col, cell).unwrap();
            }
        }
    }
    workbook.save(&path).unwrap();
    let (out, err) = import(&reg, &path, &[]);
    assert_eq!(out, format!("{}：新增 4，更新 0，未变 0\n", path.display()));
    assert_eq!(err, "注意：未使用的列：所属区县\n");
    assert_sheet_imported(&reg);
}

#[test]
fn reimporting_the_same_file_changes_nothing_and_says_so() {
    let reg = empty();
    let file = reg.file("单位.csv", units_sheet());
    import(&reg, &file, &[]);
    let before = reg.dump();
    let (out, _) = import(&reg, &file, &[]);
    assert_eq!(out, format!("{}：新增 0，更新 0，未变 4\n", file.display()));
    let (out, _) = import(&reg, &file, &["--lang", "en"]);
    assert_eq!(
        out,
        format!("{}: 0 new, 0 updated, 4 unchanged\n", file.display())
    );
    assert_eq!(reg.dump(), before);
}

#[test]
fn import_updates_a_registered_unit_with_the_non_empty_cells() {
    let reg = jixi();
    reg.ok(&[
        "unit",
        "edit",
        "鸡西市司法局",
        "--contact",
        "张三",
        "--note",
        "试点",
    ]);
    let file = reg.file(
        "更新.csv",
        "单位名称,职工人数,联系人,备注\n鸡西市司法局,130,,\n市司法局,,李四,\n",
    );
    // Two rows naming one unit are one problem.
    let err = reg.refused(&["unit", "import", arg(&file)]);
    assert_eq!(
        err,
        format!(
            "错误：{}:3:单位名称: 与第 2 行是同一个单位（鸡西市司法局）\n共 1 处错误，未写入任何数据：请改正后重新导入，或用 --skip-invalid 只导入正确的行（--rejects 可把错误的行另存退回）。\n",
            file.display()
        )
    );
    let file = reg.file(
        "更新.csv",
        "单位名称,职工人数,联系人,备注\n市司法局,130,,\n",
    );
    let (out, _) = import(&reg, &file, &[]);
    assert_eq!(out, format!("{}：新增 0，更新 1，未变 0\n", file.display()));
    let unit = stored(&reg, "鸡西市司法局");
    assert_eq!(unit.staff, Some(130));
    assert_eq!(unit.contact, some("张三"));
    assert_eq!(unit.note, some("试点"));
    assert_eq!(unit.aliases, strings(&["市司法局"]));
}

#[test]
fn import_keeps_the_files_other_name_as_an_alias() {
    let reg = jixi();
    let file = reg.file("更新.csv", "单位名称,简称\n市司法局,司法局机关\n");
    import(&reg, &file, &[]);
    assert_eq!(
        stored(&reg, "鸡西市司法局").aliases,
        strings(&["司法局机关", "市司法局"])
    );
}

#[test]
fn an_import_with_bad_rows_is_refused_listing_each_with_its_excel_row() {
    let reg = jixi();
    let file = reg.file(
        "bad.csv",
        "鸡西市市直单位花名册,,,,\n\
         序号,单位名称,职工人数,青年职工人数,联系电话\n\
         1,鸡西市交通局,10,20,13800000001\n\
         ,,,,\n\
         2,鸡西市教育局,50,10,0467-2345678\n\
         3,鸡西市财政局,30,5,123\n",
    );
    let err = reg.refused(&["unit", "import", arg(&file)]);
    let name = file.display();
    assert_eq!(
        err,
        format!(
            "错误：{name}:3:青年职工人数: 青年职工人数（20）不能多于职工人数（10）\n\
             {name}:6:联系电话: “123”不是有效电话号码：手机为1开头的11位数字，座机如 0467-2345678\n\
             共 2 处错误，未写入任何数据：请改正后重新导入，或用 --skip-invalid 只导入正确的行（--rejects 可把错误的行另存退回）。\n"
        )
    );
    let err = reg.refused(&["--lang", "en", "unit", "import", arg(&file)]);
    assert!(
        err.starts_with(&format!(
            "error: {name}:3:青年职工人数: young staff (20) cannot outnumber the staff (10)\n"
        )),
        "{err}"
    );
    assert!(
        err.ends_with("2 problems; nothing was written: correct the file and import it again, or import the valid rows with --skip-invalid (--rejects saves the others to send back).\n"),
        "{err}"
    );
    assert_eq!(reg.count("SELECT count(*) FROM unit"), 3);
}

#[test]
fn an_import_with_an_unknown_parent_names_the_parent_column() {
    let reg = empty();
    let file = reg.file(
        "units.csv",
        "单位名称,主管部门\n鸡西市中医院,哈尔滨市卫生局\n",
    );
    let err = reg.refused(&["unit", "import", arg(&file)]);
    assert_eq!(
        err,
        format!(
            "错误：{}:2:主管部门: 未找到单位“哈尔滨市卫生局”：请先用 ggw unit add 登记\n共 1 处错误，未写入任何数据：请改正后重新导入，或用 --skip-invalid 只导入正确的行（--rejects 可把错误的行另存退回）。\n",
            file.display()
        )
    );
}

#[test]
fn import_finds_a_header_with_a_serial_column_and_a_column_nobody_imports() {
    let reg = empty();
    let file = reg.file(
        "units.csv",
        "序号,单位名称,单位地址\n1,鸡西市司法局,鸡冠区\n2,鸡西市中医院,鸡冠区\n",
    );
    let (out, err) = import(&reg, &file, &[]);
    assert_eq!(out, format!("{}：新增 2，更新 0，未变 0\n", file.display()));
    assert_eq!(err, "注意：未使用的列：单位地址\n");
    assert_eq!(
        all_stored(&reg),
        vec![bare("鸡西市司法局", "other"), bare("鸡西市中医院", "other")]
    );
}

#[test]
fn an_import_without_a_unit_column_is_refused() {
    let reg = empty();
    let file = reg.file("units.csv", "姓名,电话\n张三,13800000001\n");
    let err = reg.refused(&["unit", "import", arg(&file)]);
    assert_eq!(
        err,
        format!(
            "错误：{}: 找不到表头行：表头应含有“单位名称”列（前20行中未找到）\n",
            file.display()
        )
    );
}

#[test]
fn import_dry_run_checks_everything_and_writes_nothing() {
    let reg = jixi();
    let file = reg.file("单位.csv", units_sheet());
    let before = reg.dump();
    let (out, _) = import(&reg, &file, &["--dry-run"]);
    assert_eq!(
        out,
        format!(
            "{}：新增 1，更新 2，未变 1（试运行，未写入）\n",
            file.display()
        )
    );
    assert_eq!(reg.dump(), before);
    // A dry run refuses what a real run refuses.
    let bad = reg.file("bad.csv", "单位名称,职工人数\n鸡西市交通局,-5\n");
    let err = reg.refused(&["unit", "import", arg(&bad), "--dry-run"]);
    assert_eq!(
        err,
        format!(
            "错误：{}:2:职工人数: 人数不能为负数：“-5”\n共 1 处错误，未写入任何数据：请改正后重新导入，或用 --skip-invalid 只导入正确的行（--rejects 可把错误的行另存退回）。\n",
            bad.display()
        )
    );
}

#[test]
fn import_on_conflict_skip_leaves_registered_units_as_they_are() {
    let reg = jixi();
    let file = reg.file(
        "units.csv",
        "单位名称,职工人数,联系人\n市司法局,130,李四\n鸡西市教育局,50,王五\n",
    );
    let before = stored(&reg, "鸡西市司法局");
    let (out, _) = import(&reg, &file, &["--on-conflict", "skip"]);
    assert_eq!(
        out,
        format!(
            "{}：新增 1，更新 0，未变 0，跳过 1（已存在）\n",
            file.display()
        )
    );
    assert_eq!(stored(&reg, "鸡西市司法局"), before);
    assert_eq!(
        stored(&reg, "鸡西市教育局"),
        Stored {
            staff: Some(50),
            contact: some("王五"),
            ..bare("鸡西市教育局", "other")
        }
    );
}

#[test]
fn import_on_conflict_fail_refuses_rows_of_registered_units() {
    let reg = jixi();
    let file = reg.file(
        "units.csv",
        "单位名称,职工人数\n鸡西市教育局,50\n市司法局,130\n",
    );
    let err = reg.refused(&["unit", "import", arg(&file), "--on-conflict", "fail"]);
    assert_eq!(
        err,
        format!(
            "错误：{}:3:单位名称: 单位已登记为“鸡西市司法局”（--on-conflict fail）\n共 1 处错误，未写入任何数据：请改正后重新导入，或用 --skip-invalid 只导入正确的行（--rejects 可把错误的行另存退回）。\n",
            file.display()
        )
    );
}

#[test]
fn import_refuses_a_failing_credit_code_unless_forced() {
    let reg = empty();
    let code = failing_code();
    let file = reg.file(
        "units.csv",
        format!("单位名称,统一社会信用代码\n鸡西市交通局,{code}\n"),
    );
    let err = reg.refused(&["unit", "import", arg(&file)]);
    let expected = &organ_code()[17..];
    assert_eq!(
        err,
        format!(
            "错误：{}:2:统一社会信用代码: “{code}”的校验位不符（按 GB 32100 应为 {expected}）：请核对；如与登记证书一致，可加 --force 录入\n\
             共 1 处错误，未写入任何数据：请改正后重新导入，或用 --skip-invalid 只导入正确的行（--rejects 可把错误的行另存退回）。\n",
            file.display()
        )
    );
    let (out, warnings) = import(&reg, &file, &["--force"]);
    assert_eq!(out, format!("{}：新增 1，更新 0，未变 0\n", file.display()));
    assert_eq!(
        warnings,
        format!(
            "注意：第 2 行：统一社会信用代码“{code}”校验位不符（应为 {expected}），已按 --force 录入\n"
        )
    );
    assert_eq!(stored(&reg, "鸡西市交通局").credit_code, Some(code));
}

#[test]
fn import_updates_a_unit_whose_forced_credit_code_is_not_in_the_file() {
    let reg = empty();
    reg.ok(&[
        "unit",
        "add",
        "鸡西市交通局",
        "--credit-code",
        &failing_code(),
        "--force",
    ]);
    let file = reg.file("units.csv", "单位名称,职工人数\n鸡西市交通局,60\n");
    let (out, _) = import(&reg, &file, &[]);
    assert_eq!(out, format!("{}：新增 0，更新 1，未变 0\n", file.display()));
    let unit = stored(&reg, "鸡西市交通局");
    assert_eq!(unit.staff, Some(60));
    assert_eq!(unit.credit_code, Some(failing_code()));
}

// ---------------------------------------------------------------------------
// unit export
// ---------------------------------------------------------------------------

const EXPORT_HEADER: &str =
    "单位名称,简称,单位类别,上级单位,统一社会信用代码,职工人数,青年职工人数,联系人,联系电话,备注";

/// Every row of the unit and alias tables, as text.
fn unit_tables(reg: &Registry) -> Vec<String> {
    let conn = reg.conn();
    let mut rows = Vec::new();
    for sql in [
        "SELECT * FROM unit ORDER BY id",
        "SELECT * FROM unit_alias ORDER BY alias",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let columns = stmt.column_count();
        let mut result = stmt.query([]).unwrap();
        while let Some(row) = result.next().unwrap() {
            let cells: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                .collect();
            rows.push(cells.join(" | "));
        }
    }
    rows
}

#[test]
fn export_starts_with_a_byte_order_mark_unless_utf8() {
    let reg = jixi();
    let with_bom = reg.ok(&["unit", "export"]);
    assert!(
        with_bom.starts_with(&format!("\u{feff}{EXPORT_HEADER}\n")),
        "{with_bom}"
    );
    let without = reg.ok(&["unit", "export", "--encoding", "utf8"]);
    assert_eq!(
        without,
        format!(
            "{EXPORT_HEADER}\n\
             鸡西市人民政府,市政府,党政机关,,,,,,,\n\
             鸡西市司法局,市司法局,党政机关,鸡西市人民政府,,,,,,\n\
             鸡西市中医院,,事业单位,,,,,,,\n"
        )
    );
    let path = reg.dir.path().join("units.csv");
    let out = reg.ok(&["unit", "export", "--out", arg(&path)]);
    assert_eq!(out, format!("已导出 3 行到 {}\n", path.display()));
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    assert_eq!(&bytes[3..], without.as_bytes());
}

#[test]
fn export_has_english_headers_with_lang_en() {
    let reg = jixi();
    let out = reg.ok(&["--lang", "en", "unit", "export", "--encoding", "utf8"]);
    assert_eq!(
        out.lines().next(),
        Some("unit,aliases,kind,parent,credit code,staff,young staff,contact,phone,note")
    );
}

#[test]
fn export_masks_phones_unless_unmasked() {
    let reg = jixi();
    reg.ok(&["unit", "edit", "鸡西市司法局", "--phone", "13800000001"]);
    let masked = reg.ok(&["unit", "export", "--encoding", "utf8"]);
    assert!(masked.contains(",138****0001,"), "{masked}");
    assert!(!masked.contains("13800000001"), "{masked}");
    let unmasked = reg.ok(&["unit", "export", "--encoding", "utf8", "--unmasked"]);
    assert!(unmasked.contains(",13800000001,"), "{unmasked}");
}

/// A registry with every field in use, a parent registered after its
/// subunit, and several aliases.
fn full_registry() -> Registry {
    let reg = jixi();
    reg.ok(&[
        "unit",
        "edit",
        "鸡西市司法局",
        "--alias",
        "司法局机关",
        "--credit-code",
        &organ_code(),
        "--staff",
        "120",
        "--young-staff",
        "45",
        "--contact",
        "张三",
        "--phone",
        "138 0000 0001",
        "--note",
        "第一批试点, 市直机关",
    ]);
    reg.ok(&[
        "unit",
        "edit",
        "鸡西市中医院",
        "--credit-code",
        &institution_code(),
        "--phone",
        "0467-2345678",
        "--staff",
        "300",
    ]);
    reg.ok(&[
        "unit",
        "add",
        "鸡西市卫生健康委员会",
        "--alias",
        "市卫健委",
        "--kind",
        "organ",
    ]);
    reg.ok(&["unit", "edit", "鸡西市中医院", "--parent", "市卫健委"]);
    reg.ok(&[
        "unit",
        "add",
        "鸡西市第一中学",
        "--kind",
        "school",
        "--parent",
        "鸡西市中医院",
    ]);
    reg
}

#[test]
fn export_then_import_into_a_fresh_registry_gives_the_same_units() {
    let reg = full_registry();
    let path = reg.dir.path().join("units.csv");
    reg.ok(&["unit", "export", "--unmasked", "--out", arg(&path)]);
    let fresh = empty();
    let (out, _) = import(&fresh, &path, &[]);
    assert_eq!(out, format!("{}：新增 5，更新 0，未变 0\n", path.display()));
    assert_eq!(unit_tables(&fresh), unit_tables(&reg));
    assert_eq!(all_stored(&fresh), all_stored(&reg));
}

#[test]
fn an_english_export_imports_again_too() {
    let reg = full_registry();
    let path = reg.dir.path().join("units.csv");
    reg.ok(&[
        "--lang",
        "en",
        "unit",
        "export",
        "--unmasked",
        "--out",
        arg(&path),
    ]);
    let fresh = empty();
    import(&fresh, &path, &[]);
    assert_eq!(unit_tables(&fresh), unit_tables(&reg));
}

#[test]
fn export_neutralises_a_cell_that_a_spreadsheet_would_run() {
    let reg = jixi();
    reg.ok(&["unit", "edit", "鸡西市中医院", "--note", "=1+1"]);
    reg.ok(&["unit", "edit", "鸡西市司法局", "--note=-5"]);
    let out = reg.ok(&["unit", "export", "--encoding", "utf8"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[2],
        "鸡西市司法局,市司法局,党政机关,鸡西市人民政府,,,,,,'-5"
    );
    assert_eq!(lines[3], "鸡西市中医院,,事业单位,,,,,,,'=1+1");
}

#[test]
fn an_exported_formula_cell_imports_as_it_was() {
    let reg = jixi();
    reg.ok(&["unit", "edit", "鸡西市中医院", "--note", "=1+1"]);
    let path = reg.dir.path().join("units.csv");
    reg.ok(&["unit", "export", "--out", arg(&path)]);
    let fresh = empty();
    import(&fresh, &path, &[]);
    assert_eq!(stored(&fresh, "鸡西市中医院").note, some("=1+1"));
    assert_eq!(unit_tables(&fresh), unit_tables(&reg));
}

// ---------------------------------------------------------------------------
// unit kind
// ---------------------------------------------------------------------------

#[test]
fn an_added_kind_can_be_given_to_a_unit() {
    let reg = jixi();
    let out = reg.ok(&["unit", "kind", "add", "社会组织", "social organisation"]);
    assert_eq!(out, "已增加单位类别：社会组织（social_organisation）\n");
    assert_eq!(
        reg.count(
            "SELECT count(*) FROM kind WHERE domain = 'unit' AND code = 'social_organisation'
             AND name_zh = '社会组织' AND name_en = 'social organisation' AND position = 8"
        ),
        1
    );
    reg.ok(&["unit", "add", "鸡西市慈善总会", "--kind", "社会组织"]);
    reg.ok(&[
        "unit",
        "add",
        "鸡西市志愿者协会",
        "--kind",
        "social_organisation",
    ]);
    assert_eq!(stored(&reg, "鸡西市慈善总会").kind, "social_organisation");
    assert_eq!(stored(&reg, "鸡西市志愿者协会").kind, "social_organisation");
    assert_eq!(
        list_names(&reg, &["--kind", "社会组织"]),
        strings(&["鸡西市慈善总会", "鸡西市志愿者协会"])
    );
}

#[test]
fn a_kind_that_exists_is_refused() {
    let reg = jixi();
    let err = reg.refused(&["unit", "kind", "add", "党政机关", "government"]);
    assert_eq!(err, "错误：类别已存在：党政机关（organ）\n");
    let err = reg.refused(&["unit", "kind", "add", "政府机关", "other"]);
    assert_eq!(err, "错误：类别已存在：其他（other）\n");
}

#[test]
fn kind_list_gives_codes_names_and_active_unit_counts() {
    let reg = jixi();
    reg.ok(&["unit", "kind", "add", "社会组织", "social organisation"]);
    reg.ok(&[
        "unit",
        "merge",
        "鸡西市中医院",
        "--into",
        "鸡西市人民政府",
        "--date",
        "2023-07-01",
    ]);
    let kinds = parse_json(&reg.ok(&["--format", "json", "unit", "kind", "list"]));
    let rows: Vec<(String, i64)> = kinds
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["code"].as_str().unwrap().to_string(),
                k["units"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("organ".to_string(), 2),
            ("judicial".to_string(), 0),
            ("institution".to_string(), 0),
            ("soe".to_string(), 0),
            ("school".to_string(), 0),
            ("mass_org".to_string(), 0),
            ("other".to_string(), 0),
            ("social_organisation".to_string(), 0),
        ]
    );
    assert_eq!(
        kinds[7],
        json!({
            "code": "social_organisation",
            "name_zh": "社会组织",
            "name_en": "social organisation",
            "units": 0
        })
    );
    let csv = reg.ok(&["--format", "csv", "--lang", "en", "unit", "kind", "list"]);
    assert_eq!(
        csv.lines().next(),
        Some("Code,Chinese name,English name,Units")
    );
    assert_eq!(
        csv.lines().nth(1),
        Some("organ,党政机关,Party or government organ,2")
    );
}

#[test]
fn the_id_of_a_removed_unit_is_never_given_again() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "鸡西市甲局"]);
    reg.ok(&["unit", "add", "鸡西市乙局"]);
    reg.ok(&["unit", "remove", "2"]);
    let out = reg.ok(&["unit", "add", "鸡西市丙局"]);
    assert_eq!(out, "已登记单位 #3 鸡西市丙局（其他）\n");
}

#[test]
fn a_merged_unit_is_kept_and_its_name_stays_its_own() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "甲单位"]);
    reg.ok(&["unit", "add", "乙单位"]);
    reg.ok(&[
        "unit",
        "merge",
        "甲单位",
        "--into",
        "乙单位",
        "--date",
        "2023-01-01",
    ]);
    // The record of the merger stays.
    let err = reg.refused(&["unit", "remove", "1"]);
    assert!(
        err.contains("已并入的单位作为合并记录保留，不能删除"),
        "{err}"
    );
    // Editing it by id is refused, naming the unit it went into.
    let err = reg.refused(&["unit", "edit", "1", "--note", "x"]);
    assert_eq!(err, "错误：单位“甲单位”已并入“乙单位”：请改用“乙单位”\n");
    // The unit carrying on keeps the old name as an alias, not as its name.
    let err = reg.refused(&["unit", "edit", "乙单位", "--name", "甲单位"]);
    assert!(
        err.contains("“甲单位”已是单位“乙单位”（#2）的名称或简称"),
        "{err}"
    );
}

#[test]
fn a_merger_cannot_be_dated_in_the_future() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "甲单位"]);
    reg.ok(&["unit", "add", "乙单位"]);
    let err = reg.refused(&[
        "unit",
        "merge",
        "甲单位",
        "--into",
        "乙单位",
        "--date",
        "2199-01-01",
    ]);
    assert_eq!(
        err,
        "错误：合并日期 2199-01-01 晚于今天：请在机构改革生效后再登记合并\n"
    );
}

#[test]
fn a_planned_committee_leaves_a_unit_without_one() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "甲单位"]);
    reg.ok(&["unit", "add", "乙单位"]);
    reg.ok(&["committee", "establish", "甲单位", "--planned"]);
    let out = reg.ok(&["--format", "csv", "unit", "list", "--without-committee"]);
    let names: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(names, ["甲单位", "乙单位"]);
}

#[test]
fn sheet_conventions_numbered_blank_rows_underscored_headers_full_width_marks() {
    let reg = Registry::new();
    let sheet = reg.file(
        "units.csv",
        "序号,单位名称,young_staff,staff,联系电话\n1,甲单位,5,10,０４６７－２３４５６７８\n2,,,,\n3,,,,\n",
    );
    let out = reg.ok(&["unit", "import", arg(&sheet)]);
    assert!(out.ends_with("新增 1，更新 0，未变 0\n"), "{out}");
    assert_eq!(
        reg.count("SELECT young_staff FROM unit WHERE name = '甲单位'"),
        5
    );
    assert_eq!(
        reg.text("SELECT phone FROM unit WHERE name = '甲单位'")
            .as_deref(),
        Some("0467-2345678")
    );
}

#[test]
fn a_masked_export_imports_again_without_changing_the_phones() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "甲单位", "--phone", "13800000001"]);
    let out = reg.dir.path().join("units.csv");
    reg.ok(&["unit", "export", "--out", arg(&out)]);
    let before = reg.dump();
    let said = reg.ok(&["unit", "import", arg(&out)]);
    assert!(said.ends_with("新增 0，更新 0，未变 1\n"), "{said}");
    assert_eq!(before, reg.dump());
}
