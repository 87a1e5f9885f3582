### Sent when the carrier could not deliver a parcel.

# Variables:
#   $orderId (String) - the order number, e.g. 104817
delivery-problem-subject = Delivery problem with your order { $orderId }

# Variables:
#   $name (String) - the customer's first name
delivery-problem-greeting = Hello { $name },

delivery-problem-intro = Unfortunately, something went wrong with the delivery of your parcel.

# Variables:
#   $orderId (String) - the order number
delivery-problem-failed = We could not deliver your order { $orderId }.

# Variables:
#   $carrier (String) - the name of the delivery company, e.g. DHL
#   $deliveryDate (Date) - the date of the failed delivery attempt
delivery-problem-attempt = Our delivery partner { $carrier } tried to deliver it on { DATETIME($deliveryDate, dateStyle: "long") }, but the parcel could not be handed over.

# Variables:
#   $trackingUrl (String) - the carrier's tracking page for this parcel
delivery-problem-options = Please choose a new delivery date or a pickup point near you on the <a href="{ $trackingUrl }">tracking page</a>.

# A button that opens the tracking page. The aria-label is read out by screen readers.
# Variables:
#   $orderId (String) - the order number
delivery-problem-button = Choose a new delivery date
    .aria-label = Choose a new delivery date for order { $orderId }

delivery-problem-return = If you do not choose a new delivery option within 7 days, the parcel will be returned to us and we will automatically refund the full amount of your order.

delivery-problem-closing =
    { footer-help }
    { footer-signature }
