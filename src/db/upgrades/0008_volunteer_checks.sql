-- Version 8: the volunteer table's checks of codes are written with OR,
-- not IN: SQLite built a temporary table for each IN list of three or more
-- at every insert, half of a roster import's time. SQLite changes a CHECK
-- by rebuilding the table; ids, and the highest id ever given (ids are
-- never reused), are kept, and the indexes and the change log's triggers
-- are made again.

CREATE TABLE volunteer_new (
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

INSERT INTO volunteer_new SELECT * FROM volunteer;
DELETE FROM sqlite_sequence WHERE name = 'volunteer_new';
UPDATE sqlite_sequence SET name = 'volunteer_new' WHERE name = 'volunteer';
DROP TABLE volunteer;
ALTER TABLE volunteer_new RENAME TO volunteer;

CREATE INDEX volunteer_unit ON volunteer (unit_id);
CREATE INDEX volunteer_name_birth ON volunteer (name, birth_date);

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
