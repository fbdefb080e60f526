//! The one table of header synonyms, and finding the header row of a sheet
//! below its title rows and above its footer.

use crate::output::Text;

use super::SheetRow;

/// A field an importer reads. Its synonyms are the headers units write for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    /// The header the clerk is told to use, Chinese then English.
    pub zh: &'static str,
    pub en: &'static str,
    pub synonyms: &'static [&'static str],
    pub required: bool,
}

macro_rules! fields {
    ($($name:ident = $key:literal, $zh:literal, $en:literal, [$($syn:literal),*];)*) => {
        $(pub const $name: Field = Field { key: $key, zh: $zh, en: $en, synonyms: &[$($syn),*], required: false };)*
    };
}

fields! {
    UNIT = "unit", "单位名称", "unit", ["单位", "单位全称", "所在单位", "服务单位", "单位名", "unit name", "name of unit"];
    ALIASES = "aliases", "简称", "aliases", ["单位简称", "别名", "曾用名", "alias", "short name"];
    UNIT_KIND = "unit_kind", "单位类别", "kind", ["单位类型", "单位性质", "类别", "unit kind", "type"];
    PARENT = "parent", "上级单位", "parent", ["主管单位", "上级主管单位", "主管部门", "parent unit"];
    CREDIT_CODE = "credit_code", "统一社会信用代码", "credit code", ["信用代码", "社会信用代码", "uscc"];
    STAFF = "staff", "职工人数", "staff", ["在职人数", "干部职工人数", "职工总数", "staff count"];
    YOUNG_STAFF = "young_staff", "青年职工人数", "young staff", ["青年干部职工人数", "青年人数", "青年职工", "young staff count"];
    CONTACT = "contact", "联系人", "contact", ["联络人", "contact person"];
    PHONE = "phone", "联系电话", "phone", ["电话", "手机", "手机号码", "手机号", "联系方式", "telephone", "mobile"];
    NOTE = "note", "备注", "note", ["说明", "notes", "remark", "remarks"];
    PERSON_NAME = "name", "姓名", "name", ["名字", "五老姓名", "人员姓名"];
    GENDER = "gender", "性别", "gender", ["sex"];
    BIRTH_DATE = "birth_date", "出生年月", "birth date", ["出生日期", "出生年月日", "生日", "出生时间", "birthday", "date of birth", "born"];
    ID_CARD = "id_card", "身份证号", "id card", ["身份证号码", "公民身份号码", "身份证", "身份证件号码", "id number", "id"];
    LANDLINE = "landline", "座机", "landline", ["固定电话", "座机号码", "家庭电话", "住宅电话", "办公电话"];
    CATEGORY = "category", "五老类别", "category", ["类别", "五老类型", "人员类别", "类型"];
    FORMER_POST = "former_post", "原工作单位及职务", "former post", ["原单位职务", "原工作单位及职务(职称)", "原任职务", "原职务", "原工作单位", "原单位及职务", "退休前单位及职务"];
    RETIRED_RANK = "retired_rank", "退休时职级", "retired rank", ["退休级别", "职级", "级别", "退休职级"];
    POLITICAL_STATUS = "political_status", "政治面貌", "political status", ["党派"];
    SPECIALTIES = "specialties", "专长", "specialties", ["特长", "专业特长", "个人专长", "specialty"];
    JOINED_ON = "joined_on", "加入日期", "joined", ["加入时间", "入列时间", "参加时间", "joined on"];
    STATUS = "status", "状态", "status", ["人员状态"];
    STATUS_ON = "status_on", "状态变更日期", "status since", ["退出日期", "去世日期", "逝世日期", "status on", "status date"];
    HELD_ON = "held_on", "日期", "date", ["活动日期", "会议日期", "开始日期", "时间", "活动时间", "会议时间", "held on"];
    UNTIL = "until", "结束日期", "until", ["截止日期", "结束时间", "end date"];
    ACTIVITY_KIND = "activity_kind", "活动类别", "kind", ["活动类型", "类别", "类型", "activity kind"];
    ACTIVITY_TITLE = "title", "活动名称", "title", ["名称", "活动主题", "主题", "标题"];
    YOUTH = "youth", "受益青少年人次", "youth", ["受益青少年", "受益人次", "青少年人次", "youth reached"];
    VOLUNTEERS_INVOLVED = "volunteers", "参与五老人数", "volunteers", ["参与五老", "五老人数", "参与五老人次", "volunteers involved"];
    FUNDS = "funds", "帮扶资金", "funds", ["帮扶资金(元)", "资金", "资金(元)", "金额", "funds (yuan)"];
    STUDENTS = "students", "资助学生数", "students", ["资助学生", "资助学生人数", "受助学生数", "students helped"];
    LOCATION = "location", "地点", "location", ["活动地点", "会议地点"];
    SUMMARY = "summary", "简要内容", "summary", ["内容", "活动内容", "主要内容", "简介"];
    MEETING_KIND = "meeting_kind", "会议类别", "kind", ["会议类型", "类别", "类型", "meeting kind"];
    MEETING_TITLE = "title", "会议名称", "title", ["名称", "会议主题", "主题", "标题"];
    HOSTS = "hosts", "主办单位", "hosts", ["主办", "主办方", "承办单位"];
    PRESIDER = "presider", "主持人", "presider", ["主持"];
    ATTENDEES = "attendees", "参会人数", "attendees", ["人数", "出席人数", "参加人数"];
    SPEAKERS = "speakers", "发言", "speakers", ["发言单位", "发言人", "交流发言"];
    ATTENDING_UNITS = "attending_units", "参会单位", "units", ["出席单位", "参加单位", "参会单位及人数"];
    POST = "post", "职务", "post", ["职务职称", "单位职务"];
    SIGNED_AT = "signed_at", "签到时间", "signed at", ["签到"];
    IS_MODEL = "is_model", "五老典型", "model", ["是否典型", "典型", "是否五老典型", "model volunteer"];
    ESTABLISHED_ON = "established_on", "成立日期", "established", ["成立时间", "建立时间", "组建时间", "建立日期", "established on", "date"];
    BATCH = "batch", "批次", "batch", ["建立批次", "组建批次"];
    DIRECTOR = "director", "主任", "director", ["关工委主任"];
    EXECUTIVE_DEPUTY = "executive_deputy", "常务副主任", "executive deputy", ["关工委常务副主任"];
    MEETS = "meets", "已具备", "meets", ["六有情况", "六有达标项", "达标项", "具备项", "standards met"];
    YEARLY_FUNDS = "yearly_funds", "年度经费", "yearly funds", ["年度经费(元)", "办公经费", "经费(元)"];
}

/// Columns nobody imports, left out of the list of unused columns.
const SERIAL_HEADERS: &[&str] = &["序号", "编号", "no", "no.", "#"];

/// The first cells of a footer or a totals row: the data ends above them.
const FOOTER_STARTS: &[&str] = &[
    "合计",
    "总计",
    "小计",
    "填表人",
    "填报人",
    "审核",
    "制表",
    "经办人",
    "填报日期",
    "填表日期",
    "填报单位",
    "负责人",
    "单位负责人",
    "联系电话：",
    "联系电话:",
    "注：",
    "注:",
    "说明：",
    "说明:",
];

/// The header row's title rows above it are searched this far down.
pub const HEADER_SEARCH_ROWS: usize = 20;

/// Header text as compared: no spaces, underscores, `*` or `(必填)`
/// marks, ASCII parentheses, lower case (`young_staff` = `Young Staff`).
fn fold_header(s: &str) -> String {
    let mut folded: String = crate::model::clean(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊' | '_'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    for mark in ["(必填)", "(选填)", "(可选)"] {
        folded = folded.replace(mark, "");
    }
    folded
}

/// A serial-number header (序号): a known header that no field takes.
fn is_serial(header: &str) -> bool {
    SERIAL_HEADERS.contains(&fold_header(header).as_str())
}

/// A header names a field by one of its names, with or without a note in
/// parentheses at its end: `联系电话（手机）`, `身份证号码(18位)`.
fn matches(field: &Field, header: &str) -> bool {
    let header = fold_header(header);
    let bare = match header
        .strip_suffix(')')
        .and_then(|h| h.rfind('(').map(|at| &h[..at]))
    {
        Some(bare) if !bare.is_empty() => bare,
        _ => header.as_str(),
    };
    !header.is_empty()
        && [field.zh, field.en]
            .iter()
            .chain(field.synonyms)
            .any(|name| {
                let name = fold_header(name);
                name == header || name == bare
            })
}

/// Where each field is in the sheet.
#[derive(Debug, Clone)]
pub struct Columns {
    /// (field key, column index, header as written)
    found: Vec<(&'static str, usize, String)>,
    pub ignored: Vec<String>,
    /// The 序号 columns.
    serial: Vec<usize>,
    /// The header row as written, for the rejects file.
    pub header_cells: Vec<String>,
}

impl Columns {
    /// The cell of `field` among a row's cells, trimmed; empty when the column is absent.
    pub fn cell<'a>(&self, cells: &'a [String], field: &Field) -> &'a str {
        self.found
            .iter()
            .find(|(key, _, _)| *key == field.key)
            .and_then(|(_, index, _)| cells.get(*index))
            .map_or("", |cell| cell.trim())
    }

    /// The header of `field` as the file writes it, to name the column in messages.
    pub fn header(&self, field: &Field) -> String {
        self.found
            .iter()
            .find(|(key, _, _)| *key == field.key)
            .map_or_else(|| field.zh.to_string(), |(_, _, header)| header.clone())
    }
}

/// Finds the header row among a sheet's top rows: the first in which at
/// least half the cells are known headers, one of them a required field.
/// Returns the columns and the header's index in `rows`.
pub fn locate(rows: &[SheetRow], fields: &[Field]) -> Result<(Columns, usize), Text> {
    if rows
        .iter()
        .all(|row| row.cells.iter().all(|c| c.trim().is_empty()))
    {
        return Err(crate::text!("文件是空的", "the file is empty"));
    }
    // Of the top rows naming a required field, the one naming the most
    // fields: a roster may have many columns no field takes (民族, 籍贯 …).
    let mut header_at = None;
    let mut most_known = 0;
    for (index, row) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let known = row
            .cells
            .iter()
            .filter(|c| fields.iter().any(|f| matches(f, c)) || is_serial(c))
            .count();
        let required_present = fields
            .iter()
            .filter(|f| f.required)
            .any(|f| row.cells.iter().any(|c| matches(f, c)));
        if required_present && known > most_known {
            header_at = Some(index);
            most_known = known;
        }
    }
    let Some(header_at) = header_at else {
        let required: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.zh).collect();
        let required_en: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.en).collect();
        let (zh, en) = (required.join("、"), required_en.join(", "));
        return Err(crate::text!(
            "找不到表头行：表头应含有“{zh}”列（前{HEADER_SEARCH_ROWS}行中未找到）",
            "no header row found: the header must have the column(s) {en} (looked in the first {HEADER_SEARCH_ROWS} rows)"
        ));
    };
    let header = &rows[header_at];
    let mut found: Vec<(&'static str, usize, String)> = Vec::new();
    let mut ignored = Vec::new();
    let mut serial = Vec::new();
    for (index, cell) in header.cells.iter().enumerate() {
        let text = crate::model::clean(cell);
        if text.is_empty() {
            continue;
        }
        match fields.iter().find(|f| matches(f, &text)) {
            Some(field) if !found.iter().any(|(key, _, _)| *key == field.key) => {
                found.push((field.key, index, text));
            }
            Some(_) => ignored.push(text),
            None if is_serial(&text) => serial.push(index),
            None if [
                super::rejects::REASON_HEADER.zh,
                super::rejects::REASON_HEADER.en,
            ]
            .contains(&text.as_str()) => {}
            None => ignored.push(text),
        }
    }
    if let Some(field) = fields
        .iter()
        .find(|f| f.required && !found.iter().any(|(key, _, _)| *key == f.key))
    {
        let (zh, en) = (field.zh, field.en);
        let synonyms = field.synonyms.join("、");
        return Err(crate::text!(
            "缺少必需的列“{zh}”（也可写作：{synonyms}）",
            "the required column '{en}' ({zh}) is missing"
        ));
    }
    let columns = Columns {
        found,
        ignored,
        serial,
        header_cells: header.cells.clone(),
    };
    Ok((columns, header_at))
}

/// A footer row (填表人：…, 填报日期：…): the sheet's data ends above it.
pub fn is_footer(row: &SheetRow) -> bool {
    // `填 表 人：` is spaced out to fill the cell.
    let first = row
        .cells
        .iter()
        .map(|c| {
            crate::model::clean(c)
                .split_whitespace()
                .collect::<String>()
        })
        .find(|c| !c.is_empty());
    first.is_some_and(|first| FOOTER_STARTS.iter().any(|start| first.starts_with(start)))
}

/// Whether a data row has nothing in it but, perhaps, a number in the 序号
/// column (templates number their empty rows in advance).
pub fn is_blank(row: &SheetRow, columns: &Columns) -> bool {
    row.cells
        .iter()
        .enumerate()
        .all(|(index, cell)| cell.trim().is_empty() || columns.serial.contains(&index))
}
