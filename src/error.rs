//! The library's error type. Every message exists in Chinese and English.

use std::path::PathBuf;

use crate::output::{Lang, Text};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input or the request was refused: a bad value, a failed check,
    /// an unknown record. Exit code 1.
    #[error("{}", .0.en)]
    Refused(Text),
    /// The database file was written by a newer ggw.
    #[error("{path}: schema version {found} is newer than this ggw supports ({supported})")]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// 1 when the request or its input was refused, 3 for anything internal.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Refused(_) | Error::TooNew { .. } => 1,
            Error::Database(_) | Error::Io { .. } => 3,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Refused(text) => text.get(lang).to_string(),
            Error::TooNew {
                path,
                found,
                supported,
            } => {
                let path = path.display();
                Text::new(
                    format!(
                        "{path} 由更新版本的 ggw 写入（数据库版本 {found}，本程序最高支持 {supported}）。\n请升级 ggw 后再打开此文件；文件未被修改。"
                    ),
                    format!(
                        "{path} was written by a newer ggw (schema version {found}; this ggw supports up to {supported}).\nUpgrade ggw to open it; the file was not changed."
                    ),
                )
                .get(lang)
                .to_string()
            }
            Error::Database(e) => match lang {
                Lang::Zh => format!("数据库错误：{e}"),
                Lang::En => format!("database error: {e}"),
            },
            Error::Io { path, source } => format!("{}: {source}", path.display()),
        }
    }
}

/// Builds an [`Error::Refused`] from a Chinese and an English format string
/// (inline captures: `refuse!("未找到{name}", "no {name}")`).
#[macro_export]
macro_rules! refuse {
    ($zh:literal, $en:literal $(,)?) => {
        $crate::error::Error::Refused($crate::output::Text::new(format!($zh), format!($en)))
    };
}
