-- quota_attainment: attainment against a target, in percent and in people.
--   Non-local commune party secretaries and chairs against the 50% target (Hà Nội Resolution
--   04), and new-rural criteria or communes against the full standard (every criterion, every
--   commune; communes that "met or basically met" it are their own measure, never "met"). The combined non-local share is computed from the published counts where only
--   counts were published (Thanh Trì: 12/16 + 5/16 = 17/32), and set beside the published
--   percentage.
-- grain: one row per area, measure, date and origin; `generated` (from the row's source) marks
--   a generated SAMPLE register.
-- params: $districts, $terms, $area_levels, $origins (NULL for all).
-- whole: a published share joins the counts of its own district, term, level and origin only.
with scoped as (
    select * from filtered_facts($districts::varchar[], $terms::varchar[], $area_levels::varchar[], $origins::varchar[])
),

counts as (
    select
        *,
        case metric when 'non_local_secretaries' then 'secretaries' else 'chairs' end as measure
    from scoped
    where metric in ('non_local_secretaries', 'non_local_chairs')
),

published_shares as (
    select * from scoped where metric = 'non_local_share'
),

summed_counts as (
    select
        district, province, area, area_level, period_vi, period_en, period_start, period_end, term, origin,
        sum(numerator) as numerator,
        sum(denominator) as denominator,
        string_agg(figure_id, ';' order by figure_id) as figure_ids,
        string_agg(quote, ' … ' order by figure_id) as quote,
        min(source_id) as source_id
    from counts
    group by all
    having count(distinct measure) = 2
),

combined as (
    select
        c.district, c.province, c.area, c.area_level, 'combined' as measure, c.period_vi, c.period_en, c.period_start, c.period_end,
        c.term, c.origin, c.numerator, c.denominator, p.value as published_pct,
        c.figure_ids || coalesce(';' || p.figure_id, '') as figure_ids, c.source_id,
        c.quote || coalesce(' … ' || p.quote, '') as quote
    from summed_counts as c
    left join published_shares as p
        on p.area = c.area and p.area_level = c.area_level and p.period_end = c.period_end
        and p.origin = c.origin and p.term is not distinct from c.term
        and p.district is not distinct from c.district and p.province is not distinct from c.province
    union all
    select
        p.district, p.province, p.area, p.area_level, 'combined', p.period_vi, p.period_en, p.period_start, p.period_end,
        p.term, p.origin, p.numerator, p.denominator, p.value, p.figure_id, p.source_id, p.quote
    from published_shares as p
    where p.denominator is not null
        and not exists (
            select 1 from summed_counts as c
            where c.area = p.area and c.area_level = p.area_level and c.period_end = p.period_end
                and c.origin = p.origin and c.term is not distinct from p.term
                and c.district is not distinct from p.district and c.province is not distinct from p.province
        )
),

non_local as (
    select
        district, province, area, area_level, measure, period_vi, period_en, period_start, period_end, term, origin,
        numerator, denominator, null::double as published_pct, figure_id as figure_ids,
        source_id, quote
    from counts
    union all
    select * from combined
),

targets as (
    select area, area_level, metric, value as target_pct, figure_id as target_figure_id, quote as target_quote,
        source_id as target_source_id
    from facts
    where metric in ('non_local_target', 'non_local_chairs_target') and origin = 'published'
),

non_local_with_target as (
    select
        n.*,
        'non_local' as quota,
        coalesce(chair_target.target_pct, province_target.target_pct) as target_pct,
        coalesce(chair_target.target_figure_id, province_target.target_figure_id) as target_figure_id,
        coalesce(chair_target.target_quote, province_target.target_quote) as target_quote,
        coalesce(chair_target.target_source_id, province_target.target_source_id) as target_source_id
    from non_local as n
    left join targets as chair_target
        on n.measure = 'chairs' and chair_target.metric = 'non_local_chairs_target'
        and chair_target.area = n.area and chair_target.area_level = n.area_level
    left join targets as province_target
        on province_target.metric = 'non_local_target'
        and province_target.area = n.province and province_target.area_level = 'province'
),

new_rural as (
    select
        district, province, area, area_level,
        case metric
            when 'ntm_communes' then 'communes'
            when 'ntm_communes_met_or_basic' then 'communes_met_or_basic'
            else 'criteria'
        end as measure,
        period_vi, period_en, period_start, period_end, term, origin, numerator, denominator, null::double as published_pct,
        figure_id as figure_ids, source_id, quote,
        'new_rural' as quota,
        100.0 as target_pct,
        null as target_figure_id,
        null as target_quote,
        null as target_source_id
    from scoped
    where metric in ('ntm_communes', 'ntm_communes_met_or_basic', 'ntm_criteria_met') and denominator is not null
),

attainment as (
    select * from non_local_with_target where target_pct is not null
    union all
    select * from new_rural
)

select
    a.quota,
    a.measure,
    a.district,
    a.province,
    a.area,
    a.area_level,
    a.period_vi,
    a.period_en,
    a.period_start,
    a.period_end,
    a.term,
    a.origin,
    coalesce(s.generated, false) as generated,
    a.numerator,
    a.denominator,
    round(100.0 * a.numerator / a.denominator, 4) as attained_pct,
    a.published_pct,
    a.target_pct,
    round(100.0 * a.numerator / a.denominator - a.target_pct, 4) as gap_points,
    ceil(a.target_pct * a.denominator / 100.0 - 1e-9)::integer as people_at_target,
    greatest(ceil(a.target_pct * a.denominator / 100.0 - 1e-9)::integer - a.numerator, 0)
        as people_to_target,
    a.figure_ids,
    a.target_figure_id,
    a.source_id,
    s.publisher_vi,
    s.publisher_en,
    s.published_display,
    s.title as source_title,
    s.title_en as source_title_en,
    s.url,
    a.quote,
    -- where the target itself is set: its source and sentence (a document cites both)
    a.target_quote,
    t.publisher_vi as target_publisher_vi,
    t.publisher_en as target_publisher_en,
    t.published_display as target_published_display,
    t.title as target_source_title,
    t.url as target_url
from attainment as a
left join sources as s using (source_id)
left join sources as t on t.source_id = a.target_source_id
order by a.quota, a.district, a.measure, a.period_end, a.area_level, a.area, a.origin
