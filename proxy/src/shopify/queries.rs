//! The GraphQL documents the proxy sends to the Admin API (version `client::API_VERSION`): one
//! order query by search string, and the three mutations actions need.

/// The order fields the core needs, with fulfillments, their tracking and their events.
const ORDER_FIELDS: &str = r#"
fragment WismoOrder on Order {
  id
  name
  email
  phone
  createdAt
  cancelledAt
  customerLocale
  displayFulfillmentStatus
  customer { firstName email phone }
  shippingAddress { address1 address2 city province provinceCode zip countryCodeV2 firstName lastName phone }
  shippingLine { title code }
  lineItems(first: 100) {
    nodes { id title quantity originalUnitPriceSet { shopMoney { amount currencyCode } } }
  }
  fulfillments(first: 25) {
    id
    status
    createdAt
    updatedAt
    estimatedDeliveryAt
    trackingInfo(first: 10) { company number url }
    fulfillmentLineItems(first: 100) { nodes { lineItem { id } } }
    events(first: 100, sortKey: HAPPENED_AT) {
      nodes { id status message happenedAt city province country estimatedDeliveryAt }
    }
  }
}
"#;

/// Orders matching a search (`name:#1001`, `email:a@b.example`), newest first.
pub fn orders() -> String {
    format!(
        "query WismoOrders($query: String!, $first: Int!) {{
  orders(first: $first, query: $query, sortKey: CREATED_AT, reverse: true) {{
    nodes {{ ...WismoOrder }}
  }}
}}
{ORDER_FIELDS}"
    )
}

/// The order's successful payments, which a refund must name as its parent.
pub const TRANSACTIONS: &str = r#"
query WismoTransactions($id: ID!) {
  order(id: $id) {
    transactions(first: 50) { id kind status gateway amountSet { shopMoney { amount currencyCode } } }
  }
}
"#;

/// Changes the shipping address.
pub const ORDER_UPDATE: &str = r#"
mutation WismoOrderUpdate($input: OrderInput!) {
  orderUpdate(input: $input) {
    order { id displayFulfillmentStatus }
    userErrors { field message }
  }
}
"#;

/// Cancels the order, refunding the payment and restocking the items.
pub const ORDER_CANCEL: &str = r#"
mutation WismoOrderCancel($orderId: ID!, $reason: OrderCancelReason!, $refund: Boolean!, $restock: Boolean!, $notifyCustomer: Boolean, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: $reason, refund: $refund, restock: $restock, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
    job { id done }
    orderCancelUserErrors { field message code }
  }
}
"#;

/// Refunds an amount against a payment.
pub const REFUND_CREATE: &str = r#"
mutation WismoRefundCreate($input: RefundInput!) {
  refundCreate(input: $input) {
    refund { id totalRefundedSet { shopMoney { amount currencyCode } } }
    userErrors { field message }
  }
}
"#;
