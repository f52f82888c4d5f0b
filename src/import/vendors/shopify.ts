/**
 * Shopify's meaning: an order is a sale unless its payment is pending,
 * voided or expired; its refunded amount reduces it; its customer is its
 * e-mail, in the billing country. The orders export writes one row per line
 * item, the order's own columns on the first only: the others fold into it.
 * "Created at" carries its offset ("2025-11-30 23:45:12 +0200").
 */
import type { Header, Meaning } from "../reading.js";
import { cellsOf, type ExportKind, vendorReading } from "./export-kind.js";

/** An order as Shopify describes it, each field as text. */
export interface ShopifyOrder {
  /** "#1001": the order's name, its id in exports. */
  name: string;
  email: string;
  financialStatus: string;
  createdAt: string;
  currency: string;
  total: string;
  refundedAmount: string;
  billingCountry: string;
  billingName: string;
}

const sale = new Set(["paid", "partially_paid", "partially_refunded", "refunded", "authorized"]);
const noSale = new Set(["pending", "voided", "expired"]);

/** The order a Shopify order is, or why it is none. Without an e-mail, the order is its own one-time customer. */
export function orderMeaning(order: ShopifyOrder): Meaning {
  const status = order.financialStatus.trim().toLowerCase().replaceAll(" ", "_");
  if (noSale.has(status)) return { skip: `${status} orders (no sale)` };
  if (!sale.has(status))
    return {
      problem: {
        column: "Financial Status",
        problem: `"${order.financialStatus}" is not a financial status Pulse knows (paid, refunded, pending, voided, ...): leave such rows out with --where "Financial Status!=${order.financialStatus}"`,
      },
    };
  return {
    cells: cellsOf({
      id: order.name,
      customer_id: order.email || order.name,
      ordered_at: order.createdAt,
      amount: order.total,
      refunded: order.refundedAmount,
      currency: order.currency,
      "customer.email": order.email,
      "customer.country": order.billingCountry,
      "customer.name": order.billingName,
    }),
  };
}

export const shopifyOrders: ExportKind = {
  name: "Shopify orders export",
  table: "orders",
  matches: (h: Header) => h.has("Name", "Financial Status", "Total", "Created at"),
  read: (header) => {
    const orders = new Set<string>();
    return vendorReading<keyof ShopifyOrder>({
      name: shopifyOrders.name,
      header,
      columns: {
        name: ["Name"],
        email: ["Email"],
        financialStatus: ["Financial Status"],
        createdAt: ["Created at"],
        currency: ["Currency"],
        total: ["Total"],
        refundedAmount: ["Refunded Amount"],
        billingCountry: ["Billing Country"],
        billingName: ["Billing Name"],
      },
      produces: {
        id: "name",
        customer_id: "email",
        ordered_at: "createdAt",
        amount: "total",
        refunded: "refundedAmount",
        currency: "currency",
        "customer.email": "email",
        "customer.country": "billingCountry",
        "customer.name": "billingName",
      },
      notes: [
        "line-item rows fold into their order",
        "pending, voided and expired orders are no sales",
        "Refunded Amount reduces its order",
        "Created at keeps its offset",
        "customers by e-mail, in their Billing Country",
      ],
      createsCustomers: true,
      meaning: (order) => {
        // A row of an order already read, without the order's own columns, is one more of its line items.
        if (orders.has(order.name) && order.financialStatus === "" && order.total === "")
          return { skip: "line-item rows (folded into their order)" };
        orders.add(order.name);
        return orderMeaning(order);
      },
    });
  },
};

/** A customer as Shopify's customers export describes them. */
export interface ShopifyCustomer {
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  country: string;
}

export const shopifyCustomers: ExportKind = {
  name: "Shopify customers export",
  table: "customers",
  matches: (h: Header) => h.has("First Name", "Last Name", "Email", "Total Spent", "Total Orders"),
  read: (header) =>
    vendorReading<keyof ShopifyCustomer>({
      name: shopifyCustomers.name,
      header,
      columns: {
        email: ["Email"],
        firstName: ["First Name"],
        lastName: ["Last Name"],
        phone: ["Phone", "Default Address Phone"],
        country: ["Default Address Country Code", "Country Code", "Country"],
      },
      produces: {
        id: "email",
        name: ["firstName", "lastName"],
        email: "email",
        phone: "phone",
        country: "country",
      },
      notes: [
        "customers by e-mail, as the orders export names them: their names, phones and countries are added to the customers the orders made",
      ],
      enrichesOnly:
        "customers without an order imported (the export has no sign-up date: import the orders export first)",
      meaning: (c) =>
        c.email
          ? {
              cells: cellsOf({
                id: c.email,
                name: [c.firstName, c.lastName].filter(Boolean).join(" "),
                email: c.email,
                phone: c.phone,
                country: c.country,
              }),
            }
          : { skip: "customers without an e-mail (orders name customers by e-mail)" },
    }),
};
