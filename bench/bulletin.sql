-- The figures of `ggw report bulletin --period 2025-06`, by hand, for the
-- sqlite3 shell:
--
--     sqlite3 registry.sqlite < bench/bulletin.sql
--
-- This is the reference the benchmark (bench/run.sh) times the bulletin
-- against: what a competent person would write to get the same numbers
-- straight from the registry, using the schema's indexes (activity_held_on,
-- meeting_held_on, committee_unit's key, the primary keys). It reads only;
-- the working tables are TEMP tables, gone when the shell exits.
--
-- It prints the tables ggw writes, in the same order, columns and row order,
-- as CSV with a header row, each after a line `# FILE.csv`:
-- summary, coverage, units-without-committee, volunteers, meetings and
-- activities. The counting rules are ggw's (src/report/*.rs):
--   - a unit counts on a date unless it had been merged away by then;
--   - a unit is covered on a date by a committee set up on or before it
--     (not 'planned'), not dissolved by then, whose cover of the unit
--     (committee_unit.since/until) had begun and not ended; 达标 = that
--     committee has all six 六有 flags (as recorded now);
--   - a volunteer counts on a date when joined by then (or joined_on is not
--     known) and active, or left only after the date; ages are whole years
--     on the date, a birth known to the month only counting from its 1st
--     (birth_date is 'YYYY-MM-DD', or 'YYYY-MM': ggw stores nothing else);
--   - meetings and activities count when held_on falls in the period; a
--     meeting's attendance is the total given, else the sum of its units'
--     counts; figures not reported count as 0.
-- Rates are printed with printf('%.1f%%'), which rounds a tie (6.25%) up
-- where ggw (Rust) rounds it to even: the one place the text may differ.
--
-- Checked: with the period set to 2023-07 (the two dates below changed to
-- 2023-07-01 and 2023-07-31) on the demo registry (`ggw demo --db
-- demo.sqlite`, the Jixi July 2023 example), every table agrees cell
-- for cell with the CSV files of `ggw --db demo.sqlite report bulletin
-- --period 2023-07 --out b` (summary, coverage,
-- units-without-committee, volunteers, meetings, activities); the same on
-- a copy of the demo given the awkward cases (committees dissolved, or
-- covering a unit from or until the period's end, planned ones, units
-- merged before and after it, volunteers who left on the date or without
-- a date, births on the day and the month of the date and on 29 February
-- for periods ending 2023-02-28 and 2024-02-29, meetings with no total or
-- no counts, activities with figures missing) and on the generator's city
-- registry for four months of 2016-2025. bench/run.sh checks it again on
-- the province registry for 2025-06 each time, before it times anything
-- (bench/compare_bulletin.py).

-- The working tables are small: keep them in memory. (First: setting it
-- drops the TEMP schema, where the shell keeps its parameters.) And read
-- the file through a memory map rather than a read() call per page: the
-- volunteers are read in the order of the volunteer_unit index, which the
-- shell's 2 MB page cache cannot hold.
PRAGMA temp_store = MEMORY;
.output /dev/null
PRAGMA mmap_size = 2000000000;
.output

-- The period: June 2025. The bulletin's as-of date is the period's end.
.parameter init
INSERT INTO temp.sqlite_parameters (key, value) VALUES
    ('@from', '2025-06-01'),
    ('@to', '2025-06-30');
-- @born_65 … @born_80: the last birth date of each age (see the volunteers).
INSERT INTO temp.sqlite_parameters (key, value)
SELECT '@born_' || n, printf('%04d', substr(value, 1, 4) - n) || substr(value, 5)
FROM temp.sqlite_parameters, (SELECT column1 AS n FROM (VALUES (65), (70), (75), (80)))
WHERE key = '@to';

.headers on
.mode csv

-- Units registered at the period's end, with whether a committee covered
-- them then and whether that committee met all six standards.
CREATE TEMP TABLE unit_cover AS
WITH covered AS (
    SELECT cu.unit_id,
           max(c.has_leadership AND c.has_team AND c.has_rules
               AND c.has_premises AND c.has_files AND c.has_funds) AS compliant
    FROM committee c JOIN committee_unit cu ON cu.committee_id = c.id
    WHERE c.status <> 'planned' AND c.established_on <= @to
      AND (c.dissolved_on IS NULL OR c.dissolved_on > @to)
      AND (cu.since IS NULL OR cu.since <= @to)
      AND (cu.until IS NULL OR cu.until > @to)
    GROUP BY cu.unit_id
)
SELECT u.id, u.kind_id,
       cv.unit_id IS NOT NULL AS covered,
       coalesce(cv.compliant, 0) AS compliant
FROM unit u LEFT JOIN covered cv ON cv.unit_id = u.id
WHERE u.status = 'active' OR u.merged_on > @to;

-- Per unit kind (in the kinds' order), then the total.
CREATE TEMP TABLE coverage AS
SELECT k.position, k.name_zh AS kind, count(*) AS units,
       sum(uc.covered) AS with_committee, sum(uc.compliant) AS compliant
FROM unit_cover uc JOIN kind k ON k.id = uc.kind_id
GROUP BY k.id;

-- Volunteers serving at the period's end, by the unit they serve. An age
-- band is a range of birth dates: a volunteer is N or older on @to when born
-- on or before @born_N (the same month and day N years earlier, as text, so
-- that 02-29 stays 02-29); a birth date known to the month only ('1950-03')
-- sorts before every day of that month, so counts from its first day.
CREATE TEMP TABLE volunteers AS
SELECT unit_id,
       count(*) FILTER (WHERE category = 'cadre') AS cadre,
       count(*) FILTER (WHERE category = 'veteran') AS veteran,
       count(*) FILTER (WHERE category = 'expert') AS expert,
       count(*) FILTER (WHERE category = 'teacher') AS teacher,
       count(*) FILTER (WHERE category = 'model') AS model,
       count(*) FILTER (WHERE category = 'other') AS other,
       count(*) AS total,
       count(*) FILTER (WHERE joined_on >= @from AND joined_on <= @to) AS joined,
       count(*) FILTER (WHERE is_model) AS model_volunteers,
       count(*) FILTER (WHERE birth_date > @born_65) AS under_65,
       count(*) FILTER (WHERE birth_date <= @born_65 AND birth_date > @born_70) AS age_65_69,
       count(*) FILTER (WHERE birth_date <= @born_70 AND birth_date > @born_75) AS age_70_74,
       count(*) FILTER (WHERE birth_date <= @born_75 AND birth_date > @born_80) AS age_75_79,
       count(*) FILTER (WHERE birth_date <= @born_80) AS age_80_plus,
       count(*) FILTER (WHERE birth_date IS NULL) AS age_unknown
FROM volunteer
WHERE (status = 'active' OR status_on > @to)
  AND (joined_on IS NULL OR joined_on <= @to)
GROUP BY unit_id;

-- Meetings held in the period (index meeting_held_on), with their attendance.
CREATE TEMP TABLE meetings AS
SELECT m.id, m.kind_id,
       coalesce(m.attendees,
                (SELECT sum(mu.attendees) FROM meeting_unit mu WHERE mu.meeting_id = m.id)) AS attendance
FROM meeting m
WHERE m.held_on >= @from AND m.held_on <= @to;

-- Activities held in the period (index activity_held_on), by unit.
CREATE TEMP TABLE activities AS
SELECT unit_id, count(*) AS activities, total(youth) AS youth,
       total(volunteers) AS volunteers, total(funds) AS funds, total(students) AS students
FROM activity
WHERE held_on >= @from AND held_on <= @to
GROUP BY unit_id;

.print "# summary.csv"
WITH cov AS (SELECT sum(units) AS units, sum(with_committee) AS covered,
                    sum(compliant) AS compliant FROM coverage),
     vol AS (SELECT sum(total) AS total, sum(joined) AS joined FROM volunteers),
     mtg AS (SELECT count(*) AS meetings, total(attendance) AS attendance FROM meetings),
     act AS (SELECT sum(activities) AS activities, total(youth) AS youth,
                    total(funds) AS funds, total(students) AS students FROM activities),
     committees AS (
         SELECT count(*) AS n FROM committee c
         WHERE c.status <> 'planned' AND c.established_on <= @to
           AND (c.dissolved_on IS NULL OR c.dissolved_on > @to))
SELECT '单位数' AS 指标, coalesce(cov.units, 0) AS 数值 FROM cov
UNION ALL SELECT '已建关工委单位数', coalesce(cov.covered, 0) FROM cov
UNION ALL SELECT '关工委个数', committees.n FROM committees
UNION ALL SELECT '组建率', iif(cov.units > 0, printf('%.1f%%', 100.0 * cov.covered / cov.units), '-') FROM cov
UNION ALL SELECT '六有达标单位数', coalesce(cov.compliant, 0) FROM cov
UNION ALL SELECT '达标率', iif(cov.covered > 0, printf('%.1f%%', 100.0 * cov.compliant / cov.covered), '-') FROM cov
UNION ALL SELECT '五老人数', coalesce(vol.total, 0) FROM vol
UNION ALL SELECT '本期新增五老', coalesce(vol.joined, 0) FROM vol
UNION ALL SELECT '会议次数', mtg.meetings FROM mtg
UNION ALL SELECT '参会人次', CAST(mtg.attendance AS INTEGER) FROM mtg
UNION ALL SELECT '活动场次', coalesce(act.activities, 0) FROM act
UNION ALL SELECT '受益青少年人次', CAST(act.youth AS INTEGER) FROM act
UNION ALL SELECT '帮扶资金（元）', printf('%.2f', act.funds / 100) FROM act
UNION ALL SELECT '资助学生数', CAST(act.students AS INTEGER) FROM act;

.print "# coverage.csv"
SELECT kind AS 单位类别, units AS 单位数, with_committee AS 已建关工委,
       iif(units > 0, printf('%.1f%%', 100.0 * with_committee / units), '-') AS 组建率,
       compliant AS 六有达标,
       iif(with_committee > 0, printf('%.1f%%', 100.0 * compliant / with_committee), '-') AS 达标率
FROM (SELECT * FROM coverage ORDER BY position)
UNION ALL
SELECT '合计', sum(units), sum(with_committee),
       iif(sum(units) > 0, printf('%.1f%%', 100.0 * sum(with_committee) / sum(units)), '-'),
       sum(compliant),
       iif(sum(with_committee) > 0, printf('%.1f%%', 100.0 * sum(compliant) / sum(with_committee)), '-')
FROM coverage;

.print "# units-without-committee.csv"
SELECT u.id AS 编号, u.name AS 单位名称, k.name_zh AS 类别, p.name AS 上级单位,
       u.staff AS 职工人数, u.young_staff AS 青年职工人数,
       iif(EXISTS (SELECT 1 FROM committee_unit cu JOIN committee c ON c.id = cu.committee_id
                   WHERE cu.unit_id = u.id AND cu.until IS NULL AND c.status = 'planned'),
           '是', '否') AS 筹建中
FROM unit_cover uc
JOIN unit u ON u.id = uc.id
JOIN kind k ON k.id = u.kind_id
LEFT JOIN unit p ON p.id = u.parent_id
WHERE NOT uc.covered
ORDER BY k.position, u.id;

.print "# volunteers.csv"
SELECT 单位, 老干部, 老战士, 老专家, 老教师, 老模范, 其他, 合计, 本期新增, 五老典型,
       "65岁以下", "65–69岁", "70–74岁", "75–79岁", "80岁及以上", 年龄不详
FROM (
    SELECT 0 AS last, v.unit_id, coalesce(u.name, '未填所在单位') AS 单位,
           cadre AS 老干部, veteran AS 老战士, expert AS 老专家, teacher AS 老教师,
           model AS 老模范, other AS 其他, total AS 合计, joined AS 本期新增,
           model_volunteers AS 五老典型, under_65 AS "65岁以下", age_65_69 AS "65–69岁",
           age_70_74 AS "70–74岁", age_75_79 AS "75–79岁", age_80_plus AS "80岁及以上",
           age_unknown AS 年龄不详
    FROM volunteers v LEFT JOIN unit u ON u.id = v.unit_id
    UNION ALL
    SELECT 1, NULL, '合计', coalesce(sum(cadre), 0), coalesce(sum(veteran), 0),
           coalesce(sum(expert), 0), coalesce(sum(teacher), 0), coalesce(sum(model), 0),
           coalesce(sum(other), 0), coalesce(sum(total), 0), coalesce(sum(joined), 0),
           coalesce(sum(model_volunteers), 0), coalesce(sum(under_65), 0),
           coalesce(sum(age_65_69), 0), coalesce(sum(age_70_74), 0),
           coalesce(sum(age_75_79), 0), coalesce(sum(age_80_plus), 0),
           coalesce(sum(age_unknown), 0)
    FROM volunteers
)
ORDER BY last, unit_id IS NULL, unit_id;

.print "# meetings.csv"
SELECT 类别, 会议次数, 参会人数, "参会单位（去重）" FROM (
    SELECT 0 AS last, m.kind_id, k.name_zh AS 类别, count(DISTINCT m.id) AS 会议次数,
           CAST((SELECT total(attendance) FROM meetings x WHERE x.kind_id = m.kind_id) AS INTEGER) AS 参会人数,
           count(DISTINCT mu.unit_id) AS "参会单位（去重）"
    FROM meetings m JOIN kind k ON k.id = m.kind_id
    LEFT JOIN meeting_unit mu ON mu.meeting_id = m.id
    GROUP BY m.kind_id
    UNION ALL
    SELECT 1, NULL, '合计', (SELECT count(*) FROM meetings),
           (SELECT CAST(total(attendance) AS INTEGER) FROM meetings),
           (SELECT count(DISTINCT mu.unit_id) FROM meetings m JOIN meeting_unit mu ON mu.meeting_id = m.id)
)
ORDER BY last, kind_id;

.print "# activities.csv"
SELECT 单位, 活动场次, 受益青少年人次, 参与五老人次, "帮扶资金（元）", 资助学生数 FROM (
    SELECT 0 AS last, a.unit_id, u.name AS 单位, a.activities AS 活动场次,
           CAST(a.youth AS INTEGER) AS 受益青少年人次, CAST(a.volunteers AS INTEGER) AS 参与五老人次,
           printf('%.2f', a.funds / 100) AS "帮扶资金（元）", CAST(a.students AS INTEGER) AS 资助学生数
    FROM activities a JOIN unit u ON u.id = a.unit_id
    UNION ALL
    SELECT 1, NULL, '合计', coalesce(sum(activities), 0), CAST(total(youth) AS INTEGER),
           CAST(total(volunteers) AS INTEGER), printf('%.2f', total(funds) / 100),
           CAST(total(students) AS INTEGER)
    FROM activities
)
ORDER BY last, unit_id;
