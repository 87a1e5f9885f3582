refund-subject = Ihre Erstattung für Bestellung { $orderId }

refund-greeting = Guten Tag { $name },

refund-issued =
    wir haben Ihre Rücksendung von { $itemCount ->
        [one] einem Artikel
       *[other] { $itemCount } Artikeln
    } erhalten und Ihnen { NUMBER($refundAmount, minimumFractionDigits: 2) } € für Ihre Bestellung { $orderId } erstattet.

refund-timing = Der Betrag wird innerhalb von 3 bis 5 Werktagen auf die Zahlungsart gutgeschrieben, die Sie für Ihre Bestellung verwendet haben. Je nach Bank kann es einige Tage länger dauern, bis er auf Ihrem Kontoauszug erscheint.

refund-status = Den Status Ihrer Erstattung können Sie jederzeit unter <a data-l10n-name="orders-link">Meine Bestellungen</a> einsehen.

refund-helpful = Ich hoffe, diese Informationen sind hilfreich für Sie.

refund-pleasure = Es war mir eine Freude, Ihnen zu helfen.

refund-feedback = Vielen Dank für Ihre Geduld. Würden Sie sich kurz Zeit nehmen, um <a href="{ $surveyUrl }">unseren Service zu bewerten</a>? Ihr Feedback hilft uns, das kundenorientierteste Unternehmen der Welt zu sein.

refund-closing = { footer-signature }
