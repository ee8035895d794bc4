//! The tracking page's own words (headings, buttons, field labels) in four languages. Every
//! sentence about the order itself comes from the resolver.

use crate::carrier::Lang;

/// A piece of the page's frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// The document title and main heading: "Order {order}".
    Order,
    /// "Hi {name},".
    Hello,
    Expected,
    /// "Checked with the carrier {ago}".
    Checked,
    Items,
    /// "Parcel {n} of {count}".
    Parcel,
    Tracking,
    Timeline,
    NoScans,
    WhatYouCanDo,
    ArriveBy,
    Check,
    Chat,
    /// The fallback when the chat cannot run: where to get help.
    Contact,
    GoodwillCode,
    /// The page's footer: "Tracking by {brand}".
    Footer,
    /// The plain page for a wrong or expired link.
    InvalidTitle,
    InvalidText,
    LookUp,
    /// Announced when new scans have changed the page.
    Refreshed,
}

/// `label` in `lang`, with `{slots}` left for the caller to fill.
pub fn label(lang: Lang, label: Label) -> &'static str {
    use Label::*;
    use Lang::*;
    match (label, lang) {
        (Order, En) => "Order {order}",
        (Order, Es) => "Pedido {order}",
        (Order, Fr) => "Commande {order}",
        (Order, De) => "Bestellung {order}",
        (Hello, En) => "Hi {name},",
        (Hello, Es) => "Hola, {name}:",
        (Hello, Fr) => "Bonjour {name},",
        (Hello, De) => "Hallo {name},",
        (Expected, En) => "Expected delivery",
        (Expected, Es) => "Entrega prevista",
        (Expected, Fr) => "Livraison prévue",
        (Expected, De) => "Voraussichtliche Zustellung",
        (Checked, En) => "Checked with the carrier {ago}",
        (Checked, Es) => "Consultado con el transportista {ago}",
        (Checked, Fr) => "Vérifié auprès du transporteur {ago}",
        (Checked, De) => "Beim Versanddienst abgefragt {ago}",
        (Items, En) => "In this order",
        (Items, Es) => "En este pedido",
        (Items, Fr) => "Dans cette commande",
        (Items, De) => "In dieser Bestellung",
        (Parcel, En) => "Parcel {n} of {count}",
        (Parcel, Es) => "Paquete {n} de {count}",
        (Parcel, Fr) => "Colis {n} sur {count}",
        (Parcel, De) => "Paket {n} von {count}",
        (Tracking, En) => "Tracking number",
        (Tracking, Es) => "Número de seguimiento",
        (Tracking, Fr) => "Numéro de suivi",
        (Tracking, De) => "Sendungsnummer",
        (Timeline, En) => "What has happened so far",
        (Timeline, Es) => "Lo que ha pasado hasta ahora",
        (Timeline, Fr) => "Ce qui s'est passé jusqu'ici",
        (Timeline, De) => "Was bisher geschah",
        (NoScans, En) => "No scans from the carrier yet.",
        (NoScans, Es) => "Aún no hay escaneos del transportista.",
        (NoScans, Fr) => "Pas encore de scan du transporteur.",
        (NoScans, De) => "Noch keine Scans vom Versanddienst.",
        (WhatYouCanDo, En) => "What you can do",
        (WhatYouCanDo, Es) => "Qué puedes hacer",
        (WhatYouCanDo, Fr) => "Ce que vous pouvez faire",
        (WhatYouCanDo, De) => "Was Sie tun können",
        (ArriveBy, En) => "Will it arrive by…?",
        (ArriveBy, Es) => "¿Llegará antes del…?",
        (ArriveBy, Fr) => "Arrivera-t-elle avant le… ?",
        (ArriveBy, De) => "Kommt sie bis zum …?",
        (Check, En) => "Check",
        (Check, Es) => "Comprobar",
        (Check, Fr) => "Vérifier",
        (Check, De) => "Prüfen",
        (Chat, En) => "Questions about this order? Chat with us",
        (Chat, Es) => "¿Dudas sobre este pedido? Escríbenos",
        (Chat, Fr) => "Une question sur cette commande ? Écrivez-nous",
        (Chat, De) => "Fragen zu dieser Bestellung? Schreiben Sie uns",
        (Contact, En) => "Contact us",
        (Contact, Es) => "Contáctanos",
        (Contact, Fr) => "Nous contacter",
        (Contact, De) => "Kontakt",
        (GoodwillCode, En) => "Your code for next time: {code}",
        (GoodwillCode, Es) => "Tu código para la próxima vez: {code}",
        (GoodwillCode, Fr) => "Votre code pour la prochaine fois : {code}",
        (GoodwillCode, De) => "Ihr Code für das nächste Mal: {code}",
        (Footer, En) => "Tracking by {brand}",
        (Footer, Es) => "Seguimiento de {brand}",
        (Footer, Fr) => "Suivi par {brand}",
        (Footer, De) => "Sendungsverfolgung von {brand}",
        (InvalidTitle, En) => "This tracking link is not valid",
        (InvalidTitle, Es) => "Este enlace de seguimiento no es válido",
        (InvalidTitle, Fr) => "Ce lien de suivi n'est pas valide",
        (InvalidTitle, De) => "Dieser Sendungslink ist nicht gültig",
        (InvalidText, En) => "You can still look your order up with its number and the e-mail address or postcode it was placed with.",
        (InvalidText, Es) => "Aun así puedes consultar tu pedido con su número y el e-mail o el código postal con que se hizo.",
        (InvalidText, Fr) => "Vous pouvez toujours retrouver votre commande avec son numéro et l'adresse e-mail ou le code postal utilisés.",
        (InvalidText, De) => "Sie können Ihre Bestellung weiterhin mit ihrer Nummer und der E-Mail-Adresse oder Postleitzahl der Bestellung finden.",
        (LookUp, En) => "Look up an order",
        (LookUp, Es) => "Consultar un pedido",
        (LookUp, Fr) => "Retrouver une commande",
        (LookUp, De) => "Bestellung suchen",
        (Refreshed, En) => "Updated with the carrier's latest scans.",
        (Refreshed, Es) => "Actualizado con los últimos escaneos del transportista.",
        (Refreshed, Fr) => "Mis à jour avec les derniers scans du transporteur.",
        (Refreshed, De) => "Mit den neuesten Scans des Versanddienstes aktualisiert.",
    }
}
