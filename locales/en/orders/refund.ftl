### Refund confirmation, sent when we have refunded (part of) an order.

# Variables:
#   $orderId (String) - the order number, e.g. 104817
refund-subject = Your refund for order { $orderId }

# Variables:
#   $name (String) - the customer's first name
refund-greeting = Dear { $name },

# Variables:
#   $itemCount (Number) - the number of returned items
#   $refundAmount (Number) - the refunded amount in euros
#   $orderId (String) - the order number
refund-issued =
    We have received your return of { $itemCount ->
        [one] one item
       *[other] { $itemCount } items
    } and refunded €{ NUMBER($refundAmount, minimumFractionDigits: 2) } for your order { $orderId }.

refund-timing = The amount will be credited within 3 to 5 business days to the payment method you used for your order. Depending on your bank, it may take a few more days before it appears on your statement.

# "orders-link" is a link to the order history in the customer's account;
# use the name of that page in your locale.
refund-status = You can check the status of your refund at any time under <a data-l10n-name="orders-link">My orders</a>.

refund-helpful = I hope this information is helpful to you.

refund-pleasure = It was a pleasure to help you.

# Variables:
#   $surveyUrl (String) - a short survey about this support contact
refund-feedback = Thank you for your patience. Would you take a moment to <a href="{ $surveyUrl }">rate our service</a>? Your feedback helps us to be the most customer-centric company in the world.

refund-closing = { footer-signature }
