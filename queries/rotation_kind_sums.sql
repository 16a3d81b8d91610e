-- rotation_kind_sums: the published total of rotations beside the sum of its published kinds.
-- grain: one row per area and term that has a published total.
-- params: $districts, $terms, $area_levels, $origins (NULL for all).
-- whole: a total and its kinds are figures of one area, term and source (so of one district,
--   province, level and origin).
-- A difference means the kinds do not cover the total (or a source disagrees with itself).
with rotations as (
    select *
    from filtered_facts($districts::varchar[], $terms::varchar[], $area_levels::varchar[], $origins::varchar[])
    where topic = 'rotation' and rotation_kind is not null
),

totals as (
    select area, area_level, district, province, term, origin, source_id, value as published_total
    from rotations
    where rotation_kind = 'total'
),

kinds as (
    select area, area_level, district, province, term, origin, source_id, sum(value) as sum_of_kinds,
        count(*) as kinds
    from rotations
    where rotation_kind <> 'total'
    group by all
)

select
    t.district,
    t.province,
    t.area,
    t.area_level,
    t.term,
    t.origin,
    t.published_total,
    k.sum_of_kinds,
    k.kinds,
    t.published_total - k.sum_of_kinds as difference,
    t.source_id
from totals as t
left join kinds as k
    on k.area = t.area and k.area_level = t.area_level and k.source_id = t.source_id and k.origin = t.origin
    and k.term is not distinct from t.term and k.district is not distinct from t.district
    and k.province is not distinct from t.province
order by t.district, t.term, t.area, t.area_level, t.source_id
