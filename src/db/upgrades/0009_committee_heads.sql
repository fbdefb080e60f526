-- Version 9: the serving director and executive deputy of every committee,
-- which `committee list` shows, in an index of their own: the list read
-- all members (27,000 in a province) to find the 7,000 it shows.

CREATE INDEX committee_member_heads ON committee_member (committee_id, id, role, name)
WHERE ended_on IS NULL AND role IN ('director', 'executive_deputy');
