survey-subject = Wie gefällt Ihnen Ihre Bestellung { $orderId }?

survey-greeting = Guten Tag { $name },

survey-intro = vor Kurzem haben Sie Ihre Bestellung { $orderId } von { -brand-name } erhalten. Wir würden gern erfahren, wie zufrieden Sie damit sind.

survey-invite = Würden Sie sich zwei Minuten Zeit nehmen, um <a href="{ $surveyUrl }">einige kurze Fragen zu beantworten</a>?

survey-button = Umfrage starten
    .title = Die Umfrage dauert etwa zwei Minuten

survey-privacy = Ihre Antworten sind anonym und werden ausschließlich zur Verbesserung unserer Produkte und unseres Service verwendet.

survey-reminder = Die Umfrage ist 14 Tage lang geöffnet.

survey-closing =
    Vielen Dank vorab für Ihre Zeit!
    { footer-signature }
