#!/usr/bin/env bash
# The benchmark of issue 7: ggw at province scale against SQLite's own shell
# (sqlite3) and sqlite-utils, on the same files and machine, in one run.
# It writes BENCHMARKS.md at the repository root.
#
#     bench/run.sh                      # from any directory
#     RUNS=10 bench/run.sh              # more runs per measure (default 5)
#     BENCH_DIR=/data/bench bench/run.sh
#
# Settings (environment):
#   RUNS       hyperfine runs of each measure (default 5)
#   SLOW_RUNS  runs of sqlite-utils, which takes tens of seconds (default 3)
#   FAST_RUNS  runs of the list commands, a few milliseconds each (default 20)
#   BENCH_DIR  where the data and scratch files go (default target/bench);
#              the generated data is kept and reused while the seed and the
#              generator binary stay the same
#   SEED       the generator's seed (default 1)
#   GENERATE   the generator command (default: the built `generate` example);
#              only to test this script with a stand-in of the same interface
#
# On a fresh Debian machine it installs what it lacks (hyperfine, sqlite3,
# GNU time, python3 with apt-get, sqlite-utils with pip), as root or with
# sudo; a Rust toolchain must be there already (https://rustup.rs).
#
# A measured command that fails stops the run with its error; a target that
# is missed does not: BENCHMARKS.md marks it ✗.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BENCH_DIR=${BENCH_DIR:-$ROOT/target/bench}
RUNS=${RUNS:-5}
SLOW_RUNS=${SLOW_RUNS:-3}
FAST_RUNS=${FAST_RUNS:-20}
SEED=${SEED:-1}
PERIOD=2025-06            # the month of the bulletin; bench/bulletin.sql has it too
MILLION=1000000           # rows of the roster for the memory measure

PROVINCE_DIR=$BENCH_DIR/province-seed$SEED   # registry, units.sqlite, the 200k roster
MILLION_DIR=$BENCH_DIR/roster-1m-seed$SEED   # the 1M-row roster
WORK=$BENCH_DIR/work                          # where the commands run: scratch databases
RESULTS=$BENCH_DIR/results                    # hyperfine's JSON, the facts for the report

# The settings of a user's shell must not change what ggw does here.
unset GGW_DB GGW_LANG

log() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'bench/run.sh: %s\n' "$*" >&2; exit 1; }

# Quotes a word for a command line that sh -c runs (hyperfine's shell).
q() {
    local s=$1
    if [[ $s =~ ^[A-Za-z0-9_./:=+@%-]+$ ]]; then
        printf '%s' "$s"
    else
        printf "'%s'" "${s//\'/\'\\\'\'}"
    fi
}

# --- Tools ------------------------------------------------------------------

# Runs a command as root: directly, or with sudo.
as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        die "need root or sudo to run: $*"
    fi
}

# apt-get install of the packages given, after one apt-get update.
APT_UPDATED=
apt_install() {
    command -v apt-get >/dev/null || die "no apt-get: install $* by hand"
    if [[ -z $APT_UPDATED ]]; then
        as_root apt-get update -qq
        APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# sqlite-utils from pip: for the user (~/.local/bin), or, where the system
# Python refuses that (PEP 668, as on Debian 12), in a venv of our own.
install_sqlite_utils() {
    if python3 -m pip --version >/dev/null 2>&1 &&
        python3 -m pip install --user --quiet sqlite-utils 2>/dev/null &&
        [[ -x $HOME/.local/bin/sqlite-utils ]]; then
        ln -sf "$HOME/.local/bin/sqlite-utils" "$BENCH_DIR/bin/sqlite-utils"
        return
    fi
    python3 -m venv "$BENCH_DIR/venv" 2>/dev/null || {
        apt_install python3-venv python3-pip
        python3 -m venv "$BENCH_DIR/venv"
    }
    "$BENCH_DIR/venv/bin/pip" install --quiet sqlite-utils
    ln -sf "$BENCH_DIR/venv/bin/sqlite-utils" "$BENCH_DIR/bin/sqlite-utils"
}

ensure_tools() {
    log "Tools"
    # Our own bin directory first on PATH: ggw, and sqlite-utils when we install it.
    mkdir -p "$BENCH_DIR/bin"
    export PATH="$BENCH_DIR/bin:$PATH"
    command -v cargo >/dev/null || die "no cargo: install Rust first (https://rustup.rs), then run again"
    local missing=()
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    command -v sqlite3 >/dev/null || missing+=(sqlite3)
    [[ -x /usr/bin/time ]] || missing+=(time)
    command -v python3 >/dev/null || missing+=(python3)
    if ((${#missing[@]})); then
        log "Installing with apt-get: ${missing[*]}"
        apt_install "${missing[@]}"
    fi
    if ! command -v sqlite-utils >/dev/null; then
        log "Installing sqlite-utils with pip"
        install_sqlite_utils
    fi
    # Fail now, not in the middle of a measure.
    if ! { hyperfine --version && sqlite3 --version && sqlite-utils --version &&
        /usr/bin/time -v true 2>&1; } >/dev/null; then
        die "a tool does not run: hyperfine, sqlite3, sqlite-utils or /usr/bin/time -v"
    fi
}

# --- Build and data ---------------------------------------------------------

build() {
    log "Building ggw (cargo build --release)"
    (cd "$ROOT" && cargo build --release --quiet)
    ln -sf "$TARGET/release/ggw" "$BENCH_DIR/bin/ggw"
    if [[ -z ${GENERATE:-} ]]; then
        log "Building the generator (cargo build --release --example generate)"
        (cd "$ROOT" && cargo build --release --quiet --example generate)
        GENERATE=$TARGET/release/examples/generate
    fi
}

# Generates into DIR with the generator's options, unless DIR already holds
# the output of the same generator binary for the same options (its stamp).
# The files are made in DIR.tmp and moved in place only when complete.
generate() {
    local dir=$1
    shift
    local generator=${GENERATE%% *}
    local stamp
    stamp="$(sha256sum "$(command -v "$generator")" | cut -d' ' -f1) $*"
    if [[ -f $dir/.stamp && $(<"$dir/.stamp") == "$stamp" ]]; then
        log "Reusing $dir (same generator and options)"
        return
    fi
    log "Generating $dir: generate $*"
    rm -rf "$dir" "$dir.tmp"
    # shellcheck disable=SC2086 # GENERATE may carry its own arguments
    $GENERATE "$@" --out "$dir.tmp"
    printf '%s' "$stamp" >"$dir.tmp/.stamp"
    mv "$dir.tmp" "$dir"
}

make_data() {
    generate "$PROVINCE_DIR" --scale province --seed "$SEED"
    generate "$MILLION_DIR" --scale province --seed "$SEED" \
        --roster-rows "$MILLION" --no-registry --roster-formats csv
    local f
    for f in registry.sqlite units.sqlite roster.csv roster-gbk.csv roster.xlsx; do
        [[ -f $PROVINCE_DIR/$f ]] || die "the generator wrote no $f in $PROVINCE_DIR"
    done
    [[ -f $MILLION_DIR/roster.csv ]] || die "the generator wrote no roster.csv in $MILLION_DIR"
}

# The scratch directory where the commands run, so that they read as a clerk
# would type them: the inputs are links to the generated files, except the
# registry, copied because ggw's bulletin writes its issue numbers into it.
prepare_work() {
    log "Preparing $WORK"
    rm -rf "$WORK" "$RESULTS"
    mkdir -p "$WORK" "$RESULTS"
    local f
    for f in units.sqlite roster.csv roster-gbk.csv roster.xlsx; do
        ln -s "$PROVINCE_DIR/$f" "$WORK/$f"
    done
    ln -s "$MILLION_DIR/roster.csv" "$WORK/roster-1m.csv"
    # The 1M roster's units: its own units.sqlite if the generator wrote one,
    # else the province's (same scale and seed, so the same units).
    if [[ -f $MILLION_DIR/units.sqlite ]]; then
        ln -s "$MILLION_DIR/units.sqlite" "$WORK/units-1m.sqlite"
    else
        ln -s "$PROVINCE_DIR/units.sqlite" "$WORK/units-1m.sqlite"
    fi
    cp "$PROVINCE_DIR/registry.sqlite" "$WORK/registry.sqlite"
    ln -s "$ROOT/bench/bulletin.sql" "$WORK/bulletin.sql"
    # Write out what the generator and the copy left in the page cache, so
    # that the first measures do not wait behind it.
    sync
}

# --- Measuring --------------------------------------------------------------

# Facts for the report, one `key<TAB>value` a line.
fact() { printf '%s\t%s\n' "$1" "$2" >>"$RESULTS/facts.tsv"; }
fact_value() { awk -F'\t' -v key="$1" '$1 == key { print $2 }' "$RESULTS/facts.tsv"; }

# measure NAME RUNS WARMUP PREPARE COMMAND [HYPERFINE OPTION...]: hyperfine
# in $WORK, its JSON in $RESULTS/NAME.json; the command, its preparation and
# the options are kept for the report. If the command fails (hyperfine stops
# at the first non-zero exit, without showing why), it is run once more with
# its output shown, and the whole run stops.
measure() {
    local name=$1 runs=$2 warmup=$3 prepare=$4 command=$5
    shift 5
    log "Measuring $name: $command"
    local args=(--runs "$runs" --warmup "$warmup" --export-json "$RESULTS/$name.json"
        --command-name "$name" --style basic "$@")
    [[ -n $prepare ]] && args+=(--prepare "$prepare")
    if ! (cd "$WORK" && hyperfine "${args[@]}" "$command"); then
        printf '\n%s failed; once more, with its output:\n' "$name" >&2
        [[ -z $prepare ]] || once "$prepare"
        once "$command" >&2
        die "$name: hyperfine failed (see above): $command"
    fi
    fact "command.$name" "$command"
    fact "prepare.$name" "$prepare"
    fact "options.$name" "$*"
}

# Runs a command once in $WORK, showing its output, stopping the run if it
# fails.
once() {
    (cd "$WORK" && bash -o pipefail -c "$1") || die "failed in $WORK: $1"
}

count() { sqlite3 "$WORK/$1" "SELECT count(*) FROM $2"; }

# Records of a CSV roster, less the header (read as CSV: a quoted cell may
# hold a line break). Reading it also puts the file in the page cache, as
# it will be for every timed run.
roster_rows() {
    python3 -c 'import csv, sys
print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8", newline=""))) - 1)' "$WORK/$1"
}

# Each run of an import starts from a fresh copy of units.sqlite, written
# out to disk (sync) so that no run pays for writing back what the one
# before it, or the copy, left in the page cache: ggw syncs its file when it
# commits (synchronous = FULL), and would flush the copy's pages too.
FRESH="rm -f run.sqlite run.sqlite-wal run.sqlite-shm && cp units.sqlite run.sqlite && sync"

# The first import of a roster into a fresh copy of units.sqlite, timed;
# then the last run's database must hold every row of the roster.
measure_import() {
    local name=$1 file=$2 rows=$3
    local command before added
    command="ggw --db run.sqlite volunteer import $(q "$file")"
    cat "$WORK/$file" >/dev/null   # into the page cache, as for every run after the first
    before=$(count units.sqlite volunteer)
    measure "$name" "$RUNS" 0 "$FRESH" "$command"
    added=$(($(count run.sqlite volunteer) - before))
    ((added == rows)) || die "$command imported $added volunteers, not the roster's $rows"
}

measure_imports() {
    local rows
    rows=$(roster_rows roster.csv)
    fact roster_rows "$rows"

    # a. ggw against sqlite3 .import (which checks nothing: every value text)
    # and sqlite-utils insert --csv (types nothing either, in Python).
    measure_import import_csv roster.csv "$rows"
    # The database with the roster imported once, for the re-import (c).
    # (All in the main file: a WAL left behind would not be copied.)
    sqlite3 "$WORK/run.sqlite" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
    mv "$WORK/run.sqlite" "$WORK/imported.sqlite"
    measure sqlite3_import "$RUNS" 0 "rm -f fresh.db && sync" \
        "sqlite3 fresh.db '.import --csv roster.csv roster'"
    (($(count fresh.db roster) == rows)) || die "sqlite3 .import did not load $rows rows"
    measure sqlite_utils_insert "$SLOW_RUNS" 0 "rm -f fresh.db && sync" \
        "sqlite-utils insert fresh.db roster roster.csv --csv"
    (($(count fresh.db roster) == rows)) || die "sqlite-utils did not load $rows rows"
    # SQLite's own time for the rows ggw wrote, already checked, into the
    # same volunteer table (its indexes and CHECKs), without the change log:
    # what is left of ggw's time is its checks, its lookups and the log.
    local columns
    columns=$(sqlite3 "$WORK/units.sqlite" \
        "SELECT group_concat(name, ', ') FROM pragma_table_info('volunteer') WHERE name <> 'id'")
    measure sqlite3_checked_rows "$RUNS" 0 "$FRESH" \
        "sqlite3 run.sqlite \"ATTACH 'imported.sqlite' AS checked; INSERT INTO volunteer ($columns) SELECT $columns FROM checked.volunteer\""
    (($(count run.sqlite volunteer) - $(count units.sqlite volunteer) == rows)) ||
        die "sqlite3 did not load the $rows checked rows into the volunteer table"

    # b. The same roster as GBK CSV and as .xlsx.
    measure_import import_gbk roster-gbk.csv "$rows"
    measure_import import_xlsx roster.xlsx "$rows"

    # c. A second import of the same file: every row found, none changed, so
    # no volunteer added and nothing written to the change log.
    local volunteers changes
    volunteers=$(count imported.sqlite volunteer)
    changes=$(count imported.sqlite change_row)
    measure reimport_csv "$RUNS" 0 \
        "rm -f run.sqlite run.sqlite-wal run.sqlite-shm && cp imported.sqlite run.sqlite && sync" \
        "ggw --db run.sqlite volunteer import roster.csv"
    (($(count run.sqlite volunteer) == volunteers && $(count run.sqlite change_row) == changes)) ||
        die "the second import of roster.csv changed the registry: not all rows were found unchanged"
}

# d. The month's bulletin against bench/bulletin.sql. The first run records
# the bulletin's issue numbers; it is run once before timing, and its files
# are compared with the SQL's output (bench/compare_bulletin.py).
measure_bulletin() {
    local command="ggw --db registry.sqlite report bulletin --period $PERIOD --out bulletin"
    once "$command"
    once "sqlite3 registry.sqlite < bulletin.sql > bulletin-sql.csv"
    local agreement
    if agreement=$(python3 "$ROOT/bench/compare_bulletin.py" "$WORK/bulletin-sql.csv" "$WORK/bulletin" 2>&1); then
        fact bulletin_check "✓ $agreement"
    else
        # Not a failed command: the times still stand, but say it loudly.
        printf '\nWARNING: bench/bulletin.sql and ggw disagree: %s\n' "$agreement" >&2
        fact bulletin_check "✗ bench/bulletin.sql and ggw disagree: $agreement"
    fi
    measure bulletin "$RUNS" 1 "" "$command"
    measure bulletin_sql "$RUNS" 1 "" "sqlite3 registry.sqlite < bulletin.sql"
}

# e. The list commands; the unit for `volunteer list` is the median unit by
# number of volunteers served. They take milliseconds: run without a shell
# (hyperfine -N, which sends their output to /dev/null), since hyperfine
# cannot subtract a shell's start-up precisely below 5 ms, and run more often.
measure_lists() {
    local typical
    typical=$(sqlite3 "$WORK/registry.sqlite" "
        WITH served AS (SELECT unit_id, count(*) AS n FROM volunteer
                        WHERE unit_id IS NOT NULL AND status = 'active' GROUP BY unit_id)
        SELECT u.name || char(9) || s.n FROM served s JOIN unit u ON u.id = s.unit_id
        ORDER BY s.n, s.unit_id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM served)")
    [[ -n $typical ]] || die "no unit serves any volunteer in registry.sqlite"
    local unit=${typical%%$'\t'*}
    fact typical_unit "$unit"
    fact typical_unit_volunteers "${typical##*$'\t'}"
    # Once each, checked, with the number of rows they print (CSV, less the header).
    local listed
    listed=$(once "ggw --db registry.sqlite --format csv unit list | tail -n +2 | wc -l")
    fact units_listed "$listed"
    listed=$(once "ggw --db registry.sqlite --format csv volunteer list --unit $(q "$unit") | tail -n +2 | wc -l")
    fact volunteers_listed "$listed"
    listed=$(once "ggw --db registry.sqlite --format csv committee list | tail -n +2 | wc -l")
    fact committees_listed "$listed"
    listed=$(once "ggw --db registry.sqlite --format csv meeting list --unit $(q "$unit") | tail -n +2 | wc -l")
    fact meetings_listed "$listed"
    listed=$(once "ggw --db registry.sqlite --format csv activity list --unit $(q "$unit") | tail -n +2 | wc -l")
    fact activities_listed "$listed"
    measure unit_list "$FAST_RUNS" 3 "" "ggw --db registry.sqlite unit list" -N
    measure volunteer_list "$FAST_RUNS" 3 "" "ggw --db registry.sqlite volunteer list --unit $(q "$unit")" -N
    measure committee_list "$FAST_RUNS" 3 "" "ggw --db registry.sqlite committee list" -N
    measure meeting_list "$FAST_RUNS" 3 "" "ggw --db registry.sqlite meeting list --unit $(q "$unit")" -N
    measure activity_list "$FAST_RUNS" 3 "" "ggw --db registry.sqlite activity list --unit $(q "$unit")" -N
}

# f. Peak memory (and wall time) importing the 1M-row roster, with GNU time.
measure_memory() {
    local rows
    rows=$(roster_rows roster-1m.csv)
    local command="ggw --db run-1m.sqlite volunteer import roster-1m.csv"
    log "Measuring peak memory: /usr/bin/time -v $command ($rows rows)"
    once "rm -f run-1m.sqlite run-1m.sqlite-wal run-1m.sqlite-shm && cp units-1m.sqlite run-1m.sqlite && sync"
    local before
    before=$(count run-1m.sqlite volunteer)
    once "/usr/bin/time -v -o time-1m.txt $command"
    local added=$(($(count run-1m.sqlite volunteer) - before))
    ((added == rows)) || die "$command imported $added volunteers, not the roster's $rows"
    fact memory_rows "$rows"
    fact memory_command "/usr/bin/time -v $command"
    fact memory_prepare "cp units-1m.sqlite run-1m.sqlite && sync"
    fact memory_kb "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time-1m.txt")"
    fact memory_wall "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/time-1m.txt")"
    rm -f "$WORK"/run-1m.sqlite*
}

# --- The report -------------------------------------------------------------

describe_machine() {
    fact date "$(date -u '+%Y-%m-%d %H:%M UTC')"
    # Other work on the machine skews the times: say how busy it was.
    fact load_before "$LOAD_AT_START"
    fact cpu "$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    fact cores "$(nproc)"
    fact ram "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    # shellcheck disable=SC1091 # the running system's own file
    fact os "$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s), kernel $(uname -r)"
    fact rustc "$(rustc --version)"
    fact sqlite3 "$(sqlite3 --version | cut -d' ' -f1,2)"
    fact sqlite_utils "$(sqlite-utils --version)"
    fact hyperfine "$(hyperfine --version)"
    fact python "$(python3 --version)"
    # The SQLite sqlite-utils runs on (its Python's), as it tells.
    fact python_sqlite "$(sqlite-utils memory 'select sqlite_version()' --csv --no-headers 2>/dev/null || echo '?')"
    fact libsqlite3_sys "$(awk '/^name = "libsqlite3-sys"/ { getline; gsub(/"/, "", $3); print $3 }' "$ROOT/Cargo.lock")"
    # The SQLite compiled into ggw (rusqlite's bundled copy), from the crate's
    # sources where cargo keeps them.
    local header
    header=$(find "${CARGO_HOME:-$HOME/.cargo}/registry/src" -path "*/libsqlite3-sys-$(fact_value libsqlite3_sys)/sqlite3/sqlite3.h" -print -quit 2>/dev/null || true)
    [[ -z $header ]] || fact bundled_sqlite "$(sed -n 's/^#define SQLITE_VERSION  *"\(.*\)"/\1/p' "$header")"
    local commit changed
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    changed=$(git -C "$ROOT" status --porcelain -- src Cargo.toml Cargo.lock examples 2>/dev/null |
        awk '{ print $NF }' | paste -sd' ' - || true)
    [[ -z $changed ]] || commit="$commit, with uncommitted changes to: $changed"
    fact commit "$commit"
    fact runs "$RUNS"
    fact slow_runs "$SLOW_RUNS"
    fact fast_runs "$FAST_RUNS"
    fact seed "$SEED"
    fact period "$PERIOD"
    fact bench_dir "${BENCH_DIR#"$ROOT"/}"
}

describe_data() {
    local db=$PROVINCE_DIR/registry.sqlite t
    for t in unit committee volunteer meeting activity; do
        fact "registry.$t" "$(sqlite3 "$db" "SELECT count(*) FROM $t")"
    done
    fact registry_activity_span "$(sqlite3 "$db" "SELECT min(held_on) || ' – ' || max(held_on) FROM activity")"
    fact units_sqlite_units "$(sqlite3 "$PROVINCE_DIR/units.sqlite" "SELECT count(*) FROM unit")"
    local f
    for f in registry.sqlite units.sqlite roster.csv roster-gbk.csv roster.xlsx; do
        fact "size.$f" "$(du -h --apparent-size "$PROVINCE_DIR/$f" | cut -f1)"
    done
    fact "size.roster-1m.csv" "$(du -h --apparent-size "$MILLION_DIR/roster.csv" | cut -f1)"
}

main() {
    local started=$SECONDS
    LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
    ensure_tools
    build
    make_data
    prepare_work
    describe_machine
    describe_data
    measure_imports
    measure_bulletin
    measure_lists
    measure_memory
    fact total_seconds "$((SECONDS - started))"
    fact load_after "$(cut -d' ' -f1-3 /proc/loadavg)"
    python3 "$ROOT/bench/report.py" "$RESULTS" >"$ROOT/BENCHMARKS.md"
    log "Wrote $ROOT/BENCHMARKS.md in $((SECONDS - started)) s"
    # The targets, as the report gives them.
    sed -n '/^## Targets/,/^## /p' "$ROOT/BENCHMARKS.md" | sed '$d' >&2
}

main "$@"
