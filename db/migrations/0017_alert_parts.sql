-- Each part of a firing (heading, every answer's text and chart) is recorded as
-- the chat accepts it: part key -> the platform's reference (Slack ts, Telegram
-- message id). A retry sends the parts missing here, no more, no less.
ALTER TABLE "alert_firings" ADD COLUMN "sent" jsonb DEFAULT '{}'::jsonb NOT NULL;
