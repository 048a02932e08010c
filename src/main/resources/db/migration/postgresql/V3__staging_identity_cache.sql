-- Staging speed (the H2 migration of the same version has the reason): each session takes device_entry ids
-- from its identity sequence in blocks rather than one at a time. Unused values are skipped: ids need only be unique.
ALTER TABLE device_entry ALTER COLUMN id SET CACHE 1000;
