//! The command line: one file per noun. Parsing and printing only; every
//! rule lives in the library.

mod activity;
mod committee;
mod config;
mod db;
mod demo;
mod kind;
mod meeting;
mod report;
mod unit;
mod volunteer;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use ggw::db::Database;
use ggw::import::{ImportOptions, ImportSummary, Importer, OnConflict, Rejects, TextEncoding};
use ggw::model::date::{Date, parse_date, today};
use ggw::output::{self, Format, Lang, Record, Table, Text};

/// ggw: the registry of a 关工委 office — units (单位), committees (关工委),
/// and the figures of the bulletin (组建率, 达标率).
#[derive(Parser)]
#[command(name = "ggw", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// The registry file [default: $GGW_DB, else ggw.sqlite in the platform data directory]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,

    /// How to print tables and records
    #[arg(long, global = true, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,

    /// Language of labels and messages: zh or en (zh_CN, en_US and the like too)
    #[arg(long, global = true, env = "GGW_LANG", default_value = "zh", value_parser = parse_lang)]
    lang: Lang,

    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Table,
    Csv,
    Json,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse::<Lang>().map_err(|e| e.message(Lang::En))
}

#[derive(Subcommand)]
enum Command {
    /// Units (单位): the organs, institutions and enterprises the office covers
    #[command(subcommand)]
    Unit(unit::UnitCommand),
    /// Committees (关工委) of the units, their members and the six standards (六有)
    #[command(subcommand)]
    Committee(committee::CommitteeCommand),
    /// The 五老 volunteer register
    #[command(subcommand)]
    Volunteer(volunteer::VolunteerCommand),
    /// Activities (活动) that units report
    #[command(subcommand)]
    Activity(activity::ActivityCommand),
    /// Meetings (会议): attendance by unit, speakers, sign-in sheets
    #[command(subcommand)]
    Meeting(meeting::MeetingCommand),
    /// The published figures
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// The office's settings: 编印单位, the bulletin's title and numbering
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// The database file
    #[command(subcommand)]
    Db(db::DbCommand),
    /// Build a registry from the embedded Jixi 2023 example and print its coverage
    Demo(demo::DemoArgs),
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

impl Cli {
    pub fn lang(&self) -> Lang {
        self.lang
    }
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let context = Context {
        db: cli.db.clone(),
        format: match cli.format {
            FormatArg::Table => Format::Table,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
        },
        lang: cli.lang(),
    };
    match cli.command {
        Command::Unit(command) => unit::run(&context, command),
        Command::Committee(command) => committee::run(&context, command),
        Command::Volunteer(command) => volunteer::run(&context, command),
        Command::Activity(command) => activity::run(&context, command),
        Command::Meeting(command) => meeting::run(&context, command),
        Command::Report(command) => report::run(&context, command),
        Command::Config(command) => config::run(&context, command),
        Command::Db(command) => db::run(&context, command),
        Command::Demo(args) => demo::run(&context, args),
        Command::Completions { shell } => {
            let mut stdout = io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "ggw", &mut stdout);
            Ok(())
        }
    }
}

/// Prints the error in the output language and picks the exit code: 1 for
/// a refused request, 3 for anything internal. A closed pipe (`ggw unit list
/// | head -1`) ends quietly.
pub fn exit_with(error: &anyhow::Error, lang: Lang) -> ExitCode {
    let broken_pipe = error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        return ExitCode::SUCCESS;
    }
    let prefix = match lang {
        Lang::Zh => "错误：",
        Lang::En => "error: ",
    };
    let (message, code) = match error.downcast_ref::<ggw::Error>() {
        Some(e) => (e.message(lang), e.exit_code()),
        None => (format!("{error:#}"), 3),
    };
    let _ = writeln!(io::stderr(), "{prefix}{message}");
    ExitCode::from(code as u8)
}

/// The command as typed, for the change log.
fn command_line() -> String {
    let words: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|word| {
            let word = word.to_string_lossy().into_owned();
            if word.contains(char::is_whitespace) {
                format!("\"{word}\"")
            } else {
                word
            }
        })
        .collect();
    format!("ggw {}", words.join(" "))
}

/// What every command needs: where the registry is and how to print.
pub struct Context {
    db: Option<PathBuf>,
    format: Format,
    lang: Lang,
}

impl Context {
    /// `--db`, else `$GGW_DB`, else the platform default.
    fn db_path(&self) -> ggw::Result<PathBuf> {
        if let Some(path) = &self.db {
            return Ok(path.clone());
        }
        match std::env::var_os("GGW_DB") {
            Some(path) if !path.is_empty() => Ok(PathBuf::from(path)),
            _ => ggw::db::default_path(),
        }
    }

    fn open(&self) -> ggw::Result<Database> {
        let mut db = Database::open(&self.db_path()?)?;
        db.set_command(command_line());
        Ok(db)
    }

    fn table(&self, table: &Table) -> anyhow::Result<()> {
        // Buffered whole: stdout alone writes at every line end.
        let mut out = io::BufWriter::new(io::stdout().lock());
        output::write_table(&mut out, table, self.format, self.lang)?;
        Ok(out.flush()?)
    }

    /// A heading over a table, in the table format only.
    fn titled_table(&self, title: &Text, table: &Table) -> anyhow::Result<()> {
        if self.format == Format::Table {
            self.say(title)?;
        }
        self.table(table)
    }

    fn record(&self, record: &Record) -> anyhow::Result<()> {
        let mut out = io::BufWriter::new(io::stdout().lock());
        output::write_record(&mut out, record, self.format, self.lang)?;
        Ok(out.flush()?)
    }

    /// A record as `show` prints it: ending with its history from the
    /// change log.
    fn shown_record(
        &self,
        db: &Database,
        mut record: Record,
        table: &str,
        id: i64,
    ) -> anyhow::Result<()> {
        let history = ggw::db::changes::history_table(db.conn(), table, id)?;
        record.sections.push((output::labels::HISTORY, history));
        self.record(&record)
    }

    /// A line for the clerk on stdout.
    fn say(&self, text: &Text) -> anyhow::Result<()> {
        let mut out = io::stdout().lock();
        writeln!(out, "{}", text.get(self.lang))?;
        Ok(out.flush()?)
    }

    /// A warning on stderr, which never mixes with data on stdout.
    fn warn(&self, text: &Text) {
        let prefix = match self.lang {
            Lang::Zh => "注意：",
            Lang::En => "warning: ",
        };
        let _ = writeln!(io::stderr(), "{prefix}{}", text.get(self.lang));
    }

    /// Tells what an import did: the counts, unused columns, warnings.
    fn import_report(
        &self,
        file: &Path,
        summary: &ImportSummary,
        dry_run: bool,
    ) -> anyhow::Result<()> {
        for warning in &summary.warnings {
            self.warn(warning);
        }
        if !summary.ignored_columns.is_empty() {
            // A sheet of thousands of columns should not flood the terminal.
            const NAMED: usize = 20;
            let columns = &summary.ignored_columns;
            let named = &columns[..columns.len().min(NAMED)];
            let (mut zh, mut en) = (named.join("、"), named.join(", "));
            if columns.len() > NAMED {
                let count = columns.len();
                zh.push_str(&format!("……共 {count} 列"));
                en.push_str(&format!(", … {count} in all"));
            }
            self.warn(&ggw::text!("未使用的列：{zh}", "columns not used: {en}"));
        }
        let counts = summary.text();
        let (file, zh, en) = (file.display(), &counts.zh, &counts.en);
        if dry_run {
            self.say(&ggw::text!(
                "{file}：{zh}（试运行，未写入）",
                "{file}: {en} (dry run: nothing written)"
            ))
        } else {
            self.say(&ggw::text!("{file}：{zh}", "{file}: {en}"))
        }
    }
}

/// Where a table goes as CSV, and in which encoding: every CSV ggw writes
/// takes these.
#[derive(Args)]
struct OutArgs {
    /// Write the table as CSV to this file (`-` for standard output)
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The CSV's encoding: utf8-bom (Excel reads it), utf8, or gbk for old systems
    #[arg(long, value_enum, default_value_t = CsvEncodingArg::Utf8Bom)]
    encoding: CsvEncodingArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum CsvEncodingArg {
    Utf8Bom,
    Utf8,
    Gbk,
}

impl OutArgs {
    fn encoding(&self) -> output::CsvEncoding {
        match self.encoding {
            CsvEncodingArg::Utf8Bom => output::CsvEncoding::Utf8Bom,
            CsvEncodingArg::Utf8 => output::CsvEncoding::Utf8,
            CsvEncodingArg::Gbk => output::CsvEncoding::Gbk,
        }
    }

    /// Writes the table as CSV: to the file (whole or not at all), or to
    /// standard output when there is none or it is `-`.
    fn write(&self, context: &Context, table: &Table) -> anyhow::Result<()> {
        let encoding = self.encoding();
        if encoding == output::CsvEncoding::Gbk
            && let Some(problem) = output::gbk_problem(table, context.lang)
        {
            return Err(ggw::Error::Refused(problem).into());
        }
        match self.out.as_deref().filter(|p| p.as_os_str() != "-") {
            None => {
                let mut stdout = io::stdout().lock();
                output::write_csv(&mut stdout, table, context.lang, encoding)?;
                stdout.flush()?;
            }
            Some(path) => {
                let mut bytes = Vec::new();
                output::write_csv(&mut bytes, table, context.lang, encoding)?;
                output::write_file(path, &bytes)?;
                let (file, count) = (path.display(), table.rows.len());
                context.say(&ggw::text!(
                    "已导出 {count} 行到 {file}",
                    "exported {count} rows to {file}"
                ))?;
            }
        }
        Ok(())
    }

    /// A report goes to `--out` as CSV when it is given; else it is printed
    /// in the chosen format under its title.
    fn report(&self, context: &Context, title: &Text, table: &Table) -> anyhow::Result<()> {
        if self.out.is_some() {
            self.write(context, table)
        } else {
            context.titled_table(title, table)
        }
    }
}

/// A date argument: a bad date is a refused value (exit 1), not a usage error.
fn date_arg(s: &str) -> ggw::Result<Date> {
    parse_date(s).map_err(ggw::Error::Refused)
}

fn date_or_today(s: Option<&str>) -> ggw::Result<Date> {
    s.map_or_else(|| Ok(today()), date_arg)
}

/// The options every `<noun> import` takes.
#[derive(Args)]
struct ImportArgs {
    /// The file: .xlsx, .xls, .ods, .csv, .tsv or .txt
    file: PathBuf,
    /// The worksheet, by name or number (the first by default)
    #[arg(long)]
    sheet: Option<String>,
    /// Check everything, write nothing
    #[arg(long)]
    dry_run: bool,
    /// What to do with a row that is already registered
    #[arg(long, value_enum, default_value_t = OnConflictArg::Update)]
    on_conflict: OnConflictArg,
    /// Accept credit codes that fail their check character
    #[arg(long)]
    force: bool,
    /// Write the valid rows and reject the others (by default one bad row stops the whole import)
    #[arg(long)]
    skip_invalid: bool,
    /// Save the bad rows as they came, with a reason column, to this .csv or .xlsx file
    #[arg(long, value_name = "FILE")]
    rejects: Option<PathBuf>,
    /// The text encoding of a .csv/.tsv/.txt file (a byte-order mark always wins)
    #[arg(long, value_enum, default_value_t = EncodingChoice::Auto)]
    encoding: EncodingChoice,
}

#[derive(Clone, Copy, ValueEnum)]
enum OnConflictArg {
    Update,
    Skip,
    Fail,
}

#[derive(Clone, Copy, ValueEnum)]
enum EncodingChoice {
    /// UTF-8 if the file is valid UTF-8, else GB18030 (GBK)
    Auto,
    Utf8,
    Gbk,
    Utf16,
}

impl ImportArgs {
    fn options(&self) -> ImportOptions {
        ImportOptions {
            on_conflict: match self.on_conflict {
                OnConflictArg::Update => OnConflict::Update,
                OnConflictArg::Skip => OnConflict::Skip,
                OnConflictArg::Fail => OnConflict::Fail,
            },
            force: self.force,
            skip_invalid: self.skip_invalid,
        }
    }

    /// Reads the file through the importer in one transaction (rolled back
    /// on a dry run or a refusal), then writes the rejects file if asked.
    fn run(&self, context: &Context, importer: &mut dyn Importer) -> anyhow::Result<()> {
        let encoding = match self.encoding {
            EncodingChoice::Auto => TextEncoding::Auto,
            EncodingChoice::Utf8 => TextEncoding::Utf8,
            EncodingChoice::Gbk => TextEncoding::Gbk,
            EncodingChoice::Utf16 => TextEncoding::Utf16,
        };
        let rows = ggw::import::open_rows(&self.file, self.sheet.as_deref(), encoding)?;
        let mut db = context.open()?;
        let options = self.options();
        let mut rejects = self
            .rejects
            .as_deref()
            .map(|path| Rejects::new(path, context.lang));
        let bar = progress_bar();
        let mut progress = |done: u64, total: u64| {
            if let Some(bar) = &bar {
                bar.set_length(total);
                bar.set_position(done);
            }
        };
        // The rejects file is written inside the transaction: if it cannot
        // be written, nothing is imported either.
        let mut rejects_written = false;
        let result = db.write_unless(self.dry_run, |tx| {
            let outcome = ggw::import::run(
                tx,
                rows,
                importer,
                &options,
                rejects.as_mut(),
                &mut progress,
            );
            let written = match rejects.as_ref().filter(|r| !r.is_empty()) {
                Some(rejects) => rejects.write().map(|()| rejects_written = true),
                None => Ok(()),
            };
            match (outcome, written) {
                (outcome, Ok(())) => outcome,
                (Err(ggw::Error::Refused(problems)), Err(ggw::Error::Refused(failure))) => {
                    Err(ggw::Error::Refused(Text::new(
                        format!("{}\n{}", problems.zh, failure.zh),
                        format!("{}\n{}", problems.en, failure.en),
                    )))
                }
                (_, Err(failure)) => Err(failure),
            }
        });
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        if let Some(rejects) = rejects.as_ref().filter(|_| rejects_written) {
            let (count, file) = (rejects.len(), rejects.path().display());
            context.warn(&ggw::text!(
                "已将 {count} 行有误的数据另存到 {file}",
                "saved {count} rejected rows to {file}"
            ));
        }
        let summary = result?;
        context.import_report(&self.file, &summary, self.dry_run)
    }
}

/// A progress bar on stderr, only when a person is watching it.
fn progress_bar() -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {percent:>3}% {elapsed_precise}")
    {
        bar.set_style(style);
    }
    Some(bar)
}
