-- stand-in for another branch's migration; dropped on merge
SELECT 1;
