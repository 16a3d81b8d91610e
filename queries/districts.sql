-- districts: the four districts' profiles and what each became when the district level was
--   abolished on 1 July 2025.
-- grain: one row per district.
-- params: $districts (NULL for all).
select
    p.*,
    s.publisher as source_publisher,
    s.url as source_url
from district_profiles as p
left join sources as s using (source_id)
where $districts::varchar[] is null or list_contains($districts::varchar[], p.district)
order by p.district collate vi
