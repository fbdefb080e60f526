#!/usr/bin/env python3
"""Writes BENCHMARKS.md (to stdout) from what bench/run.sh measured.

    report.py RESULTS_DIR

RESULTS_DIR holds hyperfine's JSON exports (NAME.json) and facts.tsv (one
`key<TAB>value` a line: the machine, the data, the commands as run, the
memory measure). The medians are compared with the targets of issue 7.
Standard library only.
"""

import json
import sys
from pathlib import Path

MIB = 1024  # /usr/bin/time -v gives kilobytes (KiB)

# What was measured, in the order shown: name, what it is.
MEASURES = [
    ("import_csv", "ggw: import the roster, UTF-8 CSV, into a fresh copy of units.sqlite"),
    ("sqlite3_import", "sqlite3 shell: .import --csv into a new database"),
    ("sqlite_utils_insert", "sqlite-utils insert --csv into a new database"),
    ("sqlite3_checked_rows", "sqlite3 shell: the rows ggw imported, already checked, into ggw's volunteer table (its indexes and CHECKs; no change log)"),
    ("import_gbk", "ggw: import the same roster as GBK CSV"),
    ("import_xlsx", "ggw: import the same roster as .xlsx"),
    ("reimport_csv", "ggw: import roster.csv again (all unchanged)"),
    ("bulletin", f"ggw: report bulletin for the month"),
    ("bulletin_sql", "sqlite3 shell: the same figures by hand-written SQL (bench/bulletin.sql)"),
    ("unit_list", "ggw: unit list"),
    ("volunteer_list", "ggw: volunteer list --unit (a unit of median size)"),
    ("committee_list", "ggw: committee list"),
    ("meeting_list", "ggw: meeting list --unit (the same unit)"),
    ("activity_list", "ggw: activity list --unit (the same unit)"),
]


def load(results):
    facts = {}
    for line in (results / "facts.tsv").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("\t")
        facts[key] = value
    times = {}
    for name, _ in MEASURES:
        path = results / f"{name}.json"
        if path.exists():
            times[name] = json.loads(path.read_text(encoding="utf-8"))["results"][0]
    return facts, times


def duration(seconds):
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def number(text):
    try:
        return f"{int(text):,}"
    except (TypeError, ValueError):
        return text or "?"


def targets(facts, times):
    """Rows: target, measured, ratio or value, limit, met."""
    rows = []

    def median(name):
        return times[name]["median"] if name in times else None

    def ratio(label, top, bottom, limit, at_most=True):
        a, b = median(top), median(bottom)
        if a is None or b is None or b == 0:
            rows.append((label, "not measured", "", "", "✗"))
            return
        r = a / b
        ok = r <= limit if at_most else r >= limit
        limit_text = f"≤ {limit:g}" if at_most else f"≥ {limit:g}"
        rows.append((label, f"{duration(a)} / {duration(b)}", f"{r:.2f}", limit_text, "✓" if ok else "✗"))

    def under(label, name, limit):
        a = median(name)
        if a is None:
            rows.append((label, "not measured", "", "", "✗"))
            return
        rows.append((label, duration(a), "", f"< {duration(limit)}", "✓" if a < limit else "✗"))

    rows_200k = number(facts.get("roster_rows"))
    ratio(f"ggw CSV import ({rows_200k} rows) / sqlite3 .import", "import_csv", "sqlite3_import", 1.0)
    ratio("sqlite-utils insert / ggw CSV import", "sqlite_utils_insert", "import_csv", 20, at_most=False)
    ratio("ggw GBK CSV import / UTF-8 CSV import", "import_gbk", "import_csv", 1.2)
    ratio("ggw .xlsx import / CSV import", "import_xlsx", "import_csv", 3)
    ratio("ggw re-import (all unchanged) / first import", "reimport_csv", "import_csv", 1.0)
    ratio("ggw bulletin / hand-written SQL", "bulletin", "bulletin_sql", 1.5)
    under("ggw bulletin", "bulletin", 0.2)
    under("ggw unit list", "unit_list", 0.02)
    under("ggw volunteer list --unit", "volunteer_list", 0.02)
    under("ggw committee list", "committee_list", 0.02)
    under("ggw meeting list --unit", "meeting_list", 0.02)
    under("ggw activity list --unit", "activity_list", 0.02)
    kb = facts.get("memory_kb")
    if kb:
        mib = int(kb) / MIB
        rows.append((
            f"peak memory, ggw import of {number(facts.get('memory_rows'))} CSV rows",
            f"{mib:.1f} MiB ({int(kb):,} KB)",
            "",
            "≤ 64 MiB",
            "✓" if mib <= 64 else "✗",
        ))
    else:
        rows.append(("peak memory, 1M CSV rows", "not measured", "", "", "✗"))
    return rows


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        out.append("| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |")
    return "\n".join(out)


def main():
    results = Path(sys.argv[1])
    facts, times = load(results)
    f = facts.get
    rows = targets(facts, times)
    met = sum(1 for r in rows if r[4] == "✓")
    out = []
    w = out.append
    w("# Benchmarks")
    w("")
    w(f"Written by `bench/run.sh` on {f('date')}; run it again rather than edit this file. "
      f"The targets are those of issue 7 (`issues show 7`): ratios between tools measured "
      f"in the same run, on the same files and machine. **{met} of {len(rows)} targets met.**")
    w("")
    w("## How to run")
    w("")
    w("```sh")
    minutes = round(int(f("total_seconds") or 0) / 60)
    w(f"bench/run.sh                       # from any directory; this run took {minutes} min")
    w("RUNS=10 SLOW_RUNS=5 bench/run.sh   # more runs (default 5; 3 for sqlite-utils, FAST_RUNS=20 for lists)")
    w("BENCH_DIR=/data/bench bench/run.sh # data elsewhere (default target/bench)")
    w("```")
    w("")
    w("It installs what it lacks (hyperfine, sqlite3, GNU time and python3 with apt-get, "
      "sqlite-utils with pip; as root or with sudo), builds ggw and the generator "
      "(`cargo build --release`, `--example generate`), generates the province data "
      f"(seed {f('seed')}) and a 1,000,000-row roster once — they are reused while the seed "
      "and the generator binary stay the same — then times each command with hyperfine "
      "(the median of the runs; `--prepare` makes a fresh database before each run and is not "
      "timed), measures peak memory with `/usr/bin/time -v`, and writes this file. A command "
      "that fails stops the run; a missed target is marked ✗.")
    w("")
    w("## Machine")
    w("")
    w(table(["", ""], [
        ("CPU", f("cpu")),
        ("cores", f("cores")),
        ("RAM", f("ram")),
        ("OS", f("os")),
        ("rustc", f("rustc")),
        ("ggw", f"commit {f('commit')}; SQLite {f('bundled_sqlite', '?')} built in (libsqlite3-sys {f('libsqlite3_sys')})"),
        ("sqlite3", f("sqlite3")),
        ("sqlite-utils", f("sqlite_utils")),
        ("hyperfine", f("hyperfine")),
        ("python", f("python")),
        ("date", f("date")),
        ("load average", f"{f('load_before')} when the run began, {f('load_after')} when it ended (1, 5, 15 min)"),
        ("runs", f"{f('runs')} per measure, {f('slow_runs')} for sqlite-utils, {f('fast_runs')} for the list commands; "
                 f"whole run {f('total_seconds')} s"),
    ]))
    w("")
    w("## Data")
    w("")
    w(f"`cargo run --release --example generate -- --scale province --seed {f('seed')} --out DIR`:")
    w("")
    w(table(["file", "size", "holds"], [
        ("registry.sqlite", f("size.registry.sqlite"),
         f"{number(f('registry.unit'))} units, {number(f('registry.committee'))} committees, "
         f"{number(f('registry.volunteer'))} volunteers, {number(f('registry.meeting'))} meetings, "
         f"{number(f('registry.activity'))} activities ({f('registry_activity_span')})"),
        ("units.sqlite", f("size.units.sqlite"), f"the {number(f('units_sqlite_units'))} units only: the database rosters are imported into"),
        ("roster.csv", f("size.roster.csv"), f"{number(f('roster_rows'))} new volunteers (花名册), UTF-8, one header row"),
        ("roster-gbk.csv", f("size.roster-gbk.csv"), "the same, GBK"),
        ("roster.xlsx", f("size.roster.xlsx"), "the same, one sheet"),
        ("roster-1m.csv", f("size.roster-1m.csv"),
         f"{number(f('memory_rows'))} rows (`--roster-rows 1000000 --no-registry --roster-formats csv`)"),
    ]))
    w("")
    w("## Targets")
    w("")
    w(table(["target", "measured (medians)", "ratio", "limit", ""], rows))
    w("")
    w(f"The bulletin's figures by hand-written SQL: {f('bulletin_check', 'not compared')}.")
    w("")
    checked, ours = times.get("sqlite3_checked_rows"), times.get("import_csv")
    if checked and ours:
        w(f"For scale, not a target: SQLite alone, given the rows ggw wrote (already checked), puts "
          f"them into ggw's volunteer table in {duration(checked['median'])}; ggw's import takes "
          f"{ours['median'] / checked['median']:.1f} times that, with its checks, its lookups and "
          f"the change log. `sqlite3 .import` writes into a table with no index and no CHECK.")
    w("")
    w(f"ggw runs the SQLite built into it ({f('bundled_sqlite', '?')}), the `sqlite3` shell its own "
      f"({f('sqlite3')}), sqlite-utils its Python's ({f('python_sqlite')}): the engines' versions are part "
      "of each comparison. "
      "Other work on the machine slows some runs: see the load average in the machine table.")
    w("")
    w("## Timings")
    w("")
    timing_rows = []
    for name, what in MEASURES:
        t = times.get(name)
        if not t:
            timing_rows.append((f"`{name}`", what, "not measured", "", "", "", ""))
            continue
        cpu = (t.get("user") or 0) + (t.get("system") or 0)
        timing_rows.append((
            f"`{name}`", what, f"**{duration(t['median'])}**", duration(t["min"]),
            duration(t["max"]), duration(cpu), len(t.get("times") or []),
        ))
    w(table(["measure", "what", "median", "min", "max", "user + sys (mean)", "runs"], timing_rows))
    w("")
    kb = f("memory_kb")
    if kb:
        w(f"Peak memory: **{int(kb) / MIB:.1f} MiB** (maximum resident set size {int(kb):,} KB) "
          f"importing {number(f('memory_rows'))} rows, wall time {f('memory_wall')} (one run).")
        w("")
    w("## Commands as run")
    w("")
    w(f"In the scratch directory `{f('bench_dir')}/work`, with `ggw` the release binary on PATH: "
      "`units.sqlite`, the rosters and `bulletin.sql` (bench/bulletin.sql) are links to the "
      "generated files, `registry.sqlite` is a copy (the bulletin writes its issue numbers into it). "
      f"The unit for `volunteer list` is the median unit by volunteers served: "
      f"{f('typical_unit')} ({number(f('typical_unit_volunteers'))} active volunteers, the rows "
      f"`volunteer list --unit` prints: {number(f('volunteers_listed'))}; for the same unit "
      f"`meeting list --unit` prints {number(f('meetings_listed'))} meetings and "
      f"`activity list --unit` {number(f('activities_listed'))} activities; `unit list` prints "
      f"{number(f('units_listed'))} units and `committee list` {number(f('committees_listed'))} committees).")
    w("")
    w("```sh")
    for name, _ in MEASURES:
        command = f(f"command.{name}")
        if not command:
            continue
        prepare, options = f(f"prepare.{name}"), f(f"options.{name}")
        notes = []
        if options == "-N":
            notes.append("hyperfine -N: no shell, output to /dev/null")
        elif options:
            notes.append(f"hyperfine {options}")
        if prepare:
            notes.append(f"before each run: {prepare}")
        w(f"# {name}" + (f"   ({'; '.join(notes)})" if notes else ""))
        w(command)
    if f("memory_command"):
        w(f"# memory   (before: {f('memory_prepare')})")
        w(f("memory_command"))
    w("```")
    w("")
    w("The bulletin is run once before it is timed, since its first run records the issue numbers. "
      "The database `reimport_csv` starts from (`imported.sqlite`) is the one the last run of `import_csv` "
      "left. After each import measure the script checks that the last run's database gained every row "
      "of the roster (the re-import: none, and nothing in the change log).")
    w("")
    w("## What each tool checks")
    w("")
    w("- `sqlite3 .import --csv` checks nothing: every value is stored as text, in a table "
      "it makes from the header row; no types, no constraints, no duplicates found.")
    w("- `sqlite-utils insert --csv` checks nothing either: every value text (no `--detect-types`), "
      "inserted in batches from Python.")
    w("- `ggw volunteer import` checks every cell before writing anything: it finds the header row "
      "and maps the Chinese headers, decodes the file (UTF-8 or GBK), checks each 身份证号 "
      "(GB 11643 checksum, its birth date and sex digit against 出生年月 and 性别), each mobile "
      "number, the category and the other enumerations, the dates, required fields and duplicates "
      "inside the file; it resolves each 服务单位 against the registry's units and aliases, matches "
      "existing volunteers (by 身份证号, else name and birth date), and writes all rows in one "
      "transaction with the change log. The re-import does all of that and finds every row unchanged.")
    w("- `ggw report bulletin` computes the coverage (组建率, 达标率) per unit kind, the units without "
      "a committee, the volunteers by unit with categories and age bands, the month's meetings and "
      "activities, writes seven files (CSV with BOM and bulletin.md) in a write transaction; "
      "bench/bulletin.sql computes the same tables and prints them as CSV.")
    w("")
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
