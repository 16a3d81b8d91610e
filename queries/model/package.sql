-- The data package (queries/package.py): the tables it holds besides the named queries it
-- runs as they are (facts for its figures, data_quality_notes, terms). Each takes the package's
-- scope, the shared filters ($districts, $terms, $area_levels, $origins; NULL for all), so the
-- package holds what the pages show. Local file names of the bundle's articles stay out.

-- name: sources
-- The sources the figures cite, and the legal documents of the poverty standards they name.
with scoped as (
    select source_id, poverty_standard
    from filtered_facts($districts::varchar[], $terms::varchar[], $area_levels::varchar[], $origins::varchar[])
)

select s.* exclude (file)
from sources as s
where s.source_id in (select source_id from scoped)
    or s.source_id in (
        select p.source_id from poverty_standards as p
        where p.standard in (select poverty_standard from scoped)
    )
order by s.kind, s.source_id;

-- name: areas
-- The areas the figures name.
select a.area, a.area_level, a.district, a.province, a.focus, a.origin
from areas as a
where exists (
    select 1
    from filtered_facts($districts::varchar[], $terms::varchar[], $area_levels::varchar[], $origins::varchar[]) as f
    where f.area = a.area and f.area_level = a.area_level and f.district is not distinct from a.district
)
order by a.area_level, a.district nulls first, a.area;

-- name: register_rotation_counts
select r.*
from store.rotation_counts as r
where ($districts::varchar[] is null or list_contains($districts::varchar[], r.district))
    and ($terms::varchar[] is null or list_contains($terms::varchar[], r.term))
order by r.district, r.term, r.kind, r.import_id;

-- name: register_office_holder_counts
select o.*
from store.office_holder_counts as o
where ($districts::varchar[] is null or list_contains($districts::varchar[], o.district))
    and ($terms::varchar[] is null or list_contains($terms::varchar[], o.term))
order by o.district, o.as_of, o.position, o.import_id;

-- name: register_poverty_counts
-- A year belongs to the term that holds the whole year, as in register_figures.
select p.*
from store.poverty_counts as p
where ($districts::varchar[] is null or list_contains($districts::varchar[], p.district))
    and (
        $terms::varchar[] is null
        or exists (
            select 1 from terms as t
            where list_contains($terms::varchar[], t.term)
                and make_date(p.year, 1, 1) >= t.starts_on and make_date(p.year, 12, 31) <= t.ends_on
        )
    )
order by p.district, p.commune, p.year, p.import_id;

-- name: register_imports
-- The imports the package's register tables come from ($import_ids).
select i.*
from store.imports as i
where list_contains($import_ids::varchar[], i.import_id)
order by i.imported_at, i.import_id;
