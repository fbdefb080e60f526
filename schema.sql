-- ggw: the current schema, applied as a whole to a new database file.
-- An older file is brought here by the numbered upgrades in src/db/schema.rs;
-- a test checks that both roads end in the same schema.
--
-- Dates are ISO text (YYYY-MM-DD); money is whole fen (1/100 yuan);
-- enumerations are stored as their English codes. Ids are never reused
-- (AUTOINCREMENT), so that an id in a message or a log names one record.

-- Kinds the office may extend (unit kinds now; meeting and activity kinds
-- share the table under their own domain).
CREATE TABLE kind (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    domain    TEXT NOT NULL CHECK (domain IN ('unit')),
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
