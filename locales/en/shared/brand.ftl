### Terms shared by every email: the name of the shop and of its support team.
### Terms are private to each locale; translate them the way your language
### names a shop, not word for word.

-brand-name = Tulip & Co
-support-team = { -brand-name } Customer Service
