delivery-problem-subject = Problème de livraison de votre commande { $orderId }

delivery-problem-greeting = Bonjour { $name },

delivery-problem-intro = Malheureusement, un problème est survenu lors de la livraison de votre colis.

delivery-problem-failed = Nous n'avons pas pu livrer votre commande { $orderId }.

delivery-problem-attempt = Notre transporteur { $carrier } a tenté de vous livrer le { DATETIME($deliveryDate, dateStyle: "long") }, mais n'a pas pu vous remettre le colis.

delivery-problem-options = Veuillez choisir une nouvelle date de livraison ou un point relais près de chez vous sur la <a href="{ $trackingUrl }">page de suivi</a>.

delivery-problem-button = Choisir une nouvelle date de livraison
    .aria-label = Choisir une nouvelle date de livraison pour la commande { $orderId }

delivery-problem-return = Si vous ne choisissez pas de nouvelle option de livraison sous 7 jours, le colis nous sera retourné et nous vous rembourserons automatiquement le montant total de votre commande.

delivery-problem-closing =
    { footer-help }
    { footer-signature }
