### Sent when a customer asks to reset their password.

password-reset-subject = Reset your { -brand-name } password

# Variables:
#   $name (String) - the customer's first name
password-reset-greeting = Hello { $name },

password-reset-intro = We have received a request to reset the password of your { -brand-name } account.

# "reset-link" is the link to the page where the customer sets a new password.
password-reset-action = You can <a data-l10n-name="reset-link">set a new password here</a>.

# Variables:
#   $expiryHours (Number) - how many hours the reset link stays valid, e.g. 24
password-reset-expiry =
    For your security, this link is valid for { $expiryHours ->
        [one] one hour
       *[other] { $expiryHours } hours
    }.

# Variables:
#   $resetUrl (String) - the same link as "reset-link", written out in full
password-reset-fallback = If the link does not work, copy this address into your browser: { $resetUrl }

password-reset-ignore = Did you not request a new password? Then you can safely ignore this email. Your password will stay the same.

password-reset-closing =
    { footer-help }
    { footer-signature }
