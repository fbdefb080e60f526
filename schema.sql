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
-- The serving heads `committee list` shows, without reading every member.
CREATE INDEX committee_member_heads ON committee_member (committee_id, id, role, name)
WHERE ended_on IS NULL AND role IN ('director', 'executive_deputy');

-- 五老: the volunteers, with the unit they serve. The checks of codes are
-- written with OR, not IN: SQLite builds a temporary table for an IN list
-- of three or more at every insert, half of a roster import's time.
CREATE TABLE volunteer (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT NOT NULL,
    gender            TEXT CHECK (gender IN ('male', 'female')),
    -- YYYY-MM-DD, or YYYY-MM when a roster gives only the month.
    birth_date        TEXT,
    id_card           TEXT UNIQUE,
    phone             TEXT,
    landline          TEXT,
    category          TEXT NOT NULL CHECK (category = 'cadre' OR category = 'veteran' OR category = 'expert' OR category = 'teacher' OR category = 'model' OR category = 'other'),
    former_post       TEXT,
    retired_rank      TEXT CHECK (retired_rank = 'department' OR retired_rank = 'division' OR retired_rank = 'section' OR retired_rank = 'other'),
    political_status  TEXT,
    specialties       TEXT,
    unit_id           INTEGER REFERENCES unit (id),
    joined_on         TEXT,
    status            TEXT NOT NULL DEFAULT 'active' CHECK (status = 'active' OR status = 'inactive' OR status = 'deceased'),
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

-- The change log: the rows each command changed (before and after, as
-- JSON), written by triggers and given their command's entry when it ends;
-- an update that changes nothing records nothing. The triggers come last,
-- after the seeded rows.
CREATE TABLE change_entry (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    user     TEXT NOT NULL,
    command  TEXT NOT NULL,
    -- The entry this one undid (`db undo`).
    undoes   INTEGER REFERENCES change_entry (id)
);

CREATE TABLE change_row (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    -- NULL while the command that changed the row is still running.
    entry_id  INTEGER REFERENCES change_entry (id),
    tbl       TEXT NOT NULL,
    row_id    INTEGER NOT NULL,
    -- The row as JSON before the change (NULL for an insert) and after it
    -- (NULL for a delete).
    before    TEXT,
    after     TEXT
);

CREATE INDEX change_row_entry ON change_row (entry_id);
CREATE INDEX change_row_row ON change_row (tbl, row_id);

CREATE TRIGGER kind_logged_insert AFTER INSERT ON kind
BEGIN
    INSERT INTO change_row (tbl, row_id, after)
    VALUES ('kind', NEW.rowid, json_object('id', NEW.id, 'domain', NEW.domain, 'code', NEW.code, 'name_zh', NEW.name_zh, 'name_en', NEW.name_en, 'position', NEW.position));
END;

CREATE TRIGGER kind_logged_update AFTER UPDATE ON kind
WHEN OLD.id IS NOT NEW.id OR OLD.domain IS NOT NEW.domain OR OLD.code IS NOT NEW.code OR OLD.name_zh IS NOT NEW.name_zh OR OLD.name_en IS NOT NEW.name_en OR OLD.position IS NOT NEW.position
BEGIN
    INSERT INTO change_row (tbl, row_id, before, after)
    VALUES ('kind', NEW.rowid, json_object('id', OLD.id, 'domain', OLD.domain, 'code', OLD.code, 'name_zh', OLD.name_zh, 'name_en', OLD.name_en, 'position', OLD.position), json_object('id', NEW.id, 'domain', NEW.domain, 'code', NEW.code, 'name_zh', NEW.name_zh, 'name_en', NEW.name_en, 'position', NEW.position));
END;

CREATE TRIGGER kind_logged_delete AFTER DELETE ON kind
BEGIN
    INSERT INTO change_row (tbl, row_id, before)
    VALUES ('kind', OLD.rowid, json_object('id', OLD.id, 'domain', OLD.domain, 'code', OLD.code, 'name_zh', OLD.name_zh, 'name_en', OLD.name_en, 'position', OLD.position));
END;

CREATE TRIGGER unit_logged_insert AFTER INSERT ON unit
BEGIN
    INSERT INTO change_row (tbl, row_id, after)
    VALUES ('unit', NEW.rowid, json_object('id', NEW.id, 'name', NEW.name, 'kind_id', NEW.kind_id, 'parent_id', NEW.parent_id, 'credit_code', NEW.credit_code, 'staff', NEW.staff, 'young_staff', NEW.young_staff, 'contact', NEW.contact, 'phone', NEW.phone, 'note', NEW.note, 'status', NEW.status, 'merged_into', NEW.merged_into, 'merged_on', NEW.merged_on));
END;

CREATE TRIGGER unit_logged_update AFTER UPDATE ON unit
WHEN OLD.id IS NOT NEW.id OR OLD.name IS NOT NEW.name OR OLD.kind_id IS NOT NEW.kind_id OR OLD.parent_id IS NOT NEW.parent_id OR OLD.credit_code IS NOT NEW.credit_code OR OLD.staff IS NOT NEW.staff OR OLD.young_staff IS NOT NEW.young_staff OR OLD.contact IS NOT NEW.contact OR OLD.phone IS NOT NEW.phone OR OLD.note IS NOT NEW.note OR OLD.status IS NOT NEW.status OR OLD.merged_into IS NOT NEW.merged_into OR OLD.merged_on IS NOT NEW.merged_on
BEGIN
    INSERT INTO change_row (tbl, row_id, before, after)
    VALUES ('unit', NEW.rowid, json_object('id', OLD.id, 'name', OLD.name, 'kind_id', OLD.kind_id, 'parent_id', OLD.parent_id, 'credit_code', OLD.credit_code, 'staff', OLD.staff, 'young_staff', OLD.young_staff, 'contact', OLD.contact, 'phone', OLD.phone, 'note', OLD.note, 'status', OLD.status, 'merged_into', OLD.merged_into, 'merged_on', OLD.merged_on), json_object('id', NEW.id, 'name', NEW.name, 'kind_id', NEW.kind_id, 'parent_id', NEW.parent_id, 'credit_code', NEW.credit_code, 'staff', NEW.staff, 'young_staff', NEW.young_staff, 'contact', NEW.contact, 'phone', NEW.phone, 'note', NEW.note, 'status', NEW.status, 'merged_into', NEW.merged_into, 'merged_on', NEW.merged_on));
END;

CREATE TRIGGER unit_logged_delete AFTER DELETE ON unit
BEGIN
    INSERT INTO change_row (tbl, row_id, before)
    VALUES ('unit', OLD.rowid, json_object('id', OLD.id, 'name', OLD.name, 'kind_id', OLD.kind_id, 'parent_id', OLD.parent_id, 'credit_code', OLD.credit_code, 'staff', OLD.staff, 'young_staff', OLD.young_staff, 'contact', OLD.contact, 'phone', OLD.phone, 'note', OLD.note, 'status', OLD.status, 'merged_into', OLD.merged_into, 'merged_on', OLD.merged_on));
END;

CREATE TRIGGER unit_alias_logged_insert AFTER INSERT ON unit_alias
BEGIN
    INSERT INTO change_row (tbl, row_id, after)
    VALUES ('unit_alias', NEW.rowid, json_object('alias', NEW.alias, 'unit_id', NEW.unit_id));
END;

CREATE TRIGGER unit_alias_logged_update AFTER UPDATE ON unit_alias
WHEN OLD.alias IS NOT NEW.alias OR OLD.unit_id IS NOT NEW.unit_id
BEGIN
    INSERT INTO change_row (tbl, row_id, before, after)
    VALUES ('unit_alias', NEW.rowid, json_object('alias', OLD.alias, 'unit_id', OLD.unit_id), json_object('alias', NEW.alias, 'unit_id', NEW.unit_id));
END;

CREATE TRIGGER unit_alias_logged_delete AFTER DELETE ON unit_alias
BEGIN
    INSERT INTO change_row (tbl, row_id, before)
    VALUES ('unit_alias', OLD.rowid, json_object('alias', OLD.alias, 'unit_id', OLD.unit_id));
END;

CREATE TRIGGER committee_logged_insert AFTER INSERT ON committee
BEGIN
    INSERT INTO change_row (tbl, row_id, after)
    VALUES ('committee', NEW.rowid, json_object('id', NEW.id, 'name', NEW.name, 'status', NEW.status, 'established_on', NEW.established_on, 'dissolved_on', NEW.dissolved_on, 'batch', NEW.batch, 'has_leadership', NEW.has_leadership, 'has_team', NEW.has_team, 'has_rules', NEW.has_rules, 'has_premises', NEW.has_premises, 'has_files', NEW.has_files, 'has_funds', NEW.has_funds, 'yearly_funds', NEW.yearly_funds, 'note', NEW.note));
END;

CREATE TRIGGER committee_logged_update AFTER UPDATE ON committee
WHEN OLD.id IS NOT NEW.id OR OLD.name IS NOT NEW.name OR OLD.status IS NOT NEW.status OR OLD.established_on IS NOT NEW.established_on OR OLD.dissolved_on IS NOT NEW.dissolved_on OR OLD.batch IS NOT NEW.batch OR OLD.has_leadership IS NOT NEW.has_leadership OR OLD.has_team IS NOT NEW.has_team OR OLD.has_rules IS NOT NEW.has_rules OR OLD.has_premises IS NOT NEW.has_premises OR OLD.has_files IS NOT NEW.has_files OR OLD.has_funds IS NOT NEW.has_funds OR OLD.yearly_funds IS NOT NEW.yearly_funds OR OLD.note IS NOT NEW.note
BEGIN
    INSERT INTO change_row (tbl, row_id, before, after)
    VALUES ('committee', NEW.rowid, json_object('id', OLD.id, 'name', OLD.name, 'status', OLD.status, 'established_on', OLD.established_on, 'dissolved_on', OLD.dissolved_on, 'batch', OLD.batch, 'has_leadership', OLD.has_leadership, 'has_team', OLD.has_team, 'has_rules', OLD.has_rules, 'has_premises', OLD.has_premises, 'has_files', OLD.has_files, 'has_funds', OLD.has_funds, 'yearly_funds', OLD.yearly_funds, 'note', OLD.note), json_object('id', NEW.id, 'name', NEW.name, 'status', NEW.status, 'established_on', NEW.established_on, 'dissolved_on', NEW.dissolved_on, 'batch', NEW.batch, 'has_leadership', NEW.has_leadership, 'has_team', NEW.has_team, 'has_rules', NEW.has_rules, 'has_premises', NEW.has_premises, 'has_files', NEW.has_files, 'has_funds', NEW.has_funds, 'yearly_funds', NEW.yearly_funds, 'note', NEW.note));
END;

CREATE TRIGGER committee_logged_delete AFTER DELETE ON committee
BEGIN
    INSERT INTO change_row (tbl, row_id, before)
    VALUES ('committee', OLD.rowid, json_object('id', OLD.id, 'name', OLD.name, 'status', OLD.status, 'established_on', OLD.established_on, 'dissolved_on', OLD.dissolved_on, 'batch', OLD.batch, 'has_leadership', OLD.has_leadership, 'has_team', OLD.has_team, 'has_rules', OLD.has_rules, 'has_premises', OLD.has_premises, 'has_files', OLD.has_files, 'has_funds', OLD.has_funds, 'yearly_funds', OLD.yearly_funds, 'note', OLD.note));
END;

CREATE TRIGGER committee_unit_logged_insert AFTER INSERT ON committee_unit
BEGIN
    INSERT INTO change_row (tbl, row_id, after)
    VALUES ('committee_unit', NEW.rowid, json_object('committee_id', NEW.committee_id, 'unit_id', NEW.unit_id, 'position', NEW.position, 'since', NEW.since, 'until', NEW.until));
END;

CREATE TRIGGER committee_unit_logged_update AFTER UPDATE ON committee_unit
WHEN OLD.committee_id IS NOT NEW.committee_id OR OLD.unit_id IS NOT NEW.unit_id OR OLD.position IS NOT NEW.position OR OLD.since IS NOT NEW.since OR OLD.until IS NOT NEW.until
BEGIN
    INSERT INTO change_row (tbl, row_id, before, after)
    VALUES ('committee_unit', NEW.rowid, json_object('committee_id', OLD.committee_id, 'unit_id', OLD.unit_id, 'position', OLD.position, 'since', OLD.since, 'until', OLD.until), json_object('committee_id', NEW.committee_id, 'unit_id', NEW.unit_id, 'position', NEW.position, 'since', NEW.since, 'until', NEW.until));
END;

CREATE TRIGGER committee_unit_logged_delete AFTER DELETE ON committee_unit
BEGIN
    INSERT INTO change_row (tbl, row_id, before)
    VALUES ('committee_unit', OLD.rowid, json_object('committee_id', OLD.committee_id, 'unit_id', OLD.unit_id, 'position', OLD.position, 'since', OLD.since, 'until', OLD.until));
END;

CREATE TRIGGER committee_member_logged_insert AFTER INSERT ON committee_member
BEGIN
    INSERT INTO change_row (tbl, row_id, after)
    VALUES ('committee_member', NEW.rowid, json_object('id', NEW.id, 'committee_id', NEW.committee_id, 'name', NEW.name, 'role', NEW.role, 'retired', NEW.retired, 'post', NEW.post, 'phone', NEW.phone, 'started_on', NEW.started_on, 'ended_on', NEW.ended_on, 'volunteer_id', NEW.volunteer_id));
END;

CREATE TRIGGER committee_member_logged_update AFTER UPDATE ON committee_member
WHEN OLD.id IS NOT NEW.id OR OLD.committee_id IS NOT NEW.committee_id OR OLD.name IS NOT NEW.name OR OLD.role IS NOT NEW.role OR OLD.retired IS NOT NEW.retired OR OLD.post IS NOT NEW.post OR OLD.phone IS NOT NEW.phone OR OLD.started_on IS NOT NEW.started_on OR OLD.ended_on IS NOT NEW.ended_on OR OLD.volunteer_id IS NOT NEW.volunteer_id
BEGIN
    INSERT INTO change_row (tbl, row_id, before, after)
    VALUES ('committee_member', NEW.rowid, json_object('id', OLD.id, 'committee_id', OLD.committee_id, 'name', OLD.name, 'role', OLD.role, 'retired', OLD.retired, 'post', OLD.post, 'phone', OLD.phone, 'started_on', OLD.started_on, 'ended_on', OLD.ended_on, 'volunteer_id', OLD.volunteer_id), json_object('id', NEW.id, 'committee_id', NEW.committee_id, 'name', NEW.name, 'role', NEW.role, 'retired', NEW.retired, 'post', NEW.post, 'phone', NEW.phone, 'started_on', NEW.started_on, 'ended_on', NEW.ended_on, 'volunteer_id', NEW.volunteer_id));
END;

CREATE TRIGGER committee_member_logged_delete AFTER DELETE ON committee_member
BEGIN
    INSERT INTO change_row (tbl, row_id, before)
    VALUES ('committee_member', OLD.rowid, json_object('id', OLD.id, 'committee_id', OLD.committee_id, 'name', OLD.name, 'role', OLD.role, 'retired', OLD.retired, 'post', OLD.post, 'phone', OLD.phone, 'started_on', OLD.started_on, 'ended_on', OLD.ended_on, 'volunteer_id', OLD.volunteer_id));
END;

-- A new volunteer is logged by the statement that inserts it
-- (src/db/volunteers.rs), not by a trigger: a trigger makes SQLite keep a
-- statement journal of every page each insert touches, which took a
-- quarter of a roster import's time.

CREATE TRIGGER volunteer_logged_update AFTER UPDATE ON volunteer
WHEN OLD.id IS NOT NEW.id OR OLD.name IS NOT NEW.name OR OLD.gender IS NOT NEW.gender OR OLD.birth_date IS NOT NEW.birth_date OR OLD.id_card IS NOT NEW.id_card OR OLD.phone IS NOT NEW.phone OR OLD.landline IS NOT NEW.landline OR OLD.category IS NOT NEW.category OR OLD.former_post IS NOT NEW.former_post OR OLD.retired_rank IS NOT NEW.retired_rank OR OLD.political_status IS NOT NEW.political_status OR OLD.specialties IS NOT NEW.specialties OR OLD.unit_id IS NOT NEW.unit_id OR OLD.joined_on IS NOT NEW.joined_on OR OLD.status IS NOT NEW.status OR OLD.status_on IS NOT NEW.status_on OR OLD.is_model IS NOT NEW.is_model OR OLD.note IS NOT NEW.note
BEGIN
    INSERT INTO change_row (tbl, row_id, before, after)
    VALUES ('volunteer', NEW.rowid, json_object('id', OLD.id, 'name', OLD.name, 'gender', OLD.gender, 'birth_date', OLD.birth_date, 'id_card', OLD.id_card, 'phone', OLD.phone, 'landline', OLD.landline, 'category', OLD.category, 'former_post', OLD.former_post, 'retired_rank', OLD.retired_rank, 'political_status', OLD.political_status, 'specialties', OLD.specialties, 'unit_id', OLD.unit_id, 'joined_on', OLD.joined_on, 'status', OLD.status, 'status_on', OLD.status_on, 'is_model', OLD.is_model, 'note', OLD.note), json_object('id', NEW.id, 'name', NEW.name, 'gender', NEW.gender, 'birth_date', NEW.birth_date, 'id_card', NEW.id_card, 'phone', NEW.phone, 'landline', NEW.landline, 'category', NEW.category, 'former_post', NEW.former_post, 'retired_rank', NEW.retired_rank, 'political_status', NEW.political_status, 'specialties', NEW.specialties, 'unit_id', NEW.unit_id, 'joined_on', NEW.joined_on, 'status', NEW.status, 'status_on', NEW.status_on, 'is_model', NEW.is_model, 'note', NEW.note));
END;

CREATE TRIGGER volunteer_logged_delete AFTER DELETE ON volunteer
BEGIN
    INSERT INTO change_row (tbl, row_id, before)
    VALUES ('volunteer', OLD.rowid, json_object('id', OLD.id, 'name', OLD.name, 'gender', OLD.gender, 'birth_date', OLD.birth_date, 'id_card', OLD.id_card, 'phone', OLD.phone, 'landline', OLD.landline, 'category', OLD.category, 'former_post', OLD.former_post, 'retired_rank', OLD.retired_rank, 'political_status', OLD.political_status, 'specialties', OLD.specialties, 'unit_id', OLD.unit_id, 'joined_on', OLD.joined_on, 'status', OLD.status, 'status_on', OLD.status_on, 'is_model', OLD.is_model, 'note', OLD.note));
END;

CREATE TRIGGER meeting_logged_insert AFTER INSERT ON meeting
BEGIN
    INSERT INTO change_row (tbl, row_id, after)
    VALUES ('meeting', NEW.rowid, json_object('id', NEW.id, 'held_on', NEW.held_on, 'title', NEW.title, 'kind_id', NEW.kind_id, 'location', NEW.location, 'presider', NEW.presider, 'attendees', NEW.attendees, 'note', NEW.note));
END;

CREATE TRIGGER meeting_logged_update AFTER UPDATE ON meeting
WHEN OLD.id IS NOT NEW.id OR OLD.held_on IS NOT NEW.held_on OR OLD.title IS NOT NEW.title OR OLD.kind_id IS NOT NEW.kind_id OR OLD.location IS NOT NEW.location OR OLD.presider IS NOT NEW.presider OR OLD.attendees IS NOT NEW.attendees OR OLD.note IS NOT NEW.note
BEGIN
    INSERT INTO change_row (tbl, row_id, before, after)
    VALUES ('meeting', NEW.rowid, json_object('id', OLD.id, 'held_on', OLD.held_on, 'title', OLD.title, 'kind_id', OLD.kind_id, 'location', OLD.location, 'presider', OLD.presider, 'attendees', OLD.attendees, 'note', OLD.note), json_object('id', NEW.id, 'held_on', NEW.held_on, 'title', NEW.title, 'kind_id', NEW.kind_id, 'location', NEW.location, 'presider', NEW.presider, 'attendees', NEW.attendees, 'note', NEW.note));
END;

CREATE TRIGGER meeting_logged_delete AFTER DELETE ON meeting
BEGIN
    INSERT INTO change_row (tbl, row_id, before)
    VALUES ('meeting', OLD.rowid, json_object('id', OLD.id, 'held_on', OLD.held_on, 'title', OLD.title, 'kind_id', OLD.kind_id, 'location', OLD.location, 'presider', OLD.presider, 'attendees', OLD.attendees, 'note', OLD.note));
END;

CREATE TRIGGER meeting_host_logged_insert AFTER INSERT ON meeting_host
BEGIN
    INSERT INTO change_row (tbl, row_id, after)
    VALUES ('meeting_host', NEW.rowid, json_object('meeting_id', NEW.meeting_id, 'position', NEW.position, 'unit_id', NEW.unit_id, 'name', NEW.name));
END;

CREATE TRIGGER meeting_host_logged_update AFTER UPDATE ON meeting_host
WHEN OLD.meeting_id IS NOT NEW.meeting_id OR OLD.position IS NOT NEW.position OR OLD.unit_id IS NOT NEW.unit_id OR OLD.name IS NOT NEW.name
BEGIN
    INSERT INTO change_row (tbl, row_id, before, after)
    VALUES ('meeting_host', NEW.rowid, json_object('meeting_id', OLD.meeting_id, 'position', OLD.position, 'unit_id', OLD.unit_id, 'name', OLD.name), json_object('meeting_id', NEW.meeting_id, 'position', NEW.position, 'unit_id', NEW.unit_id, 'name', NEW.name));
END;

CREATE TRIGGER meeting_host_logged_delete AFTER DELETE ON meeting_host
BEGIN
    INSERT INTO change_row (tbl, row_id, before)
    VALUES ('meeting_host', OLD.rowid, json_object('meeting_id', OLD.meeting_id, 'position', OLD.position, 'unit_id', OLD.unit_id, 'name', OLD.name));
END;

CREATE TRIGGER meeting_unit_logged_insert AFTER INSERT ON meeting_unit
BEGIN
    INSERT INTO change_row (tbl, row_id, after)
    VALUES ('meeting_unit', NEW.rowid, json_object('meeting_id', NEW.meeting_id, 'unit_id', NEW.unit_id, 'attendees', NEW.attendees));
END;

CREATE TRIGGER meeting_unit_logged_update AFTER UPDATE ON meeting_unit
WHEN OLD.meeting_id IS NOT NEW.meeting_id OR OLD.unit_id IS NOT NEW.unit_id OR OLD.attendees IS NOT NEW.attendees
BEGIN
    INSERT INTO change_row (tbl, row_id, before, after)
    VALUES ('meeting_unit', NEW.rowid, json_object('meeting_id', OLD.meeting_id, 'unit_id', OLD.unit_id, 'attendees', OLD.attendees), json_object('meeting_id', NEW.meeting_id, 'unit_id', NEW.unit_id, 'attendees', NEW.attendees));
END;

CREATE TRIGGER meeting_unit_logged_delete AFTER DELETE ON meeting_unit
BEGIN
    INSERT INTO change_row (tbl, row_id, before)
    VALUES ('meeting_unit', OLD.rowid, json_object('meeting_id', OLD.meeting_id, 'unit_id', OLD.unit_id, 'attendees', OLD.attendees));
END;

CREATE TRIGGER meeting_attendee_logged_insert AFTER INSERT ON meeting_attendee
BEGIN
    INSERT INTO change_row (tbl, row_id, after)
    VALUES ('meeting_attendee', NEW.rowid, json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'unit_id', NEW.unit_id, 'name', NEW.name, 'post', NEW.post, 'signed_at', NEW.signed_at));
END;

CREATE TRIGGER meeting_attendee_logged_update AFTER UPDATE ON meeting_attendee
WHEN OLD.id IS NOT NEW.id OR OLD.meeting_id IS NOT NEW.meeting_id OR OLD.unit_id IS NOT NEW.unit_id OR OLD.name IS NOT NEW.name OR OLD.post IS NOT NEW.post OR OLD.signed_at IS NOT NEW.signed_at
BEGIN
    INSERT INTO change_row (tbl, row_id, before, after)
    VALUES ('meeting_attendee', NEW.rowid, json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'unit_id', OLD.unit_id, 'name', OLD.name, 'post', OLD.post, 'signed_at', OLD.signed_at), json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'unit_id', NEW.unit_id, 'name', NEW.name, 'post', NEW.post, 'signed_at', NEW.signed_at));
END;

CREATE TRIGGER meeting_attendee_logged_delete AFTER DELETE ON meeting_attendee
BEGIN
    INSERT INTO change_row (tbl, row_id, before)
    VALUES ('meeting_attendee', OLD.rowid, json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'unit_id', OLD.unit_id, 'name', OLD.name, 'post', OLD.post, 'signed_at', OLD.signed_at));
END;

CREATE TRIGGER meeting_speaker_logged_insert AFTER INSERT ON meeting_speaker
BEGIN
    INSERT INTO change_row (tbl, row_id, after)
    VALUES ('meeting_speaker', NEW.rowid, json_object('meeting_id', NEW.meeting_id, 'position', NEW.position, 'unit_id', NEW.unit_id, 'person', NEW.person, 'topic', NEW.topic));
END;

CREATE TRIGGER meeting_speaker_logged_update AFTER UPDATE ON meeting_speaker
WHEN OLD.meeting_id IS NOT NEW.meeting_id OR OLD.position IS NOT NEW.position OR OLD.unit_id IS NOT NEW.unit_id OR OLD.person IS NOT NEW.person OR OLD.topic IS NOT NEW.topic
BEGIN
    INSERT INTO change_row (tbl, row_id, before, after)
    VALUES ('meeting_speaker', NEW.rowid, json_object('meeting_id', OLD.meeting_id, 'position', OLD.position, 'unit_id', OLD.unit_id, 'person', OLD.person, 'topic', OLD.topic), json_object('meeting_id', NEW.meeting_id, 'position', NEW.position, 'unit_id', NEW.unit_id, 'person', NEW.person, 'topic', NEW.topic));
END;

CREATE TRIGGER meeting_speaker_logged_delete AFTER DELETE ON meeting_speaker
BEGIN
    INSERT INTO change_row (tbl, row_id, before)
    VALUES ('meeting_speaker', OLD.rowid, json_object('meeting_id', OLD.meeting_id, 'position', OLD.position, 'unit_id', OLD.unit_id, 'person', OLD.person, 'topic', OLD.topic));
END;

CREATE TRIGGER activity_logged_insert AFTER INSERT ON activity
BEGIN
    INSERT INTO change_row (tbl, row_id, after)
    VALUES ('activity', NEW.rowid, json_object('id', NEW.id, 'unit_id', NEW.unit_id, 'held_on', NEW.held_on, 'until', NEW.until, 'kind_id', NEW.kind_id, 'title', NEW.title, 'youth', NEW.youth, 'volunteers', NEW.volunteers, 'funds', NEW.funds, 'students', NEW.students, 'location', NEW.location, 'summary', NEW.summary));
END;

CREATE TRIGGER activity_logged_update AFTER UPDATE ON activity
WHEN OLD.id IS NOT NEW.id OR OLD.unit_id IS NOT NEW.unit_id OR OLD.held_on IS NOT NEW.held_on OR OLD.until IS NOT NEW.until OR OLD.kind_id IS NOT NEW.kind_id OR OLD.title IS NOT NEW.title OR OLD.youth IS NOT NEW.youth OR OLD.volunteers IS NOT NEW.volunteers OR OLD.funds IS NOT NEW.funds OR OLD.students IS NOT NEW.students OR OLD.location IS NOT NEW.location OR OLD.summary IS NOT NEW.summary
BEGIN
    INSERT INTO change_row (tbl, row_id, before, after)
    VALUES ('activity', NEW.rowid, json_object('id', OLD.id, 'unit_id', OLD.unit_id, 'held_on', OLD.held_on, 'until', OLD.until, 'kind_id', OLD.kind_id, 'title', OLD.title, 'youth', OLD.youth, 'volunteers', OLD.volunteers, 'funds', OLD.funds, 'students', OLD.students, 'location', OLD.location, 'summary', OLD.summary), json_object('id', NEW.id, 'unit_id', NEW.unit_id, 'held_on', NEW.held_on, 'until', NEW.until, 'kind_id', NEW.kind_id, 'title', NEW.title, 'youth', NEW.youth, 'volunteers', NEW.volunteers, 'funds', NEW.funds, 'students', NEW.students, 'location', NEW.location, 'summary', NEW.summary));
END;

CREATE TRIGGER activity_logged_delete AFTER DELETE ON activity
BEGIN
    INSERT INTO change_row (tbl, row_id, before)
    VALUES ('activity', OLD.rowid, json_object('id', OLD.id, 'unit_id', OLD.unit_id, 'held_on', OLD.held_on, 'until', OLD.until, 'kind_id', OLD.kind_id, 'title', OLD.title, 'youth', OLD.youth, 'volunteers', OLD.volunteers, 'funds', OLD.funds, 'students', OLD.students, 'location', OLD.location, 'summary', OLD.summary));
END;

CREATE TRIGGER setting_logged_insert AFTER INSERT ON setting
BEGIN
    INSERT INTO change_row (tbl, row_id, after)
    VALUES ('setting', NEW.rowid, json_object('key', NEW.key, 'value', NEW.value));
END;

CREATE TRIGGER setting_logged_update AFTER UPDATE ON setting
WHEN OLD.key IS NOT NEW.key OR OLD.value IS NOT NEW.value
BEGIN
    INSERT INTO change_row (tbl, row_id, before, after)
    VALUES ('setting', NEW.rowid, json_object('key', OLD.key, 'value', OLD.value), json_object('key', NEW.key, 'value', NEW.value));
END;

CREATE TRIGGER setting_logged_delete AFTER DELETE ON setting
BEGIN
    INSERT INTO change_row (tbl, row_id, before)
    VALUES ('setting', OLD.rowid, json_object('key', OLD.key, 'value', OLD.value));
END;

CREATE TRIGGER bulletin_logged_insert AFTER INSERT ON bulletin
BEGIN
    INSERT INTO change_row (tbl, row_id, after)
    VALUES ('bulletin', NEW.rowid, json_object('period_from', NEW.period_from, 'period_to', NEW.period_to, 'year', NEW.year, 'issue', NEW.issue, 'total_issue', NEW.total_issue, 'issued_on', NEW.issued_on));
END;

CREATE TRIGGER bulletin_logged_update AFTER UPDATE ON bulletin
WHEN OLD.period_from IS NOT NEW.period_from OR OLD.period_to IS NOT NEW.period_to OR OLD.year IS NOT NEW.year OR OLD.issue IS NOT NEW.issue OR OLD.total_issue IS NOT NEW.total_issue OR OLD.issued_on IS NOT NEW.issued_on
BEGIN
    INSERT INTO change_row (tbl, row_id, before, after)
    VALUES ('bulletin', NEW.rowid, json_object('period_from', OLD.period_from, 'period_to', OLD.period_to, 'year', OLD.year, 'issue', OLD.issue, 'total_issue', OLD.total_issue, 'issued_on', OLD.issued_on), json_object('period_from', NEW.period_from, 'period_to', NEW.period_to, 'year', NEW.year, 'issue', NEW.issue, 'total_issue', NEW.total_issue, 'issued_on', NEW.issued_on));
END;

CREATE TRIGGER bulletin_logged_delete AFTER DELETE ON bulletin
BEGIN
    INSERT INTO change_row (tbl, row_id, before)
    VALUES ('bulletin', OLD.rowid, json_object('period_from', OLD.period_from, 'period_to', OLD.period_to, 'year', OLD.year, 'issue', OLD.issue, 'total_issue', OLD.total_issue, 'issued_on', OLD.issued_on));
END;

