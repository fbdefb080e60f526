//! `ggw report`: the published figures.

use clap::Subcommand;

use ggw::output::labels;
use ggw::report::coverage;
use ggw::text;

use super::{Context, date_or_today};

#[derive(Subcommand)]
pub enum ReportCommand {
    /// 组建率 and 达标率 by unit kind: units, units with a committee, and committees meeting all six standards
    Coverage {
        /// Count committees as they stood on this date [default: today]
        #[arg(long)]
        as_of: Option<String>,
        /// List the units still without a committee (尚未建立关工委的单位) instead
        #[arg(long)]
        missing: bool,
    },
}

pub fn run(context: &Context, command: ReportCommand) -> anyhow::Result<()> {
    match command {
        ReportCommand::Coverage { as_of, missing } => {
            let as_of = date_or_today(as_of.as_deref())?;
            let db = context.open()?;
            if missing {
                let table = coverage::missing_table(db.conn(), as_of)?;
                let (zh, en) = (labels::MISSING_TITLE.zh, labels::MISSING_TITLE.en);
                context.titled_table(
                    &text!("{zh}（截至 {as_of}）", "{en} (as of {as_of})"),
                    &table,
                )
            } else {
                let rows = coverage::coverage(db.conn(), as_of)?;
                let (zh, en) = (labels::COVERAGE_TITLE.zh, labels::COVERAGE_TITLE.en);
                context.titled_table(
                    &text!("{zh}（截至 {as_of}）", "{en} (as of {as_of})"),
                    &coverage::coverage_table(&rows),
                )
            }
        }
    }
}
