-- poverty_standards: the poverty standards and when each applied (national, or a province's own,
--   `province`; 'not-named' has no dates), so a chart can mark every change of standard and
--   give each rate its standard.
-- grain: one row per standard.
-- params: none.
select
    p.standard,
    p.starts_on,
    p.ends_on,
    p.label_vi,
    p.label_en,
    p.source_id,
    p.province
from poverty_standards as p
order by p.starts_on nulls last, p.province nulls first
