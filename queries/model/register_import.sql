-- Checking and importing register files (queries/registers/checks.py, queries/store.py), in
-- the import's own DuckDB connection: a scratch database on disk (so a 10-million-row file
-- spills instead of filling memory), with the next snapshot attached as `store`.
-- Each file is staged as checked text (`raw_<n>`: trimmed, NFC), seen with its lines in the file
-- (`raw_<n>_lined`), then typed into `typed_<kind>` with the other files of its kind; every
-- check reads those and adds problem rows to `problems`:
--     file_index, line, column_name, reason (a catalogue key), value, other_file_index,
--     other_line, other_import
-- `{name}` marks an identifier filled in from the register model (never a value: values
-- are bound as `$parameters`).

-- name: macros
-- Text as the checks see it: spaces and no-break spaces trimmed, NFC (Windows-1258 spells
-- tones with combining marks), empty as NULL. DuckDB's NFC of non-ASCII text ends at a NUL
-- ("Bản<NUL>Phố" would become "Bản"), so text holding one is kept whole, for the control
-- character check to refuse.
create or replace macro reg_trimmed(s) as trim(coalesce(s, ''), ' ' || chr(160));
create or replace macro reg_text(s) as nullif(
    case when contains(reg_trimmed(s), chr(0)) then reg_trimmed(s) else nfc_normalize(reg_trimmed(s)) end, '');
create or replace macro reg_date(s) as coalesce(try_strptime(s, '%Y-%m-%d'), try_strptime(s, '%d/%m/%Y'))::date;
-- Thousands grouped with dots or commas, consistently: "2.000", "1.234.567", "2,000".
create or replace macro reg_grouped(s) as regexp_full_match(s, '[0-9]{1,3}(\.[0-9]{3})+|[0-9]{1,3}(,[0-9]{3})+');
-- A whole number's digits (sign kept, grouping removed); NULL when it is not one.
create or replace macro reg_digits(s) as case
    when regexp_full_match(s, '[+-]?[0-9]+') then s
    when reg_grouped(s) then regexp_replace(s, '[.,]', '', 'g')
end;
create or replace macro reg_code(s, spellings, codes) as codes[list_position(spellings, lower(s))];
create or replace macro reg_control(s) as regexp_extract(s, '[\x00-\x1f\x7f-\x9f]');

-- name: reference
-- What the files are checked against: the bundle's areas and terms (frames `bundle_areas_frame`
-- and `bundle_terms_frame`) and the districts and communes declared in the store.
create table bundle_areas as select * from bundle_areas_frame;
create table ref_terms as
select term, starts_on::date as starts_on, ends_on::date as ends_on from bundle_terms_frame;
create table ref_districts as
select area as district, province from bundle_areas where area_level = 'district'
union
select district, province from store.register_areas where area_level = 'district';
create table ref_communes as
select area as commune, district from bundle_areas where area_level = 'commune'
union
select area, district from store.register_areas where area_level = 'commune';
create table ref_complete as
select distinct district from store.register_areas where area_level = 'district' and complete;

-- name: stage_csv
-- A CSV file's rows as text, in file order, so a row's rowid is its record's index. (Checked
-- text, reg_text, is applied when the rows are read back: DuckDB then works on each distinct
-- value once, several times faster than on the parser's output.)
create table {table} as
select *
from read_csv(
    $path, header = true, auto_detect = false, columns = $columns, delim = $delimiter,
    quote = '"', escape = '"', skip = $skip, encoding = 'utf-8', max_line_size = 8388608
);

-- name: stage_frame
create table {table} as select * from staged_frame;

-- name: stage_lines
-- Each record's line in the file: from record `first_row` on, its rowid + shift (blank lines
-- and fields spanning lines add shifts; a plain file has one). And the records whose cells
-- are all empty, which are left out.
create table {table}_shifts as
select unnest($firsts::bigint[]) as first_row, unnest($shifts::bigint[]) as shift;
create table {table}_blank as select unnest($blank::bigint[]) as record;

-- name: blank_rows
-- Rows whose cells are all empty or spaces (`{cells}`: each cell as checked text): left out.
select rowid from {table} where coalesce({cells}) is null;

-- name: lined
-- A staged file's rows as checked text (`{cleaned}`) with their lines, for a file of one
-- shift (a sum)...
create view {table}_lined as
select r.rowid + (select shift from {table}_shifts) as line, {cleaned}
from {table} as r
where r.rowid not in (select record from {table}_blank);

-- name: lined_shifted
-- ... and for a file whose lines shift (blank lines, fields spanning lines: an as-of join).
create view {table}_lined as
select r.rowid + s.shift as line, {cleaned}
from {table} as r
asof join {table}_shifts as s on r.rowid >= s.first_row
where r.rowid not in (select record from {table}_blank);

-- name: problems_table
-- Every problem row the checks find; only the first ones are listed, the rest counted.
create table problems (
    file_index integer, line bigint, column_name varchar, reason varchar, value varchar,
    other_file_index integer, other_line bigint, other_import varchar
);

-- name: problems_found
select count(*) from problems where list_contains($fresh, file_index);

-- name: problems_listed
select * from problems
where list_contains($fresh, file_index)
order by file_index, line, column_name
limit $limit;

-- name: field_problems
-- Every bad cell of one column: the first reason that applies to it.
with cells as (
    select
        $file_index as file_index, line, {column} as v,
        case
            when {column} is null then case when $required then 'reg_missing_value' end
            when reg_control({column}) <> '' then 'reg_control_character'
            when length({column}) > $max_length then 'reg_text_too_long'
            when $kind = 'date' and reg_date({column}) is null then 'reg_not_a_date'
            when $kind = 'year' and not regexp_full_match({column}, '[0-9]{4}') then 'reg_not_a_year'
            when $kind = 'count' and reg_digits({column}) is null then 'reg_not_a_count'
            when $kind = 'count' and starts_with(reg_digits({column}), '-')
                and ltrim(reg_digits({column}), '-0') <> '' then 'reg_negative_count'
            when $kind = 'count' and (length(ltrim(reg_digits({column}), '+-0')) > 12
                or reg_digits({column})::hugeint > $count_limit) then 'reg_count_too_large'
            when $kind in ('level', 'position', 'bool')
                and list_position($spellings, lower({column})) is null then 'reg_not_allowed'
        end as reason
    from {lined}
)

select
    file_index, line, $column as column_name, reason,
    case
        when reason = 'reg_control_character' then printf('U+%04X', unicode(reg_control(v)))
        when reason = 'reg_text_too_long' then length(v)::varchar
        else left(v, 80)
    end as value,
    null::integer as other_file_index, null::bigint as other_line, null::varchar as other_import
from cells
where reason is not null;

-- name: grouped_counts
-- Counts written with thousands grouped ("2.000"): read as thousands, and said in the report.
select count(*) as n, min(line) as first_line, arg_min({column}, line) as example
from {lined}
where reg_grouped({column});

-- name: file_rows
select file_index, count(*) as n from typed_{kind} group by file_index;

-- name: checksums
-- Per file, a digest of its typed records (not its bytes: the same register saved as CSV,
-- Windows-1258 or XLSX is the same import); combined with SHA-256 in Python.
select file_index, count(*) as n, bit_xor(hash({columns})) as x, sum(hash({columns})::hugeint) as s
from typed_{kind}
group by file_index;

-- name: drop_file
delete from typed_{kind} where file_index = $file_index;

-- name: district_problems
select
    file_index, line, 'district' as column_name, 'reg_unknown_district' as reason,
    left(district, 80) as value,
    null::integer as other_file_index, null::bigint as other_line, null::varchar as other_import
from typed_{kind}
where district is not null and district not in (select district from ref_districts);

-- name: commune_problems
-- Communes the rows name (`{named}`: the kind's named_communes) that are not in their district,
-- where the district's commune list is complete.
select
    file_index, line, column_name, 'reg_commune_not_in_district' as reason, left(area, 80) as value,
    null::integer as other_file_index, null::bigint as other_line, null::varchar as other_import
from ({named}) as n
where district in (select district from ref_complete)
    and not exists (select 1 from ref_communes as c where c.commune = n.area and c.district = n.district);

-- name: duplicate_problems
-- Rows repeating the key of an earlier row, in the same file or an earlier file of the import.
select
    file_index, line, $key_label as column_name, 'reg_duplicate' as reason, null as value,
    first_file as other_file_index, first_line as other_line, null::varchar as other_import
from (
    select
        file_index, line,
        first_value(file_index) over by_key as first_file,
        first_value(line) over by_key as first_line,
        row_number() over by_key as nth
    from typed_{kind}
    where {key_present}
    window by_key as (partition by {key} order by file_index, line)
)
where nth > 1;

-- name: stored_checksums
select checksum, import_id from store.imports;

-- name: batch
-- The files this import writes (frame `batch_frame`): index, import id, kind, name, checksum,
-- rows, generated.
create table batch as select * from batch_frame;

-- name: write_imports
insert into store.imports
select import_id, kind, file_name, checksum, $imported_at, row_count, generated from batch;

-- name: new_communes
-- Communes the files name that the bundle does not know, in known districts: each import
-- keeps its own (the app's view de-duplicates them), so removing one import never takes away
-- a commune another one names. `known`: the store knew it already (not new to the dashboard).
create table new_communes as
select distinct
    b.import_id, n.file_index, n.area, n.district, d.province,
    exists (select 1 from ref_communes as c where c.commune = n.area and c.district = n.district) as known
from ({named}) as n
join batch as b using (file_index)
join ref_districts as d on d.district = n.district
where n.area is not null
    and not exists (
        select 1 from bundle_areas as a
        where a.area = n.area and a.area_level = 'commune' and a.district = n.district
    );

-- name: new_communes_named
-- Per file, the communes new to the dashboard (said in the first file that names each): how
-- many, and the first 20 by name.
select
    file_index, count(*) as n,
    string_agg(area, ', ' order by area) filter (where nth <= 20)
        || case when count(*) > 20 then ', …' else '' end as names
from (
    select *, row_number() over (partition by file_index order by area) as nth
    from new_communes
    where not known
    qualify row_number() over (partition by area, district order by file_index) = 1
)
group by file_index;

-- name: write_new_communes
insert into store.register_areas (area, area_level, district, province, import_id)
select area, 'commune', district, province, import_id from new_communes;

-- name: unnamed_values
-- Cells in a column without a header name (an empty trailing column of Excel's is fine).
select min(line) from {lined} where {column} is not null;

-- Typed values, one expression per kind of column (`{column}` is the checked text).
-- name: typed_text
{column}
-- name: typed_date
reg_date({column})
-- name: typed_count
try_cast(reg_digits({column}) as bigint)
-- name: typed_year
try_cast(case when regexp_full_match({column}, '[0-9]{4}') then {column} end as integer)
-- name: typed_level
reg_code({column}, $level_spellings, $level_codes)
-- name: typed_position
reg_code({column}, $position_spellings, $position_codes)
-- name: typed_bool
reg_code({column}, $bool_spellings, $bool_codes)::boolean
