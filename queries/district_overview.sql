-- district_overview: the focus districts' latest figures side by side, each with its period.
--   For each district: its latest rotation count, district poverty rate, non-local share and
--   new-rural communes, with the period each figure covers, and what the district became on
--   1 July 2025. Each figure keeps its `origin`, `generated` (a SAMPLE register) and source, so a
--   register figure is never shown as a published one.
-- grain: one row per focus district and overview metric (rotations_total, poverty_rate,
--   non_local_share, ntm_communes, in that `metric_order`); a metric no source published for the
--   district has its row, with an empty value. The district's profile repeats on its rows.
-- params: $districts, $terms, $area_levels, $origins (NULL for all).
-- whole per: $terms, $area_levels, $origins (the district filter keeps a focus district's rows).
-- `older_than_terms` is true for a latest figure whose period ends before the latest selected
-- term (`latest_term`) begins: the newest figure there is, but not one of that term.
with overview_metrics as (
    select * from (values
        ('rotations_total', 1), ('poverty_rate', 2), ('non_local_share', 3), ('ntm_communes', 4)
    ) as m (metric, metric_order)
),

focus as (
    select area as district, province
    from areas
    where focus and ($districts::varchar[] is null or list_contains($districts::varchar[], area))
),

latest_term as (
    select term as latest_term, starts_on as latest_term_starts
    from terms
    where $terms::varchar[] is null or list_contains($terms::varchar[], term)
    order by starts_on desc
    limit 1
),

latest as (
    select *
    from filtered_facts($districts::varchar[], $terms::varchar[], $area_levels::varchar[], $origins::varchar[])
    where area_level = 'district' and metric in (select metric from overview_metrics)
    qualify row_number() over (partition by district, metric order by period_end desc nulls last, figure_id) = 1
)

select
    f.district,
    f.province,
    m.metric,
    m.metric_order,
    mt.label_vi as metric_vi,
    mt.label_en as metric_en,
    mt.unit,
    l.value,
    l.qualifier,
    l.numerator,
    l.denominator,
    l.period_vi,
    l.period_en,
    l.period_start,
    l.period_end,
    l.term,
    coalesce(l.period_end < t.latest_term_starts, false) as older_than_terms,
    t.latest_term,
    l.figure_id,
    l.origin,
    l.generated,
    l.source_id,
    l.source_kind,
    l.publisher_vi,
    l.publisher_en,
    l.published_display,
    l.source_title,
    l.source_title_en,
    l.url,
    l.quote,
    l.note_vi,
    l.note_en,
    l.confidence,
    d.became_on_2025_07_01_vi,
    d.became_on_2025_07_01_en,
    d.source_id as profile_source_id,
    ps.publisher_vi as profile_publisher_vi,
    ps.publisher_en as profile_publisher_en,
    d.area_km2,
    d.population,
    d.population_year
from focus as f
cross join overview_metrics as m
left join latest as l on l.district = f.district and l.metric = m.metric
left join metrics as mt on mt.metric = m.metric
left join district_profiles as d on d.district = f.district
left join sources as ps on ps.source_id = d.source_id
left join latest_term as t on true
order by f.district collate vi, m.metric_order
