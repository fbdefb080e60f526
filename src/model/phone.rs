//! Telephone numbers: mobiles (1[3-9] and 9 digits) and landlines (area code and number).

use crate::output::Text;

/// Normalises a phone number: a mobile becomes its 11 digits, a landline
/// `0467-2345678` (or its bare 7 or 8 digits when no area code was given).
/// Spaces, hyphens, parentheses and a +86 prefix are dropped.
pub fn parse_phone(s: &str) -> Result<String, Text> {
    let cleaned = super::clean(s);
    let mut digits: String = cleaned
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '（' | '）' | '—'))
        .collect();
    if let Some(rest) = digits.strip_prefix("+86") {
        digits = rest.to_string();
    } else if digits.len() == 13 && digits.starts_with("86") {
        digits = digits[2..].to_string();
    }
    let bad = || {
        crate::text!(
            "“{cleaned}”不是有效电话号码：手机为1开头的11位数字，座机如 0467-2345678",
            "'{cleaned}' is not a phone number: a mobile has 11 digits starting with 1, a landline looks like 0467-2345678"
        )
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let b = digits.as_bytes();
    if b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) {
        return Ok(digits);
    }
    if b[0] == b'0' {
        // Area codes are 010 and 02x (three digits) or 0xxx (four digits).
        let area = if b.len() > 1 && (b[1] == b'1' || b[1] == b'2') {
            3
        } else {
            4
        };
        let local = b.len().saturating_sub(area);
        if b.len() > area && (7..=8).contains(&local) && digits.as_bytes()[area] != b'0' {
            return Ok(format!("{}-{}", &digits[..area], &digits[area..]));
        }
        return Err(bad());
    }
    if (7..=8).contains(&b.len()) && b[0] != b'1' {
        return Ok(digits);
    }
    Err(bad())
}

/// Hides the middle of a number for lists and exports: `138****0001`,
/// `0467-***5678`.
pub fn mask_phone(number: &str) -> String {
    let count = number.chars().count();
    let (head, tail) = match number.find('-') {
        Some(dash) => (number[..=dash].chars().count(), 4),
        None if count == 11 => (3, 4),
        None => (0, 4),
    };
    if count <= head + tail {
        return "*".repeat(count);
    }
    number
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i < head || i >= count - tail {
                c
            } else {
                '*'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles() {
        assert_eq!(parse_phone("138 0000 0001").as_deref(), Ok("13800000001"));
        assert_eq!(
            parse_phone("+86 138-0000-0001").as_deref(),
            Ok("13800000001")
        );
        assert_eq!(parse_phone("8613800000001").as_deref(), Ok("13800000001"));
        assert!(parse_phone("12800000001").is_err());
        assert!(parse_phone("1380000001").is_err());
    }

    #[test]
    fn masking() {
        assert_eq!(mask_phone("13800000001"), "138****0001");
        assert_eq!(mask_phone("0467-2345678"), "0467-***5678");
        assert_eq!(mask_phone("2345678"), "***5678");
        assert_eq!(mask_phone("123"), "***");
    }

    #[test]
    fn landlines() {
        assert_eq!(parse_phone("0467-2345678").as_deref(), Ok("0467-2345678"));
        assert_eq!(parse_phone("(0467)2345678").as_deref(), Ok("0467-2345678"));
        assert_eq!(parse_phone("010 12345678").as_deref(), Ok("010-12345678"));
        assert_eq!(parse_phone("2345678").as_deref(), Ok("2345678"));
        assert!(parse_phone("0467-123").is_err());
        assert!(parse_phone("phone").is_err());
    }
}
