-- sources: every source the figures cite, with how many figures cite it.
-- grain: one row per source (source_id).
-- params: none.
with cited as (
    select source_id, count(*) as figures
    from facts
    group by source_id
)

select
    s.*,
    coalesce(c.figures, 0) as figures
from sources as s
left join cited as c using (source_id)
order by s.kind, s.source_id
