//! Plain sentences for unified statuses, in English, Spanish, French and German: what a shopper
//! reads instead of carrier jargon. Every sentence is built from our own templates; the carrier's
//! words never pass through (only the facility's place and the date are filled in).

use super::{DeliveryLocation, ExceptionReason, Step, Translation, UnifiedStatus};
use crate::domain::Tone;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A language the shopper-facing text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
    Fr,
    De,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Es, Lang::Fr, Lang::De];

    /// Reads a locale such as "de", "fr-CA" or "es_MX"; anything else is English.
    pub fn from_locale(locale: &str) -> Self {
        match locale.get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("es") => Self::Es,
            Some("fr") => Self::Fr,
            Some("de") => Self::De,
            _ => Self::En,
        }
    }

    /// The two-letter code, as in a locale.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Es => "es",
            Self::Fr => "fr",
            Self::De => "de",
        }
    }
}

/// One short sentence for a translated event, with the facility's place when known.
pub fn describe(t: &Translation, place: Option<&str>, lang: Lang) -> String {
    describe_at(t, place, None, lang, Tone::Friendly)
}

/// Like [`describe`], in a brand's tone: the formal one has no contractions in English and says
/// `su` rather than `tu` in Spanish (French and German say `vous` and `Sie` in both).
pub fn describe_in_tone(t: &Translation, place: Option<&str>, lang: Lang, tone: Tone) -> String {
    describe_at(t, place, None, lang, tone)
}

/// Like [`describe_in_tone`], with the day the event happened when it is worth saying.
pub fn describe_at(
    t: &Translation,
    place: Option<&str>,
    day: Option<NaiveDate>,
    lang: Lang,
    tone: Tone,
) -> String {
    let formal = tone == Tone::Formal;
    let place = place.and_then(super::place::for_shopper);
    let at = place.map_or(String::new(), |p| match lang {
        Lang::En | Lang::De => format!(" in {p}"),
        Lang::Es => format!(" en {p}"),
        Lang::Fr => format!(" à {p}"),
    });
    let on = day.map_or(String::new(), |d| format!(" {}", date_phrase(d, lang)));
    let status = t.status;
    match status {
        UnifiedStatus::Delivered => {
            let head = match lang {
                Lang::En => format!("Your parcel was delivered{on}"),
                Lang::Es if formal => format!("Su paquete fue entregado{on}"),
                Lang::Es => format!("Tu paquete fue entregado{on}"),
                Lang::Fr => format!("Votre colis a été livré{on}"),
                Lang::De => format!("Ihr Paket wurde{on} zugestellt"),
            };
            match t.location {
                Some(l) => format!(
                    "{head}{}{}.",
                    colon(lang),
                    location_phrase_in_tone(l, lang, tone)
                ),
                None => format!("{head}."),
            }
        }
        UnifiedStatus::Exception => {
            let head = match lang {
                Lang::En => format!("Your parcel is held up{at}"),
                Lang::Es if formal => format!("Su paquete está retenido{at}"),
                Lang::Es => format!("Tu paquete está retenido{at}"),
                Lang::Fr => format!("Votre colis est retenu{at}"),
                Lang::De => format!("Ihr Paket wird{at} aufgehalten"),
            };
            let tail = match lang {
                Lang::En if formal => "We are monitoring it.",
                Lang::En => "We're keeping an eye on it.",
                Lang::Es => "Lo estamos vigilando.",
                Lang::Fr => "Nous le suivons de près.",
                Lang::De => "Wir behalten es im Blick.",
            };
            match t.reason {
                Some(r) => format!("{head}{}{}. {tail}", colon(lang), reason_phrase_in(r, lang)),
                None => format!("{head}. {tail}"),
            }
        }
        UnifiedStatus::DeliveryAttempted => {
            let head = match lang {
                Lang::En if formal => {
                    format!("The driver attempted to deliver your parcel{on} but was unable to")
                }
                Lang::En => format!("The driver tried to deliver your parcel{on} but couldn't"),
                Lang::Es if formal => {
                    format!("El repartidor intentó entregar su paquete{on}, sin éxito")
                }
                Lang::Es => format!("El repartidor intentó entregar tu paquete{on}, sin éxito"),
                Lang::Fr => format!("Le livreur a tenté de livrer votre colis{on}, sans succès"),
                Lang::De => format!("Der Fahrer hat{on} versucht, Ihr Paket zuzustellen"),
            };
            let tail = match lang {
                Lang::En => "They will try again or leave a note saying where to collect it.",
                Lang::Es => "Lo intentará de nuevo o dejará un aviso de dónde recogerlo.",
                Lang::Fr => "Il réessaiera ou laissera un avis indiquant où le retirer.",
                Lang::De => "Er versucht es erneut oder hinterlässt eine Nachricht, wo Sie es abholen können.",
            };
            match t.reason {
                Some(r) => format!("{head}{}{}. {tail}", colon(lang), reason_phrase_in(r, lang)),
                None => format!("{head}. {tail}"),
            }
        }
        UnifiedStatus::AvailableForPickup => {
            let head = match lang {
                Lang::En => format!("Your parcel is waiting for you to pick up{at}"),
                Lang::Es if formal => format!("Su paquete le espera para que lo recoja{at}"),
                Lang::Es => format!("Tu paquete te espera para que lo recojas{at}"),
                Lang::Fr => format!("Votre colis vous attend pour le retrait{at}"),
                Lang::De => format!("Ihr Paket liegt{at} zur Abholung für Sie bereit"),
            };
            match t.location {
                Some(l @ (DeliveryLocation::ParcelLocker | DeliveryLocation::PickupPoint)) => {
                    format!("{head} ({}).", pickup_place(l, lang))
                }
                _ => format!("{head}."),
            }
        }
        UnifiedStatus::InTransit => match t.step {
            Some(step) => step_sentence(step, &at, lang, formal),
            None => simple(status, &at, &on, lang, formal),
        },
        _ => simple(status, &at, &on, lang, formal),
    }
}

/// What happened in transit, in our own words: the carrier's jargon ("origin scan", "AF",
/// "Ausgang Paketzentrum") becomes picked up, arrived, sorted, left or cleared customs.
fn step_sentence(step: Step, at: &str, lang: Lang, formal: bool) -> String {
    use Step::*;
    let (tu, tuyo) = if formal { ("su", "Su") } else { ("tu", "Tu") };
    match (step, lang) {
        (PickedUp, Lang::En) => format!("The carrier collected your parcel{at}."),
        (PickedUp, Lang::Es) => format!("El transportista recogió {tu} paquete{at}."),
        (PickedUp, Lang::Fr) => format!("Le transporteur a pris en charge votre colis{at}."),
        (PickedUp, Lang::De) => format!("Der Paketdienst hat Ihr Paket{at} abgeholt."),
        (Arrived, Lang::En) => format!("Your parcel arrived at a carrier facility{at}."),
        (Arrived, Lang::Es) => format!("{tuyo} paquete llegó a un centro del transportista{at}."),
        (Arrived, Lang::Fr) => {
            format!("Votre colis est arrivé dans un centre du transporteur{at}.")
        }
        (Arrived, Lang::De) => format!("Ihr Paket ist{at} in einem Paketzentrum angekommen."),
        (Processed, Lang::En) => format!("Your parcel was sorted at a carrier facility{at}."),
        (Processed, Lang::Es) => {
            format!("{tuyo} paquete fue clasificado en un centro del transportista{at}.")
        }
        (Processed, Lang::Fr) => {
            format!("Votre colis a été trié dans un centre du transporteur{at}.")
        }
        (Processed, Lang::De) => format!("Ihr Paket wurde{at} in einem Paketzentrum sortiert."),
        (Departed, Lang::En) => format!("Your parcel left the carrier facility{at}."),
        (Departed, Lang::Es) => format!("{tuyo} paquete salió del centro del transportista{at}."),
        (Departed, Lang::Fr) => format!("Votre colis a quitté le centre du transporteur{at}."),
        (Departed, Lang::De) => format!("Ihr Paket hat das Paketzentrum{at} verlassen."),
        (CustomsCleared, Lang::En) => format!("Your parcel is through customs{at}."),
        (CustomsCleared, Lang::Es) => format!("{tuyo} paquete pasó la aduana{at}."),
        (CustomsCleared, Lang::Fr) => format!("Votre colis a été dédouané{at}."),
        (CustomsCleared, Lang::De) => format!("Ihr Paket wurde{at} vom Zoll freigegeben."),
    }
}

/// French sets a colon off with a space.
fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => " : ",
        _ => ": ",
    }
}

fn simple(status: UnifiedStatus, at: &str, on: &str, lang: Lang, formal: bool) -> String {
    use UnifiedStatus::*;
    match (status, lang) {
        (PreTransit, Lang::En) if formal => {
            "The shipping label is ready; the carrier does not have your parcel yet.".into()
        }
        (PreTransit, Lang::Es) if formal => {
            "La etiqueta de envío está lista; el transportista aún no tiene su paquete.".into()
        }
        (PreTransit, Lang::En) => {
            "The shipping label is ready; the carrier doesn't have your parcel yet.".into()
        }
        (PreTransit, Lang::Es) => {
            "La etiqueta de envío está lista; el transportista aún no tiene tu paquete.".into()
        }
        (PreTransit, Lang::Fr) => {
            "L'étiquette d'expédition est prête ; le transporteur n'a pas encore votre colis."
                .into()
        }
        (PreTransit, Lang::De) => {
            "Das Versandetikett ist erstellt; der Paketdienst hat Ihr Paket noch nicht.".into()
        }
        (InTransit, Lang::En) => format!("Your parcel is on its way{at}."),
        (InTransit, Lang::Es) if formal => format!("Su paquete está en camino{at}."),
        (InTransit, Lang::Es) => format!("Tu paquete está en camino{at}."),
        (InTransit, Lang::Fr) => format!("Votre colis est en route{at}."),
        (InTransit, Lang::De) => format!("Ihr Paket ist{at} unterwegs."),
        (OutForDelivery, Lang::En) => {
            format!("Your parcel is with the driver and should arrive today{at}.")
        }
        (OutForDelivery, Lang::Es) if formal => format!("Su paquete está en reparto hoy{at}."),
        (OutForDelivery, Lang::Es) => format!("Tu paquete está en reparto hoy{at}."),
        (OutForDelivery, Lang::Fr) => {
            format!("Votre colis est en cours de livraison aujourd'hui{at}.")
        }
        (OutForDelivery, Lang::De) => format!("Ihr Paket wird heute{at} zugestellt."),
        (ReturningToSender, Lang::En) => "Your parcel is on its way back to the shop.".into(),
        (ReturningToSender, Lang::Es) if formal => "Su paquete está volviendo a la tienda.".into(),
        (ReturningToSender, Lang::Es) => "Tu paquete está volviendo a la tienda.".into(),
        (ReturningToSender, Lang::Fr) => {
            "Votre colis est en cours de retour vers la boutique.".into()
        }
        (ReturningToSender, Lang::De) => "Ihr Paket ist auf dem Rückweg zum Shop.".into(),
        (Returned, Lang::En) => format!("Your parcel has come back to the shop{on}."),
        (Returned, Lang::Es) if formal => format!("Su paquete ha vuelto a la tienda{on}."),
        (Returned, Lang::Es) => format!("Tu paquete ha vuelto a la tienda{on}."),
        (Returned, Lang::Fr) => format!("Votre colis est revenu à la boutique{on}."),
        (Returned, Lang::De) => format!("Ihr Paket ist{on} zum Shop zurückgekommen."),
        (Lost, Lang::En) if formal => {
            "The carrier cannot find your parcel. We will put this right.".into()
        }
        (Lost, Lang::En) => "The carrier can't find your parcel. We'll make it right.".into(),
        (Lost, Lang::Es) if formal => {
            "El transportista no encuentra su paquete. Lo solucionaremos.".into()
        }
        (Lost, Lang::Es) => "El transportista no encuentra tu paquete. Lo solucionaremos.".into(),
        (Lost, Lang::Fr) => {
            "Le transporteur ne retrouve pas votre colis. Nous allons arranger cela.".into()
        }
        (Lost, Lang::De) => "Der Paketdienst findet Ihr Paket nicht. Wir kümmern uns darum.".into(),
        (Cancelled, Lang::En) => "This shipment was cancelled.".into(),
        (Cancelled, Lang::Es) => "Este envío se canceló.".into(),
        (Cancelled, Lang::Fr) => "Cet envoi a été annulé.".into(),
        (Cancelled, Lang::De) => "Diese Sendung wurde storniert.".into(),
        (_, Lang::En) => format!("The carrier updated your parcel's record{at}."),
        (_, Lang::Es) if formal => {
            format!("El transportista actualizó el seguimiento de su paquete{at}.")
        }
        (_, Lang::Es) => format!("El transportista actualizó el seguimiento de tu paquete{at}."),
        (_, Lang::Fr) => format!("Le transporteur a mis à jour le suivi de votre colis{at}."),
        (_, Lang::De) => format!("Der Paketdienst hat die Sendungsdaten aktualisiert{at}."),
    }
}

fn pickup_place(l: DeliveryLocation, lang: Lang) -> &'static str {
    match (l, lang) {
        (DeliveryLocation::ParcelLocker, Lang::En) => "in a parcel locker",
        (DeliveryLocation::ParcelLocker, Lang::Es) => "en un casillero de paquetes",
        (DeliveryLocation::ParcelLocker, Lang::Fr) => "dans une consigne à colis",
        (DeliveryLocation::ParcelLocker, Lang::De) => "in einer Packstation",
        (_, Lang::En) => "at a pickup point",
        (_, Lang::Es) => "en un punto de recogida",
        (_, Lang::Fr) => "dans un point relais",
        (_, Lang::De) => "in einer Filiale oder einem Paketshop",
    }
}

/// Month names in English, Spanish, French and German (the order of `Lang::ALL`).
pub(crate) const MONTHS: [[&str; 12]; 4] = [
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
];

/// "on 14 March", "el 14 de marzo", "le 14 mars", "am 14. März".
pub fn date_phrase(d: NaiveDate, lang: Lang) -> String {
    let month = |i: usize| MONTHS[i][d.month0() as usize];
    match lang {
        Lang::En => format!("on {} {}", d.day(), month(0)),
        Lang::Es => format!("el {} de {}", d.day(), month(1)),
        Lang::Fr => format!("le {} {}", d.day(), month(2)),
        Lang::De => format!("am {}. {}", d.day(), month(3)),
    }
}

/// Where a delivered parcel was left, as an English phrase that completes "Delivered: ...".
pub fn location_phrase(l: DeliveryLocation) -> &'static str {
    location_phrase_in(l, Lang::En)
}

/// Where a delivered parcel was left, in the shopper's language.
pub fn location_phrase_in(l: DeliveryLocation, lang: Lang) -> &'static str {
    location_phrase_in_tone(l, lang, Tone::Friendly)
}

/// Where a delivered parcel was left, in the shopper's language and a brand's tone (only two
/// Spanish phrases say "tu"; the formal tone says "su").
pub fn location_phrase_in_tone(l: DeliveryLocation, lang: Lang, tone: Tone) -> &'static str {
    use DeliveryLocation::*;
    let formal = tone == Tone::Formal;
    match (l, lang) {
        (FrontDoor, Lang::En) => "left at the front door",
        (FrontDoor, Lang::Es) => "se dejó en la puerta principal",
        (FrontDoor, Lang::Fr) => "déposé devant la porte d'entrée",
        (FrontDoor, Lang::De) => "an der Haustür abgelegt",
        (BackDoor, Lang::En) => "left at the back door",
        (BackDoor, Lang::Es) => "se dejó en la puerta trasera",
        (BackDoor, Lang::Fr) => "déposé à la porte arrière",
        (BackDoor, Lang::De) => "an der Hintertür abgelegt",
        (SideDoor, Lang::En) => "left at the side door",
        (SideDoor, Lang::Es) => "se dejó en la puerta lateral",
        (SideDoor, Lang::Fr) => "déposé à la porte latérale",
        (SideDoor, Lang::De) => "an der Seitentür abgelegt",
        (Porch, Lang::En) => "left on the porch",
        (Porch, Lang::Es) => "se dejó en el porche",
        (Porch, Lang::Fr) => "déposé sous le porche",
        (Porch, Lang::De) => "auf der Veranda abgelegt",
        (Garage, Lang::En) => "left in the garage",
        (Garage, Lang::Es) => "se dejó en el garaje",
        (Garage, Lang::Fr) => "déposé dans le garage",
        (Garage, Lang::De) => "in der Garage abgelegt",
        (Mailbox, Lang::En) => "left in your mailbox",
        (Mailbox, Lang::Es) if formal => "se dejó en su buzón",
        (Mailbox, Lang::Es) => "se dejó en tu buzón",
        (Mailbox, Lang::Fr) => "déposé dans votre boîte aux lettres",
        (Mailbox, Lang::De) => "in Ihren Briefkasten gelegt",
        (ParcelLocker, Lang::En) => "placed in a parcel locker",
        (ParcelLocker, Lang::Es) => "se dejó en un casillero de paquetes",
        (ParcelLocker, Lang::Fr) => "déposé dans une consigne à colis",
        (ParcelLocker, Lang::De) => "in eine Packstation gelegt",
        (Reception, Lang::En) => "left at reception or the front desk",
        (Reception, Lang::Es) => "se dejó en la recepción o conserjería",
        (Reception, Lang::Fr) => "déposé à l'accueil ou à la réception",
        (Reception, Lang::De) => "am Empfang abgegeben",
        (Neighbour, Lang::En) => "handed to a neighbour",
        (Neighbour, Lang::Es) => "se entregó a un vecino",
        (Neighbour, Lang::Fr) => "remis à un voisin",
        (Neighbour, Lang::De) => "bei einem Nachbarn abgegeben",
        (SafePlace, Lang::En) => "left in your safe place",
        (SafePlace, Lang::Es) if formal => "se dejó en su lugar seguro",
        (SafePlace, Lang::Es) => "se dejó en tu lugar seguro",
        (SafePlace, Lang::Fr) => "déposé à votre lieu sûr",
        (SafePlace, Lang::De) => "an Ihrem Ablageort abgelegt",
        (PickupPoint, Lang::En) => "left at a pickup point",
        (PickupPoint, Lang::Es) => "se dejó en un punto de recogida",
        (PickupPoint, Lang::Fr) => "déposé dans un point relais",
        (PickupPoint, Lang::De) => "in einer Filiale oder einem Paketshop abgegeben",
        (HandedToResident, Lang::En) => "handed to someone at the address",
        (HandedToResident, Lang::Es) => "se entregó a una persona en la dirección",
        (HandedToResident, Lang::Fr) => "remis à une personne à l'adresse",
        (HandedToResident, Lang::De) => "an eine Person an der Adresse übergeben",
        (Signed, Lang::En) => "signed for at the address",
        (Signed, Lang::Es) => "se firmó la recepción en la dirección",
        (Signed, Lang::Fr) => "remis contre signature à l'adresse",
        (Signed, Lang::De) => "gegen Unterschrift an der Adresse übergeben",
    }
}

/// Why a parcel is held up, as an English phrase that completes "held up: ...".
pub fn reason_phrase(r: ExceptionReason) -> &'static str {
    reason_phrase_in(r, Lang::En)
}

/// Why a parcel is held up, in the shopper's language.
pub fn reason_phrase_in(r: ExceptionReason, lang: Lang) -> &'static str {
    use ExceptionReason::*;
    match (r, lang) {
        (Weather, Lang::En) => "bad weather is slowing deliveries",
        (Weather, Lang::Es) => "el mal tiempo está retrasando las entregas",
        (Weather, Lang::Fr) => "le mauvais temps ralentit les livraisons",
        (Weather, Lang::De) => "schlechtes Wetter verzögert die Zustellung",
        (AddressProblem, Lang::En) => "the carrier has a question about the address",
        (AddressProblem, Lang::Es) => "el transportista tiene una duda sobre la dirección",
        (AddressProblem, Lang::Fr) => "le transporteur a une question sur l'adresse",
        (AddressProblem, Lang::De) => "der Paketdienst hat eine Frage zur Adresse",
        (RecipientUnavailable, Lang::En) => "nobody was available to receive it",
        (RecipientUnavailable, Lang::Es) => "no había nadie para recibirlo",
        (RecipientUnavailable, Lang::Fr) => "personne n'était disponible pour le recevoir",
        (RecipientUnavailable, Lang::De) => "niemand war da, um es anzunehmen",
        (Refused, Lang::En) => "delivery was refused",
        (Refused, Lang::Es) => "se rechazó la entrega",
        (Refused, Lang::Fr) => "la livraison a été refusée",
        (Refused, Lang::De) => "die Annahme wurde verweigert",
        (Damaged, Lang::En) => "the parcel was damaged in transit",
        (Damaged, Lang::Es) => "el paquete se dañó durante el transporte",
        (Damaged, Lang::Fr) => "le colis a été endommagé pendant le transport",
        (Damaged, Lang::De) => "das Paket wurde unterwegs beschädigt",
        (CustomsHold, Lang::En) => "it is waiting for customs clearance",
        (CustomsHold, Lang::Es) => "está pendiente del despacho de aduanas",
        (CustomsHold, Lang::Fr) => "il attend le dédouanement",
        (CustomsHold, Lang::De) => "es wartet auf die Zollabfertigung",
        (DutiesUnpaid, Lang::En) => "import duties need to be paid",
        (DutiesUnpaid, Lang::Es) => "hay que pagar los aranceles de importación",
        (DutiesUnpaid, Lang::Fr) => "des droits d'importation doivent être payés",
        (DutiesUnpaid, Lang::De) => "Einfuhrabgaben müssen bezahlt werden",
        (HeldByCarrier, Lang::En) => "the carrier is holding it",
        (HeldByCarrier, Lang::Es) => "el transportista lo tiene retenido",
        (HeldByCarrier, Lang::Fr) => "le transporteur le garde pour l'instant",
        (HeldByCarrier, Lang::De) => "der Paketdienst hält es zurück",
        (MissortedOrDelayed, Lang::En) => "it was delayed in the carrier's network",
        (MissortedOrDelayed, Lang::Es) => "se retrasó en la red del transportista",
        (MissortedOrDelayed, Lang::Fr) => "il a pris du retard dans le réseau du transporteur",
        (MissortedOrDelayed, Lang::De) => "es hat sich im Netz des Paketdienstes verzögert",
        (Security, Lang::En) => "it is going through a security check",
        (Security, Lang::Es) => "está pasando un control de seguridad",
        (Security, Lang::Fr) => "il passe un contrôle de sécurité",
        (Security, Lang::De) => "es durchläuft eine Sicherheitskontrolle",
        (Lost, Lang::En) => "the carrier cannot locate it",
        (Lost, Lang::Es) => "el transportista no lo localiza",
        (Lost, Lang::Fr) => "le transporteur ne le localise pas",
        (Lost, Lang::De) => "der Paketdienst kann es nicht finden",
    }
}
