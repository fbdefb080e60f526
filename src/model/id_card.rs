//! 身份证号: the 18-character citizen identity number of GB 11643.

use super::date::Date;
use super::volunteer::Gender;
use crate::output::Text;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// A checked number, with the birth date and sex it encodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdCard {
    pub number: String,
    pub birth: Date,
    pub gender: Gender,
}

/// Checks a number: 17 digits and a check character (a lower-case x is
/// taken as X), a real birth date, and the GB 11643 checksum.
pub fn check_id_card(s: &str) -> Result<IdCard, Text> {
    let number = super::clean(s).replace(' ', "").to_ascii_uppercase();
    if looks_like_excel_number(&number) {
        return Err(crate::text!(
            "身份证号“{number}”已被 Excel 当作数字改写，后几位已丢失：请把该列设为“文本”格式，重新填写后再导入",
            "the ID number '{number}' was turned into a number by Excel and its last digits are lost: format the column as Text, type the numbers again and re-import"
        ));
    }
    let count = number.chars().count();
    if count == 15 {
        return Err(crate::text!(
            "“{number}”是15位旧身份证号：请填写18位身份证号",
            "'{number}' is an old 15-digit ID number: give the 18-character one"
        ));
    }
    let bytes = number.as_bytes();
    let well_formed = count == 18
        && bytes[..17].iter().all(u8::is_ascii_digit)
        && (bytes[17].is_ascii_digit() || bytes[17] == b'X');
    if !well_formed {
        return Err(crate::text!(
            "“{number}”不是18位身份证号（17位数字加一位数字或X）",
            "'{number}' is not an 18-character ID number (17 digits, then a digit or X)"
        ));
    }
    let birth = Date::parse_from_str(&number[6..14], "%Y%m%d")
        .ok()
        .filter(|d| (1880..=2100).contains(&chrono::Datelike::year(d)));
    let Some(birth) = birth else {
        let digits = &number[6..14];
        return Err(crate::text!(
            "身份证号“{number}”中的出生日期 {digits} 不是有效日期",
            "the birth date {digits} in the ID number '{number}' is not a date"
        ));
    };
    let sum: u32 = bytes[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let expected = CHECK[(sum % 11) as usize] as char;
    if bytes[17] as char != expected {
        return Err(crate::text!(
            "身份证号“{number}”校验位不符（应为 {expected}）：请核对是否抄错",
            "the ID number '{number}' fails its check digit ({expected} expected): check it for a typing error"
        ));
    }
    let gender = if (bytes[16] - b'0') % 2 == 1 {
        Gender::Male
    } else {
        Gender::Female
    };
    Ok(IdCard {
        number,
        birth,
        gender,
    })
}

/// `2.30302E+17`, `2.30302195003121E17`: what Excel makes of a long number.
fn looks_like_excel_number(s: &str) -> bool {
    let Some((mantissa, exponent)) = s.split_once('E') else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    !mantissa.is_empty()
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !exponent.is_empty()
        && exponent.chars().all(|c| c.is_ascii_digit())
}

/// Hides the middle: `230302********0136`.
pub fn mask_id_card(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    if chars.len() <= 10 {
        return "*".repeat(chars.len());
    }
    let mut masked: String = chars[..6].iter().collect();
    masked.push_str(&"*".repeat(chars.len() - 10));
    masked.extend(&chars[chars.len() - 4..]);
    masked
}

/// Completes a 17-digit body with its check character (for tests and examples).
pub fn with_check_digit(body: &str) -> String {
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b.wrapping_sub(b'0')) * w)
        .sum();
    format!("{body}{}", CHECK[(sum % 11) as usize] as char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_number_gives_birth_and_sex() {
        let number = with_check_digit("23030219500312013");
        let card = check_id_card(&number).unwrap();
        assert_eq!(card.birth, Date::from_ymd_opt(1950, 3, 12).unwrap());
        assert_eq!(card.gender, Gender::Male);
        let woman = with_check_digit("23030219520601002");
        assert_eq!(check_id_card(&woman).unwrap().gender, Gender::Female);
    }

    #[test]
    fn the_published_example_passes() {
        // The example number of GB 11643's annex.
        assert!(check_id_card("11010519491231002X").is_ok());
        assert!(check_id_card("11010519491231002x").is_ok());
    }

    #[test]
    fn refusals() {
        let good = with_check_digit("23030219500312013");
        let mut bad = good.clone();
        bad.replace_range(17..18, if good.ends_with('1') { "2" } else { "1" });
        assert!(check_id_card(&bad).unwrap_err().zh.contains("校验位"));
        assert!(
            check_id_card("2.30302E+17")
                .unwrap_err()
                .zh
                .contains("Excel")
        );
        assert!(
            check_id_card("2.30302195003121E17")
                .unwrap_err()
                .zh
                .contains("Excel")
        );
        assert!(
            check_id_card("230302500312013")
                .unwrap_err()
                .zh
                .contains("15位")
        );
        assert!(
            check_id_card(&with_check_digit("23030219501332013"))
                .unwrap_err()
                .zh
                .contains("出生日期")
        );
        assert!(check_id_card("23030219500312013A").is_err());
    }

    #[test]
    fn masking() {
        assert_eq!(mask_id_card("230302195003120136"), "230302********0136");
    }
}
