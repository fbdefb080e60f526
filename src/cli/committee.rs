//! `ggw committee`: establish, list, show, edit and dissolve committees (关工委), and their members.

use clap::{Args, Subcommand};

use ggw::db::committees::{
    self, Committee, CommitteeEdit, CommitteeFilter, NewCommittee, NewMember,
};
use ggw::db::units::{self, UnitRef};
use ggw::db::volunteers;
use ggw::model::committee::{CommitteeStatus, Role, Standard, parse_standards};
use ggw::model::enums::{Enumerated, parse_enum};
use ggw::model::parse_yuan;
use ggw::output::{Record, Table, Value, labels};
use ggw::{Error, text};

use super::{Context, ImportArgs, date_arg, date_or_today};

#[derive(Subcommand)]
pub enum CommitteeCommand {
    /// Set up a committee for one unit, or a joint committee (联合关工委) for several
    Establish(EstablishArgs),
    /// List committees
    List(ListArgs),
    /// Show one committee: its units, the six standards (六有) and its members
    Show {
        /// Committee id or name, or a unit it covers
        committee: String,
    },
    /// Change a committee: name, date, batch, units, the six standards, funds
    Edit(EditArgs),
    /// Dissolve a committee; its members' terms end on that date
    Dissolve {
        committee: String,
        /// [default: today]
        #[arg(long)]
        date: Option<String>,
    },
    /// Add or remove members
    #[command(subcommand)]
    Member(MemberCommand),
    /// Import committees from a sheet (单位, 成立日期, 批次, 主任, 常务副主任, 已具备, 年度经费)
    Import(ImportArgs),
}

#[derive(Args)]
pub struct EstablishArgs {
    /// The unit, or several units for a joint committee
    #[arg(required = true)]
    units: Vec<String>,
    /// The date it was set up (成立日期)
    #[arg(long, required_unless_present = "planned")]
    date: Option<String>,
    /// Record a committee still being prepared (筹建中), without a date
    #[arg(long, conflicts_with = "date")]
    planned: bool,
    /// The batch it was set up in (批次), from 1
    #[arg(long, allow_negative_numbers = true)]
    batch: Option<i64>,
    /// Its name [default: 〈unit〉关工委, or 〈first unit〉等N家单位联合关工委]
    #[arg(long)]
    name: Option<String>,
}

#[derive(Args)]
pub struct ListArgs {
    /// planned, active or dissolved (筹建中, 已成立, 已撤销)
    #[arg(long)]
    status: Option<String>,
    #[arg(long)]
    batch: Option<i64>,
    /// Include dissolved committees
    #[arg(long)]
    all: bool,
}

#[derive(Args)]
pub struct EditArgs {
    committee: String,
    #[arg(long)]
    name: Option<String>,
    /// The date it was set up; a planned committee becomes active
    #[arg(long)]
    date: Option<String>,
    #[arg(long, allow_negative_numbers = true)]
    batch: Option<i64>,
    /// Standards now met, e.g. 场所,经费 or premises,funds (六有 for all six)
    #[arg(long)]
    meets: Option<String>,
    /// Standards not met
    #[arg(long)]
    lacks: Option<String>,
    /// Yearly funds in yuan (年度经费)
    #[arg(long, allow_negative_numbers = true)]
    funds: Option<String>,
    #[arg(long)]
    note: Option<String>,
    /// Cover another unit too; repeat for several
    #[arg(long = "add-unit", value_name = "UNIT")]
    add_units: Vec<String>,
    /// Stop covering a unit; repeat for several
    #[arg(long = "remove-unit", value_name = "UNIT")]
    remove_units: Vec<String>,
}

#[derive(Subcommand)]
pub enum MemberCommand {
    /// Add a member with a role
    Add(MemberAddArgs),
    /// End a member's term (the record stays as history)
    Remove {
        committee: String,
        name: String,
        /// Which role, when the person holds several
        #[arg(long)]
        role: Option<String>,
        /// The last day [default: today]
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Args)]
pub struct MemberAddArgs {
    committee: String,
    /// The member's name [default: the volunteer's, with --volunteer]
    #[arg(required_unless_present = "volunteer")]
    name: Option<String>,
    /// A 五老 of the register (id, 身份证号 or name): links the membership to
    /// their record and marks them retired
    #[arg(long)]
    volunteer: Option<String>,
    /// 名誉主任, 顾问, 主任, 常务副主任, 副主任, 秘书长, 委员, 联络员 (or in English)
    #[arg(long)]
    role: String,
    /// A retired cadre (退休干部)
    #[arg(long)]
    retired: bool,
    /// Post in the unit (单位职务), e.g. 党组书记、局长
    #[arg(long)]
    post: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    /// The first day of the term
    #[arg(long)]
    from: Option<String>,
}

pub fn run(context: &Context, command: CommitteeCommand) -> anyhow::Result<()> {
    match command {
        CommitteeCommand::Establish(args) => establish(context, args),
        CommitteeCommand::List(args) => list(context, args),
        CommitteeCommand::Show { committee } => {
            let db = context.open()?;
            let id = committees::resolve(db.conn(), &committee)?;
            context.shown_record(
                &db,
                committee_record(&committees::get(db.conn(), id)?),
                "committee",
                id,
            )
        }
        CommitteeCommand::Edit(args) => edit(context, args),
        CommitteeCommand::Dissolve { committee, date } => {
            let date = date_or_today(date.as_deref())?;
            let mut db = context.open()?;
            let dissolved = db.write(|tx| {
                let id = committees::resolve(tx, &committee)?;
                committees::dissolve(tx, id, date)?;
                committees::get(tx, id)
            })?;
            let name = committees::describe(&dissolved);
            let (zh, en) = (&name.zh, &name.en);
            context.say(&text!("已撤销{zh}（{date}）", "dissolved {en} on {date}"))
        }
        CommitteeCommand::Member(MemberCommand::Add(args)) => add_member(context, args),
        CommitteeCommand::Member(MemberCommand::Remove {
            committee,
            name,
            role,
            date,
        }) => {
            let date = date_or_today(date.as_deref())?;
            let role = role
                .as_deref()
                .map(parse_enum::<Role>)
                .transpose()
                .map_err(Error::Refused)?;
            let mut db = context.open()?;
            let member = db.write(|tx| {
                let id = committees::resolve(tx, &committee)?;
                committees::end_member(tx, id, &name, role, date)
            })?;
            let (name, zh, en) = (&member.name, member.role.zh(), member.role.en());
            context.say(&text!(
                "{name}的{zh}任职已于 {date} 结束",
                "{name}'s term as {en} ended on {date}"
            ))
        }
        CommitteeCommand::Import(args) => args.run(
            context,
            &mut ggw::import::committees::CommitteeImporter::new(&args.options()),
        ),
    }
}

fn resolve_units(conn: &rusqlite::Connection, names: &[String]) -> ggw::Result<Vec<UnitRef>> {
    names
        .iter()
        .map(|name| units::resolve(conn, name))
        .collect()
}

fn establish(context: &Context, args: EstablishArgs) -> anyhow::Result<()> {
    let date = args.date.as_deref().map(date_arg).transpose()?;
    let mut db = context.open()?;
    let committee = db.write(|tx| {
        let new = NewCommittee {
            units: resolve_units(tx, &args.units)?,
            established_on: date,
            batch: args.batch,
            name: args.name.clone(),
        };
        let id = committees::establish(tx, &new)?;
        committees::get(tx, id)
    })?;
    let name = committees::describe(&committee);
    let (zh, en) = (&name.zh, &name.en);
    match committee.established_on {
        Some(date) => context.say(&text!(
            "已建立{zh}，成立日期 {date}",
            "set up {en} on {date}"
        )),
        None => context.say(&text!("已登记筹建中的{zh}", "recorded {en} as planned")),
    }
}

fn edit(context: &Context, args: EditArgs) -> anyhow::Result<()> {
    let standards = |list: &Option<String>| -> ggw::Result<Vec<Standard>> {
        list.as_deref().map_or(Ok(Vec::new()), |s| {
            parse_standards(s).map_err(Error::Refused)
        })
    };
    let mut change = CommitteeEdit {
        name: args.name.clone(),
        established_on: args.date.as_deref().map(date_arg).transpose()?,
        batch: args.batch.map(Some),
        meets: standards(&args.meets)?,
        lacks: standards(&args.lacks)?,
        yearly_funds: match args.funds.as_deref() {
            Some(yuan) => Some(Some(parse_yuan(yuan).map_err(Error::Refused)?)),
            None => None,
        },
        note: args.note.clone().map(Some),
        ..CommitteeEdit::default()
    };
    let mut db = context.open()?;
    let (committee, changed) = db.write(|tx| {
        let id = committees::resolve(tx, &args.committee)?;
        change.add_units = resolve_units(tx, &args.add_units)?;
        change.remove_units = resolve_units(tx, &args.remove_units)?;
        let changed = committees::edit(tx, id, &change)?;
        Ok((committees::get(tx, id)?, changed))
    })?;
    let name = committees::describe(&committee);
    let (zh, en) = (&name.zh, &name.en);
    if changed {
        context.say(&text!("已更新{zh}", "updated {en}"))
    } else {
        context.say(&text!("{zh}没有变化", "{en} is unchanged"))
    }
}

fn add_member(context: &Context, args: MemberAddArgs) -> anyhow::Result<()> {
    let mut new = NewMember {
        name: args.name.unwrap_or_default(),
        role: parse_enum::<Role>(&args.role).map_err(Error::Refused)?,
        retired: args.retired,
        post: args.post,
        phone: args.phone,
        started_on: args.from.as_deref().map(date_arg).transpose()?,
        volunteer_id: None,
    };
    let mut db = context.open()?;
    let committee = db.write(|tx| {
        let id = committees::resolve(tx, &args.committee)?;
        if let Some(volunteer) = &args.volunteer {
            let found = volunteers::get(tx, volunteers::resolve(tx, volunteer)?)?;
            if new.name.trim().is_empty() {
                new.name = found.values.name.clone();
            } else if ggw::model::clean(&new.name) != found.values.name {
                let (given, registered) = (&new.name, &found.values.name);
                return Err(ggw::refuse!(
                    "姓名“{given}”与五老记录中的“{registered}”不符",
                    "the name '{given}' is not the volunteer's, '{registered}'"
                ));
            }
            new.volunteer_id = Some(found.id);
            // 五老 are retired by definition.
            new.retired = true;
        }
        committees::add_member(tx, id, &new)?;
        committees::get(tx, id)
    })?;
    let committee_name = &committee.name;
    let (name, zh, en) = (&new.name, new.role.zh(), new.role.en());
    context.say(&text!(
        "已增加{committee_name}{zh}：{name}",
        "added {name} as {en} of {committee_name}"
    ))
}

fn list(context: &Context, args: ListArgs) -> anyhow::Result<()> {
    let filter = CommitteeFilter {
        status: args
            .status
            .as_deref()
            .map(parse_enum::<CommitteeStatus>)
            .transpose()
            .map_err(Error::Refused)?,
        batch: args.batch,
        include_dissolved: args.all,
    };
    let db = context.open()?;
    let mut table = Table::new(vec![
        labels::ID,
        labels::NAME,
        labels::UNITS,
        labels::STATUS,
        labels::ESTABLISHED_ON,
        labels::BATCH,
        labels::DIRECTOR,
        labels::EXECUTIVE_DEPUTY,
        labels::STANDARDS_MET,
        labels::COMPLIANT_FLAG,
    ]);
    for committee in committees::list(db.conn(), &filter)? {
        let compliant = committee.compliant();
        table.push(vec![
            Value::Int(committee.id),
            Value::Text(committee.name),
            Value::List(committee.units.into_iter().map(|u| u.name).collect()),
            Value::Coded(committee.status.coded()),
            Value::opt_date(committee.established_on),
            Value::opt_int(committee.batch),
            Value::opt_text(committee.director),
            Value::opt_text(committee.executive_deputy),
            Value::Int(committee.standards.iter().filter(|(_, met)| *met).count() as i64),
            Value::Bool(compliant),
        ]);
    }
    context.table(&table)
}

fn committee_record(committee: &Committee) -> Record {
    let standards = |wanted: bool| {
        Value::CodedList(
            committee
                .standards
                .iter()
                .filter(|(_, met)| *met == wanted)
                .map(|(standard, _)| standard.coded())
                .collect(),
        )
    };
    let fields = vec![
        (labels::ID, Value::Int(committee.id)),
        (labels::NAME, Value::text(&committee.name)),
        (labels::STATUS, Value::Coded(committee.status.coded())),
        (
            labels::ESTABLISHED_ON,
            Value::opt_date(committee.established_on),
        ),
        (
            labels::DISSOLVED_ON,
            Value::opt_date(committee.dissolved_on),
        ),
        (labels::BATCH, Value::opt_int(committee.batch)),
        (
            labels::UNITS,
            Value::List(committee.units.iter().map(|u| u.name.clone()).collect()),
        ),
        (labels::MEETS, standards(true)),
        (labels::LACKS, standards(false)),
        (labels::COMPLIANT_FLAG, Value::Bool(committee.compliant())),
        (
            labels::YEARLY_FUNDS,
            committee.yearly_funds.map_or(Value::Null, Value::Money),
        ),
        (labels::NOTE, Value::opt_text(committee.note.clone())),
    ];
    let mut current = Table::new(vec![
        labels::ROLE,
        labels::PERSON_NAME,
        labels::RETIRED,
        labels::POST,
        labels::PHONE,
        labels::STARTED_ON,
    ]);
    let mut former = Table::new(vec![
        labels::ROLE,
        labels::PERSON_NAME,
        labels::RETIRED,
        labels::POST,
        labels::STARTED_ON,
        labels::ENDED_ON,
    ]);
    for member in &committee.members {
        let (role, name, retired, post) = (
            Value::Coded(member.role.coded()),
            Value::text(&member.name),
            Value::Bool(member.retired),
            Value::opt_text(member.post.clone()),
        );
        match member.ended_on {
            None => current.push(vec![
                role,
                name,
                retired,
                post,
                Value::opt_text(member.phone.clone()),
                Value::opt_date(member.started_on),
            ]),
            Some(ended) => former.push(vec![
                role,
                name,
                retired,
                post,
                Value::opt_date(member.started_on),
                Value::Date(ended),
            ]),
        }
    }
    Record {
        fields,
        sections: vec![(labels::MEMBERS, current), (labels::FORMER_MEMBERS, former)],
    }
}
