delivery-problem-subject = Zustellproblem bei Ihrer Bestellung { $orderId }

delivery-problem-greeting = Guten Tag { $name },

delivery-problem-intro = bei der Zustellung Ihres Pakets ist ein Problem aufgetreten.

delivery-problem-failed = Wir konnten Ihre Bestellung leider nicht zustellen.

delivery-problem-attempt = Unser Versandpartner { $carrier } hat am { DATETIME($deliveryDate, dateStyle: "long") } versucht, das Paket zuzustellen, konnte es jedoch nicht übergeben.

delivery-problem-options = Bitte wählen Sie auf der <a href="{ $trackingUrl }">Sendungsverfolgungsseite</a> einen neuen Zustelltermin oder eine Abholstelle in Ihrer Nähe.

delivery-problem-button = Neuen Zustelltermin wählen
    .aria-label = Neuen Zustelltermin für Bestellung { $orderId } wählen

delivery-problem-return = Wenn Sie nicht innerhalb von 7 Tagen eine neue Zustelloption wählen, wird das Paket an uns zurückgeschickt und wir erstatten Ihnen automatisch den vollen Betrag Ihrer Bestellung.

delivery-problem-closing =
    { footer-help }
    { footer-signature }
