//! The 五老 strength report (`report::volunteers::volunteers_table`): a
//! registry built through the binary, then the table read from the library.

mod common;

use common::Registry;
use ggw::model::date::{Date, parse_birth};
use ggw::model::period::{Period, parse_period};
use ggw::output::{Coded, Table, Value};
use ggw::report::volunteers::volunteers_table;

// ---------------------------------------------------------------------------
// Helpers of this file

fn ymd(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

fn table(reg: &Registry, as_of: Date, joined_in: Option<Period>) -> Table {
    volunteers_table(&reg.conn(), as_of, joined_in).expect("the report")
}

/// Adds a volunteer: name, category, then any further `--flag value` pairs.
fn volunteer(reg: &Registry, name: &str, category: &str, more: &[&str]) {
    let mut args = vec!["volunteer", "add", name, "--category", category];
    args.extend(more);
    reg.ok(&args);
}

fn total_cell() -> Value {
    Value::Coded(Coded {
        code: "total".to_string(),
        zh: "合计".to_string(),
        en: "Total".to_string(),
    })
}

fn is_no_unit(cell: &Value) -> bool {
    matches!(cell, Value::Coded(c) if c.code == "no_unit")
}

/// The counts of a row (every cell after the unit).
fn counts(row: &[Value]) -> Vec<i64> {
    row[1..]
        .iter()
        .map(|cell| match cell {
            Value::Int(n) => *n,
            other => panic!("not a count: {other:?}"),
        })
        .collect()
}

/// The counts of the row of a unit, by its name.
fn unit_counts(table: &Table, name: &str) -> Vec<i64> {
    let row = table
        .rows
        .iter()
        .find(|row| row[0] == Value::text(name))
        .unwrap_or_else(|| panic!("no row {name} in {:?}", table.rows));
    counts(row)
}

/// The counts of the total row, which must be the last.
fn total_counts(table: &Table) -> Vec<i64> {
    let last = table.rows.last().expect("a total row");
    assert_eq!(last[0], total_cell());
    counts(last)
}

fn keys(table: &Table) -> Vec<&'static str> {
    table.columns.iter().map(|c| c.key).collect()
}

/// The index of a column, by its JSON key.
fn column(table: &Table, key: &str) -> usize {
    table
        .columns
        .iter()
        .position(|c| c.key == key)
        .unwrap_or_else(|| panic!("no column {key}"))
}

/// The six age bands of the total row: under 65, 65–69, 70–74, 75–79, 80+, unknown.
fn bands(table: &Table) -> [i64; 6] {
    let row = table.rows.last().unwrap();
    let at = column(table, "under_65");
    std::array::from_fn(|i| match row[at + i] {
        Value::Int(n) => n,
        ref other => panic!("not a count: {other:?}"),
    })
}

const KEYS: [&str; 15] = [
    "unit",
    "cadre",
    "veteran",
    "expert",
    "teacher",
    "model",
    "other",
    "total",
    "model_volunteers",
    "under_65",
    "age_65_69",
    "age_70_74",
    "age_75_79",
    "age_80_plus",
    "age_unknown",
];

// ---------------------------------------------------------------------------
// Tests

#[test]
fn an_empty_registry_has_only_a_total_of_zeros() {
    let reg = Registry::new();
    reg.ok(&["db", "init"]);
    let t = table(&reg, ymd(2023, 7, 31), None);
    assert_eq!(keys(&t), KEYS);
    assert_eq!(t.rows.len(), 1);
    assert_eq!(total_counts(&t), vec![0; 14]);
}

#[test]
fn categories_per_unit_in_registry_order_then_no_unit_then_total() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "鸡西市司法局", "--kind", "organ"]);
    reg.ok(&["unit", "add", "鸡西市教育局", "--kind", "organ"]);
    reg.ok(&["unit", "add", "鸡西市中医院", "--kind", "institution"]);
    // The second unit's volunteers are registered first: rows still follow the units.
    volunteer(&reg, "王一", "老教师", &["--unit", "鸡西市教育局"]);
    volunteer(
        &reg,
        "王二",
        "teacher",
        &["--unit", "鸡西市教育局", "--model", "yes"],
    );
    volunteer(&reg, "王三", "老专家", &["--unit", "鸡西市教育局"]);
    volunteer(&reg, "李一", "老干部", &[]);
    volunteer(&reg, "张一", "老干部", &["--unit", "鸡西市司法局"]);
    volunteer(&reg, "张二", "cadre", &["--unit", "鸡西市司法局"]);
    volunteer(
        &reg,
        "张三",
        "老战士",
        &["--unit", "鸡西市司法局", "--model", "是"],
    );
    volunteer(&reg, "张四", "老模范", &["--unit", "鸡西市司法局"]);
    volunteer(&reg, "张五", "其他", &["--unit", "鸡西市司法局"]);
    volunteer(&reg, "李二", "other", &["--model", "yes"]);

    let t = table(&reg, ymd(2023, 7, 31), None);
    assert_eq!(keys(&t), KEYS);
    let zh: Vec<&str> = t.columns.iter().map(|c| c.zh).collect();
    assert_eq!(
        zh,
        [
            "单位",
            "老干部",
            "老战士",
            "老专家",
            "老教师",
            "老模范",
            "其他",
            "合计",
            "五老典型",
            "65岁以下",
            "65–69岁",
            "70–74岁",
            "75–79岁",
            "80岁及以上",
            "年龄不详",
        ]
    );
    // 鸡西市中医院 has no volunteers and no row.
    assert_eq!(t.rows.len(), 4, "{:?}", t.rows);
    assert_eq!(t.rows[0][0], Value::text("鸡西市司法局"));
    assert_eq!(t.rows[1][0], Value::text("鸡西市教育局"));
    assert!(is_no_unit(&t.rows[2][0]), "{:?}", t.rows[2][0]);
    assert_eq!(t.rows[3][0], total_cell());

    //            cadre veteran expert teacher model other total models <65 65 70 75 80+ ?
    assert_eq!(
        unit_counts(&t, "鸡西市司法局"),
        [2, 1, 0, 0, 1, 1, 5, 1, 0, 0, 0, 0, 0, 5]
    );
    assert_eq!(
        unit_counts(&t, "鸡西市教育局"),
        [0, 0, 1, 2, 0, 0, 3, 1, 0, 0, 0, 0, 0, 3]
    );
    assert_eq!(
        counts(&t.rows[2]),
        [1, 0, 0, 0, 0, 1, 2, 1, 0, 0, 0, 0, 0, 2]
    );
    assert_eq!(
        total_counts(&t),
        [3, 1, 1, 2, 1, 2, 10, 3, 0, 0, 0, 0, 0, 10]
    );
    // The cells are counts, exactly.
    assert_eq!(t.rows[0][1], Value::Int(2));
    assert_eq!(t.rows[3][7], Value::Int(10));
}

#[test]
fn without_volunteers_of_no_unit_there_is_no_such_row() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "鸡西市司法局", "--kind", "organ"]);
    volunteer(&reg, "张一", "老干部", &["--unit", "鸡西市司法局"]);
    let t = table(&reg, ymd(2023, 7, 31), None);
    assert_eq!(t.rows.len(), 2);
    assert!(!t.rows.iter().any(|row| is_no_unit(&row[0])));
    assert_eq!(
        unit_counts(&t, "鸡西市司法局"),
        [1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1]
    );
}

#[test]
fn who_left_or_joined_when() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "鸡西市司法局", "--kind", "organ"]);
    let unit = ["--unit", "鸡西市司法局"];
    for name in ["甲", "乙", "丙", "丁"] {
        volunteer(&reg, name, "老干部", &unit);
    }
    volunteer(
        &reg,
        "戊",
        "老干部",
        &["--unit", "鸡西市司法局", "--joined", "2023-08-01"],
    );
    volunteer(
        &reg,
        "己",
        "老干部",
        &["--unit", "鸡西市司法局", "--joined", "2023-07-31"],
    );
    volunteer(&reg, "庚", "老干部", &unit);
    reg.ok(&["volunteer", "retire", "甲", "--date", "2023-07-30"]);
    reg.ok(&["volunteer", "retire", "乙", "--date", "2023-07-31"]);
    reg.ok(&["volunteer", "retire", "丙", "--date", "2023-08-01"]);
    reg.ok(&[
        "volunteer",
        "retire",
        "丁",
        "--date",
        "2023-08-15",
        "--deceased",
    ]);
    // Inactive from a date nobody recorded: not counted on any date.
    let sheet = reg.file(
        "left.csv",
        "姓名,五老类别,所在单位,状态\n辛,老干部,鸡西市司法局,不再参加\n",
    );
    reg.ok(&["volunteer", "import", common::arg(&sheet)]);
    assert_eq!(
        reg.count("SELECT count(*) FROM volunteer WHERE status = 'inactive' AND status_on IS NULL"),
        1
    );

    let cadres = |as_of: Date| {
        let t = table(&reg, as_of, None);
        let at = column(&t, "cadre");
        assert_eq!(t.rows[0][at], t.rows.last().unwrap()[at]);
        match &t.rows[0][at] {
            Value::Int(n) => *n,
            other => panic!("{other:?}"),
        }
    };
    // 2023-07-29: 甲 乙 丙 丁 庚 (戊 and 己 had not joined).
    assert_eq!(cadres(ymd(2023, 7, 29)), 5);
    // 2023-07-30: 甲 left that day.
    assert_eq!(cadres(ymd(2023, 7, 30)), 4);
    // 2023-07-31: 乙 left, 己 joined that day: 丙 丁 己 庚.
    assert_eq!(cadres(ymd(2023, 7, 31)), 4);
    // 2023-08-01: 丙 left, 戊 joined: 丁 戊 己 庚.
    assert_eq!(cadres(ymd(2023, 8, 1)), 4);
    // 2023-08-15: 丁 died.
    assert_eq!(cadres(ymd(2023, 8, 15)), 3);
    assert_eq!(cadres(ymd(2023, 8, 14)), 4);
}

#[test]
fn age_bands_at_their_boundaries() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "鸡西市司法局", "--kind", "organ"]);
    let births = [
        ("赵甲", "1958-08-01"),
        ("赵乙", "1958-07-31"),
        ("赵丙", "1958-07"),
        ("赵丁", "1958-08"),
        ("钱甲", "1953-08-01"),
        ("钱乙", "1953-07-31"),
        ("孙甲", "1948-08-01"),
        ("孙乙", "1948-07-31"),
        ("李甲", "1943-08-01"),
        ("李乙", "1943-07-31"),
    ];
    for (name, birth) in births {
        volunteer(
            &reg,
            name,
            "老干部",
            &["--unit", "鸡西市司法局", "--birth", birth],
        );
    }
    volunteer(&reg, "周甲", "老干部", &["--unit", "鸡西市司法局"]);
    assert_eq!(
        reg.text("SELECT birth_date FROM volunteer WHERE name = '赵丙'")
            .as_deref(),
        Some("1958-07")
    );

    // 2023-07-31, the birthday of 赵乙 (65), 钱乙 (70), 孙乙 (75), 李乙 (80);
    // the others born on 08-01 are a day short: 64, 69, 74, 79.
    // 赵丙 (1958-07) counts from 07-01: 65; 赵丁 (1958-08): 64.
    let t = table(&reg, ymd(2023, 7, 31), None);
    assert_eq!(bands(&t), [2, 3, 2, 2, 1, 1]);
    assert_eq!(
        unit_counts(&t, "鸡西市司法局"),
        [11, 0, 0, 0, 0, 0, 11, 0, 2, 3, 2, 2, 1, 1]
    );
    // The day before: 赵乙 is 64, 李乙 79; 赵丙 is already 65.
    assert_eq!(bands(&ymd_table(&reg, 2023, 7, 30)), [3, 3, 2, 2, 0, 1]);
    // A day after: every birthday of the year has come, 赵丁's month too.
    assert_eq!(bands(&ymd_table(&reg, 2023, 8, 1)), [0, 4, 2, 2, 2, 1]);
    // A month before: 赵丙's month has not come.
    assert_eq!(bands(&ymd_table(&reg, 2023, 6, 30)), [4, 2, 2, 2, 0, 1]);
    // On the first of 赵丙's month.
    assert_eq!(bands(&ymd_table(&reg, 2023, 7, 1)), [3, 3, 2, 2, 0, 1]);
}

fn ymd_table(reg: &Registry, y: i32, m: u32, d: u32) -> Table {
    table(reg, ymd(y, m, d), None)
}

#[test]
fn ages_agree_with_birth_age_on() {
    let reg = Registry::new();
    let births = [
        "1956-02-29",
        "1956-02",
        "1956-03",
        "1958-12-31",
        "1959-01-01",
        "1959-01",
        "1948-06-15",
        "1943-12",
        "1944-01-01",
    ];
    let names = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];
    for (name, birth) in names.iter().zip(births) {
        volunteer(&reg, &format!("吴{name}"), "老教师", &["--birth", birth]);
    }
    let mut dates = vec![
        ymd(2021, 2, 28),
        ymd(2021, 3, 1),
        ymd(2020, 2, 28),
        ymd(2020, 2, 29),
        ymd(2023, 12, 31),
        ymd(2024, 1, 1),
        ymd(2024, 2, 29),
    ];
    let mut day = ymd(2023, 6, 10);
    while day <= ymd(2023, 6, 20) {
        dates.push(day);
        day = day.succ_opt().unwrap();
    }
    for as_of in dates {
        let mut expected = [0_i64; 6];
        for birth in births {
            let age = parse_birth(birth).unwrap().age_on(as_of);
            let band = match age {
                ..65 => 0,
                65..=69 => 1,
                70..=74 => 2,
                75..=79 => 3,
                _ => 4,
            };
            expected[band] += 1;
        }
        assert_eq!(bands(&table(&reg, as_of, None)), expected, "on {as_of}");
    }
    // The leap-day birth turns 65 on 1 March in a common year.
    let leap = Registry::new();
    volunteer(&leap, "郑一", "老教师", &["--birth", "1956-02-29"]);
    assert_eq!(
        bands(&table(&leap, ymd(2021, 2, 28), None)),
        [1, 0, 0, 0, 0, 0]
    );
    assert_eq!(
        bands(&table(&leap, ymd(2021, 3, 1), None)),
        [0, 1, 0, 0, 0, 0]
    );
}

#[test]
fn the_joined_column_only_with_a_period() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "鸡西市司法局", "--kind", "organ"]);
    reg.ok(&["unit", "add", "鸡西市教育局", "--kind", "organ"]);
    let joined = |name: &str, unit: &str, date: &str| {
        volunteer(&reg, name, "老干部", &["--unit", unit, "--joined", date]);
    };
    joined("冯一", "鸡西市司法局", "2023-06-30");
    joined("冯二", "鸡西市司法局", "2023-07-01");
    joined("冯三", "鸡西市司法局", "2023-07-31");
    joined("冯四", "鸡西市司法局", "2023-08-01");
    joined("陈一", "鸡西市教育局", "2023-07-15");
    joined("陈二", "鸡西市教育局", "2023-07-10");
    volunteer(&reg, "陈三", "老干部", &["--unit", "鸡西市教育局"]);
    volunteer(&reg, "褚一", "老教师", &["--joined", "2023-07-20"]);
    // Joined in July and left in July: not serving at the end, not counted.
    reg.ok(&["volunteer", "retire", "陈二", "--date", "2023-07-20"]);

    let without = table(&reg, ymd(2023, 7, 31), None);
    assert_eq!(keys(&without), KEYS);
    assert!(without.rows.iter().all(|row| row.len() == KEYS.len()));

    let july = parse_period("2023-07").unwrap();
    let with = table(&reg, ymd(2023, 7, 31), Some(july));
    let mut expected_keys = KEYS.to_vec();
    expected_keys.insert(8, "joined");
    assert_eq!(keys(&with), expected_keys);
    assert_eq!(with.columns[8].zh, "本期新增");
    assert!(with.rows.iter().all(|row| row.len() == KEYS.len() + 1));
    //            cadre veteran expert teacher model other total joined models bands…
    assert_eq!(
        unit_counts(&with, "鸡西市司法局"),
        [3, 0, 0, 0, 0, 0, 3, 2, 0, 0, 0, 0, 0, 0, 3]
    );
    assert_eq!(
        unit_counts(&with, "鸡西市教育局"),
        [2, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 2]
    );
    assert_eq!(
        counts(&with.rows[2]),
        [0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1]
    );
    assert_eq!(
        total_counts(&with),
        [5, 0, 0, 1, 0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 6]
    );
    // Leaving the column out changes nothing else.
    let mut trimmed = total_counts(&with);
    trimmed.remove(7);
    assert_eq!(total_counts(&without), trimmed);

    // At the end of August the July joiners are still new for July; 冯四
    // serves but joined in August.
    let later = table(&reg, ymd(2023, 8, 31), Some(july));
    assert_eq!(
        unit_counts(&later, "鸡西市司法局"),
        [4, 0, 0, 0, 0, 0, 4, 2, 0, 0, 0, 0, 0, 0, 4]
    );
    let august = parse_period("2023-08").unwrap();
    let t = table(&reg, ymd(2023, 8, 31), Some(august));
    let at = column(&t, "joined");
    assert_eq!(t.rows.last().unwrap()[at], Value::Int(1));
    // A period of no joiners gives zeros, not a missing column.
    let june_first = Period {
        from: ymd(2023, 6, 1),
        to: ymd(2023, 6, 29),
    };
    let t = table(&reg, ymd(2023, 7, 31), Some(june_first));
    assert_eq!(t.rows.last().unwrap()[column(&t, "joined")], Value::Int(0));
}

#[test]
fn model_volunteers_are_counted_apart_from_the_category_model() {
    let reg = Registry::new();
    reg.ok(&["unit", "add", "鸡西市司法局", "--kind", "organ"]);
    let unit = ["--unit", "鸡西市司法局"];
    volunteer(&reg, "蒋一", "老模范", &unit);
    volunteer(
        &reg,
        "蒋二",
        "老模范",
        &["--unit", "鸡西市司法局", "--model", "yes"],
    );
    volunteer(
        &reg,
        "蒋三",
        "老干部",
        &["--unit", "鸡西市司法局", "--model", "yes"],
    );
    volunteer(
        &reg,
        "蒋四",
        "老教师",
        &["--unit", "鸡西市司法局", "--model", "否"],
    );
    volunteer(
        &reg,
        "蒋五",
        "老干部",
        &["--unit", "鸡西市司法局", "--model", "yes"],
    );
    reg.ok(&[
        "volunteer",
        "retire",
        "蒋五",
        "--date",
        "2023-07-01",
        "--deceased",
    ]);
    let t = table(&reg, ymd(2023, 7, 31), None);
    assert_eq!(t.rows[0][column(&t, "model")], Value::Int(2));
    assert_eq!(t.rows[0][column(&t, "model_volunteers")], Value::Int(2));
    assert_eq!(t.rows[0][column(&t, "total")], Value::Int(4));
    // Before 蒋五 died, three model volunteers.
    let t = table(&reg, ymd(2023, 6, 30), None);
    assert_eq!(t.rows[1][column(&t, "model_volunteers")], Value::Int(3));
    assert_eq!(t.rows[1][0], total_cell());
}
