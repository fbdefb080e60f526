//! `ggw meeting`: meetings (会议) — add, list, show, edit, remove, attend, import.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use ggw::db::kinds;
use ggw::db::meetings::{self, Meeting, MeetingDraft, MeetingFilter};
use ggw::db::units;
use ggw::import::meetings::{MeetingImporter, SignInImporter};
use ggw::model::parse_count;
use ggw::model::period::period_of;
use ggw::output::{Record, Table, Value, labels};
use ggw::{Error, text};

use super::{Context, ImportArgs};

#[derive(Subcommand)]
pub enum MeetingCommand {
    /// Record a meeting that was held
    Add(AddArgs),
    /// List meetings
    List(ListArgs),
    /// Show a meeting: attendance by unit, speakers, and the units with a committee that did not come
    Show {
        /// Id, date (when one meeting was held that day) or title
        meeting: String,
    },
    /// Change a meeting
    Edit(EditArgs),
    /// Remove a meeting and its attendance
    Remove { meeting: String },
    /// Record attendance: a unit's head-count, or a whole sign-in sheet (签到表)
    Attend(AttendArgs),
    /// Import meetings, one row each (日期, 会议名称, 会议类别, 主办单位, 主持人, 地点, 参会人数, 参会单位)
    Import(ImportArgs),
    /// The meeting kinds (会议类别), which the office can extend
    #[command(subcommand)]
    Kind(super::kind::KindCommand),
}

/// The values `add` and `edit` share.
#[derive(Args)]
struct ValueArgs {
    /// 推进会, 工作会议, 全委会, 主任办公会, 联席会议, 例会, 议事协商会, 调研座谈会, 培训会, 其他 (or the English code)
    #[arg(long)]
    kind: Option<String>,
    /// A host: a registered unit or any body (市关工委); repeat for several
    #[arg(long = "host", value_name = "NAME")]
    hosts: Vec<String>,
    /// Who presided (主持人)
    #[arg(long)]
    presider: Option<String>,
    #[arg(long)]
    location: Option<String>,
    /// The total attendance [default: the sum of the units' counts]
    #[arg(long, allow_negative_numbers = true)]
    attendees: Option<String>,
    /// An attending unit and its head-count, UNIT[:COUNT]; repeat for several
    #[arg(long = "unit", value_name = "UNIT[:COUNT]")]
    units: Vec<String>,
    /// A speaker, UNIT[:PERSON[:TOPIC]], or :PERSON[:TOPIC] for one of no unit; repeat in order
    #[arg(long = "speaker", value_name = "UNIT[:PERSON[:TOPIC]]")]
    speakers: Vec<String>,
    #[arg(long)]
    note: Option<String>,
}

#[derive(Args)]
pub struct AddArgs {
    #[arg(long)]
    date: String,
    #[arg(long)]
    title: String,
    #[command(flatten)]
    values: ValueArgs,
}

#[derive(Args)]
pub struct EditArgs {
    meeting: String,
    #[arg(long)]
    date: Option<String>,
    #[arg(long)]
    title: Option<String>,
    /// Hosts, units and speakers given replace those recorded
    #[command(flatten)]
    values: ValueArgs,
}

#[derive(Args)]
pub struct ListArgs {
    /// 2023-07, 2023-Q3, 2023-H2 or 2023
    #[arg(long)]
    period: Option<String>,
    #[arg(long)]
    from: Option<String>,
    #[arg(long)]
    to: Option<String>,
    /// Only meetings of this kind
    #[arg(long)]
    kind: Option<String>,
    /// Only meetings this unit attended or hosted
    #[arg(long)]
    unit: Option<String>,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("how").required(true).args(["unit", "sheet"])))]
pub struct AttendArgs {
    meeting: String,
    /// The unit that attended
    #[arg(long, requires = "count")]
    unit: Option<String>,
    /// How many people it sent
    #[arg(long, allow_negative_numbers = true, conflicts_with = "sheet")]
    count: Option<String>,
    /// A sign-in sheet (单位, 姓名, 职务, 签到时间): .xlsx or .csv
    #[arg(long, value_name = "FILE")]
    sheet: Option<PathBuf>,
    /// With --sheet: check everything, write nothing
    #[arg(long, requires = "sheet")]
    dry_run: bool,
    /// With --sheet: take the good rows, leave out the bad ones
    #[arg(long, requires = "sheet")]
    skip_invalid: bool,
    /// With --sheet: save the bad rows with the reason to this .csv or .xlsx file
    #[arg(long, value_name = "FILE", requires = "sheet")]
    rejects: Option<PathBuf>,
}

pub fn run(context: &Context, command: MeetingCommand) -> anyhow::Result<()> {
    match command {
        MeetingCommand::Add(args) => {
            let mut draft = MeetingDraft {
                held_on: args.date,
                title: args.title,
                kind: "other".to_string(),
                ..MeetingDraft::default()
            };
            args.values.apply(&mut draft, true);
            let mut db = context.open()?;
            let meeting = db.write(|tx| {
                let values = meetings::check(tx, &draft, None)?.map_err(meetings::refusal)?;
                let id = meetings::insert(tx, &values)?;
                meetings::get(tx, id)
            })?;
            let (id, title, date) = (meeting.id, &meeting.title, meeting.held_on);
            context.say(&text!(
                "已登记会议 #{id} {date} {title}",
                "recorded meeting #{id} {date} {title}"
            ))
        }
        MeetingCommand::List(args) => list(context, args),
        MeetingCommand::Show { meeting } => {
            let db = context.open()?;
            let found = meetings::get(db.conn(), meetings::resolve(db.conn(), &meeting)?)?;
            let absent = meetings::absent_units(db.conn(), &found)?;
            context.shown_record(&db, meeting_record(&found, &absent), "meeting", found.id)
        }
        MeetingCommand::Edit(args) => {
            let mut db = context.open()?;
            let (meeting, changed) = db.write(|tx| {
                let id = meetings::resolve(tx, &args.meeting)?;
                let mut draft = meetings::draft_of(&meetings::get(tx, id)?);
                if let Some(date) = &args.date {
                    draft.held_on = date.clone();
                }
                if let Some(title) = &args.title {
                    draft.title = title.clone();
                }
                args.values.apply(&mut draft, false);
                let values = meetings::check(tx, &draft, Some(id))?.map_err(meetings::refusal)?;
                let changed = meetings::update(tx, id, &values)?;
                Ok((meetings::get(tx, id)?, changed))
            })?;
            let (id, title) = (meeting.id, &meeting.title);
            if changed {
                context.say(&text!(
                    "已更新会议 #{id} {title}",
                    "updated meeting #{id} {title}"
                ))
            } else {
                context.say(&text!(
                    "会议 #{id} {title} 没有变化",
                    "meeting #{id} {title} is unchanged"
                ))
            }
        }
        MeetingCommand::Remove { meeting } => {
            let mut db = context.open()?;
            let removed = db.write(|tx| meetings::remove(tx, meetings::resolve(tx, &meeting)?))?;
            let (id, title) = (removed.id, &removed.title);
            context.say(&text!(
                "已删除会议 #{id} {title}",
                "removed meeting #{id} {title}"
            ))
        }
        MeetingCommand::Attend(args) => attend(context, args),
        MeetingCommand::Import(args) => {
            args.run(context, &mut MeetingImporter::new(&args.options()))
        }
        MeetingCommand::Kind(command) => super::kind::run(context, kinds::MEETING, command),
    }
}

impl ValueArgs {
    /// Lays the given values over a draft; lists given replace the draft's.
    fn apply(&self, draft: &mut MeetingDraft, adding: bool) {
        if let Some(kind) = &self.kind {
            draft.kind = kind.clone();
        }
        for (given, value) in [
            (&self.presider, &mut draft.presider),
            (&self.location, &mut draft.location),
            (&self.attendees, &mut draft.attendees),
            (&self.note, &mut draft.note),
        ] {
            if given.is_some() {
                value.clone_from(given);
            }
        }
        for (given, value) in [
            (&self.hosts, &mut draft.hosts),
            (&self.units, &mut draft.units),
            (&self.speakers, &mut draft.speakers),
        ] {
            if adding || !given.is_empty() {
                value.clone_from(given);
            }
        }
    }
}

fn attend(context: &Context, args: AttendArgs) -> anyhow::Result<()> {
    let mut db = context.open()?;
    let id = meetings::resolve(db.conn(), &args.meeting)?;
    if let Some(sheet) = args.sheet {
        drop(db);
        let import = ImportArgs {
            file: sheet,
            sheet: None,
            dry_run: args.dry_run,
            on_conflict: super::OnConflictArg::Update,
            force: false,
            skip_invalid: args.skip_invalid,
            rejects: args.rejects,
            encoding: super::EncodingChoice::Auto,
        };
        return import.run(context, &mut SignInImporter::new(id, &import.options()));
    }
    let (Some(unit), Some(count)) = (&args.unit, &args.count) else {
        return Err(ggw::refuse!(
            "请用 --unit 和 --count 登记一个单位的人数，或用 --sheet 读入签到表",
            "give --unit with --count for one unit's head-count, or --sheet for a sign-in sheet"
        )
        .into());
    };
    let count = parse_count(count).map_err(Error::Refused)?;
    let unit = db.write(|tx| {
        let unit = units::resolve(tx, unit)?;
        meetings::attend(tx, id, &unit, count)?;
        Ok(unit)
    })?;
    let name = &unit.name;
    context.say(&text!(
        "已登记会议 #{id}：{name} {count} 人",
        "recorded meeting #{id}: {name}, {count} people"
    ))
}

fn list(context: &Context, args: ListArgs) -> anyhow::Result<()> {
    let db = context.open()?;
    let conn = db.conn();
    let filter = MeetingFilter {
        period: period_of(
            args.period.as_deref(),
            args.from.as_deref(),
            args.to.as_deref(),
        )
        .map_err(Error::Refused)?,
        kind_id: match &args.kind {
            Some(kind) => Some(
                kinds::resolve(conn, kinds::MEETING, kind)?
                    .map_err(Error::Refused)?
                    .id,
            ),
            None => None,
        },
        unit_id: match &args.unit {
            Some(unit) => Some(units::resolve(conn, unit)?.id),
            None => None,
        },
    };
    let table = ggw::report::meetings::list_table(meetings::list(conn, &filter)?);
    context.table(&table)
}

fn meeting_record(meeting: &Meeting, absent: &[units::UnitRef]) -> Record {
    let fields = vec![
        (labels::ID, Value::Int(meeting.id)),
        (labels::HELD_ON, Value::Date(meeting.held_on)),
        (labels::TITLE, Value::text(&meeting.title)),
        (labels::KIND, Value::Coded(meeting.kind.coded())),
        (
            labels::HOSTS,
            Value::List(meeting.hosts.iter().map(|h| h.name.clone()).collect()),
        ),
        (labels::PRESIDER, Value::opt_text(meeting.presider.clone())),
        (labels::LOCATION, Value::opt_text(meeting.location.clone())),
        (labels::ATTENDEES, Value::opt_int(meeting.attendees())),
        (labels::UNIT_COUNT, Value::Int(meeting.units.len() as i64)),
        (labels::NOTE, Value::opt_text(meeting.note.clone())),
    ];
    let mut units = Table::new(vec![labels::ID, labels::UNIT_NAME, labels::HEADCOUNT]);
    for attendance in &meeting.units {
        units.push(vec![
            Value::Int(attendance.unit.id),
            Value::text(&attendance.unit.name),
            Value::opt_int(attendance.attendees),
        ]);
    }
    let mut speakers = Table::new(vec![labels::UNIT, labels::SPEAKER, labels::TOPIC]);
    for speaker in &meeting.speakers {
        speakers.push(vec![
            Value::opt_text(speaker.unit.as_ref().map(|u| u.name.clone())),
            Value::opt_text(speaker.person.clone()),
            Value::opt_text(speaker.topic.clone()),
        ]);
    }
    let mut signed_in = Table::new(vec![
        labels::UNIT,
        labels::PERSON_NAME,
        labels::POST,
        labels::SIGNED_AT,
    ]);
    for attendee in &meeting.signed_in {
        signed_in.push(vec![
            Value::opt_text(attendee.unit.as_ref().map(|u| u.name.clone())),
            Value::text(&attendee.name),
            Value::opt_text(attendee.post.clone()),
            Value::opt_text(attendee.signed_at.clone()),
        ]);
    }
    let mut missing = Table::new(vec![labels::ID, labels::UNIT_NAME]);
    for unit in absent {
        missing.push(vec![Value::Int(unit.id), Value::text(&unit.name)]);
    }
    Record {
        fields,
        sections: vec![
            (labels::ATTENDING_UNITS, units),
            (labels::SPEAKERS, speakers),
            (labels::SIGNED_IN, signed_in),
            (labels::ABSENT_UNITS, missing),
        ],
    }
}
