//! The kinds the office can extend (unit kinds), stored in the `kind` table.

use rusqlite::{Connection, OptionalExtension, params};

use crate::output::{Coded, Text};
use crate::{Result, refuse};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    pub id: i64,
    pub code: String,
    pub zh: String,
    pub en: String,
}

impl Kind {
    pub fn coded(&self) -> Coded {
        self.clone().into_coded()
    }

    pub fn into_coded(self) -> Coded {
        Coded {
            code: self.code,
            zh: self.zh,
            en: self.en,
        }
    }

    /// A kind from four columns of a query, from `at` on: its id, code,
    /// name_zh and name_en, read by position.
    pub fn read_at(row: &rusqlite::Row, at: usize) -> rusqlite::Result<Kind> {
        Ok(Kind {
            id: row.get(at)?,
            code: row.get(at + 1)?,
            zh: row.get(at + 2)?,
            en: row.get(at + 3)?,
        })
    }

    fn from_row(row: &rusqlite::Row) -> rusqlite::Result<Kind> {
        Ok(Kind {
            id: row.get("id")?,
            code: row.get("code")?,
            zh: row.get("name_zh")?,
            en: row.get("name_en")?,
        })
    }
}

pub const UNIT: &str = "unit";
pub const MEETING: &str = "meeting";
pub const ACTIVITY: &str = "activity";

/// What the kinds of a domain are kinds of, for messages.
fn words(domain: &str) -> (&'static str, &'static str) {
    match domain {
        MEETING => ("会议", "meeting"),
        ACTIVITY => ("活动", "activity"),
        _ => ("单位", "unit"),
    }
}

pub fn list(conn: &Connection, domain: &str) -> Result<Vec<Kind>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, name_zh, name_en FROM kind WHERE domain = ?1 ORDER BY position, id",
    )?;
    let kinds = stmt
        .query_map([domain], Kind::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(kinds)
}

pub fn by_code(conn: &Connection, domain: &str, code: &str) -> Result<Option<Kind>> {
    Ok(conn
        .query_row(
            "SELECT id, code, name_zh, name_en FROM kind WHERE domain = ?1 AND code = ?2",
            params![domain, code],
            Kind::from_row,
        )
        .optional()?)
}

/// Finds a kind by its Chinese name, English name or code, ignoring case.
pub fn resolve(
    conn: &Connection,
    domain: &str,
    name: &str,
) -> Result<std::result::Result<Kind, Text>> {
    let wanted = crate::model::clean(name);
    let kinds = list(conn, domain)?;
    let found = kinds.iter().find(|k| {
        k.zh == wanted || k.code.eq_ignore_ascii_case(&wanted) || k.en.eq_ignore_ascii_case(&wanted)
    });
    Ok(match found {
        Some(kind) => Ok(kind.clone()),
        None => {
            let zh: Vec<&str> = kinds.iter().map(|k| k.zh.as_str()).collect();
            let en: Vec<&str> = kinds.iter().map(|k| k.code.as_str()).collect();
            let (zh, en) = (zh.join("、"), en.join(", "));
            let (what_zh, what_en) = words(domain);
            Err(crate::text!(
                "未知的{what_zh}类别“{wanted}”：可选 {zh}（可用 ggw {domain} kind add 增加类别）",
                "unknown {what_en} kind '{wanted}': use one of {en} (ggw {domain} kind add adds one)"
            ))
        }
    })
}

/// Adds a kind. The code defaults to the English name in snake_case.
pub fn add(
    conn: &Connection,
    domain: &str,
    zh: &str,
    en: &str,
    code: Option<&str>,
) -> Result<Kind> {
    let zh = crate::model::clean(zh);
    let en = crate::model::clean(en);
    let code = match code {
        Some(code) => crate::model::clean(code),
        None => en
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("_"),
    };
    if zh.is_empty() || en.is_empty() || code.is_empty() {
        return Err(refuse!(
            "类别需要中文名、英文名（以及由字母数字组成的代码）",
            "a kind needs a Chinese name, an English name and a code of letters and digits"
        ));
    }
    if !code
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        || code == "total"
    {
        return Err(refuse!(
            "类别代码“{code}”只能由小写字母、数字和下划线组成（且不能是 total）",
            "the kind code '{code}' must be lower-case letters, digits and underscores (and not 'total')"
        ));
    }
    for existing in list(conn, domain)? {
        if existing.code == code || existing.zh == zh || existing.en.eq_ignore_ascii_case(&en) {
            let (name, existing_code) = (existing.zh, existing.code);
            return Err(refuse!(
                "类别已存在：{name}（{existing_code}）",
                "the kind already exists: {name} ({existing_code})"
            ));
        }
    }
    conn.execute(
        "INSERT INTO kind (domain, code, name_zh, name_en, position)
         VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM kind WHERE domain = ?1))",
        params![domain, code, zh, en],
    )?;
    Ok(Kind {
        id: conn.last_insert_rowid(),
        code,
        zh,
        en,
    })
}
