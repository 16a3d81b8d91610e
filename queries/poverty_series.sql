-- poverty_series: poverty, near-poverty and combined rates for the selected districts, their
--   communes and their provinces, each tagged with the poverty standard it was measured under.
-- grain: one row per area, metric and period.
-- params: $districts, $terms, $area_levels, $origins (NULL for all).
-- whole: rows of `facts`.
-- `origin` tells published from register figures; `generated` marks a generated SAMPLE register.
-- Bounds stay bounds: `qualifier` is '>' for "hơn 68%", and charts must draw it so.
-- A figure dated by an event or a season ("khi anh Cường về xã", "xuân 2025") is `dated_loosely`:
--   charts draw it over its span, `span_start` (its period's start, or its term's where the
--   source gives only an end) to `period_end`, never at one exact date.
-- `poverty_standard` is never empty ('not-named' where the page names none and the year does
--   not settle it); `poverty_standard_note` says why where the year alone would say otherwise.
with rates as (
    select *
    from filtered_facts($districts::varchar[], $terms::varchar[], $area_levels::varchar[], $origins::varchar[])
    where metric in ('poverty_rate', 'near_poverty_rate', 'poor_and_near_poor_rate')
)

select
    r.district,
    r.province,
    r.area,
    r.area_level,
    r.metric,
    r.metric_vi,
    r.metric_en,
    r.period_vi,
    r.period_en,
    r.period_start,
    r.period_end,
    year(r.period_end) as year,
    r.term,
    r.value,
    r.qualifier,
    r.numerator,
    r.denominator,
    r.poverty_standard,
    r.poverty_standard_note_vi,
    r.poverty_standard_note_en,
    r.period_start is null
        or not regexp_full_match(r.period_en, '(\d{1,2}/){0,2}\d{4}') as dated_loosely,
    coalesce(r.period_start, t.starts_on) as span_start,
    r.origin,
    r.generated,
    r.figure_id,
    r.source_id,
    r.publisher_vi,
    r.publisher_en,
    r.published_display,
    r.source_title,
    r.source_title_en,
    r.url,
    r.quote,
    r.note_vi,
    r.note_en,
    r.confidence,
    r.quality_note_ids,
    r.quality_notes_vi,
    r.quality_notes_en
from rates as r
left join terms as t on t.term = r.term
order by r.province, r.district nulls first, r.area_level, r.area, r.metric, r.period_end, r.origin, r.figure_id
