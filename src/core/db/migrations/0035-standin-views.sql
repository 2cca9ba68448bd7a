-- stand-in for wip/projects' 0035; dropped on merge
SELECT 1;
