-- rotations_by_term_kind: rotation counts by district, term and kind, comparable across districts.
-- grain: one row per area, term and kind (total, cross_sector, district_to_commune,
--        commune_to_district, commune_to_commune) as published or computed from a register;
--        `origin` and `generated` say which (generated: a SAMPLE register, not real figures).
-- params: $districts, $terms, $area_levels, $origins (NULL for all).
-- whole: rows of `facts`.
with rotation_figures as (
    select *
    from filtered_facts($districts::varchar[], $terms::varchar[], $area_levels::varchar[], $origins::varchar[])
    where topic = 'rotation' and rotation_kind is not null
)

select
    district,
    province,
    area,
    area_level,
    term,
    rotation_kind as kind,
    metric_vi,
    metric_en,
    value,
    qualifier,
    period_vi,
    period_en,
    period_start,
    period_end,
    origin,
    generated,
    figure_id,
    source_id,
    publisher_vi,
    publisher_en,
    published_display,
    source_title,
    source_title_en,
    url,
    quote
from rotation_figures
order by district nulls last, term nulls first, kind, figure_id
