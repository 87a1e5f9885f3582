delivery-problem-subject = Probleem met de bezorging van uw bestelling { $orderId }

delivery-problem-greeting = Beste { $name },

delivery-problem-intro = Helaas is er iets misgegaan bij de bezorging van uw pakket.

delivery-problem-failed = Wij konden uw bestelling { $orderId } niet bezorgen.

delivery-problem-attempt = Onze bezorgpartner DHL_CONNECT heeft op { DATETIME($deliveryDate, dateStyle: "long") } geprobeerd het pakket te bezorgen, maar kon het niet afleveren.

delivery-problem-options = Kies op de <a href="{ $trackingUrl }">volgpagina</a> een nieuwe bezorgdatum of een afhaalpunt bij u in de buurt.

delivery-problem-button = Nieuwe bezorgdatum kiezen
    .aria-label = Kies een nieuwe bezorgdatum voor bestelling { $orderId }

delivery-problem-return = Als u niet binnen 7 dagen een nieuwe bezorgoptie kiest, wordt het pakket naar ons teruggestuurd en betalen wij het volledige bedrag van uw bestelling automatisch aan u terug.

delivery-problem-closing =
    { footer-help }
    { footer-signature }
