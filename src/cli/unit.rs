//! `ggw unit`: register, list, show, edit, merge, remove, import and export units (单位).

use clap::{Args, Subcommand, ValueEnum};

use ggw::db::kinds;
use ggw::db::units::{self, Unit, UnitDraft, UnitFilter};
use ggw::model::enums::Enumerated;
use ggw::model::phone::mask_phone;
use ggw::model::unit::UnitStatus;
use ggw::output::{Label, Record, Table, Value, labels};
use ggw::text;

use super::{Context, ImportArgs, date_or_today};

#[derive(Subcommand)]
pub enum UnitCommand {
    /// Register a unit
    Add(AddArgs),
    /// List units
    List(ListArgs),
    /// Show one unit: its values, aliases, committee and subordinate units
    Show {
        /// Id, name or alias
        unit: String,
    },
    /// Change a unit's values
    Edit(EditArgs),
    /// Merge a unit into another after an institutional reform (机构改革)
    Merge {
        /// The unit that goes away
        unit: String,
        /// The unit that carries it on
        #[arg(long)]
        into: String,
        /// The date of the merger [default: today]
        #[arg(long)]
        date: Option<String>,
    },
    /// Remove a unit that nothing refers to
    Remove { unit: String },
    /// Import units from a sheet (单位名称, 简称, 单位类别, 上级单位, 统一社会信用代码, …)
    Import(ImportArgs),
    /// Write every unit as CSV, in the columns `unit import` reads
    Export(ExportArgs),
    /// The unit kinds (单位类别), which the office can extend
    #[command(subcommand)]
    Kind(super::kind::KindCommand),
}

#[derive(Args)]
pub struct AddArgs {
    /// The full name (单位全称), e.g. 鸡西市司法局
    name: String,
    /// A short or former name (简称), e.g. 市司法局; repeat for several
    #[arg(long = "alias", value_name = "ALIAS")]
    aliases: Vec<String>,
    #[command(flatten)]
    values: ValueArgs,
}

/// The values `add` and `edit` share.
#[derive(Args)]
struct ValueArgs {
    /// The kind (单位类别): 党政机关, 司法机关, 事业单位, 国有企业, 学校, 群团组织, 其他, or its English code
    #[arg(long)]
    kind: Option<String>,
    /// The unit it belongs to (上级单位)
    #[arg(long)]
    parent: Option<String>,
    /// 统一社会信用代码 (18 characters, GB 32100)
    #[arg(long)]
    credit_code: Option<String>,
    /// Number of staff (职工人数)
    #[arg(long, allow_negative_numbers = true)]
    staff: Option<i64>,
    /// Number of young staff (青年职工人数)
    #[arg(long, allow_negative_numbers = true)]
    young_staff: Option<i64>,
    /// Contact person (联系人)
    #[arg(long)]
    contact: Option<String>,
    /// Contact phone, mobile or landline (联系电话)
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    note: Option<String>,
    /// Accept a credit code that fails its check character
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
pub struct ListArgs {
    /// Only units of this kind
    #[arg(long)]
    kind: Option<String>,
    /// Only units whose name or alias contains this text
    #[arg(long)]
    search: Option<String>,
    /// Only units directly below this one
    #[arg(long)]
    parent: Option<String>,
    /// Only units without a committee
    #[arg(long)]
    without_committee: bool,
    /// Include units merged away
    #[arg(long)]
    all: bool,
    /// Show phone numbers in full
    #[arg(long)]
    unmasked: bool,
}

#[derive(Args)]
pub struct EditArgs {
    unit: String,
    /// A new full name (the old one is kept as an alias)
    #[arg(long)]
    name: Option<String>,
    /// Add an alias; repeat for several
    #[arg(long = "alias", value_name = "ALIAS")]
    add_aliases: Vec<String>,
    /// Remove an alias; repeat for several
    #[arg(long = "remove-alias", value_name = "ALIAS")]
    remove_aliases: Vec<String>,
    #[command(flatten)]
    values: ValueArgs,
    /// Empty these fields: parent, credit-code, staff, young-staff, contact, phone, note
    #[arg(long, value_enum, value_delimiter = ',')]
    clear: Vec<ClearField>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ClearField {
    Parent,
    CreditCode,
    Staff,
    YoungStaff,
    Contact,
    Phone,
    Note,
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    out: super::OutArgs,
    /// Show phone numbers in full
    #[arg(long)]
    unmasked: bool,
}

pub fn run(context: &Context, command: UnitCommand) -> anyhow::Result<()> {
    match command {
        UnitCommand::Add(args) => add(context, args),
        UnitCommand::List(args) => list(context, args),
        UnitCommand::Show { unit } => show(context, &unit),
        UnitCommand::Edit(args) => edit(context, args),
        UnitCommand::Merge { unit, into, date } => {
            let date = date_or_today(date.as_deref())?;
            let mut db = context.open()?;
            let (from, into) = db.write(|tx| {
                let from = units::resolve(tx, &unit)?;
                let into = units::resolve(tx, &into)?;
                units::merge(tx, &from, &into, date)?;
                Ok((from, into))
            })?;
            let (a, b) = (&from.name, &into.name);
            context.say(&text!(
                "已将“{a}”并入“{b}”（{date}）；“{a}”已作为“{b}”的简称保留",
                "merged '{a}' into '{b}' ({date}); '{a}' is kept as an alias of '{b}'"
            ))
        }
        UnitCommand::Remove { unit } => {
            let mut db = context.open()?;
            let removed = db.write(|tx| {
                let unit = units::resolve(tx, &unit)?;
                units::remove(tx, &unit)?;
                Ok(unit)
            })?;
            let (name, id) = (&removed.name, removed.id);
            context.say(&text!(
                "已删除单位 #{id} {name}",
                "removed unit #{id} {name}"
            ))
        }
        UnitCommand::Import(args) => args.run(
            context,
            &mut ggw::import::units::UnitImporter::new(&args.options()),
        ),
        UnitCommand::Export(args) => export(context, args),
        UnitCommand::Kind(command) => super::kind::run(context, kinds::UNIT, command),
    }
}

impl ValueArgs {
    /// Lays the given values over a draft.
    fn apply(&self, draft: &mut UnitDraft) {
        let texts = [
            (&self.kind, &mut draft.kind),
            (&self.parent, &mut draft.parent),
            (&self.credit_code, &mut draft.credit_code),
            (&self.contact, &mut draft.contact),
            (&self.phone, &mut draft.phone),
            (&self.note, &mut draft.note),
        ];
        for (given, value) in texts {
            if given.is_some() {
                value.clone_from(given);
            }
        }
        draft.staff = self.staff.or(draft.staff);
        draft.young_staff = self.young_staff.or(draft.young_staff);
    }
}

fn add(context: &Context, args: AddArgs) -> anyhow::Result<()> {
    let mut draft = UnitDraft {
        name: args.name,
        aliases: args.aliases,
        ..UnitDraft::default()
    };
    args.values.apply(&mut draft);
    let mut db = context.open()?;
    let (unit, warnings) = db.write(|tx| {
        let checked =
            units::check(tx, &draft, args.values.force, None)?.map_err(ggw::db::field_errors)?;
        let id = units::insert(tx, &checked.values)?;
        Ok((units::get(tx, id)?, checked.warnings))
    })?;
    for warning in &warnings {
        context.warn(warning);
    }
    let (id, name, kind_zh, kind_en) = (unit.id, &unit.name, &unit.kind.zh, &unit.kind.en);
    context.say(&text!(
        "已登记单位 #{id} {name}（{kind_zh}）",
        "registered unit #{id} {name} ({kind_en})"
    ))
}

fn edit(context: &Context, args: EditArgs) -> anyhow::Result<()> {
    let mut db = context.open()?;
    let (unit, changed, warnings) = db.write(|tx| {
        let found = units::resolve(tx, &args.unit)?;
        units::active_or_reason(tx, &found)?.map_err(ggw::Error::Refused)?;
        let current = units::get(tx, found.id)?;
        let mut draft = units::draft_of(&current);
        if let Some(name) = &args.name {
            draft.aliases.push(draft.name.clone());
            draft.name = name.clone();
        }
        draft.aliases.extend(args.add_aliases.iter().cloned());
        for alias in &args.remove_aliases {
            let alias = ggw::model::clean(alias);
            if !draft.aliases.contains(&alias) {
                let name = &current.name;
                return Err(ggw::refuse!(
                    "“{alias}”不是“{name}”的简称",
                    "'{alias}' is not an alias of '{name}'"
                ));
            }
            draft.aliases.retain(|a| *a != alias);
        }
        args.values.apply(&mut draft);
        for field in &args.clear {
            match field {
                ClearField::Parent => draft.parent = None,
                ClearField::CreditCode => draft.credit_code = None,
                ClearField::Staff => draft.staff = None,
                ClearField::YoungStaff => draft.young_staff = None,
                ClearField::Contact => draft.contact = None,
                ClearField::Phone => draft.phone = None,
                ClearField::Note => draft.note = None,
            }
        }
        let checked = units::check(tx, &draft, args.values.force, Some(found.id))?
            .map_err(ggw::db::field_errors)?;
        let changed = units::update(tx, found.id, &checked.values)?;
        Ok((units::get(tx, found.id)?, changed, checked.warnings))
    })?;
    for warning in &warnings {
        context.warn(warning);
    }
    let (id, name) = (unit.id, &unit.name);
    if changed {
        context.say(&text!(
            "已更新单位 #{id} {name}",
            "updated unit #{id} {name}"
        ))
    } else {
        context.say(&text!(
            "单位 #{id} {name} 没有变化",
            "unit #{id} {name} is unchanged"
        ))
    }
}

fn list(context: &Context, args: ListArgs) -> anyhow::Result<()> {
    let db = context.open()?;
    let conn = db.conn();
    let kind_id = match &args.kind {
        Some(kind) => Some(
            kinds::resolve(conn, kinds::UNIT, kind)?
                .map_err(ggw::Error::Refused)?
                .id,
        ),
        None => None,
    };
    let parent_id = match &args.parent {
        Some(parent) => Some(units::resolve(conn, parent)?.id),
        None => None,
    };
    let filter = UnitFilter {
        kind_id,
        include_merged: args.all,
        without_committee: args.without_committee,
        text: args.search.as_deref().map(ggw::model::clean),
        parent_id,
    };
    let mut columns = vec![
        labels::ID,
        labels::UNIT_NAME,
        labels::ALIASES,
        labels::KIND,
        labels::PARENT,
        labels::STAFF,
        labels::YOUNG_STAFF,
        labels::PHONE,
        labels::COMMITTEE,
        labels::ESTABLISHED_ON,
    ];
    if args.all {
        columns.push(labels::STATUS);
    }
    let mut table = Table::new(columns);
    for unit in units::list(conn, &filter)? {
        let phone = unit.phone.as_deref().map(|p| {
            if args.unmasked {
                p.to_string()
            } else {
                mask_phone(p)
            }
        });
        let mut row = vec![
            Value::Int(unit.id),
            Value::Text(unit.name),
            Value::List(unit.aliases),
            Value::Coded(unit.kind.into_coded()),
            Value::opt_text(unit.parent.map(|p| p.name)),
            Value::opt_int(unit.staff),
            Value::opt_int(unit.young_staff),
            Value::opt_text(phone),
            unit.committee
                .as_ref()
                .map_or(Value::Null, |c| Value::Coded(c.status.coded())),
            Value::opt_date(unit.committee.as_ref().and_then(|c| c.established_on)),
        ];
        if args.all {
            row.push(Value::Coded(unit.status.coded()));
        }
        table.push(row);
    }
    context.table(&table)
}

fn show(context: &Context, name: &str) -> anyhow::Result<()> {
    let db = context.open()?;
    let conn = db.conn();
    let unit = units::get(conn, units::resolve(conn, name)?.id)?;
    let subunits = units::list(
        conn,
        &UnitFilter {
            parent_id: Some(unit.id),
            ..UnitFilter::default()
        },
    )?;
    context.shown_record(&db, unit_record(&unit, &subunits), "unit", unit.id)
}

fn unit_record(unit: &Unit, subunits: &[Unit]) -> Record {
    let mut fields: Vec<(Label, Value)> = vec![
        (labels::ID, Value::Int(unit.id)),
        (labels::UNIT_NAME, Value::text(&unit.name)),
        (labels::ALIASES, Value::List(unit.aliases.clone())),
        (labels::KIND, Value::Coded(unit.kind.coded())),
        (
            labels::PARENT,
            Value::opt_text(unit.parent.as_ref().map(|p| p.name.clone())),
        ),
        (
            labels::CREDIT_CODE,
            Value::opt_text(unit.credit_code.clone()),
        ),
        (labels::STAFF, Value::opt_int(unit.staff)),
        (labels::YOUNG_STAFF, Value::opt_int(unit.young_staff)),
        (labels::CONTACT, Value::opt_text(unit.contact.clone())),
        (labels::PHONE, Value::opt_text(unit.phone.clone())),
        (labels::NOTE, Value::opt_text(unit.note.clone())),
        (labels::STATUS, Value::Coded(unit.status.coded())),
    ];
    if unit.status == UnitStatus::Merged {
        fields.push((
            labels::MERGED_INTO,
            Value::opt_text(
                unit.merged_into
                    .as_ref()
                    .map(|m| format!("{} (#{})", m.name, m.id)),
            ),
        ));
        fields.push((labels::MERGED_ON, Value::opt_date(unit.merged_on)));
    }
    let committee = unit.committee.as_ref();
    fields.push((
        labels::COMMITTEE_ID,
        committee.map_or(Value::Null, |c| Value::Int(c.id)),
    ));
    fields.push((
        labels::COMMITTEE,
        committee.map_or(Value::Null, |c| Value::Coded(c.status.coded())),
    ));
    fields.push((
        labels::ESTABLISHED_ON,
        Value::opt_date(committee.and_then(|c| c.established_on)),
    ));
    let mut children = Table::new(vec![labels::ID, labels::UNIT_NAME, labels::KIND]);
    for child in subunits {
        children.push(vec![
            Value::Int(child.id),
            Value::text(&child.name),
            Value::Coded(child.kind.coded()),
        ]);
    }
    Record {
        fields,
        sections: vec![(labels::SUBUNITS, children)],
    }
}

fn export(context: &Context, args: ExportArgs) -> anyhow::Result<()> {
    let db = context.open()?;
    // The columns `unit import` reads, so that an export imports again.
    let columns = ggw::import::units::FIELDS
        .iter()
        .map(|f| Label {
            key: f.key,
            zh: f.zh,
            en: f.en,
        })
        .collect();
    let mut table = Table::new(columns);
    for unit in units::list(db.conn(), &UnitFilter::default())? {
        let phone = unit.phone.as_deref().map(|p| {
            if args.unmasked {
                p.to_string()
            } else {
                mask_phone(p)
            }
        });
        table.push(vec![
            Value::text(&unit.name),
            Value::List(unit.aliases.clone()),
            Value::Coded(unit.kind.coded()),
            Value::opt_text(unit.parent.as_ref().map(|p| p.name.clone())),
            Value::opt_text(unit.credit_code.clone()),
            Value::opt_int(unit.staff),
            Value::opt_int(unit.young_staff),
            Value::opt_text(unit.contact.clone()),
            Value::opt_text(phone),
            Value::opt_text(unit.note.clone()),
        ]);
    }
    args.out.write(context, &table)
}
