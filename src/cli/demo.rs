//! `ggw demo`: a registry built from the embedded Jixi 2023 example, and its coverage.

use std::path::{Path, PathBuf};

use clap::Args;

use ggw::db::Database;
use ggw::model::date::parse_date;
use ggw::output::{Format, labels};
use ggw::report::coverage;
use ggw::text;

use super::Context;

#[derive(Args)]
pub struct DemoArgs {}

pub fn run(context: &Context, _args: DemoArgs) -> anyhow::Result<()> {
    // The example never goes into the clerk's own registry: without --db it
    // gets a file of its own, made anew each time.
    let path = match &context.db {
        Some(path) => path.clone(),
        None => {
            let path = std::env::temp_dir().join("ggw-demo.sqlite");
            remove_previous(&path)?;
            path
        }
    };
    let mut db = Database::open(&path)?;
    db.set_command("ggw demo");
    let built = db.write(|tx| ggw::demo::build(tx))?;
    let as_of = parse_date(ggw::demo::AS_OF).map_err(ggw::Error::Refused)?;
    let rows = coverage::coverage(db.conn(), as_of)?;
    let file = path.display();
    let (u, c, v) = (built.units, built.committees, built.volunteers);
    let (m, a) = (built.meetings, built.activities);
    // CSV and JSON are data only, as in `report coverage`: the lines for
    // the clerk go with the table format.
    let table_format = context.format == Format::Table;
    if table_format {
        context.say(&text!(
            "示例登记库：{file}（单位 {u} 个，关工委 {c} 个，五老 {v} 人，会议 {m} 次，活动 {a} 场）",
            "example registry: {file} (units: {u}, committees: {c}, volunteers: {v}, meetings: {m}, activities: {a})"
        ))?;
    }
    let (zh, en) = (labels::COVERAGE_TITLE.zh, labels::COVERAGE_TITLE.en);
    context.titled_table(
        &text!("{zh}（截至 {as_of}）", "{en} (as of {as_of})"),
        &coverage::coverage_table(&rows),
    )?;
    if !table_format {
        return Ok(());
    }
    context.say(&text!(
        "\n继续查看：ggw --db {file} unit list",
        "\nExplore it: ggw --db {file} unit list"
    ))
}

/// Removes the last demo file and its WAL companions.
fn remove_previous(path: &Path) -> anyhow::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(&name) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(ggw::Error::io(PathBuf::from(name), e).into()),
        }
    }
    Ok(())
}
