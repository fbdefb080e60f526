//! 《工作简报》: the bulletin's figures for a period, as the files the
//! monthly script writes and the statistics section the clerk pastes.
//!
//! The same registry and period give the same bytes: rows in a fixed
//! order, and the issue numbers and date fixed the first time a period's
//! bulletin is written.

use chrono::Datelike;
use rusqlite::{Connection, OptionalExtension, params};

use super::{activities, coverage, meetings, volunteers};
use crate::db::settings;
use crate::model::date::{Date, today};
use crate::model::period::Period;
use crate::output::{
    self, CsvEncoding, Label, Lang, Table, Value, display_width, format_yuan, labels,
};
use crate::{Result, refuse};

/// A bulletin's place in the series: 2023年第7期（总第N期）, and its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbers {
    pub year: i32,
    pub issue: i64,
    pub total_issue: i64,
    pub issued_on: Date,
}

/// The numbers of a period's bulletin: those it was given before, else the
/// next in its year and in the series (or those asked for), recorded now.
pub fn numbers(
    conn: &Connection,
    period: Period,
    issue: Option<i64>,
    total_issue: Option<i64>,
    issued_on: Option<Date>,
) -> Result<Numbers> {
    let stored: Option<Numbers> = conn
        .query_row(
            "SELECT year, issue, total_issue, issued_on FROM bulletin WHERE period_from = ?1 AND period_to = ?2",
            params![period.from, period.to],
            |row| {
                Ok(Numbers {
                    year: row.get(0)?,
                    issue: row.get(1)?,
                    total_issue: row.get(2)?,
                    issued_on: row.get(3)?,
                })
            },
        )
        .optional()?;
    let year = period.to.year();
    let next_issue: i64 = conn.query_row(
        "SELECT coalesce(max(issue), 0) + 1 FROM bulletin WHERE year = ?1",
        [year],
        |row| row.get(0),
    )?;
    let first_total: i64 = settings::get(conn, settings::FIRST_TOTAL_ISSUE)?
        .parse()
        .unwrap_or(1);
    let next_total: i64 = conn.query_row(
        "SELECT max(coalesce(max(total_issue), 0) + 1, ?1) FROM bulletin",
        [first_total],
        |row| row.get(0),
    )?;
    let wanted = Numbers {
        year,
        issue: issue.or(stored.map(|s| s.issue)).unwrap_or(next_issue),
        total_issue: total_issue
            .or(stored.map(|s| s.total_issue))
            .unwrap_or(next_total),
        issued_on: issued_on
            .or(stored.map(|s| s.issued_on))
            .unwrap_or_else(today),
    };
    if stored == Some(wanted) {
        return Ok(wanted);
    }
    for (n, what_zh, what_en) in [
        (wanted.issue, "期号", "issue"),
        (wanted.total_issue, "总期号", "total issue"),
    ] {
        if n < 1 {
            return Err(refuse!(
                "{what_zh}应从1开始，而不是 {n}",
                "the {what_en} number starts at 1, not {n}"
            ));
        }
    }
    let taken: Option<(String, String)> = conn
        .query_row(
            "SELECT period_from, period_to FROM bulletin
             WHERE (year = ?1 AND issue = ?2 OR total_issue = ?3) AND NOT (period_from = ?4 AND period_to = ?5)",
            params![wanted.year, wanted.issue, wanted.total_issue, period.from, period.to],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    if let Some((from, to)) = taken {
        let (year, issue, total) = (wanted.year, wanted.issue, wanted.total_issue);
        return Err(refuse!(
            "{year}年第{issue}期或总第{total}期已用于 {from} 至 {to} 的简报：请换一个期号",
            "issue {issue} of {year} or total issue {total} is the bulletin of {from} to {to} already: choose another number"
        ));
    }
    conn.execute(
        "INSERT INTO bulletin (period_from, period_to, year, issue, total_issue, issued_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (period_from, period_to) DO UPDATE SET year = excluded.year, issue = excluded.issue,
             total_issue = excluded.total_issue, issued_on = excluded.issued_on",
        params![period.from, period.to, wanted.year, wanted.issue, wanted.total_issue, wanted.issued_on],
    )?;
    Ok(wanted)
}

/// The headline figures of a period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub units: i64,
    pub with_committee: i64,
    pub committees: i64,
    pub establish_rate: Option<f64>,
    pub compliant: i64,
    pub compliance_rate: Option<f64>,
    pub volunteers: i64,
    pub new_volunteers: i64,
    pub meetings: i64,
    pub attendance: i64,
    pub activities: i64,
    pub youth: i64,
    /// In fen.
    pub funds: i64,
    pub students: i64,
}

/// One table of the bulletin, and the file it is written to.
pub struct Part {
    pub file: &'static str,
    pub title: Label,
    pub table: Table,
}

pub struct Bulletin {
    pub period: Period,
    pub numbers: Numbers,
    pub figures: Figures,
    pub summary: Table,
    pub parts: Vec<Part>,
}

const INDICATOR: Label = Label {
    key: "indicator",
    zh: "指标",
    en: "Indicator",
};
const FIGURE: Label = Label {
    key: "value",
    zh: "数值",
    en: "Value",
};

/// Gathers the figures and tables of a period's bulletin.
pub fn build(conn: &Connection, period: Period, numbers: Numbers) -> Result<Bulletin> {
    let as_of = period.to;
    let coverage_rows = coverage::coverage(conn, as_of)?;
    let total = coverage_rows.last().cloned();
    let committees: i64 = conn.query_row(
        "SELECT count(*) FROM committee c
         WHERE c.status <> 'planned' AND c.established_on <= ?1
           AND (c.dissolved_on IS NULL OR c.dissolved_on > ?1)",
        [as_of],
        |row| row.get(0),
    )?;
    let volunteer_table = volunteers::volunteers_table(conn, as_of, Some(period))?;
    let meeting_table = meetings::meetings_table(conn, period)?;
    let activity_table = activities::activities_table(conn, period, activities::By::Unit)?;
    let last_int = |table: &Table, key: &str| -> i64 {
        let column = table.columns.iter().position(|c| c.key == key);
        match column.and_then(|c| table.rows.last().map(|row| &row[c])) {
            Some(Value::Int(n)) | Some(Value::Money(n)) => *n,
            _ => 0,
        }
    };
    let figures = Figures {
        units: total.as_ref().map_or(0, |t| t.units),
        with_committee: total.as_ref().map_or(0, |t| t.with_committee),
        committees,
        establish_rate: total.as_ref().and_then(|t| t.establish_rate()),
        compliant: total.as_ref().map_or(0, |t| t.compliant),
        compliance_rate: total.as_ref().and_then(|t| t.compliance_rate()),
        volunteers: last_int(&volunteer_table, "total"),
        new_volunteers: last_int(&volunteer_table, "joined"),
        meetings: last_int(&meeting_table, "meetings"),
        attendance: last_int(&meeting_table, "attendees"),
        activities: last_int(&activity_table, "activities"),
        youth: last_int(&activity_table, "youth"),
        funds: last_int(&activity_table, "funds"),
        students: last_int(&activity_table, "students"),
    };
    let parts = vec![
        Part {
            file: "coverage.csv",
            title: labels::COVERAGE_TITLE,
            table: coverage::coverage_table(&coverage_rows),
        },
        Part {
            file: "units-without-committee.csv",
            title: labels::MISSING_TITLE,
            table: coverage::missing_table(conn, as_of)?,
        },
        Part {
            file: "volunteers.csv",
            title: Label {
                key: "volunteers",
                zh: "五老队伍",
                en: "Volunteers",
            },
            table: volunteer_table,
        },
        Part {
            file: "meetings.csv",
            title: Label {
                key: "meetings",
                zh: "会议情况",
                en: "Meetings",
            },
            table: meeting_table,
        },
        Part {
            file: "activities.csv",
            title: Label {
                key: "activities",
                zh: "活动开展情况",
                en: "Activities",
            },
            table: activity_table,
        },
    ];
    Ok(Bulletin {
        period,
        numbers,
        summary: summary_table(&figures),
        figures,
        parts,
    })
}

fn summary_table(f: &Figures) -> Table {
    let mut table = Table::new(vec![INDICATOR, FIGURE]);
    let rows: [(&str, &str, &str, Value); 14] = [
        ("units", "单位数", "Units", Value::Int(f.units)),
        (
            "with_committee",
            "已建关工委单位数",
            "Units with a committee",
            Value::Int(f.with_committee),
        ),
        (
            "committees",
            "关工委个数",
            "Committees",
            Value::Int(f.committees),
        ),
        (
            "establish_rate",
            "组建率",
            "Establishment rate",
            Value::Rate(f.establish_rate),
        ),
        (
            "compliant",
            "六有达标单位数",
            "Compliant units",
            Value::Int(f.compliant),
        ),
        (
            "compliance_rate",
            "达标率",
            "Compliance rate",
            Value::Rate(f.compliance_rate),
        ),
        (
            "volunteers",
            "五老人数",
            "Volunteers",
            Value::Int(f.volunteers),
        ),
        (
            "new_volunteers",
            "本期新增五老",
            "New volunteers",
            Value::Int(f.new_volunteers),
        ),
        ("meetings", "会议次数", "Meetings", Value::Int(f.meetings)),
        (
            "attendance",
            "参会人次",
            "Attendance",
            Value::Int(f.attendance),
        ),
        (
            "activities",
            "活动场次",
            "Activities",
            Value::Int(f.activities),
        ),
        (
            "youth",
            "受益青少年人次",
            "Youth reached",
            Value::Int(f.youth),
        ),
        (
            "funds",
            "帮扶资金（元）",
            "Funds (yuan)",
            Value::Money(f.funds),
        ),
        (
            "students",
            "资助学生数",
            "Students helped",
            Value::Int(f.students),
        ),
    ];
    for (code, zh, en, value) in rows {
        table.push(vec![
            Value::Coded(output::Coded {
                code: code.to_string(),
                zh: zh.to_string(),
                en: en.to_string(),
            }),
            value,
        ]);
    }
    table
}

/// The files of the bulletin, in the order written: the CSV tables, then
/// bulletin.md (and bulletin.xlsx when asked for).
pub fn files(
    bulletin: &Bulletin,
    office: &str,
    title: &str,
    scope: &str,
    lang: Lang,
    encoding: CsvEncoding,
    xlsx: bool,
) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    let summary = Part {
        file: "summary.csv",
        title: Label {
            key: "summary",
            zh: "主要数据",
            en: "Headline figures",
        },
        table: bulletin.summary.clone(),
    };
    for part in std::iter::once(&summary).chain(&bulletin.parts) {
        if encoding == CsvEncoding::Gbk
            && let Some(problem) = output::gbk_problem(&part.table, lang)
        {
            let (file, zh, en) = (part.file, &problem.zh, &problem.en);
            return Err(refuse!("{file}：{zh}", "{file}: {en}"));
        }
        let mut bytes = Vec::new();
        output::write_csv(&mut bytes, &part.table, lang, encoding)
            .map_err(|e| crate::Error::io(part.file, e))?;
        files.push((part.file.to_string(), bytes));
    }
    files.push((
        "bulletin.md".to_string(),
        markdown(bulletin, office, title, scope).into_bytes(),
    ));
    if xlsx {
        files.push((
            "bulletin.xlsx".to_string(),
            workbook(bulletin, &summary, lang)?,
        ));
    }
    Ok(files)
}

/// `2023年7月`, `2023年第三季度`, `2023年下半年`, `2023年`, or the two dates.
pub fn period_name(period: Period) -> String {
    let (from, to) = (period.from, period.to);
    let whole_months = from.day() == 1 && to.succ_opt().is_some_and(|next| next.day() == 1);
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32 + 1;
    let quarter = ["一", "二", "三", "四"];
    match (
        whole_months && from.year() == to.year(),
        months,
        from.month(),
    ) {
        (true, 1, m) => format!("{}年{m}月", from.year()),
        (true, 3, m) if (m - 1) % 3 == 0 => {
            format!("{}年第{}季度", from.year(), quarter[((m - 1) / 3) as usize])
        }
        (true, 6, 1) => format!("{}年上半年", from.year()),
        (true, 6, 7) => format!("{}年下半年", from.year()),
        (true, 12, 1) => format!("{}年", from.year()),
        _ => format!("{}至{}", chinese_date(from), chinese_date(to)),
    }
}

fn chinese_date(date: Date) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// 截至7月底 for a period ending at a month's end, else 截至2023年7月20日.
fn as_of_phrase(period: Period) -> String {
    let to = period.to;
    if to.succ_opt().is_some_and(|next| next.day() == 1) {
        format!("截至{}月底", to.month())
    } else {
        format!("截至{}", chinese_date(to))
    }
}

fn rate(rate: Option<f64>) -> String {
    Value::Rate(rate).display(Lang::Zh).into_owned()
}

/// The statistics section in Chinese, ready to paste: the masthead, one
/// paragraph in the bulletin's own style, then the tables.
fn markdown(bulletin: &Bulletin, office: &str, title: &str, scope: &str) -> String {
    let (n, f) = (&bulletin.numbers, &bulletin.figures);
    let mut out = String::new();
    out.push_str(&format!("# 《{title}》\n\n"));
    out.push_str(&format!(
        "{}年第{}期（总第{}期）\n\n",
        n.year, n.issue, n.total_issue
    ));
    out.push_str(&format!(
        "{office}　　　　{}\n\n",
        chinese_date(n.issued_on)
    ));
    out.push_str(&format!(
        "## 统计数据（{}）\n\n",
        period_name(bulletin.period)
    ));
    out.push_str(&format!(
        "{}，{scope}已建立关工委{}个，覆盖单位{}个（共{}个），组建率{}；其中{}个单位的关工委达到“六有”标准，达标率{}。\
         现有五老{}人，本期新增{}人。本期召开会议{}次，参会{}人次；开展活动{}场，受益青少年{}人次，帮扶资金{}元，资助学生{}人。\n\n",
        as_of_phrase(bulletin.period),
        f.committees,
        f.with_committee,
        f.units,
        rate(f.establish_rate),
        f.compliant,
        rate(f.compliance_rate),
        f.volunteers,
        f.new_volunteers,
        f.meetings,
        f.attendance,
        f.activities,
        f.youth,
        format_yuan(f.funds),
        f.students,
    ));
    for part in &bulletin.parts {
        out.push_str(&format!("### {}\n\n", part.title.zh));
        out.push_str(&markdown_table(&part.table));
        out.push('\n');
    }
    out
}

fn markdown_table(table: &Table) -> String {
    if table.rows.is_empty() {
        return "（无）\n".to_string();
    }
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = String::new();
    let header: Vec<String> = table.columns.iter().map(|c| cell(c.zh)).collect();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|v| cell(&v.display(Lang::Zh))).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// One sheet a table, columns wide enough for Chinese text; dated by the
/// bulletin, so that the same bulletin gives the same bytes.
fn workbook(bulletin: &Bulletin, summary: &Part, lang: Lang) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};
    let failed = |e: rust_xlsxwriter::XlsxError| {
        let reason = e.to_string();
        refuse!(
            "无法生成简报工作簿：{reason}",
            "cannot build the bulletin workbook: {reason}"
        )
    };
    let mut book = Workbook::new();
    let date = bulletin.numbers.issued_on;
    let created = ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)
        .map_err(failed)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    for part in std::iter::once(summary).chain(&bulletin.parts) {
        let sheet = book.add_worksheet();
        sheet.set_name(part.title.get(lang)).map_err(failed)?;
        for (c, column) in part.table.columns.iter().enumerate() {
            sheet
                .write_string(0, c as u16, column.get(lang))
                .map_err(failed)?;
        }
        for (r, row) in part.table.rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match value {
                    Value::Int(n) => sheet.write_number(r, c, *n as f64).map(|_| ()),
                    Value::Money(fen) => sheet.write_number(r, c, *fen as f64 / 100.0).map(|_| ()),
                    other => sheet.write_string(r, c, other.display(lang)).map(|_| ()),
                }
                .map_err(failed)?;
            }
        }
        for c in 0..part.table.columns.len() {
            let widest = std::iter::once(display_width(part.table.columns[c].get(lang)))
                .chain(
                    part.table
                        .rows
                        .iter()
                        .map(|row| display_width(&row[c].display(lang))),
                )
                .max()
                .unwrap_or(8);
            sheet
                .set_column_width(c as u16, (widest.clamp(6, 60) + 2) as f64)
                .map_err(failed)?;
        }
    }
    book.save_to_buffer().map_err(failed)
}
