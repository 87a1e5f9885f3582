password-reset-subject = Ihr Passwort für { -brand-name } zurücksetzen

password-reset-greeting = Guten Tag { $name },

password-reset-intro = wir haben eine Anfrage erhalten, das Passwort für Ihr Kundenkonto bei { -brand-name } zurückzusetzen.

password-reset-action = Hier können Sie <a data-l10n-name="reset-link">ein neues Passwort festlegen</a>.

password-reset-expiry =
    Aus Sicherheitsgründen ist dieser Link { $expiryHours ->
        [one] eine Stunde
       *[other] { $expiryHours } Stunden
    } lang gültig.

password-reset-fallback = Falls der Link nicht funktioniert, kopieren Sie bitte diese Adresse in Ihren Browser: { $resetUrl }

password-reset-ignore = Sie haben kein neues Passwort angefordert? Dann können Sie diese E-Mail einfach ignorieren. Ihr Passwort bleibt unverändert.

password-reset-closing =
    { footer-help }
    { footer-signature }
