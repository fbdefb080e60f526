//! `ggw activity`: the activities (活动) units report — add, list, show,
//! edit, remove, import, and their kinds.

use clap::{Args, Subcommand, ValueEnum};

use ggw::db::activities::{self, Activity, ActivityDraft, ActivityFilter};
use ggw::db::{kinds, units};
use ggw::import::activities::ActivityImporter;
use ggw::model::period::period_of;
use ggw::output::{Format, Label, Record, Table, Value, format_yuan, labels};
use ggw::{Error, text};

use super::{Context, ImportArgs};

#[derive(Subcommand)]
pub enum ActivityCommand {
    /// Record an activity a unit held
    Add(AddArgs),
    /// List activities, with their totals
    List(ListArgs),
    /// Show one activity
    Show {
        /// The activity's id
        activity: String,
    },
    /// Change an activity's values
    Edit(EditArgs),
    /// Remove an activity
    Remove {
        /// The activity's id
        activity: String,
    },
    /// Import a unit's monthly sheet: 单位, 日期, 活动类别, 活动名称, 受益青少年人次, 参与五老人数, 帮扶资金(元), 资助学生数, 简要内容
    Import {
        #[command(flatten)]
        args: ImportArgs,
        /// The unit of rows that name none (a sheet without a unit column)
        #[arg(long)]
        unit: Option<String>,
    },
    /// The activity kinds (活动类别), which the office can extend
    #[command(subcommand)]
    Kind(super::kind::KindCommand),
}

/// The values `add` and `edit` share, all optional.
#[derive(Args)]
struct ValueArgs {
    /// The last day of an activity of several days (结束日期)
    #[arg(long)]
    until: Option<String>,
    /// Youth reached, in person-times (受益青少年人次)
    #[arg(long, allow_negative_numbers = true)]
    youth: Option<String>,
    /// 五老 volunteers involved (参与五老人数)
    #[arg(long, allow_negative_numbers = true)]
    volunteers: Option<String>,
    /// Funds given, in yuan (帮扶资金), e.g. 20000 or 2万
    #[arg(long, allow_negative_numbers = true)]
    funds: Option<String>,
    /// Students helped (资助学生数)
    #[arg(long, allow_negative_numbers = true)]
    students: Option<String>,
    /// 地点
    #[arg(long)]
    location: Option<String>,
    /// 简要内容
    #[arg(long)]
    summary: Option<String>,
}

#[derive(Args)]
pub struct AddArgs {
    /// The unit that held it: id, name or alias
    #[arg(long)]
    unit: String,
    /// The date it was held (or began)
    #[arg(long)]
    date: String,
    /// 思想政治教育, 红色基因传承, 业务技术传帮带, 岗位练兵比武, 法治宣传, 助学助困, 家风家教, 劳动教育, 主题宣讲, 关爱帮扶, 心理健康, 其他 (or its English code; `ggw activity kind list`)
    #[arg(long)]
    kind: String,
    /// 活动名称
    #[arg(long)]
    title: String,
    #[command(flatten)]
    values: ValueArgs,
}

#[derive(Args)]
pub struct EditArgs {
    /// The activity's id
    activity: String,
    /// The unit that held it: id, name or alias
    #[arg(long)]
    unit: Option<String>,
    /// The date it was held (or began)
    #[arg(long)]
    date: Option<String>,
    /// The kind (活动类别), in Chinese or its English code
    #[arg(long)]
    kind: Option<String>,
    /// 活动名称
    #[arg(long)]
    title: Option<String>,
    #[command(flatten)]
    values: ValueArgs,
    /// Empty these fields
    #[arg(long, value_enum, value_delimiter = ',')]
    clear: Vec<ClearField>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ClearField {
    Until,
    Youth,
    Volunteers,
    Funds,
    Students,
    Location,
    Summary,
}

#[derive(Args)]
pub struct ListArgs {
    /// 2023-07, 2023-Q3, 2023-H2 or 2023: the activities held in it
    #[arg(long)]
    period: Option<String>,
    /// The activities held on or after this date
    #[arg(long)]
    from: Option<String>,
    /// The activities held on or before this date
    #[arg(long)]
    to: Option<String>,
    /// Only this unit's activities
    #[arg(long)]
    unit: Option<String>,
    /// Only activities of this kind
    #[arg(long)]
    kind: Option<String>,
    /// Part of the title, location or summary
    #[arg(long)]
    search: Option<String>,
}

pub fn run(context: &Context, command: ActivityCommand) -> anyhow::Result<()> {
    match command {
        ActivityCommand::Add(args) => add(context, args),
        ActivityCommand::List(args) => list(context, args),
        ActivityCommand::Show { activity } => {
            let db = context.open()?;
            let id = activities::resolve(db.conn(), &activity)?;
            context.shown_record(
                &db,
                activity_record(&activities::get(db.conn(), id)?),
                "activity",
                id,
            )
        }
        ActivityCommand::Edit(args) => edit(context, args),
        ActivityCommand::Remove { activity } => {
            let mut db = context.open()?;
            let removed = db.write(|tx| {
                let id = activities::resolve(tx, &activity)?;
                activities::remove(tx, id)
            })?;
            let (id, title, unit, date) = (
                removed.id,
                &removed.values.title,
                &removed.unit.name,
                removed.values.held_on,
            );
            context.say(&text!(
                "已删除活动 #{id} {title}（{unit}，{date}）",
                "removed activity #{id} {title} ({unit}, {date})"
            ))
        }
        ActivityCommand::Import { args, unit } => {
            let db = context.open()?;
            let mut importer = ActivityImporter::new(db.conn(), &args.options(), unit.as_deref())?;
            drop(db);
            args.run(context, &mut importer)
        }
        ActivityCommand::Kind(command) => super::kind::run(context, kinds::ACTIVITY, command),
    }
}

impl ValueArgs {
    /// Lays the given values over a draft.
    fn apply(&self, draft: &mut ActivityDraft) {
        let fields = [
            (&self.until, &mut draft.until),
            (&self.youth, &mut draft.youth),
            (&self.volunteers, &mut draft.volunteers),
            (&self.funds, &mut draft.funds),
            (&self.students, &mut draft.students),
            (&self.location, &mut draft.location),
            (&self.summary, &mut draft.summary),
        ];
        for (given, value) in fields {
            if given.is_some() {
                value.clone_from(given);
            }
        }
    }
}

fn add(context: &Context, args: AddArgs) -> anyhow::Result<()> {
    let mut draft = ActivityDraft {
        unit: Some(args.unit),
        held_on: Some(args.date),
        kind: Some(args.kind),
        title: args.title,
        ..ActivityDraft::default()
    };
    args.values.apply(&mut draft);
    let mut db = context.open()?;
    let found = db.write(|tx| {
        let values = activities::check(tx, &draft, None)?.map_err(ggw::db::field_errors)?;
        let id = activities::insert(tx, &values)?;
        activities::get(tx, id)
    })?;
    let (id, title, unit, date) = (
        found.id,
        &found.values.title,
        &found.unit.name,
        found.values.held_on,
    );
    context.say(&text!(
        "已登记活动 #{id} {title}（{unit}，{date}）",
        "recorded activity #{id} {title} ({unit}, {date})"
    ))
}

fn edit(context: &Context, args: EditArgs) -> anyhow::Result<()> {
    let mut db = context.open()?;
    let (found, changed) = db.write(|tx| {
        let id = activities::resolve(tx, &args.activity)?;
        let mut draft = activities::draft_of(&activities::get(tx, id)?);
        let named = [
            (&args.unit, &mut draft.unit),
            (&args.date, &mut draft.held_on),
            (&args.kind, &mut draft.kind),
        ];
        for (given, value) in named {
            if given.is_some() {
                value.clone_from(given);
            }
        }
        if let Some(title) = &args.title {
            draft.title = title.clone();
        }
        args.values.apply(&mut draft);
        for field in &args.clear {
            let value = match field {
                ClearField::Until => &mut draft.until,
                ClearField::Youth => &mut draft.youth,
                ClearField::Volunteers => &mut draft.volunteers,
                ClearField::Funds => &mut draft.funds,
                ClearField::Students => &mut draft.students,
                ClearField::Location => &mut draft.location,
                ClearField::Summary => &mut draft.summary,
            };
            *value = None;
        }
        let values = activities::check(tx, &draft, Some(id))?.map_err(ggw::db::field_errors)?;
        let changed = activities::update(tx, id, &values)?;
        Ok((activities::get(tx, id)?, changed))
    })?;
    let (id, title) = (found.id, &found.values.title);
    if changed {
        context.say(&text!(
            "已更新活动 #{id} {title}",
            "updated activity #{id} {title}"
        ))
    } else {
        context.say(&text!(
            "活动 #{id} {title} 没有变化",
            "activity #{id} {title} is unchanged"
        ))
    }
}

/// The columns of a list, in the order of the JSON keys.
const COLUMNS: [Label; 12] = [
    labels::ID,
    labels::HELD_ON,
    labels::UNTIL,
    activities::UNIT,
    labels::KIND,
    labels::TITLE,
    labels::YOUTH,
    labels::VOLUNTEERS_INVOLVED,
    labels::FUNDS,
    labels::STUDENTS,
    labels::LOCATION,
    labels::SUMMARY,
];

/// An activity's values, in the order of [`COLUMNS`].
fn values_of(activity: &Activity) -> Vec<Value> {
    let v = &activity.values;
    vec![
        Value::Int(activity.id),
        Value::Date(v.held_on),
        Value::opt_date(v.until),
        Value::text(&activity.unit.name),
        Value::Coded(activity.kind.coded()),
        Value::text(&v.title),
        Value::opt_int(v.youth),
        Value::opt_int(v.volunteers),
        v.funds.map_or(Value::Null, Value::Money),
        Value::opt_int(v.students),
        Value::opt_text(v.location.clone()),
        Value::opt_text(v.summary.clone()),
    ]
}

fn list(context: &Context, args: ListArgs) -> anyhow::Result<()> {
    let db = context.open()?;
    let conn = db.conn();
    let period = period_of(
        args.period.as_deref(),
        args.from.as_deref(),
        args.to.as_deref(),
    )
    .map_err(Error::Refused)?;
    let unit_id = match &args.unit {
        Some(unit) => Some(units::resolve(conn, unit)?.id),
        None => None,
    };
    let kind_id = match &args.kind {
        Some(kind) => Some(
            kinds::resolve(conn, kinds::ACTIVITY, kind)?
                .map_err(Error::Refused)?
                .id,
        ),
        None => None,
    };
    let filter = ActivityFilter {
        unit_id,
        kind_id,
        period,
        text: args.search.as_deref().map(ggw::model::clean),
    };
    let found = activities::list(conn, &filter)?;
    let mut table = Table::new(COLUMNS.to_vec());
    for activity in &found {
        table.push(values_of(activity));
    }
    context.table(&table)?;
    // The totals are for the clerk's eyes: CSV and JSON hold the rows only.
    if context.format == Format::Table && !found.is_empty() {
        let t = activities::totals(&found);
        let (n, youth, volunteers, funds, students) = (
            t.activities,
            t.youth,
            t.volunteers,
            format_yuan(t.funds),
            t.students,
        );
        context.say(&text!(
            "合计：活动 {n} 场，受益青少年 {youth} 人次，参与五老 {volunteers} 人次，帮扶资金 {funds} 元，资助学生 {students} 人",
            "Total: {n} activities, {youth} youth reached, {volunteers} volunteers involved, {funds} yuan of funds, {students} students helped"
        ))?;
    }
    Ok(())
}

fn activity_record(activity: &Activity) -> Record {
    Record {
        fields: COLUMNS.into_iter().zip(values_of(activity)).collect(),
        sections: Vec::new(),
    }
}
