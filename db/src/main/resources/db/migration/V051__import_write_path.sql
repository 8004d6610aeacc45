-- The write path of a million-item import, measured in bench/import (BENCHMARKS.md, issue 4).

-- Item imports write their hardness mark themselves (ItemImport, in the importing transaction). The statement trigger
-- it replaces declared a transition table, which makes PostgreSQL keep a second copy of every inserted row, about
-- 300 MB on a million-item import, only to read the one project id from it. Items are inserted nowhere else.
DROP TRIGGER items_mark_insert ON items;

-- Slot rows are the queue's index of items, never written from outside: every statement that inserts one selects the
-- item in the same statement (SlotSync, AssignmentRepository), and items are never deleted. The foreign key's
-- per-row check (a key-share lock on the item just written) took 4.3 of 6.7 s when a million first slots were made.
ALTER TABLE slots DROP CONSTRAINT slots_project_id_item_id_fkey;
