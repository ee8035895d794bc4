//! The resolver's words in English, Spanish, French and German: templates with named slots, and
//! dates and durations written the way each language writes them.

use crate::carrier::{DeliveryLocation, ExceptionReason, Lang};
use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// Every sentence the resolver can say. Slots are written `{name}` in the templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Processing,
    LateInWarehouse,
    AwaitingStock,
    LabelCreated,
    AwaitingPickup,
    InTransit,
    InTransitPlace,
    EtaCarrier,
    EtaRange,
    EtaDay,
    InTransitLate,
    OutForDelivery,
    DeliveryAttempted,
    AvailableForPickup,
    DeliveredNote,
    DeliveredNoNote,
    Exception,
    ExceptionReason,
    Stalled,
    Returning,
    Lost,
    Cancelled,
    SplitIntro,
    Parcel,
    Stale,
    NoCarrierData,
    AskIdentity,
    AskEmail,
    AskOrderNumber,
    Greeting,
    Thanks,
    DeliveryTimeInfo,
    NotUnderstood,
    HandoffAsked,
    HandoffAskedAnon,
    Verifying,
    CancelNeedsPerson,
    HandoffProblem,
    HandoffLimit,
    OfferChoices,
    OfferPerson,
    ConfirmReship,
    ConfirmExpeditedReship,
    ConfirmRefund,
    ConfirmStoreCredit,
    ConfirmCancel,
    ConfirmAddress,
    ConfirmRedirect,
    Confirmed,
    NeedsApproval,
    Declined,
    CancelTooLate,
    AddressTooLate,
    AddressRedirect,
    AskNewAddress,
    WaitForDelivered,
    ClaimOpened,
    OtherOrder,
    DeadlineYes,
    DeadlineAtRisk,
    DeadlineNo,
    DeadlineUnsure,
    Apology,
    Upsell,
    WaitChosen,
    ReturnInfo,
    DamagedInfo,
    RefundInfo,
}

/// The template for a key in a language.
pub fn template(lang: Lang, key: Key) -> &'static str {
    use Key::*;
    use Lang::*;
    match (key, lang) {
        (Processing, En) => "Your order {order} is being prepared and should leave our warehouse by {date}. You'll get a tracking link by e-mail as soon as it ships.",
        (Processing, Es) => "Tu pedido {order} se está preparando y debería salir de nuestro almacén antes del {date}. Recibirás el enlace de seguimiento por e-mail en cuanto se envíe.",
        (Processing, Fr) => "Votre commande {order} est en préparation et devrait quitter notre entrepôt d'ici le {date}. Vous recevrez le lien de suivi par e-mail dès son expédition.",
        (Processing, De) => "Ihre Bestellung {order} wird vorbereitet und sollte unser Lager bis {date} verlassen. Sobald sie verschickt ist, bekommen Sie den Sendungslink per E-Mail.",

        (LateInWarehouse, En) => "I'm sorry: your order {order} should have left our warehouse by {date} and it hasn't yet ({days} business days late). I've flagged it to the team so it ships as soon as possible.",
        (LateInWarehouse, Es) => "Lo siento: tu pedido {order} debería haber salido de nuestro almacén antes del {date} y aún no ha salido ({days} días hábiles de retraso). Ya lo he señalado al equipo para que se envíe cuanto antes.",
        (LateInWarehouse, Fr) => "Désolé : votre commande {order} aurait dû quitter notre entrepôt d'ici le {date} et ce n'est pas encore le cas ({days} jours ouvrés de retard). Je l'ai signalée à l'équipe pour qu'elle parte au plus vite.",
        (LateInWarehouse, De) => "Das tut mir leid: Ihre Bestellung {order} hätte unser Lager bis {date} verlassen sollen und ist noch nicht unterwegs ({days} Werktage Verspätung). Ich habe das Team informiert, damit sie so schnell wie möglich verschickt wird.",

        (AwaitingStock, En) => "Your order {order} includes an item on pre-order; it ships when stock arrives, expected {date}.",
        (AwaitingStock, Es) => "Tu pedido {order} incluye un artículo en preventa; se enviará cuando llegue el stock, previsto para el {date}.",
        (AwaitingStock, Fr) => "Votre commande {order} contient un article en précommande ; elle partira à l'arrivée du stock, prévue le {date}.",
        (AwaitingStock, De) => "Ihre Bestellung {order} enthält einen vorbestellten Artikel; sie wird verschickt, sobald er eintrifft, voraussichtlich am {date}.",

        (LabelCreated, En) => "Your order {order} is packed and the {carrier} label was created {ago}. {carrier} should pick it up within a day; tracking updates start then.",
        (LabelCreated, Es) => "Tu pedido {order} está empaquetado y la etiqueta de {carrier} se creó {ago}. {carrier} debería recogerlo en un día; el seguimiento empezará entonces.",
        (LabelCreated, Fr) => "Votre commande {order} est emballée et l'étiquette {carrier} a été créée {ago}. {carrier} devrait la récupérer sous un jour ; le suivi commencera alors.",
        (LabelCreated, De) => "Ihre Bestellung {order} ist gepackt und das {carrier}-Label wurde {ago} erstellt. {carrier} sollte sie innerhalb eines Tages abholen; dann beginnt die Sendungsverfolgung.",

        (AwaitingPickup, En) => "Your order {order} is packed and labelled, but {carrier} hasn't collected it yet: the label was created {ago} ({hours} hours) and there's no pickup scan since. It's most likely still on our dock waiting for the carrier. I'm sorry for the wait; I've flagged it so the team can chase the pickup.",
        (AwaitingPickup, Es) => "Tu pedido {order} está empaquetado y etiquetado, pero {carrier} aún no lo ha recogido: la etiqueta se creó {ago} ({hours} horas) y no hay escaneo de recogida desde entonces. Lo más probable es que siga en nuestro muelle esperando al transportista. Perdona la espera; lo he señalado al equipo para que reclame la recogida.",
        (AwaitingPickup, Fr) => "Votre commande {order} est emballée et étiquetée, mais {carrier} ne l'a pas encore récupérée : l'étiquette a été créée {ago} ({hours} heures) et aucun scan de prise en charge depuis. Elle attend très probablement le transporteur sur notre quai. Désolé pour l'attente ; je l'ai signalé à l'équipe pour relancer l'enlèvement.",
        (AwaitingPickup, De) => "Ihre Bestellung {order} ist gepackt und beschriftet, aber {carrier} hat sie noch nicht abgeholt: Das Label wurde {ago} erstellt ({hours} Stunden) und seitdem gibt es keinen Abholscan. Sie wartet sehr wahrscheinlich noch an unserer Rampe auf den Versanddienst. Entschuldigen Sie die Wartezeit; ich habe das Team gebeten, die Abholung nachzuhaken.",

        (InTransit, En) => "Your order {order} is on its way with {carrier}. The latest scan was {ago}.",
        (InTransit, Es) => "Tu pedido {order} está en camino con {carrier}. El último escaneo fue {ago}.",
        (InTransit, Fr) => "Votre commande {order} est en route avec {carrier}. Le dernier scan date d'{ago}.",
        (InTransit, De) => "Ihre Bestellung {order} ist mit {carrier} unterwegs. Der letzte Scan war {ago}.",

        (InTransitPlace, En) => "Your order {order} is on its way with {carrier}. The latest scan was {ago} in {place}.",
        (InTransitPlace, Es) => "Tu pedido {order} está en camino con {carrier}. El último escaneo fue {ago} en {place}.",
        (InTransitPlace, Fr) => "Votre commande {order} est en route avec {carrier}. Le dernier scan date d'{ago}, à {place}.",
        (InTransitPlace, De) => "Ihre Bestellung {order} ist mit {carrier} unterwegs. Der letzte Scan war {ago} in {place}.",

        (EtaCarrier, En) => "{carrier} expects to deliver it on {date}.",
        (EtaCarrier, Es) => "{carrier} prevé entregarlo el {date}.",
        (EtaCarrier, Fr) => "{carrier} prévoit de la livrer le {date}.",
        (EtaCarrier, De) => "{carrier} erwartet die Zustellung am {date}.",

        (EtaRange, En) => "It should arrive between {date} and {date2}.",
        (EtaRange, Es) => "Debería llegar entre el {date} y el {date2}.",
        (EtaRange, Fr) => "Elle devrait arriver entre le {date} et le {date2}.",
        (EtaRange, De) => "Sie sollte zwischen {date} und {date2} ankommen.",

        (EtaDay, En) => "It should arrive on {date}.",
        (EtaDay, Es) => "Debería llegar el {date}.",
        (EtaDay, Fr) => "Elle devrait arriver le {date}.",
        (EtaDay, De) => "Sie sollte am {date} ankommen.",

        (InTransitLate, En) => "It's running late: it was due by {date}. I'm sorry; we're keeping an eye on it.",
        (InTransitLate, Es) => "Va con retraso: debía llegar antes del {date}. Lo siento; lo estamos vigilando.",
        (InTransitLate, Fr) => "Elle a du retard : elle était attendue pour le {date}. Désolé ; nous la surveillons.",
        (InTransitLate, De) => "Sie ist verspätet: Sie sollte bis {date} ankommen. Das tut mir leid; wir behalten sie im Blick.",

        (OutForDelivery, En) => "Good news: your order {order} is out for delivery today with {carrier} (updated {ago}).",
        (OutForDelivery, Es) => "Buenas noticias: tu pedido {order} está en reparto hoy con {carrier} (actualizado {ago}).",
        (OutForDelivery, Fr) => "Bonne nouvelle : votre commande {order} est en cours de livraison aujourd'hui avec {carrier} (mis à jour il y a {ago_bare}).",
        (OutForDelivery, De) => "Gute Nachricht: Ihre Bestellung {order} ist heute mit {carrier} in der Zustellung (aktualisiert {ago}).",

        (DeliveryAttempted, En) => "{carrier} tried to deliver your order {order} on {date} but couldn't. They usually try again the next business day or leave a note saying where to collect it.",
        (DeliveryAttempted, Es) => "{carrier} intentó entregar tu pedido {order} el {date} pero no pudo. Normalmente lo intenta de nuevo el siguiente día hábil o deja un aviso indicando dónde recogerlo.",
        (DeliveryAttempted, Fr) => "{carrier} a tenté de livrer votre commande {order} le {date} sans y parvenir. Le transporteur repasse en général le jour ouvré suivant ou laisse un avis indiquant où la retirer.",
        (DeliveryAttempted, De) => "{carrier} hat am {date} versucht, Ihre Bestellung {order} zuzustellen, leider ohne Erfolg. In der Regel gibt es am nächsten Werktag einen neuen Versuch oder eine Benachrichtigung, wo Sie sie abholen können.",

        (AvailableForPickup, En) => "Your order {order} is waiting for you at a {carrier} pickup point since {date}. Bring an ID and your tracking number.",
        (AvailableForPickup, Es) => "Tu pedido {order} te espera en un punto de recogida de {carrier} desde el {date}. Lleva un documento de identidad y tu número de seguimiento.",
        (AvailableForPickup, Fr) => "Votre commande {order} vous attend dans un point de retrait {carrier} depuis le {date}. Munissez-vous d'une pièce d'identité et de votre numéro de suivi.",
        (AvailableForPickup, De) => "Ihre Bestellung {order} liegt seit {date} an einer {carrier}-Abholstelle für Sie bereit. Bringen Sie einen Ausweis und Ihre Sendungsnummer mit.",

        (DeliveredNote, En) => "{carrier} delivered your order {order} on {date} and says it was {where}. Please check there first.",
        (DeliveredNote, Es) => "{carrier} entregó tu pedido {order} el {date} e indica: {where}. Mira allí primero.",
        (DeliveredNote, Fr) => "{carrier} a livré votre commande {order} le {date} et indique : {where}. Regardez d'abord à cet endroit.",
        (DeliveredNote, De) => "{carrier} hat Ihre Bestellung {order} am {date} zugestellt und vermerkt: {where}. Bitte schauen Sie zuerst dort nach.",

        (DeliveredNoNote, En) => "{carrier} delivered your order {order} on {date}.",
        (DeliveredNoNote, Es) => "{carrier} entregó tu pedido {order} el {date}.",
        (DeliveredNoNote, Fr) => "{carrier} a livré votre commande {order} le {date}.",
        (DeliveredNoNote, De) => "{carrier} hat Ihre Bestellung {order} am {date} zugestellt.",

        (Exception, En) => "I'm sorry: your order {order} is held up with {carrier} since {date}. We're watching it and will update you as soon as it moves.",
        (Exception, Es) => "Lo siento: tu pedido {order} está retenido por {carrier} desde el {date}. Lo estamos vigilando y te avisaremos en cuanto avance.",
        (Exception, Fr) => "Désolé : votre commande {order} est bloquée chez {carrier} depuis le {date}. Nous la surveillons et vous tiendrons informé dès qu'elle repart.",
        (Exception, De) => "Das tut mir leid: Ihre Bestellung {order} hängt seit {date} bei {carrier} fest. Wir behalten sie im Blick und melden uns, sobald sie weiterläuft.",

        (ExceptionReason, En) => "I'm sorry: your order {order} is held up with {carrier} since {date} because {reason}. We're watching it and will update you as soon as it moves.",
        (ExceptionReason, Es) => "Lo siento: tu pedido {order} está retenido por {carrier} desde el {date}: {reason}. Lo estamos vigilando y te avisaremos en cuanto avance.",
        (ExceptionReason, Fr) => "Désolé : votre commande {order} est bloquée chez {carrier} depuis le {date} : {reason}. Nous la surveillons et vous tiendrons informé dès qu'elle repart.",
        (ExceptionReason, De) => "Das tut mir leid: Ihre Bestellung {order} hängt seit {date} bei {carrier} fest: {reason}. Wir behalten sie im Blick und melden uns, sobald sie weiterläuft.",

        (Stalled, En) => "I'm sorry: {carrier} hasn't scanned your order {order} for {days} days (last scan {date}). That's longer than it should be.",
        (Stalled, Es) => "Lo siento: {carrier} no ha escaneado tu pedido {order} desde hace {days} días (último escaneo el {date}). Es más de lo normal.",
        (Stalled, Fr) => "Désolé : {carrier} n'a pas scanné votre commande {order} depuis {days} jours (dernier scan le {date}). C'est plus long que prévu.",
        (Stalled, De) => "Das tut mir leid: {carrier} hat Ihre Bestellung {order} seit {days} Tagen nicht mehr gescannt (letzter Scan am {date}). Das ist länger als üblich.",

        (Returning, En) => "I'm sorry: {carrier} started returning your order {order} to us on {date}.",
        (Returning, Es) => "Lo siento: {carrier} empezó a devolvernos tu pedido {order} el {date}.",
        (Returning, Fr) => "Désolé : {carrier} a commencé à nous retourner votre commande {order} le {date}.",
        (Returning, De) => "Das tut mir leid: {carrier} schickt Ihre Bestellung {order} seit {date} an uns zurück.",

        (Lost, En) => "I'm sorry: {carrier} has reported your order {order} as lost.",
        (Lost, Es) => "Lo siento: {carrier} ha dado tu pedido {order} por perdido.",
        (Lost, Fr) => "Désolé : {carrier} a déclaré votre commande {order} perdue.",
        (Lost, De) => "Das tut mir leid: {carrier} hat Ihre Bestellung {order} als verloren gemeldet.",

        (Cancelled, En) => "Your order {order} was cancelled on {date}. If you were charged, the refund goes back to your original payment method.",
        (Cancelled, Es) => "Tu pedido {order} se canceló el {date}. Si se te cobró, el reembolso vuelve a tu método de pago original.",
        (Cancelled, Fr) => "Votre commande {order} a été annulée le {date}. Si vous avez été débité, le remboursement revient sur votre moyen de paiement d'origine.",
        (Cancelled, De) => "Ihre Bestellung {order} wurde am {date} storniert. Falls Sie belastet wurden, geht die Erstattung an Ihre ursprüngliche Zahlungsart zurück.",

        (SplitIntro, En) => "Your order {order} was sent in {count} parcels.",
        (SplitIntro, Es) => "Tu pedido {order} se envió en {count} paquetes.",
        (SplitIntro, Fr) => "Votre commande {order} a été envoyée en {count} colis.",
        (SplitIntro, De) => "Ihre Bestellung {order} wurde in {count} Paketen verschickt.",

        (Parcel, En) => "Parcel {n} ({items}):",
        (Parcel, Es) => "Paquete {n} ({items}):",
        (Parcel, Fr) => "Colis {n} ({items}) :",
        (Parcel, De) => "Paket {n} ({items}):",

        (Stale, En) => "Note: {carrier} last updated this {ago}, so there may be newer scans.",
        (Stale, Es) => "Nota: {carrier} actualizó esto por última vez {ago}, así que puede haber escaneos más recientes.",
        (Stale, Fr) => "Remarque : {carrier} a mis à jour ces informations il y a {ago_bare}, il peut y avoir des scans plus récents.",
        (Stale, De) => "Hinweis: {carrier} hat das zuletzt {ago} aktualisiert, es kann neuere Scans geben.",

        (NoCarrierData, En) => "Your order {order} shipped with {carrier} (tracking {tracking}), but the carrier hasn't shared any scans with us yet.",
        (NoCarrierData, Es) => "Tu pedido {order} se envió con {carrier} (seguimiento {tracking}), pero el transportista aún no nos ha enviado escaneos.",
        (NoCarrierData, Fr) => "Votre commande {order} a été expédiée avec {carrier} (suivi {tracking}), mais le transporteur ne nous a encore transmis aucun scan.",
        (NoCarrierData, De) => "Ihre Bestellung {order} wurde mit {carrier} verschickt (Sendungsnummer {tracking}), aber der Versanddienst hat uns noch keine Scans übermittelt.",

        (AskIdentity, En) => "I can check that for you. What's your order number and the e-mail address you used to order? For example: #1001 jane@example.com",
        (AskIdentity, Es) => "Puedo comprobarlo. ¿Cuál es tu número de pedido y el e-mail con el que compraste? Por ejemplo: #1001 jane@example.com",
        (AskIdentity, Fr) => "Je peux vérifier. Quel est votre numéro de commande et l'adresse e-mail utilisée pour commander ? Par exemple : #1001 jane@example.com",
        (AskIdentity, De) => "Das kann ich prüfen. Wie lauten Ihre Bestellnummer und die E-Mail-Adresse, mit der Sie bestellt haben? Zum Beispiel: #1001 jane@example.com",

        (AskEmail, En) => "Thanks! And the e-mail address you used for order {order}?",
        (AskEmail, Es) => "¡Gracias! ¿Y el e-mail que usaste para el pedido {order}?",
        (AskEmail, Fr) => "Merci ! Et l'adresse e-mail utilisée pour la commande {order} ?",
        (AskEmail, De) => "Danke! Und die E-Mail-Adresse, die Sie für Bestellung {order} verwendet haben?",

        (AskOrderNumber, En) => "Thanks! What's the order number? It's in your confirmation e-mail, e.g. #1001.",
        (AskOrderNumber, Es) => "¡Gracias! ¿Cuál es el número de pedido? Está en tu e-mail de confirmación, p. ej. #1001.",
        (AskOrderNumber, Fr) => "Merci ! Quel est le numéro de commande ? Il figure dans votre e-mail de confirmation, par ex. #1001.",
        (AskOrderNumber, De) => "Danke! Wie lautet die Bestellnummer? Sie steht in Ihrer Bestätigungs-E-Mail, z. B. #1001.",

        (Greeting, En) => "Hi! I'm {brand}'s assistant. I can tell you where your order is: just ask.",
        (Greeting, Es) => "¡Hola! Soy el asistente de {brand}. Puedo decirte dónde está tu pedido: pregúntame.",
        (Greeting, Fr) => "Bonjour ! Je suis l'assistant de {brand}. Je peux vous dire où en est votre commande : demandez-moi.",
        (Greeting, De) => "Hallo! Ich bin der Assistent von {brand}. Ich kann Ihnen sagen, wo Ihre Bestellung ist: fragen Sie einfach.",

        (Thanks, En) => "You're welcome! Anything else I can help with?",
        (Thanks, Es) => "¡De nada! ¿Puedo ayudarte en algo más?",
        (Thanks, Fr) => "Avec plaisir ! Puis-je vous aider pour autre chose ?",
        (Thanks, De) => "Gern geschehen! Kann ich sonst noch helfen?",

        (DeliveryTimeInfo, En) => "Orders leave our warehouse within {days} business days; standard delivery then takes {min} to {max} business days.",
        (DeliveryTimeInfo, Es) => "Los pedidos salen de nuestro almacén en {days} días hábiles; el envío estándar tarda después de {min} a {max} días hábiles.",
        (DeliveryTimeInfo, Fr) => "Les commandes quittent notre entrepôt sous {days} jours ouvrés ; la livraison standard prend ensuite {min} à {max} jours ouvrés.",
        (DeliveryTimeInfo, De) => "Bestellungen verlassen unser Lager innerhalb von {days} Werktagen; der Standardversand dauert dann {min} bis {max} Werktage.",

        (NotUnderstood, En) => "I'm not sure I understood. I can tell you where your order is, when it will arrive, and help when a delivery goes wrong, or I can pass you to a person.",
        (NotUnderstood, Es) => "No estoy seguro de haberte entendido. Puedo decirte dónde está tu pedido y cuándo llegará, ayudarte si algo falla con la entrega, o pasarte con una persona.",
        (NotUnderstood, Fr) => "Je ne suis pas sûr d'avoir compris. Je peux vous dire où est votre commande et quand elle arrivera, vous aider si une livraison se passe mal, ou vous passer une personne.",
        (NotUnderstood, De) => "Ich bin nicht sicher, ob ich das verstanden habe. Ich kann Ihnen sagen, wo Ihre Bestellung ist und wann sie ankommt, bei Lieferproblemen helfen oder Sie an eine Person weitergeben.",

        (HandoffAsked, En) => "Of course. I'm passing you to a person on our team with your order details, so you won't have to repeat yourself.",
        (HandoffAsked, Es) => "Por supuesto. Te paso con una persona de nuestro equipo junto con los datos de tu pedido, para que no tengas que repetirlo.",
        (HandoffAsked, Fr) => "Bien sûr. Je vous passe une personne de notre équipe avec les détails de votre commande, pour que vous n'ayez pas à tout répéter.",
        (HandoffAsked, De) => "Natürlich. Ich gebe Sie mit Ihren Bestelldaten an eine Person aus unserem Team weiter, damit Sie nichts wiederholen müssen.",

        (HandoffAskedAnon, En) => "Of course. I'm passing you to a person on our team; they'll reply here as soon as they can.",
        (HandoffAskedAnon, Es) => "Por supuesto. Te paso con una persona de nuestro equipo; te responderá aquí lo antes posible.",
        (HandoffAskedAnon, Fr) => "Bien sûr. Je vous passe une personne de notre équipe ; elle vous répondra ici dès que possible.",
        (HandoffAskedAnon, De) => "Natürlich. Ich gebe Sie an eine Person aus unserem Team weiter; sie antwortet Ihnen hier so bald wie möglich.",

        (Verifying, En) => "Thanks! Let me look up order {order}…",
        (Verifying, Es) => "¡Gracias! Voy a buscar el pedido {order}…",
        (Verifying, Fr) => "Merci ! Je recherche la commande {order}…",
        (Verifying, De) => "Danke! Ich sehe mir Bestellung {order} an…",

        (CancelNeedsPerson, En) => "Order {order} is past the time for self-service cancellation, so I've passed your request to our team; they'll check whether it can still be stopped.",
        (CancelNeedsPerson, Es) => "El pedido {order} ya superó el plazo de cancelación automática, así que he pasado tu solicitud al equipo; comprobarán si todavía se puede detener.",
        (CancelNeedsPerson, Fr) => "La commande {order} a dépassé le délai d'annulation en libre-service ; j'ai transmis votre demande à l'équipe, qui vérifiera si elle peut encore être arrêtée.",
        (CancelNeedsPerson, De) => "Bestellung {order} kann nicht mehr selbst storniert werden, daher habe ich Ihre Anfrage an unser Team weitergegeben; es prüft, ob sie sich noch stoppen lässt.",

        (HandoffProblem, En) => "I've passed this to our team with everything above; a person will get back to you here.",
        (HandoffProblem, Es) => "Se lo he pasado a nuestro equipo con todo lo anterior; una persona te responderá aquí.",
        (HandoffProblem, Fr) => "J'ai transmis cela à notre équipe avec tout ce qui précède ; une personne vous répondra ici.",
        (HandoffProblem, De) => "Ich habe das mit allen Angaben an unser Team weitergegeben; eine Person meldet sich hier bei Ihnen.",

        (HandoffLimit, En) => "I don't seem to be helping, so I'm passing you to a person on our team with our conversation so far.",
        (HandoffLimit, Es) => "Parece que no te estoy ayudando, así que te paso con una persona de nuestro equipo junto con nuestra conversación.",
        (HandoffLimit, Fr) => "Je ne semble pas vous aider, je vous passe donc une personne de notre équipe avec notre conversation.",
        (HandoffLimit, De) => "Ich scheine Ihnen nicht weiterzuhelfen, daher gebe ich Sie mit unserem bisherigen Gespräch an eine Person aus unserem Team weiter.",

        (OfferChoices, En) => "What would you prefer: {choices}?",
        (OfferChoices, Es) => "¿Qué prefieres: {choices}?",
        (OfferChoices, Fr) => "Que préférez-vous : {choices} ?",
        (OfferChoices, De) => "Was wäre Ihnen lieber: {choices}?",

        (OfferPerson, En) => "Would you like me to pass you to a person on our team?",
        (OfferPerson, Es) => "¿Quieres que te pase con una persona de nuestro equipo?",
        (OfferPerson, Fr) => "Voulez-vous que je vous passe une personne de notre équipe ?",
        (OfferPerson, De) => "Möchten Sie, dass ich Sie an eine Person aus unserem Team weitergebe?",

        (ConfirmReship, En) => "To confirm: we send the items of order {order} again, free of charge. Shall I go ahead? (yes / no)",
        (ConfirmReship, Es) => "Para confirmar: te enviamos de nuevo los artículos del pedido {order}, sin coste. ¿Lo hago? (sí / no)",
        (ConfirmReship, Fr) => "Pour confirmer : nous renvoyons gratuitement les articles de la commande {order}. Je lance l'envoi ? (oui / non)",
        (ConfirmReship, De) => "Zur Bestätigung: Wir schicken die Artikel der Bestellung {order} kostenlos erneut. Soll ich das veranlassen? (ja / nein)",

        (ConfirmExpeditedReship, En) => "To confirm: we send the items of order {order} again by express, free of charge. Shall I go ahead? (yes / no)",
        (ConfirmExpeditedReship, Es) => "Para confirmar: te enviamos de nuevo los artículos del pedido {order} por envío urgente, sin coste. ¿Lo hago? (sí / no)",
        (ConfirmExpeditedReship, Fr) => "Pour confirmer : nous renvoyons gratuitement les articles de la commande {order} en express. Je lance l'envoi ? (oui / non)",
        (ConfirmExpeditedReship, De) => "Zur Bestätigung: Wir schicken die Artikel der Bestellung {order} kostenlos per Express erneut. Soll ich das veranlassen? (ja / nein)",

        (ConfirmRefund, En) => "To confirm: we refund {amount} for order {order} to your original payment method. Shall I go ahead? (yes / no)",
        (ConfirmRefund, Es) => "Para confirmar: te reembolsamos {amount} del pedido {order} en tu método de pago original. ¿Lo hago? (sí / no)",
        (ConfirmRefund, Fr) => "Pour confirmer : nous remboursons {amount} pour la commande {order} sur votre moyen de paiement d'origine. Je lance le remboursement ? (oui / non)",
        (ConfirmRefund, De) => "Zur Bestätigung: Wir erstatten {amount} für Bestellung {order} auf Ihre ursprüngliche Zahlungsart. Soll ich das veranlassen? (ja / nein)",

        (ConfirmStoreCredit, En) => "To confirm: we give you {amount} in store credit for order {order}. Shall I go ahead? (yes / no)",
        (ConfirmStoreCredit, Es) => "Para confirmar: te damos {amount} en saldo de tienda por el pedido {order}. ¿Lo hago? (sí / no)",
        (ConfirmStoreCredit, Fr) => "Pour confirmer : nous vous accordons {amount} en avoir pour la commande {order}. Je valide ? (oui / non)",
        (ConfirmStoreCredit, De) => "Zur Bestätigung: Sie erhalten {amount} als Guthaben für Bestellung {order}. Soll ich das veranlassen? (ja / nein)",

        (ConfirmCancel, En) => "To confirm: cancel order {order} and refund it in full. Shall I go ahead? (yes / no)",
        (ConfirmCancel, Es) => "Para confirmar: cancelar el pedido {order} y reembolsarlo por completo. ¿Lo hago? (sí / no)",
        (ConfirmCancel, Fr) => "Pour confirmer : annuler la commande {order} et la rembourser intégralement. Je valide ? (oui / non)",
        (ConfirmCancel, De) => "Zur Bestätigung: Bestellung {order} stornieren und vollständig erstatten. Soll ich das veranlassen? (ja / nein)",

        (ConfirmAddress, En) => "To confirm: change the delivery address of order {order} to \"{address}\". Shall I go ahead? (yes / no)",
        (ConfirmAddress, Es) => "Para confirmar: cambiar la dirección de entrega del pedido {order} a \"{address}\". ¿Lo hago? (sí / no)",
        (ConfirmAddress, Fr) => "Pour confirmer : changer l'adresse de livraison de la commande {order} en « {address} ». Je valide ? (oui / non)",
        (ConfirmAddress, De) => "Zur Bestätigung: Lieferadresse von Bestellung {order} ändern in „{address}“. Soll ich das veranlassen? (ja / nein)",

        (ConfirmRedirect, En) => "To confirm: ask {carrier} to redirect parcel {tracking}. The carrier decides whether it can, and may charge a fee. Shall I go ahead? (yes / no)",
        (ConfirmRedirect, Es) => "Para confirmar: pedir a {carrier} que desvíe el paquete {tracking}. El transportista decide si es posible y puede cobrar una tarifa. ¿Lo hago? (sí / no)",
        (ConfirmRedirect, Fr) => "Pour confirmer : demander à {carrier} de réacheminer le colis {tracking}. Le transporteur décide si c'est possible et peut facturer des frais. Je fais la demande ? (oui / non)",
        (ConfirmRedirect, De) => "Zur Bestätigung: {carrier} bitten, Paket {tracking} umzuleiten. Der Versanddienst entscheidet, ob das geht, und kann eine Gebühr verlangen. Soll ich das veranlassen? (ja / nein)",

        (Confirmed, En) => "Done: I've asked our system to do that now. You'll get an e-mail confirmation shortly.",
        (Confirmed, Es) => "Hecho: ya lo he solicitado. Recibirás una confirmación por e-mail en breve.",
        (Confirmed, Fr) => "C'est fait : la demande est lancée. Vous recevrez une confirmation par e-mail sous peu.",
        (Confirmed, De) => "Erledigt: Ich habe das gerade veranlasst. Sie erhalten in Kürze eine Bestätigung per E-Mail.",

        (NeedsApproval, En) => "Thanks. This needs a quick check by a person on our team; they'll confirm it here shortly.",
        (NeedsApproval, Es) => "Gracias. Esto necesita una revisión rápida de una persona de nuestro equipo; te lo confirmará aquí en breve.",
        (NeedsApproval, Fr) => "Merci. Cela nécessite une vérification rapide par une personne de notre équipe ; elle vous confirmera ici sous peu.",
        (NeedsApproval, De) => "Danke. Das muss kurz von einer Person aus unserem Team geprüft werden; sie bestätigt es Ihnen hier in Kürze.",

        (Declined, En) => "Okay, I won't do that. Is there anything else I can help with?",
        (Declined, Es) => "De acuerdo, no lo haré. ¿Puedo ayudarte en algo más?",
        (Declined, Fr) => "D'accord, je ne le fais pas. Puis-je vous aider pour autre chose ?",
        (Declined, De) => "In Ordnung, dann lasse ich das. Kann ich sonst noch helfen?",

        (CancelTooLate, En) => "I can't cancel order {order} any more: it has already left our warehouse (or is being packed). Once it arrives you can return it for a refund.",
        (CancelTooLate, Es) => "Ya no puedo cancelar el pedido {order}: ya ha salido de nuestro almacén (o se está empaquetando). Cuando llegue, puedes devolverlo y te reembolsamos.",
        (CancelTooLate, Fr) => "Je ne peux plus annuler la commande {order} : elle a déjà quitté notre entrepôt (ou est en cours d'emballage). À réception, vous pourrez la retourner pour être remboursé.",
        (CancelTooLate, De) => "Ich kann Bestellung {order} nicht mehr stornieren: Sie hat unser Lager bereits verlassen (oder wird gerade gepackt). Nach Erhalt können Sie sie gegen Erstattung zurückschicken.",

        (AddressTooLate, En) => "I can't change the address of order {order} in our warehouse any more: it has already been picked or shipped.",
        (AddressTooLate, Es) => "Ya no puedo cambiar la dirección del pedido {order} en nuestro almacén: ya se ha preparado o enviado.",
        (AddressTooLate, Fr) => "Je ne peux plus changer l'adresse de la commande {order} dans notre entrepôt : elle a déjà été préparée ou expédiée.",
        (AddressTooLate, De) => "Ich kann die Adresse von Bestellung {order} in unserem Lager nicht mehr ändern: Sie wurde bereits kommissioniert oder verschickt.",

        (AddressRedirect, En) => "What I can do is ask {carrier} to redirect the parcel.",
        (AddressRedirect, Es) => "Lo que sí puedo hacer es pedir a {carrier} que desvíe el paquete.",
        (AddressRedirect, Fr) => "Je peux en revanche demander à {carrier} de réacheminer le colis.",
        (AddressRedirect, De) => "Ich kann aber {carrier} bitten, das Paket umzuleiten.",

        (AskNewAddress, En) => "I can change the address of order {order}: it hasn't been picked yet. What's the new full address?",
        (AskNewAddress, Es) => "Puedo cambiar la dirección del pedido {order}: aún no se ha preparado. ¿Cuál es la nueva dirección completa?",
        (AskNewAddress, Fr) => "Je peux changer l'adresse de la commande {order} : elle n'a pas encore été préparée. Quelle est la nouvelle adresse complète ?",
        (AskNewAddress, De) => "Ich kann die Adresse von Bestellung {order} ändern: Sie wurde noch nicht kommissioniert. Wie lautet die neue vollständige Adresse?",

        (WaitForDelivered, En) => "Parcels marked delivered usually turn up within {hours} hours: check around the entrance, with neighbours and anyone at the address. I'll check back with you on {date}, and if it still hasn't turned up we'll open a claim.",
        (WaitForDelivered, Es) => "Los paquetes marcados como entregados suelen aparecer en {hours} horas: revisa la entrada, pregunta a los vecinos y a quien viva contigo. Te escribiré el {date} y, si sigue sin aparecer, abriremos una reclamación.",
        (WaitForDelivered, Fr) => "Les colis marqués livrés réapparaissent généralement sous {hours} heures : vérifiez autour de l'entrée, auprès des voisins et des personnes à l'adresse. Je reviens vers vous le {date} et, s'il n'est toujours pas là, nous ouvrirons une réclamation.",
        (WaitForDelivered, De) => "Als zugestellt markierte Pakete tauchen meist innerhalb von {hours} Stunden auf: Schauen Sie rund um den Eingang, bei Nachbarn und fragen Sie Mitbewohner. Ich melde mich am {date} wieder, und wenn es dann noch fehlt, eröffnen wir einen Nachforschungsauftrag.",

        (ClaimOpened, En) => "It's been long enough, so I'm opening a claim with {carrier} for the missing parcel.",
        (ClaimOpened, Es) => "Ya ha pasado suficiente tiempo, así que abro una reclamación con {carrier} por el paquete perdido.",
        (ClaimOpened, Fr) => "Le délai est passé, j'ouvre donc une réclamation auprès de {carrier} pour le colis manquant.",
        (ClaimOpened, De) => "Die Wartezeit ist vorbei, daher eröffne ich bei {carrier} einen Nachforschungsauftrag für das fehlende Paket.",

        (OtherOrder, En) => "I can only discuss order {order} in this conversation, the one you verified. To ask about another order, start a new chat and verify it with its own number and e-mail.",
        (OtherOrder, Es) => "En esta conversación solo puedo hablar del pedido {order}, el que verificaste. Para consultar otro pedido, abre un chat nuevo y verifícalo con su número y e-mail.",
        (OtherOrder, Fr) => "Dans cette conversation, je ne peux parler que de la commande {order}, celle que vous avez vérifiée. Pour une autre commande, ouvrez une nouvelle discussion et vérifiez-la avec son numéro et son e-mail.",
        (OtherOrder, De) => "In diesem Gespräch kann ich nur über Bestellung {order} sprechen, die Sie bestätigt haben. Für eine andere Bestellung starten Sie bitte einen neuen Chat und bestätigen sie mit ihrer Nummer und E-Mail.",

        (DeadlineYes, En) => "Yes: it should arrive by {deadline} (expected {date}).",
        (DeadlineYes, Es) => "Sí: debería llegar antes del {deadline} (previsto el {date}).",
        (DeadlineYes, Fr) => "Oui : elle devrait arriver d'ici le {deadline} (prévue le {date}).",
        (DeadlineYes, De) => "Ja: Sie sollte bis {deadline} ankommen (erwartet am {date}).",

        (DeadlineAtRisk, En) => "It's tight for {deadline}: it is expected within that window, but may not make it in time.",
        (DeadlineAtRisk, Es) => "Va justo para el {deadline}: está dentro del plazo previsto, pero puede que no llegue a tiempo.",
        (DeadlineAtRisk, Fr) => "C'est juste pour le {deadline} : c'est dans la fenêtre prévue, mais elle pourrait ne pas arriver à temps.",
        (DeadlineAtRisk, De) => "Für {deadline} wird es knapp: Es liegt im erwarteten Zeitraum, kann aber zu spät kommen.",

        (DeadlineNo, En) => "I'm sorry, it's unlikely to arrive by {deadline}: the earliest expected delivery is {date}.",
        (DeadlineNo, Es) => "Lo siento, es poco probable que llegue antes del {deadline}: la entrega prevista más temprana es el {date}.",
        (DeadlineNo, Fr) => "Désolé, il est peu probable qu'elle arrive d'ici le {deadline} : la livraison la plus tôt est prévue le {date}.",
        (DeadlineNo, De) => "Das tut mir leid, bis {deadline} wird sie wahrscheinlich nicht ankommen: Die früheste erwartete Zustellung ist am {date}.",

        (DeadlineUnsure, En) => "I can't promise it for {deadline}: there's no reliable delivery estimate right now.",
        (DeadlineUnsure, Es) => "No puedo prometértelo para el {deadline}: ahora mismo no hay una estimación de entrega fiable.",
        (DeadlineUnsure, Fr) => "Je ne peux pas vous le promettre pour le {deadline} : il n'y a pas d'estimation de livraison fiable pour l'instant.",
        (DeadlineUnsure, De) => "Für {deadline} kann ich es nicht versprechen: Es gibt gerade keine verlässliche Zustellprognose.",


        (Apology, En) => "We're sorry this one is not going smoothly.",
        (Apology, Es) => "Sentimos que este pedido no esté yendo bien.",
        (Apology, Fr) => "Nous sommes désolés que cette commande ne se passe pas comme prévu.",
        (Apology, De) => "Es tut uns leid, dass es mit dieser Bestellung nicht rund läuft.",

        (Upsell, En) => "While you wait, you might like:",
        (Upsell, Es) => "Mientras esperas, quizá te guste:",
        (Upsell, Fr) => "En attendant, ceci pourrait vous plaire :",
        (Upsell, De) => "Das könnte Ihnen auch gefallen:",

        (WaitChosen, En) => "Okay, we'll wait. I'll keep an eye on it and let you know as soon as anything changes.",
        (WaitChosen, Es) => "De acuerdo, esperamos. Lo vigilaré y te avisaré en cuanto haya novedades.",
        (WaitChosen, Fr) => "D'accord, nous attendons. Je la surveille et vous préviens dès qu'il y a du nouveau.",
        (WaitChosen, De) => "In Ordnung, wir warten. Ich behalte sie im Blick und melde mich, sobald sich etwas tut.",

        (ReturnInfo, En) => "You can return items of order {order} once they've arrived; I've passed your request to our team, who'll send you the return instructions.",
        (ReturnInfo, Es) => "Puedes devolver artículos del pedido {order} una vez recibidos; he pasado tu solicitud al equipo, que te enviará las instrucciones de devolución.",
        (ReturnInfo, Fr) => "Vous pouvez retourner des articles de la commande {order} une fois reçus ; j'ai transmis votre demande à l'équipe, qui vous enverra les instructions de retour.",
        (ReturnInfo, De) => "Sie können Artikel der Bestellung {order} nach Erhalt zurückschicken; ich habe Ihre Anfrage an das Team weitergegeben, das Ihnen die Rücksendeanleitung schickt.",

        (DamagedInfo, En) => "I'm sorry your order {order} arrived damaged. I've passed it to our team with your order details; please reply with a photo of the damage and they'll sort out a replacement or refund.",
        (DamagedInfo, Es) => "Siento que tu pedido {order} llegara dañado. Lo he pasado al equipo con los datos del pedido; responde con una foto del daño y te gestionarán una reposición o un reembolso.",
        (DamagedInfo, Fr) => "Désolé que votre commande {order} soit arrivée endommagée. J'ai transmis le dossier à l'équipe ; répondez avec une photo des dégâts et elle organisera un remplacement ou un remboursement.",
        (DamagedInfo, De) => "Es tut mir leid, dass Ihre Bestellung {order} beschädigt ankam. Ich habe das mit Ihren Bestelldaten an das Team weitergegeben; antworten Sie bitte mit einem Foto des Schadens, dann kümmert es sich um Ersatz oder Erstattung.",

        (RefundInfo, En) => "Refunds for order {order} are handled by our team once the items are back with us or the order is cancelled; I've passed your request on.",
        (RefundInfo, Es) => "Los reembolsos del pedido {order} los gestiona nuestro equipo cuando los artículos vuelven o el pedido se cancela; ya he pasado tu solicitud.",
        (RefundInfo, Fr) => "Les remboursements de la commande {order} sont traités par notre équipe au retour des articles ou à l'annulation ; j'ai transmis votre demande.",
        (RefundInfo, De) => "Erstattungen für Bestellung {order} bearbeitet unser Team, sobald die Artikel zurück sind oder die Bestellung storniert ist; ich habe Ihre Anfrage weitergegeben.",
    }
}

/// Where a delivered parcel was left, as a phrase that completes the delivered-with-note
/// sentence: the carrier language's own wording, so the timeline and the reply agree.
pub fn location(lang: Lang, l: DeliveryLocation) -> &'static str {
    crate::carrier::location_phrase_in(l, lang)
}

/// Why a parcel is held up, as a phrase that completes the exception sentence.
pub fn reason(lang: Lang, r: ExceptionReason) -> &'static str {
    crate::carrier::reason_phrase_in(r, lang)
}

/// A choice as a noun phrase for "What would you prefer: …?".
pub fn choice(lang: Lang, c: super::action::Choice) -> &'static str {
    use super::action::Choice::*;
    let row: [&'static str; 4] = match c {
        Reship => [
            "a replacement sent now",
            "un reenvío ahora",
            "un renvoi immédiat",
            "eine Ersatzlieferung jetzt",
        ],
        ExpeditedReship => [
            "a replacement by express",
            "un reenvío urgente",
            "un renvoi en express",
            "eine Ersatzlieferung per Express",
        ],
        Refund => [
            "a refund",
            "un reembolso",
            "un remboursement",
            "eine Erstattung",
        ],
        StoreCredit => [
            "store credit",
            "saldo en la tienda",
            "un avoir",
            "ein Guthaben",
        ],
        Wait => [
            "waiting a little longer",
            "esperar un poco más",
            "attendre encore un peu",
            "noch etwas warten",
        ],
        CarrierRedirect => [
            "asking the carrier to redirect it",
            "pedir al transportista que lo desvíe",
            "demander au transporteur de la réacheminer",
            "den Versanddienst um eine Umleitung bitten",
        ],
        OpenClaim => [
            "a claim with the carrier",
            "una reclamación al transportista",
            "une réclamation auprès du transporteur",
            "einen Nachforschungsauftrag",
        ],
        TalkToPerson => [
            "talking to a person",
            "hablar con una persona",
            "parler à une personne",
            "mit einer Person sprechen",
        ],
    };
    row[idx(lang)]
}

/// Fills `{name}` slots; unknown slots are left as they are so a missing value shows in tests.
pub fn fill(template: &str, slots: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in slots {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A template with its slots filled.
pub fn say(lang: Lang, key: Key, slots: &[(&str, &str)]) -> String {
    fill(template(lang, key), slots)
}

const WEEKDAYS: [[&str; 7]; 4] = [
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    [
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ],
    [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ],
    [
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
    ],
];

fn idx(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Es => 1,
        Lang::Fr => 2,
        Lang::De => 3,
    }
}

/// "Tuesday 24 November", "martes 24 de noviembre", "mardi 24 novembre", "Dienstag, 24. November".
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let wd = WEEKDAYS[idx(lang)][d.weekday().num_days_from_monday() as usize];
    let m = crate::carrier::MONTHS[idx(lang)][d.month0() as usize];
    let day = d.day();
    match lang {
        Lang::En => format!("{wd} {day} {m}"),
        Lang::Es => format!("{wd} {day} de {m}"),
        Lang::Fr => format!("{wd} {day} {m}"),
        Lang::De => format!("{wd}, {day}. {m}"),
    }
}

/// How long ago, without the "ago" word: "3 hours", "2 days".
pub fn duration(lang: Lang, then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let mins = (now - then).num_minutes().max(0);
    let (n, unit) = match mins {
        0..=59 => (mins.max(1), 0),
        60..=2879 => (mins / 60, 1),
        _ => (mins / 1440, 2),
    };
    let one = n == 1;
    let word = match (lang, unit, one) {
        (Lang::En, 0, true) => "minute",
        (Lang::En, 0, false) => "minutes",
        (Lang::En, 1, true) => "hour",
        (Lang::En, 1, false) => "hours",
        (Lang::En, _, true) => "day",
        (Lang::En, _, false) => "days",
        (Lang::Es, 0, true) => "minuto",
        (Lang::Es, 0, false) => "minutos",
        (Lang::Es, 1, true) => "hora",
        (Lang::Es, 1, false) => "horas",
        (Lang::Es, _, true) => "día",
        (Lang::Es, _, false) => "días",
        (Lang::Fr, 0, _) => {
            if one {
                "minute"
            } else {
                "minutes"
            }
        }
        (Lang::Fr, 1, _) => {
            if one {
                "heure"
            } else {
                "heures"
            }
        }
        (Lang::Fr, _, _) => {
            if one {
                "jour"
            } else {
                "jours"
            }
        }
        (Lang::De, 0, true) => "Minute",
        (Lang::De, 0, false) => "Minuten",
        (Lang::De, 1, true) => "Stunde",
        (Lang::De, 1, false) => "Stunden",
        (Lang::De, _, true) => "Tag",
        (Lang::De, _, false) => "Tagen",
    };
    // German "vor" takes the dative plural (Stunden, Tagen); English, Spanish and French do not.
    format!("{n} {word}")
}

/// "3 hours ago", "hace 3 horas", "il y a 3 heures", "vor 3 Stunden".
pub fn ago(lang: Lang, then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let d = duration(lang, then, now);
    match lang {
        Lang::En => format!("{d} ago"),
        Lang::Es => format!("hace {d}"),
        Lang::Fr => format!("il y a {d}"),
        Lang::De => format!("vor {d}"),
    }
}

/// "Parcel 1 or Parcel 2": choices joined with the language's "or".
pub fn or_list(lang: Lang, items: &[String]) -> String {
    let or = match lang {
        Lang::En => "or",
        Lang::Es => "o",
        Lang::Fr => "ou",
        Lang::De => "oder",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {or} {last}", rest.join(", ")),
    }
}

/// An amount of money written for shoppers: "$42.50", "42,50 €".
pub fn money(lang: Lang, minor: i64, currency: &str) -> String {
    let major = minor / 100;
    let cents = (minor % 100).abs();
    let symbol = match currency {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "CAD" => "CA$",
        "AUD" => "A$",
        other => other,
    };
    match lang {
        Lang::En => format!("{symbol}{major}.{cents:02}"),
        _ => format!("{major},{cents:02} {symbol}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_local_way() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(date(Lang::En, d), "Tuesday 24 November");
        assert_eq!(date(Lang::Es, d), "martes 24 de noviembre");
        assert_eq!(date(Lang::Fr, d), "mardi 24 novembre");
        assert_eq!(date(Lang::De, d), "Dienstag, 24. November");
    }

    #[test]
    fn every_template_fills_its_slots_in_every_language() {
        // A key's slots must be the same in every language, or a translation silently drops a fact.
        for key in ALL_KEYS {
            let slots = |lang| {
                let t = template(lang, *key);
                let mut v: Vec<&str> = t
                    .match_indices('{')
                    .map(|(i, _)| &t[i..i + t[i..].find('}').unwrap() + 1])
                    .collect();
                v.sort();
                v.dedup();
                // French and English write "ago" around a bare duration differently.
                v.retain(|s| *s != "{ago}" && *s != "{ago_bare}");
                v
            };
            let en = slots(Lang::En);
            for lang in [Lang::Es, Lang::Fr, Lang::De] {
                assert_eq!(slots(lang), en, "{key:?} in {lang:?}");
            }
        }
    }

    const ALL_KEYS: &[Key] = &[
        Key::Processing,
        Key::LateInWarehouse,
        Key::AwaitingStock,
        Key::LabelCreated,
        Key::AwaitingPickup,
        Key::InTransit,
        Key::InTransitPlace,
        Key::EtaCarrier,
        Key::EtaRange,
        Key::EtaDay,
        Key::InTransitLate,
        Key::OutForDelivery,
        Key::DeliveryAttempted,
        Key::AvailableForPickup,
        Key::DeliveredNote,
        Key::DeliveredNoNote,
        Key::Exception,
        Key::ExceptionReason,
        Key::Stalled,
        Key::Returning,
        Key::Lost,
        Key::Cancelled,
        Key::SplitIntro,
        Key::Parcel,
        Key::Stale,
        Key::NoCarrierData,
        Key::AskIdentity,
        Key::AskEmail,
        Key::AskOrderNumber,
        Key::Greeting,
        Key::Thanks,
        Key::DeliveryTimeInfo,
        Key::NotUnderstood,
        Key::HandoffAsked,
        Key::HandoffAskedAnon,
        Key::Verifying,
        Key::CancelNeedsPerson,
        Key::HandoffProblem,
        Key::HandoffLimit,
        Key::OfferChoices,
        Key::OfferPerson,
        Key::ConfirmReship,
        Key::ConfirmExpeditedReship,
        Key::ConfirmRefund,
        Key::ConfirmStoreCredit,
        Key::ConfirmCancel,
        Key::ConfirmAddress,
        Key::ConfirmRedirect,
        Key::Confirmed,
        Key::NeedsApproval,
        Key::Declined,
        Key::CancelTooLate,
        Key::AddressTooLate,
        Key::AddressRedirect,
        Key::AskNewAddress,
        Key::WaitForDelivered,
        Key::ClaimOpened,
        Key::OtherOrder,
        Key::DeadlineYes,
        Key::DeadlineAtRisk,
        Key::DeadlineNo,
        Key::DeadlineUnsure,
        Key::Apology,
        Key::Upsell,
        Key::WaitChosen,
        Key::ReturnInfo,
        Key::DamagedInfo,
        Key::RefundInfo,
    ];
}
