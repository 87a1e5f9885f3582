footer-help = Haben Sie Fragen? Antworten Sie einfach auf diese E-Mail oder besuchen Sie unser <a href="https://www.tulipandco.example/de/hilfe">Hilfe-Center</a>.

footer-signature =
    Mit freundlichen Grüßen
    Ihr { -support-team }

footer-reason = Sie erhalten diese E-Mail, weil Sie ein Kundenkonto oder eine Bestellung bei { -brand-name } haben.

footer-logo =
    .alt = Logo von { -brand-name }
