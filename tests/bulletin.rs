//! `report bulletin`: the monthly files, their numbers and their bytes.

mod common;

use std::path::{Path, PathBuf};

use common::{Registry, arg};

fn demo() -> Registry {
    let reg = Registry::new();
    reg.ok(&["demo"]);
    reg.ok(&["config", "set", "office", "鸡西市关工委办公室"]);
    reg.ok(&["config", "set", "scope", "市直机关"]);
    reg
}

fn bulletin(reg: &Registry, dir: &str, extra: &[&str]) -> PathBuf {
    let out = reg.dir.path().join(dir);
    let mut args = vec![
        "report",
        "bulletin",
        "--period",
        "2023-07",
        "--out",
        arg(&out),
    ];
    args.extend(extra);
    reg.ok(&args);
    out
}

fn read(dir: &Path, file: &str) -> Vec<u8> {
    std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn the_july_2023_bulletin_shows_the_seeds_figures() {
    let reg = demo();
    let out = bulletin(&reg, "july", &["--date", "2023-08-02"]);
    let summary = String::from_utf8(read(&out, "summary.csv")).unwrap();
    assert!(summary.starts_with('\u{feff}'), "Excel-ready: a BOM");
    for line in [
        "组建率,76.0%",
        "关工委个数,19",
        "参会人次,45",
        "会议次数,1",
        "活动场次,14",
        "五老人数,5",
    ] {
        assert!(summary.contains(line), "{line} in {summary}");
    }
    let md = String::from_utf8(read(&out, "bulletin.md")).unwrap();
    assert!(
        md.starts_with(
            "# 《工作简报》\n\n2023年第1期（总第1期）\n\n鸡西市关工委办公室　　　　2023年8月2日\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("截至7月底，市直机关已建立关工委19个，覆盖单位19个（共25个），组建率76.0%"),
        "{md}"
    );
    assert!(md.contains("本期召开会议1次，参会45人次"), "{md}");
    for file in [
        "coverage.csv",
        "units-without-committee.csv",
        "volunteers.csv",
        "meetings.csv",
        "activities.csv",
    ] {
        assert!(read(&out, file).starts_with(b"\xEF\xBB\xBF"), "{file}");
    }
}

#[test]
fn writing_a_period_again_gives_the_same_bytes_and_numbers() {
    let reg = demo();
    let first = bulletin(&reg, "first", &["--xlsx"]);
    let again = bulletin(&reg, "again", &["--xlsx"]);
    let mut names: Vec<String> = std::fs::read_dir(&first)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "activities.csv",
            "bulletin.md",
            "bulletin.xlsx",
            "coverage.csv",
            "meetings.csv",
            "summary.csv",
            "units-without-committee.csv",
            "volunteers.csv"
        ]
    );
    for name in &names {
        assert_eq!(read(&first, name), read(&again, name), "{name}");
    }
    assert_eq!(reg.count("SELECT count(*) FROM bulletin"), 1);
}

#[test]
fn issue_numbers_run_on_from_the_configured_start() {
    let reg = demo();
    reg.ok(&["config", "set", "first-total-issue", "100"]);
    let july = bulletin(&reg, "july", &[]);
    let out = reg.dir.path().join("august");
    reg.ok(&[
        "report",
        "bulletin",
        "--period",
        "2023-08",
        "--out",
        arg(&out),
    ]);
    let head = |dir: &Path| {
        String::from_utf8(read(dir, "bulletin.md"))
            .unwrap()
            .lines()
            .nth(2)
            .unwrap()
            .to_string()
    };
    assert_eq!(head(&july), "2023年第1期（总第100期）");
    assert_eq!(head(&out), "2023年第2期（总第101期）");
    // A number another period has is refused, and nothing is written.
    let err = reg.refused(&[
        "report",
        "bulletin",
        "--period",
        "2023-09",
        "--out",
        arg(&reg.dir.path().join("sept")),
        "--issue",
        "1",
    ]);
    assert!(
        err.contains("已用于 2023-07-01 至 2023-07-31 的简报"),
        "{err}"
    );
    assert!(!reg.dir.path().join("sept").exists());
}

#[test]
fn gbk_files_decode_to_the_same_text() {
    let reg = demo();
    let utf8 = bulletin(&reg, "utf8", &["--encoding", "utf8"]);
    let gbk = bulletin(&reg, "gbk", &["--encoding", "gbk"]);
    for file in ["summary.csv", "coverage.csv", "activities.csv"] {
        let bytes = read(&gbk, file);
        let (decoded, _, errors) = encoding_rs::GBK.decode(&bytes);
        assert!(!errors, "{file}");
        assert_eq!(
            decoded,
            String::from_utf8(read(&utf8, file)).unwrap(),
            "{file}"
        );
    }
}
