//! Conversation state across turns and channels: what was asked, offered and told, so "yes
//! please", "the second one" and "and the other package?" mean something. Serialisable, so the
//! proxy can continue it on another channel.

use super::action::{Action, Choice};
use crate::carrier::Lang;
use crate::domain::{Email, OrderNumber, Postcode};
use serde::{Deserialize, Serialize};

/// What the assistant is waiting for from the shopper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Awaiting {
    /// A yes or no to exactly this action.
    Confirmation { action: Action },
    /// The new shipping address for an order that has not been picked.
    NewAddress,
}

/// Everything remembered between turns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Conversation {
    /// Messages from the shopper so far.
    pub turns: u32,
    /// The language the conversation is held in, once known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// The verified order the conversation is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<OrderNumber>,
    /// The question asked before the shopper identified their order, answered once they have.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending_question: Option<String>,
    /// An order number given before the e-mail, or the other way round.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_order_number: Option<OrderNumber>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_email: Option<Email>,
    /// The postcode the shopper gave instead of an e-mail, not yet verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_postcode: Option<Postcode>,
    /// The choices offered in the last reply.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub offered: Vec<Choice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub awaiting: Option<Awaiting>,
    /// The parcel the shopper is asking about, by tracking number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parcel: Option<String>,
    /// Situations already explained, so a repeat question gets a shorter answer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub told: Vec<String>,
    /// Turns in a row where the assistant could not help.
    pub unhelped: u32,
    /// A person has taken over; the assistant only relays from here.
    pub handed_over: bool,
}

fn has_word(words: &[String], options: &[&str]) -> bool {
    words.iter().any(|w| options.contains(&w.as_str()))
}

fn lower_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Which offered choice a message picks, in any of the four languages, if any.
pub fn pick_choice(text: &str, offered: &[Choice]) -> Option<Choice> {
    let w = lower_words(text);
    let lower = text.to_lowercase();
    let named = [
        (
            Choice::ExpeditedReship,
            &[
                "express",
                "expedited",
                "fastest",
                "urgente",
                "schnellste",
                "exprès",
            ][..],
        ),
        (
            Choice::Reship,
            &[
                "replacement",
                "reship",
                "resend",
                "another",
                "new",
                "again",
                "reenvío",
                "reenviar",
                "nuevo",
                "remplacement",
                "renvoyer",
                "renvoi",
                "ersatz",
                "ersatzlieferung",
                "neu",
                "erneut",
            ][..],
        ),
        (
            Choice::StoreCredit,
            &[
                "credit",
                "voucher",
                "saldo",
                "avoir",
                "guthaben",
                "gutschein",
            ][..],
        ),
        (
            Choice::Refund,
            &[
                "refund",
                "money",
                "reembolso",
                "remboursement",
                "rembourser",
                "erstattung",
                "zurück",
                "geld",
            ][..],
        ),
        (
            Choice::Wait,
            &[
                "wait", "waiting", "esperar", "espero", "attendre", "attends", "warten", "warte",
            ][..],
        ),
        (
            Choice::CarrierRedirect,
            &[
                "redirect",
                "desviar",
                "desvíe",
                "réacheminer",
                "umleiten",
                "umleitung",
            ][..],
        ),
        (
            Choice::OpenClaim,
            &[
                "claim",
                "reclamación",
                "réclamation",
                "nachforschung",
                "nachforschungsauftrag",
            ][..],
        ),
        (
            Choice::TalkToPerson,
            &[
                "person",
                "personne",
                "human",
                "agent",
                "persona",
                "humain",
                "mensch",
                "mitarbeiter",
            ][..],
        ),
    ];
    for (choice, words) in named {
        if offered.contains(&choice)
            && (has_word(&w, words)
                || (choice == Choice::StoreCredit && lower.contains("store credit")))
        {
            return Some(choice);
        }
    }
    let ordinals: [&[&str]; 3] = [
        &[
            "first",
            "1",
            "1st",
            "primero",
            "primera",
            "premier",
            "première",
            "erste",
            "ersten",
        ],
        &[
            "second",
            "2",
            "2nd",
            "segundo",
            "segunda",
            "deuxième",
            "second",
            "zweite",
            "zweiten",
            "two",
        ],
        &[
            "third",
            "3",
            "3rd",
            "tercero",
            "tercera",
            "troisième",
            "dritte",
            "dritten",
            "three",
        ],
    ];
    // Later ordinals first, so "the second one" is not read as "one".
    for (i, words) in ordinals.iter().enumerate().rev() {
        if has_word(&w, words) {
            return offered.get(i).copied();
        }
    }
    None
}

/// Which parcel of a split order a follow-up means: "the other one", "the second package",
/// "the one from UPS" (`carriers` holds each parcel's carrier, as shoppers name it).
pub fn pick_parcel(
    text: &str,
    parcels: &[String],
    carriers: &[&str],
    current: Option<&str>,
) -> Option<usize> {
    if parcels.len() < 2 {
        return None;
    }
    let w = lower_words(text);
    // A carrier that only one of the parcels travels with.
    let by_carrier: Vec<usize> = carriers
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            let names = lower_words(c);
            !names.is_empty() && names.iter().all(|n| w.contains(n))
        })
        .map(|(i, _)| i)
        .collect();
    if let [only] = by_carrier[..] {
        // "Not the UPS one", "nicht das von DHL": of two parcels, the other. Only a negation
        // just before the carrier's name counts ("I have not received the UPS one" does not).
        let first_name = lower_words(carriers[only])
            .into_iter()
            .next()
            .unwrap_or_default();
        let negated = w.iter().position(|x| *x == first_name).is_some_and(|pos| {
            w[pos.saturating_sub(3)..pos]
                .iter()
                .any(|x| matches!(x.as_str(), "not" | "nicht" | "pas"))
        });
        if negated && parcels.len() == 2 {
            return Some(1 - only.min(1));
        }
        if only < parcels.len() {
            return Some(only);
        }
    }
    let ordinals: [&[&str]; 3] = [
        &[
            "first",
            "1st",
            "primer",
            "primero",
            "primera",
            "premier",
            "première",
            "premiere",
            "erste",
            "ersten",
            "erstes",
        ],
        &[
            "second",
            "2nd",
            "segundo",
            "segunda",
            "deuxième",
            "deuxieme",
            "seconde",
            "zweite",
            "zweiten",
            "zweites",
        ],
        &[
            "third",
            "3rd",
            "tercer",
            "tercero",
            "tercera",
            "troisième",
            "dritte",
            "dritten",
            "drittes",
        ],
    ];
    for (i, words) in ordinals.iter().enumerate() {
        if has_word(&w, words) && i < parcels.len() {
            return Some(i);
        }
    }
    if has_word(
        &w,
        &[
            "other", "otro", "otra", "autre", "andere", "anderen", "anderes",
        ],
    ) {
        let cur = current
            .and_then(|c| parcels.iter().position(|p| p == c))
            .unwrap_or(0);
        return Some((cur + 1) % parcels.len());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_are_picked_by_name_or_position_in_four_languages() {
        let offered = [Choice::Reship, Choice::Refund];
        assert_eq!(
            pick_choice("a replacement please", &offered),
            Some(Choice::Reship)
        );
        assert_eq!(
            pick_choice("I'd rather have my money back", &offered),
            Some(Choice::Refund)
        );
        assert_eq!(
            pick_choice("the second one", &offered),
            Some(Choice::Refund)
        );
        assert_eq!(
            pick_choice("prefiero el reembolso", &offered),
            Some(Choice::Refund)
        );
        assert_eq!(pick_choice("Ersatz bitte", &offered), Some(Choice::Reship));
        assert_eq!(pick_choice("store credit", &offered), None);
        assert_eq!(pick_choice("where is it", &offered), None);
    }

    #[test]
    fn every_choice_label_in_every_language_picks_its_own_choice() {
        // Quick replies send the label as the shopper's message, so each must pick its choice.
        use crate::carrier::Lang;
        let all = [
            Choice::Reship,
            Choice::ExpeditedReship,
            Choice::Refund,
            Choice::StoreCredit,
            Choice::Wait,
            Choice::CarrierRedirect,
            Choice::OpenClaim,
            Choice::TalkToPerson,
        ];
        for lang in [Lang::En, Lang::Es, Lang::Fr, Lang::De] {
            for c in all {
                let label = super::super::choice_label(lang, c);
                assert_eq!(pick_choice(label, &all), Some(c), "{lang:?} {label:?}");
            }
        }
    }

    #[test]
    fn the_other_parcel_is_the_one_not_in_focus() {
        let p = vec!["A".to_owned(), "B".to_owned()];
        assert_eq!(
            pick_parcel("and the other package?", &p, &[], Some("A")),
            Some(1)
        );
        assert_eq!(
            pick_parcel("and the other package?", &p, &[], Some("B")),
            Some(0)
        );
        assert_eq!(
            pick_parcel("what about the second one", &p, &[], None),
            Some(1)
        );
        assert_eq!(pick_parcel("where is it", &p, &[], None), None);
        assert_eq!(pick_parcel("the other one", &p[..1], &[], None), None);
        let carriers = ["UPS", "Canada Post"];
        assert_eq!(
            pick_parcel("and the one from UPS?", &p, &carriers, None),
            Some(0)
        );
        assert_eq!(
            pick_parcel("y el de canada post?", &p, &carriers, None),
            Some(1)
        );
        assert_eq!(
            pick_parcel("und das zweite Paket?", &p, &carriers, None),
            Some(1)
        );
        assert_eq!(
            pick_parcel("et la deuxième ?", &p, &carriers, None),
            Some(1)
        );
        assert_eq!(
            pick_parcel("not the UPS one, the other", &p, &carriers, None),
            Some(1)
        );
        assert_eq!(
            pick_parcel("nicht das von Canada Post", &p, &carriers, None),
            Some(0)
        );
        assert_eq!(
            pick_parcel("I have not received the one from UPS", &p, &carriers, None),
            Some(0)
        );
        // A carrier both parcels travel with says nothing about which.
        assert_eq!(pick_parcel("the UPS one", &p, &["UPS", "UPS"], None), None);
    }
}
