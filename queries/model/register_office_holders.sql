-- Office holders (see register_import.sql): the party term from the as-of date; one post per
-- person per date, and one holder per post per date, within the import and against the store.

-- name: typed
-- One file's rows typed (`{typed}`), with the term of the as-of date.
select t.*, r.term
from ({typed}) as t
left join ref_terms as r on t.as_of between r.starts_on and r.ends_on

-- name: problems
with no_repeats as (
    select * from typed_office_holders
    where person_code is not null and as_of is not null
    qualify row_number() over (
        partition by district, commune, position, as_of order by file_index, line
    ) = 1
),

same_day as (
    select
        file_index, line,
        first_value(file_index) over by_person as first_file,
        first_value(line) over by_person as first_line,
        row_number() over by_person as nth
    from no_repeats
    window by_person as (partition by person_code, as_of order by file_index, line)
)

select file_index, line, 'as_of' as column_name, 'reg_outside_terms' as reason,
    strftime(as_of, '%Y-%m-%d') as value,
    null::integer as other_file_index, null::bigint as other_line, null::varchar as other_import
from typed_office_holders
where as_of is not null and term is null
union all
select file_index, line, 'person_code', 'reg_two_posts', null, first_file, first_line, null
from same_day
where nth > 1
union all
select i.file_index, i.line, 'district,commune,position,as_of', 'reg_in_store', null, null, s.row_number,
    s.import_id
from typed_office_holders as i
join store.office_holders as s
    on s.as_of = i.as_of
    and (s.district = i.district and s.commune = i.commune and s.position = i.position
        or s.person_code = i.person_code);

-- name: named_communes
select file_index, line, 'commune' as column_name, commune as area, district from typed_office_holders

-- name: write
insert into store.office_holders
select b.import_id, t.line, t.district, t.commune, t.position, t.person_code, t.is_local, t.as_of, t.term
from typed_office_holders as t
join batch as b using (file_index);
insert into store.office_holder_counts
select b.import_id, t.district, t.as_of, t.term, t.position, count(*), count(*) filter (not t.is_local)
from typed_office_holders as t
join batch as b using (file_index)
group by b.import_id, t.district, t.as_of, t.term, t.position;
