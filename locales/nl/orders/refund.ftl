refund-subject = Uw terugbetaling voor bestelling { $orderId }

refund-greeting = Lieve { $name },

refund-issued =
    Wij hebben uw retourzending van { $itemCount ->
        [one] één artikel
       *[other] { $itemCount } artikelen
    } ontvangen en € { NUMBER($refundAmount, minimumFractionDigits: 2) } terugbetaald voor uw bestelling { $orderId }.

refund-timing = Het bedrag wordt binnen 3 tot 5 werkdagen teruggestort via de betaalmethode die u voor uw bestelling heeft gebruikt. Afhankelijk van uw bank kan het enkele dagen langer duren voordat het op uw rekeningafschrift staat.

refund-status = U kunt de status van uw terugbetaling altijd bekijken onder <a data-l10n-name="orders-link">Mijn bestellingen</a>.

refund-helpful = Ik hoop dat ik u hiermee nuttige informatie heb kunnen geven.

refund-pleasure = Het was me een genoegen om je te helpen.

refund-feedback = Bedankt voor je geduld. Wilt u even de tijd nemen om <a href="{ $surveyUrl }">onze service te beoordelen</a>? Uw feedback helpt ons om het meest klantgerichte bedrijf ter wereld te zijn.

refund-closing = { footer-signature }
