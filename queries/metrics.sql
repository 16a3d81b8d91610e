-- metrics: every metric with its topic, unit and labels, and how many figures it has.
-- grain: one row per metric.
-- params: none.
with counted as (
    select metric, count(*) as figures from facts group by metric
)

select m.*, coalesce(c.figures, 0) as figures
from metrics as m
left join counted as c using (metric)
order by m.topic, m.metric
