//! 活动场次, 受益青少年人次, 参与五老人次, 帮扶资金 and 资助学生数 of a period,
//! by unit or by kind, and the units with a committee that reported none.

use rusqlite::Connection;

use crate::Result;
use crate::db::activities::{self, Activity, ActivityFilter, totals};
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
    let held = activities::list(
        conn,
        &ActivityFilter {
            period: Some(period),
            ..ActivityFilter::default()
        },
    )?;
    let first = match by {
        By::Unit => labels::UNIT,
        By::Kind => labels::KIND,
    };
    let mut table = Table::new(vec![
        first,
        ACTIVITIES,
        labels::YOUTH,
        VOLUNTEER_TIMES,
        labels::FUNDS,
        labels::STUDENTS,
    ]);
    let mut groups: Vec<(i64, Value, Vec<Activity>)> = Vec::new();
    for activity in held {
        let (key, name) = match by {
            By::Unit => (activity.unit.id, Value::text(&activity.unit.name)),
            By::Kind => (activity.kind.id, Value::Coded(activity.kind.coded())),
        };
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, members)) => members.push(activity),
            None => groups.push((key, name, vec![activity])),
        }
    }
    groups.sort_by_key(|(key, _, _)| *key);
    let mut all = Vec::new();
    for (_, name, members) in groups {
        table.push(figures(name, &members));
        all.extend(members);
    }
    let total = Value::Coded(Coded {
        code: "total".to_string(),
        zh: labels::TOTAL.zh.to_string(),
        en: labels::TOTAL.en.to_string(),
    });
    table.push(figures(total, &all));
    Ok(table)
}

fn figures(name: Value, members: &[Activity]) -> Vec<Value> {
    let t = totals(members);
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
    let mut rows = stmt.query(rusqlite::params![period.from, period.to])?;
    while let Some(row) = rows.next()? {
        table.push(vec![Value::Int(row.get(0)?), Value::Text(row.get(1)?)]);
    }
    Ok(table)
}
