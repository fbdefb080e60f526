-- Version 4: meetings (会议) and the activities (活动) units report; their
-- kinds join unit kinds in the kind table, whose domain check is widened
-- (SQLite changes a CHECK by rebuilding the table).

CREATE TABLE kind_new (
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

INSERT INTO kind_new (id, domain, code, name_zh, name_en, position)
    SELECT id, domain, code, name_zh, name_en, position FROM kind;
DROP TABLE kind;
ALTER TABLE kind_new RENAME TO kind;

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
