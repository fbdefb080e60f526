//! `ggw volunteer`: the 五老 register and its import, run as the real binary
//! on a temporary registry. Every fixture is made here, in code: 身份证号
//! with their GB 11643 check character, GBK and UTF-16 text as Chinese Excel
//! and WPS save it, and .xlsx workbooks; the imported values are checked
//! field by field in the database.

mod common;

use std::path::{Path, PathBuf};

use chrono::Datelike;
use common::{Registry, arg};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value as Json;

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// The GB 11643 check character of a 17-digit body.
fn check_char(body: &str) -> char {
    assert_eq!(body.len(), 17, "a 身份证号 body has 17 digits: {body}");
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    CHECK[(sum % 11) as usize] as char
}

/// A valid 身份证号: area code, birth date `YYYYMMDD`, a 3-digit sequence
/// (its last digit odd for a man, even for a woman) and the check character.
fn id_card(area: &str, birth: &str, sequence: u32) -> String {
    let body = format!("{area}{birth}{sequence:03}");
    format!("{body}{}", check_char(&body))
}

/// A valid 身份证号 whose check character is X.
fn id_card_ending_in_x(area: &str, birth: &str, male: bool) -> String {
    (0..1000)
        .filter(|sequence| (sequence % 2 == 1) == male)
        .map(|sequence| id_card(area, birth, sequence))
        .find(|id| id.ends_with('X'))
        .expect("some sequence gives X")
}

/// The same number with a wrong check character.
fn with_wrong_check(id: &str) -> String {
    let wrong = if id.ends_with('1') { '2' } else { '1' };
    format!("{}{wrong}", &id[..17])
}

/// 张德福, a man born 1950-03-12.
fn zhang_id() -> String {
    id_card("230302", "19500312", 13)
}

/// 李淑芬, a woman born 1952-06-01, whose number ends in X.
fn li_id() -> String {
    id_card_ending_in_x("230303", "19520601", false)
}

/// 王建国, a man born 1948-08-15.
fn wang_id() -> String {
    id_card("230304", "19480815", 11)
}

/// 刘桂兰, a woman born 1955-11-20.
fn liu_id() -> String {
    id_card("230305", "19551120", 22)
}

/// Text as Chinese Excel and WPS save CSV: GBK.
fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "the fixture is GBK text");
    bytes.into_owned()
}

/// UTF-8 with a byte-order mark, as Excel's "CSV UTF-8" writes it.
fn utf8_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// Excel's "Unicode text": a UTF-16LE BOM, then each UTF-16 unit
/// little-endian, cells separated by tabs, lines ending in CR LF.
fn unicode_text(lines: &[&str]) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for line in lines {
        for unit in format!("{line}\r\n").encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
    }
    bytes
}

/// Lines joined as a file writes them.
fn lines(lines: &[&str]) -> String {
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// The registry of the examples: three units, with short names.
///
/// | id | name         | alias    |
/// |----|--------------|----------|
/// | 1  | 鸡西市司法局 | 市司法局 |
/// | 2  | 鸡西市中医院 | 市中医院 |
/// | 3  | 鸡西市教育局 | 教育局   |
fn jixi() -> Registry {
    let reg = Registry::new();
    reg.ok(&[
        "unit",
        "add",
        "鸡西市司法局",
        "--alias",
        "市司法局",
        "--kind",
        "organ",
    ]);
    reg.ok(&[
        "unit",
        "add",
        "鸡西市中医院",
        "--alias",
        "市中医院",
        "--kind",
        "institution",
    ]);
    reg.ok(&[
        "unit",
        "add",
        "鸡西市教育局",
        "--alias",
        "教育局",
        "--kind",
        "organ",
    ]);
    reg
}

// ---------------------------------------------------------------------------
// Reading the register back
// ---------------------------------------------------------------------------

/// A volunteer row as stored, with the unit by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Stored {
    name: String,
    gender: Option<String>,
    birth_date: Option<String>,
    id_card: Option<String>,
    phone: Option<String>,
    landline: Option<String>,
    category: String,
    former_post: Option<String>,
    retired_rank: Option<String>,
    political_status: Option<String>,
    specialties: Option<String>,
    unit: Option<String>,
    joined_on: Option<String>,
    status: String,
    status_on: Option<String>,
    is_model: i64,
    note: Option<String>,
}

/// A volunteer with only a name and a category, as stored.
fn person(name: &str, category: &str) -> Stored {
    Stored {
        name: name.to_string(),
        category: category.to_string(),
        status: "active".to_string(),
        ..Stored::default()
    }
}

fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

fn stored_where(reg: &Registry, filter: &str, params: &[&dyn rusqlite::ToSql]) -> Vec<Stored> {
    let conn = reg.conn();
    let sql = format!(
        "SELECT v.name, v.gender, v.birth_date, v.id_card, v.phone, v.landline, v.category,
                v.former_post, v.retired_rank, v.political_status, v.specialties, u.name,
                v.joined_on, v.status, v.status_on, v.is_model, v.note
         FROM volunteer v LEFT JOIN unit u ON u.id = v.unit_id {filter} ORDER BY v.id"
    );
    let mut stmt = conn.prepare(&sql).expect(&sql);
    stmt.query_map(params, |row| {
        Ok(Stored {
            name: row.get(0)?,
            gender: row.get(1)?,
            birth_date: row.get(2)?,
            id_card: row.get(3)?,
            phone: row.get(4)?,
            landline: row.get(5)?,
            category: row.get(6)?,
            former_post: row.get(7)?,
            retired_rank: row.get(8)?,
            political_status: row.get(9)?,
            specialties: row.get(10)?,
            unit: row.get(11)?,
            joined_on: row.get(12)?,
            status: row.get(13)?,
            status_on: row.get(14)?,
            is_model: row.get(15)?,
            note: row.get(16)?,
        })
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// The one volunteer of this name.
fn stored(reg: &Registry, name: &str) -> Stored {
    let mut rows = stored_where(reg, "WHERE v.name = ?1", &[&name]);
    assert_eq!(rows.len(), 1, "one volunteer is named {name}: {rows:?}");
    rows.remove(0)
}

/// Every volunteer, in id order.
fn all_stored(reg: &Registry) -> Vec<Stored> {
    stored_where(reg, "", &[])
}

fn volunteers(reg: &Registry) -> i64 {
    reg.count("SELECT count(*) FROM volunteer")
}

/// The id of the one volunteer of this name.
fn id_of(reg: &Registry, name: &str) -> i64 {
    reg.conn()
        .query_row("SELECT id FROM volunteer WHERE name = ?1", [name], |row| {
            row.get(0)
        })
        .expect(name)
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

fn names(list: &Json) -> Vec<String> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|v| v["name"].as_str().expect("a name").to_string())
        .collect()
}

/// What an all-or-nothing import says after listing its problems.
const NOTHING_WRITTEN_ZH: &str = "未写入任何数据：请改正后重新导入，或用 --skip-invalid 只导入正确的行（--rejects 可把错误的行另存退回）。";

/// The whole stderr of an import refused for these problems (one line each,
/// `FILE:ROW:COLUMN: reason`).
fn problems(lines: &[String]) -> String {
    format!(
        "错误：{}\n共 {} 处错误，{NOTHING_WRITTEN_ZH}\n",
        lines.join("\n"),
        lines.len()
    )
}

/// Imports a file that must be refused, row by row, and checks that
/// nothing was written.
fn refused_import(reg: &Registry, path: &Path, expected: &[String]) {
    let before = volunteers(reg);
    let stderr = reg.refused(&["volunteer", "import", arg(path)]);
    assert_eq!(stderr, problems(expected));
    assert_eq!(volunteers(reg), before);
}

/// A file problem as the message begins it: `FILE:ROW:COLUMN:`.
fn at(path: &Path, row: usize, column: &str) -> String {
    format!("{}:{row}:{column}:", path.display())
}

/// A workbook of text cells, as a unit saves a sheet it has corrected.
fn workbook(reg: &Registry, name: &str, rows: &[Vec<&str>]) -> PathBuf {
    let path = reg.dir.path().join(name);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    book.save(&path).unwrap();
    path
}

/// Every cell of the first sheet of a workbook, as text.
fn read_workbook(path: &Path) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).expect("a workbook");
    let range = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("a readable sheet");
    range
        .rows()
        .map(|row| row.iter().map(|cell| cell.to_string()).collect())
        .collect()
}

// ---------------------------------------------------------------------------
// Import: the files units send
// ---------------------------------------------------------------------------

/// A roster as Chinese Excel saves it as CSV: GBK, a title row above the
/// header, a 序号 column, a blank row, a footer, and a note below the
/// footer that is not data.
fn gbk_roster(reg: &Registry) -> PathBuf {
    let text = lines(&[
        "鸡西市司法局五老人员花名册,,,,,,,,,,,,",
        "序号,姓名,性别,身份证号码,出生年月,联系电话,五老类别,原工作单位及职务,退休时职级,政治面貌,专长,所在单位,家庭住址",
        &format!(
            "1,张德福,男,{},1950.03,138 0000 0001,老干部,鸡西市司法局副局长,处级,中共党员,法律咨询,市司法局,鸡冠区",
            zhang_id()
        ),
        ",,,,,,,,,,,,",
        &format!(
            "2,李淑芬,女,{},1952年6月,0467-2345678,老教师,鸡西市第一中学教师,科级,群众,家庭教育,鸡西市中医院,",
            li_id().to_lowercase()
        ),
        &format!(
            "3,王建国,,{},,１３９ ００００ ０００２,老战士,鸡西军分区参谋,其他,中共党员,革命传统教育,,",
            wang_id()
        ),
        "填表人：刘洋  联系电话：0467-2345000,,,,,,,,,,,,",
        "填报日期：2023年7月20日,,,,,,,,,,,,",
        "注：此行在表尾之下，不是数据,,,,,,,,,,,,",
    ]);
    reg.file("司法局花名册.csv", gbk(&text))
}

fn zhang() -> Stored {
    Stored {
        gender: s("male"),
        birth_date: s("1950-03-12"),
        id_card: Some(zhang_id()),
        phone: s("13800000001"),
        former_post: s("鸡西市司法局副局长"),
        retired_rank: s("division"),
        political_status: s("中共党员"),
        specialties: s("法律咨询"),
        unit: s("鸡西市司法局"),
        ..person("张德福", "cadre")
    }
}

fn li() -> Stored {
    Stored {
        gender: s("female"),
        birth_date: s("1952-06-01"),
        id_card: Some(li_id()),
        landline: s("0467-2345678"),
        former_post: s("鸡西市第一中学教师"),
        retired_rank: s("section"),
        political_status: s("群众"),
        specialties: s("家庭教育"),
        unit: s("鸡西市中医院"),
        ..person("李淑芬", "teacher")
    }
}

fn wang() -> Stored {
    Stored {
        gender: s("male"),
        birth_date: s("1948-08-15"),
        id_card: Some(wang_id()),
        phone: s("13900000002"),
        former_post: s("鸡西军分区参谋"),
        retired_rank: s("other"),
        political_status: s("中共党员"),
        specialties: s("革命传统教育"),
        ..person("王建国", "veteran")
    }
}

#[test]
fn a_gbk_roster_with_title_serial_column_blank_row_and_footer_is_imported() {
    let reg = jixi();
    let path = gbk_roster(&reg);
    let (out, err) = ok_with_stderr(&reg, &["volunteer", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 3，更新 0，未变 0\n", path.display()));
    assert_eq!(err, "注意：未使用的列：家庭住址\n");
    assert_eq!(all_stored(&reg), vec![zhang(), li(), wang()]);
}

#[test]
fn the_id_number_fills_birth_date_and_gender_and_refines_a_birth_month() {
    let reg = jixi();
    reg.ok(&["volunteer", "import", arg(&gbk_roster(&reg))]);
    // 张德福's sheet gave 1950.03 and 男; 李淑芬's 1952年6月; 王建国's neither.
    assert_eq!(
        stored(&reg, "张德福").birth_date.as_deref(),
        Some("1950-03-12")
    );
    assert_eq!(
        stored(&reg, "李淑芬").birth_date.as_deref(),
        Some("1952-06-01")
    );
    let wang = stored(&reg, "王建国");
    assert_eq!(wang.birth_date.as_deref(), Some("1948-08-15"));
    assert_eq!(wang.gender.as_deref(), Some("male"));
}

#[test]
fn a_lower_case_x_in_an_id_number_is_stored_as_upper_case() {
    let reg = jixi();
    assert!(li_id().ends_with('X'));
    reg.ok(&["volunteer", "import", arg(&gbk_roster(&reg))]);
    assert_eq!(stored(&reg, "李淑芬").id_card, Some(li_id()));
    assert_eq!(
        reg.count("SELECT count(*) FROM volunteer WHERE id_card GLOB '*x'"),
        0
    );
}

#[test]
fn a_landline_in_the_phone_column_goes_to_landline_and_full_width_digits_are_folded() {
    let reg = jixi();
    reg.ok(&["volunteer", "import", arg(&gbk_roster(&reg))]);
    let li = stored(&reg, "李淑芬");
    assert_eq!((li.phone, li.landline), (None, s("0467-2345678")));
    let wang = stored(&reg, "王建国");
    assert_eq!((wang.phone, wang.landline), (s("13900000002"), None));
}

#[test]
fn a_utf8_csv_with_bom_and_other_header_names_is_imported() {
    let reg = jixi();
    let text = lines(&[
        "姓名,公民身份号码,出生日期,手机号码,类别,原单位职务,退休级别,政治面貌,特长,单位,备注",
        &format!(
            "刘桂兰,{},1955年11月20日,+86 137-0000-0003,老模范,鸡西矿业集团劳模,其他,中共党员,技术传帮带,教育局,全国劳动模范",
            liu_id()
        ),
        "陈志远,,1949.10,0467 2345 679,expert,鸡西市中医院主任医师,division,民盟盟员,中医,鸡西市中医院,",
    ]);
    let path = reg.file("roster-utf8.csv", utf8_bom(&text));
    let (out, err) = ok_with_stderr(&reg, &["volunteer", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 2，更新 0，未变 0\n", path.display()));
    assert_eq!(err, "");
    assert_eq!(
        all_stored(&reg),
        vec![
            Stored {
                gender: s("female"),
                birth_date: s("1955-11-20"),
                id_card: Some(liu_id()),
                phone: s("13700000003"),
                former_post: s("鸡西矿业集团劳模"),
                retired_rank: s("other"),
                political_status: s("中共党员"),
                specialties: s("技术传帮带"),
                unit: s("鸡西市教育局"),
                note: s("全国劳动模范"),
                ..person("刘桂兰", "model")
            },
            Stored {
                birth_date: s("1949-10"),
                landline: s("0467-2345679"),
                former_post: s("鸡西市中医院主任医师"),
                retired_rank: s("division"),
                political_status: s("民盟盟员"),
                specialties: s("中医"),
                unit: s("鸡西市中医院"),
                ..person("陈志远", "expert")
            },
        ]
    );
}

#[test]
fn every_written_form_of_a_birth_date_is_read() {
    let reg = jixi();
    let forms = [
        ("赵一", "1950.03", "1950-03"),
        ("赵二", "1950-03", "1950-03"),
        ("赵三", "1950年3月", "1950-03"),
        ("赵四", "195003", "1950-03"),
        ("赵五", "1950/3/12", "1950-03-12"),
        ("赵六", "1950年3月12日", "1950-03-12"),
        ("赵七", "19500312", "1950-03-12"),
        ("赵八", "18334", "1950-03-12"),
        ("赵九", "1950.3.12", "1950-03-12"),
        ("赵十", "１９５０年０３月", "1950-03"),
    ];
    let mut text = String::from("姓名,出生年月,五老类别\n");
    for (name, written, _) in forms {
        text.push_str(&format!("{name},{written},老干部\n"));
    }
    let path = reg.file("births.csv", utf8_bom(&text));
    reg.ok(&["volunteer", "import", arg(&path)]);
    for (name, written, expected) in forms {
        assert_eq!(
            stored(&reg, name).birth_date.as_deref(),
            Some(expected),
            "{written}"
        );
    }
}

#[test]
fn utf16_unicode_text_as_excel_saves_it_is_imported_with_the_unit_option() {
    let reg = jixi();
    let zhang_row = format!(
        "张德福\t男\t{}\t1950-03\t13800000001\t老干部\t鸡西市司法局副局长",
        zhang_id()
    );
    let liu_row = format!(
        "刘桂兰\t\t{}\t1955/11/20\t0467-2345678\t老模范\t鸡西矿业集团劳模",
        liu_id()
    );
    let bytes = unicode_text(&[
        "鸡西市中医院五老人员花名册\t\t\t\t\t\t",
        "姓名\t性别\t身份证号\t出生年月\t联系电话\t五老类别\t原工作单位及职务",
        &zhang_row,
        &liu_row,
    ]);
    assert_eq!(&bytes[..4], &[0xFF, 0xFE, 0x21, 0x9E]); // BOM, then 鸡 (U+9E21) little-endian
    let path = reg.file("花名册.txt", bytes);
    let out = reg.ok(&["volunteer", "import", arg(&path), "--unit", "市中医院"]);
    assert_eq!(out, format!("{}：新增 2，更新 0，未变 0\n", path.display()));
    assert_eq!(
        all_stored(&reg),
        vec![
            Stored {
                gender: s("male"),
                birth_date: s("1950-03-12"),
                id_card: Some(zhang_id()),
                phone: s("13800000001"),
                former_post: s("鸡西市司法局副局长"),
                unit: s("鸡西市中医院"),
                ..person("张德福", "cadre")
            },
            Stored {
                gender: s("female"),
                birth_date: s("1955-11-20"),
                id_card: Some(liu_id()),
                landline: s("0467-2345678"),
                former_post: s("鸡西矿业集团劳模"),
                unit: s("鸡西市中医院"),
                ..person("刘桂兰", "model")
            },
        ]
    );
}

#[test]
fn a_bad_row_in_utf16_text_is_named_by_its_line() {
    let reg = jixi();
    let bytes = unicode_text(&[
        "姓名\t出生年月\t联系电话\t五老类别",
        "赵一\t1950-03\t13800000001\t老干部",
        "赵二\t1951-04\t12345\t老干部",
    ]);
    let path = reg.file("bad.txt", bytes);
    refused_import(
        &reg,
        &path,
        &[format!(
            "{} “12345”不是有效电话号码：手机为1开头的11位数字，座机如 0467-2345678",
            at(&path, 3, "联系电话")
        )],
    );
}

#[test]
fn the_unit_option_serves_rows_with_an_empty_unit_cell_and_a_unit_cell_wins() {
    let reg = jixi();
    let text = lines(&[
        "姓名,出生年月,五老类别,所在单位",
        "赵一,1950-03,老干部,",
        "赵二,1951-04,老干部,市司法局",
    ]);
    let path = reg.file("units.csv", text);
    reg.ok(&["volunteer", "import", arg(&path), "--unit", "教育局"]);
    assert_eq!(stored(&reg, "赵一").unit.as_deref(), Some("鸡西市教育局"));
    assert_eq!(stored(&reg, "赵二").unit.as_deref(), Some("鸡西市司法局"));
}

#[test]
fn a_serving_unit_column_headed_fuwu_danwei_is_the_unit() {
    let reg = jixi();
    let path = reg.file(
        "roster.csv",
        lines(&[
            "姓名,出生年月,五老类别,服务单位",
            "赵三,1952-05,老教师,市司法局",
        ]),
    );
    reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(stored(&reg, "赵三").unit.as_deref(), Some("鸡西市司法局"));
}

#[test]
fn an_unknown_unit_option_is_refused() {
    let reg = jixi();
    let path = reg.file("a.csv", "姓名,五老类别\n赵一,老干部\n");
    let err = reg.refused(&[
        "volunteer",
        "import",
        arg(&path),
        "--unit",
        "哈尔滨市税务局",
    ]);
    assert_eq!(
        err,
        "错误：未找到单位“哈尔滨市税务局”：请先用 ggw unit add 登记\n"
    );
    let err = reg.refused(&["volunteer", "import", arg(&path), "--unit", "鸡西市税务局"]);
    assert_eq!(
        err,
        "错误：未找到单位“鸡西市税务局”。相近的有：鸡西市司法局、鸡西市教育局、鸡西市中医院\n"
    );
    assert_eq!(volunteers(&reg), 0);
}

/// A workbook as a unit sends it: a merged title, 出生年月 as date cells,
/// 身份证号 as text, the mobile as a number, a date cell without a date
/// format (Excel's serial number), a footer.
fn xlsx_roster(reg: &Registry) -> PathBuf {
    let path = reg.dir.path().join("教育局花名册.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .merge_range(0, 0, 0, 9, "鸡西市教育局五老人员花名册", &Format::new())
        .unwrap();
    let header = [
        "序号",
        "姓名",
        "性别",
        "身份证号",
        "出生年月",
        "手机号码",
        "五老类别",
        "所在单位",
        "五老典型",
        "加入日期",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    sheet.write_number(2, 0, 1).unwrap();
    sheet.write_string(2, 1, "张德福").unwrap();
    sheet.write_string(2, 2, "男").unwrap();
    sheet.write_string(2, 3, zhang_id()).unwrap();
    sheet
        .write_datetime_with_format(2, 4, ExcelDateTime::from_ymd(1950, 3, 12).unwrap(), &date)
        .unwrap();
    sheet.write_number(2, 5, 13800000001.0).unwrap();
    sheet.write_string(2, 6, "老干部").unwrap();
    sheet.write_string(2, 7, "教育局").unwrap();
    sheet.write_string(2, 8, "是").unwrap();
    sheet
        .write_datetime_with_format(2, 9, ExcelDateTime::from_ymd(2021, 6, 1).unwrap(), &date)
        .unwrap();
    sheet.write_number(3, 0, 2).unwrap();
    sheet.write_string(3, 1, "刘桂兰").unwrap();
    sheet.write_string(3, 3, liu_id()).unwrap();
    // A date cell that lost its format: Excel shows the serial number.
    sheet
        .write_datetime(3, 4, ExcelDateTime::from_ymd(1955, 11, 20).unwrap())
        .unwrap();
    sheet.write_string(3, 6, "老模范").unwrap();
    sheet.write_string(3, 7, "鸡西市教育局").unwrap();
    sheet.write_string(3, 8, "否").unwrap();
    sheet.write_string(5, 0, "填表人：刘洋").unwrap();
    sheet.write_string(5, 4, "填报日期：2023年7月20日").unwrap();
    book.save(&path).unwrap();
    path
}

#[test]
fn an_xlsx_roster_with_merged_title_date_cells_and_text_ids_is_imported() {
    let reg = jixi();
    let path = xlsx_roster(&reg);
    let out = reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 2，更新 0，未变 0\n", path.display()));
    assert_eq!(
        all_stored(&reg),
        vec![
            Stored {
                gender: s("male"),
                birth_date: s("1950-03-12"),
                id_card: Some(zhang_id()),
                phone: s("13800000001"),
                unit: s("鸡西市教育局"),
                joined_on: s("2021-06-01"),
                is_model: 1,
                ..person("张德福", "cadre")
            },
            Stored {
                gender: s("female"),
                birth_date: s("1955-11-20"),
                id_card: Some(liu_id()),
                unit: s("鸡西市教育局"),
                ..person("刘桂兰", "model")
            },
        ]
    );
}

#[test]
fn a_bad_cell_in_a_workbook_is_named_by_its_excel_row() {
    let reg = jixi();
    // Two empty rows, the title on Excel row 3, the header on row 4.
    let path = reg.dir.path().join("rows.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .merge_range(2, 0, 2, 2, "鸡西市司法局五老人员花名册", &Format::new())
        .unwrap();
    for (r, row) in [
        ["姓名", "联系电话", "五老类别"],
        ["赵一", "13800000001", "老干部"],
        ["赵二", "1380000000", "老干部"],
    ]
    .iter()
    .enumerate()
    {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(3 + r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save(&path).unwrap();
    refused_import(
        &reg,
        &path,
        &[format!(
            "{} “1380000000”不是有效电话号码：手机为1开头的11位数字，座机如 0467-2345678",
            at(&path, 6, "联系电话")
        )],
    );
}

#[test]
fn a_gbk_csv_with_windows_line_ends_names_rows_as_excel_shows_them() {
    let reg = jixi();
    let text = [
        "鸡西市司法局五老人员花名册,,",
        "姓名,联系电话,五老类别",
        "赵一,13800000001,老干部",
        "赵二,13800000002,老干部",
        "赵三,12345,老干部",
        "填表人：刘洋,,",
    ]
    .join("\r\n");
    let path = reg.file("windows.csv", gbk(&format!("{text}\r\n")));
    refused_import(
        &reg,
        &path,
        &[format!(
            "{} “12345”不是有效电话号码：手机为1开头的11位数字，座机如 0467-2345678",
            at(&path, 5, "联系电话")
        )],
    );
}

#[test]
fn a_gbk_csv_with_windows_line_ends_is_imported() {
    let reg = jixi();
    let text = [
        "鸡西市司法局五老人员花名册,,",
        "姓名,联系电话,五老类别",
        "赵一,13800000001,老干部",
        ",,",
        "赵二,0467-2345678,老教师",
        "填表人：刘洋,,",
    ]
    .join("\r\n");
    let path = reg.file("windows.csv", gbk(&format!("{text}\r\n")));
    reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(
        all_stored(&reg),
        vec![
            Stored {
                phone: s("13800000001"),
                ..person("赵一", "cadre")
            },
            Stored {
                landline: s("0467-2345678"),
                ..person("赵二", "teacher")
            },
        ]
    );
}

#[test]
fn a_quoted_line_break_does_not_shift_the_row_numbers() {
    let reg = jixi();
    let text = "姓名,五老类别,备注\n赵一,老干部,\"第一行\n第二行\"\n赵二,老神仙,\n";
    let path = reg.file("multiline.csv", text);
    refused_import(
        &reg,
        &path,
        &[format!(
            "{} 未知的五老类别“老神仙”：可选 老干部、老战士、老专家、老教师、老模范、其他",
            at(&path, 3, "五老类别")
        )],
    );
}

// ---------------------------------------------------------------------------
// Import: refusals
// ---------------------------------------------------------------------------

/// A file with a good row (Excel row 2) and the given row (Excel row 3),
/// under `header`.
fn good_and_bad(reg: &Registry, name: &str, header: &str, good: &str, bad: &str) -> PathBuf {
    reg.file(name, lines(&[header, good, bad]))
}

const HEADER: &str = "姓名,性别,身份证号码,出生年月,联系电话,五老类别";

fn good_row() -> String {
    format!("张德福,男,{},1950-03,13800000001,老干部", zhang_id())
}

#[test]
fn an_id_number_failing_its_check_character_is_refused() {
    let reg = jixi();
    let bad = with_wrong_check(&wang_id());
    let expected = wang_id().chars().last().unwrap();
    let path = good_and_bad(
        &reg,
        "checksum.csv",
        HEADER,
        &good_row(),
        &format!("王建国,男,{bad},1948-08,,老战士"),
    );
    refused_import(
        &reg,
        &path,
        &[format!(
            "{} 身份证号“{bad}”校验位不符（应为 {expected}）：请核对是否抄错",
            at(&path, 3, "身份证号码")
        )],
    );
}

#[test]
fn a_birth_date_disagreeing_with_the_id_number_is_refused() {
    let reg = jixi();
    let path = good_and_bad(
        &reg,
        "birth.csv",
        HEADER,
        &good_row(),
        &format!("王建国,男,{},1948-09,,老战士", wang_id()),
    );
    refused_import(
        &reg,
        &path,
        &[format!(
            "{} 身份证号中的出生日期为 1948-08-15，与出生年月 1948-09 不符",
            at(&path, 3, "身份证号码")
        )],
    );
    // A full date one day off is refused too.
    let path = good_and_bad(
        &reg,
        "birth-day.csv",
        HEADER,
        &good_row(),
        &format!("王建国,,{},1948年8月16日,,老战士", wang_id()),
    );
    refused_import(
        &reg,
        &path,
        &[format!(
            "{} 身份证号中的出生日期为 1948-08-15，与出生年月 1948-08-16 不符",
            at(&path, 3, "身份证号码")
        )],
    );
}

#[test]
fn a_gender_disagreeing_with_the_id_number_is_refused() {
    let reg = jixi();
    let path = good_and_bad(
        &reg,
        "gender.csv",
        HEADER,
        &good_row(),
        &format!("王建国,女,{},,,老战士", wang_id()),
    );
    refused_import(
        &reg,
        &path,
        &[format!(
            "{} 身份证号的性别位为男，与性别“女”不符",
            at(&path, 3, "身份证号码")
        )],
    );
}

#[test]
fn a_bad_phone_is_refused() {
    let reg = jixi();
    for (file, phone) in [("phone1.csv", "12800000001"), ("phone2.csv", "电话待补")] {
        let path = good_and_bad(
            &reg,
            file,
            HEADER,
            &good_row(),
            &format!("王建国,,,,{phone},老战士"),
        );
        refused_import(
            &reg,
            &path,
            &[format!(
                "{} “{phone}”不是有效电话号码：手机为1开头的11位数字，座机如 0467-2345678",
                at(&path, 3, "联系电话")
            )],
        );
    }
}

#[test]
fn an_unknown_category_is_refused_listing_the_categories() {
    let reg = jixi();
    let path = good_and_bad(
        &reg,
        "category.csv",
        HEADER,
        &good_row(),
        "王建国,,,,,老神仙",
    );
    refused_import(
        &reg,
        &path,
        &[format!(
            "{} 未知的五老类别“老神仙”：可选 老干部、老战士、老专家、老教师、老模范、其他",
            at(&path, 3, "五老类别")
        )],
    );
    let err = reg.refused(&["--lang", "en", "volunteer", "import", arg(&path)]);
    assert_eq!(
        err.lines().next().unwrap(),
        format!(
            "error: {} unknown category '老神仙': use one of cadre, veteran, expert, teacher, model, other",
            at(&path, 3, "五老类别")
        )
    );
}

#[test]
fn an_empty_category_is_refused() {
    let reg = jixi();
    let path = good_and_bad(&reg, "no-category.csv", HEADER, &good_row(), "王建国,,,,,");
    refused_import(
        &reg,
        &path,
        &[format!(
            "{} 缺少五老类别（老干部、老战士、老专家、老教师、老模范或其他）",
            at(&path, 3, "五老类别")
        )],
    );
}

#[test]
fn the_same_person_twice_in_one_file_is_refused() {
    let reg = jixi();
    // By 身份证号, though the name is written differently.
    let path = reg.file(
        "twice-id.csv",
        lines(&[
            HEADER,
            &good_row(),
            "王建国,,,1948-08,,老战士",
            &format!("张得福,,{},,,老干部", zhang_id()),
        ]),
    );
    refused_import(
        &reg,
        &path,
        &[format!("{} 与第 2 行是同一人", at(&path, 4, "姓名"))],
    );
    // By name and birth date, with no 身份证号.
    let path = reg.file(
        "twice-birth.csv",
        lines(&[
            HEADER,
            "王建国,,,1948-08,,老战士",
            "王建国,男,,1948.08,,老战士",
        ]),
    );
    refused_import(
        &reg,
        &path,
        &[format!("{} 与第 2 行是同一人", at(&path, 3, "姓名"))],
    );
    // By name in the same unit, with neither.
    let path = reg.file(
        "twice-unit.csv",
        lines(&[
            "姓名,五老类别,所在单位",
            "王建国,老战士,市司法局",
            "王建国,老战士,鸡西市司法局",
        ]),
    );
    refused_import(
        &reg,
        &path,
        &[format!("{} 与第 2 行是同一人", at(&path, 3, "姓名"))],
    );
}

#[test]
fn the_same_name_in_two_units_is_two_people() {
    let reg = jixi();
    let path = reg.file(
        "namesakes.csv",
        lines(&[
            "姓名,五老类别,所在单位",
            "王建国,老战士,市司法局",
            "王建国,老教师,教育局",
        ]),
    );
    reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(volunteers(&reg), 2);
}

#[test]
fn an_id_number_mangled_by_excel_in_a_csv_is_refused() {
    let reg = jixi();
    let path = good_and_bad(
        &reg,
        "mangled.csv",
        HEADER,
        &good_row(),
        "王建国,男,2.30302E+17,1948-08,,老战士",
    );
    refused_import(
        &reg,
        &path,
        &[format!(
            "{} 身份证号“2.30302E+17”已被 Excel 当作数字改写，后几位已丢失：请把该列设为“文本”格式，重新填写后再导入",
            at(&path, 3, "身份证号码")
        )],
    );
}

#[test]
fn an_id_number_in_a_number_cell_of_a_workbook_is_refused() {
    let reg = jixi();
    let path = reg.dir.path().join("number-id.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["姓名", "身份证号", "五老类别"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "张德福").unwrap();
    sheet.write_string(1, 1, zhang_id()).unwrap();
    sheet.write_string(1, 2, "老干部").unwrap();
    sheet.write_string(2, 0, "王建国").unwrap();
    // What Excel keeps of 230302195003120134 typed into a General cell.
    sheet.write_number(2, 1, 230302195003120000.0).unwrap();
    sheet.write_string(2, 2, "老战士").unwrap();
    book.save(&path).unwrap();
    let err = reg.refused(&["volunteer", "import", arg(&path)]);
    let first = err.lines().next().unwrap();
    assert!(
        first.starts_with(&format!(
            "错误：{} 身份证号“2.30302",
            at(&path, 3, "身份证号")
        )),
        "{err}"
    );
    assert!(
        first.ends_with(
            "已被 Excel 当作数字改写，后几位已丢失：请把该列设为“文本”格式，重新填写后再导入"
        ),
        "{err}"
    );
    let err = reg.refused(&["--lang", "en", "volunteer", "import", arg(&path)]);
    assert!(
        err.contains("was turned into a number by Excel")
            && err.contains("format the column as Text"),
        "{err}"
    );
    assert_eq!(volunteers(&reg), 0);
}

#[test]
fn a_missing_required_column_is_refused() {
    let reg = jixi();
    let path = reg.file(
        "no-category-column.csv",
        lines(&["姓名,身份证号,联系电话", "张德福,,13800000001"]),
    );
    let err = reg.refused(&["volunteer", "import", arg(&path)]);
    assert_eq!(
        err,
        format!(
            "错误：{}: 缺少必需的列“五老类别”（也可写作：类别、五老类型、人员类别、类型）\n",
            path.display()
        )
    );
}

#[test]
fn an_empty_file_is_refused() {
    let reg = jixi();
    for (name, content) in [("empty.csv", ""), ("blank.csv", ",,,\n\n,,\n")] {
        let path = reg.file(name, content);
        let err = reg.refused(&["volunteer", "import", arg(&path)]);
        assert_eq!(err, format!("错误：{}: 文件是空的\n", path.display()));
    }
}

#[test]
fn a_header_with_no_rows_is_refused() {
    let reg = jixi();
    for (name, content) in [
        ("header.csv", "姓名,五老类别\n"),
        (
            "header-footer.csv",
            "鸡西市司法局五老人员花名册,\n姓名,五老类别\n,\n填表人：刘洋,\n",
        ),
    ] {
        let path = reg.file(name, content);
        let err = reg.refused(&["volunteer", "import", arg(&path)]);
        assert_eq!(err, format!("错误：{}: 表头下没有数据行\n", path.display()));
    }
}

#[test]
fn a_file_with_no_header_row_is_refused() {
    let reg = jixi();
    let path = reg.file("no-header.csv", "张德福,老干部\n王建国,老战士\n");
    let err = reg.refused(&["volunteer", "import", arg(&path)]);
    assert_eq!(
        err,
        format!(
            "错误：{}: 找不到表头行：表头应含有“姓名、五老类别”列（前20行中未找到）\n",
            path.display()
        )
    );
}

#[test]
fn a_file_that_is_no_spreadsheet_is_refused() {
    let reg = jixi();
    // Random bytes, as a damaged download would be.
    let mut state: u32 = 0x2023_0720;
    let noise: Vec<u8> = (0..2000)
        .map(|_| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 24) as u8
        })
        .collect();
    let path = reg.file("花名册.xlsx", &noise);
    let err = reg.refused(&["volunteer", "import", arg(&path)]);
    assert!(
        err.starts_with(&format!("错误：{}: 不是可读取的电子表格（", path.display())),
        "{err}"
    );
    assert!(
        err.ends_with("）：请确认文件完整，或另存为 .xlsx 后再导入\n"),
        "{err}"
    );
    let path = reg.file("花名册.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
    let err = reg.refused(&["volunteer", "import", arg(&path)]);
    assert_eq!(
        err,
        format!(
            "错误：{}: 不支持的文件类型：请用 .xlsx、.xls、.ods 或 .csv 文件\n",
            path.display()
        )
    );
    assert_eq!(volunteers(&reg), 0);
}

#[test]
fn a_gbk_file_with_an_undecodable_byte_is_refused_naming_the_line() {
    let reg = jixi();
    let mut bytes = gbk(&lines(&[
        "鸡西市司法局五老人员花名册,",
        "姓名,五老类别",
        "张德福,老干部",
    ]));
    bytes.extend_from_slice(b"\xff\xfe\xff,\xc0\n");
    bytes.extend_from_slice(&gbk("王建国,老战士\n"));
    let path = reg.file("broken.csv", bytes);
    let err = reg.refused(&["volunteer", "import", arg(&path)]);
    assert_eq!(
        err,
        format!(
            "错误：{}: 第 4 行含有无法按 gb18030 解码的字节：请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再导入，或用 --encoding 指定编码\n",
            path.display()
        )
    );
    assert_eq!(volunteers(&reg), 0);
}

#[test]
fn an_unknown_unit_in_the_unit_column_is_refused() {
    let reg = jixi();
    let path = good_and_bad(
        &reg,
        "unit.csv",
        "姓名,五老类别,所在单位",
        "张德福,老干部,市司法局",
        "王建国,老战士,哈尔滨市税务局",
    );
    refused_import(
        &reg,
        &path,
        &[format!(
            "{} 未找到单位“哈尔滨市税务局”：请先用 ggw unit add 登记",
            at(&path, 3, "所在单位")
        )],
    );
}

#[test]
fn every_problem_of_a_file_is_listed_in_row_order() {
    let reg = jixi();
    let path = reg.file(
        "many.csv",
        lines(&[
            HEADER,
            "赵一,,,1950-13,,老干部",
            &good_row(),
            "赵二,男,,,123,老神仙",
        ]),
    );
    refused_import(
        &reg,
        &path,
        &[
            format!(
                "{} “1950-13”不是有效的出生年月：请写成 1952-03 或 1952-03-15",
                at(&path, 2, "出生年月")
            ),
            format!(
                "{} “123”不是有效电话号码：手机为1开头的11位数字，座机如 0467-2345678",
                at(&path, 4, "联系电话")
            ),
            format!(
                "{} 未知的五老类别“老神仙”：可选 老干部、老战士、老专家、老教师、老模范、其他",
                at(&path, 4, "五老类别")
            ),
        ],
    );
}

// ---------------------------------------------------------------------------
// Import: all or nothing, --skip-invalid, --rejects
// ---------------------------------------------------------------------------

/// Four good rows and two bad ones (a bad phone on row 3, a bad check
/// character on row 6), under a title row.
fn mixed_roster(reg: &Registry) -> (PathBuf, String) {
    let bad_id = with_wrong_check(&wang_id());
    let text = lines(&[
        "鸡西市司法局五老人员花名册,,,,,",
        "姓名,身份证号,出生年月,联系电话,五老类别,所在单位",
        "赵一,,1950-03,13800000001,老干部,市司法局",
        "赵二,,1951-04,1380000000,老教师,市司法局",
        "赵三,,1952-05,13800000003,老专家,市中医院",
        &format!("张德福,{},1950.03,13800000004,老干部,市司法局", zhang_id()),
        &format!("王建国,{bad_id},1948.08,,老战士,市司法局"),
        "赵四,,1953-06,0467-2345678,老模范,教育局",
    ]);
    (reg.file("mixed.csv", text), bad_id)
}

#[test]
fn one_bad_row_among_good_ones_writes_nothing() {
    let reg = jixi();
    let (path, bad_id) = mixed_roster(&reg);
    let expected_check = wang_id().chars().last().unwrap();
    refused_import(
        &reg,
        &path,
        &[
            format!(
                "{} “1380000000”不是有效电话号码：手机为1开头的11位数字，座机如 0467-2345678",
                at(&path, 4, "联系电话")
            ),
            format!(
                "{} 身份证号“{bad_id}”校验位不符（应为 {expected_check}）：请核对是否抄错",
                at(&path, 7, "身份证号")
            ),
        ],
    );
}

#[test]
fn skip_invalid_writes_the_good_rows_and_counts_the_rejected() {
    let reg = jixi();
    let (path, _) = mixed_roster(&reg);
    let out = reg.ok(&["volunteer", "import", arg(&path), "--skip-invalid"]);
    assert_eq!(
        out,
        format!("{}：新增 4，更新 0，未变 0，拒收 2\n", path.display())
    );
    let names: Vec<String> = all_stored(&reg).into_iter().map(|v| v.name).collect();
    assert_eq!(names, ["赵一", "赵三", "张德福", "赵四"]);
    assert_eq!(
        stored(&reg, "赵四").landline.as_deref(),
        Some("0467-2345678")
    );

    let reg = jixi();
    let path = good_and_bad(
        &reg,
        "one-bad.csv",
        HEADER,
        &good_row(),
        "王建国,,,,,老神仙",
    );
    let out = reg.ok(&[
        "--lang",
        "en",
        "volunteer",
        "import",
        arg(&path),
        "--skip-invalid",
    ]);
    assert_eq!(
        out,
        format!(
            "{}: 1 new, 0 updated, 0 unchanged, 1 rejected\n",
            path.display()
        )
    );
    let reg = jixi();
    let path = good_and_bad(
        &reg,
        "one-bad.csv",
        HEADER,
        &good_row(),
        "王建国,,,,,老神仙",
    );
    let out = reg.ok(&["volunteer", "import", arg(&path), "--skip-invalid"]);
    assert_eq!(
        out,
        format!("{}：新增 1，更新 0，未变 0，拒收 1\n", path.display())
    );
    assert_eq!(all_stored(&reg), vec![zhang_from_good_row()]);
}

/// 张德福 as `good_row` gives him.
fn zhang_from_good_row() -> Stored {
    Stored {
        gender: s("male"),
        birth_date: s("1950-03-12"),
        id_card: Some(zhang_id()),
        phone: s("13800000001"),
        ..person("张德福", "cadre")
    }
}

#[test]
fn skip_invalid_says_which_rows_it_rejected_and_why() {
    let reg = jixi();
    let path = good_and_bad(
        &reg,
        "one-bad.csv",
        HEADER,
        &good_row(),
        "王建国,,,,,老神仙",
    );
    let (_, err) = ok_with_stderr(&reg, &["volunteer", "import", arg(&path), "--skip-invalid"]);
    assert!(
        err.contains(&format!(
            "{} 未知的五老类别“老神仙”：可选 老干部、老战士、老专家、老教师、老模范、其他",
            at(&path, 3, "五老类别")
        )),
        "{err}"
    );
}

#[test]
fn skip_invalid_skips_the_second_of_the_same_person() {
    let reg = jixi();
    let path = reg.file(
        "twice.csv",
        lines(&[HEADER, &good_row(), &good_row(), "王建国,,,1948-08,,老战士"]),
    );
    let out = reg.ok(&["volunteer", "import", arg(&path), "--skip-invalid"]);
    assert_eq!(
        out,
        format!("{}：新增 2，更新 0，未变 0，拒收 1\n", path.display())
    );
    assert_eq!(volunteers(&reg), 2);
}

/// The rejects CSV of the mixed roster, as the clerk sends it back.
fn expected_rejects(bad_id: &str) -> String {
    let expected_check = wang_id().chars().last().unwrap();
    format!(
        "\u{FEFF}{}",
        lines(&[
            "姓名,身份证号,出生年月,联系电话,五老类别,所在单位,错误原因",
            "赵二,,1951-04,1380000000,老教师,市司法局,联系电话：“1380000000”不是有效电话号码：手机为1开头的11位数字，座机如 0467-2345678",
            &format!(
                "王建国,{bad_id},1948.08,,老战士,市司法局,身份证号：身份证号“{bad_id}”校验位不符（应为 {expected_check}）：请核对是否抄错"
            ),
        ])
    )
}

#[test]
fn rejects_are_written_as_they_came_with_a_reason_column() {
    let reg = jixi();
    let (path, bad_id) = mixed_roster(&reg);
    let rejects = reg.dir.path().join("退回.csv");
    let (out, err) = ok_with_stderr(
        &reg,
        &[
            "volunteer",
            "import",
            arg(&path),
            "--skip-invalid",
            "--rejects",
            arg(&rejects),
        ],
    );
    assert_eq!(
        out,
        format!("{}：新增 4，更新 0，未变 0，拒收 2\n", path.display())
    );
    // The note on the rejects file, then each row left out and why.
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        format!("注意：已将 2 行有误的数据另存到 {}", rejects.display())
    );
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[1].starts_with(&format!("注意：{}", at(&path, 4, "联系电话"))),
        "{err}"
    );
    assert!(
        lines[2].starts_with(&format!("注意：{}", at(&path, 7, "身份证号"))),
        "{err}"
    );
    let written = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(written.replace("\r\n", "\n"), expected_rejects(&bad_id));
}

#[test]
fn rejects_are_written_when_the_whole_import_is_refused_too() {
    let reg = jixi();
    let (path, bad_id) = mixed_roster(&reg);
    let rejects = reg.dir.path().join("退回.csv");
    let err = reg.refused(&[
        "volunteer",
        "import",
        arg(&path),
        "--rejects",
        arg(&rejects),
    ]);
    assert!(
        err.starts_with(&format!(
            "注意：已将 2 行有误的数据另存到 {}\n错误：",
            rejects.display()
        )),
        "{err}"
    );
    assert_eq!(volunteers(&reg), 0);
    let written = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(written.replace("\r\n", "\n"), expected_rejects(&bad_id));
}

#[test]
fn fixed_rejects_imported_again_bring_everyone_in() {
    let reg = jixi();
    let (path, bad_id) = mixed_roster(&reg);
    let rejects = reg.dir.path().join("退回.csv");
    reg.ok(&[
        "volunteer",
        "import",
        arg(&path),
        "--skip-invalid",
        "--rejects",
        arg(&rejects),
    ]);
    // The unit corrects the two cells and sends the file back, reason
    // column and all.
    let fixed = std::fs::read_to_string(&rejects)
        .unwrap()
        .replace(",1380000000,", ",13800000002,")
        .replace(&bad_id, &wang_id());
    std::fs::write(&rejects, fixed).unwrap();
    let (out, err) = ok_with_stderr(&reg, &["volunteer", "import", arg(&rejects)]);
    assert_eq!(
        out,
        format!("{}：新增 2，更新 0，未变 0\n", rejects.display())
    );
    // The reason column is passed over without a word.
    assert_eq!(err, "");
    let names: Vec<String> = all_stored(&reg).into_iter().map(|v| v.name).collect();
    assert_eq!(names, ["赵一", "赵三", "张德福", "赵四", "赵二", "王建国"]);
    assert_eq!(stored(&reg, "赵二").phone.as_deref(), Some("13800000002"));
    assert_eq!(
        stored(&reg, "王建国"),
        Stored {
            gender: s("male"),
            birth_date: s("1948-08-15"),
            id_card: Some(wang_id()),
            unit: s("鸡西市司法局"),
            ..person("王建国", "veteran")
        }
    );
    // The whole original file now changes nothing.
    let before = reg.dump();
    let out = reg.ok(&["volunteer", "import", arg(&path), "--skip-invalid"]);
    assert_eq!(
        out,
        format!("{}：新增 0，更新 0，未变 4，拒收 2\n", path.display())
    );
    assert_eq!(reg.dump(), before);
}

#[test]
fn rejects_as_xlsx_round_trip() {
    let reg = jixi();
    let (path, bad_id) = mixed_roster(&reg);
    let rejects = reg.dir.path().join("退回.xlsx");
    reg.ok(&[
        "--lang",
        "en",
        "volunteer",
        "import",
        arg(&path),
        "--skip-invalid",
        "--rejects",
        arg(&rejects),
    ]);
    let cells = read_workbook(&rejects);
    let expected_check = wang_id().chars().last().unwrap();
    assert_eq!(
        cells,
        vec![
            vec![
                "姓名",
                "身份证号",
                "出生年月",
                "联系电话",
                "五老类别",
                "所在单位",
                "reason"
            ],
            vec![
                "赵二",
                "",
                "1951-04",
                "1380000000",
                "老教师",
                "市司法局",
                "联系电话：'1380000000' is not a phone number: a mobile has 11 digits starting with 1, a landline looks like 0467-2345678",
            ],
            vec![
                "王建国",
                &bad_id,
                "1948.08",
                "",
                "老战士",
                "市司法局",
                &format!(
                    "身份证号：the ID number '{bad_id}' fails its check digit ({expected_check} expected): check it for a typing error"
                ),
            ],
        ]
    );
    // The unit fixes the cells in Excel, deletes the reason column and saves.
    let fixed: Vec<Vec<String>> = cells
        .iter()
        .map(|row| {
            row[..6]
                .iter()
                .map(|cell| match cell.as_str() {
                    "1380000000" => "13800000002".to_string(),
                    c if c == bad_id => wang_id(),
                    c => c.to_string(),
                })
                .collect()
        })
        .collect();
    let fixed: Vec<Vec<&str>> = fixed
        .iter()
        .map(|row| row.iter().map(String::as_str).collect())
        .collect();
    let path = workbook(&reg, "fixed.xlsx", &fixed);
    let (out, err) = ok_with_stderr(&reg, &["volunteer", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 2，更新 0，未变 0\n", path.display()));
    assert_eq!(err, "");
    assert_eq!(volunteers(&reg), 6);
    assert_eq!(stored(&reg, "赵二").phone.as_deref(), Some("13800000002"));
    assert_eq!(stored(&reg, "王建国").id_card, Some(wang_id()));
}

// ---------------------------------------------------------------------------
// Import: re-import, dry run, conflicts, matching
// ---------------------------------------------------------------------------

#[test]
fn importing_the_same_file_twice_changes_nothing_and_says_so() {
    let reg = jixi();
    let path = gbk_roster(&reg);
    reg.ok(&["volunteer", "import", arg(&path)]);
    let before = reg.dump();
    let out = reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 0，更新 0，未变 3\n", path.display()));
    assert_eq!(reg.dump(), before);

    let path = xlsx_roster(&reg);
    reg.ok(&["volunteer", "import", arg(&path)]);
    let before = reg.dump();
    let out = reg.ok(&["--lang", "en", "volunteer", "import", arg(&path)]);
    assert_eq!(
        out,
        format!("{}: 0 new, 0 updated, 2 unchanged\n", path.display())
    );
    assert_eq!(reg.dump(), before);
}

#[test]
fn a_dry_run_writes_nothing() {
    let reg = jixi();
    let path = gbk_roster(&reg);
    let before = reg.dump();
    let out = reg.ok(&["volunteer", "import", arg(&path), "--dry-run"]);
    assert_eq!(
        out,
        format!(
            "{}：新增 3，更新 0，未变 0（试运行，未写入）\n",
            path.display()
        )
    );
    assert_eq!(reg.dump(), before);
    let out = reg.ok(&[
        "--lang",
        "en",
        "volunteer",
        "import",
        arg(&path),
        "--dry-run",
    ]);
    assert_eq!(
        out,
        format!(
            "{}: 3 new, 0 updated, 0 unchanged (dry run: nothing written)\n",
            path.display()
        )
    );
    assert_eq!(reg.dump(), before);
    // A dry run still refuses a bad file.
    let (bad, _) = mixed_roster(&reg);
    reg.refused(&["volunteer", "import", arg(&bad), "--dry-run"]);
}

/// The registry with 张德福 imported, and a file giving him a new phone.
fn zhang_registered() -> (Registry, PathBuf) {
    let reg = jixi();
    let first = reg.file("first.csv", lines(&[HEADER, &good_row()]));
    reg.ok(&["volunteer", "import", arg(&first)]);
    let second = reg.file(
        "second.csv",
        lines(&[
            HEADER,
            &format!("张德福,男,{},1950-03,13800000099,老干部", zhang_id()),
        ]),
    );
    (reg, second)
}

#[test]
fn on_conflict_update_writes_the_new_phone() {
    let (reg, path) = zhang_registered();
    let out = reg.ok(&["volunteer", "import", arg(&path), "--on-conflict", "update"]);
    assert_eq!(out, format!("{}：新增 0，更新 1，未变 0\n", path.display()));
    assert_eq!(
        all_stored(&reg),
        vec![Stored {
            phone: s("13800000099"),
            ..zhang_from_good_row()
        }]
    );
    // update is the default.
    let (reg, path) = zhang_registered();
    reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(stored(&reg, "张德福").phone.as_deref(), Some("13800000099"));
}

#[test]
fn on_conflict_skip_leaves_the_record() {
    let (reg, path) = zhang_registered();
    let before = reg.dump();
    let out = reg.ok(&["volunteer", "import", arg(&path), "--on-conflict", "skip"]);
    assert_eq!(
        out,
        format!(
            "{}：新增 0，更新 0，未变 0，跳过 1（已存在）\n",
            path.display()
        )
    );
    assert_eq!(reg.dump(), before);
    let out = reg.ok(&[
        "--lang",
        "en",
        "volunteer",
        "import",
        arg(&path),
        "--on-conflict",
        "skip",
    ]);
    assert_eq!(
        out,
        format!(
            "{}: 0 new, 0 updated, 0 unchanged, 1 skipped (already there)\n",
            path.display()
        )
    );
}

#[test]
fn on_conflict_fail_refuses_the_row() {
    let (reg, path) = zhang_registered();
    let id = id_of(&reg, "张德福");
    let err = reg.refused(&["volunteer", "import", arg(&path), "--on-conflict", "fail"]);
    assert_eq!(
        err,
        problems(&[format!(
            "{} 此人已登记（#{id}）（--on-conflict fail）",
            at(&path, 2, "姓名")
        )])
    );
    assert_eq!(stored(&reg, "张德福").phone.as_deref(), Some("13800000001"));
}

#[test]
fn a_row_matches_by_id_number_even_under_another_name() {
    let (reg, _) = zhang_registered();
    let path = reg.file(
        "renamed.csv",
        lines(&[
            "姓名,身份证号,政治面貌,五老类别",
            &format!("张德富,{},中共党员,老干部", zhang_id()),
        ]),
    );
    let out = reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 0，更新 1，未变 0\n", path.display()));
    assert_eq!(
        all_stored(&reg),
        vec![Stored {
            name: "张德富".to_string(),
            political_status: s("中共党员"),
            ..zhang_from_good_row()
        }]
    );
}

#[test]
fn a_row_without_id_number_matches_by_name_and_birth_date() {
    let reg = jixi();
    reg.ok(&[
        "volunteer",
        "add",
        "赵一",
        "--birth",
        "1950-03",
        "--category",
        "老干部",
    ]);
    reg.ok(&[
        "volunteer",
        "add",
        "赵一",
        "--birth",
        "1951-07",
        "--category",
        "老教师",
    ]);
    let path = reg.file(
        "phones.csv",
        lines(&[
            "姓名,出生年月,联系电话,五老类别",
            "赵一,1950年3月,13800000001,老干部",
            "赵一,1951.07,13800000002,老教师",
        ]),
    );
    let out = reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 0，更新 2，未变 0\n", path.display()));
    let phones: Vec<(Option<String>, Option<String>)> = all_stored(&reg)
        .into_iter()
        .map(|v| (v.birth_date, v.phone))
        .collect();
    assert_eq!(
        phones,
        [
            (s("1950-03"), s("13800000001")),
            (s("1951-07"), s("13800000002"))
        ]
    );
}

#[test]
fn a_birth_date_known_to_the_day_matches_a_record_known_to_the_month_and_back() {
    // Registered to the month, the sheet gives the day.
    let reg = jixi();
    reg.ok(&[
        "volunteer",
        "add",
        "赵一",
        "--birth",
        "1950-03",
        "--category",
        "老干部",
    ]);
    let path = reg.file(
        "day.csv",
        lines(&[
            "姓名,出生年月,联系电话,五老类别",
            "赵一,1950-03-12,13800000001,老干部",
        ]),
    );
    let out = reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 0，更新 1，未变 0\n", path.display()));
    assert_eq!(
        all_stored(&reg),
        vec![Stored {
            birth_date: s("1950-03-12"),
            phone: s("13800000001"),
            ..person("赵一", "cadre")
        }]
    );
    // Registered to the day, the sheet gives the month: the same person,
    // and the day is kept.
    let reg = jixi();
    reg.ok(&[
        "volunteer",
        "add",
        "赵一",
        "--birth",
        "1950-03-12",
        "--category",
        "老干部",
    ]);
    let path = reg.file(
        "month.csv",
        lines(&[
            "姓名,出生年月,联系电话,五老类别",
            "赵一,1950.03,13800000001,老干部",
        ]),
    );
    let out = reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 0，更新 1，未变 0\n", path.display()));
    assert_eq!(
        all_stored(&reg),
        vec![Stored {
            birth_date: s("1950-03-12"),
            phone: s("13800000001"),
            ..person("赵一", "cadre")
        }]
    );
    let before = reg.dump();
    let out = reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 0，更新 0，未变 1\n", path.display()));
    assert_eq!(reg.dump(), before);
}

#[test]
fn a_birth_date_matches_the_same_date_before_the_same_month() {
    // Two people of one name: one registered to the month, one to the day.
    let reg = jixi();
    reg.ok(&[
        "volunteer",
        "add",
        "赵一",
        "--birth",
        "1950-03",
        "--category",
        "老干部",
        "--unit",
        "教育局",
    ]);
    reg.ok(&[
        "volunteer",
        "add",
        "赵一",
        "--birth",
        "1950-03-12",
        "--category",
        "老干部",
        "--unit",
        "市司法局",
    ]);
    let path = reg.file(
        "both.csv",
        lines(&[
            "姓名,出生年月,联系电话,五老类别",
            "赵一,1950-03-12,13800000012,老干部",
            "赵一,1950.03,13800000003,老干部",
        ]),
    );
    let out = reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 0，更新 2，未变 0\n", path.display()));
    let phones: Vec<(Option<String>, Option<String>, Option<String>)> = all_stored(&reg)
        .into_iter()
        .map(|v| (v.birth_date, v.unit, v.phone))
        .collect();
    assert_eq!(
        phones,
        [
            (s("1950-03"), s("鸡西市教育局"), s("13800000003")),
            (s("1950-03-12"), s("鸡西市司法局"), s("13800000012")),
        ]
    );
}

#[test]
fn a_status_and_its_date_are_imported() {
    let reg = jixi();
    let path = reg.file(
        "status.csv",
        lines(&[
            "姓名,出生年月,五老类别,状态,去世日期",
            "赵一,1950-03,老干部,已故,2024年1月5日",
            "赵二,1951-03,老干部,不再参加,",
            "赵三,1952-03,老干部,在册,",
        ]),
    );
    reg.ok(&["volunteer", "import", arg(&path)]);
    let statuses: Vec<(String, String, Option<String>)> = all_stored(&reg)
        .into_iter()
        .map(|v| (v.name, v.status, v.status_on))
        .collect();
    assert_eq!(
        statuses,
        [
            ("赵一".to_string(), "deceased".to_string(), s("2024-01-05")),
            // A status without a date has none: no date is made up.
            ("赵二".to_string(), "inactive".to_string(), None),
            ("赵三".to_string(), "active".to_string(), None),
        ]
    );
    let before = reg.dump();
    let out = reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 0，更新 0，未变 3\n", path.display()));
    assert_eq!(reg.dump(), before);
    // A date in the future is refused.
    let path = reg.file(
        "future.csv",
        lines(&[
            "姓名,五老类别,状态,状态变更日期",
            "赵四,老干部,已故,2099-01-01",
        ]),
    );
    refused_import(
        &reg,
        &path,
        &[format!(
            "{} 状态变更日期晚于今天",
            at(&path, 2, "状态变更日期")
        )],
    );
}

#[test]
fn a_row_with_neither_id_number_nor_birth_matches_by_name_in_the_same_unit() {
    let reg = jixi();
    reg.ok(&[
        "volunteer",
        "add",
        "赵一",
        "--category",
        "老干部",
        "--unit",
        "市司法局",
    ]);
    let path = reg.file(
        "by-unit.csv",
        lines(&["姓名,联系电话,五老类别", "赵一,13800000001,老干部"]),
    );
    let out = reg.ok(&["volunteer", "import", arg(&path), "--unit", "鸡西市司法局"]);
    assert_eq!(out, format!("{}：新增 0，更新 1，未变 0\n", path.display()));
    assert_eq!(
        all_stored(&reg),
        vec![Stored {
            phone: s("13800000001"),
            unit: s("鸡西市司法局"),
            ..person("赵一", "cadre")
        }]
    );
    // The same name in another unit is someone else.
    let out = reg.ok(&["volunteer", "import", arg(&path), "--unit", "市中医院"]);
    assert_eq!(out, format!("{}：新增 1，更新 0，未变 0\n", path.display()));
    assert_eq!(volunteers(&reg), 2);
}

#[test]
fn a_name_padded_to_line_up_in_the_roster_is_the_same_name() {
    let reg = jixi();
    // Rosters pad two-character names with a full-width space: 王　芳.
    let padded = reg.file(
        "padded.csv",
        gbk(&lines(&[
            "姓名,出生年月,五老类别",
            "王\u{3000}芳,1956-01,老教师",
        ])),
    );
    let out = reg.ok(&["volunteer", "import", arg(&padded)]);
    assert_eq!(
        out,
        format!("{}：新增 1，更新 0，未变 0\n", padded.display())
    );
    assert_eq!(
        all_stored(&reg),
        vec![Stored {
            birth_date: s("1956-01"),
            ..person("王芳", "teacher")
        }]
    );
    let plain = reg.file(
        "plain.csv",
        lines(&["姓名,出生年月,五老类别", "王芳,1956-01,老教师"]),
    );
    let out = reg.ok(&["volunteer", "import", arg(&plain)]);
    assert_eq!(
        out,
        format!("{}：新增 0，更新 0，未变 1\n", plain.display())
    );
    let shown = json(&reg.ok(&["--format", "json", "volunteer", "show", "王　芳"]));
    assert_eq!(shown["name"], "王芳");
    // Spaces in other names stay.
    reg.ok(&["volunteer", "add", "Li Ming", "--category", "other"]);
    assert_eq!(stored(&reg, "Li Ming").name, "Li Ming");
}

#[test]
fn an_empty_cell_leaves_the_stored_value() {
    let reg = jixi();
    reg.ok(&["volunteer", "import", arg(&gbk_roster(&reg))]);
    let path = reg.file(
        "partial.csv",
        lines(&[
            "姓名,身份证号,联系电话,专长,五老类别",
            &format!("张德福,{},,书法,老干部", zhang_id()),
        ]),
    );
    reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(
        stored(&reg, "张德福"),
        Stored {
            specialties: s("书法"),
            ..zhang()
        }
    );
}

// ---------------------------------------------------------------------------
// volunteer add
// ---------------------------------------------------------------------------

#[test]
fn add_stores_every_option() {
    let reg = jixi();
    let id = li_id().to_lowercase();
    let out = reg.ok(&[
        "volunteer",
        "add",
        "李淑芬",
        "--gender",
        "女",
        "--birth",
        "1952.06",
        "--id-card",
        &id,
        "--phone",
        "+86 139-0000-0002",
        "--landline",
        "(0467)2345678",
        "--category",
        "老教师",
        "--former-post",
        "鸡西市第一中学教师",
        "--retired-rank",
        "科级",
        "--political-status",
        "群众",
        "--specialties",
        "家庭教育",
        "--unit",
        "市中医院",
        "--joined",
        "2021年6月1日",
        "--model",
        "是",
        "--note",
        "五老典型",
    ]);
    assert_eq!(out, "已登记五老 #1 李淑芬（老教师）\n");
    assert_eq!(
        all_stored(&reg),
        vec![Stored {
            gender: s("female"),
            birth_date: s("1952-06-01"),
            id_card: Some(li_id()),
            phone: s("13900000002"),
            landline: s("0467-2345678"),
            former_post: s("鸡西市第一中学教师"),
            retired_rank: s("section"),
            political_status: s("群众"),
            specialties: s("家庭教育"),
            unit: s("鸡西市中医院"),
            joined_on: s("2021-06-01"),
            is_model: 1,
            note: s("五老典型"),
            ..person("李淑芬", "teacher")
        }]
    );
}

#[test]
fn add_takes_english_values() {
    let reg = jixi();
    let out = reg.ok(&[
        "--lang",
        "en",
        "volunteer",
        "add",
        "Chen",
        "--gender",
        "male",
        "--category",
        "expert",
        "--retired-rank",
        "division",
        "--model",
        "no",
    ]);
    assert_eq!(out, "registered volunteer #1 Chen (veteran expert)\n");
    assert_eq!(
        stored(&reg, "Chen"),
        Stored {
            gender: s("male"),
            retired_rank: s("division"),
            ..person("Chen", "expert")
        }
    );
}

#[test]
fn add_without_a_category_and_no_terminal_lists_the_missing_values() {
    let reg = jixi();
    let err = reg.refused(&["volunteer", "add", "张德福"]);
    assert_eq!(err, "错误：缺少必填项：五老类别\n");
    let err = reg.refused(&["volunteer", "add", "--phone", "13800000001"]);
    assert_eq!(err, "错误：缺少必填项：姓名、五老类别\n");
    let err = reg.refused(&["--lang", "en", "volunteer", "add"]);
    assert_eq!(err, "error: required values are missing: Name, Category\n");
    assert_eq!(volunteers(&reg), 0);
}

#[test]
fn add_refuses_bad_values_naming_each() {
    let reg = jixi();
    reg.ok(&[
        "volunteer",
        "add",
        "张德福",
        "--id-card",
        &zhang_id(),
        "--category",
        "老干部",
    ]);
    let err = reg.refused(&[
        "volunteer",
        "add",
        "张得福",
        "--id-card",
        &zhang_id(),
        "--category",
        "老干部",
    ]);
    assert_eq!(
        err,
        format!("错误：身份证号“{}”已属于 #1 张德福\n", zhang_id())
    );
    let err = reg.refused(&[
        "volunteer",
        "add",
        "王建国",
        "--id-card",
        &wang_id(),
        "--gender",
        "女",
        "--phone",
        "123",
        "--category",
        "老神仙",
    ]);
    assert_eq!(
        err,
        "错误：身份证号的性别位为男，与性别“女”不符\n\
         手机：“123”不是有效电话号码：手机为1开头的11位数字，座机如 0467-2345678\n\
         五老类别：未知的五老类别“老神仙”：可选 老干部、老战士、老专家、老教师、老模范、其他\n"
    );
    assert_eq!(volunteers(&reg), 1);
}

// ---------------------------------------------------------------------------
// volunteer list, show
// ---------------------------------------------------------------------------

/// Birth to the month, `age` years before this year's January.
fn born_years_ago(age: i32) -> String {
    format!("{}-01", chrono::Local::now().year() - age)
}

/// A register for the filters: ages 60 to 85, three units, every status.
///
/// | name   | unit         | category | age | notes                        |
/// |--------|--------------|----------|-----|------------------------------|
/// | 张德福 | 鸡西市司法局 | cadre    | 77  | model, ID, phone, 法律咨询   |
/// | 钱一   | 鸡西市司法局 | teacher  | 60  |                              |
/// | 钱二   | 鸡西市中医院 | teacher  | 64  |                              |
/// | 钱三   | 鸡西市中医院 | expert   | 66  | former post 中医院院长       |
/// | 钱四   | 鸡西市教育局 | veteran  | 72  |                              |
/// | 钱五   | 鸡西市教育局 | cadre    | 74  |                              |
/// | 钱六   | 鸡西市司法局 | model    | 75  | model                        |
/// | 钱七   | 鸡西市司法局 | cadre    | 80  |                              |
/// | 钱八   | 鸡西市中医院 | other    | 85  | inactive                     |
/// | 钱九   |              | cadre    | 90  | deceased                     |
fn register() -> Registry {
    let reg = jixi();
    let rows = [
        ("钱一", "市司法局", "老教师", 60, "", ""),
        ("钱二", "市中医院", "老教师", 64, "", ""),
        ("钱三", "市中医院", "老专家", 66, "", "中医院院长"),
        ("钱四", "教育局", "老战士", 72, "", ""),
        ("钱五", "教育局", "老干部", 74, "", ""),
        ("钱六", "市司法局", "老模范", 75, "是", ""),
        ("钱七", "市司法局", "老干部", 80, "", ""),
        ("钱八", "市中医院", "其他", 85, "", ""),
        ("钱九", "", "老干部", 90, "", ""),
    ];
    let mut text = String::from("姓名,所在单位,五老类别,出生年月,五老典型,原工作单位及职务\n");
    text.push_str("张德福,市司法局,老干部,,是,鸡西市司法局副局长\n");
    for (name, unit, category, age, model, post) in rows {
        let birth = born_years_ago(age);
        text.push_str(&format!(
            "{name},{unit},{category},{birth},{model},{post}\n"
        ));
    }
    let path = reg.file("register.csv", text);
    reg.ok(&["volunteer", "import", arg(&path)]);
    reg.ok(&[
        "volunteer",
        "edit",
        "张德福",
        "--id-card",
        &register_zhang_id(),
        "--phone",
        "13800000001",
        "--specialties",
        "法律咨询",
    ]);
    reg.ok(&["volunteer", "retire", "钱八", "--date", "2024-05-01"]);
    reg.ok(&[
        "volunteer",
        "retire",
        "钱九",
        "--deceased",
        "--date",
        "2023-12-01",
    ]);
    reg
}

/// 张德福 of the filter register: a man who turned 77 on 1 January.
fn register_zhang_id() -> String {
    let year = chrono::Local::now().year() - 77;
    id_card("230302", &format!("{year}0101"), 13)
}

fn list(reg: &Registry, filter: &[&str]) -> Vec<String> {
    let mut args = vec!["--format", "json", "volunteer", "list"];
    args.extend_from_slice(filter);
    names(&json(&reg.ok(&args)))
}

#[test]
fn list_shows_active_volunteers_by_unit() {
    let reg = register();
    assert_eq!(
        list(&reg, &[]),
        [
            "张德福",
            "钱一",
            "钱六",
            "钱七",
            "钱二",
            "钱三",
            "钱四",
            "钱五"
        ]
    );
}

#[test]
fn list_filters_by_unit_by_name_alias_or_id() {
    let reg = register();
    let justice = ["张德福", "钱一", "钱六", "钱七"];
    assert_eq!(list(&reg, &["--unit", "市司法局"]), justice);
    assert_eq!(list(&reg, &["--unit", "鸡西市司法局"]), justice);
    assert_eq!(list(&reg, &["--unit", "1"]), justice);
    assert_eq!(list(&reg, &["--unit", "市中医院"]), ["钱二", "钱三"]);
}

#[test]
fn list_filters_by_category_in_either_language() {
    let reg = register();
    assert_eq!(
        list(&reg, &["--category", "老干部"]),
        ["张德福", "钱七", "钱五"]
    );
    assert_eq!(
        list(&reg, &["--category", "cadre"]),
        ["张德福", "钱七", "钱五"]
    );
    assert_eq!(list(&reg, &["--category", "teacher"]), ["钱一", "钱二"]);
    let err = reg.refused(&["volunteer", "list", "--category", "老神仙"]);
    assert_eq!(
        err,
        "错误：未知的五老类别“老神仙”：可选 老干部、老战士、老专家、老教师、老模范、其他\n"
    );
}

#[test]
fn list_filters_by_status() {
    let reg = register();
    assert_eq!(list(&reg, &["--status", "inactive"]), ["钱八"]);
    assert_eq!(list(&reg, &["--status", "已故"]), ["钱九"]);
    assert_eq!(
        list(&reg, &["--status", "all"]),
        [
            "张德福",
            "钱一",
            "钱六",
            "钱七",
            "钱二",
            "钱三",
            "钱八",
            "钱四",
            "钱五",
            "钱九"
        ]
    );
}

#[test]
fn list_filters_by_age_band() {
    let reg = register();
    assert_eq!(list(&reg, &["--age", "70-74"]), ["钱四", "钱五"]);
    assert_eq!(list(&reg, &["--age", "80+"]), ["钱七"]);
    assert_eq!(
        list(&reg, &["--age", "80+", "--status", "all"]),
        ["钱七", "钱八", "钱九"]
    );
    assert_eq!(list(&reg, &["--age=-64"]), ["钱一", "钱二"]);
    assert_eq!(list(&reg, &["--age", "75"]), ["钱六"]);
    let err = reg.refused(&["volunteer", "list", "--age", "80-70"]);
    assert_eq!(err, "错误：年龄段“80-70”应写成 70-74、80+ 或 -64\n");
}

#[test]
fn list_takes_an_age_band_of_and_under_as_its_help_writes_it() {
    let reg = register();
    // `--age -64`, as the help says, not only `--age=-64`.
    assert_eq!(list(&reg, &["--age", "-64"]), ["钱一", "钱二"]);
}

#[test]
fn list_searches_name_former_post_and_specialties() {
    let reg = register();
    assert_eq!(list(&reg, &["--search", "法律"]), ["张德福"]);
    assert_eq!(list(&reg, &["--search", "院长"]), ["钱三"]);
    assert_eq!(list(&reg, &["--search", "副局长"]), ["张德福"]);
    assert_eq!(list(&reg, &["--search", "钱"]).len(), 7);
    assert_eq!(
        list(&reg, &["--search", "钱", "--unit", "市中医院"]),
        ["钱二", "钱三"]
    );
}

#[test]
fn list_filters_model_volunteers() {
    let reg = register();
    assert_eq!(list(&reg, &["--model"]), ["张德福", "钱六"]);
}

#[test]
fn list_masks_phone_and_id_number_unless_unmasked() {
    let reg = register();
    let listed = json(&reg.ok(&[
        "--format",
        "json",
        "volunteer",
        "list",
        "--unit",
        "市司法局",
    ]));
    let zhang = &listed[0];
    let keys: Vec<&str> = zhang
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
            "gender",
            "birth_date",
            "age",
            "category",
            "unit",
            "former_post",
            "phone",
            "id_card",
            "status",
            "is_model"
        ]
    );
    assert_eq!(zhang["name"], "张德福");
    assert_eq!(zhang["gender"], "male");
    assert_eq!(
        zhang["birth_date"],
        format!("{}-01-01", chrono::Local::now().year() - 77)
    );
    assert_eq!(zhang["category"], "cadre");
    assert_eq!(zhang["unit"], "鸡西市司法局");
    assert_eq!(zhang["phone"], "138****0001");
    assert_eq!(
        zhang["id_card"],
        format!("230302********{}", &register_zhang_id()[14..])
    );
    assert_eq!(zhang["is_model"], true);
    let table = reg.ok(&["volunteer", "list", "--unit", "市司法局"]);
    assert!(table.contains("138****0001"), "{table}");
    assert!(!table.contains("13800000001"), "{table}");
    assert!(!table.contains(&register_zhang_id()), "{table}");

    let unmasked = json(&reg.ok(&[
        "--format",
        "json",
        "volunteer",
        "list",
        "--unmasked",
        "--unit",
        "市司法局",
    ]));
    assert_eq!(unmasked[0]["phone"], "13800000001");
    assert_eq!(unmasked[0]["id_card"], register_zhang_id());
}

#[test]
fn show_finds_a_volunteer_by_id_id_number_or_name() {
    let reg = register();
    let id = id_of(&reg, "张德福");
    for key in [
        id.to_string(),
        format!("#{id}"),
        register_zhang_id(),
        "张德福".to_string(),
    ] {
        let shown = json(&reg.ok(&["--format", "json", "volunteer", "show", &key]));
        assert_eq!(shown["id"], id, "{key}");
        assert_eq!(shown["name"], "张德福", "{key}");
    }
    let shown = json(&reg.ok(&["--format", "json", "volunteer", "show", "张德福"]));
    assert_eq!(shown["phone"], "138****0001");
    assert_eq!(
        shown["id_card"],
        format!("230302********{}", &register_zhang_id()[14..])
    );
    assert_eq!(shown["specialties"], "法律咨询");
    assert_eq!(shown["former_post"], "鸡西市司法局副局长");
    assert_eq!(shown["unit"], "鸡西市司法局");
    assert_eq!(shown["status"], "active");
    assert_eq!(shown["roles"], serde_json::json!([]));
    let shown = json(&reg.ok(&[
        "--format",
        "json",
        "volunteer",
        "show",
        "张德福",
        "--unmasked",
    ]));
    assert_eq!(shown["phone"], "13800000001");
    assert_eq!(shown["id_card"], register_zhang_id());

    let shown = json(&reg.ok(&["--format", "json", "volunteer", "show", "钱九"]));
    assert_eq!(shown["status"], "deceased");
    assert_eq!(shown["status_on"], "2023-12-01");
}

#[test]
fn show_by_an_id_number_with_a_lower_case_x() {
    let reg = jixi();
    reg.ok(&[
        "volunteer",
        "add",
        "李淑芬",
        "--id-card",
        &li_id(),
        "--category",
        "老教师",
    ]);
    let shown = json(&reg.ok(&[
        "--format",
        "json",
        "volunteer",
        "show",
        &li_id().to_lowercase(),
    ]));
    assert_eq!(shown["name"], "李淑芬");
}

#[test]
fn show_refuses_an_ambiguous_name_listing_the_candidates() {
    let reg = jixi();
    reg.ok(&[
        "volunteer",
        "add",
        "王芳",
        "--birth",
        "1956-01",
        "--unit",
        "市司法局",
        "--category",
        "老教师",
    ]);
    reg.ok(&[
        "volunteer",
        "add",
        "王芳",
        "--birth",
        "1958-07-02",
        "--unit",
        "市中医院",
        "--category",
        "老专家",
    ]);
    let err = reg.refused(&["volunteer", "show", "王芳"]);
    assert_eq!(
        err,
        "错误：有多位五老名为“王芳”：#1 王芳 鸡西市司法局 1956-01、#2 王芳 鸡西市中医院 1958-07-02；请用编号或身份证号指定\n"
    );
    let err = reg.refused(&["volunteer", "show", "王"]);
    assert_eq!(
        err,
        "错误：未找到五老“王”。相近的有：#1 王芳 鸡西市司法局 1956-01、#2 王芳 鸡西市中医院 1958-07-02\n"
    );
    let err = reg.refused(&["volunteer", "show", "99"]);
    assert_eq!(err, "错误：没有编号为 99 的五老\n");

    // Candidates without a unit are listed without a gap.
    reg.ok(&[
        "volunteer",
        "add",
        "李强",
        "--birth",
        "1950-01",
        "--category",
        "老干部",
    ]);
    reg.ok(&["volunteer", "add", "李强", "--category", "老战士"]);
    let err = reg.refused(&["volunteer", "show", "李强"]);
    assert_eq!(
        err,
        "错误：有多位五老名为“李强”：#3 李强 1950-01、#4 李强；请用编号或身份证号指定\n"
    );
}

// ---------------------------------------------------------------------------
// volunteer edit, retire
// ---------------------------------------------------------------------------

#[test]
fn edit_changes_the_given_values_and_clear_empties_fields() {
    let reg = jixi();
    reg.ok(&["volunteer", "import", arg(&gbk_roster(&reg))]);
    let id = id_of(&reg, "张德福");
    let out = reg.ok(&[
        "volunteer",
        "edit",
        "张德福",
        "--phone",
        "13900000003",
        "--landline",
        "0467-2345670",
        "--retired-rank",
        "厅级",
        "--unit",
        "教育局",
        "--model",
        "是",
        "--note",
        "市级五老典型",
    ]);
    assert_eq!(out, format!("已更新五老 #{id} 张德福\n"));
    let edited = Stored {
        phone: s("13900000003"),
        landline: s("0467-2345670"),
        retired_rank: s("department"),
        unit: s("鸡西市教育局"),
        is_model: 1,
        note: s("市级五老典型"),
        ..zhang()
    };
    assert_eq!(stored(&reg, "张德福"), edited);

    let out = reg.ok(&[
        "volunteer",
        "edit",
        &id.to_string(),
        "--phone",
        "139 0000 0003",
    ]);
    assert_eq!(out, format!("五老 #{id} 张德福 没有变化\n"));

    reg.ok(&[
        "volunteer",
        "edit",
        &zhang_id(),
        "--clear",
        "phone,landline,specialties",
        "--clear",
        "unit",
        "--name",
        "张德富",
    ]);
    assert_eq!(
        stored(&reg, "张德富"),
        Stored {
            name: "张德富".to_string(),
            phone: None,
            landline: None,
            specialties: None,
            unit: None,
            ..edited
        }
    );
}

#[test]
fn edit_refuses_a_value_disagreeing_with_the_id_number() {
    let reg = jixi();
    reg.ok(&["volunteer", "import", arg(&gbk_roster(&reg))]);
    let err = reg.refused(&["volunteer", "edit", "张德福", "--birth", "1951-03"]);
    assert_eq!(
        err,
        "错误：身份证号中的出生日期为 1950-03-12，与出生年月 1951-03 不符\n"
    );
    let err = reg.refused(&["volunteer", "edit", "张德福", "--gender", "女"]);
    assert_eq!(err, "错误：身份证号的性别位为男，与性别“女”不符\n");
    // Once the number is cleared, the birth date may change.
    reg.ok(&[
        "volunteer",
        "edit",
        "张德福",
        "--clear",
        "id-card",
        "--birth",
        "1951-03",
    ]);
    let zhang = stored(&reg, "张德福");
    assert_eq!((zhang.id_card, zhang.birth_date), (None, s("1951-03")));
}

#[test]
fn retire_records_leaving_and_death_with_their_dates() {
    let reg = jixi();
    reg.ok(&["volunteer", "import", arg(&gbk_roster(&reg))]);
    let id = id_of(&reg, "张德福");
    let out = reg.ok(&["volunteer", "retire", "张德福", "--date", "2024-05-01"]);
    assert_eq!(
        out,
        format!("已将 #{id} 张德福 记为“不再参加”（2024-05-01）\n")
    );
    assert_eq!(
        stored(&reg, "张德福"),
        Stored {
            status: "inactive".to_string(),
            status_on: s("2024-05-01"),
            ..zhang()
        }
    );
    let out = reg.ok(&[
        "--lang",
        "en",
        "volunteer",
        "retire",
        &id.to_string(),
        "--deceased",
        "--date",
        "2024年6月1日",
    ]);
    assert_eq!(
        out,
        format!("recorded #{id} 张德福 as deceased from 2024-06-01\n")
    );
    assert_eq!(
        stored(&reg, "张德福"),
        Stored {
            status: "deceased".to_string(),
            status_on: s("2024-06-01"),
            ..zhang()
        }
    );
    let err = reg.refused(&["volunteer", "retire", "张德福", "--deceased"]);
    assert_eq!(err, "错误：张德福已是“已故”\n");

    // Without a date, today.
    reg.ok(&["volunteer", "retire", "李淑芬"]);
    let today = chrono::Local::now().date_naive().to_string();
    assert_eq!(stored(&reg, "李淑芬").status_on, Some(today));
    let err = reg.refused(&["volunteer", "retire", "王建国", "--date", "2099-01-01"]);
    assert_eq!(err, "错误：日期 2099-01-01 晚于今天\n");
}

#[test]
fn a_retired_volunteer_keeps_the_status_date_through_a_re_import() {
    let reg = jixi();
    let path = gbk_roster(&reg);
    reg.ok(&["volunteer", "import", arg(&path)]);
    reg.ok(&[
        "volunteer",
        "retire",
        "王建国",
        "--deceased",
        "--date",
        "2024-01-01",
    ]);
    let before = reg.dump();
    let out = reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(out, format!("{}：新增 0，更新 0，未变 3\n", path.display()));
    assert_eq!(reg.dump(), before);
}

// ---------------------------------------------------------------------------
// volunteer export
// ---------------------------------------------------------------------------

#[test]
fn export_writes_excel_ready_csv_masked_by_default() {
    let reg = jixi();
    reg.ok(&["volunteer", "import", arg(&gbk_roster(&reg))]);
    let out = reg.ok(&["volunteer", "export", "--unit", "市司法局"]);
    assert_eq!(
        out.replace("\r\n", "\n"),
        format!(
            "\u{FEFF}{}",
            lines(&[
                "姓名,性别,出生年月,身份证号,联系电话,座机,五老类别,原工作单位及职务,退休时职级,政治面貌,专长,单位名称,加入日期,状态,状态变更日期,五老典型,备注",
                &format!(
                    "张德福,男,1950-03-12,230302********{},138****0001,,老干部,鸡西市司法局副局长,处级,中共党员,法律咨询,鸡西市司法局,,在册,,否,",
                    &zhang_id()[14..]
                ),
            ])
        )
    );
    let out = reg.ok(&["volunteer", "export", "--unit", "市中医院"]);
    assert!(out.contains(",0467-***5678,"), "{out}");
    assert!(!out.contains("2345678"), "{out}");

    let file = reg.dir.path().join("export.csv");
    reg.ok(&["volunteer", "export", "--unmasked", "--out", arg(&file)]);
    let written = std::fs::read(&file).unwrap();
    assert_eq!(&written[..3], b"\xEF\xBB\xBF");
    let text = String::from_utf8(written).unwrap();
    assert!(text.contains(&zhang_id()), "{text}");
    assert!(text.contains(&li_id()), "{text}");
    assert!(text.contains(",13800000001,"), "{text}");
}

/// A register with every field in use, a retired and a deceased volunteer.
fn full_register() -> Registry {
    let reg = jixi();
    reg.ok(&["volunteer", "import", arg(&gbk_roster(&reg))]);
    reg.ok(&["volunteer", "import", arg(&xlsx_roster(&reg))]);
    reg.ok(&[
        "volunteer",
        "add",
        "陈志远",
        "--birth",
        "1949-10",
        "--landline",
        "0467-2345679",
        "--category",
        "expert",
        "--joined",
        "2022-03-05",
        "--note",
        "=1+1",
        "--unit",
        "市中医院",
    ]);
    reg.ok(&["volunteer", "retire", "李淑芬", "--date", "2024-05-01"]);
    reg.ok(&[
        "volunteer",
        "retire",
        "王建国",
        "--deceased",
        "--date",
        "2024-01-01",
    ]);
    reg
}

#[test]
fn an_unmasked_export_imports_into_a_fresh_registry_as_it_was() {
    let reg = full_register();
    let file = reg.dir.path().join("all.csv");
    reg.ok(&[
        "volunteer",
        "export",
        "--unmasked",
        "--status",
        "all",
        "--out",
        arg(&file),
    ]);
    let fresh = jixi();
    let out = fresh.ok(&["volunteer", "import", arg(&file)]);
    assert_eq!(out, format!("{}：新增 5，更新 0，未变 0\n", file.display()));
    let mut expected = all_stored(&reg);
    let mut got = all_stored(&fresh);
    expected.sort_by(|a, b| a.name.cmp(&b.name));
    got.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(got, expected);
    // And back into the registry it came from, it changes nothing.
    let before = reg.dump();
    let out = reg.ok(&["volunteer", "import", arg(&file)]);
    assert_eq!(out, format!("{}：新增 0，更新 0，未变 5\n", file.display()));
    assert_eq!(reg.dump(), before);
}

#[test]
fn a_masked_export_imported_again_changes_nothing() {
    let reg = full_register();
    let file = reg.dir.path().join("masked.csv");
    reg.ok(&[
        "volunteer",
        "export",
        "--status",
        "all",
        "--out",
        arg(&file),
    ]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("138****0001"), "{text}");
    assert!(!text.contains(&zhang_id()), "{text}");
    let before = reg.dump();
    let out = reg.ok(&["volunteer", "import", arg(&file)]);
    assert_eq!(out, format!("{}：新增 0，更新 0，未变 5\n", file.display()));
    assert_eq!(reg.dump(), before);
    // The English export reads back too.
    let file = reg.dir.path().join("masked-en.csv");
    reg.ok(&[
        "--lang",
        "en",
        "volunteer",
        "export",
        "--status",
        "all",
        "--out",
        arg(&file),
    ]);
    let out = reg.ok(&["--lang", "en", "volunteer", "import", arg(&file)]);
    assert_eq!(
        out,
        format!("{}: 0 new, 0 updated, 5 unchanged\n", file.display())
    );
    assert_eq!(reg.dump(), before);
}

#[test]
fn export_filters_like_list() {
    let reg = register();
    let out = reg.ok(&["volunteer", "export", "--category", "teacher"]);
    let rows: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(rows, ["钱一", "钱二"]);
    let out = reg.ok(&["volunteer", "export", "--age", "80+", "--status", "all"]);
    let rows: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(rows, ["钱七", "钱八", "钱九"]);
}

// ---------------------------------------------------------------------------
// unit merge
// ---------------------------------------------------------------------------

#[test]
fn merging_a_unit_moves_its_volunteers() {
    let reg = jixi();
    reg.ok(&["volunteer", "import", arg(&gbk_roster(&reg))]);
    reg.ok(&[
        "volunteer",
        "add",
        "刘桂兰",
        "--category",
        "老模范",
        "--unit",
        "教育局",
    ]);
    reg.ok(&[
        "unit",
        "merge",
        "鸡西市中医院",
        "--into",
        "市司法局",
        "--date",
        "2024-01-01",
    ]);
    let units: Vec<(String, Option<String>)> = all_stored(&reg)
        .into_iter()
        .map(|v| (v.name, v.unit))
        .collect();
    assert_eq!(
        units,
        [
            ("张德福".to_string(), s("鸡西市司法局")),
            ("李淑芬".to_string(), s("鸡西市司法局")),
            ("王建国".to_string(), None),
            ("刘桂兰".to_string(), s("鸡西市教育局")),
        ]
    );
    assert_eq!(list(&reg, &["--unit", "市司法局"]), ["张德福", "李淑芬"]);
    // The old name finds the unit that carries it on.
    assert_eq!(
        list(&reg, &["--unit", "鸡西市中医院"]),
        ["张德福", "李淑芬"]
    );
}

#[test]
fn a_roster_naming_a_merged_unit_imports_into_its_successor() {
    let reg = jixi();
    reg.ok(&[
        "unit",
        "merge",
        "鸡西市中医院",
        "--into",
        "市司法局",
        "--date",
        "2024-01-01",
    ]);
    let path = reg.file(
        "old-name.csv",
        lines(&["姓名,五老类别,所在单位", "陈志远,老专家,市中医院"]),
    );
    reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(stored(&reg, "陈志远").unit.as_deref(), Some("鸡西市司法局"));
    let out = reg.ok(&["volunteer", "import", arg(&path), "--unit", "鸡西市中医院"]);
    assert_eq!(out, format!("{}：新增 0，更新 0，未变 1\n", path.display()));
}

#[test]
fn a_first_of_the_month_stands_for_a_month_typed_in_excel() {
    let reg = jixi();
    // Excel stores a month typed as 1950-03 as the date 1950-03-01.
    let path = reg.file(
        "month.csv",
        lines(&[
            HEADER,
            &format!("张德福,男,{},1950-03-01,13800000001,老干部", zhang_id()),
        ]),
    );
    reg.ok(&["volunteer", "import", arg(&path)]);
    assert_eq!(
        reg.text("SELECT birth_date FROM volunteer").as_deref(),
        Some("1950-03-12")
    );
}

#[test]
fn a_month_excel_may_have_cut_is_refused() {
    let reg = jixi();
    let path = reg.file(
        "cut.csv",
        lines(&[HEADER, "李明,男,,1948.1,13800000001,老干部"]),
    );
    let err = reg.refused(&["volunteer", "import", arg(&path)]);
    assert!(
        err.contains(&format!(
            "{} “1948.1”可能是1月也可能是10月",
            at(&path, 2, "出生年月")
        )),
        "{err}"
    );
}

#[test]
fn a_totals_row_ends_the_data() {
    let reg = jixi();
    let path = reg.file(
        "totals.csv",
        lines(&[
            "序号,姓名,性别,出生年月,五老类别",
            "1,李明,男,1948-10,老干部",
            "合计,1人,,,",
        ]),
    );
    let out = reg.ok(&["volunteer", "import", arg(&path)]);
    assert!(out.ends_with("新增 1，更新 0，未变 0\n"), "{out}");
}

#[test]
fn an_unknown_birth_date_is_refused_not_a_crash() {
    let reg = jixi();
    let path = reg.file(
        "unknown.csv",
        lines(&["姓名,五老类别,出生年月", "张三,老干部,不详"]),
    );
    let err = reg.refused(&["volunteer", "import", arg(&path)]);
    assert!(
        err.contains(&format!(
            "{} “不详”不是有效的出生年月",
            at(&path, 2, "出生年月")
        )),
        "{err}"
    );
    let err = reg.refused(&[
        "volunteer",
        "add",
        "李四",
        "--category",
        "老干部",
        "--birth",
        "不详",
    ]);
    assert!(err.contains("“不详”不是有效的出生年月"), "{err}");
}

#[test]
fn a_row_matching_several_people_is_refused_not_added_again() {
    let reg = jixi();
    for unit in ["市司法局", "教育局"] {
        reg.ok(&[
            "volunteer",
            "add",
            "张三",
            "--category",
            "老干部",
            "--birth",
            "1950-03",
            "--unit",
            unit,
        ]);
    }
    let path = reg.file(
        "again.csv",
        lines(&["姓名,出生年月,五老类别", "张三,1950-03,老干部"]),
    );
    let err = reg.refused(&["volunteer", "import", arg(&path)]);
    assert!(
        err.contains(&format!(
            "{} 与多位已登记的五老相符（#1、#2）：请填写身份证号以区分",
            at(&path, 2, "姓名")
        )),
        "{err}"
    );
    // The same name, birth and unit entered again by hand is the same person.
    let err = reg.refused(&[
        "volunteer",
        "add",
        "张三",
        "--category",
        "老干部",
        "--birth",
        "1950-03",
        "--unit",
        "教育局",
    ]);
    assert_eq!(
        err,
        "错误：张三已登记（#2，出生年月与所在单位相同）：如要修改请用 ggw volunteer edit 2\n"
    );
}

#[test]
fn a_row_wider_than_the_header_goes_to_the_rejects_with_the_reason_last() {
    let reg = jixi();
    let path = reg.file(
        "wide.csv",
        lines(&[
            "姓名,出生年月,五老类别",
            "张三,1950-03,老干部",
            "李四,1951-04,老神仙,多余,多余",
        ]),
    );
    let rejects = reg.dir.path().join("wide-rejects.csv");
    let out = reg.ok(&[
        "volunteer",
        "import",
        arg(&path),
        "--skip-invalid",
        "--rejects",
        arg(&rejects),
    ]);
    assert!(out.ends_with("新增 1，更新 0，未变 0，拒收 1\n"), "{out}");
    let written = std::fs::read_to_string(&rejects).unwrap();
    let lines: Vec<&str> = written.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "姓名,出生年月,五老类别,,,错误原因");
    assert!(
        lines[1].starts_with("李四,1951-04,老神仙,多余,多余,五老类别："),
        "{written}"
    );
}

#[test]
fn a_rejects_file_that_cannot_be_written_imports_nothing() {
    let reg = jixi();
    let path = reg.file(
        "mixed.csv",
        lines(&[
            "姓名,出生年月,五老类别",
            "张三,1950-03,老干部",
            "李四,1951-04,老神仙",
        ]),
    );
    let nowhere = reg.dir.path().join("no-such-dir").join("rejects.csv");
    let err = reg.refused(&[
        "volunteer",
        "import",
        arg(&path),
        "--skip-invalid",
        "--rejects",
        arg(&nowhere),
    ]);
    assert!(err.starts_with("错误：无法写入"), "{err}");
}

#[test]
fn a_wide_roster_with_noted_headers_is_read() {
    let reg = jixi();
    let path = reg.file(
        "wide-roster.csv",
        lines(&[
            "鸡西市司法局五老人员花名册",
            "序号,姓名,性别,民族,籍贯,文化程度,职称,出生年月,退休时间,家庭住址,健康状况,联系电话（手机）,五老类别（老干部/老战士/老专家/老教师/老模范）",
            "1,张三,男,汉,黑龙江,大专,高级,1950-03,2010-03,鸡西市,良好,13800000001,老干部",
        ]),
    );
    let out = reg.ok(&["volunteer", "import", arg(&path)]);
    assert!(out.ends_with("新增 1，更新 0，未变 0\n"), "{out}");
    assert_eq!(
        reg.text("SELECT phone FROM volunteer").as_deref(),
        Some("13800000001")
    );
}

#[test]
fn a_unit_merged_down_several_rows_belongs_to_each_of_them() {
    let reg = jixi();
    let path = reg.dir.path().join("merged.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, header) in ["姓名", "出生年月", "五老类别", "所在单位"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *header).unwrap();
    }
    for (r, name) in ["甲一", "乙二", "丙三"].iter().enumerate() {
        sheet.write_string(r as u32 + 1, 0, *name).unwrap();
        sheet.write_string(r as u32 + 1, 1, "1950-03").unwrap();
    }
    sheet
        .merge_range(1, 2, 3, 2, "老干部", &Format::new())
        .unwrap();
    sheet
        .merge_range(1, 3, 3, 3, "市司法局", &Format::new())
        .unwrap();
    book.save(&path).unwrap();
    reg.ok(&["volunteer", "import", arg(&path), "--unit", "教育局"]);
    let rows: Vec<(String, String)> = reg
        .conn()
        .prepare("SELECT v.category, u.name FROM volunteer v JOIN unit u ON u.id = v.unit_id ORDER BY v.id")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let expected = ("cadre".to_string(), "鸡西市司法局".to_string());
    assert_eq!(rows, [expected.clone(), expected.clone(), expected]);
}

/// A merge holds across a blank row inside it (a sheet is read row by row,
/// the blank row is not in the file), and a merge with an empty top cell
/// gives nothing: those rows take the unit option.
#[test]
fn a_merge_holds_across_a_blank_row_and_an_empty_merge_gives_nothing() {
    let reg = jixi();
    let path = reg.dir.path().join("按单位合并.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["姓名", "出生年月", "五老类别", "所在单位"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let people = [
        (1, "赵一"),
        (2, "赵二"),
        (4, "赵四"),
        (5, "钱五"),
        (6, "钱六"),
    ];
    for (row, name) in people {
        sheet.write_string(row, 0, name).unwrap();
        sheet.write_string(row, 1, "1950-03").unwrap();
        sheet.write_string(row, 2, "老干部").unwrap();
    }
    // Rows 2–5 as Excel shows them (row 4 blank), then 6–7 under an empty merge.
    sheet
        .merge_range(1, 3, 4, 3, "市司法局", &Format::new())
        .unwrap();
    sheet.merge_range(5, 3, 6, 3, "", &Format::new()).unwrap();
    book.save(&path).unwrap();
    reg.ok(&["volunteer", "import", arg(&path), "--unit", "教育局"]);
    let unit = |name| stored(&reg, name).unit;
    assert_eq!(unit("赵一").as_deref(), Some("鸡西市司法局"));
    assert_eq!(unit("赵二").as_deref(), Some("鸡西市司法局"));
    assert_eq!(unit("赵四").as_deref(), Some("鸡西市司法局"));
    assert_eq!(unit("钱五").as_deref(), Some("鸡西市教育局"));
    assert_eq!(unit("钱六").as_deref(), Some("鸡西市教育局"));
    assert_eq!(volunteers(&reg), 5);
}

#[test]
fn an_unclosed_quote_is_refused_naming_its_row() {
    let reg = jixi();
    let path = reg.file(
        "quote.csv",
        lines(&[
            "姓名,出生年月,五老类别,原工作单位及职务",
            "张三,1950-03,老干部,\"市司法局 副局长",
            "李四,1951-04,老战士,市检察院",
            "王五,1952-05,老专家,市中医院",
        ]),
    );
    let err = reg.refused(&["volunteer", "import", arg(&path)]);
    assert!(
        err.contains("第 2 行有一个没有配对的双引号，其后的各行都被读进了同一格"),
        "{err}"
    );
}

#[test]
fn a_tab_separated_csv_with_a_title_row_is_read() {
    let reg = jixi();
    let path = reg.file(
        "tabs.csv",
        lines(&[
            "鸡西市司法局五老人员花名册",
            "姓名\t出生年月\t五老类别",
            "张三\t1950-03\t老干部",
        ]),
    );
    let out = reg.ok(&["volunteer", "import", arg(&path)]);
    assert!(out.ends_with("新增 1，更新 0，未变 0\n"), "{out}");
}

#[test]
fn a_status_date_without_a_status_is_refused() {
    let reg = jixi();
    let path = reg.file(
        "date-only.csv",
        lines(&[
            "姓名,出生年月,五老类别,去世日期",
            "赵一,1950-03,老干部,2024-01-05",
        ]),
    );
    let err = reg.refused(&["volunteer", "import", arg(&path)]);
    assert!(
        err.contains("有状态变更日期，但状态为“在册”：请同时填写状态（不再参加或已故）"),
        "{err}"
    );
}
