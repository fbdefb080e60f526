//! Periods of reports and lists: a month, a quarter, a half-year, a year,
//! or any two dates.

use super::date::{Date, parse_date};
use crate::output::Text;

/// The days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} – {}", self.from, self.to)
    }
}

/// Reads `2023-07`, `2023-Q3`, `2023-H2` or `2023` (also `2023年7月`,
/// `2023年第三季度`, `2023年下半年`, `2023年`).
pub fn parse_period(s: &str) -> Result<Period, Text> {
    let cleaned = super::clean(s);
    let folded = cleaned
        .to_uppercase()
        .replace(' ', "")
        .replacen('年', "-", 1);
    let folded = folded.trim_end_matches('-');
    let bad = || {
        crate::text!(
            "“{cleaned}”不是期间：请写成 2023-07（月）、2023-Q3（季度）、2023-H2（半年）或 2023（年）",
            "'{cleaned}' is not a period: write 2023-07 (month), 2023-Q3 (quarter), 2023-H2 (half-year) or 2023 (year)"
        )
    };
    // The year is the first four characters; what follows names the part of it.
    let (year, rest) = match folded.char_indices().nth(4) {
        Some((at, _)) => (&folded[..at], folded[at..].trim_start_matches('-')),
        None => (folded, ""),
    };
    let year: i32 = year
        .parse()
        .ok()
        .filter(|y| (1900..=2200).contains(y) && year.len() == 4)
        .ok_or_else(bad)?;
    let months = |first: u32, last: u32| -> Option<Period> {
        let from = Date::from_ymd_opt(year, first, 1)?;
        let next = if last == 12 {
            Date::from_ymd_opt(year + 1, 1, 1)?
        } else {
            Date::from_ymd_opt(year, last + 1, 1)?
        };
        Some(Period {
            from,
            to: next.pred_opt()?,
        })
    };
    let period = match rest.trim_end_matches('月') {
        "" => months(1, 12),
        "Q1" | "第一季度" | "一季度" => months(1, 3),
        "Q2" | "第二季度" | "二季度" => months(4, 6),
        "Q3" | "第三季度" | "三季度" => months(7, 9),
        "Q4" | "第四季度" | "四季度" => months(10, 12),
        "H1" | "上半年" => months(1, 6),
        "H2" | "下半年" => months(7, 12),
        month => month
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=12).contains(m) && month.len() <= 2)
            .and_then(|m| months(m, m)),
    };
    period.ok_or_else(bad)
}

/// A period from `--period`, or from `--from` and `--to` (either may be
/// left open: from the earliest, or up to the latest).
pub fn period_of(
    period: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Option<Period>, Text> {
    match (period, from, to) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => Err(crate::text!(
            "--period 不能与 --from/--to 同时使用",
            "--period cannot go with --from or --to"
        )),
        (Some(period), None, None) => parse_period(period).map(Some),
        (None, None, None) => Ok(None),
        (None, from, to) => {
            // An open end is the first or last day a date may name, so that
            // both ends compare with stored dates as text.
            let from = from.map(parse_date).transpose()?.unwrap_or(first_day());
            let to = to.map(parse_date).transpose()?.unwrap_or(last_day());
            if from > to {
                return Err(crate::text!(
                    "起始日期 {from} 晚于截止日期 {to}",
                    "the start {from} is after the end {to}"
                ));
            }
            Ok(Some(Period { from, to }))
        }
    }
}

fn first_day() -> Date {
    Date::from_ymd_opt(1900, 1, 1).unwrap_or(Date::MIN)
}

fn last_day() -> Date {
    Date::from_ymd_opt(2200, 12, 31).unwrap_or(Date::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_kind_of_period() {
        let cases = [
            ("2023-07", (ymd(2023, 7, 1), ymd(2023, 7, 31))),
            ("2023年7月", (ymd(2023, 7, 1), ymd(2023, 7, 31))),
            ("2024-02", (ymd(2024, 2, 1), ymd(2024, 2, 29))),
            ("2023-Q3", (ymd(2023, 7, 1), ymd(2023, 9, 30))),
            ("2023q4", (ymd(2023, 10, 1), ymd(2023, 12, 31))),
            ("2023年第三季度", (ymd(2023, 7, 1), ymd(2023, 9, 30))),
            ("2023-H2", (ymd(2023, 7, 1), ymd(2023, 12, 31))),
            ("2023年上半年", (ymd(2023, 1, 1), ymd(2023, 6, 30))),
            ("2023", (ymd(2023, 1, 1), ymd(2023, 12, 31))),
            ("2023年", (ymd(2023, 1, 1), ymd(2023, 12, 31))),
        ];
        for (text, (from, to)) in cases {
            assert_eq!(parse_period(text), Ok(Period { from, to }), "{text}");
        }
    }

    #[test]
    fn refusals() {
        for text in ["2023-13", "2023-Q5", "July", "23-07", "2023-007", ""] {
            assert!(parse_period(text).is_err(), "{text}");
        }
        assert!(period_of(Some("2023"), Some("2023-01-01"), None).is_err());
        assert!(period_of(None, Some("2023-02-01"), Some("2023-01-01")).is_err());
        assert_eq!(
            period_of(None, Some("2023-07-01"), Some("2023-07-20")),
            Ok(Some(Period {
                from: ymd(2023, 7, 1),
                to: ymd(2023, 7, 20)
            }))
        );
    }
}
