-- Version 3: a committee's cover of a unit has a beginning and an end, so
-- that a unit leaving a joint committee or merged into another keeps its
-- history, and coverage on a past date is what it was then.

ALTER TABLE committee_unit ADD COLUMN since TEXT;
ALTER TABLE committee_unit ADD COLUMN until TEXT;
