//! The widget's own labels (buttons, headings and what screen readers announce) in the four
//! languages the core speaks, following the conversation's language like its messages do.

use leptos::prelude::*;
use wismo::carrier::Lang;

/// Every fixed label the widget shows or announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Labels {
    pub launcher: &'static str,
    pub dialog: &'static str,
    pub title: &'static str,
    pub subtitle: &'static str,
    pub new_chat: &'static str,
    pub close: &'static str,
    pub conversation: &'static str,
    pub suggested: &'static str,
    pub message: &'static str,
    pub placeholder: &'static str,
    pub send: &'static str,
    pub order: &'static str,
    pub items: &'static str,
    pub expected: &'static str,
    pub fewer: &'static str,
    /// "Show all {n} updates", with `{n}` for the count.
    pub all: &'static str,
    /// The order card's link to the order's tracking page.
    pub track: &'static str,
}

pub fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::En => Labels {
            launcher: "Chat with us",
            dialog: "Order help chat",
            title: "Order help",
            subtitle: "Where your order is, answered instantly.",
            new_chat: "New chat",
            close: "Close chat",
            conversation: "Conversation",
            suggested: "Suggested replies",
            message: "Your message",
            placeholder: "Ask about your order…",
            send: "Send",
            order: "Order",
            items: "Items",
            expected: "Expected delivery:",
            fewer: "Show fewer updates",
            all: "Show all {n} updates",
            track: "Follow it on the tracking page",
        },
        Lang::Es => Labels {
            launcher: "Chatea con nosotros",
            dialog: "Chat de ayuda con pedidos",
            title: "Ayuda con tu pedido",
            subtitle: "Dónde está tu pedido, al instante.",
            new_chat: "Nuevo chat",
            close: "Cerrar el chat",
            conversation: "Conversación",
            suggested: "Respuestas sugeridas",
            message: "Tu mensaje",
            placeholder: "Pregunta por tu pedido…",
            send: "Enviar",
            order: "Pedido",
            items: "Artículos",
            expected: "Entrega prevista:",
            fewer: "Ver menos novedades",
            all: "Ver las {n} novedades",
            track: "Síguelo en la página de seguimiento",
        },
        Lang::Fr => Labels {
            launcher: "Discuter avec nous",
            dialog: "Chat d'aide sur les commandes",
            title: "Aide commande",
            subtitle: "Où en est votre commande, tout de suite.",
            new_chat: "Nouvelle discussion",
            close: "Fermer le chat",
            conversation: "Conversation",
            suggested: "Réponses suggérées",
            message: "Votre message",
            placeholder: "Posez une question sur votre commande…",
            send: "Envoyer",
            order: "Commande",
            items: "Articles",
            expected: "Livraison prévue :",
            fewer: "Afficher moins d'étapes",
            all: "Afficher les {n} étapes",
            track: "Suivre sur la page de suivi",
        },
        Lang::De => Labels {
            launcher: "Chatten Sie mit uns",
            dialog: "Chat zur Bestellhilfe",
            title: "Hilfe zur Bestellung",
            subtitle: "Wo Ihre Bestellung ist, sofort beantwortet.",
            new_chat: "Neuer Chat",
            close: "Chat schließen",
            conversation: "Unterhaltung",
            suggested: "Antwortvorschläge",
            message: "Ihre Nachricht",
            placeholder: "Fragen Sie nach Ihrer Bestellung…",
            send: "Senden",
            order: "Bestellung",
            items: "Artikel",
            expected: "Voraussichtliche Zustellung:",
            fewer: "Weniger Updates anzeigen",
            all: "Alle {n} Updates anzeigen",
            track: "Auf der Sendungsseite verfolgen",
        },
    }
}

/// The labels in the conversation's current language, from the app's context.
pub fn current() -> impl Fn() -> Labels + Copy {
    let lang = use_context::<RwSignal<Lang>>();
    move || labels(lang.map_or(Lang::En, |l| l.get()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn every_language_has_its_own_labels_and_the_count_slot() {
        for lang in Lang::ALL {
            let l = labels(lang);
            assert!(l.all.contains("{n}"), "{lang:?}");
            if lang != Lang::En {
                assert_ne!(l.send, labels(Lang::En).send, "{lang:?}");
                assert_ne!(l.placeholder, labels(Lang::En).placeholder, "{lang:?}");
            }
        }
    }
}
