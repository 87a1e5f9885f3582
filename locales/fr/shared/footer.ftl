footer-help = Une question ? Répondez simplement à cet e-mail ou consultez notre <a href="https://www.tulipandco.example/fr/aide">centre d'aide</a>.

footer-signature =
    Cordialement,
    Le { -support-team }

footer-reason = Vous recevez cet e-mail car vous avez un compte ou une commande chez { -brand-name }.

footer-logo =
    .alt = Logo de { -brand-name }
