-- Version 7: a new volunteer is logged by the statement that inserts it
-- (src/db/volunteers.rs) instead of a trigger, which made SQLite keep a
-- statement journal of every page each insert touched: a quarter of a
-- roster import's time. The rows logged are the same.

DROP TRIGGER volunteer_logged_insert;
