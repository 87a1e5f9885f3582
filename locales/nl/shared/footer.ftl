footer-help = Heeft u een vraag? Reageer dan op deze e-mail of bezoek ons <a href="https://www.tulipandco.example/nl/help">helpcentrum</a>.

footer-signature =
    Met vriendelijke groet,
    { -support-team }

footer-reason = U ontvangt deze e-mail omdat u een account of een bestelling heeft bij { -brand-name }.

footer-logo =
    .alt = Logo van { -brand-name }
