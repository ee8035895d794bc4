//! What the helpdesk sidebars and the storefront's order list show for a customer: each of their
//! orders resolved by the core as if the shopper had asked "where is my order", so the agent sees
//! exactly the situation, evidence and suggested reply the shopper would get.

use super::order_context;
use crate::error::AppError;
use crate::state::AppState;
use wismo::{OrderContext, OrderNumber, Resolution, Scenario};

/// The question every order is resolved against for an overview, in English.
pub const OVERVIEW_QUESTION: &str = "where is my order";

/// The overview question in the customer's language, so the suggested reply and the headlines
/// come in the language they would be answered in.
pub fn overview_question(locale: &str) -> &'static str {
    match wismo::carrier::Lang::from_locale(locale) {
        wismo::carrier::Lang::En => OVERVIEW_QUESTION,
        wismo::carrier::Lang::Es => "¿dónde está mi pedido?",
        wismo::carrier::Lang::Fr => "où est ma commande ?",
        wismo::carrier::Lang::De => "wo ist meine Bestellung?",
    }
}

/// Most orders shown for one customer; older ones are left out.
pub const MAX_ORDERS: usize = 20;

/// One order and the core's answer about it.
pub struct Resolved {
    pub ctx: OrderContext,
    pub resolution: Resolution,
}

impl Resolved {
    /// The situation's kind, e.g. `in_transit`, or `unknown` when the core gave none.
    pub fn situation(&self) -> &'static str {
        self.resolution
            .situation
            .as_ref()
            .map_or("unknown", wismo::resolve::Situation::kind)
    }

    /// The core's one-line status, e.g. "On its way".
    pub fn headline(&self) -> String {
        self.resolution.card.as_ref().map_or_else(
            || self.situation().replace('_', " "),
            |c| c.headline.clone(),
        )
    }

    /// Whether the order is still on its way (see `Situation::is_open`).
    pub fn open(&self) -> bool {
        self.resolution
            .situation
            .as_ref()
            .is_none_or(wismo::resolve::Situation::is_open)
    }

    /// Whether something is going wrong with the delivery.
    pub fn problem(&self) -> bool {
        self.resolution.card.as_ref().is_some_and(|c| c.problem)
    }
}

/// Loads and resolves these orders (newest first, at most [`MAX_ORDERS`]); orders that vanished
/// in between are skipped.
pub async fn resolve_all(
    state: &AppState,
    numbers: &[OrderNumber],
) -> Result<Vec<Resolved>, AppError> {
    let mut out = Vec::new();
    for number in numbers.iter().take(MAX_ORDERS) {
        if let Some(ctx) = order_context(state, number).await? {
            let question = overview_question(&ctx.order.customer.locale);
            let resolution = wismo::resolve(&Scenario::with_context(question, ctx.clone()));
            out.push(Resolved { ctx, resolution });
        }
    }
    Ok(out)
}
