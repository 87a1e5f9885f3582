### Footer partials. footer-help and footer-signature are pulled into the
### emails through message references; footer-reason and footer-logo are
### added by the HTML layout under every email.

footer-help = Do you have a question? Simply reply to this email or visit our <a href="https://www.tulipandco.example/en/help">Help Centre</a>.

footer-signature =
    Kind regards,
    { -support-team }

footer-reason = You are receiving this email because you have an account or an order with { -brand-name }.

# The shop logo at the top of every email.
footer-logo =
    .alt = { -brand-name } logo
