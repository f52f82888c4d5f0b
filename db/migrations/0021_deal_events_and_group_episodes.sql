-- Deal events for alerts ("notify #sales when a deal is won", "tell me when a
-- deal moves to negotiation"): a new deal, and a deal whose stage changed, are
-- logged to alert_changes like orders, signups and churns (migration 0007),
-- while an active event rule wants source 'deal'. An update that leaves the
-- stage alone is not news. The logged row carries the stage it came from.
--
-- Per-group rules ("churn rate by plan above 5%") keep one episode per group:
-- episode_groups holds the groups in a breach, so a group fires when it starts
-- breaching and again only after it recovered, whatever the others do.
ALTER TABLE "alert_rules" ADD COLUMN "episode_groups" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION alert_changes_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The common case, a bulk import with no event rule anywhere, costs one lookup per statement.
  IF NOT EXISTS (SELECT 1 FROM alert_rules WHERE kind = 'event' AND status = 'active') THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'orders' THEN
    PERFORM alert_changes_log('order', n.workspace_id, to_jsonb(n))
      FROM new_rows n WHERE alert_changes_wanted(n.workspace_id, 'order') ORDER BY n.ordered_at, n.id;
  ELSIF TG_TABLE_NAME = 'events' THEN
    PERFORM alert_changes_log('event', n.workspace_id, to_jsonb(n))
      FROM new_rows n WHERE alert_changes_wanted(n.workspace_id, 'event') ORDER BY n.occurred_at, n.id;
  ELSIF TG_TABLE_NAME = 'customers' AND TG_OP = 'INSERT' THEN
    PERFORM alert_changes_log('signup', n.workspace_id, to_jsonb(n))
      FROM new_rows n WHERE alert_changes_wanted(n.workspace_id, 'signup') ORDER BY n.signup_at, n.id;
    PERFORM alert_changes_log('churn', n.workspace_id, to_jsonb(n))
      FROM new_rows n WHERE n.churned_at IS NOT NULL AND alert_changes_wanted(n.workspace_id, 'churn')
      ORDER BY n.churned_at, n.id;
  ELSIF TG_TABLE_NAME = 'customers' THEN
    PERFORM alert_changes_log('churn', n.workspace_id, to_jsonb(n))
      FROM new_rows n JOIN old_rows o ON o.workspace_id = n.workspace_id AND o.id = n.id
      WHERE n.churned_at IS NOT NULL AND o.churned_at IS NULL AND alert_changes_wanted(n.workspace_id, 'churn')
      ORDER BY n.churned_at, n.id;
  ELSIF TG_TABLE_NAME = 'deals' AND TG_OP = 'INSERT' THEN
    PERFORM alert_changes_log('deal', n.workspace_id, to_jsonb(n) || jsonb_build_object('previous_stage', null, 'is_new', true))
      FROM new_rows n WHERE alert_changes_wanted(n.workspace_id, 'deal') ORDER BY n.created_at, n.id;
  ELSIF TG_TABLE_NAME = 'deals' THEN
    PERFORM alert_changes_log('deal', n.workspace_id, to_jsonb(n) || jsonb_build_object('previous_stage', o.stage, 'is_new', false))
      FROM new_rows n JOIN old_rows o ON o.workspace_id = n.workspace_id AND o.id = n.id
      WHERE n.stage IS DISTINCT FROM o.stage AND alert_changes_wanted(n.workspace_id, 'deal')
      ORDER BY n.id;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER deals_alert_changes_insert AFTER INSERT ON deals
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION alert_changes_capture();--> statement-breakpoint
CREATE TRIGGER deals_alert_changes_update AFTER UPDATE ON deals
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION alert_changes_capture();
