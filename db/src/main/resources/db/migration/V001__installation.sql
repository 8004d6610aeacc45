-- One row per database: lets operators (and the restart test) tell whether a server
-- came back on the same data or on a fresh database.
CREATE TABLE installation (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    uuid        uuid        NOT NULL DEFAULT gen_random_uuid(),
    created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO installation DEFAULT VALUES;
