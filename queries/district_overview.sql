-- district_overview: the four districts side by side: latest rotation count, latest district
--   poverty rate, latest non-local share, latest new-rural communes, and what each became on
--   1 July 2025. Each figure keeps its `origin`, `generated` (a SAMPLE register) and source
--   title (a register's file), so a register figure is never shown as a published one.
-- grain: one row per focus district.
-- params: $districts, $terms, $area_levels, $origins (NULL for all).
with focus as (
    select area as district, province
    from areas
    where focus and ($districts::varchar[] is null or list_contains($districts::varchar[], area))
),

latest as (
    select
        district,
        metric,
        value,
        qualifier,
        numerator,
        denominator,
        period,
        term,
        figure_id,
        publisher || coalesce(', ' || published_display, '') as source,
        source_title,
        origin,
        generated,
        quote
    from filtered_facts($districts::varchar[], $terms::varchar[], $area_levels::varchar[], $origins::varchar[])
    where area_level = 'district'
        and metric in ('rotations_total', 'poverty_rate', 'non_local_share', 'ntm_communes')
    qualify row_number() over (partition by district, metric order by period_end desc, figure_id) = 1
),

side_by_side as (
    select
        district,
        any_value(value) filter (where metric = 'rotations_total') as rotations,
        any_value(qualifier) filter (where metric = 'rotations_total') as rotations_qualifier,
        any_value(period) filter (where metric = 'rotations_total') as rotations_period,
        any_value(term) filter (where metric = 'rotations_total') as rotations_term,
        any_value(figure_id) filter (where metric = 'rotations_total') as rotations_figure_id,
        any_value(source) filter (where metric = 'rotations_total') as rotations_source,
        any_value(source_title) filter (where metric = 'rotations_total') as rotations_source_title,
        any_value(origin) filter (where metric = 'rotations_total') as rotations_origin,
        any_value(generated) filter (where metric = 'rotations_total') as rotations_generated,
        any_value(quote) filter (where metric = 'rotations_total') as rotations_quote,
        any_value(value) filter (where metric = 'poverty_rate') as poverty_rate,
        any_value(qualifier) filter (where metric = 'poverty_rate') as poverty_qualifier,
        any_value(period) filter (where metric = 'poverty_rate') as poverty_period,
        any_value(figure_id) filter (where metric = 'poverty_rate') as poverty_figure_id,
        any_value(source) filter (where metric = 'poverty_rate') as poverty_source,
        any_value(source_title) filter (where metric = 'poverty_rate') as poverty_source_title,
        any_value(origin) filter (where metric = 'poverty_rate') as poverty_origin,
        any_value(generated) filter (where metric = 'poverty_rate') as poverty_generated,
        any_value(quote) filter (where metric = 'poverty_rate') as poverty_quote,
        any_value(value) filter (where metric = 'non_local_share') as non_local_share,
        any_value(qualifier) filter (where metric = 'non_local_share') as non_local_qualifier,
        any_value(period) filter (where metric = 'non_local_share') as non_local_period,
        any_value(figure_id) filter (where metric = 'non_local_share') as non_local_figure_id,
        any_value(source) filter (where metric = 'non_local_share') as non_local_source,
        any_value(source_title) filter (where metric = 'non_local_share') as non_local_source_title,
        any_value(origin) filter (where metric = 'non_local_share') as non_local_origin,
        any_value(generated) filter (where metric = 'non_local_share') as non_local_generated,
        any_value(quote) filter (where metric = 'non_local_share') as non_local_quote,
        any_value(numerator) filter (where metric = 'ntm_communes') as ntm_communes,
        any_value(denominator) filter (where metric = 'ntm_communes') as ntm_communes_of,
        any_value(period) filter (where metric = 'ntm_communes') as ntm_period,
        any_value(figure_id) filter (where metric = 'ntm_communes') as ntm_figure_id,
        any_value(source) filter (where metric = 'ntm_communes') as ntm_source,
        any_value(source_title) filter (where metric = 'ntm_communes') as ntm_source_title,
        any_value(origin) filter (where metric = 'ntm_communes') as ntm_origin,
        any_value(generated) filter (where metric = 'ntm_communes') as ntm_generated
    from latest
    group by district
)

select
    f.district,
    f.province,
    s.* exclude (district),
    d.became_on_2025_07_01,
    d.became_on_2025_07_01_vi,
    d.area_km2,
    d.population,
    d.population_year
from focus as f
left join side_by_side as s using (district)
left join district_profiles as d using (district)
order by f.district collate vi
