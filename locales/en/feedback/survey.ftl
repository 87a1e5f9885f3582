### Satisfaction survey, sent a few days after an order has been delivered.

# Variables:
#   $orderId (String) - the order number, e.g. 104817
survey-subject = What do you think of your order { $orderId }?

# Variables:
#   $name (String) - the customer's first name
survey-greeting = Hello { $name },

# Variables:
#   $orderId (String) - the order number
survey-intro = You recently received your order { $orderId } from { -brand-name }. We would love to hear what you think of it.

# Variables:
#   $surveyUrl (String) - the link to the survey
survey-invite = Would you take two minutes to <a href="{ $surveyUrl }">answer a few short questions</a>?

# The button that opens the survey; the title is shown on hover.
survey-button = Start the survey
    .title = The survey takes about two minutes

survey-privacy = Your answers are anonymous and are only used to improve our products and service.

survey-reminder = The survey will stay open for 14 days.

survey-closing =
    Thank you in advance for your time!
    { footer-signature }
