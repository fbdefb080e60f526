//! `ggw report`: the published figures.

use clap::{Args, Subcommand, ValueEnum};

use ggw::db::settings;
use ggw::model::period::{Period, period_of};
use ggw::output::CsvEncoding;
use ggw::report::{activities, bulletin, meetings, volunteers};
use std::path::PathBuf;

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
        #[arg(long, conflicts_with = "by")]
        missing: bool,
        /// Rows by unit kind, or by the batch (批次) the committees were set up in
        #[arg(long, value_enum)]
        by: Option<CoverageBy>,
        #[command(flatten)]
        out: OutArgs,
    },
    /// Meetings of a period by kind: how many, the attendance, the units represented
    Meetings {
        #[command(flatten)]
        period: PeriodArgs,
        /// List the meetings themselves instead
        #[arg(long)]
        list: bool,
        #[command(flatten)]
        out: OutArgs,
    },
    /// 五老 by unit and category, with those who joined, the model volunteers and the age bands
    Volunteers(VolunteersArgs),
    /// Write the bulletin's figures for a period: summary, coverage, volunteers, meetings and activities as CSV, and bulletin.md
    Bulletin(BulletinArgs),
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

#[derive(Args)]
pub struct VolunteersArgs {
    /// Count those who joined in this period too; ages are taken at its end
    #[arg(long)]
    period: Option<String>,
    #[arg(long)]
    from: Option<String>,
    #[arg(long)]
    to: Option<String>,
    /// The day the strength is counted on [default: the period's end, else today]
    #[arg(long)]
    as_of: Option<String>,
    #[command(flatten)]
    out: OutArgs,
}

#[derive(Args)]
pub struct BulletinArgs {
    #[command(flatten)]
    period: PeriodArgs,
    /// The folder to write the files into (made if missing)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The issue number in its year [default: the one it was given before, else the next]
    #[arg(long)]
    issue: Option<i64>,
    /// The running number, 总第N期 [default: the one it was given before, else the next]
    #[arg(long)]
    total_issue: Option<i64>,
    /// The bulletin's date [default: the one it was given before, else today]
    #[arg(long)]
    date: Option<String>,
    /// Also write bulletin.xlsx, one sheet a table
    #[arg(long)]
    xlsx: bool,
    /// The CSV files' encoding: utf8-bom (Excel reads it), utf8, or gbk
    #[arg(long, value_enum, default_value_t = super::CsvEncodingArg::Utf8Bom)]
    encoding: super::CsvEncodingArg,
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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CoverageBy {
    Kind,
    Batch,
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
            by,
            out,
        } => {
            let as_of = date_or_today(as_of.as_deref())?;
            let db = context.open()?;
            let (zh, en) = (labels::COVERAGE_TITLE.zh, labels::COVERAGE_TITLE.en);
            if missing {
                let table = coverage::missing_table(db.conn(), as_of)?;
                let (zh, en) = (labels::MISSING_TITLE.zh, labels::MISSING_TITLE.en);
                out.report(
                    context,
                    &text!("{zh}（截至 {as_of}）", "{en} (as of {as_of})"),
                    &table,
                )
            } else if by == Some(CoverageBy::Batch) {
                let table = coverage::batch_table(db.conn(), as_of)?;
                out.report(
                    context,
                    &text!(
                        "{zh}·按批次（截至 {as_of}）",
                        "{en} by batch (as of {as_of})"
                    ),
                    &table,
                )
            } else {
                let rows = coverage::coverage(db.conn(), as_of)?;
                out.report(
                    context,
                    &text!("{zh}（截至 {as_of}）", "{en} (as of {as_of})"),
                    &coverage::coverage_table(&rows),
                )
            }
        }
        ReportCommand::Meetings { period, list, out } => {
            let period = period.period()?;
            let name = bulletin::period_name(period);
            let db = context.open()?;
            let table = if list {
                meetings::period_list_table(db.conn(), period)?
            } else {
                meetings::meetings_table(db.conn(), period)?
            };
            out.report(
                context,
                &text!("会议情况（{name}）", "Meetings ({period})"),
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
            let name = bulletin::period_name(period);
            let db = context.open()?;
            if missing {
                let table = activities::silent_units_table(db.conn(), period)?;
                return out.report(
                    context,
                    &text!(
                        "有关工委但本期未报活动的单位（{name}）",
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
                &text!("活动开展情况（{name}）", "Activities ({period})"),
                &table,
            )
        }
        ReportCommand::Volunteers(args) => {
            let period = period_of(
                args.period.as_deref(),
                args.from.as_deref(),
                args.to.as_deref(),
            )
            .map_err(ggw::Error::Refused)?;
            let as_of = match (&args.as_of, period) {
                (Some(date), _) => super::date_arg(date)?,
                (None, Some(period)) => period.to,
                (None, None) => ggw::model::date::today(),
            };
            let db = context.open()?;
            let table = volunteers::volunteers_table(db.conn(), as_of, period)?;
            args.out.report(
                context,
                &text!("五老队伍（截至 {as_of}）", "Volunteers (as of {as_of})"),
                &table,
            )
        }
        ReportCommand::Bulletin(args) => bulletin(context, args),
    }
}

fn bulletin(context: &Context, args: BulletinArgs) -> anyhow::Result<()> {
    let period = args.period.period()?;
    let issued_on = args.date.as_deref().map(super::date_arg).transpose()?;
    let mut db = context.open()?;
    // The numbers are fixed in the registry first, so that a re-run gives
    // the same bytes; the files are made before any is written.
    let (made, files, title) = db.write(|tx| {
        let numbers = bulletin::numbers(tx, period, args.issue, args.total_issue, issued_on)?;
        let made = bulletin::build(tx, period, numbers)?;
        let office = settings::get(tx, settings::OFFICE)?;
        let title = settings::get(tx, settings::TITLE)?;
        let scope = settings::get(tx, settings::SCOPE)?;
        let encoding = match args.encoding {
            super::CsvEncodingArg::Utf8Bom => CsvEncoding::Utf8Bom,
            super::CsvEncodingArg::Utf8 => CsvEncoding::Utf8,
            super::CsvEncodingArg::Gbk => CsvEncoding::Gbk,
        };
        let files = bulletin::files(
            &made,
            &office,
            &title,
            &scope,
            context.lang,
            encoding,
            args.xlsx,
        )?;
        Ok((made, files, title))
    })?;
    std::fs::create_dir_all(&args.out).map_err(|e| ggw::Error::io(&args.out, e))?;
    for (name, bytes) in &files {
        ggw::output::write_file(&args.out.join(name), bytes)?;
    }
    let n = made.numbers;
    let (dir, count, name) = (
        args.out.display(),
        files.len(),
        bulletin::period_name(period),
    );
    let (year, issue, total) = (n.year, n.issue, n.total_issue);
    context.titled_table(
        &text!(
            "《{title}》{name}：{year}年第{issue}期（总第{total}期），{count} 个文件已写入 {dir}",
            "Bulletin for {period}: issue {issue} of {year} (total {total}), {count} files written to {dir}"
        ),
        &made.summary,
    )
}
