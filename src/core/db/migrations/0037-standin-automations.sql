-- SPDX-License-Identifier: GPL-3.0-or-later
-- Stand-in for migration 0037 (saved views and tasks, in their own
-- branches), so that the automations' migration keeps its number 0038;
-- dropped when those branches are merged.
SELECT 1;
