//! The one date parser, for arguments and spreadsheet cells alike.

pub use chrono::NaiveDate as Date;

use crate::output::Text;

/// Reads `2023-07-20`, `2023/7/20`, `2023.7.20`, `2023年7月20日` and `20230720`.
pub fn parse_date(s: &str) -> Result<Date, Text> {
    let cleaned = super::clean(s);
    let parts = split_date(&cleaned);
    let date = match parts.as_slice() {
        [ymd] if ymd.len() == 8 && ymd.bytes().all(|b| b.is_ascii_digit()) => {
            ymd_from(&ymd[0..4], &ymd[4..6], &ymd[6..8])
        }
        [y, m, d] if y.len() == 4 => ymd_from(y, m, d),
        _ => None,
    };
    date.ok_or_else(|| {
        crate::text!(
            "“{cleaned}”不是有效日期：请写成 2023-07-20 或 2023年7月20日",
            "'{cleaned}' is not a valid date: write it as 2023-07-20"
        )
    })
}

/// Splits on the separators people type between year, month and day.
fn split_date(s: &str) -> Vec<&str> {
    s.trim_end_matches(['日', '号'])
        .split(['-', '/', '.', '年', '月'])
        .map(str::trim)
        .collect()
}

fn ymd_from(y: &str, m: &str, d: &str) -> Option<Date> {
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(y) && all_digits(m) && all_digits(d)) || m.len() > 2 || d.len() > 2 {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    if !(1900..=2200).contains(&year) {
        return None;
    }
    Date::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)
}

/// Today, on the local clock.
pub fn today() -> Date {
    chrono::Local::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_written_form() {
        let expected = Date::from_ymd_opt(2023, 7, 20).unwrap();
        for s in [
            "2023-07-20",
            "2023/7/20",
            "2023.7.20",
            "2023年7月20日",
            "20230720",
            " ２０２３-07-20 ",
            "2023-7-20",
        ] {
            assert_eq!(parse_date(s), Ok(expected), "{s}");
        }
    }

    #[test]
    fn refuses_non_dates() {
        for s in [
            "2023-13-01",
            "2023-02-30",
            "yesterday",
            "",
            "2023-07",
            "23-7-20",
            "2023-07-20-1",
        ] {
            assert!(parse_date(s).is_err(), "{s}");
        }
    }
}
