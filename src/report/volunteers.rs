//! 五老 strength: the volunteers serving on a date, by unit and category,
//! with those who joined in a period, the model 五老 (五老典型) and the
//! age bands.
//!
//! A volunteer counts on a date when they had joined by then (or the
//! joining date is not known) and were still serving: active, or gone
//! (inactive or deceased) only after that date. One who left on the date
//! itself, or left on a date not recorded, does not count. Ages are whole
//! years on the date, as [`Birth::age_on`](crate::model::date::Birth::age_on)
//! gives them: a birth known only to the month counts from its first day.

use std::collections::HashMap;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, params};

use crate::Result;
use crate::model::date::{Date, stored_birth};
use crate::model::enums::Enumerated;
use crate::model::period::Period;
use crate::model::volunteer::Category;
use crate::output::{Coded, Label, Table, Value, labels};

const CADRES: Label = Label {
    key: "cadre",
    zh: "老干部",
    en: "Veteran cadres",
};
const VETERANS: Label = Label {
    key: "veteran",
    zh: "老战士",
    en: "Veteran soldiers",
};
const EXPERTS: Label = Label {
    key: "expert",
    zh: "老专家",
    en: "Veteran experts",
};
const TEACHERS: Label = Label {
    key: "teacher",
    zh: "老教师",
    en: "Veteran teachers",
};
const MODELS: Label = Label {
    key: "model",
    zh: "老模范",
    en: "Veteran model workers",
};
const OTHERS: Label = Label {
    key: "other",
    zh: "其他",
    en: "Other",
};
const JOINED: Label = Label {
    key: "joined",
    zh: "本期新增",
    en: "Joined in period",
};
const MODEL_VOLUNTEERS: Label = Label {
    key: "model_volunteers",
    zh: "五老典型",
    en: "Model volunteers",
};
const UNDER_65: Label = Label {
    key: "under_65",
    zh: "65岁以下",
    en: "Under 65",
};
const AGE_65_69: Label = Label {
    key: "age_65_69",
    zh: "65–69岁",
    en: "65–69",
};
const AGE_70_74: Label = Label {
    key: "age_70_74",
    zh: "70–74岁",
    en: "70–74",
};
const AGE_75_79: Label = Label {
    key: "age_75_79",
    zh: "75–79岁",
    en: "75–79",
};
const AGE_80_PLUS: Label = Label {
    key: "age_80_plus",
    zh: "80岁及以上",
    en: "80 and over",
};
const AGE_UNKNOWN: Label = Label {
    key: "age_unknown",
    zh: "年龄不详",
    en: "Age unknown",
};

/// The row of the volunteers who serve no unit.
fn no_unit() -> Coded {
    Coded {
        code: "no_unit".to_string(),
        zh: "未填所在单位".to_string(),
        en: "No unit".to_string(),
    }
}

/// The category columns, in the order the bulletin gives them.
const CATEGORIES: [(Category, Label); 6] = [
    (Category::Cadre, CADRES),
    (Category::Veteran, VETERANS),
    (Category::Expert, EXPERTS),
    (Category::Teacher, TEACHERS),
    (Category::Model, MODELS),
    (Category::Other, OTHERS),
];

/// The age bands, by the lowest age each takes, then the band of those
/// whose birth date is not known.
const AGE_BANDS: [(Label, i32); 5] = [
    (UNDER_65, i32::MIN),
    (AGE_65_69, 65),
    (AGE_70_74, 70),
    (AGE_75_79, 75),
    (AGE_80_PLUS, 80),
];

/// The counts of one row, in the table's order after the unit: the
/// categories, the total, those who joined, the model 五老, the age bands
/// and the unknown ages.
const WIDTH: usize = CATEGORIES.len() + 3 + AGE_BANDS.len() + 1;

/// One row per unit with volunteers serving on `as_of`, in registry order,
/// then one for those who serve no unit (if any), then the total. The
/// 本期新增 column (joined within `joined_in`) is there only with a period.
///
/// The volunteers are read in one pass in storage order and counted here,
/// each age by [`Birth::age_on`]: grouping in SQL walked the unit index and
/// read each volunteer's row out of order, several times slower on a
/// province's register.
pub fn volunteers_table(
    conn: &Connection,
    as_of: Date,
    joined_in: Option<Period>,
) -> Result<Table> {
    let mut columns = vec![labels::UNIT];
    columns.extend(CATEGORIES.iter().map(|(_, label)| *label));
    columns.push(labels::TOTAL);
    if joined_in.is_some() {
        columns.push(JOINED);
    }
    columns.push(MODEL_VOLUNTEERS);
    columns.extend(AGE_BANDS.iter().map(|(label, _)| *label));
    columns.push(AGE_UNKNOWN);
    let mut table = Table::new(columns);

    // Counts by unit id in a table, not a hash map: 300,000 rows look their
    // unit up. An id beyond the table (a unit added since) or no unit at
    // all is counted aside.
    let last_id: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM unit", [], |row| {
        row.get(0)
    })?;
    let mut by_id = vec![[0_i64; WIDTH]; usize::try_from(last_id).unwrap_or(0) + 1];
    let mut aside: HashMap<Option<i64>, [i64; WIDTH]> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT v.unit_id, v.category, v.is_model, v.joined_on >= ?2 AND v.joined_on <= ?3,
                v.birth_date
         FROM volunteer v
         WHERE (v.status = 'active' OR v.status_on > ?1)
           AND (v.joined_on IS NULL OR v.joined_on <= ?1)",
    )?;
    let mut rows = stmt.query(params![
        as_of,
        joined_in.map(|p| p.from),
        joined_in.map(|p| p.to)
    ])?;
    let total_at = CATEGORIES.len();
    while let Some(row) = rows.next()? {
        let unit: Option<i64> = row.get(0)?;
        let slot = unit
            .and_then(|id| usize::try_from(id).ok())
            .and_then(|id| by_id.get_mut(id));
        let counts = match slot {
            Some(counts) => counts,
            None => aside.entry(unit).or_insert([0; WIDTH]),
        };
        let category = text(row.get_ref(1)?);
        if let Some(at) = CATEGORIES
            .iter()
            .position(|(c, _)| Some(c.code()) == category)
        {
            counts[at] += 1;
        }
        counts[total_at] += 1;
        counts[total_at + 1] += i64::from(row.get::<_, Option<bool>>(3)?.unwrap_or(false));
        counts[total_at + 2] += i64::from(row.get::<_, bool>(2)?);
        let age = text(row.get_ref(4)?)
            .and_then(stored_birth)
            .map(|birth| birth.age_on(as_of));
        let band = match age {
            Some(age) => AGE_BANDS
                .iter()
                .rposition(|(_, from)| age >= *from)
                .unwrap_or(0),
            None => AGE_BANDS.len(),
        };
        counts[total_at + 3 + band] += 1;
    }

    let names: HashMap<i64, String> = conn
        .prepare("SELECT id, name FROM unit")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // Units in registry order, then no unit; a unit is listed when it has
    // a volunteer (every one counts in the total).
    let mut by_unit: Vec<(Option<i64>, [i64; WIDTH])> = by_id
        .into_iter()
        .enumerate()
        .filter(|(_, counts)| counts[total_at] > 0)
        .map(|(id, counts)| (Some(id as i64), counts))
        .chain(aside)
        .collect();
    by_unit.sort_by_key(|(unit, _)| (unit.is_none(), *unit));
    let mut totals = [0_i64; WIDTH];
    for (unit, counts) in by_unit {
        let unit = match unit {
            Some(id) => Value::Text(names.get(&id).cloned().unwrap_or_default()),
            None => Value::Coded(no_unit()),
        };
        for (total, n) in totals.iter_mut().zip(counts) {
            *total += n;
        }
        table.push(figures(unit, &counts, joined_in.is_some()));
    }
    let total = Value::Coded(Coded::of_label(labels::TOTAL));
    table.push(figures(total, &totals, joined_in.is_some()));
    Ok(table)
}

/// A text column read in place, without a copy per row.
fn text<'a>(value: ValueRef<'a>) -> Option<&'a str> {
    match value {
        ValueRef::Text(bytes) => std::str::from_utf8(bytes).ok(),
        _ => None,
    }
}

/// A row from the query's counts: the categories, the total, those who
/// joined (left out without a period), the model 五老 and the age bands.
fn figures(unit: Value, counts: &[i64], with_joined: bool) -> Vec<Value> {
    let joined_at = CATEGORIES.len() + 1;
    let mut row = vec![unit];
    row.extend(
        counts
            .iter()
            .enumerate()
            .filter(|&(i, _)| with_joined || i != joined_at)
            .map(|(_, &n)| Value::Int(n)),
    );
    row
}
