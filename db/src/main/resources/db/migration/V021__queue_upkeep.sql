-- "Which items of this project has this annotator taken?" must cost O(their work), not O(the project): the unique
-- index leads with item_id, so an anti-join probing it by (project_id, annotator_id) would read every taken slot.
CREATE INDEX slots_by_annotator ON slots (project_id, annotator_id, item_id) WHERE annotator_id IS NOT NULL;

-- The queue head churns: every lease and answer leaves a dead index entry in slots_queue. Vacuum after a fixed number
-- of changes rather than a share of a table that may hold tens of millions of slots, and always clean the indexes,
-- so next-task's index walk stays short.
ALTER TABLE slots SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000,
                       autovacuum_analyze_scale_factor = 0.02, vacuum_index_cleanup = on);
ALTER TABLE leases SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000);
