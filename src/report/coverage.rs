//! 组建率 and 达标率: how many units have a committee, and how many of
//! those committees meet all six standards (六有).
//!
//! Both are counted in units: a joint committee covers each of its units,
//! so the per-kind rows add up to the total. A unit counts on a date unless
//! it had been merged away by then, and is covered on a date by a committee
//! set up on or before it, not dissolved by then, whose cover of the unit
//! had begun and not ended. The six standards are as recorded now.

use rusqlite::{Connection, params};

use crate::Result;
use crate::db::kinds::{self, Kind};
use crate::db::{committees, units};
use crate::model::date::Date;
use crate::output::{Coded, Label, Table, Value, labels};

#[derive(Debug, Clone, PartialEq)]
pub struct CoverageRow {
    /// `None` for the total row.
    pub kind: Option<Kind>,
    pub units: i64,
    pub with_committee: i64,
    pub compliant: i64,
}

impl CoverageRow {
    /// 组建率, or `None` when there are no units.
    pub fn establish_rate(&self) -> Option<f64> {
        ratio(self.with_committee, self.units)
    }

    /// 达标率, or `None` when no unit has a committee.
    pub fn compliance_rate(&self) -> Option<f64> {
        ratio(self.compliant, self.with_committee)
    }
}

fn ratio(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// One row per unit kind that has units, then the total.
pub fn coverage(conn: &Connection, as_of: Date) -> Result<Vec<CoverageRow>> {
    let covered = committees::covered_on("u.id", "?1", "TRUE");
    let compliant = committees::covered_on(
        "u.id",
        "?1",
        "c.has_leadership AND c.has_team AND c.has_rules AND c.has_premises AND c.has_files AND c.has_funds",
    );
    let registered = units::registered_on("u", "?1");
    let sql = format!(
        "SELECT u.kind_id, count(*), sum({covered}), sum({compliant})
         FROM unit u WHERE {registered} GROUP BY u.kind_id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let counts: Vec<(i64, i64, i64, i64)> = stmt
        .query_map(params![as_of], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut rows = Vec::new();
    let mut total = CoverageRow {
        kind: None,
        units: 0,
        with_committee: 0,
        compliant: 0,
    };
    for kind in kinds::list(conn, kinds::UNIT)? {
        if let Some(&(_, units, with_committee, compliant)) = counts.iter().find(|c| c.0 == kind.id)
        {
            total.units += units;
            total.with_committee += with_committee;
            total.compliant += compliant;
            rows.push(CoverageRow {
                kind: Some(kind),
                units,
                with_committee,
                compliant,
            });
        }
    }
    rows.push(total);
    Ok(rows)
}

pub fn coverage_table(rows: &[CoverageRow]) -> Table {
    let mut table = Table::new(vec![
        labels::COVERAGE_KIND,
        labels::UNITS_OF_KIND,
        labels::WITH_COMMITTEE,
        labels::ESTABLISH_RATE,
        labels::COMPLIANT,
        labels::COMPLIANCE_RATE,
    ]);
    for row in rows {
        let kind = match &row.kind {
            Some(kind) => kind.coded(),
            None => Coded::of_label(labels::TOTAL),
        };
        table.push(vec![
            Value::Coded(kind),
            Value::Int(row.units),
            Value::Int(row.with_committee),
            Value::Rate(row.establish_rate()),
            Value::Int(row.compliant),
            Value::Rate(row.compliance_rate()),
        ]);
    }
    table
}

/// 尚未建立关工委的单位: active units with no committee on the date.
pub fn missing_table(conn: &Connection, as_of: Date) -> Result<Table> {
    let covered = committees::covered_on("u.id", "?1", "TRUE");
    let registered = units::registered_on("u", "?1");
    let sql = format!(
        "SELECT u.id, u.name, k.code, k.name_zh, k.name_en, p.name, u.staff, u.young_staff,
                (SELECT c.status FROM committee_unit cu JOIN committee c ON c.id = cu.committee_id
                  WHERE cu.unit_id = u.id AND cu.until IS NULL AND c.status = 'planned')
         FROM unit u JOIN kind k ON k.id = u.kind_id LEFT JOIN unit p ON p.id = u.parent_id
         WHERE {registered} AND NOT {covered}
         ORDER BY k.position, u.id"
    );
    let mut table = Table::new(vec![
        labels::ID,
        labels::UNIT_NAME,
        labels::KIND,
        labels::PARENT,
        labels::STAFF,
        labels::YOUNG_STAFF,
        labels::PLANNED,
    ]);
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![as_of])?;
    while let Some(row) = rows.next()? {
        table.push(vec![
            Value::Int(row.get(0)?),
            Value::Text(row.get(1)?),
            Value::Coded(Coded {
                code: row.get(2)?,
                zh: row.get(3)?,
                en: row.get(4)?,
            }),
            Value::opt_text(row.get(5)?),
            Value::opt_int(row.get(6)?),
            Value::opt_int(row.get(7)?),
            Value::Bool(row.get::<_, Option<String>>(8)?.is_some()),
        ]);
    }
    Ok(table)
}

const COMMITTEES: Label = Label {
    key: "committees",
    zh: "关工委个数",
    en: "Committees",
};
const UNITS_COVERED: Label = Label {
    key: "units_covered",
    zh: "覆盖单位",
    en: "Units covered",
};
const FIRST_SET_UP: Label = Label {
    key: "first_established",
    zh: "最早成立",
    en: "First set up",
};
const LAST_SET_UP: Label = Label {
    key: "last_established",
    zh: "最晚成立",
    en: "Last set up",
};

/// The committees standing on a date by batch (批次): how many, the units
/// they cover, those meeting all six standards, and when they were set up.
pub fn batch_table(conn: &Connection, as_of: Date) -> Result<Table> {
    let covering = committees::covering_on("?1");
    let sql = format!(
        "SELECT c.batch, count(DISTINCT c.id), count(*),
                sum(c.has_leadership AND c.has_team AND c.has_rules AND c.has_premises AND c.has_files AND c.has_funds),
                min(c.established_on), max(c.established_on)
         FROM committee c JOIN committee_unit cu ON cu.committee_id = c.id
         WHERE {covering}
         GROUP BY c.batch ORDER BY c.batch IS NULL, c.batch"
    );
    let mut table = Table::new(vec![
        labels::BATCH,
        COMMITTEES,
        UNITS_COVERED,
        labels::COMPLIANT,
        labels::COMPLIANCE_RATE,
        FIRST_SET_UP,
        LAST_SET_UP,
    ]);
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![as_of])?;
    while let Some(row) = rows.next()? {
        let batch: Option<i64> = row.get(0)?;
        let (units, compliant): (i64, i64) = (row.get(2)?, row.get(3)?);
        table.push(vec![
            Value::Coded(match batch {
                Some(n) => Coded {
                    code: n.to_string(),
                    zh: format!("第{n}批"),
                    en: format!("batch {n}"),
                },
                None => Coded {
                    code: "none".to_string(),
                    zh: "未分批".to_string(),
                    en: "no batch".to_string(),
                },
            }),
            Value::Int(row.get(1)?),
            Value::Int(units),
            Value::Int(compliant),
            Value::Rate(ratio(compliant, units)),
            Value::Date(row.get(4)?),
            Value::Date(row.get(5)?),
        ]);
    }
    Ok(table)
}
