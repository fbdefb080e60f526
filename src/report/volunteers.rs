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

use rusqlite::{Connection, params};

use crate::Result;
use crate::model::date::Date;
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

/// The age bands: the label, and the condition on `age` (NULL when the
/// birth date is not known).
const AGE_BANDS: [(Label, &str); 6] = [
    (UNDER_65, "age < 65"),
    (AGE_65_69, "age BETWEEN 65 AND 69"),
    (AGE_70_74, "age BETWEEN 70 AND 74"),
    (AGE_75_79, "age BETWEEN 75 AND 79"),
    (AGE_80_PLUS, "age >= 80"),
    (AGE_UNKNOWN, "age IS NULL"),
];

/// Whole years from `v.birth_date` (stored `YYYY-MM-DD`, or `YYYY-MM` when
/// only the month is known, which counts from its first day) to `?1`, as
/// `Birth::age_on` counts them: the years between, less one when the
/// birthday (month and day, compared as `MM-DD` text) is still to come.
/// NULL when there is no birth date, or one not in either stored form.
const AGE: &str = "CASE
    WHEN v.birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
      OR v.birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
    THEN CAST(substr(?1, 1, 4) AS INTEGER) - CAST(substr(v.birth_date, 1, 4) AS INTEGER)
         - (substr(?1, 6, 5) < (substr(v.birth_date, 6, 2) || '-'
               || CASE WHEN length(v.birth_date) = 10
                       THEN substr(v.birth_date, 9, 2) ELSE '01' END))
    END";

/// One row per unit with volunteers serving on `as_of`, in registry order,
/// then one for those who serve no unit (if any), then the total. The
/// 本期新增 column (joined within `joined_in`) is there only with a period.
pub fn volunteers_table(
    conn: &Connection,
    as_of: Date,
    joined_in: Option<Period>,
) -> Result<Table> {
    let categories: Vec<String> = CATEGORIES
        .iter()
        .map(|(category, _)| {
            let code = category.code();
            format!("count(*) FILTER (WHERE c.category = '{code}')")
        })
        .collect();
    let bands: Vec<String> = AGE_BANDS
        .iter()
        .map(|(_, condition)| format!("count(*) FILTER (WHERE c.{condition})"))
        .collect();
    let (categories, bands) = (categories.join(", "), bands.join(", "));
    let sql = format!(
        "WITH c AS (
             SELECT v.unit_id, v.category, v.is_model,
                    v.joined_on >= ?2 AND v.joined_on <= ?3 AS joined,
                    {AGE} AS age
             FROM volunteer v
             WHERE (v.status = 'active' OR v.status_on > ?1)
               AND (v.joined_on IS NULL OR v.joined_on <= ?1)
         )
         SELECT c.unit_id, u.name, {categories}, count(*),
                count(*) FILTER (WHERE c.joined), count(*) FILTER (WHERE c.is_model), {bands}
         FROM c LEFT JOIN unit u ON u.id = c.unit_id
         GROUP BY c.unit_id
         ORDER BY c.unit_id IS NULL, c.unit_id"
    );

    let mut columns = vec![labels::UNIT];
    columns.extend(CATEGORIES.iter().map(|(_, label)| *label));
    columns.push(labels::TOTAL);
    if joined_in.is_some() {
        columns.push(JOINED);
    }
    columns.push(MODEL_VOLUNTEERS);
    columns.extend(AGE_BANDS.iter().map(|(label, _)| *label));
    let mut table = Table::new(columns);

    // The counts after the unit's id and name, in the query's order.
    let width = CATEGORIES.len() + 3 + AGE_BANDS.len();
    let mut totals = vec![0_i64; width];
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![
        as_of,
        joined_in.map(|p| p.from),
        joined_in.map(|p| p.to)
    ])?;
    while let Some(row) = rows.next()? {
        let unit = match row.get::<_, Option<i64>>(0)? {
            Some(_) => Value::Text(row.get(1)?),
            None => Value::Coded(no_unit()),
        };
        let mut counts = Vec::with_capacity(width);
        for (i, total) in totals.iter_mut().enumerate() {
            let n: i64 = row.get(i + 2)?;
            *total += n;
            counts.push(n);
        }
        table.push(figures(unit, &counts, joined_in.is_some()));
    }
    let total = Value::Coded(Coded {
        code: "total".to_string(),
        zh: labels::TOTAL.zh.to_string(),
        en: labels::TOTAL.en.to_string(),
    });
    table.push(figures(total, &totals, joined_in.is_some()));
    Ok(table)
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
