-- Version 2: the 五老 volunteer register, and committee members linked to it.

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

ALTER TABLE committee_member ADD COLUMN volunteer_id INTEGER REFERENCES volunteer (id);

CREATE INDEX committee_member_volunteer ON committee_member (volunteer_id);
