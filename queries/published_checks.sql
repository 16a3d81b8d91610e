-- published_checks: figures the queries compute, set against the numbers the sources printed.
-- grain: one row per check (check_id).
-- params: $districts (NULL for all): keeps the checks on those districts and on their provinces.
-- whole: the published figures of one area; `term` is empty (a check is not about one term).
-- `agrees` is false where a source disagrees with itself; its data-quality note (`note_id`,
-- text in `note_vi` / `note_en`) says so.
with secretaries_and_chairs as (
    select area, period_end, sum(numerator) as numerator, sum(denominator) as denominator
    from facts
    where metric in ('non_local_secretaries', 'non_local_chairs') and origin = 'published'
    group by all
),

published as (
    select area, area_level, metric, period_end, value, numerator, denominator, figure_id, source_id
    from facts
    where origin = 'published'
),

checks as (
    select
        'thanh_tri_non_local_share' as check_id,
        'Thanh Trì' as area,
        'district' as area_level,
        'Tỷ lệ bí thư, chủ tịch không là người địa phương = (12 + 5) / (16 + 16)' as check_vi,
        'Non-local share of secretaries and chairs = (12 + 5) / (16 + 16)' as check_en,
        100.0 * c.numerator / c.denominator as computed,
        p.value as published,
        0.05 as tolerance,
        null as note_id
    from secretaries_and_chairs as c
    join published as p on p.area = c.area and p.metric = 'non_local_share' and p.period_end = c.period_end
    where c.area = 'Thanh Trì'

    union all
    select
        'thanh_tri_points_over_target', 'Thanh Trì', 'district',
        'Số điểm vượt chỉ tiêu 50% = tỷ lệ đã công bố − 50',
        'Points over the 50% target = published share − 50',
        share.value - target.value, over.value, 0.05, null
    from published as share
    join published as over on over.area = share.area and over.metric = 'non_local_share_over_target'
    join published as target on target.area = 'Hà Nội' and target.metric = 'non_local_target'
    where share.area = 'Thanh Trì' and share.metric = 'non_local_share'

    union all
    select
        'phuc_tho_non_local_' || strftime(period_end, '%Y_%m'), area, area_level,
        'Tỷ lệ không là người địa phương = ' || numerator || '/' || denominator,
        'Non-local share = ' || numerator || '/' || denominator,
        100.0 * numerator / denominator, value, 0.05, null
    from published
    where area = 'Phúc Thọ' and metric = 'non_local_share'

    union all
    select
        'rotation_kinds_' || replace(lower(strip_accents(translate(area, 'Đđ', 'Dd'))), ' ', '_'), area, area_level,
        'Tổng các loại luân chuyển = tổng số đã công bố',
        'Sum of the kinds of rotation = published total',
        sum_of_kinds, published_total, 0, null
    from (
        select s.* from (
            select
                f.area,
                f.area_level,
                sum(f.value) filter (where f.rotation_kind <> 'total') as sum_of_kinds,
                max(f.value) filter (where f.rotation_kind = 'total') as published_total
            from facts as f
            where f.topic = 'rotation' and f.rotation_kind is not null and f.origin = 'published'
            group by f.area, f.area_level, f.term, f.source_id
        ) as s
        where s.sum_of_kinds is not null and s.published_total is not null
    )

    union all
    select
        'lao_cai_avg_yearly_fall', 'Lào Cai', 'province',
        'Mức giảm hộ nghèo bình quân/năm = (34,5 − 8,2) / (2020 − 2016)',
        'Average yearly fall in poverty = (34.5 − 8.2) / (2020 − 2016)',
        (p2016.value - p2020.value) / (year(p2020.period_end) - year(p2016.period_end)),
        avg_fall.value, 0.05, 'dq-laocai-avg-fall'
    from published as p2016
    -- The endpoints published with the average (other pages give other Lào Cai rates for 2016 and 2020).
    join published as p2020 on p2020.area = 'Lào Cai' and p2020.metric = 'poverty_rate' and year(p2020.period_end) = 2020
        and p2020.source_id = p2016.source_id
    join published as avg_fall on avg_fall.area = 'Lào Cai' and avg_fall.metric = 'poverty_rate_avg_yearly_fall'
        and avg_fall.source_id = p2016.source_id
    where p2016.area = 'Lào Cai' and p2016.metric = 'poverty_rate' and year(p2016.period_end) = 2016
)

select
    c.check_id,
    a.district,
    a.province,
    c.area,
    c.area_level,
    null::varchar as term,
    'published' as origin,
    c.check_vi,
    c.check_en,
    round(c.computed, 4) as computed,
    c.published,
    round(c.computed - c.published, 4) as difference,
    abs(c.computed - c.published) <= c.tolerance + 1e-9 as agrees,
    c.note_id,
    d.note_vi,
    d.note_en
from checks as c
join areas as a
    on a.area = c.area and a.area_level = c.area_level and a.origin = 'published'
left join data_quality as d on d.note_id = c.note_id
where $districts::varchar[] is null
    or list_contains($districts::varchar[], a.district)
    or (a.district is null and a.area in (
        select province from areas
        where area_level = 'district' and list_contains($districts::varchar[], district)
    ))
order by c.check_id
