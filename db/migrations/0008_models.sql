-- 0008_models: placeholder, filled by the issue that owns it.
select 1;
