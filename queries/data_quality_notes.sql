-- data_quality_notes: what is known to be uncertain or inconsistent in the sources.
-- grain: one row per note and figure it concerns.
-- params: $districts, $terms, $area_levels, $origins (NULL for all).
with notes as (
    select note_id, severity, note_vi, note_en, unnest(string_split(figure_ids, ';')) as figure_id
    from data_quality
)

select
    n.note_id,
    n.severity,
    f.district,
    f.area,
    f.metric,
    f.period_vi,
    f.period_en,
    f.value,
    f.qualifier,
    n.figure_id,
    f.source_id,
    n.note_vi,
    n.note_en
from notes as n
join filtered_facts($districts::varchar[], $terms::varchar[], $area_levels::varchar[], $origins::varchar[]) as f using (figure_id)
order by n.note_id, n.figure_id
