//! The sidebar's components. Everything shown is text from the proxy, rendered as text (Leptos
//! escapes it), so a hostile name or order note can never become markup.

use crate::api::{Api, Customer, Order, RawParcel};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wismo::resolve::AgentAction;
use wismo_ui::OrderCardView;

/// What the sidebar is showing.
#[derive(Debug, Clone)]
enum Load {
    Loading,
    NoRequester,
    Failed(String),
    Ready(Box<Customer>),
}

fn when(at: &chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

#[component]
pub fn Sidebar(host: Api, started: f64) -> impl IntoView {
    let api = StoredValue::new_local(host);
    let load = RwSignal::new(Load::Loading);
    // Distinguishes this sidebar's idempotency keys from any other's.
    let session = format!("{:x}", (js_sys::Math::random() * 1e15) as u64);
    spawn_local(async move {
        let api = api.get_value();
        let next = match api.requester().await {
            Err(e) => Load::Failed(e),
            Ok(r) => match r.email.filter(|e| !e.is_empty()) {
                None => Load::NoRequester,
                Some(email) => match api.customer(&email).await {
                    Ok(c) => Load::Ready(Box::new(c)),
                    Err(e) => Load::Failed(e),
                },
            },
        };
        let ready = matches!(next, Load::Ready(_));
        load.set(next);
        if ready {
            // The first render's time, for the browser test's report.
            request_animation_frame(move || {
                if let Some(root) = document().get_element_by_id("wismo-agent") {
                    let ms = crate::now_ms() - started;
                    let _ = root.set_attribute("data-rendered-ms", &format!("{ms:.0}"));
                }
            });
        }
    });
    view! {
        {move || match load.get() {
            Load::Loading => view! { <p class="status" role="status">"Looking up the requester's orders…"</p> }.into_any(),
            Load::NoRequester => view! { <p class="status">"This ticket has no requester e-mail to look up."</p> }.into_any(),
            Load::Failed(why) => view! { <p class="status" role="alert">{why}</p> }.into_any(),
            Load::Ready(c) => view! { <CustomerView customer=*c api=api session=session.clone() /> }.into_any(),
        }}
    }
}

#[component]
fn CustomerView(
    customer: Customer,
    api: StoredValue<Api, LocalStorage>,
    session: String,
) -> impl IntoView {
    let title = customer
        .name
        .clone()
        .unwrap_or_else(|| customer.email.clone());
    let empty = customer.orders.is_empty();
    view! {
        <h1>{title}</h1>
        <p class="who">{customer.email.clone()}</p>
        {customer.handoff.clone().map(|h| view! {
            <p class="handoff" role="note"><strong>"Handed over to a person. "</strong>{h}</p>
        })}
        {empty.then(|| view! { <p class="status">"No orders for this e-mail address."</p> })}
        {customer
            .orders
            .into_iter()
            .enumerate()
            .map(|(i, o)| view! { <OrderView order=o api=api key=format!("{session}-{i}") index=i /> })
            .collect_view()}
        <h3 id="wismo-conversation">"Conversation"</h3>
        {if customer.conversation.is_empty() {
            view! { <p class="status">"No messages yet."</p> }.into_any()
        } else {
            view! {
                <ol class="conversation" aria-labelledby="wismo-conversation">
                    {customer
                        .conversation
                        .into_iter()
                        .map(|l| {
                            let who = if l.direction == "in" { "customer" } else { "wismo" };
                            view! {
                                <li class=l.direction.clone()>
                                    <span class="meta">{format!("{who} · {} · {}", l.channel, when(&l.at))}</span>
                                    {l.text}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            }
            .into_any()
        }}
    }
}

#[component]
fn OrderView(
    order: Order,
    api: StoredValue<Api, LocalStorage>,
    /// This order's prefix for idempotency keys.
    key: String,
    index: usize,
) -> impl IntoView {
    let heading = format!("wismo-order-{index}");
    let labelled_by = heading.clone();
    let class = if order.problem {
        "order problem"
    } else {
        "order"
    };
    let reply = order
        .agent
        .as_ref()
        .map(|a| a.suggested_reply.clone())
        .unwrap_or_default();
    let inserted = RwSignal::new(None::<String>);
    let insert = {
        let reply = reply.clone();
        move |_| {
            let reply = reply.clone();
            spawn_local(async move {
                let note = match api.get_value().insert_reply(&reply).await {
                    Ok(()) => "Inserted in the reply box.".to_owned(),
                    Err(e) => e,
                };
                inserted.set(Some(note));
            });
        }
    };
    let no_actions = order.actions.is_empty();
    view! {
        <section class=class aria-labelledby=labelled_by data-testid="wismo-agent-order">
            <h2 id=heading>{order.name.clone()}<span class="badge">{order.headline.clone()}</span></h2>
            <p class="sentence" data-testid="wismo-agent-sentence">{order.sentence.clone()}</p>
            <h3>"Evidence"</h3>
            <ul class="facts">
                {order
                    .facts
                    .iter()
                    .map(|f| view! {
                        <li>{format!("{}: {} ", f.source, f.statement)}<span class="age">{format!("({})", f.age)}</span></li>
                    })
                    .collect_view()}
            </ul>
            <h3>"Suggested reply"</h3>
            <p class="reply" data-testid="wismo-agent-reply">{reply.clone()}</p>
            <button type="button" data-testid="wismo-agent-insert" on:click=insert disabled=reply.is_empty()>
                "Insert reply"
            </button>
            <span class="result done" role="status">{move || inserted.get()}</span>
            <h3>"Actions"</h3>
            {no_actions.then(|| view! { <p class="status">"Nothing the policy allows for this order now."</p> })}
            {order
                .actions
                .into_iter()
                .enumerate()
                .map(|(i, a)| view! { <ActionView action=a api=api key=format!("{key}-{i}") /> })
                .collect_view()}
            {order.card.map(|card| view! {
                <details><summary>"What the customer sees"</summary><OrderCardView card=card /></details>
            })}
            {order.parcels.into_iter().map(|p| view! { <RawScans parcel=p /> }).collect_view()}
        </section>
    }
}

/// One parcel's scans as the carrier sent them: codes and words agents may see, shoppers never.
#[component]
fn RawScans(parcel: RawParcel) -> impl IntoView {
    view! {
        <details data-testid="wismo-agent-raw">
            <summary>{format!("{} {}: carrier scans (raw)", parcel.carrier, parcel.tracking_number)}</summary>
            <table>
                <thead><tr><th scope="col">"When"</th><th scope="col">"Code"</th><th scope="col">"Carrier's words"</th><th scope="col">"Place"</th></tr></thead>
                <tbody>
                    {parcel
                        .events
                        .into_iter()
                        .map(|e| view! {
                            <tr>
                                <td>{when(&e.at)}</td>
                                <td><code>{e.code}</code></td>
                                <td>{format!("{} ({})", e.description, e.status)}</td>
                                <td>{e.place.unwrap_or_default()}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </details>
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Run {
    Idle,
    Running,
    Done(String),
    Failed(String),
}

#[component]
fn ActionView(
    action: AgentAction,
    api: StoredValue<Api, LocalStorage>,
    key: String,
) -> impl IntoView {
    let state = RwSignal::new(Run::Idle);
    let approved = RwSignal::new(false);
    let address = RwSignal::new(String::new());
    let needs_approval = action.proposal.needs_approval;
    let needs_address = action.needs_address;
    let proposal = StoredValue::new(action.proposal.clone());
    let key = StoredValue::new(key);
    let run = move |_| {
        if matches!(state.get_untracked(), Run::Running | Run::Done(_)) {
            return;
        }
        let mut p = proposal.get_value();
        let typed = address.get_untracked();
        if let wismo::resolve::Action::ChangeAddress { new_address, .. } = &mut p.action {
            new_address.clone_from(&typed);
        }
        // The same click twice is the same key: the proxy answers it again, never runs it twice.
        let key = format!("{}-{:016x}", key.get_value(), fnv1a(&typed));
        let approve = approved.get_untracked();
        state.set(Run::Running);
        spawn_local(async move {
            let outcome = api.get_value().run(&p, approve, &key).await;
            state.set(match outcome {
                Ok(detail) => Run::Done(detail),
                Err(why) => Run::Failed(why),
            });
        });
    };
    let blocked = move || {
        matches!(state.get(), Run::Running | Run::Done(_))
            || (needs_approval && !approved.get())
            || (needs_address && address.get().trim().len() < 8)
    };
    view! {
        <div class="action" data-testid="wismo-agent-action" data-kind=action.proposal.action.kind()>
            <p><strong>{action.label.clone()}</strong>
                {action.value.clone().map(|v| view! { " · " <span class="value">{v}</span> })}
            </p>
            <p>{action.effect.clone()}</p>
            {needs_address.then(|| view! {
                <label>"New address"
                    <input type="text" autocomplete="off" prop:value=move || address.get()
                        on:input=move |ev| address.set(event_target_value(&ev)) />
                </label>
            })}
            {needs_approval.then(|| view! {
                <label>
                    <input type="checkbox" data-testid="wismo-agent-approve"
                        prop:checked=move || approved.get()
                        on:change=move |ev| approved.set(event_target_checked(&ev)) />
                    " I approve this: it is above the policy's limit for automatic actions"
                </label>
            })}
            <button type="button" class="secondary" data-testid="wismo-agent-run" on:click=run disabled=blocked>
                {move || if state.get() == Run::Running { "Running…" } else { "Run" }}
            </button>
            <p role="status" class=move || match state.get() {
                Run::Failed(_) => "result failed",
                _ => "result done",
            }>
                {move || match state.get() {
                    Run::Done(d) => format!("Done: {d}"),
                    Run::Failed(w) => format!("Not done: {w}"),
                    _ => String::new(),
                }}
            </p>
        </div>
    }
}

/// A stable short fingerprint of the typed address, so a corrected address is a new request.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
