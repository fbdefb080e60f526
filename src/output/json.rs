//! JSON: English snake_case keys, enumerations as English codes, rates as fractions.

use serde_json::{Map, Value as Json, json};

use super::{Record, Table, Value};

pub fn table_json(table: &Table) -> Json {
    Json::Array(
        table
            .rows
            .iter()
            .map(|row| {
                let object: Map<String, Json> = table
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(column, value)| (column.key.to_string(), value_json(value)))
                    .collect();
                Json::Object(object)
            })
            .collect(),
    )
}

pub fn record_json(record: &Record) -> Json {
    let mut object: Map<String, Json> = record
        .fields
        .iter()
        .map(|(label, value)| (label.key.to_string(), value_json(value)))
        .collect();
    for (label, section) in &record.sections {
        object.insert(label.key.to_string(), table_json(section));
    }
    Json::Object(object)
}

fn value_json(value: &Value) -> Json {
    match value {
        Value::Null | Value::Rate(None) => Json::Null,
        Value::Text(s) => json!(s),
        Value::Int(n) => json!(n),
        // Four decimals keep 0.76 from printing as 0.7600000000000001.
        Value::Rate(Some(r)) => json!((r * 10_000.0).round() / 10_000.0),
        Value::Money(fen) => json!(*fen as f64 / 100.0),
        Value::Bool(b) => json!(b),
        Value::Date(d) => json!(d.to_string()),
        Value::Coded(c) => json!(c.code),
        Value::CodedList(items) => json!(items.iter().map(|c| &c.code).collect::<Vec<_>>()),
        Value::List(items) => json!(items),
    }
}
