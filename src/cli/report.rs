//! `ggw report`: the published figures.

use clap::{Args, Subcommand, ValueEnum};

use ggw::model::period::{Period, period_of};
use ggw::report::{activities, meetings};

use ggw::output::labels;
use ggw::report::coverage;
use ggw::text;

use super::{Context, OutArgs, date_or_today};

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
        #[command(flatten)]
        out: OutArgs,
    },
    /// Meetings of a period by kind: how many, the attendance, the units represented
    Meetings {
        #[command(flatten)]
        period: PeriodArgs,
        #[command(flatten)]
        out: OutArgs,
    },
    /// Activities of a period: 活动场次, 受益青少年人次, 参与五老人次, 帮扶资金, 资助学生数
    Activities {
        #[command(flatten)]
        period: PeriodArgs,
        /// Rows by unit or by kind
        #[arg(long, value_enum, default_value_t = ByArg::Unit)]
        by: ByArg,
        /// List the units with a committee that reported no activity instead
        #[arg(long)]
        missing: bool,
        #[command(flatten)]
        out: OutArgs,
    },
}

/// A period: `--period`, or `--from` and `--to`.
#[derive(Args)]
pub struct PeriodArgs {
    /// 2023-07, 2023-Q3, 2023-H2 or 2023
    #[arg(long, required_unless_present_any = ["from", "to"])]
    period: Option<String>,
    #[arg(long)]
    from: Option<String>,
    #[arg(long)]
    to: Option<String>,
}

impl PeriodArgs {
    fn period(&self) -> ggw::Result<Period> {
        period_of(
            self.period.as_deref(),
            self.from.as_deref(),
            self.to.as_deref(),
        )
        .map_err(ggw::Error::Refused)?
        .ok_or_else(|| {
            ggw::refuse!(
                "请用 --period 或 --from/--to 指定期间",
                "name the period with --period or --from/--to"
            )
        })
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ByArg {
    Unit,
    Kind,
}

pub fn run(context: &Context, command: ReportCommand) -> anyhow::Result<()> {
    match command {
        ReportCommand::Coverage {
            as_of,
            missing,
            out,
        } => {
            let as_of = date_or_today(as_of.as_deref())?;
            let db = context.open()?;
            if missing {
                let table = coverage::missing_table(db.conn(), as_of)?;
                let (zh, en) = (labels::MISSING_TITLE.zh, labels::MISSING_TITLE.en);
                out.report(
                    context,
                    &text!("{zh}（截至 {as_of}）", "{en} (as of {as_of})"),
                    &table,
                )
            } else {
                let rows = coverage::coverage(db.conn(), as_of)?;
                let (zh, en) = (labels::COVERAGE_TITLE.zh, labels::COVERAGE_TITLE.en);
                out.report(
                    context,
                    &text!("{zh}（截至 {as_of}）", "{en} (as of {as_of})"),
                    &coverage::coverage_table(&rows),
                )
            }
        }
        ReportCommand::Meetings { period, out } => {
            let period = period.period()?;
            let db = context.open()?;
            let table = meetings::meetings_table(db.conn(), period)?;
            out.report(
                context,
                &text!("会议情况（{period}）", "Meetings ({period})"),
                &table,
            )
        }
        ReportCommand::Activities {
            period,
            by,
            missing,
            out,
        } => {
            let period = period.period()?;
            let db = context.open()?;
            if missing {
                let table = activities::silent_units_table(db.conn(), period)?;
                return out.report(
                    context,
                    &text!(
                        "有关工委但本期未报活动的单位（{period}）",
                        "Units with a committee that reported no activity ({period})"
                    ),
                    &table,
                );
            }
            let by = match by {
                ByArg::Unit => activities::By::Unit,
                ByArg::Kind => activities::By::Kind,
            };
            let table = activities::activities_table(db.conn(), period, by)?;
            out.report(
                context,
                &text!("活动开展情况（{period}）", "Activities ({period})"),
                &table,
            )
        }
    }
}
