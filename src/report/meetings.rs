//! Meetings of a period: how many of each kind, the attendance, and the
//! units represented.

use rusqlite::Connection;

use crate::Result;
use crate::db::meetings::{self, Meeting, MeetingFilter};
use crate::model::period::Period;
use crate::output::{Coded, Label, Table, Value, labels};

const MEETINGS: Label = Label {
    key: "meetings",
    zh: "会议次数",
    en: "Meetings",
};
const UNITS_REPRESENTED: Label = Label {
    key: "units_represented",
    zh: "参会单位（去重）",
    en: "Units represented",
};

/// One row per meeting kind held in the period, then the total. A unit
/// that came to several meetings is represented once.
pub fn meetings_table(conn: &Connection, period: Period) -> Result<Table> {
    let held = meetings::list(
        conn,
        &MeetingFilter {
            period: Some(period),
            ..MeetingFilter::default()
        },
    )?;
    let mut table = Table::new(vec![
        labels::KIND,
        MEETINGS,
        labels::ATTENDEES,
        UNITS_REPRESENTED,
    ]);
    let mut kinds: Vec<(i64, Coded, Vec<&Meeting>)> = Vec::new();
    for meeting in &held {
        match kinds.iter_mut().find(|(id, _, _)| *id == meeting.kind.id) {
            Some((_, _, members)) => members.push(meeting),
            None => kinds.push((meeting.kind.id, meeting.kind.coded(), vec![meeting])),
        }
    }
    kinds.sort_by_key(|(id, _, _)| *id);
    for (_, kind, members) in &kinds {
        table.push(figures(Value::Coded(kind.clone()), members));
    }
    let total = Coded {
        code: "total".to_string(),
        zh: labels::TOTAL.zh.to_string(),
        en: labels::TOTAL.en.to_string(),
    };
    table.push(figures(
        Value::Coded(total),
        &held.iter().collect::<Vec<_>>(),
    ));
    Ok(table)
}

fn figures(kind: Value, members: &[&Meeting]) -> Vec<Value> {
    let attendance: i64 = members.iter().filter_map(|m| m.attendees()).sum();
    let mut units: Vec<i64> = members
        .iter()
        .flat_map(|m| m.units.iter().map(|a| a.unit.id))
        .collect();
    units.sort_unstable();
    units.dedup();
    vec![
        kind,
        Value::Int(members.len() as i64),
        Value::Int(attendance),
        Value::Int(units.len() as i64),
    ]
}

/// The meetings themselves, one row each: what `meeting list` prints and
/// the bulletin lists.
pub fn list_table(held: &[Meeting]) -> Table {
    let mut table = Table::new(vec![
        labels::ID,
        labels::HELD_ON,
        labels::TITLE,
        labels::KIND,
        labels::HOSTS,
        labels::PRESIDER,
        labels::ATTENDEES,
        labels::UNIT_COUNT,
        labels::SPEAKERS,
    ]);
    for meeting in held {
        table.push(vec![
            Value::Int(meeting.id),
            Value::Date(meeting.held_on),
            Value::text(&meeting.title),
            Value::Coded(meeting.kind.coded()),
            Value::List(meeting.hosts.iter().map(|h| h.name.clone()).collect()),
            Value::opt_text(meeting.presider.clone()),
            Value::opt_int(meeting.attendees()),
            Value::Int(meeting.units.len() as i64),
            Value::Int(meeting.speakers.len() as i64),
        ]);
    }
    table
}

/// The meetings held in a period, one row each.
pub fn period_list_table(conn: &Connection, period: Period) -> Result<Table> {
    let held = meetings::list(
        conn,
        &MeetingFilter {
            period: Some(period),
            ..MeetingFilter::default()
        },
    )?;
    Ok(list_table(&held))
}
