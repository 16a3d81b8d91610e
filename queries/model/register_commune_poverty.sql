-- Commune poverty (see register_import.sql): years within the party terms, poor and near-poor
-- households within households, one row per commune and year against the store.

-- name: typed
-- One file's rows typed (`{typed}`).
select * from ({typed})

-- name: problems
with years as (
    select min(year(starts_on)) as first_year, max(year(ends_on)) as last_year from ref_terms
)

select file_index, line, 'year' as column_name, 'reg_year_outside_terms' as reason, year::varchar as value,
    null::integer as other_file_index, null::bigint as other_line, null::varchar as other_import
from typed_commune_poverty, years
where year < first_year or year > last_year
union all
select file_index, line, 'poor_households', 'reg_more_poor_than_households', null, null, null, null
from typed_commune_poverty
where poor_households > households
union all
select file_index, line, 'near_poor_households', 'reg_poor_and_near_poor_exceed', null, null, null, null
from typed_commune_poverty
where poor_households + near_poor_households > households
union all
select i.file_index, i.line, 'district,commune,year', 'reg_in_store', null, null, s.row_number, s.import_id
from typed_commune_poverty as i
join store.commune_poverty as s using (district, commune, year);

-- name: named_communes
select file_index, line, 'commune' as column_name, commune as area, district from typed_commune_poverty

-- name: write
insert into store.commune_poverty
select b.import_id, t.line, t.district, t.commune, t.year, t.households, t.poor_households,
    t.near_poor_households
from typed_commune_poverty as t
join batch as b using (file_index);
insert into store.poverty_counts
select b.import_id, t.district, t.commune, t.year, sum(t.households), sum(t.poor_households),
    sum(t.near_poor_households)
from typed_commune_poverty as t
join batch as b using (file_index)
group by b.import_id, t.district, t.commune, t.year;
