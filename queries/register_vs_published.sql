-- register_vs_published: register figures beside the published figure for the same area, metric and period, with the difference.
-- grain: one row per register figure that a published figure covers: rotations by district,
--        term and kind; non-local secretaries, chairs and their combined share by district
--        and as-of date (the register date inside the published period); poverty and
--        near-poverty rates by area and year.
-- params: $districts, $terms, $area_levels (NULL for all). Both origins are always read:
--         the comparison needs them.
-- difference = register value - published value (in the metric's unit; points for percent).
with scoped as (
    select *
    from filtered_facts($districts::varchar[], $terms::varchar[], $area_levels::varchar[], null::varchar[])
),

published as (
    select * from scoped where origin = 'published'
),

register_counts as (
    select * from scoped where origin = 'register'
),

register_combined as (
    select
        any_value(figure_id) as figure_id, 'non_local_share' as metric, district, area, area_level,
        period_vi, period_en, period_start, period_end, term, source_id,
        round(100.0 * sum(numerator) / sum(denominator), 4) as value, 'percent' as unit,
        sum(numerator) as numerator, sum(denominator) as denominator
    from register_counts
    where metric in ('non_local_secretaries', 'non_local_chairs')
    group by district, area, area_level, period_vi, period_en, period_start, period_end, term, source_id
    having count(distinct metric) = 2
),

register as (
    select
        figure_id, metric, district, area, area_level, period_vi, period_en, period_start, period_end, term,
        source_id, value, unit, numerator, denominator
    from register_counts
    union all
    select * from register_combined
),

matched as (
    select
        r.district,
        r.area,
        r.area_level,
        r.metric,
        r.term,
        p.period_vi as published_period_vi,
        p.period_en as published_period_en,
        r.period_vi as register_period_vi,
        r.period_en as register_period_en,
        p.qualifier as published_qualifier,
        p.value as published_value,
        r.value as register_value,
        round(r.value - p.value, 4) as difference,
        r.unit,
        p.numerator as published_numerator,
        p.denominator as published_denominator,
        r.numerator as register_numerator,
        r.denominator as register_denominator,
        p.figure_id as published_figure_id,
        p.source_id as published_source_id,
        r.figure_id as register_figure_id,
        r.source_id as register_source_id
    from register as r
    join published as p
        on p.area = r.area and p.area_level = r.area_level and p.metric = r.metric
        and case
            when r.metric like 'rotations_%' then p.term = r.term
            when r.metric in ('poverty_rate', 'near_poverty_rate') then year(p.period_end) = year(r.period_end)
            else r.period_end between p.period_start and p.period_end
        end
)

select
    m.*,
    mt.label_vi as metric_vi,
    mt.label_en as metric_en,
    ps.publisher_vi as published_publisher_vi,
    ps.publisher_en as published_publisher_en,
    ps.title as published_title,
    ps.title_en as published_title_en,
    ps.published_display as published_on,
    ps.url as published_url,
    rs.title as register_title,
    rs.published_display as register_imported_on
from matched as m
left join metrics as mt on mt.metric = m.metric
left join sources as ps on ps.source_id = m.published_source_id
left join sources as rs on rs.source_id = m.register_source_id
order by m.district, m.metric, m.term, m.register_period_vi, m.register_source_id
