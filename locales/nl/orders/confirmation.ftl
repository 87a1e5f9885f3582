confirmation-subject = Uw bestelling { $orderId } bij { -brand-name }

confirmation-greeting = Beste { $name },

confirmation-intro = Hartelijk dank voor uw bestelling! Wij hebben bestelling { $orderId } ontvangen en maken deze nu klaar voor verzending.

confirmation-items =
    Uw bestelling bevat { $itemCount ->
        [one] één artikel
       *[other] { $itemCount } artikelen
    } voor een totaalbedrag van € { NUMBER($total, minimumFractionDigits: 2) }, inclusief btw.

confirmation-delivery = Wij verwachten dat uw bestelling op { DATETIME($deliveryDate, dateStyle: "long") } wordt bezorgd. Zodra { $carrier } uw pakket heeft opgehaald, sturen wij u een e-mail met een link om het te volgen.

confirmation-button = Bekijk uw bestelling
    .title = Bekijk de details van bestelling { $orderId } in uw account

confirmation-change = Wilt u nog iets wijzigen? Zolang uw bestelling nog niet is verzonden, kunt u deze kosteloos wijzigen of annuleren in <a data-l10n-name="account-link">uw account</a>.

confirmation-closing =
    { footer-help }
    { footer-signature }
