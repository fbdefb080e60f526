#!/usr/bin/env python3
"""Checks that bench/bulletin.sql gives the same figures as ggw's bulletin.

    compare_bulletin.py SQL_OUTPUT BULLETIN_DIR

SQL_OUTPUT is what `sqlite3 registry.sqlite < bench/bulletin.sql` printed:
CSV tables, each after a line `# FILE.csv`. BULLETIN_DIR holds the files of
`ggw report bulletin --out BULLETIN_DIR` (UTF-8 with BOM). Every cell must
agree; a rate may differ by 0.1 point, since SQLite's printf rounds a tie
(6.25%) up where ggw rounds it to even. Exits 1 on the first table that
differs, naming the row and cell. Standard library only.
"""

import csv
import io
import sys
from pathlib import Path


def sections(text):
    """{file name: rows} from the SQL output."""
    out, name, lines = {}, None, []
    for line in text.splitlines(keepends=True):
        if line.startswith("# ") and line.strip().endswith(".csv"):
            if name:
                out[name] = list(csv.reader(io.StringIO("".join(lines))))
            name, lines = line[2:].strip(), []
        else:
            lines.append(line)
    if name:
        out[name] = list(csv.reader(io.StringIO("".join(lines))))
    return out


def same(a, b):
    """Cell a (ggw) and cell b (SQL) say the same."""
    a = a[1:] if a.startswith("'") else a  # ggw neutralises = + - @ cells
    if a == b:
        return True
    if a.endswith("%") and b.endswith("%"):
        try:
            return abs(float(a[:-1]) - float(b[:-1])) <= 0.1 + 1e-9
        except ValueError:
            return False
    return False


def main():
    sql_output, folder = Path(sys.argv[1]), Path(sys.argv[2])
    tables = sections(sql_output.read_text(encoding="utf-8"))
    if not tables:
        sys.exit(f"{sql_output}: no tables (no '# FILE.csv' lines)")
    rounding = 0
    for name, sql_rows in tables.items():
        ggw_text = (folder / name).read_text(encoding="utf-8-sig")
        ggw_rows = list(csv.reader(io.StringIO(ggw_text)))
        # The shell prints no header for an empty result: ggw's header alone.
        if not sql_rows and len(ggw_rows) == 1:
            continue
        if len(ggw_rows) != len(sql_rows):
            sys.exit(f"{name}: ggw has {len(ggw_rows)} lines, the SQL {len(sql_rows)}")
        for number, (g, s) in enumerate(zip(ggw_rows, sql_rows), start=1):
            if len(g) != len(s):
                sys.exit(f"{name}:{number}: ggw has {len(g)} cells, the SQL {len(s)}:\n  {g}\n  {s}")
            for column, (a, b) in enumerate(zip(g, s), start=1):
                if not same(a, b):
                    sys.exit(f"{name}:{number}:{column}: ggw '{a}', the SQL '{b}'\n  {g}\n  {s}")
                if a != b and not a.startswith("'"):
                    rounding += 1
    note = f" ({rounding} rates differ by a rounding tie)" if rounding else ""
    counts = ", ".join(f"{n} {len(r) - 1 if r else 0}" for n, r in tables.items())
    print(f"bulletin.sql agrees with ggw{note}: rows {counts}")


if __name__ == "__main__":
    main()
