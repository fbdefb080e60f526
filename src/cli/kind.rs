//! `ggw unit|meeting|activity kind`: the kinds the office can extend.

use clap::Subcommand;

use ggw::db::kinds;
use ggw::output::{Table, Value, labels};
use ggw::text;

use super::Context;

#[derive(Subcommand)]
pub enum KindCommand {
    /// List the kinds, with how many records use each
    List,
    /// Add a kind
    Add {
        /// The Chinese name, e.g. 社会组织
        zh: String,
        /// The English name, e.g. "social organisation"
        en: String,
        /// The code stored and printed in JSON [default: the English name in snake_case]
        #[arg(long)]
        code: Option<String>,
    },
}

pub fn run(context: &Context, domain: &str, command: KindCommand) -> anyhow::Result<()> {
    match command {
        KindCommand::List => {
            let db = context.open()?;
            let conn = db.conn();
            // Table names from the fixed list of domains, never from user text.
            let (count_label, counted) = match domain {
                kinds::MEETING => (labels::MEETINGS_OF_KIND, "meeting WHERE kind_id = ?1"),
                kinds::ACTIVITY => (labels::ACTIVITIES_OF_KIND, "activity WHERE kind_id = ?1"),
                _ => (
                    labels::UNITS_OF_KIND,
                    "unit WHERE kind_id = ?1 AND status = 'active'",
                ),
            };
            let mut table = Table::new(vec![
                labels::CODE,
                labels::NAME_ZH,
                labels::NAME_EN,
                count_label,
            ]);
            for kind in kinds::list(conn, domain)? {
                let count: i64 = conn.query_row(
                    &format!("SELECT count(*) FROM {counted}"),
                    [kind.id],
                    |row| row.get(0),
                )?;
                table.push(vec![
                    Value::text(&kind.code),
                    Value::text(&kind.zh),
                    Value::text(&kind.en),
                    Value::Int(count),
                ]);
            }
            context.table(&table)
        }
        KindCommand::Add { zh, en, code } => {
            let mut db = context.open()?;
            let kind = db.write(|tx| kinds::add(tx, domain, &zh, &en, code.as_deref()))?;
            let (zh, en, code) = (&kind.zh, &kind.en, &kind.code);
            let (what_zh, what_en) = match domain {
                kinds::MEETING => ("会议", "meeting"),
                kinds::ACTIVITY => ("活动", "activity"),
                _ => ("单位", "unit"),
            };
            context.say(&text!(
                "已增加{what_zh}类别：{zh}（{code}）",
                "added the {what_en} kind {en} ({code})"
            ))
        }
    }
}
