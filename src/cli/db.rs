//! `ggw db`: the registry file itself.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand};

use ggw::db::maintenance::{self, BackupInfo, Finding};
use ggw::db::{changes, schema};
use ggw::output::{Format, Label, Table, Text, Value};
use ggw::text;

use super::Context;

#[derive(Subcommand)]
pub enum DbCommand {
    /// Create the registry file, or bring an older one up to date
    Init,
    /// Print which file the registry is
    Path,
    /// Copy the registry to a new file, safely while others write to it
    Backup(BackupArgs),
    /// Replace the registry with a backup (the current file is kept beside it first)
    Restore(RestoreArgs),
    /// Check the file and the registry's rules; exit 1 when anything is wrong
    Check,
    /// The change log: each command that changed something, newest first
    Log(LogArgs),
    /// Undo the last command that changed something; run again to go further back
    Undo(UndoArgs),
}

#[derive(Args)]
pub struct UndoArgs {
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    yes: bool,
}

#[derive(Args)]
pub struct LogArgs {
    /// Only changes on or after this day
    #[arg(long)]
    since: Option<String>,
    /// Only changes to unit, committee, volunteer, meeting, activity or config records
    #[arg(long, value_parser = ["unit", "committee", "volunteer", "meeting", "activity", "config"])]
    entity: Option<String>,
    /// At most this many entries
    #[arg(long, default_value_t = 50)]
    limit: usize,
}

#[derive(Args)]
pub struct BackupArgs {
    /// The backup file to write; it must not exist yet
    #[arg(
        value_name = "FILE",
        required_unless_present = "to_dir",
        conflicts_with = "to_dir"
    )]
    file: Option<PathBuf>,
    /// Write the backup into this directory, named by date and time (ggw-YYYY-MM-DD-HHMMSS.sqlite)
    #[arg(long, value_name = "DIR")]
    to_dir: Option<PathBuf>,
    /// With --to-dir: keep only the newest N ggw backups there (other files are never touched)
    #[arg(long, value_name = "N", requires = "to_dir",
          value_parser = clap::value_parser!(u32).range(1..))]
    keep: Option<u32>,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The backup to restore: a ggw registry that passes `ggw db check`
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    yes: bool,
}

pub fn run(context: &Context, command: DbCommand) -> anyhow::Result<()> {
    match command {
        DbCommand::Log(args) => {
            let since = args.since.as_deref().map(super::date_arg).transpose()?;
            let tables = args
                .entity
                .as_deref()
                .and_then(|entity| changes::ENTITIES.iter().find(|(name, _)| *name == entity))
                .map(|(_, tables)| *tables);
            let db = context.open()?;
            context.table(&changes::log_table(db.conn(), since, tables, args.limit)?)
        }
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
        DbCommand::Backup(args) => backup(context, args),
        DbCommand::Restore(args) => restore(context, args),
        DbCommand::Check => check(context),
        DbCommand::Undo(args) => undo(context, args),
    }
}

fn undo(context: &Context, args: UndoArgs) -> anyhow::Result<()> {
    let mut db = context.open()?;
    let Some(entry) = changes::last_undoable(db.conn())? else {
        return Err(ggw::refuse!(
            "没有可撤销的改动：登记库的改动记录是空的，或都已撤销",
            "nothing to undo: the change log is empty or every change in it is undone"
        )
        .into());
    };
    let described = describe(&entry);
    let (zh, en) = (&described.zh, &described.en);
    if !args.yes {
        if !io::stdin().is_terminal() {
            return Err(ggw::refuse!(
                "将撤销 {zh}：确认无误后请加 --yes 再运行",
                "this would undo {en}: add --yes to go ahead"
            )
            .into());
        }
        let question = text!(
            "将撤销 {zh}。确定撤销吗？[y/N] ",
            "this will undo {en}. Undo? [y/N] "
        );
        if !ask(&question, context.lang) {
            return context.say(&text!("未撤销", "nothing was undone"));
        }
    }
    let command = db.command().to_string();
    db.write(|tx| {
        // Another command may have landed while the clerk was asked.
        if changes::last_undoable(tx)?.as_ref() != Some(&entry) {
            return Err(ggw::refuse!(
                "登记库在确认期间被改动了，请重新运行 ggw db undo",
                "the registry changed while you were asked: run ggw db undo again"
            ));
        }
        changes::undo(tx, &entry, &command)
    })?;
    context.say(&text!("已撤销 {zh}", "undone: {en}"))
}

/// An entry as the clerk recognises it: number, when, who, the command and
/// how many records it touched.
fn describe(entry: &changes::Entry) -> Text {
    let changes::Entry {
        id,
        at,
        user,
        command,
        counts: (added, changed, removed),
    } = entry;
    text!(
        "#{id}（{at}，{user}）{command}：新增 {added} 条、修改 {changed} 条、删除 {removed} 条记录",
        "#{id} ({at}, {user}) {command}: {added} rows added, {changed} changed, {removed} removed"
    )
}

fn backup(context: &Context, args: BackupArgs) -> anyhow::Result<()> {
    let db = context.open()?;
    if let Some(dir) = &args.to_dir {
        let keep = args.keep.map(|n| n as usize);
        let made = maintenance::backup_to_dir(db.conn(), dir, keep)?;
        let file = made.path.display();
        context.say(&text!("已备份到 {file}", "backed up to {file}"))?;
        for old in &made.removed {
            let old = old.display();
            context.say(&text!("已删除旧备份 {old}", "removed the old backup {old}"))?;
        }
        return Ok(());
    }
    let Some(file) = &args.file else {
        // clap requires FILE or --to-dir.
        return Err(ggw::refuse!("请指定备份文件或 --to-dir", "name a file or --to-dir").into());
    };
    maintenance::backup(db.conn(), file)?;
    let file = file.display();
    context.say(&text!("已备份到 {file}", "backed up to {file}"))
}

fn restore(context: &Context, args: RestoreArgs) -> anyhow::Result<()> {
    let current = context.db_path()?;
    let lang = context.lang;
    let (file, registry) = (args.file.display(), current.display());
    let restored = maintenance::restore(&current, &args.file, |info| {
        if args.yes {
            return Ok(true);
        }
        if !io::stdin().is_terminal() {
            return Err(ggw::refuse!(
                "恢复会替换整个登记库 {registry}：确认无误后请加 --yes 再运行",
                "a restore replaces the whole registry {registry}: add --yes to go ahead"
            ));
        }
        Ok(ask(
            &restore_question(info, &file.to_string(), &registry.to_string()),
            lang,
        ))
    })?;
    let contents = restored.info.text();
    let (zh, en) = (&contents.zh, &contents.en);
    match &restored.kept {
        Some(kept) => {
            let kept = kept.display();
            context.say(&text!(
                "已用备份 {file} 恢复登记库 {registry}（{zh}）；恢复前的登记库另存为 {kept}",
                "restored the registry {registry} from {file} ({en}); the registry as it was is kept as {kept}"
            ))
        }
        None => context.say(&text!(
            "已用备份 {file} 恢复登记库 {registry}（{zh}）",
            "restored the registry {registry} from {file} ({en})"
        )),
    }
}

fn restore_question(info: &BackupInfo, file: &str, registry: &str) -> Text {
    let contents = info.text();
    let (zh, en) = (&contents.zh, &contents.en);
    text!(
        "备份 {file}（{zh}）将替换登记库 {registry}，当前的登记库会先另存一份。确定恢复吗？[y/N] ",
        "the backup {file} ({en}) will replace the registry {registry}; the registry as it is will be kept beside it first. Restore? [y/N] "
    )
}

/// Asks a yes-or-no question on the terminal; anything but yes is no.
fn ask(question: &Text, lang: ggw::output::Lang) -> bool {
    eprint!("{}", question.get(lang));
    let _ = io::stderr().flush();
    let mut answer = String::new();
    if io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "是" | "确定" | "好"
    )
}

const RULE: Label = Label {
    key: "rule",
    zh: "规则",
    en: "Rule",
};
const MESSAGE: Label = Label {
    key: "message",
    zh: "问题",
    en: "Problem",
};

fn check(context: &Context) -> anyhow::Result<()> {
    let db = context.open()?;
    let findings = maintenance::check(db.conn())?;
    match context.format {
        // One finding a line, for the clerk and for grep.
        Format::Table => {
            if findings.is_empty() {
                let path = db.path().display();
                context.say(&text!(
                    "登记库 {path} 检查通过：文件完整，引用有效，登记规则均满足",
                    "the registry {path} is fine: the file is sound, every reference holds, every rule is met"
                ))?;
            }
            for finding in &findings {
                context.say(&finding.message)?;
            }
        }
        // Data only: an empty list when all is fine.
        Format::Csv | Format::Json => context.table(&findings_table(&findings, context))?,
    }
    if findings.is_empty() {
        return Ok(());
    }
    let count = findings.len();
    Err(ggw::refuse!(
        "检查发现 {count} 处问题",
        "the check found {count} problems"
    )
    .into())
}

fn findings_table(findings: &[Finding], context: &Context) -> Table {
    let mut table = Table::new(vec![RULE, MESSAGE]);
    for finding in findings {
        table.push(vec![
            Value::text(finding.rule),
            Value::text(finding.message.get(context.lang)),
        ]);
    }
    table
}
