refund-subject = Votre remboursement pour la commande { $orderId }

refund-greeting = Bonjour { $name },

refund-issued =
    Nous avons bien reçu votre retour de { $itemCount ->
        [one] { $itemCount } article
        [many] { $itemCount } d'articles
       *[other] { $itemCount } articles
    } et vous avons remboursé { NUMBER($refundAmount, minimumFractionDigits: 2) } € pour votre commande { $orderId }.

refund-timing = Le montant sera crédité sous 3 à 5 jours ouvrés sur le moyen de paiement utilisé pour votre commande. Selon votre banque, quelques jours supplémentaires peuvent être nécessaires avant qu'il apparaisse sur votre relevé.

refund-status = Vous pouvez suivre l'état de votre remboursement à tout moment dans <a data-l10n-name="orders-link">Mes commandes</a>.

refund-helpful = J'espère que ces informations vous seront utiles.

refund-pleasure = Ce fut un plaisir de vous aider.

refund-feedback = Merci de votre patience. Pourriez-vous prendre un instant pour <a href="{ $surveyUrl }">évaluer notre service</a> ? Votre avis nous aide à devenir l'entreprise la plus orientée client au monde.

refund-closing = { footer-signature }
