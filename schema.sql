-- ggw: the current schema, applied as a whole to a new database file.
-- An older file is brought here by the numbered upgrades in src/db/schema.rs;
-- a test checks that both roads end in the same schema.
--
-- Dates are ISO text (YYYY-MM-DD); money is whole fen (1/100 yuan);
-- enumerations are stored as their English codes. Ids are never reused
-- (AUTOINCREMENT), so that an id in a message or a log names one record.

-- Kinds the office may extend: of units, meetings and activities.
CREATE TABLE kind (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    domain    TEXT NOT NULL CHECK (domain IN ('unit', 'meeting', 'activity')),
    code      TEXT NOT NULL,
    name_zh   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    position  INTEGER NOT NULL,
    UNIQUE (domain, code),
    UNIQUE (domain, name_zh),
    UNIQUE (domain, name_en)
);

INSERT INTO kind (domain, code, name_zh, name_en, position) VALUES
    ('unit', 'organ',       '党政机关', 'Party or government organ', 1),
    ('unit', 'judicial',    '司法机关', 'judicial organ',            2),
    ('unit', 'institution', '事业单位', 'public institution',        3),
    ('unit', 'soe',         '国有企业', 'state-owned enterprise',    4),
    ('unit', 'school',      '学校',     'school',                    5),
    ('unit', 'mass_org',    '群团组织', 'mass organisation',         6),
    ('unit', 'other',       '其他',     'other',                     7);

INSERT INTO kind (domain, code, name_zh, name_en, position) VALUES
    ('meeting', 'progress', '推进会', 'progress meeting', 1),
    ('meeting', 'work', '工作会议', 'work meeting', 2),
    ('meeting', 'plenary', '全委会', 'plenary meeting', 3),
    ('meeting', 'office', '主任办公会', 'directors'' office meeting', 4),
    ('meeting', 'joint', '联席会议', 'joint meeting', 5),
    ('meeting', 'regular', '例会', 'regular meeting', 6),
    ('meeting', 'consultation', '议事协商会', 'consultation meeting', 7),
    ('meeting', 'forum', '调研座谈会', 'research forum', 8),
    ('meeting', 'training', '培训会', 'training session', 9),
    ('meeting', 'other', '其他', 'other', 10);

INSERT INTO kind (domain, code, name_zh, name_en, position) VALUES
    ('activity', 'ideology', '思想政治教育', 'ideological education', 1),
    ('activity', 'red_heritage', '红色基因传承', 'red heritage', 2),
    ('activity', 'mentoring', '业务技术传帮带', 'skills mentoring', 3),
    ('activity', 'skills_contest', '岗位练兵比武', 'skills contest', 4),
    ('activity', 'legal_education', '法治宣传', 'legal education', 5),
    ('activity', 'student_aid', '助学助困', 'student aid', 6),
    ('activity', 'family_education', '家风家教', 'family education', 7),
    ('activity', 'labour_education', '劳动教育', 'labour education', 8),
    ('activity', 'lectures', '主题宣讲', 'lectures', 9),
    ('activity', 'care', '关爱帮扶', 'care and support', 10),
    ('activity', 'mental_health', '心理健康', 'mental health', 11),
    ('activity', 'other', '其他', 'other', 12);

-- 单位. A unit merged away in an institutional reform (机构改革) stays, with
-- status 'merged' and the unit it went into; its names live on as aliases there.
CREATE TABLE unit (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL UNIQUE,
    kind_id      INTEGER NOT NULL REFERENCES kind (id),
    parent_id    INTEGER REFERENCES unit (id),
    credit_code  TEXT UNIQUE,
    staff        INTEGER CHECK (staff >= 0),
    young_staff  INTEGER CHECK (young_staff >= 0),
    contact      TEXT,
    phone        TEXT,
    note         TEXT,
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged')),
    merged_into  INTEGER REFERENCES unit (id),
    merged_on    TEXT,
    CHECK ((status = 'merged') = (merged_into IS NOT NULL))
);

CREATE INDEX unit_parent ON unit (parent_id);
CREATE INDEX unit_merged_into ON unit (merged_into);

-- 简称 and former names. One namespace with unit names: no alias equals
-- another unit's name or alias (checked on write).
CREATE TABLE unit_alias (
    alias    TEXT PRIMARY KEY,
    unit_id  INTEGER NOT NULL REFERENCES unit (id) ON DELETE CASCADE
);

CREATE INDEX unit_alias_unit ON unit_alias (unit_id);

-- 关工委: one per unit, or one joint committee (联合关工委) for several units.
CREATE TABLE committee (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('planned', 'active', 'dissolved')),
    established_on  TEXT,
    dissolved_on    TEXT,
    batch           INTEGER CHECK (batch >= 1),
    has_leadership  INTEGER NOT NULL DEFAULT 0 CHECK (has_leadership IN (0, 1)),
    has_team        INTEGER NOT NULL DEFAULT 0 CHECK (has_team IN (0, 1)),
    has_rules       INTEGER NOT NULL DEFAULT 0 CHECK (has_rules IN (0, 1)),
    has_premises    INTEGER NOT NULL DEFAULT 0 CHECK (has_premises IN (0, 1)),
    has_files       INTEGER NOT NULL DEFAULT 0 CHECK (has_files IN (0, 1)),
    has_funds       INTEGER NOT NULL DEFAULT 0 CHECK (has_funds IN (0, 1)),
    yearly_funds    INTEGER CHECK (yearly_funds >= 0),
    note            TEXT,
    CHECK (status = 'planned' OR established_on IS NOT NULL),
    CHECK ((status = 'dissolved') = (dissolved_on IS NOT NULL))
);

-- The units a committee covers, each from `since` (NULL: from the start)
-- until `until` (NULL: still). A unit has at most one current cover by a
-- planned or active committee (checked on write).
CREATE TABLE committee_unit (
    committee_id  INTEGER NOT NULL REFERENCES committee (id) ON DELETE CASCADE,
    unit_id       INTEGER NOT NULL REFERENCES unit (id),
    position      INTEGER NOT NULL,
    since         TEXT,
    until         TEXT,
    PRIMARY KEY (committee_id, unit_id)
);

CREATE INDEX committee_unit_unit ON committee_unit (unit_id);

-- Members with their role; a member who leaves keeps the row with ended_on set.
CREATE TABLE committee_member (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id  INTEGER NOT NULL REFERENCES committee (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('honorary_director', 'adviser', 'director',
                      'executive_deputy', 'deputy_director', 'secretary_general', 'member', 'liaison')),
    retired       INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    post          TEXT,
    phone         TEXT,
    started_on    TEXT,
    ended_on      TEXT,
    -- The member's record in the 五老 register, when there is one.
    volunteer_id  INTEGER REFERENCES volunteer (id)
);

CREATE INDEX committee_member_committee ON committee_member (committee_id);
CREATE INDEX committee_member_volunteer ON committee_member (volunteer_id);

-- 五老: the volunteers, with the unit they serve.
CREATE TABLE volunteer (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT NOT NULL,
    gender            TEXT CHECK (gender IN ('male', 'female')),
    -- YYYY-MM-DD, or YYYY-MM when a roster gives only the month.
    birth_date        TEXT,
    id_card           TEXT UNIQUE,
    phone             TEXT,
    landline          TEXT,
    category          TEXT NOT NULL CHECK (category IN ('cadre', 'veteran', 'expert', 'teacher', 'model', 'other')),
    former_post       TEXT,
    retired_rank      TEXT CHECK (retired_rank IN ('department', 'division', 'section', 'other')),
    political_status  TEXT,
    specialties       TEXT,
    unit_id           INTEGER REFERENCES unit (id),
    joined_on         TEXT,
    status            TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'deceased')),
    -- When the status last changed away from active.
    status_on         TEXT,
    is_model          INTEGER NOT NULL DEFAULT 0 CHECK (is_model IN (0, 1)),
    note              TEXT
);

CREATE INDEX volunteer_unit ON volunteer (unit_id);
CREATE INDEX volunteer_name_birth ON volunteer (name, birth_date);

-- 会议: meetings of the committee, with who hosted, who came and who spoke.
CREATE TABLE meeting (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    held_on     TEXT NOT NULL,
    title       TEXT NOT NULL,
    kind_id     INTEGER NOT NULL REFERENCES kind (id),
    location    TEXT,
    presider    TEXT,
    -- The attendance as given; NULL when it is the sum of the units' counts.
    attendees   INTEGER CHECK (attendees >= 0),
    note        TEXT
);

CREATE INDEX meeting_held_on ON meeting (held_on);

-- Hosts: a registered unit, or a body named freely (市关工委, 市直机关工委).
CREATE TABLE meeting_host (
    meeting_id  INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    unit_id     INTEGER REFERENCES unit (id),
    name        TEXT NOT NULL,
    PRIMARY KEY (meeting_id, position)
);

CREATE INDEX meeting_host_unit ON meeting_host (unit_id);

-- The units that attended, with how many people each sent.
CREATE TABLE meeting_unit (
    meeting_id  INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    unit_id     INTEGER NOT NULL REFERENCES unit (id),
    attendees   INTEGER CHECK (attendees >= 0),
    PRIMARY KEY (meeting_id, unit_id)
);

CREATE INDEX meeting_unit_unit ON meeting_unit (unit_id);

-- Attendees by name, from a sign-in sheet (签到表).
CREATE TABLE meeting_attendee (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id  INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    unit_id     INTEGER REFERENCES unit (id),
    name        TEXT NOT NULL,
    post        TEXT,
    signed_at   TEXT
);

CREATE INDEX meeting_attendee_meeting ON meeting_attendee (meeting_id);
CREATE INDEX meeting_attendee_unit ON meeting_attendee (unit_id);

-- Speakers in order: a unit's representative, or a leader of no unit.
CREATE TABLE meeting_speaker (
    meeting_id  INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    unit_id     INTEGER REFERENCES unit (id),
    person      TEXT,
    topic       TEXT,
    PRIMARY KEY (meeting_id, position)
);

CREATE INDEX meeting_speaker_unit ON meeting_speaker (unit_id);

-- 活动: what units report they did, and the figures of the bulletin.
-- The same unit, date and title is the same activity.
CREATE TABLE activity (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id     INTEGER NOT NULL REFERENCES unit (id),
    held_on     TEXT NOT NULL,
    until       TEXT,
    kind_id     INTEGER NOT NULL REFERENCES kind (id),
    title       TEXT NOT NULL,
    -- 受益青少年人次 (person-times), 参与五老人数, 帮扶资金 in fen, 资助学生数.
    youth       INTEGER CHECK (youth >= 0),
    volunteers  INTEGER CHECK (volunteers >= 0),
    funds       INTEGER CHECK (funds >= 0),
    students    INTEGER CHECK (students >= 0),
    location    TEXT,
    summary     TEXT,
    UNIQUE (unit_id, held_on, title)
);

CREATE INDEX activity_held_on ON activity (held_on);
CREATE INDEX activity_kind ON activity (kind_id);

-- The office's own settings (编印单位, the bulletin's title, issue numbers).
CREATE TABLE setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- A period's bulletin keeps its numbers and date, so that writing it again
-- gives the same bytes.
CREATE TABLE bulletin (
    period_from  TEXT NOT NULL,
    period_to    TEXT NOT NULL,
    year         INTEGER NOT NULL,
    issue        INTEGER NOT NULL CHECK (issue >= 1),
    total_issue  INTEGER NOT NULL CHECK (total_issue >= 1),
    issued_on    TEXT NOT NULL,
    PRIMARY KEY (period_from, period_to),
    UNIQUE (year, issue),
    UNIQUE (total_issue)
);
