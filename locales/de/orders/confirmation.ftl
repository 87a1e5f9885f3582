confirmation-subject = Ihre Bestellung { $orderId } bei { -brand-name }

confirmation-greeting = Guten Tag { $name },

confirmation-intro = vielen Dank für Ihre Bestellung! Wir haben die Bestellung { $orderId } erhalten und bereiten jetzt den Versand vor.

confirmation-items =
    Ihre Bestellung umfasst { $itemCount ->
        [one] einen Artikel
       *[other] { $itemCount } Artikel
    } im Gesamtwert von { NUMBER($total, minimumFractionDigits: 2) } € inkl. MwSt.

confirmation-delivery = Voraussichtlich erhalten Sie Ihre Bestellung am { DATETIME($deliveryDate, dateStyle: "long") }. Sobald { $carrier } Ihr Paket abgeholt hat, senden wir Ihnen eine E-Mail mit einem Link zur Sendungsverfolgung.

confirmation-button = Bestellung ansehen
    .title = Details der Bestellung { $orderId } in Ihrem Kundenkonto ansehen

confirmation-change = Möchten Sie noch etwas ändern? Solange Ihre Bestellung noch nicht versandt wurde, können Sie sie in <a data-l10n-name="account-link">Ihrem Kundenkonto</a> kostenlos ändern oder stornieren.

confirmation-closing =
    { footer-help }
    { footer-signature }
