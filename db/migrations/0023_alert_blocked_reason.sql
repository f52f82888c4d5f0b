-- A rule Pulse cannot deliver (its chat refused the post for good: Slack
-- not_in_channel, is_archived, channel_not_found, invalid_auth, a Telegram
-- 403; or its chat or owner lost access) is paused at once with the reason
-- and the fix, told to its owner once and shown in `list alerts`, instead of
-- being retried for 42 minutes or skipped silently every day. Resuming the
-- rule clears it.
ALTER TABLE "alert_rules" ADD COLUMN "blocked_reason" text;
