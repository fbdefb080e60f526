//! `ggw activity`: the activities units report, and the monthly sheets
//! they send, run as the real binary on a temporary registry. Every
//! fixture is made here, in code (UTF-8 and GBK CSV, .xlsx workbooks), and
//! the values are checked field by field in the database (funds in fen).

mod common;

use std::path::{Path, PathBuf};

use common::{Registry, arg, json_without_history, without_history};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::{Value as Json, json};

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

/// The registry of the examples: three units, with short names.
///
/// | id | name         | alias    |
/// |----|--------------|----------|
/// | 1  | 鸡西市司法局 | 市司法局 |
/// | 2  | 鸡西市中医院 | 市中医院 |
/// | 3  | 鸡西市教育局 | 教育局   |
fn jixi() -> Registry {
    let reg = Registry::new();
    for (name, alias, kind) in [
        ("鸡西市司法局", "市司法局", "organ"),
        ("鸡西市中医院", "市中医院", "institution"),
        ("鸡西市教育局", "教育局", "organ"),
    ] {
        reg.ok(&["unit", "add", name, "--alias", alias, "--kind", kind]);
    }
    reg
}

/// Text as Chinese Excel and WPS save CSV: GBK.
fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "the fixture is GBK text");
    bytes.into_owned()
}

/// Lines joined as a file writes them.
fn lines(lines: &[&str]) -> String {
    let mut text = lines.join("\n");
    text.push('\n');
    text
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

fn json(text: &str) -> Json {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The titles of a JSON list of activities, in order.
fn titles(list: &Json) -> Vec<String> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|a| a["title"].as_str().expect("a title").to_string())
        .collect()
}

/// The titles `activity list` gives for these options.
fn listed(reg: &Registry, options: &[&str]) -> Vec<String> {
    let mut args = vec!["--format", "json", "activity", "list"];
    args.extend_from_slice(options);
    titles(&json(&reg.ok(&args)))
}

/// A file problem as the message begins it: `FILE:ROW:COLUMN:`.
fn at(path: &Path, row: usize, column: &str) -> String {
    format!("{}:{row}:{column}:", path.display())
}

/// What an all-or-nothing import says after listing its problems.
const NOTHING_WRITTEN_ZH: &str = "未写入任何数据：请改正后重新导入，或用 --skip-invalid 只导入正确的行（--rejects 可把错误的行另存退回）。";

/// The whole stderr of an import refused for these problems.
fn problems(lines: &[String]) -> String {
    format!(
        "错误：{}\n共 {} 处错误，{NOTHING_WRITTEN_ZH}\n",
        lines.join("\n"),
        lines.len()
    )
}

const KINDS_ZH: &str = "思想政治教育、红色基因传承、业务技术传帮带、岗位练兵比武、法治宣传、助学助困、家风家教、劳动教育、主题宣讲、关爱帮扶、心理健康、其他";

/// Tomorrow, as the clerk would type it.
fn tomorrow() -> String {
    (chrono::Local::now().date_naive() + chrono::Duration::days(1)).to_string()
}

// ---------------------------------------------------------------------------
// Reading the registry back
// ---------------------------------------------------------------------------

/// An activity row as stored, with the unit by name and the kind by code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Stored {
    unit: String,
    held_on: String,
    until: Option<String>,
    kind: String,
    title: String,
    youth: Option<i64>,
    volunteers: Option<i64>,
    /// In fen.
    funds: Option<i64>,
    students: Option<i64>,
    location: Option<String>,
    summary: Option<String>,
}

fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

/// An activity with only its required values.
fn activity(unit: &str, held_on: &str, kind: &str, title: &str) -> Stored {
    Stored {
        unit: unit.to_string(),
        held_on: held_on.to_string(),
        kind: kind.to_string(),
        title: title.to_string(),
        ..Stored::default()
    }
}

/// Every activity, in id order.
fn all_stored(reg: &Registry) -> Vec<Stored> {
    let conn = reg.conn();
    let mut stmt = conn
        .prepare(
            "SELECT u.name, a.held_on, a.until, k.code, a.title, a.youth, a.volunteers, a.funds,
                    a.students, a.location, a.summary
             FROM activity a JOIN unit u ON u.id = a.unit_id JOIN kind k ON k.id = a.kind_id
             ORDER BY a.id",
        )
        .unwrap();
    stmt.query_map([], |row| {
        Ok(Stored {
            unit: row.get(0)?,
            held_on: row.get(1)?,
            until: row.get(2)?,
            kind: row.get(3)?,
            title: row.get(4)?,
            youth: row.get(5)?,
            volunteers: row.get(6)?,
            funds: row.get(7)?,
            students: row.get(8)?,
            location: row.get(9)?,
            summary: row.get(10)?,
        })
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

fn activities(reg: &Registry) -> i64 {
    reg.count("SELECT count(*) FROM activity")
}

// ---------------------------------------------------------------------------
// add
// ---------------------------------------------------------------------------

/// The seed's 法护未来·五老送法进乡村, with every value given.
const SONG_FA: &[&str] = &[
    "activity",
    "add",
    "--unit",
    "市司法局",
    "--date",
    "2023年7月12日",
    "--until",
    "2023/7/14",
    "--kind",
    "法治宣传",
    "--title",
    " 法护未来·五老送法进乡村 ",
    "--youth",
    "１２０",
    "--volunteers",
    "5人",
    "--funds",
    "1,500.5元",
    "--students",
    "3",
    "--location",
    "鸡冠区红星乡中心校",
    "--summary",
    "五老走进乡村学校讲授法律知识",
];

fn song_fa() -> Stored {
    Stored {
        until: s("2023-07-14"),
        youth: Some(120),
        volunteers: Some(5),
        funds: Some(150_050),
        students: Some(3),
        location: s("鸡冠区红星乡中心校"),
        summary: s("五老走进乡村学校讲授法律知识"),
        ..activity(
            "鸡西市司法局",
            "2023-07-12",
            "legal_education",
            "法护未来·五老送法进乡村",
        )
    }
}

#[test]
fn add_stores_every_value() {
    let reg = jixi();
    let out = reg.ok(SONG_FA);
    assert_eq!(
        out,
        "已登记活动 #1 法护未来·五老送法进乡村（鸡西市司法局，2023-07-12）\n"
    );
    assert_eq!(all_stored(&reg), vec![song_fa()]);
}

#[test]
fn add_takes_the_unit_by_id_and_english_kinds_and_ten_thousands_of_yuan() {
    let reg = jixi();
    let out = reg.ok(&[
        "--lang",
        "en",
        "activity",
        "add",
        "--unit",
        "2",
        "--date",
        "2023-07-18",
        "--kind",
        "student_aid",
        "--title",
        "金秋助学",
        "--funds",
        "2万",
        "--students",
        "40",
    ]);
    assert_eq!(
        out,
        "recorded activity #1 金秋助学 (鸡西市中医院, 2023-07-18)\n"
    );
    reg.ok(&[
        "activity",
        "add",
        "--unit",
        "鸡西市教育局",
        "--date",
        "20230719",
        "--kind",
        "Care and Support",
        "--title",
        "关爱留守儿童",
    ]);
    assert_eq!(
        all_stored(&reg),
        vec![
            Stored {
                funds: Some(2_000_000),
                students: Some(40),
                ..activity("鸡西市中医院", "2023-07-18", "student_aid", "金秋助学")
            },
            activity("鸡西市教育局", "2023-07-19", "care", "关爱留守儿童"),
        ]
    );
}

#[test]
fn add_without_a_required_option_is_a_usage_error() {
    let reg = jixi();
    let output = reg
        .ggw()
        .args([
            "activity",
            "add",
            "--unit",
            "市司法局",
            "--date",
            "2023-07-12",
            "--kind",
            "法治宣传",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(activities(&reg), 0);
}

// ---------------------------------------------------------------------------
// add: refusals, each leaving the registry as it was
// ---------------------------------------------------------------------------

/// `activity add` of 送法进乡村 by 市司法局 on 2023-07-12 (法治宣传), with
/// these options (flag and value pairs) given instead or besides; returns
/// the refusal.
fn add_with(reg: &Registry, options: &[&str]) -> String {
    let mut args = vec!["activity", "add"];
    args.extend_from_slice(options);
    for (flag, value) in [
        ("--unit", "市司法局"),
        ("--date", "2023-07-12"),
        ("--kind", "法治宣传"),
        ("--title", "送法进乡村"),
    ] {
        if !options.contains(&flag) {
            args.extend([flag, value]);
        }
    }
    reg.refused(&args)
}

#[test]
fn an_unknown_unit_is_refused_listing_the_nearest_names() {
    let reg = jixi();
    assert_eq!(
        add_with(&reg, &["--unit", "鸡西市卫生局"]),
        "错误：单位：未找到单位“鸡西市卫生局”。相近的有：鸡西市司法局、鸡西市教育局、鸡西市中医院\n"
    );
    assert_eq!(
        add_with(&reg, &["--lang", "en", "--unit", "市司法"]),
        "error: Unit: no unit named '市司法'. Nearest: 鸡西市司法局\n"
    );
    assert_eq!(
        add_with(&reg, &["--unit", "9"]),
        "错误：单位：没有编号为 9 的单位（ggw unit list 列出全部单位）\n"
    );
    assert_eq!(activities(&reg), 0);
}

#[test]
fn a_merged_unit_is_refused_naming_its_successor() {
    let reg = jixi();
    reg.ok(&[
        "unit",
        "merge",
        "市中医院",
        "--into",
        "市司法局",
        "--date",
        "2023-01-01",
    ]);
    assert_eq!(
        add_with(&reg, &["--unit", "2"]),
        "错误：单位“鸡西市中医院”已并入“鸡西市司法局”：请改用“鸡西市司法局”\n"
    );
}

#[test]
fn an_unknown_kind_is_refused_listing_the_kinds() {
    let reg = jixi();
    assert_eq!(
        add_with(&reg, &["--kind", "文艺演出"]),
        format!(
            "错误：类别：未知的活动类别“文艺演出”：可选 {KINDS_ZH}（可用 ggw activity kind add 增加类别）\n"
        )
    );
    assert_eq!(
        add_with(&reg, &["--lang", "en", "--kind", "concert"]),
        "error: Kind: unknown activity kind 'concert': use one of ideology, red_heritage, mentoring, skills_contest, legal_education, student_aid, family_education, labour_education, lectures, care, mental_health, other (ggw activity kind add adds one)\n"
    );
}

#[test]
fn a_date_that_is_no_date_is_refused() {
    let reg = jixi();
    assert_eq!(
        add_with(&reg, &["--date", "2023-02-30"]),
        "错误：日期：“2023-02-30”不是有效日期：请写成 2023-07-20 或 2023年7月20日\n"
    );
    assert_eq!(
        add_with(&reg, &["--date", "上周五"]),
        "错误：日期：“上周五”不是有效日期：请写成 2023-07-20 或 2023年7月20日\n"
    );
    assert_eq!(
        add_with(&reg, &["--until", "7月14日"]),
        "错误：结束日期：“7月14日”不是有效日期：请写成 2023-07-20 或 2023年7月20日\n"
    );
}

#[test]
fn an_end_before_the_date_is_refused() {
    let reg = jixi();
    assert_eq!(
        add_with(&reg, &["--until", "2023-07-11"]),
        "错误：结束日期 2023-07-11 早于活动日期 2023-07-12\n"
    );
    // One day is a range too.
    reg.ok(&[
        "activity",
        "add",
        "--unit",
        "市司法局",
        "--date",
        "2023-07-12",
        "--until",
        "2023-07-12",
        "--kind",
        "法治宣传",
        "--title",
        "一日活动",
    ]);
    assert_eq!(all_stored(&reg)[0].until.as_deref(), Some("2023-07-12"));
}

#[test]
fn a_date_in_the_future_is_refused() {
    let reg = jixi();
    let tomorrow = tomorrow();
    assert_eq!(
        add_with(&reg, &["--date", &tomorrow]),
        format!("错误：日期 {tomorrow} 晚于今天：活动开展之后再登记\n")
    );
    assert_eq!(
        add_with(&reg, &["--until", &tomorrow]),
        format!("错误：结束日期 {tomorrow} 晚于今天：活动结束之后再登记\n")
    );
}

#[test]
fn negative_counts_are_refused_naming_each() {
    let reg = jixi();
    assert_eq!(
        add_with(
            &reg,
            &["--youth", "-5", "--volunteers", "-1", "--students", "-40"]
        ),
        "错误：受益青少年人次：人数不能为负数：“-5”\n参与五老人数：人数不能为负数：“-1”\n资助学生数：人数不能为负数：“-40”\n"
    );
    assert_eq!(
        add_with(&reg, &["--youth", "许多"]),
        "错误：受益青少年人次：“许多”不是人数：请填写整数\n"
    );
}

#[test]
fn negative_funds_are_refused() {
    let reg = jixi();
    assert_eq!(
        add_with(&reg, &["--funds", "-500"]),
        "错误：帮扶资金（元）：“-500”不是金额：请填写元数，如 20000 或 2万\n"
    );
    assert_eq!(
        // (A value that is not a plain number takes `=` after a flag: --funds=-2万.)
        add_with(&reg, &["--lang", "en", "--funds=-2万"]),
        "error: Funds (yuan): '-2万' is not an amount: give yuan, e.g. 20000\n"
    );
}

#[test]
fn an_empty_title_is_refused() {
    let reg = jixi();
    assert_eq!(
        add_with(&reg, &["--title", "  "]),
        "错误：名称：活动名称为空\n"
    );
}

#[test]
fn the_same_activity_twice_is_refused() {
    let reg = jixi();
    reg.ok(SONG_FA);
    // The same unit by its full name, the same date written otherwise, the same title.
    let err = reg.refused(&[
        "activity",
        "add",
        "--unit",
        "鸡西市司法局",
        "--date",
        "2023-07-12",
        "--kind",
        "主题宣讲",
        "--title",
        "法护未来·五老送法进乡村",
    ]);
    assert_eq!(
        err,
        "错误：名称：“鸡西市司法局”在 2023-07-12 已有同名活动“法护未来·五老送法进乡村”（#1）：同一单位同一天的活动名称不能相同\n"
    );
    // Another day, or another unit, is another activity.
    for (unit, date) in [("市司法局", "2023-07-13"), ("市中医院", "2023-07-12")] {
        reg.ok(&[
            "activity",
            "add",
            "--unit",
            unit,
            "--date",
            date,
            "--kind",
            "法治宣传",
            "--title",
            "法护未来·五老送法进乡村",
        ]);
    }
    assert_eq!(activities(&reg), 3);
}

#[test]
fn every_bad_value_is_named_at_once() {
    let reg = jixi();
    let err = reg.refused(&[
        "activity",
        "add",
        "--unit",
        "市卫生局",
        "--date",
        "2023-13-01",
        "--kind",
        "文艺",
        "--title",
        "",
        "--youth",
        "-1",
        "--funds",
        "abc",
    ]);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            "错误：单位：未找到单位“市卫生局”。相近的有：鸡西市司法局",
            "日期：“2023-13-01”不是有效日期：请写成 2023-07-20 或 2023年7月20日",
            &format!(
                "类别：未知的活动类别“文艺”：可选 {KINDS_ZH}（可用 ggw activity kind add 增加类别）"
            ),
            "名称：活动名称为空",
            "受益青少年人次：人数不能为负数：“-1”",
            "帮扶资金（元）：“abc”不是金额：请填写元数，如 20000 或 2万",
        ]
    );
}

// ---------------------------------------------------------------------------
// list: periods and filters
// ---------------------------------------------------------------------------

/// Activities around the second half of 2023, added out of date order
/// (新年活动 first), so that the ids are not the dates' order.
///
/// | id | date       | unit     | kind     | title    | figures                    |
/// |----|------------|----------|----------|----------|----------------------------|
/// | 2  | 2023-06-30 | 市司法局 | 法治宣传 | 六月普法 | youth 10                   |
/// | 3  | 2023-07-01 | 市司法局 | 法治宣传 | 七月普法 | youth 20, 2 五老, 100 yuan |
/// | 4  | 2023-07-31 | 市中医院 | 关爱帮扶 | 中医义诊 | youth 30                   |
/// | 5  | 2023-09-30 | 教育局   | 助学助困 | 金秋助学 | 5000 yuan, 10 students     |
/// | 6  | 2023-10-01 | 教育局   | 主题宣讲 | 国庆宣讲 |                            |
/// | 7  | 2023-12-31 | 市中医院 | 心理健康 | 心理讲座 |                            |
/// | 1  | 2024-01-01 | 市司法局 | 其他     | 新年活动 |                            |
fn year_of_activities() -> Registry {
    let reg = jixi();
    let rows: [(&str, &str, &str, &str, &[&str]); 7] = [
        (
            "市司法局",
            "2023-06-30",
            "法治宣传",
            "六月普法",
            &["--youth", "10"],
        ),
        (
            "市司法局",
            "2023-07-01",
            "法治宣传",
            "七月普法",
            &["--youth", "20", "--volunteers", "2", "--funds", "100"],
        ),
        (
            "市中医院",
            "2023-07-31",
            "关爱帮扶",
            "中医义诊",
            &["--youth", "30", "--location", "鸡西市第一中学"],
        ),
        (
            "教育局",
            "2023-09-30",
            "助学助困",
            "金秋助学",
            &[
                "--funds",
                "5000",
                "--students",
                "10",
                "--summary",
                "资助困难学生",
            ],
        ),
        ("教育局", "2023-10-01", "主题宣讲", "国庆宣讲", &[]),
        ("市中医院", "2023-12-31", "心理健康", "心理讲座", &[]),
        ("市司法局", "2024-01-01", "其他", "新年活动", &[]),
    ];
    for index in [6, 0, 1, 2, 3, 4, 5] {
        let (unit, date, kind, title, extra) = rows[index];
        let mut args = vec![
            "activity", "add", "--unit", unit, "--date", date, "--kind", kind, "--title", title,
        ];
        args.extend_from_slice(extra);
        reg.ok(&args);
    }
    reg
}

#[test]
fn list_gives_every_activity_by_date() {
    let reg = year_of_activities();
    assert_eq!(
        listed(&reg, &[]),
        [
            "六月普法",
            "七月普法",
            "中医义诊",
            "金秋助学",
            "国庆宣讲",
            "心理讲座",
            "新年活动"
        ]
    );
}

#[test]
fn list_by_month_quarter_half_year_and_year() {
    let reg = year_of_activities();
    assert_eq!(
        listed(&reg, &["--period", "2023-07"]),
        ["七月普法", "中医义诊"]
    );
    assert_eq!(
        listed(&reg, &["--period", "2023-Q3"]),
        ["七月普法", "中医义诊", "金秋助学"]
    );
    assert_eq!(
        listed(&reg, &["--period", "2023-H2"]),
        ["七月普法", "中医义诊", "金秋助学", "国庆宣讲", "心理讲座"]
    );
    assert_eq!(
        listed(&reg, &["--period", "2023"]),
        [
            "六月普法",
            "七月普法",
            "中医义诊",
            "金秋助学",
            "国庆宣讲",
            "心理讲座"
        ]
    );
    assert_eq!(listed(&reg, &["--period", "2023年上半年"]), ["六月普法"]);
    assert!(listed(&reg, &["--period", "2023-08"]).is_empty());
}

#[test]
fn list_from_and_to_include_both_days_and_either_may_be_open() {
    let reg = year_of_activities();
    assert_eq!(
        listed(&reg, &["--from", "2023-07-31", "--to", "2023-10-01"]),
        ["中医义诊", "金秋助学", "国庆宣讲"]
    );
    assert_eq!(
        listed(&reg, &["--from", "2023/12/31"]),
        ["心理讲座", "新年活动"]
    );
    assert_eq!(listed(&reg, &["--to", "2023年6月30日"]), ["六月普法"]);
}

#[test]
fn list_refuses_bad_periods() {
    let reg = year_of_activities();
    assert_eq!(
        reg.refused(&["activity", "list", "--period", "2023-13"]),
        "错误：“2023-13”不是期间：请写成 2023-07（月）、2023-Q3（季度）、2023-H2（半年）或 2023（年）\n"
    );
    assert_eq!(
        reg.refused(&[
            "activity",
            "list",
            "--period",
            "2023",
            "--from",
            "2023-01-01"
        ]),
        "错误：--period 不能与 --from/--to 同时使用\n"
    );
    assert_eq!(
        reg.refused(&[
            "activity",
            "list",
            "--from",
            "2023-08-01",
            "--to",
            "2023-07-01"
        ]),
        "错误：起始日期 2023-08-01 晚于截止日期 2023-07-01\n"
    );
    assert_eq!(
        reg.refused(&["activity", "list", "--from", "2023-07-32"]),
        "错误：“2023-07-32”不是有效日期：请写成 2023-07-20 或 2023年7月20日\n"
    );
}

#[test]
fn list_filters_by_unit_kind_and_text() {
    let reg = year_of_activities();
    assert_eq!(
        listed(&reg, &["--unit", "市司法局"]),
        ["六月普法", "七月普法", "新年活动"]
    );
    assert_eq!(listed(&reg, &["--unit", "3"]), ["金秋助学", "国庆宣讲"]);
    assert_eq!(
        listed(&reg, &["--kind", "法治宣传"]),
        ["六月普法", "七月普法"]
    );
    assert_eq!(
        listed(&reg, &["--kind", "legal_education"]),
        ["六月普法", "七月普法"]
    );
    // Title, location or summary.
    assert_eq!(listed(&reg, &["--search", "宣讲"]), ["国庆宣讲"]);
    assert_eq!(listed(&reg, &["--search", "第一中学"]), ["中医义诊"]);
    assert_eq!(listed(&reg, &["--search", "困难"]), ["金秋助学"]);
    assert_eq!(
        listed(
            &reg,
            &[
                "--period",
                "2023-H2",
                "--unit",
                "市中医院",
                "--kind",
                "心理健康"
            ]
        ),
        ["心理讲座"]
    );
    assert_eq!(
        reg.refused(&["activity", "list", "--kind", "文艺"]),
        format!(
            "错误：未知的活动类别“文艺”：可选 {KINDS_ZH}（可用 ggw activity kind add 增加类别）\n"
        )
    );
    assert_eq!(
        reg.refused(&["activity", "list", "--unit", "鸡西市卫生局"]),
        "错误：未找到单位“鸡西市卫生局”。相近的有：鸡西市司法局、鸡西市教育局、鸡西市中医院\n"
    );
}

#[test]
fn list_in_json_has_the_english_keys_and_no_totals() {
    let reg = year_of_activities();
    let list = json(&reg.ok(&[
        "--format", "json", "activity", "list", "--period", "2023-Q3",
    ]));
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 3, "one object an activity, no totals: {list}");
    let keys: Vec<&str> = items[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "date",
            "until",
            "unit",
            "kind",
            "title",
            "youth",
            "volunteers",
            "funds",
            "students",
            "location",
            "summary"
        ]
    );
    assert_eq!(
        list,
        json!([
            {
                "id": 3, "date": "2023-07-01", "until": null, "unit": "鸡西市司法局",
                "kind": "legal_education", "title": "七月普法", "youth": 20, "volunteers": 2,
                "funds": 100.0, "students": null, "location": null, "summary": null
            },
            {
                "id": 4, "date": "2023-07-31", "until": null, "unit": "鸡西市中医院",
                "kind": "care", "title": "中医义诊", "youth": 30, "volunteers": null,
                "funds": null, "students": null, "location": "鸡西市第一中学", "summary": null
            },
            {
                "id": 5, "date": "2023-09-30", "until": null, "unit": "鸡西市教育局",
                "kind": "student_aid", "title": "金秋助学", "youth": null, "volunteers": null,
                "funds": 5000.0, "students": 10, "location": null, "summary": "资助困难学生"
            }
        ])
    );
    // The funds are a number of yuan, fen included.
    let reg = jixi();
    reg.ok(SONG_FA);
    let list = json(&reg.ok(&["--format", "json", "activity", "list"]));
    assert_eq!(list[0]["funds"], json!(1500.5));
    assert_eq!(list[0]["until"], json!("2023-07-14"));
}

#[test]
fn list_as_a_table_ends_with_the_totals() {
    let reg = year_of_activities();
    let out = reg.ok(&["activity", "list", "--period", "2023-07"]);
    assert_eq!(
        out,
        [
            "+------+------------+----------+--------------+----------+----------+----------------+--------------+----------------+------------+----------------+----------+",
            "| 编号 | 日期       | 结束日期 | 单位         | 类别     | 名称     | 受益青少年人次 | 参与五老人数 | 帮扶资金（元） | 资助学生数 | 地点           | 简要内容 |",
            "+=============================================================================================================================================================+",
            "|    3 | 2023-07-01 |          | 鸡西市司法局 | 法治宣传 | 七月普法 |             20 |            2 |         100.00 |            |                |          |",
            "|    4 | 2023-07-31 |          | 鸡西市中医院 | 关爱帮扶 | 中医义诊 |             30 |              |                |            | 鸡西市第一中学 |          |",
            "+------+------------+----------+--------------+----------+----------+----------------+--------------+----------------+------------+----------------+----------+",
            "合计：活动 2 场，受益青少年 50 人次，参与五老 2 人次，帮扶资金 100.00 元，资助学生 0 人",
            "",
        ]
        .join("\n")
    );
    let out = reg.ok(&["--lang", "en", "activity", "list", "--period", "2023"]);
    assert_eq!(
        out.lines().last().unwrap(),
        "Total: 6 activities, 60 youth reached, 2 volunteers involved, 5100.00 yuan of funds, 10 students helped"
    );
    // No activities, no totals.
    assert_eq!(
        reg.ok(&["activity", "list", "--period", "2023-08"]),
        "（无记录）\n"
    );
}

#[test]
fn list_as_csv_has_the_rows_only() {
    let reg = year_of_activities();
    let out = reg.ok(&["--format", "csv", "activity", "list", "--period", "2023-Q3"]);
    assert_eq!(
        out,
        lines(&[
            "编号,日期,结束日期,单位,类别,名称,受益青少年人次,参与五老人数,帮扶资金（元）,资助学生数,地点,简要内容",
            "3,2023-07-01,,鸡西市司法局,法治宣传,七月普法,20,2,100.00,,,",
            "4,2023-07-31,,鸡西市中医院,关爱帮扶,中医义诊,30,,,,鸡西市第一中学,",
            "5,2023-09-30,,鸡西市教育局,助学助困,金秋助学,,,5000.00,10,,资助困难学生",
        ])
    );
    let out = reg.ok(&[
        "--format", "csv", "--lang", "en", "activity", "list", "--period", "2023-07",
    ]);
    assert_eq!(
        out,
        lines(&[
            "ID,Date,Until,Unit,Kind,Title,Youth reached,Volunteers,Funds (yuan),Students helped,Location,Summary",
            "3,2023-07-01,,鸡西市司法局,legal education,七月普法,20,2,100.00,,,",
            "4,2023-07-31,,鸡西市中医院,care and support,中医义诊,30,,,,鸡西市第一中学,",
        ])
    );
}

// ---------------------------------------------------------------------------
// show, edit, remove
// ---------------------------------------------------------------------------

#[test]
fn show_gives_every_value() {
    let reg = jixi();
    reg.ok(SONG_FA);
    let shown = json(&reg.ok(&["--format", "json", "activity", "show", "1"]));
    let history = shown["history"].clone();
    assert_eq!(history.as_array().unwrap().len(), 1, "{history}");
    assert_eq!(history[0]["change"], "added");
    assert!(
        history[0]["command"]
            .as_str()
            .unwrap()
            .contains(" activity add "),
        "{history}"
    );
    assert_eq!(
        json_without_history(shown),
        json!({
            "id": 1,
            "date": "2023-07-12",
            "until": "2023-07-14",
            "unit": "鸡西市司法局",
            "kind": "legal_education",
            "title": "法护未来·五老送法进乡村",
            "youth": 120,
            "volunteers": 5,
            "funds": 1500.5,
            "students": 3,
            "location": "鸡冠区红星乡中心校",
            "summary": "五老走进乡村学校讲授法律知识"
        })
    );
    let shown = reg.ok(&["activity", "show", "#1"]);
    let history = &shown[without_history(&shown).len()..];
    assert!(
        history.starts_with("\n变更记录：\n") && history.contains("| 新增 |"),
        "{shown}"
    );
    assert_eq!(
        without_history(&shown),
        [
            "+----------------+------------------------------+",
            "| 编号           | 1                            |",
            "| 日期           | 2023-07-12                   |",
            "| 结束日期       | 2023-07-14                   |",
            "| 单位           | 鸡西市司法局                 |",
            "| 类别           | 法治宣传                     |",
            "| 名称           | 法护未来·五老送法进乡村      |",
            "| 受益青少年人次 | 120                          |",
            "| 参与五老人数   | 5                            |",
            "| 帮扶资金（元） | 1500.50                      |",
            "| 资助学生数     | 3                            |",
            "| 地点           | 鸡冠区红星乡中心校           |",
            "| 简要内容       | 五老走进乡村学校讲授法律知识 |",
            "+----------------+------------------------------+",
            "",
        ]
        .join("\n")
    );
}

#[test]
fn show_refuses_an_unknown_id_or_a_name() {
    let reg = jixi();
    reg.ok(SONG_FA);
    assert_eq!(
        reg.refused(&["activity", "show", "2"]),
        "错误：没有编号为 2 的活动（ggw activity list 列出活动及其编号）\n"
    );
    assert_eq!(
        reg.refused(&["activity", "show", "法护未来"]),
        "错误：“法护未来”不是活动编号：活动以编号指定（ggw activity list 列出活动及其编号）\n"
    );
}

#[test]
fn edit_changes_the_given_values_and_clear_empties_fields() {
    let reg = jixi();
    reg.ok(SONG_FA);
    let out = reg.ok(&[
        "activity",
        "edit",
        "1",
        "--unit",
        "教育局",
        "--date",
        "2023-07-13",
        "--kind",
        "lectures",
        "--title",
        "送法进校园",
        "--youth",
        "200",
        "--funds",
        "3000",
        "--clear",
        "until,volunteers,students,location",
    ]);
    assert_eq!(out, "已更新活动 #1 送法进校园\n");
    assert_eq!(
        all_stored(&reg),
        vec![Stored {
            youth: Some(200),
            funds: Some(300_000),
            summary: s("五老走进乡村学校讲授法律知识"),
            ..activity("鸡西市教育局", "2023-07-13", "lectures", "送法进校园")
        }]
    );
    let before = reg.dump();
    let out = reg.ok(&[
        "activity", "edit", "1", "--youth", "200", "--funds", "3,000元",
    ]);
    assert_eq!(out, "活动 #1 送法进校园 没有变化\n");
    assert_eq!(reg.dump(), before);
    let out = reg.ok(&[
        "--lang",
        "en",
        "activity",
        "edit",
        "1",
        "--clear",
        "funds,summary",
    ]);
    assert_eq!(out, "updated activity #1 送法进校园\n");
    assert_eq!(
        all_stored(&reg),
        vec![Stored {
            youth: Some(200),
            ..activity("鸡西市教育局", "2023-07-13", "lectures", "送法进校园")
        }]
    );
}

#[test]
fn edit_refuses_bad_values_and_a_second_of_the_same_activity() {
    let reg = jixi();
    reg.ok(SONG_FA);
    reg.ok(&[
        "activity",
        "add",
        "--unit",
        "市司法局",
        "--date",
        "2023-07-12",
        "--kind",
        "主题宣讲",
        "--title",
        "宣讲",
    ]);
    assert_eq!(
        reg.refused(&[
            "activity",
            "edit",
            "2",
            "--title",
            "法护未来·五老送法进乡村"
        ]),
        "错误：名称：“鸡西市司法局”在 2023-07-12 已有同名活动“法护未来·五老送法进乡村”（#1）：同一单位同一天的活动名称不能相同\n"
    );
    // An activity's own title, date and unit are its own.
    assert_eq!(
        reg.ok(&[
            "activity",
            "edit",
            "1",
            "--title",
            "法护未来·五老送法进乡村"
        ]),
        "活动 #1 法护未来·五老送法进乡村 没有变化\n"
    );
    assert_eq!(
        reg.refused(&["activity", "edit", "1", "--date", "2023-07-15"]),
        "错误：结束日期 2023-07-14 早于活动日期 2023-07-15\n"
    );
    assert_eq!(
        reg.refused(&[
            "activity",
            "edit",
            "1",
            "--students",
            "-3",
            "--kind",
            "文艺"
        ]),
        format!(
            "错误：类别：未知的活动类别“文艺”：可选 {KINDS_ZH}（可用 ggw activity kind add 增加类别）\n资助学生数：人数不能为负数：“-3”\n"
        )
    );
    assert_eq!(
        reg.refused(&["activity", "edit", "3", "--youth", "1"]),
        "错误：没有编号为 3 的活动（ggw activity list 列出活动及其编号）\n"
    );
    assert_eq!(all_stored(&reg)[0], song_fa());
}

#[test]
fn remove_takes_the_activity_away() {
    let reg = year_of_activities();
    let out = reg.ok(&["activity", "remove", "4"]);
    assert_eq!(out, "已删除活动 #4 中医义诊（鸡西市中医院，2023-07-31）\n");
    assert_eq!(activities(&reg), 6);
    assert_eq!(reg.count("SELECT count(*) FROM activity WHERE id = 4"), 0);
    assert_eq!(listed(&reg, &["--period", "2023-07"]), ["七月普法"]);
    assert_eq!(
        reg.refused(&["activity", "remove", "4"]),
        "错误：没有编号为 4 的活动（ggw activity list 列出活动及其编号）\n"
    );
    let out = reg.ok(&["--lang", "en", "activity", "remove", "1"]);
    assert_eq!(
        out,
        "removed activity #1 新年活动 (鸡西市司法局, 2024-01-01)\n"
    );
    assert_eq!(activities(&reg), 5);
}

// ---------------------------------------------------------------------------
// kinds
// ---------------------------------------------------------------------------

#[test]
fn kinds_are_listed_with_their_activities_and_can_be_added() {
    let reg = year_of_activities();
    let kinds = json(&reg.ok(&["--format", "json", "activity", "kind", "list"]));
    let counts: Vec<(String, i64)> = kinds
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["code"].as_str().unwrap().to_string(),
                k["activities"].as_i64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, i64)> = [
        ("ideology", 0),
        ("red_heritage", 0),
        ("mentoring", 0),
        ("skills_contest", 0),
        ("legal_education", 2),
        ("student_aid", 1),
        ("family_education", 0),
        ("labour_education", 0),
        ("lectures", 1),
        ("care", 1),
        ("mental_health", 1),
        ("other", 1),
    ]
    .iter()
    .map(|(code, n)| (code.to_string(), *n))
    .collect();
    assert_eq!(counts, expected);

    let out = reg.ok(&["activity", "kind", "add", "文体活动", "sports and arts"]);
    assert_eq!(out, "已增加活动类别：文体活动（sports_and_arts）\n");
    reg.ok(&[
        "activity",
        "add",
        "--unit",
        "教育局",
        "--date",
        "2023-08-01",
        "--kind",
        "文体活动",
        "--title",
        "暑期篮球赛",
    ]);
    assert_eq!(
        all_stored(&reg).last().unwrap(),
        &activity(
            "鸡西市教育局",
            "2023-08-01",
            "sports_and_arts",
            "暑期篮球赛"
        )
    );
    assert_eq!(listed(&reg, &["--kind", "sports_and_arts"]), ["暑期篮球赛"]);
    assert_eq!(
        reg.refused(&["activity", "kind", "add", "法治宣传", "law"]),
        "错误：类别已存在：法治宣传（legal_education）\n"
    );
    // The kinds of activities are not the kinds of units.
    assert_eq!(
        reg.count(
            "SELECT count(*) FROM kind WHERE domain = 'activity' AND code = 'sports_and_arts'"
        ),
        1
    );
    assert_eq!(
        reg.count(
            "SELECT count(*) FROM kind WHERE domain <> 'activity' AND code = 'sports_and_arts'"
        ),
        0
    );
}

// ---------------------------------------------------------------------------
// Unit merge and removal
// ---------------------------------------------------------------------------

#[test]
fn a_unit_merged_away_hands_its_activities_on_and_a_unit_with_activities_stays() {
    let reg = year_of_activities();
    let err = reg.refused(&["unit", "remove", "市中医院"]);
    assert!(err.contains("活动2条"), "{err}");
    reg.ok(&[
        "unit",
        "merge",
        "市中医院",
        "--into",
        "市司法局",
        "--date",
        "2024-01-02",
    ]);
    assert_eq!(
        listed(&reg, &["--unit", "市司法局"]),
        ["六月普法", "七月普法", "中医义诊", "心理讲座", "新年活动"]
    );
}

// ---------------------------------------------------------------------------
// Import: the monthly sheet
// ---------------------------------------------------------------------------

/// The monthly sheet as the office collects it from several units: a title
/// row, a 序号 column, the optional 结束日期 and 地点 at the end, a blank
/// row, a totals row and a footer.
const MONTHLY: &[&str] = &[
    "鸡西市关工委2023年7月活动开展情况统计表,,,,,,,,,,,",
    "序号,单位,日期,活动类别,活动名称,受益青少年人次,参与五老人数,帮扶资金（元）,资助学生数,简要内容,结束日期,地点",
    "1,市司法局,2023/7/12,法治宣传,法护未来·五老送法进乡村,120,5,,,五老走进乡村学校讲授法律知识,,鸡冠区红星乡中心校",
    "2,鸡西市中医院,2023年7月18日,关爱帮扶,中医药进校园义诊,300,8,\"1,500.5\",,为学生义诊并赠送中药香囊,2023年7月19日,鸡西市第一中学",
    ",,,,,,,,,,,",
    "3,教育局,2023.7.25,助学助困,金秋助学,40,6,2万,40,资助困难学生,,",
    "合计,,,,,460,19,21500.5,40,,,",
    "填表人：刘洋  联系电话：0467-2345000,,,,,,,,,,,",
];

/// What the monthly sheet holds, as stored.
fn monthly() -> Vec<Stored> {
    vec![
        Stored {
            youth: Some(120),
            volunteers: Some(5),
            location: s("鸡冠区红星乡中心校"),
            summary: s("五老走进乡村学校讲授法律知识"),
            ..activity(
                "鸡西市司法局",
                "2023-07-12",
                "legal_education",
                "法护未来·五老送法进乡村",
            )
        },
        Stored {
            until: s("2023-07-19"),
            youth: Some(300),
            volunteers: Some(8),
            funds: Some(150_050),
            location: s("鸡西市第一中学"),
            summary: s("为学生义诊并赠送中药香囊"),
            ..activity("鸡西市中医院", "2023-07-18", "care", "中医药进校园义诊")
        },
        Stored {
            youth: Some(40),
            volunteers: Some(6),
            funds: Some(2_000_000),
            students: Some(40),
            summary: s("资助困难学生"),
            ..activity("鸡西市教育局", "2023-07-25", "student_aid", "金秋助学")
        },
    ]
}

#[test]
fn a_utf8_monthly_sheet_is_imported_field_by_field() {
    let reg = jixi();
    let path = reg.file("2023年7月活动.csv", lines(MONTHLY));
    let (out, err) = ok_with_stderr(&reg, &["activity", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 3，更新 0，未变 0\n", path.display()));
    assert_eq!(err, "");
    assert_eq!(all_stored(&reg), monthly());
}

#[test]
fn a_gbk_monthly_sheet_is_imported_field_by_field() {
    let reg = jixi();
    let path = reg.file("2023年7月活动.csv", gbk(&lines(MONTHLY)));
    let out = reg.ok(&["activity", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 3，更新 0，未变 0\n", path.display()));
    assert_eq!(all_stored(&reg), monthly());
    // The same file read as GBK on request.
    let reg = jixi();
    let path = reg.file("七月.csv", gbk(&lines(MONTHLY)));
    reg.ok(&["activity", "import", arg(&path), "--encoding", "gbk"]);
    assert_eq!(all_stored(&reg), monthly());
}

/// The monthly sheet of 市中医院 as a workbook: a merged title, date cells,
/// numbers in number cells, a blank row, a totals row and a footer, an
/// unused 备注 column.
fn xlsx_monthly(reg: &Registry) -> PathBuf {
    let path = reg.dir.path().join("市中医院2023年7月.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    sheet
        .merge_range(
            0,
            0,
            0,
            11,
            "鸡西市中医院关工委2023年7月活动开展情况",
            &Format::new(),
        )
        .unwrap();
    let header = [
        "序号",
        "单位",
        "日期",
        "结束日期",
        "活动类别",
        "活动名称",
        "受益青少年人次",
        "参与五老人数",
        "帮扶资金(元)",
        "资助学生数",
        "地点",
        "简要内容",
        "备注",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    sheet.write_number(2, 0, 1).unwrap();
    sheet.write_string(2, 1, "市中医院").unwrap();
    sheet
        .write_datetime_with_format(2, 2, ExcelDateTime::from_ymd(2023, 7, 5).unwrap(), &date)
        .unwrap();
    sheet
        .write_datetime_with_format(2, 3, ExcelDateTime::from_ymd(2023, 7, 7).unwrap(), &date)
        .unwrap();
    sheet.write_string(2, 4, "心理健康").unwrap();
    sheet.write_string(2, 5, "青少年心理健康讲座").unwrap();
    sheet.write_number(2, 6, 260).unwrap();
    sheet.write_number(2, 7, 3).unwrap();
    sheet.write_number(2, 8, 800.25).unwrap();
    sheet.write_string(2, 10, "鸡西市第二中学").unwrap();
    sheet
        .write_string(2, 11, "老专家讲授青春期心理健康")
        .unwrap();
    sheet.write_string(2, 12, "已报送").unwrap();
    sheet.write_number(3, 0, 2).unwrap();
    sheet.write_string(3, 1, "鸡西市中医院").unwrap();
    // A date cell that lost its format: Excel shows the serial number.
    sheet
        .write_datetime(3, 2, ExcelDateTime::from_ymd(2023, 7, 28).unwrap())
        .unwrap();
    sheet.write_string(3, 4, "助学助困").unwrap();
    sheet.write_string(3, 5, "资助医学生").unwrap();
    sheet.write_number(3, 8, 10000).unwrap();
    sheet.write_number(3, 9, 5).unwrap();
    sheet.write_string(5, 0, "合计").unwrap();
    sheet.write_number(5, 6, 260).unwrap();
    sheet.write_number(5, 8, 10800.25).unwrap();
    sheet
        .write_string(6, 0, "填表人：王芳  联系电话：0467-2345111")
        .unwrap();
    book.save(&path).unwrap();
    path
}

fn xlsx_expected() -> Vec<Stored> {
    vec![
        Stored {
            until: s("2023-07-07"),
            youth: Some(260),
            volunteers: Some(3),
            funds: Some(80_025),
            location: s("鸡西市第二中学"),
            summary: s("老专家讲授青春期心理健康"),
            ..activity(
                "鸡西市中医院",
                "2023-07-05",
                "mental_health",
                "青少年心理健康讲座",
            )
        },
        Stored {
            funds: Some(1_000_000),
            students: Some(5),
            ..activity("鸡西市中医院", "2023-07-28", "student_aid", "资助医学生")
        },
    ]
}

#[test]
fn an_xlsx_monthly_sheet_is_imported_field_by_field() {
    let reg = jixi();
    let path = xlsx_monthly(&reg);
    let (out, err) = ok_with_stderr(&reg, &["activity", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 2，更新 0，未变 0\n", path.display()));
    assert_eq!(err, "注意：未使用的列：备注\n");
    assert_eq!(all_stored(&reg), xlsx_expected());
}

#[test]
fn importing_the_same_sheet_again_changes_nothing_and_says_so() {
    let reg = jixi();
    let csv = reg.file("七月.csv", gbk(&lines(MONTHLY)));
    reg.ok(&["activity", "import", arg(&csv)]);
    let xlsx = xlsx_monthly(&reg);
    reg.ok(&["activity", "import", arg(&xlsx)]);
    let before = reg.dump();
    assert_eq!(
        reg.ok(&["activity", "import", arg(&csv)]),
        format!("{}：新增 0，更新 0，未变 3\n", csv.display())
    );
    assert_eq!(
        reg.ok(&["--lang", "en", "activity", "import", arg(&xlsx)]),
        format!("{}: 0 new, 0 updated, 2 unchanged\n", xlsx.display())
    );
    assert_eq!(reg.dump(), before);
    // The same activities, typed otherwise: full names for short, other date forms.
    let retyped = reg.file(
        "retyped.csv",
        lines(&[
            "单位,日期,活动类别,活动名称",
            "鸡西市司法局,2023-07-12,legal_education,法护未来·五老送法进乡村",
            "市中医院,20230718,关爱帮扶,中医药进校园义诊",
        ]),
    );
    assert_eq!(
        reg.ok(&["activity", "import", arg(&retyped)]),
        format!("{}：新增 0，更新 0，未变 2\n", retyped.display())
    );
    assert_eq!(reg.dump(), before);
}

#[test]
fn a_sheet_with_new_figures_updates_the_activity_and_keeps_what_it_leaves_empty() {
    let reg = jixi();
    reg.ok(&[
        "activity",
        "import",
        arg(&reg.file("七月.csv", lines(MONTHLY))),
    ]);
    let path = reg.file(
        "更正.csv",
        lines(&[
            "单位,日期,活动类别,活动名称,受益青少年人次,帮扶资金（元）,地点",
            "市司法局,2023-07-12,法治宣传,法护未来·五老送法进乡村,150,,",
            "教育局,2023-07-25,助学助困,金秋助学,40,2万,",
        ]),
    );
    let out = reg.ok(&["activity", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 0，更新 1，未变 1\n", path.display()));
    let mut expected = monthly();
    expected[0].youth = Some(150);
    assert_eq!(all_stored(&reg), expected);
}

#[test]
fn on_conflict_skip_leaves_and_fail_refuses_a_registered_activity() {
    let reg = jixi();
    reg.ok(&[
        "activity",
        "import",
        arg(&reg.file("七月.csv", lines(MONTHLY))),
    ]);
    let path = reg.file(
        "again.csv",
        lines(&[
            "单位,日期,活动类别,活动名称,受益青少年人次",
            "市司法局,2023-07-12,法治宣传,法护未来·五老送法进乡村,999",
            "市司法局,2023-07-30,主题宣讲,七月宣讲,10",
        ]),
    );
    let before = reg.dump();
    let err = reg.refused(&["activity", "import", arg(&path), "--on-conflict", "fail"]);
    assert_eq!(
        err,
        problems(&[format!(
            "{} 此活动已登记（#1）（--on-conflict fail）",
            at(&path, 2, "活动名称")
        )])
    );
    let out = reg.ok(&["activity", "import", arg(&path), "--on-conflict", "skip"]);
    assert_eq!(
        out,
        format!(
            "{}：新增 1，更新 0，未变 0，跳过 1（已存在）\n",
            path.display()
        )
    );
    assert_eq!(all_stored(&reg)[0], monthly()[0]);
    assert_eq!(
        all_stored(&reg)[3],
        Stored {
            youth: Some(10),
            ..activity("鸡西市司法局", "2023-07-30", "lectures", "七月宣讲")
        }
    );
    assert_ne!(reg.dump(), before);
}

#[test]
fn a_dry_run_checks_everything_and_writes_nothing() {
    let reg = jixi();
    let path = reg.file("七月.csv", lines(MONTHLY));
    let before = reg.dump();
    let out = reg.ok(&["activity", "import", arg(&path), "--dry-run"]);
    assert_eq!(
        out,
        format!(
            "{}：新增 3，更新 0，未变 0（试运行，未写入）\n",
            path.display()
        )
    );
    assert_eq!(reg.dump(), before);
}

#[test]
fn the_unit_option_serves_a_sheet_without_a_unit_column_and_a_unit_cell_wins() {
    let reg = jixi();
    let path = reg.file(
        "中医院.csv",
        lines(&[
            "鸡西市中医院2023年7月活动开展情况,,,",
            "日期,活动类别,活动名称,受益青少年人次",
            "2023-07-05,心理健康,心理讲座,260",
            "2023-07-28,助学助困,资助医学生,",
        ]),
    );
    reg.ok(&["activity", "import", arg(&path), "--unit", "市中医院"]);
    assert_eq!(
        all_stored(&reg),
        vec![
            Stored {
                youth: Some(260),
                ..activity("鸡西市中医院", "2023-07-05", "mental_health", "心理讲座")
            },
            activity("鸡西市中医院", "2023-07-28", "student_aid", "资助医学生"),
        ]
    );
    let reg = jixi();
    let path = reg.file(
        "mixed.csv",
        lines(&[
            "单位,日期,活动类别,活动名称",
            "教育局,2023-07-05,心理健康,心理讲座",
            ",2023-07-06,心理健康,心理讲座",
        ]),
    );
    reg.ok(&["activity", "import", arg(&path), "--unit", "2"]);
    assert_eq!(
        all_stored(&reg),
        vec![
            activity("鸡西市教育局", "2023-07-05", "mental_health", "心理讲座"),
            activity("鸡西市中医院", "2023-07-06", "mental_health", "心理讲座"),
        ]
    );
}

#[test]
fn a_row_without_a_unit_and_no_unit_option_is_refused() {
    let reg = jixi();
    let path = reg.file(
        "no-unit.csv",
        lines(&["日期,活动类别,活动名称", "2023-07-05,心理健康,心理讲座"]),
    );
    let err = reg.refused(&["activity", "import", arg(&path)]);
    assert_eq!(
        err,
        problems(&[format!(
            "{} 单位为空：请填写开展活动的单位，或导入时用 --unit 指定单位",
            at(&path, 2, "单位名称")
        )])
    );
    assert_eq!(
        reg.refused(&["activity", "import", arg(&path), "--unit", "鸡西市卫生局"]),
        "错误：未找到单位“鸡西市卫生局”。相近的有：鸡西市司法局、鸡西市教育局、鸡西市中医院\n"
    );
}

// ---------------------------------------------------------------------------
// Import: refusals
// ---------------------------------------------------------------------------

/// A sheet with one good row (Excel row 2) and bad ones below it.
fn with_bad_rows(reg: &Registry, bad: &[&str]) -> PathBuf {
    let mut rows = vec![
        "单位,日期,活动类别,活动名称,受益青少年人次,参与五老人数,帮扶资金(元),资助学生数,结束日期",
        "市司法局,2023-07-12,法治宣传,送法进乡村,120,5,1000,3,",
    ];
    rows.extend_from_slice(bad);
    reg.file("bad.csv", lines(&rows))
}

#[test]
fn every_bad_cell_of_a_sheet_is_named_by_row_and_column_and_nothing_is_written() {
    let reg = jixi();
    let path = with_bad_rows(
        &reg,
        &[
            "鸡西市卫生局,2023-07-12,法治宣传,送法,1,1,1,1,",
            "市司法局,2023-07-32,法治宣传,送法,1,1,1,1,",
            "市司法局,2023-07-12,文艺演出,送法,-1,1,-50,1,2023-07-01",
            "市司法局,2023-07-13,法治宣传,,1,-2,1,-3,",
            "1,2023-07-13,法治宣传,送法,,,,,",
        ],
    );
    let err = reg.refused(&["activity", "import", arg(&path)]);
    assert_eq!(
        err,
        problems(&[
            format!(
                "{} 未找到单位“鸡西市卫生局”。相近的有：鸡西市司法局、鸡西市教育局、鸡西市中医院",
                at(&path, 3, "单位")
            ),
            format!(
                "{} “2023-07-32”不是有效日期：请写成 2023-07-20 或 2023年7月20日",
                at(&path, 4, "日期")
            ),
            format!(
                "{} 结束日期 2023-07-01 早于活动日期 2023-07-12",
                at(&path, 5, "结束日期")
            ),
            format!(
                "{} 未知的活动类别“文艺演出”：可选 {KINDS_ZH}（可用 ggw activity kind add 增加类别）",
                at(&path, 5, "活动类别")
            ),
            format!("{} 人数不能为负数：“-1”", at(&path, 5, "受益青少年人次")),
            format!(
                "{} “-50”不是金额：请填写元数，如 20000 或 2万",
                at(&path, 5, "帮扶资金(元)")
            ),
            format!("{} 活动名称为空", at(&path, 6, "活动名称")),
            format!("{} 人数不能为负数：“-2”", at(&path, 6, "参与五老人数")),
            format!("{} 人数不能为负数：“-3”", at(&path, 6, "资助学生数")),
            format!(
                "{} “1”不是单位名称：请填写单位全称或简称",
                at(&path, 7, "单位")
            ),
        ])
    );
    assert_eq!(activities(&reg), 0);
}

#[test]
fn the_same_activity_twice_in_a_sheet_is_refused_naming_the_first_row() {
    let reg = jixi();
    let path = with_bad_rows(
        &reg,
        &[
            "市中医院,2023-07-12,关爱帮扶,义诊,,,,,",
            "鸡西市司法局,2023年7月12日,主题宣讲,送法进乡村,,,,,",
        ],
    );
    let err = reg.refused(&["activity", "import", arg(&path)]);
    assert_eq!(
        err,
        problems(&[format!(
            "{} 与第 2 行是同一项活动（单位、日期和名称相同）",
            at(&path, 4, "活动名称")
        )])
    );
    assert_eq!(activities(&reg), 0);
}

#[test]
fn a_bad_cell_in_a_workbook_is_named_by_its_excel_row() {
    let reg = jixi();
    // A title on Excel row 1, the unit and month on row 2, the header on row 3.
    let path = reg.dir.path().join("rows.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .merge_range(0, 0, 0, 4, "活动开展情况统计表", &Format::new())
        .unwrap();
    sheet
        .write_string(1, 0, "填报单位：鸡西市司法局（盖章）    2023年7月")
        .unwrap();
    for (r, row) in [
        ["单位", "日期", "活动类别", "活动名称", "受益青少年人次"],
        ["市司法局", "2023-07-03", "法治宣传", "普法讲座", "30"],
        ["市司法局", "2023-07-10", "法治宣传", "模拟法庭", "-30"],
        ["市司法局", "2023-07-17", "法治宣传", "宪法宣讲", "30"],
    ]
    .iter()
    .enumerate()
    {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(2 + r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save(&path).unwrap();
    let err = reg.refused(&["activity", "import", arg(&path)]);
    assert_eq!(
        err,
        problems(&[format!(
            "{} 人数不能为负数：“-30”",
            at(&path, 5, "受益青少年人次")
        )])
    );
}

#[test]
fn a_sheet_without_a_required_column_is_refused() {
    let reg = jixi();
    let path = reg.file(
        "no-kind.csv",
        lines(&["单位,日期,活动名称", "市司法局,2023-07-12,送法进乡村"]),
    );
    let err = reg.refused(&["activity", "import", arg(&path)]);
    assert_eq!(
        err,
        format!(
            "错误：{}: 缺少必需的列“活动类别”（也可写作：活动类型、类别、类型、activity kind）\n",
            path.display()
        )
    );
}

/// The sheet with bad rows among good ones.
fn mixed(reg: &Registry) -> PathBuf {
    with_bad_rows(
        reg,
        &[
            "市中医院,2023-07-18,关爱帮扶,义诊,-300,,,,",
            "教育局,2023-07-25,助学助困,金秋助学,40,6,2万,40,",
            "教育局,2023-07-26,助学助困,,,,,,",
        ],
    )
}

#[test]
fn skip_invalid_writes_the_good_rows_and_names_the_others() {
    let reg = jixi();
    let path = mixed(&reg);
    let (out, err) = ok_with_stderr(&reg, &["activity", "import", arg(&path), "--skip-invalid"]);
    assert_eq!(
        out,
        format!("{}：新增 2，更新 0，未变 0，拒收 2\n", path.display())
    );
    assert_eq!(
        err,
        format!(
            "注意：{} 人数不能为负数：“-300”\n注意：{} 活动名称为空\n",
            at(&path, 3, "受益青少年人次"),
            at(&path, 5, "活动名称")
        )
    );
    assert_eq!(
        all_stored(&reg),
        vec![
            Stored {
                youth: Some(120),
                volunteers: Some(5),
                funds: Some(100_000),
                students: Some(3),
                ..activity(
                    "鸡西市司法局",
                    "2023-07-12",
                    "legal_education",
                    "送法进乡村"
                )
            },
            Stored {
                youth: Some(40),
                volunteers: Some(6),
                funds: Some(2_000_000),
                students: Some(40),
                ..activity("鸡西市教育局", "2023-07-25", "student_aid", "金秋助学")
            },
        ]
    );
}

#[test]
fn rejects_are_written_back_with_a_reason_column_and_import_once_fixed() {
    let reg = jixi();
    let path = mixed(&reg);
    let rejects = reg.dir.path().join("退回.csv");
    reg.ok(&[
        "activity",
        "import",
        arg(&path),
        "--skip-invalid",
        "--rejects",
        arg(&rejects),
    ]);
    let written = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(
        written.replace("\r\n", "\n"),
        format!(
            "\u{FEFF}{}",
            lines(&[
                "单位,日期,活动类别,活动名称,受益青少年人次,参与五老人数,帮扶资金(元),资助学生数,结束日期,错误原因",
                "市中医院,2023-07-18,关爱帮扶,义诊,'-300,,,,,受益青少年人次：人数不能为负数：“-300”",
                "教育局,2023-07-26,助学助困,,,,,,,活动名称：活动名称为空",
            ])
        )
    );
    // The unit corrects the rows and sends them back.
    let fixed = written
        .replace("'-300", "300")
        .replace("助学助困,,", "助学助困,暑期助学,");
    let fixed = reg.file("fixed.csv", fixed);
    let out = reg.ok(&["activity", "import", arg(&fixed)]);
    assert_eq!(
        out,
        format!("{}：新增 2，更新 0，未变 0\n", fixed.display())
    );
    assert_eq!(activities(&reg), 4);
    assert_eq!(
        all_stored(&reg)[2],
        Stored {
            youth: Some(300),
            ..activity("鸡西市中医院", "2023-07-18", "care", "义诊")
        }
    );
}
