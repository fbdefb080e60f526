//! `ggw volunteer`: the 五老 register — add, list, show, edit, retire, import, export.

use std::io::{self, BufRead, IsTerminal, Write};

use clap::{Args, Subcommand, ValueEnum};

use ggw::db::units::{self, ActiveUnits};
use ggw::db::volunteers::{self, Volunteer, VolunteerDraft, VolunteerFilter};
use ggw::import::volunteers::{FIELDS, VolunteerImporter};
use ggw::model::committee::Role;
use ggw::model::enums::{Enumerated, parse_enum};
use ggw::model::id_card::mask_id_card;
use ggw::model::phone::mask_phone;
use ggw::model::volunteer::{Category, VolunteerStatus};
use ggw::output::{Label, Record, Table, Value, labels};
use ggw::{Error, text};

use super::{Context, ImportArgs, date_or_today};

#[derive(Subcommand)]
pub enum VolunteerCommand {
    /// Register a volunteer (asks for missing required values on a terminal)
    Add(AddArgs),
    /// List volunteers
    List(ListArgs),
    /// Show one volunteer, with the committee roles they hold
    Show {
        /// Id, 身份证号 or name
        volunteer: String,
        /// Show phone and 身份证号 in full
        #[arg(long)]
        unmasked: bool,
    },
    /// Change a volunteer's values
    Edit(EditArgs),
    /// Record that a volunteer no longer takes part, or has died
    Retire {
        volunteer: String,
        /// [default: today]
        #[arg(long)]
        date: Option<String>,
        /// Record a death (已故) rather than leaving (不再参加)
        #[arg(long)]
        deceased: bool,
    },
    /// Import a roster (花名册): 姓名, 性别, 出生年月, 身份证号, 联系电话, 五老类别, …
    Import {
        #[command(flatten)]
        args: ImportArgs,
        /// The serving unit of rows that name none
        #[arg(long)]
        unit: Option<String>,
    },
    /// Write volunteers as CSV, in the columns `volunteer import` reads
    Export(ExportArgs),
}

/// The values `add` and `edit` share.
#[derive(Args)]
struct ValueArgs {
    /// 男 or 女 (male, female)
    #[arg(long)]
    gender: Option<String>,
    /// Birth date, or year and month (1952-03)
    #[arg(long)]
    birth: Option<String>,
    /// 身份证号 (18 characters; birth date and gender are taken from it)
    #[arg(long)]
    id_card: Option<String>,
    /// Mobile (a landline given here goes to --landline)
    #[arg(long)]
    phone: Option<String>,
    /// Landline, e.g. 0467-2345678
    #[arg(long)]
    landline: Option<String>,
    /// 老干部, 老战士, 老专家, 老教师, 老模范 or 其他 (cadre, veteran, expert, teacher, model, other)
    #[arg(long)]
    category: Option<String>,
    /// 原工作单位及职务
    #[arg(long)]
    former_post: Option<String>,
    /// 厅级, 处级, 科级 or 其他 (department, division, section, other)
    #[arg(long)]
    retired_rank: Option<String>,
    /// 政治面貌, e.g. 中共党员
    #[arg(long)]
    political_status: Option<String>,
    /// 专长
    #[arg(long)]
    specialties: Option<String>,
    /// The unit served (所在单位)
    #[arg(long)]
    unit: Option<String>,
    /// The date joined (加入日期)
    #[arg(long)]
    joined: Option<String>,
    /// A model volunteer (五老典型): yes or no
    #[arg(long)]
    model: Option<String>,
    #[arg(long)]
    note: Option<String>,
}

#[derive(Args)]
pub struct AddArgs {
    /// 姓名
    name: Option<String>,
    #[command(flatten)]
    values: ValueArgs,
}

#[derive(Args)]
pub struct EditArgs {
    volunteer: String,
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    values: ValueArgs,
    /// Empty these fields
    #[arg(long, value_enum, value_delimiter = ',')]
    clear: Vec<ClearField>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ClearField {
    Gender,
    Birth,
    IdCard,
    Phone,
    Landline,
    FormerPost,
    RetiredRank,
    PoliticalStatus,
    Specialties,
    Unit,
    Joined,
    Note,
}

#[derive(Args)]
pub struct ListArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// Show phone and 身份证号 in full
    #[arg(long)]
    unmasked: bool,
}

#[derive(Args)]
struct FilterArgs {
    /// Only volunteers serving this unit
    #[arg(long)]
    unit: Option<String>,
    /// Only this category
    #[arg(long)]
    category: Option<String>,
    /// active, inactive, deceased, or all [default: active]
    #[arg(long)]
    status: Option<String>,
    /// An age band today: 70-74, 80+ (and over), -64 (and under)
    #[arg(long, allow_negative_numbers = true)]
    age: Option<String>,
    /// Part of the name, former post or specialties
    #[arg(long)]
    search: Option<String>,
    /// Only model volunteers (五老典型)
    #[arg(long)]
    model: bool,
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    filter: FilterArgs,
    #[command(flatten)]
    out: super::OutArgs,
    /// Write phone and 身份证号 in full
    #[arg(long)]
    unmasked: bool,
}

pub fn run(context: &Context, command: VolunteerCommand) -> anyhow::Result<()> {
    match command {
        VolunteerCommand::Add(args) => add(context, args),
        VolunteerCommand::List(args) => list(context, args),
        VolunteerCommand::Show {
            volunteer,
            unmasked,
        } => {
            let db = context.open()?;
            let id = volunteers::resolve(db.conn(), &volunteer)?;
            let found = volunteers::get(db.conn(), id)?;
            let roles = volunteers::roles(db.conn(), id)?;
            context.shown_record(
                &db,
                volunteer_record(&found, &roles, unmasked),
                "volunteer",
                id,
            )
        }
        VolunteerCommand::Edit(args) => edit(context, args),
        VolunteerCommand::Retire {
            volunteer,
            date,
            deceased,
        } => {
            let date = date_or_today(date.as_deref())?;
            let status = if deceased {
                VolunteerStatus::Deceased
            } else {
                VolunteerStatus::Inactive
            };
            let mut db = context.open()?;
            let found = db.write(|tx| {
                let id = volunteers::resolve(tx, &volunteer)?;
                volunteers::retire(tx, id, status, date)?;
                volunteers::get(tx, id)
            })?;
            let (id, name, zh, en) = (found.id, &found.values.name, status.zh(), status.en());
            context.say(&text!(
                "已将 #{id} {name} 记为“{zh}”（{date}）",
                "recorded #{id} {name} as {en} from {date}"
            ))
        }
        VolunteerCommand::Import { args, unit } => {
            let db = context.open()?;
            let mut importer = VolunteerImporter::new(db.conn(), &args.options(), unit.as_deref())?;
            drop(db);
            args.run(context, &mut importer)
        }
        VolunteerCommand::Export(args) => export(context, args),
    }
}

impl ValueArgs {
    /// Lays the given values over a draft.
    fn apply(&self, draft: &mut VolunteerDraft) {
        let fields = [
            (&self.gender, &mut draft.gender),
            (&self.birth, &mut draft.birth),
            (&self.id_card, &mut draft.id_card),
            (&self.phone, &mut draft.phone),
            (&self.landline, &mut draft.landline),
            (&self.category, &mut draft.category),
            (&self.former_post, &mut draft.former_post),
            (&self.retired_rank, &mut draft.retired_rank),
            (&self.political_status, &mut draft.political_status),
            (&self.specialties, &mut draft.specialties),
            (&self.unit, &mut draft.unit),
            (&self.joined, &mut draft.joined_on),
            (&self.model, &mut draft.is_model),
            (&self.note, &mut draft.note),
        ];
        for (given, value) in fields {
            if given.is_some() {
                value.clone_from(given);
            }
        }
    }
}

fn add(context: &Context, args: AddArgs) -> anyhow::Result<()> {
    let mut draft = VolunteerDraft {
        name: args.name.unwrap_or_default(),
        ..VolunteerDraft::default()
    };
    args.values.apply(&mut draft);
    if volunteers::missing_required(&draft).is_some() && io::stdin().is_terminal() {
        ask_for_missing(context, &mut draft)?;
    }
    if let Some(refusal) = volunteers::missing_required(&draft) {
        return Err(refusal.into());
    }
    let mut db = context.open()?;
    let found = db.write(|tx| {
        let values = volunteers::check(tx, &draft, None, &mut ActiveUnits::default())?
            .map_err(ggw::db::field_errors)?;
        // The same name, birth date and unit is the same person, entered twice.
        if let Some(id) = volunteers::same_record(tx, &values)? {
            let name = &values.name;
            return Err(ggw::refuse!(
                "{name}已登记（#{id}，出生年月与所在单位相同）：如要修改请用 ggw volunteer edit {id}",
                "{name} is registered already (#{id}, same birth date and unit): change the record with ggw volunteer edit {id}"
            ));
        }
        let id = volunteers::insert(tx, &values)?;
        volunteers::get(tx, id)
    })?;
    let (id, name, zh, en) = (
        found.id,
        &found.values.name,
        found.values.category.zh(),
        found.values.category.en(),
    );
    context.say(&text!(
        "已登记五老 #{id} {name}（{zh}）",
        "registered volunteer #{id} {name} ({en})"
    ))
}

/// Asks on the terminal for the name and the category, when they were not given.
fn ask_for_missing(context: &Context, draft: &mut VolunteerDraft) -> anyhow::Result<()> {
    let mut stdin = io::stdin().lock();
    let mut ask = |question: &str| -> anyhow::Result<String> {
        eprint!("{question}");
        io::stderr().flush()?;
        let mut answer = String::new();
        stdin.read_line(&mut answer)?;
        Ok(answer.trim().to_string())
    };
    if draft.name.trim().is_empty() {
        draft.name = ask(text!("姓名：", "Name: ").get(context.lang))?;
    }
    if draft
        .category
        .as_deref()
        .is_none_or(|c| c.trim().is_empty())
    {
        let choices: Vec<&str> = Category::ALL
            .iter()
            .map(|c| c.label(context.lang))
            .collect();
        let (zh, en) = (choices.join("/"), choices.join("/"));
        draft.category = Some(ask(
            text!("五老类别（{zh}）：", "Category ({en}): ").get(context.lang)
        )?);
    }
    Ok(())
}

fn edit(context: &Context, args: EditArgs) -> anyhow::Result<()> {
    let mut db = context.open()?;
    let (found, changed) = db.write(|tx| {
        let id = volunteers::resolve(tx, &args.volunteer)?;
        let stored = volunteers::get(tx, id)?;
        let mut draft = volunteers::draft_of(&stored.values);
        if let Some(name) = &args.name {
            draft.name = name.clone();
        }
        args.values.apply(&mut draft);
        for field in &args.clear {
            let value = match field {
                ClearField::Gender => &mut draft.gender,
                ClearField::Birth => &mut draft.birth,
                ClearField::IdCard => &mut draft.id_card,
                ClearField::Phone => &mut draft.phone,
                ClearField::Landline => &mut draft.landline,
                ClearField::FormerPost => &mut draft.former_post,
                ClearField::RetiredRank => &mut draft.retired_rank,
                ClearField::PoliticalStatus => &mut draft.political_status,
                ClearField::Specialties => &mut draft.specialties,
                ClearField::Unit => &mut draft.unit,
                ClearField::Joined => &mut draft.joined_on,
                ClearField::Note => &mut draft.note,
            };
            *value = None;
        }
        let values = volunteers::check(tx, &draft, Some(&stored), &mut ActiveUnits::default())?
            .map_err(ggw::db::field_errors)?;
        let changed = volunteers::update(tx, &stored, &values)?;
        Ok((volunteers::get(tx, id)?, changed))
    })?;
    let (id, name) = (found.id, &found.values.name);
    if changed {
        context.say(&text!(
            "已更新五老 #{id} {name}",
            "updated volunteer #{id} {name}"
        ))
    } else {
        context.say(&text!(
            "五老 #{id} {name} 没有变化",
            "volunteer #{id} {name} is unchanged"
        ))
    }
}

impl FilterArgs {
    fn filter(&self, conn: &rusqlite::Connection) -> ggw::Result<VolunteerFilter> {
        let (min_age, max_age) = match &self.age {
            Some(band) => parse_age_band(band)?,
            None => (None, None),
        };
        Ok(VolunteerFilter {
            unit_id: match &self.unit {
                Some(unit) => Some(units::resolve(conn, unit)?.id),
                None => None,
            },
            category: self
                .category
                .as_deref()
                .map(parse_enum::<Category>)
                .transpose()
                .map_err(Error::Refused)?,
            status: match self.status.as_deref().map(str::trim) {
                None => Some(VolunteerStatus::Active),
                Some("all") | Some("全部") => None,
                Some(status) => {
                    Some(parse_enum::<VolunteerStatus>(status).map_err(Error::Refused)?)
                }
            },
            min_age,
            max_age,
            as_of: None,
            text: self.search.as_deref().map(ggw::model::clean),
            model_only: self.model,
        })
    }
}

/// `70-74`, `80+`, `-64`, `75`.
fn parse_age_band(band: &str) -> ggw::Result<(Option<i32>, Option<i32>)> {
    let cleaned = ggw::model::clean(band);
    let number = |s: &str| {
        s.trim()
            .parse::<i32>()
            .ok()
            .filter(|n| (0..=150).contains(n))
    };
    let parsed = if let Some(low) = cleaned.strip_suffix('+') {
        number(low).map(|low| (Some(low), None))
    } else if let Some(high) = cleaned.strip_prefix('-') {
        number(high).map(|high| (None, Some(high)))
    } else if let Some((low, high)) = cleaned.split_once('-') {
        number(low)
            .zip(number(high))
            .filter(|(l, h)| l <= h)
            .map(|(l, h)| (Some(l), Some(h)))
    } else {
        number(&cleaned).map(|age| (Some(age), Some(age)))
    };
    parsed.ok_or_else(|| {
        ggw::refuse!(
            "年龄段“{cleaned}”应写成 70-74、80+ 或 -64",
            "the age band '{cleaned}' should look like 70-74, 80+ or -64"
        )
    })
}

fn shown(value: &Option<String>, unmasked: bool, mask: fn(&str) -> String) -> Value {
    Value::opt_text(
        value
            .as_deref()
            .map(|v| if unmasked { v.to_string() } else { mask(v) }),
    )
}

fn list(context: &Context, args: ListArgs) -> anyhow::Result<()> {
    let db = context.open()?;
    let filter = args.filter.filter(db.conn())?;
    let today = ggw::model::date::today();
    let mut table = Table::new(vec![
        labels::ID,
        labels::PERSON_NAME,
        labels::GENDER,
        labels::BIRTH_DATE,
        labels::AGE,
        labels::CATEGORY,
        labels::SERVING_UNIT,
        labels::FORMER_POST,
        labels::MOBILE,
        labels::ID_CARD,
        labels::STATUS,
        labels::IS_MODEL,
    ]);
    for volunteer in volunteers::list(db.conn(), &filter)? {
        let v = &volunteer.values;
        table.push(vec![
            Value::Int(volunteer.id),
            Value::text(&v.name),
            v.gender.map_or(Value::Null, |g| Value::Coded(g.coded())),
            Value::opt_text(v.birth.map(|b| b.to_string())),
            Value::opt_int(v.birth.map(|b| i64::from(b.age_on(today)))),
            Value::Coded(v.category.coded()),
            Value::opt_text(volunteer.unit.as_ref().map(|u| u.name.clone())),
            Value::opt_text(v.former_post.clone()),
            shown(&v.phone, args.unmasked, mask_phone),
            shown(&v.id_card, args.unmasked, mask_id_card),
            Value::Coded(v.status.coded()),
            Value::Bool(v.is_model),
        ]);
    }
    context.table(&table)
}

fn volunteer_record(
    volunteer: &Volunteer,
    roles: &[(String, String, bool)],
    unmasked: bool,
) -> Record {
    let v = &volunteer.values;
    let today = ggw::model::date::today();
    let fields: Vec<(Label, Value)> = vec![
        (labels::ID, Value::Int(volunteer.id)),
        (labels::PERSON_NAME, Value::text(&v.name)),
        (
            labels::GENDER,
            v.gender.map_or(Value::Null, |g| Value::Coded(g.coded())),
        ),
        (
            labels::BIRTH_DATE,
            Value::opt_text(v.birth.map(|b| b.to_string())),
        ),
        (
            labels::AGE,
            Value::opt_int(v.birth.map(|b| i64::from(b.age_on(today)))),
        ),
        (labels::ID_CARD, shown(&v.id_card, unmasked, mask_id_card)),
        (labels::MOBILE, shown(&v.phone, unmasked, mask_phone)),
        (labels::LANDLINE, shown(&v.landline, unmasked, mask_phone)),
        (labels::CATEGORY, Value::Coded(v.category.coded())),
        (labels::FORMER_POST, Value::opt_text(v.former_post.clone())),
        (
            labels::RETIRED_RANK,
            v.retired_rank
                .map_or(Value::Null, |r| Value::Coded(r.coded())),
        ),
        (
            labels::POLITICAL_STATUS,
            Value::opt_text(v.political_status.clone()),
        ),
        (labels::SPECIALTIES, Value::opt_text(v.specialties.clone())),
        (
            labels::SERVING_UNIT,
            Value::opt_text(volunteer.unit.as_ref().map(|u| u.name.clone())),
        ),
        (labels::JOINED_ON, Value::opt_date(v.joined_on)),
        (labels::STATUS, Value::Coded(v.status.coded())),
        (labels::STATUS_ON, Value::opt_date(v.status_on)),
        (labels::IS_MODEL, Value::Bool(v.is_model)),
        (labels::NOTE, Value::opt_text(v.note.clone())),
    ];
    let mut held = Table::new(vec![labels::COMMITTEE, labels::ROLE, labels::SERVING]);
    for (committee, role, serving) in roles {
        let role = Role::from_code(role).map_or(Value::text(role), |r| Value::Coded(r.coded()));
        held.push(vec![Value::text(committee), role, Value::Bool(*serving)]);
    }
    Record {
        fields,
        sections: vec![(labels::ROLES, held)],
    }
}

fn export(context: &Context, args: ExportArgs) -> anyhow::Result<()> {
    let db = context.open()?;
    let filter = args.filter.filter(db.conn())?;
    // The columns `volunteer import` reads, so that an export imports again.
    let columns = FIELDS
        .iter()
        .map(|f| Label {
            key: f.key,
            zh: f.zh,
            en: f.en,
        })
        .collect();
    let mut table = Table::new(columns);
    for volunteer in volunteers::list(db.conn(), &filter)? {
        let v = &volunteer.values;
        let coded = |value: Option<ggw::output::Coded>| value.map_or(Value::Null, Value::Coded);
        table.push(vec![
            Value::text(&v.name),
            coded(v.gender.map(|g| g.coded())),
            Value::opt_text(v.birth.map(|b| b.to_string())),
            shown(&v.id_card, args.unmasked, mask_id_card),
            shown(&v.phone, args.unmasked, mask_phone),
            shown(&v.landline, args.unmasked, mask_phone),
            Value::Coded(v.category.coded()),
            Value::opt_text(v.former_post.clone()),
            coded(v.retired_rank.map(|r| r.coded())),
            Value::opt_text(v.political_status.clone()),
            Value::opt_text(v.specialties.clone()),
            Value::opt_text(volunteer.unit.as_ref().map(|u| u.name.clone())),
            Value::opt_date(v.joined_on),
            Value::Coded(v.status.coded()),
            Value::opt_date(v.status_on),
            Value::Bool(v.is_model),
            Value::opt_text(v.note.clone()),
        ]);
    }
    args.out.write(context, &table)
}
