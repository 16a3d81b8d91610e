-- The model: typed views over the bundled files (raw_* tables are loaded in db.py from the
-- checked CSVs), then the one canonical table of figures, `facts`, that every named query,
-- page and export reads. Figures computed from users' registers join it through
-- `register_figures`, `register_sources` and `register_areas`, defined once in registers.sql
-- (run before this file) over the store's tables, which are empty until a store snapshot is
-- copied in. register_figures and register_sources have the columns of published_figures and
-- published_sources below, in the same order (tests/test_store.py checks it).
-- Text a reader sees comes in pairs, `X_vi` and `X_en` (pages show the reader's language,
-- the command line both); a printed original (`title`, `quote`) stays as printed, with
-- `title_en` its translation.

create view terms as select * from raw_terms;
create view units as select * from raw_units;
create view metrics as select * from raw_metrics;
create view poverty_standards as select * from raw_poverty_standards;
-- The standard of a bundled poverty rate where its year alone does not give it (a baseline
-- measured under the next standard, a page that names none), with why.
create view figure_standards as select * from raw_figure_standards;
create view data_quality as select * from raw_data_quality;

-- `origin` tells bundled areas from register areas: published figures (which carry no
-- district) join only bundled areas; register figures join on their own district.
create view areas as
select area, area_level, district, province, focus, 'published' as origin
from raw_areas
union all
select area, area_level, district, province, false as focus, 'register' as origin
from register_areas;

create view published_sources as
select
    source_id,
    kind,
    title,
    title_en,
    publisher_vi,
    publisher_en,
    published,
    case when length(published) = 10 then strftime(published::date, '%d/%m/%Y') else published end
        as published_display,
    date_note_vi,
    date_note_en,
    author,
    file,
    url,
    false as generated
from raw_sources;

create view sources as
select * from published_sources
union all
select * from register_sources;

create view district_profiles as
select
    d.district,
    d.province,
    d.gso_district_code,
    d.communes_before_2025_vi,
    d.communes_before_2025_en,
    d.area_km2,
    d.population,
    d.population_year,
    d.became_on_2025_07_01_vi,
    d.became_on_2025_07_01_en,
    d.source_vi,
    d.source_en,
    'district-facts' as source_id
from raw_districts as d;

create view published_figures as
with figures as (
    select * from raw_figures
),

with_term as (
    select
        f.*,
        coalesce(
            f.term,
            -- The term the period ends in: a figure for a year (a poverty review at the end
            -- of 2010) belongs to the term of its end; a longer span must fit in one term.
            (
                select t.term from terms as t
                where f.period_end between t.starts_on and t.ends_on
                    and (
                        f.period_start is null
                        or f.period_start >= t.starts_on
                        or f.period_end - f.period_start <= 366
                    )
            )
        ) as derived_term
    from figures as f
)

select
    f.figure_id,
    'published' as origin,
    f.area,
    f.area_level,
    f.metric,
    f.period_vi,
    f.period_en,
    f.period_start,
    f.period_end,
    f.derived_term as term,
    f.value,
    f.qualifier,
    f.unit,
    f.numerator,
    f.denominator,
    f.source_id,
    f.quote,
    f.note_vi,
    f.note_en,
    f.confidence,
    -- The district of `area` when the figure itself says so (register figures: commune
    -- names repeat across districts); published figures take it from areas.
    null::varchar as district
from with_term as f;

-- `facts` itself is a table built from this view when the database starts and whenever a
-- newer store snapshot is copied in (Database.sync_store): the joins, the term of each figure
-- and the quality notes are worked out once, not on every query.
create view facts_live as
with all_figures as (
    select * from published_figures
    union all
    select * from register_figures
),

quality as (
    select
        unnest(string_split(figure_ids, ';')) as figure_id,
        note_id
    from data_quality
),

quality_by_figure as (
    select
        q.figure_id,
        string_agg(q.note_id, ';' order by q.note_id) as quality_note_ids,
        string_agg(d.note_vi, ' | ' order by q.note_id) as quality_notes_vi,
        string_agg(d.note_en, ' | ' order by q.note_id) as quality_notes_en
    from quality as q
    join data_quality as d using (note_id)
    group by q.figure_id
)

select
    f.figure_id,
    f.origin,
    a.district,
    a.province,
    f.area,
    f.area_level,
    a.focus,
    f.metric,
    m.topic,
    m.rotation_kind,
    m.label_vi as metric_vi,
    m.label_en as metric_en,
    f.period_vi,
    f.period_en,
    f.period_start,
    f.period_end,
    f.term,
    f.value,
    f.qualifier,
    f.unit,
    f.numerator,
    f.denominator,
    case when f.denominator > 0 then round(100.0 * f.numerator / f.denominator, 4) end as ratio_pct,
    -- A poverty rate's standard: the one its figure names (figure_standards), else the one in
    -- force in the year its period ends there (a province's own standard before the national
    -- one), else "not named".
    case when m.topic = 'poverty' and f.unit = 'percent' then coalesce(
        fs.standard,
        (
            select ps.standard from poverty_standards as ps
            where f.period_end between ps.starts_on and ps.ends_on
                and (ps.province is null or ps.province = a.province)
            order by ps.province nulls last
            limit 1
        ),
        'not-named'
    ) end as poverty_standard,
    case when m.topic = 'poverty' and f.unit = 'percent' then fs.note_vi end as poverty_standard_note_vi,
    case when m.topic = 'poverty' and f.unit = 'percent' then fs.note_en end as poverty_standard_note_en,
    f.source_id,
    s.kind as source_kind,
    s.title as source_title,
    s.title_en as source_title_en,
    s.publisher_vi,
    s.publisher_en,
    s.published,
    s.published_display,
    s.author,
    s.file as source_file,
    s.url,
    coalesce(s.generated, false) as generated,
    f.quote,
    f.note_vi,
    f.note_en,
    f.confidence,
    q.quality_note_ids,
    q.quality_notes_vi,
    q.quality_notes_en
from all_figures as f
left join areas as a
    on a.area = f.area and a.area_level = f.area_level
    and case when f.district is null then a.origin = 'published' else a.district = f.district end
left join metrics as m on m.metric = f.metric
left join sources as s on s.source_id = f.source_id
left join figure_standards as fs on fs.figure_id = f.figure_id and f.origin = 'published'
left join quality_by_figure as q on q.figure_id = f.figure_id;

create view rotation_moves as
with cases as (
    select * from raw_rotation_cases
)

select
    c.*,
    case
        when c.from_level is null then null
        when c.from_level = 'district' and c.to_level = 'district' then 'cross_sector'
        when c.from_level = 'district' and c.to_level = 'commune' then 'district_to_commune'
        when c.from_level = 'commune' and c.to_level = 'district' then 'commune_to_district'
        when c.from_level = 'commune' and c.to_level = 'commune' then 'commune_to_commune'
    end as kind,
    (
        select t.term from terms as t
        where coalesce(c.moved_from, c.moved_by) >= t.starts_on and c.moved_by <= t.ends_on
    ) as term
from cases as c;

create table facts as select * from facts_live;

-- The shared filters, in one place: every named query reads figures through these macros.
-- A NULL list means "all"; an empty list selects nothing. A district filter keeps the
-- district, its communes and (for figures with no district) its province and country
-- figures stay out unless no district filter is set. `filtered_rows` keeps the rows of any
-- table with facts' district, province, term, area_level and origin columns: of `facts`, or of
-- a named query computed once for every filter (see "whole:" in queries/db.py).
create macro filtered_rows(rows, districts, terms, area_levels, origins) as table
with selected_districts as (
    select district, province
    from areas
    where area_level = 'district' and (districts is null or list_contains(districts, district))
)

select f.*
from query_table(rows) as f
where (
        districts is null
        or f.district in (select district from selected_districts)
        or (f.district is null and f.province in (select province from selected_districts))
    )
    and (terms is null or list_contains(terms, f.term))
    and (area_levels is null or list_contains(area_levels, f.area_level))
    and (origins is null or list_contains(origins, f.origin));

create macro filtered_facts(districts, terms, area_levels, origins) as table
select * from filtered_rows('facts', districts, terms, area_levels, origins);
