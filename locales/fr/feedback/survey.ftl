survey-subject = Que pensez-vous de votre commande { $orderId } ?

survey-greeting = Bonjour { $name },

survey-intro = Vous avez récemment reçu votre commande { $orderId } de { -brand-name }. Nous aimerions beaucoup connaître votre avis.

survey-invite = Accepteriez-vous de prendre deux minutes pour <a href="{ $surveyUrl }">répondre à quelques questions</a> ?

survey-button = Commencer l'enquête
    .title = L'enquête prend environ deux minutes

survey-privacy = Vos réponses sont anonymes et servent uniquement à améliorer nos produits et notre service.

survey-closing =
    Merci d'avance pour votre participation !
    { footer-signature }
