//! Executing the resolver's proposals: the checks the proxy makes itself whatever the client says
//! (`eligibility`), the shop that carries them out (`OrderActions`), and the ledger of
//! idempotency keys and audit rows (`ledger`). The helpdesk hears about them through
//! `crate::helpdesk`.

mod demo;
mod eligibility;
pub mod ledger;

pub use demo::{new_address, parse_address, DbOrderActions};
pub use eligibility::{check, check_approved, Refusal};

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use wismo::resolve::Action;
use wismo::Order;

/// What the shop did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionOutcome {
    /// A sentence for the audit log and the helpdesk note.
    pub detail: String,
    /// The shop's id for what it created (a refund, a replacement order, a claim), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// Why the shop did not carry an action out.
#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    /// The shop refused it (for example, it was fulfilled a moment ago); the message says why.
    #[error("{0}")]
    Rejected(String),
    /// The shop could not be reached or failed; the action may be retried.
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

/// The shop's side of an action. Called only after the proxy's own checks passed; an
/// implementation still re-checks what only the shop knows at that instant.
#[async_trait]
pub trait OrderActions: Send + Sync + 'static {
    async fn execute(&self, order: &Order, action: &Action) -> Result<ActionOutcome, ActionError>;
}
