-- field_work: officials' field work, the rule and the visits, each figure with its citation.
-- grain: one row per figure (figure_id), as in `facts`.
-- params: $districts, $terms, $area_levels, $origins (NULL for all).
-- whole: rows of `facts`.
-- The quotas page's field-work table: the rows of `facts` on field work, not all of `facts`.
select *
from filtered_facts($districts::varchar[], $terms::varchar[], $area_levels::varchar[], $origins::varchar[])
where metric in ('field_days_quota', 'field_work_officials', 'field_visits', 'field_visits_labour_dept',
                 'party_cell_meetings_attended')
order by district collate vi nulls last, area_level, area collate vi, metric, period_end nulls first, figure_id
