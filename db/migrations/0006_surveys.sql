-- 0006_surveys: placeholder, filled by the issue that owns it.
select 1;
