-- The SQL console's tables (queries/console.py): each section is copied, as a table of that
-- name, into the database file the console's queries open read-only. They are the names the
-- named queries (queries/*.sql) use, so every example runs there as it does in the app, plus
-- the register store's aggregate tables. The raw register records (person codes, rows of
-- files) stay out: the console sees what the pages see. Local file names of the bundle's
-- articles stay out too (`source_file`, `file`: for the tests, never shown).

-- name: facts
select * exclude (source_file) from facts;

-- name: sources
select * exclude (file) from sources;

-- name: terms
select * from terms;

-- name: areas
select * from areas;

-- name: metrics
select * from metrics;

-- name: units
select * from units;

-- name: data_quality
select * from data_quality;

-- name: poverty_standards
select * from poverty_standards;

-- name: district_profiles
select * from district_profiles;

-- name: rotation_moves
select * from rotation_moves;

-- name: register_imports
select * from store.imports;

-- name: register_rotation_counts
select * from store.rotation_counts;

-- name: register_office_holder_counts
select * from store.office_holder_counts;

-- name: register_poverty_counts
select * from store.poverty_counts;
