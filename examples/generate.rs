//! Synthetic data for ggw's benchmarks and for trying it at scale:
//!
//!     cargo run --release --example generate -- --scale city|province|national --seed N --out DIR [--roster-rows N] [--no-registry] [--roster-formats csv,gbk,xlsx]
//!
//! Writes into DIR (made if missing; files of these names are replaced):
//!
//! - `registry.sqlite`: a complete registry at the scale: units, committees
//!   with their members and 六有, 五老 volunteers, meetings and ten years of
//!   activities (2016–2025), with its change log; `--no-registry` skips it;
//! - `units.sqlite`: a registry of the same units and nothing else, the one a
//!   roster is imported into;
//! - `units.csv`: the same units as a sheet `ggw unit import` reads;
//! - `roster.csv`, `roster-gbk.csv`, `roster.xlsx`: a 花名册 of new 五老,
//!   none of them in the registry, each serving a unit of units.sqlite, that
//!   `ggw volunteer import` takes whole; as UTF-8 CSV (no BOM, the header row
//!   first, so that SQLite's `.import --csv` and sqlite-utils take it as the
//!   column names), GBK CSV, and an Excel sheet (`--roster-formats` chooses).
//!
//! The same seed writes the same data: the CSV and .xlsx files byte for
//! byte; the SQLite files row for row (the change log's entry has the time
//! and user of the run).

// An example's root is a crate root: its modules are found by path.
#[path = "generate/people.rs"]
mod people;
#[path = "generate/places.rs"]
mod places;
#[path = "generate/registry.rs"]
mod registry;
#[path = "generate/rng.rs"]
mod rng;
#[path = "generate/roster.rs"]
mod roster;
#[path = "generate/units.rs"]
mod units;
#[path = "generate/words.rs"]
mod words;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::{Parser, ValueEnum};

use units::World;

#[derive(Parser)]
#[command(about = "Writes a synthetic ggw registry, its units and a roster of new 五老")]
struct Args {
    /// city: 250 units, 15,000 五老, 50,000 activities, a 20,000-row roster;
    /// province: 5,000 units, 300,000 五老, 1,000,000 activities, 200,000
    /// rows; national: ten times the province, 1,000,000 rows.
    #[arg(long, value_enum)]
    scale: Scale,
    /// The same seed writes the same data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The directory to write into (made if missing).
    #[arg(long)]
    out: PathBuf,
    /// Rows of the roster (default: the scale's).
    #[arg(long)]
    roster_rows: Option<u64>,
    /// Write no registry.sqlite (the units and the roster only).
    #[arg(long)]
    no_registry: bool,
    /// Which roster files to write.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "csv,gbk,xlsx"
    )]
    roster_formats: Vec<Format>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scale {
    City,
    Province,
    National,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Csv,
    Gbk,
    Xlsx,
}

impl Format {
    fn file(self) -> &'static str {
        match self {
            Format::Csv => "roster.csv",
            Format::Gbk => "roster-gbk.csv",
            Format::Xlsx => "roster.xlsx",
        }
    }
}

/// How much of everything a scale has.
pub struct Sizes {
    pub units: usize,
    pub committees: usize,
    pub volunteers: usize,
    pub meetings: usize,
    pub activities: usize,
    pub roster: u64,
}

impl Sizes {
    fn of(scale: Scale) -> Sizes {
        let province = Sizes {
            units: 5_000,
            committees: 4_000,
            volunteers: 300_000,
            meetings: 60_000,
            activities: 1_000_000,
            roster: 200_000,
        };
        match scale {
            Scale::City => Sizes {
                units: 250,
                committees: 200,
                volunteers: 15_000,
                meetings: 3_000,
                activities: 50_000,
                roster: 20_000,
            },
            Scale::Province => province,
            Scale::National => Sizes {
                units: province.units * 10,
                committees: province.committees * 10,
                volunteers: province.volunteers * 10,
                meetings: province.meetings * 10,
                activities: province.activities * 10,
                roster: 1_000_000,
            },
        }
    }
}

/// A file written: its name, what it holds, and how long it took.
struct Made {
    file: &'static str,
    what: String,
    took: Duration,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let started = Instant::now();
    let mut sizes = Sizes::of(args.scale);
    if let Some(rows) = args.roster_rows {
        sizes.roster = rows;
    }
    let mut formats = args.roster_formats.clone();
    formats.sort_by_key(|f| *f as u8);
    formats.dedup();
    if formats.contains(&Format::Xlsx) && sizes.roster > roster::XLSX_MAX_ROWS {
        anyhow::bail!(
            "roster.xlsx cannot hold {} rows (an Excel sheet takes {}): leave xlsx out of --roster-formats",
            sizes.roster,
            roster::XLSX_MAX_ROWS
        );
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot make the directory {}", args.out.display()))?;
    let command = format!(
        "ggw generate --scale {} --seed {}",
        args.scale
            .to_possible_value()
            .expect("a named scale")
            .get_name(),
        args.seed
    );

    println!("{command} into {}", args.out.display());

    let clock = Instant::now();
    let world = World::build(args.scale, sizes.units, args.seed);
    println!(
        "  {} units in {} places ({:.1} s)",
        world.units.len(),
        world.places.len(),
        clock.elapsed().as_secs_f64()
    );

    // The roster files do not depend on the databases: each is written on a
    // thread of its own while the registry is.
    let (roster_made, db_made) = std::thread::scope(|scope| {
        let world = &world;
        let out = &args.out;
        let threads: Vec<_> = formats
            .iter()
            .map(|&format| {
                let rows = sizes.roster;
                let seed = args.seed;
                scope.spawn(move || -> Result<Made> {
                    let clock = Instant::now();
                    let path = out.join(format.file());
                    match format {
                        Format::Csv => roster::write_csv(world, seed, rows, &path, false),
                        Format::Gbk => roster::write_csv(world, seed, rows, &path, true),
                        Format::Xlsx => roster::write_xlsx(world, seed, rows, &path),
                    }
                    .with_context(|| format!("writing {}", path.display()))?;
                    Ok(Made {
                        file: format.file(),
                        what: format!("{rows} rows"),
                        took: clock.elapsed(),
                    })
                })
            })
            .collect();
        let db_made = write_databases(world, &sizes, &args, &command);
        let roster_made: Result<Vec<Made>> = threads
            .into_iter()
            .map(|t| t.join().expect("a roster thread does not panic"))
            .collect();
        (roster_made, db_made)
    });
    let mut made = db_made?;
    made.extend(roster_made?);

    for m in &made {
        println!(
            "  {:<16} {:>10}  {:>6.1} s  {}",
            m.file,
            human_size(&args.out.join(m.file)),
            m.took.as_secs_f64(),
            m.what
        );
    }
    println!(
        "done in {:.1} s (the roster files were written alongside the databases)",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn write_databases(world: &World, sizes: &Sizes, args: &Args, command: &str) -> Result<Vec<Made>> {
    let mut made = Vec::new();
    if !args.no_registry {
        let clock = Instant::now();
        let path = args.out.join("registry.sqlite");
        let written = registry::write(world, sizes, args.seed, &path, command)
            .with_context(|| format!("writing {}", path.display()))?;
        made.push(Made {
            file: "registry.sqlite",
            what: format!(
                "{} units, {} committees ({} members), {} volunteers, {} meetings, {} activities, {} logged rows",
                written.units,
                written.committees,
                written.members,
                written.volunteers,
                written.meetings,
                written.activities,
                written.change_rows
            ),
            took: clock.elapsed(),
        });
    }
    let clock = Instant::now();
    let path = args.out.join("units.sqlite");
    units::write_database(world, &path, command)
        .with_context(|| format!("writing {}", path.display()))?;
    made.push(Made {
        file: "units.sqlite",
        what: format!("{} units", world.units.len()),
        took: clock.elapsed(),
    });
    let clock = Instant::now();
    let path = args.out.join("units.csv");
    units::write_csv(world, &path).with_context(|| format!("writing {}", path.display()))?;
    made.push(Made {
        file: "units.csv",
        what: format!("{} units", world.units.len()),
        took: clock.elapsed(),
    });
    Ok(made)
}

/// Removes a database file and its journals, so that it is made anew.
pub fn remove_database(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(&name) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("cannot replace {}", path.display()));
            }
            _ => {}
        }
    }
    Ok(())
}

fn human_size(path: &Path) -> String {
    let Ok(meta) = std::fs::metadata(path) else {
        return "?".to_string();
    };
    match meta.len() as f64 {
        b if b >= 1e9 => format!("{:.2} GB", b / 1e9),
        b if b >= 1e6 => format!("{:.1} MB", b / 1e6),
        b if b >= 1e3 => format!("{:.0} kB", b / 1e3),
        b => format!("{b} B"),
    }
}
