password-reset-subject = Réinitialisation de votre mot de passe { -brand-name }

password-reset-greeting = Bonjour { $name },

password-reset-intro = Nous avons reçu une demande de réinitialisation du mot de passe de votre compte { -brand-name }.

password-reset-action = Vous pouvez <a data-l10n-name="reset-link">définir un nouveau mot de passe ici</a>.

password-reset-expiry =
    Pour des raisons de sécurité, ce lien est valable { $expiryHours ->
        [one] { $expiryHours } heure
        [many] { $expiryHours } d'heures
       *[other] { $expiryHours } heures
    }.

password-reset-fallback = Si le lien ne fonctionne pas, copiez cette adresse dans votre navigateur : { $resetUrl }

password-reset-ignore = Vous n'avez pas demandé de nouveau mot de passe ? Dans ce cas, vous pouvez ignorer cet e-mail en toute sécurité. Votre mot de passe reste inchangé.

password-reset-closing =
    { footer-help }
    { footer-signature }
