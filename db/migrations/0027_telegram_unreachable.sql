-- A customer who blocked the bot (403) or whose chat is gone (400) is marked on
-- the customer with Telegram's words, so no campaign asks them again and a dry
-- run counts them as unreachable; /start in their chat clears it.
ALTER TABLE "customers" ADD COLUMN "telegram_unreachable" text;
