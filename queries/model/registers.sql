-- The register views, defined once: register_figures, register_sources and register_areas
-- over the in-memory copy of the store snapshot's aggregate tables (schema `store`, empty
-- until a snapshot is copied in; queries/db.py, queries/model/store.sql). views.sql unions
-- them with the published figures, so register_figures and register_sources have the columns
-- of published_figures and published_sources, in the same order. They read only the small
-- aggregate tables written in each import's transaction, never the raw records, so a page view
-- costs the same for 100 or 10 million rotation events. Runs before views.sql: it reads only
-- the bundle's raw tables.

create or replace view register_sources as
select
    'register:' || i.import_id as source_id,
    'register' as kind,
    i.file_name as title,  -- a generated sample says so through `generated`, in the reader's language
    null::varchar as title_en,
    'Sổ đăng ký nhập vào bảng điều khiển' as publisher_vi,
    'Register imported into the dashboard' as publisher_en,
    strftime(i.imported_at, '%Y-%m-%d %H:%M:%S') as published,
    strftime(i.imported_at, '%d/%m/%Y %H:%M') as published_display,
    i.row_count || ' dòng, mã kiểm ' || left(i.checksum, 12) as date_note_vi,
    i.row_count || ' rows, checksum ' || left(i.checksum, 12) as date_note_en,
    null::varchar as author,
    i.file_name as file,
    null::varchar as url,
    i.generated
from store.imports as i;

create or replace view register_areas as
select distinct r.area, r.area_level, r.district, r.province
from store.register_areas as r
where not exists (
    select 1 from raw_areas as a
    where a.area = r.area and a.area_level = r.area_level and a.district is not distinct from r.district
);

create or replace view register_figures as
with terms_by_name as (
    select term, starts_on, ends_on from raw_terms
),

rotation_kinds as (
    select
        import_id, district, term, 'rotations_' || kind as metric, events,
        first_start, last_start
    from store.rotation_counts
),

rotation_totals as (
    select
        import_id, district, term, 'rotations_total' as metric, sum(events) as events,
        min(first_start) as first_start, max(last_start) as last_start
    from store.rotation_counts
    group by import_id, district, term
),

rotations as (
    select
        'reg:' || r.import_id || ':' || r.metric || ':' || r.district || ':' || r.term as figure_id,
        r.district as area,
        'district' as area_level,
        r.metric,
        r.term as period_vi,
        r.term as period_en,
        r.first_start as period_start,
        r.last_start as period_end,
        r.term,
        r.events::double as value,
        'officials' as unit,
        null::bigint as numerator,
        null::bigint as denominator,
        r.import_id,
        'Đếm từ sự kiện luân chuyển trong sổ (ngày bắt đầu trong nhiệm kỳ)' as note_vi,
        'Counted from the register''s rotation events (start date in the term)' as note_en,
        r.district
    from (select * from rotation_kinds union all select * from rotation_totals) as r
),

office_holders as (
    select
        'reg:' || o.import_id || ':non_local_' || o.position || ':' || o.district || ':' || o.as_of
            as figure_id,
        o.district as area,
        'district' as area_level,
        case o.position when 'party_secretary' then 'non_local_secretaries' else 'non_local_chairs' end
            as metric,
        strftime(o.as_of, '%d/%m/%Y') as period_vi,
        strftime(o.as_of, '%d/%m/%Y') as period_en,
        o.as_of as period_start,
        o.as_of as period_end,
        o.term,
        o.non_local::double as value,
        'people' as unit,
        o.non_local as numerator,
        o.posts as denominator,
        o.import_id,
        'Số người không là người địa phương trên số chức danh trong sổ' as note_vi,
        'Non-local holders over posts in the register' as note_en,
        o.district
    from store.office_holder_counts as o
),

poverty_areas as (
    select import_id, district, commune as area, 'commune' as area_level, year, households, poor, near_poor
    from store.poverty_counts
    union all
    select import_id, district, district, 'district', year, sum(households), sum(poor), sum(near_poor)
    from store.poverty_counts
    group by import_id, district, year
),

poverty_rates as (
    select *, 'poverty_rate' as metric, poor as numerator from poverty_areas
    union all
    select *, 'near_poverty_rate', near_poor from poverty_areas
),

poverty as (
    select
        'reg:' || p.import_id || ':' || p.metric || ':' || p.area_level || ':' || p.area || ':'
            || p.district || ':' || p.year as figure_id,
        p.area,
        p.area_level,
        p.metric,
        p.year::varchar as period_vi,
        p.year::varchar as period_en,
        make_date(p.year, 1, 1) as period_start,
        make_date(p.year, 12, 31) as period_end,
        (
            select t.term from terms_by_name as t
            where make_date(p.year, 1, 1) >= t.starts_on and make_date(p.year, 12, 31) <= t.ends_on
        ) as term,
        case when p.households > 0 then round(100.0 * p.numerator / p.households, 2) end as value,
        'percent' as unit,
        p.numerator,
        p.households as denominator,
        p.import_id,
        'Tính từ số hộ trong sổ' as note_vi,
        'Computed from the register''s household counts' as note_en,
        p.district
    from poverty_rates as p
),

all_register_figures as (
    select * from rotations
    union all
    select * from office_holders
    union all
    select * from poverty
)

select
    f.figure_id,
    'register' as origin,
    f.area,
    f.area_level,
    f.metric,
    f.period_vi,
    f.period_en,
    f.period_start,
    f.period_end,
    f.term,
    f.value,
    '=' as qualifier,
    f.unit,
    f.numerator::bigint as numerator,  -- counts: sums are HUGEINT, the published twin BIGINT
    f.denominator::bigint as denominator,
    'register:' || f.import_id as source_id,
    null::varchar as quote,
    f.note_vi,
    f.note_en,
    null::varchar as confidence,
    f.district
from all_register_figures as f;
