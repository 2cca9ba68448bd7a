-- SPDX-License-Identifier: GPL-3.0-or-later
-- Stands in for migration 0033 of wip/activities, so that this branch
-- migrates without a gap; dropped when both are merged.
SELECT 1;
