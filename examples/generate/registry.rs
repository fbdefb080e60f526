//! registry.sqlite: a complete registry, made by ggw itself
//! (`Database::open`) and filled in one transaction: units, volunteers and
//! activities through ggw's own inserts, committees and meetings with plain
//! statements. The change log records every row (its triggers, and ggw's
//! volunteer insert), as in a registry built up by hand, and the rows get
//! the transaction's one entry at the end.

use std::collections::HashSet;
use std::path::Path;

use anyhow::Result;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use rusqlite::{Connection, params};

use ggw::db::activities::ActivityValues;
use ggw::db::volunteers::VolunteerValues;
use ggw::model::date::Birth;
use ggw::model::volunteer::{Gender, RetiredRank, VolunteerStatus};

use crate::people::{self, Category, IdCards};
use crate::rng::{Rng, Weights};
use crate::units::{self, UnitKind, World, apportion};
use crate::{Sizes, words};

/// The registry's ten years.
fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2016, 1, 1).expect("a date")
}

fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).expect("a date")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// What was written, for the summary.
pub struct Written {
    pub units: usize,
    pub committees: usize,
    pub members: usize,
    pub volunteers: usize,
    pub meetings: usize,
    pub activities: usize,
    pub change_rows: i64,
}

pub fn write(
    world: &World,
    sizes: &Sizes,
    seed: u64,
    path: &Path,
    command: &str,
) -> Result<Written> {
    crate::remove_database(path)?;
    let written = fill(world, sizes, seed, path, command);
    if written.is_err() {
        // Half a registry is no registry; nothing else has it open.
        crate::remove_database(path)?;
    }
    written
}

fn fill(world: &World, sizes: &Sizes, seed: u64, path: &Path, command: &str) -> Result<Written> {
    let db = ggw::db::Database::open(path)?;
    let conn = db.conn();
    // The file is new and is removed if anything fails, so it is filled
    // without a journal and without waiting for the disk: half the time of
    // filling it through the WAL ggw uses. The WAL is set back at the end.
    conn.query_row("PRAGMA journal_mode = OFF", [], |_| Ok(()))?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    // The indexes of a province's million activities and their log rows
    // stay in memory while they are built.
    conn.pragma_update(None, "cache_size", -512 * 1024)?;
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    let mut rng = Rng::stream(seed, "registry");

    let unit_ids = units::insert(&tx, world)?;
    let plans = plan_committees(&mut rng, world, sizes.committees);
    let mut covered = vec![false; world.units.len()];
    // The day each unit's first committee was set up: it reports
    // activities from then on.
    let mut since: Vec<Option<NaiveDate>> = vec![None; world.units.len()];
    for plan in &plans {
        for &unit in &plan.units {
            if plan.status != Status::Dissolved {
                covered[unit] = true;
            }
            if let Some(day) = plan.established {
                since[unit] = Some(since[unit].map_or(day, |s: NaiveDate| s.min(day)));
            }
        }
    }

    let deputies = write_volunteers(&tx, &mut rng, world, &unit_ids, &covered, sizes.volunteers)?;
    let members = write_committees(&tx, &mut rng, world, &unit_ids, &plans, &deputies)?;
    write_meetings(&tx, &mut rng, world, &unit_ids, sizes.meetings)?;
    write_activities(&tx, &mut rng, world, &unit_ids, &since, sizes.activities)?;

    let change_rows: i64 = tx.query_row("SELECT count(*) FROM change_row", [], |row| row.get(0))?;
    ggw::db::changes::record(&tx, command)?;
    tx.commit()?;
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    Ok(Written {
        units: world.units.len(),
        committees: plans.len(),
        members,
        volunteers: sizes.volunteers,
        meetings: sizes.meetings,
        activities: sizes.activities,
        change_rows,
    })
}

// --- Committees ---------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Planned,
    Active,
    Dissolved,
}

impl Status {
    fn code(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Active => "active",
            Status::Dissolved => "dissolved",
        }
    }
}

struct Plan {
    units: Vec<usize>,
    status: Status,
    established: Option<NaiveDate>,
    dissolved: Option<NaiveDate>,
    batch: Option<i64>,
}

/// Committees were set up in batches, pilots first (试点先行、分期分批):
/// organs, then institutions, schools and mass organisations, then
/// enterprises, several small ones often in one joint committee.
fn batch_of(kind: UnitKind) -> i64 {
    match kind {
        UnitKind::Organ | UnitKind::Judicial => 1,
        UnitKind::Institution | UnitKind::School | UnitKind::MassOrg => 2,
        UnitKind::Soe | UnitKind::Other => 3,
    }
}

fn established_in_batch(rng: &mut Rng, batch: i64) -> NaiveDate {
    let (from, to) = match batch {
        1 => (date(2016, 3, 1), date(2017, 12, 31)),
        2 => (date(2017, 6, 1), date(2020, 12, 31)),
        _ => (date(2019, 1, 1), date(2024, 12, 31)),
    };
    people::day_between(rng, from, to)
}

fn plan_committees(rng: &mut Rng, world: &World, count: usize) -> Vec<Plan> {
    let mut order: Vec<(i64, usize)> = (0..world.units.len())
        .map(|u| (batch_of(world.units[u].kind) * 1000 + rng.range(0, 1400), u))
        .collect();
    order.sort_unstable();
    let mut taken = vec![false; world.units.len()];
    let mut next = order.iter().map(|&(_, u)| u);

    let dissolved = count * 3 / 100;
    let replaced = dissolved / 2;
    let planned = count * 4 / 100;
    let current = count - dissolved;
    let mut plans: Vec<Plan> = Vec::with_capacity(count);
    while plans.len() < current {
        let Some(unit) = next.by_ref().find(|&u| !taken[u]) else {
            break;
        };
        taken[unit] = true;
        let mut group = vec![unit];
        let kind = world.units[unit].kind;
        // A joint committee (联合关工委) of small enterprises and communities
        // of one place.
        if matches!(kind, UnitKind::Soe | UnitKind::Other) && rng.chance(0.25) {
            let wanted = rng.range(1, 2) as usize;
            for &other in &world.by_place[world.units[unit].place] {
                if group.len() > wanted {
                    break;
                }
                if !taken[other]
                    && matches!(world.units[other].kind, UnitKind::Soe | UnitKind::Other)
                {
                    taken[other] = true;
                    group.push(other);
                }
            }
        }
        let batch = batch_of(kind);
        plans.push(Plan {
            units: group,
            status: Status::Active,
            established: Some(established_in_batch(rng, batch)),
            dissolved: None,
            batch: rng.chance(0.9).then_some(batch),
        });
    }
    // The last in line are still being set up (筹建中).
    let first_planned = plans.len().saturating_sub(planned);
    for plan in &mut plans[first_planned..] {
        plan.status = Status::Planned;
        plan.established = None;
        plan.batch = rng.chance(0.5).then_some(4);
    }
    // Committees dissolved in an institutional reform: half of their units
    // have a new committee since.
    let mut singles: Vec<usize> = (0..first_planned)
        .filter(|&i| plans[i].units.len() == 1)
        .collect();
    rng.shuffle(&mut singles);
    let mut dissolved_plans = Vec::new();
    for &successor in singles.iter().take(replaced) {
        let established = people::day_between(rng, date(2016, 1, 10), date(2018, 6, 30));
        let ended = people::day_between(rng, date(2018, 7, 1), date(2020, 6, 30));
        let new_start = ended + Days::new(rng.range(30, 400) as u64);
        let plan = &mut plans[successor];
        plan.established = plan.established.map(|d| d.max(new_start));
        dissolved_plans.push(Plan {
            units: plan.units.clone(),
            status: Status::Dissolved,
            established: Some(established),
            dissolved: Some(ended),
            batch: Some(1),
        });
    }
    while dissolved_plans.len() < dissolved {
        let Some(unit) = next.by_ref().find(|&u| !taken[u]) else {
            break;
        };
        taken[unit] = true;
        let established = people::day_between(rng, date(2016, 1, 10), date(2019, 12, 31));
        let ended = people::day_between(rng, established + Days::new(365), date(2024, 12, 31));
        dissolved_plans.push(Plan {
            units: vec![unit],
            status: Status::Dissolved,
            established: Some(established),
            dissolved: Some(ended),
            batch: rng.chance(0.5).then_some(2),
        });
    }
    plans.extend(dissolved_plans);
    // Ids in the order the committees were set up; planned ones last.
    plans.sort_by_key(|p| p.established.unwrap_or(NaiveDate::MAX));
    plans
}

/// A retired cadre serving a unit: its committee's executive deputy director.
struct Deputy {
    id: i64,
    name: String,
    post: Option<String>,
}

/// A committee member's row, less the phone.
struct Member {
    role: &'static str,
    name: String,
    retired: bool,
    post: Option<String>,
    started: Option<NaiveDate>,
    ended: Option<NaiveDate>,
    volunteer: Option<i64>,
}

/// A serving (not retired) member without a 五老 record.
fn serving(
    role: &'static str,
    name: String,
    post: &str,
    term: (Option<NaiveDate>, Option<NaiveDate>),
) -> Member {
    Member {
        role,
        name,
        retired: false,
        post: Some(post.to_string()),
        started: term.0,
        ended: term.1,
        volunteer: None,
    }
}

fn write_committees(
    conn: &Connection,
    rng: &mut Rng,
    world: &World,
    unit_ids: &[i64],
    plans: &[Plan],
    deputies: &[Option<Deputy>],
) -> Result<usize> {
    let mut committee = conn.prepare(
        "INSERT INTO committee (name, status, established_on, dissolved_on, batch, has_leadership,
             has_team, has_rules, has_premises, has_files, has_funds, yearly_funds)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    let mut cover = conn.prepare(
        "INSERT INTO committee_unit (committee_id, unit_id, position) VALUES (?1, ?2, ?3)",
    )?;
    let mut member = conn.prepare(
        "INSERT INTO committee_member (committee_id, name, role, retired, post, phone, started_on,
             ended_on, volunteer_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut members = 0;
    for plan in plans {
        let first = &world.units[plan.units[0]];
        let name = match plan.units.len() {
            1 => format!("{}关工委", first.name),
            n => format!("{}等{n}家单位联合关工委", first.name),
        };
        // 六有: the longer a committee has run, the likelier it meets all six
        // standards; the others meet some.
        let years = plan
            .established
            .map_or(0.0, |d| f64::from(2026 - d.year()) / 10.0);
        let compliant = plan.status != Status::Planned && rng.chance(0.25 + 0.4 * years);
        let mut meets =
            |base: f64| compliant || (plan.status != Status::Planned && rng.chance(base));
        let standards = [
            meets(0.8),
            meets(0.6),
            meets(0.55),
            meets(0.35),
            meets(0.45),
            meets(0.3),
        ];
        let yearly_funds = standards[5].then(|| rng.range(5, 60) * 1000 * 100);
        committee.execute(params![
            name,
            plan.status.code(),
            plan.established,
            plan.dissolved,
            plan.batch,
            standards[0],
            standards[1],
            standards[2],
            standards[3],
            standards[4],
            standards[5],
            yearly_funds
        ])?;
        let id = conn.last_insert_rowid();
        for (position, &unit) in plan.units.iter().enumerate() {
            cover.execute(params![id, unit_ids[unit], position as i64 + 1])?;
        }

        let leader_posts = words::LEADER_POSTS[first.kind.index()];
        let mut team: Vec<Member> = Vec::new();
        match plan.established {
            // A committee being set up may have its director named already.
            None => {
                if rng.chance(0.5) {
                    let name = people::someone(rng, 0.8);
                    team.push(serving(
                        "director",
                        name,
                        rng.word(leader_posts),
                        (None, None),
                    ));
                }
            }
            Some(start) => {
                let term = (Some(start), plan.dissolved);
                // A director who handed over to a successor keeps the row, ended.
                let handover =
                    (plan.dissolved.is_none() && start.year() <= 2022 && rng.chance(0.1))
                        .then(|| people::day_between(rng, start + Days::new(365), last_day()));
                let name = people::someone(rng, 0.8);
                let post = rng.word(leader_posts);
                team.push(serving(
                    "director",
                    name,
                    post,
                    (Some(start), handover.or(plan.dissolved)),
                ));
                if let Some(day) = handover {
                    let name = people::someone(rng, 0.8);
                    team.push(serving(
                        "director",
                        name,
                        rng.word(leader_posts),
                        (Some(day), None),
                    ));
                }
                // The executive deputy is often a retired cadre of the unit,
                // from the 五老 register.
                if rng.chance(0.85) {
                    let (name, post, volunteer) = match &deputies[plan.units[0]] {
                        Some(d) => (d.name.clone(), d.post.clone(), Some(d.id)),
                        None => (people::someone(rng, 0.8), None, None),
                    };
                    team.push(Member {
                        retired: true,
                        post,
                        volunteer,
                        ..serving("executive_deputy", name, "", term)
                    });
                }
                let others: [(&str, i64, i64, &[&str]); 5] = [
                    ("honorary_director", 0, 1, &["原单位领导"]),
                    ("deputy_director", 0, 2, words::DEPUTY_POSTS),
                    ("secretary_general", 0, 1, &["办公室主任", "工会主席"]),
                    ("member", 1, 4, words::MEMBER_POSTS),
                    ("liaison", 1, 1, words::LIAISON_POSTS),
                ];
                for (role, lo, hi, posts) in others {
                    let n = if role == "honorary_director" && rng.chance(0.85) {
                        0
                    } else {
                        rng.range(lo, hi)
                    };
                    for _ in 0..n {
                        let post = *rng.pick(posts);
                        let retired = post.starts_with("退休") || post.starts_with("原");
                        let name = people::someone(rng, 0.6);
                        team.push(Member {
                            retired,
                            ..serving(role, name, post, term)
                        });
                    }
                }
            }
        }
        for m in &team {
            let phone = rng.chance(0.6).then(|| people::mobile(rng));
            member.execute(params![
                id,
                m.name,
                m.role,
                m.retired,
                m.post,
                phone,
                m.started,
                m.ended,
                m.volunteer
            ])?;
        }
        members += team.len();
    }
    Ok(members)
}

// --- Volunteers -----------------------------------------------------------------

fn write_volunteers(
    conn: &Connection,
    rng: &mut Rng,
    world: &World,
    unit_ids: &[i64],
    covered: &[bool],
    count: usize,
) -> Result<Vec<Option<Deputy>>> {
    // Units with a committee have organised their 五老; large kinds of
    // units have more of them.
    let weights = Weights::new(world.units.iter().enumerate().map(|(u, unit)| {
        let by_kind = match unit.kind {
            UnitKind::Organ | UnitKind::School | UnitKind::Institution => 3,
            UnitKind::Soe | UnitKind::Judicial => 2,
            UnitKind::MassOrg | UnitKind::Other => 1,
        };
        by_kind * if covered[u] { 3 } else { 1 }
    }));
    let mut ids = IdCards::new(world.id_regions.clone(), people::REGISTRY_SEQUENCES);
    let mut deputies: Vec<Option<Deputy>> = (0..world.units.len()).map(|_| None).collect();
    for _ in 0..count {
        // A few 五老 serve the committee at large, no unit in particular.
        let unit = (!rng.chance(0.01)).then(|| weights.draw(rng));
        let place = unit.map_or_else(|| rng.index(world.places.len()), |u| world.units[u].place);
        let kind = unit.map_or(UnitKind::Organ, |u| world.units[u].kind);
        let category = Category::draw(rng, kind, true);
        let male = rng.chance(if category == Category::Teacher {
            0.45
        } else {
            0.66
        });
        let name = people::name(rng, male);

        // The oldest records were taken down before 身份证号 were collected:
        // born before 1945, known to the month.
        let (birth, id_card) = if rng.chance(0.03) {
            let birth = Birth {
                year: rng.range(1935, 1944) as i32,
                month: rng.range(1, 12) as u32,
                day: None,
            };
            (birth, None)
        } else {
            // More of the younger: the older have died.
            let year = 1935 + rng.below(31).max(rng.below(31)) as i32;
            let day = people::day_between(rng, date(year, 1, 1), date(year, 12, 31));
            let region = world.origin(rng, place);
            let (number, day) = ids.issue(region, day, male);
            (Birth::from(day), Some(number))
        };
        let phone = rng.chance(0.88).then(|| people::mobile(rng));
        let landline = rng.chance(0.2).then(|| {
            let p = &world.places[place];
            people::landline(rng, p.area_code, p.local_digits)
        });
        let former_post = people::former_post(rng, world, place, category);
        let retired_rank = if category == Category::Cadre {
            Some(*rng.weighted(&[
                (RetiredRank::Department, 4),
                (RetiredRank::Division, 40),
                (RetiredRank::Section, 44),
                (RetiredRank::Other, 12),
            ]))
        } else if rng.chance(0.3) {
            Some(*rng.pick(&[RetiredRank::Section, RetiredRank::Other]))
        } else {
            None
        };
        let political = *rng.weighted(words::POLITICAL);
        let specialties = rng.chance(0.45).then(|| {
            let first = rng.pick(words::SPECIALTIES);
            let second = rng.pick(words::SPECIALTIES);
            if rng.chance(0.5) && first != second {
                format!("{first}、{second}")
            } else {
                first.to_string()
            }
        });
        let retired_at = date(birth.year + 55, 1, 1).max(date(2008, 1, 1));
        let joined = people::day_between(rng, retired_at, last_day());
        let death = if birth.year < 1942 { 0.17 } else { 0.02 };
        let status = if rng.chance(death) {
            VolunteerStatus::Deceased
        } else if rng.chance(0.09) {
            VolunteerStatus::Inactive
        } else {
            VolunteerStatus::Active
        };
        let left = joined + Days::new(180);
        let (status, status_on) = match status {
            VolunteerStatus::Active => (status, None),
            _ if left >= last_day() => (VolunteerStatus::Active, None),
            _ => (status, Some(people::day_between(rng, left, last_day()))),
        };
        let is_model = rng.chance(if category == Category::Model {
            0.15
        } else {
            0.04
        });
        let note = rng
            .chance(0.02)
            .then(|| rng.pick(words::VOLUNTEER_NOTES).to_string());
        let values = VolunteerValues {
            name,
            gender: Some(if male { Gender::Male } else { Gender::Female }),
            birth: Some(birth),
            id_card,
            phone,
            landline,
            category: category.stored(),
            former_post,
            retired_rank,
            political_status: Some(political.to_string()),
            specialties,
            unit_id: unit.map(|u| unit_ids[u]),
            joined_on: Some(joined),
            status,
            status_on,
            is_model,
            note,
        };
        // Through ggw's own insert, which also writes the change log's row.
        let id = ggw::db::volunteers::insert(conn, &values)?;
        if let Some(u) = unit
            && deputies[u].is_none()
            && category == Category::Cadre
            && status == VolunteerStatus::Active
        {
            deputies[u] = Some(Deputy {
                id,
                name: values.name,
                post: values.former_post,
            });
        }
    }
    Ok(deputies)
}

// --- Meetings -------------------------------------------------------------------

/// Meeting kinds by code, how common they are, and their titles: `{p}` is
/// the committee's place, `{y}` the year, `{m}` the month, `{n}` a number.
const MEETING_KINDS: &[(&str, u32, &str)] = &[
    ("progress", 10, "{y}年{p}关心下一代工作推进会"),
    ("work", 20, "{y}年{p}关心下一代工作会议"),
    ("plenary", 8, "{p}关工委{y}年全体委员会议"),
    ("office", 15, "{p}关工委{y}年第{n}次主任办公会"),
    ("joint", 10, "{p}关心下一代工作联席会议"),
    ("regular", 15, "{p}关工委{m}月工作例会"),
    ("consultation", 5, "{p}关工委议事协商会"),
    ("forum", 7, "{p}五老工作调研座谈会"),
    ("training", 8, "{y}年{p}关工委干部培训会"),
    ("other", 2, "{p}关心下一代工作表彰大会"),
];

fn write_meetings(
    conn: &Connection,
    rng: &mut Rng,
    world: &World,
    unit_ids: &[i64],
    count: usize,
) -> Result<()> {
    let mut kind_ids = Vec::new();
    for (code, weight, title) in MEETING_KINDS {
        kind_ids.push(((units::kind_id(conn, "meeting", code)?, *title), *weight));
    }
    let mut meeting = conn.prepare(
        "INSERT INTO meeting (held_on, title, kind_id, location, presider, attendees, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut host = conn.prepare(
        "INSERT INTO meeting_host (meeting_id, position, unit_id, name) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut attending = conn
        .prepare("INSERT INTO meeting_unit (meeting_id, unit_id, attendees) VALUES (?1, ?2, ?3)")?;
    let mut speaker = conn.prepare(
        "INSERT INTO meeting_speaker (meeting_id, position, unit_id, person, topic)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    // The city committee meets more often than a district's or a county's.
    let places = Weights::new(world.places.iter().map(|p| if p.is_city { 3 } else { 1 }));
    let mut held: HashSet<(NaiveDate, String)> = HashSet::with_capacity(count);
    // In date order, as they would have been recorded.
    let mut days: Vec<NaiveDate> = (0..count)
        .map(|_| {
            let day = people::day_between(rng, first_day(), last_day());
            match day.weekday() {
                Weekday::Sat => day - Days::new(1),
                Weekday::Sun => day - Days::new(2),
                _ => day,
            }
        })
        .collect();
    days.sort_unstable();
    let mut chosen: Vec<usize> = Vec::new();
    for day in days {
        let place = places.draw(rng);
        let p = &world.places[place];
        let pool = if p.is_city {
            &world.by_prefecture[p.prefecture]
        } else {
            &world.by_place[place]
        };
        let (kind_id, template) = *rng.weighted(&kind_ids);
        let mut title = template
            .replace("{p}", &p.prefix)
            .replace("{y}", &day.year().to_string())
            .replace("{m}", &day.month().to_string())
            .replace("{n}", &words::numeral(rng.range(1, 12) as u32));
        // Two meetings of one title on one day are one meeting to ggw.
        let base = title.clone();
        let mut sitting = 1;
        while !held.insert((day, title.clone())) {
            sitting += 1;
            title = format!("{base}（第{}场）", words::numeral(sitting));
        }
        let presider = people::someone(rng, 0.75);
        let organs = &world.by_place_kind[place][UnitKind::Organ.index()];
        let co_host = (!organs.is_empty() && rng.chance(0.35)).then(|| *rng.pick(organs));
        let location = match rng.below(4) {
            0 => format!(
                "{}人民政府第{}会议室",
                p.prefix,
                words::numeral(rng.range(1, 5) as u32)
            ),
            1 => format!("{}关工委会议室", p.prefix),
            2 => format!("{}老干部活动中心", p.prefix),
            _ => match co_host {
                Some(u) => format!("{}会议室", world.units[u].name),
                None => format!("{}委党校报告厅", p.prefix),
            },
        };

        chosen.clear();
        if !pool.is_empty() {
            let wanted = rng.range(3, 20).min(pool.len() as i64) as usize;
            while chosen.len() < wanted {
                let u = *rng.pick(pool);
                if !chosen.contains(&u) {
                    chosen.push(u);
                }
            }
        }
        let counts: Vec<i64> = chosen.iter().map(|_| rng.range(1, 4)).collect();
        let sum: i64 = counts.iter().sum();
        let attendees = rng.chance(0.5).then(|| sum + rng.range(0, 30));
        let note = rng.chance(0.15).then(|| *rng.pick(words::MEETING_NOTES));
        meeting.execute(params![
            day, title, kind_id, location, presider, attendees, note
        ])?;
        let id = conn.last_insert_rowid();

        host.execute(params![id, 1, None::<i64>, format!("{}关工委", p.prefix)])?;
        if let Some(u) = co_host {
            host.execute(params![id, 2, unit_ids[u], world.units[u].name])?;
        }
        for (&u, n) in chosen.iter().zip(&counts) {
            attending.execute(params![id, unit_ids[u], n])?;
        }
        let mut position = 0;
        if rng.chance(0.75) {
            position += 1;
            let leader = people::someone(rng, 0.8);
            speaker.execute(params![
                id,
                position,
                None::<i64>,
                leader,
                rng.pick(words::LEADER_TOPICS)
            ])?;
        }
        let unit_speakers = rng.range(0, 4).min(chosen.len() as i64) as usize;
        for &u in &chosen[..unit_speakers] {
            position += 1;
            let person = match rng.below(3) {
                0 => "关工委主任".to_string(),
                1 => "关工委常务副主任".to_string(),
                _ => people::someone(rng, 0.7),
            };
            speaker.execute(params![
                id,
                position,
                unit_ids[u],
                person,
                rng.pick(words::SPEAKER_TOPICS)
            ])?;
        }
        if rng.chance(0.3) {
            position += 1;
            speaker.execute(params![id, position, None::<i64>, presider, "提出工作要求"])?;
        }
    }
    Ok(())
}

// --- Activities -----------------------------------------------------------------

/// Activities grow over the ten years (with a dip in 2020), and are fewest
/// in the winter holidays and most around 六一 and the school year's start.
const YEAR_WEIGHTS: [u64; 10] = [6, 7, 8, 9, 7, 9, 10, 11, 12, 13];
const MONTH_WEIGHTS: [u64; 12] = [5, 4, 8, 9, 10, 12, 9, 7, 11, 9, 9, 7];

struct ActivityRow {
    unit: usize,
    day: NaiveDate,
    kind: usize,
    title: String,
}

fn write_activities(
    conn: &Connection,
    rng: &mut Rng,
    world: &World,
    unit_ids: &[i64],
    since: &[Option<NaiveDate>],
    count: usize,
) -> Result<()> {
    let mut kinds = Vec::new();
    for (code, titles) in words::ACTIVITY_TITLES {
        kinds.push((*code, units::kind_id(conn, "activity", code)?, *titles));
    }
    let mixes: Vec<Vec<(usize, u32)>> = words::ACTIVITY_MIX
        .iter()
        .map(|mix| {
            mix.iter()
                .map(|(code, w)| {
                    let index = kinds
                        .iter()
                        .position(|(c, _, _)| c == code)
                        .expect("a known kind");
                    (index, *w)
                })
                .collect()
        })
        .collect();
    let month_weights: Vec<u64> = (0..120)
        .map(|m| YEAR_WEIGHTS[m / 12] * MONTH_WEIGHTS[m % 12])
        .collect();
    let quotas = apportion(count as u64, &month_weights);
    // Units report once their committee is set up; the rest now and then.
    let mut by_start: Vec<(NaiveDate, usize)> = since
        .iter()
        .enumerate()
        .filter_map(|(u, s)| s.map(|s| (s, u)))
        .collect();
    by_start.sort_unstable();
    let mut reporting = 0;
    let mut month: Vec<ActivityRow> = Vec::new();
    let mut seen: HashSet<(usize, NaiveDate, String)> = HashSet::new();
    for (m, quota) in quotas.iter().enumerate() {
        let start = date(2016 + (m / 12) as i32, (m % 12) as u32 + 1, 1);
        let end = start
            .checked_add_months(chrono::Months::new(1))
            .expect("a date")
            - Days::new(1);
        while reporting < by_start.len() && by_start[reporting].0 <= end {
            reporting += 1;
        }
        month.clear();
        seen.clear();
        for _ in 0..*quota {
            let unit = if reporting > 0 && rng.chance(0.85) {
                by_start[rng.index(reporting)].1
            } else {
                rng.index(world.units.len())
            };
            let kind = *rng.weighted(&mixes[world.units[unit].kind.index()]);
            let titles = kinds[kind].2;
            let mut day = people::day_between(rng, start, end);
            let mut title = activity_title(rng, titles, start.year());
            // The same unit, day and title is the same activity to ggw.
            let mut tries = 0;
            while seen.contains(&(unit, day, title.clone())) {
                tries += 1;
                day = people::day_between(rng, start, end);
                title = activity_title(rng, titles, start.year());
                if tries > 8 {
                    title = format!("{title}（第{}期）", words::numeral(tries));
                }
            }
            seen.insert((unit, day, title.clone()));
            month.push(ActivityRow {
                unit,
                day,
                kind,
                title,
            });
        }
        month.sort_by_key(|a| a.day);
        for a in &month {
            let unit = &world.units[a.unit];
            let code = kinds[a.kind].0;
            let until = rng
                .chance(0.08)
                .then(|| (a.day + Days::new(rng.range(1, 14) as u64)).min(last_day()));
            let youth = rng.chance(0.92).then(|| {
                let (lo, hi) = YOUTH[unit.kind.index()];
                rng.range(lo, hi)
            });
            let volunteers = rng.chance(0.95).then(|| rng.range(1, 12));
            let (funds, students) = match code {
                "student_aid" => (
                    rng.chance(0.9).then(|| rng.range(20, 1000) * 100 * 100),
                    rng.chance(0.9).then(|| rng.range(1, 60)),
                ),
                "care" => (
                    rng.chance(0.6).then(|| rng.range(5, 200) * 100 * 100),
                    rng.chance(0.3).then(|| rng.range(1, 30)),
                ),
                _ => (rng.chance(0.05).then(|| rng.range(2, 30) * 100 * 100), None),
            };
            let location = rng.chance(0.55).then(|| match rng.below(3) {
                0 | 1 => format!("{}{}", unit.name, rng.pick(&words::ACTIVITY_PLACES[..5])),
                _ => format!(
                    "{}{}",
                    world.places[unit.place].prefix,
                    rng.pick(&words::ACTIVITY_PLACES[5..])
                ),
            });
            let summary = rng
                .chance(0.35)
                .then(|| *rng.pick(words::ACTIVITY_SUMMARIES));
            let values = ActivityValues {
                unit_id: unit_ids[a.unit],
                held_on: a.day,
                until,
                kind_id: kinds[a.kind].1,
                title: a.title.clone(),
                youth,
                volunteers,
                funds,
                students,
                location,
                summary: summary.map(str::to_string),
            };
            ggw::db::activities::insert(conn, &values)?;
        }
    }
    Ok(())
}

/// 受益青少年人次 of one activity, by kind of unit (see `UnitKind::index`).
const YOUTH: [(i64, i64); 7] = [
    (5, 120),
    (20, 600),
    (10, 300),
    (5, 150),
    (50, 1500),
    (20, 500),
    (10, 200),
];

fn activity_title(rng: &mut Rng, titles: &[&str], year: i32) -> String {
    let title = rng.pick(titles);
    if rng.chance(0.25) {
        format!("{year}年{title}")
    } else {
        title.to_string()
    }
}
