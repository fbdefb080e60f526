//! Everything the user reads: bilingual labels and messages, and the one
//! renderer that turns a [`Table`] or a [`Record`] into a terminal table,
//! CSV or JSON.

mod csv;
mod json;
pub mod labels;
mod render;
mod text;

use std::borrow::Cow;
use std::str::FromStr;

pub use self::csv::{CsvEncoding, gbk_problem, write_csv, write_csv_rows};
pub use json::{record_json, table_json};
pub use labels::Label;
pub use render::{write_record, write_table};
pub use text::Text;

use crate::model::date::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl FromStr for Lang {
    type Err = crate::Error;

    fn from_str(s: &str) -> crate::Result<Self> {
        // A locale such as zh_CN.UTF-8 or en_US counts by its language.
        let language = s.trim().to_ascii_lowercase();
        let language = language.split(['_', '-', '.']).next().unwrap_or("");
        match language {
            "zh" | "cn" | "中文" => Ok(Lang::Zh),
            "en" | "english" => Ok(Lang::En),
            _ => Err(crate::refuse!(
                "不支持的语言“{s}”：请用 zh 或 en",
                "unknown language '{s}': use zh or en"
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
}

/// An enumerated value as stored (its English code) with its two labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Coded {
    pub code: String,
    pub zh: String,
    pub en: String,
}

/// One cell. The type decides how each format prints it: a rate is `76.0%`
/// in a table and `0.76` in JSON, an enumeration is its label in a table and
/// its English code in JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Text(String),
    Int(i64),
    /// A fraction from 0 to 1, printed as a percentage with one decimal.
    Rate(Option<f64>),
    /// An amount of money in fen (1/100 yuan), printed in yuan.
    Money(i64),
    Bool(bool),
    Date(Date),
    Coded(Coded),
    /// Several enumerated values: labels in a table, codes in JSON.
    CodedList(Vec<Coded>),
    List(Vec<String>),
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    pub fn opt_text(s: Option<String>) -> Value {
        s.map_or(Value::Null, Value::Text)
    }

    pub fn opt_int(n: Option<i64>) -> Value {
        n.map_or(Value::Null, Value::Int)
    }

    pub fn opt_date(d: Option<Date>) -> Value {
        d.map_or(Value::Null, Value::Date)
    }

    /// The cell as a person reads it, in a table or a CSV file.
    pub fn display(&self, lang: Lang) -> Cow<'_, str> {
        match self {
            Value::Null => Cow::Borrowed(""),
            Value::Text(s) => Cow::Borrowed(s),
            Value::Int(n) => Cow::Owned(n.to_string()),
            Value::Rate(None) => Cow::Borrowed("-"),
            Value::Rate(Some(r)) => Cow::Owned(format!("{:.1}%", r * 100.0)),
            Value::Money(fen) => Cow::Owned(format_yuan(*fen)),
            Value::Bool(b) => Cow::Borrowed(match (lang, b) {
                (Lang::Zh, true) => "是",
                (Lang::Zh, false) => "否",
                (Lang::En, true) => "yes",
                (Lang::En, false) => "no",
            }),
            Value::Date(d) => Cow::Owned(d.to_string()),
            Value::Coded(c) => Cow::Borrowed(c.label(lang)),
            Value::CodedList(items) => Cow::Owned(join(items.iter().map(|c| c.label(lang)), lang)),
            Value::List(items) => Cow::Owned(join(items.iter().map(String::as_str), lang)),
        }
    }
}

impl Coded {
    /// A label as a cell: its JSON key the code, as the total row's 合计.
    pub fn of_label(label: Label) -> Coded {
        Coded {
            code: label.key.to_string(),
            zh: label.zh.to_string(),
            en: label.en.to_string(),
        }
    }

    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

fn join<'a>(items: impl Iterator<Item = &'a str>, lang: Lang) -> String {
    items.collect::<Vec<_>>().join(match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    })
}

/// Yuan with two decimals, from fen: `1234567` → `12345.67`.
pub fn format_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.unsigned_abs();
    format!("{sign}{}.{:02}", fen / 100, fen % 100)
}

/// The width of text on a terminal or in a spreadsheet column: a Chinese
/// character takes two.
pub fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Writes a file whole or not at all: to a temporary name beside it, then
/// renamed over it, so that no reader ever sees half a file.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> crate::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written =
        std::fs::write(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        let (file, reason) = (path.display(), e.to_string());
        crate::refuse!("无法写入 {file}：{reason}", "cannot write {file}: {reason}")
    })
}

/// Rows under labelled columns: a list or a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Label>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    pub fn new(columns: Vec<Label>) -> Self {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }
}

/// One record, as `show` prints it: labelled fields, then titled sub-tables
/// (a unit's aliases, a committee's members).
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub fields: Vec<(Label, Value)>,
    pub sections: Vec<(Label, Table)>,
}
