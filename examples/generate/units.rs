//! The units (单位): the same ones in registry.sqlite, units.sqlite and
//! units.csv, and the places they are in.

use std::collections::HashSet;
use std::path::Path;

use anyhow::Result;
use ggw::db::units::UnitValues;
use rusqlite::{Connection, params};

use crate::places::{self, Prefecture};
use crate::rng::Rng;
use crate::{Scale, people, words};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Organ,
    Judicial,
    Institution,
    Soe,
    School,
    MassOrg,
    Other,
}

impl UnitKind {
    /// The code of the `kind` table's seeded unit kinds.
    pub fn code(self) -> &'static str {
        match self {
            UnitKind::Organ => "organ",
            UnitKind::Judicial => "judicial",
            UnitKind::Institution => "institution",
            UnitKind::Soe => "soe",
            UnitKind::School => "school",
            UnitKind::MassOrg => "mass_org",
            UnitKind::Other => "other",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            UnitKind::Organ => "党政机关",
            UnitKind::Judicial => "司法机关",
            UnitKind::Institution => "事业单位",
            UnitKind::Soe => "国有企业",
            UnitKind::School => "学校",
            UnitKind::MassOrg => "群团组织",
            UnitKind::Other => "其他",
        }
    }

    /// Position in the per-kind tables of `words`.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Organs come first in a place, so that the units below them (schools
    /// below the 教育局 …) name a parent already registered.
    fn rank(self) -> u8 {
        match self {
            UnitKind::Organ => 0,
            UnitKind::Judicial => 1,
            UnitKind::MassOrg => 2,
            UnitKind::Institution => 3,
            UnitKind::School => 4,
            UnitKind::Soe => 5,
            UnitKind::Other => 6,
        }
    }

    /// The first two characters of its 统一社会信用代码 (registration
    /// authority and type), as ggw reads them to suggest a kind.
    fn credit_type(self) -> Option<&'static str> {
        match self {
            UnitKind::Organ => Some("11"),
            UnitKind::Institution => Some("12"),
            UnitKind::MassOrg => Some("13"),
            UnitKind::Soe => Some("91"),
            // A court's code (11…) and a public school's (12…) would make
            // ggw suggest 党政机关 and 事业单位 and warn at every import of
            // units.csv; these units are left without one, as many are.
            UnitKind::Judicial | UnitKind::School | UnitKind::Other => None,
        }
    }
}

const KIND_MIX: &[(UnitKind, u32)] = &[
    (UnitKind::Organ, 30),
    (UnitKind::Judicial, 4),
    (UnitKind::Institution, 14),
    (UnitKind::Soe, 12),
    (UnitKind::School, 28),
    (UnitKind::MassOrg, 7),
    (UnitKind::Other, 5),
];

/// What a unit is the parent of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    None,
    Education,
    Health,
    Assets,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Any,
    City,
    Local,
}

struct Template {
    kind: UnitKind,
    /// `{p}` is the place: 鸡西市, 鸡西市鸡冠区, 鸡东县.
    text: &'static str,
    tag: Tag,
    level: Level,
}

const fn t(kind: UnitKind, text: &'static str, tag: Tag, level: Level) -> Template {
    Template {
        kind,
        text,
        tag,
        level,
    }
}

use Level::{Any, City, Local};
use UnitKind::{Institution, Judicial, MassOrg, Organ, Soe};

const TEMPLATES: &[Template] = &[
    t(Organ, "中共{p}委组织部", Tag::None, Any),
    t(Organ, "中共{p}委宣传部", Tag::None, Any),
    t(Organ, "中共{p}委统战部", Tag::None, Any),
    t(Organ, "中共{p}委政法委员会", Tag::None, Any),
    t(Organ, "中共{p}直属机关工作委员会", Tag::None, Any),
    t(Organ, "中共{p}委老干部局", Tag::None, Any),
    t(Organ, "{p}人民政府办公室", Tag::None, Any),
    t(Organ, "{p}发展和改革委员会", Tag::None, Any),
    t(Organ, "{p}教育局", Tag::Education, Any),
    t(Organ, "{p}科学技术局", Tag::None, Any),
    t(Organ, "{p}工业和信息化局", Tag::None, Any),
    t(Organ, "{p}公安局", Tag::None, Any),
    t(Organ, "{p}民政局", Tag::None, Any),
    t(Organ, "{p}司法局", Tag::None, Any),
    t(Organ, "{p}财政局", Tag::None, Any),
    t(Organ, "{p}人力资源和社会保障局", Tag::None, Any),
    t(Organ, "{p}自然资源和规划局", Tag::None, Any),
    t(Organ, "{p}生态环境局", Tag::None, City),
    t(Organ, "{p}住房和城乡建设局", Tag::None, Any),
    t(Organ, "{p}交通运输局", Tag::None, Any),
    t(Organ, "{p}水务局", Tag::None, Any),
    t(Organ, "{p}农业农村局", Tag::None, Any),
    t(Organ, "{p}商务局", Tag::None, Any),
    t(Organ, "{p}文化广电和旅游局", Tag::None, Any),
    t(Organ, "{p}卫生健康委员会", Tag::Health, Any),
    t(Organ, "{p}退役军人事务局", Tag::None, Any),
    t(Organ, "{p}应急管理局", Tag::None, Any),
    t(Organ, "{p}审计局", Tag::None, Any),
    t(Organ, "{p}人民政府国有资产监督管理委员会", Tag::Assets, Any),
    t(Organ, "{p}市场监督管理局", Tag::None, Any),
    t(Organ, "{p}体育局", Tag::None, City),
    t(Organ, "{p}统计局", Tag::None, Any),
    t(Organ, "{p}医疗保障局", Tag::None, Any),
    t(Organ, "{p}林业和草原局", Tag::None, Any),
    t(Organ, "{p}城市管理综合执法局", Tag::None, Any),
    t(Organ, "{p}信访局", Tag::None, Any),
    t(Organ, "{p}营商环境建设监督局", Tag::None, Any),
    t(Organ, "国家税务总局{p}税务局", Tag::None, Any),
    t(Organ, "{p}邮政管理局", Tag::None, City),
    t(Organ, "{p}气象局", Tag::None, Any),
    t(Judicial, "{p}中级人民法院", Tag::None, City),
    t(Judicial, "{p}人民法院", Tag::None, Local),
    t(Judicial, "{p}人民检察院", Tag::None, Any),
    t(Institution, "{p}人民医院", Tag::Health, Any),
    t(Institution, "{p}第二人民医院", Tag::Health, City),
    t(Institution, "{p}中医医院", Tag::Health, Any),
    t(Institution, "{p}妇幼保健院", Tag::Health, Any),
    t(Institution, "{p}疾病预防控制中心", Tag::Health, Any),
    t(Institution, "{p}图书馆", Tag::None, Any),
    t(Institution, "{p}博物馆", Tag::None, City),
    t(Institution, "{p}档案馆", Tag::None, Any),
    t(Institution, "{p}融媒体中心", Tag::None, Any),
    t(Institution, "{p}老干部服务中心", Tag::None, Any),
    t(Institution, "{p}青少年活动中心", Tag::None, Any),
    t(Institution, "{p}社会福利院", Tag::None, Any),
    t(Institution, "{p}科技馆", Tag::None, City),
    t(Institution, "{p}农业技术推广中心", Tag::None, Any),
    t(Institution, "{p}公证处", Tag::None, Any),
    t(Institution, "{p}就业服务中心", Tag::None, Any),
    t(Institution, "{p}广播电视台", Tag::None, City),
    t(Soe, "{p}城市建设投资集团有限公司", Tag::None, Any),
    t(Soe, "{p}自来水有限责任公司", Tag::None, Any),
    t(Soe, "{p}热力有限公司", Tag::None, Any),
    t(Soe, "{p}公共交通有限公司", Tag::None, Any),
    t(Soe, "{p}国有资产经营有限公司", Tag::None, Any),
    t(Soe, "{p}粮食储备库", Tag::None, Any),
    t(Soe, "{p}燃气有限公司", Tag::None, Any),
    t(Soe, "{p}交通投资有限公司", Tag::None, City),
    t(Soe, "{p}农业发展投资有限公司", Tag::None, Any),
    t(Soe, "{p}水务集团有限公司", Tag::None, City),
    t(Soe, "{p}文化旅游投资集团有限公司", Tag::None, Any),
    t(Soe, "{p}产业投资集团有限公司", Tag::None, City),
    t(MassOrg, "{p}总工会", Tag::None, Any),
    t(MassOrg, "共青团{p}委员会", Tag::None, Any),
    t(MassOrg, "{p}妇女联合会", Tag::None, Any),
    t(MassOrg, "{p}科学技术协会", Tag::None, Any),
    t(MassOrg, "{p}残疾人联合会", Tag::None, Any),
    t(MassOrg, "{p}红十字会", Tag::None, Any),
    t(MassOrg, "{p}工商业联合会", Tag::None, Any),
    t(MassOrg, "{p}文学艺术界联合会", Tag::None, City),
    t(MassOrg, "{p}归国华侨联合会", Tag::None, City),
    t(MassOrg, "{p}老年人体育协会", Tag::None, Any),
];

pub struct Place {
    /// How the place starts a unit's name: 鸡西市, 鸡西市鸡冠区, 鸡东县.
    pub prefix: String,
    pub prefecture: usize,
    /// The prefecture-level city itself, not one of its districts or counties.
    pub is_city: bool,
    /// The six-digit division code.
    pub code: u32,
    pub area_code: &'static str,
    pub local_digits: usize,
    /// Indices into `World::id_regions` of the division codes of people from here.
    pub regions: Vec<usize>,
}

pub struct Unit {
    pub name: String,
    pub kind: UnitKind,
    pub place: usize,
    pub parent: Option<usize>,
    pub credit_code: Option<String>,
    pub staff: Option<i64>,
    pub young_staff: Option<i64>,
    pub contact: Option<String>,
    pub phone: Option<String>,
}

pub struct World {
    pub places: Vec<Place>,
    /// In the order of their ids: by place, organs first.
    pub units: Vec<Unit>,
    pub by_place: Vec<Vec<usize>>,
    /// A place's units of each kind (by `UnitKind::index`).
    pub by_place_kind: Vec<[Vec<usize>; 7]>,
    pub by_prefecture: Vec<Vec<usize>>,
    /// The division codes a 身份证号 may carry: every district and county
    /// of Heilongjiang, and of the other provinces' cities at national scale.
    pub id_regions: Vec<u32>,
}

impl World {
    pub fn build(scale: Scale, units: usize, seed: u64) -> World {
        let mut rng = Rng::stream(seed, "units");
        let prefectures: Vec<&'static Prefecture> = match scale {
            Scale::City => vec![&places::HEILONGJIANG[places::CITY]],
            Scale::Province => places::HEILONGJIANG.iter().collect(),
            Scale::National => places::HEILONGJIANG
                .iter()
                .chain(places::OTHER_PROVINCES)
                .collect(),
        };
        let mut id_regions: Vec<u32> = Vec::new();
        let id_prefectures = places::HEILONGJIANG.iter().chain(match scale {
            Scale::National => places::OTHER_PROVINCES,
            _ => &[],
        });
        for prefecture in id_prefectures {
            for (_, sub) in prefecture.subs {
                id_regions.push(prefecture.code * 100 + sub);
            }
        }
        let region_of = |code: u32| {
            id_regions
                .iter()
                .position(|&c| c == code)
                .expect("every place's code is among the regions")
        };
        let mut places = Vec::new();
        for (index, prefecture) in prefectures.iter().enumerate() {
            let subs: Vec<usize> = prefecture
                .subs
                .iter()
                .map(|(_, sub)| region_of(prefecture.code * 100 + sub))
                .collect();
            places.push(Place {
                prefix: prefecture.name.to_string(),
                prefecture: index,
                is_city: true,
                code: prefecture.code * 100,
                area_code: prefecture.area_code,
                local_digits: prefecture.local_digits,
                regions: subs.clone(),
            });
            for (&(name, sub), region) in prefecture.subs.iter().zip(subs) {
                // A district is named with its city (鸡西市鸡冠区): district
                // names repeat from one city to the next, county names hardly.
                let prefix = if name.ends_with('区') {
                    format!("{}{name}", prefecture.name)
                } else {
                    name.to_string()
                };
                places.push(Place {
                    prefix,
                    prefecture: index,
                    is_city: false,
                    code: prefecture.code * 100 + sub,
                    area_code: prefecture.area_code,
                    local_digits: prefecture.local_digits,
                    regions: vec![region],
                });
            }
        }

        // A prefecture-level city has about four times the units of one of
        // its districts or counties.
        let weights: Vec<u64> = places
            .iter()
            .map(|p| if p.is_city { 4 } else { 1 })
            .collect();
        let quotas = apportion(units as u64, &weights);
        let mut taken: HashSet<String> = HashSet::new();
        let mut drafts: Vec<(Unit, Tag, usize)> = Vec::with_capacity(units);
        for (place_index, quota) in quotas.iter().enumerate() {
            let mut namer = Namer::new(&mut rng, &places[place_index]);
            for _ in 0..*quota {
                let (kind, name, tag) = namer.next(&mut rng, &mut taken);
                let order = drafts.len();
                drafts.push((
                    Unit {
                        name,
                        kind,
                        place: place_index,
                        parent: None,
                        credit_code: None,
                        staff: None,
                        young_staff: None,
                        contact: None,
                        phone: None,
                    },
                    tag,
                    order,
                ));
            }
        }
        drafts.sort_by_key(|(unit, _, order)| (unit.place, unit.kind.rank(), *order));

        let mut by_place: Vec<Vec<usize>> = vec![Vec::new(); places.len()];
        let mut by_place_kind: Vec<[Vec<usize>; 7]> = vec![Default::default(); places.len()];
        let mut by_prefecture: Vec<Vec<usize>> = vec![Vec::new(); prefectures.len()];
        let mut heads: Vec<[Option<usize>; 3]> = vec![[None; 3]; places.len()];
        let mut codes: HashSet<String> = HashSet::new();
        let mut units_out = Vec::with_capacity(drafts.len());
        for (index, (mut unit, tag, _)) in drafts.into_iter().enumerate() {
            let place = &places[unit.place];
            let head = &mut heads[unit.place];
            match tag {
                Tag::Education if unit.kind == UnitKind::Organ => head[0] = Some(index),
                Tag::Health if unit.kind == UnitKind::Organ => head[1] = Some(index),
                Tag::Assets => head[2] = Some(index),
                _ => {}
            }
            unit.parent = match (unit.kind, tag) {
                (UnitKind::School, _) => head[0],
                (UnitKind::Institution, Tag::Health) => head[1],
                (UnitKind::Soe, _) => head[2],
                _ => None,
            };
            unit.credit_code = unit
                .kind
                .credit_type()
                .filter(|_| rng.chance(0.92))
                .map(|kind| credit_code(&mut rng, kind, place.code, &mut codes));
            if rng.chance(0.9) {
                let (lo, hi) = STAFF[unit.kind.index()];
                let staff = rng.range(lo, hi);
                unit.staff = Some(staff);
                unit.young_staff = Some(staff * rng.range(15, 45) / 100);
            }
            if rng.chance(0.7) {
                let male = rng.chance(0.5);
                unit.contact = Some(people::name(&mut rng, male));
            }
            if rng.chance(0.75) {
                unit.phone = Some(people::landline(
                    &mut rng,
                    place.area_code,
                    place.local_digits,
                ));
            }
            by_place[unit.place].push(index);
            by_place_kind[unit.place][unit.kind.index()].push(index);
            by_prefecture[place.prefecture].push(index);
            units_out.push(unit);
        }
        World {
            places,
            units: units_out,
            by_place,
            by_place_kind,
            by_prefecture,
            id_regions,
        }
    }

    /// A unit of the place, of the kind if it has one: where a person worked.
    pub fn unit_of_kind(&self, rng: &mut Rng, place: usize, kind: UnitKind) -> usize {
        let of_kind = &self.by_place_kind[place][kind.index()];
        if !of_kind.is_empty() {
            *rng.pick(of_kind)
        } else if !self.by_place[place].is_empty() {
            *rng.pick(&self.by_place[place])
        } else {
            rng.index(self.units.len())
        }
    }

    /// The region of a person from a place: mostly the place's own, some
    /// from anywhere (people move).
    pub fn origin(&self, rng: &mut Rng, place: usize) -> usize {
        if rng.chance(0.75) {
            *rng.pick(&self.places[place].regions)
        } else {
            rng.index(self.id_regions.len())
        }
    }
}

/// Staff counts by kind of unit (see `UnitKind::index`).
const STAFF: [(i64, i64); 7] = [
    (25, 300),
    (60, 400),
    (30, 1500),
    (50, 3000),
    (30, 220),
    (8, 60),
    (5, 30),
];

/// Splits `total` in proportion to `weights`, by largest remainder, so
/// that the parts add up to exactly `total`.
pub fn apportion(total: u64, weights: &[u64]) -> Vec<u64> {
    let sum: u64 = weights.iter().sum();
    let mut parts: Vec<u64> = weights.iter().map(|w| total * w / sum).collect();
    let mut order: Vec<(u64, usize)> = weights
        .iter()
        .enumerate()
        .map(|(i, w)| (total * w % sum, i))
        .collect();
    // Largest remainder first; the earlier item on a tie.
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let short = total - parts.iter().sum::<u64>();
    for &(_, i) in order.iter().take(short as usize) {
        parts[i] += 1;
    }
    parts
}

/// Names the units of one place: the place's organs, courts, institutions,
/// enterprises and mass organisations once each, and as many schools and
/// communities as it takes.
struct Namer<'a> {
    place: &'a Place,
    pools: Vec<(UnitKind, Vec<&'static Template>)>,
    schools: [u32; 3],
}

impl<'a> Namer<'a> {
    fn new(rng: &mut Rng, place: &'a Place) -> Namer<'a> {
        let mut pools = Vec::new();
        for kind in [
            UnitKind::Organ,
            UnitKind::Judicial,
            UnitKind::Institution,
            UnitKind::Soe,
            UnitKind::MassOrg,
        ] {
            let mut pool: Vec<&'static Template> = TEMPLATES
                .iter()
                .filter(|t| t.kind == kind)
                .filter(|t| match t.level {
                    Any => true,
                    City => place.is_city,
                    Local => !place.is_city,
                })
                .collect();
            rng.shuffle(&mut pool);
            // Every place has its 教育局, 卫健委 and 国资委 before anything
            // else: the schools, hospitals and enterprises below them name them
            // as their parent. (The pool is used from its end.)
            pool.sort_by_key(|t| t.tag != Tag::None);
            pools.push((kind, pool));
        }
        Namer {
            place,
            pools,
            schools: [0; 3],
        }
    }

    fn next(&mut self, rng: &mut Rng, taken: &mut HashSet<String>) -> (UnitKind, String, Tag) {
        let kind = *rng.weighted(KIND_MIX);
        if let Some((_, pool)) = self.pools.iter_mut().find(|(k, _)| *k == kind) {
            while let Some(template) = pool.pop() {
                let name = template.text.replace("{p}", &self.place.prefix);
                if taken.insert(name.clone()) {
                    return (kind, name, template.tag);
                }
            }
        }
        if kind == UnitKind::Other {
            for _ in 0..20 {
                let name = self.community(rng);
                if taken.insert(name.clone()) {
                    return (kind, name, Tag::None);
                }
            }
        }
        loop {
            let name = self.school(rng);
            if taken.insert(name.clone()) {
                return (UnitKind::School, name, Tag::None);
            }
        }
    }

    fn community(&self, rng: &mut Rng) -> String {
        let (street, community) = (rng.pick(words::STREETS), rng.pick(words::COMMUNITIES));
        let p = &self.place.prefix;
        if p.ends_with('县') || (!self.place.is_city && !p.ends_with('区')) {
            format!("{p}{street}镇{community}村村民委员会")
        } else {
            format!("{p}{street}街道{community}社区居民委员会")
        }
    }

    fn school(&mut self, rng: &mut Rng) -> String {
        let p = &self.place.prefix;
        match rng.below(20) {
            0..=6 => {
                self.schools[0] += 1;
                format!("{p}第{}中学", words::numeral(self.schools[0]))
            }
            7..=14 => {
                self.schools[1] += 1;
                format!("{p}第{}小学", words::numeral(self.schools[1]))
            }
            15..=16 => {
                self.schools[2] += 1;
                format!("{p}第{}幼儿园", words::numeral(self.schools[2]))
            }
            17 => format!("{p}{}小学", rng.pick(words::STREETS)),
            18 => format!("{p}{}中学", rng.pick(words::STREETS)),
            _ => {
                let kind = rng.pick(&[
                    "实验中学",
                    "实验小学",
                    "实验幼儿园",
                    "特殊教育学校",
                    "职业技术教育中心",
                    "高级中学",
                ]);
                format!("{p}{kind}")
            }
        }
    }
}

const CREDIT_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The GB 32100 check character of the first 17 characters.
fn credit_check(body: &str) -> char {
    let mut weight = 1u32;
    let mut sum = 0u32;
    for b in body.bytes() {
        let value = CREDIT_ALPHABET.iter().position(|&a| a == b).unwrap_or(0) as u32;
        sum += value * weight;
        weight = weight * 3 % 31;
    }
    char::from(CREDIT_ALPHABET[((31 - sum % 31) % 31) as usize])
}

/// A new 统一社会信用代码: type, division code, a nine-character
/// organisation code (`MB` and seven digits for organs, institutions and mass
/// organisations, as registered by the 编办; any nine characters for an
/// enterprise), and the check character.
fn credit_code(rng: &mut Rng, kind: &str, region: u32, taken: &mut HashSet<String>) -> String {
    loop {
        let mut body = format!("{kind}{region:06}");
        if kind == "91" {
            for _ in 0..9 {
                body.push(char::from(*rng.pick(CREDIT_ALPHABET)));
            }
        } else {
            body.push_str(&format!("MB{:07}", rng.below(10_000_000)));
        }
        let check = credit_check(&body);
        body.push(check);
        if taken.insert(body.clone()) {
            return body;
        }
    }
}

/// The ids of the seeded kinds of a domain, by code.
pub fn kind_id(conn: &Connection, domain: &str, code: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT id FROM kind WHERE domain = ?1 AND code = ?2",
        params![domain, code],
        |row| row.get(0),
    )?)
}

/// Inserts the units in order, through ggw's own insert; returns their ids.
pub fn insert(conn: &Connection, world: &World) -> Result<Vec<i64>> {
    let mut kind_ids = Vec::new();
    for (kind, _) in KIND_MIX {
        kind_ids.push((*kind, kind_id(conn, "unit", kind.code())?));
    }
    let mut ids: Vec<i64> = Vec::with_capacity(world.units.len());
    for unit in &world.units {
        let kind_id = kind_ids
            .iter()
            .find(|(k, _)| *k == unit.kind)
            .map(|(_, id)| *id)
            .expect("every kind is seeded");
        let values = UnitValues {
            name: unit.name.clone(),
            aliases: Vec::new(),
            kind_id,
            parent_id: unit.parent.map(|p| ids[p]),
            credit_code: unit.credit_code.clone(),
            staff: unit.staff,
            young_staff: unit.young_staff,
            contact: unit.contact.clone(),
            phone: unit.phone.clone(),
            note: None,
        };
        ids.push(ggw::db::units::insert(conn, &values)?);
    }
    Ok(ids)
}

/// units.sqlite: a registry with the units and nothing else.
pub fn write_database(world: &World, path: &Path, command: &str) -> Result<()> {
    crate::remove_database(path)?;
    let db = ggw::db::Database::open(path)?;
    let tx =
        rusqlite::Transaction::new_unchecked(db.conn(), rusqlite::TransactionBehavior::Immediate)?;
    insert(&tx, world)?;
    ggw::db::changes::record(&tx, command)?;
    tx.commit()?;
    Ok(())
}

/// units.csv, in the columns `ggw unit import` reads.
pub fn write_csv(world: &World, path: &Path) -> Result<()> {
    let mut out = csv::Writer::from_path(path)?;
    out.write_record([
        "单位名称",
        "单位类别",
        "上级单位",
        "统一社会信用代码",
        "职工人数",
        "青年职工人数",
        "联系人",
        "联系电话",
    ])?;
    let count = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    for unit in &world.units {
        out.write_record([
            unit.name.as_str(),
            unit.kind.zh(),
            unit.parent.map_or("", |p| world.units[p].name.as_str()),
            unit.credit_code.as_deref().unwrap_or(""),
            &count(unit.staff),
            &count(unit.young_staff),
            unit.contact.as_deref().unwrap_or(""),
            unit.phone.as_deref().unwrap_or(""),
        ])?;
    }
    out.flush()?;
    Ok(())
}
