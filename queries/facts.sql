-- facts: every figure with its citation, the one table that pages and exports read.
-- grain: one row per figure (figure_id).
-- params: $districts (district names), $terms (party terms), $area_levels (commune, district,
--         province, country), $origins (published, register); NULL for all.
-- A district filter keeps the district, its communes and its province's own figures.
select *
from filtered_facts($districts::varchar[], $terms::varchar[], $area_levels::varchar[], $origins::varchar[])
order by district collate vi nulls last, area_level, area collate vi, metric, period_end nulls first, figure_id
