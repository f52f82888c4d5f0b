/**
 * Stripe's meaning: a charge is an order when money was taken (failed,
 * canceled and uncaptured charges are no sale) and what was refunded of it
 * reduces it; a customer is linked by Customer ID, else by e-mail; a
 * subscription's customer signed up when it started and churned when the
 * last of their subscriptions ended. Exports write times in UTC ("Created
 * (UTC)") and amounts in major units ("12.50") with a lower-case currency.
 */
import type { Header, Located, Meaning } from "../reading.js";
import { cellsOf, type ExportKind, vendorReading } from "./export-kind.js";

/** A charge as Stripe describes it, each field as text (an export's cell; an API object converted). */
export interface StripeCharge {
  id: string;
  /** When it was made: an instant, UTC unless it says otherwise. */
  created: string;
  /** In major units: "12.50". */
  amount: string;
  amountRefunded: string;
  currency: string;
  status: string;
  /** "false" for an authorisation never captured; "" when unknown. */
  captured: string;
  customerId: string;
  customerEmail: string;
}

/** Statuses of charges that took money (refunded ones too: the refund reduces them). */
const sale = new Set([
  "paid",
  "succeeded",
  "refunded",
  "partially refunded",
  "partially_refunded",
  "disputed",
]);
/** Statuses of charges that took none. */
const noSale = new Set([
  "failed",
  "canceled",
  "cancelled",
  "blocked",
  "incomplete",
  "uncaptured",
  "pending",
  "expired",
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
  "requires_capture",
  "processing",
]);

/** The order a charge is, or why it is none. A charge without a customer is its own one-time customer. */
export function chargeMeaning(charge: StripeCharge): Meaning {
  const status = charge.status.trim().toLowerCase();
  if (noSale.has(status)) return { skip: `${status} charges (no money taken)` };
  if (charge.captured.trim().toLowerCase() === "false")
    return { skip: "uncaptured charges (no money taken)" };
  if (!sale.has(status))
    return {
      problem: {
        column: "Status",
        problem: `"${charge.status}" is not a charge status Pulse knows (Paid, Refunded, Failed, ...): leave such rows out with --where "Status!=${charge.status}"`,
      },
    };
  return {
    cells: cellsOf({
      id: charge.id,
      customer_id: charge.customerId || charge.customerEmail || charge.id,
      ordered_at: charge.created,
      amount: charge.amount,
      refunded: charge.amountRefunded,
      currency: charge.currency,
      "customer.email": charge.customerEmail,
    }),
  };
}

/** A subscription as Stripe describes it. */
export interface StripeSubscription {
  id: string;
  customerId: string;
  customerEmail: string;
  plan: string;
  status: string;
  /** When it started (Start, else Created). */
  start: string;
  endedAt: string;
  /** When it was canceled: its end, for a canceled one without Ended At. */
  canceledAt: string;
}

/** Subscriptions that never began: no customer comes from them. */
const neverStarted = new Set(["incomplete", "incomplete_expired"]);

/**
 * The customers subscriptions make, folded per customer: signed up at the
 * first start, churned when every subscription has ended (at the last end),
 * on the plan of the latest one.
 */
export class SubscriptionCustomers {
  private readonly customers = new Map<
    string,
    {
      line: number;
      raw: string[];
      email: string;
      first: string;
      plan: string;
      latest: string;
      ended: string[];
      open: boolean;
    }
  >();

  add(s: StripeSubscription, line: number, raw: string[]): Meaning | null {
    if (neverStarted.has(s.status.trim().toLowerCase()))
      return { skip: "subscriptions that never started" };
    if (!s.customerId) return { problem: { column: "Customer ID", problem: "is empty" } };
    const c = this.customers.get(s.customerId);
    const ended = s.endedAt || (s.status.trim().toLowerCase() === "canceled" ? s.canceledAt : "");
    if (!c) {
      this.customers.set(s.customerId, {
        line,
        raw,
        email: s.customerEmail,
        first: s.start,
        plan: s.plan,
        latest: s.start,
        ended: ended ? [ended] : [],
        open: !ended,
      });
      return null;
    }
    // Exports write times as "YYYY-MM-DD HH:MM": text order is time order.
    if (s.start < c.first) c.first = s.start;
    if (s.start >= c.latest) {
      c.latest = s.start;
      c.plan = s.plan || c.plan;
    }
    if (ended) c.ended.push(ended);
    else c.open = true;
    return { skip: "further subscriptions of a customer (folded into one)" };
  }

  rows(): Located[] {
    return [...this.customers].map(([id, c]) => ({
      line: c.line,
      raw: c.raw,
      cells: cellsOf({
        id,
        email: c.email,
        plan: c.plan,
        signup_at: c.first,
        churned_at: c.open ? "" : c.ended.sort().at(-1),
      }),
    }));
  }
}

const created = ["Created (UTC)", "Created date (UTC)", "Created"];

export const stripePayments: ExportKind = {
  name: "Stripe payments export",
  table: "orders",
  matches: (h: Header) =>
    h.has("id", "Amount", "Status") &&
    h.first(...created) !== undefined &&
    (h.has("Amount Refunded") || h.has("Customer ID") || h.has("Captured")),
  read: (header) =>
    vendorReading<keyof StripeCharge>({
      name: stripePayments.name,
      header,
      columns: {
        id: ["id"],
        created,
        amount: ["Amount"],
        amountRefunded: ["Amount Refunded"],
        currency: ["Currency"],
        status: ["Status"],
        captured: ["Captured"],
        customerId: ["Customer ID"],
        customerEmail: ["Customer Email"],
      },
      produces: {
        id: "id",
        customer_id: "customerId",
        ordered_at: "created",
        amount: "amount",
        refunded: "amountRefunded",
        currency: "currency",
        "customer.email": "customerEmail",
      },
      notes: [
        "failed, canceled and uncaptured charges are no orders",
        "Amount Refunded reduces its charge",
        "customers by Customer ID, else e-mail, created at their first charge",
      ],
      createsCustomers: true,
      meaning: chargeMeaning,
    }),
};

export const stripeSubscriptions: ExportKind = {
  name: "Stripe subscriptions export",
  table: "customers",
  matches: (h) =>
    h.has("id", "Customer ID", "Status") &&
    h.first("Canceled At (UTC)", "Ended At (UTC)", "Current Period End (UTC)") !== undefined,
  read: (header) => {
    const folded = new SubscriptionCustomers();
    return vendorReading<keyof StripeSubscription>({
      name: stripeSubscriptions.name,
      header,
      columns: {
        id: ["id"],
        customerId: ["Customer ID"],
        customerEmail: ["Customer Email"],
        plan: ["Plan", "Product", "Plan Name", "Price"],
        status: ["Status"],
        start: ["Start (UTC)", "Start Date (UTC)", ...created],
        endedAt: ["Ended At (UTC)"],
        canceledAt: ["Canceled At (UTC)"],
      },
      produces: {
        id: "customerId",
        email: "customerEmail",
        plan: "plan",
        signup_at: "start",
        churned_at: ["endedAt", "canceledAt"],
      },
      notes: [
        "one customer per Customer ID: signed up when their first subscription started, churned when their last one ended",
      ],
      meaning: (s, line, raw) => {
        const meant = folded.add(s, line, raw);
        return meant ? [{ ...meant, line, raw }] : [];
      },
      end: () => folded.rows(),
    });
  },
};

export const stripeCustomers: ExportKind = {
  name: "Stripe customers export",
  table: "customers",
  matches: (h) => h.has("id", "Email") && h.first(...created) !== undefined && !h.has("Amount"),
  read: (header) =>
    vendorReading<"id" | "name" | "email" | "phone" | "country" | "created">({
      name: stripeCustomers.name,
      header,
      columns: {
        id: ["id"],
        name: ["Name", "Description"],
        email: ["Email"],
        phone: ["Phone"],
        country: ["Address Country", "Card Address Country"],
        created,
      },
      produces: {
        id: "id",
        name: "name",
        email: "email",
        phone: "phone",
        country: "country",
        signup_at: "created",
      },
      notes: ["customers by id, signed up when created"],
      meaning: (c) => ({
        cells: cellsOf({
          id: c.id,
          name: c.name,
          email: c.email,
          phone: c.phone,
          country: c.country,
          signup_at: c.created,
        }),
      }),
    }),
};
