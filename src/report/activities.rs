//! 活动场次, 受益青少年人次, 参与五老人次, 帮扶资金 and 资助学生数 of a period,
//! by unit or by kind, and the units with a committee that reported none.

use rusqlite::{Connection, params};

use crate::Result;
use crate::db::activities::Totals;
use crate::db::{committees, units};
use crate::model::period::Period;
use crate::output::{Coded, Label, Table, Value, labels};

/// What the rows of the report are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum By {
    #[default]
    Unit,
    Kind,
}

const ACTIVITIES: Label = Label {
    key: "activities",
    zh: "活动场次",
    en: "Activities",
};
const VOLUNTEER_TIMES: Label = Label {
    key: "volunteers",
    zh: "参与五老人次",
    en: "Volunteer-times",
};

/// One row per unit (or kind) that held an activity in the period, in
/// registry order, then the total.
pub fn activities_table(conn: &Connection, period: Period, by: By) -> Result<Table> {
    // The group's key, then what names it: a unit's name, or a kind's
    // code and labels.
    let (first, key, names, join) = match by {
        By::Unit => (
            labels::UNIT,
            "a.unit_id",
            "u.name, NULL, NULL",
            "JOIN unit u ON u.id = a.unit_id",
        ),
        By::Kind => (
            labels::KIND,
            "a.kind_id",
            "k.code, k.name_zh, k.name_en",
            "JOIN kind k ON k.id = a.kind_id",
        ),
    };
    let mut table = Table::new(vec![
        first,
        ACTIVITIES,
        labels::YOUTH,
        VOLUNTEER_TIMES,
        labels::FUNDS,
        labels::STUDENTS,
    ]);
    // A figure not reported counts as none.
    let sql = format!(
        "SELECT {names}, count(*), sum(coalesce(a.youth, 0)), sum(coalesce(a.volunteers, 0)),
                sum(coalesce(a.funds, 0)), sum(coalesce(a.students, 0))
         FROM activity a {join}
         WHERE a.held_on >= ?1 AND a.held_on <= ?2
         GROUP BY {key} ORDER BY {key}"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![period.from, period.to])?;
    let mut all = Totals::default();
    while let Some(row) = rows.next()? {
        let name = match by {
            By::Unit => Value::Text(row.get(0)?),
            By::Kind => Value::Coded(Coded {
                code: row.get(0)?,
                zh: row.get(1)?,
                en: row.get(2)?,
            }),
        };
        let group = Totals {
            activities: row.get(3)?,
            youth: row.get(4)?,
            volunteers: row.get(5)?,
            funds: row.get(6)?,
            students: row.get(7)?,
        };
        all = all + group;
        table.push(figures(name, group));
    }
    let total = Value::Coded(Coded::of_label(labels::TOTAL));
    table.push(figures(total, all));
    Ok(table)
}

fn figures(name: Value, t: Totals) -> Vec<Value> {
    vec![
        name,
        Value::Int(t.activities),
        Value::Int(t.youth),
        Value::Int(t.volunteers),
        Value::Money(t.funds),
        Value::Int(t.students),
    ]
}

/// Units covered by a committee at the period's end that reported no
/// activity in the period.
pub fn silent_units_table(conn: &Connection, period: Period) -> Result<Table> {
    let covered = committees::covered_on("u.id", "?2", "TRUE");
    let registered = units::registered_on("u", "?2");
    let sql = format!(
        "SELECT u.id, u.name FROM unit u
         WHERE {registered} AND {covered}
           AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.unit_id = u.id AND a.held_on >= ?1 AND a.held_on <= ?2)
         ORDER BY u.id"
    );
    let mut table = Table::new(vec![labels::ID, labels::UNIT_NAME]);
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![period.from, period.to])?;
    while let Some(row) = rows.next()? {
        table.push(vec![Value::Int(row.get(0)?), Value::Text(row.get(1)?)]);
    }
    Ok(table)
}
