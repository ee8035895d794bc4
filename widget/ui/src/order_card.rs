//! The order card: the order's headline, expected delivery, items and each parcel's timeline,
//! all computed by the core so every surface shows the same thing.

use crate::labels;
use crate::TrackingLink;
use leptos::prelude::*;
use wismo::resolve::ParcelCard;
use wismo::OrderCard;

/// Timeline entries shown before "Show all": the newest few tell the story.
const SHOWN: usize = 3;

#[component]
pub fn OrderCardView(
    /// The card the core built for the shopper's order.
    card: OrderCard,
) -> impl IntoView {
    let eta = card.parcels.iter().find_map(|p| p.eta.clone());
    let several = card.parcels.len() > 1;
    let class = if card.problem { "card problem" } else { "card" };
    let t = labels::current();
    let link = use_context::<TrackingLink>();
    let label = format!("{} {}", t().order, card.order_number);
    let aria_label = label.clone();
    view! {
        <section class=class data-testid="wismo-order-card" aria-label=aria_label>
            <h3 data-testid="wismo-card-number">{label}</h3>
            <p class="headline" data-testid="wismo-card-headline">
                {card.headline}
            </p>
            {eta.map(|eta| view! { <p class="eta">{t().expected} " " {eta}</p> })}
            <ul aria-label=t().items>
                {card.items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
            </ul>
            {card
                .parcels
                .into_iter()
                .map(|parcel| view! { <ParcelView parcel=parcel several=several /> })
                .collect_view()}
            {move || {
                link.and_then(|l| l.0.get())
                    .map(|href| {
                        view! {
                            <a class="track" href=href data-testid="wismo-track-link">
                                {t().track}
                            </a>
                        }
                    })
            }}
        </section>
    }
}

#[component]
pub fn ParcelView(
    /// One parcel of the order.
    parcel: ParcelCard,
    /// The order went out in several parcels, so each shows its own status and items.
    several: bool,
) -> impl IntoView {
    let total = parcel.timeline.len();
    let expanded = RwSignal::new(false);
    let t = labels::current();
    view! {
        <div class="parcel" data-testid="wismo-parcel">
            <p class="carrier">
                <span data-testid="wismo-parcel-carrier">{parcel.carrier}</span>
                " · "
                <span class="tn" data-testid="wismo-parcel-tracking">
                    {parcel.tracking_number}
                </span>
            </p>
            {several
                .then(|| {
                    view! {
                        <p>{parcel.headline}</p>
                        <ul>
                            {parcel
                                .items
                                .into_iter()
                                .map(|item| view! { <li>{item}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
            <ol class="timeline" aria-label="Tracking history">
                {parcel
                    .timeline
                    .into_iter()
                    .enumerate()
                    .map(|(i, entry)| {
                        let hidden = move || i >= SHOWN && !expanded.get();
                        view! {
                            <li data-testid="wismo-timeline-entry" hidden=hidden>
                                <time datetime=entry.at.to_rfc3339()>{entry.when}</time>
                                {entry.text}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {(total > SHOWN)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="more"
                            data-testid="wismo-timeline-more"
                            aria-expanded=move || expanded.get().to_string()
                            on:click=move |_| expanded.update(|e| *e = !*e)
                        >
                            {move || {
                                if expanded.get() {
                                    t().fewer.to_owned()
                                } else {
                                    t().all.replace("{n}", &total.to_string())
                                }
                            }}
                        </button>
                    }
                })}
        </div>
    }
}
