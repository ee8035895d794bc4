//! The chat's outcome events for the merchant's numbers: the widget answers in the browser, so
//! only it knows each turn's contact, answer, hand-over and the shopper's yes or rating. They are
//! kept with the time they happened (the page's monotonic clock, in ms) until a session exists,
//! then sent to `POST /api/v1/events` with how long ago each happened. The outbox is the page's
//! (a thread-local, one chat per page) rather than a `StoredValue`, each of whose accessors is
//! its own generic copy in the wasm.

use serde::Serialize;
use std::cell::RefCell;
use wismo::outcomes::What;

/// The most events kept while the shopper is not verified yet; the oldest go first.
pub const MAX_BUFFERED: usize = 40;
/// The most events one request may carry (the proxy's limit).
const MAX_PER_REQUEST: usize = 20;
/// How far back an event may be dated (the proxy's limit): older ones are dropped.
const MAX_AGO_MS: f64 = 3_600_000.0;

/// One event as the proxy takes it: what happened and how long ago.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sent {
    #[serde(flatten)]
    pub what: What,
    pub ago_ms: u64,
}

/// The body of one `POST /api/v1/events`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Batch {
    pub surface: &'static str,
    pub events: Vec<Sent>,
}

thread_local! {
    /// The page's outbox: one chat per page, emptied when the shopper starts a new chat.
    static OUTBOX: RefCell<Outbox> = RefCell::default();
}

/// Counts `ms` spent resolving towards the next answered turn.
pub fn think(ms: f64) {
    OUTBOX.with_borrow_mut(|o| o.think(ms));
}

/// The time spent resolving since the last answered turn, in microseconds.
pub fn spent_us() -> u64 {
    OUTBOX.with_borrow_mut(Outbox::spent_us)
}

/// Notes that the shopper wrote at `at` (ms), unless a turn is already under way: the turn's
/// contact is dated then, so the time to resolution includes verifying them.
pub fn begin(at: f64) {
    OUTBOX.with_borrow_mut(|o| {
        o.started.get_or_insert(at);
    });
}

/// When the turn being answered began (see [`begin`]), and forgets it.
pub fn started() -> Option<f64> {
    OUTBOX.with_borrow_mut(|o| o.started.take())
}

/// Keeps `events` that happened at `at` (ms) until they can be sent.
pub fn keep(at: f64, events: Vec<What>) {
    OUTBOX.with_borrow_mut(|o| o.keep(at, events));
}

/// Empties the outbox into the requests that report it at `now` (ms).
pub fn take(now: f64) -> Vec<Batch> {
    OUTBOX.with_borrow_mut(|o| o.take(now))
}

/// Forgets what was not sent: a new chat's events are not the old one's.
pub fn clear() {
    OUTBOX.take();
}

/// What the chat has yet to report: events waiting for a session, with when they happened (ms),
/// and the time spent resolving since the last answered turn.
#[derive(Debug, Default)]
pub struct Outbox {
    pending: Vec<(f64, What)>,
    thinking_ms: f64,
    /// When the shopper wrote the first message of the turn being answered.
    started: Option<f64>,
}

impl Outbox {
    /// Counts `ms` spent resolving towards the next answered turn.
    pub fn think(&mut self, ms: f64) {
        self.thinking_ms += ms;
    }

    /// The time spent resolving since the last call, in microseconds (at most the 10 s the
    /// proxy takes).
    pub fn spent_us(&mut self) -> u64 {
        (std::mem::take(&mut self.thinking_ms) * 1000.0).clamp(0.0, 1e7) as u64
    }

    /// Keeps `events` that happened at `at` (ms), dropping the oldest beyond [`MAX_BUFFERED`].
    pub fn keep(&mut self, at: f64, events: Vec<What>) {
        self.pending.extend(events.into_iter().map(|w| (at, w)));
        let over = self.pending.len().saturating_sub(MAX_BUFFERED);
        self.pending.drain(..over);
    }

    /// Empties the outbox into the requests that report it at `now` (ms).
    pub fn take(&mut self, now: f64) -> Vec<Batch> {
        batches(std::mem::take(&mut self.pending), now)
    }
}

/// The requests that report `pending` at `now` (ms): events more than an hour old are dropped,
/// the rest are sent in order, at most [`MAX_PER_REQUEST`] a request.
fn batches(pending: Vec<(f64, What)>, now: f64) -> Vec<Batch> {
    let sent: Vec<Sent> = pending
        .into_iter()
        .filter_map(|(at, what)| {
            let ago = (now - at).max(0.0).round();
            (ago <= MAX_AGO_MS).then_some(Sent {
                what,
                ago_ms: ago as u64,
            })
        })
        .collect();
    sent.chunks(MAX_PER_REQUEST)
        .map(|events| Batch {
            surface: "chat",
            events: events.to_vec(),
        })
        .collect()
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn events_are_sent_with_how_long_ago_in_the_proxys_words() {
        let pending = vec![
            (
                1_000.0,
                What::Contact {
                    intent: "track_order".into(),
                },
            ),
            (
                2_200.4,
                What::Answer {
                    situation: Some("in_transit".into()),
                    problem: false,
                    cpu_us: 90,
                },
            ),
            (3_400.0, What::Rating { score: 5 }),
        ];
        let sent = serde_json::to_value(batches(pending, 3_400.0)).expect("serialises");
        assert_eq!(
            sent,
            serde_json::json!([{"surface": "chat", "events": [
                {"kind": "contact", "intent": "track_order", "ago_ms": 2400},
                {"kind": "answer", "situation": "in_transit", "problem": false, "cpu_us": 90, "ago_ms": 1200},
                {"kind": "rating", "score": 5, "ago_ms": 0},
            ]}])
        );
    }

    #[wasm_bindgen_test]
    fn an_hour_is_the_oldest_sent_and_twenty_the_most_in_one_request() {
        let now = 5_000_000.0;
        let mut pending = vec![
            (now - 3_600_001.0, What::Confirmed),
            (now - 3_600_000.0, What::Rating { score: 4 }),
        ];
        pending.extend((0..44).map(|i| (now + f64::from(i), What::Confirmed)));
        let sent = batches(pending, now);
        let sizes: Vec<usize> = sent.iter().map(|b| b.events.len()).collect();
        assert_eq!(sizes, [20, 20, 5]);
        assert_eq!(sent[0].events[0].what, What::Rating { score: 4 });
        assert_eq!(sent[0].events[0].ago_ms, 3_600_000);
        // Clocks never run backwards in the report: a later stamp is sent as just now.
        assert_eq!(sent[2].events[4].ago_ms, 0);
        assert!(batches(Vec::new(), now).is_empty());
    }

    #[wasm_bindgen_test]
    fn the_outbox_keeps_the_newest_and_empties_when_taken() {
        let mut outbox = Outbox::default();
        for i in 0..30 {
            outbox.keep(f64::from(i), vec![What::Confirmed, What::Confirmed]);
        }
        assert_eq!(outbox.pending.len(), MAX_BUFFERED);
        assert_eq!(outbox.pending[0].0, 10.0);
        assert_eq!(outbox.pending[MAX_BUFFERED - 1].0, 29.0);
        let sent = outbox.take(29.0);
        assert_eq!(sent.len(), 2);
        assert_eq!(sent[0].events[0].ago_ms, 19);
        assert!(outbox.take(30.0).is_empty());
    }

    #[wasm_bindgen_test]
    fn time_spent_resolving_is_counted_once_in_microseconds() {
        let mut outbox = Outbox::default();
        outbox.think(0.3);
        outbox.think(1.25);
        assert_eq!(outbox.spent_us(), 1550);
        assert_eq!(outbox.spent_us(), 0);
        outbox.think(60_000.0);
        assert_eq!(outbox.spent_us(), 10_000_000);
    }

    #[wasm_bindgen_test]
    fn a_turn_begins_at_the_shoppers_first_message_and_is_forgotten_once_answered() {
        clear();
        begin(100.0);
        // The verification that follows does not move the turn's start.
        begin(4_000.0);
        assert_eq!(started(), Some(100.0));
        assert_eq!(started(), None);
        begin(9_000.0);
        clear();
        assert_eq!(started(), None);
    }
}
