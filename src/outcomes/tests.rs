use super::*;
use chrono::TimeZone;

fn t(day: u32, hour: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, min, 0).unwrap()
}

fn ev(at: DateTime<Utc>, order: &str, channel: Channel, what: What) -> Event {
    Event {
        at,
        order: Some(order.to_owned()),
        shopper: format!("{order}@example.com"),
        channel,
        what,
    }
}

fn contact(at: DateTime<Utc>, order: &str, channel: Channel, intent: &str) -> Event {
    ev(
        at,
        order,
        channel,
        What::Contact {
            intent: intent.to_owned(),
        },
    )
}

fn answer(at: DateTime<Utc>, order: &str, channel: Channel, situation: &str) -> Event {
    ev(
        at,
        order,
        channel,
        What::Answer {
            situation: Some(situation.to_owned()),
            problem: matches!(situation, "stalled" | "exception"),
            cpu_us: 100,
        },
    )
}

/// November 1 to 11 (exclusive), measured on December 1: every window has closed.
fn report(events: &[Event], orders: u64) -> Report {
    measure(
        events,
        t(1, 0, 0),
        t(11, 0, 0),
        t(30, 0, 0),
        orders,
        &Prices::default(),
    )
}

#[test]
fn a_confirmed_answer_with_no_return_is_a_true_resolution() {
    let events = [
        contact(t(2, 10, 0), "1001", Channel::Chat, "track_order"),
        answer(t(2, 10, 0), "1001", Channel::Chat, "in_transit"),
        contact(t(2, 10, 1), "1001", Channel::Chat, "thanks"),
        ev(t(2, 10, 1), "1001", Channel::Chat, What::Confirmed),
    ];
    let k = report(&events, 10).kpis;
    assert_eq!(k.contacts, 1);
    assert_eq!(k.settled, 1);
    // Answering the thanks is not what resolved it.
    let mut later = events.to_vec();
    later.push(answer(t(2, 10, 2), "1001", Channel::Chat, "in_transit"));
    assert_eq!(report(&later, 10).kpis.median_ttr_ms, Some(0));
    assert_eq!(k.true_resolution, Some(1.0));
    assert_eq!(k.first_contact_resolution, Some(1.0));
    assert_eq!(k.handover_rate, Some(0.0));
    assert_eq!(k.median_ttr_ms, Some(0));
    assert_eq!(k.wismo_contacts, 1);
    assert_eq!(k.wismo_contacts_per_100_orders, Some(10.0));
}

#[test]
fn an_answer_nobody_confirmed_is_not_resolution_though_nobody_came_back() {
    let events = [
        contact(t(2, 10, 0), "1001", Channel::Chat, "track_order"),
        answer(t(2, 10, 0), "1001", Channel::Chat, "in_transit"),
    ];
    let k = report(&events, 10).kpis;
    assert_eq!(k.true_resolution, Some(0.0), "deflection is not resolution");
    assert_eq!(k.first_contact_resolution, Some(1.0));
}

#[test]
fn coming_back_on_another_channel_within_a_week_undoes_the_first_contact() {
    let events = [
        contact(t(2, 10, 0), "1001", Channel::Chat, "track_order"),
        answer(t(2, 10, 0), "1001", Channel::Chat, "in_transit"),
        ev(t(2, 10, 1), "1001", Channel::Chat, What::Confirmed),
        contact(t(5, 9, 0), "1001", Channel::Sms, "track_order"),
        answer(t(5, 9, 0), "1001", Channel::Sms, "in_transit"),
        ev(t(5, 9, 2), "1001", Channel::Sms, What::Rating { score: 5 }),
    ];
    let r = report(&events, 10);
    let k = &r.kpis;
    assert_eq!(k.contacts, 2);
    // The first came back; the second was confirmed by its rating and is not a first contact.
    assert_eq!(k.true_resolution, Some(0.5));
    assert_eq!(k.first_contact_resolution, Some(0.0));
    assert_eq!(k.csat, Some(1.0));
    let sms = r
        .by_channel
        .iter()
        .find(|c| c.channel == Channel::Sms)
        .unwrap();
    assert_eq!((sms.contacts, sms.truly_resolved), (1, 1));
    // One SMS answer paid for, plus the CPU of two answers.
    let expected = (Prices::default().sms_usd + Prices::default().cpu(200)) / 2.0;
    assert!((k.cost_per_conversation_usd.unwrap() - expected).abs() < 1e-12);
}

#[test]
fn messages_within_half_an_hour_are_one_contact_and_a_later_one_a_re_contact() {
    let events = [
        contact(t(2, 10, 0), "1001", Channel::Chat, "track_order"),
        answer(t(2, 10, 0), "1001", Channel::Chat, "in_transit"),
        contact(t(2, 10, 20), "1001", Channel::Chat, "delivery_time"),
        answer(t(2, 10, 20), "1001", Channel::Chat, "in_transit"),
        contact(t(2, 11, 0), "1001", Channel::Chat, "track_order"),
        answer(t(2, 11, 0), "1001", Channel::Chat, "in_transit"),
    ];
    let k = report(&events, 10).kpis;
    assert_eq!(k.contacts, 2);
    assert_eq!(k.median_ttr_ms, Some(0));
    assert_eq!(k.p90_ttr_ms, Some(20 * 60 * 1000));
}

#[test]
fn a_hand_over_is_counted_with_its_reason_and_never_as_resolution() {
    let events = [
        contact(t(3, 8, 0), "1002", Channel::Email, "damaged_item"),
        answer(t(3, 8, 0), "1002", Channel::Email, "delivered"),
        ev(
            t(3, 8, 0),
            "1002",
            Channel::Email,
            What::Handover {
                reason: "damaged".into(),
            },
        ),
        ev(
            t(3, 9, 0),
            "1002",
            Channel::Email,
            What::Rating { score: 5 },
        ),
    ];
    let r = report(&events, 10);
    assert_eq!(r.kpis.handover_rate, Some(1.0));
    assert_eq!(r.kpis.true_resolution, Some(0.0));
    assert_eq!(r.kpis.first_contact_resolution, Some(0.0));
    assert_eq!(r.kpis.median_ttr_ms, None);
    assert_eq!(r.kpis.wismo_contacts, 0);
    assert_eq!(r.handover_reasons, vec![("damaged".to_owned(), 1)]);
    assert_eq!(r.handed[0].order.as_deref(), Some("1002"));
    assert_eq!(r.handed[0].situation.as_deref(), Some("delivered"));
}

#[test]
fn a_contact_whose_week_is_not_over_is_pending_not_failed() {
    let events = [
        contact(t(9, 10, 0), "1003", Channel::Chat, "track_order"),
        answer(t(9, 10, 0), "1003", Channel::Chat, "in_transit"),
    ];
    let r = measure(
        &events,
        t(1, 0, 0),
        t(11, 0, 0),
        t(12, 0, 0),
        5,
        &Prices::default(),
    );
    assert_eq!((r.kpis.contacts, r.kpis.settled), (1, 0));
    assert_eq!(r.kpis.true_resolution, None);
    assert_eq!(r.kpis.first_contact_resolution, None);
}

#[test]
fn a_delivered_scan_after_a_delay_notice_confirms_the_answer() {
    let mut events = vec![
        ev(
            t(2, 9, 0),
            "1004",
            Channel::Email,
            What::Outreach {
                trigger: "scan_gap".into(),
            },
        ),
        contact(t(2, 12, 0), "1004", Channel::Chat, "track_order"),
        answer(t(2, 12, 0), "1004", Channel::Chat, "in_transit"),
    ];
    assert_eq!(report(&events, 10).kpis.true_resolution, Some(0.0));
    events.push(ev(t(4, 15, 0), "1004", Channel::Email, What::Delivered));
    let r = report(&events, 10);
    assert_eq!(r.kpis.true_resolution, Some(1.0));
    assert_eq!(r.kpis.outreach_sent, 1);
    assert!((r.kpis.outreach_cost_usd - Prices::default().email_usd).abs() < 1e-12);
    assert_eq!(r.by_trigger[0].trigger, "scan_gap");
    assert_eq!(
        (r.by_trigger[0].sent, r.by_trigger[0].followed_by_contact),
        (1, 1)
    );
}

#[test]
fn telling_of_a_problem_in_the_answer_is_a_delay_notice_too() {
    let events = [
        contact(t(2, 12, 0), "1005", Channel::Page, "track_order"),
        answer(t(2, 12, 0), "1005", Channel::Page, "stalled"),
        ev(t(5, 15, 0), "1005", Channel::Page, What::Delivered),
    ];
    assert_eq!(report(&events, 10).kpis.true_resolution, Some(1.0));
    // A delivery with no delay told confirms nothing.
    let events = [
        contact(t(2, 12, 0), "1005", Channel::Page, "track_order"),
        answer(t(2, 12, 0), "1005", Channel::Page, "in_transit"),
        ev(t(5, 15, 0), "1005", Channel::Page, What::Delivered),
    ];
    assert_eq!(report(&events, 10).kpis.true_resolution, Some(0.0));
}

#[test]
fn low_ratings_confirm_nothing_and_csat_counts_fours_and_fives() {
    let events = [
        contact(t(2, 12, 0), "1006", Channel::Chat, "track_order"),
        answer(t(2, 12, 0), "1006", Channel::Chat, "in_transit"),
        ev(
            t(2, 12, 1),
            "1006",
            Channel::Chat,
            What::Rating { score: 2 },
        ),
        contact(t(3, 12, 0), "1007", Channel::Chat, "track_order"),
        answer(t(3, 12, 0), "1007", Channel::Chat, "in_transit"),
        ev(
            t(3, 12, 1),
            "1007",
            Channel::Chat,
            What::Rating { score: 4 },
        ),
    ];
    let k = report(&events, 10).kpis;
    assert_eq!(k.true_resolution, Some(0.5));
    assert_eq!(k.csat, Some(0.5));
    assert_eq!(k.mean_rating, Some(3.0));
}

#[test]
fn contacts_outside_the_period_are_context_not_counted() {
    let events = [
        contact(
            t(1, 0, 0) - RECONTACT_WINDOW,
            "1008",
            Channel::Chat,
            "track_order",
        ),
        contact(t(2, 12, 0), "1008", Channel::Chat, "track_order"),
        answer(t(2, 12, 0), "1008", Channel::Chat, "in_transit"),
        contact(t(20, 12, 0), "1009", Channel::Chat, "track_order"),
    ];
    let r = report(&events, 10);
    assert_eq!(r.kpis.contacts, 1);
    assert_eq!(r.by_day.len(), 10);
    assert_eq!(r.by_day[1].contacts, 1);
}

#[test]
fn the_browser_may_report_only_the_cores_words_about_its_chat() {
    let ok = |w: What| w.from_browser_ok();
    assert!(ok(What::Contact {
        intent: "track_order".into()
    }));
    assert!(!ok(What::Contact {
        intent: "<script>".into()
    }));
    assert!(ok(What::Answer {
        situation: Some("in_transit".into()),
        problem: false,
        cpu_us: 80
    }));
    assert!(!ok(What::Answer {
        situation: Some("teleported".into()),
        problem: false,
        cpu_us: 80
    }));
    assert!(ok(What::Rating { score: 5 }));
    assert!(!ok(What::Rating { score: 6 }));
    assert!(!ok(What::Rating { score: 0 }));
    assert!(!ok(What::Handover {
        reason: "Robert'); DROP".into()
    }));
    assert!(!ok(What::Delivered));
    assert!(!ok(What::Outreach {
        trigger: "scan_gap".into()
    }));
    assert!(!ok(What::Action {
        action: "refund".into(),
        ok: true
    }));
}

#[test]
fn events_read_and_write_as_flat_json() {
    let e = ev(t(2, 12, 0), "1001", Channel::Sms, What::Rating { score: 4 });
    let json = serde_json::to_string(&e).unwrap();
    assert_eq!(
        json,
        r#"{"at":"2026-11-02T12:00:00Z","order":"1001","shopper":"1001@example.com","channel":"sms","kind":"rating","score":4}"#
    );
    assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), e);
}

#[test]
fn a_thank_you_the_next_day_on_another_channel_confirms_rather_than_returns() {
    let events = [
        contact(t(2, 10, 0), "1010", Channel::Chat, "track_order"),
        answer(t(2, 10, 0), "1010", Channel::Chat, "in_transit"),
        contact(t(3, 9, 0), "1010", Channel::Email, "thanks"),
        answer(t(3, 9, 0), "1010", Channel::Email, "in_transit"),
        ev(t(3, 9, 0), "1010", Channel::Email, What::Confirmed),
    ];
    let k = report(&events, 10).kpis;
    assert_eq!(k.contacts, 1);
    assert_eq!(k.true_resolution, Some(1.0));
    assert_eq!(k.first_contact_resolution, Some(1.0));
    // A real question the next day is a return, though.
    let mut again = events[..2].to_vec();
    again.push(contact(t(3, 9, 0), "1010", Channel::Email, "track_order"));
    assert_eq!(report(&again, 10).kpis.contacts, 2);
    assert_eq!(report(&again, 10).kpis.first_contact_resolution, Some(0.0));
}

#[test]
fn tapping_the_rating_again_and_again_counts_once() {
    let mut events = vec![
        contact(t(2, 10, 0), "1011", Channel::Page, "track_order"),
        answer(t(2, 10, 0), "1011", Channel::Page, "in_transit"),
    ];
    for m in 1..=9 {
        events.push(ev(
            t(2, 10, m),
            "1011",
            Channel::Page,
            What::Rating { score: 1 },
        ));
    }
    events.push(ev(
        t(2, 10, 30),
        "1011",
        Channel::Page,
        What::Rating { score: 5 },
    ));
    // Ratings with no contact near count once per order and day.
    for h in 0..5 {
        events.push(ev(
            t(20, h, 0),
            "1012",
            Channel::Email,
            What::Rating { score: 2 },
        ));
    }
    let k = measure(
        &events,
        t(1, 0, 0),
        t(25, 0, 0),
        t(30, 0, 0),
        10,
        &Prices::default(),
    )
    .kpis;
    assert_eq!(k.ratings, 2);
    assert_eq!(k.csat, Some(0.5));
    assert_eq!(
        k.true_resolution,
        Some(1.0),
        "the last rating, a 5, confirms"
    );
}
