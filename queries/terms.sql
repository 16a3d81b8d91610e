-- terms: the party terms (nhiệm kỳ) and the dates this product assigns to each.
-- grain: one row per term.
-- params: none.
select * from terms order by starts_on
