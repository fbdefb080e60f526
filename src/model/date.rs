//! The one date parser, for arguments and spreadsheet cells alike.

pub use chrono::NaiveDate as Date;

use crate::output::Text;

/// Reads `2023-07-20`, `2023/7/20`, `2023.7.20`, `2023年7月20日`,
/// `20230720`, and Excel's serial day numbers (`45127`), which a date cell
/// becomes when a sheet is saved as CSV from a column not formatted as date.
pub fn parse_date(s: &str) -> Result<Date, Text> {
    let cleaned = super::clean(s);
    date_of(&split_date(&cleaned)).ok_or_else(|| {
        crate::text!(
            "“{cleaned}”不是有效日期：请写成 2023-07-20 或 2023年7月20日",
            "'{cleaned}' is not a valid date: write it as 2023-07-20"
        )
    })
}

/// The date a cleaned cell's parts give, if they give one.
fn date_of(parts: &[&str]) -> Option<Date> {
    match parts {
        [ymd] if ymd.len() == 8 && ymd.bytes().all(|b| b.is_ascii_digit()) => {
            ymd_from(&ymd[0..4], &ymd[4..6], &ymd[6..8])
        }
        [serial] if serial.len() == 5 && serial.bytes().all(|b| b.is_ascii_digit()) => {
            serial.parse().ok().and_then(excel_serial)
        }
        [y, m, d] if y.len() == 4 => ymd_from(y, m, d),
        _ => None,
    }
}

/// Excel counts days from 1899-12-30 (its day 60 is the 29 February 1900
/// that never was, so serials from 61 on come out right).
fn excel_serial(serial: i64) -> Option<Date> {
    Date::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::days(serial))
}

/// A birth date, known to the day or, as rosters often give it, only to the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Birth {
    pub year: i32,
    pub month: u32,
    pub day: Option<u32>,
}

impl std::fmt::Display for Birth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)?;
        match self.day {
            Some(day) => write!(f, "-{day:02}"),
            None => Ok(()),
        }
    }
}

impl From<Date> for Birth {
    fn from(date: Date) -> Birth {
        use chrono::Datelike;
        Birth {
            year: date.year(),
            month: date.month(),
            day: Some(date.day()),
        }
    }
}

impl Birth {
    /// Whether a full date falls within what this birth date says.
    pub fn agrees_with(&self, date: Date) -> bool {
        let full = Birth::from(date);
        full.year == self.year
            && full.month == self.month
            && self.day.is_none_or(|d| Some(d) == full.day)
    }

    /// Age in whole years on a date (a birth known to the month counts from its first day).
    pub fn age_on(&self, date: Date) -> i32 {
        use chrono::Datelike;
        let day = self.day.unwrap_or(1);
        let had_birthday = (date.month(), date.day()) >= (self.month, day);
        date.year() - self.year - i32::from(!had_birthday)
    }
}

/// Reads a birth date: any full date [`parse_date`] reads, or a year and
/// month: `1952.03`, `1952-03`, `1952/3`, `1952年3月`, `195203`.
pub fn parse_birth(s: &str) -> Result<Birth, Text> {
    let cleaned = super::clean(s);
    let parts = split_date(&cleaned);
    // Excel keeps 1948.10 typed in a number cell as 1948.1: with a dot, a
    // lone 1 may be January or October.
    if let [_, "1"] = parts.as_slice()
        && cleaned.contains('.')
    {
        return Err(crate::text!(
            "“{cleaned}”可能是1月也可能是10月（Excel 会把 1948.10 存成 1948.1）：请写成 1948-01 或 1948-10 这样的形式，或把该列设为“文本”格式",
            "'{cleaned}' may be January or October (Excel stores 1948.10 as 1948.1): write 1948-01 or 1948-10, or format the column as Text"
        ));
    }
    birth_of(&parts).ok_or_else(|| {
        crate::text!(
            "“{cleaned}”不是有效的出生年月：请写成 1952-03 或 1952-03-15",
            "'{cleaned}' is not a birth date: write it as 1952-03 or 1952-03-15"
        )
    })
}

/// The birth date a cleaned cell's parts give: a full date, or a month.
fn birth_of(parts: &[&str]) -> Option<Birth> {
    if let Some(date) = date_of(parts) {
        return Some(Birth::from(date));
    }
    let month_of = |y: &str, m: &str| -> Option<Birth> {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if y.len() != 4 || !digits(y) || !digits(m) || m.len() > 2 {
            return None;
        }
        let (year, month): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
        ((1880..=2100).contains(&year) && (1..=12).contains(&month)).then_some(Birth {
            year,
            month,
            day: None,
        })
    };
    match parts {
        [ym] if ym.len() == 6 && ym.bytes().all(|b| b.is_ascii_digit()) => {
            month_of(&ym[..4], &ym[4..])
        }
        [y, m] | [y, m, ""] => month_of(y, m),
        _ => None,
    }
}

/// Reads a birth date as stored (`1952-03` or `1952-03-15`). A report reads
/// every volunteer's: digits and dashes, which cleaning leaves as they are,
/// are split in place instead of into a new string and list.
pub fn stored_birth(s: &str) -> Option<Birth> {
    if !s.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return parse_birth(s).ok();
    }
    let mut parts = [""; 3];
    let mut count = 0;
    for part in s.split('-') {
        if count == parts.len() {
            return None;
        }
        parts[count] = part;
        count += 1;
    }
    birth_of(&parts[..count])
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

    proptest::proptest! {
        /// Stored births are read in place exactly as a typed cell is read.
        #[test]
        fn a_stored_birth_reads_as_the_same_text_typed(s in "[0-9-]{0,12}|[0-9]{4}-[0-9]{1,2}(-[0-9]{1,2})?") {
            proptest::prop_assert_eq!(stored_birth(&s), parse_birth(&s).ok());
        }
    }

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
    fn excel_serial_days() {
        assert_eq!(
            parse_date("45127"),
            Ok(Date::from_ymd_opt(2023, 7, 20).unwrap())
        );
        assert_eq!(
            parse_date("18700"),
            Ok(Date::from_ymd_opt(1951, 3, 13).unwrap())
        );
    }

    #[test]
    fn birth_dates_to_the_month_or_the_day() {
        let march = Birth {
            year: 1952,
            month: 3,
            day: None,
        };
        for s in [
            "1952.03",
            "1952-03",
            "1952/3",
            "1952年3月",
            "195203",
            "1952.3",
        ] {
            assert_eq!(parse_birth(s), Ok(march), "{s}");
        }
        assert_eq!(
            parse_birth("1952年3月15日").unwrap().to_string(),
            "1952-03-15"
        );
        assert_eq!(march.to_string(), "1952-03");
        assert!(march.agrees_with(Date::from_ymd_opt(1952, 3, 15).unwrap()));
        assert!(!march.agrees_with(Date::from_ymd_opt(1952, 4, 1).unwrap()));
        assert!(parse_birth("1948.1").unwrap_err().zh.contains("10月"));
        assert_eq!(parse_birth("1948.01").unwrap().to_string(), "1948-01");
        for s in [
            "1952.13",
            "52.03",
            "1952",
            "abc",
            "1952-03-40",
            "不详",
            "未知",
            "一九五二",
        ] {
            assert!(parse_birth(s).is_err(), "{s}");
        }
    }

    #[test]
    fn age_counts_whole_years() {
        let birth = parse_birth("1950-07-20").unwrap();
        assert_eq!(birth.age_on(Date::from_ymd_opt(2023, 7, 19).unwrap()), 72);
        assert_eq!(birth.age_on(Date::from_ymd_opt(2023, 7, 20).unwrap()), 73);
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
