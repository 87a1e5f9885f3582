### Order confirmation, sent right after checkout.

# Variables:
#   $orderId (String) - the order number, e.g. 104817
confirmation-subject = Your order { $orderId } at { -brand-name }

# Variables:
#   $name (String) - the customer's first name
confirmation-greeting = Hello { $name },

# Variables:
#   $orderId (String) - the order number
confirmation-intro = Thank you for your order! We have received order { $orderId } and are now getting it ready for shipment.

# Variables:
#   $itemCount (Number) - the number of items in the order
#   $total (Number) - the order total in euros, including VAT
confirmation-items =
    Your order contains { $itemCount ->
        [one] one item
       *[other] { $itemCount } items
    } for a total of €{ NUMBER($total, minimumFractionDigits: 2) }, including VAT.

# Variables:
#   $deliveryDate (Date) - the expected delivery date
#   $carrier (String) - the name of the delivery company, e.g. DHL
confirmation-delivery = We expect your order to arrive on { DATETIME($deliveryDate, dateStyle: "long") }. As soon as { $carrier } has picked up your parcel, we will send you an email with a link to track it.

# The button that opens the order in the customer's account.
# Variables:
#   $orderId (String) - the order number
confirmation-button = View your order
    .title = View the details of order { $orderId } in your account

# "account-link" is a link to the order page of the customer's account.
confirmation-change = Would you like to change something? Until your order has been shipped, you can change or cancel it free of charge in <a data-l10n-name="account-link">your account</a>.

confirmation-closing =
    { footer-help }
    { footer-signature }
