-- SPDX-License-Identifier: GPL-3.0-or-later
-- json_each (?) of ids (0001-foundation.sql) holds a page of ids, a few
-- hundred at most: said so, the planner looks each id up by its key
-- instead of walking every row of a big table to join them (the
-- automations' catch-up of 100,000 steps, 200 a statement, did that).
CREATE OR REPLACE FUNCTION json_each (ids text) RETURNS TABLE (value bigint)
  LANGUAGE sql IMMUTABLE STRICT ROWS 100 AS $$
    SELECT element::bigint FROM json_array_elements_text (ids::json) AS element
  $$;
