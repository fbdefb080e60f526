//! Meetings of a period: how many of each kind, the attendance, and the
//! units represented.

use rusqlite::Connection;

use crate::Result;
use crate::db::meetings::{self, MeetingFilter, MeetingRow};
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
    let filter = MeetingFilter {
        period: Some(period),
        ..MeetingFilter::default()
    };
    let held = meetings::list(conn, &filter)?;
    let attending = meetings::units_attending(conn, &filter)?;
    let mut table = Table::new(vec![
        labels::KIND,
        MEETINGS,
        labels::ATTENDEES,
        UNITS_REPRESENTED,
    ]);
    let mut kinds: Vec<(i64, Coded, Vec<&MeetingRow>)> = Vec::new();
    for meeting in &held {
        match kinds.iter_mut().find(|(id, _, _)| *id == meeting.kind.id) {
            Some((_, _, members)) => members.push(meeting),
            None => kinds.push((meeting.kind.id, meeting.kind.coded(), vec![meeting])),
        }
    }
    kinds.sort_by_key(|(id, _, _)| *id);
    for (kind_id, kind, members) in &kinds {
        let units = attending.iter().filter(|(kind, _)| kind == kind_id).count();
        table.push(figures(Value::Coded(kind.clone()), members, units));
    }
    let total = Coded::of_label(labels::TOTAL);
    let mut units: Vec<i64> = attending.iter().map(|(_, unit)| *unit).collect();
    units.sort_unstable();
    units.dedup();
    table.push(figures(
        Value::Coded(total),
        &held.iter().collect::<Vec<_>>(),
        units.len(),
    ));
    Ok(table)
}

/// A row of figures: the meetings, their attendance, and the units
/// represented, counted by the caller.
fn figures(kind: Value, members: &[&MeetingRow], units: usize) -> Vec<Value> {
    let attendance: i64 = members.iter().filter_map(|m| m.attendees()).sum();
    vec![
        kind,
        Value::Int(members.len() as i64),
        Value::Int(attendance),
        Value::Int(units as i64),
    ]
}

/// The meetings themselves, one row each: what `meeting list` prints and
/// the bulletin lists. Takes the rows to move their text into the table.
pub fn list_table(held: Vec<MeetingRow>) -> Table {
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
        let attendees = meeting.attendees();
        table.push(vec![
            Value::Int(meeting.id),
            Value::Date(meeting.held_on),
            Value::Text(meeting.title),
            Value::Coded(meeting.kind.coded()),
            Value::List(meeting.hosts),
            Value::opt_text(meeting.presider),
            Value::opt_int(attendees),
            Value::Int(meeting.units),
            Value::Int(meeting.speakers),
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
    Ok(list_table(held))
}
