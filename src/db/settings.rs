//! The office's own settings: 编印单位, the bulletin's title, its numbering.

use rusqlite::{Connection, OptionalExtension, params};

use crate::output::Text;
use crate::{Result, refuse};

/// A setting the office can change, with its Chinese name and default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    pub key: &'static str,
    pub zh: &'static str,
    pub about_en: &'static str,
    pub default: &'static str,
}

pub const OFFICE: Setting = Setting {
    key: "office",
    zh: "编印单位",
    about_en: "the issuing office, e.g. 鸡西市关工委办公室",
    default: "关工委办公室",
};
pub const TITLE: Setting = Setting {
    key: "bulletin-title",
    zh: "简报名称",
    about_en: "the bulletin's title",
    default: "工作简报",
};
pub const SCOPE: Setting = Setting {
    key: "scope",
    zh: "统计范围",
    about_en: "what the figures cover, as the headline says it, e.g. 市直机关",
    default: "全市",
};
pub const FIRST_TOTAL_ISSUE: Setting = Setting {
    key: "first-total-issue",
    zh: "起始总期号",
    about_en: "the running number (总第N期) of the first bulletin ggw numbers",
    default: "1",
};

pub const ALL: &[Setting] = &[OFFICE, TITLE, SCOPE, FIRST_TOTAL_ISSUE];

/// Finds a setting by its key or Chinese name.
pub fn find(name: &str) -> std::result::Result<Setting, Text> {
    let wanted = crate::model::clean(name);
    ALL.iter()
        .copied()
        .find(|s| s.key.eq_ignore_ascii_case(&wanted) || s.zh == wanted)
        .ok_or_else(|| {
            let zh: Vec<String> = ALL
                .iter()
                .map(|s| format!("{}（{}）", s.key, s.zh))
                .collect();
            let en: Vec<&str> = ALL.iter().map(|s| s.key).collect();
            let (zh, en) = (zh.join("、"), en.join(", "));
            crate::text!(
                "没有设置项“{wanted}”：可设置 {zh}",
                "there is no setting '{wanted}': the settings are {en}"
            )
        })
}

pub fn get(conn: &Connection, setting: Setting) -> Result<String> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT value FROM setting WHERE key = ?1",
            [setting.key],
            |row| row.get(0),
        )
        .optional()?;
    Ok(stored.unwrap_or_else(|| setting.default.to_string()))
}

pub fn set(conn: &Connection, setting: Setting, value: &str) -> Result<()> {
    let value = crate::model::clean(value);
    if value.is_empty() {
        let key = setting.key;
        return Err(refuse!("“{key}”不能为空", "'{key}' cannot be empty"));
    }
    if setting == FIRST_TOTAL_ISSUE && !value.parse::<i64>().is_ok_and(|n| n >= 1) {
        return Err(refuse!(
            "起始总期号应为从1开始的整数，而不是“{value}”",
            "the first total issue is a whole number from 1, not '{value}'"
        ));
    }
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![setting.key, value],
    )?;
    Ok(())
}
