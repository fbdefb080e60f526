-- Version 5: the office's own settings, and the bulletins (《工作简报》)
-- written, with the issue numbers each was given.

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
