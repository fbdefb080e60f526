//! Property tests of the value checks and the CSV writer: the date parser
//! reads back every written form of any date, the 身份证号 and 统一社会信用代码
//! checks accept exactly the right check character, none of the three panics
//! on any input, and what the CSV writer writes reads back cell for cell.

use chrono::Datelike;
use ggw::model::credit_code::{CreditCodeError, check_credit_code, with_check_character};
use ggw::model::date::{Date, parse_date};
use ggw::model::id_card::{check_id_card, with_check_digit};
use ggw::model::volunteer::Gender;
use ggw::output::{CsvEncoding, Label, Lang, Table, Value, write_csv, write_csv_rows};
use proptest::prelude::*;

// ---------------------------------------------------------------------------
// Strategies and independent reference implementations
// ---------------------------------------------------------------------------

/// Any real date from 1900-01-01 to 2099-12-31.
fn date_strategy() -> impl Strategy<Value = Date> {
    let first = Date::from_ymd_opt(1900, 1, 1).unwrap();
    let last = Date::from_ymd_opt(2099, 12, 31).unwrap();
    (0..=(last - first).num_days()).prop_map(move |days| first + chrono::Duration::days(days))
}

/// Text that comes close to what the checks look for (digits, full-width
/// digits, date marks, X, E, +), so that the no-panic properties reach past
/// the first refusal, mixed with wholly arbitrary text.
fn nasty_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9０-９xXeE+.\\-/年月日号 　]{0,24}",
        "[0-9A-Za-z一-龥é]{15,19}",
    ]
}

/// The GB 11643 check character, computed here from the standard (weights
/// 2^(17-i) mod 11) rather than taken from the crate.
fn gb11643_check(body: &str) -> char {
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * ((1u32 << (17 - i)) % 11))
        .sum();
    b"10X98765432"[(sum % 11) as usize] as char
}

const CREDIT_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The GB 32100 check character, computed here from the standard (weights
/// 3^i mod 31, check 31 − sum mod 31, with 31 written as 0).
fn gb32100_check(body: &str) -> char {
    let alphabet: Vec<char> = CREDIT_ALPHABET.chars().collect();
    let (mut sum, mut weight) = (0usize, 1usize);
    for c in body.chars() {
        sum += alphabet.iter().position(|&a| a == c).unwrap() * weight;
        weight = weight * 3 % 31;
    }
    alphabet[(31 - sum % 31) % 31]
}

/// A cell of arbitrary Unicode, with plenty of the characters CSV must
/// quote and the leading characters a spreadsheet runs as a formula.
fn cell_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[,\"\r\n \t'=+\\-@a中]{0,8}",
        ("[=+\\-@\t\r]", any::<String>()).prop_map(|(start, rest)| start + &rest),
    ]
}

/// Rows of one or more cells each (the writer is flexible: lengths may differ).
fn rows_strategy() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec(cell_strategy(), 1..5), 0..6)
}

/// What the writer documents: a text cell starting as a formula would gets a leading `'`.
fn neutralised(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Reads CSV back with the `csv` crate, every record as written.
fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(256)
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// Every form the parser's documentation promises reads back the same date.
    #[test]
    fn every_written_form_of_a_date_parses_back(date in date_strategy()) {
        let (y, m, d) = (date.year(), date.month(), date.day());
        for written in [
            format!("{y:04}-{m:02}-{d:02}"),
            format!("{y}-{m}-{d}"),
            format!("{y}/{m}/{d}"),
            format!("{y}/{m:02}/{d:02}"),
            format!("{y}.{m}.{d}"),
            format!("{y}年{m}月{d}日"),
            format!("{y}年{m}月{d}号"),
            format!("{y:04}{m:02}{d:02}"),
            format!("  {y}-{m:02}-{d:02}　"),
        ] {
            prop_assert_eq!(parse_date(&written), Ok(date), "{}", written);
        }
    }

    /// Full-width digits, as a Chinese input method types them, read the same.
    #[test]
    fn full_width_dates_parse_back(date in date_strategy()) {
        let ascii = format!("{}-{:02}-{:02}", date.year(), date.month(), date.day());
        let wide: String = ascii
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
            .collect();
        prop_assert_eq!(parse_date(&wide), Ok(date), "{}", wide);
    }

    /// Excel's serial day numbers (five digits, so from 1927 on) count from 1899-12-30.
    #[test]
    fn excel_serial_days_parse_back(serial in 10_000i64..=99_999) {
        let expected = Date::from_ymd_opt(1899, 12, 30).unwrap() + chrono::Duration::days(serial);
        prop_assert_eq!(parse_date(&serial.to_string()), Ok(expected));
    }

    /// A month or day out of range is refused, never rolled over.
    #[test]
    fn impossible_dates_are_refused(y in 1900i32..2100, m in 1u32..=12, d in 1u32..=31) {
        let written = format!("{y}-{m:02}-{d:02}");
        prop_assert_eq!(parse_date(&written).is_ok(), Date::from_ymd_opt(y, m, d).is_some(), "{}", written);
        let month = format!("{y}-{:02}-{d:02}", m + 12);
        prop_assert!(parse_date(&month).is_err(), "{}", month);
    }

    /// Whatever a cell holds, the parser answers instead of panicking.
    #[test]
    fn the_date_parser_never_panics(s in nasty_text()) {
        let _ = parse_date(&s);
        let _ = ggw::model::date::parse_birth(&s);
    }
}

// ---------------------------------------------------------------------------
// 身份证号
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// A region, a real birth date and a sequence number, completed with the
    /// GB 11643 check character, is accepted with the birth and sex it encodes.
    #[test]
    fn an_id_number_with_its_check_character_is_accepted(
        region in "[1-8][0-9]{5}",
        birth in date_strategy(),
        sequence in "[0-9]{3}",
        lower_case in any::<bool>(),
    ) {
        let body = format!("{region}{}{sequence}", birth.format("%Y%m%d"));
        let check = gb11643_check(&body);
        let number = format!("{body}{check}");
        prop_assert_eq!(with_check_digit(&body), number.clone());
        let typed = if lower_case { number.to_lowercase() } else { number.clone() };
        let card = check_id_card(&typed);
        prop_assert!(card.is_ok(), "{} refused: {:?}", typed, card);
        let card = card.unwrap();
        prop_assert_eq!(card.number, number);
        prop_assert_eq!(card.birth, birth);
        let odd = (sequence.as_bytes()[2] - b'0') % 2 == 1;
        prop_assert_eq!(card.gender, if odd { Gender::Male } else { Gender::Female });
    }

    /// Any other check character is refused.
    #[test]
    fn an_id_number_with_a_wrong_check_character_is_refused(
        region in "[1-8][0-9]{5}",
        birth in date_strategy(),
        sequence in "[0-9]{3}",
        wrong in prop::sample::select("0123456789X".chars().collect::<Vec<_>>()),
    ) {
        let body = format!("{region}{}{sequence}", birth.format("%Y%m%d"));
        prop_assume!(wrong != gb11643_check(&body));
        let number = format!("{body}{wrong}");
        prop_assert!(check_id_card(&number).is_err(), "{} accepted", number);
    }

    /// Whatever a cell holds, the check answers instead of panicking.
    #[test]
    fn the_id_number_check_never_panics(s in nasty_text()) {
        let _ = check_id_card(&s);
    }
}

// ---------------------------------------------------------------------------
// 统一社会信用代码
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// Seventeen characters of the alphabet and their GB 32100 check
    /// character pass, in either case, and come back upper-cased.
    #[test]
    fn a_credit_code_with_its_check_character_passes(
        body in "[0-9ABCDEFGHJKLMNPQRTUWXY]{17}",
        lower_case in any::<bool>(),
    ) {
        let code = format!("{body}{}", gb32100_check(&body));
        prop_assert_eq!(with_check_character(&body), code.clone());
        let typed = if lower_case { code.to_lowercase() } else { code.clone() };
        prop_assert_eq!(check_credit_code(&typed), Ok(code));
    }

    /// Any other check character fails the checksum (which `--force` may
    /// override), naming the right one; it is not called malformed.
    #[test]
    fn a_credit_code_with_a_wrong_check_character_fails(
        body in "[0-9ABCDEFGHJKLMNPQRTUWXY]{17}",
        wrong in prop::sample::select(CREDIT_ALPHABET.chars().collect::<Vec<_>>()),
    ) {
        let right = gb32100_check(&body);
        prop_assume!(wrong != right);
        let code = format!("{body}{wrong}");
        prop_assert_eq!(
            check_credit_code(&code),
            Err(CreditCodeError::Checksum { code: code.clone(), expected: right })
        );
    }

    /// Whatever a cell holds, the check answers instead of panicking.
    #[test]
    fn the_credit_code_check_never_panics(s in nasty_text()) {
        if let Err(e) = check_credit_code(&s) {
            let _ = e.reason();
        }
    }
}

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// Rows of text (a rejects file) read back cell for cell: the header as
    /// it is, every other cell with formula starts neutralised and nothing else changed.
    #[test]
    fn csv_rows_read_back(
        header in prop::collection::vec(cell_strategy(), 1..5),
        rows in rows_strategy(),
        bom in any::<bool>(),
    ) {
        let mut bytes = Vec::new();
        let encoding = if bom { CsvEncoding::Utf8Bom } else { CsvEncoding::Utf8 };
        write_csv_rows(&mut bytes, &header, &rows, encoding).unwrap();
        let body = match bytes.strip_prefix("\u{feff}".as_bytes()) {
            Some(rest) => {
                prop_assert!(bom, "a byte-order mark without being asked for");
                rest
            }
            None => {
                prop_assert!(!bom, "no byte-order mark");
                &bytes[..]
            }
        };
        let mut expected = vec![header.clone()];
        expected.extend(rows.iter().map(|row| row.iter().map(|c| neutralised(c)).collect()));
        prop_assert_eq!(read_csv(body), expected);
    }

    /// A table's text cells come back neutralised, its numbers as written
    /// (a negative number is not a formula), under its labels.
    #[test]
    fn csv_tables_read_back(
        rows in prop::collection::vec((cell_strategy(), any::<i64>()), 0..8),
        english in any::<bool>(),
    ) {
        let lang = if english { Lang::En } else { Lang::Zh };
        let columns = vec![
            Label { key: "text", zh: "文本", en: "Text" },
            Label { key: "number", zh: "数目", en: "Number" },
        ];
        let mut table = Table::new(columns.clone());
        for (text, number) in &rows {
            table.push(vec![Value::text(text.clone()), Value::Int(*number)]);
        }
        let mut bytes = Vec::new();
        write_csv(&mut bytes, &table, lang, CsvEncoding::Utf8).unwrap();
        let mut expected = vec![columns.iter().map(|c| c.get(lang).to_string()).collect::<Vec<_>>()];
        expected.extend(rows.iter().map(|(text, number)| vec![neutralised(text), number.to_string()]));
        prop_assert_eq!(read_csv(&bytes), expected);
    }

    /// In GBK, text of ASCII and common Chinese characters reads back the same
    /// once decoded.
    #[test]
    fn gbk_csv_reads_back(
        header in prop::collection::vec("[ -~\r\n一-龥]{0,8}", 1..4),
        rows in prop::collection::vec(prop::collection::vec("[ -~\r\n一-龥]{0,8}", 1..4), 0..5),
    ) {
        let mut bytes = Vec::new();
        write_csv_rows(&mut bytes, &header, &rows, CsvEncoding::Gbk).unwrap();
        let (text, _, malformed) = encoding_rs::GBK.decode(&bytes);
        prop_assert!(!malformed);
        let mut expected = vec![header.clone()];
        expected.extend(rows.iter().map(|row| row.iter().map(|c| neutralised(c)).collect()));
        prop_assert_eq!(read_csv(text.as_bytes()), expected);
    }
}
