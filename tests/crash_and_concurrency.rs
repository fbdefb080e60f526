//! The registry under the two accidents a clerk's machine sees: two
//! programs writing at once, and a program killed in the middle of a write.
//! Two processes importing 五老 at the same time both finish, lose no record
//! and never tell the user the file was locked, and a backup taken meanwhile
//! is sound; an import killed with SIGKILL at any moment leaves the registry
//! passing `ggw db check` with either none or all of the roster's rows.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Barrier};
use std::time::Instant;

use common::{Registry, arg, dump};
use rusqlite::Connection;

/// `ggw --db <db>` as a plain process, with no language or path from the environment.
fn ggw_on(db: &Path) -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin!("ggw"));
    command
        .arg("--db")
        .arg(db)
        .env_remove("GGW_LANG")
        .env_remove("GGW_DB");
    command
}

/// A name that passes the name check (no ASCII digits): `prefix` and `i`
/// written in Chinese digits, so that every `i` gives another person.
fn name(prefix: &str, i: usize) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digits: String = format!("{i:05}")
        .bytes()
        .map(|b| DIGITS[usize::from(b - b'0')])
        .collect();
    format!("{prefix}{digits}")
}

/// A roster CSV of the volunteers `prefix` `range`.
fn roster(range: std::ops::Range<usize>, prefix: &str) -> String {
    let mut csv = String::from("姓名,五老类别\n");
    for i in range {
        csv.push_str(&name(prefix, i));
        csv.push_str(",老干部\n");
    }
    csv
}

/// One number from a registry file.
fn count_in(db: &Path, sql: &str) -> i64 {
    Connection::open(db)
        .expect("open registry")
        .query_row(sql, [], |row| row.get(0))
        .expect(sql)
}

/// `ggw db check` on a file must pass.
fn assert_check_passes(db: &Path) {
    let output = ggw_on(db).args(["db", "check"]).output().expect("run ggw");
    assert!(
        output.status.success(),
        "db check on {} failed: {}{}",
        db.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Whether a command's error output speaks of a locked or busy file.
fn speaks_of_a_lock(output: &Output) -> bool {
    let stderr = String::from_utf8_lossy(&output.stderr).to_lowercase();
    ["locked", "busy", "占用", "锁"]
        .iter()
        .any(|word| stderr.contains(word))
}

const CHUNKS: usize = 30;
const CHUNK_ROWS: usize = 10;

/// Two offices importing their rosters at the same moment is ordinary: each
/// import waits for the other's transaction instead of failing, every record
/// of both lands, and `db backup` taken meanwhile sees whole imports only.
#[test]
fn two_processes_importing_at_once_lose_nothing_and_a_backup_meanwhile_is_sound() {
    let reg = Registry::new();
    reg.ok(&["volunteer", "list"]); // creates the registry before the race
    let barrier = Arc::new(Barrier::new(3));
    let writers: Vec<_> = ["甲", "乙"]
        .into_iter()
        .map(|prefix| {
            let chunks: Vec<PathBuf> = (0..CHUNKS)
                .map(|c| {
                    reg.file(
                        &format!("{prefix}-{c}.csv"),
                        roster(c * CHUNK_ROWS..(c + 1) * CHUNK_ROWS, prefix),
                    )
                })
                .collect();
            let db = reg.db.clone();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                chunks
                    .iter()
                    .map(|chunk| {
                        let output = ggw_on(&db)
                            .args(["volunteer", "import", arg(chunk)])
                            .output()
                            .expect("run ggw");
                        (chunk.clone(), output)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();

    barrier.wait();
    let mut backups = Vec::new();
    let mut taken_while_writing = 0;
    while backups.is_empty() || writers.iter().any(|w| !w.is_finished()) {
        let path = reg
            .dir
            .path()
            .join(format!("backup-{}.sqlite", backups.len()));
        let output = reg
            .ggw()
            .args(["db", "backup", arg(&path)])
            .output()
            .expect("run ggw");
        assert!(
            output.status.success(),
            "backup {}: {}",
            backups.len(),
            String::from_utf8_lossy(&output.stderr)
        );
        if writers.iter().any(|w| !w.is_finished()) {
            taken_while_writing += 1;
        }
        backups.push(path);
    }
    for writer in writers {
        for (chunk, output) in writer.join().expect("a writer") {
            assert!(
                output.status.success() && !speaks_of_a_lock(&output),
                "importing {} failed: {}",
                chunk.display(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
    eprintln!(
        "{} backups, {taken_while_writing} while the imports ran",
        backups.len()
    );
    assert!(
        taken_while_writing > 0,
        "the imports were over before a backup was taken"
    );

    let total = (2 * CHUNKS * CHUNK_ROWS) as i64;
    assert_eq!(reg.count("SELECT count(*) FROM volunteer"), total);
    assert_eq!(
        reg.count("SELECT count(DISTINCT name) FROM volunteer"),
        total
    );
    for prefix in ["甲", "乙"] {
        assert_eq!(
            reg.count(&format!(
                "SELECT count(*) FROM volunteer WHERE name LIKE '{prefix}%' AND category = 'cadre'"
            )),
            total / 2,
            "{prefix}'s records"
        );
    }
    assert_check_passes(&reg.db);

    for backup in &backups {
        assert_check_passes(backup);
        // Each chunk is one transaction: a backup holds whole chunks.
        for prefix in ["甲", "乙"] {
            let held = count_in(
                backup,
                &format!("SELECT count(*) FROM volunteer WHERE name LIKE '{prefix}%'"),
            );
            assert!(
                held % CHUNK_ROWS as i64 == 0 && held <= total / 2,
                "{} holds {held} of {prefix}'s records",
                backup.display()
            );
        }
    }
}

/// A clerk closes the laptop lid or the machine loses power mid-import: the
/// import is one transaction, so whenever the process dies the registry is
/// sound and holds the roster entirely or not at all.
#[cfg(unix)]
#[test]
fn an_import_killed_at_any_moment_leaves_all_or_nothing() {
    const OLD: usize = 300;
    // Big enough that the import takes a good second in a debug build; the
    // import's time grows faster than its rows, so not much bigger.
    const NEW: usize = 2500;
    const ATTEMPTS: u32 = 20;

    let reg = Registry::new();
    let old = reg.file("old.csv", roster(0..OLD, "甲"));
    let big = reg.file("big.csv", roster(0..NEW, "乙"));
    reg.ok(&["volunteer", "import", arg(&old)]);
    assert_eq!(reg.count("SELECT count(*) FROM volunteer"), OLD as i64);
    // A single file, the registry before the big import, copied for each attempt.
    let template = reg.dir.path().join("template.sqlite");
    reg.ok(&["db", "backup", arg(&template)]);
    let fresh_copy = |label: &str| {
        let path = reg.dir.path().join(format!("{label}.sqlite"));
        std::fs::copy(&template, &path).expect("copy the template");
        path
    };
    let before = {
        let path = fresh_copy("reference");
        dump(&Connection::open(&path).expect("open reference"))
    };

    // How long the import takes when left alone: the quicker of two runs,
    // since the other test may be slowing the first.
    let measured = (0..2)
        .map(|run| {
            let db = fresh_copy(&format!("measure-{run}"));
            let started = Instant::now();
            let output = ggw_on(&db)
                .args(["volunteer", "import", arg(&big)])
                .output()
                .expect("run ggw");
            let elapsed = started.elapsed();
            assert!(
                output.status.success(),
                "the big import failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert_eq!(
                count_in(&db, "SELECT count(*) FROM volunteer"),
                (OLD + NEW) as i64
            );
            elapsed
        })
        .min()
        .expect("two runs");

    let (mut mid_import, mut after_completion) = (0, 0);
    for i in 0..ATTEMPTS {
        let db = fresh_copy(&format!("attempt-{i}"));
        let mut child = ggw_on(&db)
            .args(["volunteer", "import", arg(&big)])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn ggw");
        // Spread from the start to a little past the end, so that the
        // last kills may come after the commit.
        std::thread::sleep(measured.mul_f64(1.2 * f64::from(i) / f64::from(ATTEMPTS)));
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("wait for ggw");

        assert_check_passes(&db);
        let volunteers = count_in(&db, "SELECT count(*) FROM volunteer");
        if volunteers == OLD as i64 {
            mid_import += 1;
            assert!(
                !status.success(),
                "attempt {i}: the import succeeded yet wrote nothing"
            );
            assert_eq!(
                dump(&Connection::open(&db).expect("open attempt")),
                before,
                "attempt {i}: a killed import changed the registry"
            );
        } else {
            after_completion += 1;
            assert_eq!(
                volunteers,
                (OLD + NEW) as i64,
                "attempt {i} (exit {status}): part of the roster was imported"
            );
            assert_eq!(
                count_in(&db, "SELECT count(*) FROM volunteer WHERE name LIKE '乙%'"),
                NEW as i64,
                "attempt {i}: the roster's own rows"
            );
        }
    }
    eprintln!(
        "import of {NEW} rows took {measured:?}; of {ATTEMPTS} kills, \
         {mid_import} left the registry as before, {after_completion} came after the commit"
    );
}
