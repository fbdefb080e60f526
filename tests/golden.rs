//! Golden files (insta) for every report, in Chinese and in English, as a
//! table and as JSON, and for the July 2023 bulletin of the demo registry:
//! its printed summary, bulletin.md and summary.csv.
//!
//! The demo is the seed's registry: 25 units, 19 committees (组建率 76.0%,
//! 达标率 47.4%), 5 五老, the 2023-07-20 推进会 with 45 attendees from 19
//! units, and 14 activities in July reaching 2723 youth. Every command is
//! given its dates (--as-of, --period, --date), so nothing depends on today.
//!
//! To review a change: `cargo insta review`, or
//! `INSTA_UPDATE=always cargo test --test golden` and read the diff.

mod common;

use std::path::Path;

use common::{Registry, arg};

const LANGS: [&str; 2] = ["zh", "en"];
const FORMATS: [&str; 2] = ["table", "json"];

/// The demo registry with the office's settings that the bulletin prints.
fn demo() -> Registry {
    let reg = Registry::new();
    reg.ok(&["demo"]);
    reg.ok(&["config", "set", "office", "鸡西市关工委办公室"]);
    reg.ok(&["config", "set", "scope", "市直机关"]);
    reg
}

/// `ggw --lang LANG --format FORMAT ARGS…`, run twice: a report reads the
/// registry only, so the two runs must print the same.
fn run(reg: &Registry, lang: &str, format: &str, args: &[&str]) -> String {
    let mut full = vec!["--lang", lang, "--format", format];
    full.extend_from_slice(args);
    let first = reg.ok(&full);
    assert_eq!(
        first,
        reg.ok(&full),
        "ggw {full:?} printed differently twice"
    );
    first
}

/// One snapshot under an explicit name, described by what made it.
fn snapshot(name: &str, description: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_description(description);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, value));
}

/// Snapshots one report in both languages, as a table and as JSON, under
/// `NAME_LANG_FORMAT`; the snapshot's description is the command.
fn snapshot_report(reg: &Registry, name: &str, args: &[&str]) {
    for lang in LANGS {
        for format in FORMATS {
            let printed = run(reg, lang, format, args);
            let command = format!("ggw --lang {lang} --format {format} {}", args.join(" "));
            snapshot(&format!("{name}_{lang}_{format}"), &command, &printed);
        }
    }
}

#[test]
fn coverage() {
    let reg = demo();
    snapshot_report(
        &reg,
        "coverage",
        &["report", "coverage", "--as-of", "2023-07-20"],
    );
}

#[test]
fn coverage_missing() {
    let reg = demo();
    snapshot_report(
        &reg,
        "coverage_missing",
        &["report", "coverage", "--as-of", "2023-07-20", "--missing"],
    );
}

#[test]
fn coverage_by_batch() {
    let reg = demo();
    snapshot_report(
        &reg,
        "coverage_by_batch",
        &[
            "report",
            "coverage",
            "--as-of",
            "2023-07-20",
            "--by",
            "batch",
        ],
    );
}

#[test]
fn volunteers() {
    let reg = demo();
    snapshot_report(
        &reg,
        "volunteers",
        &["report", "volunteers", "--period", "2023-07"],
    );
}

#[test]
fn meetings() {
    let reg = demo();
    snapshot_report(
        &reg,
        "meetings",
        &["report", "meetings", "--period", "2023-07"],
    );
}

#[test]
fn meetings_list() {
    let reg = demo();
    snapshot_report(
        &reg,
        "meetings_list",
        &["report", "meetings", "--period", "2023-07", "--list"],
    );
}

#[test]
fn activities() {
    let reg = demo();
    snapshot_report(
        &reg,
        "activities",
        &["report", "activities", "--period", "2023-07"],
    );
}

#[test]
fn activities_by_kind() {
    let reg = demo();
    snapshot_report(
        &reg,
        "activities_by_kind",
        &[
            "report",
            "activities",
            "--period",
            "2023-07",
            "--by",
            "kind",
        ],
    );
}

#[test]
fn activities_missing() {
    let reg = demo();
    snapshot_report(
        &reg,
        "activities_missing",
        &["report", "activities", "--period", "2023-07", "--missing"],
    );
}

/// A file the bulletin wrote, as text.
fn read(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Every file in a folder, by name, with its bytes.
fn every_file(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("the bulletin's folder")
        .map(|entry| {
            let path = entry.expect("a file of the bulletin").path();
            let bytes = std::fs::read(&path).expect("read a file of the bulletin");
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                bytes,
            )
        })
        .collect();
    files.sort();
    files
}

/// A CSV file with its byte-order mark (which it must have) shown as `\u{feff}`.
fn csv_shown(csv: &str) -> String {
    let rest = csv
        .strip_prefix('\u{feff}')
        .expect("a CSV file ggw writes starts with a BOM");
    format!("\\u{{feff}}{rest}")
}

/// The bulletin of July 2023, written in each language and format on a
/// fresh demo registry: the printed summary follows --lang and --format,
/// summary.csv follows --lang, bulletin.md is Chinese in every language.
/// Each is written twice into the same folder: the second run reuses the
/// issue numbers and must print and write the same bytes.
#[test]
fn bulletin() {
    let mut bulletin_md: Option<String> = None;
    for lang in LANGS {
        for format in FORMATS {
            let reg = demo();
            let out = reg.dir.path().join("bulletin");
            let args = [
                "--lang",
                lang,
                "--format",
                format,
                "report",
                "bulletin",
                "--period",
                "2023-07",
                "--out",
                arg(&out),
                "--date",
                "2023-08-02",
            ];
            let printed = reg.ok(&args);
            let files = every_file(&out);
            assert_eq!(printed, reg.ok(&args), "a re-run prints the same");
            assert_eq!(files, every_file(&out), "a re-run writes the same bytes");

            let command = args.join(" ").replace(arg(&out), "<DIR>");
            let printed = printed.replace(arg(&out), "<DIR>");
            snapshot(
                &format!("bulletin_summary_{lang}_{format}"),
                &format!("ggw {command}"),
                &printed,
            );
            if format != "table" {
                continue;
            }

            let md = read(&out, "bulletin.md");
            assert!(
                !md.contains(arg(reg.dir.path())),
                "bulletin.md names the temporary folder"
            );
            match &bulletin_md {
                None => {
                    snapshot("bulletin_md", &format!("bulletin.md of ggw {command}"), &md);
                    bulletin_md = Some(md);
                }
                Some(first) => assert_eq!(first, &md, "bulletin.md is the same in every --lang"),
            }

            let summary = read(&out, "summary.csv");
            snapshot(
                &format!("bulletin_summary_csv_{lang}"),
                &format!("summary.csv of ggw {command}; its BOM shown as \\u{{feff}}"),
                &csv_shown(&summary),
            );
        }
    }
}
