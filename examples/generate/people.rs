//! People: names, telephone numbers and 身份证号.

use chrono::{Datelike, NaiveDate};

use crate::rng::Rng;
use crate::units::{UnitKind, World};
use crate::words;

pub fn name(rng: &mut Rng, male: bool) -> String {
    let mut name = rng.weighted(words::SURNAMES).to_string();
    let (chars, names) = if male {
        (words::MALE_CHARS, words::MALE_NAMES)
    } else {
        (words::FEMALE_CHARS, words::FEMALE_NAMES)
    };
    match rng.below(100) {
        0..=34 => name.push_str(rng.word(chars)),
        35..=64 => name.push_str(rng.word(names)),
        _ => {
            name.push_str(rng.word(chars));
            name.push_str(rng.word(chars));
        }
    }
    name
}

/// A name of a man with probability `male_share`, else of a woman.
pub fn someone(rng: &mut Rng, male_share: f64) -> String {
    let male = rng.chance(male_share);
    name(rng, male)
}

/// Prefixes of mobile numbers as issued since the 1990s.
const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "166", "176", "177", "178", "180", "181", "182",
    "183", "185", "186", "187", "188", "189", "198", "199",
];

pub fn mobile(rng: &mut Rng) -> String {
    format!("{}{:08}", rng.pick(MOBILE_PREFIXES), rng.below(100_000_000))
}

/// A landline as ggw stores it: `0467-2345678`.
pub fn landline(rng: &mut Rng, area_code: &str, digits: usize) -> String {
    let first = rng.range(2, 8);
    let rest = rng.below(10u64.pow(digits as u32 - 1));
    format!("{area_code}-{first}{rest:0width$}", width = digits - 1)
}

/// A uniformly drawn day in `from..=to`.
pub fn day_between(rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days();
    from + chrono::Days::new(rng.range(0, span) as u64)
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The GB 11643 check character of the first 17 digits.
fn id_check(body: &[u8; 17]) -> u8 {
    let sum: u32 = body
        .iter()
        .zip(ID_WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    b"10X98765432"[(sum % 11) as usize]
}

/// The first birth day an ID number can be issued for, and the last.
const FIRST_BIRTH: (i32, u32, u32) = (1935, 1, 1);
const LAST_BIRTH: (i32, u32, u32) = (1966, 12, 31);

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// Issues distinct 身份证号. The three sequence digits of one region, birth
/// day and sex are numbered in order, from a range of its own for each
/// issuer: the registry's volunteers and the roster's new ones can then
/// never share a number, and neither depends on the other having been made.
pub struct IdCards {
    regions: Vec<u32>,
    first: NaiveDate,
    days: usize,
    /// Numbers issued so far, by region, day and sex.
    issued: Vec<u8>,
    /// The issuer's numbers of one sex are `base+1..=base+PER_ISSUER`
    /// (twice that and the sex digit make the sequence digits; 000 is
    /// never issued).
    base: u32,
}

const PER_ISSUER: u8 = 249;
pub const REGISTRY_SEQUENCES: u32 = 0;
pub const ROSTER_SEQUENCES: u32 = 250;

impl IdCards {
    /// `regions` are the six-digit division codes numbers may carry.
    pub fn new(regions: Vec<u32>, base: u32) -> IdCards {
        let first = ymd(FIRST_BIRTH);
        let days = (ymd(LAST_BIRTH) - first).num_days() as usize + 1;
        IdCards {
            issued: vec![0; regions.len() * days * 2],
            regions,
            first,
            days,
            base,
        }
    }

    /// A number for a person born on `birth` (moved a day on, and the day
    /// returned, in the unlikely case that every number of that day is taken).
    pub fn issue(&mut self, region: usize, birth: NaiveDate, male: bool) -> (String, NaiveDate) {
        let mut day = (birth - self.first).num_days() as usize;
        loop {
            let slot = (region * self.days + day) * 2 + usize::from(male);
            if self.issued[slot] < PER_ISSUER {
                self.issued[slot] += 1;
                let n = self.base + u32::from(self.issued[slot]);
                let date = self.first + chrono::Days::new(day as u64);
                // The 17th digit is odd for a man, even for a woman.
                let sequence = n * 2 + u32::from(male);
                return (self.number(region, date, sequence), date);
            }
            day = (day + 1) % self.days;
        }
    }

    fn number(&self, region: usize, birth: NaiveDate, sequence: u32) -> String {
        let text = format!(
            "{:06}{:04}{:02}{:02}{:03}",
            self.regions[region],
            birth.year(),
            birth.month(),
            birth.day(),
            sequence
        );
        let mut body = [0u8; 17];
        body.copy_from_slice(text.as_bytes());
        let mut number = text;
        number.push(char::from(id_check(&body)));
        number
    }
}

/// The 五老 categories, with ggw's stored code and the roster's Chinese name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Cadre,
    Veteran,
    Expert,
    Teacher,
    Model,
    Other,
}

impl Category {
    pub fn code(self) -> &'static str {
        match self {
            Category::Cadre => "cadre",
            Category::Veteran => "veteran",
            Category::Expert => "expert",
            Category::Teacher => "teacher",
            Category::Model => "model",
            Category::Other => "other",
        }
    }

    /// ggw's own value of the category.
    pub fn stored(self) -> ggw::model::volunteer::Category {
        use ggw::model::enums::Enumerated;
        ggw::model::volunteer::Category::from_code(self.code()).expect("the same codes as ggw")
    }

    pub fn zh(self) -> &'static str {
        match self {
            Category::Cadre => "老干部",
            Category::Veteran => "老战士",
            Category::Expert => "老专家",
            Category::Teacher => "老教师",
            Category::Model => "老模范",
            Category::Other => "其他",
        }
    }

    /// The category of a volunteer serving a unit of this kind: teachers
    /// serve schools, experts and model workers enterprises.
    pub fn draw(rng: &mut Rng, kind: UnitKind, with_other: bool) -> Category {
        use Category::*;
        let mix: &[(Category, u32)] = match kind {
            UnitKind::School => &[
                (Teacher, 60),
                (Cadre, 15),
                (Expert, 8),
                (Veteran, 5),
                (Model, 4),
                (Other, 8),
            ],
            UnitKind::Soe => &[
                (Expert, 30),
                (Model, 20),
                (Cadre, 20),
                (Veteran, 10),
                (Teacher, 5),
                (Other, 15),
            ],
            _ => &[
                (Cadre, 35),
                (Veteran, 10),
                (Expert, 17),
                (Teacher, 18),
                (Model, 8),
                (Other, 12),
            ],
        };
        loop {
            let category = *rng.weighted(mix);
            if with_other || category != Other {
                return category;
            }
        }
    }
}

/// 原工作单位及职务, from the units of the place the person lives in.
pub fn former_post(
    rng: &mut Rng,
    world: &World,
    place: usize,
    category: Category,
) -> Option<String> {
    let unit = |rng: &mut Rng, kind| &world.units[world.unit_of_kind(rng, place, kind)].name;
    Some(match category {
        Category::Cadre => {
            let kind = *rng.pick(&[UnitKind::Organ, UnitKind::Organ, UnitKind::MassOrg]);
            format!("原{}{}", unit(rng, kind), rng.pick(words::CADRE_POSTS))
        }
        Category::Expert => {
            let kind = *rng.pick(&[UnitKind::Institution, UnitKind::Soe]);
            format!("原{}{}", unit(rng, kind), rng.pick(words::EXPERT_POSTS))
        }
        Category::Teacher => format!(
            "原{}{}",
            unit(rng, UnitKind::School),
            rng.pick(words::TEACHER_POSTS)
        ),
        Category::Veteran => rng.pick(words::VETERAN_POSTS).to_string(),
        Category::Model => format!(
            "原{}职工，{}",
            unit(rng, UnitKind::Soe),
            rng.pick(words::MODEL_TITLES)
        ),
        Category::Other if rng.chance(0.3) => return None,
        Category::Other => format!("原{}职工", unit(rng, UnitKind::Institution)),
    })
}
