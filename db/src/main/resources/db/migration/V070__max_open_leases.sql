-- Fair leases (issue 14): an annotator holds at most this many open leases per project (default 2: the item on screen
-- and the prefetched one). Asking next-task for more gives back the oldest open lease instead of a new slot, so one
-- annotator (or a script) can no longer hoard items that others are waiting for.
ALTER TABLE projects ADD COLUMN max_open_leases int NOT NULL DEFAULT 2 CHECK (max_open_leases BETWEEN 1 AND 100);
