-- The register store (queries/store.py). A snapshot is a DuckDB file holding every import:
-- the raw records, with their line in the file, and the small aggregate tables the
-- dashboard's register views (registers.sql) read. Each process copies those aggregates into
-- its own in-memory schema `store`, so a page never holds a snapshot file open.

-- name: aggregates
create table if not exists store.imports (
    import_id varchar primary key, kind varchar not null, file_name varchar not null,
    checksum varchar not null unique, imported_at timestamp not null, row_count bigint not null,
    generated boolean not null
);
create table if not exists store.rotation_counts (
    import_id varchar not null, district varchar, term varchar, kind varchar, events bigint,
    first_start date, last_start date
);
create table if not exists store.office_holder_counts (
    import_id varchar not null, district varchar, as_of date, term varchar, position varchar,
    posts bigint, non_local bigint
);
create table if not exists store.poverty_counts (
    import_id varchar not null, district varchar, commune varchar, year integer,
    households bigint, poor bigint, near_poor bigint
);
create table if not exists store.register_areas (
    area varchar not null, area_level varchar not null, district varchar not null,
    province varchar, complete boolean not null default false, import_id varchar
);

-- name: records
create table if not exists store.rotation_events (
    import_id varchar not null, row_number bigint, person_code varchar, district varchar,
    from_unit varchar, from_level varchar, to_unit varchar, to_level varchar, position varchar,
    start_date date, end_date date, kind varchar, term varchar
);
create table if not exists store.office_holders (
    import_id varchar not null, row_number bigint, district varchar, commune varchar,
    position varchar, person_code varchar, is_local boolean, as_of date, term varchar
);
create table if not exists store.commune_poverty (
    import_id varchar not null, row_number bigint, district varchar, commune varchar, year integer,
    households bigint, poor_households bigint, near_poor_households bigint
);

-- name: copy_snapshot
-- The aggregates of the snapshot attached as `snapshot`, into memory (one transaction, with
-- the rebuild of `facts` after it, so a query sees the old state or the new, never a mix).
delete from store.imports;
insert into store.imports select * from snapshot.imports;
delete from store.rotation_counts;
insert into store.rotation_counts select * from snapshot.rotation_counts;
delete from store.office_holder_counts;
insert into store.office_holder_counts select * from snapshot.office_holder_counts;
delete from store.poverty_counts;
insert into store.poverty_counts select * from snapshot.poverty_counts;
delete from store.register_areas;
insert into store.register_areas select * from snapshot.register_areas;

-- name: clear_copy
delete from store.imports;
delete from store.rotation_counts;
delete from store.office_holder_counts;
delete from store.poverty_counts;
delete from store.register_areas;

-- name: free_share
-- The share of the checkpointed snapshot (attached as `store`) that is free blocks: a removal
-- frees blocks that DuckDB reuses but does not give back, and every copy would carry them.
select coalesce(free_blocks / nullif(total_blocks, 0), 0)
from pragma_database_size()
where database_name = 'store';

-- name: compact
-- The snapshot rewritten into a fresh file attached as `compact` (tables, constraints, rows).
copy from database store to compact;

-- name: has_import
select count(*) from store.imports where import_id = $import_id;

-- name: remove_import
-- One import and everything it brought.
delete from store.imports where import_id = $import_id;
delete from store.rotation_events where import_id = $import_id;
delete from store.office_holders where import_id = $import_id;
delete from store.commune_poverty where import_id = $import_id;
delete from store.rotation_counts where import_id = $import_id;
delete from store.office_holder_counts where import_id = $import_id;
delete from store.poverty_counts where import_id = $import_id;
delete from store.register_areas where import_id = $import_id;

-- name: declared
create table declared as select * from declared_frame;

-- name: declare_districts
-- Extra known districts (`declared`: district, province, commune): a district given with
-- communes has a complete commune list. Replaces earlier declarations of them.
delete from store.register_areas
where import_id is null and district in (select district from declared);
insert into store.register_areas (area, area_level, district, province, complete)
select district, 'district', district, any_value(province), bool_or(commune is not null)
from declared
group by district
union all
select distinct commune, 'commune', district, province, true
from declared
where commune is not null;
