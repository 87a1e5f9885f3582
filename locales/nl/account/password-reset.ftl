password-reset-subject = Uw wachtwoord voor { -brand-name } opnieuw instellen

password-reset-greeting = Beste { $name },

password-reset-intro = Wij hebben een verzoek ontvangen om het wachtwoord van uw account bij { -brand-name } opnieuw in te stellen.

password-reset-action = U kunt <a data-l10n-name="reset-link">hier een nieuw wachtwoord instellen</a>.

password-reset-expiry =
    Om veiligheidsredenen is deze link { $expiryHours ->
        [one] één uur
       *[other] { $expiryHours } uur
    } geldig.

password-reset-fallback = Werkt de link niet? Kopieer dan dit adres en plak het in uw browser: { $resetUrl }

password-reset-ignore = Heeft u geen nieuw wachtwoord aangevraagd? Dan kunt u deze e-mail gerust negeren. Uw wachtwoord blijft ongewijzigd.

password-reset-closing =
    { footer-help }
    { footer-signature }
