//! Domain types and the checks on their values. Each check returns the reason
//! as bilingual [`Text`](crate::output::Text), so that the command line and the
//! importer can say where the bad value was.

pub mod committee;
pub mod credit_code;
pub mod date;
pub mod enums;
pub mod id_card;
pub mod period;
pub mod phone;
pub mod unit;
pub mod volunteer;

use crate::output::Text;

/// Trims a cell or argument and folds full-width digits, letters, spaces
/// and the marks of dates and numbers (－ ／ ． ＋ ＃), as typed with a
/// Chinese input method, to their ASCII forms.
pub fn clean(s: &str) -> String {
    // Most cells hold nothing to fold: only trimmed and copied.
    if !s
        .chars()
        .any(|c| c == '\u{3000}' || ('\u{FF01}'..='\u{FF5E}').contains(&c))
    {
        return s.trim().to_string();
    }
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' if c.is_alphanumeric() || "－／．＋＃".contains(c) => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// A cleaned value, or `None` when it is empty.
pub fn non_empty(s: &str) -> Option<String> {
    let cleaned = clean(s);
    (!cleaned.is_empty()).then_some(cleaned)
}

/// The largest count taken: more is a typing error, and sums of counts
/// stay far from overflowing.
pub const MAX_COUNT: i64 = 10_000_000;

/// A count of people: a whole number, zero or more.
pub fn parse_count(s: &str) -> Result<i64, Text> {
    let cleaned = clean(s);
    let digits = cleaned.strip_suffix('人').unwrap_or(&cleaned).trim();
    match digits.parse::<i64>() {
        Ok(n) if n > MAX_COUNT => Err(crate::text!(
            "“{cleaned}”太大：请核对（至多 {MAX_COUNT}）",
            "'{cleaned}' is too large: check it (at most {MAX_COUNT})"
        )),
        Ok(n) if n >= 0 => Ok(n),
        Ok(_) => Err(crate::text!(
            "人数不能为负数：“{cleaned}”",
            "a count cannot be negative: '{cleaned}'"
        )),
        Err(_) => Err(crate::text!(
            "“{cleaned}”不是人数：请填写整数",
            "'{cleaned}' is not a count: give a whole number"
        )),
    }
}

/// An amount in yuan (`20000`, `20000.5`, `2万`, `20,000元`), returned in fen.
pub fn parse_yuan(s: &str) -> Result<i64, Text> {
    let cleaned = clean(s);
    let bad = || {
        crate::text!(
            "“{cleaned}”不是金额：请填写元数，如 20000 或 2万",
            "'{cleaned}' is not an amount: give yuan, e.g. 20000"
        )
    };
    let mut number = cleaned.replace([',', '，'], "");
    number = number
        .strip_suffix('元')
        .unwrap_or(&number)
        .trim()
        .to_string();
    let (number, factor) = match number.strip_suffix('万') {
        Some(n) => (n.trim().to_string(), 10_000.0),
        None => (number, 1.0),
    };
    let yuan: f64 = number.parse().map_err(|_| bad())?;
    if !yuan.is_finite() || yuan < 0.0 || yuan * factor > 1e10 {
        return Err(bad());
    }
    Ok((yuan * factor * 100.0).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_folds_full_width() {
        assert_eq!(clean("\u{3000}１２３ＡＢ "), "123AB");
        assert_eq!(clean("２０２３／７．２０"), "2023/7.20");
        assert_eq!(clean("０４６７－２３４５６７８"), "0467-2345678");
        assert_eq!(clean(" 市司法局 "), "市司法局");
    }

    #[test]
    fn yuan_forms() {
        assert_eq!(parse_yuan("20000"), Ok(2_000_000));
        assert_eq!(parse_yuan("2万"), Ok(2_000_000));
        assert_eq!(parse_yuan("1,500.5元"), Ok(150_050));
        assert!(parse_yuan("-5").is_err());
        assert!(parse_yuan("abc").is_err());
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count("１２人"), Ok(12));
        assert!(parse_count("-1").is_err());
        assert!(parse_count("十二").is_err());
        assert!(parse_count("9223372036854775807").is_err());
        assert!(parse_count("10000000").is_ok());
    }
}
