-- rotation_cases: named rotation cases (who, from which post, to which post and commune, when).
-- grain: one row per move of one person (case_id).
-- params: $districts, $terms (NULL for all); a move whose term is unknown shows only unfiltered.
-- whole: a published move in one district (its province beside it); `area_level` is empty (a
--   move goes from one level to another).
select
    c.case_id,
    c.district,
    (select a.province from areas as a
        where a.area = c.district and a.area_level = 'district' and a.origin = 'published') as province,
    null::varchar as area_level,
    'published' as origin,
    c.person,
    c.from_post_vi,
    c.from_post_en,
    c.from_level,
    c.from_unit,
    c.to_post_vi,
    c.to_post_en,
    c.to_level,
    c.to_unit,
    c.moved_from,
    c.moved_by,
    c.date_text_vi,
    c.date_text_en,
    c.kind,
    c.term,
    c.source_id,
    s.publisher_vi,
    s.publisher_en,
    s.published_display,
    s.title as source_title,
    s.title_en as source_title_en,
    c.quote,
    c.note_vi,
    c.note_en
from rotation_moves as c
left join sources as s using (source_id)
where ($districts::varchar[] is null or list_contains($districts::varchar[], c.district))
    and ($terms::varchar[] is null or list_contains($terms::varchar[], c.term))
order by c.district, coalesce(c.moved_from, c.moved_by), c.case_id
