//! 统一社会信用代码 (unified social credit code), GB 32100-2015.

use crate::output::Text;

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditCodeError {
    /// Not 18 characters of the code's alphabet: never accepted.
    Malformed(Text),
    /// Well-formed, but the check character disagrees. A few real registered
    /// codes fail it, so `--force` accepts such a code.
    Checksum { code: String, expected: char },
}

impl CreditCodeError {
    pub fn reason(&self) -> Text {
        match self {
            CreditCodeError::Malformed(text) => text.clone(),
            CreditCodeError::Checksum { code, expected } => crate::text!(
                "“{code}”的校验位不符（按 GB 32100 应为 {expected}）：请核对；如与登记证书一致，可加 --force 录入",
                "'{code}' fails its check character (GB 32100 expects {expected}): check it, or add --force if it is as registered"
            ),
        }
    }
}

/// Checks a code and returns it upper-cased.
pub fn check_credit_code(s: &str) -> Result<String, CreditCodeError> {
    let code = super::clean(s).to_ascii_uppercase();
    let count = code.chars().count();
    if count != 18 {
        return Err(CreditCodeError::Malformed(crate::text!(
            "“{code}”有{count}位，应为18位",
            "'{code}' has {count} characters instead of 18"
        )));
    }
    if let Some(bad) = code
        .chars()
        .find(|c| !c.is_ascii() || !ALPHABET.contains(&(*c as u8)))
    {
        return Err(CreditCodeError::Malformed(crate::text!(
            "“{code}”含有统一社会信用代码不用的字符“{bad}”（不用 I、O、Z、S、V）",
            "'{code}' contains '{bad}', which a credit code never uses (no I, O, Z, S, V)"
        )));
    }
    let expected = check_character(&code.as_bytes()[..17]);
    if code.as_bytes()[17] as char != expected {
        return Err(CreditCodeError::Checksum { code, expected });
    }
    Ok(code)
}

/// Weights are 3^i mod 31; the check is 31 − (sum mod 31), with 31 written as 0.
fn check_character(body: &[u8]) -> char {
    let mut weight = 1u32;
    let mut sum = 0u32;
    for &b in body {
        let value = ALPHABET.iter().position(|&a| a == b).unwrap_or(0) as u32;
        sum += value * weight;
        weight = weight * 3 % 31;
    }
    ALPHABET[((31 - sum % 31) % 31) as usize] as char
}

/// The unit kind the code's registration authority and type suggest
/// (its first two characters: 11 机关, 12 事业单位, 13 群团, 91 企业).
pub fn suggested_kind(code: &str) -> Option<&'static str> {
    match code.get(0..2)? {
        "11" => Some("organ"),
        "12" => Some("institution"),
        "13" => Some("mass_org"),
        "91" => Some("soe"),
        _ => None,
    }
}

/// Completes a 17-character body with its check character (for tests and examples).
pub fn with_check_character(body: &str) -> String {
    format!("{body}{}", check_character(body.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_code_passes_and_is_upper_cased() {
        let code = with_check_character("11230300MB0000001");
        assert_eq!(check_credit_code(&code.to_lowercase()), Ok(code.clone()));
        assert_eq!(suggested_kind(&code), Some("organ"));
    }

    #[test]
    fn a_published_code_passes() {
        assert!(check_credit_code("91350100M000100Y43").is_ok());
    }

    #[test]
    fn a_changed_character_fails_the_check() {
        let code = with_check_character("12230300MB1234567");
        let mut wrong = code.clone();
        wrong.replace_range(5..6, if &code[5..6] == "1" { "2" } else { "1" });
        assert!(matches!(
            check_credit_code(&wrong),
            Err(CreditCodeError::Checksum { .. })
        ));
    }

    #[test]
    fn malformed_codes() {
        assert!(matches!(
            check_credit_code("123"),
            Err(CreditCodeError::Malformed(_))
        ));
        assert!(matches!(
            check_credit_code("91350100M000100I43"),
            Err(CreditCodeError::Malformed(_))
        ));
    }
}
