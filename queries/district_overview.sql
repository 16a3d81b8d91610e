-- district_overview: the four districts side by side: latest rotation count, latest district
--   poverty rate, latest non-local share against its target, and what each became on 1 July 2025.
-- grain: one row per focus district.
-- params: $districts, $terms, $area_levels, $origins (NULL for all).
with focus as (
    select area as district, province
    from areas
    where focus and ($districts::varchar[] is null or list_contains($districts::varchar[], area))
),

scoped as (
    select * from filtered_facts($districts::varchar[], $terms::varchar[], $area_levels::varchar[], $origins::varchar[])
    where area_level = 'district'
),

latest_rotation as (
    select district, value, qualifier, period, term, figure_id, source_id, publisher, published_display, quote
    from scoped
    where metric = 'rotations_total'
    qualify row_number() over (partition by district order by period_end desc, figure_id) = 1
),

latest_poverty as (
    select district, value, qualifier, period, term, figure_id, source_id, publisher, published_display, quote
    from scoped
    where metric = 'poverty_rate'
    qualify row_number() over (partition by district order by period_end desc, figure_id) = 1
),

latest_non_local as (
    select district, value, qualifier, period, term, figure_id, source_id, publisher, published_display, quote
    from scoped
    where metric = 'non_local_share'
    qualify row_number() over (partition by district order by period_end desc, figure_id) = 1
),

latest_new_rural as (
    select district, value, numerator, denominator, period, term, figure_id, source_id, publisher, published_display
    from scoped
    where metric = 'ntm_communes'
    qualify row_number() over (partition by district order by period_end desc, figure_id) = 1
)

select
    f.district,
    f.province,
    r.value as rotations,
    r.qualifier as rotations_qualifier,
    r.period as rotations_period,
    r.term as rotations_term,
    r.figure_id as rotations_figure_id,
    r.publisher || ', ' || r.published_display as rotations_source,
    r.quote as rotations_quote,
    p.value as poverty_rate,
    p.qualifier as poverty_qualifier,
    p.period as poverty_period,
    p.figure_id as poverty_figure_id,
    p.publisher || coalesce(', ' || p.published_display, '') as poverty_source,
    p.quote as poverty_quote,
    n.value as non_local_share,
    n.qualifier as non_local_qualifier,
    n.period as non_local_period,
    n.figure_id as non_local_figure_id,
    n.publisher || ', ' || n.published_display as non_local_source,
    n.quote as non_local_quote,
    nr.numerator as ntm_communes,
    nr.denominator as ntm_communes_of,
    nr.period as ntm_period,
    nr.figure_id as ntm_figure_id,
    nr.publisher || coalesce(', ' || nr.published_display, '') as ntm_source,
    d.became_on_2025_07_01,
    d.area_km2,
    d.population,
    d.population_year
from focus as f
left join latest_rotation as r using (district)
left join latest_poverty as p using (district)
left join latest_non_local as n using (district)
left join latest_new_rural as nr using (district)
left join district_profiles as d using (district)
order by f.district collate vi
