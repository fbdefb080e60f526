//! `ggw config`: the office's own settings, kept in the registry.

use clap::Subcommand;

use ggw::db::settings;
use ggw::output::{Label, Table, Text, Value, labels};
use ggw::text;

use super::Context;

#[derive(Subcommand)]
pub enum ConfigCommand {
    /// Print one setting
    Get {
        /// office (编印单位), bulletin-title (简报名称), scope (统计范围), first-total-issue (起始总期号)
        key: String,
    },
    /// Change one setting
    Set { key: String, value: String },
    /// List the settings and their values
    List,
}

const VALUE: Label = Label {
    key: "value",
    zh: "当前值",
    en: "Value",
};

pub fn run(context: &Context, command: ConfigCommand) -> anyhow::Result<()> {
    match command {
        ConfigCommand::Get { key } => {
            let setting = settings::find(&key).map_err(ggw::Error::Refused)?;
            let db = context.open()?;
            let value = settings::get(db.conn(), setting)?;
            context.say(&Text::new(value.clone(), value))
        }
        ConfigCommand::Set { key, value } => {
            let setting = settings::find(&key).map_err(ggw::Error::Refused)?;
            let mut db = context.open()?;
            db.write(|tx| settings::set(tx, setting, &value))?;
            let (key, zh) = (setting.key, setting.zh);
            context.say(&text!("已设置{zh}（{key}）", "set {key}"))
        }
        ConfigCommand::List => {
            let db = context.open()?;
            let mut table = Table::new(vec![labels::CODE, labels::NAME, VALUE]);
            for setting in settings::ALL {
                table.push(vec![
                    Value::text(setting.key),
                    Value::text(setting.zh),
                    Value::Text(settings::get(db.conn(), *setting)?),
                ]);
            }
            context.table(&table)
        }
    }
}
