-- Rotation events (see register_import.sql for the tables and the problem rows): the kind of
-- move from the two levels, the party term from the start date; a person in two posts at once,
-- within the import or against the store, is a problem.

-- name: typed
-- One file's rows typed (`{typed}`), with the kind of move and the term of its start.
select t.*, reg_code(t.from_level || '>' || t.to_level, $kind_pairs, $kind_names) as kind, r.term
from ({typed}) as t
left join ref_terms as r on t.start_date between r.starts_on and r.ends_on

-- name: problems
with no_repeats as (
    -- a repeated key is already a duplicate; the overlap check sees each key once
    select * from typed_rotation_events
    where person_code is not null and start_date is not null
    qualify row_number() over (partition by person_code, start_date order by file_index, line) = 1
),

spans as (
    select
        file_index, line, start_date,
        max(coalesce(end_date, 'infinity'::date)) over earlier as reach,
        lag(file_index) over by_person as previous_file,
        lag(line) over by_person as previous_line
    from no_repeats
    window
        by_person as (partition by person_code order by start_date, file_index, line),
        earlier as (by_person rows between unbounded preceding and 1 preceding)
)

select file_index, line, 'start_date' as column_name, 'reg_outside_terms' as reason,
    strftime(start_date, '%Y-%m-%d') as value,
    null::integer as other_file_index, null::bigint as other_line, null::varchar as other_import
from typed_rotation_events
where start_date is not null and term is null
union all
select file_index, line, 'end_date', 'reg_end_before_start', null, null, null, null
from typed_rotation_events
where end_date < start_date
union all
select file_index, line, 'start_date', 'reg_overlap', null, previous_file, previous_line, null
from spans
where start_date <= reach
union all
select i.file_index, i.line, 'person_code,start_date', 'reg_in_store', null, null, s.row_number, s.import_id
from typed_rotation_events as i
join store.rotation_events as s using (person_code)
where i.start_date <= coalesce(s.end_date, 'infinity'::date)
    and s.start_date <= coalesce(i.end_date, 'infinity'::date);

-- name: named_communes
-- The communes the rows name, with where: both ends of a move at commune level.
select file_index, line, 'from_unit' as column_name, from_unit as area, district
from typed_rotation_events where from_level = 'commune'
union all
select file_index, line, 'to_unit', to_unit, district from typed_rotation_events where to_level = 'commune'

-- name: write
insert into store.rotation_events
select
    b.import_id, t.line, t.person_code, t.district, t.from_unit, t.from_level, t.to_unit, t.to_level,
    t.position, t.start_date, t.end_date, t.kind, t.term
from typed_rotation_events as t
join batch as b using (file_index);
insert into store.rotation_counts
select b.import_id, t.district, t.term, t.kind, count(*), min(t.start_date), max(t.start_date)
from typed_rotation_events as t
join batch as b using (file_index)
group by b.import_id, t.district, t.term, t.kind;
