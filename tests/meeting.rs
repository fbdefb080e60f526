//! `ggw meeting`: the seed's 2023-07-20 推进会 recorded as a clerk would,
//! with one `meeting add` or with a sign-in sheet (签到表, CSV and .xlsx);
//! the units with a committee that did not come; every refusal, each
//! leaving the registry unchanged; list, edit, remove, attend, import, the
//! meeting kinds, and a unit merged into another. Every value is checked in
//! the database and in `meeting show --format json`.

mod common;

use std::path::{Path, PathBuf};

use common::{Registry, arg, json_without_history, without_history};
use rusqlite::types::ValueRef;
use serde_json::{Value, json};

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

fn parse_json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// `meeting show MEETING --format json`.
fn show(reg: &Registry, meeting: &str) -> Value {
    json_without_history(parse_json(
        &reg.ok(&["--format", "json", "meeting", "show", meeting]),
    ))
}

/// The ids `meeting list` gives with these filters, in its order.
fn listed(reg: &Registry, filters: &[&str]) -> Vec<i64> {
    let mut args = vec!["--format", "json", "meeting", "list"];
    args.extend_from_slice(filters);
    parse_json(&reg.ok(&args))
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|m| m["id"].as_i64().expect("an id"))
        .collect()
}

/// The ids and names of `absent_units` in a shown meeting.
fn absent(meeting: &Value) -> Vec<(i64, String)> {
    meeting["absent_units"]
        .as_array()
        .expect("absent_units is an array")
        .iter()
        .map(|u| {
            (
                u["id"].as_i64().unwrap(),
                u["name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The `(unit id, head-count)` rows of a meeting, by unit.
fn unit_counts(reg: &Registry, meeting: i64) -> Vec<Vec<String>> {
    rows(
        reg,
        &format!(
            "SELECT unit_id, coalesce(attendees, 'NULL') FROM meeting_unit
             WHERE meeting_id = {meeting} ORDER BY unit_id"
        ),
    )
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

// ---------------------------------------------------------------------------
// The registry of the seed: the 19 city organs with a committee by
// 2023-07-20, and three without one on that day.

/// (name, alias, unit kind, committee: None = none, Some("") = planned,
/// Some(date) = set up on that date). Unit ids follow this order, from 1.
const UNITS: [(&str, &str, &str, Option<&str>); 22] = [
    (
        "中共鸡西市直属机关工作委员会",
        "市直机关工委",
        "党政机关",
        Some("2023-01-09"),
    ),
    ("鸡西市国资局", "市国资局", "党政机关", Some("2023-03-15")),
    ("鸡西市司法局", "市司法局", "党政机关", Some("2023-03-15")),
    (
        "鸡西市人民检察院",
        "市检察院",
        "司法机关",
        Some("2023-03-20"),
    ),
    (
        "鸡西市自然资源和规划局",
        "市自然资源和规划局",
        "党政机关",
        Some("2023-03-20"),
    ),
    (
        "鸡西市城市管理综合执法局",
        "市执法局",
        "党政机关",
        Some("2023-03-28"),
    ),
    (
        "鸡西市交通运输局",
        "市交通局",
        "党政机关",
        Some("2023-03-28"),
    ),
    (
        "鸡西市邮政管理局",
        "市邮政管理局",
        "党政机关",
        Some("2023-04-12"),
    ),
    ("鸡西市中医医院", "市中医院", "事业单位", Some("2023-04-12")),
    ("鸡西市教育局", "教育局", "党政机关", Some("2016-09-01")),
    (
        "中共鸡西市委组织部",
        "市委组织部",
        "党政机关",
        Some("2023-05-10"),
    ),
    (
        "中共鸡西市委宣传部",
        "市委宣传部",
        "党政机关",
        Some("2023-05-10"),
    ),
    (
        "鸡西市老干部服务中心",
        "市老干部服务中心",
        "事业单位",
        Some("2023-05-18"),
    ),
    (
        "中共鸡西市委政法委员会",
        "市政法委",
        "党政机关",
        Some("2023-05-18"),
    ),
    ("鸡西市妇女联合会", "市妇联", "群团组织", Some("2023-06-02")),
    ("鸡西市总工会", "市总工会", "群团组织", Some("2023-06-02")),
    (
        "共青团鸡西市委员会",
        "团市委",
        "群团组织",
        Some("2023-06-15"),
    ),
    (
        "鸡西市中级人民法院",
        "市中级法院",
        "司法机关",
        Some("2023-06-15"),
    ),
    ("鸡西市第一中学", "市一中", "学校", Some("2017-03-01")),
    // No committee at all.
    ("鸡西市财政局", "市财政局", "党政机关", None),
    // A committee set up after the meeting.
    (
        "鸡西市人力资源和社会保障局",
        "市人社局",
        "党政机关",
        Some("2023-08-01"),
    ),
    // A committee still being prepared.
    ("鸡西市卫生健康委员会", "市卫健委", "党政机关", Some("")),
];

const SIFA: i64 = 3;
const YOUZHENG: i64 = 8;
const ZHONGYI: i64 = 9;
const CAIZHENG: i64 = 20;
const RENSHE: i64 = 21;

const TITLE: &str = "市直机关关心下一代工作推进会";

/// The head-count each of the 19 units sent: seven sent 3, twelve sent 2.
fn seed_count(index: usize) -> i64 {
    if index < 7 { 3 } else { 2 }
}

/// The 22 units of [`UNITS`] and their committees, read from two sheets.
fn jixi() -> Registry {
    let reg = Registry::new();
    let mut units = String::from("单位名称,简称,单位类别\n");
    let mut committees = String::from("单位,成立日期\n");
    for (name, alias, kind, committee) in UNITS {
        units.push_str(&format!("{name},{alias},{kind}\n"));
        if let Some(date) = committee {
            committees.push_str(&format!("{alias},{date}\n"));
        }
    }
    let path = reg.file("units.csv", units);
    reg.ok(&["unit", "import", arg(&path)]);
    let path = reg.file("committees.csv", committees);
    reg.ok(&["committee", "import", arg(&path)]);
    assert_eq!(reg.count("SELECT count(*) FROM unit"), 22);
    assert_eq!(
        rows(
            &reg,
            "SELECT status, count(*) FROM committee GROUP BY status ORDER BY status"
        ),
        [["active", "20"], ["planned", "1"]]
    );
    assert_eq!(reg.count("SELECT count(*) FROM meeting"), 0);
    reg
}

/// `--unit ALIAS:COUNT` for each of the 19 units, counts adding up to 45.
fn seed_unit_args() -> Vec<String> {
    let mut args = Vec::new();
    for (index, (_, alias, _, _)) in UNITS.iter().take(19).enumerate() {
        args.push("--unit".to_string());
        args.push(format!("{alias}:{}", seed_count(index)));
    }
    args
}

/// The `units` array `meeting show` gives for the seed's attendance.
fn seed_units_json() -> Value {
    Value::Array(
        UNITS
            .iter()
            .take(19)
            .enumerate()
            .map(|(index, (name, _, _, _))| {
                json!({"id": index as i64 + 1, "name": name, "attendees": seed_count(index)})
            })
            .collect(),
    )
}

fn strings(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// Adds the meeting with no attendance yet: to be filled from a sign-in sheet.
fn add_seed_meeting_without_units(reg: &Registry) {
    let out = reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-07-20",
        "--title",
        TITLE,
        "--kind",
        "推进会",
        "--host",
        "市关工委",
        "--host",
        "市直机关工委",
        "--presider",
        "张蕾",
    ]);
    assert_eq!(out, format!("已登记会议 #1 2023-07-20 {TITLE}\n"));
}

// ---------------------------------------------------------------------------
// The key acceptance test: the seed's meeting in one `meeting add`

#[test]
fn the_seed_meeting_in_one_add_gives_45_attendees_19_units_and_4_unit_speakers() {
    let reg = jixi();
    let mut args: Vec<String> = [
        "meeting",
        "add",
        "--date",
        "2023-07-20",
        "--title",
        TITLE,
        "--kind",
        "推进会",
        "--host",
        "市关工委",
        "--host",
        "市直机关工委",
        "--presider",
        "张蕾",
        "--attendees",
        "45",
        "--speaker",
        ":朱玉林:讲话",
        "--speaker",
        "市司法局",
        "--speaker",
        "市国资局:孙志刚",
        "--speaker",
        "市邮政管理局::本单位关心下一代工作",
        "--speaker",
        "市中医院:李红:关爱青年医务人员成长",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(seed_unit_args());
    let out = reg.ok(&strings(&args));
    assert_eq!(out, format!("已登记会议 #1 2023-07-20 {TITLE}\n"));

    // The database.
    assert_eq!(
        rows(
            &reg,
            "SELECT m.id, m.held_on, m.title, k.code, m.presider, coalesce(m.location, 'NULL'),
                    m.attendees, coalesce(m.note, 'NULL')
             FROM meeting m JOIN kind k ON k.id = m.kind_id"
        ),
        [[
            "1",
            "2023-07-20",
            TITLE,
            "progress",
            "张蕾",
            "NULL",
            "45",
            "NULL"
        ]]
    );
    assert_eq!(
        rows(
            &reg,
            "SELECT meeting_id, position, coalesce(unit_id, 'NULL'), name FROM meeting_host ORDER BY position"
        ),
        [
            ["1", "1", "NULL", "市关工委"],
            ["1", "2", "1", "中共鸡西市直属机关工作委员会"],
        ]
    );
    assert_eq!(reg.count("SELECT count(*) FROM meeting_unit"), 19);
    assert_eq!(reg.count("SELECT sum(attendees) FROM meeting_unit"), 45);
    let expected: Vec<Vec<String>> = (0..19)
        .map(|index| vec![(index + 1).to_string(), seed_count(index).to_string()])
        .collect();
    assert_eq!(unit_counts(&reg, 1), expected);
    assert_eq!(
        rows(
            &reg,
            "SELECT position, coalesce(unit_id, 'NULL'), coalesce(person, 'NULL'), coalesce(topic, 'NULL')
             FROM meeting_speaker WHERE meeting_id = 1 ORDER BY position"
        ),
        [
            ["1", "NULL", "朱玉林", "讲话"],
            ["2", "3", "NULL", "NULL"],
            ["3", "2", "孙志刚", "NULL"],
            ["4", "8", "NULL", "本单位关心下一代工作"],
            ["5", "9", "李红", "关爱青年医务人员成长"],
        ]
    );
    assert_eq!(reg.count("SELECT count(*) FROM meeting_attendee"), 0);

    // `meeting show`, by id, by date and by title.
    let shown = show(&reg, "1");
    assert_eq!(
        shown,
        json!({
            "id": 1,
            "date": "2023-07-20",
            "title": TITLE,
            "kind": "progress",
            "hosts": ["市关工委", "中共鸡西市直属机关工作委员会"],
            "presider": "张蕾",
            "location": null,
            "attendees": 45,
            "unit_count": 19,
            "note": null,
            "units": seed_units_json(),
            "speakers": [
                {"unit": null, "person": "朱玉林", "topic": "讲话"},
                {"unit": "鸡西市司法局", "person": null, "topic": null},
                {"unit": "鸡西市国资局", "person": "孙志刚", "topic": null},
                {"unit": "鸡西市邮政管理局", "person": null, "topic": "本单位关心下一代工作"},
                {"unit": "鸡西市中医医院", "person": "李红", "topic": "关爱青年医务人员成长"},
            ],
            "signed_in": [],
            // The 19 with a committee all came; 市财政局 has none, 市人社局's
            // came later, 市卫健委's is only planned.
            "absent_units": [],
        })
    );
    let with_unit = shown["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| !s["unit"].is_null())
        .count();
    assert_eq!(with_unit, 4);
    assert_eq!(show(&reg, "2023-07-20"), shown);
    assert_eq!(show(&reg, "2023年7月20日"), shown);
    assert_eq!(show(&reg, TITLE), shown);
    assert_eq!(show(&reg, "#1"), shown);
}

#[test]
fn the_seed_meeting_as_a_table() {
    let reg = jixi();
    let mut args: Vec<String> = [
        "meeting",
        "add",
        "--date",
        "2023-07-20",
        "--title",
        TITLE,
        "--kind",
        "progress",
        "--host",
        "市关工委",
        "--host",
        "市直机关工委",
        "--presider",
        "张蕾",
        "--speaker",
        ":朱玉林:讲话",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(seed_unit_args());
    reg.ok(&strings(&args));
    // No total given: it is the sum of the units' counts, and stored as NULL.
    assert_eq!(
        reg.text("SELECT coalesce(attendees, 'NULL') FROM meeting")
            .as_deref(),
        Some("NULL")
    );
    let shown = reg.ok(&["meeting", "show", "1"]);
    let out = without_history(&shown);
    let cells: Vec<Vec<String>> = out
        .lines()
        .filter(|line| line.starts_with('|'))
        .map(|line| {
            line.trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().to_string())
                .collect()
        })
        .collect();
    assert_eq!(cells[0], ["编号", "1"]);
    assert_eq!(cells[3], ["类别", "推进会"]);
    assert_eq!(
        cells[4],
        ["主办单位", "市关工委、中共鸡西市直属机关工作委员会"]
    );
    assert_eq!(cells[7], ["参会人数", "45"]);
    assert_eq!(cells[8], ["参会单位数", "19"]);
    assert!(out.contains("\n参会单位：\n"), "{out}");
    assert!(out.contains("\n发言：\n"), "{out}");
    assert!(
        out.ends_with("有关工委但未参会的单位：\n（无记录）\n"),
        "{out}"
    );
    let json = show(&reg, "1");
    assert_eq!(json["attendees"], 45);
    assert_eq!(json["units"], seed_units_json());
}

// ---------------------------------------------------------------------------
// The same meeting from a sign-in sheet

/// One line of a sign-in sheet: (unit as written, name, post, time).
type SignIn = (String, String, String, String);

/// The 45 people of the seed, from the 19 units: the first of each unit its
/// committee's director, the others staff. Some units are written by their
/// full name, the others by their alias.
fn seed_sign_ins() -> Vec<SignIn> {
    const SURNAMES: [&str; 9] = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周"];
    const GIVEN: [&str; 5] = ["明", "华", "强", "丽", "军"];
    let mut out = Vec::new();
    for (index, (name, alias, _, _)) in UNITS.iter().take(19).enumerate() {
        for k in 0..seed_count(index) {
            let n = out.len();
            let person = format!("{}{}", SURNAMES[n % 9], GIVEN[n / 9]);
            let unit = if index % 3 == 0 { name } else { alias };
            let post = if k == 0 {
                "关工委主任"
            } else {
                "工作人员"
            };
            out.push((
                unit.to_string(),
                person,
                post.to_string(),
                format!("08:{:02}", 10 + n),
            ));
        }
    }
    assert_eq!(out.len(), 45);
    out
}

/// A sign-in sheet as a unit saves it from Excel: a title row, 序号, the
/// header, the people, then the 填表人 footer. Returns the file's lines.
fn sign_in_csv_lines(people: &[SignIn]) -> Vec<String> {
    let mut lines = vec![
        format!("{TITLE}签到表,,,,"),
        "序号,单位,姓名,职务,签到时间".to_string(),
    ];
    for (n, (unit, name, post, time)) in people.iter().enumerate() {
        lines.push(format!("{},{unit},{name},{post},{time}", n + 1));
    }
    lines.push("填表人：王丽,联系电话：0467-2345678,,,".to_string());
    lines
}

fn sign_in_csv(reg: &Registry, file: &str, people: &[SignIn]) -> PathBuf {
    let mut text = sign_in_csv_lines(people).join("\r\n");
    text.push_str("\r\n");
    reg.file(file, text)
}

/// The same sheet as an .xlsx workbook: the title merged over the columns,
/// the header in Excel row 2, the people from row 3, then the footer.
fn sign_in_xlsx(path: &Path, people: &[SignIn]) {
    use rust_xlsxwriter::{Format, Workbook};

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet
        .merge_range(0, 0, 0, 4, &format!("{TITLE}签到表"), &Format::new())
        .unwrap();
    for (column, header) in ["序号", "单位", "姓名", "职务", "签到时间"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, column as u16, *header).unwrap();
    }
    for (n, (unit, name, post, time)) in people.iter().enumerate() {
        let row = n as u32 + 2;
        sheet.write_number(row, 0, (n + 1) as f64).unwrap();
        sheet.write_string(row, 1, unit).unwrap();
        sheet.write_string(row, 2, name).unwrap();
        sheet.write_string(row, 3, post).unwrap();
        sheet.write_string(row, 4, time).unwrap();
    }
    let footer = people.len() as u32 + 3;
    sheet
        .write_string(footer, 0, "填表人：王丽　联系电话：0467-2345678")
        .unwrap();
    workbook.save(path).unwrap();
}

/// What the registry holds after the seed's sign-in sheet was read.
fn assert_seed_sign_in(reg: &Registry) {
    assert_eq!(reg.count("SELECT count(*) FROM meeting_attendee"), 45);
    assert_eq!(
        reg.count("SELECT count(DISTINCT unit_id) FROM meeting_attendee"),
        19
    );
    let expected: Vec<Vec<String>> = (0..19)
        .map(|index| vec![(index + 1).to_string(), seed_count(index).to_string()])
        .collect();
    assert_eq!(unit_counts(reg, 1), expected);
    assert_eq!(
        rows(
            reg,
            "SELECT unit_id, name, post, signed_at FROM meeting_attendee
             WHERE id IN (SELECT min(id) FROM meeting_attendee UNION SELECT max(id) FROM meeting_attendee)
             ORDER BY id"
        ),
        [
            ["1", "王明", "关工委主任", "08:10"],
            ["19", "周军", "工作人员", "08:54"],
        ]
    );
    // The total is not stored: it is the sum of the units' counts.
    assert_eq!(
        reg.text("SELECT coalesce(attendees, 'NULL') FROM meeting WHERE id = 1")
            .as_deref(),
        Some("NULL")
    );
    let shown = show(reg, "1");
    assert_eq!(shown["attendees"], 45);
    assert_eq!(shown["unit_count"], 19);
    assert_eq!(shown["units"], seed_units_json());
    let signed_in = shown["signed_in"].as_array().unwrap();
    assert_eq!(signed_in.len(), 45);
    assert_eq!(
        signed_in[0],
        json!({"unit": "中共鸡西市直属机关工作委员会", "name": "王明", "post": "关工委主任", "signed_at": "08:10"})
    );
    assert_eq!(
        signed_in[3],
        json!({"unit": "鸡西市国资局", "name": "刘明", "post": "关工委主任", "signed_at": "08:13"})
    );
    assert_eq!(shown["absent_units"], json!([]));
    assert_eq!(
        shown["hosts"],
        json!(["市关工委", "中共鸡西市直属机关工作委员会"])
    );
    assert_eq!(shown["presider"], "张蕾");
    assert_eq!(shown["kind"], "progress");
}

#[test]
fn the_seed_meeting_from_a_csv_sign_in_sheet() {
    let reg = jixi();
    add_seed_meeting_without_units(&reg);
    assert_eq!(show(&reg, "1")["attendees"], Value::Null);
    assert_eq!(show(&reg, "1")["unit_count"], 0);
    let path = sign_in_csv(&reg, "签到表.csv", &seed_sign_ins());

    let out = reg.ok(&["meeting", "attend", "1", "--sheet", arg(&path)]);
    assert_eq!(
        out,
        format!("{}：新增 45，更新 0，未变 0\n", path.display())
    );
    assert_seed_sign_in(&reg);

    // Reading the same sheet again changes nothing, and says so.
    let before = reg.dump();
    let out = reg.ok(&["meeting", "attend", "1", "--sheet", arg(&path)]);
    assert_eq!(
        out,
        format!("{}：新增 0，更新 0，未变 45\n", path.display())
    );
    assert_eq!(reg.dump(), before);
}

#[test]
fn the_seed_meeting_from_an_xlsx_sign_in_sheet() {
    let reg = jixi();
    add_seed_meeting_without_units(&reg);
    let path = reg.dir.path().join("签到表.xlsx");
    sign_in_xlsx(&path, &seed_sign_ins());

    let out = reg.ok(&["meeting", "attend", TITLE, "--sheet", arg(&path)]);
    assert_eq!(
        out,
        format!("{}：新增 45，更新 0，未变 0\n", path.display())
    );
    assert_seed_sign_in(&reg);

    let before = reg.dump();
    let out = reg.ok(&["meeting", "attend", "2023-07-20", "--sheet", arg(&path)]);
    assert_eq!(
        out,
        format!("{}：新增 0，更新 0，未变 45\n", path.display())
    );
    assert_eq!(reg.dump(), before);
}

#[test]
fn a_dry_run_of_a_sign_in_sheet_writes_nothing() {
    let reg = jixi();
    add_seed_meeting_without_units(&reg);
    let path = sign_in_csv(&reg, "签到表.csv", &seed_sign_ins());
    let before = reg.dump();
    let out = reg.ok(&["meeting", "attend", "1", "--sheet", arg(&path), "--dry-run"]);
    assert_eq!(
        out,
        format!(
            "{}：新增 45，更新 0，未变 0（试运行，未写入）\n",
            path.display()
        )
    );
    assert_eq!(reg.dump(), before);
}

#[test]
fn a_second_sign_in_sheet_adds_its_people_to_the_counts() {
    let reg = jixi();
    add_seed_meeting_without_units(&reg);
    let people = seed_sign_ins();
    // The first sheet has the first 40 people, the second the last 5 and
    // one of the first again.
    let first = sign_in_csv(&reg, "上午.csv", &people[..40]);
    let second = sign_in_csv(&reg, "补签.csv", &people[39..]);
    let out = reg.ok(&["meeting", "attend", "1", "--sheet", arg(&first)]);
    assert_eq!(
        out,
        format!("{}：新增 40，更新 0，未变 0\n", first.display())
    );
    assert_eq!(show(&reg, "1")["attendees"], 40);
    let out = reg.ok(&["meeting", "attend", "1", "--sheet", arg(&second)]);
    assert_eq!(
        out,
        format!("{}：新增 5，更新 0，未变 1\n", second.display())
    );
    assert_seed_sign_in(&reg);
}

#[test]
fn a_sign_in_sheet_sets_the_count_of_a_unit_typed_before() {
    let reg = jixi();
    reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-07-20",
        "--title",
        TITLE,
        "--unit",
        "市司法局:7",
        "--unit",
        "市财政局:1",
    ]);
    let people = seed_sign_ins();
    // 市司法局's three people (the 7th to the 9th).
    let path = sign_in_csv(&reg, "司法局.csv", &people[6..9]);
    assert!(people[6..9].iter().all(|p| p.0 == "市司法局"));
    reg.ok(&["meeting", "attend", "1", "--sheet", arg(&path)]);
    assert_eq!(
        unit_counts(&reg, 1),
        [["3", "3"], ["20", "1"]],
        "the sheet gives 市司法局's count; 市财政局's typed count stays"
    );
    assert_eq!(show(&reg, "1")["attendees"], 4);
}

#[test]
fn a_sign_in_sheet_with_bad_rows_and_skip_invalid_keeps_the_good_ones() {
    let reg = jixi();
    add_seed_meeting_without_units(&reg);
    let mut people = seed_sign_ins();
    people[4].0 = "市国资委".to_string();
    let path = sign_in_csv(&reg, "签到表.csv", &people);
    let rejects = reg.dir.path().join("退回.csv");
    let out = reg.ok(&[
        "meeting",
        "attend",
        "1",
        "--sheet",
        arg(&path),
        "--skip-invalid",
        "--rejects",
        arg(&rejects),
    ]);
    assert_eq!(
        out,
        format!("{}：新增 44，更新 0，未变 0，拒收 1\n", path.display())
    );
    assert_eq!(reg.count("SELECT count(*) FROM meeting_attendee"), 44);
    assert_eq!(
        reg.count("SELECT attendees FROM meeting_unit WHERE unit_id = 2"),
        2
    );
    assert_eq!(show(&reg, "1")["attendees"], 44);
    let saved = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(
        saved,
        "\u{feff}序号,单位,姓名,职务,签到时间,错误原因\n\
         5,市国资委,陈明,工作人员,08:14,单位：未找到单位“市国资委”。相近的有：鸡西市国资局、中共鸡西市委政法委员会、鸡西市卫生健康委员会\n"
    );
}

// ---------------------------------------------------------------------------
// The units with a committee that did not come

#[test]
fn absent_units_are_those_with_an_active_committee_on_the_day() {
    let reg = jixi();
    // 市妇联's committee was dissolved before the meeting.
    reg.ok(&["committee", "dissolve", "市妇联", "--date", "2023-07-01"]);
    // Everyone but 市中级法院, 市一中 and 市妇联 comes.
    let mut args = vec![
        "meeting".to_string(),
        "add".to_string(),
        "--date".to_string(),
        "2023-07-20".to_string(),
        "--title".to_string(),
        TITLE.to_string(),
    ];
    for (index, (_, alias, _, _)) in UNITS.iter().take(19).enumerate() {
        if ![14, 17, 18].contains(&index) {
            args.push("--unit".to_string());
            args.push(format!("{alias}:{}", seed_count(index)));
        }
    }
    reg.ok(&strings(&args));
    let shown = show(&reg, "1");
    assert_eq!(shown["unit_count"], 16);
    assert_eq!(
        absent(&shown),
        [
            (18, "鸡西市中级人民法院".to_string()),
            (19, "鸡西市第一中学".to_string()),
        ],
        "not 市妇联 (dissolved before), 市财政局 (none), 市人社局 (set up after), 市卫健委 (planned)"
    );

    // On 2023-08-01, the day 市人社局's committee was set up, it is missed.
    reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-08-01",
        "--title",
        "例会",
        "--kind",
        "例会",
        "--unit",
        "市直机关工委:2",
    ]);
    let ids: Vec<i64> = absent(&show(&reg, "2")).iter().map(|u| u.0).collect();
    let mut expected: Vec<i64> = (2..=19).filter(|id| *id != 15).collect();
    expected.push(RENSHE);
    assert_eq!(ids, expected);

    // On 2023-06-01, before 市妇联, 市总工会, 团市委 and 市中级法院 had
    // theirs, and while 市妇联's was not yet set up.
    reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-06-01",
        "--title",
        "座谈会",
        "--kind",
        "forum",
    ]);
    let ids: Vec<i64> = absent(&show(&reg, "3")).iter().map(|u| u.0).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 19]);
    // On 2023-06-20, 市妇联's committee was active and it did not come.
    reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-06-20",
        "--title",
        "座谈会",
        "--kind",
        "forum",
        "--unit",
        "市一中:1",
    ]);
    let ids: Vec<i64> = absent(&show(&reg, "4")).iter().map(|u| u.0).collect();
    assert_eq!(ids, (1..=18).collect::<Vec<i64>>());
}

#[test]
fn absent_units_in_the_table_of_show() {
    let reg = jixi();
    reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-04-01",
        "--title",
        "首批试点座谈会",
        "--kind",
        "调研座谈会",
        "--unit",
        "市国资局:2",
        "--unit",
        "市司法局:2",
        "--unit",
        "市检察院",
        "--unit",
        "市自然资源和规划局",
        "--unit",
        "市执法局",
    ]);
    // On 2023-04-01: 市直机关工委, 市交通局, 教育局 and 市一中 had a
    // committee and did not come.
    let shown = reg.ok(&["meeting", "show", "1"]);
    let out = without_history(&shown);
    assert!(
        out.ends_with(
            "有关工委但未参会的单位：\n\
             +------+------------------------------+\n\
             | 编号 | 单位名称                     |\n\
             +=====================================+\n\
             |    1 | 中共鸡西市直属机关工作委员会 |\n\
             |    7 | 鸡西市交通运输局             |\n\
             |   10 | 鸡西市教育局                 |\n\
             |   19 | 鸡西市第一中学               |\n\
             +------+------------------------------+\n"
        ),
        "{out}"
    );
    // Units with no count are listed, and the total is the known counts.
    let shown = show(&reg, "1");
    assert_eq!(shown["attendees"], 4);
    assert_eq!(shown["unit_count"], 5);
    assert_eq!(
        shown["units"][2],
        json!({"id": 4, "name": "鸡西市人民检察院", "attendees": null})
    );
}

// ---------------------------------------------------------------------------
// Refusals: each says what is wrong, and leaves the registry as it was

/// A registry with the seed's meeting, to refuse things on.
fn with_a_meeting() -> Registry {
    let reg = jixi();
    reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-07-20",
        "--title",
        TITLE,
        "--kind",
        "推进会",
        "--attendees",
        "10",
        "--unit",
        "市司法局:3",
        "--unit",
        "市国资局:2",
    ]);
    reg
}

fn add_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "meeting",
        "add",
        "--date",
        "2023-07-21",
        "--title",
        "另一个会",
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn an_unknown_unit_is_refused_with_the_nearest_names() {
    let reg = with_a_meeting();
    let err = reg.refused(&add_args(&["--unit", "市司法:3"]));
    assert_eq!(
        err,
        "错误：未找到单位“市司法”。相近的有：鸡西市司法局、中共鸡西市委政法委员会、鸡西市城市管理综合执法局\n"
    );
    let err = reg.refused(&add_args(&["--unit", "鸡西司法局"]));
    assert_eq!(
        err,
        "错误：未找到单位“鸡西司法局”。相近的有：鸡西市司法局、鸡西市国资局、鸡西市教育局、鸡西市财政局\n"
    );
    let err = reg.refused(&add_args(&["--unit", "无此单位:3"]));
    assert_eq!(
        err,
        "错误：未找到单位“无此单位”：请先用 ggw unit add 登记\n"
    );
    let out = reg
        .ggw()
        .args(["--lang", "en"])
        .args(add_args(&["--unit", "市司法:3"]))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: no unit named '市司法'. Nearest: 鸡西市司法局, 中共鸡西市委政法委员会, 鸡西市城市管理综合执法局\n"
    );
}

#[test]
fn an_unknown_kind_is_refused_with_the_kinds() {
    let reg = with_a_meeting();
    let err = reg.refused(&add_args(&["--kind", "大会"]));
    assert_eq!(
        err,
        "错误：未知的会议类别“大会”：可选 推进会、工作会议、全委会、主任办公会、联席会议、例会、议事协商会、调研座谈会、培训会、其他（可用 ggw meeting kind add 增加类别）\n"
    );
    let err = reg.refused(&["--lang", "en", "meeting", "edit", "1", "--kind", "rally"]);
    assert_eq!(
        err,
        "error: unknown meeting kind 'rally': use one of progress, work, plenary, office, joint, regular, consultation, forum, training, other (ggw meeting kind add adds one)\n"
    );
}

#[test]
fn a_total_below_the_units_counts_is_refused() {
    let reg = with_a_meeting();
    let err = reg.refused(&add_args(&[
        "--unit",
        "市司法局:3",
        "--unit",
        "市国资局:4",
        "--attendees",
        "6",
    ]));
    assert_eq!(err, "错误：参会总人数 6 少于各单位人数之和 7\n");
    // Equal is fine.
    reg.ok(&add_args(&[
        "--unit",
        "市司法局:3",
        "--unit",
        "市国资局:4",
        "--attendees",
        "7",
    ]));
    assert_eq!(show(&reg, "2")["attendees"], 7);
    // An edit too: of the total, or of the units.
    let err = reg.refused(&["meeting", "edit", "1", "--attendees", "4"]);
    assert_eq!(err, "错误：参会总人数 4 少于各单位人数之和 5\n");
    let err = reg.refused(&["meeting", "edit", "1", "--unit", "市司法局:11"]);
    assert_eq!(err, "错误：参会总人数 10 少于各单位人数之和 11\n");
}

#[test]
fn attending_may_not_raise_the_units_counts_above_the_total() {
    let reg = with_a_meeting();
    // 3 + 2 of 10: a new unit sending 6 makes 11.
    let err = reg.refused(&[
        "meeting",
        "attend",
        "1",
        "--unit",
        "市中医院",
        "--count",
        "6",
    ]);
    assert_eq!(
        err,
        "错误：各单位人数之和 11 超过了登记的参会总人数 10：请先用 ggw meeting edit --attendees 更正总人数\n"
    );
    // Replacing 市司法局's 3 by 9 makes 11 too.
    let err = reg.refused(&[
        "meeting",
        "attend",
        "1",
        "--unit",
        "市司法局",
        "--count",
        "9",
    ]);
    assert_eq!(
        err,
        "错误：各单位人数之和 11 超过了登记的参会总人数 10：请先用 ggw meeting edit --attendees 更正总人数\n"
    );
    // A sign-in sheet that brings the counts to 45 is refused whole; the
    // problem is the sheet's, not a row's.
    let mut people = seed_sign_ins();
    let path = sign_in_csv(&reg, "签到表.csv", &people);
    let err = reg.refused(&["meeting", "attend", "1", "--sheet", arg(&path)]);
    let file = path.display();
    assert_eq!(
        err,
        format!(
            "错误：{file}:0: 各单位人数之和 45 超过了登记的参会总人数 10：请先用 ggw meeting edit --attendees 更正总人数\n\
             共 1 处错误，未写入任何数据：请改正后重新导入，或用 --skip-invalid 只导入正确的行（--rejects 可把错误的行另存退回）。\n"
        )
    );
    // With a bad row too, both are told at once.
    people[44].0 = "市一高".to_string();
    let bad = sign_in_csv(&reg, "签到表2.csv", &people);
    let err = reg.refused(&["meeting", "attend", "1", "--sheet", arg(&bad)]);
    let bad_file = bad.display();
    assert_eq!(
        err,
        format!(
            "错误：{bad_file}:0: 各单位人数之和 44 超过了登记的参会总人数 10：请先用 ggw meeting edit --attendees 更正总人数\n\
             {bad_file}:47:单位: 未找到单位“市一高”。相近的有：鸡西市第一中学\n\
             共 2 处错误，未写入任何数据：请改正后重新导入，或用 --skip-invalid 只导入正确的行（--rejects 可把错误的行另存退回）。\n"
        )
    );
    // With --skip-invalid no row can be left out to mend it: the whole
    // sheet is refused, nothing written.
    let err = reg.refused(&[
        "meeting",
        "attend",
        "1",
        "--sheet",
        arg(&bad),
        "--skip-invalid",
    ]);
    assert_eq!(
        err,
        "错误：各单位人数之和 44 超过了登记的参会总人数 10：请先用 ggw meeting edit --attendees 更正总人数\n"
    );
    let err = reg.refused(&[
        "meeting",
        "attend",
        "1",
        "--sheet",
        arg(&path),
        "--skip-invalid",
    ]);
    assert_eq!(
        err,
        "错误：各单位人数之和 45 超过了登记的参会总人数 10：请先用 ggw meeting edit --attendees 更正总人数\n"
    );
    assert_eq!(unit_counts(&reg, 1), [["2", "2"], ["3", "3"]]);
    assert_eq!(show(&reg, "1")["attendees"], 10);
}

#[test]
fn a_date_that_is_no_date_is_refused() {
    let reg = with_a_meeting();
    for date in ["2023-02-30", "昨天", "2023-13-01", "20230732"] {
        let err = reg.refused(&["meeting", "add", "--date", date, "--title", "会"]);
        assert_eq!(
            err,
            format!("错误：“{date}”不是有效日期：请写成 2023-07-20 或 2023年7月20日\n")
        );
    }
    let err = reg.refused(&["meeting", "edit", "1", "--date", "2023-06-31"]);
    assert_eq!(
        err,
        "错误：“2023-06-31”不是有效日期：请写成 2023-07-20 或 2023年7月20日\n"
    );
    // The forms a clerk writes are all read.
    reg.ok(&["meeting", "add", "--date", "2023/8/1", "--title", "甲"]);
    reg.ok(&["meeting", "add", "--date", "2023.8.2", "--title", "乙"]);
    reg.ok(&["meeting", "add", "--date", "2023年8月3日", "--title", "丙"]);
    assert_eq!(
        rows(&reg, "SELECT held_on FROM meeting WHERE id > 1 ORDER BY id"),
        [["2023-08-01"], ["2023-08-02"], ["2023-08-03"]]
    );
}

#[test]
fn a_meeting_in_the_future_is_refused() {
    let reg = with_a_meeting();
    let tomorrow = (today() + chrono::Days::new(1)).to_string();
    let err = reg.refused(&["meeting", "add", "--date", &tomorrow, "--title", "会"]);
    assert_eq!(
        err,
        format!("错误：会议日期 {tomorrow} 晚于今天：会议开过后再登记\n")
    );
    let err = reg.refused(&["meeting", "edit", "1", "--date", "2099-01-01"]);
    assert_eq!(
        err,
        "错误：会议日期 2099-01-01 晚于今天：会议开过后再登记\n"
    );
    // Today is fine.
    let today = today().to_string();
    reg.ok(&["meeting", "add", "--date", &today, "--title", "今天的会"]);
    assert_eq!(
        reg.text("SELECT held_on FROM meeting WHERE id = 2"),
        Some(today)
    );
}

#[test]
fn the_same_unit_twice_is_refused() {
    let reg = with_a_meeting();
    // Once by its alias, once by its name.
    let err = reg.refused(&add_args(&[
        "--unit",
        "市司法局:3",
        "--unit",
        "鸡西市司法局:2",
    ]));
    assert_eq!(err, "错误：单位“鸡西市司法局”列了两次\n");
    let err = reg.refused(&[
        "meeting",
        "edit",
        "1",
        "--unit",
        "市国资局",
        "--unit",
        "市国资局:1",
    ]);
    assert_eq!(err, "错误：单位“鸡西市国资局”列了两次\n");
}

#[test]
fn a_speaker_of_an_unknown_unit_is_refused_with_a_hint() {
    let reg = with_a_meeting();
    let err = reg.refused(&add_args(&["--speaker", "市关工委:朱玉林:讲话"]));
    assert_eq!(
        err,
        "错误：发言人的未找到单位“市关工委”。相近的有：中共鸡西市委政法委员会、中共鸡西市直属机关工作委员会、鸡西市卫生健康委员会、鸡西市总工会（不属于任何单位的发言人请写成 :姓名:题目）\n"
    );
    let err = reg.refused(&[
        "--lang",
        "en",
        "meeting",
        "edit",
        "1",
        "--speaker",
        "朱玉林",
    ]);
    assert_eq!(
        err,
        "error: speaker: no unit named '朱玉林': register it first with ggw unit add (for a speaker of no unit write :NAME:TOPIC)\n"
    );
    let err = reg.refused(&add_args(&["--speaker", "::讲话"]));
    assert_eq!(err, "错误：发言人“::讲话”既无单位也无姓名\n");
    // As the hint says: a speaker of no unit.
    reg.ok(&add_args(&["--speaker", ":朱玉林:讲话"]));
    assert_eq!(
        rows(
            &reg,
            "SELECT meeting_id, coalesce(unit_id, 'NULL'), person, topic FROM meeting_speaker"
        ),
        [["2", "NULL", "朱玉林", "讲话"]]
    );
}

#[test]
fn bad_counts_and_an_empty_title_are_refused() {
    let reg = with_a_meeting();
    let err = reg.refused(&add_args(&["--unit", "市司法局:-3"]));
    assert_eq!(err, "错误：人数不能为负数：“-3”\n");
    let err = reg.refused(&add_args(&["--unit", "市司法局:三"]));
    assert_eq!(err, "错误：“三”不是人数：请填写整数\n");
    let err = reg.refused(&add_args(&["--attendees=-1"]));
    assert_eq!(err, "错误：人数不能为负数：“-1”\n");
    let err = reg.refused(&["meeting", "add", "--date", "2023-07-21", "--title", " "]);
    assert_eq!(err, "错误：会议名称为空\n");
    let err = reg.refused(&[
        "meeting",
        "attend",
        "1",
        "--unit",
        "市中医院",
        "--count",
        "x",
    ]);
    assert_eq!(err, "错误：“x”不是人数：请填写整数\n");
}

#[test]
fn every_problem_of_a_meeting_is_one_line() {
    let reg = with_a_meeting();
    let err = reg.refused(&[
        "meeting",
        "add",
        "--date",
        "2023-02-30",
        "--title",
        "会",
        "--kind",
        "大会",
        "--unit",
        "无此单位",
        "--speaker",
        "无此单位",
    ]);
    assert_eq!(
        err,
        "错误：“2023-02-30”不是有效日期：请写成 2023-07-20 或 2023年7月20日\n\
         未知的会议类别“大会”：可选 推进会、工作会议、全委会、主任办公会、联席会议、例会、议事协商会、调研座谈会、培训会、其他（可用 ggw meeting kind add 增加类别）\n\
         未找到单位“无此单位”：请先用 ggw unit add 登记\n\
         发言人的未找到单位“无此单位”：请先用 ggw unit add 登记（不属于任何单位的发言人请写成 :姓名:题目）\n"
    );
}

#[test]
fn the_same_title_on_the_same_day_is_refused() {
    let reg = with_a_meeting();
    let err = reg.refused(&["meeting", "add", "--date", "2023-07-20", "--title", TITLE]);
    assert_eq!(err, "错误：同一天已有同名会议（#1）\n");
    reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-07-20",
        "--title",
        "下午的会",
    ]);
    let err = reg.refused(&["meeting", "edit", "2", "--title", TITLE]);
    assert_eq!(err, "错误：同一天已有同名会议（#1）\n");
    // Two meetings on one day: the date no longer names one.
    let err = reg.refused(&["meeting", "show", "2023-07-20"]);
    assert_eq!(
        err,
        "错误：“2023-07-20”可指多个会议：#1、#2；请用编号指定\n"
    );
}

#[test]
fn a_sign_in_sheet_naming_an_unknown_unit_is_refused_where_excel_shows_it() {
    let reg = jixi();
    add_seed_meeting_without_units(&reg);
    let mut people = seed_sign_ins();
    people[4].0 = "市国资委".to_string();
    people[30].0 = "鸡西市中医院".to_string();

    // CSV: a title row, the header, then the people from line 3.
    let path = sign_in_csv(&reg, "签到表.csv", &people);
    let err = reg.refused(&["meeting", "attend", "1", "--sheet", arg(&path)]);
    let file = path.display();
    assert_eq!(
        err,
        format!(
            "错误：{file}:7:单位: 未找到单位“市国资委”。相近的有：鸡西市国资局、中共鸡西市委政法委员会、鸡西市卫生健康委员会\n\
             {file}:33:单位: 未找到单位“鸡西市中医院”。相近的有：鸡西市中医医院、鸡西市司法局、鸡西市国资局、鸡西市总工会、鸡西市教育局\n\
             共 2 处错误，未写入任何数据：请改正后重新导入，或用 --skip-invalid 只导入正确的行（--rejects 可把错误的行另存退回）。\n"
        )
    );
    // A dry run says the same.
    let dry = reg.refused(&["meeting", "attend", "1", "--sheet", arg(&path), "--dry-run"]);
    assert_eq!(dry, err);

    // .xlsx: the same rows, as Excel numbers them.
    let path = reg.dir.path().join("签到表.xlsx");
    sign_in_xlsx(&path, &people);
    let err = reg.refused(&[
        "--lang",
        "en",
        "meeting",
        "attend",
        "1",
        "--sheet",
        arg(&path),
    ]);
    let file = path.display();
    assert_eq!(
        err,
        format!(
            "error: {file}:7:单位: no unit named '市国资委'. Nearest: 鸡西市国资局, 中共鸡西市委政法委员会, 鸡西市卫生健康委员会\n\
             {file}:33:单位: no unit named '鸡西市中医院'. Nearest: 鸡西市中医医院, 鸡西市司法局, 鸡西市国资局, 鸡西市总工会, 鸡西市教育局\n\
             2 problems; nothing was written: correct the file and import it again, or import the valid rows with --skip-invalid (--rejects saves the others to send back).\n"
        )
    );
}

#[test]
fn a_meeting_not_found_is_refused() {
    let reg = with_a_meeting();
    let not_7 = "错误：没有编号为 7 的会议（ggw meeting list 列出全部）\n";
    assert_eq!(reg.refused(&["meeting", "show", "7"]), not_7);
    assert_eq!(
        reg.refused(&["meeting", "edit", "7", "--title", "x"]),
        not_7
    );
    assert_eq!(reg.refused(&["meeting", "remove", "7"]), not_7);
    assert_eq!(
        reg.refused(&[
            "meeting",
            "attend",
            "7",
            "--unit",
            "市中医院",
            "--count",
            "1"
        ]),
        not_7
    );
    let path = sign_in_csv(&reg, "签到表.csv", &seed_sign_ins()[..3]);
    assert_eq!(
        reg.refused(&["meeting", "attend", "7", "--sheet", arg(&path)]),
        not_7
    );
    assert_eq!(
        reg.refused(&["meeting", "show", "2023-07-21"]),
        "错误：未找到会议“2023-07-21”：可用编号、日期或会议名称指定（ggw meeting list 列出全部）\n"
    );
    assert_eq!(
        reg.refused(&["meeting", "show", "某会"]),
        "错误：未找到会议“某会”：可用编号、日期或会议名称指定（ggw meeting list 列出全部）\n"
    );
    assert_eq!(
        reg.refused(&["--lang", "en", "meeting", "show", "#7"]),
        "error: there is no meeting with id 7 (ggw meeting list lists them all)\n"
    );
}

#[test]
fn attending_an_unknown_unit_is_refused() {
    let reg = with_a_meeting();
    let err = reg.refused(&["meeting", "attend", "1", "--unit", "市中医", "--count", "1"]);
    assert_eq!(err, "错误：未找到单位“市中医”。相近的有：鸡西市中医医院\n");
}

// ---------------------------------------------------------------------------
// list

/// Meetings on the edges of months, quarters, halves and years.
fn many_meetings() -> Registry {
    let reg = jixi();
    for (date, title, kind, units) in [
        (
            "2022-12-31",
            "年终总结会",
            "work",
            vec!["--host", "市国资局"],
        ),
        (
            "2023-06-30",
            "半年工作会",
            "work",
            vec!["--unit", "市司法局:2"],
        ),
        (
            "2023-07-01",
            "七一座谈会",
            "forum",
            vec!["--unit", "市中医院:1"],
        ),
        (
            "2023-07-20",
            TITLE,
            "progress",
            vec!["--unit", "市司法局:3", "--unit", "市国资局:2"],
        ),
        ("2023-07-31", "月末例会", "regular", vec![]),
        (
            "2023-09-30",
            "三季度例会",
            "regular",
            vec!["--host", "市司法局"],
        ),
        ("2023-10-01", "国庆座谈会", "forum", vec![]),
        (
            "2023-12-31",
            "年终例会",
            "regular",
            vec!["--unit", "市国资局:1"],
        ),
        ("2024-01-01", "新年例会", "regular", vec![]),
    ] {
        let mut args = vec![
            "meeting", "add", "--date", date, "--title", title, "--kind", kind,
        ];
        args.extend(units);
        reg.ok(&args);
    }
    reg
}

#[test]
fn list_by_period() {
    let reg = many_meetings();
    assert_eq!(listed(&reg, &[]), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert_eq!(listed(&reg, &["--period", "2023-07"]), [3, 4, 5]);
    assert_eq!(listed(&reg, &["--period", "2023-Q3"]), [3, 4, 5, 6]);
    assert_eq!(listed(&reg, &["--period", "2023-q2"]), [2]);
    assert_eq!(listed(&reg, &["--period", "2023-H2"]), [3, 4, 5, 6, 7, 8]);
    assert_eq!(listed(&reg, &["--period", "2023-H1"]), [2]);
    assert_eq!(listed(&reg, &["--period", "2023"]), [2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(listed(&reg, &["--period", "2023-08"]), Vec::<i64>::new());
}

#[test]
fn list_from_and_to() {
    let reg = many_meetings();
    assert_eq!(
        listed(&reg, &["--from", "2023-07-15", "--to", "2023-09-30"]),
        [4, 5, 6]
    );
    assert_eq!(
        listed(&reg, &["--from", "2023-07-01", "--to", "2023-07-01"]),
        [3]
    );
    assert_eq!(listed(&reg, &["--to", "2023-06-30"]), [1, 2]);
    // An open end: from a date on.
    assert_eq!(listed(&reg, &["--from", "2023-10-01"]), [7, 8, 9]);
    assert_eq!(listed(&reg, &["--from", "2023年12月31日"]), [8, 9]);
    let err = reg.refused(&[
        "meeting",
        "list",
        "--from",
        "2023-08-01",
        "--to",
        "2023-07-01",
    ]);
    assert_eq!(err, "错误：起始日期 2023-08-01 晚于截止日期 2023-07-01\n");
    let err = reg.refused(&[
        "meeting",
        "list",
        "--period",
        "2023",
        "--from",
        "2023-01-01",
    ]);
    assert_eq!(err, "错误：--period 不能与 --from/--to 同时使用\n");
    let err = reg.refused(&["meeting", "list", "--period", "2023-Q5"]);
    assert_eq!(
        err,
        "错误：“2023-Q5”不是期间：请写成 2023-07（月）、2023-Q3（季度）、2023-H2（半年）或 2023（年）\n"
    );
}

#[test]
fn list_by_kind_and_unit() {
    let reg = many_meetings();
    assert_eq!(listed(&reg, &["--kind", "例会"]), [5, 6, 8, 9]);
    assert_eq!(listed(&reg, &["--kind", "forum"]), [3, 7]);
    assert_eq!(listed(&reg, &["--kind", "research forum"]), [3, 7]);
    assert_eq!(
        listed(&reg, &["--kind", "regular", "--period", "2023-Q3"]),
        [5, 6]
    );
    // Attended or hosted; named by alias or by name.
    assert_eq!(listed(&reg, &["--unit", "市司法局"]), [2, 4, 6]);
    assert_eq!(listed(&reg, &["--unit", "鸡西市国资局"]), [1, 4, 8]);
    assert_eq!(
        listed(&reg, &["--unit", "市国资局", "--period", "2023"]),
        [4, 8]
    );
    assert_eq!(listed(&reg, &["--unit", "市财政局"]), Vec::<i64>::new());
    let err = reg.refused(&["meeting", "list", "--kind", "大会"]);
    assert_eq!(
        err,
        "错误：未知的会议类别“大会”：可选 推进会、工作会议、全委会、主任办公会、联席会议、例会、议事协商会、调研座谈会、培训会、其他（可用 ggw meeting kind add 增加类别）\n"
    );
    let err = reg.refused(&["meeting", "list", "--unit", "无此单位"]);
    assert_eq!(
        err,
        "错误：未找到单位“无此单位”：请先用 ggw unit add 登记\n"
    );
}

#[test]
fn list_as_json_and_csv() {
    let reg = many_meetings();
    let list = parse_json(&reg.ok(&["--format", "json", "meeting", "list", "--period", "2023-07"]));
    assert_eq!(
        list[1],
        json!({
            "id": 4,
            "date": "2023-07-20",
            "title": TITLE,
            "kind": "progress",
            "hosts": [],
            "presider": null,
            "attendees": 5,
            "unit_count": 2,
            "speakers": 0,
        })
    );
    let csv = reg.ok(&["--format", "csv", "meeting", "list", "--period", "2023-Q4"]);
    assert_eq!(
        csv.trim_start_matches('\u{feff}'),
        "编号,日期,名称,类别,主办单位,主持人,参会人数,参会单位数,发言\n\
         7,2023-10-01,国庆座谈会,调研座谈会,,,,0,0\n\
         8,2023-12-31,年终例会,例会,,,1,1,0\n"
    );
}

// ---------------------------------------------------------------------------
// edit and remove

fn seed_meeting_with_speakers(reg: &Registry) {
    reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-07-20",
        "--title",
        TITLE,
        "--kind",
        "推进会",
        "--host",
        "市关工委",
        "--host",
        "市直机关工委",
        "--presider",
        "张蕾",
        "--location",
        "市委第一会议室",
        "--note",
        "传达全市关心下一代工作会议精神",
        "--unit",
        "市司法局:3",
        "--unit",
        "市国资局:2",
        "--speaker",
        ":朱玉林:讲话",
        "--speaker",
        "市司法局:周文博:普法",
    ]);
}

#[test]
fn an_edit_that_changes_nothing_says_so() {
    let reg = jixi();
    seed_meeting_with_speakers(&reg);
    let before = reg.dump();
    for args in [
        vec!["meeting", "edit", "1"],
        vec![
            "meeting",
            "edit",
            "1",
            "--kind",
            "progress",
            "--presider",
            "张蕾",
        ],
        vec![
            "meeting",
            "edit",
            "1",
            "--date",
            "2023年7月20日",
            "--title",
            TITLE,
        ],
        vec![
            "meeting",
            "edit",
            "1",
            "--host",
            "市关工委",
            "--host",
            "中共鸡西市直属机关工作委员会",
        ],
        vec![
            "meeting",
            "edit",
            "1",
            "--speaker",
            ":朱玉林:讲话",
            "--speaker",
            "市司法局:周文博:普法",
        ],
        // The units in the order they were given, and in another.
        vec![
            "meeting",
            "edit",
            "1",
            "--unit",
            "市司法局:3",
            "--unit",
            "市国资局:2",
        ],
        vec![
            "meeting",
            "edit",
            "1",
            "--unit",
            "鸡西市国资局:2",
            "--unit",
            "鸡西市司法局:3",
        ],
    ] {
        let out = reg.ok(&args);
        assert_eq!(out, format!("会议 #1 {TITLE} 没有变化\n"), "{args:?}");
        assert_eq!(reg.dump(), before, "{args:?}");
    }
}

#[test]
fn edit_replaces_hosts_units_and_speakers_and_keeps_the_rest() {
    let reg = jixi();
    seed_meeting_with_speakers(&reg);
    let out = reg.ok(&[
        "meeting",
        "edit",
        "1",
        "--host",
        "市委组织部",
        "--unit",
        "市中医院:7",
        "--unit",
        "市邮政管理局",
        "--speaker",
        "市中医院::关爱青年医务人员",
    ]);
    assert_eq!(out, format!("已更新会议 #1 {TITLE}\n"));
    assert_eq!(
        rows(
            &reg,
            "SELECT position, coalesce(unit_id, 'NULL'), name FROM meeting_host"
        ),
        [["1", "11", "中共鸡西市委组织部"]]
    );
    assert_eq!(unit_counts(&reg, 1), [["8", "NULL"], ["9", "7"]]);
    assert_eq!(
        rows(
            &reg,
            "SELECT position, unit_id, coalesce(person, 'NULL'), topic FROM meeting_speaker"
        ),
        [["1", "9", "NULL", "关爱青年医务人员"]]
    );
    assert_eq!(
        show(&reg, "1"),
        json!({
            "id": 1,
            "date": "2023-07-20",
            "title": TITLE,
            "kind": "progress",
            "hosts": ["中共鸡西市委组织部"],
            "presider": "张蕾",
            "location": "市委第一会议室",
            "attendees": 7,
            "unit_count": 2,
            "note": "传达全市关心下一代工作会议精神",
            "units": [
                {"id": 8, "name": "鸡西市邮政管理局", "attendees": null},
                {"id": 9, "name": "鸡西市中医医院", "attendees": 7},
            ],
            "speakers": [{"unit": "鸡西市中医医院", "person": null, "topic": "关爱青年医务人员"}],
            "signed_in": [],
            // The 19 with a committee, but for the two that came and the host (#11).
            "absent_units": UNITS
                .iter()
                .take(19)
                .enumerate()
                .map(|(index, (name, _, _, _))| (index as i64 + 1, name))
                .filter(|(id, _)| ![YOUZHENG, ZHONGYI, 11].contains(id))
                .map(|(id, name)| json!({"id": id, "name": name}))
                .collect::<Vec<_>>(),
        })
    );

    // The scalar values, one by one; an empty total goes back to the sum.
    reg.ok(&[
        "meeting",
        "edit",
        TITLE,
        "--date",
        "2023-07-21",
        "--title",
        "市直机关关工委推进会",
        "--kind",
        "联席会议",
        "--presider",
        "朱玉林",
        "--location",
        "市关工委会议室",
        "--note",
        "改期一天",
        "--attendees",
        "12",
    ]);
    assert_eq!(
        rows(
            &reg,
            "SELECT m.held_on, m.title, k.code, m.presider, m.location, m.attendees, m.note
             FROM meeting m JOIN kind k ON k.id = m.kind_id"
        ),
        [[
            "2023-07-21",
            "市直机关关工委推进会",
            "joint",
            "朱玉林",
            "市关工委会议室",
            "12",
            "改期一天"
        ]]
    );
    reg.ok(&["meeting", "edit", "1", "--attendees", ""]);
    assert_eq!(
        reg.text("SELECT coalesce(attendees, 'NULL') FROM meeting")
            .as_deref(),
        Some("NULL")
    );
    assert_eq!(show(&reg, "1")["attendees"], 7);
}

#[test]
fn edit_keeps_the_people_of_a_sign_in_sheet() {
    let reg = jixi();
    add_seed_meeting_without_units(&reg);
    let path = sign_in_csv(&reg, "签到表.csv", &seed_sign_ins());
    reg.ok(&["meeting", "attend", "1", "--sheet", arg(&path)]);
    reg.ok(&["meeting", "edit", "1", "--location", "市委第一会议室"]);
    assert_seed_sign_in(&reg);
    assert_eq!(show(&reg, "1")["location"], "市委第一会议室");
}

#[test]
fn remove_takes_the_meeting_and_all_its_parts() {
    let reg = jixi();
    seed_meeting_with_speakers(&reg);
    reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-08-01",
        "--title",
        "例会",
        "--unit",
        "市司法局:1",
    ]);
    let path = sign_in_csv(&reg, "签到表.csv", &seed_sign_ins()[..9]);
    reg.ok(&["meeting", "attend", "1", "--sheet", arg(&path)]);
    assert_eq!(reg.count("SELECT count(*) FROM meeting_attendee"), 9);

    let out = reg.ok(&["meeting", "remove", TITLE]);
    assert_eq!(out, format!("已删除会议 #1 {TITLE}\n"));
    for table in [
        "meeting_host",
        "meeting_unit",
        "meeting_attendee",
        "meeting_speaker",
    ] {
        assert_eq!(
            reg.count(&format!(
                "SELECT count(*) FROM {table} WHERE meeting_id = 1"
            )),
            0,
            "{table}"
        );
    }
    assert_eq!(rows(&reg, "SELECT id, title FROM meeting"), [["2", "例会"]]);
    assert_eq!(unit_counts(&reg, 2), [["3", "1"]]);
    assert_eq!(
        reg.refused(&["meeting", "show", "1"]),
        "错误：没有编号为 1 的会议（ggw meeting list 列出全部）\n"
    );
    // The units are all still there.
    assert_eq!(reg.count("SELECT count(*) FROM unit"), 22);
}

// ---------------------------------------------------------------------------
// attend --unit --count

#[test]
fn attend_inserts_a_unit_and_replaces_its_count() {
    let reg = jixi();
    reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-07-20",
        "--title",
        TITLE,
        "--unit",
        "市司法局:3",
    ]);
    let out = reg.ok(&[
        "meeting",
        "attend",
        "1",
        "--unit",
        "市国资局",
        "--count",
        "2",
    ]);
    assert_eq!(out, "已登记会议 #1：鸡西市国资局 2 人\n");
    assert_eq!(unit_counts(&reg, 1), [["2", "2"], ["3", "3"]]);
    let out = reg.ok(&[
        "meeting",
        "attend",
        TITLE,
        "--unit",
        "鸡西市司法局",
        "--count",
        "5",
    ]);
    assert_eq!(out, "已登记会议 #1：鸡西市司法局 5 人\n");
    assert_eq!(unit_counts(&reg, 1), [["2", "2"], ["3", "5"]]);
    let out = reg.ok(&[
        "meeting",
        "attend",
        "2023-07-20",
        "--unit",
        "市国资局",
        "--count",
        "0",
    ]);
    assert_eq!(out, "已登记会议 #1：鸡西市国资局 0 人\n");
    assert_eq!(unit_counts(&reg, 1), [["2", "0"], ["3", "5"]]);
    let shown = show(&reg, "1");
    assert_eq!(shown["attendees"], 5);
    assert_eq!(shown["unit_count"], 2);
    // Up to a given total is fine.
    reg.ok(&["meeting", "edit", "1", "--attendees", "8"]);
    reg.ok(&[
        "meeting",
        "attend",
        "1",
        "--unit",
        "市国资局",
        "--count",
        "3",
    ]);
    assert_eq!(unit_counts(&reg, 1), [["2", "3"], ["3", "5"]]);
    assert_eq!(show(&reg, "1")["attendees"], 8);
}

// ---------------------------------------------------------------------------
// import: one row a meeting

/// A meetings sheet as the office keeps it: a title row, the header, three
/// meetings (dates in three forms, the units as `A:5、B:3`), a footer.
const MEETINGS_SHEET: &str = "\
2023年市直机关关心下一代工作会议登记表,,,,,,,
日期,会议名称,会议类别,主办单位,主持人,地点,参会人数,参会单位
2023-07-20,市直机关关心下一代工作推进会,推进会,市关工委、市直机关工委,张蕾,市委第一会议室,45,市司法局:5、市国资局:3、市邮政管理局:2
2023/8/15,关工委主任办公会,主任办公会,市关工委,朱玉林,,,市司法局:2、鸡西市中医医院:1
2023年9月1日,联席会议,joint,市直机关工委,,,12,
填表人：王丽,联系电话：0467-2345678,,,,,,
";

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "the fixture is GBK text");
    bytes.into_owned()
}

#[test]
fn import_a_meetings_sheet_and_import_it_again() {
    let reg = jixi();
    // Saved by Chinese Excel: GBK.
    let path = reg.file("会议登记.csv", gbk(MEETINGS_SHEET));
    let out = reg.ok(&["meeting", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 3，更新 0，未变 0\n", path.display()));
    assert_eq!(
        rows(
            &reg,
            "SELECT m.id, m.held_on, m.title, k.code, coalesce(m.presider, 'NULL'),
                    coalesce(m.location, 'NULL'), coalesce(m.attendees, 'NULL')
             FROM meeting m JOIN kind k ON k.id = m.kind_id ORDER BY m.id"
        ),
        [
            [
                "1",
                "2023-07-20",
                TITLE,
                "progress",
                "张蕾",
                "市委第一会议室",
                "45"
            ],
            [
                "2",
                "2023-08-15",
                "关工委主任办公会",
                "office",
                "朱玉林",
                "NULL",
                "NULL"
            ],
            ["3", "2023-09-01", "联席会议", "joint", "NULL", "NULL", "12"],
        ]
    );
    assert_eq!(
        rows(
            &reg,
            "SELECT meeting_id, position, coalesce(unit_id, 'NULL'), name FROM meeting_host
             ORDER BY meeting_id, position"
        ),
        [
            ["1", "1", "NULL", "市关工委"],
            ["1", "2", "1", "中共鸡西市直属机关工作委员会"],
            ["2", "1", "NULL", "市关工委"],
            ["3", "1", "1", "中共鸡西市直属机关工作委员会"],
        ]
    );
    assert_eq!(
        rows(
            &reg,
            "SELECT meeting_id, unit_id, attendees FROM meeting_unit ORDER BY meeting_id, unit_id"
        ),
        [
            ["1", "2", "3"],
            ["1", "3", "5"],
            ["1", "8", "2"],
            ["2", "3", "2"],
            ["2", "9", "1"],
        ]
    );
    assert_eq!(show(&reg, "2")["attendees"], 3);
    assert_eq!(show(&reg, "3")["unit_count"], 0);

    // Again: nothing changes, and it says so.
    let before = reg.dump();
    let out = reg.ok(&["meeting", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 0，更新 0，未变 3\n", path.display()));
    assert_eq!(reg.dump(), before);

    // A changed cell updates that meeting only; empty cells keep what is there.
    let changed = MEETINGS_SHEET.replace(
        "2023/8/15,关工委主任办公会,主任办公会,市关工委,朱玉林,,,",
        "2023/8/15,关工委主任办公会,,,,市关工委会议室,,",
    );
    let path = reg.file("会议登记2.csv", changed);
    let out = reg.ok(&["meeting", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 0，更新 1，未变 2\n", path.display()));
    assert_eq!(
        rows(
            &reg,
            "SELECT k.code, m.presider, m.location FROM meeting m JOIN kind k ON k.id = m.kind_id
             WHERE m.id = 2"
        ),
        [["office", "朱玉林", "市关工委会议室"]]
    );
    assert_eq!(unit_counts(&reg, 2), [["3", "2"], ["9", "1"]]);
    assert_eq!(show(&reg, "2")["hosts"], json!(["市关工委"]));
}

#[test]
fn import_skip_leaves_recorded_meetings_alone() {
    let reg = jixi();
    let path = reg.file("会议登记.csv", MEETINGS_SHEET);
    reg.ok(&["meeting", "import", arg(&path)]);
    reg.ok(&["meeting", "edit", "1", "--presider", "朱玉林"]);
    let before = reg.dump();
    let out = reg.ok(&["meeting", "import", arg(&path), "--on-conflict", "skip"]);
    assert_eq!(
        out,
        format!(
            "{}：新增 0，更新 0，未变 0，跳过 3（已存在）\n",
            path.display()
        )
    );
    assert_eq!(reg.dump(), before);
    let err = reg.refused(&["meeting", "import", arg(&path), "--on-conflict", "fail"]);
    let file = path.display();
    assert_eq!(
        err,
        format!(
            "错误：{file}:3:会议名称: 该会议已登记（#1）（--on-conflict fail）\n\
             {file}:4:会议名称: 该会议已登记（#2）（--on-conflict fail）\n\
             {file}:5:会议名称: 该会议已登记（#3）（--on-conflict fail）\n\
             共 3 处错误，未写入任何数据：请改正后重新导入，或用 --skip-invalid 只导入正确的行（--rejects 可把错误的行另存退回）。\n"
        )
    );
}

#[test]
fn an_import_with_a_bad_row_writes_nothing() {
    let reg = jixi();
    let sheet = MEETINGS_SHEET
        .replace(",主任办公会,", ",办公会,")
        .replace("市司法局:5、", "市司法:5、");
    let path = reg.file("会议登记.csv", sheet);
    let err = reg.refused(&["meeting", "import", arg(&path)]);
    let file = path.display();
    // Each line gives the file, the Excel row and the reason. The column is
    // not checked: every reason of a meeting row is placed under 会议名称
    // for now, even one about 参会单位 or 会议类别.
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with(&format!("错误：{file}:3:"))
            && lines[0].ends_with(
                " 未找到单位“市司法”。相近的有：鸡西市司法局、中共鸡西市委政法委员会、鸡西市城市管理综合执法局"
            ),
        "{err}"
    );
    assert!(
        lines[1].starts_with(&format!("{file}:4:"))
            && lines[1].ends_with(
                " 未知的会议类别“办公会”：可选 推进会、工作会议、全委会、主任办公会、联席会议、例会、议事协商会、调研座谈会、培训会、其他（可用 ggw meeting kind add 增加类别）"
            ),
        "{err}"
    );
    assert_eq!(
        lines[2],
        "共 2 处错误，未写入任何数据：请改正后重新导入，或用 --skip-invalid 只导入正确的行（--rejects 可把错误的行另存退回）。"
    );
    assert_eq!(reg.count("SELECT count(*) FROM meeting"), 0);
}

// ---------------------------------------------------------------------------
// Meeting kinds

#[test]
fn a_new_kind_can_be_used_at_once() {
    let reg = jixi();
    let out = reg.ok(&[
        "meeting",
        "kind",
        "add",
        "经验交流会",
        "experience exchange",
    ]);
    assert_eq!(out, "已增加会议类别：经验交流会（experience_exchange）\n");
    assert_eq!(
        rows(
            &reg,
            "SELECT code, name_zh, name_en, position FROM kind
             WHERE domain = 'meeting' ORDER BY position DESC LIMIT 1"
        ),
        [[
            "experience_exchange",
            "经验交流会",
            "experience exchange",
            "11"
        ]]
    );
    reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-08-10",
        "--title",
        "关工工作经验交流会",
        "--kind",
        "经验交流会",
    ]);
    reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-08-20",
        "--title",
        "第二次交流会",
        "--kind",
        "experience_exchange",
    ]);
    reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-08-21",
        "--title",
        "培训",
        "--kind",
        "培训会",
    ]);
    assert_eq!(
        rows(
            &reg,
            "SELECT m.id, k.code FROM meeting m JOIN kind k ON k.id = m.kind_id ORDER BY m.id"
        ),
        [
            ["1", "experience_exchange"],
            ["2", "experience_exchange"],
            ["3", "training"]
        ]
    );
    assert_eq!(show(&reg, "1")["kind"], "experience_exchange");
    assert_eq!(listed(&reg, &["--kind", "经验交流会"]), [1, 2]);
    assert_eq!(listed(&reg, &["--kind", "experience exchange"]), [1, 2]);
    let out = reg.ok(&["meeting", "show", "1"]);
    assert!(out.contains("| 类别       | 经验交流会 "), "{out}");
    let out = reg.ok(&["--lang", "en", "meeting", "show", "1"]);
    assert!(out.contains("experience exchange"), "{out}");
    // The list of kinds counts the meetings of each.
    let kinds = parse_json(&reg.ok(&["--format", "json", "meeting", "kind", "list"]));
    let last = kinds.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["code"], "experience_exchange");
    assert_eq!(
        kinds.as_array().unwrap().len(),
        11,
        "ten kinds seeded and one added"
    );
    // The unknown-kind refusal now lists it.
    let err = reg.refused(&add_args(&["--kind", "大会"]));
    assert_eq!(
        err,
        "错误：未知的会议类别“大会”：可选 推进会、工作会议、全委会、主任办公会、联席会议、例会、议事协商会、调研座谈会、培训会、其他、经验交流会（可用 ggw meeting kind add 增加类别）\n"
    );
    let err = reg.refused(&["meeting", "kind", "add", "推进会", "rally"]);
    assert_eq!(err, "错误：类别已存在：推进会（progress）\n");
}

// ---------------------------------------------------------------------------
// A unit merged into another

#[test]
fn a_merged_unit_adds_its_meeting_counts_to_the_other() {
    let reg = jixi();
    // Both came to the first; only 市财政局 to the second, which it hosted
    // and spoke at.
    reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-07-20",
        "--title",
        TITLE,
        "--attendees",
        "12",
        "--unit",
        "市司法局:3",
        "--unit",
        "市财政局:2",
        "--unit",
        "市中医院:4",
    ]);
    reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-07-25",
        "--title",
        "财政工作座谈会",
        "--host",
        "市财政局",
        "--unit",
        "市财政局:5",
        "--speaker",
        "市财政局:李会计:经费保障",
    ]);
    let out = reg.ok(&[
        "unit",
        "merge",
        "市财政局",
        "--into",
        "市司法局",
        "--date",
        "2023-09-01",
    ]);
    assert!(
        out.starts_with("已将“鸡西市财政局”并入“鸡西市司法局”（2023-09-01）"),
        "{out}"
    );

    assert_eq!(unit_counts(&reg, 1), [["3", "5"], ["9", "4"]]);
    assert_eq!(unit_counts(&reg, 2), [["3", "5"]]);
    assert_eq!(
        reg.count(&format!(
            "SELECT count(*) FROM meeting_unit WHERE unit_id = {CAIZHENG}"
        )),
        0
    );
    assert_eq!(
        rows(&reg, "SELECT meeting_id, unit_id FROM meeting_host"),
        [["2", "3"]]
    );
    assert_eq!(
        rows(
            &reg,
            "SELECT meeting_id, unit_id, person FROM meeting_speaker"
        ),
        [["2", "3", "李会计"]]
    );
    let first = show(&reg, "1");
    assert_eq!(first["attendees"], 12);
    assert_eq!(first["unit_count"], 2);
    assert_eq!(
        first["units"],
        json!([
            {"id": SIFA, "name": "鸡西市司法局", "attendees": 5},
            {"id": ZHONGYI, "name": "鸡西市中医医院", "attendees": 4},
        ])
    );
    let second = show(&reg, "2");
    assert_eq!(second["attendees"], 5);
    assert_eq!(
        second["speakers"],
        json!([{"unit": "鸡西市司法局", "person": "李会计", "topic": "经费保障"}])
    );
    // The merged unit's name, now an alias, finds the meetings.
    assert_eq!(listed(&reg, &["--unit", "市财政局"]), [1, 2]);
}

#[test]
fn merging_two_units_of_unknown_head_count_keeps_it_unknown() {
    let reg = Registry::new();
    for unit in ["甲局", "乙局"] {
        reg.ok(&["unit", "add", unit]);
    }
    reg.ok(&[
        "meeting",
        "add",
        "--date",
        "2023-07-20",
        "--title",
        "例会",
        "--kind",
        "例会",
        "--unit",
        "甲局",
        "--unit",
        "乙局",
    ]);
    reg.ok(&[
        "unit",
        "merge",
        "甲局",
        "--into",
        "乙局",
        "--date",
        "2023-08-01",
    ]);
    assert_eq!(reg.count("SELECT count(*) FROM meeting_unit"), 1);
    assert_eq!(reg.text("SELECT attendees FROM meeting_unit"), None);
}

#[test]
fn a_meetings_sheet_names_units_by_name_and_places_each_problem_in_its_column() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "鸡西市司法局", "--alias", "市司法局"]);
    let path = reg.file(
        "meetings.csv",
        "日期,会议名称,会议类别,参会单位,发言\n2023-07-20,例会,例会,1:5,市司法句:张三:讲话\n",
    );
    let err = reg.refused(&["meeting", "import", arg(&path)]);
    assert!(
        err.contains(&format!("{}:2:参会单位: “1”不是单位名称", path.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}:2:发言: 未找到单位“市司法句”", path.display())),
        "{err}"
    );
}
