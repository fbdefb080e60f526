//! `ggw db`: the registry file itself.

use clap::Subcommand;

use ggw::db::schema;
use ggw::text;

use super::Context;

#[derive(Subcommand)]
pub enum DbCommand {
    /// Create the registry file, or bring an older one up to date
    Init,
    /// Print which file the registry is
    Path,
}

pub fn run(context: &Context, command: DbCommand) -> anyhow::Result<()> {
    match command {
        DbCommand::Init => {
            let db = context.open()?;
            let (path, version) = (db.path().display(), schema::user_version(db.conn())?);
            context.say(&text!(
                "登记库已就绪：{path}（数据库版本 {version}）",
                "the registry is ready: {path} (schema version {version})"
            ))
        }
        DbCommand::Path => {
            let path = context.db_path()?;
            let path = path.display().to_string();
            context.say(&ggw::output::Text::new(path.clone(), path))
        }
    }
}
