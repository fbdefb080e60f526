//! `meeting import` (one row a meeting) and `meeting attend --sheet` (a
//! sign-in sheet, 签到表, one row a person).

use rusqlite::Connection;

use super::headers::{self, Field};
use super::{ImportOptions, Importer, Outcome, Problem, RecordWords, Row, Written};
use crate::Result;
use crate::db::meetings::{self, Attendee, MeetingDraft};
use crate::db::units;
use crate::model::committee::split_list;
use crate::model::{clean, non_empty};

pub const MEETING_FIELDS: &[Field] = &[
    Field {
        required: true,
        ..headers::HELD_ON
    },
    Field {
        required: true,
        ..headers::MEETING_TITLE
    },
    headers::MEETING_KIND,
    headers::HOSTS,
    headers::PRESIDER,
    headers::LOCATION,
    headers::ATTENDEES,
    headers::ATTENDING_UNITS,
    headers::SPEAKERS,
    headers::NOTE,
];

/// Imports meetings. The same date and title is the same meeting, updated
/// by the row's non-empty cells; an empty kind is 其他. 参会单位 lists
/// units as `A:5、B:3`; 发言 lists speakers as `A`, `A:姓名:题目` or
/// `:姓名:题目` for one of no unit.
pub struct MeetingImporter {
    options: ImportOptions,
    written: Written,
}

impl MeetingImporter {
    pub fn new(options: &ImportOptions) -> Self {
        MeetingImporter {
            options: options.clone(),
            written: Written::default(),
        }
    }
}

impl Importer for MeetingImporter {
    fn fields(&self) -> &'static [Field] {
        MEETING_FIELDS
    }

    fn import_row(
        &mut self,
        conn: &Connection,
        row: &Row,
    ) -> Result<std::result::Result<Outcome, Vec<Problem>>> {
        let cell = |field: &Field| non_empty(row.get(field));
        let list = |field: &Field| {
            split_list(row.get(field))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        // Units in a sheet are named by name or alias (a number there is no
        // id of this registry), each problem in its own column.
        let mut problems = Vec::new();
        let mut by_name = |field: &Field| -> Result<Vec<String>> {
            let mut entries = Vec::new();
            for entry in list(field) {
                let (unit, rest) = match entry.split_once([':', '：']) {
                    Some((unit, rest)) => (unit.to_string(), Some(rest.to_string())),
                    None => (entry.clone(), None),
                };
                let unit = if clean(&unit).is_empty() {
                    String::new()
                } else {
                    match units::find_name(conn, &unit)? {
                        Ok(found) => format!("#{}", found.id),
                        Err(reason) => {
                            problems.push(row.problem(field, reason));
                            continue;
                        }
                    }
                };
                entries.push(match rest {
                    Some(rest) => format!("{unit}:{rest}"),
                    None => unit,
                });
            }
            Ok(entries)
        };
        let attending = by_name(&headers::ATTENDING_UNITS)?;
        let speaking = by_name(&headers::SPEAKERS)?;
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        let file = MeetingDraft {
            held_on: row.get(&headers::HELD_ON).to_string(),
            title: row.get(&headers::MEETING_TITLE).to_string(),
            kind: cell(&headers::MEETING_KIND).unwrap_or_else(|| "other".to_string()),
            hosts: list(&headers::HOSTS),
            presider: cell(&headers::PRESIDER),
            location: cell(&headers::LOCATION),
            attendees: cell(&headers::ATTENDEES),
            units: attending,
            speakers: speaking,
            note: cell(&headers::NOTE),
        };
        let existing = same_meeting(conn, &file)?;
        if let Some(id) = existing
            && let Some(answer) = self.written.matched(
                id,
                row,
                &headers::MEETING_TITLE,
                self.options.on_conflict,
                &MEETING_WORDS,
            )
        {
            return Ok(answer);
        }
        let draft = match existing {
            Some(id) => {
                let stored = meetings::draft_of(&meetings::get(conn, id)?);
                MeetingDraft {
                    kind: cell(&headers::MEETING_KIND).unwrap_or(stored.kind),
                    hosts: if file.hosts.is_empty() {
                        stored.hosts
                    } else {
                        file.hosts
                    },
                    presider: file.presider.or(stored.presider),
                    location: file.location.or(stored.location),
                    attendees: file.attendees.or(stored.attendees),
                    units: if file.units.is_empty() {
                        stored.units
                    } else {
                        file.units
                    },
                    speakers: if file.speakers.is_empty() {
                        stored.speakers
                    } else {
                        file.speakers
                    },
                    note: file.note.or(stored.note),
                    ..file
                }
            }
            None => file,
        };
        let values = match meetings::check(conn, &draft, existing)? {
            Ok(values) => values,
            Err(reasons) => {
                // Each reason names its value; it is placed in the title's column.
                return Ok(Err(reasons
                    .into_iter()
                    .map(|reason| row.problem(&headers::MEETING_TITLE, reason))
                    .collect()));
            }
        };
        let (id, outcome) = match existing {
            Some(id) => {
                let changed = meetings::update(conn, id, &values)?;
                (id, Outcome::of_update(changed))
            }
            None => (meetings::insert(conn, &values)?, Outcome::New),
        };
        self.written.wrote(id, row.number);
        Ok(Ok(outcome))
    }
}

/// The recorded meeting of the same date and title, if any.
fn same_meeting(conn: &Connection, draft: &MeetingDraft) -> Result<Option<i64>> {
    let Ok(date) = crate::model::date::parse_date(&draft.held_on) else {
        return Ok(None);
    };
    Ok(rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT id FROM meeting WHERE held_on = ?1 AND title = ?2",
        rusqlite::params![date, clean(&draft.title)],
        |row| row.get(0),
    ))?)
}

pub const SIGN_IN_FIELDS: &[Field] = &[
    Field {
        required: true,
        ..headers::UNIT
    },
    Field {
        required: true,
        ..headers::PERSON_NAME
    },
    headers::POST,
    headers::SIGNED_AT,
];

/// Reads a sign-in sheet into one meeting: each person once, and each
/// unit's count the people it signed in.
pub struct SignInImporter {
    meeting_id: i64,
    skip_invalid: bool,
}

impl SignInImporter {
    pub fn new(meeting_id: i64, options: &ImportOptions) -> Self {
        SignInImporter {
            meeting_id,
            skip_invalid: options.skip_invalid,
        }
    }
}

impl Importer for SignInImporter {
    fn fields(&self) -> &'static [Field] {
        SIGN_IN_FIELDS
    }

    fn import_row(
        &mut self,
        conn: &Connection,
        row: &Row,
    ) -> Result<std::result::Result<Outcome, Vec<Problem>>> {
        let unit = match units::find_name(conn, row.get(&headers::UNIT))? {
            Ok(unit) => unit,
            Err(reason) => return Ok(Err(vec![row.problem(&headers::UNIT, reason)])),
        };
        if let Err(reason) = units::active_or_reason(conn, &unit)? {
            return Ok(Err(vec![row.problem(&headers::UNIT, reason)]));
        }
        let name = clean(row.get(&headers::PERSON_NAME));
        if name.is_empty() {
            return Ok(Err(vec![row.problem(
                &headers::PERSON_NAME,
                crate::text!("姓名为空", "the name is empty"),
            )]));
        }
        let attendee = Attendee {
            unit: Some(unit),
            name,
            post: non_empty(row.get(&headers::POST)),
            signed_at: non_empty(row.get(&headers::SIGNED_AT)),
        };
        Ok(Ok(
            if meetings::sign_in(conn, self.meeting_id, &attendee)? {
                Outcome::New
            } else {
                Outcome::Unchanged
            },
        ))
    }

    fn finish(&mut self, conn: &Connection) -> Result<(Vec<Problem>, usize)> {
        match meetings::count_signed_in(conn, self.meeting_id) {
            Ok(()) => Ok((Vec::new(), 0)),
            // Counts above the recorded total are the whole sheet's problem:
            // no row can be left out to mend it, so --skip-invalid may not
            // write the rest either.
            Err(refused @ crate::Error::Refused(_)) if self.skip_invalid => Err(refused),
            Err(crate::Error::Refused(reason)) => Ok((
                vec![Problem {
                    row: 0,
                    column: String::new(),
                    reason,
                }],
                0,
            )),
            Err(e) => Err(e),
        }
    }
}

const MEETING_WORDS: RecordWords = RecordWords {
    same_as_row: |first| {
        crate::text!(
            "与第 {first} 行是同一个会议",
            "the same meeting as row {first}"
        )
    },
    registered: |id| {
        crate::text!(
            "该会议已登记（#{id}）（--on-conflict fail）",
            "the meeting is recorded already (#{id}) (--on-conflict fail)"
        )
    },
};
