survey-subject = Wat vindt u van uw bestelling { $orderId }?

survey-greeting = Beste { $name },

survey-intro = U heeft onlangs uw bestelling { $orderId } van { -brand-name } ontvangen. Wij horen graag wat u ervan vindt.

survey-invite = Wilt u twee minuten de tijd nemen om <a href="{ $surveyUrl }">een paar korte vragen te beantwoorden</a>?

survey-button = Start de enquête
    .title = De enquête duurt ongeveer twee minuten

survey-privacy = Uw antwoorden zijn anoniem en worden alleen gebruikt om onze producten en service te verbeteren.

survey-reminder = De enquête staat 14 dagen open.

survey-closing =
    Alvast hartelijk dank voor uw tijd!
    { footer-signature }
