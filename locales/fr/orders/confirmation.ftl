confirmation-subject = Votre commande { $orderId } chez { -brand-name }

confirmation-greeting = Bonjour { $name },

confirmation-intro = Merci pour votre commande ! Nous avons bien reçu la commande { $orderId } et nous préparons son expédition.

confirmation-items =
    Votre commande contient { $itemCount ->
        [one] { $itemCount } article
        [many] { $itemCount } d'articles
       *[other] { $itemCount } articles
    } pour un montant total de { NUMBER($total, minimumFractionDigits: 2) } €, toutes taxes comprises.

confirmation-gift-wrap = Comme vous l'avez demandé, votre commande sera livrée dans un emballage cadeau.

confirmation-delivery = Votre commande devrait vous être livrée le { DATETIME($deliveryDate, dateStyle: "long") }. Dès que { $carrier } aura pris en charge votre colis, nous vous enverrons un e-mail avec un lien pour le suivre.

confirmation-button = Voir la commande
    .title = Voir le détail de la commande { $orderId } dans votre compte

confirmation-change = Vous souhaitez modifier quelque chose ? Tant que votre commande n'a pas été expédiée, vous pouvez la modifier ou l'annuler gratuitement depuis <a data-l10n-name="account-link">votre compte</a>.

confirmation-closing =
    { footer-help }
    { footer-signature }
