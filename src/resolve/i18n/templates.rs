//! Every sentence the resolver can say, in four languages and in both of the brand's tones.
//!
//! Each entry carries both registers: `same` when the friendly wording already reads formally,
//! `pair` when it does not. So a template cannot lack its formal wording, and a test holds every
//! formal one to the register (no contractions or exclamations; `usted`, `vous`, `Sie`).

use crate::carrier::Lang;
use crate::domain::Tone;

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
    ShippedBeforeCancel,
    OutreachIntro,
    OutreachReply,
    OutreachOption,
    OutreachFollowUp,
    OutreachStop,
    OutreachSubject,
    OutreachUnsubscribe,
    OutreachStopped,
    OutreachUnsubscribeLink,
    OutreachEtaLater,
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
    // What the widget itself says while it talks to the proxy.
    Welcome,
    WhichOrder,
    OrderedOn,
    Checking,
    VerifyFailed,
    TooManyAttempts,
    Offline,
    ActionFailed,
    ActionRefused,
    Broken,
}

/// A template in both tones. The formal wording states the same facts with the same slots in
/// the same order; only the register differs.
#[derive(Debug, Clone, Copy)]
struct Words {
    friendly: &'static str,
    formal: &'static str,
}

/// A wording that already reads formally, so both tones use it.
const fn same(text: &'static str) -> Words {
    Words {
        friendly: text,
        formal: text,
    }
}

/// A friendly wording and its formal counterpart.
const fn pair(friendly: &'static str, formal: &'static str) -> Words {
    Words { friendly, formal }
}

/// The template for a key in a language and a tone.
pub fn template(lang: Lang, tone: Tone, key: Key) -> &'static str {
    let words = words(lang, key);
    match tone {
        Tone::Friendly => words.friendly,
        Tone::Formal => words.formal,
    }
}

fn words(lang: Lang, key: Key) -> Words {
    use Key::*;
    use Lang::*;
    match (key, lang) {
        (Processing, En) => pair(
            "Your order {order} is being prepared and should leave our warehouse by {date}. You'll get a tracking link by e-mail as soon as it ships.",
            "Your order {order} is being prepared and should leave our warehouse by {date}. You will receive a tracking link by e-mail as soon as it ships.",
        ),
        (Processing, Es) => pair(
            "Tu pedido {order} se está preparando y debería salir de nuestro almacén a más tardar el {date}. Recibirás el enlace de seguimiento por e-mail en cuanto se envíe.",
            "Su pedido {order} se está preparando y debería salir de nuestro almacén a más tardar el {date}. Recibirá el enlace de seguimiento por e-mail en cuanto se envíe.",
        ),
        (Processing, Fr) => same("Votre commande {order} est en préparation et devrait quitter notre entrepôt d'ici le {date}. Vous recevrez le lien de suivi par e-mail dès son expédition."),
        (Processing, De) => pair(
            "Ihre Bestellung {order} wird vorbereitet und sollte unser Lager bis {date} verlassen. Sobald sie verschickt ist, bekommen Sie den Sendungslink per E-Mail.",
            "Ihre Bestellung {order} wird vorbereitet und sollte unser Lager bis {date} verlassen. Sobald sie verschickt ist, erhalten Sie den Sendungslink per E-Mail.",
        ),

        (LateInWarehouse, En) => pair(
            "I'm sorry: your order {order} should have left our warehouse by {date} and it hasn't yet ({days} business days late). I've flagged it to the team so it ships as soon as possible.",
            "We apologise for the delay: your order {order} should have left our warehouse by {date} and has not yet done so ({days} business days late). I have flagged it to the team so that it ships as soon as possible.",
        ),
        (LateInWarehouse, Es) => pair(
            "Lo siento: tu pedido {order} debería haber salido de nuestro almacén a más tardar el {date} y aún no ha salido ({days} días hábiles de retraso). Ya lo he señalado al equipo para que se envíe cuanto antes.",
            "Le pedimos disculpas: su pedido {order} debería haber salido de nuestro almacén a más tardar el {date} y aún no ha salido ({days} días hábiles de retraso). Ya lo he señalado al equipo para que se envíe cuanto antes.",
        ),
        (LateInWarehouse, Fr) => pair(
            "Désolé : votre commande {order} aurait dû quitter notre entrepôt d'ici le {date} et ce n'est pas encore le cas ({days} jours ouvrés de retard). Je l'ai signalée à l'équipe pour qu'elle parte au plus vite.",
            "Veuillez nous excuser : votre commande {order} aurait dû quitter notre entrepôt d'ici le {date} et ce n'est pas encore le cas ({days} jours ouvrés de retard). Je l'ai signalée à l'équipe pour qu'elle parte dans les meilleurs délais.",
        ),
        (LateInWarehouse, De) => pair(
            "Das tut mir leid: Ihre Bestellung {order} hätte unser Lager bis {date} verlassen sollen und ist noch nicht unterwegs ({days} Werktage Verspätung). Ich habe das Team informiert, damit sie so schnell wie möglich verschickt wird.",
            "Bitte entschuldigen Sie die Verzögerung: Ihre Bestellung {order} hätte unser Lager bis {date} verlassen sollen und ist noch nicht unterwegs ({days} Werktage Verspätung). Ich habe das Team informiert, damit sie so schnell wie möglich verschickt wird.",
        ),

        (AwaitingStock, En) => same("Your order {order} includes an item on pre-order; it ships when stock arrives, expected {date}."),
        (AwaitingStock, Es) => pair(
            "Tu pedido {order} incluye un artículo en preventa; se enviará cuando llegue el stock, previsto para el {date}.",
            "Su pedido {order} incluye un artículo en preventa; se enviará cuando llegue el stock, previsto para el {date}.",
        ),
        (AwaitingStock, Fr) => same("Votre commande {order} contient un article en précommande ; elle partira à l'arrivée du stock, prévue le {date}."),
        (AwaitingStock, De) => same("Ihre Bestellung {order} enthält einen vorbestellten Artikel; sie wird verschickt, sobald er eintrifft, voraussichtlich am {date}."),

        (LabelCreated, En) => same("Your order {order} is packed and the {carrier} label was created {ago}. {carrier} should pick it up within a day; tracking updates start then."),
        (LabelCreated, Es) => pair(
            "Tu pedido {order} está empaquetado y la etiqueta de {carrier} se creó {ago}. {carrier} debería recogerlo en un día; el seguimiento empezará entonces.",
            "Su pedido {order} está empaquetado y la etiqueta de {carrier} se creó {ago}. {carrier} debería recogerlo en un día; el seguimiento empezará entonces.",
        ),
        (LabelCreated, Fr) => same("Votre commande {order} est emballée et l'étiquette {carrier} a été créée {ago}. {carrier} devrait la récupérer sous un jour ; le suivi commencera alors."),
        (LabelCreated, De) => same("Ihre Bestellung {order} ist gepackt und das {carrier}-Label wurde {ago} erstellt. {carrier} sollte sie innerhalb eines Tages abholen; dann beginnt die Sendungsverfolgung."),

        (AwaitingPickup, En) => pair(
            "Your order {order} is packed and labelled, but {carrier} hasn't collected it yet: the label was created {ago} ({hours} hours) and there's no pickup scan since. It's most likely still on our dock waiting for the carrier. I'm sorry for the wait; I've flagged it so the team can chase the pickup.",
            "Your order {order} is packed and labelled, but {carrier} has not collected it yet: the label was created {ago} ({hours} hours) and there has been no pickup scan since. It is most likely still on our dock waiting for the carrier. We apologise for the wait; I have flagged it so that the team can follow up on the pickup.",
        ),
        (AwaitingPickup, Es) => pair(
            "Tu pedido {order} está empaquetado y etiquetado, pero {carrier} aún no lo ha recogido: la etiqueta se creó {ago} ({hours} horas) y no hay escaneo de recogida desde entonces. Lo más probable es que siga en nuestro muelle esperando al transportista. Perdona la espera; lo he señalado al equipo para que reclame la recogida.",
            "Su pedido {order} está empaquetado y etiquetado, pero {carrier} aún no lo ha recogido: la etiqueta se creó {ago} ({hours} horas) y no hay escaneo de recogida desde entonces. Lo más probable es que siga en nuestro muelle esperando al transportista. Disculpe la espera; lo he señalado al equipo para que reclame la recogida.",
        ),
        (AwaitingPickup, Fr) => pair(
            "Votre commande {order} est emballée et étiquetée, mais {carrier} ne l'a pas encore récupérée : l'étiquette a été créée {ago} ({hours} heures) et aucun scan de prise en charge depuis. Elle attend très probablement le transporteur sur notre quai. Désolé pour l'attente ; je l'ai signalé à l'équipe pour relancer l'enlèvement.",
            "Votre commande {order} est emballée et étiquetée, mais {carrier} ne l'a pas encore récupérée : l'étiquette a été créée {ago} ({hours} heures) et aucun scan de prise en charge depuis. Elle attend très probablement le transporteur sur notre quai. Veuillez nous excuser pour l'attente ; je l'ai signalé à l'équipe pour relancer l'enlèvement.",
        ),
        (AwaitingPickup, De) => pair(
            "Ihre Bestellung {order} ist gepackt und beschriftet, aber {carrier} hat sie noch nicht abgeholt: Das Label wurde {ago} erstellt ({hours} Stunden) und seitdem gibt es keinen Abholscan. Sie wartet sehr wahrscheinlich noch an unserer Rampe auf den Versanddienst. Entschuldigen Sie die Wartezeit; ich habe das Team gebeten, die Abholung nachzuhaken.",
            "Ihre Bestellung {order} ist gepackt und beschriftet, aber {carrier} hat sie noch nicht abgeholt: Das Label wurde {ago} erstellt ({hours} Stunden) und seitdem gibt es keinen Abholscan. Sie wartet sehr wahrscheinlich noch an unserer Rampe auf den Versanddienst. Bitte entschuldigen Sie die Wartezeit; ich habe das Team gebeten, die Abholung beim Versanddienst anzumahnen.",
        ),

        (InTransit, En) => same("Your order {order} is on its way with {carrier}. The latest scan was {ago}."),
        (InTransit, Es) => pair(
            "Tu pedido {order} está en camino con {carrier}. El último escaneo fue {ago}.",
            "Su pedido {order} está en camino con {carrier}. El último escaneo fue {ago}.",
        ),
        (InTransit, Fr) => same("Votre commande {order} est en route avec {carrier}. Le dernier scan date d'{ago}."),
        (InTransit, De) => same("Ihre Bestellung {order} ist mit {carrier} unterwegs. Der letzte Scan war {ago}."),

        (InTransitPlace, En) => same("Your order {order} is on its way with {carrier}. The latest scan was {ago} in {place}."),
        (InTransitPlace, Es) => pair(
            "Tu pedido {order} está en camino con {carrier}. El último escaneo fue {ago} en {place}.",
            "Su pedido {order} está en camino con {carrier}. El último escaneo fue {ago} en {place}.",
        ),
        (InTransitPlace, Fr) => same("Votre commande {order} est en route avec {carrier}. Le dernier scan date d'{ago}, à {place}."),
        (InTransitPlace, De) => same("Ihre Bestellung {order} ist mit {carrier} unterwegs. Der letzte Scan war {ago} in {place}."),

        (EtaCarrier, En) => same("{carrier} expects to deliver it on {date}."),
        (EtaCarrier, Es) => same("{carrier} prevé entregarlo el {date}."),
        (EtaCarrier, Fr) => same("{carrier} prévoit de la livrer le {date}."),
        (EtaCarrier, De) => same("{carrier} erwartet die Zustellung am {date}."),

        (EtaRange, En) => same("It should arrive between {date} and {date2}."),
        (EtaRange, Es) => same("Debería llegar entre el {date} y el {date2}."),
        (EtaRange, Fr) => same("Elle devrait arriver entre le {date} et le {date2}."),
        (EtaRange, De) => same("Sie sollte zwischen {date} und {date2} ankommen."),

        (EtaDay, En) => same("It should arrive on {date}."),
        (EtaDay, Es) => same("Debería llegar el {date}."),
        (EtaDay, Fr) => same("Elle devrait arriver le {date}."),
        (EtaDay, De) => same("Sie sollte am {date} ankommen."),

        (InTransitLate, En) => pair(
            "It's running late: it was due by {date}. I'm sorry; we're keeping an eye on it.",
            "It is running late: it was due by {date}. We apologise for the delay and are monitoring it closely.",
        ),
        (InTransitLate, Es) => pair(
            "Va con retraso: debía llegar a más tardar el {date}. Lo siento; lo estamos vigilando.",
            "Va con retraso: debía llegar a más tardar el {date}. Le pedimos disculpas; lo estamos siguiendo de cerca.",
        ),
        (InTransitLate, Fr) => pair(
            "Elle a du retard : elle était attendue pour le {date}. Désolé ; nous la surveillons.",
            "Elle a du retard : elle était attendue pour le {date}. Veuillez nous en excuser ; nous la suivons de près.",
        ),
        (InTransitLate, De) => pair(
            "Sie ist verspätet: Sie sollte bis {date} ankommen. Das tut mir leid; wir behalten sie im Blick.",
            "Sie ist verspätet: Sie sollte bis {date} ankommen. Bitte entschuldigen Sie die Verzögerung; wir verfolgen die Sendung genau.",
        ),

        (OutForDelivery, En) => pair(
            "Good news: your order {order} is out for delivery today with {carrier} (updated {ago}).",
            "Your order {order} is out for delivery today with {carrier} (updated {ago}).",
        ),
        (OutForDelivery, Es) => pair(
            "Buenas noticias: tu pedido {order} está en reparto hoy con {carrier} (actualizado {ago}).",
            "Su pedido {order} está en reparto hoy con {carrier} (actualizado {ago}).",
        ),
        (OutForDelivery, Fr) => pair(
            "Bonne nouvelle : votre commande {order} est en cours de livraison aujourd'hui avec {carrier} (mis à jour il y a {ago_bare}).",
            "Votre commande {order} est en cours de livraison aujourd'hui avec {carrier} (mis à jour il y a {ago_bare}).",
        ),
        (OutForDelivery, De) => pair(
            "Gute Nachricht: Ihre Bestellung {order} ist heute mit {carrier} in der Zustellung (aktualisiert {ago}).",
            "Ihre Bestellung {order} ist heute mit {carrier} in der Zustellung (aktualisiert {ago}).",
        ),

        (DeliveryAttempted, En) => pair(
            "{carrier} tried to deliver your order {order} on {date} but couldn't. They usually try again the next business day or leave a note saying where to collect it.",
            "{carrier} attempted to deliver your order {order} on {date} but was unable to. The carrier usually tries again on the next business day or leaves a notice stating where to collect it.",
        ),
        (DeliveryAttempted, Es) => pair(
            "{carrier} intentó entregar tu pedido {order} el {date} pero no pudo. Normalmente lo intenta de nuevo el siguiente día hábil o deja un aviso indicando dónde recogerlo.",
            "{carrier} intentó entregar su pedido {order} el {date} pero no pudo. Normalmente lo intenta de nuevo el siguiente día hábil o deja un aviso indicando dónde recogerlo.",
        ),
        (DeliveryAttempted, Fr) => same("{carrier} a tenté de livrer votre commande {order} le {date} sans y parvenir. Le transporteur repasse en général le jour ouvré suivant ou laisse un avis indiquant où la retirer."),
        (DeliveryAttempted, De) => same("{carrier} hat am {date} versucht, Ihre Bestellung {order} zuzustellen, leider ohne Erfolg. In der Regel gibt es am nächsten Werktag einen neuen Versuch oder eine Benachrichtigung, wo Sie sie abholen können."),

        (AvailableForPickup, En) => pair(
            "Your order {order} is waiting for you at a {carrier} pickup point since {date}. Bring an ID and your tracking number.",
            "Your order {order} has been waiting for you at a {carrier} pickup point since {date}. Please bring identification and your tracking number.",
        ),
        (AvailableForPickup, Es) => pair(
            "Tu pedido {order} te espera en un punto de recogida de {carrier} desde el {date}. Lleva un documento de identidad y tu número de seguimiento.",
            "Su pedido {order} le espera en un punto de recogida de {carrier} desde el {date}. Le rogamos que lleve un documento de identidad y su número de seguimiento.",
        ),
        (AvailableForPickup, Fr) => same("Votre commande {order} vous attend dans un point de retrait {carrier} depuis le {date}. Munissez-vous d'une pièce d'identité et de votre numéro de suivi."),
        (AvailableForPickup, De) => pair(
            "Ihre Bestellung {order} liegt seit {date} an einer {carrier}-Abholstelle für Sie bereit. Bringen Sie einen Ausweis und Ihre Sendungsnummer mit.",
            "Ihre Bestellung {order} liegt seit {date} an einer {carrier}-Abholstelle für Sie bereit. Bitte bringen Sie einen Ausweis und Ihre Sendungsnummer mit.",
        ),

        (DeliveredNote, En) => same("{carrier} delivered your order {order} on {date} and says it was {where}. Please check there first."),
        (DeliveredNote, Es) => pair(
            "{carrier} entregó tu pedido {order} el {date} e indica: {where}. Mira allí primero.",
            "{carrier} entregó su pedido {order} el {date} e indica: {where}. Le recomendamos mirar allí primero.",
        ),
        (DeliveredNote, Fr) => pair(
            "{carrier} a livré votre commande {order} le {date} et indique : {where}. Regardez d'abord à cet endroit.",
            "{carrier} a livré votre commande {order} le {date} et indique : {where}. Nous vous invitons à vérifier d'abord à cet endroit.",
        ),
        (DeliveredNote, De) => same("{carrier} hat Ihre Bestellung {order} am {date} zugestellt und vermerkt: {where}. Bitte schauen Sie zuerst dort nach."),

        (DeliveredNoNote, En) => same("{carrier} delivered your order {order} on {date}."),
        (DeliveredNoNote, Es) => pair(
            "{carrier} entregó tu pedido {order} el {date}.",
            "{carrier} entregó su pedido {order} el {date}.",
        ),
        (DeliveredNoNote, Fr) => same("{carrier} a livré votre commande {order} le {date}."),
        (DeliveredNoNote, De) => same("{carrier} hat Ihre Bestellung {order} am {date} zugestellt."),

        (Exception, En) => pair(
            "I'm sorry: your order {order} is held up with {carrier} since {date}. We're watching it and will update you as soon as it moves.",
            "We regret to inform you that your order {order} has been held up with {carrier} since {date}. We are monitoring it and will update you as soon as it moves.",
        ),
        (Exception, Es) => pair(
            "Lo siento: tu pedido {order} está retenido por {carrier} desde el {date}. Lo estamos vigilando y te avisaremos en cuanto avance.",
            "Lamentamos informarle de que su pedido {order} está retenido por {carrier} desde el {date}. Lo estamos siguiendo y le avisaremos en cuanto avance.",
        ),
        (Exception, Fr) => pair(
            "Désolé : votre commande {order} est bloquée chez {carrier} depuis le {date}. Nous la surveillons et vous tiendrons informé dès qu'elle repart.",
            "Nous sommes au regret de vous informer que votre commande {order} est bloquée chez {carrier} depuis le {date}. Nous la surveillons et vous tiendrons informé dès qu'elle repart.",
        ),
        (Exception, De) => pair(
            "Das tut mir leid: Ihre Bestellung {order} hängt seit {date} bei {carrier} fest. Wir behalten sie im Blick und melden uns, sobald sie weiterläuft.",
            "Wir bedauern, dass Ihre Bestellung {order} seit {date} bei {carrier} aufgehalten wird. Wir verfolgen die Sendung und informieren Sie, sobald sie weiterbefördert wird.",
        ),

        (ExceptionReason, En) => pair(
            "I'm sorry: your order {order} is held up with {carrier} since {date} because {reason}. We're watching it and will update you as soon as it moves.",
            "We regret to inform you that your order {order} has been held up with {carrier} since {date} because {reason}. We are monitoring it and will update you as soon as it moves.",
        ),
        (ExceptionReason, Es) => pair(
            "Lo siento: tu pedido {order} está retenido por {carrier} desde el {date}: {reason}. Lo estamos vigilando y te avisaremos en cuanto avance.",
            "Lamentamos informarle de que su pedido {order} está retenido por {carrier} desde el {date}: {reason}. Lo estamos siguiendo y le avisaremos en cuanto avance.",
        ),
        (ExceptionReason, Fr) => pair(
            "Désolé : votre commande {order} est bloquée chez {carrier} depuis le {date} : {reason}. Nous la surveillons et vous tiendrons informé dès qu'elle repart.",
            "Nous sommes au regret de vous informer que votre commande {order} est bloquée chez {carrier} depuis le {date} : {reason}. Nous la surveillons et vous tiendrons informé dès qu'elle repart.",
        ),
        (ExceptionReason, De) => pair(
            "Das tut mir leid: Ihre Bestellung {order} hängt seit {date} bei {carrier} fest: {reason}. Wir behalten sie im Blick und melden uns, sobald sie weiterläuft.",
            "Wir bedauern, dass Ihre Bestellung {order} seit {date} bei {carrier} aufgehalten wird: {reason}. Wir verfolgen die Sendung und informieren Sie, sobald sie weiterbefördert wird.",
        ),

        (Stalled, En) => pair(
            "I'm sorry: {carrier} hasn't scanned your order {order} for {days} days (last scan {date}). That's longer than it should be.",
            "We apologise for the delay: {carrier} has not scanned your order {order} for {days} days (last scan {date}). This is longer than it should be.",
        ),
        (Stalled, Es) => pair(
            "Lo siento: {carrier} no ha escaneado tu pedido {order} desde hace {days} días (último escaneo el {date}). Es más de lo normal.",
            "Le pedimos disculpas: {carrier} no ha escaneado su pedido {order} desde hace {days} días (último escaneo el {date}). Es más de lo normal.",
        ),
        (Stalled, Fr) => pair(
            "Désolé : {carrier} n'a pas scanné votre commande {order} depuis {days} jours (dernier scan le {date}). C'est plus long que prévu.",
            "Veuillez nous excuser : {carrier} n'a pas scanné votre commande {order} depuis {days} jours (dernier scan le {date}). C'est plus long que prévu.",
        ),
        (Stalled, De) => pair(
            "Das tut mir leid: {carrier} hat Ihre Bestellung {order} seit {days} Tagen nicht mehr gescannt (letzter Scan am {date}). Das ist länger als üblich.",
            "Wir bedauern, dass {carrier} Ihre Bestellung {order} seit {days} Tagen nicht mehr gescannt hat (letzter Scan am {date}). Das ist länger als üblich.",
        ),

        (Returning, En) => pair(
            "I'm sorry: {carrier} started returning your order {order} to us on {date}.",
            "We regret to inform you that {carrier} started returning your order {order} to us on {date}.",
        ),
        (Returning, Es) => pair(
            "Lo siento: {carrier} empezó a devolvernos tu pedido {order} el {date}.",
            "Lamentamos informarle de que {carrier} empezó a devolvernos su pedido {order} el {date}.",
        ),
        (Returning, Fr) => pair(
            "Désolé : {carrier} a commencé à nous retourner votre commande {order} le {date}.",
            "Nous sommes au regret de vous informer que {carrier} a commencé à nous retourner votre commande {order} le {date}.",
        ),
        (Returning, De) => pair(
            "Das tut mir leid: {carrier} schickt Ihre Bestellung {order} seit {date} an uns zurück.",
            "Wir bedauern, dass {carrier} Ihre Bestellung {order} seit {date} an uns zurückschickt.",
        ),

        (Lost, En) => pair(
            "I'm sorry: {carrier} has reported your order {order} as lost.",
            "We regret to inform you that {carrier} has reported your order {order} as lost.",
        ),
        (Lost, Es) => pair(
            "Lo siento: {carrier} ha dado tu pedido {order} por perdido.",
            "Lamentamos informarle de que {carrier} ha dado su pedido {order} por perdido.",
        ),
        (Lost, Fr) => pair(
            "Désolé : {carrier} a déclaré votre commande {order} perdue.",
            "Nous sommes au regret de vous informer que {carrier} a déclaré votre commande {order} perdue.",
        ),
        (Lost, De) => pair(
            "Das tut mir leid: {carrier} hat Ihre Bestellung {order} als verloren gemeldet.",
            "Wir bedauern, Ihnen mitteilen zu müssen, dass {carrier} Ihre Bestellung {order} als verloren gemeldet hat.",
        ),

        (Cancelled, En) => same("Your order {order} was cancelled on {date}. If you were charged, the refund goes back to your original payment method."),
        (Cancelled, Es) => pair(
            "Tu pedido {order} se canceló el {date}. Si se te cobró, el reembolso vuelve a tu método de pago original.",
            "Su pedido {order} se canceló el {date}. Si se le cobró, el reembolso vuelve a su método de pago original.",
        ),
        (Cancelled, Fr) => same("Votre commande {order} a été annulée le {date}. Si vous avez été débité, le remboursement revient sur votre moyen de paiement d'origine."),
        (Cancelled, De) => same("Ihre Bestellung {order} wurde am {date} storniert. Falls Sie belastet wurden, geht die Erstattung an Ihre ursprüngliche Zahlungsart zurück."),

        (SplitIntro, En) => same("Your order {order} was sent in {count} parcels."),
        (SplitIntro, Es) => pair(
            "Tu pedido {order} se envió en {count} paquetes.",
            "Su pedido {order} se envió en {count} paquetes.",
        ),
        (SplitIntro, Fr) => same("Votre commande {order} a été envoyée en {count} colis."),
        (SplitIntro, De) => same("Ihre Bestellung {order} wurde in {count} Paketen verschickt."),

        (Parcel, En) => same("Parcel {n}, {items}:"),
        (Parcel, Es) => same("Paquete {n}, {items}:"),
        (Parcel, Fr) => same("Colis {n}, {items} :"),
        (Parcel, De) => same("Paket {n}, {items}:"),

        (Stale, En) => same("Note: {carrier} last updated this {ago}, so there may be newer scans."),
        (Stale, Es) => same("Nota: {carrier} actualizó esto por última vez {ago}, así que puede haber escaneos más recientes."),
        (Stale, Fr) => same("Remarque : {carrier} a mis à jour ces informations il y a {ago_bare}, il peut y avoir des scans plus récents."),
        (Stale, De) => same("Hinweis: {carrier} hat das zuletzt {ago} aktualisiert, es kann neuere Scans geben."),

        (NoCarrierData, En) => pair(
            "Your order {order} shipped with {carrier} (tracking {tracking}), but the carrier hasn't shared any scans with us yet.",
            "Your order {order} shipped with {carrier} (tracking {tracking}), but the carrier has not shared any scans with us yet.",
        ),
        (NoCarrierData, Es) => pair(
            "Tu pedido {order} se envió con {carrier} (seguimiento {tracking}), pero el transportista aún no nos ha enviado escaneos.",
            "Su pedido {order} se envió con {carrier} (seguimiento {tracking}), pero el transportista aún no nos ha enviado escaneos.",
        ),
        (NoCarrierData, Fr) => same("Votre commande {order} a été expédiée avec {carrier} (suivi {tracking}), mais le transporteur ne nous a encore transmis aucun scan."),
        (NoCarrierData, De) => same("Ihre Bestellung {order} wurde mit {carrier} verschickt (Sendungsnummer {tracking}), aber der Versanddienst hat uns noch keine Scans übermittelt."),

        (ShippedBeforeCancel, En) => same("It had already shipped before the cancellation."),
        (ShippedBeforeCancel, Es) => same("Ya se había enviado antes de la cancelación."),
        (ShippedBeforeCancel, Fr) => same("Elle avait déjà été expédiée avant l'annulation."),
        (ShippedBeforeCancel, De) => same("Sie war vor der Stornierung bereits verschickt worden."),

        (OutreachIntro, En) => same("An update on your order {order} from {brand}:"),
        (OutreachIntro, Es) => pair("Novedades de {brand} sobre tu pedido {order}:", "Novedades de {brand} sobre su pedido {order}:"),
        (OutreachIntro, Fr) => same("Des nouvelles de {brand} sur votre commande {order} :"),
        (OutreachIntro, De) => same("Neuigkeiten von {brand} zu Ihrer Bestellung {order}:"),
        (OutreachReply, En) => same("Reply {options}."),
        (OutreachReply, Es) => pair("Responde {options}.", "Responda {options}."),
        (OutreachReply, Fr) => same("Répondez {options}."),
        (OutreachReply, De) => same("Antworten Sie {options}."),
        (OutreachOption, En) => same("{n} for {choice}"),
        (OutreachOption, Es) => same("{n} para {choice}"),
        (OutreachOption, Fr) => same("{n} pour {choice}"),
        (OutreachOption, De) => same("{n} für {choice}"),
        (OutreachFollowUp, En) => pair(
            "As promised, we're checking in on your order {order}, which {carrier} marked as delivered. If it still hasn't turned up, we're ready to put it right.",
            "As promised, we are checking in on your order {order}, which {carrier} marked as delivered. If it still has not turned up, we are ready to put it right.",
        ),
        (OutreachFollowUp, Es) => pair(
            "Como te prometimos, revisamos tu pedido {order}, que {carrier} marcó como entregado. Si todavía no ha aparecido, lo solucionamos.",
            "Como le prometimos, revisamos su pedido {order}, que {carrier} marcó como entregado. Si todavía no ha aparecido, lo solucionamos.",
        ),
        (OutreachFollowUp, Fr) => same("Comme promis, nous revenons vers vous au sujet de votre commande {order}, que {carrier} indique comme livrée. Si elle n'est toujours pas arrivée, nous allons arranger cela."),
        (OutreachFollowUp, De) => same("Wie versprochen melden wir uns zu Ihrer Bestellung {order}, die {carrier} als zugestellt meldet. Falls sie noch nicht aufgetaucht ist, bringen wir das in Ordnung."),
        (OutreachStop, En) => same("Reply STOP to opt out."),
        (OutreachStop, Es) => pair("Responde STOP para darte de baja.", "Responda STOP para darse de baja."),
        (OutreachStop, Fr) => same("Répondez STOP pour vous désabonner."),
        (OutreachStop, De) => same("Antworten Sie STOP, um sich abzumelden."),
        (OutreachSubject, En) => same("Your order {order} from {brand}: an update"),
        (OutreachSubject, Es) => pair("Tu pedido {order} de {brand}: novedades", "Su pedido {order} de {brand}: novedades"),
        (OutreachSubject, Fr) => same("Votre commande {order} chez {brand} : du nouveau"),
        (OutreachSubject, De) => same("Ihre Bestellung {order} bei {brand}: Neuigkeiten"),
        (OutreachUnsubscribe, En) => pair("You get this because you ordered from {brand}. Don't want these updates?", "You receive this because you ordered from {brand}. Do not want these updates?"),
        (OutreachUnsubscribe, Es) => pair("Recibes esto porque compraste en {brand}. ¿No quieres estos avisos?", "Recibe esto porque compró en {brand}. ¿No desea estos avisos?"),
        (OutreachUnsubscribe, Fr) => same("Vous recevez ce message parce que vous avez commandé chez {brand}. Vous ne souhaitez plus ces nouvelles ?"),
        (OutreachUnsubscribe, De) => same("Sie erhalten diese Nachricht, weil Sie bei {brand} bestellt haben. Keine Neuigkeiten mehr?"),
        (OutreachUnsubscribeLink, En) => same("Unsubscribe"),
        (OutreachUnsubscribeLink, Es) => same("Darse de baja"),
        (OutreachUnsubscribeLink, Fr) => same("Se désabonner"),
        (OutreachUnsubscribeLink, De) => same("Abmelden"),
        (OutreachEtaLater, En) => pair("That's later than {date}, the day we told you to expect it. I'm sorry for the wait.", "That is later than {date}, the day we told you to expect it. We apologise for the wait."),
        (OutreachEtaLater, Es) => pair("Es más tarde que el {date}, el día que te indicamos. Perdona la espera.", "Es más tarde que el {date}, el día que le indicamos. Disculpe la espera."),
        (OutreachEtaLater, Fr) => same("C'est plus tard que le {date}, la date que nous vous avions indiquée. Veuillez nous excuser pour l'attente."),
        (OutreachEtaLater, De) => same("Das ist später als {date}, der Tag, den wir Ihnen genannt hatten. Entschuldigen Sie die Wartezeit."),
        (OutreachStopped, En) => pair("You won't get any more updates from {brand} here. Reply START to turn them back on.", "You will not receive further updates from {brand} here. Reply START to turn them back on."),
        (OutreachStopped, Es) => pair("Ya no recibirás más avisos de {brand} por aquí. Responde START para volver a recibirlos.", "Ya no recibirá más avisos de {brand} por aquí. Responda START para volver a recibirlos."),
        (OutreachStopped, Fr) => same("Vous ne recevrez plus de nouvelles de {brand} ici. Répondez START pour les réactiver."),
        (OutreachStopped, De) => same("Sie erhalten hier keine Neuigkeiten von {brand} mehr. Antworten Sie START, um sie wieder einzuschalten."),

        (AskIdentity, En) => pair(
            "I can check that for you. What's your order number and the e-mail address you used to order (or the postcode it ships to)? For example: #1001 jane@example.com",
            "I can check that for you. What is your order number, and which e-mail address did you use to order (or the postcode it ships to)? For example: #1001 jane@example.com",
        ),
        (AskIdentity, Es) => pair(
            "Puedo comprobarlo. ¿Cuál es tu número de pedido y el e-mail con el que compraste (o el código postal de envío)? Por ejemplo: #1001 jane@example.com",
            "Puedo comprobarlo. ¿Cuál es su número de pedido y el e-mail con el que realizó la compra (o el código postal de envío)? Por ejemplo: #1001 jane@example.com",
        ),
        (AskIdentity, Fr) => same("Je peux vérifier. Quel est votre numéro de commande et l'adresse e-mail utilisée pour commander (ou le code postal de livraison) ? Par exemple : #1001 jane@example.com"),
        (AskIdentity, De) => same("Das kann ich prüfen. Wie lauten Ihre Bestellnummer und die E-Mail-Adresse, mit der Sie bestellt haben (oder die Postleitzahl der Lieferadresse)? Zum Beispiel: #1001 jane@example.com"),

        (AskEmail, En) => pair(
            "Thanks! And the e-mail address you used for order {order} (or the postcode it ships to)?",
            "Thank you. Which e-mail address did you use for order {order} (or which postcode does it ship to)?",
        ),
        (AskEmail, Es) => pair(
            "¡Gracias! ¿Y el e-mail que usaste para el pedido {order} (o el código postal de envío)?",
            "Gracias. ¿Con qué e-mail realizó el pedido {order} (o cuál es el código postal de envío)?",
        ),
        (AskEmail, Fr) => pair(
            "Merci ! Et l'adresse e-mail utilisée pour la commande {order} (ou le code postal de livraison) ?",
            "Merci. Quelle adresse e-mail avez-vous utilisée pour la commande {order} (ou quel est le code postal de livraison) ?",
        ),
        (AskEmail, De) => pair(
            "Danke! Und die E-Mail-Adresse, die Sie für Bestellung {order} verwendet haben (oder die Postleitzahl der Lieferadresse)?",
            "Vielen Dank. Welche E-Mail-Adresse haben Sie für Bestellung {order} verwendet (oder wie lautet die Postleitzahl der Lieferadresse)?",
        ),

        (AskOrderNumber, En) => pair(
            "Thanks! What's the order number? It's in your confirmation e-mail, e.g. #1001.",
            "Thank you. What is the order number? It is in your confirmation e-mail, e.g. #1001.",
        ),
        (AskOrderNumber, Es) => pair(
            "¡Gracias! ¿Cuál es el número de pedido? Está en tu e-mail de confirmación, p. ej. #1001.",
            "Gracias. ¿Cuál es el número de pedido? Figura en su e-mail de confirmación, p. ej. #1001.",
        ),
        (AskOrderNumber, Fr) => pair(
            "Merci ! Quel est le numéro de commande ? Il figure dans votre e-mail de confirmation, par ex. #1001.",
            "Merci. Quel est le numéro de commande ? Il figure dans votre e-mail de confirmation, par ex. #1001.",
        ),
        (AskOrderNumber, De) => pair(
            "Danke! Wie lautet die Bestellnummer? Sie steht in Ihrer Bestätigungs-E-Mail, z. B. #1001.",
            "Vielen Dank. Wie lautet die Bestellnummer? Sie steht in Ihrer Bestätigungs-E-Mail, z. B. #1001.",
        ),

        (Greeting, En) => pair(
            "Hi! I'm {brand}'s assistant. I can tell you where your order is: just ask.",
            "Hello. I am {brand}'s assistant and can tell you where your order is. How may I help you?",
        ),
        (Greeting, Es) => pair(
            "¡Hola! Soy el asistente de {brand}. Puedo decirte dónde está tu pedido: pregúntame.",
            "Hola. Soy el asistente de {brand}. Puedo indicarle dónde está su pedido. ¿En qué puedo ayudarle?",
        ),
        (Greeting, Fr) => pair(
            "Bonjour ! Je suis l'assistant de {brand}. Je peux vous dire où en est votre commande : demandez-moi.",
            "Bonjour. Je suis l'assistant de {brand}. Je peux vous indiquer où en est votre commande. Que puis-je faire pour vous ?",
        ),
        (Greeting, De) => pair(
            "Hallo! Ich bin der Assistent von {brand}. Ich kann Ihnen sagen, wo Ihre Bestellung ist: fragen Sie einfach.",
            "Guten Tag. Ich bin der Assistent von {brand}. Ich kann Ihnen sagen, wo Ihre Bestellung ist. Wie kann ich Ihnen helfen?",
        ),

        (WhichOrder, En) => pair(
            "Which one shall I check: {choices}?",
            "Which order would you like me to check: {choices}?",
        ),
        (WhichOrder, Es) => pair(
            "¿Cuál reviso: {choices}?",
            "¿Qué pedido desea que revise: {choices}?",
        ),
        (WhichOrder, Fr) => same("Quelle commande dois-je vérifier : {choices} ?"),
        (WhichOrder, De) => same("Welche Bestellung soll ich prüfen: {choices}?"),
        (OrderedOn, En) => same("the {item} ordered {date}"),
        (OrderedOn, Es) => same("el pedido de {item} del {date}"),
        (OrderedOn, Fr) => same("la commande {item} du {date}"),
        (OrderedOn, De) => same("die Bestellung {item} vom {date}"),

        (Welcome, En) => pair(
            "Hi! I can tell you where your order is and when it will arrive. What can I help with?",
            "Hello. I can tell you where your order is and when it will arrive. How may I help you?",
        ),
        (Welcome, Es) => pair(
            "¡Hola! Puedo decirte dónde está tu pedido y cuándo llegará. ¿En qué te ayudo?",
            "Hola. Puedo indicarle dónde está su pedido y cuándo llegará. ¿En qué puedo ayudarle?",
        ),
        (Welcome, Fr) => pair(
            "Bonjour ! Je peux vous dire où en est votre commande et quand elle arrivera. Que puis-je faire pour vous ?",
            "Bonjour. Je peux vous indiquer où en est votre commande et quand elle arrivera. Que puis-je faire pour vous ?",
        ),
        (Welcome, De) => pair(
            "Hallo! Ich kann Ihnen sagen, wo Ihre Bestellung ist und wann sie ankommt. Wobei kann ich helfen?",
            "Guten Tag. Ich kann Ihnen sagen, wo Ihre Bestellung ist und wann sie ankommt. Wie kann ich Ihnen helfen?",
        ),

        (Checking, En) => same("Checking your order…"),
        (Checking, Es) => pair("Estoy revisando tu pedido…", "Estoy revisando su pedido…"),
        (Checking, Fr) => same("Je vérifie votre commande…"),
        (Checking, De) => same("Ich prüfe Ihre Bestellung…"),

        (VerifyFailed, En) => pair(
            "Sorry, I couldn't find an order with those details. Please check the order number and the e-mail address you used to order, and try again.",
            "We could not find an order with those details. Please check the order number and the e-mail address used for the order, and try again.",
        ),
        (VerifyFailed, Es) => pair(
            "Lo siento, no encuentro ningún pedido con esos datos. Revisa el número de pedido y el e-mail con el que compraste e inténtalo de nuevo.",
            "No encontramos ningún pedido con esos datos. Le rogamos que revise el número de pedido y el e-mail con el que realizó la compra y lo intente de nuevo.",
        ),
        (VerifyFailed, Fr) => pair(
            "Désolé, je ne trouve aucune commande avec ces informations. Vérifiez le numéro de commande et l'adresse e-mail utilisée pour commander, puis réessayez.",
            "Nous ne trouvons aucune commande correspondant à ces informations. Veuillez vérifier le numéro de commande et l'adresse e-mail utilisée pour la commande, puis réessayer.",
        ),
        (VerifyFailed, De) => pair(
            "Das tut mir leid, ich finde keine Bestellung mit diesen Angaben. Bitte prüfen Sie die Bestellnummer und die E-Mail-Adresse, mit der Sie bestellt haben, und versuchen Sie es noch einmal.",
            "Wir finden keine Bestellung mit diesen Angaben. Bitte prüfen Sie die Bestellnummer und die E-Mail-Adresse, mit der Sie bestellt haben, und versuchen Sie es erneut.",
        ),

        (TooManyAttempts, En) => same("There have been too many attempts just now. Please try again in a few minutes."),
        (TooManyAttempts, Es) => pair(
            "Ha habido demasiados intentos. Vuelve a intentarlo dentro de unos minutos.",
            "Ha habido demasiados intentos. Le rogamos que vuelva a intentarlo dentro de unos minutos.",
        ),
        (TooManyAttempts, Fr) => same("Il y a eu trop de tentatives. Veuillez réessayer dans quelques minutes."),
        (TooManyAttempts, De) => same("Es gab gerade zu viele Versuche. Bitte versuchen Sie es in einigen Minuten erneut."),

        (Offline, En) => pair(
            "I couldn't reach the shop just now. Please check your connection and send your message again: I've kept it.",
            "I could not reach the shop. Please check your connection and send your message again: it has been kept.",
        ),
        (Offline, Es) => pair(
            "No he podido contactar con la tienda. Revisa tu conexión y vuelve a enviar tu mensaje: lo he guardado.",
            "No he podido contactar con la tienda. Compruebe su conexión y vuelva a enviar su mensaje: lo hemos guardado.",
        ),
        (Offline, Fr) => pair(
            "Je n'arrive pas à joindre la boutique. Vérifiez votre connexion et renvoyez votre message : je l'ai gardé.",
            "Nous ne parvenons pas à joindre la boutique. Veuillez vérifier votre connexion et renvoyer votre message : il a été conservé.",
        ),
        (Offline, De) => same("Ich konnte den Shop gerade nicht erreichen. Bitte prüfen Sie Ihre Verbindung und senden Sie die Nachricht erneut; ich habe sie aufbewahrt."),

        (ActionFailed, En) => pair(
            "Sorry, I couldn't complete that just now. Please try again in a moment, or ask for a person.",
            "We could not complete this at the moment. Please try again shortly, or ask to speak to a person.",
        ),
        (ActionFailed, Es) => pair(
            "Lo siento, no he podido completarlo ahora. Inténtalo de nuevo en un momento o pide hablar con una persona.",
            "No hemos podido completarlo en este momento. Le rogamos que lo intente de nuevo en breve o que pida hablar con una persona.",
        ),
        (ActionFailed, Fr) => pair(
            "Désolé, je n'ai pas pu le faire pour l'instant. Réessayez dans un moment ou demandez à parler à une personne.",
            "Nous n'avons pas pu le faire pour l'instant. Veuillez réessayer dans un moment ou demander à parler à une personne.",
        ),
        (ActionFailed, De) => pair(
            "Das hat gerade leider nicht geklappt. Bitte versuchen Sie es gleich noch einmal oder fragen Sie nach einer Person.",
            "Dies konnte gerade nicht ausgeführt werden. Bitte versuchen Sie es in Kürze erneut oder bitten Sie um ein Gespräch mit einer Person.",
        ),

        (ActionRefused, En) => pair("Sorry, I couldn't do that: {why}", "We could not do this: {why}"),
        (ActionRefused, Es) => pair("Lo siento, no he podido hacerlo: {why}", "No hemos podido hacerlo: {why}"),
        (ActionRefused, Fr) => pair("Désolé, je n'ai pas pu le faire : {why}", "Nous n'avons pas pu le faire : {why}"),
        (ActionRefused, De) => pair("Das konnte ich leider nicht tun: {why}", "Dies war leider nicht möglich: {why}"),

        (Broken, En) => pair(
            "Sorry, something went wrong on our side while looking up your order. Please try again in a moment.",
            "We apologise: an error occurred on our side while looking up your order. Please try again shortly.",
        ),
        (Broken, Es) => pair(
            "Lo siento, algo ha fallado por nuestra parte al buscar tu pedido. Inténtalo de nuevo en un momento.",
            "Le pedimos disculpas: se ha producido un error por nuestra parte al buscar su pedido. Le rogamos que lo intente de nuevo en breve.",
        ),
        (Broken, Fr) => pair(
            "Désolé, un problème est survenu de notre côté en cherchant votre commande. Réessayez dans un moment.",
            "Veuillez nous excuser : une erreur est survenue de notre côté lors de la recherche de votre commande. Veuillez réessayer dans un moment.",
        ),
        (Broken, De) => pair(
            "Das tut mir leid, bei uns ist beim Suchen Ihrer Bestellung etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.",
            "Wir bedauern, dass beim Suchen Ihrer Bestellung bei uns ein Fehler aufgetreten ist. Bitte versuchen Sie es in Kürze erneut.",
        ),

        (Thanks, En) => pair(
            "You're welcome! Anything else I can help with?",
            "You are welcome. Is there anything else I can help you with?",
        ),
        (Thanks, Es) => pair(
            "¡De nada! ¿Puedo ayudarte en algo más?",
            "De nada. ¿Puedo ayudarle en algo más?",
        ),
        (Thanks, Fr) => pair(
            "Avec plaisir ! Puis-je vous aider pour autre chose ?",
            "Je vous en prie. Puis-je vous aider pour autre chose ?",
        ),
        (Thanks, De) => pair(
            "Gern geschehen! Kann ich sonst noch helfen?",
            "Gern geschehen. Kann ich Ihnen sonst noch behilflich sein?",
        ),

        (DeliveryTimeInfo, En) => same("Orders leave our warehouse within {days} business days; standard delivery then takes {min} to {max} business days."),
        (DeliveryTimeInfo, Es) => same("Los pedidos salen de nuestro almacén en {days} días hábiles; el envío estándar tarda después de {min} a {max} días hábiles."),
        (DeliveryTimeInfo, Fr) => same("Les commandes quittent notre entrepôt sous {days} jours ouvrés ; la livraison standard prend ensuite {min} à {max} jours ouvrés."),
        (DeliveryTimeInfo, De) => same("Bestellungen verlassen unser Lager innerhalb von {days} Werktagen; der Standardversand dauert dann {min} bis {max} Werktage."),

        (NotUnderstood, En) => pair(
            "I'm not sure I understood. I can tell you where your order is, when it will arrive, and help when a delivery goes wrong, or I can pass you to a person.",
            "I am not sure I have understood. I can tell you where your order is and when it will arrive, help if a delivery goes wrong, or put you in touch with a member of our team.",
        ),
        (NotUnderstood, Es) => pair(
            "No estoy seguro de haberte entendido. Puedo decirte dónde está tu pedido y cuándo llegará, ayudarte si algo falla con la entrega, o pasarte con una persona.",
            "No estoy seguro de haberle entendido. Puedo indicarle dónde está su pedido y cuándo llegará, ayudarle si algo falla con la entrega o ponerle en contacto con una persona de nuestro equipo.",
        ),
        (NotUnderstood, Fr) => pair(
            "Je ne suis pas sûr d'avoir compris. Je peux vous dire où est votre commande et quand elle arrivera, vous aider si une livraison se passe mal, ou vous passer une personne.",
            "Je ne suis pas sûr d'avoir compris. Je peux vous indiquer où est votre commande et quand elle arrivera, vous aider si une livraison se passe mal, ou vous mettre en relation avec un membre de notre équipe.",
        ),
        (NotUnderstood, De) => same("Ich bin nicht sicher, ob ich das verstanden habe. Ich kann Ihnen sagen, wo Ihre Bestellung ist und wann sie ankommt, bei Lieferproblemen helfen oder Sie an eine Person weitergeben."),

        (HandoffAsked, En) => pair(
            "Of course. I'm passing you to a person on our team with your order details, so you won't have to repeat yourself.",
            "Certainly. I am passing you to a member of our team with your order details, so you will not have to repeat yourself.",
        ),
        (HandoffAsked, Es) => pair(
            "Por supuesto. Te paso con una persona de nuestro equipo junto con los datos de tu pedido, para que no tengas que repetirlo.",
            "Por supuesto. Le paso con una persona de nuestro equipo junto con los datos de su pedido, para que no tenga que repetirlo.",
        ),
        (HandoffAsked, Fr) => pair(
            "Bien sûr. Je vous passe une personne de notre équipe avec les détails de votre commande, pour que vous n'ayez pas à tout répéter.",
            "Certainement. Je vous mets en relation avec un membre de notre équipe en lui transmettant les détails de votre commande, pour que vous n'ayez pas à tout répéter.",
        ),
        (HandoffAsked, De) => pair(
            "Natürlich. Ich gebe Sie mit Ihren Bestelldaten an eine Person aus unserem Team weiter, damit Sie nichts wiederholen müssen.",
            "Selbstverständlich. Ich leite Sie mit Ihren Bestelldaten an eine Person aus unserem Team weiter, damit Sie nichts wiederholen müssen.",
        ),

        (HandoffAskedAnon, En) => pair(
            "Of course. I'm passing you to a person on our team; they'll reply here as soon as they can.",
            "Certainly. I am passing you to a member of our team, who will reply here as soon as possible.",
        ),
        (HandoffAskedAnon, Es) => pair(
            "Por supuesto. Te paso con una persona de nuestro equipo; te responderá aquí lo antes posible.",
            "Por supuesto. Le paso con una persona de nuestro equipo; le responderá aquí lo antes posible.",
        ),
        (HandoffAskedAnon, Fr) => pair(
            "Bien sûr. Je vous passe une personne de notre équipe ; elle vous répondra ici dès que possible.",
            "Certainement. Je vous mets en relation avec un membre de notre équipe ; il vous répondra ici dès que possible.",
        ),
        (HandoffAskedAnon, De) => pair(
            "Natürlich. Ich gebe Sie an eine Person aus unserem Team weiter; sie antwortet Ihnen hier so bald wie möglich.",
            "Selbstverständlich. Ich leite Sie an eine Person aus unserem Team weiter; sie antwortet Ihnen hier so bald wie möglich.",
        ),

        (Verifying, En) => pair(
            "Thanks! Let me look up order {order}…",
            "Thank you. I am looking up order {order}…",
        ),
        (Verifying, Es) => pair(
            "¡Gracias! Voy a buscar el pedido {order}…",
            "Gracias. Voy a buscar el pedido {order}…",
        ),
        (Verifying, Fr) => pair(
            "Merci ! Je recherche la commande {order}…",
            "Merci. Je recherche la commande {order}…",
        ),
        (Verifying, De) => pair(
            "Danke! Ich sehe mir Bestellung {order} an…",
            "Vielen Dank. Ich sehe mir Bestellung {order} an…",
        ),

        (CancelNeedsPerson, En) => pair(
            "Order {order} is past the time for self-service cancellation, so I've passed your request to our team; they'll check whether it can still be stopped.",
            "Order {order} is past the time for self-service cancellation, so I have passed your request to our team; they will check whether it can still be stopped.",
        ),
        (CancelNeedsPerson, Es) => pair(
            "El pedido {order} ya superó el plazo de cancelación automática, así que he pasado tu solicitud al equipo; comprobarán si todavía se puede detener.",
            "El pedido {order} ya superó el plazo de cancelación automática, por lo que he trasladado su solicitud al equipo; comprobarán si todavía se puede detener.",
        ),
        (CancelNeedsPerson, Fr) => same("La commande {order} a dépassé le délai d'annulation en libre-service ; j'ai transmis votre demande à l'équipe, qui vérifiera si elle peut encore être arrêtée."),
        (CancelNeedsPerson, De) => same("Bestellung {order} kann nicht mehr selbst storniert werden, daher habe ich Ihre Anfrage an unser Team weitergegeben; es prüft, ob sie sich noch stoppen lässt."),

        (HandoffProblem, En) => pair(
            "I've passed this to our team with everything above; a person will get back to you here.",
            "I have passed this to our team with all of the above; a member of the team will reply to you here.",
        ),
        (HandoffProblem, Es) => pair(
            "Se lo he pasado a nuestro equipo con todo lo anterior; una persona te responderá aquí.",
            "He trasladado esto a nuestro equipo con toda la información anterior; una persona le responderá aquí.",
        ),
        (HandoffProblem, Fr) => same("J'ai transmis cela à notre équipe avec tout ce qui précède ; une personne vous répondra ici."),
        (HandoffProblem, De) => same("Ich habe das mit allen Angaben an unser Team weitergegeben; eine Person meldet sich hier bei Ihnen."),

        (HandoffLimit, En) => pair(
            "I don't seem to be helping, so I'm passing you to a person on our team with our conversation so far.",
            "I do not seem to be able to help, so I am passing you to a member of our team with our conversation so far.",
        ),
        (HandoffLimit, Es) => pair(
            "Parece que no te estoy ayudando, así que te paso con una persona de nuestro equipo junto con nuestra conversación.",
            "Parece que no le estoy ayudando, por lo que le paso con una persona de nuestro equipo junto con nuestra conversación.",
        ),
        (HandoffLimit, Fr) => pair(
            "Je ne semble pas vous aider, je vous passe donc une personne de notre équipe avec notre conversation.",
            "Je ne parviens pas à vous aider ; je vous mets donc en relation avec un membre de notre équipe en lui transmettant notre conversation.",
        ),
        (HandoffLimit, De) => same("Ich scheine Ihnen nicht weiterzuhelfen, daher gebe ich Sie mit unserem bisherigen Gespräch an eine Person aus unserem Team weiter."),

        (OfferChoices, En) => same("What would you prefer: {choices}?"),
        (OfferChoices, Es) => pair(
            "¿Qué prefieres: {choices}?",
            "¿Qué prefiere: {choices}?",
        ),
        (OfferChoices, Fr) => same("Que préférez-vous : {choices} ?"),
        (OfferChoices, De) => same("Was wäre Ihnen lieber: {choices}?"),

        (OfferPerson, En) => pair(
            "Would you like me to pass you to a person on our team?",
            "Would you like me to put you in touch with a member of our team?",
        ),
        (OfferPerson, Es) => pair(
            "¿Quieres que te pase con una persona de nuestro equipo?",
            "¿Desea que le pase con una persona de nuestro equipo?",
        ),
        (OfferPerson, Fr) => pair(
            "Voulez-vous que je vous passe une personne de notre équipe ?",
            "Souhaitez-vous que je vous mette en relation avec un membre de notre équipe ?",
        ),
        (OfferPerson, De) => same("Möchten Sie, dass ich Sie an eine Person aus unserem Team weitergebe?"),

        (ConfirmReship, En) => pair(
            "To confirm: we send the items of order {order} again, free of charge. Shall I go ahead? (yes / no)",
            "To confirm: we send the items of order {order} again, free of charge. Shall I proceed? (yes / no)",
        ),
        (ConfirmReship, Es) => pair(
            "Para confirmar: te enviamos de nuevo los artículos del pedido {order}, sin coste. ¿Lo hago? (sí / no)",
            "Para confirmar: le enviamos de nuevo los artículos del pedido {order}, sin coste. ¿Desea que proceda? (sí / no)",
        ),
        (ConfirmReship, Fr) => pair(
            "Pour confirmer : nous renvoyons gratuitement les articles de la commande {order}. Je lance l'envoi ? (oui / non)",
            "Pour confirmer : nous renvoyons gratuitement les articles de la commande {order}. Souhaitez-vous que je procède ? (oui / non)",
        ),
        (ConfirmReship, De) => same("Zur Bestätigung: Wir schicken die Artikel der Bestellung {order} kostenlos erneut. Soll ich das veranlassen? (ja / nein)"),

        (ConfirmExpeditedReship, En) => pair(
            "To confirm: we send the items of order {order} again by express, free of charge. Shall I go ahead? (yes / no)",
            "To confirm: we send the items of order {order} again by express, free of charge. Shall I proceed? (yes / no)",
        ),
        (ConfirmExpeditedReship, Es) => pair(
            "Para confirmar: te enviamos de nuevo los artículos del pedido {order} por envío urgente, sin coste. ¿Lo hago? (sí / no)",
            "Para confirmar: le enviamos de nuevo los artículos del pedido {order} por envío urgente, sin coste. ¿Desea que proceda? (sí / no)",
        ),
        (ConfirmExpeditedReship, Fr) => pair(
            "Pour confirmer : nous renvoyons gratuitement les articles de la commande {order} en express. Je lance l'envoi ? (oui / non)",
            "Pour confirmer : nous renvoyons gratuitement les articles de la commande {order} en express. Souhaitez-vous que je procède ? (oui / non)",
        ),
        (ConfirmExpeditedReship, De) => same("Zur Bestätigung: Wir schicken die Artikel der Bestellung {order} kostenlos per Express erneut. Soll ich das veranlassen? (ja / nein)"),

        (ConfirmRefund, En) => pair(
            "To confirm: we refund {amount} for order {order} to your original payment method. Shall I go ahead? (yes / no)",
            "To confirm: we refund {amount} for order {order} to your original payment method. Shall I proceed? (yes / no)",
        ),
        (ConfirmRefund, Es) => pair(
            "Para confirmar: te reembolsamos {amount} del pedido {order} en tu método de pago original. ¿Lo hago? (sí / no)",
            "Para confirmar: le reembolsamos {amount} del pedido {order} en su método de pago original. ¿Desea que proceda? (sí / no)",
        ),
        (ConfirmRefund, Fr) => pair(
            "Pour confirmer : nous remboursons {amount} pour la commande {order} sur votre moyen de paiement d'origine. Je lance le remboursement ? (oui / non)",
            "Pour confirmer : nous remboursons {amount} pour la commande {order} sur votre moyen de paiement d'origine. Souhaitez-vous que je procède ? (oui / non)",
        ),
        (ConfirmRefund, De) => same("Zur Bestätigung: Wir erstatten {amount} für Bestellung {order} auf Ihre ursprüngliche Zahlungsart. Soll ich das veranlassen? (ja / nein)"),

        (ConfirmStoreCredit, En) => pair(
            "To confirm: we give you {amount} in store credit for order {order}. Shall I go ahead? (yes / no)",
            "To confirm: we give you {amount} in store credit for order {order}. Shall I proceed? (yes / no)",
        ),
        (ConfirmStoreCredit, Es) => pair(
            "Para confirmar: te damos {amount} en saldo de tienda por el pedido {order}. ¿Lo hago? (sí / no)",
            "Para confirmar: le abonamos {amount} en saldo de tienda por el pedido {order}. ¿Desea que proceda? (sí / no)",
        ),
        (ConfirmStoreCredit, Fr) => pair(
            "Pour confirmer : nous vous accordons {amount} en avoir pour la commande {order}. Je valide ? (oui / non)",
            "Pour confirmer : nous vous accordons {amount} en avoir pour la commande {order}. Souhaitez-vous que je procède ? (oui / non)",
        ),
        (ConfirmStoreCredit, De) => same("Zur Bestätigung: Sie erhalten {amount} als Guthaben für Bestellung {order}. Soll ich das veranlassen? (ja / nein)"),

        (ConfirmCancel, En) => pair(
            "To confirm: cancel order {order} and refund it in full. Shall I go ahead? (yes / no)",
            "To confirm: cancel order {order} and refund it in full. Shall I proceed? (yes / no)",
        ),
        (ConfirmCancel, Es) => pair(
            "Para confirmar: cancelar el pedido {order} y reembolsarlo por completo. ¿Lo hago? (sí / no)",
            "Para confirmar: cancelar el pedido {order} y reembolsarlo por completo. ¿Desea que proceda? (sí / no)",
        ),
        (ConfirmCancel, Fr) => pair(
            "Pour confirmer : annuler la commande {order} et la rembourser intégralement. Je valide ? (oui / non)",
            "Pour confirmer : annuler la commande {order} et la rembourser intégralement. Souhaitez-vous que je procède ? (oui / non)",
        ),
        (ConfirmCancel, De) => same("Zur Bestätigung: Bestellung {order} stornieren und vollständig erstatten. Soll ich das veranlassen? (ja / nein)"),

        (ConfirmAddress, En) => pair(
            "To confirm: change the delivery address of order {order} to \"{address}\". Shall I go ahead? (yes / no)",
            "To confirm: change the delivery address of order {order} to \"{address}\". Shall I proceed? (yes / no)",
        ),
        (ConfirmAddress, Es) => pair(
            "Para confirmar: cambiar la dirección de entrega del pedido {order} a \"{address}\". ¿Lo hago? (sí / no)",
            "Para confirmar: cambiar la dirección de entrega del pedido {order} a \"{address}\". ¿Desea que proceda? (sí / no)",
        ),
        (ConfirmAddress, Fr) => pair(
            "Pour confirmer : changer l'adresse de livraison de la commande {order} en « {address} ». Je valide ? (oui / non)",
            "Pour confirmer : changer l'adresse de livraison de la commande {order} en « {address} ». Souhaitez-vous que je procède ? (oui / non)",
        ),
        (ConfirmAddress, De) => same("Zur Bestätigung: Lieferadresse von Bestellung {order} ändern in „{address}“. Soll ich das veranlassen? (ja / nein)"),

        (ConfirmRedirect, En) => pair(
            "To confirm: ask {carrier} to redirect parcel {tracking}. The carrier decides whether it can, and may charge a fee. Shall I go ahead? (yes / no)",
            "To confirm: ask {carrier} to redirect parcel {tracking}. The carrier decides whether this is possible and may charge a fee. Shall I proceed? (yes / no)",
        ),
        (ConfirmRedirect, Es) => pair(
            "Para confirmar: pedir a {carrier} que desvíe el paquete {tracking}. El transportista decide si es posible y puede cobrar una tarifa. ¿Lo hago? (sí / no)",
            "Para confirmar: pedir a {carrier} que desvíe el paquete {tracking}. El transportista decide si es posible y puede cobrar una tarifa. ¿Desea que proceda? (sí / no)",
        ),
        (ConfirmRedirect, Fr) => pair(
            "Pour confirmer : demander à {carrier} de réacheminer le colis {tracking}. Le transporteur décide si c'est possible et peut facturer des frais. Je fais la demande ? (oui / non)",
            "Pour confirmer : demander à {carrier} de réacheminer le colis {tracking}. Le transporteur décide si c'est possible et peut facturer des frais. Souhaitez-vous que je procède ? (oui / non)",
        ),
        (ConfirmRedirect, De) => same("Zur Bestätigung: {carrier} bitten, Paket {tracking} umzuleiten. Der Versanddienst entscheidet, ob das geht, und kann eine Gebühr verlangen. Soll ich das veranlassen? (ja / nein)"),

        (Confirmed, En) => pair(
            "Done: I've asked our system to do that now. You'll get an e-mail confirmation shortly.",
            "I have asked our system to carry this out now. You will receive an e-mail confirmation shortly.",
        ),
        (Confirmed, Es) => pair(
            "Hecho: ya lo he solicitado. Recibirás una confirmación por e-mail en breve.",
            "Ya he tramitado su solicitud. Recibirá una confirmación por e-mail en breve.",
        ),
        (Confirmed, Fr) => pair(
            "C'est fait : la demande est lancée. Vous recevrez une confirmation par e-mail sous peu.",
            "Votre demande a bien été transmise. Vous recevrez une confirmation par e-mail sous peu.",
        ),
        (Confirmed, De) => pair(
            "Erledigt: Ich habe das gerade veranlasst. Sie erhalten in Kürze eine Bestätigung per E-Mail.",
            "Ich habe das soeben veranlasst. Sie erhalten in Kürze eine Bestätigung per E-Mail.",
        ),

        (NeedsApproval, En) => pair(
            "Thanks. This needs a quick check by a person on our team; they'll confirm it here shortly.",
            "Thank you. This needs a brief check by a member of our team, who will confirm it here shortly.",
        ),
        (NeedsApproval, Es) => pair(
            "Gracias. Esto necesita una revisión rápida de una persona de nuestro equipo; te lo confirmará aquí en breve.",
            "Gracias. Esto necesita una revisión rápida de una persona de nuestro equipo; se lo confirmará aquí en breve.",
        ),
        (NeedsApproval, Fr) => same("Merci. Cela nécessite une vérification rapide par une personne de notre équipe ; elle vous confirmera ici sous peu."),
        (NeedsApproval, De) => pair(
            "Danke. Das muss kurz von einer Person aus unserem Team geprüft werden; sie bestätigt es Ihnen hier in Kürze.",
            "Vielen Dank. Das muss kurz von einer Person aus unserem Team geprüft werden; sie bestätigt es Ihnen hier in Kürze.",
        ),

        (Declined, En) => pair(
            "Okay, I won't do that. Is there anything else I can help with?",
            "Very well, I will not proceed. Is there anything else I can help you with?",
        ),
        (Declined, Es) => pair(
            "De acuerdo, no lo haré. ¿Puedo ayudarte en algo más?",
            "De acuerdo, no lo haré. ¿Puedo ayudarle en algo más?",
        ),
        (Declined, Fr) => pair(
            "D'accord, je ne le fais pas. Puis-je vous aider pour autre chose ?",
            "Très bien, je n'y donne pas suite. Puis-je vous aider pour autre chose ?",
        ),
        (Declined, De) => pair(
            "In Ordnung, dann lasse ich das. Kann ich sonst noch helfen?",
            "Selbstverständlich, dann veranlasse ich nichts. Kann ich Ihnen sonst noch behilflich sein?",
        ),

        (CancelTooLate, En) => pair(
            "I can't cancel order {order} any more: it has already left our warehouse (or is being packed). Once it arrives you can return it for a refund.",
            "I am no longer able to cancel order {order}: it has already left our warehouse (or is being packed). Once it arrives, you can return it for a refund.",
        ),
        (CancelTooLate, Es) => pair(
            "Ya no puedo cancelar el pedido {order}: ya ha salido de nuestro almacén (o se está empaquetando). Cuando llegue, puedes devolverlo y te reembolsamos.",
            "Ya no puedo cancelar el pedido {order}: ya ha salido de nuestro almacén (o se está empaquetando). Cuando llegue, puede devolverlo y le reembolsaremos el importe.",
        ),
        (CancelTooLate, Fr) => same("Je ne peux plus annuler la commande {order} : elle a déjà quitté notre entrepôt (ou est en cours d'emballage). À réception, vous pourrez la retourner pour être remboursé."),
        (CancelTooLate, De) => same("Ich kann Bestellung {order} nicht mehr stornieren: Sie hat unser Lager bereits verlassen (oder wird gerade gepackt). Nach Erhalt können Sie sie gegen Erstattung zurückschicken."),

        (AddressTooLate, En) => pair(
            "I can't change the address of order {order} in our warehouse any more: it has already been picked or shipped.",
            "I am no longer able to change the address of order {order} in our warehouse: it has already been picked or shipped.",
        ),
        (AddressTooLate, Es) => same("Ya no puedo cambiar la dirección del pedido {order} en nuestro almacén: ya se ha preparado o enviado."),
        (AddressTooLate, Fr) => same("Je ne peux plus changer l'adresse de la commande {order} dans notre entrepôt : elle a déjà été préparée ou expédiée."),
        (AddressTooLate, De) => same("Ich kann die Adresse von Bestellung {order} in unserem Lager nicht mehr ändern: Sie wurde bereits kommissioniert oder verschickt."),

        (AddressRedirect, En) => pair(
            "What I can do is ask {carrier} to redirect the parcel.",
            "I can, however, ask {carrier} to redirect the parcel.",
        ),
        (AddressRedirect, Es) => same("Lo que sí puedo hacer es pedir a {carrier} que desvíe el paquete."),
        (AddressRedirect, Fr) => same("Je peux en revanche demander à {carrier} de réacheminer le colis."),
        (AddressRedirect, De) => same("Ich kann aber {carrier} bitten, das Paket umzuleiten."),

        (AskNewAddress, En) => pair(
            "I can change the address of order {order}: it hasn't been picked yet. What's the new full address?",
            "I can change the address of order {order}: it has not been picked yet. What is the new full address?",
        ),
        (AskNewAddress, Es) => same("Puedo cambiar la dirección del pedido {order}: aún no se ha preparado. ¿Cuál es la nueva dirección completa?"),
        (AskNewAddress, Fr) => same("Je peux changer l'adresse de la commande {order} : elle n'a pas encore été préparée. Quelle est la nouvelle adresse complète ?"),
        (AskNewAddress, De) => same("Ich kann die Adresse von Bestellung {order} ändern: Sie wurde noch nicht kommissioniert. Wie lautet die neue vollständige Adresse?"),

        (WaitForDelivered, En) => pair(
            "Parcels marked delivered usually turn up within {hours} hours: check around the entrance, with neighbours and anyone at the address. I'll check back with you on {date}, and if it still hasn't turned up we'll open a claim.",
            "Parcels marked as delivered usually turn up within {hours} hours: please check around the entrance, with neighbours and with anyone at the address. I will contact you again on {date}, and if it has still not turned up, we will open a claim.",
        ),
        (WaitForDelivered, Es) => pair(
            "Los paquetes marcados como entregados suelen aparecer en {hours} horas: revisa la entrada, pregunta a los vecinos y a quien viva contigo. Te escribiré el {date} y, si sigue sin aparecer, abriremos una reclamación.",
            "Los paquetes marcados como entregados suelen aparecer en {hours} horas: revise la entrada y pregunte a los vecinos y a quien viva con usted. Le escribiré el {date} y, si sigue sin aparecer, abriremos una reclamación.",
        ),
        (WaitForDelivered, Fr) => same("Les colis marqués livrés réapparaissent généralement sous {hours} heures : vérifiez autour de l'entrée, auprès des voisins et des personnes à l'adresse. Je reviens vers vous le {date} et, s'il n'est toujours pas là, nous ouvrirons une réclamation."),
        (WaitForDelivered, De) => same("Als zugestellt markierte Pakete tauchen meist innerhalb von {hours} Stunden auf: Schauen Sie rund um den Eingang, bei Nachbarn und fragen Sie Mitbewohner. Ich melde mich am {date} wieder, und wenn es dann noch fehlt, eröffnen wir einen Nachforschungsauftrag."),

        (ClaimOpened, En) => pair(
            "It's been long enough, so I'm opening a claim with {carrier} for the missing parcel.",
            "Enough time has now passed, so I am opening a claim with {carrier} for the missing parcel.",
        ),
        (ClaimOpened, Es) => same("Ya ha pasado suficiente tiempo, así que abro una reclamación con {carrier} por el paquete perdido."),
        (ClaimOpened, Fr) => same("Le délai est passé, j'ouvre donc une réclamation auprès de {carrier} pour le colis manquant."),
        (ClaimOpened, De) => same("Die Wartezeit ist vorbei, daher eröffne ich bei {carrier} einen Nachforschungsauftrag für das fehlende Paket."),

        (OtherOrder, En) => same("I can only discuss order {order} in this conversation, the one you verified. To ask about another order, start a new chat and verify it with its own number and e-mail."),
        (OtherOrder, Es) => pair(
            "En esta conversación solo puedo hablar del pedido {order}, el que verificaste. Para consultar otro pedido, abre un chat nuevo y verifícalo con su número y e-mail.",
            "En esta conversación solo puedo hablar del pedido {order}, el que usted verificó. Para consultar otro pedido, abra un chat nuevo y verifíquelo con su número y e-mail.",
        ),
        (OtherOrder, Fr) => same("Dans cette conversation, je ne peux parler que de la commande {order}, celle que vous avez vérifiée. Pour une autre commande, ouvrez une nouvelle discussion et vérifiez-la avec son numéro et son e-mail."),
        (OtherOrder, De) => same("In diesem Gespräch kann ich nur über Bestellung {order} sprechen, die Sie bestätigt haben. Für eine andere Bestellung starten Sie bitte einen neuen Chat und bestätigen sie mit ihrer Nummer und E-Mail."),

        (DeadlineYes, En) => same("Yes: it should arrive by {deadline} (expected {date})."),
        (DeadlineYes, Es) => same("Sí: debería llegar para el {deadline} (previsto el {date})."),
        (DeadlineYes, Fr) => same("Oui : elle devrait arriver d'ici le {deadline} (prévue le {date})."),
        (DeadlineYes, De) => same("Ja: Sie sollte bis {deadline} ankommen (erwartet am {date})."),

        (DeadlineAtRisk, En) => pair(
            "It's tight for {deadline}: it is expected within that window, but may not make it in time.",
            "Delivery by {deadline} is not certain: your order is expected within that window, but may not arrive in time.",
        ),
        (DeadlineAtRisk, Es) => pair(
            "Va justo para el {deadline}: está dentro del plazo previsto, pero puede que no llegue a tiempo.",
            "La entrega para el {deadline} no está garantizada: está dentro del plazo previsto, pero puede que no llegue a tiempo.",
        ),
        (DeadlineAtRisk, Fr) => pair(
            "C'est juste pour le {deadline} : c'est dans la fenêtre prévue, mais elle pourrait ne pas arriver à temps.",
            "La livraison d'ici le {deadline} n'est pas garantie : cette date est dans la fenêtre prévue, mais la commande pourrait arriver trop tard.",
        ),
        (DeadlineAtRisk, De) => pair(
            "Für {deadline} wird es knapp: Es liegt im erwarteten Zeitraum, kann aber zu spät kommen.",
            "Eine Zustellung bis {deadline} ist nicht gesichert: Der Termin liegt im erwarteten Zeitraum, die Sendung kann aber zu spät kommen.",
        ),

        (DeadlineNo, En) => pair(
            "I'm sorry, it's unlikely to arrive by {deadline}: the earliest expected delivery is {date}.",
            "We regret that it is unlikely to arrive by {deadline}: the earliest expected delivery is {date}.",
        ),
        (DeadlineNo, Es) => pair(
            "Lo siento, es poco probable que llegue para el {deadline}: la entrega prevista más temprana es el {date}.",
            "Lamentablemente, es poco probable que llegue para el {deadline}: la entrega prevista más temprana es el {date}.",
        ),
        (DeadlineNo, Fr) => pair(
            "Désolé, il est peu probable qu'elle arrive d'ici le {deadline} : la livraison la plus tôt est prévue le {date}.",
            "Malheureusement, il est peu probable qu'elle arrive d'ici le {deadline} : la livraison la plus tôt est prévue le {date}.",
        ),
        (DeadlineNo, De) => pair(
            "Das tut mir leid, bis {deadline} wird sie wahrscheinlich nicht ankommen: Die früheste erwartete Zustellung ist am {date}.",
            "Leider wird sie bis {deadline} wahrscheinlich nicht ankommen: Die früheste erwartete Zustellung ist am {date}.",
        ),

        (DeadlineUnsure, En) => pair(
            "I can't promise it for {deadline}: there's no reliable delivery estimate right now.",
            "I cannot promise it for {deadline}: there is no reliable delivery estimate at present.",
        ),
        (DeadlineUnsure, Es) => pair(
            "No puedo prometértelo para el {deadline}: ahora mismo no hay una estimación de entrega fiable.",
            "No puedo prometérselo para el {deadline}: ahora mismo no hay una estimación de entrega fiable.",
        ),
        (DeadlineUnsure, Fr) => same("Je ne peux pas vous le promettre pour le {deadline} : il n'y a pas d'estimation de livraison fiable pour l'instant."),
        (DeadlineUnsure, De) => same("Für {deadline} kann ich es nicht versprechen: Es gibt gerade keine verlässliche Zustellprognose."),


        (Apology, En) => pair(
            "We're sorry this one is not going smoothly.",
            "We apologise for the inconvenience with this order.",
        ),
        (Apology, Es) => pair(
            "Sentimos que este pedido no esté yendo bien.",
            "Lamentamos las molestias que le está causando este pedido.",
        ),
        (Apology, Fr) => pair(
            "Nous sommes désolés que cette commande ne se passe pas comme prévu.",
            "Nous vous prions de nous excuser pour la gêne occasionnée par cette commande.",
        ),
        (Apology, De) => pair(
            "Es tut uns leid, dass es mit dieser Bestellung nicht rund läuft.",
            "Bitte entschuldigen Sie die Unannehmlichkeiten mit dieser Bestellung.",
        ),

        (Upsell, En) => pair(
            "While you wait, you might like:",
            "While you wait, you may be interested in:",
        ),
        (Upsell, Es) => pair(
            "Mientras esperas, quizá te guste:",
            "Mientras espera, quizá le interese:",
        ),
        (Upsell, Fr) => same("En attendant, ceci pourrait vous plaire :"),
        (Upsell, De) => same("Das könnte Ihnen auch gefallen:"),

        (WaitChosen, En) => pair(
            "Okay, we'll wait. I'll keep an eye on it and let you know as soon as anything changes.",
            "Very well, we will wait. I will monitor it and inform you as soon as anything changes.",
        ),
        (WaitChosen, Es) => pair(
            "De acuerdo, esperamos. Lo vigilaré y te avisaré en cuanto haya novedades.",
            "De acuerdo, esperamos. Lo seguiré de cerca y le avisaré en cuanto haya novedades.",
        ),
        (WaitChosen, Fr) => pair(
            "D'accord, nous attendons. Je la surveille et vous préviens dès qu'il y a du nouveau.",
            "Très bien, nous attendons. Je continue de la suivre et vous préviendrai dès qu'il y aura du nouveau.",
        ),
        (WaitChosen, De) => pair(
            "In Ordnung, wir warten. Ich behalte sie im Blick und melde mich, sobald sich etwas tut.",
            "Sehr gern, wir warten ab. Ich verfolge die Sendung und melde mich, sobald sich etwas ändert.",
        ),

        (ReturnInfo, En) => pair(
            "You can return items of order {order} once they've arrived; I've passed your request to our team, who'll send you the return instructions.",
            "You can return items of order {order} once they have arrived; I have passed your request to our team, who will send you the return instructions.",
        ),
        (ReturnInfo, Es) => pair(
            "Puedes devolver artículos del pedido {order} una vez recibidos; he pasado tu solicitud al equipo, que te enviará las instrucciones de devolución.",
            "Puede devolver artículos del pedido {order} una vez recibidos; he trasladado su solicitud al equipo, que le enviará las instrucciones de devolución.",
        ),
        (ReturnInfo, Fr) => same("Vous pouvez retourner des articles de la commande {order} une fois reçus ; j'ai transmis votre demande à l'équipe, qui vous enverra les instructions de retour."),
        (ReturnInfo, De) => same("Sie können Artikel der Bestellung {order} nach Erhalt zurückschicken; ich habe Ihre Anfrage an das Team weitergegeben, das Ihnen die Rücksendeanleitung schickt."),

        (DamagedInfo, En) => pair(
            "I'm sorry your order {order} arrived damaged. I've passed it to our team with your order details; please reply with a photo of the damage and they'll sort out a replacement or refund.",
            "We apologise that your order {order} arrived damaged. I have passed it to our team with your order details; please reply with a photo of the damage and they will arrange a replacement or refund.",
        ),
        (DamagedInfo, Es) => pair(
            "Siento que tu pedido {order} llegara dañado. Lo he pasado al equipo con los datos del pedido; responde con una foto del daño y te gestionarán una reposición o un reembolso.",
            "Lamentamos que su pedido {order} llegara dañado. Lo he trasladado al equipo con los datos del pedido; responda con una foto del daño y el equipo gestionará una reposición o un reembolso.",
        ),
        (DamagedInfo, Fr) => pair(
            "Désolé que votre commande {order} soit arrivée endommagée. J'ai transmis le dossier à l'équipe ; répondez avec une photo des dégâts et elle organisera un remplacement ou un remboursement.",
            "Nous regrettons que votre commande {order} soit arrivée endommagée. J'ai transmis le dossier à l'équipe ; merci de répondre avec une photo des dégâts afin qu'elle organise un remplacement ou un remboursement.",
        ),
        (DamagedInfo, De) => pair(
            "Es tut mir leid, dass Ihre Bestellung {order} beschädigt ankam. Ich habe das mit Ihren Bestelldaten an das Team weitergegeben; antworten Sie bitte mit einem Foto des Schadens, dann kümmert es sich um Ersatz oder Erstattung.",
            "Wir bedauern, dass Ihre Bestellung {order} beschädigt ankam. Ich habe das mit Ihren Bestelldaten an das Team weitergegeben; bitte antworten Sie mit einem Foto des Schadens, dann kümmert sich das Team um Ersatz oder Erstattung.",
        ),

        (RefundInfo, En) => pair(
            "Refunds for order {order} are handled by our team once the items are back with us or the order is cancelled; I've passed your request on.",
            "Refunds for order {order} are handled by our team once the items are back with us or the order is cancelled; I have passed your request on.",
        ),
        (RefundInfo, Es) => pair(
            "Los reembolsos del pedido {order} los gestiona nuestro equipo cuando los artículos vuelven o el pedido se cancela; ya he pasado tu solicitud.",
            "Los reembolsos del pedido {order} los gestiona nuestro equipo cuando los artículos vuelven o el pedido se cancela; ya he trasladado su solicitud.",
        ),
        (RefundInfo, Fr) => same("Les remboursements de la commande {order} sont traités par notre équipe au retour des articles ou à l'annulation ; j'ai transmis votre demande."),
        (RefundInfo, De) => same("Erstattungen für Bestellung {order} bearbeitet unser Team, sobald die Artikel zurück sind oder die Bestellung storniert ist; ich habe Ihre Anfrage weitergegeben."),
    }
}

#[cfg(test)]
impl Key {
    /// Every key, for the tests that check each template in every language and tone.
    pub const ALL: &'static [Key] = &[
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
        Key::ShippedBeforeCancel,
        Key::OutreachIntro,
        Key::OutreachReply,
        Key::OutreachOption,
        Key::OutreachFollowUp,
        Key::OutreachStop,
        Key::OutreachSubject,
        Key::OutreachUnsubscribe,
        Key::OutreachStopped,
        Key::OutreachUnsubscribeLink,
        Key::OutreachEtaLater,
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
        Key::Welcome,
        Key::WhichOrder,
        Key::OrderedOn,
        Key::Checking,
        Key::VerifyFailed,
        Key::TooManyAttempts,
        Key::Offline,
        Key::ActionFailed,
        Key::ActionRefused,
        Key::Broken,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `{slots}` of a template, in the order they appear.
    fn slots(t: &str) -> Vec<&str> {
        t.match_indices('{')
            .map(|(i, _)| &t[i..i + t[i..].find('}').unwrap() + 1])
            .collect()
    }

    #[test]
    fn every_template_fills_its_slots_in_every_language_and_tone() {
        // A key's slots must be the same in every language and tone, or a wording silently drops
        // a fact.
        for key in Key::ALL {
            let set = |lang, tone| {
                let mut v = slots(template(lang, tone, *key));
                v.sort();
                v.dedup();
                // French and English write "ago" around a bare duration differently.
                v.retain(|s| *s != "{ago}" && *s != "{ago_bare}");
                v
            };
            let en = set(Lang::En, Tone::Friendly);
            for lang in Lang::ALL {
                for tone in [Tone::Friendly, Tone::Formal] {
                    assert_eq!(set(lang, tone), en, "{key:?} in {lang:?}, {tone:?}");
                }
            }
        }
    }

    #[test]
    fn the_formal_wording_states_the_same_facts_in_the_same_order() {
        for key in Key::ALL {
            for lang in Lang::ALL {
                let friendly = template(lang, Tone::Friendly, *key);
                let formal = template(lang, Tone::Formal, *key);
                assert_eq!(slots(formal), slots(friendly), "{key:?} in {lang:?}");
            }
        }
    }
}
