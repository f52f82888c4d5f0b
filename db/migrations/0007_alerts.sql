-- 0007_alerts: placeholder, filled by the issue that owns it.
select 1;
